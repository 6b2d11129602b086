"""What the statistical rules (STA00x) share: text normalisation, evidence for narrative
figures and performance-table rows, projects grouped across the tables that restate them, and
the "same digits, different power of ten" arithmetic."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from extract.numbers import half_ulp
from models import Document, Evidence, Figure, Paragraph, Project

# Punctuation and spacing that converters add or drop: ignored when comparing texts.
_PUNCT = re.compile(r"[\s,，.。;；:：、!！?？\"'“”‘’()（）\[\]【】<>《》\-—_/\\|·…]+")


def norm_text(text: str) -> str:
    """A text for comparison: NFKC forms, no spacing or punctuation."""
    return _PUNCT.sub("", unicodedata.normalize("NFKC", text or ""))


def clip(text: str, n: int = 30) -> str:
    """A text shortened for a message (normalised, so every format gives the same message)."""
    t = norm_text(text)
    return t if len(t) <= n else t[: n - 1] + "…"


def figure_evidence(f: Figure, role: str = "stated") -> Evidence:
    return Evidence(text=f.sentence or f.text, page=f.page, bbox=f.bbox, role=role)


def paragraph_evidence(p: Paragraph, role: str = "stated", start: int = 0, end: int | None = None) -> Evidence:
    text = p.text if end is None else p.text[start:end]
    bbox = p.span_bbox(start, end) if end is not None else p.bbox
    return Evidence(text=text.strip(), page=p.page_at(start), bbox=bbox, role=role)


def dedupe_evidence(evidence: Iterable[Evidence | None], limit: int = 8) -> list[Evidence]:
    out: list[Evidence] = []
    seen: set[tuple] = set()
    for e in evidence:
        if e is None:
            continue
        k = (e.table, e.row) if e.table and e.row is not None else (norm_text(e.text),)
        if k in seen:
            continue
        seen.add(k)
        out.append(e)
        if len(out) >= limit:
            break
    return out


# ---------------------------------------------------------------- projects


_YEAR = re.compile(r"^\d{4}\s*年?度?")


def project_key(name: str) -> str:
    return norm_text(name)


@dataclass
class ProjectGroup:
    """One project as every table that restates it shows it (001 prints each project twice)."""

    key: str
    name: str
    members: list[Project] = field(default_factory=list)

    @property
    def first(self) -> Project:
        return self.members[0]

    @property
    def scope(self) -> str:
        return self.first.scope


def project_groups(doc: Document) -> list[ProjectGroup]:
    groups: dict[str, ProjectGroup] = {}
    for p in doc.projects:
        if not p.name:
            continue
        k = project_key(p.name)
        g = groups.get(k)
        if g is None:
            g = groups[k] = ProjectGroup(k, norm_text(p.name))
        g.members.append(p)
    return list(groups.values())


# Words every project name uses: they say nothing about what the project is for.
GENERIC_NAME_WORDS = (
    "资金",
    "项目",
    "专项",
    "经费",
    "补助",
    "补贴",
    "财政",
    "中央",
    "省级",
    "市级",
    "县级",
    "区级",
    "本级",
    "年度",
    "配套",
    "工作",
    "支出",
    "相关",
    "及",
    "和",
    "的",
)


def subject_bigrams(name: str) -> set[str]:
    """The character bigrams of a project name once years and generic words are taken off."""
    t = _YEAR.sub("", norm_text(name))
    t = re.sub(r"\d+", "", t)
    for w in GENERIC_NAME_WORDS:
        t = t.replace(w, " ")
    out: set[str] = set()
    for part in t.split():
        out.update(part[i : i + 2] for i in range(len(part) - 1))
    return out


# ---------------------------------------------------------------- powers of ten


def significant_digits(v: Decimal) -> int:
    """36.5 → 3, 4000 → 1, 10.44 → 4: how much a coincidence of two values would take."""
    digits = "".join(map(str, abs(v).normalize().as_tuple().digits)).strip("0")
    return len(digits)


def power_of_ten_shift(a: Decimal, b: Decimal, max_k: int = 4) -> int:
    """k ≠ 0 when a = b·10^k with the same printed digits (|k| ≤ max_k), else 0.

    A shifted decimal point keeps the digits: 36.5 → 365. The tolerance is the rounding of the
    larger printed value only (365 vs 36.50, 1324.9 vs 132.49), not the smaller one's rounding
    multiplied up, which would let 1.32 "match" anything from 1315 to 1325."""
    if not a or not b or (a < 0) != (b < 0):
        return 0
    a, b = abs(a), abs(b)
    for k in range(1, max_k + 1):
        f = Decimal(10) ** k
        for big, small, sign in ((a, b, 1), (b, a, -1)):
            if abs(big - small * f) <= half_ulp(big):
                return sign * k
    return 0


def pct(v: Decimal | float) -> Decimal:
    """A rate in % rounded as the documents print it."""
    return Decimal(str(v)).quantize(Decimal("0.01"))
