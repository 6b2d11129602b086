"""Recomputation: shares, completion rates, year-on-year changes, sums and balances in sentences."""

from .PCT001_shares import Shares
from .PCT002_completion import CompletionRate
from .SUM004_sentence_sums import SentenceSums
from .YOY001_change import YearOnYear

RULES = [Shares, CompletionRate, YearOnYear, SentenceSums]
