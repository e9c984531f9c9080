"""The analysts' tests share the session's built sample (tests/warehouse/conftest.py)."""

from __future__ import annotations

from tests.warehouse.conftest import built, home_copy  # noqa: F401  (shared fixtures)
