"""Refit the shipped statistical baseline (detectors/stats/default_baseline.json).

The default baseline is fitted on *clean* generated documents (tests/support/generator, no
injections), so it describes documents with nothing wrong in them: the execution rates they
hold (rate model, its threshold and bands), the passages every project carries (满意度 …), the
size of 元 amounts. Seeds start at 10000 so the documents the tests generate (seeds below 10000)
are never the ones the baseline was fitted on.

Run:  .venv/bin/python scripts/fit_baseline.py [--n 400] [--seed 10000] [--out FILE]
The result is deterministic for given --n and --seed.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from support.generator import generate  # noqa: E402

from detectors.stats.baseline import DEFAULT_PATH, Baseline  # noqa: E402
from extract import load_bytes  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=400, help="clean generated documents to fit on")
    ap.add_argument("--seed", type=int, default=10000, help="first generator seed")
    ap.add_argument("--out", type=Path, default=DEFAULT_PATH)
    args = ap.parse_args(argv)
    t0 = time.time()
    docs = []
    for seed in range(args.seed, args.seed + args.n):
        g = generate(seed)
        docs.append(load_bytes(g.text.encode("utf-8"), g.name))
    description = (
        f"fitted by scripts/fit_baseline.py on {args.n} clean generated documents (seeds {args.seed}–{args.seed + args.n - 1})"
    )
    baseline = Baseline.fit(docs, prior=Baseline(), description=description, keep_index=False)
    baseline.save(args.out)
    r = baseline.rates
    print(f"{len(docs)} documents in {time.time() - t0:.1f} s → {args.out}")
    print(
        f"  rates: {len(r.training_)} training rows, threshold_ {r.threshold_}, z_threshold_ {r.z_threshold_}, scale_ {r.scale_}"
    )
    for kind, band in r.band_.items():
        print(f"    band_ {kind}: {band[0]}% – {band[1]}%")
    print(
        f"  text: {baseline.text.sources_} sources, {len(baseline.text.boilerplate_)} boilerplate, {len(baseline.text.shared_)} shared"
    )
    print(f"  units: yuan_max_ {baseline.units.yuan_max_} from {baseline.units.n_yuan_} amounts in 元")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
