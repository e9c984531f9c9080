#!/bin/sh
# One-shot set-up of the Airflow metadata on PostgreSQL, run by the `airflow-init` service before
# the long-running Airflow services start. Idempotent: safe on every `docker compose up`.
set -eu
# refuse CHANGE_ME, demo values and short secrets before anything starts (smartprov.base.secrets)
python -c "from smartprov.orchestration.config import check_airflow_secrets; check_airflow_secrets()"
mkdir -p "$AIRFLOW_HOME" "$SMARTPROV_HOME/dbt"
airflow db migrate
# the warehouse pool (one slot: DuckDB has one writer) and the dbt manifest Cosmos renders the
# warehouse DAG from; the lapor_api connection comes from AIRFLOW_CONN_LAPOR_API (.env)
python - <<'PY'
from smartprov.orchestration.setup import ensure_pool, write_dbt_manifest
from smartprov.orchestration.users import configured_logins, ensure_users
from smartprov.base.settings import Paths

for line in ensure_users(configured_logins()):  # Admin, Op, Viewer from .env
    print("airflow user", line)
ensure_pool()
print("manifest:", write_dbt_manifest(Paths.from_env()))
PY
echo "airflow-init: done"
