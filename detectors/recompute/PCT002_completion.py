"""PCT002: a stated completion rate (完成预算的X%) against 决算 / 预算 in the same sentence."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from extract.numbers import half_ulp
from models import Document, Finding, Severity

from ..base import NOT_APPLICABLE, PASSED, Case, Rule, figure_evidence, figure_key, fmt, table_label
from ..linking import THREE_PUBLIC, figure_keys, table_value
from ..performance._common import project_row
from ._sentences import by_paragraph, is_budget, pct_tolerance

_RATE = re.compile(r"完成.*预算")
_LIST_NO = re.compile(r"^(?:\d{1,2}[.、．](?!\d)|[（(]\d{1,2}[)）])")
CHECK = "完成率 = 决算 ÷ 预算"
_FINAL = re.compile(r"决算|执行数|实际|支出$|支出为$|使用")


class CompletionRate(Rule):
    """完成预算的X% = 决算 / 预算.

    What it checks:
        "年初预算为A万元，支出决算为B万元，完成年初预算的C%": C against B / A, for every sentence
        (or paragraph) stating a budget, an outturn and a completion rate; a rate off only by what
        the rounding of the amounts allows is a rounding note (info). A completion rate stated
        against a budget of 0 — in the sentence, in the 三公 table, or implied by the 三公 total's
        and the other items' own rates — cannot be computed at all (info). A rate whose label names
        one budget of the sentence ("完成年初预算的") but which is the outturn over another one
        (全年预算) is mislabelled (medium), the more so when the named budget is 0. A wrong rate that
        restates a project's table row (its budget, outturn and rate) is the table's error copied:
        reported (low) with that row, so that it is one finding with the table's (PRF001).
    Why an auditor cares:
        The completion rate is what readers compare between departments; a wrong one hides an
        over- or under-spend.
    Fails:
        "预算为2万元，支出决算为0.89万元，完成预算的45.5%" (44.5%)
        "因公出国（境）经费支出0万元，完成预算0%" when the 三公 budget 8 = 公务用车 6 + 公务接待 2
        "年初预算为0万元，全年预算为321.02万元，支出决算为307.82万元，完成年初预算的95.89%"
    Passes:
        "预算为2万元，支出决算为0.89万元，完成预算的44.5%"
    """

    doc_zh = """完成预算的X% = 决算 ÷ 预算。

    检查内容：
        “年初预算为A万元，支出决算为B万元，完成年初预算的C%”：对每个写明预算、决算和完成率的句子（或段落），
        以 B ÷ A 核对 C；仅差在金额尾数误差范围内的为尾数提示（提示）。以0为预算写出的完成率——句中写明、
        三公经费表中列示、或由三公经费合计与其他各项自身的完成率推出——根本无法计算（提示）。完成率的名称
        指向句中某个预算（“完成年初预算的”），实际却是决算除以另一个预算（全年预算）的，为名不副实（中），
        所点名的预算为0时更是如此。算错的完成率若与某项目绩效表的预算、执行数和执行率完全相同，是照抄了表中
        的错误：连同该表行一并报告（低），与表格的发现（PRF001）合为一条。
    为什么重要：
        完成率是读者在部门之间比较的数字；算错的完成率会掩盖超支或结余。
    不通过：
        “预算为2万元，支出决算为0.89万元，完成预算的45.5%”（应为44.5%）
        “因公出国（境）经费支出0万元，完成预算0%”，而三公经费预算 8 = 公务用车 6 + 公务接待 2
        “年初预算为0万元，全年预算为321.02万元，支出决算为307.82万元，完成年初预算的95.89%”
    通过：
        “预算为2万元，支出决算为0.89万元，完成预算的44.5%”
    """

    code = "PCT002"
    title = "完成率复算不符"
    category = "percent_recompute"
    severity = Severity.medium
    version = 3

    def cases(self, doc: Document) -> Iterable[Case]:
        implied = _implied_three_public_budgets(doc)
        for figs in by_paragraph(doc):
            for i, f in enumerate(figs):
                if f.kind != "percent" or not _RATE.search(f.subject):
                    continue
                where = figure_evidence(doc, f)
                before = [g for g in figs[:i] if g.kind == "amount" and g.amount_wan is not None]
                budget = next((g for g in reversed(before) if is_budget(g.subject)), None)
                if budget is None:
                    # "因公出国（境）经费支出0万元，完成预算0%": the budget is not in the sentence
                    zero = next(self._zero_budget(doc, f, [g for g in before if g.sentence == f.sentence], implied), None)
                    yield Case(CHECK, NOT_APPLICABLE, where) if zero is None else self.outcome(CHECK, where, zero)
                    continue
                labelled = _labelled_budget(f, [g for g in before if is_budget(g.subject)])
                if labelled is not None and labelled is not budget:
                    # "年初预算为0万元，全年预算为321.02万元，支出决算为307.82万元，完成年初预算的95.89%"
                    mislabelled = self._mislabelled(doc, f, labelled, budget, before)
                    if mislabelled is not None:
                        yield self.outcome(CHECK, where, mislabelled)
                        continue
                    budget = labelled
                if budget.amount_wan == 0:
                    yield self.outcome(CHECK, where, self._undefined(doc, f, budget.text, f"文中{budget.subject}{budget.text}"))
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
                    yield Case(CHECK, NOT_APPLICABLE, where)
                    continue
                computed = final.amount_wan / budget.amount_wan * 100
                tol = pct_tolerance(f.value, final.amount_wan, budget.amount_wan)
                diff = f.value - computed
                if abs(diff) <= half_ulp(f.value):
                    yield Case(CHECK, PASSED, where)  # the printed rate is the ratio, correctly rounded
                    continue
                msg = f"“{f.sentence[:70]}”：{fmt(final.amount_wan)} ÷ {fmt(budget.amount_wan)} = {fmt(computed.quantize(Decimal('0.01')))}%，文中为 {f.text}"
                values = {
                    "stated": f.value,
                    "expected": computed.quantize(Decimal("0.0001")),
                    "difference": diff.quantize(Decimal("0.0001")),
                }
                if abs(diff) <= tol:
                    # not the rounded ratio, but inside what the rounding of the amounts allows
                    note = self.rounding_note(msg, [where], key=figure_key(f), values=values, title="完成率存在尾数差异")
                    yield self.outcome(CHECK, where, note)
                    continue
                # the rate of a project's table restated with its amounts: the table's rate is wrong
                # and the text copies it — one error, reported with the table row (PRF001)
                copied = [
                    project_row(doc, p, "money")
                    for p in doc.projects
                    if (p.budget, p.executed, p.rate_stated) == (budget.amount_wan, final.amount_wan, f.value)
                ]
                finding = self.finding(
                    msg,
                    [where, *[e for e in copied if e is not None]],
                    key=figure_key(f),
                    values=values,
                    # copied from the table: the table's finding (PRF001) leads
                    severity=Severity.medium if abs(diff) >= 1 and not copied else Severity.low,
                    materiality=0.0 if copied else min(1.0, float(abs(diff)) / 100),
                )
                yield self.outcome(CHECK, where, finding)

    def _mislabelled(self, doc: Document, f, labelled, other, before: list) -> Finding | None:
        """A rate labelled against one budget of the sentence (年初) that is the outturn over another
        one (全年): the label names a base the rate was not computed on."""
        final = next((g for g in reversed(before) if not is_budget(g.subject) and before.index(g) > before.index(other)), None)
        if final is None or not other.amount_wan:
            return None
        on_other = final.amount_wan / other.amount_wan * 100
        if abs(f.value - on_other) > pct_tolerance(f.value, final.amount_wan, other.amount_wan):
            return None  # not the other base's rate either: the usual check applies
        if labelled.amount_wan:
            on_labelled = final.amount_wan / labelled.amount_wan * 100
            if abs(f.value - on_labelled) <= pct_tolerance(f.value, final.amount_wan, labelled.amount_wan):
                return None  # both bases give it
            also = f"，按{labelled.subject}{labelled.text}应为 {fmt(on_labelled.quantize(Decimal('0.01')))}%"
        else:
            also = f"；{labelled.subject}为0，完成率无从计算"
        return self.finding(
            f"“{f.sentence[:80]}”：{f.text}是{final.subject}{final.text} ÷ {other.subject}{other.text}"
            f"（{fmt(on_other.quantize(Decimal('0.01')))}%），却表述为“{f.subject}”{also}",
            [figure_evidence(doc, f), figure_evidence(doc, labelled, "context")],
            key=f"label|{figure_key(f)}",
            values={
                "stated": f.value,
                "expected": on_other.quantize(Decimal("0.0001")),
                "base": labelled.amount_wan,
                "computed_on": other.amount_wan,
            },
            severity=Severity.medium,
            title="完成率标注的预算口径与计算口径不符",
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


def _labelled_budget(rate, budgets: list):
    """The budget of the sentence the rate's label names: "完成年初预算的" → the 年初 figure,
    "完成全年预算数的" / "完成调整预算的" → the 全年 / 调整 one; None when the label names no kind or
    the sentence states only one budget of that kind."""
    for word in ("年初", "全年", "调整"):
        if word in rate.subject:
            named = [g for g in budgets if word in g.subject]
            return named[-1] if len(named) == 1 else None
    return None


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
