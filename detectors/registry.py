"""Every rule the product runs, listed explicitly (no import magic), one family per line."""

from __future__ import annotations

from .base import Rule
from .completeness import RULES as COMPLETENESS
from .crosstable import RULES as CROSSTABLE
from .footing import RULES as FOOTING
from .language import RULES as LANGUAGE
from .linked import RULES as LINKED
from .linked._common import LinkedRule
from .narrative import RULES as NARRATIVE
from .performance import RULES as PERFORMANCE
from .recompute import RULES as RECOMPUTE
from .stats import RULES as STATS

ALL_RULES: list[type[Rule]] = [
    *FOOTING,
    *CROSSTABLE,
    *NARRATIVE,
    *RECOMPUTE,
    *PERFORMANCE,
    *COMPLETENESS,
    *LANGUAGE,
    *STATS,
    *LINKED,
]


def rules() -> list[Rule]:
    """The rules that read one document."""
    return [cls() for cls in ALL_RULES if not issubclass(cls, LinkedRule)]


def linked_rules() -> list[LinkedRule]:
    """The rules that read a family of documents together."""
    return [cls() for cls in LINKED]


def rule_versions() -> str:
    """A signature of the rule set, for caches of analysed documents."""
    return ",".join(f"{cls.code}.{cls.version}" for cls in ALL_RULES)
