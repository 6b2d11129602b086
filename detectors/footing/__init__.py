"""Footing: totals against the sum of their parts, inside one table."""

from .SUM001_row_parts import RowParts
from .SUM002_code_hierarchy import CodeHierarchy
from .SUM003_summary_identities import SummaryIdentities
from .SUM005_basic_data_sums import BasicDataSums

RULES = [RowParts, CodeHierarchy, SummaryIdentities, BasicDataSums]
