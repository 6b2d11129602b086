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

from .blocks import ExtractionError, RawCell, RawDocument, RawTable, TextBlock

_MD_SEP = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-*:?\s*)*\|?\s*$")
_EMPHASIS = re.compile(r"\*\*(.+?)\*\*")
# a short line continuing the cell before it — not a unit line, nor the next table's title
_CONTINUATION = re.compile(r"^(?!.*单位[:：])(?!.*表$).{1,30}$")
_TITLE_CELL = re.compile(r"^.{2,40}表$")


def read_text(data: bytes, name: str = "") -> RawDocument:
    text = decode(data, name)
    return parse_text(text)


# Byte-order marks, the four-byte ones first (UTF-32 LE starts with UTF-16 LE's mark).
_BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
]
# what text never holds: C0 controls other than tab, line feed, form feed and carriage return
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode(data: bytes, name: str = "") -> str:
    """The text of a .txt / .md file: by its byte-order mark, as UTF-8, or in the encoding
    charset-normalizer recognises (UTF-16 without a mark, GB18030/GBK, Big5 …). Bytes that are
    no text in any encoding are refused, never read as garbage."""
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
    if encoding is None:
        try:
            return _text(data.decode("utf-8"), name)
        except UnicodeDecodeError:
            from charset_normalizer import from_bytes

            best = from_bytes(data).best()
            if best is None:
                raise ExtractionError(
                    name, "无法识别文件的文字编码（不是 UTF-8、UTF-16、GB18030/GBK 等文本），请另存为 UTF-8 文本后再上传"
                ) from None
            encoding = best.encoding
    try:
        return _text(data.decode(encoding), name)
    except UnicodeDecodeError:
        raise ExtractionError(
            name, f"文件的文字编码（{encoding}）中有无法解码的字节，文件可能已损坏，请另存为 UTF-8 文本后再上传"
        ) from None


def _text(text: str, name: str) -> str:
    if len(_CONTROL.findall(text)) > max(3, len(text) // 1000):
        raise ExtractionError(name, "文件内容不是文本（含大量控制字符），可能是二进制文件或编码无法识别")
    return text


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
            if j < n and row and _continues_cell(lines[j]) and _cell_follows(lines, j + 1):
                row[-1] = row[-1] + lines[j].strip()
                i = j + 1
                continue
            break
        if row and _continues_cell(line) and i + 1 < n and _is_cell_line(lines[i + 1]):
            row[-1] = row[-1] + line.strip()
            i += 1
            continue
        break
    flush_table()
    return i


def _continues_cell(line: str) -> bool:
    """A short line between cell lines: the end of a cell the converter wrapped — unless it is the
    title of the next table ("2022年部门项目绩效目标表" after a blank line)."""
    text = line.strip()
    return bool(_CONTINUATION.match(text)) and not _TITLE_CELL.match(text)


def _is_title_row(lines: list[str], i: int) -> bool:
    """A lone cell line not followed by another cell of its row."""
    return i + 1 >= len(lines) or not _is_cell_line(lines[i + 1])


def _cell_follows(lines: list[str], i: int) -> bool:
    j = _next_nonblank(lines, i)
    return j < len(lines) and _is_cell_line(lines[j])
