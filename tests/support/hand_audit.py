"""Matching the findings of a scan against the errors found by hand (tests/fixtures/hand_audit)."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import yaml

from extract.numbers import normalize_label

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "hand_audit"


def load(name: str) -> list[dict]:
    return yaml.safe_load((FIXTURES / f"{name}.yml").read_text(encoding="utf-8"))


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


def found_ids(name: str, findings, severities=("high", "medium", "low", "info")) -> set[str]:
    items = [i for i in load(name) if i["severity"] in severities]
    return {i["id"] for i in items if any(matches(i, f) for f in findings)}
