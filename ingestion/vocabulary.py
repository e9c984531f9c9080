"""Closed value sets from the delivery contracts (../shared/contracts, v1)."""

from __future__ import annotations

SERVICE_LOG_REQUIRED = (
    "id_transaksi",
    "kode_wilayah",
    "jenis_layanan",
    "kanal",
    "waktu_permohonan",
    "status",
    "tte",
)
# every column, in the contract's table order (the simulator writes them in this order)
SERVICE_LOG_COLUMNS = (
    "id_transaksi",
    "kode_wilayah",
    "jenis_layanan",
    "kanal",
    "waktu_permohonan",
    "waktu_selesai",
    "status",
    "tte",
    "penandatangan",
)

JENIS_LAYANAN = (
    "SKTM",
    "IZIN_HAJATAN",
    "PENGANTAR_SKCK",
    "DOMISILI_USAHA",
    "PENGANTAR_NIKAH",
    "KETERANGAN_USAHA",
    "PINDAH_DATANG",
)
KANAL_LAYANAN = ("web", "mobile", "loket")
STATUS_LAYANAN = ("selesai", "ditolak", "proses", "gagal")
PENANDATANGAN = ("lurah", "kepala_desa", "sekdes", "camat")
TTE_TRUE = ("1", "ya", "true")
TTE_FALSE = ("0", "tidak", "false")

LAPOR_REQUIRED = ("tracking_id", "tanggal_lapor", "status", "updated_at")
LAPOR_TIMESTAMPS = (
    "tanggal_lapor",
    "tanggal_verifikasi",
    "tanggal_disposisi",
    "tanggal_tindak_lanjut",
    "tanggal_selesai",
    "updated_at",
)
LAPOR_PERSONAL_FIELDS = ("pelapor_nama", "pelapor_nik", "pelapor_telepon", "pelapor_email")
# every field of an export row / API record, in the contract's table order
LAPOR_COLUMNS = (
    "tracking_id",
    "tanggal_lapor",
    "kanal",
    "jenis",
    "kategori",
    "instansi_tujuan",
    "kode_kabkota",
    "status",
    *LAPOR_TIMESTAMPS[1:],
    "rahasia",
    "anonim",
    *LAPOR_PERSONAL_FIELDS,
    "isi_laporan",
)
# what a tracking id may look like (the contract gives no format; ids are short codes)
LAPOR_TRACKING_ID = "[A-Za-z0-9][A-Za-z0-9._/-]{0,63}"
LAPOR_KANAL = ("website", "sms1708", "twitter", "mobile", "integrasi")
LAPOR_JENIS = ("pengaduan", "aspirasi", "permintaan_informasi")
LAPOR_STATUS = (
    "menunggu_verifikasi",
    "terverifikasi",
    "didisposisikan",
    "ditindaklanjuti",
    "selesai",
    "diarsipkan",
)
LAPOR_KATEGORI = (
    "administrasi_kependudukan",
    "perizinan",
    "lingkungan_hidup",
    "pariwisata",
    "infrastruktur",
    "kesehatan",
    "pendidikan",
    "lainnya",
)

ROLLOUT_REQUIRED = ("kode_wilayah", "program", "target")

INDICATOR_DATASETS: dict[str, tuple[str, ...]] = {
    "penduduk": ("kode_kabkota", "tahun", "jumlah_penduduk"),
    "pdrb": ("kode_kabkota", "tahun", "pdrb_adhb_miliar", "pdrb_adhk_miliar"),
    "kemiskinan": ("kode_kabkota", "tahun", "persen_penduduk_miskin", "tpt_persen"),
    "wisatawan": (
        "kode_kabkota",
        "tahun",
        "bulan",
        "wisnus_perjalanan",
        "wisman_kunjungan",
        "okupansi_hotel_persen",
    ),
    # v1.1: BPS human development index, the SPBE evaluation index, the environment index
    "ipm": ("kode_kabkota", "tahun", "ipm"),
    "spbe": ("kode_kabkota", "tahun", "indeks_spbe"),
    "iklh": ("kode_kabkota", "tahun", "iklh"),
    "ispu": (
        "id_stasiun",
        "kode_kabkota",
        "tanggal",
        "pm25",
        "pm10",
        "no2",
        "so2",
        "co",
        "o3",
        "ispu",
    ),
}
