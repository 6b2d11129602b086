"""PCT001: a stated share (占X%) against part / whole, and shares that must add up to 100%."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from extract.numbers import half_ulp
from models import Document, Evidence, Figure, Severity

from ..base import NOT_APPLICABLE, PASSED, Case, Rule, figure_evidence, figure_key, figures_evidence, fmt, row_evidence
from ..linking import figure_keys, subject_key, table_value
from ._sentences import by_paragraph, pct_tolerance

_SHARE = re.compile(r"^占(比)?")
SHARE = "占比 = 部分 ÷ 整体"
SUM_100 = "同一整体各部分占比之和 = 100%"


@dataclass
class _TableWhole:
    """A whole read from a table, shaped like the figure it stands for."""

    amount_wan: Decimal
    subject: str
    text: str
    evidence: Evidence


class Shares(Rule):
    """占X% = part / whole.

    What it checks:
        Every share in the narrative: the amount just before "占X%" over the whole it is a share
        of — the amount named after 占 ("占基本支出的84.74%"), else the sentence's total (the first
        amount, before 其中 / 主要用于); a share of a change ("减少399.09万，占比97.66%") is read
        against the change. A whole the share names but does not state beside it ("占本年支出合计
        的99.86%") is the same quantity stated earlier in the text, else its table cell. The shares of one whole must add up to 100%. A share that is not the
        rounded ratio but lies within what the rounding of the two amounts allows (interval
        arithmetic) is a rounding note (info).
    Why an auditor cares:
        A share that does not follow from its own amounts was typed, not computed — and is
        often a sign that the amount beside it is wrong.
    Fails:
        "收入合计7113.36万元，其中：……政府性基金预算财政拨款收入366.42万元，占5.11%" (5.15%)
        "社会保障和就业（类）支出17.64万元，占4.87%" of 362.62 (4.8646%: rounding, info)
        "一般公共预算财政拨款支出9746.50万元，占本年支出合计的99.86%" with 本年支出合计 9759.38 stated
        in another section (99.868%: low)
    Passes:
        "人员经费104.09万元，占基本支出的84.74%" with 基本支出 122.83
    """

    doc_zh = """占X% = 部分 ÷ 整体。

    检查内容：
        文字中的每个占比：“占X%”前面的金额除以它所占的整体——占字后点名的金额（“占基本支出的84.74%”），
        否则为句中的总数（其中 / 主要用于 之前的第一个金额）；变动额的占比（“减少399.09万，占比97.66%”）按
        变动额计算。占比点名了整体却未在旁边写出（“占本年支出合计的99.86%”）的，取文中前面写出的同一数量，
        否则取其表格单元格。同一整体的各占比之和必须为100%。占比不等于四舍五入后的比值、但在两个金额的
        尾数误差（区间运算）允许范围内的，作为尾数提示（提示）。
    为什么重要：
        与自己的金额对不上的占比是手写的，不是算出来的——而且往往说明旁边的金额有误。
    不通过：
        “收入合计7113.36万元，其中：……政府性基金预算财政拨款收入366.42万元，占5.11%”（应为5.15%）
        “社会保障和就业（类）支出17.64万元，占4.87%”，整体为 362.62（4.8646%：尾数误差，提示）
        “一般公共预算财政拨款支出9746.50万元，占本年支出合计的99.86%”，另一节写明本年支出合计 9759.38
        （99.868%：低）
    通过：
        “人员经费104.09万元，占基本支出的84.74%”，基本支出为 122.83
    """

    code = "PCT001"
    title = "占比复算不符"
    category = "percent_recompute"
    severity = Severity.medium
    version = 3

    def cases(self, doc: Document) -> Iterable[Case]:
        paragraphs = by_paragraph(doc)
        previous: list = []
        for figs in paragraphs:
            # "基本支出122.83万元，其中：" / "人员经费104.09万元，占基本支出的84.74%": the named whole
            # may close the paragraph before
            self._before = previous[-3:] if previous and figs and previous[-1].paragraph >= figs[0].paragraph - 2 else []
            previous = figs
            shares_of: dict[int, list] = {}
            for i, f in enumerate(figs):
                if f.kind != "percent" or not _SHARE.match(f.subject):
                    continue
                where = figure_evidence(doc, f)
                part = next((g for g in reversed(figs[:i]) if g.kind in ("amount", "change") and g.unit != "%"), None)
                if part is None or part.amount_wan is None:
                    yield Case(SHARE, NOT_APPLICABLE, where)
                    continue
                whole = self._whole(figs, i, part, f)
                if whole is None:
                    # "占本年支出合计的99.86%": the whole is named but stated in another paragraph
                    # or only in a table
                    whole = self._whole_elsewhere(doc, f, part)
                if whole is None or not whole.amount_wan:
                    yield Case(SHARE, NOT_APPLICABLE, where)
                    continue
                if isinstance(whole, Figure):
                    shares_of.setdefault(id(whole), [whole]).append((part, f))
                computed = part.amount_wan / whole.amount_wan * 100
                diff = f.value - computed
                tol = pct_tolerance(f.value, part.amount_wan, whole.amount_wan)
                rounding = abs(diff) <= tol
                if rounding and abs(diff) <= half_ulp(f.value):
                    yield Case(SHARE, PASSED, where)  # the printed share is part / whole, correctly rounded
                    continue
                msg = f"“{f.sentence[:60]}”：{part.subject or ''}{part.text} 占 {whole.subject or ''}{whole.text} 应为 {fmt(computed.quantize(Decimal('0.01')))}%，文中为 {f.text}"
                ev = figures_evidence(doc, f, whole) if isinstance(whole, Figure) else [where, whole.evidence]
                values = {
                    "stated": f.value,
                    "expected": computed.quantize(Decimal("0.0001")),
                    "difference": diff.quantize(Decimal("0.0001")),
                }
                if rounding:
                    # the share does not follow from the printed amounts, but the amounts' own
                    # rounding can account for it (often a share nudged so the shares add up to 100%)
                    note = self.rounding_note(msg, ev, key=figure_key(f), values=values, title="占比存在尾数差异")
                    yield self.outcome(SHARE, where, note)
                    continue
                sev = Severity.medium if abs(diff) >= Decimal("0.03") else Severity.low
                finding = self.finding(
                    msg,
                    ev,
                    key=figure_key(f),
                    values=values,
                    severity=sev,
                    materiality=min(1.0, float(abs(diff)) / 100),
                )
                yield self.outcome(SHARE, where, finding)
            yield from self._sum_to_100(doc, shares_of)

    def _whole(self, figs, i, part, f):
        base = re.sub(r"^占(比)?|的$", "", f.subject).strip()
        before = figs[: figs.index(part)]
        if base:
            named = next((g for g in reversed(self._before + before) if g.kind == "amount" and base in g.subject), None)
            if named is not None:
                return named
        if part.kind == "change":
            return next((g for g in before if g.kind == "change" and g.unit != "%" and g.sentence == part.sentence), None)
        # the total the sentence (or paragraph) opens with — not a sibling part, which has a share
        # of its own right after it
        for g in before:
            if g.kind != "amount":
                continue
            follower = figs[figs.index(g) + 1] if figs.index(g) + 1 < len(figs) else None
            if follower is not None and follower.kind == "percent" and _SHARE.match(follower.subject):
                continue
            return g
        return None

    def _whole_elsewhere(self, doc: Document, f: Figure, part: Figure) -> Figure | _TableWhole | None:
        """The whole a share names ("占本年支出合计的…") where the sentence does not state it: the
        same quantity stated earlier in the text (the last time before the share), else the table
        cell that states it."""
        base = re.sub(r"^占(比)?|的$", "", f.subject).strip()
        if not base:
            return None
        key = subject_key(doc, base, f)
        if key is None:
            return None
        when = "budget" if doc.doc_type == "部门预算" else "final"
        stated = [k.figure for k in figure_keys(doc) if k.key == key and k.when == when and k.figure.paragraph < f.paragraph]
        stated = [g for g in stated if g is not part and g.amount_wan]
        if stated:
            return stated[-1]
        cell = table_value(doc, key, when)
        if cell is None:
            return None
        return _TableWhole(cell.value, base, f"{fmt(cell.value)}万元", row_evidence(cell.table, cell.row, "context", [cell.col]))

    def _sum_to_100(self, doc: Document, shares_of: dict) -> Iterable[Case]:
        for entries in shares_of.values():
            whole, pairs = entries[0], entries[1:]
            if len(pairs) < 2:
                continue
            where = figure_evidence(doc, whole)
            parts_sum = sum((p.amount_wan for p, _ in pairs), Decimal(0))
            if abs(parts_sum - whole.amount_wan) > Decimal("0.01") * len(pairs):
                yield Case(SUM_100, NOT_APPLICABLE, where)  # the parts do not cover the whole: no 100% to reach
                continue
            total = sum((s.value for _, s in pairs), Decimal(0))
            tol = sum((pct_tolerance(s.value, p.amount_wan, whole.amount_wan) for p, s in pairs), Decimal(0))
            if abs(total - 100) <= tol:
                yield Case(SUM_100, PASSED, where)
                continue
            listed = " + ".join(s.text for _, s in pairs)
            finding = self.finding(
                f"{whole.subject}{whole.text} 各组成部分的占比 {listed} = {fmt(total)}%，不等于 100%",
                [figure_evidence(doc, s) for _, s in pairs],
                key=f"sum100|{figure_key(whole)}",
                values={"stated": total, "expected": Decimal(100), "difference": total - 100},
                severity=Severity.low,
            )
            yield self.outcome(SUM_100, where, finding)
