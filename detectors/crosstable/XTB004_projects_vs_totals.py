"""XTB004: the projects of the performance tables against the document's 项目支出 total."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from models import Document, Evidence, Finding, Severity

from ..base import Rule, document_total, figure_evidence, fmt, materiality, row_evidence, table_label
from ..linking import figure_keys
from ..performance._common import same_project_docs
from .XTB003_table_identities import total_row


class ProjectsVersusTotals(Rule):
    """The projects evaluated fit inside the project spending they are part of.

    What it checks:
        The sum of 全年执行数 of the 项目支出绩效自评表 against the 项目支出 of the accounts (table
        05, else 03, else the narrative's 项目支出): more is impossible, much less means projects
        were left out of the evaluation. For budgets, the sum of the 项目绩效目标表 预算数 against
        the amount the text says has performance targets.
    Why an auditor cares:
        Self-evaluations that spend more than the department's whole project budget, or that
        cover a fraction of it, do not describe the accounts they accompany.
    Fails:
        six projects executing 9,576.94 万元 against 项目支出 6,786.23 万元
    Passes:
        projects executing 239.79 万元 against 项目支出 239.79 万元
    """

    doc_zh = """参与绩效自评的项目，其执行数不超出所属的项目支出总额。

    检查内容：
        项目支出绩效自评表的全年执行数之和，与报表中的项目支出（表05，否则表03，否则文字说明中的项目支出）
        比较：超过是不可能的，少得多说明有项目未纳入评价。预算文件则比较项目绩效目标表的预算数之和与文字
        所说设有绩效目标的金额。
    为什么重要：
        自评项目的支出超过部门全部项目支出，或只覆盖其中一小部分，这样的自评并不反映所附的账目。
    不通过：
        六个项目执行 9,576.94 万元，而项目支出为 6,786.23 万元
    通过：
        项目执行 239.79 万元，项目支出 239.79 万元
    """

    code = "XTB004"
    title = "绩效自评项目与项目支出总额不符"
    category = "cross_table"
    severity = Severity.high

    def check(self, doc: Document) -> Iterable[Finding]:
        scale = document_total(doc)
        projects = [p for p in same_project_docs(doc) if p.scope == "project"]
        executed = [p for p in projects if p.executed is not None]
        if len(executed) >= 2:
            total = sum((p.executed for p in executed), Decimal(0))
            ref = self._project_total(doc)
            if ref is not None:
                amount, ev = ref
                diff = total - amount
                names = "、".join(p.name for p in executed[:6])
                if diff > Decimal("0.01"):
                    yield self.finding(
                        f"{len(executed)} 个项目自评表的全年执行数合计 {fmt(total)} 万元（{names}），超过项目支出 {fmt(amount)} 万元 {fmt(diff)} 万元",
                        [ev] + [self._money_ev(doc, p) for p in executed if self._money_ev(doc, p)],
                        key="projects>total",
                        values={"stated": total, "expected": amount, "difference": diff},
                        materiality=materiality(diff, scale),
                    )
                elif -diff > max(amount * Decimal("0.2"), Decimal("0.01")):
                    yield self.finding(
                        f"{len(executed)} 个项目自评表的全年执行数合计 {fmt(total)} 万元，只占项目支出 {fmt(amount)} 万元的 {fmt((total / amount * 100).quantize(Decimal('0.01')))}%，其余 {fmt(-diff)} 万元的项目未开展自评",
                        [ev] + [self._money_ev(doc, p) for p in executed if self._money_ev(doc, p)],
                        key="projects<total",
                        values={"stated": total, "expected": amount, "difference": diff},
                        severity=Severity.medium,
                        materiality=materiality(diff, scale) / 2,
                    )
        yield from self._targets(doc, projects)

    def _project_total(self, doc: Document) -> tuple[Decimal, Evidence] | None:
        for kind in ("gpb_expense", "expense"):
            t = doc.table_of(kind)
            if t is None or t.column("project") is None:
                continue
            r = total_row(t)
            if r is not None and t.value(r, "project") is not None:
                return t.value(r, "project"), row_evidence(t, r, "expected", [t.column("project").index])
        for k in figure_keys(doc):
            if k.key.startswith("project:") and k.when == "final":
                return k.figure.amount_wan, figure_evidence(doc, k.figure, "expected")
        return None

    def _money_ev(self, doc: Document, p) -> Evidence | None:
        t = doc.table(p.table)
        i = p.rows.get("money")
        return row_evidence(t, t.rows[i], "component") if t is not None and i is not None else None

    def _targets(self, doc: Document, projects) -> Iterable[Finding]:
        budgets = [
            p
            for p in projects
            if p.budget is not None and doc.table(p.table) and doc.table(p.table).kind == "perf_project_target"
        ]
        if len(budgets) < 2:
            return
        total = sum((p.budget for p in budgets), Decimal(0))
        for f in doc.figures:
            if f.kind == "amount" and f.amount_wan and re.search(r"(编制|设置)了?项目绩效目标的?(预算|资金)", f.subject):
                if abs(f.amount_wan - total) > Decimal("0.01"):
                    t = doc.table(budgets[0].table)
                    yield self.finding(
                        f"文中称编制了项目绩效目标的预算 {f.text}，{table_label(t)}中 {len(budgets)} 个项目的预算数合计 {fmt(total)} 万元，相差 {fmt(abs(total - f.amount_wan))} 万元",
                        [figure_evidence(doc, f)]
                        + [row_evidence(t, t.rows[p.rows["money"]], "component") for p in budgets if "money" in p.rows],
                        key=f"targets|{f.amount_wan}",
                        values={"stated": f.amount_wan, "expected": total, "difference": f.amount_wan - total},
                        category="narrative_vs_table",
                        severity=Severity.medium,
                    )
