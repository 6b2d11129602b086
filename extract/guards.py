"""Limits that keep a hostile or broken file from hanging a reader or exhausting memory.

Each check runs before a reader touches the file and raises ``ExtractionError`` with the reason
in Chinese. The checks are best effort: a file they cannot open at all is left to its reader,
which says why it is broken.

- ``check_type``: the content is what the extension says (a JPEG renamed ``.pdf``, an old
  ``.doc`` renamed ``.docx``, a workbook renamed ``.docx``).
- ``check_pdf``: the page count, read from the page tree walked without recursion and with a
  visited set; reference cycles (``5 0 obj 5 0 R endobj`` sends pdfminer's ``resolve1`` into an
  endless loop); and the decoded size of the streams pdfminer decompresses (a 1 MB content
  stream can inflate to gigabytes), the cross-reference streams included: pdfminer decodes
  those while it opens the file, so they are found and counted in the raw bytes first. Images are never decoded by text extraction and are not
  counted. Objects pdfminer cannot parse, or whose stream data does not end where ``/Length``
  says (pdfminer trusts it and then reads the stream cut short or not at all), come back as one
  warning.
- ``check_zip`` (DOCX, XLSX): member count, total size and compression ratio from the central
  directory, then every member inflated in 1 MB pieces. ``zipfile`` stops a member at its
  declared size and checks its CRC, but it inflates up to 2 GB in one call before cutting, so a
  member whose header understates its size would be unpacked whole by ``zipfile.read`` in the
  reader; here it fails its CRC check after at most its declared size.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
import zlib
from pathlib import Path

from .blocks import ExtractionError, PageLimitError

_MB = 1 << 20

MAX_PAGES = 2000
MAX_PAGE_TREE_DEPTH = 100  # real page trees are a few levels deep; pdfminer recurses per level
MAX_DECODED = 256 * _MB  # PDF: decoded size of all streams but images
MAX_UNZIPPED = 256 * _MB  # DOCX/XLSX: declared size of all members
MAX_RATIO = 100  # DOCX/XLSX: compression ratio of one member (XML compresses 5-30:1, zeros 1000:1)
MAX_MEMBERS = 10_000
MAX_CELLS = 2_000_000  # XLSX: cells of one sheet
_RATIO_MIN_SIZE = 10 * _MB  # smaller members are harmless whatever their ratio (a blank PNG zips 300:1)
_CHUNK = _MB

# first bytes → what the file is, and the format it is (for "rename it" hints)
_MAGIC = [
    (b"%PDF", "PDF", "pdf"),
    (b"PK\x03\x04", "zip 压缩包", "zip"),
    (b"PK\x05\x06", "zip 压缩包", "zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "旧版 Word/Excel 文件（.doc/.xls）", "ole"),
    (b"\xff\xd8\xff", "JPEG 图片", ""),
    (b"\x89PNG\r\n\x1a\n", "PNG 图片", ""),
    (b"GIF8", "GIF 图片", ""),
    (b"II*\x00", "TIFF 图片", ""),
    (b"MM\x00*", "TIFF 图片", ""),
    (b"{\\rtf", "RTF 文档", ""),
    (b"Rar!\x1a\x07", "RAR 压缩包", ""),
    (b"7z\xbc\xaf\x27\x1c", "7z 压缩包", ""),
    (b"\x1f\x8b", "gzip 压缩包", ""),
]
# an Office zip's parts say which application wrote it
_OFFICE = [("word/", "Word 文档", "docx"), ("xl/", "Excel 工作簿", "xlsx"), ("ppt/", "PowerPoint 演示文稿", "pptx")]


class _Refused(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class _TooLong(_Refused):
    pass


def content_type(data: bytes) -> tuple[str, str]:
    """What the first bytes say the file is, and its format ("", "" when they do not say)."""
    head = data[:16].lstrip()
    label, fmt = next(((label, fmt) for magic, label, fmt in _MAGIC if head.startswith(magic)), ("", ""))
    if fmt == "zip":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = zf.namelist()
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            names = []
        label, fmt = next(((lbl, f) for prefix, lbl, f in _OFFICE if any(n.startswith(prefix) for n in names)), (label, fmt))
    return label, fmt


def check_type(data: bytes, name: str, fmt: str) -> None:
    """Refuse content of another kind than the extension says; a zip that is no Office file
    is left to the DOCX/XLSX reader."""
    label, actual = content_type(data)
    if not label or actual == fmt or (actual == "zip" and fmt in ("docx", "xlsx")):
        return
    suffix = Path(name).suffix.lower()
    if actual == "ole":
        hint = f"，请先另存为 {suffix}"
    elif actual in ("pdf", "docx", "xlsx"):
        hint = f"，请把扩展名改为 .{actual}"
    else:
        hint = ""
    space = " " if label[0].isascii() else ""
    raise ExtractionError(name, f"文件扩展名为 {suffix}，但内容是{space}{label}{hint}")


def check_zip(
    data: bytes, name: str, *, max_total: int = MAX_UNZIPPED, max_ratio: int = MAX_RATIO, max_members: int = MAX_MEMBERS
) -> None:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return  # no readable central directory: the reader says the file is broken
    with zf:
        infos = zf.infolist()
        if len(infos) > max_members:
            raise ExtractionError(name, f"压缩包内有 {len(infos)} 个文件，超过上限 {max_members} 个，疑似损坏或恶意文件")
        for info in infos:
            ratio = info.file_size // max(info.compress_size, 1)
            if info.file_size > _RATIO_MIN_SIZE and ratio > max_ratio:
                raise ExtractionError(
                    name,
                    f"压缩包内的“{info.filename}”解压后 {_mb(info.file_size)}，压缩比 {ratio}:1，超过上限 {max_ratio}:1，疑似压缩炸弹",
                )
        total = sum(info.file_size for info in infos)
        if total > max_total:
            raise ExtractionError(name, f"压缩包解压后共 {_mb(total)}，超过上限 {_mb(max_total)}，疑似压缩炸弹")
        for info in infos:
            try:
                with zf.open(info) as member:
                    while member.read(_CHUNK):
                        pass
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError) as exc:
                detail = f"{type(exc).__name__}: {exc}"
                raise ExtractionError(name, f"压缩包内的“{info.filename}”无法解压（{detail}），文件已损坏或被篡改") from exc


def _mb(size: int) -> str:
    return f"{size / _MB:.0f} MB"


def check_pdf(data: bytes, name: str, *, max_pages: int = MAX_PAGES, max_decoded: int = MAX_DECODED) -> list[str]:
    """Refuse a PDF that would hang pdfminer or exhaust memory; return warnings for the rest."""
    from pdfminer.pdfparser import PDFParser

    try:
        xref_bytes = _xref_streams_size(data, max_decoded)
        doc = _guarded_document()(PDFParser(io.BytesIO(data)), max_decoded - xref_bytes)
    except _Refused as exc:
        raise ExtractionError(name, exc.reason) from None
    except RecursionError:
        raise ExtractionError(name, "PDF 的交叉引用表循环引用或嵌套过深，疑似损坏或恶意文件") from None
    except Exception:  # noqa: BLE001 - not a PDF, encrypted or broken: the reader says which
        return []
    try:
        pages = _count_pages(doc, max_pages)
        warnings, page_objects = _scan_objects(doc, data)
        if not pages and page_objects > max_pages:  # no page tree: pdfminer reads every page object
            raise _TooLong(f"PDF 共 {page_objects} 页，超过上限 {max_pages} 页")
    except _TooLong as exc:
        raise PageLimitError(name, exc.reason) from None
    except _Refused as exc:
        raise ExtractionError(name, exc.reason) from None
    return warnings


@functools.cache
def _guarded_document() -> type:
    """pdfminer's document (imported on first use) that follows chains of bare references itself,
    stopping at a cycle, and counts the decoded size of every stream it hands out."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdftypes import PDFObjRef, PDFStream

    class GuardedDocument(PDFDocument):
        def __init__(self, parser, max_decoded: int):
            self.max_decoded = max_decoded
            self.decoded = 0
            self.counted: set[int] = set()
            super().__init__(parser)

        def getobj(self, objid: int) -> object:
            obj = super().getobj(objid)
            chain = {objid}
            while isinstance(obj, PDFObjRef):
                if obj.objid in chain:
                    raise _Refused(f"PDF 的第 {objid} 号对象循环引用自身，疑似损坏或恶意文件")
                chain.add(obj.objid)
                obj = super().getobj(obj.objid)
            if isinstance(obj, PDFStream) and obj.objid not in self.counted:
                self.counted.add(obj.objid)
                self.decoded += _decoded_size(obj, self.max_decoded - self.decoded)
                if self.decoded > self.max_decoded:
                    raise _Refused(f"PDF 的数据流解压后超过 {_mb(self.max_decoded)}，疑似压缩炸弹")
            return obj

    return GuardedDocument


_XREF_STREAM = re.compile(rb"/Type\s*/XRef\b")


def _xref_streams_size(data: bytes, budget: int) -> int:
    """The decoded size of the cross-reference streams, found in the raw bytes: pdfminer decodes
    them whole while it opens the file, before any stream can be counted as it is handed out."""
    size = 0
    for m in _XREF_STREAM.finditer(data):
        start = data.find(b"stream", m.end())
        if start < 0:
            continue
        start += len(b"stream")
        end = data.find(b"endstream", start)
        size += _inflated_size(data[start : end if end >= 0 else len(data)].lstrip(b"\r\n"), budget - size)
        if size > budget:
            raise _Refused(f"PDF 的交叉引用流解压后超过 {_mb(budget)}，疑似压缩炸弹")
    return size


def _decoded_size(stream, budget: int) -> int:
    """Bytes pdfminer would hold after decoding the stream, counted up to just past ``budget``
    in 1 MB pieces (nothing large is ever allocated). Only Flate can explode; images are skipped
    because text extraction never decodes them."""
    from pdfminer.pdfinterp import LITERAL_IMAGE
    from pdfminer.pdftypes import LITERALS_FLATE_DECODE, resolve1

    data = stream.rawdata or b""
    if resolve1(stream.get("Subtype")) is LITERAL_IMAGE:
        return 0
    filters = stream.get_filters()
    if not filters or filters[0][0] not in LITERALS_FLATE_DECODE:
        return len(data)
    if stream.decipher:
        data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
    return _inflated_size(data, budget)


def _inflated_size(data: bytes, budget: int) -> int:
    """zlib data's inflated size, counted up to just past ``budget`` in 1 MB pieces."""
    inflater = zlib.decompressobj()
    size = 0
    try:
        piece = inflater.decompress(data, _CHUNK)
        while piece and size <= budget:
            size += len(piece)
            piece = inflater.decompress(inflater.unconsumed_tail, _CHUNK)
    except zlib.error:
        pass  # corrupt data: pdfminer recovers what it can, no more than was counted
    return size


def _resolve(obj):
    """``resolve1``, with None for an object pdfminer cannot parse (the reader reports it)."""
    from pdfminer.pdftypes import resolve1

    try:
        return resolve1(obj)
    except _Refused:
        raise
    except Exception:  # noqa: BLE001 - pdfminer raises many kinds on broken objects
        return None


def _count_pages(doc, max_pages: int) -> int:
    """Pages as pdfminer finds them (depth first through /Kids, each node once), walked with a
    stack so that a deep tree cannot exhaust the recursion limit."""
    from pdfminer.pdfpage import LITERAL_PAGE, LITERAL_PAGES
    from pdfminer.pdftypes import PDFObjRef

    root = doc.catalog.get("Pages")
    stack = [(root, 1)]
    seen: set[int] = set()
    pages = 0
    while stack:
        ref, depth = stack.pop()
        if isinstance(ref, PDFObjRef):
            if ref.objid in seen:
                continue
            seen.add(ref.objid)
        node = _resolve(ref)
        if not isinstance(node, dict):
            continue
        kind = node.get("Type", node.get("type"))
        if kind is LITERAL_PAGES and "Kids" in node:
            if depth > MAX_PAGE_TREE_DEPTH:
                raise _Refused(f"PDF 的页面树嵌套超过 {MAX_PAGE_TREE_DEPTH} 层，疑似损坏或恶意文件")
            kids = _resolve(node["Kids"])
            if isinstance(kids, list):
                stack.extend((kid, depth + 1) for kid in reversed(kids))
        elif kind is LITERAL_PAGE:
            pages += 1
            if pages > max_pages:
                declared = _resolve((_resolve(root) or {}).get("Count"))
                if isinstance(declared, int) and declared > max_pages:
                    raise _TooLong(f"PDF 共 {declared} 页，超过上限 {max_pages} 页")
                raise _TooLong(f"PDF 超过上限 {max_pages} 页")
    return pages


_STREAM_KEYWORD = re.compile(rb"stream(?:\r\n|\n|\r)")
_STREAM_END = re.compile(rb"\s*endstream")


def _scan_objects(doc, data: bytes) -> tuple[list[str], int]:
    """Every object once, as pdfminer would load it, so that a reference cycle or a stream bomb
    anywhere is found here and not in the middle of reading. Returns a warning naming the objects
    that cannot be parsed or whose stream /Length lies (pdfminer then loses or truncates them),
    and the number of page objects."""
    from pdfminer.pdfdocument import PDFXRefFallback
    from pdfminer.pdfpage import LITERAL_PAGE
    from pdfminer.pdftypes import PDFStream

    damaged: list[int] = []
    page_objects = 0
    done: set[int] = set()
    for xref in doc.xrefs:
        # the fallback xref of a broken file lists only the objects it found, read without /Length
        fallback = isinstance(xref, PDFXRefFallback)
        for objid in xref.get_objids():
            if objid in done:
                continue  # an older version of an object updated later in the file
            done.add(objid)
            try:
                obj = doc.getobj(objid)
            except _Refused:
                raise
            except Exception:  # noqa: BLE001 - pdfminer raises many kinds on broken objects
                if not fallback:
                    damaged.append(objid)
                continue
            if isinstance(obj, dict) and obj.get("Type") is LITERAL_PAGE:
                page_objects += 1
            if isinstance(obj, PDFStream) and not fallback and _length_lies(data, xref.get_pos(objid), obj):
                damaged.append(objid)
    if not damaged:
        return [], page_objects
    listed = "、".join(str(n) for n in sorted(damaged)[:5])
    more = f"等 {len(damaged)} 个" if len(damaged) > 5 else ""
    warning = f"PDF 的第 {listed} 号{more}对象已损坏（无法解析或数据长度与 /Length 不符），部分内容可能读取不全"
    return [warning], page_objects


def _length_lies(data: bytes, position: tuple, stream) -> bool:
    """The stream's data does not end where its /Length says (pdfminer trusts /Length)."""
    strmid, pos, _ = position
    length = _resolve(stream.get("Length"))
    start = _STREAM_KEYWORD.search(data, pos) if strmid is None else None
    return isinstance(length, int) and start is not None and not _STREAM_END.match(data, start.end() + length)
