"""The results of batch scans, kept so that a scan never does the same work twice.

Four tables, in the same database as the review decisions (``audit_assist.store``; SQLite by
default, PostgreSQL through ``AUDIT_ASSIST_DB`` or ``scan --results URL``):

- ``scan_extractions``: one row per file content (sha256) and extractor version: the extracted
  document (a compressed pickle: it is written and read only by this tool), what fitting a
  corpus baseline reads of it (``DocProfile``, JSON), its page count, warnings, time and peak
  memory; or the reason it cannot be read, when that reason is a property of the file
  (encrypted, corrupt, a zip bomb …) rather than of the limits of the run.
- ``scan_analyses``: the findings (contract JSON) of one file content under one name and its
  coverage record (``audit_assist.coverage``, made in the same run), keyed by the analysis
  version: the rule versions, the code of the rules and the baseline's digest.
- ``uploads``: the files given to the review app, by content, so that after a restart the app
  opens the documents it had (and their review state) without uploading them again. Unlike the
  other tables, this one is the users' data, not saved work: it is never dropped.
- ``scan_runs``: the ``--fresh`` scans that have not finished, by the files they scan: a fresh
  scan ignores what was stored before it started, and the same command run again after an
  interruption goes on from what that scan stored.

Each row is committed the moment its document is done, so an interrupted scan loses nothing and
the next run of the same command goes on where it stopped. A change of extraction code
re-extracts; a change of rules or baseline only re-analyses the stored documents.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    DateTime,
    Engine,
    Float,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    delete,
    insert,
    inspect,
    select,
)

from models import Document

from .store import make_engine

ROOT = Path(__file__).resolve().parent.parent

metadata = MetaData()

extractions = Table(
    "scan_extractions",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("extractor", String(16), primary_key=True),
    Column("name", String(255), nullable=False),
    Column("path", Text, nullable=False, default=""),  # where it was read from (the file may have moved since)
    Column("pages", Integer, nullable=False, default=0),
    Column("seconds", Float, nullable=False, default=0.0),
    Column("peak_mb", Float, nullable=False, default=0.0),
    Column("warnings", Text, nullable=False, default="[]"),
    Column("error", Text),  # the reason the file cannot be read; NULL when it was read
    Column("profile", Text),
    Column("document", LargeBinary),
    Column("created_at", DateTime, nullable=False),
)

analyses = Table(
    "scan_analyses",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("name", String(255), primary_key=True),
    Column("analysis", String(16), primary_key=True),
    Column("findings", Text, nullable=False),
    Column("coverage", Text, nullable=False, default="{}"),
    Column("seconds", Float, nullable=False, default=0.0),
    Column("created_at", DateTime, nullable=False),
)


fresh_runs = Table(
    "scan_runs",
    metadata,
    Column("files", String(64), primary_key=True),  # digest of the scanned files' paths
    Column("started_at", DateTime, nullable=False),
)


uploads = Table(
    "uploads",
    MetaData(),  # not in ``metadata``: never dropped by ``_drop_outdated``
    Column("sha256", String(64), primary_key=True),
    Column("name", String(255), nullable=False),
    Column("data", LargeBinary, nullable=False),
    Column("added_at", DateTime, nullable=False),
)


def code_digest(*parts: str) -> str:
    """A digest of the source of ``parts`` (packages or modules of this tool, relative to its
    root): any change to the code that produced a stored result makes that result stale,
    whether or not a version was bumped."""
    h = hashlib.sha256()
    for part in parts:
        target = ROOT / part
        for path in sorted(target.rglob("*.py")) if target.is_dir() else [target]:
            h.update(str(path.relative_to(ROOT)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


@lru_cache(maxsize=1)
def extractor_version() -> str:
    return code_digest("extract", "models")


def analysis_version(baseline_digest: str) -> str:
    from detectors.registry import rule_versions

    return _analysis_version(rule_versions(), baseline_digest)


@lru_cache(maxsize=8)
def _analysis_version(rules: str, baseline_digest: str) -> str:
    code = code_digest("detectors", "models", "audit_assist/pipeline.py", "audit_assist/coverage.py")
    h = hashlib.sha256(f"{rules}|{code}|{baseline_digest}".encode())
    return h.hexdigest()[:16]


def pack_document(doc: Document) -> bytes:
    return zlib.compress(pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL), 1)


def unpack_document(blob: bytes, name: str, path: str) -> Document:
    """A stored document, renamed to the file it is read for now (the same content may sit
    under several names)."""
    doc = pickle.loads(zlib.decompress(blob))  # noqa: S301 - written by this tool, into its own store
    doc.name, doc.path = name, path
    return doc


def profile_of(doc: Document) -> dict:
    """What is stored of a document besides the document itself: its profile for the corpus
    baseline, and its identity for the families it belongs to (read without unpacking it)."""
    from detectors.linked.families import Identity
    from detectors.stats.baseline import DocProfile

    return {**DocProfile.of(doc).to_json(), "identity": Identity.of(doc).to_json()}


@dataclass
class StoredAnalysis:
    findings: list[dict[str, Any]]  # contract JSON
    coverage: dict[str, Any]  # the coverage record's JSON


@dataclass
class Extraction:
    sha256: str
    name: str
    path: str
    pages: int
    seconds: float
    peak_mb: float
    warnings: list[str]
    error: str | None
    profile: dict | None
    document: bytes | None


def _drop_outdated(engine: Engine) -> None:
    """These tables only save work: one written by an older version of this module, with other
    columns, is dropped and rebuilt (its documents are read again), never migrated."""
    existing = inspect(engine)
    stale = [
        t
        for t in metadata.sorted_tables
        if existing.has_table(t.name) and {c["name"] for c in existing.get_columns(t.name)} != set(t.columns.keys())
    ]
    for t in stale:
        t.drop(engine)


def _extraction(m) -> Extraction:
    return Extraction(
        m["sha256"],
        m["name"],
        m["path"],
        m["pages"],
        m["seconds"],
        m["peak_mb"],
        json.loads(m["warnings"]),
        m["error"],
        json.loads(m["profile"]) if m["profile"] else None,
        m.get("document"),
    )


def _chunks(items: list[str], size: int = 500) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class ResultStore:
    def __init__(self, url_or_engine: str | Engine | None = None):
        self.engine = make_engine(url_or_engine)
        _drop_outdated(self.engine)
        metadata.create_all(self.engine)
        uploads.create(self.engine, checkfirst=True)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def dispose(self) -> None:
        self.engine.dispose()

    # ------------------------------------------------------------ extractions

    def extraction(self, sha256: str, *, with_document: bool = False, since: datetime | None = None) -> Extraction | None:
        """The stored extraction of this content by this extractor (stored at ``since`` or later)."""
        cols = [c for c in extractions.c if with_document or c.name != "document"]
        query = select(*cols).where(extractions.c.sha256 == sha256, extractions.c.extractor == extractor_version())
        if since is not None:
            query = query.where(extractions.c.created_at >= since)
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return None if row is None else _extraction(row._mapping)

    def extracted(self, sha256s: list[str], since: datetime | None = None) -> dict[str, Extraction]:
        """The stored extractions of these contents (read, or known unreadable) by this extractor,
        stored at ``since`` or later, without their documents: one query per 500 files."""
        cols = [c for c in extractions.c if c.name != "document"]
        out: dict[str, Extraction] = {}
        with self.engine.connect() as conn:
            for chunk in _chunks(sha256s):
                query = select(*cols).where(extractions.c.extractor == extractor_version(), extractions.c.sha256.in_(chunk))
                if since is not None:
                    query = query.where(extractions.c.created_at >= since)
                out.update((r.sha256, _extraction(r._mapping)) for r in conn.execute(query))
        return out

    def put_extraction(self, e: Extraction) -> None:
        values = {
            "sha256": e.sha256,
            "extractor": extractor_version(),
            "name": e.name,
            "path": e.path,
            "pages": e.pages,
            "seconds": e.seconds,
            "peak_mb": e.peak_mb,
            "warnings": json.dumps(e.warnings, ensure_ascii=False),
            "error": e.error,
            "profile": json.dumps(e.profile, ensure_ascii=False) if e.profile is not None else None,
            "document": e.document,
            "created_at": _now(),
        }
        with self.engine.begin() as conn:
            conn.execute(
                delete(extractions).where(extractions.c.sha256 == e.sha256, extractions.c.extractor == values["extractor"])
            )
            conn.execute(insert(extractions).values(**values))

    # ------------------------------------------------------------ analyses

    def analysed(
        self, files: list[tuple[str, str]], analysis: str, since: datetime | None = None
    ) -> dict[tuple[str, str], StoredAnalysis]:
        """The stored findings and coverage of these (sha256, name) files under this analysis
        version (stored at ``since`` or later), fetched in bulk; a file without a stored analysis
        is absent."""
        wanted = set(files)
        out: dict[tuple[str, str], StoredAnalysis] = {}
        with self.engine.connect() as conn:
            for chunk in _chunks(sorted({sha for sha, _ in wanted})):
                query = select(analyses.c.sha256, analyses.c.name, analyses.c.findings, analyses.c.coverage).where(
                    analyses.c.analysis == analysis, analyses.c.sha256.in_(chunk)
                )
                if since is not None:
                    query = query.where(analyses.c.created_at >= since)
                out.update(
                    ((r.sha256, r.name), StoredAnalysis(json.loads(r.findings), json.loads(r.coverage)))
                    for r in conn.execute(query)
                    if (r.sha256, r.name) in wanted
                )
        return out

    def put_analysis(self, sha256: str, name: str, analysis: str, result: StoredAnalysis, seconds: float) -> None:
        key = (analyses.c.sha256 == sha256, analyses.c.name == name, analyses.c.analysis == analysis)
        with self.engine.begin() as conn:
            conn.execute(delete(analyses).where(*key))
            conn.execute(
                insert(analyses).values(
                    sha256=sha256,
                    name=name,
                    analysis=analysis,
                    findings=json.dumps(result.findings, ensure_ascii=False),
                    coverage=json.dumps(result.coverage, ensure_ascii=False),
                    seconds=seconds,
                    created_at=_now(),
                )
            )

    # ------------------------------------------------------------ the review app's documents

    def keep_upload(self, sha256: str, name: str, data: bytes) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(uploads).where(uploads.c.sha256 == sha256))
            conn.execute(insert(uploads).values(sha256=sha256, name=name, data=data, added_at=_now()))

    def drop_upload(self, sha256: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(uploads).where(uploads.c.sha256 == sha256))

    def kept_uploads(self) -> list[tuple[str, str, bytes]]:
        """(sha256, name, bytes) of the documents the review app holds, in the order added."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(uploads.c.sha256, uploads.c.name, uploads.c.data).order_by(uploads.c.added_at, uploads.c.sha256)
            )
            return [(r.sha256, r.name, bytes(r.data)) for r in rows]

    # ------------------------------------------------------------ fresh scans

    def fresh_start(self, files: str) -> tuple[datetime, bool]:
        """When the ``--fresh`` scan of ``files`` (a digest of their paths) started: now, or the
        start of the same scan that was interrupted (then ``True``: it goes on from there)."""
        with self.engine.begin() as conn:
            started = conn.scalar(select(fresh_runs.c.started_at).where(fresh_runs.c.files == files))
            if started is not None:
                return started, True
            now = _now()
            conn.execute(insert(fresh_runs).values(files=files, started_at=now))
            return now, False

    def scan_finished(self, files: str) -> None:
        """A scan of ``files`` ran to its end: a later ``--fresh`` starts afresh."""
        with self.engine.begin() as conn:
            conn.execute(delete(fresh_runs).where(fresh_runs.c.files == files))

    def catalogue(self, limit: int = 5000) -> list[dict[str, Any]]:
        """The files read by this extractor, newest first, each with where it was read from, the
        severities of its latest analysis and whether its coverage was low: what a reviewer picks
        batch-scanned files from."""
        with self.engine.connect() as conn:
            files = conn.execute(
                select(
                    extractions.c.sha256,
                    extractions.c.name,
                    extractions.c.path,
                    extractions.c.pages,
                    extractions.c.error,
                    extractions.c.created_at,
                )
                .where(extractions.c.extractor == extractor_version())
                .order_by(extractions.c.created_at.desc())
                .limit(limit)
            ).all()
            latest: dict[tuple[str, str], tuple[str, str]] = {}
            for row in conn.execute(
                select(analyses.c.sha256, analyses.c.name, analyses.c.findings, analyses.c.coverage).order_by(
                    analyses.c.created_at
                )
            ):
                latest[(row.sha256, row.name)] = (row.findings, row.coverage)
        out = []
        for f in files:
            found, coverage = latest.get((f.sha256, f.name), ("[]", "{}"))
            severities = [r["severity"] for r in json.loads(found)]
            out.append(
                {
                    "sha256": f.sha256,
                    "name": f.name,
                    "path": f.path,
                    "pages": f.pages,
                    "error": f.error,
                    "read_at": f.created_at,
                    "analysed": (f.sha256, f.name) in latest,
                    "low_coverage": bool(json.loads(coverage).get("low_coverage")),
                    **{s: severities.count(s) for s in ("high", "medium", "low", "info")},
                }
            )
        return out

    def counts(self) -> dict[str, int]:
        from sqlalchemy import func

        with self.engine.connect() as conn:
            return {
                "extractions": conn.scalar(select(func.count()).select_from(extractions)) or 0,
                "analyses": conn.scalar(select(func.count()).select_from(analyses)) or 0,
            }
