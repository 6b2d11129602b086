"""LNG014: a rate stated without its % sign ("增加1193.20万元，增长13.95。")."""

from __future__ import annotations

import re
from collections.abc import Iterable

from extract.numbers import normalize_digits, normalize_label, to_decimal
from models import Document, Finding, Severity

from ..base import Rule, fmt
from ._text import narrative_paragraphs, sentence_span, span_evidence

# a rate word, then a bare number, then the end of the clause: no %, no 个百分点, no unit
_BARE_RATE = re.compile(
    r"(?P<word>增长|下降|降低|上升|提高|占比?(?:为)?|完成(?:年初|全年|调整后?的?)?预算数?的?)"
    r"\s*(?P<num>(?<![\d.])\d+(?:\.\d+)?)\s*(?=[。，；;,、）)]|$)"
)
# what shows the sentence speaks of rates: an amount of change with its unit before it
# ("增加1193.20万元，增长13.95"), or other figures of the same kind with their % ("占 44.90%")
_AMOUNT_CHANGE = re.compile(r"(?:增加|减少|增长|下降)\s*\d[\d,]*(?:\.\d+)?\s*(?:万元|亿元|元)")
_PERCENT = re.compile(r"\d\s*[%％]")


class RateWithoutPercent(Rule):
    """A rate stated without its % sign.

    What it checks:
        A number right after 增长, 下降, 降低, 上升, 提高, 占 or 完成…预算的, at the end of its clause
        with no % sign, no 个百分点 and no unit, in a sentence that shows it is a rate: an amount of
        change with its unit before it ("增加1193.20万元，增长13.95。"), or other figures with their %
        ("基本支出5377.64万元，占55.10；项目支出4381.74万元，占44.90%"). Amounts without their unit
        are LNG007's.
    Why an auditor cares:
        "增长13.95" reads as an amount (13.95万元) as well as a rate; the reader has to recompute it
        to know which, and a disclosure is expected to print the unit of every figure.
    Fails:
        "与2023年度相比，一般公共预算财政拨款支出增加1193.20万元，增长13.95。"
    Passes:
        "与2023年度相比，一般公共预算财政拨款支出增加1193.20万元，增长13.95%。"
        "参保人数增长1.2万人，增长3个百分点。"
    """

    doc_zh = """比率缺少百分号。

    检查内容：
        紧跟在增长、下降、降低、上升、提高、占或完成……预算的之后、位于分句末尾的数字，没有百分号、没有“个百分点”、也
        没有单位，而所在句子表明它是比率：前面有带单位的变动额（“增加1193.20万元，增长13.95。”），或其他数字带有百分号
        （“基本支出5377.64万元，占55.10；项目支出4381.74万元，占44.90%”）。金额缺少单位由 LNG007 检查。
    为什么重要：
        “增长13.95”既可读作金额（13.95万元）也可读作比率；读者要重新计算才知道是哪一个，而公开文件应当写明每个数字
        的单位。
    不通过：
        “与2023年度相比，一般公共预算财政拨款支出增加1193.20万元，增长13.95。”
    通过：
        “与2023年度相比，一般公共预算财政拨款支出增加1193.20万元，增长13.95%。”
        “参保人数增长1.2万人，增长3个百分点。”
    """

    code = "LNG014"
    title = "比率缺少百分号"
    category = "other"
    severity = Severity.low

    def check(self, doc: Document) -> Iterable[Finding]:
        for p in narrative_paragraphs(doc):
            text = normalize_digits(p.text)
            for m in _BARE_RATE.finditer(text):
                value = to_decimal(m.group("num"))
                if value is None:
                    continue
                a, _ = sentence_span(text, m.start(), m.end())
                whole = slice(*sentence_span(text, m.start(), m.end(), "。！？!?"))  # "占55.10；…占44.90%"
                before = text[a : m.start()]
                if not (_AMOUNT_CHANGE.search(before) or _PERCENT.search(text[whole])):
                    continue
                ev = span_evidence(p, m.start(), m.end())
                yield self.finding(
                    f"“{ev.text}”中“{text[m.start() : m.end()].strip()}”缺少百分号，应为“{m.group('word')}{fmt(value)}%”",
                    [ev],
                    key=f"percent|{normalize_label(ev.text)[:30]}|{value}",
                    values={"stated": value},
                    confidence=0.85,
                )
