"""The annotated PDF: the original disclosure with each finding's evidence boxed in its severity's
colour, and a note on the box with the finding's message, its review status and the reviewer's
comment (what auditors know as tick-marks); summary pages in front list every finding with its
page. Built with pikepdf: the original pages are kept as they are, only annotations are added.

Boxes come from the findings' evidence (``page``, ``bbox`` in PDF points with a top-left origin,
as pdfplumber gives them); evidence with a page but no box gets a note at the page's top left
corner; findings with no page at all are only on the summary pages.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import pikepdf

from .export import SEVERITY_COLORS, severity_label

FONT = "STSong-Light"  # reportlab's built-in CID font: no system font needed (as audit_assist.render)
BOX_WIDTH = 1.5  # points


def _rgb(hex_colour: str) -> list[float]:
    return [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]


def note_text(row: dict[str, Any]) -> str:
    """What a finding's note says: severity, title, message, review status, reviewer, comment."""
    lines = [f"【{severity_label(row['severity'])}】{row['rule']} {row['title']}", row["message"]]
    lines.append(f"复核状态：{row.get('status') or '待复核'}")
    if row.get("reviewer"):
        lines.append(f"复核人：{row['reviewer']}")
    if row.get("reason"):
        lines.append(f"排除理由：{row['reason']}")
    if row.get("comment"):
        lines.append(f"意见：{row['comment']}")
    return "\n".join(lines)


def annotated_pdf(original: bytes, rows: Sequence[dict[str, Any]], *, title: str, note: str = "") -> bytes:
    """``original`` with ``rows`` (export rows of its findings: the contract fields plus
    ``status``, ``reviewer``, ``comment``, ``reason``) boxed on its pages, after summary pages."""
    pdf = pikepdf.open(io.BytesIO(original))
    pages = list(pdf.pages)
    for number, row in enumerate(rows, start=1):
        colour = _rgb(SEVERITY_COLORS[row["severity"]])
        text = note_text(row)
        for i, e in enumerate(row.get("evidence") or []):
            if not e.get("page") or not 1 <= e["page"] <= len(pages):
                continue
            page = pages[e["page"] - 1]
            name = f"audit-assist-{row['fingerprint']}-{i}"
            if e.get("bbox"):
                annot = _box(pdf, page, e["bbox"], colour, text, f"{number}. {row['rule']}", name)
            else:
                annot = _sticky(pdf, page, colour, text, f"{number}. {row['rule']}", name)
            if "/Annots" not in page.obj:
                page.obj.Annots = pdf.make_indirect(pikepdf.Array())
            page.obj.Annots.append(pdf.make_indirect(annot))
    front = pikepdf.open(io.BytesIO(summary_pages(rows, title=title, note=note)))
    for i, p in enumerate(front.pages):
        pdf.pages.insert(i, p)
    pdf.docinfo["/Title"] = pikepdf.String(title)
    pdf.docinfo["/Creator"] = pikepdf.String("audit-assist")
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def _rect(page: pikepdf.Page, bbox: Sequence[float]) -> list[float]:
    """A top-left-origin box (pdfplumber) as a PDF rectangle on ``page``, a little outside the text."""
    x0, top, x1, bottom = bbox
    left, _, _, upper = (float(v) for v in page.mediabox)
    pad = 2.0
    return [left + x0 - pad, upper - bottom - pad, left + x1 + pad, upper - top + pad]


def _appearance(pdf: pikepdf.Pdf, width: float, height: float, colour: list[float]) -> pikepdf.Stream:
    """The box as drawn (viewers that do not draw Square annotations themselves use it)."""
    inset = BOX_WIDTH / 2
    r, g, b = colour
    content = f"{r:.3f} {g:.3f} {b:.3f} RG {BOX_WIDTH} w {inset} {inset} {width - BOX_WIDTH:.2f} {height - BOX_WIDTH:.2f} re S"
    stream = pikepdf.Stream(pdf, content.encode("ascii"))
    stream.Type, stream.Subtype = pikepdf.Name.XObject, pikepdf.Name.Form
    stream.BBox = [0, 0, width, height]
    return stream


def _box(pdf, page, bbox, colour, text: str, label: str, name: str) -> pikepdf.Dictionary:
    rect = _rect(page, bbox)
    width, height = rect[2] - rect[0], rect[3] - rect[1]
    return pikepdf.Dictionary(
        Type=pikepdf.Name.Annot,
        Subtype=pikepdf.Name.Square,
        Rect=rect,
        C=colour,
        BS=pikepdf.Dictionary(W=BOX_WIDTH, S=pikepdf.Name.S),
        Contents=pikepdf.String(text),
        T=pikepdf.String(label),
        NM=pikepdf.String(name),
        F=4,  # print
        AP=pikepdf.Dictionary(N=_appearance(pdf, width, height, colour)),
    )


def _sticky(pdf, page, colour, text: str, label: str, name: str) -> pikepdf.Dictionary:
    left, _, _, upper = (float(v) for v in page.mediabox)
    return pikepdf.Dictionary(
        Type=pikepdf.Name.Annot,
        Subtype=pikepdf.Name.Text,
        Rect=[left + 8, upper - 28, left + 28, upper - 8],
        C=colour,
        Name=pikepdf.Name.Comment,
        Contents=pikepdf.String(text),
        T=pikepdf.String(label),
        NM=pikepdf.String(name),
        F=4,
    )


def summary_pages(rows: Sequence[dict[str, Any]], *, title: str, note: str = "") -> bytes:
    """The pages in front: the title, the counts by severity and review status, and one line per
    finding with its pages, in the order of the boxes' numbers."""
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    h1 = ParagraphStyle("h1", fontName=FONT, fontSize=16, leading=22, spaceAfter=6)
    body = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=14, wordWrap="CJK")
    cell = ParagraphStyle("cell", fontName=FONT, fontSize=8, leading=10.5, wordWrap="CJK")
    severities = list(SEVERITY_COLORS)
    counts = "，".join(f"{severity_label(s)} {sum(r['severity'] == s for r in rows)}" for s in severities)
    statuses: dict[str, int] = {}
    for r in rows:
        statuses[r.get("status") or "待复核"] = statuses.get(r.get("status") or "待复核", 0) + 1
    story: list = [Paragraph(escape(title), h1)]
    if note:
        story.append(Paragraph(escape(note), body))
    story.append(
        Paragraph(
            f"发现 {len(rows)} 条：{counts}。复核状态：{escape('，'.join(f'{k} {v}' for k, v in statuses.items()))}。", body
        )
    )
    story.append(
        Paragraph(
            "原文各页上，每条发现的证据用其严重程度的颜色框出（"
            + "、".join(f'<font color="{SEVERITY_COLORS[s]}">{severity_label(s)}</font>' for s in severities)
            + "）；点击框上的批注可查看说明、复核状态与意见。",
            body,
        )
    )
    story.append(Spacer(1, 4 * mm))
    data = [[Paragraph(h, cell) for h in ("序号", "严重程度", "规则", "说明", "页码", "复核状态")]]
    style = [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#ddebf7")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    for i, r in enumerate(rows, start=1):
        pages = "、".join(dict.fromkeys(str(e["page"]) for e in r.get("evidence") or [] if e.get("page"))) or "—"
        status = r.get("status") or "待复核"
        if r.get("comment"):
            status += f"；意见：{r['comment']}"
        data.append(
            [
                Paragraph(str(i), cell),
                Paragraph(escape(severity_label(r["severity"]) or ""), cell),
                Paragraph(escape(r["rule"]), cell),
                Paragraph(escape(r["message"]), cell),
                Paragraph(pages, cell),
                Paragraph(escape(status), cell),
            ]
        )
        style.append(("TEXTCOLOR", (1, i), (1, i), colors.HexColor(SEVERITY_COLORS[r["severity"]])))
    if rows:
        table = Table(data, colWidths=[10 * mm, 14 * mm, 16 * mm, 95 * mm, 14 * mm, 25 * mm], repeatRows=1)
        table.setStyle(TableStyle(style))
        story.append(table)
    else:
        story.append(Paragraph("没有符合条件的发现。", body))
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, leftMargin=14 * mm, rightMargin=14 * mm, topMargin=16 * mm, bottomMargin=16 * mm,
                      title=title, author="audit-assist", invariant=1).build(story)  # fmt: skip
    return buf.getvalue()
