"""The package's layering, read from the source with `ast` (nothing is imported or run).

commands/ is the only Click face: whatever decides, reads, runs OPA or renders a report works
without it, so nothing outside commands/ imports casegate.commands, and click is imported in
commands/ alone. Imports inside functions count too: a late import is still a dependency, and
it was how the old circles hid.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "cli" / "casegate"

#: The console entry points: they exist to start the Click face.
ENTRY_POINTS = {"casegate.__main__"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> tuple[tuple[int, str], ...]:
    """Every module `path` imports, absolute, with its line (relative imports resolved)."""
    return tuple(_read_imports(path))


def _read_imports(path: Path) -> Iterator[tuple[int, str]]:
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                source = ".".join([*base, *([node.module] if node.module else [])])
            else:
                source = node.module or ""
            yield node.lineno, source
            for alias in node.names:  # `from casegate import commands` names a module too
                yield node.lineno, f"{source}.{alias.name}"


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _violations(allowed: set[str], forbidden: str) -> list[str]:
    found = []
    for module, path in _modules().items():
        if module in allowed or module == "casegate.commands" or module.startswith("casegate.commands."):
            continue
        lines = {}  # the first forbidden name of each import statement
        for line, imported in _imports(path):
            if imported == forbidden or imported.startswith(f"{forbidden}."):
                lines.setdefault(line, imported)
        found += [f"{path.relative_to(PACKAGE.parent)}:{line} imports {name}" for line, name in lines.items()]
    return found


def test_the_reader_finds_every_kind_of_import(tmp_path, monkeypatch):
    """The checks below are only as good as this reader: a violation in each form is seen."""
    folder = tmp_path / "casegate" / "core"
    folder.mkdir(parents=True)
    sample = folder / "sample.py"
    sample.write_text(
        "import click\n"
        "from casegate.commands.options import say\n"
        "from casegate import commands\n"
        "from ..commands import main\n"
        "def late():\n"
        "    import casegate.commands.check\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(f"{__name__}.PACKAGE", tmp_path / "casegate")
    seen = {imported for _line, imported in _imports(sample)}
    assert {"click", "casegate.commands.options", "casegate.commands", "casegate.commands.main"} <= seen
    assert "casegate.commands.check" in seen
    assert len(_violations(set(), "casegate.commands")) == 4  # every statement but `import click`
    assert _violations(set(), "click") == ["casegate/core/sample.py:1 imports click"]


def test_nothing_outside_commands_imports_a_command():
    assert _violations(ENTRY_POINTS, "casegate.commands") == []


def test_click_is_imported_by_the_commands_alone():
    """core, engine, report, render, serve and the root modules take and return plain values."""
    assert _violations(set(), "click") == []


@pytest.mark.parametrize("layer", ["core", "engine", "report", "render", "serve"])
def test_every_layer_is_a_package_the_test_reads(layer):
    """A renamed folder would make the checks above pass by reading nothing."""
    assert any(module.startswith(f"casegate.{layer}.") for module in _modules())


def test_no_module_imports_itself_back():
    """No import circle between casegate's modules, late imports included."""
    modules = _modules()
    graph = {
        module: {
            imported
            for line, imported in imports
            if imported in modules
            and imported != module
            # `from casegate.report import documents` names the module documents: the package's
            # __init__ it passes through is not an edge of its own (every submodule import runs it).
            and not (
                modules[imported].name == "__init__.py"
                and any(
                    other.startswith(f"{imported}.") and other in modules
                    for at, other in imports
                    if at == line
                )
            )
        }
        for module, path in modules.items()
        for imports in [_imports(path)]
    }
    circles: list[list[str]] = []
    state: dict[str, int] = {}  # 1 on the current path, 2 done

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for imported in sorted(graph[module]):
            if state.get(imported) == 1:
                circles.append([*trail[trail.index(imported) :], imported])
            elif imported not in state:
                visit(imported, [*trail, imported])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert circles == []
