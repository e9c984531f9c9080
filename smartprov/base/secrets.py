"""One check for every secret the platform reads (stdlib only: Superset's venv imports it).

    from smartprov.base.secrets import check_secret
    key = check_secret(settings.PII_KEY.name, settings.PII_KEY.get())

Refused always: empty values and public placeholders (``.env.example``'s ``CHANGE_ME``,
Superset's and Airflow's published defaults). Refused outside the demo (``SMARTPROV_DEMO=1``):
the project's own demo values and anything shorter than :data:`MIN_BYTES` bytes.
"""

from __future__ import annotations

from smartprov.base import settings
from smartprov.base.settings import is_demo

MIN_BYTES = 32
DEMO_ENV = settings.DEMO.name

# Public values: anyone who read the template or the upstream docs knows them.
PLACEHOLDERS = frozenset(
    {
        "change_me",  # .env.example
        "changeme",
        "change_me_to_a_complex_random_secret",  # Superset's superset_config.py default
        "thisisasecret_1234",  # Superset's docker/.env default
        "\2\1thisismyscretkey\1\2\\e\\y\\y\\h",  # Flask-AppBuilder's example key
        "your_secret_key_here",
        "temporary_key",  # Airflow's published [api] secret_key example
        "airflow",  # Airflow's docker-compose admin password
        "admin",
        "password",
        "secret",
    }
)
# The project's demo values: fine for `make run` on a laptop, never anywhere else.
DEMO_VALUES = frozenset(
    {
        "smartprov-demo-secret-not-for-production",  # dashboards/superset_config.py
        "admin-demo",  # dashboards/in_superset/users.py
        "airflow-demo",  # smartprov/orchestration/users.py (every demo Airflow user)
        "demo-lapor-token",  # devtools/simulate/lapor_api.py
    }
)


class InsecureSecretError(RuntimeError):
    """A secret that must not be used; the message names the variable and how to fix it."""


def problem(value: str | None, *, demo: bool) -> str | None:
    """Why ``value`` is unacceptable, or None when it may be used."""
    text = (value or "").strip()
    if not text:
        return "is empty"
    folded = text.casefold()
    if folded in PLACEHOLDERS or "change_me" in folded:
        return "is a public placeholder"
    if demo:
        return None
    if folded in DEMO_VALUES:
        return f"is a demo value (allowed only with {DEMO_ENV}=1)"
    if len(text.encode("utf-8")) < MIN_BYTES:
        return f"is shorter than {MIN_BYTES} bytes (allowed only with {DEMO_ENV}=1)"
    return None


def check_secret(name: str, value: str | None, *, demo: bool | None = None) -> str:
    """Return ``value`` when it is an acceptable secret, else raise :class:`InsecureSecretError`.

    ``demo`` defaults to ``SMARTPROV_DEMO=1`` in the environment.
    """
    why = problem(value, demo=is_demo() if demo is None else demo)
    if why is not None:
        raise InsecureSecretError(
            f"{name} {why}: set it to a private random value of at least {MIN_BYTES} bytes "
            "(e.g. `openssl rand -base64 42`); see docs/security.md"
        )
    return str(value)
