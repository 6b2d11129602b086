"""The corpus baseline the statistical rules judge a document against.

A ``Baseline`` is learned with ``Baseline.fit(documents)`` and stored as plain JSON
(``save`` / ``load``; no pickle, so a file can be read, diffed and trusted). It holds:

- ``rates`` (``RateModel``): what execution rates look like — an IsolationForest over
  (log rate, log amount, share of the document total, kind), rebuilt on load from the stored
  training sample with a fixed seed, its score threshold ``threshold_``, the rate band per kind
  ``band_`` and the robust spread ``scale_`` / ``z_threshold_`` used inside one document;
- ``text`` (``TextIndex``): how many documents share each normalised passage (goals,
  indicators, 偏差原因, problem sentences): passages most documents share are boilerplate, and in
  corpus mode where each passage was seen (to find one copied across departments or years);
- ``units`` (``UnitProfile``): how large an amount written in 元 gets in a 万元 document.

``CONTAMINATION`` — the share of clean observations expected to look abnormal — sets every
learned threshold, in this one place. The shipped default (``default_baseline.json``) is fitted
on clean generated documents by ``scripts/fit_baseline.py``; a folder scanned with
``audit-assist scan FOLDER`` (or ``--baseline FILE``) fits its own, inheriting from the default
whatever the folder has too little data for.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from statistics import median

import numpy as np

from models import Document

from .common import norm_text, project_groups
from .rates import KINDS, RateObservation, document_scale, rate_observations

CONTAMINATION = 0.01  # expected share of abnormal-looking clean observations: sets every threshold
VERSION = 1
DEFAULT_PATH = Path(__file__).with_name("default_baseline.json")
MIN_RATE_OBSERVATIONS = 30  # fewer rates than this and a corpus keeps the default rate model
MIN_RATE_SOURCES = 20  # … or fewer documents (distinct department × year) than this
MIN_TEXT_SOURCES = 5  # fewer documents than this and no passage is called boilerplate
BOILERPLATE_SHARE = 0.3  # a passage in at least this share of documents (and at least 3) is boilerplate
TRAINING_CAP = 1500  # rows of the training sample kept in the JSON


def _quantile(values: Sequence[float], q: float) -> float:
    return float(np.quantile(np.asarray(values, dtype=float), q))


# ------------------------------------------------------------------ execution rates


@dataclass
class RateModel:
    """Execution rates of a corpus. ``fit`` learns; ``score`` says how abnormal each rate is."""

    contamination: float = CONTAMINATION
    n_estimators: int = 200
    random_state: int = 0
    training_: list[list[float]] = field(default_factory=list)
    threshold_: float | None = None  # IsolationForest score above which a rate is abnormal
    band_: dict[str, tuple[float, float]] = field(default_factory=dict)  # kind → (low %, high %)
    scale_: float = 0.05  # robust spread (1.4826·MAD) of log rates across the corpus
    z_threshold_: float = 3.5  # robust z inside one document above which a rate is abnormal
    n_documents_: int = 0
    _forest: object = field(default=None, repr=False, compare=False)

    def fit(self, docs: Iterable[Document | DocProfile], prior: RateModel | None = None) -> RateModel:
        """Learn from ``docs``: one observation per distinct (source, kind, budget, executed), so a
        document scanned as PDF and as DOCX counts once. A kind with fewer than ten rates keeps
        ``prior``'s band. The bands are quantiles at ``contamination``/2 and 1 − ``contamination``/2,
        which a corpus's own few errors barely move (and a corpus of fewer than
        ``MIN_RATE_SOURCES`` documents is not used at all)."""
        per_doc: list[tuple[list[RateObservation], Decimal | None]] = []
        seen: set[tuple] = set()
        sources: set[str] = set()
        for p in profiles(docs):
            keep = []
            for o in p.rates:
                k = (p.source, o.kind, o.budget, o.executed)
                if k not in seen:
                    seen.add(k)
                    keep.append(o)
            if keep:
                sources.add(p.source)
                per_doc.append((keep, p.scale))
        rows = [o.features(scale) for obs, scale in per_doc for o in obs]
        if len(rows) < MIN_RATE_OBSERVATIONS or len(sources) < MIN_RATE_SOURCES:
            raise ValueError(f"too few execution rates to fit ({len(rows)} rates from {len(sources)} documents)")
        self.n_documents_ = len(sources)
        logs = [o.log_rate for obs, _ in per_doc for o in obs]
        med = median(logs)
        self.scale_ = round(max(1.4826 * median(abs(x - med) for x in logs), 0.01), 5)
        q = self.contamination / 2
        by_kind: dict[str, list[float]] = {}
        for obs, _ in per_doc:
            for o in obs:
                by_kind.setdefault(o.kind, []).append(o.log_rate)
        for kind in KINDS:
            values = by_kind.get(kind, [])
            if len(values) < 10:
                if prior is not None and kind in prior.band_:
                    self.band_[kind] = prior.band_[kind]
                continue
            lo, hi = _quantile(values, q), _quantile(values, 1 - q)
            self.band_[kind] = (round(100 * math.exp(lo), 2), round(100 * math.exp(hi), 2))
        zs = [abs(z) for obs, _ in per_doc for z in _robust_z(obs, self.scale_).values()]
        self.z_threshold_ = max(3.0, round(_quantile(zs, 1 - self.contamination), 2)) if zs else 3.5
        rng = np.random.default_rng(self.random_state)
        if len(rows) > TRAINING_CAP:
            idx = sorted(rng.choice(len(rows), TRAINING_CAP, replace=False).tolist())
            rows = [rows[i] for i in idx]
        self.training_ = [[round(v, 4) for v in r] for r in rows]
        self._forest = None
        raw = self._raw(np.asarray(self.training_))
        self.threshold_ = round(_quantile(raw.tolist(), 1 - self.contamination), 4)
        return self

    def forest(self):
        """The IsolationForest, rebuilt from the stored sample (same seed, same trees)."""
        if self._forest is None and self.training_:
            from sklearn.ensemble import IsolationForest

            self._forest = IsolationForest(
                n_estimators=self.n_estimators, contamination="auto", random_state=self.random_state
            ).fit(np.asarray(self.training_))
        return self._forest

    def _raw(self, X: np.ndarray) -> np.ndarray:
        forest = self.forest()
        if forest is None or len(X) == 0:
            return np.zeros(len(X))
        return -forest.score_samples(X)  # higher = more abnormal, in (0, 1)

    def score(self, obs: Sequence[RateObservation], scale: Decimal | None) -> list[float]:
        if not obs:
            return []
        return self._raw(np.asarray([o.features(scale) for o in obs])).tolist()

    def robust_z(self, obs: Sequence[RateObservation]) -> dict[int, float]:
        return _robust_z(obs, self.scale_)

    def to_json(self) -> dict:
        return {
            "contamination": self.contamination,
            "n_estimators": self.n_estimators,
            "random_state": self.random_state,
            "threshold_": self.threshold_,
            "band_": {k: list(v) for k, v in self.band_.items()},
            "scale_": round(self.scale_, 5),
            "z_threshold_": self.z_threshold_,
            "n_documents_": self.n_documents_,
            "training_": self.training_,
        }

    @classmethod
    def from_json(cls, data: dict) -> RateModel:
        return cls(
            contamination=data.get("contamination", CONTAMINATION),
            n_estimators=data.get("n_estimators", 200),
            random_state=data.get("random_state", 0),
            training_=data.get("training_", []),
            threshold_=data.get("threshold_"),
            band_={k: (float(v[0]), float(v[1])) for k, v in data.get("band_", {}).items()},
            scale_=data.get("scale_", 0.05),
            z_threshold_=data.get("z_threshold_", 3.5),
            n_documents_=data.get("n_documents_", 0),
        )


def _family(kind: str) -> str:
    return "money" if kind in ("project", "department") else kind


def _robust_z(obs: Sequence[RateObservation], floor: float | None) -> dict[int, float]:
    """Robust z of each log rate against the others of its family in the same document
    (median / MAD, the MAD floored at the corpus spread so identical peers do not divide by 0)."""
    out: dict[int, float] = {}
    fams: dict[str, list[int]] = {}
    for i, o in enumerate(obs):
        fams.setdefault(_family(o.kind), []).append(i)
    for idx in fams.values():
        if len(idx) < 3:
            continue
        logs = [obs[i].log_rate for i in idx]
        med = median(logs)
        mad = 1.4826 * median(abs(x - med) for x in logs)
        s = max(mad, floor or 0.0, 0.01)
        for i, x in zip(idx, logs):
            out[i] = (x - med) / s
    return out


# ------------------------------------------------------------------ text


def passage_key(text: str) -> str:
    """A passage as templates vary it: normalised, numbers and the level of government masked
    (全县 / 全区, 县级 / 区级, 21名 / 30名), so one template filled in twice is one passage."""
    t = norm_text(text)
    t = re.sub(r"\d+(?:\.\d+)?", "#", t)
    t = re.sub(r"全[县区市州省]", "全X", t)
    return re.sub(r"[县区市州省]级", "X级", t)


def passage_hash(text: str) -> str:
    return hashlib.blake2b(passage_key(text).encode("utf-8"), digest_size=8).hexdigest()


_PROBLEM = re.compile(r"问题|不足|改进|措施|建议|原因")
_SENTENCE_END = re.compile(r"(?<=[。！？；;])")


def project_passages(doc: Document) -> dict[str, set[str]]:
    """Hash → the distinct projects whose goals, indicators or 偏差原因 hold the passage."""
    out: dict[str, set[str]] = {}

    def add(text: str, who: str, min_len: int = 6) -> None:
        t = norm_text(text)
        if len(t) >= min_len and not re.fullmatch(r"[\d.%≥≤><=万元人次个年月日]+", t):
            out.setdefault(passage_hash(t), set()).add(who)

    for g in project_groups(doc):
        for p in g.members:
            add(p.goal_expected, g.key)
            add(p.goal_actual, g.key)
            for ind in p.indicators:
                add(ind.name, g.key, 4)
                add(ind.reason, g.key)
                if len(norm_text(ind.target)) >= 12:
                    add(ind.target, g.key)
    return out


def passages(doc: Document) -> dict[str, str]:
    """The document's comparable passages (hash → normalised text): project goals, indicator
    names and texts, 偏差原因, and narrative sentences about problems and remedies."""
    out: dict[str, str] = {}

    def add(text: str, min_len: int = 6) -> None:
        t = norm_text(text)
        if len(t) >= min_len and not re.fullmatch(r"[\d.%≥≤><=万元人次个年月日]+", t):
            out.setdefault(passage_hash(t), t)

    for g in project_groups(doc):
        for p in g.members:
            add(p.goal_expected)
            add(p.goal_actual)
            for ind in p.indicators:
                add(ind.name, 4)
                add(ind.reason)
                if len(norm_text(ind.target)) >= 12:
                    add(ind.target)
    for para in doc.paragraphs:
        for s in _SENTENCE_END.split(para.text):
            if _PROBLEM.search(s) and len(norm_text(s)) >= 15:
                add(s, 15)
    return out


def source_of(doc: Document) -> str:
    """Which publisher and year a document speaks for (its format and file name do not count)."""
    return f"{norm_text(doc.department) or doc.name.rsplit('.', 1)[0]}|{doc.year or ''}"


@dataclass
class TextIndex:
    """How documents (distinct department × year) share passages.

    ``boilerplate_``: passages in at least ``boilerplate_share`` of the documents — template text,
    never evidence of copying between documents. ``shared_``: passages that, where they occur,
    usually occur in several projects of one document (an indicator every project carries, such as
    满意度) — never evidence of copying between projects. ``seen_`` (corpus mode): where each passage
    found in two or more documents was seen.
    """

    boilerplate_share: float = BOILERPLATE_SHARE
    sources_: int = 0
    boilerplate_: set[str] = field(default_factory=set)
    shared_: set[str] = field(default_factory=set)
    seen_: dict[str, list[list[str]]] = field(default_factory=dict)  # hash → [[doc name, source], …]

    def fit(self, docs: Iterable[Document | DocProfile], keep_index: bool = True) -> TextIndex:
        by_hash: dict[str, dict[str, str]] = {}
        in_docs: dict[str, set[str]] = {}
        multi: dict[str, set[str]] = {}
        sources: set[str] = set()
        for p in profiles(docs):
            src = p.source
            sources.add(src)
            for h in p.passages:
                by_hash.setdefault(h, {}).setdefault(src, p.name)
            for h, projects in p.project_passages.items():
                in_docs.setdefault(h, set()).add(src)
                if projects >= 2:
                    multi.setdefault(h, set()).add(src)
        self.sources_ = len(sources)
        self.boilerplate_ = set()
        if self.sources_ >= MIN_TEXT_SOURCES:
            need = max(3, math.ceil(self.boilerplate_share * self.sources_))
            self.boilerplate_ = {h for h, s in by_hash.items() if len(s) >= need}
        self.shared_ = {h for h, s in multi.items() if len(s) >= 2 and len(s) >= self.boilerplate_share * len(in_docs[h])}
        self.seen_ = (
            {h: [[name, src] for src, name in sorted(s.items())] for h, s in by_hash.items() if len(s) >= 2} if keep_index else {}
        )
        return self

    def is_boilerplate(self, text: str) -> bool:
        return passage_hash(text) in self.boilerplate_

    def is_shared(self, text: str) -> bool:
        """Carried by several projects in most documents that carry it at all."""
        return passage_hash(text) in self.shared_

    def elsewhere(self, h: str, source: str) -> list[tuple[str, str]]:
        """Other documents (of another department or year) holding passage ``h``."""
        return [(name, src) for name, src in self.seen_.get(h, []) if src != source]

    def to_json(self) -> dict:
        return {
            "boilerplate_share": self.boilerplate_share,
            "sources_": self.sources_,
            "boilerplate_": sorted(self.boilerplate_),
            "shared_": sorted(self.shared_),
            "seen_": self.seen_,
        }

    @classmethod
    def from_json(cls, data: dict) -> TextIndex:
        return cls(
            boilerplate_share=data.get("boilerplate_share", BOILERPLATE_SHARE),
            sources_=data.get("sources_", 0),
            boilerplate_=set(data.get("boilerplate_", [])),
            shared_=set(data.get("shared_", [])),
            seen_={k: [list(x) for x in v] for k, v in data.get("seen_", {}).items()},
        )


# ------------------------------------------------------------------ units


@dataclass
class UnitProfile:
    """How large an amount printed in 元 gets in a document whose amounts are in 万元."""

    contamination: float = CONTAMINATION
    yuan_max_: float = 100000.0  # an amount in 元 above this, in a 万元 document, is suspect
    n_yuan_: int = 0

    def fit(self, docs: Iterable[Document | DocProfile]) -> UnitProfile:
        values = [float(v) for p in profiles(docs) for v in p.yuan]
        self.n_yuan_ = len(values)
        if len(values) >= 20:
            # the largest clean 元 amounts, with one order of magnitude of headroom
            self.yuan_max_ = max(10000.0, 10 * _quantile(values, 1 - self.contamination))
        return self

    def to_json(self) -> dict:
        return {"contamination": self.contamination, "yuan_max_": self.yuan_max_, "n_yuan_": self.n_yuan_}

    @classmethod
    def from_json(cls, data: dict) -> UnitProfile:
        return cls(data.get("contamination", CONTAMINATION), data.get("yuan_max_", 100000.0), data.get("n_yuan_", 0))


# ------------------------------------------------------------------ what fitting reads of a document


@dataclass
class DocProfile:
    """All that fitting a baseline reads of one document, small and plain (JSON), so that a batch
    scan can fit on a corpus without holding its documents: the rates, the passages and the
    amounts in 元 of a 万元 document."""

    name: str
    source: str
    rates: list[RateObservation] = field(default_factory=list)
    scale: Decimal | None = None
    passages: dict[str, str] = field(default_factory=dict)  # hash → normalised text
    project_passages: dict[str, int] = field(default_factory=dict)  # hash → how many projects hold it
    yuan: list[Decimal] = field(default_factory=list)

    @classmethod
    def of(cls, doc: Document) -> DocProfile:
        return cls(
            name=doc.name,
            source=source_of(doc),
            rates=[RateObservation(o.kind, o.subject, o.budget, o.executed) for o in rate_observations(doc)],
            scale=document_scale(doc),
            passages=passages(doc),
            project_passages={h: len(who) for h, who in project_passages(doc).items()},
            yuan=[
                f.value
                for f in doc.figures
                if doc.default_unit == "万元" and f.kind == "amount" and f.unit == "元" and f.value > 0
            ],
        )

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "source": self.source,
            "rates": [[o.kind, o.subject, str(o.budget), str(o.executed)] for o in self.rates],
            "scale": None if self.scale is None else str(self.scale),
            "passages": self.passages,
            "project_passages": self.project_passages,
            "yuan": [str(v) for v in self.yuan],
        }

    @classmethod
    def from_json(cls, data: dict) -> DocProfile:
        return cls(
            name=data["name"],
            source=data["source"],
            rates=[RateObservation(k, s, Decimal(b), Decimal(e)) for k, s, b, e in data.get("rates", [])],
            scale=None if data.get("scale") is None else Decimal(data["scale"]),
            passages=dict(data.get("passages", {})),
            project_passages={h: int(n) for h, n in data.get("project_passages", {}).items()},
            yuan=[Decimal(v) for v in data.get("yuan", [])],
        )


def profiles(docs: Iterable[Document | DocProfile]) -> list[DocProfile]:
    return [d if isinstance(d, DocProfile) else DocProfile.of(d) for d in docs]


# ------------------------------------------------------------------ baseline


@dataclass
class Baseline:
    rates: RateModel = field(default_factory=RateModel)
    text: TextIndex = field(default_factory=TextIndex)
    units: UnitProfile = field(default_factory=UnitProfile)
    documents: int = 0
    description: str = ""

    @classmethod
    def fit(
        cls,
        docs: Sequence[Document | DocProfile],
        prior: Baseline | None = None,
        description: str = "",
        keep_index: bool = True,
    ) -> Baseline:
        """Learn from ``docs`` (documents, or their ``DocProfile``); whatever they hold too little
        data for is taken from ``prior`` (the shipped default unless given). ``keep_index`` keeps
        where each passage was seen, for finding a passage copied from another document of the
        corpus (off for the default)."""
        prior = prior if prior is not None else default_baseline()
        docs = profiles(docs)
        try:
            rates = RateModel().fit(docs, prior=prior.rates)
        except ValueError:
            rates = prior.rates
        text = TextIndex().fit(docs, keep_index=keep_index)
        if text.sources_ < MIN_TEXT_SOURCES:
            text.boilerplate_ = set(prior.text.boilerplate_)
        # what the prior knows to be carried by every project stays so (满意度, 长效工作机制 …)
        text.shared_ |= prior.text.shared_
        units = UnitProfile().fit(docs)
        if units.n_yuan_ < 20:
            units = prior.units
        return cls(rates, text, units, len(docs), description)

    def to_json(self) -> dict:
        return {
            "version": VERSION,
            "description": self.description,
            "documents": self.documents,
            "rates": self.rates.to_json(),
            "text": self.text.to_json(),
            "units": self.units.to_json(),
        }

    @classmethod
    def from_json(cls, data: dict) -> Baseline:
        if data.get("version") != VERSION:
            raise ValueError(f"baseline version {data.get('version')} is not {VERSION}")
        return cls(
            RateModel.from_json(data.get("rates", {})),
            TextIndex.from_json(data.get("text", {})),
            UnitProfile.from_json(data.get("units", {})),
            data.get("documents", 0),
            data.get("description", ""),
        )

    def digest(self) -> str:
        """Identifies what the baseline would judge: analyses made under equal digests agree."""
        return hashlib.sha256(json.dumps(self.to_json(), sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_json(), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> Baseline:
        return cls.from_json(json.loads(Path(path).read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def default_baseline() -> Baseline:
    """The shipped baseline (fitted on clean generated documents); an unfitted one if missing."""
    if DEFAULT_PATH.exists():
        return Baseline.load(DEFAULT_PATH)
    return Baseline(description="unfitted")


# ------------------------------------------------------------------ the baseline in use

_ACTIVE: ContextVar[Baseline | None] = ContextVar("audit_assist_stats_baseline", default=None)


def active_baseline() -> Baseline:
    """The corpus baseline set by ``using_baseline`` (corpus mode), else the shipped default."""
    return _ACTIVE.get() or default_baseline()


@contextmanager
def using_baseline(baseline: Baseline | None) -> Iterator[Baseline | None]:
    """Run the statistical rules against ``baseline`` inside the block (None: the default)."""
    token = _ACTIVE.set(baseline)
    try:
        yield baseline
    finally:
        _ACTIVE.reset(token)
