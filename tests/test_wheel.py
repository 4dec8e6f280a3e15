"""The library installs anywhere: a wheel built from the repository carries its datasets.

Builds the wheel, installs it (with its dependencies, from the package index or pip's cache) into a
fresh virtual environment in a temporary folder, and reads every dataset from a working directory
outside the repository, where no editable install or source tree can help.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import venv

from conftest import ROOT

READ_EVERY_DATASET = """
import pathlib, physics_lib
from physics_lib import dpd
from physics_lib.scaling import laws
assert "site-packages" in pathlib.Path(physics_lib.__file__).parts, physics_lib.__file__
for name in ("APA_200MHz", "DPA_200MHz"):
    x, y, spec = dpd.load_opendpd(name, "test")
    print(name, x.size, spec["bw_main_ch"])
runs = laws.load_porian_runs("fully_corrected")
print("porian", len(runs["loss"]), laws.load_porian_reference("fully_corrected")["n_exponent"])
"""


def test_wheel_installs_into_a_fresh_venv_and_reads_every_dataset(tmp_path):
    # build from a copy: an in-tree build would leave build/ in the repository
    source = tmp_path / "source"
    shutil.copytree(ROOT / "src", source / "src", ignore=shutil.ignore_patterns("*.egg-info", "__pycache__"))
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, source / name)
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheels), str(source)],
                   check=True, capture_output=True, cwd=tmp_path)
    (wheel,) = wheels.glob("physics_lib-*.whl")
    venv.create(tmp_path / "venv", with_pip=True)
    python = tmp_path / "venv" / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "-q", "--disable-pip-version-check", str(wheel)], check=True, cwd=tmp_path)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    result = subprocess.run([python, "-c", READ_EVERY_DATASET], capture_output=True, text=True, cwd=outside)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("APA_200MHz ") and lines[1].startswith("DPA_200MHz ")
    assert lines[2].startswith("porian ") and "0.49" in lines[2]  # Porian et al.'s exponent a, 0.497
