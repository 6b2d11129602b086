"""Every rule the product runs, listed explicitly (no import magic), one family per line."""

from __future__ import annotations

from .base import Rule
from .completeness import RULES as COMPLETENESS
from .crosstable import RULES as CROSSTABLE
from .footing import RULES as FOOTING
from .language import RULES as LANGUAGE
from .narrative import RULES as NARRATIVE
from .performance import RULES as PERFORMANCE
from .recompute import RULES as RECOMPUTE
from .stats import RULES as STATS

ALL_RULES: list[type[Rule]] = [*FOOTING, *CROSSTABLE, *NARRATIVE, *RECOMPUTE, *PERFORMANCE, *COMPLETENESS, *LANGUAGE, *STATS]


def rules() -> list[Rule]:
    return [cls() for cls in ALL_RULES]


def rule_versions() -> str:
    """A signature of the rule set, for caches of analysed documents."""
    return ",".join(f"{cls.code}.{cls.version}" for cls in ALL_RULES)
