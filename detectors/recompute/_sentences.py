"""Figures grouped the way the recomputation rules read them: by sentence, in order."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from extract.numbers import decimals_of
from models import Document, Figure


def by_sentence(doc: Document) -> list[list[Figure]]:
    groups: dict[tuple[int, str], list[Figure]] = defaultdict(list)
    for f in doc.figures:
        groups[(f.paragraph, f.sentence)].append(f)
    return list(groups.values())


def by_paragraph(doc: Document) -> list[list[Figure]]:
    groups: dict[int, list[Figure]] = defaultdict(list)
    for f in doc.figures:
        groups[f.paragraph].append(f)
    return list(groups.values())


def pct_tolerance(stated: Decimal, part: Decimal, whole: Decimal) -> Decimal:
    """How far a stated percentage may sit from part/whole: half its last printed place plus
    what the rounding of part and whole (±0.005 each) can move the ratio."""
    half = Decimal(5) / Decimal(10) ** (decimals_of(stated) + 1)
    if not whole:
        return half
    spread = (abs(part) + abs(whole)) * Decimal("0.005") / (abs(whole) * abs(whole)) * 100
    return half + spread


def wan(f: Figure) -> Decimal | None:
    return f.amount_wan
