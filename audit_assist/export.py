"""Findings out: JSON Lines (the contract), JSON, CSV and Excel."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

CONTRACT_FIELDS = [
    "doc",
    "rule",
    "category",
    "severity",
    "score",
    "confidence",
    "title",
    "message",
    "evidence",
    "values",
    "fingerprint",
]


def to_jsonl(rows: Iterable[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def to_json(rows: Sequence[dict[str, Any]]) -> str:
    return json.dumps(list(rows), ensure_ascii=False, indent=2) + "\n"


def _flat(row: dict[str, Any], extra: Sequence[str]) -> dict[str, Any]:
    out = {k: row.get(k) for k in CONTRACT_FIELDS}
    ev = row.get("evidence") or []
    out["evidence"] = "\n".join(f"[第{e['page']}页] {e['text']}" if e.get("page") else e["text"] for e in ev)
    out["pages"] = ",".join(str(e["page"]) for e in ev if e.get("page"))
    out["values"] = json.dumps(row.get("values") or {}, ensure_ascii=False)
    for k in extra:
        out[k] = row.get(k)
    return out


def to_csv(rows: Sequence[dict[str, Any]], extra: Sequence[str] = ()) -> str:
    buf = io.StringIO()
    fields = CONTRACT_FIELDS + ["pages", *extra]
    w = csv.DictWriter(buf, fieldnames=fields, extrasaction="ignore")
    w.writeheader()
    for r in rows:
        w.writerow(_flat(r, extra))
    return "\ufeff" + buf.getvalue()  # BOM so that Excel opens the Chinese text correctly


HEADERS_ZH = {
    "doc": "文件",
    "rule": "规则",
    "category": "类别",
    "severity": "严重程度",
    "score": "排序分",
    "confidence": "置信度",
    "title": "标题",
    "message": "说明",
    "evidence": "证据（原文）",
    "values": "数值",
    "fingerprint": "指纹",
    "pages": "页码",
    "status": "复核状态",
    "reviewer": "复核人",
    "comment": "意见",
    "decided_at": "复核时间",
    "assignee": "指派给",
}


def to_xlsx(rows: Sequence[dict[str, Any]], extra: Sequence[str] = (), summary: Sequence[dict[str, Any]] = ()) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    wb = Workbook()
    ws = wb.active
    ws.title = "发现"
    fields = CONTRACT_FIELDS + ["pages", *extra]
    ws.append([HEADERS_ZH.get(f, f) for f in fields])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    for r in rows:
        flat = _flat(r, extra)
        ws.append([flat.get(f) for f in fields])
    widths = {"message": 60, "evidence": 60, "title": 24, "doc": 26, "values": 30}
    for i, f in enumerate(fields, start=1):
        ws.column_dimensions[ws.cell(1, i).column_letter].width = widths.get(f, 12)
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    if summary:
        ss = wb.create_sheet("汇总")
        keys = list(summary[0].keys())
        ss.append(keys)
        for cell in ss[1]:
            cell.font = Font(bold=True)
        for s in summary:
            ss.append([s.get(k) for k in keys])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
