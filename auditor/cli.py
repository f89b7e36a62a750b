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
from auditor.errors import EX_INTERRUPTED, EX_OK, EX_USAGE, AuditorError
from auditor.model import LEVELS


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
                   help="report files (.txt .md .html), folders (recursive), @list.txt; - for stdin")
    p.add_argument("--pack", help="rule pack folder or file (default: the bundled gangyao-2021-2025)")
    p.add_argument("--level", choices=LEVELS, help="government level, when detection is unsure")
    p.add_argument("-o", "--output", help="write to this file (atomically) instead of stdout")
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
    p.add_argument("--glob", help="file patterns inside folders (default: *.txt,*.md,*.html,*.htm)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")


def _audit_inputs(args: argparse.Namespace, pack: object) -> tuple[list, list, list[str]]:
    """Expand folders/@lists and audit in parallel: (reports, errors, input paths)."""
    from auditor.batch import audit_many, expand_inputs

    paths = expand_inputs(args.paths, args.glob)
    reports, errors = audit_many(paths, pack, args.level, args.jobs, progress=not args.quiet)
    return reports, errors, paths


# --- audit -------------------------------------------------------------------------------------

AUDIT_FORMATS = ("scorecard", "json")


def _add_audit(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("audit", help="audit reports against the rule pack (scorecard or JSON)")
    _common(p)
    p.add_argument("-f", "--format", choices=AUDIT_FORMATS, default="scorecard")
    p.set_defaults(handler=_run_audit)


def _run_audit(args: argparse.Namespace) -> int:
    from auditor.output import render
    from auditor.output.records import records
    from auditor.packs import load_pack

    pack = load_pack(args.pack)
    reports, errors, paths = _audit_inputs(args, pack)
    doc = records(reports, errors, pack.id, len(pack.rules))
    width = args.width or (None if sys.stdout.isatty() and not args.output else 120)
    _emit(render(args.format, doc, color=_color(args), width=width), args.output, paths)
    for err in errors:
        print(f"auditor: {err.path}: {err.message}", file=sys.stderr)
    return EX_USAGE if errors else EX_OK


# --- export ------------------------------------------------------------------------------------

def _add_export(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="audit many reports into one .xlsx workbook and/or CSV files")
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="report files, folders (recursive) and @list.txt files")
    p.add_argument("-o", "--output", metavar="FILE.xlsx", help="write the workbook here (atomically)")
    p.add_argument("--csv", metavar="DIR", help="also/instead write one UTF-8 (BOM) CSV per sheet")
    p.add_argument("--pack", help="rule pack folder or file (default: the bundled gangyao-2021-2025)")
    p.add_argument("--level", choices=LEVELS, help="government level for every report")
    p.add_argument("--no-findings", action="store_true",
                   help="skip the draft checks of `auditor check` (no 问题数 column)")
    p.add_argument("--no-similar", action="store_true",
                   help="skip the 趋势 (issuer trend) and 雷同 (shared passages) sheets")
    _batch_options(p)
    p.set_defaults(handler=_run_export)


def _run_export(args: argparse.Namespace) -> int:
    from auditor.output.export import export_paths

    count, errors = export_paths(args.paths, args.output, args.csv, pack=args.pack, level=args.level,
                                 jobs=args.jobs, glob=args.glob, progress=not args.quiet,
                                 findings=not args.no_findings, similar=not args.no_similar)
    for err in errors:
        print(f"auditor: {err.path}: {err.message}", file=sys.stderr)
    if not args.quiet:
        print(f"auditor: exported {count} reports, {len(errors)} could not be audited", file=sys.stderr)
    return EX_USAGE if errors else EX_OK


# --- rules -------------------------------------------------------------------------------------

def _add_rules(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("rules", help="validate or list rule packs")
    rsub = p.add_subparsers(dest="rules_command", required=True)
    v = rsub.add_parser("validate", help="report every error in rule files as file:line: message")
    v.add_argument("paths", nargs="*", metavar="PATH", help="pack folders or YAML files (default: bundled)")
    v.set_defaults(handler=_run_rules_validate)
    ls = rsub.add_parser("list", help="print the rule list as Markdown (docs/rule-list.md)")
    ls.add_argument("--pack", help="rule pack folder")
    ls.add_argument("-o", "--output", help="write to this file")
    ls.set_defaults(handler=_run_rules_list)


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
    print(f"auditor: {', '.join(paths)}: rule files valid")
    return EX_OK


def _run_rules_list(args: argparse.Namespace) -> int:
    from auditor.output.rulelist import render_rule_list
    from auditor.packs import load_pack

    _emit(render_rule_list(load_pack(args.pack)), args.output)
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
    p.add_argument("--pack", help="rule pack folder or file (overrides the config)")
    p.add_argument("--level", choices=LEVELS, help="government level, when detection is unsure")
    p.add_argument("--min-score", type=float, metavar="N", help="fail below this overall score (0-100)")
    p.add_argument("--fail-on", choices=("error", "warning", "note", "never"),
                   help="fail on findings of this severity or worse")
    p.add_argument("--baseline", metavar="FILE",
                   help="report only findings not in this earlier `check --format json` output")
    p.add_argument("--write-baseline", metavar="FILE", help="also write this run's JSON here, for --baseline")
    p.add_argument("--previous", metavar="LAST_YEAR",
                   help="last year's report: flag text repeated from it (draft.reused), key-item changes")
    p.add_argument("--reuse-threshold", type=float, metavar="SHARE",
                   help="draft.reused above this share of repeated text (0-1, default 0.3)")
    p.add_argument("-f", "--format", choices=CHECK_FORMATS, default="text")
    p.add_argument("-o", "--output", help="write to this file (atomically) instead of stdout")
    p.add_argument("--glob", help="file patterns inside folders (default: *.txt,*.md,*.html,*.htm)")
    p.add_argument("--today", help=argparse.SUPPRESS)  # waiver expiry in tests: YYYY-MM-DD
    p.set_defaults(handler=_run_check)


def _run_check(args: argparse.Namespace) -> int:
    from auditor.checking.run import CheckOptions, check_paths, cli_today, exit_code, render_check, show

    opts = CheckOptions(config=args.config, pack=args.pack, level=args.level, min_score=args.min_score,
                        fail_on=args.fail_on, baseline=args.baseline, today=cli_today(args.today),
                        previous=args.previous, reuse_threshold=args.reuse_threshold)
    if args.reuse_threshold is not None and not 0 <= args.reuse_threshold <= 1:
        raise AuditorError(f"--reuse-threshold must be a share from 0 to 1, not {args.reuse_threshold:g}")
    if args.show_config:
        _emit(show(args.paths, opts, args.glob, [args.output]), args.output, args.paths)
        return EX_OK
    if not args.paths:
        raise AuditorError("no reports given (auditor check PATH...)")
    doc, inputs = check_paths(args.paths, opts, args.glob, [args.output, args.write_baseline])
    if args.write_baseline:
        _emit(render_check("json", doc), args.write_baseline, inputs)
    _emit(render_check(args.format, doc), args.output, inputs)
    for err in doc["errors"]:
        print(f"auditor: {err['path']}: {err['message']}", file=sys.stderr)
    return exit_code(doc)


# --- compare / similar (issue 11) -------------------------------------------------------------

COMPARE_FORMATS = ("scorecard", "json")


def _add_compare(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("compare", help="two reports: item changes and text NEW repeats from OLD")
    p.add_argument("old", metavar="OLD", help="the earlier report (e.g. last year's)")
    p.add_argument("new", metavar="NEW", help="the later report")
    p.add_argument("--pack", help="rule pack folder or file (default: the bundled gangyao-2021-2025)")
    p.add_argument("--level", choices=LEVELS, help="government level, when detection is unsure")
    p.add_argument("-f", "--format", choices=COMPARE_FORMATS, default="scorecard")
    p.add_argument("-o", "--output", help="write to this file (atomically) instead of stdout")
    p.add_argument("--width", type=int, default=None, help="terminal width for the scorecard")
    p.add_argument("--no-color", action="store_true", help="plain text (also: NO_COLOR=1)")
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

        width = args.width or (None if sys.stdout.isatty() and not args.output else 120)
        text = render_card(doc, color=_color(args), width=width)
    _emit(text, args.output, [args.old, args.new])
    return EX_OK


def _share(value: str) -> float:
    try:
        v = float(value.rstrip("%")) / (100 if value.endswith("%") else 1)
    except ValueError:
        v = -1.0
    if not 0 < v <= 1:
        raise argparse.ArgumentTypeError(f"must be a share between 0 and 1 (or a percentage), not {value!r}")
    return v


def _add_similar(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("similar", help="pairs of reports sharing passages (copied text), over a batch")
    p.add_argument("paths", nargs="+", metavar="PATH", help="report files, folders (recursive), @list.txt")
    p.add_argument("--pack", help="rule pack folder (its boilerplate.yaml is left out of the comparison)")
    p.add_argument("--level", choices=LEVELS, help="government level for every report")
    p.add_argument("--threshold", type=_share, default=None, metavar="SHARE",
                   help="list pairs where either report repeats this share of its text or more (default 0.2)")
    p.add_argument("--min-reports", type=_jobs, default=None, metavar="N",
                   help="a sentence in N or more reports is boilerplate (default: 2%% of them, at least 4)")
    p.add_argument("-f", "--format", choices=("table", "json"), default="table")
    p.add_argument("-o", "--output", help="write to this file (atomically) instead of stdout")
    p.add_argument("--width", type=int, default=None, help="terminal width for the table")
    p.add_argument("--no-color", action="store_true", help="plain text (also: NO_COLOR=1)")
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

        width = args.width or (None if sys.stdout.isatty() and not args.output else 120)
        text = render_table(doc, color=_color(args), width=width)
    _emit(text, args.output, inputs)
    for err in doc["errors"]:
        print(f"auditor: {err['path']}: {err['message']}", file=sys.stderr)
    return EX_USAGE if doc["errors"] else EX_OK


# --- entry point -------------------------------------------------------------------------------

COMMANDS: list[Callable[[argparse._SubParsersAction], None]] = [_add_audit, _add_rules, _add_export,
                                                                _add_check, _add_compare, _add_similar]


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
