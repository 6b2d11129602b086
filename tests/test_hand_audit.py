"""The errors an auditor found by hand in the five sample documents (tests/fixtures/hand_audit/)
must be found by the product: the ones found today are listed here, so that none can silently
stop being found; the figures printed are the recall over the hand-found list."""

from __future__ import annotations

import pytest
from conftest import SAMPLE_NAMES, SAMPLES
from support.hand_audit import found_ids, load

from audit_assist.pipeline import analyse_path

# hand-found error ids the product finds (by the matching in support/hand_audit.py)
FOUND = {
    "000_4aab53e2ab223d76": {
        "basedata-blanks",
        "basedata-kongzhilv-blank",
        "basedata-sangong-gongwuyongche-row",
        "copy-paste-fupin-expected-equals-actual",
        "copy-paste-jiuzhu-indicators-identical",
        "copy-paste-lixiu-expected-equals-actual",
        "copy-paste-lixiu-goal-in-peitao-jiuzhu",
        "copy-paste-lixiu-goal-in-zhongyang-jiuzhu",
        "copy-paste-overall-expected-equals-actual",
        "copy-paste-yibao-goal-equals-overall",
        "cost-indicator-4000wan-vs-budget",
        "duplicated-phrase-jiedai",
        "econ-vs-function-pension-medical",
        "exec-outlier-fupin-20.06",
        "exec-outlier-lixiu-41.76",
        "gongyong-description-vs-table6",
        "heading-numbering-project-report",
        "info-jiuzhu-task-127pct",
        "jiguanyunxing-budget-20-vs-20.58",
        "lixiu-cost-indicator-10.49-vs-10.44",
        "narrative-claim-others-all-completed",
        "narrative-lixiu-rate-41.96",
        "nianchu-budget-362.62-vs-zhuijia-99.72",
        "overall-100pct-vs-project-underspend",
        "peitao-8.87-basic-vs-project",
        "perf-fupin-full-marks-despite-20pct",
        "perf-fupin-rate-20-vs-20.06",
        "perf-fupin-total-score-and-weights",
        "perf-header-xiaoyi-50fen",
        "perf-lixiu-exec-score-5",
        "perf-missed-targets-no-reason-jiuzhu",
        "perf-missed-targets-no-reason-lixiu",
        "perf-missed-targets-no-reason-overall",
        "perf-yibao-exec-score-9",
        "proj-execution-119.34-vs-239.79",
        "ratio-canbao-102.02",
        "rounding-peitao-cost-8.86",
        "rounding-share-4.87",
        "rounding-yibao-rate-98.52",
        "signature-date-incomplete",
        "t3-t5-class-totals-vs-t1-t4",
        "t3-t5-rows-shuffled-2101301-chengxiang-yiliaojiuzhu",
        "t3-t5-rows-shuffled-2101501-xingzhengyunxing",
        "t3-t5-rows-shuffled-2101505-zhengcheguanli",
        "t3-t5-rows-shuffled-2101506-jingbanshiwu",
        "t3-t5-rows-shuffled-2101550-shiyeyunxing",
        "t3-t5-rows-shuffled-2210201-zhufanggongjijin",
        "template-placeholder-empty-table-note",
        "wording-caizheng-vs-jijin-decrease",
        "yibao-caizheng-row-rate-blank",
    },
    "001_5a7f61d3c3cbf9f1": {
        "annex-list-duplicate",
        "annex-tables-missing",
        "attachment1-totals-vs-final-accounts",
        "capacity-project-fiscal-exec-365",
        "capacity-project-fiscal-exec-365-annex3",
        "capacity-report-garbled-indicators",
        "chart-ocr-garbage",
        "copy-goal-equals-actual-capacity",
        "copy-goal-equals-actual-fund-management",
        "copy-goal-equals-actual-medical-aid",
        "copy-goal-equals-actual-poverty",
        "copy-goal-equals-actual-retired-cadres",
        "copy-indicators-retired-to-medical-aid",
        "copy-problems-across-projects",
        "empty-fund-explanations",
        "fund-mgmt-62-vs-63-institutions",
        "general-budget-all-100pct-vs-projects",
        "general-budget-class-sum",
        "glossary-template-leftovers",
        "income-share-fund-percent",
        "income-total-footing",
        "indicator-level-mislabels",
        "inspection-coverage-285-vs-558",
        "inter-province-34",
        "matching-fund-target-missed-no-reason",
        "medical-aid-2022-indicator-system",
        "medical-aid-central-provincial-total",
        "medical-aid-project-vs-function-code",
        "medical-aid-report-indicator-count",
        "medical-aid-uses-vs-execution",
        "outbound-completion-zero-budget",
        "part3-heading-missing",
        "perf-tables-no-scores",
        "poverty-cost-vs-headcount",
        "poverty-headcount-7.32-vs-7.3393",
        "poverty-insurance-overspend-121pct",
        "poverty-standard-260-vs-280",
        "project-executions-exceed-project-expenditure",
        "project-narrative-mislabel-civil-servant",
        "reception-duplicated-phrase",
        "retired-vs-retired-and-retiree",
        "running-cost-reason-weak",
        "satisfaction-target-not-met-poverty",
        "staffing-over-establishment",
        "template-placeholder-table-hint",
        "timeliness-actual-not-measurable",
        "vehicle-yoy-1.33-vs-1.34",
        "violations-equal-all-inspected",
    },
    "002_78b07d84ccf1ecd6": {
        "admin-cost-reason-vs-no-capital-or-procurement",
        "admin-operation-596-vs-596-04",
        "fund-expense-yuan-not-wanyuan",
        "gp-budget-completion-12238pct",
        "income-share-99-99-vs-100",
        "internal-units-8-vs-6",
        "item-name-mismatch-typo",
        "other-medical-mgmt-496pct",
        "overall-eval-zero-vs-attached-report",
        "perf-self-eval-zero-projects",
        "personnel-587-2-vs-587-21",
        "personnel-share-75-45",
        "placeholder-glossary-note",
        "reason-boilerplate-jijin",
        "staffing-bianzhi-32-vs-47",
        "stray-number-71-78-before-admin-cost",
        "t01-total-rounding",
        "t02-class-rounding",
        "t03-total-rounding",
        "t04-total-rounding",
        "t05-total-rounding",
        "t06-total-rounding",
        "unit-placeholder-danwei",
    },
    "003_f8e6bfb918ad5980": {
        "all-projects-coded-2080109",
        "basic-support-15-vs-14-staff",
        "basic-unit-missing",
        "chenfei-indicator-truncated",
        "covid-quantity-cost-105-vs-100",
        "fiscal-total-table-missing-total-rows",
        "glossary-copied-outdated",
        "indicator-text-copied",
        "insured-persons-10-vs-11-wan",
        "jianguo-retirees-40-vs-27",
        "missing-table-econ-classification",
        "narrative-numbering-garbled",
        "perf-direction-column-blank",
        "perf-target-budget-1078-vs-1108",
        "perf-weights-sum-90",
        "sangong-reason-contradictory",
        "t1-2-total-rounding",
        "t3-1-301-rounding",
        "typo-subject-names",
    },
    "004_2958b8ff77e9055f": {
        "canbao-total-624650-vs-sum",
        "chengzhi-income-vs-budget-434.03",
        "claims-vs-numbers-balanced",
        "conversion-artifacts-bookmark",
        "exec-outlier-lixiu-36.67",
        "heading-numbering",
        "jiuzhu-balance-263.22",
        "jiuzhu-expense-4752.2-vs-4143.59",
        "missing-problems-and-measures",
        "ratio-canbaolv-107.48",
        "rounding-chengxiang-income-62389.85",
        "rounding-chengzhi-budget-balance-361.96",
        "score-97.87-no-scoring-table",
        "typos",
        "unit-yuan-among-wanyuan",
    },
}


@pytest.fixture(scope="module")
def analyses():
    return {n: analyse_path(SAMPLES / f"{n}.pdf") for n in SAMPLE_NAMES}


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_hand_found_errors_still_found(analyses, name):
    found = found_ids(name, analyses[name].findings)
    assert FOUND[name] <= found, f"no longer found: {sorted(FOUND[name] - found)}"


def test_recall_on_the_hand_found_list(analyses):
    """High and medium hand-found errors: at least 85 % found (the figure is in the note)."""
    total = hit = 0
    for name in SAMPLE_NAMES:
        items = [i for i in load(name) if i["severity"] in ("high", "medium")]
        ids = found_ids(name, analyses[name].findings)
        total += len(items)
        hit += sum(i["id"] in ids for i in items)
    assert hit / total >= 0.85, f"{hit}/{total}"
