"""Superset's caches, keyed by the serving database's publication.

Chart data, thumbnails and the metadata cache depend on what ``serving.duckdb`` holds. Every
publish replaces that file with a new one (``os.replace``: a new inode), so the file's identity
(inode and modification time, one ``stat`` per cache access) is put in front of every key:
after a publish, nobody is served a chart from the previous data, in any worker, without the
pipeline having to reach Superset's cache (in the compose topology they share no volume). The
old entries simply age out (their timeout) or are evicted.

Two backends, the same rule:

- :class:`PublicationFileSystemCache`: the embedded default (``make run``), a folder under
  Superset's state directory shared by every gunicorn worker (a per-worker ``SimpleCache``
  would be cold in each worker and would not share filter state between them);
- Redis (the compose topology): flask-caching's ``RedisCache`` with :func:`key_prefix` as its
  ``CACHE_KEY_PREFIX`` (cachelib calls a callable prefix on every access).

The filter-state and explore caches hold what users chose, not data: they stay in Superset's
default place, its metadata database (a publish must not reset someone's filters).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from flask_caching.backends.filesystemcache import FileSystemCache


def publication_token(serving: Path) -> str:
    """Changes whenever ``serving`` is replaced (publish, restore); ``none`` when absent."""
    try:
        status = os.stat(serving)
    except OSError:
        return "none"
    return f"{status.st_ino:x}.{status.st_mtime_ns:x}"


def key_prefix(serving: Path, name: str) -> Callable[[], str]:
    """A callable cache-key prefix: the cache's name and the publication's token."""

    def prefix() -> str:
        return f"smartprov_{name}_{publication_token(serving)}_"

    return prefix


class PublicationFileSystemCache(FileSystemCache):
    """flask-caching's FileSystemCache whose keys carry the publication (CACHE_OPTIONS:
    ``serving``, the serving file's path; ``name``, the cache's name)."""

    def __init__(self, *args, serving: str = "", name: str = "data", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._prefix = key_prefix(Path(serving), name)

    @classmethod
    def factory(cls, app, config, args, kwargs):
        args.insert(0, config["CACHE_DIR"])
        kwargs.update({"threshold": config["CACHE_THRESHOLD"]})
        return cls(*args, **kwargs)

    def _get_filename(self, key: str) -> str:  # every get/set/add/delete/has goes through it
        if key == self._fs_count_file:  # cachelib's own entry count, not a cached value
            return super()._get_filename(key)
        return super()._get_filename(self._prefix() + key)
