"""CMP005: the explanations a disclosure must contain."""

from __future__ import annotations

import re
from collections.abc import Iterable

from models import Document, Evidence, Finding, Severity

from ..base import Rule

REQUIRED = {
    "部门决算": [
        ("“三公”经费", r"三公"),
        ("机关运行经费", r"机关运行经费"),
        ("政府采购", r"政府采购"),
        ("国有资产占有使用情况", r"国有资产|车辆\d*辆|公务用车保有量"),
        ("预算绩效情况", r"绩效"),
    ],
    "部门预算": [
        ("“三公”经费", r"三公"),
        ("机关运行经费", r"机关运行经费"),
        ("政府采购", r"政府采购"),
        ("国有资产占有使用情况", r"国有资产"),
        ("绩效目标设置情况", r"绩效目标"),
    ],
    "绩效评价报告": [
        ("存在的问题及原因分析", r"存在的?问题"),
        ("下一步改进措施（意见建议）", r"改进措施|意见建议|下一步|整改"),
    ],
}


class RequiredExplanations(Rule):
    """The required explanations are present.

    What it checks:
        A 部门决算 explains 三公 经费, 机关运行经费, 政府采购, 国有资产 and 预算绩效; a 部门预算 the
        same and its 绩效目标; a 绩效评价报告 its problems and the measures against them.
    Why an auditor cares:
        These explanations are required by 财预〔2016〕143号 and the evaluation rules; a missing one
        is a gap in the disclosure itself.
    Fails:
        a 绩效评价报告 with no "存在的问题" section
    Passes:
        "七、存在的问题及原因分析 …… 八、下一步改进措施 ……"
    """

    code = "CMP005"
    title = "缺少规定的说明内容"
    category = "missing_or_blank"
    severity = Severity.medium

    def check(self, doc: Document) -> Iterable[Finding]:
        required = REQUIRED.get(doc.doc_type)
        if not required or not doc.paragraphs:
            return
        text = doc.text
        for name, pattern in required:
            if re.search(pattern, text):
                continue
            first = doc.paragraphs[0]
            yield self.finding(
                f"{doc.doc_type}中没有“{name}”的说明",
                [Evidence(first.text, first.page, first.bbox, "context")],
                key=f"explain|{name}",
                severity=Severity.low if doc.doc_type == "绩效评价报告" else Severity.medium,
            )
