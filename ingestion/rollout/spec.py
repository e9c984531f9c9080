"""How the rollout register is typed and checked (contract: rollout-register-v1)."""

from __future__ import annotations

from ingestion.raw import RawTable, col
from ingestion.reasons import RowReason
from ingestion.rules import Rule, compile_rules, missing_rule, parse_date, shown, text_column
from ingestion.spec import SourceSpec
from ingestion.vocabulary import ROLLOUT_REQUIRED

COLUMNS = (*ROLLOUT_REQUIRED, "tanggal_live")

RULES = [
    missing_rule(ROLLOUT_REQUIRED),
    Rule(
        RowReason.INVALID_TIMESTAMP,
        "tanggal_live is not null and live_date is null",
        "'tanggal_live ' || " + shown("tanggal_live") + " || ' is not a date'",
    ),
    Rule(
        RowReason.INVALID_VALUE,
        "target not in ('0', '1')",
        "'target ' || " + shown("target") + " || ' is not 0 or 1'",
    ),
    Rule(
        RowReason.UNKNOWN_WILAYAH,
        "village_code is null",
        "'kode_wilayah ' || " + shown("kode_wilayah") + " || ' is not a village of the province'",
    ),
]


def validation_sql(columns: list[str]) -> str:
    code, message = compile_rules(RULES)
    texts = ",\n".join(
        text_column(c, columns, case=case)
        for c, case in (
            ("kode_wilayah", None),
            ("program", "upper"),
            ("target", None),
            ("tanggal_live", None),
        )
    )
    return f"""
    with texts as (select s._file, s._row_number, {texts} from stage as s),
    typed as (
        select texts.*, {parse_date("tanggal_live")} as live_date, v.kode_wilayah as village_code
        from texts
        left join ref_villages as v on v.kode_digits = replace(texts.kode_wilayah, '.', '')
    )
    select
        _file,
        _row_number,
        village_code as kode_wilayah,
        program,
        target = '1' as target,
        live_date as tanggal_live,
        {code} as reason_code,
        {message} as reason
    from typed
    """


RAW = RawTable(
    "rollout_register",
    (
        col("kode_wilayah", required=True),
        col("program", required=True),
        col("target", "boolean", required=True),
        col("tanggal_live", "date"),
    ),
)

SPEC = SourceSpec(
    source="rollout",
    raw=RAW,
    required=ROLLOUT_REQUIRED,
    columns=COLUMNS,
    validation_sql=validation_sql,
    replace="table",
)
