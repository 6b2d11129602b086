"""Recomputation: shares, completion rates, year-on-year changes, sums and balances in sentences,
counts times standards, full-coverage claims, task rates without a base, violators that are
everyone inspected, the word comparing 决算 with 预算, a change's direction against its figures
and its reason, the uses of a project's money against its 执行数."""

from .PCT001_shares import Shares
from .PCT002_completion import CompletionRate
from .PCT003_full_coverage import FullCoverage
from .PCT004_task_rate_without_base import TaskRateWithoutBase
from .PCT005_all_inspected_violating import AllInspectedViolating
from .PCT006_budget_comparison_word import BudgetComparisonWord
from .QTY001_count_times_standard import CountTimesStandard
from .QTY002_quantity_parts import QuantityParts
from .SUM004_sentence_sums import SentenceSums
from .SUM006_uses_vs_execution import UsesVsExecution
from .SUM007_procurement_parts import ProcurementParts
from .SUM008_item_list_sums import ItemListSums
from .YOY001_change import YearOnYear
from .YOY002_rate_of_two_years import RateOfTwoYears
from .YOY003_income_expense_bases import IncomeExpenseBases
from .YOY004_change_direction import ChangeDirection

RULES = [
    Shares,
    CompletionRate,
    FullCoverage,
    TaskRateWithoutBase,
    AllInspectedViolating,
    BudgetComparisonWord,
    YearOnYear,
    RateOfTwoYears,
    IncomeExpenseBases,
    ChangeDirection,
    SentenceSums,
    UsesVsExecution,
    ProcurementParts,
    ItemListSums,
    CountTimesStandard,
    QuantityParts,
]
