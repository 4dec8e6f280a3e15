"""Execute notebooks in place, storing outputs and widget state: the one command behind `make notebooks`.

Usage: python scripts/execute_notebooks.py [NOTEBOOK ...]   (default: every notebooks/*.ipynb)

Each notebook runs in a fresh kernel with its own folder as working directory. Volatile metadata
(execution timestamps) is dropped so that re-running an unchanged notebook changes only what the
computation changes. Per-notebook wall times go to bench/notebook_times.json for the status page.
Panels precompute their frames for the static site (``PHYSICS_LIB_FRAMES=1``, inherited by kernels).
"""

from __future__ import annotations

import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
TIMES = ROOT / "bench" / "notebook_times.json"
os.environ["PHYSICS_LIB_FRAMES"] = "1"  # what the site shows: every control switches precomputed frames
START_ATTEMPTS = 3


def execute(path: Path) -> float:
    notebook = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    for attempt in range(1, START_ATTEMPTS + 1):
        client = NotebookClient(
            notebook,
            timeout=600,
            kernel_name="python3",
            resources={"metadata": {"path": str(path.parent)}},
            store_widget_state=True,
            record_timing=False,
        )
        try:
            client.execute()
            break
        except RuntimeError:
            # A kernel that died before running a cell (two kernels racing for a TCP port) is
            # started again; one that died while running a cell is a real failure.
            if client.code_cells_executed or attempt == START_ATTEMPTS:
                raise
    elapsed = time.perf_counter() - start
    nbformat.write(notebook, path)
    return elapsed


def main(paths: list[str]) -> None:
    notebooks = [Path(p).resolve() for p in paths] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    times = json.loads(TIMES.read_text()) if TIMES.exists() else {}
    # one kernel per core: each notebook is independent and seeded, so the order does not matter
    with ProcessPoolExecutor(max_workers=min(len(notebooks), os.cpu_count() or 1)) as pool:
        for path, elapsed in zip(notebooks, pool.map(execute, notebooks)):
            times[path.stem] = round(elapsed, 2)
            print(f"executed {path.relative_to(ROOT)} in {elapsed:.1f} s")
    TIMES.parent.mkdir(exist_ok=True)
    TIMES.write_text(json.dumps(dict(sorted(times.items())), indent=2) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
