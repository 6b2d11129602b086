"""What was checked, not only what failed: the coverage record of one document.

Zero findings may mean that every identity held, or that the product recognised none of the tables
and linked none of the sentences. The coverage record, made in the same pipeline run as the
findings (``audit_assist.pipeline``), says which: the document type and template recognised, each
standard table its template expects with where it was found, each check with its cases passed,
failed and not applicable (from the rules' ``cases``; a rule that does not enumerate its cases is
listed with its findings), the narrative amounts linked to a table cell and those that were not,
the pages that could not be read, and whether too little was recognised to call the document
clean (``low_coverage``). Its JSON is the shape of ``../shared/CONTRACT.md`` ("Coverage").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from detectors.base import FAILED, NOT_APPLICABLE, PASSED, Case, Rule
from detectors.completeness.CMP001_standard_tables import required_tables
from detectors.narrative.TXT001_figure_vs_table import FigureVsTable
from extract.pdf import page_ranges
from extract.tables import KIND_LABELS
from models import Document, Figure, Finding

# A document is not called clean when, of the narrative amounts that state a quantity of its
# tables, fewer than this share could be found in the tables ("most figures unlinked"): the text
# was then read apart from the tables, and the misstatements TXT001 and the recomputations look
# for cannot be seen.
MIN_LINKED_SHARE = 0.5
# ... nor when the text states this many amounts and none of them was recognised as a quantity of
# the tables (a narrative in wordings the product does not know).
MIN_AMOUNTS = 10
_PAGE_WARNING = re.compile(r"^第([\d–、]+)页(.+)$", re.S)  # extract.pdf's: "第1–3、5页没有文字层，需OCR"
_OCR_READ = "已OCR识别"  # extract.pdf's warning for pages read by OCR


@dataclass
class TableFound:
    """A standard table the document's type and template expect, and where it was found."""

    kind: str
    title: str | None = None  # as printed; None when not found
    number: str = ""
    pages: list[int] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return self.title is not None

    @property
    def label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


@dataclass
class CheckResult:
    """One check of one rule: its cases, or (for a rule that does not enumerate them) only the
    number of its findings."""

    rule: str
    name: str
    cases: list[Case] | None = None
    findings: int = 0

    def count(self, status: str) -> int | None:
        return None if self.cases is None else sum(1 for c in self.cases if c.status == status)

    @property
    def passed(self) -> int | None:
        return self.count(PASSED)

    @property
    def failed(self) -> int | None:
        return self.count(FAILED)

    @property
    def not_applicable(self) -> int | None:
        return self.count(NOT_APPLICABLE)

    @property
    def rounding(self) -> int | None:
        return None if self.cases is None else sum(1 for c in self.cases if c.rounding)

    @property
    def failures(self) -> list[Case]:
        return [c for c in self.cases or [] if c.status == FAILED]


@dataclass
class UnreadPages:
    """Pages without a text layer, as the reader reported them (one warning line)."""

    pages: list[int]
    reason: str  # as the reader reported it: "没有文字层，需OCR"
    ocr: bool  # read by OCR (their text may be wrong) rather than not read at all


@dataclass
class Coverage:
    doc: str
    doc_type: str
    level: str
    template: str
    template_confidence: float
    template_reason: str
    tables: list[TableFound]
    checks: list[CheckResult]
    amounts: list[Figure]  # the narrative's amounts of money
    linked: list[Figure]  # those linked to the table cell stating the same quantity
    sought: list[Figure]  # those that state a quantity of the tables no cell was found for
    pages: list[UnreadPages]  # pages without a text layer, or not read

    @property
    def unlinked(self) -> list[Figure]:
        """The amounts not linked to a table cell: ``sought`` in vain, or not recognised as a
        quantity the tables state (budgets of a 决算, projects, procurement …)."""
        ids = {id(f) for f in self.linked}
        return [f for f in self.amounts if id(f) not in ids]

    @property
    def tables_found(self) -> int:
        return sum(1 for t in self.tables if t.found)

    @property
    def checked(self) -> int:
        """Cases verified: passed or failed (not the ones that could not apply)."""
        return sum((c.passed or 0) + (c.failed or 0) for c in self.checks)

    @property
    def failed(self) -> int:
        return sum(c.failed or 0 for c in self.checks)

    @property
    def about_tables(self) -> int:
        """Narrative amounts that state a quantity of the tables: linked, or looked for in vain."""
        return len(self.linked) + len(self.sought)

    @property
    def linked_share(self) -> float | None:
        return len(self.linked) / self.about_tables if self.about_tables else None

    @property
    def low_coverage_reasons(self) -> list[str]:
        """Why too little was recognised to call the document clean (empty: enough was).

        - the document's type was not recognised: which tables it must publish is unknown;
        - a standard table its type and template expect was not found: its own identities and
          those it shares with the other tables went unchecked, and the product cannot tell a
          table that is missing from one it could not read;
        - a page could not be read at all (no text layer, no OCR result): what it holds is unknown;
        - of the narrative amounts that state a quantity of the tables, fewer than half were
          found in the tables (``MIN_LINKED_SHARE``), or the text states ``MIN_AMOUNTS`` amounts
          or more and none was recognised as one (for the types that publish standard tables):
          the text was read apart from the tables.
        """
        reasons = []
        if self.doc_type == "unknown":
            reasons.append("未识别出文件类型，无法确定应公开哪些报表")
        missing = [t.label for t in self.tables if not t.found]
        if missing:
            reasons.append(f"{len(missing)} 张应公开的报表未找到（{'、'.join(missing)}）")
        unread = [n for p in self.pages if not p.ocr for n in p.pages]
        if unread:
            reasons.append(f"第 {page_ranges(unread)} 页未能读取")
        if self.tables:
            share = self.linked_share
            if share is not None and share < MIN_LINKED_SHARE:
                reasons.append(f"文中说明报表数的金额 {self.about_tables} 个，只有 {len(self.linked)} 个在报表中找到对应单元格")
            elif share is None and len(self.amounts) >= MIN_AMOUNTS:
                reasons.append(f"文中 {len(self.amounts)} 个金额都未能与报表对应")
        return reasons

    @property
    def low_coverage(self) -> bool:
        return bool(self.low_coverage_reasons)

    def summary(self) -> str:
        """One line for the document list: "9/9 表，212 项核对，3 未通过，96% 文字数字已对应"."""
        parts = [f"{self.tables_found}/{len(self.tables)} 表"] if self.tables else []
        parts += [f"{self.checked} 项核对", f"{self.failed} 未通过"]
        share = self.linked_share
        if self.tables and share is not None:
            parts.append(f"{share:.0%} 文字数字已对应")
        return "，".join(parts)

    def to_json(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "type": self.doc_type,
            "level": self.level,
            "template": self.template,
            "template_confidence": self.template_confidence,
            "template_reason": self.template_reason,
            "tables": [
                {"kind": t.label, "found": t.found, "title": t.title, "number": t.number, "pages": t.pages} for t in self.tables
            ],
            "checks": [_check_json(c) for c in self.checks],
            "figures": {
                "amounts": len(self.amounts),
                "about_tables": self.about_tables,
                "linked": len(self.linked),
                "unlinked": [_figure_json(f, any(f is g for g in self.sought)) for f in self.unlinked],
            },
            "unread_pages": [{"pages": p.pages, "reason": p.reason, "ocr": p.ocr} for p in self.pages],
            "low_coverage": self.low_coverage,
            "low_coverage_reasons": self.low_coverage_reasons,
        }


def _check_json(c: CheckResult) -> dict[str, Any]:
    out: dict[str, Any] = {
        "rule": c.rule,
        "name": c.name,
        "passed": c.passed,
        "failed": c.failed,
        "not_applicable": c.not_applicable,
    }
    if c.cases is None:
        out["findings"] = c.findings
        return out
    out["rounding"] = c.rounding
    out["failures"] = [
        {
            "where": case.where.text if case.where else None,
            "page": case.where.page if case.where else None,
            "fingerprint": case.finding.fingerprint if case.finding else None,
        }
        for case in c.failures
    ]
    return out


def _figure_json(f: Figure, about_tables: bool) -> dict[str, Any]:
    return {"text": f.text, "subject": f.subject, "sentence": f.sentence, "page": f.page, "about_tables": about_tables}


def build_coverage(
    doc: Document,
    applied: list[tuple[Rule, list[Case] | None, list[Finding]]],
    reported: Callable[[Finding], Finding],
) -> Coverage:
    """The coverage record from what the pipeline ran: each rule with its cases (None for a rule
    that does not enumerate them) and its findings, and for a finding a rule made the one the
    analysis reports it by (``reported``: a case's finding is replaced by it, so that a failed
    case points at a finding of the analysis)."""
    checks: list[CheckResult] = []
    linked: list[Figure] = []
    sought: list[Figure] = []
    for rule, cases, found in applied:
        if cases is None:
            checks.append(CheckResult(rule.code, rule.title, findings=len({id(reported(f)) for f in found})))
            continue
        if not cases:
            checks.append(CheckResult(rule.code, rule.title, []))
            continue
        by_name: dict[str, CheckResult] = {}
        for case in cases:
            if case.finding is not None:
                case.finding = reported(case.finding)
            by_name.setdefault(case.check, CheckResult(rule.code, case.check, [])).cases.append(case)
            if isinstance(rule, FigureVsTable):
                (linked if case.where is not None else sought).append(case.figure)
        checks.extend(by_name.values())
    return Coverage(
        doc=doc.name,
        doc_type=doc.doc_type,
        level=doc.level,
        template=doc.template,
        template_confidence=doc.template_confidence,
        template_reason=doc.template_reason,
        tables=[_table_found(doc, kind) for kind in required_tables(doc)],
        checks=checks,
        amounts=[f for f in doc.figures if f.kind == "amount" and f.amount is not None],
        linked=linked,
        sought=sought,
        pages=_unread_pages(doc),
    )


def _table_found(doc: Document, kind: str) -> TableFound:
    parts = doc.tables_of(kind)
    if not parts:
        return TableFound(kind)
    first = parts[0]
    pages = sorted({p for t in parts if t.pages for p in range(t.pages[0], t.pages[1] + 1)})
    return TableFound(kind, first.title, first.number, pages)


def _unread_pages(doc: Document) -> list[UnreadPages]:
    out = []
    for w in doc.warnings:
        m = _PAGE_WARNING.match(w)
        if m:
            pages = [n for part in m.group(1).split("、") for n in _page_run(part)]
            out.append(UnreadPages(pages, m.group(2), _OCR_READ in w and set(pages) <= set(doc.ocr_pages)))
    return out


def _page_run(part: str) -> range:
    first, _, last = part.partition("–")
    return range(int(first), int(last or first) + 1)
