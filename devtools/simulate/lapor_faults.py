"""The LAPOR stand-in's misbehaviour switches (see lapor_api.py): 429s, 5xx, slow answers,
repeated and cut-short pages, armed in-process or over ``POST /_control``."""

from __future__ import annotations

import threading
from dataclasses import asdict, dataclass, field

# The name of each fault's parameter in a ``POST /_control`` body.
VALUE_NAMES = {
    "rate_limit": "retry_after",
    "server_error": "status",
    "slow": "delay",
    "cut_short": "keep",
}


@dataclass
class Fault:
    """One kind of misbehaviour, applied to ``count`` matching requests after the first ``after``.

    ``on_page`` restricts it to requests for that page number (None = any page). ``value`` is
    the kind's parameter: Retry-After seconds, the 5xx status, the delay in seconds, or how many
    records a cut-short page keeps.
    """

    count: int = 0
    value: float = 0.0
    on_page: int | None = None
    after: int = 0

    def take(self, page: int) -> bool:
        if self.count <= 0 or (self.on_page is not None and self.on_page != page):
            return False
        if self.after > 0:
            self.after -= 1
            return False
        self.count -= 1
        return True


@dataclass
class Faults:
    """The stand-in's misbehaviour switches; thread-safe, consumed request by request.

    - ``rate_limit``: answer 429 with ``Retry-After: <value>`` (seconds; may be fractional,
      which real servers never send but keeps tests fast).
    - ``server_error``: answer with 5xx status ``value`` (default 503).
    - ``slow``: wait ``value`` seconds before answering (to trigger client timeouts); a
      slowed request then answers plainly: it consumes no other fault and is not the
      "previous answer" a repeated page repeats, so every other fault reaches the client.
    - ``repeat_page``: answer with the records of the previous response again (for a client
      walking pages, that is the previous page's content under the new page number).
    - ``cut_short``: keep only the first ``value`` records of the page while ``total_pages``
      still says more pages follow.
    """

    rate_limit: Fault = field(default_factory=lambda: Fault(value=1))
    server_error: Fault = field(default_factory=lambda: Fault(value=503))
    slow: Fault = field(default_factory=lambda: Fault(value=5))
    repeat_page: Fault = field(default_factory=Fault)
    cut_short: Fault = field(default_factory=Fault)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    KINDS = ("rate_limit", "server_error", "slow", "repeat_page", "cut_short")

    def arm(
        self,
        kind: str,
        count: int = 1,
        value: float | None = None,
        *,
        on_page: int | None = None,
        after: int = 0,
    ) -> None:
        """Make ``count`` requests (for ``on_page``, if given; after letting ``after`` matching
        requests through) misbehave as ``kind``."""
        if kind not in self.KINDS:
            raise ValueError(f"unknown fault {kind!r}; expected one of {', '.join(self.KINDS)}")
        with self._lock:
            fault: Fault = getattr(self, kind)
            fault.count = max(0, int(count))
            fault.on_page = on_page
            fault.after = max(0, int(after))
            if value is not None:
                fault.value = float(value)

    def clear(self) -> None:
        with self._lock:
            for kind in self.KINDS:
                getattr(self, kind).count = 0

    def take(self, kind: str, page: int) -> float | None:
        """Consume one firing of ``kind`` for this request: its value, or None if not armed."""
        with self._lock:
            fault: Fault = getattr(self, kind)
            return fault.value if fault.take(page) else None

    def state(self) -> dict[str, dict[str, object]]:
        with self._lock:
            return {kind: asdict(getattr(self, kind)) for kind in self.KINDS}
