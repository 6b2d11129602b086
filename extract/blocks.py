"""What a format reader produces before the model is built: text blocks and raw grids.

Every reader (PDF, DOCX, XLSX, text) turns its file into the same list of blocks in reading
order; ``extract.builder`` then builds one ``models.Document`` from them. Sharing the builder is
what makes a PDF, its DOCX and its text version give the same tables and findings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from models import BBox

# a page number printed at the foot of a page: "第 3 页", "第3页 共20页", "- 3 -", "3"
PAGE_FOOTER = re.compile(r"^(第\s*\d+\s*页(\s*共\s*\d+\s*页)?|-\s*\d+\s*-|\d{1,3})$")


@dataclass
class TextBlock:
    text: str
    page: int | None = None
    bbox: BBox | None = None
    char_boxes: list[BBox] | None = None  # one box per character of text (PDF only)
    char_pages: list[int] | None = None  # the page of each character, when the block spans a page break
    open_start: bool = False  # PDF: the first line is flush left and no heading (it may continue a paragraph)
    open_end: bool = False  # PDF: the last line runs to the right edge (the paragraph may go on)


@dataclass
class RawCell:
    text: str
    page: int | None = None
    bbox: BBox | None = None


@dataclass
class RawTable:
    rows: list[list[RawCell]]
    page: int | None = None
    bbox: BBox | None = None
    last_page: int | None = None
    starts_page: bool = False  # the grid is the first thing on its page (a continuation candidate)
    ends_page: bool = False  # nothing but the page footer follows it on its page


@dataclass
class RawDocument:
    blocks: list[TextBlock | RawTable] = field(default_factory=list)
    page_count: int | None = None
    warnings: list[str] = field(default_factory=list)
    ocr_pages: list[int] = field(default_factory=list)


class ExtractionError(Exception):
    """A file that cannot be read; the message names the reason in Chinese for the user."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class PageLimitError(ExtractionError):
    """A file refused for its number of pages: a limit of this run, not a fault of the file."""
