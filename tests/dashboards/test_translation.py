"""The Indonesian catalog (dashboards/translations/id): valid, exact msgids, compiled as Superset
expects. Runs the compiler in .venv-superset (Babel and the installed messages.pot live there)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from dashboards import superset_bin
from dashboards.server import install
from smartprov.base.settings import PROJECT_ROOT

PO = PROJECT_ROOT / "dashboards" / "translations" / "id" / "LC_MESSAGES" / "messages.po"
GLOSSARY = PROJECT_ROOT / "dashboards" / "translations" / "GLOSSARY.csv"

# Runs inside .venv-superset: prints what the checks below need, as JSON.
PROBE = r"""
import importlib.util, json, sys
from pathlib import Path
from babel.messages.pofile import read_po
from dashboards.in_superset import translations as t
package = t.superset_translations_dir()
pot = read_po((package / "messages.pot").open("rb"))
po = read_po(Path(sys.argv[1]).open("rb"))
def key(m): return m.id if isinstance(m.id, str) else list(m.id)
print(json.dumps({
    "pot": [key(m) for m in pot if m.id],
    "po": [[key(m), m.string if isinstance(m.string, str) else list(m.string)]
           for m in po if m.id],
    "plural_forms": po.plural_forms,
    "errors": t.catalog_errors(po, Path(sys.argv[1])),
    "package_dir": str(package),
}))
"""


def superset_python(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(superset_bin("python")), *args],
        cwd=PROJECT_ROOT,
        env={"PYTHONPATH": str(PROJECT_ROOT), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def catalog() -> dict:
    install(quiet=True)  # also compiles and places the packs
    done = superset_python("-c", PROBE, str(PO))
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def _placeholders(text: str) -> list[str]:
    import re

    return sorted(re.findall(r"%(?:\([A-Za-z_]\w*\))?[sdifr]", text))


def test_every_msgid_exists_in_the_installed_messages_pot(catalog: dict) -> None:
    pot = {json.dumps(m) for m in catalog["pot"]}
    missing = [m for m, _ in catalog["po"] if json.dumps(m) not in pot]
    assert not missing, f"msgids not in Superset's messages.pot (never translated): {missing}"


def test_several_hundred_messages_all_translated(catalog: dict) -> None:
    assert len(catalog["po"]) >= 500
    untranslated = [m for m, s in catalog["po"] if not s or (isinstance(s, list) and not all(s))]
    assert not untranslated


def test_every_translation_keeps_the_placeholders_of_its_msgid(catalog: dict) -> None:
    mismatched = []
    for msgid, string in catalog["po"]:
        ids = msgid if isinstance(msgid, list) else [msgid]
        for text in string if isinstance(string, list) else [string]:
            if _placeholders(text) != _placeholders(ids[-1]):
                mismatched.append((msgid, text))
    assert not mismatched
    assert catalog["errors"] == []  # the compiler's own check (and Babel's) agrees


def test_indonesian_has_one_plural_form(catalog: dict) -> None:
    assert catalog["plural_forms"] == "nplurals=1; plural=0;"


def test_the_compiler_refuses_a_broken_placeholder(tmp_path: Path) -> None:
    po = tmp_path / "id" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: id\\n"\n"Plural-Forms: nplurals=1; plural=0;\\n"\n\n'
        'msgid "Deleted: %s"\nmsgstr "Dihapus"\n',
        encoding="utf-8",
    )
    code = (
        "import sys; from pathlib import Path; from dashboards.in_superset import translations"
        " as t\ntry:\n t.read_catalog(Path(sys.argv[1]))\nexcept t.TranslationError as e:\n"
        " print(e); sys.exit(3)"
    )
    done = superset_python("-c", code, str(po))
    assert done.returncode == 3, done.stdout + done.stderr
    assert "Deleted: %s" in done.stdout and "messages.po:" in done.stdout


def test_the_frontend_pack_is_where_superset_reads_it_and_shaped_like_its_own(
    catalog: dict,
) -> None:
    package = Path(catalog["package_dir"])
    ours = json.loads((package / "id" / "LC_MESSAGES" / "messages.json").read_text("utf-8"))
    french = json.loads((package / "fr" / "LC_MESSAGES" / "messages.json").read_text("utf-8"))
    assert ours.keys() == french.keys() == {"domain", "locale_data"}
    assert ours["domain"] == french["domain"] == "superset"
    header, french_header = (
        ours["locale_data"]["superset"][""],
        french["locale_data"]["superset"][""],
    )
    assert header.keys() == french_header.keys()
    assert header == {"domain": "superset", "plural_forms": "nplurals=1; plural=0;", "lang": "id"}
    entries = ours["locale_data"]["superset"]
    assert entries["Dashboards"] == ["Dasbor"]
    assert entries["%s row"] == ["%s baris"]  # plural: one form, keyed by the singular msgid
    assert len(entries) - 1 == len(catalog["po"])
    # Superset's own loader (superset/translations/utils.py) returns it for "id"
    code = (
        "from superset.translations.utils import get_language_pack as g\n"
        "print(g('id')['locale_data']['superset']['Apply'][0])"
    )
    done = superset_python("-c", code)
    assert done.stdout.strip().splitlines()[-1] == "Terapkan", done.stderr[-2000:]


def test_the_backend_catalog_translates_through_flask_babel() -> None:
    mo = PO.with_suffix(".mo")
    code = (
        "from babel.support import Translations; import sys\n"
        "t = Translations.load(sys.argv[1], ['id'])\n"
        "print(t.gettext('Dashboards')); print(t.ngettext('%s row', '%s rows', 5) % 5)"
    )
    done = superset_python("-c", code, str(mo.parents[2]))
    assert done.stdout.split("\n")[:2] == ["Dasbor", "5 baris"], done.stderr[-2000:]


def test_glossary_terms_are_used_consistently(catalog: dict) -> None:
    """Every glossary row whose English term is a whole msgid is translated as the glossary says."""
    import csv

    rows = list(csv.DictReader(GLOSSARY.open(encoding="utf-8")))
    assert len(rows) >= 30
    translated = {m: s for m, s in catalog["po"] if isinstance(m, str)}
    checked = 0
    for row in rows:
        for english in (row["english"], row["english"].capitalize()):
            if english in translated:
                assert translated[english].lower() == row["indonesian"].lower(), row
                checked += 1
    assert checked >= 20


def test_config_makes_indonesian_the_default_and_reads_the_project_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import runpy

    monkeypatch.setenv("SMARTPROV_HOME", str(tmp_path))
    monkeypatch.setenv("SMARTPROV_DEMO", "1")
    config = runpy.run_path(str(PROJECT_ROOT / "dashboards" / "superset_config.py"))
    assert config["BABEL_DEFAULT_LOCALE"] == "id"
    assert list(config["LANGUAGES"]) == ["id", "en"]
    folders = config["BABEL_TRANSLATION_DIRECTORIES"].split(";")
    assert folders == ["translations", str(PO.parents[2])]  # Superset's own, then ours


def test_anonymous_visitors_get_only_the_language_pack() -> None:
    """The login page loads the pack before login (Superset's Public role): nothing else."""
    import yaml

    roles = yaml.safe_load((PROJECT_ROOT / "dashboards/security/roles.yaml").read_text("utf-8"))
    assert roles["public"] == [["can_language_pack", "Superset"]]
