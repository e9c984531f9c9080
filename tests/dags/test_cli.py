"""`smartprov airflow` and the development tools' `smartprov demo` are registered, and every
subcommand has help text."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from smartprov.cli import cli


@pytest.mark.parametrize(
    "args",
    [
        ["airflow"],
        ["airflow", "setup"],
        ["airflow", "pipeline"],
        ["airflow", "standalone"],
        ["demo"],
        ["demo", "pipeline"],
        ["demo", "airflow-timings"],
    ],
)
def test_help(args: list[str]) -> None:
    result = CliRunner().invoke(cli, [*args, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    assert len(result.output.splitlines()) > 5
