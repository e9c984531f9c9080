"""Scorecard v1.1 on the sample warehouse: GRDP per capita at constant prices, and an
environment dimension from IKLH where no ISPU station measured (fixture: 2025 has no ISPU)."""

from __future__ import annotations

import pytest

from tests.warehouse import fixture
from tests.warehouse.conftest import query


def test_grdp_per_capita_is_scored_at_constant_prices(built) -> None:
    (value,) = query(
        built["paths"].serving,
        "select value from marts.mart_scorecard_kabkota where kode_kabkota = ? and tahun = 2025"
        " and indicator_code = 'ECO_GRDP_PER_CAPITA'",
        [fixture.CASE_KABKOTA],
    )[0]
    # Kota Magelang (regency index 29): ADHK 21,000 + 520 x 29 = 36,080 billion rupiah over
    # 500,000 + 40,000 x 29 = 1,660,000 residents (current prices would give 35.9)
    assert value == pytest.approx(36_080 * 1000 / 1_660_000)


def test_environment_dimension_from_iklh_without_a_station(built) -> None:
    rows = query(
        built["paths"].serving,
        "select d.indicators, d.indicators_scored, d.score, k.value, k.score"
        " from marts.mart_scorecard_dimension_kabkota as d"
        " join marts.mart_scorecard_kabkota as k using (kode_kabkota, tahun)"
        " where d.kode_kabkota = ? and d.tahun = 2025 and d.dimension = 'environment'"
        " and k.indicator_code = 'ENV_IKLH'",
        [fixture.CASE_KABKOTA],
    )
    # IKLH 60 + 29 % 20 = 69 between the bounds 50 (0) and 90 (100): 47.5; the two ISPU
    # indicators do not count without a station, so 1 of 1 indicator scores the dimension
    assert rows == [(1, 1, 47.5, 69.0, 47.5)]
