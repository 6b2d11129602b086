"""PRF006: a project's budget, execution and rate in the report text against its table."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from rapidfuzz import fuzz

from extract.numbers import normalize_label
from models import Document, Finding, Project, Severity

from ..base import Rule, figure_evidence, fmt
from ..recompute._sentences import pct_tolerance
from ._common import core_name, evidence, project_row, same_project_docs


def mentions(text: str, core: str) -> bool:
    return len(core) >= 4 and (core in text or fuzz.partial_ratio(core, text) >= 85)


class ProjectInText(Rule):
    """What the report says of a project = its self-evaluation table.

    What it checks:
        Sentences naming a project (by its name without the year and 项目/资金 suffix, allowing a
        character or two of difference): the 预算 amount against 全年预算数, 执行 / 实际使用 /
        支出 amounts against 全年执行数, and 使用率 / 执行率 / 完成预算的 rates against 执行数 /
        全年预算数.
    Why an auditor cares:
        The report is what is read; a rate or amount in it that the table does not support is a
        misstatement of the project's results.
    Fails:
        "离退休人员医药费项目……项目资金使用率仅41.96%" while 10.44 / 25 = 41.76%
    Passes:
        "项目全年预算数4000万元，执行数为3900.98万元" with the same figures in the table
    """

    doc_zh = """报告中关于某个项目的数据，与其自评表一致。

    检查内容：
        提到某个项目的句子（按去掉年度和“项目/资金”后缀的名称，允许一两个字的差别）：预算金额与全年预算数比较，
        执行 / 实际使用 / 支出金额与全年执行数比较，使用率 / 执行率 / 完成预算的比率与 执行数 ÷ 全年预算数 比较。
    为什么重要：
        人们读的是报告；报告中表格不支持的比率或金额，是对项目结果的错报。
    不通过：
        “离退休人员医药费项目……项目资金使用率仅41.96%”，而 10.44 ÷ 25 = 41.76%
    通过：
        “项目全年预算数4000万元，执行数为3900.98万元”，表中数字相同
    """

    code = "PRF006"
    title = "报告中的项目数据与自评表不符"
    category = "narrative_vs_table"
    severity = Severity.medium

    def check(self, doc: Document) -> Iterable[Finding]:
        projects = [p for p in same_project_docs(doc) if p.scope == "project" and p.budget]
        cores = {id(p): core_name(p.name) for p in projects}
        for f in doc.figures:
            sentence = normalize_label(f.sentence)
            if re.search(r"[(（][类款项][)）]", sentence):
                continue  # a statement about a classification item, not about the project
            named = [p for p in projects if mentions(sentence, cores[id(p)])]
            if len(named) != 1:
                continue
            p = named[0]
            yield from self._compare(doc, p, f)

    def _compare(self, doc: Document, p: Project, f) -> Iterable[Finding]:
        subject = normalize_label(f.subject)
        rate = p.execution_rate
        if f.kind == "percent" and rate is not None and re.search(r"使用率|执行率|完成预算|完成年初预算", subject):
            if abs(f.value - rate) > pct_tolerance(f.value, p.executed, p.budget):
                yield self.finding(
                    f"报告称{p.name}{f.subject}{f.text}，自评表为 {fmt(p.executed)} ÷ {fmt(p.budget)} = {fmt(rate.quantize(Decimal('0.01')))}%",
                    [figure_evidence(doc, f)] + evidence(project_row(doc, p, "money", "expected")),
                    key=f"rate|{p.name}|{f.value}",
                    values={
                        "stated": f.value,
                        "expected": rate.quantize(Decimal("0.0001")),
                        "difference": (f.value - rate).quantize(Decimal("0.0001")),
                    },
                )
            return
        if f.kind != "amount" or f.amount_wan is None:
            return
        if re.search(r"预算", subject) and not re.search(r"年初|追加", subject):
            against, what = p.budget, "全年预算数"
        elif re.search(r"执行数|实际使用|实际支出|使用资金|支出决算", subject):
            against, what = p.executed, "全年执行数"
        else:
            return
        if against is None or abs(f.amount_wan - against) <= Decimal("0.01"):
            return
        yield self.finding(
            f"报告称{p.name}{f.subject}{f.text}，自评表{what}为 {fmt(against)} 万元，相差 {fmt(abs(f.amount_wan - against))} 万元",
            [figure_evidence(doc, f)] + evidence(project_row(doc, p, "money", "expected")),
            key=f"amount|{p.name}|{what}|{f.amount_wan}",
            values={"stated": f.amount_wan, "expected": against, "difference": f.amount_wan - against},
        )
