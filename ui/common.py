"""Labels, formatting and the findings list shared by the pages (no page of its own)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from audit_assist.store import STATUS_LABELS, Decision
from models import CATEGORY_LABELS, Finding, Severity
from ui.state import Item, status_of

SEVERITIES = [s.value for s in Severity]
SEVERITY_LABELS = {s.value: s.label for s in Severity}
SEVERITY_BADGE = {"high": "red", "medium": "orange", "low": "yellow", "info": "gray"}
STATUS_ORDER = ["pending", "confirmed", "dismissed"]
# the 发现 page's status filter: the statuses, and the decisions whose finding's numbers changed
CHANGED = "changed"
STATUS_FILTERS = [*STATUS_ORDER, CHANGED]
STATUS_BADGE = {"pending": "blue", "confirmed": "green", "dismissed": "gray"}
STATUS_MARKS = {"pending": "○", "confirmed": "✔", "dismissed": "✘"}  # plain glyphs: every CJK font has them

# The auditors work in China: times are shown in Beijing time whatever the server's zone.
BEIJING = timezone(timedelta(hours=8), "北京时间")

VALUE_LABELS = {
    "stated": "列示数",
    "expected": "复算应为",
    "difference": "差额",
    "tolerance": "尾数容差",
    "ratio": "比率",
    "rate": "比率",
    "rate_stated": "列示比率",
    "rate_expected": "复算比率",
    "percent": "百分比",
    "count": "数量",
    "total": "合计",
    "parts": "分项之和",
    "factor": "倍数",
    "codes": "涉及科目数",
    "claims": "文中说法数",
    "contradicting": "与表格矛盾处",
    "lowest_rate": "最低执行率（%）",
    "projects": "涉及项目数",
    "misplaced": "错放项目数",
    "similarity": "相似度",
    "foreign_terms": "外来词数",
    "identical": "相同指标数",
    "indicators": "指标数",
    "passages": "改写段落数",
    "anomaly": "异常度",
    "median": "中位数",
    "zero_budget_lines": "年初预算为0的科目数",
    "previous": "上年数",
    "department": "部门文件数",
    "base": "基数",
    "computed_on": "实际计算依据",
    "current": "本年数",
    "denominator": "分母",
    "numerator": "分子",
    "distance": "相差字数",
    "dominant_count": "通行写法次数",
    "previous_expense": "支出所隐含的上年数",
    "previous_income": "收入所隐含的上年数",
    "share": "占比",
    "since": "起始年度",
    "standard": "标准",
    "year": "年度",
}

DOC_TYPE_LABELS = {"unknown": "未识别"}


def md(text: str) -> str:
    """Document text shown as Markdown: its special characters escaped, its line breaks kept."""
    return re.sub(r"([\\`*_{}\[\]<>#+\-!|~$:])", r"\\\1", text).replace("\n", "  \n")


def severity_label(code: str) -> str:
    return SEVERITY_LABELS.get(code, code)


def category_label(code: str) -> str:
    return CATEGORY_LABELS.get(code, code)


def status_label(code: str) -> str:
    return "数值已变" if code == CHANGED else STATUS_LABELS.get(code, code)


def status_text(decision: Decision | None) -> str:
    """The status of a finding as the lists show it: 已确认（数值已变，需重新复核） when the
    numbers it was decided on changed since."""
    return decision.status_label if decision else status_label("pending")


def value_label(key: str) -> str:
    return VALUE_LABELS.get(key, key)


def local_time(at: datetime | None) -> str:
    """A stored (naive UTC) time in Beijing time."""
    if at is None:
        return ""
    return at.replace(tzinfo=UTC).astimezone(BEIJING).strftime("%Y-%m-%d %H:%M:%S")


def fmt_number(v: Any) -> str:
    if v is None:
        return ""
    try:
        f = float(v)
    except (TypeError, ValueError):
        return str(v)
    if f == int(f) and abs(f) < 1e15:
        return f"{int(f):,}"
    return f"{f:,.2f}".rstrip("0").rstrip(".") if abs(f) >= 0.01 else f"{f:.4g}"


def pages_of(f: Finding, of_doc: str = "") -> list[int]:
    """The pages of the finding's evidence in its own document, or in another one it names."""
    return sorted({e.page for e in f.evidence if e.page and e.doc == of_doc})


def pages_text(f: Finding) -> str:
    return "、".join(str(p) for p in pages_of(f))


def finding_label(rank: int, it: Item, decision: Decision | None = None) -> str:
    f = it.finding
    status = status_text(decision)
    return f"{rank}. 【{severity_label(f.severity.value)}】{f.title} · {f.rule} · {f.doc}（{status}）"


def matches(
    it: Item,
    decision: Decision | None,
    *,
    severities: Iterable[str] = (),
    categories: Iterable[str] = (),
    rules: Iterable[str] = (),
    statuses: Iterable[str] = (),
    docs: Iterable[str] = (),
    search: str = "",
) -> bool:
    """The 发现 page's filters: an empty choice means no restriction."""
    f = it.finding
    checks = [
        (severities, f.severity.value),
        (categories, f.category),
        (rules, f.rule),
        (docs, f.doc),
    ]
    statuses = list(statuses)
    changed = decision is not None and decision.values_changed
    if statuses and status_of(decision) not in statuses and not (changed and CHANGED in statuses):
        return False
    for chosen, value in checks:
        chosen = list(chosen)
        if chosen and value not in chosen:
            return False
    if search.strip():
        haystack = "\n".join(
            [
                f.title,
                f.message,
                f.rule,
                f.doc,
                f.fingerprint,
                *(e.text for e in f.evidence),
                decision.comment if decision else "",
                decision.reason if decision else "",
                decision.assignee if decision else "",
            ]
        ).lower()
        return all(term in haystack for term in search.lower().split())
    return True


def filtered(its: list[Item], decided: dict[str, Decision], state: Any) -> list[Item]:
    """The findings that pass the 发现 page's filters, as they stand in session ``state``."""
    docs = {it.finding.doc for it in its}
    return [
        it
        for it in its
        if matches(
            it,
            decided.get(it.fp),
            severities=state.get("f_severity", []),
            categories=state.get("f_category", []),
            rules=state.get("f_rule", []),
            statuses=state.get("f_status", []),
            docs=[d for d in state.get("f_doc", []) if d in docs],
            search=state.get("f_search", ""),
        )
    ]


def finding_rows(its: list[Item], decided: dict[str, Decision]) -> list[dict[str, Any]]:
    rows = []
    for rank, it in enumerate(its, start=1):
        f = it.finding
        d = decided.get(f.fingerprint)
        rows.append(
            {
                "序号": rank,
                "排序分": round(f.score, 2),
                "严重程度": severity_label(f.severity.value),
                "复核状态": f"{STATUS_MARKS[status_of(d)]} {status_text(d)}",
                "说明": f.message,
                "文件": f.doc,
                "页码": pages_text(f),
                "规则": f.rule,
                "类别": category_label(f.category),
                "标题": f.title,
                "复核人": d.reviewer if d else "",
                "指派给": d.assignee if d else "",
            }
        )
    return rows
