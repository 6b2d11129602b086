"""PRF005: cost indicators (成本指标) against the project's budget and execution."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from extract.numbers import normalize_label, to_wan
from models import Document, Finding, Severity

from ..base import Rule, fmt
from ._common import evidence, indicator_row, measure, project_row, same_project_docs

_WHOLE_COST = re.compile(r"项目资金|资金成本|成本控制|专项资金|预算|总额|总成本|项目成本")


class CostIndicators(Rule):
    """A cost indicator states the project's own money.

    What it checks:
        Indicators under 成本指标 whose value is an amount: the target against the project's 全年
        预算数 and the actual value against its 全年执行数.
    Why an auditor cares:
        A cost target that is not the budget (≥4000万 for a 40万 project) measures nothing; an
        actual cost that is not the execution figure means one of the two is wrong.
    Fails:
        项目资金成本控制：实际完成值 10.49万，全年执行数 10.44
    Passes:
        项目专项资金成本：59.22万，全年预算数 59.22，执行数 59.22
    """

    doc_zh = """成本指标写的是项目自己的资金。

    检查内容：
        成本指标下以金额表示的指标：目标值与项目全年预算数比较，实际值与全年执行数比较。
    为什么重要：
        不是预算数的成本目标（40万元的项目写≥4000万）什么也衡量不了；不是执行数的实际成本，说明二者之一有误。
    不通过：
        项目资金成本控制：实际完成值 10.49万，全年执行数 10.44
    通过：
        项目专项资金成本：59.22万，全年预算数 59.22，执行数 59.22
    """

    code = "PRF005"
    title = "成本指标与项目预算或执行数不符"
    category = "cross_table"  # the project's money stated twice, under 成本指标 and in its funds row
    severity = Severity.medium

    def check(self, doc: Document) -> Iterable[Finding]:
        projects = same_project_docs(doc)
        budgets = {p.budget for p in projects if p.budget is not None}
        for p in projects:
            for ind in p.indicators:
                if "成本" not in ind.level2 + ind.name:
                    continue
                reported = False
                for side, text, against, what in (
                    ("target", ind.target, p.budget, "全年预算数"),
                    ("actual", ind.actual, p.executed, "全年执行数"),
                ):
                    cmp_, value, unit = measure(text)
                    if value is None or unit not in ("万元", "元", "亿元") or against is None:
                        continue
                    amount = to_wan(value, unit)
                    diff = amount - against
                    if abs(diff) <= Decimal("0.005"):
                        continue
                    ratio = amount / against if against else None
                    whole = (
                        bool(_WHOLE_COST.search(normalize_label(ind.name)))
                        or amount > against
                        or (ratio is not None and ratio >= 10)
                    )
                    if not whole or (amount != against and amount in budgets) or reported:
                        continue  # a component of the cost, another project's budget (a shifted row), or said
                    reported = ratio is not None and ratio >= 10
                    rounding = abs(diff) <= Decimal("0.01")
                    msg = f"{p.name}：成本指标“{ind.name}”{'目标值' if side == 'target' else '实际完成值'} {text}，项目{what} {fmt(against)} 万元"
                    if ratio and ratio >= 10:
                        msg += f"，相差 {fmt(ratio.quantize(Decimal('0.1')))} 倍，成本指标未反映项目实际成本"
                    else:
                        msg += f"，相差 {fmt(abs(diff))} 万元"
                    yield self.finding(
                        msg + ("（尾数差异）" if rounding else ""),
                        evidence(indicator_row(doc, p, ind.row), project_row(doc, p, "money", "expected")),
                        key=f"{p.name}|{ind.name}|{side}",
                        values={"stated": amount, "expected": against, "difference": diff},
                        severity=Severity.info if rounding else Severity.medium,
                        # a cost target ten times the budget is no restatement of it: a cost indicator that measures nothing
                        category="rounding" if rounding else "other" if reported else None,
                    )
