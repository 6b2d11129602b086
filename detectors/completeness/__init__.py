"""Completeness: required tables and explanations, empty tables, template leftovers, years, blanks."""

from .CMP001_standard_tables import StandardTables
from .CMP002_empty_table_note import EmptyTableNote
from .CMP003_placeholders import Placeholders
from .CMP004_comparison_year import ComparisonYear
from .CMP005_required_explanations import RequiredExplanations
from .CMP006_blank_required_cells import BlankRequiredCells
from .CMP007_stray_numbers import StrayNumbers
from .CMP008_evaluation_scope import EvaluationScope

RULES = [
    StandardTables,
    EmptyTableNote,
    Placeholders,
    ComparisonYear,
    RequiredExplanations,
    BlankRequiredCells,
    StrayNumbers,
    EvaluationScope,
]
