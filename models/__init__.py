"""Data model shared by every stage: documents (with provenance) and findings."""

from .amount import Amount
from .document import BBox, Cell, Column, Document, Figure, Indicator, Paragraph, Project, Row, Section, Table
from .finding import CATEGORIES, CATEGORY_LABELS, Evidence, Finding, Severity

__all__ = [
    "Amount",
    "BBox",
    "Cell",
    "Column",
    "Document",
    "Figure",
    "Indicator",
    "Paragraph",
    "Project",
    "Row",
    "Section",
    "Table",
    "CATEGORIES",
    "CATEGORY_LABELS",
    "Evidence",
    "Finding",
    "Severity",
]
