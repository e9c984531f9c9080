"""`smartprov briefing`: the PDF printed from the sample's serving database says what serving
says. Every figure is recomputed here from the row-level serving tables (villages, complaints,
delivery status), not from the aggregated marts the briefing reads, and looked up in the PDF's
text (pdftotext, poppler-utils)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from smartprov.base.settings import PROJECT_ROOT
from tests.debian_tools import ensure_command
from tests.warehouse import fixture
from tests.warehouse.conftest import query

MONTHS = "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember"


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _pct(num: int, den: int) -> str:
    return f"{100 * num / den:.1f}".replace(".", ",") + "%"


def _pdf_text(pdf) -> str:
    pdftotext = ensure_command("pdftotext", "poppler-utils")
    out = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True)
    # lines wrap where the page does (also right after an en dash, "2025–\n2029"): compare as
    # one line
    return " ".join(out.stdout.split()).replace("– ", "–")


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
    # programme progress beside use (v1.1): 7 of the 19 live kelurahan issued TTE letters
    # (fixture: row 0 of each day 25-31 March, kelurahan (0 + day) % 19)
    assert (
        "Kota Tegal: 19 dari 27 kelurahan sudah live; 7 di antaranya menerbitkan surat ber-TTE"
        " dalam 30 hari" in text
    )


def test_every_rollout_figure_equals_serving(briefing) -> None:
    serving, _, text = briefing
    rows = query(
        serving,
        "select v.nama_kabkota, count(*) filter (where v.is_target),"
        " count(*) filter (where v.is_live),"
        " count(distinct w.jenis) filter (where v.is_target),"
        " max(w.jenis) filter (where v.is_target),"
        " count(*) filter (where v.is_live and v.tte_letters_30d > 0),"
        " count(*) filter (where v.tte_letters_30d > 0), count(*)"
        " from marts.mart_rollout_village as v join marts.dim_wilayah as w using (kode_wilayah)"
        " where v.program = 'TTE_KELURAHAN' group by 1",
    )
    targeted = [r for r in rows if r[1]]
    assert targeted, "the sample targets villages"
    for name, target, live, kinds, kind, live_tte, _, _ in targeted:
        noun = "desa/kelurahan" if kinds > 1 else kind
        assert (
            f"{name}: {_n(live)} dari {_n(target)} {noun} sudah live; {_n(live_tte)} di antaranya"
            " menerbitkan surat ber-TTE dalam 30 hari" in text
        )
    live, target = sum(r[2] for r in rows), sum(r[1] for r in rows)
    live_tte = sum(r[5] for r in rows)
    assert (
        f"Progres program TTE: {_n(live)} dari {_n(target)} desa/kelurahan target di Jawa Tengah"
        f" sudah live ({_pct(live, target)}); {_n(live_tte)} di antaranya menerbitkan surat"
        " ber-TTE dalam 30 hari." in text
    )
    tte, villages = sum(r[6] for r in rows), sum(r[7] for r in rows)
    assert villages == 8563
    assert (
        f"Cakupan TTE: {_n(tte)} dari {_n(villages)} desa/kelurahan di Jawa Tengah"
        f" ({_pct(tte, villages)}) menerbitkan surat ber-TTE dalam 30 hari terakhir." in text
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
        "select nama_kabkota, count(*) filter (where jenis = 'pengaduan'), count(*),"
        " count(*) filter (where is_followed_up_on_time),"
        " count(*) filter (where is_follow_up_measured) from marts.fct_complaint_reports"
        " where kode_kabkota is not null and is_counted_once group by 1",
    )
    for name, complaints, reports, on_time, measured in rows:
        # fewer than 10 measured follow-ups: the counts, never a percentage
        shown = f"{_n(on_time)} dari {_n(measured)}" if measured else "–"
        if measured >= 10:
            shown = f"{_pct(on_time, measured)} ({shown})"
        assert f"{name} {_n(complaints)} {_n(reports)} {shown}" in text
    # Kota Magelang (hand-written, both channels once): 9 pengaduan (L-1..L-4, L-8, R-<i>, G-2,
    # G-4, G-6), 11 laporan (+ L-6, L-7), 5 of 5 follow-ups on time (L-3, L-7, L-8, R-<i>, G-4)
    assert "Kota Magelang 9 11 5 dari 5" in text
    on_time, measured = sum(r[3] for r in rows), sum(r[4] for r in rows)
    complaints, reports = sum(r[1] for r in rows), sum(r[2] for r in rows)
    assert (
        f"SP4N-LAPOR! dan LaporGub! sampai tanggal data: {_pct(on_time, measured)} ({_n(on_time)}"
        f" dari {_n(measured)}) laporan ditindaklanjuti tepat waktu ({_n(complaints)} pengaduan,"
        f" {_n(reports)} laporan)." in text
    )
    first = as_of.replace(day=1)
    (in_month, reports_in_month) = query(
        serving,
        # every report of the month (both channels, once), those without a regency/city
        # included (province scope)
        "select count(*) filter (where jenis = 'pengaduan'), count(*)"
        " from marts.fct_complaint_reports"
        " where is_counted_once and tanggal_lapor >= ? and tanggal_lapor < ?",
        [first, (first + dt.timedelta(days=32)).replace(day=1)],
    )[0]
    assert in_month < reports_in_month  # the sample has aspirations and information requests
    month = MONTHS.split()[as_of.month - 1]
    assert (
        f"Pengaduan masuk pada bulan {month} {as_of.year}: {_n(in_month)} (bulan sebelumnya"
        " tanpa data)." in text
    )
    assert (
        "Seluruh laporan (pengaduan, aspirasi, permintaan informasi):"
        f" {_n(reports_in_month)} (bulan sebelumnya tanpa data)." in text
    )


def test_capaian_against_plan_targets(briefing) -> None:
    serving, _, text = briefing
    # the hand-written provincial target (fixture): 21 of 30 targeted villages live in the
    # running year, beside the 2026 target of 80 %, no capaian while the year runs
    assert (
        "Proporsi kelurahan/desa target yang sudah live TTE, Provinsi Jawa Tengah, 2026 (Jan–Mar,"
        " berjalan): 70,0%; target 80,0% (RPJMD Provinsi Jawa Tengah 2025–2029, Tabel 6.2;"
        " ditetapkan) — tahun berjalan: capaian dihitung setelah tahun berakhir." in text
    )
    (without,) = query(
        serving, "select count(*) from marts.mart_target_capaian where target is null"
    )[0]
    assert without > 0
    assert f"{_n(without)} nilai indikator kabupaten/kota belum ada target" in text


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
    assert (
        "Progres program TTE: 19 dari 27 desa/kelurahan target di Kota Tegal sudah live (70,4%);"
        " 7 di antaranya menerbitkan surat ber-TTE dalam 30 hari." in text
    )
    assert "Kabupaten Cilacap:" not in text  # only Kota Tegal's rows
    # the plan's 2027 target is in the marts but no news to a briefing of the running year
    (later,) = query(
        built["paths"].serving,
        "select count(*) from marts.mart_target_capaian where kode_kabkota = ? and tahun = 2027",
        [fixture.KOTA_TEGAL],
    )[0]
    assert later == 1 and "Kota Tegal, 2027" not in text
    # Kota Tegal's usulan target: unemployment 6 % in 2025 against 5 % (turun): 5 / 6
    assert (
        "Tingkat pengangguran terbuka, Kota Tegal, 2025: 6,0%; target 5,0% (RPJMD Kota 2025–2029"
        " (uji); usulan (belum ditetapkan)) — capaian 83,3%." in text
    )
    bad = run("--month", "2026-13")
    assert bad.returncode != 0 and "YYYY-MM" in bad.stderr
    future = run("--month", f"{as_of.year + 1}-01")
    assert future.returncode != 0 and "after the data date" in future.stderr
    unknown = run("--month", f"{as_of:%Y-%m}", "--kabkota", "99.99")
    assert unknown.returncode != 0 and "99.99" in unknown.stderr
