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


def _canvas(buf, **kw) -> canvas.Canvas:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
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
