"""The national tasks' settings (fast): the export is nothing without a lake, the engine is
DuckDB by default and Spark only with a master; a bad setting is a clear error."""

from __future__ import annotations

from pathlib import Path

import pytest

from smartprov.base.settings import Paths
from smartprov.orchestration import national


def test_no_lake_configured_no_export(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SMARTPROV_LAKE", raising=False)
    paths = Paths(tmp_path)  # no serving database: an export would fail, so none is attempted
    assert national.export_to_lake(paths) is None
    assert not (tmp_path / "lake").exists()


def test_a_configured_lake_is_exported_to(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from smartprov.national.lake import LakeError

    monkeypatch.setenv("SMARTPROV_LAKE", str(tmp_path / "lake"))
    with pytest.raises(LakeError, match="no serving database"):
        national.export_to_lake(Paths(tmp_path))


def test_engine_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SMARTPROV_NATIONAL_ENGINE", raising=False)
    monkeypatch.setenv("SMARTPROV_SPARK_MASTER", "spark://127.0.0.1:7077")
    assert national.national_engine() == ("duckdb", None)
    monkeypatch.setenv("SMARTPROV_NATIONAL_ENGINE", "spark")
    assert national.national_engine() == ("spark", "spark://127.0.0.1:7077")
    monkeypatch.delenv("SMARTPROV_SPARK_MASTER")
    with pytest.raises(national.NationalConfigError, match="SMARTPROV_SPARK_MASTER"):
        national.national_engine()
    monkeypatch.setenv("SMARTPROV_NATIONAL_ENGINE", "postgres")
    with pytest.raises(national.NationalConfigError, match="duckdb, spark"):
        national.national_engine()
