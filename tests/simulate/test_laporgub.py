"""The simulator's LaporGub! deliveries: the real volume (22,980 reports in 2022 = 63 a day),
both delimiters, re-sent versions, reports forwarded to/from SP4N-LAPOR!, deterministic."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

from devtools.simulate import simulate
from ingestion.laporgub.vocabulary import COLUMNS, STATUS
from smartprov.base.settings import Paths


def test_laporgub_deliveries_at_the_real_volume(tmp_path: Path) -> None:
    paths = Paths(tmp_path).ensure()
    manifest = simulate(paths, date(2026, 3, 1), 14, 3, 1.0)["laporgub"]
    assert manifest["reports"] == round(22_980 / 365 * 14) + 1  # + one naming an unknown LAPOR id
    assert set(manifest["status_current"]) <= set(STATUS)
    assert manifest["linked_to_delivered_lapor"] > 0
    assert manifest["resent_rows"] > 0
    files = sorted((paths.landing / "laporgub").glob("*.csv"))
    assert len(files) == manifest["export_files"] >= 14
    delimiters = set()
    rows = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        delimiter = ";" if text.splitlines()[0].count(";") > 1 else ","
        delimiters.add(delimiter)
        table = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        assert tuple(table[0]) == COLUMNS
        rows += len(table) - 1
    assert delimiters == {";", ","}
    assert rows == manifest["export_rows"]
    lapor = {
        json.loads(line)["tracking_id"]
        for line in paths.lapor_api_feed.read_text(encoding="utf-8").splitlines()
    }
    referenced = set()
    for path in files:
        text = path.read_text(encoding="utf-8")
        delimiter = ";" if text.splitlines()[0].count(";") > 1 else ","
        referenced |= {
            r["rujukan_lapor"] for r in csv.DictReader(io.StringIO(text), delimiter=delimiter)
        }
    assert len(referenced & lapor) == manifest["linked_to_delivered_lapor"]
    # same arguments, same bytes
    again = Paths(tmp_path / "again").ensure()
    simulate(again, date(2026, 3, 1), 14, 3, 1.0)
    for path in files:
        assert (again.landing / "laporgub" / path.name).read_bytes() == path.read_bytes()
