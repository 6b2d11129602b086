"""CMP012: a date field of a form (填报日期, 填表日期 …) filled with something that is not a date."""

from __future__ import annotations

import re
from collections.abc import Iterable

from extract.numbers import normalize_digits
from models import Document, Evidence, Finding, Severity

from ..base import Rule

# the field, and what is written in it up to the next field label ("联系电话：") or the line's end
_FIELD = re.compile(
    r"(?P<field>(?:填报|填表|报送|编制|制表|评价|自评)日期)\s*[:：]\s*"
    r"(?P<value>[^:：\s]*(?:\s+[^:：\s]+)*?)"
    r"(?=\s*(?:[\u4e00-\u9fff]{2,8}\s*[:：]|$))"
)
_YEAR = re.compile(r"(?:19|20)\d{2}\s*(?:年|[.．/\-])|[〇零一二三四五六七八九]{4}\s*年")


class IncompleteDate(Rule):
    """A form's date is a whole date.

    What it checks:
        The date fields printed under a form (填报日期, 填表日期, 报送日期, 编制日期 …): a value
        without a year ("填报日期：7.15"), which is not a date a reader can place.
    Why an auditor cares:
        The filing date dates the self-evaluation and the figures in it; "7.15" does not say
        which year's form it is, and a form copied from the year before looks the same.
    Fails:
        "填表人：郑姿 填报日期：7.15 联系电话：18773099839"
    Passes:
        "填表人：郑姿 填报日期：2024年7月15日 联系电话：18773099839"
    """

    doc_zh = """表格的日期是完整的日期。

    检查内容：
        表格下方印出的日期栏（填报日期、填表日期、报送日期、编制日期……）：没有年份的值（“填报日期：7.15”），读者
        无法确定是哪一天。
    为什么重要：
        填报日期确定了自评及其数字的时间；“7.15”说不清是哪一年的表格，从上一年抄来的表格看起来也一样。
    不通过：
        “填表人：郑姿 填报日期：7.15 联系电话：18773099839”
    通过：
        “填表人：郑姿 填报日期：2024年7月15日 联系电话：18773099839”
    """

    code = "CMP012"
    title = "填报日期不完整"
    category = "missing_or_blank"
    severity = Severity.low

    def check(self, doc: Document) -> Iterable[Finding]:
        found: dict[str, list] = {}
        for p in doc.paragraphs:
            text = normalize_digits(p.text)
            for m in _FIELD.finditer(text):
                value = m.group("value").strip()
                if not value or _YEAR.search(value) or not re.search(r"\d|[一二三四五六七八九十]", value):
                    continue  # blank, a full date, or not a date at all
                found.setdefault(f"{m.group('field')}|{value}", []).append((p, m))
        for key, hits in found.items():
            p, m = hits[0]
            field, value = key.split("|", 1)
            times = f"（共 {len(hits)} 处）" if len(hits) > 1 else ""
            yield self.finding(
                f"{field}填写为“{value}”，缺少年份，不是完整日期{times}",
                [
                    Evidence(
                        p.text.strip()[:120], p.page_at(m.start("value")), p.span_bbox(m.start("value"), m.end("value")), "stated"
                    )
                ],
                key=f"date|{key}",
            )
