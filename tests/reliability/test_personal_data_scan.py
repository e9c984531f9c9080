"""After a full sample run (simulate, ingest with the SP4N-LAPOR! API pull, dbt build, publish),
no personal data is stored in clear in the warehouse or in serving: no NIK (16 digits starting
with 33), phone number (08..., +62...), e-mail address, or reporter name from the simulator's
API feed (api/lapor/complaints.jsonl), in any text column of any table."""

from __future__ import annotations

import json
import re
from pathlib import Path

import duckdb
import pytest

from ingestion.ingest import ingest
from tests.reliability.conftest import Platform, read_only

pytestmark = pytest.mark.slow

PATTERNS = {
    # not inside a longer number or a decimal fraction (0.3333333333333333 is no NIK)
    "nik": r"(^|[^0-9.])33[0-9]{14}([^0-9.]|$)",
    "phone": r"(^|[^0-9.+])(\+62|08)[0-9]{8,12}([^0-9.]|$)",
    "email": r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}",
}
# hex digests and uuids, not text anyone delivered
SKIPPED_COLUMNS = {
    "file_hash",
    "_file_hash",
    "batch_id",
    "_batch_id",
    "pelapor_key",
    "run_id",
    "fingerprint",
}


def reporter_names(feed: Path) -> list[str]:
    names = set()
    for line in feed.read_text(encoding="utf-8").splitlines():
        name = json.loads(line).get("pelapor_nama")
        if name and len(name) >= 6:
            names.add(name)
    return sorted(names)


def scan(database: Path, names: list[str]) -> list[tuple[str, str, str, str]]:
    """(what, table, column, value) of every hit in ``database``."""
    con = duckdb.connect()
    try:
        con.execute(f"attach '{database}' as db (read_only)")
        con.execute("create temp table names as select unnest($names) as name", {"names": names})
        columns = con.execute(
            "select table_schema, table_name, column_name from information_schema.columns"
            " where table_catalog = 'db' and data_type in ('VARCHAR', 'JSON')"
        ).fetchall()
        hits = []
        for schema, table, column in columns:
            if column in SKIPPED_COLUMNS:
                continue
            ref = f'db."{schema}"."{table}"'
            value = f'"{column}"::varchar'
            for what, pattern in PATTERNS.items():
                hits += [
                    (what, f"{schema}.{table}", column, v)
                    for (v,) in con.execute(
                        f"select distinct {value} from {ref}"
                        f" where regexp_matches({value}, $p) limit 5",
                        {"p": pattern},
                    ).fetchall()
                ]
            hits += [
                ("name", f"{schema}.{table}", column, n)
                for (n,) in con.execute(
                    f"select distinct names.name from {ref} as t join names"
                    f" on contains(lower(t.{value}), lower(names.name)) limit 5"
                ).fetchall()
            ]
        return hits
    finally:
        con.close()


def test_the_scan_finds_what_it_looks_for(tmp_path: Path) -> None:
    """The scanner itself: planted values are found, look-alikes are not."""
    path = tmp_path / "planted.duckdb"
    con = duckdb.connect(str(path))
    con.execute(
        "create table t as select * from (values"
        " ('nik 3374012345678901 x'), ('tel +6281234567890'), ('hp 081234567890'),"
        " ('mail a.b@example.id'), ('Pelapor: Budi Santoso'), ('3374-20260105-00001'),"
        " ('LPR260100052'), ('12337401234567890'), ('0.3333333333333333'))"
        " as v(text)"
    )
    con.close()
    hits = scan(path, ["Budi Santoso"])
    assert sorted(h[0] for h in hits) == ["email", "name", "nik", "phone", "phone"]


def test_no_personal_data_in_clear(platform: Platform) -> None:
    names = reporter_names(platform.feed)
    assert len(names) > 5
    # the feed does carry identities: the scan must have something to miss
    feed_text = platform.feed.read_text(encoding="utf-8")
    assert '"pelapor_nik": "33' in feed_text and "@" in feed_text
    # the API pull stored its pages and moved its cursor (its rows mostly repeat the exports)
    [(cursors,)] = read_only(
        platform.paths.warehouse, "select count(*) from audit.lapor_cursor where source = 'lapor'"
    )
    assert cursors == 1
    for database in (platform.paths.warehouse, platform.paths.serving):
        assert scan(database, names) == [], database.name


def scan_files(folder: Path, names: list[str]) -> list[tuple[str, str, str]]:
    """(what, file, value) of every hit in any file under ``folder``, whatever its format or
    extension (decoded leniently: a copy in another encoding must not slip through)."""
    hits = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        raw = path.read_bytes()
        for text in {raw.decode("utf-8", errors="replace"), raw.decode("latin-1")}:
            for what, pattern in PATTERNS.items():
                hits += [(what, path.name, m.group(0)) for m in re.finditer(pattern, text)]
            hits += [("name", path.name, n) for n in names if n.lower() in text.lower()]
    return hits


def test_the_file_scan_finds_what_it_looks_for(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("tracking;nik\nLPR1;3374012345678901\n")
    (tmp_path / "b.quarantined.json").write_text('{"pelapor_email": "a.b@example.id"}')
    (tmp_path / "c.csv").write_text("0.3333333333333333,LPR260100052\n")
    assert sorted(h[0] for h in scan_files(tmp_path, ["Budi"])) == ["email", "nik"]


def test_no_personal_data_in_clear_in_quarantine_copies(platform_copy: Platform) -> None:
    """Rejected rows are not copied (they are in audit.quarantine_rows, scanned above); files
    rejected whole are. The sample has no LAPOR file rejected whole, so every export and the
    API feed are delivered again under names the contract refuses, with their identities."""
    paths = platform_copy.paths
    names = reporter_names(platform_copy.feed)
    exports = sorted((paths.landing / "lapor").glob("*.csv"))
    assert exports
    for export in exports:
        (paths.landing / "lapor" / f"ekspor-{export.name}").write_bytes(export.read_bytes())
    (paths.landing / "lapor" / "2026-01-01.jsonl").write_bytes(platform_copy.feed.read_bytes())
    ingest(paths, sources=["lapor"], check_quality=False)
    kept = [p for p in paths.quarantine.glob("*/lapor/*") if p.is_file()]
    assert len(kept) == len(exports) + 1
    assert scan_files(paths.quarantine, names) == []
    assert scan(paths.warehouse, names) == []
