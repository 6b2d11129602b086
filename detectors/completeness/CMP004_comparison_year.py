"""CMP004: a comparison year, or an evaluation's own criteria year, that cannot be right for the
document's own year."""

from __future__ import annotations

import re
from collections.abc import Iterable

from extract.numbers import normalize_digits
from models import Document, Evidence, Finding, Severity

from ..base import Rule

_COMPARE = re.compile(r"(?:比|与|较|同)\s*(20\d{2})\s*年(?:度)?(?:相比|同期|决算|预算|减少|增加|下降|增长|持平|一致)")
# the evaluation's own criteria, by name: "《2022年县级项目支出绩效评价指标体系（医疗救助补助资金）》"
_TITLE = re.compile(r"《(?P<title>[^《》]{4,60})》")
_TITLE_YEAR = re.compile(r"(20\d{2})\s*年(?:度)?")
_CRITERIA = re.compile(r"(?:评价|评分|考核)\S*?(?:指标体系|标准|细则|方案|评分表)")
# a notice, a work plan or a rule book is issued in the year the evaluation is made, not the year
# evaluated: "《关于开展2021年度项目支出绩效自评工作的通知》" in 2022 is right
_NOT_CRITERIA = re.compile(r"通知|工作方案|实施方案|办法|意见|规定|制度|报告|函")
# the documents that evaluate the money of their own year
_EVALUATING = ("部门决算", "绩效评价报告", "绩效自评")


class ComparisonYear(Rule):
    """Year-on-year comparisons are with the year before the document's; an evaluation is scored
    on the criteria of the year it evaluates.

    What it checks:
        "与2020年相比", "比2019年减少" and the like in a document of year N must name year N − 1.
        In a document that evaluates the money of year N (决算, 绩效评价报告, 绩效自评), the
        evaluation's own criteria cited by name — a 《…》 title naming a 评价指标体系, 评分标准,
        评分细则, 评价标准 or 评价方案 with a year — must carry year N; notices, work plans and
        rule books (通知, 工作方案, 办法) are issued the year after and are not checked (low).
    Why an auditor cares:
        A wrong comparison year is usually a sentence copied from an earlier year's disclosure,
        with its figures. Criteria of another year mean the 2021 money was scored on another
        year's indicators, or the name was copied wrongly; either way the score's basis is unclear.
    Fails:
        a 2021 决算 saying "比2019年减少0.1万元"
        a 2021 决算 evaluating its 2021 money "按照《2022年县级项目支出绩效评价指标体系（医疗救助补助资金）》进行自评"
    Passes:
        a 2021 决算 saying "比2020年减少0.1万元"
        a 2021 决算 citing "《关于开展2021年度项目支出绩效自评工作的通知》" or "《2021年县级项目支出绩效评价指标体系》"
    """

    code = "CMP004"
    title = "对比年度有误"
    category = "other"
    severity = Severity.medium
    version = 2

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
                    [
                        Evidence(
                            p.text[max(0, m.start() - 30) : m.end() + 30],
                            p.page_at(m.start()),
                            p.span_bbox(m.start(), m.end()),
                            "stated",
                        )
                    ],
                    key=f"year|{year}",
                    values={"stated": year, "expected": doc.year - 1},
                )
        if doc.doc_type in _EVALUATING:
            yield from self._criteria(doc)

    def _criteria(self, doc: Document) -> Iterable[Finding]:
        seen: set[str] = set()
        for p in doc.paragraphs:
            text = normalize_digits(p.text)
            for m in _TITLE.finditer(text):
                title = m.group("title")
                y = _TITLE_YEAR.search(title)
                if not y or not _CRITERIA.search(title) or _NOT_CRITERIA.search(title):
                    continue
                year = int(y.group(1))
                if year == doc.year or title in seen:
                    continue
                seen.add(title)
                title = p.text[m.start("title") : m.end("title")]  # verbatim (normalize_digits keeps offsets)
                yield self.finding(
                    f"评价 {doc.year} 年资金，却以《{title}》（{year}年）为评价依据：评价指标体系的年度应为 {doc.year} 年，"
                    f"年度疑误",
                    [
                        Evidence(
                            p.text[max(0, m.start() - 30) : m.end() + 20],
                            p.page_at(m.start()),
                            p.span_bbox(m.start(), m.end()),
                            "stated",
                        )
                    ],
                    key=f"criteria|{title}",
                    values={"stated": year, "expected": doc.year},
                    severity=Severity.low,
                )
