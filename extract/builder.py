"""Blocks (from any reader) → ``models.Document``.

Finds each table's title, number, unit and notes among the text around it, stitches grids that
continue on the next page, splits two-sided total tables into their income and expense halves,
builds the heading tree, parses every narrative figure, and recognises the document's type,
year and department.
"""

from __future__ import annotations

import re

from models import Document, Paragraph, Section, Table

from .blocks import PAGE_FOOTER, RawDocument, RawTable, TextBlock
from .forms import continue_project, read_projects
from .narrative import parse_figures
from .numbers import normalize_label
from .recognise import document_type
from .tables import (
    NUMBER_RE,
    TITLE_RE,
    UNIT_RE,
    align_columns,
    build_table,
    column_edges,
    drop_repeated_header,
    is_continuation,
    recognise_table,
    split_header,
    two_sided_split,
)
from .templates import recognise_template

HEADING_RE = re.compile(
    r"^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d{1,2}[.、．](?!\d))"
)
_DEPT_RE = re.compile(r"^(?:部门|单位|预算单位|编制单位|预算主管部门|主管部门|编制部门)(?:名称)?[:：]\s*(.+)$")
# a cover title naming the body before the year: "中共上海市普陀区委社会工作部 2024 年度部门决算"
_TITLE_NAME_RE = re.compile(
    r"^(?P<name>.{4,40}?(?:局|委员会|委|办公室|办事处|部|厅|中心|院|所|站|队|会|处|署|馆|校))\s*(?:20\d{2})\s*年度?.{0,4}(?:决算|预算)"
)
_YEAR_RE = re.compile(r"(20\d{2})\s*年")


def build_document(raw: RawDocument, *, path: str, name: str, sha256: str, fmt: str) -> Document:
    doc = Document(path=path, name=name, sha256=sha256, format=fmt, page_count=raw.page_count)
    doc.warnings.extend(raw.warnings)
    doc.ocr_pages.extend(raw.ocr_pages)
    blocks = stitch_blocks(_drop_footers(raw.blocks))
    pending: list[int] = []  # paragraphs since the last table: the next table's title lines
    table_no = 0
    last_table: list[Table] = []
    continued: dict[str, str] = {}  # table id → id of the table printed right before it
    for block in blocks:
        if isinstance(block, TextBlock):
            idx = len(doc.paragraphs)
            doc.paragraphs.append(
                Paragraph(idx, block.text, block.page, block.bbox, char_boxes=block.char_boxes, char_pages=block.char_pages)
            )
            pending.append(idx)
            if last_table and _is_note(block.text) and len(pending) <= 3:
                for t in last_table:
                    t.notes.append(block.text)
            continue
        table_no += 1
        previous = last_table[-1].id if last_table and not pending else None
        last_table = _make_tables(doc, block, pending, table_no)
        for t in last_table:
            t.position = len(doc.paragraphs)
        if previous:
            for t in last_table:
                continued[t.id] = previous
        doc.tables.extend(last_table)
        pending = []
    _sections(doc)
    _meta(doc)
    doc.template, doc.template_confidence, doc.template_reason = recognise_template(doc)
    for t in doc.tables:
        t.unit_stated = bool(t.unit)
        if not t.unit:
            t.unit = doc.default_unit
        for r in t.rows:
            for c in r.cells:
                if c.kind == "amount" and not c.unit:
                    c.unit = t.unit  # a cell's money is in its table's unit unless it prints its own
    doc.figures = parse_figures(doc.paragraphs)
    doc.projects = []
    for t in doc.tables:
        found = read_projects(t)
        if not found and not t.title and t.id in continued and doc.projects and doc.projects[-1].table == continued[t.id]:
            continue_project(doc.projects[-1], t)
        doc.projects.extend(found)
    return doc


def _drop_footers(blocks: list) -> list:
    """Page numbers: a footer-shaped line that is the last thing on its page."""
    out = []
    for i, b in enumerate(blocks):
        last_on_page = i + 1 == len(blocks) or blocks[i + 1].page != b.page
        if isinstance(b, TextBlock) and b.page is not None and last_on_page and PAGE_FOOTER.match(b.text.strip()):
            continue
        out.append(b)
    return out


def stitch_blocks(blocks: list) -> list:
    """Grids that continue the one before them (page breaks) joined into one; so are paragraphs
    that run on from the foot of one page to the top of the next."""
    out: list = []
    for b in blocks:
        if isinstance(b, TextBlock) and out and isinstance(out[-1], TextBlock) and _runs_on(out[-1], b):
            out[-1] = _join_text(out[-1], b)
            continue
        if isinstance(b, RawTable) and out and isinstance(out[-1], RawTable) and is_continuation(out[-1], b):
            prev: RawTable = out[-1]
            prev_rows, next_rows = prev.rows, drop_repeated_header(prev, b)
            w1, w2 = max(len(r) for r in prev.rows), max(len(r) for r in b.rows)
            if w1 < w2 and prev.page is not None:
                prev_rows = align_columns(prev, column_edges(b)) or prev_rows
            elif w2 < w1 and b.page is not None:
                next_rows = align_columns(RawTable(next_rows), column_edges(prev)) or next_rows
            merged = RawTable(
                prev_rows + next_rows,
                prev.page,
                prev.bbox,
                b.last_page or b.page or prev.last_page,
                prev.starts_page,
                b.ends_page,
            )
            out[-1] = merged
            continue
        out.append(b)
    return out


def _runs_on(prev: TextBlock, nxt: TextBlock) -> bool:
    """A paragraph cut by a page break: the last block of a page, whose last line runs to the right
    edge and does not end a sentence, and the first block of the next page, flush left."""
    if prev.page is None or nxt.page is None or nxt.page != (prev.char_pages or [prev.page])[-1] + 1:
        return False
    return prev.open_end and nxt.open_start and not prev.text.rstrip().endswith(("。", "：", ":", "！", "？"))


def _join_text(prev: TextBlock, nxt: TextBlock) -> TextBlock:
    n1, n2 = len(prev.text), len(nxt.text)
    boxes1 = prev.char_boxes if prev.char_boxes and len(prev.char_boxes) == n1 else [None] * n1
    boxes2 = nxt.char_boxes if nxt.char_boxes and len(nxt.char_boxes) == n2 else [None] * n2
    return TextBlock(
        prev.text + nxt.text,
        prev.page,
        prev.bbox,
        char_boxes=boxes1 + boxes2,
        char_pages=(prev.char_pages or [prev.page] * n1) + [nxt.page] * n2,
        open_start=prev.open_start,
        open_end=nxt.open_end,
    )


def _is_note(text: str) -> bool:
    return bool(re.match(r"^(注|说明|备注)[:：\s\d.、]", text.strip()))


def _title_context(doc: Document, pending: list[int]) -> tuple[str, str, str, int | None]:
    """Title, number and unit from the paragraphs just before a table (nearest first)."""
    title = number = unit = ""
    title_idx = None
    candidates = pending[-8:]
    texts = [doc.paragraphs[i].text.strip() for i in candidates]
    # "表" / "1" / "部门收支总表" on separate lines (Sichuan PDFs converted to text)
    for k in range(len(texts) - 1):
        if texts[k] == "表" and texts[k + 1].isdigit():
            number = f"表{texts[k + 1]}"
    # "金额单位：" / "万元" (or "金额单" / "位：万元") broken over lines
    m = UNIT_RE.search(normalize_label("".join(t for t in texts[-4:] if len(t) <= 12)))
    if m:
        unit = m.group(1)
    for i, text in reversed(list(zip(candidates, texts))):
        if _is_note(text) or len(text) > 60:
            if title:
                break
            continue
        if not unit:
            m = UNIT_RE.search(text)
            if m:
                unit = m.group(1)
        if not number:
            m = NUMBER_RE.search(text)
            if m and len(text) <= 20:
                number = re.sub(r"\s+", "", m.group(1))
        core = re.sub(r"[(（]\s*\d{4}\s*年度?\s*[)）]|[(（]?(金额)?单位[:：].*$", "", text).strip()
        if not title and TITLE_RE.match(normalize_label(core)) and not NUMBER_RE.fullmatch(normalize_label(core)):
            title, title_idx = normalize_label(core), i
    return title, number, unit, title_idx


def _make_tables(doc: Document, raw: RawTable, pending: list[int], table_no: int) -> list[Table]:
    title, number, unit, title_idx = _title_context(doc, pending)
    width = max(len(r) for r in raw.rows)
    texts = [[c.text for c in r] + [""] * (width - len(r)) for r in raw.rows]
    kind = recognise_table(title, texts)
    if not title:
        first = normalize_label(raw.rows[0][0].text) if raw.rows and raw.rows[0] else ""
        title = first[:30]
    pages = (raw.page, raw.last_page or raw.page) if raw.page is not None else None
    header, _, _ = split_header(texts, kind)
    split = two_sided_split(header) if kind in ("summary", "fiscal_summary") else None
    tables: list[Table] = []
    if split:
        halves = [("income", 0, split), ("expense", split, width)]
        for part, a, b in halves:
            grid = [r[a:b] for r in raw.rows]
            # the two-sided header's first row ("收入 | 支出") names the half, not a column
            tables.append(
                build_table(
                    f"T{table_no:02d}{part[0]}", grid, title=title, number=number, unit=unit, kind=kind, part=part, pages=pages
                )
            )
    else:
        tables.append(build_table(f"T{table_no:02d}", raw.rows, title=title, number=number, unit=unit, kind=kind, pages=pages))
    for t in tables:
        if title_idx is not None:
            t.title_page = doc.paragraphs[title_idx].page
            t.title_bbox = doc.paragraphs[title_idx].bbox
    return tables


def _sections(doc: Document) -> None:
    stack: list[tuple[int, str]] = []
    for p in doc.paragraphs:
        text = p.text.strip().lstrip("-").strip()
        m = HEADING_RE.match(text)
        if m and len(text) <= 40:
            mark = m.group(1)
            level = 1 if mark.startswith("第") else 2 if "、" in mark and not mark[0].isdigit() else 3 if mark[0] in "（(" else 4
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, text))
            doc.sections.append(Section(text, level, p.index, p.page))
        p.section = " / ".join(t for _, t in stack)


def _meta(doc: Document) -> None:
    head = " ".join(p.text for p in doc.paragraphs[:12])
    head_n = normalize_label(head)
    doc.doc_type = document_type(doc) or "unknown"
    if re.search(r"单位预算|单位决算|^预算单位[:：]|预算单位(?:财务)?收支", head_n):
        doc.level = "单位"
    elif re.search(r"部门预算|部门决算|预算主管部门", head_n):
        doc.level = "部门"
    m = _YEAR_RE.search(head) or _YEAR_RE.search(doc.text[:3000])
    if m:
        doc.year = int(m.group(1))
    for p in doc.paragraphs:
        m = _DEPT_RE.match(p.text.strip())
        if m and 2 <= len(m.group(1).strip()) <= 40 and not UNIT_RE.search(p.text):
            doc.department = normalize_label(m.group(1))
            break
    if not doc.department:
        doc.department = _department_from_title(doc)
    if not doc.department:
        texts = [p.text for p in doc.paragraphs]
        titles = [t for t in texts[:6] if len(t) <= 40]
        doc.department = _department_from_text(titles) or _department_from_text(texts[:400])
    units = [t.unit for t in doc.tables if t.unit]
    if units:
        doc.default_unit = max(set(units), key=units.count)


def _department_from_title(doc: Document) -> str:
    """The body a cover title names before the year, its lines joined ("上海市普陀区规划和自然" /
    "资源局" / "2024 年度部门决算")."""
    lines: list[str] = []
    for p in doc.paragraphs[:8]:
        text = normalize_label(p.text)
        if text.startswith("目录") or len(text) > 40:
            break
        lines.append(text)
        m = _TITLE_NAME_RE.match("".join(lines))
        if m:
            return m.group("name")
    return ""


_ORG_RE = re.compile(
    r"([\u4e00-\u9fff]{1,12}?(?:省|市|县|区|州|盟|旗)[\u4e00-\u9fff]{0,10}?(?:医疗保障局|医保局|局|委员会|办公室|中心))"
)


def _department_from_text(paragraphs: list[str]) -> str:
    """The organisation (with its place name) named most often; the department itself (局,
    委员会 …) before its units (中心)."""
    counts: dict[str, int] = {}
    for text in paragraphs:
        for m in _ORG_RE.finditer(normalize_label(text)):
            name = re.sub(r"^.*?(?:附件\d*|\d{4}年度?|年度|关于|的|是|为|和|及)", "", m.group(1))
            if len(name) >= 4:
                counts[name] = counts.get(name, 0) + 1
    if not counts:
        return ""
    return max(counts, key=lambda k: (not k.endswith("中心"), counts[k], len(k)))
