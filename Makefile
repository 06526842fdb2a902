# One toolchain, the same locally and in CI: `make check` runs exactly what CI runs.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# PostgreSQL used to rerun the database tests (trust auth on the local server).
PG_URL ?= postgres://postgres@127.0.0.1:5432/barometre

.PHONY: quickstart install constraints check lint typecheck test test-sqlite test-postgres docs messages bench clean

# The releases are those of constraints.txt, the set the last green CI run installed
# (docs/adr/0010-pinned-releases.md); `make install CONSTRAINTS=` takes the newest the ranges allow.
CONSTRAINTS ?= constraints.txt
PIN := $(if $(CONSTRAINTS),-c $(CONSTRAINTS))

$(BIN)/barometre:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip $(PIN)
	$(BIN)/pip install --quiet -e '.[test]' $(PIN)

install: $(BIN)/barometre

quickstart: install
	$(BIN)/barometre quickstart

check: install lint typecheck test

lint:
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts

typecheck:
	$(BIN)/mypy src/barometre/scoring src/barometre/detection src/barometre/programmes/analysis \
		src/barometre/survey/scoring.py src/barometre/survey/intervals.py src/barometre/survey/insights.py \
		src/barometre/survey/questionnaire.py src/barometre/collection

# The two passes run side by side (two cores), each with its own data folder (cache, WARC,
# open data files): they share nothing but the PostgreSQL and Redis servers, where each test
# uses a database or namespace of its own. Each pass's output is printed when it ends.
# The database tests run on both engines; the other tests, and the `engine_independent` ones
# (browsers, the farm recipe: what they check is the same on every engine), run once, in the
# SQLite pass, but those marked `postgres_pass` (the farm recipe, a polite crawl of about a
# minute), which run in the PostgreSQL pass so that the two passes take about as long.
# A plain `pytest` runs them all.
test:
	$(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-postgres

test-sqlite:
	BAROMETRE_HOME=$$(mktemp -d) $(BIN)/pytest -m "not postgres_pass"

test-postgres:
	BAROMETRE_HOME=$$(mktemp -d) DATABASE_URL=$(PG_URL) $(BIN)/pytest -m "database or postgres_pass"

docs:
	$(BIN)/python scripts/cli_reference.py > docs/cli.md

# The translation catalogue: extract the French source strings, then compile (gettext's tools).
messages:
	$(BIN)/python scripts/messages.py

# Rewrite constraints.txt from a fresh resolution in a throwaway environment: the newest releases
# the ranges of pyproject.toml allow. Commit the result only once `make check` passes with it.
constraints:
	rm -rf .venv-constraints
	$(PYTHON) -m venv .venv-constraints
	.venv-constraints/bin/pip install --quiet --upgrade pip
	.venv-constraints/bin/pip install --quiet -e '.[test]'
	{ sed -n '1,3p' constraints.txt; .venv-constraints/bin/pip freeze --all --exclude-editable \
		| grep -v '^setuptools=='; } > constraints.txt.new
	mv constraints.txt.new constraints.txt
	rm -rf .venv-constraints

bench:
	$(BIN)/python bench/scoring.py
	$(BIN)/python bench/audit.py
	$(BIN)/python bench/programmes.py
	$(BIN)/python bench/imports.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
