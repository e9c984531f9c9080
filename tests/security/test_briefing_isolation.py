"""Issue 31 (5): the briefing's Chromium reads nothing beyond the page. A page with a file://
iframe (a local file), an image, an iframe and a redirect to other loopback servers is printed:
the PDF holds the page's own text and none of the file's, and no other server is ever asked."""

from __future__ import annotations

import http.server
import subprocess
import threading
from pathlib import Path

from smartprov.briefing.pdf import print_pdf
from tests.debian_tools import ensure_command


class _Beacon(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802
        type(self).hits.append(self.path)
        body = b"<p>BEACON-PAGE-TEXT</p>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def test_a_template_slip_prints_no_local_file_and_calls_nobody(tmp_path: Path) -> None:
    ensure_command("chromium")
    pdftotext = ensure_command("pdftotext", "poppler-utils")
    secret = tmp_path / "rahasia.txt"
    secret.write_text("ISI-BERKAS-LOKAL-7c1e")
    beacon = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Beacon)
    threading.Thread(target=beacon.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{beacon.server_address[1]}"
    html = f"""<!doctype html><html><head><meta charset="utf-8"></head><body>
    <h1>HALAMAN-BRIEFING</h1>
    <iframe src="{secret.as_uri()}" width="600" height="100"></iframe>
    <iframe src="{url}/frame" width="600" height="100"></iframe>
    <img src="{url}/img.png"><img src="http://example.org/x.png">
    <object data="{secret.as_uri()}"></object>
    <link rel="stylesheet" href="{url}/style.css">
    <script>fetch("{url}/fetch"); document.write("SCRIPT-RAN")</script>
    </body></html>"""
    try:
        pdf = print_pdf(html, tmp_path / "out.pdf")
    finally:
        beacon.shutdown()
        beacon.server_close()
    text = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True).stdout
    assert "HALAMAN-BRIEFING" in text  # the page itself was printed
    assert "ISI-BERKAS-LOKAL" not in text
    assert "BEACON-PAGE-TEXT" not in text and "SCRIPT-RAN" not in text
    assert _Beacon.hits == []
