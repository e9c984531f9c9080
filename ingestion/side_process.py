"""Side processes for a large ingest's Python-only work, so it runs beside the DuckDB work.

An ingest is a chain of chunks: prepare a chunk's files (Python: read, encoding, header checks,
XLSX to CSV), then scan, check and write it (DuckDB). In one process the two alternate and one
of the two cores idles while Python runs. With side processes:

- ``files`` prepares the next chunks (``loading.prepare_deliveries``, LOOKAHEAD chunks ahead)
  while this process loads the current one; each chunk's copies go to its own folder under the
  ingest's staging folder, removed once the chunk is loaded;
- ``quality`` imports Great Expectations and builds its suite (~7 s CPU) during the loads, then
  validates the run's delivery profiles (``quality.evaluate``).

Only an ingest of more than GROUP_SIZE (400) files uses them (a catch-up, the benchmark's
year), and only where the main module is safe to re-import (``_spawnable``): one Airflow task
per regency and day loads a file or two, would pay the processes' start-up (~0.5 s each) for
nothing, and runs under the ``airflow`` script, which a spawned process cannot re-import.
Processes are spawned, not forked: this process holds DuckDB's threads. Neither side process
opens the warehouse; they see files and plain rows only. A side process exits by itself when
the ingest is killed.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import shutil
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ingestion import quality
from ingestion.loading import prepare_deliveries
from ingestion.spec import SourceSpec

if TYPE_CHECKING:
    from ingestion.deliveries import Delivery
    from ingestion.readers import FileRejected, Prepared

LOOKAHEAD = 2  # chunks prepared ahead of the one being loaded (bounds the copies on disk)

Chunk = tuple[SourceSpec, Sequence["Delivery"]]


@dataclass(frozen=True)
class SideProcesses:
    files: ProcessPoolExecutor
    quality: ProcessPoolExecutor

    def evaluate(self, profiled: quality.Profile) -> quality.Evaluation:
        """Great Expectations' validation, in the process that imported it."""
        return self.quality.submit(quality.evaluate, profiled).result()


def _exit_with(parent: int) -> None:
    """In a side process: exit as soon as the ingest that started it is gone (killed, even with
    SIGKILL), so no orphan lingers holding the ingest's output pipes; and once told to stop,
    exit without the interpreter's teardown of thousands of modules (~1.5 s after GX, which
    the ingest would wait for): its results went through the result pipe already."""
    atexit.register(os._exit, 0)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-ingest", daemon=True).start()


def _executor() -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        max_workers=1,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_exit_with,
        initargs=(os.getpid(),),
    )


# console scripts whose file only imports an entry point: safe to run again as __mp_main__
SAFE_MAIN_SCRIPTS = frozenset({"smartprov", "pytest"})


def _spawnable() -> bool:
    """A spawned process first re-imports the parent's main module: by name when it was started
    with ``python -m`` (a package's ``__main__`` is skipped), else by running its file again.
    That is harmless for ``python -m``, ``python -c`` and the ``smartprov`` command, not for
    every host: Airflow's ``airflow`` script initialises Airflow on import and fails inside a
    task (the side process died at start: BrokenProcessPool), and a script read from stdin has
    no file. Elsewhere the ingest loads without side processes."""
    main = sys.modules.get("__main__")
    if getattr(main, "__spec__", None) is not None:
        return True
    path = getattr(main, "__file__", None)
    return path is None or Path(path).stem in SAFE_MAIN_SCRIPTS


@contextmanager
def side_processes(wanted: bool, *, warm_quality: bool) -> Iterator[SideProcesses | None]:
    """The two side processes when ``wanted`` (else None); GX warmed up at once when the run
    will check quality. Pending work is cancelled if the ingest stops."""
    if not wanted or not _spawnable():
        yield None
        return
    files, checks = _executor(), _executor()
    try:
        if warm_quality:
            checks.submit(quality.warm_up)
        yield SideProcesses(files, checks)
    finally:
        files.shutdown(wait=True, cancel_futures=True)
        checks.shutdown(wait=True, cancel_futures=True)


def prepared_chunks(
    chunks: Sequence[Chunk], staging: Path, side: SideProcesses | None
) -> Iterator[tuple[SourceSpec, Sequence[Delivery], list[Prepared | FileRejected] | None]]:
    """Each chunk with its files prepared, or None where the loader prepares them itself:
    every chunk without side processes, and the first one with them (the side process starts
    up and prepares the next LOOKAHEAD chunks meanwhile)."""
    if side is None or not chunks:
        for spec, deliveries in chunks:
            yield spec, deliveries, None
        return
    pending: deque[tuple[Future[list[Prepared | FileRejected]], Path]] = deque()
    submitted = 1  # the first chunk is prepared here

    def submit_ahead() -> None:
        nonlocal submitted
        while submitted < len(chunks) and len(pending) < LOOKAHEAD:
            spec, deliveries = chunks[submitted]
            workdir = Path(tempfile.mkdtemp(prefix="chunk-", dir=staging))
            future = side.files.submit(prepare_deliveries, deliveries, spec.required, workdir)
            pending.append((future, workdir))
            submitted += 1

    try:
        submit_ahead()
        yield chunks[0][0], chunks[0][1], None
        for spec, deliveries in chunks[1:]:
            future, workdir = pending[0]
            prepared = future.result()
            pending.popleft()
            submit_ahead()
            yield spec, deliveries, prepared
            shutil.rmtree(workdir, ignore_errors=True)
    finally:
        for future, workdir in pending:
            future.cancel()
            shutil.rmtree(workdir, ignore_errors=True)
