"""Create or update Superset users (Superset environment). Passwords come from the environment.

    python -m dashboards.in_superset.users admin <username>        # SMARTPROV_ADMIN_PASSWORD
    python -m dashboards.in_superset.users user <username> <role> [<username> <role> ...]
                                                                 # SMARTPROV_USER_PASSWORD

Re-runnable: an existing user gets the role and password set again.
"""

from __future__ import annotations

import argparse
import os

DEMO_ADMIN_PASSWORD = "admin-demo"


def ensure_user(username: str, role_name: str, password: str) -> str:
    from superset import db
    from superset import security_manager as sm

    role = sm.find_role(role_name)
    if role is None:
        raise SystemExit(f"role {role_name!r} does not exist")
    user = sm.find_user(username=username)
    if user is None:
        user = sm.add_user(
            username, username, role_name, f"{username}@smartprov.invalid", role, password
        )
        if not user:
            raise SystemExit(f"could not create user {username!r}")
        return "created"
    user.roles = [role]
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
            password = os.environ.get("SMARTPROV_ADMIN_PASSWORD")
            if not password:
                if os.environ.get("SMARTPROV_DEMO") != "1":
                    raise SystemExit("SMARTPROV_ADMIN_PASSWORD is not set")
                password = DEMO_ADMIN_PASSWORD
            print(f"user {args.username!r} {ensure_user(args.username, 'Admin', password)}")
        else:
            password = os.environ.get("SMARTPROV_USER_PASSWORD")
            if not password:
                raise SystemExit("SMARTPROV_USER_PASSWORD is not set")
            for username, role in zip(args.pairs[::2], args.pairs[1::2], strict=True):
                print(f"user {username!r} ({role}) {ensure_user(username, role, password)}")


if __name__ == "__main__":
    main()
