"""The naming rule (docs/naming.md), checked on every column the dbt YAML describes in the
intermediate and mart layers. Staging keeps the sources' delivered names (the contracts') and
is not checked. Names published before the rule that break it are listed in docs/naming.md
("Published names that break the rule"): that table is read here, so a new column that breaks
the rule fails until it is renamed (or, for a published interface, listed there with a reason).
What a machine cannot judge (word order, language) the page states and a reviewer checks.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from smartprov.base.model_docs import MODELS_DIR, ModelDoc, models

NAMING_DOC = Path(__file__).resolve().parents[2] / "docs" / "naming.md"
LAYERS = ("intermediate", "marts")

SNAKE = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)*")
WINDOW = re.compile(r"_\d+[dm](_|$)")  # _30d, _12m: a window is the name's last part
GEOGRAPHY = "provinsi|kabkota|kecamatan|wilayah|desa|kelurahan"
# English words for a geography level where a code or name column must use the Indonesian one
ENGLISH_LEVELS = "province|regency|regencies|city|district|village|villages"
FRACTION_WORDS = re.compile(r"(^|_)(pct|percent|percentage|ratio|proportion|persen)(_|$)")
INDONESIAN_COUNTED = {"provinsi", "kabkota", "kecamatan", "desa", "kelurahan", "wilayah"}


def problems(name: str, data_type: str) -> list[str]:
    """What in ``name`` (of SQL type ``data_type``, "" when the YAML gives none) breaks the
    rule; empty when it follows it."""
    found = []
    if not SNAKE.fullmatch(name):
        found.append("not lower snake_case")
    boolean_name = name.startswith(("is_", "has_"))
    if data_type and (data_type == "boolean") != boolean_name:
        found.append("booleans, and only booleans, start with is_ or has_")
    if data_type == "date" and not re.fullmatch(r"tanggal(_\w+)?|\w+_date|bulan|awal_bulan", name):
        found.append("a date is <event>_date, tanggal_<event> (source) or bulan")
    if data_type == "timestamp" and not re.fullmatch(r"\w+_at|tanggal_\w+|waktu_\w+", name):
        found.append("a timestamp is <event>_at, tanggal_/waktu_<event> (source)")
    if name.startswith("n_"):
        found.append("a count is the plural of what it counts (or <indonesian term>_count)")
    if name.endswith("_count") and name.removesuffix("_count") not in INDONESIAN_COUNTED:
        found.append("<thing>_count only for an Indonesian term; else the English plural")
    if FRACTION_WORDS.search(name):
        found.append("a fraction (0-1) is _rate or _share")
    match = WINDOW.search(name)
    if match and match.end() != len(name):
        found.append("the window (_30d, _12m) ends the name")
    if name == "code" or re.search(rf"(^|_)({ENGLISH_LEVELS}|{GEOGRAPHY})_code$", name):
        found.append("a Kemendagri code is kode_<level>")
    if name == "name" or name.endswith("_name"):
        found.append("a display name is nama_<thing>")
    if re.fullmatch(rf"(kode|nama)_({ENGLISH_LEVELS})", name):
        found.append("geography levels in code/name columns are Indonesian")
    return found


def documented_exceptions() -> dict[tuple[str, str], str]:
    """``{(model, column): rule}`` from the exceptions table of docs/naming.md."""
    rows = re.findall(r"^\| `(\w+)\.(\w+)` \| ([^|]+) \|", NAMING_DOC.read_text("utf-8"), re.M)
    return {(model, column): rule.strip() for model, column, rule in rows}


def checked_models() -> dict[str, ModelDoc]:
    roots = [MODELS_DIR / layer for layer in LAYERS]
    return {
        name: doc
        for name, doc in models().items()
        if any(doc.source.is_relative_to(root) for root in roots)
    }


def test_columns_follow_the_naming_rule() -> None:
    listed = documented_exceptions()
    broken = []
    for name, doc in checked_models().items():
        for column in doc.columns:
            found = problems(column.name, column.data_type)
            if found and (name, column.name) not in listed:
                broken.append(f"{doc.source.name}: {name}.{column.name}: {'; '.join(found)}")
    assert not broken, "rename, or list a published name in docs/naming.md:\n" + "\n".join(broken)


def test_every_listed_exception_names_a_column_that_exists() -> None:
    """A renamed or dropped column leaves the exceptions table too."""
    docs = checked_models()
    listed = documented_exceptions()
    assert len(listed) >= 5
    for model, column in listed:
        assert model in docs, f"docs/naming.md lists {model}.{column}: no such model"
        assert column in docs[model].column_names, f"docs/naming.md: no {model}.{column}"


@pytest.mark.parametrize(
    ("name", "data_type"),
    [
        ("n_versions", "bigint"),
        ("village_count", "bigint"),
        ("is_live", "varchar"),
        ("live", "boolean"),
        ("regency_code", "varchar"),
        ("kode_regency", "varchar"),
        ("name", "varchar"),
        ("live_pct", "double precision"),
        ("letters_30d_tte", "bigint"),
        ("data_per", "date"),
        ("LiveVillages", "bigint"),
    ],
)
def test_the_rule_catches(name: str, data_type: str) -> None:
    assert problems(name, data_type)


@pytest.mark.parametrize(
    ("name", "data_type"),
    [
        ("complaints", "bigint"),
        ("kecamatan_count", "bigint"),
        ("live_share", "double precision"),
        ("tte_letters_30d", "bigint"),
        ("is_active_30d", "boolean"),
        ("has_provincial_complaints", "boolean"),
        ("as_of_date", "date"),
        ("tanggal_live", "date"),
        ("loaded_at", "timestamp"),
        ("kode_kabkota", "varchar"),
        ("nama_program", "varchar"),
        ("pdrb_adhb_miliar", "double precision"),
    ],
)
def test_the_rule_allows(name: str, data_type: str) -> None:
    assert not problems(name, data_type)
