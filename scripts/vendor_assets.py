"""Copy the pinned front-end files from node_modules into the site's static folder.

The built book then serves MathJax and Font Awesome itself, so it works
offline and its pages make no request to a CDN. Versions are pinned in package.json/package-lock.json.
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NODE = ROOT / "node_modules"
VENDOR = ROOT / "book" / "static" / "vendor"

# (source under node_modules, destination under vendor/, glob patterns to copy)
ASSETS = [
    ("mathjax/es5", "mathjax", ["tex-chtml.js", "input/**/*.js", "output/chtml/**/*", "ui/**/*.js", "a11y/**/*.js", "adaptors/**/*.js"]),
    ("axe-core", "axe-core", ["axe.min.js"]),
    # the theme's icons as CSS and web fonts (its own fontawesome.js is 1.5 MB; see book/_templates)
    ("@fortawesome/fontawesome-free", "fontawesome", ["css/all.min.css", "webfonts/*.woff2", "LICENSE.txt"]),
]


def main() -> None:
    if not NODE.is_dir():
        raise SystemExit("node_modules is missing: run `npm ci` first (make does this)")
    shutil.rmtree(VENDOR, ignore_errors=True)
    count = 0
    for source, destination, patterns in ASSETS:
        base = NODE / source
        for pattern in patterns:
            for path in base.glob(pattern):
                if path.is_file():
                    target = VENDOR / destination / path.relative_to(base)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(path, target)
                    count += 1
    print(f"vendored {count} files into {VENDOR.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
