"""Charts of the dashboard "Pengaduan SP4N-LAPOR! & LaporGub!" (both channels; a report in both
counted once in every total, each channel's own figures in the "per kanal" table)."""

from __future__ import annotations

from dashboards.catalog import datasets as ds
from dashboards.catalog.charts.builders import (
    INT,
    PCT,
    bar,
    big_number,
    table,
)
from smartprov.base.rates import MIN_CASES_FOR_RATE

# --- 3. Pengaduan SP4N-LAPOR! -----------------------------------------------------------------
LAPOR = (
    big_number(
        "lapor.total",
        "Jumlah pengaduan",
        ds.MART_LAPOR_SLA_BULANAN,
        "pengaduan",
        INT,
        "seluruh kabupaten/kota",
    ),
    big_number(
        "lapor.verifikasi",
        "Verifikasi dan penerusan tepat waktu",
        ds.MART_LAPOR_SLA_BULANAN,
        "verifikasi_tepat_waktu",
        PCT,
        "semua laporan, diverifikasi dan diteruskan ke instansi dalam 3 hari kerja",
    ),
    big_number(
        "lapor.tindak_lanjut",
        "Tindak lanjut tepat waktu",
        ds.MART_LAPOR_SLA_BULANAN,
        "tindak_lanjut_tepat_waktu",
        PCT,
        "ditindaklanjuti dalam batas waktu",
    ),
    big_number(
        "lapor.terbuka",
        "Pengaduan masih terbuka",
        ds.MART_LAPOR_BACKLOG,
        "tunggakan",
        INT,
        "belum selesai pada tanggal data (ditindaklanjuti tanpa balasan 10 hari kerja = selesai)",
    ),
    bar(
        "lapor.kategori",
        "Pengaduan per kategori",
        ds.MART_LAPOR_KATEGORI,
        "nama_kategori",
        ("pengaduan",),
        horizontal=True,
        ascending=True,
    ),
    bar(
        "lapor.tunggakan",
        "Pengaduan terbuka menurut umur (hari kerja)",
        ds.MART_LAPOR_BACKLOG,
        "umur_tunggakan",
        ("tunggakan",),
        horizontal=True,
        sort_by="umur_tunggakan",
        ascending=False,
    ),
    table(
        "lapor.instansi",
        "Pengaduan dan tingkat layanan per instansi tujuan",
        ds.FCT_COMPLAINT_REPORTS,
        ("instansi_tujuan",),
        ("pengaduan", "verifikasi_tepat_waktu", "tindak_lanjut_tepat_waktu", "terbuka"),
        order=("pengaduan", False),
        formats={
            "pengaduan": INT,
            "verifikasi_tepat_waktu": PCT,
            "tindak_lanjut_tepat_waktu": PCT,
            "terbuka": INT,
        },
        row_limit=200,
        where="is_counted_once",  # a report in both channels once
    ),
    bar(
        "lapor.per_100rb",
        "Pengaduan per 100.000 penduduk, per kabupaten/kota",
        ds.MART_LAPOR_SLA_KABKOTA,
        "nama_kabkota",
        ("per_100rb",),
        fmt=",.1f",
        horizontal=True,
        ascending=True,
    ),
    table(
        "lapor.sla_jenis",
        "Tingkat layanan per jenis laporan (pengaduan, aspirasi, permintaan informasi)",
        ds.MART_LAPOR_SLA_JENIS,
        ("nama_jenis",),
        ("laporan", "verifikasi_teks", "tindak_lanjut_teks", "terbuka"),
        order=("laporan", False),
        formats={"laporan": INT, "terbuka": INT},
    ),
    table(
        "lapor.sla_kabkota",
        "Tingkat layanan per kabupaten/kota (ketepatan waktu: semua laporan; penyelesaian:"
        f" pengaduan; di bawah {MIN_CASES_FOR_RATE} kasus ditampilkan jumlahnya)",
        ds.MART_LAPOR_SLA_BULANAN,
        ("nama_kabkota",),
        (
            "pengaduan",
            "laporan",
            "verifikasi_teks",
            "tindak_lanjut_teks",
            "penyelesaian_teks",
        ),
        order=("pengaduan", False),
        # below MIN_CASES_FOR_RATE cases a rate reads as performance it is not: the counts
        formats={"pengaduan": INT, "laporan": INT},
    ),
    table(
        "lapor.kanal",
        "Laporan dan tingkat layanan per kanal pengaduan (angka masing-masing kanal)",
        ds.MART_LAPOR_SLA_KANAL,
        ("nama_channel",),
        (
            "pengaduan",
            "di_kedua_kanal",
            "verifikasi_tepat_waktu",
            "tindak_lanjut_tepat_waktu",
            "penyelesaian",
        ),
        order=("pengaduan", False),
        formats={
            "pengaduan": INT,
            "di_kedua_kanal": INT,
            "verifikasi_tepat_waktu": PCT,
            "tindak_lanjut_tepat_waktu": PCT,
            "penyelesaian": PCT,
        },
    ),
)
