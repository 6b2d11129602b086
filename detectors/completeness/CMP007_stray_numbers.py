"""CMP007: a number glued before a sentence, belonging to nothing."""

from __future__ import annotations

import re
from collections.abc import Iterable

from models import Document, Evidence, Finding, Paragraph, Severity

from ..base import Rule

_STRAY = re.compile(r"^(\d+\.\d{1,2})\s+(?=[\u4e00-\u9fff])")
# one digit glued to the start of a sentence: "6本部门2022年度……", "32024年度，……" (a year has four
# digits); not a count ("3个项目", "2次", "5年")
_STRAY_DIGIT = re.compile(
    r"^(\d)(?:(?=20\d\d年)|(?=[\u4e00-\u9fff])(?![年月日号个人项元万亿千百十次家户件台辆套间座所张册名位条份批类级期天周岁倍成余多]))"
)


class StrayNumbers(Rule):
    """No figure stands alone in front of a sentence.

    What it checks:
        A paragraph that starts with a bare amount ("71.78 本部门2021年度机关运行经费支出190.66万元…"),
        left by an edit or a conversion; at low, one digit glued to the start of a sentence
        ("6本部门2022年度…", "32024年度，…": a year has four digits), which is not a count
        ("3个项目").
    Why an auditor cares:
        The stray figure is often the real value that the sentence after it replaced (or should
        state); it must be traced, not ignored.
    Fails:
        "71.78 本部门2021年度机关运行经费支出190.66万元"
    Passes:
        "本部门2021年度机关运行经费支出190.66万元"
    """

    doc_zh = """句子前面没有孤立的数字。

    检查内容：
        以一个孤立金额开头的段落（“71.78 本部门2021年度机关运行经费支出190.66万元……”），是编辑或格式转换留下的；
        句首粘连的单个数字（“6本部门2022年度……”“32024年度，……”：年份只有四位）以低级别报告，计数（“3个项目”）除外。
    为什么重要：
        孤立的数字往往是后面句子所替换（或本应写出）的真实数值；必须追查，不能忽略。
    不通过：
        “71.78 本部门2021年度机关运行经费支出190.66万元”
    通过：
        “本部门2021年度机关运行经费支出190.66万元”
    """

    code = "CMP007"
    title = "段首孤立数字"
    category = "other"
    severity = Severity.medium

    def check(self, doc: Document) -> Iterable[Finding]:
        for p in doc.paragraphs:
            m = _STRAY.match(p.text.strip())
            if not m:
                yield from self._digit(p)
                continue
            yield self.finding(
                f"段首有来源不明的数字“{m.group(1)}”：“{p.text.strip()[:50]}”，需核实它是否为本段应披露的数（或删除）",
                [Evidence(p.text.strip()[:80], p.page, p.span_bbox(0, len(m.group(1))), "stated")],
                key=f"stray|{m.group(1)}|{p.text.strip()[len(m.group(0)) :][:20]}",
                values={"stated": float(m.group(1))},
                confidence=0.8,
            )

    def _digit(self, p: Paragraph) -> Iterable[Finding]:
        text = p.text.strip()
        m = _STRAY_DIGIT.match(text)
        if m:
            yield self.finding(
                f"段首多出一个数字“{m.group(1)}”：“{text[:50]}”，疑为编辑时误输入，需删除",
                [Evidence(text[:80], p.page, p.span_bbox(0, 1), "stated")],
                key=f"stray-digit|{text[:20]}",
                values={"stated": int(m.group(1))},
                severity=Severity.low,
                confidence=0.7,
            )
