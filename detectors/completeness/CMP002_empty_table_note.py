"""CMP002: an empty 政府性基金 / 国有资本经营 table without the sentence saying why."""

from __future__ import annotations

import re
from collections.abc import Iterable

from models import Document, Finding, Severity

from ..base import Rule, table_label, table_title_evidence

_WHY = re.compile(
    r"(没有|无|未)(使用|安排|发生)?.{0,20}(政府性基金|国有资本经营|此类|该项|相关)?.{0,20}(收入|支出|数据|收支)|本表无数据|故本表为空|空表"
)


class EmptyTableNote(Rule):
    """An empty table says why it is empty.

    What it checks:
        A 政府性基金预算 or 国有资本经营预算 table with no amounts, with no note under it and no sentence
        in the text saying the department had no such income or expense.
    Why an auditor cares:
        The rules require the explanation; without it a reader cannot tell an empty table from a
        table left out by mistake.
    Fails:
        公开08表 with only a 合计 row and no 说明
    Passes:
        "说明：我单位没有使用国有资本经营预算安排的支出，故本表无数据。"
    """

    code = "CMP002"
    title = "空表未说明原因"
    category = "missing_or_blank"
    severity = Severity.medium

    def check(self, doc: Document) -> Iterable[Finding]:
        for t in doc.tables:
            if t.kind not in ("gov_fund", "state_capital") or not t.is_empty:
                continue
            topic = "政府性基金" if t.kind == "gov_fund" else "国有资本经营"
            notes = " ".join(t.notes)
            if _WHY.search(notes):
                continue
            if any(topic in p.text and _WHY.search(p.text) for p in doc.paragraphs):
                continue
            yield self.finding(
                f"{table_label(t)}为空表，但未说明原因（应说明本单位无{topic}预算收支）",
                [table_title_evidence(t)],
                key=f"empty|{t.kind}",
            )
