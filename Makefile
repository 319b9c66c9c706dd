# renja: two commands do the whole set-up on a fresh machine with Python 3.11+.
#   make run    creates .venv on first use, then processes samples/ into outputs/
#   make test   runs the whole suite (tests, doctests, mypy and import-linter as tests, on every
#               core with pytest-xdist, a test file per worker, the slowest files first:
#               tests/data/test_seconds.csv, from benchmarks/bench_tests.py), then ruff

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test lint bench accuracy messages clean

# make bench OTHER_PYTHON=/path/to/venv/bin/python: bench_charts.py also times the charts in that
# environment (another matplotlib, renja installed there with pip install -e .)
OTHER_PYTHON ?=

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "renja needs Python 3.11 or newer (found " + sys.version.split()[0] + "); set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/renja run samples/ --out outputs/

# The suite's processes keep their compiled modules (__pycache__/, ignored by git) even where the
# environment says PYTHONDONTWRITEBYTECODE: without them each worker compiles every module and
# rewrites every test module's asserts again (7 s of CPU per worker, of 10 for collecting).
test: $(STAMP)
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m pytest -n auto --maxprocesses 4 --dist loadfile --no-loadscope-reorder
	$(BIN)/ruff check .

lint: $(STAMP)
	$(BIN)/ruff check .

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_run.py
	$(BIN)/python benchmarks/bench_pdf.py
	$(BIN)/python benchmarks/bench_scale.py
	$(BIN)/python benchmarks/bench_corpus.py
	$(BIN)/python benchmarks/bench_charts.py $(OTHER_PYTHON:%=--python %)
	$(BIN)/python benchmarks/bench_match.py
	$(BIN)/python benchmarks/match_eval.py
	$(BIN)/python benchmarks/bench_tests.py
	$(BIN)/python benchmarks/figures.py

accuracy: $(STAMP)
	$(BIN)/python benchmarks/accuracy.py
	$(BIN)/python benchmarks/code_checks.py
	$(BIN)/python benchmarks/layout_variants.py
	$(BIN)/python benchmarks/layout_grid.py

# The message catalogue (model/locale/): every _() of the code and the templates into renja.pot,
# new and changed messages into each language's .po (translate them there), then the .mo files
# the package ships. tests/test_messages.py fails while a message lacks its translation.
LOCALE  := model/locale
SOURCES := core model extract normalize validate app present

messages: $(STAMP)
	$(BIN)/pybabel -q extract -F babel.cfg --no-location --sort-output --project=renja \
		--copyright-holder="renja contributors" -o $(LOCALE)/renja.pot $(SOURCES)
	$(BIN)/pybabel -q update -D renja -i $(LOCALE)/renja.pot -d $(LOCALE) \
		--no-fuzzy-matching --ignore-obsolete
	$(BIN)/pybabel -q compile -D renja -d $(LOCALE) --statistics

clean:
	rm -rf outputs .pytest_cache .ruff_cache .mypy_cache .hypothesis
