"""Detection on generated documents (tests/support/generator): every planted error found in its
category at its place, no high/medium finding where nothing was planted or on a legitimate
irregularity (a rounding tail, a carry-over, money from another source, an explained extreme …).

Two runs:

- the default run: every injection kind planted in one Hunan 决算 text (the layout the product
  reads today), and a representative slice, three documents per type × template across all six
  formats, asserting the figures the product achieves today: what it finds must stay found, the
  false alarms may not grow (a kind found at last, or fewer alarms, moves the figure here);
- ``-m corpus``: 360 documents across every type × template × format (the figures
  ``benchmarks/detection_corpus.py`` prints), asserting the targets of issue 12 per document kind
  and per template: recall ≥ 0.95 of planted errors at their place and category, precision ≥
  0.95 of high/medium findings, fewer than 0.1 high/medium findings per clean document, none on a
  legitimate irregularity. The corpus is seed 12, the one the checks were worked on; other seeds
  (``benchmarks/detection_corpus.py --seed N``) are the holdout, measured by hand.
"""

from __future__ import annotations

from multiprocessing import Pool

import pytest
from support.detection import DocResult, analyse_spec, figures
from support.generator import DOC_KINDS, FORMATS, TEMPLATES, applicable_kinds, corpus_specs

DOCS = [(k, t) for k in DOC_KINDS for t in TEMPLATES]

# ------------------------------------------------------------------------------ every kind, Hunan 决算 text

SEED = 0
# injection kinds today's product does not find at their place in this document
MISSED_TODAY: set[str] = set()


def hunan_specs() -> list[tuple]:
    return [(SEED, (k,), "决算", "hunan", "txt") for k in applicable_kinds(SEED)]


@pytest.fixture(scope="module")
def analysed() -> dict[tuple, DocResult]:
    """Every document of the default run, read and analysed on two processes."""
    specs = hunan_specs() + [spec for kind, template in DOCS for spec in slice_specs(kind, template)]
    with Pool(2) as pool:
        return dict(zip(specs, pool.map(analyse_spec, specs, chunksize=1)))


@pytest.mark.parametrize("kind", [spec[1][0] for spec in hunan_specs()])
def test_injected_error_is_found_in_hunan_final(analysed, kind):
    (r,) = [r for spec, r in analysed.items() if spec == (SEED, (kind,), "决算", "hunan", "txt")]
    if kind in MISSED_TODAY:
        assert not r.planted[0][3], f"{kind} is found now: take it out of MISSED_TODAY"
    else:
        assert r.planted[0][3], r.missed


# ------------------------------------------------------------------------------ a slice across type × template × format


def slice_specs(kind: str, template: str) -> list[tuple]:
    """Three documents of a type and template: one clean, two with two planted errors each, in
    formats that rotate over the types and templates so that the slice holds every format."""
    k = DOCS.index((kind, template))
    formats = [FORMATS[(3 * k + j) % len(FORMATS)] for j in range(3)]
    specs = []
    for j, fmt in enumerate(formats):
        ((seed, injections, *rest),) = corpus_specs(
            1,
            seed=500 + 3 * k + j,
            anomaly_rate=0 if j == 0 else 1,
            kinds=(kind,),
            templates=(template,),
            formats=(fmt,),
            per_doc=2,
        )
        specs.append((seed, tuple(injections), *rest))
    return specs


# (found planted errors, high/medium false alarms, of which on legitimate irregularities) today
SLICE_TODAY = {
    ("决算", "hunan"): (4, 0, 0),
    ("决算", "sichuan"): (4, 0, 0),
    ("决算", "shanghai"): (4, 0, 0),
    ("预算", "hunan"): (4, 0, 0),
    ("预算", "sichuan"): (4, 0, 0),
    ("预算", "shanghai"): (4, 1, 0),
    ("评价报告", "hunan"): (4, 0, 0),
    ("评价报告", "sichuan"): (4, 0, 0),
    ("评价报告", "shanghai"): (4, 0, 0),
    ("自评表", "hunan"): (4, 0, 0),
    ("自评表", "sichuan"): (4, 0, 0),
    ("自评表", "shanghai"): (4, 0, 0),
}  # of 4 planted errors each


@pytest.mark.parametrize(("kind", "template"), DOCS)
def test_slice(analysed, kind, template):
    results = [analysed[spec] for spec in slice_specs(kind, template)]
    assert not [r.error for r in results if r.error]
    found = sum(p[3] for r in results for p in r.planted)
    alarms = sum(len(r.false_alarms) for r in results)
    on_legitimate = sum(len(r.on_legitimate) for r in results)
    today_found, today_alarms, today_legitimate = SLICE_TODAY[(kind, template)]
    assert found >= today_found, [m for r in results for m in r.missed]
    assert alarms <= today_alarms, [(f.rule, f.message[:80]) for r in results for f in r.false_alarms]
    assert on_legitimate <= today_legitimate


# ------------------------------------------------------------------------------ the corpus run (-m corpus)

CORPUS = dict(n=360, seed=12, anomaly_rate=0.7, kinds=DOC_KINDS, templates=TEMPLATES, formats=FORMATS, per_doc=2)


@pytest.fixture(scope="module")
def corpus_results() -> list[DocResult]:
    with Pool(2) as pool:
        return pool.map(analyse_spec, corpus_specs(**CORPUS), chunksize=1)


@pytest.mark.corpus
def test_corpus_is_read(corpus_results):
    assert len(corpus_results) >= 300
    assert {(r.kind, r.template, r.fmt) for r in corpus_results} == {
        (k, t, f) for k in DOC_KINDS for t in TEMPLATES for f in FORMATS
    }
    assert [r.name for r in corpus_results if r.error] == []


@pytest.mark.corpus
@pytest.mark.parametrize("kind", DOC_KINDS)
def test_corpus_targets_per_kind(corpus_results, kind):
    f = figures(corpus_results, lambda r: r.kind)[kind]
    assert f.meets_targets(), vars(f)


@pytest.mark.corpus
@pytest.mark.parametrize("template", TEMPLATES)
def test_corpus_targets_per_template(corpus_results, template):
    f = figures(corpus_results, lambda r: r.template)[template]
    assert f.meets_targets(), vars(f)
