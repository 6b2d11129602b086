"""YOY004: a change called 增加 (减少, 持平) against the two figures the sentence states, and
against the direction of its own reason."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from extract.numbers import normalize_label
from models import Document, Figure, Finding, Paragraph, Severity

from ..base import Rule, figure_key, materiality
from ..language._text import narrative_paragraphs, sentence_span, span_evidence
from ..linking import class_path
from ._sentences import by_paragraph, movement

_UP = ("增加", "增长", "上升", "提高")
_DOWN = ("减少", "下降", "降低")
_WORD = "增加|增长|上升|提高|减少|下降|降低"
# "比2023年预算执行数减少2.98%", "与2023年度相比，收入支出总计增加", "比年初预算数减少", "与上年持平"
_CHANGE = re.compile(
    r"(?:比|较|与|同)\s*(?P<base>[^，。；,;：:比较与同]{1,25}?)"
    r"(?:\s*(?:相比|相较|比较)[，,]?\s*[^，。；,;：:]{0,25}?)?"
    rf"\s*(?P<word>{_WORD}|持平)"
    rf"(?P<alt>\s*[（(/／]\s*(?:{_WORD}))?"
)
# the base must be a time or a budget: "2023年预算执行数", "上年", "年初预算数"
_BASE_MARK = re.compile(r"20\d{2}\s*年|上年|去年|上一年|年初|预算|决算|同期")
_YEAR = re.compile(r"(20\d{2})\s*年")
# what kind of figure the base is, most specific first
_BASE_KINDS = ("执行数", "年初预算", "全年预算", "决算", "预算")
_PREVIOUS = re.compile(r"上年|去年|上一年|上年度")
# "主要原因是：宣传事务一般行政管理事务经费增加。" — a reason that is itself one change of one thing
_REASON = re.compile(rf"原因(?:是|为|在于)?[:：]?\s*(?P<subject>[^，。；,;:：、]{{2,40}}?)(?P<word>{_WORD})了?\s*(?=[。；;]|$)")
_CONTRAST = re.compile(rf"但|而|虽|部分|其中|以及|{_WORD}|持平")
_MONEY_WORDS = re.compile(r"(?:经费|支出|资金|费用|预算|拨款|安排)+$")


def _direction(word: str) -> int:
    return 1 if word in _UP else -1 if word in _DOWN else 0


def _is_base(subject: str, base: str) -> bool:
    """A stated figure is the comparison's base: it names the base's years and its kind
    ("2023年当年预算执行数" for "比2023年预算执行数")."""
    subject, base = normalize_label(subject), normalize_label(base)
    years = set(_YEAR.findall(base))
    if not years <= set(_YEAR.findall(subject)):
        return False
    if _PREVIOUS.search(base) and not _PREVIOUS.search(subject):
        return False
    kind = next((k for k in _BASE_KINDS if k in base), None)
    if kind and kind not in subject:
        return False
    return bool(years or _PREVIOUS.search(base) or kind)


@dataclass(frozen=True)
class _Change:
    start: int
    end: int
    word: str
    direction: int  # as stated
    base: Figure | None = None
    current: Figure | None = None

    @property
    def measured(self) -> int | None:
        """What the two stated figures say: +1 up, -1 down, 0 printed equal, None within rounding
        or not stated."""
        if self.base is None or self.current is None:
            return None
        return movement(self.base, self.current)


class ChangeDirection(Rule):
    """增加 where the figures went down, 减少 where they went up, 持平 where they differ; a reason
    moving the other way from the change it explains.

    What it checks:
        A comparison ("比2023年预算执行数减少2.98%", "比年初预算数减少1.26万元", "与上年持平") whose
        base is stated as a figure in the same sentence ("2023年当年预算执行数为114.00万元") next
        to the current figure ("2024年预算安排110.60万元"): the direction word must agree with the
        two figures, beyond their rounding. Then the reason given for it, when the reason is one
        change of the same item ("主要原因是：宣传事务一般行政管理事务经费增加" for the item
        "宣传事务（款）一般行政管理事务（项）"): it must move the same way as the change. A reason
        naming another item, or several changes, is not judged.
    Why an auditor cares:
        A change in the wrong direction misreports the year's movement; a reason that goes the other
        way explains nothing, and shows the sentence was written from another item or year.
    Fails:
        "2023年当年预算执行数为114.00万元，2024年预算安排110.60万元，比2023年预算执行数增加2.98%。"
        "…比2023年预算执行数减少2.98%。主要原因是：宣传事务一般行政管理事务经费增加。" (item 宣传事务（款）一般行政管理事务（项）)
    Passes:
        "2023年当年预算执行数为114.00万元，2024年预算安排110.60万元，比2023年预算执行数减少2.98%。主要原因是：宣传事务一般行政管理事务经费减少。"
        "…比2023年预算执行数增加15.95%。主要原因是：事业单位离退休经费增加。" (another item: not judged)
    """

    doc_zh = """增减方向与数字或原因相反。

    检查内容：
        比较用语（“比2023年预算执行数减少2.98%”“比年初预算数减少1.26万元”“与上年持平”），其基数在同一句中
        以数字写明（“2023年当年预算执行数为114.00万元”），并有本期数字（“2024年预算安排110.60万元”）：增减
        用词必须与两个数字（超出其尾数误差）的方向一致。然后看所给的原因：原因是同一科目的一项变动时（科目
        “宣传事务（款）一般行政管理事务（项）”的“主要原因是：宣传事务一般行政管理事务经费增加”），其方向必须
        与变动相同。原因涉及其他科目或多项变动的，不作判断。
    为什么重要：
        方向写反的变动误报了当年的变化；方向相反的原因什么也解释不了，说明这句话是按其他科目或其他年度写的。
    不通过：
        “2023年当年预算执行数为114.00万元，2024年预算安排110.60万元，比2023年预算执行数增加2.98%。”
        “……比2023年预算执行数减少2.98%。主要原因是：宣传事务一般行政管理事务经费增加。”（科目为宣传事务（款）
        一般行政管理事务（项））
    通过：
        “2023年当年预算执行数为114.00万元，2024年预算安排110.60万元，比2023年预算执行数减少2.98%。主要原因是：
        宣传事务一般行政管理事务经费减少。”
        “……比2023年预算执行数增加15.95%。主要原因是：事业单位离退休经费增加。”（其他科目：不作判断）
    """

    code = "YOY004"
    title = "增减方向与数字或原因相反"
    category = "yoy_recompute"
    severity = Severity.medium

    def check(self, doc: Document) -> Iterable[Finding]:
        figures = {figs[0].paragraph: figs for figs in by_paragraph(doc)}
        for p in narrative_paragraphs(doc):
            changes = self._changes(p, figures.get(p.index, []))
            for c in changes:
                if c.measured is not None and (c.measured != 0 if c.direction == 0 else c.measured == -c.direction):
                    yield self._against_figures(p, c)
            yield from self._reasons(p, changes)

    @staticmethod
    def _changes(p: Paragraph, figs: list[Figure]) -> list[_Change]:
        out = []
        for m in _CHANGE.finditer(p.text):
            if m.group("alt") or not _BASE_MARK.search(m.group("base")):
                continue  # "增加（减少）": unresolved (CMP003); "收入与支出增加": no comparison
            a, _ = sentence_span(p.text, m.start(), m.end())
            amounts = [f for f in figs if f.kind == "amount" and f.amount is not None and a <= f.start < m.start()]
            bases = [f for f in amounts if _is_base(f.subject, m.group("base"))]
            base = current = None
            if len(bases) == 1:
                base = bases[0]
                i = amounts.index(base)
                neighbours = amounts[i + 1 : i + 2] or amounts[max(i - 1, 0) : i]
                current = next((f for f in neighbours if not _PREVIOUS.search(f.subject)), None)
            word = m.group("word")
            out.append(_Change(m.start("word"), m.end("word"), word, _direction(word), base, current if base else None))
        return out

    def _against_figures(self, p: Paragraph, c: _Change) -> Finding:
        said = c.word
        actually = "增加" if c.measured > 0 else "减少" if c.measured < 0 else "持平"
        b, cur = c.base.amount.wan, c.current.amount.wan
        return self.finding(
            f"文中称“{said}”，但同句所列{c.base.subject} {c.base.text}、{c.current.subject} {c.current.text}：实为{actually}，"
            f"增减方向与数字相反",
            [span_evidence(p, c.start, c.end)],  # the sentence states both figures
            key=f"{figure_key(c.current)}|{said}",
            values={"previous": b, "current": cur, "difference": cur - b},
            materiality=materiality(cur - b, b),
        )

    def _reasons(self, p: Paragraph, changes: list[_Change]) -> Iterable[Finding]:
        for m in _REASON.finditer(p.text):
            change = next((c for c in reversed(changes) if c.end <= m.start()), None)
            if change is None or not change.direction or change.measured == -change.direction:
                continue  # no change before it, 持平, or the change itself is wrong (reported above)
            # the reason explains the change of its own sentence or of the sentence just before
            a, _ = sentence_span(p.text, m.start(), m.end())
            previous = sentence_span(p.text, a - 1, a - 1)[0] if a else 0
            if change.start < previous:
                continue
            subject = m.group("subject")
            if _CONTRAST.search(subject):
                continue
            names = _item_names(p.text[: change.start])
            if _MONEY_WORDS.sub("", normalize_label(subject)) not in names:
                continue
            reason = _direction(m.group("word"))
            if reason != -change.direction:
                continue
            certain = change.measured == change.direction
            ev = [span_evidence(p, m.start("subject"), m.end("word")), span_evidence(p, change.start, change.end, "context")]
            yield self.finding(
                f"变动为“{change.word}”，所列原因却是同一科目“{m.group('subject')}{m.group('word')}”，原因与变动方向相反"
                + ("（同句所列两年数字证实变动方向）" if certain else ""),
                ev,
                key=f"reason|{normalize_label(subject)}|{m.group('word')}|{change.word}",
                severity=Severity.medium if certain else Severity.low,
                values={"previous": change.base.amount.wan, "current": change.current.amount.wan} if certain else {},
            )


def _item_names(text: str) -> set[str]:
    """The ways a reason may name the item the text before it is about: its 项, 款+项 and
    类+款+项 names ("宣传事务一般行政管理事务" for 宣传事务（款）一般行政管理事务（项）)."""
    path = [_MONEY_WORDS.sub("", n) or n for n in class_path(text)]
    return {"".join(path[i:]) for i in range(len(path))} - {""}
