"""Review decisions and analysed documents, kept in a database (SQLAlchemy 2.0).

The review app writes every decision here the moment it is made, so a closed browser or a crash
loses nothing already decided. By default the database is a SQLite file, ``data/audit_assist.db``
in the repository root (created on first use); the environment variable ``AUDIT_ASSIST_DB`` (any
SQLAlchemy URL, e.g. ``postgresql+psycopg://user:pass@host/db``) points it elsewhere.

Decisions are keyed on the finding's fingerprint (stable across re-runs and across corrected
versions of a document that keep its name), so re-analysing a document keeps the decisions of the
findings that did not change; ``record_analysis`` reports which findings are new and which are
gone. Each decision row carries a version: saving against a version that is no longer current
raises ``ConflictError`` instead of overwriting what another reviewer decided. Every change is
also appended to ``decision_history`` (never updated, never deleted).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    DateTime,
    Engine,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    insert,
    inspect,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
DEFAULT_DB = DATA_DIR / "audit_assist.db"
ENV_VAR = "AUDIT_ASSIST_DB"

PENDING, CONFIRMED, DISMISSED = "pending", "confirmed", "dismissed"
STATUS_LABELS = {PENDING: "待复核", CONFIRMED: "已确认", DISMISSED: "已排除"}
STATUS_ACTIONS = ("confirm", "dismiss", "reopen")  # the actions that set the status
VALUES_CHANGED = "数值已变，需重新复核"
ACTION_LABELS = {
    "confirm": "确认",
    "dismiss": "排除",
    "comment": "意见",
    "assign": "指派",
    "reopen": "重新打开",
}

metadata = MetaData()

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(255), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("analysed_at", DateTime, nullable=False),
    Column("rule_versions", Text, nullable=False, default=""),
    Column("doc_type", String(40), nullable=False, default=""),
    Column("year", Integer),
    Column("department", String(255), nullable=False, default=""),
    Column("page_count", Integer),
    Index("ix_documents_name", "name"),
)

# The findings of one analysis, as they were then: what "gone" findings are shown with.
document_findings = Table(
    "document_findings",
    metadata,
    Column("document_id", ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("fingerprint", String(64), primary_key=True),
    Column("rule", String(40), nullable=False),
    Column("severity", String(10), nullable=False),
    Column("score", Float, nullable=False),
    Column("title", Text, nullable=False),
    Column("message", Text, nullable=False),
)

decisions = Table(
    "decisions",
    metadata,
    Column("fingerprint", String(64), primary_key=True),
    Column("doc", String(255), nullable=False),
    Column("rule", String(40), nullable=False, default=""),
    Column("status", String(20), nullable=False, default=PENDING),
    Column("reason", Text, nullable=False, default=""),
    Column("comment", Text, nullable=False, default=""),
    Column("assignee", String(100), nullable=False, default=""),
    # who set the current status (confirm / dismiss / reopen) and when; "" / NULL while only
    # commented on or assigned
    Column("reviewer", String(100), nullable=False, default=""),
    Column("decided_at", DateTime),
    # the last change of any kind
    Column("updated_by", String(100), nullable=False),
    Column("updated_at", DateTime, nullable=False),
    Column("version", Integer, nullable=False),
    # the finding's values (JSON) when its status was set: a re-analysis that changes them marks
    # the decision 数值已变，需重新复核 until someone decides again
    Column("finding_values", Text),
    Index("ix_decisions_doc", "doc"),
)

decision_history = Table(
    "decision_history",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("fingerprint", String(64), nullable=False),
    Column("doc", String(255), nullable=False),
    Column("version", Integer, nullable=False),
    Column("action", String(20), nullable=False),
    Column("status", String(20), nullable=False),
    Column("reason", Text, nullable=False, default=""),
    Column("comment", Text, nullable=False, default=""),
    Column("assignee", String(100), nullable=False, default=""),
    Column("reviewer", String(100), nullable=False),
    Column("at", DateTime, nullable=False),
    Index("ix_history_fingerprint", "fingerprint"),
    Index("ix_history_doc", "doc"),
)


# A supervisor's sign-off of a document's review (of one content of it), appended, never changed.
signoffs = Table(
    "signoffs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc", String(255), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("signed_by", String(100), nullable=False),
    Column("at", DateTime, nullable=False),
    Index("ix_signoffs_doc", "doc"),
)


class ConflictError(Exception):
    """The decision changed since the caller read it (another reviewer saved first)."""

    def __init__(self, fingerprint: str, expected_version: int, current: Decision | None):
        self.fingerprint = fingerprint
        self.expected_version = expected_version
        self.current = current
        who = f"{current.updated_by}（{STATUS_LABELS[current.status]}）" if current else "他人"
        super().__init__(
            f"发现 {fingerprint} 已被 {who} 修改：版本 {current.version if current else '?'}，而不是 {expected_version}"
        )


@dataclass(frozen=True)
class Decision:
    fingerprint: str
    doc: str
    rule: str
    status: str
    reason: str
    comment: str
    assignee: str
    reviewer: str  # who set the status ("" when nobody has yet)
    decided_at: datetime | None  # when (UTC, naive)
    updated_by: str  # the last change of any kind (a comment, an assignment …)
    updated_at: datetime
    version: int
    finding_values: str | None = None  # JSON: the finding's values when the status was set
    values_changed: bool = False  # set by ``against``: the finding's values are no longer those

    @property
    def status_label(self) -> str:
        label = STATUS_LABELS[self.status]
        return f"{label}（{VALUES_CHANGED}）" if self.values_changed else label

    @property
    def decided_values(self) -> dict[str, Any]:
        return json.loads(self.finding_values) if self.finding_values else {}

    def against(self, values: Mapping[str, Any]) -> Decision:
        """This decision seen against the finding's values now (``Finding.to_json()["values"]``):
        marked ``values_changed`` when it confirmed or dismissed other numbers."""
        changed = self.status != PENDING and self.finding_values is not None and self.decided_values != _plain_values(values)
        return replace(self, values_changed=changed)


@dataclass(frozen=True)
class SignOff:
    doc: str
    sha256: str
    signed_by: str
    at: datetime  # UTC, naive


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    fingerprint: str
    doc: str
    version: int
    action: str
    status: str
    reason: str
    comment: str
    assignee: str
    reviewer: str
    at: datetime  # UTC, naive


@dataclass(frozen=True)
class FindingRecord:
    """A finding as one analysis stored it."""

    fingerprint: str
    rule: str
    severity: str
    score: float
    title: str
    message: str


@dataclass
class AnalysisDiff:
    """What changed against the previous analysis of a document with the same name."""

    name: str
    sha256: str
    previous_sha256: str | None  # None: never analysed before
    previous_at: datetime | None
    new: list[str] = field(default_factory=list)  # fingerprints, in the order given
    gone: list[FindingRecord] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)

    @property
    def first_time(self) -> bool:
        return self.previous_sha256 is None

    @property
    def changed(self) -> bool:
        return not self.first_time and bool(self.new or self.gone)


def database_url() -> str:
    """``AUDIT_ASSIST_DB`` when set, else the SQLite file in the data folder."""
    url = os.environ.get(ENV_VAR, "").strip()
    if url:
        return url
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{DEFAULT_DB}"


def _now() -> datetime:
    # stored naive in UTC: SQLite keeps no time zone, and both back ends then agree
    now = datetime.now(UTC)
    return now.replace(tzinfo=None, microsecond=now.microsecond // 1000 * 1000)


def _plain_values(values: Mapping[str, Any] | None) -> dict[str, Any]:
    """Values as JSON gives them back (numbers, sorted keys), so that stored and current compare."""
    return json.loads(json.dumps(dict(values or {}), sort_keys=True, default=float))


def _values_json(values: Mapping[str, Any] | None) -> str | None:
    return None if values is None else json.dumps(_plain_values(values), ensure_ascii=False, sort_keys=True)


def _finding_fields(f: Any) -> FindingRecord:
    """A ``models.Finding`` or a contract dict (``Finding.to_json()``) as a record."""
    if isinstance(f, FindingRecord):
        return f
    if isinstance(f, dict):
        return FindingRecord(f["fingerprint"], f["rule"], f["severity"], float(f["score"]), f["title"], f["message"])
    return FindingRecord(f.fingerprint, f.rule, str(f.severity.value), float(f.score), f.title, f.message)


def make_engine(url_or_engine: str | Engine | None = None) -> Engine:
    """The engine for a URL (default ``database_url()``), SQLite set up for several writers."""
    if isinstance(url_or_engine, Engine):
        engine = url_or_engine
    else:
        url = url_or_engine or database_url()
        kw: dict[str, Any] = {}
        if url.startswith("sqlite"):
            kw["connect_args"] = {"timeout": 30, "check_same_thread": False}
        engine = create_engine(url, pool_pre_ping=True, **kw)
    if engine.dialect.name == "sqlite" and not event.contains(engine, "connect", _sqlite_pragmas):
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


class Store:
    def __init__(self, url_or_engine: str | Engine | None = None):
        self.engine = make_engine(url_or_engine)
        metadata.create_all(self.engine)
        _add_new_columns(self.engine)
        _forbid_history_changes(self.engine)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def dispose(self) -> None:
        self.engine.dispose()

    # ------------------------------------------------------------ documents

    def record_analysis(
        self,
        name: str,
        sha256: str,
        findings: Iterable[Any],
        *,
        rule_versions: str = "",
        doc_type: str = "",
        year: int | None = None,
        department: str = "",
        page_count: int | None = None,
    ) -> AnalysisDiff:
        """Store one analysis of ``name`` and compare it with the previous one of that name.

        Analysing the same file again with the same findings stores nothing new, and reports
        the difference against the analysis before (so a page refresh does not lose it)."""
        records = [_finding_fields(f) for f in findings]
        fps = [r.fingerprint for r in records]
        with self.engine.begin() as conn:
            runs = conn.execute(
                select(documents.c.id, documents.c.sha256, documents.c.analysed_at, documents.c.rule_versions)
                .where(documents.c.name == name)
                .order_by(documents.c.id.desc())
            ).all()
            latest = runs[0] if runs else None
            if latest is not None and latest.sha256 == sha256:
                if set(self._fingerprints(conn, latest.id)) == set(fps):
                    previous = runs[1] if len(runs) > 1 else None
                    return self._diff(conn, name, sha256, fps, previous)
            doc_id = conn.execute(
                insert(documents).values(
                    name=name,
                    sha256=sha256,
                    analysed_at=_now(),
                    rule_versions=rule_versions,
                    doc_type=doc_type,
                    year=year,
                    department=department,
                    page_count=page_count,
                )
            ).inserted_primary_key[0]
            unique = {r.fingerprint: r for r in records}
            if unique:
                conn.execute(
                    insert(document_findings),
                    [
                        {
                            "document_id": doc_id,
                            "fingerprint": r.fingerprint,
                            "rule": r.rule,
                            "severity": r.severity,
                            "score": r.score,
                            "title": r.title,
                            "message": r.message,
                        }
                        for r in unique.values()
                    ],
                )
            return self._diff(conn, name, sha256, fps, latest)

    def _fingerprints(self, conn, doc_id: int) -> list[str]:
        return list(conn.scalars(select(document_findings.c.fingerprint).where(document_findings.c.document_id == doc_id)))

    def _diff(self, conn, name: str, sha256: str, fps: Sequence[str], previous) -> AnalysisDiff:
        if previous is None:
            return AnalysisDiff(name, sha256, None, None, new=list(fps))
        rows = conn.execute(
            select(document_findings)
            .where(document_findings.c.document_id == previous.id)
            .order_by(document_findings.c.score.desc(), document_findings.c.fingerprint)
        ).all()
        before = {r.fingerprint for r in rows}
        now = set(fps)
        return AnalysisDiff(
            name,
            sha256,
            previous.sha256,
            previous.analysed_at,
            new=[fp for fp in fps if fp not in before],
            gone=[
                FindingRecord(r.fingerprint, r.rule, r.severity, r.score, r.title, r.message)
                for r in rows
                if r.fingerprint not in now
            ],
            kept=[fp for fp in fps if fp in before],
        )

    def analyses_of(self, name: str) -> list[dict[str, Any]]:
        """Every stored analysis of a document name, newest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(documents).where(documents.c.name == name).order_by(documents.c.id.desc())).all()
        return [dict(r._mapping) for r in rows]

    # ------------------------------------------------------------ decisions

    def decision(self, fingerprint: str) -> Decision | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(decisions).where(decisions.c.fingerprint == fingerprint)).first()
        return Decision(**row._mapping) if row else None

    def decisions(self, fingerprints: Iterable[str] | None = None) -> dict[str, Decision]:
        """Decisions by fingerprint (all of them when ``fingerprints`` is None)."""
        query = select(decisions)
        out: dict[str, Decision] = {}
        with self.engine.connect() as conn:
            if fingerprints is None:
                rows = conn.execute(query).all()
            else:
                wanted = list(dict.fromkeys(fingerprints))
                rows = []
                for i in range(0, len(wanted), 500):  # keep the IN list within every back end's limits
                    rows += conn.execute(query.where(decisions.c.fingerprint.in_(wanted[i : i + 500]))).all()
        for row in rows:
            out[row.fingerprint] = Decision(**row._mapping)
        return out

    def confirm(
        self,
        fingerprint: str,
        *,
        doc: str,
        rule: str = "",
        reviewer: str,
        version: int,
        comment: str | None = None,
        values: Mapping[str, Any] | None = None,
    ) -> Decision:
        """Confirm the finding as it stands: ``values`` are its numbers (``Finding.to_json()["values"]``)."""
        changes: dict[str, Any] = {"status": CONFIRMED, "reason": "", "finding_values": _values_json(values)}
        return self._save(fingerprint, doc, rule, reviewer, version, "confirm", changes, comment)

    def dismiss(
        self,
        fingerprint: str,
        *,
        doc: str,
        rule: str = "",
        reviewer: str,
        version: int,
        reason: str,
        comment: str | None = None,
        values: Mapping[str, Any] | None = None,
    ) -> Decision:
        if not reason.strip():
            raise ValueError("排除发现必须填写理由")
        changes: dict[str, Any] = {"status": DISMISSED, "reason": reason.strip(), "finding_values": _values_json(values)}
        return self._save(fingerprint, doc, rule, reviewer, version, "dismiss", changes, comment)

    def comment(self, fingerprint: str, *, doc: str, rule: str = "", reviewer: str, version: int, comment: str) -> Decision:
        return self._save(fingerprint, doc, rule, reviewer, version, "comment", {"comment": comment})

    def assign(
        self,
        fingerprint: str,
        *,
        doc: str,
        rule: str = "",
        reviewer: str,
        version: int,
        assignee: str,
        comment: str | None = None,
    ) -> Decision:
        """Assign to someone ("" takes the assignment back)."""
        changes: dict[str, Any] = {"assignee": assignee.strip()}
        return self._save(fingerprint, doc, rule, reviewer, version, "assign", changes, comment)

    def reopen(
        self, fingerprint: str, *, doc: str, rule: str = "", reviewer: str, version: int, comment: str | None = None
    ) -> Decision:
        changes: dict[str, Any] = {"status": PENDING, "reason": "", "finding_values": None}
        return self._save(fingerprint, doc, rule, reviewer, version, "reopen", changes, comment)

    def _save(
        self,
        fingerprint: str,
        doc: str,
        rule: str,
        reviewer: str,
        version: int,
        action: str,
        changes: dict[str, Any],
        comment: str | None = None,
    ) -> Decision:
        """One change, committed at once: the decision row (only if still at ``version``; 0 = no
        decision yet) and a history line, in one transaction. ``comment`` (when given) replaces
        the decision's comment."""
        if comment is not None:
            changes = {**changes, "comment": comment}
        reviewer = reviewer.strip()
        if not reviewer:
            raise ValueError("请先填写复核人姓名")
        at = _now()
        stamp: dict[str, Any] = {"updated_by": reviewer, "updated_at": at}
        if action in STATUS_ACTIONS:
            stamp.update(reviewer=reviewer, decided_at=at)
        try:
            with self.engine.begin() as conn:
                if version == 0:
                    row = {
                        "fingerprint": fingerprint,
                        "doc": doc,
                        "rule": rule,
                        "status": PENDING,
                        "reason": "",
                        "comment": "",
                        "assignee": "",
                        "reviewer": "",
                        "decided_at": None,
                    }
                    row.update(changes, **stamp, version=1)
                    conn.execute(insert(decisions).values(**row))
                else:
                    result = conn.execute(
                        update(decisions)
                        .where(decisions.c.fingerprint == fingerprint, decisions.c.version == version)
                        .values(**changes, **stamp, version=version + 1)
                    )
                    if result.rowcount != 1:
                        raise ConflictError(fingerprint, version, None)
                current = conn.execute(select(decisions).where(decisions.c.fingerprint == fingerprint)).one()
                conn.execute(
                    insert(decision_history).values(
                        fingerprint=fingerprint,
                        doc=current.doc,
                        version=current.version,
                        action=action,
                        status=current.status,
                        reason=current.reason,
                        comment=current.comment,
                        assignee=current.assignee,
                        reviewer=reviewer,
                        at=at,
                    )
                )
        except IntegrityError:  # another reviewer created the decision first
            raise ConflictError(fingerprint, version, self.decision(fingerprint)) from None
        except ConflictError:
            raise ConflictError(fingerprint, version, self.decision(fingerprint)) from None
        return Decision(**current._mapping)

    # ------------------------------------------------------------ sign-offs

    def sign_off(self, doc: str, sha256: str, *, signed_by: str) -> SignOff:
        """A supervisor signs off the review of this content of ``doc``."""
        if not signed_by.strip():
            raise ValueError("签发人不能为空")
        at = _now()
        with self.engine.begin() as conn:
            conn.execute(insert(signoffs).values(doc=doc, sha256=sha256, signed_by=signed_by.strip(), at=at))
        return SignOff(doc, sha256, signed_by.strip(), at)

    def signed_off(self, sha256s: Iterable[str]) -> dict[str, SignOff]:
        """The latest sign-off of each of these contents."""
        wanted = list(dict.fromkeys(sha256s))
        out: dict[str, SignOff] = {}
        with self.engine.connect() as conn:
            rows = conn.execute(select(signoffs).where(signoffs.c.sha256.in_(wanted)).order_by(signoffs.c.id)).all()
        for r in rows:
            out[r.sha256] = SignOff(r.doc, r.sha256, r.signed_by, r.at)
        return out

    # ------------------------------------------------------------ history

    def history(self, fingerprint: str | None = None, *, docs: Iterable[str] | None = None) -> list[HistoryEntry]:
        """Who decided what and when, oldest first."""
        query = select(decision_history).order_by(decision_history.c.id)
        if fingerprint is not None:
            query = query.where(decision_history.c.fingerprint == fingerprint)
        if docs is not None:
            query = query.where(decision_history.c.doc.in_(list(docs)))
        with self.engine.connect() as conn:
            return [HistoryEntry(**r._mapping) for r in conn.execute(query).all()]


_APPEND_ONLY = {
    "sqlite": [
        f"CREATE TRIGGER IF NOT EXISTS decision_history_no_{op.lower()} BEFORE {op} ON decision_history "
        "BEGIN SELECT RAISE(ABORT, 'decision_history is append-only'); END"
        for op in ("UPDATE", "DELETE")
    ],
    "postgresql": [
        "CREATE OR REPLACE FUNCTION decision_history_append_only() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION 'decision_history is append-only'; END $$",
        # (no CREATE OR REPLACE TRIGGER before PostgreSQL 14)
        "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'decision_history_append_only' "
        "AND tgrelid = 'decision_history'::regclass) THEN CREATE TRIGGER decision_history_append_only "
        "BEFORE UPDATE OR DELETE ON decision_history FOR EACH ROW EXECUTE PROCEDURE decision_history_append_only(); "
        "END IF; END $$",
    ],
}


def _add_new_columns(engine: Engine) -> None:
    """Decisions are kept for years: a database made before a column was added gets the column
    (empty), never a new table. Each column here is nullable."""
    have = {c["name"] for c in inspect(engine).get_columns("decisions")}
    with engine.begin() as conn:
        for column in ("finding_values",):
            if column not in have:
                conn.exec_driver_sql(f"ALTER TABLE decisions ADD COLUMN {column} TEXT")


def _forbid_history_changes(engine: Engine) -> None:
    """The history is evidence of who decided what: the database itself refuses to change it
    (on SQLite and PostgreSQL; other back ends rely on this module only appending)."""
    statements = _APPEND_ONLY.get(engine.dialect.name, [])
    if not statements:
        return
    with engine.begin() as conn:
        for sql in statements:
            conn.exec_driver_sql(sql)


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")  # readers do not block the reviewer who is saving
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()
