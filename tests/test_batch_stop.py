"""A batch stops as one, on real processes: Ctrl-C to the process group of a running
`auditor export`, and kill -9 of its parent. Reports are generated the way scripts/bench_export.py
builds its corpus (real paragraphs of the sample reports, recombined)."""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists() or os.name != "posix",
                                reason="reads the process table from /proc")


def _bench_export():
    spec = importlib.util.spec_from_file_location("bench_export", ROOT / "scripts" / "bench_export.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("stop") / "corpus"
    # enough that a -j2 export still runs when interrupted, however fast audits get
    _bench_export().build_corpus(folder, 1500, 20240101)
    return folder


def _procs() -> dict[int, tuple[str, int, int]]:
    """pid -> (state, parent pid, process group), from /proc."""
    out = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            out[int(entry)] = (fields[0], int(fields[1]), int(fields[2]))
    return out


def _live(pids: set[int]) -> set[int]:
    """Those of ``pids`` still running (zombies waiting for a reaper count as gone)."""
    table = _procs()
    return {p for p in pids if p in table and table[p][0] not in ("Z", "X")}


def _group(pgid: int) -> set[int]:
    return {p for p, (state, _, g) in _procs().items() if g == pgid and state not in ("Z", "X")}


def _wait_gone(pids: set[int], seconds: float) -> set[int]:
    deadline = time.monotonic() + seconds
    while _live(pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    return _live(pids)


def _start_export(corpus: Path, out: Path, *extra: str) -> tuple[subprocess.Popen, set[int]]:
    """`auditor export -j 2` in its own process group, once both workers are auditing."""
    proc = subprocess.Popen([sys.executable, "-m", "auditor", "export", str(corpus), "-o", str(out),
                             "-j", "2", "-q", *extra], cwd=ROOT, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    workers: set[int] = set()
    while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
        workers = {p for p, (_, ppid, _) in _procs().items() if ppid == proc.pid}
        time.sleep(0.05)
    assert len(workers) >= 2, "the export never started its two workers"
    time.sleep(1.0)  # let them get into the reports (the pack compiles in each worker first)
    assert proc.poll() is None, "the export finished before it could be interrupted"
    return proc, workers


def test_ctrl_c_stops_the_whole_batch(corpus: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    proc, workers = _start_export(corpus, out_dir / "all.xlsx", "--csv", str(out_dir / "csv"))
    sent = time.monotonic()
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal sends on Ctrl-C
    try:
        code = proc.wait(timeout=5)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    took = time.monotonic() - sent
    err = proc.stderr.read().decode("utf-8", "replace")
    assert code == 130, err
    assert took < 5, f"took {took:.1f} s to stop"
    assert os.listdir(out_dir) == []  # no workbook, no CSV folder, no temporary file
    assert _wait_gone(workers | _group(proc.pid), 2) == set()
    assert "Traceback" not in err


def test_workers_exit_when_the_parent_is_killed(corpus: Path, tmp_path: Path) -> None:
    proc, workers = _start_export(corpus, tmp_path / "all.xlsx")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=5)
    left = _wait_gone(workers, 5)
    for pid in left:  # don't leave them behind on a failure
        os.kill(pid, signal.SIGKILL)
    assert left == set()


def test_parent_watch_without_prctl(tmp_path: Path) -> None:
    """The portable fallback alone (as on macOS): a process whose parent exits goes away."""
    pid_file = tmp_path / "child.pid"
    script = textwrap.dedent(f"""
        import os, sys, time
        from auditor import batch
        if os.fork() == 0:
            sys.platform = "darwin"  # no prctl: only the watch thread can notice
            batch._exit_with_parent()
            open({str(pid_file)!r}, "w").write(str(os.getpid()))
            time.sleep(60)
            os._exit(0)
        while not os.path.exists({str(pid_file)!r}):
            time.sleep(0.01)
        time.sleep(0.2)
        os._exit(0)
    """)
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, timeout=30, check=True)
    child = int(pid_file.read_text())
    left = _wait_gone({child}, 3)
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert left == set()
