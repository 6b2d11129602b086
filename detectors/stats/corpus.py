"""Corpus mode: judge documents against a baseline fitted on their own folder (or on last year's
corpus, saved to a file) instead of the shipped default.

    baseline = corpus_baseline(docs, "baseline.json")   # fit and save, or load when the file exists
    with using_baseline(baseline):
        ... analyse each document as usual (the STA rules read the active baseline) ...

``analyse_corpus(docs, baseline=None)`` does both for a list of documents.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from models import Document

from .baseline import Baseline, default_baseline, using_baseline

__all__ = ["Baseline", "analyse_corpus", "corpus_baseline", "using_baseline"]


def corpus_baseline(docs: Sequence[Document], path: str | Path | None = None) -> Baseline:
    """The baseline for a corpus: loaded from ``path`` when that file exists, else fitted on
    ``docs`` (over the shipped default for whatever they hold too little data for) and saved to
    ``path`` when one is given."""
    if path is not None and Path(path).exists():
        return Baseline.load(path)
    baseline = Baseline.fit(docs, prior=default_baseline(), description=f"fitted on {len(docs)} documents of the scanned corpus")
    if path is not None:
        baseline.save(path)
    return baseline


def analyse_corpus(
    docs: Sequence[Document],
    baseline: Baseline | None = None,
    analyse: Callable[[Document], Any] | None = None,
) -> list[Any]:
    """Analyse every document against ``baseline`` (fitted on ``docs`` when None).

    ``analyse`` is the per-document analysis (default: ``audit_assist.pipeline.analyse_document``,
    imported here lazily because the pipeline is the stage after the detectors)."""
    if analyse is None:
        from audit_assist.pipeline import analyse_document as analyse
    if baseline is None:
        baseline = corpus_baseline(docs)
    with using_baseline(baseline):
        return [analyse(d) for d in docs]
