"""The layout holds: each concern in its room, nothing imports upward, no import cycles, and no
file or function grows past the size a reader can hold in mind.

The rooms (README "Layout"): ``ingestion`` (landing -> raw) sits on the platform's base modules
(settings, reference, warehouse); ``smartprov`` holds the platform and the CLI; ``dashboards``
holds everything Superset. The CLI is the top: no library module imports it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from smartprov.settings import PROJECT_ROOT

PACKAGES = ("smartprov", "ingestion", "dashboards")

# what the landing -> raw library may use from the platform: its base modules, nothing above
INGESTION_MAY_IMPORT = (
    "smartprov.settings",
    "smartprov.reference",
    "smartprov.warehouse",
    "smartprov.secrets",  # the shared secret check (the PII key)
)

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


def _imports(path: Path, *, top_level_only: bool) -> Iterator[str]:
    """Project modules imported by the file (``from a.b import c`` -> ``a.b.c`` if a module)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    for node in nodes:
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            if name.split(".")[0] in PACKAGES and name in MODULES:
                yield name


def test_every_package_is_found() -> None:
    for package in PACKAGES:
        assert package in MODULES, package
    assert len(MODULES) > 50


def test_no_library_module_imports_the_cli() -> None:
    offenders = [
        f"{module} imports {target}"
        for module, path in MODULES.items()
        if not module.startswith("smartprov.cli") and module != "smartprov.__main__"
        for target in _imports(path, top_level_only=False)
        if target.startswith("smartprov.cli")
    ]
    assert offenders == []


def test_ingestion_uses_only_the_platform_base() -> None:
    offenders = [
        f"{module} imports {target}"
        for module, path in MODULES.items()
        if module.startswith("ingestion")
        for target in _imports(path, top_level_only=False)
        if not target.startswith("ingestion") and not target.startswith(INGESTION_MAY_IMPORT)
    ]
    assert offenders == []


def test_the_pipeline_never_imports_superset_code() -> None:
    """``ingestion`` and ``smartprov`` (except the dashboards command and the chart benchmark,
    which read the catalog) know nothing of Superset."""
    allowed = ("smartprov.cli.dashboards", "smartprov.bench.charts")
    offenders = [
        f"{module} imports {target}"
        for module, path in MODULES.items()
        if module.split(".")[0] in ("ingestion", "smartprov") and not module.startswith(allowed)
        for target in _imports(path, top_level_only=False)
        if target.startswith("dashboards")
    ]
    assert offenders == []


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
    graph = {
        module: {t for t in _imports(path, top_level_only=True) if t != module}
        for module, path in MODULES.items()
    }
    # a package's __init__ importing its own submodules is not a cycle with them
    for module in graph:
        graph[module] = {t for t in graph[module] if not module.startswith(f"{t}.")}
    assert _cycle(graph) is None


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


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
    from smartprov.settings import Paths

    feed = Paths(tmp_path).lapor_api_feed.relative_to(tmp_path)
    assert feed.parts[:2] == (API, LAPOR)
