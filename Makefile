# Two entry points (see README.md):
#   make site  – validate every application and build the public site into site/
#   make test  – lint, type-check and run the whole test suite
# Both create .venv from the pinned versions in requirements/constraints.txt on first use.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: site test check lint clean serve bench mutation bilder

# --build-constraint pins what pip installs to build finsam itself (setuptools) too.
$(STAMP): pyproject.toml requirements/constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements/constraints.txt pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements/constraints.txt \
		--build-constraint requirements/constraints.txt -e ".[site,dev]"
	touch $(STAMP)

check: $(STAMP)
	$(BIN)/finsam kontrollera

# The plugin finsam (finsam.site.plugin, registered by the install) builds every page; the
# site serves Pyodide from node_modules/pyodide (the form Skriv ansökan checks with it).
site: check node_modules/.editor
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

# The pictures of the form on the page Lämna in utan Git (docs/bilder/), taken in Chromium from
# the built site. Run again when the form changes.
bilder: site
	$(BIN)/python -m tests.form_screenshots

serve: $(STAMP) node_modules/.editor
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve

lint: $(STAMP)
	$(BIN)/ruff check src tests hooks bench
	$(BIN)/ruff format --check src tests hooks bench
	$(BIN)/mypy

test: lint node_modules/.editor
	$(BIN)/python -m pytest

# The npm tools are pinned in package.json and package-lock.json. The tests and the site need
# only the dependencies (the editor's language server, Pyodide); make bench needs Lighthouse too.
node_modules/.editor: package.json package-lock.json
	npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error
	touch node_modules/.editor

node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch node_modules/.installed node_modules/.editor

bench: $(STAMP) node_modules/.installed
	$(BIN)/python bench/bench_check.py
	$(BIN)/python bench/bench_site.py
	$(BIN)/python bench/bench_render.py
	$(BIN)/python bench/bench_fuzz.py
	$(BIN)/python bench/bench_personnummer.py
	$(BIN)/python bench/bench_form.py
	$(BIN)/python bench/bench_new_forbund.py

# Mutation testing of the rule modules against a fast test subset (see [tool.mutmut] in
# pyproject.toml and tests/mutation.py); not part of make test. Prints killed/total at the end.
# The whole run (about 2 600 mutants) takes some 45 minutes on two cores.
# MUTANTS narrows the run to some mutants, e.g. make mutation MUTANTS='finsam.rules.budget.*'.
MUTANTS ?=
mutation: $(STAMP)
	$(BIN)/python tests/mutation.py prepare
	cd build/mutation && ../../$(BIN)/mutmut run --max-children 2 $(MUTANTS) > mutmut.log 2>&1 \
		|| { tail -c 3000 mutmut.log; exit 1; }
	$(BIN)/python tests/mutation.py score

clean:
	rm -rf $(VENV) site build .pytest_cache .mypy_cache .ruff_cache
