"""Superset as code: the dashboards, their datasets, roles and row-level security.

Two interpreters use this package:

- the pipeline environment (``.venv``) runs ``smartprov dashboards``: :mod:`.server` only starts
  subprocesses, and :mod:`.spec`, :mod:`.datasets`, :mod:`.charts`, :mod:`.layouts` and
  :mod:`.render` (stdlib + PyYAML) generate the YAML under ``dashboards/``;
- the Superset environment (``.venv-superset``) runs :mod:`.assets` (import) and
  :mod:`.security` (roles and RLS) inside the Superset application, as
  ``python -m ingestion.dashboards.assets`` with the project root on ``PYTHONPATH``.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from ingestion.settings import PROJECT_ROOT

ASSETS_DIR = PROJECT_ROOT / "dashboards"
SUPERSET_CONFIG = ASSETS_DIR / "superset_config.py"
SECURITY_DIR = ASSETS_DIR / "security"
SUPERSET_VENV = PROJECT_ROOT / ".venv-superset"

# Every generated UUID is uuid5(NAMESPACE, "<kind>:<name>"), so renaming a title keeps the UUID
# as long as the name key stays, and a regenerated file never changes by accident.
NAMESPACE = uuid.UUID("6f1f1a52-3b7e-5c55-9d1e-4a7d2c0f3300")

# The database asset holds this placeholder; the import replaces it with the actual
# serving.duckdb path of $SMARTPROV_HOME.
SERVING_PATH_PLACEHOLDER = "{{ SERVING_DUCKDB }}"


def stable_uuid(kind: str, name: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{name}"))


def superset_bin(name: str = "superset") -> Path:
    return SUPERSET_VENV / "bin" / name


__all__ = [
    "ASSETS_DIR",
    "NAMESPACE",
    "SECURITY_DIR",
    "SERVING_PATH_PLACEHOLDER",
    "SUPERSET_CONFIG",
    "SUPERSET_VENV",
    "stable_uuid",
    "superset_bin",
]
