"""Recall and false alarms on generated documents (tests/support/generator.py): every injected
error is found, in its category, pointing at the changed text; clean documents raise (almost)
nothing at high or medium severity."""

from __future__ import annotations

from functools import cache

import pytest
from support.generator import INJECTION_KINDS, generate

from audit_assist.pipeline import analyse_document
from extract import load_bytes
from extract.numbers import normalize_label

SEEDS = (0, 1)
CLEAN_SEEDS = range(20)


@cache
def analysed(seed: int, kind: str = ""):
    g = generate(seed, [kind] if kind else [])
    return g, analyse_document(load_bytes(g.text.encode("utf-8"), g.name))


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("kind", INJECTION_KINDS)
def test_injected_error_is_found(kind, seed):
    _, clean = analysed(seed)
    before = {f.fingerprint for f in clean.findings}
    g, result = analysed(seed, kind)
    (inj,) = g.injections
    needle = normalize_label(inj.needle)[:20]
    new = [f for f in result.findings if f.fingerprint not in before and f.severity.value != "info"]
    hits = [
        f
        for f in new
        if f.category == inj.category and needle in normalize_label(f.message + " ".join(e.text for e in f.evidence))
    ]
    assert hits, f"{kind}: {inj.description}; new findings: {[(f.rule, f.category, f.message[:60]) for f in new]}"


def test_clean_documents_raise_no_alarm():
    high_medium = [
        (seed, f.rule, f.message)
        for seed in CLEAN_SEEDS
        for f in analysed(seed)[1].findings
        if f.severity.value in ("high", "medium")
    ]
    per_document = len(high_medium) / len(CLEAN_SEEDS)
    assert per_document < 0.2, high_medium
