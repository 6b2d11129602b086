"""LNG007: an amount in a sentence without its unit, where the sentence's other amounts have
one ("支出预算1397.18万元，其中：基本支出289.18，占20.7%")."""

from __future__ import annotations

import re
from collections.abc import Iterable

from extract.numbers import normalize_digits, normalize_label, to_decimal
from models import Document, Finding, Severity

from ..base import Rule, fmt
from ._text import CJK, narrative_paragraphs, sentence_span, span_evidence

# a money subject, then the number, then a comma or the end of the clause — no unit between
_BARE = re.compile(
    rf"(?P<subject>[{CJK}]{{2,}}(?:支出|收入|经费|拨款|资金|费用|费|预算数|预算|决算数|决算|结转|结余|合计|总计|总额|金额))"
    r"(?:为|是|共计|合计|：|:)?\s*"
    r"(?P<num>(?<![\d.])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\d.])\d+(?:\.\d+)?)"
    r"(?!,\d{3})\s*(?=[,;。、)）]|，|；)"  # a comma that groups thousands does not end the number
)
_UNIT = re.compile(r"\d\s*(万元|亿元|元)")


class AmountWithoutUnit(Rule):
    """An amount stated without its unit.

    What it checks:
        In a sentence that states other amounts with their unit (万元, 元 or 亿元), an amount
        after a money word (支出, 收入, 经费, 拨款, 资金 …) followed directly by a comma or the end
        of the clause, with no unit ("基本支出289.18，占20.7%").
    Why an auditor cares:
        Without its unit the amount is ambiguous (元 or 万元 differ ten-thousandfold); it is
        a slip of the drafting that a reader has to resolve from the tables.
    Fails:
        "2023年支出预算1397.18万元，其中：基本支出289.18，占20.7%；项目支出1108万元，占79.3%。"
    Passes:
        "2023年支出预算1397.18万元，其中：基本支出289.18万元，占20.7%；项目支出1108万元，占79.3%。"
    """

    doc_zh = """金额缺少单位。

    检查内容：
        在其他金额都带有单位（万元、元或亿元）的句子中，资金用语（支出、收入、经费、拨款、资金……）之后的金额直接
        跟着逗号或分句结束，没有单位（“基本支出289.18，占20.7%”）。
    为什么重要：
        没有单位，金额就有歧义（元与万元相差一万倍）；这是起草中的疏漏，读者只能到表格中去确认。
    不通过：
        “2023年支出预算1397.18万元，其中：基本支出289.18，占20.7%；项目支出1108万元，占79.3%。”
    通过：
        “2023年支出预算1397.18万元，其中：基本支出289.18万元，占20.7%；项目支出1108万元，占79.3%。”
    """

    code = "LNG007"
    title = "金额缺少单位"
    category = "other"
    severity = Severity.info

    def check(self, doc: Document) -> Iterable[Finding]:
        for p in narrative_paragraphs(doc):
            text = normalize_digits(p.text)
            for m in _BARE.finditer(text):
                value = to_decimal(m.group("num"))
                if value is None or not value:
                    continue
                a, b = sentence_span(text, m.start(), m.end())
                units = _UNIT.findall(text[a:b])
                if not units:
                    continue
                unit = max(set(units), key=units.count)
                ev = span_evidence(p, m.start("subject"), m.end("num"))
                subject = normalize_label(m.group("subject"))
                yield self.finding(
                    f"“{ev.text}”中“{subject} {fmt(value)}”没有写金额单位（同句其他金额以{unit}为单位），应补上单位",
                    [ev],
                    key=f"unit|{subject}|{value}",
                    values={"stated": value},
                    confidence=0.8,
                )
