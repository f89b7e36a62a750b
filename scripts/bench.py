#!/usr/bin/env python3
"""Speed of the core audit, measured (not asserted by tests).

    python scripts/bench.py                      # every section
    python scripts/bench.py --only marginal,cold  # some of them

Sections (one function each; add yours to SECTIONS):

- segmenters: load time and throughput of jieba vs rjieba on the five sample reports.
- warm: warm audit (read + match + score) of each sample vs a plain ``jieba.lcut`` of its text.
- marginal: what one more report costs in a warm process, audit vs a bare rjieba pass over the
  same generated texts, and their ratio (issue 12 target: at most 10x).
- cold: a cold ``auditor audit reports/huozhou-2023.txt`` process, start to exit (target 0.45 s).
- formats: what reading a 30-page PDF or a 10k-character .docx adds over the same text as
  .txt (issue 8 target: at most 0.5 s), first read in a fresh process and warm, plus a comparison
  of PDF text extractors.
- export: ``auditor export`` of 2,000 generated reports at -j1 and -j2: reports/s, the -j2/-j1
  ratio (target 1.7x), peak memory of the whole process tree, and the same at 500 reports to
  show memory does not grow with the number of reports.

Generated reports are scripts/bench_export.py's corpus: the samples' real paragraphs, recombined
with a fixed seed.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
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


def marginal(args: argparse.Namespace) -> None:
    """Per-report cost in a warm process, the audit against its floor (segmenting the text)."""
    import rjieba
    from bench_export import build_corpus

    from auditor.packs import load_pack
    from auditor.pipeline import audit_document
    from auditor.reading import read_text

    with tempfile.TemporaryDirectory(prefix="auditor-bench-") as tmp:
        files = build_corpus(Path(tmp), args.marginal_n, args.seed)
        texts = [(f.read_text(encoding="utf-8"), str(f)) for f in files]
    pack = load_pack(None)
    seg = rjieba.Jieba()
    audit_document(read_text(*texts[0]), pack)  # compile the pack, warm every cache
    seg.cut(texts[0][0])

    def audit_pass() -> None:
        for text, name in texts:
            audit_document(read_text(text, name), pack)

    def cut_pass() -> None:
        for text, _ in texts:
            seg.cut(text)

    # Whole passes, alternated and paired: each segmenter pass runs as a pass would on its own
    # (its dictionary warm in the CPU caches, not evicted by an audit between two texts), and
    # each ratio compares two passes a moment apart, so drift on a shared machine cancels out.
    audits, cuts = [], []
    for _ in range(args.marginal_repeat):
        audits.append(timed(audit_pass, 1) / len(texts))
        cuts.append(timed(cut_pass, 1) / len(texts))
    chars = sum(len(t) for t, _ in texts) / len(texts)
    ratios = sorted(a / c for a, c in zip(audits, cuts, strict=True))
    audit, cut = statistics.median(audits), statistics.median(cuts)
    print(f"\n## marginal cost per report, warm ({len(texts)} generated reports, {chars:.0f} chars "
          f"on average; median of {args.marginal_repeat} paired passes)")
    print(f"audit (read + match + score): {audit * 1e3:.2f} ms/report ({1 / audit:.0f} reports/s/core)")
    print(f"bare rjieba cut             : {cut * 1e3:.2f} ms/report")
    print(f"ratio audit / rjieba        : {statistics.median(ratios):.1f}x "
          f"(passes: {ratios[0]:.1f}-{ratios[-1]:.1f}x)")


def cold(args: argparse.Namespace) -> None:
    sample = str(ROOT / "reports" / "huozhou-2023.txt")
    times = []
    for _ in range(args.cold_runs):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "auditor", "audit", sample],
                       stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - t)
    print(f"\n## cold `python -m auditor audit reports/huozhou-2023.txt` (scorecard, piped): "
          f"median {statistics.median(times):.3f} s, min {min(times):.3f} s, max {max(times):.3f} s "
          f"over {args.cold_runs} runs")


def export(args: argparse.Namespace) -> None:
    """Throughput and whole-tree peak memory of real `auditor export` processes."""
    from bench_export import build_corpus, run

    work = Path(tempfile.mkdtemp(prefix="auditor-bench-"))
    try:
        print(f"\n## `auditor export` of generated reports (seed {args.seed}), cold processes, "
              "draft findings included")
        print("wall, cpu: a run of its own with no memory sampling (sampling every 50 ms takes a "
              "share of the two cores); cpu s: user + system of the whole tree (workers included); "
              "cores: cpu s / wall s, how much of the machine the run really got")
        print("peak memory, MiB, from a second, sampled run: the whole process tree every 50 ms (RSS "
              "summed; PSS: pages the forked workers share with the parent counted once) / the sum "
              "of every process's own peak (an upper bound) / the largest single process")
        print(f"{'reports':>7} {'-j':>3} {'wall s':>7} {'reports/s':>10} {'vs -j1':>7} {'cpu s':>7} "
              f"{'cores':>6} {'reports/cpu-s':>13} {'tree':>6} {'pss':>6} {'bound':>6} {'largest':>8}")
        for n, jobs_list in ((args.export_n, (1, 2)), (args.export_small_n, (2,))):
            corpus = work / f"corpus{n}"
            build_corpus(corpus, n, args.seed)
            base = None
            for jobs in jobs_list:
                r = run(corpus, work / f"out-{n}-j{jobs}.xlsx", jobs, sample=False)
                r.update({k: v for k, v in run(corpus, work / f"mem-{n}-j{jobs}.xlsx", jobs).items()
                          if k.endswith("_mib")})
                rate = n / r["wall"]
                if jobs == 1:
                    base = rate
                vs = f"x{rate / base:.2f}" if base else "-"
                print(f"{n:7d} {jobs:3d} {r['wall']:7.1f} {rate:10.1f} {vs:>7} {r['cpu']:7.1f} "
                      f"{r['cpu'] / r['wall']:6.2f} {n / r['cpu']:13.1f} {r['tree_mib']:6.0f} "
                      f"{r['tree_pss_mib']:6.0f} {r['tree_bound_mib']:6.0f} {r['maxrss_mib']:8.0f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)




FORMATS_FIRST = """
import sys, time
sys.path.insert(0, {root!r})
from auditor.reading import read_path
t = time.perf_counter(); read_path({path!r}); print(time.perf_counter() - t)
"""


def formats(repeat: int) -> None:
    """Issue 8: extra reading time of .pdf (30 pages) and .docx (10k characters) over .txt."""
    import tempfile

    from auditor.reading import read_path
    from tests.test_formats import make_docx, make_pdf

    text = (ROOT / "reports" / "luoding-2021.txt").read_text(encoding="utf-8")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        pdf = make_pdf(lines * 5, Path(tmp) / "r30.pdf")
        import pypdfium2

        pages = len(pypdfium2.PdfDocument(str(pdf)))
        body, n = [], 0
        while n < 10_000:
            body.append(lines[len(body) % len(lines)])
            n += len(body[-1])
        docx = make_docx(body, Path(tmp) / "r10k.docx")
        extractors(pdf, "\n".join(lines * 5))
        print(f"\n## input formats (issue 8): median of {repeat} warm reads; first read in a fresh process")
        cases = ((f"pdf {pages} pages", pdf, lines * 5), (f"docx {n} chars", docx, body))
        for label, path, txt_lines in cases:
            plain = Path(tmp) / f"{path.stem}.txt"
            plain.write_text("\n".join(txt_lines) + "\n", encoding="utf-8")
            t_fmt = timed(lambda path=path: read_path(str(path)), repeat)
            t_txt = timed(lambda plain=plain: read_path(str(plain)), repeat)
            firsts = [float(subprocess.run([sys.executable, "-c", FORMATS_FIRST.format(root=str(ROOT),
                                                                                     path=str(p))],
                                           capture_output=True, text=True, check=True).stdout)
                      for p in (path, plain) for _ in range(3)]
            first_fmt, first_txt = statistics.median(firsts[:3]), statistics.median(firsts[3:])
            print(f"{label:18}: warm {t_fmt:.3f} s vs .txt {t_txt:.3f} s (adds {t_fmt - t_txt:+.3f} s); "
                  f"first read {first_fmt:.3f} s vs {first_txt:.3f} s (adds {first_fmt - first_txt:+.3f} s)")


EXTRACT = """
import sys, time
t = time.perf_counter()
if {lib!r} == "pdfplumber":
    import pdfplumber
    with pdfplumber.open({path!r}) as pdf:
        pages = [p.extract_text() or "" for p in pdf.pages]
elif {lib!r} == "pypdf":
    import pypdf
    pages = [p.extract_text() or "" for p in pypdf.PdfReader({path!r}).pages]
else:
    import pypdfium2
    doc = pypdfium2.PdfDocument({path!r})
    pages = [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
elapsed = time.perf_counter() - t
sys.stdout.write(f"{{elapsed}}\\n" + "\\f".join(pages))
"""


def extractors(pdf: Path, source: str) -> None:
    """PDF text extractors on CJK: time in a fresh process (import included) and how many of the
    source's CJK characters come back, in order (difflib ratio over CJK-only strings). pdfplumber
    and pypdf are not dependencies: install them to compare (skipped when missing)."""
    import difflib
    import re

    cjk = re.compile(r"[\u3400-\u9fff]")
    want = "".join(cjk.findall(source))
    print(f"\n## PDF extractors on {pdf.name} (fresh process, median of 3; CJK order ratio vs source)")
    for lib in ("pdfplumber", "pypdf", "pypdfium2"):
        runs = []
        for _ in range(3):
            out = subprocess.run([sys.executable, "-c", EXTRACT.format(lib=lib, path=str(pdf))],
                                 capture_output=True, text=True)
            if out.returncode:
                break
            first, _sep, text = out.stdout.partition("\n")
            runs.append((float(first), text))
        if not runs:
            print(f"{lib:10}: not installed")
            continue
        got = "".join(cjk.findall(runs[0][1].replace("某某市人民政府文件", "")))
        ratio = difflib.SequenceMatcher(None, want, got, autojunk=False).ratio() if len(want) < 60_000 else \
            float(sorted(want) == sorted(got))
        print(f"{lib:10}: {statistics.median(r[0] for r in runs):.3f} s, CJK {len(got)}/{len(want)} chars, "
              f"order ratio {ratio:.4f}")


SECTIONS: dict[str, Callable[[argparse.Namespace], None]] = {
    "segmenters": lambda a: segmenters([p.read_text(encoding="utf-8") for p in REPORTS], a.repeat),
    "warm": lambda a: warm(a.repeat),
    "marginal": marginal,
    "cold": cold,
    "formats": lambda a: formats(min(a.repeat, 5)),
    "export": export,
}


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
    ap.add_argument("--only", help=f"comma-separated sections (default all: {','.join(SECTIONS)})")
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--cold-runs", type=int, default=7)
    ap.add_argument("--seed", type=int, default=20240101)
    ap.add_argument("--marginal-n", type=int, default=100, help="generated reports for `marginal`")
    ap.add_argument("--marginal-repeat", type=int, default=5)
    ap.add_argument("--export-n", type=int, default=2000, help="generated reports for `export`")
    ap.add_argument("--export-small-n", type=int, default=500, help="the smaller run (memory flatness)")
    ap.add_argument("--similar", default="", metavar="N,N",
                    help="only the batch-similarity benchmark (issue 11) at these sizes, e.g. 250,1000")
    ap.add_argument("--jobs", type=int, default=2, help="-j for the similarity benchmark")
    args = ap.parse_args()
    if args.similar:
        similarity([int(n) for n in args.similar.split(",")], args.jobs)
        return 0
    chosen = args.only.split(",") if args.only else list(SECTIONS)
    unknown = [c for c in chosen if c not in SECTIONS]
    if unknown:
        ap.error(f"unknown section(s) {', '.join(unknown)}; known: {', '.join(SECTIONS)}")
    for name in chosen:
        SECTIONS[name](args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
