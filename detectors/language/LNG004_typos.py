"""LNG004: a character doubled inside a word the document writes elsewhere without the doubling
("医保保局"), and unambiguous misspellings of common words ("振慑")."""

from __future__ import annotations

import re
from collections.abc import Iterable

from extract.numbers import normalize_label
from models import Document, Finding, Severity

from ..base import Rule
from ._text import CJK, narrative_paragraphs, span_evidence

# wrong → right: only misspellings that are never a word themselves in a budget disclosure
CONFUSABLES = {
    "振慑": "震慑",
    "拔款": "拨款",
    "拔付": "拨付",
    "布署": "部署",
    "再接再励": "再接再厉",
    "贯切落实": "贯彻落实",
    "一如继往": "一如既往",
    "按步就班": "按部就班",
    "迫在眉捷": "迫在眉睫",
    "积效": "绩效",
}
MIN_UNDOUBLED = 2  # how often the document must write the word without the doubling


class Typos(Rule):
    """A misspelt word.

    What it checks:
        (1) A Chinese character written twice where the document elsewhere (at least twice, in
        its text or tables) writes the same word once, and where the doubled character does not
        start or end another word of the document ("由医保保局列支" while the text says 医保局: 保局
        is no word; "纳入医保保障范围" is 医保 + 保障 and passes). (2) A short list of misspellings
        that are never right (振慑 → 震慑, 拔款 → 拨款, 布署 → 部署, 再接再励 → 再接再厉 …).
    Why an auditor cares:
        A published disclosure with misspelt words was not proofread; the same inattention
        lets wrong numbers through.
    Fails:
        "经费由医保保局列2024年项目支出。" in a document that says 医保局 elsewhere
    Passes:
        "经费由医保局列2024年项目支出。"
    """

    doc_zh = """错别字。

    检查内容：
        （1）某个汉字写了两遍，而文件其他地方（正文或表格中至少两次）同一个词只写一遍，且重复的字不是文件中另一个
        词的开头或结尾（“由医保保局列支”，而正文说医保局：“保局”不成词；“纳入医保保障范围”是医保 + 保障，不报告）。
        （2）一份永远不会正确的错字短表（振慑 → 震慑，拔款 → 拨款，布署 → 部署，再接再励 → 再接再厉……）。
    为什么重要：
        有错别字的公开文件没有经过校对；同样的疏忽也会放过错误的数字。
    不通过：
        “经费由医保保局列2024年项目支出。”，而文件其他地方写的是医保局
    通过：
        “经费由医保局列2024年项目支出。”
    """

    code = "LNG004"
    title = "错别字"
    category = "other"
    severity = Severity.low

    def check(self, doc: Document) -> Iterable[Finding]:
        corpus = "\n".join(
            [normalize_label(p.text) for p in doc.paragraphs] + [normalize_label(c.text) for _, _, c in doc.iter_cells()]
        )
        for p in narrative_paragraphs(doc):
            text, where = _compact(p.text)
            for i in range(1, len(text) - 2):
                found = _doubled(text, i, corpus)
                if found is None:
                    continue
                wrong, right, count = found
                ev = span_evidence(p, where[i - 1], where[i + 2] + 1)
                yield self.finding(
                    f"“{ev.text}”中“{wrong}”多写了一个“{text[i]}”，文中其他地方写作“{right}”（{count} 处），应为“{right}”",
                    [ev],
                    key=f"double|{wrong}|{normalize_label(ev.text)[:40]}",
                    confidence=0.85,
                )
            for wrong, right in CONFUSABLES.items():
                for m in re.finditer(re.escape(wrong), p.text):
                    ev = span_evidence(p, m.start(), m.end())
                    yield self.finding(
                        f"“{ev.text}”中“{wrong}”为错别字，应为“{right}”",
                        [ev],
                        key=f"typo|{wrong}|{normalize_label(ev.text)[:40]}",
                        confidence=0.9,
                    )


def _compact(text: str) -> tuple[str, list[int]]:
    """The text without whitespace, and for each of its characters the offset in the original."""
    where = [i for i, c in enumerate(text) if not c.isspace()]
    return "".join(text[i] for i in where), where


def _doubled(text: str, i: int, corpus: str) -> tuple[str, str, int] | None:
    """For text[i] == text[i+1]: (doubled word, the word, how often the document writes it) when
    the doubling is a slip."""
    c, x, y = text[i], text[i - 1], text[i + 2]
    if text[i + 1] != c or not all(re.fullmatch(rf"[{CJK}]", ch) for ch in (x, c, y)) or x == c or y == c:
        return None
    word, wrong = x + c + y, x + c + c + y
    count = corpus.count(word)
    if count < MIN_UNDOUBLED or corpus.count(wrong) >= count:
        return None
    # a word boundary between the two characters leaves two words ("医保" + "保障"), each of which
    # the document also writes on its own; a slip leaves a fragment ("保局") found nowhere else
    alone_left = corpus.count(x + c) - count - corpus.count(x + c + c)
    alone_right = corpus.count(c + y) - count - corpus.count(c + c + y)
    if alone_left > 0 and alone_right > 0:
        return None
    return wrong, word, count
