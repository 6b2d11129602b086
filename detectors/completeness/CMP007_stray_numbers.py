"""CMP007: a number glued before a sentence, belonging to nothing."""

from __future__ import annotations

import re
from collections.abc import Iterable

from models import Document, Evidence, Finding, Severity

from ..base import Rule

_STRAY = re.compile(r"^(\d+\.\d{1,2})\s+(?=[\u4e00-\u9fff])")


class StrayNumbers(Rule):
    """No figure stands alone in front of a sentence.

    What it checks:
        A paragraph that starts with a bare amount ("71.78 本部门2021年度机关运行经费支出190.66万元…"),
        left by an edit or a conversion.
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
        以一个孤立金额开头的段落（“71.78 本部门2021年度机关运行经费支出190.66万元……”），是编辑或格式转换留下的。
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
                continue
            yield self.finding(
                f"段首有来源不明的数字“{m.group(1)}”：“{p.text.strip()[:50]}”，需核实它是否为本段应披露的数（或删除）",
                [Evidence(p.text.strip()[:80], p.page, p.span_bbox(0, len(m.group(1))), "stated")],
                key=f"stray|{m.group(1)}|{p.text.strip()[len(m.group(0)) :][:20]}",
                values={"stated": float(m.group(1))},
                confidence=0.8,
            )
