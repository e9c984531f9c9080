"""Every warehouse command answers --help."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from smartprov.cli import cli


@pytest.mark.parametrize("command", ["transform", "publish", "docs", "run"])
def test_help(command):
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output
