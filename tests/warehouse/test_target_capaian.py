"""targets-v1 on the sample warehouse: capaian beside the actual value with the target's year
and document, "belum ada target" where none, usulan labelled, no capaian for a running year."""

from __future__ import annotations

import pytest

from tests.warehouse import fixture
from tests.warehouse.conftest import query


def _row(serving, tingkat: str, kode: str | None, code: str) -> tuple:
    (row,) = query(
        serving,
        "select tahun_label, actual_value, target, capaian, dokumen, status_target_label,"
        " keterangan from marts.mart_target_capaian where tingkat = ? and indicator_code = ?"
        " and kode_kabkota is not distinct from ?",
        [tingkat, code, kode],
    )
    return row


def test_capaian_against_hand_written_targets(built) -> None:
    serving = built["paths"].serving
    # Kota Magelang (regency index 29): poverty 8 + 29 % 9 = 10 % in 2025 against 8 % (turun):
    # capaian 0.08 / 0.10 = 0.8
    label, actual, target, capaian, doc, status, note = _row(
        serving, "kabkota", fixture.CASE_KABKOTA, "ECO_POVERTY_RATE"
    )
    assert (label, doc, status, note) == (
        "2025",
        fixture.TARGET_DOC,
        "ditetapkan",
        "capaian dihitung",
    )
    assert (actual, target, capaian) == pytest.approx((0.10, 0.08, 0.8))
    # Kota Tegal (index 34): unemployment 4 + (34 % 5) / 2 = 6 % against 5 % (turun), usulan
    row = _row(serving, "kabkota", fixture.KOTA_TEGAL, "ECO_UNEMPLOYMENT_RATE")
    assert row[3] == pytest.approx(0.05 / 0.06)
    assert row[5] == "usulan (belum ditetapkan)"
    # the province: 21 of 30 targeted villages live (Tegal 19/27, Magelang 2/3) in the running
    # year 2026: shown, never compared with the annual target
    label, actual, target, capaian, _, _, note = _row(
        serving, "provinsi", None, "GOV_TTE_LIVE_SHARE"
    )
    assert label == "2026 (Jan–Mar, berjalan)"
    assert (actual, target, capaian) == (pytest.approx(0.7), 0.8, None)
    assert note.startswith("tahun berjalan")
    # no target for Magelang's unemployment in 2025: the value and "belum ada target"
    label, actual, target, capaian, _, _, note = _row(
        serving, "kabkota", fixture.CASE_KABKOTA, "ECO_UNEMPLOYMENT_RATE"
    )
    assert (label, target, capaian, note) == ("2025", None, None, "belum ada target")
    assert actual == pytest.approx(0.06)


def test_provincial_economy_actuals_are_sums_over_every_regency(built) -> None:
    """Hand-computed from the fixture's formulas (regency i of 35: population 500,000 +
    40,000 i, GRDP ADHK 20,000 + 500 i in 2024 and 21,000 + 520 i in 2025, poverty 8 + i % 9 %):
    the province's growth is Σ GRDP 2025 ÷ Σ GRDP 2024 − 1 and its poverty Σ poor ÷ Σ people,
    never an average of the regencies' rates."""
    serving = built["paths"].serving
    regencies = range(35)
    growth = sum(21_000 + 520 * i for i in regencies) / sum(20_000 + 500 * i for i in regencies)
    growth -= 1  # 1,044,400 / 997,500 - 1 = 4.70 %
    people = [500_000 + 40_000 * i for i in regencies]
    poverty = sum((8 + i % 9) / 100 * n for i, n in zip(regencies, people, strict=True))
    poverty /= sum(people)
    label, actual, target, capaian, *_ = _row(serving, "provinsi", None, "ECO_GRDP_REAL_GROWTH")
    assert (label, target) == ("2025", 0.05)
    assert (actual, capaian) == pytest.approx((growth, growth / 0.05))
    label, actual, target, capaian, *_ = _row(serving, "provinsi", None, "ECO_POVERTY_RATE")
    assert (label, target) == ("2025", 0.10)
    assert (actual, capaian) == pytest.approx((poverty, 0.10 / poverty))
    mean_of_rates = sum((8 + i % 9) / 100 for i in regencies) / 35
    assert actual != pytest.approx(mean_of_rates)
