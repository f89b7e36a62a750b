"""auditor similar and the export's 趋势 / 雷同 sheets, on the real samples and built copies."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import openpyxl
import pytest

from auditor.cli import main
from auditor.comparing.signature import Signature
from auditor.comparisons import similar_paths
from tests.test_compare import REPORTS, SAMPLES, build_pair


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five samples plus a draft made of half huozhou (figures changed) and half luoding."""
    folder = tmp_path_factory.mktemp("corpus")
    for p in SAMPLES:
        shutil.copy(p, folder / p.name)
    _old, new_text, _copied, _truth = build_pair(REPORTS / "huozhou-2023.txt", REPORTS / "luoding-2021.txt")
    (folder / "fenxi-draft.txt").write_text(new_text, encoding="utf-8")
    return folder


def test_five_unrelated_samples_no_pair(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["similar", *map(str, SAMPLES), "-f", "json", "-q", "-j", "1"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["schema"] == "similar-1.0" and doc["reports"] == 5
    assert doc["pairs"] == []


def test_copied_draft_pairs_with_both_sources(corpus: Path) -> None:
    doc = similar_paths([str(corpus)], jobs=1)
    pairs = {(Path(p["a"]["path"]).name, Path(p["b"]["path"]).name): p for p in doc["pairs"]}
    assert set(pairs) == {("fenxi-draft.txt", "huozhou-2023.txt"), ("fenxi-draft.txt", "luoding-2021.txt")}
    for p in pairs.values():
        assert 0.3 < p["a"]["share"] < 0.7  # the draft is half one report, half the other
        assert p["share"] == max(p["a"]["share"], p["b"]["share"])
        longest = p["longest"]
        a_lines = (corpus / "fenxi-draft.txt").read_text(encoding="utf-8").splitlines()
        b_lines = Path(p["b"]["path"]).read_text(encoding="utf-8").splitlines()
        # the longest passage is where the record says, in both files
        assert longest["text"][:6] in a_lines[longest["a_line"] - 1]
        head = longest["text"][:4]
        assert any(head[:2] in line for line in b_lines[longest["b_line"] - 1: longest["b_line"] + 2])


def test_boilerplate_shared_by_many_is_not_reuse(tmp_path: Path) -> None:
    """Twelve reports that all carry the same template paragraph next to text of their own:
    the template is learned as boilerplate (in 4+ reports), so no pair; with learning off
    (min 100 reports) the template alone pairs them up."""
    template = ("各级各部门要严格按照市委市政府统一部署认真开展法治政府建设示范创建活动，"
                "将创建情况纳入年度目标责任考核体系。对工作不力的单位予以通报批评，确保各项任务按时保质完成。"
                "全面梳理行政执法事项清单并向社会公布，主动接受群众监督。") * 2
    bodies = [[line for line in p.read_text(encoding="utf-8").splitlines()[3:] if len(line) > 20]
              for p in SAMPLES]
    for i in range(12):
        own = bodies[i % 5][(i // 5) * 6:(i // 5) * 6 + 6]  # disjoint slices: no text of their own shared
        lines = [f"某县{2010 + i}年法治政府建设情况报告", template, *own]
        (tmp_path / f"r{i:02d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    doc = similar_paths([str(tmp_path)], jobs=1)
    assert doc["boilerplate"]["learned_sentences"] >= 3
    assert doc["pairs"] == []
    unlearned = similar_paths([str(tmp_path)], jobs=1, min_df=100)
    assert len(unlearned["pairs"]) > 20


def test_signature_carries_no_text(corpus: Path) -> None:
    from auditor.comparing import load_boilerplate
    from auditor.comparing.signature import signature
    from auditor.packs import load_pack
    from auditor.pipeline import audit_document
    from auditor.reading import read_path

    doc = read_path(str(corpus / "fenxi-draft.txt"))
    sig = signature(doc, audit_document(doc, load_pack(None)), load_boilerplate(None))
    assert isinstance(sig, Signature)
    for name in ("lines", "chars", "exact", "bands"):
        assert isinstance(getattr(sig, name), np.ndarray) and getattr(sig, name).dtype.kind in "iu"
    assert len(sig.lines) == len(sig.exact) == sig.bands.shape[0] > 20


def test_signature_minhashes_are_datasketch_minhashes() -> None:
    """The vectorised MinHash of every sentence key equals datasketch's own MinHash.bulk, value
    for value (the bands, and so the 雷同 pairs, depend on it), short keys included."""
    from datasketch import MinHash

    from auditor.comparing.signature import NUM_PERM, SEED, _minhashes, _shingles
    from auditor.comparing.units import units
    from auditor.reading import read_path

    keys = [u.key for p in SAMPLES for u in units(read_path(str(p)))] + ["", "法治", "法治政", "法治政府"]
    assert len(keys) > 400
    want = np.stack([m.hashvalues for m in MinHash.bulk([_shingles(k) for k in keys], num_perm=NUM_PERM,
                                                        seed=SEED)]).astype(np.uint64)
    assert np.array_equal(_minhashes(keys), want)


def test_export_adds_trend_and_similar_sheets(corpus: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    shutil.copytree(corpus, folder)
    # huozhou again, as its 2022 report: same issuer, two years -> a trend row per year
    text = (REPORTS / "huozhou-2023.txt").read_text(encoding="utf-8").replace("2023", "2022")
    (folder / "huozhou-2022.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "x.xlsx"
    assert main(["export", str(folder), "-o", str(out), "-q", "-j", "1"]) == 0
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[-2:] == ["趋势", "雷同"]
    trend = [r for r in wb["趋势"].iter_rows(min_row=2, values_only=True)]
    assert [(r[0], r[1]) for r in trend if r[0] == "霍州市"][:2] == [("霍州市", 2022), ("霍州市", 2023)]
    similar = [r for r in wb["雷同"].iter_rows(min_row=2, values_only=True)]
    files = {frozenset((Path(r[0]).name, Path(r[3]).name)) for r in similar}
    assert frozenset(("huozhou-2022.txt", "huozhou-2023.txt")) in files
    assert frozenset(("fenxi-draft.txt", "luoding-2021.txt")) in files
    assert all(0 <= r[6] <= 1 and r[13] for r in similar)
    # the pair of years of one issuer: nearly all of it shared
    same = next(r for r in similar if {Path(r[0]).name, Path(r[3]).name} == {"huozhou-2022.txt",
                                                                              "huozhou-2023.txt"})
    assert same[6] > 0.9


def test_export_no_similar_keeps_the_six_sheets(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.xlsx"
    assert main(["export", str(corpus), "-o", str(out), "-q", "-j", "1", "--no-similar"]) == 0
    assert openpyxl.load_workbook(out).sheetnames == ["总览", "明细", "矩阵", "证据", "不足", "规则", "错误"]


def test_similar_unreadable_file_listed_others_compared(corpus: Path, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    code = main(["similar", str(corpus), str(bad), "-q", "-j", "1", "--no-color"])
    captured = capsys.readouterr()
    assert code == 2 and str(bad) in captured.err
    assert "fenxi-draft.txt" in captured.out


def test_json_objects_match_their_schemas(corpus: Path) -> None:
    import jsonschema

    from auditor.comparisons import compare_paths

    docs = Path(__file__).resolve().parents[1] / "docs" / "schema"
    similar = similar_paths([str(corpus)], jobs=1)
    assert similar["pairs"]
    jsonschema.Draft7Validator(json.loads((docs / "similar-1.0.json").read_text(encoding="utf-8"))
                               ).validate(similar)
    compared = compare_paths(str(REPORTS / "huozhou-2023.txt"), str(corpus / "fenxi-draft.txt"))
    assert compared["reused"]["passages"]
    jsonschema.Draft7Validator(json.loads((docs / "compare-1.0.json").read_text(encoding="utf-8"))
                               ).validate(compared)


def test_threshold_accepts_percent_and_filters(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["similar", str(corpus), "--threshold", "90%", "-f", "json", "-q", "-j", "1"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["threshold"] == 0.9 and doc["pairs"] == []
    assert main(["similar", str(corpus), "--threshold", "1.5"]) == 2
    assert "--threshold" in capsys.readouterr().err
