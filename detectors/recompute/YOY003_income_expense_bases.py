"""YOY003: income and expense of the same amount whose year-on-year changes imply different bases."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from models import Document, Figure, Finding, Severity

from ..base import Rule, figure_evidence, fmt
from ..linking import figure_keys

# an income total and the expense total it must equal when nothing carries over
PAIRS = (("fiscal_income", "fiscal_expense"), ("income_total", "expense_total"))
TOL = Decimal("0.02")


def _carries_over(doc: Document) -> bool:
    """Whether the total tables print a carry-over (年初结转 / 年末结转 / 上年结转 …) that is not 0:
    then income and expense of a year legitimately differ, and so may last year's."""
    for t in doc.tables:
        if t.kind not in ("summary", "fiscal_summary"):
            continue
        for r in t.rows:
            if "结转" in r.label or "结余" in r.label:
                a = t.amount(r, "total")
                if a is not None and a.value:
                    return True
    return False


def _change_after(doc: Document, f: Figure) -> Figure | None:
    """The change amount stated right after an amount ("财政拨款收入A万元，比2024年…增加B万元")."""
    figs = [g for g in doc.figures if g.paragraph == f.paragraph]
    after = figs[figs.index(f) + 1 :]
    nxt = after[0] if after else None
    if nxt is None or nxt.kind != "change" or nxt.amount_wan is None or not nxt.direction:
        return None
    return nxt


class IncomeExpenseBases(Rule):
    """Equal income and expense, equal changes.

    What it checks:
        Where the text states an income total and the expense total of the same amount
        (财政拨款收入 and 财政拨款支出, 本年收入合计 and 本年支出合计), each with its change on the year
        before, and the total tables carry nothing over: the two changes imply the previous
        year's income and expense (current − change), which must then be equal too.
    Why an auditor cares:
        When all money is spent in its year, last year's income was last year's expense; two
        different changes mean one was computed on another base (the 执行数 of one, the 预算 of
        the other) or mistyped. Last year's figures are not in the document, so which one is
        right cannot be told (low).
    Fails:
        "财政拨款收入37,151.47万元，比2024年预算执行数增加24,558.18万元" and "财政拨款支出预算
        37,151.47万元，比2024年预算增加24,491.71万元" (bases 12,593.29 and 12,659.76)
    Passes:
        "财政拨款收入9,101.68万元，比2024年预算减少2,389.52万元" and "财政拨款支出预算9,101.68万元，
        比2024年预算减少2,389.52万元"
    """

    doc_zh = """收入与支出相等时，二者的同比变动也应相等。

    检查内容：
        文字写出金额相同的收入合计和支出合计（财政拨款收入与财政拨款支出，本年收入合计与本年支出合计），
        各自带有与上年相比的变动，且总表中没有结转时：两个变动推出的上年收入和上年支出（本年 − 变动）也必须
        相等。
    为什么重要：
        资金当年全部支出时，上年的收入就是上年的支出；两个变动不同，说明其中一个按另一个基数（一个按执行数，
        一个按预算）算的，或录错了。上年数字不在文件中，无法判断哪个正确（低）。
    不通过：
        “财政拨款收入37,151.47万元，比2024年预算执行数增加24,558.18万元”与“财政拨款支出预算37,151.47万元，
        比2024年预算增加24,491.71万元”（基数分别为 12,593.29 和 12,659.76）
    通过：
        “财政拨款收入9,101.68万元，比2024年预算减少2,389.52万元”与“财政拨款支出预算9,101.68万元，比2024年
        预算减少2,389.52万元”
    """

    code = "YOY003"
    title = "收入与支出同比增减额隐含的上年基数不一致"
    category = "yoy_recompute"
    severity = Severity.low

    def check(self, doc: Document) -> Iterable[Finding]:
        if _carries_over(doc):
            return
        keyed: dict[str, list[tuple[Figure, Figure]]] = {}
        for k in figure_keys(doc):
            change = _change_after(doc, k.figure)
            if change is not None and k.figure.amount_wan:
                keyed.setdefault(k.key, []).append((k.figure, change))
        for income_key, expense_key in PAIRS:
            pair = next(
                (
                    (i, e)
                    for i in keyed.get(income_key, [])
                    for e in keyed.get(expense_key, [])
                    if abs(i[0].amount_wan - e[0].amount_wan) <= TOL
                ),
                None,
            )
            if pair is None:
                continue
            (income, ic), (expense, ec) = pair
            base_income = income.amount_wan - ic.direction * ic.amount_wan
            base_expense = expense.amount_wan - ec.direction * ec.amount_wan
            if abs(base_income - base_expense) <= TOL * 2:
                continue
            wording = ""
            if ic.subject.strip() != ec.subject.strip():
                wording = f"；两处比较基数的表述也不同（“{ic.subject.strip()}”与“{ec.subject.strip()}”）"
            yield self.finding(
                f"{income.subject}{income.text}与{expense.subject}{expense.text}相等且无结转，"
                f"但收入{'增加' if ic.direction > 0 else '减少'}{ic.text}（上年 {fmt(base_income)} 万元）、"
                f"支出{'增加' if ec.direction > 0 else '减少'}{ec.text}（上年 {fmt(base_expense)} 万元），"
                f"隐含的上年基数相差 {fmt(abs(base_income - base_expense))} 万元{wording}",
                [figure_evidence(doc, ic), figure_evidence(doc, ec)],
                key=f"{income_key}|{ic.value}|{ec.value}",
                values={
                    "stated": ic.amount_wan,
                    "expected": ec.amount_wan,
                    "previous_income": base_income,
                    "previous_expense": base_expense,
                    "difference": base_income - base_expense,
                },
            )
