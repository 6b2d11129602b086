"""Extraction speed against a bare pdfplumber text pass, and peak memory. Run by hand:

    .venv/bin/python benchmarks/extract_speed.py [PDF ...]

For each PDF (default: sample_docs/*.pdf) prints the pages, the seconds of a bare
``page.extract_text()`` over every page, the seconds of the full extraction (tables, cells,
paragraphs, figures, provenance), their ratio, and the peak memory of the extraction.
"""

from __future__ import annotations

import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pdfplumber  # noqa: E402

from extract import load_document  # noqa: E402


def bare(path: Path) -> tuple[int, float]:
    t = time.perf_counter()
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
        n = len(pdf.pages)
    return n, time.perf_counter() - t


def full(path: Path) -> float:
    t = time.perf_counter()
    load_document(path)
    return time.perf_counter() - t


def peak_memory(path: Path) -> int:
    """Peak Python heap of one extraction (a separate run: tracing slows the timed ones)."""
    tracemalloc.start()
    load_document(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def main() -> None:
    paths = [Path(p) for p in sys.argv[1:]] or sorted((ROOT / "sample_docs").glob("*.pdf"))
    print(f"{'file':28} {'pages':>5} {'bare s':>8} {'full s':>8} {'ratio':>6} {'peak MB':>8}")
    tot_bare = tot_full = 0.0
    for p in paths:
        bare(p)  # warm the imports and caches once
        n, tb = min(bare(p) for _ in range(3))
        tf = min(full(p) for _ in range(3))
        peak = peak_memory(p)
        tot_bare += tb
        tot_full += tf
        print(f"{p.name:28} {n:5d} {tb:8.2f} {tf:8.2f} {tf / tb:6.2f} {peak / 2**20:8.1f}")
    print(f"{'all':28} {'':5} {tot_bare:8.2f} {tot_full:8.2f} {tot_full / tot_bare:6.2f}")


if __name__ == "__main__":
    main()
