"""Roles and row-level security from ``dashboards/security/*.yaml`` (Superset environment).

    .venv-superset/bin/python -m dashboards.in_superset.security [--dry-run]

Re-runnable: creates missing roles, sets each managed role's permissions to exactly the plan,
creates/updates/deletes the managed RLS filters (names starting with ``smartprov:``), deletes
retired roles. ``--dry-run`` prints the plan and changes nothing.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from dashboards import SECURITY_DIR
from smartprov.reference import regencies

RLS_PREFIX = "smartprov:"

# Gamma's permissions that a dashboard viewer does not get.
VIEWER_EXCLUDED_VIEWS = {"SQLLab", "SavedQuery", "UserRegistrationsRestAPI", "Query"}
VIEWER_EXCLUDED = {
    ("can_write", "Chart"),
    ("can_write", "Dashboard"),
    ("can_write", "Tag"),
    ("can_write", "Theme"),
    ("can_bulk_create", "Tag"),
    ("can_tag", "Chart"),
    ("can_tag", "Dashboard"),
    ("can_delete_embedded", "Dashboard"),
    ("can_file_handler", "Superset"),
}


@dataclass(frozen=True)
class RoleSpec:
    name: str
    permissions: tuple[str, ...]  # templates: viewer, sql_lab
    data: str  # database | datasets


@dataclass(frozen=True)
class RlsSpec:
    name: str
    role: str
    datasets: tuple[str, ...]
    clause: str
    group_key: str | None
    description: str


def _read(name: str, folder: Path) -> dict[str, Any]:
    return yaml.safe_load((folder / name).read_text(encoding="utf-8")) or {}


def role_specs(folder: Path = SECURITY_DIR) -> tuple[list[RoleSpec], list[str]]:
    doc = _read("roles.yaml", folder)
    specs = [RoleSpec(r["name"], tuple(r["permissions"]), r["data"]) for r in doc["roles"]]
    per = doc.get("per_regency")
    if per:
        for regency in regencies():
            fields = {"nama": regency.nama, "kode_kabkota": regency.kode_kabkota}
            specs.append(
                RoleSpec(per["name"].format(**fields), tuple(per["permissions"]), per["data"])
            )
    return specs, list(doc.get("retired") or [])


def rls_specs(folder: Path = SECURITY_DIR) -> list[RlsSpec]:
    out = []
    for entry in _read("rls.yaml", folder)["filters"]:
        targets = (
            [{"nama": r.nama, "kode_kabkota": r.kode_kabkota} for r in regencies()]
            if entry.get("for_each_regency")
            else [{}]
        )
        for fields in targets:
            out.append(
                RlsSpec(
                    RLS_PREFIX + entry["name"].format(**fields),
                    entry["role"].format(**fields),
                    tuple(entry["datasets"]),
                    entry["clause"].format(**fields),
                    entry.get("group_key"),
                    entry.get("description", "").format(**fields),
                )
            )
    return out


def _permission_sets(sm: Any) -> dict[str, set[Any]]:
    gamma = sm.find_role("Gamma")
    sql_lab = sm.find_role("sql_lab")
    if gamma is None or sql_lab is None:
        raise SystemExit("Superset roles Gamma/sql_lab missing: run `superset init` first")
    viewer = {
        pv
        for pv in gamma.permissions
        if pv.view_menu.name not in VIEWER_EXCLUDED_VIEWS
        and (pv.permission.name, pv.view_menu.name) not in VIEWER_EXCLUDED
        and "upload" not in pv.permission.name
    }
    return {"viewer": viewer, "sql_lab": set(sql_lab.permissions)}


def _pvm(sm: Any, permission: str, view: str, dry_run: bool) -> Any:
    found = sm.find_permission_view_menu(permission, view)
    if found is None and not dry_run:
        found = sm.add_permission_view_menu(permission, view)
    return found


def _data_permissions(sm: Any, kind: str, dry_run: bool) -> set[Any]:
    from superset import db
    from superset.connectors.sqla.models import SqlaTable
    from superset.models.core import Database

    from dashboards.catalog.spec import DATABASE_UUID

    database = db.session.query(Database).filter_by(uuid=DATABASE_UUID).one_or_none()
    if database is None:
        raise SystemExit("serving database not imported: run `smartprov dashboards import` first")
    if kind == "database":
        perms = {_pvm(sm, "database_access", database.perm, dry_run)}
    elif kind == "datasets":
        datasets = db.session.query(SqlaTable).filter_by(database_id=database.id).all()
        perms = {_pvm(sm, "datasource_access", t.perm, dry_run) for t in datasets}
    else:
        raise ValueError(f"unknown data access {kind!r}")
    return perms - {None}


def apply(dry_run: bool = False, folder: Path = SECURITY_DIR) -> list[str]:
    """Bring roles and RLS filters in line with the YAML; return the plan (one line a change)."""
    from superset import db

    plan = _apply_roles(folder, dry_run) + _apply_rls(folder, dry_run)
    if dry_run:
        db.session.rollback()
    else:
        db.session.commit()
    return plan


def _apply_roles(folder: Path, dry_run: bool) -> list[str]:
    """Each role gets exactly its listed permission sets and data access; retired ones go."""
    from superset import db
    from superset import security_manager as sm

    plan: list[str] = []
    templates = _permission_sets(sm)
    roles, retired = role_specs(folder)
    data_cache: dict[str, set[Any]] = {}
    for spec in roles:
        wanted: set[Any] = set()
        for template in spec.permissions:
            wanted |= templates[template]
        if spec.data not in data_cache:
            data_cache[spec.data] = _data_permissions(sm, spec.data, dry_run)
        wanted |= data_cache[spec.data]
        role = sm.find_role(spec.name)
        if role is None:
            plan.append(f"create role {spec.name!r} ({len(wanted)} permissions)")
            if not dry_run:
                role = sm.add_role(spec.name)
        else:
            have = set(role.permissions)
            if have != wanted:
                plan.append(
                    f"update role {spec.name!r}: +{len(wanted - have)} -{len(have - wanted)}"
                )
        if role is not None and not dry_run and set(role.permissions) != wanted:
            role.permissions = sorted(wanted, key=lambda pv: pv.id or 0)
    for name in retired:
        role = sm.find_role(name)
        if role is not None:
            plan.append(f"delete retired role {name!r}")
            if not dry_run:
                db.session.delete(role)
    return plan


def _rls_state(clause: str, group_key: str, datasets: list[str], roles: list[str]) -> tuple:
    return (clause, group_key, sorted(datasets), sorted(roles))


def _apply_rls(folder: Path, dry_run: bool) -> list[str]:
    """One regular RLS filter per spec (per regency/city); filters no spec names are deleted."""
    from superset import db
    from superset import security_manager as sm
    from superset.connectors.sqla.models import RowLevelSecurityFilter, SqlaTable

    plan: list[str] = []
    tables = {t.table_name: t for t in db.session.query(SqlaTable).all()}
    existing = {
        f.name: f
        for f in db.session.query(RowLevelSecurityFilter).all()
        if f.name.startswith(RLS_PREFIX)
    }
    wanted_names = set()
    for spec in rls_specs(folder):
        wanted_names.add(spec.name)
        missing = [d for d in spec.datasets if d not in tables]
        if missing:
            raise SystemExit(f"RLS {spec.name}: datasets not imported: {missing}")
        current = existing.get(spec.name)
        state = _rls_state(spec.clause, spec.group_key, spec.datasets, [spec.role])
        if current is not None and state == _rls_state(
            current.clause,
            current.group_key,
            [t.table_name for t in current.tables],
            [r.name for r in current.roles],
        ):
            continue
        plan.append(f"{'update' if current else 'create'} RLS {spec.name!r}: {spec.clause}")
        if dry_run:
            continue
        if current is None:
            current = RowLevelSecurityFilter(name=spec.name)
            db.session.add(current)
        current.filter_type = "Regular"
        current.clause = spec.clause
        current.group_key = spec.group_key
        current.description = spec.description
        current.tables = [tables[d] for d in spec.datasets]
        current.roles = [sm.find_role(spec.role)]
    for name, stale in existing.items():
        if name not in wanted_names:
            plan.append(f"delete RLS {name!r}")
            if not dry_run:
                db.session.delete(stale)
    return plan


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="print the plan, change nothing")
    args = parser.parse_args(argv)
    from dashboards.in_superset.app import superset_app

    with superset_app():
        plan = apply(dry_run=args.dry_run)
    prefix = "would " if args.dry_run else ""
    for line in plan:
        print(prefix + line)
    print(f"{'plan' if args.dry_run else 'applied'}: {len(plan)} change(s)")


if __name__ == "__main__":
    main()
