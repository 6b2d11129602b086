"""The review app's server as ``./dev app`` starts it: on this machine only (127.0.0.1), with an
upload size limit (``.streamlit/config.toml``), and every upload read in a process of its own
within the limits of ``audit-assist scan`` (``audit_assist.batch.analyse_upload``)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
import urllib.request

import pytest
from conftest import ROOT, SAMPLES

from audit_assist.batch import Limits, analyse_upload
from audit_assist.results import ResultStore
from extract import ExtractionError


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _listening(port: int) -> list[str]:
    """The local addresses (hex, as the kernel lists them) of the sockets listening on ``port``."""
    out = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = open(table, encoding="ascii").read().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            if state == "0A" and int(local.rsplit(":", 1)[1], 16) == port:  # 0A: LISTEN
                out.append(local.rsplit(":", 1)[0])
    return out


def test_config_binds_loopback_and_limits_uploads():
    script = (
        "import streamlit.config as c; c.get_config_options(force_reparse=True); "
        "print(c.get_option('server.address'), c.get_option('server.maxUploadSize'))"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.stdout.split() == ["127.0.0.1", "100"]


@pytest.mark.skipif(not os.path.exists("/proc/net/tcp"), reason="reads the kernel's socket table")
def test_the_app_listens_on_loopback_only(tmp_path):
    """``streamlit run app.py`` with no address given (as ``./dev app`` runs it) listens on
    127.0.0.1 only; without the setting it listened on every interface (0.0.0.0 and ::)."""
    port = _free_port()
    log = open(tmp_path / "streamlit.log", "wb")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.fileWatcherType", "none"],
        cwd=ROOT,
        env={**os.environ, "AUDIT_ASSIST_DB": f"sqlite:///{tmp_path / 'review.db'}"},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                    if r.read() == b"ok":
                        break
            except OSError:
                pass
            assert proc.poll() is None and time.monotonic() < deadline, (tmp_path / "streamlit.log").read_text()
            time.sleep(0.3)
        assert _listening(port) == ["0100007F"]  # 127.0.0.1
    finally:
        proc.terminate()
        proc.wait(15)
        log.close()


def test_an_upload_is_read_in_a_process_of_its_own_within_the_limits(tmp_path):
    """The review app reads an upload as a scan reads a file: in a forked process whose peak
    memory is recorded with the stored extraction (0 when it was read inside the server), and
    which is stopped at the time and memory limits instead of stalling or exhausting the server."""
    store = ResultStore(f"sqlite:///{tmp_path / 'results.db'}")
    data = (SAMPLES / "004_2958b8ff77e9055f.pdf").read_bytes()
    a = analyse_upload(data, "004.pdf", store=store)
    assert a.doc.name == "004.pdf" and a.doc.page_count == 4 and a.findings
    stored = store.extraction(a.doc.sha256)
    assert stored.error is None and stored.peak_mb > 50 and stored.pages == 4
    again = analyse_upload(data, "004.pdf", store=store)  # from the stored extraction
    assert [f.fingerprint for f in again.findings] == [f.fingerprint for f in a.findings]

    # half a million table rows: seconds of parsing and hundreds of MB of cells
    big = "".join(f"2101{i:06d}\t行政运行\t{i}\t{i}\n" for i in range(500_000)).encode("utf-8")
    with pytest.raises(ExtractionError) as exc:
        analyse_upload(big, "big.txt", store=store, limits=Limits(seconds=1))
    assert exc.value.reason == "超过时间上限 1 秒，已停止（--max-seconds）"
    # one row of five million cells: gigabytes of cells in a second or two (with room left under
    # the cap to raise MemoryError cleanly: a cap of a few MB can abort the process instead)
    wide = ("部门决算\n" + "\t".join(["1"] * 5_000_000) + "\n").encode("utf-8")
    with pytest.raises(ExtractionError) as exc:
        analyse_upload(wide, "wide.txt", store=store, limits=Limits(memory_mb=100))
    assert exc.value.reason == "超过内存上限 100 MB，已停止（--max-memory）"
    # limits of the run, not the files' fault: nothing stored against them
    assert store.extraction(hashlib.sha256(big).hexdigest()) is None
    assert store.extraction(hashlib.sha256(wide).hexdigest()) is None
    store.dispose()
