"""SUM007: the 政府采购 paragraph's amounts for small and medium enterprises against its total."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from models import Document, Finding, Paragraph, Severity

from ..base import Rule, balance, fmt
from ..language._text import narrative_paragraphs, span_evidence

_NUM = r"(-?\d[\d,]*(?:\.\d+)?)\s*万元"
_IS = r"(?:为|是|共计|合计)?\s*"
PATTERNS = {
    # 政府采购支出总额 / 政府采购金额（以合同签订为准）
    "total": re.compile(rf"政府采购(?:支出)?(?:总额|金额|预算)(?:[（(]以合同签订为准[)）])?{_IS}{_NUM}"),
    # Hunan, Sichuan: 授予中小企业合同金额 D万元 …，其中：授予小微企业合同金额 F万元
    "sme": re.compile(rf"授予中小企业合同(?:金额)?{_IS}{_NUM}"),
    "micro": re.compile(rf"授予小微企业合同(?:金额)?{_IS}{_NUM}"),
    # Shanghai: contracts won by SMEs in the projects reserved for them, and in the other projects
    "reserved": re.compile(
        rf"在面向中小企业预留的?政府采购项目中[，,]\s*由中小企业供应商中标或成交的[，,]\s*采购金额{_IS}{_NUM}"
    ),
    "other": re.compile(rf"在其他政府采购项目中[，,]\s*由中小企业供应商中标或成交的[，,]\s*采购金额{_IS}{_NUM}"),
}
NAMES = {
    "total": "政府采购总额",
    "sme": "授予中小企业合同金额",
    "micro": "授予小微企业合同金额",
    "reserved": "预留项目中由中小企业中标或成交的采购金额",
    "other": "其他项目中由中小企业中标或成交的采购金额",
}


@dataclass
class Stated:
    value: Decimal
    paragraph: Paragraph
    start: int
    end: int


def procurement_amounts(doc: Document) -> list[dict[str, Stated]]:
    """The 政府采购 amounts of each section of the text that states a procurement total."""
    sections: dict[str, dict[str, Stated]] = {}
    for p in narrative_paragraphs(doc):
        if "采购" not in p.text:
            continue
        found = sections.setdefault(p.section, {})
        for name, pattern in PATTERNS.items():
            m = pattern.search(p.text)
            if m and name not in found:
                found[name] = Stated(Decimal(m.group(1).replace(",", "")), p, m.start(), m.end())
    return [s for s in sections.values() if "total" in s]


class ProcurementParts(Rule):
    """What small and medium enterprises won is part of what was procured.

    What it checks:
        In the 政府采购 explanation: the amount awarded to small and medium enterprises
        (授予中小企业合同金额; Shanghai: 在面向中小企业预留的项目中… and 在其他政府采购项目中…由中小企业
        供应商中标或成交的采购金额) cannot exceed the procurement total, the part of it awarded to
        small and micro enterprises cannot exceed it, and the contracts won in the reserved projects
        and in the other projects are different contracts, so together they cannot exceed the total
        either. (The total against 货物 + 工程 + 服务 is SUM004's.)
    Why an auditor cares:
        An amount counted both as a reserved project's and as another project's inflates what the
        department reports having given to small enterprises, a figure the policy is judged by.
    Fails:
        "政府采购金额（以合同签订为准）为21.07万元 … 在面向中小企业预留的政府采购项目中，由中小企业
        供应商中标或成交的，采购金额21.07万元 … 在其他政府采购项目中，由中小企业供应商中标或成交的，
        采购金额21.07万元" (21.07 + 21.07 = 42.14 > 21.07)
    Passes:
        the same with "在其他政府采购项目中，由中小企业供应商中标或成交的，采购金额0.00万元"
    """

    doc_zh = """授予中小企业的金额是采购总额的一部分。

    检查内容：
        在政府采购说明中：授予中小企业的金额（授予中小企业合同金额；上海模板：在面向中小企业预留的项目中……
        和在其他政府采购项目中……由中小企业供应商中标或成交的采购金额）不能超过采购总额，其中授予小微企业的
        部分不能超过它；预留项目中和其他项目中中标的是不同的合同，二者相加也不能超过总额。（总额与货物 + 工程
        + 服务的关系由 SUM004 检查。）
    为什么重要：
        一个金额既算作预留项目又算作其他项目，会夸大部门报告的向中小企业采购的金额，而政策正是以这个数字来
        评价的。
    不通过：
        “政府采购金额（以合同签订为准）为21.07万元……在面向中小企业预留的政府采购项目中，由中小企业供应商中标
        或成交的，采购金额21.07万元……在其他政府采购项目中，由中小企业供应商中标或成交的，采购金额21.07万元”
        （21.07 + 21.07 = 42.14 > 21.07）
    通过：
        同样的文字，其中“在其他政府采购项目中，由中小企业供应商中标或成交的，采购金额0.00万元”
    """

    code = "SUM007"
    title = "政府采购中小企业金额超过采购总额"
    category = "footing"
    severity = Severity.medium

    def check(self, doc: Document) -> Iterable[Finding]:
        for found in procurement_amounts(doc):
            checks = [(("sme",), "total"), (("micro",), "sme"), (("micro",), "total"), (("reserved", "other"), "total")]
            checks += [(("reserved",), "total"), (("other",), "total")]
            reported: set[str] = set()
            for parts, whole_name in checks:
                if whole_name not in found or not all(p in found for p in parts) or reported & set(parts):
                    continue
                whole = found[whole_name]
                stated = [found[p] for p in parts]
                b = balance(whole.value, [s.value for s in stated])
                if b.difference >= 0 or not b.broken:
                    continue  # within the whole (or within rounding of it)
                reported.update(parts)
                listed = " + ".join(f"{NAMES[p]} {fmt(found[p].value)}" for p in parts)
                msg = f"{listed}{' = ' + fmt(b.expected) if len(parts) > 1 else ''} 万元，超过{NAMES[whole_name]} {fmt(whole.value)} 万元"
                values = {"stated": stated[-1].value, "expected": whole.value - sum((s.value for s in stated[:-1]), Decimal(0))}
                if len(parts) > 1:
                    msg += f"；预留项目与其他项目的合同互不重叠，{NAMES[parts[-1]]}至多应为 {fmt(values['expected'])} 万元，疑为重复填列"
                values.update({"total": whole.value, "sum": b.expected, "difference": b.expected - whole.value})
                yield self.finding(
                    msg,
                    [span_evidence(s.paragraph, s.start, s.end) for s in stated]
                    + [span_evidence(whole.paragraph, whole.start, whole.end, "context")],
                    key=f"procurement|{'+'.join(parts)}|{whole_name}",
                    values=values,
                    materiality=min(1.0, float(-b.difference / b.expected)) if b.expected else 0.0,
                )
