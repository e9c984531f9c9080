"""Named Airflow users with roles (the FAB auth manager): Admin, Op and Viewer, from settings.

Each role has one login configured by ``SMARTPROV_AIRFLOW_<ROLE>_USER`` and
``SMARTPROV_AIRFLOW_<ROLE>_PASSWORD`` (checked like every secret: smartprov.base.secrets). A user
is created when its password is set, and its password and role are brought back to the settings
on every run (idempotent). In the demo (``SMARTPROV_DEMO=1``) a login without a password gets the
public demo password, so ``make run`` shows all three roles; never outside the demo.

The roles are Flask-AppBuilder's, as the FAB auth manager defines them: Viewer reads DAGs, runs
and logs; Op also triggers, clears and marks runs and edits connections, pools and variables;
Admin also manages users and roles. Who triggered or cleared what is in Airflow's audit log.
"""

from __future__ import annotations

from dataclasses import dataclass

from smartprov.base import settings
from smartprov.base.secrets import check_secret, is_demo

DEMO_PASSWORD = "airflow-demo"
ROLE_SETTINGS = (
    ("Admin", settings.AIRFLOW_ADMIN_USER, settings.AIRFLOW_ADMIN_PASSWORD),
    ("Op", settings.AIRFLOW_OP_USER, settings.AIRFLOW_OP_PASSWORD),
    ("Viewer", settings.AIRFLOW_VIEWER_USER, settings.AIRFLOW_VIEWER_PASSWORD),
)


@dataclass(frozen=True)
class Login:
    username: str
    password: str
    role: str
    is_demo_default: bool = False


def configured_logins() -> list[Login]:
    """The logins the settings ask for (with demo defaults in the demo only)."""
    logins = []
    for role, user, password in ROLE_SETTINGS:
        value = password.get()
        if not value and is_demo():
            logins.append(Login(user.get(), DEMO_PASSWORD, role, is_demo_default=True))
        elif value:
            logins.append(Login(user.get(), check_secret(password.name, value), role))
    return logins


def ensure_users(logins: list[Login]) -> list[str]:
    """Create or update each login in Airflow's metadata (call after ``airflow db migrate``)."""
    from airflow.providers.fab.auth_manager.cli_commands.utils import get_application_builder

    done = []
    with get_application_builder() as appbuilder:
        security = appbuilder.sm
        for login in logins:
            role = security.find_role(login.role)
            if role is None:
                raise RuntimeError(f"Airflow has no role {login.role!r} (FAB auth manager?)")
            user = security.find_user(username=login.username)
            if user is None:
                security.add_user(
                    login.username,
                    login.username,
                    login.role,
                    f"{login.username}@smartprov.invalid",
                    role,
                    login.password,
                )
                done.append(f"created {login.username} ({login.role})")
                continue
            user.roles = [role]
            user.active = True
            security.update_user(user)
            security.reset_password(user.id, login.password)
            done.append(f"updated {login.username} ({login.role})")
    return done
