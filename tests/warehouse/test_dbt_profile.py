"""The DuckDB settings in dbt/profiles.yml never include the spill directory.

dbt-duckdb runs ``SET key = value`` for every entry of ``settings`` on every cursor, i.e. for
every node; DuckDB refuses to set ``temp_directory`` again once a query has spilled there, so
with it among the settings every node after the first spill failed ("Cannot switch temporary
directory after the current one has been used": a 3 M-row full refresh at a 2.5 GB memory
limit). ``config_options`` would apply it once, but give the file a second configuration in a
process that also opens it through smartprov.base.warehouse.connect (DuckDB refuses that). DuckDB's
default spill directory is beside the file.
"""

from __future__ import annotations

import re

import yaml

from smartprov.base.settings import DBT_PROJECT_DIR, DEFAULT_DUCKDB_MEMORY_LIMIT, PROJECT_ROOT


def test_the_spill_directory_is_not_set_per_node() -> None:
    profile = yaml.safe_load((DBT_PROJECT_DIR / "profiles.yml").read_text(encoding="utf-8"))
    local = profile["smartprov"]["outputs"]["local"]
    assert "memory_limit" in local["settings"]  # the limit dbt builds under (issue 13)
    assert "temp_directory" not in (local.get("settings") or {})
    assert not local.get("config_options")


def test_every_copy_of_the_memory_limit_default_is_the_same() -> None:
    """dbt run by Cosmos (no SMARTPROV_DUCKDB_MEMORY_LIMIT set) and Compose fall back to their
    own literal: a limit changed in one place only would build under another limit."""
    copies = {
        DBT_PROJECT_DIR / "profiles.yml": r"env_var\('SMARTPROV_DUCKDB_MEMORY_LIMIT', '([^']+)'\)",
        PROJECT_ROOT / "docker-compose.yml": r"\$\{SMARTPROV_DUCKDB_MEMORY_LIMIT:-([^}]+)\}",
    }
    for path, pattern in copies.items():
        found = re.findall(pattern, path.read_text(encoding="utf-8"))
        assert found == [DEFAULT_DUCKDB_MEMORY_LIMIT], (path.name, found)
