"""`auditor check`: config per report, audit, findings, waivers, baseline, pass/fail, one document.

Configs are all resolved (and validated) before any report is read, so a config mistake stops the
run with exit 2 and no partial output; an unreadable report, by contrast, is listed as an error
while every other report is still checked and printed.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from auditor.checking import findings as fmod
from auditor.checking import hygiene
from auditor.checking.baseline import apply_baseline, load_baseline
from auditor.checking.config import CheckConfig, discover, load_config, show_config, with_overrides
from auditor.checking.findings import Finding, fingerprint
from auditor.checking.policy import fails, passed
from auditor.checking.waivers import Waiver, apply_waivers, inline_waivers
from auditor.errors import EX_FAIL, EX_OK, EX_USAGE, AuditorError, errors_at_once
from auditor.i18n import _
from auditor.model import ReportError, ReportResult


@dataclass(frozen=True)
class CheckOptions:
    config: str | None = None
    pack: str | None = None
    level: str | None = None
    min_score: float | None = None
    min_substance: float | None = None
    fail_on: str | None = None
    baseline: str | None = None
    today: date = field(default_factory=date.today)
    jobs: int | None = None  # worker processes; None or 1: in this process
    previous: str | None = None  # last year's report: draft.reused and key-item changes (issue 11)
    reuse_threshold: float | None = None


@dataclass(frozen=True)
class Checked:
    result: ReportResult
    findings: tuple[Finding, ...]
    passed: bool
    config: CheckConfig
    previous: dict[str, Any] | None = None  # checking/previous.py: compared with --previous


def resolve_configs(paths: list[str], opts: CheckOptions,
                    cache: dict[str | None, CheckConfig] | None = None) -> dict[str, CheckConfig]:
    """Config for each path: --config for all, else the nearest one found, else defaults.
    ``cache`` (source -> parsed config) may outlive the call, as it does across an export."""
    cache = {} if cache is None else cache
    out = {}
    for path in paths:
        src = opts.config or discover(path if path != "-" else ".")
        if src not in cache:
            cache[src] = load_config(src) if src else CheckConfig()
        out[path] = with_overrides(cache[src], pack=opts.pack, level=opts.level,
                                   min_score=opts.min_score, min_substance=opts.min_substance,
                                   fail_on=opts.fail_on, reuse_threshold=opts.reuse_threshold)
    return out


def _load_pack(cfg: CheckConfig, cache: dict[str | None, Any]) -> Any:
    from auditor.packs import load_pack

    if cfg.pack not in cache:
        pack = load_pack(cfg.pack)
        known = {r.id for r in pack.rules}
        where = cfg.path if cfg.source("required") != "default" else None
        problems = [AuditorError(_("'required' 中有未知的事项编号 '{id}'（规则包 {pack} 中没有）").format(
                        id=item_id, pack=pack.id), where, line)
                    for item_id, line in zip(cfg.required or (), cfg.required_lines or (None,) * 999,
                                             strict=False) if item_id not in known]
        if problems:
            raise errors_at_once(problems)
        cache[cfg.pack] = pack
    return cache[cfg.pack]


def collect(doc: Any, result: ReportResult, cfg: CheckConfig) -> list[Finding]:
    """Every finding of one report: draft hygiene and thresholds, disable/severity applied.
    Here rather than in findings.py, which hygiene builds on (no import circle)."""
    findings = hygiene.hygiene_findings(doc, result, cfg) + fmod.threshold_findings(result, cfg)
    return fmod.finalize(findings, cfg)


def check_document(doc: Any, result: ReportResult, cfg: CheckConfig, today: date,
                   baseline: Counter[str] | None = None, previous: Any = None) -> Checked:
    """Everything after reading, on plain records: unit tests call this with hand-built inputs.
    ``previous`` (checking.previous.Previous) adds the comparison with last year's report."""
    inline, problems = inline_waivers(doc.text, result.path)
    compared = None
    if previous is not None:
        from auditor.checking.previous import compare_previous, reused_finding

        compared = compare_previous(previous, doc, result)
        problems = [*problems, *reused_finding(compared, cfg.reuse_threshold, result.path)]
    found = fmod.finalize(collect(doc, result, cfg) + problems, cfg)
    waivers: list[Waiver] = [*cfg.waive, *inline]
    found = apply_waivers(found, waivers, result.path, today)
    if baseline is not None:
        found = apply_baseline(found, baseline)
    live = {w.id: w.reason for w in waivers if w.covers(result.path) and not w.expired(today)}
    items = tuple(dataclasses.replace(i, waived=live[i.id]) if i.id in live else i for i in result.items)
    result = dataclasses.replace(result, items=items)
    return Checked(result, tuple(found), passed(found, cfg.fail_on), cfg, compared)


_EXPORT_CONFIGS: dict[str | None, CheckConfig] = {}  # one parse per config file per process


def with_findings(doc: Any, result: ReportResult, today: date | None = None) -> ReportResult:
    """The report as `auditor check` sees it under the config discovered for it: waived items
    marked (the spreadsheet shows them 已豁免) and the finding records in ``meta["findings"]``
    (its 问题数/豁免数 columns), the same list `check` would print."""
    cfg = resolve_configs([result.path], CheckOptions(), _EXPORT_CONFIGS)[result.path]
    checked = check_document(doc, result, cfg, today or date.today())
    checked.result.meta["findings"] = [finding_record(f, cfg.fail_on) for f in checked.findings]
    return checked.result


def _read(path: str, cfg: CheckConfig) -> Any:
    from auditor.reading import read_path

    doc = read_path(path, level=cfg.level)
    if cfg.level:
        doc = dataclasses.replace(doc, level=cfg.level, level_sure=True)
    return doc


def _check_one(path: str, cfg: CheckConfig, pack: Any, today: date,
               prints: Counter[str] | None, previous: Any = None) -> Checked | ReportError:
    from auditor.pipeline import audit_document

    try:
        doc = _read(path, cfg)
    except AuditorError as exc:
        return ReportError(path, str(exc).removeprefix(f"{path}: "))
    except (OSError, UnicodeError, ValueError) as exc:
        return ReportError(path, _("无法读取：{error}").format(error=exc))
    try:
        result = audit_document(doc, pack)
        return check_document(doc, result, cfg, today, prints, previous)
    except Exception as exc:  # a bug on one report must not lose the others' findings
        return ReportError(path, _("检查时发生内部错误：{error}").format(
            error=f"{type(exc).__name__}: {exc}"))


_WORKER: dict[str, Any] = {}  # what every task of a parallel check shares, sent once per worker


def _init_worker(packs: dict[str | None, Any], today: date, prints: Counter[str] | None,
                 previous: Any = None) -> None:
    _WORKER.update(packs=packs, today=today, prints=prints, previous=previous)


def _check_task(path: str, cfg: CheckConfig) -> Checked | ReportError:
    return _check_one(path, cfg, _WORKER["packs"][cfg.pack], _WORKER["today"], _WORKER["prints"],
                      _WORKER["previous"])


def check_files(paths: list[str], opts: CheckOptions) -> tuple[list[Checked], list[ReportError], Any]:
    configs = resolve_configs(paths, opts)
    packs: dict[str | None, Any] = {}
    for cfg in configs.values():
        _load_pack(cfg, packs)
    prints = load_baseline(opts.baseline) if opts.baseline else None
    previous = None
    if opts.previous:  # last year's report, read and audited once, shared by every draft
        from auditor.checking.previous import load_previous

        first = next(iter(configs.values()), CheckConfig())
        previous = load_previous(opts.previous, _load_pack(first, packs), first.level)
    jobs = min(opts.jobs or 1, len(paths))
    if jobs > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(jobs, initializer=_init_worker,
                                 initargs=(packs, opts.today, prints, previous)) as pool:
            results = list(pool.map(_check_task, paths, [configs[p] for p in paths],
                                    chunksize=max(1, len(paths) // (jobs * 4))))
    else:
        results = [_check_one(p, configs[p], packs[configs[p].pack], opts.today, prints, previous)
                   for p in paths]
    checked = [r for r in results if isinstance(r, Checked)]
    errors = [r for r in results if isinstance(r, ReportError)]
    first_pack = next(iter(packs.values()), None)
    return checked, errors, first_pack


def finding_record(f: Finding, fail_on: str) -> dict[str, Any]:
    rec: dict[str, Any] = {"id": f.id, "severity": f.severity, "message": f.message_zh, "line": f.line,
                           "item": f.item, "text": f.text,
                           "fingerprint": fingerprint(f.path, f.id, f.item, f.text),
                           "fails": fails(f, fail_on)}
    if f.waived is not None:
        rec["waived"] = f.waived
    if f.baselined:
        rec["baselined"] = True
    return rec


def check_record(report: dict[str, Any], checked: Checked) -> dict[str, Any]:
    """The core report record plus ``findings``, ``passed`` and ``check``; existing keys untouched."""
    fs = checked.findings
    active = Counter(f.severity for f in fs if f.active)
    report = dict(report)
    from auditor.output.location import locate

    locs = checked.result.meta.get("locations")
    report["findings"] = [locate(finding_record(f, checked.config.fail_on), locs) for f in fs]
    report["passed"] = checked.passed
    report["check"] = {
        "config": checked.config.path, "min_score": checked.config.min_score,
        "min_substance": checked.config.min_substance,
        "fail_on": checked.config.fail_on,
        "required": list(fmod.required_items(checked.result, checked.config)),
        "checks": checks_run(checked),
        "counts": {"error": active["error"], "warning": active["warning"], "note": active["note"],
                   "waived": sum(f.waived is not None for f in fs),
                   "baselined": sum(f.baselined for f in fs)},
    }
    if checked.previous is not None:
        report["previous"] = checked.previous
    return report


def check_name(finding: dict[str, Any]) -> str:
    """The check a finding belongs to: thresholds by what they test, hygiene by finding id."""
    if finding["id"] == "score.below_min":
        return "score"
    if finding["id"] == "substance.below_min":
        return "substance"
    if finding["id"] in ("item.missing", "structure.missing"):
        return finding["item"]
    return finding["id"]


def checks_run(checked: Checked) -> list[str]:
    """Every check applied to a report (for JUnit: a passing check is a passing test case)."""
    cfg = checked.config
    names = ["score"] if cfg.min_score else []
    names += ["substance"] if cfg.min_substance else []
    names += fmod.required_items(checked.result, cfg)
    names += sorted(cfg.required_parts())
    names += [fid for fid in fmod.CATALOG if fid.startswith("draft.") and fid not in cfg.disable
              and cfg.severity_of(fid, "") != "off"
              and (fid != "draft.reused" or checked.previous is not None)]
    names += sorted({f.id for f in checked.findings if f.id.startswith("waiver.")})
    return list(dict.fromkeys(names))


def check_document_record(checked: list[Checked], errors: list[ReportError], pack: Any) -> dict[str, Any]:
    from auditor.output.records import records

    doc = records([c.result for c in checked], errors, getattr(pack, "id", ""),
                  len(getattr(pack, "rules", ())), pack=pack)
    doc["reports"] = [check_record(r, c) for r, c in zip(doc["reports"], checked, strict=True)]
    doc["passed"] = not errors and all(c.passed for c in checked)
    return doc


def check_outputs(outputs: list[str | None], inputs: list[str]) -> None:
    """Refuse a bad -o / --write-baseline before any report is read: a typo must not cost the
    run, and the baseline must not be written when the main output then fails."""
    from auditor.output.atomic import check_output_path

    given = [o for o in outputs if o]
    for out in given:
        check_output_path(out, inputs)
    if len({Path(o).resolve() for o in given}) < len(given):
        raise AuditorError(_("-o 和 --write-baseline 指向同一个文件"), path=given[0])


def check_paths(paths: list[str], opts: CheckOptions, glob: str | None = None,
                outputs: list[str | None] | None = None) -> tuple[dict[str, Any], list[str]]:
    """CLI entry: expand folders and @lists, check the ``outputs`` can be written, check every
    report, return (JSON document, inputs)."""
    from auditor.batch import expand_inputs

    files = expand_inputs(paths, glob)
    check_outputs(outputs or [], files)
    checked, errors, pack = check_files(files, opts)
    return check_document_record(checked, errors, pack), files


def render_check(fmt: str, doc: dict[str, Any], quiet: bool = False) -> str:
    from auditor.output import render

    return render(fmt, doc, quiet=quiet)


def cli_today(value: str | None) -> date:
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise AuditorError(_("--today 须为 YYYY-MM-DD，不能是 {value!r}").format(value=value)) from None


def exit_code(doc: dict[str, Any]) -> int:
    if doc["errors"]:
        return EX_USAGE
    return EX_OK if all(r["passed"] for r in doc["reports"]) else EX_FAIL


def show(paths: list[str], opts: CheckOptions, glob: str | None = None,
         outputs: list[str | None] | None = None) -> str:
    """--show-config: the effective config for each distinct config the paths resolve to
    (``outputs`` are checked like a run's: -o must not overwrite one of the reports)."""
    if paths:
        from auditor.batch import expand_inputs

        paths = expand_inputs(paths, glob)
    check_outputs(outputs or [], paths)
    configs = resolve_configs(paths or ["."], opts)
    seen: dict[str | None, list[str]] = {}
    for path, cfg in configs.items():
        seen.setdefault(cfg.path, []).append(path)
    out = []
    for for_paths in seen.values():
        cfg = configs[for_paths[0]]
        label = cfg.pack or _("gangyao-2021-2025（内置）")
        required = cfg.required or ()
        if cfg.required is None:
            try:
                required = tuple(r.id for r in _load_pack(cfg, {}).rules if r.key)
            except (AuditorError, ImportError):
                required = (_("（规则包的重点事项）"),)
        text = show_config(cfg, label, required)
        if paths:
            text = _("# 适用于：{paths}").format(paths=", ".join(for_paths)) + "\n" + text
        out.append(text)
    return "\n".join(out)

