"""What every command shares: the common options, where output goes, and the closing lines on
stderr (notices, warnings, errors, skipped files)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from auditor.errors import AuditorError
from auditor.i18n import N_, _
from auditor.labels import FORMAT_NAMES, LEVEL_NAMES
from auditor.options import bounded, choice, choices_text, language

MIN_WIDTH = 60  # narrower, the scorecard cannot keep a key-item name and its status on a line
PACK_HELP = N_("规则包：内置规则包编号，或规则包目录/文件（默认 gangyao-2021-2025）")


def emit(text: str, output: str | None, inputs: Sequence[str] = ()) -> None:
    if output:
        from auditor.output.atomic import write_atomic

        write_atomic(output, text, inputs)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def use_color(args: argparse.Namespace) -> bool:
    if args.output or getattr(args, "no_color", False) or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty() or bool(os.environ.get("FORCE_COLOR"))


def lang_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", type=language, metavar="zh|en",
                   help=_("界面语言：zh 中文（默认）或 en 英文；也看 LANG/LC_ALL 等环境变量"))


def level_option(p: argparse.ArgumentParser, help_text: str) -> None:
    p.add_argument("--level", type=choice(LEVEL_NAMES, _("层级")), metavar="LEVEL",
                   help=help_text + _("：") + choices_text(LEVEL_NAMES))


def format_option(p: argparse.ArgumentParser, formats: Sequence[str], default: str) -> None:
    p.add_argument("-f", "--format", type=choice(FORMAT_NAMES, _("输出格式"), formats), default=default,
                   metavar="FORMAT", help=_("输出格式：{choices}（默认 {default}）").format(
                       choices=choices_text(FORMAT_NAMES, formats), default=default))


def paths_option(p: argparse.ArgumentParser, nargs: str = "+") -> None:
    p.add_argument("paths", nargs=nargs, metavar="PATH",
                   help=_("报告文件（.txt .md .html .mhtml .docx .pdf）、文件夹（递归）、@清单.txt；"
                          "- 表示标准输入"))


def pack_option(p: argparse.ArgumentParser, extra: str = "") -> None:
    p.add_argument("--pack", metavar="PACK", help=_(PACK_HELP) + extra)


def output_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--output", metavar="FILE",
                   help=_("写入此文件（原子写入），而不是标准输出"))


def common_options(p: argparse.ArgumentParser, quiet: str) -> None:
    paths_option(p)
    pack_option(p)
    level_option(p, _("政府层级，检测不确定时指定"))
    p.add_argument("-o", "--output", metavar="FILE",
                   help=_("写入此文件（原子写入），而不是标准输出；--format html 时可为文件，"
                          "多份报告时为文件夹"))
    display_options(p)
    batch_options(p, quiet)


def display_options(p: argparse.ArgumentParser, width_help: str | None = None) -> None:
    """--width and --no-color, for every command that draws a table or a scorecard."""
    p.add_argument("--width", type=bounded(MIN_WIDTH, None, _("宽度"), integer=True), default=None,
                   metavar="N", help=width_help or _("评分卡宽度（列数，至少 60；默认：终端宽度或 COLUMNS）"))
    p.add_argument("--no-color", action="store_true", help=_("不用颜色（也可设 NO_COLOR=1）"))


def batch_options(p: argparse.ArgumentParser, quiet: str | None = None) -> None:
    p.add_argument("-j", "--jobs", type=bounded(1, None, _("并行进程数"), integer=True), default=None,
                   metavar="N", help=_("并行进程数（默认：CPU 核数）"))
    p.add_argument("--glob", metavar="PATTERNS",
                   help=_("文件夹内的文件模式，不分大小写（默认：所有支持的格式）"))
    p.add_argument("-q", "--quiet", action="store_true", help=quiet or _("不显示进度条"))
    p.add_argument("-v", "--verbose", action="store_true", help=_("列出文件夹中被跳过的文件"))
    lang_option(p)


def scorecard_width(args: argparse.Namespace) -> int | None:
    """--width, else COLUMNS (honoured when piped too: ``COLUMNS=80 auditor … | less``), else
    the terminal's own width, else 120 for files and pipes."""
    if args.width:
        return int(args.width)
    cols = os.environ.get("COLUMNS", "").strip()
    if cols.isdigit() and int(cols) > 0:
        return max(int(cols), MIN_WIDTH)
    return None if sys.stdout.isatty() and not args.output else 120


def print_errors(errors: Sequence[object]) -> None:
    for err in errors:
        path, message = (err["path"], err["message"]) if isinstance(err, dict) else \
            (err.path, err.message)  # type: ignore[attr-defined]
        print(f"auditor: {path}: {message}", file=sys.stderr)


def print_warnings(reports: Sequence[dict]) -> None:
    """Doubts about an input (not a report at all?): one line each, the audit still counts."""
    for rep in reports:
        for warning in rep.get("warnings", []):
            print(_("auditor: {path}: 警告：{message}").format(path=rep["path"], message=warning["message"]),
                  file=sys.stderr)


def audit_inputs(args: argparse.Namespace, pack: object) -> tuple[list, list, list[str]]:
    """Expand folders/@lists and audit in parallel: (reports, errors, input paths)."""
    from auditor.batch import audit_many, discover

    paths, skipped = discover(args.paths, args.glob)
    reports, errors = audit_many(paths, pack, args.level, args.jobs, progress=not args.quiet)
    args.skipped = skipped
    return reports, errors, paths


def print_notices(reports: Sequence[dict]) -> None:
    """What a reader says once per report (tracked changes accepted, mixed encodings)."""
    for rep in reports:
        for notice in rep.get("notices", ()):
            print(_("auditor: {path}: 注意：{notice}").format(path=rep["path"], notice=notice),
                  file=sys.stderr)


def say_skipped(args: argparse.Namespace, done: int) -> None:
    """Files in the named folders that no pattern picked: counted, listed with --verbose."""
    from auditor.batch import discover

    skipped = getattr(args, "skipped", None)
    if skipped is None:  # export and check expand their inputs themselves
        try:
            skipped = discover(args.paths, args.glob)[1]
        except AuditorError:
            skipped = []  # the command itself reports the problem
    if not skipped:
        return
    # With --glob the user chose what to take: a .txt left out is "not matched", not "unsupported".
    why = _("不符合 --glob 模式") if args.glob else _("文件类型不支持")
    if args.verbose:
        for path in skipped:
            print(_("auditor: {path}: 已跳过：{why}").format(path=path, why=why), file=sys.stderr)
    print(_("auditor: 已审核 {done} 份，跳过 {skip} 个：{why}{hint}").format(
        done=done, skip=len(skipped), why=why, hint="" if args.verbose else _("（--verbose 列出）")),
        file=sys.stderr)
