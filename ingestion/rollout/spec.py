"""How the rollout register is typed and checked (contract: rollout-register-v1)."""

from __future__ import annotations

import csv
from functools import cache

from ingestion.raw import RawTable, col
from ingestion.reasons import RowReason
from ingestion.rules import (
    Rule,
    compile_rules,
    missing_rule,
    parse_date,
    shown,
    sql_list,
    text_column,
)
from ingestion.spec import SourceSpec
from ingestion.vocabulary import ROLLOUT_REQUIRED
from smartprov.base.settings import DBT_PROJECT_DIR

COLUMNS = (*ROLLOUT_REQUIRED, "tanggal_live")
# the programme catalogue (the dbt seed the staging relationships test checks against)
PROGRAM_CATALOGUE = DBT_PROJECT_DIR / "seeds" / "catalogues" / "ref_program.csv"


@cache
def programs() -> tuple[str, ...]:
    """The programme codes of the catalogue (ref_program.csv), upper case."""
    with PROGRAM_CATALOGUE.open(encoding="utf-8", newline="") as file:
        return tuple(row["program"].strip().upper() for row in csv.DictReader(file))


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


def _rules() -> list[Rule]:
    """RULES plus the programme catalogue: a row of an unknown programme is quarantined, so one
    bad row no longer fails dbt's relationships test and stops the build and publish."""
    unknown = Rule(
        RowReason.INVALID_VALUE,
        f"program not in {sql_list(programs())}",
        "'program ' || "
        + shown("program")
        + " || ' is not a programme of the catalogue ("
        + ", ".join(programs())
        + ")'",
    )
    return [*RULES, unknown]


def validation_sql(columns: list[str]) -> str:
    code, message = compile_rules(_rules())
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
