"""Create or update Superset users (Superset environment). Passwords come from the environment.

    python -m dashboards.in_superset.users admin <username>        # SMARTPROV_ADMIN_PASSWORD
    python -m dashboards.in_superset.users user <username> <role> [<username> <role> ...]
                                                                 # SMARTPROV_USER_PASSWORD
    (<role> may join several roles with ``+``: ``"Kota Tegal+Kabupaten Tegal"``)

Re-runnable: an existing user gets the role and password set again.
"""

from __future__ import annotations

import argparse

from smartprov.base import settings
from smartprov.base.secrets import InsecureSecretError, check_secret, is_demo

DEMO_ADMIN_PASSWORD = "admin-demo"


def admin_password() -> str:
    """SMARTPROV_ADMIN_PASSWORD through the shared check; the demo default only in the demo."""
    password = settings.ADMIN_PASSWORD.get()
    if not password and is_demo():
        return DEMO_ADMIN_PASSWORD
    try:
        return check_secret(settings.ADMIN_PASSWORD.name, password)
    except InsecureSecretError as error:
        raise SystemExit(str(error)) from None


def ensure_user(username: str, role_names: str, password: str) -> str:
    """``role_names``: one role, or several joined by ``+`` (e.g. two regencies)."""
    from superset import db
    from superset import security_manager as sm

    roles = [sm.find_role(name) for name in role_names.split("+")]
    if None in roles:
        raise SystemExit(f"role {role_names!r} does not exist")
    user = sm.find_user(username=username)
    if user is None:
        user = sm.add_user(
            username, username, role_names, f"{username}@smartprov.invalid", roles, password
        )
        if not user:
            raise SystemExit(f"could not create user {username!r}")
        return "created"
    user.roles = roles
    user.active = True
    sm.reset_password(user.id, password)
    db.session.commit()
    return "updated"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="kind", required=True)
    admin = sub.add_parser("admin", help="the Superset admin")
    admin.add_argument("username")
    user = sub.add_parser("user", help="users with one role each (same password)")
    user.add_argument("pairs", nargs="+", metavar="USERNAME ROLE")
    args = parser.parse_args(argv)
    if args.kind == "user" and len(args.pairs) % 2:
        parser.error("give USERNAME ROLE pairs")

    from dashboards.in_superset.app import superset_app

    with superset_app():
        if args.kind == "admin":
            password = admin_password()
            print(f"user {args.username!r} {ensure_user(args.username, 'Admin', password)}")
        else:
            password = settings.USER_PASSWORD.get()
            if not password:
                raise SystemExit("SMARTPROV_USER_PASSWORD is not set")
            for username, role in zip(args.pairs[::2], args.pairs[1::2], strict=True):
                print(f"user {username!r} ({role}) {ensure_user(username, role, password)}")


if __name__ == "__main__":
    main()
