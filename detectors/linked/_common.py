"""What the rules over families of documents share: the rule interface, evidence from the other
document, and one quantity read from a document's tables (or, failing that, its text)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from decimal import Decimal

from models import Amount, Document, Evidence, Figure, Finding

from ..base import Rule, figure_evidence, row_evidence
from ..linking import Keyed, figure_keys, table_value
from .families import Family, Link


class LinkedRule(Rule):
    """A rule over two documents of a family. ``check_link`` yields findings on one of them
    (``Finding.doc``), whose evidence from the other document names it (``Evidence.doc``)."""

    kinds: tuple[str, ...] = ()  # the link kinds it reads

    def check(self, doc: Document) -> Iterable[Finding]:  # one document alone: nothing to compare
        return ()

    def check_family(self, family: Family, docs: dict[str, Document]) -> Iterable[Finding]:
        for link in family.links:
            if link.kind not in self.kinds:
                continue
            a, b = docs.get(link.a.name), docs.get(link.b.name)
            if a is None or b is None:
                continue
            for f in self.check_link(link, a, b):
                f.key = f"{f.key}|{_stem(a.name if f.doc == b.name else b.name)}"
                yield f

    def check_link(self, link: Link, a: Document, b: Document) -> Iterable[Finding]:  # pragma: no cover
        raise NotImplementedError

    def on(self, doc: Document, finding: Finding) -> Finding:
        finding.doc = doc.name
        return finding


def _stem(name: str) -> str:
    return name.rsplit(".", 1)[0]


def elsewhere(ev: Evidence, doc: Document) -> Evidence:
    """A piece of evidence from the other document of the finding."""
    return dataclasses.replace(ev, doc=doc.name)


@dataclasses.dataclass
class Stated:
    """One quantity as a document states it: its amount and where."""

    amount: Amount
    evidence: Evidence
    exact: bool  # read from a table cell (as printed there) rather than rounded in the text


def quantity(doc: Document, key: str, when: str = "final", keyed: list[Keyed] | None = None) -> Stated | None:
    """A quantity (a ``linking`` key: "income_total", "code:2011301", "three_public" …) as the
    document states it: its table cell when it has one, else the first text figure about it."""
    cell = table_value(doc, key, when)
    if cell is not None:
        return Stated(cell.amount, row_evidence(cell.table, cell.row, "expected", [cell.col]), True)
    for k in keyed if keyed is not None else figure_keys(doc):
        # a budget's amounts are all budgets, whatever word the sentence uses
        if k.key == key and (k.when == when or doc.doc_type == "部门预算") and k.figure.amount is not None:
            return Stated(k.figure.amount, figure_evidence(doc, k.figure, "expected"), False)
    return None


_COMPARED = re.compile(r"(?:比|较|与|同)\s*(?:(20\d{2})\s*年|上年)")


def compared_year(f: Figure, year: int | None = None) -> int | None:
    """The year a change figure compares with ("比2024年预算减少…"; "较上年预算…" in a document of
    ``year``: the year before), from its own clause."""
    m = _COMPARED.search(f.subject) or _COMPARED.search(f.sentence)
    if m is None:
        return None
    if m.group(1):
        return int(m.group(1))
    return year - 1 if year is not None else None


def previous_of(current: Decimal, change: Figure) -> Decimal:
    return current - change.direction * change.amount_wan
