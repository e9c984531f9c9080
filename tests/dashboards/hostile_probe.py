"""Open every dashboard in Chromium as one user and report what the planted hostile text did
(run in the Superset environment, which has the DevTools client's websocket library):

    .venv-superset/bin/python tests/dashboards/hostile_probe.py URL USER   (password: stdin)

Per dashboard: the planted elements that exist in the page (markup that rendered), the markers
shown as plain text, and every resource the page fetched from anywhere but Superset itself."""

from __future__ import annotations

import json
import sys

from dashboards.browser import chromium, emulate, login, open_dashboard
from dashboards.catalog.layouts import DASHBOARDS

MARKERS = ("hostile-berkas", "hostile-alasan", "hostile-tautan", "hostile-instansi")
REPORT_JS = (
    "(() => { const markers = MARKERS;"
    " const text = document.body.innerText;"
    " return {"
    "  rendered: Array.from(document.querySelectorAll('[id^=\"hostile-\"]')).map(e => e.id),"
    "  as_text: markers.filter(m => text.includes('id=\"' + m + '\"')),"
    "  outside: performance.getEntriesByType('resource').map(e => e.name)"
    "   .filter(n => !n.startsWith(location.origin + '/') && !n.startsWith('data:')"
    "    && !n.startsWith('blob:')),"
    "  seen: ['service_logs/33.76', 'Dinas PUPR', 'Kanal tidak', 'Masuk ulang']"
    "   .map(t => [t, text.indexOf(t) < 0 ? '' : text.substr(text.indexOf(t) - 40, 160)]),"
    "  overlay: !!document.elementFromPoint(10, 10)"
    "   && document.elementFromPoint(10, 10).id === 'hostile-berkas'"
    " }; })()"
).replace("MARKERS", json.dumps(list(MARKERS)))


def main() -> None:
    base, username = sys.argv[1].rstrip("/"), sys.argv[2]
    password = sys.stdin.readline().strip()
    report = []
    with chromium() as tools:
        emulate(tools, "laptop")
        login(tools, base, username, password)
        for dashboard in DASHBOARDS:
            entry = open_dashboard(tools, base, dashboard.slug, len(dashboard.charts))
            entry.update(tools.js(REPORT_JS))
            report.append(entry)
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
