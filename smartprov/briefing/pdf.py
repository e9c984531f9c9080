"""HTML (Jinja2 template the project owns) -> PDF through headless Chromium."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import jinja2

from smartprov.base import chromium, palette
from smartprov.base.settings import Paths
from smartprov.briefing import fmt
from smartprov.briefing.data import Briefing, load_briefing
from smartprov.briefing.svgmap import legend, province_svg

TEMPLATES = Path(__file__).parent / "templates"
CHROMIUM_FLAGS = (*chromium.FLAGS, "--no-pdf-header-footer")
# The method note (two sentences on the scorecard and the provincial figures); keep in step
# with the dbt descriptions of mart_scorecard_kabkota / docs on the scorecard method.
METHOD_NOTE = (
    "Skor kabupaten/kota (0–100) dihitung per indikator terhadap nilai acuan tetap dalam "
    "katalog indikator (docs/metodologi-skor.md), lalu dirata-ratakan berbobot per dimensi; "
    "tahun berjalan tidak diberi skor. Angka provinsi dihitung sebagai jumlah seluruh "
    "kabupaten/kota dibagi jumlah penyebutnya (Σ/Σ), bukan rata-rata persentase. Batas waktu "
    "SP4N-LAPOR! dihitung dalam hari kerja: Senin–Jumat di luar libur nasional, cuti bersama, "
    "dan penutupan kantor yang ditetapkan provinsi. Pengaduan = laporan berjenis pengaduan; "
    "laporan = pengaduan, aspirasi, dan permintaan informasi."
)


class ChromiumError(RuntimeError):
    """Headless Chromium did not write the PDF."""


def render_html(briefing: Briefing) -> str:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(number=fmt.number, percent=fmt.percent, tanggal=fmt.date)
    env.globals.update(rate=fmt.rate, change=fmt.change, nilai=fmt.value)
    return env.get_template("briefing.html.j2").render(
        b=briefing,
        bulan=fmt.month(briefing.month),
        peta=province_svg(briefing.outlines, briefing.kabkota),
        legenda=legend(),
        metode=METHOD_NOTE,
        warna=palette,
    )


def print_pdf(html: str, target: Path, timeout: float = 120) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="smartprov-briefing-") as tmp:
        page = Path(tmp) / "briefing.html"
        page.write_text(html, encoding="utf-8")
        partial = Path(tmp) / "briefing.pdf"
        result = subprocess.run(
            [
                chromium.executable(),
                *CHROMIUM_FLAGS,
                f"--user-data-dir={Path(tmp) / 'profile'}",
                f"--print-to-pdf={partial}",
                page.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if not partial.exists() or partial.stat().st_size == 0:
            raise ChromiumError(
                f"chromium wrote no PDF (exit {result.returncode}): {result.stderr[-800:]}"
            )
        staged = target.with_name(target.name + ".part")
        shutil.copyfile(partial, staged)
        os.replace(staged, target)  # readers see the whole PDF or the previous one
    return target


def write_briefing(
    paths: Paths, month: dt.date, kabkota: str | None = None, out: Path | None = None
) -> Path:
    """Build the briefing for ``month`` from serving and write the PDF (default:
    ``$SMARTPROV_HOME/briefings/briefing-YYYY-MM[-KODE].pdf``)."""
    briefing = load_briefing(paths.serving, month.replace(day=1), kabkota)
    suffix = f"-{kabkota}" if kabkota else ""
    target = out or paths.briefings / f"briefing-{month:%Y-%m}{suffix}.pdf"
    return print_pdf(render_html(briefing), target)
