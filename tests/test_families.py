"""Families of documents read together: found from the documents' own text, on the real Shanghai
pairs and never among the samples; their findings through the command line and the results store,
with the evidence from the other document named; links made and undone by hand."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import yaml
from conftest import REAL, ROOT, SAMPLES

from audit_assist.families import FamilyStore, analyse_families, link_stored
from audit_assist.results import ResultStore
from detectors.linked.families import BUDGET_FINAL, DEPT_UNIT, YEARS, Identity, group
from extract import load_bytes, load_document

FIXTURES = ROOT / "tests" / "fixtures" / "rules"


def _case(code: str, name: str) -> dict[str, str]:
    data = yaml.safe_load((FIXTURES / f"{code}.yml").read_text(encoding="utf-8"))
    return next(c for c in data["cases"] if c["name"] == name)["docs"]


def test_no_family_among_the_samples():
    """Five departments of other places and years, each in three formats: the formats of one
    disclosure are the same document, not a family."""
    docs = [load_document(p) for p in sorted(SAMPLES.iterdir()) if p.suffix in (".txt", ".pdf", ".docx")]
    assert len(docs) == 15
    assert analyse_families(docs).families == []


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real (the Shanghai disclosures) is not beside the checkout")
def test_the_real_pairs_are_found_without_help():
    docs = [load_document(p) for p in sorted(REAL.glob("*.pdf"))]
    result = analyse_families(docs)
    found = sorted((sorted(m.name for m in f.members), [link.kind for link in f.links]) for f in result.families)
    assert found == [
        (["上海市普陀区人民政府万里街道办事处24年预算.pdf", "上海市普陀区人民政府万里街道办事处25年预算.pdf"], [YEARS]),
        (["上海市普陀区人民政府办公室25年预算.pdf", "上海市普陀区人民政府办公室单位25年预算.pdf"], [DEPT_UNIT]),
        (["上海市普陀区商务委员会25年预算.pdf", "上海市普陀区商务委员会单位25年预算.pdf"], [DEPT_UNIT]),
    ]
    # checked by hand on both PDFs: the 2025 budget's "比2024年预算增加3,355.65万元" is the difference
    # of the two years' figures as the text prints them; the tables in 元 give 3,355.64 (rounding)
    linked = [(r["doc"], r["rule"], r["severity"], r["values"]["stated"], r["values"]["previous"]) for r in result.rows]
    assert linked == [("上海市普陀区人民政府万里街道办事处25年预算.pdf", "LNK001", "info", 3355.65, 15621.1123)]
    # stated three times (收入, 支出, 一般公共预算支出): one finding, each place its evidence
    evidence = result.rows[0]["evidence"]
    earlier = "上海市普陀区人民政府万里街道办事处24年预算.pdf"
    assert [(e.get("doc"), e["page"]) for e in evidence] == [
        (None, 6),
        (earlier, 21),
        (None, 6),
        (earlier, 21),
        (None, 6),
        (earlier, 26),
    ]


def test_budget_and_final_account_of_one_year_are_a_family():
    docs = [load_bytes(text.encode("utf-8"), name) for name, text in _case("LNK002", "pass_initial_budget_as_published").items()]
    (family,) = group([Identity.of(d) for d in docs])
    assert [link.kind for link in family.links] == [BUDGET_FINAL]
    assert family.links[0].reason == "同为上海市普陀区某某局 2024年：预算与决算"


def test_a_link_undone_by_hand_is_no_family_and_one_made_by_hand_is(tmp_path):
    docs = [load_bytes(text.encode("utf-8"), name) for name, text in _case("LNK001", "pass_changes_as_published").items()]
    ids = [Identity.of(d) for d in docs]
    store = FamilyStore(f"sqlite:///{tmp_path / 'f.db'}")
    assert len(group(ids, store.manual())) == 1
    store.set_link(ids[0].sha256, ids[1].sha256, False, "张三")
    assert group(ids, store.manual()) == []
    samples = [load_document(SAMPLES / "000_4aab53e2ab223d76.txt"), load_document(SAMPLES / "002_78b07d84ccf1ecd6.txt")]
    other = [Identity.of(d) for d in samples]
    store.set_link(other[0].sha256, other[1].sha256, True, "张三")
    (family,) = group(other, store.manual())
    assert family.links[0].reason == "由复核人员手工关联"


def _write(folder, docs: dict[str, str]) -> None:
    folder.mkdir(exist_ok=True)
    for name, text in docs.items():
        (folder / name).write_text(text, encoding="utf-8")


def _scan(folder, db, *extra: str) -> list[dict]:
    cmd = [sys.executable, "-m", "audit_assist.cli", "scan", str(folder), "--workers", "1", "--results", str(db), *extra]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


def test_scan_links_what_it_reads_and_what_the_store_holds(tmp_path):
    docs = _case("LNK001", "fail_change_from_a_previous_year_never_published")
    db = tmp_path / "r.db"
    first, second = tmp_path / "a", tmp_path / "b"
    _write(first, {"2024预算.txt": docs["2024预算.txt"]})
    _write(second, {"2025预算.txt": docs["2025预算.txt"]})
    assert not [r for r in _scan(first, db) if r["rule"].startswith("LNK")]
    # the 2025 budget scanned later is linked with the 2024 one the store already holds
    (row,) = [r for r in _scan(second, db) if r["rule"].startswith("LNK")]
    assert (row["doc"], row["rule"], row["values"]["stated"], row["values"]["expected"]) == (
        "2025预算.txt",
        "LNK001",
        3000,
        3355.65,
    )
    assert [e.get("doc") for e in row["evidence"]] == [None, "2024预算.txt"]
    assert not [r for r in _scan(second, db, "--no-links") if r["rule"].startswith("LNK")]
    # stored under the members' contents: a corrected member gives the family's findings again
    store = ResultStore(f"sqlite:///{db}")
    families = FamilyStore(store.engine)
    sha = {e["name"]: e["sha256"] for e in store.catalogue()}
    assert link_stored(store, [(sha["2025预算.txt"], "2025预算.txt")], families_store=families).reused == 1
    (second / "2025预算.txt").write_text(docs["2025预算.txt"].replace("3,000.00", "3,355.65"), encoding="utf-8")
    assert not [r for r in _scan(second, db) if r["rule"].startswith("LNK")]
