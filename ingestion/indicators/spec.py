"""How indicator datasets are typed and checked (contract: indicators-v1)."""

from __future__ import annotations

from dataclasses import dataclass

from ingestion.raw import RawTable, col
from ingestion.reasons import RowReason
from ingestion.rules import Rule, compile_rules, missing_rule, parse_date, shown, text_column
from ingestion.spec import SourceSpec
from ingestion.vocabulary import INDICATOR_DATASETS


@dataclass(frozen=True)
class Field:
    sql_type: str  # integer, bigint, double, date, text
    low: float | None = None
    high: float | None = None
    required: bool = True


FIELDS: dict[str, Field] = {
    "kode_kabkota": Field("text"),
    "id_stasiun": Field("text"),
    "tahun": Field("integer", 2000, 2100),
    "bulan": Field("integer", 1, 12),
    "tanggal": Field("date"),
    "jumlah_penduduk": Field("bigint", 0, None),
    "pdrb_adhb_miliar": Field("double", 0, None),
    "pdrb_adhk_miliar": Field("double", 0, None),
    "persen_penduduk_miskin": Field("double", 0, 100),
    "tpt_persen": Field("double", 0, 100),
    "wisnus_perjalanan": Field("bigint", 0, None),
    "wisman_kunjungan": Field("bigint", 0, None),
    "okupansi_hotel_persen": Field("double", 0, 100),
    "ispu": Field("integer", 0, 500),
    "ipm": Field("double", 0, 100),
    "indeks_spbe": Field("double", 0, 5),
    "iklh": Field("double", 0, 100),
    **{
        p: Field("double", 0, None, required=False)
        for p in ("pm25", "pm10", "no2", "so2", "co", "o3")
    },
}


RAW_TYPES = {"text": "varchar"}  # the raw table's type of a field's sql_type (else the same)


def _typed(column: str) -> str:
    kind = FIELDS[column].sql_type
    if kind == "text":
        return column
    if kind == "date":
        return parse_date(column)
    return f"try_cast(replace({column}, ' ', '') as {kind})"


def _rules(columns: tuple[str, ...]) -> list[Rule]:
    required = tuple(c for c in columns if FIELDS[c].required)
    numeric = [c for c in columns if FIELDS[c].sql_type in ("integer", "bigint", "double")]
    rules = [missing_rule(required)]
    if "tanggal" in columns:
        rules.append(
            Rule(
                RowReason.INVALID_TIMESTAMP,
                "t_tanggal is null",
                "'tanggal ' || " + shown("tanggal") + " || ' is not a date'",
            )
        )
    bad_number = " or ".join(f"({c} is not null and t_{c} is null)" for c in numeric)
    which = ", ".join(
        f"case when {c} is not null and t_{c} is null then '{c} ' || {shown(c)} end"
        for c in numeric
    )
    rules.append(
        Rule(RowReason.INVALID_VALUE, bad_number, f"'not a number: ' || concat_ws(', ', {which})")
    )
    rules.append(
        Rule(
            RowReason.UNKNOWN_KABKOTA,
            "kode_kabkota not in (select kode_kabkota from ref_regencies)",
            "'kode_kabkota ' || "
            + shown("kode_kabkota")
            + " || ' is not a regency/city of the province'",
        )
    )
    ranged = [c for c in numeric if FIELDS[c].low is not None or FIELDS[c].high is not None]
    conditions = []
    for c in ranged:
        field = FIELDS[c]
        parts = []
        if field.low is not None:
            parts.append(f"t_{c} < {field.low}")
        if field.high is not None:
            parts.append(f"t_{c} > {field.high}")
        conditions.append((c, " or ".join(parts), field))
    out_of_range = " or ".join(f"({cond})" for _, cond, _ in conditions) or "false"
    which_range = ", ".join(
        f"case when {cond} then '{c} ' || t_{c} || ' outside "
        f"{f.low if f.low is not None else '-inf'}..{f.high if f.high is not None else 'inf'}' end"
        for c, cond, f in conditions
    )
    rules.append(
        Rule(RowReason.OUT_OF_RANGE, out_of_range, f"concat_ws(', ', {which_range or 'null'})")
    )
    return rules


def _spec(dataset: str, columns: tuple[str, ...]) -> SourceSpec:
    code, message = compile_rules(_rules(columns))

    def validation_sql(present: list[str]) -> str:
        texts = ",\n".join(text_column(c, present) for c in columns)
        typed = ",\n".join(f"{_typed(c)} as t_{c}" for c in columns)
        finals = ",\n".join(f"t_{c} as {c}" for c in columns)
        return f"""
        with texts as (select s._file, s._row_number, {texts} from stage as s),
        typed as (select texts.*, {typed} from texts)
        select _file, _row_number, {finals}, {code} as reason_code, {message} as reason
        from typed
        """

    raw = RawTable(
        f"indicator_{dataset}",
        tuple(col(c, RAW_TYPES.get(FIELDS[c].sql_type, FIELDS[c].sql_type),
                  required=FIELDS[c].required) for c in columns),
    )  # fmt: skip
    return SourceSpec(
        source="indicators",
        raw=raw,
        required=tuple(c for c in columns if FIELDS[c].required),
        columns=columns,
        validation_sql=validation_sql,
        replace="file",
    )


SPECS: dict[str, SourceSpec] = {
    name: _spec(name, cols) for name, cols in INDICATOR_DATASETS.items()
}
