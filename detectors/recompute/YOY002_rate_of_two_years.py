"""YOY002: a growth rate against the two years' amounts the text states, and a rate on a base of 0."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from extract.numbers import half_ulp
from models import Document, Figure, Finding, Severity

from ..base import Rule, figure_evidence, figure_key, fmt
from ..linking import figure_keys, table_value
from ._sentences import by_paragraph

_PRIOR = re.compile(r"上年|去年|上一年|同期")
_NOT_CURRENT = re.compile(r"上年|去年|上一年|同期|结转|累计|年初预算|全年预算|调整预算")


def _year_of(subject: str) -> int | None:
    m = re.search(r"(20\d{2})\s*年", subject)
    return int(m.group(1)) if m else None


def is_previous(f: Figure, year: int | None) -> bool:
    """An amount of the year before: "上年…", "2023年当年预算执行数" in a 2024 document."""
    y = _year_of(f.subject)
    return bool(_PRIOR.search(f.subject)) or (y is not None and year is not None and y < year)


def _rate_interval(previous: Decimal, current: Decimal) -> tuple[Decimal, Decimal]:
    """The change rate (in %) each end of the printed amounts' rounding allows (±0.005 each),
    the change itself computed on the unrounded amounts and rounded to 0.01 before the division
    (a change of 599.87 元 is 0.06 万元 where 1.26 − 1.31 prints 0.05)."""
    r = Decimal("0.005")
    change = current - previous
    rates = [d / p * 100 for p in (previous - r, previous + r) if p > 0 for d in (change - 3 * r, change + 3 * r)]
    return min(rates), max(rates)


class RateOfTwoYears(Rule):
    """增长（下降）X% = (本年 − 上年) ÷ 上年, and no rate on a base of 0.

    What it checks:
        A change rate stated with both years' amounts and no change amount ("2023年当年预算执行数为
        198.60万元，2024年预算安排230.28万元，比2023年预算执行数增加15.95%"): the rate must be
        (230.28 − 198.60) ÷ 198.60 and its direction word must agree with the amounts. And any
        growth rate whose base is 0 — stated ("上年执行数为0.00万元，…增加100.00%") or implied by
        the change amount ("收入支出总计307.82万元…增加307.82万元，增长100.00%": 307.82 − 307.82
        = 0) — which no number can express: a rate of 100% means the amount doubled. A rate the
        rounding of the amounts allows (the change computed unrounded and rounded to 0.01 万元 before
        the division included) is a rounding note (info). A rate that
        follows from the table's amount of an item whose amount the paragraph misstates is right:
        TXT001 reports the amount.
    Why an auditor cares:
        A rate that does not follow from the two amounts beside it was typed, or computed on
        another amount than the one printed; a "100%" growth from nothing tells the reader the
        amount doubled when it is new.
    Fails:
        "2023年当年预算执行数为0.00万元，2024年预算安排25.00万元，比2023年预算执行数增加100.00%"
        (the base is 0: low)
        "2023年当年预算执行数为6.26万元，2024年预算安排7.66万元，比2023年预算执行数增加12.36%"
        (22.36%: medium)
    Passes:
        "2023年当年预算执行数为198.60万元，2024年预算安排230.28万元，比2023年预算执行数增加15.95%"
    """

    doc_zh = """增长（下降）X% = （本年 − 上年）÷ 上年，且基数为0时不能写增长率。

    检查内容：
        同时写出两年金额、未写变动额的变动率（“2023年当年预算执行数为198.60万元，2024年预算安排230.28万元，
        比2023年预算执行数增加15.95%”）：比率必须是（230.28 − 198.60）÷ 198.60，增减用词必须与金额方向一致。
        以及任何基数为0的增长率——写明的（“上年执行数为0.00万元，……增加100.00%”）或由变动额推出的（“收入
        支出总计307.82万元……增加307.82万元，增长100.00%”：307.82 − 307.82 = 0）——这种增长率无法用数字表示：
        100%的增长意味着金额翻了一倍。在金额尾数误差（含按未取整金额计算变动额、取整到0.01万元后再相除）允许范围
        内的比率为尾数提示（提示）。段落所写的某项金额与表格不符、而比率按表格金额计算正确时，比率不算错：
        由TXT001报告金额。
    为什么重要：
        与旁边两个金额对不上的比率，要么是手写的，要么是按印出的金额之外的另一个金额算的；从无到有写成
        “增长100%”，会让读者以为金额翻了一倍，其实是新增。
    不通过：
        “2023年当年预算执行数为0.00万元，2024年预算安排25.00万元，比2023年预算执行数增加100.00%”（基数为0：低）
        “2023年当年预算执行数为6.26万元，2024年预算安排7.66万元，比2023年预算执行数增加12.36%”（应为22.36%：中）
    通过：
        “2023年当年预算执行数为198.60万元，2024年预算安排230.28万元，比2023年预算执行数增加15.95%”
    """

    code = "YOY002"
    title = "增长率与前后两年金额不符"
    category = "yoy_recompute"
    severity = Severity.medium

    def check(self, doc: Document) -> Iterable[Finding]:
        from ..narrative.TXT005_item_restated import restated_items

        # a rate computed on the item's own amount while the sentence restates it differently:
        # TXT005 reports the restated amount, with this rate
        restated = {id(r.rate) for r in restated_items(doc) if r.rate is not None}
        # the amounts of a paragraph its tables state otherwise ("“…（项）”8.78万元" where the
        # table has 4.78): TXT001 reports the amount; a rate computed on the table's is right
        tabled: dict[tuple[int, Decimal], Decimal] = {}
        for k in figure_keys(doc):
            cell = table_value(doc, k.key, k.when, k.figure)
            if cell is not None and k.figure.amount_wan is not None and cell.value != k.figure.amount_wan:
                tabled.setdefault((k.figure.paragraph, k.figure.amount_wan), cell.value)
        zero_bases: list[tuple[Figure, str, Figure | None]] = []
        for figs in by_paragraph(doc):
            for i, f in enumerate(figs):
                if f.kind != "change" or f.unit != "%" or id(f) in restated:
                    continue
                same = [g for g in figs[:i] if g.sentence == f.sentence]
                if same and same[-1].kind == "change" and same[-1].amount_wan is not None:
                    zero_bases += self._derived_zero_base(figs[:i], same[-1], f)
                    continue
                amounts = [g for g in same if g.kind == "amount" and g.amount_wan is not None]
                previous = next((g for g in reversed(amounts) if is_previous(g, doc.year)), None)
                current = next((g for g in reversed(amounts) if g is not previous and not _NOT_CURRENT.search(g.subject)), None)
                if previous is None or current is None or amounts.index(current) < amounts.index(previous):
                    continue
                if previous.amount_wan == 0:
                    if current.amount_wan != 0 or f.value != 0:
                        zero_bases.append((f, f"{previous.subject}为{previous.text}", None))
                    continue
                yield from self._two_amounts(doc, previous, current, f, tabled.get((current.paragraph, current.amount_wan)))
        if zero_bases:
            yield self._zero_base(doc, zero_bases)

    def _two_amounts(
        self, doc: Document, previous: Figure, current: Figure, f: Figure, in_table: Decimal | None
    ) -> Iterable[Finding]:
        p, c = previous.amount_wan, current.amount_wan
        computed = (c - p) / p * 100
        lo, hi = _rate_interval(p, c)
        signed = f.value * f.direction if f.direction else f.value * (1 if computed >= 0 else -1)
        if abs(signed - computed) <= half_ulp(f.value):
            return  # the printed rate is the ratio, correctly rounded
        if in_table is not None:
            lo_t, hi_t = _rate_interval(p, in_table)
            if lo_t - half_ulp(f.value) <= signed <= hi_t + half_ulp(f.value):
                return  # the rate of the table's amount: the amount is misstated (TXT001), not the rate
        what = f"（{fmt(c)} − {fmt(p)}）÷ {fmt(p)} = {fmt(computed.quantize(Decimal('0.01')))}%"
        msg = f"“{f.sentence[:70]}”：{what}，文中为{'增加' if f.direction > 0 else '减少' if f.direction < 0 else ''}{f.text}"
        values = {
            "stated": f.value,
            "expected": abs(computed).quantize(Decimal("0.0001")),
            "difference": (signed - computed).quantize(Decimal("0.0001")),
            "previous": p,
            "current": c,
        }
        ev = [figure_evidence(doc, f)]
        if f.direction and computed and (f.direction > 0) != (computed > 0):
            yield self.finding(
                msg + "，增减方向与两年金额相反",
                ev,
                key=figure_key(f),
                values=values,
                severity=Severity.medium,
                title="增减方向与前后两年金额相反",
            )
            return
        if lo - half_ulp(f.value) <= signed <= hi + half_ulp(f.value):
            yield self.rounding_note(msg, ev, key=figure_key(f), values=values, title="增长率存在尾数差异")
            return
        diff = abs(signed - computed)
        yield self.finding(
            msg,
            ev,
            key=figure_key(f),
            values=values,
            severity=Severity.medium if diff >= Decimal("0.3") else Severity.low,
            materiality=min(1.0, float(diff) / 100),
        )

    def _derived_zero_base(self, before: list[Figure], change: Figure, f: Figure) -> list[tuple[Figure, str, Figure | None]]:
        """ "收入支出总计307.82万元。…增加307.82万元，增长100.00%": the base is 307.82 − 307.82 = 0."""
        current = next(
            (
                g
                for g in reversed(before)
                if g.kind == "amount" and g.amount_wan is not None and not _NOT_CURRENT.search(g.subject)
            ),
            None,
        )
        if current is None or change.direction <= 0 or current.amount_wan - change.amount_wan != 0 or not current.amount_wan:
            return []
        return [(f, f"{fmt(current.amount_wan)} − 增加额 {fmt(change.amount_wan)} = 0", current)]

    def _zero_base(self, doc: Document, cases: list[tuple[Figure, str, Figure | None]]) -> Finding:
        """One finding for the document's rates on a base of 0 (a new body states several)."""
        ev = []
        for f, _, context in cases:
            ev.append(figure_evidence(doc, f))
            if context is not None and context.sentence != f.sentence:
                ev.append(figure_evidence(doc, context, "context"))
        f, why, _ = cases[0]
        more = f"等{len(cases)}处" if len(cases) > 1 else ""
        return self.finding(
            f"“{f.sentence[:70]}”{more}：{why}，上年数为0，以0为基数的增长率无从计算，不应表述为增长{f.text}"
            "（宜写“新增”或“上年无可比数”）",
            ev,
            key=f"zero|{figure_key(f)}",
            values={"stated": f.value, "previous": Decimal(0), "count": Decimal(len(cases))},
            severity=Severity.low,
            title="以0为基数表述增长率",
        )
