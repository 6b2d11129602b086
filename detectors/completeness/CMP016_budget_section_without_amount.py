"""CMP016: a section headed as a project's budget (年度预算安排 …) that states no amount."""

from __future__ import annotations

import re
from collections.abc import Iterable

from extract.numbers import normalize_label
from models import Document, Evidence, Finding, Severity

from ..base import Rule

_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]|\d{1,2}[、.．])?\s*(?:年度)?(?:预算安排|资金安排|项目预算|资金预算)(?:情况)?[:：]?$"
)
_AMOUNT = re.compile(r"\d\s*(?:万元|元|亿元|万)(?![人户次件个])")


class BudgetSectionWithoutAmount(Rule):
    """A project's budget section says how much.

    What it checks:
        A heading that announces a project's budget ("六、年度预算安排", "资金安排") followed, up to
        the next heading, by text that states no amount of money.
    Why an auditor cares:
        The section is where the project's money is disclosed; one that describes how the money
        will be paid instead of how much there is leaves the project's budget undisclosed.
    Fails:
        "六、年度预算安排" / "结合区政府重点工作推进情况，根据合同条款，按时拨付资金。"
    Passes:
        "六、年度预算安排" / "2025年度项目总预算1720.00万，其中各级企业技术中心及专精特新认定1720.00万。"
    """

    doc_zh = """项目的预算安排写明金额。

    检查内容：
        宣告项目预算的标题（“六、年度预算安排”“资金安排”），其后直到下一个标题的文字中没有任何金额。
    为什么重要：
        这一部分是公开项目资金的地方；只说资金怎么拨付、不说有多少钱，项目预算就没有公开。
    不通过：
        “六、年度预算安排” / “结合区政府重点工作推进情况，根据合同条款，按时拨付资金。”
    通过：
        “六、年度预算安排” / “2025年度项目总预算1720.00万，其中各级企业技术中心及专精特新认定1720.00万。”
    """

    code = "CMP016"
    title = "预算安排未写明金额"
    category = "missing_or_blank"
    severity = Severity.low

    def check(self, doc: Document) -> Iterable[Finding]:
        sections = doc.sections
        for k, section in enumerate(sections):
            if not _HEADING.match(normalize_label(section.title)):
                continue
            end = sections[k + 1].paragraph if k + 1 < len(sections) else min(len(doc.paragraphs), section.paragraph + 4)
            body = [p for p in doc.paragraphs[section.paragraph + 1 : end] if p.text.strip()]
            if not body or any(_AMOUNT.search(p.text) for p in body):
                continue
            # the project the section belongs to: the heading of the block it opens (its 项目概述's title)
            project = next(
                (
                    p.text.strip()
                    for p in reversed(doc.paragraphs[: section.paragraph])
                    if "情况说明" in p.text and len(p.text) <= 60
                ),
                "",
            )
            head = doc.paragraphs[section.paragraph]
            yield self.finding(
                f"{('“' + project + '”的') if project else ''}“{section.title.strip()}”未写明金额："
                f"“{''.join(p.text.strip() for p in body)[:80]}”",
                [Evidence(head.text.strip(), head.page, head.bbox, "context")]
                + [Evidence(p.text.strip()[:200], p.page, p.bbox, "stated") for p in body[:2]],
                key=f"no_amount|{normalize_label(project)}|{normalize_label(section.title)}",
                confidence=0.85,
            )
