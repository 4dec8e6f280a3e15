"""bench/results.json, written by `make bench` and shown on the status page, covers the whole book.

Timings are not asserted here (speed is measured by the benchmark, not by timed tests); what is
checked is that the committed results hold every measurement and are not stale: a notebook or a
widget panel added without re-running `make bench` fails.
"""

import json

from conftest import ROOT

from physics_lib.interactive import panel_factories

RESULTS = json.loads((ROOT / "bench" / "results.json").read_text())


def test_every_measurement_is_recorded_with_its_environment():
    keys = {"date", "machine", "build_clean_s", "build_noop_s", "nbval_s", "make_test_s",
            "notebook_exec_s", "widget_update_ms", "kernels", "pages"}
    assert keys <= RESULTS.keys()
    assert {"cores", "python", "numpy"} <= RESULTS["machine"].keys()
    assert RESULTS["kernels"], "no hot kernel timed"


def test_every_notebook_and_panel_is_measured():
    notebooks = {path.stem for path in (ROOT / "notebooks").glob("*.ipynb")}
    assert set(RESULTS["notebook_exec_s"]) == notebooks
    assert set(RESULTS["widget_update_ms"]) == set(panel_factories())
    assert all({"p50", "p95"} <= timing.keys() for timing in RESULTS["widget_update_ms"].values())
    assert set(RESULTS["pages"]) == notebooks
    assert all({"html_mb", "transfer_gzip_mb", "first_figure_s", "frames", "controls"} <= page.keys()
               for page in RESULTS["pages"].values())
