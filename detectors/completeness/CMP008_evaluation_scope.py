"""CMP008: a performance self-evaluation that covers no money while the department spent on projects."""

from __future__ import annotations

import re
from collections.abc import Iterable

from models import Document, Finding, Severity

from ..base import Rule, figure_evidence, figure_key, fmt
from ..linking import table_value


class EvaluationScope(Rule):
    """Project spending is covered by the self-evaluation.

    What it checks:
        Sentences on 绩效自评 / 绩效评价 that say the evaluation involved 0 projects or 0 万元, in a
        document whose tables show 项目支出 above zero.
    Why an auditor cares:
        Every project must be self-evaluated; "涉及资金0万元" beside tens of thousands of 万元 of
        project spending means the evaluation was not done, or not reported.
    Fails:
        "开展绩效自评，其中，一级项目0个，二级项目0个，共涉及资金0万元" with 项目支出 52,110.86 万元
    Passes:
        "对5个项目开展绩效自评，涉及资金239.79万元"
    """

    doc_zh = """项目支出已纳入绩效自评。

    检查内容：
        关于绩效自评 / 绩效评价的句子说评价涉及0个项目或0万元，而文件的表格显示项目支出大于零。
    为什么重要：
        每个项目都必须开展自评；数万万元的项目支出旁写着“涉及资金0万元”，说明没有开展评价，或没有报告。
    不通过：
        “开展绩效自评，其中，一级项目0个，二级项目0个，共涉及资金0万元”，而项目支出为 52,110.86 万元
    通过：
        “对5个项目开展绩效自评，涉及资金239.79万元”
    """

    code = "CMP008"
    title = "项目支出未开展绩效自评"
    category = "missing_or_blank"
    severity = Severity.medium

    def check(self, doc: Document) -> Iterable[Finding]:
        project = table_value(doc, "project:all") or table_value(doc, "project:gpb")
        if project is None or not project.value:
            return
        for f in doc.figures:
            if f.kind == "amount" and f.value == 0 and "涉及资金" in f.subject and re.search(r"绩效自评|自评", f.sentence):
                yield self.finding(
                    f"文中称绩效自评“{f.subject}{f.text}”，而项目支出为 {fmt(project.value)} 万元，项目支出未开展（或未公开）绩效自评",
                    [figure_evidence(doc, f)],
                    key=f"scope|{figure_key(f)}",
                    values={"stated": 0, "expected": project.value},
                )
                return
