"""Performance tables: execution rates and scores, targets and marks, cost indicators, the report text,
scores stated without a table or not given at all, actual values that cannot be measured, projects
the text names that are not the document's, the 合计 of an evaluation report's project-funds table."""

from .PRF001_execution_rate import ExecutionRate
from .PRF002_score_totals import ScoreTotals
from .PRF003_targets_and_marks import TargetsAndMarks
from .PRF004_fund_indicators import FundIndicators
from .PRF005_cost_indicators import CostIndicators
from .PRF006_project_in_text import ProjectInText
from .PRF007_score_without_table import ScoreWithoutTable
from .PRF008_evaluation_without_scores import EvaluationWithoutScores
from .PRF009_actual_not_measurable import ActualNotMeasurable
from .PRF010_unknown_project_in_text import UnknownProjectInText
from .PRF011_funds_table_total import FundsTableTotal

RULES = [
    ExecutionRate,
    ScoreTotals,
    TargetsAndMarks,
    FundIndicators,
    CostIndicators,
    ProjectInText,
    ScoreWithoutTable,
    EvaluationWithoutScores,
    ActualNotMeasurable,
    UnknownProjectInText,
    FundsTableTotal,
]
