"""TXT003: the 机关运行经费 budget in the text against the 公用经费 budget of the basic data table."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from models import Document, Finding, Severity

from ..base import Balance, Rule, document_total, figure_evidence, fmt, row_evidence
from ..linking import basic_data_value, figure_keys, personnel_public


class RunningCostBudget(Rule):
    """机关运行经费 that is the 公用经费 has the 公用经费's budget.

    What it checks:
        The 机关运行经费 paragraph ("机关运行经费支出18.74万元，年初预算数20万元"). When its outturn
        is exactly the 公用经费 of the document (基本支出明细表 公用经费合计, or the 公用经费 决算数
        of the 绩效评价基础数据表), the two are the same money, so the budget the text gives must be
        the 公用经费 预算数 the basic data table prints.
    Why an auditor cares:
        Two budgets for one sum of money: either the text's saving ("比年初预算数减少1.26万元") or
        the evaluation's budget control figures were worked out from another budget.
    Fails:
        "机关运行经费支出18.74万元，年初预算数20万元" while the basic data table gives 公用经费
        预算数 20.58 and 决算数 18.74
    Passes:
        The same sentence with a basic data table budget of 20; or an outturn that differs from the
        公用经费 (the 机关运行经费 then covers only part of it, and its budget is its own)
    """

    doc_zh = """就是公用经费的机关运行经费，其预算数应是公用经费的预算数。

    检查内容：
        机关运行经费段落（“机关运行经费支出18.74万元，年初预算数20万元”）。当其决算数恰好等于本文件的
        公用经费（基本支出明细表公用经费合计，或绩效评价基础数据表公用经费决算数）时，两者是同一笔钱，
        文字给出的预算数必须等于基础数据表所列公用经费预算数。
    为什么重要：
        同一笔钱有两个预算：要么文字中的节约额（“比年初预算数减少1.26万元”），要么评价中的预算控制数，
        是按另一个预算算出来的。
    不通过：
        “机关运行经费支出18.74万元，年初预算数20万元”，而基础数据表公用经费预算数 20.58、决算数 18.74
    通过：
        同一句话，基础数据表预算数为 20；或决算数与公用经费不同（机关运行经费只是其中一部分，预算自成一项）
    """

    code = "TXT003"
    title = "机关运行经费预算数与公用经费预算数不符"
    category = "narrative_vs_table"
    severity = Severity.low

    def check(self, doc: Document) -> Iterable[Finding]:
        keyed = [k for k in figure_keys(doc) if k.key == "running_cost" and k.figure.amount_wan is not None]
        finals = [k.figure for k in keyed if k.when == "final"]
        budgets = [k.figure for k in keyed if k.when in ("initial", "budget")]
        if not finals or not budgets:
            return
        public_final = self._public_final(doc)
        table_budget = basic_data_value(doc, "公用经费", "budget")
        if public_final is None or table_budget is None:
            return
        scale = document_total(doc)
        for budget in budgets:
            final = next((f for f in reversed(finals) if f.paragraph == budget.paragraph), None)
            if final is None or final.amount_wan != public_final[0]:
                continue  # not shown to be the same money as the 公用经费
            b = Balance(budget.amount_wan, table_budget.value, Decimal("0.01"))
            if b.ok:
                continue
            msg = (
                f"“{budget.sentence[:60]}”：机关运行经费支出 {final.text} 即公用经费（{public_final[1]} {fmt(public_final[0])} 万元），"
                f"文中年初预算数 {budget.text}，{table_budget.table.title} 公用经费预算数为 {fmt(table_budget.value)} 万元，"
                f"相差 {fmt(abs(b.difference))} 万元"
            )
            yield self.balance_finding(
                b,
                msg,
                [
                    figure_evidence(doc, budget),
                    row_evidence(table_budget.table, table_budget.row, "expected", [table_budget.col]),
                ],
                key=f"running_cost|{budget.amount_wan}|{table_budget.value}",
                values={"stated": budget.amount_wan, "expected": table_budget.value, "difference": b.difference},
                scale=scale,
                rounding_title="机关运行经费预算数存在尾数差异",
            )

    @staticmethod
    def _public_final(doc: Document) -> tuple[Decimal, str] | None:
        t6 = doc.table_of("gpb_basic_detail")
        if t6 is not None:
            _, public, _ = personnel_public(t6)
            if public is not None:
                return public[1].wan, "基本支出明细表公用经费合计"
        cell = basic_data_value(doc, "公用经费", "final")
        if cell is not None:
            return cell.value, f"{cell.table.title}公用经费决算数"
        return None
