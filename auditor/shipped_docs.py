"""The documentation help text points to, shipped inside the package (``auditor docs NAME``).

The docs/ folder of the checkout is installed as the data package ``auditor.docs`` (see
pyproject.toml), so ``auditor check --help`` never points at a file the installed tool lacks.
"""

from __future__ import annotations

from pathlib import Path

from auditor.errors import AuditorError
from auditor.i18n import _


def docs_dir() -> Path:
    """Package data ``auditor.docs`` when installed, ``docs/`` in a checkout."""
    import importlib.resources

    try:
        shipped = importlib.resources.files("auditor.docs") / "json.md"
    except (ModuleNotFoundError, TypeError):
        shipped = None
    if isinstance(shipped, Path) and shipped.is_file():
        return shipped.parent
    return Path(__file__).resolve().parents[1] / "docs"


def doc_names() -> list[str]:
    return sorted(p.stem for p in docs_dir().glob("*.md"))


def read_doc(name: str) -> str:
    stem = name.removesuffix(".md").removeprefix("docs/")
    path = docs_dir() / f"{stem}.md"
    if stem not in doc_names():
        raise AuditorError(_("没有名为 {name!r} 的文档（可选：{names}）").format(
            name=name, names=", ".join(doc_names())))
    return path.read_text(encoding="utf-8")
