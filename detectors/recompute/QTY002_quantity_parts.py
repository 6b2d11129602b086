"""QTY002: a quantity other than money (an area, a count) and the parts a sentence gives it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from extract.numbers import half_ulp, normalize_label
from models import Document, Finding, Paragraph, Severity

from ..base import Rule, fmt
from ..language._text import narrative_paragraphs, span_evidence
from ..stats.STA005_staffing import StaffingMismatch

# units of things counted or measured, longest first so that 平方米 is not read as 米
UNITS = (
    "平方公里",
    "平方米",
    "立方米",
    "公里",
    "千米",
    "公顷",
    "人次",
    "户次",
    "亩",
    "米",
    "人",
    "户",
    "个",
    "家",
    "辆",
    "台",
    "套",
    "间",
    "座",
    "所",
    "张",
    "册",
    "件",
    "项",
)
_QTY = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(" + "|".join(UNITS) + r")(?!民|目|次均)")
_END = "。；;"
# parts that together are the whole by their names: one is the other with a 不/非 in front, or a
# known pair
PAIRS = (("地上", "地下"), ("在职", "退休"), ("男", "女"), ("城镇", "农村"), ("城市", "农村"), ("室内", "室外"))


@dataclass
class Qty:
    value: Decimal
    unit: str
    start: int
    end: int
    depth: int  # brackets open around it
    label: str  # the words before it, inside its clause


def quantities(text: str) -> list[Qty]:
    out = []
    for m in _QTY.finditer(text):
        before = text[: m.start()]
        depth = before.count("（") + before.count("(") - before.count("）") - before.count(")")
        clause = re.split(r"[，,。；;：:（）()、]", before)[-1]
        out.append(Qty(Decimal(m.group(1).replace(",", "")), m.group(2), m.start(), m.end(), depth, clause))
    return out


@dataclass
class Breakdown:
    paragraph: Paragraph
    whole: Qty
    parts: list[Qty]

    @property
    def total(self) -> Decimal:
        return sum((p.value for p in self.parts), Decimal(0))

    @property
    def broken(self) -> bool:
        tol = half_ulp(self.whole.value) + sum((half_ulp(p.value) for p in self.parts), Decimal(0))
        return abs(self.total - self.whole.value) > tol

    @property
    def exhaustive(self) -> bool:
        """Whether the parts' names say they make up the whole (地上/地下, 计容/不计容 …)."""
        if len(self.parts) != 2:
            return False
        a, b = (_core(p.label) for p in self.parts)
        if a and b and (b in ("不" + a, "非" + a) or a in ("不" + b, "非" + b)):
            return True
        return any(x in a and y in b or y in a and x in b for x, y in PAIRS)


def _core(label: str) -> str:
    label = re.sub(r"^(?:其中|包括|含)", "", label)
    return re.sub(r"约?(?:为|有|共|达|计|是)?$", "", label)


def breakdowns(p: Paragraph) -> list[Breakdown]:
    """Each "其中" of the paragraph with the quantity before it and the quantities of the same unit
    listed after it at the same bracket depth, up to the end of its sentence (or of its bracket)."""
    text = p.text
    qs = quantities(text)
    out = []
    for m in re.finditer(r"其中", text):
        k = m.start()
        before = [q for q in qs if q.end <= k]
        if not before:
            continue
        whole = before[-1]
        gap = text[whole.end : k]
        if any(c in gap for c in _END) or len(gap) > 6:
            continue  # the 其中 does not follow the quantity
        depth = text[:k].count("（") + text[:k].count("(") - text[:k].count("）") - text[:k].count(")")
        parts = []
        for q in qs:
            if q.start <= k:
                continue
            between = text[k : q.start]
            if any(c in between for c in _END) or _closes(between, depth):
                break
            if q.depth == depth and q.unit == whole.unit and _same_measure(whole, q):
                parts.append(q)
        if len(parts) >= 2:
            out.append(Breakdown(p, whole, parts))
    return out


def _same_measure(whole: Qty, part: Qty) -> bool:
    """Whether ``part`` may be a part of ``whole``: not when one counts posts (编制) and the other
    people (实有, 在职): "实有人数27人，其中：本级编制27人、实有23人；……" lists each unit's two
    counts, of which only the 实有 ones make up the whole."""
    kinds = {StaffingMismatch.classify(normalize_label(q.label), q.unit) for q in (whole, part)}
    return len({k[0] for k in kinds if k is not None}) < 2


def _closes(text: str, depth: int) -> bool:
    """Whether ``text`` closes the bracket the 其中 stands in."""
    level = 0
    for c in text:
        level += c in "（("
        level -= c in "）)"
        if level < 0 and depth > 0:
            return True
    return False


class QuantityParts(Rule):
    """A quantity is the sum of the parts the sentence lists for it.

    What it checks:
        "本工程规划建筑面积约为13459平方米，其中地上建筑面积为8013平方米（其中计容面积7998平方米，不计容
        面积105平方米），地下建筑面积为5356平方米": the quantities of the same unit listed after a 其中
        (at its bracket level, up to the end of its sentence or bracket) against the quantity
        before it — areas, lengths, people, households, vehicles and other counts. Parts that add up
        to more than their whole are an error; parts that add up to less only when their names say
        they are all of it (地上 and 地下, 计容 and 不计容, 在职 and 退休 …), since a list after 其中
        may name only some. A count of posts (编制) is no part of a count of people (实有, 在职), nor
        the reverse: "实有人数27人，其中：本级编制27人、实有23人" lists each unit's two counts. When one figure is the whole of one breakdown and a part of the other,
        and its parts' sum makes both add up, the finding names that figure and the value it should
        have.
    Why an auditor cares:
        A transposed digit in an area or a count cannot be seen by reading; it shows only when the
        parts are added, and the same paragraph is often copied into the next year's document.
    Fails:
        the sentence above (7998 + 105 = 8103, not 8013; and 8103 + 5356 = 13459)
    Passes:
        "规划建筑面积约为13459平方米，其中地上建筑面积为8103平方米（其中计容面积7998平方米，不计容面积
        105平方米），地下建筑面积为5356平方米"
    """

    doc_zh = """一个数量等于句中为它列出的各分项之和。

    检查内容：
        “本工程规划建筑面积约为13459平方米，其中地上建筑面积为8013平方米（其中计容面积7998平方米，不计容面积
        105平方米），地下建筑面积为5356平方米”：“其中”之后（在其括号层级内，直到句末或括号结束）同一单位的各
        数量，与前面的数量比较——面积、长度、人数、户数、车辆及其他计数。分项之和大于整体即为错误；小于整体，
        只有在名称表明各分项就是全部时才算错（地上与地下、计容与不计容、在职与退休……），因为其中之后可能只列
        了一部分。编制数不是实有（在职）人数的分项，反之亦然：“实有人数27人，其中：本级编制27人、实有23人”
        列的是各单位的两种人数。当某个数字既是一组分解的整体又是另一组的分项，而用其分项之和替代能使两组都加平时，发现指出
        该数字及其应有的数值。
    为什么重要：
        面积或人数中颠倒的数字，光靠阅读看不出来，只有把分项加起来才会显现，而同一段话常被抄进下一年的文件。
    不通过：
        上面的句子（7998 + 105 = 8103，不是 8013；且 8103 + 5356 = 13459）
    通过：
        “规划建筑面积约为13459平方米，其中地上建筑面积为8103平方米（其中计容面积7998平方米，不计容面积105平方米），
        地下建筑面积为5356平方米”
    """

    code = "QTY002"
    title = "数量与其分项之和不符"
    category = "footing"
    severity = Severity.medium

    def check(self, doc: Document) -> Iterable[Finding]:
        for p in narrative_paragraphs(doc):
            if "其中" not in p.text:
                continue
            found = [b for b in breakdowns(p) if b.broken and (b.total > b.whole.value or b.exhaustive)]
            explained: dict[int, Breakdown] = {}  # outer breakdown → the inner one whose sum fixes it
            for b in found:
                # the whole of this breakdown listed as a part of another one: does the parts' sum
                # make that one add up as well?
                for o in found:
                    if o is not b and any(q.start == b.whole.start for q in o.parts):
                        fixed = Breakdown(p, o.whole, [_replace(q, b.whole, b.total) for q in o.parts])
                        if not fixed.broken:
                            explained[id(o)] = b
            outer_of = {id(b): o for o in found for b in [explained.get(id(o))] if b is not None}
            for b in found:
                if id(b) not in explained:
                    yield self._finding(doc, b, outer_of.get(id(b)))

    def _finding(self, doc: Document, b: Breakdown, outer: Breakdown | None) -> Finding:
        p, w = b.paragraph, b.whole
        listed = " + ".join(f"{fmt(q.value)}" for q in b.parts)
        msg = f"{_core(w.label) or '总量'} {fmt(w.value)}{w.unit}，其中各项 {listed} = {fmt(b.total)}{w.unit}，相差 {fmt(abs(b.total - w.value))}{w.unit}"
        if outer is not None:
            others = " + ".join(fmt(b.total if q.start == w.start else q.value) for q in outer.parts)
            msg += f"；以 {fmt(b.total)} 计，{_core(outer.whole.label) or '总量'} {fmt(outer.whole.value)}{w.unit} = {others} 亦相符，{fmt(w.value)} 疑为 {fmt(b.total)} 之误"
        ev = [span_evidence(p, w.start, b.parts[-1].end)]
        if outer is not None:
            ev.append(span_evidence(p, outer.whole.start, outer.whole.end, "context"))
        return self.finding(
            msg,
            ev,
            key=f"qty|{_core(w.label)}|{w.value}|{w.unit}",
            values={"stated": w.value, "expected": b.total, "difference": w.value - b.total},
            materiality=min(1.0, float(abs(b.total - w.value) / w.value)) if w.value else 0.0,
        )


def _replace(q: Qty, old: Qty, value: Decimal) -> Qty:
    return Qty(value, q.unit, q.start, q.end, q.depth, q.label) if q.start == old.start else q
