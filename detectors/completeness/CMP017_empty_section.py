"""CMP017: a section that has its heading and nothing under it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from extract.numbers import normalize_digits, normalize_label
from models import Document, Evidence, Finding, Paragraph, Severity

from ..base import Rule
from .CMP010_heading_numbering import numbered_text

HEADING_LENGTH = 40  # a numbered paragraph longer than this carries its content
# a numbered line that is an item of a list or a sentence, not a heading: a clause break in it, or
# a colon with its content ("一、财政拨款收入：指……", "1. 承担……工作，推进……")
_ITEM = re.compile(r"[，,；;、]|[:：].|。.")
# what a section's text has and the lines of a table read as text have not: a clause mark
_PROSE = re.compile(r"[，。；：,;:]")


@dataclass
class _Node:
    """A numbered paragraph of the outline: its level (CMP010's styles, 第X部分 = 1 … （1） = 5),
    its marker, whether it is a bare heading, whether text or a table follows it before the next
    numbered paragraph."""

    p: Paragraph
    level: int
    marker: str
    title: str  # without its marker
    heading: bool
    body: bool = False
    prose: bool = False  # a sentence or a table under it (not only fragments of a table read as text)


def _outline(doc: Document) -> list[_Node]:
    nodes: list[_Node] = []
    for p in doc.paragraphs:
        text = normalize_digits(p.text).strip()
        found = numbered_text(text)
        if found is None:
            if nodes and text:
                nodes[-1].body = True
                nodes[-1].prose = nodes[-1].prose or bool(_PROSE.search(text))
            continue
        style, _, m = found
        rest = text[m.end() :].strip()
        inner = numbered_text(rest)
        # "四、（一）一般公共预算当年拨款规模" : the outer number is a slip, the inner one its place
        level = inner[0].rank if inner is not None and inner[0].rank > style.rank else style.rank
        heading = len(re.sub(r"\s+", "", text)) <= HEADING_LENGTH and not _ITEM.search(rest)
        nodes.append(_Node(p, level, m.group(0).strip(), rest, heading, body=not heading))
    for t in doc.tables:
        owner = next((n for n in reversed(nodes) if n.p.index < t.position), None)
        if owner is not None:
            owner.body = owner.prose = True
    return nodes


class EmptySection(Rule):
    """A heading with no content under it.

    What it checks:
        The document's outline as its numbering gives it (第X部分 > 一、 > （一） > 1.): a heading
        followed directly by the next heading of the same or a higher level, or by the end of the
        document — no text, no table, no heading of its own below it. Only where the document's own
        outline gives that level content: the heading of the same level before or after it (under the
        same parent) has sentences, a table or headings under it (the lines of a 目录, a list of short
        numbered items, the rows of a table read as text have none, and are not sections); a heading
        printed again further on, or whose numbering starts again, is a line of the 目录. Not in a
        workbook (xlsx), whose lines are the titles and notes of its tables.
    Why an auditor cares:
        The template asks for that explanation and the department printed its heading and left it
        out: what the section should tell the reader (the totals, the basic spending, the
        procurement) is missing from the disclosure.
    Fails:
        "（一）基本支出情况" directly followed by "（二）项目支出情况" (which has its text)
    Passes:
        "（一）基本支出情况" / "2021年基本支出809.16万元，占一般公共预算支出的84.1%。" / "（二）项目支出情况"
    """

    doc_zh = """只有标题、下面没有内容的部分。

    检查内容：
        按文件自身编号形成的大纲（第X部分 > 一、 > （一） > 1.）：一个标题之后直接是同级或更高一级的下一个标题，
        或文件结束——下面既无文字、也无表格、也无下级标题。只在文件自身大纲中该级确有内容时报告：同一上级下与它相邻的
        同级标题（前一个或后一个）下面有成句的文字、表格或下级标题（目录各行、一串简短的编号条目、被读成文字的表格各行下面都没有，
        不属于章节）；后文再次出现、或编号重新开始的标题是目录中的一行。电子表格（xlsx）中的文字是各表的标题和注释，
        不检查。
    为什么重要：
        模板要求有这部分说明，部门印了标题却没写内容：这一部分应当告诉读者的内容（总体情况、基本支出、政府采购等）
        在公开文件中缺失了。
    不通过：
        “（一）基本支出情况”之后直接是“（二）项目支出情况”（后者有文字）
    通过：
        “（一）基本支出情况” / “2021年基本支出809.16万元，占一般公共预算支出的84.1%。” / “（二）项目支出情况”
    """

    code = "CMP017"
    title = "章节只有标题没有内容"
    category = "missing_or_blank"
    severity = Severity.low

    def check(self, doc: Document) -> Iterable[Finding]:
        if doc.format == "xlsx":
            return  # a workbook's lines are its tables' titles and notes, not an explanation's sections
        nodes = _outline(doc)
        parents: list[int | None] = []
        stack: list[int] = []
        for k, n in enumerate(nodes):
            while stack and nodes[stack[-1]].level >= n.level:
                stack.pop()
            parents.append(stack[-1] if stack else None)
            stack.append(k)
        empty = [n.heading and not n.body and (k + 1 == len(nodes) or nodes[k + 1].level <= n.level) for k, n in enumerate(nodes)]
        later = self._later_texts(doc)
        for k, n in enumerate(nodes):
            if not empty[k]:
                continue  # text or a table under it, or a heading of its own below it
            if (k > 0 and empty[k - 1]) or (k + 1 < len(nodes) and empty[k + 1]):
                continue  # a run of bare headings: the lines of a 目录
            title = normalize_label(n.title)
            if len(title) >= 4 and title in later(n.p.index):
                continue  # printed again further on: a line of the 目录
            same = [j for j in range(len(nodes)) if j != k and parents[j] == parents[k] and nodes[j].level == n.level]
            if any(j > k and nodes[j].marker == n.marker for j in same):
                continue  # its numbering starts again further on: this was the 目录
            neighbours = [j for j in same if j < k][-1:] + [j for j in same if j > k][:1]
            if not any(nodes[j].heading and (nodes[j].prose or not (empty[j] or nodes[j].body)) for j in neighbours):
                continue  # the headings beside it have no text or subsections either: a list or a table, not sections
            nxt = nodes[k + 1] if k + 1 < len(nodes) else None
            after = f"之后直接是“{nxt.p.text.strip()[:30]}”" if nxt is not None else "之后文件结束"
            yield self.finding(
                f"“{n.p.text.strip()}”只有标题，没有内容（{after}），该部分应说明的内容缺失",
                [Evidence(n.p.text.strip(), n.p.page, n.p.bbox, "stated")],
                key=f"empty_section|{normalize_label(n.p.text)}",
                confidence=0.8,
            )

    @staticmethod
    def _later_texts(doc: Document):
        """The paragraphs (without their number) and table titles after a paragraph, normalised."""

        def bare(text: str) -> str:
            found = numbered_text(text)
            return normalize_label(normalize_digits(text).strip()[found[2].end() :] if found else text)

        paragraphs = [bare(p.text) for p in doc.paragraphs]
        titles = [(t.position, normalize_label(t.title)) for t in doc.tables]

        def after(index: int) -> set[str]:
            return set(paragraphs[index + 1 :]) | {t for pos, t in titles if pos > index}

        return after
