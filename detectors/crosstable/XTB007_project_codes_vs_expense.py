"""XTB007: the project table's amounts per function code against the 项目支出 column of the
expense table."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from models import Document, Finding, Row, Severity, Table

from ..base import Rule, balance, document_total, fmt, row_evidence, table_label, table_title_evidence
from ._common import all_general_budget, code_rows
from .XTB002_shuffled_rows import shuffled_codes
from .XTB006_project_function_codes import PROJECT_TABLES


class ProjectCodesVersusExpense(Rule):
    """The projects of each function code add up to that code's 项目支出.

    What it checks:
        The project rows of the 一般公共预算项目支出表, summed per 项 code, against the 项目支出
        column of the 一般公共预算支出表 for the same code — or of the 支出表 (部门支出总表 /
        支出决算表) when all money is 一般公共预算 and there is no such column, so that the two
        tables cover the same spending (事业收入 and 其他收入 spent on a project are not in the
        project table). A project code the expense
        table does not have, and a code with 项目支出 that no project carries, are both differences.
        Rows already reported as shuffled (XTB002) are left to that finding.
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
        一般公共预算项目支出表中的项目行按项级科目汇总，与一般公共预算支出表同一科目的项目支出列比较；该表
        没有项目支出列时，在全部资金为一般公共预算的情况下与支出表（部门支出总表 / 支出决算表）比较，使两表
        反映同一笔支出（用于项目的事业收入、其他收入不在项目表中）。项目表有而支出表没有的科目，以及有
        项目支出却没有任何项目的科目，都算不符。已判定为行次错位（XTB002）的行交由该发现说明。
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
        # the 一般公共预算 expense table covers the money the project table lists; the all-sources
        # one only when all money is 一般公共预算
        expense = doc.table_of("gpb_expense")
        if expense is None or expense.column("project") is None:
            expense = doc.table_of("expense")
            if expense is None or expense.column("project") is None or not all_general_budget(doc):
                return
        scale = document_total(doc)
        shuffled = shuffled_codes(doc)
        for table in doc.tables:
            if table.kind in PROJECT_TABLES and table.column("total"):
                yield from self._compare(table, expense, scale, shuffled)

    def _compare(self, projects: Table, expense: Table, scale, shuffled: set[str]) -> Iterable[Finding]:
        by_code: dict[str, list[Row]] = defaultdict(list)
        for r in projects.rows:
            if len(r.code) == 7 and projects.value(r, "total"):
                by_code[r.code].append(r)
        if not by_code:
            return
        rows = code_rows(expense)
        items = {c: r for c, r in rows.items() if len(c) == 7}
        for code in sorted(set(by_code) | {c for c, r in items.items() if expense.value(r, "project")}):
            if code in shuffled:
                continue  # the expense table's row carries another code's amounts: XTB002's finding
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
