"""Hostile delivered text planted in the dashboards' sample serving (issue 31): markup in the free
text that reaches a page -- a service-log file name, the quarantine reasons that quote delivered
values, a LAPOR agency name -- on Kota Tegal's rows, so a Kota Tegal user sees every one of them.
Counts are not touched. The images and links point at a loopback beacon (HOSTILE_PORT) that the
live test (tests/dashboards/test_hostile_text_live.py) listens on and counts."""

from __future__ import annotations

import duckdb

HOSTILE_PORT = 47391
BEACON = f"http://127.0.0.1:{HOSTILE_PORT}"
KOTA_TEGAL = "33.76"
# marker -> (table, column, which of Kota Tegal's rows, hostile value); the marker is a piece of
# the value that a reader sees when the value is shown as text (Superset's sanitiser drops the
# id attributes, so the live test finds rendered markup by its beacon URL or its z-index)
PLANTED = {
    "33.76/<div": (
        "mart_delivery_receipts",
        "relative_path",
        "delivery_date = (select max(delivery_date) from marts.mart_delivery_receipts)",
        'service_logs/33.76/<div id="hostile-berkas" style="position:fixed;inset:0;'
        'background:red;z-index:9999">Sesi berakhir, hubungi 0812</div>.csv',
    ),
    f"{HOSTILE_PORT}/alasan.png": (
        "mart_delivery_receipts",
        "row_reasons",
        "row_reasons is not null",
        f'<img id="hostile-alasan" src="{BEACON}/alasan.png">Kanal tidak dikenal',
    ),
    f"{HOSTILE_PORT}/masuk": (
        "mart_delivery_receipts",
        "file_reason",
        "delivery_date = (select min(delivery_date) from marts.mart_delivery_receipts)",
        f'<a id="hostile-tautan" href="{BEACON}/masuk">Masuk ulang di sini</a>',
    ),
    f"{HOSTILE_PORT}/instansi.png": (
        # the instansi table reads both complaint channels (LaporGub!, issue 28)
        "fct_complaint_reports",
        "instansi_tujuan",
        "instansi_tujuan like 'Dinas PUPR %'",
        f'<img id="hostile-instansi" src="{BEACON}/instansi.png">Dinas PUPR',
    ),
}


def plant(con: duckdb.DuckDBPyConnection) -> None:
    for table, column, rows, value in PLANTED.values():
        con.execute(
            f"update marts.{table} set {column} = ? where kode_kabkota = ? and ({rows})",
            [value, KOTA_TEGAL],
        )
