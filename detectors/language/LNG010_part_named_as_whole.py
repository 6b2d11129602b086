"""LNG010: a part of a total named like the whole it belongs to ("其中财政拨款收入减少399.09万；
政府性基金预算财政拨款收入减少9.56万": 政府性基金预算财政拨款 is 财政拨款 too)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from models import Document, Finding, Severity

from ..base import Rule, figure_evidence, figure_key, fmt

# 财政拨款 = 一般公共预算 + 政府性基金预算 + 国有资本经营预算 财政拨款
_WHOLE = re.compile(r"^(?:其中[:：,，]?)?财政拨款(?P<kind>收入|支出)$")
_MONEY = ("万元", "元", "亿元")
_FUND = re.compile(r"(?P<fund>政府性基金(?:预算)?|国有资本经营(?:预算)?)(?:财政)?拨款(?P<kind>收入|支出)$")


class PartNamedAsWhole(Rule):
    """One part of a breakdown carries the name of the whole.

    What it checks:
        A sentence that breaks a change or a total into "财政拨款收入（支出）" and
        "政府性基金预算（国有资本经营预算）财政拨款收入（支出）" side by side. 财政拨款 is the sum
        of the 一般公共预算, 政府性基金预算 and 国有资本经营预算 拨款, so the first part cannot be
        the whole 财政拨款: it is the 一般公共预算财政拨款, named wrongly.
    Why an auditor cares:
        A reader takes "财政拨款收入减少399.09万" for the whole appropriation, which in fact fell
        by 408.65万; the breakdown reads as if 政府性基金 were outside the appropriations.
    Fails:
        "与上年相比，减少408.65万元，其中财政拨款收入减少399.09万，占比97.66%；政府性基金预算财政拨款收入减少9.56万，占比2.34%。"
    Passes:
        "与上年相比，减少408.65万元，其中一般公共预算财政拨款收入减少399.09万，占比97.66%；政府性基金预算财政拨款收入减少9.56万，占比2.34%。"
    """

    doc_zh = """分项名称与总项相同。

    检查内容：
        把变动或合计分为“财政拨款收入（支出）”和“政府性基金预算（国有资本经营预算）财政拨款收入（支出）”并列的句子。
        财政拨款是一般公共预算、政府性基金预算和国有资本经营预算拨款之和，所以第一项不可能是全部财政拨款：它是一般
        公共预算财政拨款，名称写错了。
    为什么重要：
        读者会把“财政拨款收入减少399.09万”当作全部拨款，而实际全部拨款减少了408.65万；这样的分解读起来就像政府性
        基金不在财政拨款之内。
    不通过：
        “与上年相比，减少408.65万元，其中财政拨款收入减少399.09万，占比97.66%；政府性基金预算财政拨款收入减少9.56万，
        占比2.34%。”
    通过：
        “与上年相比，减少408.65万元，其中一般公共预算财政拨款收入减少399.09万，占比97.66%；政府性基金预算财政拨款收入
        减少9.56万，占比2.34%。”
    """

    code = "LNG010"
    title = "分项名称与总项相同"
    category = "other"
    severity = Severity.low

    def check(self, doc: Document) -> Iterable[Finding]:
        by_sentence = defaultdict(list)
        for f in doc.figures:
            if f.kind in ("amount", "change") and f.unit in _MONEY and "一般公共预算" not in f.sentence:
                by_sentence[(f.paragraph, f.sentence)].append(f)
        for figs in by_sentence.values():
            for whole in figs:
                w = _WHOLE.match(whole.subject.strip())
                # one of the parts ("其中财政拨款收入…"), not the total they break down
                if w is None or "其中" not in whole.sentence[: max(0, whole.sentence.find(whole.text))]:
                    continue
                kind = w.group("kind")
                fund = next((g for g in figs if (m := _FUND.search(g.subject)) and m.group("kind") == kind), None)
                if fund is None:
                    continue
                fund_name = _FUND.search(fund.subject).group(0)
                yield self.finding(
                    f"“{whole.sentence[:80]}”：“财政拨款{kind}”{fmt(whole.value)}万元与“{fund_name}”"
                    f"{fmt(fund.value)}万元并列，但{fund_name.removesuffix(kind)}也属于财政拨款，"
                    f"前者应为“一般公共预算财政拨款{kind}”",
                    [figure_evidence(doc, whole)],
                    key=f"whole|{figure_key(whole)}",
                    values={"stated": whole.value},
                )
