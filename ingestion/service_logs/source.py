"""Service logs in landing/: ``service_logs/<kode_kabkota>/<YYYY-MM-DD>.<csv|jsonl|xlsx>``."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from ingestion.deliveries import Content, Delivery, Known, content, files, parse_day
from ingestion.service_logs.spec import SPEC
from ingestion.sources import SERVICE_LOGS
from ingestion.spec import Source
from smartprov.base.reference import regency_codes
from smartprov.base.settings import province_code

FORMATS = ("csv", "jsonl", "xlsx")


def today_wib() -> date:
    """The day of ingestion in WIB (a file naming a later day is not yet deliverable)."""
    return datetime.now(ZoneInfo("Asia/Jakarta")).date()


def _delivery(landing: Path, path: Path, known: Known | None) -> Delivery:
    relative = path.relative_to(landing).as_posix()
    kode = path.parent.name
    day, ext = parse_day(path.name)
    problem = None
    if kode not in regency_codes():
        province = province_code()
        problem = (
            f"folder '{kode}' is not a regency/city code of province {province} ({province}.xx)"
        )
    elif day is None:
        problem = f"file name '{path.name}' is not <YYYY-MM-DD>.<csv|jsonl|xlsx>"
    elif ext not in FORMATS:
        problem = f"extension '.{ext}' is not one of .csv, .jsonl, .xlsx"
    found = content(path, landing, known)
    if problem is None and day is not None and day > today_wib():
        # service-log-v1: quarantined whole, never moves the data date (no delivery_date);
        # a marked hash, so the same file is loaded again once its day has come (no stat
        # remembered: the marked hash is not the content's, it is hashed on every run)
        problem = f"file name '{path.name}' names a day after the day it is ingested"
        marked = hashlib.sha256(f"future:{found.file_hash}".encode()).hexdigest()
        found = Content(marked, hashed=found.hashed, refused=found.refused)
        day = None
    return Delivery(
        source=SERVICE_LOGS,
        dataset=SERVICE_LOGS,
        path=path,
        relative_path=relative,
        **found.fields(),
        file_format=ext,
        kode_kabkota=kode if kode in regency_codes() else None,
        delivery_date=day,
        name_problem=problem,
    )


def find(
    landing: Path,
    *,
    kode_kabkota: str | None = None,
    delivery_date: date | None = None,
    until: date | None = None,
    known: Known | None = None,
) -> list[Delivery]:
    """Every service-log file, optionally of one regency, one day or the days up to ``until``."""
    root = landing / SERVICE_LOGS
    paths: Iterable[Path] = files(root / kode_kabkota, 1) if kode_kabkota else files(root, 2)
    found = []
    for path in paths:
        delivery = _delivery(landing, path, known)
        day = delivery.delivery_date
        if delivery_date is not None and day != delivery_date:
            continue
        if until is not None and (day is None or day > until):
            continue
        found.append(delivery)
    return found


SOURCE = Source(
    name=SERVICE_LOGS,
    find=find,
    spec_for=lambda delivery: SPEC,
    specs=(SPEC,),
    description="E-government service transactions, one file per regency/city and day "
    "(dags/smartprov_service_logs.py maps the load over the 35 codes).",
    asset="service_logs",
    order=10,
)
