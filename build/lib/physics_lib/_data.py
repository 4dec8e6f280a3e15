"""Locate and read the book's datasets, shipped inside the package in ``physics_lib/data/`` (each
folder has a LICENSE and SOURCE.txt), so an installed wheel reads them as a clone does."""

from __future__ import annotations

import csv
from importlib.resources import files
from importlib.resources.abc import Traversable

import numpy as np

DATA_DIR = files("physics_lib") / "data"

__all__ = ["DATA_DIR", "data_file", "read_csv"]


def data_file(*parts: str) -> Traversable:
    """A file under ``physics_lib/data/``; raises ``FileNotFoundError`` naming it if it is missing."""
    path = DATA_DIR.joinpath(*parts)
    if not path.is_file():
        raise FileNotFoundError(f"data file {path} not found (the book's datasets live in {DATA_DIR})")
    return path


def read_csv(path: Traversable, numeric: tuple[str, ...] | None = None) -> dict[str, np.ndarray]:
    """Read a CSV with a header row into ``{column: array}``.

    Columns named in ``numeric`` (default: every column that parses as numbers) become float
    arrays; the others stay arrays of strings. A malformed file raises ``ValueError`` naming it.
    """
    with path.open(newline="") as handle:
        rows = list(csv.reader(handle))
    if len(rows) < 2 or any(len(row) != len(rows[0]) for row in rows[1:]):
        raise ValueError(f"{path} is not a rectangular CSV with a header row and data")
    header, body = rows[0], rows[1:]
    columns = {name: [row[i] for row in body] for i, name in enumerate(header)}
    table = {}
    for name, values in columns.items():
        try:
            table[name] = np.array([float(v) if v != "" else np.nan for v in values])
        except ValueError as error:
            if numeric is not None and name in numeric:
                raise ValueError(f"{path}: column {name!r} must be numeric") from error
            table[name] = np.array(values)
    return table
