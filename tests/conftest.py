"""Shared fixtures: the repository root, and the built site served on 127.0.0.1 for browser tests."""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SITE = Path(os.environ.get("BOOK_SITE", ROOT / "_build" / "html"))  # BOOK_SITE: test another build
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def svg_text(svg: str) -> str:
    """The words a figure shows or speaks: its SVG text elements and accessible names."""
    return " ".join(re.findall(r">([^<>]+)<", svg)) + " " + " ".join(re.findall(r'aria-label="([^"]*)"', svg))


def frame_leaves(widget) -> list:
    """The HTML frames at the leaves of a panel's layer tree (nested Stacks and boxes)."""
    if not hasattr(widget, "children"):
        return [widget]
    return [leaf for child in widget.children for leaf in frame_leaves(child)]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output readable
        pass


@pytest.fixture(scope="session")
def site_url():
    """Serve the built site on a free loopback port for the whole session."""
    if not (SITE / "index.html").exists():
        pytest.fail(f"no built site at {SITE}: run `make build` first (make test does)")
    handler = functools.partial(_QuietHandler, directory=str(SITE))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; fails (never skips) with a fix if it is missing."""
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}. Install Debian's package "
            "(`sudo apt-get install chromium`; `make test` does this when run as root) "
            "or set CHROMIUM=/path/to/chromium."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
