"""Sending notices (SMTP through the standard library, optionally the monitoring webhook) and
the notice ledger ``audit.notices``: who got what, for which fact, when, delivered or failed.
A fact delivered on a channel is never sent there again; a failed one is retried next run.

SMTP settings from the environment: ``SMARTPROV_SMTP_HOST`` (no host: no e-mail),
``SMARTPROV_SMTP_PORT`` (587), ``SMARTPROV_SMTP_SECURITY`` (``starttls``, ``tls`` or ``none``),
``SMARTPROV_SMTP_USER`` / ``SMARTPROV_SMTP_PASSWORD`` (login when a user is set; the password
passes smartprov.base.secrets' check), ``SMARTPROV_SMTP_FROM``. The webhook:
``SMARTPROV_NOTIFY_WEBHOOK`` (a URL; the JSON shape of smartprov.orchestration.monitoring).
"""

from __future__ import annotations

import smtplib
import ssl
import uuid
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

import duckdb

from smartprov.base import settings
from smartprov.notify.contacts import Contact
from smartprov.notify.messages import Notice

EMAIL, WEBHOOK = "email", "webhook"
SECURITY = ("starttls", "tls", "none")

DDL = """
create table if not exists audit.notices (
    notice_id varchar not null,         -- one notice (message) of one run
    audience varchar not null,          -- regency/city code or 'provinsi'
    channel varchar not null,           -- email | webhook
    recipients varchar,                 -- e-mail addresses (email) or the webhook
    kind varchar not null,              -- smartprov.notify.facts kinds, ringkasan_mingguan
    fact_key varchar not null,          -- what the notice was about: sent once per key
    subject varchar not null,
    status varchar not null,            -- delivered | failed
    error varchar,
    recorded_at timestamp not null
)
"""


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    security: str
    user: str | None
    password: str | None
    sender: str
    timeout: float = 30.0

    @classmethod
    def from_env(cls) -> SmtpSettings | None:
        host = settings.SMTP_HOST.get()
        if not host:
            return None
        security = settings.SMTP_SECURITY.get().lower()
        if security not in SECURITY:
            raise ValueError(f"{settings.SMTP_SECURITY.name} must be one of {', '.join(SECURITY)}")
        default_port = {"tls": 465, "starttls": 587, "none": 25}[security]
        user = settings.SMTP_USER.get() or None
        password = None
        if user and security == "none" and not is_loopback(host):
            raise ValueError(
                f"{settings.SMTP_SECURITY.name}=none with {settings.SMTP_USER.name} set would send "
                f"the SMTP password in clear to {host}: use starttls or tls (plain SMTP with a "
                "login only to a relay on loopback)"
            )
        if user:
            from smartprov.base.secrets import check_secret

            password = check_secret(settings.SMTP_PASSWORD.name, settings.SMTP_PASSWORD.get())
        return cls(
            host=host,
            port=int(settings.SMTP_PORT.get() or default_port),
            security=security,
            user=user,
            password=password,
            sender=settings.SMTP_FROM.get() or f"smartprov@{host}",
        )


def email_message(settings: SmtpSettings, notice: Notice, to: list[Contact]) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.sender
    message["To"] = ", ".join(formataddr((c.nama, c.email)) for c in to)
    message["Subject"] = notice.subject
    message["Message-ID"] = make_msgid(domain="smartprov.invalid")
    message.set_content(notice.text)
    for path in notice.attachments:
        if path.exists():
            message.add_attachment(
                path.read_bytes(), maintype="text", subtype="html", filename=path.name
            )
    return message


def is_loopback(host: str) -> bool:
    """``localhost`` or a loopback address (127.0.0.0/8, ::1)."""
    import ipaddress

    if host.strip().lower().rstrip(".") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def send_email(settings: SmtpSettings, message: EmailMessage) -> None:
    """One message through the configured SMTP server (raises on any failure).

    A login is only ever sent over TLS (``tls``/``starttls``) or to a loopback relay."""
    if settings.user and settings.security == "none" and not is_loopback(settings.host):
        raise ValueError(f"refusing to send SMTP credentials in clear to {settings.host}")
    context = ssl.create_default_context()
    if settings.security == "tls":
        client: smtplib.SMTP = smtplib.SMTP_SSL(
            settings.host, settings.port, timeout=settings.timeout, context=context
        )
    else:
        client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    with client:
        if settings.security == "starttls":
            client.starttls(context=context)
        if settings.user:
            client.login(settings.user, settings.password or "")
        client.send_message(message)


def post_webhook(url: str, text: str, alerts: list[dict[str, str]]) -> None:
    """POST a notice or an alert to a webhook (the JSON shape monitoring alerts use too)."""
    import httpx

    response = httpx.post(
        url, json={"source": "smartprov", "text": text, "alerts": alerts}, timeout=10
    )
    response.raise_for_status()


def send_webhook(url: str, notice: Notice) -> None:
    alerts = [{"kind": f.kind, "subject": f.audience, "detail": f.key} for f in notice.facts]
    post_webhook(url, f"{notice.subject}\n\n{notice.text}", alerts)


def delivered_keys(con: duckdb.DuckDBPyConnection, channel: str) -> set[tuple[str, str]]:
    return set(
        con.execute(
            "select distinct audience, fact_key from audit.notices "
            "where channel = ? and status = 'delivered'",
            [channel],
        ).fetchall()
    )


def record(
    con: duckdb.DuckDBPyConnection,
    notice: Notice,
    channel: str,
    recipients: str,
    error: str | None,
) -> None:
    """One ledger row per fact of the notice (and its weekly summary)."""
    notice_id = str(uuid.uuid4())
    now = datetime.now().replace(microsecond=0)
    kinds = [f.kind for f in notice.facts] + (["ringkasan_mingguan"] if notice.summary else [])
    status = "failed" if error else "delivered"
    con.executemany(
        "insert into audit.notices values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                notice_id,
                notice.audience,
                channel,
                recipients,
                kind,
                key,
                notice.subject,
                status,
                error,
                now,
            )  # fmt: skip
            for kind, key in zip(kinds, notice.fact_keys, strict=True)
        ],
    )
