"""PRF007: a self-evaluation score stated in the text with no scored table behind it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from extract.numbers import normalize_digits
from models import Document, Evidence, Finding, Paragraph, Severity

from ..base import Rule

_SCORE = re.compile(
    r"(?P<what>综合评分|综合得分|自评得分|自评分数|评价得分|绩效评分|总得分|自评总分|评分)(?:结果)?(?:为|是|达到?|[:：])?\s*"
    r"(?P<score>\d+(?:\.\d+)?)\s*分"
)
_SENTENCE_END = re.compile(r"[。！？!?]")


def sentence_at(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence around text[start:end]."""
    before = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    after = _SENTENCE_END.search(text, end)
    return before, after.end() if after else len(text)


def scored(doc: Document) -> bool:
    """True when some performance table gives scores (an indicator's 得分 or a 总分)."""
    return any(p.total_score is not None or any(i.score is not None for i in p.indicators) for p in doc.projects)


class ScoreWithoutTable(Rule):
    """A stated self-evaluation score can be traced to a scoring table.

    What it checks:
        Sentences that give a self-evaluation score ("综合评分为97.87分", "自评得分91分") in a
        document none of whose performance tables scores anything — no 得分 per indicator, no 总分.
    Why an auditor cares:
        A score is the conclusion of the evaluation; without the indicators it was scored on it
        cannot be checked, and the problems the report itself describes (a 36.67% execution
        rate, a deficit) do not show in it.
    Fails:
        "……取得了较好的社会效益。综合评分为97.87分，自评结果为“优”。" with no 自评表
    Passes:
        the same sentence beside a 部门整体支出绩效自评表 whose indicators carry 得分 and a 总分
    """

    doc_zh = """写出的自评得分能追溯到评分表。

    检查内容：
        给出自评得分的句子（“综合评分为97.87分”“自评得分91分”），而文件中的绩效表都没有打分——既没有各指标
        得分，也没有总分。
    为什么重要：
        得分是评价的结论；没有据以打分的指标就无法核实，报告自己描述的问题（36.67%的执行率、赤字）在得分中也
        看不出来。
    不通过：
        “……取得了较好的社会效益。综合评分为97.87分，自评结果为“优”。”，文件中没有自评表
    通过：
        同样的句子，旁边有部门整体支出绩效自评表，各指标有得分并有总分
    """

    code = "PRF007"
    title = "自评得分无评分表支撑"
    category = "missing_or_blank"
    severity = Severity.medium

    def check(self, doc: Document) -> Iterable[Finding]:
        if scored(doc):
            return
        seen: set[str] = set()
        for p in doc.paragraphs:
            for m in _SCORE.finditer(normalize_digits(p.text)):
                start, end = sentence_at(p.text, m.start(), m.end())
                sentence = p.text[start:end].strip()
                if sentence in seen:
                    continue
                seen.add(sentence)
                yield self._finding(doc, p, sentence, m)

    def _finding(self, doc: Document, p: Paragraph, sentence: str, m: re.Match) -> Finding:
        score = Decimal(m.group("score"))
        tables = {pr.table for pr in doc.projects}
        missing = (
            f"文件所附 {len(tables)} 张绩效表均未给出各项指标的分值、得分和总分"
            if tables
            else "文件中没有给出各项指标分值和得分的绩效自评表（评分表）"
        )
        return self.finding(
            f"文中称“{m.group(0)}”，但{missing}，该得分无法复核",
            [Evidence(sentence, p.page_at(m.start()), p.span_bbox(m.start(), m.end()), "stated")],
            key=f"score|{m.group('what')}|{score}",
            values={"stated": score},
            confidence=0.8,
        )
