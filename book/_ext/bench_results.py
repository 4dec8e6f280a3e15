"""A ``{bench-results}`` directive: render bench/results.json (written by `make bench`) as tables.

The status page shows the numbers the benchmark measured, not numbers typed by hand.
"""

from __future__ import annotations

import json
from pathlib import Path

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective


def _list_table(title: str, header: list[str], rows: list[list]) -> list[str]:
    lines = [f".. list-table:: {title}", "   :header-rows: 1", ""]
    for row in [header, *rows]:
        lines.append(f"   * - {row[0]}")
        lines.extend(f"     - {cell}" for cell in row[1:])
    return lines + [""]


def _fmt(value) -> str:
    return "not measured" if value is None else f"{value:g}" if isinstance(value, (int, float)) else str(value)


class BenchResults(SphinxDirective):
    """Tables of the measured benchmark results and the environment they were measured in."""

    def run(self):
        path = Path(self.env.srcdir) / "bench" / "results.json"
        self.env.note_dependency(str(path))
        if not path.exists():
            return [nodes.paragraph(text="No benchmark results yet: run `make bench`.")]
        results = json.loads(path.read_text())
        machine = results["machine"]
        rst = _list_table(
            f"Environment (measured {results['date']})",
            ["item", "value"],
            [[key, value] for key, value in machine.items()],
        )
        rst += _list_table(
            "Build and test times (seconds)",
            ["measurement", "seconds"],
            [
                ["clean build, every notebook executed", _fmt(results["build_clean_s"])],
                ["no-op rebuild (best of three)", _fmt(results["build_noop_s"])],
                ["strict nbval, all notebooks", _fmt(results["nbval_s"])],
                ["make test (installation excluded)", _fmt(results["make_test_s"])],
            ],
        )
        rst += _list_table(
            "Notebook execution (seconds)",
            ["notebook", "seconds"],
            [[f"``{name}``", _fmt(seconds)] for name, seconds in results["notebook_exec_s"].items()],
        )
        rst += _list_table(
            "Widget update latency: callback + redraw, 50 updates (milliseconds)",
            ["panel", "median", "95th percentile"],
            [[f"``{name}``", _fmt(v["p50"]), _fmt(v["p95"])] for name, v in results["widget_update_ms"].items()],
        )
        if results.get("kernels"):
            rst += _list_table(
                "Hot kernels, best of three calls (seconds)",
                ["kernel", "seconds"],
                [[name, _fmt(seconds)] for name, seconds in results["kernels"].items()],
            )
        container = nodes.section()
        self.state.nested_parse(StringList(rst), self.content_offset, container)
        return container.children


def setup(app):
    app.add_directive("bench-results", BenchResults)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
