"""Generated families of documents: the disclosures one body publishes that are read together
(``detectors.linked``), deterministically per seed, with errors that only two documents show.

``generate_family(seed, shape, template=..., fmt=..., inject=[...])`` writes one family:

- ``dept_units``: a department's 部门预算 and the 单位预算 of each unit that publishes one (the
  department's own 本部 among them; units its text says are not budgeted separately are in the
  本部's), the same year; the department's figures are its units' added up (``consolidate``);
- ``budget_final``: a department's 部门预算 and 部门决算 of one year; the 决算's 年初预算 (of each
  项 and of the "三公"经费) is what the budget published;
- ``years``: a department's 部门预算 of years N and N+1; what N+1 says of N ("比2024年预算增加…")
  is what N published, and a project whose budget rose keeps or raises its targets.

``inject`` names CROSS_KINDS to plant, each an error only the two documents together show, each
recorded as a ``CrossInjection`` with its rule's category, the document it sits in and a verbatim
needle there.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from .budget import BudgetDoc
from .catalog import PLACES, PROFILES, RUN_PROJECT
from .final import FinalDoc
from .layout import draw_style
from .money import ZERO, D, uniform, wan
from .output import FORMATS, SUFFIX, render, text_of
from .world import _UNIT_KINDS, Body, Item, Unit, World

SHAPES = ("dept_units", "budget_final", "years")
DEPT_UNIT, BUDGET_FINAL, YEARS = "dept_unit", "budget_final", "years"  # detectors.linked.families' link kinds


@dataclass(frozen=True)
class CrossKind:
    shape: str
    category: str  # the finding category the linked rule reports
    material: bool  # an auditor expects it at high or medium severity
    rule: str
    templates: tuple[str, ...] = ("hunan", "sichuan", "shanghai")  # where the documents state what it changes


CROSS_KINDS: dict[str, CrossKind] = {
    "unit_copies_figure": CrossKind("dept_units", "narrative_vs_table", True, "LNK003"),
    "department_wording": CrossKind("dept_units", "other", False, "LNK003"),
    "department_not_sum": CrossKind("dept_units", "cross_table", True, "LNK004"),
    # a Sichuan 决算 restates no 年初预算 (its 三公 table's 预算数 is the adjusted 全年预算数)
    "final_initial_budget": CrossKind("budget_final", "cross_table", True, "LNK002", ("hunan", "shanghai")),
    "previous_year_figure": CrossKind("years", "yoy_recompute", True, "LNK001"),
    "goal_pasted": CrossKind("years", "copy_paste_text", False, "LNK005"),
    "target_lowered": CrossKind("years", "perf_score", False, "LNK005"),
}


@dataclass
class CrossInjection:
    kind: str  # one of CROSS_KINDS
    category: str
    rule: str
    doc: str  # the file name of the document the error sits in
    description: str  # Chinese: what was changed
    needle: str  # verbatim text where the error sits in that document
    material: bool


@dataclass
class FamilyMember:
    name: str  # the file name
    text: str  # as tab-separated text: every needle is a substring of it
    data: bytes
    kind: str  # 预算 | 决算
    level: str  # 部门 | 单位
    year: int
    department: str  # the body it is about


@dataclass
class GeneratedFamily:
    seed: int
    shape: str
    template: str
    fmt: str
    members: list[FamilyMember]
    links: list[tuple[str, str, str]]  # (name, name, link kind) the product should find, names sorted
    injections: list[CrossInjection] = field(default_factory=list)


# ---------------------------------------------------------------------- the body
def draw_body(rng: random.Random, template: str) -> Body:
    """A department with its 本部 and one to three units, the projects each runs, and maybe a unit
    not budgeted separately."""
    profile = rng.choice([p for p in PROFILES if len(p.run) > 1])
    places = PLACES[template]
    pref = rng.choice(sorted(places))
    place = rng.choice(places[pref])
    department = ("上海市" + place if template == "shanghai" else place) + profile.suffix
    county = {"hunan": "43", "sichuan": "51", "shanghai": "31"}[template]
    base = f"{county}{rng.randint(1000, 9999)}"
    units = [
        Unit(department + "本级", base + "01", "行政单位", 0, 0),
        Unit(place + profile.institution, base + "02", "事业单位", 0, 0),
    ]
    short = profile.short.removesuffix("局").removesuffix("委")
    extra = [k for k in _UNIT_KINDS if not profile.institution.endswith(k[0])]
    rng.shuffle(extra)
    for suffix, kind in extra[: rng.randint(0, 2)]:
        units.append(Unit(f"{place}{short}{suffix}", f"{base}{len(units) + 1:02d}", kind, 0, 0))
    for u in units:
        u.authorized = rng.randint(12, 60) if u.kind == "行政单位" else rng.randint(5, 25)
        u.actual = u.authorized - rng.randint(0, max(1, u.authorized // 5))
    templates = list(profile.projects)
    rng.shuffle(templates)
    projects = [[] for _ in units]
    projects[0] = templates[:2] + [RUN_PROJECT]
    for k in range(1, len(units)):  # every profile has five projects or more: each unit its own
        projects[k] = [templates[1 + k]]
    merged = [len(units) - 1] if len(units) > 2 and rng.random() < 0.5 else []
    return Body(profile, place, pref, department, True, units, projects, merged)


def consolidate(dept: World, parts: list[World]) -> None:
    """The department's world as its units' worlds added up (``parts``: the 本部's first, with the
    units merged into it): its items, economic classification, "三公", projects and staff; what the
    department's text draws on its own (its previous year, its procurement …) stays its own."""
    body = dept.body
    dept.parts = parts
    separate = body.separate
    dept.units = [dataclasses.replace(body.units[k], authorized=p.authorized, actual=p.actual) for k, p in zip(separate, parts)]
    dept.merged_units = [body.units[k] for k in body.merged]
    dept.authorized, dept.actual = sum(p.authorized for p in parts), sum(p.actual for p in parts)
    items: dict[str, Item] = {}
    for p in parts:
        for code, it in p.items.items():
            mine = items.setdefault(code, Item(code, it.name))
            for d in ("basic", "project", "opening", "closing"):
                for s, v in getattr(it, d).items():
                    getattr(mine, d)[s] = getattr(mine, d).get(s, ZERO) + v
            for a in ("used", "budget", "adjusted", "prev"):
                setattr(mine, a, getattr(mine, a) + getattr(it, a))
    dept.items = items
    dept.codes_personnel = sorted({c for p in parts for c in p.codes_personnel})
    dept.run_codes = [dept.profile.run[0], dept.profile.run[1]]
    dept.econ = _sum_dicts(p.econ for p in parts)
    dept.econ = dict(sorted(dept.econ.items()))
    dept.groups = _sum_dicts(p.groups for p in parts)
    dept.personnel = dept.groups["301"] + dept.groups["303"]
    dept.public = dept.groups["302"] + dept.groups["307"] + dept.groups["310"] + dept.groups["399"]
    for a in ("tp", "tp_budget", "tp_initial", "tp_prev", "public_parts", "public_parts_prev", "public_parts_budget"):
        setattr(dept, a, _sum_dicts(getattr(p, a) for p in parts))
    dept.public_prev = sum((p.public_prev for p in parts), ZERO)
    dept.public_budget = sum((p.public_budget for p in parts), ZERO)
    dept.vehicles = sum(p.vehicles for p in parts)
    dept.vehicle_use = _sum_dicts(p.vehicle_use for p in parts)
    dept.projects = [dataclasses.replace(q, unit=k) for k, p in enumerate(parts) for q in p.projects]
    dept.has_institution = True
    for a in ("has_other", "has_fund", "has_capital"):
        setattr(dept, a, any(getattr(p, a) for p in parts))
    dept.budget_initial = sum((it.budget for it in items.values()), ZERO)
    dept.project_budget = sum((p.budget for p in dept.projects), ZERO)
    dept.project_initial = sum((p.initial for p in dept.projects), ZERO)
    dept.full_budget = dept.basic_gpb + dept.project_budget
    dept.prev = _sum_dicts(p.prev for p in parts)
    dept.procurement = _sum_dicts(p.procurement for p in parts)
    dept.extreme_code, dept.explained_index, dept.outlier_index = "", None, None


def _sum_dicts(ds) -> dict:
    out: dict = {}
    for d in ds:
        for k, v in d.items():
            out[k] = out.get(k, 0) + v
    return out


# ---------------------------------------------------------------------- the documents
BUILDERS = {"预算": BudgetDoc, "决算": FinalDoc}
KIND_TAGS = {"预算": "budget", "决算": "final"}


@dataclass
class _Written:
    member: FamilyMember
    spots: dict


def _write(w: World, kind: str, tag: str, fmt: str, ov: dict, name: str) -> _Written:
    """One member: ``tag`` draws its text; its print style is the family's for its type (one
    publisher prints its department's and its units' budgets, and one year's as the next)."""
    st = draw_style(random.Random(f"style-{tag.rsplit('-', 1)[0]}-{kind}"), w.template, kind)
    builder = BUILDERS[kind](w, st, random.Random(f"text-{tag}"), ov)
    builder.render()
    blocks = builder.kept()
    text = text_of(blocks)
    data = render(blocks, fmt, st, f"{w.department}{w.year}年{kind}")
    level = "部门" if w.unit_index is None else "单位"
    return _Written(FamilyMember(name + SUFFIX[fmt], text, data, kind, level, w.year, w.department), builder.spots)


def _needle(written: _Written, spot) -> str:
    needle = written.spots[spot]
    if needle not in written.member.text:
        raise RuntimeError(f"the needle is not in {written.member.name}: {needle!r}")
    return needle


def applicable(shape: str, template: str) -> tuple[str, ...]:
    """The cross-document errors a family of that shape and template can carry."""
    return tuple(k for k, v in CROSS_KINDS.items() if v.shape == shape and template in v.templates)


def generate_family(
    seed: int, shape: str, *, template: str = "hunan", fmt: str = "txt", inject: Sequence[str] = ()
) -> GeneratedFamily:
    """One family, deterministic per seed (see the module docstring)."""
    if shape not in SHAPES or fmt not in FORMATS:
        raise ValueError(f"unknown family: {shape} {fmt}")
    wrong = [k for k in inject if k not in applicable(shape, template)]
    if wrong:
        raise ValueError(f"injection kinds not applicable to a {shape} family in {template}: {wrong}")
    tag = f"{seed}-{template}-{shape}"
    body = draw_body(random.Random(f"body-{tag}"), template)
    year = random.Random(f"year-{tag}").randint(2022, 2024)
    irng = random.Random(f"inject-{tag}-{'-'.join(inject)}")
    fam = GeneratedFamily(seed, shape, template, fmt, [], [])
    plant = {"dept_units": _dept_units, "budget_final": _budget_final, "years": _years}[shape]
    plant(fam, body, year, tag, list(inject), irng)
    return fam


def _add(fam: GeneratedFamily, written: _Written) -> FamilyMember:
    fam.members.append(written.member)
    return written.member


def _inject(fam: GeneratedFamily, kind: str, member: FamilyMember, description: str, needle: str) -> None:
    k = CROSS_KINDS[kind]
    fam.injections.append(CrossInjection(kind, k.category, k.rule, member.name, description, needle, k.material))


def _link(fam: GeneratedFamily, a: FamilyMember, b: FamilyMember, kind: str) -> None:
    x, y = sorted((a.name, b.name))
    fam.links.append((x, y, kind))


# ---------------------------------------------------------------------- the shapes
def _dept_units(fam: GeneratedFamily, body: Body, year: int, tag: str, inject: list[str], irng: random.Random) -> None:
    t = fam.template

    def part(k: int, variant: str = "") -> World:
        return World(random.Random(f"world-{tag}-unit{k}{variant}"), t, "预算", body=body, year=year, unit=k)

    parts = [part(k) for k in body.separate]
    added = list(parts)
    if "department_not_sum" in inject:  # the department adds up another draw of one unit than the one it published
        j = irng.randrange(len(parts))
        added[j] = part(body.separate[j], "-other")
    dept = World(random.Random(f"world-{tag}-dept"), t, "预算", body=body, year=year)
    consolidate(dept, added)
    d = _write(dept, "预算", f"{tag}-dept", fam.fmt, {}, f"{tag}_dept_budget")
    m_dept = _add(fam, d)
    if "department_not_sum" in inject:
        # the department's total as its 收支总表 prints it (a budget's 支出总计 is its 本年支出合计)
        cells = next(x for x in d.member.text.splitlines() if "支出总计" in x and "\t" in x).split("\t")
        total = cells[cells.index("支出总计") + 1]
        what = f"部门汇总的{body.units[body.separate[j]].name}数字与其公开的单位预算不同"
        _inject(fam, "department_not_sum", m_dept, what, total)
    # the units: one copies a figure of the department's text, one keeps the department's words
    copier = irng.choice(range(len(parts))) if "unit_copies_figure" in inject else None
    wordy = irng.choice(range(1, len(parts))) if "department_wording" in inject else None
    for i, (k, w) in enumerate(zip(body.separate, parts)):
        ov: dict = {}
        if i == copier and t == "shanghai":  # a 项 of its text
            code = next(
                c for c, it in sorted(w.items.items()) if it.exp("gpb") and wan(dept.items[c].exp("gpb")) != wan(it.exp("gpb"))
            )
            ov[("narr", ("item", code))] = dept.items[code].exp("gpb")
            copied = ("item", code), f"{code} {w.items[code].name}"
        elif i == copier:  # its 人员经费
            ov[("narr", "personnel")] = dept.personnel
            copied = "personnel", "人员经费"
        if i == wordy:
            ov[("department_words", "body:procurement" if t == "shanghai" else "body:totals")] = True
        u = _write(w, "预算", f"{tag}-unit{k}", fam.fmt, ov, f"{tag}_unit{k}_budget")
        m_unit = _add(fam, u)
        _link(fam, m_dept, m_unit, DEPT_UNIT)
        if i == copier:
            _inject(fam, "unit_copies_figure", m_unit, f"单位说明中{copied[1]}的金额照抄部门数字", _needle(u, copied[0]))
        if i == wordy:
            _inject(fam, "department_wording", m_unit, "单位预算说明保留部门预算的表述", _needle(u, ("department_words",)))


def _budget_final(fam: GeneratedFamily, body: Body, year: int, tag: str, inject: list[str], irng: random.Random) -> None:
    """The budget and the final account of one year, drawn from the same seed: the final's items
    spend what the budget gave them (its 年初预算 is the budget's amount), its carry-overs and other
    sources are its own."""
    t = fam.template
    budget = World(random.Random(f"world-{tag}"), t, "预算", body=body, year=year)
    final = World(random.Random(f"world-{tag}"), t, "决算", body=body, year=year)
    for code, it in final.items.items():
        b = budget.items.get(code)
        it.budget = b.exp("gpb") if b is not None else ZERO
        it.adjusted = max(it.adjusted, it.budget)
        it.explain = ""
    final.extreme_code = ""
    for p, q in zip(final.projects, budget.projects):
        p.initial = q.budget
    final.tp_initial = dict(budget.tp)
    final.tp_budget = dict(budget.tp)
    final.budget_initial = sum((it.budget for it in final.items.values()), ZERO)
    final.project_initial = sum((p.initial for p in final.projects), ZERO)
    wrong = None
    if "final_initial_budget" in inject:  # a 项 whose 年初预算 the text states
        code = irng.choice([c for c, it in sorted(final.items.items()) if it.budget and it.exp("gpb")])
        it = final.items[code]
        it.budget += final.g(max(D(20000), it.budget * uniform(irng, 0.05, 0.2)))
        final.budget_initial = sum((x.budget for x in final.items.values()), ZERO)
        wrong = ("item", code), f"{code}的年初预算"
    b = _write(budget, "预算", f"{tag}-budget", fam.fmt, {}, f"{tag}_budget")
    f = _write(final, "决算", f"{tag}-final", fam.fmt, {}, f"{tag}_final")
    _link(fam, _add(fam, b), _add(fam, f), BUDGET_FINAL)
    if wrong is not None:
        _inject(fam, "final_initial_budget", f.member, f"决算中{wrong[1]}不是当年预算公开的数", _needle(f, wrong[0]))


def _years(fam: GeneratedFamily, body: Body, year: int, tag: str, inject: list[str], irng: random.Random) -> None:
    """Budgets of years N and N+1: N+1's previous year is what N published; N+1 is drawn until a
    project's budget rose (the one whose target a planted error lowers)."""
    t = fam.template
    before = World(random.Random(f"world-{tag}-{year}"), t, "预算", body=body, year=year)
    targets = before.targets_of()

    def draw(attempt: int, lowered: str = "") -> World:
        rng = random.Random(f"world-{tag}-{year + 1}" + (f"-{attempt}" if attempt else ""))
        return World(rng, t, "预算", body=body, year=year + 1, targets=targets, lowered=lowered)

    for attempt in range(20):
        after = draw(attempt)
        names = [p.name.removeprefix(f"{year + 1}年") for p in after.projects]
        # a project with a quantity target (≥) and a satisfaction target whose budget rose
        rose = [n for n in names if n in targets and _budget_of(after, n, year + 1) > targets[n][0] and len(targets[n][1]) == 2]
        if rose:
            break
    lowered = ""
    if "target_lowered" in inject:
        lowered = irng.choice(rose)
        after = draw(attempt, lowered)
    after.prev = {"total": before.grand_total, "fiscal": before.fiscal_grand, "gpb": before.gpb_total}
    after.tp_prev = dict(before.tp)
    after.public_prev = before.public
    ov: dict = {}
    if "previous_year_figure" in inject:  # Shanghai's 财政拨款收入, the others' 机关运行经费 (a change "比上年预算")
        if t == "shanghai":
            after.prev["fiscal"] += after.g(max(D(50000), after.prev["fiscal"] * uniform(irng, 0.03, 0.1)))
        else:
            after.public_prev += after.g(max(D(20000), after.public_prev * uniform(irng, 0.05, 0.15)))
    pasted = None
    if "goal_pasted" in inject:
        names = {p.name.removeprefix(f"{year + 1}年"): k for k, p in enumerate(after.projects)}
        old = next(
            p
            for p in before.projects
            if p.name.removeprefix(f"{year}年") in names
            and p.budget != after.projects[names[p.name.removeprefix(f"{year}年")]].budget
        )
        pasted = names[old.name.removeprefix(f"{year}年")]
        ov[("goal_expected", pasted)] = old.goal_expected
    a = _write(before, "预算", f"{tag}-{year}", fam.fmt, {}, f"{tag}_{year}_budget")
    b = _write(after, "预算", f"{tag}-{year + 1}", fam.fmt, ov, f"{tag}_{year + 1}_budget")
    _link(fam, _add(fam, a), _add(fam, b), YEARS)
    if "previous_year_figure" in inject:
        _inject(
            fam,
            "previous_year_figure",
            b.member,
            f"{year + 1}年预算所称上年数不是{year}年公开的数",
            _needle(b, ("yoy", "income" if t == "shanghai" else "public")),
        )
    if pasted is not None:
        _inject(fam, "goal_pasted", b.member, f"项目预期目标照搬{year}年", _needle(b, ("goal_expected", pasted)))
    if lowered:
        k = next(k for k, p in enumerate(after.projects) if p.name.removeprefix(f"{year + 1}年") == lowered)
        _inject(fam, "target_lowered", b.member, "预算增加而数量指标目标降低", _needle(b, ("target", k, 0)))


def _budget_of(w: World, name: str, year: int) -> Decimal:
    return next(p.budget for p in w.projects if p.name.removeprefix(f"{year}年") == name)
