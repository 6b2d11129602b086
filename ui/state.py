"""Session state and cached analysis shared by the pages."""

from __future__ import annotations

import hashlib
from pathlib import Path

import streamlit as st

from audit_assist.pipeline import Analysis, ExtractionError, analyse_bytes

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sample_docs"


def init() -> None:
    st.session_state.setdefault("files", {})  # sha256 → (name, bytes)
    st.session_state.setdefault("errors", {})  # name → reason
    if not st.session_state.files and not st.session_state.get("samples_loaded"):
        load_samples()


def sample_files() -> list[Path]:
    pdfs = sorted(SAMPLE_DIR.glob("*.pdf"))
    return pdfs or sorted(SAMPLE_DIR.glob("*.txt"))


def load_samples() -> None:
    for p in sample_files():
        add_file(p.name, p.read_bytes())
    st.session_state.samples_loaded = True


def add_file(name: str, data: bytes) -> str:
    sha = hashlib.sha256(data).hexdigest()
    st.session_state.files[sha] = (name, data)
    return sha


@st.cache_data(show_spinner="正在分析…", max_entries=256)
def analyse_cached(sha: str, name: str, _data: bytes) -> Analysis | str:
    """Parsing is cached by the file's hash: a click never re-parses."""
    try:
        return analyse_bytes(_data, name)
    except ExtractionError as exc:
        return exc.reason


def analyses() -> dict[str, Analysis]:
    out: dict[str, Analysis] = {}
    st.session_state.errors = {}
    for sha, (name, data) in st.session_state.files.items():
        result = analyse_cached(sha, name, data)
        if isinstance(result, str):
            st.session_state.errors[name] = result
        else:
            out[sha] = result
    return out
