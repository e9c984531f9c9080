"""Roles and row-level security from ``dashboards/security/*.yaml`` (Superset environment).

    .venv-superset/bin/python -m dashboards.in_superset.security [--dry-run]

Re-runnable: creates missing roles, sets each managed role's permissions to exactly the plan,
creates/updates/deletes the managed RLS filters (names starting with ``smartprov:``), deletes
retired roles, then (re)installs the security stamp (``security_stamp.py``) that lets the
security manager remember permission answers until a role or permission changes. ``--dry-run``
prints the plan and changes nothing.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from dashboards import SECURITY_DIR
from dashboards.in_superset import security_stamp
from smartprov.base.reference import regencies

RLS_PREFIX = "smartprov:"
# data access kinds (roles.yaml `data:`)
DATA_KINDS = ("database", "datasets", "rls_datasets")
# Superset's own admin: exempt from the base filter like every managed role
ADMIN_ROLE = "Admin"


@dataclass(frozen=True)
class RoleSpec:
    name: str
    permissions: tuple[str, ...]  # permission sets of roles.yaml: viewer, sql_lab
    data: str  # database | datasets | rls_datasets
    per_regency: bool = False


@dataclass(frozen=True)
class RlsSpec:
    name: str
    roles: tuple[str, ...]  # Regular: the filtered roles; Base: the roles exempt from it
    datasets: tuple[str, ...]
    clause: str
    group_key: str | None
    description: str
    filter_type: str = "Regular"


def _read(name: str, folder: Path) -> dict[str, Any]:
    return yaml.safe_load((folder / name).read_text(encoding="utf-8")) or {}


def role_specs(folder: Path = SECURITY_DIR) -> tuple[list[RoleSpec], list[str]]:
    doc = _read("roles.yaml", folder)
    specs = [RoleSpec(r["name"], tuple(r["permissions"]), r["data"]) for r in doc["roles"]]
    per = doc.get("per_regency")
    if per:
        for regency in regencies():
            fields = {"nama": regency.nama, "kode_kabkota": regency.kode_kabkota}
            name = per["name"].format(**fields)
            specs.append(RoleSpec(name, tuple(per["permissions"]), per["data"], True))
    for spec in specs:
        if spec.data not in DATA_KINDS:
            raise SystemExit(f"role {spec.name!r}: unknown data access {spec.data!r}")
        if spec.per_regency and spec.data != "rls_datasets":
            raise SystemExit(
                f"role {spec.name!r}: a regency role gets only datasets carrying its RLS filter "
                f"(data: rls_datasets), not {spec.data!r}"
            )
    return specs, list(doc.get("retired") or [])


def permission_sets(folder: Path = SECURITY_DIR) -> dict[str, set[tuple[str, str]]]:
    """The allow-lists of roles.yaml: set name -> {(permission, view)}."""
    doc = _read("roles.yaml", folder)
    return {name: {tuple(pair) for pair in pairs} for name, pairs in doc["permission_sets"].items()}


def role_datasets(
    roles: list[RoleSpec], rls: list[RlsSpec], all_datasets: list[str]
) -> dict[str, set[str] | str]:
    """What each role may read: ``"database"`` (SQL Lab on the serving database) or dataset
    names. A regency role gets exactly the datasets of its own regular RLS filters, so a
    dataset added later without the filter stays invisible to it (fail closed)."""
    filtered: dict[str, set[str]] = {}
    for spec in rls:
        if spec.filter_type == "Regular":
            for role in spec.roles:
                filtered.setdefault(role, set()).update(spec.datasets)
    out: dict[str, set[str] | str] = {}
    for spec in roles:
        if spec.data == "database":
            out[spec.name] = "database"
        elif spec.data == "datasets":
            out[spec.name] = set(all_datasets)
        else:
            out[spec.name] = filtered.get(spec.name, set()) & set(all_datasets)
    return out


def rls_specs(folder: Path = SECURITY_DIR) -> list[RlsSpec]:
    """The filters of rls.yaml, one per regency where ``for_each_regency``; a Base filter's
    ``exempt_managed_roles`` adds every role of roles.yaml (and Superset's Admin) to its roles."""
    managed = [ADMIN_ROLE] + [r.name for r in role_specs(folder)[0]]
    out = []
    for entry in _read("rls.yaml", folder)["filters"]:
        extra = tuple(managed) if entry.get("exempt_managed_roles") else ()
        targets = (
            [{"nama": r.nama, "kode_kabkota": r.kode_kabkota} for r in regencies()]
            if entry.get("for_each_regency")
            else [{}]
        )
        for fields in targets:
            out.append(
                RlsSpec(
                    RLS_PREFIX + entry["name"].format(**fields),
                    tuple(r.format(**fields) for r in entry.get("roles", ())) + extra,
                    tuple(entry["datasets"]),
                    entry["clause"].format(**fields),
                    entry.get("group_key"),
                    entry.get("description", "").format(**fields),
                    entry.get("filter_type", "Regular"),
                )
            )
    return out


def _permission_sets(sm: Any, folder: Path, plan: list[str]) -> dict[str, set[Any]]:
    """The allow-lists as Superset permission-view objects. A listed pair Superset does not
    know (a version change) is reported in the plan and not granted; nothing unlisted is."""
    out: dict[str, set[Any]] = {}
    for name, pairs in permission_sets(folder).items():
        out[name] = set()
        for permission, view in sorted(pairs):
            found = sm.find_permission_view_menu(permission, view)
            if found is None:
                plan.append(f"skip unknown permission {permission} on {view} ({name})")
            else:
                out[name].add(found)
    return out


def _pvm(sm: Any, permission: str, view: str, dry_run: bool) -> Any:
    found = sm.find_permission_view_menu(permission, view)
    if found is None and not dry_run:
        found = sm.add_permission_view_menu(permission, view)
    return found


def _data_permissions(sm: Any, wanted: set[str] | str, dry_run: bool) -> set[Any]:
    from superset import db
    from superset.connectors.sqla.models import SqlaTable
    from superset.models.core import Database

    from dashboards.catalog.spec import DATABASE_UUID, NATIONAL_DATABASE_UUID

    database = db.session.query(Database).filter_by(uuid=DATABASE_UUID).one_or_none()
    if database is None:
        raise SystemExit("serving database not imported: run `smartprov dashboards import` first")
    # the national serving database, where imported (Nasional): the same access as the
    # province's for the roles that read all of it; regency roles never (no RLS datasets there)
    national = db.session.query(Database).filter_by(uuid=NATIONAL_DATABASE_UUID).one_or_none()
    databases = [database, *([national] if national is not None else [])]
    if wanted == "database":
        perms = {_pvm(sm, "database_access", d.perm, dry_run) for d in databases}
    else:
        ids = [d.id for d in databases]
        datasets = db.session.query(SqlaTable).filter(SqlaTable.database_id.in_(ids)).all()
        perms = {
            _pvm(sm, "datasource_access", t.perm, dry_run)
            for t in datasets
            if t.table_name in wanted
        }
    return perms - {None}


def apply(dry_run: bool = False, folder: Path = SECURITY_DIR) -> list[str]:
    """Bring roles and RLS filters in line with the YAML; return the plan (one line a change)."""
    from superset import db

    plan = _apply_roles(folder, dry_run) + _apply_public(folder, dry_run)
    plan += _apply_rls(folder, dry_run)
    if dry_run:
        db.session.rollback()
    else:
        db.session.commit()
    return plan


def _apply_roles(folder: Path, dry_run: bool) -> list[str]:
    """Each role gets exactly its listed permission sets and data access; retired ones go."""
    from superset import db
    from superset import security_manager as sm
    from superset.connectors.sqla.models import SqlaTable

    plan: list[str] = []
    templates = _permission_sets(sm, folder, plan)
    roles, retired = role_specs(folder)
    names = [t.table_name for t in db.session.query(SqlaTable).all()]
    access = role_datasets(roles, rls_specs(folder), names)
    data_cache: dict[str, set[Any]] = {}
    for spec in roles:
        wanted: set[Any] = set()
        for template in spec.permissions:
            wanted |= templates[template]
        key = repr(sorted(access[spec.name])) if access[spec.name] != "database" else "database"
        if key not in data_cache:
            data_cache[key] = _data_permissions(sm, access[spec.name], dry_run)
        wanted |= data_cache[key]
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


def _apply_public(folder: Path, dry_run: bool) -> list[str]:
    """Superset's anonymous role gets exactly roles.yaml's ``public`` list (the language pack)."""
    from superset import security_manager as sm

    wanted = {_pvm(sm, p, v, dry_run) for p, v in _read("roles.yaml", folder).get("public") or []}
    wanted.discard(None)
    role = sm.get_public_role()
    if role is None or set(role.permissions) == wanted:
        return []
    if not dry_run:
        role.permissions = sorted(wanted, key=lambda pv: pv.id or 0)
    return [f"update role {role.name!r} (anonymous): {len(wanted)} permission(s)"]


def _rls_state(
    kind: str, clause: str, group_key: str | None, datasets: list[str], roles: list[str]
) -> tuple:
    return (kind, clause, group_key, sorted(datasets), sorted(roles))


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
        state = _rls_state(
            spec.filter_type, spec.clause, spec.group_key, list(spec.datasets), list(spec.roles)
        )
        if current is not None and state == _rls_state(
            current.filter_type,
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
        current.filter_type = spec.filter_type
        current.clause = spec.clause
        current.group_key = spec.group_key
        current.description = spec.description
        current.tables = [tables[d] for d in spec.datasets]
        current.roles = [r for r in (sm.find_role(n) for n in spec.roles) if r is not None]
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
        if not args.dry_run:
            from superset import db

            with db.engine.begin() as connection:
                watched = security_stamp.install(connection)
            print(f"security stamp: {len(watched)} permission table(s) watched")
    prefix = "would " if args.dry_run else ""
    for line in plan:
        print(prefix + line)
    print(f"{'plan' if args.dry_run else 'applied'}: {len(plan)} change(s)")


if __name__ == "__main__":
    main()
