"""Render a disclosure (paragraphs and tables, as the text reader gives them) to PDF, DOCX and
XLSX, the way departments publish them: ruled tables with merged multi-level headers, long item
names wrapping inside their cells, tables running over page breaks, wide tables on landscape
pages, a page number at the foot of every page.

Used by ``scripts/render_samples.py`` for ``sample_docs/`` and by the tests' document generator.
The PDFs use reportlab's built-in CID font ``STSong-Light`` and ``invariant=1``: no system font is
needed and the same input gives byte-identical files.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from xml.sax.saxutils import escape

from extract.blocks import RawDocument, RawTable, TextBlock
from extract.builder import stitch_blocks
from extract.tables import split_header

FONT = "STSong-Light"
_NO_GLYPH = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")  # not in the CID font: print as plain digits


def _pdf_text(text: str) -> str:
    return escape(text.translate(_NO_GLYPH))


WIDE_COLUMNS = 8  # tables with more columns go on a landscape page


def _grid(table: RawTable) -> list[list[str]]:
    width = max(len(r) for r in table.rows)
    return [[c.text for c in r] + [""] * (width - len(r)) for r in table.rows]


def header_spans(grid: list[list[str]]) -> list[tuple[int, int, int, int]]:
    """(col0, row0, col1, row1) merges for the header rows, as a publisher would draw them:
    a header cell spans the blank cells to its right when the row below has its own labels
    there, and the blank cells below it when nothing is written under it."""
    header, _, _ = split_header(grid, "")
    n = len(header)
    if n < 2:
        return []
    width = len(grid[0])
    taken = [[False] * width for _ in range(n)]
    spans = []
    for r in range(n):
        for c in range(width):
            if taken[r][c] or not grid[r][c].strip():
                continue
            c1 = c
            while (
                c1 + 1 < width
                and not grid[r][c1 + 1].strip()
                and not taken[r][c1 + 1]
                and r + 1 < n
                and any(grid[k][c1 + 1].strip() for k in range(r + 1, n))
            ):
                c1 += 1
            r1 = r
            while r1 + 1 < n and all(not grid[r1 + 1][k].strip() and not taken[r1 + 1][k] for k in range(c, c1 + 1)):
                r1 += 1
            if c1 > c or r1 > r:
                spans.append((c, r, c1, r1))
                for rr in range(r, r1 + 1):
                    for cc in range(c, c1 + 1):
                        taken[rr][cc] = True
    return spans


# ---------------------------------------------------------------- PDF


def to_pdf(raw: RawDocument, title: str = "") -> bytes:
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

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    body = ParagraphStyle("body", fontName=FONT, fontSize=10.5, leading=15, spaceBefore=5, wordWrap="CJK")
    cell = ParagraphStyle("cell", fontName=FONT, fontSize=8, leading=10, wordWrap="CJK")
    head = ParagraphStyle("head", parent=cell, alignment=TA_CENTER)

    def footer(canvas, doc):
        canvas.saveState()
        canvas.setFont(FONT, 9)
        w, _ = canvas._pagesize
        canvas.drawCentredString(w / 2, 10 * mm, f"第 {doc.page} 页")
        canvas.restoreState()

    buf = io.BytesIO()
    portrait_size, landscape_size = A4, landscape(A4)
    margin = 18 * mm
    doc = BaseDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        invariant=1,
        title=title,
        author="audit-assist",
    )
    doc.addPageTemplates(
        [
            PageTemplate(
                "portrait",
                [Frame(margin, margin, portrait_size[0] - 2 * margin, portrait_size[1] - 2 * margin, id="p")],
                onPage=footer,
                pagesize=portrait_size,
            ),
            PageTemplate(
                "landscape",
                [Frame(margin, margin, landscape_size[0] - 2 * margin, landscape_size[1] - 2 * margin, id="l")],
                onPage=footer,
                pagesize=landscape_size,
            ),
        ]
    )
    story: list = []
    orientation = "portrait"
    for block in stitch_blocks(raw.blocks):
        if isinstance(block, TextBlock):
            story.append(Paragraph(_pdf_text(block.text), body))
            continue
        grid = _grid(block)
        width = len(grid[0])
        want = "landscape" if width >= WIDE_COLUMNS else "portrait"
        if want != orientation:
            story += [NextPageTemplate(want), PageBreak()]
            orientation = want
        avail = (landscape_size if want == "landscape" else portrait_size)[0] - 2 * margin
        header_rows = len(split_header(grid, "")[0])
        data = [[Paragraph(_pdf_text(t), head if r < header_rows else cell) for t in row] for r, row in enumerate(grid)]
        style = [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 2),
            # room for the closing bracket CJK wrapping lets hang past the line end
            ("RIGHTPADDING", (0, 0), (-1, -1), 9),
        ]
        for c0, r0, c1, r1 in header_spans(grid):
            style.append(("SPAN", (c0, r0), (c1, r1)))
        story.append(Table(data, colWidths=_col_widths(grid, avail), style=TableStyle(style), splitByRow=1))
        story.append(Spacer(1, 8))
    doc.build(story)
    return buf.getvalue()


def _col_widths(grid: list[list[str]], avail: float) -> list[float]:
    """Widths in proportion to the longest text of each column, capped so that long item names
    wrap (as they do in published tables) and numbers never do."""
    want = []
    for c in range(len(grid[0])):
        longest = max((_text_width(row[c]) for row in grid), default=1)
        want.append(min(max(longest, 4.0), 11.0))
    total = sum(want)
    return [avail * w / total for w in want]


def _text_width(text: str) -> float:
    return sum(1.0 if ord(ch) > 0x2E80 else 0.55 for ch in text.strip())


# ---------------------------------------------------------------- DOCX


def to_docx(raw: RawDocument, title: str = "") -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.oxml.ns import qn
    from docx.shared import Pt

    d = Document()
    props = d.core_properties
    props.title, props.author = title, "audit-assist"
    props.created = props.modified = props.last_printed = datetime(2024, 1, 1)
    style = d.styles["Normal"]
    style.font.name = "SimSun"
    style.font.size = Pt(10.5)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "SimSun")
    orientation = "portrait"
    for block in stitch_blocks(raw.blocks):
        if isinstance(block, TextBlock):
            d.add_paragraph(block.text)
            continue
        grid = _grid(block)
        width = len(grid[0])
        want = "landscape" if width >= WIDE_COLUMNS else "portrait"
        if want != orientation:
            section = d.add_section(WD_SECTION.NEW_PAGE)
            section.orientation = WD_ORIENT.LANDSCAPE if want == "landscape" else WD_ORIENT.PORTRAIT
            section.page_width, section.page_height = section.page_height, section.page_width
            orientation = want
        table = d.add_table(rows=len(grid), cols=width)
        table.style = "Table Grid"
        for r, row in enumerate(grid):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        for c0, r0, c1, r1 in header_spans(grid):
            table.cell(r0, c0).merge(table.cell(r1, c1))
    buf = io.BytesIO()
    d.save(buf)
    return _fixed_zip_times(buf.getvalue())


def _fixed_zip_times(data: bytes) -> bytes:
    """The same archive with every member dated 1980-01-01, so that renders are reproducible."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


# ---------------------------------------------------------------- XLSX


_NOTE = re.compile(r"^(注|说明|备注)[:：\s\d.、]")


def to_xlsx(raw: RawDocument) -> bytes:
    """One sheet per table, its title, number and unit lines above it and its notes (注：… and the
    sentences that follow it) below it, as departments publish their tables as workbooks. The
    narrative is not part of a workbook."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Side

    from extract.numbers import parse_cell

    wb = Workbook()
    wb.remove(wb.active)
    thin = Side(style="thin")
    pending: list[str] = []
    ws = None
    below = False  # the text after a table is its note, under it on its sheet
    for block in stitch_blocks(raw.blocks):
        if isinstance(block, TextBlock):
            text = block.text.strip()
            if ws is not None and not pending and not below and _NOTE.match(text):
                below = True
                ws.append([])  # a blank row between the grid and its notes
            elif below and not text.endswith("。"):
                below = False
            if below:
                ws.append([text])
            else:
                pending.append(block.text)
            continue
        below = False
        grid = _grid(block)
        ws = wb.create_sheet(f"表{len(wb.sheetnames) + 1}")
        context = [t for t in pending[-6:] if len(t) <= 60 and not t.endswith("。")]  # titles, not sentences
        for text in context:
            ws.append([text])
        top = len(context) + 1
        header_rows = len(split_header(grid, "")[0])
        for r, row in enumerate(grid):
            for c, text in enumerate(row):
                cell = ws.cell(row=top + r, column=c + 1)
                p = parse_cell(text)
                plain = text.strip().replace(",", "")
                is_code = plain.isdigit() and (plain.startswith("0") or len(plain) in (3, 5, 7))
                if r >= header_rows and p.kind == "number" and not is_code:
                    cell.value = float(p.value) if "." in plain else int(p.value)
                elif text:
                    cell.value = text
                    cell.data_type = "s"  # "=15人" is a value, not a formula
        for c0, r0, c1, r1 in header_spans(grid):
            ws.merge_cells(start_row=top + r0, start_column=c0 + 1, end_row=top + r1, end_column=c1 + 1)
        for row in ws.iter_rows(min_row=top, max_row=top + len(grid) - 1):
            for c in row:
                c.border = Border(left=thin, right=thin, top=thin, bottom=thin)
                c.alignment = Alignment(wrap_text=True, vertical="center")
        pending = []
    if not wb.sheetnames:  # a report without tables: its title lines on one sheet
        ws = wb.create_sheet("说明")
        for b in raw.blocks[:3]:
            ws.append([b.text])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
