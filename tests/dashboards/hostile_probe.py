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
from tests.dashboards.sample_hostile import HOSTILE_PORT, PLANTED

# every element the planted markup would make, wherever it may appear
RENDERED_SELECTOR = ", ".join(
    f".dashboard-component-chart-holder {element}"
    for element in (f'[src*="{HOSTILE_PORT}"]', f'[href*="{HOSTILE_PORT}"]', '[style*="9999"]')
)
REPORT_JS = (
    (
        "(() => { const markers = MARKERS;"
        " const text = document.body.innerText;"
        " const at = document.elementFromPoint(10, 10);"
        " return {"
        "  rendered: Array.from(document.querySelectorAll(SELECTOR)).map(e => e.outerHTML),"
        "  as_text: markers.filter(m => text.includes(m)),"
        "  outside: performance.getEntriesByType('resource').map(e => e.name)"
        "   .filter(n => !n.startsWith(location.origin + '/') && !n.startsWith('data:')"
        "    && !n.startsWith('blob:')),"
        "  overlay: !!at && (at.getAttribute('style') || '').includes('9999')"
        " }; })()"
    )
    .replace("MARKERS", json.dumps(list(PLANTED)))
    .replace("SELECTOR", json.dumps(RENDERED_SELECTOR))
)


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
