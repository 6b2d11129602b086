"""Generated disclosures: the documents that exist, with known errors planted in them.

``generate(seed, inject=[...], kind=..., template=..., fmt=...)`` writes one document,
deterministically per seed:

- ``kind``: 决算 (部门决算 with its 绩效自评 attachments), 预算 (部门预算 with 项目绩效目标表 and
  整体支出绩效目标表), 评价报告 (部门整体支出绩效评价报告 with a 项目资金使用情况表 and a 指标得分表),
  自评表 (项目支出绩效自评表 on their own);
- ``template``: hunan (公开01表 …), sichuan (表1, 表1-1, 表3-2 …), shanghai (表1 … 表9, budgets in 元 with
  the text in 万元, codes over 类 | 款 | 项, its official wordings);
- ``fmt``: txt, cells, md (the three text shapes of converted documents), pdf, docx, xlsx.

The money is real money (``world``): several sources, carry-overs, budgets adjusted during the
year, amounts kept in 元 and rounded to 万元 cell by cell, explained extremes, zero-budget lines,
departments of one unit and of several. Each planted error is an ``Injection`` with its category,
whether it is material, and a ``needle``: verbatim text where it sits (a table row as the
product's evidence shows it, cells joined by tabs, or the clause of the text). Each legitimate
irregularity the document holds (a rounding tail, a carry-over, money from another source, an
explained extreme …) is a ``Legitimate`` with its needle: no high or medium finding should land
on it.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from .budget import BudgetDoc
from .evaluation import ReportDoc, SelfEvalDoc
from .final import FinalDoc
from .inject import KINDS, Planner
from .layout import Block, Grid, draw_style
from .money import cn_number, exec_score
from .output import FORMATS, SUFFIX, render, text_of
from .world import World

DOC_KINDS = ("决算", "预算", "评价报告", "自评表")
TEMPLATES = ("hunan", "sichuan", "shanghai")
KIND_TAGS = {"决算": "final", "预算": "budget", "评价报告": "report", "自评表": "selfeval"}
BUILDERS = {"决算": FinalDoc, "预算": BudgetDoc, "评价报告": ReportDoc, "自评表": SelfEvalDoc}
CATEGORY_OF: dict[str, str] = {k: v.category for k, v in KINDS.items()}
INJECTION_KINDS: tuple[str, ...] = tuple(KINDS)


@dataclass
class Injection:
    kind: str  # one of INJECTION_KINDS
    category: str  # the finding category the product must report (DOMAIN.md)
    description: str  # Chinese: what was changed
    needle: str  # verbatim text where the error sits
    material: bool = True  # an auditor expects it at high or medium severity


@dataclass
class Legitimate:
    kind: str  # rounding_tail | carry_over | other_source | explained_extreme | zero_budget | budget_adjusted | …
    description: str
    needle: str


@dataclass
class GeneratedDoc:
    name: str  # "gen_0007.txt", "gen_0007_budget_shanghai_pdf.pdf"
    text: str  # the document as text with tab-separated rows: every needle is a substring of it
    data: bytes  # the file, in its format
    kind: str
    template: str
    fmt: str
    injections: list[Injection]
    legitimate: list[Legitimate]
    facts: dict  # the true figures the document was made from
    blocks: list[Block] = field(repr=False, default_factory=list)


def applicable_kinds(seed: int, kind: str = "决算", template: str = "hunan", fmt: str = "txt") -> list[str]:
    """The injection kinds this document can carry."""
    w, st = _world(seed, kind, template, None)
    planner = Planner(w, st, kind, BUILDERS[kind], {}, random.Random(0), fmt == "xlsx")
    return [k for k in INJECTION_KINDS if planner.applicable(k)]


def _world(seed: int, kind: str, template: str, outlier):
    world_kind = "预算" if kind == "预算" else "决算"
    w = World(random.Random(f"world-{seed}-{template}-{kind}"), template, world_kind, outlier=outlier)
    return w, draw_style(random.Random(f"style-{seed}-{template}-{kind}"), template, kind)


def generate(
    seed: int, inject: Sequence[str] = (), *, kind: str = "决算", template: str = "hunan", fmt: str = "txt"
) -> GeneratedDoc:
    """One document, deterministic per seed; ``inject`` names INJECTION_KINDS to plant."""
    unknown = [k for k in inject if k not in KINDS]
    if unknown:
        raise ValueError(f"unknown injection kinds: {unknown}")
    if kind not in BUILDERS or template not in TEMPLATES or fmt not in FORMATS:
        raise ValueError(f"unknown document: {kind} {template} {fmt}")
    irng = random.Random(f"inject-{seed}-{kind}-{template}-{'-'.join(inject)}")
    outlier = (irng.random(), irng.uniform(0.20, 0.45)) if "exec_outlier" in inject else None
    w, st = _world(seed, kind, template, outlier)
    ov: dict = {"_used": set() if w.outlier_index is None else {("project", w.outlier_index)}}
    planner = Planner(w, st, kind, BUILDERS[kind], ov, irng, fmt == "xlsx")
    refused = [k for k in inject if not planner.applicable(k)]
    if refused:
        raise ValueError(f"injection kinds not applicable to this document: {refused}")
    planned = [planner.plan(k) for k in inject]
    builder = BUILDERS[kind](w, st, random.Random(f"text-{seed}-{template}-{kind}"), ov)
    builder.render()
    blocks = builder.kept()
    text = text_of(blocks)
    injections = []
    for k, (description, spot) in zip(inject, planned):
        needle = builder.spots[spot]
        if needle not in text:
            raise RuntimeError(f"{k}: its needle is not in the document: {needle!r}")
        injections.append(Injection(k, KINDS[k].category, description, needle, KINDS[k].material))
    legitimate, seen = [], set()
    for lk, description, spot in builder.legit:
        needle = builder.spots.get(spot, "")
        if needle and needle in text and needle not in seen and all(needle != i.needle for i in injections):
            seen.add(needle)
            legitimate.append(Legitimate(lk, description, needle))
    tag = KIND_TAGS[kind]
    default = (kind, template, fmt) == ("决算", "hunan", "txt")
    name = f"gen_{seed:04d}{SUFFIX[fmt]}" if default else f"gen_{seed:04d}_{tag}_{template}_{fmt}{SUFFIX[fmt]}"
    data = render(blocks, fmt, st, f"{w.department}{w.year}年{kind}")
    return GeneratedDoc(name, text, data, kind, template, fmt, injections, legitimate, _facts(w, st, builder), blocks)


def corpus_specs(
    n: int,
    seed: int = 0,
    anomaly_rate: float = 0.3,
    *,
    kinds: Sequence[str] = ("决算",),
    templates: Sequence[str] = ("hunan",),
    formats: Sequence[str] = ("txt",),
    per_doc: int = 1,
) -> list[tuple[int, list[str], str, str, str]]:
    """(seed, injections, kind, template, fmt) of n documents cycling over kinds × templates ×
    formats; a share ``anomaly_rate`` of them carry ``per_doc`` injections, each the next kind not
    yet planted in the corpus's documents of that type and template that the document can carry
    (so that every kind comes up in every type and template as soon as it can)."""
    rng = random.Random(f"corpus-{seed}")
    combos = [(k, t, f) for k in kinds for t in templates for f in formats]
    pending: dict[tuple[str, str], list[str]] = {}  # per type and template: the kinds not planted yet
    specs = []
    for i in range(n):
        doc_seed = seed * 100_003 + i
        kind, template, fmt = combos[i % len(combos)]
        chosen: list[str] = []
        if rng.random() < anomaly_rate:
            options = applicable_kinds(doc_seed, kind, template, fmt)
            order = [k for k in INJECTION_KINDS if kind in KINDS[k].doc_kinds]
            queue = pending.setdefault((kind, template), [])
            while len(chosen) < min(per_doc, len(options)):
                if not any(k in options and k not in chosen for k in queue):
                    queue.extend(k for k in order if k not in queue)
                k = next((k for k in queue if k in options and k not in chosen), None)
                if k is None:
                    break
                queue.remove(k)
                chosen.append(k)
        specs.append((doc_seed, chosen, kind, template, fmt))
    return specs


def generate_corpus(n: int, seed: int = 0, anomaly_rate: float = 0.3, **dims) -> list[GeneratedDoc]:
    """The documents of ``corpus_specs`` (same arguments)."""
    return [generate(s, inj, kind=k, template=t, fmt=f) for s, inj, k, t, f in corpus_specs(n, seed, anomaly_rate, **dims)]


def _facts(w: World, st, builder) -> dict:
    return {
        "kind": builder.__class__.__name__,
        "template": w.template,
        "year": w.year,
        "department": w.department,
        "profile": w.profile.key,
        "units": [u.name for u in w.units],
        "grand_total": w.grand_total,
        "expense_total": w.expense_total,
        "income_total": w.income_total(),
        "gpb_total": w.gpb_total,
        "basic_gpb": w.basic_gpb,
        "personnel": w.personnel,
        "public": w.public,
        "sources": {"other": w.has_other, "fund": w.has_fund, "capital": w.has_capital},
        "carry": {"opening": w.opening_total(), "closing": w.closing_total(), "used": w.used_total},
        "grain": w.grain,
        "items": {
            it.code: {
                "name": it.name,
                "total": it.total,
                "gpb": it.exp("gpb"),
                "basic": it.exp(part="basic"),
                "project": it.exp(part="project"),
                "budget": it.budget,
                "adjusted": it.adjusted,
                "explain": it.explain,
                "carry": bool(it.opening or it.closing or it.used),
            }
            for it in w.sorted_items()
        },  # fmt: skip
        "econ": dict(w.econ),
        "projects": [
            {
                "name": p.name,
                "code": p.code,
                "budget_initial": p.initial,
                "budget": p.budget,
                "executed": p.executed,
                "carry": p.carry,
                "rate": p.rate,
                "exec_score": p.exec_score,
                "total_score": p.total_score,
                "goal_expected": p.goal_expected,
                "goal_actual": p.goal_actual,
                "explain": p.explain,
            }
            for p in w.projects
        ],  # fmt: skip
        "staff": {"authorized": w.authorized, "actual": w.actual},
        "tables": dict(builder.tables),
        "style": {
            k: getattr(st, k)
            for k in ("thousands", "fixed", "zero", "hierarchy", "split_codes", "total_last", "pdf_rules", "pdf_wrap")
        },
    }


__all__ = [
    "DOC_KINDS", "TEMPLATES", "FORMATS", "INJECTION_KINDS", "CATEGORY_OF", "Injection", "Legitimate", "GeneratedDoc", "Grid",
    "generate", "generate_corpus", "corpus_specs", "applicable_kinds", "exec_score", "cn_number",
]  # fmt: skip
