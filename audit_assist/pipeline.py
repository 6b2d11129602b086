"""file → extract → model → detectors → ranked findings. The one place the stages meet."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from detectors.base import Case, Rule, case_findings
from detectors.ranking import rank
from detectors.registry import rules
from extract import SUPPORTED, ExtractionError, load_bytes, load_document, read_error
from extract.guards import MAX_PAGES
from extract.recognise import check_disclosure
from models import Document, Finding

from .coverage import Coverage, build_coverage

# A finding that rests on text read by OCR is less certain (a misread digit is an error of ours,
# not of the document's), and says so.
OCR_CONFIDENCE = 0.7
OCR_NOTE = "（依据OCR识别的扫描页文字，请对照原件核实）"


log = logging.getLogger(__name__)


@dataclass
class Analysis:
    doc: Document
    findings: list[Finding] = field(default_factory=list)
    # rules that failed on this document (a bug of ours): the other rules' findings stand
    rule_errors: list[str] = field(default_factory=list)
    coverage: Coverage = field(kw_only=True)  # what was checked, from the same run as the findings

    @property
    def warnings(self) -> list[str]:
        return [*self.doc.warnings, *self.rule_errors]


def analyse_document(doc: Document, rule_set: Iterable[Rule] | None = None) -> Analysis:
    findings: list[Finding] = []
    errors: list[str] = []
    applied: list[tuple[Rule, list[Case] | None, list[Finding]]] = []
    for rule in rules() if rule_set is None else rule_set:
        try:
            # a rule that enumerates its cases is run once for both: its findings are its cases'
            cases = list(rule.cases(doc)) if rule.enumerates_cases() else None
            found = case_findings(cases) if cases is not None else list(rule.check(doc))
        except Exception as exc:  # noqa: BLE001 - one rule's bug must not cost the others' findings
            # the user gets one line (below, in the analysis' warnings); the traceback is for developers
            log.debug("rule %s failed on %s", rule.code, doc.name, exc_info=True)
            errors.append(
                f"规则 {rule.code}（{rule.title}）检查本文档时出错，已跳过（{type(exc).__name__}: {exc}），其余规则的结果不受影响"
            )
            continue
        applied.append((rule, cases, found))
        for f in found:
            f.doc = doc.name
            if doc.ocr_pages and any(e.page in doc.ocr_pages for e in f.evidence):
                f.confidence *= OCR_CONFIDENCE
                f.message += OCR_NOTE
            findings.append(f)
    findings = _dedupe(findings)
    for f in findings:
        f.make_fingerprint()
    hosts: dict[int, Finding] = {}
    ranked = rank(findings, hosts)
    first = {(f.rule, f.key): f for f in findings}

    def reported(f: Finding) -> Finding:
        """The finding the analysis reports for one a rule made: the one kept for its rule and
        key, or the one it was merged into."""
        f = first.get((f.rule, f.key), f)
        return hosts.get(id(f), f)

    return Analysis(doc, ranked, errors, coverage=build_coverage(doc, applied, reported))


def read_disclosure(data: bytes, name: str, path: str = "", *, max_pages: int = MAX_PAGES) -> Document:
    """The file read (``extract.load_bytes``), refused when it is no budget, final-accounts or
    performance document (``extract.recognise``): what every analysis starts from."""
    doc = load_bytes(data, name, path, max_pages=max_pages)
    check_disclosure(doc)
    return doc


def analyse_path(path: str | Path) -> Analysis:
    doc = load_document(path)
    check_disclosure(doc)
    return analyse_document(doc)


def analyse_bytes(data: bytes, name: str) -> Analysis:
    return analyse_document(read_disclosure(data, name))


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: dict[tuple[str, str], Finding] = {}
    for f in findings:
        seen.setdefault((f.rule, f.key), f)
    return list(seen.values())


def collect_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named directly (whatever their type: the reader reports unsupported ones) and the
    supported files found recursively in folders, in a stable order."""
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs.sort()
                for name in sorted(files):
                    if Path(name).suffix.lower() in SUPPORTED and not name.startswith((".", "~$")):
                        yield Path(root) / name
        else:
            yield p


__all__ = [
    "Analysis",
    "ExtractionError",
    "analyse_bytes",
    "analyse_document",
    "analyse_path",
    "collect_files",
    "read_disclosure",
    "read_error",
]
