"""file → extract → model → detectors → ranked findings. The one place the stages meet."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from detectors.ranking import rank
from detectors.registry import rules
from extract import SUPPORTED, ExtractionError, load_bytes, load_document
from models import Document, Finding

# A finding that rests on text read by OCR is less certain (a misread digit is an error of ours,
# not of the document's), and says so.
OCR_CONFIDENCE = 0.7
OCR_NOTE = "（依据OCR识别的扫描页文字，请对照原件核实）"


@dataclass
class Analysis:
    doc: Document
    findings: list[Finding] = field(default_factory=list)


def analyse_document(doc: Document) -> Analysis:
    findings: list[Finding] = []
    for rule in rules():
        for f in rule.check(doc):
            f.doc = doc.name
            if doc.ocr_pages and any(e.page in doc.ocr_pages for e in f.evidence):
                f.confidence *= OCR_CONFIDENCE
                f.message += OCR_NOTE
            findings.append(f)
    findings = _dedupe(findings)
    for f in findings:
        f.make_fingerprint()
    return Analysis(doc, rank(findings))


def analyse_path(path: str | Path) -> Analysis:
    return analyse_document(load_document(path))


def analyse_bytes(data: bytes, name: str) -> Analysis:
    return analyse_document(load_bytes(data, name))


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


__all__ = ["Analysis", "ExtractionError", "analyse_bytes", "analyse_document", "analyse_path", "collect_files"]
