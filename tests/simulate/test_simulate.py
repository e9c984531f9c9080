"""The simulator: deterministic, complete, and its manifest matches an independent recount."""

from __future__ import annotations

import csv
import hashlib
import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from devtools.simulate import simulate
from devtools.simulate.variants import VARIANTS
from ingestion.reasons import SERVICE_LOG_ROW_ORDER, FileReason
from smartprov.base.reference import regency_codes
from smartprov.base.settings import Paths
from smartprov.cli import cli
from tests.simulate.simulate_checker import recount_service_logs

START = date(2026, 1, 1)
DAYS = 7
SCALE = 0.05
SEED = 7


def _hashes(home: Path) -> dict[str, str]:
    return {
        str(p.relative_to(home)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(home.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Paths, dict]:
    paths = Paths(tmp_path_factory.mktemp("sim"))
    return paths, simulate(paths, START, DAYS, SEED, SCALE)


def test_same_arguments_give_identical_files(run, tmp_path: Path) -> None:
    paths, _ = run
    other = Paths(tmp_path / "again")
    simulate(other, START, DAYS, SEED, SCALE)
    assert _hashes(other.home) == _hashes(paths.home)


def test_rerun_into_the_same_landing_is_idempotent_and_drops_stale_files(tmp_path: Path) -> None:
    paths = Paths(tmp_path)
    simulate(paths, START, 3, SEED, SCALE)
    first = _hashes(tmp_path)
    simulate(paths, START, 2, SEED, SCALE)
    simulate(paths, START, 3, SEED, SCALE)
    assert _hashes(tmp_path) == first
    simulate(paths, START, 2, SEED, SCALE)
    assert not list(paths.landing.glob("service_logs/*/2026-01-03.*"))


def test_all_35_regencies_deliver_and_every_variant_is_used(run) -> None:
    paths, manifest = run
    codes = set(regency_codes())
    assert len(codes) == 35
    assert {p.name for p in (paths.landing / "service_logs").iterdir()} == codes
    assert set(manifest["service_logs"]) == codes
    assert set(manifest["variants"].values()) == {v.name for v in VARIANTS}


def test_exactly_one_regency_misses_the_data_date(run) -> None:
    paths, manifest = run
    assert manifest["data_date"] == "2026-01-07"
    missing = manifest["missing_data_date"]
    assert len(missing) == 1
    assert not list(paths.landing.glob(f"service_logs/{missing[0]}/2026-01-07.*"))


def test_manifest_matches_an_independent_recount(run) -> None:
    paths, manifest = run
    recount = recount_service_logs(paths.landing, date.fromisoformat(manifest["data_date"]))
    for code, expected in manifest["service_logs"].items():
        for key, value in recount[code].items():
            assert expected[key] == value, (code, key)


def test_every_service_log_defect_occurs(run) -> None:
    _, manifest = run
    rows, files = set(), set()
    for entry in manifest["service_logs"].values():
        rows |= set(entry["row_reasons"])
        files |= set(entry["file_reasons"])
    assert rows == {r.value for r in SERVICE_LOG_ROW_ORDER}
    assert files == {FileReason.UNREADABLE, FileReason.EMPTY, FileReason.MISSING_COLUMN}


def test_kota_tegal_targets_27_kelurahan_with_19_live(run) -> None:
    paths, manifest = run
    with (paths.landing / "rollout" / "rollout_register.csv").open(encoding="utf-8") as f:
        rows = [
            r
            for r in csv.DictReader(f)
            if r["program"] == "TTE_KELURAHAN" and r["kode_wilayah"].startswith("33.76.")
        ]
    targets = [r for r in rows if r["target"] == "1"]
    live = [r for r in targets if r["tanggal_live"] and r["tanggal_live"] <= manifest["data_date"]]
    assert (len(targets), len(live)) == (27, 19)
    assert manifest["rollout"]["programs"]["TTE_KELURAHAN"]["33.76"] == {"target": 27, "live": 19}
    assert manifest["service_logs"]["33.76"]["live_villages"] == 19


def test_lapor_feed_and_exports_agree_and_identities_look_real(run) -> None:
    paths, manifest = run
    lapor = manifest["lapor"]
    feed = [json.loads(line) for line in (paths.home / lapor["api_feed"]).open()]
    assert len(feed) == lapor["versions"] == lapor["api_records"]
    assert len({r["tracking_id"] for r in feed}) == lapor["complaints"]
    exported = []
    for path in sorted((paths.landing / "lapor").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            exported += list(csv.DictReader(f))
    assert len(exported) == lapor["export_rows"] == lapor["versions"] + 4
    for record in feed:
        assert record["updated_at"].endswith("+07:00")
        if record["anonim"] == 1:
            assert record["pelapor_nama"] is None and record["pelapor_nik"] is None
        else:
            nik, phone = record["pelapor_nik"], record["pelapor_telepon"]
            assert len(nik) == 16 and nik.isdigit()
            if record["kode_kabkota"]:
                assert nik.startswith(record["kode_kabkota"].replace(".", ""))
            assert phone.startswith("08") and phone.isdigit()
            assert "@" in record["pelapor_email"]


def test_indicators_keep_all_35_and_add_bad_rows(run) -> None:
    paths, manifest = run
    for dataset in ("penduduk", "pdrb", "kemiskinan"):
        for period in manifest["indicators"][dataset]["periods"]:
            path = paths.landing / "indicators" / dataset / f"{period}.csv"
            with path.open(encoding="utf-8") as f:
                codes = {r["kode_kabkota"] for r in csv.DictReader(f)}
            assert set(regency_codes()) <= codes
        assert manifest["indicators"][dataset]["rows_quarantined"] == 1
    total = manifest["indicators"]["penduduk"]["population_total"]
    assert 38_000_000 < total["2025"] < 38_800_000


def test_cli_help_and_summary(tmp_path: Path) -> None:
    runner = CliRunner()
    assert "--scale" in runner.invoke(cli, ["simulate", "--help"]).output
    result = runner.invoke(
        cli,
        ["--home", str(tmp_path), "simulate", "--start", "2026-01-01", "--days", "2",
         "--scale", "0.02"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (tmp_path / "landing" / "_expected.json").exists()
