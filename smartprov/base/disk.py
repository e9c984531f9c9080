"""Write errors of the disk (full, read-only, failing), told apart from everything else.

A full disk reaches the platform two ways: as Python's ``OSError`` (ENOSPC, EDQUOT, EROFS, EIO)
from a file it writes itself, and as a DuckDB exception whose text carries the operating system's
message (``Could not write file ".../warehouse.duckdb.wal": No space left on device``). The
commands turn either into one line saying what was kept; everything else stays an error with its
traceback, as a bug should.
"""

from __future__ import annotations

import errno
import os

WRITE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EIO, errno.EFBIG})
# the operating system's messages for those errors, as DuckDB quotes them
WRITE_MESSAGES = tuple(os.strerror(code) for code in sorted(WRITE_ERRNOS))


def write_error(error: BaseException) -> str | None:
    """The operating system's reason when ``error`` is the disk refusing a write, else None."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:  # the error or what caused it
        seen.add(id(current))
        if isinstance(current, OSError) and current.errno in WRITE_ERRNOS:
            where = f" ({current.filename})" if current.filename else ""
            return f"{os.strerror(current.errno)}{where}"
        text = str(current)
        for message in WRITE_MESSAGES:
            if message in text:
                return " ".join(text.split())[:300]
        current = current.__cause__ or current.__context__
    return None
