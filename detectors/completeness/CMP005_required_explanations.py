"""CMP005: the explanations a disclosure must contain."""

from __future__ import annotations

import re
from collections.abc import Iterable

from models import Document, Evidence, Finding, Severity

from ..base import Rule
from .CMP010_heading_numbering import numbered

SHOWN_HEADINGS = 12

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
    version = 2

    def check(self, doc: Document) -> Iterable[Finding]:
        required = REQUIRED.get(doc.doc_type)
        if not required or not doc.paragraphs:
            return
        text = doc.text
        first = doc.paragraphs[0]
        # the report's own outline shows where the section should have been
        headings = [p for p in doc.paragraphs if (n := numbered(p)) is not None and n[0].rank <= 2][:SHOWN_HEADINGS]
        outline = "；".join(h.text.strip()[:20] for h in headings)
        missing = [name for name, pattern in required if not re.search(pattern, text)]
        if not missing:
            return
        what = "".join(f"“{name}”" for name in missing)
        yield self.finding(
            f"{doc.doc_type}中没有{what}的说明" + (f"（报告各部分为：{outline}）" if headings else ""),
            [Evidence(first.text, first.page, first.bbox, "context")]
            + [Evidence(h.text.strip()[:60], h.page, h.bbox, "context") for h in headings],
            key="explain|" + "|".join(missing),
            severity=Severity.low if doc.doc_type == "绩效评价报告" else Severity.medium,
        )
