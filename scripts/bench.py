#!/usr/bin/env python3
"""Speed of the core audit, measured (not asserted by tests).

    python scripts/bench.py [--repeat 20]

1. Segmenters: load time and throughput of jieba vs rjieba on the five sample reports.
2. Warm audit (read + match + score) of each sample vs a plain ``jieba.lcut`` of the same text
   (target: at most 3x).
3. Cold ``auditor audit`` process, start to exit (target: < 1.5 s), median of several runs.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
REPORTS = sorted((ROOT / "reports").glob("*.txt"))
LOAD = "import time;t=time.perf_counter();import {m};{init};print(time.perf_counter()-t)"


def timed(fn: Callable[[], object], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t)
    return statistics.median(runs)


def load_time(module: str, init: str) -> float:
    runs = [float(subprocess.run([sys.executable, "-c", LOAD.format(m=module, init=init)],
                                 capture_output=True, text=True, check=True).stdout) for _ in range(3)]
    return statistics.median(runs)


def segmenters(texts: list[str], repeat: int) -> None:
    loads = {"jieba": load_time("jieba", "jieba.setLogLevel(60);jieba.initialize()"),
             "rjieba": load_time("rjieba", "rjieba.cut('法治')")}
    import jieba
    import rjieba

    jieba.setLogLevel(60)
    jieba.initialize()
    tj = timed(lambda: [jieba.lcut(t) for t in texts], repeat)
    tr = timed(lambda: [rjieba.cut(t) for t in texts], repeat)
    chars = sum(len(t) for t in texts)
    differ = total = 0
    for t in texts:
        a, b = jieba.lcut(t), rjieba.cut(t)
        total += len(a)
        differ += len(set(a) ^ set(b))
    print(f"## segmenters (5 samples, {chars} chars)")
    print(f"jieba : load {loads['jieba']:.3f} s, cut {tj * 1000:.1f} ms ({chars / tj / 1e6:.2f} M chars/s)")
    print(f"rjieba: load {loads['rjieba']:.3f} s, cut {tr * 1000:.1f} ms ({chars / tr / 1e6:.2f} M chars/s)")
    print(f"rjieba/jieba throughput: {tj / tr:.1f}x; tokens differing: {differ} of {total} "
          "(jieba splits 2024-01-25 at the hyphens, rjieba keeps it whole)")


def warm(repeat: int) -> None:
    import jieba

    from auditor.packs import load_pack
    from auditor.pipeline import audit_document
    from auditor.reading import read_path, read_text

    jieba.setLogLevel(60)
    jieba.initialize()
    pack = load_pack(None)
    print(f"\n## warm audit vs plain jieba.lcut (median of {repeat})")
    print(f"{'report':36} {'chars':>6} {'lcut ms':>8} {'read ms':>8} {'audit ms':>9} {'ratio':>6}")
    for path in REPORTS:
        doc = read_path(str(path))
        audit_document(doc, pack)  # warm caches
        text, name = doc.text, str(path)
        t_cut = timed(lambda text=text: jieba.lcut(text), repeat)
        t_read = timed(lambda text=text, name=name: read_text(text, name), repeat)
        t_all = timed(lambda text=text, name=name: audit_document(read_text(text, name), pack), repeat)
        print(f"{path.name:36} {doc.chars:6d} {t_cut * 1e3:8.1f} {t_read * 1e3:8.1f} {t_all * 1e3:9.1f} "
              f"{t_all / t_cut:6.2f}")


def cold(runs: int) -> None:
    sample = str(ROOT / "reports" / "huozhou-2023.txt")
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "auditor", "audit", sample, "-f", "json"],
                       stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - t)
    print(f"\n## cold `python -m auditor audit huozhou-2023.txt -f json`: "
          f"median {statistics.median(times):.3f} s, max {max(times):.3f} s over {runs} runs")


# --- issue 11: batch similarity (auditor similar / the export's 雷同 sheet) ---------------------

def _similar_corpus(folder: Path, n: int, seed: int, planted: int) -> set[tuple[str, str]]:
    """n reports that share no text (the sample paragraphs with each sentence's characters
    shuffled per report), except ``planted`` pairs where report 10k+1 repeats every other
    paragraph of report 10k (figures changed) between as many of its own. Returns the planted
    pairs (file names)."""
    import random
    import re

    rng = random.Random(seed)
    texts = [[line for line in p.read_text(encoding="utf-8").splitlines() if line.strip()] for p in REPORTS]
    folder.mkdir(parents=True, exist_ok=True)
    made: list[list[str]] = []
    for i in range(n):
        base = texts[i % len(texts)]
        lines = base[:2]
        for line in base[2:]:
            # shuffle inside each sentence, keeping its end mark last and the line ending in 。,
            # so the reader splits and joins the lines exactly as it would the original
            shuffled = []
            for part in re.findall(r"[^。；！？]+[。；！？]?", line):
                body, end = (part[:-1], part[-1]) if part[-1] in "。；！？" else (part, "")
                chars = [c for c in body if c not in "。；！？"]
                rng.shuffle(chars)
                shuffled.append("".join(chars) + end)
            text = "".join(shuffled)
            lines.append(text if text.endswith(("。", "；", "！", "？")) else text + "。")
        made.append(lines)
    pairs = set()
    for k in range(min(planted, n // 10)):
        src, dst = made[10 * k], made[10 * k + 1]
        copied = [re.sub(r"\d+", lambda m: str(int(m.group()) + 3), line) for line in src[2::2]]
        own = dst[2:2 + len(copied)]
        made[10 * k + 1] = dst[:2] + [line for two in zip(copied, own, strict=False) for line in two]
        pairs.add((f"r{10 * k:05d}.txt", f"r{10 * k + 1:05d}.txt"))
    for i, lines in enumerate(made):
        (folder / f"r{i:05d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return pairs


def _run_similar(corpus: Path, jobs: int) -> tuple[dict, float, float]:
    """One cold `auditor similar DIR -f json` process: (output, wall seconds, peak RSS MiB of the
    process tree, sampled)."""
    import json
    import os
    import threading

    sys.path.insert(0, str(ROOT / "scripts"))
    from bench_export import _tree_rss_kib

    cmd = [sys.executable, "-m", "auditor", "similar", str(corpus), "-f", "json", "-q", "-j", str(jobs)]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _tree_rss_kib(proc.pid))
            stop.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    stop.set()
    sampler.join()
    if proc.returncode not in (0, 2):
        raise SystemExit(f"auditor similar failed: {err.decode()[-2000:]}")
    return json.loads(out), wall, peak / 1024


def similarity(sizes: list[int], jobs: int, planted: int = 50) -> None:
    """Issue 11 target: 1,000 reports in under 60 s, memory flat. Two corpora per size: unrelated
    reports with planted copies (recall/precision of the planted pairs), and scripts/bench_export.py's
    recombined corpus, where every paragraph recurs in ~80 reports (all learned as boilerplate)."""
    import shutil
    import tempfile

    sys.path.insert(0, str(ROOT / "scripts"))
    from bench_export import build_corpus

    print(f"\n## batch similarity: cold `auditor similar DIR -f json -j {jobs}`")
    print(f"{'corpus':28} {'reports':>7} {'wall s':>7} {'peak MiB':>9} {'pairs':>6} {'planted found':>14}")
    work = Path(tempfile.mkdtemp(prefix="auditor-similar-"))
    try:
        for n in sizes:
            planted_pairs = _similar_corpus(work / f"distinct{n}", n, 11, planted)
            doc, wall, peak = _run_similar(work / f"distinct{n}", jobs)
            got = {(Path(p["a"]["path"]).name, Path(p["b"]["path"]).name) for p in doc["pairs"]}
            print(f"{'distinct + planted copies':28} {doc['reports']:7d} {wall:7.1f} {peak:9.0f} "
                  f"{len(got):6d} {len(got & planted_pairs):>7d}/{len(planted_pairs)}")
            build_corpus(work / f"recombined{n}", n, 20240101)
            doc, wall, peak = _run_similar(work / f"recombined{n}", jobs)
            print(f"{'recombined (bench_export)':28} {doc['reports']:7d} {wall:7.1f} {peak:9.0f} "
                  f"{len(doc['pairs']):6d} {'-':>14}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--cold-runs", type=int, default=7)
    ap.add_argument("--similar", default="", metavar="N,N",
                    help="only the batch-similarity benchmark (issue 11) at these sizes, e.g. 250,1000")
    ap.add_argument("--jobs", type=int, default=2, help="-j for the similarity benchmark")
    args = ap.parse_args()
    if args.similar:
        similarity([int(n) for n in args.similar.split(",")], args.jobs)
        return 0
    segmenters([p.read_text(encoding="utf-8") for p in REPORTS], args.repeat)
    warm(args.repeat)
    cold(args.cold_runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
