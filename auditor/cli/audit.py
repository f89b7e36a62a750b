"""`auditor audit`: the scorecard, JSON or HTML pages for one report or many."""

from __future__ import annotations

import argparse
import sys

from auditor.cli.common import (
    audit_inputs,
    common_options,
    emit,
    format_option,
    print_errors,
    print_notices,
    print_warnings,
    say_skipped,
    scorecard_width,
    use_color,
)
from auditor.errors import EX_OK, EX_USAGE, AuditorError
from auditor.i18n import _

AUDIT_FORMATS = ("scorecard", "json", "html")


def add_audit(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("audit", help=_("按规则包审核报告（评分卡、JSON 或 HTML）"),
                       description=_("按规则包审核报告，输出评分卡、JSON 或 HTML 页面。"
                                     "多份报告时最后附汇总表。"))
    common_options(p, _("只输出汇总表（不输出评分卡），不显示进度条"))
    format_option(p, AUDIT_FORMATS, "scorecard")
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
        print_notices(notes)
        print_warnings(notes)
        print_errors(errors)
        say_skipped(args, count)
        return EX_USAGE if errors else EX_OK
    reports, errors, paths = audit_inputs(args, pack)
    doc = records(reports, errors, pack.id, len(pack.rules), pack=pack)
    # Every input failed: the one stderr line per file says it all. An earlier -o file is kept,
    # not replaced by an empty result; only a JSON reader on stdout still gets its errors[].
    if reports or not errors or (args.format == "json" and not args.output):
        on_screen = sys.stdout.isatty() and not args.output  # stderr names bad files right below
        emit(render(args.format, doc, color=use_color(args), width=scorecard_width(args), quiet=args.quiet,
                     errors=not on_screen), args.output, paths)
    print_notices(doc["reports"])
    print_warnings(doc["reports"])
    print_errors(errors)
    say_skipped(args, len(reports))
    return EX_USAGE if errors else EX_OK
