"""Narrative against tables, and the narrative against itself."""

from .TXT001_figure_vs_table import FigureVsTable
from .TXT002_figure_restated import FigureRestated

RULES = [FigureVsTable, FigureRestated]
