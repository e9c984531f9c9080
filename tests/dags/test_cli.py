"""`smartprov airflow` is registered and every subcommand has help text."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from smartprov.cli import cli


@pytest.mark.parametrize("args", [[], ["setup"], ["pipeline"], ["standalone"], ["timings"]])
def test_help(args: list[str]) -> None:
    result = CliRunner().invoke(cli, ["airflow", *args, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    assert len(result.output.splitlines()) > 5
