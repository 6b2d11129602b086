"""One score per finding: higher = look first.

    score = 100 × severity × confidence × (0.4 + 0.6 × max(materiality, anomaly)^¼)

- severity: high 1.0, medium 0.6, low 0.3, info 0.05;
- confidence: how sure extraction and rule are (0–1);
- materiality: the amount involved against the document's total (0–1); the fourth root keeps a
  0.01 % difference from vanishing while still putting a 30 % difference far above it;
- anomaly: a statistical detector's own score (0–1) for findings without an amount.
Findings with one root cause are merged before ranking (``merge``).
"""

from __future__ import annotations

from models import Finding


def score(f: Finding) -> float:
    weight = max(f.materiality, f.anomaly, 0.0)
    return round(100.0 * f.severity.weight * f.confidence * (0.4 + 0.6 * weight**0.25), 2)


def rank(findings: list[Finding]) -> list[Finding]:
    for f in findings:
        f.score = score(f)
    return sorted(findings, key=lambda f: (-f.score, f.rule, f.key))
