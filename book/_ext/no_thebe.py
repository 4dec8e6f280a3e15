"""Remove sphinx-thebe's scripts from every page.

Jupyter Book 1.x always loads sphinx-thebe, even with ``launch_buttons.thebe: false``. Its inline
configuration is emitted twice (a "THEBE_JS_URL has already been declared" console error) and names
a CDN. This book runs live in a real kernel instead (see book/run-live.md), so thebe is not needed.
"""


def _drop_thebe(app, pagename, templatename, context, doctree):
    if context.get("css_files"):
        context["css_files"] = [css for css in context["css_files"] if "thebe" not in str(css)]
    scripts = context.get("script_files")
    if scripts:
        context["script_files"] = [
            script
            for script in scripts
            if "thebe" not in str(script) and "THEBE_JS_URL" not in getattr(script, "attributes", {}).get("body", "")
        ]


def setup(app):
    app.connect("html-page-context", _drop_thebe, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
