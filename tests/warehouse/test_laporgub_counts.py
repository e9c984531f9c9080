"""One report, one count (laporgub-v1) on the shared sample warehouse's hand-written LaporGub!
rows (tests/warehouse/fixture.py): a report forwarded between SP4N-LAPOR! and LaporGub! counts
once in its regency's and the province's totals, each channel keeps its own figures."""

from __future__ import annotations

import pytest

from smartprov.base import reference
from tests.warehouse import fixture
from tests.warehouse.conftest import query

SLA = (
    "select complaints, complaints_lapor, complaints_laporgub, complaints_in_both"
    " from marts.mart_lapor_sla_kabkota"
)


def _as_dict(row: tuple) -> dict[str, int]:
    return dict(zip(("complaints", "lapor", "laporgub", "in_both"), row, strict=True))


@pytest.mark.parametrize(
    ("kode", "expected"),
    [
        (fixture.CASE_KABKOTA, fixture.LAPORGUB_CASE),
        fixture.LAPORGUB_FORWARDED_TO,
    ],
)
def test_a_forwarded_report_counts_once_in_its_regency(built, kode, expected) -> None:
    assert reference.regency_codes()[0] == "33.01"  # R-0, the complaint G-5 was forwarded to
    (row,) = query(built["paths"].serving, SLA + " where kode_kabkota = ?", [kode])
    assert _as_dict(row) == expected


def test_a_forwarded_report_counts_once_in_the_province(built) -> None:
    (row,) = query(
        built["paths"].serving,
        "select sum(complaints), sum(complaints_lapor), sum(complaints_laporgub),"
        " sum(complaints_in_both) from marts.mart_lapor_sla_kabkota",
    )
    assert _as_dict(row) == fixture.LAPORGUB_PROVINCE
    # the dashboards' other totals count it once too (the regency marts, by kategori, by age)
    serving = built["paths"].serving
    for mart, column in (
        ("mart_lapor_kategori_kabkota", "complaints"),
        ("mart_lapor_sla_kabkota_monthly", "complaints"),
    ):
        (total,) = query(serving, f"select sum({column}) from marts.{mart}")[0]
        assert total == fixture.LAPORGUB_PROVINCE["complaints"], mart


def test_each_channel_keeps_its_own_figures(built) -> None:
    rows = query(
        built["paths"].serving,
        "select channel, complaints, complaints_in_both, verification_measured,"
        " verified_on_time, follow_up_measured, followed_up_on_time"
        " from marts.mart_lapor_sla_channel_kabkota where kode_kabkota = ? order by channel",
        [fixture.CASE_KABKOTA],
    )
    # SP4N-LAPOR! as without LaporGub: 6 pengaduan (L-1..L-4, L-8, R-<i>; lapor-v1 v1.1), its
    # service levels over every jenis: verified on time L-1, L-4, L-6, L-7, L-8, R-<i> of 8
    # (L-2, L-3 late); LaporGub's own: G-1 (Mon 03-02 -> Tue 03-03, 1 working day), G-2, G-4
    # and G-6 verified on time; answers: G-1 (03-03 -> 03-04) and G-4 (03-16 -> 03-17) on time,
    # G-2 not due (4 working days), G-6 tidak_layak (no follow-up level)
    assert rows == [
        # follow-ups: L-3 (03-09 -> 03-10), R-<i> (03-17 -> 03-18, cuti bersama: 0), L-7 and
        # L-8 on time (tests/warehouse/test_build_and_publish.py); L-1 not due (03-25 -> 03-31:
        # 4 working days)
        ("lapor", 6, 1, 8, 6, 4, 4),
        ("laporgub", 4, 1, 4, 4, 2, 2),
    ]
    assert (
        len(query(built["paths"].serving, "select * from marts.mart_lapor_sla_channel_kabkota"))
        == 70
    )


def test_no_reporter_identity_reaches_serving(built) -> None:
    columns = {
        name
        for (name,) in query(
            built["paths"].serving,
            "select column_name from duckdb_columns() where schema_name = 'marts'",
        )
    }
    assert not {c for c in columns if c.startswith("pelapor")}
    assert "isi" not in columns
