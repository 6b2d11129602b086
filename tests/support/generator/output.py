"""Blocks → the bytes of a file, in the shapes departments publish.

- ``txt``: text with tab-separated table rows (a PDF-to-text conversion);
- ``cells``: a Word export, one cell per line after a tab, rows apart by blank lines;
- ``md``: Markdown tables;
- ``pdf``: reportlab, tables ruled, boxed only or unruled, merged header cells, names wrapping in
  their cells, wide tables on landscape pages, tables running over page breaks, the narrative set
  as paragraphs or hard-wrapped in fixed, double-spaced lines (numbers split across lines);
- ``docx``: python-docx, ruled tables with merged header cells; ``xlsx``: the product's own renderer
  (``audit_assist.render.to_xlsx``), one sheet per table with its title lines, no narrative.
"""

from __future__ import annotations

import io
from datetime import datetime
from xml.sax.saxutils import escape

from .layout import Block, Para, Style

FORMATS = ("txt", "cells", "md", "pdf", "docx", "xlsx")
SUFFIX = {"txt": ".txt", "cells": ".txt", "md": ".md", "pdf": ".pdf", "docx": ".docx", "xlsx": ".xlsx"}


def text_of(blocks: list[Block]) -> str:
    """The document as text with tab-separated rows: what every needle is a substring of."""
    parts = []
    for b in blocks:
        parts.append(b.text if isinstance(b, Para) else "\n".join("\t".join(r) for r in b.rows))
    return "\n\n".join(parts) + "\n"


def render(blocks: list[Block], fmt: str, style: Style, title: str) -> bytes:
    if fmt == "txt":
        return text_of(blocks).encode("utf-8")
    if fmt == "cells":
        return _cells(blocks).encode("utf-8")
    if fmt == "md":
        return _markdown(blocks).encode("utf-8")
    if fmt == "pdf":
        return _pdf(blocks, style, title)
    if fmt == "docx":
        return _docx(blocks, title)
    from audit_assist.render import to_xlsx

    return _stable_xlsx(to_xlsx(_raw(blocks)))


def _stable_xlsx(data: bytes) -> bytes:
    """The workbook with its creation and modification times fixed (openpyxl stamps the clock)."""
    import re
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2024-01-01T00:00:00Z", content)
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, content)
    return out.getvalue()


def _cells(blocks: list[Block]) -> str:
    out = []
    for b in blocks:
        if isinstance(b, Para):
            out.append(b.text)
            continue
        out.append("\n\n".join("\n".join("\t" + c for c in row) for row in b.rows))
    return "\n\n".join(out) + "\n"


def _markdown(blocks: list[Block]) -> str:
    out = []
    for b in blocks:
        if isinstance(b, Para):
            out.append(b.text)
            continue
        lines = ["| " + " | ".join(row) + " |" for row in b.rows]
        lines.insert(1, "|" + "|".join("-" * max(3, len(c)) for c in b.rows[0]) + "|")
        out.append("\n".join(lines))
    return "\n\n".join(out) + "\n"


def _docx(blocks: list[Block], title: str) -> bytes:
    """As ``audit_assist.render.to_docx`` (ruled tables, merged header cells, landscape sections for
    wide tables, fixed dates), filling each row's cells once: its ``table.cell(r, c)`` lookups
    walk the whole table each time, which takes seconds on a long 绩效 form."""
    from docx import Document
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.oxml.ns import qn
    from docx.shared import Pt

    from audit_assist.render import WIDE_COLUMNS, _fixed_zip_times, header_spans

    d = Document()
    props = d.core_properties
    props.title, props.author = title, "audit-assist"
    props.created = props.modified = props.last_printed = datetime(2024, 1, 1)
    style = d.styles["Normal"]
    style.font.name = "SimSun"
    style.font.size = Pt(10.5)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "SimSun")
    orientation = "portrait"
    for b in blocks:
        if isinstance(b, Para):
            d.add_paragraph(b.text)
            continue
        width = len(b.rows[0])
        want = "landscape" if width >= WIDE_COLUMNS else "portrait"
        if want != orientation:
            section = d.add_section(WD_SECTION.NEW_PAGE)
            section.orientation = WD_ORIENT.LANDSCAPE if want == "landscape" else WD_ORIENT.PORTRAIT
            section.page_width, section.page_height = section.page_height, section.page_width
            orientation = want
        table = d.add_table(rows=len(b.rows), cols=width)
        table.style = "Table Grid"
        cells = [row.cells for row in table.rows]
        for r, row in enumerate(b.rows):
            for c, text in enumerate(row):
                cells[r][c].text = text
        if b.header >= 2:
            for c0, r0, c1, r1 in header_spans(b.rows):
                cells[r0][c0].merge(cells[r1][c1])
    buf = io.BytesIO()
    d.save(buf)
    return _fixed_zip_times(buf.getvalue())


def _raw(blocks: list[Block]):
    from extract.blocks import RawCell, RawDocument, RawTable, TextBlock

    raw = RawDocument()
    for b in blocks:
        if isinstance(b, Para):
            raw.blocks.append(TextBlock(b.text))
        else:
            raw.blocks.append(RawTable([[RawCell(c) for c in row] for row in b.rows]))
    return raw


# ---------------------------------------------------------------------------------------- PDF

WRAP_CHARS = 26  # characters per line of a hard-wrapped narrative (a full-width character counts 1, a digit ½)


def hard_wrap(text: str, width: float = WRAP_CHARS) -> list[str]:
    """Fixed-width lines, breaking wherever the width runs out: inside numbers too."""
    lines, line, used = [], "", 2.0  # the first line is indented by two characters
    for ch in text:
        w = 0.5 if ord(ch) < 0x2E80 else 1.0
        if used + w > width:
            lines.append(line)
            line, used = "", 0.0
        line += ch
        used += w
    lines.append(line)
    return lines


def _pdf(blocks: list[Block], style: Style, title: str) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import (
        BaseDocTemplate,
        Frame,
        NextPageTemplate,
        PageBreak,
        PageTemplate,
        Paragraph,
        Spacer,
        Table,
        TableStyle,
    )

    from audit_assist.render import WIDE_COLUMNS, _col_widths, header_spans
    from support.pdfs import FONT

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    wrapped = style.pdf_wrap
    body = ParagraphStyle("body", fontName=FONT, fontSize=14 if wrapped else 10.5, leading=28 if wrapped else 15, spaceBefore=4,
                          wordWrap="CJK")  # fmt: skip
    heading = ParagraphStyle("heading", parent=body, fontSize=14 if wrapped else 11.5)
    big = ParagraphStyle("title", parent=body, fontSize=18, leading=26, alignment=TA_CENTER)
    cell = ParagraphStyle("cell", fontName=FONT, fontSize=8, leading=10, wordWrap="CJK")
    head = ParagraphStyle("head", parent=cell, alignment=TA_CENTER)

    def footer(canvas, doc):
        canvas.saveState()
        canvas.setFont(FONT, 9)
        w, _ = canvas._pagesize
        canvas.drawCentredString(w / 2, 10 * mm, f"- {doc.page} -" if wrapped else f"第 {doc.page} 页")
        canvas.restoreState()

    buf = io.BytesIO()
    margin = 20 * mm
    portrait_size, landscape_size = A4, landscape(A4)
    doc = BaseDocTemplate(buf, pagesize=A4, leftMargin=margin, rightMargin=margin, topMargin=margin, bottomMargin=margin,
                          invariant=1, title=title, author="audit-assist")  # fmt: skip
    doc.addPageTemplates(
        [
            PageTemplate(
                "portrait",
                [Frame(margin, margin, portrait_size[0] - 2 * margin, portrait_size[1] - 2 * margin, id="p")],
                onPage=footer,
                pagesize=portrait_size,
            ),  # fmt: skip
            PageTemplate(
                "landscape",
                [Frame(margin, margin, landscape_size[0] - 2 * margin, landscape_size[1] - 2 * margin, id="l")],
                onPage=footer,
                pagesize=landscape_size,
            ),  # fmt: skip
        ]
    )
    story: list = []
    orientation = "portrait"
    for b in blocks:
        if isinstance(b, Para):
            if b.role in ("heading", "title") and orientation == "landscape":  # the text goes back to portrait pages
                story += [NextPageTemplate("portrait"), PageBreak()]
                orientation = "portrait"
            for line in b.text.split("\n"):
                if b.role == "title":
                    story.append(Paragraph(escape(line), big))
                elif wrapped and b.role == "body" and len(line) > WRAP_CHARS:
                    lines = hard_wrap(line)
                    story.append(Paragraph("&#12288;&#12288;" + "<br/>".join(escape(x) for x in lines), body))
                else:
                    story.append(Paragraph(escape(line), heading if b.role == "heading" else body))
            continue
        width = len(b.rows[0])
        want = "landscape" if width >= WIDE_COLUMNS else "portrait"
        if want != orientation:
            story += [NextPageTemplate(want), PageBreak()]
            orientation = want
        avail = (landscape_size if want == "landscape" else portrait_size)[0] - 2 * margin
        data = [[Paragraph(escape(t), head if r < b.header else cell) for t in row] for r, row in enumerate(b.rows)]
        commands = [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ("RIGHTPADDING", (0, 0), (-1, -1), 9),
        ]
        if style.pdf_rules == "grid" or b.form:
            commands.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
        elif style.pdf_rules == "box":
            commands.append(("BOX", (0, 0), (-1, -1), 0.8, colors.black))
            if b.header:
                commands.append(("LINEBELOW", (0, b.header - 1), (-1, b.header - 1), 0.5, colors.black))
        if b.header >= 2:
            commands += [("SPAN", (c0, r0), (c1, r1)) for c0, r0, c1, r1 in header_spans(b.rows)]
        story.append(Table(data, colWidths=_col_widths(b.rows, avail), style=TableStyle(commands), splitByRow=1,
                           repeatRows=b.header if style.pdf_rules == "box" else 0))  # fmt: skip
        story.append(Spacer(1, 8))
    doc.build(story)
    return buf.getvalue()
