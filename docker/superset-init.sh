#!/bin/sh
# One-shot set-up of Superset on its PostgreSQL metadata database, run by the `superset-init`
# service before gunicorn starts: migrate, roles and permissions, the admin user, the dashboard
# assets and the access rules (the same steps as `smartprov dashboards serve`). Idempotent.
set -eu
SUPERSET=/opt/smartprov/.venv-superset/bin/superset
SUPERSET_PYTHON=/opt/smartprov/.venv-superset/bin/python
: "${SMARTPROV_ADMIN_USER:?set SMARTPROV_ADMIN_USER in .env}"
: "${SMARTPROV_ADMIN_PASSWORD:?set SMARTPROV_ADMIN_PASSWORD in .env}"
"$SUPERSET" db upgrade
"$SUPERSET" init
"$SUPERSET_PYTHON" -m dashboards.in_superset.users admin "$SMARTPROV_ADMIN_USER"
smartprov dashboards import
smartprov dashboards apply-security
echo "superset-init: done"
