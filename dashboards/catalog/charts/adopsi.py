"""Charts of the dashboard "Adopsi Layanan Elektronik"."""

from __future__ import annotations

from dashboards.catalog import datasets as ds
from dashboards.catalog.charts.builders import (
    INT,
    NOT_CURRENT,
    PCT,
    bar,
    big_number,
    complete_months,
    line,
    raw_table,
    table,
)
from smartprov.base.rates import MIN_CASES_FOR_RATE

# --- 2. Adopsi Layanan Elektronik (Diskominfo) ------------------------------------------------
ADOPSI = (
    big_number(
        "adopsi.tanpa_data",
        "Kab/kota belum mengirim data",
        ds.MART_DELIVERY_STATUS,
        "kabkota_tanpa_data",
        INT,
        "untuk tanggal data terakhir",
    ),
    big_number(
        "adopsi.pangsa_tte",
        "Pangsa surat ber-TTE",
        ds.MART_ADOPTION_KABKOTA_MONTHLY,
        "pangsa_tte",
        PCT,
        "dari surat yang terbit",
    ),
    big_number(
        "adopsi.gagal",
        "Tingkat gagal TTE",
        ds.MART_ADOPTION_KABKOTA_MONTHLY,
        "tingkat_gagal",
        PCT,
        "dari permohonan diputus",
    ),
    line(
        "adopsi.tren_layanan",
        "Pangsa surat ber-TTE per bulan, per layanan",
        ds.MART_ADOPTION_MONTHLY,
        "bulan",
        ("pangsa_tte",),
        fmt=PCT,
        groupby=("nama_layanan",),
    ),
    table(
        "adopsi.tte_kabkota",
        "Surat layanan per kabupaten/kota (periode terpilih): pangsa ber-TTE, gagal TTE dan"
        f" penolakan; di bawah {MIN_CASES_FOR_RATE} kasus ditampilkan jumlahnya",
        ds.MART_ADOPTION_KABKOTA_MONTHLY,
        ("nama_kabkota",),
        ("surat_terbit", "pangsa_tte_teks", "tingkat_gagal_teks", "tingkat_tolak_teks"),
        order=("surat_terbit", False),
        formats={"surat_terbit": INT},
    ),
    bar(
        "adopsi.waktu_proses",
        "Waktu proses surat terbit dan umur permohonan yang masih diproses (hari kerja,"
        " rata-rata), per kabupaten/kota",
        ds.MART_ADOPTION_KABKOTA_MONTHLY,
        "nama_kabkota",
        ("hari_kerja_proses", "umur_masih_diproses"),
        fmt=",.1f",
        horizontal=True,
        ascending=True,
    ),
    line(
        "adopsi.gagal_tolak",
        "Tingkat gagal TTE dan penolakan per bulan (bulan lengkap)",
        ds.MART_ADOPTION_KABKOTA_MONTHLY,
        "bulan",
        ("tingkat_gagal", "tingkat_tolak"),
        fmt=PCT,
        where=complete_months("bulan"),
    ),
    raw_table(
        "adopsi.live_tidak_aktif",
        "Desa/kelurahan live tetapi tidak aktif 30 hari (daftar tindak lanjut)",
        ds.MART_ROLLOUT_INACTIVE,
        (
            "nama_kabkota",
            "nama_kecamatan",
            "nama_wilayah",
            "program",
            "tanggal_live",
            "days_since_live",
            "keterangan",
        ),
        order=("days_since_live", False),
    ),
    raw_table(
        "adopsi.pengiriman",
        "Kab/kota yang belum mengirim log layanan untuk tanggal data",
        ds.MART_DELIVERY_STATUS,
        ("nama_kabkota", "status_pengiriman", "last_delivery_date", "days_behind"),
        order=("days_behind", False),
        filters=(NOT_CURRENT,),
    ),
    raw_table(
        "adopsi.penerimaan_data",
        "Penerimaan data: berkas kiriman dan alasan karantina",
        ds.MART_DELIVERY_RECEIPTS,
        (
            "nama_kabkota",
            "relative_path",
            "delivery_date",
            "loaded_at",
            "status_penerimaan",
            "rows_loaded",
            "rows_quarantined",
            "file_reason",
            "row_reasons",
            "receipt_path",
        ),
        order=("loaded_at", False),
    ),
)
