"""Dataset access: every dataset is licensed and sourced; a missing or malformed file is named."""

import numpy as np
import pytest

from physics_lib._data import DATA_DIR, data_file, read_csv


def test_every_dataset_has_license_and_source():
    folders = [path for path in DATA_DIR.iterdir() if path.is_dir()]
    for folder in folders:
        assert (folder / "LICENSE").is_file(), f"{folder.name} has no LICENSE"
        assert (folder / "SOURCE.txt").is_file(), f"{folder.name} has no SOURCE.txt"


def test_missing_file_is_named():
    with pytest.raises(FileNotFoundError, match="no_such_dataset/values.csv"):
        data_file("no_such_dataset", "values.csv")


def test_read_csv_parses_numbers_and_keeps_strings(tmp_path):
    path = tmp_path / "runs.csv"
    path.write_text("name,loss\na,1.5\nb,\n")
    table = read_csv(path)
    assert list(table["name"]) == ["a", "b"]
    assert table["loss"][0] == 1.5 and np.isnan(table["loss"][1])


@pytest.mark.parametrize("text", ["", "name,loss\n", "name,loss\na,1,2\n"])
def test_malformed_csv_is_named(tmp_path, text):
    path = tmp_path / "broken.csv"
    path.write_text(text)
    with pytest.raises(ValueError, match="broken.csv"):
        read_csv(path)


def test_non_numeric_value_in_a_numeric_column_is_named(tmp_path):
    path = tmp_path / "runs.csv"
    path.write_text("loss\n1.0\nabc\n")
    with pytest.raises(ValueError, match="runs.csv: column 'loss' must be numeric"):
        read_csv(path, numeric=("loss",))
