"""Which type of disclosure a document is (``extract.recognise.document_type``): the rules ask it
which tables and explanations the document owes (CMP001, CMP005), so a 项目支出绩效自评表 or a
绩效评价报告 read as a 部门预算 is reported as missing nine tables."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from support.generator import DOC_KINDS, FORMATS, TEMPLATES, generate

from extract import load_bytes

SAMPLES = Path(__file__).resolve().parent.parent / "sample_docs"
EXPECTED = {"决算": "部门决算", "预算": "部门预算", "评价报告": "绩效评价报告", "自评表": "绩效自评"}
# one project's 自评表 as the Hunan sample prints it, without the 决算 around it
SELF_EVAL = "\n".join((SAMPLES / "000_4aab53e2ab223d76.txt").read_text(encoding="utf-8").splitlines()[629:655])


def type_of(text: str) -> str:
    return load_bytes(text.encode("utf-8"), "doc.txt").doc_type


# every type × template, each in two of the six formats (all six formats across the templates)
CASES = [
    (kind, template, FORMATS[(2 * i + j) % len(FORMATS)])
    for kind in DOC_KINDS
    for i, template in enumerate(TEMPLATES)
    for j in range(2)
]


@cache
def _generated(kind: str, template: str, fmt: str):
    d = generate(3, kind=kind, template=template, fmt=fmt)
    return load_bytes(d.data, d.name)


@pytest.mark.parametrize(("kind", "template", "fmt"), CASES)
def test_generated_documents_are_typed_as_written(kind, template, fmt):
    assert _generated(kind, template, fmt).doc_type == EXPECTED[kind]


def test_self_evaluation_tables_alone_are_a_self_evaluation():
    """A workbook of 项目支出绩效自评表 with no cover: its 全年预算数 columns do not make it a budget."""
    assert type_of(SELF_EVAL) == "绩效自评"
    assert type_of("2024年度项目支出绩效自评表\n\n" + SELF_EVAL) == "绩效自评"


def test_the_cover_title_names_the_type_before_the_words_of_the_text():
    report = "某某县医疗保障局\n2024年度部门整体支出绩效评价报告\n\n一、部门概况\n\n2024年部门预算收入362.62万元，决算支出350.12万元。\n"
    assert type_of(report) == "绩效评价报告"
    title_over_lines = "2021年度\n\n醴陵市医疗保障局（单位）\n\n部门决算\n\n目 录\n\n第一部分 部门概况\n"
    assert type_of(title_over_lines) == "部门决算"
    budget = "峨边彝族自治县医疗保障局\n2023 年部门预算\n\n目 录\n\n第三部分 预算执行情况与决算数据\n"
    assert type_of(budget) == "部门预算"


def test_without_a_cover_the_opening_text_names_the_type():
    assert type_of("一、部门决算情况说明\n\n本部门2023年度收入总计100万元。\n") == "部门决算"
    assert type_of("一、预算编制说明\n\n根据预算执行情况，本部门2025年收入预算100万元。\n") == "部门预算"
    assert type_of("本部门2025年度的收入100万元。\n") == "unknown"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("000_4aab53e2ab223d76", "部门决算"),
        ("001_5a7f61d3c3cbf9f1", "部门决算"),
        ("002_78b07d84ccf1ecd6", "部门决算"),
        ("003_f8e6bfb918ad5980", "部门预算"),
        ("004_2958b8ff77e9055f", "绩效评价报告"),
    ],
)
@pytest.mark.parametrize("suffix", [".txt", ".pdf", ".docx"])
def test_samples_in_every_format(name, expected, suffix):
    path = SAMPLES / f"{name}{suffix}"
    assert load_bytes(path.read_bytes(), path.name).doc_type == expected


@pytest.mark.parametrize("template", TEMPLATES)
def test_a_workbook_of_the_tables_is_not_asked_for_the_explanation(template):
    """An xlsx holds the standard tables (with their titles and notes), not the 情况说明: CMP005
    does not report the explanation missing from it; CMP001 still asks it for the tables."""
    from detectors.completeness.CMP005_required_explanations import RequiredExplanations

    doc = _generated("决算", template, "xlsx")
    assert doc.doc_type == "部门决算"
    assert list(RequiredExplanations().check(doc)) == []


def test_the_cover_ends_at_the_first_sentence():
    """A sentence under the title is text, not title: its 绩效自评 does not make a budget a self-evaluation."""
    assert (
        type_of("2023年某县医疗保障局部门预算\n按照《2022年县级项目支出绩效评价指标体系》对上年项目开展了绩效自评。\n")
        == "部门预算"
    )
