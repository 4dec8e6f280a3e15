"""Reader-facing text carries no authors' status tags.

The book's reference sheet marks each source READ-P, READ-S, UNVERIFIED or CONFLICTING. Those tags
are notes for authors; a reader sees plain words instead ("reported by ...; we could not check the
primary source"). This test fails if a tag appears in a chapter (``book/*.md``) or anywhere in a
notebook's cell sources or stored outputs (``notebooks/*.ipynb``), one test per file so that a
failure names the file and the lines.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TAG = re.compile(r"\b(?:READ-[PS]|UNVERIFIED|CONFLICTING)\b")
CHAPTERS = sorted((ROOT / "book").glob("*.md"))
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def _hits(text: str, where: str) -> list[str]:
    return [f"{where}:{number}: {line.strip()[:120]}" for number, line in enumerate(text.splitlines(), 1) if TAG.search(line)]


def test_files_are_found():
    assert CHAPTERS and NOTEBOOKS


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.name for p in CHAPTERS])
def test_chapter_has_no_status_tags(path):
    hits = _hits(path.read_text(encoding="utf-8"), path.name)
    assert not hits, "status tags in a chapter (write plain words, e.g. a footnote):\n" + "\n".join(hits)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_has_no_status_tags(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    hits = []
    for index, cell in enumerate(notebook["cells"]):
        source = "".join(cell.get("source", []))
        hits += _hits(source, f"{path.name} cell {index} source")
        for output in cell.get("outputs", []):
            # every stored representation: stream text, text/plain, text/html, widget views, ...
            text = json.dumps(output, ensure_ascii=False).replace("\\n", "\n")
            hits += _hits(text, f"{path.name} cell {index} output")
    assert not hits, "status tags in a notebook (sources or outputs):\n" + "\n".join(hits)
