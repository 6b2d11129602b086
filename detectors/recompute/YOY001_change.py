"""YOY001: a year-on-year change stated both ways (增加/减少 X万元, 增长/下降 Y%)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from extract.numbers import half_ulp
from models import Document, Severity

from ..base import NOT_APPLICABLE, PASSED, Case, Rule, figure_evidence, figure_key, figures_evidence, fmt
from ._sentences import by_paragraph, pct_tolerance

_RATE = re.compile(r"完成.*预算")
CHECK = "增减率 = 增减额 ÷ 上年数"
_PRIOR = re.compile(r"上年|去年|结转|同期")  # figures of the previous year are bases, not the current value


class YearOnYear(Rule):
    """Change amount and change rate from the same previous figure.

    What it checks:
        "2023年度总收入362.62万元。与上年相比，减少408.65万元，减少52.98%": the previous year is
        derived (362.62 + 408.65 = 771.27) and the rate must be 408.65 / 771.27 = 52.98%. A change
        against the budget followed by a completion rate ("比年初预算数增加434.03万元，完成年度预算的
        101.29%") must give the same budget both ways. A rate that is not the rounded ratio but lies
        within what the rounding of the amounts allows is a rounding note (info).
    Why an auditor cares:
        Either the change or its rate was computed from a different base (another year, another
        scope); the reader cannot tell which figure to trust.
    Fails:
        "增加120.00万元，增长8.5%" on a current 770.00 (previous 650.00: 18.46%)
        "减少0.08万元，下降1.33%" on a current 5.91 (0.08 / 5.99 = 1.3356%: rounding, info)
    Passes:
        "减少408.65万元，减少52.98%" on a current 362.62
    """

    doc_zh = """增减额与增减率出自同一个上年数。

    检查内容：
        “2023年度总收入362.62万元。与上年相比，减少408.65万元，减少52.98%”：推出上年数（362.62 + 408.65 =
        771.27），增减率必须是 408.65 ÷ 771.27 = 52.98%。与预算比较的变动额之后跟着完成率的（“比年初预算数
        增加434.03万元，完成年度预算的101.29%”），两种算法必须得出同一个预算数。比率不等于四舍五入后的比值、
        但在金额尾数误差允许范围内的，为尾数提示（提示）。
    为什么重要：
        变动额或变动率之一是按另一个基数（另一年度、另一口径）算的；读者无法判断该相信哪个数字。
    不通过：
        “增加120.00万元，增长8.5%”，本年为 770.00（上年 650.00：应为18.46%）
        “减少0.08万元，下降1.33%”，本年为 5.91（0.08 ÷ 5.99 = 1.3356%：尾数误差，提示）
    通过：
        “减少408.65万元，减少52.98%”，本年为 362.62
    """

    code = "YOY001"
    title = "同比增减额与增减率不符"
    category = "yoy_recompute"
    severity = Severity.medium
    version = 2

    def cases(self, doc: Document) -> Iterable[Case]:
        for figs in by_paragraph(doc):
            for i, f in enumerate(figs):
                if f.kind != "change" or f.unit == "%" or f.amount_wan is None:
                    continue
                where = figure_evidence(doc, f)
                amounts = [
                    g for g in figs[:i] if g.kind == "amount" and g.amount_wan is not None and not _PRIOR.search(g.subject)
                ]
                if "预算" in f.subject:
                    # "年初预算数20万元，比年初预算数减少1.26万元，降低6.3%": the base is stated
                    base = next((g for g in reversed(amounts) if "预算" in g.subject), None)
                    current = next((g for g in reversed(amounts) if g is not base), None)
                    if base is None or current is None:
                        current = amounts[-1] if amounts else None
                        base = None
                else:
                    base, current = None, (amounts[-1] if amounts else None)
                nxt = figs[i + 1] if i + 1 < len(figs) else None
                if current is None or nxt is None or nxt.sentence != f.sentence:
                    yield Case(CHECK, NOT_APPLICABLE, where)  # no current amount, or no rate beside the change
                    continue
                previous = base.amount_wan if base is not None else current.amount_wan - f.direction * f.amount_wan
                if nxt.kind == "change" and nxt.unit == "%" and previous:
                    computed = f.amount_wan / previous * 100
                    what = f"{fmt(f.amount_wan)} ÷ 上年 {fmt(previous)}（{fmt(current.amount_wan)} {'−' if f.direction > 0 else '+'} {fmt(f.amount_wan)}）"
                elif nxt.kind == "percent" and _RATE.search(nxt.subject) and previous:
                    computed = current.amount_wan / previous * 100
                    what = f"{fmt(current.amount_wan)} ÷ 预算 {fmt(previous)}（{fmt(current.amount_wan)} {'−' if f.direction > 0 else '+'} {fmt(f.amount_wan)}）"
                else:
                    yield Case(CHECK, NOT_APPLICABLE, where)
                    continue
                diff = nxt.value - computed
                rounding = abs(diff) <= pct_tolerance(nxt.value, f.amount_wan, previous)
                if rounding and abs(diff) <= half_ulp(nxt.value):
                    yield Case(CHECK, PASSED, where)  # the printed rate is the ratio, correctly rounded
                    continue
                msg = f"“{f.sentence[:70]}”：{what} = {fmt(computed.quantize(Decimal('0.01')))}%，文中为 {nxt.text}"
                ev = figures_evidence(doc, nxt, current)
                values = {
                    "stated": nxt.value,
                    "expected": computed.quantize(Decimal("0.0001")),
                    "difference": diff.quantize(Decimal("0.0001")),
                    "previous": previous,
                }
                if rounding:
                    # not the rounded ratio of the printed amounts, but inside what their own
                    # rounding allows
                    note = self.rounding_note(msg, ev, key=figure_key(f), values=values, title="增减率存在尾数差异")
                    yield self.outcome(CHECK, where, note)
                    continue
                finding = self.finding(
                    msg,
                    ev,
                    key=figure_key(f),
                    values=values,
                    severity=Severity.high
                    if abs(diff) >= 1
                    else Severity.medium
                    if abs(diff) >= Decimal("0.3")
                    else Severity.low,
                    materiality=min(1.0, float(abs(diff)) / 100),
                )
                yield self.outcome(CHECK, where, finding)
