"""The HTML view (docs/html.md): escaping, self-containedness, evidence marked in the text as
written, the batch index, atomic writes and the refusal cases. The browser test is
test_html_browser.py."""

from __future__ import annotations

import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from auditor.checking.run import with_findings
from auditor.labels import KIND_LABELS, STATUS_LABELS
from auditor.output import html as html_out
from auditor.output import html_site
from auditor.output.records import report_record
from auditor.packs import load_pack
from auditor.pipeline import audit_path, keep_lines
from tests.render import run_cli

PACK = load_pack(None)
HUOZHOU = "reports/huozhou-2023.txt"
XINGGUO = "reports/xingguo-2023-traditional.txt"


class Page(HTMLParser):
    """Collects what the tests look at: tags with attributes, marks with their text, scripts."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.marks: list[dict[str, Any]] = []
        self.scripts: list[str] = []
        self._in: list[str] = []
        self.body_text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "mark":
            self.marks.append({**a, "text": ""})
        if tag == "script":
            self.scripts.append("")
        self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._in:
            while self._in and self._in.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if "mark" in self._in:
            self.marks[-1]["text"] += data
        if self._in and self._in[-1] == "script":
            self.scripts[-1] += data
        self.body_text.append(data)


def _page(path: str, tmp_path: Path | None = None) -> str:
    result = audit_path(path, PACK, post=(with_findings, keep_lines))
    assert not hasattr(result, "message"), result
    return html_out.render_page(report_record(result))


def _squash(s: str) -> str:
    return "".join(s.split())


def _marks_by_hit(page: Page) -> dict[str, dict[str, Any]]:
    hits: dict[str, dict[str, Any]] = {}
    for m in page.marks:
        hit = hits.setdefault(m["data-hit"], {"text": "", "items": m["data-items"].split(),
                                                "kind": m["data-kind"], "id": None})
        hit["text"] += m["text"]
        if m.get("id"):
            hit["id"] = m["id"]
    return hits


# --- escaping and self-containedness ---------------------------------------------------------

HOSTILE = """XX县2023年法治政府建设情况报告
<script>window.__pwned = 1</script>
一、主要举措和成效
我县全面推行行政执法公示制度、执法全过程记录制度和重大执法决定法制审核制度，
<img src=x onerror="window.__pwned=2">全年公示执法信息1200条。
"引号" & 'apostrophe' </textarea></mark><b>粗体</b>
二、存在的不足
行政执法人员素质有待提高，部分执法人员对法律法规掌握不够。
三、下一年度工作安排
2024年，我县将继续深化行政执法体制改革。
"""


def test_report_markup_is_text_not_markup(tmp_path: Path) -> None:
    report = tmp_path / "hostile.txt"
    report.write_text(HOSTILE, encoding="utf-8")
    text = _page(str(report))
    page = Page(text)
    # Only the page's own two scripts (the data island and the behaviour); the report's is text.
    assert len(page.scripts) == 2
    assert "<script>window.__pwned" not in text
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in text
    assert not any(tag == "img" for tag, _ in page.tags)
    assert not any(tag == "b" for tag, _ in page.tags)
    assert "<script>window.__pwned = 1</script>" in "".join(page.body_text)  # shown as written
    # The JSON data island cannot be closed early by report text.
    assert "</script" not in page.scripts[0]


def test_page_is_self_contained_and_small() -> None:
    text = _page(HUOZHOU)
    page = Page(text)
    for tag, attrs in page.tags:
        for name in ("src", "href", "action", "data"):
            value = (attrs.get(name) or "").strip().lower()
            assert not re.match(r"^(https?:)?//", value), (tag, name, value)
        assert tag not in ("link", "iframe", "object", "embed")
        assert not (tag == "script" and attrs.get("src"))
    assert "@import" not in text and not re.search(r"url\(\s*['\"]?(https?:)?//", text)
    assert "@media print" in text  # printable
    size = len(text.encode("utf-8"))
    assert size < 300_000, size  # "well under 1 MB" for a typical report


# --- the text as written, evidence marked ------------------------------------------------------

def test_every_evidence_sentence_is_marked_in_the_text() -> None:
    result = audit_path(HUOZHOU, PACK, post=keep_lines)
    page = Page(html_out.render_page(report_record(result)))
    hits = _marks_by_hit(page)
    by_text = {(_squash(h["text"])): h for h in hits.values()}
    checked = 0
    for item in result.items:
        for ev in item.evidence:
            hit = by_text.get(_squash(ev.text))
            assert hit is not None, (item.id, ev.line, ev.text)
            assert item.id in hit["items"]
            checked += 1
    assert checked > 50
    for gap in result.gaps:
        hit = by_text[_squash(gap.text)]
        assert set(gap.items) <= set(hit["items"])
    # every hit can be scrolled to: its first piece carries the id the item list links to
    assert all(h["id"] for h in hits.values())
    kinds = {h["kind"] for h in hits.values()}
    assert {"achievement", "plan", "gap"} <= kinds


def test_item_links_point_at_their_first_evidence() -> None:
    result = audit_path(HUOZHOU, PACK, post=keep_lines)
    page = Page(html_out.render_page(report_record(result)))
    hits = _marks_by_hit(page)
    links = {a["data-item"]: a["href"] for tag, a in page.tags if tag == "a" and a.get("data-item")
             and "item-link" in (a.get("class") or "")}
    for item in result.items:
        if not item.evidence:
            assert item.id not in links
            continue
        target = hits[links[item.id].lstrip("#")]
        assert item.id in target["items"]


def test_wrapped_sentence_is_marked_across_lines(tmp_path: Path) -> None:
    report = tmp_path / "wrapped.txt"
    report.write_text(
        "XX市2023年法治政府建设情况报告\n一、主要举措和成效\n"
        "全面推行行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度，全市\n"
        "各执法部门公示执法信息12000条，法制审核重大执法决定300件。\n"
        "二、存在的不足\n个别执法人员能力不足。\n三、下一年度工作安排\n2024年继续推进依法行政。\n",
        encoding="utf-8")
    result = audit_path(str(report), PACK, post=keep_lines)
    item = next(i for i in result.items if i.id == "enforce.three_systems")
    ev = next(e for e in item.evidence if "法制审核" in e.text)
    page = Page(html_out.render_page(report_record(result)))
    pieces = [m for m in page.marks if "enforce.three_systems" in m["data-items"].split()]
    hit = pieces[0]["data-hit"]
    mine = [m for m in pieces if m["data-hit"] == hit]
    assert len(mine) == 2  # one piece on each line
    assert _squash("".join(m["text"] for m in mine)) == _squash(ev.text)


def test_traditional_text_stays_traditional() -> None:
    text = _page(XINGGUO)
    original = Path(XINGGUO).read_text(encoding="utf-8")
    sample = next(line.strip() for line in original.splitlines() if "縣" in line)
    assert Page(text).body_text and sample[:30] in "".join(Page(text).body_text)
    assert 'lang="zh-Hant"' in text


def test_header_chart_and_lists() -> None:
    result = audit_path(HUOZHOU, PACK, post=(with_findings, keep_lines))
    rec = report_record(result)
    text = html_out.render_page(rec)
    page = Page(text)
    assert rec["title"] in text and rec["issuer"] in text and "2024-01-25" in text
    assert f"{rec['score']:.1f}" in text
    assert text.count("✔") + text.count("✘") == len(rec["structure"]) == 5
    # one bar segment per (area, status) present, coloured by status class
    rects = [a for tag, a in page.tags if tag == "rect"]
    segments = {(i["area"], i["status"]) for i in rec["items"]}
    assert len(rects) == len(segments)
    assert {r["class"].removeprefix("st-") for r in rects} == {s for _, s in segments}
    # admitted gaps and draft findings link into the text
    jumps = [a["data-jump"] for tag, a in page.tags if tag == "a" and a.get("data-jump")]
    ids = {a["id"] for _, a in page.tags if a.get("id")}
    assert len(rec["gaps"]) and len(rec["findings"])
    assert all(j in ids for j in jumps)
    assert len(jumps) >= len(rec["gaps"])


def test_new_status_and_kind_slot_in(monkeypatch: pytest.MonkeyPatch) -> None:
    """A status/kind added to labels.py (issue 7's `mentioned`/`mention`) shows with its label,
    legend entry and colour class, with no change here."""
    monkeypatch.setitem(STATUS_LABELS, "mentioned", "仅提及")
    monkeypatch.setitem(KIND_LABELS, "mention", "提及")
    result = audit_path(HUOZHOU, PACK, post=keep_lines)
    rec = report_record(result)
    item = next(i for i in rec["items"] if i["status"] == "missing")
    item["status"] = "mentioned"
    item["evidence"] = [{**rec["items"][0]["evidence"][0], "kind": "mention"}]
    text = html_out.render_page(rec)
    assert ".st-mentioned {" in text and ".k-mention {" in text
    assert "仅提及" in text and "提及" in text
    assert 'class="badge st-mentioned"' in text


# --- pipeline: text only when asked -----------------------------------------------------------

def test_text_is_kept_only_for_the_html_view() -> None:
    plain = audit_path(HUOZHOU, PACK)
    assert "lines" not in plain.meta and "text" not in report_record(plain)
    kept = audit_path(HUOZHOU, PACK, post=keep_lines)
    lines = report_record(kept)["text"]["lines"]
    assert "\n".join(t for _, t in lines) == Path(HUOZHOU).read_text(encoding="utf-8").rstrip("\n")
    code, out, _ = run_cli("audit", HUOZHOU, "-f", "json")
    assert code == 0 and '"text":' not in out.replace('"text": "', "")


# --- CLI: one page, a folder, refusals ---------------------------------------------------------

def test_cli_single_page_to_file_and_stdout(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    code, stdout, err = run_cli("audit", HUOZHOU, "--format", "html", "-o", str(out))
    assert code == 0 and stdout == "" and err == ""
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    code, stdout, _ = run_cli("audit", HUOZHOU, "--format", "html")
    assert code == 0 and stdout == out.read_text(encoding="utf-8")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]



def test_page_language_follows_the_interface() -> None:
    """Screen readers and spell checkers read <html lang>: English interface, English page; the
    report text itself keeps its own language."""
    _, zh, _ = run_cli("audit", HUOZHOU, "--format", "html")
    _, en, _ = run_cli("audit", HUOZHOU, "--format", "html", "--lang", "en")
    assert '<html lang="zh-Hans">' in zh and '<html lang="en">' in en
    assert '<div class="lines" lang="zh-Hans">' in en

def _copy_reports(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    (src / "a").mkdir(parents=True)
    (src / "b").mkdir()
    shutil.copy(HUOZHOU, src / "a" / "report.txt")
    shutil.copy(XINGGUO, src / "b" / "report.txt")
    shutil.copy("reports/shanxi-province-2021.txt", src / "index.txt")
    (src / "broken.txt").write_bytes(b"\x00\x01\x02" * 50)
    return src


def test_folder_of_pages_and_index(tmp_path: Path) -> None:
    src = _copy_reports(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    before = {p: p.read_bytes() for p in src.rglob("*") if p.is_file()}
    code, _, err = run_cli("audit", str(src), "--format", "html", "-o", str(out), "-q")
    assert code == 2 and "broken.txt" in err and len(err.splitlines()) == 1  # one bad report only
    assert {p: p.read_bytes() for p in src.rglob("*") if p.is_file()} == before  # inputs untouched
    names = sorted(p.name for p in out.iterdir())
    assert names == ["index-2.html", "index.html", "keep.txt", "report-2.html", "report.html"]
    assert (out / "keep.txt").read_text(encoding="utf-8") == "mine"  # written into, not wiped
    index = (out / "index.html").read_text(encoding="utf-8")
    page = Page(index)
    links = {a["href"] for tag, a in page.tags if tag == "a" and a.get("href")}
    assert {"report.html", "report-2.html", "index-2.html"} <= links
    assert all((out / link).exists() for link in links)
    rows = index.count('<tr>') - 3  # header rows: list, heat map, errors
    assert rows == 2 * 3 + 1  # three reports in each table, plus the one error row
    assert index.count('class="cell"') == 3 * (1 + 10)  # reports x (overall + areas)
    assert "broken.txt" in index and "逾期" in index
    assert len([t for t, a in page.tags if t == "th" and "sort" in (a.get("class") or "")]) == 11
    # each page links back to the index
    assert 'href="index.html"' in (out / "report.html").read_text(encoding="utf-8")


def test_index_late_column_follows_the_check(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, _, _ = run_cli("audit", "reports/shanxi-province-2021.txt", HUOZHOU, "--format", "html",
                         "-o", str(out), "-q")
    assert code == 0
    rows = {r["path"]: r for r in (
        html_out.index_row(report_record(audit_path(p, PACK, post=with_findings)), "x")
        for p in ("reports/shanxi-province-2021.txt", HUOZHOU))}
    assert rows["reports/shanxi-province-2021.txt"]["late"] is True  # published 2022-08-16
    assert rows[HUOZHOU]["late"] is False  # published 2024-01-25


def test_page_names_are_unique_and_never_index() -> None:
    assert html_site.page_names(["a/x.txt", "b/x.txt", "index.md", "c/x.txt", "we ird<>.txt"]) == [
        "x.html", "x-2.html", "index-2.html", "x-3.html", "we_ird.html"]


@pytest.mark.parametrize("case", ["input_file", "input_folder", "inside_input", "html_for_many",
                                  "many_to_stdout", "file_as_folder", "missing_parent", "unwritable"])
def test_refusals_are_one_line_exit_2(case: str, tmp_path: Path) -> None:
    src = _copy_reports(tmp_path)
    report = src / "a" / "report.txt"
    original = report.read_bytes()
    args = {
        "input_file": [str(report), "-o", str(report)],
        "input_folder": [str(src), "-o", str(src)],
        "inside_input": [str(src), "-o", str(src / "pages")],
        "html_for_many": [str(src), "-o", str(tmp_path / "all.html")],
        "many_to_stdout": [str(src)],
        "file_as_folder": [str(src), "-o", str(report)],
        "missing_parent": [str(src), "-o", str(tmp_path / "no" / "such" / "out")],
        "unwritable": [str(src), "-o", "/proc/auditor-html-out/"],
    }[case]
    code, out, err = run_cli("audit", *args, "--format", "html", "-q")
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("auditor: "), err
    assert "Traceback" not in err
    assert report.read_bytes() == original
    assert not (src / "pages").exists()


def test_page_that_would_overwrite_an_input_report_is_refused(tmp_path: Path) -> None:
    """Two .html reports audited into their own folder: a.html's page would be a.html."""
    text = Path(HUOZHOU).read_text(encoding="utf-8")
    for name in ("a.html", "b.html"):
        (tmp_path / name).write_text(f"<html><body><pre>{text}</pre></body></html>", encoding="utf-8")
    before = (tmp_path / "a.html").read_bytes()
    code, _, err = run_cli("audit", str(tmp_path / "a.html"), str(tmp_path / "b.html"),
                           "--format", "html", "-o", str(tmp_path), "-q")
    assert code == 2 and "a.html: 输出会覆盖一份输入报告" in err and len(err.splitlines()) == 1
    assert (tmp_path / "a.html").read_bytes() == before
    assert not (tmp_path / "index.html").exists()


def test_unwritable_single_output_is_one_line(tmp_path: Path) -> None:
    for fmt in ("html", "json"):  # the atomic writer's one line, for every format
        code, _, err = run_cli("audit", HUOZHOU, "--format", fmt, "-o", "/proc/auditor-page.html")
        assert code == 2 and err.startswith("auditor: /proc/auditor-page.html: ")
        assert len(err.splitlines()) == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through permission bits")
def test_read_only_folder(tmp_path: Path) -> None:
    out = tmp_path / "ro"
    out.mkdir()
    out.chmod(0o555)
    try:
        code, _, err = run_cli("audit", HUOZHOU, XINGGUO, "--format", "html", "-o", str(out))
    finally:
        out.chmod(0o755)
    assert code == 2 and "不可写" in err


def test_writes_are_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A run that fails half-way leaves every earlier file whole and no temporary files: the old
    index stays as it was until a new one is complete."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("old index", encoding="utf-8")

    def broken_index(*_a: Any, **_k: Any) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(html_out, "render_index", broken_index)
    code, _, err = run_cli("audit", HUOZHOU, XINGGUO, "--format", "html", "-o", str(out), "-q", "-j", "1")
    assert code == 130 and "已中断" in err
    assert (out / "index.html").read_text(encoding="utf-8") == "old index"
    pages = sorted(p.name for p in out.iterdir())
    assert pages == ["huozhou-2023.html", "index.html", "xingguo-2023-traditional.html"]
    assert all(Page((out / p).read_text(encoding="utf-8")).scripts for p in pages if p != "index.html")
