"""The seven export tables (总览 明细 矩阵 证据 不足 规则 错误), built once from records.

明细 is the long view, one row per report x item, so AutoFilter answers "which reports miss
三项制度" at any scale (矩阵 has one column per report, hundreds of them in a regional review).

Both the xlsx and the CSV writer consume these tables, so a column cannot appear in one and not
the other, and every cell goes through cells.cell() (injection, control characters, length) in
exactly one place. The input is report records of the JSON contract (records.report_record()),
the pack's rules (rule_records()), and an optional ``findings`` list per report (the check
command); nothing here looks at matcher internals.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from auditor.labels import KIND_LABELS, LEVEL_NAMES, PART_SHORT, STATUS_LABELS
from auditor.output.cells import cell
from auditor.output.location import location_cell
from auditor.output.records import pack_label
from auditor.output.summary import published_late

# Display statuses of a matrix cell, in the order a reviewer reads them, with their fills
# (background, font) — the usual Excel good/neutral/bad palette so the meaning is familiar.
GAP_ADMITTED = "gap_admitted"
WAIVED = "waived"

def _cell_labels() -> dict[str, str]:
    """Matrix cell statuses in reading order: every item status of labels.py (a new one slots
    in where it is declared), 认不足 just before 缺失, 已豁免 last."""
    out: dict[str, str] = {}
    for status, label in STATUS_LABELS.items():
        if status == "missing":
            out[GAP_ADMITTED] = "认不足"
        out[status] = label
    out.setdefault(GAP_ADMITTED, "认不足")
    out[WAIVED] = "已豁免"
    return out


CELL_LABELS = _cell_labels()
STATUS_COLORS = {CELL_LABELS[status]: fill for status, fill in {  # label -> (background, font)
    "covered": ("#C6EFCE", "#006100"),
    "partial": ("#FFEB9C", "#9C5700"),
    "planned": ("#DDEBF7", "#1F4E78"),
    "mentioned": ("#FCE4D6", "#833C0B"),
    GAP_ADMITTED: ("#E4DFEC", "#5B2C6F"),
    "missing": ("#FFC7CE", "#9C0006"),
    "not_applicable": ("#EDEDED", "#7F7F7F"),
    WAIVED: ("#F2F2F2", "#7030A0"),
}.items()}

# Column kinds: how the writers format a column (the values are already safe).
TEXT, WRAP, INT, NUMBER, SCORE, PERCENT, STATUS, DATE = (
    "text", "wrap", "int", "number", "score", "percent", "status", "date")
SNIPPET = 80  # characters of evidence in 明细 (the full sentences are on 证据)


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = TEXT
    width: float = 12


@dataclass
class Table:
    name: str  # sheet name (Chinese, ≤ 31 chars)
    slug: str  # CSV file stem
    columns: list[Column]
    rows: Iterable[Sequence[Any]]  # already sanitised; may be a one-shot generator
    freeze_cols: int = 0  # leading columns kept in view (and repeated when a sheet is split)
    rotate_status_headers: bool = False
    notes: dict[str, Any] = field(default_factory=dict)


def display_status(item: dict[str, Any]) -> str:
    """One status per cell: an admitted gap outranks "planned"/"missing" (the report at least
    says the requirement is unmet), never an achievement; a waiver outranks everything."""
    if item.get("waived") is not None:
        return WAIVED
    if item.get("gap_admitted") and item["status"] in ("planned", "mentioned", "missing"):
        return GAP_ADMITTED
    return item["status"]


def rule_records(pack: Any) -> list[dict[str, Any]]:
    """The pack's rules as plain dicts (the 规则 sheet), so tables never import the pack model."""
    return [{"id": r.id, "title": r.title, "area": r.area, "source": r.source, "weight": r.weight,
             "key": r.key, "applies_to": sorted(r.applies_to)} for r in pack.rules]


def _area_score(items: list[dict[str, Any]]) -> float | None:
    """Same policy as scoring.overall(): weighted mean over applicable items, one decimal."""
    applicable = [i for i in items if i["status"] != "not_applicable"]
    total = sum(i["weight"] for i in applicable)
    if not total:
        return None
    return round(sum(i["weight"] * i["score"] for i in applicable) / total, 1)


def _report_names(paths: list[str]) -> list[str]:
    """Short column names for the matrix: the file name, or the path when names collide."""
    base = [os.path.basename(p) or p for p in paths]
    dup = {n for n, c in Counter(base).items() if c > 1}
    return [p if n in dup else n for p, n in zip(paths, base, strict=True)]


def _row(values: Iterable[Any]) -> list[Any]:
    return [cell(v) for v in values]


def _applies(levels: Iterable[str]) -> str:
    levels = list(levels)
    return "全部" if "all" in levels else "、".join(LEVEL_NAMES.get(v, v) for v in levels)


SUMMARY, DETAIL, MATRIX, EVIDENCE, GAPS, RULES, ERRORS = (
    "summary", "detail", "matrix", "evidence", "gaps", "rules", "errors")
STREAMED = (SUMMARY, DETAIL, EVIDENCE, GAPS)  # rows known report by report; the others at the end


def iso_date(value: str | None) -> date | str | None:
    """A real date, so Excel sorts and filters it as one (an unparsable value stays text)."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return value


def _snippet(text: str, at: int = 0, n: int = SNIPPET) -> str:
    flat = " ".join(text.split())
    if len(flat) <= n:
        return flat
    start = max(0, min(at - n // 3, len(flat) - n))
    return ("…" if start else "") + flat[start:start + n] + ("…" if start + n < len(flat) else "")


class Tables:
    """Turns report records, one at a time, into rows of the six tables.

    Summary, evidence and gap rows are handed out per report, so a writer can stream them to
    disk while other reports are still being audited; only a compact status vector per report is
    kept for the matrix. Memory therefore grows with reports x items (a few bytes each), not with
    the evidence text, which is what lets a 100,000-report export fit in memory.
    """

    def __init__(self, rules: list[dict[str, Any]], findings: bool = False, pack: str = "") -> None:
        self.rules = rules
        self.pack = pack  # the packs in force (records.pack_label), named on every summary row
        self.areas = list(dict.fromkeys(r["area"] for r in rules))
        self.titles = {r["id"]: r["title"] for r in rules}
        self.findings = findings
        self._paths: list[str] = []
        self._statuses: list[list[str | None]] = []  # per report, per rule (pack order)
        self._errors: list[dict[str, Any]] = []

    # --- columns ---------------------------------------------------------------------------

    def specs(self) -> list[Table]:
        """The seven tables in sheet order, without rows (the matrix has no report columns yet)."""
        return [self._table(SUMMARY), self._table(DETAIL),
                Table("矩阵", MATRIX, self._matrix_columns([]), ()), self._table(EVIDENCE),
                self._table(GAPS), self._table(RULES), self._table(ERRORS)]

    def _table(self, slug: str, rows: Iterable[Sequence[Any]] = ()) -> Table:
        if slug == SUMMARY:
            cols = [Column("文件", TEXT, 28), Column("标题", WRAP, 36), Column("发布单位", TEXT, 20),
                    Column("层级", TEXT, 9), Column("年度", INT, 7), Column("发布日期", DATE, 11),
                    Column("字数", INT, 8), Column("总分", SCORE, 7), Column("实绩度", SCORE, 8)]
            cols += [Column(str(cell(f"{a}得分")), SCORE, 10) for a in self.areas]
            # Counts and shares as numbers (not "6/7" text), so they sort and filter.
            cols += [Column("重点事项数", INT, 8), Column("重点事项已覆盖", INT, 9),
                     Column("重点事项覆盖率", PERCENT, 9)]
            cols += [Column(STATUS_LABELS[s], INT, 7) for s in STATUS_LABELS if s != "not_applicable"]
            cols += [Column("结构部分数", INT, 8), Column("缺少的结构部分", WRAP, 24),
                     Column("自认不足数", INT, 9), Column("逾期公开", TEXT, 8), Column("输入警告", WRAP, 30)]
            if self.pack:
                cols.append(Column("规则包", TEXT, 30))
            if self.findings:
                cols += [Column("豁免数", INT, 7), Column("问题数", INT, 7)]
            return Table("总览", slug, cols, rows, freeze_cols=1)
        if slug == DETAIL:
            cols = [Column("文件", TEXT, 24), Column("发布单位", TEXT, 16), Column("层级", TEXT, 9),
                    Column("年度", INT, 7), Column("事项编号", TEXT, 20), Column("事项", WRAP, 26),
                    Column("领域", TEXT, 14), Column("重点", TEXT, 5), Column("状态", STATUS, 8),
                    Column("得分", INT, 6), Column("认不足", TEXT, 7), Column("证据行", INT, 7),
                    Column("证据", WRAP, 60)]
            return Table("明细", slug, cols, rows, freeze_cols=1)
        if slug == EVIDENCE:
            cols = [Column("文件", TEXT, 24), Column("事项编号", TEXT, 20), Column("事项", TEXT, 24),
                    Column("状态", STATUS, 8), Column("类型", TEXT, 6), Column("行", INT, 6),
                    Column("章节", TEXT, 18), Column("原文", WRAP, 70), Column("匹配分", INT, 7),
                    Column("分面", TEXT, 10)]
            return Table("证据", slug, cols, rows, freeze_cols=2)
        if slug == GAPS:
            cols = [Column("文件", TEXT, 24), Column("行", INT, 6), Column("原文", WRAP, 70),
                    Column("涉及事项", WRAP, 24), Column("涉及事项名称", WRAP, 30)]
            return Table("不足", slug, cols, rows, freeze_cols=1)
        if slug == RULES:
            cols = [Column("事项编号", TEXT, 22), Column("事项", WRAP, 36), Column("领域", TEXT, 16),
                    Column("依据", WRAP, 40), Column("权重", NUMBER, 6), Column("重点", TEXT, 5),
                    Column("适用层级", TEXT, 16)]
            return Table("规则", slug, cols, rows, freeze_cols=1)
        cols = [Column("文件", TEXT, 40), Column("原因", WRAP, 80)]
        return Table("错误", ERRORS, cols, rows)

    def _matrix_columns(self, names: list[str]) -> list[Column]:
        cols = [Column("事项编号", TEXT, 22), Column("事项", WRAP, 30), Column("领域", TEXT, 16),
                Column("重点", TEXT, 5)]
        cols += [Column(label, INT, 7) for label in CELL_LABELS.values()]
        cols += [Column("缺失率", PERCENT, 8)]
        # Report columns are headed by file names the user chose (`=HYPERLINK(…).txt`): they go
        # through cell() like any value, or the CSV header would be a live formula.
        return cols + [Column(str(cell(name)), STATUS, 8) for name in names]

    # --- rows ------------------------------------------------------------------------------

    def add_report(self, rep: dict[str, Any]) -> list[tuple[str, list[list[Any]]]]:
        """Rows of the streamed tables for one report record; remembers its matrix column."""
        rows, statuses = self.report_rows(rep)
        self.keep(rep["path"], statuses)
        return rows

    def keep(self, path: str, statuses: list[str | None]) -> None:
        """Remember a report's matrix column (report_rows() made it, maybe in another process)."""
        self._paths.append(path)
        self._statuses.append(statuses)

    def report_rows(self, rep: dict[str, Any]) -> tuple[list[tuple[str, list[list[Any]]]], list[str | None]]:
        """(rows of the streamed tables, matrix column) of one report record. Reads only the
        record and the rules, so an export worker builds them next to the audit and the parent
        just writes them."""
        items = rep["items"]
        by_id = {i["id"]: i for i in items}
        labels = {i["id"]: CELL_LABELS.get(display_status(i), display_status(i)) for i in items}
        statuses = [labels.get(r["id"]) for r in self.rules]
        evidence = [_row([rep["path"], item["id"], item["title"], labels[item["id"]],
                          KIND_LABELS.get(ev["kind"], ev["kind"]), location_cell(ev), ev["section"],
                          ev["text"], ev["score"], ev.get("facet", "")])
                    for item in items for ev in item["evidence"]]
        gap_rows = [_row([rep["path"], location_cell(g), g["text"], "、".join(g["items"]),
                          "、".join(self.titles.get(i, by_id[i]["title"] if i in by_id else i)
                                   for i in g["items"])])
                    for g in rep["gaps"]]
        level = LEVEL_NAMES.get(rep["level"] or "", rep["level"])
        detail = []
        for item in items:
            ev = item["evidence"][0] if item["evidence"] else None
            score = None if item["status"] == "not_applicable" else item["score"]
            detail.append(_row([rep["path"], rep["issuer"], level, rep["year"], item["id"], item["title"],
                                item["area"], item["key"], labels[item["id"]], score, item["gap_admitted"],
                                location_cell(ev) if ev else None,  # ¶12 / p.3:12, as 证据 shows
                                _snippet(ev["text"], ev.get("offset", 0)) if ev else None]))
        return [(SUMMARY, [self._summary_row(rep)]), (DETAIL, detail), (EVIDENCE, evidence),
                (GAPS, gap_rows)], statuses

    def _summary_row(self, rep: dict[str, Any]) -> list[Any]:
        items = rep["items"]
        by_area: dict[str, list[dict[str, Any]]] = {}
        for item in items:
            by_area.setdefault(item["area"], []).append(item)
        key = [i for i in items if i["key"] and i["status"] != "not_applicable"]
        counts = Counter(i["status"] for i in items)
        parts = rep["structure"]
        absent = [PART_SHORT.get(p["id"], p["id"]) for p in parts if not p["present"]]
        values: list[Any] = [rep["path"], rep["title"] or "未识别", rep["issuer"],
                             LEVEL_NAMES.get(rep["level"] or "", rep["level"]), rep["year"],
                             iso_date(rep["published"]), rep["chars"], rep["score"], rep.get("substance")]
        values += [_area_score(by_area.get(a, [])) for a in self.areas]
        covered = sum(i["status"] == "covered" for i in key)
        values += [len(key), covered, round(covered / len(key), 4) if key else None]
        values += [counts[s] for s in STATUS_LABELS if s != "not_applicable"]
        late = published_late(rep)
        values += [len(parts) - len(absent), "、".join(absent), len(rep["gaps"]),
                   None if late is None else late,
                   "；".join(w["message"] for w in rep.get("warnings", [])) or None]
        if self.pack:
            values.append(self.pack)
        if self.findings:
            # Waived findings are counted apart, never as problems (docs/check.md, Waivers);
            # baselined ones are not in an export (no --baseline there).
            found = rep.get("findings")
            if found is None:
                values += [None, None]
            else:
                waived = sum(f.get("waived") is not None for f in found)
                values += [waived, len(found) - waived]
        return _row(values)

    def add_error(self, err: dict[str, Any]) -> None:
        self._errors.append(err)

    def final(self) -> list[Table]:
        """Matrix, rules and errors: the tables that need every report first."""
        labels = list(CELL_LABELS.values())
        not_counted = (CELL_LABELS["not_applicable"], CELL_LABELS[WAIVED])

        def matrix_rows() -> Iterator[list[Any]]:
            for n, rule in enumerate(self.rules):
                statuses = [s[n] for s in self._statuses]
                counts = Counter(statuses)
                applicable = sum(v for k, v in counts.items() if k not in (None, *not_counted))
                unmet = (counts[CELL_LABELS["missing"]] + counts[CELL_LABELS["mentioned"]]
                         + counts[CELL_LABELS[GAP_ADMITTED]])
                yield _row([rule["id"], rule["title"], rule["area"], rule["key"],
                            *(counts[label] for label in labels),
                            round(unmet / applicable, 4) if applicable else None, *statuses])

        matrix = Table("矩阵", MATRIX, self._matrix_columns(_report_names(self._paths)),
                       matrix_rows(), freeze_cols=2, rotate_status_headers=True,
                       notes={"fixed": 4 + len(labels) + 1})
        rules = (_row([r["id"], r["title"], r["area"], r.get("source", ""), r["weight"], r["key"],
                       _applies(r.get("applies_to", ["all"]))]) for r in self.rules)
        errors = (_row([e["path"], e["message"]]) for e in self._errors)
        return [matrix, self._table(RULES, rules), self._table(ERRORS, errors)]


def rules_from_reports(reports: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Without the pack, the item list the reports carry (no source citation, no levels)."""
    seen: dict[str, dict[str, Any]] = {}
    for rep in reports:
        for item in rep["items"]:
            seen.setdefault(item["id"], item)
    return list(seen.values())


def build_tables(doc: dict[str, Any]) -> list[Table]:
    """All seven tables of a whole records() document, in sheet order (the non-streaming path;
    ``doc["rules"]`` from rule_records() is optional)."""
    reports = doc["reports"]
    tables = Tables(doc.get("rules") or rules_from_reports(reports),
                    findings=any("findings" in r for r in reports),
                    pack=pack_label(doc["pack"]) if doc.get("pack", {}).get("id") else "")
    streamed: dict[str, list[list[Any]]] = {slug: [] for slug in STREAMED}
    for rep in reports:
        for slug, rows in tables.add_report(rep):
            streamed[slug].extend(rows)
    for err in doc["errors"]:
        tables.add_error(err)
    final = {t.slug: t for t in tables.final()}
    return [tables._table(SUMMARY, streamed[SUMMARY]), tables._table(DETAIL, streamed[DETAIL]), final[MATRIX],
            tables._table(EVIDENCE, streamed[EVIDENCE]), tables._table(GAPS, streamed[GAPS]),
            final[RULES], final[ERRORS]]
