"""Findings: what the detectors report and what the contract (../shared/CONTRACT.md) writes."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from .document import BBox

CATEGORIES = (
    "footing",
    "cross_table",
    "narrative_vs_table",
    "percent_recompute",
    "yoy_recompute",
    "perf_score",
    "execution_rate_outlier",
    "ratio_over_100",
    "unit_or_decimal_shift",
    "copy_paste_text",
    "staffing_mismatch",
    "missing_or_blank",
    "rounding",
    "other",
)

CATEGORY_LABELS = {
    "footing": "合计与分项不符",
    "cross_table": "表间不一致",
    "narrative_vs_table": "文字与表格不符",
    "percent_recompute": "比例/完成率复算不符",
    "yoy_recompute": "同比变动复算不符",
    "perf_score": "绩效评分不符",
    "execution_rate_outlier": "执行率异常",
    "ratio_over_100": "比率超过100%",
    "unit_or_decimal_shift": "单位或小数点错位",
    "copy_paste_text": "文字复制粘贴",
    "staffing_mismatch": "人员数不一致",
    "missing_or_blank": "缺失或空白",
    "rounding": "尾数误差",
    "other": "其他",
}


class Severity(StrEnum):
    high = "high"
    medium = "medium"
    low = "low"
    info = "info"

    @property
    def weight(self) -> float:
        return {"high": 1.0, "medium": 0.6, "low": 0.3, "info": 0.05}[self.value]

    @property
    def label(self) -> str:
        return {"high": "高", "medium": "中", "low": "低", "info": "提示"}[self.value]


@dataclass(frozen=True)
class Evidence:
    text: str  # verbatim: a cell row, a sentence, a table title
    page: int | None = None  # 1-based
    bbox: BBox | None = None  # x0, top, x1, bottom in PDF points
    role: str = ""  # stated | expected | total | component | context …
    table: str = ""  # table id when the evidence is a table row
    row: int | None = None  # row index inside that table
    cols: tuple[int, ...] = ()  # the involved columns of that row
    doc: str = ""  # another document's file name, for a finding that rests on two documents

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "page": self.page,
            "text": self.text,
            "bbox": [round(v, 1) for v in self.bbox] if self.bbox else None,
            "role": self.role,
        }
        if self.doc:
            out["doc"] = self.doc
        return out


@dataclass
class Finding:
    rule: str
    category: str
    severity: Severity
    title: str
    message: str
    evidence: list[Evidence]
    values: dict[str, Decimal | float | int] = field(default_factory=dict)
    confidence: float = 0.9
    materiality: float = 0.0  # amount involved / document total, 0..1
    anomaly: float = 0.0  # detector's own anomaly score, 0..1
    score: float = 0.0  # set by ranking
    key: str = ""  # what makes the finding unique within its rule (normalised location)
    doc: str = ""
    fingerprint: str = ""

    def __post_init__(self) -> None:
        if self.category not in CATEGORIES:
            raise ValueError(f"unknown category {self.category}")

    def make_fingerprint(self) -> str:
        # Rule + normalised location: stable across re-runs and across the PDF, DOCX and text
        # versions of one document (no page numbers, boxes or file extension in it); the file's
        # stem keeps two documents apart.
        stem = self.doc.rsplit(".", 1)[0] if "." in self.doc else self.doc
        basis = "|".join([stem, self.rule, self.key or self.message])
        self.fingerprint = hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]
        return self.fingerprint

    def to_json(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity.value,
            "score": round(self.score, 2),
            "confidence": round(self.confidence, 3),
            "title": self.title,
            "message": self.message,
            "evidence": [e.to_json() for e in self.evidence],
            "values": {k: _num(v) for k, v in self.values.items()},
            "fingerprint": self.fingerprint,
        }

    def to_json_line(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False)


def _num(v: Any) -> Any:
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() and abs(v) < 10**15 else float(v)
    return v


def values_of(**kw: Decimal | float | int | None) -> Mapping[str, Decimal | float | int]:
    return {k: v for k, v in kw.items() if v is not None}
