"""`auditor export`: many reports into one spreadsheet (and CSV files)."""

from __future__ import annotations

import argparse
import sys

from auditor.cli.common import (
    batch_options,
    level_option,
    pack_option,
    paths_option,
    print_errors,
    say_skipped,
)
from auditor.errors import EX_OK, EX_USAGE
from auditor.i18n import _, ngettext


def add_export(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help=_("把多份报告的审核结果导出为一个 .xlsx 工作簿和/或 CSV 文件"),
                       description=_("把多份报告的审核结果导出为 .xlsx 工作簿（总览、明细、矩阵、证据、"
                                     "不足、规则、错误）和/或每表一个 CSV 文件。"))
    paths_option(p)
    p.add_argument("-o", "--output", metavar="FILE.xlsx", help=_("工作簿写入此文件（原子写入）"))
    p.add_argument("--csv", metavar="DIR", help=_("另外（或只）每张表写一个 UTF-8（带 BOM）CSV 文件"))
    pack_option(p)
    level_option(p, _("所有报告的政府层级"))
    p.add_argument("--no-findings", action="store_true",
                   help=_("不运行 `auditor check` 的草稿检查（没有“问题数”列）"))
    p.add_argument("--no-similar", action="store_true",
                   help=_("不生成“趋势”（同一单位各年）和“雷同”（共有段落）两张表"))
    batch_options(p, _("不显示进度条和结束语"))
    p.set_defaults(handler=_run_export)


def _run_export(args: argparse.Namespace) -> int:
    from auditor.output.export import export_paths

    count, errors = export_paths(args.paths, args.output, args.csv, pack=args.pack, level=args.level,
                                 jobs=args.jobs, glob=args.glob, progress=not args.quiet,
                                 findings=not args.no_findings, similar=not args.no_similar)
    print_errors(errors)
    if not args.quiet:
        line = ngettext("已导出 {n} 份报告", "已导出 {n} 份报告", count).format(n=count)
        if errors:
            line += ngettext("，{m} 份无法读取", "，{m} 份无法读取", len(errors)).format(m=len(errors))
        print(f"auditor: {line}", file=sys.stderr)
    say_skipped(args, count)
    return EX_USAGE if errors else EX_OK
