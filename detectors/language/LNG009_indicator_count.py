"""LNG009: a stated number of indicators against the headings that list them ("项目决策等10项一级
指标" and an analysis that lists （一）项目决策 … （七）教育文化)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from extract.numbers import normalize_digits, normalize_label
from models import Document, Finding, Section, Severity

from ..base import Rule
from ._text import CJK, span_evidence

# "项目决策等10项一级指标、程序严密等17项二级指标"
_STATED = re.compile(
    rf"(?:(?P<name1>[{CJK}]{{2,12}})等)?(?P<n1>\d+)\s*[项个]\s*一级指标"
    rf"(?:[、，,和及以]*\s*(?:(?P<name2>[{CJK}]{{2,12}})等)?(?P<n2>\d+)\s*[项个]\s*二级指标)?"
)
_CN = {c: i + 1 for i, c in enumerate("一二三四五六七八九")}
_MARK = re.compile(r"^(?:第(?P<part>[一二三四五六七八九十]+)部分|[（(]?(?P<num>[一二三四五六七八九十]+|\d{1,2})[)）、.．]?)")
AHEAD = 80  # paragraphs: the analysis follows the indicator system within the same report


def _number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _CN.get(text[1:], 0) if len(text) == 2 else None
    if len(text) == 1:
        return _CN.get(text)
    if len(text) in (2, 3) and text[1] == "十":
        return _CN.get(text[0], 0) * 10 + (_CN.get(text[2], 0) if len(text) == 3 else 0)
    return None


def _mark(title: str) -> int | None:
    m = _MARK.match(title.strip())
    return _number(m.group("num")) if m and m.group("num") else None


def _name(title: str) -> str:
    return normalize_label(_MARK.sub("", title.strip(), count=1)).rstrip("。.")


def _children(doc: Document, i: int) -> list[Section]:
    """The sections directly under doc.sections[i], when they are numbered 1, 2, 3 … in order."""
    parent = doc.sections[i]
    kids: list[Section] = []
    for s in doc.sections[i + 1 :]:
        if s.level <= parent.level:
            break
        if s.level == parent.level + 1:
            kids.append(s)
    if [_mark(k.title) for k in kids] != list(range(1, len(kids) + 1)):
        return []
    return kids


def _names(stated: str, s: Section) -> bool:
    """ "项目决策等10项一级指标" names the first heading "（一）项目决策"."""
    name = _name(s.title)
    return len(name) >= 2 and normalize_label(stated).endswith(name)


class IndicatorCount(Rule):
    """The number of indicators a report states is the number it lists.

    What it checks:
        "X等N项一级指标（、Y等M项二级指标）" in an evaluation report, against the numbered
        headings of the analysis that follows within the same report: the section whose first
        sub-heading is X (or, without X, whose sub-sub-headings number M) lists its 一级指标 as
        sub-headings （一）（二）… and its 二级指标 as 1. 2. … under them. Only a list numbered in
        order from 1 is counted; a count that differs is reported.
    Why an auditor cares:
        The report claims to be scored on N indicators but analyses fewer; either indicators
        were dropped from the analysis or the description of the indicator system was copied
        from another report — in both cases the score is not what the text says it rests on.
    Fails:
        "主要报告：项目决策等10项一级指标、程序严密等17项二级指标" followed by "四、绩效评价指标分析"
        with （一）项目决策 … （七）教育文化 (7, not 10)
    Passes:
        the same with "项目决策等7项一级指标、程序严密等17项二级指标"
    """

    doc_zh = """报告所说的指标数量，等于它列出的指标数量。

    检查内容：
        评价报告中的“X等N项一级指标（、Y等M项二级指标）”，与同一报告随后分析部分的编号标题比较：第一个小标题为X
        （没有X时，其下一级小标题数为M）的部分，以（一）（二）……列出一级指标，以 1. 2. ……在其下列出二级指标。只统计
        从1开始按顺序编号的列表；数量不同的予以报告。
    为什么重要：
        报告称按N项指标打分，分析的却更少；要么有指标没纳入分析，要么指标体系的描述是从别的报告抄来的——两种情况下
        得分都不是文字所说的依据。
    不通过：
        “主要报告：项目决策等10项一级指标、程序严密等17项二级指标”，随后“四、绩效评价指标分析”为（一）项目决策……
        （七）教育文化（7项，不是10项）
    通过：
        同样的内容写作“项目决策等7项一级指标、程序严密等17项二级指标”
    """

    code = "LNG009"
    title = "指标数量与所列指标不符"
    category = "other"
    severity = Severity.low

    def check(self, doc: Document) -> Iterable[Finding]:
        for p in doc.paragraphs:
            text = normalize_digits(p.text)
            for m in _STATED.finditer(text):
                found = self._analysis(doc, p.index, m)
                if found is None:
                    continue
                head, kids, grand = found
                n1, n2 = int(m.group("n1")), int(m.group("n2")) if m.group("n2") else None
                counted = len(grand) if grand else None
                if n1 == len(kids) and (n2 is None or counted is None or n2 == counted):
                    continue
                yield self._finding(doc, p, m, head, kids, counted, n1, n2)

    def _analysis(self, doc: Document, at: int, m: re.Match) -> tuple[Section, list[Section], list[Section]] | None:
        """The heading of the analysis, its 一级 sub-headings and its 二级 sub-sub-headings."""
        name1, name2 = m.group("name1") or "", m.group("name2") or ""
        n2 = int(m.group("n2")) if m.group("n2") else None
        for i, s in enumerate(doc.sections):
            if s.paragraph <= at:
                continue
            if s.paragraph > at + AHEAD:
                break
            kids = _children(doc, i)
            if len(kids) < 2:
                continue
            grand: list[Section] = []
            for k in kids:
                sub = _children(doc, doc.sections.index(k))
                grand += sub
            named = _names(name1, kids[0])
            named2 = bool(grand) and _names(name2, grand[0])
            if named or named2 or (not name1 and n2 is not None and len(grand) == n2 and "指标" in s.title):
                return s, kids, grand
        return None

    def _finding(self, doc: Document, p, m: re.Match, head: Section, kids, counted, n1: int, n2) -> Finding:
        last = doc.paragraphs[kids[-1].paragraph]
        ev = [span_evidence(p, m.start(), m.end()), span_evidence(last, 0, len(last.text), "expected")]
        parts = [f"{len(kids)}项一级指标（“{kids[0].title.strip()}”至“{kids[-1].title.strip()}”）"]
        if counted is not None:
            parts.append(f"{counted}项二级指标")
        diffs = []
        if n1 != len(kids):
            diffs.append(f"一级指标称{n1}项、实列{len(kids)}项")
        if n2 is not None and counted is not None and n2 != counted:
            diffs.append(f"二级指标称{n2}项、实列{counted}项")
        stated, expected = (n1, len(kids)) if n1 != len(kids) else (n2, counted)
        return self.finding(
            f"“{m.group(0)}”，但“{head.title.strip()}”下列有{'、'.join(parts)}：{'；'.join(diffs)}，指标数量与所列不符",
            ev,
            key=f"indicators|{normalize_label(m.group(0))}|{normalize_label(head.title)}",
            values={"stated": Decimal(stated), "expected": Decimal(expected)},
            confidence=0.85,
        )
