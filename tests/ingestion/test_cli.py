"""Every `smartprov` command has --help text; `python -m smartprov` works too."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from smartprov.cli import COMMANDS, cli


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    summary = result.output.split("\n\n")[1].strip()
    assert len(summary) > 20, f"{name} needs a real description"


def test_python_dash_m() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "smartprov", "--help"], capture_output=True, text=True, check=True
    )
    for name in ("simulate", "ingest", "status"):
        assert name in done.stdout


def test_status_json_keys(tmp_path, monkeypatch) -> None:
    import json

    monkeypatch.setenv("SMARTPROV_HOME", str(tmp_path))
    result = CliRunner().invoke(cli, ["--home", str(tmp_path), "status", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert len(report["regencies"]) == 35
    assert set(report["regencies"][0]) >= {
        "kode_kabkota",
        "last_delivery",
        "transactions",
        "rows_quarantined",
        "files_quarantined",
        "missing_data_date",
    }
    assert set(report["lapor"]) == {"complaints", "cursor"}
    assert all(r["missing_data_date"] for r in report["regencies"])
