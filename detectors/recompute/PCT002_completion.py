"""PCT002: a stated completion rate (完成预算的X%) against 决算 / 预算 in the same sentence."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from models import Document, Finding, Severity

from ..base import Rule, figure_evidence, figure_key, fmt
from ._sentences import by_paragraph, pct_tolerance

_RATE = re.compile(r"完成.*预算")
_BUDGET = re.compile(r"预算")
_FINAL = re.compile(r"决算|执行数|实际|支出$|支出为$|使用")


def _is_budget(subject: str) -> bool:
    bare = re.sub(r"一般公共预算|政府性基金预算|国有资本经营预算", "", subject)
    return bool(_BUDGET.search(bare)) and "决算" not in bare


class CompletionRate(Rule):
    """完成预算的X% = 决算 / 预算.

    What it checks:
        "年初预算为A万元，支出决算为B万元，完成年初预算的C%": C against B / A, for every sentence
        (or paragraph) stating a budget, an outturn and a completion rate.
    Why an auditor cares:
        The completion rate is what readers compare between departments; a wrong one hides an
        over- or under-spend.
    Fails:
        "预算为2万元，支出决算为0.89万元，完成预算的45.5%" (44.5%)
    Passes:
        "预算为2万元，支出决算为0.89万元，完成预算的44.5%"
    """

    code = "PCT002"
    title = "完成率复算不符"
    category = "percent_recompute"
    severity = Severity.medium

    def check(self, doc: Document) -> Iterable[Finding]:
        for figs in by_paragraph(doc):
            for i, f in enumerate(figs):
                if f.kind != "percent" or not _RATE.search(f.subject):
                    continue
                before = [g for g in figs[:i] if g.kind == "amount" and g.amount_wan is not None]
                budget = next((g for g in reversed(before) if _is_budget(g.subject)), None)
                if budget is None:
                    continue
                final = next(
                    (
                        g
                        for g in reversed(before)
                        if g is not budget and not _is_budget(g.subject) and before.index(g) > before.index(budget)
                    ),
                    None,
                )
                if final is None or not budget.amount_wan:
                    continue
                computed = final.amount_wan / budget.amount_wan * 100
                tol = pct_tolerance(f.value, final.amount_wan, budget.amount_wan)
                diff = f.value - computed
                if abs(diff) <= tol:
                    continue
                yield self.finding(
                    f"“{f.sentence[:70]}”：{fmt(final.amount_wan)} ÷ {fmt(budget.amount_wan)} = {fmt(computed.quantize(Decimal('0.01')))}%，文中为 {f.text}",
                    [figure_evidence(doc, f)],
                    key=figure_key(f),
                    values={
                        "stated": f.value,
                        "expected": computed.quantize(Decimal("0.0001")),
                        "difference": diff.quantize(Decimal("0.0001")),
                    },
                    severity=Severity.medium if abs(diff) >= 1 else Severity.low,
                    materiality=min(1.0, float(abs(diff)) / 100),
                )
