"""The built site in a real browser: every page loads cleanly and offline, math and widgets render.

Run by `make test` after the build (marker ``browser``).
"""

from __future__ import annotations

import re

import pytest

from conftest import SITE

pytestmark = pytest.mark.browser

PAGES = sorted(
    path.relative_to(SITE).as_posix()
    for path in SITE.rglob("*.html")
    if not path.relative_to(SITE).as_posix().startswith(("_static", "_sources"))
)
WIDGET_PAGES = [page for page in PAGES if "application/vnd.jupyter.widget-state+json" in (SITE / page).read_text()]


def _open(browser, site_url, page_path):
    """Load a page; return (page, console errors, requests that left the local server)."""
    page = browser.new_page()
    errors, external = [], []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: not request.url.startswith((site_url, "data:", "blob:")) and external.append(request.url))
    page.on("requestfailed", lambda request: errors.append(f"failed request {request.url}"))
    page.on("response", lambda response: response.status >= 400 and errors.append(f"HTTP {response.status} {response.url}"))
    page.goto(f"{site_url}/{page_path}", wait_until="networkidle")
    return page, errors, external


def test_site_has_pages():
    assert "book/intro.html" in PAGES and "notebooks/intro.html" in PAGES
    assert WIDGET_PAGES, "no page embeds widget state: were the notebooks executed with it?"


@pytest.mark.parametrize("page_path", PAGES)
def test_page_loads_offline_without_console_errors(browser, site_url, page_path):
    page, errors, external = _open(browser, site_url, page_path)
    page.wait_for_timeout(300)  # late errors from deferred scripts
    page.close()
    assert external == [], f"{page_path} requested outside the site: {external}"
    assert errors == [], f"{page_path} console errors: {errors}"


@pytest.mark.parametrize("page_path", [p for p in PAGES if "$" in (SITE / p.replace(".html", ".html")).read_text() or "math notranslate" in (SITE / p).read_text()])
def test_math_is_typeset(browser, site_url, page_path):
    page, _, _ = _open(browser, site_url, page_path)
    page.wait_for_selector("mjx-container", timeout=10_000)
    assert page.locator("mjx-container").count() > 0
    assert page.locator("mjx-merror").count() == 0, "MathJax reported a TeX error"
    page.close()


@pytest.mark.parametrize("page_path", WIDGET_PAGES)
def test_widgets_render(browser, site_url, page_path):
    page, _, _ = _open(browser, site_url, page_path)
    page.wait_for_selector(".widget-slider, .jupyter-widgets", timeout=10_000)
    views = page.locator("script[type='application/vnd.jupyter.widget-view+json']").count()
    rendered = page.locator(".jupyter-widgets.widget-vbox, .widget-vbox").count()
    page.close()
    assert views > 0 and rendered >= views, f"{rendered} of {views} widget views rendered"


def _visible_frame_label(stack):
    frames = stack.locator(":scope > .widget-html:visible svg[role=img]")
    assert frames.count() == 1, f"{frames.count()} frames visible at once"
    return frames.first.get_attribute("aria-label")


@pytest.mark.parametrize("page_path", WIDGET_PAGES)
def test_explorable_slider_switches_frames(browser, site_url, page_path):
    page, _, _ = _open(browser, site_url, page_path)
    page.wait_for_selector(".physics-explorable", timeout=10_000)
    explorables = page.locator(".physics-explorable")
    for index in range(explorables.count()):
        explorable = explorables.nth(index)
        stack = explorable.locator(".physics-frames")
        handle = explorable.locator(".widget-slider .noUi-handle").first
        before = _visible_frame_label(stack)
        handle.focus()
        for _ in range(3):
            page.keyboard.press("ArrowRight")
        page.wait_for_timeout(200)
        after = _visible_frame_label(stack)
        if after == before:  # the slider may have started at its right end
            for _ in range(6):
                page.keyboard.press("ArrowLeft")
            page.wait_for_timeout(200)
            after = _visible_frame_label(stack)
        assert after and after != before, f"slider {index} on {page_path} did not change the figure"
    page.close()
