"""What a dashboard viewer reads: the visible text of Superset's pages, through headless Chromium.

    python -m dashboards.ui_text --url http://127.0.0.1:8088 --user dprd --dashboard ringkasan

Password from SMARTPROV_BROWSER_PASSWORD. Prints one JSON object: the visible text (plus
placeholders, titles and aria-labels) of the login page, the dashboard list, a dashboard with
its filter bar, the dashboard's header actions menu and the first chart's menu. Used by the
translation test (tests/dashboards/test_translation_live.py). Runs in the Superset environment
and reuses the Chromium helpers of :mod:`dashboards.browser`.
"""

from __future__ import annotations

import argparse
import json
import time
from typing import Any

from dashboards.browser import WIDTH, DevTools, chromium, login, navigate
from smartprov.base import settings

# visible text + the words a reader meets without them being body text (input placeholders,
# button titles and aria-labels read aloud by screen readers)
VISIBLE_JS = (
    "document.body.innerText + '\\n' + Array.from(document.querySelectorAll("
    "'[placeholder], [title], [aria-label]')).map(e => [e.getAttribute('placeholder'),"
    " e.getAttribute('title'), e.getAttribute('aria-label')].filter(Boolean).join('\\n'))"
    ".join('\\n')"
)
HEADER_MENU = "[data-test='dashboard-header-container'] [data-test='actions-trigger']"
# the first chart's "..." button (id slice_<id>-controls), shown once the chart is hovered
CHART = ".dashboard-component-chart-holder"
CHART_MENU = "[id^='slice_'][id$='-controls'][aria-haspopup]"


def click(tools: DevTools, selector: str, press: bool = True) -> bool:
    """A real mouse click (hover first) in the middle of the first element ``selector`` finds;
    with ``press=False`` only the hover."""
    box = tools.js(
        f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
        " if (!e) return null; e.scrollIntoView({block: 'center'});"
        " const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()"
    )
    if not box:
        return False
    x, y = box
    tools.call("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)
    for kind in ("mousePressed", "mouseReleased") if press else ():
        tools.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)
    time.sleep(1.5)
    return True


def menu_text(tools: DevTools) -> str:
    return tools.js(
        "Array.from(document.querySelectorAll('.ant-dropdown:not(.ant-dropdown-hidden),"
        " .ant-dropdown-menu, [role=menu]')).map(e => e.innerText).join('\\n')"
    )


def collect(base: str, username: str, password: str, slug: str) -> dict[str, Any]:
    texts: dict[str, Any] = {}
    with chromium() as tools:
        tools.call(
            "Emulation.setDeviceMetricsOverride",
            width=WIDTH,
            height=1200,
            deviceScaleFactor=1,
            mobile=False,
        )
        navigate(tools, f"{base}/login/")
        tools.wait_for("!!document.querySelector('input#username, input[name=username]')", 60)
        texts["login"] = tools.js(VISIBLE_JS)
        login(tools, base, username, password)
        navigate(tools, f"{base}/dashboard/list/")
        tools.wait_for("document.querySelectorAll('[role=row], .ant-card').length > 1", 60)
        time.sleep(2)
        texts["dashboard_list"] = tools.js(VISIBLE_JS)
        navigate(tools, f"{base}/superset/dashboard/{slug}/")
        tools.wait_for("!!document.querySelector('[data-test=\"filterbar-action-buttons\"]')", 90)
        tools.wait_for("!!document.querySelector('[data-test=\"slice-header\"]')", 90)
        time.sleep(3)
        texts["dashboard"] = tools.js(VISIBLE_JS)
        texts["header_menu"] = menu_text(tools) if click(tools, HEADER_MENU) else None
        tools.call("Input.dispatchKeyEvent", type="keyDown", key="Escape")
        navigate(tools, f"{base}/superset/dashboard/{slug}/")
        tools.wait_for("!!document.querySelector('[data-test=\"slice-header\"]')", 90)
        time.sleep(3)
        click(tools, CHART, press=False)
        texts["chart_menu"] = menu_text(tools) if click(tools, CHART_MENU) else None
    return texts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8088")
    parser.add_argument("--user", required=True)
    parser.add_argument("--dashboard", required=True, help="slug of the dashboard to open")
    args = parser.parse_args(argv)
    password = settings.BROWSER_PASSWORD.get()
    print(json.dumps(collect(args.url.rstrip("/"), args.user, password, args.dashboard)))


if __name__ == "__main__":
    main()
