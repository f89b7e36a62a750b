#!/usr/bin/env python3
"""Benchmark `auditor export` on a synthetic corpus of N reports (default 1,000).

Why synthetic: we have five real reports, and a regional review has hundreds. Recombining the
real paragraphs (seeded, so every run builds the same corpus) keeps the text realistic — real
headings, real sentences, both Simplified and Traditional — while giving the matcher a varied
workload. Each run is a cold `python -m auditor export` process, so import and pack loading are
included, as a user would see them.

Writes only under a temporary folder (or --workdir). Usage:

    python scripts/bench_export.py            # 1,000 reports, -j 1 and -j 2
    python scripts/bench_export.py -n 200 --jobs 1,2,4 --workdir /tmp/bench --keep
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "reports"


def _paragraphs(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [p for p in (block.strip() for block in text.split("\n")) if p]


def build_corpus(folder: Path, n: int, seed: int) -> list[Path]:
    """Each report keeps a real report's head (title, issuer, date) and its heading skeleton,
    with ~40% of body paragraphs swapped for paragraphs of other reports and ~10% dropped."""
    rng = random.Random(seed)
    sources = sorted(SAMPLES.glob("*.txt"))
    if not sources:
        raise SystemExit(f"no sample reports in {SAMPLES}")
    docs = [_paragraphs(p) for p in sources]
    pool = [p for d in docs for p in d[8:] if len(p) > 30]
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        base = docs[i % len(docs)]
        head, body = base[:8], base[8:]
        new_body = []
        for para in body:
            r = rng.random()
            if r < 0.10 and len(para) > 30:
                continue
            new_body.append(rng.choice(pool) if r < 0.50 and len(para) > 30 else para)
        sub = folder / f"batch{i // 100:02d}"
        sub.mkdir(exist_ok=True)
        path = sub / f"report-{i:05d}.txt"
        path.write_text("\n\n".join(head + new_body) + "\n", encoding="utf-8")
        out.append(path)
    return out


def _tree(pid: int) -> dict[int, int]:
    """A process and all its descendants (Linux /proc): pid -> resident memory in KiB."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
        rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE") // 1024
    out, stack = {}, [pid]
    while stack:
        p = stack.pop()
        out[p] = rss.get(p, 0)
        stack.extend(children.get(p, []))
    return out


def _field_kib(path: str, name: str) -> int:
    """The KiB figure of field ``name`` in a /proc status-like file (0 when the process is gone)."""
    try:
        with open(path, encoding="utf-8") as fh:
            return sum(int(line.split()[1]) for line in fh if line.startswith(name))
    except (OSError, ValueError):
        return 0


def _tree_rss_kib(pid: int) -> int:
    """Resident memory of a process and all its descendants, in KiB."""
    return sum(_tree(pid).values())


def _tree_pss_kib(pid: int) -> int:
    """Proportional memory of a process and its descendants (Linux smaps_rollup ``Pss``), in KiB:
    a page shared by the forked workers and the parent is counted once, split between them,
    where summing each process's RSS counts it in every process."""
    return sum(_field_kib(f"/proc/{p}/smaps_rollup", "Pss:") for p in _tree(pid))


def _tree_hwm_kib(pid: int, seen: dict[int, int]) -> None:
    """Record each process of the tree's own peak RSS so far (VmHWM) in ``seen``: their sum
    bounds the tree's peak from above even when a short spike falls between two samples."""
    for p in _tree(pid):
        seen[p] = max(seen.get(p, 0), _field_kib(f"/proc/{p}/status", "VmHWM:"))


def run(corpus: Path, out: Path, jobs: int, pack: str | None = None,
        sample: bool = True) -> dict[str, float]:
    """One export process: wall and CPU (the tree's, from wait4), and with ``sample`` the peak
    memory of its process tree. Sampling is not free: reading every process's smaps_rollup every
    50 ms takes a share of the two cores and the workers' memory locks, and it cost a -j2 run
    as much as a third of its speed-up. Time runs without it; measure memory in a run of its own."""
    cmd = [sys.executable, "-m", "auditor", "export", str(corpus), "-o", str(out), "-j", str(jobs),
           "-q", *(["--pack", pack] if pack else [])]
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_tree = peak_pss = 0
    hwm: dict[int, int] = {}
    stop = threading.Event()

    def sample_tree() -> None:
        nonlocal peak_tree, peak_pss
        while not stop.is_set():
            peak_tree = max(peak_tree, _tree_rss_kib(proc.pid))
            peak_pss = max(peak_pss, _tree_pss_kib(proc.pid))
            _tree_hwm_kib(proc.pid, hwm)
            stop.wait(0.05)

    sampler = threading.Thread(target=sample_tree, daemon=True)
    if sample:
        sampler.start()
    # wait4 gives this child's own rusage: ru_maxrss is the largest single process of its tree
    # (the same figure resource.getrusage(RUSAGE_CHILDREN) reports, but per run).
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    stop.set()
    if sample:
        sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.returncode not in (0, 2):
        raise SystemExit(f"export failed ({proc.returncode}): {err[-2000:]}")
    # upper bound of the tree's peak: every process's own peak, the root's from wait4 if larger
    bound = max(hwm.get(proc.pid, 0), usage.ru_maxrss) + sum(v for p, v in hwm.items() if p != proc.pid)
    return {"wall": wall, "maxrss_mib": usage.ru_maxrss / 1024, "tree_mib": peak_tree / 1024,
            "tree_bound_mib": bound / 1024, "tree_pss_mib": peak_pss / 1024,
            "cpu": usage.ru_utime + usage.ru_stime, "rc": proc.returncode,
            "size_mib": out.stat().st_size / 2**20}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=1000, help="number of reports (default 1000)")
    ap.add_argument("--seed", type=int, default=20240101)
    ap.add_argument("--jobs", default="1,2", help="comma-separated -j values (default 1,2)")
    ap.add_argument("--workdir", help="where to build the corpus (default: a temporary folder)")
    ap.add_argument("--keep", action="store_true", help="keep the corpus and workbooks")
    ap.add_argument("--pack", help="rule pack passed to auditor export (default: bundled)")
    args = ap.parse_args()

    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="auditor-bench-"))
    try:
        t = time.perf_counter()
        files = build_corpus(work / "corpus", args.n, args.seed)
        size = sum(f.stat().st_size for f in files) / 2**20
        print(f"corpus: {len(files)} reports, {size:.1f} MiB, built in {time.perf_counter() - t:.1f}s "
              f"(seed {args.seed}) in {work}")
        base = None
        for jobs in (int(j) for j in args.jobs.split(",")):
            r = run(work / "corpus", work / f"audit-j{jobs}.xlsx", jobs, args.pack)
            rate = args.n / r["wall"]
            base = base or rate
            print(f"-j {jobs}: wall {r['wall']:6.1f}s  {rate:6.1f} reports/s  "
                  f"{rate / jobs:6.1f} reports/s/core  speed-up x{rate / base:.2f}  "
                  f"peak RSS {r['maxrss_mib']:.0f} MiB (largest process), "
                  f"{r['tree_mib']:.0f} MiB (whole tree)  xlsx {r['size_mib']:.1f} MiB  exit {r['rc']}")
    finally:
        if not args.keep and not args.workdir:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
