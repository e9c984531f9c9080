"""`smartprov briefing`: the PDF printed from the sample's serving database says what serving
says. Every figure is recomputed here from the row-level serving tables (villages, complaints,
delivery status), not from the aggregated marts the briefing reads, and looked up in the PDF's
text (pdftotext, poppler-utils)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys

import pytest

from smartprov.base.settings import PROJECT_ROOT
from tests.debian_tools import ensure_command
from tests.warehouse.conftest import query

MONTHS = "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember"


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _pct(num: int, den: int) -> str:
    return f"{100 * num / den:.1f}".replace(".", ",") + "%"


def _pdf_text(pdf) -> str:
    pdftotext = ensure_command("pdftotext", "poppler-utils")
    out = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())  # lines wrap where the page does: compare as one line


@pytest.fixture(scope="module")
def briefing(built, tmp_path_factory):
    ensure_command("chromium")
    serving = built["paths"].serving
    (as_of,) = query(serving, "select max(as_of_date) from marts.mart_rollout_village")[0]
    out = tmp_path_factory.mktemp("briefing") / "briefing.pdf"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "smartprov",
            "--home",
            str(built["paths"].home),
            "briefing",
            "--month",
            f"{as_of:%Y-%m}",
            "--out",
            str(out),
        ],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return serving, as_of, _pdf_text(out)


def test_briefing_has_the_data_date_and_kota_tegal(briefing) -> None:
    _, as_of, text = briefing
    assert f"Data per {as_of.day} {MONTHS.split()[as_of.month - 1]} {as_of.year}" in text
    assert "Kota Tegal: 19 dari 27 kelurahan — 70,4%" in text


def test_every_rollout_figure_equals_serving(briefing) -> None:
    serving, _, text = briefing
    rows = query(
        serving,
        "select v.nama_kabkota, count(*) filter (where v.is_target),"
        " count(*) filter (where v.is_live),"
        " count(distinct w.jenis) filter (where v.is_target),"
        " max(w.jenis) filter (where v.is_target)"
        " from marts.mart_rollout_village as v join marts.dim_wilayah as w using (kode_wilayah)"
        " where v.program = 'TTE_KELURAHAN' group by 1",
    )
    targeted = [r for r in rows if r[1]]
    assert targeted, "the sample targets villages"
    for name, target, live, kinds, kind in targeted:
        noun = "desa/kelurahan" if kinds > 1 else kind
        assert f"{name}: {_n(live)} dari {_n(target)} {noun} — {_pct(live, target)}" in text
    assert len(
        re.findall(r": \d[\d.]* dari \d[\d.]* (?:desa/kelurahan|kelurahan|desa) — ", text)
    ) >= len(targeted)
    live, target = sum(r[2] for r in rows), sum(r[1] for r in rows)
    assert (
        f"TTE: {_n(live)} dari {_n(target)} desa/kelurahan target di Jawa Tengah sudah memakai"
        f" TTE ({_pct(live, target)})" in text
    )
    (inactive,) = query(
        serving,
        "select count(*) from marts.mart_rollout_village"
        " where program = 'TTE_KELURAHAN' and is_live_inactive_30d",
    )[0]
    assert f"Desa/kelurahan live tetapi tidak aktif 30 hari: {_n(inactive)}." in text


def test_every_lapor_figure_equals_serving(briefing) -> None:
    serving, as_of, text = briefing
    rows = query(
        serving,
        "select nama_kabkota, count(*), count(*) filter (where is_followed_up_on_time),"
        " count(*) filter (where is_follow_up_measured) from marts.fct_complaint_reports"
        " where kode_kabkota is not null and is_counted_once group by 1",
    )
    for name, complaints, on_time, measured in rows:
        if measured:
            assert (
                f"{name}: {_n(on_time)} dari {_n(measured)} pengaduan ditindaklanjuti tepat waktu"
                f" — {_pct(on_time, measured)} ({_n(complaints)} pengaduan)" in text
            )
    on_time, measured = sum(r[2] for r in rows), sum(r[3] for r in rows)
    assert (
        f"SP4N-LAPOR! dan LaporGub!: {_n(on_time)} dari {_n(measured)} pengaduan"
        f" ditindaklanjuti tepat waktu ({_pct(on_time, measured)})" in text
    )
    first = as_of.replace(day=1)
    (in_month,) = query(
        serving,
        # every complaint of the month, those without a regency/city included (province scope)
        "select count(*) from marts.fct_complaint_reports"
        " where is_counted_once and tanggal_lapor >= ? and tanggal_lapor < ?",
        [first, (first + dt.timedelta(days=32)).replace(day=1)],
    )[0]
    month = MONTHS.split()[as_of.month - 1]
    assert f"Pengaduan masuk pada bulan {month} {as_of.year}: {_n(in_month)}." in text


def test_regencies_behind_are_listed(briefing) -> None:
    serving, _, text = briefing
    behind = query(
        serving,
        "select nama_kabkota, last_delivery_date from marts.mart_delivery_status_kabkota"
        " where delivery_status <> 'current'",
    )
    assert behind, "the fixture has a regency that stopped delivering"
    for name, last in behind:
        month = MONTHS.split()[last.month - 1]
        assert f"{name}: data terakhir {last.day} {month} {last.year}" in text


def test_regency_briefing_and_bad_input(built, tmp_path) -> None:
    home = str(built["paths"].home)
    (as_of,) = query(
        built["paths"].serving, "select max(as_of_date) from marts.mart_rollout_village"
    )[0]
    run = lambda *args: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "smartprov", "--home", home, "briefing", *args],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    out = tmp_path / "tegal.pdf"
    done = run("--month", f"{as_of:%Y-%m}", "--kabkota", "33.76", "--out", str(out))
    assert done.returncode == 0, done.stderr
    text = _pdf_text(out)
    assert "TTE: 19 dari 27 desa/kelurahan target di Kota Tegal sudah memakai TTE (70,4%)" in text
    assert "Kabupaten Cilacap:" not in text  # only Kota Tegal's rows
    bad = run("--month", "2026-13")
    assert bad.returncode != 0 and "YYYY-MM" in bad.stderr
    future = run("--month", f"{as_of.year + 1}-01")
    assert future.returncode != 0 and "after the data date" in future.stderr
    unknown = run("--month", f"{as_of:%Y-%m}", "--kabkota", "99.99")
    assert unknown.returncode != 0 and "99.99" in unknown.stderr
