"""Commands and options only: args -> config -> run -> formatter -> exit code.

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
from auditor.errors import EX_FAIL, EX_INTERRUPTED, EX_OK, EX_USAGE, AuditorError
from auditor.helpformat import HelpFormatter
from auditor.i18n import N_, _, ngettext
from auditor.labels import FORMAT_NAMES, LEVEL_NAMES, SEVERITY_NAMES
from auditor.options import bounded, choice, choices_text, language

MIN_WIDTH = 60  # narrower, the scorecard cannot keep a key-item name and its status on a line
PACK_HELP = N_("规则包：内置规则包编号，或规则包目录/文件（默认 gangyao-2021-2025）")


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


def _lang_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", type=language, metavar="zh|en",
                   help=_("界面语言：zh 中文（默认）或 en 英文；也看 LANG/LC_ALL 等环境变量"))


def _level_option(p: argparse.ArgumentParser, help_text: str) -> None:
    p.add_argument("--level", type=choice(LEVEL_NAMES, _("层级")), metavar="LEVEL",
                   help=help_text + _("：") + choices_text(LEVEL_NAMES))


def _format_option(p: argparse.ArgumentParser, formats: Sequence[str], default: str) -> None:
    p.add_argument("-f", "--format", type=choice(FORMAT_NAMES, _("输出格式"), formats), default=default,
                   metavar="FORMAT", help=_("输出格式：{choices}（默认 {default}）").format(
                       choices=choices_text(FORMAT_NAMES, formats), default=default))


def _paths_option(p: argparse.ArgumentParser, nargs: str = "+") -> None:
    p.add_argument("paths", nargs=nargs, metavar="PATH",
                   help=_("报告文件（.txt .md .html .mhtml .docx .pdf）、文件夹（递归）、@清单.txt；"
                          "- 表示标准输入"))


def _pack_option(p: argparse.ArgumentParser, extra: str = "") -> None:
    p.add_argument("--pack", metavar="PACK", help=_(PACK_HELP) + extra)


def _output_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--output", metavar="FILE",
                   help=_("写入此文件（原子写入），而不是标准输出"))


def _common(p: argparse.ArgumentParser, quiet: str) -> None:
    _paths_option(p)
    _pack_option(p)
    _level_option(p, _("政府层级，检测不确定时指定"))
    p.add_argument("-o", "--output", metavar="FILE",
                   help=_("写入此文件（原子写入），而不是标准输出；--format html 时可为文件，"
                          "多份报告时为文件夹"))
    p.add_argument("--width", type=bounded(MIN_WIDTH, None, _("宽度"), integer=True), default=None,
                   metavar="N", help=_("评分卡宽度（列数，至少 60；默认：终端宽度或 COLUMNS）"))
    p.add_argument("--no-color", action="store_true", help=_("不用颜色（也可设 NO_COLOR=1）"))
    _batch_options(p, quiet)


def _batch_options(p: argparse.ArgumentParser, quiet: str | None = None) -> None:
    p.add_argument("-j", "--jobs", type=bounded(1, None, _("并行进程数"), integer=True), default=None,
                   metavar="N", help=_("并行进程数（默认：CPU 核数）"))
    p.add_argument("--glob", metavar="PATTERNS",
                   help=_("文件夹内的文件模式，不分大小写（默认：所有支持的格式）"))
    p.add_argument("-q", "--quiet", action="store_true", help=quiet or _("不显示进度条"))
    p.add_argument("-v", "--verbose", action="store_true", help=_("列出文件夹中被跳过的文件"))
    _lang_option(p)


def _width(args: argparse.Namespace) -> int | None:
    """--width, else COLUMNS (honoured when piped too: ``COLUMNS=80 auditor … | less``), else
    the terminal's own width, else 120 for files and pipes."""
    if args.width:
        return int(args.width)
    cols = os.environ.get("COLUMNS", "").strip()
    if cols.isdigit() and int(cols) > 0:
        return max(int(cols), MIN_WIDTH)
    return None if sys.stdout.isatty() and not args.output else 120


def _print_errors(errors: Sequence[object]) -> None:
    for err in errors:
        path, message = (err["path"], err["message"]) if isinstance(err, dict) else \
            (err.path, err.message)  # type: ignore[attr-defined]
        print(f"auditor: {path}: {message}", file=sys.stderr)


def _print_warnings(reports: Sequence[dict]) -> None:
    """Doubts about an input (not a report at all?): one line each, the audit still counts."""
    for rep in reports:
        for warning in rep.get("warnings", []):
            print(_("auditor: {path}: 警告：{message}").format(path=rep["path"], message=warning["message"]),
                  file=sys.stderr)


def _audit_inputs(args: argparse.Namespace, pack: object) -> tuple[list, list, list[str]]:
    """Expand folders/@lists and audit in parallel: (reports, errors, input paths)."""
    from auditor.batch import audit_many, discover

    paths, skipped = discover(args.paths, args.glob)
    reports, errors = audit_many(paths, pack, args.level, args.jobs, progress=not args.quiet)
    args.skipped = skipped
    return reports, errors, paths


def _print_notices(reports: Sequence[dict]) -> None:
    """What a reader says once per report (tracked changes accepted, mixed encodings)."""
    for rep in reports:
        for notice in rep.get("notices", ()):
            print(_("auditor: {path}: 注意：{notice}").format(path=rep["path"], notice=notice),
                  file=sys.stderr)


def _say_skipped(args: argparse.Namespace, done: int) -> None:
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


# --- audit -------------------------------------------------------------------------------------

AUDIT_FORMATS = ("scorecard", "json", "html")


def _add_audit(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("audit", help=_("按规则包审核报告（评分卡、JSON 或 HTML）"),
                       description=_("按规则包审核报告，输出评分卡、JSON 或 HTML 页面。"
                                     "多份报告时最后附汇总表。"))
    _common(p, _("只输出汇总表（不输出评分卡），不显示进度条"))
    _format_option(p, AUDIT_FORMATS, "scorecard")
    p.set_defaults(handler=_run_audit)


def _run_audit(args: argparse.Namespace) -> int:
    from auditor.output import render
    from auditor.output.records import records
    from auditor.packs import load_pack

    pack = load_pack(args.pack)
    if args.format == "html":  # pages, or a folder of pages + index (docs/html.md)
        if args.output is None and sys.stdout.isatty():  # a screenful of markup helps nobody
            raise AuditorError(_("HTML 页面要写入文件：请加 -o 报告.html（多份报告时 -o 文件夹），"
                                 "或重定向到文件"))
        from auditor.output.html_site import audit_to_html

        notes: list[dict] = []
        count, errors = audit_to_html(args.paths, args.output, pack=pack, level=args.level,
                                      jobs=args.jobs, glob=args.glob, progress=not args.quiet,
                                      notes=notes)
        _print_notices(notes)
        _print_warnings(notes)
        _print_errors(errors)
        _say_skipped(args, count)
        return EX_USAGE if errors else EX_OK
    reports, errors, paths = _audit_inputs(args, pack)
    doc = records(reports, errors, pack.id, len(pack.rules), pack=pack)
    # Every input failed: the one stderr line per file says it all. An earlier -o file is kept,
    # not replaced by an empty result; only a JSON reader on stdout still gets its errors[].
    if reports or not errors or (args.format == "json" and not args.output):
        on_screen = sys.stdout.isatty() and not args.output  # stderr names bad files right below
        _emit(render(args.format, doc, color=_color(args), width=_width(args), quiet=args.quiet,
                     errors=not on_screen), args.output, paths)
    _print_notices(doc["reports"])
    _print_warnings(doc["reports"])
    _print_errors(errors)
    _say_skipped(args, len(reports))
    return EX_USAGE if errors else EX_OK


# --- export ------------------------------------------------------------------------------------

def _add_export(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help=_("把多份报告的审核结果导出为一个 .xlsx 工作簿和/或 CSV 文件"),
                       description=_("把多份报告的审核结果导出为 .xlsx 工作簿（总览、明细、矩阵、证据、"
                                     "不足、规则、错误）和/或每表一个 CSV 文件。"))
    _paths_option(p)
    p.add_argument("-o", "--output", metavar="FILE.xlsx", help=_("工作簿写入此文件（原子写入）"))
    p.add_argument("--csv", metavar="DIR", help=_("另外（或只）每张表写一个 UTF-8（带 BOM）CSV 文件"))
    _pack_option(p)
    _level_option(p, _("所有报告的政府层级"))
    p.add_argument("--no-findings", action="store_true",
                   help=_("不运行 `auditor check` 的草稿检查（没有“问题数”列）"))
    p.add_argument("--no-similar", action="store_true",
                   help=_("不生成“趋势”（同一单位各年）和“雷同”（共有段落）两张表"))
    _batch_options(p, _("不显示进度条和结束语"))
    p.set_defaults(handler=_run_export)


def _run_export(args: argparse.Namespace) -> int:
    from auditor.output.export import export_paths

    count, errors = export_paths(args.paths, args.output, args.csv, pack=args.pack, level=args.level,
                                 jobs=args.jobs, glob=args.glob, progress=not args.quiet,
                                 findings=not args.no_findings, similar=not args.no_similar)
    _print_errors(errors)
    if not args.quiet:
        line = ngettext("已导出 {n} 份报告", "已导出 {n} 份报告", count).format(n=count)
        if errors:
            line += ngettext("，{m} 份无法读取", "，{m} 份无法读取", len(errors)).format(m=len(errors))
        print(f"auditor: {line}", file=sys.stderr)
    _say_skipped(args, count)
    return EX_USAGE if errors else EX_OK


# --- rules -------------------------------------------------------------------------------------

def _add_rules(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("rules", help=_("查看、校验、测试规则包（auditor docs rules）"),
                       description=_("查看、校验、测试规则包。"))
    _lang_option(p)
    rsub = p.add_subparsers(dest="rules_command", required=True, metavar="SUBCOMMAND",
                            title=_("子命令"))
    ls = rsub.add_parser("list", help=_("列出规则包的事项：表格，或 --format json"))
    _pack_option(ls)
    ls.add_argument("-f", "--format", choices=("table", "json"), default="table",
                    help=_("输出格式：table 表格（默认）或 json"))
    _output_option(ls)
    ls.add_argument("--width", type=bounded(MIN_WIDTH, None, _("宽度"), integer=True), default=None,
                    metavar="N", help=_("表格宽度（终端列数）"))
    ls.add_argument("--no-color", action="store_true", help=_("不用颜色（也可设 NO_COLOR=1）"))
    _lang_option(ls)
    ls.set_defaults(handler=_run_rules_list)
    sh = rsub.add_parser("show", help=_("一个事项的全部信息：依据、锚定词、正则、例句"))
    sh.add_argument("item", metavar="ID", help=_("事项编号，例如 enforce.three_systems"))
    _pack_option(sh)
    _lang_option(sh)
    sh.set_defaults(handler=_run_rules_show, output=None)
    v = rsub.add_parser("validate", help=_("以 文件:行: 说明 列出规则文件中的全部错误"))
    v.add_argument("paths", nargs="*", metavar="PATH",
                   help=_("规则包目录、YAML 文件或内置规则包编号（默认：内置纲要规则包）"))
    _lang_option(v)
    v.set_defaults(handler=_run_rules_validate)
    t = rsub.add_parser("test", help=_("用真实的匹配器运行每个事项自带的例句"))
    t.add_argument("paths", nargs="*", metavar="PATH",
                   help=_("规则包目录或内置规则包编号（默认：内置纲要规则包）"))
    _lang_option(t)
    t.set_defaults(handler=_run_rules_test)
    d = rsub.add_parser("docs", help=_("为每个规则包生成一页 Markdown（docs/rules/）"))
    d.add_argument("-o", "--output", required=True, metavar="DIR", help=_("页面写入的目录"))
    d.add_argument("--pack", action="append", help=_("只生成该规则包（可重复；默认：全部内置规则包）"))
    _lang_option(d)
    d.set_defaults(handler=_run_rules_docs)


def _run_rules_validate(args: argparse.Namespace) -> int:
    from auditor.packs import default_pack_path, validate_paths

    paths = args.paths or [str(default_pack_path())]
    problems = validate_paths([p for p in paths if not p.endswith("boilerplate.yaml")])
    from auditor.comparing.boilerplate import boilerplate_problems  # issue 11: the pack's list

    problems = [*problems, *boilerplate_problems(paths)]
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
        hint = _("；是不是：{ids}").format(ids=_("、").join(near)) if near else ""
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
    from auditor.output.html_site import prepare_folder

    prepare_folder(args.output)  # a file there, a missing parent: one line, exit 2 (no traceback)
    for name, text in pages.items():
        write_atomic(os.path.join(args.output, name), text)
    said = ngettext("auditor: 已写入 {n} 个页面到 {dir}", "auditor: 已写入 {n} 个页面到 {dir}", len(pages))
    print(said.format(n=len(pages), dir=args.output), file=sys.stderr)
    return EX_OK


# --- check -------------------------------------------------------------------------------------

CHECK_FORMATS = ("text", "json", "github", "sarif", "junit")


def _add_check(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check",
                       help=_("CI 用的通过/不通过检查：阈值、规范性问题、豁免（auditor docs check）"),
                       description=_("CI 用的通过/不通过检查：分数阈值、必需事项和结构、草稿规范性问题、"
                                     "豁免和基线。配置：最近的 .auditor.yaml 或 pyproject.toml 的 "
                                     "[tool.auditor]。详见 `auditor docs check`。"))
    _paths_option(p, "*")
    p.add_argument("--config", metavar="FILE",
                   help=_("配置文件（默认：最近的 .auditor.yaml / pyproject.toml [tool.auditor]）"))
    p.add_argument("--show-config", action="store_true", help=_("显示生效的配置及每项的来源"))
    _pack_option(p, _("；优先于配置文件"))
    _level_option(p, _("政府层级，检测不确定时指定"))
    p.add_argument("--min-score", type=bounded(0, 100, _("最低分")), metavar="N",
                   help=_("总分低于此值即不通过（0–100）"))
    p.add_argument("--fail-on", type=choice(SEVERITY_NAMES, _("失败级别")), metavar="SEVERITY",
                   help=_("出现此级别或更严重的问题即不通过：{choices}").format(
                       choices=choices_text(SEVERITY_NAMES)))
    p.add_argument("--min-substance", type=bounded(0, 100, _("最低实绩度")), metavar="N",
                   help=_("实绩度（有数据或文件名的事项占比）低于此值则不通过（0-100）"))
    p.add_argument("--baseline", metavar="FILE",
                   help=_("只报告不在此前 `check --format json` 输出中的问题"))
    p.add_argument("--write-baseline", metavar="FILE",
                   help=_("同时把本次 JSON 写到这里，供 --baseline 使用"))
    p.add_argument("--previous", metavar="LAST_YEAR",
                   help=_("上年的报告：标出重复上年的文字（draft.reused）及重点事项的增减"))
    p.add_argument("--reuse-threshold", type=bounded(0, 1, _("重复比例")), metavar="SHARE",
                   help=_("重复文字超过此比例即报 draft.reused（0–1，默认 0.3）"))
    _format_option(p, CHECK_FORMATS, "text")
    _output_option(p)
    _batch_options(p, _("文本格式只列出问题和结束语（不列通过的报告），不显示进度"))
    p.add_argument("--today", help=argparse.SUPPRESS)  # waiver expiry in tests: YYYY-MM-DD
    p.set_defaults(handler=_run_check)


def _run_check(args: argparse.Namespace) -> int:
    from auditor.checking.run import CheckOptions, check_paths, cli_today, exit_code, render_check, show

    opts = CheckOptions(config=args.config, pack=args.pack, level=args.level, min_score=args.min_score,
                        min_substance=args.min_substance, fail_on=args.fail_on, baseline=args.baseline,
                        today=cli_today(args.today), jobs=args.jobs, previous=args.previous,
                        reuse_threshold=args.reuse_threshold)
    if args.show_config:
        _emit(show(args.paths, opts, args.glob, [args.output]), args.output, args.paths)
        return EX_OK
    if not args.paths:
        raise AuditorError(_("没有给出报告（auditor check 路径…）"))
    doc, inputs = check_paths(args.paths, opts, args.glob, [args.output, args.write_baseline])
    if args.write_baseline:
        _emit(render_check("json", doc), args.write_baseline, inputs)
    _emit(render_check(args.format, doc, quiet=args.quiet), args.output, inputs)
    _print_notices(doc["reports"])
    _print_warnings(doc["reports"])
    _print_errors(doc["errors"])
    _say_skipped(args, len(doc["reports"]))
    return exit_code(doc)


# --- compare / similar (issue 11) -------------------------------------------------------------

COMPARE_FORMATS = ("scorecard", "json")


def _add_compare(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("compare", help=_("比较两份报告：事项变化，以及新报告重复旧报告的文字"),
                       description=_("比较两份报告（如同一单位的上年和本年）：各事项状态的变化、"
                                     "上年计划今年是否落实、结构部分的增减，以及新报告中重复旧报告的段落。"))
    p.add_argument("old", metavar="OLD", help=_("较早的报告（如上年的）"))
    p.add_argument("new", metavar="NEW", help=_("较新的报告"))
    _pack_option(p)
    _level_option(p, _("政府层级，检测不确定时指定"))
    _format_option(p, COMPARE_FORMATS, "scorecard")
    _output_option(p)
    p.add_argument("--width", type=bounded(MIN_WIDTH, None, _("宽度"), integer=True), default=None,
                   metavar="N", help=_("评分卡宽度（列数，至少 60；默认：终端宽度或 COLUMNS）"))
    p.add_argument("--no-color", action="store_true", help=_("不用颜色（也可设 NO_COLOR=1）"))
    _lang_option(p)
    p.set_defaults(handler=_run_compare)


def _run_compare(args: argparse.Namespace) -> int:
    from auditor.comparisons import compare_paths

    if args.output:
        from auditor.output.atomic import check_output_path

        check_output_path(args.output, [args.old, args.new])
    doc = compare_paths(args.old, args.new, args.pack, args.level)
    if args.format == "json":
        from auditor.output.json_out import render as render_json

        text = render_json(doc)
    else:
        from auditor.output.compare_card import render as render_card

        text = render_card(doc, color=_color(args), width=_width(args))
    _emit(text, args.output, [args.old, args.new])
    return EX_OK


def _share(value: str) -> float:
    """A share of text: 0.2 or 20%."""
    try:
        v = float(value.rstrip("%")) / (100 if value.endswith("%") else 1)
    except ValueError:
        v = -1.0
    if not 0 < v <= 1:
        raise argparse.ArgumentTypeError(
            _("须为 0 到 1 之间的比例（或百分数，如 20%），不能是 {value!r}").format(value=value))
    return v


def _add_similar(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("similar", help=_("一批报告中有共同段落（雷同文字）的报告对"),
                       description=_("在一批报告中找出共有段落的报告对（雷同）：各报告共有的套话不计。"))
    _paths_option(p)
    p.add_argument("--pack", metavar="PACK",
                   help=PACK_HELP + _("；其 boilerplate.yaml 中的套话不计入雷同"))
    _level_option(p, _("所有报告的政府层级"))
    p.add_argument("--threshold", type=_share, default=None, metavar="SHARE",
                   help=_("任一报告有此比例以上的文字与另一报告相同即列出（0–1，默认 0.2）"))
    p.add_argument("--min-reports", type=bounded(1, None, _("报告数"), integer=True), default=None,
                   metavar="N", help=_("出现在 N 份及以上报告中的句子视为套话（默认：报告数的 2%%，至少 4）"))
    p.add_argument("-f", "--format", choices=("table", "json"), default="table",
                   help=_("输出格式：table 表格（默认）或 json"))
    _output_option(p)
    p.add_argument("--width", type=bounded(MIN_WIDTH, None, _("宽度"), integer=True), default=None,
                   metavar="N", help=_("表格宽度（列数，至少 60）"))
    p.add_argument("--no-color", action="store_true", help=_("不用颜色（也可设 NO_COLOR=1）"))
    _batch_options(p)
    p.set_defaults(handler=_run_similar)


def _run_similar(args: argparse.Namespace) -> int:
    from auditor.batch import expand_inputs
    from auditor.comparisons import DEFAULT_THRESHOLD, similar_paths

    inputs = expand_inputs(args.paths, args.glob)
    if args.output:
        from auditor.output.atomic import check_output_path

        check_output_path(args.output, inputs)
    doc = similar_paths(inputs, args.pack, args.level, args.jobs, None,
                        args.threshold or DEFAULT_THRESHOLD, args.min_reports, progress=not args.quiet)
    if args.format == "json":
        from auditor.output.json_out import render as render_json

        text = render_json(doc)
    else:
        from auditor.output.similar_table import render as render_table

        text = render_table(doc, color=_color(args), width=_width(args))
    _emit(text, args.output, inputs)
    _print_errors(doc["errors"])
    return EX_USAGE if doc["errors"] else EX_OK


# --- docs --------------------------------------------------------------------------------------

def _add_docs(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("docs", help=_("显示随包安装的文档（check、json、export …）"),
                       description=_("显示随包安装的文档；不带名称时列出全部文档。"))
    p.add_argument("name", nargs="?", metavar="NAME", help=_("文档名，如 check、json、export、i18n"))
    _output_option(p)
    _lang_option(p)
    p.set_defaults(handler=_run_docs)


def _run_docs(args: argparse.Namespace) -> int:
    from auditor.shipped_docs import doc_names, read_doc

    if not args.name:
        _emit("".join(f"{name}\n" for name in doc_names()), args.output)
        return EX_OK
    _emit(read_doc(args.name), args.output)
    return EX_OK


# --- entry point -------------------------------------------------------------------------------

COMMANDS: list[Callable[[argparse._SubParsersAction], None]] = [_add_audit, _add_rules, _add_export,
                                                                _add_check, _add_compare, _add_similar,
                                                                _add_docs]


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
    _lang_option(parser)
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
