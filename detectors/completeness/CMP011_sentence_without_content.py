"""CMP011: a sentence that announces its content and stops ("主要用于：。", "包括：；")."""

from __future__ import annotations

import re
from collections.abc import Iterable

from extract.numbers import normalize_digits
from models import Document, Evidence, Finding, Severity

from ..base import Rule

# a colon, or a verb that must be followed by what it introduces, directly followed by the end of
# the sentence ("原因是，……" and "如下。" before a table are how such content is written, not gaps)
_EMPTY = re.compile(r"(?P<lead>[\u4e00-\u9fff]{0,12}(?:[:：]|主要用于|用于|主要包括|包括|分别为|具体为|原因是))\s*[。；;！!？?]")


class SentenceWithoutContent(Rule):
    """A sentence says what follows and then says nothing.

    What it checks:
        A colon, or a word that introduces a list or a reason (主要用于, 包括, 分别为, 原因是 …),
        followed at once by the end of the sentence ("主要用于：。", "增加的原因是。", "包括：；").
    Why an auditor cares:
        The template asked for the content — what the money was used for, why it changed — and
        it was never written: the explanation the disclosure owes its readers is missing.
    Fails:
        "2023年预算数为16万元，主要用于：。"
    Passes:
        "2023年预算数为16万元，主要用于建国初期参加革命工作退休人员门诊补助。"
    """

    doc_zh = """句子说后面有内容，接着却什么也没说。

    检查内容：
        冒号，或引出列举、原因的词语（主要用于、包括、分别为、原因是……），紧接着就是句子结束（“主要用于：。”
        “增加的原因是。”“包括：；”）。
    为什么重要：
        模板要求写明内容——资金用于什么、为什么变动——却从未写上：公开文件应向读者作出的说明缺失了。
    不通过：
        “2023年预算数为16万元，主要用于：。”
    通过：
        “2023年预算数为16万元，主要用于建国初期参加革命工作退休人员门诊补助。”
    """

    code = "CMP011"
    title = "句子缺少应有内容"
    category = "missing_or_blank"
    severity = Severity.low

    def check(self, doc: Document) -> Iterable[Finding]:
        for p in doc.paragraphs:
            text = normalize_digits(p.text)
            for m in _EMPTY.finditer(text):
                lead = m.group("lead")
                start = max(0, m.start() - 30)
                yield self.finding(
                    f"“{p.text[start : m.end()].strip()}”：“{lead.strip()}”之后没有内容，应说明的内容缺失",
                    [
                        Evidence(
                            p.text[start : m.end() + 20].strip(), p.page_at(m.start()), p.span_bbox(m.start(), m.end()), "stated"
                        )
                    ],
                    key=f"empty|{text[start : m.end()]}",
                )
