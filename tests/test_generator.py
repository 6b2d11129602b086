"""The document generator (tests/support/generator) itself.

Every document type × template must be deterministic per seed; a clean document must hold
together by the independent arithmetic of ``support.docaudit`` (its grids foot within rounding,
its sentences restate its tables, its rates follow from their inputs); an injected error must
change the document at its needle only, and be a real inconsistency of its category there; a
legitimate marker must point at text of the document. A few tests read generated documents
through the product's own readers, for the layout it reads today (Hunan 决算).
"""

from __future__ import annotations

import difflib
from decimal import Decimal as D
from functools import cache

import pytest
from support.compare import table_signature
from support.docaudit import audit
from support.generator import (
    CATEGORY_OF,
    DOC_KINDS,
    FORMATS,
    INJECTION_KINDS,
    TEMPLATES,
    GeneratedDoc,
    applicable_kinds,
    corpus_specs,
    exec_score,
    generate,
    generate_corpus,
)

from extract import load_bytes
from extract.text import read_text

DOCS = [(k, t) for k in DOC_KINDS for t in TEMPLATES]
# lines an injection may change besides its needle's: totals that carry a changed 项 up, the
# rows of a shuffle, what an unexplained low execution changes in the budgets it comes from
LIMIT = {
    "shuffled_rows": 20,
    "cross_table_amount": 4,
    "exec_outlier": 45,
    "copy_reason": 2,
    "perf_rate": 3,
    "missed_full_marks": 2,
}
DROPS = {"missing_table", "empty_table_no_note", "empty_section"}


@cache
def gen(seed: int, inject: tuple[str, ...] = (), kind: str = "决算", template: str = "hunan", fmt: str = "txt") -> GeneratedDoc:
    return generate(seed, inject, kind=kind, template=template, fmt=fmt)


def _added(clean: str, dirty: str) -> list[str]:
    diff = difflib.unified_diff(clean.splitlines(), dirty.splitlines(), lineterm="", n=0)
    return [ln[1:] for ln in diff if ln[:1] == "+" and ln[:3] != "+++"]


def _removed(clean: str, dirty: str) -> list[str]:
    diff = difflib.unified_diff(clean.splitlines(), dirty.splitlines(), lineterm="", n=0)
    return [ln[1:] for ln in diff if ln[:1] == "-" and ln[:3] != "---"]


# ------------------------------------------------------------------------------ determinism, variety


@pytest.mark.parametrize(("kind", "template"), DOCS)
def test_deterministic_per_seed(kind, template):
    a, b = generate(5, kind=kind, template=template), generate(5, kind=kind, template=template)
    assert (a.data, a.facts, a.name) == (b.data, b.facts, b.name)
    assert generate(6, kind=kind, template=template).text != a.text
    some = applicable_kinds(5, kind, template)[:3]
    assert generate(5, some, kind=kind, template=template).data == generate(5, some, kind=kind, template=template).data


def test_unknown_or_inapplicable_requests_are_refused():
    with pytest.raises(ValueError):
        generate(5, ["no_such_kind"])
    with pytest.raises(ValueError):
        generate(5, kind="年报")
    with pytest.raises(ValueError):  # a budget has no 自评表 execution rates
        generate(5, ["perf_rate"], kind="预算")
    with pytest.raises(ValueError):  # a workbook has no narrative
        generate(5, ["narrative_amount"], fmt="xlsx")


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_is_deterministic(fmt):
    a, b = (
        generate(2, ["row_total"], kind="决算", template="shanghai", fmt=fmt),
        generate(2, ["row_total"], kind="决算", template="shanghai", fmt=fmt),
    )
    assert a.data == b.data and a.name.endswith({"txt": ".txt", "cells": ".txt", "md": ".md"}.get(fmt, "." + fmt))
    assert a.text == gen(2, ("row_total",), "决算", "shanghai").text  # one document, whatever its format


def test_the_default_document_keeps_its_name():
    assert gen(5).name == "gen_0005.txt" and gen(5).kind == "决算" and gen(5).template == "hunan"
    assert generate(5, kind="预算", template="sichuan", fmt="pdf").name == "gen_0005_budget_sichuan_pdf.pdf"


def test_documents_vary():
    docs = [gen(s, (), "决算", t) for s in range(30) for t in TEMPLATES]
    facts = [d.facts for d in docs]
    assert len({f["profile"] for f in facts}) == 6
    assert len({f["department"] for f in facts}) >= 80
    assert {f["year"] for f in facts} >= {2020, 2021, 2022, 2023, 2024, 2025}
    totals = [f["grand_total"] for f in facts]
    assert min(totals) < 200 * 10000 and max(totals) > 10000 * 10000
    # real money: other sources, 政府性基金, carry-overs in and out, one unit and several
    assert sum(f["sources"]["other"] for f in facts) >= 15 and sum(f["sources"]["fund"] for f in facts) >= 8
    assert sum(1 for f in facts if f["carry"]["opening"]) >= 20 and sum(1 for f in facts if f["carry"]["closing"]) >= 20
    assert sum(1 for f in facts if f["carry"]["used"]) >= 1
    assert {len(f["units"]) for f in facts} >= {1, 2, 3}
    assert {f["grain"] for f in facts} == {D(100), D(1), D("0.01")}
    legit = {lg.kind for d in docs for lg in d.legitimate}
    assert legit >= {
        "rounding_tail",
        "carry_over",
        "other_source",
        "explained_extreme",
        "zero_budget",
        "budget_adjusted",
        "completion_over_100",
    }
    styles = [f["style"] for f in facts]
    for key in ("thousands", "hierarchy", "split_codes", "total_last", "pdf_wrap"):
        assert {s[key] for s in styles} == {True, False}, key
    assert {s["pdf_rules"] for s in styles} == {"grid", "box", "none"}
    budgets = [gen(s, (), "预算", "shanghai") for s in range(6)]
    assert all("单位：元" in d.text for d in budgets) and any(lg.kind == "unit_mix" for d in budgets for lg in d.legitimate)


def test_template_wordings():
    sh_budget = "\n".join(gen(s, (), "预算", "shanghai").text for s in range(6))
    assert (
        "（类）" in sh_budget and "（款）" in sh_budget and "（项）”" in sh_budget
    )  # “一般公共服务支出（类）商贸事务（款）行政运行（项）”938.99万元
    assert "”科目" in sh_budget  # “一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”科目1,202.95万元
    assert "年预算执行数" in sh_budget and "2024年部门财务收支预算总表" in sh_budget
    sh_final = "\n".join(gen(s, (), "决算", "shanghai").text for s in range(6))
    assert "决算数小于预算数的主要原因" in sh_final and "年度相比" in sh_final and "故本表无数据" in sh_final
    assert "公开01表" in gen(1).text or "公开 01 表" in gen(1).text
    sc_budget = gen(1, (), "预算", "sichuan").text
    assert "表1-1" in sc_budget and "表3-2" in sc_budget and "类\t款\t项" in sc_budget
    assert "项目支出绩效目标完成情况表" in gen(1, (), "自评表", "sichuan").text
    assert "指标得分表" in gen(1, (), "评价报告", "hunan").text and "项目资金使用情况表" in gen(1, (), "评价报告", "hunan").text


# ------------------------------------------------------------------------------ clean documents hold together


@pytest.mark.parametrize(("kind", "template"), DOCS)
def test_clean_documents_are_consistent(kind, template):
    for seed in range(8):
        assert audit(gen(seed, (), kind, template)) == [], seed


@pytest.mark.parametrize(("kind", "template"), DOCS)
def test_legitimate_markers_point_at_the_document(kind, template):
    for seed in range(4):
        d = gen(seed, (), kind, template)
        assert all(lg.needle in d.text and lg.description for lg in d.legitimate)


# ------------------------------------------------------------------------------ injections


@pytest.mark.parametrize(("kind", "template"), DOCS)
def test_injection_is_a_real_inconsistency_at_its_needle(kind, template):
    seed = DOCS.index((kind, template))  # a different document for each type and template
    clean = gen(seed, (), kind, template)
    kinds = applicable_kinds(seed, kind, template)
    assert len(kinds) >= {"决算": 26, "预算": 20, "评价报告": 12, "自评表": 11}[kind]
    for k in kinds:
        d = gen(seed, (k,), kind, template)
        (inj,) = d.injections
        assert (inj.kind, inj.category) == (k, CATEGORY_OF[k]) and inj.description
        assert inj.needle and inj.needle in d.text
        added = _added(clean.text, d.text)
        if k in DROPS:
            assert not added and _removed(clean.text, d.text), k
        else:
            assert any(inj.needle in ln for ln in added), k
            far = [ln for ln in added if inj.needle not in ln and ln.strip("\t") not in inj.needle]
            assert len(far) <= LIMIT.get(k, 0), (k, far)
        found = audit(d)
        assert any(cat == inj.category and (inj.needle in text or text.strip("\t") in inj.needle) for cat, text in found), (
            k,
            found,
        )


def test_every_category_is_planted_in_every_template_and_type():
    for kind in DOC_KINDS:
        per_template = {t: {CATEGORY_OF[k] for s in range(3) for k in applicable_kinds(s, kind, t)} for t in TEMPLATES}
        assert len({frozenset(c) for c in per_template.values()}) == 1, (kind, per_template)
    categories = {CATEGORY_OF[k] for kind in DOC_KINDS for k in applicable_kinds(0, kind, "hunan")}
    assert categories == set(CATEGORY_OF.values()) and len(categories) == 13  # every category of DOMAIN.md but rounding
    assert set(INJECTION_KINDS) == {k for kind in DOC_KINDS for s in range(3) for k in applicable_kinds(s, kind, "shanghai")}


def test_several_injections_in_one_document():
    kinds = ("row_total", "yoy", "copy_goal", "staffing", "missing_table")
    d = gen(9, kinds)
    assert [i.kind for i in d.injections] == list(kinds)
    found = audit(d)
    for inj in d.injections:
        assert inj.needle in d.text
        assert any(cat == inj.category and (inj.needle in t or t.strip("\t") in inj.needle) for cat, t in found), inj


def test_exec_outlier_rate():
    for seed in range(6):
        d = gen(seed, ("exec_outlier",))
        rates = sorted(p["rate"] for p in d.facts["projects"] if not p["explain"])
        assert 20 <= rates[0] <= 45 and rates[1] >= 92
        assert {c: i["total"] for c, i in gen(seed).facts["items"].items()} == {
            c: i["total"] for c, i in d.facts["items"].items()
        }


def test_material_and_not():
    d = gen(3, ("row_total", "stray_number"))
    assert [i.material for i in d.injections] == [True, False]


# ------------------------------------------------------------------------------ corpus


def test_corpus():
    corpus = generate_corpus(40, seed=3, anomaly_rate=0.3)
    assert [d.name for d in corpus] == [f"gen_{3 * 100_003 + i:04d}.txt" for i in range(40)]
    injected = [d for d in corpus if d.injections]
    assert 6 <= len(injected) <= 20 and all(len(d.injections) == 1 for d in injected)
    assert [d.text for d in generate_corpus(40, seed=3, anomaly_rate=0.3)] == [d.text for d in corpus]
    assert all(not d.injections for d in generate_corpus(10, seed=1, anomaly_rate=0))
    assert all(len(d.injections) == 1 for d in generate_corpus(10, seed=1, anomaly_rate=1))


def test_corpus_specs_cover_every_type_template_and_kind():
    specs = corpus_specs(360, 12, 0.7, kinds=DOC_KINDS, templates=TEMPLATES, formats=FORMATS, per_doc=2)
    assert {(k, t, f) for _, _, k, t, f in specs} == {(k, t, f) for k in DOC_KINDS for t in TEMPLATES for f in FORMATS}
    planted = {(k, t, i) for _, inj, k, t, _ in specs for i in inj}
    for kind in DOC_KINDS:
        for template in TEMPLATES:
            kinds = {i for k, t, i in planted if (k, t) == (kind, template)}
            assert len(kinds) >= {"决算": 24, "预算": 18, "评价报告": 12, "自评表": 11}[kind], (kind, template, kinds)


# ------------------------------------------------------------------------------ through the product's readers (the Hunan 决算 it reads today)

KINDS_READ = ["summary", "summary", "income", "expense", "fiscal_summary", "fiscal_summary", "gpb_expense", "gpb_basic_detail", "gov_fund", "state_capital", "three_public", "perf_basic_data"]  # fmt: skip


@cache
def read(seed: int):
    d = gen(seed)
    return load_bytes(d.data, d.name)


@pytest.mark.parametrize("seed", range(4))
def test_hunan_final_reads_back(seed):
    d, doc = gen(seed), read(seed)
    assert (doc.doc_type, doc.year, doc.department) == ("部门决算", d.facts["year"], d.facts["department"])
    assert [t.kind for t in doc.tables][: len(KINDS_READ)] == KINDS_READ
    assert {t.unit for t in doc.tables} == {"万元"}
    exp = doc.table_of("expense")
    for code, item in d.facts["items"].items():
        row = exp.find_row(code=code)
        assert row is not None and exp.value(row, "total") == (item["total"] / 10000).quantize(D("0.01"), "ROUND_HALF_UP")
    projects = [p for p in doc.projects if p.scope == "project"]
    assert [(p.name, p.executed, p.rate_stated, p.score_stated) for p in projects] == [
        (q["name"], (q["executed"] / 10000).quantize(D("0.01")), q["rate"], exec_score(q["rate"])) for q in d.facts["projects"]
    ]


@pytest.mark.parametrize("seed", [0, 7])
def test_pdf_rendering_reads_back_the_same_tables(seed):
    from audit_assist.render import to_pdf

    d = gen(seed)
    pdf = load_bytes(to_pdf(read_text(d.text.encode("utf-8"))), f"{d.name}.pdf")
    text = read(seed)
    assert table_signature(pdf) == table_signature(text)
    assert (pdf.doc_type, pdf.year, pdf.department) == (text.doc_type, text.year, text.department)
