"""Plain-text and Markdown disclosures, in the shapes PDF/Word-to-text converters give.

Three table shapes occur (see ../shared/seeds):
- tab-separated rows, one row per line (blank lines may sit inside a table at page breaks);
- Word exports with one cell per line, each cell line starting with a tab and rows separated by
  blank lines (a parenthesised line between cell lines continues the cell before it);
- Markdown tables (``| a | b |``), a table split over pages giving two tables in a row.
Every other non-empty line is a paragraph.
"""

from __future__ import annotations

import re

from .blocks import RawCell, RawDocument, RawTable, TextBlock

_MD_SEP = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-*:?\s*)*\|?\s*$")
_EMPHASIS = re.compile(r"\*\*(.+?)\*\*")
_CONTINUATION = re.compile(r"^(?!.*单位[:：]).{1,30}$")
_TITLE_CELL = re.compile(r"^.{2,40}表$")


def read_text(data: bytes) -> RawDocument:
    text = decode(data)
    return parse_text(text)


def decode(data: bytes) -> str:
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def parse_text(text: str) -> RawDocument:
    lines = [_EMPHASIS.sub(r"\1", ln.rstrip("\r\n")) for ln in text.split("\n")]
    doc = RawDocument()
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        stripped = line.strip()
        if not stripped and "\t" not in line:
            i += 1
            continue
        if stripped.startswith("|") and stripped.count("|") >= 2:
            i = _read_markdown(lines, i, doc)
        elif "\t" in line and _is_cell_line(line):
            i = _read_cell_per_line(lines, i, doc)
        elif "\t" in line:
            i = _read_tsv(lines, i, doc)
        else:
            doc.blocks.append(TextBlock(stripped))
            i += 1
    return doc


def _is_cell_line(line: str) -> bool:
    return line.startswith("\t") and line.count("\t") == 1


def _next_nonblank(lines: list[str], i: int) -> int:
    while i < len(lines) and not lines[i].strip() and "\t" not in lines[i]:
        i += 1
    return i


def _cells(texts: list[str]) -> list[RawCell]:
    return [RawCell(t.strip()) for t in texts]


def _read_markdown(lines: list[str], i: int, doc: RawDocument) -> int:
    rows: list[list[RawCell]] = []
    while i < len(lines):
        s = lines[i].strip()
        if not (s.startswith("|") and s.count("|") >= 2):
            break
        if not _MD_SEP.match(s):
            body = s[1:-1] if s.endswith("|") else s[1:]
            rows.append(_cells(body.split("|")))
        i += 1
    if rows:
        doc.blocks.append(RawTable(rows))
    return i


def _read_tsv(lines: list[str], i: int, doc: RawDocument) -> int:
    rows: list[list[RawCell]] = []
    while i < len(lines):
        line = lines[i]
        if "\t" in line and not _is_cell_line(line):
            rows.append(_cells(line.split("\t")))
            i += 1
            continue
        j = _next_nonblank(lines, i)
        # a blank line inside a table (page break in the original): the table goes on
        if j > i and j < len(lines) and "\t" in lines[j] and not _is_cell_line(lines[j]):
            i = j
            continue
        break
    doc.blocks.append(RawTable(rows))
    return i


def _read_cell_per_line(lines: list[str], i: int, doc: RawDocument) -> int:
    rows: list[list[str]] = []
    row: list[str] = []

    def flush_row() -> None:
        nonlocal row
        if row:
            rows.append(row)
        row = []

    def flush_table() -> None:
        flush_row()
        body = [r for r in rows if any(c.strip() for c in r)]
        if body:
            doc.blocks.append(RawTable([_cells(r) for r in body]))
        rows.clear()

    n = len(lines)
    while i < n:
        line = lines[i]
        if _is_cell_line(line):
            cell = line[1:].strip()
            if not row and _TITLE_CELL.match(cell) and _is_title_row(lines, i):
                # "\t项目支出绩效目标完成情况表" on a row of its own is the next table's title
                flush_table()
                doc.blocks.append(TextBlock(cell))
                i += 1
                continue
            row.append(cell)
            i += 1
            continue
        if not line.strip():
            j = _next_nonblank(lines, i)
            if j < n and _is_cell_line(lines[j]):
                flush_row()
                i = j
                continue
            if j < n and row and _CONTINUATION.match(lines[j].strip()) and _cell_follows(lines, j + 1):
                row[-1] = row[-1] + lines[j].strip()
                i = j + 1
                continue
            break
        if row and _CONTINUATION.match(line.strip()) and i + 1 < n and _is_cell_line(lines[i + 1]):
            row[-1] = row[-1] + line.strip()
            i += 1
            continue
        break
    flush_table()
    return i


def _is_title_row(lines: list[str], i: int) -> bool:
    """A lone cell line not followed by another cell of its row."""
    return i + 1 >= len(lines) or not _is_cell_line(lines[i + 1])


def _cell_follows(lines: list[str], i: int) -> bool:
    j = _next_nonblank(lines, i)
    return j < len(lines) and _is_cell_line(lines[j])
