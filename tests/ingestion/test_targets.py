"""Plan targets (targets-v1): a hand-written Bappeda file loads; bad rows are quarantined with
their reason, the rest loads; a new file replaces every target."""

from __future__ import annotations

from tests.ingestion.conftest import Home, write_csv

HEADER = (
    "kode_indikator", "tingkat", "kode_kabkota", "tahun", "target", "arah", "dokumen",
    "status_target",
)  # fmt: skip
RPJMD = "RPJMD Provinsi Jawa Tengah 2025–2029, Tabel 6.2"


def test_targets_load_and_bad_rows_are_quarantined(home: Home) -> None:
    path = home.paths.landing / "targets" / "target_indikator.csv"
    write_csv(
        path,
        [
            ("GOV_TTE_LIVE_SHARE", "provinsi", "", "2026", "0.8", "naik", RPJMD, "ditetapkan"),
            (
                "ECO_POVERTY_RATE",
                "kabkota",
                "33.76",
                "2025",
                "0,065",
                "turun",
                "RPJMD Kota",
                "usulan",
            ),
            (
                "ECO_POVERTY_RATE",
                "kabkota",
                "33.76",
                "2025",
                "0.065",
                "Turun",
                "RPJMD Kota",
                "usulan",
            ),
            ("NOT_AN_INDICATOR", "provinsi", "", "2026", "1", "naik", RPJMD, "ditetapkan"),
            ("ECO_POVERTY_RATE", "kabkota", "35.01", "2025", "0.1", "turun", RPJMD, "ditetapkan"),
            ("ECO_POVERTY_RATE", "kabkota", "33.01", "2025", "sepuluh", "turun", RPJMD, "usulan"),
            ("ECO_POVERTY_RATE", "kabkota", "33.01", "2025", "0.1", "naik-turun", RPJMD, "usulan"),
        ],
        HEADER,
    )
    summary = home.ingest(sources=["targets"])
    assert (summary.rows_loaded, summary.rows_quarantined) == (2, 5)
    reasons = dict(home.query("select row_number, reason from audit.quarantine_rows order by 1"))
    assert set(reasons) == {2, 4, 5, 6, 7}
    assert "target '0,065' is not a number" in reasons[2]
    assert "NOT_AN_INDICATOR" in reasons[4] and "indicator catalogue" in reasons[4]
    assert "35.01" in reasons[5] and "not a regency/city of the province" in reasons[5]
    assert "sepuluh" in reasons[6]
    assert "naik-turun" in reasons[7]
    # case is normalised for the coded columns: 'Turun' is 'turun'
    assert home.query(
        "select kode_indikator, tingkat, kode_kabkota, tahun, target, arah, status_target"
        " from raw.target_indikator order by 1"
    ) == [
        ("ECO_POVERTY_RATE", "kabkota", "33.76", 2025, 0.065, "turun", "usulan"),
        ("GOV_TTE_LIVE_SHARE", "provinsi", None, 2026, 0.8, "naik", "ditetapkan"),
    ]
    write_csv(
        path,
        [("GOV_TTE_LIVE_SHARE", "provinsi", "", "2026", "0.9", "naik", RPJMD, "usulan")],
        HEADER,
    )
    home.ingest(sources=["targets"])
    assert home.query("select target, status_target from raw.target_indikator") == [(0.9, "usulan")]
