"""`smartprov sql`: one query for scripts, the README's examples, and Harlequin in a terminal."""

from __future__ import annotations

import re
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from smartprov.base.settings import PROJECT_ROOT
from tests.debian_tools import ensure_command

README = PROJECT_ROOT / "README.md"


def smartprov(paths, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "smartprov", "--home", str(paths.home), "sql", *args],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_one_query_prints_a_table(built):
    result = smartprov(built["paths"], "-c", "select count(*) as n from marts.dim_wilayah")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[0].strip() == "n"
    assert result.stdout.split("\n")[2].strip() == "8563"


def test_csv_output(built):
    query = "select kode_kabkota from marts.dim_kabkota order by 1 limit 2"
    result = smartprov(built["paths"], "-c", query, "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["kode_kabkota", "33.01", "33.02"]


@pytest.mark.parametrize(
    "query",
    [
        "select * from read_csv('/etc/hostname')",
        "copy (select 1) to '/tmp/smartprov-sql-leak.csv'",
        "attach '/tmp/smartprov-sql-other.duckdb' as other",
        "set enable_external_access = true",
    ],
)
def test_no_file_access_and_locked(built, query):
    result = smartprov(built["paths"], "-c", query)
    assert result.returncode != 0
    assert "Error" in result.stderr
    assert not Path("/tmp/smartprov-sql-leak.csv").exists()


def readme_queries() -> list[str]:
    section = README.read_text(encoding="utf-8").split("## Query the warehouse", 1)[1]
    section = section.split("\n## ", 1)[0]
    return re.findall(r"```sql\n(.*?)```", section, flags=re.S)


def test_readme_has_example_queries():
    assert len(readme_queries()) >= 3


@pytest.mark.parametrize("query", readme_queries())
def test_readme_query_runs_on_serving(built, query):
    from smartprov.sql import run_query

    columns, rows = run_query(built["paths"].serving, query)
    assert columns
    assert rows, f"the README example returns no row on the sample:\n{query}"


def ensure_tmux() -> str:
    return ensure_command("tmux")


def wait_for(tmux: list[str], pattern: str, timeout: float = 90) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = subprocess.run(
            [*tmux, "capture-pane", "-p", "-t", "sql"], capture_output=True, text=True
        ).stdout
        if re.search(pattern, screen):
            return screen
        time.sleep(1)
    pytest.fail(f"{pattern!r} never appeared; last screen:\n{screen}")


def test_interactive_shell_in_a_terminal(built, tmp_path):
    socket = f"smartprov-sql-{uuid.uuid4().hex[:8]}"
    tmux = [ensure_tmux(), "-L", socket]
    command = (
        f"cd {PROJECT_ROOT} && HOME={tmp_path} {sys.executable} -m smartprov"
        f" --home {built['paths'].home} sql"
    )
    subprocess.run([*tmux, "new-session", "-d", "-s", "sql", "-x", "200", "-y", "50", command])
    try:
        wait_for(tmux, r"Data Catalog")
        wait_for(tmux, r"serving")
        query = "select count(*) as n_check from marts.dim_wilayah"
        subprocess.run([*tmux, "send-keys", "-t", "sql", query])
        time.sleep(1)
        subprocess.run([*tmux, "send-keys", "-t", "sql", "C-j"])
        wait_for(tmux, r"n_check[\s\S]*8563")
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)


@pytest.mark.parametrize("command", ["sql", "opendata"])
def test_help(command):
    from click.testing import CliRunner

    from smartprov.cli import cli

    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output
