"""Recomputation: shares, completion rates, year-on-year changes, sums and balances in sentences,
counts times standards, full-coverage claims."""

from .PCT001_shares import Shares
from .PCT002_completion import CompletionRate
from .PCT003_full_coverage import FullCoverage
from .QTY001_count_times_standard import CountTimesStandard
from .SUM004_sentence_sums import SentenceSums
from .YOY001_change import YearOnYear

RULES = [Shares, CompletionRate, FullCoverage, YearOnYear, SentenceSums, CountTimesStandard]
