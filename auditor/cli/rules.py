"""`auditor rules list|show|validate|test|docs`: the packs, for their authors and readers."""

from __future__ import annotations

import argparse
import os
import sys

from auditor.cli.common import (
    display_options,
    emit,
    lang_option,
    output_option,
    pack_option,
    use_color,
)
from auditor.errors import EX_FAIL, EX_OK, EX_USAGE, AuditorError
from auditor.i18n import _, ngettext


def add_rules(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("rules", help=_("查看、校验、测试规则包（auditor docs rules）"),
                       description=_("查看、校验、测试规则包。"))
    lang_option(p)
    rsub = p.add_subparsers(dest="rules_command", required=True, metavar="SUBCOMMAND",
                            title=_("子命令"))
    ls = rsub.add_parser("list", help=_("列出规则包的事项：表格，或 --format json"))
    pack_option(ls)
    ls.add_argument("-f", "--format", choices=("table", "json"), default="table",
                    help=_("输出格式：table 表格（默认）或 json"))
    output_option(ls)
    display_options(ls, _("表格宽度（终端列数）"))
    lang_option(ls)
    ls.set_defaults(handler=_run_rules_list)
    sh = rsub.add_parser("show", help=_("一个事项的全部信息：依据、锚定词、正则、例句"))
    sh.add_argument("item", metavar="ID", help=_("事项编号，例如 enforce.three_systems"))
    pack_option(sh)
    lang_option(sh)
    sh.set_defaults(handler=_run_rules_show, output=None)
    v = rsub.add_parser("validate", help=_("以 文件:行: 说明 列出规则文件中的全部错误"))
    v.add_argument("paths", nargs="*", metavar="PATH",
                   help=_("规则包目录、YAML 文件或内置规则包编号（默认：内置纲要规则包）"))
    lang_option(v)
    v.set_defaults(handler=_run_rules_validate)
    t = rsub.add_parser("test", help=_("用真实的匹配器运行每个事项自带的例句"))
    t.add_argument("paths", nargs="*", metavar="PATH",
                   help=_("规则包目录或内置规则包编号（默认：内置纲要规则包）"))
    lang_option(t)
    t.set_defaults(handler=_run_rules_test)
    d = rsub.add_parser("docs", help=_("为每个规则包生成一页 Markdown（docs/rules/）"))
    d.add_argument("-o", "--output", required=True, metavar="DIR", help=_("页面写入的目录"))
    d.add_argument("--pack", action="append", help=_("只生成该规则包（可重复；默认：全部内置规则包）"))
    lang_option(d)
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
    text = list_json(pack) if args.format == "json" else list_table(pack, args.width, use_color(args))
    emit(text, args.output)
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
    emit(show(rules[args.item], pack), None)
    return EX_OK


def _run_rules_test(args: argparse.Namespace) -> int:
    from auditor.matching.examples import run_examples
    from auditor.output.rulelist import test_report
    from auditor.packs import load_pack

    failed = False
    for ref in args.paths or [None]:
        outcomes = run_examples(load_pack(ref))  # a pack with problems: PackError, exit 2
        emit(test_report(outcomes), None)
        failed = failed or not all(o.ok for o in outcomes)
    return EX_FAIL if failed else EX_OK


def _run_rules_docs(args: argparse.Namespace) -> int:
    from auditor.output.atomic import write_atomic
    from auditor.output.ruledocs import render_docs
    from auditor.packs import load_pack, shipped_packs

    packs = [load_pack(ref) for ref in (args.pack or list(shipped_packs()))]
    pages = render_docs([(p, load_pack(p.extends[0].path) if p.extends else None) for p in packs])
    from auditor.output.atomic import prepare_folder

    prepare_folder(args.output)  # a file there, a missing parent: one line, exit 2 (no traceback)
    for name, text in pages.items():
        write_atomic(os.path.join(args.output, name), text)
    said = ngettext("auditor: 已写入 {n} 个页面到 {dir}", "auditor: 已写入 {n} 个页面到 {dir}", len(pages))
    print(said.format(n=len(pages), dir=args.output), file=sys.stderr)
    return EX_OK
