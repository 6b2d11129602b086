"""TXT001: an amount in the 情况说明 against the table cell that states the same quantity."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from models import Document, Finding, Severity

from ..base import NOT_APPLICABLE, PASSED, Balance, Case, Rule, document_total, figure_evidence, fmt, row_evidence, table_label
from ..crosstable.XTB002_shuffled_rows import shuffled_codes
from ..linking import code_cells, figure_keys, table_value

CHECK = "文字中的金额 = 表格数"


class FigureVsTable(Rule):
    """A figure in the text = the table cell it restates.

    What it checks:
        Each amount of the narrative linked to its table cell by what it is about: totals
        (本年收入合计, 本年支出合计, 财政拨款收入/支出), 基本支出 / 项目支出, 人员经费 / 公用经费, the 三公
        items (预算数 and 决算数), a 类 ("卫生健康（类）支出") and a 项 (the "……（项）" heading before
        "支出决算为…") — and flags the ones that differ. Like with like: a 基本支出 / 项目支出 of all
        sources is compared only with the all-sources table. A 政府性基金 amount stated while its
        line is blank and the fund's own table empty differs from the 0 the tables state. A figure
        that restates its code's amount in another table is not the text's error: the tables
        disagree (XTB001/XTB002 report them).
    Why an auditor cares:
        Readers quote the text, not the tables; a sentence that disagrees with its table is a
        published misstatement either way.
    Fails:
        "人员经费587.2万元" while 基本支出明细表 人员经费合计 is 587.21 (rounding, info);
        "支出决算为596万元" for 行政运行 while the table says 596.04
    Passes:
        "卫生健康（类）支出329.85万元" with the table's 329.85
    """

    doc_zh = """文字中的数字等于它所转述的表格单元格。

    检查内容：
        文字说明中每个金额按其所说的内容对应到表格单元格：各总数（本年收入合计、本年支出合计、财政拨款
        收入/支出）、基本支出 / 项目支出、人员经费 / 公用经费、三公经费各项（预算数与决算数）、某一类
        （“卫生健康（类）支出”）和某一项（“支出决算为……”前的“……（项）”标题），标出不一致的。同口径比较：
        全部资金的基本支出 / 项目支出只与全部资金的表比较。政府性基金金额在表中该行空白、基金本身的表为空表时，
        与表中的 0 不符。文字与同一科目在另一张表中的金额相同时，不是文字的错误，而是表与表不符（由 XTB001/
        XTB002 报告）。
    为什么重要：
        读者引用的是文字而不是表格；文字与表格不符，无论哪个对，都是一处公开的错报。
    不通过：
        “人员经费587.2万元”，而基本支出明细表人员经费合计为 587.21（尾数误差，提示）；行政运行“支出决算为
        596万元”，而表中为 596.04
    通过：
        “卫生健康（类）支出329.85万元”，表中为 329.85
    """

    code = "TXT001"
    title = "文字说明与表格数字不符"
    category = "narrative_vs_table"
    severity = Severity.medium

    def cases(self, doc: Document) -> Iterable[Case]:
        """One case per narrative amount about a quantity the tables state (``figure_keys``), its
        ``figure`` the amount and its ``where`` the table cell it is linked to (``table_value``).
        An amount no cell states is not applicable, with no ``where``: unlinked. A 决算's budget
        figures are not cases at all: its tables state what was spent."""
        scale = document_total(doc)
        shuffled = shuffled_codes(doc)
        skip = {f"item:{r.label}" for t in doc.tables for r in t.rows if r.code in shuffled}
        skip |= {f"code:{c}" for c in shuffled}
        reported: dict[tuple, Finding] = {}
        for k in figure_keys(doc):
            stated = k.figure.amount_wan
            if stated is None:
                continue
            cell = table_value(doc, k.key, k.when, k.figure)
            if cell is None:
                if k.when == "final" or doc.doc_type == "部门预算":
                    yield Case(CHECK, NOT_APPLICABLE, figure=k.figure)
                continue
            where = row_evidence(cell.table, cell.row, "expected", [cell.col])
            if k.key in skip:
                # a shuffled row: XTB002 reports it with the table it agrees with
                yield Case(CHECK, NOT_APPLICABLE, where, figure=k.figure)
                continue
            if cell.amount.unit != k.figure.amount.unit and cell.amount.rounded_like(k.figure.amount) == k.figure.amount:
                yield Case(CHECK, PASSED, where, figure=k.figure)  # a 元 cell restated in 万元, rounded as the text prints
                continue
            expected = cell.value  # in 万元, whatever the table's unit
            # narrative amounts are read at 2 decimals like the tables ("596万元" for 596.04 is a
            # misstatement, not rounding)
            b = Balance(stated, expected, Decimal("0.01"))
            if b.ok:
                yield Case(CHECK, PASSED, where, figure=k.figure)
                continue
            if cell.row.code and any(
                c.table is not cell.table and abs(c.value - stated) <= Decimal("0.005")  # at 2 decimals, like the check
                for c in code_cells(doc, cell.row.code)
            ):
                # the text restates the code's amount in another table: the tables disagree (XTB001)
                yield Case(CHECK, NOT_APPLICABLE, where, figure=k.figure)
                continue
            seen = (k.key, k.when, stated)
            if seen in reported:  # the same amount stated again: one finding
                yield self.outcome(CHECK, where, reported[seen], k.figure)
                continue
            what = k.figure.subject or k.key
            msg = f"文字说明“{k.figure.sentence[:60]}”中{what} {k.figure.text}，{table_label(cell.table)} 为 {fmt(expected)} 万元，相差 {fmt(abs(b.difference))} 万元"
            ev = [figure_evidence(doc, k.figure), where]
            values = {"stated": stated, "expected": expected, "difference": b.difference}
            key = f"{k.key}|{k.when}|{stated}"
            sev = (
                Severity.high
                if abs(b.difference) >= max(abs(expected) * Decimal("0.01"), Decimal(1))
                else Severity.medium
                if abs(b.difference) >= 0.02
                else Severity.low
            )
            reported[seen] = self.balance_finding(
                b, msg, ev, key=key, values=values, scale=scale, rounding_title="文字与表格存在尾数差异", severity=sev
            )
            yield self.outcome(CHECK, where, reported[seen], k.figure)
