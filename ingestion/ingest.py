"""`ingest`: find new and changed deliveries and load each one atomically.

One regency's bad file never holds up another's: every delivery is its own transaction, and a
file that cannot be loaded is quarantined whole with its reason.
"""

from __future__ import annotations

import logging
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
from tqdm import tqdm

from ingestion.deliveries import Delivery, known_files, pending
from ingestion.lapor import identity
from ingestion.ledger import remember_stats
from ingestion.loading import (
    GROUP_SIZE,
    DeliveryResult,
    SourceSpec,
    load_deliveries,
)
from ingestion.reference_codes import prepare_reference
from ingestion.registry import discover, personal_data_sources, source
from ingestion.safety import lock_down
from ingestion.side_process import SideProcesses, prepared_chunks, side_processes
from ingestion.sources import LAPOR, SOURCES
from ingestion.warehouse import open_warehouse
from smartprov.base.settings import Paths

if TYPE_CHECKING:  # the API client (httpx) is imported only by a run that pulls the API
    from ingestion.lapor.api import PullSummary

log = logging.getLogger(__name__)


def spec_for(delivery: Delivery) -> SourceSpec:
    """The spec that loads this delivery, as its source registers it."""
    return source(delivery.source).spec_for(delivery)


@dataclass
class IngestSummary:
    deliveries_found: int = 0
    files_hashed: int = 0  # files read to hash them (the others were unchanged since the ledger)
    deliveries_loaded: int = 0
    rows_loaded: int = 0
    rows_quarantined: int = 0
    files_quarantined: int = 0
    quality_failures: int = 0
    by_source: Counter[str] = field(default_factory=Counter)
    results: list[DeliveryResult] = field(default_factory=list)
    lapor_pull: PullSummary | None = None

    def add(self, result: DeliveryResult) -> None:
        self.deliveries_loaded += 1
        self.rows_loaded += result.rows_loaded
        self.rows_quarantined += result.rows_quarantined
        self.files_quarantined += int(result.file_quarantined)
        self.by_source[result.delivery.source] += 1
        self.results.append(result)

    def lines(self) -> list[str]:
        return [
            f"deliveries found: {self.deliveries_found} ({self.files_hashed} read to hash them), "
            "new or changed loaded: "
            f"{self.deliveries_loaded} ({dict(self.by_source)})",
            f"rows loaded: {self.rows_loaded:,}, rows quarantined: {self.rows_quarantined:,}, "
            f"files quarantined: {self.files_quarantined}",
            f"quality expectations failed: {self.quality_failures}",
            *(
                [
                    f"LAPOR API: {self.lapor_pull.pages} pages, {self.lapor_pull.rows_new} new "
                    f"versions, cursor {self.lapor_pull.cursor_after:%Y-%m-%d %H:%M:%S}"
                ]
                if self.lapor_pull
                else []
            ),
        ]


def _chunks(todo: list[Delivery]) -> list[tuple[SourceSpec, list[Delivery]]]:
    """The pending deliveries in chunks of up to GROUP_SIZE, each of one spec."""
    by_spec: dict[SourceSpec, list[Delivery]] = {}
    for delivery in todo:
        by_spec.setdefault(spec_for(delivery), []).append(delivery)
    return [
        (spec, deliveries[start : start + GROUP_SIZE])
        for spec, deliveries in by_spec.items()
        for start in range(0, len(deliveries), GROUP_SIZE)
    ]


def _load(
    con: duckdb.DuckDBPyConnection,
    chunks: list[tuple[SourceSpec, list[Delivery]]],
    quarantine: Path,
    staging: Path,
    summary: IngestSummary,
    progress: bool,
    side: SideProcesses | None,
) -> None:
    """Load the chunks in turn (prepared in the side process ahead of the loads, when there is
    one)."""
    total = sum(len(chunk) for _, chunk in chunks)
    bar = tqdm(total=total, desc="ingest", unit="file", disable=not progress, leave=False)
    for spec, chunk, prepared in prepared_chunks(chunks, staging, side):
        results = load_deliveries(con, chunk, spec, quarantine, staging=staging, prepared=prepared)
        for result in results:
            summary.add(result)
        bar.update(len(chunk))
    bar.close()


def ingest(
    paths: Paths,
    *,
    sources: Iterable[str] = SOURCES,
    kode_kabkota: str | None = None,
    delivery_date: date | None = None,
    until: date | None = None,
    progress: bool = False,
    check_quality: bool = True,
    lapor_api: tuple[str, str] | None = None,
) -> IngestSummary:
    """Load every new or changed delivery of ``sources`` from landing/ into the warehouse.

    With ``lapor_api=(base_url, token)`` and LAPOR among the sources, the SP4N-LAPOR! API is
    pulled incrementally too (after the export files), in the same warehouse session. With
    ``check_quality`` the loaded deliveries not yet checked (also those of earlier runs with
    ``check_quality=False``) are validated by Great Expectations once (ingestion.quality).
    """
    paths.ensure()
    sources = tuple(sources)
    summary = IngestSummary()
    con = open_warehouse(paths.warehouse)
    staging = tempfile.TemporaryDirectory(prefix="smartprov-ingest-")
    try:
        prepare_reference(con)
        if set(sources) & set(personal_data_sources()):  # reporter identity to pseudonymise
            identity.register(con, paths.home)
        # from here on, this connection touches no file outside landing/ and the staging folder
        lock_down(con, [paths.landing, Path(staging.name)])
        found = discover(
            paths.landing,
            sources,
            kode_kabkota=kode_kabkota,
            delivery_date=delivery_date,
            until=until,
            known=known_files(con),
        )
        summary.deliveries_found = len(found)
        summary.files_hashed = sum(d.hashed for d in found)
        todo = pending(con, found)
        remember_stats(con, found)  # touched but unchanged: not read again next time
        chunks = _chunks(todo)
        # a run of more than a chunk's files prepares files and warms GX up in side processes
        # (not the number of chunks: every spec, e.g. each indicator dataset, has its own)
        with side_processes(len(todo) > GROUP_SIZE, warm_quality=check_quality) as side:
            _load(con, chunks, paths.quarantine, Path(staging.name), summary, progress, side)
            if lapor_api and LAPOR in sources:
                from ingestion.lapor.api import pull

                summary.lapor_pull = pull(con, *lapor_api)
            if check_quality:  # once per run, over every delivery not checked yet
                from ingestion.quality import check_pending, evaluate

                evaluator = side.evaluate if side else evaluate
                summary.quality_failures = check_pending(con, evaluator)
    finally:
        con.close()
        staging.cleanup()
    return summary


def check_quality(paths: Paths) -> int:
    """Validate every delivery loaded but not yet checked (loads made with
    ``check_quality=False``, e.g. the mapped per-regency Airflow tasks) as one batch; return the
    number of failed expectations. Great Expectations' fixed cost is paid once."""
    from ingestion.quality import check_pending

    con = open_warehouse(paths.warehouse)
    try:
        return check_pending(con)
    finally:
        con.close()
