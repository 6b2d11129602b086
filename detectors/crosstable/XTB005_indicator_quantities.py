"""XTB005: the same quantity indicator with different values in different performance tables."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from rapidfuzz import fuzz

from extract.numbers import normalize_label
from models import Document, Finding, Severity

from ..base import Rule, fmt, row_evidence
from ..performance._common import measure

COUNT_UNITS = {"人", "万人", "人次", "万人次", "家", "户", "个", "辆", "名"}
_IN_NAME = re.compile(r"(\d+(?:\.\d+)?)\s*(万人次|万人|人次|人|家|户|名|辆)")
_GENERIC = re.compile(r"全县|全区|全市|按实|\(按实\)|（按实）|城乡居民|医疗保险|医保")
# one subject, several wordings: "全县医保参保人数" = "参加城乡居民医保人员" = "城乡居民医疗保险缴费人数"
_SCHEME = r"(?:城乡居民|城镇职工)?(?:基本)?(?:医保|医疗保险)"
SYNONYMS = [
    (re.compile(r"[(（][^)）]*[)）]|\d{4}年度?"), ""),
    (re.compile(rf"参加{_SCHEME}|{_SCHEME}(?:参保)?缴费|{_SCHEME}参保"), "参保"),
    (re.compile(r"(?:总)?(?:人员|人数)$"), "人数"),
]


def subject(name: str) -> str:
    """The thing a count indicator counts, in one wording: the synonyms of the scheme's head count
    made one, the place, the year and "(按实)" taken off."""
    for pattern, repl in SYNONYMS:
        name = pattern.sub(repl, name)
    return _GENERIC.sub("", name)


def quantities(doc: Document):
    """(project, indicator, normalised name, value, unit) for every count-valued indicator; a
    count written inside the indicator's name ("共计40人，每人…") counts too."""
    for p in doc.projects:
        for ind in p.indicators:
            name = normalize_label(ind.name)
            _, value, unit = measure(ind.target)
            if value is not None and unit in COUNT_UNITS:
                yield p, ind, name, value, unit
                continue
            m = _IN_NAME.search(name)
            if m:
                yield p, ind, name[: m.start()], Decimal(m.group(1)), m.group(2)


class IndicatorQuantities(Rule):
    """A quantity stated in two performance tables has one value.

    What it checks:
        Count indicators (人, 万人, 家 …) of the project tables and of the department-wide table
        that name the same thing and state different numbers in the same unit. Names are the same
        thing when they are alike once the place and scheme words are set aside, or when they
        count the same subject in other words ("全县医保参保人数（按实）", "参加城乡居民医保人员",
        "城乡居民医疗保险缴费人数" all count the insured).
    Why an auditor cares:
        The budget was computed from one of the numbers (40人 × 4000元 = 16万元); the other one is
        what the evaluation will be judged against.
    Fails:
        项目表 "建国初期参加革命工作退休人员共计40人"；整体表 "建国初期参加革命工作退休人员 =27人";
        项目表 "全县医保参保人数（按实）≥10万人"；整体表 "城乡居民医疗保险缴费人数 ≥11万人"
    Passes:
        both tables "=40人"; "贫困人口参保人数 7.3393万人" beside "城乡医疗救助总人数 7.2万人"
    """

    doc_zh = """同一数量在两张绩效表中只能有一个数值。

    检查内容：
        项目绩效表与部门整体绩效表中，指向同一事物、单位相同而数值不同的数量指标（人、万人、家……）。
        去掉地名和制度用语后名称相近，或用不同说法统计同一对象（“全县医保参保人数（按实）”“参加城乡居民
        医保人员”“城乡居民医疗保险缴费人数”都是参保人数），即视为同一事物。
    为什么重要：
        预算是按其中一个数字算出来的（40人 × 4000元 = 16万元），评价却要以另一个数字来衡量。
    不通过：
        项目表“建国初期参加革命工作退休人员共计40人”，整体表“建国初期参加革命工作退休人员 =27人”；
        项目表“全县医保参保人数（按实）≥10万人”，整体表“城乡居民医疗保险缴费人数 ≥11万人”
    通过：
        两张表都是“=40人”；“贫困人口参保人数 7.3393万人”与“城乡医疗救助总人数 7.2万人”并列（不是同一事物）
    """

    code = "XTB005"
    title = "绩效指标数量前后不一致"
    category = "cross_table"
    severity = Severity.medium

    def check(self, doc: Document) -> Iterable[Finding]:
        items = list(quantities(doc))
        seen: set[tuple] = set()
        for i, (pa, ia, na, va, ua) in enumerate(items):
            for pb, ib, nb, vb, ub in items[i + 1 :]:
                if pa.table == pb.table or ua != ub or va == vb:
                    continue
                a, b = _GENERIC.sub("", na), _GENERIC.sub("", nb)
                alike = min(len(a), len(b)) >= 4 and fuzz.partial_ratio(a, b) >= 90
                if not alike and not (subject(na) == subject(nb) and len(subject(na)) >= 4):
                    continue
                key = (*sorted((pa.table, pb.table)), *sorted((str(va), str(vb))), ua)
                if key in seen:
                    continue
                seen.add(key)
                ta, tb = doc.table(pa.table), doc.table(pb.table)
                yield self.finding(
                    f"“{ia.name.strip()}”在{pa.name}中为 {fmt(va)}{ua}，“{ib.name.strip()}”在{pb.name}中为 {fmt(vb)}{ub}，同一数量前后不一致",
                    [row_evidence(ta, ta.rows[ia.row], "expected"), row_evidence(tb, tb.rows[ib.row], "stated")],
                    key="|".join(key) + "|" + a[:12],
                    values={"stated": vb, "expected": va, "difference": vb - va},
                )
