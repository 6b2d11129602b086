"""XLSX with openpyxl: many departments publish the tables as workbooks, one sheet per table.

The lines above the grid (title, 公开NN表, 单位：万元, 部门：…) are single-cell rows and become
the text before the table; notes below it become the text after it.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime
from decimal import Decimal

from .blocks import ExtractionError, RawCell, RawDocument, RawTable, TextBlock
from .guards import MAX_CELLS, check_zip


def read_xlsx(data: bytes, name: str) -> RawDocument:
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ExtractionError(name, "不是有效的 XLSX 文件（内容不是 zip 压缩包；旧版 .xls 请先另存为 .xlsx）")
    check_zip(data, name)
    try:
        from openpyxl import load_workbook

        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        # read-only sheets are parsed while they are iterated, so a broken sheet fails here too
        sheets = [_sheet_rows(ws, name) for ws in wb.worksheets]
        wb.close()
    except ExtractionError:
        raise
    except Exception as exc:  # noqa: BLE001 - openpyxl, zipfile and the XML parser raise many kinds
        raise ExtractionError(name, f"XLSX 文件损坏，无法打开（{type(exc).__name__}: {exc}）") from exc
    raw = RawDocument()
    for rows in sheets:
        _sheet_blocks(rows, raw)
    return raw


def _sheet_rows(ws, name: str) -> list[list[str]]:
    """The sheet's cell texts; a sheet with more than ``MAX_CELLS`` cells (its declared
    dimension or the cells actually read) is refused before it fills the memory."""
    if (ws.max_row or 0) * (ws.max_column or 0) > MAX_CELLS:
        raise ExtractionError(name, f"工作表“{ws.title}”过大（{ws.max_row}行×{ws.max_column}列），疑似损坏或恶意文件")
    rows: list[list[str]] = []
    cells = 0
    for row in ws.iter_rows(values_only=True):
        cells += len(row)
        if cells > MAX_CELLS:
            raise ExtractionError(name, f"工作表“{ws.title}”超过 {MAX_CELLS} 个单元格，疑似损坏或恶意文件")
        rows.append([_text(v) for v in row])
    return rows


def _text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, float):
        return format(Decimal(repr(v)), "f")
    if isinstance(v, (datetime, date)):
        return v.isoformat()
    return str(v).strip()


def _sheet_blocks(rows: list[list[str]], raw: RawDocument) -> None:
    """Single-cell lines above the grid are its title lines; the grid runs from the first row
    with two filled cells to the last row before a note (注/说明) or the end."""
    while rows and not any(rows[-1]):
        rows.pop()
    filled = [sum(1 for c in r if c) for r in rows]
    first = next((i for i, n in enumerate(filled) if n >= 2), None)
    if first is None:
        raw.blocks.extend(TextBlock(c) for r in rows for c in r if c)
        return
    last = first
    for i in range(first, len(rows)):
        text = next((c for c in rows[i] if c), "")
        if filled[i] == 0 or (filled[i] == 1 and re.match(r"^(注|说明|备注)", text)):
            break
        last = i
    for r in rows[:first]:
        raw.blocks.extend(TextBlock(c) for c in r if c)
    width = max(len(r) for r in rows[first : last + 1])
    grid = [[RawCell(c) for c in r] + [RawCell("")] * (width - len(r)) for r in rows[first : last + 1]]
    while grid and all(not row[-1].text for row in grid):
        grid = [row[:-1] for row in grid]
    raw.blocks.append(RawTable(grid))
    for r in rows[last + 1 :]:
        raw.blocks.extend(TextBlock(c) for c in r if c)
