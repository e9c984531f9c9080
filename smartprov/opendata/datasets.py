"""What an open-data release holds: aggregated serving marts at regency/city level or above.

Never village-level rows, never a complaint, never personal data. Counts of complaints from 1 to
``THRESHOLD - 1`` are suppressed (published empty), and so is every rate whose denominator is
below the threshold: a small count about a regency's complaints could point at a person.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Counts 1..THRESHOLD-1 are suppressed (0 is not disclosive and is published).
THRESHOLD = 5

# Columns that may never appear in a release, whatever the table.
FORBIDDEN_COLUMNS = frozenset(
    {
        "kode_wilayah",
        "nama_wilayah",
        "tracking_id",
        "id_transaksi",
        "transaksi_key",
        "pelapor_key",
        "pelapor_nama",
        "pelapor_nik",
        "pelapor_telepon",
        "pelapor_email",
        "isi_laporan",
        "source_file",
        "batch_id",
    }
)


@dataclass(frozen=True)
class Dataset:
    name: str  # file stem and Frictionless resource name (the mart's name)
    title: str  # Bahasa Indonesia
    key: tuple[str, ...]  # primary key of the released rows
    small_counts: tuple[str, ...] = ()  # complaint counts suppressed when 1..THRESHOLD-1
    # rate -> (numerator, denominator) counts: the rate is suppressed when the denominator is
    # below the threshold or the numerator is a suppressed count (rate x denominator = count)
    rates: dict[str, tuple[str | None, str]] = field(default_factory=dict)
    periodicity: str = "harian"

    @property
    def table(self) -> str:
        return f"marts.{self.name}"


DATASETS: tuple[Dataset, ...] = (
    Dataset(
        "mart_rollout_kabkota",
        "Rollout layanan desa/kelurahan digital per kabupaten/kota dan program",
        ("kode_kabkota", "program"),
    ),
    Dataset(
        "mart_adoption_kabkota_monthly",
        "Adopsi layanan surat elektronik per kabupaten/kota dan bulan",
        ("kode_kabkota", "bulan"),
        periodicity="bulanan",
    ),
    Dataset(
        "mart_lapor_sla_kabkota",
        "Tingkat layanan pengaduan SP4N-LAPOR! dan LaporGub! per kabupaten/kota",
        ("kode_kabkota",),
        small_counts=(
            "complaints",
            "complaints_12m",
            "complaints_lapor",
            "complaints_laporgub",
            "complaints_in_both",
            "complaints_not_archived",
            "complaints_selesai",
            "complaints_open",
            "verification_measured",
            "verified_on_time",
            "verification_overdue",
            "follow_up_measured",
            "followed_up_on_time",
            "follow_up_overdue",
        ),
        rates={
            "verified_on_time_rate": ("verified_on_time", "verification_measured"),
            "followed_up_on_time_rate": ("followed_up_on_time", "follow_up_measured"),
            "completion_rate": ("complaints_selesai", "complaints_not_archived"),
            "completion_rate_incl_auto_closed": (None, "complaints_not_archived"),
            "complaints_per_100k": ("complaints_12m", "complaints_12m"),
        },
    ),
    Dataset(
        "mart_lapor_kategori_kabkota",
        "Jumlah pengaduan SP4N-LAPOR! per kabupaten/kota dan kategori",
        ("kode_kabkota", "kategori"),
        small_counts=("complaints", "complaints_12m", "complaints_open"),
    ),
    Dataset(
        "mart_scorecard_kabkota",
        "Indikator scorecard provinsi cerdas per kabupaten/kota dan tahun",
        ("kode_kabkota", "tahun", "indicator_code"),
        periodicity="tahunan",
    ),
    Dataset(
        "mart_scorecard_dimension_kabkota",
        "Skor dan peringkat scorecard per kabupaten/kota, tahun dan dimensi",
        ("kode_kabkota", "tahun", "dimension"),
        periodicity="tahunan",
    ),
)


def is_small(value: int | None) -> bool:
    return value is not None and 1 <= value < THRESHOLD


def rate_suppressed(dataset: Dataset, rate: str) -> str:
    """SQL condition under which ``rate`` is withheld."""
    numerator, denominator = dataset.rates[rate]
    condition = f'coalesce("{denominator}", 0) < {THRESHOLD}'
    if numerator:
        condition += f' or "{numerator}" between 1 and {THRESHOLD - 1}'
    return condition


def suppressed_select(dataset: Dataset, columns: list[tuple[str, str]]) -> str:
    """The SELECT that releases ``dataset``: small counts and their rates set to NULL.

    ``columns`` are (name, DuckDB type) in table order; HUGEINT/DECIMAL are cast to portable
    BIGINT/DOUBLE so CSV and Parquet agree.
    """
    parts = []
    for name, duck_type in columns:
        if name in FORBIDDEN_COLUMNS:
            continue
        expr = f'"{name}"'
        if name in dataset.small_counts:
            expr = f"case when {expr} between 1 and {THRESHOLD - 1} then null else {expr} end"
        elif name in dataset.rates:
            expr = f"case when {rate_suppressed(dataset, name)} then null else {expr} end"
        upper = duck_type.upper()
        if upper == "HUGEINT" or upper.startswith("INT") or upper == "UBIGINT":
            expr = f"cast({expr} as bigint)"
        elif upper.startswith("DECIMAL") or upper == "FLOAT":
            expr = f"cast({expr} as double)"
        parts.append(f'{expr} as "{name}"')
    order = ", ".join(f'"{k}"' for k in dataset.key)
    return f"select {', '.join(parts)} from {dataset.table} order by {order}"
