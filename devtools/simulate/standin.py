"""The SP4N-LAPOR! stand-in served beside a demo run of the DAGs."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

from devtools.simulate.lapor_api import run_in_thread
from smartprov.base.settings import DEMO_LAPOR_TOKEN, Paths, lapor_token
from smartprov.orchestration import config
from smartprov.orchestration.setup import lapor_connection_env


@contextlib.contextmanager
def lapor_standin(paths: Paths) -> Iterator[str | None]:
    """Serve the simulator's complaints on a free loopback port while the DAGs run.

    Points the ``lapor_api`` connection at it through ``AIRFLOW_CONN_LAPOR_API`` (read before
    the metadata database). Yields None, serving nothing, when that variable is already set.
    """
    variable = f"AIRFLOW_CONN_{config.LAPOR_CONN_ID.upper()}"
    if os.environ.get(variable):
        yield None
        return
    token = lapor_token() or DEMO_LAPOR_TOKEN
    with run_in_thread(paths.lapor_api_feed, token) as running:
        os.environ[variable] = lapor_connection_env(running.base_url, token)
        try:
            yield running.base_url
        finally:
            os.environ.pop(variable, None)
