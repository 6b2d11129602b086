"""Completeness: required tables and explanations, empty tables, template leftovers, years, blanks,
evaluation scope, heading numbers, sentences that stop short, dates, blank indicator columns, the closing
rows of the 收支总表, sections with a heading and no content."""

from .CMP001_standard_tables import StandardTables
from .CMP002_empty_table_note import EmptyTableNote
from .CMP003_placeholders import Placeholders
from .CMP004_comparison_year import ComparisonYear
from .CMP005_required_explanations import RequiredExplanations
from .CMP006_blank_required_cells import BlankRequiredCells
from .CMP007_stray_numbers import StrayNumbers
from .CMP008_evaluation_scope import EvaluationScope
from .CMP009_overall_evaluation_scope import OverallEvaluationScope
from .CMP010_heading_numbering import HeadingNumbering
from .CMP011_sentence_without_content import SentenceWithoutContent
from .CMP012_incomplete_date import IncompleteDate
from .CMP013_blank_indicator_column import BlankIndicatorColumn
from .CMP014_total_table_closing_rows import TotalTableClosingRows
from .CMP015_code_without_leading_zero import CodeWithoutLeadingZero
from .CMP016_budget_section_without_amount import BudgetSectionWithoutAmount
from .CMP017_empty_section import EmptySection

RULES = [
    StandardTables,
    EmptyTableNote,
    Placeholders,
    ComparisonYear,
    RequiredExplanations,
    BlankRequiredCells,
    StrayNumbers,
    EvaluationScope,
    OverallEvaluationScope,
    HeadingNumbering,
    SentenceWithoutContent,
    IncompleteDate,
    BlankIndicatorColumn,
    TotalTableClosingRows,
    CodeWithoutLeadingZero,
    BudgetSectionWithoutAmount,
    EmptySection,
]
