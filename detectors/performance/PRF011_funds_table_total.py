"""PRF011: the 合计 row of a 项目资金使用情况表 = the sum of its projects' rows."""

from __future__ import annotations

from collections.abc import Iterable

from extract.forms import funds_columns, is_total_row
from extract.numbers import parse_cell
from models import Document, Severity

from ..base import NOT_APPLICABLE, PASSED, Case, Rule, balance, document_total, fmt, materiality, row_evidence, table_label

COLUMNS = (("executed", "实际支出数"), ("budget", "全年预算数"), ("initial", "年初预算数"))


class FundsTableTotal(Rule):
    """The 合计 of an evaluation report's project-funds table adds up its projects.

    What it checks:
        In a 项目资金使用情况表 (one row per project: 年初预算数 | 全年预算数 | 实际支出数 | 执行率,
        then 合计): each money column of the 合计 row against the sum of the project rows above it,
        with the rounding of every printed value allowed (differences inside it are info).
    Why an auditor cares:
        The 合计 is the project spending the report evaluates; one that is not the sum of its
        projects was typed, not added, and the execution rate printed beside it is then wrong too.
    Fails:
        119.2 + 137.9 + 272.2 + 98.49 + 78.16 = 705.95 while the 合计 row says 实际支出数 750.95
    Passes:
        the same projects with 合计 705.95
    """

    doc_zh = """绩效评价报告项目资金使用情况表的合计等于各项目之和。

    检查内容：
        项目资金使用情况表（每个项目一行：年初预算数 | 全年预算数 | 实际支出数 | 执行率，最后是合计）中，合计行的
        每个金额列与其上各项目行之和比较，允许每个印出数值的尾数误差（误差范围内的差额为提示级别）。
    为什么重要：
        合计是报告所评价的项目支出；不等于各项目之和的合计是填上去的而不是加出来的，旁边印出的执行率也随之出错。
    不通过：
        119.2 + 137.9 + 272.2 + 98.49 + 78.16 = 705.95，而合计行实际支出数为 750.95
    通过：
        同样的项目，合计 705.95
    """

    code = "PRF011"
    title = "项目资金使用情况表合计与各项目之和不符"
    category = "footing"
    severity = Severity.high

    def cases(self, doc: Document) -> Iterable[Case]:
        check = "项目资金使用情况表 合计 = Σ各项目"
        for t in doc.tables_of("perf_project_funds"):
            head, cols = funds_columns(t)
            if head < 0:
                continue
            rows = t.rows[head + 1 :]
            total = next((r for r in rows if is_total_row([c.text for c in r.cells])), None)
            if total is None:
                continue
            projects = [r for r in rows[: rows.index(total)] if any(c.text.strip() for c in r.cells)]
            for role, label in COLUMNS:
                col = cols.get(role)
                if col is None or col >= len(total.cells):
                    continue
                where = row_evidence(t, total, "total", [col])
                stated = parse_cell(total.cells[col].text).value
                parts = [parse_cell(r.cells[col].text).value if col < len(r.cells) else None for r in projects]
                if stated is None or all(p is None for p in parts):
                    yield Case(check, NOT_APPLICABLE, where)
                    continue
                b = balance(stated, parts, t.unit or "万元")
                if b.ok:
                    yield Case(check, PASSED, where)
                    continue
                listed = " + ".join(fmt(p) for p in parts if p is not None)
                message = f"{table_label(t)} 合计{label} {fmt(stated)}，各项目之和 {listed} = {fmt(b.expected)}，相差 {fmt(b.difference)}"
                values = {"stated": stated, "expected": b.expected, "difference": b.difference}
                key = f"{t.id}|{role}"
                evidence = [where] + [row_evidence(t, r, "component", [col]) for r in projects]
                if b.rounding:
                    finding = self.rounding_note(message, evidence, key=key, values=values, title=self.title)
                else:
                    scale = document_total(doc)
                    finding = self.finding(
                        message, evidence, key=key, values=values, materiality=materiality(b.difference_wan, scale)
                    )
                yield self.outcome(check, where, finding)
