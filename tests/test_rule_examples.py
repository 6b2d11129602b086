"""Every rule's examples, kept as data in ``tests/fixtures/rules/<CODE>.yml`` and run by one test.

Each fixture names a rule and lists cases: a minimal document (text in the shapes the sample
documents print: tab-separated tables under their title / 公开表 number / unit lines, one narrative
paragraph per line) — or, for a rule over a family of documents, several (``docs``: file name →
text) — and what the rule must say about it. A ``fail`` case lists the findings that must
be reported (rule, and severity / category / values such as ``stated`` and ``expected`` when given);
a ``pass`` case must give no finding at all, or only ``info`` ones when it says ``allow_info: true``.
A case the rule gets wrong carries ``xfail: "reason"``: it is reported as a known bug and turns into
a failure as soon as the rule is fixed, so the marker cannot outlive the bug.

The documents keep the trailing tabs of empty cells exactly as the samples print them: an editor
that strips trailing whitespace turns a row such as "合计<TAB><TAB>" into a paragraph and changes what
the extractor reads.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from detectors.registry import ALL_RULES
from extract import load_bytes
from models import Finding, Severity

FIXTURES = Path(__file__).parent / "fixtures" / "rules"
RULES = {cls.code: cls for cls in ALL_RULES}
SECTIONS = ("What it checks", "Why an auditor cares", "Fails", "Passes")
REPORTED = {Severity.high, Severity.medium, Severity.low}
TOLERANCE = 1e-9
# keys of an expected finding that are compared with the finding's attributes, not its values
ATTRIBUTES = {"rule", "severity", "category", "message_contains"}


def _load_fixtures() -> dict[str, dict]:
    out = {}
    for path in sorted(FIXTURES.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        out[path.stem] = data
    return out


FIXTURE_DATA = _load_fixtures()


def _cases() -> list:
    params = []
    for data in FIXTURE_DATA.values():
        for case in data.get("cases") or []:
            marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if case.get("xfail") else []
            params.append(pytest.param(data["rule"], case, id=f"{data['rule']}::{case['name']}", marks=marks))
    return params


def _run(code: str, case: dict) -> list[Finding]:
    if "docs" in case:  # a rule over a family of documents: one text per file name
        from audit_assist.families import analyse_families

        docs = [load_bytes(text.encode("utf-8"), name) for name, text in case["docs"].items()]
        rule = RULES[code]()
        families = analyse_families(docs).families
        by_name = {d.name: d for d in docs}
        return [f for family in families for f in rule.check_family(family, by_name)]
    doc = load_bytes(case["doc"].encode("utf-8"), "x.txt")
    return list(RULES[code]().check(doc))


def _same_number(actual, expected) -> bool:
    if actual is None or expected is None:
        return actual is None and expected is None
    return abs(float(Decimal(str(actual))) - float(Decimal(str(expected)))) <= TOLERANCE


def _matches(f: Finding, want: dict) -> bool:
    if f.rule != want["rule"]:
        return False
    if "severity" in want and f.severity.value != want["severity"]:
        return False
    if "category" in want and f.category != want["category"]:
        return False
    if "message_contains" in want and want["message_contains"] not in f.message:
        return False
    for key, value in want.items():
        if key in ATTRIBUTES:
            continue
        if key not in f.values or not _same_number(f.values[key], value):
            return False
    return True


def _describe(findings: list[Finding]) -> str:
    if not findings:
        return "  (no findings)"
    lines = []
    for f in findings:
        values = {k: str(v) for k, v in f.values.items()}
        lines.append(f"  {f.rule} {f.severity.value} {f.category} {values} {f.message}")
    return "\n".join(lines)


@pytest.mark.parametrize(("code", "case"), _cases())
def test_rule_example(code: str, case: dict) -> None:
    assert code in RULES, f"{code} is not in detectors.registry.ALL_RULES"
    findings = _run(code, case)
    if case["expect"] == "fail":
        for want in case["findings"]:
            assert any(_matches(f, want) for f in findings), f"expected {want} among:\n{_describe(findings)}"
    else:
        allowed = {Severity.info} if case.get("allow_info") else set()
        unexpected = [f for f in findings if f.severity not in allowed]
        assert not unexpected, f"a passing example was flagged:\n{_describe(unexpected)}"


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_rule_has_fail_and_pass_examples(code: str) -> None:
    assert code in FIXTURE_DATA, f"no fixture tests/fixtures/rules/{code}.yml"
    data = FIXTURE_DATA[code]
    assert data["rule"] == code
    cases = data.get("cases") or []
    assert any(c["expect"] == "fail" for c in cases), f"{code}: no fail case"
    assert any(c["expect"] == "pass" for c in cases), f"{code}: no pass case"


@pytest.mark.parametrize("code", sorted(FIXTURE_DATA))
def test_fixture_is_well_formed(code: str) -> None:
    data = FIXTURE_DATA[code]
    assert data["rule"] in RULES, f"{code}.yml names a rule that is not registered"
    names = [c["name"] for c in data["cases"]]
    assert len(names) == len(set(names)), f"{code}: duplicate case names"
    for c in data["cases"]:
        assert c["expect"] in ("fail", "pass"), c["name"]
        assert c["name"].startswith(c["expect"] + "_"), f"{c['name']}: name must start with {c['expect']}_"
        assert (c.get("doc") or "".join((c.get("docs") or {}).values())).strip(), c["name"]
        if c["expect"] == "fail":
            assert c.get("findings"), f"{c['name']}: a fail case lists its findings"
            for want in c["findings"]:
                assert want.get("rule") == data["rule"], f"{c['name']}: finding of another rule"
                assert set(want) - {"rule"}, f"{c['name']}: a finding needs at least one key value besides rule"
        else:
            assert not c.get("findings"), f"{c['name']}: a pass case lists no findings"


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_docstring_has_all_sections(code: str) -> None:
    sections = RULES[code].doc_sections()
    missing = [s for s in SECTIONS if not sections.get(s, "").strip()]
    assert not missing, f"{code} docstring lacks {missing}"
