"""TXT002: the same quantity stated twice in the text with different amounts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from models import Document, Finding, Severity

from ..base import Rule, balance, document_total, figure_evidence, fmt, materiality
from ..linking import figure_keys

GENERIC = {"item:"}  # keys too vague to compare across sentences


class FigureRestated(Rule):
    """One quantity, one amount, wherever the text states it.

    What it checks:
        Amounts of the narrative (overview, 情况说明, 绩效自评报告 and other attachments) that name
        the same quantity of the same year — 本年收入合计, 本年支出合计, 基本支出, 项目支出, 人员经费,
        公用经费, the 三公 items, a 类 — and differ beyond rounding.
    Why an auditor cares:
        An overview total that differs from the same total in an attachment means one of them was
        written from other figures (a draft, another year, another scope).
    Fails:
        情况说明 "本年支出合计7147.37万元"; 自评报告 "支出合计11775万元"
    Passes:
        "基本支出122.83万元" in the 情况说明 and again in the 自评报告
    """

    doc_zh = """同一数量，在文中各处都是同一个金额。

    检查内容：
        文字说明（概述、情况说明、绩效自评报告及其他附件）中，指同一年度同一数量的金额——本年收入合计、
        本年支出合计、基本支出、项目支出、人员经费、公用经费、三公经费各项、某一类——相差超过尾数误差的。
    为什么重要：
        概述中的总数与附件中同一总数不同，说明其中一处是按别的数字（草稿、其他年度、其他口径）写的。
    不通过：
        情况说明“本年支出合计7147.37万元”，自评报告“支出合计11775万元”
    通过：
        情况说明和自评报告中都是“基本支出122.83万元”
    """

    code = "TXT002"
    title = "同一数字在文中前后不一致"
    category = "narrative_vs_table"
    severity = Severity.high

    def check(self, doc: Document) -> Iterable[Finding]:
        scale = document_total(doc)
        groups: dict[tuple[str, str], list] = defaultdict(list)
        for k in figure_keys(doc):
            if k.key.startswith("item:") or k.figure.amount_wan is None:
                continue
            groups[(k.key, k.when)].append(k)
        for (key, when), items in groups.items():
            first = items[0]
            for other in items[1:]:
                if other.figure.sentence == first.figure.sentence and other.figure.paragraph == first.figure.paragraph:
                    continue  # two amounts in one sentence are two quantities (全年 / 年初 …)
                a, b = first.figure.amount_wan, other.figure.amount_wan
                bal = balance(b, [a])
                if bal.ok or bal.rounding:
                    continue
                msg = (
                    f"同一口径的数字前后不一致：“{first.figure.sentence[:50]}”为 {first.figure.text}，"
                    f"“{other.figure.sentence[:50]}”为 {other.figure.text}，相差 {fmt(abs(bal.difference))} 万元"
                )
                yield self.finding(
                    msg,
                    [figure_evidence(doc, first.figure, "expected"), figure_evidence(doc, other.figure, "stated")],
                    key=f"{key}|{when}|{a}|{b}",
                    values={"stated": b, "expected": a, "difference": bal.difference},
                    materiality=materiality(bal.difference, scale),
                )
                break  # one finding per quantity: the first disagreement
