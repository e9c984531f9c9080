"""Set up and serve Superset from the pipeline environment, through ``.venv-superset``.

Superset cannot share the pipeline's interpreter (SQLAlchemy 1.4, pandas 2.1), so every step
here is a subprocess of ``.venv-superset/bin/...`` with the project root on ``PYTHONPATH`` and
``SUPERSET_CONFIG_PATH`` pointing at ``dashboards/superset_config.py``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dashboards import SUPERSET_CONFIG, SUPERSET_VENV, superset_bin
from dashboards.in_superset.users import DEMO_ADMIN_PASSWORD
from smartprov.base import settings
from smartprov.base.secrets import InsecureSecretError, check_secret, is_demo
from smartprov.base.settings import PROJECT_ROOT, Paths

DEMO_ADMIN_USER = "admin"


class DashboardsError(RuntimeError):
    pass


@dataclass(frozen=True)
class Admin:
    username: str
    password: str
    is_demo_default: bool


def admin_credentials() -> Admin:
    user = settings.ADMIN_USER.get() or DEMO_ADMIN_USER
    password = settings.ADMIN_PASSWORD.get()
    if not password and is_demo():
        return Admin(user, DEMO_ADMIN_PASSWORD, True)
    try:
        return Admin(user, check_secret(settings.ADMIN_PASSWORD.name, password), False)
    except InsecureSecretError as error:
        raise DashboardsError(
            f"{error}; set SMARTPROV_ADMIN_USER and SMARTPROV_ADMIN_PASSWORD, or SMARTPROV_DEMO=1 "
            "for the local demo (admin password printed on start)"
        ) from None


def install(quiet: bool = False) -> Path:
    """Create ``.venv-superset`` from the lock file's ``superset`` group if it is missing, then
    (every time) compile and place the project's translations (dashboards/in_superset/
    translations.py: the Indonesian catalog, also inside the installed Superset package)."""
    if not superset_bin().exists():
        _sync_venv(quiet)
    install_translations(quiet)
    return SUPERSET_VENV


def install_translations(quiet: bool = True) -> None:
    result = subprocess.run(
        python_module("dashboards.in_superset.translations"),
        env=superset_env(Paths.from_env()),
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise DashboardsError(f"translations failed:\n{result.stdout}{result.stderr}")
    if not quiet:
        print(result.stdout.strip(), flush=True)


def _sync_venv(quiet: bool) -> None:
    uv = shutil.which("uv")
    command = [uv] if uv else [sys.executable, "-m", "uv"]
    env = {**os.environ, "UV_PROJECT_ENVIRONMENT": str(SUPERSET_VENV)}
    subprocess.run(
        [
            *command,
            "sync",
            "--locked",
            "--compile-bytecode",
            "--only-group",
            "superset",
            *(["-q"] if quiet else []),
        ],
        cwd=PROJECT_ROOT,
        env=env,
        check=True,
    )


def superset_env(paths: Paths, extra: dict[str, str] | None = None) -> dict[str, str]:
    pythonpath = os.pathsep.join(
        p for p in (str(PROJECT_ROOT), os.environ.get("PYTHONPATH", "")) if p
    )
    return {
        **os.environ,
        settings.HOME.name: str(paths.home),
        "SUPERSET_CONFIG_PATH": str(SUPERSET_CONFIG),
        "PYTHONPATH": pythonpath,
        "FLASK_APP": "superset.app:create_app()",
        "PYTHONWARNINGS": "ignore",
        **(extra or {}),
    }


def _run(args: Sequence[str], paths: Paths, step: str, quiet: bool) -> None:
    started = time.monotonic()
    result = subprocess.run(
        list(args),
        env=superset_env(paths),
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE if quiet else None,
        stderr=subprocess.STDOUT if quiet else None,
        text=True,
    )
    if result.returncode != 0:
        tail = "\n".join((result.stdout or "").splitlines()[-30:])
        raise DashboardsError(f"{step} failed (exit {result.returncode})\n{tail}")
    print(f"smartprov dashboards: {step} ({time.monotonic() - started:.0f} s)", flush=True)


def python_module(module: str, *args: str) -> list[str]:
    return [str(superset_bin("python")), "-m", module, *args]


def national_serving(paths: Paths) -> Path:
    """The national serving database `smartprov national build` publishes in this home."""
    return paths.national / "serving.duckdb"


def import_assets(paths: Paths, quiet: bool = True) -> None:
    """Import the dashboards; the national one ("Nasional") too when this home has a national
    build (the province demo, without one, is unchanged)."""
    admin = admin_credentials()
    national = national_serving(paths)
    extra = ["--national-serving", str(national)] if national.exists() else []
    _run(
        python_module(
            "dashboards.in_superset.assets",
            "--serving",
            str(paths.serving),
            "--user",
            admin.username,
            *extra,
        ),
        paths,
        "import assets" + (" (with Nasional)" if extra else ""),
        quiet,
    )


def apply_security(paths: Paths, dry_run: bool = False) -> None:
    args = python_module("dashboards.in_superset.security", *(["--dry-run"] if dry_run else []))
    _run(args, paths, "apply roles and row-level security", quiet=False)


def prepare(paths: Paths, quiet: bool = True) -> Admin:
    """Metadata upgrade, admin, init, import, roles/RLS: everything before serving."""
    install()
    admin = admin_credentials()
    superset = str(superset_bin())
    _run([superset, "db", "upgrade"], paths, "metadata database upgraded", quiet)
    _run([superset, "init"], paths, "roles and permissions initialised", quiet)
    _run(
        python_module("dashboards.in_superset.users", "admin", admin.username),
        paths,
        f"admin user {admin.username!r} ensured",
        quiet,
    )
    import_assets(paths, quiet)
    _run(python_module("dashboards.in_superset.security"), paths, "roles and RLS applied", quiet)
    return admin


# the largest request line gunicorn accepts without disabling the check; headers at the default
GUNICORN_LIMITS = ("--limit-request-line", "8190", "--limit-request-field_size", "8190")


# gunicorn's shape (docs/operations.md, measured with devtools/bench/superset_load.py): one
# worker process per core, since a chart request is Python work that holds the GIL (a second
# process per core only adds memory, ~360 MB each, and context switches); THREADS threads in
# each worker cover the waits (DuckDB queries release the GIL, the metadata database, the cache)
# and keep one long SQL Lab query from holding a whole worker.
THREADS = 4
# A worker takes a connection only while it has a free thread, and answers each request with
# "Connection: close" (keep-alive 0): the requests waiting for a thread wait in the kernel's one
# listen queue, first come first served, and go to whichever worker frees a thread first. With
# keep-alive connections (30 s before), each connection stayed with the worker that accepted
# it, and a plenary's requests queued unevenly behind one worker: 50 viewers back to back had a
# p95 twice their median (p95 1.0-1.1 s at ~95 req/s); now within ~1.4x of it (0.54-0.67 s at
# ~100 req/s, the same throughput). The reverse proxy in front (docs/security.md) opens a
# connection per request to Superset anyway (nginx's default), so nothing changes behind it.
WORKER_CONNECTIONS = THREADS
KEEP_ALIVE = 0
GUNICORN_SHAPE = (
    "--worker-class",
    "gthread",
    "--threads",
    str(THREADS),
    "--worker-connections",
    str(WORKER_CONNECTIONS),
    "--keep-alive",
    str(KEEP_ALIVE),
    "--timeout",
    "120",
)


def default_workers() -> int:
    configured = settings.SUPERSET_WORKERS.as_int() if settings.SUPERSET_WORKERS.get() else 0
    return configured or max(2, os.cpu_count() or 2)


def server_command(port: int, workers: int | None = None) -> list[str]:
    workers = workers or default_workers()
    return [
        str(superset_bin("gunicorn")),
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        *GUNICORN_SHAPE,
        # gunicorn's limits (defaults: 4094 / 8190 bytes) stay on; never 0 (= unlimited)
        *GUNICORN_LIMITS,
        "superset.app:create_app()",
    ]


def serve(paths: Paths, port: int, setup: bool = True) -> None:
    """Prepare, print the URL and login, then serve in the foreground (replaces this process)."""
    admin = prepare(paths) if setup else admin_credentials()
    print(f"\nSuperset: http://127.0.0.1:{port}/  (user {admin.username!r})", flush=True)
    if admin.is_demo_default:
        print(
            f"DEMO login: {admin.username} / {admin.password}  (demo default: never use it "
            "outside the demo; set SMARTPROV_ADMIN_USER / SMARTPROV_ADMIN_PASSWORD)",
            flush=True,
        )
    os.execve(superset_bin("gunicorn"), server_command(port), superset_env(paths))


def screenshots(
    url: str,
    out: str | os.PathLike[str] | None,
    login: Admin | None = None,
    probe: str | None = None,
    devices: tuple[str, ...] = ("laptop",),
    national: bool = False,
) -> Any:
    """Run :mod:`.browser` in the Superset environment as ``login`` (default: the admin).

    With ``probe``, only open that path and report where the browser ended up. ``devices``:
    names of :data:`dashboards.browser.DEVICES` (laptop, ponsel), one pass over the dashboards
    each. ``national``: the national dashboard ("Nasional") instead of the province's.
    """
    import json

    login = login or admin_credentials()
    args = python_module("dashboards.browser", "--url", url)
    if out is not None:
        args += ["--out", str(Path(out).resolve())]
    if probe is not None:
        args += ["--probe", probe]
    args += ["--devices", ",".join(devices)]
    if national:
        args.append("--national")
    env = superset_env(
        Paths.from_env(),
        {settings.ADMIN_USER.name: login.username, settings.ADMIN_PASSWORD.name: login.password},
    )
    result = subprocess.run(args, env=env, cwd=PROJECT_ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        raise DashboardsError(f"browser failed:\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])
