"""Paragraphs rebuilt from the characters' positions: double-spaced text with indented first lines,
sentences wrapped mid-number, paragraphs running on over a page break, and text boxes a word
processor flowed over pages by printing them whole on each page, clipped."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from conftest import REAL
from reportlab.lib.units import mm
from support.pdfs import clipped_flow_pdf, narrative_pdf, wrap_lines

from audit_assist.pipeline import analyse_path
from extract import load_bytes
from extract.narrative import FIGURE_RE

PARAGRAPHS = [
    "一、收入支出决算总体情况说明",
    "上海市普陀区某某局2024年度收入支出总计9859.38万元。与2023年度相比，收入支出总计增加1062.85万元，增长12.08%。主要原因：项目支出增加。",
    "本年收入合计9746.50万元，其中：财政拨款收入9746.50万元，占100.00%；事业收入112.88万元，占1.16%；其他收入0.00万元，占0.00%。",
    "本年支出合计9759.38万元，其中：基本支出5377.64万元，占55.10%；项目支出4381.74万元，占44.90%。",
]


def _breaks_inside_a_number(paragraphs: list[str], size: float) -> bool:
    from reportlab.lib.units import mm

    for text in paragraphs:
        lines = wrap_lines(text, 158 * mm, size, 2 * size)
        spans = [m.span("num") for m in FIGURE_RE.finditer(text)]
        pos = 0
        for line in lines[:-1]:
            pos += len(line)
            if any(a < pos < b for a, b in spans):
                return True
    return False


def test_double_spaced_paragraphs_with_indented_first_lines():
    assert _breaks_inside_a_number(PARAGRAPHS, 15)  # the case this test is about
    doc = load_bytes(narrative_pdf(PARAGRAPHS, size=15, leading=2.08), "决算.pdf")
    assert [p.text for p in doc.paragraphs] == PARAGRAPHS
    amounts = [(f.value, f.unit) for f in doc.figures if f.kind == "amount"]
    assert amounts[:3] == [(Decimal("9859.38"), "万元"), (Decimal("9746.50"), "万元"), (Decimal("9746.50"), "万元")]


def test_single_spaced_paragraphs_apart_by_a_gap():
    doc = load_bytes(narrative_pdf(PARAGRAPHS, size=11, leading=1.4, indent=0, paragraph_gap=8), "决算.pdf")
    assert [p.text for p in doc.paragraphs] == PARAGRAPHS


def test_text_hard_wrapped_short_of_the_right_margin():
    """Fixed lines that all stop well before the page's right margin: they end where the text's
    own lines end, not short of the margin."""
    doc = load_bytes(narrative_pdf(PARAGRAPHS, size=14, leading=2.0, width=90 * mm), "决算.pdf")
    assert [p.text for p in doc.paragraphs] == PARAGRAPHS


HEADED = [
    "四、国有资本经营预算支出情况",
    "本单位无国有资本经营预算的收支。",
    "五、部门整体支出绩效情况",
    "2024年，产业扶持政策资金按时兑现，重点企业服务走访全覆盖，生活必需品市场供应平稳有序。全县重点企业服务走访覆盖率达到"
    "110.20%。年末在职人员79人，人均公用经费2.4万元。年度重点工作任务完成率达到107.79%，超额完成年度目标。",
    "六、存在的问题及原因分析",
    "一是部分项目资金结转结余较大；二是部分项目绩效目标设置不够细化，量化指标偏少；三是绩效自评结果应用不够充分。",
    "七、绩效自评结果拟应用和公开情况",
    "总体来说，本部门2024年部门整体支出情况良好，预算执行严格有序。",
    "八、其他需要说明的情况",
    "无。",
]


def test_a_page_of_headings_and_short_paragraphs_keeps_the_documents_right_edge():
    """Text set narrower than the page's margins, on a page where headings and last lines outnumber
    the lines that run to the edge: the edge is where the document's full lines end, not the
    mirrored margin (every line was read as a paragraph's end, "覆盖率达到 / 110.20%" cut)."""
    doc = load_bytes(narrative_pdf(HEADED, size=14, leading=2.0, width=128 * mm), "报告.pdf")
    assert [p.text for p in doc.paragraphs] == HEADED
    rate = next(f for f in doc.figures if f.text.startswith("110.2"))
    assert "覆盖率达到110.20%" in next(p.text for p in doc.paragraphs if rate.text in p.text)


def test_a_table_title_under_a_note_that_fills_its_line():
    note = "注：本表反映部门本年度一般公共预算财政拨款支出情况，单位万元，无数据填零。"
    texts = [note, "一般公共预算财政拨款支出决算表", "单位：万元"]
    doc = load_bytes(narrative_pdf(texts, size=12, leading=2.0, indent=0, width=len(note) * 12), "决算.pdf")
    assert [p.text for p in doc.paragraphs] == texts


def test_a_table_title_that_fills_its_line_over_its_department_and_unit():
    title = "2022年部门一般公共预算基本支出部门预算经济分类预算表"
    texts = [*PARAGRAPHS[1:], title, "编制部门：上海市某某区某某局 单位：元"]
    doc = load_bytes(narrative_pdf(texts, size=12, leading=2.0, indent=0, width=len(title) * 12 - 24), "预算.pdf")
    assert [p.text for p in doc.paragraphs] == texts


def test_a_paragraph_runs_on_over_a_page_break():
    # 2 lines a page: the second paragraph starts on page 1 and ends on page 2
    doc = load_bytes(narrative_pdf(PARAGRAPHS, size=15, leading=2.08, lines_per_page=2), "决算.pdf")
    assert [p.text for p in doc.paragraphs] == PARAGRAPHS
    second = doc.paragraphs[1]
    assert second.page == 1 and second.char_pages is not None and set(second.char_pages) == {1, 2}
    # the 1062.85万元 is printed on page 2, at the top: its figure says so
    change = next(f for f in doc.figures if f.text == "1062.85万元")
    assert change.page == 2 and change.bbox is not None and change.bbox[1] < 100


def test_a_clipped_text_box_flowed_over_two_pages_is_read_once():
    lines = [f"第{i}行：文本框里的第{i}行文字。" for i in range(1, 46)]
    doc = load_bytes(clipped_flow_pdf(lines, first_page_lines=20), "说明.pdf")
    counts = {i: len(re.findall(f"第{i}行：", doc.text)) for i in range(1, 46)}
    assert set(counts.values()) == {1}
    pages = {i: {p.page for p in doc.paragraphs if f"第{i}行：" in p.text} for i in range(1, 46)}
    assert all(pages[i] == {1} for i in range(1, 21)) and all(pages[i] == {2} for i in range(21, 46))


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real (the Shanghai disclosures) is not beside the checkout")
def test_real_final_account_sentences_are_whole():
    analysis = analyse_path(REAL / "中共上海市普陀区委社会工作部_2024_年度部门决算.pdf")
    assert not [f for f in analysis.findings if f.rule == "CMP007"]  # no wrapped line read as a stray number
    text = next(p.text for p in analysis.doc.paragraphs if "完成年初预算的" in p.text and "321.02" in p.text)
    assert (
        "一般公共预算财政拨款支出年初预算为 0 万元，全年预算为321.02 万元，支出决算为 307.82 万元，完成年初预算的 95.89%。"
        in text
    )


# the tables of a generated 决算 that rules, a frame or nothing at all around its tables must not
# change (its empty 政府性基金 table and its two-sided total tables included)
SAME_TABLES = (
    "summary",
    "income",
    "expense",
    "fiscal_summary",
    "gpb_expense",
    "gpb_basic_detail",
    "gov_fund",
    "state_capital",
    "three_public",
)


@pytest.mark.parametrize("rules", ["box", "none"])
def test_tables_printed_without_rules_read_as_ruled(rules):
    """Tables printed in a frame only (a rule under the header) or without any rule: found with
    their header, their rows (a name wrapped over two lines is one row; a table's rows at the top
    of the next page, with or without its header again, continue it) and their amounts, as when
    ruled."""
    import dataclasses

    from support.generator import _world, generate
    from support.generator.output import render

    g = generate(9, kind="决算", template="hunan", fmt="pdf")
    _, style = _world(9, "决算", "hunan", None)

    def tables(rules: str) -> dict:
        doc = load_bytes(render(g.blocks, "pdf", dataclasses.replace(style, pdf_rules=rules), "决算"), "决算.pdf")
        return {t.kind + t.part: t for t in doc.tables if t.kind in SAME_TABLES}

    ruled, unruled = tables("grid"), tables(rules)
    halves = ["summaryincome", "summaryexpense", "fiscal_summaryincome", "fiscal_summaryexpense"]
    assert sorted(unruled) == sorted(ruled) == sorted(halves + [k for k in SAME_TABLES if "summary" not in k])
    for key, t in ruled.items():
        assert [r.text for r in unruled[key].rows] == [r.text for r in t.rows], key
    totals = [r for r in unruled["summaryexpense"].rows if r.label == "总计"]
    assert len(totals) == 1 and totals[0].text.endswith("3,400.70")
    assert len(unruled["income"].rows) == 33 and len(unruled["gpb_basic_detail"].rows) == 29


def _generated_tables(seed: int, kind: str, template: str, rules: str) -> dict:
    import dataclasses

    from support.generator import _world, generate
    from support.generator.output import render

    g = generate(seed, kind=kind, template=template, fmt="pdf")
    _, style = _world(seed, kind, template, None)
    doc = load_bytes(render(g.blocks, "pdf", dataclasses.replace(style, pdf_rules=rules), kind), f"{kind}.pdf")
    return {t.kind + t.part: t for t in doc.tables if t.kind}


@pytest.mark.parametrize("rules", ["box", "none"])
def test_header_tree_printed_without_rules(rules):
    """A header printed without rules read as a tree, as when ruled: 公务用车购置及运行维护费 (its
    text printed in its first column, wrapped) over 小计 | 购置费 | 运行维护费, 预算数 and 决算数 over
    six columns each, cells spanning rows (合计) and wrapped cells (因公出国（境）/费)."""
    t = _generated_tables(9, "决算", "hunan", rules)["three_public"]
    vehicle = "公务用车购置及运行维护费"
    expected = []
    for side, when in (("预算数", "budget"), ("决算数", "final")):
        expected += [
            (f"{side}/合计", f"total@{when}"),
            (f"{side}/因公出国（境）费", f"abroad@{when}"),
            (f"{side}/{vehicle}/小计", f"vehicle_subtotal@{when}"),
            (f"{side}/{vehicle}/公务用车购置费", f"vehicle_purchase@{when}"),
            (f"{side}/{vehicle}/公务用车运行维护费", f"vehicle_running@{when}"),
            (f"{side}/公务接待费", f"reception@{when}"),
        ]
    assert [(c.header, c.role) for c in t.columns] == expected
    assert [r.text for r in t.rows] == ["2.50\t0\t1.50\t0\t1.50\t1.00\t1.65\t0\t0.96\t0\t0.96\t0.69"]


@pytest.mark.parametrize("rules", ["box", "none"])
def test_two_sided_total_table_printed_without_rules(rules):
    """A 财政拨款收支总表 without rules: 收入 centred over its two columns, 支出 over five, rows
    without amounts (二、外交支出), a label wrapped over two lines and the rows the next page
    continues with (no header again) all read as when ruled."""
    tables = _generated_tables(9, "预算", "hunan", rules)
    income, expense = tables["fiscal_summaryincome"], tables["fiscal_summaryexpense"]
    assert [c.header for c in income.columns] == ["收入/项目", "收入/预算数"]
    assert [(c.header, c.role) for c in expense.columns] == [
        ("支出/项目", "label"),
        ("支出/合计", "total"),
        ("支出/一般公共预算", "gpb"),
        ("支出/政府性基金预算", "gov_fund"),
        ("支出/国有资本经营预算", "state_capital"),
    ]
    assert [r.text for r in income.rows][:2] == ["一、本年收入\t547.43", "一般公共预算拨款收入\t539.49"]
    rows = [r.text for r in expense.rows]
    assert len(rows) == 27 and rows[:2] == ["一、一般公共服务支出", "二、外交支出"]
    assert "七、文化旅游体育与传媒支出" in rows and "二十一、国有资本经营预算支出\t7.94\t\t\t7.94" in rows
    assert rows[-1] == "支出总计\t547.43\t539.49\t\t7.94"


@pytest.mark.parametrize("rules", ["box", "none"])
def test_empty_table_printed_without_rules(rules):
    """An empty table without rules (its header over a lone 合计 row): found, its columns where its
    header's lowest cells stand."""
    t = _generated_tables(9, "预算", "hunan", rules)["gov_fund"]
    assert [c.role for c in t.columns] == ["code", "label", "total", "basic", "project"]
    assert [r.text for r in t.rows] == ["合计"]
