"""CMP014: a 收支总表 that stops before its closing rows (总计, 结转)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from extract.numbers import normalize_label
from extract.templates import template_of
from models import Document, Finding, Severity, Table

from ..base import Rule, row_evidence, table_label

_KINDS = ("summary", "fiscal_summary")
_TOTAL = re.compile(r"总计$")
_CARRIED_IN = re.compile(r"上年结转|年初.{0,6}结转")
_CARRIED_OUT = re.compile(r"结转下年|年末.{0,6}结转")
_SIDE = {"income": "收入", "expense": "支出"}


def _labels(t: Table) -> list[str]:
    return [normalize_label(c.text) for r in t.rows for c in r.cells if c.text.strip()]


class TotalTableClosingRows(Rule):
    """A 收支总表 ends with its 总计 and 结转 rows.

    What it checks:
        Each side of a 收入支出决算总表 / 部门收支总表 / 财政拨款收支（预算）总表: the income side has a
        收入总计 (总计) row, the expense side a 支出总计 (总计) row and a 结转下年 / 年末结转和结余
        row. A one-sided table must have the 总计 and the carry-forward rows somewhere. Templates
        whose total tables have no carry-over lines (Shanghai's 部门财务收支预算总表) need only the
        总计 rows.
    Why an auditor cares:
        The 总计 rows are where the two sides of the table are shown to balance (本年收入 + 上年结转
        = 本年支出 + 结转下年); a table that stops at its last expense line cannot be checked and
        hides whether anything is carried forward.
    Fails:
        财政拨款收支预算总表 whose expense side ends with "抗疫特别国债安排的支出" (no 结转下年, no 支出总计)
    Passes:
        the same table ending "本年支出合计 … 结转下年 … 支出总计 1,397.18"
    """

    doc_zh = """收支总表以总计和结转行结束。

    检查内容：
        收入支出决算总表 / 部门收支总表 / 财政拨款收支（预算）总表的每一侧：收入侧有收入总计（总计）行，支出侧有
        支出总计（总计）行和结转下年 / 年末结转和结余行。单侧排列的表也必须在某处有总计和结转行。总表没有结转行的
        模板（上海的部门财务收支预算总表）只需总计行。
    为什么重要：
        总计行是表格两侧平衡（本年收入 + 上年结转 = 本年支出 + 结转下年）的体现；止于最后一个支出行的表格无法核对，
        也掩盖了是否有结转。
    不通过：
        财政拨款收支预算总表的支出侧止于“抗疫特别国债安排的支出”（没有结转下年，没有支出总计）
    通过：
        同一张表以“本年支出合计……结转下年……支出总计 1,397.18”结束
    """

    code = "CMP014"
    title = "收支总表缺少总计或结转行"
    category = "missing_or_blank"
    severity = Severity.low

    def check(self, doc: Document) -> Iterable[Finding]:
        carry_rows = doc.doc_type in template_of(doc).carry_rows
        for t in doc.tables:
            if t.kind not in _KINDS or len(t.rows) < 3:
                continue
            labels = _labels(t)
            side = _SIDE.get(t.part, "")
            missing = []
            if not any(_TOTAL.search(x) for x in labels):
                missing.append(f"{side}总计" if side else "总计")
            if carry_rows and t.part in ("expense", "") and not any(_CARRIED_OUT.search(x) for x in labels):
                missing.append("结转下年（年末结转和结余）")
            if carry_rows and t.part in ("income", "") and not any(_CARRIED_IN.search(x) for x in labels):
                missing.append("上年结转（年初结转和结余）")
            if not missing:
                continue
            last = t.rows[-1]
            where = f"（{side}方）" if side else ""
            rows = "".join(f"“{m}”" for m in missing)
            yield self.finding(
                f"{table_label(t)}{where}缺少{rows}行，表在“{normalize_label(last.cells[0].text if last.cells else '')}”处结束",
                [row_evidence(t, last, "stated")],
                key=f"closing|{t.id}|{'|'.join(missing)}",
            )
