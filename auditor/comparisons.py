"""Orchestration of the comparing room: read and audit the files, then hand Documents and
ReportResults to auditor.comparing (which never reads a file itself)."""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from typing import Any

from auditor.errors import AuditorError
from auditor.model import ReportResult
from auditor.reading.document import Document


def read_and_audit(path: str, pack: Any, level: str | None = None) -> tuple[Document, ReportResult]:
    """One report, or an AuditorError naming it (the CLI prints it as one line, exit 2)."""
    from auditor.pipeline import audit_document
    from auditor.reading import read_path

    try:
        doc = read_path(path, level=level)
    except (OSError, UnicodeError, ValueError) as exc:
        raise AuditorError(f"cannot read: {exc}", path=path) from None
    if level:
        doc = dataclasses.replace(doc, level=level, level_sure=True)
    return doc, audit_document(doc, pack)


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return a == b


def compare_paths(old: str, new: str, pack_path: str | None = None,
                  level: str | None = None) -> dict[str, Any]:
    """`auditor compare OLD NEW`: the compare record (docs/compare.md)."""
    from auditor.comparing import load_boilerplate
    from auditor.comparing.record import compare_record
    from auditor.packs import load_pack

    pack = load_pack(pack_path)
    boiler = load_boilerplate(pack.path or None)
    old_doc, old_res = read_and_audit(old, pack, level)
    new_doc, new_res = read_and_audit(new, pack, level)
    return compare_record(old_doc, old_res, new_doc, new_res, boiler, same_path=_same_file(old, new))


# --- batch similarity (auditor similar, the export's 雷同 sheet) ---------------------------------

SIMILAR_SCHEMA = "similar-1.0"
DEFAULT_THRESHOLD = 0.2  # a pair is listed when either report repeats >= 20% of its text from the other


class SimilarityCollector:
    """Collects the signatures workers computed (batch post-step), then lists the pairs.

    Memory: one Signature per report (a few numbers per sentence); the texts stay in the workers.
    Only the candidate pairs' two files are read again, by confirm(), to check them exactly.
    """

    def __init__(self, pack: Any, threshold: float = DEFAULT_THRESHOLD, min_df: int | None = None,
                 jobs: int | None = None) -> None:
        self.pack_path = pack.path or ""
        self.jobs = jobs
        self.threshold = threshold
        self.min_df = min_df
        self.sigs: list[Any] = []
        self.learned_count = 0

    def post_step(self) -> Any:
        """The picklable per-report post-step to pass to batch.iter_audits(post=...)."""
        from functools import partial

        from auditor.comparing.signature import sign_post

        return partial(sign_post, self.pack_path)

    def add(self, result: ReportResult) -> None:
        self.add_signature(result.meta.pop("signature", None))

    def add_signature(self, sig: Any) -> None:
        """A signature the post-step made (export: carried back in the report's rows)."""
        if sig is not None:
            self.sigs.append(sig)

    def warm(self) -> None:
        """Load what the post-step uses (batch.iter_audits ``warm``: once, before the fork)."""
        from auditor.comparing.signature import warm

        warm(self.pack_path)

    def pairs(self) -> list[dict[str, Any]]:
        from auditor.comparing import load_boilerplate
        from auditor.comparing.similar import candidates, default_min_df

        min_df = self.min_df or default_min_df(len(self.sigs))
        found, learned = candidates(self.sigs, self.threshold, min_df)
        self.min_df = min_df
        self.learned_count = len(learned.exact)
        boiler = load_boilerplate(self.pack_path or None).with_learned(learned.exact)
        # grouped by report, so a worker's small cache of read reports serves consecutive pairs
        todo = [(_Side.of(self.sigs[c.a]), _Side.of(self.sigs[c.b]))
                for c in sorted(found, key=lambda c: (c.a, c.b))]
        out = [rec for rec in _confirm_all(todo, boiler, self.jobs)
               if rec is not None and rec["share"] >= self.threshold]
        out.sort(key=lambda r: (-r["share"], r["a"]["path"], r["b"]["path"]))
        return out


@dataclass(frozen=True)
class _Side:
    """What confirming a pair needs of a report's signature (not its arrays)."""

    path: str
    issuer: str | None
    year: int | None

    @classmethod
    def of(cls, sig: Any) -> _Side:
        return cls(sig.path, sig.issuer, sig.year)


CONFIRM_CHUNK = 8
_WORKER: dict[str, Any] = {}


def _init_confirm(boiler: Any) -> None:
    _WORKER["boiler"], _WORKER["cache"] = boiler, {}


def _confirm_chunk(pairs: list[tuple[_Side, _Side]]) -> list[dict[str, Any] | None]:
    return [confirm(a, b, _WORKER["boiler"], _WORKER["cache"]) for a, b in pairs]


def _confirm_all(todo: list[tuple[_Side, _Side]], boiler: Any, jobs: int | None) -> list[Any]:
    """Confirm candidates in ``jobs`` processes when there are enough to pay for the pool (a
    batch of copies can give hundreds); serially otherwise, or if the pool fails."""
    jobs = max(1, jobs or os.cpu_count() or 1)
    if jobs > 1 and len(todo) > 2 * CONFIRM_CHUNK:
        from concurrent.futures import ProcessPoolExecutor

        chunks = [todo[i:i + CONFIRM_CHUNK] for i in range(0, len(todo), CONFIRM_CHUNK)]
        try:
            with ProcessPoolExecutor(jobs, initializer=_init_confirm, initargs=(boiler,)) as pool:
                return [rec for part in pool.map(_confirm_chunk, chunks) for rec in part]
        except Exception:  # a broken pool must not lose the list: do it here instead
            pass
    cache: dict[str, Any] = {}
    return [confirm(a, b, boiler, cache) for a, b in todo]


def _units_of(path: str, cache: dict[str, Any]) -> Any:
    from auditor.comparing import units
    from auditor.reading import read_path

    if path not in cache:
        if len(cache) >= 64:  # pairs are confirmed grouped by report: a small cache is enough
            cache.pop(next(iter(cache)))
        try:
            cache[path] = units(read_path(path))
        except (AuditorError, OSError, UnicodeError, ValueError):
            cache[path] = None  # changed or gone since the audit: the pair cannot be confirmed
    return cache[path]


def confirm(a: Any, b: Any, boiler: Any, cache: dict[str, Any]) -> dict[str, Any] | None:
    """The pair record, checked on the texts with rapidfuzz (comparing.find_reuse both ways)."""
    from auditor.comparing import find_reuse

    ua, ub = _units_of(a.path, cache), _units_of(b.path, cache)
    if ua is None or ub is None:
        return None
    in_b = find_reuse(ua, ub, boiler)  # B's text repeating A
    in_a = find_reuse(ub, ua, boiler)  # A's text repeating B
    best, a_is_new = (in_a, True) if in_a.share > in_b.share else (in_b, False)
    longest = best.longest
    side = {"a": {"path": a.path, "issuer": a.issuer, "year": a.year, "share": in_a.share},
            "b": {"path": b.path, "issuer": b.issuer, "year": b.year, "share": in_b.share}}
    rec: dict[str, Any] = {**side, "share": best.share, "chars": best.chars, "passages": len(best.passages),
                           "longest": None}
    if longest is not None:
        a_line, b_line = (longest.new_line, longest.old_line) if a_is_new else (longest.old_line,
                                                                                longest.new_line)
        rec["longest"] = {"a_line": a_line, "b_line": b_line, "chars": longest.chars, "text": longest.text}
    return rec


def similar_paths(paths: list[str], pack_path: str | None = None, level: str | None = None,
                  jobs: int | None = None, glob: str | None = None, threshold: float = DEFAULT_THRESHOLD,
                  min_df: int | None = None, progress: bool = False) -> dict[str, Any]:
    """`auditor similar DIR`: the similar record (docs/compare.md)."""
    from auditor import __version__
    from auditor.batch import expand_inputs, iter_audits
    from auditor.model import ReportError
    from auditor.packs import load_pack

    pack = load_pack(pack_path)
    inputs = expand_inputs(paths, glob)
    collector = SimilarityCollector(pack, threshold, min_df, jobs)
    errors = []
    count = 0
    for result in iter_audits(inputs, pack, level, jobs, progress=progress, post=collector.post_step(),
                              warm=[collector.warm]):
        if isinstance(result, ReportError):
            errors.append({"path": result.path, "message": result.message})
        else:
            count += 1
            collector.add(result)
    pairs = collector.pairs()
    return {"schema": SIMILAR_SCHEMA, "tool": {"name": "auditor", "version": __version__},
            "reports": count, "threshold": threshold,
            "boilerplate": {"min_reports": collector.min_df, "learned_sentences": collector.learned_count},
            "pairs": pairs, "errors": errors}
