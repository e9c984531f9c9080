"""Charts of the dashboard "Ringkasan Provinsi Cerdas"."""

from __future__ import annotations

from dashboards.catalog import datasets as ds
from dashboards.catalog.charts.builders import (
    INT,
    LATEST,
    PCT,
    TTE,
    bar,
    big_number,
    complete_months,
    line,
    table,
)
from smartprov.base.rates import MIN_CASES_FOR_RATE

# --- 1. Ringkasan Provinsi Cerdas (DPRD) ---------------------------------------------------
RINGKASAN = (
    big_number(
        "ringkasan.live",
        "Progres program TTE: desa/kelurahan dinyatakan live",
        ds.MART_ROLLOUT_KABKOTA,
        "live",
        INT,
        f"dari desa/kelurahan target, seluruh {ds.PROVINCE} (live belum tentu memakai)",
        filters=(TTE,),
    ),
    big_number(
        "ringkasan.cakupan",
        "Cakupan TTE: menerbitkan surat ber-TTE dalam 30 hari",
        ds.MART_ROLLOUT_KABKOTA,
        "cakupan_tte",
        PCT,
        f"dari seluruh {ds.N_WILAYAH} desa/kelurahan",
        filters=(TTE,),
    ),
    big_number(
        "ringkasan.aktif",
        "Aktif 30 hari terakhir",
        ds.MART_ROLLOUT_KABKOTA,
        "pangsa_aktif",
        PCT,
        "dari yang sudah live",
        filters=(TTE,),
    ),
    big_number(
        "ringkasan.lapor",
        "Laporan ditindaklanjuti tepat waktu",
        ds.MART_LAPOR_SLA_BULANAN,
        "tindak_lanjut_tepat_waktu",
        PCT,
        "SP4N-LAPOR! dan LaporGub!, semua jenis laporan, seluruh kab/kota",
    ),
    bar(
        "ringkasan.rollout",
        "TTE: persentase target yang sudah live, per kabupaten/kota",
        ds.ROLLOUT_KABKOTA_LABEL,
        "label",
        ("pangsa_live",),
        fmt=PCT,
        horizontal=True,
        sort_by="pangsa_live",
        ascending=False,  # ECharts draws the first category at the bottom: furthest on top
        row_limit=200,
        filters=(TTE,),
    ),
    table(
        "ringkasan.scorecard",
        "Skor dan peringkat kabupaten/kota per dimensi (tahun lengkap terakhir; tahun berjalan"
        " tanpa peringkat)",
        ds.SKOR_KABKOTA,
        ("dimensi", "nama_kabkota", "tahun_label", "status_periode", "keterangan"),
        ("peringkat", "skor", "naik_turun"),
        order=("peringkat", True),
        formats={"skor": ",.1f", "peringkat": INT, "naik_turun": "+,d"},
        row_limit=200,
        filters=(LATEST,),
    ),
    line(
        "ringkasan.tren_tte",
        "Tren pangsa surat ber-TTE per bulan (bulan lengkap)",
        ds.MART_ADOPTION_KABKOTA_MONTHLY,
        "bulan",
        ("pangsa_tte",),
        fmt=PCT,
        where=complete_months("bulan"),
    ),
    line(
        "ringkasan.tren_lapor",
        "Tren pengaduan SP4N-LAPOR! dan LaporGub! per bulan (bulan lengkap)",
        ds.FCT_COMPLAINT_REPORTS,
        "tanggal_lapor",
        ("pengaduan",),
        # both channels, a report in both counted once
        where=f"is_counted_once and {complete_months('tanggal_lapor')}",
    ),
    table(
        "ringkasan.capaian",
        "Capaian terhadap target rencana (tahun dan dokumen target; usulan ditandai)",
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
    ),
    table(
        "ringkasan.tte_kabkota",
        "TTE per kabupaten/kota: progres program (live dari target), pemakaian (aktif 30 hari)"
        f" dan cakupan (dari seluruh desa/kelurahan); di bawah {MIN_CASES_FOR_RATE} kasus"
        " ditampilkan jumlahnya",
        ds.MART_ROLLOUT_KABKOTA,
        ("nama_kabkota",),
        ("target", "live", "live_teks", "aktif_teks", "cakupan_teks"),
        order=("target", False),
        formats={"target": INT, "live": INT},
        row_limit=200,
        filters=(TTE,),
    ),
)
