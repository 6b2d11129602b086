"""XTB001: the same code with different amounts in tables that report the same quantity."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from extract.tables import KIND_LABELS
from models import Amount, Document, Finding, Severity

from ..base import FAILED, NOT_APPLICABLE, PASSED, Case, Rule, amount_balance, document_total, fmt, row_evidence, table_label
from ._common import code_gaps, code_rows, pairs_for
from .XTB002_shuffled_rows import shuffled_codes


class SameCodeAcrossTables(Rule):
    """A 项 code carries the same amount in every table that reports the same quantity.

    What it checks:
        The amount of each classification code in 支出决算表 against 一般公共预算财政拨款支出决算表
        (when all money is 一般公共预算), and in 收入决算表 against 支出决算表 (beyond the carry-overs
        of table 1). A difference small enough for a carry-over (or other sources) is one when the
        table's 合计 agrees with table 1; when that 合计 breaks from table 1 by just this code's
        difference, the code is where the error is, reported here (XTB003 shows the 合计 at low).
        A code that one pair of tables explains is still checked in the next pair, where nothing
        may explain it.
        Rows already reported as shuffled (XTB002) are left to that finding. A 类 or
        款 that differs by what the codes under it differ by is that same difference summed up:
        shown at low, the codes under it carry the finding.
    Why an auditor cares:
        The tables are compiled from one ledger; an amount that changes between them was typed
        twice, and at most one of the two can be right.
    Fails:
        2101501 行政运行：收入决算表 45.83，支出决算表 105.6
    Passes:
        2101501 行政运行：收入决算表 45.83，支出决算表 45.83
    """

    doc_zh = """同一个项级科目，在反映同一数量的各张表中金额相同。

    检查内容：
        每个功能分类科目在支出决算表与一般公共预算财政拨款支出决算表中的金额（当全部资金都是一般公共预算
        时），以及在收入决算表与支出决算表中的金额（扣除表一的结转结余后）。差额不超过结转结余（或其他来源
        资金）时，只有在该表合计与表一一致的情况下才可由其解释；该表合计与表一恰好相差这个科目的差额时，错误
        就在这个科目，在此报告（XTB003 将合计的差异以低级别显示）。某个科目的差额在一对表中可以解释的，仍在
        下一对表中检查，那里可能无从解释。已判定为行次错位（XTB002）的行交由该发现
        说明。某个类或款的差额恰为其下级科目差额之和时，是同一差额的汇总：以低级别显示，由下级科目
        给出发现。
    为什么重要：
        各表出自同一本账；同一科目在两表中金额不同，说明录入了两次，两者至多有一个正确。
    不通过：
        2101501 行政运行：收入决算表 45.83，支出决算表 105.6
    通过：
        2101501 行政运行：收入决算表 45.83，支出决算表 45.83
    """

    code = "XTB001"
    title = "同一科目在两张表中金额不一致"
    category = "cross_table"
    severity = Severity.high

    def cases(self, doc: Document) -> Iterable[Case]:
        scale = document_total(doc)
        shuffled = shuffled_codes(doc)
        reported: dict[str, Finding] = {}  # one finding per code, from the first pair it breaks in
        for a, ca, b, cb, slack in pairs_for(doc):
            # a difference that a table's 合计 breaks from the summary table by is no carry-over
            by_total = {c: t for t in (a, b) for c, g in code_gaps(doc, t, shuffled).items() if g.by_total}
            ra, rb = code_rows(a), code_rows(b)
            check = f"{KIND_LABELS[a.kind]}与{KIND_LABELS[b.kind]} 同一科目金额相同"
            amounts = {}
            for code in ra:
                if code in rb:
                    va, vb = a.amount(ra[code], ca), b.amount(rb[code], cb)
                    amounts[code] = (va, vb)
            for code, (va, vb) in amounts.items():
                where = row_evidence(b, rb[code], "stated", [b.column(cb).index])
                if code in shuffled or (va is None and vb is None):
                    yield Case(check, NOT_APPLICABLE, where)  # a shuffled row is XTB002's to report
                    continue
                va, vb = va or Amount(Decimal(0), a.unit), vb or Amount(Decimal(0), b.unit)
                bal = amount_balance(vb, [va])
                if bal.ok:
                    yield Case(check, PASSED, where)
                    continue
                if code in reported and not _explained(reported[code]):  # reported from an earlier pair
                    yield (
                        Case(check, PASSED, where, rounding=True) if bal.rounding else Case(check, FAILED, where, reported[code])
                    )
                    continue
                label = ra[code].label or rb[code].label
                msg = f"{code} {label}：{table_label(a)} {va}，{table_label(b)} {vb}，相差 {fmt(abs(bal.difference))} 万元"
                if code in by_total:
                    msg += f"（{table_label(by_total[code])}的合计与总表相差同一金额，不是{slack[0]}）"
                ev = [row_evidence(a, ra[code], "expected", [a.column(ca).index]), where]
                values = {"stated": vb.wan, "expected": va.wan, "difference": bal.difference}
                key = f"{a.kind}|{b.kind}|{code}"
                finding = self.balance_finding(
                    bal,
                    msg,
                    ev,
                    key=key,
                    values=values,
                    scale=scale,
                    rounding_title="同一科目在两张表中存在尾数差异",
                    explained_by=None if code in by_total else slack,
                )
                below = _differing_children(code, amounts, bal.difference_wan)
                if below and finding.category != "rounding" and finding.severity != Severity.info:
                    # a 类 or 款 that differs by exactly what the codes under it differ by: the same
                    # difference summed up, reported at those codes
                    finding.message += f"（即下级科目 {'、'.join(below)} 的差额）"
                    finding.severity, finding.materiality = Severity.low, 0.0
                reported[code] = finding
                yield self.outcome(check, where, finding)


def _explained(f: Finding | None) -> bool:
    """A finding that its pair of tables explains (a rounding tail, carry-overs, other sources):
    the code may still break in another pair, where nothing explains it."""
    return f is not None and (f.category == "rounding" or f.severity == Severity.info)


def _differing_children(code: str, amounts: dict, difference: Decimal) -> list[str]:
    """The codes right under ``code`` that differ between the two tables, when their differences
    add up to ``difference`` (万元) within the rounding of the printed values; [] otherwise."""
    children = [c for c in amounts if len(c) == len(code) + 2 and c.startswith(code)]
    differing = [c for c in children if _gap(*amounts[c])]
    printed = [v for c in [code, *children] for v in amounts[c] if v is not None]
    tolerance = sum((v.radius_wan for v in printed), Decimal(0))
    if not differing or abs(sum((_gap(*amounts[c]) for c in children), Decimal(0)) - difference) > tolerance:
        return []
    return differing


def _gap(va: Amount | None, vb: Amount | None) -> Decimal:
    """``vb`` − ``va`` in 万元 (an amount not printed counts as 0)."""
    zero = Decimal(0)
    return (vb.wan if vb else zero) - (va.wan if va else zero)
