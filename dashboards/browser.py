"""Open the dashboards in headless Chromium (Chrome DevTools Protocol), screenshot each one.

    python -m dashboards.browser --url http://127.0.0.1:8088 --out docs/screenshots

Logs in through Superset's own login form as SMARTPROV_ADMIN_USER / SMARTPROV_ADMIN_PASSWORD
(or a user given with --user; password from SMARTPROV_BROWSER_PASSWORD), opens every dashboard
of the catalog, waits until no chart is loading, collects the text of every chart error, and
saves a full-page PNG. Prints a JSON report. Runs in the Superset environment (websocket-client).
"""

from __future__ import annotations

import argparse
import base64
import itertools
import json
import shutil
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import websocket

from smartprov.base import settings
from smartprov.base.chromium import FLAGS as BASE_FLAGS
from smartprov.base.chromium import executable as chromium_executable

CHROMIUM_FLAGS = (
    *BASE_FLAGS,
    "--no-default-browser-check",
    "--hide-scrollbars",
    "--remote-allow-origins=*",
)
WIDTH = 1600
# (name, CSS width, mobile emulation): the laptop screenshots keep the README's file names, the
# phone ones get a suffix ("<slug>-ponsel.png")
DEVICES = {"laptop": (WIDTH, False), "ponsel": (390, True)}
# Tall enough that every chart is inside the viewport (Superset renders visible charts only).
VIEWPORT_HEIGHT = 3600

ERROR_SELECTORS = (
    ".dashboard-component-chart-holder .ant-alert-error",
    ".dashboard-component-chart-holder [data-test='error-message']",
    ".dashboard-component-chart-holder .alert-danger",
    ".dashboard-component-chart-holder [role='alert']",
)
# Every Content-Security-Policy violation the page meets, recorded from the first script on
# (injected through DevTools, which the policy does not apply to). A chart the policy breaks
# renders the browser's message as plain text (no error element): without this watch a broken
# Handlebars chart passed as drawn.
CSP_WATCH_JS = (
    "window.__smartprovCsp = [];"
    "document.addEventListener('securitypolicyviolation', e => window.__smartprovCsp.push("
    "'CSP ' + e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline') ));"
)
CSP_VIOLATIONS_JS = "window.__smartprovCsp || []"
LOADING_SELECTORS = (
    ".dashboard-component-chart-holder .loading",
    ".dashboard-component-chart-holder [data-test='loading-indicator']",
    ".dashboard-component-chart-holder .ant-skeleton",
)


class DevTools:
    def __init__(self, ws_url: str) -> None:
        self.ws = websocket.create_connection(ws_url, timeout=60, suppress_origin=True)
        self.ids = itertools.count(1)

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        call_id = next(self.ids)
        self.ws.send(json.dumps({"id": call_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == call_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def js(self, expression: str) -> Any:
        result = self.call(
            "Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True
        )
        return result.get("result", {}).get("value")

    def wait_for(self, expression: str, timeout: float, interval: float = 0.5) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if self.js(expression):
                    return True
            except RuntimeError:
                pass
            time.sleep(interval)
        return False

    def close(self) -> None:
        self.ws.close()


@contextmanager
def chromium() -> Iterator[DevTools]:
    profile = Path(tempfile.mkdtemp(prefix="smartprov-chromium-"))
    process = subprocess.Popen(
        [
            chromium_executable(),
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            "--remote-debugging-port=0",
            f"--window-size={WIDTH},1200",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not port_file.exists() or not port_file.read_text().strip():
            if time.monotonic() > deadline or process.poll() is not None:
                raise SystemExit("chromium did not start")
            time.sleep(0.1)
        port = port_file.read_text().split()[0]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list") as response:
            targets = json.load(response)
        page = next(t for t in targets if t["type"] == "page")
        tools = DevTools(page["webSocketDebuggerUrl"])
        tools.call("Page.enable")
        tools.call("Runtime.enable")
        tools.call("Page.addScriptToEvaluateOnNewDocument", source=CSP_WATCH_JS)
        try:
            yield tools
        finally:
            tools.close()
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(profile, ignore_errors=True)


def navigate(tools: DevTools, url: str) -> None:
    tools.call("Page.navigate", url=url)
    tools.wait_for("document.readyState === 'complete'", timeout=60)


# Superset's login page logs a "spa_navigation" event when it renders and sends it about a second
# later (navigator.sendBeacon to /superset/log/). Before login Superset refuses it with a redirect
# to /login/ whose Set-Cookie is the anonymous session; when that answer lands after the answer
# to the login POST, it replaces the fresh login cookie and /superset/welcome/ sends the browser
# back to /login/ (seen on a freshly started Superset, where the login POST is slow). The beacon
# cannot succeed before login anyway: it is blocked while logging in.
ANONYMOUS_BEACONS = ["*/superset/log/*"]
USERNAME_INPUT = "input#username, input[name=username]"
PASSWORD_INPUT = "input#password, input[name=password], input[type=password]"
# what the login page tells the user: form validation, toasts ("Invalid username or password")
LOGIN_MESSAGES_JS = (
    "[...new Set(Array.from(document.querySelectorAll('.ant-form-item-explain-error,"
    " [role=alert], .ant-message-notice, [data-test=toast-container] div'))"
    ".map(e => e.innerText.trim()).filter(t => t.length > 0))]"
)
ME_STATUS_JS = "fetch('/api/v1/me/', {credentials: 'same-origin'}).then(r => r.status)"


def _fill(tools: DevTools, selector: str, value: str, field: str) -> None:
    """Type ``value`` into a (React-controlled) input and check that the input holds it."""
    element = f"document.querySelector({json.dumps(selector)})"
    tools.js(f"{element}.focus(); {element}.select()")
    tools.call("Input.insertText", text=value)
    if not tools.js(f"({element} || {{}}).value === {json.dumps(value)}"):
        held = tools.js(f"(({element} || {{}}).value || '').length")
        raise SystemExit(f"login: the {field} field holds {held} of {len(value)} characters")


def login(tools: DevTools, base: str, username: str, password: str) -> None:
    """Log in through Superset's own login form; on failure say where the browser is and what
    the page says."""
    tools.call("Network.enable")
    tools.call("Network.setBlockedURLs", urls=ANONYMOUS_BEACONS)
    try:
        navigate(tools, f"{base}/login/")
        if not tools.wait_for(f"!!document.querySelector({json.dumps(USERNAME_INPUT)})", 60):
            raise SystemExit(f"login: no login form at {tools.js('location.href')}")
        _fill(tools, USERNAME_INPUT, username, "username")
        _fill(tools, PASSWORD_INPUT, password, "password")
        tools.js("document.querySelector('button[type=submit], form button').click()")
        left = tools.wait_for(
            f"!location.pathname.startsWith('/login') || {LOGIN_MESSAGES_JS}.length > 0", 60
        )
        where = tools.js("location.href")
        if not left or tools.js("location.pathname").startswith("/login"):
            said = tools.js(LOGIN_MESSAGES_JS) or [(tools.js("document.body.innerText") or "")]
            raise SystemExit(f"login as {username!r} failed: at {where}, the page says {said}")
        status = tools.js(ME_STATUS_JS)
        if status != 200:
            raise SystemExit(f"login as {username!r} did not hold: /api/v1/me/ {status} at {where}")
    finally:
        tools.call("Network.setBlockedURLs", urls=[])
        tools.call("Network.disable")


def _any(selectors: tuple[str, ...]) -> str:
    return json.dumps(", ".join(selectors))


CHARTS_JS = "document.querySelectorAll('.dashboard-component-chart-holder .chart-slice').length"
# a chart counts as drawn when its container holds a canvas (ECharts) or some text (tables,
# big numbers, pivot tables); the header icons are outside .chart-container
RENDERED_JS = (
    "Array.from(document.querySelectorAll('.dashboard-component-chart-holder .chart-slice'))"
    ".filter(s => { const c = s.querySelector('.chart-container');"
    " return c && (c.querySelector('canvas') || c.innerText.trim().length > 0); }).length"
)


def open_dashboard(
    tools: DevTools, base: str, slug: str, expected: int, timeout: float = 90, query: str = ""
) -> dict[str, Any]:
    navigate(tools, f"{base}/superset/dashboard/{slug}/?standalone=1{query}")
    tools.wait_for(f"{CHARTS_JS} >= {expected}", timeout)
    settled = (
        f"document.querySelectorAll({_any(LOADING_SELECTORS)}).length === 0"
        f" && {RENDERED_JS} >= {CHARTS_JS} && {CHARTS_JS} > 0"
    )
    loaded = tools.wait_for(settled, timeout)
    time.sleep(1.5)  # animations (ECharts) finish drawing
    errors = tools.js(
        f"Array.from(document.querySelectorAll({_any(ERROR_SELECTORS)}))"
        ".map(e => e.innerText.trim()).filter(t => t.length > 0)"
    )
    errors = [*(errors or []), *(tools.js(CSP_VIOLATIONS_JS) or [])]
    title = tools.js(
        '(document.querySelector(\'[data-test="editable-title-input"], .editable-title input,'
        ' [data-test="dashboard-header"] h1\') || {}).value || document.title'
    )
    return {
        "slug": slug,
        "title": title,
        "charts": tools.js(CHARTS_JS),
        "rendered": tools.js(RENDERED_JS),
        "loaded": loaded,
        "errors": sorted(set(errors)),
    }


# Nothing essential cut off: the page does not scroll sideways and every chart lies inside the
# viewport's width (a chart cut at the right edge, or wider than the screen, is listed).
LAYOUT_JS = """(() => {
  const inner = window.innerWidth;
  const cut = Array.from(document.querySelectorAll('.dashboard-component-chart-holder'))
    .map(e => [e.querySelector('.header-title'), e.getBoundingClientRect()])
    .filter(([, r]) => r.width > 0 && (r.left < -1 || r.right > inner + 1))
    .map(([t, r]) => ((t && t.innerText) || '?')
      + ' [' + Math.round(r.left) + ',' + Math.round(r.right) + ']');
  const raw = document.body.innerText.includes('font-size:');  // CSS shown as text
  return {inner: inner, scroll: document.documentElement.scrollWidth, cut: cut, raw_css: raw};
})()"""


def emulate(tools: DevTools, device: str) -> int:
    width, mobile = DEVICES[device]
    tools.call(
        "Emulation.setDeviceMetricsOverride",
        width=width,
        height=VIEWPORT_HEIGHT,
        deviceScaleFactor=1,
        mobile=mobile,
    )
    return width


def screenshot(tools: DevTools, path: Path, width: int = WIDTH) -> None:
    """Full dashboard as PNG, clipped to the content (the viewport is already tall), ``width``
    device pixels wide. A phone lays out pages without a viewport meta tag (Superset's) at
    980 CSS px and shows them scaled down: the PNG shows the same."""
    layout_width = tools.js("document.documentElement.clientWidth") or width
    height = tools.js(
        "Math.max(...Array.from(document.querySelectorAll('.dashboard-component-chart-holder,"
        " .dashboard-markdown, .grid-row')).map(e => e.getBoundingClientRect().bottom"
        " + window.scrollY), 600) + 24"
    )
    height = int(min(max(height or 1200, 600), VIEWPORT_HEIGHT))
    clip = {"x": 0, "y": 0, "width": layout_width, "height": height, "scale": width / layout_width}
    data = tools.call("Page.captureScreenshot", format="png", clip=clip)["data"]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(base64.b64decode(data))


def run(
    base: str,
    out: Path | None,
    username: str,
    password: str,
    devices: tuple[str, ...] = ("laptop",),
    national: bool = False,
) -> list[dict[str, Any]]:
    """Open every dashboard (with ``national``: the national dashboard instead)."""
    from dashboards.catalog.layouts import DASHBOARDS, NATIONAL_DASHBOARDS

    dashboards = NATIONAL_DASHBOARDS if national else DASHBOARDS
    report = []
    with chromium() as tools:
        emulate(tools, "laptop")
        login(tools, base, username, password)
        for device in devices:
            width = emulate(tools, device)
            for dashboard in dashboards:
                started = time.monotonic()
                # on a phone the filter bar starts collapsed (Superset's expand_filters)
                query = "&expand_filters=0" if DEVICES[device][1] else ""
                entry = open_dashboard(
                    tools, base, dashboard.slug, len(dashboard.charts), query=query
                )
                entry.update(device=device, width=width, layout=tools.js(LAYOUT_JS))
                entry["expected_charts"] = len(dashboard.charts)
                if out is not None:
                    suffix = "" if device == "laptop" else f"-{device}"
                    target = out / f"{dashboard.slug}{suffix}.png"
                    screenshot(tools, target, width)
                    entry["screenshot"] = str(target)
                entry["seconds"] = round(time.monotonic() - started, 1)
                report.append(entry)
    return report


def probe(base: str, path: str, username: str, password: str) -> dict[str, Any]:
    """Log in as ``username``, open ``path``: where did the browser end up, is it still logged
    in, is an editor there?"""
    with chromium() as tools:
        login(tools, base, username, password)
        navigate(tools, f"{base}{path}")
        time.sleep(3)
        return {
            "requested": path,
            "path": tools.js("location.pathname"),
            "logged_in": tools.js(ME_STATUS_JS) == 200,
            "sql_editor": bool(
                tools.js("!!document.querySelector('.ace_editor, #ace-editor, .SqlEditor')")
            ),
            "text": (tools.js("document.body.innerText") or "")[:500],
        }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8088")
    parser.add_argument("--out", type=Path, default=None, help="folder for the PNGs")
    parser.add_argument("--user", default=None, help="default: SMARTPROV_ADMIN_USER / admin")
    parser.add_argument("--probe", default=None, help="only open this path and report")
    parser.add_argument("--national", action="store_true", help="the national dashboard only")
    parser.add_argument(
        "--devices", default="laptop", help=f"comma-separated, of {', '.join(DEVICES)}"
    )
    args = parser.parse_args(argv)
    if args.user:
        username, password = args.user, settings.BROWSER_PASSWORD.get()
    else:
        from dashboards.in_superset.users import DEMO_ADMIN_PASSWORD

        username = settings.ADMIN_USER.get()
        password = settings.ADMIN_PASSWORD.get() or DEMO_ADMIN_PASSWORD
    if args.probe:
        report: Any = probe(args.url.rstrip("/"), args.probe, username, password)
    else:
        devices = tuple(d for d in args.devices.split(",") if d)
        unknown = set(devices) - set(DEVICES)
        if unknown:
            raise SystemExit(f"unknown device(s): {sorted(unknown)}")
        report = run(args.url.rstrip("/"), args.out, username, password, devices, args.national)
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
