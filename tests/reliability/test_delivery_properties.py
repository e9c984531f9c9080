"""Property-based tests of service-log delivery parsing (Hypothesis).

For any generated delivery, in any accepted variant (delimiter, encoding, header case,
timestamp style, tte spelling, CSV / JSON Lines / XLSX) and any mix of valid rows and rows with
broken or hostile values: ingest never crashes, and rows loaded + rows quarantined = rows
delivered (or the whole file is quarantined with a reason). Quality checks (GX) are off: they
judge batches, not parsing.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingestion.ingest import ingest
from ingestion.vocabulary import JENIS_LAYANAN, KANAL_LAYANAN, SERVICE_LOG_COLUMNS, STATUS_LAYANAN
from smartprov.base.reference import villages_by_regency
from smartprov.base.settings import Paths
from tests.reliability.conftest import read_only

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]

COLUMNS = SERVICE_LOG_COLUMNS
DAY = datetime(2026, 3, 5)
VILLAGES = [v.kode_wilayah for v in villages_by_regency()["33.76"]]
TTE = {"10": ("1", "0"), "ya_tidak": ("ya", "tidak"), "true_false": ("true", "false")}
STAMP = {
    "iso_t": lambda t: t.strftime("%Y-%m-%dT%H:%M:%S"),
    "iso_space": lambda t: t.strftime("%Y-%m-%d %H:%M:%S"),
    "offset_wib": lambda t: t.strftime("%Y-%m-%dT%H:%M:%S") + "+07:00",
    "offset_utc": lambda t: (t - timedelta(hours=7)).strftime("%Y-%m-%dT%H:%M:%SZ"),
    "indonesian": lambda t: t.strftime("%d/%m/%Y %H:%M"),
}

variants = st.fixed_dictionaries(
    {
        "fmt": st.sampled_from(["csv", "csv", "csv", "jsonl", "xlsx"]),
        "delimiter": st.sampled_from([",", ";"]),
        "encoding": st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
        "header": st.sampled_from(["lower", "upper", "upper_spaced", "title"]),
        "stamp": st.sampled_from(sorted(STAMP)),
        "tte": st.sampled_from(sorted(TTE)),
        "dotted": st.booleans(),
    }
)


@st.composite
def valid_rows(draw: st.DrawFn, variant: dict) -> dict[str, str]:
    start = DAY + timedelta(minutes=draw(st.integers(7 * 60 + 30, 16 * 60)))
    status = draw(st.sampled_from(STATUS_LAYANAN))
    end = start + timedelta(minutes=draw(st.integers(1, 300)))
    village = draw(st.sampled_from(VILLAGES))
    yes, no = TTE[variant["tte"]]
    return {
        "id_transaksi": f"3376-20260305-{draw(st.integers(0, 99999)):05d}",
        "kode_wilayah": village if variant["dotted"] else village.replace(".", ""),
        "jenis_layanan": draw(st.sampled_from(JENIS_LAYANAN)),
        "kanal": draw(st.sampled_from(KANAL_LAYANAN)),
        "waktu_permohonan": STAMP[variant["stamp"]](start),
        "waktu_selesai": "" if status == "proses" else STAMP[variant["stamp"]](end),
        "status": status,
        "tte": draw(st.sampled_from([yes, no])),
        "penandatangan": "" if status == "proses" else draw(st.sampled_from(["lurah", "camat"])),
    }


# hostile text: delimiters, quotes, line breaks, formulas, unicode, long values
hostile_text = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "",
            " ",
            ";",
            ",",
            '"',
            '""',
            "\n",
            "\r\n",
            "a\nb",
            '=HYPERLINK("http://x","klik")',
            "NULL",
            "null",
            "-1",
            "9999-99-99",
            "31/02/2026 10:00",
            "2026-03-05T25:00:00",
            "33.76.99.9999",
            "YA",
            " 1 ",
            "ÿ",
            "日本",
            "x" * 300,
        ]
    ),  # fmt: skip
)


@st.composite
def deliveries(draw: st.DrawFn) -> tuple[dict, list[dict[str, str]]]:
    variant = draw(variants)
    rows = []
    for _ in range(draw(st.integers(1, 12))):
        row = draw(valid_rows(variant))
        for column in draw(st.lists(st.sampled_from(COLUMNS), max_size=3, unique=True)):
            row[column] = draw(hostile_text)
        rows.append(row)
    return variant, rows


# BUG (ingestion/scan.py _stage_csv): a quoted field with a line break makes DuckDB raise
# duckdb.Error "The parallel scanner does not support null_padding in conjunction with quoted
# new lines", which is not caught: the whole ingest run crashes (CSV, and XLSX, which is staged
# as CSV). Until it is fixed, line breaks are generated only in JSON Lines; the bug itself is
# pinned by test_quoted_line_break_in_a_csv_field below. Set to False once fixed.
QUOTED_LINE_BREAK_BUG_OPEN = False  # fixed: readers retry such files with parallel=false


def _clean(value: str, variant: dict) -> str:
    """What the format can carry at all (an encoder or a spreadsheet cell would refuse the
    rest): characters outside cp1252, control characters in XLSX cells."""
    if QUOTED_LINE_BREAK_BUG_OPEN and variant["fmt"] != "jsonl":
        value = value.replace("\r", " ").replace("\n", " ")
    if variant["fmt"] == "csv" and variant["encoding"] == "cp1252":
        value = value.encode("cp1252", errors="replace").decode("cp1252")
    if variant["fmt"] == "xlsx":
        value = "".join(c for c in value if c >= " " or c in "\t\n\r")
    value = value.replace("\x00", "")
    return value


def _header(variant: dict) -> list[str]:
    return {
        "lower": list(COLUMNS),
        "upper": [c.upper() for c in COLUMNS],
        "upper_spaced": [f" {c.upper()} " for c in COLUMNS],
        "title": [c.title() for c in COLUMNS],
    }[variant["header"]]


def write_delivery(folder: Path, variant: dict, rows: list[dict[str, str]]) -> tuple[Path, int]:
    """The file, and how many data rows it delivers."""
    rows = [{c: _clean(r[c], variant) for c in COLUMNS} for r in rows]
    if variant["fmt"] == "xlsx":  # a spreadsheet row with no cell at all is no row
        rows = [r for r in rows if any(r.values())] or [{**rows[0], "id_transaksi": "X"}]
    path = folder / f"2026-03-05.{variant['fmt']}"
    header = _header(variant)
    if variant["fmt"] == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=variant["delimiter"], lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows([r[c] for c in COLUMNS] for r in rows)
        path.write_bytes(buffer.getvalue().encode(variant["encoding"]))
    elif variant["fmt"] == "jsonl":
        path.write_text(
            "".join(
                json.dumps({h: (r[c] or None) for h, c in zip(header, COLUMNS, strict=True)}) + "\n"
                for r in rows
            ),
            encoding="utf-8",
        )
    else:
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet("Layanan")
        sheet.append(header)
        for r in rows:
            sheet.append([r[c] or None for c in COLUMNS])
        book.save(path)
    return path, len(rows)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(delivery=deliveries())
def test_loaded_plus_quarantined_equals_delivered(
    delivery: tuple[dict, list[dict[str, str]]],
) -> None:
    variant, rows = delivery
    with tempfile.TemporaryDirectory(prefix="smartprov-prop-") as tmp:
        paths = Paths(Path(tmp)).ensure()
        folder = paths.landing / "service_logs" / "33.76"
        folder.mkdir(parents=True)
        path, delivered = write_delivery(folder, variant, rows)
        summary = ingest(paths, sources=("service_logs",), check_quality=False)
        (result,) = summary.results
        relative = path.relative_to(paths.landing).as_posix()
        [(raw,)] = read_only(
            paths.warehouse,
            "select count(*) from raw.service_logs where _source_file = ?",
            [relative],
        )
        [(quarantined,)] = read_only(
            paths.warehouse,
            "select count(*) from audit.quarantine_rows where relative_path = ?",
            [relative],
        )
        if result.file_quarantined:
            assert result.file_reason and raw == 0 and quarantined == 0, variant
            assert variant["fmt"] == "csv" or result.file_reason != "unreadable_file", (
                result.file_message
            )
        else:
            assert (result.rows_delivered, raw + quarantined) == (delivered, delivered), (
                variant,
                result,
            )
            assert (result.rows_loaded, result.rows_quarantined) == (raw, quarantined)


def _one_file(rows: list[dict[str, str]], variant: dict) -> tuple[Paths, Path, int]:
    tmp = Path(tempfile.mkdtemp(prefix="smartprov-prop-"))
    paths = Paths(tmp).ensure()
    folder = paths.landing / "service_logs" / "33.76"
    folder.mkdir(parents=True)
    path, delivered = write_delivery(folder, variant, rows)
    return paths, path, delivered


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_quoted_line_break_in_a_csv_field(fmt: str) -> None:
    variant = {"fmt": fmt, "delimiter": ",", "encoding": "utf-8", "header": "lower",
               "stamp": "iso_space", "tte": "10", "dotted": True}  # fmt: skip
    row = {
        "id_transaksi": "T-1", "kode_wilayah": VILLAGES[0], "jenis_layanan": "SKTM",
        "kanal": "web", "waktu_permohonan": "2026-03-05 08:00:00",
        "waktu_selesai": "2026-03-05 09:00:00", "status": "selesai", "tte": "1",
        "penandatangan": "lurah\ncamat",
    }  # fmt: skip
    flag = globals()
    flag["QUOTED_LINE_BREAK_BUG_OPEN"], saved = False, QUOTED_LINE_BREAK_BUG_OPEN
    try:
        paths, _, delivered = _one_file([row, {**row, "id_transaksi": "T-2"}], variant)
    finally:
        flag["QUOTED_LINE_BREAK_BUG_OPEN"] = saved
    summary = ingest(paths, sources=("service_logs",), check_quality=False)
    (result,) = summary.results
    assert result.rows_loaded + result.rows_quarantined == delivered == 2
