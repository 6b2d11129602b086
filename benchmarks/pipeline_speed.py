"""Whole-pipeline throughput, worker scaling and a projection to a province's corpus. Run by hand:

    .venv/bin/python benchmarks/pipeline_speed.py [--corpus N] [--in-process N] [--workers 1,2] [--skip-samples]

1. The sample PDFs, in this process: pages per second of the whole pipeline (extraction, every
   rule, ranking) against a bare pdfplumber ``extract_text`` pass over the same pages.
2. A generated corpus of N documents (default 200, rendered to PDF once and kept in
   ``/tmp/audit-assist-bench``): the same ratio on its first ``--in-process`` documents, then ``scan_files`` (a process per document, a
   fresh results store) with 1, 2 … workers: pages per second, speed-up, peak memory of one
   document's process.
3. A projection, from the batch's measured cost per page (with the fewest workers) and the
   scaling efficiency, of the time for 10,000 documents on a 16-core machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import pdfplumber  # noqa: E402
from extract_speed import bare  # noqa: E402 - the same bare pdfplumber pass (this folder is on the path)

from audit_assist.batch import scan_files  # noqa: E402
from audit_assist.pipeline import analyse_document  # noqa: E402
from audit_assist.results import ResultStore  # noqa: E402
from extract import load_document  # noqa: E402

CACHE = Path(tempfile.gettempdir()) / "audit-assist-bench"


def pipeline_seconds(path: Path) -> tuple[float, float]:
    t = time.perf_counter()
    doc = load_document(path)
    t1 = time.perf_counter()
    analyse_document(doc)
    return t1 - t, time.perf_counter() - t1


def in_process(paths: list[Path], label: str) -> float:
    """Prints the in-process figures; returns the pipeline's CPU seconds per page."""
    pages = plain = extract = analyse = 0.0
    for p in paths:
        n, b = bare(p)
        e, a = pipeline_seconds(p)
        pages += n
        plain += b
        extract += e
        analyse += a
    total = extract + analyse
    print(f"\n{label}: {len(paths)} PDFs, {pages:.0f} pages, in one process")
    print(f"  bare pdfplumber extract_text  {plain:8.2f} s  {pages / plain:7.1f} pages/s")
    print(f"  extraction                    {extract:8.2f} s  {pages / extract:7.1f} pages/s  ({extract / plain:.2f}× bare)")
    print(f"  rules and ranking             {analyse:8.2f} s")
    print(f"  whole pipeline                {total:8.2f} s  {pages / total:7.1f} pages/s  ({total / plain:.2f}× bare)")
    return total / pages


def corpus(n: int) -> list[Path]:
    from support.generator import generate_corpus

    from audit_assist.render import to_pdf
    from extract.text import read_text

    folder = CACHE / f"corpus{n}"
    paths = sorted(folder.glob("*.pdf"))
    if len(paths) == n:
        return paths
    folder.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    for g in generate_corpus(n, seed=7):
        (folder / g.name).with_suffix(".pdf").write_bytes(to_pdf(read_text(g.text.encode("utf-8")), title=g.name))
    print(f"(rendered {n} generated documents to PDF in {time.perf_counter() - t:.0f} s, kept in {folder})")
    return sorted(folder.glob("*.pdf"))


def scaling(paths: list[Path], workers: list[int]) -> dict[int, tuple[float, float, float]]:
    print(f"\nscan_files over {len(paths)} PDFs, one process per document, fresh results store")
    print("  workers   seconds   pages/s   speed-up   peak MB (max of one document's process)")
    out: dict[int, tuple[float, float, float]] = {}
    for w in workers:
        with tempfile.TemporaryDirectory() as tmp:
            store = ResultStore(f"sqlite:///{tmp}/r.db")
            report = scan_files(paths, store=store, workers=w, progress=False)
            store.dispose()
        assert not report.failures, report.failures
        out[w] = (report.seconds, report.pages_per_second, report.peak_mb)
        base = out[workers[0]][0] * workers[0]
        print(
            f"  {w:7d}  {report.seconds:8.1f}  {report.pages_per_second:8.1f}  {base / report.seconds:8.2f}×  {report.peak_mb:8.0f}"
        )
    return out


def project(per_page: float, pages_per_doc: float, efficiency: float) -> None:
    docs, cores = 10_000, 16
    cpu = docs * pages_per_doc * per_page
    wall = cpu / (cores * efficiency)
    print(f"\nprojection: {docs} documents × {pages_per_doc:.1f} pages at {per_page * 1000:.0f} ms per page")
    print(f"  {cpu / 3600:.1f} CPU hours; on {cores} cores at {efficiency:.0%} parallel efficiency: {wall / 3600:.1f} hours")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=int, default=200)
    ap.add_argument("--workers", default=",".join(str(w) for w in range(1, (os.cpu_count() or 1) + 1)))
    ap.add_argument("--skip-samples", action="store_true")
    ap.add_argument("--in-process", type=int, default=50, metavar="N", help="corpus documents timed in this process (the ratio)")
    args = ap.parse_args()
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}")
    if not args.skip_samples:
        in_process(sorted((ROOT / "sample_docs").glob("*.pdf")), "sample documents")
    paths = corpus(args.corpus)
    in_process(paths[: args.in_process], f"generated corpus (first {min(args.in_process, len(paths))})")
    pages_per_doc = statistics.mean(len(pdfplumber.open(p).pages) for p in paths)
    workers = [int(w) for w in args.workers.split(",")]
    runs = scaling(paths, workers)
    w_max = max(workers)
    one = runs[workers[0]][0] * workers[0]
    efficiency = min(1.0, one / (runs[w_max][0] * w_max))
    # the batch's own cost per page with the fewest workers: forks and the store included
    # (seconds per page of wall time × the workers that shared it = CPU seconds per page)
    project(workers[0] / runs[workers[0]][1], pages_per_doc, efficiency)


if __name__ == "__main__":
    main()
