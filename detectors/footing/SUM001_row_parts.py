"""SUM001: a row's total against its part columns."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from extract.tables import KIND_LABELS
from models import Document, Severity, Table

from ..base import NOT_APPLICABLE, PASSED, Case, Rule, balance, document_total, fmt, row_evidence, table_label

# Which columns make up the total column, per standard table kind (DOMAIN.md), and the identity as
# the auditor names it.
_INCOME_SOURCES = (
    "fiscal",
    "superior",
    "business",
    "operating_income",
    "affiliated",
    "other_income",
    "opening",
    "gpb",
    "gov_fund",
    "state_capital",
    "fund_income",
)
_BASIC_PROJECT = "合计 = 基本支出 + 项目支出"
_THREE_PUBLIC = "合计 = 因公出国（境）+ 公务用车购置及运行维护 + 公务接待"
_VEHICLES = "公务用车小计 = 购置 + 运行维护"
PARTS: dict[str, list[tuple[str, tuple[str, ...], str]]] = {
    "income": [("total", _INCOME_SOURCES, "本年收入合计 = Σ各项收入")],
    "expense": [("total", ("basic", "project", "remit", "operating", "subsidiary"), "本年支出合计 = 基本支出 + 项目支出 + …")],
    "gpb_expense": [("total", ("basic", "project"), _BASIC_PROJECT)],
    "state_capital": [("total", ("basic", "project"), _BASIC_PROJECT)],
    "gov_fund": [("total", ("basic", "project"), _BASIC_PROJECT)],
    "fiscal_summary": [("total", ("gpb", "gov_fund", "state_capital"), "合计 = 一般公共预算 + 政府性基金 + 国有资本经营")],
    "three_public": [
        ("total", ("abroad", "vehicle_subtotal", "reception"), _THREE_PUBLIC),
        ("vehicle_subtotal", ("vehicle_purchase", "vehicle_running"), _VEHICLES),
        ("total@budget", ("abroad@budget", "vehicle_subtotal@budget", "reception@budget"), _THREE_PUBLIC),
        ("vehicle_subtotal@budget", ("vehicle_purchase@budget", "vehicle_running@budget"), _VEHICLES),
        ("total@final", ("abroad@final", "vehicle_subtotal@final", "reception@final"), _THREE_PUBLIC),
        ("vehicle_subtotal@final", ("vehicle_purchase@final", "vehicle_running@final"), _VEHICLES),
    ],
}


class RowParts(Rule):
    """Row total = sum of its part columns.

    What it checks:
        In 收入决算表 本年收入合计 = 财政拨款 + 上级补助 + 事业 + 经营 + 附属单位上缴 + 其他;
        in 支出决算表 本年支出合计 = 基本支出 + 项目支出 + 上缴上级 + 经营 + 对附属单位补助;
        in the 一般公共预算 tables 小计 = 基本支出 + 项目支出; in 财政拨款收入支出总表 合计 =
        一般公共预算 + 政府性基金 + 国有资本经营; in the 三公 table 合计 = 出国 + 公务用车 + 接待
        and 公务用车 小计 = 购置 + 运行维护 (预算数 and 决算数 halves alike).
    Why an auditor cares:
        A row that does not add up means one of its figures was typed wrong, and every table that
        restates it inherits the error.
    Fails:
        2101101 行政单位医疗 | 12.54 | 2.11 | 9.43   (2.11 + 9.43 = 11.54)
    Passes:
        2101101 行政单位医疗 | 12.54 | 2.11 | 10.43
    """

    doc_zh = """每行的合计等于其各分项列之和。

    检查内容：
        收入决算表：本年收入合计 = 财政拨款 + 上级补助 + 事业 + 经营 + 附属单位上缴 + 其他；
        支出决算表：本年支出合计 = 基本支出 + 项目支出 + 上缴上级 + 经营 + 对附属单位补助；
        一般公共预算各表：小计 = 基本支出 + 项目支出；财政拨款收入支出总表：合计 = 一般公共预算 +
        政府性基金 + 国有资本经营；“三公”经费表：合计 = 出国 + 公务用车 + 接待，公务用车小计 =
        购置 + 运行维护（预算数和决算数两部分都检查）。
    为什么重要：
        一行加不平，说明其中某个数字录错了，而转载这一行的每张表都会带着这个错误。
    不通过：
        2101101 行政单位医疗 | 12.54 | 2.11 | 9.43（2.11 + 9.43 = 11.54）
    通过：
        2101101 行政单位医疗 | 12.54 | 2.11 | 10.43
    """

    code = "SUM001"
    title = "行合计与分项之和不符"
    category = "footing"
    severity = Severity.high

    def cases(self, doc: Document) -> Iterable[Case]:
        scale = document_total(doc)
        for table in doc.tables:
            for total_role, part_roles, identity in PARTS.get(table.kind, []):
                total_col = table.column(total_role)
                part_cols = [c for r in part_roles for c in table.columns_with(r)]
                if total_col is None or not part_cols:
                    continue
                check = f"{KIND_LABELS[table.kind]} {identity}"
                yield from self._check_table(doc, table, total_col.index, [c.index for c in part_cols], scale, check)

    def _check_table(self, doc: Document, table: Table, total_idx: int, part_idx: list[int], scale, check: str) -> Iterable[Case]:
        for row in table.rows:
            total = row.cells[total_idx].value
            parts = [row.cells[i].value for i in part_idx]
            ev = row_evidence(table, row, "total", [total_idx, *part_idx])
            if (total is None and not any(parts)) or all(p is None for p in parts):
                yield Case(check, NOT_APPLICABLE, ev)  # nothing printed, or a total with no parts to foot
                continue
            b = balance(total or Decimal(0), parts, table.unit)
            if b.ok:
                yield Case(check, PASSED, ev)
                continue
            name = f"{row.code} {row.label}".strip() or f"第{row.index + 1}行"
            header = table.columns[total_idx].header or "合计"
            parts_text = " + ".join(fmt(p) for p in parts if p is not None)
            key = f"{table.kind}|{table.part}|{row.code or row.label}|{table.columns[total_idx].role}"
            finding = self.balance_finding(
                b,
                f"{table_label(table)} {name}：{header} {fmt(total)}，分项之和 {parts_text} = {fmt(b.expected)}，相差 {fmt(b.difference)}",
                [ev],
                key=key,
                values={"stated": total, "expected": b.expected, "difference": b.difference},
                scale=scale,
                rounding_title="行合计存在尾数误差",
            )
            yield self.outcome(check, ev, finding)
