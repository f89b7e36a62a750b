"""auditor compare / comparing room, on pairs built from the real sample reports."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from auditor.cli import main
from auditor.comparing import Boilerplate, find_reuse, load_boilerplate, units
from auditor.comparing.units import MIN_KEY, reuse_key
from auditor.errors import AuditorError
from auditor.reading import read_path, read_text

REPORTS = Path(__file__).resolve().parents[2] / "shared" / "reports"
if not REPORTS.is_dir():
    REPORTS = Path("/work/shared/reports")
SAMPLES = sorted(REPORTS.glob("*.txt"))
HEAD = 3  # title / date lines kept from the base report


def _paragraphs(path: Path) -> list[str]:
    return [p.strip() for p in path.read_text(encoding="utf-8").splitlines() if p.strip()]


def _refigure(text: str, rng: random.Random) -> str:
    """Last year's paragraph with this year's figures and another place name."""
    text = re.sub(r"\d+", lambda m: str(int(m.group()) + rng.randint(1, 97)), text)
    return text.replace("霍州", "汾西")


def build_pair(old: Path, other: Path, seed: int = 7) -> tuple[str, str, set[int], float]:
    """(old text, new text, lines of NEW copied from OLD, true share of NEW's characters).

    NEW = OLD's head, then alternately one of OLD's paragraphs (figures and place name changed)
    and one of another report's paragraphs, until half of each is used."""
    rng = random.Random(seed)
    a, b = _paragraphs(old), _paragraphs(other)
    body_a, body_b = a[HEAD:], b[HEAD:]
    copied = body_a[::2]
    foreign = body_b[: len(copied)]
    lines = a[:HEAD]
    copied_lines: set[int] = set()
    for k in range(max(len(copied), len(foreign))):
        if k < len(copied):
            lines.append(_refigure(copied[k], rng))
            copied_lines.add(len(lines))
        if k < len(foreign):
            lines.append(foreign[k])
    copied_lines |= set(range(1, HEAD + 1))  # the head is OLD's too
    size = {n: len("".join(lines[n - 1].split())) for n in range(1, len(lines) + 1)}
    truth = sum(size[n] for n in copied_lines) / sum(size.values())
    return "\n".join(a) + "\n", "\n".join(lines) + "\n", copied_lines, truth


@pytest.fixture(scope="module")
def boiler() -> Boilerplate:
    return load_boilerplate(None)


@pytest.mark.parametrize("old_name,other_name", [("huozhou-2023.txt", "luoding-2021.txt"),
                                                 ("shanxi-province-2021.txt", "huozhou-2023.txt"),
                                                 ("luoding-2021.txt", "xingguo-2023-traditional.txt")])
def test_half_copied_report_share_and_every_paragraph(old_name: str, other_name: str,
                                                      boiler: Boilerplate) -> None:
    old_text, new_text, copied, truth = build_pair(REPORTS / old_name, REPORTS / other_name)
    old_doc, new_doc = read_text(old_text, "old.txt"), read_text(new_text, "new.txt")
    reuse = find_reuse(units(old_doc), units(new_doc), boiler)
    assert abs(reuse.share - truth) <= 0.1, (reuse.share, truth)
    covered = {s.line for s in new_doc.sentences
               if any(p.new_line <= s.line <= p.new_end for p in reuse.passages)}
    # every copied paragraph with at least one comparable sentence is found
    comparable = {s.line for s in new_doc.sentences if len(boiler.strip(reuse_key(s.norm))) >= MIN_KEY}
    missed = sorted((copied & comparable) - covered)
    assert not missed, missed
    # and (next to) nothing of the other report is attributed to OLD: a stray shared phrase of the
    # 纲要 such as 健全科学民主依法决策机制 may match, whole paragraphs may not
    stray = [u for u in units(new_doc) if u.line not in copied
             and any(p.new_line <= u.line <= p.new_end for p in reuse.passages)]
    assert sum(u.chars for u in stray) <= 0.02 * reuse.total, stray


def test_unrelated_samples_share_nothing(boiler: Boilerplate) -> None:
    docs = {p.name: units(read_path(str(p))) for p in SAMPLES}
    for a, ua in docs.items():
        for b, ub in docs.items():
            if a != b:
                assert find_reuse(ua, ub, boiler).share < 0.05, (a, b)


def test_figures_and_punctuation_do_not_hide_a_copy() -> None:
    assert reuse_key("2023年办理行政复议案件126件，同比增长15.2%。") == \
        reuse_key("2024年办理行政复议案件143件,同比增长9%.")


def test_compare_json_contract_and_planned_done(tmp_path: Path) -> None:
    old = tmp_path / "2022.txt"
    new = tmp_path / "2023.txt"
    text = (REPORTS / "huozhou-2023.txt").read_text(encoding="utf-8")
    old.write_text(text.replace("2023", "2022"), encoding="utf-8")
    new.write_text(text, encoding="utf-8")
    out = tmp_path / "c.json"
    assert main(["compare", str(old), str(new), "-f", "json", "-o", str(out)]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["schema"] == "compare-1.0"
    assert {"id", "old", "new", "change"} <= set(doc["items"][0])
    assert doc["reused"]["share"] > 0.9  # same text, other year: nearly all of it repeated
    p = doc["reused"]["passages"][0]
    assert {"old_line", "new_line", "chars", "text"} <= set(p)
    lines = new.read_text(encoding="utf-8").splitlines()
    assert p["text"][:10] in lines[p["new_line"] - 1]


def test_same_file_is_share_one_with_note(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(REPORTS / "luoding-2021.txt")
    assert main(["compare", path, path, "-f", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["reused"]["share"] == 1.0 and doc["same"]
    assert doc["notes"] and all(i["change"] == "unchanged" for i in doc["items"])


def test_different_issuers_compared_with_note(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", str(REPORTS / "huozhou-2023.txt"), str(REPORTS / "luoding-2021.txt"),
                 "--no-color"]) == 0
    out = capsys.readouterr().out
    assert "发布单位不同" in out and "霍州市" in out and "事项变化" in out


def test_unreadable_file_one_line_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "gone.txt"
    assert main(["compare", str(REPORTS / "huozhou-2023.txt"), str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(bad) in err and "Traceback" not in err


def test_promises_not_followed_up() -> None:
    from auditor.comparing import diff_results
    from auditor.packs import load_pack
    from auditor.pipeline import audit_document

    pack = load_pack(None)
    old = audit_document(read_path(str(REPORTS / "huozhou-2023.txt")), pack)
    new = audit_document(read_path(str(REPORTS / "luoding-2021.txt")), pack)
    d = diff_results(old, new)
    planned = {i.id for i in old.items if i.status == "planned"}
    for p in d.promises:
        assert p.new == "missing"
    silent = {i.id for i in new.items if i.status == "missing" and not i.evidence and not i.gap_admitted}
    assert planned & silent <= {p.id for p in d.promises}
    assert any(c.change == "planned_done" for c in d.items)


def test_boilerplate_file_errors_name_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "boilerplate.yaml").write_text(
        "phrases:\n  - 以习近平新时代中国特色社会主义思想为指导\n  - 12\n", encoding="utf-8")
    with pytest.raises(AuditorError) as exc:
        load_boilerplate(tmp_path)
    assert exc.value.line == 3 and exc.value.path.endswith("boilerplate.yaml")
    (tmp_path / "boilerplate.yaml").write_text("phrase:\n  - 法治政府\n", encoding="utf-8")
    with pytest.raises(AuditorError) as exc:
        load_boilerplate(tmp_path)
    assert exc.value.line == 1 and "unknown key" in exc.value.message
    (tmp_path / "empty").mkdir()
    assert load_boilerplate(tmp_path / "empty").phrases == ()  # the file is optional


def test_shipped_boilerplate_strips_the_formula(boiler: Boilerplate) -> None:
    key = reuse_key("坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想")
    assert len(boiler.strip(key)) < MIN_KEY


def test_rules_validate_checks_the_boilerplate_list(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    from auditor.packs import default_pack_path

    pack = tmp_path / "pack"
    shutil.copytree(default_pack_path(), pack)
    assert main(["rules", "validate", str(pack)]) == 0
    (pack / "boilerplate.yaml").write_text("phrases:\n  - 法治\n", encoding="utf-8")
    assert main(["rules", "validate", str(pack)]) == 2
    assert f"{pack / 'boilerplate.yaml'}:2:" in capsys.readouterr().err
