"""Superset in Bahasa Indonesia, as a DPRD member sees it: headless Chromium logs in as a DPRD
user of the shared live Superset and reads the login page, the menu, the dashboard list, a
dashboard (header, filter bar) and its menus."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from dashboards.catalog.layouts import DASHBOARDS
from dashboards.server import python_module, superset_env
from smartprov.base.settings import PROJECT_ROOT, Paths
from tests.dashboards.conftest import Superset

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

# page -> Indonesian strings that must be visible there (all from our messages.po)
EXPECTED = {
    "login": ["Masuk", "Nama pengguna:", "Kata sandi:"],
    "dashboard_list": ["Dasbor", "Grafik", "Pengaturan", "Nama", "Terakhir diubah", "Tindakan"],
    "dashboard": ["Filter dan kontrol", "Terapkan filter", "Hapus semua", "Pilihan Lainnya"],
    "header_menu": ["Muat ulang dasbor", "Masuk layar penuh", "Unduh", "Bagikan"],
    "chart_menu": ["Muat ulang paksa", "Tampilkan sebagai tabel", "Unduh"],
}
# English that the same pages show without the translation (whole words, case-sensitive)
ABSENT = {
    "login": ["Sign in", "Username:", "Password:"],
    "dashboard_list": ["Dashboards", "Charts", "Settings", "Last modified", "Actions"],
    "dashboard": ["Apply filters", "Clear all", "More Options", "Filters and controls"],
    "header_menu": ["Refresh dashboard", "Enter fullscreen", "Download", "Share"],
    "chart_menu": ["Force refresh", "View as table", "Download"],
}


@pytest.fixture(scope="module")
def texts(superset: Superset, users: dict[str, str], tmp_path_factory) -> dict[str, str]:
    dashboard = DASHBOARDS[0].slug
    args = python_module(
        "dashboards.ui_text", "--url", superset.url, "--user", "dprd", "--dashboard", dashboard
    )
    env = superset_env(Paths.from_env(), {"SMARTPROV_BROWSER_PASSWORD": superset.user_password})
    done = subprocess.run(
        args, env=env, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    # SMARTPROV_UI_TEXT_DUMP=<file>: keep the texts to look for strings still in English
    dump = Path(
        os.environ.get("SMARTPROV_UI_TEXT_DUMP") or tmp_path_factory.mktemp("ui") / "texts.json"
    )
    dump.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"visible texts: {dump}")
    return result


@pytest.mark.parametrize("page", list(EXPECTED))
def test_page_is_in_indonesian(texts: dict[str, str], page: str) -> None:
    text = texts[page]
    assert text, f"{page}: nothing collected (menu did not open?)"
    missing = [s for s in EXPECTED[page] if s not in text]
    assert not missing, f"{page}: not shown in Indonesian: {missing}\n{text[:3000]}"
    english = [s for s in ABSENT[page] if re.search(rf"(?<![\w-]){re.escape(s)}(?![\w-])", text)]
    assert not english, f"{page}: still in English: {english}\n{text[:3000]}"
