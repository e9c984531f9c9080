# Two commands set up a fresh machine: `make run` (the demo on embedded defaults) and
# `make test` (the whole test suite). Everything else here is what those two call.
SHELL := /bin/bash
.DEFAULT_GOAL := help

export SMARTPROV_HOME ?= $(CURDIR)/data
DEMO_START ?= 2026-01-01
DEMO_DAYS ?= 90
DEMO_SEED ?= 7
UV := python3 -m uv

.PHONY: help setup run test lint pipeline clean

help:
	@echo "make run   - set up, simulate $(DEMO_DAYS) days of deliveries, run the pipeline"
	@echo "make test  - set up, then run the whole test suite"

# --- set-up (idempotent: does only what is missing) -------------------------------------
.venv/.synced: pyproject.toml uv.lock
	@python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
	$(UV) sync --locked
	@touch $@

setup: .venv/.synced

# --- the main job ------------------------------------------------------------------------
LAPOR_PORT ?= 8765
SUPERSET_PORT ?= 8088
export SMARTPROV_LAPOR_TOKEN ?= demo-token-not-a-secret

run: setup
	$(UV) run smartprov simulate --start $(DEMO_START) --days $(DEMO_DAYS) --seed $(DEMO_SEED)
	@# the national LAPOR API is outside the province's control: the demo pulls from the stand-in
	@$(UV) run smartprov lapor-api --port $(LAPOR_PORT) > $(SMARTPROV_HOME)/lapor-api.log 2>&1 & \
	  pid=$$!; trap "kill $$pid" EXIT; sleep 3; \
	  $(UV) run smartprov ingest --lapor-url http://127.0.0.1:$(LAPOR_PORT)
	$(UV) run smartprov run
	$(UV) run smartprov status
	@# ends with Superset in the foreground (demo login printed); Ctrl-C stops it
	SMARTPROV_DEMO=1 $(UV) run smartprov dashboards serve --port $(SUPERSET_PORT)

# --- checks ------------------------------------------------------------------------------
lint: setup
	$(UV) run ruff check .
	$(UV) run ruff format --check .

test: setup
	$(UV) run ruff check .
	$(UV) run pytest

clean:
	rm -rf data .venv .venv-superset
