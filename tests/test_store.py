"""The review store against SQLite (a temporary file) and against a real PostgreSQL server
(``AUDIT_ASSIST_TEST_PG`` = a SQLAlchemy URL; `.ci/run` starts one)."""

from __future__ import annotations

import os
import threading
import uuid

import pytest
from conftest import SAMPLES
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from audit_assist.pipeline import analyse_bytes
from audit_assist.store import CONFIRMED, DISMISSED, PENDING, ConflictError, Store

PG_URL = os.environ.get("AUDIT_ASSIST_TEST_PG", "")


@pytest.fixture(params=["sqlite", "postgresql"])
def make_store(request, tmp_path):
    """A factory of Store instances on one fresh database: each call is a new instance (a new
    engine and connection pool), as a restarted app or a second server would have."""
    made: list[Store] = []
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'review.db'}"

        def make() -> Store:
            made.append(Store(url))
            return made[-1]

        yield make
    else:
        if not PG_URL:
            pytest.skip("AUDIT_ASSIST_TEST_PG is not set (a PostgreSQL URL, e.g. postgresql+psycopg://u:p@localhost/db)")
        schema = f"t_{uuid.uuid4().hex[:12]}"
        admin = create_engine(PG_URL)
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))

        def make() -> Store:
            made.append(Store(create_engine(PG_URL, connect_args={"options": f"-csearch_path={schema}"})))
            return made[-1]

        yield make
        for s in made:
            s.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
        return
    for s in made:
        s.dispose()


def test_backend_is_the_one_asked_for(make_store, request):
    store = make_store()
    assert store.engine.dialect.name == request.node.callspec.params["make_store"]


def test_decisions_persist_across_store_instances(make_store):
    first = make_store()
    saved = first.confirm("fp-a", doc="a.pdf", rule="SUM001", reviewer="王审计", version=0, comment="金额核对无误，确属不平")
    assert (saved.status, saved.version, saved.reviewer) == (CONFIRMED, 1, "王审计")
    first.dismiss("fp-b", doc="a.pdf", rule="SUM002", reviewer="王审计", version=0, reason="尾数误差，可接受")
    first.dispose()

    second = make_store()
    a = second.decision("fp-a")
    assert a is not None
    assert (a.fingerprint, a.doc, a.rule, a.status, a.comment, a.reviewer, a.version) == (
        "fp-a",
        "a.pdf",
        "SUM001",
        CONFIRMED,
        "金额核对无误，确属不平",
        "王审计",
        1,
    )
    assert a.status_label == "已确认"
    both = second.decisions(["fp-a", "fp-b", "fp-unknown"])
    assert sorted(both) == ["fp-a", "fp-b"]
    assert (both["fp-b"].status, both["fp-b"].reason) == (DISMISSED, "尾数误差，可接受")
    assert second.decision("fp-unknown") is None
    assert sorted(second.decisions()) == ["fp-a", "fp-b"]


def test_history_records_who_did_what_in_order(make_store):
    store = make_store()
    d = store.assign("fp-a", doc="a.pdf", reviewer="李主管", version=0, assignee="王审计")
    # assigning decides nothing: no reviewer of the status yet, only the last change
    assert (d.status, d.assignee, d.version, d.reviewer, d.decided_at, d.updated_by) == (PENDING, "王审计", 1, "", None, "李主管")
    d = store.confirm("fp-a", doc="a.pdf", reviewer="王审计", version=d.version)
    confirmed = d
    d = store.comment("fp-a", doc="a.pdf", reviewer="李主管", version=d.version, comment="请补充附件页码")
    # a comment does not take the confirmation away from who made it
    assert (d.reviewer, d.decided_at, d.updated_by) == ("王审计", confirmed.decided_at, "李主管")
    d = store.reopen("fp-a", doc="a.pdf", reviewer="李主管", version=d.version)
    d = store.dismiss("fp-a", doc="a.pdf", reviewer="王审计", version=d.version, reason="已由单位更正")
    store.confirm("fp-z", doc="z.pdf", reviewer="赵审计", version=0)

    later = make_store()
    hist = later.history("fp-a")
    assert [(h.version, h.action, h.status, h.reviewer, h.assignee, h.comment, h.reason) for h in hist] == [
        (1, "assign", PENDING, "李主管", "王审计", "", ""),
        (2, "confirm", CONFIRMED, "王审计", "王审计", "", ""),
        (3, "comment", CONFIRMED, "李主管", "王审计", "请补充附件页码", ""),
        (4, "reopen", PENDING, "李主管", "王审计", "请补充附件页码", ""),
        (5, "dismiss", DISMISSED, "王审计", "王审计", "请补充附件页码", "已由单位更正"),
    ]
    assert all(a.at <= b.at for a, b in zip(hist, hist[1:]))
    final = later.decision("fp-a")
    assert (final.status, final.reason, final.version, final.reviewer, final.decided_at, final.updated_at) == (
        DISMISSED,
        "已由单位更正",
        5,
        "王审计",
        hist[-1].at,
        hist[-1].at,
    )
    assert [h.fingerprint for h in later.history(docs=["z.pdf"])] == ["fp-z"]
    assert len(later.history()) == 6


def test_stale_version_raises_conflict_and_keeps_the_first_decision(make_store):
    alice, bob = make_store(), make_store()
    # both reviewers open the finding while it is undecided (version 0)
    alice.confirm("fp-a", doc="a.pdf", reviewer="甲", version=0)
    with pytest.raises(ConflictError) as err:
        bob.dismiss("fp-a", doc="a.pdf", reviewer="乙", version=0, reason="不是问题")
    assert err.value.current is not None
    assert (err.value.current.reviewer, err.value.current.status, err.value.current.version) == ("甲", CONFIRMED, 1)
    assert err.value.expected_version == 0

    # both at version 1 now; 甲 saves first, 乙's save is stale
    alice.comment("fp-a", doc="a.pdf", reviewer="甲", version=1, comment="已核实")
    with pytest.raises(ConflictError) as err:
        bob.comment("fp-a", doc="a.pdf", reviewer="乙", version=1, comment="覆盖")
    assert (err.value.current.version, err.value.current.comment, err.value.current.updated_by) == (2, "已核实", "甲")

    d = bob.decision("fp-a")
    assert (d.status, d.comment, d.reviewer, d.version) == (CONFIRMED, "已核实", "甲", 2)
    assert [(h.version, h.reviewer) for h in bob.history("fp-a")] == [(1, "甲"), (2, "甲")]
    # after reloading, 乙 can decide on the current version
    bob.dismiss("fp-a", doc="a.pdf", reviewer="乙", version=2, reason="单位已说明")
    assert bob.decision("fp-a").version == 3


def test_simultaneous_saves_on_one_version_let_exactly_one_win(make_store):
    stores = [make_store() for _ in range(6)]
    stores[0].confirm("fp-a", doc="a.pdf", reviewer="甲", version=0)
    barrier = threading.Barrier(len(stores))
    outcome: dict[int, str] = {}

    def save(i: int) -> None:
        barrier.wait()
        try:
            stores[i].comment("fp-a", doc="a.pdf", reviewer=f"复核{i}", version=1, comment=f"意见{i}")
            outcome[i] = "saved"
        except ConflictError:
            outcome[i] = "conflict"

    threads = [threading.Thread(target=save, args=(i,)) for i in range(len(stores))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(outcome.values()) == ["conflict"] * 5 + ["saved"]
    winner = next(i for i, o in outcome.items() if o == "saved")
    d = stores[0].decision("fp-a")
    assert (d.version, d.updated_by, d.comment, d.reviewer) == (2, f"复核{winner}", f"意见{winner}", "甲")
    assert len(stores[0].history("fp-a")) == 2


def test_dismiss_needs_a_reason_and_every_change_a_reviewer(make_store):
    store = make_store()
    with pytest.raises(ValueError, match="理由"):
        store.dismiss("fp-a", doc="a.pdf", reviewer="甲", version=0, reason="  ")
    with pytest.raises(ValueError, match="复核人"):
        store.confirm("fp-a", doc="a.pdf", reviewer=" ", version=0)
    assert store.decision("fp-a") is None
    assert store.history() == []


def _sample_002() -> str:
    return (SAMPLES / "002_78b07d84ccf1ecd6.txt").read_text(encoding="utf-8")


def _one(findings, rule: str, *parts: str):
    hits = [f for f in findings if f.rule == rule and all(p in f.message for p in parts)]
    assert len(hits) == 1, [f.message for f in findings if f.rule == rule]
    return hits[0]


def test_reanalysis_of_a_corrected_version_keeps_decisions_and_reports_new_and_gone(make_store):
    name = "002_78b07d84ccf1ecd6.txt"
    original = analyse_bytes(_sample_002().encode("utf-8"), name)
    # The department's corrected version: 公开03表's 合计 row fixed (52,889.12 → 52,889.13, the sum
    # of its parts) and a typo introduced in 城乡医疗救助 (628.59 → 682.59).
    corrected_text = _sample_002().replace("合计\t\t52,889.12\t778.27\t52,110.86", "合计\t\t52,889.13\t778.27\t52,110.86", 1)
    corrected_text = corrected_text.replace(
        "2101301\t城乡医疗救助\t628.59\t\t628.59", "2101301\t城乡医疗救助\t682.59\t\t682.59", 1
    )
    assert corrected_text.count("682.59") == 2
    corrected = analyse_bytes(corrected_text.encode("utf-8"), name)
    assert corrected.doc.sha256 != original.doc.sha256

    fixed = _one(original.findings, "SUM001", "公开03表", "52889.12")
    unchanged = _one(original.findings, "SUM001", "公开05表", "52738.73")
    introduced = [f for f in corrected.findings if f.rule == "SUM002" and "21013 医疗救助" in f.message]
    assert introduced and all("3365.79" in f.message and "3419.79" in f.message for f in introduced)

    store = make_store()
    first = store.record_analysis(name, original.doc.sha256, original.findings, doc_type=original.doc.doc_type, year=2021)
    assert first.first_time and not first.changed
    assert first.new == [f.fingerprint for f in original.findings] and first.gone == [] and first.kept == []
    store.confirm(unchanged.fingerprint, doc=name, rule="SUM001", reviewer="王审计", version=0, comment="同意")
    store.dismiss(fixed.fingerprint, doc=name, rule="SUM001", reviewer="王审计", version=0, reason="尾数误差")

    again = make_store()
    diff = again.record_analysis(name, corrected.doc.sha256, corrected.findings)
    before = {f.fingerprint for f in original.findings}
    after = {f.fingerprint for f in corrected.findings}
    assert diff.changed and diff.previous_sha256 == original.doc.sha256
    assert set(diff.new) == after - before and set(diff.kept) == after & before
    assert {g.fingerprint for g in diff.gone} == before - after
    assert fixed.fingerprint in {g.fingerprint for g in diff.gone}
    gone = next(g for g in diff.gone if g.fingerprint == fixed.fingerprint)
    assert (gone.rule, gone.severity, gone.message) == ("SUM001", "info", fixed.message)
    assert {f.fingerprint for f in introduced} <= set(diff.new)
    assert unchanged.fingerprint in diff.kept

    # the decision on the unchanged finding still applies; the one on the gone finding is kept
    kept = again.decisions(f.fingerprint for f in corrected.findings)
    assert kept[unchanged.fingerprint].status == CONFIRMED and kept[unchanged.fingerprint].comment == "同意"
    assert fixed.fingerprint not in kept
    assert again.decision(fixed.fingerprint).status == DISMISSED

    # the app records on every page load: the same file again adds no analysis and still
    # reports the change against the version before
    repeat = again.record_analysis(name, corrected.doc.sha256, corrected.findings)
    assert (repeat.new, [g.fingerprint for g in repeat.gone], repeat.previous_sha256) == (
        diff.new,
        [g.fingerprint for g in diff.gone],
        original.doc.sha256,
    )
    runs = again.analyses_of(name)
    assert [r["sha256"] for r in runs] == [corrected.doc.sha256, original.doc.sha256]
    assert (runs[1]["doc_type"], runs[1]["year"]) == ("部门决算", 2021)


def test_default_database_is_a_file_in_the_data_folder(monkeypatch):
    from audit_assist import store as store_module

    monkeypatch.delenv("AUDIT_ASSIST_DB", raising=False)
    assert store_module.database_url() == f"sqlite:///{store_module.ROOT / 'data' / 'audit_assist.db'}"
    assert (store_module.ROOT / "data").is_dir()
    monkeypatch.setenv("AUDIT_ASSIST_DB", "postgresql+psycopg://u:p@db.example/audit")
    assert store_module.database_url() == "postgresql+psycopg://u:p@db.example/audit"


def test_history_cannot_be_rewritten(make_store):
    store = make_store()
    store.confirm("fp-a", doc="a.pdf", reviewer="甲", version=0)
    for sql in ("UPDATE decision_history SET reviewer = '乙'", "DELETE FROM decision_history"):
        with pytest.raises(DBAPIError, match="append-only"):
            with store.engine.begin() as conn:
                conn.execute(text(sql))
    assert [h.reviewer for h in make_store().history("fp-a")] == ["甲"]


def test_a_decision_remembers_the_numbers_it_was_made_on(make_store):
    store = make_store()
    d = store.confirm(
        "fp-v", doc="a.pdf", rule="XTB003", reviewer="王审计", version=0, values={"difference": -10.15, "stated": 319.7}
    )
    assert d.decided_values == {"difference": -10.15, "stated": 319.7}
    assert not d.against({"stated": 319.7, "difference": -10.15}).values_changed
    changed = make_store().decision("fp-v").against({"difference": -9.3, "stated": 319.7})
    assert changed.values_changed and changed.status_label == "已确认（数值已变，需重新复核）"
    # a comment or an assignment is no new decision on the numbers; a confirmation is
    d = store.comment("fp-v", doc="a.pdf", reviewer="李复核", version=1, comment="待核")
    assert d.against({"difference": -9.3, "stated": 319.7}).values_changed
    d = store.confirm("fp-v", doc="a.pdf", reviewer="李复核", version=2, values={"difference": -9.3, "stated": 319.7})
    assert not d.against({"difference": -9.3, "stated": 319.7}).values_changed
    d = store.reopen("fp-v", doc="a.pdf", reviewer="李复核", version=3)
    assert d.finding_values is None and not d.against({"difference": 1}).values_changed


def test_a_database_from_before_the_values_column_gets_it(tmp_path):
    """Decisions are kept for years: a database made by the previous version (no finding_values
    column) is given the column, and its decisions are kept (not marked changed: unknown)."""
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "CREATE TABLE decisions (fingerprint VARCHAR(64) PRIMARY KEY, doc VARCHAR(255) NOT NULL, "
                "rule VARCHAR(40) NOT NULL, status VARCHAR(20) NOT NULL, reason TEXT NOT NULL, comment TEXT NOT NULL, "
                "assignee VARCHAR(100) NOT NULL, reviewer VARCHAR(100) NOT NULL, decided_at DATETIME, "
                "updated_by VARCHAR(100) NOT NULL, updated_at DATETIME NOT NULL, version INTEGER NOT NULL)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO decisions VALUES ('fp-old', 'a.pdf', 'SUM001', 'confirmed', '', '', '', '王审计', "
                "'2024-01-02 03:04:05', '王审计', '2024-01-02 03:04:05', 1)"
            )
        )
    engine.dispose()
    store = Store(url)
    old = store.decision("fp-old")
    assert (old.status, old.reviewer, old.finding_values) == (CONFIRMED, "王审计", None)
    assert not old.against({"difference": 1}).values_changed
    store.dispose()


def test_accounts_and_sign_offs(make_store):
    """Accounts (bcrypt hashes, roles) and sign-offs live in the review database, on both back ends."""
    import bcrypt

    from audit_assist.accounts import AUDITOR, SUPERVISOR, Accounts

    store = make_store()
    accounts = Accounts(store)
    accounts.add(" Wang ", AUDITOR, "audit-pass-1")
    accounts.add("张主管", SUPERVISOR, "super-pass-1")
    with pytest.raises(ValueError, match="已存在"):
        accounts.add("wang", SUPERVISOR, "other-pass-1")
    again = Accounts(make_store())  # another server on the same database
    assert [(a.name, a.role) for a in again.all()] == [("wang", AUDITOR), ("张主管", SUPERVISOR)]
    users = again.credentials()["usernames"]
    assert users["wang"]["roles"] == [AUDITOR] and bcrypt.checkpw(b"audit-pass-1", users["wang"]["password"].encode())
    assert again.cookie_key() == accounts.cookie_key() and len(accounts.cookie_key()) == 64
    assert again.get("WANG").may("confirm") and not again.get("wang").may("reopen") and again.get("张主管").may("signoff")

    store.sign_off("a.pdf", "sha-1", signed_by="张主管")
    later = store.sign_off("a.pdf", "sha-1", signed_by="李主管")
    assert make_store().signed_off(["sha-1", "sha-2"]) == {"sha-1": later}
