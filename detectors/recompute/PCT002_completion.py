"""PCT002: a stated completion rate (完成预算的X%) against 决算 / 预算 in the same sentence."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from extract.numbers import half_ulp
from models import Document, Finding, Severity

from ..base import Rule, figure_evidence, figure_key, fmt, table_label
from ..linking import THREE_PUBLIC, figure_keys, table_value
from ._sentences import by_paragraph, is_budget, pct_tolerance

_RATE = re.compile(r"完成.*预算")
_LIST_NO = re.compile(r"^(?:\d{1,2}[.、．](?!\d)|[（(]\d{1,2}[)）])")
_FINAL = re.compile(r"决算|执行数|实际|支出$|支出为$|使用")


class CompletionRate(Rule):
    """完成预算的X% = 决算 / 预算.

    What it checks:
        "年初预算为A万元，支出决算为B万元，完成年初预算的C%": C against B / A, for every sentence
        (or paragraph) stating a budget, an outturn and a completion rate; a rate off only by what
        the rounding of the amounts allows is a rounding note (info). A completion rate stated
        against a budget of 0 — in the sentence, in the 三公 table, or implied by the 三公 total's
        and the other items' own rates — cannot be computed at all (info).
    Why an auditor cares:
        The completion rate is what readers compare between departments; a wrong one hides an
        over- or under-spend.
    Fails:
        "预算为2万元，支出决算为0.89万元，完成预算的45.5%" (44.5%)
        "因公出国（境）经费支出0万元，完成预算0%" when the 三公 budget 8 = 公务用车 6 + 公务接待 2
    Passes:
        "预算为2万元，支出决算为0.89万元，完成预算的44.5%"
    """

    code = "PCT002"
    title = "完成率复算不符"
    category = "percent_recompute"
    severity = Severity.medium
    version = 2

    def check(self, doc: Document) -> Iterable[Finding]:
        implied = _implied_three_public_budgets(doc)
        for figs in by_paragraph(doc):
            for i, f in enumerate(figs):
                if f.kind != "percent" or not _RATE.search(f.subject):
                    continue
                before = [g for g in figs[:i] if g.kind == "amount" and g.amount_wan is not None]
                budget = next((g for g in reversed(before) if is_budget(g.subject)), None)
                if budget is None:
                    # "因公出国（境）经费支出0万元，完成预算0%": the budget is not in the sentence
                    yield from self._zero_budget(doc, f, [g for g in before if g.sentence == f.sentence], implied)
                    continue
                if budget.amount_wan == 0:
                    yield self._undefined(doc, f, budget.text, f"文中{budget.subject}{budget.text}")
                    continue
                final = next(
                    (
                        g
                        for g in reversed(before)
                        if g is not budget and not is_budget(g.subject) and before.index(g) > before.index(budget)
                    ),
                    None,
                )
                if final is None or not budget.amount_wan:
                    continue
                computed = final.amount_wan / budget.amount_wan * 100
                tol = pct_tolerance(f.value, final.amount_wan, budget.amount_wan)
                diff = f.value - computed
                if abs(diff) <= half_ulp(f.value):
                    continue  # the printed rate is the ratio, correctly rounded
                msg = f"“{f.sentence[:70]}”：{fmt(final.amount_wan)} ÷ {fmt(budget.amount_wan)} = {fmt(computed.quantize(Decimal('0.01')))}%，文中为 {f.text}"
                values = {
                    "stated": f.value,
                    "expected": computed.quantize(Decimal("0.0001")),
                    "difference": diff.quantize(Decimal("0.0001")),
                }
                if abs(diff) <= tol:
                    # not the rounded ratio, but inside what the rounding of the amounts allows
                    yield self.rounding_note(
                        msg, [figure_evidence(doc, f)], key=figure_key(f), values=values, title="完成率存在尾数差异"
                    )
                    continue
                yield self.finding(
                    msg,
                    [figure_evidence(doc, f)],
                    key=figure_key(f),
                    values=values,
                    severity=Severity.medium if abs(diff) >= 1 else Severity.low,
                    materiality=min(1.0, float(abs(diff)) / 100),
                )

    def _zero_budget(self, doc: Document, f, before: list, implied: dict) -> Iterable[Finding]:
        """A completion rate of 0% for nothing spent, against a budget of 0 found elsewhere: the
        三公 table, or the budgets the 三公 total's and the other items' own rates imply."""
        if f.value != 0 or not before or before[-1].amount_wan != 0:
            return
        outturn = before[-1]
        keyed = next((k for k in figure_keys(doc) if k.figure is outturn and k.key in THREE_PUBLIC), None)
        if keyed is None:
            return
        cell = table_value(doc, keyed.key, "budget")
        if cell is not None:
            if cell.value == 0:
                yield self._undefined(doc, f, "0万元", f"{table_label(cell.table)}预算数为 0")
            return
        others = {"abroad": ("vehicle_subtotal", "reception"), "reception": ("abroad", "vehicle_subtotal")}.get(keyed.key)
        if not others or "three_public" not in implied or any(o not in implied for o in others):
            return
        lo = implied["three_public"][0] - sum((implied[o][1] for o in others), Decimal(0))
        hi = implied["three_public"][1] - sum((implied[o][0] for o in others), Decimal(0))
        if not (lo <= 0 <= hi) or hi - lo > Decimal("0.1"):
            return
        how = "、".join(
            f"{_LIST_NO.sub('', implied[k][2].subject)}{implied[k][2].text}完成预算{implied[k][3].text}（预算约{fmt(_mid(implied[k]))}万元）"
            for k in ("three_public", *others)
        )
        yield self._undefined(doc, f, "0万元", f"按文中{how}推算，该项预算为 0")

    def _undefined(self, doc: Document, f, budget_text: str, why: str) -> Finding:
        return self.finding(
            f"“{f.sentence[:70]}”：{why}，预算为0时完成率无从计算（{budget_text} ÷ 0），不应表述为完成预算{f.text}",
            [figure_evidence(doc, f)],
            key=f"undefined|{figure_key(f)}",
            values={"stated": f.value},
            severity=Severity.info,
            title="预算为0时表述完成率",
            confidence=0.7,
        )


def _mid(entry) -> Decimal:
    return ((entry[0] + entry[1]) / 2).quantize(Decimal("0.01"))


def _implied_three_public_budgets(doc: Document) -> dict:
    """The budget each 三公 figure's own completion rate implies ("支出决算为7.89万元，完成预算
    98.63%" → 8.00): key → (low, high, outturn, rate), the interval the rounding of both allows."""
    out: dict = {}
    figs_of = {(g.paragraph, g.sentence): [] for g in doc.figures}
    for g in doc.figures:
        figs_of[(g.paragraph, g.sentence)].append(g)
    for k in figure_keys(doc):
        if k.key not in THREE_PUBLIC or k.when != "final" or k.key in out:
            continue
        figs = figs_of[(k.figure.paragraph, k.figure.sentence)]
        i = figs.index(k.figure)
        rate = figs[i + 1] if i + 1 < len(figs) else None
        if rate is None or rate.kind != "percent" or not _RATE.search(rate.subject) or rate.value <= 0:
            continue
        if any(is_budget(g.subject) for g in figs[:i] if g.kind == "amount"):
            continue  # the budget is stated: nothing to imply
        v, r = k.figure.amount_wan, rate.value
        dv, dr = min(half_ulp(v), Decimal("0.005")), half_ulp(r)
        out[k.key] = ((v - dv) / (r + dr) * 100, (v + dv) / (r - dr) * 100, k.figure, rate)
    return out
