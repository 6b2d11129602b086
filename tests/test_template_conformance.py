"""Template conformance on real disclosures: the wordings of the Shanghai templates kept wrongly
(direction words against the figures, alternatives and instructions left in, the department's
name misprinted, a rate without its %) are found where an auditor found them by hand
(tests/fixtures/hand_audit/real/), and the rules that look for them say nothing on the five
samples, where none of these errors is."""

from __future__ import annotations

import pytest
from conftest import REAL, SAMPLE_NAMES, SAMPLES
from support.hand_audit import found_ids

from audit_assist.pipeline import analyse_path
from detectors.registry import ALL_RULES
from extract import load_document

# the rules of template conformance added for the real disclosures (CMP003 and CMP004 were
# extended: their sample findings are held by test_hand_audit)
RULES = ("PCT006", "YOY004", "LNG013", "LNG014")

FOUND = {
    "上海市普陀区人民政府万里街道办事处24年预算": {"reason-xuanchuan-decrease-says-increase"},
    "上海市普陀区人民政府办公室25年预算": {"template-instruction-left-jigou-shezhi"},
    "上海市普陀区规划和自然资源局_2024_年度部门决算": {
        "template-alternative-xiajiang-zengzhang-unresolved",
        "template-instruction-lieming-left-in",
        "missing-percent-sign-13.95",
        "dept-name-variant-guihua-yu",
        "table-heading-missing-putuo",
    },
    "中共上海市普陀区委社会工作部_2024_年度部门决算": {
        "template-instruction-left-jijin-table",
        "template-instruction-left-guoyou-table",
    },
}


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real (the Shanghai disclosures) is not beside the checkout")
@pytest.mark.parametrize("name", sorted(FOUND))
def test_template_errors_found_by_hand_are_found(name):
    findings = analyse_path(REAL / f"{name}.pdf").findings
    assert FOUND[name] <= found_ids(f"real/{name}", findings)


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real (the Shanghai disclosures) is not beside the checkout")
def test_the_official_template_itself_is_all_template():
    """Every note the 决算 template addresses to the filler is recognised as one in the template."""
    findings = [f for f in analyse_path(REAL / "上海市部门决算公开模板_2024.pdf").findings if f.rule == "CMP003"]
    said = " ".join(f.message for f in findings)
    for note in (
        "（如持平作持平表述）",
        "（不涉及的不列）",
        "大于（小于）",
        "下降（增长）",
        "仍保留该表格式",
        "按上述格式依次说明",
        "列明公务接待批次、人次",
        "由主管部门根据三定方案",
        "（制度名称）",
    ):
        assert note in said, note


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_nothing_on_the_samples(name):
    doc = load_document(SAMPLES / f"{name}.txt")
    rules = [cls() for cls in ALL_RULES if cls.code in RULES]
    assert [f.message for r in rules for f in r.check(doc)] == []
