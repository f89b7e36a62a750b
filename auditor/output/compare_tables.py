"""The export's two comparison sheets (issue 11), built like tables.Tables from records:

- 趋势: each issuer with reports for several years, year by year: score, its change, key items
  covered and the key items gained or lost since the previous year (by detected issuer and year);
- 雷同: each pair of reports sharing passages above the threshold (comparisons.SimilarityCollector),
  with both files, issuers, years, the shared share and the longest shared passage.

Only a few values per report are kept until the end (the trend needs every year first). Sheet
and column names are Chinese in both interface languages, like the other sheets (docs/i18n.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from auditor.output.cells import cell
from auditor.output.tables import INT, PERCENT, SCORE, TEXT, WRAP, Column, Table

TREND, SIMILAR = "trend", "similar"
DONE = ("covered", "partial")
_SUFFIX = re.compile(r"(?:人民政府|政府|办公室)$")


def issuer_key(issuer: str) -> str:
    """霍州市人民政府 and 霍州市 are one issuer."""
    return _SUFFIX.sub("", issuer.strip()) or issuer


@dataclass(frozen=True)
class TrendYear:
    path: str
    issuer: str
    year: int
    score: float
    key_done: frozenset[str]
    key_all: tuple[str, ...]


def year_of(rep: dict[str, Any]) -> TrendYear | None:
    """What the trend keeps of a report record: None without a detected issuer and year."""
    if not rep.get("issuer") or not rep.get("year"):
        return None
    key = [i for i in rep["items"] if i["key"] and i["status"] != "not_applicable"]
    return TrendYear(rep["path"], rep["issuer"], rep["year"], rep["score"],
                 frozenset(i["id"] for i in key if i["status"] in DONE), tuple(i["id"] for i in key))


def _row(values: list[Any]) -> list[Any]:
    return [cell(v) for v in values]


class CompareTables:
    def __init__(self, rules: list[dict[str, Any]]) -> None:
        self.titles = {r["id"]: r["title"] for r in rules}
        self._years: list[TrendYear] = []

    def specs(self) -> list[Table]:
        return [self._trend(()), self._similar(())]

    def _trend(self, rows: Any) -> Table:
        cols = [Column("发布单位", TEXT, 20), Column("年度", INT, 7), Column("文件", TEXT, 28),
                Column("总分", SCORE, 7), Column("较上年", SCORE, 8),
                Column("重点事项覆盖", TEXT, 11),
                Column("新增重点事项", WRAP, 30), Column("丢失重点事项", WRAP, 30)]
        return Table("趋势", TREND, cols, rows, freeze_cols=2)

    def _similar(self, rows: Any) -> Table:
        cols = [Column("文件A", TEXT, 28), Column("发布单位A", TEXT, 16), Column("年度A", INT, 7),
                Column("文件B", TEXT, 28), Column("发布单位B", TEXT, 16), Column("年度B", INT, 7),
                Column("重复率", PERCENT, 8), Column("A重复B", PERCENT, 8),
                Column("B重复A", PERCENT, 8), Column("重复字数", INT, 8), Column("重复段数", INT, 8),
                Column("A行", INT, 6), Column("B行", INT, 6), Column("最长重复段落", WRAP, 70)]
        return Table("雷同", SIMILAR, cols, rows, freeze_cols=1)

    def add_report(self, rep: dict[str, Any]) -> None:
        self.add_year(year_of(rep))

    def add_year(self, year: TrendYear | None) -> None:
        """A report's entry of the trend (year_of(), maybe made in an export worker)."""
        if year is not None:
            self._years.append(year)

    def _names(self, ids: set[str] | frozenset[str], order: tuple[str, ...]) -> str:
        return "、".join(self.titles.get(i, i) for i in order if i in ids)

    def trend_rows(self) -> Iterator[list[Any]]:
        groups: dict[str, list[TrendYear]] = {}
        for y in self._years:
            groups.setdefault(issuer_key(y.issuer), []).append(y)
        for name in sorted(groups):
            years = sorted(groups[name], key=lambda y: (y.year, y.path))
            if len({y.year for y in years}) < 2:
                continue  # one year: no trend to show
            prev: TrendYear | None = None
            for y in years:
                delta = round(y.score - prev.score, 1) if prev and prev.year != y.year else None
                gained = lost = ""
                if prev is not None and prev.year != y.year:
                    gained = self._names(y.key_done - prev.key_done, y.key_all)
                    lost = self._names(prev.key_done - y.key_done, prev.key_all)
                yield _row([y.issuer, y.year, y.path, y.score, delta,
                            f"{len(y.key_done)}/{len(y.key_all)}", gained, lost])
                prev = y

    @staticmethod
    def similar_rows(pairs: list[dict[str, Any]]) -> Iterator[list[Any]]:
        for p in pairs:
            longest = p.get("longest") or {}
            yield _row([p["a"]["path"], p["a"]["issuer"], p["a"]["year"], p["b"]["path"], p["b"]["issuer"],
                        p["b"]["year"], p["share"], p["a"]["share"], p["b"]["share"], p["chars"],
                        p["passages"], longest.get("a_line"), longest.get("b_line"), longest.get("text")])

    def final(self, pairs: list[dict[str, Any]]) -> list[Table]:
        return [self._trend(self.trend_rows()), self._similar(self.similar_rows(pairs))]
