"""Reports as people hold them (issue 8): .docx, .pdf, saved web pages, made here from the sample
reports (python-docx, reportlab's built-in CID font STSong-Light, a GBK page with portal chrome),
must get the audit their plain text gets. Nothing is downloaded: every fixture is built in tmp_path.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from auditor.errors import AuditorError
from auditor.packs import load_pack
from auditor.pipeline import audit_document
from auditor.reading import read_path, read_text

REPORTS = Path(__file__).resolve().parents[1] / "reports"
SAMPLES = ["huozhou-2023.txt", "luoding-2021.txt", "shanxi-province-2021.txt",
           "xingguo-2023-traditional.txt", "docsite-province-2021-redacted.txt"]
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.fixture(scope="module")
def pack():
    return load_pack(None)


def _body(name: str) -> tuple[list[str], object]:
    """The report's own lines (web chrome of the text copy left out) and its Document."""
    path = REPORTS / name
    doc = read_path(str(path))
    lines = path.read_text(encoding="utf-8").splitlines()
    chrome = set(doc.chrome_lines)
    return [line.strip() for no, line in enumerate(lines, 1) if line.strip() and no not in chrome], doc


def _agreement(a, b) -> float:
    same = sum(x.status == y.status for x, y in zip(a.items, b.items, strict=True))
    return same / len(a.items)


def _verdicts(result) -> list[tuple[str, bool]]:
    return [(p.id, p.present) for p in result.structure]


# --- fixture makers ----------------------------------------------------------------------------

_LEVEL1 = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")


def make_docx(lines: list[str], target: Path, tracked: bool = False, styles_only: bool = False) -> Path:
    """Level-1 headings (一、…) as Word list numbering (chineseCounting) with the number taken out
    of the text, level-2 headings (（一）…) as "Heading 2" without their number, a table.
    ``styles_only``: the title and level-1 headings as "Heading 1" without numbers instead."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="90"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num xmlns:w="{W}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    import re

    level1 = re.compile(rf"^[{''.join(_LEVEL1)}]+、")
    level2 = re.compile(r"^[（(][一二三四五六七八九十]+[)）]")
    for n, line in enumerate(lines):
        if styles_only and (n == 0 or level1.match(line)):
            document.add_paragraph(level1.sub("", line, count=1), style="Heading 1")
        elif n and level1.match(line):
            p = document.add_paragraph(level1.sub("", line, count=1))
            p._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr>'))
        elif n and level2.match(line) and len(line) < 40:
            document.add_paragraph(level2.sub("", line, count=1), style="Heading 2")
        else:
            document.add_paragraph(line)
    table = document.add_table(rows=2, cols=2)
    for r, (a, b) in enumerate((("指标", "数量"), ("行政复议案件", "35件"))):
        table.cell(r, 0).text, table.cell(r, 1).text = a, b
    if tracked:
        p = document.add_paragraph()
        p._p.append(parse_xml(f'<w:ins xmlns:w="{W}" w:id="1" w:author="a"><w:r><w:t>修订后新增的句子。</w:t>'
                              '</w:r></w:ins>'))
        p._p.append(parse_xml(f'<w:del xmlns:w="{W}" w:id="2" w:author="a"><w:r><w:delText>已删除的文字。'
                              '</w:delText></w:r></w:del>'))
    document.save(target)
    return target


def make_pdf(lines: list[str], target: Path, width_chars: int = 34, header: str = "某某市人民政府文件",
             text: bool = True, password: str | None = None) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    encrypt = None
    if password:
        from reportlab.lib import pdfencrypt

        encrypt = pdfencrypt.StandardEncryption(password, canPrint=0)
    c = canvas.Canvas(str(target), pagesize=A4, encrypt=encrypt)
    w, h = A4
    page, y = 1, h - 80

    def furniture() -> None:
        c.setFont("STSong-Light", 9)
        c.drawString(72, h - 40, header)
        c.drawCentredString(w / 2, 30, f"- {page} -")
        c.setFont("STSong-Light", 12)

    furniture()
    for line in lines:
        for chunk in _wrap(line, width_chars * 2) or [""]:
            if y < 70:
                c.showPage()
                page, y = page + 1, h - 80
                furniture()
            if text:
                c.drawString(72, y, chunk)
            else:
                c.rect(72, y, 300, 10, fill=1)  # ink, but no text layer: a scan
            y -= 20
    c.save()
    return target


def _wrap(line: str, columns: int) -> list[str]:
    """Chinese wraps anywhere (no spaces, no hyphenation) once the line is full, as in a PDF."""
    out, cur, used = [], "", 0
    for ch in line:
        w = 2 if ord(ch) > 0x2E7F else 1
        if used + w > columns:
            out.append(cur)
            cur, used = "", 0
        cur, used = cur + ch, used + w
    return [*out, cur] if cur else out


CHROME_PAGE = """<!DOCTYPE html><html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{title}_某某市人民政府</title><script>var t = "发布时间：2019-01-01";</script></head><body>
<div class="top"><ul class="menu"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li>
<li><a href="/hd">政民互动</a></li><li><a href="/zj">走进本市</a></li></ul></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt;
<a href="/bg">法治政府建设年度报告</a></div>
<div class="article"><div class="title">{title}</div>
<div class="info">发布时间：2024-01-25 10:30 信息来源：市司法局
【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div>
<div class="content">{body}</div>
<div class="tools"><a href="javascript:print()">打印本页</a> <a href="javascript:close()">关闭窗口</a>
分享到：<a href="#">微信</a> <a href="#">微博</a></div></div>
<div class="related"><h4>相关链接</h4><ul><li><a href="/x1">某某市2022年法治政府建设年度报告</a></li>
<li><a href="/x2">关于开展行政执法监督工作的通知</a></li>
<li><a href="/x3">政务公开工作年度报告</a></li></ul></div>
<div class="footer">版权所有：某某市人民政府 晋ICP备12345678号 网站标识码1410820001
<a href="/l">联系我们</a></div>
</body></html>"""


def make_page(lines: list[str], title: str) -> str:
    body = "\n".join(f"<p>{line}</p>" for line in lines if line != title)
    return CHROME_PAGE.format(title=title, body=body)


# --- same audit whatever the format ------------------------------------------------------------

@pytest.mark.parametrize("name", SAMPLES)
def test_docx_and_pdf_audit_like_the_text(tmp_path, pack, name):
    lines, _doc = _body(name)
    plain = audit_document(read_text("\n".join(lines) + "\n", str(tmp_path / "r.txt")), pack)
    as_docx = audit_document(read_path(str(make_docx(lines, tmp_path / "r.docx"))), pack)
    as_pdf = audit_document(read_path(str(make_pdf(lines, tmp_path / "r.pdf"))), pack)
    for other in (as_docx, as_pdf):
        assert _agreement(plain, other) >= 0.95, other.path
        assert _verdicts(other) == _verdicts(plain), other.path
        assert (other.title, other.year, other.issuer) == (plain.title, plain.year, plain.issuer)


@pytest.mark.parametrize("name", SAMPLES[:3])
def test_docx_heading_styles_without_numbers(tmp_path, pack, name):
    lines, _doc = _body(name)
    plain = audit_document(read_text("\n".join(lines) + "\n", str(tmp_path / "r.txt")), pack)
    styled = audit_document(read_path(str(make_docx(lines, tmp_path / "r.docx", styles_only=True))), pack)
    assert _agreement(plain, styled) >= 0.95 and _verdicts(styled) == _verdicts(plain)
    assert styled.title == plain.title


def test_docx_locations_numbering_table_and_tracked_changes(tmp_path, pack):
    lines, _doc = _body("huozhou-2023.txt")
    doc = read_path(str(make_docx(lines, tmp_path / "r.docx", tracked=True)))
    text_lines = doc.text.splitlines()
    assert "一、2023年法治政府建设的主要举措和成效" in text_lines  # list number drawn by Word, restored
    assert "## 坚持政治引领,强化党对法治政府建设的全面领导" in text_lines  # "Heading 2" style
    assert "指标，数量。" in text_lines and "行政复议案件，35件。" in text_lines  # table rows as sentences
    assert "修订后新增的句子。" in doc.text and "已删除的文字" not in doc.text
    assert doc.meta["notices"] == ["文档含修订痕迹：按接受全部修订后的文本审核"]
    assert [s.heading for s in doc.sections[:2]] == ["一、2023年法治政府建设的主要举措和成效",
                                                     "坚持政治引领,强化党对法治政府建设的全面领导"]
    rec = _json_report(tmp_path / "r.docx")
    ev = next(e for i in rec["items"] for e in i["evidence"])
    assert ev["paragraph"] == doc.meta["locations"][ev["line"]]["paragraph"]
    assert "page" not in ev and rec["format"] == "docx"
    assert rec["notices"] == ["文档含修订痕迹：按接受全部修订后的文本审核"]
    # paragraph n is the n-th non-empty paragraph of the document
    paragraphs = [p for p in lines[1:] if p]
    assert paragraphs[ev["paragraph"] - 2].endswith(ev["text"][-8:]) or ev["text"][:8] in paragraphs[
        ev["paragraph"] - 2]


def test_pdf_furniture_removed_and_pages_located(tmp_path):
    lines, _doc = _body("luoding-2021.txt")
    target = make_pdf(lines * 2, tmp_path / "r.pdf")
    doc = read_path(str(target))
    assert "某某市人民政府文件" not in doc.text  # running header
    assert "- 3 -" not in doc.text  # page number
    pages = {loc["page"] for loc in doc.meta["locations"].values()}
    assert len(pages) >= 10
    # paragraphs wrapped across lines (and pages) are joined back without a space
    long = [line for line in lines if len(line) > 200]
    joined = {"".join(line.split()) for line in doc.text.splitlines()}  # extraction drops CJK gaps
    intact = sum("".join(line.split()) in joined for line in long)
    assert long and intact >= 0.9 * len(long)  # a paragraph ending flush with the margin may merge
    rec = _json_report(target)
    ev = next(e for i in rec["items"] for e in i["evidence"])
    assert ev["page"] >= 1 and ev["page_line"] >= 2  # line 1 of every page is the header
    assert rec["format"] == "pdf"


def test_gbk_web_page_with_portal_chrome_audits_like_the_text(tmp_path, pack):
    lines, text_doc = _body("huozhou-2023.txt")
    title = text_doc.title
    target = tmp_path / "page.html"
    target.write_bytes(make_page(lines, title).encode("gbk"))
    page_doc = read_path(str(target))
    plain = audit_document(text_doc, pack)
    page = audit_document(page_doc, pack)
    assert page.title == title  # the article heading, not <title> with the site name
    assert page.published == "2024-01-25"  # from the page's 发布时间, not the script
    assert _agreement(plain, page) == 1.0 and _verdicts(page) == _verdicts(plain)
    assert abs(page.score - plain.score) < 0.5
    for word in ("政务公开", "相关链接", "版权所有", "ICP", "打印本页", "字体", "政民互动"):
        assert word not in page_doc.text, word
    assert not any("<" in s.text for s in page_doc.sentences)
    # a page that declares UTF-8 but was saved as GBK (common on old portals) still reads
    lying = tmp_path / "lying.htm"
    lying.write_bytes(make_page(lines, title).replace("gb2312", "utf-8").encode("gbk"))
    assert read_path(str(lying)).text == page_doc.text


def test_mhtml_page(tmp_path, pack):
    import quopri

    lines, text_doc = _body("huozhou-2023.txt")
    html = make_page(lines, text_doc.title).replace("gb2312", "utf-8").encode("utf-8")
    mime = (b"From: <Saved by Blink>\r\nSubject: x\r\nMIME-Version: 1.0\r\n"
            b'Content-Type: multipart/related; type="text/html"; boundary="----B"\r\n\r\n'
            b"------B\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n"
            b"Content-Location: http://example.invalid/a.html\r\n\r\n"
            + quopri.encodestring(html) + b"\r\n------B--\r\n")
    target = tmp_path / "page.mhtml"
    target.write_bytes(mime)
    doc = read_path(str(target))
    assert doc.title == text_doc.title and doc.published == "2024-01-25"
    assert _agreement(audit_document(text_doc, pack), audit_document(doc, pack)) == 1.0


def test_mixed_encoding_text_is_decoded_line_by_line(tmp_path):
    head = "某某县2023年法治政府建设情况报告\n一、主要举措和成效\n".encode()
    gbk = "2023年，我县出台规范性文件12件，全部进行合法性审核。\n".encode("gbk")
    tail = "二、存在的不足\n行政执法人员素质有待提高。\n".encode()
    target = tmp_path / "mixed.txt"
    target.write_bytes(head + gbk + tail)
    doc = read_path(str(target))
    assert any(s.text == "2023年，我县出台规范性文件12件，全部进行合法性审核。" for s in doc.sentences)
    assert doc.meta["notices"] == ["编码混杂：UTF-8 文件中第 3 行是 GBK/GB18030 编码，已逐行解码"]


# --- bad input: one line naming the file, exit 2 ----------------------------------------------

def _bomb(target: Path) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
        with z.open("word/media/big.bin", "w") as fh:
            chunk = bytes(1 << 20)
            for _ in range(60):
                fh.write(chunk)
    return target


def _ole(name: str) -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + name.encode("utf-16-le") + bytes(600)


@pytest.mark.parametrize("name, make, words", [
    ("corrupt.docx", lambda p: p.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 8), "zip 结构不完整"),
    ("notword.docx", lambda p: zipfile.ZipFile(p, "w").writestr("x.txt", "报告"), "zip 压缩包"),
    ("broken.docx", lambda p: zipfile.ZipFile(p, "w").writestr("word/document.xml", "<not xml"),
     "损坏的 .docx"),
    ("bomb.docx", _bomb, "zip 炸弹"),
    ("draft.doc", lambda p: p.write_bytes(_ole("WordDocument")),
     "Word 97-2003 .doc 文件：请另存为 .docx，或运行 `libreoffice --headless --convert-to docx draft.doc`"),
    ("draft.wps", lambda p: p.write_bytes(_ole("WordDocument")), "WPS 文字 .wps"),
    ("report.docx", lambda p: p.write_bytes(_ole("WordDocument")), "Word 97-2003 .doc"),
    ("locked.docx", lambda p: p.write_bytes(_ole("EncryptedPackage")), "设有密码的 Office 文件"),
    ("fake.pdf", lambda p: p.write_text("某某县2023年法治政府建设情况报告\n我县出台制度。\n",
                                        encoding="utf-8"),
     "扩展名为 .pdf，内容却是纯文本：请改名为 fake.txt"),
    ("lying.txt", lambda p: make_pdf(["我县出台制度。"], p), "扩展名为 .txt，内容却是PDF 文件"),
    ("scan.pdf", lambda p: make_pdf(["我县出台制度。" * 10] * 40, p, text=False, header=""),
     "PDF 没有文字层（扫描件？）：请先做 OCR 文字识别"),
    ("secret.pdf", lambda p: make_pdf(["我县出台制度。"] * 5, p, password="pw"), "PDF 设有打开密码"),
    ("scan.png", lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100)), "请先做 OCR"),
])
def test_bad_input_is_one_clear_error(tmp_path, name, make, words):
    target = tmp_path / name
    make(target)
    before = target.read_bytes()
    with pytest.raises(AuditorError) as info:
        read_path(str(target))
    assert info.value.path == str(target)
    assert words in info.value.message
    assert target.read_bytes() == before


def test_huge_file_refused_before_reading(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.truncate(200 * 1024 * 1024)  # sparse: no 200 MB written, none read
    with pytest.raises(AuditorError) as info:
        read_path(str(big))
    assert "文件过大（200 MB，上限 20 MB）" in info.value.message


def test_cli_batch_keeps_going_one_line_per_bad_file(tmp_path):
    lines, _doc = _body("huozhou-2023.txt")
    good = make_docx(lines, tmp_path / "good.docx")
    make_pdf(["我县出台制度。" * 10] * 40, tmp_path / "scan.pdf", text=False, header="")
    (tmp_path / "fake.pdf").write_text("我县出台制度。\n", encoding="utf-8")
    (tmp_path / "table.XLS").write_bytes(_ole("Workbook"))
    run = subprocess.run([sys.executable, "-m", "auditor", "audit", str(tmp_path), "-f", "json", "-j", "1"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 2
    doc = json.loads(run.stdout)
    assert [r["path"] for r in doc["reports"]] == [str(good)]
    assert sorted(Path(e["path"]).name for e in doc["errors"]) == ["fake.pdf", "scan.pdf"]
    err = run.stderr.strip().splitlines()
    assert "Traceback" not in run.stderr
    assert any(line.startswith(f"auditor: {tmp_path / 'scan.pdf'}: PDF 没有文字层") for line in err)
    assert err[-1] == "auditor: 已审核 1 份，跳过 1 个：文件类型不支持（--verbose 列出）"


def test_scorecard_shows_paragraphs_and_pages(tmp_path):
    lines, _doc = _body("huozhou-2023.txt")
    made = [(make_docx(lines, tmp_path / "r.docx"), "¶"), (make_pdf(lines, tmp_path / "r.pdf"), "p.")]
    for path, mark in made:
        run = subprocess.run([sys.executable, "-m", "auditor", "audit", str(path), "--no-color",
                              "--width", "140"], capture_output=True, text=True, timeout=120)
        assert run.returncode == 0, run.stderr
        assert f" {mark}" in run.stdout and " L1" not in run.stdout


def _json_report(path: Path) -> dict:
    run = subprocess.run([sys.executable, "-m", "auditor", "audit", str(path), "-f", "json"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    doc = json.loads(run.stdout)
    import jsonschema

    schema = json.loads(Path("docs/schema/audit-2.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(doc, schema)
    return doc["reports"][0]


def _with_notes_and_box(src: Path, target: Path) -> Path:
    """Add a footnote, an endnote and a text box (with the VML fallback copy Word writes) to a
    python-docx file by editing its package, as Word would have saved them."""
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    wps = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
    rel_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(src) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    doc = parts["word/document.xml"].decode("utf-8")
    box = (f'<w:r><mc:AlternateContent xmlns:mc="{mc}"><mc:Choice Requires="wps"><w:drawing>'
           f'<wps:wsp xmlns:wps="{wps}"><wps:txbx><w:txbxContent><w:p><w:r><w:t>文本框中的句子：'
           '我县建成公共法律服务中心12个。</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp>'
           '</w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>文本框中的句子：'
           '我县建成公共法律服务中心12个。</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback>'
           '</mc:AlternateContent></w:r>')
    refs = ('<w:r><w:t>正文引用脚注的段落。</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r>'
            '<w:r><w:endnoteReference w:id="1"/></w:r>')
    sect = doc.rfind("<w:sectPr")
    doc = doc[:sect] + f"<w:p>{refs}{box}</w:p>" + doc[sect:]
    parts["word/document.xml"] = doc.encode("utf-8")
    notes = (("footnote", "脚注：数据来源于市司法局统计。"),
             ("endnote", "尾注：本报告经市政府常务会议审议。"))
    for kind, text in notes:
        parts[f"word/{kind}s.xml"] = (
            f'<w:{kind}s xmlns:w="{W}"><w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/>'
            f'</w:r></w:p></w:{kind}><w:{kind} w:id="1"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:{kind}>'
            f'</w:{kind}s>').encode()
        rels = parts["word/_rels/document.xml.rels"].decode("utf-8")
        parts["word/_rels/document.xml.rels"] = rels.replace("</Relationships>", (
            f'<Relationship Id="rIdX{kind}" Type="{rel_ns}/{kind}s" Target="{kind}s.xml"/></Relationships>'
        )).encode("utf-8")
        types = parts["[Content_Types].xml"].decode("utf-8")
        parts["[Content_Types].xml"] = types.replace("</Types>", (
            f'<Override PartName="/word/{kind}s.xml" ContentType="application/vnd.openxmlformats-'
            f'officedocument.wordprocessingml.{kind}s+xml"/></Types>')).encode("utf-8")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return target


def test_docx_text_boxes_and_notes_are_kept(tmp_path):
    lines, _doc = _body("huozhou-2023.txt")
    made = _with_notes_and_box(make_docx(lines, tmp_path / "plain.docx"), tmp_path / "notes.docx")
    doc = read_path(str(made))
    text = doc.text.splitlines()
    anchor = text.index("正文引用脚注的段落。")
    assert text[anchor + 1:anchor + 4] == ["文本框中的句子：我县建成公共法律服务中心12个。",
                                           "脚注：数据来源于市司法局统计。",
                                           "尾注：本报告经市政府常务会议审议。"]
    assert doc.text.count("我县建成公共法律服务中心12个") == 1  # the VML fallback copy is not read twice
    locs = doc.meta["locations"]
    assert {locs[anchor + k]["paragraph"] for k in range(1, 5)} == {locs[anchor + 1]["paragraph"]}


def test_check_locates_findings_and_says_notices_once(tmp_path):
    lines, _doc = _body("huozhou-2023.txt")
    made = make_docx([*lines, "本段含有XX县占位符，待补充。"], tmp_path / "draft.docx", tracked=True)
    run = subprocess.run([sys.executable, "-m", "auditor", "check", str(made)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 1, run.stderr
    placeholder = next(line for line in run.stdout.splitlines() if "draft.placeholder" in line)
    # the n-th paragraph of the document, not a line of text nobody can see
    assert placeholder.startswith(f"{made}:¶{len(lines) + 1}: error draft.placeholder")
    assert run.stderr.count("文档含修订痕迹") == 1


TABLE_PAGE = """<html><head><meta charset="gbk">
<title>某某县2023年法治政府建设工作报告-某某县人民政府网</title></head><body>
<table width="100%"><tr><td><a href="/">首页</a> | <a href="/a">政务公开</a> |
<a href="/b">办事服务</a></td></tr></table>
<table width="980"><tr><td class="nav">您现在的位置：<a href="/">首页</a> &gt;
<a href="/zwgk">政务公开</a> &gt; 法治政府建设年度报告</td></tr>
<tr><td align="center"><strong><font size="4">某某县2023年法治政府建设工作报告</font></strong></td></tr>
<tr><td align="center">成文日期：2024年1月2日 日期：2024年3月5日 来源：县司法局 【字体：大 中 小】</td></tr>
<tr><td><p>2023年，我县深入学习贯彻习近平法治思想，全面推进法治政府建设，现将有关情况报告如下。</p>
<p>一、主要举措和成效</p>
<p>（一）深化“放管服”改革。全面实行政务服务事项清单管理，办理审批事项1200件。</p>
<table border="1"><tr><td>行政复议案件</td><td>35件</td></tr>
<tr><td>行政应诉案件</td><td>12件</td></tr></table>
<p>二、存在的不足</p><p>行政执法人员素质有待提高，基层法治力量较为薄弱。</p>
<p>三、下一步工作安排</p><p>2024年，我县将继续深化法治政府建设。</p></td></tr>
<tr><td><a href="javascript:window.print()">打印本页</a>
<a href="javascript:window.close()">关闭窗口</a></td></tr>
</table>
<table><tr><td>版权所有：某某县人民政府 ICP备05001234号</td></tr></table></body></html>"""


def test_table_layout_page(tmp_path):
    """Old portals lay out with tables: paragraphs in a layout cell stay paragraphs, a data table
    reads row by row, the heading comes from <title> without the site name."""
    target = tmp_path / "old.htm"
    target.write_bytes(TABLE_PAGE.encode("gbk"))
    doc = read_path(str(target))
    assert doc.title == "某某县2023年法治政府建设工作报告"
    assert doc.published == "2024-03-05"  # 日期：, not 成文日期：
    lines = doc.text.splitlines()
    assert "行政复议案件，35件。" in lines
    assert [(s.heading, s.role) for s in doc.sections] == [
        ("一、主要举措和成效", "achievements"), ("（一）深化“放管服”改革", "achievements"),
        ("二、存在的不足", "shortcomings"), ("三、下一步工作安排", "next_year")]
    for word in ("政务公开", "版权所有", "打印本页", "字体", "办事服务"):
        assert word not in doc.text, word
    run = subprocess.run([sys.executable, "-m", "auditor", "check", str(target)],
                         capture_output=True, text=True, timeout=120)
    assert "draft.page_chrome" not in run.stdout and "<" not in run.stdout


def test_page_and_paragraph_limits(tmp_path, monkeypatch):
    import auditor.reading.formats.docx as docx_reader
    import auditor.reading.formats.pdf as pdf_reader

    lines, _doc = _body("huozhou-2023.txt")
    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 3)
    with pytest.raises(AuditorError, match="页数过多（"):
        read_path(str(make_pdf(lines, tmp_path / "r.pdf")))
    monkeypatch.setattr(docx_reader, "MAX_PARAGRAPHS", 10)
    with pytest.raises(AuditorError, match="段落过多（超过 10 段）"):
        read_path(str(make_docx(lines, tmp_path / "r.docx")))


def test_stdin_is_sniffed_and_limited(monkeypatch, tmp_path):
    import auditor.reading.formats as formats

    lines, _doc = _body("huozhou-2023.txt")
    data = make_docx(lines, tmp_path / "r.docx").read_bytes()

    class Stdin:
        buffer = io.BytesIO(data)

    monkeypatch.setattr(sys, "stdin", Stdin)
    assert read_path("-").meta["format"] == "docx"
    Stdin.buffer = io.BytesIO(data)
    monkeypatch.setattr(formats, "MAX_BYTES", len(data) - 1)
    with pytest.raises(AuditorError, match="文件过大"):
        read_path("-")


def test_pdf_text_layer_without_unicode_map_is_refused():
    """Fonts embedded without a Unicode map extract as private-use noise: not a report to audit."""
    from auditor.reading.formats.pdf import _source

    noise = "\n".join("\ue001\ue002\ue003\ue004 \ue005\ue006" * 6 for _ in range(30))
    with pytest.raises(AuditorError, match="文字层无法识别"):
        _source([noise, noise], "odd.pdf")
