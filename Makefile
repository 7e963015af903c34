# The two commands a new user needs: `make run` and `make test`. Both set everything up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test bench lint clean translations

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Compiled translations (.mo) are built from the .po files, never committed.
translations: $(STAMP)
	@for po in $$(find web -name '*.po'); do \
	  $(BIN)/pybabel -q compile --use-fuzzy -i $$po -o $${po%.po}.mo || exit 1; done

# --demo: an empty database gets the demo offices, officers and complaints first.
run: $(STAMP) translations
	$(BIN)/python -m web.serve --demo

# One worker per core (pytest-xdist); every worker makes its own PostgreSQL database.
test: $(STAMP) translations
	$(BIN)/python -m pytest -n auto --ignore=tests/bench

# The page benchmarks serve the real pages, so the translations are compiled first.
bench: $(STAMP) translations
	$(BIN)/python -m pytest tests/bench --benchmark-only --benchmark-columns=min,median,mean,max,rounds

lint: $(STAMP)
	$(BIN)/ruff check grs web tests
	$(BIN)/ruff format --check grs web tests
	$(BIN)/mypy

clean:
	rm -rf $(VENV) grs.db grs.db-wal grs.db-shm var
