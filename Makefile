# Deep Cuts. `make run` and `make test` do all the set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export DJANGO_SETTINGS_MODULE ?= deepcuts.settings.dev

.PHONY: run serve install install-dev browser ffmpeg loadtools migrate demo test pytest check lint format bench eval ci clean

run: install ffmpeg migrate demo serve  ## install, migrate, load the demo and serve on :8000

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.runtime: $(BIN)/python requirements.txt pyproject.toml
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

$(VENV)/.bench: $(VENV)/.runtime requirements-bench.txt
	$(BIN)/pip install --quiet -r requirements-bench.txt
	touch $@

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

# Browser tests drive Debian's chromium; never a browser downloaded by a test tool.
browser:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-noto-core fonts-noto-cjk; }

# Video analysis decodes with Debian's ffmpeg.
ffmpeg:
	@command -v ffmpeg >/dev/null || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq ffmpeg; }

# The load test (bench/load.py) drives the site with Debian's wrk and starts its own Debian nginx in
# front of it, on its own ports and configuration.
loadtools:
	@command -v wrk >/dev/null && { command -v nginx >/dev/null || test -x /usr/sbin/nginx; } || { \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx-light; }

migrate: install
	$(BIN)/deepcuts migrate --no-input

demo: install
	$(BIN)/deepcuts demo

serve: install
	$(BIN)/deepcuts serve 127.0.0.1:8000

test: install-dev browser ffmpeg pytest  ## every test, on SQLite or on $DATABASE_URL

pytest:
	DJANGO_SETTINGS_MODULE=deepcuts.settings.test $(BIN)/pytest $(PYTEST_ARGS)

check: install-dev  ## Django's checks, migrations in step with models, lint
	$(BIN)/python manage.py check
	DJANGO_SECRET_KEY=check-only-$$(date +%s%N)-not-a-real-key-but-long-enough-for-the-check \
	  DJANGO_ALLOWED_HOSTS=deepcuts.example.org \
	  $(BIN)/python manage.py check --deploy --fail-level WARNING --settings deepcuts.settings.production
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/ruff check .

format: install-dev
	$(BIN)/ruff check --fix .

bench: $(VENV)/.bench ffmpeg loadtools  ## the load test needs PostgreSQL on 127.0.0.1:5432 (docs/load.md)
	$(BIN)/python bench/pages.py
	$(BIN)/python bench/extraction.py
	$(BIN)/python bench/vision.py
	$(BIN)/python bench/page_cpu.py
	$(BIN)/python bench/load.py $(LOAD_ARGS)

eval: install  ## extraction quality on the hand-written corpus: P/R/F1 per role
	$(BIN)/python eval/score.py $(EVAL_ARGS)

ci:
	bash .ci/run

clean:
	rm -rf $(VENV) db.sqlite3 var test-output
