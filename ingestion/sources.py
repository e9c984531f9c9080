"""The names of the sources and of the channels they arrive through: one spelling each.

A *source* is what was delivered (``audit.deliveries.source``, ``audit.quarantine_*.source``,
``audit.lapor_cursor.source``, the ``ingest`` CLI's ``--source``); a *channel* is how it arrived
(``audit.deliveries.channel``, ``raw.lapor_complaints._channel``): a file exported into
landing/, or pages pulled from the source's API. Only LAPOR has both channels today.

Which code loads a source lives in the source's own folder (``ingestion/<source>/source.py``,
found through :mod:`ingestion.registry`); this module only names them, so that the platform,
the simulator, dbt's tests and the test suite all use the same strings. The list of sources is
the list of those folders: adding a source is adding its folder.
"""

from __future__ import annotations

from pathlib import Path

SERVICE_LOGS = "service_logs"
LAPOR = "lapor"
ROLLOUT = "rollout"
INDICATORS = "indicators"
# every source: each folder ingestion/<name>/ with a source.py (registry.loading_order() sorts
# them for loading)
SOURCES = tuple(sorted(p.parent.name for p in Path(__file__).parent.glob("*/source.py")))

EXPORT = "export"  # a file delivered into landing/<source>/
API = "api"  # pages pulled from the source's API
CHANNELS = (EXPORT, API)

# The Airflow connection to the SP4N-LAPOR! API keeps its name ``lapor_api`` (it names the
# external system, not a source): smartprov.orchestration.config.LAPOR_CONN_ID.
