"""Imports point one way: the core audit never reaches checking/ or output/, and checking/ has
no import circle. Read from the source with ast, so a deferred import inside a function or an
``if TYPE_CHECKING:`` block counts as much as one at the top of a file."""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "auditor"
# Document -> Evidence -> ReportResult: reading, matching, scoring, and the batch that runs them.
CORE = ("auditor.reading", "auditor.matching", "auditor.scoring", "auditor.pipeline", "auditor.batch",
        "auditor.model")
UPPER = ("auditor.checking", "auditor.output")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PKG.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_package(name: str) -> bool:
    return (PKG.parent / name.replace(".", "/") / "__init__.py").is_file()


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def imports(source: str, name: str) -> set[str]:
    """Every auditor module ``source`` (the module ``name``) imports, anywhere in the file, plus
    module names it spells out as strings (importlib.import_module("auditor.output.x"))."""
    package = name if is_package(name) else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            for alias in node.names:  # `from auditor.checking import findings` imports a module
                if is_package(base) and (PKG.parent / base.replace(".", "/") / f"{alias.name}.py").is_file():
                    found.add(f"{base}.{alias.name}")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if _within(node.value, "auditor.checking") or _within(node.value, "auditor.output"):
                found.add(node.value)
    return {m for m in found if _within(m, "auditor")}


def graph() -> dict[str, set[str]]:
    return {module_name(p): imports(p.read_text(encoding="utf-8"), module_name(p))
            for p in sorted(PKG.rglob("*.py"))}


def violations(g: dict[str, set[str]]) -> list[str]:
    return sorted(f"{mod} imports {dep}" for mod, deps in g.items()
                  if any(_within(mod, c) for c in CORE)
                  for dep in deps if any(_within(dep, u) for u in UPPER))


def cycles(g: dict[str, set[str]], room: str) -> list[list[str]]:
    inside = {m: {d for d in deps if _within(d, room) and d != room and d in g}
              for m, deps in g.items() if _within(m, room) and m != room}
    found: list[list[str]] = []
    state: dict[str, int] = {}  # 1 on the current path, 2 done

    def visit(m: str, path: list[str]) -> None:
        state[m] = 1
        for d in sorted(inside.get(m, ())):
            if state.get(d) == 1:
                found.append([*path[path.index(d):], d])
            elif d not in state:
                visit(d, [*path, d])
        state[m] = 2

    for m in sorted(inside):
        if m not in state:
            visit(m, [m])
    return found


def test_core_never_imports_checking_or_output() -> None:
    g = graph()
    assert {"auditor.pipeline", "auditor.batch", "auditor.matching", "auditor.reading"} <= set(g)
    assert violations(g) == []


def test_no_import_circle_in_checking() -> None:
    g = graph()
    assert "auditor.checking.findings" in g["auditor.checking.config"]  # the graph is really read
    assert cycles(g, "auditor.checking") == []


def test_the_checks_catch_what_they_forbid() -> None:
    """The old shapes, which both tests above must reject: a deferred import in the pipeline and
    findings <-> hygiene / config."""
    old_pipeline = "def audit_path():\n    from auditor.checking.run import with_findings\n"
    g = graph()
    g["auditor.pipeline"] = imports(old_pipeline, "auditor.pipeline")
    assert violations(g) == ["auditor.pipeline imports auditor.checking.run"]
    g["auditor.checking.findings"] = imports(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .config import CheckConfig\n"
        "def collect():\n    from auditor.checking import hygiene\n", "auditor.checking.findings")
    assert g["auditor.checking.findings"] == {"auditor.checking.config", "auditor.checking",
                                              "auditor.checking.hygiene"}
    assert len(cycles(g, "auditor.checking")) >= 2
    lazy = imports('importlib.import_module("auditor.output.xlsx")', "auditor.batch")
    assert lazy == {"auditor.output.xlsx"}
