"""Figures grouped the way the recomputation rules read them: by sentence, in order."""

from __future__ import annotations

import re
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


def is_budget(subject: str) -> bool:
    """A figure's subject names a budget ("年初预算", "“三公”经费预算数"), not an outturn: the
    预算 of "一般公共预算" and its sisters is a funding source, not a budget."""
    bare = re.sub(r"一般公共预算|政府性基金预算|国有资本经营预算", "", subject)
    return "预算" in bare and "决算" not in bare


def movement(before: Figure, after: Figure) -> int | None:
    """Which way two stated amounts go, from ``before`` to ``after``: +1 up, -1 down, 0 printed
    equal, None when they differ only within the rounding of their printed values (no certain
    answer)."""
    b, a = before.amount, after.amount
    diff = a.wan - b.wan
    if diff == 0:
        return 0
    if abs(diff) <= b.radius_wan + a.radius_wan:
        return None
    return 1 if diff > 0 else -1
