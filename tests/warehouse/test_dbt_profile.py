"""The DuckDB settings in dbt/profiles.yml are where dbt-duckdb applies them once.

dbt-duckdb runs ``SET key = value`` for every entry of ``settings`` on every cursor, i.e. for
every node; DuckDB refuses to set ``temp_directory`` again once a query has spilled there, so
with the instance settings there every node after the first spill failed ("Cannot switch
temporary directory after the current one has been used": a 3 M-row full refresh at a 2.5 GB
memory limit). ``config_options`` are passed to ``duckdb.connect`` once.
"""

from __future__ import annotations

import yaml

from smartprov.settings import DBT_PROJECT_DIR

INSTANCE_SETTINGS = {
    "memory_limit",
    "threads",
    "temp_directory",
    "max_temp_directory_size",
    "preserve_insertion_order",
}


def test_instance_settings_are_applied_once_per_connection() -> None:
    profile = yaml.safe_load((DBT_PROJECT_DIR / "profiles.yml").read_text(encoding="utf-8"))
    local = profile["smartprov"]["outputs"]["local"]
    assert set(local["config_options"]) >= INSTANCE_SETTINGS
    assert not INSTANCE_SETTINGS & set(local.get("settings") or {})
