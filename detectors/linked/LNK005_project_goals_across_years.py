"""LNK005: the same project's goals from one year to the next: pasted unchanged with last year's
numbers, or targets lowered while the budget rose."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from extract.numbers import normalize_label, parse_cell
from models import Document, Evidence, Finding, Project, Severity

from ..base import fmt
from ..performance._common import core_name, indicator_row, project_row, same_project, same_project_docs
from ._common import LinkedRule, elsewhere
from .families import YEARS, Link

MIN_GOAL = 20  # characters: a goal shorter than this is a phrase every project may share


class ProjectGoalsAcrossYears(LinkedRule):
    """A project's goals are this year's.

    What it checks:
        The projects of a family's two consecutive documents (matched by name, the year taken off):
        a 预期目标 / 年度目标 copied word for word from last year's document that names last year's
        year or budget while this year's budget differs; and a quantity indicator whose target fell
        (≥ 90 → ≥ 80) while the project's budget rose.
    Why an auditor cares:
        Goals are set for the money of the year; last year's goals pasted with last year's numbers
        were not set at all, and a target lowered while the money grows asks for an explanation.
    Fails:
        2024 "2024年完成培训200人次" (预算 50万元) restated word for word in 2025 (预算 60万元)
    Passes:
        2025 "2025年完成培训240人次" (预算 60万元)
    """

    doc_zh = """项目目标是本年度的目标。

    检查内容：
        文档族中相邻两年文件里的同一项目（按名称对应，去掉年份）：预期目标/年度目标与上年文件一字不差，仍写着
        上年的年份或预算数，而本年预算已变；以及预算增加时某个数量指标的目标值反而降低（≥90 → ≥80）。
    为什么重要：
        目标是按当年资金设定的；照搬上年、连上年数字一起粘贴的目标等于没有设定，而资金增加目标却降低需要解释。
    不通过：
        2024年“2024年完成培训200人次”（预算50万元）在2025年原样重述（预算60万元）
    通过：
        2025年“2025年完成培训240人次”（预算60万元）
    """

    code = "LNK005"
    title = "项目目标照搬上年或预算增加而目标降低"
    category = "copy_paste_text"
    severity = Severity.low
    version = 2
    kinds = (YEARS,)

    def check_link(self, link: Link, earlier: Document, later: Document) -> Iterable[Finding]:
        before = same_project_docs(earlier)
        for p in same_project_docs(later):
            q = next((q for q in before if same_project(core_name(p.name), core_name(q.name))), None)
            if q is None:
                continue
            yield from self._goal(earlier, later, q, p)
            yield from self._targets(earlier, later, q, p)

    def _goal(self, earlier: Document, later: Document, q: Project, p: Project) -> Iterable[Finding]:
        goal_p, goal_q = normalize_label(p.goal_expected), normalize_label(q.goal_expected)
        if len(goal_p) < MIN_GOAL or goal_p != goal_q or p.budget == q.budget:
            return
        stale = [str(earlier.year)] if earlier.year and str(earlier.year) in goal_p else []
        if q.budget is not None and fmt(q.budget) in goal_p:
            stale.append(fmt(q.budget))
        if not stale:
            return
        row_p, row_q = _goal_row(later, p), _goal_row(earlier, q, "expected")
        ev = [e for e in (row_p,) if e is not None] + [elsewhere(e, earlier) for e in (row_q,) if e is not None]
        yield self.on(
            later,
            self.finding(
                f"项目“{p.name}”的预期目标与{earlier.year}年文件一字不差，仍写着上年的“{'、'.join(stale)}”，"
                f"而预算已由 {fmt(q.budget)} 万元变为 {fmt(p.budget)} 万元：目标照搬上年",
                ev,
                key=f"goal|{core_name(p.name)}",
                values={"stated": p.budget, "expected": q.budget},
            ),
        )

    def _targets(self, earlier: Document, later: Document, q: Project, p: Project) -> Iterable[Finding]:
        if p.budget is None or q.budget is None or p.budget <= q.budget:
            return
        old = {normalize_label(i.name): i for i in q.indicators}
        for ind in p.indicators:
            prev = old.get(normalize_label(ind.name))
            if prev is None:
                continue
            now, then = _target(ind.target), _target(prev.target)
            if now is None or then is None or now[1:] != then[1:]:
                continue
            if now[2] in ("≤", "<") or now[0] >= then[0]:
                continue  # a ceiling lowered is a stricter target
            now_row, then_row = indicator_row(later, p, ind.row), indicator_row(earlier, q, prev.row, "expected")
            ev = [e for e in (now_row,) if e is not None] + [elsewhere(e, earlier) for e in (then_row,) if e is not None]
            yield self.on(
                later,
                self.finding(
                    f"项目“{p.name}”预算由 {fmt(q.budget)} 万元增至 {fmt(p.budget)} 万元，指标“{ind.name}”的目标却由 "
                    f"{prev.target.strip()} 降为 {ind.target.strip()}",
                    ev,
                    key=f"target|{core_name(p.name)}|{normalize_label(ind.name)}",
                    values={"stated": now[0], "expected": then[0]},
                    category="perf_score",
                ),
            )


def _goal_row(doc: Document, p: Project, role: str = "stated") -> Evidence | None:
    """Where the project's goal is printed: its 目标 row, or (a 项目绩效目标表 printing the goal
    beside the first indicator) the project's first row."""
    row = project_row(doc, p, "goals", role)
    if row is None and p.indicators:
        row = indicator_row(doc, p, p.indicators[0].row, role)
    return row


# "≥59场次", "≥ 95 %": a comparator, a number and a unit of any counted thing
_COUNTED = re.compile(r"(≥|>=|>|≤|<=|<|=)?(\d+(?:\.\d+)?)(%|[\u4e00-\u9fff]{1,4})")


def _target(target: str) -> tuple[Decimal, str, str] | None:
    """A target's value, unit and comparator, whatever it counts (None: a range, a text)."""
    bare = re.sub(r"\s+", "", target).replace(">=", "≥").replace("<=", "≤")
    parsed = parse_cell(bare)
    if parsed.value is not None:
        return parsed.value, parsed.unit, parsed.comparator
    m = _COUNTED.fullmatch(bare)
    return (Decimal(m.group(2)), m.group(3), m.group(1) or "") if m else None
