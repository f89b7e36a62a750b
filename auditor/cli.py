"""Commands and options only: args -> config -> run -> formatter -> exit code.

Every failure a user can cause ends here as one line ``auditor: path[:line]: message`` and exit
code 2 (errors.EX_USAGE); no traceback reaches the terminal.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from auditor import __version__
from auditor.errors import EX_FAIL, EX_INTERRUPTED, EX_OK, EX_USAGE, AuditorError
from auditor.i18n import _
from auditor.model import LEVELS

PACK_HELP = _("规则包：内置规则包编号，或规则包目录/文件（默认 gangyao-2021-2025）")


def _emit(text: str, output: str | None, inputs: Sequence[str] = ()) -> None:
    if output:
        from auditor.output.atomic import write_atomic

        write_atomic(output, text, inputs)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def _color(args: argparse.Namespace) -> bool:
    if args.output or getattr(args, "no_color", False) or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty() or bool(os.environ.get("FORCE_COLOR"))


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="report files (.txt .md .html .mhtml .docx .pdf), folders (recursive), "
                        "@list.txt; - for stdin")
    p.add_argument("--pack", help=PACK_HELP)
    p.add_argument("--level", choices=LEVELS, help="government level, when detection is unsure")
    p.add_argument("-o", "--output",
                   help="write to this file (atomically) instead of stdout; "
                        "--format html: a file, or a folder for several reports")
    p.add_argument("--width", type=int, default=None, help="terminal width for the scorecard")
    p.add_argument("--no-color", action="store_true", help="plain text (also: NO_COLOR=1)")
    _batch_options(p)


def _jobs(value: str) -> int:
    n = int(value) if value.strip().lstrip("-").isdigit() else 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1, not {value!r}")
    return n


def _batch_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("-j", "--jobs", type=_jobs, default=None, metavar="N",
                   help="parallel worker processes (default: number of cores)")
    p.add_argument("--glob", help="file patterns inside folders, any case (default: every supported "
                                  "format: .txt .md .html .htm .mhtml .docx .pdf)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.add_argument("-v", "--verbose", action="store_true", help="list the files skipped in folders")


def _audit_inputs(args: argparse.Namespace, pack: object) -> tuple[list, list, list[str]]:
    """Expand folders/@lists and audit in parallel: (reports, errors, input paths)."""
    from auditor.batch import audit_many, discover

    paths, skipped = discover(args.paths, args.glob)
    reports, errors = audit_many(paths, pack, args.level, args.jobs, progress=not args.quiet)
    args.skipped = skipped
    return reports, errors, paths


def _skipped(args: argparse.Namespace) -> list[str]:
    """Files in the named folders that no pattern picked (export and check expand inputs
    themselves; walking the folders again costs a directory listing)."""
    from auditor.batch import discover

    try:
        return discover(args.paths, args.glob)[1]
    except AuditorError:
        return []  # the command itself reports the problem


def _closing(args: argparse.Namespace, reports: list, errors: list) -> None:
    """Notices each report's reader raised (once per report), and files skipped in folders."""
    from auditor.i18n import _

    for rep in reports:
        for notice in rep.meta.get("notices", ()):
            print(f"auditor: {rep.path}: {_('注意')}: {notice}", file=sys.stderr)
    _say_skipped(args, len(reports))


def _say_skipped(args: argparse.Namespace, done: int) -> None:
    from auditor.i18n import _

    skipped = getattr(args, "skipped", None)
    if skipped is None:
        skipped = _skipped(args)
    if skipped:
        if getattr(args, "verbose", False):
            for path in skipped:
                print(f"auditor: {path}: {_('已跳过：文件类型不支持')}", file=sys.stderr)
        print(_("auditor: 已审核 {done} 份，跳过 {skip} 个：文件类型不支持{hint}").format(
            done=done, skip=len(skipped),
            hint="" if getattr(args, "verbose", False) else _("（--verbose 列出）")), file=sys.stderr)


# --- audit -------------------------------------------------------------------------------------

AUDIT_FORMATS = ("scorecard", "json", "html")


def _add_audit(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("audit", help="audit reports against the rule pack (scorecard, JSON or HTML)")
    _common(p)
    p.add_argument("-f", "--format", choices=AUDIT_FORMATS, default="scorecard")
    p.set_defaults(handler=_run_audit)


def _run_audit(args: argparse.Namespace) -> int:
    from auditor.output import render
    from auditor.output.records import records
    from auditor.packs import load_pack

    pack = load_pack(args.pack)
    if args.format == "html":  # pages, or a folder of pages + index (docs/html.md)
        from auditor.output.html_site import audit_to_html

        _count, errors = audit_to_html(args.paths, args.output, pack=pack, level=args.level,
                                       jobs=args.jobs, glob=args.glob, progress=not args.quiet)
        for err in errors:
            print(f"auditor: {err.path}: {err.message}", file=sys.stderr)
        return EX_USAGE if errors else EX_OK
    reports, errors, paths = _audit_inputs(args, pack)
    doc = records(reports, errors, pack.id, len(pack.rules), pack=pack)
    width = args.width or (None if sys.stdout.isatty() and not args.output else 120)
    _emit(render(args.format, doc, color=_color(args), width=width), args.output, paths)
    for err in errors:
        print(f"auditor: {err.path}: {err.message}", file=sys.stderr)
    _closing(args, reports, errors)
    return EX_USAGE if errors else EX_OK


# --- export ------------------------------------------------------------------------------------

def _add_export(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="audit many reports into one .xlsx workbook and/or CSV files")
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="report files, folders (recursive) and @list.txt files")
    p.add_argument("-o", "--output", metavar="FILE.xlsx", help="write the workbook here (atomically)")
    p.add_argument("--csv", metavar="DIR", help="also/instead write one UTF-8 (BOM) CSV per sheet")
    p.add_argument("--pack", help=PACK_HELP)
    p.add_argument("--level", choices=LEVELS, help="government level for every report")
    p.add_argument("--no-findings", action="store_true",
                   help="skip the draft checks of `auditor check` (no 问题数 column)")
    _batch_options(p)
    p.set_defaults(handler=_run_export)


def _run_export(args: argparse.Namespace) -> int:
    from auditor.output.export import export_paths

    count, errors = export_paths(args.paths, args.output, args.csv, pack=args.pack, level=args.level,
                                 jobs=args.jobs, glob=args.glob, progress=not args.quiet,
                                 findings=not args.no_findings)
    for err in errors:
        print(f"auditor: {err.path}: {err.message}", file=sys.stderr)
    if not args.quiet:
        print(f"auditor: exported {count} reports, {len(errors)} could not be audited", file=sys.stderr)
    _say_skipped(args, count)
    return EX_USAGE if errors else EX_OK


# --- rules -------------------------------------------------------------------------------------

def _add_rules(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("rules", help=_("查看、校验、测试规则包（docs/rules.md）"))
    rsub = p.add_subparsers(dest="rules_command", required=True)
    ls = rsub.add_parser("list", help=_("列出规则包的事项：表格，或 --format json"))
    ls.add_argument("--pack", help=PACK_HELP)
    ls.add_argument("-f", "--format", choices=("table", "json"), default="table")
    ls.add_argument("-o", "--output", help=_("写入该文件（原子写入），而不是标准输出"))
    ls.add_argument("--width", type=int, default=None, help=_("表格宽度（终端列数）"))
    ls.add_argument("--no-color", action="store_true", help=_("不用颜色（也可设 NO_COLOR=1）"))
    ls.set_defaults(handler=_run_rules_list)
    sh = rsub.add_parser("show", help=_("一个事项的全部信息：依据、锚定词、正则、例句"))
    sh.add_argument("item", metavar="ID", help=_("事项编号，例如 enforce.three_systems"))
    sh.add_argument("--pack", help=PACK_HELP)
    sh.set_defaults(handler=_run_rules_show, output=None)
    v = rsub.add_parser("validate", help=_("以 文件:行: 说明 列出规则文件中的全部错误"))
    v.add_argument("paths", nargs="*", metavar="PATH",
                   help=_("规则包目录、YAML 文件或内置规则包编号（默认：内置纲要规则包）"))
    v.set_defaults(handler=_run_rules_validate)
    t = rsub.add_parser("test", help=_("用真实的匹配器运行每个事项自带的例句"))
    t.add_argument("paths", nargs="*", metavar="PATH",
                   help=_("规则包目录或内置规则包编号（默认：内置纲要规则包）"))
    t.set_defaults(handler=_run_rules_test)
    d = rsub.add_parser("docs", help=_("为每个规则包生成一页 Markdown（docs/rules/）"))
    d.add_argument("-o", "--output", required=True, metavar="DIR", help=_("页面写入的目录"))
    d.add_argument("--pack", action="append", help=_("只生成该规则包（可重复；默认：全部内置规则包）"))
    d.set_defaults(handler=_run_rules_docs)


def _run_rules_validate(args: argparse.Namespace) -> int:
    from auditor.packs import default_pack_path, validate_paths

    paths = args.paths or [str(default_pack_path())]
    problems = validate_paths(paths)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return EX_USAGE
    print(_("auditor: {paths}: 规则文件有效").format(paths=", ".join(paths)))
    return EX_OK


def _run_rules_list(args: argparse.Namespace) -> int:
    from auditor.output.rulelist import list_json, list_table
    from auditor.packs import load_pack

    pack = load_pack(args.pack)
    text = list_json(pack) if args.format == "json" else list_table(pack, args.width, _color(args))
    _emit(text, args.output)
    return EX_OK


def _run_rules_show(args: argparse.Namespace) -> int:
    from difflib import get_close_matches

    from auditor.output.rulelist import show
    from auditor.packs import load_pack

    pack = load_pack(args.pack)
    rules = {r.id: r for r in pack.rules}
    if args.item not in rules:
        near = get_close_matches(args.item, list(rules) + list(pack.disabled), n=3)
        hint = _("；是不是：{ids}").format(ids="、".join(near)) if near else ""
        off = _("（该事项已被关闭）") if args.item in pack.disabled else ""
        raise AuditorError(_("规则包 {pack} 中没有事项 '{id}'{off}{hint}").format(
            pack=pack.id, id=args.item, off=off, hint=hint))
    _emit(show(rules[args.item], pack), None)
    return EX_OK


def _run_rules_test(args: argparse.Namespace) -> int:
    from auditor.matching.examples import run_examples
    from auditor.output.rulelist import test_report
    from auditor.packs import load_pack

    failed = False
    for ref in args.paths or [None]:
        outcomes = run_examples(load_pack(ref))  # a pack with problems: PackError, exit 2
        _emit(test_report(outcomes), None)
        failed = failed or not all(o.ok for o in outcomes)
    return EX_FAIL if failed else EX_OK


def _run_rules_docs(args: argparse.Namespace) -> int:
    from auditor.output.atomic import write_atomic
    from auditor.output.ruledocs import render_docs
    from auditor.packs import load_pack, shipped_packs

    packs = [load_pack(ref) for ref in (args.pack or list(shipped_packs()))]
    pages = render_docs([(p, load_pack(p.extends[0].path) if p.extends else None) for p in packs])
    os.makedirs(args.output, exist_ok=True)
    for name, text in pages.items():
        write_atomic(os.path.join(args.output, name), text)
    print(_("auditor: 已写入 {n} 个页面到 {dir}").format(n=len(pages), dir=args.output), file=sys.stderr)
    return EX_OK


# --- check -------------------------------------------------------------------------------------

CHECK_FORMATS = ("text", "json", "github", "sarif", "junit")


def _add_check(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="pass/fail reports for CI: thresholds, hygiene, waivers (docs/check.md)")
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="report files, folders (recursive), @list.txt; - for stdin")
    p.add_argument("--config", help="config file (default: nearest .auditor.yaml / pyproject [tool.auditor])")
    p.add_argument("--show-config", action="store_true",
                   help="print the effective config and where each value came from")
    p.add_argument("--pack", help=PACK_HELP + _("；优先于配置文件"))
    p.add_argument("--level", choices=LEVELS, help="government level, when detection is unsure")
    p.add_argument("--min-score", type=float, metavar="N", help="fail below this overall score (0-100)")
    p.add_argument("--fail-on", choices=("error", "warning", "note", "never"),
                   help="fail on findings of this severity or worse")
    p.add_argument("--baseline", metavar="FILE",
                   help="report only findings not in this earlier `check --format json` output")
    p.add_argument("--write-baseline", metavar="FILE", help="also write this run's JSON here, for --baseline")
    p.add_argument("-f", "--format", choices=CHECK_FORMATS, default="text")
    p.add_argument("-o", "--output", help="write to this file (atomically) instead of stdout")
    p.add_argument("--glob", help="file patterns inside folders, any case (default: every supported format)")
    p.add_argument("-v", "--verbose", action="store_true", help="list the files skipped in folders")
    p.add_argument("--today", help=argparse.SUPPRESS)  # waiver expiry in tests: YYYY-MM-DD
    p.set_defaults(handler=_run_check)


def _run_check(args: argparse.Namespace) -> int:
    from auditor.checking.run import CheckOptions, check_paths, cli_today, exit_code, render_check, show

    opts = CheckOptions(config=args.config, pack=args.pack, level=args.level, min_score=args.min_score,
                        fail_on=args.fail_on, baseline=args.baseline, today=cli_today(args.today))
    if args.show_config:
        _emit(show(args.paths, opts, args.glob, [args.output]), args.output, args.paths)
        return EX_OK
    if not args.paths:
        raise AuditorError("no reports given (auditor check PATH...)")
    doc, inputs = check_paths(args.paths, opts, args.glob, [args.output, args.write_baseline])
    if args.write_baseline:
        _emit(render_check("json", doc), args.write_baseline, inputs)
    _emit(render_check(args.format, doc), args.output, inputs)
    from auditor.i18n import _

    for rep in doc["reports"]:
        for notice in rep.get("notices", ()):
            print(f"auditor: {rep['path']}: {_('注意')}: {notice}", file=sys.stderr)
    for err in doc["errors"]:
        print(f"auditor: {err['path']}: {err['message']}", file=sys.stderr)
    _say_skipped(args, len(doc["reports"]))
    return exit_code(doc)


# --- entry point -------------------------------------------------------------------------------

COMMANDS: list[Callable[[argparse._SubParsersAction], None]] = [_add_audit, _add_rules, _add_export,
                                                                _add_check]


class _Parser(argparse.ArgumentParser):
    """argparse prints the whole usage block before its error; a CI log wants the one line of
    the contract (``auditor: message``), with a pointer to --help instead. Subcommand parsers
    inherit this class (argparse creates them with the parent's type)."""

    def error(self, message: str) -> NoReturn:
        self.exit(EX_USAGE, f"auditor: {message} (see `{self.prog} --help`)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="auditor", description=(
        "Audit 法治政府建设年度报告 against 法治政府建设实施纲要(2021—2025年)."))
    parser.add_argument("--version", action="version", version=f"auditor {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    for add in COMMANDS:
        add(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # _Parser.error already printed the one line
        return EX_USAGE if exc.code not in (0, None) else EX_OK
    try:
        return args.handler(args)
    except AuditorError as exc:
        print(f"auditor: {exc}", file=sys.stderr)
        return EX_USAGE
    except KeyboardInterrupt:
        print("auditor: interrupted", file=sys.stderr)  # outputs are atomic: nothing half-written
        return EX_INTERRUPTED
    except BrokenPipeError:
        return EX_OK
