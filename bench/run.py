"""The book's benchmark: `make bench` writes bench/results.json (rendered on the status page).

Measures, on this machine:
- build_clean_s: a copy of the repository with every notebook executed and the book built from
  scratch (the work `make notebooks` + `make build` do), without touching the working tree;
- build_noop_s: the same build run again with nothing changed (best of three: a shared machine's
  noise only ever adds time, and this one is a few seconds);
- nbval_s: strict nbval over every notebook;
- make_test_s: `make test` with the environment already installed (skipped with --quick);
- notebook_exec_s: per-notebook execution time (from the clean build);
- widget_update_ms: per panel, p50 and p95 of 50 updates (callback + redraw), driven programmatically;
- pages: per notebook page of the clean build, in Chromium on a local server: the HTML's size, the
  bytes a first load transfers (raw, and gzip-compressed as a static host serves them), the time
  from navigation to the first figure, the precomputed frames and the active/total controls;
- kernels: the hot kernels each chapter names, best of three calls, in seconds.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import timeit
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results.json"
VENV_BIN = Path(sys.executable).parent
COPY_IGNORE = shutil.ignore_patterns(".venv", "node_modules", "_build", ".git", ".pytest_cache", ".hypothesis", "__pycache__")


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return round(time.perf_counter() - start, 2)


def build_times() -> tuple[float, float, dict, dict]:
    """Clean build (notebooks executed), no-op rebuild and the built pages' weight and speed, in a
    scratch copy of the repository."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "book"
        shutil.copytree(ROOT, copy, ignore=COPY_IGNORE)
        (copy / "node_modules").symlink_to(ROOT / "node_modules")
        (copy / "bench" / "notebook_times.json").unlink(missing_ok=True)
        python = str(VENV_BIN / "python")
        start = time.perf_counter()
        subprocess.run([python, "scripts/vendor_assets.py"], cwd=copy, check=True, stdout=subprocess.DEVNULL)
        subprocess.run([python, "scripts/execute_notebooks.py"], cwd=copy, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        build = [str(VENV_BIN / "jupyter-book"), "build", ".", "-W", "-n", "--keep-going"]
        subprocess.run(build, cwd=copy, check=True, stdout=subprocess.DEVNULL)
        clean = round(time.perf_counter() - start, 2)
        noop = min(timed(build, copy) for _ in range(3))
        notebook_times = json.loads((copy / "bench" / "notebook_times.json").read_text())
        pages = page_weights(copy / "_build" / "html")
    return clean, noop, notebook_times, pages


# What a first visit to a page shows: the first figure, and every control of every panel (a
# disabled one works only in a kernel).
_FIRST_FIGURE = ".physics-frames .physics-figure svg"
_CONTROLS = """[...document.querySelectorAll(
    '.physics-panel > .widget-slider, .physics-panel > .widget-dropdown, .physics-panel > .widget-toggle-buttons'
)].map(c => !c.querySelector('[disabled]'))"""


def page_weights(site: Path) -> dict:
    """Per notebook page: HTML bytes, first-load transfer (raw and gzip), time to first figure
    (best of three loads), precomputed frames, and active/total controls."""
    import gzip
    import http.server
    import threading
    from functools import partial

    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import CHROMIUM, CHROMIUM_ARGS, _QuietHandler

    handler = partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    results = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for html in sorted((site / "notebooks").glob("*.html")):
                page_path = html.relative_to(site).as_posix()
                first = []
                for attempt in range(3):
                    page = browser.new_page()
                    bodies = []
                    if attempt == 0:
                        page.on("response", lambda response: bodies.append(response))
                    page.goto(f"{url}/{page_path}", wait_until="commit")
                    page.wait_for_selector(_FIRST_FIGURE, state="visible", timeout=30_000)
                    first.append(page.evaluate("performance.now()") / 1e3)
                    if attempt == 0:
                        page.wait_for_load_state("networkidle")
                        payloads = [response.body() for response in bodies if response.ok]
                        controls = page.evaluate(_CONTROLS)
                    page.close()
                state = json.loads(html.read_text().split('application/vnd.jupyter.widget-state+json">', 1)[1].split("</script>", 1)[0])
                frames = sum('class="physics-layer"' in model["state"].get("value", "") for model in state["state"].values())
                results[html.stem] = {
                    "html_mb": round(html.stat().st_size / 1e6, 2),
                    "transfer_mb": round(sum(map(len, payloads)) / 1e6, 2),
                    "transfer_gzip_mb": round(sum(len(gzip.compress(body)) for body in payloads) / 1e6, 2),
                    "first_figure_s": round(min(first), 2),
                    "frames": frames,
                    "controls": f"{sum(controls)}/{len(controls)}",
                }
            browser.close()
    finally:
        server.shutdown()
    return results


def widget_latency(n_updates: int = 50) -> dict:
    """p50/p95 of callback + redraw per panel, each control swept over its range in turn."""
    from physics_lib.interactive import panel_factories

    sys.path.insert(0, str(ROOT / "tests"))
    from test_panels_reliability import control_values

    rng = np.random.default_rng(0)
    results = {}
    for name, factory in panel_factories().items():
        panel = factory()
        panel.live()  # the live view: what a reader in a kernel sees redrawn on every change
        controls = list(panel.controls.values())
        samples = []
        for i in range(n_updates):
            control = controls[i % len(controls)]
            # A value equal to the current one fires no callback, so it would time nothing.
            candidates = control_values(control, rng)
            value = next(candidates[j] for j in rng.permutation(len(candidates)) if candidates[j] != control.value)
            start = time.perf_counter()
            control.value = value
            samples.append(time.perf_counter() - start)
        results[name] = {"p50": round(1e3 * float(np.median(samples)), 2), "p95": round(1e3 * float(np.percentile(samples, 95)), 2)}
    return results


def kernels(repeats: int = 3) -> dict:
    """Hot kernels named by the chapter issues: the best of ``repeats`` calls of each (timeit's
    convention: on a shared machine, noise only ever adds time)."""
    from bench import kernels as registry  # noqa: PLC0415  (bench/kernels.py, one function per kernel)

    return {name: round(min(timeit.repeat(function, number=1, repeat=repeats)), 3)
            for name, function in registry.KERNELS.items()}


# The environment the status page reports: what computes (numpy, scipy, BLAS threads) and what
# builds, executes and checks the book.
PACKAGES = ["numpy", "scipy", "matplotlib", "sympy", "ipywidgets", "ipykernel", "jupyter-book", "sphinx", "myst-nb", "nbval"]


def machine() -> dict:
    from importlib.metadata import version

    return {
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        **{name: version(name) for name in PACKAGES},
        "BLAS threads": os.environ.get("OPENBLAS_NUM_THREADS", "all"),
        "platform": platform.platform(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the make test timing")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))

    results = {"date": datetime.date.today().isoformat(), "machine": machine()}
    results["build_clean_s"], results["build_noop_s"], results["notebook_exec_s"], results["pages"] = build_times()
    results["nbval_s"] = timed(["make", "--no-print-directory", "test-notebooks"], ROOT)
    results["widget_update_ms"] = widget_latency()
    results["kernels"] = kernels()
    # make test checks these results cover every notebook and panel: write them before timing it
    results["make_test_s"] = None
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    if not args.quick:
        results["make_test_s"] = timed(["make", "test"], ROOT)
        RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
