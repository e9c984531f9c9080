"""The layout holds: layers you can see, nothing imports upward, no import cycles, the
development tools apart, one module reads the environment, and no file or function grows past
the size a reader can hold in mind.

Every import counts here: top-level, inside functions and under ``TYPE_CHECKING`` alike.

The layers, from the ground up (README "Layout"):

0. ``smartprov.base``: settings and paths, warehouse connection, lock, secrets, reference
   geography, locale, palette. Imports nothing of the project outside itself.
1. the libraries: ``ingestion`` (landing -> raw) and ``dashboards`` (the asset catalog, the code
   that runs inside Superset); they take what they need from the base or as arguments.
2. the products: transform, publish, status, notify, briefing, opendata, retention, the data
   dictionary, the analyst SQL connection; Superset's server and the browser.
3. the top: ``smartprov.orchestration``, ``smartprov.cli`` and the DAGs.

``devtools`` (simulator, LAPOR stand-in, benchmarks) stands beside them: it may use any layer,
and nothing of the platform imports it.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from smartprov.base.settings import PROJECT_ROOT

PACKAGES = ("smartprov", "ingestion", "dashboards", "dags", "devtools")
PRODUCTION = ("smartprov", "ingestion", "dashboards", "dags")

# (layer name, module prefixes); a module belongs to the layer of its longest matching prefix
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("base", ("smartprov", "smartprov.base")),
    ("library", ("ingestion", "dashboards")),
    (
        "product",
        (
            "smartprov.transform",
            "smartprov.publish",
            "smartprov.status",
            "smartprov.notify",
            "smartprov.briefing",
            "smartprov.opendata",
            "smartprov.retention",
            "smartprov.dictionary",
            "smartprov.sql",
            "smartprov.backup",
            "smartprov.national",
            "dashboards.server",
            "dashboards.browser",
            "dashboards.ui_text",
        ),
    ),
    ("top", ("smartprov.orchestration", "smartprov.cli", "smartprov.__main__", "dags")),
    ("devtools", ("devtools",)),
)
SETTINGS_MODULE = "smartprov.base.settings"
ENV_NAME = re.compile(r"SMARTPROV_[A-Z0-9_]+")

MAX_FILE_LINES = 400
MAX_FUNCTION_LINES = 60


def _modules() -> dict[str, Path]:
    out = {}
    for package in PACKAGES:
        for path in sorted((PROJECT_ROOT / package).rglob("*.py")):
            parts = path.relative_to(PROJECT_ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            out[name] = path
    return out


MODULES = _modules()


def _imports(path: Path) -> Iterator[str]:
    """Project modules the file imports anywhere in it (``from a.b import c`` -> ``a.b.c`` if a
    module, else ``a.b``), function-local and ``TYPE_CHECKING`` imports included."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            if name in MODULES:
                yield name


def _graph() -> dict[str, set[str]]:
    graph = {}
    for module, path in MODULES.items():
        # a package's __init__ importing its own submodules is not an edge to itself
        graph[module] = {
            t for t in _imports(path) if t != module and not module.startswith(f"{t}.")
        }
    return graph


GRAPH = _graph()


def layer(module: str) -> int:
    best = (-1, -1)
    for index, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best[1]:
                best = (index, len(prefix))
    return best[0]


def test_every_package_is_found() -> None:
    for package in PACKAGES:
        assert package in MODULES or any(m.startswith(package + ".") for m in MODULES), package
    assert len(MODULES) > 50


def test_every_module_has_a_layer() -> None:
    assert [m for m in MODULES if layer(m) < 0] == []


def test_layer_of() -> None:
    assert LAYERS[layer("smartprov.base.settings")][0] == "base"
    assert LAYERS[layer("ingestion.loading")][0] == "library"
    assert LAYERS[layer("dashboards.catalog.render")][0] == "library"
    assert LAYERS[layer("dashboards.server")][0] == "product"
    assert LAYERS[layer("smartprov.notify.send")][0] == "product"
    assert LAYERS[layer("smartprov.cli.ingest")][0] == "top"
    assert LAYERS[layer("devtools.simulate")][0] == "devtools"


def test_no_import_runs_upward() -> None:
    offenders = [
        f"{module} ({LAYERS[layer(module)][0]}) imports {target} ({LAYERS[layer(target)][0]})"
        for module, targets in GRAPH.items()
        for target in sorted(targets)
        if layer(target) > layer(module)
    ]
    assert offenders == []


def test_the_libraries_stay_apart() -> None:
    """``ingestion`` knows nothing of Superset, ``dashboards`` nothing of ingestion."""
    offenders = [
        f"{module} imports {target}"
        for module, targets in GRAPH.items()
        for target in targets
        if (module.startswith("ingestion") and target.startswith("dashboards"))
        or (module.startswith("dashboards") and target.startswith("ingestion"))
    ]
    assert offenders == []


def test_no_production_module_imports_the_development_tools() -> None:
    offenders = [
        f"{module} imports {target}"
        for module, targets in GRAPH.items()
        if module.split(".")[0] in PRODUCTION
        for target in targets
        if target.split(".")[0] == "devtools"
    ]
    assert offenders == []


def _env_names(path: Path) -> list[str]:
    """``SMARTPROV_*`` variable names written in the code (docstrings and comments aside)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and ENV_NAME.fullmatch(node.value)
    ]


def test_one_module_reads_the_environment() -> None:
    """Every ``SMARTPROV_*`` variable is declared and read in smartprov.base.settings; other
    modules use its ``Variable`` objects (their ``.name`` where a subprocess needs one set)."""
    offenders = {
        module: names
        for module, path in MODULES.items()
        if module != SETTINGS_MODULE and (names := _env_names(path))
    }
    assert offenders == {}


def test_the_settings_declare_every_variable_once() -> None:
    from smartprov.base.settings import VARIABLES

    names = [variable.name for variable in VARIABLES]
    assert len(names) == len(set(names)) > 30
    assert all(name.startswith("SMARTPROV_") for name in names)


def test_the_env_scan_sees_a_variable(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text('"""Reads SMARTPROV_X."""\nimport os\nos.environ.get("SMARTPROV_Y")\n')
    assert _env_names(sample) == ["SMARTPROV_Y"]


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_no_import_cycles() -> None:
    assert _cycle(GRAPH) is None


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_function_local_imports_are_seen(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from ingestion.loading import load_deliveries\n"
        "def f():\n    from smartprov.cli import cli\n"
    )
    assert set(_imports(sample)) == {"ingestion.loading", "smartprov.cli"}


@pytest.mark.parametrize("module", sorted(MODULES))
def test_file_and_function_sizes(module: str) -> None:
    path = MODULES[module]
    text = path.read_text(encoding="utf-8")
    assert text.count("\n") <= MAX_FILE_LINES, f"{path}: {text.count(chr(10))} lines"
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert long == [], f"{path}: {long}"


def test_the_home_layout_spells_sources_as_ingestion_does(tmp_path: Path) -> None:
    from ingestion.sources import API, LAPOR
    from smartprov.base.settings import Paths

    feed = Paths(tmp_path).lapor_api_feed.relative_to(tmp_path)
    assert feed.parts[:2] == (API, LAPOR)
