"""One department-year, drawn bottom-up: every figure a document of any type and template prints.

Amounts are kept in 元 (Decimal, in multiples of ``grain``: 100 元 when the publisher's own
figures are whole 万元 cents, 1 元 or 0.01 元 otherwise) and printed later in 元 or rounded to
万元 cell by cell, so that a 万元 total may legitimately miss the sum of its parts by a few 0.01.

The money has several sources (一般公共预算 ``gpb``, 政府性基金 ``fund``, 国有资本经营 ``capital``,
上级补助 ``superior``, 事业收入 ``business``, 其他收入 ``other``); an item (项 code) spends them
as basic or project expense, brings 年初结转和结余 in, carries 年末结转和结余 out and may use
非财政拨款结余. Income is what remains: 收入 = 支出 − 年初结转 + 年末结转 − 使用结余. Budgets are
drawn around the finals (年初预算, then 全年预算 after adjustments during the year), some lines
with no 年初预算 at all, some far from their final with a reason the text gives.

``kind`` "预算" reads the same draw as a budget: the item amounts are the year's budget, 年初结转
becomes 上年结转 and nothing is carried out; ``prev`` holds the previous year's budget.

A ``Body`` fixes who publishes across the documents of a family (``family``): the department, its
place, its units with their staff and the projects each runs. A world drawn for a body (and a
year) is the whole department's, or with ``unit`` one unit's own (its 单位预算 / 单位决算).
"""

from __future__ import annotations

import dataclasses
import math
import random
from dataclasses import dataclass, field
from decimal import Decimal

from .catalog import (
    CLASS_NAMES,
    COVERAGE_MORE,
    ECON_NAMES,
    ITEM_NAMES,
    KUAN_NAMES,
    MISS_CAUSES,
    MISS_MEASURES,
    PLACES,
    PROFILES,
    RUN_PROJECT,
    Profile,
    ProjectTemplate,
)
from .money import HUNDRED, WAN, ZERO, D, exec_score, fmt_dec, nice, pct, q2, split, uniform, wan

SOURCES = ("gpb", "fund", "capital", "superior", "business", "other")
FISCAL = ("gpb", "fund", "capital")

# why a line's 决算 is far from its 年初预算, as the texts put it (a legitimate extreme)
LOW_REASONS = (
    "项目实施进度滞后，部分资金结转下年继续使用",
    "受政策调整影响，项目延期至下年实施，资金结转下年使用",
    "项目采购流程未在年内完成，资金结转下年使用",
)
HIGH_REASONS = ("年中追加了项目经费", "上级追加专项资金", "年中新增工作任务，追加预算")


@dataclass
class Item:
    """One 项 code: its expense by source (basic and project), carry-overs, budgets."""

    code: str
    name: str
    basic: dict[str, Decimal] = field(default_factory=dict)
    project: dict[str, Decimal] = field(default_factory=dict)
    opening: dict[str, Decimal] = field(default_factory=dict)  # 年初结转和结余 (预算: 上年结转)
    closing: dict[str, Decimal] = field(default_factory=dict)  # 年末结转和结余
    used: Decimal = ZERO  # 使用非财政拨款结余 (spent as 其他收入's money)
    budget: Decimal = ZERO  # 年初预算 of its 一般公共预算财政拨款 expense
    adjusted: Decimal = ZERO  # 全年预算, after the adjustments of the year
    prev: Decimal = ZERO  # the same line a year before (决算: its 决算; 预算: its 预算)
    explain: str = ""  # why the 决算 is far from the 年初预算, when it is

    def exp(self, source: str | None = None, part: str | None = None) -> Decimal:
        parts = (self.basic, self.project) if part is None else ((self.basic,) if part == "basic" else (self.project,))
        return sum((d.get(s, ZERO) for d in parts for s in ((source,) if source else SOURCES)), ZERO)

    def fiscal(self, part: str | None = None) -> Decimal:
        return sum((self.exp(s, part) for s in FISCAL), ZERO)

    def inc(self, source: str) -> Decimal:
        used = self.used if source == "other" else ZERO
        return self.exp(source) - self.opening.get(source, ZERO) + self.closing.get(source, ZERO) - used

    @property
    def total(self) -> Decimal:
        return self.exp()


@dataclass
class Indicator:
    l1: str
    l2: str
    name: str
    target: str
    actual: str
    weight: int
    score: Decimal
    reason: str = ""
    nature: str = ""  # 指标性质 of a target table: ≥ | ≤ | = | 定性
    value: str = ""  # 指标值 without its comparator and unit
    unit: str = ""  # 度量单位


@dataclass
class Project:
    name: str
    code: str
    executed: Decimal  # 元, all of it 一般公共预算 money of its code
    budget: Decimal = ZERO  # 全年预算数
    initial: Decimal = ZERO  # 年初预算数
    carry: Decimal = ZERO  # 上年结转资金 inside budget and executed
    goal_expected: str = ""
    goal_actual: str = ""
    indicators: list[Indicator] = field(default_factory=list)
    explain: str = ""  # why its execution rate is low, when the text explains it
    unit: int = 0  # the unit that runs it

    @property
    def rate(self) -> Decimal:
        """执行率 from the printed 万元 figures, as the forms compute it."""
        return pct(wan(self.executed), wan(self.budget))

    @property
    def exec_score(self) -> Decimal:
        return exec_score(self.rate)

    @property
    def total_score(self) -> Decimal:
        return self.exec_score + sum((i.score for i in self.indicators), ZERO)


@dataclass
class Unit:
    name: str
    code: str  # 单位代码
    kind: str  # 行政单位 | 参照公务员法管理事业单位 | 事业单位
    authorized: int
    actual: int


@dataclass(frozen=True)
class ScoreLine:
    """A row of an evaluation's 指标得分表."""

    l1: str
    l2: str
    l3: str
    weight: int
    score: Decimal
    reason: str = ""


_UNIT_KINDS = (("信息中心", "事业单位"), ("综合行政执法大队", "参照公务员法管理事业单位"), ("档案服务中心", "事业单位"))
_EVAL_LINES = (
    ("投入", "预算编制", "预算编制科学性", 5),
    ("投入", "预算编制", "绩效目标合理性", 5),
    ("投入", "目标设置", "绩效指标明确性", 5),
    ("投入", "目标设置", "预算资金到位率", 5),
    ("过程", "预算执行", "预算执行率", 10),
    ("过程", "预算执行", "结转结余率", 5),
    ("过程", "预算管理", "“三公”经费控制率", 5),
    ("过程", "预算管理", "管理制度健全性", 5),
    ("过程", "资产管理", "资产管理规范性", 5),
    ("产出", "职责履行", "重点工作任务完成率", 10),
    ("产出", "职责履行", "项目实施质量达标率", 10),
    ("产出", "职责履行", "工作完成及时性", 5),
    ("效益", "履职效益", "社会效益", 10),
    ("效益", "履职效益", "可持续影响", 5),
    ("效益", "满意度", "服务对象满意度", 10),
)


@dataclass
class Body:
    """Who publishes, the same across the documents of a family: the department, its place, its
    units (staff included), the projects each unit runs, and the units that publish no disclosure
    of their own (不单列预算, 并入本部: their staff and projects are the 本部's)."""

    profile: Profile
    place: str
    prefecture: str
    department: str
    has_institution: bool
    units: list[Unit]
    projects: list[list[ProjectTemplate]]  # per unit
    merged: list[int] = field(default_factory=list)  # units not budgeted separately

    def name_of(self, k: int) -> str:
        """The body a unit's own disclosure names: the department itself for its 本部."""
        return self.department if k == 0 else self.units[k].name

    @property
    def separate(self) -> list[int]:
        """The units that publish a disclosure of their own."""
        return [k for k in range(len(self.units)) if k not in self.merged]


# a target the next year may not lower while its budget rises: project name → (budget, {indicator: target})
Targets = dict[str, tuple[Decimal, dict[str, int]]]


class World:
    """Every figure of one department-year (see the module docstring)."""

    def __init__(
        self,
        rng: random.Random,
        template: str,
        kind: str,
        *,
        outlier: tuple[float, float] | None = None,
        body: Body | None = None,
        year: int | None = None,
        unit: int | None = None,
        targets: Targets | None = None,
        lowered: str = "",
    ):
        """``body`` and ``year``: the family's department in that year (``unit``: one unit's own
        world); ``targets``: last year's, which a project whose budget rose keeps or raises, except
        the project named ``lowered`` (a planted error)."""
        self.rng, self.template, self.kind = rng, template, kind
        self.body, self.unit_index = body, unit
        self.targets, self.lowered = targets or {}, lowered
        self.parts: list[World] = []  # the units' worlds a department's adds up (``family.consolidate``)
        self.merged_units: list[Unit] = []  # units its text says are not budgeted separately
        if body is None:
            self.profile: Profile = rng.choice(PROFILES)
            self.year = rng.randint(2022, 2025) if template == "shanghai" else rng.randint(2020, 2024)
            places = PLACES[template]
            pref = rng.choice(sorted(places))
            if template == "shanghai":
                self.place, self.prefecture = rng.choice(places[pref]), pref
            elif rng.random() < 0.2:
                self.place, self.prefecture = pref, ""
            else:
                self.place, self.prefecture = rng.choice(places[pref]), pref
        else:
            self.profile, self.place, self.prefecture, self.year = body.profile, body.place, body.prefecture, year
        self.area = "全" + next((w for w in ("区", "县", "州") if self.place.endswith(w)), "市")
        prefix = "上海市" + self.place if template == "shanghai" else self.place
        self.department = prefix + self.profile.suffix
        self.parent = self.department  # the 主管部门 the forms name
        if body is not None and unit is not None:
            self.department = body.name_of(unit)
        # 100 元: the publisher's figures are whole 万元 cents; else 元 (or 元 and 分)
        self.grain = rng.choice((D(100), D(100), D(1), D("0.01"))) if template != "shanghai" else rng.choice((D(1), D("0.01")))
        if body is None:
            self._units()
        else:
            self._body_units(body, unit)
        self._personnel_codes()
        self._econ()
        self._items()
        self._projects(outlier)
        self._sources()
        self._carry()
        self._budgets()
        self._others()

    # ------------------------------------------------------------------ helpers
    def g(self, yuan: Decimal) -> Decimal:
        """An amount in 元 in this publisher's grain."""
        return (yuan / self.grain).quantize(D(1)) * self.grain

    def m(self, wan_amount: Decimal) -> Decimal:
        """An amount drawn in 万元, kept in 元."""
        return self.g(D(wan_amount) * WAN)

    # ------------------------------------------------------------------ units and staff
    def _units(self) -> None:
        rng = self.rng
        authorized = int(D(repr(math.exp(rng.uniform(1.6, 4.9)))))  # 编制数 5 … 134
        self.has_institution = len(self.profile.run) > 1 and rng.random() < 0.6
        n_units = 1 + self.has_institution + (rng.random() < 0.3) + (rng.random() < 0.15)
        county = {"hunan": "43", "sichuan": "51", "shanghai": "31"}[self.template]
        base = f"{county}{rng.randint(1000, 9999)}"
        units = [Unit(self.department + ("本级" if n_units > 1 else ""), base + "01", "行政单位", 0, 0)]
        if self.has_institution:
            units.append(Unit(self.place + self.profile.institution, base + "02", "事业单位", 0, 0))
        extra = list(_UNIT_KINDS)
        rng.shuffle(extra)
        short = self.profile.short.removesuffix("局").removesuffix("委")
        for k in range(len(units), n_units):
            suffix, kind = extra[k - len(units)]
            units.append(Unit(f"{self.place}{short}{suffix}", f"{base}{k + 1:02d}", kind, 0, 0))
        weights = [rng.uniform(1.5, 3.0)] + [rng.uniform(0.4, 1.2) for _ in units[1:]]
        for u, w in zip(units, weights):
            u.authorized = max(1, round(authorized * w / sum(weights)))
            u.actual = u.authorized - rng.randint(0, max(1, u.authorized // 5)) if u.authorized > 1 else 1
        self.units = units
        self.authorized = sum(u.authorized for u in units)
        self.actual = sum(u.actual for u in units)

    def _body_units(self, body: Body, unit: int | None) -> None:
        """The units of the body (all of them; ``unit``: that one alone, with the staff of the
        units merged into it)."""
        if unit is None:
            self.has_institution = body.has_institution
            self.units = [dataclasses.replace(u) for u in body.units]
        else:
            u = body.units[unit]
            self.has_institution = u.kind == "事业单位"
            merged = [body.units[k] for k in body.merged] if unit == 0 else []
            self.units = [
                dataclasses.replace(
                    u,
                    name=self.department,
                    authorized=u.authorized + sum(m.authorized for m in merged),
                    actual=u.actual + sum(m.actual for m in merged),
                )
            ]
        self.authorized = sum(u.authorized for u in self.units)
        self.actual = sum(u.actual for u in self.units)

    def _personnel_codes(self) -> None:
        rng = self.rng
        self.codes_personnel = ["2080505", "2101101", "2210201"]
        for code, p in (("2080506", 0.85), ("2101103", 0.5), ("2080501", 0.25), ("2080801", 0.1)):
            if rng.random() < p:
                self.codes_personnel.append(code)
        if self.has_institution and rng.random() < 0.8:
            self.codes_personnel.append("2101102")
        if self.template == "shanghai" and rng.random() < 0.7:
            self.codes_personnel.append("2210203")

    # ------------------------------------------------------------------ basic expense by economic item (一般公共预算)
    def _econ(self) -> None:
        rng, n = self.rng, self.actual
        e: dict[str, Decimal] = {}
        wage = self.m(n * uniform(rng, 6.5, 12.5))
        wage_codes = ["30101", "30102", "30103"] + (["30107"] if self.has_institution else [])
        shares = [0.36, 0.32, 0.10] + ([0.22] if self.has_institution else [])
        for code, part in zip(wage_codes, split(wage, [s * rng.uniform(0.85, 1.15) for s in shares], self.grain, self.grain)):
            e[code] = part
        if rng.random() < 0.4:
            e["30106"] = self.g(wage * uniform(rng, 0.01, 0.04))
        e["30108"] = self.g(wage * D("0.16"))
        if "2080506" in self.codes_personnel:
            e["30109"] = self.g(wage * D("0.08"))
        e["30110"] = self.g(wage * uniform(rng, 0.065, 0.09))
        if "2101103" in self.codes_personnel:
            e["30111"] = self.g(wage * uniform(rng, 0.02, 0.04))
        e["30112"] = self.g(wage * uniform(rng, 0.005, 0.015))
        e["30113"] = self.g(wage * D("0.12"))
        if rng.random() < 0.4:
            e["30199"] = self.g(wage * uniform(rng, 0.005, 0.03))
        if "2080501" in self.codes_personnel:
            e["30302"] = self.m(rng.randint(1, max(2, n // 3)) * uniform(rng, 2.5, 5.5))
            if rng.random() < 0.3:
                e["30301"] = self.m(uniform(rng, 3, 8))
        if "2080801" in self.codes_personnel:
            e["30304"] = self.m(uniform(rng, 1, 8))
        if "2210203" in self.codes_personnel:
            e["30399"] = self.g(wage * uniform(rng, 0.05, 0.12))  # 购房补贴 paid as 其他对个人和家庭的补助
        for code, lo, hi in (("30305", 0.2, 2.0), ("30307", 0.2, 3.0), ("30309", 0.02 * n, 0.1 * n)):
            if rng.random() < 0.3:
                e[code] = self.m(uniform(rng, lo, hi))
        # "三公" (all of it basic expense) and the other 商品和服务支出
        self.vehicles = 0 if rng.random() < 0.45 else rng.randint(1, 1 + n // 25)
        scale = D(repr(max(1.0, n) ** 0.5))
        tp = {
            "abroad": q2(uniform(rng, 2, 8)) * WAN if rng.random() < 0.04 else ZERO,
            "purchase": ZERO,
            "running": q2(self.vehicles * uniform(rng, 0.6, 2.2)) * WAN,
            "reception": q2(scale * uniform(rng, 0.08, 0.6)) * WAN,
        }
        self.tp = tp
        e["30212"], e["30217"], e["30231"] = tp["abroad"], tp["reception"], tp["running"]
        e["30215"] = self.m(scale * uniform(rng, 0.05, 0.25))
        e["30216"] = self.m(scale * uniform(rng, 0.1, 0.45))
        e["30228"] = self.g(wage * D("0.02"))
        fixed = sum((e[c] for c in ("30212", "30217", "30231", "30215", "30216", "30228")), ZERO)
        pool = max(self.g(wage * uniform(rng, 0.10, 0.38)) - fixed, self.g(wage * D("0.04")))
        others = ["30201", "30202", "30205", "30206", "30207", "30211", "30213"]
        for code, p in (("30226", 0.5), ("30229", 0.5), ("30239", 0.6), ("30299", 0.5), ("30209", 0.3), ("30214", 0.2), ("30218", 0.2), ("30227", 0.2)):  # fmt: skip
            if rng.random() < p:
                others.append(code)
        others.sort()
        for code, part in zip(others, split(pool, [rng.uniform(0.3, 1.5) for _ in others], self.grain, self.grain)):
            e[code] = part
        if rng.random() < 0.35:
            e["31002"] = self.m(scale * uniform(rng, 0.1, 0.8))
        self.econ = {c: v for c, v in sorted(e.items()) if v}
        self.groups = {
            g: sum((v for c, v in self.econ.items() if c.startswith(g)), ZERO) for g in ("301", "302", "303", "307", "310", "399")
        }
        self.personnel = self.groups["301"] + self.groups["303"]  # 人员经费
        self.public = self.groups["302"] + self.groups["307"] + self.groups["310"] + self.groups["399"]  # 公用经费
        meetings, trainings = rng.randint(1, 6), rng.randint(1, 5)
        self.meetings = (meetings, meetings * rng.randint(20, 90))  # (次, 人次)
        self.trainings = (trainings, trainings * rng.randint(15, 80))

    # ------------------------------------------------------------------ the 项 rows
    def _items(self) -> None:
        rng, e = self.rng, self.econ
        basic: dict[str, Decimal] = {"2080505": e.get("30108", ZERO), "2210201": e.get("30113", ZERO)}
        if "2080506" in self.codes_personnel:
            basic["2080506"] = e.get("30109", ZERO)
        medical = e.get("30110", ZERO)
        if "2101102" in self.codes_personnel:
            basic["2101101"] = self.g(medical * uniform(rng, 0.35, 0.7))
            basic["2101102"] = medical - basic["2101101"]
        else:
            basic["2101101"] = medical
        for code, econ in (("2101103", ("30111",)), ("2080501", ("30301", "30302")), ("2080801", ("30304",)), ("2210203", ("30399",))):  # fmt: skip
            if code in self.codes_personnel:
                basic[code] = sum((e.get(c, ZERO) for c in econ), ZERO)
        rest = self.personnel + self.public - sum(basic.values(), ZERO)
        self.run_codes = [self.profile.run[0]] + ([self.profile.run[1]] if self.has_institution else [])
        if self.body is not None and self.unit_index is not None and self.has_institution:
            self.run_codes = [self.profile.run[1]]  # a 事业单位 of its own: 事业运行 only
        if len(self.run_codes) == 2:
            first = self.g(rest * uniform(rng, 0.45, 0.8))
            basic[self.run_codes[0]], basic[self.run_codes[1]] = first, rest - first
        else:
            basic[self.run_codes[0]] = rest
        self.items: dict[str, Item] = {c: Item(c, ITEM_NAMES[c], {"gpb": v}) for c, v in basic.items()}

    def item(self, code: str) -> Item:
        if code not in self.items:
            self.items[code] = Item(code, ITEM_NAMES[code])
        return self.items[code]

    # ------------------------------------------------------------------ projects (performance)
    def _projects(self, outlier: tuple[float, float] | None) -> None:
        rng, prof = self.rng, self.profile
        if self.body is None:
            n = rng.randint(3, 6)
            chosen = rng.sample(list(prof.projects), min(len(prof.projects), n - 1 if rng.random() < 0.3 else n))
            if len(chosen) < n:
                chosen.append(dataclasses.replace(RUN_PROJECT, code=self.run_codes[0]))
            runs = [0] * len(chosen)
        else:
            chosen, runs = self._body_projects(self.body, self.unit_index)
        lo, hi = prof.factor
        basic = self.personnel + self.public
        project_total = basic * D(repr(math.exp(rng.uniform(math.log(lo), math.log(hi)))))
        if basic + project_total > 600_000_000:
            project_total = uniform(rng, 480_000_000, 600_000_000) - basic
        if basic + project_total < 1_000_000:
            project_total = uniform(rng, 1_000_000, 1_500_000) - basic
        # projects are whole 万元 cents: the forms print them in 万元 exactly
        project_total = max(q2(project_total / WAN) * WAN, D(30000 * len(chosen)))
        amounts = split(project_total, [rng.random() ** 2 + 0.08 for _ in chosen], D(5000), D(100))
        if chosen[-1].code == self.run_codes[0] and len(chosen) > 1:
            # a 业务工作经费 booked on 行政运行 is a small share of that row, not a fund transfer
            cap = max(D(5000), q2(self.items[self.run_codes[0]].exp() * uniform(rng, 0.05, 0.35) / WAN) * WAN)
            if amounts[-1] > cap:
                big = amounts.index(max(amounts[:-1]))
                amounts[big] += amounts[-1] - cap
                amounts[-1] = cap
        # a project executed far below its budget, the shortfall explained and carried over
        self.explained_index = rng.randrange(len(chosen)) if self.kind != "预算" and rng.random() < 0.3 else None
        # an unexplained one (an injected error): drawn apart, so that the rest stays as in the clean twin
        low = None if outlier is None else min(int(outlier[0] * len(chosen)), len(chosen) - 1)
        if low is not None and low == self.explained_index:
            low = (low + 1) % len(chosen)
        self.outlier_index = low
        self.projects: list[Project] = []
        for k, (tpl, amount) in enumerate(zip(chosen, amounts)):
            name = (f"{self.year}年" if rng.random() < 0.25 else "") + tpl.name
            p = Project(name, tpl.code, amount, unit=runs[k])
            r = D(1) if rng.random() < 0.35 else uniform(rng, 0.92, 0.999)
            if k == low:
                r = D(repr(outlier[1]))
            elif k == self.explained_index:
                r = uniform(rng, 0.3, 0.6)
                p.explain = rng.choice(LOW_REASONS)
            p.budget = amount if r == 1 else max(amount, q2(amount / r / WAN) * WAN)
            u = rng.random()
            p.initial = p.budget if u < 0.6 else q2(p.budget * uniform(rng, 0.75, 0.95) / WAN) * WAN if u < 0.92 else ZERO
            if self.kind == "预算":  # a budget's project is its amount: nothing executed, nothing adjusted yet
                p.budget = p.initial = amount
            if rng.random() < 0.2 and self.kind != "预算":
                p.carry = q2(amount * uniform(rng, 0.05, 0.3) / WAN) * WAN
            self._goals(p, tpl)
            self.projects.append(p)
            it = self.item(tpl.code)
            it.project["gpb"] = it.project.get("gpb", ZERO) + amount

    def _body_projects(self, body: Body, unit: int | None) -> tuple[list[ProjectTemplate], list[int]]:
        """The body's projects (a unit's own and those of the units merged into its 本部), the
        业务工作经费 on 行政运行 last; and the unit that runs each."""
        if unit is None:
            runs = [(tpl, k) for k, tpls in enumerate(body.projects) for tpl in tpls]
        else:
            mine = [unit] + (body.merged if unit == 0 else [])
            runs = [(tpl, 0) for k in mine for tpl in body.projects[k]]
        runs.sort(key=lambda r: r[0].code == "")
        chosen = [dataclasses.replace(tpl, code=tpl.code or self.run_codes[0]) for tpl, _ in runs]
        return chosen, [k for _, k in runs]

    def _goals(self, p: Project, tpl: ProjectTemplate) -> None:
        rng, year = self.rng, self.year
        qname, unit, lo, hi = tpl.qty
        target = nice(rng.randint(lo, hi))
        last_budget, last = self.targets.get(tpl.name, (None, {}))
        rose = last_budget is not None and p.budget > last_budget
        if rose and qname in last:
            # the budget rose: the target is kept or raised, unless it is the planted error
            target = nice(last[qname] * 4 // 5) if tpl.name == self.lowered else max(target, last[qname])
        got = target if rng.random() < 0.3 else target + rng.randint(1, max(1, target // 8))
        # a range target ("500-600人") for some, the quantity achieved inside it
        upper = target + max(2, target // 4) if rng.random() < 0.2 and tpl.name != self.lowered else None
        if upper is not None:
            got = min(got, upper)
        qual_name, qual_target = tpl.qual
        qual = D(100) if qual_target == 100 or rng.random() < 0.3 else D(repr(round(rng.uniform(qual_target, 99.9), 1)))
        sat_target = rng.choice((85, 90, 95))
        if rose:
            sat_target = max(sat_target, last.get(tpl.sat, 0))
        sat = D(repr(round(rng.uniform(sat_target, 99.5), 1)))
        out_w = rng.choice(
            ((20, 10, 10, 10), (15, 15, 10, 10), (10, 20, 10, 10), (20, 15, 10, 5), (15, 20, 10, 5), (25, 10, 10, 5))
        )
        eff_w = rng.choice(((15, 15), (20, 10), (10, 10, 10)))
        miss = rng.choice(("qty", "qual", "sat")) if rng.random() < 0.25 else ""
        if miss == "qual" and qual_target == 100:
            miss = "sat"
        cause, measure = rng.choice(MISS_CAUSES), rng.choice(MISS_MEASURES)
        if miss == "qty":
            got = target - rng.randint(1, max(1, target // 10))
        elif miss == "qual":
            qual = D(repr(round(qual_target - rng.uniform(1, 5), 1)))
        elif miss == "sat":
            sat = D(repr(round(sat_target - rng.uniform(1, 4), 1)))

        def scored(w: int, missed: bool) -> Decimal:
            return D(w - rng.randint(1, max(1, w // 4))) if missed else D(w)

        timely = rng.random() < 0.5
        day = rng.randint(10, 30)
        budget_wan = fmt_wan(p.budget)
        inds = [
            Indicator("产出指标", "数量指标", qname, f"≥{target}{unit}" if upper is None else f"{target}-{upper}{unit}", f"{got}{unit}", out_w[0],
                      scored(out_w[0], miss == "qty"), nature="≥" if upper is None else "区间", value=str(target) if upper is None else f"{target}-{upper}", unit=unit),
            Indicator("产出指标", "质量指标", qual_name, "100%" if qual_target == 100 else f"≥{qual_target}%", f"{fmt_dec(qual)}%", out_w[1],
                      scored(out_w[1], miss == "qual"), nature="=" if qual_target == 100 else "≥", value=str(qual_target), unit="%"),
            Indicator("产出指标", "时效指标", "资金拨付及时率" if timely else "项目完成时间", "100%" if timely else f"{year}年12月31日前",
                      "100%" if timely else f"{year}年12月{day}日前完成", out_w[2], D(out_w[2]),
                      nature="=" if timely else "定性", value="100" if timely else f"{year}年12月31日前", unit="%" if timely else ""),
            Indicator("产出指标", "成本指标", "项目成本控制", f"≤{budget_wan}万元", f"{fmt_wan(p.executed)}万元", out_w[3], D(out_w[3]),
                      nature="≤", value=budget_wan, unit="万元"),
        ]  # fmt: skip
        if len(eff_w) == 3:
            inds.append(Indicator("效益指标", "经济效益指标", "资金使用效益", "有效提高", "有效提高", eff_w[2], D(eff_w[2]), nature="定性", value="有效提高"))  # fmt: skip
        inds.append(Indicator("效益指标", "社会效益指标", tpl.eff[0], tpl.eff[1], tpl.eff[2], eff_w[0], D(eff_w[0]), nature="定性", value=tpl.eff[1]))  # fmt: skip
        inds.append(Indicator("效益指标", "可持续影响指标", "长效工作机制", "持续发挥作用", "持续发挥作用", eff_w[1], D(eff_w[1]), nature="定性", value="持续发挥作用"))  # fmt: skip
        inds.append(Indicator("满意度指标", "服务对象满意度指标", tpl.sat, f"≥{sat_target}%", f"{fmt_dec(sat)}%", 10, scored(10, miss == "sat"), nature="≥", value=str(sat_target), unit="%"))  # fmt: skip
        for ind in inds:
            if ind.score < ind.weight:  # a reason naming its own indicator: no two projects share one
                ind.reason = f"{ind.name}未达到年度指标值，主要原因是{cause}，下一步将{measure}"
        if p.explain:  # the form explains a low execution under its cost indicator
            inds[3].reason = f"执行数低于预算，主要原因是{p.explain}"
        p.indicators = inds
        subs = {"area": self.area, "year": year, "n": target, "m": got, "q": fmt_dec(qual), "short": self.profile.short}
        p.goal_expected = tpl.expected.format(**subs)
        if self.body is not None and "{year}" not in tpl.expected:  # a family's goals name their year
            p.goal_expected = f"{year}年，{p.goal_expected}"
        p.goal_actual = tpl.actual.format(**subs)

    def targets_of(self) -> Targets:
        """This year's budgets and ≥ targets by project (``targets`` of the next year's world)."""
        out: Targets = {}
        for p in self.projects:
            qty, sat = p.indicators[0], p.indicators[-1]
            kept = {qty.name: int(qty.value)} if qty.nature == "≥" else {}
            kept[sat.name] = int(sat.value)
            out[p.name.removeprefix(f"{self.year}年")] = (p.budget, kept)
        return out

    # ------------------------------------------------------------------ other sources
    def _sources(self) -> None:
        rng = self.rng
        shanghai = self.template == "shanghai"
        # 事业收入 / 上级补助 / 其他收入 of the 事业单位, on its 事业运行 line
        self.has_other = self.has_institution and rng.random() < (0.55 if shanghai else 0.35)
        if self.has_other:
            run = self.items[self.run_codes[-1]]
            run.basic["business"] = self.g(run.exp() * uniform(rng, 0.05, 0.6))
            if rng.random() < 0.4:
                run.basic["superior"] = self.g(run.exp() * uniform(rng, 0.02, 0.2))
        # small 其他收入 (interest, rent) spent on a project line
        if rng.random() < 0.2:
            code = rng.choice([p.code for p in self.projects])
            it = self.items[code]
            it.project["other"] = self.g(uniform(rng, 500, 20000))
            self.has_other = True
        fund_code = self.profile.fund
        self.has_fund = bool(fund_code) and rng.random() < 0.25
        if self.has_fund:
            it = self.item(fund_code)
            it.project["fund"] = self.m(uniform(rng, 10, 400))
        self.has_capital = rng.random() < 0.06
        if self.has_capital:
            it = self.item(rng.choice(("2230105", "2230199")))
            it.project["capital"] = self.m(uniform(rng, 5, 120))

    # ------------------------------------------------------------------ carry-overs
    def _carry(self) -> None:
        rng = self.rng
        budget = self.kind == "预算"
        if budget and self.template == "shanghai":  # Shanghai budgets carry nothing in
            return
        for p in self.projects:  # a project's 上年结转资金 is 年初结转 of its line
            if p.carry:
                it = self.items[p.code]
                it.opening["gpb"] = it.opening.get("gpb", ZERO) + p.carry
        if not budget and self.explained_index is not None:  # what the explained project left unspent is carried out
            p = self.projects[self.explained_index]
            it = self.items[p.code]
            it.closing["gpb"] = it.closing.get("gpb", ZERO) + p.budget - p.executed
        if rng.random() >= 0.45:
            return
        project_codes = sorted({p.code for p in self.projects})
        for code in rng.sample(project_codes, min(len(project_codes), rng.randint(1, 2))):
            it = self.items[code]
            room = it.exp("gpb", "project") - it.opening.get("gpb", ZERO)
            if room > 0 and rng.random() < 0.6:
                it.opening["gpb"] = it.opening.get("gpb", ZERO) + self.g(room * uniform(rng, 0.05, 0.4))
            if not budget and rng.random() < 0.6:
                it.closing["gpb"] = it.closing.get("gpb", ZERO) + self.g(it.exp("gpb", "project") * uniform(rng, 0.02, 0.3))
        if self.has_other and self.has_institution:
            run = self.items[self.run_codes[-1]]
            if run.exp("business"):
                run.opening["business"] = self.g(run.exp("business") * uniform(rng, 0.05, 0.4))
                if not budget:
                    run.closing["business"] = self.g(run.exp("business") * uniform(rng, 0.02, 0.3))
                if not budget and rng.random() < 0.6:
                    run.used = self.g(run.exp("business") * uniform(rng, 0.01, 0.1))
                    run.basic["other"] = run.basic.get("other", ZERO) + run.used
        if self.has_fund and rng.random() < 0.5:
            it = self.items[self.profile.fund]
            it.opening["fund"] = self.g(it.exp("fund") * uniform(rng, 0.1, 0.5))
            if not budget:
                it.closing["fund"] = self.g(it.exp("fund") * uniform(rng, 0.05, 0.3))

    # ------------------------------------------------------------------ budgets
    def _budgets(self) -> None:
        rng = self.rng
        init_of: dict[str, Decimal] = {}
        for p in self.projects:
            init_of[p.code] = init_of.get(p.code, ZERO) + p.initial
        for code, it in sorted(self.items.items()):
            b = it.exp("gpb", "basic")
            if b:
                keep = rng.random() < (0.45 if code in self.codes_personnel else 0.3)
                lo, hi = (0.93, 1.08) if code in self.codes_personnel else (0.88, 1.12)
                b = b if keep else self.g(b * uniform(rng, lo, hi))
            it.budget = b + init_of.get(code, ZERO)
            it.adjusted = it.exp("gpb") if rng.random() < 0.5 else max(it.budget, self.g(it.exp("gpb") * uniform(rng, 1.0, 1.06)))
            g = rng.uniform(0.03, 0.4) * rng.choice((1, -1))
            it.prev = ZERO if rng.random() < 0.08 else self.g(it.total / D(repr(1 + g))) if rng.random() < 0.85 else it.total
        # a line far from its 年初预算, the text saying why (a legitimate extreme)
        self.extreme_code = ""
        if self.kind != "预算" and rng.random() < 0.35:
            candidates = [c for c, it in sorted(self.items.items()) if it.exp("gpb", "project") and c != self.profile.fund]
            if candidates:
                it = self.items[rng.choice(candidates)]
                if rng.random() < 0.5 and it.exp("gpb") > 0:
                    it.budget = self.g(it.exp("gpb") * uniform(rng, 2.5, 4.0))
                    it.explain = rng.choice(LOW_REASONS)
                else:
                    it.budget = self.g(it.exp("gpb") * uniform(rng, 0.2, 0.4))
                    it.explain = rng.choice(HIGH_REASONS)
                self.extreme_code = it.code
        gpb = self.gpb_total
        self.budget_initial = sum((it.budget for it in self.items.values()), ZERO)
        self.project_budget = sum((p.budget for p in self.projects), ZERO)
        self.project_initial = sum((p.initial for p in self.projects), ZERO)
        self.full_budget = self.basic_gpb + self.project_budget  # 部门整体 全年预算数
        g = rng.uniform(0.03, 0.5) * rng.choice((1, -1)) if rng.random() < 0.9 else rng.uniform(-0.6, -0.35)
        self.prev = {
            "total": self.g(self.grand_total / D(repr(1 + g))),
            "fiscal": self.g(self.fiscal_grand / D(repr(1 + g * rng.uniform(0.8, 1.2)))),
            "gpb": self.g(gpb / D(repr(1 + g * rng.uniform(0.8, 1.2)))),
        }
        if rng.random() < 0.1:  # 与上年持平
            self.prev["gpb"] = gpb

    # ------------------------------------------------------------------ the rest
    def _others(self) -> None:
        rng = self.rng
        # "三公": budgets (whole or half 万元, never below the final) and the previous year, in 元
        self.tp_budget, self.tp_prev = {}, {}
        for k, v in self.tp.items():
            if v:
                step = D(WAN) if v >= 2 * WAN else D(5000)
                b = (v * uniform(rng, 1.0, 1.5) / step).to_integral_value(rounding="ROUND_CEILING") * step
                self.tp_budget[k] = b
                self.tp_prev[k] = v if rng.random() < 0.15 else q2(v * uniform(rng, 0.6, 1.5) / WAN) * WAN
            else:
                self.tp_budget[k] = ZERO
                self.tp_prev[k] = ZERO
        self.tp_initial = dict(self.tp_budget)  # 年初预算; tp_budget is 全年预算, after adjustments (a family's)
        self.reception_groups = max(1, int(self.tp["reception"] / WAN * uniform(rng, 2, 8)))
        self.reception_people = self.reception_groups * rng.randint(3, 8)
        self.abroad_groups = 1 if self.tp["abroad"] else 0
        self.abroad_people = rng.randint(2, 5) if self.abroad_groups else 0
        # 公用经费 breakdown of the 基础数据表, the previous year and the budget
        e = self.econ
        office = e.get("30201", ZERO) + e.get("30202", ZERO)
        utilities = e.get("30205", ZERO) + e.get("30206", ZERO) + e.get("30211", ZERO)
        meetings = e.get("30215", ZERO) + e.get("30216", ZERO)
        self.public_parts = {"office": office, "utilities": utilities, "meetings": meetings}
        self.public_parts["other"] = self.public - office - utilities - meetings
        self.public_parts_prev = {k: self.g(v * uniform(rng, 0.75, 1.3)) for k, v in self.public_parts.items()}
        self.public_parts_budget = {k: self.g(v * uniform(rng, 1.0, 1.15)) for k, v in self.public_parts.items()}
        self.public_prev = sum(self.public_parts_prev.values(), ZERO)
        if rng.random() < 0.08:  # 与上年持平: its parts too (the 基础数据表 prints them)
            self.public_prev = self.public
            self.public_parts_prev = dict(self.public_parts)
        self.public_budget = sum(self.public_parts_budget.values(), ZERO)
        # 政府采购
        total = max(D(12000), q2(self.grand_total * uniform(rng, 0.003, 0.03) / WAN) * WAN)
        goods = q2(total * uniform(rng, 0.4, 1.0) / WAN) * WAN
        works = ZERO if rng.random() < 0.75 else q2((total - goods) * uniform(rng, 0.2, 0.9) / WAN) * WAN
        self.procurement = {"total": total, "goods": goods, "works": works, "services": total - goods - works}
        sme = total if rng.random() < 0.4 else q2(total * uniform(rng, 0.6, 0.99) / WAN) * WAN
        small = sme if rng.random() < 0.4 else q2(sme * uniform(rng, 0.5, 0.99) / WAN) * WAN
        self.procurement.update(sme=sme, small=small, budget=q2(total * uniform(rng, 1.0, 1.3) / WAN) * WAN)
        kinds = ["应急保障用车", "执法执勤用车", "特种专业技术用车", "其他用车"]
        self.vehicle_use = dict.fromkeys(["主要负责人用车", "机要通信用车"] + kinds, 0)
        for _ in range(self.vehicles):
            self.vehicle_use[rng.choice(kinds)] += 1
        self.equipment = 0 if rng.random() < 0.85 else rng.randint(1, 3)
        self.coverage = D(repr(round(rng.uniform(92.0, 99.8), 2)))
        self.coverage_sentence = rng.choice((self.profile.coverage, *COVERAGE_MORE[self.profile.key]))
        # a completion or growth rate above 100 %: legitimate, unlike a coverage rate
        self.task_completion = D(repr(round(rng.uniform(100.5, 118.0), 2))) if rng.random() < 0.4 else None
        # 部门整体支出绩效自评表 / 评价报告
        self.dept_eval = rng.random() < 0.6
        self.dept_tasks = rng.randint(5, 15)
        self.dept_sat = D(repr(round(rng.uniform(92, 99.5), 1)))
        self.dept_weights = rng.choice(((15, 15, 10, 10), (20, 10, 10, 10)))
        prev_rate = min(HUNDRED, self.dept_rate + D(rng.choice((-3, -2, -1, 0, 1, 2, 3))) * D("1.1"))
        self.prev_dept_rate = prev_rate
        self.dept_goal_expected = f"{self.profile.focus}，确保{self.year}年度各项重点工作任务按期完成、预算资金规范高效使用。"
        self.dept_goal_actual = (
            f"{self.profile.achieved}；全年完成重点工作任务{self.dept_tasks}项，预算执行规范，“三公”经费控制在预算以内。"
        )
        lines = []
        for l1, l2, l3, w in _EVAL_LINES:
            lost = D(0) if rng.random() < 0.75 else D(rng.choice((0.5, 1, 1.5, 2))) if w >= 5 else D("0.5")
            reason = f"{l3}方面存在不足，扣{fmt_dec(lost)}分" if lost else ""
            lines.append(ScoreLine(l1, l2, l3, w, D(w) - lost, reason))
        self.eval_lines = lines
        self.problems = rng.sample(
            [
                "部分项目绩效目标设置不够细化，量化指标偏少",
                "预算执行进度前低后高，序时进度有待加快",
                "绩效自评结果应用不够充分",
                "部分项目资金结转结余较大",
                "内部管理制度执行有待加强",
            ],
            3,
        )

    # ------------------------------------------------------------------ totals
    def sorted_items(self) -> list[Item]:
        return [self.items[c] for c in sorted(self.items)]

    def total(self, prefix: str = "", fn=None) -> Decimal:
        """Σ over the items whose code starts with prefix of fn(item) (default: all expense)."""
        fn = fn or (lambda it: it.total)
        return sum((fn(it) for c, it in self.items.items() if c.startswith(prefix)), ZERO)

    def classes(self, fn=None) -> list[str]:
        return sorted({c[:3] for c, it in self.items.items() if fn is None or fn(it)})

    @property
    def expense_total(self) -> Decimal:  # 本年支出合计
        return self.total()

    def income_total(self, source: str | None = None) -> Decimal:  # 本年收入合计
        return sum((it.inc(s) for it in self.items.values() for s in ((source,) if source else SOURCES)), ZERO)

    def opening_total(self, sources=SOURCES) -> Decimal:
        return sum((it.opening.get(s, ZERO) for it in self.items.values() for s in sources), ZERO)

    def closing_total(self, sources=SOURCES) -> Decimal:
        return sum((it.closing.get(s, ZERO) for it in self.items.values() for s in sources), ZERO)

    @property
    def used_total(self) -> Decimal:
        return sum((it.used for it in self.items.values()), ZERO)

    @property
    def grand_total(self) -> Decimal:  # 收入总计 = 支出总计
        return self.income_total() + self.used_total + self.opening_total()

    @property
    def fiscal_income(self) -> Decimal:
        return sum((self.income_total(s) for s in FISCAL), ZERO)

    @property
    def fiscal_grand(self) -> Decimal:  # 财政拨款收入支出总计
        return self.fiscal_income + self.opening_total(FISCAL)

    @property
    def gpb_total(self) -> Decimal:
        return self.total(fn=lambda it: it.exp("gpb"))

    @property
    def basic_gpb(self) -> Decimal:
        return self.personnel + self.public

    @property
    def basic_total(self) -> Decimal:
        return self.total(fn=lambda it: it.exp(part="basic"))

    @property
    def project_total(self) -> Decimal:
        return self.total(fn=lambda it: it.exp(part="project"))

    @property
    def project_gpb(self) -> Decimal:
        return self.total(fn=lambda it: it.exp("gpb", "project"))

    @property
    def dept_rate(self) -> Decimal:
        return pct(wan(self.gpb_total), wan(self.full_budget))

    def dept_indicators(self) -> list[Indicator]:
        w = self.dept_weights
        tb, tf = sum(self.tp_budget.values(), ZERO), sum(self.tp.values(), ZERO)
        return [
            Indicator(
                "产出指标", "数量指标", "年度重点工作任务完成数", f"≥{self.dept_tasks}项", f"{self.dept_tasks}项", w[0], D(w[0])
            ),
            Indicator("产出指标", "质量指标", "资金使用合规率", "100%", "100%", w[1], D(w[1])),
            Indicator("产出指标", "时效指标", "预算执行进度", "按序时进度推进", "按序时进度完成", w[2], D(w[2])),
            Indicator("产出指标", "成本指标", "“三公”经费控制", f"≤{fmt_wan(tb)}万元", f"{fmt_wan(tf)}万元", w[3], D(w[3])),
            Indicator("效益指标", "社会效益指标", "群众获得感", "持续增强", "持续增强", 15, D(15)),
            Indicator("效益指标", "可持续影响指标", "内部管理制度健全性", "健全", "健全", 15, D(15)),
            Indicator("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%", f"{fmt_dec(self.dept_sat)}%", 10, D(10)),
        ]

    @property
    def dept_total_score(self) -> Decimal:
        return exec_score(self.dept_rate) + sum((i.score for i in self.dept_indicators()), ZERO)

    @property
    def eval_total(self) -> Decimal:
        return sum((s.score for s in self.eval_lines), ZERO)

    def class_name(self, code: str) -> str:
        return CLASS_NAMES[code] if len(code) == 3 else KUAN_NAMES[code] if len(code) == 5 else ITEM_NAMES[code]

    def econ_name(self, code: str) -> str:
        return ECON_NAMES[code]

    def unit_values(self, it: Item, fn) -> list[Decimal]:
        """``fn`` of an item divided over the units: each unit's own where the department adds up its
        units' worlds, else split as ``unit_split`` does."""
        if self.parts:
            return [fn(p.items[it.code]) if it.code in p.items else ZERO for p in self.parts]
        return self.unit_split(it, fn(it))

    def unit_split(self, it: Item, value: Decimal) -> list[Decimal]:
        """How one of an item's values divides over the units: personnel lines and 行政运行 by
        staff (行政运行 between the department and its units other than the 事业单位), 事业运行 to
        the 事业单位, projects and funds to the department itself."""
        n = len(self.units)
        if n == 1:
            return [value]
        staff = [float(u.actual) for u in self.units]
        if it.code in self.codes_personnel:
            weights = staff
        elif self.has_institution and it.code == self.run_codes[1]:
            weights = [0.0, 1.0] + [0.0] * (n - 2)
        elif it.code == self.run_codes[0]:
            weights = [s if k == 0 or (k > 1 or not self.has_institution) else 0.0 for k, s in enumerate(staff)]
        else:
            weights = [1.0] + [0.0] * (n - 1)
        return split(value, weights, ZERO, self.grain)


def fmt_wan(yuan: Decimal) -> str:
    """An amount in 元 written in 万元 without trailing zeros (as forms and sentences do)."""
    return fmt_dec(wan(yuan))
