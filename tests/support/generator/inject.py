"""Planted errors: each kind sets overrides the builders read, and names the spot where it sits.

Every kind has the finding category the product must report (DOMAIN.md), whether it is material
(an auditor expects it high or medium) and the document types it can be planted in. A kind may
have several variants (which table, which sentence, which wording); the variant is drawn from the
injection's own random stream, so that the clean twin of a document is untouched by it.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from .catalog import COVERAGE_RATE
from .layout import Style
from .money import WAN, ZERO, D, fmt_dec, pct, q2, typo, uniform, wan, wrong_pct
from .tables import COLUMNS, in_table, item_value
from .world import World, fmt_wan

FINAL, BUDGET, REPORT, SELF = "决算", "预算", "评价报告", "自评表"


@dataclass(frozen=True)
class Kind:
    category: str
    material: bool
    doc_kinds: tuple[str, ...]
    text_only: bool = False  # sits in the narrative: not in a workbook


KINDS: dict[str, Kind] = {
    "row_total": Kind("footing", True, (FINAL, BUDGET)),
    "code_hierarchy": Kind("footing", True, (FINAL, BUDGET)),
    "summary_total": Kind("footing", True, (FINAL, BUDGET)),
    "econ_total": Kind("footing", True, (FINAL, BUDGET)),
    "tp_total": Kind("footing", True, (FINAL, BUDGET)),
    "funds_total": Kind("footing", True, (REPORT,)),
    "cross_table_amount": Kind("cross_table", True, (FINAL, BUDGET)),
    "shuffled_rows": Kind("cross_table", True, (FINAL, BUDGET)),
    "cost_indicator": Kind("cross_table", True, (BUDGET,)),
    "narrative_amount": Kind("narrative_vs_table", True, (FINAL, BUDGET), text_only=True),
    "report_amount": Kind("narrative_vs_table", True, (REPORT,), text_only=True),
    "empty_table_stated": Kind("narrative_vs_table", True, (FINAL,), text_only=True),
    "share": Kind("percent_recompute", True, (FINAL, BUDGET, REPORT), text_only=True),
    "completion_rate": Kind("percent_recompute", True, (FINAL,), text_only=True),
    "report_rate": Kind("percent_recompute", True, (REPORT,), text_only=True),
    "yoy": Kind("yoy_recompute", True, (FINAL, BUDGET, REPORT), text_only=True),
    "perf_rate": Kind("perf_score", True, (FINAL, SELF)),
    "perf_total": Kind("perf_score", True, (FINAL, SELF)),
    "missed_full_marks": Kind("perf_score", True, (FINAL, SELF)),
    "report_total": Kind("perf_score", True, (REPORT,)),
    "exec_outlier": Kind("execution_rate_outlier", True, (FINAL, SELF, REPORT)),
    "ratio_over_100": Kind("ratio_over_100", True, (FINAL, BUDGET, REPORT, SELF)),
    "decimal_shift": Kind("unit_or_decimal_shift", True, (FINAL, SELF, REPORT, BUDGET)),
    "yuan_among_wan": Kind("unit_or_decimal_shift", True, (FINAL, BUDGET), text_only=True),
    "copy_goal": Kind("copy_paste_text", True, (FINAL, SELF, BUDGET, REPORT)),
    "copy_actual": Kind("copy_paste_text", True, (FINAL, SELF)),
    "goal_equals_actual": Kind("copy_paste_text", True, (FINAL, SELF)),
    "copy_reason": Kind("copy_paste_text", False, (FINAL, SELF)),
    "staffing": Kind("staffing_mismatch", True, (FINAL, BUDGET, REPORT)),
    "missing_table": Kind("missing_or_blank", True, (FINAL, BUDGET), text_only=True),
    "empty_table_no_note": Kind("missing_or_blank", True, (FINAL, BUDGET), text_only=True),
    "empty_section": Kind("missing_or_blank", False, (FINAL, BUDGET, REPORT), text_only=True),
    "blank_cell": Kind("missing_or_blank", True, (FINAL, SELF)),
    "stray_number": Kind("other", False, (FINAL, BUDGET, REPORT), text_only=True),
}


class Planner:
    """Sets the overrides of one document's injections; ``builder`` is the document's builder
    class (its tables, units and section keys)."""

    def __init__(self, w: World, st: Style, doc_kind: str, builder, ov: dict, rng: random.Random, tables_only: bool):
        self.w, self.s, self.doc_kind, self.b, self.ov, self.rng = w, st, doc_kind, builder, ov, rng
        self.tables_only = tables_only
        self.used: set = ov.setdefault("_used", set())

    def applicable(self, kind: str) -> bool:
        k = KINDS[kind]
        if self.doc_kind not in k.doc_kinds or (self.tables_only and k.text_only):
            return False
        check: Callable[[], bool] | None = getattr(self, f"can_{kind}", None)
        return check() if check else True

    def plan(self, kind: str) -> tuple[str, object]:
        """(description, spot) of one injection."""
        return getattr(self, kind)()

    # ------------------------------------------------------------------ helpers
    def factor(self, table: str) -> Decimal:
        """元 per printed unit of a table."""
        return D(1) if self.b.unit_of(self.w, self.s, table) == "元" else WAN

    def shown(self, table: str, yuan: Decimal) -> Decimal:
        return q2(yuan) if self.factor(table) == 1 else wan(yuan)

    def mistyped(self, table: str, yuan: Decimal) -> Decimal:
        """A mistyped printed value, back in 元."""
        return typo(self.rng, self.shown(table, yuan)) * self.factor(table)

    def fmt(self, table: str, yuan: Decimal) -> str:
        return f"{fmt_dec(self.shown(table, yuan))}{'元' if self.factor(table) == 1 else '万元'}"

    def items(self, table: str):
        items = [
            it
            for it in self.w.sorted_items()
            if in_table(it, table) and it.code not in self.used and item_value(it, table, "total") >= 100
        ]
        return items or [it for it in self.w.sorted_items() if in_table(it, table)]

    def pick_item(self, table: str):
        it = self.rng.choice(self.items(table))
        self.used.add(it.code)
        return it

    def pick_table(self, *tables: str) -> str:
        present = [t for t in tables if ("dropped", t) not in self.used] or list(tables)
        table = self.rng.choice(present)
        self.used.add(("table", table))
        return table

    def pick_project(self, exclude: tuple[int, ...] = ()) -> int:
        free = [
            k
            for k in range(len(self.w.projects))
            if ("project", k) not in self.used and k not in exclude and k != self.w.explained_index
        ]
        k = self.rng.choice(free or [k for k in range(len(self.w.projects)) if k not in exclude])
        self.used.add(("project", k))
        return k

    def t(self, group: str) -> str:
        """The table id a budget or final document uses for a role."""
        return self.b.TABLE_IDS[group] if hasattr(self.b, "TABLE_IDS") else group

    def name(self, table: str) -> str:
        return self.b.table_name(self.w.template, table)

    def ancestors(self, table: str, code: str, cols: tuple[str, ...], delta: dict[str, Decimal]) -> None:
        """Carry a changed 项 value up to its printed 款, 类 and 合计 rows (the table still foots)."""
        keys = ([code[:5], code[:3]] if self.s.hierarchy else []) + ["合计"]
        for key in keys:
            for col in cols:
                if delta.get(col):
                    true = sum(
                        (
                            item_value(it, table, col)
                            for it in self.w.sorted_items()
                            if in_table(it, table) and (key == "合计" or it.code.startswith(key))
                        ),
                        ZERO,
                    )
                    self.ov[("cell", table, key, col)] = self.ov.get(("cell", table, key, col), true) + delta[col]

    # ------------------------------------------------------------------ footing
    def row_total(self):
        table = self.pick_table(self.t("exp"), self.t("gpb"))
        it = self.pick_item(table)
        new = self.mistyped(table, it.exp() if table == self.t("exp") else it.exp("gpb"))
        old = item_value(it, table, "total")
        self.ov[("cell", table, it.code, "total")] = new
        return (f"{self.name(table)} {it.code} {it.name}：合计由{self.fmt(table, old)}改为{self.fmt(table, new)}，不再等于基本支出与项目支出之和",
                ("row", table, it.code))  # fmt: skip

    def code_hierarchy(self):
        table = self.pick_table(*self.b.hierarchy_tables(self.w))
        items = [it for it in self.w.sorted_items() if in_table(it, table)]
        keys = (sorted({it.code[:5] for it in items}) + sorted({it.code[:3] for it in items})) if self.s.hierarchy else ["合计"]
        key = self.rng.choice(keys)
        cols = [c for c, _ in COLUMNS[table]]
        true = {
            c: sum((item_value(it, table, c) for it in items if key == "合计" or it.code.startswith(key)), ZERO) for c in cols
        }
        old = {c: self.ov.get(("cell", table, key, c), true[c]) for c in cols}
        new = self.mistyped(table, old["total"])
        delta = new - old["total"]
        self.ov[("cell", table, key, "total")] = new
        part = next(
            (
                c
                for c in self.rng.sample(
                    [c for c in cols if c in ("basic", "project", "fiscal", "gpb")],
                    k=len([c for c in cols if c in ("basic", "project", "fiscal", "gpb")]),
                )
                if old[c] + delta >= 0
            ),
            None,
        )
        if part:
            self.ov[("cell", table, key, part)] = old[part] + delta
        label = "合计" if key == "合计" else f"{key} {self.w.class_name(key)}"
        return f"{self.name(table)} {label} 由{self.fmt(table, old['total'])}改为{self.fmt(table, new)}，与下级科目之和不符", (
            "row",
            table,
            key,
        )

    def summary_total(self):
        table = self.t("sum")
        key = self.rng.choice(self.b.summary_keys(self.w))
        true = self.w.expense_total if key == "expense:year" else self.b.grand(self.w)
        new = self.mistyped(table, true)
        self.ov[("cell", table, key, "total")] = new
        side = "收入方" if key.startswith("income") else "支出方"
        label = "本年支出合计" if key.endswith("year") else "总计"
        return f"{self.name(table)}{side}{label}由{self.fmt(table, true)}改为{self.fmt(table, new)}", ("row", table, key)

    def econ_total(self):
        table = self.t("econ")
        key = self.rng.choice(self.b.econ_keys(self.w))
        true = {"人员经费合计": self.w.personnel, "合计": self.w.basic_gpb}.get(key) or self.w.groups[key]
        new = self.mistyped(table, true)
        self.ov[("cell", table, key, "total")] = new
        what = key if key in ("人员经费合计", "合计") else f"{key} {self.w.econ_name(key)}"
        return f"{self.name(table)} {what} 由{self.fmt(table, true)}改为{self.fmt(table, new)}，与明细之和不符", (
            "row",
            table,
            key,
        )

    def tp_total(self):
        table = self.t("tp")
        half = "final" if self.doc_kind == FINAL else "budget"
        source = self.w.tp if half == "final" else self.b.tp_values(self.w)
        true = sum(source.values(), ZERO)
        new = typo(self.rng, wan(true)) * WAN if true else D(self.rng.randint(1, 9)) * WAN
        self.ov[("cell", table, half, "total")] = new
        return f"{self.name(table)}“三公”经费合计由{fmt_wan(true)}改为{fmt_wan(new)}万元，不等于各项之和", ("row", table, "data")

    def funds_total(self):
        total = sum((p.executed for p in self.w.projects), ZERO)
        new = typo(self.rng, wan(total)) * WAN
        self.ov[("ft_total", "executed")] = new
        return f"项目资金使用情况表合计实际支出数由{fmt_wan(total)}改为{fmt_wan(new)}万元，不等于各项目之和", ("ft", "合计")

    # ------------------------------------------------------------------ cross-table
    def cross_table_amount(self):
        table, other, part = self.b.cross_pair(self.w)
        candidates = [
            it
            for it in self.items(table)
            if item_value(it, table, "total") == item_value(it, other, "total") and item_value(it, table, part)
        ]
        it = self.rng.choice(candidates or self.items(table))
        self.used.add(it.code)
        old = item_value(it, table, "total")
        new = self.mistyped(table, old)
        delta = new - old
        if item_value(it, table, part) + delta < 0:
            part = "basic"
        self.ov[("cell", table, it.code, "total")] = new
        self.ov[("cell", table, it.code, part)] = item_value(it, table, part) + delta
        self.ancestors(table, it.code, ("total", part), {"total": delta, part: delta})
        return (f"{self.name(table)} {it.code} {it.name} 为{self.fmt(table, new)}，{self.name(other)}为{self.fmt(table, old)}",
                ("row", table, it.code))  # fmt: skip

    def shuffle_pool(self) -> list:
        """Items that agree across the sister tables (all 一般公共预算 money, nothing carried)."""
        return [
            it
            for it in self.w.sorted_items()
            if it.code not in self.used
            and it.exp("gpb")
            and it.total == it.exp("gpb")
            and not (it.opening or it.closing or it.used)
        ]

    def shuffled_rows(self):
        exp, gpb = self.t("exp"), self.t("gpb")
        tables = self.b.shuffle_tables(self.w)
        pool = self.shuffle_pool()
        by_kuan: dict[str, list] = {}
        for it in pool:
            by_kuan.setdefault(it.code[:5], []).append(it)
        groups = [g for g in by_kuan.values() if len(g) >= 3 and len({i.total for i in g}) == len(g)]
        group = self.rng.choice(groups) if self.s.hierarchy and groups else pool
        distinct = {}
        for it in group:
            distinct.setdefault(it.total, it)
        chosen = self.rng.sample(sorted(distinct.values(), key=lambda i: i.code), min(len(distinct), self.rng.choice((3, 3, 4))))
        chosen.sort(key=lambda i: i.code)
        shift = self.rng.randint(1, len(chosen) - 1)
        cols = ("total", "basic", "project")
        for k, it in enumerate(chosen):
            src = chosen[(k + shift) % len(chosen)]
            self.used.add(it.code)
            for table in tables:
                for c in cols:
                    self.ov[("cell", table, it.code, c)] = item_value(src, table, c)
        for table in tables:
            self.used.add(("table", table))
            for it in chosen:
                delta = {c: self.ov[("cell", table, it.code, c)] - item_value(it, table, c) for c in cols}
                self.ancestors(table, it.code, cols, delta)
        codes = "、".join(i.code for i in chosen)
        right = self.name(gpb) if gpb not in tables else self.name(self.t("inc"))
        return f"{'和'.join(self.name(t) for t in tables)}中 {codes} 的金额整行错位（{right}正确）", ("row", exp, chosen[0].code)

    def can_shuffled_rows(self) -> bool:
        return len({it.total for it in self.shuffle_pool()}) >= 3

    def cost_indicator(self):
        k = self.pick_project()
        p = self.w.projects[k]
        i = next(i for i, ind in enumerate(p.indicators) if ind.l2 == "成本指标")
        new = typo(self.rng, wan(p.budget))
        self.ov[("target", k, i)] = f"≤{fmt_dec(new)}万元"
        self.ov[("target_value", k, i)] = fmt_dec(new)
        return f"项目“{p.name}”成本指标写作{fmt_dec(new)}万元，项目预算数为{fmt_wan(p.budget)}万元", ("target", k, i)

    # ------------------------------------------------------------------ narrative
    def narrative_amount(self):
        w = self.w
        if self.rng.random() < 0.6 or self.doc_kind == BUDGET:
            it = self.pick_item(self.t("gpb"))
            key, old, what = ("item", it.code), it.exp("gpb"), f"{it.code} {it.name}"
        else:
            lei = self.rng.choice(w.classes(lambda it: it.exp("gpb")))
            key, old, what = ("lei", lei), w.total(lei, lambda it: it.exp("gpb")), f"{w.class_name(lei)}（类）"
        new = typo(self.rng, wan(old)) * WAN
        self.ov[("narr", key)] = new
        return f"说明中{what}写作{fmt_wan(new)}万元，表中为{fmt_wan(old)}万元", key

    def report_amount(self):
        k = self.pick_project()
        p = self.w.projects[k]
        new = typo(self.rng, wan(p.executed)) * WAN
        self.ov[("report_exec", k)] = new
        return f"报告中项目“{p.name}”实际支出写作{fmt_wan(new)}万元，项目资金使用情况表为{fmt_wan(p.executed)}万元", (
            "report_line",
            k,
        )

    def empty_table_stated(self):
        w = self.w
        amount = w.m(uniform(self.rng, 10, 200))
        self.ov[("narr", "fund_stated")] = amount
        return f"政府性基金预算财政拨款支出决算表为空表，说明中却写支出{fmt_wan(amount)}万元", ("narr", "fund")

    def can_empty_table_stated(self) -> bool:
        return not self.w.has_fund

    # ------------------------------------------------------------------ recomputation
    def share(self):
        keys = self.b.share_keys(self.w, self.s)
        key, part, whole = self.rng.choice(keys)
        true = pct(wan(part), wan(whole))
        wrong = wrong_pct(self.rng, true)
        self.ov[("share", key)] = wrong
        spot = key if isinstance(key, tuple) and key[0] == "lei" else ("share", key)
        return f"所占比例写作{fmt_dec(wrong)}%，按{fmt_wan(part)}/{fmt_wan(whole)}应为{fmt_dec(true)}%", spot

    def completion_rate(self):
        keys = self.b.completion_keys(self.w, self.s)
        key, final, budget = self.rng.choice(keys)
        if isinstance(key, tuple):
            self.used.add(key[1])
        true = pct(wan(final), wan(budget))
        wrong = wrong_pct(self.rng, true, cap=False)
        self.ov[("completion", key)] = wrong
        spot = key if isinstance(key, tuple) else ("completion", key)
        return f"完成预算的比例写作{fmt_dec(wrong)}%，按{fmt_wan(final)}/{fmt_wan(budget)}应为{fmt_dec(true)}%", spot

    def report_rate(self):
        k = self.pick_project()
        p = self.w.projects[k]
        wrong = wrong_pct(self.rng, p.rate, pct(wan(p.executed), wan(p.initial)) if p.initial else None)
        self.ov[("report_rate", k)] = wrong
        return (
            f"报告中项目“{p.name}”执行率写作{fmt_dec(wrong)}%，按{fmt_wan(p.executed)}/{fmt_wan(p.budget)}应为{fmt_dec(p.rate)}%",
            ("report_line", k),
        )

    def yoy(self):
        keys = self.b.yoy_keys(self.w, self.s)
        key, cur, prev = self.rng.choice(keys)
        if key == "dept_rate":
            self.ov[("yoy", key)] = q2(uniform(self.rng, 0.5, 6.0))
            return "预算执行率较上年变动的百分点数与两年的执行率不符", ("yoy", key)
        change = abs(cur - prev)
        true = pct(wan(change), wan(prev))
        wrong = wrong_pct(self.rng, true, pct(wan(change), wan(cur)), cap=False)
        self.ov[("yoy", key)] = wrong
        return f"同比变动{fmt_wan(change)}万元写作变动{fmt_dec(wrong)}%，按上年数{fmt_wan(prev)}应为{fmt_dec(true)}%", (
            "yoy",
            key,
        )

    # ------------------------------------------------------------------ performance
    def perf_rate(self):
        k = self.pick_project()
        p = self.w.projects[k]
        alt = pct(wan(p.executed), wan(p.initial)) if p.initial else None
        wrong = wrong_pct(self.rng, p.rate, alt)
        self.ov[("perf_rate", k)] = wrong
        self.used.add(("perf_rate", k))
        return f"项目“{p.name}”执行率写作{fmt_dec(wrong)}%，按{fmt_wan(p.executed)}/{fmt_wan(p.budget)}应为{fmt_dec(p.rate)}%", (
            "perf_money",
            k,
        )

    def perf_total(self):
        k = self.pick_project()
        p = self.w.projects[k]
        others = {q.total_score for q in self.w.projects} | {self.w.dept_total_score}
        wrong = p.total_score
        while wrong in others or wrong > 100:
            wrong = p.total_score + self.rng.choice((-5, -4, -3, -2, 2, 3, 4, 5))
        self.ov[("perf_total", k)] = wrong
        return f"项目“{p.name}”总分写作{fmt_dec(wrong)}，各项得分之和为{fmt_dec(p.total_score)}", ("perf_total", k)

    def missed_full_marks(self):
        k = self.pick_project()
        p = self.w.projects[k]
        i = next(i for i, ind in enumerate(p.indicators) if ind.l2 == "数量指标")
        ind = p.indicators[i]
        target = int(ind.value.split("-")[0])
        got = target - self.rng.randint(1, max(1, target // 10)) if target > 1 else 0
        self.ov[("ind_actual", k, i)] = f"{got}{ind.unit}"
        self.ov[("ind_score", k, i)] = D(ind.weight)
        self.ov[("ind_reason", k, i)] = ""
        return f"项目“{p.name}”{ind.name}实际完成{got}{ind.unit}，未达到{ind.target}，却得满分{ind.weight}分", ("ind", k, i)

    def report_total(self):
        total = self.w.eval_total
        wrong = total + D(self.rng.choice((-4, -3, -2, 2, 3)))
        wrong = min(wrong, D(100)) if wrong != total else wrong - 1
        self.ov[("eval_total",)] = wrong
        return f"指标得分表总分写作{fmt_dec(wrong)}，各项得分之和为{fmt_dec(total)}", ("eval_total",)

    def exec_outlier(self):
        k = self.w.outlier_index
        p = self.w.projects[k]
        return (
            f"项目“{p.name}”全年预算{fmt_wan(p.budget)}万元仅执行{fmt_wan(p.executed)}万元，执行率{fmt_dec(p.rate)}%，未说明原因",
            (("perf_money", k) if self.doc_kind != REPORT else ("ft", k)),
        )

    def coverage_indicator(self) -> tuple[int, int]:
        """A project's coverage-type indicator (覆盖率, 合格率 … 满意度), never a completion rate."""
        k = self.pick_project()
        p = self.w.projects[k]
        quality = [i for i, ind in enumerate(p.indicators) if ind.l2 == "质量指标" and re.search(COVERAGE_RATE, ind.name)]
        satisfaction = [i for i, ind in enumerate(p.indicators) if ind.l1 == "满意度指标"]
        return k, self.rng.choice(quality or satisfaction)

    def ratio_over_100(self):
        rate = q2(uniform(self.rng, 100.3, 112.0))
        in_form = (
            self.doc_kind == SELF
            or (self.tables_only and self.doc_kind != BUDGET)
            or (self.doc_kind == FINAL and self.rng.random() < 0.4)
        )
        if in_form:
            k, i = self.coverage_indicator()
            ind = self.w.projects[k].indicators[i]
            self.ov[("ind_actual", k, i)] = f"{fmt_dec(rate)}%"
            return f"项目“{self.w.projects[k].name}”{ind.name}实际完成值写作{fmt_dec(rate)}%，超过100%", ("ind", k, i)
        if self.doc_kind == BUDGET:
            k, i = self.coverage_indicator()
            ind = self.w.projects[k].indicators[i]
            self.ov[("target", k, i)] = f"≥{fmt_dec(rate)}%"
            self.ov[("target_value", k, i)] = fmt_dec(rate)
            return f"项目“{self.w.projects[k].name}”{ind.name}指标值写作{fmt_dec(rate)}%，超过100%", ("target", k, i)
        self.ov[("narr", "coverage")] = rate
        return f"说明中覆盖率类指标写作{fmt_dec(rate)}%，超过100%", "coverage"

    def decimal_shift(self):
        if self.doc_kind == REPORT:
            k = self.pick_project()
            p = self.w.projects[k]
            self.ov[("report_exec", k)] = p.executed * 10
            return (
                f"报告中项目“{p.name}”实际支出写作{fmt_wan(p.executed * 10)}万元，项目资金使用情况表为{fmt_wan(p.executed)}万元",
                ("report_line", k),
            )
        if self.doc_kind == BUDGET:
            v = self.b.tp_values(self.w)["reception"]
            self.ov[("narr", "tp_reception")] = v * 10
            return f"说明中公务接待费写作{fmt_wan(v * 10)}万元，“三公”经费表中为{fmt_wan(v)}万元", ("narr", "tp_reception")
        where = ["perf_fiscal"]
        if self.doc_kind == FINAL and self.w.template == "hunan":
            where.append("bd")
        if self.doc_kind == FINAL and not self.tables_only:
            where.append("reception2")
        where = self.rng.choice(where)
        if where == "reception2":
            old = self.w.tp["reception"]
            self.ov[("narr", "reception2")] = old * 10
            return f"“三公”经费具体情况中公务接待费写作{fmt_wan(old * 10)}万元，表中为{fmt_wan(old)}万元", "reception2"
        k = self.pick_project()
        p = self.w.projects[k]
        if where == "perf_fiscal":
            self.ov[("perf_fiscal_exec", k)] = (p.executed - p.carry) * 10
            return (
                f"项目“{p.name}”财政拨款执行数写作{fmt_wan((p.executed - p.carry) * 10)}，应为{fmt_wan(p.executed - p.carry)}",
                ("perf_fiscal", k),
            )
        self.ov[("bd_exec", k)] = p.executed * 10
        return f"基础数据表中项目“{p.name}”决算数写作{fmt_wan(p.executed * 10)}，自评表执行数为{fmt_wan(p.executed)}", (
            "bd_exec",
            k,
        )

    def yuan_among_wan(self):
        key = self.rng.choice(self.b.yuan_keys(self.w))
        self.ov[("yuan", key)] = True
        return "说明中一处金额以元列示，其余金额均以万元列示", key

    # ------------------------------------------------------------------ copied text
    def copy_goal(self):
        j = self.pick_project()
        i = self.rng.choice([x for x in range(len(self.w.projects)) if x != j])
        self.ov[("goal_expected", j)] = self.w.projects[i].goal_expected
        self.ov[("task", j)] = self.w.projects[i].goal_expected
        spot = ("task", j) if self.doc_kind == BUDGET and self.rng.random() < 0.3 else ("goal_expected", j)
        if spot[0] == "task":
            del self.ov[("goal_expected", j)]
        else:
            del self.ov[("task", j)]
        where = "任务内容" if spot[0] == "task" else "目标"
        return f"项目“{self.w.projects[j].name}”的{where}照抄了项目“{self.w.projects[i].name}”的", spot

    def copy_actual(self):
        j = self.pick_project()
        i = self.rng.choice([x for x in range(len(self.w.projects)) if x != j])
        self.ov[("goal_actual", j)] = self.w.projects[i].goal_actual
        return f"项目“{self.w.projects[j].name}”的实际完成情况照抄了项目“{self.w.projects[i].name}”的", ("goal_actual", j)

    def goal_equals_actual(self):
        j = self.pick_project()
        self.ov[("goal_actual", j)] = self.ov.get(("goal_expected", j), self.w.projects[j].goal_expected)
        return f"项目“{self.w.projects[j].name}”的实际完成情况与预期目标一字不差", ("goal_actual", j)

    def copy_reason(self):
        """One project's 偏差原因 pasted under another project's missed indicator (a reason that
        names the other project's indicator)."""
        w = self.w
        donors = [
            (k, i)
            for k, p in enumerate(w.projects)
            for i, ind in enumerate(p.indicators)
            if ind.reason and ind.score < ind.weight
        ]
        if donors:
            k0, i0 = self.rng.choice(donors)
            reason = w.projects[k0].indicators[i0].reason
        else:
            k0 = self.pick_project()
            i0 = 0
            ind = w.projects[k0].indicators[0]
            reason = f"{ind.name}未达到年度指标值，主要原因是部分对象信息核实周期较长，下一步将加强进度调度"
        j = self.pick_project(exclude=(k0,))
        p = w.projects[j]
        i = next(i for i, ind in enumerate(p.indicators) if ind.l1 == "满意度指标")
        ind = p.indicators[i]
        target = D(ind.value)
        got = target - q2(uniform(self.rng, 1, 4)).quantize(D("0.1"))
        self.ov[("ind_actual", j, i)] = f"{fmt_dec(got)}%"
        self.ov[("ind_score", j, i)] = D(ind.weight - 2)
        self.ov[("ind_reason", j, i)] = reason
        return f"项目“{p.name}”的偏差原因照抄了项目“{w.projects[k0].name}”的（原因写的是另一个指标）", ("ind_reason", j, i)

    # ------------------------------------------------------------------ counts, completeness, other
    def staff_places(self) -> list[str]:
        return [p for p in self.b.staff_spots(self.w) if not self.tables_only or p == "staff_table"]

    def can_staffing(self) -> bool:
        return bool(self.staff_places())

    def can_decimal_shift(self) -> bool:
        return not self.tables_only or self.doc_kind in (FINAL, SELF)

    def can_copy_goal(self) -> bool:
        return not (self.tables_only and self.doc_kind == REPORT)

    def can_ratio_over_100(self) -> bool:
        return not (self.tables_only and self.doc_kind == REPORT)

    def can_share(self) -> bool:
        return bool(self.b.share_keys(self.w, self.s))

    def can_yoy(self) -> bool:
        return bool(self.b.yoy_keys(self.w, self.s))

    def staffing(self):
        w = self.w
        where = self.rng.choice(self.staff_places())
        if where != "staff_overview" or self.rng.random() < 0.5:
            new = w.actual
            while new == w.actual:
                new = max(1, min(w.authorized, w.actual + self.rng.choice((-3, -2, -1, 1, 2, 3))))
                if w.authorized == w.actual == new:
                    new = w.actual + 1
            self.ov[("staff", where.removeprefix("staff_"))] = new
            return f"实有人数在此处写作{new}人，其他处为{w.actual}人", where
        new = w.authorized + self.rng.randint(1, max(2, w.authorized // 5))
        self.ov[("staff", where.removeprefix("staff_"))] = new
        return f"实有人数写作{new}人，超过编制人数{w.authorized}人，与其他处（{w.actual}人）不符", where

    def missing_table(self):
        groups = [g for g in self.b.droppable(self.w.template) if ("table", g) not in self.used]
        group = self.rng.choice(groups)
        self.used.update({("table", group), ("dropped", group)})
        self.ov[("drop", group)] = True
        return f"目录列出的{self.name(group)}未公开", ("toc", group)

    def empty_table_no_note(self):
        group = self.rng.choice(self.b.empty_tables(self.w))
        self.ov[("drop", group + ":note")] = True
        for key in self.b.empty_table_explanations(self.w, group):  # the text saying why goes too
            self.ov[("drop", f"body:{key}")] = True
        return f"{self.name(group)}为空表，未说明原因", ("empty", group)

    def can_empty_table_no_note(self) -> bool:
        return bool(self.b.empty_tables(self.w))

    def empty_section(self):
        key = self.rng.choice(self.b.section_keys(self.w, self.s))
        self.ov[("drop", f"body:{key}")] = True
        return "该部分只有标题，没有内容", ("heading", key)

    def blank_cell(self):
        k = self.pick_project()
        self.ov[("blank", "rate", k)] = True
        return f"项目“{self.w.projects[k].name}”执行率一栏空白", ("perf_money", k)

    def stray_number(self):
        key = self.rng.choice(self.b.stray_keys(self.w, self.s))
        digit = str(self.rng.randint(1, 9))
        self.ov[("stray", key)] = digit
        return f"段落前多出一个数字“{digit}”", ("stray", key)
