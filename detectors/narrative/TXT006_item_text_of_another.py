"""TXT006: an item's "主要用于…" or reason copied from another item, naming that item's subject."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from extract.numbers import normalize_label
from models import Document, Evidence, Finding, Paragraph, Severity

from ..base import Rule
from ..language._text import narrative_paragraphs
from ..linking import class_path

_NUMBERED = re.compile(r"^\s*(?:\d{1,3}\s*[.、．](?!\d)|[（(]\d{1,3}[)）])")
_PLACEHOLDER = re.compile(r"[XＸ×]{2}")  # a template's blanks (CMP003 reports them)
# the two free texts of an item: what the money is for, and why it changed
TEXTS = {
    "用途": re.compile(r"主要用于[：:]?\s*([^。；;]{2,80})"),
    "原因": re.compile(r"主要原因(?:是|为)?[：:]?\s*([^。；;]{2,80})"),
}


@dataclass
class Item:
    paragraph: Paragraph
    name: str  # its 项 (or last level) name, "支出" taken off
    texts: dict[str, tuple[str, int, int]]  # 用途 / 原因 → (normalised text, start, end)


def _item_evidence(item: Item, start: int, end: int, role: str = "stated") -> Evidence:
    """The whole item (its line, amounts and texts), with the box of the copied text."""
    p = item.paragraph
    return Evidence(p.text.strip(), p.page_at(start), p.span_bbox(start, end), role)


def _bare(name: str) -> str:
    return re.sub(r"支出$", "", normalize_label(name))


def items(doc: Document) -> list[Item]:
    """The numbered items of the narrative that name a classification path, with their texts."""
    out = []
    for p in narrative_paragraphs(doc):
        if not _NUMBERED.match(p.text):
            continue
        path = class_path(normalize_label(p.text[:120]))
        if len(path) < 2:
            continue
        texts = {}
        for what, pattern in TEXTS.items():
            m = pattern.search(p.text)
            if m:
                texts[what] = (normalize_label(m.group(1)), m.start(1), m.end(1))
        name = _bare(path[-1])
        if not _PLACEHOLDER.search(name):
            out.append(Item(p, name, texts))
    return out


class ItemTextOfAnother(Rule):
    """Each item says what its own money is for.

    What it checks:
        The numbered items of the 情况说明 that each explain one classification line ("8、住房保障
        支出（类）住房改革支出（款）住房公积金（项）。主要用于：…"): an item whose "主要用于…" or
        "主要原因…" is word for word another item's, and names that other item's line and not its
        own, was copied from it.
    Why an auditor cares:
        The text then says nothing true about the line it sits under ("住房公积金 … 主要用于事业单位
        医疗保险支出"); the reader learns what another line paid for, and the department's own
        explanation of this line is missing.
    Fails:
        "7、…事业单位医疗（项）。主要用于：事业单位医疗保险支出。" and "8、…住房公积金（项）。主要用于：
        事业单位医疗保险支出。"
    Passes:
        "8、…住房公积金（项）。主要用于：住房公积金支出。"
    """

    doc_zh = """每个条目说明的是它自己科目的资金用途。

    检查内容：
        情况说明中逐一说明某个科目的编号条目（“8、住房保障支出（类）住房改革支出（款）住房公积金（项）。
        主要用于：……”）：某条目的“主要用于……”或“主要原因……”与另一条目逐字相同，且说的是那个条目的科目
        而不是自己的，即为照抄。
    为什么重要：
        这样的文字对所在科目没有说出任何真实情况（“住房公积金……主要用于事业单位医疗保险支出”）；读者看到的
        是另一个科目的用途，而本科目的说明缺失了。
    不通过：
        “7、……事业单位医疗（项）。主要用于：事业单位医疗保险支出。”与“8、……住房公积金（项）。主要用于：
        事业单位医疗保险支出。”
    通过：
        “8、……住房公积金（项）。主要用于：住房公积金支出。”
    """

    code = "TXT006"
    title = "科目说明照抄其他科目"
    category = "copy_paste_text"
    severity = Severity.low

    def check(self, doc: Document) -> Iterable[Finding]:
        found = items(doc)
        for b in found:
            copied: dict[int, list[str]] = {}  # source item → the texts copied from it
            for what, (text, _, _) in b.texts.items():
                if b.name in text or _PLACEHOLDER.search(text):
                    continue  # it names its own line, or is a template's blank
                source = next(
                    (
                        a
                        for a in found
                        if a is not b and a.name != b.name and a.name in text and a.texts.get(what, ("",))[0] == text
                    ),
                    None,
                )
                if source is not None:
                    copied.setdefault(found.index(source), []).append(what)
            for k, whats in copied.items():
                source = found[k]
                said = "、".join(f"{w}“{b.texts[w][0]}”" for w in whats)
                start, end = b.texts[whats[0]][1:]
                a_start, a_end = source.texts[whats[0]][1:]
                yield self.finding(
                    f"“{b.name}”项的{said}与“{source.name}”项逐字相同，且说的是“{source.name}”，未说明“{b.name}”本身，疑为照抄",
                    [_item_evidence(b, start, end), _item_evidence(source, a_start, a_end, "context")],
                    key=f"copied|{b.name}|{source.name}",
                    values={},
                )
