"""Findings out: JSON Lines (the contract), JSON, CSV, Excel and a printable HTML summary.

JSON keeps the contract's codes; Excel and CSV, read by people, give severity and category as
their Chinese labels (高, 表间不一致 …). Text in Excel and CSV comes from documents and from
reviewers, so it is neutralised against formula injection (OWASP "CSV Injection"): a text cell
that starts with = + - @, a tab or a carriage return gets a leading single quote, so that no
spreadsheet runs it as a formula; numbers, and text that is just a number (-9.3), stay as they are.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from models import CATEGORY_LABELS, Severity

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


def evidence_line(e: dict[str, Any]) -> str:
    """One piece of evidence as a reader finds it: the other document it comes from, its page, its text."""
    where = "".join([f"〔{e['doc']}〕" if e.get("doc") else "", f"[第{e['page']}页] " if e.get("page") else ""])
    return where + str(e.get("text", ""))


# the colours the app, the charts and the annotated PDF give each severity
SEVERITY_COLORS = {"high": "#c62828", "medium": "#ef6c00", "low": "#f9a825", "info": "#78909c"}

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def cell_safe(value: Any) -> Any:
    """A value for a spreadsheet cell that no spreadsheet evaluates: text starting with a
    formula character gets a leading single quote (OWASP); numbers and numeric text are kept."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def _flat(row: dict[str, Any], extra: Sequence[str]) -> dict[str, Any]:
    """One finding as the cells of a spreadsheet row, each neutralised (``cell_safe``)."""
    out = {k: row.get(k) for k in CONTRACT_FIELDS}
    out["severity"] = severity_label(out["severity"])
    out["category"] = CATEGORY_LABELS.get(out["category"], out["category"])
    ev = row.get("evidence") or []
    out["evidence"] = "\n".join(evidence_line(e) for e in ev)
    out["pages"] = ",".join(str(e["page"]) for e in ev if e.get("page"))
    out["values"] = json.dumps(row.get("values") or {}, ensure_ascii=False)
    for k in extra:
        out[k] = row.get(k)
    return {k: cell_safe(v) for k, v in out.items()}


def severity_label(code: str | None) -> str | None:
    """高 / 中 / 低 / 提示 for a severity code (unknown codes as they are)."""
    return Severity(code).label if code in Severity.__members__ else code


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
    "reason": "排除理由",
}


def to_xlsx(
    rows: Sequence[dict[str, Any]],
    extra: Sequence[str] = (),
    summary: Sequence[dict[str, Any]] = (),
    doc_sheets: Mapping[str, Sequence[Sequence[Any]]] | None = None,
    coverage: Sequence[dict[str, Any]] = (),
) -> bytes:
    """The findings sheet (every contract field, then ``extra``), a 汇总 sheet from ``summary``
    (one dict per line, its keys as headers), a 覆盖情况 sheet from ``coverage`` (the coverage
    records' JSON, ``coverage_lines``) and, from ``doc_sheets``, one more sheet per entry: title →
    rows of cells (first column bold, as labels)."""
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
            ss.append([cell_safe(s.get(k)) for k in keys])
        for i in range(1, len(keys) + 1):
            ss.column_dimensions[ss.cell(1, i).column_letter].width = 14
        ss.column_dimensions["A"].width = 28
    if coverage:
        cs = wb.create_sheet("覆盖情况")
        cs.append(COVERAGE_HEADERS)
        for cell in cs[1]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDEBF7")
        for line in coverage_lines(coverage):
            cs.append(line)
        for letter, width in zip("ABCDEFGHIJ", (26, 10, 40, 22, 8, 8, 8, 8, 10, 60)):
            cs.column_dimensions[letter].width = width
        cs.freeze_panes = "A2"
        cs.auto_filter.ref = cs.dimensions
    used = set(wb.sheetnames)
    for title, lines in (doc_sheets or {}).items():
        ds = wb.create_sheet(_sheet_title(title, used))
        for line in lines:
            ds.append([cell_safe(v) for v in line])
        for row in ds.iter_rows():
            if row and row[0].value is not None:
                row[0].font = Font(bold=True)
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        for letter, width in zip("ABCDEFGH", (16, 14, 10, 10, 60, 10, 12, 30)):
            ds.column_dimensions[letter].width = width
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


COVERAGE_HEADERS = ["文件", "部分", "名称", "结果", "通过", "未通过", "不适用", "其中尾数", "页码", "说明"]


def coverage_lines(records: Iterable[dict[str, Any]]) -> list[list[Any]]:
    """The 覆盖情况 sheet's lines (``COVERAGE_HEADERS``) from coverage records (their JSON): per
    document its type and template, whether coverage is low and why, each expected table, each
    check with its cases, the narrative amounts not linked to a table cell, and the pages not read."""
    out: list[list[Any]] = []
    for c in records:
        doc, figures = c["doc"], c["figures"]
        low = "覆盖不足，需人工审阅" if c["low_coverage"] else "充分"
        template = f"{c['template'] or '未识别'}（把握 {c['template_confidence']:.0%}）"
        out += [
            [doc, "概况", "文件类型", c["type"], None, None, None, None, None, None],
            [doc, "概况", "模板", template, None, None, None, None, None, c["template_reason"]],
            [doc, "概况", "覆盖", low, None, None, None, None, None, "；".join(c["low_coverage_reasons"])],
            [
                doc,
                "概况",
                "文字中的金额",
                f"{figures['linked']}/{figures['about_tables']} 个报表数已对应",
                None,
                None,
                None,
                None,
                None,
                f"文中金额共 {figures['amounts']} 个",
            ],
        ]
        for t in c["tables"]:
            pages = "、".join(map(str, t["pages"]))
            out.append([doc, "报表", t["kind"], "已找到" if t["found"] else "未找到", None, None, None, None, pages, t["title"]])
        for k in c["checks"]:
            name = f"{k['rule']} {k['name']}"
            if k["passed"] is None:
                out.append([doc, "核对", name, "已执行", None, None, None, None, None, f"发现 {k['findings']} 条"])
                continue
            result = "未通过" if k["failed"] else "通过" if k["passed"] else "未适用"
            out.append([doc, "核对", name, result, k["passed"], k["failed"], k["not_applicable"], k["rounding"], None, None])
        for f in figures["unlinked"]:
            what = "说明报表数，未找到对应单元格" if f["about_tables"] else "未识别为报表数"
            out.append([doc, "未对应的文字金额", f["text"], what, None, None, None, None, f["page"], f["sentence"]])
        for p in c["unread_pages"]:
            what = "已OCR识别" if p["ocr"] else "未能读取"
            pages = "、".join(map(str, p["pages"]))
            out.append([doc, "未读取的页", f"第{pages}页", what, None, None, None, None, pages, p["reason"]])
    return out


def _sheet_title(title: str, used: set[str]) -> str:
    """A valid, unique sheet name: at most 31 characters, none of []:*?/\\."""
    base = re.sub(r"[\[\]:*?/\\]", "_", title)[:31] or "表"
    name, n = base, 2
    while name in used:
        suffix = f"~{n}"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(name)
    return name


_HTML_STYLE = """
body { font-family: "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif;
       margin: 2em; color: #222; font-size: 10.5pt; }
h1 { font-size: 18pt; margin-bottom: 0.2em; }
h2 { font-size: 13pt; margin-top: 1.6em; border-bottom: 2px solid #1f4e79; padding-bottom: 0.2em; }
.meta { color: #555; margin-bottom: 1em; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; }
th, td { border: 1px solid #999; padding: 4px 6px; vertical-align: top; text-align: left; }
th { background: #ddebf7; }
td.num { text-align: right; white-space: nowrap; }
.sev-high { color: #b00020; font-weight: bold; }
.sev-medium { color: #c55a11; font-weight: bold; }
.ev { color: #444; font-size: 9pt; white-space: pre-wrap; }
.empty { color: #777; font-style: italic; }
@media print { body { margin: 0; } h2 { page-break-after: avoid; } tr { page-break-inside: avoid; } }
"""


def to_html(
    rows: Sequence[dict[str, Any]],
    extra: Sequence[str] = (),
    summary: Sequence[dict[str, Any]] = (),
    title: str = "审核发现汇总",
    note: str = "",
) -> str:
    """A self-contained page to print (or save as PDF from the browser) for follow-up: the
    summary table, then each document's findings with their evidence and the ``extra`` columns."""
    e = html.escape
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{e(title)}</title><style>{_HTML_STYLE}</style></head><body>",
        f"<h1>{e(title)}</h1>",
    ]
    if note:
        out.append(f'<div class="meta">{e(note)}</div>')
    if summary:
        keys = list(summary[0].keys())
        out.append("<h2>汇总</h2><table><tr>" + "".join(f"<th>{e(str(k))}</th>" for k in keys) + "</tr>")
        for s in summary:
            out.append("<tr>" + "".join(_td(s.get(k)) for k in keys) + "</tr>")
        out.append("</table>")
    docs = list(dict.fromkeys(r.get("doc", "") for r in rows))
    if not docs:
        out.append('<p class="empty">没有符合条件的发现。</p>')
    for doc in docs:
        mine = [r for r in rows if r.get("doc", "") == doc]
        out.append(f"<h2>{e(doc)}（{len(mine)} 条）</h2>")
        head = ["序号", "严重程度", "排序分", "规则", "标题与说明", "证据（原文）", *(HEADERS_ZH.get(k, k) for k in extra)]
        out.append("<table><tr>" + "".join(f"<th>{e(h)}</th>" for h in head) + "</tr>")
        for i, r in enumerate(mine, start=1):
            sev = r.get("severity", "")
            ev = "\n".join(evidence_line(x) for x in r.get("evidence") or [])
            cells = [
                f'<td class="num">{i}</td>',
                f'<td class="sev-{e(sev)}">{e(str(severity_label(sev)))}</td>',
                _td(r.get("score")),
                f"<td>{e(str(r.get('rule', '')))}</td>",
                f"<td><b>{e(str(r.get('title', '')))}</b><br>{e(str(r.get('message', '')))}</td>",
                f'<td class="ev">{e(ev)}</td>',
                *(_td(r.get(k)) for k in extra),
            ]
            out.append("<tr>" + "".join(cells) + "</tr>")
        out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _td(value: Any) -> str:
    if value is None:
        return "<td></td>"
    if isinstance(value, (int, float)):
        return f'<td class="num">{html.escape(str(value))}</td>'
    return f"<td>{html.escape(str(value))}</td>"
