"""LNG001: a phrase written twice in a row ("主要原因是主要原因是")."""

from __future__ import annotations

import re
from collections.abc import Iterable

from extract.numbers import normalize_label
from models import Document, Finding, Severity

from ..base import Rule
from ._text import CJK, narrative_paragraphs, span_evidence

# a phrase of three or more characters (starting with a Chinese character, no digits or
# sentence punctuation inside; a trailing colon may be part of it) followed at once by itself:
# reduplications (常常, 研究研究) are shorter, numbers and lists of codes are not phrases
_REPEATED = re.compile(rf"(?=(?P<all>(?P<x>[{CJK}][^\s\d，。；、,.;（）()“”\"《》：:！？!?]{{2,}}?[：:]?)\s*(?P=x)))")
# a phrase of five or more characters repeated after one or two other characters, the trace of a
# rewording that kept both versions ("产生的接待支出发生的接待支出"); with punctuation between them
# ("…（款）…（项）", "一是…二是…") the repetition is a list, not a slip
_REPEATED_WITH_GAP = re.compile(rf"(?=(?P<all>(?P<x>[{CJK}]{{5,}})(?P<g>[{CJK}]{{1,2}})(?P=x)))")
MIN_CJK = 3


class DuplicatedPhrase(Rule):
    """A phrase repeated by mistake.

    What it checks:
        In the narrative, a phrase of at least three characters written twice in a row
        ("主要原因是主要原因是", "具体内容包括：具体内容包括："), or a phrase of at least five characters
        repeated after one or two characters ("产生的接待支出发生的接待支出": a rewording that kept
        both versions). Table rows, numbers, reduplications (常常) and lists whose items are
        separated by punctuation ("一是……二是……", "（款）……（项）") are not read.
    Why an auditor cares:
        A repeated phrase is a sentence nobody proofread: the disclosure is published as written,
        and a text that was not read before publication may hide other slips.
    Fails:
        "公务用车购置及运行维护费较上年预算减少0万元。主要原因是主要原因是公车已上交县政府统一管理。"
    Passes:
        "主要原因是公车已上交县政府统一管理。"
    """

    doc_zh = """误写两遍的语句。

    检查内容：
        文字说明中连续写了两遍的三个字以上的语句（“主要原因是主要原因是”“具体内容包括：具体内容包括：”），
        或隔一两个字重复的五个字以上的语句（“产生的接待支出发生的接待支出”：改写后两个版本都留下了）。表格行、
        数字、叠词（常常）以及用标点隔开的列举（“一是……二是……”“（款）……（项）”）不作检查。
    为什么重要：
        重复的语句是没人校对过的句子：公开文件按原样发布，发布前没有读过的文字中，可能还藏着其他疏漏。
    不通过：
        “公务用车购置及运行维护费较上年预算减少0万元。主要原因是主要原因是公车已上交县政府统一管理。”
    通过：
        “主要原因是公车已上交县政府统一管理。”
    """

    code = "LNG001"
    title = "语句重复"
    category = "other"
    severity = Severity.low

    def check(self, doc: Document) -> Iterable[Finding]:
        for p in narrative_paragraphs(doc):
            reported_until = -1
            for start, end, phrase, whole in _repetitions(p.text):
                if start < reported_until:
                    continue  # one finding per repeated stretch
                reported_until = end
                ev = span_evidence(p, start, end)
                yield self.finding(
                    f"“{ev.text}”中“{phrase}”重复出现（“{whole}”），文字未经校对，应删去重复部分",
                    [ev],
                    key=f"dup|{normalize_label(whole)}|{normalize_label(ev.text)[:40]}",
                    confidence=0.9,
                )


def _repetitions(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, phrase, repeated stretch) of every repetition, in text order."""
    found = []
    for m in _REPEATED.finditer(text):
        x = m.group("x")
        if len(re.findall(rf"[{CJK}]", x)) < MIN_CJK or len(set(x)) == 1:
            continue
        found.append((m.start(), m.end("all"), x, m.group("all")))
    for m in _REPEATED_WITH_GAP.finditer(text):
        x, g = m.group("x"), m.group("g")
        # with the characters before it, the first phrase shows the two versions side by side
        found.append((m.start(), m.end("all"), x, text[max(0, m.start() - len(g)) : m.end("all")]))
    return sorted(found)
