"""The document generator (tests/support/generator.py) against the real extractor.

A generated document must read back, through the product's own text and PDF readers, as the
部门决算 it was made from (type, year, department, the standard tables with their kinds, every
amount, the projects); a clean one must be exactly consistent; an injected error must be a real
inconsistency of its category sitting at its needle. The consistency checks here are this file's
own arithmetic (``audit``), independent of the product's rules; the product's footing rules are
run as well, since a clean document that trips them would make every benchmark built on it lie.
"""

from __future__ import annotations

import difflib
import re
from decimal import ROUND_HALF_UP
from decimal import Decimal as D
from functools import cache

import pytest
from support.compare import table_signature
from support.generator import (
    CATEGORY_OF,
    CLASS_LINES,
    INJECTION_KINDS,
    KUAN_NAMES,
    GeneratedDoc,
    exec_score,
    generate,
    generate_corpus,
)

from detectors.footing.SUM001_row_parts import RowParts
from detectors.footing.SUM002_code_hierarchy import CodeHierarchy
from detectors.footing.SUM003_summary_identities import SummaryIdentities
from extract import load_bytes
from extract.text import read_text
from models import Document

SEEDS = range(8)
KINDS = [
    ("summary", "income"),
    ("summary", "expense"),
    ("income", ""),
    ("expense", ""),
    ("fiscal_summary", "income"),
    ("fiscal_summary", "expense"),
    ("gpb_expense", ""),
    ("gpb_basic_detail", ""),
    ("gov_fund", ""),
    ("state_capital", ""),
    ("three_public", ""),
    ("perf_basic_data", ""),
]
NUMBERS = ["公开01表", "公开01表", "公开02表", "公开03表", "公开04表", "公开04表", "公开05表", "公开06表", "公开07表", "公开08表", "公开09表"]  # fmt: skip
CLASS_OF_LABEL = {name: code for code, name in CLASS_LINES}
# the product's table-footing rules (the identities of DOMAIN.md inside one table)
FOOTING_RULES = (RowParts, CodeHierarchy, SummaryIdentities)


@cache
def gen(seed: int, inject: tuple[str, ...] = ()) -> GeneratedDoc:
    return generate(seed, inject)


@cache
def read(seed: int, inject: tuple[str, ...] = ()) -> Document:
    d = gen(seed, inject)
    return load_bytes(d.text.encode("utf-8"), d.name)


def pct(part: D, whole: D) -> D:
    return (part * 100 / whole).quantize(D("0.01"), ROUND_HALF_UP)


def num(text: str) -> D:
    return D(text.replace(",", ""))


# ------------------------------------------------------------------------------ an independent audit


def audit(doc: Document) -> list[tuple[str, str]]:
    """Every inconsistency this file knows how to see: (category, evidence text)."""
    out: list[tuple[str, str]] = []
    _footing(doc, out)
    _cross_table(doc, out)
    _narrative(doc, out)
    _performance(doc, out)
    _completeness(doc, out)
    return out


def _parent(code: str, codes: set[str]) -> str:
    for n in (5, 3):
        if len(code) > n and code[:n] in codes:
            return code[:n]
    return ""


def _footing(doc: Document, out: list) -> None:
    for kind, parts in (("income", ("fiscal",)), ("expense", ("basic", "project")), ("gpb_expense", ("basic", "project"))):
        t = doc.table_of(kind)
        if t is None:
            continue
        for r in t.rows:
            total = t.value(r, "total")
            if total is not None and total != sum((t.value(r, p) or D(0) for p in parts), D(0)):
                out.append(("footing", r.text))
        rows = {r.code: r for r in t.rows if r.code}
        codes = set(rows)
        total_row = next(r for r in t.rows if r.label == "合计")
        for col in ("total", *parts):
            for code, r in [("", total_row), *rows.items()]:
                children = [c for c in codes if _parent(c, codes) == code]
                if children and (t.value(r, col) or D(0)) != sum((t.value(rows[c], col) or D(0) for c in children), D(0)):
                    out.append(("footing", r.text))
    for kind in ("summary", "fiscal_summary"):
        halves = {t.part: t for t in doc.tables_of(kind)}
        grand = {}
        for part, t in halves.items():
            labels = [r.label for r in t.rows]
            year = labels.index("本年收入合计" if part == "income" else "本年支出合计")
            lines = [t.value(r, "total") or D(0) for r in t.rows[:year] if r.label]
            if t.value(t.rows[year], "total") != sum(lines, D(0)):
                out.append(("footing", t.rows[year].text))
            g = next(r for r in t.rows if r.label == "总计")
            grand[part] = t.value(g, "total")
            if grand[part] != t.value(t.rows[year], "total"):
                out.append(("footing", g.text))
        if len(set(grand.values())) > 1:
            out.append(("footing", next(r for r in halves["expense"].rows if r.label == "总计").text))
    t = doc.table_of("gpb_basic_detail")
    if t is not None:
        values: dict[str, D] = {}
        for r in t.rows:
            for b in (0, 3, 6):
                code = r.cells[b].text.strip()
                if code.isdigit():
                    values[code] = r.cells[b + 2].value or D(0)
        for g in ("301", "302", "303", "307", "310", "399"):
            if values[g] != sum((v for c, v in values.items() if len(c) == 5 and c.startswith(g)), D(0)):
                out.append(("footing", g))
        last = t.rows[-1]
        if last.cells[2].value != values["301"] + values["303"] or last.cells[8].value != sum(
            (values[g] for g in ("302", "307", "310", "399")), D(0)
        ):
            out.append(("footing", last.text))
    t = doc.table_of("three_public")
    if t is not None:
        r = t.rows[0]
        for h in ("@budget", "@final"):
            v = {k: t.value(r, k + h) or D(0) for k in ("total", "abroad", "vehicle_subtotal", "vehicle_purchase", "vehicle_running", "reception")}  # fmt: skip
            if v["total"] != v["abroad"] + v["vehicle_subtotal"] + v["reception"] or v["vehicle_subtotal"] != v["vehicle_purchase"] + v["vehicle_running"]:  # fmt: skip
                out.append(("footing", r.text))


def _cross_table(doc: Document, out: list) -> None:
    inc, exp, gpb = doc.table_of("income"), doc.table_of("expense"), doc.table_of("gpb_expense")
    tables = [t for t in (inc, exp, gpb) if t is not None]
    for r in tables[0].rows if tables else []:
        if len(r.code) != 7:
            continue
        values = {t.value(t.find_row(code=r.code), "total") for t in tables if t.find_row(code=r.code)}
        if len(values) > 1:
            out.extend(("cross_table", t.find_row(code=r.code).text) for t in tables)
    summary = doc.table_of("summary", "expense")
    if summary is not None and exp is not None:
        for r in summary.rows:
            name = re.sub(r"^[一二三四五六七八九十]+、", "", r.label)
            code = CLASS_OF_LABEL.get(name)
            if code and t_value(summary, r) != sum((exp.value(x, "total") or D(0) for x in exp.rows if len(x.code) == 7 and x.code.startswith(code)), D(0)):  # fmt: skip
                out.append(("cross_table", r.text))
        for half, t, label in (("income", inc, "本年收入合计"), ("expense", exp, "本年支出合计")):
            s = doc.table_of("summary", half)
            if t is not None and s.value(s.find_row(label=label), "total") != t.value(t.rows[0], "total"):
                out.append(("cross_table", t.rows[0].text))


def t_value(t, r) -> D:
    return t.value(r, "total") or D(0)


_AMOUNT = r"(\d[\d,]*(?:\.\d+)?)"


def _narrative(doc: Document, out: list) -> None:
    paras = [p.text for p in doc.paragraphs]
    start = next(i for i, p in enumerate(paras) if p == "第三部分")
    # the narrative restates 公开05表 (or 公开03/02表, the same amounts, when 05 is missing)
    gpb = doc.table_of("gpb_expense") or doc.table_of("expense") or doc.table_of("income")
    tp = doc.table_of("three_public")
    by_name = {(KUAN_NAMES.get(r.code[:5], ""), r.label): r for r in gpb.rows if len(r.code) == 7} if gpb else {}
    for i in range(start, len(paras)):
        p = paras[i]
        # 项 paragraphs restate table 05
        m = re.match(r"^\d+、.+?（类）(.+?)（款）(.+?)（项）。$", p)
        if m and i + 1 < len(paras) and gpb is not None:
            row = by_name.get((m.group(1), m.group(2)))
            e = re.search(r"支出决算为" + _AMOUNT + "万元", paras[i + 1])
            if row is None or e is None or num(e.group(1)) != gpb.value(row, "total"):
                out.append(("narrative_vs_table", paras[i + 1]))
        for m in re.finditer(r"([\u4e00-\u9fff]+)（类）支出" + _AMOUNT + r"万元，占比?" + _AMOUNT + "%", p):
            code = CLASS_OF_LABEL.get(m.group(1) + "支出")
            amount = num(m.group(2))
            if gpb is not None and amount != sum((gpb.value(r, "total") for r in gpb.rows if len(r.code) == 7 and r.code.startswith(code)), D(0)):  # fmt: skip
                out.append(("narrative_vs_table", p))
            whole = num(re.search(r"支出" + _AMOUNT + "万元，主要用于", p).group(1))
            if pct(amount, whole) != num(m.group(3)):
                out.append(("percent_recompute", p))
        # shares of a whole named in the clause, or of the paragraph's first amount
        wholes = {
            "基本支出的": gpb.value(gpb.rows[0], "basic") if gpb and gpb.column("basic") else None,
            "政府采购支出总额的": _after(p, "政府采购支出总额"),
            "授予中小企业合同金额的": _after(p, "授予中小企业合同金额"),
        }
        for m in re.finditer(_AMOUNT + r"万元，占(基本支出的|政府采购支出总额的|授予中小企业合同金额的)" + _AMOUNT + "%", p):
            if wholes[m.group(2)] is not None and pct(num(m.group(1)), wholes[m.group(2)]) != num(m.group(3)):
                out.append(("percent_recompute", p))
        if re.search(r"(收入|支出)合计" + _AMOUNT + "万元，其中：", p) or "“三公”经费财政拨款支出决算中" in p:
            shares = list(re.finditer(_AMOUNT + r"万元，占比?" + _AMOUNT + "%", p))
            if "“三公”经费" in p:
                whole = sum((num(m.group(1)) for m in shares), D(0))
            else:
                whole = num(re.search(r"合计" + _AMOUNT + "万元", p).group(1))
            for m in shares:
                if whole and pct(num(m.group(1)), whole) != num(m.group(2)):
                    out.append(("percent_recompute", p))
        for m in re.finditer(
            r"预算数?为" + _AMOUNT + r"万元，(?:支出决算|执行数)为" + _AMOUNT + r"万元，完成(?:年初)?预算的" + _AMOUNT + "%", p
        ):
            if pct(num(m.group(2)), num(m.group(1))) != num(m.group(3)):
                out.append(("percent_recompute", p))
        for m in re.finditer(
            r"(?:与上年相比，|比上年决算数)(增加|减少)" + _AMOUNT + r"万元，(增长|下降|减少)" + _AMOUNT + "%", p
        ):
            current = num(re.findall(_AMOUNT + "万元", p[: m.start()])[-1])
            change = num(m.group(2))
            previous = current - change if m.group(1) == "增加" else current + change
            if pct(change, previous) != num(m.group(4)):
                out.append(("yoy_recompute", p))
        m = re.search(r"公务接待费支出决算为" + _AMOUNT + "万元，全年共接待", p)
        if m and tp is not None:
            stated, table = num(m.group(1)), tp.value(tp.rows[0], "reception@final")
            if stated != table:
                out.append(("unit_or_decimal_shift" if stated in (table * 10, table / 10) else "narrative_vs_table", p))
        for m in re.finditer(r"率达到" + _AMOUNT + "%", p):
            if num(m.group(1)) > 100:
                out.append(("ratio_over_100", p))
    for p in paras[:start]:
        m = re.search(r"编制人数(\d+)人，实有人数(\d+)人", p)
        if m:
            authorized, actual = int(m.group(1)), int(m.group(2))
            if actual > authorized:
                out.append(("staffing_mismatch", p))
            bd = doc.table_of("perf_basic_data")
            if bd is not None and (bd.rows[1].cells[1].value, bd.rows[1].cells[3].value) != (authorized, actual):
                out.append(("staffing_mismatch", bd.rows[1].text))
    for f in doc.figures:
        if f.unit == "元" and f.paragraph > start:
            out.append(("unit_or_decimal_shift", doc.paragraphs[f.paragraph].text))


def _after(text: str, label: str) -> D | None:
    m = re.search(label + _AMOUNT + "万元", text)
    return num(m.group(1)) if m else None


def _performance(doc: Document, out: list) -> None:
    projects = [p for p in doc.projects if p.scope == "project"]
    for p in doc.projects:
        rate = pct(p.executed, p.budget)
        money = doc.table(p.table).rows[p.rows["money"]].text
        total = doc.table(p.table).rows[p.rows["total"]].text
        if p.rate_stated != rate or p.score_stated != exec_score(p.rate_stated):
            out.append(("perf_score", money))
        if p.total_score != p.score_stated + sum((i.score for i in p.indicators), D(0)) or p.total_weight != p.weight + sum(i.weight for i in p.indicators):  # fmt: skip
            out.append(("perf_score", total))
        if rate < 60:
            out.append(("execution_rate_outlier", money))
        if p.fiscal_executed is not None and p.fiscal_executed != p.executed:
            fiscal = doc.table(p.table).rows[p.rows["fiscal"]].text
            out.append(("unit_or_decimal_shift" if p.fiscal_executed == p.executed * 10 else "perf_score", fiscal))
        if p.goal_expected == p.goal_actual:
            out.append(("copy_paste_text", p.goal_actual))
    goals = [p.goal_expected for p in projects]
    out.extend(("copy_paste_text", g) for g in goals if goals.count(g) > 1)
    bd = doc.table_of("perf_basic_data")
    if bd is not None:
        executed = {p.name: p.executed for p in projects}
        for r in bd.rows:
            m = re.match(r"^\d+、(.+)$", r.cells[0].text)
            if m and m.group(1) in executed and r.cells[5].value != executed[m.group(1)]:
                out.append(("unit_or_decimal_shift" if r.cells[5].value == executed[m.group(1)] * 10 else "cross_table", r.text))


def _completeness(doc: Document, out: list) -> None:
    texts = [p.text for p in doc.paragraphs]
    first = texts.index("- 一、收入支出决算总表")
    toc = texts[first : next(i for i in range(first, len(texts)) if not texts[i].startswith("- "))]
    titles = {t.title for t in doc.tables}
    for line in toc:
        title = re.sub(r"^- [一二三四五六七八九十]+、", "", line)
        if title not in titles:
            out.append(("missing_or_blank", line))
    for kind in ("gov_fund", "state_capital"):
        t = doc.table_of(kind)
        if t is not None and t.is_empty and not _explained(doc, t):
            out.append(("missing_or_blank", t.title))


def _explained(doc: Document, t) -> bool:
    """An empty table's explanation: a 说明 note, or the sentence right after its 注 line."""
    if any("本表无数据" in n for n in t.notes):
        return True
    texts = [p.text for p in doc.paragraphs]
    k = texts.index(t.notes[0]) if t.notes and t.notes[0] in texts else -1
    return 0 <= k < len(texts) - 1 and "本表无数据" in texts[k + 1]


# ------------------------------------------------------------------------------ the tests


def test_deterministic_per_seed():
    a, b = generate(5), generate(5)
    assert a.text == b.text and a.facts == b.facts and a.name == "gen_0005.txt"
    assert generate(6).text != a.text
    assert generate(5, ["share"]).text == generate(5, ["share"]).text
    with pytest.raises(ValueError):
        generate(5, ["no_such_kind"])


def test_documents_vary():
    docs = [gen(s) for s in range(40)]
    assert len({d.facts["profile"] for d in docs}) == 5
    assert {d.facts["year"] for d in docs} == {2020, 2021, 2022, 2023, 2024}
    assert len({d.facts["department"] for d in docs}) >= 35
    totals = [d.facts["total"] for d in docs]
    assert min(totals) >= 100 and max(totals) <= 60000 and max(totals) > 10000 and min(totals) < 500
    sizes = [len(d.facts["items"]) for d in docs]
    assert min(sizes) >= 5 and max(sizes) <= 15 and len(set(sizes)) >= 5
    for key in ("hierarchy", "thousands", "fixed", "full_classes", "self_report"):
        assert {d.facts["style"][key] for d in docs} == {True, False}
    assert {d.facts["style"]["zero"] for d in docs} == {"", "0", "0.00"}
    rates = [p["rate"] for d in docs for p in d.facts["projects"]]
    assert min(rates) >= 92 and D(100) in rates and len(set(rates)) > 100
    completion = {pct(i["total"], i["budget"]) for d in docs for i in d.facts["items"].values() if i["budget"]}
    assert D(100) in completion and len(completion) > 50


@pytest.mark.parametrize("seed", SEEDS)
def test_recognised_as_the_document_it_was_made_from(seed):
    d, doc = gen(seed), read(seed)
    f = d.facts
    assert (doc.doc_type, doc.year, doc.department) == ("部门决算", f["year"], f["department"])
    perf = ([("perf_dept_eval", "")] if f["dept_eval"] else []) + [("perf_project_eval", "")] * len(f["projects"])
    assert [(t.kind, t.part) for t in doc.tables] == KINDS + perf
    assert [t.number for t in doc.tables[:11]] == NUMBERS
    assert {t.unit for t in doc.tables} == {"万元"}
    assert [_explained(doc, t) for t in doc.tables[8:10]] == [True, True]


@pytest.mark.parametrize("seed", SEEDS)
def test_cells_equal_the_facts(seed):
    f, doc = gen(seed).facts, read(seed)
    total = f["total"]
    for part, label in (("income", "本年收入合计"), ("expense", "本年支出合计")):
        t = doc.table_of("summary", part)
        assert t.value(t.find_row(label=label), "total") == total
        assert t.value(t.find_row(label="总计"), "total") == total
    summary = doc.table_of("summary", "expense")
    fiscal = doc.table_of("fiscal_summary", "expense")
    for code, amount in f["classes"].items():
        label = next(f"{_cn(k)}、{name}" for k, (c, name) in enumerate(CLASS_LINES, 1) if c == code)
        assert summary.value(summary.find_row(label=label), "total") == amount
        assert (fiscal.value(fiscal.find_row(label=label), "total"), fiscal.value(fiscal.find_row(label=label), "gpb")) == (
            amount,
            amount,
        )
    inc, exp, gpb = doc.table_of("income"), doc.table_of("expense"), doc.table_of("gpb_expense")
    assert [r.code for r in exp.rows if len(r.code) == 7] == sorted(f["items"])
    for code, item in f["items"].items():
        assert (inc.value(inc.find_row(code=code), "total"), inc.value(inc.find_row(code=code), "fiscal")) == (item["total"],) * 2
        for t in (exp, gpb):
            r = t.find_row(code=code)
            assert r.label == item["name"]
            assert (t.value(r, "total"), t.value(r, "basic") or D(0), t.value(r, "project") or D(0)) == (
                item["total"],
                item["basic"],
                item["project"],
            )
    for t in (inc, exp, gpb):
        assert t.value(t.rows[0], "total") == total and t.rows[0].label == "合计"
        printed = {r.code for r in t.rows if r.code and len(r.code) < 7}
        assert printed == (set(f["classes"]) | set(f["kuans"]) if f["style"]["hierarchy"] else set())
        for code in printed:
            assert t.value(t.find_row(code=code), "total") == {**f["classes"], **f["kuans"]}[code]
    assert (gpb.value(gpb.rows[0], "basic"), gpb.value(gpb.rows[0], "project")) == (f["basic"], f["project"])
    detail = doc.table_of("gpb_basic_detail")
    econ = {r.cells[b].text: r.cells[b + 2].value for r in detail.rows for b in (0, 3, 6) if r.cells[b].text.isdigit()}
    assert {c: v for c, v in econ.items() if len(c) == 5 and v} == f["econ"]
    assert {c: v or D(0) for c, v in econ.items() if len(c) == 3} == f["econ_groups"]
    assert (detail.rows[-1].cells[2].value, detail.rows[-1].cells[8].value) == (f["personnel"], f["public"])
    tp = doc.table_of("three_public")
    final, budget = f["three_public"]["final"], f["three_public"]["budget"]
    assert tp.value(tp.rows[0], "total@final") == sum(final.values())
    assert tp.value(tp.rows[0], "total@budget") == sum(budget.values())
    assert (tp.value(tp.rows[0], "reception@final"), tp.value(tp.rows[0], "vehicle_running@final") or D(0)) == (
        final["reception"],
        final["running"],
    )
    bd = doc.table_of("perf_basic_data")
    assert (bd.rows[1].cells[1].value, bd.rows[1].cells[3].value) == (f["staff"]["authorized"], f["staff"]["actual"])


@pytest.mark.parametrize("seed", SEEDS)
def test_projects_read_back(seed):
    f, doc = gen(seed).facts, read(seed)
    projects = [p for p in doc.projects if p.scope == "project"]
    assert [(p.name, p.budget_initial, p.budget, p.executed, p.rate_stated, p.score_stated, p.total_score) for p in projects] == [
        (q["name"], q["budget_initial"], q["budget"], q["executed"], q["rate"], q["exec_score"], q["total_score"])
        for q in f["projects"]
    ]
    for p, q in zip(projects, f["projects"]):
        assert (p.goal_expected, p.goal_actual) == (q["goal_expected"], q["goal_actual"])
        assert p.goal_expected != p.goal_actual
        assert p.weight + sum(i.weight for i in p.indicators) == p.total_weight == 100
        assert (p.fiscal_budget, p.fiscal_executed) == (p.budget, p.executed)
        missed = [i for i in p.indicators if i.score < i.weight]
        assert all(i.reason for i in missed) and not any(i.reason for i in p.indicators if i.score == i.weight)
    assert len({p.goal_expected for p in projects}) == len(projects)
    dept = [p for p in doc.projects if p.scope == "department"]
    if f["dept_eval"]:
        e = f["dept_eval"]
        assert [(p.name, p.budget_initial, p.budget, p.executed, p.rate_stated, p.total_score) for p in dept] == [
            (f["department"], e["budget_initial"], e["budget"], e["executed"], e["rate"], e["total_score"])
        ]
    else:
        assert dept == []


def test_specific_documents():
    """One document pinned value by value (a change to the generator shows up here)."""
    f = gen(3).facts
    assert (f["department"], f["year"], f["total"], f["basic"], f["project"]) == (
        "湘西土家族苗族自治州卫生健康局",
        2024,
        D("11343.26"),
        D("1165.32"),
        D("10177.94"),
    )
    assert f["items"]["2100408"] == {
        "name": "基本公共卫生服务",
        "total": D("3593.14"),
        "basic": D(0),
        "project": D("3593.14"),
        "budget": D("2953.09"),
    }
    text = gen(3).text
    assert "年初预算为2953.09万元，支出决算为3593.14万元，完成年初预算的121.67%" in text
    assert "年初预算为55.06万元，支出决算为55.06万元，完成年初预算的100%" in text
    assert "2024年度收入总计11343.26万元。与上年相比，减少2898.16万元，减少20.35%" in text
    assert "2100408\t基本公共卫生服务\t3593.14\t\t3593.14\t\t\t" in text


@pytest.mark.parametrize("seed", range(40))
def test_clean_documents_are_exactly_consistent(seed):
    assert audit(read(seed)) == []


@pytest.mark.parametrize("seed", range(16))
def test_product_footing_rules_silent_on_clean_documents(seed):
    doc = read(seed)
    findings = [f for rule in FOOTING_RULES for f in rule().check(doc)]
    assert [(f.rule, f.message) for f in findings if f.severity.value != "info"] == []
    assert [f.message for f in findings] == []  # not even a rounding remark: the sums are exact


def _changed_lines(clean: str, dirty: str) -> list[str]:
    return [ln[1:] for ln in difflib.unified_diff(clean.splitlines(), dirty.splitlines(), lineterm="", n=0) if ln[:1] in "+-" and ln[:3] not in ("+++", "---")]  # fmt: skip


@pytest.mark.parametrize("kind", INJECTION_KINDS)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_injection_is_a_real_inconsistency_at_its_needle(kind, seed):
    d = gen(seed, (kind,))
    (inj,) = d.injections
    assert (inj.kind, inj.category) == (kind, CATEGORY_OF[kind]) and inj.description
    assert inj.needle and inj.needle in d.text
    clean = gen(seed).text
    changed = _changed_lines(clean, d.text)
    assert changed, "the injection changed nothing"
    if kind not in ("missing_table", "empty_table_no_note"):
        assert any(inj.needle in ln or ln.strip("\t") in inj.needle for ln in changed if ln.strip())
    limit = {"shuffled_rows": 16, "missing_table": 90, "exec_outlier": 16, "cross_table_amount": 8}.get(kind, 4)
    assert len(changed) <= 2 * limit, changed
    found = audit(read(seed, (kind,)))
    assert any(cat == inj.category and (inj.needle in text or text.strip("\t") in inj.needle) for cat, text in found), found
    assert d.facts == gen(seed).facts or kind == "exec_outlier"


@pytest.mark.parametrize("kind", ["row_total", "code_hierarchy", "summary_total"])
@pytest.mark.parametrize("seed", [3, 4, 5, 6])
def test_product_footing_rules_see_footing_injections(kind, seed):
    d = gen(seed, (kind,))
    doc = read(seed, (kind,))
    findings = [f for rule in FOOTING_RULES for f in rule().check(doc) if f.severity.value == "high"]
    needle = d.injections[0].needle
    assert any(needle in e.text for f in findings for e in f.evidence), [f.message for f in findings]


def test_exec_outlier_rate():
    for seed in range(6):
        d = gen(seed, ("exec_outlier",))
        rates = sorted(p["rate"] for p in d.facts["projects"])
        assert 20 <= rates[0] <= 45 and rates[1] >= 92
        assert gen(seed).facts["project"] == d.facts["project"]  # the tables keep their amounts


def test_several_injections_in_one_document():
    kinds = ("row_total", "yoy", "copy_goal", "staffing", "missing_table")
    d = gen(9, kinds)
    assert [i.kind for i in d.injections] == list(kinds)
    found = audit(read(9, kinds))
    for inj in d.injections:
        assert inj.needle in d.text
        assert any(cat == inj.category and (inj.needle in t or t.strip("\t") in inj.needle) for cat, t in found)


def test_corpus():
    corpus = generate_corpus(40, seed=3, anomaly_rate=0.3)
    assert [d.name for d in corpus] == [f"gen_{3 * 100_003 + i:04d}.txt" for i in range(40)]
    injected = [d for d in corpus if d.injections]
    assert 6 <= len(injected) <= 20 and all(len(d.injections) == 1 for d in injected)
    assert [d.text for d in generate_corpus(40, seed=3, anomaly_rate=0.3)] == [d.text for d in corpus]
    assert all(not d.injections for d in generate_corpus(10, seed=1, anomaly_rate=0))
    assert all(len(d.injections) == 1 for d in generate_corpus(10, seed=1, anomaly_rate=1))


@pytest.mark.parametrize("seed", [0, 7])
def test_pdf_rendering_reads_back_the_same_tables(seed):
    from audit_assist.render import to_pdf

    d = gen(seed)
    pdf = load_bytes(to_pdf(read_text(d.text.encode("utf-8"))), f"{d.name}.pdf")
    text = read(seed)
    assert table_signature(pdf) == table_signature(text)
    assert (pdf.doc_type, pdf.year, pdf.department) == (text.doc_type, text.year, text.department)
    assert [(p.name, p.budget, p.executed, p.total_score) for p in pdf.projects] == [
        (p.name, p.budget, p.executed, p.total_score) for p in text.projects
    ]
    assert audit(pdf) == []


def _cn(n: int) -> str:
    from support.generator import cn_number

    return cn_number(n)
