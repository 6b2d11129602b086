"""Footing: totals against the sum of their parts, inside one table."""

from .SUM001_row_parts import RowParts
from .SUM002_code_hierarchy import CodeHierarchy
from .SUM003_summary_identities import SummaryIdentities

RULES = [RowParts, CodeHierarchy, SummaryIdentities]
