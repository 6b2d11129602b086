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

    doc_zh = """每个功能分类科目下各项目之和，等于该科目的项目支出。

    检查内容：
        一般公共预算项目支出表中的项目行按项级科目汇总，与支出表（部门支出总表 / 支出决算表）同一科目的
        项目支出列比较（全部资金为一般公共预算时，两表反映同一笔支出）。项目表有而支出表没有的科目，以及有
        项目支出却没有任何项目的科目，都算不符。
    为什么重要：
        项目表是项目支出列的明细；科目对不上，说明项目在项目表和账目中按两种方式归类，其中一种误报了资金
        去向。
    不通过：
        七个项目（1108万元）全部列在 2080109，而部门支出总表把 1094万元 项目支出列在 2101301、14万元列在
        2080109
    通过：
        2080109 下的项目合计 1108万元，部门支出总表 2080109 项目支出 1108万元
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
