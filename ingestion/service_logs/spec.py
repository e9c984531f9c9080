"""How a service-log delivery is typed and checked (contract: service-log-v1)."""

from __future__ import annotations

from ingestion.raw import RawTable, col
from ingestion.reasons import RowReason
from ingestion.rules import (
    Rule,
    compile_rules,
    missing_rule,
    parse_timestamp,
    shown,
    sql_list,
    text_column,
)
from ingestion.spec import SourceSpec
from ingestion.vocabulary import (
    JENIS_LAYANAN,
    KANAL_LAYANAN,
    PENANDATANGAN,
    SERVICE_LOG_COLUMNS,
    SERVICE_LOG_REQUIRED,
    STATUS_LAYANAN,
    TTE_FALSE,
    TTE_TRUE,
)

MAX_ID_LENGTH = 64  # ids are short codes; a longer value is a broken or hostile delivery

TARGET_COLUMNS = ("kode_kabkota", "delivery_date", *SERVICE_LOG_COLUMNS)


# The row rules as data, in the order their reasons are reported (first match wins).
RULES: list[Rule] = [
    missing_rule(SERVICE_LOG_REQUIRED),
    Rule(
        RowReason.INVALID_TIMESTAMP,
        "ts_permohonan is null or (waktu_selesai is not null and ts_selesai is null)",
        "case when ts_permohonan is null then 'waktu_permohonan ' || "
        + shown("waktu_permohonan")
        + " else 'waktu_selesai ' || "
        + shown("waktu_selesai")
        + " end || ' is not an accepted timestamp'",
    ),
    Rule(
        RowReason.INVALID_VALUE,
        f"tte not in {sql_list(TTE_TRUE + TTE_FALSE)}",
        "'tte ' || " + shown("tte") + " || ' is not 1/0, ya/tidak or true/false'",
    ),
    Rule(
        RowReason.INVALID_VALUE,
        f"penandatangan is not null and penandatangan not in {sql_list(PENANDATANGAN)}",
        "'penandatangan ' || "
        + shown("penandatangan")
        + f" || ' is not one of {', '.join(PENANDATANGAN)}'",
    ),
    Rule(
        RowReason.INVALID_VALUE,
        f"length(id_transaksi) > {MAX_ID_LENGTH}",
        "'id_transaksi ' || "
        + shown("id_transaksi")
        + f" || ' is longer than {MAX_ID_LENGTH} characters'",
    ),
    Rule(
        RowReason.UNKNOWN_JENIS_LAYANAN,
        f"jenis_layanan not in {sql_list(JENIS_LAYANAN)}",
        "'jenis_layanan ' || " + shown("jenis_layanan") + " || ' is not a known service'",
    ),
    Rule(
        RowReason.UNKNOWN_KANAL,
        f"kanal not in {sql_list(KANAL_LAYANAN)}",
        "'kanal ' || " + shown("kanal") + " || ' is not one of web, mobile, loket'",
    ),
    Rule(
        RowReason.UNKNOWN_STATUS,
        f"status not in {sql_list(STATUS_LAYANAN)}",
        "'status ' || " + shown("status") + " || ' is not one of selesai, ditolak, proses, gagal'",
    ),
    Rule(
        RowReason.UNKNOWN_WILAYAH,
        "village_kabkota is null",
        "'kode_wilayah ' || " + shown("kode_wilayah") + " || ' is not a village of the province'",
    ),
    Rule(
        RowReason.WILAYAH_OUTSIDE_KABKOTA,
        "village_kabkota <> _kode_kabkota",
        "'kode_wilayah ' || "
        + shown("kode_wilayah")
        + " || ' belongs to ' || village_kabkota || ', not to ' || _kode_kabkota",
    ),
    Rule(
        RowReason.SELESAI_BEFORE_PERMOHONAN,
        "ts_selesai < ts_permohonan",
        "'waktu_selesai ' || ts_selesai || ' is before waktu_permohonan ' || ts_permohonan",
    ),
    Rule(
        RowReason.FUTURE_TIMESTAMP,
        # after the end of the day following the delivery day
        "ts_permohonan >= _delivery_date + interval 2 day "
        "or ts_selesai >= _delivery_date + interval 2 day",
        "'timestamp after the delivery day + 1 (' || _delivery_date || ' + 1 day): ' || "
        "greatest(ts_permohonan, coalesce(ts_selesai, ts_permohonan))",
    ),
]


def validation_sql(columns: list[str]) -> str:
    code, message = compile_rules(RULES)
    texts = ",\n".join(
        text_column(c, columns, case=case)
        for c, case in (
            ("id_transaksi", None),
            ("kode_wilayah", None),
            ("jenis_layanan", "upper"),
            ("kanal", "lower"),
            ("waktu_permohonan", None),
            ("waktu_selesai", None),
            ("status", "lower"),
            ("tte", "lower"),
            ("penandatangan", "lower"),
        )
    )
    return f"""
    with texts as (
        select s._file, s._row_number, s._kode_kabkota, s._delivery_date, {texts}
        from stage as s
    ),
    typed as (
        select
            texts.*,
            {parse_timestamp("waktu_permohonan")} as ts_permohonan,
            {parse_timestamp("waktu_selesai")} as ts_selesai,
            ref_villages.kode_kabkota as village_kabkota,
            ref_villages.kode_wilayah as village_code
        from texts
        left join ref_villages
            on ref_villages.kode_digits = replace(texts.kode_wilayah, '.', '')
    )
    select
        _file,
        _row_number,
        _kode_kabkota as kode_kabkota,
        _delivery_date as delivery_date,
        id_transaksi,
        village_code as kode_wilayah,
        jenis_layanan,
        kanal,
        ts_permohonan as waktu_permohonan,
        ts_selesai as waktu_selesai,
        status,
        tte in {sql_list(TTE_TRUE)} as tte,
        penandatangan,
        {code} as reason_code,
        {message} as reason
    from typed
    """


RAW = RawTable(
    "service_logs",
    (
        col("kode_kabkota", required=True),
        col("delivery_date", "date", required=True),
        col("id_transaksi", required=True),
        col("kode_wilayah", required=True, comment="dotted PP.RR.DD.VVVV"),
        col("jenis_layanan", required=True),
        col("kanal", required=True),
        col("waktu_permohonan", "timestamp", required=True, comment="WIB, no offset"),
        col("waktu_selesai", "timestamp"),
        col("status", required=True),
        col("tte", "boolean", required=True),
        col("penandatangan"),
    ),
)
assert RAW.column_names[: len(TARGET_COLUMNS)] == TARGET_COLUMNS

SPEC = SourceSpec(
    source="service_logs",
    raw=RAW,
    required=SERVICE_LOG_REQUIRED,
    columns=SERVICE_LOG_COLUMNS,
    validation_sql=validation_sql,
    replace="file",
)
