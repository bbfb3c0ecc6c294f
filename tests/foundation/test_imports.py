"""Fast commands load only what they use, and the package has no import cycles."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "exporter"
HEAVY = ("weasyprint", "ebooklib", "pypdf", "fontTools", "exporter.writers.pdf.writer", "exporter.weasyprint_ext")
PROBE = """
import contextlib, io, json, sys
import exporter.cli
from exporter.cli import main
argv = sys.argv[1:]
if argv:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
        main(argv)
print(json.dumps(sorted(sys.modules)))
"""


def _loaded(*argv: str) -> list[str]:
    done = subprocess.run([sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, timeout=120, check=True)
    return json.loads(done.stdout.splitlines()[-1])


@pytest.mark.parametrize("argv", [(), ("--version",), ("themes",), ("--help",)], ids=["import", "version", "themes", "help"])
def test_fast_commands_do_not_load_weasyprint_ebooklib_or_the_pdf_writer(argv: tuple[str, ...]) -> None:
    modules = _loaded(*argv)
    assert not [m for m in modules if m.startswith(HEAVY)]
    if argv in ((), ("--version",)):
        assert "exporter.model" not in modules and "pydantic" not in modules


def _module_level_imports(path: Path, modules: set[str]) -> set[str]:
    """The exporter modules `path` imports when it is imported (not inside functions or
    `if TYPE_CHECKING:`); `from package import module` is an edge to the module only."""
    name = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__")
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()

    def visit(body: list[ast.stmt]) -> None:
        for node in body:
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                continue
            if isinstance(node, ast.If | ast.Try):
                visit(node.body)
                visit(getattr(node, "orelse", []))
                for handler in getattr(node, "handlers", []):
                    visit(handler.body)
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name.startswith("exporter"))
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    module = ".".join(base + ([node.module] if node.module else []))
                else:
                    module = node.module or ""
                if module.startswith("exporter"):
                    names = {f"{module}.{a.name}" for a in node.names}
                    found.update(names & modules if names <= modules else {module} | (names & modules))

    visit(ast.parse(path.read_text(encoding="utf-8")).body)
    return found


def test_no_module_level_import_cycles() -> None:
    modules = {".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__"): p
               for p in PACKAGE.rglob("*.py")}
    graph = {name: {m for m in _module_level_imports(path, set(modules)) if m in modules and m != name}
             for name, path in modules.items()}
    cycles, state = [], {}

    def walk(node: str, stack: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                cycles.append(stack[stack.index(nxt):] + [nxt] if nxt in stack else [node, nxt])
            elif nxt not in state:
                walk(nxt, [*stack, nxt])
        state[node] = "done"

    for name in sorted(modules):
        if name not in state:
            walk(name, [name])
    assert not cycles, cycles
