"""How the plan targets are typed and checked (contract: targets-v1).

Bad rows - an indicator code that is not in the platform's indicator catalogue, a regency/city
outside the province, a target that is not a number, an `arah` other than naik/turun, a
`tingkat` or `status_target` outside the contract's words - are quarantined with the reason;
the rest loads. A new file replaces every target (replace = table); the previous file stays in
the delivery ledger and its rows in the audit trail.
"""

from __future__ import annotations

import csv
from functools import cache

from ingestion.raw import RawTable, col
from ingestion.reasons import RowReason
from ingestion.rules import Rule, compile_rules, missing_rule, shown, sql_list, text_column
from ingestion.spec import SourceSpec
from ingestion.targets.vocabulary import (
    SOURCE,
    TARGET_ARAH,
    TARGET_COLUMNS,
    TARGET_REQUIRED,
    TARGET_STATUS,
    TARGET_TINGKAT,
)
from smartprov.base.settings import DBT_PROJECT_DIR

INDICATOR_CATALOGUE = DBT_PROJECT_DIR / "seeds" / "catalogues" / "ref_indikator.csv"


@cache
def indicator_codes() -> tuple[str, ...]:
    """The codes of the platform's indicator catalogue (the dbt seed ref_indikator)."""
    with INDICATOR_CATALOGUE.open(encoding="utf-8", newline="") as handle:
        return tuple(row["indicator_code"] for row in csv.DictReader(handle))


def _one_of(column: str, values: tuple[str, ...]) -> Rule:
    return Rule(
        RowReason.INVALID_VALUE,
        f"{column} not in {sql_list(values)}",
        f"'{column} ' || " + shown(column) + f" || ' is not one of {', '.join(values)}'",
    )


def rules() -> list[Rule]:
    return [
        missing_rule(TARGET_REQUIRED),
        Rule(
            RowReason.INVALID_VALUE,
            "t_target is null",
            "'target ' || " + shown("target") + " || ' is not a number'",
        ),
        Rule(
            RowReason.INVALID_VALUE,
            "t_tahun is null or t_tahun not between 2000 and 2100",
            "'tahun ' || " + shown("tahun") + " || ' is not a year'",
        ),
        _one_of("arah", TARGET_ARAH),
        _one_of("tingkat", TARGET_TINGKAT),
        _one_of("status_target", TARGET_STATUS),
        Rule(
            RowReason.INVALID_VALUE,
            f"kode_indikator not in {sql_list(indicator_codes())}",
            "'kode_indikator ' || "
            + shown("kode_indikator")
            + " || ' is not in the indicator catalogue'",
        ),
        Rule(
            RowReason.INVALID_VALUE,
            "tingkat = 'provinsi' and kode_kabkota is not null",
            "'kode_kabkota ' || " + shown("kode_kabkota") + " || ' given for a provincial target'",
        ),
        Rule(
            RowReason.UNKNOWN_KABKOTA,
            "tingkat = 'kabkota'"
            " and (kode_kabkota is null"
            " or kode_kabkota not in (select kode_kabkota from ref_regencies))",
            "'kode_kabkota ' || "
            + shown("kode_kabkota")
            + " || ' is not a regency/city of the province'",
        ),
    ]


def validation_sql(columns: list[str]) -> str:
    code, message = compile_rules(rules())
    texts = ",\n".join(
        text_column(c, columns, case=case)
        for c, case in (
            ("kode_indikator", "upper"),
            ("tingkat", "lower"),
            ("kode_kabkota", None),
            ("tahun", None),
            ("target", None),
            ("arah", "lower"),
            ("dokumen", "free"),
            ("status_target", "lower"),
        )
    )
    return f"""
    with texts as (select s._file, s._row_number, {texts} from stage as s),
    typed as (
        select
            texts.*,
            try_cast(replace(tahun, ' ', '') as integer) as t_tahun,
            try_cast(replace(target, ' ', '') as double) as t_target
        from texts
    )
    select
        _file,
        _row_number,
        kode_indikator,
        tingkat,
        kode_kabkota,
        t_tahun as tahun,
        t_target as target,
        arah,
        dokumen,
        status_target,
        {code} as reason_code,
        {message} as reason
    from typed
    """


RAW = RawTable(
    "target_indikator",
    (
        col("kode_indikator", required=True),
        col("tingkat", required=True, comment="provinsi | kabkota (targets-v1)"),
        col("kode_kabkota"),
        col("tahun", "integer", required=True),
        col("target", "double", required=True),
        col("arah", required=True, comment="naik | turun"),
        col("dokumen", required=True),
        col("status_target", required=True, comment="ditetapkan | usulan"),
    ),
)

SPEC = SourceSpec(
    source=SOURCE,
    raw=RAW,
    required=TARGET_REQUIRED,
    columns=TARGET_COLUMNS,
    validation_sql=validation_sql,
    replace="table",
)
