"""The optional webhook channel: one JSON post per audience, recorded on its own channel."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import duckdb

from smartprov.notify.run import notify
from tests.ingestion.test_other_sources import EMAIL, NIK, PHONE


def test_webhook_posts_each_notice_once(notify_home, monkeypatch) -> None:
    received: list[dict] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            length = int(self.headers["Content-Length"])
            received.append(json.loads(self.rfile.read(length)))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.delenv("SMARTPROV_SMTP_HOST", raising=False)
    monkeypatch.setenv("SMARTPROV_NOTIFY_WEBHOOK", f"http://127.0.0.1:{server.server_port}/")
    try:
        first = notify(notify_home)
        again = notify(notify_home)
    finally:
        server.shutdown()
    audiences = sorted(n["audience"] for n in first.notices)
    assert "33.01" not in audiences and {"33.76", "33.02", "33.03", "provinsi"} <= set(audiences)
    assert len(received) == len(first.notices) and again.notices == []
    text = json.dumps(received, ensure_ascii=False)
    assert "Kota Tegal" in text
    for needle in (NIK, PHONE, EMAIL):
        assert needle not in text
    con = duckdb.connect(str(notify_home.warehouse), read_only=True)
    channels = {c for (c,) in con.execute("select distinct channel from audit.notices").fetchall()}
    con.close()
    assert channels == {"webhook"}
