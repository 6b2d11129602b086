"""What the wording rules share: the narrative paragraphs worth reading, sentences, quoting."""

from __future__ import annotations

import re
from collections.abc import Iterator

from models import Document, Evidence, Paragraph

CJK = "\u4e00-\u9fff"
_SENTENCE_END = "。！？!?；;"
# a text version prints table rows as tab- or pipe-separated lines; those are not sentences
_TABLE_LIKE = re.compile(r"\t|\|")


def narrative_paragraphs(doc: Document) -> Iterator[Paragraph]:
    """The paragraphs that are prose, not table rows a text format left in the flow."""
    for p in doc.paragraphs:
        if p.text.strip() and not _TABLE_LIKE.search(p.text):
            yield p


def sentence_span(text: str, start: int, end: int, marks: str = _SENTENCE_END) -> tuple[int, int]:
    """The sentence (up to 。！？；, or the given ``marks``) around text[start:end]."""
    a = max((text.rfind(c, 0, start) for c in marks), default=-1) + 1
    ends = [i for i in (text.find(c, end) for c in marks) if i >= 0]
    b = min(ends) + 1 if ends else len(text)
    return a, b


def sentence_of(p: Paragraph, start: int, end: int, limit: int = 120) -> str:
    """The sentence around a match, cut to ``limit`` characters around the match when longer."""
    a, b = sentence_span(p.text, start, end)
    if b - a > limit:
        a = max(a, start - limit // 2)
        b = min(b, max(end, a + limit))
    return p.text[a:b].strip()


def span_evidence(p: Paragraph, start: int, end: int, role: str = "stated") -> Evidence:
    """A match inside a paragraph as evidence: its sentence, page and the box of the match."""
    return Evidence(sentence_of(p, start, end), p.page_at(start), p.span_bbox(start, end), role)
