"""serving-v1 v1.1 running years on the sample warehouse (data date Tue 2026-03-31): a value
computed from part of a year carries "berjalan" and the months it covers wherever it is shown,
and the score pivot carries the year of every score."""

from __future__ import annotations

from tests.warehouse.conftest import query


def test_indicator_tables_label_the_running_year(built) -> None:
    serving = built["paths"].serving
    for table in (
        "mart_economy_kabkota_dashboard",
        "mart_environment_kabkota_dashboard",
        "mart_tourism_kabkota_dashboard",
    ):
        labels = dict(
            query(serving, f"select distinct tahun, tahun_label from marts.{table}")  # noqa: S608
        )
        # the sample's tourism months are January and February 2026; statistics 2024-2025
        assert labels.get(2026, "2026 (Jan–Mar, berjalan)") == "2026 (Jan–Mar, berjalan)", table
        assert all(label == str(year) for year, label in labels.items() if year < 2026), table
    (tourism,) = query(
        serving,
        "select tahun_label, is_running_year from marts.mart_tourism_kabkota_dashboard"
        " where kode_kabkota = '33.71' and tahun = 2026",
    )
    assert tourism == ("2026 (Jan–Mar, berjalan)", True)


def test_score_pivot_headers_carry_the_year(built) -> None:
    rows = query(
        built["paths"].serving,
        "select distinct dimensi, tahun, dimensi_tahun"
        " from marts.mart_scorecard_dimension_dashboard",
    )
    assert rows
    for dimensi, tahun, header in rows:
        assert header.startswith(f"{dimensi} {tahun}"), header
        assert ("berjalan" in header) == (tahun == 2026), header


def test_environment_table_names_regencies_without_a_station(built) -> None:
    """Recomputed from the raw ISPU rows: a regency-year with no station reads "Tidak ada
    stasiun ISPU" (never a blank row), one with stations names how many."""
    paths = built["paths"]
    stations = {
        (kode, tahun): n
        for kode, tahun, n in query(
            paths.warehouse,
            "select kode_kabkota, year(tanggal), count(distinct id_stasiun)"
            " from raw.indicator_ispu group by all",
        )
    }
    rows = query(
        paths.serving,
        "select kode_kabkota, tahun, keterangan_stasiun"
        " from marts.mart_environment_kabkota_dashboard",
    )
    assert {note for *_, note in rows} >= {"Tidak ada stasiun ISPU"}
    for kode, tahun, note in rows:
        n = stations.get((kode, tahun), 0)
        if n == 0:
            assert note == "Tidak ada stasiun ISPU", (kode, tahun, note)
        else:
            assert note.startswith((f"{n} stasiun", "Data kurang lengkap")), (kode, tahun, note)
