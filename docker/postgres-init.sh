#!/bin/sh
# Run once by the postgres image on an empty data directory: one role and one database each
# for Airflow and Superset (passwords from the environment, i.e. from .env).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v airflow_password="$AIRFLOW_DB_PASSWORD" -v superset_password="$SUPERSET_DB_PASSWORD" <<'SQL'
create role airflow login password :'airflow_password';
create database airflow owner airflow;
create role superset login password :'superset_password';
create database superset owner superset;
SQL
