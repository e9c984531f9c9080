"""Every headline (big number) of every dashboard, two ways: the chart's own query (its metric
and filters from the catalog, as Superset's query object builds it) and an independent
recomputation from the marts' rows and counts (Σ numerators ÷ Σ denominators, counted here in
Python). A new big number needs a recomputation here, or the test says which one is missing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import duckdb

from dashboards.catalog.charts import ALL_CHARTS
from dashboards.catalog.spec import Chart

Con = duckdb.DuckDBPyConnection
TTE = "TTE_KELURAHAN"


def big_numbers() -> list[Chart]:
    return [c for c in ALL_CHARTS if c.viz_type == "big_number_total"]


def _condition(flt: dict[str, Any]) -> tuple[str, list[Any]]:
    column, op, value = flt["col"], flt["op"], flt.get("val")
    if op == "==":
        return f'"{column}" = ?', [value]
    if op == "!=":
        return f'"{column}" <> ?', [value]
    if op == "IN":
        return f'"{column}" in ({", ".join("?" for _ in value)})', list(value)
    if op == "IS TRUE":
        return f'"{column}" is true', []
    raise AssertionError(f"filter operator {op} not rendered by this test")


def chart_value(con: Con, chart: Chart) -> Any:
    """The chart's metric over its dataset with its filters (no dashboard filter applied)."""
    (metric,) = chart.metrics
    expression = next(m.expression for m in chart.dataset.metrics if m.name == metric)
    conditions, params = ["true"], []
    for flt in chart.filters:
        sql, values = _condition(flt)
        conditions.append(sql)
        params += values
    if chart.where:
        conditions.append(chart.where)
    sql = f"select {expression} from marts.{chart.dataset.name} where {' and '.join(conditions)}"
    return con.execute(sql, params).fetchone()[0]


def _rows(con: Con, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    cursor = con.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def _villages(con: Con) -> list[dict[str, Any]]:
    return _rows(con, "select * from marts.mart_rollout_village where program = ?", [TTE])


def _complaints(con: Con) -> list[dict[str, Any]]:
    """Complaints of a regency/city (the regency marts leave out provincial agencies), both
    channels, a report in both counted once (its SP4N-LAPOR! row)."""
    return _rows(
        con,
        "select * from marts.fct_complaint_reports"
        " where is_counted_once and kode_kabkota is not null and tanggal_lapor is not null",
    )


def _lapor_rate(done: str, measured: str) -> Callable[[Con], float | None]:
    def compute(con: Con) -> float | None:
        rows = _complaints(con)
        return _ratio(sum(bool(r[done]) for r in rows), sum(bool(r[measured]) for r in rows))

    return compute


def _adoption(numerator: str, denominator: Callable[[dict[str, Any]], int]):
    def compute(con: Con) -> float | None:
        rows = _rows(con, "select * from marts.mart_adoption_monthly")
        return _ratio(sum(r[numerator] for r in rows), sum(denominator(r) for r in rows))

    return compute


# chart key -> the headline recomputed from other marts' rows (villages, complaints, services)
INDEPENDENT: dict[str, Callable[[Con], Any]] = {
    "ringkasan.live": lambda con: sum(bool(v["is_live"]) for v in _villages(con)),
    # v1.1 coverage: villages with a TTE letter in 30 days ÷ all villages (the TTE rows of
    # mart_rollout_village are every village of the province)
    "ringkasan.cakupan": lambda con: _ratio(
        sum((v["tte_letters_30d"] or 0) > 0 for v in _villages(con)), len(_villages(con))
    ),
    "ringkasan.aktif": lambda con: _ratio(
        sum(bool(v["is_live"] and v["is_active_30d"]) for v in _villages(con)),
        sum(bool(v["is_live"]) for v in _villages(con)),
    ),
    "ringkasan.lapor": _lapor_rate("is_followed_up_on_time", "is_follow_up_measured"),
    "lapor.total": lambda con: sum(r["jenis"] == "pengaduan" for r in _complaints(con)),
    "lapor.verifikasi": _lapor_rate("is_verified_on_time", "is_verification_measured"),
    "lapor.tindak_lanjut": _lapor_rate("is_followed_up_on_time", "is_follow_up_measured"),
    "lapor.terbuka": lambda con: sum(
        bool(r["is_open"]) and r["jenis"] == "pengaduan" for r in _complaints(con)
    ),
    "adopsi.tanpa_data": lambda con: sum(
        r["delivery_status"] != "current"
        for r in _rows(con, "select * from marts.mart_delivery_status_kabkota")
    ),
    "adopsi.pangsa_tte": _adoption("tte_letters_issued", lambda r: r["letters_issued"]),
    "adopsi.gagal": _adoption(
        "requests_failed", lambda r: r["requests"] - r["requests_in_progress"]
    ),
}


def lifetime_sigma_over_sigma(con: Con) -> dict[str, float | None]:
    """The province-wide LAPOR rates as Σ/Σ of mart_lapor_sla_kabkota's own counts."""
    rows = _rows(con, "select * from marts.mart_lapor_sla_kabkota")

    def total(column: str) -> int:
        return sum(r[column] for r in rows)

    return {
        "verifikasi": _ratio(total("verified_on_time"), total("verification_measured")),
        "tindak_lanjut": _ratio(total("followed_up_on_time"), total("follow_up_measured")),
        "penyelesaian": _ratio(total("complaints_selesai"), total("complaints_not_archived")),
    }
