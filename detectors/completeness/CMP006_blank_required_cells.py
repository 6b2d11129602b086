"""CMP006: required cells of the performance basic-data table left blank (控制率 …)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from extract.numbers import normalize_label, parse_cell
from models import Document, Finding, Severity

from ..base import Rule, fmt, row_evidence

REQUIRED_LABELS = ("控制率",)


class BlankRequiredCells(Rule):
    """Required figures of the 绩效评价基础数据表 are filled in.

    What it checks:
        In the 部门整体支出绩效评价基础数据表, the value under 控制率 (实际在职人数 / 编制数) is not
        blank; the expected rate is computed from the row's own counts.
    Why an auditor cares:
        控制率 is the staffing control figure the evaluation asks for; left blank, the staffing
        part of the evaluation is not done.
    Fails:
        编制数 16 | 实际在职人数 11 | 控制率 (blank)
    Passes:
        编制数 16 | 实际在职人数 11 | 控制率 68.75%
    """

    code = "CMP006"
    title = "基础数据表必填项为空"
    category = "missing_or_blank"
    severity = Severity.medium

    def check(self, doc: Document) -> Iterable[Finding]:
        for t in doc.tables_of("perf_basic_data"):
            for i, row in enumerate(t.rows[:-1]):
                labels = [normalize_label(c.text) for c in row.cells]
                for k, label in enumerate(labels):
                    if label not in REQUIRED_LABELS:
                        continue
                    below = t.rows[i + 1].cells
                    if k < len(below) and below[k].text.strip():
                        continue
                    counts = [parse_cell(c.text).value for c in below if parse_cell(c.text).value is not None]
                    expected = (counts[1] / counts[0] * 100).quantize(Decimal("0.01")) if len(counts) >= 2 and counts[0] else None
                    msg = f"{t.title}“{label}”栏为空" + (
                        f"，按实际在职 {fmt(counts[1])} 人 ÷ 编制 {fmt(counts[0])} 人应为 {fmt(expected)}%"
                        if expected is not None
                        else ""
                    )
                    yield self.finding(
                        msg,
                        [row_evidence(t, row, "context"), row_evidence(t, t.rows[i + 1], "stated")],
                        key=f"blank|{t.id}|{label}",
                        values={"expected": expected} if expected is not None else {},
                    )
