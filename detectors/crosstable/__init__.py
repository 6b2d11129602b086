"""Cross-table: identities between tables, the same code in sister tables, shuffled rows, projects
against the accounts and their function codes, the function against the economic classification."""

from .XTB001_same_code import SameCodeAcrossTables
from .XTB002_shuffled_rows import ShuffledRows
from .XTB003_table_identities import TableIdentities
from .XTB004_projects_vs_totals import ProjectsVersusTotals
from .XTB005_indicator_quantities import IndicatorQuantities
from .XTB006_project_function_codes import ProjectFunctionCodes
from .XTB007_project_codes_vs_expense import ProjectCodesVersusExpense
from .XTB008_function_vs_economic import FunctionVersusEconomic

RULES = [
    SameCodeAcrossTables,
    ShuffledRows,
    TableIdentities,
    ProjectsVersusTotals,
    IndicatorQuantities,
    ProjectFunctionCodes,
    ProjectCodesVersusExpense,
    FunctionVersusEconomic,
]
