"""`smartprov opendata` on the built sample: files match their metadata, nothing disclosive."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys

import pytest

from smartprov.base import reference
from smartprov.base.settings import PROJECT_ROOT
from smartprov.opendata import validate_release
from smartprov.opendata.datasets import DATASETS, FORBIDDEN_COLUMNS, THRESHOLD
from tests.warehouse.conftest import query

# not inside a decimal number (0.3333333333333333 is not an NIK)
NIK = re.compile(r"(?<![\d.])\d{16}(?![\d.])")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
PHONE = re.compile(r"(?<![\d.])(\+62|08)\d{8,11}(?![\d.])")


@pytest.fixture(scope="module")
def release(built, tmp_path_factory):
    out = tmp_path_factory.mktemp("opendata")
    result = subprocess.run(
        [sys.executable, "-m", "smartprov", "--home", str(built["paths"].home), "opendata"]
        + ["--out", str(out)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "validates" in result.stdout
    return out


def rows(path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_release_validates(release):
    assert validate_release(release) == []


def test_every_dataset_has_csv_parquet_and_metadata(release):
    package = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))
    paths = {r["path"] for r in package["resources"]}
    for dataset in DATASETS:
        for suffix in (".csv", ".parquet"):
            assert f"{dataset.name}{suffix}" in paths
        meta = json.loads((release / f"{dataset.name}.metadata.json").read_text("utf-8"))
        for element in ("judul", "konsep_definisi", "metode", "satuan_observasi", "klasifikasi"):
            assert meta[element], (dataset.name, element)
        for element in ("level_penyajian", "periodisitas", "sumber", "produsen_data"):
            assert meta[element], (dataset.name, element)
        assert all(v["definisi"] and v["definition_en"] for v in meta["variabel"])
        # Perpres 39/2019: Diskominfo is the walidata, never the producer of BPS or
        # environment-agency data
        assert meta["walidata"].startswith("Dinas Komunikasi dan Informatika Provinsi")
        if dataset.name.startswith("mart_scorecard"):
            assert "Badan Pusat Statistik Provinsi Jawa Tengah" in meta["produsen_data"]
            assert not any("Komunikasi" in p for p in meta["produsen_data"])
        if dataset.name.startswith("mart_lapor"):
            assert any("SP4N-LAPOR!" in p for p in meta["produsen_data"])
        header = rows(release / f"{dataset.name}.csv")[0].keys()
        assert list(header) == [v["nama"] for v in meta["variabel"]]


def test_regency_level_only_with_valid_codes(release):
    codes = set(reference.regency_codes())
    for dataset in DATASETS:
        data = rows(release / f"{dataset.name}.csv")
        assert data, dataset.name
        assert not FORBIDDEN_COLUMNS.intersection(data[0]), dataset.name
        assert {r["kode_kabkota"] for r in data} <= codes, dataset.name


def test_no_personal_value_in_any_file(release):
    for path in sorted(release.glob("*.csv")):
        text = path.read_text(encoding="utf-8")
        for pattern in (NIK, EMAIL, PHONE):
            assert not pattern.search(text), (path.name, pattern.pattern)


def test_small_counts_suppressed(built, release):
    dataset = next(d for d in DATASETS if d.name == "mart_lapor_sla_kabkota")
    served = {
        r[0]: r[1]
        for r in query(
            built["paths"].serving, f"select kode_kabkota, complaints from {dataset.table}"
        )
    }
    small = [k for k, v in served.items() if v is not None and 1 <= v < THRESHOLD]
    assert small, "the sample has no small complaint count to suppress"
    for row in rows(release / f"{dataset.name}.csv"):
        for column in dataset.small_counts:
            value = row[column]
            assert value == "" or not 1 <= int(value) < THRESHOLD, (row["kode_kabkota"], column)
        if row["kode_kabkota"] in small:
            assert row["complaints"] == "" and row["completion_rate"] == ""


def test_monthly_task_function_writes_a_valid_release(home_copy):
    from smartprov.orchestration.opendata import release_directory, release_open_data

    result = release_open_data(home_copy, "2026-03")
    out = release_directory(home_copy, "2026-03")
    assert result["path"] == str(out)
    assert set(result["rows"]) == {d.name for d in DATASETS}
    assert validate_release(out) == []
