"""What the 导出 page writes: the findings with their review columns, a summary line per
document and a sheet per document, in the formats of ``audit_assist.export`` (no page of its own)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from audit_assist.annotate import annotated_pdf
from audit_assist.export import to_csv, to_html, to_json, to_xlsx
from audit_assist.pipeline import Analysis
from audit_assist.store import Decision
from ui.common import SEVERITIES, local_time, severity_label, status_label, status_text
from ui.state import Item, status_of

REVIEW_FIELDS = ("status", "reviewer", "comment", "decided_at", "assignee", "reason")
PRINT_FIELDS = ("status", "reviewer", "comment")


def export_row(it: Item, d: Decision | None) -> dict[str, Any]:
    """The contract fields of a finding plus its review columns."""
    row = it.finding.to_json()
    row.update(
        status=status_text(d),
        reviewer=d.reviewer if d else "",
        comment=d.comment if d else "",
        decided_at=local_time(d.decided_at) if d else "",
        assignee=d.assignee if d else "",
        reason=d.reason if d else "",
    )
    return row


def chosen(items: Iterable[Item], decided: Mapping[str, Decision], *, confirmed_only: bool) -> list[Item]:
    return [it for it in items if not confirmed_only or status_of(decided.get(it.fp)) == "confirmed"]


def doc_summary(
    analyses: Mapping[str, Analysis], items: list[Item], exported: list[Item], decided: Mapping[str, Decision]
) -> list[dict[str, Any]]:
    """One line per analysed document: what it is and where its review stands."""
    out = []
    for sha, a in analyses.items():
        d = a.doc
        mine = [it for it in items if it.sha == sha]
        status = [status_of(decided.get(it.fp)) for it in mine]
        out.append(
            {
                "文件": d.name,
                "类型": d.doc_type,
                "年度": d.year,
                "部门": d.department,
                "页数": d.page_count,
                "发现": len(mine),
                **{severity_label(s): sum(1 for it in mine if it.finding.severity.value == s) for s in SEVERITIES},
                **{status_label(s): status.count(s) for s in ("confirmed", "dismissed", "pending")},
                "数值已变": sum(1 for it in mine if it.fp in decided and decided[it.fp].values_changed),
                "本次导出": sum(1 for it in exported if it.sha == sha),
            }
        )
    return out


def doc_sheets(summary: list[dict[str, Any]], rows: list[dict[str, Any]]) -> dict[str, list[list[Any]]]:
    """A sheet per document: its summary as label / value lines, then its exported findings."""
    sheets = {}
    for line in summary:
        name = line["文件"]
        lines: list[list[Any]] = [[k, v] for k, v in line.items()]
        lines.append([])
        lines.append(["排序分", "严重程度", "规则", "页码", "说明", "复核状态", "复核人", "意见"])
        for r in rows:
            if r["doc"] == name:
                pages = ",".join(str(e["page"]) for e in r["evidence"] if e.get("page"))
                lines.append(
                    [
                        r["score"],
                        severity_label(r["severity"]),
                        r["rule"],
                        pages,
                        r["message"],
                        r["status"],
                        r["reviewer"],
                        r["comment"],
                    ]
                )
        sheets[f"摘要-{name.rsplit('.', 1)[0]}"] = lines
    return sheets


def workbook(rows: list[dict[str, Any]], summary: list[dict[str, Any]], coverage: list[dict[str, Any]] = ()) -> bytes:
    return to_xlsx(rows, extra=REVIEW_FIELDS, summary=summary, doc_sheets=doc_sheets(summary, rows), coverage=coverage)


def csv_text(rows: list[dict[str, Any]]) -> str:
    return to_csv(rows, extra=REVIEW_FIELDS)


def json_text(rows: list[dict[str, Any]]) -> str:
    return to_json(rows)


def printable(rows: list[dict[str, Any]], summary: list[dict[str, Any]], note: str) -> str:
    return to_html(rows, extra=PRINT_FIELDS, summary=summary, title="预决算公开审核发现汇总", note=note)


def annotated(original: bytes, name: str, rows: list[dict[str, Any]], note: str) -> bytes:
    """The PDF ``name`` with its exported findings boxed and noted, after a summary."""
    mine = [r for r in rows if r["doc"] == name]
    return annotated_pdf(original, mine, title=f"审核发现批注版：{name}", note=note)
