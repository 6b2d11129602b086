"""CMP003: template placeholders, unresolved alternatives and conversion leftovers in the text."""

from __future__ import annotations

import re
from collections.abc import Iterable

from models import Document, Evidence, Finding, Severity

from ..base import Rule

PATTERNS = [
    (re.compile(r"[（(]当表格数据为空时[^）)]*[）)]"), "模板填写提示"),
    (re.compile(r"[（(]可用表格形式反映[）)]"), "模板填写提示"),
    (re.compile(r"(?<=[局会心室院所站])[（(]单位[）)]"), "模板占位“（单位）”"),
    (re.compile(r"X{2,}|×{2,}|＿{2,}|_{3,}|某某"), "未填写的占位符"),
    (re.compile(r"增加/减少|增长/下降|增加（减少）|增长（下降）|上升/下降|[(（]增加或减少[)）]"), "未选定的备选表述"),
    (re.compile(r"\[bookmark:[^\]]*\]"), "转换残留的书签标记"),
    (re.compile(r"注[:：]?.{0,10}(可根据|请根据|如有).{0,20}(填写|删除|补充)"), "模板填写说明"),
    # an instruction to whoever fills the template, in brackets: "(名词解释应包含本部门专有名词，…)"
    (
        re.compile(
            r"[（(][^（）()]{0,40}(?:应包含|应当包含|应有对|应填写|应列示|应说明|应删除|请填写|请说明|请根据|请删除)[^（）()]{0,60}[）)]"
        ),
        "模板填写说明",
    ),
]


class Placeholders(Rule):
    """Nothing of the template is left in the published text.

    What it checks:
        Template hints ("（当表格数据为空时，应有此说明）", "（可用表格形式反映）"), instructions to
        the compiler left in brackets ("（名词解释应包含本部门专有名词，……）"), placeholders
        (XX, ×××, （单位）), alternatives left unresolved ("增加/减少") and conversion leftovers.
    Why an auditor cares:
        A template left in the text shows the disclosure was not reviewed before publication; the
        figures next to it deserve a second look.
    Fails:
        "……故本表无数据。（当表格数据为空时，应有此说明）"
    Passes:
        "……故本表无数据。"
    """

    code = "CMP003"
    title = "文中残留模板文字或占位符"
    category = "other"
    severity = Severity.low

    def check(self, doc: Document) -> Iterable[Finding]:
        seen: set[str] = set()
        for p in doc.paragraphs:
            for pattern, what in PATTERNS:
                m = pattern.search(p.text)
                if not m or m.group(0) in seen:
                    continue
                seen.add(m.group(0))
                yield self.finding(
                    f"{what}：“{m.group(0)}”未删除或未填写",
                    [Evidence(p.text[max(0, m.start() - 30) : m.end() + 30], p.page, p.span_bbox(m.start(), m.end()), "stated")],
                    key=f"{what}|{m.group(0)}",
                )
