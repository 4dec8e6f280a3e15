# Two commands matter (see README): `make book` builds the site, `make test` runs every test.
# Both set up what they need: a virtual environment with the pinned Python packages, the pinned
# npm front-end files, and (for the browser tests) Debian's Chromium.
SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
.DEFAULT_GOAL := book

VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check
SITE   := _build/html
CHROMIUM ?= /usr/bin/chromium
# One BLAS thread: the library's matrices are small, so worker threads only add contention on a
# 2-core machine (measured: GMP fit 0.04 s vs 0.32 s), and results do not depend on the thread count.
export OPENBLAS_NUM_THREADS := 1

.PHONY: book test setup vendor notebooks build test-lib test-notebooks test-site chromium bench clean

setup: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: requirements.txt pyproject.toml
	python3 -m venv $(VENV)
	$(PIP) install -q -r requirements.txt 2>&1 | { grep -v "is ignored: it is neither" || true; }
	$(PIP) install -q --no-deps -e . 2>&1 | { grep -v "is ignored: it is neither" || true; }
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

vendor: node_modules/.installed
	$(PY) scripts/vendor_assets.py

## notebooks: execute every notebook in place, storing outputs and widget state
notebooks: setup
	$(PY) scripts/execute_notebooks.py

## build: the site from committed notebook outputs, warnings as errors
build: setup vendor
	rm -rf _build/html _build/.doctrees  # stale pages, static files and directive output otherwise survive
	$(VENV)/bin/jupyter-book build . -W -n --keep-going
	@echo "Site built in $(SITE). Serve it with: $(PY) -m http.server --directory $(SITE) --bind 127.0.0.1 8000"

## book: everything a reader needs, from a fresh clone to a built site
book: build

## test: library (with doctests), notebooks (strict nbval), the build, then the site in Chromium
test: setup chromium
	$(PY) -m pytest -n 2 --dist worksteal tests --doctest-modules src/physics_lib -m "not browser" -q
	$(MAKE) --no-print-directory test-notebooks
	$(MAKE) --no-print-directory build
	$(PY) -m pytest tests/test_site.py -m browser -q

# nbval re-executes the notebooks as `make notebooks` did, frames included (PHYSICS_LIB_FRAMES=1)
test-notebooks: setup
	PHYSICS_LIB_FRAMES=1 $(PY) -m pytest -n 2 --dist loadfile --nbval notebooks --nbval-sanitize-with tests/nbval_sanitize.cfg -q -p no:cacheprovider

chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Chromium is missing: install Debian's package (sudo apt-get install chromium) or set CHROMIUM=/path/to/chromium"; exit 1; fi; \
	fi

## bench: timings written to bench/results.json
bench: setup vendor
	$(PY) bench/run.py

clean:
	rm -rf _build book/static/vendor .pytest_cache
