"""HTML (Jinja2 template the project owns) -> PDF through headless Chromium."""

from __future__ import annotations

import datetime as dt
import http.server
import os
import shutil
import subprocess
import tempfile
import threading
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


# The briefing page needs nothing outside itself (inline CSS and SVG, data: fonts/images): the
# page is served with a policy that loads nothing else, so a template slip that let markup
# through could neither read a local file (a file:// iframe) nor call out.
PAGE_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
    "frame-src 'none'; form-action 'none'; base-uri 'none'"
)


class _Page(http.server.BaseHTTPRequestHandler):
    """Serves one page (``server.page``) at ``/``, nothing else, with :data:`PAGE_POLICY`."""

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        if self.path != "/":
            self.send_error(404)
            return
        body: bytes = self.server.page  # type: ignore[attr-defined]
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Security-Policy", PAGE_POLICY)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def _isolation_flags(port: int) -> list[str]:
    """No network beyond the page's own server: every other request (other hosts, other
    loopback ports) goes to a proxy that does not exist; the page is not a file:// URL, so
    Chromium refuses file:// subresources and navigations from it."""
    return [
        "--proxy-server=http://127.0.0.1:9",
        f"--proxy-bypass-list=<-loopback>;127.0.0.1:{port}",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
        "--disable-remote-fonts",
        "--block-new-web-contents",
    ]


def print_pdf(html: str, target: Path, timeout: float = 120) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    server.page = html.encode("utf-8")  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    port = server.server_address[1]
    try:
        with tempfile.TemporaryDirectory(prefix="smartprov-briefing-") as tmp:
            partial = Path(tmp) / "briefing.pdf"
            result = subprocess.run(
                [
                    chromium.executable(),
                    *CHROMIUM_FLAGS,
                    *_isolation_flags(port),
                    f"--user-data-dir={Path(tmp) / 'profile'}",
                    f"--print-to-pdf={partial}",
                    f"http://127.0.0.1:{port}/",
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
    finally:
        server.shutdown()
        server.server_close()
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
