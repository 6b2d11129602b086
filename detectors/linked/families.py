"""Families of documents: a department and its units, a budget and its final account, one year and
the next — found from each document's own text (the body it names, its type, year and level).

A document is known by an ``Identity`` (small and plain, stored with its extraction so that a batch
can group thousands of documents without reading them again). Two identities are linked when:

- **部门 ↔ 单位**: the same year and type, one a department's disclosure and the other a unit's,
  and the unit is the department's own (the same body: its 本级/本部 budget) or one the
  department's text names among its units;
- **预算 ↔ 决算**: the same body and year, one the 部门预算 and the other the 部门决算;
- **上年 ↔ 本年**: the same body, type and level, years N and N+1.

Two identities of the same body, type, year and level are the same disclosure (another format or
copy), not a family. The user may link or unlink two documents by hand; that decision wins.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from extract.numbers import normalize_label
from models import Document

DEPT_UNIT, BUDGET_FINAL, YEARS, MANUAL = "dept_unit", "budget_final", "years", "manual"
LINK_LABELS = {DEPT_UNIT: "部门与单位", BUDGET_FINAL: "预算与决算", YEARS: "上年与本年", MANUAL: "手工关联"}

# "纳入…编制范围的单位包括" / "下属…" lists: the names of bodies a department's text lists
_BODY = re.compile(r"[\u4e00-\u9fff（）()]{4,40}?(?:中心|大队|支队|所|站|院|馆|队|办公室|办事处|委员会|局|部|处)")


@dataclass(frozen=True)
class Identity:
    name: str  # the file name
    sha256: str
    org: str  # the body the document is about, as it names itself (normalised)
    year: int | None
    doc_type: str  # 部门预算 | 部门决算 | …
    level: str  # 部门 | 单位 | ""
    bodies: tuple[str, ...] = ()  # bodies a department's text names (its units), normalised

    @classmethod
    def of(cls, doc: Document) -> Identity:
        bodies: list[str] = []
        if doc.level == "部门":
            for p in doc.paragraphs[:120]:
                bodies.extend(normalize_label(m.group(0)) for m in _BODY.finditer(p.text))
            # a name a PDF's line broke in two ("…、静安" | "区卫健综合行政执法大队") is whole in the text read on
            joined = "".join(p.text for p in doc.paragraphs[:120])
            bodies.extend(normalize_label(m.group(0)) for m in _BODY.finditer(joined))
            for t in doc.tables:
                for r in t.rows:
                    bodies.extend(normalize_label(m.group(0)) for c in r.cells for m in _BODY.finditer(c.text))
        org = normalize_label(doc.department)
        return cls(
            doc.name,
            doc.sha256,
            org,
            doc.year,
            doc.doc_type,
            doc.level,
            tuple(sorted({b for b in bodies if b != org and len(b) >= 6})),
        )

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> Identity:
        return cls(**{**data, "bodies": tuple(data.get("bodies", ()))})

    @property
    def usable(self) -> bool:
        return bool(self.org) and self.year is not None and self.doc_type in ("部门预算", "部门决算")

    def describe(self) -> str:
        return f"{self.org} {self.year}年{'单位' if self.level == '单位' else ''}{self.doc_type.removeprefix('部门')}"


@dataclass(frozen=True)
class Link:
    a: Identity
    b: Identity
    kind: str
    reason: str  # why, in the user's words


@dataclass
class Family:
    members: list[Identity]
    links: list[Link] = field(default_factory=list)

    @property
    def key(self) -> str:
        """Stable for the same members (their contents), whatever order they were found in."""
        return "|".join(sorted(f"{m.sha256}:{m.name}" for m in self.members))

    @property
    def title(self) -> str:
        orgs = sorted({m.org for m in self.members}, key=len)
        return orgs[0] if orgs else ""


def same_disclosure(a: Identity, b: Identity) -> bool:
    return (a.org, a.year, a.doc_type, a.level) == (b.org, b.year, b.doc_type, b.level)


def link_of(a: Identity, b: Identity) -> Link | None:
    """The relation the two documents' own texts establish, if any."""
    if not (a.usable and b.usable) or same_disclosure(a, b):
        return None
    if a.year == b.year and a.doc_type == b.doc_type and {a.level, b.level} == {"部门", "单位"}:
        dept, unit = (a, b) if a.level == "部门" else (b, a)
        if unit.org == dept.org:
            return Link(
                dept, unit, DEPT_UNIT, f"同为{dept.org} {dept.year}年{dept.doc_type.removeprefix('部门')}：部门与本级单位"
            )
        if unit.org in dept.bodies:
            return Link(dept, unit, DEPT_UNIT, f"{dept.org}的文件列明下属单位“{unit.org}”")
        return None
    if a.org != b.org or a.level != b.level:
        return None
    if a.year == b.year and {a.doc_type, b.doc_type} == {"部门预算", "部门决算"}:
        budget, final = (a, b) if a.doc_type == "部门预算" else (b, a)
        return Link(budget, final, BUDGET_FINAL, f"同为{a.org} {a.year}年：预算与决算")
    if a.doc_type == b.doc_type and abs(a.year - b.year) == 1:
        earlier, later = (a, b) if a.year < b.year else (b, a)
        return Link(earlier, later, YEARS, f"同为{a.org}的{a.doc_type}：{earlier.year}年与{later.year}年")
    return None


def group(identities: list[Identity], manual: dict[frozenset[str], bool] | None = None) -> list[Family]:
    """The families (two documents or more) among ``identities``: their links, the hand-made ones
    (``manual``: the two sha256 → True linked, False unlinked) taking precedence."""
    manual = manual or {}
    links: list[Link] = []
    for i, a in enumerate(identities):
        for b in identities[i + 1 :]:
            decided = manual.get(frozenset((a.sha256, b.sha256)))
            if decided is False:
                continue
            link = link_of(a, b)
            if link is None and decided:
                link = Link(a, b, MANUAL, "由复核人员手工关联")
            if link is not None:
                links.append(link)
    parent = {m.sha256 + m.name: m.sha256 + m.name for m in identities}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for link in links:
        parent[root(link.a.sha256 + link.a.name)] = root(link.b.sha256 + link.b.name)
    groups: dict[str, Family] = {}
    for m in identities:
        groups.setdefault(root(m.sha256 + m.name), Family([])).members.append(m)
    for link in links:
        groups[root(link.a.sha256 + link.a.name)].links.append(link)
    return [f for f in groups.values() if len(f.members) >= 2]
