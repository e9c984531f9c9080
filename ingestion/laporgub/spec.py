"""How a LaporGub! ticket version is typed, checked and stored (contract: laporgub-v1).

Every version of a ticket is kept (primary key no_tiket, diperbarui_pada, status): a ticket
re-sent unchanged in a later export stores nothing twice, a changed one adds its new version.
The reporter's identity is stored only as the keyed hash SP4N-LAPOR! uses
(ingestion/lapor/identity.py: the same key and the same ``telepon:`` form, so one person who
reports on both channels has one key); the report text (``isi``) is not stored at all:
LaporGub has no confidentiality flag to honour and the text may name people.
"""

from __future__ import annotations

from ingestion.laporgub.vocabulary import (
    COLUMNS,
    HANDLE,
    JENIS,
    KANAL,
    PERSONAL_FIELDS,
    REQUIRED,
    STATUS,
    TICKET,
    TIMESTAMPS,
)
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
from ingestion.safety import quote_identifier
from ingestion.spec import SourceSpec

SOURCE = "laporgub"
TEXTS = ("no_tiket", "kanal", "jenis", "kategori", "opd_tujuan", "kode_kabkota", "status")
# codes compared in lower case; free text that dashboards show is formula-neutralised
CASES = {"status": "lower", "kanal": "lower", "jenis": "lower", "kategori": "lower"} | {
    "opd_tujuan": "free"
}

RAW = RawTable(
    "laporgub_reports",
    (
        col("no_tiket", required=True),
        col("tanggal_masuk", "timestamp", required=True),
        col("kanal", required=True),
        col("jenis", comment="as delivered: NULL means pengaduan (staging says so)"),
        col("kategori"),
        col("opd_tujuan"),
        col("kode_kabkota"),
        col("status", required=True),
        col("tanggal_verifikasi", "timestamp"),
        col("tanggal_respon", "timestamp"),
        col("tanggal_selesai", "timestamp"),
        col("diperbarui_pada", "timestamp", required=True),
        col("rujukan_lapor", comment="the SP4N-LAPOR! tracking_id of the same report"),
        col("pelapor_key", comment="keyed hash (HMAC-SHA256) of the reporter identity"),
    ),
    primary_key=("no_tiket", "diperbarui_pada", "status"),
)

_bad_ts = " or ".join(f"({c} is not null and t_{c} is null)" for c in TIMESTAMPS)
_which_ts = ", ".join(
    f"case when {c} is not null and t_{c} is null then '{c} ' || {shown(c)} end" for c in TIMESTAMPS
)
RULES = [
    missing_rule(REQUIRED),
    Rule(
        RowReason.INVALID_TIMESTAMP, _bad_ts, f"'not a timestamp: ' || concat_ws(', ', {_which_ts})"
    ),
    Rule(
        RowReason.UNKNOWN_STATUS,
        f"status not in {sql_list(STATUS)}",
        "'status ' || " + shown("status") + " || ' is not a LaporGub status'",
    ),
    Rule(
        RowReason.UNKNOWN_KANAL,
        f"kanal not in {sql_list(KANAL)}",
        "'kanal ' || " + shown("kanal") + f" || ' is not one of {', '.join(KANAL)}'",
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
        f"not regexp_full_match(no_tiket, '{TICKET}')",
        "'no_tiket ' || " + shown("no_tiket") + " || ' is not a ticket number'",
    ),
    Rule(
        RowReason.INVALID_VALUE,
        f"rujukan_lapor is not null and not regexp_full_match(rujukan_lapor, '{TICKET}')",
        "'rujukan_lapor ' || " + shown("rujukan_lapor") + " || ' is not a LAPOR tracking id'",
    ),
    Rule(
        RowReason.INVALID_VALUE,
        f"jenis is not null and jenis not in {sql_list(JENIS)}",
        "'jenis ' || " + shown("jenis") + f" || ' is not one of {', '.join(JENIS)}'",
    ),
    # the values themselves are personal data: the message names the field, never the value
    Rule(
        RowReason.INVALID_VALUE,
        "given_telepon is not null and n_telepon is null",
        "'pelapor_telepon is not an Indonesian phone number (08…, 62…, +62…)'",
    ),
    Rule(
        RowReason.INVALID_VALUE,
        "given_akun is not null and n_akun is null",
        "'pelapor_akun is not a social-media handle'",
    ),
]


def _given(column: str, present: list[str]) -> str:
    if column not in present:
        return "null::varchar"
    return f"nullif(trim(s.{quote_identifier(column)}), '')"


def _identity_sql(present: list[str]) -> str:
    """given_/n_ telepon (E.164, identity.normalise) and akun (lower case, no leading @)."""
    phone, handle = _given("pelapor_telepon", present), _given("pelapor_akun", present)
    akun = f"lower(regexp_replace({handle}, '^@', ''))"
    return (
        f"{phone} as given_telepon, pelapor_normal('telepon', {phone}) as n_telepon, "
        f"{handle} as given_akun, "
        f"case when regexp_full_match({akun}, '{HANDLE}') then {akun} end as n_akun"
    )


# one person, one key: a phone is the same person on every channel (LAPOR's form); a handle
# only on its own platform; a name alone never identifies anyone
_IDENTITY_KEY = "pelapor_key(coalesce('telepon:' || n_telepon, 'akun:' || kanal || ':' || n_akun))"


def validation_sql(present: list[str]) -> str:
    code, message = compile_rules(RULES)
    texts = ",\n".join(
        text_column(c, present, case=CASES.get(c)) for c in (*TEXTS, *TIMESTAMPS, "rujukan_lapor")
    )
    typed = ",\n".join(f"{parse_timestamp(c)} as t_{c}" for c in TIMESTAMPS)
    return f"""
    with texts as (
        select s._file, s._row_number, {texts}, {_identity_sql(present)} from stage as s
    ),
    typed as (select texts.*, {typed}, {_IDENTITY_KEY} as identity_key from texts)
    select
        _file,
        _row_number,
        {", ".join(TEXTS)},
        {", ".join(f"t_{c} as {c}" for c in TIMESTAMPS)},
        rujukan_lapor,
        identity_key as pelapor_key,
        {code} as reason_code,
        {message} as reason
    from typed
    """


SPEC = SourceSpec(
    source=SOURCE,
    raw=RAW,
    required=REQUIRED,
    columns=COLUMNS,
    validation_sql=validation_sql,
    replace="append",
    personal_columns=(*PERSONAL_FIELDS, "isi"),
)
