"""Scoring the product's findings on generated documents: which planted errors it found at their
place and in their category, which of its high/medium findings point at no planted error, and
which land on a legitimate irregularity. Used by tests/test_detection.py and
benchmarks/detection_corpus.py.

A finding is at a place when its evidence (or message) holds the place's needle, whitespace
ignored (a PDF's wrapped lines and a table's tabs come out differently) and numbers compared as
numbers (a workbook's cell holds 282900 where the text version prints 282,900.00), or when one of its
evidence texts of some length is a part of the needle (a finding that quotes a clause of the
sentence, one half of a two-sided row).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from models import Finding
from support.generator import GeneratedDoc, generate

HIGH_MEDIUM = ("high", "medium")
NEEDLE_PREFIX = 30  # characters of a needle that must appear in the evidence
MIN_PART = 8  # an evidence text this long or longer may be a part of the needle


_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+")


def squash(text: str) -> str:
    """The text without whitespace, its numbers without thousands separators or trailing zeros
    (numbers first: a row's cells glued together would read as one number)."""
    return re.sub(r"\s+", "", _NUMBER.sub(_plain_number, text))


def _plain_number(m: re.Match) -> str:
    number = m.group().replace(",", "")
    return number.rstrip("0").rstrip(".") if "." in number else number


def at(finding: Finding, needle: str) -> bool:
    n = squash(needle)
    texts = [squash(e.text) for e in finding.evidence] + [squash(finding.message)]
    return any(n[:NEEDLE_PREFIX] in t for t in texts) or any(len(t) >= MIN_PART and t in n for t in texts[:-1])


@dataclass
class DocResult:
    """One document's scoring."""

    name: str
    kind: str
    template: str
    fmt: str
    planted: list[tuple[str, str, bool, bool, bool]] = field(
        default_factory=list
    )  # (kind, category, material, found, found high/medium)
    high_medium: int = 0  # high/medium findings
    false_alarms: list[Finding] = field(default_factory=list)  # high/medium findings at no planted error
    on_legitimate: list[tuple[str, Finding]] = field(default_factory=list)  # (legitimate kind, finding)
    missed: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, description, needle)
    error: str = ""  # the document could not be read

    @property
    def clean(self) -> bool:
        return not self.planted


def score(g: GeneratedDoc, findings: Sequence[Finding]) -> DocResult:
    r = DocResult(g.name, g.kind, g.template, g.fmt)
    visible = [f for f in findings if f.severity.value != "info"]
    for inj in g.injections:
        hits = [f for f in visible if f.category == inj.category and at(f, inj.needle)]
        found_hm = any(f.severity.value in HIGH_MEDIUM for f in hits)
        r.planted.append((inj.kind, inj.category, inj.material, bool(hits), found_hm))
        if not hits:
            r.missed.append((inj.kind, inj.description, inj.needle))
    for f in findings:
        if f.severity.value not in HIGH_MEDIUM:
            continue
        r.high_medium += 1
        if any(at(f, inj.needle) for inj in g.injections):
            continue
        r.false_alarms.append(f)
        legit = next((lg for lg in g.legitimate if at(f, lg.needle)), None)
        if legit is not None:
            r.on_legitimate.append((legit.kind, f))
    return r


@dataclass
class Figures:
    """The four figures of the issue over a group of documents."""

    documents: int = 0
    clean: int = 0
    planted: int = 0
    found: int = 0
    material: int = 0
    material_found_high_medium: int = 0
    high_medium: int = 0
    false_alarms: int = 0
    false_alarms_clean: int = 0
    on_legitimate: int = 0
    unreadable: int = 0

    def add(self, r: DocResult) -> None:
        self.documents += 1
        self.unreadable += bool(r.error)
        self.clean += r.clean
        self.planted += len(r.planted)
        self.found += sum(1 for p in r.planted if p[3])
        self.material += sum(1 for p in r.planted if p[2])
        self.material_found_high_medium += sum(1 for p in r.planted if p[2] and p[4])
        self.high_medium += r.high_medium
        self.false_alarms += len(r.false_alarms)
        self.false_alarms_clean += len(r.false_alarms) if r.clean else 0
        self.on_legitimate += len(r.on_legitimate)

    @property
    def recall(self) -> float | None:
        return self.found / self.planted if self.planted else None

    @property
    def precision(self) -> float | None:
        return (self.high_medium - self.false_alarms) / self.high_medium if self.high_medium else None

    @property
    def per_clean(self) -> float | None:
        return self.false_alarms_clean / self.clean if self.clean else None

    def meets_targets(self) -> bool:
        """The targets of issue 12: recall ≥ 0.95 of planted errors at their place and category,
        precision ≥ 0.95 of high/medium findings, fewer than 0.1 high/medium findings per clean
        document, none on a legitimate irregularity."""
        return (
            (self.recall is None or self.recall >= 0.95)
            and (self.precision is None or self.precision >= 0.95)
            and (self.per_clean is None or self.per_clean < 0.1)
            and self.on_legitimate == 0
        )


def figures(results: Iterable[DocResult], key=lambda r: "all") -> dict[str, Figures]:
    out: dict[str, Figures] = {}
    for r in results:
        out.setdefault(key(r), Figures()).add(r)
    return out


def worst(results: Sequence[DocResult], n: int = 15) -> tuple[list, list, Counter, Counter]:
    """The most frequent misses (by injection kind and template) and false alarms (by rule and
    category), with an example of each."""
    misses: Counter = Counter()
    miss_example: dict = {}
    for r in results:
        for kind, description, needle in r.missed:
            key = (kind, r.kind, r.template)
            misses[key] += 1
            miss_example.setdefault(key, (r.name, description, needle))
    alarms: Counter = Counter()
    alarm_example: dict = {}
    for r in results:
        for f in r.false_alarms:
            key = (f.rule, f.category, r.kind, r.template)
            alarms[key] += 1
            alarm_example.setdefault(key, (r.name, f.message))
    legit = Counter((kind, f.rule) for r in results for kind, f in r.on_legitimate)
    by_rule = Counter(f.rule for r in results for f in r.false_alarms)
    return (
        [(k, c, miss_example[k]) for k, c in misses.most_common(n)],
        [(k, c, alarm_example[k]) for k, c in alarms.most_common(n)],
        legit,
        by_rule,
    )


def analyse_spec(spec: tuple) -> DocResult:
    """Generate one document of ``corpus_specs`` (two planted errors that cannot share it fall back
    to the first), read it with the product and score its findings."""
    from audit_assist.pipeline import analyse_document
    from extract import ExtractionError, load_bytes

    seed, injections, kind, template, fmt = spec
    try:
        g = generate(seed, injections, kind=kind, template=template, fmt=fmt)
    except (RuntimeError, ValueError):
        g = generate(seed, injections[:1], kind=kind, template=template, fmt=fmt)
    try:
        findings = analyse_document(load_bytes(g.data, g.name)).findings
    except ExtractionError as exc:
        r = score(g, [])
        r.error = exc.reason
        return r
    return score(g, findings)
