"""LNK003: a unit's disclosure that restates its department's figure or wording instead of its own."""

from __future__ import annotations

import re
from collections.abc import Iterable

from models import Document, Finding, Severity

from ..base import document_total, figure_evidence, materiality
from ..language._text import narrative_paragraphs, span_evidence
from ..linking import figure_keys, table_value
from ._common import LinkedRule, elsewhere, quantity
from .families import DEPT_UNIT, Link

# the department's own words in a unit's text ("部门经济分类" is the classification's name)
_DEPT_WORDS = re.compile(r"本部门(?!经济分类)|部门预算安排|部门决算(?!经济分类)|部门预算(?!经济分类|支出经济分类)")


class UnitCopiesDepartment(LinkedRule):
    """A unit states its own figures, in its own words.

    What it checks:
        In a family's 单位预算 / 单位决算, each amount of the text whose value is the department's
        figure for the same quantity while the unit's own table says otherwise (the unit copied the
        department's number into its text); and, where the unit is not the department's own body,
        the department's words kept in the unit's text ("本部门", "部门预算安排").
    Why an auditor cares:
        A unit's disclosure is read on its own; a figure copied from the department's disclosure
        misstates the unit's money by the other units' share, and 部门 wording shows the text was
        copied without being adapted.
    Fails:
        单位: "支出预算1,200.00万元" while its own 支出预算总表 合计 is 800.00万元 and the department's
        text and tables say 1,200.00万元
    Passes:
        单位: "支出预算800.00万元", its table 800.00万元
    """

    doc_zh = """单位文件用自己的数字、自己的表述。

    检查内容：
        文档族中的单位预算/单位决算：文字中某个金额等于部门文件中同一口径的数字，而本单位自己的表格却是另一
        个数（单位把部门的数字抄进了文字）；单位不是部门本级时，单位文字中保留了部门层级的表述（“本部门”
        “部门预算安排”）。
    为什么重要：
        单位文件是单独阅读的；从部门文件抄来的数字会把其他单位的资金算进本单位，部门层级的措辞说明文字
        照抄未改。
    不通过：
        单位：“支出预算1,200.00万元”，而本单位支出预算总表合计800.00万元，部门文件文字和表格均为1,200.00万元
    通过：
        单位：“支出预算800.00万元”，表中800.00万元
    """

    code = "LNK003"
    title = "单位文件照搬部门文件的数字或表述"
    category = "narrative_vs_table"
    severity = Severity.medium
    kinds = (DEPT_UNIT,)

    def check_link(self, link: Link, dept: Document, unit: Document) -> Iterable[Finding]:
        scale = document_total(unit)
        dept_keyed = figure_keys(dept)
        seen: set[str] = set()
        for k in figure_keys(unit):
            if k.key in seen or k.figure.amount is None:
                continue
            own = table_value(unit, k.key, k.when, k.figure)
            theirs = quantity(dept, k.key, k.when, dept_keyed)
            if own is None or theirs is None:
                continue
            said = k.figure.amount
            if own.amount.rounded_like(said) == said or theirs.amount.rounded_like(said) != said:
                continue  # the unit's text agrees with its own table, or not with the department's either
            seen.add(k.key)
            yield self.on(
                unit,
                self.finding(
                    f"单位文件称{k.figure.subject}{k.figure.text}，与本单位表中的 {own.amount} 不符，"
                    f"却与{dept.department or '部门'}文件的同一数字（{theirs.amount}）相同：疑为照搬部门数字",
                    [
                        figure_evidence(unit, k.figure, "stated"),
                        elsewhere(theirs.evidence, dept),
                    ],
                    key=k.key,
                    values={"stated": said.wan, "expected": own.amount.wan, "department": theirs.amount.wan},
                    materiality=materiality(said.wan - own.amount.wan, scale),
                ),
            )
        if link.a.org == link.b.org:
            return  # the department's own body: its unit text may speak of the department
        hits = [(p, m) for p in narrative_paragraphs(unit) for m in _DEPT_WORDS.finditer(p.text)]
        if hits:
            yield self.on(
                unit,
                self.finding(
                    f"单位文件中有{len(hits)}处部门层级的表述（如“{hits[0][1].group(0)}”），"
                    f"本文件是{unit.department}的单位{unit.doc_type.removeprefix('部门')}，不是{dept.department}的部门文件",
                    [span_evidence(p, m.start(), m.end()) for p, m in hits[:4]],
                    key="wording",
                    values={"count": len(hits)},
                    severity=Severity.low,
                    category="other",
                ),
            )
