"""Batch scans: the results store makes them resumable, each document runs within limits in a
process of its own, a bad file never stops the batch, and Dask gives the same results."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from functools import partial
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES
from support.pdfs import pages_pdf

from audit_assist import batch
from audit_assist.batch import ClusterError, Limits, Outcome, Task, process, run_dask, run_isolated, scan_files
from audit_assist.results import ResultStore
from detectors.stats.baseline import Baseline, DocProfile, default_baseline
from extract import load_document

TEXTS = ["002_78b07d84ccf1ecd6.txt", "003_f8e6bfb918ad5980.txt", "004_2958b8ff77e9055f.txt"]


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "docs"
    d.mkdir()
    for name in TEXTS:
        (d / name).write_bytes((SAMPLES / name).read_bytes())
    return d


def files_of(folder: Path) -> list[Path]:
    return sorted(folder.iterdir())


def test_a_second_scan_reuses_every_result_and_gives_the_same_findings(folder, tmp_path):
    store = ResultStore(f"sqlite:///{tmp_path / 'r.db'}")
    first = scan_files(files_of(folder), store=store, workers=2, fit_baseline=True, progress=False)
    assert first.documents == 3 and first.reused == 0 and not first.failures
    assert store.counts() == {"extractions": 3, "analyses": 3}
    second = scan_files(files_of(folder), store=store, workers=2, fit_baseline=True, progress=False)
    assert second.reused == 3 and second.pages == 0
    assert second.rows == first.rows and len(first.rows) > 20


def test_a_new_baseline_re_analyses_without_reading_the_files_again(folder, tmp_path):
    store = ResultStore(f"sqlite:///{tmp_path / 'r.db'}")
    scan_files(files_of(folder), store=store, workers=1, progress=False)
    other = Baseline.fit([load_document(f) for f in files_of(folder)], prior=default_baseline())
    assert other.digest() != default_baseline().digest()
    report = scan_files(files_of(folder), store=store, workers=1, baseline=other, progress=False)
    assert report.reused == 0 and report.documents == 3
    assert report.pages == 0  # analysed from the stored extractions
    assert store.counts() == {"extractions": 3, "analyses": 6}


def test_fitting_on_profiles_is_fitting_on_documents(sample_text_docs):
    docs = list(sample_text_docs.values())
    profiles = [DocProfile.from_json(json.loads(json.dumps(DocProfile.of(d).to_json()))) for d in docs]
    assert Baseline.fit(profiles).digest() == Baseline.fit(docs).digest()


def test_an_unreadable_file_is_reported_stored_and_not_read_again(folder, tmp_path):
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 truncated")
    store = ResultStore(f"sqlite:///{tmp_path / 'r.db'}")
    first = scan_files(files_of(folder), store=store, workers=2, progress=False)
    assert first.documents == 3
    assert first.failures == [("broken.pdf", first.failures[0][1])] and "PDF 文件损坏" in first.failures[0][1]
    again = scan_files(files_of(folder), store=store, workers=2, progress=False)
    assert again.failures == first.failures and again.reused == 3 and again.pages == 0


def test_a_pdf_over_the_page_limit_is_refused_and_the_batch_goes_on(folder, tmp_path):
    (folder / "long.pdf").write_bytes(pages_pdf(30))
    report = scan_files(
        files_of(folder), store=ResultStore(f"sqlite:///{tmp_path / 'r.db'}"), limits=Limits(pages=10), progress=False
    )
    assert report.failures == [("long.pdf", "PDF 共 30 页，超过上限 10 页（--max-pages）")]
    assert report.documents == 3
    again = scan_files(
        files_of(folder), store=ResultStore(f"sqlite:///{tmp_path / 'r.db'}"), limits=Limits(pages=40), progress=False
    )
    assert not again.failures and again.documents == 4  # a limit of the run, not stored as the file's fault


# ------------------------------------------------------------------ the per-document process


def _task(i: int, name: str) -> Task:
    return Task(i, name, name, f"sha{i}", extract=True, analyse=False)


def _behave(task: Task) -> Outcome:
    """A stand-in workload, run for real in the forked process: sleeps, allocates, crashes or
    answers, as the file name says."""
    if task.name == "hang":
        time.sleep(60)
    elif task.name == "hog":
        blocks = []
        while True:
            blocks.append(bytearray(64 << 20))
    elif task.name == "crash":
        os.kill(os.getpid(), signal.SIGSEGV)
    return Outcome(task.index, task.name, task.sha256, pages=1)


def test_each_document_is_stopped_at_its_limits_and_the_others_finish():
    tasks = [_task(i, n) for i, n in enumerate(["ok1", "hang", "hog", "crash", "ok2"])]
    start = time.monotonic()
    outcomes = {o.name: o for o in run_isolated(tasks, _behave, workers=2, limits=Limits(seconds=2, memory_mb=300))}
    elapsed = time.monotonic() - start
    assert outcomes["ok1"].error is None and outcomes["ok2"].error is None and outcomes["ok1"].peak_mb > 0
    assert outcomes["hang"].limit == "time" and outcomes["hang"].error == "超过时间上限 2 秒，已停止（--max-seconds）"
    assert outcomes["hog"].limit == "memory" and outcomes["hog"].error == "超过内存上限 300 MB，已停止（--max-memory）"
    assert outcomes["crash"].limit == "crash" and outcomes["crash"].error == "处理进程异常退出（SIGSEGV）"
    assert elapsed < 60  # the hanging document did not hold the batch for its whole sleep


def test_process_reads_and_analyses_a_real_document():
    path = SAMPLES / "004_2958b8ff77e9055f.pdf"
    fn = partial(process, limits=Limits())
    [out] = run_isolated([Task(0, str(path), path.name, "x", extract=True, analyse=True)], fn, 1, Limits())
    assert out.error is None and out.pages == 4 and out.document and out.profile["name"] == path.name
    assert {r["rule"] for r in out.findings} >= {"YOY001", "SUM004"} and out.peak_mb > 50


# ------------------------------------------------------------------ interrupted and resumed


def test_an_interrupted_scan_continues_where_it_stopped(folder, tmp_path):
    copies = 10  # twenty copies besides the three originals, read one at a time: the analyses
    for i in range(copies):  # take long enough to be interrupted half-way on a fast machine
        for name in TEXTS[:2]:
            (folder / f"copy{i}_{name}").write_text(
                (SAMPLES / name).read_text(encoding="utf-8") + "\n" * (i + 1), encoding="utf-8"
            )
    db = tmp_path / "r.db"
    cmd = [sys.executable, "-m", "audit_assist.cli", "scan", str(folder), "--workers", "1", "--results", str(db)]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    store = ResultStore(f"sqlite:///{db}")
    deadline = time.monotonic() + 300
    while store.counts()["analyses"] < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "已中断：已完成的文件都已保存在结果库中" in err
    done = store.counts()["analyses"]
    total = len(TEXTS) + 2 * copies
    assert 2 <= done < total
    resumed = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert resumed.returncode == 0, resumed.stderr
    assert f"完成：{total} 个文件已分析（其中 {done} 个沿用结果库），失败 0" in resumed.stderr

    # --fresh ignores what was stored before it started; interrupted, the same command (with
    # --fresh) goes on from what it had done itself, as the Ctrl-C message promises
    proc = subprocess.Popen([*cmd, "--fresh"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 300
    while analysed_since_fresh_start(store) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130 and "再次运行同一命令会从中断处继续" in err, err
    done = analysed_since_fresh_start(store)
    assert 2 <= done < total
    fresh = subprocess.run([*cmd, "--fresh"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert fresh.returncode == 0, fresh.stderr
    assert "继续上次中断的重新扫描（--fresh）：沿用它已完成的文件" in fresh.stderr
    assert f"完成：{total} 个文件已分析（其中 {done} 个沿用结果库），失败 0" in fresh.stderr
    assert resumed.stdout == fresh.stdout and resumed.stdout.count("\n") > 30
    # finished, a fresh scan starts afresh again
    again = subprocess.run([*cmd, "--fresh"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert f"完成：{total} 个文件已分析（其中 0 个沿用结果库），失败 0" in again.stderr and again.stdout == fresh.stdout


def analysed_since_fresh_start(store: ResultStore) -> int:
    """Findings stored since the unfinished --fresh scan began (0 before it has begun)."""
    from sqlalchemy import func, select

    from audit_assist.results import analyses, fresh_runs

    with store.engine.connect() as conn:
        started = conn.scalar(select(fresh_runs.c.started_at))
        if started is None:
            return 0
        return conn.scalar(select(func.count()).select_from(analyses).where(analyses.c.created_at >= started))


# ------------------------------------------------------------------ Dask


# A LocalCluster of two worker processes, started in a process of its own: its workers are
# spawned, and spawned from this one they would re-run whatever script pytest last ran as
# __main__ (the app, after the app's tests).
CLUSTER = """
import sys
from distributed import LocalCluster
with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
    print(cluster.scheduler_address, flush=True)
    sys.stdin.read()  # until the test closes it
"""


@pytest.fixture(scope="module")
def dask_scheduler():
    cluster = subprocess.Popen(
        [sys.executable, "-c", CLUSTER],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        address = cluster.stdout.readline().strip()
        assert address.startswith("tcp://"), address
        yield address
    finally:
        cluster.stdin.close()
        cluster.wait(timeout=60)


def test_a_dask_cluster_gives_the_local_results(folder, tmp_path, dask_scheduler):
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 truncated")
    local = scan_files(
        files_of(folder), store=ResultStore(f"sqlite:///{tmp_path / 'local.db'}"), workers=2, fit_baseline=True, progress=False
    )
    store = ResultStore(f"sqlite:///{tmp_path / 'dask.db'}")
    remote = scan_files(files_of(folder), store=store, fit_baseline=True, scheduler=dask_scheduler, progress=False)
    assert remote.rows == local.rows and remote.failures == local.failures
    again = scan_files(files_of(folder), store=store, fit_baseline=True, scheduler=dask_scheduler, progress=False)
    assert again.reused == 3 and again.rows == local.rows


def test_dask_workers_running_other_code_are_refused(folder, tmp_path, dask_scheduler, monkeypatch):
    """This machine's extraction code changes (its digest does); the workers still run the code
    they started with, so their results would be stored under the wrong version."""
    real = batch.extractor_version()
    monkeypatch.setattr(batch, "extractor_version", lambda: real + "-changed")
    store = ResultStore(f"sqlite:///{tmp_path / 'r.db'}")
    with pytest.raises(ClusterError, match=r"Dask 工作节点 tcp://\S+, tcp://\S+ 的程序版本与本机不同"):
        scan_files(files_of(folder), store=store, scheduler=dask_scheduler, progress=False)
    assert store.counts()["analyses"] == 0


def test_an_unreachable_dask_scheduler_is_named():
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{s.getsockname()[1]}"
    task = Task(0, "a.txt", "a.txt", "x", extract=True, analyse=True, data=b"")
    with pytest.raises(ClusterError, match=f"无法连接 Dask 调度器 {address}"):
        next(run_dask([task], address, None, Limits(), connect_timeout="2s"))


def test_a_results_table_of_an_older_layout_is_rebuilt_and_review_data_kept(tmp_path):
    import sqlite3

    from audit_assist.store import Store

    url = f"sqlite:///{tmp_path / 'r.db'}"
    review = Store(url)
    review.confirm("f" * 16, doc="a.pdf", reviewer="张三", version=0)
    review.dispose()
    with sqlite3.connect(tmp_path / "r.db") as conn:  # the layout before the path column
        conn.execute("CREATE TABLE scan_extractions (sha256 TEXT, extractor TEXT, name TEXT, PRIMARY KEY (sha256, extractor))")
        conn.execute("INSERT INTO scan_extractions VALUES ('x', 'y', 'old.pdf')")
    store = ResultStore(url)
    assert store.counts() == {"extractions": 0, "analyses": 0}
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / TEXTS[2]).write_bytes((SAMPLES / TEXTS[2]).read_bytes())
    assert scan_files([folder / TEXTS[2]], store=store, progress=False).documents == 1
    assert Store(url).decision("f" * 16).status == "confirmed"
