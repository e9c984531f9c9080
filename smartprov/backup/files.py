"""The files of a backup: owner-only copies hashed as they are written, and the manifest.

A backup folder holds its files and ``manifest.json``, written last (through a temporary name
and a rename): a folder without a manifest is a backup that did not finish, and restore refuses
it. The manifest lists every file with its size and SHA-256; restore checks them all before it
touches anything.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

MANIFEST = "manifest.json"
FORMAT = 1
CHUNK = 4 * 1024 * 1024
FILE_MODE = 0o600
DIR_MODE = 0o700


class BackupError(RuntimeError):
    """A backup or restore was refused or failed; one line for the operator."""


def private_dir(path: Path) -> Path:
    """Create ``path`` and its missing parents, each readable by the owner only."""
    for folder in [*reversed(path.parents), path]:
        if not folder.exists():
            folder.mkdir(mode=DIR_MODE)
            os.chmod(folder, DIR_MODE)
    os.chmod(path, DIR_MODE)
    return path


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def copy_hashed(source: Path, target: Path, mode: int = FILE_MODE) -> tuple[int, str]:
    """Copy ``source`` to ``target`` (created with ``mode``), fsynced; returns (bytes, sha256)."""
    digest = hashlib.sha256()
    size = 0
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with source.open("rb") as src, os.fdopen(fd, "wb") as dst:
        while block := src.read(CHUNK):
            digest.update(block)
            dst.write(block)
            size += len(block)
        dst.flush()
        os.fsync(dst.fileno())
    os.chmod(target, mode)
    return size, digest.hexdigest()


def entry(root: Path, path: Path, component: str) -> dict[str, object]:
    """The manifest's line for a file already in the backup folder."""
    os.chmod(path, FILE_MODE)
    return {
        "path": path.relative_to(root).as_posix(),
        "component": component,
        "bytes": path.stat().st_size,
        "sha256": sha256(path),
    }


def tree_files(folder: Path) -> Iterator[Path]:
    """Regular files under ``folder``, sorted; symbolic links are not followed."""
    if folder.is_dir():
        yield from sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def write_manifest(root: Path, manifest: dict[str, object]) -> Path:
    temp = root / (MANIFEST + ".tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(manifest, handle, indent=2, sort_keys=True, default=str)
        handle.write("\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temp, root / MANIFEST)
    return root / MANIFEST


def read_manifest(root: Path) -> dict:
    """The manifest of a complete backup, every file checked (size, SHA-256) against it."""
    path = root / MANIFEST
    if not root.is_dir():
        raise BackupError(f"no backup at {root}")
    if not path.exists():
        raise BackupError(
            f"{root} is not a complete backup: no {MANIFEST} (the backup did not finish); "
            "nothing was restored"
        )
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BackupError(f"{path} cannot be read ({error}); nothing was restored") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{path}: backup format {manifest.get('format')!r}, expected {FORMAT}")
    for item in manifest["files"]:
        _verify(root, item)
    return manifest


def _verify(root: Path, item: dict) -> None:
    relative = Path(item["path"])
    if relative.is_absolute() or ".." in relative.parts:
        raise BackupError(f"manifest names a path outside the backup: {item['path']!r}")
    path = root / relative
    if not path.is_file():
        raise BackupError(f"backup incomplete: {item['path']} is missing; nothing was restored")
    if path.stat().st_size != item["bytes"]:
        raise BackupError(
            f"backup damaged: {item['path']} has {path.stat().st_size} bytes, the manifest "
            f"says {item['bytes']}; nothing was restored"
        )
    if sha256(path) != item["sha256"]:
        raise BackupError(
            f"backup damaged: {item['path']} does not match its SHA-256; nothing was restored"
        )


def remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)
