"""`auditor compare` (two reports) and `auditor similar` (shared passages across a batch)."""

from __future__ import annotations

import argparse

from auditor.cli.common import (
    PACK_HELP,
    batch_options,
    display_options,
    emit,
    format_option,
    lang_option,
    level_option,
    output_option,
    pack_option,
    paths_option,
    print_errors,
    scorecard_width,
    use_color,
)
from auditor.errors import EX_OK, EX_USAGE
from auditor.i18n import _
from auditor.options import bounded

COMPARE_FORMATS = ("scorecard", "json")


def add_compare(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("compare", help=_("比较两份报告：事项变化，以及新报告重复旧报告的文字"),
                       description=_("比较两份报告（如同一单位的上年和本年）：各事项状态的变化、"
                                     "上年计划今年是否落实、结构部分的增减，以及新报告中重复旧报告的段落。"))
    p.add_argument("old", metavar="OLD", help=_("较早的报告（如上年的）"))
    p.add_argument("new", metavar="NEW", help=_("较新的报告"))
    pack_option(p)
    level_option(p, _("政府层级，检测不确定时指定"))
    format_option(p, COMPARE_FORMATS, "scorecard")
    output_option(p)
    display_options(p)
    lang_option(p)
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

        text = render_card(doc, color=use_color(args), width=scorecard_width(args))
    emit(text, args.output, [args.old, args.new])
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


def add_similar(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("similar", help=_("一批报告中有共同段落（雷同文字）的报告对"),
                       description=_("在一批报告中找出共有段落的报告对（雷同）：各报告共有的套话不计。"))
    paths_option(p)
    p.add_argument("--pack", metavar="PACK",
                   help=PACK_HELP + _("；其 boilerplate.yaml 中的套话不计入雷同"))
    level_option(p, _("所有报告的政府层级"))
    p.add_argument("--threshold", type=_share, default=None, metavar="SHARE",
                   help=_("任一报告有此比例以上的文字与另一报告相同即列出（0–1，默认 0.2）"))
    p.add_argument("--min-reports", type=bounded(1, None, _("报告数"), integer=True), default=None,
                   metavar="N", help=_("出现在 N 份及以上报告中的句子视为套话（默认：报告数的 2%%，至少 4）"))
    p.add_argument("-f", "--format", choices=("table", "json"), default="table",
                   help=_("输出格式：table 表格（默认）或 json"))
    output_option(p)
    display_options(p, _("表格宽度（列数，至少 60）"))
    batch_options(p)
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

        text = render_table(doc, color=use_color(args), width=scorecard_width(args))
    emit(text, args.output, inputs)
    print_errors(doc["errors"])
    return EX_USAGE if doc["errors"] else EX_OK
