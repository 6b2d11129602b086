"""LNK001: a document's statements about the year before against what that year's document published."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from extract.numbers import half_ulp
from models import Document, Finding, Severity

from ..base import document_total, figure_evidence, fmt, materiality
from ..linking import figure_keys
from ._common import LinkedRule, compared_year, elsewhere, quantity
from .families import YEARS, Link

_FLAT = re.compile(r"持平")


class PreviousYearFigures(LinkedRule):
    """What a document says of last year is what last year's document published.

    What it checks:
        In a family's later document (year N+1), each amount compared with year N — "财政拨款收入
        18,976.76万元，比2024年预算增加3,355.65万元", "公务接待费1.35万元，与2024年预算持平" — against
        the same quantity in year N's document (its table cell, or its text): the change the later
        document states must be the difference of the two, within the rounding of the printed
        figures. A difference only the rounding of the later document's figures explains (the
        tables in 元 give 3,355.64) is a rounding note.
    Why an auditor cares:
        A "上年" figure that last year's document never published means the comparison rests on
        another figure than the public one: the reader is told of a change that did not happen, or
        not by that much.
    Fails:
        2025: "支出预算18,976.76万元，比2024年预算增加3,000.00万元"; 2024 published 15,621.11 (the
        change is 3,355.65)
    Passes:
        2025: "比2024年预算增加3,355.65万元"; 2024 published 15,621.11
    """

    doc_zh = """文件对上年的表述与上年公开的文件一致。

    检查内容：
        文档族中较晚一年（N+1年）的文件里，每一个与N年比较的金额——“财政拨款收入18,976.76万元，比2024年
        预算增加3,355.65万元”“公务接待费1.35万元，与2024年预算持平”——与N年文件中同一数字（其表格单元格，
        或其文字）对照：文中所称的增减额应等于两年数字之差，允许两边印刷数字的尾数误差。只能由较晚文件数字
        的舍入解释的差额（按两年元表计算为3,355.64）记为尾数提示。
    为什么重要：
        上年文件从未公布过的“上年数”，说明比较所依据的不是公开的数字：读者被告知的增减并未发生，或没有那么多。
    不通过：
        2025年：“支出预算18,976.76万元，比2024年预算增加3,000.00万元”；2024年公布15,621.11（增加额应为3,355.65）
    通过：
        2025年：“比2024年预算增加3,355.65万元”；2024年公布15,621.11
    """

    code = "LNK001"
    title = "上年数与上年公开文件不符"
    category = "yoy_recompute"
    severity = Severity.medium
    version = 2
    kinds = (YEARS,)

    def check_link(self, link: Link, earlier: Document, later: Document) -> Iterable[Finding]:
        # one change stated for several quantities that are the same money (收入, 支出, 财政拨款 of a
        # budget without other sources) is one finding with each place as evidence
        merged: dict[tuple, Finding] = {}
        for f in self._each(earlier, later):
            k = (f.severity, f.values["stated"], f.values["expected"], f.values["previous"])
            if k in merged:
                merged[k].evidence.extend(e for e in f.evidence if e not in merged[k].evidence)
            else:
                merged[k] = f
        yield from merged.values()

    def _each(self, earlier: Document, later: Document) -> Iterable[Finding]:
        if earlier.year is None:
            return
        scale = document_total(later)
        keyed_earlier = figure_keys(earlier)
        figures = later.figures
        seen: set[tuple[str, str]] = set()
        for k in figure_keys(later):
            f = k.figure
            i = figures.index(f)
            # the change that follows the amount in its clause, or a 持平 before the next figure
            nxt = next((g for g in figures[i + 1 : i + 3] if g.paragraph == f.paragraph and g.sentence == f.sentence), None)
            text = later.paragraphs[f.paragraph].text
            ends = [j for j in (text.find(c, f.start) for c in "。；;") if j >= 0]
            clause_end = nxt.start if nxt is not None else min(ends, default=len(text))
            between = text[f.start : clause_end]
            if nxt is not None and nxt.kind == "change" and nxt.unit != "%" and compared_year(nxt, later.year) == earlier.year:
                stated = nxt.direction * nxt.amount_wan
                change = nxt
            elif _FLAT.search(between) and (
                re.search(rf"{earlier.year}\s*年", between) or (later.year == earlier.year + 1 and "上年" in between)
            ):
                stated, change = Decimal(0), None
            else:
                continue
            if (k.key, k.when) in seen:
                continue
            before = quantity(earlier, k.key, k.when, keyed_earlier)
            now = quantity(later, k.key, k.when) or None
            if before is None or now is None:
                continue
            seen.add((k.key, k.when))
            expected = now.amount.wan - before.amount.wan
            # a change the text computes from the two years' figures as it prints them (to 0.01
            # 万元) may miss the tables' exact difference by the rounding of each
            r = half_ulp(change.amount_wan) if change is not None else Decimal("0.005")
            tolerance = max(now.amount.radius_wan, r) + max(before.amount.radius_wan, r) + r
            said = ("增加" if change.direction > 0 else "减少") + change.text if change is not None else "持平"
            where = f"{earlier.year}年文件" + ("表中" if before.exact else "文中")
            shown = str(before.amount) + ("" if before.amount.unit == "万元" else f"（{fmt(before.amount.wan)} 万元）")
            msg = (
                f"“{f.sentence[:60]}”：{f.subject}{f.text}，称比{earlier.year}年{said}；"
                f"{where}该数为 {shown}，按两年数字应为"
                f"{'持平' if expected == 0 else ('增加' if expected > 0 else '减少') + ' ' + fmt(abs(expected)) + ' 万元'}"
            )
            ev = [figure_evidence(later, change or f, "stated"), elsewhere(before.evidence, earlier)]
            values = {"stated": stated, "expected": expected.quantize(Decimal("0.0001")), "previous": before.amount.wan}
            key = f"{k.key}|{k.when}"
            if abs(stated - expected) > tolerance:
                big = abs(stated - expected) >= max(Decimal(1), abs(before.amount.wan) * Decimal("0.01"))
                yield self.on(
                    later,
                    self.finding(
                        msg + f"，相差 {fmt(abs(stated - expected))} 万元",
                        ev,
                        key=key,
                        values=values,
                        severity=Severity.high if big else Severity.medium,
                        materiality=materiality(stated - expected, scale),
                    ),
                )
            elif change is not None and before.exact and now.exact:
                printed = expected.quantize(Decimal(1).scaleb(change.amount_wan.as_tuple().exponent), ROUND_HALF_UP)
                if abs(printed) != change.amount_wan:
                    yield self.on(
                        later,
                        self.rounding_note(
                            msg + f"（按两年表中数字计算为 {fmt(abs(expected))} 万元，文中为 {fmt(change.amount_wan)} 万元）",
                            ev,
                            key=key,
                            values=values,
                            title="上年比较存在尾数差异",
                        ),
                    )
