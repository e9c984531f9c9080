"""Every published table and column is described in English and in Bahasa Indonesia."""

from __future__ import annotations

from smartprov.dictionary import indicators, tables
from tests.warehouse.conftest import query


def published_columns(serving) -> dict[str, list[str]]:
    rows = query(
        serving,
        "select table_name, list(column_name order by ordinal_position)"
        " from information_schema.columns where table_schema = 'marts'"
        " and table_name not like '\\_%' escape '\\' group by table_name",
    )
    return dict(rows)


def test_every_serving_column_has_both_descriptions(built):
    documented = tables()
    missing: list[str] = []
    for table, columns in sorted(published_columns(built["paths"].serving).items()):
        doc = documented.get(table)
        if doc is None:
            missing.append(f"{table}: no YAML")
            continue
        for lang, text in (("en", doc.description), ("id", doc.deskripsi)):
            if not text:
                missing.append(f"{table}: no {lang} description")
        for attr in ("satuan", "sumber", "pembaruan"):
            if not getattr(doc, attr):
                missing.append(f"{table}: no meta {attr}")
        for name in columns:
            column = doc.columns.get(name)
            if column is None or not column.description:
                missing.append(f"{table}.{name}: no English description")
            if column is None or not column.deskripsi:
                missing.append(f"{table}.{name}: no deskripsi (Bahasa Indonesia)")
    assert not missing, "\n".join(missing)


def test_indicator_columns_name_catalogued_indicators():
    catalogue = indicators()
    named = {c.indicator_code for t in tables().values() for c in t.columns.values()}
    named.discard(None)
    assert named, "no column names an indicator code"
    assert named <= set(catalogue), sorted(named - set(catalogue))
    for code, row in catalogue.items():
        assert row["nama_indikator"] and row["formula"] and row["source"], code
