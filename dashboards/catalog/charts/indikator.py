"""Charts of the dashboard "Indikator Ekonomi, Lingkungan & Pariwisata"."""

from __future__ import annotations

from dashboards.catalog import datasets as ds
from dashboards.catalog.charts.builders import (
    INT,
    LATEST,
    LATEST_DATA,
    PCT,
    pivot,
    table,
)

# --- 4. Indikator Ekonomi, Lingkungan & Pariwisata --------------------------------------------
INDIKATOR = (
    table(
        "indikator.ekonomi",
        "Ekonomi per kabupaten/kota (tahun terakhir dengan data)",
        ds.MART_ECONOMY,
        ("nama_kabkota", "tahun_label"),
        ("pdrb_per_kapita", "pertumbuhan", "kemiskinan", "pengangguran"),
        order=("pdrb_per_kapita", False),
        formats={
            "pdrb_per_kapita": ",.1f",
            "pertumbuhan": PCT,
            "kemiskinan": PCT,
            "pengangguran": PCT,
        },
        filters=(LATEST_DATA,),
    ),
    table(
        "indikator.lingkungan",
        "Lingkungan per kabupaten/kota (tahun terakhir dengan data)",
        ds.MART_ENVIRONMENT,
        ("nama_kabkota", "tahun_label", "keterangan_stasiun"),
        ("hari_ispu_baik", "pm25"),
        order=("hari_ispu_baik", False),
        formats={"hari_ispu_baik": PCT, "pm25": ",.1f"},
        filters=(LATEST_DATA,),
    ),
    table(
        "indikator.pariwisata",
        "Pariwisata per kabupaten/kota (tahun terakhir dengan data)",
        ds.MART_TOURISM,
        ("nama_kabkota", "tahun_label"),
        ("wisnus", "wisman", "okupansi"),
        order=("wisnus", False),
        formats={"wisnus": INT, "wisman": INT, "okupansi": PCT},
        filters=(LATEST_DATA,),
    ),
    pivot(
        "indikator.skor_dimensi",
        "Skor per dimensi (0–100; tahun di setiap kolom)",
        ds.SKOR_KABKOTA,
        ("nama_kabkota",),
        ("dimensi_tahun",),
        "skor",
        fmt=",.1f",
        filters=(
            {"col": "dimension", "op": "IN", "val": ["economy", "environment", "tourism"]},
            LATEST,
        ),
    ),
    table(
        "indikator.capaian",
        "Capaian indikator ekonomi, lingkungan dan pariwisata terhadap target rencana",
        ds.MART_TARGET_CAPAIAN,
        (
            "nama_wilayah",
            "nama_indikator",
            "tahun_label",
            "dokumen",
            "status_target_label",
            "keterangan",
        ),
        ("nilai", "target_rencana", "capaian"),
        order=("capaian", False),
        formats={"nilai": ",.3~f", "target_rencana": ",.3~f", "capaian": PCT},
        row_limit=500,
        where="dimension IN ('economy', 'environment', 'tourism')",
    ),
)
