"""A home of deliveries written by hand (not the simulator), ingested and built, and a real
SMTP server on loopback (aiosmtpd) that keeps what it received.

The regencies/cities, the data date 2026-03-13 (a Friday) and what each must be told:
- 33.76 Kota Tegal: every working day delivered; 2026-03-12 with two bad rows; a live
  kelurahan without TTE letters; a LAPOR complaint past its verification service level.
- 33.01 Kabupaten Cilacap: every working day delivered, all good: nothing to do.
- 33.02 Kabupaten Banyumas: nothing after 2026-03-09: four working days late (escalation).
- 33.03 Kabupaten Purbalingga: up to 2026-03-12, plus a misnamed file (2026-02-30.csv) and a
  file dated in the future: quarantine notice, and no delivery for the data date.
The other regencies/cities never deliver and have no contact.
"""

from __future__ import annotations

import shutil
import socket
from datetime import date, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from smartprov.base.settings import Paths
from tests.ingestion.conftest import CILACAP_VILLAGE, TEGAL_VILLAGE, good_row, write_csv
from tests.ingestion.test_other_sources import LAPOR_HEADER, lapor_row

AS_OF = date(2026, 3, 13)
WORKING_DAYS = [date(2026, 3, d) for d in (2, 3, 4, 5, 6, 9, 10, 11, 12, 13)]
BANYUMAS_VILLAGE = "33.02.01.2001"
PURBALINGGA_VILLAGE = "33.03.01.2001"
TEGAL_INACTIVE = "33.76.01.1002"
CONTACTS = """
provinsi:
  - nama: Bidang Aptika Provinsi
    email: aptika@provinsi.example.org
kabkota:
  "33.76": [{nama: Operator Kota Tegal, email: data@kota-tegal.invalid}]
  "33.01": [{nama: Operator Cilacap, email: data@kab-cilacap.invalid}]
  "33.02": [{nama: Operator Banyumas, email: data@kab-banyumas.invalid}]
  "33.03": [{nama: Operator Purbalingga, email: data@kab-purbalingga.invalid}]
"""
NOTIFY_MARTS = [
    "+mart_delivery_receipts",
    "+mart_delivery_status_kabkota",
    "+mart_rollout_inactive_villages",
    "+fct_lapor_complaints",
    "dim_date",
]


def _logs(paths: Paths, kode: str, village: str, days: list[date]) -> None:
    for day in days:
        rows = [good_row(i, village, day.isoformat()) for i in range(1, 4)]
        for row in rows:
            row[0] = f"{kode}-{day:%m%d}-{row[0]}"
        write_csv(paths.landing / "service_logs" / kode / f"{day}.csv", rows)


def write_deliveries(paths: Paths) -> None:
    _logs(paths, "33.76", TEGAL_VILLAGE, [d for d in WORKING_DAYS if d != date(2026, 3, 12)])
    bad_day = "2026-03-12"
    bad = [good_row(i, TEGAL_VILLAGE, bad_day) for i in range(1, 5)]
    bad[1][3] = "fax"  # row 2: unknown kanal
    bad[2][1] = CILACAP_VILLAGE  # row 3: a village of another regency
    write_csv(paths.landing / "service_logs" / "33.76" / f"{bad_day}.csv", bad)
    _logs(paths, "33.01", CILACAP_VILLAGE, WORKING_DAYS)
    _logs(paths, "33.02", BANYUMAS_VILLAGE, [d for d in WORKING_DAYS if d <= date(2026, 3, 9)])
    _logs(paths, "33.03", PURBALINGGA_VILLAGE, [d for d in WORKING_DAYS if d != AS_OF])
    purbalingga = paths.landing / "service_logs" / "33.03"
    write_csv(purbalingga / "2026-02-30.csv", [good_row(1, PURBALINGGA_VILLAGE)])
    future = date.today() + timedelta(days=5)
    write_csv(purbalingga / f"{future}.csv", [good_row(2, PURBALINGGA_VILLAGE, str(future))])
    write_csv(
        paths.landing / "rollout" / "rollout_register.csv",
        [
            (TEGAL_VILLAGE, "TTE_KELURAHAN", "1", "2026-01-10"),
            (TEGAL_INACTIVE, "TTE_KELURAHAN", "1", "2026-01-10"),
        ],
        ("kode_wilayah", "program", "target", "tanggal_live"),
    )
    write_csv(
        paths.landing / "lapor" / "2026-03-13.csv",
        [
            lapor_row("LAP-1", "menunggu_verifikasi", "2026-03-02T09:00:00+07:00"),
            lapor_row("LAP-9", "hilang", "2026-03-02T09:00:00+07:00"),  # quarantined row
        ],
        LAPOR_HEADER,
    )


@pytest.fixture(scope="session")
def notify_built(tmp_path_factory: pytest.TempPathFactory) -> Paths:
    """The hand-written home, ingested and built (the marts notify reads)."""
    from ingestion.ingest import ingest
    from smartprov.transform import run_dbt_build
    from tests.conftest import TEST_PII_KEY

    mp = pytest.MonkeyPatch()
    mp.setenv("SMARTPROV_PII_KEY", TEST_PII_KEY)
    mp.setenv("DBT_INDIRECT_SELECTION", "cautious")  # no tests of models not built here
    try:
        paths = Paths(tmp_path_factory.mktemp("notify-home")).ensure()
        write_deliveries(paths)
        ingest(paths, check_quality=False)
        run_dbt_build(paths, select=NOTIFY_MARTS)
    finally:
        mp.undo()
    return paths


@pytest.fixture
def notify_home(notify_built: Paths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Paths:
    """A private copy of the built home, with the contact list configured."""
    paths = Paths(tmp_path / "home").ensure()
    shutil.copy2(notify_built.warehouse, paths.warehouse)
    contacts = tmp_path / "contacts.yaml"
    contacts.write_text(CONTACTS, encoding="utf-8")
    monkeypatch.setenv("SMARTPROV_CONTACTS", str(contacts))
    for name in ("SMARTPROV_SMTP_USER", "SMARTPROV_NOTIFY_WEBHOOK"):
        monkeypatch.delenv(name, raising=False)
    return paths


class Inbox:
    """What the SMTP server received."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if address in str(m["To"])]


class SmtpServer:
    """aiosmtpd on 127.0.0.1 that can go down and come back on the same port."""

    def __init__(self) -> None:
        self.inbox = Inbox()
        self.port = free_port()
        self.controller = None

    def start(self) -> None:
        from aiosmtpd.controller import Controller

        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp(monkeypatch: pytest.MonkeyPatch):
    """A real SMTP server on loopback (plain SMTP, no auth), configured for notify."""
    server = SmtpServer()
    server.start()
    monkeypatch.setenv("SMARTPROV_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("SMARTPROV_SMTP_PORT", str(server.port))
    monkeypatch.setenv("SMARTPROV_SMTP_SECURITY", "none")
    monkeypatch.setenv("SMARTPROV_SMTP_FROM", "smartprov@provinsi.example.org")
    try:
        yield server
    finally:
        server.stop()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
