"""PRF004: an indicator claiming the money is all spent while the execution rate says otherwise."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from models import Document, Finding, Severity

from ..base import Rule, fmt
from ._common import evidence, indicator_row, measure, project_row, same_project_docs

_FUND = re.compile(r"结算率|到位率|支付率|执行率|使用率|拨付率|兑现率|费用全部|资金全部|全部到位|报销费用")


class FundIndicators(Rule):
    """Money indicators agree with the money line.

    What it checks:
        An indicator about the money itself (资金结算率, 到位率, 支付率, 使用率, "费用全部到位" …)
        reported as 100% or fully done, in a project whose execution rate (执行数 / 全年预算数) is
        below 90%.
    Why an auditor cares:
        The execution line and the indicator describe the same money; both cannot be true, and
        the indicator usually carries full marks.
    Fails:
        全年预算数 6.98，执行数 1.4 (20.06%)；“资金结算率”实际完成值 100%
    Passes:
        全年预算数 40，执行数 39.41 (98.52%)；“资金结算率”实际完成值 100%
    """

    doc_zh = """资金类指标与资金执行情况一致。

    检查内容：
        关于资金本身的指标（资金结算率、到位率、支付率、使用率、“费用全部到位”……）报为100%或已全部完成，而项目
        执行率（执行数 ÷ 全年预算数）低于90%。
    为什么重要：
        执行率一行和该指标描述的是同一笔钱；二者不可能都对，而该指标通常还得了满分。
    不通过：
        全年预算数 6.98，执行数 1.4（20.06%）；“资金结算率”实际完成值 100%
    通过：
        全年预算数 40，执行数 39.41（98.52%）；“资金结算率”实际完成值 100%
    """

    code = "PRF004"
    title = "资金类指标与预算执行率矛盾"
    category = "perf_score"
    severity = Severity.medium

    def check(self, doc: Document) -> Iterable[Finding]:
        for p in same_project_docs(doc):
            rate = p.execution_rate
            if rate is None or rate >= 90:
                continue
            for ind in p.indicators:
                if not _FUND.search(ind.name + ind.actual):
                    continue
                _, value, unit = measure(ind.actual)
                full = (value is not None and unit == "%" and value >= 100) or bool(
                    re.search(r"全部到位|已全部|足额", ind.actual)
                )
                if not full:
                    continue
                yield self.finding(
                    f"{p.name}：预算执行率仅 {fmt(rate.quantize(Decimal('0.01')))}%（{fmt(p.executed)} / {fmt(p.budget)}），指标“{ind.name}”却填报 {ind.actual}"
                    + (f"并得 {fmt(ind.score)} 分" if ind.score else ""),
                    evidence(indicator_row(doc, p, ind.row), project_row(doc, p, "money", "context")),
                    key=f"{p.name}|{ind.name}",
                    values={"stated": value if value is not None else Decimal(100), "expected": rate.quantize(Decimal("0.01"))},
                )
