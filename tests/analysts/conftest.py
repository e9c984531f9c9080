"""The analysts' tests share the session's built sample (tests/warehouse/conftest.py)."""

from __future__ import annotations

from tests.warehouse.conftest import built  # noqa: F401  (the shared session fixture)
