"""CMP002: an empty 政府性基金 / 国有资本经营 table without the sentence saying why, an empty one
whose amounts the text states, and a table whose note says it is empty while it prints amounts."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from models import Document, Evidence, Figure, Finding, Severity

from ..base import Rule, figure_evidence, row_evidence, table_label, table_title_evidence

_SAYS_EMPTY = re.compile(r"本表为空表?|本表无数据|此表为空|空表")
_WHY = re.compile(
    r"(没有|无|未)(使用|安排|发生)?.{0,20}(政府性基金|国有资本经营|此类|该项|相关)?.{0,20}(收入|支出|数据|收支)|本表无数据|故本表为空|空表"
)


class EmptyTableNote(Rule):
    """An empty table says why it is empty.

    What it checks:
        A 政府性基金预算 or 国有资本经营预算 table with no amounts, with no note under it and no sentence
        in the text saying the department had no such income or expense. And any table whose note
        says it is empty ("故本表为空表", "本表无数据") while it prints amounts. And an empty
        政府性基金 / 国有资本经营 table while the text states this year's income or expense of that
        money (an amount other than 0).
    Why an auditor cares:
        The rules require the explanation; without it a reader cannot tell an empty table from a
        table left out by mistake. A note that calls a table with amounts empty contradicts the
        table, and usually is a template note left from another year. Amounts the text states for an
        empty table were left out of the table, or the text was copied from another year.
    Fails:
        公开08表 with only a 合计 row and no 说明
        a 三公 table printing 47.91 and 443.18 above "注:本部门2024年无“三公”经费和机关运行经费预算，
        故本表为空表。"
    Passes:
        "说明：我单位没有使用国有资本经营预算安排的支出，故本表无数据。"
    """

    doc_zh = """空表应说明为什么是空的。

    检查内容：
        没有金额的政府性基金预算表或国有资本经营预算表，表下没有说明，文字中也没有说部门没有此类收支的句子。
        以及表下说明称为空表（“故本表为空表”“本表无数据”），表中却列有金额的。以及政府性基金或国有资本经营
        预算表为空表，文字说明中却写有该类资金本年的收入或支出金额（不为0）的。
    为什么重要：
        规定要求作出说明；没有说明，读者无法区分空表和漏列的表。说明称为空表而表中有金额，与表格自相矛盾，
        通常是其他年度留下的模板说明。文字说明写有金额而表为空，说明表中漏列了数据，或文字是从其他年度抄来的。
    不通过：
        公开08表只有合计行，没有说明
        三公经费表列有 47.91 和 443.18，表下却写着“注:本部门2024年无“三公”经费和机关运行经费预算，故本表为空表。”
    通过：
        “说明：我单位没有使用国有资本经营预算安排的支出，故本表无数据。”
    """

    code = "CMP002"
    title = "空表未说明原因"
    category = "missing_or_blank"
    severity = Severity.medium
    version = 2

    def check(self, doc: Document) -> Iterable[Finding]:
        yield from self._note_says_empty(doc)
        for t in doc.tables:
            if t.kind not in ("gov_fund", "state_capital") or not t.is_empty:
                continue
            topic = "政府性基金" if t.kind == "gov_fund" else "国有资本经营"
            stated = _stated_amount(doc, topic)
            if stated is not None:
                yield self.finding(
                    f"{table_label(t)}为空表，但说明中写有{topic}预算财政拨款金额 {stated.text}（“{stated.sentence[:60]}”）",
                    [table_title_evidence(t), figure_evidence(doc, stated)],
                    key=f"empty-stated|{t.kind}",
                    category="narrative_vs_table",
                    values={"stated": stated.amount_wan, "expected": Decimal(0)},  # one case with TXT001's
                    title="空表的数据在说明中列出",
                )
                continue
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

    def _note_says_empty(self, doc: Document) -> Iterable[Finding]:
        """A note under a table saying the table is empty, over a table that prints amounts."""
        for t in doc.tables:
            note = next((n for n in t.notes if _SAYS_EMPTY.search(n)), None)
            if note is None or t.is_empty:
                continue
            row = next(r for r in t.rows if any(c.value for c in r.cells if c.kind in ("amount", "number")))
            yield self.finding(
                f"{table_label(t)}的表注称“{note.strip()[:60]}”，但表中列有金额（{row.text.strip()[:60]}）",
                [
                    Evidence(text=note.strip(), page=t.pages[-1] if t.pages else None, role="stated", table=t.id),
                    row_evidence(t, row, "context"),
                ],
                key=f"note-says-empty|{t.kind}",
                category="other",
                title="表注称空表但表中列有金额",
            )


def _stated_amount(doc: Document, topic: str) -> Figure | None:
    """The first amount other than 0 that the text states for this year's ``topic`` money (the
    clause before it names the topic, not the year before)."""
    for f in doc.figures:
        if f.kind != "amount" or not f.value or f.amount is None:
            continue
        before = f.sentence[: f.sentence.find(f.text)] if f.text in f.sentence else f.sentence
        clause = re.split(r"[；;。]", before)[-1]
        if topic in clause and not re.search(r"上年|上一年|去年", clause):
            return f
    return None
