"""Small PDFs made on the spot for the reader's edge cases (reportlab, no system font)."""

from __future__ import annotations

import io

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"


def _register_font() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def _canvas(buf, **kw) -> canvas.Canvas:
    _register_font()
    return canvas.Canvas(buf, pagesize=A4, invariant=1, **kw)


def text_pdf(lines: list[str], encrypt=None, font: str = FONT) -> bytes:
    buf = io.BytesIO()
    c = _canvas(buf, encrypt=encrypt)
    c.setFont(font, 11)
    y = A4[1] - 30 * mm
    for line in lines:
        c.drawString(25 * mm, y, line)
        y -= 18
    c.showPage()
    c.save()
    return buf.getvalue()


def pages_pdf(n: int) -> bytes:
    """``n`` pages of one sentence each (of a 部门决算, so that it is analysed as one)."""
    buf = io.BytesIO()
    c = _canvas(buf)
    for i in range(1, n + 1):
        c.setFont(FONT, 11)
        c.drawString(25 * mm, A4[1] - 30 * mm, f"本页是部门决算说明的第{i}部分。")
        c.showPage()
    c.save()
    return buf.getvalue()


def image_only_page_pdf() -> bytes:
    """Page 1 has text; page 2 is a scanned image (no text layer)."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    buf = io.BytesIO()
    c = _canvas(buf)
    c.setFont(FONT, 11)
    c.drawString(25 * mm, A4[1] - 30 * mm, "2023年度部门决算")
    c.drawString(25 * mm, A4[1] - 40 * mm, "本年收入合计362.62万元。")
    c.showPage()
    img = Image.new("RGB", (200, 100), "white")
    for x in range(20, 180):
        img.putpixel((x, 50), (0, 0, 0))
    c.drawImage(ImageReader(img), 25 * mm, A4[1] / 2, width=150 * mm, height=75 * mm)
    c.showPage()
    c.save()
    return buf.getvalue()


def ruled_table_pdf(*, white_line: bool = False, fake_bold: bool = False) -> bytes:
    """A 3×3 ruled table; optionally a white (invisible) rule through the middle of the label
    column, and labels printed twice 0.3 pt apart (fake bold)."""
    buf = io.BytesIO()
    c = _canvas(buf)
    c.setFont(FONT, 10)
    x = [60, 260, 360, 460]
    y = [700, 680, 660, 640]
    rows = [["科目名称", "合计", "基本支出"], ["行政运行", "45.83", "43"], ["事业运行", "25.28", "1.94"]]
    c.setStrokeColor(colors.black)
    for xi in x:
        c.line(xi, y[0], xi, y[-1])
    for yi in y:
        c.line(x[0], yi, x[-1], yi)
    if white_line:
        c.setStrokeColor(colors.white)
        c.line(160, y[0], 160, y[-1])
        c.setStrokeColor(colors.black)
    for r, row in enumerate(rows):
        for k, text in enumerate(row):
            c.drawString(x[k] + 4, y[r] - 14, text)
            if fake_bold and k == 0:
                c.drawString(x[k] + 4.3, y[r] - 14, text)
    c.showPage()
    c.save()
    return buf.getvalue()


def unruled_table_pdf() -> bytes:
    """A title, a 3-column table printed without any rule, and a sentence after it."""
    buf = io.BytesIO()
    c = _canvas(buf)
    c.setFont(FONT, 10)
    c.drawString(60, 760, "支出决算表")
    c.drawString(60, 738, "单位：万元")
    rows = [
        ["科目名称", "本年支出合计", "基本支出"],
        ["行政运行", "45.83", "43"],
        ["事业运行", "25.28", "1.94"],
        ["住房公积金", "15.13", "15.13"],
    ]
    for r, row in enumerate(rows):
        for k, text in enumerate(row):
            c.drawString([60, 260, 400][k], 720 - 18 * r, text)
    c.drawString(60, 620, "注：本表反映部门本年度各项支出情况。")
    c.showPage()
    c.save()
    return buf.getvalue()


def wrap_lines(text: str, width: float, size: float, first_indent: float) -> list[str]:
    """Lines of at most ``width`` points, broken between any two characters (numbers included),
    the way word processors set Chinese text."""
    _register_font()
    lines, line, limit = [], "", width - first_indent
    for ch in text:
        if line and pdfmetrics.stringWidth(line + ch, FONT, size) > limit:
            lines.append(line)
            line, limit = "", width
        line += ch
    if line:
        lines.append(line)
    return lines


def narrative_pdf(
    paragraphs: list[str],
    *,
    size: float = 12,
    leading: float = 2.0,
    indent: int = 2,
    paragraph_gap: float = 0,
    width: float = 158 * mm,
    lines_per_page: int | None = None,
) -> bytes:
    """Paragraphs typeset as departments publish them: the first line indented by ``indent``
    characters, lines ``leading`` × the font size apart (2.0: double-spaced), ``paragraph_gap``
    points more between paragraphs, lines broken anywhere (mid-number too), and paragraphs running
    on over page breaks (``lines_per_page`` lines a page)."""
    buf = io.BytesIO()
    c = _canvas(buf)
    left, top = 25 * mm, A4[1] - 25 * mm
    per_page = lines_per_page or int((top - 25 * mm) // (size * leading))
    y, on_page = top, 0
    for text in paragraphs:
        for k, line in enumerate(wrap_lines(text, width, size, indent * size)):
            if on_page == per_page:
                c.showPage()
                y, on_page = top, 0
            c.setFont(FONT, size)
            c.drawString(left + (indent * size if k == 0 else 0), y, line)
            y -= size * leading
            on_page += 1
        y -= paragraph_gap
    c.showPage()
    c.save()
    return buf.getvalue()


def clipped_flow_pdf(lines: list[str], first_page_lines: int) -> bytes:
    """A text box a word processor flowed over two pages by printing the whole box on each page,
    clipped to the part that page shows: page 1 shows the first ``first_page_lines`` lines, page 2
    the rest (its copy of the box is shifted up, the lines page 1 showed above the page's top edge
    or hidden by the clipping path)."""
    buf = io.BytesIO()
    c = _canvas(buf)
    size, step = 12, 20
    top = A4[1] - 30 * mm
    shown = first_page_lines * step
    for page in range(2):
        c.saveState()
        path = c.beginPath()
        if page == 0:
            path.rect(0, top - shown + step / 2, A4[0], shown + 30)
        else:
            path.rect(0, 0, A4[0], top + step / 2 - 4)
        c.clipPath(path, stroke=0, fill=0)
        c.setFont(FONT, size)
        y = top + (shown if page == 1 else 0)
        for line in lines:
            c.drawString(25 * mm, y, line)
            y -= step
        c.restoreState()
        c.showPage()
    c.save()
    return buf.getvalue()
