"""Backup and restore of a platform home: what the landing zone alone cannot give back.

A backup (``smartprov backup --out DIR``) holds, at one consistent point:

- ``warehouse.duckdb`` (raw, the dbt layers and the ledger: ``audit.*``), copied while this
  process holds the warehouse writer lock and a read-write connection after a ``CHECKPOINT``
  (no other process can have it open, nothing is left in a WAL);
- ``serving.duckdb`` (what Superset and the analysts read), copied under the same lock (publish
  takes it too, so the two files belong together);
- Airflow's and Superset's metadata databases (users, roles, run history, dashboards): SQLite
  through its backup API, PostgreSQL through ``pg_dump`` (``smartprov.backup.metadata``);
- ``receipts/`` and ``quarantine/`` (the copies of files quarantined whole).

Never in a backup: ``secrets/`` (the pseudonymisation key), Airflow's ``airflow.cfg`` and its
generated passwords, any environment file. Secrets are restored from where they are kept (the
environment, the secret store), not from a backup. The landing zone is not copied either: it is
the deliveries as they arrived, kept whole by the delivery drop's own storage, and a restored
warehouse's ledger tells ``smartprov ingest`` which of them it has already loaded.

Restore (``smartprov restore --from DIR``) checks every file's size and SHA-256 against the
manifest first and refuses a backup without a manifest or with a file missing or changed. It then
stages every file beside its target, restores the metadata databases, and renames the staged
files into place; if a rename fails, the files already swapped are put back.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import os
import platform
import uuid
from dataclasses import dataclass
from pathlib import Path

import duckdb

from smartprov.backup import metadata
from smartprov.backup.files import (
    FORMAT,
    BackupError,
    copy_hashed,
    entry,
    private_dir,
    read_manifest,
    remove,
    tree_files,
    write_manifest,
)
from smartprov.base import lock
from smartprov.base.settings import Paths
from smartprov.base.warehouse import connect

__all__ = ["BackupError", "Backup", "backup", "restore", "metadata_databases"]

TREES = ("receipts", "quarantine")  # folders of the home copied whole
NEVER = ("secrets/", "airflow/airflow.cfg", "airflow/simple_auth_manager_passwords.json*", ".env")


@dataclass(frozen=True)
class Backup:
    folder: Path
    manifest: dict

    @property
    def total_bytes(self) -> int:
        return sum(int(item["bytes"]) for item in self.manifest["files"])


def metadata_databases(
    paths: Paths, airflow_uri: str, superset_uri: str
) -> list[metadata.Database]:
    """The metadata databases of this home; a blank URI means the embedded SQLite default."""
    return [
        metadata.Database.from_uri(
            "airflow", airflow_uri or f"sqlite:///{paths.airflow / 'airflow.db'}"
        ),
        metadata.Database.from_uri(
            "superset", superset_uri or f"sqlite:///{paths.superset / 'superset.db'}"
        ),
    ]


def _versions() -> dict[str, str]:
    try:
        ours = importlib.metadata.version("smartprov")
    except importlib.metadata.PackageNotFoundError:
        ours = "unknown"
    return {"smartprov": ours, "duckdb": duckdb.__version__, "python": platform.python_version()}


def _publication(serving: Path) -> dict[str, str | None]:
    if not serving.exists():
        return {"data_date": None, "published_at": None}
    con = connect(serving, read_only=True)
    try:
        published = con.execute(
            "select count(*) from duckdb_tables()"
            " where schema_name = 'marts' and table_name = '_publication'"
        ).fetchone()[0]
        if not published:  # a serving file not written by publish (a test's sample)
            return {"data_date": None, "published_at": None}
        row = con.execute(
            "select max(as_of_date)::varchar, max(published_at)::varchar from marts._publication"
        ).fetchone()
    finally:
        con.close()
    return {"data_date": row[0], "published_at": row[1]}


def _copy_duckdb_files(paths: Paths, out: Path) -> list[dict]:
    """The warehouse (checkpointed) and serving, copied while no other process can write."""
    if not paths.warehouse.exists():
        raise BackupError(f"no warehouse at {paths.warehouse}: nothing to back up")
    held = lock.acquire(paths.warehouse)
    try:
        try:
            con = connect(paths.warehouse)
        except duckdb.IOException as error:
            raise BackupError(
                f"{paths.warehouse.name} is open in another process ({error}); "
                "try again when it has finished"
            ) from None
        try:
            con.execute("checkpoint")
            items = [_copy(paths.warehouse, out, "warehouse")]
        finally:
            con.close()
        if paths.serving.exists():
            items.append(_copy(paths.serving, out, "serving"))
    finally:
        lock.release(held)
    return items


def _copy(source: Path, out: Path, component: str) -> dict:
    size, digest = copy_hashed(source, out / source.name)
    return {"path": source.name, "component": component, "bytes": size, "sha256": digest}


def _dump_metadata(databases: list[metadata.Database], out: Path) -> tuple[list, dict]:
    folder = private_dir(out / "metadata")
    items, described = [], {}
    for db in databases:
        if not db.exists():
            described[db.name] = {**db.describe(), "backed_up": False}
            continue
        target = folder / db.file_name
        metadata.dump(db, target)
        revision = metadata.check(db, target)
        items.append(entry(out, target, db.name))
        described[db.name] = {**db.describe(), "backed_up": True, "schema_revision": revision}
    return items, described


def backup(paths: Paths, out: Path, databases: list[metadata.Database]) -> Backup:
    """Write a complete backup of ``paths`` into the new or empty folder ``out``."""
    out = out.resolve()
    if out.exists() and any(out.iterdir()):
        raise BackupError(f"{out} is not empty: back up into a new folder")
    copied = [paths.home / name for name in ("landing", *TREES)]
    if out == paths.home or any(out == c or c in out.parents for c in copied):
        raise BackupError(f"{out} is the home or inside a folder of it that is copied")
    private_dir(out)
    started = dt.datetime.now(dt.UTC)
    items = _copy_duckdb_files(paths, out)
    meta_items, described = _dump_metadata(databases, out)
    items += meta_items
    for tree in TREES:
        for source in tree_files(paths.home / tree):
            relative = source.relative_to(paths.home)
            private_dir(out / relative.parent)
            size, digest = copy_hashed(source, out / relative)
            items.append(
                {"path": relative.as_posix(), "component": tree, "bytes": size, "sha256": digest}
            )
    manifest = {
        "format": FORMAT,
        "started_at": started.isoformat(timespec="seconds"),
        "finished_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "home": str(paths.home),
        **_publication(out / paths.serving.name),
        "versions": _versions(),
        "databases": described,
        "never_included": list(NEVER),
        "files": items,
    }
    write_manifest(out, manifest)
    return Backup(out, manifest)


def _targets(paths: Paths, manifest: dict, databases: dict[str, metadata.Database]):
    """(file in the backup, where it goes in the home) for the home's files and folders."""
    out: list[tuple[str, Path]] = []
    for item in manifest["files"]:
        component = item["component"]
        if component == "warehouse":
            out.append((item["path"], paths.warehouse))
        elif component == "serving":
            out.append((item["path"], paths.serving))
        elif component in TREES:
            out.append((item["path"], paths.home / item["path"]))
        elif component not in databases:
            raise BackupError(f"manifest names an unknown component {component!r}")
        elif Path(item["path"]).name != databases[component].file_name:
            # checked before anything is restored: SQLite into PostgreSQL or the reverse
            raise BackupError(
                f"{component}: the backup holds {Path(item['path']).name}, but this home's "
                f"metadata database is {databases[component].kind}; nothing was restored"
            )
    return out


def restore(source: Path, paths: Paths, databases: list[metadata.Database]) -> Backup:
    """Restore the backup in ``source`` into ``paths`` (verified first; all or nothing)."""
    source = source.resolve()
    manifest = read_manifest(source)  # refuses a partial or damaged backup
    by_name = {db.name: db for db in databases}
    targets = _targets(paths, manifest, by_name)
    paths.ensure()
    held = lock.acquire(paths.warehouse)
    stamp = uuid.uuid4().hex[:12]
    try:
        staged = _stage(paths, source, targets, stamp)
        try:
            # PostgreSQL first (one transaction each, the likelier to fail: a server away),
            # then the SQLite files (a rename each), then the home's files
            dumps = [item for item in manifest["files"] if item["component"] in by_name]
            for item in sorted(dumps, key=lambda i: by_name[i["component"]].kind != "postgresql"):
                metadata.restore(by_name[item["component"]], source / item["path"])
            _swap(paths, staged, stamp)
        finally:
            for path in staged.values():
                remove(path)
    finally:
        lock.release(held)
    return Backup(source, manifest)


def _staged_place(paths: Paths, target: Path, stamp: str) -> tuple[Path, Path, Path]:
    """(what is swapped, its staged version, where this file goes in the staged version)."""
    if paths.home in target.parents:
        relative = target.relative_to(paths.home)
        if relative.parts[0] in TREES:  # a folder copied whole is swapped whole
            tree = paths.home / relative.parts[0]
            stage = tree.with_name(f"{tree.name}.restoring-{stamp}")
            return tree, stage, stage / Path(*relative.parts[1:])
    stage = target.with_name(f"{target.name}.restoring-{stamp}")
    return target, stage, stage


def _stage(
    paths: Paths, source: Path, targets: list[tuple[str, Path]], stamp: str
) -> dict[Path, Path]:
    """Copy every file next to its place (same filesystem, so the swap is a rename)."""
    staged: dict[Path, Path] = {}  # swapped path (file or tree) -> its staged version
    mode = 0o666 & ~_umask()
    for name, target in targets:
        swapped, stage, destination = _staged_place(paths, target, stamp)
        staged[swapped] = stage
        destination.parent.mkdir(parents=True, exist_ok=True)
        copy_hashed(source / name, destination, mode)
    return staged


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _swap(paths: Paths, staged: dict[Path, Path], stamp: str) -> None:
    """Rename each staged file or folder into place; on failure put the previous ones back."""
    moved: list[tuple[Path, Path | None]] = []  # (target, its previous version set aside)
    aside = [paths.warehouse.with_name(paths.warehouse.name + ".wal")]  # never replay an old WAL
    try:
        for stale in aside:
            if stale.exists():
                keep = stale.with_name(f"{stale.name}.pre-restore-{stamp}")
                os.replace(stale, keep)
                moved.append((stale, keep))
        for target, new in staged.items():
            previous = None
            if target.exists():
                previous = target.with_name(f"{target.name}.pre-restore-{stamp}")
                os.replace(target, previous)
            moved.append((target, previous))
            os.replace(new, target)
    except BaseException:
        for target, previous in reversed(moved):
            if target.exists() or target.is_symlink():
                remove(target)
            if previous is not None:
                os.replace(previous, target)
        raise
    for _target, previous in moved:
        if previous is not None:
            remove(previous)
