"""Is a file a disclosure at all? A spreadsheet of names or a letter reads without error and
yields no findings: reported as clean, it would tell an auditor that it was checked. A document
is taken as a disclosure when it holds a table of a kind the product knows or text that speaks of
a budget, final accounts or a performance evaluation; anything else is refused with the reason.

Run after extraction, before analysis (``audit_assist.pipeline.read_disclosure``); ``extract``
itself reads any file, so that ``audit-assist extract`` still shows what was read.
"""

from __future__ import annotations

import re

from models import Document

from .blocks import ExtractionError
from .numbers import normalize_label

NOT_A_DISCLOSURE = "未识别为预算/决算/绩效文件：没有找到预算、决算或绩效的表格，也没有相关的文字说明"
# simplified and traditional forms (a Big5 file from Taiwan or Hong Kong writes 決算, 預算, 績效)
_DISCLOSURE_WORDS = re.compile(r"预算|决算|绩效|財政撥款|财政拨款|預算|決算|績效")


def check_disclosure(doc: Document) -> None:
    """Raise ``ExtractionError`` when ``doc`` holds no known table and no disclosure text."""
    if any(t.kind for t in doc.tables):
        return
    texts = [doc.text, *(t.title for t in doc.tables), *(r.text for t in doc.tables for r in t.rows)]
    if any(_DISCLOSURE_WORDS.search(normalize_label(text)) for text in texts):
        return
    raise ExtractionError(doc.name, NOT_A_DISCLOSURE)
