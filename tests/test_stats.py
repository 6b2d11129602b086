"""The statistical rules (STA001–STA005), their corpus baseline and the ranking.

- every rule's fixture cases (tests/fixtures/stats/STA00x.yml), the docstring's Fails / Passes
  examples among them;
- the hand-audited errors of the sample documents in the rules' categories, with exact values;
- generated documents: each injected anomaly of a rule's kinds is found by that rule, and clean
  documents get no more high/medium statistical findings than today (tests/support/generator);
- the baseline: JSON round trip, corpus mode, the ``--baseline`` option of ``scan``;
- ranking: one score, findings of one root cause merged.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from support.detection import squash
from support.generator import generate

from detectors.ranking import merge, rank, score
from detectors.stats import RULES
from detectors.stats.baseline import CONTAMINATION, Baseline, default_baseline, using_baseline
from detectors.stats.corpus import analyse_corpus, corpus_baseline
from extract import load_bytes
from models import Evidence, Finding, Severity

FIXTURES = Path(__file__).parent / "fixtures" / "stats"
BY_CODE = {cls.code: cls for cls in RULES}


# ---------------------------------------------------------------------------------- fixtures


def _table(p: dict) -> str:
    budget, executed = Decimal(p["budget"]), Decimal(p["executed"])
    fiscal = p.get("fiscal_executed", p["executed"])
    rate = p.get("rate") or f"{(executed / budget * 100).quantize(Decimal('0.01'))}%"
    rows = [
        "2023年度项目支出绩效自评表",
        "",
        f"项目支出名称\t{p['name']}\t\t\t\t\t\t",
        "项目资金(万元)\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分",
        f"\t年度资金总额\t{budget}\t{budget}\t{executed}\t10\t{rate}\t10",
        f"\t其中：当年财政拨款\t{budget}\t{budget}\t{fiscal}\t\t\t",
        "年度总体目标\t预期目标\t\t\t实际完成情况\t\t\t",
        f"\t{p.get('goal', '保障' + p['name'] + '按计划实施')}\t\t\t{p.get('actual', p['name'] + '已按计划实施完成')}\t\t\t",
        "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分",
        "\t产出指标\t数量指标\t服务人次\t≥2\t2\t90\t90",
        "\t总分\t\t\t\t\t100\t100",
        "",
    ]
    return "\n".join(rows)


def case_document(case: dict, name: str = "case.txt"):
    parts = [_table(p) for p in case.get("projects", [])] + list(case.get("lines", []))
    return load_bytes("\n".join(parts).encode("utf-8"), name)


def _cases() -> list[tuple[str, str, dict]]:
    out = []
    for path in sorted(FIXTURES.glob("STA*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for name, case in data["cases"].items():
            out.append((data["rule"], name, case))
    return out


CASES = _cases()


@pytest.mark.parametrize(("code", "name", "case"), CASES, ids=[f"{c}-{n}" for c, n, _ in CASES])
def test_rule_fixture_case(code, name, case):
    found = list(BY_CODE[code]().check(case_document(case)))
    expected = case["expect"]
    assert len(found) == len(expected), [f.message for f in found]
    for f, want in zip(found, expected):
        assert f.rule == code
        if "severity" in want:
            assert f.severity == Severity(want["severity"]), f.message
        if "category" in want:
            assert f.category == want["category"]
        for k, v in want.get("values", {}).items():
            assert Decimal(str(f.values[k])) == Decimal(str(v)), (k, f.values)
        for text in want.get("message_has", []):
            assert text in f.message, f.message
        if "evidence" in want:
            assert len(f.evidence) == want["evidence"]


@pytest.mark.parametrize("code", sorted(BY_CODE))
def test_docstring_examples_are_fixture_cases(code):
    """The Fails / Passes examples of the rule page are the fixture cases marked with them: every
    figure of the example (outside its parenthesised comment) is in the case's document."""
    sections = BY_CODE[code].doc_sections()
    assert {"What it checks", "Why an auditor cares", "Fails", "Passes"} <= set(sections)
    marked = {case["docstring"]: case for c, _, case in CASES if c == code and "docstring" in case}
    assert set(marked) == {"Fails", "Passes"}
    for section, case in marked.items():
        example = re.sub(r"[(（][^)）]*[)）]", "", sections[section])
        text = "".join(case_document(case).text.split()) + "".join(_table(p) for p in case.get("projects", []))
        for number in re.findall(r"\d+(?:\.\d+)?", example):
            assert number in text, (section, number)
        assert (section == "Fails") == bool(case["expect"])


# ---------------------------------------------------------------------------------- samples


def _of(findings, code):
    return [f for f in findings if f.rule == code]


@pytest.fixture(scope="module")
def sample_findings(sample_text_docs):
    return {name: [f for cls in RULES for f in cls().check(doc)] for name, doc in sample_text_docs.items()}


def test_000_execution_outliers_and_claims(sample_findings):
    fs = _of(sample_findings["000_4aab53e2ab223d76"], "STA001")
    rates = {f.message.split("：")[0]: (f.severity.value, f.values["rate"]) for f in fs if f.category == "execution_rate_outlier"}
    assert rates == {
        "项目 离休人员医药费": ("high", Decimal("41.76")),
        "项目 区级扶贫捐款专项资金": ("high", Decimal("20.06")),
    }
    lixiu = next(f for f in fs if "离休人员医药费" in f.message and f.category == "execution_rate_outlier")
    assert (lixiu.values["stated"], lixiu.values["expected"], lixiu.values["median"]) == (
        Decimal("10.44"),
        Decimal("25"),
        Decimal("100.00"),
    )
    # the table row, the 基础数据表 row and the report's two sentences: one observation
    assert {e.table for e in lixiu.evidence} == {"T12", "T10", ""}
    claim = next(f for f in fs if f.category == "narrative_vs_table")
    assert claim.severity == Severity.medium and claim.values["contradicting"] == 2
    assert "其他均完成" in " ".join(e.text for e in claim.evidence)


def test_000_copied_lixiu_goal_is_one_finding(sample_findings):
    fs = _of(sample_findings["000_4aab53e2ab223d76"], "STA002")
    lixiu = [f for f in fs if "做好全区离休干部医药待遇支出保障工作" in f.message]
    assert len(lixiu) == 1
    f = lixiu[0]
    assert f.severity == Severity.high and f.values["projects"] == 3 and f.values["misplaced"] == 2
    assert [e.table for e in f.evidence] == ["T12", "T13", "T14"]
    assert "该目标写的是“离休人员医药费”的内容" in f.message
    assert "2022年中央财政医疗救助补助资金" in f.message and "2022年城乡居民医疗救助区级财政配套资金" in f.message
    # the two 医疗救助 projects' indicator blocks are copies of each other
    block = next(f for f in fs if f.title == "绩效指标照搬其他项目")
    assert (block.values["identical"], block.values["indicators"]) == (8, 10)
    # 扶贫 goal left as its own 实际完成情况
    assert any("区级扶贫捐款专项资金" in f.message and "一字不差" in f.message for f in fs)


def test_000_coverage_rate_over_100(sample_findings):
    (f,) = _of(sample_findings["000_4aab53e2ab223d76"], "STA004")
    assert (f.values["stated"], f.values["difference"]) == (Decimal("102.02"), Decimal("2.02"))
    assert f.severity == Severity.medium and len(f.evidence) == 2  # narrative and attachment
    # 医疗救助任务127%超额完成 is a completion rate: not reported


def test_001_decimal_shift_and_overspend(sample_findings):
    fs = sample_findings["001_5a7f61d3c3cbf9f1"]
    (shift,) = _of(fs, "STA003")
    assert (shift.values["stated"], shift.values["expected"], shift.values["factor"]) == (
        Decimal("365"),
        Decimal("36.5"),
        Decimal("10"),
    )
    assert shift.severity == Severity.high
    assert {e.table for e in shift.evidence} == {"T06", "T13"}  # both tables repeat the shift
    over = [f for f in _of(fs, "STA001") if f.category == "execution_rate_outlier"]
    assert [(f.values["stated"], f.values["expected"], f.values["rate"], f.severity.value) for f in over] == [
        (Decimal("606.19"), Decimal("500"), Decimal("121.24"), "high")
    ]
    (staff,) = _of(fs, "STA005")
    assert (staff.values["stated"], staff.values["expected"]) == (Decimal("16"), Decimal("13"))
    goals = [f for f in _of(fs, "STA002") if "一字不差" in f.message]
    assert len(goals) == 5  # five of six projects repeat the goal as the result (each printed twice)
    assert any("离休干部医疗救助政策的延续的必要性" in f.message for f in _of(fs, "STA002"))


def test_002_yuan_budget_multiple_and_staffing(sample_findings):
    fs = sample_findings["002_78b07d84ccf1ecd6"]
    (yuan,) = _of(fs, "STA003")
    assert yuan.values["stated"] == Decimal("10434") and yuan.severity == Severity.medium
    assert "12366 − 10434 = 1932" in yuan.message
    rates = {f.values["rate"]: f.severity.value for f in _of(fs, "STA001")}
    # 496.42% of the 年初预算 is shown, at low: the text explains it ("追加了经费"), DOMAIN.md
    assert rates[Decimal("12238.35")] == "high" and rates[Decimal("496.42")] == "low"
    explained = next(f for f in _of(fs, "STA001") if f.values["rate"] == Decimal("496.42"))
    assert "（文中说明的原因：“追加了经费”）" in explained.message
    top = next(f for f in _of(fs, "STA001") if f.values["rate"] == Decimal("12238.35"))
    assert top.values["zero_budget_lines"] == 8
    staff, offices = _of(fs, "STA005")
    assert (staff.values["stated"], staff.values["expected"]) == (Decimal("32"), Decimal("47"))
    assert offices.message == "内设机构数前后不一致：内设行政股室一处8个、另一处6个；内设业务股室一处5个、另一处6个"


def test_003_staffing_indicator(sample_findings):
    (f,) = _of(sample_findings["003_f8e6bfb918ad5980"], "STA005")
    assert (f.values["stated"], f.values["expected"]) == (Decimal("15"), Decimal("14"))
    assert "（14、18）" in f.message


def test_004_yuan_coverage_and_narrative_outlier(sample_findings):
    fs = sample_findings["004_2958b8ff77e9055f"]
    (yuan,) = _of(fs, "STA003")
    assert (yuan.values["stated"], yuan.values["expected"]) == (Decimal("8656045.5"), Decimal("865.60"))
    (cov,) = _of(fs, "STA004")
    assert cov.values["stated"] == Decimal("107.48")
    out = next(f for f in _of(fs, "STA001") if f.category == "execution_rate_outlier")
    # paired from prose without a printed rate: medium, not high
    assert (out.values["rate"], out.severity) == (Decimal("36.67"), Severity.medium)
    claim = next(f for f in _of(fs, "STA001") if f.category == "narrative_vs_table")
    assert "严格有序" in claim.message


def test_samples_top_five_hold_the_named_errors(sample_text_docs):
    from audit_assist.pipeline import analyse_document

    top = {n: analyse_document(d).findings[:5] for n, d in sample_text_docs.items()}
    msgs = {n: " ".join(f.message for f in fs) for n, fs in top.items()}
    assert "执行率41.76%" in msgs["000_4aab53e2ab223d76"] and "执行率20.06%" in msgs["000_4aab53e2ab223d76"]
    assert "做好全区离休干部医药待遇支出保障工作" in msgs["000_4aab53e2ab223d76"]
    assert "相差10倍" in msgs["001_5a7f61d3c3cbf9f1"]
    assert "12238.35%" in msgs["002_78b07d84ccf1ecd6"] and "10434" in msgs["002_78b07d84ccf1ecd6"]
    assert "36.67%" in msgs["004_2958b8ff77e9055f"]


# ---------------------------------------------------------------------------------- generated

RECALL_KINDS = {
    "exec_outlier": "STA001",
    "copy_goal": "STA002",
    "goal_equals_actual": "STA002",
    "decimal_shift": "STA003",
    "yuan_among_wan": "STA003",
    "ratio_over_100": "STA004",
    "staffing": "STA005",
}
PER_KIND = 8  # 7 kinds × 8 = 56 injected documents
CLEAN = 60
# Today's figures on the generator of issue 12, whose documents carry legitimate irregularities
# (extremes the text explains, other funding sources, carry-overs) and coverage rates under more
# names: what is found must stay found, the alarms may not grow. The checks half of issue 12
# brings them to its targets (every planted error found, < 0.1 high/medium alarm per clean document).
MISSED_TODAY = {("decimal_shift", 6), ("ratio_over_100", 3), ("ratio_over_100", 4)}
ALARMS_TODAY = 103


def _stat_findings(doc):
    return [f for cls in RULES for f in cls().check(doc)]


def test_generated_recall_and_clean_false_alarms():
    t0 = time.time()
    recall: dict[str, list[int]] = {}
    misses = []
    for kind, code in RECALL_KINDS.items():
        for seed in range(PER_KIND):
            g = generate(seed, [kind])
            (inj,) = g.injections
            doc = load_bytes(g.text.encode("utf-8"), g.name)
            needle = squash(inj.needle)
            hit = any(
                f.rule == code
                and f.category == inj.category
                and any(needle in squash(e.text) or squash(e.text) in needle for e in f.evidence)
                for f in _stat_findings(doc)
            )
            recall.setdefault(kind, []).append(int(hit))
            if not hit:
                misses.append((kind, seed, inj.description))
    alarms = []
    for seed in range(1000, 1000 + CLEAN):
        g = generate(seed)
        doc = load_bytes(g.text.encode("utf-8"), g.name)
        alarms += [(seed, f.rule, f.message) for f in _stat_findings(doc) if f.severity in (Severity.high, Severity.medium)]
    rate = len(alarms) / CLEAN
    by_detector: dict[str, list[int]] = {}
    for kind, hits in recall.items():
        by_detector.setdefault(RECALL_KINDS[kind], []).extend(hits)
    print(f"\nrecall on {PER_KIND * len(RECALL_KINDS)} injected documents:")
    for kind, hits in recall.items():
        print(f"  {RECALL_KINDS[kind]} {kind:20} {sum(hits)}/{len(hits)}")
    for code, hits in sorted(by_detector.items()):
        print(f"  {code} overall {sum(hits)}/{len(hits)} = {sum(hits) / len(hits):.0%}")
    print(f"high/medium statistical findings per clean document: {len(alarms)}/{CLEAN} = {rate:.3f}  ({time.time() - t0:.1f} s)")
    assert {(kind, seed) for kind, seed, _ in misses} <= MISSED_TODAY, misses
    assert len(alarms) <= ALARMS_TODAY, alarms


# ---------------------------------------------------------------------------------- baseline


@pytest.fixture(scope="module")
def generated_docs():
    return [load_bytes(g.text.encode("utf-8"), g.name) for g in (generate(s) for s in range(2000, 2030))]


def test_default_baseline_is_fitted_and_documented():
    b = default_baseline()
    assert "clean generated documents" in b.description
    r = b.rates
    assert r.threshold_ is not None and 0 < r.threshold_ < 1 and len(r.training_) >= 100
    assert r.contamination == CONTAMINATION == 0.01
    lo, hi = r.band_["project"]
    assert 80 < lo < 100 <= hi < 101  # clean projects execute 92 %–100 % of their budget
    assert b.text.shared_  # indicators every project carries (满意度, 长效工作机制 …)


def test_baseline_json_round_trip(tmp_path, generated_docs):
    b = Baseline.fit(generated_docs, prior=default_baseline())
    path = tmp_path / "b.json"
    b.save(path)
    again = Baseline.load(path)
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == 1
    assert again.rates.band_ == b.rates.band_ and again.rates.threshold_ == b.rates.threshold_
    from detectors.stats.rates import document_scale, rate_observations

    doc = generated_docs[0]
    obs = rate_observations(doc)
    # the forest is rebuilt from the stored sample with the same seed: the same scores
    assert again.rates.score(obs, document_scale(doc)) == b.rates.score(obs, document_scale(doc))


def test_too_small_corpus_keeps_the_default_rates(sample_text_docs):
    b = Baseline.fit(list(sample_text_docs.values()), prior=default_baseline())
    assert b.rates is default_baseline().rates  # five documents cannot say what is normal


def test_corpus_mode_finds_a_passage_copied_from_another_department(generated_docs):
    a, b = generated_docs[3], generated_docs[4]
    assert a.department != b.department
    donor = next(p.goal_expected for p in a.projects if p.goal_expected)
    g = generate(2004)
    target = next(p["goal_expected"] for p in g.facts["projects"])
    copied = load_bytes(g.text.replace(target, donor).encode("utf-8"), "copied.txt")
    corpus = [*generated_docs[:4], copied, *generated_docs[5:]]
    baseline = corpus_baseline(corpus)
    results = analyse_corpus([copied], baseline, analyse=_stat_findings)
    cross = [f for f in results[0] if f.title == "与其他部门或年度的文件文字相同"]
    assert any(a.name in f.message for f in cross), [f.message for f in cross]
    with using_baseline(None):  # outside corpus mode nothing is known about other documents
        assert not [f for f in _stat_findings(copied) if f.title == "与其他部门或年度的文件文字相同"]


def test_scan_baseline_option_saves_then_reuses(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for s in range(3):
        g = generate(3000 + s, ["exec_outlier"] if s == 0 else [])
        (folder / g.name).write_text(g.text, encoding="utf-8")
    bl = tmp_path / "baseline.json"
    cli = [sys.executable, "-m", "audit_assist.cli", "scan", str(folder), "--baseline", str(bl)]
    first = subprocess.run(cli, capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert first.returncode == 0, first.stderr
    assert json.loads(bl.read_text(encoding="utf-8"))["documents"] == 3
    stamp = bl.stat().st_mtime_ns
    second = subprocess.run(cli, capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert second.returncode == 0 and bl.stat().st_mtime_ns == stamp  # reused, not refitted
    assert second.stdout == first.stdout
    rows = [json.loads(x) for x in first.stdout.splitlines()]
    assert any(r["rule"] == "STA001" and r["severity"] == "high" for r in rows)
    bad = tmp_path / "bad.json"
    bad.write_text('{"version": 99}', encoding="utf-8")
    broken = subprocess.run([*cli[:-1], str(bad)], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert broken.returncode == 2 and "错误：bad.json：语料基线文件无法读取（baseline version 99 is not 1）" in broken.stderr


# ---------------------------------------------------------------------------------- ranking


def _f(
    rule, severity="high", *, stated=None, expected=None, table="T01", row=3, category="footing", conf=0.95, mat=0.0, anomaly=0.0
):
    values = {k: Decimal(v) for k, v in (("stated", stated), ("expected", expected)) if v is not None}
    return Finding(
        rule, category, Severity(severity), rule, f"{rule} message", [Evidence("a\tb", 1, None, "stated", table, row)], values,
        confidence=conf, materiality=mat, anomaly=anomaly, key=rule,
    )  # fmt: skip


def test_score_points_one_way():
    assert score(_f("A", "high")) > score(_f("A", "medium")) > score(_f("A", "low")) > score(_f("A", "info"))
    assert score(_f("A", mat=0.3)) > score(_f("A", mat=0.001)) > score(_f("A"))
    assert score(_f("A", anomaly=1.0)) > score(_f("A"))
    # an outlying rate with no money at stake ranks with a material error, not above all of them
    assert score(_f("A", anomaly=1.0)) < score(_f("B", mat=0.3))
    assert score(_f("A", conf=0.5)) < score(_f("A", conf=0.9))


def test_rank_merges_one_root_cause():
    shift = _f("STA003", stated="365", expected="36.5", category="unit_or_decimal_shift", anomaly=1.0)
    outlier = _f("STA001", stated="365", expected="36.5", category="execution_rate_outlier", anomaly=1.0)
    other_row = _f("SUM001", stated="365", expected="36.5", row=9)
    different_case = _f("PRF001", stated="365", expected="40", category="perf_score")
    ranked = rank([outlier, other_row, shift, different_case])
    assert [f.rule for f in ranked].count("STA001") + [f.rule for f in ranked].count("STA003") == 1
    host = next(f for f in ranked if f.rule in ("STA001", "STA003"))
    assert "同时检出" in host.message and host.confidence > 0.95
    assert {f.rule for f in ranked} >= {"SUM001", "PRF001"}
    assert [f.score for f in ranked] == sorted((f.score for f in ranked), reverse=True)


def test_merge_same_rule_same_rows():
    a, b = _f("TXT002", stated="11775", expected="7147.37"), _f("TXT002", stated="11220.24", expected="6786.23")
    b.key = "other"
    (m,) = merge([a, b])
    assert "；TXT002 message" in m.message


def test_merge_a_row_difference_summed_up_in_its_total():
    def cross(rule, severity, rows, difference):
        f = _f(rule, severity, stated="1", expected="1", category="cross_table")
        f.values = {"stated": Decimal(0), "expected": Decimal(0), "difference": Decimal(difference)}
        f.evidence = [Evidence("a\tb", 1, None, "stated", t, r) for t, r in rows]
        return f

    row = cross("XTB001", "high", [("T02", 7), ("T03", 7)], "0.5")
    total = cross("XTB003", "low", [("T01", 12), ("T02", 20)], "-0.5")
    other_total = cross("XTB003", "low", [("T01", 27), ("T03", 20)], "0.7")
    elsewhere = cross("XTB008", "low", [("T05", 3), ("T06", 4)], "0.5")
    ranked = rank([total, row, other_total, elsewhere])
    assert [f.rule for f in ranked].count("XTB001") == 1 and len(ranked) == 3
    host = next(f for f in ranked if f.rule == "XTB001")
    assert "XTB003同时检出" in host.message and {e.table for e in host.evidence} == {"T01", "T02", "T03"}
