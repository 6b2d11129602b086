"""Detection figures on a generated corpus (run by hand; prints figures).

Generates a corpus across document type × template × format (tests/support/generator: 部门决算,
部门预算, 绩效评价报告, 自评表 × Hunan, Sichuan, Shanghai × txt, cells, md, pdf, docx, xlsx), some
documents with planted errors, runs the product's pipeline on each file
(``audit_assist.pipeline.analyse_document`` on ``extract.load_bytes``) and prints, per document
kind, per template, per format and per kind × template:

- recall: planted errors found at their place and in their category (any severity above info),
  and the material ones found at high or medium severity;
- precision of the high/medium findings (a finding is right when it points at a planted error);
- high/medium findings per clean document;
- high/medium findings on legitimate irregularities (rounding tails, carry-overs, other funding
  sources, explained extremes, zero-budget lines …);

then the worst misses and false alarms. The targets of issue 12 are recall ≥ 0.95, precision ≥
0.95, fewer than 0.1 per clean document and none on a legitimate irregularity.

Run:  .venv/bin/python benchmarks/detection_corpus.py [--n 360] [--workers 2] [--kinds 决算,预算]
"""

from __future__ import annotations

import argparse
import sys
import time
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from support.detection import Figures, analyse_spec, figures, worst  # noqa: E402
from support.generator import DOC_KINDS, FORMATS, TEMPLATES, corpus_specs  # noqa: E402


def table(title: str, groups: dict[str, Figures]) -> None:
    def pct(v: float | None) -> str:
        return "   —  " if v is None else f"{v:6.1%}"

    print(f"\n{title}")
    print(f"  {'':22} {'docs':>5} {'clean':>5} {'planted':>7} {'found':>5} {'recall':>7} {'mat.h/m':>7} {'h/m':>5} {'precis.':>7} {'h/m per clean':>13} {'on legit':>8} {'unread':>6}")  # fmt: skip
    for key in sorted(groups):
        f = groups[key]
        mat = f"{f.material_found_high_medium}/{f.material}"
        per_clean = "     —" if f.per_clean is None else f"{f.per_clean:6.2f}"
        print(f"  {key:22} {f.documents:5} {f.clean:5} {f.planted:7} {f.found:5} {pct(f.recall):>7} {mat:>7} {f.high_medium:5} {pct(f.precision):>7} {per_clean:>13} {f.on_legitimate:8} {f.unreadable:6}")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=360, help="documents (default 360: five per type × template × format)")
    ap.add_argument("--seed", type=int, default=12, help="corpus seed")
    ap.add_argument("--anomaly-rate", type=float, default=0.7, help="share of documents with planted errors")
    ap.add_argument("--per-doc", type=int, default=2, help="planted errors per document that has any")
    ap.add_argument("--kinds", default=",".join(DOC_KINDS))
    ap.add_argument("--templates", default=",".join(TEMPLATES))
    ap.add_argument("--formats", default=",".join(FORMATS))
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--worst", type=int, default=20, help="how many of the worst misses and false alarms to list")
    args = ap.parse_args(argv)
    specs = corpus_specs(
        args.n,
        args.seed,
        args.anomaly_rate,
        kinds=args.kinds.split(","),
        templates=args.templates.split(","),
        formats=args.formats.split(","),
        per_doc=args.per_doc,
    )
    t0 = time.time()
    with Pool(args.workers) as pool:
        results = pool.map(analyse_spec, specs, chunksize=1)
    elapsed = time.time() - t0
    print(
        f"{len(results)} documents, {sum(len(r.planted) for r in results)} planted errors, analysed in {elapsed:.0f} s ({args.workers} workers)"
    )
    table("per document kind", figures(results, lambda r: r.kind))
    table("per template", figures(results, lambda r: r.template))
    table("per format", figures(results, lambda r: r.fmt))
    table("per kind × template", figures(results, lambda r: f"{r.kind} {r.template}"))
    print("\nrecall per planted kind (found / planted, material found at high/medium)")
    by_kind: dict[str, list] = {}
    for r in results:
        for p in r.planted:
            by_kind.setdefault(p[0], []).append(p)
    for kind, ps in sorted(by_kind.items()):
        material = [p for p in ps if p[2]]
        print(f"  {kind:22} {sum(p[3] for p in ps):3}/{len(ps):<3} {sum(p[4] for p in material):3}/{len(material)}")
    table("all", figures(results))
    misses, alarms, legit, by_rule = worst(results, args.worst)
    print("\nworst misses (planted kind, document kind, template: count, an example)")
    for (kind, doc_kind, template), count, (name, description, needle) in misses:
        print(f"  {count:3}  {kind:20} {doc_kind} {template:9}  {name}: {description[:70]} | {needle[:60]!r}")
    print("\nworst false alarms (rule, category, document kind, template: count, an example)")
    for (rule, category, doc_kind, template), count, (name, message) in alarms:
        print(f"  {count:3}  {rule:7} {category:22} {doc_kind} {template:9}  {name}: {message[:90]}")
    print("\nhigh/medium findings on legitimate irregularities (legitimate kind, rule: count)")
    for (kind, rule), count in legit.most_common():
        print(f"  {count:3}  {kind:20} {rule}")
    print("\nfalse alarms by rule")
    print("  " + ", ".join(f"{rule} {count}" for rule, count in by_rule.most_common()))
    unreadable = [r for r in results if r.error]
    if unreadable:
        print(f"\nunreadable: {len(unreadable)}")
        for r in unreadable[:10]:
            print(f"  {r.name}: {r.error}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
