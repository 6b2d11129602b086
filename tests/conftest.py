from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_docs"
SAMPLE_NAMES = [
    "000_4aab53e2ab223d76",
    "001_5a7f61d3c3cbf9f1",
    "002_78b07d84ccf1ecd6",
    "003_f8e6bfb918ad5980",
    "004_2958b8ff77e9055f",
]


@pytest.fixture(scope="session")
def sample_text_docs():
    from extract import load_document

    return {n: load_document(SAMPLES / f"{n}.txt") for n in SAMPLE_NAMES}


@pytest.fixture(scope="session", autouse=True)
def session_store(tmp_path_factory):
    """Never the product's ``data/audit_assist.db``: what fixtures of wider scope store goes to a
    database of the test session's."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("AUDIT_ASSIST_DB", f"sqlite:///{tmp_path_factory.mktemp('session') / 'audit_assist.db'}")
        yield


@pytest.fixture(autouse=True)
def own_store(tmp_path_factory, monkeypatch):
    """Every test (and every command it starts) gets a database of its own: results a scan
    stores cannot leak from one test into another."""
    db = tmp_path_factory.mktemp("store") / "audit_assist.db"
    monkeypatch.setenv("AUDIT_ASSIST_DB", f"sqlite:///{db}")
    return db


# Real disclosures of another province (Shanghai), beside the checkout; tests that read them skip
# with a reason when the folder is absent. They are never copied into the repository.
REAL = ROOT.parent / "shared" / "real"
