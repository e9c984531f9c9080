"""Monitoring: regencies that missed the data date's delivery, LAPOR complaints past their
service level. Alerts go to the log and, when ``SMARTPROV_ALERT_WEBHOOK`` is set, to that URL
as one JSON POST (``{"text": ..., "alerts": [...]}``; Slack/Mattermost-style ``text``).
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from smartprov.base import settings
from smartprov.base.reference import regency_codes
from smartprov.base.settings import Paths
from smartprov.notify.send import post_webhook

log = logging.getLogger(__name__)

MAX_LISTED = 50  # complaints listed one by one in an alert; the rest are counted


@dataclass
class Alert:
    kind: str  # missed_delivery | broken_delivery | lapor_sla_breach | task_failure
    subject: str  # a regency code, a complaint tracking id, a task
    detail: str


@dataclass
class Report:
    data_date: str
    delivered: int = 0
    alerts: list[Alert] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "data_date": self.data_date,
            "delivered": self.delivered,
            "alerts": [asdict(a) for a in self.alerts],
            "notes": self.notes,
        }

    def count(self, kind: str) -> int:
        return sum(a.kind == kind for a in self.alerts)


_SLA = """
select tracking_id, kode_kabkota, instansi_tujuan, status,
       is_verification_overdue, is_follow_up_overdue, age_working_days
from marts.fct_lapor_complaints
where is_verification_overdue or is_follow_up_overdue
order by age_working_days desc, tracking_id
"""


def _delivery_alert(regency: Any, row: dict[str, Any] | None, data_date: date) -> Alert | None:
    """An alert when the regency has no usable delivery for ``data_date`` (None: delivered).

    Reads the dbt mart's status (mart_delivery_status_kabkota): delivered when the latest day
    with a file not quarantined whole is on or after ``data_date``.
    """
    kode, name = regency.kode_kabkota, regency.nama
    last, usable = (
        (row["last_delivery_date"], row["last_usable_delivery_date"]) if row else (None, None)
    )
    if usable is not None and usable >= data_date:
        return None
    if last is not None and last >= data_date:
        reason = row["last_delivery_reason"] if row else None
        return Alert(
            "broken_delivery", kode, f"{name}: the {data_date} delivery was quarantined ({reason})"
        )
    return Alert("missed_delivery", kode, f"{name}: no service-log delivery for {data_date}")


def _sla_alerts(breaches: list[tuple]) -> list[Alert]:
    alerts = []
    for tracking_id, kode, instansi, status, verif_late, follow_late, age in breaches:
        steps = " and ".join(
            step
            for step, late in (("verification", verif_late), ("follow-up", follow_late))
            if late
        )
        alerts.append(
            Alert(
                "lapor_sla_breach",
                tracking_id,
                f"{kode or '-'} {instansi or '-'}: {steps} overdue, status {status}, "
                f"{age} working days old",
            )
        )
    return alerts


def _read(paths: Paths) -> tuple[dict[str, dict[str, Any]] | None, list[tuple] | None]:
    """The delivery status mart's rows and the LAPOR breaches (None: not built yet)."""
    import duckdb

    from ingestion.warehouse import open_warehouse
    from smartprov.status import read_delivery_status

    # the same connection settings as every other opener: a process (dag.test, a worker
    # running several tasks) may not open one file with two configurations
    con = open_warehouse(paths.warehouse)
    try:
        status = read_delivery_status(con)
        try:
            breaches = con.execute(_SLA).fetchall()
        except duckdb.CatalogException:
            breaches = None
    finally:
        con.close()
    return status, breaches


def check(paths: Paths, data_date: date) -> Report:
    """Read the warehouse's built marts and list what needs someone's attention."""
    from smartprov.base.reference import regencies

    report = Report(data_date=data_date.isoformat())
    status, breaches = _read(paths) if paths.warehouse.exists() else (None, None)
    if not paths.warehouse.exists():
        report.notes.append(f"no warehouse at {paths.warehouse}: nothing delivered yet")
    elif status is None:
        report.notes.append("delivery status not built yet (no dbt build): all reported missed")
    else:
        as_of = max((r["as_of_date"] for r in status.values() if r["as_of_date"]), default=None)
        if as_of is None or as_of < data_date:
            report.notes.append(
                f"the warehouse was last built for {as_of}: later deliveries are not counted"
            )
    for regency in regencies():
        alert = _delivery_alert(regency, (status or {}).get(regency.kode_kabkota), data_date)
        if alert is None:
            report.delivered += 1
        else:
            report.alerts.append(alert)
    if breaches is None:
        if paths.warehouse.exists():
            report.notes.append("LAPOR service levels not measured yet (warehouse not built)")
        return report
    report.alerts.extend(_sla_alerts(breaches))
    return report


def message(report: Report) -> str:
    """One readable text for the log and the webhook."""
    lines = [
        f"Smart-province monitoring for {report.data_date}: "
        f"{report.delivered}/{len(regency_codes())} regencies delivered, "
        f"{report.count('missed_delivery')} missed, {report.count('broken_delivery')} broken, "
        f"{report.count('lapor_sla_breach')} LAPOR complaints past their service level"
    ]
    listed = 0
    for alert in report.alerts:
        if alert.kind == "lapor_sla_breach":
            listed += 1
            if listed > MAX_LISTED:
                continue
        lines.append(f"- [{alert.kind}] {alert.subject}: {alert.detail}")
    if listed > MAX_LISTED:
        lines.append(f"- ... and {listed - MAX_LISTED} more complaints past their service level")
    lines += [f"note: {note}" for note in report.notes]
    return "\n".join(lines)


def send(text: str, alerts: list[dict[str, Any]], *, webhook: str | None = None) -> bool:
    """Log the alert; POST it to the webhook when one is configured. True when posted."""
    log.warning("%s", text)
    url = webhook if webhook is not None else settings.ALERT_WEBHOOK.get()
    if not url:
        return False
    post_webhook(url, text, alerts)
    return True


def monitor(paths: Paths, data_date: date) -> dict[str, Any]:
    """Check, then alert (only when something needs attention). Returns the report."""
    from smartprov.transform import release_dbt_connection

    release_dbt_connection()
    report = check(paths, data_date)
    result = report.as_dict()
    if report.alerts:
        result["posted"] = send(message(report), result["alerts"])
    else:
        log.info("%s", message(report))
        result["posted"] = False
    return result


def task_failure_alert(context: Any) -> None:
    """Airflow ``on_failure_callback``: log and post which task failed and why. Never raises."""
    ti = context.get("ti") or context.get("task_instance")
    map_index = getattr(ti, "map_index", -1)
    subject = f"{getattr(ti, 'dag_id', '?')}.{getattr(ti, 'task_id', '?')}"
    if map_index is not None and map_index >= 0:
        subject += f"[{map_index}]"
    error = context.get("exception")
    text = f"Task {subject} failed (run {getattr(ti, 'run_id', '?')}): {error!r}"
    try:
        send(text, [asdict(Alert("task_failure", subject, repr(error)))])
    except Exception:  # a broken webhook must not hide the task's own failure
        log.exception("could not post the failure alert for %s", subject)
