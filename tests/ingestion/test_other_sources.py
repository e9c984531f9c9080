"""LAPOR exports, the rollout register and indicator datasets load and quarantine like logs."""

from __future__ import annotations

from tests.ingestion.conftest import Home, write_csv

LAPOR_HEADER = (
    "tracking_id", "tanggal_lapor", "kanal", "jenis", "kategori", "instansi_tujuan",
    "kode_kabkota", "status", "tanggal_verifikasi", "tanggal_disposisi",
    "tanggal_tindak_lanjut", "tanggal_selesai", "updated_at", "rahasia", "anonim",
    "pelapor_nama", "pelapor_nik", "pelapor_telepon", "pelapor_email", "isi_laporan",
)  # fmt: skip
NIK = "3376015403920001"
PHONE = "081234567890"
EMAIL = "siti.rahayu@example.id"
NAME = "Siti Rahayu"


def lapor_row(tracking: str, status: str, updated: str, **overrides: str) -> list[str]:
    row = dict.fromkeys(LAPOR_HEADER, "")
    row.update(
        tracking_id=tracking,
        tanggal_lapor="2026-03-02T09:00:00+07:00",
        kanal="website",
        jenis="pengaduan",
        kategori="perizinan",
        instansi_tujuan="DPMPTSP Kota Tegal",
        kode_kabkota="33.76",
        status=status,
        updated_at=updated,
        rahasia="0",
        anonim="0",
        pelapor_nama=NAME,
        pelapor_nik=NIK,
        pelapor_telepon=PHONE,
        pelapor_email=EMAIL,
        isi_laporan="Izin usaha belum terbit",
    )
    row.update(overrides)
    return [row[c] for c in LAPOR_HEADER]


def test_lapor_history_kept_once_and_identity_hashed(home: Home) -> None:
    lapor = home.paths.landing / "lapor"
    write_csv(
        lapor / "2026-03-02.csv",
        [
            lapor_row("LAP-1", "menunggu_verifikasi", "2026-03-02T09:00:00+07:00"),
            lapor_row("LAP-2", "menunggu_verifikasi", "2026-03-02T10:00:00+07:00", rahasia="1"),
            lapor_row("LAP-3", "menunggu_verifikasi", "2026-03-02T11:00:00+07:00", anonim="1"),
            lapor_row("", "terverifikasi", "2026-03-02T12:00:00+07:00"),
            lapor_row("LAP-4", "hilang", "2026-03-02T12:00:00+07:00"),
            lapor_row("LAP-5", "terverifikasi", "2026-03-02T12:00:00+07:00", kode_kabkota="33.99"),
            lapor_row("LAP-6", "terverifikasi", "2026-03-02T12:00:00+07:00", tanggal_lapor="x"),
        ],
        LAPOR_HEADER,
    )
    write_csv(
        lapor / "2026-03-03.csv",
        [
            lapor_row("LAP-1", "terverifikasi", "2026-03-03T09:00:00+07:00"),
            # the same version again (an export overlapping the previous day): stored once
            lapor_row("LAP-1", "menunggu_verifikasi", "2026-03-02T09:00:00+07:00"),
        ],
        LAPOR_HEADER,
    )
    summary = home.ingest()
    assert summary.rows_quarantined == 4
    reasons = home.query("select reason_code from audit.quarantine_rows order by row_number")
    assert [r for (r,) in reasons] == [
        "missing_required_value",
        "unknown_status",
        "unknown_kode_kabkota",
        "invalid_timestamp",
    ]
    assert home.scalar("select count(*) from raw.lapor_complaints") == 4
    assert home.query(
        "select status from raw.lapor_complaints where tracking_id = 'LAP-1' order by updated_at"
    ) == [("menunggu_verifikasi",), ("terverifikasi",)]
    keys = home.query(
        "select tracking_id, pelapor_key, isi_laporan from raw.lapor_complaints "
        "where status = 'menunggu_verifikasi' order by 1"
    )
    (k1, isi1), (k2, isi2), (k3, _) = [(k, i) for _, k, i in keys]
    assert len(k1) == 64 and k1 == k2, "same reporter, same keyed hash"
    assert isi1 and isi2 is None, "confidential text is dropped"
    assert k3 is None, "anonymous reporters get no key"
    home.ingest()
    assert home.scalar("select count(*) from raw.lapor_complaints") == 4


def test_lapor_kategori_outside_the_catalogue_is_quarantined(home: Home) -> None:
    """Issue 31 (1): kategori is lapor-v1's closed catalogue; delivered text (HTML included) used
    to load and become a dashboard label and an open-data row for every regency."""
    hostile = '<img src="http://127.0.0.1:9/beacon">'
    write_csv(
        home.paths.landing / "lapor" / "2026-03-02.csv",
        [
            lapor_row("LAP-1", "menunggu_verifikasi", "2026-03-02T09:00:00+07:00"),
            lapor_row("LAP-2", "menunggu_verifikasi", "2026-03-02T09:00:00+07:00", kategori=""),
            lapor_row(
                "LAP-3", "menunggu_verifikasi", "2026-03-02T09:00:00+07:00", kategori="Kesehatan"
            ),
            lapor_row(
                "LAP-4", "menunggu_verifikasi", "2026-03-02T09:00:00+07:00", kategori=hostile
            ),
        ],
        LAPOR_HEADER,
    )
    summary = home.ingest()
    assert (summary.rows_loaded, summary.rows_quarantined) == (3, 1)
    [(row, code, reason)] = home.query(
        "select row_number, reason_code, reason from audit.quarantine_rows"
    )
    assert (row, code) == (4, "invalid_value") and "is not a category of lapor-v1" in reason
    assert home.query("select tracking_id, kategori from raw.lapor_complaints order by 1") == [
        ("LAP-1", "perizinan"),
        ("LAP-2", None),
        ("LAP-3", "kesehatan"),
    ]


def test_no_personal_data_in_clear_anywhere_in_the_warehouse(home: Home) -> None:
    write_csv(
        home.paths.landing / "lapor" / "2026-03-02.csv",
        [
            lapor_row("LAP-1", "menunggu_verifikasi", "2026-03-02T09:00:00+07:00"),
            lapor_row("LAP-9", "hilang", "2026-03-02T09:00:00+07:00"),  # quarantined row
        ],
        LAPOR_HEADER,
    )
    home.ingest()
    dump = home.paths.home / "dump"
    import duckdb

    con = duckdb.connect(str(home.paths.warehouse))
    con.execute(f"export database '{dump}' (format csv)")
    con.close()
    text = "\n".join(p.read_text() for p in dump.glob("*.csv"))
    assert "LAP-1" in text and "LAP-9" in text  # the scan does see the data
    for needle in (NIK, PHONE, EMAIL, NAME, "Siti"):
        assert needle not in text


def test_rollout_register_replaced_whole(home: Home) -> None:
    path = home.paths.landing / "rollout" / "rollout_register.csv"
    header = ("kode_wilayah", "program", "target", "tanggal_live")
    write_csv(
        path,
        [
            ("33.76.01.1001", "TTE_KELURAHAN", "1", "2026-01-10"),
            ("3376011002", "TTE_KELURAHAN", "1", ""),
            ("33.76.01.9999", "TTE_KELURAHAN", "1", ""),
            ("33.76.01.1003", "TTE_KELURAHAN", "2", ""),
        ],
        header,
    )
    summary = home.ingest()
    assert (summary.rows_loaded, summary.rows_quarantined) == (2, 2)
    assert {r for (r,) in home.query("select reason_code from audit.quarantine_rows")} == {
        "unknown_kode_wilayah",
        "invalid_value",
    }
    write_csv(path, [("33.76.01.1001", "TTE_KELURAHAN", "1", "2026-01-10")], header)
    home.ingest()
    assert home.query(
        "select kode_wilayah, target, tanggal_live::varchar from raw.rollout_register"
    ) == [("33.76.01.1001", True, "2026-01-10")]


def test_rollout_row_of_an_unknown_programme_is_quarantined(home: Home) -> None:
    """Issue 31 (4): a register row naming a programme outside ref_program.csv used to load and
    fail dbt's relationships test, so one bad row stopped the build and publish."""
    path = home.paths.landing / "rollout" / "rollout_register.csv"
    header = ("kode_wilayah", "program", "target", "tanggal_live")
    write_csv(
        path,
        [
            ("33.76.01.1001", "TTE_KELURAHAN", "1", "2026-01-10"),
            ("33.76.01.1002", "tte_kelurahan", "1", ""),  # codes are compared in upper case
            ("33.76.01.1003", "<b>PROGRAM_BARU</b>", "1", ""),
        ],
        header,
    )
    summary = home.ingest()
    assert (summary.rows_loaded, summary.rows_quarantined) == (2, 1)
    [(row, code, reason)] = home.query(
        "select row_number, reason_code, reason from audit.quarantine_rows"
    )
    assert (row, code) == (3, "invalid_value")
    assert "'<B>PROGRAM_BARU</B>' is not a programme of the catalogue" in reason
    assert {p for (p,) in home.query("select distinct program from raw.rollout_register")} == {
        "TTE_KELURAHAN"
    }


def test_indicator_datasets(home: Home) -> None:
    root = home.paths.landing / "indicators"
    write_csv(
        root / "kemiskinan" / "2025.csv",
        [
            ("33.76", "2025", "7.5", "6.1"),
            ("33.99", "2025", "7.5", "6.1"),
            ("33.01", "2025", "tujuh", "6.1"),
            ("33.02", "2025", "150", "6.1"),
        ],
        ("kode_kabkota", "tahun", "persen_penduduk_miskin", "tpt_persen"),
    )
    write_csv(
        root / "ispu" / "2026-03.csv",
        [("ISPU-3376-01", "33.76", "2026-03-05", "21.5", "40", "", "", "", "", "62")],
        ("id_stasiun", "kode_kabkota", "tanggal", "pm25", "pm10", "no2", "so2", "co", "o3", "ispu"),
    )
    summary = home.ingest()
    assert (summary.rows_loaded, summary.rows_quarantined) == (2, 3)
    assert [
        r
        for (r,) in home.query("select reason_code from audit.quarantine_rows order by row_number")
    ] == [
        "unknown_kode_kabkota",
        "invalid_value",
        "out_of_range",
    ]
    assert home.query(
        "select kode_kabkota, persen_penduduk_miskin from raw.indicator_kemiskinan"
    ) == [("33.76", 7.5)]
    assert home.scalar("select ispu from raw.indicator_ispu") == 62


def test_formula_like_free_text_is_neutralised(home: Home) -> None:
    write_csv(
        home.paths.landing / "lapor" / "2026-03-02.csv",
        [
            lapor_row(
                "LAP-1",
                "menunggu_verifikasi",
                "2026-03-02T09:00:00+07:00",
                instansi_tujuan='=HYPERLINK("http://x","klik")',
            ),
            # kategori is a closed catalogue (issue 31): a formula there is quarantined
            lapor_row(
                "LAP-2", "menunggu_verifikasi", "2026-03-02T09:00:00+07:00", kategori="@SUM(1+1)"
            ),
        ],
        LAPOR_HEADER,
    )
    home.ingest()
    assert home.query("select instansi_tujuan, kategori from raw.lapor_complaints") == [
        ('\'=HYPERLINK("http://x","klik")', "perizinan")
    ]
    assert home.query("select row_number, reason_code from audit.quarantine_rows") == [
        (2, "invalid_value")
    ]
