"""A ``{bench-results}`` directive: render bench/results.json (written by `make bench`) as tables.

The status page shows the numbers the benchmark measured, not numbers typed by hand.
"""

from __future__ import annotations

import json
from pathlib import Path

from docutils import nodes
from sphinx.util.docutils import SphinxDirective


def _table(title: str, header: list[str], rows: list[list]) -> nodes.table:
    """A docutils table with a caption and a header row (parser-independent: MyST or reST)."""
    table = nodes.table()
    table += nodes.title(text=title)
    group = nodes.tgroup(cols=len(header))
    table += group
    group.extend(nodes.colspec(colwidth=1) for _ in header)

    def row(cells):
        tr = nodes.row()
        for cell in cells:
            entry = nodes.entry()
            entry += nodes.paragraph(text=str(cell))
            tr += entry
        return tr

    group += nodes.thead("", row(header))
    group += nodes.tbody("", *(row(cells) for cells in rows))
    return table


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
        tables = [
            _table(f"Environment (measured {results['date']})", ["item", "value"], list(results["machine"].items())),
            _table(
                "Build and test times (seconds)",
                ["measurement", "seconds"],
                [
                    ["clean build, every notebook executed", _fmt(results["build_clean_s"])],
                    ["no-op rebuild (best of three)", _fmt(results["build_noop_s"])],
                    ["strict nbval, all notebooks", _fmt(results["nbval_s"])],
                    ["make test (installation excluded)", _fmt(results["make_test_s"])],
                ],
            ),
            _table(
                "Notebook execution (seconds)",
                ["notebook", "seconds"],
                [[name, _fmt(seconds)] for name, seconds in results["notebook_exec_s"].items()],
            ),
            _table(
                "Widget update latency: callback + redraw, 50 updates (milliseconds)",
                ["panel", "median", "95th percentile"],
                [[name, _fmt(v["p50"]), _fmt(v["p95"])] for name, v in results["widget_update_ms"].items()],
            ),
        ]
        if results.get("pages"):
            tables.append(
                _table(
                    "Notebook pages on the static site: first load in Chromium from a local server "
                    "(MB transferred, raw and gzip-compressed; seconds to the first figure)",
                    ["page", "HTML MB", "load MB", "gzip MB", "figure s", "frames", "controls on"],
                    [[name, _fmt(p["html_mb"]), _fmt(p["transfer_mb"]), _fmt(p["transfer_gzip_mb"]),
                      _fmt(p["first_figure_s"]), _fmt(p["frames"]), p["controls"]]
                     for name, p in results["pages"].items()],
                )
            )
        if results.get("kernels"):
            tables.append(
                _table(
                    "Hot kernels, best of three calls (seconds)",
                    ["kernel", "seconds"],
                    [[name, _fmt(seconds)] for name, seconds in results["kernels"].items()],
                )
            )
        return tables


def setup(app):
    app.add_directive("bench-results", BenchResults)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
