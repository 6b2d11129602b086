"""LNK004: a department's totals against the sum of its units' disclosures."""

from __future__ import annotations

import re
from collections.abc import Iterable

from models import Document, Finding, Severity

from ..base import amount_balance, document_total, fmt
from ._common import LinkedRule, elsewhere, quantity
from .families import DEPT_UNIT, Family

# "部门预算是包括商务委本部以及下属1家预算单位的综合收支计划" (the 本部 and N units)
_CONSOLIDATES = re.compile(r"包括.{0,30}?(?:本部|本级)\s*(?:以\s*及|及|和)?\s*(?:下\s*属)?\s*(\d+)\s*家")
# "某某局预算单位3个，其中：行政单位1个，事业单位2个" (N units, the 本级 among them)
_COUNTED = re.compile(r"(?:部门)?(?:预算|决算)单位(?:共)?\s*(\d+)\s*个")
_NOT_SEPARATE = re.compile(r"不单列预算|不单独编制预算|并入本部")
TOTALS = (("expense_grand", "支出总计"), ("income_grand", "收入总计"), ("expense_total", "本年支出合计"))


class DepartmentSumOfUnits(LinkedRule):
    """A department's disclosure adds up its units' disclosures.

    What it checks:
        A department whose text says what it consolidates ("包括X本部以及下属N家预算单位"; "X预算单位
        N个", its 本级 counted), less the units it says are not budgeted separately ("不单列预算，
        并入本部"), when the family holds a disclosure of each of them: the department's 支出总计
        (收入总计, 本年支出合计) against the sum of the units', within the rounding of the printed
        figures.
    Why an auditor cares:
        The department's disclosure is its units' disclosures added up; when it is not, a unit's
        money is left out, counted twice, or published differently in the two places.
    Fails:
        部门 支出总计 1,500.00万元; its two units 800.00 + 600.00
    Passes:
        部门 支出总计 1,400.00万元; its two units 800.00 + 600.00
    """

    doc_zh = """部门文件是所属单位文件的汇总。

    检查内容：
        部门文件写明其汇总范围（“包括X本部以及下属N家预算单位”“X预算单位N个”（含本级），减去文中说明不单列预算的单位），且文档族中
        有每个单位的文件时：部门的支出总计（收入总计、本年支出合计）与各单位之和对照，允许印刷数字的尾数误差。
    为什么重要：
        部门文件就是所属单位文件的加总；不一致说明某个单位的资金被漏掉、重复计算，或在两处公布得不一样。
    不通过：
        部门支出总计1,500.00万元；两个单位分别为800.00和600.00
    通过：
        部门支出总计1,400.00万元；两个单位分别为800.00和600.00
    """

    code = "LNK004"
    title = "部门汇总数与所属单位之和不符"
    category = "cross_table"
    severity = Severity.medium
    version = 2
    kinds = (DEPT_UNIT,)

    def check_family(self, family: Family, docs: dict[str, Document]) -> Iterable[Finding]:
        by_dept: dict[str, list[str]] = {}
        for link in family.links:
            if link.kind == DEPT_UNIT:
                by_dept.setdefault(link.a.name, []).append(link.b.name)
        for dept_name, unit_names in by_dept.items():
            dept = docs.get(dept_name)
            units = [docs[n] for n in unit_names if n in docs]
            if dept is None or not units or _separately_budgeted(dept) != len(units):
                continue
            yield from self._totals(dept, units)

    def _totals(self, dept: Document, units: list[Document]) -> Iterable[Finding]:
        for key, name in TOTALS:
            whole = quantity(dept, key)
            parts = [quantity(u, key) for u in units]
            if whole is None or any(p is None for p in parts):
                continue
            bal = amount_balance(whole.amount, [p.amount for p in parts])
            if not bal.ok:
                listed = " + ".join(f"{u.department or u.name} {p.amount}" for u, p in zip(units, parts))
                yield self.on(
                    dept,
                    self.balance_finding(
                        bal,
                        f"部门{name} {whole.amount}，所属{len(units)}个单位合计 {fmt(bal.expected)} 万元（{listed}），"
                        f"相差 {fmt(abs(bal.difference))} 万元",
                        [whole.evidence] + [elsewhere(p.evidence, u) for u, p in zip(units, parts)],
                        key=f"sum|{key}",
                        values={"stated": whole.amount.wan, "expected": bal.expected, "difference": bal.difference},
                        scale=document_total(dept),
                        rounding_title="部门汇总数存在尾数差异",
                    ),
                )
            return  # one total is enough: the others restate it


def _separately_budgeted(dept: Document) -> int | None:
    """How many disclosures the department says it adds up: its own body and its units, less
    those it says are not budgeted separately."""
    text = " ".join(p.text for p in dept.paragraphs[:150])
    m = _CONSOLIDATES.search(text)
    counted = _COUNTED.search(text) if m is None else None
    if m is None and counted is None:
        return None
    exempt = sum(1 for sentence in re.split(r"[。；]", text) if _NOT_SEPARATE.search(sentence))
    return (1 + int(m.group(1)) if m is not None else int(counted.group(1))) - exempt
