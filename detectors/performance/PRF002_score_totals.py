"""PRF002: Σ分值 = 100 and 总分 = Σ得分 in a performance table (self-evaluation or target list)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from extract.numbers import normalize_label
from models import Document, Finding, Project, Severity

from ..base import Rule, fmt, table_label
from ._common import evidence, indicator_row, project_row, same_project_docs

FULL = Decimal(100)
# an indicator group's header with its weight: "效益指标 (50分)", "经济效益指标（10分）"
_GROUP_WEIGHT = re.compile(r"^(.{2,12}指标)[(（](\d+(?:\.\d+)?)分[)）]$")
EXECUTION_SHARE = Decimal(10)  # the 预算执行率 line some templates keep out of the indicators


class ScoreTotals(Rule):
    """The weights add up to the total weight and the scores to the total score.

    What it checks:
        In each 绩效自评表: the indicators' 分值 plus the execution line's 分值 = the 总分 row's 分值
        (100), and the indicators' 得分 plus the execution 得分 = the 总分 row's 得分. In a table
        without a 总分 row (a 项目绩效目标申报表 listing several projects) every indicator's 权重 is
        read and the projects' weights together must make 100 per project; when they make 90 per
        project it is said at info level (some templates keep 10 for the 预算执行率). An indicator
        group's printed weight ("效益指标 (50分)", "经济效益指标 (10分)") against the weights of the
        indicators under it, at low level.
    Why an auditor cares:
        A total score that is not the sum of its lines was written, not computed; it is the
        figure that goes into the department's evaluation. Weights that do not make 100 score
        the project on less (or more) than the whole.
    Fails:
        分值 5+20+10+5+5+10+10+10+10 (+10) = 95 against 总分 100; 得分 80 + 2 = 82 against 87;
        a 绩效目标申报表 whose projects' 权重 are 10+10+10+20+30+10 = 90; "效益指标 (50分)" over
        10 + 10 + 10 = 30
    Passes:
        分值 90 + 10 = 100, 得分 85 + 5 = 90 with 总分 90; 权重 20+20+10+10+30+10 = 100
    """

    doc_zh = """各项分值之和等于总分值，各项得分之和等于总得分。

    检查内容：
        每张绩效自评表中：各指标分值加执行率一行的分值 = 总分行的分值（100），各指标得分加执行率得分 = 总分行的
        得分。没有总分行的表（列有多个项目的项目绩效目标申报表），读取每个指标的权重，每个项目的权重合计必须为
        100；每个项目合计为90的，以提示级别说明（有些模板把10分留给预算执行率）。指标组标注的分值（“效益指标
        （50分）”“经济效益指标（10分）”）与其下各指标分值之和比较，以低级别报告。
    为什么重要：
        不等于各行之和的总分是写上去的，不是算出来的；而它正是进入部门评价的数字。权重合计不是100，等于用少于
        （或多于）全部的分值给项目打分。
    不通过：
        分值 5+20+10+5+5+10+10+10+10（+10）= 95，总分 100；得分 80 + 2 = 82，总分 87；某绩效目标申报表各项目
        权重为 10+10+10+20+30+10 = 90；“效益指标（50分）”其下为 10 + 10 + 10 = 30
    通过：
        分值 90 + 10 = 100，得分 85 + 5 = 90，总分 90；权重 20+20+10+10+30+10 = 100
    """

    code = "PRF002"
    title = "绩效自评表分值或总分合计不符"
    category = "perf_score"
    severity = Severity.high
    version = 2

    def check(self, doc: Document) -> Iterable[Finding]:
        yield from self._without_total(doc)
        for p in same_project_docs(doc):
            if p.total_weight is None and p.total_score is None or not p.indicators:
                continue
            yield from self._headers(doc, p)
            weights = [i.weight for i in p.indicators if i.weight is not None]
            scores = [i.score for i in p.indicators if i.score is not None]
            ev = evidence(project_row(doc, p, "total"), project_row(doc, p, "money", "component"))
            if p.total_weight is not None and weights:
                total = sum(weights, Decimal(0)) + (p.weight or 0)
                if total != p.total_weight:
                    yield self.finding(
                        f"{p.name}：各指标分值合计 {fmt(sum(weights, Decimal(0)))}"
                        + (f" + 执行率分值 {fmt(p.weight)}" if p.weight else "")
                        + f" = {fmt(total)}，总分栏分值为 {fmt(p.total_weight)}",
                        ev,
                        key=f"weights|{p.name}",
                        values={"stated": p.total_weight, "expected": total, "difference": p.total_weight - total},
                        severity=Severity.medium,
                    )
            if p.total_score is not None and scores:
                total = sum(scores, Decimal(0)) + (p.score_stated or 0)
                if abs(total - p.total_score) >= Decimal("0.5"):
                    yield self.finding(
                        f"{p.name}：各指标得分合计 {fmt(sum(scores, Decimal(0)))}"
                        + (f" + 执行率得分 {fmt(p.score_stated)}" if p.score_stated is not None else "")
                        + f" = {fmt(total)}，表列总分 {fmt(p.total_score)}",
                        ev,
                        key=f"scores|{p.name}",
                        values={"stated": p.total_score, "expected": total, "difference": p.total_score - total},
                        anomaly=min(1.0, float(abs(p.total_score - total)) / 20),
                    )

    def _headers(self, doc: Document, p: Project) -> Iterable[Finding]:
        """An indicator group's printed weight ("效益指标 (50分)", "经济效益指标 (10分)") against
        the weights of the indicators under it."""
        t = doc.table(p.table)
        if t is None:
            return
        stated: dict[tuple[str, ...], tuple[Decimal, int]] = {}
        for ind in p.indicators:
            if ind.row >= len(t.rows):
                continue
            for c in t.rows[ind.row].cells:
                m = _GROUP_WEIGHT.match(re.sub(r"\s+", "", c.text))
                if m is None:
                    continue
                label = normalize_label(m.group(1))
                if label == normalize_label(ind.level1):
                    stated.setdefault((label,), (Decimal(m.group(2)), ind.row))
                elif label == normalize_label(ind.level2):
                    stated.setdefault((normalize_label(ind.level1), label), (Decimal(m.group(2)), ind.row))
        for group, (weight, row) in stated.items():
            under = [i for i in p.indicators if (normalize_label(i.level1), normalize_label(i.level2))[: len(group)] == group]
            if any(i.weight is None for i in under):
                continue
            total = sum((i.weight for i in under), Decimal(0))  # type: ignore[misc]
            if total == weight:
                continue
            listed = " + ".join(fmt(i.weight) for i in under)
            yield self.finding(
                f"{p.name}：{group[-1]}标注 {fmt(weight)} 分，其下各指标分值 {listed} = {fmt(total)}",
                evidence(indicator_row(doc, p, row), *(indicator_row(doc, p, i.row, "component") for i in under if i.row != row)),
                key=f"group|{p.name}|{'|'.join(group)}",
                values={"stated": weight, "expected": total, "difference": weight - total},
                severity=Severity.low,
            )

    def _without_total(self, doc: Document) -> Iterable[Finding]:
        """Tables with no 总分 row: the weights of all their projects against 100 each. Where the
        converter puts a project's name in the middle of its block (a merged cell printed
        vertically centred), the rows on either side of it cannot be told apart, so the table's
        total is what is compared, and the projects are named only when their own sums agree."""
        tables: dict[str, list[Project]] = {}
        for p in same_project_docs(doc):
            if p.total_weight is None and p.total_score is None and p.indicators:
                tables.setdefault(p.table, []).append(p)
        for table_id, projects in tables.items():
            weights = [i.weight for p in projects for i in p.indicators]
            if None in weights:
                continue  # a weight not read (or not given): the sum would say nothing
            sums = [sum((i.weight for i in p.indicators), Decimal(0)) + (p.weight or 0) for p in projects]  # type: ignore[misc]
            total = sum(sums, Decimal(0))
            n = len(projects)
            if total == FULL * n:
                continue
            each = total / n
            t = doc.table(table_id)
            label = table_label(t) if t is not None else "绩效目标表"
            regular = [p for p, s in zip(projects, sums, strict=True) if s == each]
            named = "、".join(p.name for p in regular[:3]) + ("等 " if len(regular) > 3 else " ")
            msg = (
                f"{projects[0].name}的各项指标权重合计 {fmt(total)}，应为 100"
                if n == 1
                else f"{label}中 {n} 个项目的指标权重合计 {fmt(total)}，平均每个项目 {fmt(each.quantize(Decimal('0.01')))}，应为每个项目 100"
                + (f"（{named}{len(regular)} 个项目各为 {fmt(each)}）" if regular and len(regular) < n else "")
            )
            reserved = each == FULL - EXECUTION_SHARE and not any(p.weight for p in projects)
            if reserved:
                msg += "；相差的 10 分可能是为预算执行率预留，需确认"
            first = projects[0]
            ev = evidence(*(indicator_row(doc, first, i.row, "component") for i in first.indicators))
            yield self.finding(
                msg,
                ev,
                key=f"target-weights|{table_id}",
                values={
                    "stated": each.quantize(Decimal("0.01")),
                    "expected": FULL,
                    "difference": (each - FULL).quantize(Decimal("0.01")),
                },
                severity=Severity.info if reserved else Severity.low,
                confidence=0.7,
            )
