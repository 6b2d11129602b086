"""LNG011: a first-level indicator listed among the second-level indicators of another ("二级指标将
项目决策细分为决策依据、决策过程、绩效目标、资金分配过程管理、项目产出、项目效益")."""

from __future__ import annotations

import re
from collections.abc import Iterable

from extract.numbers import normalize_label
from models import Document, Finding, Paragraph, Severity

from ..base import Rule
from ._text import CJK, narrative_paragraphs, sentence_span, span_evidence

# the first-level indicators of the common frameworks (财预〔2020〕10号: 决策、过程、产出、效益; the
# 绩效目标表: 产出指标、效益指标、满意度指标), each with the names it goes by. "项目效益" is also the
# second-level indicator of 效益 in the 2020 framework, and 满意度 sits under 效益: only a name of
# another family is out of place.
FAMILIES = {
    "决策": ("决策", "项目决策", "决策指标"),
    "过程": ("过程", "过程管理", "项目过程", "过程指标"),
    "产出": ("产出", "项目产出", "产出指标"),
    "效益": ("效益", "项目效益", "效益指标", "效果", "项目效果", "效果指标"),
    "满意度": ("满意度指标",),
}
# a family may list under it a name of another: 满意度 under 效益
ALLOWED = {("效益", "满意度")}
_FAMILY = {name: fam for fam, names in FAMILIES.items() for name in names}

_VERB = r"(?:细分为|细化为|划分为|分为|包括|包含|主要包括|设置为|设为|下设)[:：]?"
# "二级指标将项目决策细分为A、B、C" / "项目决策的二级指标包括A、B、C"
_OPEN = re.compile(
    rf"二级指标(?:[:：,，]?(?:将|把)?)(?P<x>[{CJK}]{{2,8}}?){_VERB}(?P<list>[^，,；;。：:]+)"
    rf"|(?P<x2>[{CJK}]{{2,8}}?)(?:的|下设的?)?二级指标{_VERB}(?P<list2>[^，,；;。：:]+)"
)
# the following clauses of the same enumeration: "，过程管理细分为A、B"
_NEXT = re.compile(rf"[，,；;](?:将|把)?(?P<x>[{CJK}]{{2,8}}?){_VERB}(?P<list>[^，,；;。：:]+)")
# the document's own list of first-level indicators: "一级指标分为项目决策、过程管理、项目产出、项目效益"
_FIRST = re.compile(rf"一级指标(?:[:：]|{_VERB}|为|有)(?P<list>[^。；;：:]+)")
_SPLIT = re.compile(r"、|以及|及|和|与")


def _items(text: str) -> list[str]:
    out = []
    for item in _SPLIT.split(text):
        item = normalize_label(item).removesuffix("等").strip()
        if item:
            out.append(item)
    return out


def _family(name: str, own: set[str]) -> str | None:
    for n in (name, name.removesuffix("指标")):
        if n in _FAMILY:
            return _FAMILY[n]
        if n in own:
            return n
    return None


def _own_first_level(doc: Document, p: Paragraph) -> list[str]:
    """The first-level indicators the report itself lists, in this paragraph or the one before."""
    out: list[str] = []
    for q in doc.paragraphs[max(0, p.index - 1) : p.index + 1]:
        for m in _FIRST.finditer(q.text):
            items = _items(m.group("list").split("，")[0].split(",")[0])
            if len(items) >= 2:
                out += items
    return out


class FirstLevelAsSecondLevel(Rule):
    """The second-level indicators of a first-level indicator are not other first-level ones.

    What it checks:
        An explicit enumeration of second-level indicators of one first-level indicator —
        "二级指标将X细分为A、B、C", "X的二级指标包括A、B、C", and the clauses that continue it in
        the same sentence ("，Y细分为D、E") — where X is a first-level indicator (决策/项目决策,
        过程/过程管理, 产出/项目产出, 效益/项目效益, 满意度指标, or a name of the report's own
        "一级指标分为…" list). An item that is itself a first-level indicator of another family is
        reported (项目效益 under 效益, 满意度 under 效益 are in place).
    Why an auditor cares:
        The description of the indicator system is what the evaluation's score rests on; listing
        项目产出 and 项目效益 among the sub-indicators of 项目决策 means the sentence was garbled
        (or pasted together), and the reader cannot tell how the indicators were actually set.
    Fails:
        "一级指标分为项目决策、过程管理、项目产出、项目效益。二级指标将项目决策细分为决策依据、决策过程、
        绩效目标、资金分配过程管理、项目产出、项目效益，过程管理细分为预算执行率、资金使用合规性、组织管理"
    Passes:
        "二级指标将项目决策细分为决策依据、决策过程、绩效目标，过程管理细分为预算执行率、资金使用合规性、
        组织管理，项目产出细分为数量指标、质量指标"
    """

    doc_zh = """一个一级指标的二级指标，不应是其他一级指标。

    检查内容：
        明确列举某个一级指标的二级指标——“二级指标将X细分为A、B、C”“X的二级指标包括A、B、C”，以及同一句中接续的
        分句（“，Y细分为D、E”）——其中X是一级指标（决策/项目决策、过程/过程管理、产出/项目产出、效益/项目效益、满意度
        指标，或报告自己“一级指标分为……”列出的名称）。本身属于另一类的一级指标的条目予以报告（效益下的项目效益、满意度
        是正常的）。
    为什么重要：
        指标体系的描述是评价得分的依据；把项目产出和项目效益列为项目决策的子指标，说明句子写乱了（或拼接而成），读者
        无法知道指标实际是怎么设置的。
    不通过：
        “一级指标分为项目决策、过程管理、项目产出、项目效益。二级指标将项目决策细分为决策依据、决策过程、绩效目标、资金
        分配过程管理、项目产出、项目效益，过程管理细分为预算执行率、资金使用合规性、组织管理”
    通过：
        “二级指标将项目决策细分为决策依据、决策过程、绩效目标，过程管理细分为预算执行率、资金使用合规性、组织管理，项目
        产出细分为数量指标、质量指标”
    """

    code = "LNG011"
    title = "一级指标列为其他一级指标的二级指标"
    category = "other"
    severity = Severity.info

    def check(self, doc: Document) -> Iterable[Finding]:
        for p in narrative_paragraphs(doc):
            if "二级指标" not in p.text:
                continue
            own: list[str] = []
            own_read = False
            for m in _OPEN.finditer(p.text):
                if not own_read:
                    own, own_read = _own_first_level(doc, p), True
                _, end = sentence_span(p.text, m.start(), m.end())
                x, lst = ("x", "list") if m.group("x") else ("x2", "list2")
                clauses = [(m.group(x), m.group(lst), m.end())]
                for n in _NEXT.finditer(p.text, m.end(), end):
                    clauses.append((n.group("x"), n.group("list"), n.end()))
                for name, items, stop in clauses:
                    name = re.split(r"将|把", normalize_label(name))[-1]
                    yield from self._clause(p, m.start(), stop, name, items, own)

    def _clause(self, p: Paragraph, opened: int, stop: int, name: str, items: str, own: list[str]):
        fam = _family(name, set(own))
        if fam is None:
            return
        wrong = []
        for item in _items(items):
            other = _family(item, set(own))
            if other is None or other == fam or (fam, other) in ALLOWED or item in wrong:
                continue
            wrong.append(item)
        if not wrong:
            return
        quoted = p.text[opened:stop]
        listed = "、".join(dict.fromkeys(own))
        named = "、".join(f"“{w}”" for w in wrong)
        where = f"（文中一级指标为{listed}）" if listed else ""
        yield self.finding(
            f"“{quoted[:120]}”：{named}本身是一级指标{where}，与“{name}”并列，不应列为“{name}”的二级指标，指标体系表述有误",
            [span_evidence(p, opened, stop)],
            key=f"level|{name}|{'|'.join(wrong)}",
            confidence=0.8,
        )
