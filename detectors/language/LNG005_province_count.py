"""LNG005: a count of provinces the country does not have ("与全国34个省建立异地就医直接结算")."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from extract.numbers import normalize_digits, normalize_label
from models import Document, Finding, Severity

from ..base import Rule
from ._text import narrative_paragraphs, sentence_span, span_evidence

# "34个省", "31个省（区、市）", "27个省份" — not "35个省直单位", "12个省级部门", "100个省市"
_PROVINCES = re.compile(
    r"(?<![\d.])(?P<n>\d+)\s*个\s*(?:省份|省区市|省（区、市）|省\(区、市\)|省、自治区、直辖市|省(?![直级属委厅局部会内市区份]))"
)
# 23 provinces, 5 autonomous regions, 4 municipalities and 2 special administrative regions
PROVINCIAL_UNITS = 34
MAINLAND = 31  # the mainland's provincial units, the scope of the national settlement network
# the national medical insurance settlement network joins the 31 mainland units and the 新疆生产建设兵团
_SETTLEMENT = re.compile(r"异地就医|跨省|联网|直接结算|直接结报|备案")
IN_SETTLEMENT = MAINLAND + 1


class ProvinceCount(Rule):
    """A number of provinces that cannot be.

    What it checks:
        "N个省 / 省份 / 省（区、市）" where N is more than the country's 34 provincial-level units, or,
        in a sentence about the national settlement network (异地就医, 跨省, 联网, 直接结算), more than
        its 32 members (the 31 mainland units and the 新疆生产建设兵团).
    Why an auditor cares:
        A count that cannot be true ("与全国34个省建立异地就医住院联网直接结算") was copied or
        guessed, not taken from the source it claims; the other figures of that paragraph deserve
        a look too.
    Fails:
        "与全国34个省建立异地就医住院联网直接结算"
    Passes:
        "与全国31个省（区、市）和新疆生产建设兵团建立异地就医住院联网直接结算"
    """

    doc_zh = """不可能的省份数量。

    检查内容：
        “N个省 / 省份 / 省（区、市）”，其中N大于全国34个省级行政区，或在关于全国结算网络的句子中（异地就医、跨省、
        联网、直接结算）大于其32个成员（内地31个省级单位和新疆生产建设兵团）。
    为什么重要：
        不可能成立的数量（“与全国34个省建立异地就医住院联网直接结算”）是抄来或估计的，不是从所称的来源取得的；
        同一段的其他数字也值得看一看。
    不通过：
        “与全国34个省建立异地就医住院联网直接结算”
    通过：
        “与全国31个省（区、市）和新疆生产建设兵团建立异地就医住院联网直接结算”
    """

    code = "LNG005"
    title = "省份数量不可能"
    category = "other"
    severity = Severity.low

    def check(self, doc: Document) -> Iterable[Finding]:
        for p in narrative_paragraphs(doc):
            text = normalize_digits(p.text)
            for m in _PROVINCES.finditer(text):
                n = int(m.group("n"))
                a, b = sentence_span(text, m.start(), m.end())
                settlement = bool(_SETTLEMENT.search(text[a:b]))
                limit = IN_SETTLEMENT if settlement else PROVINCIAL_UNITS
                if n <= limit:
                    continue
                ev = span_evidence(p, m.start(), m.end())
                if settlement:
                    expected = MAINLAND
                    why = f"全国异地就医联网结算覆盖{MAINLAND}个省（区、市）和新疆生产建设兵团，应为{MAINLAND}个"
                else:
                    expected = PROVINCIAL_UNITS
                    why = f"全国只有{PROVINCIAL_UNITS}个省级行政区"
                yield self.finding(
                    f"“{ev.text}”称{n}个省，不可能：{why}",
                    [ev],
                    key=f"provinces|{n}|{normalize_label(ev.text)[:40]}",
                    values={"stated": Decimal(n), "expected": Decimal(expected)},
                    confidence=0.85,
                )
