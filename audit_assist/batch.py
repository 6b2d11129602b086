"""Batch scans: many files, in parallel, resumable, each document within limits.

    report = scan_files(files, store=ResultStore(), workers=8)
    report.rows       # the findings of every file (contract JSON), highest score first
    report.coverage   # the coverage record of every file analysed (JSON), in the files' order
    report.failures   # (file name, reason) of the files that could not be analysed

How a scan runs:

1. Every file is hashed. A file whose content was already analysed with the same analysis
   version (rule versions, rule code, baseline) is not touched again: its findings and its
   coverage record come from the results store (``audit_assist.results``).
2. When the corpus baseline is fitted on the scanned files (a folder, or ``--baseline FILE``
   that does not exist yet), every file is first read (or its stored extraction reused) and the
   baseline is fitted on their ``DocProfile`` — small summaries, so a corpus of any size fits in
   memory. Otherwise the baseline is the shipped default or the given file.
3. Each document is analysed under that baseline, reading the stored extraction when there is
   one (re-analysing after a rule change does not read the PDFs again).

Every document runs in a process of its own (forked from this one, at most ``workers`` at a
time), so one hostile file cannot stall or kill the batch: a document that runs longer than
``Limits.seconds`` is stopped, one that allocates more than ``Limits.memory_mb`` fails inside its
own process, a PDF of more than ``Limits.pages`` pages is refused, and a process that dies is
reported; the batch goes on. Each result is stored the moment it arrives, so an interrupted
scan loses nothing: run the same command again and it continues where it stopped.

With ``scheduler`` (a ``dask.distributed`` scheduler address, or a ``Client``) the documents
run on the Dask cluster's workers instead, each still in a process of its own with the same
limits; the files' bytes travel with the tasks, so the workers need no shared folder, and the
results go to the same store, written by this process only.
"""

from __future__ import annotations

import faulthandler
import hashlib
import os
import pickle
import resource
import selectors
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from extract import read_error

from .results import (
    Extraction,
    ResultStore,
    StoredAnalysis,
    analysis_version,
    extractor_version,
    pack_document,
    profile_of,
    unpack_document,
)

LIMIT_LABELS = {"time": "时间", "memory": "内存", "pages": "页数", "crash": "进程"}


@dataclass(frozen=True)
class Limits:
    """What one document may take. ``pages`` applies to PDFs."""

    seconds: float = 600.0
    memory_mb: int = 4096
    pages: int = 2000


@dataclass
class Task:
    index: int
    path: str
    name: str
    sha256: str
    extract: bool  # read the file (else ``document`` is the stored extraction)
    analyse: bool
    document: bytes | None = None
    data: bytes | None = None  # the file's bytes, for workers that cannot read ``path`` (Dask)
    keep_analysis: bool = False  # send back the ``Analysis`` itself (the review app draws from it)


@dataclass
class Outcome:
    index: int
    name: str
    sha256: str
    pages: int = 0
    seconds: float = 0.0
    analyse_seconds: float = 0.0
    peak_mb: float = 0.0
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    limit: str | None = None  # which limit stopped it: time | memory | pages | crash
    permanent: bool = False  # the error is a property of the file (stored: not retried)
    document: bytes | None = None
    profile: dict | None = None
    findings: list[dict] | None = None
    coverage: dict | None = None
    analysis: Any = None  # the pipeline's ``Analysis``, when the task asked for it


# ------------------------------------------------------------------ one document


def process(task: Task, baseline=None, limits: Limits = Limits()) -> Outcome:
    """Read and/or analyse one document, in this process. Never raises for a bad file."""
    from detectors.stats.baseline import using_baseline
    from extract import ExtractionError, PageLimitError

    from .pipeline import analyse_document, read_disclosure

    out = Outcome(task.index, task.name, task.sha256)
    start = time.perf_counter()
    try:
        if task.extract:
            data = task.data if task.data is not None else Path(task.path).read_bytes()
            doc = read_disclosure(data, task.name, task.path, max_pages=limits.pages)
            out.document = pack_document(doc)
            out.profile = profile_of(doc)
            out.warnings = list(doc.warnings)
        else:
            doc = unpack_document(task.document, task.name, task.path)
        out.pages = doc.page_count or 0
        out.seconds = time.perf_counter() - start
        if task.analyse:
            with using_baseline(baseline):
                analysis = analyse_document(doc)
            out.findings = [f.to_json() for f in analysis.findings]
            out.coverage = analysis.coverage.to_json()
            if task.keep_analysis:
                out.analysis = analysis
            out.warnings += analysis.rule_errors
            out.analyse_seconds = time.perf_counter() - start - out.seconds
    except PageLimitError as exc:  # a limit of this run: not stored, a run with a higher one reads it
        out.error, out.limit = f"{exc.reason}（--max-pages）", "pages"
    except ExtractionError as exc:
        out.error, out.permanent = exc.reason, True
    except MemoryError:
        out.error, out.limit = _memory_error(limits), "memory"
    except RecursionError:
        out.error, out.permanent = "文件结构嵌套过深或自我引用，无法解析", True
    except OSError as exc:
        out.error = read_error(task.path, exc)
    except Exception as exc:  # noqa: BLE001 - a bug on one file must not stop the batch
        stage = "读取" if task.extract and out.document is None else "分析"
        out.error = f"{stage}时出错（{type(exc).__name__}: {exc}）"
    return out


def _memory_error(limits: Limits) -> str:
    return f"超过内存上限 {limits.memory_mb} MB，已停止（--max-memory）"


# ------------------------------------------------------------------ one process per document


def _vm_kb() -> int:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmSize:"):
                return int(line.split()[1])
    return 0


def _preload(fn: Callable[[Task], Outcome]) -> None:
    """Import the readers and rules, and build the shipped baseline's forest, once in this
    process: every forked document process then starts with them instead of paying for them."""
    import docx  # noqa: F401
    import openpyxl  # noqa: F401
    import pdfminer.pdfparser  # noqa: F401
    import pdfplumber  # noqa: F401

    from detectors.stats.baseline import active_baseline

    from . import pipeline  # noqa: F401 - and with it every rule

    baseline = getattr(fn, "keywords", {}).get("baseline") or active_baseline()
    baseline.rates.forest()


def _child(fn: Callable[[Task], Outcome], task: Task, limits: Limits, w: int) -> None:
    """In the forked process: cap the address space, run, send the outcome, exit."""
    try:
        faulthandler.disable()  # a crash is reported by the parent, with its signal
        cap = (_vm_kb() + limits.memory_mb * 1024) * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
        out = fn(task)
        out.peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        payload = pickle.dumps(out, protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        payload = pickle.dumps(Outcome(task.index, task.name, task.sha256, error=_memory_error(limits), limit="memory"))
    except BaseException as exc:  # noqa: BLE001 - anything at all goes back as this file's error
        payload = pickle.dumps(Outcome(task.index, task.name, task.sha256, error=f"处理进程出错（{type(exc).__name__}）"))
    try:
        view = memoryview(payload)
        while view:
            view = view[os.write(w, view) :]
    finally:
        os._exit(0)


@dataclass
class _Running:
    task: Task
    pid: int
    fd: int
    started: float
    chunks: list[bytes] = field(default_factory=list)


def run_isolated(
    tasks: Iterable[Task], fn: Callable[[Task], Outcome], workers: int, limits: Limits, poll: float = 0.2
) -> Iterator[Outcome]:
    """Run ``fn`` on each task in a forked process of its own, ``workers`` at a time, and yield
    the outcomes as they finish. A process past ``limits.seconds`` is killed; one that dies
    without an answer is reported with its signal."""
    _preload(fn)
    pending = deque(tasks)
    running: dict[int, _Running] = {}
    sel = selectors.DefaultSelector()
    try:
        while pending or running:
            while pending and len(running) < max(1, workers):
                task = pending.popleft()
                r, w = os.pipe()
                # Ctrl-C held back while forking: delivered in the middle of the fork's own
                # handlers it is swallowed ("Exception ignored in _releaseLock") and the scan goes on
                mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
                try:
                    pid = os.fork()
                    if pid == 0:  # pragma: no cover - the child never returns
                        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
                        os.close(r)
                        _child(fn, task, limits, w)
                finally:
                    signal.pthread_sigmask(signal.SIG_SETMASK, mask)
                os.close(w)
                os.set_blocking(r, False)
                running[r] = _Running(task, pid, r, time.monotonic())
                sel.register(r, selectors.EVENT_READ)
            for key, _ in sel.select(timeout=poll):
                job = running[key.fd]
                try:
                    chunk = os.read(job.fd, 1 << 20)
                except BlockingIOError:
                    continue
                if chunk:
                    job.chunks.append(chunk)
                    continue
                yield _finish(job, sel, running)
            now = time.monotonic()
            for job in [j for j in running.values() if now - j.started > limits.seconds]:
                os.kill(job.pid, signal.SIGKILL)
                _finish(job, sel, running)
                yield Outcome(
                    job.task.index,
                    job.task.name,
                    job.task.sha256,
                    seconds=now - job.started,
                    error=f"超过时间上限 {limits.seconds:g} 秒，已停止（--max-seconds）",
                    limit="time",
                )
    finally:
        for job in list(running.values()):
            os.kill(job.pid, signal.SIGKILL)
            _finish(job, sel, running)
        sel.close()


def _finish(job: _Running, sel: selectors.BaseSelector, running: dict[int, _Running]) -> Outcome:
    sel.unregister(job.fd)
    os.close(job.fd)
    del running[job.fd]
    _, status = os.waitpid(job.pid, 0)
    data = b"".join(job.chunks)
    if data:
        try:
            return pickle.loads(data)
        except Exception:  # noqa: BLE001 - a truncated answer is a crashed process
            pass
    t = job.task
    if os.WIFSIGNALED(status):
        sig = signal.Signals(os.WTERMSIG(status)).name
        reason = "处理进程被系统终止（SIGKILL，可能是内存不足）" if sig == "SIGKILL" else f"处理进程异常退出（{sig}）"
    else:
        reason = f"处理进程异常退出（退出码 {os.WEXITSTATUS(status)}）"
    return Outcome(t.index, t.name, t.sha256, seconds=time.monotonic() - job.started, error=reason, limit="crash")


# ------------------------------------------------------------------ Dask


_WORKER_BASELINES: dict[str, Any] = {}


def dask_process(task: Task, baseline_json: dict | None, digest: str, limits: Limits) -> Outcome:
    """A task on a Dask worker: the same per-document process and limits as a local scan."""
    baseline = None
    if baseline_json is not None:
        from detectors.stats.baseline import Baseline

        baseline = _WORKER_BASELINES.get(digest)
        if baseline is None:
            baseline = _WORKER_BASELINES[digest] = Baseline.from_json(baseline_json)
    fn = partial(process, baseline=baseline, limits=limits)
    return next(iter(run_isolated([task], fn, 1, limits)))


class ClusterError(RuntimeError):
    """The Dask cluster cannot run this scan (unreachable, or running other code)."""


def code_version() -> str:
    """What a worker must run for its results to be this machine's: the extraction and analysis code."""
    return f"{extractor_version()}|{analysis_version('')}"


def run_dask(
    tasks: Iterable[Task], scheduler, baseline, limits: Limits, window: int | None = None, connect_timeout: str = "30s"
) -> Iterator[Outcome]:
    """Run the tasks on a Dask cluster, keeping at most ``window`` in flight (the files' bytes
    travel with them)."""
    from distributed import Client, as_completed

    try:
        client = scheduler if isinstance(scheduler, Client) else Client(scheduler, timeout=connect_timeout)
    except OSError as exc:
        raise ClusterError(f"无法连接 Dask 调度器 {scheduler}（{exc}）") from exc
    try:
        ours = code_version()
        theirs = {addr: v for addr, v in client.run(code_version).items() if v != ours}
        if theirs:  # their results would be stored as ours
            raise ClusterError(f"Dask 工作节点 {', '.join(sorted(theirs))} 的程序版本与本机不同，请先更新这些节点")
        baseline_json = client.scatter(baseline.to_json(), broadcast=True) if baseline is not None else None
        digest = baseline.digest() if baseline is not None else ""
        window = window or 4 * max(1, sum(client.nthreads().values()))
        todo = iter(tasks)
        futures = as_completed()
        owner: dict[str, Task] = {}

        def submit(n: int) -> None:
            for task in (next(todo, None) for _ in range(n)):
                if task is None:
                    return
                if task.extract and task.data is None:
                    task.data = Path(task.path).read_bytes()
                fut = client.submit(dask_process, task, baseline_json, digest, limits, pure=False)
                owner[fut.key] = task
                futures.add(fut)

        submit(window)
        for fut in futures:
            task = owner.pop(fut.key)
            try:
                out = fut.result()
            except Exception as exc:  # noqa: BLE001 - a lost worker is this file's failure
                out = Outcome(
                    task.index, task.name, task.sha256, error=f"Dask 任务失败（{type(exc).__name__}: {exc}）", limit="crash"
                )
            fut.release()
            yield out
            submit(1)
    finally:
        if client is not scheduler:
            client.close()


def store_extraction(store: ResultStore, outcome: Outcome, path: str = "") -> None:
    """Keep what reading the file gave: its document, or the reason it cannot be read when that
    reason is the file's own (not a limit of this run)."""
    if outcome.error is None or outcome.permanent:
        store.put_extraction(
            Extraction(
                outcome.sha256,
                outcome.name,
                path,
                outcome.pages,
                outcome.seconds,
                outcome.peak_mb,
                outcome.warnings,
                outcome.error,
                outcome.profile,
                outcome.document,
            )
        )


def analyse_upload(data: bytes, name: str, *, store: ResultStore, limits: Limits = Limits()):
    """One file given to the review app, read and analysed as a scan's documents are: in a
    process of its own, within ``limits``, so that a hostile upload costs that process and never
    stalls or exhausts the app's server. Its extraction comes from, or goes to, the results store.
    Returns the ``pipeline.Analysis``; raises ``ExtractionError`` with the reason otherwise."""
    from extract import ExtractionError

    sha = hashlib.sha256(data).hexdigest()
    known = store.extraction(sha, with_document=True)
    if known is not None and known.error:
        raise ExtractionError(name, known.error)
    stored = known.document if known is not None else None
    task = Task(0, "", name, sha, extract=stored is None, analyse=True, document=stored, data=data, keep_analysis=True)
    out = next(run_isolated([task], partial(process, limits=limits), 1, limits))
    if out.document is not None or out.error:
        store_extraction(store, out)
    if out.error:
        raise ExtractionError(name, out.error)
    return out.analysis


# ------------------------------------------------------------------ the scan


@dataclass
class FileRef:
    index: int
    path: Path
    name: str
    sha256: str = ""


@dataclass
class ScanReport:
    rows: list[dict[str, Any]] = field(default_factory=list)
    coverage: list[dict[str, Any]] = field(default_factory=list)  # one record per document analysed
    failures: list[tuple[str, str]] = field(default_factory=list)  # (file name, reason)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    documents: int = 0  # analysed now or before
    analysed: list[tuple[str, str]] = field(default_factory=list)  # (sha256, name) of each
    reused: int = 0  # analyses taken from the store
    pages: int = 0  # pages read from files in this run
    seconds: float = 0.0
    peak_mb: float = 0.0  # the largest peak resident memory of one document's process
    baseline: str = ""  # the baseline's description

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0


class Progress:
    """One progress line on stderr: documents done, pages per second, failures, reused."""

    def __init__(self, total: int, stage: str = "", stream=None):
        self.total, self.stage = total, stage
        self.done = self.pages = self.failed = self.reused = 0
        self.start = time.monotonic()
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()

    def step(self, name: str, pages: int = 0, failed: bool = False, reused: bool = False) -> None:
        self.done += 1
        self.pages += pages
        self.failed += failed
        self.reused += reused
        if self.total <= 1:
            return
        now = time.monotonic()
        rate = self.pages / (now - self.start) if now > self.start else 0.0
        width = 20
        bar = "#" * (width * self.done // self.total) + "." * (width - width * self.done // self.total)
        line = f"{self.stage}[{bar}] {self.done}/{self.total} · {rate:.1f} 页/秒 · 失败 {self.failed}"
        if self.reused:
            line += f" · 沿用 {self.reused}"
        line += f" · {name}"
        if self.tty:
            self.stream.write("\r" + line[:110].ljust(110) + ("\n" if self.done == self.total else ""))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def scan_files(
    paths: Sequence[Path],
    *,
    store: ResultStore,
    workers: int = 1,
    limits: Limits = Limits(),
    fit_baseline: bool = False,
    baseline=None,
    baseline_file: str | None = None,
    fresh: bool = False,
    scheduler=None,
    progress: bool = True,
) -> ScanReport:
    """Scan ``paths`` (files) as the module docstring says. ``baseline``: the baseline to judge
    against (default: the shipped one) unless ``fit_baseline``, which fits one on the files (and
    saves it to ``baseline_file`` when given)."""
    from detectors.stats.baseline import Baseline, DocProfile, default_baseline

    report = ScanReport()
    t0 = time.perf_counter()
    files: list[FileRef] = []
    for i, p in enumerate(paths):
        ref = FileRef(i, Path(p), Path(p).name)
        try:
            ref.sha256 = sha256_file(ref.path)
        except OSError as exc:
            report.failures.append((ref.name, read_error(ref.path, exc)))
            continue
        files.append(ref)
    runner = _runner(workers, scheduler, limits)
    paths_of = {f.index: str(f.path.resolve()) for f in files}

    def stored(outcome: Outcome) -> None:
        store_extraction(store, outcome, paths_of.get(outcome.index, ""))

    # --fresh ignores what was stored before this scan began, but not what it stored itself:
    # run again after an interruption, the same command goes on where it stopped
    run_key = hashlib.sha256("\n".join(sorted(paths_of.values())).encode()).hexdigest()
    since = None
    if fresh:
        since, resumed = store.fresh_start(run_key)
        if resumed and progress:
            sys.stderr.write("继续上次中断的重新扫描（--fresh）：沿用它已完成的文件\n")
    known = store.extracted([f.sha256 for f in files], since)
    unreadable = {f.index: known[f.sha256].error for f in files if f.sha256 in known and known[f.sha256].error}

    if fit_baseline:
        todo = [f for f in files if f.sha256 not in known]
        bar = Progress(len(todo), "读取 ", None) if progress else None
        tasks = (Task(f.index, str(f.path), f.name, f.sha256, extract=True, analyse=False) for f in todo)
        for out in runner(tasks, None):
            stored(out)
            report.pages += out.pages
            report.peak_mb = max(report.peak_mb, out.peak_mb)
            if out.error:
                unreadable[out.index] = out.error
            if bar:
                bar.step(out.name, out.pages, failed=bool(out.error))
        readable = [f for f in files if f.index not in unreadable]
        stored_now = store.extracted([f.sha256 for f in readable], since)
        profiles = []
        for f in readable:
            e = stored_now.get(f.sha256)
            if e is not None and e.profile is not None:
                p = DocProfile.from_json(e.profile)
                p.name = f.name
                profiles.append(p)
        baseline = Baseline.fit(
            profiles, prior=default_baseline(), description=f"fitted on {len(profiles)} documents of the scanned corpus"
        )
        if baseline_file:
            baseline.save(baseline_file)
    baseline_used = baseline if baseline is not None else default_baseline()
    report.baseline = baseline_used.description
    version = analysis_version(baseline_used.digest())

    results: dict[int, StoredAnalysis] = {}
    todo_tasks: list[Task] = []
    stored_analyses = store.analysed([(f.sha256, f.name) for f in files], version, since)
    for f in files:
        if f.index in unreadable:
            continue
        stored_analysis = stored_analyses.get((f.sha256, f.name))
        if stored_analysis is not None:
            results[f.index] = stored_analysis
            report.reused += 1
            continue
        todo_tasks.append(Task(f.index, str(f.path), f.name, f.sha256, extract=True, analyse=True))
    bar = Progress(len(files), "分析 " if fit_baseline else "", None) if progress else None
    if bar:
        for f in files:
            if f.index in results or f.index in unreadable:
                bar.step(f.name, failed=f.index in unreadable, reused=f.index in results)

    def with_documents(tasks: list[Task]) -> Iterator[Task]:
        for t in tasks:  # the stored extraction, fetched only when the task is about to run
            e = store.extraction(t.sha256, with_document=True, since=since)
            if e is not None and e.document is not None:
                t.extract, t.document = False, e.document
            yield t

    for out in runner(with_documents(todo_tasks), baseline):
        if out.document is not None:
            stored(out)
        report.pages += out.pages if out.document is not None else 0
        report.peak_mb = max(report.peak_mb, out.peak_mb)
        for w in out.warnings:
            report.warnings.append((out.name, w))
        if out.error:
            unreadable[out.index] = out.error
            if out.permanent:
                stored(out)
        else:
            results[out.index] = StoredAnalysis(out.findings or [], out.coverage or {})
            store.put_analysis(out.sha256, out.name, version, results[out.index], out.seconds + out.analyse_seconds)
        if bar:
            bar.step(out.name, out.pages, failed=bool(out.error))

    for f in files:
        if f.index in unreadable:
            report.failures.append((f.name, unreadable[f.index]))
        elif f.index in results:
            report.rows.extend(results[f.index].findings)
            report.coverage.append(results[f.index].coverage)
            report.documents += 1
            report.analysed.append((f.sha256, f.name))
    report.rows.sort(key=lambda r: -r["score"])
    report.seconds = time.perf_counter() - t0
    store.scan_finished(run_key)
    return report


def _runner(workers: int, scheduler, limits: Limits) -> Callable[[Iterable[Task], Any], Iterator[Outcome]]:
    if scheduler is not None:
        return lambda tasks, baseline: run_dask(tasks, scheduler, baseline, limits)
    return lambda tasks, baseline: run_isolated(tasks, partial(process, baseline=baseline, limits=limits), workers, limits)
