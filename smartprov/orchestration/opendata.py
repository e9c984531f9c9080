"""The monthly open-data release: serving.duckdb -> <home>/opendata/<data date>/ (validated)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from smartprov.base.settings import Paths
from smartprov.opendata import OpenDataError, validate_release, write_release


def release_directory(paths: Paths, month: str) -> Path:
    return paths.home / "opendata" / month


def release_open_data(paths: Paths, month: str) -> dict[str, Any]:
    """Write the release for ``month`` (YYYY-MM), fail when it does not validate."""
    out = release_directory(paths, month)
    release = write_release(paths.serving, out)
    errors = validate_release(out)
    if errors:
        raise OpenDataError("the open-data release does not validate:\n" + "\n".join(errors))
    return {"path": str(out), "as_of_date": release.as_of_date, "rows": release.row_counts}
