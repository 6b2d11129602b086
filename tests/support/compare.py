"""Comparing the tables of two extractions of the same document."""

from __future__ import annotations

from extract.numbers import normalize_label
from models import Document


def table_signature(doc: Document) -> list[tuple]:
    """Per table: kind, part, number, title and, per row, code, label and every cell (its value
    when it is a number, else its normalised text); trailing blank cells dropped."""
    out = []
    for t in doc.tables:
        rows = []
        for r in t.rows:
            cells = [("#", c.value) if c.value is not None else normalize_label(c.text) for c in r.cells]
            while cells and cells[-1] == "":
                cells.pop()
            rows.append((r.code, r.label, tuple(cells)))
        out.append((t.kind, t.part, t.number, t.title, tuple(rows)))
    return out


def numeric_agreement(a: Document, b: Document) -> tuple[int, int]:
    """(numeric cells of a found with the same value at the same place in b, numeric cells of a)."""
    same = total = 0
    for ta, tb in zip(a.tables, b.tables):
        for ra, rb in zip(ta.rows, tb.rows):
            for i, ca in enumerate(ra.cells):
                if ca.value is None:
                    continue
                total += 1
                if i < len(rb.cells) and rb.cells[i].value == ca.value:
                    same += 1
    for ta in a.tables[len(b.tables) :]:
        total += sum(1 for r in ta.rows for c in r.cells if c.value is not None)
    return same, total
