"""`smartprov notify`: write the receipts, gather what needs attention, send each audience one
notice per channel with the facts not yet delivered there, record every send."""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

import duckdb

from ingestion.warehouse import open_warehouse
from smartprov.base.reference import regencies
from smartprov.base.settings import NOTIFY_WEBHOOK, SMTP_HOST, Paths
from smartprov.notify import facts as f
from smartprov.notify.contacts import PROVINCE, Contacts, contacts_path, load_contacts
from smartprov.notify.messages import Notice, compose, weekly_summary
from smartprov.notify.receipts import build_receipts, recent, write_receipts
from smartprov.notify.send import (
    DDL,
    EMAIL,
    WEBHOOK,
    SmtpSettings,
    delivered_keys,
    email_message,
    record,
    send_email,
    send_webhook,
)

log = logging.getLogger(__name__)
RECENT_DAYS = 7  # quarantine facts: deliveries loaded in the last week


@dataclass
class NotifyResult:
    receipts: int = 0
    receipt_files_written: int = 0
    as_of_date: str | None = None
    notices: list[dict] = field(default_factory=list)  # audience, channel, subject, status
    notes: list[str] = field(default_factory=list)
    previews: list[Notice] = field(default_factory=list)  # dry run: what would be sent

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k != "previews"}


def gather(
    con: duckdb.DuckDBPyConnection, receipts: list, paths: Paths, now: datetime, notes: list[str]
):
    """Every current fact and the data date (facts of unbuilt marts are left out, noted)."""
    found = f.quarantined(recent(receipts, now, RECENT_DAYS), paths.home)
    try:
        as_of = f.as_of_date(con)
    except duckdb.CatalogException:
        notes.append("marts not built yet: only receipts and quarantine notices")
        return found, None
    if as_of is None:
        return found, None
    for step in (f.missing_deliveries, f.inactive_villages, f.escalations):
        found += step(con, as_of)
    try:
        found += f.lapor_overdue(con)
    except duckdb.CatalogException:
        notes.append("LAPOR marts not built yet")
    return found, as_of


def _channels(dry_run: bool) -> list[str]:
    channels = []
    if dry_run or SmtpSettings.from_env() is not None:
        channels.append(EMAIL)
    if NOTIFY_WEBHOOK.is_set():
        channels.append(WEBHOOK)
    return channels


def notices_for(con, channel: str, found: list, as_of, names: dict[str, str]) -> list[Notice]:
    """One notice per audience with the facts not yet delivered on ``channel``."""
    done = delivered_keys(con, channel)
    pending: dict[str, list] = defaultdict(list)
    for fact in found:
        if (fact.audience, fact.key) not in done:
            pending[fact.audience].append(fact)
    summary = None
    if as_of is not None:
        summary = weekly_summary(con, as_of, f.ESCALATE_AFTER)
        if (PROVINCE, summary.key) in done:
            summary = None
    if summary is not None:
        pending.setdefault(PROVINCE, [])
    return [
        compose(
            audience,
            names.get(audience, audience),
            items,
            as_of,
            summary if audience == PROVINCE else None,
        )
        for audience, items in sorted(pending.items())
    ]


def _deliver(con, channel: str, notice: Notice, contacts: Contacts | None) -> dict:
    to = contacts.recipients(notice.audience) if contacts else []
    recipients = ", ".join(c.email for c in to) if channel == EMAIL else NOTIFY_WEBHOOK.get()
    error = None
    try:
        if channel == EMAIL:
            settings = SmtpSettings.from_env()
            assert settings is not None
            send_email(settings, email_message(settings, notice, to))
        else:
            send_webhook(recipients, notice)
    except Exception as failure:  # noqa: BLE001 - recorded as failed, retried next run
        error = f"{type(failure).__name__}: {failure}"
        log.warning("notice to %s over %s failed: %s", notice.audience, channel, error)
    record(con, notice, channel, recipients if channel == EMAIL else "webhook", error)
    return {
        "audience": notice.audience,
        "channel": channel,
        "subject": notice.subject,
        "facts": len(notice.fact_keys),
        "status": "failed" if error else "delivered",
    }


def notify(paths: Paths, *, dry_run: bool = False, now: datetime | None = None) -> NotifyResult:
    """Receipts, then the notices (``dry_run``: composed and returned, nothing written or sent)."""
    now = now or datetime.now()
    result = NotifyResult()
    names = {r.kode_kabkota: r.nama for r in regencies()} | {PROVINCE: "Diskominfo Provinsi"}
    contacts = None
    try:
        contacts = load_contacts(contacts_path(paths))
    except Exception as error:  # noqa: BLE001 - no list: receipts still written, noted
        if not dry_run:
            result.notes.append(f"no usable contact list: {error}")
    con = open_warehouse(paths.warehouse)
    try:
        con.execute(DDL)
        receipts = build_receipts(con)
        result.receipts = len(receipts)
        if not dry_run:
            result.receipt_files_written = write_receipts(paths.home, receipts)
        found, as_of = gather(con, receipts, paths, now, result.notes)
        result.as_of_date = as_of.isoformat() if as_of else None
        channels = _channels(dry_run)
        if not channels:
            result.notes.append(f"no channel configured ({SMTP_HOST.name}, {NOTIFY_WEBHOOK.name})")
        for channel in channels:
            for notice in notices_for(con, channel, found, as_of, names):
                if dry_run:
                    result.previews.append(notice)
                elif channel == EMAIL and not (contacts and contacts.recipients(notice.audience)):
                    result.notes.append(f"no e-mail contact for {notice.audience}: not sent")
                else:
                    result.notices.append(_deliver(con, channel, notice, contacts))
    finally:
        con.close()
    return result
