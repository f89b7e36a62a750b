"""Interface language: Chinese by default, English by --lang en or an English locale, from
gettext catalogs that must cover every _() string and be compiled (docs/i18n.md)."""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file

from auditor import i18n
from auditor.labels import status_label
from tests.render import ROOT, run_cli

spec = importlib.util.spec_from_file_location("i18n_script", ROOT / "scripts" / "i18n.py")
script = importlib.util.module_from_spec(spec)
assert spec.loader is not None
spec.loader.exec_module(script)


def _ids(catalog) -> set[str]:
    return {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}


def test_every_string_in_the_code_has_english() -> None:
    """Babel extracts every _()/N_()/ngettext() id from auditor/; each must be translated."""
    extracted = _ids(script.extract())
    assert len(extracted) > 150  # the CLI, errors, scorecard, labels …
    catalog = script.read("auditor", "en")
    assert extracted <= _ids(catalog), sorted(extracted - _ids(catalog))[:10]
    assert script.untranslated(catalog) == []


def test_compiled_catalogs_are_not_stale() -> None:
    for domain, lang in script.CATALOGS:
        po = script.po_path(domain, lang)
        mo = po.with_suffix(".mo")
        assert mo.read_bytes() == script.mo_bytes(script.read(domain, lang)), \
            f"{mo} is stale: run python scripts/i18n.py compile"


def test_check_reports_a_string_missing_from_the_catalog(monkeypatch: pytest.MonkeyPatch) -> None:
    real = script.extract()
    real.add("一个新的界面字符串", None, [("auditor/x.py", 1)])
    monkeypatch.setattr(script, "extract", lambda: real)
    assert any("一个新的界面字符串" in p for p in script.check())


def test_argparse_catalog_matches_this_python() -> None:
    """Our Chinese argparse.po translates argparse's own msgids: they must still exist."""
    found = set()
    for _lineno, message, _comments, _context in extract_from_file("python", argparse.__file__):
        found.add(message if isinstance(message, str) else message[0])
    ours = _ids(script.read("argparse", "zh_CN"))
    assert {"usage: ", "options", "positional arguments", "show this help message and exit",
            "the following arguments are required: %s", "unrecognized arguments: %s"} <= ours
    assert ours <= found | {"%(prog)s: error: %(message)s\n", "show program's version number and exit"}, \
        sorted(ours - found)


def test_default_is_chinese() -> None:
    code, out, _ = run_cli("--help")
    assert code == 0 and out.startswith("用法：auditor") and "选项" in out and "退出码" in out
    assert "options:" not in out and "show this help" not in out
    _, _, err = run_cli("audit", "nope.txt")
    assert err == "auditor: nope.txt: 没有这个文件或文件夹\n"
    _, _, err = run_cli("audit")
    assert "缺少必需的参数" in err and "PATH" in err


def test_lang_en_gives_english_everywhere() -> None:
    code, out, _ = run_cli("--lang", "en", "--help")
    assert code == 0 and out.startswith("usage: auditor") and "Exit codes:" in out
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in out.split("Audit ")[0])
    code, out, _ = run_cli("audit", "--lang", "en", "--help")  # also after the subcommand
    assert "government level, when detection is unsure" in out
    _, _, err = run_cli("audit", "nope.txt", "--lang=en")
    assert err == "auditor: nope.txt: no such file or folder\n"
    code, out, _ = run_cli("audit", "reports/huozhou-2023.txt", "--lang", "en", "--width", "80")
    assert code == 0 and "Legend: ★ key item" in out and "Key items" in out and "covered" in out
    assert "已覆盖" not in out  # labels too; report text and item titles stay as written


def test_findings_and_rule_problems_follow_the_language(tmp_path: Path) -> None:
    """check's finding messages and rules validate's problems are interface text too."""
    _, zh, _ = run_cli("check", "reports/huozhou-2023.txt")
    _, en, _ = run_cli("--lang", "en", "check", "reports/huozhou-2023.txt")
    assert "缺少法定报告内容：不足的原因（structure.shortcoming_reasons）" in zh
    assert "mandated report part missing: causes of shortcomings (structure.shortcoming_reasons)" in en
    assert "web-page leftovers (menus, copyright, ICP numbers)" in en and "网页残留" not in en
    (tmp_path / "01.yaml").write_text("area: x\nitems:\n  - id: a.b\n    title: t\n    source: s\n"
                                      "    weigth: 2\n    match: {any: [执法公示]}\n", encoding="utf-8")
    code, _, err = run_cli("--lang", "en", "rules", "validate", str(tmp_path / "01.yaml"))
    assert code == 2 and ":6: unknown field 'weigth' in item; allowed: id, title" in err
    code, _, err = run_cli("rules", "validate", str(tmp_path / "01.yaml"))
    assert code == 2 and ":6: 事项 中有未知字段 'weigth'；可用：id, title" in err


@pytest.mark.parametrize("command", [("audit",), ("check",), ("rules", "list"), ("rules", "show"),
                                     ("rules", "validate"), ("rules", "test"), ("rules", "docs"), ("docs",)])
def test_english_help_has_no_chinese_left(command: tuple[str, ...]) -> None:
    """Help is built once per parse: a string translated at import time would stay Chinese."""
    code, out, _ = run_cli("--lang", "en", *command, "--help")
    chinese = [line for line in out.splitlines() if any("\u4e00" <= ch <= "\u9fff" for ch in line)]
    assert code == 0 and chinese == []


def test_html_templates_are_extracted_and_translated(tmp_path: Path) -> None:
    ids = _ids(script.extract())
    assert {"报告原文", "各领域得分热力图"} <= ids  # strings that only the templates use
    out = tmp_path / "r.html"
    assert run_cli("--lang", "en", "audit", "reports/huozhou-2023.txt", "-f", "html", "-o", str(out))[0] == 0
    page = out.read_text(encoding="utf-8")
    assert "Report text" in page and "报告原文" not in page and "Coverage by area" in page


def test_check_catches_english_that_breaks_a_placeholder() -> None:
    from babel.messages.catalog import Catalog

    catalog = Catalog(locale="en")
    catalog.add("已导出 {n} 份报告", "exported {count} reports", flags=["python-brace-format"])
    catalog.add("共 {n} 份", "{n} in all")
    catalog.add(("{n} 个错误", "{n} 个错误"), ("one error", "{n} errors"))  # a plural may spell out 1
    catalog.add("无法读取：{error}", "cannot read: {error")
    problems = script.placeholder_problems(catalog)
    assert [p.removeprefix("placeholders differ: ") for p in problems] == [
        "'已导出 {n} 份报告' -> 'exported {count} reports'", "'无法读取：{error}' -> 'cannot read: {error'"]


def test_english_locale_gives_english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    _, out, _ = run_cli("check", "--help")
    assert out.startswith("usage: auditor check") and "fail below this overall score" in out
    _, _, err = run_cli("check", "reports/huozhou-2023.txt", "--min-score", "150")
    assert "argument --min-score: minimum score must be a number from 0 to 100" in err
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")  # LC_ALL outranks LANG
    assert run_cli("--help")[1].startswith("用法：")
    monkeypatch.setenv("LC_ALL", "C")  # a bare CI box is no English speaker
    assert run_cli("--help")[1].startswith("用法：")


def test_lang_zh_outranks_an_english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert run_cli("--lang", "zh", "--help")[1].startswith("用法：")
    assert run_cli("--lang", "中文", "--help")[1].startswith("用法：")
    assert run_cli("--lang", "zh_CN", "--help")[1].startswith("用法：")
    monkeypatch.delenv("LANG")
    assert run_cli("audit", "--help", "--lang", "en_US")[1].startswith("usage: auditor audit")


def test_main_restores_the_callers_language() -> None:
    run_cli("--lang", "en", "--help")
    assert i18n.language() == "zh" and "AUDITOR_LANG" not in os.environ
    assert status_label("covered") == "已覆盖"


def test_real_process_under_an_english_locale() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("AUDITOR_LANG", "LC_ALL", "LC_MESSAGES")}
    env["LANG"] = "en_US.UTF-8"
    run = subprocess.run([sys.executable, "-m", "auditor", "export", "reports/huozhou-2023.txt"],
                         capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)
    assert run.returncode == 2
    assert run.stderr == "auditor: nothing to write: give -o FILE.xlsx and/or --csv DIR\n"
    env["LANG"] = "zh_CN.UTF-8"
    run = subprocess.run([sys.executable, "-m", "auditor", "export", "reports/huozhou-2023.txt"],
                         capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)
    assert run.returncode == 2 and "没有要写的输出" in run.stderr


def test_labels_fall_back_to_the_id_for_a_new_status() -> None:
    """A status another module adds before the labels know it shows as its id, never crashes."""
    assert status_label("reviewed") == "reviewed"
    assert status_label("mentioned") == "仅提及"
    i18n.set_language("en")
    assert status_label("covered") == "covered" and status_label("not_applicable") == "n/a"


def test_export_closing_line_counts(tmp_path: Path) -> None:
    out = tmp_path / "a.xlsx"
    _, _, err = run_cli("export", "reports/huozhou-2023.txt", "-o", str(out))
    assert err.strip() == "auditor: 已导出 1 份报告"
    _, _, err = run_cli("export", "reports/huozhou-2023.txt", "reports/luoding-2021.txt", "-o", str(out),
                        "--lang", "en")
    assert err.strip() == "auditor: exported 2 reports"
    _, _, err = run_cli("export", "reports/huozhou-2023.txt", "-o", str(out), "--lang", "en")
    assert err.strip() == "auditor: exported 1 report"


def test_shipped_docs_are_readable() -> None:
    code, out, _ = run_cli("docs")
    assert code == 0 and {"check", "json", "export", "i18n"} <= set(out.split())
    code, out, _ = run_cli("docs", "check")
    assert code == 0 and out == (ROOT / "docs" / "check.md").read_text(encoding="utf-8")
    code, _, err = run_cli("docs", "nonsense")
    assert code == 2 and "没有名为 'nonsense' 的文档" in err


def test_package_data_lists_the_catalogs_and_docs() -> None:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"locale/*/LC_MESSAGES/*.mo"' in text and '"auditor.docs" = "docs"' in text


def test_worker_processes_speak_the_callers_language(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary\x00" * 50)
    code, _, err = run_cli("audit", str(bad), "reports/huozhou-2023.txt", "-j", "2", "-f", "json",
                           "--lang", "en")
    assert code == 2 and err == f"auditor: {bad}: binary file, not a text report\n"
    code, _, err = run_cli("audit", str(bad), "reports/huozhou-2023.txt", "-j", "2", "-f", "json")
    assert code == 2 and err == f"auditor: {bad}: 二进制文件，不是文本报告\n"


# --- the pack's words (item titles, areas) in the interface language -----------------------------

def test_every_shipped_pack_word_has_english() -> None:
    """Titles and areas of the shipped packs are extracted from rules/ like _() strings."""
    words = {w for w, _where in script.pack_words()}
    assert "执法全过程记录制度" in words and "五 行政执法" in words
    assert "行政执法案卷评查" in words  # the department pack's own items too
    catalog = script.read("auditor", "en")
    english = {m.id: m.string for m in catalog if m.id}
    assert all(english.get(w) for w in words), sorted(w for w in words if not english.get(w))[:5]


def test_item_titles_follow_the_language_in_human_formats_only() -> None:
    report = "reports/huozhou-2023.txt"
    _, zh, _ = run_cli("audit", report, "--width", "100")
    _, en, _ = run_cli("audit", report, "--width", "100", "--lang", "en")
    assert "执法全过程记录制度" in zh and "Recording the whole enforcement process" not in zh
    assert "Recording the whole enforcement process" in en and "5 Administrative law enforcement" in en
    assert "执法全过程记录制度" not in en
    # JSON is for scripts: the pack's own words whatever the locale (ids never change either)
    _, json_zh, _ = run_cli("audit", report, "-f", "json")
    _, json_en, _ = run_cli("audit", report, "-f", "json", "--lang", "en")
    assert json_en == json_zh and '"title": "执法全过程记录制度"' in json_en
    _, sarif, _ = run_cli("check", report, "-f", "sarif", "--lang", "en")
    assert '"text": "Recording the whole enforcement process"' in sarif
    _, text, _ = run_cli("check", report, "--lang", "en")
    assert 'required item "Recording the whole enforcement process" (enforce.full_record)' in text


def test_a_users_own_titles_show_as_written(tmp_path: Path) -> None:
    """A pack of the user's own has no English: its words show as the user wrote them."""
    folder = tmp_path / "local"
    folder.mkdir()
    (folder / "pack.yaml").write_text("id: local-pack\ntitle: 本地规则包\nversion: \"1\"\n"
                                      "extends: gangyao-2021-2025\n", encoding="utf-8")
    (folder / "10-local.yaml").write_text(
        "area: 十一 本地事项\nitems:\n  - id: local.case_review\n    title: 本地案卷评查\n"
        "    source: 本地方案\n    match:\n      any: [案卷评查]\n", encoding="utf-8")
    _, out, err = run_cli("audit", "reports/huozhou-2023.txt", "--pack", str(folder), "--lang", "en",
                          "--width", "120")
    assert err == "" and "本地案卷评查" in out and "11 本地事项" not in out
    assert "Recording the whole enforcement process" in out  # the extended pack's are English
    _, listing, _ = run_cli("rules", "list", "--pack", str(folder), "--lang", "en", "--width", "160")
    assert "本地案卷评查" in listing and "Open government affairs" in listing


def test_every_sheet_stays_chinese_in_english(tmp_path: Path) -> None:
    """Sheet and CSV names are what reviewers' scripts open: the same in both languages."""
    names = {}
    for lang in ("zh", "en"):
        out = tmp_path / lang
        code, _, _ = run_cli("export", "reports/huozhou-2023.txt", "reports/luoding-2021.txt",
                             "--csv", str(out), "--lang", lang)
        assert code == 0
        names[lang] = sorted(p.name for p in out.iterdir())
    assert names["en"] == names["zh"] and "雷同.csv" in names["en"] and "明细.csv" in names["en"]
    header = (tmp_path / "en" / "雷同.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("文件A,发布单位A")
