"""The shape of the package: rooms by stage, and no import circles between modules."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Folder -> the package it is installed as (pyproject.toml: tool.setuptools.package-dir).
PACKAGES = {"newscrawl": "newscrawl", "spiders": "newscrawl.spiders", "pipelines": "newscrawl.pipelines",
            "data": "newscrawl.data"}


def module_files() -> dict[str, Path]:
    """Every module of newscrawl by dotted name (a package by its own name, for __init__.py)."""
    modules = {}
    for folder, package in PACKAGES.items():
        for path in sorted((ROOT / folder).rglob("*.py")):
            parts = list(path.relative_to(ROOT / folder).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join([package, *parts])] = path
    return modules


def import_graph(modules: dict[str, Path]) -> dict[str, set[str]]:
    """Module -> the newscrawl modules it imports, anywhere in the file (function-level and
    ``TYPE_CHECKING`` imports included). ``from a import b`` names module ``a.b`` when there
    is one, else ``a``; importing ``a.b`` is not counted as importing ``a`` itself."""

    def known(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                targets.update(filter(None, (known(alias.name) for alias in node.names)))
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:  # relative: from the module's own package upwards
                    package = name if is_package else name.rpartition(".")[0]
                    for _ in range(node.level - 1):
                        package = package.rpartition(".")[0]
                    base = f"{package}.{base}" if base else package
                for alias in node.names:
                    full = f"{base}.{alias.name}"
                    target = full if full in modules else known(base)
                    if target:
                        targets.add(target)
        targets.discard(name)
        graph[name] = targets
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import circles: one list per strongly connected group of two or more modules."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(start: str) -> None:  # Tarjan's algorithm, iterative
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return found


def test_the_import_graph_sees_every_kind_of_import() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert cycles(graph) == [["a", "b", "c"]]
    modules = module_files()
    assert {"newscrawl.extract.dates", "newscrawl.pipelines.extract", "newscrawl.spiders.news"} <= set(
        modules
    )
    edges = import_graph(modules)
    assert "newscrawl.extract.article" in edges["newscrawl.pipelines.extract"]  # top-level import
    assert "newscrawl.outputs.datasheet" in edges["newscrawl.outputs.export"]


def test_no_import_cycles() -> None:
    found = cycles(import_graph(module_files()))
    assert not found, "import circles between modules: " + "; ".join(" <-> ".join(c) for c in found)


def test_every_package_is_installed():
    """pyproject.toml lists every package folder, so a wheel (not only an editable install) has it."""
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {
        ".".join([package, *init.parent.relative_to(ROOT / folder).parts])
        for folder, package in PACKAGES.items()
        for init in (ROOT / folder).rglob("__init__.py")
        if "demo-web" not in init.parts  # the demo web is package data, not code
    }
    assert found <= listed, f"missing from [tool.setuptools] packages: {sorted(found - listed)}"
    mapped = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-dir"]
    assert {package: folder for folder, package in PACKAGES.items()} == mapped


# Rooms of the core and the rooms each must never import: the path runs one way
# (discover, extract, judge -> store -> outputs; crawl and cli on top of them all).
FORBIDDEN = {
    "extract": {"discover", "judge", "store", "outputs", "crawl", "cli", "spiders", "pipelines"},
    "judge": {"discover", "extract", "store", "outputs", "crawl", "cli", "spiders", "pipelines"},
    "discover": {"store", "outputs", "crawl", "cli", "spiders", "pipelines"},
    "store": {"discover", "extract", "outputs", "crawl", "cli", "spiders", "pipelines"},
    "outputs": {"discover", "extract", "crawl", "cli", "spiders", "pipelines"},
}
# Only these know Scrapy (and Twisted); the rest of the core is plain Python.
SCRAPY_ROOMS = {"crawl", "cli", "spiders", "pipelines"}


def _room(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in SCRAPY_ROOMS | set(FORBIDDEN) else "top"


def test_rooms_import_in_one_direction():
    graph = import_graph(module_files())
    wrong = sorted(
        f"{module} imports {imported}"
        for module, imports in graph.items()
        for imported in imports
        if _room(imported) in FORBIDDEN.get(_room(module), ())
    )
    assert not wrong, "\n".join(wrong)


def test_only_the_scrapy_side_imports_scrapy():
    wrong = []
    for module, path in module_files().items():
        if _room(module) in SCRAPY_ROOMS or module == "newscrawl.settings":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            wrong += [f"{module} imports {n}" for n in names if n.split(".")[0] in ("scrapy", "twisted")]
    assert not wrong, "\n".join(wrong)
