"""LNG013: the department's own name printed in a variant where the template has it name itself
("上海市普陀区规划与自然资源局" among "上海市普陀区规划和自然资源局"; a table heading without 普陀区)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from models import Document, Finding, Paragraph, Severity

from ..base import Rule
from ._text import span_evidence

# a body's name: a place first ("上海市普陀区…", "中共上海市普陀区委…"), an organisation's suffix last
_NAME = (
    r"(?P<name>(?:中共)?[\u4e00-\u9fff]{1,6}?(?:省|市|自治区|县|区|州|旗)[\u4e00-\u9fff“”]{1,30}?"
    r"(?:局|委员会|办公室|办事处|部|中心|院|所|队|站|厅|馆|会))"
)
_OWN = r"(?:（部门）|\(部门\))?"
_YEAR = r"20\d{2}年度?"
# where a name starts: a paragraph, a clause, or after "纳入" ("纳入XX局2024年度部门决算编制范围")
_START = r"(?:纳入|^|[，,。；：:])"
# the places where the templates have the department name itself (whitespace removed)
_SELF_NAMING = [
    # part and table titles: "第一部分XX局概况", "XX局2024年度部门决算表", "XX（部门）主要职能"
    re.compile(
        rf"^(?:第[一二三四五六七八九十]+部分)?{_NAME}{_OWN}(?:{_YEAR})?(?:部门|单位)?"
        r"(?:决算表|预算表|决算|预算|情况说明|概况|主要职能|机构设置)?$"
    ),
    # "XX局2024年度收入支出总计…", "XX局2024年度无政府性基金…", "XX局2024年度政府采购金额…"
    re.compile(rf"{_START}{_NAME}{_OWN}{_YEAR}(?:收入支出总计|财政拨款收入支出总计|无|预算绩效管理|政府采购|部门决算编制范围)"),
    # "2024年，XX局所属各预算单位…", "2025年，XX收入预算…", "2025年XX（部门）下属1家机关…"
    re.compile(rf"(?:{_START}|{_YEAR}[，,]?){_NAME}{_OWN}(?:所属各预算单位|收入预算|下属\d)"),
    # "预算主管部门：XX", "编制部门：XX 单位：元"
    re.compile(rf"(?:预算主管部门|编制部门|主管部门)[：:]{_NAME}(?=单位[：:]|$)"),
    # "截至2024年12月31日，XX部门（单位）共有车辆…"
    re.compile(rf"截至{_YEAR}\d{{1,2}}月\d{{1,2}}日[，,]{_NAME}{_OWN}(?:部门（单位）|部门\(单位\))?共有车辆"),
    # "从预算单位构成看，XX局部门决算包括", "XX部门预算是包括", "纳入XX局2024年度部门决算编制范围"
    re.compile(rf"{_START}{_NAME}(?:部门)?(?:决算包括|预算是包括|本级决算)"),
]
_PLACE = re.compile(
    r"^(?P<place>(?:中共)?[\u4e00-\u9fff]{1,6}?(?:省|市))(?P<district>[\u4e00-\u9fff]{1,4}?(?:区|县))(?P<rest>.+)$"
)
_CONNECTORS = re.compile(r"[和与及暨、]")
_NUMERALS = set("一二三四五六七八九十0123456789")
MIN_DOMINANT = 3


@dataclass(frozen=True)
class _Named:
    name: str
    paragraph: Paragraph
    start: int  # in the paragraph's text
    end: int


def _compact(text: str) -> tuple[str, list[int]]:
    """The text without whitespace, and each kept character's offset in the original."""
    kept = [(i, c) for i, c in enumerate(text) if not c.isspace()]
    return "".join(c for _, c in kept), [i for i, _ in kept]


def _self_names(doc: Document) -> list[_Named]:
    out: list[_Named] = []
    for p in doc.paragraphs:
        text, offsets = _compact(p.text)
        spans: set[tuple[int, int]] = set()
        for pattern in _SELF_NAMING:
            for m in pattern.finditer(text):
                a, b = m.span("name")
                if (a, b) not in spans:
                    spans.add((a, b))
                    out.append(_Named(m.group("name"), p, offsets[a], offsets[b - 1] + 1))
    return out


def _variant_of(variant: str, dominant: str) -> str:
    """How ``variant`` is the same body's name as ``dominant`` misprinted, or "" when it is not:
    a connector swapped (和 / 与), the district left out (which names another body), one
    character more or less inside the name."""
    if variant[-1] != dominant[-1]:
        return ""
    if len(variant) == len(dominant) and _CONNECTORS.sub("和", variant) == _CONNECTORS.sub("和", dominant):
        return "connector"
    m = _PLACE.match(dominant)
    if m and variant == m.group("place") + m.group("rest"):
        return "district:" + m.group("district")
    longer, shorter = (dominant, variant) if len(dominant) > len(variant) else (variant, dominant)
    if len(longer) - len(shorter) == 1 and len(shorter) >= 8:
        for i in range(4, len(longer) - 1):
            if longer[:i] + longer[i + 1 :] == shorter and longer[i] not in _NUMERALS:
                return "one"
    return ""


class DepartmentNameVariant(Rule):
    """The department names itself the same way throughout.

    What it checks:
        The department's name where the templates have it name itself — part and table titles
        ("XX局2024年度部门决算表", "第一部分 XX局概况", "XX（部门）主要职能"), "编制部门：XX",
        "XX局2024年度收入支出总计", "XX局2024年度无政府性基金…", "XX局所属各预算单位", "截至…，XX
        共有车辆" … The spelling used most (at least three times) is the department's; another
        spelling there that is clearly the same name misprinted is reported: a connector swapped
        ("规划与自然资源局" for "规划和自然资源局"), one character more or less, or the district
        left out ("上海市规划和自然资源局" for "上海市普陀区规划和自然资源局", which is the name of the
        municipal bureau, another body). Short forms without the place ("规划和自然资源局") and other
        bodies' names are not compared.
    Why an auditor cares:
        A disclosure is a legal document of one body: a title naming another body (the municipal
        bureau instead of the district's) or an unofficial spelling makes the reader wonder whose
        figures these are, and shows the text was not proofread.
    Fails:
        "上海市规划和自然资源局2024年度部门决算表" in the 决算 of 上海市普陀区规划和自然资源局
        "上海市普陀区规划与自然资源局2024年度无政府性基金预算财政拨款收入和支出。" (和 elsewhere)
    Passes:
        the same name in every title and sentence; "规划和自然资源局" as a short form
    """

    doc_zh = """部门在全文中以同一种写法称呼自己。

    检查内容：
        模板中部门自称之处的部门名称——部分和表格标题（“XX局2024年度部门决算表”“第一部分 XX局概况”“XX（部门）主要
        职能”）、“编制部门：XX”“XX局2024年度收入支出总计”“XX局2024年度无政府性基金……”“XX局所属各预算单位”“截至……，
        XX共有车辆”……使用最多（至少三次）的写法为部门名称；这些位置上明显是同一名称写错的其他写法予以报告：连接词换了
        （“规划与自然资源局”应为“规划和自然资源局”）、多一个字或少一个字、或漏写了区（“上海市规划和自然资源局”应为
        “上海市普陀区规划和自然资源局”，前者是市局，另一个机构）。不带地名的简称（“规划和自然资源局”）和其他机构的名称
        不作比较。
    为什么重要：
        公开文件是一个机构的法定文件：标题中写成另一个机构（市局而非区局）或非正式写法，会让读者怀疑这是谁的数字，也
        说明文字没有经过校对。
    不通过：
        上海市普陀区规划和自然资源局的决算中“上海市规划和自然资源局2024年度部门决算表”
        “上海市普陀区规划与自然资源局2024年度无政府性基金预算财政拨款收入和支出。”（其他地方为“和”）
    通过：
        每个标题和句子中名称都相同；“规划和自然资源局”作为简称
    """

    code = "LNG013"
    title = "部门名称写法不一致"
    category = "other"
    severity = Severity.low

    def check(self, doc: Document) -> Iterable[Finding]:
        named = _self_names(doc)
        counts = Counter(n.name for n in named)
        if not counts:
            return
        dominant, n = counts.most_common(1)[0]
        if n < MIN_DOMINANT:
            return
        for variant, k in counts.items():
            how = _variant_of(variant, dominant) if variant != dominant else ""
            if not how or n < 2 * k:
                continue
            places = [x for x in named if x.name == variant]
            if how.startswith("district:"):
                what = f"漏“{how.split(':', 1)[1]}”，成了另一机关的名称"
            elif how == "connector":
                what = "连接词与正式名称不同"
            else:
                what = "多字或漏字"
            yield self.finding(
                f"部门名称写作“{variant}”（{k}处），{what}；文中其余 {n} 处自称均为“{dominant}”",
                [span_evidence(x.paragraph, x.start, x.end) for x in places[:3]],
                key=f"name|{variant}",
                values={"count": k, "dominant_count": n},
                confidence=0.8,
            )
