"""The document model: what every extractor produces and every detector reads.

Everything carries provenance: the verbatim text it came from, the 1-based page and the
box ``(x0, top, x1, bottom)`` in PDF points (``None`` for formats without pages).
This module imports nothing of ours.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from .amount import MONEY_UNITS, Amount

BBox = tuple[float, float, float, float]

DOC_TYPES = ("部门决算", "部门预算", "绩效自评", "绩效评价报告", "unknown")


@dataclass
class Cell:
    """One table cell as printed."""

    text: str  # verbatim (wrapped lines joined without spaces)
    value: Decimal | None = None  # parsed number, in the table's unit (or %/count)
    kind: str = "blank"  # amount | percent | count | number | text | blank
    unit: str = ""  # the unit of the value: written in the cell (%, 人, 万元 …), or its table's for amounts
    comparator: str = ""  # ≥, ≤, >, < for indicator targets
    page: int | None = None
    bbox: BBox | None = None

    @property
    def is_blank(self) -> bool:
        return self.kind == "blank"

    @property
    def amount(self) -> Amount | None:
        """The cell's money with its unit (the table's, unless the cell prints its own)."""
        if self.kind != "amount" or self.value is None or self.unit not in MONEY_UNITS:
            return None
        return Amount(self.value, self.unit)


@dataclass
class Column:
    index: int
    header: str  # header path joined with "/", e.g. "本年支出/基本支出"
    role: str = ""  # normalised meaning: code | label | total | basic | project | …


@dataclass
class Row:
    index: int
    cells: list[Cell]
    code: str = ""  # classification code, joined when printed split ("208|01|09" → "2080109")
    label: str = ""  # 科目名称 / 项目, normalised (no spaces inside CJK)
    page: int | None = None
    bbox: BBox | None = None

    @property
    def text(self) -> str:
        """The row as a reader sees it: cells joined by tabs, trailing blanks dropped."""
        texts = [c.text for c in self.cells]
        while texts and not texts[-1]:
            texts.pop()
        return "\t".join(texts)

    @property
    def level(self) -> str:
        """类 / 款 / 项 from the code length (function codes 3/5/7, economic 3/5)."""
        return {3: "类", 5: "款", 7: "项"}.get(len(self.code), "")


@dataclass
class Table:
    id: str  # stable within a document: "T01", "T02" …
    title: str
    number: str = ""  # as printed: "公开02表", "表1-1", "表3"
    unit: str = "万元"
    unit_stated: bool = False  # the unit line was read ("单位：元"); else the document's usual unit
    kind: str = ""  # recognised standard-table type (see extract.tables.TABLE_KINDS)
    part: str = ""  # for two-sided tables: "income" | "expense"
    header_rows: list[list[str]] = field(default_factory=list)
    columns: list[Column] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    pages: tuple[int, int] | None = None
    bbox: BBox | None = None  # of the first part, on the first page
    title_page: int | None = None
    title_bbox: BBox | None = None
    notes: list[str] = field(default_factory=list)  # 注 / 说明 lines after the table
    position: int = 0  # how many paragraphs of the document come before it (reading order)

    def column(self, role: str) -> Column | None:
        for col in self.columns:
            if col.role == role:
                return col
        return None

    def columns_with(self, role: str) -> list[Column]:
        return [c for c in self.columns if c.role == role]

    def cell(self, row: Row, role: str) -> Cell | None:
        col = self.column(role)
        if col is None or col.index >= len(row.cells):
            return None
        return row.cells[col.index]

    def value(self, row: Row, role: str) -> Decimal | None:
        """The number as printed, in the table's unit (for sums inside the table)."""
        cell = self.cell(row, role)
        return None if cell is None else cell.value

    def amount(self, row: Row, role: str) -> Amount | None:
        """The money with its unit (for comparisons with other tables and with the text)."""
        cell = self.cell(row, role)
        return None if cell is None else cell.amount

    def find_row(self, *, code: str = "", label: str = "") -> Row | None:
        for row in self.rows:
            if code and row.code == code:
                return row
            if label and not code and row.label == label:
                return row
        return None

    @property
    def is_empty(self) -> bool:
        """True when no data cell carries a non-zero number."""
        return not any(c.value for r in self.rows for c in r.cells if c.kind in ("amount", "number"))


@dataclass
class Indicator:
    """One row of a performance table's indicator block (一级/二级/三级指标 …)."""

    level1: str
    level2: str
    name: str
    target: str  # 年度指标值 / 预期指标值, verbatim
    actual: str  # 实际完成值, verbatim ("" in target tables)
    weight: Decimal | None  # 分值 / 权重
    score: Decimal | None  # 得分
    reason: str  # 偏差原因分析及改进措施
    row: int  # index into the table's rows


@dataclass
class Project:
    """A project (or the department as a whole) as its performance table states it."""

    name: str
    table: str  # table id
    scope: str  # project | department
    budget_initial: Decimal | None = None  # 年初预算数
    budget: Decimal | None = None  # 全年预算数 (or 预算数)
    executed: Decimal | None = None  # 全年执行数
    fiscal_budget: Decimal | None = None  # 其中：当年财政拨款 / 其中-财政拨款
    fiscal_executed: Decimal | None = None
    weight: Decimal | None = None  # 分值 of the execution line
    rate_stated: Decimal | None = None  # 执行率 as printed, in %
    score_stated: Decimal | None = None  # 得分 of the execution line
    goal_expected: str = ""
    goal_actual: str = ""
    indicators: list[Indicator] = field(default_factory=list)
    total_weight: Decimal | None = None  # 总分 row: 分值
    total_score: Decimal | None = None  # 总分 row: 得分
    rows: dict[str, int] = field(default_factory=dict)  # name | money | fiscal | goals | total → row index

    @property
    def execution_rate(self) -> Decimal | None:
        """执行数 / 全年预算数, in %."""
        if self.executed is None or not self.budget:
            return None
        return self.executed / self.budget * 100


@dataclass
class Figure:
    """A number stated in the narrative, with what it is about."""

    value: Decimal
    unit: str  # 万元 | 元 | 亿元 | % | 人 | 人次 | 万人 | 家 | 个 | 辆 | 次 …
    kind: str  # amount | percent | count | change
    text: str  # the verbatim number with its unit: "329.85万元"
    subject: str  # the phrase it refers to: "卫生健康（类）支出"
    sentence: str  # the clause/sentence it sits in, verbatim
    paragraph: int  # index into Document.paragraphs
    start: int  # character offset inside the paragraph text
    direction: int = 0  # for changes: +1 增加/增长, -1 减少/下降
    comparator: str = ""
    page: int | None = None
    bbox: BBox | None = None

    @property
    def amount(self) -> Amount | None:
        """The money stated, with its unit; None for percents and counts."""
        unit = {"万": "万元"}.get(self.unit, self.unit)
        return Amount(self.value, unit) if unit in MONEY_UNITS else None

    @property
    def amount_wan(self) -> Decimal | None:
        """The amount in 万元, for amounts; None otherwise."""
        a = self.amount
        return None if a is None else a.wan


@dataclass
class Paragraph:
    index: int
    text: str  # verbatim, lines joined without spaces
    page: int | None = None
    bbox: BBox | None = None
    section: str = ""  # the heading path it sits under
    char_boxes: list[BBox] | None = field(default=None, repr=False, compare=False)  # per char (PDF)
    # per char, for a paragraph that runs on over a page break (PDF); None: all on ``page``
    char_pages: list[int] | None = field(default=None, repr=False, compare=False)

    def page_at(self, offset: int) -> int | None:
        """The page the character at ``offset`` is printed on."""
        if self.char_pages and 0 <= offset < len(self.char_pages):
            return self.char_pages[offset]
        return self.page

    def span_bbox(self, start: int, end: int) -> BBox | None:
        """The box of text[start:end] on the page of its first character (PDF), else the
        paragraph's box (when that page is the paragraph's first)."""
        page = self.page_at(start)
        fallback = self.bbox if page == self.page else None
        if not self.char_boxes or end > len(self.char_boxes):
            return fallback
        boxes = [b for i, b in enumerate(self.char_boxes[start:end], start) if b and self.page_at(i) == page]
        if not boxes:
            return fallback
        return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


@dataclass
class Section:
    title: str
    level: int
    paragraph: int  # index of the heading paragraph
    page: int | None = None


@dataclass
class Document:
    path: str
    name: str  # basename, as the findings contract wants
    sha256: str
    format: str  # pdf | docx | xlsx | txt | md
    doc_type: str = "unknown"
    level: str = ""  # 部门 (a department's consolidated disclosure) | 单位 (one unit's) | "" unknown
    template: str = ""  # the provincial template recognised (extract.templates): 湖南 | 四川 | 上海 | ""
    template_confidence: float = 0.0
    template_reason: str = ""  # why, in the user's words
    year: int | None = None
    department: str = ""
    default_unit: str = "万元"
    page_count: int | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)  # from the performance tables
    warnings: list[str] = field(default_factory=list)  # e.g. "第3页没有文字层，需OCR"
    ocr_pages: list[int] = field(default_factory=list)

    def table(self, table_id: str) -> Table | None:
        return next((t for t in self.tables if t.id == table_id), None)

    def tables_of(self, kind: str) -> list[Table]:
        return [t for t in self.tables if t.kind == kind]

    def table_of(self, kind: str, part: str = "") -> Table | None:
        for t in self.tables:
            if t.kind == kind and (not part or t.part == part):
                return t
        return None

    def iter_cells(self) -> Iterator[tuple[Table, Row, Cell]]:
        for t in self.tables:
            for r in t.rows:
                for c in r.cells:
                    yield t, r, c

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)
