"""XTB007: the project table's amounts per function code against the 项目支出 column of the
expense table."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from models import Document, Finding, Row, Severity, Table

from ..base import Rule, balance, document_total, fmt, row_evidence, table_label, table_title_evidence
from ._common import all_general_budget, code_rows
from .XTB006_project_function_codes import PROJECT_TABLES


class ProjectCodesVersusExpense(Rule):
    """The projects of each function code add up to that code's 项目支出.

    What it checks:
        The project rows of the 一般公共预算项目支出表, summed per 项 code, against the 项目支出
        column of the 支出表 (部门支出总表 / 支出决算表) for the same code — when all money is
        一般公共预算, so that the two tables cover the same spending. A project code the expense
        table does not have, and a code with 项目支出 that no project carries, are both differences.
    Why an auditor cares:
        The project table is the detail behind the 项目支出 column; when the codes do not agree the
        projects were classified one way for the table of projects and another way for the
        accounts, and one of the two misreports where the money went.
    Fails:
        all seven projects (1108万元) under 2080109 while 部门支出总表 puts 项目支出 1094万元 under
        2101301 and 14万元 under 2080109
    Passes:
        projects under 2080109 summing to 1108万元, and 部门支出总表 2080109 项目支出 1108万元
    """

    code = "XTB007"
    title = "项目支出表与支出表的科目金额不一致"
    category = "cross_table"
    severity = Severity.medium

    def check(self, doc: Document) -> Iterable[Finding]:
        expense = next((t for t in (doc.table_of("expense"), doc.table_of("gpb_expense")) if t and t.column("project")), None)
        if expense is None or not all_general_budget(doc):
            return
        scale = document_total(doc)
        for table in doc.tables:
            if table.kind in PROJECT_TABLES and table.column("total"):
                yield from self._compare(table, expense, scale)

    def _compare(self, projects: Table, expense: Table, scale) -> Iterable[Finding]:
        by_code: dict[str, list[Row]] = defaultdict(list)
        for r in projects.rows:
            if len(r.code) == 7 and projects.value(r, "total"):
                by_code[r.code].append(r)
        if not by_code:
            return
        rows = code_rows(expense)
        items = {c: r for c, r in rows.items() if len(c) == 7}
        for code in sorted(set(by_code) | {c for c, r in items.items() if expense.value(r, "project")}):
            listed = by_code.get(code, [])
            summed = sum((projects.value(r, "total") for r in listed), Decimal(0))
            row = items.get(code)
            stated = expense.value(row, "project") if row is not None else None
            bal = balance(stated or Decimal(0), [projects.value(r, "total") for r in listed])
            if bal.ok:
                continue
            name = f"{code} {row.label}" if row is not None else code
            names = "、".join(r.label for r in listed[:3]) + ("等" if len(listed) > 3 else "")
            msg = (
                f"{name}：{table_label(projects)}列入该科目的项目合计 {fmt(summed)} 万元（{len(listed)} 个项目{'：' + names if names else ''}），"
                + (
                    f"{table_label(expense)}项目支出 {fmt(stated)} 万元"
                    if stated
                    else f"{table_label(expense)}该科目没有项目支出"
                )
                + f"，相差 {fmt(abs(bal.difference))} 万元"
            )
            ev = (
                [row_evidence(expense, row, "stated", [expense.column("project").index])]
                if row is not None
                else [table_title_evidence(expense)]
            )
            ev += [row_evidence(projects, r, "component") for r in listed] or [table_title_evidence(projects)]
            yield self.balance_finding(
                bal,
                msg,
                ev,
                key=f"{projects.kind}|{expense.kind}|{code}",
                values={"stated": stated or Decimal(0), "expected": summed, "difference": bal.difference},
                scale=scale,
                rounding_title="项目支出表与支出表存在尾数差异",
            )
