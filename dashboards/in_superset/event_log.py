"""Superset's event log without a metadata-database commit on every chart (Superset environment).

Superset's default ``DBEventLogger`` inserts rows into the ``logs`` table and commits, for every
event: a single chart-data request from the cache wrote three rows in three commits
(``ChartDataRestApi.data``, ``_get_data_response`` and ``ChartDataRestApi.json_dumps``, the
latter two only timings of its steps), a computed one five.
On the embedded SQLite metadata database every commit takes the one write lock of the file, so
under a plenary's load (50 viewers, chart after chart) the gunicorn threads queued behind each
other's log writes (docs/operations.md, "Superset under a plenary's load").

:class:`AuditEventLogger` keeps in the database what an audit asks about -- logins, dashboard
views, SQL Lab, exports, edits: every event but the two kinds below -- and sends the rest to
Python's logging, which gunicorn writes to its log:

- :data:`TIMING_ONLY`: sub-steps of a request already logged (timings, no one's action): not
  logged at all, not even collected (collecting the request payload costs too);
- :data:`READ_PATH`: a chart's data fetched (a dashboard asks for every chart at each opening;
  the opening itself, ``DashboardRestApi.get`` / ``log``, stays in the database): one line
  ``superset.chart_data`` with user id, chart, dashboard and duration in the server log (the
  chart from the form data, or from the URL of ``GET /api/v1/chart/<id>/data/``, which has none).
"""

from __future__ import annotations

import logging
from typing import Any

from flask import has_request_context, request
from superset.utils.log import DBEventLogger

TIMING_ONLY = frozenset(
    {
        "_get_data_response",
        "ChartDataRestApi.json_dumps",
        "QueryObject.post_processing",
        "load_into_dataframe",
    }
)
READ_PATH = frozenset(
    {"ChartDataRestApi.data", "ChartDataRestApi.get_data", "ChartDataRestApi.data_from_cache"}
)

reads = logging.getLogger("superset.chart_data")


class AuditEventLogger(DBEventLogger):
    """Audit events in the metadata database; chart reads in the server log; timings dropped."""

    def log_with_context(self, action: str, *args: Any, **kwargs: Any) -> None:
        if action in TIMING_ONLY:
            return
        super().log_with_context(action, *args, **kwargs)

    def log(  # noqa: PLR0913 (Superset's signature)
        self,
        user_id: int | None,
        action: str,
        dashboard_id: int | None,
        duration_ms: int | None,
        slice_id: int | None,
        referrer: str | None,
        *args: Any,
        **kwargs: Any,
    ) -> None:
        if action in READ_PATH:
            if not slice_id and has_request_context():  # GET /api/v1/chart/<pk>/data/
                slice_id = (request.view_args or {}).get("pk", slice_id)
            reads.info(
                "%s user=%s chart=%s dashboard=%s ms=%s",
                action,
                user_id,
                slice_id,
                dashboard_id,
                duration_ms,
            )
            return
        super().log(user_id, action, dashboard_id, duration_ms, slice_id, referrer, *args, **kwargs)
