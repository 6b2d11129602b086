"""Language: the wording errors a proofreading auditor marks — repeated phrases, misspelt or
retired classification names, misspelt words, impossible counts, cut-off indicator texts,
amounts without their unit, one count of people under two nested groups, a stated number of
indicators against the headings that list them, a part of a breakdown named like its whole, a
first-level indicator listed as another's second-level one, a change put down to a project too
small to explain it, the department's own name printed in a variant, a rate without its % sign."""

from .LNG001_duplicated_phrase import DuplicatedPhrase
from .LNG002_subject_name_typo import SubjectNameTypo
from .LNG003_outdated_class_name import OutdatedClassName
from .LNG004_typos import Typos
from .LNG005_province_count import ProvinceCount
from .LNG006_truncated_indicator import TruncatedIndicator
from .LNG007_amount_without_unit import AmountWithoutUnit
from .LNG008_same_count_nested_groups import SameCountNestedGroups
from .LNG009_indicator_count import IndicatorCount
from .LNG010_part_named_as_whole import PartNamedAsWhole
from .LNG011_first_level_as_second_level import FirstLevelAsSecondLevel
from .LNG012_reason_too_small import ReasonTooSmall
from .LNG013_department_name_variant import DepartmentNameVariant
from .LNG014_rate_without_percent import RateWithoutPercent
from .LNG015_other_government_level import OtherGovernmentLevel

RULES = [
    DuplicatedPhrase,
    SubjectNameTypo,
    OutdatedClassName,
    Typos,
    ProvinceCount,
    TruncatedIndicator,
    AmountWithoutUnit,
    SameCountNestedGroups,
    IndicatorCount,
    PartNamedAsWhole,
    FirstLevelAsSecondLevel,
    ReasonTooSmall,
    DepartmentNameVariant,
    RateWithoutPercent,
    OtherGovernmentLevel,
]
