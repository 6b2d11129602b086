"""DOCX with python-docx: paragraphs and tables in document order.

Merged cells are read from the XML so that a cell spanning columns (``gridSpan``) or rows
(``vMerge``) comes back once, with blanks for the cells it covers, as in the other formats.
"""

from __future__ import annotations

import io
import re
import zipfile

from .blocks import ExtractionError, RawCell, RawDocument, RawTable, TextBlock
from .guards import check_zip

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_COLUMNS = 63  # Word's limit; a gridSpan beyond it is a broken or hostile file


def read_docx(data: bytes, name: str) -> RawDocument:
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ExtractionError(name, "不是有效的 DOCX 文件（内容不是 zip 压缩包；旧版 .doc 请先另存为 .docx）")
    check_zip(data, name)
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds on broken files
        raise ExtractionError(name, f"DOCX 文件损坏，无法打开（{type(exc).__name__}: {exc}）") from exc
    raw = RawDocument()
    for el in document.element.body.iterchildren():
        if el.tag == W + "p":
            raw.blocks.extend(TextBlock(line.strip()) for line in _lines(el) if line.strip())
        elif el.tag == W + "tbl":
            rows = _table_rows(el)
            if rows:
                raw.blocks.append(RawTable(rows))
    return raw


def _text(el) -> str:
    return "".join(t.text or "" for t in el.iter(W + "t"))


def _lines(p) -> list[str]:
    """A paragraph's lines: its text split at the line breaks typed in it (``<w:br/>``,
    ``<w:cr/>``), as a 目录 or a title often is, so that each line reads as the other formats
    read it (a cell's breaks are its wrapped lines, joined by ``_text``)."""
    lines = [""]
    for node in p.iter(W + "t", W + "br", W + "cr"):
        if node.tag == W + "t":
            lines[-1] += node.text or ""
        else:
            lines.append("")
    return lines


def _table_rows(tbl) -> list[list[RawCell]]:
    rows: list[list[RawCell]] = []
    for tr in tbl.iterchildren(W + "tr"):
        cells: list[RawCell] = []
        for tc in tr.iterchildren(W + "tc"):
            props = tc.find(W + "tcPr")
            span, continued = 1, False
            if props is not None:
                gs = props.find(W + "gridSpan")
                if gs is not None:
                    span = _span(gs.get(W + "val", "1"))
                vm = props.find(W + "vMerge")
                continued = vm is not None and vm.get(W + "val") in (None, "continue")
            # a cell's paragraphs are its wrapped lines
            text = "" if continued else "".join(_text(p) for p in tc.iterchildren(W + "p"))
            cells.append(RawCell(text.strip()))
            cells.extend(RawCell("") for _ in range(span - 1))
        rows.append(cells)
    return rows


def _span(val: str) -> int:
    """A gridSpan as Word writes it, 1 to ``MAX_COLUMNS`` ("²".isdigit() holds, int() refuses it)."""
    return max(1, min(int(val), MAX_COLUMNS)) if re.fullmatch(r"[0-9]{1,9}", val) else 1
