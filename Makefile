# The targets people reach for. `make demo` and `make test` install everything first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
# The demo shows the product as readers see it (real 404 pages); DEBUG=1 make demo for tracebacks.
DEBUG ?= 0
export DEBUG
# The demo's absolute URLs name the port it serves on, and it keeps a real newsroom's clock;
# both can be overridden from the environment.
PRENSA_BASE_URL ?= http://127.0.0.1:$(PORT)
TIME_ZONE ?= America/Sao_Paulo
DEMO_ENV = PRENSA_BASE_URL=$(PRENSA_BASE_URL) TIME_ZONE=$(TIME_ZONE)

.PHONY: demo test install system-deps messages lint format migrations-check test-sqlite test-postgres prod-smoke bench clean

demo: install
	$(DEMO_ENV) $(BIN)/prensa demo
	@echo "Prensa demo: http://127.0.0.1:$(PORT)/  (translation desk: /desk/, admin: /admin/)"
	$(DEMO_ENV) $(BIN)/prensa db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(DEMO_ENV) $(BIN)/prensa runserver 127.0.0.1:$(PORT)

test: install lint migrations-check test-sqlite test-postgres prod-smoke

install: system-deps $(VENV)/.installed messages

system-deps:
	@scripts/install-system-deps.sh

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

messages: $(VENV)/.installed
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=var -v 0
	scripts/brazilian-django-catalogue.sh $(BIN)/python

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports  # layers and no import cycles: [tool.importlinter] in pyproject.toml

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: $(VENV)/.installed
	$(BIN)/python manage.py makemigrations --check --dry-run

test-sqlite: $(VENV)/.installed
	$(BIN)/pytest --ds=prensa.settings.test

test-postgres: $(VENV)/.installed
	scripts/with-postgres.sh $(BIN)/pytest --ds=prensa.settings.test

# The production stack for real on 127.0.0.1: PostgreSQL, Redis, gunicorn (2 workers), a task
# worker and nginx from deploy/, the demo loaded, checked end to end, then all stopped.
prod-smoke: install
	scripts/with-postgres.sh $(BIN)/python scripts/prod_smoke.py

bench: install
	@for script in bench/[!_]*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) prensa.sqlite3 var .pytest_cache
