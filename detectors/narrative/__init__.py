"""Narrative against tables, and the narrative against itself."""

from .TXT001_figure_vs_table import FigureVsTable
from .TXT002_figure_restated import FigureRestated
from .TXT003_running_cost_budget import RunningCostBudget
from .TXT004_expense_description import ExpenseDescription
from .TXT005_item_restated import ItemRestated
from .TXT006_item_text_of_another import ItemTextOfAnother
from .TXT007_item_path_names import ItemPathNames

RULES = [
    FigureVsTable,
    FigureRestated,
    RunningCostBudget,
    ExpenseDescription,
    ItemRestated,
    ItemTextOfAnother,
    ItemPathNames,
]
