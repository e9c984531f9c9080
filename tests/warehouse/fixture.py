"""A small, deterministic raw warehouse for the dbt tests.

Rows are inserted straight into the raw/audit tables that
``smartprov.base.warehouse.open_warehouse``
creates, so the dbt project can be built without the simulator and ingestion. The hand-computable
cases the tests check are constants below.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from ingestion.warehouse import open_warehouse
from smartprov.base import reference

AS_OF = dt.date(2026, 3, 31)
DAYS = [AS_OF - dt.timedelta(days=n) for n in range(6, -1, -1)]  # 2026-03-25 .. 2026-03-31
STALE_KABKOTA = "33.01"  # stops delivering after 2026-03-27
STALE_LAST_DAY = dt.date(2026, 3, 27)
LOADED_BASE = dt.datetime(2026, 4, 1, 6, 0, 0)

# Hand-computable rollout case: Kota Magelang (33.71), 3 targeted, 2 live, 1 active.
CASE_KABKOTA = "33.71"
KOTA_TEGAL = "33.76"

LINEAGE = "_row_number, _source_file, _file_hash, _batch_id, _loaded_at"
TARGET_DOC = "RPJMD Kota 2025–2029 (uji)"


def _villages(kode_kabkota: str) -> list[str]:
    return [v.kode_wilayah for v in reference.villages_by_regency()[kode_kabkota]]


def build(path: Path) -> dict[str, int]:
    """Create the warehouse at ``path`` and fill the raw tables; return a few expected counts."""
    rng = random.Random(7)
    con = open_warehouse(path)
    batch_no = 0

    def batch(source: str, rel: str, kode: str | None, day: dt.date | None, n: int) -> tuple:
        nonlocal batch_no
        batch_no += 1
        batch_id = f"b{batch_no:05d}"
        loaded_at = LOADED_BASE + dt.timedelta(minutes=batch_no)
        con.execute(
            "insert into audit.deliveries (batch_id, source, dataset, relative_path,"
            " kode_kabkota, delivery_date, period, file_hash, file_format, rows_delivered,"
            " rows_loaded, rows_quarantined, file_quarantined, file_reason, is_current,"
            " loaded_at, channel) values (?, ?, ?, ?, ?, ?, null, ?, 'csv', ?, ?, 0,"
            " false, null, true, ?, 'export')",
            [batch_id, source, source, rel, kode, day, f"h{batch_no}", n, n, loaded_at],
        )
        return rel, f"h{batch_no}", batch_id, loaded_at

    # --- service logs -------------------------------------------------------------------
    service_rows: list[tuple] = []
    tegal = _villages(KOTA_TEGAL)
    for kode in reference.regency_codes():
        villages = _villages(kode)
        for day in DAYS:
            if kode == STALE_KABKOTA and day > STALE_LAST_DAY:
                continue
            rows = []
            for i in range(4):
                village = villages[(i + day.day) % min(len(villages), 5)]
                if kode == CASE_KABKOTA:
                    continue  # the case regency gets hand-written rows below
                if kode == KOTA_TEGAL:
                    village = tegal[(i + day.day) % 19]
                start = dt.datetime.combine(day, dt.time(8 + i, 0))
                status = ["selesai", "selesai", "ditolak", "proses"][i]
                done = start + dt.timedelta(hours=2 + i) if status != "proses" else None
                rows.append(
                    (
                        f"{day:%m%d}-{i}",
                        village,
                        reference_service(i),
                        ["web", "mobile", "loket", "web"][i],
                        start,
                        done,
                        status,
                        i % 2 == 0,
                        "lurah",
                    )
                )
            if kode == CASE_KABKOTA and day == AS_OF - dt.timedelta(days=1):
                v = _villages(CASE_KABKOTA)
                rows += [
                    # village 0: live and active (TTE letter issued)
                    (
                        "M-1",
                        v[0],
                        "SKTM",
                        "web",
                        dt.datetime(2026, 3, 30, 9),
                        dt.datetime(2026, 3, 30, 11),
                        "selesai",
                        True,
                        "lurah",
                    ),
                    # village 1: live, only a wet-ink letter -> declared live but inactive
                    (
                        "M-2",
                        v[1],
                        "SKTM",
                        "loket",
                        dt.datetime(2026, 3, 30, 9),
                        dt.datetime(2026, 3, 30, 10),
                        "selesai",
                        False,
                        "lurah",
                    ),
                    # village 2: targeted, not live; a TTE letter that failed to sign
                    (
                        "M-3",
                        v[2],
                        "IZIN_HAJATAN",
                        "mobile",
                        dt.datetime(2026, 3, 30, 9),
                        dt.datetime(2026, 3, 30, 9, 30),
                        "gagal",
                        True,
                        "lurah",
                    ),
                ]
            if kode == CASE_KABKOTA and day == DAYS[0]:
                v = _villages(CASE_KABKOTA)
                # Lebaran 2026 in working days (contracts v1.1): M-10 requested Thu 03-19
                # (Nyepi), issued Wed 03-25 (wet ink) = 1 working day (v1: 4; 145 hours);
                # M-11 requested Tue 03-17, still in proses: 5 working days old by 03-31
                # (25, 26, 27, 30, 31; v1: 9)
                rows += [
                    (
                        "M-10",
                        v[1],
                        "SKTM",
                        "loket",
                        dt.datetime(2026, 3, 19, 9),
                        dt.datetime(2026, 3, 25, 10),
                        "selesai",
                        False,
                        "lurah",
                    ),
                    (
                        "M-11",
                        v[1],
                        "SKTM",
                        "loket",
                        dt.datetime(2026, 3, 17, 9),
                        None,
                        "proses",
                        False,
                        "lurah",
                    ),
                ]
                # delivered as in progress on day 0, re-delivered as issued (TTE) on day 1 below
                rows.append(
                    (
                        "M-9",
                        v[0],
                        "SKTM",
                        "web",
                        dt.datetime(2026, 3, 25, 9),
                        None,
                        "proses",
                        True,
                        "lurah",
                    )
                )
            if kode == CASE_KABKOTA and day == DAYS[1]:
                v = _villages(CASE_KABKOTA)
                rows.append(
                    (
                        "M-9",
                        v[0],
                        "SKTM",
                        "web",
                        dt.datetime(2026, 3, 25, 9),
                        dt.datetime(2026, 3, 26, 10),
                        "selesai",
                        True,
                        "lurah",
                    )
                )
            rel = f"service_logs/{kode}/{day.isoformat()}.csv"
            lineage = batch("service_logs", rel, kode, day, len(rows))
            for n, row in enumerate(rows, start=1):
                service_rows.append((kode, day, *row, n, *lineage))
    con.executemany(
        f"insert into raw.service_logs (kode_kabkota, delivery_date, id_transaksi, kode_wilayah,"
        f" jenis_layanan, kanal, waktu_permohonan, waktu_selesai, status, tte, penandatangan,"
        f" {LINEAGE}) values ({', '.join('?' * 16)})",
        service_rows,
    )

    # --- rollout register ---------------------------------------------------------------
    lineage = batch("rollout", "rollout/rollout_register.csv", None, None, 0)
    register = []
    for n, village in enumerate(tegal):
        live = dt.date(2026, 1, 5) + dt.timedelta(days=n) if n < 19 else None
        register.append((village, "TTE_KELURAHAN", True, live))
    case = _villages(CASE_KABKOTA)
    register += [
        (case[0], "TTE_KELURAHAN", True, dt.date(2026, 2, 1)),
        (case[1], "TTE_KELURAHAN", True, dt.date(2026, 3, 1)),
        (case[2], "TTE_KELURAHAN", True, None),
        (case[3], "TTE_KELURAHAN", False, None),
        (case[0], "SIPEDE_ONLINE", True, dt.date(2026, 3, 1)),
    ]
    con.executemany(
        f"insert into raw.rollout_register (kode_wilayah, program, target, tanggal_live, {LINEAGE})"
        " values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(*row, n, *lineage) for n, row in enumerate(register, start=1)],
    )

    # --- LAPOR --------------------------------------------------------------------------
    lineage = batch("lapor", "lapor/2026-03-31.csv", None, AS_OF, 0)
    lapor = []

    def version(
        tid,
        lapor_at,
        kode,
        status,
        kategori="lainnya",
        verif=None,
        disp=None,
        tl=None,
        selesai=None,
        updated=None,
        instansi="Dinas Kependudukan",
        jenis="pengaduan",
    ):
        lapor.append(
            (
                tid,
                lapor_at,
                "website",
                jenis,
                kategori,
                instansi,
                kode,
                status,
                verif,
                disp,
                tl,
                selesai,
                updated or lapor_at,
                False,
                False,
                "k" + tid,
                None,
                "export",
            )
        )

    t = dt.datetime
    # the contract example: Fri 2026-03-20 -> verified and forwarded Wed 2026-03-25 = 3 working
    # days, on time (the 3-day limit covers forwarding, tanggal_disposisi)
    version("L-1", t(2026, 3, 20, 9), CASE_KABKOTA, "menunggu_verifikasi")
    version(
        "L-1",
        t(2026, 3, 20, 9),
        CASE_KABKOTA,
        "didisposisikan",
        verif=t(2026, 3, 25, 10),
        disp=t(2026, 3, 25, 11),
        updated=t(2026, 3, 25, 11),
    )
    # open, never verified, submitted 2026-03-02: overdue as of 2026-03-31 -> late
    version("L-2", t(2026, 3, 2, 9), CASE_KABKOTA, "menunggu_verifikasi", kategori="perizinan")
    # verified late (Mon 03-02 -> Mon 03-09 = 5 working days), followed up on time, done
    version(
        "L-3",
        t(2026, 3, 2, 9),
        CASE_KABKOTA,
        "selesai",
        kategori="lingkungan_hidup",
        verif=t(2026, 3, 9, 9),
        disp=t(2026, 3, 9, 10),
        tl=t(2026, 3, 10, 9),
        selesai=t(2026, 3, 12, 9),
        updated=t(2026, 3, 12, 9),
    )
    # archived: not counted in completion
    version(
        "L-4",
        t(2026, 3, 3, 9),
        CASE_KABKOTA,
        "diarsipkan",
        verif=t(2026, 3, 4, 9),
        updated=t(2026, 3, 4, 9),
    )
    # provincial agency, no regency
    version(
        "L-5",
        t(2026, 3, 10, 9),
        None,
        "terverifikasi",
        verif=t(2026, 3, 11, 9),
        instansi="Dinas Pariwisata Provinsi",
    )
    # Lebaran 2026 (contracts v1.1: cuti bersama 18, 20, 23, 24 March are not working days) and
    # v1.1 report types. L-6, an aspiration, is lapor-v1's worked example: Thu 03-19 -> verified
    # and forwarded Wed 03-25 = 1 working day, on time (v1 counted 4: late).
    version(
        "L-6",
        t(2026, 3, 19, 9),
        CASE_KABKOTA,
        "didisposisikan",
        verif=t(2026, 3, 25, 9),
        disp=t(2026, 3, 25, 10),
        updated=t(2026, 3, 25, 10),
        jenis="aspirasi",
    )
    # an information request forwarded Tue 03-17, answered Thu 03-26 = 2 working days (25, 26),
    # on time for the 5-day follow-up limit (v1 counted 6: late); selesai
    version(
        "L-7",
        t(2026, 3, 16, 9),
        CASE_KABKOTA,
        "selesai",
        verif=t(2026, 3, 17, 9),
        disp=t(2026, 3, 17, 10),
        tl=t(2026, 3, 26, 9),
        selesai=t(2026, 3, 27, 9),
        updated=t(2026, 3, 27, 9),
        jenis="permintaan_informasi",
    )
    # no jenis delivered = a pengaduan (the API's default); followed up Wed 03-11 with no reply:
    # 9 working days by 03-31 (12, 13, 16, 17, 25, 26, 27, 30, 31) -> still open, not
    # auto-closed after 10 (v1 counted 13: closed)
    version(
        "L-8",
        t(2026, 3, 9, 9),
        CASE_KABKOTA,
        "ditindaklanjuti",
        verif=t(2026, 3, 10, 9),
        disp=t(2026, 3, 10, 10),
        tl=t(2026, 3, 11, 9),
        updated=t(2026, 3, 11, 9),
        jenis=None,
    )
    for i, kode in enumerate(reference.regency_codes()):
        version(
            f"R-{i}",
            t(2026, 3, 16, 9) + dt.timedelta(hours=i % 5),
            kode,
            "ditindaklanjuti",
            kategori=["pariwisata", "perizinan", "infrastruktur"][i % 3],
            verif=t(2026, 3, 17, 9),
            disp=t(2026, 3, 17, 10),
            tl=t(2026, 3, 18, 9),
            updated=t(2026, 3, 18, 9),
        )
    con.executemany(
        "insert into raw.lapor_complaints (tracking_id, tanggal_lapor, kanal, jenis, kategori,"
        " instansi_tujuan, kode_kabkota, status, tanggal_verifikasi, tanggal_disposisi,"
        " tanggal_tindak_lanjut, tanggal_selesai, updated_at, rahasia, anonim, pelapor_key,"
        f" isi_laporan, _channel, {LINEAGE}) values ({', '.join('?' * 23)})",
        [(*row, n, *lineage) for n, row in enumerate(lapor, start=1)],
    )

    _laporgub(con, batch)

    # --- indicators ---------------------------------------------------------------------
    for dataset in ("penduduk", "pdrb", "kemiskinan", "wisatawan", "ispu", "ipm", "iklh"):
        lineage = batch("indicators", f"indicators/{dataset}/2025.csv", None, None, 0)
        rows = []
        for i, kode in enumerate(reference.regency_codes()):
            pop = 500_000 + 40_000 * i
            if dataset == "penduduk":
                rows += [(kode, 2024, pop - 5_000), (kode, 2025, pop)]
            elif dataset == "pdrb":
                rows += [
                    (kode, 2024, 30_000.0 + 900 * i, 20_000.0 + 500 * i),
                    (kode, 2025, 32_000.0 + 950 * i, 21_000.0 + 520 * i),
                ]
            elif dataset == "kemiskinan":
                rows += [(kode, y, 8.0 + (i % 9), 4.0 + (i % 5) / 2) for y in (2024, 2025)]
            elif dataset == "wisatawan":
                rows += [
                    (kode, 2026, m, 100_000 + 1_000 * i, 50 * i, 40.0 + i % 10) for m in (1, 2)
                ]
            elif dataset == "ipm":
                rows += [(kode, 2025, 70.0 + i % 10)]
            elif dataset == "iklh":
                # v1.1: every regency/city has an IKLH (no ISPU station measured in 2025)
                rows += [(kode, 2025, 60.0 + i % 20)]
            else:
                for d in DAYS:
                    ispu = 30 + rng.randint(0, 120)
                    rows.append(
                        (f"S{i:02d}", kode, d, ispu / 3, None, None, None, None, None, ispu)
                    )
        cols = {
            "penduduk": "kode_kabkota, tahun, jumlah_penduduk",
            "pdrb": "kode_kabkota, tahun, pdrb_adhb_miliar, pdrb_adhk_miliar",
            "kemiskinan": "kode_kabkota, tahun, persen_penduduk_miskin, tpt_persen",
            "wisatawan": "kode_kabkota, tahun, bulan, wisnus_perjalanan, wisman_kunjungan,"
            " okupansi_hotel_persen",
            "ispu": "id_stasiun, kode_kabkota, tanggal, pm25, pm10, no2, so2, co, o3, ispu",
            "ipm": "kode_kabkota, tahun, ipm",
            "iklh": "kode_kabkota, tahun, iklh",
        }[dataset]
        width = len(cols.split(",")) + 5
        con.executemany(
            f"insert into raw.indicator_{dataset} ({cols}, {LINEAGE})"
            f" values ({', '.join('?' * width)})",
            [(*row, n, *lineage) for n, row in enumerate(rows, start=1)],
        )
    # --- plan targets (targets-v1), hand-written --------------------------------------------
    lineage = batch("targets", "targets/target_indikator.csv", None, None, 0)
    rpjmd = "RPJMD Provinsi Jawa Tengah 2025–2029, Tabel 6.2"
    targets = [
        ("GOV_TTE_LIVE_SHARE", "provinsi", None, 2026, 0.8, "naik", rpjmd, "ditetapkan"),
        ("ECO_GRDP_REAL_GROWTH", "provinsi", None, 2025, 0.05, "naik", rpjmd, "ditetapkan"),
        ("ECO_POVERTY_RATE", "provinsi", None, 2025, 0.10, "turun", rpjmd, "ditetapkan"),
        (
            "ECO_POVERTY_RATE",
            "kabkota",
            CASE_KABKOTA,
            2025,
            0.08,
            "turun",
            TARGET_DOC,
            "ditetapkan",
        ),
        ("ECO_UNEMPLOYMENT_RATE", "kabkota", KOTA_TEGAL, 2025, 0.05, "turun", TARGET_DOC, "usulan"),
        # a plan's later year: in the marts, not in a briefing of 2026
        ("ECO_POVERTY_RATE", "kabkota", KOTA_TEGAL, 2027, 0.04, "turun", TARGET_DOC, "usulan"),
    ]
    con.executemany(
        "insert into raw.target_indikator (kode_indikator, tingkat, kode_kabkota, tahun, target,"
        f" arah, dokumen, status_target, {LINEAGE}) values ({', '.join('?' * 13)})",
        [(*row, n, *lineage) for n, row in enumerate(targets, start=1)],
    )
    con.execute("checkpoint")
    con.close()
    return {"service_rows": len(service_rows)}


def reference_service(i: int) -> str:
    return ["SKTM", "PENGANTAR_SKCK", "DOMISILI_USAHA", "PINDAH_DATANG"][i]


# --- LaporGub! (laporgub-v1) -------------------------------------------------------------------
# Hand-computable, pengaduan only (lapor-v1 v1.1; a ticket without jenis is one): Kota Magelang
# (CASE_KABKOTA) has 6 SP4N-LAPOR! pengaduan (L-1..L-4, L-8, R-<i>; L-6 aspirasi and L-7
# permintaan_informasi are reports, not complaints) and 4 LaporGub! tickets: G-1 forwarded from
# L-3 (rujukan_lapor L-3: the same report), G-2 and G-6 its own, G-4 naming a LAPOR id never
# delivered (L-404: counts on its own) -> 6 + 4 - 1 = 9. 33.01 has R-0 and G-5 forwarded to
# LAPOR as R-0 -> 1. G-3 is provincial. Province (regencies only): 40 LAPOR (35 R-<i>, L-1..L-4,
# L-8) + 5 LaporGub - 2 in both = 43.
LAPORGUB_CASE = {"complaints": 9, "lapor": 6, "laporgub": 4, "in_both": 1}
LAPORGUB_FORWARDED_TO = ("33.01", {"complaints": 1, "lapor": 1, "laporgub": 1, "in_both": 1})
LAPORGUB_PROVINCE = {"complaints": 43, "lapor": 40, "laporgub": 5, "in_both": 2}


def _laporgub(con, batch) -> None:
    lineage = batch("laporgub", "laporgub/2026-03-31.csv", None, AS_OF, 0)
    t = dt.datetime
    rows = [
        # (no_tiket, masuk, kode, status, verifikasi, respon, selesai, diperbarui, rujukan)
        ("G-1", t(2026, 3, 2, 10), CASE_KABKOTA, "selesai", t(2026, 3, 3, 9),
         t(2026, 3, 4, 9), t(2026, 3, 6, 9), t(2026, 3, 6, 9), "L-3"),
        ("G-2", t(2026, 3, 23, 9), CASE_KABKOTA, "belum_diverifikasi", None, None, None,
         t(2026, 3, 23, 9), None),
        ("G-2", t(2026, 3, 23, 9), CASE_KABKOTA, "diverifikasi", t(2026, 3, 25, 9), None,
         None, t(2026, 3, 25, 9), None),
        ("G-3", t(2026, 3, 10, 9), None, "proses", t(2026, 3, 10, 11), t(2026, 3, 12, 9),
         None, t(2026, 3, 12, 9), None),
        ("G-4", t(2026, 3, 16, 9), CASE_KABKOTA, "proses", t(2026, 3, 16, 10),
         t(2026, 3, 17, 9), None, t(2026, 3, 17, 9), "L-404"),
        ("G-5", t(2026, 3, 16, 8), "33.01", "proses", t(2026, 3, 16, 9), None, None,
         t(2026, 3, 16, 9), "R-0"),
        ("G-6", t(2026, 3, 9, 9), CASE_KABKOTA, "tidak_layak", t(2026, 3, 10, 9), None,
         None, t(2026, 3, 10, 9), None),
    ]  # fmt: skip
    con.executemany(
        "insert into raw.laporgub_reports (no_tiket, tanggal_masuk, kanal, jenis, kategori,"
        " opd_tujuan, kode_kabkota, status, tanggal_verifikasi, tanggal_respon, tanggal_selesai,"
        f" diperbarui_pada, rujukan_lapor, pelapor_key, {LINEAGE})"
        f" values (?, ?, 'whatsapp', null, 'lainnya', 'Sekretariat Daerah', ?, ?, ?, ?, ?, ?, ?,"
        f" 'k' || ?, ?, ?, ?, ?, ?)",
        [
            (tiket, masuk, kode, status, verif, respon, done, updated, rujukan, tiket, n, *lineage)
            for n, (tiket, masuk, kode, status, verif, respon, done, updated, rujukan) in enumerate(
                rows, start=1
            )
        ],  # fmt: skip
    )
