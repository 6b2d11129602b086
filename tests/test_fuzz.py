"""Property tests of the number parser, the table builder and the format readers' grids.

Runs are bounded and reproducible (``derandomize``, no example database). Every input that
once broke something is kept as an ``@example`` of the property it broke.
"""

from __future__ import annotations

import re
from decimal import Decimal

from hypothesis import example, given, settings
from hypothesis import strategies as st

from extract import ExtractionError, load_bytes
from extract.blocks import RawCell, RawDocument, RawTable, TextBlock
from extract.builder import build_document
from extract.guards import check_pdf
from extract.numbers import BLANK_MARKS, MAX_DIGITS, half_ulp, normalize_label, parse_cell, to_wan
from extract.text import parse_text
from extract.xlsx import _sheet_blocks, _text

FUZZ = settings(max_examples=200, deadline=None, derandomize=True, database=None)

WORDS = [
    "项目", "合计", "总计", "小计", "科目编码", "科目名称", "类", "款", "项", "栏次", "行次", "收入", "支出",
    "预算数", "决算数", "基本支出", "项目支出", "本年收入合计", "年初结转和结余", "因公出国（境）费",
    "公务用车购置及运行维护费", "购置", "运行维护", "公务接待费", "208", "20805", "2080501", "行政运行",
    "一、一般公共预算财政拨款", "部门收支总表", "支出决算表", "三公经费支出表", "单位：万元", "金额单位：元",
    "公开01表", "表", "1", "2", "3", "注：本表为空", "绩效目标表", "三级指标", "指标值", "实际完成值", "得分",
]  # fmt: skip
NUMBER_CHARS = "0123456789.,-−()（）%％‰万元亿人次≥≤》《<>０１２３４５６７８９．，　  "


@st.composite
def printed_numbers(draw) -> tuple[str, Decimal]:
    """A number as a disclosure prints it, and its value."""
    value = draw(st.decimals(min_value=-(10**12), max_value=10**12, places=draw(st.integers(0, 4))))
    digits = f"{abs(value):,}" if draw(st.booleans()) else f"{abs(value)}"
    if value < 0:
        digits = draw(st.sampled_from(["-{}", "({})", "（{}）"])).format(digits)
    if draw(st.booleans()):
        digits = digits.translate(str.maketrans("0123456789.,", "０１２３４５６７８９．，"))
    return digits, value


cell_texts = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(sorted(BLANK_MARKS)),
    printed_numbers().map(lambda p: p[0]),
    st.text(alphabet=NUMBER_CHARS, max_size=10),
    st.text(max_size=10),
)


def assert_decimal_or_none(value) -> None:
    assert value is None or type(value) is Decimal


@FUZZ
@given(st.one_of(st.text(), st.text(alphabet=NUMBER_CHARS)))
@example("٣٦٢")  # \d took Arabic-Indic digits: a value whose printed digits are not the cell's
@example("𝟑𝟔𝟐")
@example("1" * 5000)  # a 5000-digit "amount": quantize() and int() refuse it further on
def test_parse_cell_never_fails(text):
    p = parse_cell(text)
    assert p.kind in {"amount", "percent", "count", "number", "text", "blank"}
    assert_decimal_or_none(p.value)
    assert (p.value is None) == (p.kind in ("text", "blank"))
    if p.value is not None:
        assert re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", format(p.value, "f"))  # ASCII digits only
        assert len(str(p.value).replace("-", "").replace(".", "").lstrip("0")) <= MAX_DIGITS
        assert p.value.quantize(Decimal("0.01")) is not None  # what the detectors do with amounts
        assert half_ulp(p.value) > 0


@FUZZ
@given(
    st.text(st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp"), exclude_characters="|"), max_size=40),
    st.sampled_from(["万元", "元", "%", "万人", "人"]),
)  # one line of prose (a tab, a line break or a pipe makes it a table row)
@example("支出٣٦٢", "万元")  # the figure pattern's \d took Arabic-Indic digits as a figure
def test_narrative_figures_are_the_ascii_numbers_the_sentence_prints(text, unit):
    doc = load_bytes(f"{text}{unit}，合计12.5万元。".encode(), "x.txt")
    for f in doc.figures:  # Decimal("٣٦٢") is 362: the printed digits must be ASCII (or full-width) ones
        assert type(f.value) is Decimal and all(c in "0123456789" for c in f.text if c.isdigit())
    assert any(f.value == Decimal("12.5") and f.unit == "万元" for f in doc.figures)


def test_rounding_radius_of_a_million_places():
    # a cell "0.000…1" with a million zeros: half_ulp computed 10 ** 1000002, past Decimal's range
    assert parse_cell("0." + "0" * 1_000_000 + "1").value == Decimal("1E-1000001")
    assert half_ulp(Decimal("1E-1000001")) == Decimal("5E-1000002")


@FUZZ
@given(printed_numbers(), st.sampled_from(["", "万元", "元", "亿元", "%", "人"]))
def test_printed_numbers_round_trip(printed, unit):
    text, value = printed
    p = parse_cell(text + unit)
    assert type(p.value) is Decimal and p.value == value
    assert str(abs(p.value)) == str(abs(value))  # the printed digits, places included
    if unit in ("万元", "元", "亿元"):
        assert p.kind == "amount"
        wan = to_wan(p.value, p.unit)
        assert type(wan) is Decimal and wan == value * {"万元": 1, "元": Decimal("0.0001"), "亿元": 10000}[unit]


@FUZZ
@given(st.floats(min_value=-1e15, max_value=1e15, allow_nan=False))
def test_workbook_floats_become_the_decimals_they_print(value):
    # openpyxl gives numbers as floats; the cell text is the shortest repr, never a binary expansion
    p = parse_cell(_text(value))
    assert type(p.value) is Decimal and p.value == Decimal(repr(value))


@FUZZ
@given(st.text())
@example("E¨")  # NFKC makes ¨ a space and a combining mark; without the space the mark composes
def test_normalize_label_is_idempotent_and_spaceless(text):
    label = normalize_label(text)
    assert not re.search(r"\s", label)
    assert normalize_label(label) == label


@st.composite
def raw_tables(draw) -> RawTable:
    paged = draw(st.booleans())
    rows = draw(st.lists(st.lists(cell_texts, max_size=8), min_size=1, max_size=8))
    page = draw(st.integers(1, 3)) if paged else None

    def cell(text: str, c: int) -> RawCell:
        bbox = (c * 50.0, 0.0, c * 50.0 + 50, 10.0) if paged and draw(st.booleans()) else None
        return RawCell(text, page, bbox)

    cells = [[cell(t, c) for c, t in enumerate(row)] for row in rows]
    return RawTable(cells, page, None, page, draw(st.booleans()), draw(st.booleans()))


def table(*rows: list[str], page: int | None = None, ends: bool = False, starts: bool = False) -> RawTable:
    return RawTable([[RawCell(t, page) for t in r] for r in rows], page, None, page, starts, ends)


def kept_labels(doc) -> set[str]:
    """Every text of the document, normalised (a continued grid's repeated header is dropped
    when it normalises to the header above)."""
    kept = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        kept += [text for row in t.header_rows for text in row] + [c.text for r in t.rows for c in r.cells]
    return {normalize_label(text) for text in kept}


@FUZZ
@given(st.lists(st.one_of(cell_texts.map(TextBlock), raw_tables()), max_size=8))
# a page-2 grid "continued" by a narrower page-1 grid without cell boxes: align_columns fitted it
# onto no columns at all and the stitched table lost "合计"
@example([table(["项目"] * 4, ["项目"] * 8, page=2, ends=True), table(["项目", "合计"], page=1, starts=True)])
# a column-number row check ran int() on "፩" (isdigit, not a decimal) and on 5000 digits
@example([table(["项目", "金额"], ["፩", "፪", "፫"], ["合计", "1"])])
@example([table(["1" * 5000, "2", "3"], ["合计", "1", "2"])])
def test_builder_takes_any_grid_and_keeps_its_text(items):
    doc = build_document(RawDocument(items), path="f", name="f", sha256="", fmt="txt")
    for t in doc.tables:
        for row in t.rows:
            assert len(row.cells) == len(t.columns)
            for c in row.cells:
                assert_decimal_or_none(c.value)
    grids = {c.text for item in items if isinstance(item, RawTable) for row in item.rows for c in row}
    assert {normalize_label(t) for t in grids} - {""} <= kept_labels(doc)


@FUZZ
@given(st.lists(st.lists(cell_texts, max_size=6), max_size=10))
def test_sheet_rows_keep_their_text(rows):
    raw = RawDocument()
    _sheet_blocks([list(r) for r in rows], raw)
    doc = build_document(raw, path="f", name="f", sha256="", fmt="xlsx")
    assert {normalize_label(t) for r in rows for t in r} - {""} <= kept_labels(doc)


text_lines = st.one_of(
    cell_texts,
    st.lists(cell_texts, min_size=2, max_size=6).map("\t".join),
    st.lists(cell_texts, min_size=1, max_size=6).map(lambda cs: "| " + " | ".join(cs) + " |"),
    st.sampled_from(["|---|---|", "| :-- | --: |", "", " ", "\t", "**部门收支总表**"]),
    cell_texts.map(lambda c: "\t" + c),
)


@FUZZ
@given(st.lists(text_lines, max_size=20).map("\n".join))
def test_text_readers_keep_every_word(text):
    raw = parse_text(text)
    out = " ".join(b.text if isinstance(b, TextBlock) else " ".join(c.text for r in b.rows for c in r) for b in raw.blocks)
    for word in re.findall(r"[^\s|*:\-]+", text):  # markdown rules and emphasis are not words
        assert word in out
    try:
        doc = load_bytes(text.encode(), "f.txt")
    except ExtractionError as exc:
        assert exc.reason in (
            "文件为空（0 字节）",
            "文件中没有可读取的文字或表格",
            "文件内容不是文本（含大量控制字符），可能是二进制文件或编码无法识别",  # lines of control characters
        )
        return
    for t in doc.tables:
        for row in t.rows:
            for c in row.cells:
                assert_decimal_or_none(c.value)


@FUZZ
@given(st.binary())
@example(b"\xef\xbb\xbf")  # a BOM and nothing else
def test_any_bytes_as_text(data):
    try:
        load_bytes(data, "f.txt")
    except ExtractionError:
        pass


SMALL_PDF = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
    b"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>\nendobj\n"
    b"4 0 obj\n<< /Length 44 >>\nstream\nBT /F1 12 Tf 72 720 Td (Total 362.62) Tj ET\nendstream\nendobj\n"
    b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
)


@FUZZ
@given(st.lists(st.tuples(st.integers(0, len(SMALL_PDF) - 1), st.binary(max_size=8)), max_size=6), st.booleans())
def test_pdf_guard_takes_damaged_files(edits, truncate):
    """Bytes of a small PDF overwritten here and there (or cut): the guard warns, refuses or lets
    it through, and never fails otherwise."""
    data = bytearray(SMALL_PDF)
    for at, chunk in edits:
        data[at : at + len(chunk)] = chunk
    if truncate and edits:
        data = data[: edits[0][0]]
    try:
        warnings = check_pdf(bytes(data), "f.pdf")
    except ExtractionError:
        return
    assert all(isinstance(w, str) for w in warnings)
