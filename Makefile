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
	@$(PY) manage.py compile_catalogues

# DEBUG=1: the demo runs with the development keys (production refuses to start without its own: docs/deploy.md).
migrate: catalogues
	DEBUG=1 $(PY) manage.py migrate --noinput

demo: migrate
	DEBUG=1 $(PY) manage.py seed_demo --if-empty --accounts
	@echo ""
	@echo "Serving http://127.0.0.1:$(PORT)  (Ctrl-C stops the server and the task worker)"
	@DEBUG=1 $(PY) manage.py db_worker --interval 2 & worker=$$!; \
	trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:$(PORT) --noreload

test: catalogues
	@$(MAKE) --no-print-directory test-sqlite
	@if [ -n "$$TEST_DATABASE_URL" ] || $(PY) -c "import socket; socket.create_connection(('127.0.0.1', 5432), 1)" 2>/dev/null; then \
		$(MAKE) --no-print-directory test-postgres; \
	else echo "PostgreSQL does not answer on 127.0.0.1:5432 and TEST_DATABASE_URL is not set: PostgreSQL run skipped."; fi

test-sqlite: catalogues
	@echo "=== tests on SQLite ==="
	env -u DATABASE_URL $(PY) -m pytest $(PYTEST_ARGS)

test-postgres: catalogues
	@echo "=== tests on PostgreSQL ==="
	DATABASE_URL=$${TEST_DATABASE_URL:-$(PG_DEFAULT_URL)} $(PY) -m pytest $(PYTEST_ARGS)

e2e: catalogues
	env -u DATABASE_URL $(PY) -m pytest -m e2e $(PYTEST_ARGS)

lint: install
	$(PY) -m ruff check .

messages: install
	@command -v xgettext >/dev/null || { echo "makemessages needs GNU gettext (apt-get install gettext)"; exit 1; }
	$(PY) manage.py makemessages -l zh_Hans -l en --no-obsolete --no-location --ignore=.venv --ignore=zhengxie --ignore=bench --ignore=var
	@for app in zhengxie/*/; do \
		if [ -d "$$app/locale" ]; then (cd $$app && ../../$(PY) ../../manage.py makemessages -l zh_Hans -l en --no-obsolete --no-location); fi; \
	done
	@$(PY) manage.py compile_catalogues

bench: install
	@echo "Benchmarks live in bench/: see docs/benchmarks.md for each command."

clean:
	rm -rf $(VENV) var
