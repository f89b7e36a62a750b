"""`auditor docs`: the documentation shipped with the package."""

from __future__ import annotations

import argparse

from auditor.cli.common import (
    emit,
    lang_option,
    output_option,
)
from auditor.errors import EX_OK
from auditor.i18n import _


def add_docs(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("docs", help=_("显示随包安装的文档（check、json、export …）"),
                       description=_("显示随包安装的文档；不带名称时列出全部文档。"))
    p.add_argument("name", nargs="?", metavar="NAME", help=_("文档名，如 check、json、export、i18n"))
    output_option(p)
    lang_option(p)
    p.set_defaults(handler=_run_docs)


def _run_docs(args: argparse.Namespace) -> int:
    from auditor.shipped_docs import doc_names, read_doc

    if not args.name:
        emit("".join(f"{name}\n" for name in doc_names()), args.output)
        return EX_OK
    emit(read_doc(args.name), args.output)
    return EX_OK
