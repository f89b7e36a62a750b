"""Many reports at once: expand files/folders/@lists, audit them in parallel, keep input order.

A regional review runs over hundreds of files, so one bad file must cost one error entry, not
the run; and a crash in a worker (a bug, a segfault in a C extension) must cost only the reports
that worker held. Results come back in input order so every output is reproducible whatever -j.
"""

from __future__ import annotations

import fnmatch
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from auditor.errors import AuditorError
from auditor.model import ReportError, ReportResult
from auditor.packs.spec import Pack

DEFAULT_GLOB = "*.txt,*.md,*.html,*.htm"
CHUNK = 4  # reports per task: amortises pickling without starving the last worker
WINDOW = 4  # tasks in flight per worker: bounded memory however long the input list

Result = ReportResult | ReportError


@dataclass(frozen=True)
class Job:
    """What every report of a batch is audited with; sent once to each worker process."""

    pack: Pack
    level: str | None = None
    findings: bool = False  # also run the draft checks (export counts them)
    # Per-report post-step, run in the worker on (Document, ReportResult) -> ReportResult: lets a
    # caller derive compact data from the text (issue 11: similarity signatures in meta) without
    # the text travelling to the parent. Must be picklable (a module-level function or partial).
    post: Callable[..., ReportResult] | None = None


def _patterns(glob: str | None) -> list[str]:
    return [p.strip() for p in (glob or DEFAULT_GLOB).split(",") if p.strip()]


def _walk(folder: str, patterns: list[str]) -> list[str]:
    """Matching files under ``folder``, sorted, skipping hidden files and folders (.git, our
    own .tmp outputs)."""
    found: list[str] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and any(fnmatch.fnmatch(name, p) for p in patterns):
                found.append(os.path.join(root, name))
    return found


def _read_list(spec: str) -> list[str]:
    path = spec[1:]
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise AuditorError("list file not found", path=path) from exc
    except (OSError, UnicodeError) as exc:
        raise AuditorError(f"cannot read list file: {exc}", path=path) from exc
    # One path per line, relative to the current folder (like xargs); blank lines and # comments
    # are skipped.
    return [s for s in (line.strip() for line in text.splitlines()) if s and not s.startswith("#")]


def expand_inputs(paths: Sequence[str], glob: str | None = None) -> list[str]:
    """Files, folders (recursive, filtered by ``glob``) and ``@list`` files -> report paths.

    Explicit files are kept whatever their extension (the user named them). A path that does not
    exist is kept too, so it becomes an entry in the errors list while the others are audited —
    unless nothing at all was found, which is a usage error. A named folder without any matching
    file is a usage error: it is almost always a wrong folder or a wrong --glob.
    """
    patterns = _patterns(glob)
    out: list[str] = []
    seen: set[str] = set()
    missing: list[str] = []

    def add(p: str) -> None:
        key = p if p == "-" else os.path.realpath(p)
        if key not in seen:
            seen.add(key)
            out.append(p)

    def expand(p: str, from_list: bool) -> None:
        if p.startswith("@") and not from_list and len(p) > 1:
            for q in _read_list(p):
                expand(q, True)
        elif p != "-" and os.path.isdir(p):
            files = _walk(p, patterns)
            if not files:
                raise AuditorError(f"no report files ({','.join(patterns)}) in folder", path=p)
            for f in files:
                add(f)
        else:
            if p != "-" and not os.path.exists(p):
                missing.append(p)
            add(p)

    for p in paths:
        expand(p, False)
    if len(missing) == len(out):
        if len(missing) == 1:
            raise AuditorError("no such file or folder", path=missing[0])
        raise AuditorError(f"no reports found: none of the {len(missing)} paths exist")
    return out


# --- workers -----------------------------------------------------------------------------------

_JOB: Job | None = None


def _init_worker(job: Job) -> None:
    """Runs once per worker process: the pack (and its compiled matchers, built lazily on first
    use) then serves every report that worker audits."""
    global _JOB
    _JOB = job


def _audit_one(path: str, job: Job) -> Result:
    from auditor.pipeline import audit_path

    try:
        if job.post is None:
            return audit_path(path, job.pack, job.level, job.findings)
        return audit_path(path, job.pack, job.level, job.findings, post=job.post)
    except Exception as exc:  # a bug on one report must not lose the others
        return ReportError(path, f"internal error while auditing: {type(exc).__name__}: {exc}")


def _audit_chunk(paths: list[str]) -> list[Result]:
    assert _JOB is not None, "worker not initialised"
    return [_audit_one(p, _JOB) for p in paths]


def _progress_bar(total: int, enabled: bool) -> tuple[Callable[[int], None], Callable[[], None]]:
    """(advance, stop). A rich bar on stderr when it is a terminal, else two no-ops, so piped
    output and CI logs stay clean."""
    if not enabled or not sys.stderr.isatty() or total < 2:
        return (lambda _n: None), (lambda: None)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(TextColumn("审核"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                   console=Console(stderr=True), transient=True)
    task = bar.add_task("audit", total=total)
    bar.start()
    return (lambda n: bar.advance(task, n)), bar.stop


def _split(results: Iterable[Result]) -> tuple[list[ReportResult], list[ReportError]]:
    reports: list[ReportResult] = []
    errors: list[ReportError] = []
    for r in results:
        (errors if isinstance(r, ReportError) else reports).append(r)
    return reports, errors


def iter_audits(paths: Sequence[str], pack: Pack, level: str | None = None,
                jobs: int | None = None, progress: bool = False,
                findings: bool = False, post: Callable[..., ReportResult] | None = None) -> Iterator[Result]:
    """Audit ``paths`` with ``jobs`` worker processes (default: all cores), yielding each result
    in input order as soon as it and all before it are done, so a caller can write output while
    later reports are still being audited.

    One report, -j 1, or stdin run in this process: a pool costs more than it saves there, and a
    worker cannot read our stdin.
    """
    jobs = max(1, jobs or os.cpu_count() or 1)
    job = Job(pack, level, findings, post)
    advance, stop = _progress_bar(len(paths), progress)
    try:
        if jobs == 1 or len(paths) <= 1 or "-" in paths:
            for p in paths:
                yield _audit_one(p, job)
                advance(1)
        else:
            yield from _parallel(list(paths), job, jobs, advance)
    finally:
        stop()


def audit_many(paths: Sequence[str], pack: Pack, level: str | None = None, jobs: int | None = None,
               progress: bool = False) -> tuple[list[ReportResult], list[ReportError]]:
    """iter_audits(), collected: (reports, errors), each in input order."""
    return _split(iter_audits(paths, pack, level, jobs, progress))


def _pool(jobs: int, job: Job) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(job,))


def _parallel(paths: list[str], job: Job, jobs: int,
              advance: Callable[[int], None]) -> Iterator[Result]:
    """Chunks are submitted a window at a time (bounded memory for any input size). When a
    worker dies, every chunk in flight is suspect: those reports are retried one by one in a
    fresh single worker, so only the report that really kills a worker is marked as failed."""
    chunk = max(1, min(CHUNK, len(paths) // (jobs * 2) or 1))
    todo = [(i, paths[i:i + chunk]) for i in range(0, len(paths), chunk)]
    todo.reverse()  # pop() from the end keeps submission in input order
    done_results: dict[int, Result] = {}
    next_out = 0

    def store(start: int, out: list[Result]) -> None:
        for k, r in enumerate(out):
            done_results[start + k] = r
        advance(len(out))

    while todo:
        pool = _pool(min(jobs, len(todo)), job)
        running: dict[Future[list[Result]], tuple[int, list[str]]] = {}
        suspects: list[int] = []
        try:
            while (todo or running) and not suspects:
                while todo and len(running) < jobs * WINDOW:
                    start, part = todo.pop()
                    running[pool.submit(_audit_chunk, part)] = (start, part)
                finished, _ = wait(running, return_when=FIRST_COMPLETED)
                for fut in finished:
                    start, part = running.pop(fut)
                    try:
                        store(start, fut.result())
                    except BrokenProcessPool:
                        suspects.extend(range(start, start + len(part)))
                    except Exception as exc:  # e.g. a result that cannot be pickled
                        store(start, [ReportError(p, f"internal error: {type(exc).__name__}: {exc}")
                                      for p in part])
                while next_out in done_results:
                    yield done_results.pop(next_out)
                    next_out += 1
            for start, part in running.values():  # the dead pool's other chunks
                suspects.extend(range(start, start + len(part)))
        finally:
            pool.shutdown(wait=not suspects, cancel_futures=True)
        for i in sorted(suspects):
            store(i, [_alone(paths[i], job)])
        while next_out in done_results:
            yield done_results.pop(next_out)
            next_out += 1


def _alone(path: str, job: Job) -> Result:
    pool = _pool(1, job)
    try:
        return pool.submit(_audit_chunk, [path]).result()[0]
    except BrokenProcessPool:
        return ReportError(path, "worker process crashed while auditing this report")
    except Exception as exc:
        return ReportError(path, f"internal error: {type(exc).__name__}: {exc}")
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
