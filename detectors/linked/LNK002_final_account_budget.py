"""LNK002: a 决算's 年初预算 figures against the 部门预算 published for that year."""

from __future__ import annotations

import re
from collections.abc import Iterable

from models import Document, Finding, Severity

from ..base import amount_balance, document_total, figure_evidence, fmt, row_evidence
from ..linking import figure_keys
from ._common import LinkedRule, elsewhere, quantity
from .families import BUDGET_FINAL, Link

# "预算数为“三公”经费全年预算数，反映按规定程序调整后的预算数": the table's 预算数 after the adjustments
_ADJUSTED = re.compile(r"预算数为[^。；]{0,12}全年预算数|按规定程序调整后的预算数")


class FinalAccountBudget(LinkedRule):
    """A final account restates the budget that was published.

    What it checks:
        In a family's 部门决算 of year N, every 年初预算 it states — in its text ("…（项）。年初预算为
        54.53万元，支出决算为…", "三公经费财政拨款支出年初预算为2.85万元") and in its 三公 table's 预算数
        columns — against the same quantity in year N's 部门预算 (the code's row, the 三公 table),
        within the rounding of both. A 三公 table whose note says its 预算数 is the 全年预算数 after
        the year's adjustments ("反映按规定程序调整后的预算数") differs from the published budget by
        those adjustments: low.
    Why an auditor cares:
        The 决算 measures execution against the budget; a 年初预算 that is not the published budget
        makes every completion rate built on it wrong, and hides a budget changed after the fact.
    Fails:
        决算: "行政运行（项）。年初预算为 1115.48 万元"; 预算 of that year: 2120101 行政运行 1,105.48 万元
    Passes:
        the same figure in both
    """

    doc_zh = """决算重述的年初预算是公开的预算。

    检查内容：
        文档族中N年部门决算所述的每一个年初预算——文字中（“……（项）。年初预算为54.53万元，支出决算为……”
        “三公经费财政拨款支出年初预算为2.85万元”）以及“三公”经费表的预算数栏——与N年部门预算中同一数字
        （该科目的行、“三公”经费表）对照，允许两边的尾数误差。“三公”经费表注明预算数为按规定程序调整后的
        全年预算数时，与公开预算的差额是年中调整：低。
    为什么重要：
        决算衡量的是预算执行；与公开预算不同的年初预算会使其上的每个完成率都错，并掩盖事后调整过的预算。
    不通过：
        决算：“行政运行（项）。年初预算为1115.48万元”；当年预算：2120101 行政运行 1,105.48万元
    通过：
        两份文件数字相同
    """

    code = "LNK002"
    title = "决算中的年初预算与当年预算文件不符"
    category = "cross_table"
    severity = Severity.medium
    version = 2
    kinds = (BUDGET_FINAL,)

    def check_link(self, link: Link, budget: Document, final: Document) -> Iterable[Finding]:
        scale = document_total(final)
        seen: set[str] = set()
        for k in figure_keys(final):
            if k.when != "initial" or k.key in seen or k.figure.amount is None:
                continue
            published = quantity(budget, k.key, "budget")
            if published is None:
                continue
            seen.add(k.key)
            bal = amount_balance(published.amount, [k.figure.amount])
            if bal.ok:
                continue
            msg = (
                f"{final.year}年决算称{k.figure.subject}{k.figure.text}，{budget.year}年部门预算中该数为 {published.amount}，"
                f"相差 {fmt(abs(bal.difference))} 万元"
            )
            ev = [figure_evidence(final, k.figure, "stated"), elsewhere(published.evidence, budget)]
            values = {"stated": k.figure.amount.wan, "expected": published.amount.wan, "difference": -bal.difference}
            yield self.on(
                final,
                self.balance_finding(
                    bal, msg, ev, key=k.key, values=values, scale=scale, rounding_title="决算中的年初预算存在尾数差异"
                ),
            )
        yield from self._three_public(budget, final, scale)

    def _three_public(self, budget: Document, final: Document, scale) -> Iterable[Finding]:
        t_final, t_budget = final.table_of("three_public"), budget.table_of("three_public")
        if t_final is None or t_budget is None or not t_final.rows or not t_budget.rows:
            return
        row_f, row_b = t_final.rows[0], t_budget.rows[0]
        adjusted = _ADJUSTED.search(" ".join(p.text for p in final.paragraphs))
        for role in ("total", "abroad", "vehicle_subtotal", "vehicle_purchase", "vehicle_running", "reception"):
            stated, published = t_final.amount(row_f, f"{role}@budget"), t_budget.amount(row_b, role)
            if stated is None or published is None:
                continue
            bal = amount_balance(published, [stated])
            if bal.ok:
                continue
            col = t_final.column(f"{role}@budget").index
            name = t_final.column(f"{role}@budget").header.replace("/", " ")
            msg = f"{final.year}年决算“三公”经费表 {name} {stated}，{budget.year}年部门预算“三公”经费表为 {published}"
            if adjusted:  # the table's 预算数 is the budget after the year's adjustments, not the one published
                msg += f"（表注“{adjusted.group(0)}”：差额为年中预算调整）"
            ev = [
                row_evidence(t_final, row_f, "stated", [col]),
                elsewhere(row_evidence(t_budget, row_b, "expected", [t_budget.column(role).index]), budget),
            ]
            yield self.on(
                final,
                self.balance_finding(
                    bal,
                    msg + f"，相差 {fmt(abs(bal.difference))} 万元",
                    ev,
                    key=f"three_public|{role}",
                    values={"stated": stated.wan, "expected": published.wan, "difference": -bal.difference},
                    scale=scale,
                    rounding_title="决算中的年初预算存在尾数差异",
                    severity=Severity.low if adjusted else None,
                ),
            )
