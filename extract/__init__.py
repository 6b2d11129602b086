"""File → ``models.Document``: one reader per format, one shared builder.

``load_document(path)`` is the entry point; it raises ``ExtractionError`` with a reason a user
can act on (in Chinese) when the file cannot be read, or is refused by ``extract.guards`` (wrong
content for its extension, too many pages, zip and stream bombs, reference cycles).
"""

from __future__ import annotations

import errno
import hashlib
import os
from pathlib import Path

from models import Document

from .blocks import ExtractionError, PageLimitError, RawDocument
from .builder import build_document
from .guards import MAX_PAGES, check_pdf, check_type

SUPPORTED = {".pdf": "pdf", ".docx": "docx", ".xlsx": "xlsx", ".txt": "txt", ".md": "md"}

__all__ = ["ExtractionError", "PageLimitError", "SUPPORTED", "load_document", "load_bytes", "read_error"]


def load_document(path: str | Path, *, max_pages: int = MAX_PAGES) -> Document:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ExtractionError(str(path), read_error(path, exc)) from exc
    return load_bytes(data, path.name, str(path), max_pages=max_pages)


def read_error(path: str | Path, exc: OSError) -> str:
    """Why ``path`` cannot be opened, in Chinese: a symbolic-link loop is named as one, with its
    links, rather than as the system's "Too many levels of symbolic links"."""
    path = Path(path)
    if exc.errno == errno.ELOOP:
        chain = [path.name]
        seen = {os.path.abspath(path)}
        at = path
        while at.is_symlink():
            at = at.parent / os.readlink(at)
            chain.append(at.name)
            if os.path.abspath(at) in seen:
                break
            seen.add(os.path.abspath(at))
        return f"符号链接循环（{' → '.join(chain)}），无法读取"
    if exc.errno == errno.ENOENT:
        return f"符号链接指向的文件不存在（{os.readlink(path)}）" if path.is_symlink() else "文件或文件夹不存在"
    return f"无法读取文件：{exc.strerror or exc}"


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

    return read_text(data, name)
