"""Every rule carries its documentation in Chinese beside its English docstring (``Rule.doc_zh``:
a summary, 检查内容, 为什么重要, a failing and a passing example): the app's 规则 page shows it.
The ranking's explanation has its Chinese version too (``detectors.ranking.DOC_ZH``)."""

from __future__ import annotations

import re

import pytest

import detectors.ranking
from detectors.base import DOC_SECTIONS_ZH
from detectors.registry import ALL_RULES

CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda cls: cls.code)
def test_each_rule_has_its_chinese_documentation(rule):
    sections = rule.doc_sections_zh()
    assert set(sections) == {"summary", *DOC_SECTIONS_ZH}, f"{rule.code}: doc_zh needs a summary and {DOC_SECTIONS_ZH}"
    for name, text in sections.items():
        assert CJK.search(text), (rule.code, name)
    for name in ("summary", "检查内容", "为什么重要"):  # prose in Chinese (codes and terms like MAD may stay)
        text = sections[name]
        assert len(CJK.findall(text)) > 2 * len(LATIN.findall(text)), (rule.code, name, text)
    # the English docstring's sections are all there too: the Chinese one stands beside it
    assert {"What it checks", "Why an auditor cares", "Fails", "Passes"} <= set(rule.doc_sections())


def test_the_ranking_explanation_has_its_chinese_version():
    text = detectors.ranking.DOC_ZH
    assert "排序分 = 100 × 严重程度 × 置信度 × (0.3 + 0.7 × 权重)" in text
    assert f"{detectors.ranking.SEVERITY_FLOOR} + {1 - detectors.ranking.SEVERITY_FLOOR:g}" in text
    assert len(CJK.findall(text)) > 5 * len(LATIN.findall(text))
