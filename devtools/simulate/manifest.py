"""`landing/_expected.json`: what a correct ingestion of this landing folder loads and quarantines.

Counts describe the final content of landing/ (a re-delivered day is simply its final file).
"""

from __future__ import annotations

import json
from datetime import date

from devtools.simulate.common import Output

MANIFEST = "_expected.json"
VERSION = 1


def build_manifest(
    *,
    seed: int,
    start: date,
    days: int,
    scale: float,
    data_date: date,
    service_logs: dict[str, dict],
    lapor: dict,
    rollout: dict,
    indicators: dict,
    **added: dict,
) -> dict:
    """The manifest; ``added``: the sections of the sources added since (one per source)."""
    return {
        "version": VERSION,
        "seed": seed,
        "start": start.isoformat(),
        "days": days,
        "scale": scale,
        "data_date": data_date.isoformat(),
        "variants": {code: entry["variant"] for code, entry in service_logs.items()},
        "service_logs": service_logs,
        "service_logs_total": _totals(service_logs),
        "lapor": lapor,
        "rollout": rollout,
        "indicators": indicators,
        **added,
        "missing_data_date": sorted(
            code
            for code, entry in service_logs.items()
            if entry["last_delivery"] != data_date.isoformat()
        ),
        "notes": {
            "rows": "rows_* count rows of files that are not quarantined whole; "
            "rows_loaded = rows_delivered - rows_quarantined (both versions of a "
            "re-delivered transaction are loaded rows)",
            "transactions": "distinct id_transaksi among loaded rows (latest delivery wins); "
            "rows of re-delivered transactions are never defective",
            "active_villages_30d": "villages with >= 1 loaded latest-version row, status "
            "selesai, tte true, waktu_selesai (WIB) date in [data_date - 29, data_date]",
            "live_villages": "TTE_KELURAHAN target = 1 and tanggal_live <= data_date",
        },
    }


def _totals(service_logs: dict[str, dict]) -> dict[str, int]:
    keys = ("files_delivered", "files_quarantined", "rows_delivered", "rows_loaded",
            "rows_quarantined", "transactions")  # fmt: skip
    return {key: sum(entry[key] for entry in service_logs.values()) for key in keys}


def write_manifest(out: Output, manifest: dict) -> None:
    text = json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    out.write_bytes(MANIFEST, text.encode("utf-8"))
