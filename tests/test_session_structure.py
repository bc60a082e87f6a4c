"""The shape the code keeps: layers, no import cycles, small modules, one list of keys."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "briefreader"
README = PACKAGE.parent / "README.md"


def _imports(path: Path, everywhere: bool) -> set[str]:
    """The briefreader modules a file imports: when it is imported, or anywhere (functions, TYPE_CHECKING)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = ast.walk(tree) if everywhere else _module_level(tree.body)
    found = set()
    for node in nodes:
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("briefreader"):
            found.add(node.module)
            for alias in node.names:
                found.add(f"{node.module}.{alias.name}")
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("briefreader"))
    return found


def _module_level(body: list[ast.stmt]) -> list[ast.stmt]:
    """Statements that run on import (``if TYPE_CHECKING`` blocks do not)."""
    out: list[ast.stmt] = []
    for node in body:
        out.append(node)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        if isinstance(node, (ast.If, ast.Try)):
            out += _module_level(node.body + getattr(node, "orelse", []))
    return out


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_no_import_cycle_inside_briefreader() -> None:
    """No cycle of imports that run on import anywhere; in the UI and the session, none at all.

    The UI's old circle went through ``TYPE_CHECKING`` and a function-level
    import, so those count there too.
    """
    modules = {_module(p): p for p in PACKAGE.rglob("*.py")}
    strict = ("briefreader.ui", "briefreader.session")
    graph = {m: {i for i in _imports(p, m.startswith(strict)) if i in modules and i != m} for m, p in modules.items()}
    # A package's __init__ re-exporting its modules is not a cycle through them.
    graph = {m: {i for i in deps if not m.startswith(i + ".")} for m, deps in graph.items()}
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        path.append(m)
        for dep in sorted(graph[m]):
            if state.get(dep) == 1:
                cycle = [*path[path.index(dep) :], dep]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if dep not in state:
                visit(dep)
        path.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m)


def test_no_module_is_much_over_400_lines() -> None:
    long = {
        str(p.relative_to(PACKAGE)): n for p in PACKAGE.rglob("*.py") if (n := len(p.read_text().splitlines())) > 420
    }
    assert not long


def test_the_session_imports_no_textual() -> None:
    code = "import sys, briefreader.session, briefreader.session.changes; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_readme_keys_tables_are_the_ones_the_bindings_give() -> None:
    """The reader's table and the library's, each between its markers."""
    from briefreader.ui.readme_keys import tables

    readme = README.read_text(encoding="utf-8")
    for name, table in tables().items():
        start, end = readme.index(f"<!-- {name} -->"), readme.index(f"<!-- /{name} -->")
        assert readme[start + len(f"<!-- {name} -->") : end].strip() == table, name
