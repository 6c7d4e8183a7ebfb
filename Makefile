# Reading Room. `make run` sets everything up and serves http://127.0.0.1:8000 with the sample;
# `make test` runs every check and test. Only Python >= 3.11 and make are needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py

.PHONY: run setup test lint format bench screenshots clean messages lock

$(BIN)/.installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

setup: $(BIN)/.installed
	$(MANAGE) migrate --noinput
	$(MANAGE) load_states
	$(MANAGE) import_document sample/ sample/ga-80/*.pdftext.en.txt

run: setup
	$(MANAGE) runserver 127.0.0.1:8000

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(MANAGE) makemigrations --check --dry-run
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(BIN)/python -m pytest $(PYTEST_ARGS)

format: $(BIN)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: $(BIN)/.installed
	$(MANAGE) makemessages --locale fr --no-obsolete --ignore '.venv/*' --ignore 'staticfiles/*' --ignore 'tests/*' --ignore 'templates/jinja2/*'
	$(BIN)/python scripts/fill_po.py
	$(MANAGE) compilemessages --locale fr --ignore '.venv/*'

# requirements.in and requirements-dev.in (direct dependencies, each with why) → the pinned
# requirements.txt and requirements-dev.txt. Pins already there are kept; `make lock UPGRADE=1`
# moves every package to its newest version the .in files allow.
LOCK := $(BIN)/pip-compile --quiet --no-header --strip-extras --no-emit-index-url --no-emit-find-links $(if $(UPGRADE),--upgrade)
lock: $(BIN)/.installed
	$(LOCK) -o requirements.txt requirements.in
	$(LOCK) -o requirements-dev.txt requirements-dev.in

bench: $(BIN)/.installed
	$(BIN)/python bench/serve.py

screenshots: $(BIN)/.installed
	$(BIN)/python scripts/screenshots.py

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 test-results

# Production server (docs/deploy.md): migrate, collectstatic, then gunicorn with gunicorn.conf.py.
# Needs requirements.txt installed and the environment: DEBUG=false SECRET_KEY=… ALLOWED_HOSTS=… DATABASE_URL=…
.PHONY: serve
serve:
	bin/serve-production
