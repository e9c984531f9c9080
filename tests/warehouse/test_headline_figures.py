"""Each dashboard's headline numbers: the chart's own query equals an independent recomputation
from the marts, and province-wide rates are Σ numerators ÷ Σ denominators (serving-v1)."""

from __future__ import annotations

import pytest

from smartprov.base.warehouse import connect
from tests.warehouse.headlines import (
    INDEPENDENT,
    big_numbers,
    chart_value,
    lifetime_sigma_over_sigma,
)


@pytest.fixture(scope="module")
def con(built):
    connection = connect(built["paths"].serving, read_only=True)
    yield connection
    connection.close()


def test_every_headline_has_an_independent_recomputation() -> None:
    assert {c.key for c in big_numbers()} == set(INDEPENDENT)


@pytest.mark.parametrize("chart", big_numbers(), ids=lambda c: c.key)
def test_headline_equals_its_recomputation(con, chart) -> None:
    want = INDEPENDENT[chart.key](con)
    got = chart_value(con, chart)
    assert want is not None, f"{chart.key}: the sample must give this headline a value"
    assert got == pytest.approx(want, rel=1e-12), chart.key


def test_lapor_headlines_are_sigma_over_sigma_of_the_regency_counts(con) -> None:
    """Over all months, the monthly mart's Σ/Σ equals the lifetime mart's Σ/Σ."""
    lifetime = lifetime_sigma_over_sigma(con)
    charts = {c.key: c for c in big_numbers()}
    assert chart_value(con, charts["lapor.verifikasi"]) == pytest.approx(lifetime["verifikasi"])
    assert chart_value(con, charts["lapor.tindak_lanjut"]) == pytest.approx(
        lifetime["tindak_lanjut"]
    )


def test_active_of_live_never_exceeds_one(con) -> None:
    rows = con.execute(
        "select live_villages, live_active_villages_30d, active_villages_30d"
        " from marts.mart_rollout_kabkota where program = 'TTE_KELURAHAN'"
    ).fetchall()
    assert all(live_active <= live for live, live_active, _ in rows)
    assert all(live_active <= active for _, live_active, active in rows)
