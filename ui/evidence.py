"""Showing a finding's evidence: the PDF page with the boxes drawn on it, the table with the
involved cells highlighted, and the narrative sentence in its paragraph."""

from __future__ import annotations

import html
import io
from dataclasses import dataclass

import pandas as pd
import streamlit as st
from PIL import Image, ImageDraw

from models import BBox, Document, Evidence, Finding, Row, Table

RESOLUTION = 144  # dpi: sharp enough to read 8 pt table text, small enough to send quickly

# Evidence roles → colours (outline, fill for table cells).
ROLE_COLORS = {
    "stated": ("#d32f2f", "#ffcdd2"),
    "total": ("#d32f2f", "#ffcdd2"),
    "expected": ("#2e7d32", "#c8e6c9"),
    "computed": ("#2e7d32", "#c8e6c9"),
    "component": ("#1565c0", "#bbdefb"),
    "context": ("#757575", "#eeeeee"),
}
DEFAULT_COLOR = ("#6a1b9a", "#e1bee7")
ROLE_LABELS = {
    "stated": "列示数",
    "total": "合计",
    "expected": "复算依据",
    "computed": "复算",
    "component": "分项",
    "context": "上下文",
}


def role_color(role: str) -> tuple[str, str]:
    return ROLE_COLORS.get(role, DEFAULT_COLOR)


def role_label(role: str) -> str:
    return ROLE_LABELS.get(role, role or "证据")


@st.cache_data(show_spinner=False, max_entries=64)
def page_png(sha: str, page: int, resolution: int, _data: bytes) -> bytes:
    """One page of a PDF as PNG, cached by the file's hash and the page number."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(_data)
    try:
        bitmap = pdf[page - 1].render(scale=resolution / 72)
        img = bitmap.to_pil()
    finally:
        pdf.close()
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=False)
    return buf.getvalue()


@dataclass(frozen=True)
class Box:
    bbox: BBox
    role: str
    strong: bool  # a cell or a sentence (drawn filled); a whole row is only outlined


def find_row(table: Table, index: int | None) -> Row | None:
    if index is None:
        return None
    return next((r for r in table.rows if r.index == index), None)


def boxes_on(doc: Document, finding: Finding, page: int, of_doc: str = "") -> list[Box]:
    """What to draw on one page: the involved cells where the evidence names them, else the
    evidence's own box (``of_doc``: the evidence from that other document of the finding)."""
    out: list[Box] = []
    for e in finding.evidence:
        if e.doc != of_doc:
            continue
        table = doc.table(e.table) if e.table else None
        row = find_row(table, e.row) if table else None
        cells = [row.cells[c] for c in e.cols if row and c < len(row.cells)]
        cell_boxes = [c.bbox for c in cells if c.bbox and c.page == page]
        if row is not None and row.page == page and row.bbox:
            out.append(Box(row.bbox, e.role, strong=not cell_boxes))
        elif e.page == page and e.bbox:
            out.append(Box(e.bbox, e.role, strong=True))
        out += [Box(b, e.role, strong=True) for b in cell_boxes]
    return out


def draw(png: bytes, boxes: list[Box], resolution: int) -> Image.Image:
    img = Image.open(io.BytesIO(png)).convert("RGB")
    overlay = Image.new("RGBA", img.size, (0, 0, 0, 0))
    pen = ImageDraw.Draw(overlay)
    scale = resolution / 72
    for b in sorted(boxes, key=lambda b: b.strong):
        outline, fill = role_color(b.role)
        x0, top, x1, bottom = (v * scale for v in b.bbox)
        rect = (x0 - 2, top - 2, x1 + 2, bottom + 2)
        if b.strong:
            pen.rectangle(rect, fill=_rgba(outline, 45), outline=_rgba(outline, 255), width=3)
        else:
            pen.rectangle(rect, outline=_rgba(outline, 200), width=2)
    return Image.alpha_composite(img.convert("RGBA"), overlay).convert("RGB")


def crop_to(img: Image.Image, boxes: list[Box], resolution: int, margin_pt: float = 90) -> Image.Image:
    """The band of the page around the boxes, at the page's full width (cutting the sides would
    blow a short sentence up to the width of the screen)."""
    if not boxes:
        return img
    scale = resolution / 72
    top = max(0, int((min(b.bbox[1] for b in boxes) - margin_pt) * scale))
    bottom = min(img.height, int((max(b.bbox[3] for b in boxes) + margin_pt) * scale))
    return img.crop((0, top, img.width, bottom))


def _rgba(hex_color: str, alpha: int) -> tuple[int, int, int, int]:
    h = hex_color.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16), alpha


def legend(roles: list[str]) -> str:
    parts = []
    for role in dict.fromkeys(roles):
        outline, fill = role_color(role)
        parts.append(
            f'<span style="display:inline-block;width:0.9em;height:0.9em;background:{fill};'
            f'border:2px solid {outline};vertical-align:middle;margin-right:0.25em"></span>{html.escape(role_label(role))}'
        )
    return "　".join(parts)


# ------------------------------------------------------------------ tables


def table_frame(table: Table) -> pd.DataFrame:
    """The table as printed: one column per table column (headers made unique), row numbers as
    the index (the row index that findings name)."""
    width = max([len(table.columns)] + [len(r.cells) for r in table.rows] or [0])
    names: list[str] = []
    for i in range(width):
        col = next((c for c in table.columns if c.index == i), None)
        name = (col.header if col and col.header else "") or f"第{i + 1}列"
        while name in names:
            name += " "
        names.append(name)
    data = [[(r.cells[i].text if i < len(r.cells) else "") for i in range(width)] for r in table.rows]
    return pd.DataFrame(data, columns=names, index=[r.index for r in table.rows])


def involved(finding: Finding, table_id: str) -> dict[int, dict[int, str]]:
    """row index → {column index → role} of the cells the finding names in that table
    (a row named without columns maps to {})."""
    out: dict[int, dict[int, str]] = {}
    for e in finding.evidence:
        if e.table != table_id or e.row is None:
            continue
        cols = out.setdefault(e.row, {})
        for c in e.cols:
            cols.setdefault(c, e.role)
    return out


def styled_table(table: Table, finding: Finding, window: int | None = 3):
    """The table with the involved rows tinted and the involved cells coloured by role; with
    ``window``, only the rows around the involved ones (and the first row)."""
    frame = table_frame(table)
    marks = involved(finding, table.id)
    if window is not None and marks:
        keep = set()
        positions = {r.index: pos for pos, r in enumerate(table.rows)}
        for idx in marks:
            pos = positions.get(idx)
            if pos is not None:
                keep.update(range(max(0, pos - window), min(len(table.rows), pos + window + 1)))
        frame = frame.iloc[sorted(keep)]
    roles = {idx: cols for idx, cols in marks.items()}

    def paint(row: pd.Series) -> list[str]:
        cols = roles.get(row.name)
        if cols is None:
            return [""] * len(row)
        styles = []
        for i in range(len(row)):
            if i in cols:
                outline, fill = role_color(cols[i])
                styles.append(f"background-color: {fill}; color: #000; font-weight: bold; border: 2px solid {outline}")
            else:
                styles.append("background-color: #fff8e1; color: #000")
        return styles

    return frame.style.apply(paint, axis=1)


# ------------------------------------------------------------------ narrative


def paragraph_with(doc: Document, e: Evidence) -> tuple[int, str] | None:
    """The paragraph containing the evidence text, as HTML with the text marked."""
    needle = e.text.strip()
    if not needle:
        return None
    for p in doc.paragraphs:
        at = p.text.find(needle)
        if at >= 0:
            before, after = p.text[:at], p.text[at + len(needle) :]
            marked = f"{html.escape(before)}<mark style='background:#ffe082'>{html.escape(needle)}</mark>{html.escape(after)}"
            return p.index, marked
    return None
