"""The lake's reading rules and the cluster's Java check, on hand-made partitions (fast).

A reader takes a partition only through its link, with a manifest, and with every file the
size and sha256 the manifest states; anything else is reported with the reason, never read.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import duckdb
import pytest

from smartprov.national import cluster, lake


def _partition(root: Path, code: str, *, manifest: bool = True, link: bool = True) -> Path:
    version = root / lake.VERSIONS / code / f"v-{code}"
    version.mkdir(parents=True)
    con = duckdb.connect()
    try:
        target = str(version / "mart_rollout_kabkota.parquet")
        con.execute(
            f"copy (select '{code}' as kode_provinsi, 1 as n) to '{target}' (format parquet)"
        )
        if manifest:
            payload = lake._manifest(con, version, {"kode_provinsi": code})
            (version / lake.MANIFEST).write_text(json.dumps(payload))
    finally:
        con.close()
    if link:
        lake._swap_in(root, code, version)
    return version


def test_a_complete_partition_is_read(tmp_path: Path) -> None:
    version = _partition(tmp_path, "33")
    found = lake.snapshot(tmp_path)
    assert [(p.kode_provinsi, p.path) for p in found.partitions] == [("33", version.resolve())]
    assert found.partitions[0].manifest["files"]["mart_rollout_kabkota.parquet"]["rows"] == 1
    assert not found.problems


def test_unlinked_and_unfinished_versions_are_never_read(tmp_path: Path) -> None:
    _partition(tmp_path, "33")
    _partition(tmp_path, "34", link=False)  # written, never swapped in
    _partition(tmp_path, "35", manifest=False)  # linked by hand, no manifest
    found = lake.snapshot(tmp_path)
    assert [p.kode_provinsi for p in found.partitions] == ["33"]
    assert "no manifest" in found.problems["province=35"]


def test_a_file_that_differs_from_its_manifest_is_not_read(tmp_path: Path) -> None:
    version = _partition(tmp_path, "33")
    data = version / "mart_rollout_kabkota.parquet"
    content = bytearray(data.read_bytes())
    content[10] ^= 0xFF  # same size, other bytes
    data.write_bytes(bytes(content))
    found = lake.snapshot(tmp_path)
    assert not found.partitions
    assert "sha256" in found.problems["province=33"]


def test_a_manifest_of_another_province_is_not_read(tmp_path: Path) -> None:
    version = _partition(tmp_path, "33")
    os.symlink(version.relative_to(tmp_path), tmp_path / "province=34")
    found = lake.snapshot(tmp_path)
    assert [p.kode_provinsi for p in found.partitions] == ["33"]
    assert "names province '33'" in found.problems["province=34"]


def test_no_java_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(cluster.ClusterError, match="Java 17"):
        cluster.java()
    with pytest.raises(cluster.ClusterError, match="Java 17"):
        cluster.start(tmp_path / "cluster", workers=1)


def test_the_national_province_list_is_the_reference_one() -> None:
    """dbt_national's seed (freshness is reported against it) copies ref_provinces.csv."""
    import csv

    from smartprov.base.settings import NATIONAL_DBT_PROJECT_DIR, REFERENCE_DIR

    def rows(path: Path) -> list[tuple[str, str]]:
        with path.open(newline="", encoding="utf-8") as handle:
            return [tuple(row) for row in list(csv.reader(handle))[1:]]

    national = rows(NATIONAL_DBT_PROJECT_DIR / "seeds" / "national_provinces.csv")
    assert national == rows(REFERENCE_DIR / "ref_provinces.csv")
    assert len(national) == 38


def test_the_national_indicator_names_are_the_catalogue_ones() -> None:
    """dbt_national's indicator names (the ranking table's rows) copy ref_indikator.csv; every
    dimension has its Indonesian name."""
    import csv

    from smartprov.base.settings import DBT_PROJECT_DIR, NATIONAL_DBT_PROJECT_DIR

    def rows(path: Path) -> list[dict[str, str]]:
        with path.open(newline="", encoding="utf-8") as handle:
            return list(csv.DictReader(handle))

    national = rows(NATIONAL_DBT_PROJECT_DIR / "seeds" / "national_indicators.csv")
    catalogue = rows(DBT_PROJECT_DIR / "seeds" / "catalogues" / "ref_indikator.csv")
    columns = ("indicator_code", "nama_indikator", "dimension")
    assert [tuple(r[c] for c in columns) for r in national] == [
        tuple(r[c] for c in columns) for r in catalogue
    ]
    names = {r["dimension"]: r["dimensi"] for r in national}
    assert names == {
        "governance": "Tata kelola",
        "economy": "Ekonomi",
        "environment": "Lingkungan",
        "tourism": "Pariwisata",
    }
