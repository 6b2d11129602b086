"""PRF009: an indicator's actual value that cannot be measured against its target."""

from __future__ import annotations

import re
from collections.abc import Iterable

from models import Document, Finding, Severity

from ..base import Rule
from ._common import evidence, indicator_row, measure, same_project_docs

# a target that is a time: a date, a deadline, a duration
_TIME = re.compile(r"\d+\s*(?:年|月|日|天|个月|小时|工作日)|年底|月底|底前|之前|以前|时限")
# words by which an actual value answers a time target, even without a date
_TIME_ANSWER = re.compile(r"\d|时限|按时|及时|如期|准时|提前|逾期|延期|滞后|当年|年底|月底|底前|之前|以前|以内|[年月日天]")


def not_measurable(level2: str, target: str, actual: str) -> str | None:
    """What the actual value fails to give ("完成时间", "数值"), or None when it can be compared."""
    if not actual.strip() or actual.strip() in ("-", "—", "/"):
        return None  # blank: another question (a value not filled in)
    if "时效" in level2 and _TIME.search(target) and not _TIME_ANSWER.search(actual):
        return "完成时间"
    if "数量" in level2 and measure(target)[1] is not None and not re.search(r"\d", actual):
        return "数值"
    return None


class ActualNotMeasurable(Rule):
    """An indicator's actual value is stated in the terms of its target.

    What it checks:
        Time indicators (时效指标) whose target is a date or deadline ("2021年9月底前") and whose
        实际完成值 gives no time at all ("报告签出解决"), and quantity indicators (数量指标) whose
        target is a number and whose actual value has none ("全面完成" against "24家").
    Why an auditor cares:
        Whether the target was met cannot be judged from such a value; the indicator's marks, and
        "all targets met", rest on nothing.
    Fails:
        时效指标 “完成时限”：目标 每年9月底前，实际完成值 报告解决
    Passes:
        时效指标 “完成时间”：目标 2021年底前，实际完成值 2021年12月
    """

    doc_zh = """指标的实际值要用其目标的口径表述。

    检查内容：
        目标为日期或期限（“2021年9月底前”）而实际完成值完全没有时间（“报告签出解决”）的时效指标，以及目标为
        数字而实际值没有数字（“全面完成”对“24家”）的数量指标。
    为什么重要：
        从这样的值无法判断目标是否完成；该指标的得分以及“全部目标完成”的结论都没有依据。
    不通过：
        时效指标“完成时限”：目标 每年9月底前，实际完成值 报告解决
    通过：
        时效指标“完成时间”：目标 2021年底前，实际完成值 2021年12月
    """

    code = "PRF009"
    title = "实际完成值无法与指标值比较"
    category = "missing_or_blank"
    severity = Severity.low

    def check(self, doc: Document) -> Iterable[Finding]:
        for p in same_project_docs(doc):
            for ind in p.indicators:
                lacks = not_measurable(ind.level2, ind.target, ind.actual)
                if lacks is None:
                    continue
                yield self.finding(
                    f"{p.name}{ind.level2}“{ind.name}”目标为 {ind.target}，实际完成值填 “{ind.actual}”，未填写实际{lacks}，无法判断是否达标",
                    evidence(indicator_row(doc, p, ind.row)),
                    key=f"{p.name}|{ind.name}|{ind.row}",
                    confidence=0.8,
                )
