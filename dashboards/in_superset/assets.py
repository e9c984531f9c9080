"""Import the asset YAML into Superset (runs in the Superset environment).

    .venv-superset/bin/python -m dashboards.in_superset.assets --serving data/serving.duckdb \
        [--national-serving data/national/serving.duckdb]

With ``--national-serving`` the national dashboard ("Nasional", ``assets/national/``) is
imported too, its own database pointing at that file.

Uses Superset's ``ImportAssetsCommand``: overwrite everything, keep UUIDs, so running it again
changes nothing. The database file's placeholder is replaced with the actual serving path
(read-only), and assets listed in ``dashboards/retired.yaml`` are deleted.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

import yaml

from dashboards import (
    ASSETS_DIR,
    MAP_STYLE_PLACEHOLDER,
    NATIONAL_SERVING_PLACEHOLDER,
    SERVING_PATH_PLACEHOLDER,
    map_style,
)
from dashboards.catalog.render import KINDS, NATIONAL

RETIRED_FILE = ASSETS_DIR / "retired.yaml"


def bundle(serving: Path, root: Path = ASSETS_DIR, national: Path | None = None) -> dict[str, str]:
    """The import bundle: ``metadata.yaml`` plus every asset file, serving path filled in; with
    ``national``, the national dashboard's assets too (``national/<kind>/…``)."""
    serving = serving.resolve()
    contents = {
        "metadata.yaml": yaml.safe_dump(
            {
                "version": "1.0.0",
                "type": "assets",
                "timestamp": datetime.now(UTC).isoformat(),
            }
        )
    }
    for kind in KINDS:
        for path in sorted((root / kind).glob("*.yaml")):
            text = path.read_text(encoding="utf-8")
            if kind == "databases":
                text = text.replace(SERVING_PATH_PLACEHOLDER, serving.as_posix())
            if kind == "charts":
                text = text.replace(MAP_STYLE_PLACEHOLDER, map_style())
            contents[f"{kind}/{path.name}"] = text
    if national is not None:
        for kind in KINDS:
            for path in sorted((root / NATIONAL / kind).glob("*.yaml")):
                text = path.read_text(encoding="utf-8")
                if kind == "databases":
                    text = text.replace(NATIONAL_SERVING_PLACEHOLDER, national.resolve().as_posix())
                contents[f"{kind}/{NATIONAL}_{path.name}"] = text
    return contents


def retired(root: Path = ASSETS_DIR) -> list[dict[str, str]]:
    path = root / "retired.yaml"
    if not path.exists():
        return []
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("retired") or []


def remove_retired(entries: list[dict[str, str]]) -> list[str]:
    from superset import db
    from superset.connectors.sqla.models import SqlaTable
    from superset.models.dashboard import Dashboard
    from superset.models.slice import Slice

    models = {"dashboard": Dashboard, "chart": Slice, "dataset": SqlaTable}
    removed = []
    # dashboards before their charts, charts before their datasets
    for entry in sorted(entries, key=lambda e: list(models).index(e["kind"])):
        model = models[entry["kind"]]
        obj = db.session.query(model).filter_by(uuid=entry["uuid"]).one_or_none()
        if obj is not None:
            db.session.delete(obj)
            removed.append(f"{entry['kind']} {entry['title']} ({entry['uuid']})")
    db.session.commit()
    return removed


def import_assets(serving: Path, username: str, national: Path | None = None) -> None:
    from dashboards.in_superset.app import superset_app

    with superset_app(username):
        from superset.commands.importers.v1.assets import ImportAssetsCommand

        contents = bundle(serving, national=national)
        ImportAssetsCommand(contents).run()
        counts = {k: sum(name.startswith(f"{k}/") for name in contents) for k in KINDS}
        print("imported " + ", ".join(f"{n} {k}" for k, n in counts.items()))
        for line in remove_retired(retired()):
            print(f"removed retired {line}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--serving", type=Path, required=True, help="serving.duckdb path")
    parser.add_argument("--user", default="admin", help="Superset admin who owns the import")
    parser.add_argument(
        "--national-serving", type=Path, default=None, help="national serving.duckdb (Nasional)"
    )
    args = parser.parse_args(argv)
    if not args.serving.exists():
        print(
            f"warning: {args.serving} does not exist yet; charts fail until it does",
            file=sys.stderr,
        )
    import_assets(args.serving, args.user, args.national_serving)


if __name__ == "__main__":
    main()
