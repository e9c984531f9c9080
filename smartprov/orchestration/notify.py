"""The Airflow task after each warehouse publish: receipts and notices (smartprov.notify)."""

from __future__ import annotations

import logging
from typing import Any

from smartprov.base.settings import Paths

log = logging.getLogger(__name__)


def notify_after_publish(paths: Paths) -> dict[str, Any]:
    """Write the receipts and send the notices; a failed send is recorded (and retried on the
    next run), not raised, so one unreachable mail server never fails the warehouse run."""
    from smartprov.notify.run import notify
    from smartprov.transform import release_dbt_connection

    release_dbt_connection()
    result = notify(paths)
    for note in result.notes:
        log.info("notify: %s", note)
    failed = [n for n in result.notices if n["status"] == "failed"]
    if failed:
        log.warning("notify: %d notice(s) failed, retried on the next run", len(failed))
    return result.as_dict()
