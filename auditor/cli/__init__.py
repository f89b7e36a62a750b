"""Commands and options only: args -> config -> run -> formatter -> exit code. One module per
command, the options they share in common.py; this module builds the parser and runs it.

Every failure a user can cause ends here as one line ``auditor: path[:line]: message`` and exit
code 2 (errors.EX_USAGE); no traceback reaches the terminal. Every word is Chinese by default
and English with ``--lang en`` or an English locale (auditor/i18n.py, docs/i18n.md); option
values take the id or its label in either language (``--level 县级`` = ``--level county``).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from auditor import __version__
from auditor.cli.audit import add_audit
from auditor.cli.check import add_check
from auditor.cli.common import lang_option
from auditor.cli.compare import add_compare, add_similar
from auditor.cli.docs import add_docs
from auditor.cli.export import add_export
from auditor.cli.rules import add_rules
from auditor.errors import EX_FAIL, EX_INTERRUPTED, EX_OK, EX_USAGE, AuditorError
from auditor.helpformat import HelpFormatter
from auditor.i18n import _

COMMANDS: list[Callable[[argparse._SubParsersAction], None]] = [add_audit, add_rules, add_export,
                                                                add_check, add_compare, add_similar,
                                                                add_docs]


class _Parser(argparse.ArgumentParser):
    """argparse prints the whole usage block before its error; a CI log wants the one line of
    the contract (``auditor: message``), with a pointer to --help instead. Subcommand parsers
    inherit this class (argparse creates them with the parent's type), and with it the help
    formatter that wraps Chinese by terminal cells."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def error(self, message: str) -> NoReturn:
        self.exit(EX_USAGE, _("auditor: {message}（见 `{prog} --help`）\n").format(
            message=message, prog=self.prog))


def _epilog() -> str:
    from auditor.batch import DEFAULT_GLOB

    inputs = " ".join(p.removeprefix("*") for p in DEFAULT_GLOB.split(","))
    return "\n".join([
        _("支持的输入：{inputs} 文件（UTF-8、GB18030/GBK 或 UTF-16，繁体亦可），"
          "文件夹（递归），@清单.txt（每行一个路径），- 表示标准输入。").format(inputs=inputs),
        _("退出码：{ok} 全部输入已审核（check：全部通过）；{fail} check 有报告不通过；"
          "{usage} 用法错误、配置或规则文件有误，或有输入无法读取（其余输入照常审核）；"
          "{intr} 被中断（Ctrl-C）。").format(ok=EX_OK, fail=EX_FAIL, usage=EX_USAGE, intr=EX_INTERRUPTED),
        _("文档：auditor docs（随包安装，如 auditor docs check）。"),
    ])


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="auditor",
                     description=_("按《法治政府建设实施纲要（2021—2025年）》审核法治政府建设年度报告。"),
                     epilog=_epilog())
    parser.add_argument("--version", action="version", version=f"auditor {__version__}",
                        help=_("显示版本号并退出"))
    lang_option(parser)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", title=_("命令"))
    for add in COMMANDS:
        add(sub)
    return parser


def _lang_in(argv: Sequence[str]) -> str | None:
    """``--lang`` must be known before the parser is built (its help is in that language)."""
    from auditor.i18n import parse_language

    for i, arg in enumerate(argv):
        if arg == "--":
            break
        value = argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else \
            arg.partition("=")[2] if arg.startswith("--lang=") else None
        if value is not None:
            try:
                return parse_language(value)
            except ValueError:
                return None  # the parser then reports the bad value in the default language
    return None


def main(argv: Sequence[str] | None = None) -> int:
    from auditor.i18n import ENV, set_language
    from auditor.streams import tolerate_narrow_encodings

    tolerate_narrow_encodings()  # `auditor audit … > 结果.txt` on a GBK Windows console
    argv = list(sys.argv[1:] if argv is None else argv)
    saved = os.environ.get(ENV)
    lang = set_language(_lang_in(argv))
    os.environ[ENV] = lang  # worker processes (batch.py, check -j) speak the same language
    try:
        return _main(argv)
    finally:  # in-process callers (tests) get their own language back
        if saved is None:
            os.environ.pop(ENV, None)
        else:
            os.environ[ENV] = saved
        set_language(None)


def _main(argv: list[str]) -> int:
    from auditor.i18n import argparse_language

    with argparse_language():
        parser = build_parser()
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:  # _Parser.error already printed the one line
            return EX_USAGE if exc.code not in (0, None) else EX_OK
    try:
        return args.handler(args)
    except AuditorError as exc:
        for line in str(exc).splitlines():  # several config problems: one line each
            print(f"auditor: {line}", file=sys.stderr)
        return EX_USAGE
    except KeyboardInterrupt:
        print(_("auditor: 已中断"), file=sys.stderr)  # outputs are atomic: nothing half-written
        return EX_INTERRUPTED
    except BrokenPipeError:
        return EX_OK
