"""The built site in a real browser: every page loads cleanly and offline, math and widgets render.

Run by `make test` after the build (marker ``browser``).
"""

from __future__ import annotations

import re

import pytest

from conftest import ROOT, SITE

pytestmark = pytest.mark.browser

PAGES = sorted(
    path.relative_to(SITE).as_posix()
    for path in SITE.rglob("*.html")
    if not path.relative_to(SITE).as_posix().startswith(("_static", "_sources"))
)
WIDGET_PAGES = [page for page in PAGES if "application/vnd.jupyter.widget-state+json" in (SITE / page).read_text()]


# index.html only redirects to the first chapter (a meta refresh), so it has no content to audit
CONTENT_PAGES = [page for page in PAGES if 'http-equiv="Refresh"' not in (SITE / page).read_text()]
MATH_PAGES = [page for page in PAGES if 'class="math notranslate' in (SITE / page).read_text()]


def _open(browser, site_url, page_path, **context):
    """Load a page; return (page, console errors, requests that left the local server)."""
    page = browser.new_page(**context)
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
    assert MATH_PAGES, "no page has math"


@pytest.mark.parametrize("page_path", PAGES)
def test_page_loads_offline_without_console_errors(visit, page_path):
    result = visit(page_path)
    assert result["external"] == [], f"{page_path} requested outside the site: {result['external']}"
    assert result["errors"] == [], f"{page_path} console errors: {result['errors']}"


@pytest.mark.parametrize("page_path", MATH_PAGES)
def test_math_is_typeset(visit, page_path):
    result = visit(page_path)
    assert result["math"] > 0
    assert result["math_errors"] == 0, "MathJax reported a TeX error"


@pytest.mark.parametrize("page_path", CONTENT_PAGES)
def test_no_serious_accessibility_violations(visit, page_path):
    """axe-core (vendored from npm) finds no serious or critical WCAG violation."""
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
        for v in visit(page_path)["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], f"{page_path}: " + "; ".join(serious)


# What a reader sees of one panel: the markup of its figure's visible layers (a Stack renders
# only its selected frame) and the accessible names in it.
PANEL_STATE = """panel => {
    const area = panel.querySelector('.physics-frames');
    return {figure: area ? area.innerHTML : '',
            names: [...panel.querySelectorAll('.physics-frames svg[role=img]')].map(s => s.getAttribute('aria-label'))};
}"""

# Each control of a panel: its kind, its label and shown value, and whether a reader can operate it.
CONTROLS = """panel => [...panel.querySelectorAll(':scope > .widget-slider, :scope > .widget-dropdown, :scope > .widget-toggle-buttons')]
    .map(control => {
        const kind = control.classList.contains('widget-slider') ? 'slider'
                   : control.classList.contains('widget-dropdown') ? 'dropdown' : 'toggle';
        const select = control.querySelector('select');
        const pressed = control.querySelector('button.mod-active');
        const value = kind === 'slider' ? control.querySelector('.widget-readout').textContent
                    : kind === 'dropdown' ? select.options[select.selectedIndex].textContent : pressed.textContent;
        const disabled = !!control.querySelector('[disabled], .noUi-target[disabled]');
        return {kind, value: value.replace(/\u00a0/g, ' ').trim(), disabled,  // dropdowns show no-break spaces
                label: control.querySelector('.widget-label').textContent.trim()};
    })"""


def _operate(page, control, kind):
    """Change one control as a reader would: arrow keys on a slider, a new option in a dropdown,
    a click on the other toggle button."""
    if kind == "slider":
        control.locator("input[type=range]").focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(60)
        if control.evaluate("c => { const s = c.querySelector('input'); return s.value === s.max; }"):
            page.keyboard.press("ArrowLeft")
            page.keyboard.press("ArrowLeft")
    elif kind == "dropdown":
        select = control.locator("select")
        count, index = select.evaluate("s => [s.options.length, s.selectedIndex]")
        select.select_option(index=(index + 1) % count)
    else:
        control.locator("button:not(.mod-active)").first.click()
    page.wait_for_timeout(120)


def _operate_every_control(page) -> list[dict]:
    """Operate each control of each panel once; record whether the panel's figure changed and
    whether the alt text then names every control's shown value."""
    records = []
    panels = page.locator(".physics-panel")
    for p in range(panels.count()):
        panel = panels.nth(p)
        controls = panel.locator(":scope > .widget-slider, :scope > .widget-dropdown, :scope > .widget-toggle-buttons")
        for c in range(controls.count()):
            control = controls.nth(c)
            info = panel.evaluate(CONTROLS)[c]
            record = {"panel": p, "control": info["label"], "disabled": info["disabled"]}
            if info["disabled"]:
                record["note"] = panel.locator(".physics-live-only:visible").count() > 0
            else:
                before = panel.evaluate(PANEL_STATE)
                _operate(page, control, info["kind"])
                after = panel.evaluate(PANEL_STATE)
                shown = panel.evaluate(CONTROLS)
                record["moved"] = after["figure"] != before["figure"]
                record["names"] = after["names"]
                record["values_named"] = len(after["names"]) == 1 and all(
                    f"{ctl['label']} = {ctl['value']}" in after["names"][0] for ctl in shown
                )
            records.append(record)
    return records


# Every figure the widgets show: its accessible name (the named layer; other layers are decorative).
FIGURE_NAMES = """[...document.querySelectorAll('.physics-frames')]
    .map(area => [...area.querySelectorAll('svg[role=img]')].map(svg => svg.getAttribute('aria-label')))"""


def _widget_checks(page) -> dict:
    """What the widget tests check, read from a page whose widgets have rendered."""
    return {
        "views": page.locator("script[type='application/vnd.jupyter.widget-view+json']").count(),
        "rendered": page.locator(".widget-subarea > .physics-panel").count(),
        "unrendered": page.locator(".widget-needs-kernel").count(),
        "theme": page.evaluate("document.documentElement.dataset.theme"),
        "backgrounds": page.evaluate(
            "[...document.querySelectorAll('.physics-figure svg')].map(s => getComputedStyle(s).backgroundColor)"
        ),
        "figure_names": page.evaluate(FIGURE_NAMES),
        "controls": _operate_every_control(page),
    }


@pytest.fixture(scope="session")
def visit(browser, site_url):
    """Load each page once and record what every test checks of it.

    Widget pages load in the dark theme (a reader whose system prefers dark gets it), so axe
    audits the site in both themes; their widgets are audited once rendered, then driven.
    """
    visits = {}

    def _visit(page_path):
        if page_path not in visits:
            widgets = page_path in WIDGET_PAGES
            page, errors, external = _open(browser, site_url, page_path, color_scheme="dark" if widgets else "light")
            if page_path in MATH_PAGES:
                page.wait_for_selector("mjx-container", timeout=10_000)
            if widgets:
                page.wait_for_selector(".physics-frames .physics-figure svg", timeout=10_000)
            page.wait_for_timeout(300)  # late errors from deferred scripts
            axe = {"violations": None}
            if page_path in CONTENT_PAGES:
                page.add_script_tag(url=f"{site_url}/_static/vendor/axe-core/axe.min.js")
                axe = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
            visits[page_path] = {
                "errors": list(errors),
                "external": list(external),
                "math": page.locator("mjx-container").count(),
                "math_errors": page.locator("mjx-merror").count(),
                "violations": axe["violations"],
                **(_widget_checks(page) if widgets else {}),
            }
            page.close()
        return visits[page_path]

    return _visit


@pytest.mark.parametrize("page_path", WIDGET_PAGES)
def test_widgets_render(visit, page_path):
    """Every saved widget view is one of the book's panels, drawn by panels.js (it draws no other kind)."""
    result = visit(page_path)
    assert result["views"] > 0 and result["rendered"] == result["views"], f"{result['rendered']} of {result['views']} widget views rendered"
    assert result["unrendered"] == 0


@pytest.mark.parametrize("page_path", WIDGET_PAGES)
def test_every_control_moves_its_figure(visit, page_path):
    """Sliders from the keyboard, dropdowns by selection, toggles by click: each enabled control
    changes the figure it belongs to, and the new frame's alt text names every control's value.
    A disabled control must say, visibly, that it works live."""
    records = visit(page_path)["controls"]
    assert records, f"{page_path} has widgets but no panel controls"
    dead = [r["control"] for r in records if not r["disabled"] and not r["moved"]]
    assert dead == [], f"{page_path}: these controls change no figure: {dead}"
    unnamed = [(r["control"], r["names"][:1]) for r in records if not r["disabled"] and not r["values_named"]]
    assert unnamed == [], f"{page_path}: the alt text does not name the controls' values: {unnamed}"
    silent = [r["control"] for r in records if r["disabled"] and not r["note"]]
    assert silent == [], f"{page_path}: disabled controls without a visible note: {silent}"


def test_at_least_nine_in_ten_controls_are_active(visit):
    records = [r for page in WIDGET_PAGES for r in visit(page)["controls"]]
    active = sum(not r["disabled"] for r in records)
    print(f"active controls on the static site: {active} of {len(records)}")
    assert records and active >= 0.9 * len(records)


@pytest.mark.parametrize("page_path", WIDGET_PAGES)
def test_figures_stay_readable_in_dark_mode(visit, page_path):
    """In the dark theme, figures keep their white background (their ink is dark)."""
    result = visit(page_path)
    assert result["theme"] == "dark"
    assert result["backgrounds"] and set(result["backgrounds"]) == {"rgb(255, 255, 255)"}


@pytest.mark.parametrize("page_path", WIDGET_PAGES)
def test_every_figure_has_meaningful_alt_text(visit, page_path):
    """Each figure is named by a description of what it shows, numbers included, not a caption."""
    figures = visit(page_path)["figure_names"]
    assert figures, f"{page_path} rendered no figures"
    assert all(len(names) == 1 for names in figures), f"{page_path}: each figure needs exactly one name: {figures}"
    names = [name for (name,) in figures]
    poor = [name for name in names if not name or len(name) < 60 or not re.search(r"\d", name)]
    assert poor == [], f"{page_path}: {len(poor)} of {len(names)} figures lack a descriptive name: {poor[:3]}"


def test_every_image_has_alt_text():
    """Pages hold no <img> without alt text (figures from widgets are checked in the browser)."""
    from html.parser import HTMLParser

    class Images(HTMLParser):
        def __init__(self):
            super().__init__()
            self.missing = []

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "img" and not (attrs.get("alt") or "").strip() and attrs.get("aria-hidden") != "true":
                self.missing.append(attrs.get("src"))

    missing = {}
    for page_path in PAGES:
        parser = Images()
        parser.feed((SITE / page_path).read_text())
        if parser.missing:
            missing[page_path] = parser.missing
    assert missing == {}


def test_every_page_has_one_search_box():
    """The sidebar's search box only: no second one in an otherwise empty header band."""
    counts = {page: (SITE / page).read_text().count("search-button-field") for page in CONTENT_PAGES}
    assert counts and set(counts.values()) == {1}, {p: n for p, n in counts.items() if n != 1}


def test_status_page_renders_the_benchmark_results():
    """The status page's tables come from bench/results.json, as tables, not as directive text."""
    import json

    html = (SITE / "book" / "status.html").read_text()
    results = json.loads((ROOT / "bench" / "results.json").read_text())
    assert html.count("<table") >= 4 and "list-table" not in html
    for value in (results["build_clean_s"], results["build_noop_s"], results["machine"]["numpy"]):
        assert f">{value:g}<" in html if isinstance(value, float) else f">{value}<" in html


def test_internal_links_and_anchors_resolve():
    """Every relative link of the built site points at an existing file and, if any, anchor."""
    from html.parser import HTMLParser

    class Collector(HTMLParser):
        def __init__(self):
            super().__init__()
            self.links, self.ids = [], set()

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if "id" in attrs:
                self.ids.add(attrs["id"])
            if tag == "a" and attrs.get("href"):
                self.links.append(attrs["href"])

    parsed = {}
    for path in SITE.rglob("*.html"):
        collector = Collector()
        collector.feed(path.read_text())
        parsed[path.resolve()] = collector
    broken = []
    for path, collector in parsed.items():
        for href in collector.links:
            if re.match(r"^[a-z]+:", href) or href.startswith("//"):
                continue  # external links are not fetched (offline); the request test guards loads
            target, _, anchor = href.partition("#")
            target_path = (path.parent / target).resolve() if target else path
            if target_path.is_dir():
                target_path = target_path / "index.html"
            if not target_path.exists():
                broken.append(f"{path.relative_to(SITE)} -> {href}")
            elif anchor and target_path in parsed and anchor not in parsed[target_path].ids:
                broken.append(f"{path.relative_to(SITE)} -> {href} (no such anchor)")
    assert broken == []

