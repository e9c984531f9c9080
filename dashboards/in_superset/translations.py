"""The project's Superset translations: compile ``.po`` → ``.mo`` + JSON pack, and place them.

    python -m dashboards.in_superset.translations [--check]

The one place that wires the Indonesian (``id``) translation into Superset. Runs in
``.venv-superset`` (Babel is a Superset dependency) and is called by ``smartprov dashboards
install`` (every run, so a reinstalled environment gets it back) and by the Docker image build
(docker/Dockerfile, target ``superset``). For every ``<lang>`` under ``dashboards/translations/``:

1. ``messages.po`` (the source, edited by hand) is read and validated with Babel: placeholders of
   every translated message must match its msgid (``%s``, ``%(name)s``, ``%d``);
2. ``messages.mo`` is written beside it: the backend catalog Flask-Babel loads through
   ``BABEL_TRANSLATION_DIRECTORIES`` (dashboards/superset_config.py), used for server-rendered
   strings and the menu labels;
3. ``messages.json`` (a Jed 1.x pack, the structure of Superset's own packs: ``domain``,
   ``locale_data.superset`` with a ``""`` header holding ``plural_forms`` and ``lang``) is written
   beside it AND copied into the installed Superset package, because Superset 6.1 reads the
   frontend pack only from ``superset/translations/<lang>/LC_MESSAGES/messages.json`` (a fixed
   path in ``superset/translations/utils.py``).

``--check`` only validates (exit 1 on errors) and writes nothing.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

TRANSLATIONS_DIR = Path(__file__).resolve().parents[1] / "translations"
DOMAIN = "superset"  # the frontend pack's domain (Jed); the .mo keeps Flask-Babel's "messages"
PLACEHOLDER = re.compile(r"%(?:\([A-Za-z_][A-Za-z0-9_]*\))?[sdifr]")


class TranslationError(ValueError):
    pass


@dataclass(frozen=True)
class Placed:
    language: str
    messages: int
    mo: Path
    json: Path
    package_json: Path | None


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def catalog_errors(catalog: Catalog, po: Path) -> list[str]:
    """Placeholder mismatches (named or positional) and Babel's own checks, one line each."""
    errors = []
    for message in list(catalog)[1:]:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = placeholders(ids[-1])
        for string in strings:
            if string and placeholders(string) != wanted:
                errors.append(
                    f"{po}:{message.lineno}: {ids[0]!r}: placeholders {placeholders(string)} "
                    f"in the translation, {wanted} in the msgid"
                )
    for message, problems in catalog.check():
        errors += [f"{po}:{message.lineno}: {message.id!r}: {problem}" for problem in problems]
    return errors


def read_catalog(po: Path) -> Catalog:
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=po.parents[1].name, domain="messages")
    errors = catalog_errors(catalog, po)
    if errors:
        raise TranslationError("\n".join(errors))
    return catalog


def language_pack(catalog: Catalog) -> dict[str, Any]:
    """The JSON pack Superset's frontend loads (same structure as superset/translations/fr)."""
    language = str(catalog.locale)
    entries: dict[str, Any] = {
        "": {"domain": DOMAIN, "plural_forms": catalog.plural_forms, "lang": language}
    }
    for message in list(catalog)[1:]:
        if not message.string or message.fuzzy:
            continue
        if isinstance(message.id, tuple):
            entries[message.id[0]] = list(message.string)
        else:
            entries[message.id] = [message.string]
    return {"domain": DOMAIN, "locale_data": {DOMAIN: entries}}


def superset_translations_dir() -> Path | None:
    """The installed package's translations folder (no import of Superset itself)."""
    spec = importlib.util.find_spec("superset")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "translations"


def _write_if_changed(path: Path, data: bytes) -> None:
    if path.exists() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def place(po: Path, package_dir: Path | None) -> Placed:
    catalog = read_catalog(po)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    mo = po.with_suffix(".mo")
    _write_if_changed(mo, buffer.getvalue())
    pack = json.dumps(language_pack(catalog), ensure_ascii=False, indent=1, sort_keys=True)
    pack_json = po.with_suffix(".json")
    _write_if_changed(pack_json, pack.encode("utf-8"))
    language = po.parents[1].name
    target = None
    if package_dir is not None:
        target = package_dir / language / "LC_MESSAGES" / "messages.json"
        _write_if_changed(target, pack.encode("utf-8"))
    return Placed(language, len(catalog), mo, pack_json, target)


def catalogs(root: Path = TRANSLATIONS_DIR) -> list[Path]:
    return sorted(root.glob("*/LC_MESSAGES/messages.po"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="validate only, write nothing")
    args = parser.parse_args(argv)
    try:
        if args.check:
            for po in catalogs():
                print(f"{po}: {len(read_catalog(po))} messages, no errors")
            return 0
        package_dir = superset_translations_dir()
        if package_dir is None:
            raise TranslationError("Superset is not installed in this environment")
        for po in catalogs():
            placed = place(po, package_dir)
            print(
                f"translation {placed.language}: {placed.messages} messages -> {placed.mo.name}, "
                f"{placed.json.name}, {placed.package_json}"
            )
    except TranslationError as error:
        print(f"translations: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
