"""Cold start: each command imports only what it needs. Checked on the import graph of a fresh
interpreter (sys.modules after the command ran), not by timing, so the test holds on a busy
machine; the time itself is measured by scripts/bench.py (docs/performance.md)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = "reports/huozhou-2023.txt"
RUN = ("import json, sys\nfrom auditor.cli import main\ncode = main(sys.argv[2:])\n"
       "open(sys.argv[1], 'w').write(json.dumps([code, sorted(sys.modules)]))\n")
SPREADSHEET = {"openpyxl", "xlsxwriter"}
TEMPLATES = {"jinja2"}


def loaded(tmp_path: Path, *argv: str, codes: tuple[int, ...] = (0,)) -> set[str]:
    """Modules a fresh interpreter holds after ``auditor ARGV`` (which must end with ``codes``)."""
    out = tmp_path / "modules.json"
    subprocess.run([sys.executable, "-c", RUN, str(out), *argv], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL, timeout=60)
    code, modules = json.loads(out.read_text())
    assert code in codes, argv
    return set(modules)


def tops(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


@pytest.mark.parametrize("fmt", ["json", "scorecard"])
def test_audit_loads_no_spreadsheet_template_or_check_code(tmp_path: Path, fmt: str) -> None:
    mods = loaded(tmp_path, "audit", SAMPLE, "-f", fmt, "-o", str(tmp_path / "out"))
    assert "auditor.scoring" in mods and "auditor.matching" in mods  # it really audited
    assert not tops(mods) & (SPREADSHEET | TEMPLATES)
    assert not {m for m in mods if m.startswith(("auditor.checking", "auditor.output.xlsx"))}
    # one report runs in-process: no pool machinery
    assert not {"multiprocessing", "concurrent.futures.process"} & mods
    # the segmenter dictionary is loaded once, for the pack: rjieba's own default instance
    # (built by its package __init__) is never created
    assert "rjieba.rjieba" in mods and "rjieba" not in mods
    if fmt == "json":
        assert "rich" not in tops(mods)  # rich draws the scorecard, nothing else of an audit
    else:
        assert "rich" in tops(mods)


def test_audit_with_a_cached_pack_loads_no_yaml(tmp_path: Path) -> None:
    loaded(tmp_path, "audit", SAMPLE, "-f", "json", "-o", str(tmp_path / "first"))  # fills the cache
    mods = loaded(tmp_path, "audit", SAMPLE, "-f", "json", "-o", str(tmp_path / "out"))
    assert "auditor.scoring" in mods and "auditor.packs.cache" in mods
    assert "yaml" not in tops(mods)
    assert not {"auditor.packs.schema", "auditor.packs.nodes", "auditor.packs.resolve"} & mods


def test_check_loads_no_spreadsheet_or_rich(tmp_path: Path) -> None:
    # exit 1: the sample misses required items, which is what check is for
    mods = loaded(tmp_path, "check", SAMPLE, "-o", str(tmp_path / "out.txt"), codes=(0, 1))
    assert "auditor.checking.run" in mods
    assert not tops(mods) & (SPREADSHEET | TEMPLATES | {"rich"})


def test_rules_validate_loads_no_segmenter(tmp_path: Path) -> None:
    mods = loaded(tmp_path, "rules", "validate")
    assert "auditor.packs.loader" in mods
    # (re2 is loaded: the validator compiles the pack's patterns to report bad ones)
    assert not tops(mods) & {"rjieba", "rapidfuzz", "rich", "openpyxl", "xlsxwriter", "jinja2"}
    assert not {m for m in mods if m.startswith(("auditor.matching", "auditor.checking"))}


# --- the pack cache on disk (auditor/packs/cache.py) ---------------------------------------

PACK = ROOT / "rules" / "gangyao-2021-2025"
LOAD = ("import json, sys\nfrom auditor.packs import load_pack\np = load_pack(sys.argv[1])\n"
        "print(json.dumps([[r.id, r.title, list(r.match.any)] for r in p.rules], ensure_ascii=False))\n"
        "print('yaml' in sys.modules)\n")


def load_in_fresh_process(pack: Path, cache: Path | str, **env: str) -> tuple[list, bool, str]:
    """(rules as [id, title, phrases], whether PyYAML was imported, stderr) of a new process."""
    import os

    environ = {**os.environ, "AUDITOR_CACHE_DIR": str(cache), **env}
    environ.pop("AUDITOR_NO_CACHE", None) if "AUDITOR_NO_CACHE" not in env else None
    done = subprocess.run([sys.executable, "-c", LOAD, str(pack)], cwd=ROOT, env=environ,
                          capture_output=True, text=True, timeout=60, check=True)
    rules, used_yaml = done.stdout.splitlines()
    return json.loads(rules), used_yaml == "True", done.stderr


def entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("pack-*.json"))


@pytest.fixture
def pack_copy(tmp_path: Path) -> Path:
    import shutil

    return Path(shutil.copytree(PACK, tmp_path / "pack"))


def test_second_process_takes_the_pack_from_the_cache_unchanged(tmp_path: Path, pack_copy: Path) -> None:
    cache = tmp_path / "cache"
    first, yaml_first, _ = load_in_fresh_process(pack_copy, cache)
    assert yaml_first and len(entries(cache)) == 1  # built from YAML, then stored
    second, yaml_second, _ = load_in_fresh_process(pack_copy, cache)
    assert second == first and len(first) == 45
    assert not yaml_second  # the YAML side was never imported


def test_cached_pack_equals_the_pack_built_from_yaml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from auditor.packs import cache, loader

    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(cache, "_memo", {})
    built = loader.load_pack(PACK)
    monkeypatch.setattr(cache, "_memo", {})  # as a new process would: only the disk entry left
    again = cache.recall(PACK, loader.locate)
    assert again is not None and again is not built
    assert again == built and hash(again) == hash(built)
    assert [r.applies_to for r in again.rules] == [r.applies_to for r in built.rules]


def test_an_edited_rule_file_is_read_again_even_with_size_and_mtime_kept(tmp_path: Path,
                                                                         pack_copy: Path) -> None:
    import os

    cache = tmp_path / "cache"
    before, _, _ = load_in_fresh_process(pack_copy, cache)
    area = pack_copy / "01-thought.yaml"
    st = area.stat()
    text = area.read_text(encoding="utf-8")
    title = before[0][1]
    assert f"title: {title}\n" in text
    # the same number of bytes, the same mtime: only the content tells
    changed = title[:-1] + ("甲" if title[-1] != "甲" else "乙")
    area.write_text(text.replace(f"title: {title}\n", f"title: {changed}\n", 1), encoding="utf-8")
    os.utime(area, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert area.stat().st_size == st.st_size
    after, used_yaml, _ = load_in_fresh_process(pack_copy, cache)
    assert used_yaml and after[0][1] == changed and after[1:] == before[1:]


def test_an_added_rule_file_is_seen(tmp_path: Path, pack_copy: Path) -> None:
    cache = tmp_path / "cache"
    before, _, _ = load_in_fresh_process(pack_copy, cache)
    (pack_copy / "99-extra.yaml").write_text(
        "area: 附加\nitems:\n  - id: extra.item\n    title: 附加事项\n    source: 测试\n"
        "    match:\n      any: [附加测试短语]\n", encoding="utf-8")
    after, used_yaml, _ = load_in_fresh_process(pack_copy, cache)
    assert used_yaml and after[:-1] == before and after[-1][0] == "extra.item"


def test_a_changed_parent_pack_is_seen(tmp_path: Path, pack_copy: Path) -> None:
    child = tmp_path / "child"
    child.mkdir()
    (child / "pack.yaml").write_text("id: child\ntitle: 子规则包\nversion: '1'\nextends: ../pack\n",
                                     encoding="utf-8")
    cache = tmp_path / "cache"
    before, _, _ = load_in_fresh_process(child, cache)
    assert len(before) == 45
    area = pack_copy / "02-function.yaml"
    text = area.read_text(encoding="utf-8")
    at = [r[0] for r in before].index("function.power_list")
    assert f"title: {before[at][1]}\n" in text
    area.write_text(text.replace(f"title: {before[at][1]}\n", "title: 改过的标题\n", 1), encoding="utf-8")
    after, used_yaml, _ = load_in_fresh_process(child, cache)
    assert used_yaml and after[at][1] == "改过的标题"


@pytest.mark.parametrize("garbage", [b"", b"\x00\xff not json", b"[]", b'{"format": 1}',
                                     b"\xef\xbb\xbf{", "truncated"])
def test_a_corrupt_or_foreign_entry_is_ignored_and_replaced(tmp_path: Path, pack_copy: Path,
                                                             garbage: bytes | str) -> None:
    cache = tmp_path / "cache"
    good, _, _ = load_in_fresh_process(pack_copy, cache)
    [entry] = entries(cache)
    whole = entry.read_bytes()
    entry.write_bytes(whole[: len(whole) // 2] if garbage == "truncated" else garbage)  # type: ignore[arg-type]
    again, used_yaml, err = load_in_fresh_process(pack_copy, cache)
    assert again == good and used_yaml and err == ""
    assert entry.read_bytes() == whole  # rebuilt and stored again


def test_an_entry_with_wrong_types_is_not_trusted(tmp_path: Path, pack_copy: Path) -> None:
    cache = tmp_path / "cache"
    good, _, _ = load_in_fresh_process(pack_copy, cache)
    [entry] = entries(cache)
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["pack"]["rules"][0]["match"]["threshold"] = "88"  # a string where an int belongs
    data["pack"]["rules"][1]["@"] = "Path"  # a class the cache may not build
    entry.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    again, used_yaml, err = load_in_fresh_process(pack_copy, cache)
    assert again == good and used_yaml and err == ""


def test_an_unwritable_cache_folder_costs_nothing_but_time(tmp_path: Path, pack_copy: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    for _ in range(2):
        rules, used_yaml, err = load_in_fresh_process(pack_copy, blocker / "auditor")
        assert len(rules) == 45 and used_yaml and err == ""
    assert blocker.read_text(encoding="utf-8").startswith("a file")


def test_the_cache_can_be_turned_off(tmp_path: Path, pack_copy: Path) -> None:
    cache = tmp_path / "cache"
    for _ in range(2):
        rules, used_yaml, _ = load_in_fresh_process(pack_copy, cache, AUDITOR_NO_CACHE="1")
        assert len(rules) == 45 and used_yaml
    assert not cache.exists()


def test_a_broken_pack_is_never_cached_and_always_reported(tmp_path: Path, pack_copy: Path) -> None:
    cache = tmp_path / "cache"
    area = pack_copy / "03-system.yaml"
    area.write_text(area.read_text(encoding="utf-8") + "\n  - id: bad\n", encoding="utf-8")
    for _ in range(2):
        done = subprocess.run([sys.executable, "-m", "auditor", "audit", SAMPLE, "--pack", str(pack_copy)],
                              cwd=ROOT, env={**__import__("os").environ, "AUDITOR_CACHE_DIR": str(cache)},
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 2 and "03-system.yaml" in done.stderr and "Traceback" not in done.stderr
    assert entries(cache) == []


def test_cache_folder_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from auditor.packs.cache import cache_dir

    monkeypatch.delenv("AUDITOR_NO_CACHE", raising=False)
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path / "mine"))
    assert cache_dir() == tmp_path / "mine"
    monkeypatch.delenv("AUDITOR_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "auditor"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir() == tmp_path / "home" / ".cache" / "auditor"
    monkeypatch.setenv("AUDITOR_NO_CACHE", "1")
    assert cache_dir() is None


def test_no_home_folder_means_no_disk_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    from auditor.packs import cache, load_pack

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory")

    for var in ("AUDITOR_CACHE_DIR", "AUDITOR_NO_CACHE", "XDG_CACHE_HOME", "LOCALAPPDATA"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    monkeypatch.setattr(cache, "_memo", {})
    assert cache.cache_dir() is None
    assert len(load_pack(PACK).rules) == 45


def test_a_relative_pack_path_from_another_folder_is_another_pack(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import shutil

    from auditor.packs import load_pack

    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path / "cache"))
    a, b = tmp_path / "a", tmp_path / "b"
    shutil.copytree(PACK, a / "pack")
    shutil.copytree(PACK, b / "pack")
    area = b / "pack" / "01-thought.yaml"
    st = (a / "pack" / "01-thought.yaml").stat()
    text = area.read_text(encoding="utf-8")
    area.write_text(text.replace("title: 学习贯彻习近平法治思想\n", "title: 学习贯彻习近平法治思甲\n", 1),
                    encoding="utf-8")
    os.utime(area, ns=(st.st_atime_ns, st.st_mtime_ns))  # same names, sizes and mtimes as in a/
    monkeypatch.chdir(a)
    assert load_pack("pack").rules[0].title == "学习贯彻习近平法治思想"
    monkeypatch.chdir(b)
    assert load_pack("pack").rules[0].title == "学习贯彻习近平法治思甲"
