"""XTB008: the same contributions in the function and the economic classification of the basic
expenditure: 2080505 基本支出 against 30108, 2101101/2101102 against 30110 …"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from models import Document, Severity, Table
from models.amount import MONEY_UNITS

from ..base import NOT_APPLICABLE, PASSED, Case, Rule, balance, document_total, fmt, row_evidence, table_label
from ..linking import econ_items, personnel_public, total_row
from ._common import code_rows
from .XTB002_shuffled_rows import shuffled_codes

# (what is paid, the 项 codes of the function classification it is booked under, the economic
# codes it is booked under, economic codes whose money may also sit under those 项 codes).
# Only contributions whose 项 code is reserved for them: 行政运行 and the like mix everything.
CORRESPONDENCE: list[tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = [
    ("机关事业单位基本养老保险缴费", ("2080505", "2080507"), ("30108",), ()),
    ("职业年金缴费", ("2080506", "2080508"), ("30109",), ()),
    # 行政/事业单位医疗 also pays the 公费医疗 of units outside the insurance (30114 医疗费)
    ("职工基本医疗保险缴费", ("2101101", "2101102"), ("30110",), ("30114",)),
    ("公务员医疗补助缴费", ("2101103",), ("30111",), ()),
    ("住房公积金", ("2210201",), ("30113",), ()),
]


class FunctionVersusEconomic(Rule):
    """A contribution has one amount in the function and the economic classification.

    What it checks:
        Within the 一般公共预算财政拨款 basic expenditure, the 基本支出 of the 项 codes reserved for
        a contribution (2080505 机关事业单位基本养老保险缴费支出, 2080506/2080508 职业年金,
        2101101/2101102 行政/事业单位医疗, 2101103 公务员医疗补助, 2210201 住房公积金) in the
        一般公共预算财政拨款支出表, against the economic items of the 基本支出明细表 that pay it
        (30108, 30109, 30110, 30111, 30113). A pair is compared only when both tables print it, the
        two tables' basic totals agree (the same money), and no row of the pair is shuffled (XTB002).
        医疗费 (30114) may also be booked under 行政/事业单位医疗: a function amount above the
        contribution by no more than it is accepted.
    Why an auditor cares:
        The two tables classify the same payroll contributions two ways; when the pension paid is
        15.24万元 by function and 14.82万元 by economic item, one of the two tables was compiled
        from other figures, or part of the contribution was booked under another 项.
    Fails:
        公开05表 2080505 基本支出 15.24 while 公开06表 30108 机关事业单位基本养老保险缴费 14.82
    Passes:
        2080505 基本支出 26.38 and 30108 26.38; or a document whose 05表 has no 2080505 row (the
        contributions are inside 行政运行)
    """

    doc_zh = """同一笔缴费，在功能分类和经济分类中金额相同。

    检查内容：
        一般公共预算财政拨款基本支出中，专用于某项缴费的项级科目（2080505 机关事业单位基本养老保险缴费支出，
        2080506/2080508 职业年金，2101101/2101102 行政/事业单位医疗，2101103 公务员医疗补助，2210201
        住房公积金）的基本支出，与基本支出明细表中支付该缴费的经济科目（30108、30109、30110、30111、30113）
        比较。仅在两表都列有、两表基本支出合计一致（同一笔钱）且两行都未错位（XTB002）时比较。医疗费
        （30114）也可能列在行政/事业单位医疗下：功能分类金额高出缴费不超过医疗费的，视为正常。
    为什么重要：
        两张表用两种方式对同一笔工资缴费分类；养老保险按功能分类是 15.24万元、按经济分类是 14.82万元，
        说明其中一张表用了另外的数字编制，或部分缴费列到了别的项。
    不通过：
        公开05表 2080505 基本支出 15.24，公开06表 30108 机关事业单位基本养老保险缴费 14.82
    通过：
        2080505 基本支出 26.38 与 30108 26.38；或 05表没有 2080505 行（缴费包含在行政运行中）
    """

    code = "XTB008"
    title = "功能分类与经济分类的缴费金额不一致"
    category = "cross_table"
    severity = Severity.low

    def cases(self, doc: Document) -> Iterable[Case]:
        functions = doc.table_of("gpb_expense")
        econ = doc.table_of("gpb_basic_detail")
        if functions is None or econ is None or functions.column("basic") is None:
            return
        if "一般公共预算" not in econ.title or not _same_money(functions, econ):
            return
        rows = code_rows(functions)
        items = econ_items(econ)
        shuffled = shuffled_codes(doc)
        scale = document_total(doc)
        # the economic items in the function table's unit (the two may be printed in different units)
        scale_to = MONEY_UNITS[econ.unit] / MONEY_UNITS[functions.unit]
        basic_col = functions.column("basic").index
        for what, fcodes, ecodes, extra in CORRESPONDENCE:
            check = f"{what}：功能分类 = 经济分类"
            frows = [rows[c] for c in fcodes if c in rows and functions.value(rows[c], "basic") is not None]
            eitems = [items[c] for c in ecodes if c in items and items[c].value is not None]
            if not frows or not eitems:
                continue  # the pair is not printed: nothing to compare
            where = row_evidence(functions, frows[0], "expected", [basic_col])
            if any(r.code in shuffled for r in frows):
                yield Case(check, NOT_APPLICABLE, where)  # a shuffled row is XTB002's to report
                continue
            fsum = sum((functions.value(r, "basic") for r in frows), Decimal(0))
            esum = sum((i.value * scale_to for i in eitems), Decimal(0))
            bal = balance(esum, [functions.value(r, "basic") for r in frows], functions.unit)
            if bal.ok:
                yield Case(check, PASSED, where)
                continue
            allowance = sum(((items[c].value or Decimal(0)) * scale_to for c in extra if c in items), Decimal(0))
            if Decimal(0) < -bal.difference <= allowance:
                yield Case(check, PASSED, where)  # the rest is 医疗费 booked under the same 项
                continue
            fnames = "、".join(f"{r.code} {r.label}" for r in frows)
            enames = "、".join(f"{i.code} {i.label}" for i in eitems)
            unit = functions.unit
            msg = (
                f"{what}：{table_label(functions)} {fnames} 基本支出{'合计' if len(frows) > 1 else ''} {fmt(fsum)} {unit}，"
                f"{table_label(econ)} {enames} {fmt(esum)} {unit}，相差 {fmt(abs(bal.difference))} {unit}，"
                "同一缴费按功能分类与经济分类反映的金额不一致，请核对"
            )
            ev = [row_evidence(functions, r, "expected", [basic_col]) for r in frows]
            ev += [row_evidence(econ, i.row, "stated", [i.col]) for i in eitems]
            finding = self.balance_finding(
                bal,
                msg,
                ev,
                key=f"{what}|{'+'.join(r.code for r in frows)}|{'+'.join(i.code for i in eitems)}",
                values={
                    "stated": esum * MONEY_UNITS[unit],
                    "expected": fsum * MONEY_UNITS[unit],
                    "difference": bal.difference_wan,
                },
                scale=scale,
                rounding_title="功能分类与经济分类的缴费金额存在尾数差异",
            )
            yield self.outcome(check, where, finding)


def _same_money(functions: Table, econ: Table) -> bool:
    """Both tables cover the same basic expenditure: the 基本支出 total of the function table is
    the 人员经费 + 公用经费 of the detail table (when both print them)."""
    total = total_row(functions)
    personnel, public, _ = personnel_public(econ)
    basic = functions.amount(total, "basic") if total is not None else None
    if basic is None or personnel is None or public is None:
        return True
    return abs(basic.wan - personnel[1].wan - public[1].wan) <= max(Decimal("0.05"), abs(basic.wan) / 100)
