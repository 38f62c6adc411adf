# Zhengxie — two commands on a fresh machine: `make demo` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# The first Python >= 3.12 on the PATH (pyenv reads .python-version: 3.13).
PYTHON_BIN ?= $(shell for p in python3.13 python3.12 python3 python; do \
	if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then echo $$p; break; fi; done)
PG_DEFAULT_URL := postgres://postgres@127.0.0.1:5432/postgres
PYTEST_ARGS ?=
# The suite runs in two processes (pytest-xdist), one a core: `make test PYTEST_WORKERS=0` runs it in one.
PYTEST_WORKERS ?= 2
# The demo tests share one seeded database and go to one process together (conftest.py: pytest_xdist_make_scheduler).
XDIST := -n $(PYTEST_WORKERS) $(if $(filter-out 0,$(PYTEST_WORKERS)),--dist loadgroup)
# A developer's machine: DEBUG=1 unless the environment says otherwise (with DEBUG=0 a real SECRET_KEY is required).
DEV := DEBUG=$${DEBUG:-1}

.PHONY: help install catalogues messages migrate demo serve worker test test-sqlite test-postgres e2e lint bench clean

help:
	@echo "make demo     install, migrate, load the demo data and serve http://127.0.0.1:$(PORT)"
	@echo "make test     install the test dependencies and run the whole suite (SQLite, then PostgreSQL if reachable)"
	@echo "make e2e      run the browser tests only"
	@echo "make lint     ruff"
	@echo "make messages extract the translatable strings into the catalogues (needs GNU gettext)"

$(STAMP): pyproject.toml
	@if [ -z "$(PYTHON_BIN)" ]; then echo "Python 3.12 or newer is needed (see .python-version)."; exit 1; fi
	@test -x $(PY) || $(PYTHON_BIN) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

install: $(STAMP)

catalogues: install
	@$(DEV) $(PY) manage.py compile_catalogues

migrate: catalogues
	$(DEV) $(PY) manage.py migrate --noinput

# The demo serves as production does (DEBUG off: the platform's own 404 and 500 pages, never Django's URL list),
# with the static files served by WhiteNoise from the source folders (no collectstatic needed). Its keys are made
# once and kept in var/demo.env, for the demo only: the secret key, and the keys of the personal data and of the
# audit chain, used alike to migrate, to load the data and to serve it.
DEMO_ENV := DEBUG=0 STATIC_MANIFEST=0
DEMO_KEYS := set -a; . ./var/demo.env; set +a

var/demo.env:
	@mkdir -p var
	@$(PYTHON_BIN) -c "import base64, secrets; t = secrets.token_urlsafe; print(f'SECRET_KEY={t(50)}'); print('PERSONAL_DATA_KEYS=demo:' + base64.b64encode(secrets.token_bytes(32)).decode()); print(f'PERSONAL_DATA_LOOKUP_KEY={t(43)}'); print(f'AUDIT_CHAIN_KEY={t(43)}')" > $@
	@chmod 600 $@

demo: catalogues var/demo.env
	@$(DEMO_KEYS); $(DEV) $(PY) manage.py migrate --noinput
	@$(DEMO_KEYS); $(DEV) $(PY) manage.py seed_demo --if-empty --accounts
	@echo ""
	@echo "Serving http://127.0.0.1:$(PORT)  (Ctrl-C stops the server and the task worker)"
	@$(DEMO_KEYS); export $(DEMO_ENV); \
	$(PY) manage.py db_worker --interval 2 & worker=$$!; \
	trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT) --noreload

test: catalogues
	@$(MAKE) --no-print-directory test-sqlite
	@if [ -n "$$TEST_DATABASE_URL" ] || $(PY) -c "import socket; socket.create_connection(('127.0.0.1', 5432), 1)" 2>/dev/null; then \
		$(MAKE) --no-print-directory test-postgres; \
	else echo "PostgreSQL does not answer on 127.0.0.1:5432 and TEST_DATABASE_URL is not set: PostgreSQL run skipped."; fi

test-sqlite: catalogues
	@echo "=== tests on SQLite ==="
	env -u DATABASE_URL $(PY) -m pytest $(XDIST) $(PYTEST_ARGS) $(if $(COVERAGE),--cov=zhengxie --cov-report=term:skip-covered)

# The browser journeys run once, on SQLite (they test the pages and their scripts); the PostgreSQL run is everything
# else. `make test-postgres PG_MARKS=` runs them there too.
PG_MARKS ?= not e2e
test-postgres: catalogues
	@echo "=== tests on PostgreSQL ==="
	DATABASE_URL=$${TEST_DATABASE_URL:-$(PG_DEFAULT_URL)} $(PY) -m pytest $(XDIST) $(if $(PG_MARKS),-m "$(PG_MARKS)") $(PYTEST_ARGS)

e2e: catalogues
	env -u DATABASE_URL $(PY) -m pytest -m e2e $(PYTEST_ARGS)

lint: install
	$(PY) -m ruff check .

messages: install
	@command -v xgettext >/dev/null || { echo "makemessages needs GNU gettext (apt-get install gettext)"; exit 1; }
	$(DEV) $(PY) manage.py makemessages -l zh_Hans -l en --no-obsolete --no-location --ignore=.venv --ignore=zhengxie --ignore=bench --ignore=var
	@for app in zhengxie/*/; do \
		if [ -d "$$app/locale" ]; then (cd $$app && $(DEV) ../../$(PY) ../../manage.py makemessages -l zh_Hans -l en --no-obsolete --no-location); fi; \
	done
	@$(DEV) $(PY) manage.py compile_catalogues

bench: install
	@echo "Benchmarks live in bench/: see docs/benchmarks.md for each command."

clean:
	rm -rf $(VENV) var
