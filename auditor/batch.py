"""Many reports at once: expand files/folders/@lists, audit them in parallel, keep input order.

A regional review runs over hundreds of files, so one bad file must cost one error entry, not
the run; and a crash in a worker (a bug, a segfault in a C extension) must cost only the reports
that worker held. Results come back in input order so every output is reproducible whatever -j.

A batch stops as one: Ctrl-C (SIGINT to the whole process group) is ignored by the workers and
handled by the parent alone, which kills them at once and lets KeyboardInterrupt reach the CLI
(exit 130, no output file); a worker whose parent dies (kill -9) exits instead of waiting on its
task queue forever. What runs per report beyond the core audit (export: the check's findings) is
a ``post`` step the caller passes in: this module never imports checking/ or output/.

What travels back from a worker is the caller's choice too (``shape``): an export needs a report's
rows, not every Evidence object of its ReportResult, and pickling a few lists of strings costs a
fraction of a tree of dataclasses. What every worker needs loaded (the compiled pack, the post
steps' libraries) is loaded once in the parent before the workers are forked (``warm``), so they
share it instead of each paying for it: at -j2 that start-up was a tenth of a 300-report run.
"""

from __future__ import annotations

import fnmatch
import gc
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor.errors import AuditorError, os_reason
from auditor.i18n import _
from auditor.model import ReportError, ReportResult
from auditor.packs.spec import Pack

if TYPE_CHECKING:  # concurrent.futures (and multiprocessing) load only when a pool is used
    from concurrent.futures import Future, ProcessPoolExecutor

    from auditor.pipeline import PostStep

# Every format the reader takes (reading/formats); matched case-insensitively (.TXT, .DOCX).
DEFAULT_GLOB = "*.txt,*.md,*.markdown,*.html,*.htm,*.xhtml,*.shtml,*.mhtml,*.mht,*.docx,*.pdf"
CHUNK = 8  # reports per task: fewer round trips to the parent, without starving the last worker
WINDOW = 4  # tasks in flight per worker: bounded memory however long the input list

Result = ReportResult | ReportError
# What a worker sends back for a report: by default its ReportResult; with a ``shape`` step,
# whatever that step makes of it (export: the report's rows). Errors always stay ReportErrors.
Shaped = Any


@dataclass(frozen=True)
class Job:
    """What every report of a batch is audited with; sent once to each worker process."""

    pack: Pack
    level: str | None = None
    # Per-report steps after scoring (pipeline.PostStep), in order: module-level functions, so
    # they pickle by name into the workers. Export passes checking.run.with_findings.
    post: tuple[PostStep, ...] = ()
    # The last step, in the worker: ReportResult -> what is sent back (picklable, like ``post``).
    shape: Callable[[ReportResult], Shaped] | None = None


def _steps(post: PostStep | Sequence[PostStep] | None) -> tuple[PostStep, ...]:
    if post is None:
        return ()
    return (post,) if callable(post) else tuple(post)


def _patterns(glob: str | None) -> list[str]:
    return [p.strip().lower() for p in (glob or DEFAULT_GLOB).split(",") if p.strip()]


def _walk(folder: str, patterns: list[str], skipped: list[str] | None = None) -> list[str]:
    """Matching files under ``folder``, sorted, skipping hidden files and folders (.git, our
    own .tmp outputs). Names match case-insensitively: Windows users save REPORT.TXT and
    报告.DOCX. Visible files that do not match are appended to ``skipped``."""
    found: list[str] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            if any(fnmatch.fnmatchcase(name.lower(), p) for p in patterns):
                found.append(os.path.join(root, name))
            elif skipped is not None:
                skipped.append(os.path.join(root, name))
    return found


def _read_list(spec: str) -> list[str]:
    path = spec[1:]
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError as exc:
        raise AuditorError(_("找不到清单文件"), path=path) from exc
    except IsADirectoryError as exc:
        raise AuditorError(_("是文件夹，不是清单文件（文件夹直接写，不加 @）"), path=path) from exc
    except OSError as exc:
        raise AuditorError(_("无法读取清单文件：{error}").format(error=os_reason(exc)),
                           path=path) from exc
    text = _list_text(data)
    if text is None:
        raise AuditorError(_("无法读取清单文件：不是 UTF-8 或 GBK 文本"), path=path)
    # One path per line, relative to the current folder (like xargs); blank lines and # comments
    # are skipped.
    return [s for s in (line.strip() for line in text.splitlines()) if s and not s.startswith("#")]


def _list_text(data: bytes) -> str | None:
    """A list saved by Notepad on a Chinese office PC is UTF-8 (BOM or not), UTF-16 or GBK."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings: tuple[str, ...] = ("utf-16",)
    else:
        encodings = ("utf-8-sig", "gb18030")
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def expand_inputs(paths: Sequence[str], glob: str | None = None) -> list[str]:
    """``discover()`` without the skipped files."""
    return discover(paths, glob)[0]


def discover(paths: Sequence[str], glob: str | None = None) -> tuple[list[str], list[str]]:
    """(report paths, files skipped in folders because no pattern matched them).

    Files, folders (recursive, filtered by ``glob``) and ``@list`` files -> report paths.

    Explicit files are kept whatever their extension (the user named them). A path that does not
    exist is kept too, so it becomes an entry in the errors list while the others are audited —
    unless nothing at all was found, which is a usage error. A named folder without any matching
    file is a usage error: it is almost always a wrong folder or a wrong --glob.
    """
    patterns = _patterns(glob)
    out: list[str] = []
    seen: set[str] = set()
    missing: list[str] = []
    skipped: list[str] = []

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
            files = _walk(p, patterns, skipped)
            if not files:
                raise AuditorError(_("文件夹中没有报告文件（{patterns}）").format(
                    patterns=",".join(patterns)), path=p)
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
            raise AuditorError(_("没有这个文件或文件夹"), path=missing[0])
        raise AuditorError(_("没有找到报告：{n} 个路径都不存在").format(n=len(missing)))
    return out, skipped


# --- workers -----------------------------------------------------------------------------------

_JOB: Job | None = None
_PR_SET_PDEATHSIG = 1  # linux/prctl.h
_WATCH_SECONDS = 0.5


def _init_worker(job: Job) -> None:
    """Runs once per worker process: the pack (and its compiled matchers, built lazily on first
    use) then serves every report that worker audits."""
    global _JOB
    _JOB = job
    # A terminal's Ctrl-C reaches every process of the group. Only the parent acts on it (kills
    # the pool, exits 130): a worker dying of it would look like a crash to _parallel, which
    # would retry its reports in fresh workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent()


def _exit_with_parent() -> None:
    """A worker whose parent is gone has nobody to send results to and would otherwise wait on
    its task queue forever. Linux: the kernel kills us with the parent (PR_SET_PDEATHSIG).
    Everywhere, as a fallback: a thread that exits when we are re-parented (getppid changes)."""
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        with suppress(OSError, AttributeError, TypeError):
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if parent == 1:  # the parent died before we got here (and before prctl could cover it)
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            threading.Event().wait(_WATCH_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="auditor-parent-watch", daemon=True).start()


def _audit_one(path: str, job: Job) -> Shaped:
    from auditor.pipeline import audit_path

    try:
        result = audit_path(path, job.pack, job.level, job.post)
        if job.shape is None or isinstance(result, ReportError):
            return result
        return job.shape(result)
    except Exception as exc:  # a bug on one report must not lose the others
        return ReportError(path, _("审核时发生内部错误：{error}").format(
            error=f"{type(exc).__name__}: {exc}"))


def _audit_chunk(paths: list[str]) -> list[Shaped]:
    assert _JOB is not None, "worker not initialised"
    return [_audit_one(p, _JOB) for p in paths]


def _progress_bar(total: int, enabled: bool) -> tuple[Callable[[int], None], Callable[[], None]]:
    """(advance, stop). A rich bar on stderr when it is a terminal, else two no-ops, so piped
    output and CI logs stay clean."""
    if not enabled or not sys.stderr.isatty() or total < 2:
        return (lambda _n: None), (lambda: None)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(TextColumn(_("审核")), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
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
                post: PostStep | Sequence[PostStep] | None = None,
                shape: Callable[[ReportResult], Shaped] | None = None,
                warm: Sequence[Callable[[], object]] = ()) -> Iterator[Shaped]:
    """Audit ``paths`` with ``jobs`` worker processes (default: all cores), yielding each result
    in input order as soon as it and all before it are done, so a caller can write output while
    later reports are still being audited. ``post``: step(s) run on each (document, result) in
    the worker after scoring (pipeline.PostStep; picklable, i.e. module-level functions).
    ``shape``: what each ReportResult becomes before it leaves the worker (ReportErrors are
    yielded as they are). ``warm``: calls that load what the steps need, run once in this process
    before any worker is forked.

    Closing the iterator early (or an exception in the caller, e.g. Ctrl-C) kills the workers
    at once rather than waiting for the chunks they hold.

    One report, -j 1, or stdin run in this process: a pool costs more than it saves there, and a
    worker cannot read our stdin.
    """
    jobs = max(1, jobs or os.cpu_count() or 1)
    job = Job(pack, level, _steps(post), shape)
    advance, stop = _progress_bar(len(paths), progress)
    try:
        if jobs == 1 or len(paths) <= 1 or "-" in paths:
            for p in paths:
                yield _audit_one(p, job)
                advance(1)
        else:
            _warm(job, warm)
            yield from _parallel(list(paths), job, jobs, advance)
    finally:
        stop()


def audit_many(paths: Sequence[str], pack: Pack, level: str | None = None, jobs: int | None = None,
               progress: bool = False, post: PostStep | Sequence[PostStep] | None = None,
               ) -> tuple[list[ReportResult], list[ReportError]]:
    """iter_audits(), collected: (reports, errors), each in input order."""
    return _split(iter_audits(paths, pack, level, jobs, progress, post))


def _warm(job: Job, calls: Sequence[Callable[[], object]]) -> None:
    """Compile the pack and load the steps' libraries here, once: forked workers inherit them
    (copy-on-write) instead of each compiling and importing them again. The work is the same
    as a -j1 run's first report; -j2 no longer pays it three times."""
    from auditor.matching import warm_up

    # Only an optimisation: whatever fails here fails again in the workers, report by report,
    # where it is reported as usual.
    with suppress(Exception):
        warm_up(job.pack)
        for call in calls:
            call()


def _pool(jobs: int, job: Job) -> ProcessPoolExecutor:
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(job,))


def _kill(pool: ProcessPoolExecutor) -> None:
    """Stop now: drop the queued chunks and kill the workers. shutdown() alone would wait for
    the chunks they are auditing, and a -j2 export holds up to 2 x WINDOW of them. The pool has
    no public kill before Python 3.14, hence its process table."""
    procs = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in procs:
        with suppress(Exception):
            proc.kill()
    for proc in procs:
        with suppress(Exception):
            proc.join(timeout=2)


def _parallel(paths: list[str], job: Job, jobs: int,
              advance: Callable[[int], None]) -> Iterator[Shaped]:
    """Chunks are submitted a window at a time (bounded memory for any input size). When a
    worker dies, every chunk in flight is suspect: those reports are retried one by one in a
    fresh single worker, so only the report that really kills a worker is marked as failed."""
    chunk = max(1, min(CHUNK, len(paths) // (jobs * 2) or 1))
    todo = [(i, paths[i:i + chunk]) for i in range(0, len(paths), chunk)]
    todo.reverse()  # pop() from the end keeps submission in input order
    done_results: dict[int, Shaped] = {}
    next_out = 0

    def store(start: int, out: list[Shaped]) -> None:
        for k, r in enumerate(out):
            done_results[start + k] = r
        advance(len(out))

    from concurrent.futures import FIRST_COMPLETED, wait
    from concurrent.futures.process import BrokenProcessPool

    # What exists now (the compiled pack, the modules) is out of the cyclic collector's reach
    # while the workers are forked: their collections then never write to those objects, so the
    # pages stay shared with this process instead of being copied into every worker. The pool
    # forks its workers at the first submit; this process thaws right after.
    gc.collect()
    gc.freeze()
    while todo:
        pool = _pool(min(jobs, len(todo)), job)
        running: dict[Future[list[Shaped]], tuple[int, list[str]]] = {}
        suspects: list[int] = []
        try:
            while (todo or running) and not suspects:
                while todo and len(running) < jobs * WINDOW:
                    start, part = todo.pop()
                    running[pool.submit(_audit_chunk, part)] = (start, part)
                gc.unfreeze()
                finished, _ = wait(running, return_when=FIRST_COMPLETED)
                for fut in finished:
                    start, part = running.pop(fut)
                    try:
                        store(start, fut.result())
                    except BrokenProcessPool:
                        suspects.extend(range(start, start + len(part)))
                    except Exception as exc:  # e.g. a result that cannot be pickled
                        message = _("内部错误：{error}").format(error=f"{type(exc).__name__}: {exc}")
                        store(start, [ReportError(p, message) for p in part])
                while next_out in done_results:
                    yield done_results.pop(next_out)
                    next_out += 1
            for start, part in running.values():  # the dead pool's other chunks
                suspects.extend(range(start, start + len(part)))
        except BaseException:  # Ctrl-C, or the consumer gave up (GeneratorExit, a failed write)
            _kill(pool)
            raise
        pool.shutdown(wait=not suspects, cancel_futures=True)
        for i in sorted(suspects):
            store(i, [_alone(paths[i], job)])
        while next_out in done_results:
            yield done_results.pop(next_out)
            next_out += 1


def _alone(path: str, job: Job) -> Shaped:
    from concurrent.futures.process import BrokenProcessPool

    pool = _pool(1, job)
    try:
        return pool.submit(_audit_chunk, [path]).result()[0]
    except BrokenProcessPool:
        return ReportError(path, _("审核此报告时工作进程崩溃（crashed）"))
    except Exception as exc:
        return ReportError(path, _("内部错误：{error}").format(error=f"{type(exc).__name__}: {exc}"))
    except BaseException:
        _kill(pool)
        raise
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
