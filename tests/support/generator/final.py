"""部门决算 in the Hunan (公开01表 … 公开09表), Sichuan (表1 … 表8, tables after the text) and Shanghai
(表1 … 表9 or unnumbered, its official template's sections and fixed wordings) layouts, with their
绩效自评 attachments."""

from __future__ import annotations

from decimal import Decimal

from .catalog import (
    CLASS_LINES,
    CLASS_NAMES,
    DOWN_REASONS,
    ECON_BLOCK1,
    ECON_BLOCK2,
    ECON_BLOCK3,
    ECON_NAMES,
    KUAN_NAMES,
    UP_REASONS,
)
from .layout import row_text
from .money import ZERO, D, cn_number, fmt_dec, pct, wan
from .perf import Perf
from .tables import COLUMNS, CodeTables
from .world import FISCAL

# (group, title) in each template's order; Sichuan numbers them 表1, 表2 … with sub-numbers
TABLES: dict[str, list[tuple[str, str, str]]] = {
    "hunan": [
        ("sum", "收入支出决算总表", "公开01表"),
        ("inc", "收入决算表", "公开02表"),
        ("exp", "支出决算表", "公开03表"),
        ("fsum", "财政拨款收入支出决算总表", "公开04表"),
        ("gpb", "一般公共预算财政拨款支出决算表", "公开05表"),
        ("econ", "一般公共预算财政拨款基本支出决算明细表", "公开06表"),
        ("fund", "政府性基金预算财政拨款收入支出决算表", "公开07表"),
        ("cap", "国有资本经营预算财政拨款支出决算表", "公开08表"),
        ("tp", "财政拨款“三公”经费支出决算表", "公开09表"),
    ],
    "sichuan": [
        ("sum", "收入支出决算总表", "表1"),
        ("inc", "收入决算表", "表2"),
        ("exp", "支出决算表", "表3"),
        ("fsum", "财政拨款收入支出决算总表", "表4"),
        ("gpb", "一般公共预算财政拨款支出决算表", "表5"),
        ("econ", "一般公共预算财政拨款基本支出决算表", "表5-1"),
        ("tp", "一般公共预算财政拨款“三公”经费支出决算表", "表6"),
        ("fund", "政府性基金预算财政拨款收入支出决算表", "表7"),
        ("cap", "国有资本经营预算财政拨款支出决算表", "表8"),
    ],
    "shanghai": [
        ("sum", "收入支出决算总表", "表1"),
        ("inc", "收入决算表", "表2"),
        ("exp", "支出决算表", "表3"),
        ("fsum", "财政拨款收入支出决算总表", "表4"),
        ("gpb", "一般公共预算财政拨款支出决算表", "表5"),
        ("econ", "一般公共预算财政拨款基本支出决算表", "表6"),
        ("tp", "财政拨款“三公”经费支出决算表", "表7"),
        ("fund", "政府性基金预算财政拨款收入支出决算表", "表8"),
        ("cap", "国有资本经营预算财政拨款收入支出决算表", "表9"),
    ],
}
NOTES = {
    "sum": "注：本表反映部门本年度的总收支和年末结转结余情况。",
    "inc": "注：本表反映部门本年度取得的各项收入情况。",
    "exp": "注：本表反映部门本年度各项支出情况。",
    "fsum": "注：本表反映部门本年度一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款的总收支和年末结转结余情况。",
    "gpb": "注：本表反映部门本年度一般公共预算财政拨款支出情况。",
    "econ": "注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。",
    "fund": "注：本表反映部门本年度政府性基金预算财政拨款收入、支出及结转和结余情况。",
    "cap": "注：本表反映部门本年度国有资本经营预算财政拨款支出情况。",
    "tp": "注：本表反映部门本年度财政拨款“三公”经费支出预决算情况。其中，预算数为“三公”经费全年预算数，反映按规定程序调整后的预算数；决算数是包括当年财政拨款和以前年度结转资金安排的实际支出。",
}
INCOME_LINES = [
    ("gpb", "一般公共预算财政拨款收入"),
    ("fund", "政府性基金预算财政拨款收入"),
    ("capital", "国有资本经营预算财政拨款收入"),
    ("superior", "上级补助收入"),
    ("business", "事业收入"),
    ("operating", "经营收入"),
    ("affiliated", "附属单位上缴收入"),
    ("other", "其他收入"),
]


class FinalDoc(CodeTables, Perf):
    """One 部门决算 (see the module docstring)."""

    def render(self) -> None:
        self.cover()
        self.overview()
        if self.t == "sichuan":  # Sichuan prints its tables after the text
            self.narrative()
            self.glossary()
            self.attachments()
            self.tables_part()
        else:
            self.tables_part()
            self.narrative()
            self.glossary()
            self.attachments()

    # ------------------------------------------------------------------ helpers
    def title(self, group: str) -> str:
        return next(t for g, t, _ in TABLES[self.t] if g == group)

    def number(self, group: str) -> str:
        return next(n for g, _, n in TABLES[self.t] if g == group)

    def item_path(self, code: str) -> str:
        """卫生健康（类）医疗保障管理事务（款）行政运行（项）."""
        lei = CLASS_NAMES[code[:3]]
        lei = lei if self.t == "shanghai" or self.rng.random() < 0.3 else lei.removesuffix("支出")
        return f"{lei}（类）{KUAN_NAMES[code[:5]]}（款）{self.w.items[code].name}（项）"

    def yoy(self, key, current: Decimal, previous: Decimal, lead: str = "与上年相比，", subject: str = "") -> str:
        """ "与上年相比，减少408.65万元，下降52.98%": the change and its rate on the previous figure."""
        change = current - previous
        if change == 0:
            flat = "与上年持平" if lead == "与上年相比，" and not subject else f"{lead}{subject}持平"
            return self.spot(("yoy", key), flat)
        if previous == 0:
            return self.spot(("yoy", key), f"{lead}{subject}增加{self.n(change)}万元")
        rate = self.ov.get(("yoy", key), self.rate(abs(change), previous))
        up = change > 0
        down = self.s.down_word if self.t != "shanghai" else "下降"
        text = f"{lead}{subject}{'增加' if up else '减少'}{self.n(abs(change))}万元，{'增长' if up else down}{self.p(rate)}%"
        return self.spot(("yoy", key), text)

    def money(self, key: str, yuan: Decimal) -> str:
        """An amount of the text in 万元, or (an injected error) in 元 among the 万元."""
        return f"{int(yuan)}元" if self.ov.get(("yuan", key)) else f"{self.n(yuan)}万元"

    def share(self, key, part: Decimal, whole: Decimal, word: str = "") -> str:
        rate = self.ov.get(("share", key), self.rate(part, whole))
        return f"{word or self.s.share_word}{self.p(rate)}%"

    def reason(self, up: bool) -> str:
        project = self.rng.choice(self.w.projects).name
        return self.rng.choice(UP_REASONS if up else DOWN_REASONS).format(project=project)

    def heading(self, text: str, key: str) -> None:
        """A section heading; an injection may leave it without its content (``key`` names it)."""
        self.spot(("heading", key), text)
        self.para(text, "", "heading")

    def body(self, text: str, key: str) -> None:
        """A paragraph of section ``key``; a stray number may be glued before its first one."""
        stray = self.ov.get(("stray", key))
        if stray and ("stray", key) not in self.spots:
            text = self.spot(("stray", key), stray + text)
        elif ("stray", key) not in self.spots:
            self.spots[("stray", key)] = text
        self.para(text, f"body:{key}")

    # what the injections may touch (see inject.Planner)
    @staticmethod
    def unit_of(w, st, table: str) -> str:
        return "万元"

    @staticmethod
    def table_name(template: str, group: str) -> str:
        title, number = next((t, n) for g, t, n in TABLES[template] if g == group)
        return f"{number}{title}" if template != "shanghai" else title

    @staticmethod
    def grand(w) -> Decimal:
        return w.grand_total

    @staticmethod
    def summary_keys(w) -> tuple[str, ...]:
        return ("expense:year", "income:grand", "expense:grand")

    @staticmethod
    def econ_keys(w) -> list:
        groups = [g for g, v in w.groups.items() if v and len([c for c in w.econ if c.startswith(g)]) > 1]
        return groups + ["合计" if w.template == "sichuan" else "人员经费合计"]

    @staticmethod
    def cross_pair(w) -> tuple[str, str, str]:
        return "inc", "exp", "fiscal"

    @staticmethod
    def hierarchy_tables(w) -> tuple[str, ...]:
        return ("inc", "exp", "gpb")

    @staticmethod
    def budget_of(w, code: str) -> Decimal:
        """The budget the text compares with: Sichuan its 全年预算 (调整后), the others the 年初预算."""
        it = w.items[code]
        return it.adjusted if w.template == "sichuan" and not it.explain else it.budget

    @staticmethod
    def share_keys(w, st) -> list:
        income = w.income_total()
        keys = [("fiscal" if w.template != "sichuan" else "gpb_income", w.fiscal_income if w.template != "sichuan" else w.income_total("gpb"), income),
                ("basic", w.basic_total, w.expense_total), ("project", w.project_total, w.expense_total),
                ("gpb", w.gpb_total, w.expense_total), ("sme", w.procurement["sme"], w.procurement["total"])]  # fmt: skip
        if w.template != "shanghai":
            keys += [("personnel", w.personnel, w.basic_gpb), ("public", w.public, w.basic_gpb)]
        gpb = w.gpb_total
        keys += [(("lei", c), w.total(c, lambda it: it.exp("gpb")), gpb) for c in w.classes(lambda it: it.exp("gpb"))]
        return keys

    @classmethod
    def completion_keys(cls, w, st) -> list:
        gpb = w.gpb_total
        keys = []
        if w.template != "sichuan":  # Sichuan's sentences print a rate without its budget: not checkable
            keys.append(("overall", gpb, sum((cls.budget_of(w, c) for c in w.items), ZERO)))
            keys += [
                (("item", it.code), it.exp("gpb"), cls.budget_of(w, it.code))
                for it in w.sorted_items()
                if it.exp("gpb") and cls.budget_of(w, it.code)
            ]
        tb, tf = sum(w.tp_budget.values(), ZERO), sum(w.tp.values(), ZERO)
        if tb:
            keys.append(("tp_total", tf, tb))
        if w.tp_budget["reception"]:
            keys.append(("tp_reception", w.tp["reception"], w.tp_budget["reception"]))
        return keys

    @staticmethod
    def yoy_keys(w, st) -> list:
        keys = [("income", w.grand_total, w.prev["total"]), ("fiscal_income", w.fiscal_grand, w.prev["fiscal"]),
                ("gpb", w.gpb_total, w.prev["gpb"]), ("public", w.public, w.public_prev),
                ("tp_total", sum(w.tp.values(), ZERO), sum(w.tp_prev.values(), ZERO))]  # fmt: skip
        if w.template != "shanghai":
            keys += [("expense", w.grand_total, w.prev["total"]), ("fiscal_expense", w.fiscal_grand, w.prev["fiscal"])]
        keys = [k for k in keys if k[1] != k[2] and k[2] and wan(k[1]) != wan(k[2])]
        if w.prev_dept_rate != w.dept_rate:
            keys.append(("dept_rate", w.dept_rate, w.prev_dept_rate))
        return keys

    @staticmethod
    def yuan_keys(w) -> list:
        return ["goods"] + (["meeting"] if w.template != "shanghai" and w.econ.get("30215") else [])

    @staticmethod
    def staff_spots(w) -> list:
        return ["staff_overview", "staff_perf"] + (["staff_table"] if w.template == "hunan" else [])

    @staticmethod
    def droppable(template: str) -> list:
        return ["inc", "exp", "fsum", "gpb", "econ", "tp"]

    @staticmethod
    def empty_table_explanations(w, group: str) -> list:
        """The sections of the text that say why an empty table is empty."""
        return {"fund": ["fund"], "cap": ["cap"] if w.template == "shanghai" else []}[group]

    @staticmethod
    def empty_tables(w) -> list:
        return [g for g, full in (("fund", w.has_fund), ("cap", w.has_capital)) if not full]

    @staticmethod
    def shuffle_tables(w) -> tuple[str, ...]:
        return ("exp", "gpb")

    @classmethod
    def stray_keys(cls, w, st) -> list:
        return cls.section_keys(w, st)

    @staticmethod
    def section_keys(w, st) -> list:
        keys = ["totals", "income", "expense", "fiscal", "basic", "public", "procurement", "assets"]
        return keys + (["general"] if w.template != "shanghai" else [])

    # ------------------------------------------------------------------ cover and overview
    def cover(self) -> None:
        w, rng, y = self.w, self.rng, self.w.year
        if self.t == "hunan" and rng.random() < 0.3:
            self.para(f"附件{rng.randint(1, 3)}：", role="meta")
        if self.t == "shanghai":
            self.para(f"{w.department}\n{y}年度部门决算", role="title")
        elif rng.random() < 0.5:
            self.para(f"{y}年度{w.department}部门决算", role="title")
        else:
            self.para(f"{y}年度\n{w.department}\n部门决算", role="title")
        self.para("目录" if self.t != "shanghai" else "目 录", role="heading")
        self.para(f"第一部分 {w.department}概况", role="toc")
        self.para(
            "- 一、部门职责\n- 二、机构设置" if self.t != "shanghai" else "- 一、主要职能\n- 二、部门决算单位构成", role="toc"
        )
        if self.t != "sichuan":
            self.para(f"第二部分 {w.department}{y}年度部门决算表" if self.t == "shanghai" else "第二部分 部门决算表", role="toc")
        toc = []
        for k, (group, title, _) in enumerate(TABLES[self.t], 1):
            toc.append(f"- {cn_number(k)}、{title}")
            self.spot(("toc", group), f"{cn_number(k)}、{title}")
        if self.t != "sichuan":
            self.para("\n".join(toc), role="toc")
        parts = {"hunan": ("第三部分 部门决算情况说明", "第四部分 名词解释", "第五部分 附件"),
                 "sichuan": ("第二部分 部门决算情况说明", "第三部分 名词解释", "第四部分 附件", "第五部分 附表"),
                 "shanghai": (f"第三部分 {w.department}{y}年度部门决算情况说明", "第四部分 名词解释")}[self.t]  # fmt: skip
        for part in parts:
            self.para(part, role="toc")
        if self.t == "sichuan":  # its tables come last
            self.para("\n".join(toc), role="toc")

    def overview(self) -> None:
        w, rng, prof = self.w, self.rng, self.w.profile
        place = w.place[-1]
        self.para("第一部分", role="heading")
        self.para(f"{w.department}概况", role="heading")
        self.para("一、部门职责" if self.t != "shanghai" else "一、主要职能", role="heading")
        for k, duty in enumerate(prof.duties, 1):
            self.para(f"{k}. " + duty.format(area=w.area, place=place))
        if self.level == "单位":
            self.para("二、机构设置", role="heading")
        else:
            self.para("二、机构设置及决算单位构成" if self.t != "shanghai" else "二、部门决算单位构成", role="heading")
        offices = list(prof.offices[: rng.randint(3, len(prof.offices))])
        actual = self.ov.get(("staff", "overview"), w.actual)
        staff = self.spot("staff_overview", f"本部门共有编制人数{w.authorized}人，实有人数{actual}人")
        units = ""
        if len(w.units) > 1:
            units = "，其中：" + "；".join(f"{u.name}编制{u.authorized}人、实有{u.actual}人" for u in w.units)
        self.para(
            f"（一）内设机构设置。本部门内设{'、'.join(offices)}等{len(offices)}个{'科室' if self.t == 'shanghai' else '股室'}。{staff}{units}。"
        )
        merged = "".join(f"{u.name}不单列预算，并入本部。" for u in w.merged_units)
        if self.level == "单位":
            return
        if self.t == "shanghai":
            self.para(f"纳入{w.department}{w.year}年度部门决算编制范围的单位包括：")
            rows = [["序号", "单位名称", "备注"]] + [
                [str(k), u.name, "" if k == 1 else f"（下属{u.kind}）"] for k, u in enumerate(w.units + w.merged_units, 1)
            ]
            self.grid(rows, "units", 1, ["no", "label", "note"], "")
            if merged:
                self.para(merged)
        else:
            members = "、".join(u.name for u in w.units + w.merged_units)
            self.para(f"（二）决算单位构成。{w.department}{w.year}年部门决算汇总公开单位构成包括：{members}。{merged}")

    # ------------------------------------------------------------------ tables
    def title_block(self, group: str) -> None:
        w, s = self.w, self.s
        title, number = self.title(group), self.number(group)
        self.tables[group] = (title, number)
        unit = s.unit_label
        if self.t == "hunan":
            num = number.replace("公开", "公开 ").replace("表", " 表") if s.spaced_number else number
            v = self.rng.randint(0, 2)
            self.para(title, group, "meta")
            if v == 0:
                self.para(f"{num}\n{unit}", group, "meta")
                self.para(f"部门：{w.department}", group, "meta")
            elif v == 1:
                self.para(num, group, "meta")
                self.para(f"部门：{w.department}", group, "meta")
                self.para(unit, group, "meta")
            else:
                self.para(f"部门：{w.department}", group, "meta")
                self.para(f"{num}\n{unit}", group, "meta")
        elif self.t == "sichuan":
            self.para(number, group, "meta")
            self.para(title, group, "meta")
            self.para(f"部门：{w.department}", group, "meta")
            self.para("金额单位：万元", group, "meta")
        else:
            if s.numbered:
                self.para(number, group, "meta")
            self.para(title, group, "meta")
            self.para("单位：万元", group, "meta")

    def note(self, group: str) -> None:
        self.para(NOTES[group], group, "note")

    def tables_part(self) -> None:
        w = self.w
        if self.t == "sichuan":
            self.para("第五部分 附表", role="heading")
        else:
            self.para("第二部分", role="heading")
            self.para("部门决算表" if self.t != "shanghai" else f"{w.department}{w.year}年度部门决算表", role="heading")
        for group, _, _ in TABLES[self.t]:
            getattr(self, f"t_{group}")()

    def class_lines(self, present: set[str]) -> list[tuple[str, str]]:
        """(numbered label, code) of the expense classes printed in the total tables."""
        out = []
        for k, (code, name) in enumerate(CLASS_LINES, 1):
            if self.s.full_classes or k <= 6 or code in present:
                out.append((f"{cn_number(k)}、{name}", code))
        return out

    def two_sided(self, group: str, inc: list, exp: list, exp_cols: list[str], after_inc: list, after_exp: list) -> None:
        """A two-sided total table. ``inc``: (key, label, value); ``exp``: (key, label, [values]);
        the ``after`` lists the total lines below them. 行次 columns in Hunan and Sichuan."""
        unit = "万元"
        numbered = self.t != "shanghai"
        n = max(len(inc), len(exp))
        word = self.s.item_word
        amount = self.rng.choice(("决算数", "金额"))
        if numbered:
            head = [["收入", "", "", "支出", "", *[""] * len(exp_cols)], [word, "行次", amount, word, "行次", *exp_cols]]
            if self.s.column_numbers:
                head.append(["栏 次", "", "1", "栏 次", "", *[str(k) for k in range(2, 2 + len(exp_cols))]])
        else:
            head = [["收入", "", "支出", *[""] * len(exp_cols)], [word, amount, word, *exp_cols]]
        rows, keys = [], []
        first_exp = n + len(after_inc) + 1
        lines = [(inc[i] if i < len(inc) else ("", "", None), exp[i] if i < len(exp) else ("", "", None)) for i in range(n)]
        lines += list(zip(after_inc, after_exp))
        for i, ((ikey, il, iv), (ekey, el, ev)) in enumerate(lines):
            left = (
                [il, str(i + 1), "" if iv is None else self.a(iv, unit)]
                if numbered
                else [il, "" if iv is None else self.a(iv, unit)]
            )
            evs = ["" if v is None else self.a(v, unit) for v in (ev or [None] * len(exp_cols))]
            right = [el, str(first_exp + i), *evs] if numbered else [el, *evs]
            if not il and numbered and i >= n:
                left = ["", str(i + 1), ""]
            rows.append(left + right)
            keys.append(f"{ikey}|{ekey}")
            if ikey:
                self.spot(("row", group, f"income:{ikey}"), row_text(left))
            if ekey:
                self.spot(("row", group, f"expense:{ekey}"), row_text(right))
        roles = (["label", "line_no", "total"] if numbered else ["label", "total"]) + (
            ["label", "line_no"] if numbered else ["label"]
        )
        roles += ["total", "gpb", "fund", "capital"][: len(exp_cols)]
        self.grid(head + rows, group, len(head), roles, unit, [""] * len(head) + keys)

    def t_sum(self) -> None:
        w = self.w
        self.title_block("sum")
        inc = []
        for k, (src, label) in enumerate(INCOME_LINES):
            v = self.cell(
                "sum", f"income:{src}", "total", w.income_total(src) if src not in ("operating", "affiliated") else ZERO
            )
            inc.append((src, f"{cn_number(k + 1)}、{label}", v if v or src == "gpb" else None))
        present = set(w.classes())
        exp = []
        for label, code in self.class_lines(present):
            v = self.cell("sum", f"expense:{code}", "total", w.total(code)) if code in present else None
            exp.append((code, label, [v]))
        year_inc = self.cell("sum", "income:year", "total", w.income_total())
        year_exp = self.cell("sum", "expense:year", "total", w.expense_total)
        grand = w.grand_total
        after_inc = [
            ("year", "本年收入合计", year_inc),
            ("used", "使用非财政拨款结余（含专用结余）" if self.t == "hunan" else "使用非财政拨款结余", w.used_total or None),
            ("opening", "年初结转和结余", w.opening_total() or None),
            ("grand", "总计", self.cell("sum", "income:grand", "total", grand)),
        ]
        after_exp = [
            ("year", "本年支出合计", [year_exp]),
            ("", "结余分配", [None]),
            ("closing", "年末结转和结余", [w.closing_total() or None]),
            ("grand", "总计", [self.cell("sum", "expense:grand", "total", grand)]),
        ]
        self.two_sided("sum", inc, exp, [self.rng.choice(("决算数", "金额"))], after_inc, after_exp)
        self.note("sum")
        if self.t == "hunan":
            self.para("2. 本套报表金额单位转换时可能存在尾数误差。", "sum", "note")
        if w.opening_total() or w.closing_total() or w.used_total:
            self.legitimate(
                "carry_over", "收入与支出相差年初、年末结转和结余及使用非财政拨款结余", ("row", "sum", "income:opening")
            )
            self.legitimate("carry_over", "本年收入合计与本年支出合计不等（结转结余）", ("row", "sum", "income:year"))
            self.legitimate("carry_over", "本年收入合计与本年支出合计不等（结转结余）", ("row", "sum", "expense:year"))
        self._tails("sum", [(("row", "sum", "income:year"), w.income_total(), [w.income_total(s) for s, _ in INCOME_LINES if s not in ("operating", "affiliated")]),
                            (("row", "sum", "expense:year"), w.expense_total, [w.total(c) for c in present])])  # fmt: skip

    def _tails(self, group: str, checks: list[tuple[object, Decimal, list[Decimal]]]) -> None:
        """A printed total that misses the sum of its printed parts by rounding: legitimate."""
        for spot, total, parts in checks:
            if wan(total) != sum((wan(p) for p in parts), ZERO):
                self.legitimate(
                    "rounding_tail",
                    f"{self.title(group)}：合计与分项之和相差{fmt_dec(abs(wan(total) - sum((wan(p) for p in parts), ZERO)))}（尾数误差）",
                    spot,
                )

    def code_table(
        self, group: str, table: str, header_top: list[str], header_low: list[str] | None = None, unit: str = "万元"
    ) -> None:
        """A table by function code: header rows (the value columns' titles on the first, their
        sub-titles under a merged title on the second), 合计 and code rows."""
        cols = [c for c, _ in COLUMNS[table]]
        up, low, roles = self.code_header()
        word = self.s.item_word if self.t != "shanghai" else "项目"
        head = [[word] + [""] * (len(up) - 1) + header_top, up + (header_low or [""] * len(cols))]
        if self.s.split_codes:
            head.append(low + [""] * len(cols))
        if self.s.column_numbers and self.t != "shanghai":
            head.append(["栏次"] + [""] * (len(up) - 1) + [str(k) for k in range(1, len(cols) + 1)])
        body, keys = self.code_body(table, cols, unit)
        self.grid(head + body, group, len(head), roles + cols, unit, [""] * len(head) + keys)
        # rounding tails of the printed 类/款/合计 rows, and rows whose parts do not foot in 万元
        items = self.table_items(table)
        checks = []
        for key in keys:
            if len(key) == 7:
                if "basic" in cols:
                    checks.append(
                        (
                            ("row", table, key),
                            self.true_value(table, key, "total"),
                            [self.true_value(table, key, c) for c in ("basic", "project")],
                        )
                    )
                continue
            children = [it.code for it in items if key == "合计" or it.code.startswith(key)]
            checks.append(
                (
                    ("row", table, key),
                    self.true_value(table, key, "total"),
                    [self.true_value(table, c, "total") for c in children],
                )
            )
        self._tails(group, checks)

    def mark_lines(self, kind: str, description: str, tables: tuple[str, ...], items: list) -> None:
        """A legitimate difference on some 项 shows on their 款, 类 and 合计 rows too."""
        keys = sorted({k for it in items for k in (it.code, it.code[:5], it.code[:3])}) + (["合计"] if items else [])
        for table in tables:
            for key in keys:
                self.legitimate(kind, description, ("row", table, key))

    def t_inc(self) -> None:
        w = self.w
        self.title_block("inc")
        self.code_table("inc", "inc", [t for _, t in COLUMNS["inc"]])
        self.note("inc")
        carried = [it for it in w.sorted_items() if it.opening or it.closing or it.used]
        self.mark_lines("carry_over", "收入与支出相差结转结余", ("inc", "exp"), carried)

    def t_exp(self) -> None:
        w = self.w
        self.title_block("exp")
        self.code_table("exp", "exp", [t for _, t in COLUMNS["exp"]])
        self.note("exp")
        other = [it for it in w.sorted_items() if it.exp("gpb") != it.total]
        self.mark_lines(
            "other_source", "支出含一般公共预算以外的资金，与一般公共预算财政拨款支出决算表不同", ("exp", "gpb"), other
        )

    def t_fsum(self) -> None:
        w = self.w
        self.title_block("fsum")
        inc = [(s, f"{cn_number(k + 1)}、{label}", w.income_total(s) or (ZERO if s == "gpb" else None))
               for k, (s, label) in enumerate([("gpb", "一般公共预算财政拨款"), ("fund", "政府性基金预算财政拨款"), ("capital", "国有资本经营预算财政拨款")])]  # fmt: skip
        present = set(w.classes(lambda it: it.fiscal()))
        exp = []
        for label, code in self.class_lines(present):
            if code in present:
                vals = [w.total(code, lambda it: it.fiscal())] + [
                    w.total(code, lambda it, s=s: it.exp(s)) or None for s in FISCAL
                ]
                vals = [self.cell("fsum", f"expense:{code}", "total", vals[0])] + vals[1:]
            else:
                vals = [None] * 4
            exp.append((code, label, vals))
        fiscal_exp = sum((it.fiscal() for it in w.items.values()), ZERO)
        op = {s: w.opening_total((s,)) for s in FISCAL}
        cl = {s: w.closing_total((s,)) for s in FISCAL}
        grand = w.fiscal_grand
        after_inc = [
            ("year", "本年收入合计", self.cell("fsum", "income:year", "total", w.fiscal_income)),
            ("opening", "年初财政拨款结转和结余", sum(op.values(), ZERO) or None),
            ("", "一般公共预算财政拨款", op["gpb"] or None),
            ("", "政府性基金预算财政拨款", op["fund"] or None),
            ("", "国有资本经营预算财政拨款", op["capital"] or None),
            ("grand", "总计", self.cell("fsum", "income:grand", "total", grand)),
        ]
        after_exp = [
            ("year", "本年支出合计", [self.cell("fsum", "expense:year", "total", fiscal_exp)] + [w.total(fn=lambda it, s=s: it.exp(s)) or None for s in FISCAL]),
            ("closing", "年末财政拨款结转和结余", [sum(cl.values(), ZERO) or None] + [cl[s] or None for s in FISCAL]),
            ("", "", [None] * 4),
            ("", "", [None] * 4),
            ("", "", [None] * 4),
            ("grand", "总计", [self.cell("fsum", "expense:grand", "total", grand)] + [w.total(fn=lambda it, s=s: it.exp(s)) + cl[s] or None for s in FISCAL]),
        ]  # fmt: skip
        cols = ["合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]
        self.two_sided("fsum", inc, exp, cols, after_inc, after_exp)
        self.note("fsum")
        if sum(op.values(), ZERO) or sum(cl.values(), ZERO):
            self.legitimate("carry_over", "财政拨款收入与支出相差年初、年末财政拨款结转和结余", ("row", "fsum", "income:year"))

    def t_gpb(self) -> None:
        self.title_block("gpb")
        if self.t == "shanghai":
            self.code_table("gpb", "gpb", ["合计", "基本支出", "项目支出"])
        else:
            self.code_table("gpb", "gpb", ["本年支出", "", ""], ["小计", "基本支出", "项目支出"])
        self.note("gpb")

    def t_econ(self) -> None:
        w = self.w
        self.title_block("econ")
        group_value = dict(w.groups)

        def value(code: str) -> Decimal:
            return self.cell("econ", code, "total", group_value[code] if len(code) == 3 else w.econ.get(code, ZERO))

        personnel = self.cell("econ", "人员经费合计", "total", w.personnel)
        public = self.cell("econ", "公用经费合计", "total", w.public)
        if self.t == "sichuan":  # one list: 合计 | 人员经费 | 公用经费 over the items present
            rows = [["科目编码", "科目名称", "合计", "人员经费", "公用经费"]]
            rows.append(["合计", "", self.a(self.cell("econ", "合计", "total", w.basic_gpb)), self.a(personnel), self.a(public)])
            keys = ["", "合计"]
            self.spot(("row", "econ", "合计"), row_text(rows[-1]))
            for g in ("301", "302", "303", "307", "310", "399"):
                if not group_value[g]:
                    continue
                codes = [g] + [c for c in w.econ if c.startswith(g)]
                for code in codes:
                    v = value(code)
                    pers = g in ("301", "303")
                    rows.append([code, ECON_NAMES[code], self.a(v), self.a(v) if pers else "", "" if pers else self.a(v)])
                    keys.append(code)
                    self.spot(("row", "econ", code), row_text(rows[-1]))
            self.grid(rows, "econ", 1, ["code", "label", "total", "personnel", "public"], "万元", keys)
        else:
            blocks = [ECON_BLOCK1, ECON_BLOCK2, ECON_BLOCK3] if self.t == "hunan" else [ECON_BLOCK1, ECON_BLOCK2 + ECON_BLOCK3]
            if self.t == "hunan":
                word = "经济分类科目编码" if self.rng.random() < 0.5 else "科目编码"
                rows = [[word, "科目名称", "决算数"] * 3]
            else:
                rows = [["经济分类科目编码", "科目名称", "决算数"] * 2]
            keys = [""]
            height = max(len(b) for b in blocks)
            for i in range(height):
                row, key = [], []
                for b in blocks:
                    if i < len(b):
                        code, name = b[i]
                        v = value(code)
                        blank = (
                            self.t == "hunan"
                            and b is not ECON_BLOCK2
                            and (code.startswith("303") or b is ECON_BLOCK3)
                            and len(code) == 5
                        )
                        row += [code, name, "" if blank and not v else self.a(v, zero=self.t != "shanghai")]
                        key.append(code)
                    else:
                        row += ["", "", ""]
                rows.append(row)
                keys.append("|".join(key))
                for b_i, code in enumerate(key):
                    self.spot(("row", "econ", code), row_text(row[b_i * 3 : b_i * 3 + 3]))
            last = ["人员经费合计", "", self.a(personnel)] + [""] * 3 * (len(blocks) - 2) + ["公用经费合计", "", self.a(public)]
            rows.append(last)
            keys.append("合计")
            self.spot(("row", "econ", "人员经费合计"), row_text(last))
            self.grid(rows, "econ", 1, ["code", "label", "total"] * len(blocks), "万元", keys)
        self.note("econ")
        checks = [(("row", "econ", g), v, [x for c, x in w.econ.items() if c.startswith(g)]) for g, v in w.groups.items() if v]
        checks.append((("row", "econ", "人员经费合计"), w.personnel, [w.groups["301"], w.groups["303"]]))
        self._tails("econ", checks)

    def empty_table(self, group: str, head: list[list[str]], roles: list[str]) -> None:
        s, w = self.s, self.w
        width = len(head[-1])
        rows = head + [["合计"] + [""] * (width - 1)]
        if s.empty_row == "无0":
            rows.append(["无", "", *["0"] * (width - 2)])
        elif s.empty_row == "无":
            rows.append(["无"] + [""] * (width - 1))
        self.grid(rows, group, len(head), roles, "万元")
        self.note(group)
        what = {"fund": "政府性基金预算财政拨款收入和支出", "cap": "国有资本经营预算财政拨款收入和支出"}[group]
        if self.t == "shanghai":
            text = f"说明：{w.department}本年度没有{what}，故本表无数据。"
        else:
            text = ("说明：" if s.note_prefix else "") + f"本部门{w.year}年度没有{what}，故本表无数据。"
        self.para(text, f"{group}:note", "note")
        self.spot(("empty", group), self.title(group))

    def t_fund(self) -> None:
        self.title_block("fund")
        w = self.w
        head_top = ["年初结转和结余", "本年收入", "本年支出", "", "", "年末结转和结余"]
        if not w.has_fund:
            up, _, roles = self.code_header()
            self.empty_table("fund", [[self.s.item_word] + [""] * (len(up) - 1) + head_top, up + ["", "", "小计", "基本支出", "项目支出", ""]],
                             roles + [c for c, _ in COLUMNS["fund"]])  # fmt: skip
            return
        self.code_table("fund", "fund", head_top, ["", "", "小计", "基本支出", "项目支出", ""])
        self.note("fund")
        if w.opening_total(("fund",)) or w.closing_total(("fund",)):
            self.legitimate("carry_over", "政府性基金收入与支出相差结转结余", ("row", "fund", "合计"))

    def t_cap(self) -> None:
        self.title_block("cap")
        w = self.w
        table = "capx" if self.t == "shanghai" else "cap"
        head_top = (
            ["年初结转和结余", "本年收入", "本年支出", "", "", "年末结转和结余"] if table == "capx" else ["本年支出", "", ""]
        )
        low = ["", "", "小计", "基本支出", "项目支出", ""] if table == "capx" else ["合计", "基本支出", "项目支出"]
        if not w.has_capital:
            up, _, roles = self.code_header()
            self.empty_table(
                "cap", [[self.s.item_word] + [""] * (len(up) - 1) + head_top, up + low], roles + [c for c, _ in COLUMNS[table]]
            )
            return
        self.code_table("cap", table, head_top, low)
        self.note("cap")

    def t_tp(self) -> None:
        w = self.w
        self.title_block("tp")

        def vals(v: dict) -> list[Decimal]:
            vehicle = v["purchase"] + v["running"]
            return [v["abroad"] + vehicle + v["reception"], v["abroad"], vehicle, v["purchase"], v["running"], v["reception"]]

        budget = [
            self.cell("tp", "budget", c, x)
            for c, x in zip(("total", "abroad", "vehicle", "purchase", "running", "reception"), vals(w.tp_budget))
        ]
        final = [
            self.cell("tp", "final", c, x)
            for c, x in zip(("total", "abroad", "vehicle", "purchase", "running", "reception"), vals(w.tp))
        ]
        roles = ["total", "abroad", "vehicle_subtotal", "vehicle_purchase", "vehicle_running", "reception"]
        if self.t == "shanghai":
            head = [
                ["财政拨款“三公”经费"] + [""] * 11,
                ["合计", "", "因公出国（境）费", "", "公务用车购置及运行维护费", "", "", "", "", "", "公务接待费", ""],
                ["", "", "", "", "小计", "", "公务用车购置费", "", "公务用车运行维护费", "", "", ""],
                ["预算数", "决算数"] * 6,
            ]
            data = [self.a(x, zero=False) for pair in zip(budget, final) for x in pair]
            cols = [f"{r}@{h}" for r in roles for h in ("budget", "final")]
        else:
            one = ["合计", "因公出国（境）费", "公务用车购置及运行维护费", "", "", "公务接待费"]
            sub = ["", "", "小计", "公务用车购置费", "公务用车运行维护费", ""]
            head = [["预算数", "", "", "", "", "", "决算数", "", "", "", "", ""], one + one, sub + sub]
            if self.s.column_numbers:
                head.append([str(i) for i in range(1, 13)])
            data = [self.a(x) for x in budget] + [self.a(x) for x in final]
            cols = [f"{r}@budget" for r in roles] + [f"{r}@final" for r in roles]
        self.spot(("row", "tp", "data"), row_text(data))
        self.grid(head + [data], "tp", len(head), cols, "万元", [""] * len(head) + ["data"])
        self.note("tp")

    # ------------------------------------------------------------------ narrative
    def narrative(self) -> None:
        w, y = self.w, self.w.year
        if self.t == "sichuan":
            self.para("第二部分", role="heading")
            self.para(f"{y}年度部门决算情况说明", role="heading")
        elif self.t == "shanghai":
            self.para(f"第三部分 {w.department}{y}年度部门决算情况说明", role="heading")
        else:
            self.para("第三部分", role="heading")
            self.para(f"{y}年度部门决算情况说明", role="heading")
        self.section_totals()
        self.section_income()
        self.section_expense()
        self.section_fiscal()
        self.section_gpb()
        self.section_basic()
        self.three_public()
        self.section_funds()
        if self.t == "shanghai":  # its template: 十、预算绩效管理情况 before 十一、其他重要事项
            self.performance_narrative()
            self.section_other()
        else:
            self.section_other()
            self.performance_narrative()

    def section_totals(self) -> None:
        w, y = self.w, self.w.year
        grand, prev = w.grand_total, w.prev["total"]
        up = grand > prev
        self.heading("一、收入支出决算总体情况说明", "totals")
        if self.t == "hunan":
            self.body(
                f"{y}年度收入总计{self.n(grand)}万元。{self.yoy('income', grand, prev)}，主要是因为{self.reason(up)}。", "totals"
            )
            self.body(
                f"{y}年度支出总计{self.n(grand)}万元。{self.yoy('expense', grand, prev)}，主要是因为{self.reason(up)}。", "totals"
            )
        elif self.t == "sichuan":
            self.body(f"{y}年度收入总计{self.n(grand)}万元，支出总计{self.n(grand)}万元。"
                      f"{self.yoy('income', grand, prev, f'与{y - 1}年相比，', '收入总计')}，"
                      f"{self.yoy('expense', grand, prev, '', '支出总计')}。主要变动原因是{self.reason(up)}。", "totals")  # fmt: skip
        else:
            self.body(f"{w.department}{y}年度收入支出总计{self.n(grand)}万元。"
                      f"{self.yoy('income', grand, prev, f'与{y - 1}年度相比，', '收入支出总计')}。主要原因：{self.reason(up)}。", "totals")  # fmt: skip

    def section_income(self) -> None:
        w, y = self.w, self.w.year
        total = w.income_total()
        self.heading("二、收入决算情况说明", "income")
        parts = []
        sources = [("fiscal", "财政拨款收入", w.fiscal_income), ("superior", "上级补助收入", w.income_total("superior")),
                   ("business", "事业收入", w.income_total("business")), ("operating", "经营收入", ZERO),
                   ("affiliated", "附属单位上缴收入", ZERO), ("other", "其他收入", w.income_total("other"))]  # fmt: skip
        if self.t == "sichuan":
            sources = (
                [
                    ("gpb_income", "一般公共预算财政拨款收入", w.income_total("gpb")),  # not the expense's ("share", "gpb")
                    ("fund", "政府性基金预算财政拨款收入", w.income_total("fund")),
                    ("capital", "国有资本经营预算财政拨款收入", w.income_total("capital")),
                ]
                + sources[1:]
            )
        for key, label, v in sources:
            if v or self.s.long_income or (self.t == "sichuan") or key in ("fiscal", "gpb_income"):
                parts.append(self.spot(("share", key), f"{label}{self.n(v)}万元，{self.share(key, v, total, '占')}"))
        lead = f"{y}年度收入合计" if self.t == "hunan" else f"{y}年本年收入合计" if self.t == "sichuan" else "本年收入合计"
        self.body(f"{lead}{self.n(total)}万元，其中：{'；'.join(parts)}。", "income")

    def section_expense(self) -> None:
        w, y = self.w, self.w.year
        total = w.expense_total
        self.heading("三、支出决算情况说明", "expense")
        basic = self.spot(("share", "basic"), f"基本支出{self.n(w.basic_total)}万元，{self.share('basic', w.basic_total, total)}")
        project = self.spot(
            ("share", "project"), f"项目支出{self.n(w.project_total)}万元，{self.share('project', w.project_total, total)}"
        )
        rest = "；上缴上级支出0万元，占0%；经营支出0万元，占0%；对附属单位补助支出0万元，占0%" if self.t == "sichuan" else ""
        lead = f"{y}年度支出合计" if self.t == "hunan" else f"{y}年本年支出合计" if self.t == "sichuan" else "本年支出合计"
        self.body(f"{lead}{self.n(total)}万元，其中：{basic}；{project}{rest}。", "expense")

    def section_fiscal(self) -> None:
        w, y = self.w, self.w.year
        grand, prev = w.fiscal_grand, w.prev["fiscal"]
        up = grand > prev
        self.heading("四、财政拨款收入支出决算总体情况说明", "fiscal")
        if self.t == "hunan":
            self.body(f"{y}年度财政拨款收入总计{self.n(grand)}万元，{self.yoy('fiscal_income', grand, prev)}，主要是因为{self.reason(up)}；"
                      f"财政拨款支出总计{self.n(grand)}万元，{self.yoy('fiscal_expense', grand, prev)}，主要是因为{self.reason(up)}。", "fiscal")  # fmt: skip
        elif self.t == "sichuan":
            self.body(f"{y}年财政拨款收入总计{self.n(grand)}万元，财政拨款支出总计{self.n(grand)}万元。"
                      f"{self.yoy('fiscal_income', grand, prev, f'与{y - 1}年相比，', '财政拨款收入总计')}，"
                      f"{self.yoy('fiscal_expense', grand, prev, '', '财政拨款支出总计')}。主要变动原因是{self.reason(up)}。", "fiscal")  # fmt: skip
        else:
            self.body(f"{w.department}{y}年度财政拨款收入支出总计{self.n(grand)}万元。"
                      f"{self.yoy('fiscal_income', grand, prev, f'与{y - 1}年度相比，', '财政拨款收入支出总计')}。主要原因：{self.reason(up)}。", "fiscal")  # fmt: skip

    def section_gpb(self) -> None:
        w, y = self.w, self.w.year
        gpb, prev = w.gpb_total, w.prev["gpb"]
        up = gpb > prev
        self.heading("五、一般公共预算财政拨款支出决算情况说明", "gpb")
        self.para("（一）一般公共预算财政拨款支出决算总体情况", role="heading")
        share = self.spot(
            ("share", "gpb"),
            f"一般公共预算财政拨款支出{self.n(gpb)}万元，{self.share('gpb', gpb, w.expense_total, '占本年支出合计的')}",
        )
        if self.t == "hunan":
            self.body(f"{y}年度{share}。{self.yoy('gpb', gpb, prev)}，主要原因是{self.reason(up)}。", "gpb")
        elif self.t == "sichuan":
            self.body(
                f"{y}年{share}。{self.yoy('gpb', gpb, prev, f'与{y - 1}年相比，', '一般公共预算财政拨款')}。主要变动原因是{self.reason(up)}。",
                "gpb",
            )
        else:
            self.body(
                f"{share}。{self.yoy('gpb', gpb, prev, f'与{y - 1}年度相比，', '一般公共预算财政拨款支出')}。主要原因：{self.reason(up)}。",
                "gpb",
            )
        self.para("（二）一般公共预算财政拨款支出决算结构情况", role="heading")
        parts = []
        for lei in w.classes(lambda it: it.exp("gpb")):
            amount = self.narr(("lei", lei), w.total(lei, lambda it: it.exp("gpb")))
            name = CLASS_NAMES[lei]
            label = f"{name}（类）" if self.t == "shanghai" else f"{name.removesuffix('支出')}（类）支出"
            parts.append(self.spot(("lei", lei), f"{label}{self.n(amount)}万元，{self.share(('lei', lei), amount, gpb)}"))
        lead = f"{y}年度" if self.t == "hunan" else f"{y}年" if self.t == "sichuan" else ""
        self.body(f"{lead}一般公共预算财政拨款支出{self.n(gpb)}万元，主要用于以下方面：{'；'.join(parts)}。", "gpb")
        self.para("（三）一般公共预算财政拨款支出决算具体情况", role="heading")
        self.gpb_items()

    def gpb_items(self) -> None:
        w, y = self.w, self.w.year
        gpb = w.gpb_total
        total_budget = sum((self.budget_of(w, c) for c in w.items), ZERO)
        rate = self.ov.get(("completion", "overall"), self.rate(gpb, total_budget))
        if self.t == "sichuan":
            overall = self.spot(("completion", "overall"), f"一般公共预算支出决算数为{self.n(gpb)}万元，完成预算{self.p(rate)}%")
            self.body(f"{y}年{overall}。其中：", "gpb")
        else:
            overall = self.spot(
                ("completion", "overall"),
                f"年初预算为{self.n(total_budget)}万元，支出决算为{self.n(gpb)}万元，完成年初预算的{self.p(rate)}%",
            )
            extreme = w.items[w.extreme_code].explain if w.extreme_code else ""
            why = (
                "决算数小于预算数的主要原因：" + self.rng.choice(("部分项目未开展完成", "厉行节约，严控支出"))
                if gpb < total_budget
                else "决算数大于预算数的主要原因：年中追加了项目经费"
            )
            if extreme:  # the line far from its budget moves the whole: the text says why
                why = ("决算数小于预算数的主要原因：" if gpb < total_budget else "决算数大于预算数的主要原因：") + extreme
                self.legitimate(
                    "explained_extreme",
                    f"整体完成年初预算的比例受{w.extreme_code}影响，文中说明了原因",
                    ("completion", "overall"),
                )
            if self.t == "shanghai":
                self.body(f"一般公共预算财政拨款支出{overall}。{why}。其中：", "gpb")
            else:
                self.body(f"{y}年度一般公共预算财政拨款支出{overall}，其中：", "gpb")
        for k, it in enumerate([i for i in w.sorted_items() if i.exp("gpb")], 1):
            self.item_paragraph(k, it.code)

    def item_paragraph(self, k: int, code: str) -> None:
        w = self.w
        it = w.items[code]
        executed = self.narr(("item", code), it.exp("gpb"))
        budget = self.budget_of(w, code)
        path = self.item_path(code)
        if self.t == "sichuan":
            if not budget:
                text = self.spot(("item", code), f"支出决算为{self.n(executed)}万元，年初未安排预算")
                self.legitimate("zero_budget", f"{path} 无年初预算，年中追加", ("item", code))
            else:
                rate = self.ov.get(("completion", ("item", code)), self.rate(executed, budget))
                text = self.spot(("item", code), f"支出决算为{self.n(executed)}万元，完成预算{self.p(rate)}%")
            if it.explain:
                text += f"，主要原因是{it.explain}"
                self.legitimate("explained_extreme", f"{path}：{it.explain}", ("item", code))
            self.body(f"{k}.{path}: {text}。", "gpb")
            return
        # every wording alternative is drawn, whatever the figures: an error planted in them
        # must not change the words drawn after them
        equal = self.rng.choice(("决算数等于年初预算数", "决算数与年初预算数一致")) if self.t == "hunan" else "决算数同预算数持平"
        project = bool(it.exp(part="project"))
        more = self.rng.choice(
            ("年中追加了项目经费", "项目实施进度加快") if project else ("年中调整了缴费基数", "人员增加及工资标准调整")
        )
        less = self.rng.choice(
            ("项目按实际需求支出", "厉行节约，严控项目支出") if project else ("厉行节约，严控经费支出", "人员减少")
        )
        if not budget:
            text = self.spot(("item", code), f"年初预算为0万元，支出决算为{self.n(executed)}万元")
            self.legitimate("zero_budget", f"{path} 年初预算为0，年中追加", ("item", code))
            why = "决算数大于年初预算数的主要原因是：年中追加了项目经费"
        else:
            rate = self.ov.get(("completion", ("item", code)), self.rate(executed, budget))
            text = self.spot(
                ("item", code), f"年初预算为{self.n(budget)}万元，支出决算为{self.n(executed)}万元，完成年初预算的{self.p(rate)}%"
            )
            if executed == budget:
                why = equal
            elif it.explain:
                why = ("决算数大于预算数的主要原因：" if executed > budget else "决算数小于预算数的主要原因：") + it.explain
                self.legitimate(
                    "explained_extreme",
                    f"{path}：完成年初预算的{fmt_dec(pct(wan(executed), wan(budget)))}%，{it.explain}",
                    ("item", code),
                )
            else:
                why = ("决算数大于预算数的主要原因：" + more) if executed > budget else ("决算数小于预算数的主要原因：" + less)
        if self.t == "shanghai":
            use = "主要用于：" + ("人员支出、公用支出" if it.exp(part="basic") else "项目支出") + "。"
            self.body(f"{k}、{path}。{use}{text}。{why}。", "gpb")
        else:
            self.body(f"{k}、{path}。", "gpb")
            self.body(f"{text}，{why}。", "gpb")

    def section_basic(self) -> None:
        w, y = self.w, self.w.year
        self.heading("六、一般公共预算财政拨款基本支出决算情况说明", "basic")
        basic = w.basic_gpb
        pers_names = "、".join(ECON_NAMES[c] for c in w.econ if c[:3] in ("301", "303"))
        pub_names = "、".join(ECON_NAMES[c] for c in w.econ if c[:3] in ("302", "307", "310", "399"))
        pe = self.spot(
            ("share", "personnel"),
            f"人员经费{self.n(w.personnel)}万元，{self.share('personnel', w.personnel, basic, '占基本支出的')}",
        )
        pu = self.spot(
            ("share", "public"), f"公用经费{self.n(w.public)}万元，{self.share('public', w.public, basic, '占基本支出的')}"
        )
        if self.t == "shanghai":
            pe = f"人员经费{self.n(w.personnel)}万元"
            pu = f"公用经费{self.n(w.public)}万元"
            self.body(
                f"一般公共预算财政拨款基本支出{self.n(basic)}万元。其中：{pe}，主要包括：{pers_names}；{pu}，主要包括：{pub_names}。",
                "basic",
            )
            return
        lead = f"{y}年度" if self.t == "hunan" else f"{y}年"
        self.body(f"{lead}一般公共预算财政拨款基本支出{self.n(basic)}万元，其中：", "basic")
        self.body(f"{pe}，主要包括{pers_names}。", "basic")
        self.body(f"{pu}，主要包括{pub_names}。", "basic")

    def three_public(self) -> None:
        w, y = self.w, self.w.year
        b, fin, prev = w.tp_budget, w.tp, w.tp_prev
        tb, tf, tprev = sum(b.values(), ZERO), sum(fin.values(), ZERO), sum(prev.values(), ZERO)
        self.heading("七、财政拨款“三公”经费支出决算情况说明", "tp")
        self.para("（一）“三公”经费财政拨款支出决算总体情况说明", role="heading")

        def completion(key: str, budget: Decimal, final: Decimal, word: str = "支出预算为") -> str:
            if not budget:
                return f"{word}0万元，支出决算为{self.n(final)}万元"
            rate = self.ov.get(("completion", key), self.rate(final, budget))
            return self.spot(
                ("completion", key), f"{word}{self.n(budget)}万元，支出决算为{self.n(final)}万元，完成预算的{self.p(rate)}%"
            )

        why = "增加的主要原因是业务工作量增加" if tf > tprev else "减少的主要原因是厉行节约，严控支出"
        if self.t == "shanghai":
            initial = sum(w.tp_initial.values(), ZERO)  # the table's 预算数 is the 全年预算, adjusted
            self.body(f"“三公”经费财政拨款支出{completion('tp_total', initial, tf, '年初预算为')}。{y}年度“三公”经费支出决算数"
                      f"{'小于' if tf < initial else '等于' if tf == initial else '大于'}预算数的主要原因：严格落实中央八项规定，控制“三公”经费支出。", "tp")  # fmt: skip
            self.body(f"{y}年度“三公”经费财政拨款支出决算数{self.yoy('tp_total', tf, tprev, f'比{y - 1}年度', '')}。", "tp")
        else:
            self.body(
                f"{y}年度“三公”经费财政拨款{completion('tp_total', tb, tf)}，{self.yoy('tp_total', tf, tprev)}，{why}。其中：",
                "tp",
            )
        if fin["abroad"]:
            self.body(f"因公出国（境）费{completion('tp_abroad', b['abroad'], fin['abroad'])}。", "tp")
        else:
            self.body(
                f"因公出国（境）费支出预算为0万元，支出决算为0万元，上年因公出国（境）费支出决算为{self.n(prev['abroad'])}万元。",
                "tp",
            )
        self.body(
            f"公务接待费{completion('tp_reception', b['reception'], fin['reception'])}，{self.yoy('tp_reception', fin['reception'], prev['reception'])}。",
            "tp",
        )
        if fin["running"]:
            self.body(
                f"公务用车运行维护费{completion('tp_running', b['running'], fin['running'])}，{self.yoy('tp_running', fin['running'], prev['running'])}。",
                "tp",
            )
        else:
            self.body("公务用车运行维护费支出预算为0万元，支出决算为0万元（本单位无公务车辆）。", "tp")
        self.para("（二）“三公”经费财政拨款支出决算具体情况说明", role="heading")
        vehicle = fin["purchase"] + fin["running"]
        self.body(
            f"{y}年度“三公”经费财政拨款支出决算中，公务接待费支出决算{self.n(fin['reception'])}万元，{self.share('tp_reception', fin['reception'], tf)}；"
            f"因公出国（境）费支出决算{self.n(fin['abroad'])}万元，{self.share('tp_abroad', fin['abroad'], tf)}；"
            f"公务用车购置费及运行维护费支出决算{self.n(vehicle)}万元，{self.share('tp_vehicle', vehicle, tf)}。其中：", "tp")  # fmt: skip
        self.body(
            f"1、因公出国（境）费支出决算为{self.n(fin['abroad'])}万元，全年安排因公出国（境）团组{w.abroad_groups}个，累计{w.abroad_people}人次。",
            "tp",
        )
        reception = self.ov.get(("narr", "reception2"), fin["reception"])
        purpose = self.rng.choice(("上级部门调研指导", "兄弟单位交流学习", "业务检查督导"))
        r2 = self.spot("reception2", f"公务接待费支出决算为{self.n(reception)}万元，全年共接待来访团组{w.reception_groups}个")
        self.body(f"2、{r2}、来宾{w.reception_people}人次，主要是{purpose}发生的接待支出。", "tp")
        running = (
            f"公务用车运行维护费{self.n(fin['running'])}万元，主要用于公务用车燃料、维修、保险等支出"
            if fin["running"]
            else "公务用车运行维护费0万元"
        )
        self.body(f"3、公务用车购置费及运行维护费支出决算为{self.n(vehicle)}万元，其中：公务用车购置费0万元，购置公务用车0辆；{running}。"
                  f"截至{y}年12月31日，本单位开支财政拨款的公务用车保有量为{w.vehicles}辆。", "tp")  # fmt: skip

    def section_funds(self) -> None:
        w, y = self.w, self.w.year
        self.heading("八、政府性基金预算财政拨款收入支出决算情况说明", "fund")
        stated = self.ov.get(("narr", "fund_stated"))
        if w.has_fund or stated:
            inc, exp = w.income_total("fund"), w.total(fn=lambda it: it.exp("fund"))
            inc, exp = (inc, exp) if w.has_fund else (stated, stated)
            self.body(
                self.spot(("narr", "fund"), f"{y}年度政府性基金预算财政拨款收入{self.n(inc)}万元，支出{self.n(exp)}万元")
                + "，主要用于彩票公益金安排的公益事业支出。",
                "fund",
            )
        else:
            self.body(
                self.spot(
                    ("narr", "fund"), f"本部门{y}年度无政府性基金预算财政拨款收入，也没有使用政府性基金预算财政拨款安排的支出。"
                ),
                "fund",
            )
        if self.t == "shanghai":
            self.heading("九、国有资本经营预算财政拨款收入支出决算情况说明", "cap")
            if w.has_capital:
                exp = w.total(fn=lambda it: it.exp("capital"))
                self.body(f"国有资本经营预算财政拨款收入{self.n(w.income_total('capital'))}万元，支出{self.n(exp)}万元。", "cap")
            else:
                self.body(f"{w.department}{y}年度无国有资本经营预算财政拨款收入和支出。", "cap")

    def section_other(self) -> None:
        w, y = self.w, self.w.year
        n = 10 if self.t == "shanghai" else 9
        if self.t == "shanghai":
            self.para("十一、其他重要事项的情况说明", role="heading")
            self.heading("（一）机关运行经费支出情况", "public")
        else:
            self.heading(f"{cn_number(n)}、关于机关运行经费支出说明", "public")
        change = self.yoy("public", w.public, w.public_prev, lead="比上年决算数" if self.t == "hunan" else f"比{y - 1}年度")
        self.body(
            f"本部门{y}年度机关运行经费支出{self.n(w.public)}万元，{change}。主要原因是：{self.reason(w.public > w.public_prev)}。",
            "public",
        )
        if self.t != "shanghai":
            self.heading(f"{cn_number(n + 1)}、一般性支出情况说明", "general")
            meeting, training = w.econ.get("30215", ZERO), w.econ.get("30216", ZERO)
            m = self.spot("meeting", f"会议费{self.money('meeting', meeting)}")
            topics = self.rng.choice(("年度工作部署", "业务工作推进", "政策宣传培训", "年度工作总结"))
            self.body(f"{y}年本部门开支{m}，用于召开{topics}等会议{w.meetings[0]}次，参会人数{w.meetings[1]}人次；"
                      f"开支培训费{self.n(training)}万元，用于开展业务培训{w.trainings[0]}期，参训人数{w.trainings[1]}人次。{y}年本部门无节庆、晚会、论坛、赛事等活动。", "general")  # fmt: skip
        pr = w.procurement
        if self.t == "shanghai":
            self.heading("（二）政府采购支出情况", "procurement")
        else:
            self.heading(f"{cn_number(n + 2)}、关于政府采购支出说明", "procurement")
        sme = self.spot(
            ("share", "sme"),
            f"授予中小企业合同金额{self.n(pr['sme'])}万元，{self.share('sme', pr['sme'], pr['total'], '占政府采购支出总额的')}",
        )
        small = f"授予小微企业合同金额{self.n(pr['small'])}万元，{self.share('small', pr['small'], pr['sme'], '占授予中小企业合同金额的')}"
        goods = self.spot("goods", f"政府采购货物支出{self.money('goods', pr['goods'])}")
        self.body(f"本部门{y}年度政府采购支出总额{self.n(pr['total'])}万元，其中：{goods}、"
                  f"政府采购工程支出{self.n(pr['works'])}万元、政府采购服务支出{self.n(pr['services'])}万元。{sme}，其中：{small}。", "procurement")  # fmt: skip
        if self.t == "shanghai":
            self.heading("（三）国有资产占有使用情况说明", "assets")
        else:
            self.heading(f"{cn_number(n + 3)}、关于国有资产占用情况说明", "assets")
        uses = "、".join(f"{k}{v}辆" for k, v in w.vehicle_use.items())
        self.body(
            f"截至{y}年12月31日，本部门共有车辆{w.vehicles}辆，其中：{uses}；单价100万元（含）以上设备（不含车辆）{w.equipment}台（套）。",
            "assets",
        )

    def performance_narrative(self) -> None:
        w, y = self.w, self.w.year
        if self.t == "shanghai":
            self.heading("十、预算绩效管理情况", "perf")
            avg = sum((p.total_score for p in w.projects), ZERO) / len(w.projects)
            self.body(f"{w.department}{y}年度预算绩效管理工作开展情况如下：编报绩效目标的{y}年度项目{len(w.projects)}个，涉及预算金额{self.n(w.project_budget)}万元；"
                      f"绩效自评的{y}年度项目{len(w.projects)}个，涉及预算金额{self.n(w.project_budget)}万元，平均得分{fmt_dec(avg.quantize(D('0.01')))}分。", "perf")  # fmt: skip
        else:
            self.heading(f"十三、关于{y}年度预算绩效情况的说明" if self.t == "hunan" else "十三、预算绩效情况说明", "perf")
            self.para("（一）绩效管理工作开展情况", role="heading")
            self.body(f"根据预算绩效管理要求，本部门组织对{y}年度一般公共预算项目支出全面开展绩效自评，共涉及项目{len(w.projects)}个，"
                      f"资金{self.n(w.project_budget)}万元；同时对部门整体支出开展绩效自评，形成自评报告。", "perf")  # fmt: skip
        self.para("（二）部门整体支出绩效情况", role="heading")
        coverage = self.ov.get(("narr", "coverage"), w.coverage)
        cov = self.spot("coverage", w.coverage_sentence.format(area=w.area, rate=self.p(coverage)))
        dept = self.spot(
            ("completion", "dept"),
            f"全年预算数为{self.n(w.full_budget)}万元，执行数为{self.n(w.gpb_total)}万元，完成预算的{self.p(w.dept_rate)}%",
        )
        prev_rate = w.prev_dept_rate
        if prev_rate == w.dept_rate:
            change = self.spot(("yoy", "dept_rate"), "预算执行率与上年持平")
        else:
            diff = self.ov.get(("yoy", "dept_rate"), abs(w.dept_rate - prev_rate))
            direction = "上升" if w.dept_rate > prev_rate else "下降"
            change = self.spot(("yoy", "dept_rate"), f"预算执行率较上年的{self.p(prev_rate)}%{direction}{fmt_dec(diff)}个百分点")
        staff = self.spot("staff_perf", f"年末在职人员{self.ov.get(('staff', 'perf'), w.actual)}人")
        text = f"{y}年本部门整体支出{dept}，{change}。{staff}，{cov}，{w.profile.achieved}。"
        if w.task_completion is not None:
            tc = self.spot("task_completion", f"年度重点工作任务完成率达到{self.p(w.task_completion)}%")
            text += f"{tc}，超额完成年度目标。"
            self.legitimate("completion_over_100", "任务完成率超过100%（完成率，不是覆盖率）", "task_completion")
        self.body(text, "perf")
        self.para("（三）项目支出绩效情况", role="heading")
        for k, p in enumerate(w.projects, 1):
            rate = self.ov.get(("perf_rate", k - 1), p.rate)
            line = self.spot(
                ("perf_line", k - 1),
                f"{p.name}：全年预算数{self.n(p.budget)}万元，执行数{self.n(p.executed)}万元，执行率{self.p(rate)}%",
            )
            extra = f"，主要原因是{p.explain}" if p.explain else ""
            self.body(f"{k}. {line}{extra}，自评得分{fmt_dec(self.narrated_total(k - 1, p))}分。", "perf")
            if p.explain:
                self.legitimate("explained_extreme", f"项目“{p.name}”执行率偏低，文中说明了原因", ("perf_line", k - 1))

    def glossary(self) -> None:
        self.para("第四部分" if self.t != "sichuan" else "第三部分", role="heading")
        self.para("名词解释", role="heading")
        for text in (
            "一、财政拨款收入：指单位从同级财政部门取得的财政预算资金。",
            "二、年初结转和结余：指以前年度尚未完成、结转到本年按有关规定继续使用的资金。",
            "三、年末结转和结余：指本年度或以前年度预算安排、因客观条件发生变化无法按原计划实施，需延迟到以后年度按有关规定继续使用的资金。",
            "四、基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。",
            "五、项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。",
            "六、“三公”经费：指部门用财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。",
            "七、机关运行经费：指为保障行政单位（含参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金。",
        ):
            self.para(text)

    # ------------------------------------------------------------------ 附件: 绩效自评
    def attachments(self) -> None:
        w, y = self.w, self.w.year
        self.para("第五部分" if self.t == "hunan" else "第四部分 附件" if self.t == "sichuan" else "附件", role="heading")
        if self.t == "hunan":
            self.para("附件", role="heading")
            if self.s.self_report:
                self.self_report()
            self.basic_data()
            if w.dept_eval:
                self.dept_table(f"{y}年度部门整体支出绩效自评表")
            for k, p in enumerate(w.projects):
                self.project_table(k, p, f"{y}年度项目支出绩效自评表")
        elif self.t == "sichuan":
            self.para(
                f"本部门在{y}年度部门决算中反映{'、'.join('“' + p.name + '”' for p in w.projects)}等{len(w.projects)}个项目绩效目标实际完成情况。"
            )
            for k, p in enumerate(w.projects):
                rate = self.ov.get(("perf_rate", k), p.rate)
                line = self.spot(
                    ("perf_line", k),
                    f"项目全年预算数{self.n(p.budget)}万元，执行数为{self.n(p.executed)}万元，完成预算的{self.p(rate)}%",
                )
                extra = f"主要原因是{p.explain}。" if p.explain else ""
                self.para(f"（{k + 1}）{p.name}绩效目标完成情况综述。{line}。{extra}通过项目实施，{p.goal_actual}")
            for k, p in enumerate(w.projects):
                self.project_table(k, p, "项目支出绩效目标完成情况表")
        else:
            if w.dept_eval:
                self.dept_table(f"{y}年度部门整体支出绩效自评表")
            for k, p in enumerate(w.projects):
                self.project_table(k, p, f"{y}年度项目支出绩效自评表")

    def self_report(self) -> None:
        w, y = self.w, self.w.year
        self.para(f"{y}年度{w.department}部门整体支出绩效自评报告", role="heading")
        self.para("一、部门（单位）基本情况", role="heading")
        self.para(f"本部门主要职能是：{w.profile.focus}。")
        self.para("二、一般公共预算支出情况", role="heading")
        self.para("（一）基本支出情况", role="heading")
        basic = w.basic_gpb
        self.para(f"{y}年度财政拨款基本支出{self.n(basic)}万元，其中：人员经费{self.n(w.personnel)}万元，占基本支出的{self.p(self.rate(w.personnel, basic))}%；"
                  f"公用经费{self.n(w.public)}万元，占基本支出的{self.p(self.rate(w.public, basic))}%。")  # fmt: skip
        self.para("（二）项目支出情况", role="heading")
        added = w.project_budget - w.project_initial
        self.para(f"{y}年度财政拨款项目支出全年预算数{self.n(w.project_budget)}万元，其中年初预算数为{self.n(w.project_initial)}万元，"
                  f"年中追加预算{self.n(added)}万元。")  # fmt: skip
