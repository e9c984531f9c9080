"""Superset's permission checks answered once per request (Superset environment).

One cached chart-data request asked the metadata database the same questions many times over:
Flask-AppBuilder's ``_has_view_access`` runs one query per call (``all_datasource_access``,
``all_database_access``, ``datasource_access`` on the dataset, ``schema_access`` ...: eleven
calls, several identical, for a DPRD user), and Superset's ``user_view_menu_names`` another per
call (four per request, for the chart list filter and the dataset access check); and before
any of them, Flask-AppBuilder's ``protect()`` looked up the Public role and its permissions
twice (``is_item_public``, two queries each). Under a
plenary's load these queries were a large part of the request's work (docs/operations.md).

:class:`RequestMemoSecurityManager` remembers their answers **for the duration of one request
only** (kept on Flask's request object, which lives exactly as long as the request): the same user,
the same roles, the same answer, computed once. Nothing is remembered across requests, so a
role or permission changed by an administrator applies from the very next request, exactly as
before. Outside a request (``superset init``, the roles/RLS script) nothing is remembered at all.
Row-level security is not touched: its filters are read by Superset as before.
"""

from __future__ import annotations

from typing import Any

from flask import g, has_request_context, request
from superset.security import SupersetSecurityManager

_MEMO = "_smartprov_permission_memo"


def _memo() -> dict[tuple[Any, ...], Any] | None:
    """This request's answers, or None outside a request (never remembered there)."""
    if not has_request_context():
        return None
    current = request._get_current_object()  # noqa: SLF001 (the request itself, not the proxy)
    memo = getattr(current, _MEMO, None)
    if memo is None:
        memo = {}
        setattr(current, _MEMO, memo)
    return memo


class RequestMemoSecurityManager(SupersetSecurityManager):
    """Superset's security manager; identical answers, each computed once per request."""

    def _has_view_access(self, user: Any, permission_name: str, view_name: str) -> bool:
        memo = _memo()
        if memo is None:
            return super()._has_view_access(user, permission_name, view_name)
        key = ("view_access", getattr(user, "id", None), permission_name, view_name)
        if key not in memo:
            memo[key] = super()._has_view_access(user, permission_name, view_name)
        return memo[key]

    def user_view_menu_names(self, permission_name: str) -> set[str]:
        memo = _memo()
        if memo is None:
            return super().user_view_menu_names(permission_name)
        user = g.get("user")
        key = ("view_menu_names", getattr(user, "id", None), permission_name)
        if key not in memo:
            memo[key] = frozenset(super().user_view_menu_names(permission_name))
        return set(memo[key])

    def get_public_permissions(self) -> list[Any]:
        memo = _memo()
        if memo is None:
            return super().get_public_permissions()
        key = ("public_permissions",)
        if key not in memo:
            memo[key] = list(super().get_public_permissions())
        return memo[key]
