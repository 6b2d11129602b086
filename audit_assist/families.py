"""Families of documents read together (``detectors.linked``): which documents of a scan or of
the results store belong together, the findings their rules give on them, and the links users
made or undid by hand.

The families are found from each document's stored identity (the body it names, its type, year
and level), so that grouping thousands of documents needs no document read again; only the
members of a family are unpacked to be checked. The findings of a family are stored under its
members (their contents) and the version of the linked rules: a change to any member, or to a
rule, makes them stale, and they are derived again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Boolean, Column, DateTime, Engine, MetaData, String, Table, Text, delete, insert, select

from detectors.linked.families import Family, Identity, group
from models import Document, Finding

from .results import ResultStore, code_digest, unpack_document
from .store import make_engine

metadata = MetaData()

family_links = Table(
    "family_links",
    metadata,
    Column("sha_a", String(64), primary_key=True),  # the two contents, in sorted order
    Column("sha_b", String(64), primary_key=True),
    Column("linked", Boolean, nullable=False),  # True: linked by hand; False: unlinked by hand
    Column("reviewer", String(120), nullable=False, default=""),
    Column("changed_at", DateTime, nullable=False),
)

family_findings = Table(
    "family_findings",
    metadata,
    Column("family", String(64), primary_key=True),  # a digest of the members and the rules' version
    Column("findings", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
)


def rules_version() -> str:
    from detectors.registry import LINKED

    versions = ",".join(f"{cls.code}.{cls.version}" for cls in LINKED)
    return hashlib.sha256(f"{versions}|{code_digest('detectors', 'models')}".encode()).hexdigest()[:16]


class FamilyStore:
    """The hand-made links and the stored findings of families (SQLite or PostgreSQL, the same
    database as the review decisions and the results store)."""

    def __init__(self, url_or_engine: str | Engine | None = None):
        self.engine = make_engine(url_or_engine)
        metadata.create_all(self.engine)

    def manual(self) -> dict[frozenset[str], bool]:
        with self.engine.connect() as conn:
            return {frozenset((r.sha_a, r.sha_b)): r.linked for r in conn.execute(select(family_links))}

    def set_link(self, sha_a: str, sha_b: str, linked: bool, reviewer: str = "") -> None:
        a, b = sorted((sha_a, sha_b))
        with self.engine.begin() as conn:
            conn.execute(delete(family_links).where(family_links.c.sha_a == a, family_links.c.sha_b == b))
            conn.execute(
                insert(family_links).values(sha_a=a, sha_b=b, linked=linked, reviewer=reviewer, changed_at=datetime.now(UTC))
            )

    def findings(self, family: Family) -> list[dict[str, Any]] | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(family_findings.c.findings).where(family_findings.c.family == _key(family))).first()
        return None if row is None else json.loads(row.findings)

    def put_findings(self, family: Family, rows: list[dict[str, Any]]) -> None:
        key = _key(family)
        with self.engine.begin() as conn:
            conn.execute(delete(family_findings).where(family_findings.c.family == key))
            conn.execute(
                insert(family_findings).values(
                    family=key, findings=json.dumps(rows, ensure_ascii=False), created_at=datetime.now(UTC)
                )
            )


def _key(family: Family) -> str:
    return hashlib.sha256(f"{family.key}|{rules_version()}".encode()).hexdigest()[:64]


@dataclass
class FamilyResult:
    families: list[Family] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)  # the linked findings, contract rows
    reused: int = 0  # families whose findings came from the store
    findings: list[Finding] = field(default_factory=list)  # the findings themselves, when derived here


def check_family(family: Family, docs: dict[str, Document]) -> list[Finding]:
    """The linked rules on one family, ranked, with their fingerprints."""
    from detectors.ranking import rank
    from detectors.registry import linked_rules

    found: list[Finding] = []
    for rule in linked_rules():
        found.extend(rule.check_family(family, docs))
    for f in found:
        f.make_fingerprint()
    return rank(found)


def analyse_families(docs: Iterable[Document], manual: dict[frozenset[str], bool] | None = None) -> FamilyResult:
    """Families among documents already read (an upload, a test), and their linked findings."""
    by_name = {d.name: d for d in docs}
    families = group([Identity.of(d) for d in by_name.values()], manual)
    found = sorted((f for family in families for f in check_family(family, by_name)), key=lambda f: -f.score)
    return FamilyResult(families, [f.to_json() for f in found], findings=found)


def link_stored(
    results: ResultStore, files: list[tuple[str, str]], *, include_store: bool = True, families_store: FamilyStore | None = None
) -> FamilyResult:
    """The families the scanned ``files`` ((sha256, name)) belong to — among themselves and, with
    ``include_store``, with the documents read before into the results store — and their linked
    findings: stored ones reused, the others derived from the stored documents and stored."""
    families_store = families_store or FamilyStore(results.engine)
    identities = _identities(results, files, include_store)
    scanned = {sha for sha, _ in files}
    out = FamilyResult()
    for family in group(identities, families_store.manual()):
        if not any(m.sha256 in scanned for m in family.members):
            continue
        out.families.append(family)
        rows = families_store.findings(family)
        if rows is not None:
            out.reused += 1
        else:
            docs = {}
            for m in family.members:
                e = results.extraction(m.sha256, with_document=True)
                if e is not None and e.document is not None:
                    docs[m.name] = unpack_document(e.document, m.name, e.path)
            rows = [f.to_json() for f in check_family(family, docs)]
            families_store.put_findings(family, rows)
        out.rows.extend(rows)
    out.rows.sort(key=lambda r: -r["score"])
    return out


def _identities(results: ResultStore, files: list[tuple[str, str]], include_store: bool) -> list[Identity]:
    wanted = dict(files)
    stored = results.extracted(list(wanted))
    if include_store:
        # a file read again after it changed is its newest content only
        seen_paths = {e.path for e in stored.values() if e.path}
        for item in results.catalogue():  # newest first
            if item["sha256"] in wanted or item["error"] or (item["path"] and item["path"] in seen_paths):
                continue
            wanted[item["sha256"]] = item["name"]
            if item["path"]:
                seen_paths.add(item["path"])
        stored.update(results.extracted([sha for sha in wanted if sha not in stored]))
    out = []
    for sha, name in wanted.items():
        e = stored.get(sha)
        if e is None or e.error or not e.profile or "identity" not in e.profile:
            continue
        identity = Identity.from_json(e.profile["identity"])
        out.append(Identity(name, sha, identity.org, identity.year, identity.doc_type, identity.level, identity.bodies))
    return out
