"""SUM004: sums and balances quoted in sentences (共计 = 其中各项, 结余 = 收入 − 支出)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from models import Document, Finding, Severity

from ..base import Balance, Rule, balance, figure_evidence, figure_key, fmt
from ._sentences import by_paragraph, by_sentence

_SPLIT = re.compile(r"其中|主要用于")
_NOT_PART = re.compile(r"结余|结转|上年|累计|滚存")
_PERIOD_BALANCE = re.compile(r"(当期|当年|收支)\S*结余|^结余")
_TOTAL_AFTER = re.compile(r"(?P<noun>收入|支出|资金|经费)?(合计|共计|总计)$")
TOL = Decimal("0.01")


class SentenceSums(Rule):
    """A total quoted with its parts adds up; a balance is income minus expense.

    What it checks:
        "本年收入合计7113.36万元，其中：一般公共预算财政拨款收入6749.94万元……政府性基金366.42万元……"
        (the parts after 其中 / 主要用于 must sum to the total before it; a 结转 or 结余 listed
        among them counts when the total holds it: "收入预算227.90万元，其中：上年结转0.84万元……"), and "收入A万元，支出B万元，
        当期结余C万元" (C = A − B). Parts listed before their total ("收入A万元、收入B万元，本年收入
        合计T万元") must add up to it too. When a balance only fits with a 元 figure read as 万元, the
        unit is what is wrong. A difference within the rounding of the printed amounts is a
        rounding note (info).
    Why an auditor cares:
        The sentence gives the reader a total and its parts; if they do not add up, one of them is
        misstated (often the total was copied from a draft).
    Fails:
        "共筹集4484.76万元……支出4752.2万元，当期收支结余为-263.22万元" (−267.44)
        "收入22518.66万元、……其他收入261万元，本年基金收入合计62389.85万元" (62389.84: rounding, info)
    Passes:
        "共筹集4484.76万元，其中，中央1320.5万元，省级350.26万元，县级2814万元"
    """

    doc_zh = """句中与分项一起给出的合计要加得平；结余等于收入减支出。

    检查内容：
        “本年收入合计7113.36万元，其中：一般公共预算财政拨款收入6749.94万元……政府性基金366.42万元……”
        （其中 / 主要用于 之后的各分项之和必须等于前面的合计；合计包含其中列出的结转、结余时，计入该项：“收入预算
        227.90万元，其中：上年结转0.84万元……”），以及“收入A万元，支出B万元，当期结余C万元”
        （C = A − B）。写在合计之前的分项（“收入A万元、收入B万元，本年收入合计T万元”）也必须加得平。只有把
        某个以元为单位的数字当作万元时结余才对得上的，错在单位。在印刷金额尾数误差之内的差异为尾数提示（提示）。
    为什么重要：
        句子同时给了读者合计和分项；加不平，说明其中有一个错了（常见的是合计抄自草稿）。
    不通过：
        “共筹集4484.76万元……支出4752.2万元，当期收支结余为-263.22万元”（应为 −267.44）
        “收入22518.66万元、……其他收入261万元，本年基金收入合计62389.85万元”（62389.84：尾数误差，提示）
    通过：
        “共筹集4484.76万元，其中，中央1320.5万元，省级350.26万元，县级2814万元”
    """

    code = "SUM004"
    title = "文中合计或结余与分项不符"
    category = "footing"
    severity = Severity.high
    version = 2

    def check(self, doc: Document) -> Iterable[Finding]:
        for figs in by_sentence(doc):
            if figs:
                yield from self._parts(doc, figs)
                yield from self._totals_after(doc, figs)
        for figs in by_paragraph(doc):
            # "共下达4693.27万元。其中：第一批…2290.07万元…。第二批…116.87万元…" — the parts run over
            # several sentences of the paragraph
            if figs and len({f.sentence for f in figs}) > 1:
                yield from self._parts(doc, figs, across=True)
        for figs in by_paragraph(doc):
            # a balance is often stated in the sentence after its income and expense
            yield from self._balance(doc, figs)

    def _parts(self, doc: Document, figs, across: bool = False) -> Iterable[Finding]:
        sentence = figs[0].sentence
        text = doc.paragraphs[figs[0].paragraph].text
        m = _SPLIT.search(text, figs[0].start)
        if not m:
            return
        split_at = m.start()
        before = [f for f in figs if f.start < split_at]
        after = [f for f in figs if f.start > split_at]
        if across:
            # only the total stated in the sentence that opens the 其中, and only when that sentence
            # alone does not hold the parts
            opening = next((f for f in reversed(before) if f.kind == "amount"), None)
            if (
                opening is None
                or sum(1 for f in after if f.sentence == opening.sentence and f.kind == "amount") >= 2
                and self._covers(opening, [f for f in after if f.sentence == opening.sentence])
            ):
                return
            before = [opening]
        for kind in ("amount", "change"):
            whole = next((f for f in reversed(before) if f.kind == kind and f.amount_wan is not None), None)
            parts = [f for f in after if f.kind == kind and f.amount_wan is not None and not _NOT_PART.search(f.subject)]
            if whole is None or len(parts) < 2 or any(p.unit == "元" for p in parts):
                continue
            total = sum((p.amount_wan for p in parts), Decimal(0))
            b = Balance(whole.amount_wan, total, TOL * len(parts))
            # a total that holds the carry-over listed with its parts ("收入预算227.90万元，其中：
            # 上年结转0.84万元……一般公共预算拨款收入153.66万元……")
            carried = [f for f in after if f.kind == kind and f.amount_wan is not None and _NOT_PART.search(f.subject)]
            with_carried = Balance(
                b.stated, total + sum((f.amount_wan for f in carried), Decimal(0)), TOL * (len(parts) + len(carried))
            )
            if carried and not with_carried.broken:
                b = with_carried
            limit = abs(whole.amount_wan) * (Decimal("0.05") if across else Decimal("0.5"))
            if b.ok or abs(b.difference) > limit:
                continue  # a partial list ("其中新冠疫苗费用…") is not the total's decomposition
            listed = " + ".join(p.text for p in parts)
            yield self._sum_finding(
                doc,
                b,
                f"“{sentence[:60]}”：{whole.subject}{whole.text}，其中各项 {listed} = {fmt(total)} 万元，相差 {fmt(abs(b.difference))} 万元",
                whole,
                f"parts|{figure_key(whole)}",
            )

    def _sum_finding(self, doc: Document, b: Balance, message: str, whole, key: str) -> Finding:
        values = {"stated": whole.amount_wan, "expected": b.expected, "difference": b.difference}
        if b.rounding:
            return self.rounding_note(
                message, [figure_evidence(doc, whole)], key=key, values=values, title="文中合计与分项存在尾数差异"
            )
        return self.finding(
            message,
            [figure_evidence(doc, whole)],
            key=key,
            values=values,
            materiality=min(1.0, float(abs(b.difference) / abs(whole.amount_wan))) if whole.amount_wan else 0.0,
        )

    def _totals_after(self, doc: Document, figs) -> Iterable[Finding]:
        """The parts listed before their 合计: "收入A万元、收入B万元、收入C万元，本年收入合计T万元"."""
        for i, f in enumerate(figs):
            m = _TOTAL_AFTER.search(f.subject)
            if f.kind != "amount" or f.amount_wan is None or not m or i < 2:
                continue
            parts = []
            for g in reversed(figs[:i]):
                if g.kind != "amount" or g.amount_wan is None or g.unit == "元" or _NOT_PART.search(g.subject):
                    break  # the run of amounts right before the total, nothing else between
                parts.insert(0, g)
            noun = m.group("noun")
            if len(parts) < 2 or noun and not all(noun in p.subject for p in parts):
                continue
            text = doc.paragraphs[f.paragraph].text
            if "等" in text[parts[-1].start : f.start]:
                continue  # "……等收入合计": the list is not complete
            b = balance(f.amount_wan, [p.amount_wan for p in parts])
            if b.ok or abs(b.difference) > abs(f.amount_wan) * Decimal("0.05"):
                continue
            listed = " + ".join(p.text for p in parts)
            yield self._sum_finding(
                doc,
                b,
                f"“{f.sentence[:60]}”：{listed} = {fmt(b.expected)} 万元，文中{f.subject}{f.text}，相差 {fmt(abs(b.difference))} 万元",
                f,
                f"after|{figure_key(f)}",
            )

    @staticmethod
    def _covers(whole, parts) -> bool:
        amounts = [p.amount_wan for p in parts if p.kind == "amount" and p.amount_wan is not None]
        return abs(sum(amounts, Decimal(0)) - whole.amount_wan) <= abs(whole.amount_wan) / 2

    def _balance(self, doc: Document, figs) -> Iterable[Finding]:
        for i, f in enumerate(figs):
            if f.kind != "amount" or not _PERIOD_BALANCE.search(f.subject) or "累计" in f.subject or f.amount_wan is None:
                continue
            same = [g for g in figs[:i] if g.sentence == f.sentence]
            income = _one(same, r"收入|筹集") or _one(figs[:i], r"收入|筹集")
            expense = _one(same, r"支出") or _one(figs[:i], r"支出")
            if income is None or expense is None:
                continue
            expected = income.amount_wan - expense.amount_wan
            b = Balance(f.amount_wan, expected, TOL * 3)
            if b.ok:
                continue
            ev = [figure_evidence(doc, f)]
            key = f"balance|{figure_key(f)}"
            message = f"“{f.sentence[:60]}”：{income.text} − {expense.text} = {fmt(expected)} 万元，文中{f.subject}{f.text}，相差 {fmt(abs(b.difference))} 万元"
            values = {"stated": f.amount_wan, "expected": expected, "difference": b.difference}
            if b.rounding:
                yield self.rounding_note(message, ev, key=key, values=values, title="文中结余存在尾数差异")
                continue
            if expense.unit == "元" and abs(income.value - expense.value - f.value) <= TOL * 3:
                yield self.finding(
                    f"“{f.sentence[:60]}”：{expense.subject}{expense.text} 的单位应为万元：{fmt(income.value)} − {fmt(expense.value)} = {fmt(f.value)}，与结余 {f.text} 相符",
                    ev,
                    key=key,
                    category="unit_or_decimal_shift",
                    severity=Severity.medium,
                    values={"stated": expense.value, "expected": expense.value * 10000, "ratio": 10000},
                    title="金额单位错误（元/万元）",
                )
                continue
            yield self.finding(
                message,
                ev,
                key=key,
                values=values,
                materiality=min(1.0, float(abs(b.difference) / abs(income.amount_wan))) if income.amount_wan else 0.0,
            )


def _one(figs, pattern: str):
    """The total among the figures matching pattern: the one named 合计/总, or the only one."""
    hits = [g for g in figs if g.kind == "amount" and g.amount_wan is not None and re.search(pattern, g.subject)]
    totals = [g for g in hits if re.search(r"合计|总|共", g.subject)]
    if totals:
        return totals[-1]
    return hits[0] if len(hits) == 1 else None
