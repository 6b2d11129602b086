"""File → ``models.Document``: one reader per format, one shared builder.

``load_document(path)`` is the entry point; it raises ``ExtractionError`` with a reason a user
can act on (in Chinese) when the file cannot be read, or is refused by ``extract.guards`` (wrong
content for its extension, too many pages, zip and stream bombs, reference cycles).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from models import Document

from .blocks import ExtractionError, PageLimitError, RawDocument
from .builder import build_document
from .guards import MAX_PAGES, check_pdf, check_type

SUPPORTED = {".pdf": "pdf", ".docx": "docx", ".xlsx": "xlsx", ".txt": "txt", ".md": "md"}

__all__ = ["ExtractionError", "PageLimitError", "SUPPORTED", "load_document", "load_bytes"]


def load_document(path: str | Path, *, max_pages: int = MAX_PAGES) -> Document:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ExtractionError(str(path), f"无法读取文件：{exc.strerror or exc}") from exc
    return load_bytes(data, path.name, str(path), max_pages=max_pages)


def load_bytes(data: bytes, name: str, path: str = "", *, max_pages: int = MAX_PAGES) -> Document:
    suffix = Path(name).suffix.lower()
    fmt = SUPPORTED.get(suffix)
    if fmt is None:
        raise ExtractionError(name, f"不支持的文件类型“{suffix or '无扩展名'}”，支持 PDF、DOCX、XLSX、TXT、MD")
    if not data:
        raise ExtractionError(name, "文件为空（0 字节）")
    check_type(data, name, fmt)
    raw = _read(fmt, data, name, max_pages)
    sha = hashlib.sha256(data).hexdigest()
    doc = build_document(raw, path=path or name, name=name, sha256=sha, fmt=fmt)
    if not doc.paragraphs and not doc.tables:
        if doc.warnings:
            raise ExtractionError(name, "；".join(doc.warnings))
        raise ExtractionError(name, "文件中没有可读取的文字或表格")
    return doc


def _read(fmt: str, data: bytes, name: str, max_pages: int) -> RawDocument:
    if fmt == "pdf":
        from .pdf import read_pdf

        warnings = check_pdf(data, name, max_pages=max_pages)
        raw = read_pdf(data, name)
        raw.warnings[:0] = warnings
        return raw
    if fmt == "docx":
        from .docx import read_docx

        return read_docx(data, name)
    if fmt == "xlsx":
        from .xlsx import read_xlsx

        return read_xlsx(data, name)
    from .text import read_text

    return read_text(data)
