"""Contracts v1.1: cuti bersama are not working days for every clock, here the notices'
"late 3 working days" escalation (smartprov.notify.facts), on the sample warehouse with a
hand-made delivery history around Lebaran 2026."""

from __future__ import annotations

import datetime as dt

from smartprov.base.warehouse import connect
from smartprov.notify import facts
from tests.warehouse import fixture


def test_escalation_does_not_run_during_cuti_bersama(home_copy) -> None:
    kode = fixture.CASE_KABKOTA
    con = connect(home_copy.warehouse)
    try:
        # Kota Magelang's last usable delivery is Tue 2026-03-17; nothing on Wed 03-25
        con.execute(
            "update audit.deliveries set is_current = false"
            " where source = 'service_logs' and kode_kabkota = ? and delivery_date = ?",
            [kode, dt.date(2026, 3, 25)],
        )
        con.execute(
            "insert into audit.deliveries (batch_id, source, dataset, relative_path,"
            " kode_kabkota, delivery_date, file_hash, file_format, rows_delivered, rows_loaded,"
            " rows_quarantined, file_quarantined, is_current, loaded_at, channel)"
            " values ('hand-0317', 'service_logs', 'service_logs', ?, ?, ?, 'h-0317', 'csv',"
            " 1, 1, 0, false, true, ?, 'export')",
            [
                f"service_logs/{kode}/2026-03-17.csv",
                kode,
                dt.date(2026, 3, 17),
                dt.datetime(2026, 3, 17, 18),
            ],
        )
        as_of = dt.date(2026, 3, 25)
        run = facts.late_streaks(con, as_of)[kode]
        # 18 (cuti bersama), 19 (Nyepi), 20 (cuti bersama), 21-22 (weekend), 23-24 (cuti
        # bersama): only 25 March is a working day without a delivery (v1 counted 18, 20, 23,
        # 24 and 25: five, an escalation)
        assert run == [as_of]
        assert not [f for f in facts.escalations(con, as_of) if f"({kode})" in f.line]
    finally:
        con.close()
