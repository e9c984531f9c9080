"""How a LAPOR complaint record version is typed, checked and stored (contract: lapor-v1).

Export files and API pages share these rules. Every version of a complaint is kept (primary key
tracking_id, updated_at, status), so re-reading an export or an API page stores nothing twice.
Reporter identity is stored only as a keyed hash; the text of confidential complaints is dropped.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb

from ingestion.deliveries import Delivery
from ingestion.lapor import identity
from ingestion.ledger import record_deliveries
from ingestion.loading import (
    DeliveryResult,
    SourceSpec,
    check_staged,
    write_group,
)
from ingestion.raw import RawTable, col
from ingestion.readers import FileRejected, records_prepared
from ingestion.reasons import RowReason
from ingestion.reference_codes import prepare_reference
from ingestion.rules import (
    Rule,
    compile_rules,
    missing_rule,
    neutralise_formula,
    parse_timestamp,
    shown,
    sql_list,
    text_column,
)
from ingestion.safety import MAX_API_NESTING, quote_identifier
from ingestion.scan import stage_group
from ingestion.sources import API, EXPORT, LAPOR
from ingestion.vocabulary import (
    LAPOR_COLUMNS,
    LAPOR_JENIS,
    LAPOR_KANAL,
    LAPOR_KATEGORI,
    LAPOR_PERSONAL_FIELDS,
    LAPOR_REQUIRED,
    LAPOR_STATUS,
    LAPOR_TIMESTAMPS,
    LAPOR_TRACKING_ID,
)

TIMESTAMPS = LAPOR_TIMESTAMPS
# identity fields checked and normalised before hashing (identity.normalise), in key order
IDENTITY_FORMATS = {
    "nik": "16 digits",
    "email": "an e-mail address",
    "telepon": "an Indonesian mobile number (08…, 62…, +62…)",
}
TEXTS = ("tracking_id", "kanal", "jenis", "kategori", "instansi_tujuan", "kode_kabkota", "status")
FLAGS = ("rahasia", "anonim")
# codes are compared in lower case (kategori too: a closed catalogue, lapor-v1, whose values
# become dashboard labels and open-data rows); free text that dashboards show is
# formula-neutralised (and escaped wherever it is shown)
CASES = {"status": "lower", "kanal": "lower", "jenis": "lower", "kategori": "lower"} | {
    "instansi_tujuan": "free"
}
TARGET_COLUMNS = (
    *TEXTS,
    *TIMESTAMPS,
    *FLAGS,
    "pelapor_key",
    "isi_laporan",
    "_channel",
)

_bad_ts = " or ".join(f"({c} is not null and t_{c} is null)" for c in TIMESTAMPS)
_which_ts = ", ".join(
    f"case when {c} is not null and t_{c} is null then '{c} ' || {shown(c)} end" for c in TIMESTAMPS
)
RULES = [
    missing_rule(LAPOR_REQUIRED),
    Rule(
        RowReason.INVALID_TIMESTAMP, _bad_ts, f"'not a timestamp: ' || concat_ws(', ', {_which_ts})"
    ),
    Rule(
        RowReason.INVALID_VALUE,
        "coalesce(rahasia, '0') not in ('0', '1') or coalesce(anonim, '0') not in ('0', '1')",
        "'rahasia/anonim must be 0 or 1, got ' || "
        + shown("rahasia")
        + " || '/' || "
        + shown("anonim"),
    ),
    Rule(
        RowReason.UNKNOWN_STATUS,
        f"status not in {sql_list(LAPOR_STATUS)}",
        "'status ' || " + shown("status") + " || ' is not a LAPOR status'",
    ),
    Rule(
        RowReason.UNKNOWN_KABKOTA,
        "kode_kabkota is not null and kode_kabkota not in (select kode_kabkota from ref_regencies)",
        "'kode_kabkota ' || "
        + shown("kode_kabkota")
        + " || ' is not a regency/city of the province'",
    ),
    Rule(
        RowReason.INVALID_VALUE,
        f"not regexp_full_match(tracking_id, '{LAPOR_TRACKING_ID}')",
        "'tracking_id ' || " + shown("tracking_id") + " || ' is not a LAPOR tracking id'",
    ),
    Rule(
        RowReason.UNKNOWN_KANAL,
        f"kanal is not null and kanal not in {sql_list(LAPOR_KANAL)}",
        "'kanal ' || " + shown("kanal") + f" || ' is not one of {', '.join(LAPOR_KANAL)}'",
    ),
    Rule(
        RowReason.INVALID_VALUE,
        f"jenis is not null and jenis not in {sql_list(LAPOR_JENIS)}",
        "'jenis ' || " + shown("jenis") + f" || ' is not one of {', '.join(LAPOR_JENIS)}'",
    ),
    Rule(
        RowReason.INVALID_VALUE,
        f"kategori is not null and kategori not in {sql_list(LAPOR_KATEGORI)}",
        "'kategori ' || " + shown("kategori") + " || ' is not a category of lapor-v1'",
    ),
    # the value itself is personal data: the message names the field, never the value
    *(
        Rule(
            RowReason.INVALID_VALUE,
            f"given_{field} is not null and n_{field} is null",
            f"'pelapor_{field} is not {what}'",
        )
        for field, what in IDENTITY_FORMATS.items()
    ),
]


def _identity_sql(present: list[str]) -> str:
    """given_<field> (delivered or not) and n_<field> (normalised, NULL when malformed) for NIK,
    phone and e-mail; the name is never an identity on its own."""
    parts = []
    for field in IDENTITY_FORMATS:
        column = f"pelapor_{field}"
        given = f"nullif(trim(s.{quote_identifier(column)}), '')" if column in present else "null"
        parts += [f"{given} as given_{field}", f"pelapor_normal('{field}', {given}) as n_{field}"]
    return ", ".join(parts)


_IDENTITY_KEY = (
    "pelapor_key(coalesce("
    + ", ".join(f"'{field}:' || n_{field}" for field in IDENTITY_FORMATS)
    + "))"
)


def validation_sql_for(channel: str):
    code, message = compile_rules(RULES)

    def validation_sql(present: list[str]) -> str:
        texts = ",\n".join(
            text_column(c, present, case=CASES.get(c)) for c in (*TEXTS, *TIMESTAMPS, *FLAGS)
        )
        isi = (
            neutralise_formula("nullif(trim(s.isi_laporan), '')")
            if "isi_laporan" in present
            else "null::varchar"
        )
        typed = ",\n".join(f"{parse_timestamp(c)} as t_{c}" for c in TIMESTAMPS)
        return f"""
        with texts as (
            select s._file, s._row_number, {texts}, {_identity_sql(present)},
                   {isi} as isi_text
            from stage as s
        ),
        typed as (select texts.*, {typed}, {_IDENTITY_KEY} as identity_key from texts)
        select
            _file,
            _row_number,
            {", ".join(TEXTS)},
            {", ".join(f"t_{c} as {c}" for c in TIMESTAMPS)},
            coalesce(rahasia, '0') = '1' as rahasia,
            coalesce(anonim, '0') = '1' as anonim,
            case when coalesce(anonim, '0') = '1' then null else identity_key end as pelapor_key,
            case when coalesce(rahasia, '0') = '1' then null else isi_text end as isi_laporan,
            '{channel}' as _channel,
            {code} as reason_code,
            {message} as reason
        from typed
        """

    return validation_sql


RAW = RawTable(
    "lapor_complaints",
    (
        col("tracking_id", required=True),
        col("tanggal_lapor", "timestamp", required=True),
        *(col(c) for c in ("kanal", "jenis", "kategori", "instansi_tujuan", "kode_kabkota")),
        col("status", required=True),
        *(col(c, "timestamp") for c in TIMESTAMPS[1:-1]),
        col("updated_at", "timestamp", required=True),
        col("rahasia", "boolean", required=True),
        col("anonim", "boolean", required=True),
        col("pelapor_key", comment="keyed hash (HMAC-SHA256) of the reporter identity"),
        col("isi_laporan", comment="NULL for confidential complaints"),
        col("_channel", required=True, comment="export | api (ingestion.sources.CHANNELS)"),
    ),
    primary_key=("tracking_id", "updated_at", "status"),
)
assert set(RAW.column_names) >= set(TARGET_COLUMNS)


def _spec(channel: str) -> SourceSpec:
    return SourceSpec(
        source=LAPOR,
        raw=RAW,
        required=LAPOR_REQUIRED,
        columns=LAPOR_COLUMNS,
        validation_sql=validation_sql_for(channel),
        replace="append",
        personal_columns=(*LAPOR_PERSONAL_FIELDS, "isi_laporan"),
    )


EXPORT_SPEC = _spec(EXPORT)
API_SPEC = _spec(API)


@dataclass(frozen=True)
class StoreResult:
    rows_loaded: int
    rows_quarantined: int
    max_updated_at: datetime | None


def _json_default(value: object) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def store_complaints(
    con: duckdb.DuckDBPyConnection,
    records: list[dict[str, object]],
    *,
    channel: str,
    relative_path: str,
    file_hash: str,
) -> StoreResult:
    """Validate and store API record versions inside the caller's transaction.

    Bad records are quarantined (without personal data); the page is recorded in the ledger.
    """
    spec = API_SPEC if channel == API else EXPORT_SPEC
    identity.register(con)
    if not _has_table(con, "ref_regencies"):
        prepare_reference(con)
    delivery = Delivery(
        source=LAPOR,
        channel=channel,
        dataset=LAPOR,
        path=Path(relative_path),
        relative_path=relative_path,
        file_hash=file_hash,
        file_format="json",
    )
    result = DeliveryResult(delivery, batch_id=str(uuid.uuid4()))
    loaded_at = datetime.now().replace(microsecond=0)
    if not records:
        record_deliveries(con, [result], loaded_at)
        return StoreResult(0, 0, None)
    lines, nested = _record_lines(records)
    page = records_prepared(relative_path, lines, nested)
    try:
        staged = stage_group(con, [page], (), spec.columns)
    except FileRejected as rejected:
        raise ValueError(f"{relative_path}: {rejected.message}") from None
    members = [(result, page.key)]
    result.rows_delivered = len(records)
    check_staged(con, spec, members, staged.columns, staged.malformed)
    write_group(con, spec, members, staged.columns, None, loaded_at)
    [(max_updated,)] = con.execute(
        "select max(updated_at) from checked where reason_code is null"
    ).fetchall()
    return StoreResult(result.rows_loaded, result.rows_quarantined, max_updated)


def _depth(value: object) -> int:
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    return 0


def _record_lines(records: list[dict[str, object]]) -> tuple[list[str], list[tuple[int, str]]]:
    """One JSON text per record; a record that is not a flat object (field -> scalar) is
    replaced by ``{}`` and listed as not read (quarantined with its row number)."""
    lines: list[str] = []
    nested: list[tuple[int, str]] = []
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict) or _depth(record) > MAX_API_NESTING:
            nested.append((number, f"not a flat record (nesting over {MAX_API_NESTING} level)"))
            record = {}
        lines.append(json.dumps(record, default=_json_default))
    return lines, nested


def _has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    return bool(
        con.execute(
            "select count(*) from duckdb_tables() where table_name = ? and temporary", [name]
        ).fetchall()[0][0]
    )
