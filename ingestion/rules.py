"""Row rules as data: each is (reason code, SQL condition, SQL message). They are compiled into
one SQL pass over a staged delivery: a row gets the first reason whose condition holds."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ingestion.reasons import RowReason


@dataclass(frozen=True)
class Rule:
    reason: RowReason
    condition: str  # SQL, true when the row breaks the rule
    message: str  # SQL expression giving the human reason


def sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def sql_list(values: Sequence[str]) -> str:
    return "(" + ", ".join(sql_text(v) for v in values) + ")"


def shown(column: str) -> str:
    """SQL rendering a delivered value for a message, e.g. kanal 'fax'."""
    return f"coalesce('''' || left({column}, 60) || '''', 'empty')"


def parse_timestamp(column: str) -> str:
    """SQL turning an accepted timestamp text into a WIB timestamp (NULL if unparseable).

    Accepted: ISO 8601 with 'T' or space, optional fraction, optional offset (converted to WIB),
    and the Indonesian day-first style 05/03/2026 08:15.
    """
    # dd/mm/yyyy goes straight to strptime (no ISO cast can read it); the rest as before
    return f"""(case
        when {column} like '__/__/____%'
            then try_strptime({column}, ['%d/%m/%Y %H:%M', '%d/%m/%Y %H:%M:%S', '%d/%m/%Y'])
        when regexp_matches({column}, '([+-][0-9]{{2}}:?[0-9]{{2}}|Z)$')
            then timezone('Asia/Jakarta', try_cast({column} as timestamptz))
        else coalesce(
            try_cast({column} as timestamp),
            try_strptime({column}, ['%d/%m/%Y %H:%M', '%d/%m/%Y %H:%M:%S', '%d/%m/%Y'])
        )
    end)"""


def parse_date(column: str) -> str:
    return f"""coalesce(
        try_cast({column} as date),
        try_strptime({column}, ['%d/%m/%Y'])::date
    )"""


def missing_rule(required: Sequence[str]) -> Rule:
    condition = " or ".join(f"{c} is null" for c in required)
    names = ", ".join(f"case when {c} is null then {sql_text(c)} end" for c in required)
    return Rule(
        RowReason.MISSING_VALUE,
        condition,
        f"'missing required value: ' || concat_ws(', ', {names})",
    )


def compile_rules(rules: Sequence[Rule]) -> tuple[str, str]:
    """(reason_code SQL, reason message SQL) as two CASE expressions."""
    codes = "\n".join(f"when {r.condition} then {sql_text(r.reason.value)}" for r in rules)
    messages = "\n".join(f"when {r.condition} then {r.message}" for r in rules)
    return f"case {codes} end", f"case {messages} end"


def text_column(column: str, present: Sequence[str], *, case: str | None = None) -> str:
    """A delivered column trimmed to NULL when empty; NULL when the file lacks the column.

    ``case``: lower / upper for codes, free for free text that dashboards show.
    """
    if column not in present:
        return f"null::varchar as {column}"
    expr = f"nullif(trim(s.\"{column}\"), '')"
    if case == "lower":
        expr = f"lower({expr})"
    elif case == "upper":
        expr = f"upper({expr})"
    elif case == "free":
        expr = neutralise_formula(expr)
    return f"{expr} as {column}"


def neutralise_formula(expr: str) -> str:
    """Free text that dashboards show (and users export to spreadsheets): a value that starts
    like a formula (= + - @, tab, CR) is kept, prefixed with an apostrophe so no spreadsheet
    evaluates it (OWASP's advice against CSV injection)."""
    quote = "''''"  # SQL for a single apostrophe
    starts = "('=', '+', '-', '@', chr(9), chr(13))"
    return f"(case when left({expr}, 1) in {starts} then {quote} || {expr} else {expr} end)"
