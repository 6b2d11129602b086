"""Hostile files: each is read or refused with a clear reason, in bounded time and memory.

The files are made here: PDFs written object by object, zips written entry by entry (so that
their headers can lie), bombs from one compressed megabyte repeated (a full flush resets the
deflate window, so the blocks can be concatenated). Checksums of the bombs are left zero:
nothing here may inflate a bomb to its end. Loads that could hang or blow up the memory run in a
child interpreter, which reports its peak RSS and is killed if it hangs.
"""

from __future__ import annotations

import io
import json
import re
import struct
import subprocess
import sys
import zipfile
import zlib

import pytest
from conftest import ROOT
from test_bad_input import reason

from extract import ExtractionError, load_bytes
from extract.guards import MAX_PAGES, check_pdf, check_zip

GB = 1 << 30
PEAK_MB = 300  # a child reading a small file peaks near 40 MB; a bomb that got through, at 1 GB or more


def deflate_run(size: int, byte: bytes = b"\0") -> bytes:
    """Raw deflate data inflating to ``size`` copies of ``byte``."""
    mb = 1 << 20
    block = zlib.compressobj(9, zlib.DEFLATED, -15)
    piece = block.compress(byte * mb) + block.flush(zlib.Z_FULL_FLUSH)
    tail = zlib.compressobj(9, zlib.DEFLATED, -15)
    return piece * (size // mb) + tail.compress(byte * (size % mb)) + tail.flush()


def flate_run(size: int, byte: bytes = b"\0") -> bytes:
    """A /FlateDecode (zlib) stream inflating to ``size`` copies of ``byte``."""
    return b"\x78\xda" + deflate_run(size, byte) + b"\0\0\0\0"


def load_in_child(*paths) -> tuple[list[dict], float]:
    """Load files in a fresh interpreter: what each gave (paragraphs and warnings, or the
    refusal) and the child's peak RSS in MB. A traceback fails the test. The peak is VmHWM,
    which starts afresh at exec; ru_maxrss would carry over the forking test process's own."""
    code = """
import json, sys
from extract import ExtractionError, load_document
out = []
for path in sys.argv[1:]:
    try:
        doc = load_document(path)
        out.append({"text": [p.text for p in doc.paragraphs], "warnings": doc.warnings, "pages": doc.page_count})
    except ExtractionError as exc:
        out.append({"reason": exc.reason})
with open("/proc/self/status") as status:
    peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
print(json.dumps({"results": out, "peak": peak / 1024}))
"""
    proc = subprocess.run([sys.executable, "-c", code, *map(str, paths)], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(proc.stdout.splitlines()[-1])
    return result["results"], result["peak"]


# --- PDF, written object by object -------------------------------------------------------------


def pdf(*objects: bytes) -> bytes:
    """Objects numbered 1, 2, … (1 is the catalog) with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def stream(data: bytes, extra: bytes = b"", length: int | None = None) -> bytes:
    return b"<< /Length %d %s >>\nstream\n%s\nendstream" % (len(data) if length is None else length, extra, data)


CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
PAGES = b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>"
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
TEXT = stream(b"BT /F1 12 Tf 72 720 Td (Total 362.62) Tj ET")


def page(extra: bytes = b"", contents: bytes = b"4 0 R", resources: bytes = b"<< /Font << /F1 3 0 R >> >>") -> bytes:
    return b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources %s /Contents %s %s >>" % (
        resources,
        contents,
        extra,
    )


def one_page(pages: bytes = PAGES, page_obj: bytes | None = None, *more: bytes) -> bytes:
    """Catalog 1, page tree 2, font 3, content 4 ("Total 362.62"), page 5, then ``more``."""
    return pdf(CATALOG, pages, FONT, TEXT, page_obj or page(), *more)


def many_pages(n: int, declared: int | None = None) -> bytes:
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(n))
    tree = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n if declared is None else declared)
    return pdf(CATALOG, tree, FONT, TEXT, *[page()] * n)


def test_thousands_of_pages_refused_before_reading(tmp_path):
    path = tmp_path / "pages.pdf"
    path.write_bytes(many_pages(3000))
    (result,), peak = load_in_child(path)
    assert result == {"reason": f"PDF 共 3000 页，超过上限 {MAX_PAGES} 页"}
    assert peak < PEAK_MB


def test_page_cap_is_a_parameter_and_a_lying_count_does_not_hide_pages():
    with pytest.raises(ExtractionError) as exc:
        load_bytes(many_pages(30), "p.pdf", max_pages=20)
    assert exc.value.reason == "PDF 共 30 页，超过上限 20 页"
    with pytest.raises(ExtractionError) as exc:
        load_bytes(many_pages(30, declared=1), "p.pdf", max_pages=20)
    assert exc.value.reason == "PDF 超过上限 20 页"
    assert load_bytes(many_pages(30), "p.pdf", max_pages=30).page_count == 30


@pytest.mark.parametrize(
    "pages, extra",
    [
        (b"<< /Type /Pages /Kids [5 0 R 6 0 R] /Count 2 >>", [b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 6 0 R] /Count 1 >>"]),
        (b"<< /Type /Pages /Kids [2 0 R 5 0 R 5 0 R] /Count 1 >>", []),
    ],
    ids=["kids-point-back-to-the-parent", "tree-is-its-own-kid"],
)
def test_page_tree_loops_are_read_once(pages, extra):
    doc = load_bytes(one_page(pages, None, *extra), "loop.pdf")
    assert doc.page_count == 1 and [p.text for p in doc.paragraphs] == ["Total 362.62"]


def test_deep_page_tree_refused():
    depth = 5000  # pdfminer walks the tree recursively: RecursionError past about 950 levels
    nodes = [b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % (7 + i if i < depth - 1 else 5) for i in range(depth)]
    data = pdf(CATALOG, b"<< /Type /Pages /Kids [6 0 R] /Count 1 >>", FONT, TEXT, page(), *nodes)
    assert reason(data, "deep.pdf") == "PDF 的页面树嵌套超过 100 层，疑似损坏或恶意文件"


SELF = b"6 0 R"  # object 6 is a reference to itself: pdfminer's resolve1 loops forever on it
CYCLES = {
    "contents": (one_page(PAGES, page(contents=b"6 0 R"), SELF), 6),
    "resources": (one_page(PAGES, page(resources=b"6 0 R"), SELF), 6),
    "mediabox": (one_page(PAGES, page(extra=b"/MediaBox 6 0 R"), SELF), 6),
    "two-objects": (one_page(PAGES, page(contents=b"6 0 R"), b"7 0 R", b"6 0 R"), 6),
    "page-count": (one_page(b"<< /Type /Pages /Kids [5 0 R] /Count 6 0 R >>", None, SELF), 6),
    "length": (
        one_page(PAGES, page(contents=b"6 0 R"), stream(b"BT ET", length=0).replace(b"/Length 0", b"/Length 7 0 R"), b"7 0 R"),
        7,
    ),
    "page-tree": (pdf(CATALOG, b"2 0 R"), 2),
}


def test_reference_cycles_refused(tmp_path):
    paths = []
    for label, (data, _) in CYCLES.items():
        paths.append(tmp_path / f"{label}.pdf")
        paths[-1].write_bytes(data)
    results, _ = load_in_child(*paths)  # the child is killed if one of them hangs
    assert results == [{"reason": f"PDF 的第 {n} 号对象循环引用自身，疑似损坏或恶意文件"} for _, n in CYCLES.values()]


@pytest.mark.parametrize("key", [b"Prev", b"XRefStm"])
def test_xref_chain_loop_refused(key):
    data = one_page()
    start = int(data.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    looped = data.replace(b"/Root 1 0 R", b"/Root 1 0 R /%s %d" % (key, start))
    assert reason(looped, "xref.pdf") == "PDF 的交叉引用表循环引用或嵌套过深，疑似损坏或恶意文件"


def test_objects_that_contain_themselves_are_read():
    resources = b"<< /Font << /F1 3 0 R >> /Me 6 0 R >>"
    doc = load_bytes(one_page(PAGES, page(resources=b"6 0 R"), resources), "self.pdf")
    assert [p.text for p in doc.paragraphs] == ["Total 362.62"]
    info = one_page(PAGES, None, b"<< /Title (x) /Me 6 0 R >>").replace(b"/Root 1 0 R", b"/Root 1 0 R /Info 6 0 R")
    assert [p.text for p in load_bytes(info, "info.pdf").paragraphs] == ["Total 362.62"]


DEPTH = 100_000


def test_deeply_nested_arrays_are_read():
    nested = b"[" * DEPTH + b"]" * DEPTH  # pdfminer's parser keeps its own stack: no recursion
    doc = load_bytes(one_page(PAGES, page(extra=b"/Deep " + nested)), "deep.pdf")
    assert [p.text for p in doc.paragraphs] == ["Total 362.62"]


def test_deeply_nested_unclosed_dictionaries_refused():
    data = one_page(PAGES, page(extra=b"/Deep " + b"<< /A " * (DEPTH // 5)))  # dictionaries parse slower
    assert reason(data, "deep.pdf") == "PDF 文件损坏或被截断，无法解析（Invalid dictionary construct: [/'A']）"


@pytest.mark.parametrize("length", [5, 1000, 10**15, -50])
def test_lying_stream_length_is_reported(length):
    # the page draws two content streams; the second one's /Length lies (too short, it is cut;
    # too long, pdfminer cannot parse the object at all)
    lying = stream(b"BT /F1 12 Tf 72 700 Td (Second line) Tj ET", length=length)
    doc = load_bytes(one_page(PAGES, page(contents=b"[4 0 R 6 0 R]"), lying), "len.pdf")
    assert doc.warnings == ["PDF 的第 6 号对象已损坏（无法解析或数据长度与 /Length 不符），部分内容可能读取不全"]
    assert doc.paragraphs[0].text == "Total 362.62"


def test_damaged_objects_are_listed_once():
    broken = [stream(b"BT ET", length=1)] * 7
    assert check_pdf(one_page(PAGES, None, *broken), "d.pdf") == [
        "PDF 的第 6、7、8、9、10 号等 7 个对象已损坏（无法解析或数据长度与 /Length 不符），部分内容可能读取不全"
    ]
    assert check_pdf(one_page(), "ok.pdf") == []


def test_stream_bomb_refused(tmp_path):
    path = tmp_path / "bomb.pdf"
    path.write_bytes(one_page(PAGES, page(contents=b"6 0 R"), stream(flate_run(GB, b" "), b"/Filter /FlateDecode")))
    (result,), peak = load_in_child(path)
    assert result == {"reason": "PDF 的数据流解压后超过 256 MB，疑似压缩炸弹"}
    assert peak < PEAK_MB


def test_cross_reference_stream_bomb_refused(tmp_path):
    """pdfminer decodes a cross-reference stream while it opens the file, before any object."""
    body = one_page()
    start = body.index(b"xref\n")
    bomb = stream(flate_run(GB), b"/Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Filter /FlateDecode")
    data = body[:start] + b"6 0 obj\n%s\nendobj\nstartxref\n%d\n%%%%EOF\n" % (bomb, start)
    path = tmp_path / "xref-bomb.pdf"
    path.write_bytes(data)
    (result,), peak = load_in_child(path)
    assert result == {"reason": "PDF 的交叉引用流解压后超过 256 MB，疑似压缩炸弹"}
    assert peak < PEAK_MB


def test_huge_image_is_not_decoded(tmp_path):
    side = 20_000  # 1.2 GB of pixels in a 1.2 MB stream
    image = stream(
        flate_run(side * side * 3),
        b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode"
        % (side, side),
    )
    draw = stream(b"BT /F1 12 Tf 72 720 Td (Total 362.62) Tj ET q 500 0 0 500 50 50 cm /Im1 Do Q")
    resources = b"<< /Font << /F1 3 0 R >> /XObject << /Im1 6 0 R >> >>"
    path = tmp_path / "image.pdf"
    path.write_bytes(pdf(CATALOG, PAGES, FONT, draw, page(resources=resources), image))
    (result,), peak = load_in_child(path)
    assert result == {"text": ["Total 362.62"], "warnings": [], "pages": 1}
    assert peak < PEAK_MB


# --- DOCX and XLSX, written entry by entry ------------------------------------------------------


def raw_zip(entries: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip of (name, deflated data, CRC, declared size) entries, headers exactly as given."""
    out, central = bytearray(), bytearray()
    for name, data, crc, size in entries:
        encoded = name.encode()
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(data), size, len(encoded), 0)
        out += encoded + data
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, len(data), size, len(encoded), 0, 0, 0, 0, 0, offset
        )
        central += encoded
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), len(out), 0)
    return bytes(out + central + end)


def deflated(data: bytes) -> bytes:
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def office(members: dict[str, bytes], *crafted: tuple[str, bytes, int, int]) -> bytes:
    return raw_zip([(n, deflated(b), zlib.crc32(b), len(b)) for n, b in members.items()] + list(crafted))


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {info.filename: zf.read(info) for info in zf.infolist()}


@pytest.fixture(scope="module")
def docx_members() -> dict[str, bytes]:
    import docx

    document = docx.Document()
    document.add_paragraph("本年收入合计362.62万元。")
    buf = io.BytesIO()
    document.save(buf)
    return members(buf.getvalue())


@pytest.fixture(scope="module")
def xlsx_members() -> dict[str, bytes]:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["项目", "金额"])
    wb.active.append(["合计", 362.62])
    buf = io.BytesIO()
    wb.save(buf)
    return members(buf.getvalue())


@pytest.mark.parametrize("fmt, member", [("docx", "word/document.xml"), ("xlsx", "xl/worksheets/sheet1.xml")])
def test_zip_bomb_refused(tmp_path, docx_members, xlsx_members, fmt, member):
    parts = dict(docx_members if fmt == "docx" else xlsx_members)
    del parts[member]
    bomb = deflate_run(GB)
    path = tmp_path / f"bomb.{fmt}"
    path.write_bytes(office(parts, (member, bomb, 0, GB)))
    (result,), peak = load_in_child(path)
    ratio = GB // len(bomb)
    assert result == {"reason": f"压缩包内的“{member}”解压后 1024 MB，压缩比 {ratio}:1，超过上限 100:1，疑似压缩炸弹"}
    assert peak < PEAK_MB


@pytest.mark.parametrize("fmt, member", [("docx", "word/document.xml"), ("xlsx", "xl/worksheets/sheet1.xml")])
def test_member_that_understates_its_size_refused(tmp_path, docx_members, xlsx_members, fmt, member):
    # the header says the member's real (small) size; its data inflates to 1 GB. zipfile would
    # inflate all of it in one call before cutting it to the declared size.
    parts = dict(docx_members if fmt == "docx" else xlsx_members)
    size = len(parts.pop(member))
    path = tmp_path / f"lying.{fmt}"
    path.write_bytes(office(parts, (member, deflate_run(GB), 0, size)))
    (result,), peak = load_in_child(path)
    assert result == {"reason": f"压缩包内的“{member}”无法解压（BadZipFile: Bad CRC-32 for file '{member}'），文件已损坏或被篡改"}
    assert peak < PEAK_MB


def test_too_many_members_refused(docx_members):
    many = {**docx_members, **{f"customXml/item{i}.xml": b"<a/>" for i in range(10_001)}}
    assert reason(office(many), "many.docx") == f"压缩包内有 {len(many)} 个文件，超过上限 10000 个，疑似损坏或恶意文件"


def test_total_size_and_member_limits_are_parameters(docx_members):
    data = office(docx_members)
    total = sum(len(b) for b in docx_members.values())
    with pytest.raises(ExtractionError) as exc:
        check_zip(data, "a.docx", max_total=total - 1)
    assert (
        exc.value.reason == f"压缩包解压后共 {total / (1 << 20):.0f} MB，超过上限 {(total - 1) / (1 << 20):.0f} MB，疑似压缩炸弹"
    )
    with pytest.raises(ExtractionError) as exc:
        check_zip(data, "a.docx", max_members=3)
    assert exc.value.reason == f"压缩包内有 {len(docx_members)} 个文件，超过上限 3 个，疑似损坏或恶意文件"
    check_zip(data, "a.docx")


def test_nested_zip_is_not_unpacked(tmp_path, docx_members):
    # an embedded package holding a 1 GB bomb: python-docx keeps it as an opaque blob
    inner = raw_zip([("zeros.bin", deflate_run(GB), 0, GB)])
    parts = dict(docx_members)
    parts["word/embeddings/package.zip"] = inner
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"<Default ", b'<Default Extension="zip" ContentType="application/zip"/><Default ', 1
    )
    rel = b'<Relationship Id="rIdZip" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/package" Target="embeddings/package.zip"/>'
    parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(
        b"</Relationships>", rel + b"</Relationships>"
    )
    path = tmp_path / "nested.docx"
    path.write_bytes(office(parts))
    (result,), peak = load_in_child(path)
    assert result == {"text": ["本年收入合计362.62万元。"], "warnings": [], "pages": None}
    assert peak < PEAK_MB


def png(width: int, height: int) -> bytes:
    """A black RGB PNG; its pixel data inflates to width × height × 3 bytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = flate_run(height * (1 + 3 * width))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def test_huge_docx_image_is_not_decoded(tmp_path):
    import docx
    from docx.shared import Mm

    document = docx.Document()
    document.add_paragraph("本年收入合计362.62万元。")
    document.add_picture(io.BytesIO(png(20_000, 20_000)), width=Mm(100))  # 1.2 GB of pixels
    path = tmp_path / "image.docx"
    document.save(path)
    (result,), peak = load_in_child(path)
    assert result == {"text": ["本年收入合计362.62万元。"], "warnings": [], "pages": None}
    assert peak < PEAK_MB


@pytest.mark.parametrize(
    "span",
    ["abc", "-5", "0", "²", "9" * 5000, "100000000"],
    ids=["text", "negative", "zero", "superscript", "5000-digits", "1e8"],
)
def test_hostile_grid_span(docx_members, span):
    # int() raised on "abc", "²" and 5000 digits; a span of 1e8 made 1e8 blank cells (minutes, gigabytes)
    parts = dict(docx_members)
    cell = f'<w:tc><w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr><w:p><w:r><w:t>合计</w:t></w:r></w:p></w:tc>'
    table = f"<w:tbl><w:tr>{cell}<w:tc><w:p><w:r><w:t>362.62</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    parts["word/document.xml"] = parts["word/document.xml"].replace(b"<w:sectPr", table.encode() + b"<w:sectPr", 1)
    doc = load_bytes(office(parts), "span.docx")
    assert len(doc.tables[0].columns) == (63 + 1 if span == "100000000" else 2)


BILLION_LAUGHS = (
    '<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
    + "]>"
)  # &j; is 10**10 bytes
EXTERNAL = '<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'


def with_doctype(xml: bytes, doctype: str, old: str, new: str) -> bytes:
    """The XML with ``doctype`` before its root element and ``old`` replaced by ``new``."""
    text = xml.decode()
    root = re.search(r"<(?![?!])", text).start()
    return (text[:root] + doctype + text[root:]).replace(old, new, 1).encode()


@pytest.mark.parametrize(
    "fmt, doctype, entity, expected",
    [
        ("docx", BILLION_LAUGHS, "&j;", "DOCX 文件损坏，无法打开（XMLSyntaxError: Maximum entity amplification factor exceeded"),
        ("docx", EXTERNAL, "X&x;", None),
        ("xlsx", BILLION_LAUGHS, "&j;", "XLSX 文件损坏，无法打开（ParseError: limit on input amplification factor"),
        ("xlsx", EXTERNAL, "&x;", "XLSX 文件损坏，无法打开（ParseError: undefined entity &x;"),
    ],
    ids=["docx-laughs", "docx-external", "xlsx-laughs", "xlsx-external"],
)
def test_entity_bombs_and_external_entities(docx_members, xlsx_members, fmt, doctype, entity, expected):
    parts = dict(docx_members if fmt == "docx" else xlsx_members)
    member, old = ("word/document.xml", "本年收入合计362.62万元。") if fmt == "docx" else ("xl/worksheets/sheet1.xml", "362.62")
    parts[member] = with_doctype(parts[member], doctype, old, entity)
    if expected:
        assert reason(office(parts), f"entities.{fmt}").startswith(expected)
    else:  # python-docx never resolves entities: the file's text stays out
        assert [p.text for p in load_bytes(office(parts), f"entities.{fmt}").paragraphs] == ["X"]


def test_sheet_with_more_cells_than_it_declares(monkeypatch, xlsx_members):
    import extract.xlsx

    monkeypatch.setattr(extract.xlsx, "MAX_CELLS", 100)
    parts = dict(xlsx_members)
    rows = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}"><v>1</v></c></row>' for r in range(3, 60))
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    parts["xl/worksheets/sheet1.xml"] = (
        sheet.replace("</sheetData>", rows + "</sheetData>").replace('<dimension ref="A1:B2"/>', "").encode()
    )
    assert reason(office(parts), "cells.xlsx") == "工作表“Sheet”超过 100 个单元格，疑似损坏或恶意文件"


# --- content that is not what the extension says ---------------------------------------------------

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64
UNSUPPORTED = "，支持 PDF、DOCX、XLSX、TXT、MD"


@pytest.mark.parametrize(
    "content, name, expected",
    [
        ("jpeg", "scan.pdf", "文件扩展名为 .pdf，但内容是 JPEG 图片"),
        ("jpeg", "scan.docx", "文件扩展名为 .docx，但内容是 JPEG 图片"),
        ("jpeg", "scan.txt", "文件扩展名为 .txt，但内容是 JPEG 图片"),
        ("ole", "old.docx", "文件扩展名为 .docx，但内容是旧版 Word/Excel 文件（.doc/.xls），请先另存为 .docx"),
        ("ole", "old.xlsx", "文件扩展名为 .xlsx，但内容是旧版 Word/Excel 文件（.doc/.xls），请先另存为 .xlsx"),
        ("pdf", "report.docx", "文件扩展名为 .docx，但内容是 PDF，请把扩展名改为 .pdf"),
        ("docx", "report.xlsx", "文件扩展名为 .xlsx，但内容是 Word 文档，请把扩展名改为 .docx"),
        ("xlsx", "report.docx", "文件扩展名为 .docx，但内容是 Excel 工作簿，请把扩展名改为 .xlsx"),
        ("xlsx", "report.pdf", "文件扩展名为 .pdf，但内容是 Excel 工作簿，请把扩展名改为 .xlsx"),
        ("zip", "report.pdf", "文件扩展名为 .pdf，但内容是 zip 压缩包"),
        ("ole", "old.doc", "不支持的文件类型“.doc”" + UNSUPPORTED),
        ("ole", "old.xls", "不支持的文件类型“.xls”" + UNSUPPORTED),
        ("jpeg", "scan.jpg", "不支持的文件类型“.jpg”" + UNSUPPORTED),
    ],
)
def test_wrong_content_for_the_extension(docx_members, xlsx_members, content, name, expected):
    data = {
        "jpeg": JPEG,
        "ole": OLE,
        "pdf": one_page(),
        "docx": office(docx_members),
        "xlsx": office(xlsx_members),
        "zip": raw_zip([("a.txt", deflated(b"a"), zlib.crc32(b"a"), 1)]),
    }[content]
    assert reason(data, name) == expected
