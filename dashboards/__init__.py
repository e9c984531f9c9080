"""Superset as code: the dashboards, their datasets, roles and row-level security.

Two interpreters use this package:

- the pipeline environment (``.venv``) runs ``smartprov dashboards``: :mod:`.server` only starts
  subprocesses, :mod:`.browser` takes screenshots through headless Chromium, and
  :mod:`.catalog` (stdlib + PyYAML) generates the YAML under ``dashboards/assets/`` and
  ``dashboards/security/``;
- the Superset environment (``.venv-superset``) runs :mod:`.in_superset` (asset import, roles
  and RLS, users) inside the Superset application, as ``python -m dashboards.in_superset.assets``
  with the project root on ``PYTHONPATH``.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from smartprov.base import settings
from smartprov.base.settings import PROJECT_ROOT

DASHBOARDS_DIR = PROJECT_ROOT / "dashboards"
ASSETS_DIR = DASHBOARDS_DIR / "assets"  # generated YAML: databases, datasets, charts, dashboards
SUPERSET_CONFIG = DASHBOARDS_DIR / "superset_config.py"
SECURITY_DIR = DASHBOARDS_DIR / "security"
SUPERSET_VENV = PROJECT_ROOT / ".venv-superset"

# Every generated UUID is uuid5(NAMESPACE, "<kind>:<name>"), so renaming a title keeps the UUID
# as long as the name key stays, and a regenerated file never changes by accident.
NAMESPACE = uuid.UUID("6f1f1a52-3b7e-5c55-9d1e-4a7d2c0f3300")

# The database asset holds this placeholder; the import replaces it with the actual
# serving.duckdb path of $SMARTPROV_HOME.
SERVING_PATH_PLACEHOLDER = "{{ SERVING_DUCKDB }}"
# The national database asset (dashboards/assets/national/) holds this one; the import replaces
# it with <home>/national/serving.duckdb, the file `smartprov national build` publishes.
NATIONAL_SERVING_PLACEHOLDER = "{{ NATIONAL_SERVING_DUCKDB }}"
NATIONAL_ASSETS_DIR = ASSETS_DIR / "national"
# The deck.gl map charts hold this placeholder; the import replaces it with SMARTPROV_MAP_STYLE
# (a tile:// or mapbox:// URL) or "none": outlines on a blank background, no internet needed.
MAP_STYLE_PLACEHOLDER = "{{ MAP_STYLE }}"
NO_TILES = "none"


def stable_uuid(kind: str, name: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{name}"))


def map_style() -> str:
    """The deck.gl base map: ``SMARTPROV_MAP_STYLE`` (e.g. ``tile://https://…/{z}/{x}/{y}.png``
    or ``mapbox://styles/mapbox/light-v9`` with ``MAPBOX_API_KEY``), default no tiles at all."""
    style = settings.MAP_STYLE.get() or NO_TILES
    if any(c in style for c in "\"'\\ \n"):
        raise ValueError(f"SMARTPROV_MAP_STYLE={style!r}: not a URL")
    return style


def superset_bin(name: str = "superset") -> Path:
    return SUPERSET_VENV / "bin" / name


__all__ = [
    "ASSETS_DIR",
    "MAP_STYLE_PLACEHOLDER",
    "NATIONAL_ASSETS_DIR",
    "NATIONAL_SERVING_PLACEHOLDER",
    "NO_TILES",
    "NAMESPACE",
    "SECURITY_DIR",
    "SERVING_PATH_PLACEHOLDER",
    "SUPERSET_CONFIG",
    "SUPERSET_VENV",
    "map_style",
    "stable_uuid",
    "superset_bin",
]
