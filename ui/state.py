"""Session state, the cached analyses and the review store, shared by the pages.

The documents the app holds are kept in the results store by content (``ResultStore.keep_upload``):
a new session, or the app after a restart, opens them again, and the samples only when there are
none. Parsing is cached by the file's hash (``st.cache_data``) and, within a session, the analyses
are kept in session state, so a click never re-parses. Each analysed document is recorded in the
store once per session; review decisions are read from the store on every run, so what another
reviewer decided shows up on the next click.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from audit_assist.accounts import Accounts
from audit_assist.batch import analyse_upload
from audit_assist.families import FamilyResult, FamilyStore, analyse_families
from audit_assist.pipeline import Analysis, ExtractionError
from audit_assist.results import ResultStore
from audit_assist.store import AnalysisDiff, Decision, Store, database_url
from detectors.registry import rule_versions
from models import Finding

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sample_docs"

# Widget values that must survive a page switch (Streamlit drops the state of widgets that are
# not drawn in a run; app.py re-assigns these at the top of every run to keep them).
PERSISTENT_KEYS = (
    "reviewer",
    "f_severity",
    "f_category",
    "f_rule",
    "f_status",
    "f_doc",
    "f_search",
    "x_scope",
    "x_confirmed_only",
    "r_queue",
)


@dataclass(frozen=True)
class Item:
    """One finding as the app lists it; ``key`` is unique even when the PDF and the text version
    of one document (which share fingerprints) are both loaded."""

    key: str
    sha: str
    finding: Finding

    @property
    def fp(self) -> str:
        return self.finding.fingerprint


def init() -> None:
    ss = st.session_state
    if "files" not in ss:  # a new session: the documents kept in the store, else the samples
        # sha256 → (name, bytes), in the order added
        ss.files = {sha: (name, data) for sha, name, data in results_store().kept_uploads()}
        ss.samples_loaded = bool(ss.files)
    ss.setdefault("errors", {})  # name → reason, for files that could not be read
    ss.setdefault("analysed", {})  # sha256 → Analysis | str (the reason it failed)
    ss.setdefault("diffs", {})  # sha256 → AnalysisDiff against the previous analysis of that name
    ss.setdefault("replaced", {})  # name → how many times a new version replaced the old one
    ss.setdefault("seen_uploads", set())  # file ids of uploads already taken in
    ss.setdefault("current", None)  # Item.key of the finding on the 详情 page
    ss.setdefault("order", [])  # Item.keys in the 发现 page's order and filters, for next / previous
    ss.setdefault("flash", {})  # where → (kind, message), shown once
    ss.setdefault("reviewer", "")
    if not ss.files and not ss.get("samples_loaded"):
        load_samples()


def keep_widget_state() -> None:
    for key in PERSISTENT_KEYS:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def reviewer() -> str:
    """Who decides: the logged-in account in a shared app, else the name typed in the sidebar."""
    account = st.session_state.get("account")
    return account.name if account else (st.session_state.get("reviewer") or "").strip()


# ------------------------------------------------------------------ files


def sample_files() -> list[Path]:
    pdfs = sorted(SAMPLE_DIR.glob("*.pdf"))
    return pdfs or sorted(SAMPLE_DIR.glob("*.txt"))


def load_samples() -> None:
    for p in sample_files():
        add_file(p.name, p.read_bytes())
    st.session_state.samples_loaded = True


def add_file(name: str, data: bytes) -> str:
    """Add a file; a file with the name of one already loaded but other content is a new version
    of it and replaces it (its findings keep their fingerprints, and so their decisions)."""
    ss = st.session_state
    sha = hashlib.sha256(data).hexdigest()
    if sha in ss.files:
        return sha
    for old_sha, (old_name, _) in list(ss.files.items()):
        if old_name == name:
            remove_file(old_sha)
            ss.replaced[name] = ss.replaced.get(name, 0) + 1
    ss.files[sha] = (name, data)
    results_store().keep_upload(sha, name, data)  # back after a restart
    return sha


def remove_file(sha: str) -> None:
    ss = st.session_state
    name, _ = ss.files.pop(sha, ("", b""))
    results_store().drop_upload(sha)
    ss.analysed.pop(sha, None)
    ss.diffs.pop(sha, None)
    ss.errors.pop(name, None)


def clear_files() -> None:
    for sha in list(st.session_state.files):
        remove_file(sha)
    st.session_state.current = None
    st.session_state.order = []


# ------------------------------------------------------------------ analysis


@st.cache_data(show_spinner=False, max_entries=256)
def analyse_cached(sha: str, name: str, rules: str, _data: bytes) -> Analysis | str:
    """Keyed on the file's hash (and the rule set's versions); the bytes are not hashed again.
    The file is read and analysed in a process of its own within the limits of a batch scan
    (``audit_assist.batch.analyse_upload``); its extraction comes from the results store when
    this content was read before (by the app or by a batch scan), so reopening the app does not
    read the PDFs again. Returns the analysis, or the reason (in Chinese) the file could not be read."""
    try:
        return analyse_upload(_data, name, store=results_store())
    except ExtractionError as exc:
        return exc.reason
    except Exception as exc:  # noqa: BLE001 - one bad file must not take the app down
        return f"分析时出错（{type(exc).__name__}: {exc}）"


def analyses() -> dict[str, Analysis]:
    """The analyses of the loaded files that could be read, by sha256, in the order added."""
    ss = st.session_state
    todo = [sha for sha in ss.files if sha not in ss.analysed]
    if todo:
        bar = st.progress(0.0, text="正在分析…")
        for i, sha in enumerate(todo):
            name, data = ss.files[sha]
            bar.progress(i / len(todo), text=f"正在分析 {name}（{i + 1}/{len(todo)}）…")
            result = analyse_cached(sha, name, rule_versions(), data)
            ss.analysed[sha] = result
            if isinstance(result, Analysis):
                _record(sha, result)
        bar.empty()
    out: dict[str, Analysis] = {}
    ss.errors = {}
    for sha, (name, _) in ss.files.items():
        result = ss.analysed[sha]
        if isinstance(result, str):
            ss.errors[name] = result
        else:
            out[sha] = result
    return out


def _record(sha: str, a: Analysis) -> None:
    d = a.doc
    try:
        st.session_state.diffs[sha] = store().record_analysis(
            d.name,
            sha,
            a.findings,
            rule_versions=rule_versions(),
            doc_type=d.doc_type,
            year=d.year,
            department=d.department,
            page_count=d.page_count,
        )
    except Exception as exc:  # noqa: BLE001 - the findings are still shown; say why history is missing
        st.session_state.flash["documents"] = ("warning", f"无法在数据库中记录 {d.name} 的分析结果：{exc}")


def diff(sha: str) -> AnalysisDiff | None:
    return st.session_state.diffs.get(sha)


def families() -> FamilyResult:
    """The families among the loaded documents (the links made or undone by hand applied) and
    their findings; derived again only when the documents or the hand-made links change."""
    ss = st.session_state
    docs = {sha: a.doc for sha, a in analyses().items()}
    manual = family_store().manual()
    signature = (tuple(sorted(docs)), tuple(sorted((tuple(sorted(k)), v) for k, v in manual.items())))
    if ss.get("families_of") != signature:
        ss.families = analyse_families(docs.values(), manual)
        ss.families_of = signature
    return ss.families


def items() -> list[Item]:
    """Every finding of the loaded documents, and of the families they form, highest score first."""
    out = [Item(f"{sha[:12]}:{f.fingerprint}", sha, f) for sha, a in analyses().items() for f in a.findings]
    sha_of = {a.doc.name: sha for sha, a in analyses().items()}
    for f in families().findings:
        if f.doc in sha_of:
            out.append(Item(f"{sha_of[f.doc][:12]}:{f.fingerprint}", sha_of[f.doc], f))
    out.sort(key=lambda it: (-it.finding.score, it.finding.doc, it.finding.rule, it.finding.fingerprint))
    return out


def sha_of(name: str) -> str | None:
    """The loaded file of that name (the other document a finding's evidence comes from)."""
    return next((sha for sha, (n, _) in st.session_state.files.items() if n == name), None)


def item(key: str | None) -> Item | None:
    if not key:
        return None
    return next((it for it in items() if it.key == key), None)


# ------------------------------------------------------------------ store


@st.cache_resource(show_spinner=False)
def _store(url: str) -> Store:
    return Store(url)


def store() -> Store:
    return _store(database_url())


@st.cache_resource(show_spinner=False)
def _accounts(url: str) -> Accounts:
    return Accounts(_store(url))


def accounts() -> Accounts:
    return _accounts(database_url())


@st.cache_resource(show_spinner=False)
def _results(url: str) -> ResultStore:
    return ResultStore(url)


@st.cache_resource(show_spinner=False)
def _families(url: str) -> FamilyStore:
    return FamilyStore(_results(url).engine)


def family_store() -> FamilyStore:
    """The links made or undone by hand between documents, kept with the decisions."""
    return _families(database_url())


def results_store() -> ResultStore:
    """The batch scans' results, in the same database as the decisions."""
    return _results(database_url())


def decisions(its: list[Item]) -> dict[str, Decision]:
    """Current decisions for these findings, by fingerprint (read fresh on every run), each
    seen against its finding's values now (``Decision.values_changed``)."""
    found = store().decisions(it.fp for it in its)
    return {it.fp: found[it.fp].against(it.finding.to_json()["values"]) for it in its if it.fp in found}


def decision(it: Item) -> Decision | None:
    """The current decision of one finding, seen against its values now."""
    d = store().decision(it.fp)
    return d.against(it.finding.to_json()["values"]) if d else None


def status_of(decision: Decision | None) -> str:
    return decision.status if decision else "pending"


# ------------------------------------------------------------------ messages


def flash(where: str, kind: str, message: str) -> None:
    st.session_state.flash[where] = (kind, message)


def show_flash(where: str) -> None:
    msg = st.session_state.flash.pop(where, None)
    if msg:
        kind, text = msg
        {"success": st.success, "error": st.error, "warning": st.warning}.get(kind, st.info)(text)
