"""The coverage record: what was checked, not only what failed (``audit_assist.coverage``).

Its counts against an auditor's hand count on two real documents, the standard tables found in
every sample and real document, the contract shape of ``scan --coverage``, the 覆盖情况 sheet, and
documents whose tables were renamed or stripped: low coverage, flagged, instead of clean."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from conftest import REAL, ROOT, SAMPLE_NAMES, SAMPLES

from audit_assist.coverage import Coverage
from audit_assist.pipeline import analyse_bytes, analyse_path
from detectors.base import FAILED, NOT_APPLICABLE, PASSED, case_findings
from detectors.registry import rule_versions, rules

CASE_RULES = {
    "SUM001",
    "SUM002",
    "SUM003",
    "SUM005",
    "SUM008",
    "XTB001",
    "XTB003",
    "XTB008",
    "TXT001",
    "PCT001",
    "PCT002",
    "YOY001",
    "CMP001",
    "PRF011",
}
SOCIAL_WORK = "中共上海市普陀区委社会工作部_2024_年度部门决算"
PLANNING = "上海市普陀区规划和自然资源局_2024_年度部门决算"
TEMPLATE = "上海市部门决算公开模板_2024"
TABLE_TITLES = [
    "收入支出决算总表",
    "收入决算表",
    "支出决算表",
    "财政拨款收入支出决算总表",
    "一般公共预算财政拨款支出决算表",
    "一般公共预算财政拨款基本支出决算明细表",
    "一般公共预算财政拨款“三公”经费支出决算表",
    "政府性基金预算财政拨款收入支出决算表",
    "国有资本经营预算财政拨款支出决算表",
]
needs_real = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real (the Shanghai disclosures) is not beside the checkout")


def counts(c: Coverage, rule: str, name: str, *, column: str = "") -> tuple[int, int, int, int]:
    """(passed, failed, not applicable, of which rounding) of one check; with ``column``, only the
    cases on a column of that role (a table identity's where names its row and columns)."""
    check = next(k for k in c.checks if k.rule == rule and k.name == name)
    cases = check.cases
    if column:
        cases = [x for x in cases if x.where and _role(c, x.where) == column]
    tally = Counter(x.status for x in cases)
    return tally[PASSED], tally[FAILED], tally[NOT_APPLICABLE], sum(x.rounding for x in cases)


_DOCS: dict[str, object] = {}


def _role(c: Coverage, where) -> str:
    table = _DOCS[c.doc].table(where.table)
    return table.columns[where.cols[0]].role


@pytest.fixture(scope="module")
def real():
    out = {}
    for p in sorted(REAL.glob("*.pdf")):
        a = analyse_path(p)
        _DOCS[a.doc.name] = a.doc
        out[p.stem] = a
    return out


@pytest.fixture(scope="module")
def sample_pdfs():
    """The sample PDFs analysed through the app's own cache function (so that the app's runs
    below find them analysed already)."""
    from ui import state

    out = {}
    for name in SAMPLE_NAMES:
        data = (SAMPLES / f"{name}.pdf").read_bytes()
        a = state.analyse_cached(hashlib.sha256(data).hexdigest(), f"{name}.pdf", rule_versions(), data)
        _DOCS[a.doc.name] = a.doc
        out[name] = a
    return out


def test_the_rules_an_auditor_counts_enumerate_their_cases(sample_text_docs):
    assert {r.code for r in rules() if r.enumerates_cases()} == CASE_RULES
    doc = sample_text_docs["002_78b07d84ccf1ecd6"]
    for rule in rules():
        if rule.enumerates_cases():
            cases = list(rule.cases(doc))
            assert all(c.status in (PASSED, FAILED, NOT_APPLICABLE) for c in cases)
            assert all(c.finding is not None for c in cases if c.status == FAILED), rule.code
            # check() is derived from the cases: the same findings, each once
            assert [f.message for f in rule.check(doc)] == [f.message for f in case_findings(cases)]


# ------------------------------------------------------------------ hand counts on two real documents


@needs_real
def test_social_work_department_against_the_hand_count(real):
    """An auditor's hand count on 中共上海市普陀区委社会工作部 2024 部门决算 (all tables in 万元)."""
    c = real[SOCIAL_WORK].coverage
    # 类=Σ款 and 款=Σ项: 12 held on the total columns (4 classes / 4 款 × 表2, 表3, 表5); 32 counting
    # every amount column (8 columns). The product counts a 类 whose column is blank along with its
    # 款 (the 项目支出 of 208, 210, 221 in 表3 and 表5) as not applicable, not as held: 26 + 6.
    assert counts(c, "SUM002", "类 = Σ款", column="total") == (12, 0, 0, 0)
    assert counts(c, "SUM002", "类 = Σ款") == (26, 0, 6, 0)
    assert counts(c, "SUM002", "款 = Σ项", column="total") == (12, 0, 0, 0)
    assert counts(c, "SUM002", "款 = Σ项") == (26, 0, 6, 0)
    # 合计=Σ类: 3 on the total columns, 8 on all of them
    assert counts(c, "SUM002", "合计 = Σ类", column="total") == (3, 0, 0, 0)
    assert counts(c, "SUM002", "合计 = Σ类") == (8, 0, 0, 0)
    # row 合计 = Σ columns, 60 held: 表2 18, 表3 18, 表5 18, 表4 expense side 6 (its 23 blank
    # lines are not applicable)
    assert counts(c, "SUM001", "收入表 本年收入合计 = Σ各项收入") == (18, 0, 0, 0)
    assert counts(c, "SUM001", "支出表 本年支出合计 = 基本支出 + 项目支出 + …") == (18, 0, 0, 0)
    assert counts(c, "SUM001", "一般公共预算财政拨款支出表 合计 = 基本支出 + 项目支出") == (18, 0, 0, 0)
    assert counts(c, "SUM001", "财政拨款收入支出总表 合计 = 一般公共预算 + 政府性基金 + 国有资本经营") == (6, 0, 23, 0)
    # narrative amounts against the tables: 27 compared, 27 agree by hand; the product links 24
    # (all agree). The three it does not: "收入支出总计" and "财政拨款收入支出总计" (a subject naming
    # both sides' 总计, which figure_keys gives no key) and 机关运行经费 10.23 (keyed, but no table
    # of a Shanghai 决算 prints it; the auditor compared it with 公用经费合计)
    assert counts(c, "TXT001", "文字中的金额 = 表格数") == (24, 0, 1, 0)
    assert [f.subject for f in c.sought] == ["机关运行经费支出"]
    unlinked = [f.subject.replace(" ", "") for f in c.unlinked]
    assert "中共上海市普陀区委社会工作部2024年度收入支出总计" in unlinked
    assert "中共上海市普陀区委社会工作部2024年度财政拨款收入支出总计" in unlinked
    assert (len(c.amounts), c.about_tables, len(c.linked)) == (51, 25, 24)
    assert c.summary() == "9/9 表，254 项核对，2 未通过，96% 文字数字已对应"
    assert not c.low_coverage


@needs_real
def test_planning_bureau_against_the_hand_count(real):
    """An auditor's hand count on 上海市普陀区规划和自然资源局 2024 部门决算."""
    c = real[PLANNING].coverage
    # 类=Σ款 35 and 款=Σ项 42 held by hand: 5 classes and 6 款 × 7 columns. The product checks the
    # 8 amount columns the three code tables print (表2 本年收入合计 and 财政拨款收入, 表3 and 表5
    # 合计, 基本支出 and 项目支出): 5 × 8 = 40 and 6 × 8 = 48, all held; 15 and 18 on the total columns
    assert counts(c, "SUM002", "类 = Σ款") == (40, 0, 0, 0)
    assert counts(c, "SUM002", "类 = Σ款", column="total") == (15, 0, 0, 0)
    assert counts(c, "SUM002", "款 = Σ项") == (48, 0, 0, 0)
    assert counts(c, "SUM002", "款 = Σ项", column="total") == (18, 0, 0, 0)
    # 合计=Σ类 10 held by hand, 2 of them rounding: the 8 合计 rows of the code tables, and 表4's
    # 本年支出合计 against its classes (合计 and 一般公共预算 columns, 9746.50 against 9746.49), which
    # the product counts with the two-sided tables' identities (SUM003)
    assert counts(c, "SUM002", "合计 = Σ类") == (8, 0, 0, 0)
    assert counts(c, "SUM003", "财政拨款收入支出总表 本年支出合计 = Σ各类支出") == (2, 0, 2, 2)
    # row 合计 = Σ columns 82 held by hand, 4 of them rounding (表5 212, 21201, 2120101, 合计); the
    # product also counts the 三公 table's two halves (合计 and 公务用车小计 in each): 82 + 4
    row_checks = {
        "收入表 本年收入合计 = Σ各项收入": (25, 0, 0, 0),
        "支出表 本年支出合计 = 基本支出 + 项目支出 + …": (25, 0, 0, 0),
        "一般公共预算财政拨款支出表 合计 = 基本支出 + 项目支出": (25, 0, 0, 4),
        "财政拨款收入支出总表 合计 = 一般公共预算 + 政府性基金 + 国有资本经营": (7, 0, 20, 0),
        "“三公”经费支出表 合计 = 因公出国（境）+ 公务用车购置及运行维护 + 公务接待": (2, 0, 0, 0),
        "“三公”经费支出表 公务用车小计 = 购置 + 运行维护": (2, 0, 0, 0),
    }
    assert {name: counts(c, "SUM001", name) for name in row_checks} == row_checks
    # two-sided totals 8 by hand: 本年收入合计, 收入总计, 本年支出合计, 支出总计 in 表1 and 表4. The
    # product has 12 cases: those 8, 收入总计 = 支出总计 in each table, and 表4's 本年支出合计 against
    # its classes on two columns (the hand count's 合计=Σ类 above)
    two_sided = [k for k in c.checks if k.rule == "SUM003"]
    assert sum(k.passed for k in two_sided) == 12 and sum(k.failed for k in two_sided) == 0
    # narrative amounts: 45 compared, 43 agree, 2 disagree by hand; the product compares 41: 39
    # agree and the same 2 disagree (5377.64 and 4896.98, the all-sources 基本支出 and 人员经费
    # quoted for the 一般公共预算 ones). Not linked: "收入支出总计" 9859.38 and "财政拨款收入支出总计"
    # 9746.50 (no key), "公务用车运行维护支出 0.00" and "国内公务接待支出 0.39万" (wordings without 费
    # that figure_keys does not key); 机关运行经费 142.80 is keyed but no table prints it
    assert counts(c, "TXT001", "文字中的金额 = 表格数") == (39, 2, 1, 0)
    disagree = [x.figure.text for x in c.checks[[k.rule for k in c.checks].index("TXT001")].failures]
    assert disagree == ["5377.64万元", "4896.98万元"]
    assert [f.subject for f in c.sought] == ["机关运行经费支出"]
    assert (len(c.amounts), c.about_tables, len(c.linked)) == (74, 42, 41)
    assert c.summary() == "9/9 表，374 项核对，10 未通过，98% 文字数字已对应"
    assert not c.low_coverage


# ------------------------------------------------------------------ every document


def _assert_all_tables_found(c: Coverage) -> None:
    assert len(c.tables) == 9
    missing = [t.label for t in c.tables if not t.found]
    assert not missing, missing
    assert all(t.title for t in c.tables)


@needs_real
def test_every_real_document_finds_the_standard_tables_of_its_type(real):
    assert len(real) == 9
    for name, a in real.items():
        c = a.coverage
        assert c.template == "上海" and c.doc_type in ("部门决算", "部门预算"), name
        if name == TEMPLATE:
            continue  # the province's blank template: what it holds is not a disclosure
        _assert_all_tables_found(c)
        assert all(t.pages for t in c.tables), name  # PDFs: each table with its pages
        assert not c.low_coverage, (name, c.low_coverage_reasons)
        assert c.pages == [], name  # every page has a text layer
    budget = real["上海市普陀区人民政府万里街道办事处25年预算"].coverage
    assert [(t.label, t.title, t.pages) for t in budget.tables[:2]] == [
        ("收入支出总表", "2025年部门财务收支预算总表", [9]),
        ("收入表", "2025年部门收入预算总表", [10, 11, 12, 13]),
    ]


def test_every_sample_finds_the_standard_tables_of_its_type(sample_pdfs):
    for name in ("000_4aab53e2ab223d76", "002_78b07d84ccf1ecd6", "003_f8e6bfb918ad5980"):
        c = sample_pdfs[name].coverage
        _assert_all_tables_found(c)
        assert not c.low_coverage, (name, c.low_coverage_reasons)
    # a performance evaluation report: no standard tables are required of it
    report = sample_pdfs["004_2958b8ff77e9055f"].coverage
    assert (report.doc_type, report.tables, report.low_coverage) == ("绩效评价报告", [], False)
    # 邻水县医疗保障局 publishes no table at all (its 附表 list names fourteen; the hand audit's
    # annex-tables-missing): nothing of its text could be checked against a table
    c = sample_pdfs["001_5a7f61d3c3cbf9f1"].coverage
    assert c.tables_found == 0 and len(c.tables) == 9
    assert c.low_coverage_reasons == [
        "9 张应公开的报表未找到（收入支出总表、收入表、支出表、财政拨款收入支出总表、一般公共预算财政拨款支出表、"
        "一般公共预算财政拨款基本支出明细表、“三公”经费支出表、政府性基金预算财政拨款收入支出表、国有资本经营预算财政拨款支出表）",
        "文中说明报表数的金额 38 个，只有 0 个在报表中找到对应单元格",
    ]
    summaries = {name: a.coverage.summary() for name, a in sample_pdfs.items()}
    assert summaries == {
        "000_4aab53e2ab223d76": "9/9 表，231 项核对，13 未通过，98% 文字数字已对应",
        "001_5a7f61d3c3cbf9f1": "0/9 表，60 项核对，12 未通过，0% 文字数字已对应",
        "002_78b07d84ccf1ecd6": "9/9 表，319 项核对，16 未通过，71% 文字数字已对应",
        "003_f8e6bfb918ad5980": "9/9 表，88 项核对，1 未通过，79% 文字数字已对应",
        "004_2958b8ff77e9055f": "8 项核对，1 未通过",
    }


def test_a_failed_case_points_at_its_finding(sample_pdfs):
    a = sample_pdfs["002_78b07d84ccf1ecd6"]
    fingerprints = {f.fingerprint for f in a.findings}
    failed = [x for k in a.coverage.checks for x in k.failures]
    assert len(failed) == a.coverage.failed == 16
    assert all(x.finding.fingerprint in fingerprints for x in failed)


def test_pages_without_a_text_layer(sample_text_docs):
    """Pages read by OCR are listed (their text may be wrong); pages not read at all make the
    coverage low: what they hold is unknown. The reader gives one warning per kind, its pages as
    ranges."""
    from copy import deepcopy

    from audit_assist.coverage import UnreadPages
    from audit_assist.pipeline import analyse_document

    doc = deepcopy(sample_text_docs["002_78b07d84ccf1ecd6"])
    doc.warnings += ["第3、5页没有文字层，已OCR识别（结果可能有误，请核对原件）", "第7–9页没有文字层，需OCR"]
    doc.ocr_pages += [3, 5, 7, 8, 9]  # OCR ran on all five; it found nothing on pages 7 to 9
    c = analyse_document(doc).coverage
    assert c.pages == [
        UnreadPages([3, 5], "没有文字层，已OCR识别（结果可能有误，请核对原件）", True),
        UnreadPages([7, 8, 9], "没有文字层，需OCR", False),
    ]
    assert c.low_coverage_reasons == ["第 7–9 页未能读取"]
    assert c.to_json()["unread_pages"][1] == {"pages": [7, 8, 9], "reason": "没有文字层，需OCR", "ocr": False}


# ------------------------------------------------------------------ the app


def test_the_coverage_page_lists_the_checks_and_opens_a_failed_case(sample_pdfs, own_store):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600).run()
    at.switch_page("ui/coverage.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "覆盖情况"
    # the document with low coverage comes first, and says why
    low = sample_pdfs["001_5a7f61d3c3cbf9f1"].coverage
    assert at.selectbox(key="coverage_doc").value == sample_pdfs["001_5a7f61d3c3cbf9f1"].doc.sha256
    assert at.error[0].value.startswith("**覆盖不足，需人工审阅**：9 张应公开的报表未找到")
    tables = at.dataframe[0].value
    assert list(tables["结果"]) == ["✘ 未找到"] * 9 and list(tables["报表"]) == [t.label for t in low.tables]

    a = sample_pdfs["002_78b07d84ccf1ecd6"]
    c = a.coverage
    at.selectbox(key="coverage_doc").set_value(a.doc.sha256).run()
    assert at.success[0].value == f"覆盖充分：{c.summary()}。"
    assert [m.value for m in at.metric] == ["9/9", str(c.checked), str(c.failed), f"{len(c.linked)}/{c.about_tables}"]
    checks = at.dataframe[1].value
    assert list(checks["核对"]) == [k.name for k in c.checks]
    assert list(checks["通过"].fillna(-1)) == [-1 if k.passed is None else k.passed for k in c.checks]
    failing = [k for k in c.checks if k.failures]
    assert [e.label for e in at.expander][: len(failing)] == [f"{k.rule} {k.name}：{len(k.failures)} 项未通过" for k in failing]
    # the amounts stating a table quantity that found no cell, with their sentences
    sought = at.dataframe[2].value
    assert list(sought["所在句子"]) == [f.sentence for f in c.sought]
    # a failed case opens its finding on 详情
    first = failing[0].failures[0].finding
    at.button(key="cov_0_0").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["current"] == f"{a.doc.sha256[:12]}:{first.fingerprint}"
    assert at.title[0].value == "详情"


# ------------------------------------------------------------------ renamed and stripped tables


def _variants() -> dict[str, str]:
    """Sample 002 (a clean read: 9/9 tables) with its table titles renamed to a bare "附表", and
    with its tables stripped (every tab-separated line dropped)."""
    text = (SAMPLES / "002_78b07d84ccf1ecd6.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    return {
        "renamed.txt": "\n".join("附表" if line.strip() in TABLE_TITLES else line for line in lines),
        "stripped.txt": "\n".join(line for line in lines if "\t" not in line),
    }


def test_renamed_or_stripped_tables_give_low_coverage_instead_of_a_clean_document():
    original = analyse_bytes((SAMPLES / "002_78b07d84ccf1ecd6.txt").read_bytes(), "002_78b07d84ccf1ecd6.txt")
    renamed, stripped = (analyse_bytes(t.encode("utf-8"), n) for n, t in _variants().items())
    assert not original.coverage.low_coverage
    # renamed: the tables a title alone tells apart (which money a function-code table covers)
    # are no longer recognised, and with them most of the text's amounts lose their cell
    assert renamed.coverage.low_coverage_reasons == [
        "3 张应公开的报表未找到（一般公共预算财政拨款支出表、政府性基金预算财政拨款收入支出表、国有资本经营预算财政拨款支出表）",
        "文中说明报表数的金额 45 个，只有 18 个在报表中找到对应单元格",
    ]
    assert stripped.coverage.low_coverage_reasons == [
        "9 张应公开的报表未找到（收入支出总表、收入表、支出表、财政拨款收入支出总表、一般公共预算财政拨款支出表、"
        "一般公共预算财政拨款基本支出明细表、“三公”经费支出表、政府性基金预算财政拨款收入支出表、国有资本经营预算财政拨款支出表）",
        "文中说明报表数的金额 43 个，只有 0 个在报表中找到对应单元格",
    ]

    # the misstatement the tables show in the original (行政运行 "支出决算为596万元" against 596.04 in
    # 公开05表) is gone from both: without the flag they would come back clean of table findings
    def serious(a):
        return [
            f.rule
            for f in a.findings
            if f.category in ("footing", "cross_table", "narrative_vs_table") and f.severity.value in ("high", "medium")
        ]

    assert serious(original) == ["TXT001"]
    assert serious(renamed) == serious(stripped) == []


# ------------------------------------------------------------------ CLI: --coverage, the xlsx sheet, the summary


def _scan(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    folder = tmp_path / "docs"
    folder.mkdir(exist_ok=True)
    for name in SAMPLE_NAMES:
        (folder / f"{name}.txt").write_bytes((SAMPLES / f"{name}.txt").read_bytes())
    for name, text in _variants().items():
        (folder / name).write_text(text, encoding="utf-8")
    cmd = [sys.executable, "-m", "audit_assist.cli", "scan", str(folder), "--results", str(tmp_path / "r.db"), *args]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=900)


CONTRACT_KEYS = {"doc", "type", "template", "tables", "checks", "figures", "unread_pages", "low_coverage"}


def test_scan_writes_one_coverage_record_per_document_in_the_contract_shape(tmp_path):
    out = tmp_path / "coverage.jsonl"
    res = _scan(tmp_path, "--coverage", str(out), "--out", str(tmp_path / "findings.jsonl"))
    assert res.returncode == 0, res.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    names = [*(f"{n}.txt" for n in SAMPLE_NAMES), "renamed.txt", "stripped.txt"]
    assert [r["doc"] for r in records] == names
    findings = [json.loads(line) for line in (tmp_path / "findings.jsonl").read_text(encoding="utf-8").splitlines()]
    fingerprints = {f["fingerprint"] for f in findings}
    for r in records:
        assert CONTRACT_KEYS <= set(r)
        assert isinstance(r["type"], str) and isinstance(r["template"], str) and isinstance(r["low_coverage"], bool)
        for t in r["tables"]:
            assert set(t) >= {"kind", "found", "title", "pages"} and isinstance(t["found"], bool)
            assert (t["title"] is None) == (not t["found"]) and isinstance(t["pages"], list)
        for k in r["checks"]:
            assert set(k) >= {"rule", "name", "passed", "failed", "not_applicable"}
            counted = [k["passed"], k["failed"], k["not_applicable"]]
            # a rule that does not enumerate its cases: applied, with its findings count only
            assert all(isinstance(v, int) for v in counted) or (counted == [None] * 3 and isinstance(k["findings"], int))
            assert all(f["fingerprint"] in fingerprints for f in k.get("failures", []))
        assert isinstance(r["figures"]["amounts"], int) and isinstance(r["figures"]["linked"], int)
        assert r["unread_pages"] == []
    by_doc = {r["doc"]: r for r in records}
    assert [r["low_coverage"] for r in records] == [False, True, False, False, False, True, True]
    sample = by_doc["002_78b07d84ccf1ecd6.txt"]
    assert (sample["type"], sample["template"]) == ("部门决算", "湖南")
    assert sample["tables"][0] == {
        "kind": "收入支出总表",
        "found": True,
        "title": "收入支出决算总表",
        "number": "公开01表",
        "pages": [],
    }
    hierarchy = next(k for k in sample["checks"] if k["rule"] == "SUM002" and k["name"] == "合计 = Σ类")
    # 公开02、03、05、08表, three amount columns each; 03表 and 05表 合计 only within rounding (52,889.12
    # and 52,738.73 against their classes' sums)
    assert [hierarchy[k] for k in ("passed", "failed", "not_applicable", "rounding")] == [12, 0, 0, 2]
    assert sample["figures"]["amounts"] == 129 and sample["figures"]["linked"] == 32
    assert "覆盖情况：充分 4 个，不足 3 个（需人工审阅）" in res.stderr
    assert "覆盖不足，需人工审阅：stripped.txt：9 张应公开的报表未找到" in res.stderr


def test_the_xlsx_export_has_a_coverage_sheet(tmp_path):
    from openpyxl import load_workbook

    from audit_assist.export import COVERAGE_HEADERS, coverage_lines

    cov = tmp_path / "coverage.jsonl"
    res = _scan(tmp_path, "--out", str(tmp_path / "findings.xlsx"), "--coverage", str(cov))
    assert res.returncode == 0, res.stderr
    wb = load_workbook(tmp_path / "findings.xlsx")
    assert wb.sheetnames == ["发现", "覆盖情况"]
    sheet = list(wb["覆盖情况"].iter_rows(values_only=True))
    assert list(sheet[0]) == COVERAGE_HEADERS
    records = [json.loads(line) for line in cov.read_text(encoding="utf-8").splitlines()]
    assert [list(r) for r in sheet[1:]] == [[v if v != "" else None for v in line] for line in coverage_lines(records)]
    stripped = [r for r in sheet[1:] if r[0] == "stripped.txt"]
    assert stripped[:4] == [
        ("stripped.txt", "概况", "文件类型", "部门决算", None, None, None, None, None, None),
        ("stripped.txt", "概况", "模板", "未识别（把握 0%）", None, None, None, None, None, "未识别出省份模板"),
        (
            "stripped.txt",
            "概况",
            "覆盖",
            "覆盖不足，需人工审阅",
            None,
            None,
            None,
            None,
            None,
            "9 张应公开的报表未找到（收入支出总表、收入表、支出表、财政拨款收入支出总表、一般公共预算财政拨款支出表、"
            "一般公共预算财政拨款基本支出明细表、“三公”经费支出表、政府性基金预算财政拨款收入支出表、国有资本经营预算财政拨款支出表）；"
            "文中说明报表数的金额 43 个，只有 0 个在报表中找到对应单元格",
        ),
        ("stripped.txt", "概况", "文字中的金额", "0/43 个报表数已对应", None, None, None, None, None, "文中金额共 129 个"),
    ]
    tables = [r for r in stripped if r[1] == "报表"]
    assert len(tables) == 9 and {r[3] for r in tables} == {"未找到"}
    sample = {r[2]: r for r in sheet[1:] if r[0] == "002_78b07d84ccf1ecd6.txt" and r[1] == "核对"}
    assert sample["SUM002 合计 = Σ类"][3:8] == ("通过", 12, 0, 0, 2)
    assert sample["CMP001 应公开的报表已找到"][3:8] == ("通过", 9, 0, 0, 0)
