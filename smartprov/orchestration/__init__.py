"""Orchestration: what the Airflow DAGs in ``dags/`` and ``smartprov airflow`` call.

The DAG files hold wiring only (schedules, mapping, pools, assets); everything they do lives
here or in the rest of the ``ingestion`` library, so ``smartprov run`` and Airflow share code.

- ``config``: the embedded Airflow set-up (AIRFLOW_HOME under SMARTPROV_HOME, SQLite, env vars).
- ``setup``: metadata database, pools and connections, created by code and idempotent.
- ``tasks``: the small functions the tasks call (ingest one regency, pull LAPOR, gate, publish).
- ``monitoring``: missed deliveries and LAPOR service-level breaches -> log + webhook.
- ``runner``: run the DAGs for every delivered day in landing/ (``smartprov airflow pipeline``).
"""
