"""Matching the findings of a scan against the errors found by hand (tests/fixtures/hand_audit)."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import yaml

from extract.numbers import normalize_label

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "hand_audit"  # real/: the Shanghai documents


def load(name: str) -> list[dict]:
    return yaml.safe_load((FIXTURES / f"{name}.yml").read_text(encoding="utf-8")) or []


def _num(v) -> Decimal | None:
    try:
        return Decimal(str(v))
    except Exception:  # noqa: BLE001
        return None


def _texts(f) -> str:
    return normalize_label(f.message + " " + " ".join(e.text for e in f.evidence))


def matches(item: dict, f) -> bool:
    """A finding covers a hand-found error when it points at the same place (one of the verbatim
    needles) and, where the auditor wrote a stated figure, states the same figure."""
    text = _texts(f)
    needles = [normalize_label(n) for n in item.get("evidence", [])]
    at_place = any(n and (n in text or n[:16] in text) for n in needles)
    stated = _num(item.get("stated"))
    if stated is None:
        return at_place
    values = {_num(v) for v in f.values.values()}
    says = stated in values or re.search(rf"(?<![\d.]){re.escape(format(stated.normalize(), 'f'))}(?![\d])", text) is not None
    return at_place and says or (says and f.category == item["category"])


def found_ids(name: str, findings, severities=("high", "medium", "low", "info"), match=matches) -> set[str]:
    items = [i for i in load(name) if i["severity"] in severities]
    return {i["id"] for i in items if any(match(i, f) for f in findings)}


def matches_exactly(item: dict, f) -> bool:
    """The stricter matching of the real documents' hand audit (tests/fixtures/hand_audit/real):
    the finding quotes one of the item's needles whole (one of eight characters or more, or two of
    them when they are short: a row's label and an amount), states the auditor's figure where
    there is one, and its category is the auditor's (a rounding note where the auditor saw
    rounding)."""
    text = _texts(f)
    needles = [normalize_label(n) for n in item.get("evidence", []) if normalize_label(n)]
    long_ = [n for n in needles if len(n) >= 8]
    short = [n for n in needles if len(n) < 8]
    at_place = any(n in text for n in long_) or bool(short) and sum(n in text for n in short) >= min(2, len(short))
    if not at_place:
        return False
    stated = _num(item.get("stated"))
    if stated is not None:
        values = {_num(v) for v in f.values.values()}
        pattern = rf"(?<![\d.]){re.escape(format(stated.normalize(), 'f'))}(?![\d])"
        if stated not in values and re.search(pattern, text) is None:
            return False
    return f.category == item["category"] or (item["category"] == "rounding") == (f.category == "rounding")
