"""Superset's permission checks answered once while nothing about permissions changes
(Superset environment).

One cached chart-data request asked the metadata database the same questions many times over:
Flask-AppBuilder's ``_has_view_access`` runs one query per call, after loading the user's roles
and groups (``all_datasource_access``, ``all_database_access``, ``datasource_access`` on the
dataset, ``schema_access`` ...: eleven calls for a DPRD user), Superset's
``user_view_menu_names`` another per call (four per request, for the chart list filter and the
dataset access check), and Flask-AppBuilder's ``protect()`` looked up the Public role and its
permissions twice (``is_item_public``). Under a plenary's load these queries were most of a
cached request's work (docs/operations.md).

:class:`RequestMemoSecurityManager` remembers their answers at two levels:

- **within one request** (kept on Flask's request object): the same question asked again costs
  nothing;
- **across requests, per worker, while the security stamp is unchanged**
  (``security_stamp.py``): each request reads the stamp once (one one-row query) before any
  answer is used; database triggers renew it whenever a user, role, group or permission row
  changes, however it is changed. An answer is only reused under the stamp it was computed
  under, so a role taken away applies from the very next request, exactly as without any
  memory. Where the stamp is not installed (a database other than SQLite or PostgreSQL, or
  before ``smartprov dashboards prepare``), answers last one request only.

Only answers that are plain values are shared (booleans, sets of names) and only for a user of
the metadata database (by id) or the anonymous visitor — never for any other kind of user (a
guest token's user carries its roles in the token). Outside a request (``superset init``, the
roles/RLS script) nothing is remembered at all. Row-level security is not touched: Superset
reads its filters for every query as before.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any

from flask import g, has_request_context, request
from superset.security import SupersetSecurityManager

from dashboards.in_superset import security_stamp

_MEMO = "_smartprov_permission_memo"
_STAMP = ("security_stamp",)
MAX_SHARED_ANSWERS = 20_000  # per worker; a few dozen per user, emptied when reached
_MISSING = object()


def _memo() -> dict[Hashable, Any] | None:
    """This request's answers, or None outside a request (never remembered there)."""
    if not has_request_context():
        return None
    current = request._get_current_object()  # noqa: SLF001 (the request itself, not the proxy)
    memo = getattr(current, _MEMO, None)
    if memo is None:
        memo = {}
        setattr(current, _MEMO, memo)
    return memo


class SharedAnswers:
    """Answers shared by a worker's threads, each valid only under the stamp it was computed
    under; a new stamp empties the store."""

    def __init__(self, limit: int = MAX_SHARED_ANSWERS) -> None:
        self._lock = threading.Lock()
        self._limit = limit
        self._stamp: int | None = None
        self._answers: dict[Hashable, Any] = {}

    def get(self, stamp: int, key: Hashable) -> Any:
        with self._lock:
            if stamp != self._stamp:
                return _MISSING
            return self._answers.get(key, _MISSING)

    def put(self, stamp: int, key: Hashable, value: Any) -> None:
        with self._lock:
            if stamp != self._stamp or len(self._answers) >= self._limit:
                self._stamp, self._answers = stamp, {}
            self._answers[key] = value


class RequestMemoSecurityManager(SupersetSecurityManager):
    """Superset's security manager; identical answers, each computed once per security stamp."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.shared_answers = SharedAnswers()
        self._stamp_installed: bool | None = None

    # -- the questions ------------------------------------------------------------------------

    def _has_view_access(self, user: Any, permission_name: str, view_name: str) -> bool:
        who = self._who(user)
        return self._answer(
            ("view_access", who or id(user), permission_name, view_name),
            lambda: bool(
                super(RequestMemoSecurityManager, self)._has_view_access(
                    user, permission_name, view_name
                )
            ),
            shared=who is not None,
        )

    def user_view_menu_names(self, permission_name: str) -> set[str]:
        who = self._who(g.get("user"))
        names = self._answer(
            ("view_menu_names", who or id(g.get("user")), permission_name),
            lambda: frozenset(
                super(RequestMemoSecurityManager, self).user_view_menu_names(permission_name)
            ),
            shared=who is not None,
        )
        return set(names)

    def is_item_public(self, permission_name: str, view_name: str) -> bool:
        return self._answer(
            ("item_public", permission_name, view_name),
            lambda: bool(
                super(RequestMemoSecurityManager, self).is_item_public(permission_name, view_name)
            ),
            shared=True,
        )

    def get_public_permissions(self) -> list[Any]:
        # database rows (bound to this request's session): remembered within the request only
        return self._answer(
            ("public_permissions",),
            lambda: list(super(RequestMemoSecurityManager, self).get_public_permissions()),
            shared=False,
        )

    # -- the memory ---------------------------------------------------------------------------

    def _who(self, user: Any) -> Hashable | None:
        """Whose answer this is, when it may be shared: a metadata-database user or anonymous."""
        if user is None or getattr(user, "is_anonymous", False):
            return ("anonymous",)
        if isinstance(user, self.user_model) and getattr(user, "id", None) is not None:
            return ("user", user.id)
        return None

    def _answer(self, key: Hashable, compute: Callable[[], Any], shared: bool) -> Any:
        memo = _memo()
        if memo is None:
            return compute()
        if key in memo:
            return memo[key]
        stamp = self._request_stamp(memo) if shared else None
        value = _MISSING if stamp is None else self.shared_answers.get(stamp, key)
        if value is _MISSING:
            value = compute()
            if stamp is not None:
                self.shared_answers.put(stamp, key, value)
        memo[key] = value
        return value

    def _request_stamp(self, memo: dict[Hashable, Any]) -> int | None:
        """The security stamp, read once per request before any shared answer is used."""
        if _STAMP not in memo:
            stamp = None
            connection = self.session.connection()
            if self._stamp_installed is None:  # checked once per worker, read every request
                self._stamp_installed = security_stamp.installed(connection)
            if self._stamp_installed:
                stamp = security_stamp.current(connection)
            memo[_STAMP] = stamp
        return memo[_STAMP]
