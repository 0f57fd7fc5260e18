# Two entry points (see README.md):
#   make site  – validate every application and build the public site into site/
#   make test  – lint, type-check and run the whole test suite
# Both create .venv from the pinned versions in requirements/constraints.txt on first use.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: site test check lint clean serve bench

# --build-constraint pins what pip installs to build finsam itself (setuptools) too.
$(STAMP): pyproject.toml requirements/constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements/constraints.txt pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements/constraints.txt \
		--build-constraint requirements/constraints.txt -e ".[site,dev]"
	touch $(STAMP)

check: $(STAMP)
	$(BIN)/finsam kontrollera

site: check
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

serve: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve

lint: $(STAMP)
	$(BIN)/ruff check src tests hooks bench
	$(BIN)/ruff format --check src tests hooks bench
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/bench_check.py
	$(BIN)/python bench/bench_site.py
	$(BIN)/python bench/bench_render.py
	$(BIN)/python bench/bench_fuzz.py
	$(BIN)/python bench/bench_personnummer.py

clean:
	rm -rf $(VENV) site .pytest_cache .mypy_cache .ruff_cache
