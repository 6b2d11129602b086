"""What every rule shares: its identity, its documentation, and the rounding arithmetic.

A rule is a class with a stable ``code`` (never reused), a Chinese ``title``, a ``category`` and a
default ``severity``; its docstring has the sections *What it checks* / *Why an auditor cares* /
*Fails* / *Passes*, which the app's 规则 page shows. ``check(doc)`` yields findings.

A rule whose cases an auditor counts (each identity of the tables, each figure against its cell)
defines ``cases(doc)`` instead: every case it checked, passed, failed or not applicable, a failed
one with its finding. Its ``check`` is derived from them, so the findings and the count of what was
verified come from one pass over the document (the coverage record, ``audit_assist.coverage``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from models import Document, Evidence, Figure, Finding, Row, Severity, Table
from models.amount import MONEY_UNITS, Amount, format_amount, radius

PASSED, FAILED, NOT_APPLICABLE = "passed", "failed", "not_applicable"


@dataclass
class Case:
    """One thing a rule checked: an identity on one row and column, a figure against its cell.

    ``not_applicable``: the rule looked at it and could not apply (nothing printed on either side,
    a row left to another rule). A case that holds only within the rounding of the printed values
    is ``passed`` with ``rounding`` set (and the rounding note as its finding, where the rule
    reports one)."""

    check: str  # what was checked, in the auditor's words: "类 = Σ款"
    status: str  # passed | failed | not_applicable
    where: Evidence | None = None  # what was compared: the total's row and columns, the sentence
    finding: Finding | None = None  # a failed case's finding; a passed case's rounding note
    rounding: bool = False
    figure: Figure | None = None  # the narrative figure compared, for the checks of the text


def case_findings(cases: Iterable[Case]) -> list[Finding]:
    """The findings of these cases, each once (cases failing for one cause share its finding),
    in the order the rule met them."""
    seen: set[int] = set()
    out = []
    for case in cases:
        if case.finding is not None and id(case.finding) not in seen:
            seen.add(id(case.finding))
            out.append(case.finding)
    return out


class Rule:
    code: ClassVar[str]
    title: ClassVar[str]
    category: ClassVar[str]
    severity: ClassVar[Severity] = Severity.medium
    version: ClassVar[int] = 1
    # The docstring in Chinese, for the app's 规则 page: a one-line summary, then 检查内容 /
    # 为什么重要 / 不通过 / 通过 (tests/test_rule_docs.py fails for a rule without them)
    doc_zh: ClassVar[str] = ""

    def check(self, doc: Document) -> Iterable[Finding]:
        """The findings; for a rule that enumerates its cases, those of its cases."""
        if not self.enumerates_cases():
            raise NotImplementedError
        return case_findings(self.cases(doc))

    def cases(self, doc: Document) -> Iterable[Case]:
        """Every case the rule checked (optional: rules whose cases an auditor counts)."""
        raise NotImplementedError

    @classmethod
    def enumerates_cases(cls) -> bool:
        return cls.cases is not Rule.cases

    def outcome(self, check: str, where: Evidence | None, finding: Finding, figure: Figure | None = None) -> Case:
        """The case of a comparison that did not hold exactly, from its finding: passed with
        rounding when the finding is the rounding note, failed otherwise."""
        rounding = finding.category == "rounding"
        return Case(check, PASSED if rounding else FAILED, where, finding, rounding, figure)

    def finding(
        self,
        message: str,
        evidence: Sequence[Evidence],
        *,
        key: str,
        values: dict | None = None,
        severity: Severity | None = None,
        category: str | None = None,
        confidence: float = 0.95,
        materiality: float = 0.0,
        anomaly: float = 0.0,
        title: str | None = None,
    ) -> Finding:
        return Finding(
            rule=self.code,
            category=category or self.category,
            severity=severity or self.severity,
            title=title or self.title,
            message=message,
            evidence=list(evidence),
            values={k: v for k, v in (values or {}).items() if v is not None},
            confidence=confidence,
            materiality=materiality,
            anomaly=anomaly,
            key=key,
        )

    def rounding_note(self, message: str, evidence: Sequence[Evidence], *, key: str, values: dict, title: str) -> Finding:
        """The info-level note for printed figures that cannot all be right but differ only by
        what the rounding of the printed values allows (category ``rounding``)."""
        return self.finding(
            message + "（在尾数误差范围内）",
            evidence,
            key=key,
            values=values,
            severity=Severity.info,
            category="rounding",
            title=title,
        )

    def balance_finding(
        self,
        bal: Balance,
        message: str,
        evidence: Sequence[Evidence],
        *,
        key: str,
        values: dict,
        scale,
        rounding_title: str,
        explained_by: tuple[str, Decimal] | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        """The finding for a total that does not balance — or, when the difference is inside the
        rounding of the printed values, the info-level rounding note.

        ``explained_by`` ("结转结余", amount): a difference no larger than that amount (up to the
        rounding of the printed values) may be legitimate, so it is shown at info level with half
        the confidence instead. ``severity``
        overrides the rule's default for the broken case (rules that grade by size).
        """
        if bal.rounding:
            return self.rounding_note(message, evidence, key=key, values=values, title=rounding_title)
        if explained_by is not None and explained_by[1] and abs(bal.difference_wan) <= explained_by[1] + bal.tolerance_wan:
            what, amount = explained_by
            return self.finding(
                message
                + f"（差额不超过{what} {fmt(amount)} 万元{'（计尾数误差）' if abs(bal.difference_wan) > amount else ''}，可由{what}解释）",
                evidence,
                key=key,
                values=values,
                severity=Severity.info,
                confidence=0.5,
            )
        return self.finding(
            message, evidence, key=key, values=values, severity=severity, materiality=materiality(bal.difference_wan, scale)
        )

    @classmethod
    def doc_sections(cls) -> dict[str, str]:
        """The docstring's sections, keyed by heading."""
        return _sections(cls.__doc__ or "", DOC_SECTIONS)

    @classmethod
    def doc_sections_zh(cls) -> dict[str, str]:
        """The Chinese documentation's sections (``doc_zh``), keyed by heading."""
        return _sections(cls.doc_zh, DOC_SECTIONS_ZH)


DOC_SECTIONS = ("What it checks", "Why an auditor cares", "Fails", "Passes")
DOC_SECTIONS_ZH = ("检查内容", "为什么重要", "不通过", "通过")


def _sections(text: str, headings: tuple[str, ...]) -> dict[str, str]:
    """A docstring's text by section: "summary" for what comes before the first heading line
    (a heading alone on its line, ending with ":" or "：")."""
    sections: dict[str, str] = {}
    current = "summary"
    for line in text.strip().splitlines():
        s = line.strip()
        if s.endswith((":", "：")) and s[:-1] in headings:
            current = s[:-1]
            sections[current] = ""
            continue
        sections[current] = (sections.get(current, "") + "\n" + line.rstrip()).strip("\n")
    return {k: _dedent(v) for k, v in sections.items()}


def _dedent(text: str) -> str:
    lines = text.splitlines()
    indent = min((len(ln) - len(ln.lstrip()) for ln in lines if ln.strip()), default=0)
    return "\n".join(ln[indent:] for ln in lines).strip()


@dataclass(frozen=True)
class Balance:
    """A total against the sum of its parts, with interval arithmetic for rounding.

    Each printed value v with d decimals stands for [v − ½·10⁻ᵈ, v + ½·10⁻ᵈ]; the sum of the
    parts is an interval too. The total is inconsistent only when the intervals do not overlap
    (XBRL Calculations 1.1). Inside that, a non-zero difference is rounding.
    """

    stated: Decimal
    expected: Decimal
    tolerance: Decimal
    unit: str = "万元"  # of the three numbers

    @property
    def difference(self) -> Decimal:
        return self.stated - self.expected

    @property
    def difference_wan(self) -> Decimal:
        return self.difference * MONEY_UNITS.get(self.unit, Decimal(1))

    @property
    def tolerance_wan(self) -> Decimal:
        return self.tolerance * MONEY_UNITS.get(self.unit, Decimal(1))

    @property
    def ok(self) -> bool:
        return self.difference == 0

    @property
    def rounding(self) -> bool:
        return self.difference != 0 and abs(self.difference) <= self.tolerance

    @property
    def broken(self) -> bool:
        return abs(self.difference) > self.tolerance


def balance(stated: Decimal, parts: Iterable[Decimal | None], unit: str = "万元") -> Balance:
    """``stated`` against the sum of ``parts``, all printed in ``unit`` (the radius of each printed
    value depends on it: see ``models.amount.radius``)."""
    values = [p for p in parts if p is not None]
    expected = sum(values, Decimal(0))
    tol = radius(stated, unit) + sum((radius(v, unit) for v in values), Decimal(0))
    return Balance(stated, expected, tol, unit)


def amount_balance(stated: Amount, parts: Iterable[Amount | None]) -> Balance:
    """Amounts from different places (tables in 元, text in 万元 …) balanced in 万元, each with the
    rounding radius of its own printed value."""
    values = [p for p in parts if p is not None]
    expected = sum((p.wan for p in values), Decimal(0))
    tol = stated.radius_wan + sum((p.radius_wan for p in values), Decimal(0))
    return Balance(stated.wan, expected, tol)


def row_evidence(table: Table, row: Row, role: str = "stated", cols: Sequence[int] = ()) -> Evidence:
    return Evidence(
        text=row.text,
        page=row.page,
        bbox=row.bbox,
        role=role,
        table=table.id,
        row=row.index,
        cols=tuple(cols),
    )


def figure_key(f) -> str:
    """Where a narrative figure is, independent of the format: its sentence (without spaces) and
    value — not paragraph numbers or offsets, which differ between a PDF and its text version."""
    from extract.numbers import normalize_label

    return f"{normalize_label(f.sentence)[:40]}|{f.value}"


def figure_evidence(doc: Document, f, role: str = "stated") -> Evidence:
    """A narrative figure as evidence: its sentence, page and box."""
    return Evidence(text=f.sentence or doc.paragraphs[f.paragraph].text, page=f.page, bbox=f.bbox, role=role)


def figures_evidence(doc: Document, stated, context) -> list[Evidence]:
    """A stated figure as evidence, with the figure it is computed from as context when that one
    stands in another sentence."""
    ev = [figure_evidence(doc, stated)]
    if context.sentence != stated.sentence:
        ev.append(figure_evidence(doc, context, "context"))
    return ev


def table_title_evidence(table: Table) -> Evidence:
    title = f"{table.title}（{table.number}）" if table.number else table.title
    return Evidence(
        text=title,
        page=table.title_page or (table.pages[0] if table.pages else None),
        bbox=table.title_bbox,
        role="context",
        table=table.id,
    )


def table_label(table: Table) -> str:
    return f"{table.number}{table.title}" if table.number and table.number not in table.title else table.title


fmt = format_amount


def materiality(amount: Decimal, total: Decimal | None) -> float:
    if not total:
        return 0.0
    return float(min(Decimal(1), abs(amount) / abs(total)))


def document_total(doc: Document) -> Decimal | None:
    """The document's scale, in 万元: the largest total in its summary or expense tables."""
    best: Decimal | None = None
    for t in doc.tables:
        if t.kind in ("summary", "expense", "income", "gpb_expense", "fiscal_summary"):
            for r in t.rows:
                a = t.amount(r, "total")
                if a is not None and (best is None or a.wan > best):
                    best = a.wan
    if best is None:
        amounts = [f.amount_wan for f in doc.figures if f.kind == "amount" and f.amount_wan]
        best = max(amounts) if amounts else None
    return best
