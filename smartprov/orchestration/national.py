"""The national roll-up's Airflow tasks: wiring only, the work is smartprov.national's.

- the warehouse DAG's ``export`` (after publish): this province's export to the lake when one is
  configured (``SMARTPROV_LAKE``), emitting the province's export asset;
- the national DAG's ``build_national`` (scheduled on every province's export asset): the
  national marts over the lake on the configured engine (``SMARTPROV_NATIONAL_ENGINE``: DuckDB
  by default, Spark on the master ``SMARTPROV_SPARK_MASTER``), published to
  ``<home>/national/serving.duckdb``.
"""

from __future__ import annotations

import logging
from typing import Any

from smartprov.base.settings import NATIONAL_ENGINE, SPARK_MASTER, Paths, province_code

log = logging.getLogger(__name__)


class NationalConfigError(ValueError):
    """The national build's settings do not make a build (unknown engine, no Spark master)."""


def export_asset_uri(kode_provinsi: str) -> str:
    """The asset a province's export emits (and the national DAG schedules on)."""
    return f"smartprov://lake/province={kode_provinsi}"


def export_to_lake(paths: Paths) -> dict[str, Any] | None:
    """Export this province to the configured lake; None when no lake is configured."""
    from smartprov.national.lake import export_after_publish

    partition = export_after_publish(paths)
    if partition is None:
        log.info("no lake configured (SMARTPROV_LAKE): province %s not exported", province_code())
        return None
    rows = sum(f["rows"] for f in partition.manifest["files"].values())
    log.info("exported province %s: %d rows -> %s", partition.kode_provinsi, rows, partition.path)
    return {
        "kode_provinsi": partition.kode_provinsi,
        "as_of_date": partition.manifest["as_of_date"],
        "rows": rows,
        "path": str(partition.path),
    }


def national_engine() -> tuple[str, str | None]:
    """The engine (and Spark master) the national DAG builds with, checked."""
    from smartprov.national.build import ENGINES

    engine = NATIONAL_ENGINE.get().lower()
    if engine not in ENGINES:
        raise NationalConfigError(f"{NATIONAL_ENGINE.name}={engine!r}: one of {', '.join(ENGINES)}")
    master = SPARK_MASTER.get() or None
    if engine == "spark" and not master:
        raise NationalConfigError(
            f"{NATIONAL_ENGINE.name}=spark needs {SPARK_MASTER.name} (a spark:// URL)"
        )
    return engine, master if engine == "spark" else None


def build_national(paths: Paths) -> dict[str, Any]:
    """The national marts over one verified snapshot of the lake, published."""
    from smartprov.national.build import build

    engine, master = national_engine()
    result = build(paths, engine, master=master)
    log.info("national build on %s: %s", engine, result.row_counts)
    return {
        "engine": engine,
        "serving": str(result.serving),
        "provinces": list(result.provinces),
        "rows": result.row_counts,
        "seconds": round(result.seconds, 1),
    }
