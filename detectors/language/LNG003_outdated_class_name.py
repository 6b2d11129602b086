"""LNG003: a 类 name the classification retired, in a document of a later year
("医疗卫生与计划生育（类）" in a 2023 budget)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from extract.numbers import normalize_label
from models import Document, Finding, Severity

from ..base import Rule, row_evidence
from ._classification import RENAMED
from ._text import span_evidence

MAX_EVIDENCE = 3


class OutdatedClassName(Rule):
    """A classification name that was no longer in use in the document's year.

    What it checks:
        Names of function-classification 类 that were renamed (医疗卫生与计划生育 became 卫生健康,
        文化体育与传媒 became 文化旅游体育与传媒, both from the 2019 classification) in a document
        whose year is the year of the renaming or later, used as a classification name ("……（类）",
        "……支出") in any paragraph, the glossary included, or in a table row.
    Why an auditor cares:
        The document's tables use the current names; an old name in its text or glossary was
        copied from an old template, and what else was copied with it (amounts, scopes, levels of
        government) needs checking.
    Fails:
        a 2023 budget: "13. 医疗卫生与计划生育（类）行政事业单位医疗（款）行政单位医疗（项）：指……"
    Passes:
        a 2023 budget: "13. 卫生健康（类）行政事业单位医疗（款）行政单位医疗（项）：指……"
    """

    doc_zh = """沿用文件年度已停用的科目名称。

    检查内容：
        已更名的功能分类类名称（医疗卫生与计划生育改为卫生健康，文化体育与传媒改为文化旅游体育与传媒，均自2019年
        科目起），在年度为更名当年或以后的文件中，作为科目名称（“……（类）”“……支出”）出现在任何段落（包括名词
        解释）或表格行中。
    为什么重要：
        文件的表格用的是现行名称；文字或名词解释中的旧名称是从旧模板抄来的，一起抄来的其他内容（金额、口径、政府
        层级）都需要核对。
    不通过：
        2023年预算：“13. 医疗卫生与计划生育（类）行政事业单位医疗（款）行政单位医疗（项）：指……”
    通过：
        2023年预算：“13. 卫生健康（类）行政事业单位医疗（款）行政单位医疗（项）：指……”
    """

    code = "LNG003"
    title = "沿用已停用的科目名称"
    category = "copy_paste_text"
    severity = Severity.low

    def check(self, doc: Document) -> Iterable[Finding]:
        if doc.year is None:
            return
        for old, (new, since, code) in RENAMED.items():
            if doc.year < since:
                continue
            # the name as a classification name ("……（类）", "……支出"), not inside another name
            used = re.compile(rf"{old}(?:支出|\s*[（(]类[）)])")
            hits = []
            for p in doc.paragraphs:
                m = used.search(p.text)
                if m:
                    hits.append(span_evidence(p, m.start(), m.end()))
            for t in doc.tables:
                for r in t.rows:
                    if used.search(normalize_label(r.label)):
                        hits.append(row_evidence(t, r))
            if not hits:
                continue
            yield self.finding(
                f"{doc.year}年的文档中出现“{old}”（{len(hits)} 处，如“{hits[0].text[:60]}”）：功能分类 {code} 类"
                f"自{since}年起名为“{new}”，沿用旧名称，疑为照抄旧模板",
                hits[:MAX_EVIDENCE],
                key=f"renamed|{old}",
                values={"year": Decimal(doc.year), "since": Decimal(since)},
                confidence=0.9,
            )
