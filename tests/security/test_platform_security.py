"""Issue 11, platform half: secrets, row-level security plan, exposure settings.

The live Superset checks of the RLS changes (a dataset added later stays hidden from a regency,
two regency roles see both regencies, no data role sees nothing) are in
tests/dashboards/test_superset_live.py, which owns the one Superset the test run starts.
"""

from __future__ import annotations

import runpy
import secrets
import shutil
from pathlib import Path

import pytest
import yaml

from dashboards import SECURITY_DIR, SUPERSET_CONFIG
from dashboards.in_superset import security
from smartprov.base.reference import regencies
from smartprov.base.secrets import MIN_BYTES, InsecureSecretError, check_secret
from smartprov.base.settings import PROJECT_ROOT

STRONG = secrets.token_urlsafe(MIN_BYTES)
ENV_EXAMPLE = PROJECT_ROOT / ".env.example"


# --- 1. placeholders accepted as secrets ------------------------------------------------------


def _env_example_placeholders() -> set[str]:
    values = set()
    for line in ENV_EXAMPLE.read_text().splitlines():
        name, _, value = line.partition("=")
        if not line.startswith("#") and "SECRET" in name or "PASSWORD" in name or "KEY" in name:
            values.add(value)
    return values - {""}


@pytest.mark.parametrize("demo", [False, True])
def test_placeholders_are_refused_even_in_the_demo(demo: bool) -> None:
    placeholders = _env_example_placeholders() | {
        "CHANGE_ME_TO_A_COMPLEX_RANDOM_SECRET",  # Superset's default
        "thisISaSECRET_1234",  # Superset's docker default
        "temporary_key",  # Airflow's published example
        "",
    }
    assert "CHANGE_ME" in placeholders
    for value in placeholders:
        with pytest.raises(InsecureSecretError, match="X_SECRET"):
            check_secret("X_SECRET", value, demo=demo)


def test_demo_values_and_short_values_only_in_the_demo() -> None:
    for value in ("smartprov-demo-secret-not-for-production", "admin-demo", "short-but-random"):
        with pytest.raises(InsecureSecretError, match="SMARTPROV_PII_KEY"):
            check_secret("SMARTPROV_PII_KEY", value, demo=False)
        assert check_secret("SMARTPROV_PII_KEY", value, demo=True) == value
    assert check_secret("SMARTPROV_PII_KEY", STRONG, demo=False) == STRONG


def _config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, **env: str) -> dict:
    for name in ("SMARTPROV_SUPERSET_SECRET_KEY", "SUPERSET_SECRET_KEY", "SMARTPROV_DEMO"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("SMARTPROV_SECURE_COOKIES", raising=False)
    monkeypatch.setenv("SMARTPROV_HOME", str(tmp_path))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SUPERSET_CONFIG))


def test_superset_refuses_the_env_example_secret_key(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for key, demo in (("CHANGE_ME", "1"), ("CHANGE_ME", ""), ("x" * 20, "")):
        with pytest.raises(RuntimeError, match="SMARTPROV_SUPERSET_SECRET_KEY"):
            _config(monkeypatch, tmp_path, SMARTPROV_SUPERSET_SECRET_KEY=key, SMARTPROV_DEMO=demo)
    assert _config(monkeypatch, tmp_path, SMARTPROV_SUPERSET_SECRET_KEY=STRONG)["SECRET_KEY"]


def test_admin_password_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    from dashboards.in_superset.users import DEMO_ADMIN_PASSWORD, admin_password
    from dashboards.server import DashboardsError, admin_credentials

    monkeypatch.delenv("SMARTPROV_DEMO", raising=False)
    for weak in ("CHANGE_ME", "admin", DEMO_ADMIN_PASSWORD, "Sup3r-short!"):
        monkeypatch.setenv("SMARTPROV_ADMIN_PASSWORD", weak)
        with pytest.raises(DashboardsError, match="SMARTPROV_ADMIN_PASSWORD"):
            admin_credentials()
        with pytest.raises(SystemExit, match="SMARTPROV_ADMIN_PASSWORD"):
            admin_password()
    monkeypatch.setenv("SMARTPROV_ADMIN_PASSWORD", STRONG)
    assert admin_credentials().password == STRONG == admin_password()
    monkeypatch.delenv("SMARTPROV_ADMIN_PASSWORD")
    monkeypatch.setenv("SMARTPROV_DEMO", "1")
    assert admin_credentials().is_demo_default and admin_password() == DEMO_ADMIN_PASSWORD


@pytest.mark.parametrize("name", ["AIRFLOW__API_AUTH__JWT_SECRET", "AIRFLOW__API__SECRET_KEY"])
def test_airflow_secrets_are_checked(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str
) -> None:
    from smartprov.base.settings import Paths
    from smartprov.orchestration import config

    monkeypatch.delenv("SMARTPROV_DEMO", raising=False)
    monkeypatch.setenv(name, "CHANGE_ME")
    with pytest.raises(InsecureSecretError, match=name):
        config.configure(Paths(tmp_path))
    monkeypatch.setenv(name, STRONG)
    config.check_airflow_secrets()
    assert "check_airflow_secrets" in (PROJECT_ROOT / "docker" / "airflow-init.sh").read_text()


# --- 2. RLS fails open ------------------------------------------------------------------------


def test_regency_roles_get_only_datasets_carrying_their_filter() -> None:
    roles, _ = security.role_specs()
    rls = security.rls_specs()
    served = sorted({d for spec in rls for d in spec.datasets})
    later = [*served, "dataset_added_later"]
    access = security.role_datasets(roles, rls, later)
    regency_roles = [r for r in roles if r.per_regency]
    assert len(regency_roles) == len(regencies())
    for role in regency_roles:
        assert role.data == "rls_datasets"
        own = {
            d
            for spec in rls
            if spec.filter_type == "Regular" and role.name in spec.roles
            for d in spec.datasets
        }
        assert access[role.name] == own and "dataset_added_later" not in access[role.name]
    assert "dataset_added_later" in access["DPRD"]  # province-wide by design
    assert access["Analis"] == "database"


def test_apply_refuses_a_regency_role_with_unfiltered_access(tmp_path: Path) -> None:
    for name in ("roles.yaml", "rls.yaml"):
        shutil.copy(SECURITY_DIR / name, tmp_path / name)
    doc = yaml.safe_load((tmp_path / "roles.yaml").read_text())
    doc["per_regency"]["data"] = "datasets"
    (tmp_path / "roles.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True))
    with pytest.raises(SystemExit, match="rls_datasets"):
        security.role_specs(tmp_path)


def test_two_regency_roles_are_ored_and_no_data_role_sees_nothing() -> None:
    rls = security.rls_specs()
    regular = [s for s in rls if s.filter_type == "Regular"]
    assert len(regular) == len(regencies())
    assert {s.group_key for s in regular} == {"kode_kabkota"}  # one key: ORed across roles
    (base,) = [s for s in rls if s.filter_type == "Base"]
    roles, _ = security.role_specs()
    assert base.clause == "1 = 0"
    assert set(base.roles) == {"Admin", *(r.name for r in roles)}  # exempt: every data role
    assert set(base.datasets) >= {d for s in regular for d in s.datasets}


def test_role_permissions_are_an_allow_list() -> None:
    text = (SECURITY_DIR / "roles.yaml").read_text()
    assert "Gamma" not in text.split("permission_sets:")[1]
    sets = security.permission_sets()
    viewer = sets["viewer"]
    assert ("can_read", "Dashboard") in viewer and ("can_read", "Chart") in viewer
    forbidden = {
        ("can_write", "Chart"),
        ("can_write", "Dashboard"),
        ("can_execute_sql_query", "SQLLab"),
        ("can_read", "RowLevelSecurity"),
    }
    assert not viewer & forbidden
    assert not [
        p
        for p in viewer | sets["sql_lab"]
        if "upload" in p[0] or p[1] == "Database" and p[0] != "can_read"
    ]
    assert not hasattr(security, "VIEWER_EXCLUDED")
