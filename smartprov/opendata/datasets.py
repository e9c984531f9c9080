"""What an open-data release holds: aggregated serving marts at regency/city level or above.

Never village-level rows, never a complaint, never personal data. Counts of complaints from 1 to
``THRESHOLD - 1`` are suppressed (published empty), and so is every rate whose denominator is
below the threshold: a small count about a regency's complaints could point at a person. Cells
that would give a suppressed one back (a total minus the other parts, a rate times its
denominator) are withheld too (complementary suppression: smartprov.opendata.disclosure).
"""

from __future__ import annotations

from collections.abc import Mapping
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
    # (SQL condition, columns): those columns are withheld on the rows the condition selects
    withheld: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # who produces the underlying data (Perpres 39/2019 produsen data; PRODUCERS keys); the
    # province's Diskominfo is the walidata that gathers, checks and publishes it
    producers: tuple[str, ...] = ()

    @property
    def table(self) -> str:
        return f"marts.{self.name}"


DATASETS: tuple[Dataset, ...] = (
    Dataset(
        "mart_rollout_kabkota",
        "Rollout layanan desa/kelurahan digital per kabupaten/kota dan program",
        ("kode_kabkota", "program"),
        producers=("diskominfo", "kabkota"),
    ),
    Dataset(
        "mart_adoption_kabkota_monthly",
        "Adopsi layanan surat elektronik per kabupaten/kota dan bulan",
        ("kode_kabkota", "bulan"),
        periodicity="bulanan",
        producers=("kabkota",),
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
            "reports",
            "reports_12m",
            "reports_aspirasi",
            "reports_permintaan_informasi",
            "reports_open",
        ),
        producers=("lapor", "bps"),
        rates={
            "verified_on_time_rate": ("verified_on_time", "verification_measured"),
            "followed_up_on_time_rate": ("followed_up_on_time", "follow_up_measured"),
            "completion_rate": ("complaints_selesai", "complaints_not_archived"),
            # its numerator (selesai + auto-closed) is not a column: a cell of the disclosure
            # system of its own (disclosure.INCL_NUMERATOR), withheld like a count
            "completion_rate_incl_auto_closed": (
                "@completed_effective",
                "complaints_not_archived",
            ),
            "complaints_per_100k": ("complaints_12m", "complaints_12m"),
        },
    ),
    Dataset(
        "mart_lapor_kategori_kabkota",
        "Jumlah pengaduan SP4N-LAPOR! per kabupaten/kota dan kategori",
        ("kode_kabkota", "kategori"),
        small_counts=("complaints", "complaints_12m", "complaints_open", "reports"),
        producers=("lapor",),
    ),
    Dataset(
        "mart_scorecard_kabkota",
        "Indikator scorecard provinsi cerdas per kabupaten/kota dan tahun",
        ("kode_kabkota", "tahun", "indicator_code"),
        periodicity="tahunan",
        # complaint volumes per 100,000 residents / trips (and the licensing share) times the
        # public population or trips give back a regency's yearly complaint count of one
        # category; they are not scored (weight 0), the LAPOR datasets release the volumes
        withheld=(
            (
                "indicator_code in ('ENV_COMPLAINTS_PER_100K', 'TOU_COMPLAINTS_PER_100K_TRIPS',"
                " 'ECO_LICENSING_COMPLAINT_SHARE')",
                ("value", "value_change", "score", "score_change", "rank", "rank_change"),
            ),
        ),
        producers=("bps", "lingkungan", "kabkota", "lapor"),
    ),
    Dataset(
        "mart_scorecard_dimension_kabkota",
        "Skor dan peringkat scorecard per kabupaten/kota, tahun dan dimensi",
        ("kode_kabkota", "tahun", "dimension"),
        periodicity="tahunan",
        producers=("bps", "lingkungan", "kabkota", "lapor"),
    ),
)


def is_small(value: int | None) -> bool:
    return value is not None and 1 <= value < THRESHOLD


def _text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _masked(dataset: Dataset, column: str, mask: Mapping[tuple[str, ...], set[str]]) -> str:
    """SQL: true on the rows where ``column`` is withheld by the complementary suppression."""
    keys = sorted(key for key, columns in mask.items() if column in columns)
    if not keys:
        return "false"
    width = len(keys[0])
    row = "(" + ", ".join(f'"{k}"::varchar' for k in dataset.key[:width]) + ")"
    listed = ", ".join("(" + ", ".join(_text(v) for v in key) + ")" for key in keys)
    return f"{row} in ({listed})"


def rate_suppressed(
    dataset: Dataset, rate: str, mask: Mapping[tuple[str, ...], set[str]] | None = None
) -> str:
    """SQL condition under which ``rate`` is withheld: its denominator below the threshold, or
    its numerator or denominator withheld."""
    numerator, denominator = dataset.rates[rate]
    condition = f'coalesce("{denominator}", 0) < {THRESHOLD}'
    if numerator and not numerator.startswith("@"):
        condition += f' or "{numerator}" between 1 and {THRESHOLD - 1}'
    for part in (numerator, denominator):
        if part and mask is not None:
            condition += f" or {_masked(dataset, part, mask)}"
    return condition


def suppressed_select(
    dataset: Dataset,
    columns: list[tuple[str, str]],
    mask: Mapping[tuple[str, ...], set[str]] | None = None,
) -> str:
    """The SELECT that releases ``dataset``: small counts and their rates set to NULL, and the
    cells ``mask`` withholds (key -> columns, from smartprov.opendata.disclosure).

    ``columns`` are (name, DuckDB type) in table order; HUGEINT/DECIMAL are cast to portable
    BIGINT/DOUBLE so CSV and Parquet agree.
    """
    parts = []
    for name, duck_type in columns:
        if name in FORBIDDEN_COLUMNS:
            continue
        expr = f'"{name}"'
        if name in dataset.small_counts:
            withheld = f"{expr} between 1 and {THRESHOLD - 1}"
            if mask is not None:
                withheld += f" or {_masked(dataset, name, mask)}"
            expr = f"case when {withheld} then null else {expr} end"
        elif name in dataset.rates:
            expr = f"case when {rate_suppressed(dataset, name, mask)} then null else {expr} end"
        for condition, withheld_columns in dataset.withheld:
            if name in withheld_columns:
                expr = f"case when {condition} then null else {expr} end"
        upper = duck_type.upper()
        if upper == "HUGEINT" or upper.startswith("INT") or upper == "UBIGINT":
            expr = f"cast({expr} as bigint)"
        elif upper.startswith("DECIMAL") or upper == "FLOAT":
            expr = f"cast({expr} as double)"
        parts.append(f'{expr} as "{name}"')
    order = ", ".join(f'"{k}"' for k in dataset.key)
    return f"select {', '.join(parts)} from {dataset.table} order by {order}"
