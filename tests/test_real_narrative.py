"""The narrative checks on the real Shanghai disclosures (../shared/real): each error the hand audit
found that these checks are for is found, and they raise no other high or medium finding there."""

from __future__ import annotations

from functools import cache

import pytest
from conftest import REAL
from support.hand_audit import found_ids

from audit_assist.pipeline import analyse_path

pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real (the Shanghai disclosures) is not beside the checkout")

RULES = {"YOY002", "YOY003", "TXT005", "TXT006", "SUM007", "QTY002", "PCT001", "PCT002", "CMP002"}

# document → (hand-audit ids these checks find, the number of high/medium findings they give)
EXPECTED = {
    "上海市普陀区人民政府万里街道办事处24年预算": (
        {
            "yoy-jiaoyu-zero-base-100pct",
            "zhufanggongjijin-restated-352.67-vs-350.35",
            "project-floor-area-8013-vs-8103",
            "sangong-table-note-says-empty",
            "reason-zhiyenianjin-copied-from-shiye-lituixiu",
            "usage-chengguanzhifa-copied-from-item25",
        },
        3,  # TXT005 352.67, QTY002 8013, CMP002 空表
    ),
    "上海市普陀区人民政府万里街道办事处25年预算": ({"project-floor-area-8013-vs-8103"}, 1),
    "上海市普陀区人民政府办公室25年预算": (set(), 0),
    "上海市普陀区人民政府办公室单位25年预算": (set(), 0),
    "上海市普陀区商务委员会25年预算": ({"yoy-income-vs-expense-base-2024"}, 0),
    "上海市普陀区商务委员会单位25年预算": ({"yoy-income-vs-expense-base-2024"}, 0),
    "上海市普陀区规划和自然资源局_2024_年度部门决算": ({"pct-gp-share-of-total-99.86"}, 0),
    "中共上海市普陀区委社会工作部_2024_年度部门决算": (
        {
            "yoy-growth-100pct-from-zero-base",
            "gp-completion-labelled-nianchu-with-zero-base",
            "gp-other-projects-sme-21.07-double-count",
            "zhufang-gongjijin-purpose-copied-from-yiliao",
        },
        2,  # PCT002 95.89%, SUM007 21.07
    ),
}


@cache
def _findings(stem: str):
    return analyse_path(REAL / f"{stem}.pdf").findings


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_hand_found_errors_are_found(stem: str) -> None:
    ids, _ = EXPECTED[stem]
    ours = [f for f in _findings(stem) if f.rule in RULES]
    assert ids <= found_ids(f"real/{stem}", ours)


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_no_other_high_or_medium(stem: str) -> None:
    _, count = EXPECTED[stem]
    ours = [f for f in _findings(stem) if f.rule in RULES and f.severity.value in ("high", "medium")]
    assert len(ours) == count, "\n".join(f"{f.rule} {f.severity.value} {f.message}" for f in ours)
