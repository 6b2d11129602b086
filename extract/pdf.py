"""PDF with pdfplumber: ruled tables from the cell grid, the rest of the text in reading order.

- doubled characters from fake-bold printing are removed (``dedupe_chars``);
- ruling lines drawn in white (or with no width) are ignored, so they cannot split cells;
- a table cell's wrapped lines are joined without spaces; merged header cells come back once,
  the cells they cover as blanks;
- a page with no text layer, or only ``(cid:NNN)`` glyphs, is read by OCR (``extract.ocr``): its
  recognised words and the ruling lines seen in the image go through the same table and paragraph
  layout as text-layer words, the page is listed in ``ocr_pages`` and a warning asks the reader to
  check the original; when OCR fails, finds nothing or the document has more than
  ``ocr.MAX_OCR_PAGES`` such pages, the page is reported ("第N页没有文字层，需OCR") and the rest of
  the document is still read.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from .blocks import PAGE_FOOTER, ExtractionError, RawCell, RawDocument, RawTable, TextBlock
from .numbers import normalize_label, parse_cell
from .tables import is_column_number_row

TABLE_SETTINGS = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "intersection_tolerance": 3,
    "edge_min_length": 5,
}
_CID = re.compile(r"\(cid:\d+\)")


def read_pdf(data: bytes, name: str) -> RawDocument:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise ExtractionError(name, "文件扩展名为 .pdf，但内容不是 PDF")
    raw = RawDocument()
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            raw.page_count = len(pdf.pages)
            scanned = 0
            for number, page in enumerate(pdf.pages, start=1):
                problem = _read_page(page, number, raw)
                if problem is not None:
                    scanned += 1
                    _read_scanned_page(page, number, raw, problem, scanned)
        _lay_out_paragraphs(raw)
    except ExtractionError:
        raise
    except RecursionError:
        raise ExtractionError(name, "PDF 对象嵌套过深或循环引用，疑似损坏或恶意文件") from None
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds on broken files
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc.__cause__ or exc
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise ExtractionError(name, "PDF 已加密，需要密码才能打开") from exc
        if isinstance(cause, (PDFSyntaxError, PSException)):
            raise ExtractionError(name, f"PDF 文件损坏或被截断，无法解析（{cause}）") from exc
        detail = str(cause) or type(cause).__name__
        raise ExtractionError(name, f"PDF 文件损坏，无法解析（{type(cause).__name__}: {detail}）") from exc
    raw.warnings = summarise_pages(raw.warnings)
    return raw


_PAGE_WARNING = re.compile(r"^第(\d+)页(.+)$", re.S)


def summarise_pages(warnings: list[str]) -> list[str]:
    """One line per kind of page warning, its pages as ranges ("第1–3000页没有文字层，需OCR"),
    instead of one line per page: a 3,000-page scan must not give a 3,000-line message."""
    pages: dict[str, list[int]] = {}
    out: list[str | tuple[str]] = []
    for w in warnings:
        m = _PAGE_WARNING.match(w)
        if m is None:
            out.append(w)
            continue
        what = m.group(2)
        if what not in pages:
            pages[what] = []
            out.append((what,))
        pages[what].append(int(m.group(1)))
    return [w if isinstance(w, str) else f"第{page_ranges(pages[w[0]])}页{w[0]}" for w in out]


def page_ranges(numbers: list[int]) -> str:
    """1, 2, 3, 5, 7, 8 → "1–3、5、7–8"."""
    runs: list[list[int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return "、".join(str(a) if a == b else f"{a}–{b}" for a, b in runs)


def _invisible(obj: dict) -> bool:
    if obj.get("object_type") not in ("line", "rect", "curve"):
        return False
    color = obj.get("stroking_color") if obj.get("stroke", True) else obj.get("non_stroking_color")
    if color is None and obj.get("fill"):
        color = obj.get("non_stroking_color")
    return _is_white(color)


def _is_white(color) -> bool:
    if color is None:
        return False
    if isinstance(color, (int, float)):
        color = (color,)
    try:
        values = [float(v) for v in color]
    except (TypeError, ValueError):
        return False
    if len(values) == 1:
        return values[0] >= 0.99
    if len(values) == 3:
        return all(v >= 0.99 for v in values)
    if len(values) == 4:  # CMYK
        return all(v <= 0.01 for v in values)
    return False


def _has_doubled_chars(chars: list[dict]) -> bool:
    """Fake-bold printing draws each glyph twice a fraction of a point apart. A hash check is
    far cheaper than pdfplumber's dedupe pass, which then runs only where it is needed."""
    seen = set()
    for c in chars:
        if not c["text"].strip():
            continue
        for dx in (0, 1):
            for dy in (0, 1):
                if (c["text"], round(c["x0"]) + dx, round(c["top"]) + dy) in seen:
                    return True
        seen.add((c["text"], round(c["x0"]), round(c["top"])))
    return False


def _overflows(page) -> bool:
    """Text drawn beyond the page's edges: a word processor flowed a text box over several pages
    and printed the whole box on each, clipped to what that page shows."""
    x0, top, x1, bottom = page.bbox
    return any(c["top"] < top - 1 or c["bottom"] > bottom + 1 or c["x1"] < x0 or c["x0"] > x1 for c in page.chars)


def _seen_chars_only(page):
    """The page without the characters it does not show: those off the page and those a clipping
    path hides (pdfminer ignores clipping), found as glyph boxes with no ink on the rendered page."""
    image = page.to_image(resolution=72).original.convert("L")
    scale_x = image.width / float(page.width)
    scale_y = image.height / float(page.height)
    x_off, y_off = page.bbox[0], page.bbox[1]

    def seen(obj: dict) -> bool:
        if obj.get("object_type") != "char" or not obj["text"].strip():
            return True
        box = (
            max(0, int((obj["x0"] - x_off) * scale_x)),
            max(0, int((obj["top"] - y_off) * scale_y)),
            min(image.width, int((obj["x1"] - x_off) * scale_x) + 1),
            min(image.height, int((obj["bottom"] - y_off) * scale_y) + 1),
        )
        if box[0] >= box[2] or box[1] >= box[3]:
            return False
        return image.crop(box).getextrema()[0] < 160

    return page.filter(seen)


def _read_page(page, number: int, raw: RawDocument) -> str | None:
    """Read a page from its text layer; when it has none that can be used, say why (and read nothing)."""
    if _has_doubled_chars(page.chars):
        page = page.dedupe_chars()
    if _overflows(page):
        page = _seen_chars_only(page)
    text_chars = [c for c in page.chars if c["text"].strip()]
    if not text_chars:
        return "没有文字层"
    sample = text_chars[:400]
    if sum(1 for c in sample if _CID.fullmatch(c["text"])) > 0.3 * len(sample):
        return "文字无法解码（字体缺少Unicode映射，(cid:NNN)）"
    visible = page.filter(lambda o: not _invisible(o))
    grids = [(t, t.extract(x_tolerance=1.5, y_tolerance=3)) for t in visible.find_tables(TABLE_SETTINGS)]

    def words(boxes: list) -> list[dict]:
        return _outside(page, boxes).extract_words(x_tolerance=1.5, y_tolerance=2)

    def lines(boxes: list) -> list[dict]:
        return _outside(page, boxes).extract_text_lines(layout=False, strip=True, return_chars=True, x_tolerance=1.5)

    _lay_out(page, number, raw, grids, words, lines)
    return None


def _read_scanned_page(page, number: int, raw: RawDocument, problem: str, scanned: int) -> None:
    """Read by OCR the ``scanned``-th page of the document without a usable text layer."""
    from . import ocr  # OpenCV and onnxruntime load only when a page needs them

    if scanned > ocr.MAX_OCR_PAGES:
        raw.warnings.append(f"第{number}页{problem}，本文件需OCR的页数超过{ocr.MAX_OCR_PAGES}页，未识别")
        return
    try:
        scan = ocr.ScannedPage(page)
    except Exception as exc:  # noqa: BLE001 - a failed page must not stop the document
        raw.warnings.append(f"第{number}页{problem}，需OCR（OCR失败：{type(exc).__name__}: {exc}）")
        return
    raw.ocr_pages.append(number)
    if not scan.words:
        raw.warnings.append(f"第{number}页{problem}，需OCR")
        return
    raw.warnings.append(f"第{number}页{problem}，已OCR识别（结果可能有误，请核对原件）")
    grids = []
    if len(scan.h_rules) >= 2 and len(scan.v_rules) >= 2:
        settings = {
            **TABLE_SETTINGS,
            "vertical_strategy": "explicit",
            "horizontal_strategy": "explicit",
            "explicit_vertical_lines": scan.v_rules,
            "explicit_horizontal_lines": scan.h_rules,
        }
        grids = [(t, _cell_texts(t, scan)) for t in page.find_tables(settings)]

    def words(boxes: list) -> list[dict]:
        return [w for w in scan.words if not _inside(w, boxes)]

    _lay_out(page, number, raw, grids, words, lambda boxes: ocr.text_lines(words(boxes)))


def _cell_texts(table, scan) -> list[list[str | None]]:
    """What ``table.extract`` gives for a text layer, from OCR words: each word goes to the cell
    holding its centre (a cell with ink but no word is read on its own); words on one line are
    joined by spaces, lines by newlines."""
    texts = []
    for row in table.rows:
        out: list[str | None] = []
        for bbox in row.cells:
            if bbox is None:
                out.append(None)
                continue
            inside = [w for w in scan.words if _inside(w, [bbox])] or [w for w in [scan.read_box(bbox)] if w]
            lines: dict[float, list[str]] = {}
            for w in inside:  # already in reading order
                lines.setdefault(w["top"], []).append(w["text"])
            out.append("\n".join(" ".join(ws) for ws in lines.values()))
        texts.append(out)
    return texts


def _lay_out(page, number: int, raw: RawDocument, grids: list, words, lines) -> None:
    """Ruled tables, then tables printed without rules, then paragraphs, in reading order.
    ``words(boxes)`` and ``lines(boxes)`` give the page's words / text lines outside ``boxes``."""
    items: list[tuple[float, object]] = []
    boxes = []
    frames = []  # boxes around a table printed without inner rules
    for t, texts in grids:
        grid = _table_grid(t, texts, number)
        if grid is None:
            frames.append(t.bbox)
            continue
        boxes.append(t.bbox)
        items.append((t.bbox[1], RawTable(grid, number, t.bbox, number)))
    last = next((b for b in reversed(raw.blocks) if isinstance(b, RawTable) or not getattr(b, "is_footer", False)), None)
    above = _columns(last) if isinstance(last, RawTable) and last.ends_page and last.last_page == number - 1 else None
    for grid, bbox in _unruled_tables(words(boxes), number, frames, above):
        boxes.append(bbox)
        items.append((bbox[1], RawTable(grid, number, bbox, number)))
    for run in _text_runs(lines(boxes), boxes, number, page.bbox):
        items.append((run.lines[0]["top"], run))
    items.sort(key=lambda it: it[0])
    if items and isinstance(items[0][1], RawTable):
        items[0][1].starts_page = True
    body = [b for _, b in items if not (isinstance(b, _TextRun) and b.is_footer)]
    if body and isinstance(body[-1], RawTable):
        body[-1].ends_page = True
    raw.blocks.extend(b for _, b in items)


def _is_number_word(text: str) -> bool:
    """An amount, a percentage, or an amount cut at its decimal point by a narrow cell ("9748." over "43")."""
    return parse_cell(text).kind in ("number", "amount", "percent") or bool(re.fullmatch(r"-?\d[\d,]*\.", text))


def _word_lines(words: list[dict]) -> list[list[dict]]:
    """Words grouped into lines (tops within 2pt, or within a third of their height: digits in
    another font sit a little lower), each line from left to right."""
    lines: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0]["top"] - w["top"]) <= max(2, 0.3 * (w["bottom"] - w["top"])):
            lines[-1].append(w)
        else:
            lines.append([w])
    return [_phrases(sorted(line, key=lambda w: w["x0"])) for line in lines]


def _phrases(line: list[dict]) -> list[dict]:
    """A line's words less than half a character apart joined: letter-spaced text ("栏 次") is one."""
    out = [dict(line[0])]
    for w in line[1:]:
        last = out[-1]
        if w["x0"] - last["x1"] < 0.5 * _line_height(line):
            last.update(text=last["text"] + w["text"], x1=w["x1"], top=min(last["top"], w["top"]),
                        bottom=max(last["bottom"], w["bottom"]))  # fmt: skip
        else:
            out.append(dict(w))
    return out


def _line_height(line: list[dict]) -> float:
    return max(w["bottom"] - w["top"] for w in line)


def _row_like(line: list[dict]) -> bool:
    """A table row printed without rules: phrases apart, a number among them."""
    return len(line) >= 2 and any(_is_number_word(w["text"]) for w in line)


def _columns(table: RawTable) -> list[tuple[float, float]] | None:
    """A grid's columns as spans across the page (None when a column has no box)."""
    spans = []
    for k in range(max(len(r) for r in table.rows)):
        boxes = [r[k].bbox for r in table.rows if k < len(r) and r[k].bbox]
        if not boxes:
            return None
        spans.append((min(b[0] for b in boxes), max(b[2] for b in boxes)))
    return spans


def _unruled_tables(
    words: list[dict], number: int, frames: list, above: list[tuple[float, float]] | None = None
) -> list[tuple[list[list[RawCell]], tuple]]:
    """Tables printed without rules, or only framed (a frame is not a grid): runs of at least
    three lines of phrases apart with a number among them, with the lines between them that a wrapped cell or
    a row of blanks adds, and the header lines above the run (in the rows' type size, right above
    them; a row of column numbers is one). The columns are where the rows' words stand. A frame
    (a box with no rules inside, or only one under the header) holds one table, however few its
    rows: the part of a table a page break left, an empty table's 无 row. Rows at the top of a
    page with no header continue the table at the foot of the page before (``above``, its
    columns): they take its columns."""
    found = []
    for frame in frames:
        lines = _word_lines([w for w in words if _inside(w, [frame])])
        if len(lines) >= 2 and any(len(line) >= 2 for line in lines):
            # an empty table's last line (its 合计 or 无 row) is its only row
            starts = (k for k, line in enumerate(lines) if _row_like(line) or _total_only(line))
            first = _row_start(lines, next(starts, len(lines) - 1))
            while first < len(lines) - 1 and is_column_number_row([w["text"] for w in lines[first]]):
                first += 1
            top = not any(w["bottom"] < frame[1] for w in words)  # nothing above it on the page
            found.append(_grid_from_words(lines[:first], lines[first:], number, fallback=above if top else None))
            words = [w for w in words if not _inside(w, [frame])]
    lines = _word_lines(words)
    i = 0
    while i < len(lines):
        if not _row_like(lines[i]) and not _total_only(lines[i]):  # an empty table's rows may start with a lone 合计
            i += 1
            continue
        i = _row_start(lines, i)
        end, k = i, i + 1
        while k < len(lines) and k - end <= 6:
            prev, line = lines[k - 1], lines[k]
            if line[0]["top"] - prev[0]["bottom"] > 2 * _line_height(prev):
                break
            rows = [x for x in lines[i : end + 1] if _row_like(x)] or [lines[i]]
            if _row_like(line) or _fits(line, [(w["x0"], w["x1"]) for x in rows for w in x], _line_height(rows[0])):
                end = k
            k += 1
        while end + 1 < len(lines) and _continues(lines[end + 1], lines[end]):
            end += 1  # the other line of a wrapped cell in the last row
        first = i
        while first < end and is_column_number_row([w["text"] for w in lines[first]]):
            first += 1
        if above and found == [] and all(_fits(line, above, _line_height(lines[i])) for line in lines[:first]):
            first = i = 0  # the page starts with rows (some without amounts), no header
        run = lines[first : end + 1]
        inherit = above if first == 0 else None
        start = i
        while start > 0 and start > i - 8 and _heads(lines[start - 1], lines[start], run):
            start -= 1
        # fewer rows make a table under a header of two lines or more, one of three phrases apart or
        # more (an empty table: its 合计 row alone, or with a 无 row)
        headed = first - start >= 2 and any(len(line) >= 3 for line in lines[start:first])
        if sum(_row_like(line) for line in run) >= 3 or inherit or headed:
            found.append(_grid_from_words(lines[start:first], run, number, inherit, above if start == 0 else None))
        i = end + 1
    # one column is no table (a table of contents: its dotted leaders run across the page)
    return [(grid, bbox) for grid, bbox in found if max(len(row) for row in grid) >= 2]


def _total_only(line: list[dict]) -> bool:
    """A row of 合计 (or 总计) alone: the first row of an empty table."""
    return [normalize_label(w["text"]) for w in line] in (["合计"], ["总计"])


def _within(group: list[list[dict]], other: list[list[dict]]) -> bool:
    """Whether the middle of a row's lines falls between the top and bottom of another's."""
    top, bottom = min(w["top"] for line in group for w in line), max(w["bottom"] for line in group for w in line)
    return min(w["top"] for line in other for w in line) < (top + bottom) / 2 < max(w["bottom"] for line in other for w in line)


def _row_start(lines: list[list[dict]], i: int) -> int:
    """Where the row whose amounts are on line ``i`` starts: the line above when a cell of the row
    wraps around its middle line (a line of it above, one below: "7745.3" over "4")."""
    if 0 < i < len(lines) - 1 and all(any(_wraps(a, w) for a in lines[i - 1]) for w in lines[i + 1]):
        return i - 1
    return i


def _fits(line: list[dict], spans: list[tuple[float, float]], size: float) -> bool:
    """Whether ``line``, in the rows' type ``size``, is a row without amounts of the table whose
    words stand in ``spans``: each of its phrases within one column of theirs (a line of running
    text spans several)."""
    if abs(_line_height(line) - size) > 0.15 * size:
        return False
    for w in line:
        over = [(a, b) for a, b in spans if min(b, w["x1"]) > max(a, w["x0"])]
        if not over or max(b for a, b in over) < w["x1"] - size or any(a > w["x0"] + size for a, b in over):
            return False
    return True


def _continues(line: list[dict], above: list[dict]) -> bool:
    """Whether ``line``, without numbers, is the other line of a cell wrapped in the row above."""
    return not any(_is_number_word(w["text"]) for w in line) and line[0]["top"] - above[0]["top"] <= 1.5 * _line_height(above)


def _heads(line: list[dict], below: list[dict], run: list[list[dict]]) -> bool:
    """Whether ``line`` is a header line of the table whose rows are ``run``: in their type size
    and no farther from the line below than a row's height."""
    size = _line_height(run[0])
    text = "".join(w["text"] for w in line)
    if len(_phrases(line)) == 1 and (_TABLE_TITLE.match(text) or _TITLE_LINE.match(text)):
        return False  # the table's title or its unit / department line, printed close above it
    return abs(_line_height(line) - size) <= 0.15 * size and below[0]["top"] - line[0]["bottom"] <= 1.5 * size


def _grid_from_words(
    header: list[list[dict]],
    run: list[list[dict]],
    number: int,
    inherit: list[tuple[float, float]] | None = None,
    fallback: list[tuple[float, float]] | None = None,
) -> tuple[list[list[RawCell]], tuple]:
    # the columns: the rows' words side by side (overlapping spans are one column), each
    # header word in the column its centre falls in
    def side_by_side(spans) -> list[list[float]]:
        columns: list[list[float]] = []
        for x0, x1 in sorted(spans):
            if columns and x0 <= columns[-1][1] + 2:
                columns[-1][1] = max(columns[-1][1], x1)
            else:
                columns.append([x0, x1])
        return columns

    numbered = [line for line in header if is_column_number_row([w["text"] for w in line])]
    cells = _header_cells([line for line in header if line not in numbered])
    body = side_by_side((w["x0"], w["x1"]) for line in run for w in line)
    if cells and not any(_is_number_word(w["text"]) for line in run for w in line):
        # an empty table (its 合计 or 无 row only): the columns are where its header's lowest cells stand
        body = side_by_side((c.x0, c.x1) for c in cells if not _heads_others(c, cells))
    # the header's lowest cells head the columns in their order; those left over head columns
    # blank in every row
    blank = _blank_columns([c for c in cells if not _heads_others(c, cells)], body)
    columns = side_by_side([tuple(c) for c in body] + blank)
    if inherit:
        # the rows continue a table: its columns where this page's words stand, with those the
        # table above has and no word here fills (blank on this page), else the table above's
        own = side_by_side(
            [tuple(c) for c in body] + [s for s in inherit if not any(min(s[1], b) > max(s[0], a) for a, b in body)]
        )
        columns = own if len(own) == len(inherit) else inherit
    if fallback and len(columns) <= len(fallback):
        columns = fallback  # the rest of the table above, its header again (its columns seen filled there)
    bounds = [(a[1] + b[0]) / 2 for a, b in zip(columns, columns[1:])]
    edges = [columns[0][0]] + bounds + [columns[-1][1]]

    def column(w: dict) -> int:
        return sum(1 for x in bounds if x <= (w["x0"] + w["x1"]) / 2)

    # a line is the next line of cells wrapped in a line above it when each of its words stands
    # right under one of that line's (a number too: "9748." over "43"); a line without numbers is
    # else a line of a cell wrapped around the row of numbers it is centred on (it joins the
    # nearest), or a row without amounts; rows whose lines interleave are one (a label wrapped over
    # two lines beside one centred between them)
    joins: dict[int, int] = {}
    amounts = [k for k, line in enumerate(run) if any(_is_number_word(w["text"]) for w in line)]
    for k, line in enumerate(run):
        up = next((j for j in (k - 1, k - 2) if j >= 0 and all(any(_wraps(a, w) for a in run[j]) for w in line)), None)
        near = min(amounts, key=lambda j: abs(run[j][0]["top"] - line[0]["top"]), default=None)
        if up is not None:
            joins[k] = up
        elif k not in amounts and near is not None and abs(run[near][0]["top"] - line[0]["top"]) <= _line_height(line) * 1.5:
            joins[k] = near
    grouped: dict[int, list[list[dict]]] = {}
    for k, line in enumerate(run):
        j = k
        while j in joins:
            j = joins[j]
        grouped.setdefault(j, []).append(line)
    rows: list[list[list[dict]]] = []
    for group in (grouped[k] for k in sorted(grouped)):
        if rows and (_within(group, rows[-1]) or _within(rows[-1], group)):
            rows[-1] += group
        else:
            rows.append(group)
    grid = _header_grid(cells, numbered, column, edges, number)
    for group in rows:
        cells: list[list[dict]] = [[] for _ in range(len(bounds) + 1)]
        for line in sorted(group, key=lambda line: line[0]["top"]):
            for w in line:
                cells[column(w)].append(w)
        top = min(w["top"] for line in group for w in line)
        bottom = max(w["bottom"] for line in group for w in line)
        # a cell's box spans its column, as a ruled cell does (a blank one too)
        grid.append(
            [RawCell("".join(w["text"] for w in ws), number, (edges[k], top, edges[k + 1], bottom)) for k, ws in enumerate(cells)]
        )
    all_words = [w for line in header + run for w in line]
    return grid, _box(all_words)


def _header_cells(header: list[list[dict]]) -> list[_HeaderCell]:
    """A header's cells: words less than half a line apart, one under the other, are one cell
    (wrapped)."""
    cells: list[list[dict]] = []
    for w in sorted((w for line in header for w in line), key=lambda w: (w["top"], w["x0"])):
        cell = next((c for c in reversed(cells) if _wraps(c[-1], w)), None)
        if cell is None:
            cells.append([w])
        else:
            cell.append(w)
    return [_HeaderCell(c) for c in cells]


def _blank_columns(leaves: list[_HeaderCell], body: list[list[float]]) -> list[tuple[float, float]]:
    """The header cells (each over one column) left over when the columns the rows fill are
    matched to them in their order, nearest middle to middle: they head columns blank in every row."""
    leaves = sorted(leaves, key=lambda c: c.centre)
    if len(leaves) <= len(body):
        return []
    inf = float("inf")
    # cost[i][j]: the first j columns matched to cells among the first i
    cost = [[0.0] + [inf] * len(body)] + [[inf] * (len(body) + 1) for _ in leaves]
    for i, c in enumerate(leaves, start=1):
        for j in range(len(body) + 1):
            cost[i][j] = cost[i - 1][j]
            if j:
                cost[i][j] = min(cost[i][j], cost[i - 1][j - 1] + abs(c.centre - sum(body[j - 1]) / 2))
    blank, j = [], len(body)
    for i in range(len(leaves), 0, -1):
        if j and cost[i][j] == cost[i - 1][j - 1] + abs(leaves[i - 1].centre - sum(body[j - 1]) / 2):
            j -= 1
        else:
            blank.append((leaves[i - 1].x0, leaves[i - 1].x1))
    return blank


def _heads_others(cell: _HeaderCell, cells: list[_HeaderCell]) -> bool:
    """Whether a header cell is over others (centred over them): cells below it stand on its left
    and on its right, between the cells beside it."""
    beside = [c.centre for c in cells if c is not cell and c.shares_row(cell)]
    left = max((x for x in beside if x < cell.centre), default=float("-inf"))
    right = min((x for x in beside if x > cell.centre), default=float("inf"))
    below = [c.centre for c in cells if c.top >= cell.bottom and left < c.centre < right]
    return any(x <= cell.centre + cell.size / 2 for x in below) and any(x >= cell.centre - cell.size / 2 for x in below)


def _header_grid(
    blocks: list[_HeaderCell], numbered: list[list[dict]], column, edges: list[float], number: int
) -> list[list[RawCell]]:
    """The header of a table printed without rules, as the rows of a ruled one: each column's
    path of header cells (a parent over its children), a merged cell's text in the first column
    and row it covers, the row of column numbers last.

    A column's own header is the lowest cell in it; every other cell heads the columns under it:
    the columns around it whose own cells all stand below it (a cell beside it, spanning rows,
    bounds them). Cells on one level sharing such a run divide it: from each one's column to the
    next one's when each is centred over the own cell of its column and the first stands in the
    run's first column (text printed in the first column of its span), else where the middle of
    each one's span is nearest its own (text centred over its span)."""
    width = len(edges) - 1
    for b in blocks:
        b.column = column({"x0": b.x0, "x1": b.x1})
    paths: list[list[_HeaderCell]] = [[] for _ in range(width)]
    tops = [float("inf")] * width
    parents = []
    for k in range(width):
        own = [b for b in blocks if b.column == k]
        if own:
            leaf = max(own, key=lambda b: b.bottom)
            paths[k], tops[k] = [leaf], leaf.top
            parents += [b for b in own if b is not leaf]
    parents.sort(key=lambda b: -b.bottom)
    while parents:
        level = [b for b in parents if b.shares_row(parents[0])]
        parents = [b for b in parents if b not in level]
        runs: dict[tuple[int, int], list[_HeaderCell]] = {}
        for b in level:

            def below(k: int, b=b) -> bool:
                return tops[k] >= b.bottom + 0.25 * b.size

            lo = hi = b.column
            while lo > 0 and below(lo - 1):
                lo -= 1
            while hi < width - 1 and below(hi + 1):
                hi += 1
            runs.setdefault((lo, hi), []).append(b)
        for (lo, hi), heads in runs.items():
            heads.sort(key=lambda b: b.x0)
            starts = [lo] + [b.column for b in heads[1:]]  # each printed in the first column of its span
            if heads[0].column != lo or any(abs(b.centre - paths[b.column][-1].centre) > b.size for b in heads):
                # centred over its span: each one's span ends where its middle is nearest its own
                for i, b in enumerate(heads[:-1]):
                    ends = range(max(starts[i], b.column), heads[i + 1].column)
                    starts[i + 1] = 1 + min(
                        ends, key=lambda e: abs((edges[starts[i]] + edges[e + 1]) / 2 - b.centre), default=b.column
                    )
            for b, start, end in zip(heads, starts, starts[1:] + [hi + 1]):
                for k in range(min(start, hi), min(max(end, start + 1), hi + 1)):
                    paths[k].insert(0, b)
                    tops[k] = min(tops[k], b.top)
    grid: list[list[RawCell]] = []
    for r in range(max((len(p) for p in paths), default=0)):
        row = []
        for k in range(width):
            b = paths[k][r] if r < len(paths[k]) else None
            first = b is not None and (k == 0 or r >= len(paths[k - 1]) or paths[k - 1][r] is not b)
            row.append(RawCell(b.text, number, (edges[k], b.top, edges[k + 1], b.bottom)) if first else RawCell("", number, None))
        grid.append(row)
    for line in numbered:
        texts = [""] * width
        for w in line:
            texts[column(w)] += w["text"]
        top, bottom = min(w["top"] for w in line), max(w["bottom"] for w in line)
        grid.append([RawCell(t, number, (edges[k], top, edges[k + 1], bottom) if t else None) for k, t in enumerate(texts)])
    return grid


def _wraps(above: dict, w: dict) -> bool:
    """Whether ``w`` is the next line of the header cell whose last word is ``above``: less than
    half a line under it, one over the other."""
    size = w["bottom"] - w["top"]
    overlap = min(above["x1"], w["x1"]) - max(above["x0"], w["x0"])
    return 0 <= w["top"] - above["bottom"] <= 0.5 * size and overlap >= 0.5 * min(above["x1"] - above["x0"], w["x1"] - w["x0"])


class _HeaderCell:
    """The text of one header cell of a table printed without rules, and where it stands."""

    def __init__(self, words: list[dict]):
        self.text = "".join(w["text"] for w in words)
        self.column = 0  # set once the table's columns are known
        self.x0, self.x1 = min(w["x0"] for w in words), max(w["x1"] for w in words)
        self.top, self.bottom = min(w["top"] for w in words), max(w["bottom"] for w in words)
        self.centre = (self.x0 + self.x1) / 2
        self.size = max(w["bottom"] - w["top"] for w in words)

    def shares_row(self, other: _HeaderCell) -> bool:
        return (
            self.top <= (other.top + other.bottom) / 2 <= self.bottom or other.top <= (self.top + self.bottom) / 2 <= other.bottom
        )


def _box(words: list[dict]) -> tuple:
    return (
        min(w["x0"] for w in words),
        min(w["top"] for w in words),
        max(w["x1"] for w in words),
        max(w["bottom"] for w in words),
    )


def _table_grid(table, texts: list[list[str | None]], number: int) -> list[list[RawCell]] | None:
    rows: list[list[RawCell]] = []
    for r, row in enumerate(table.rows):
        cells = []
        for c, bbox in enumerate(row.cells):
            text = texts[r][c] if r < len(texts) and c < len(texts[r]) else None
            if bbox is None or text is None:
                cells.append(RawCell("", number, None))
                continue
            cells.append(RawCell(_join_lines(text), number, tuple(bbox)))
        rows.append(cells)
    if len(rows) < 1 or max(len(r) for r in rows) < 2:
        return None  # a lone box (a frame around text) is not a table
    return rows


def _join_lines(text: str) -> str:
    """A wrapped cell's lines joined without spaces (its line breaks are the cell's width)."""
    return "".join(line.strip() for line in text.split("\n"))


def _outside(page, boxes: list):
    """The page without the characters inside ``boxes``."""
    return page.filter(lambda o: o.get("object_type") != "char" or not _inside(o, boxes))


def _inside(char: dict, boxes: list) -> bool:
    cx = (char["x0"] + char["x1"]) / 2
    cy = (char["top"] + char["bottom"]) / 2
    return any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes)


# a line that opens a heading or a numbered item: "一、", "（二）", "3.", "4、", "(5)", "第一部分"
_ITEM_START = re.compile(
    r"^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、.．](?!\d))"
)

# a line that is a table's title: "一般公共预算财政拨款支出决算表"
_TABLE_TITLE = re.compile(r"^\S.{1,40}表$")
_TITLE_LINE = re.compile(r"^(?:金额)?单位[:：]|^(?:编制|预算|填报)?(?:部门|单位)(?:名称)?[:：]")

# a line that opens with a short label and a colon: "编制部门：…", "单位：元"
_LABELLED = re.compile(r"^\S{1,8}[：:]")


@dataclass
class _Layout:
    """The body text's geometry on one page: where its lines start (the margin) and where full
    lines end (the right edge); and the document's usual distance from one line to the next inside
    a paragraph, per font height (the pitch: single- or double-spaced), once it is known.

    A page whose lines mostly run to one edge has it (text hard-wrapped short of the margin
    included); on the other pages (headings, short paragraphs, a table's title and notes) the edge
    is learnt from the whole document once it is read (``settle``)."""

    margin: float
    right: float | None
    page_x: tuple[float, float]
    lines: list[dict]
    pitch: dict[float, float] = field(default_factory=dict)

    @classmethod
    def of(cls, lines: list[dict], page_x0: float, page_x1: float) -> _Layout:
        xs = sorted(round(line["x0"]) for line in lines)
        # the margin: the leftmost x0 shared by several lines (a lone outdented line does not set it)
        margin = next((x for x in xs if xs.count(x) >= 2), xs[0])
        ends = [line["x1"] for line in lines]
        edge = max(ends)
        wrapped = [x for x in ends if x >= edge - 2 * _height(lines[0])]
        right = edge if len(wrapped) >= 4 and len(wrapped) * 2 >= len(lines) else None
        return cls(margin, right, (page_x0, page_x1), lines)

    def settle(self, frame: tuple[float, float, set[float]] | None) -> None:
        """Take the document's right edge for this page's text when the page's lines start at the
        document's margin and none in the body text's font runs past its edge (``frame``: the body
        text's margin, edge and font heights on pages of this size; a wider title in a larger font
        does not count); else full lines end at the right margin, which mirrors the left one (a
        page of short lines has no full line; a cover's centred title)."""
        if self.right is not None:
            return
        if frame is not None:
            margin, edge, sizes = frame
            body = [line for line in self.lines if _size(line) in sizes and not PAGE_FOOTER.match(_line_text(line))]
            if abs(self.margin - margin) <= 0.9 * _height(self.lines[0]) and all(
                line["x1"] <= edge + 2 * _height(line) for line in body
            ):
                self.right = edge
                return
        page_x0, page_x1 = self.page_x
        self.right = max(max(line["x1"] for line in self.lines), page_x1 - (self.margin - page_x0))

    def breaks(self, prev: dict, line: dict) -> bool:
        """Whether ``line`` starts a paragraph rather than continuing the one ``prev`` is in."""
        h = _height(line)
        if abs(h - _height(prev)) > 0.2 * h:
            return True  # another font size: a heading, a note
        pitch = self.pitch.get(_size(line))
        if (
            pitch is not None
            and line["top"] - prev["top"] > 1.2 * pitch
            or pitch is None
            and line["top"] - prev["bottom"] > 0.6 * h
        ):
            return True
        if line["x0"] > self.margin + 0.9 * h:
            return True  # an indented first line (or a centred title)
        if prev["x1"] < self.right - max(2 * h, 0.2 * (self.right - self.margin)):
            # the previous line stopped well short of the edge: its paragraph ended (a line can end
            # a few characters early when the next word, a long number, does not fit)
            return True
        if _line_text(prev).endswith(("。", "；")) and _TABLE_TITLE.match(_line_text(line)):
            return True  # a table's title under a note or a paragraph that ended at the right edge
        if _TABLE_TITLE.match(_line_text(prev)) and _LABELLED.match(_line_text(line)):
            return True  # the line under a table's title that names its department or unit ("编制部门：…")
        return bool(_ITEM_START.match(_line_text(line)))

    def full(self, line: dict) -> bool:
        """A line that runs to the right edge (its paragraph may go on)."""
        return line["x1"] >= self.right - 2 * _height(line)

    def open_start(self, line: dict) -> bool:
        """A first line that may continue a paragraph from the page before: flush left, no heading."""
        return line["x0"] <= self.margin + 0.9 * _height(line) and not _ITEM_START.match(_line_text(line))


@dataclass
class _TextRun:
    """The text lines of a page between two of its tables, laid out into paragraphs once the whole
    document is read (the right edge and the line pitch are learnt from all its pages)."""

    lines: list[dict]
    page: int
    layout: _Layout

    @property
    def is_footer(self) -> bool:
        return all(PAGE_FOOTER.match(_line_text(line)) for line in self.lines)

    def paragraphs(self) -> list[TextBlock]:
        groups: list[list[dict]] = []
        for line in self.lines:
            if not groups or self.layout.breaks(groups[-1][-1], line):
                groups.append([line])
            else:
                groups[-1].append(line)
        blocks = []
        for group in groups:
            texts: list[str] = []
            boxes: list = []
            for line in group:
                last = None
                for ch in line["chars"]:
                    # a visible gap between glyphs is a space the PDF did not draw as a character
                    if last is not None and ch["x0"] - last["x1"] > 0.2 * (last["bottom"] - last["top"]) and ch["text"] != " ":
                        texts.append(" ")
                        boxes.append(None)
                    texts.append(ch["text"])
                    boxes.append((ch["x0"], ch["top"], ch["x1"], ch["bottom"]))
                    last = ch
            block = _block(texts, boxes, self.page)
            if block.text:
                block.open_start = self.layout.open_start(group[0])
                block.open_end = self.layout.full(group[-1])
                blocks.append(block)
        return blocks


def _height(line: dict) -> float:
    return max(line["bottom"] - line["top"], 1.0)


def _size(line: dict) -> float:
    return round(_height(line) * 2) / 2


def _line_text(line: dict) -> str:
    return "".join(c["text"] for c in line["chars"]).strip()


def _text_runs(lines: list[dict], table_boxes: list, number: int, page_bbox: tuple) -> list[_TextRun]:
    """A page's text lines (outside its tables) cut into runs at the tables between them."""
    lines = [dict(line, x1=line.get("x1", max((c["x1"] for c in line["chars"]), default=line["x0"]))) for line in lines]
    lines = [line for line in lines if line["chars"]]
    if not lines:
        return []
    layout = _Layout.of(lines, page_bbox[0], page_bbox[2])
    tops = sorted(b[1] for b in table_boxes)
    runs: dict[int, list[dict]] = {}
    for line in lines:
        runs.setdefault(sum(1 for t in tops if t < line["top"]), []).append(line)
    return [_TextRun(run, number, layout) for _, run in sorted(runs.items())]


def _lay_out_paragraphs(raw: RawDocument) -> None:
    """Replace the text runs of every page by their paragraphs, with the right edge and the line
    pitch of the whole document. The pitch: per font height, the most common step from a full line
    to the next one (a line that runs to the right edge is mostly followed by its paragraph's next
    line); with fewer than three of those, the smallest step between two lines of that height."""
    runs = [b for b in raw.blocks if isinstance(b, _TextRun)]
    _settle_right_edges(runs)
    after_full: dict[float, list[float]] = {}
    smallest: dict[float, float] = {}
    for run in runs:
        for a, b in zip(run.lines, run.lines[1:]):
            step = round((b["top"] - a["top"]) * 2) / 2
            if step <= 0.5 * _height(a) or abs(_height(a) - _height(b)) > 0.2 * _height(a):
                continue
            size = _size(a)
            smallest[size] = min(step, smallest.get(size, step))
            if run.layout.full(a):
                after_full.setdefault(size, []).append(step)
    pitch = dict(smallest)
    pitch.update(
        {size: max(set(found), key=lambda v: (found.count(v), -v)) for size, found in after_full.items() if len(found) >= 3}
    )
    blocks: list = []
    for b in raw.blocks:
        if isinstance(b, _TextRun):
            b.layout.pitch = pitch
            blocks.extend(b.paragraphs())
        else:
            blocks.append(b)
    raw.blocks = blocks


def _settle_right_edges(runs: list[_TextRun]) -> None:
    """Give every page the right edge of the document's body text. On pages of one size, the body
    text's frame: the place where most of its full lines end, three at least, the margin most of
    them start at and their font heights. A full line here is one of two or more in a row, each
    ten characters wide or more, that a flush-left line of their size continues: the lines of a
    paragraph of three lines or more but its last (they end at the edge, a few points early when
    the next character does not fit). Headings, short last lines and a table's title end anywhere.
    A page without an edge of its own and outside that frame falls back to the mirrored margin
    (``_Layout.settle``)."""
    ends: dict[tuple[int, ...], list[tuple[float, dict, float]]] = {}
    for run in runs:
        layout = run.layout
        goes_on = [
            prev["x1"] - layout.margin >= 10 * _height(prev)
            and abs(_height(line) - _height(prev)) <= 0.2 * _height(prev)
            and layout.open_start(line)
            for prev, line in zip(run.lines, run.lines[1:])
        ]
        for i, line in enumerate(run.lines[:-1]):
            if goes_on[i] and (i > 0 and goes_on[i - 1] or i + 1 < len(goes_on) and goes_on[i + 1]):
                ends.setdefault(_page_size(layout), []).append((line["x1"], line, layout.margin))
    frames = {}
    for size, found in ends.items():
        support = {e: [(m, line) for x, line, m in found if e - 2 * _height(line) <= x <= e] for e, _, _ in found}
        edge = max(support, key=lambda e: (len(support[e]), e))
        if len(support[edge]) >= 3:
            margins = [m for m, _ in support[edge]]
            frames[size] = (max(set(margins), key=margins.count), edge, {_size(line) for _, line in support[edge]})
    for run in runs:
        run.layout.settle(frames.get(_page_size(run.layout)))


def _page_size(layout: _Layout) -> tuple[int, ...]:
    return tuple(round(x) for x in layout.page_x)


def _block(texts: list[str], boxes: list, number: int) -> TextBlock:
    # trim the spaces reportlab and others draw at line ends, keeping boxes aligned with text
    while texts and not texts[-1].strip():
        texts.pop()
        boxes.pop()
    while texts and not texts[0].strip():
        texts.pop(0)
        boxes.pop(0)
    text = "".join(texts)
    real = [b for b in boxes if b]
    bbox = (min(b[0] for b in real), min(b[1] for b in real), max(b[2] for b in real), max(b[3] for b in real)) if real else None
    return TextBlock(text, number, bbox, char_boxes=list(boxes))
