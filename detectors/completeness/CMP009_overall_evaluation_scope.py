"""CMP009: "整体支出绩效评价涉及0万元" in a document that attaches that very evaluation."""

from __future__ import annotations

import re
from collections.abc import Iterable

from models import Document, Evidence, Finding, Severity

from ..base import Rule, figure_evidence, figure_key, fmt, row_evidence, table_title_evidence
from ..linking import table_value

_OVERALL = re.compile(r"整体支出\S*(?:绩效评价|绩效自评|评价|自评)")
_REPORT = re.compile(r"整体支出绩效(?:自评|评价)(?:报告|表)|整体支出绩效(?:自评|评价)基础数据表")
REPORT_TABLES = ("perf_dept_eval", "perf_basic_data")


def attached_report(doc: Document, after: int) -> Evidence | None:
    """The department-wide evaluation the document carries: its table, else its report's title."""
    for t in doc.tables:
        if t.kind in REPORT_TABLES:
            return table_title_evidence(t)
    for p in doc.paragraphs:
        if p.index != after and len(p.text) <= 60 and _REPORT.search(p.text):
            return Evidence(p.text, p.page, p.bbox, "context")
    return None


class OverallEvaluationScope(Rule):
    """The department-wide evaluation covers the department's money.

    What it checks:
        A sentence saying the 整体支出绩效评价 / 自评 involved 0万元, in a document that attaches a
        部门整体支出绩效评价报告 or 自评表 — an evaluation of the whole department covers its whole
        一般公共预算 spending, which the tables give.
    Why an auditor cares:
        The sentence is what the disclosure reports upwards; "0万元" beside an attached evaluation
        is a contradiction, and it hides how much money the evaluation actually judged.
    Fails:
        "组织对单位开展整体支出绩效评价，涉及一般公共预算支出0万元" and "2021 年度部门整体支出绩效评价报告"
        attached (一般公共预算支出 52738.73万元)
    Passes:
        the same sentence with "涉及一般公共预算支出52738.73万元"
    """

    doc_zh = """部门整体支出绩效评价涵盖部门的资金。

    检查内容：
        称整体支出绩效评价 / 自评涉及0万元的句子，而文件附有部门整体支出绩效评价报告或自评表——对整个部门的评价
        涵盖其全部一般公共预算支出，表格中有这个数字。
    为什么重要：
        这句话是公开文件向上报告的内容；附有评价报告却写“0万元”，自相矛盾，也掩盖了评价实际评判了多少资金。
    不通过：
        “组织对单位开展整体支出绩效评价，涉及一般公共预算支出0万元”，并附有“2021 年度部门整体支出绩效评价报告”
        （一般公共预算支出 52738.73万元）
    通过：
        同一句话写作“涉及一般公共预算支出52738.73万元”
    """

    code = "CMP009"
    title = "整体支出绩效评价涉及资金与所附报告矛盾"
    category = "other"
    severity = Severity.medium

    def check(self, doc: Document) -> Iterable[Finding]:
        for f in doc.figures:
            if f.kind != "amount" or f.value != 0 or "涉及" not in f.subject or not _OVERALL.search(f.sentence):
                continue
            report = attached_report(doc, f.paragraph)
            if report is None:
                return
            whole = table_value(doc, "gpb_expense")
            ev = [figure_evidence(doc, f), report]
            spending = ""
            if whole is not None:
                ev.append(row_evidence(whole.table, whole.row, "expected", [whole.col]))
                spending = f"，本年一般公共预算支出为 {fmt(whole.value)} 万元"
            yield self.finding(
                f"文中称“{f.sentence.strip()[:60]}”，但文件附有“{report.text.strip()}”{spending}：整体支出绩效评价涉及的资金不应为 0",
                ev,
                key=f"overall|{figure_key(f)}",
                values={"stated": f.value, "expected": whole.value if whole is not None else None},
            )
            return
