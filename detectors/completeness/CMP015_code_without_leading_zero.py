"""CMP015: a 款 or 项 code printed over its own column without its leading zero ("301 | 2")."""

from __future__ import annotations

from collections.abc import Iterable

from extract.numbers import normalize_label
from models import Document, Finding, Severity

from ..base import Rule, row_evidence, table_label


class CodeWithoutLeadingZero(Rule):
    """Split codes printed with both their digits.

    What it checks:
        Tables that print a classification code over several columns (类 | 款 | 项): a 款 or 项
        cell holding one digit where the others hold two ("301 | 2 | 津贴补贴" for 30102).
    Why an auditor cares:
        The code is how the tables are matched with each other and with the ledger; "2" read as a
        code gives 3012, which is no code, and the row drops out of every sum and comparison.
    Fails:
        "301 | 2 | 津贴补贴 | 7,533,376.00" beside "301 | 01 | 基本工资"
    Passes:
        "301 | 02 | 津贴补贴 | 7,533,376.00"
    """

    doc_zh = """拆分印出的科目编码保留两位数字。

    检查内容：
        把科目编码分几列印出（类 | 款 | 项）的表格：某个款或项单元格只有一位数字，而其他单元格是两位（“301 | 2 |
        津贴补贴”应为 30102）。
    为什么重要：
        编码是各表之间以及表格与账簿对应的依据；把“2”当作编码得到 3012，不是任何科目，这一行就会从所有求和与比较
        中漏掉。
    不通过：
        “301 | 2 | 津贴补贴 | 7,533,376.00”，旁边是“301 | 01 | 基本工资”
    通过：
        “301 | 02 | 津贴补贴 | 7,533,376.00”
    """

    code = "CMP015"
    title = "科目编码缺少前导零"
    category = "other"
    severity = Severity.low

    def check(self, doc: Document) -> Iterable[Finding]:
        for t in doc.tables:
            roles = [c.role for c in t.columns]
            runs = [i for i, r in enumerate(roles) if r == "code" and i > 0 and roles[i - 1] == "code"]
            rows = []
            for r in t.rows:
                cells = [normalize_label(r.cells[i].text) for i in runs if i < len(r.cells)]
                if any(len(c) == 1 and c.isdigit() for c in cells):
                    rows.append(r)
            if not rows:
                continue
            shown = "、".join(f"“{r.text.replace(chr(9), ' ')[:24]}”" for r in rows[:4])
            yield self.finding(
                f"{table_label(t)}中{len(rows)}行的款/项编码只印了一位数字（如{shown}），应补足为两位（如“02”），"
                "否则按编码汇总、比对时这些行会被漏掉",
                [row_evidence(t, r, "stated") for r in rows[:6]],
                key=f"zero|{t.kind}|{t.id}",
                values={"count": len(rows)},
                confidence=0.9,
            )
