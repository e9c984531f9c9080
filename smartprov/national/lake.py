"""The national lake: each province's export, whole or not at all.

Layout (a local folder by default, ``SMARTPROV_LAKE``)::

    <lake>/province=33 -> .versions/33/<id>      a symbolic link: the province's current export
    <lake>/.versions/33/<id>/                      one export, written in place, never changed:
        mart_rollout_kabkota.parquet ...           the regency-level serving marts
        fct_service_transactions/2026-01.parquet   the transaction fact, one file per month
        export_info.parquet                        one row: province, data date, export time
        _manifest.json                             written last: every file's rows, bytes, sha256

An export writes a new version folder (its name unknown to readers), writes the manifest last,
then points ``province=<kode>`` at it by renaming a fresh link over the old one (``os.replace``:
atomic on one filesystem). A reader resolves each link once and reads only versions whose
manifest is complete and whose files match it, so a half-written or killed export is never
read and a re-export replaces only its own province. The previous version is kept for readers
still inside it; older ones, and folders of killed exports, are removed by the next export.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from smartprov.base import lock
from smartprov.base.reference import province
from smartprov.base.settings import LAKE, Paths, province_code

LAKE_VERSION = "1"
SERVING_CONTRACT = "v1.1"
MANIFEST = "_manifest.json"
VERSIONS = ".versions"
PREFIX = "province="
EXPORT_INFO = "export_info"
FACT = "fct_service_transactions"
# the regency-level serving marts (serving-v1 and the monthly adoption beside them)
REGENCY_MARTS = (
    "mart_rollout_kabkota",
    "mart_lapor_sla_kabkota",
    "mart_scorecard_kabkota",
    "mart_adoption_kabkota_monthly",
)
# the transaction fact's columns that leave the province: no file names, batches or signers
FACT_COLUMNS = (
    "transaksi_key",
    "kode_kabkota",
    "kode_wilayah",
    "jenis_layanan",
    "kanal",
    "is_online",
    "status",
    "is_tte",
    "waktu_permohonan",
    "waktu_selesai",
    "processing_hours",
)
_CODE = re.compile(r"^\d{2}$")


class LakeError(RuntimeError):
    """An export could not be written; the province's previous partition is untouched."""


@dataclass(frozen=True)
class Partition:
    """One province's current export, verified against its manifest."""

    kode_provinsi: str
    path: Path  # the resolved version folder
    manifest: dict

    def file(self, relative: str) -> Path:
        return self.path / relative

    def files_of(self, table: str) -> list[str]:
        """The manifest's files of one table, in order (a mart: one; the fact: one a month)."""
        return sorted(f for f in self.manifest["files"] if f.split("/")[0].split(".")[0] == table)


@dataclass
class Snapshot:
    partitions: list[Partition] = field(default_factory=list)
    problems: dict[str, str] = field(default_factory=dict)  # entry -> why it is not read


def _sql_string(value: str | Path) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_parquet(con: duckdb.DuckDBPyConnection, query: str, target: Path) -> None:
    """One Parquet file from a query (its own function so tests can fail or kill it)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    con.execute(f"copy ({query}) to {_sql_string(target)} (format parquet)")


def _export_marts(con, folder: Path, kode: str) -> None:
    for table in REGENCY_MARTS:
        query = f"select '{kode}' as kode_provinsi, * from sv.marts.{table}"
        write_parquet(con, query, folder / f"{table}.parquet")


def _export_fact(con, paths: Paths, folder: Path, kode: str) -> None:
    held = lock.acquire(paths.warehouse)  # read the warehouse while no writer runs
    try:
        con.execute(f"attach {_sql_string(paths.warehouse)} as wh (read_only)")
        months = con.execute(
            f"select distinct date_trunc('month', waktu_permohonan)::date from wh.marts.{FACT}"
            " where waktu_permohonan is not null order by 1"
        ).fetchall()
        columns = ", ".join(FACT_COLUMNS)
        for (month,) in months:
            query = (
                f"select '{kode}' as kode_provinsi, date '{month}' as bulan, {columns}"
                f" from wh.marts.{FACT} where date_trunc('month', waktu_permohonan)::date"
                f" = date '{month}'"
            )
            write_parquet(con, query, folder / FACT / f"{month:%Y-%m}.parquet")
        con.execute("detach wh")
    finally:
        lock.release(held)


def _manifest(con, folder: Path, info: dict) -> dict:
    files = {}
    for path in sorted(p for p in folder.rglob("*.parquet")):
        relative = path.relative_to(folder).as_posix()
        (rows,) = con.execute(f"select count(*) from read_parquet({_sql_string(path)})").fetchone()
        files[relative] = {"rows": rows, "bytes": path.stat().st_size, "sha256": _sha256(path)}
    return {**info, "files": files}


def _write_json_durably(path: Path, payload: dict) -> None:
    temp = path.with_name(path.name + ".tmp")
    with temp.open("w", encoding="utf-8") as handle:
        json.dump(payload, handle, indent=1, sort_keys=True, default=str)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temp, path)


def _swap_in(lake: Path, kode: str, version: Path) -> None:
    """Point ``province=<kode>`` at ``version`` with one rename (readers see old or new)."""
    link = lake / f"{PREFIX}{kode}"
    if link.exists() and not link.is_symlink():
        raise LakeError(f"{link} is not a lake link: refusing to replace it")
    temp = lake / f".{PREFIX}{kode}.{uuid.uuid4().hex}"
    os.symlink(version.relative_to(lake), temp)
    os.replace(temp, link)
    descriptor = os.open(lake, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _tidy(lake: Path, kode: str, keep: set[Path]) -> None:
    """Remove this province's versions other than ``keep`` (current and previous), and the
    folders of exports killed half-way (never linked)."""
    for version in (lake / VERSIONS / kode).iterdir():
        if version.resolve() not in keep:
            shutil.rmtree(version, ignore_errors=True)
    for stale in lake.glob(f".{PREFIX}{kode}.*"):
        stale.unlink(missing_ok=True)


def _export_info(paths: Paths, kode: str) -> dict:
    con = duckdb.connect(str(paths.serving), read_only=True)
    try:
        published_at, as_of_date = con.execute(
            "select max(published_at), max(as_of_date) from marts._publication"
        ).fetchone()
    finally:
        con.close()
    return {
        "kode_provinsi": kode,
        "nama_provinsi": province().nama,
        "as_of_date": as_of_date,
        "published_at": published_at,
        "exported_at": dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None),
        "contracts": {"serving": SERVING_CONTRACT, "lake": LAKE_VERSION},
    }


def _write_version(paths: Paths, folder: Path, info: dict) -> dict:
    kode = info["kode_provinsi"]
    con = duckdb.connect()
    try:
        con.execute(f"attach {_sql_string(paths.serving)} as sv (read_only)")
        _export_marts(con, folder, kode)
        con.execute("detach sv")
        _export_fact(con, paths, folder, kode)
        con.execute(
            "create temp table export_info as select ?::varchar as kode_provinsi,"
            " ?::varchar as nama_provinsi, ?::date as as_of_date, ?::timestamp as published_at,"
            " ?::timestamp as exported_at, ?::varchar as serving_contract,"
            " ?::varchar as lake_version",
            [kode, info["nama_provinsi"], info["as_of_date"], info["published_at"]]
            + [info["exported_at"], SERVING_CONTRACT, LAKE_VERSION],
        )
        write_parquet(con, "select * from export_info", folder / f"{EXPORT_INFO}.parquet")
        manifest = _manifest(con, folder, info)
    finally:
        con.close()
    _write_json_durably(folder / MANIFEST, manifest)
    return manifest


def export(paths: Paths, lake: Path | None = None) -> Partition:
    """Export this province's published serving marts and transaction fact into the lake."""
    lake = (lake or paths.lake).resolve()
    kode = province_code()
    if not _CODE.match(kode):
        raise LakeError(f"province code {kode!r} is not two digits")
    if not paths.serving.exists():
        raise LakeError(f"no serving database at {paths.serving}: run `smartprov run` first")
    info = _export_info(paths, kode)
    stamp = info["exported_at"].strftime("%Y%m%dT%H%M%S")
    version = lake / VERSIONS / kode / f"{stamp}-{uuid.uuid4().hex[:12]}"
    # one export of a province at a time (a retry overlapping a manual run): the other waits,
    # so neither tidies away the other's version being written
    held = lock.acquire(lake / VERSIONS / f"{kode}.export")
    try:
        version.mkdir(parents=True)
        link = lake / f"{PREFIX}{kode}"
        previous = link.resolve() if link.is_symlink() else None
        try:
            _write_version(paths, version, info)
            _swap_in(lake, kode, version)
        except BaseException:
            shutil.rmtree(version, ignore_errors=True)
            raise
        _tidy(lake, kode, {version.resolve(), *([previous] if previous else [])})
    finally:
        lock.release(held)
    return Partition(kode, version.resolve(), json.loads((version / MANIFEST).read_text()))


def lake_configured() -> bool:
    """A lake is configured (``SMARTPROV_LAKE``): each publish then exports to it. Unset, a
    province exports only when asked (`smartprov export`), so the province demo is unchanged."""
    return LAKE.is_set()


def export_after_publish(paths: Paths) -> Partition | None:
    """After a publish: export to the configured lake, or nothing when none is configured."""
    return export(paths) if lake_configured() else None


def _verified(entry: Path, verify_hashes: bool) -> Partition:
    folder = entry.resolve(strict=True)
    manifest_path = folder / MANIFEST
    if not manifest_path.is_file():
        raise LakeError("no manifest (an export that never finished)")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    kode = entry.name.removeprefix(PREFIX)
    if manifest.get("kode_provinsi") != kode:
        raise LakeError(f"manifest names province {manifest.get('kode_provinsi')!r}")
    for relative, expected in manifest["files"].items():
        path = folder / relative
        if not path.is_file() or path.stat().st_size != expected["bytes"]:
            raise LakeError(f"{relative} is missing or has another size than the manifest's")
        if verify_hashes and _sha256(path) != expected["sha256"]:
            raise LakeError(f"{relative} does not match the manifest's sha256")
    return Partition(kode, folder, manifest)


def snapshot(lake: Path, *, verify_hashes: bool = True) -> Snapshot:
    """Every province partition a reader may read now (resolved once), and why others not."""
    found = Snapshot()
    if not lake.is_dir():
        return found
    for entry in sorted(lake.glob(f"{PREFIX}*")):
        try:
            found.partitions.append(_verified(entry, verify_hashes))
        except (OSError, ValueError, KeyError, LakeError) as problem:
            found.problems[entry.name] = str(problem)
    return found
