"""Waiting for the Spark master: while its web UI is bound but its pages are still being
attached, Spark 4 answers /json/ with an HTML page (seen once in the full suite: the national
tests' cluster failed to start with a JSONDecodeError). The wait treats that as "not up yet"
and returns once the JSON status lists the workers."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from smartprov.national.cluster import Cluster, ClusterError, _wait_for


def _server(answers: list[bytes]) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            body = answers.pop(0) if len(answers) > 1 else answers[0]
            self.send_response(200)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _cluster(server: ThreadingHTTPServer, tmp_path: Path) -> Cluster:
    return Cluster("spark://127.0.0.1:7077", f"http://127.0.0.1:{server.server_port}", tmp_path)


def test_an_html_answer_while_starting_is_waited_out(tmp_path: Path) -> None:
    html = b'<!DOCTYPE html><html data-bs-theme="light"><span>root</span></html>'
    alive = {"workers": [{"state": "ALIVE"}, {"state": "ALIVE"}]}
    server = _server([html, html, json.dumps(alive).encode()])
    try:
        _wait_for(_cluster(server, tmp_path), workers=2, timeout=20)
    finally:
        server.shutdown()


def test_a_master_that_never_answers_json_fails_with_the_workers_missing(tmp_path: Path) -> None:
    server = _server([b"<html></html>"])
    try:
        with pytest.raises(ClusterError, match="did not register"):
            _wait_for(_cluster(server, tmp_path), workers=2, timeout=2)
    finally:
        server.shutdown()
