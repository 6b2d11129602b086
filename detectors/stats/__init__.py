"""Statistical rules (STA00x): what a reader notices by comparing a figure with its peers, with
the corpus, or with what the figure can possibly be — outlying execution rates, copy-pasted
text, shifted decimals and 元 among 万元, rates above 100%, head counts that disagree.

The corpus baseline they judge against lives in ``baseline.py`` (``Baseline``); corpus mode
(fit on a folder, save / reuse a baseline file) in ``corpus.py``.
"""

from .STA001_execution_rate import ExecutionRateOutliers
from .STA002_copy_paste import CopyPastedText
from .STA003_decimal_shift import DecimalShifts
from .STA004_implausible_ratio import ImplausibleRatios
from .STA005_staffing import StaffingMismatch

RULES = [ExecutionRateOutliers, CopyPastedText, DecimalShifts, ImplausibleRatios, StaffingMismatch]
