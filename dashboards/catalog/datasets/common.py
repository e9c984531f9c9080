"""What the dataset modules share: the regency/city and data-date columns, and the serving-v1
datasets built from the dbt contracts (smartprov.base.serving_contract) with Indonesian labels."""

from __future__ import annotations

from dashboards.catalog.spec import Column, Dataset, Metric
from smartprov.base import reference
from smartprov.base.serving_contract import serving_tables

# The configured province (SMARTPROV_PROVINCE, read when the catalog is imported): its name and
# counts appear in titles and descriptions.
PROVINCE = reference.province().nama
N_KABKOTA = len(reference.regencies())
N_WILAYAH = f"{len(reference.villages()):,}".replace(",", ".")  # Indonesian thousands separator

KABKOTA = (
    Column("kode_kabkota", "VARCHAR", "Kode kab/kota"),
    Column("nama_kabkota", "VARCHAR", "Kabupaten/Kota"),
)
AS_OF = Column("as_of_date", "DATE", "Tanggal data")
LATEST_YEAR = Column("is_latest_year", "BOOLEAN", "Tahun terakhir dengan data")

# Superset's column type for each data_type the dbt contracts use
SUPERSET_TYPES = {
    "varchar": "VARCHAR",
    "integer": "INTEGER",
    "bigint": "BIGINT",
    "double precision": "DOUBLE",
    "date": "DATE",
    "timestamp": "TIMESTAMP",
    "boolean": "BOOLEAN",
}

# Bahasa Indonesia label of every column of the serving-v1 tables (by column name)
LABELS = {
    "kode_wilayah": "Kode desa/kelurahan",
    "nama_wilayah": "Desa/Kelurahan",
    "jenis": "Jenis (desa/kelurahan)",
    "kode_kecamatan": "Kode kecamatan",
    "nama_kecamatan": "Kecamatan",
    "kode_kabkota": "Kode kab/kota",
    "nama_kabkota": "Kabupaten/Kota",
    "program": "Program",
    "nama_program": "Nama program",
    "is_target": "Ditargetkan",
    "tanggal_live": "Tanggal live",
    "is_live": "Sudah live",
    "is_active_30d": "Aktif 30 hari",
    "is_live_inactive_30d": "Live tetapi tidak aktif 30 hari",
    "first_tte_date": "TTE pertama",
    "last_activity_date": "Aktivitas terakhir",
    "letters_30d": "Surat selesai 30 hari",
    "tte_letters_30d": "Surat ber-TTE 30 hari",
    "online_letters_30d": "Surat dimohon daring 30 hari",
    "as_of_date": "Tanggal data",
    "village_count": "Jumlah desa/kelurahan",
    "target_villages": "Ditargetkan",
    "live_villages": "Sudah live",
    "active_villages_30d": "Aktif 30 hari",
    "live_active_villages_30d": "Live dan aktif 30 hari",
    "live_inactive_villages_30d": "Live tetapi tidak aktif 30 hari",
    "live_share": "Progres program (live ÷ target)",
    "live_active_share_30d": "Persentase aktif (dari yang live)",
    "tte_share_30d": "Pangsa surat ber-TTE 30 hari",
    "tte_villages_30d": "Menerbitkan surat ber-TTE 30 hari",
    "tte_coverage_30d": "Cakupan TTE 30 hari (dari seluruh desa/kelurahan)",
    "reports": "Jumlah laporan (semua jenis)",
    "reports_12m": "Laporan 12 bulan",
    "reports_aspirasi": "Aspirasi",
    "reports_permintaan_informasi": "Permintaan informasi",
    "reports_open": "Laporan terbuka",
    "complaints": "Jumlah pengaduan",
    "complaints_12m": "Pengaduan 12 bulan",
    "complaints_not_archived": "Pengaduan tidak diarsipkan",
    "complaints_selesai": "Pengaduan selesai",
    "complaints_open": "Pengaduan terbuka",
    "verification_measured": "Verifikasi terukur",
    "verified_on_time": "Diverifikasi tepat waktu",
    "verification_overdue": "Verifikasi terlambat",
    "follow_up_measured": "Tindak lanjut terukur",
    "followed_up_on_time": "Ditindaklanjuti tepat waktu",
    "follow_up_overdue": "Tindak lanjut terlambat",
    "verified_on_time_rate": "Verifikasi tepat waktu",
    "followed_up_on_time_rate": "Tindak lanjut tepat waktu",
    "completion_rate": "Tingkat penyelesaian",
    "completion_rate_incl_auto_closed": "Tingkat penyelesaian (termasuk tutup otomatis)",
    "jumlah_penduduk": "Jumlah penduduk",
    "population_year": "Tahun data penduduk",
    "complaints_per_100k": "Pengaduan per 100.000 penduduk",
    "tahun": "Tahun",
    "dimension": "Dimensi (kode)",
    "indicator_code": "Indikator",
    "nama_indikator": "Nama indikator",
    "unit": "Satuan",
    "direction": "Arah (lebih tinggi/rendah lebih baik)",
    "value": "Nilai",
    "rank": "Peringkat (1 = terbaik)",
    "score": "Skor (0–100)",
    "value_change": "Perubahan nilai",
    "score_change": "Perubahan skor",
    "rank_change": "Perubahan peringkat",
    # the DPRD map and header line (dbt/models/marts/dprd/)
    "bagian": "Bagian (pulau)",
    "polygon": "Batas wilayah (JSON)",
    "label_lat": "Lintang label",
    "label_lon": "Bujur label",
    "tte_keterangan": "TTE: live dari target",
    "lapor_keterangan": "Pengaduan tepat waktu",
    "data_per": "Data per",
    "delivery_status": "Status kiriman",
    "last_delivery_date": "Kiriman terakhir",
    "is_behind": "Kiriman tertinggal",
    "keterangan": "Keterangan",
    "weight": "Bobot",
    "period_status": "Status tahun (lengkap/berjalan)",
    "unranked_reason": "Alasan tanpa skor/peringkat",
}


def serving_dataset(
    name: str,
    metrics: tuple[Metric, ...],
    *,
    description: str,
    main_dttm_col: str | None = None,
    labels: dict[str, str] | None = None,
) -> Dataset:
    """A serving-v1 table as a physical dataset: its columns and types are the dbt contract's
    (labels from LABELS, or from ``labels`` for columns of this table alone)."""
    known = {**LABELS, **(labels or {})}
    contract = serving_tables("v1")
    if name not in contract:
        raise KeyError(f"{name} is not a serving-v1 model (dbt YAML `meta: {{serving: v1}}`)")
    columns = []
    for column in contract[name]:
        if column.name not in known:
            raise KeyError(f"serving-v1 column {name}.{column.name} has no label in LABELS")
        columns.append(Column(column.name, SUPERSET_TYPES[column.data_type], known[column.name]))
    return Dataset(
        name, tuple(columns), metrics, description=description, main_dttm_col=main_dttm_col
    )
