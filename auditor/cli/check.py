"""`auditor check`: the CI verdict on drafts (thresholds, hygiene, waivers, baseline, --previous)."""

from __future__ import annotations

import argparse

from auditor.cli.common import (
    batch_options,
    emit,
    format_option,
    level_option,
    output_option,
    pack_option,
    paths_option,
    print_errors,
    print_notices,
    print_warnings,
    say_skipped,
)
from auditor.errors import EX_OK, AuditorError
from auditor.i18n import _
from auditor.labels import SEVERITY_NAMES
from auditor.options import bounded, choice, choices_text

CHECK_FORMATS = ("text", "json", "github", "sarif", "junit")


def add_check(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check",
                       help=_("CI 用的通过/不通过检查：阈值、规范性问题、豁免（auditor docs check）"),
                       description=_("CI 用的通过/不通过检查：分数阈值、必需事项和结构、草稿规范性问题、"
                                     "豁免和基线。配置：最近的 .auditor.yaml 或 pyproject.toml 的 "
                                     "[tool.auditor]。详见 `auditor docs check`。"))
    paths_option(p, "*")
    p.add_argument("--config", metavar="FILE",
                   help=_("配置文件（默认：最近的 .auditor.yaml / pyproject.toml [tool.auditor]）"))
    p.add_argument("--show-config", action="store_true", help=_("显示生效的配置及每项的来源"))
    pack_option(p, _("；优先于配置文件"))
    level_option(p, _("政府层级，检测不确定时指定"))
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
    format_option(p, CHECK_FORMATS, "text")
    output_option(p)
    batch_options(p, _("文本格式只列出问题和结束语（不列通过的报告），不显示进度"))
    p.add_argument("--today", help=argparse.SUPPRESS)  # waiver expiry in tests: YYYY-MM-DD
    p.set_defaults(handler=_run_check)


def _run_check(args: argparse.Namespace) -> int:
    from auditor.checking.run import CheckOptions, check_paths, cli_today, exit_code, render_check, show

    opts = CheckOptions(config=args.config, pack=args.pack, level=args.level, min_score=args.min_score,
                        min_substance=args.min_substance, fail_on=args.fail_on, baseline=args.baseline,
                        today=cli_today(args.today), jobs=args.jobs, previous=args.previous,
                        reuse_threshold=args.reuse_threshold)
    if args.show_config:
        emit(show(args.paths, opts, args.glob, [args.output]), args.output, args.paths)
        return EX_OK
    if not args.paths:
        raise AuditorError(_("没有给出报告（auditor check 路径…）"))
    doc, inputs = check_paths(args.paths, opts, args.glob, [args.output, args.write_baseline])
    if args.write_baseline:
        emit(render_check("json", doc), args.write_baseline, inputs)
    emit(render_check(args.format, doc, quiet=args.quiet), args.output, inputs)
    print_notices(doc["reports"])
    print_warnings(doc["reports"])
    print_errors(doc["errors"])
    say_skipped(args, len(doc["reports"]))
    return exit_code(doc)
