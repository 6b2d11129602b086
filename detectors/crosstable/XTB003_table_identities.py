"""XTB003: the identities between the standard tables (table 1 against 2–5, 4 against 5, 6 against 5)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from extract.numbers import normalize_label
from models import Amount, Document, Evidence, Finding, Row, Severity, Table

from ..base import (
    NOT_APPLICABLE,
    PASSED,
    Case,
    Rule,
    amount_balance,
    document_total,
    fmt,
    row_evidence,
    table_label,
    table_title_evidence,
)
from ..linking import class_amount, class_code, personnel_public, total_row
from ._common import code_gaps, stated_total
from .XTB002_shuffled_rows import shuffled_codes


class TableIdentities(Rule):
    """The identities between the standard tables (勾稽关系).

    What it checks:
        收入支出决算总表 本年收入合计 = 收入决算表 合计 and 本年支出合计 = 支出决算表 合计; each expense
        class of table 1 = the same 类 in 支出决算表; 财政拨款收入支出决算总表 一般公共预算 column per
        class and in total = 一般公共预算财政拨款支出决算表; 基本支出明细表 人员经费合计 + 公用经费合计 =
        一般公共预算财政拨款支出决算表 基本支出. A budget's 部门收入总表 that prints 上年结转 as a
        column holds it in its 合计: that 合计 = 本年收入合计 + 上年结转. A difference that is
        exactly what the detail table's own items differ from its sister table (XTB001) is that
        difference summed up: shown at low, naming the items.
    Why an auditor cares:
        The tables are one set of accounts seen from different sides; a break means a table was
        compiled from different figures than the others.
    Fails:
        收入支出决算总表 卫生健康支出 329.85，支出决算表 210 类 319.70
    Passes:
        收入支出决算总表 卫生健康支出 329.85，支出决算表 210 类 329.85
    """

    doc_zh = """标准报表之间的勾稽关系。

    检查内容：
        收入支出决算总表的本年收入合计 = 收入决算表合计，本年支出合计 = 支出决算表合计；表一的每个支出类 =
        支出决算表中的同一类；财政拨款收入支出决算总表的一般公共预算列（分类和合计）= 一般公共预算财政拨款
        支出决算表；基本支出明细表的人员经费合计 + 公用经费合计 = 一般公共预算财政拨款支出决算表的基本支出。
        预算的部门收入总表若列有“上年结转”栏，其合计包含上年结转：合计 = 本年收入合计 + 上年结转。差额恰为明细表
        自身各科目与姊妹表之差（XTB001）时，是同一差额的汇总：以低级别显示，并指出这些科目。
        缺少比较所需列的表不作比较。
    为什么重要：
        各表是同一套账从不同角度的反映；勾稽不符，说明某张表是用另一套数字编制的。
    不通过：
        收入支出决算总表 卫生健康支出 329.85，支出决算表 210 类 319.70
    通过：
        收入支出决算总表 卫生健康支出 329.85，支出决算表 210 类 329.85
    """

    code = "XTB003"
    title = "表间勾稽关系不符"
    category = "cross_table"
    severity = Severity.high

    def cases(self, doc: Document) -> Iterable[Case]:
        scale = document_total(doc)
        inc, exp = doc.table_of("summary", "income"), doc.table_of("summary", "expense")
        t2, t3, t5 = doc.table_of("income"), doc.table_of("expense"), doc.table_of("gpb_expense")
        f4 = doc.table_of("fiscal_summary", "expense")
        shuffled = shuffled_codes(doc)
        gaps = {t.kind: code_gaps(doc, t, shuffled) for t in (t2, t3, t5) if t is not None}
        if inc and t2:
            where = stated_total(doc, t2)
            check = "收入支出总表 本年收入合计 = 收入表 合计"
            yield from self._pair(
                inc, where.row, "total", t2, total_row(t2), "total", "本年收入合计", scale, check, gaps, where.carried
            )
        if exp and t3:
            check = "收入支出总表 本年支出合计 = 支出表 合计"
            yield from self._pair(
                exp, stated_total(doc, t3).row, "total", t3, total_row(t3), "total", "本年支出合计", scale, check, gaps
            )
            check = "收入支出总表 各类支出 = 支出表 类"
            yield from self._classes(exp, "total", t3, "total", scale, shuffled, check, gaps)
        if f4 and t5:
            yield from self._pair(
                f4,
                stated_total(doc, t5).row,
                "gpb",
                t5,
                total_row(t5),
                "total",
                "一般公共预算财政拨款支出合计",
                scale,
                "财政拨款收入支出总表 一般公共预算支出合计 = 一般公共预算财政拨款支出表 合计",
                gaps,
            )
            check = "财政拨款收入支出总表 一般公共预算各类支出 = 一般公共预算财政拨款支出表 类"
            yield from self._classes(f4, "gpb", t5, "total", scale, shuffled, check, gaps)
        t6 = doc.table_of("gpb_basic_detail")
        if t6 and t5 and t5.column("basic"):
            yield from self._basic(t6, t5, scale)

    def _pair(
        self,
        a: Table,
        ra: Row | None,
        ca: str,
        b: Table,
        rb: Row | None,
        cb: str,
        what: str,
        scale,
        check: str,
        gaps: dict,
        carried: Amount | None = None,
    ) -> Iterable[Case]:
        """``carried``: the 上年结转 that ``b``'s amount holds beside ``a``'s; ``gaps``: per table
        kind, where that table parts from its sister tables (``code_gaps``)."""
        if a.column(ca) is None or b.column(cb) is None:
            return  # a table without that column states nothing to compare
        if ra is None or rb is None:
            yield Case(check, NOT_APPLICABLE, row_evidence(a, ra) if ra is not None else table_title_evidence(a))
            return
        va, vb = a.amount(ra, ca), b.amount(rb, cb)
        where = row_evidence(b, rb, "stated", [b.column(cb).index])
        if va is None and vb is None:
            yield Case(check, NOT_APPLICABLE, where)
            return
        key = f"{a.kind}|{b.kind}|{what}"
        case = self._report(what, a, [ra], ca, va, b, [rb], cb, vb, key, scale, check, where, carried)
        self._summed_up(case.finding, b, "", gaps)
        yield case

    def _classes(self, a: Table, ca: str, b: Table, cb: str, scale, shuffled: set[str], check: str, gaps: dict) -> Iterable[Case]:
        if a.column(ca) is None or b.column(cb) is None:  # a table without that column states nothing to compare
            return
        for r in a.rows:
            code = class_code(r.label)
            if not code:
                continue
            where = row_evidence(a, r, "expected", [a.column(ca).index])
            va = a.amount(r, ca)
            vb, rows_b = class_amount(b, code, cb)
            if not va and not vb:
                yield Case(check, NOT_APPLICABLE, where)
                continue
            if vb is None and not rows_b:
                vb = Amount(Decimal(0), b.unit)
            name = f"{code} {normalize_label(r.label).split('、')[-1]}"
            moved = sorted(c for c in shuffled if c.startswith(code))
            case = self._report(name, a, [r], ca, va, b, rows_b, cb, vb, f"{a.kind}|{b.kind}|{code}", scale, check, where)
            f = case.finding
            if f is not None and moved and f.category != "rounding":
                # a consequence of the shuffled rows (XTB002): shown, ranked below its cause
                f.message += f"（由科目 {'、'.join(moved)} 的金额错位造成，见行次错位发现）"
                f.severity, f.materiality = Severity.low, 0.0
            self._summed_up(f, b, code, gaps)
            yield case

    @staticmethod
    def _summed_up(f: Finding | None, b: Table, scope: str, gaps: dict) -> None:
        """A difference that is exactly the amounts by which ``b``'s own codes under ``scope``
        part from its sister table: the same error summed up, reported at those codes (XTB001);
        shown here at low."""
        if f is None or f.category == "rounding" or f.severity in (Severity.low, Severity.info):
            return
        codes = {c: g for c, g in gaps.get(b.kind, {}).items() if c.startswith(scope)}
        summed = sum((g.gap for g in codes.values()), Decimal(0))
        # the rounding of the leaf amounts, and as much again for the two totals compared
        tolerance = 2 * sum((g.radius for g in codes.values()), Decimal(0))
        if not codes or not summed or abs(summed - f.values["difference"]) > tolerance:
            return
        f.message += f"（即科目 {'、'.join(sorted(codes))} 与其他表的差额，见同一科目金额不一致发现）"
        f.severity, f.materiality = Severity.low, 0.0

    def _report(self, what, a, rows_a, ca, va, b, rows_b, cb, vb, key, scale, check: str, where: Evidence, carried=None) -> Case:
        va, vb = va or Amount(Decimal(0), a.unit), vb or Amount(Decimal(0), b.unit)
        bal = amount_balance(vb, [va, carried])
        if bal.ok:
            return Case(check, PASSED, where)
        ev: list[Evidence] = [row_evidence(a, r, "expected", [a.column(ca).index]) for r in rows_a]
        ev += [row_evidence(b, r, "stated", [b.column(cb).index]) for r in rows_b]
        summed = "（下级科目合计）" if len(rows_b) > 1 else ""
        held = f"（含上年结转 {carried}）" if carried is not None and carried.value else ""
        msg = f"{what}：{table_label(a)} {va}，{table_label(b)}{summed} {vb}{held}，相差 {fmt(abs(bal.difference))} 万元"
        values = {"stated": vb.wan, "expected": bal.expected, "difference": bal.difference}
        finding = self.balance_finding(bal, msg, ev, key=key, values=values, scale=scale, rounding_title="表间勾稽存在尾数差异")
        return self.outcome(check, where, finding)

    def _basic(self, t6: Table, t5: Table, scale) -> Iterable[Case]:
        check = "人员经费合计 + 公用经费合计 = 一般公共预算财政拨款支出表 基本支出"
        personnel, public, row6 = personnel_public(t6)
        total = total_row(t5)
        where = row_evidence(t5, total, "stated", [t5.column("basic").index]) if total is not None else table_title_evidence(t5)
        if personnel is None or public is None or total is None:
            yield Case(check, NOT_APPLICABLE, where)
            return
        basic = t5.amount(total, "basic")
        if basic is None:
            yield Case(check, NOT_APPLICABLE, where)
            return
        bal = amount_balance(basic, [personnel[1], public[1]])
        if bal.ok:
            yield Case(check, PASSED, where)
            return
        ev = [row_evidence(t6, row6, "component"), where]
        msg = (
            f"{table_label(t6)} 人员经费合计 {personnel[1]} + 公用经费合计 {public[1]} = {fmt(bal.expected)} 万元，"
            f"{table_label(t5)} 基本支出 {basic}，相差 {fmt(abs(bal.difference))} 万元"
        )
        values = {"stated": basic.wan, "expected": bal.expected, "difference": bal.difference}
        key = "basic_detail|gpb_expense|basic"
        finding = self.balance_finding(bal, msg, ev, key=key, values=values, scale=scale, rounding_title="表间勾稽存在尾数差异")
        yield self.outcome(check, where, finding)
