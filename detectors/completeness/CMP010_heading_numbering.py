"""CMP010: headings whose numbers skip or repeat (一、二、四；（四）之后（二）；第二部分之后第四部分)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from extract.numbers import normalize_digits, normalize_label
from extract.templates import STANDARD_TABLES
from models import Document, Evidence, Finding, Paragraph, Severity

from ..base import Rule

_DIGITS = "零一二三四五六七八九"


def from_chinese(text: str) -> int | None:
    """一 … 九十九 as a number."""
    if not text or any(c not in _DIGITS + "十" for c in text):
        return None
    if "十" not in text:
        return _DIGITS.index(text) if len(text) == 1 else None
    tens, _, units = text.partition("十")
    if "十" in units:
        return None
    return (_DIGITS.index(tens) if tens else 1) * 10 + (_DIGITS.index(units) if units else 0)


def to_chinese(n: int) -> str:
    tens, units = divmod(n, 10)
    if not tens:
        return _DIGITS[units]
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[units] if units else "")


@dataclass(frozen=True)
class Style:
    rank: int  # nesting, outermost first: 第X部分 > 一、 > （一） > 1. > （1）
    pattern: re.Pattern[str]  # group 1: the number
    chinese: bool  # 一二三 rather than 123

    def read(self, digits: str) -> int | None:
        return from_chinese(digits) if self.chinese else int(digits)

    def write(self, n: int) -> str:
        return to_chinese(n) if self.chinese else str(n)


_CN = "[一二三四五六七八九十]{1,3}"
STYLES = [
    Style(1, re.compile(rf"^第({_CN})部分"), True),
    Style(2, re.compile(rf"^({_CN})[、，,]"), True),
    Style(3, re.compile(rf"^[（(]({_CN})[)）]"), True),
    Style(4, re.compile(r"^(\d{1,2})\s*[、.．](?!\d)"), False),
    Style(5, re.compile(r"^[（(](\d{1,2})[)）]"), False),
]
# an attachment starts its own numbering
_ATTACHMENT = re.compile(r"^附件\s*[\d一二三四五六七八九十]*[:：]?$")


def numbered(p: Paragraph) -> tuple[Style, int, re.Match[str]] | None:
    """The numbering style a paragraph opens with, its number and the marker as printed."""
    return numbered_text(p.text)


def numbered_text(text: str) -> tuple[Style, int, re.Match[str]] | None:
    """The numbering style a text opens with, its number and the marker (on the text stripped)."""
    # "5．2024年…预算表" (a full-width point) is item 5, not the number 5.2024
    text = re.sub(r"^(\s*\d{1,2})．", r"\1、", text)
    text = normalize_digits(text).strip()
    for style in STYLES:
        m = style.pattern.match(text)
        if m:
            n = style.read(m.group(1))
            return (style, n, m) if n else None
    return None


def _tables_between(doc: Document, style: Style, before: Paragraph, after: Paragraph) -> bool:
    """A 第X部分 skipped where the standard tables are printed: templates title that part on its
    table pages (or only in the 目录), not as a heading of the text."""
    if style.rank != 1:
        return False
    return any(t.kind in STANDARD_TABLES and before.index < t.position <= after.index for t in doc.tables)


class HeadingNumbering(Rule):
    """Headings and numbered items run in sequence.

    What it checks:
        The paragraphs that open with a number (第X部分, 一、, （一）, 1. / 1、, （1）), each style
        nested in the one before it: within one parent, a number must follow the previous one of
        its style by one. A number that skips ("一、基本情况" then "三、政府性基金预算支出情况") or goes
        back ("（四）项目支出效益情况" then "（二）项目执行过程情况") is reported; a list that starts
        again at 1 is not, nor is the numbering of an attachment (附件2) against the body.
    Why an auditor cares:
        A skipped or repeated number is where a section was deleted, moved or pasted from another
        report: the required content (存在的问题, 改进措施, 名词解释 …) is often what went missing.
    Fails:
        "一、基本情况" … "三、政府性基金预算支出情况" (no 二、); "（四）项目支出效益情况" … "（二）项目执行过程情况"
    Passes:
        "一、基本情况" … "二、一般公共预算支出情况" … "三、政府性基金预算支出情况"
    """

    doc_zh = """标题和编号条目按顺序编排。

    检查内容：
        以编号开头的段落（第X部分、一、（一）、1. / 1、（1）），每种样式嵌套在前一种之中：在同一上级之内，编号必须
        比同样式的前一个大1。跳号（“一、基本情况”之后是“三、政府性基金预算支出情况”）或倒退（“（四）项目支出效益
        情况”之后是“（二）项目执行过程情况”）的予以报告；重新从1开始的列表不报告，附件（附件2）相对正文的编号也
        不报告。
    为什么重要：
        跳号或重号之处，正是某一部分被删除、移动或从其他报告粘贴过来的地方：缺失的往往正是规定内容（存在的问题、
        改进措施、名词解释……）。
    不通过：
        “一、基本情况”……“三、政府性基金预算支出情况”（没有二、）；“（四）项目支出效益情况”……“（二）项目执行过程情况”
    通过：
        “一、基本情况”……“二、一般公共预算支出情况”……“三、政府性基金预算支出情况”
    """

    code = "CMP010"
    title = "标题编号不连续"
    category = "other"
    severity = Severity.low

    def check(self, doc: Document) -> Iterable[Finding]:
        last: dict[int, tuple[int, Paragraph]] = {}
        for p in doc.paragraphs:
            if _ATTACHMENT.match(normalize_label(p.text)):
                last.clear()
                continue
            found = numbered(p)
            if found is None:
                continue
            style, n, marker = found
            previous = last.get(style.rank)
            if previous is not None and n not in (previous[0] + 1, 1) and not _tables_between(doc, style, previous[1], p):
                yield self._finding(style, n, marker, p, *previous)
            last[style.rank] = (n, p)
            for rank in [r for r in last if r > style.rank]:
                del last[rank]

    def _finding(self, style: Style, n: int, marker: re.Match[str], p: Paragraph, before: int, prev: Paragraph) -> Finding:
        printed = p.text.strip()[: marker.end()]  # the marker as printed (normalising keeps lengths)
        start, end = marker.span(1)
        expected = printed[:start] + style.write(before + 1) + printed[end:]
        what = "重复或倒退" if n <= before else "跳号"
        return self.finding(
            f"标题编号{what}：“{prev.text.strip()[:30]}”之后为“{p.text.strip()[:30]}”，按顺序应为“{expected}”",
            [
                Evidence(p.text.strip()[:120], p.page, p.bbox, "stated"),
                Evidence(prev.text.strip()[:120], prev.page, prev.bbox, "context"),
            ],
            key=f"{style.rank}|{normalize_label(prev.text)[:24]}|{normalize_label(p.text)[:24]}",
            values={"stated": n, "expected": before + 1},
        )
