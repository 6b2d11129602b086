"""The real disclosures of another province (../shared/real: Shanghai budgets and final accounts,
read from beside the checkout, never copied into the repository), audited by hand page by page
(tests/fixtures/hand_audit/real/<document>.yml): the errors found by hand must be found, and every
high or medium finding must be one the auditor found — on documents the product was not shaped on,
a false finding at the top is the worst defect there is."""

from __future__ import annotations

import pytest
from conftest import REAL
from support.hand_audit import FIXTURES, found_ids, load, matches_exactly

from audit_assist.pipeline import analyse_path

pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real (the Shanghai disclosures) is not beside the checkout")

DOCUMENTS = sorted(p.stem for p in (FIXTURES / "real").glob("*.yml"))

# hand-found error ids the product finds (matched by support.hand_audit.matches_exactly)
FOUND = {
    "上海市普陀区人民政府万里街道办事处24年预算": {
        "mingci-jieshi-shiji-in-district-budget",
        "econ-codes-2-7-not-02-07",
        "project-floor-area-8013-vs-8103",
        "reason-xuanchuan-decrease-says-increase",
        "reason-zhiyenianjin-copied-from-shiye-lituixiu",
        "sangong-table-note-says-empty",
        "usage-chengguanzhifa-copied-from-item25",
        "yoy-jiaoyu-zero-base-100pct",
        "zhufanggongjijin-restated-352.67-vs-350.35",
    },
    "上海市普陀区人民政府万里街道办事处25年预算": {
        "jihuashengyu-kuan-xiang-names-wrong",
        "project-floor-area-8013-vs-8103",
        "rounding-21201-one-yuan",
    },
    "上海市普陀区人民政府办公室25年预算": {
        "project-budget-amount-missing",
        "template-instruction-left-jigou-shezhi",
    },
    "上海市普陀区人民政府办公室单位25年预算": set(),
    "上海市普陀区商务委员会25年预算": {
        "zhengfu-caigou-zhongxiao-qiye-missing",
        "yoy-income-vs-expense-base-2024",
    },
    "上海市普陀区商务委员会单位25年预算": {
        "zhengfu-caigou-zhongxiao-qiye-missing",
        "yoy-income-vs-expense-base-2024",
    },
    "上海市普陀区规划和自然资源局_2024_年度部门决算": {
        "dept-name-variant-guihua-yu",
        "info-t3-vs-t5-2120101-nonfiscal-carryover-12.88",
        "item-name-2080599-tuixiu-huodongfei",
        "item-name-2200199-guotu-ziyuan",
        "kuan-name-22102-zhufang-gaige",
        "missing-percent-sign-13.95",
        "narr-gp-jiben-zhichu-5377.64-vs-5364.75",
        "narr-gp-renyuan-jingfei-4896.98-vs-4884.09",
        "pct-completion-of-nianchu-budget-95.45",
        "pct-gp-share-of-total-99.86",
        "rounding-210-weisheng-236.63-vs-236.64",
        "rounding-212-chengxiang-3845.25-vs-3845.24",
        "rounding-procurement-2319.21",
        "rounding-t4-class-sum-9746.49",
        "rounding-t5-row-212-2120101-total",
        "rounding-nianchu-budget-items-10210.34",
        "rounding-t6-302-440.90",
        "rounding-t6-renyuan-301-303",
        "table-heading-missing-putuo",
        "template-alternative-xiajiang-zengzhang-unresolved",
        "template-instruction-lieming-left-in",
    },
    "中共上海市普陀区委社会工作部_2024_年度部门决算": {
        "exec-2013950-shiye-yunxing-63.97pct",
        "exec-2080505-yanglao-68.67pct",
        "exec-2101102-shiye-yiliao-21.40pct",
        "gp-completion-labelled-nianchu-with-zero-base",
        "gp-other-projects-sme-21.07-double-count",
        "rounding-renyuan-gongyong-105.59-vs-105.58",
        "rounding-share-zhufang-9.55",
        "rounding-t6-302-sum-10.22",
        "template-instruction-left-guoyou-table",
        "template-instruction-left-jijin-table",
        "yoy-growth-100pct-from-zero-base",
        "zhufang-gongjijin-purpose-copied-from-yiliao",
    },
}


def _items(name: str) -> list[dict]:
    return load(f"real/{name}")


@pytest.fixture(scope="module")
def analyses():
    return {name: analyse_path(REAL / f"{name}.pdf") for name in DOCUMENTS}


def test_every_real_document_has_its_hand_audit():
    assert set(FOUND) == set(DOCUMENTS)
    assert sorted(p.stem for p in REAL.glob("*.pdf")) == sorted([*DOCUMENTS, "上海市部门决算公开模板_2024"])


@pytest.mark.parametrize("name", DOCUMENTS)
def test_document_type_and_level(analyses, name):
    doc = analyses[name].doc
    expected = ("部门决算" if "决算" in name else "部门预算", "单位" if "单位" in name else "部门")
    assert (doc.template, doc.doc_type, doc.level) == ("上海", *expected)


@pytest.mark.parametrize("name", DOCUMENTS)
def test_hand_found_errors_still_found(analyses, name):
    found = found_ids(f"real/{name}", analyses[name].findings, match=matches_exactly)
    assert FOUND[name] <= found, f"no longer found: {sorted(FOUND[name] - found)}"


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_high_or_medium_finding_was_found_by_hand(analyses, name):
    items = _items(name)
    unconfirmed = [
        (f.rule, f.severity.value, f.message[:100])
        for f in analyses[name].findings
        if f.severity.value in ("high", "medium") and not any(matches_exactly(i, f) for i in items)
    ]
    assert not unconfirmed, unconfirmed


def test_the_template_itself_is_not_a_list_of_errors():
    """The province's own blank template: its placeholders are what it is made of (low), nothing
    in it is a misstatement."""
    analysis = analyse_path(REAL / "上海市部门决算公开模板_2024.pdf")
    assert not [f for f in analysis.findings if f.severity.value in ("high", "medium")]
    assert analysis.doc.template == "上海" and analysis.doc.doc_type == "部门决算"
