# Two commands set up a fresh machine: `make run` (the demo on embedded defaults) and
# `make test` (the whole test suite). Everything else here is what those two call.
SHELL := /bin/bash
.DEFAULT_GOAL := help

export SMARTPROV_HOME ?= $(CURDIR)/data
DEMO_START ?= 2026-01-01
DEMO_DAYS ?= 90
DEMO_SEED ?= 7
UV := python3 -m uv

.PHONY: help setup java run run-direct test lint pipeline bench national clean

help:
	@echo "make run      - set up, simulate $(DEMO_DAYS) days, run the DAGs, serve Airflow + Superset"
	@echo "make test     - set up, then run the whole test suite"
	@echo "make pipeline - run the DAGs over SMARTPROV_HOME/landing for every delivered day"
	@echo "make bench    - the benchmark (ratios against a bare DuckDB read, same run)"
	@echo "make national - three provinces -> the lake -> national marts on a 2-worker Spark cluster"

# --- set-up (idempotent: does only what is missing) -------------------------------------
.venv/.synced: pyproject.toml uv.lock Makefile
	@python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
	$(UV) sync --locked --compile-bytecode
	@touch $@

setup: .venv/.synced

# Spark (the national roll-up and its tests) needs a Java 17 runtime: installed when missing
# and apt-get can (CI images run as root), otherwise a clear message
java:
	@command -v java >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless; \
	  else echo "Java 17 is needed for Spark: install openjdk-17-jre-headless"; exit 1; fi; }

# --- the main job ------------------------------------------------------------------------
SUPERSET_PORT ?= 8088
AIRFLOW_PORT ?= 8080
# four daily runs show the daily rhythm in the Airflow UI; each one costs ~16 s of `make run`
# on this machine (README: 245 s from a fresh clone with four, uv cache empty)
DEMO_DAILY_RUNS ?= 4

# simulate, run the real DAGs (one catch-up run, then one run per day for the last days),
# then leave the Airflow UI running beside Superset, printing both URLs and logins.
# Superset's set-up reads no data (its environment, metadata database, roles, admin, assets,
# RLS: `smartprov dashboards prepare`): it runs in the background beside the pipeline.
# the demo has no pseudonymisation key of its own: SMARTPROV_DEMO=1 lets ingest create one in
# $(SMARTPROV_HOME)/secrets (outside the demo, SMARTPROV_PII_KEY is required)
run run-direct: export SMARTPROV_DEMO = 1
SUPERSET_PREPARE = $(SMARTPROV_HOME)/superset-prepare
run: setup
	@umask 077; mkdir -p $(SMARTPROV_HOME) && chmod 700 $(SMARTPROV_HOME) && rm -f $(SUPERSET_PREPARE).rc
	@umask 077; ( $(UV) run smartprov dashboards prepare > $(SUPERSET_PREPARE).log 2>&1; \
	   echo $$? > $(SUPERSET_PREPARE).rc ) &
	$(UV) run smartprov simulate --start $(DEMO_START) --days $(DEMO_DAYS) --seed $(DEMO_SEED)
	$(UV) run smartprov demo pipeline --daily-runs $(DEMO_DAILY_RUNS)
	$(UV) run smartprov status
	@umask 077; $(UV) run smartprov airflow standalone --lapor-standin --port $(AIRFLOW_PORT) \
	    > $(SMARTPROV_HOME)/airflow-standalone.log 2>&1 & \
	  pid=$$!; trap "kill $$pid 2>/dev/null" EXIT; \
	  ( for i in $$(seq 1 120); do grep -q "Airflow UI" $(SMARTPROV_HOME)/airflow-standalone.log \
	      && break; sleep 2; done; \
	    grep -q "Airflow UI" $(SMARTPROV_HOME)/airflow-standalone.log && \
	      $(UV) run smartprov airflow login --port $(AIRFLOW_PORT) || \
	      echo "Airflow UI did not start: see $(SMARTPROV_HOME)/airflow-standalone.log" ) & \
	  while [ ! -s $(SUPERSET_PREPARE).rc ]; do sleep 1; done; \
	  if [ "$$(cat $(SUPERSET_PREPARE).rc)" != 0 ]; then cat $(SUPERSET_PREPARE).log; \
	    echo "Superset set-up failed: see $(SUPERSET_PREPARE).log"; exit 1; fi; \
	  cat $(SUPERSET_PREPARE).log; \
	  SMARTPROV_DEMO=1 $(UV) run smartprov dashboards serve --no-setup --port $(SUPERSET_PORT)

# the DAGs over whatever is in $(SMARTPROV_HOME)/landing, every delivered day, then exit
pipeline: setup
	$(UV) run smartprov airflow pipeline

# the simple path without Airflow: ingest, dbt build, publish
run-direct: setup
	$(UV) run smartprov run

bench: setup
	$(UV) run smartprov bench

# --- the national roll-up ----------------------------------------------------------------
# three provinces (Jawa Tengah, DI Yogyakarta, Kalimantan Utara) simulated small and run, each
# `smartprov run` exporting into the one lake after its publish (SMARTPROV_LAKE); then a
# two-worker Spark standalone cluster started from pyspark, the national build on it
# (dbt_national/), the cluster stopped; then the "Nasional" dashboard imported into the national
# home's Superset (`smartprov dashboards prepare`) with the command that serves it. Prints the
# spark:// URL and, last, `national serving: PATH` (the DuckDB file the national dashboard reads).
NATIONAL_HOME ?= $(SMARTPROV_HOME)/national-demo
NATIONAL_PROVINCES ?= 33 34 65
NATIONAL_DAYS ?= 7
NATIONAL_SCALE ?= 0.05
national: export SMARTPROV_DEMO = 1
national: export SMARTPROV_LAKE = $(NATIONAL_HOME)/lake
national: setup java
	@set -e; for code in $(NATIONAL_PROVINCES); do \
	  home=$(NATIONAL_HOME)/province-$$code; echo "== province $$code ($$home)"; \
	  SMARTPROV_HOME=$$home SMARTPROV_PROVINCE=$$code $(UV) run smartprov simulate \
	    --start $(DEMO_START) --days $(NATIONAL_DAYS) --seed $(DEMO_SEED) --scale $(NATIONAL_SCALE); \
	  SMARTPROV_HOME=$$home SMARTPROV_PROVINCE=$$code $(UV) run smartprov run; \
	done
	SMARTPROV_HOME=$(NATIONAL_HOME) $(UV) run smartprov national build --engine spark --workers 2
	SMARTPROV_HOME=$(NATIONAL_HOME) $(UV) run smartprov dashboards prepare
	@echo "Nasional dashboard: SMARTPROV_HOME=$(NATIONAL_HOME) SMARTPROV_DEMO=1 uv run smartprov \
	dashboards serve --port $(SUPERSET_PORT), then http://127.0.0.1:$(SUPERSET_PORT)/superset/dashboard/nasional/"
	@echo "national serving: $(abspath $(NATIONAL_HOME))/national/serving.duckdb"

# --- checks ------------------------------------------------------------------------------
lint: setup
	$(UV) run ruff check .
	$(UV) run ruff format --check .

test: setup java
	$(UV) run ruff check .
	$(UV) run pytest

clean:
	rm -rf data .venv .venv-superset
