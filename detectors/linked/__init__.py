"""Documents checked against each other: a department and its units, a budget and its final
account, one year and the next (families: ``families.py``)."""

from .LNK001_previous_year_figures import PreviousYearFigures
from .LNK002_final_account_budget import FinalAccountBudget
from .LNK003_unit_copies_department import UnitCopiesDepartment
from .LNK004_department_sum_of_units import DepartmentSumOfUnits
from .LNK005_project_goals_across_years import ProjectGoalsAcrossYears

RULES = [PreviousYearFigures, FinalAccountBudget, UnitCopiesDepartment, DepartmentSumOfUnits, ProjectGoalsAcrossYears]
