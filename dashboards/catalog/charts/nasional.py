"""Charts of the dashboard "Nasional" (national readers: KemenPAN-RB, Kemendagri, DPRD-type
readers): provinces side by side, the regency ranking across provinces, data freshness.

Every province appears in the tables, a late one marked "terlambat" and one that has not
exported "belum mengirim" (its figures empty): never silently left out of a total.
"""

from __future__ import annotations

from dashboards.catalog.charts.builders import INT, LATEST, PCT, TTE, big_number, table
from dashboards.catalog.datasets import nasional as nds

RANKED = {"col": "rank_nasional", "op": "IS NOT NULL", "val": None}

NASIONAL = (
    big_number(
        "nasional.mengirim",
        "Provinsi yang sudah mengirim data",
        nds.FRESHNESS,
        "provinsi_mengirim",
        INT,
        "dari 38 provinsi di Indonesia",
    ),
    big_number(
        "nasional.terlambat",
        "Provinsi terlambat mengirim data",
        nds.FRESHNESS,
        "provinsi_terlambat",
        INT,
        "data tertinggal dari tanggal data nasional (lihat tabel kesegaran data)",
    ),
    big_number(
        "nasional.live",
        "TTE: desa/kelurahan live dari sasaran",
        nds.ROLLOUT_PROVINSI,
        "pangsa_live",
        PCT,
        "semua provinsi yang mengirim data, jumlah live ÷ jumlah sasaran",
        filters=(TTE,),
    ),
    big_number(
        "nasional.lapor",
        "Pengaduan SP4N-LAPOR! ditindaklanjuti tepat waktu",
        nds.LAPOR_PROVINSI,
        "tindak_lanjut_tepat_waktu",
        PCT,
        "semua provinsi yang mengirim data",
    ),
    table(
        "nasional.cakupan",
        "Provinsi berdampingan: cakupan program TTE desa/kelurahan",
        nds.ROLLOUT_PROVINSI,
        ("nama_provinsi", "status_data"),
        ("sasaran", "live", "pangsa_live", "aktif_30d", "pangsa_tte"),
        order=("pangsa_live", False),
        formats={
            "sasaran": INT,
            "live": INT,
            "aktif_30d": INT,
            "pangsa_live": PCT,
            "pangsa_tte": PCT,
        },
        filters=(TTE,),
    ),
    table(
        "nasional.layanan_lapor",
        "Provinsi berdampingan: tingkat layanan pengaduan SP4N-LAPOR!",
        nds.LAPOR_PROVINSI,
        ("nama_provinsi", "status_data"),
        ("pengaduan", "verifikasi_tepat_waktu", "tindak_lanjut_tepat_waktu", "penyelesaian"),
        order=("tindak_lanjut_tepat_waktu", False),
        formats={
            "pengaduan": INT,
            "verifikasi_tepat_waktu": PCT,
            "tindak_lanjut_tepat_waktu": PCT,
            "penyelesaian": PCT,
        },
    ),
    table(
        "nasional.peringkat",
        "Peringkat kabupaten/kota antarprovinsi per indikator (tahun terakhir berperingkat)",
        nds.SCORECARD_NASIONAL,
        ("nama_indikator", "nama_kabkota", "nama_provinsi", "dimensi", "tahun"),
        ("peringkat", "skor", "nilai", "peringkat_provinsi"),
        order=("peringkat", True),
        formats={"peringkat": INT, "skor": ",.1f", "nilai": ",.3~f", "peringkat_provinsi": INT},
        row_limit=1000,
        filters=(LATEST, RANKED),
    ),
    table(
        "nasional.kesegaran",
        "Kesegaran data per provinsi (terlambat = tertinggal lebih dari batas hari)",
        nds.FRESHNESS,
        ("nama_provinsi", "status_data", "as_of_date"),
        ("tertinggal_hari",),
        order=("tertinggal_hari", False),
        formats={"tertinggal_hari": INT},
    ),
)
