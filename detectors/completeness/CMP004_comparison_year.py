"""CMP004: a comparison year that cannot be right for the document's own year."""

from __future__ import annotations

import re
from collections.abc import Iterable

from models import Document, Evidence, Finding, Severity

from ..base import Rule

_COMPARE = re.compile(r"(?:比|与|较|同)\s*(20\d{2})\s*年(?:度)?(?:相比|同期|决算|预算|减少|增加|下降|增长|持平|一致)")


class ComparisonYear(Rule):
    """Year-on-year comparisons are with the year before the document's.

    What it checks:
        "与2020年相比", "比2019年减少" and the like in a document of year N must name year N − 1.
    Why an auditor cares:
        A wrong comparison year is usually a sentence copied from an earlier year's disclosure,
        with its figures.
    Fails:
        a 2021 决算 saying "比2019年减少0.1万元"
    Passes:
        a 2021 决算 saying "比2020年减少0.1万元"
    """

    code = "CMP004"
    title = "对比年度有误"
    category = "other"
    severity = Severity.medium

    def check(self, doc: Document) -> Iterable[Finding]:
        if not doc.year:
            return
        seen: set[int] = set()
        for p in doc.paragraphs:
            for m in _COMPARE.finditer(p.text):
                year = int(m.group(1))
                if year in (doc.year - 1, doc.year) or year in seen:
                    continue
                seen.add(year)
                yield self.finding(
                    f"{doc.year}年度的文件与 {year} 年对比（应为 {doc.year - 1} 年）：“{m.group(0)}”",
                    [Evidence(p.text[max(0, m.start() - 30) : m.end() + 30], p.page, p.span_bbox(m.start(), m.end()), "stated")],
                    key=f"year|{year}",
                    values={"stated": year, "expected": doc.year - 1},
                )
