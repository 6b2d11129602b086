"""XTB006: a project listed under a function code that does not fit what the project pays for."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from extract.numbers import normalize_label
from models import Document, Finding, Row, Severity, Table

from ..base import Rule, document_total, fmt, materiality, row_evidence, table_label, table_title_evidence

# What a project's name says it pays for, and the 款 (5-digit) codes such spending is classified
# under (功能分类科目): a project named for one of these and coded elsewhere is misclassified.
PURPOSES: list[tuple[re.Pattern[str], tuple[str, ...]]] = [
    (re.compile(r"医疗救助"), ("21013",)),
    (re.compile(r"参保缴费|(?:城乡)?居民(?:基本)?(?:医疗保险|医保)\S*(?:配套|补助|资助|代缴)"), ("21012", "21013")),
    (re.compile(r"疫苗|接种"), ("21004", "21012")),
    (re.compile(r"离休|建国初期|退休人员\S*(?:医疗|门诊)"), ("20805", "21011")),
]
SECTION_NAMES = {
    "20805": "行政事业单位养老支出",
    "21004": "公共卫生",
    "21011": "行政事业单位医疗",
    "21012": "财政对基本医疗保险基金的补助",
    "21013": "医疗救助",
}
# a project that pays for the work around a scheme (经办, 监管, 宣传 …) is the agency's own cost,
# whatever scheme its name mentions: it is not judged
_WORK = re.compile(r"工作经费|工作相关经费|经办|监管|宣传|信息化|培训|运行")
PROJECT_TABLES = ("gpb_project",)


def expected_sections(label: str) -> list[str]:
    """The 款 codes a project's name allows (empty: the name says nothing about its code)."""
    if _WORK.search(label):
        return []
    allowed: list[str] = []
    for pattern, codes in PURPOSES:
        if pattern.search(label):
            allowed += [c for c in codes if c not in allowed]
    return allowed


class ProjectFunctionCodes(Rule):
    """A project is classified under the function code of what it pays for.

    What it checks:
        The 项 code of every project row of the 项目支出表 against what the project's name says it
        pays for: medical aid (医疗救助) belongs under 21013, the fiscal share of residents' health
        insurance (城乡居民医疗保险 配套 / 参保缴费) under 21012 (or 21013 for 资助参保), vaccination
        under 21004, retirees' medical costs (离休, 建国初期 退休人员门诊补助) under 20805 / 21011.
        Projects whose names say none of these, or that pay for the work around a scheme (经办,
        监管, 宣传 …), are not judged.
    Why an auditor cares:
        The function code decides in which line of the accounts the money is reported; subsidies to
        people booked under an agency's running costs (2080109 社会保险经办机构) overstate what the
        agency costs to run and hide what the subsidies cost — and the 决算 will carry the error.
    Fails:
        208 01 09 | 城乡居民基本医疗保险参保缴费配套资金 | 510.00 and 208 01 09 | 尘肺病人医疗救助 | 59.00
        (all 1108万元 of projects under 2080109 社会保险经办机构)
    Passes:
        210 13 01 | 尘肺病人医疗救助 | 59.00; 208 01 09 | 医疗保险征缴及医疗保险基金安全监管工作相关经费 | 14.00
    """

    doc_zh = """项目应列在其所支付内容对应的功能分类科目下。

    检查内容：
        项目支出表中每个项目行的项级科目，与项目名称所说的支付内容比较：医疗救助应列 21013，城乡居民医疗
        保险财政配套 / 参保缴费应列 21012（资助参保可列 21013），疫苗接种应列 21004，离休及建国初期退休人员
        医疗费应列 20805 / 21011。名称不属上述各类，或是为某项制度开展的工作（经办、监管、宣传……）的项目，
        不作判断。
    为什么重要：
        功能分类科目决定资金在账目的哪一行反映；把对个人的补助列在机构运行经费（2080109 社会保险经办机构）
        下，会夸大机构运行成本、掩盖补助支出，决算也会沿袭这个错误。
    不通过：
        208 01 09 | 城乡居民基本医疗保险参保缴费配套资金 | 510.00 和 208 01 09 | 尘肺病人医疗救助 | 59.00
        （1108万元的项目全部列在 2080109 社会保险经办机构下）
    通过：
        210 13 01 | 尘肺病人医疗救助 | 59.00；208 01 09 | 医疗保险征缴及医疗保险基金安全监管工作相关经费 | 14.00
    """

    code = "XTB006"
    title = "项目功能分类科目与项目内容不符"
    category = "other"
    severity = Severity.medium

    def check(self, doc: Document) -> Iterable[Finding]:
        scale = document_total(doc)
        names = {r.code: r.label for t in doc.tables for r in t.rows if len(r.code) == 7 and t.kind not in PROJECT_TABLES}
        for table in doc.tables:
            if table.kind in PROJECT_TABLES:
                yield from self._table(table, names, scale)

    def _table(self, table: Table, code_names: dict[str, str], scale) -> Iterable[Finding]:
        projects = [r for r in table.rows if len(r.code) == 7 and table.value(r, "total")]
        wrong: list[tuple[Row, list[str]]] = []
        for r in projects:
            allowed = expected_sections(normalize_label(r.label))
            if allowed and r.code[:5] not in allowed:
                wrong.append((r, allowed))
        if not wrong:
            return
        amount = sum((table.value(r, "total") for r, _ in wrong), Decimal(0))
        total = sum((table.value(r, "total") for r in projects), Decimal(0))
        codes = {r.code for r in projects}
        listed = "；".join(f"{r.label} {fmt(table.value(r, 'total'))} 万元（应列 {'/'.join(a)}）" for r, a in wrong)
        sections = sorted({c for _, a in wrong for c in a})
        legend = "、".join(f"{c} {SECTION_NAMES[c]}" for c in sections)
        what = f"{len(wrong)} 个项目（共 {fmt(amount)} 万元）"
        if len(codes) == 1 and len(projects) > 1:
            (code,) = codes
            where = f"{code} {code_names.get(code, '')}".rstrip()
            message = f"{table_label(table)}的 {len(projects)} 个项目（合计 {fmt(total)} 万元）全部列在 {where}，其中 {what}按名称应另列科目"
        else:
            message = f"{table_label(table)}中 {what}的功能分类科目与项目内容不符"
        yield self.finding(
            f"{message}：{listed}（{legend}）",
            [table_title_evidence(table)] + [row_evidence(table, r, "stated") for r, _ in wrong],
            key=f"{table.kind}|{'|'.join(sorted(r.code + r.label for r, _ in wrong))[:80]}",
            values={"stated": amount, "total": total, "projects": Decimal(len(wrong))},
            materiality=materiality(amount, scale),
            confidence=0.8,
        )
