"""部门预算 in the Hunan (公开01表 … 公开11表), Sichuan (表1, 表1-1, 表3-2 …, units in the rows) and
Shanghai (nine tables in 元 with the text in 万元, codes over 类 | 款 | 项, 合计 last) layouts, with
the 项目绩效目标表 and the 整体支出绩效目标表."""

from __future__ import annotations

from decimal import Decimal

from .catalog import CLASS_LINES, CLASS_NAMES, ECON_NAMES, KUAN_NAMES, UP_REASONS
from .layout import row_text
from .money import ZERO, cn_number, wan
from .perf import Perf
from .tables import COLUMNS, CodeTables, item_value
from .world import FISCAL

TABLES: dict[str, list[tuple[str, str, str]]] = {
    "hunan": [
        ("b_sum", "部门收支总表", "公开01表"),
        ("b_inc", "部门收入总表", "公开02表"),
        ("b_exp", "部门支出总表", "公开03表"),
        ("b_fsum", "财政拨款收支总表", "公开04表"),
        ("b_gpb", "一般公共预算支出表", "公开05表"),
        ("b_econ", "一般公共预算基本支出表", "公开06表"),
        ("b_tp", "一般公共预算“三公”经费支出表", "公开07表"),
        ("b_fund", "政府性基金预算支出表", "公开08表"),
        ("b_cap", "国有资本经营预算支出表", "公开09表"),
        ("pt", "项目支出绩效目标表", "公开10表"),
        ("dt", "部门整体支出绩效目标表", "公开11表"),
    ],
    "sichuan": [
        ("b_sum", "部门收支总表", "表1"),
        ("b_inc", "部门收入总表", "表1-1"),
        ("b_exp", "部门支出总表", "表1-2"),
        ("b_fsum", "财政拨款收支预算总表", "表2"),
        ("b_gpb", "一般公共预算支出预算表", "表3"),
        ("b_econ", "一般公共预算基本支出预算表", "表3-1"),
        ("b_proj", "一般公共预算项目支出预算表", "表3-2"),
        ("b_tp", "一般公共预算“三公”经费支出预算表", "表3-3"),
        ("b_fund", "政府性基金支出预算表", "表4"),
        ("b_cap", "国有资本经营预算支出预算表", "表5"),
        ("pt", "部门预算项目绩效目标表", "表6-1"),
        ("dt", "部门整体支出绩效目标表", "表6-2"),
    ],
    "shanghai": [
        ("b_sum", "部门财务收支预算总表", "1"),
        ("b_inc", "部门收入预算总表", "2"),
        ("b_exp", "部门支出预算总表", "3"),
        ("b_fsum", "部门财政拨款收支预算总表", "4"),
        ("b_gpb", "部门一般公共预算支出功能分类预算表", "5"),
        ("b_fund", "部门政府性基金预算支出功能分类预算表", "6"),
        ("b_cap", "部门国有资本经营预算支出功能分类预算表", "7"),
        ("b_econ", "部门一般公共预算基本支出部门预算经济分类预算表", "8"),
        ("b_tp", "部门“三公”经费和机关运行经费预算表", "9"),
        ("pt", "部门项目绩效目标表", ""),
        ("dt", "部门整体支出绩效目标表", ""),
    ],
}
BUDGET_COLUMNS = {  # Shanghai's 收入预算总表 shows fewer sources
    "shanghai": [
        ("total", "合计"),
        ("fiscal", "财政拨款收入"),
        ("business", "事业收入"),
        ("operating", "事业单位经营收入"),
        ("other", "其他收入"),
    ],
}


class BudgetDoc(CodeTables, Perf):
    """One 部门预算 (see the module docstring)."""

    TABLE_IDS = {"exp": "b_exp", "gpb": "b_gpb", "inc": "b_inc", "sum": "b_sum", "econ": "b_econ", "tp": "b_tp"}

    def render(self) -> None:
        self.cover()
        self.overview()
        if self.t == "shanghai":  # Shanghai: the text first, then its nine tables
            self.narrative()
            self.tables_part()
        else:
            self.tables_part()
            self.narrative()
        self.glossary()

    # ------------------------------------------------------------------ what the injections may touch
    @staticmethod
    def unit_of(w, st, table: str) -> str:
        return "元" if w.template == "shanghai" and table != "b_tp" else "万元"

    @staticmethod
    def table_name(template: str, group: str) -> str:
        title, number = next((t, n) for g, t, n in TABLES[template] if g == group)
        return f"{number}{title}" if template != "shanghai" else title

    @staticmethod
    def grand(w) -> Decimal:
        return w.grand_total

    @staticmethod
    def tp_values(w) -> dict:
        return w.tp

    @staticmethod
    def summary_keys(w) -> tuple[str, ...]:
        return (
            ("income:grand", "expense:grand") if w.template == "shanghai" else ("expense:year", "income:grand", "expense:grand")
        )

    @staticmethod
    def econ_keys(w) -> list:
        return [g for g, v in w.groups.items() if v and len([c for c in w.econ if c.startswith(g)]) > 1] + ["合计"]

    @staticmethod
    def cross_pair(w) -> tuple[str, str, str]:
        """(table changed, the sister table it then disagrees with, the part column moved along)."""
        if w.template == "sichuan":
            return "b_gpb", "b_exp", "project"
        return "b_inc", "b_exp", "fiscal" if w.template == "shanghai" else "gpb"

    @staticmethod
    def hierarchy_tables(w) -> tuple[str, ...]:
        return ("b_exp", "b_gpb") if w.template == "sichuan" else ("b_inc", "b_exp", "b_gpb")

    @staticmethod
    def share_keys(w, st) -> list:
        if w.template == "shanghai":
            return [("sme_budget", w.procurement["sme"], w.procurement["total"])]
        total, gpb = w.grand_total, w.gpb_total
        keys = [
            ("gpb_income", w.income_total("gpb"), total),
            ("basic", w.basic_total, w.expense_total),
            ("project", w.project_total, w.expense_total),
        ]
        keys += [(("lei", c), w.total(c, lambda it: it.exp("gpb")), gpb) for c in w.classes(lambda it: it.exp("gpb"))]
        return keys

    @staticmethod
    def completion_keys(w, st) -> list:
        return []

    @staticmethod
    def yoy_keys(w, st) -> list:
        keys = [("income", w.grand_total, w.prev["total"]), ("gpb", w.gpb_total, w.prev["gpb"]), ("public", w.public, w.public_prev),
                ("tp_total", sum(w.tp.values(), ZERO), sum(w.tp_prev.values(), ZERO))]  # fmt: skip
        if w.template == "shanghai":  # its sentences state a change with its rate only per item
            keys = [(("item_yoy", it.code), it.exp("gpb"), it.prev) for it in w.sorted_items() if it.exp("gpb")]
        return [k for k in keys if k[2] and wan(k[1]) != wan(k[2])]

    @staticmethod
    def yuan_keys(w) -> list:
        return ["goods", "public_budget"]

    @staticmethod
    def staff_spots(w) -> list:
        return ["staff_overview", "staff_perf"]

    @staticmethod
    def droppable(template: str) -> list:
        return ["b_inc", "b_exp", "b_fsum", "b_gpb", "b_econ", "b_tp"]

    @staticmethod
    def empty_table_explanations(w, group: str) -> list:
        """The sections of the text that say why an empty table is empty."""
        return [] if w.template == "shanghai" else {"b_fund": ["fund"], "b_cap": ["cap"]}[group]

    @staticmethod
    def empty_tables(w) -> list:
        return [g for g, full in (("b_fund", w.has_fund), ("b_cap", w.has_capital)) if not full]

    @staticmethod
    def shuffle_tables(w) -> tuple[str, ...]:
        """Sichuan has no income table by code: its 一般公共预算支出表 stays right as the reference."""
        return ("b_exp",) if w.template == "sichuan" else ("b_exp", "b_gpb")

    @classmethod
    def stray_keys(cls, w, st) -> list:
        """Not before Shanghai's numbered list, where a glued digit reads as an item number."""
        return [k for k in cls.section_keys(w, st) if not (w.template == "shanghai" and k == "gpb")]

    @staticmethod
    def section_keys(w, st) -> list:
        return ["totals", "gpb", "basic", "tp", "public", "procurement", "assets", "targets"]

    # ------------------------------------------------------------------ helpers
    def title(self, group: str) -> str:
        title = next(t for g, t, _ in TABLES[self.t] if g == group)
        return f"{self.w.year}年{title}" if self.t == "shanghai" else title

    def number(self, group: str) -> str:
        return next(n for g, _, n in TABLES[self.t] if g == group)

    def heading(self, text: str, key: str) -> None:
        self.spot(("heading", key), text)
        self.para(text, "", "heading")

    def body(self, text: str, key: str) -> None:
        stray = self.ov.get(("stray", key))
        if stray and ("stray", key) not in self.spots:
            text = self.spot(("stray", key), stray + text)
        elif ("stray", key) not in self.spots:
            self.spots[("stray", key)] = text
        self.para(text, f"body:{key}")

    def money(self, key: str, yuan: Decimal) -> str:
        return f"{int(yuan)}元" if self.ov.get(("yuan", key)) else f"{self.n(yuan)}万元"

    def change(self, key, current: Decimal, previous: Decimal, lead: str) -> str:
        """ "比上年预算增加12.3万元，增长4.5%" / "与2024年预算持平"."""
        y = self.w.year
        if wan(current) == wan(previous):
            return self.spot(("yoy", key), f"与{y - 1}年预算持平")
        change = current - previous
        up = change > 0
        rate = self.ov.get(("yoy", key), self.rate(abs(change), previous))
        word = "增加" if up else "减少"
        if self.t == "shanghai":
            return self.spot(("yoy", key), f"{lead}{word}{self.n(abs(change))}万元")
        return self.spot(
            ("yoy", key), f"{lead}{word}{self.n(abs(change))}万元，{'增长' if up else self.s.down_word}{self.p(rate)}%"
        )

    def share(self, key, part: Decimal, whole: Decimal) -> str:
        return f"占{self.p(self.ov.get(('share', key), self.rate(part, whole)))}%"

    # ------------------------------------------------------------------ cover and overview
    def cover(self) -> None:
        w, y = self.w, self.w.year
        if self.t == "shanghai":
            self.para(f"上海市{w.place}{y}年区级部门预算", role="title")
            self.para(f"预算主管部门：{w.department}", role="meta")
        else:
            self.para(f"{w.department}\n{y}年部门预算", role="title")
        self.para("目录" if self.t != "shanghai" else "目 录", role="heading")
        if self.t == "shanghai":
            self.para("一、部门主要职能\n二、部门机构设置\n三、名词解释\n四、部门预算编制说明\n五、部门预算表", role="toc")
        else:
            self.para(f"第一部分 {w.department}概况", role="toc")
            self.para(f"第二部分 {w.department}{y}年部门预算表", role="toc")
        toc = []
        for k, (group, _, number) in enumerate(TABLES[self.t], 1):
            if self.t == "shanghai":
                line = f"{number}．{self.title(group)}" if number else f"附：{self.title(group)}"
            else:
                line = f"{cn_number(k)}、{self.title(group)}"
            toc.append(line)
            self.spot(("toc", group), line)
        self.para("\n".join(toc), role="toc")
        if self.t == "shanghai":
            self.para("六、其他相关情况说明", role="toc")
        else:
            self.para(f"第三部分 {w.department}{y}年部门预算情况说明\n第四部分 名词解释", role="toc")

    def overview(self) -> None:
        w, prof = self.w, self.w.profile
        place = w.place[-1]
        if self.t == "shanghai":
            self.para(f"{w.department}主要职能", role="heading")
        else:
            self.para("第一部分", role="heading")
            self.para(f"{w.department}概况", role="heading")
            self.para("一、基本职能及主要工作", role="heading")
        for k, duty in enumerate(prof.duties, 1):
            self.para(f"{k}、" + duty.format(area=w.area, place=place))
        actual = self.ov.get(("staff", "overview"), w.actual)
        units = w.units + w.merged_units
        admin = sum(1 for u in units if u.kind == "行政单位")
        if self.t == "shanghai":
            self.para(f"{w.department}机构设置", role="heading")
            if self.level == "部门":
                self.para(f"{w.department}部门预算是包括{w.profile.short}本部以及下属{len(units) - 1}家预算单位的综合收支计划。"
                          f"本部门中，行政单位{admin}家，事业单位{len(units) - admin}家{self.members(units)}")  # fmt: skip
            staff = self.spot("staff_overview", f"本部门编制{w.authorized}人，实有人数{actual}人")
            self.para(staff + "。")
        else:
            self.para("二、部门预算单位构成" if self.level == "部门" else "二、单位基本情况", role="heading")
            if self.level == "部门":
                self.para(f"{w.department}预算单位{len(units)}个，其中：行政单位{admin}个，事业单位{len(units) - admin}个"
                          f"{self.members(units, f'纳入{w.department}{w.year}年部门预算编制范围的单位包括')}")  # fmt: skip
            staff = self.spot("staff_overview", f"{w.department}总编制{w.authorized}名，在职人员总数{actual}名")
            self.para(staff + "。")

    def members(self, units: list, lead: str = "具体包括") -> str:
        """The end of the sentence that counts a department's units: their names, and those not
        budgeted separately."""
        if len(units) == 1 or self.w.body is None:  # a single document keeps its count alone
            return "。"
        merged = "".join(f"{u.name}不单列预算，并入本部。" for u in self.w.merged_units)
        return f"。{lead}：{'、'.join(u.name for u in units)}。{merged}"

    # ------------------------------------------------------------------ tables
    def title_block(self, group: str) -> None:
        w, s = self.w, self.s
        title, number = self.title(group), self.number(group)
        self.tables[group] = (title, number)
        if self.t == "hunan":
            num = number.replace("公开", "公开 ").replace("表", " 表") if s.spaced_number else number
            self.para(title, group, "meta")
            self.para(num, group, "meta")
            self.para(f"部门：{w.department}", group, "meta")
            self.para(s.unit_label, group, "meta")
        elif self.t == "sichuan":
            self.para(number, group, "meta")
            self.para(title, group, "meta")
            self.para("金额单位：万元", group, "meta")
        else:
            unit = "万元" if group in ("b_tp", "pt", "dt") else "元"
            self.para(title, group, "meta")
            self.para(f"编制部门：{w.department} 单位：{unit}", group, "meta")

    def tables_part(self) -> None:
        w = self.w
        if self.t == "shanghai":
            self.para("五、部门预算表", role="heading")
        else:
            self.para("第二部分", role="heading")
            self.para(f"{w.department}{w.year}年部门预算表", role="heading")
        for group, _, number in TABLES[self.t]:
            if group in ("pt", "dt"):  # forms print their own title
                self.tables[group] = (self.title(group), number)
                if self.t != "shanghai":
                    self.para(number, group, "meta")
                getattr(self, f"t_{group}")()
                continue
            self.title_block(group)
            getattr(self, f"t_{group}")()

    def _tails(self, group: str, checks) -> None:
        unit = self.unit_of(self.w, self.s, group)
        if unit == "元":
            return
        for spot, total, parts in checks:
            if wan(total) != sum((wan(p) for p in parts), ZERO):
                self.legitimate("rounding_tail", f"{self.title(group)}：合计与分项之和相差尾数", spot)

    def code_table(self, group: str, table: str, headers: list[tuple[str, str]]) -> None:
        unit = self.unit_of(self.w, self.s, group)
        cols = [c for c, _ in headers]
        up, low, roles = self.code_header()
        unit_col = self.t == "sichuan" and table in ("b_exp", "b_gpb")
        if unit_col:
            up, low, roles = up[:-1] + ["单位代码", up[-1]], low[:-1] + ["", low[-1]], roles[:-1] + ["unit_code", "label"]
        head = [
            ["项目" if self.t == "shanghai" else self.s.item_word] + [""] * (len(up) - 1) + [t for _, t in headers],
            up + [""] * len(cols),
        ]
        if self.s.split_codes:
            head.append(low + [""] * len(cols))
        body, keys = self.code_body(table, cols, unit)
        if unit_col:
            dept = self.w.units[0].code[:-2]
            for r, key in zip(body, keys):
                r.insert(len(up) - 2, "" if key == "合计" else dept)
        self.grid(head + body, group, len(head), roles + cols, unit, [""] * len(head) + keys)
        if unit_col:
            for r, key in zip(body, keys):
                self.spot(("row", table, key), row_text(r))
        items = self.table_items(table)
        checks = [(("row", table, key), self.true_value(table, key, "total"),
                   [self.true_value(table, it.code, "total") for it in items if key == "合计" or it.code.startswith(key)])
                  for key in keys if len(key) != 7]  # fmt: skip
        self._tails(group, checks)

    def two_sided(self, group: str, inc: list, exp: list, exp_cols: list[str], after_inc: list, after_exp: list) -> None:
        unit = self.unit_of(self.w, self.s, group)
        n = max(len(inc), len(exp))
        head = [["收 入", "", "支 出", *[""] * len(exp_cols)], ["项 目", "预算数", "项 目", *exp_cols]]
        if self.t == "shanghai":
            head = [["本年收入", "", "本年支出", *[""] * len(exp_cols)], ["项目", "预算数", "项目", *exp_cols]]
        rows, keys = [], []
        lines = [(inc[i] if i < len(inc) else ("", "", None), exp[i] if i < len(exp) else ("", "", None)) for i in range(n)]
        lines += list(zip(after_inc, after_exp))
        for (ikey, il, iv), (ekey, el, ev) in lines:
            left = [il, "" if iv is None else self.a(iv, unit)]
            right = [el, *["" if v is None else self.a(v, unit) for v in (ev or [None] * len(exp_cols))]]
            rows.append(left + right)
            keys.append(f"{ikey}|{ekey}")
            if ikey:
                self.spot(("row", group, f"income:{ikey}"), row_text(left))
            if ekey:
                self.spot(("row", group, f"expense:{ekey}"), row_text(right))
        roles = ["label", "total", "label"] + ["total", "gpb", "fund", "capital"][: len(exp_cols)]
        self.grid(head + rows, group, len(head), roles, unit, [""] * len(head) + keys)

    def class_lines(self, present: set[str]) -> list[tuple[str, str]]:
        if self.t == "shanghai":
            return [(f"{cn_number(k)}、{CLASS_NAMES[c]}", c) for k, c in enumerate(sorted(present), 1)]
        return [
            (f"{cn_number(k)}、{name}", code)
            for k, (code, name) in enumerate(CLASS_LINES, 1)
            if self.s.full_classes or code in present or k <= 6
        ]

    def t_b_sum(self) -> None:
        w, t = self.w, "b_sum"
        present = set(w.classes())
        exp = [
            (c, label, [self.cell(t, f"expense:{c}", "total", w.total(c)) if c in present else None])
            for label, c in self.class_lines(present)
        ]
        grand = self.cell(t, "income:grand", "total", w.grand_total)
        if self.t == "shanghai":
            fiscal = w.fiscal_income
            inc = [("fiscal", "一、财政拨款收入", fiscal), ("gpb", "1. 一般公共预算资金", w.income_total("gpb")),
                   ("fund", "2. 政府性基金", w.income_total("fund") or None), ("capital", "3. 国有资本经营预算", w.income_total("capital") or None),
                   ("business", "二、事业收入", w.income_total("business") + w.income_total("superior") or None), ("operating", "三、事业单位经营收入", None),
                   ("other", "四、其他收入", w.income_total("other") or None)]  # fmt: skip
            after_inc = [("grand", "收入总计", grand)]
            after_exp = [("grand", "支出总计", [self.cell(t, "expense:grand", "total", w.grand_total)])]
        else:
            inc = [("gpb", "一、一般公共预算拨款收入", w.income_total("gpb")), ("fund", "二、政府性基金预算拨款收入", w.income_total("fund") or None),
                   ("capital", "三、国有资本经营预算拨款收入", w.income_total("capital") or None),
                   ("business", "四、事业收入", w.income_total("business") + w.income_total("superior") or None),
                   ("operating", "五、事业单位经营收入", None), ("other", "六、其他收入", w.income_total("other") or None)]  # fmt: skip
            after_inc = [("year", "本年收入合计", self.cell(t, "income:year", "total", w.income_total())), ("opening", "上年结转", w.opening_total() or None),
                         ("grand", "收入总计", grand)]  # fmt: skip
            after_exp = [("year", "本年支出合计", [self.cell(t, "expense:year", "total", w.expense_total)]), ("", "结转下年", [None]),
                         ("grand", "支出总计", [self.cell(t, "expense:grand", "total", w.grand_total)])]  # fmt: skip
        self.two_sided(t, inc, exp, ["预算数"], after_inc, after_exp)
        if w.opening_total():
            self.legitimate("carry_over", "本年收入合计少于本年支出合计（上年结转）", ("row", t, "income:year"))
            self.legitimate("carry_over", "部门收入总表的合计含上年结转，大于本年收入合计", ("row", "b_inc", "合计"))

    def t_b_inc(self) -> None:
        w, t = self.w, "b_inc"
        unit = self.unit_of(w, self.s, t)
        if self.t != "sichuan":
            self.code_table(t, t, BUDGET_COLUMNS.get(self.t, COLUMNS["b_inc"]))
            return
        # Sichuan: one row per unit
        cols = [c for c, _ in COLUMNS["b_inc"]]
        head = [["单位代码", "单位名称（科目）", *[h for _, h in COLUMNS["b_inc"]], "上级补助收入", "附属单位上缴收入"]]
        total = [self.cell(t, "合计", c, self.true_value(t, "合计", c)) for c in cols]
        rows = [["", "合 计", *[self.a(v, unit) for v in total], "", ""]]
        keys = ["合计"]
        self.spot(("row", t, "合计"), row_text(rows[0]))
        per_unit = [dict.fromkeys(cols, ZERO) for _ in w.units]
        for it in self.table_items(t):
            for c in cols:
                for k, part in enumerate(w.unit_values(it, lambda x, c=c: item_value(x, t, c))):
                    per_unit[k][c] += part
        for k, u in enumerate(w.units):
            vals = [self.cell(t, u.code, c, per_unit[k][c]) for c in cols]
            rows.append([u.code, u.name, *[self.a(v, unit) for v in vals], "", ""])
            keys.append(u.code)
            self.spot(("row", t, u.code), row_text(rows[-1]))
        self.grid(head + rows, t, 1, ["unit_code", "label", *cols, "superior", "affiliated"], unit, [""] + keys)
        self._tails(
            t, [(("row", t, "合计"), self.true_value(t, "合计", "total"), [per_unit[k]["total"] for k in range(len(w.units))])]
        )

    def t_b_exp(self) -> None:
        self.code_table(
            "b_exp",
            "b_exp",
            COLUMNS["b_exp"] + ([("remit", "上缴上级支出"), ("subsidiary", "对附属单位补助支出")] if self.t == "sichuan" else []),
        )

    def t_b_fsum(self) -> None:
        w, t = self.w, "b_fsum"
        present = set(w.classes(lambda it: it.fiscal()))
        exp = []
        for label, c in self.class_lines(present):
            if c in present:
                vals = [self.cell(t, f"expense:{c}", "total", w.total(c, lambda it: it.fiscal()))] + [
                    w.total(c, lambda it, s=s: it.exp(s)) or None for s in FISCAL
                ]
            else:
                vals = [None] * 4
            exp.append((c, label, vals))
        fiscal_exp = sum((it.fiscal() for it in w.items.values()), ZERO)
        opening = w.opening_total(FISCAL)
        if self.t == "shanghai":
            inc = [("gpb", "一、一般公共预算资金", w.income_total("gpb")), ("fund", "二、政府性基金", w.income_total("fund") or None),
                   ("capital", "三、国有资本经营预算", w.income_total("capital") or None)]  # fmt: skip
            after_inc = [("grand", "收入总计", self.cell(t, "income:grand", "total", w.fiscal_grand))]
            after_exp = [
                (
                    "grand",
                    "支出总计",
                    [self.cell(t, "expense:grand", "total", fiscal_exp)]
                    + [w.total(fn=lambda it, s=s: it.exp(s)) or None for s in FISCAL],
                )
            ]
        else:
            inc = [("year", "一、本年收入", self.cell(t, "income:year", "total", w.fiscal_income)), ("gpb", "一般公共预算拨款收入", w.income_total("gpb")),
                   ("fund", "政府性基金预算拨款收入", w.income_total("fund") or None), ("capital", "国有资本经营预算拨款收入", w.income_total("capital") or None),
                   ("opening", "二、上年结转", opening or None)]  # fmt: skip
            after_inc = [("grand", "收入总计", self.cell(t, "income:grand", "total", w.fiscal_grand))]
            after_exp = [
                (
                    "grand",
                    "支出总计",
                    [self.cell(t, "expense:grand", "total", fiscal_exp)]
                    + [w.total(fn=lambda it, s=s: it.exp(s)) or None for s in FISCAL],
                )
            ]
        self.two_sided(t, inc, exp, ["合计", "一般公共预算", "政府性基金预算", "国有资本经营预算"], after_inc, after_exp)

    def t_b_gpb(self) -> None:
        self.code_table("b_gpb", "b_gpb", COLUMNS["b_gpb"])
        other = [it for it in self.w.sorted_items() if it.exp("gpb") != it.total]
        keys = sorted({k for it in other for k in (it.code, it.code[:5], it.code[:3])}) + (["合计"] if other else [])
        for table in ("b_exp", "b_gpb"):
            for key in keys:
                self.legitimate("other_source", "支出含一般公共预算以外的资金，与一般公共预算支出表不同", ("row", table, key))

    def t_b_econ(self) -> None:
        w, t = self.w, "b_econ"
        unit = self.unit_of(w, self.s, t)
        split = self.t == "shanghai" or self.s.split_codes
        head = [
            [
                "部门预算经济分类科目编码" if self.t == "shanghai" else "科目编码",
                "",
                "经济分类科目名称" if self.t == "shanghai" else "科目名称",
                "合计",
                "人员经费",
                "公用经费",
            ]
        ]
        if split:
            head.append(["类", "款", "", "", "", ""])
        roles = (
            ["lei", "kuan", "label", "total", "personnel", "public"]
            if split
            else ["code", "label", "total", "personnel", "public"]
        )
        if not split:
            head = [[h for i, h in enumerate(head[0]) if i != 1]]
        total = [self.cell(t, "合计", "total", w.basic_gpb), w.personnel, w.public]
        total_row = (["合计", "", ""] if split else ["合计", ""]) + [self.a(v, unit) for v in total]
        rows, keys = [], []
        for g in ("301", "302", "303", "307", "310", "399"):
            if not w.groups[g]:
                continue
            for code in [g] + [c for c in w.econ if c.startswith(g)]:
                v = self.cell(t, code, "total", w.groups[g] if len(code) == 3 else w.econ[code])
                pers = g in ("301", "303")
                cells = [code[:3], code[3:] if len(code) > 3 else "", ECON_NAMES[code]] if split else [code, ECON_NAMES[code]]
                cells += [self.a(v, unit), self.a(v, unit) if pers else "", "" if pers else self.a(v, unit)]
                rows.append(cells)
                keys.append(code)
                self.spot(("row", t, code), row_text(cells))
        self.spot(("row", t, "合计"), row_text(total_row))
        self.spot(("row", t, "人员经费合计"), row_text(total_row))
        body, keys = (rows + [total_row], keys + ["合计"]) if self.t == "shanghai" else ([total_row] + rows, ["合计"] + keys)
        self.grid(head + body, t, len(head), roles, unit, [""] * len(head) + keys)
        self._tails(t, [(("row", t, g), v, [x for c, x in w.econ.items() if c.startswith(g)]) for g, v in w.groups.items() if v])

    def t_b_proj(self) -> None:
        w, t = self.w, "b_proj"
        head = [["科目编码", "", "", "单位代码", "单位名称（科目）", "金额"], ["类", "款", "项", "", "", ""]]
        total = sum((p.budget for p in w.projects), ZERO)
        rows = [["", "", "", "", "合 计", self.a(total)]]
        keys = ["合计"]
        for k, p in enumerate(w.projects):
            rows.append(
                [p.code[:3], p.code[3:5], p.code[5:], w.units[p.unit].code, p.name, self.a(self.ov.get(("proj", k), p.budget))]
            )
            keys.append(f"p{k}")
            self.spot(("proj", k), row_text(rows[-1]))
        self.grid(head + rows, t, 2, ["lei", "kuan", "xiang", "unit_code", "label", "total"], "万元", ["", ""] + keys)

    def t_b_tp(self) -> None:
        w, t = self.w, "b_tp"
        v = w.tp
        vehicle = v["purchase"] + v["running"]
        vals = [v["abroad"] + vehicle + v["reception"], v["abroad"], vehicle, v["purchase"], v["running"], v["reception"]]
        vals = [
            self.cell(t, "budget", c, x) for c, x in zip(("total", "abroad", "vehicle", "purchase", "running", "reception"), vals)
        ]
        roles = ["total", "abroad", "vehicle_subtotal", "vehicle_purchase", "vehicle_running", "reception"]
        if self.t == "shanghai":
            head = [["“三公”经费预算数", "", "", "", "", "", "机关运行经费预算数"],
                    ["合计", "因公出国(境)费", "公务用车购置及运行费", "", "", "公务接待费", ""],
                    ["", "", "小计", "购置费", "运行费", "", ""]]  # fmt: skip
            data = [f"{wan(x):.2f}" if x else "" for x in vals] + [
                f"{wan(self.ov.get(('cell', t, 'budget', 'public'), w.public)):.2f}"
            ]
            roles = roles + ["public"]
        elif self.t == "sichuan":
            head = [["单位编码", "单位名称（科目）", "当年财政拨款预算安排", "", "", "", "", ""],
                    ["", "", "合计", "因公出国（境）费用", "公务用车购置及运行费", "", "", "公务接待费"],
                    ["", "", "", "", "小计", "公务用车购置费", "公务用车运行费", ""]]  # fmt: skip
            data = ["", "合 计", *[self.a(x) for x in vals]]
            roles = ["unit_code", "label"] + roles
        else:
            head = [
                ["合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费"],
                ["", "", "小计", "公务用车购置费", "公务用车运行费", ""],
            ]
            data = [self.a(x) for x in vals]
        self.spot(("row", t, "data"), row_text(data))
        self.grid(head + [data], t, len(head), roles, "万元", [""] * len(head) + ["data"])
        if self.t == "shanghai":
            self.legitimate("unit_mix", "“三公”经费表以万元列示，其余预算表以元列示", ("row", t, "data"))

    def _empty(self, group: str, table: str) -> None:
        w = self.w
        what = {"b_fund": "政府性基金预算", "b_cap": "国有资本经营预算"}[group]
        full = w.has_fund if group == "b_fund" else w.has_capital
        headers = COLUMNS["b_fund"]
        if full:
            self.code_table(group, table, headers)
            return
        up, low, roles = self.code_header()
        head = [
            ["项目" if self.t == "shanghai" else self.s.item_word] + [""] * (len(up) - 1) + [h for _, h in headers],
            up + [""] * len(headers),
        ]
        if self.s.split_codes:
            head.append(low + [""] * len(headers))
        self.grid(
            head + [["合计"] + [""] * (len(up) + len(headers) - 1)],
            group,
            len(head),
            roles + [c for c, _ in headers],
            self.unit_of(w, self.s, group),
        )
        note = (
            f"注:本部门{w.year}年无{what}财政拨款安排的预算，故本表为空表。"
            if self.t == "shanghai"
            else f"说明：本部门{w.year}年没有{what}财政拨款安排的支出，故本表无数据。"
        )
        self.para(note, f"{group}:note", "note")
        self.spot(("empty", group), self.title(group))

    def t_b_fund(self) -> None:
        self._empty("b_fund", "b_fund")

    def t_b_cap(self) -> None:
        self._empty("b_cap", "b_cap")

    def t_pt(self) -> None:
        self.project_targets(self.title("pt"))

    def t_dt(self) -> None:
        self.dept_targets(self.title("dt"))

    # ------------------------------------------------------------------ narrative
    def item_path(self, code: str) -> str:
        it = self.w.items[code]
        if self.t == "shanghai" and self.rng.random() < 0.5:
            return f"“{CLASS_NAMES[code[:3]]}-{KUAN_NAMES[code[:5]]}-{it.name}”科目"
        lei = CLASS_NAMES[code[:3]] if self.t == "shanghai" else CLASS_NAMES[code[:3]].removesuffix("支出")
        path = f"{lei}（类）{KUAN_NAMES[code[:5]]}（款）{it.name}（项）"
        return f"“{path}”" if self.t == "shanghai" else path

    def narrative(self) -> None:
        w, y = self.w, self.w.year
        grand, gpb = w.grand_total, w.gpb_total
        up = grand > w.prev["total"]
        why = self.rng.choice(UP_REASONS if up else ("项目调整", "公用经费预算改革", "上年一次性项目支出本年未再安排"))
        why = why.format(project=self.rng.choice(w.projects).name)
        if self.t == "shanghai":
            self.heading(f"{y}年部门预算编制说明", "totals")
            fiscal = w.fiscal_income
            # the change follows the 财政拨款收入 it is about (a family's documents are read together)
            change = (fiscal, w.prev["fiscal"]) if w.body is not None else (grand, w.prev["total"])
            self.body(f"{y}年，{w.department}收入预算{self.n(grand)}万元，其中：财政拨款收入{self.n(fiscal)}万元，"
                      f"{self.change('income', *change, f'比{y - 1}年预算')}；事业收入{self.n(w.income_total('business') + w.income_total('superior'))}万元；"
                      f"事业单位经营收入0万元；其他收入{self.n(w.income_total('other'))}万元。", "totals")  # fmt: skip
            self.body(f"支出预算{self.n(grand)}万元，其中：财政拨款支出预算{self.n(fiscal)}万元。财政拨款支出预算中，一般公共预算拨款支出预算{self.n(gpb)}万元，"
                      f"{self.change('gpb', gpb, w.prev['gpb'], f'比{y - 1}年预算')}；政府性基金拨款支出预算{self.n(w.total(fn=lambda it: it.exp('fund')))}万元；"
                      f"国有资本经营预算拨款支出预算{self.n(w.total(fn=lambda it: it.exp('capital')))}万元。", "totals")  # fmt: skip
            self.body(f"财政拨款收入支出{'增加' if up else '减少'}的主要原因是{why}。", "totals")
            self.heading("财政拨款支出主要内容如下：", "gpb")
            for k, it in enumerate([i for i in w.sorted_items() if i.exp("gpb")], 1):
                amount = self.narr(("item", it.code), it.exp("gpb"))
                line = self.spot(("item", it.code), f"{self.item_path(it.code)}{self.n(amount)}万元")
                text = f"{k}. {line}，主要用于{'机关行政运行和人员经费支出' if it.exp(part='basic') else it.name + '项目支出'}。"
                if it.prev and wan(it.prev) != wan(it.exp("gpb")):
                    rate = self.ov.get(("yoy", ("item_yoy", it.code)), self.rate(abs(it.exp("gpb") - it.prev), it.prev))
                    word = "增加" if it.exp("gpb") > it.prev else "减少"
                    yo = self.spot(("yoy", ("item_yoy", it.code)),
                                   f"{y - 1}年当年预算执行数为{self.n(it.prev)}万元，{y}年预算安排{self.n(amount)}万元，比{y - 1}年预算执行数{word}{self.p(rate)}%")  # fmt: skip
                    text += f"{yo}。主要原因是：{it.name}经费{'增加' if word == '增加' else '减少'}。"
                self.body(text, "gpb")
                self.legitimate("unit_mix", "预算表以元列示，说明以万元列示", ("item", it.code))
            self.other_shanghai()
            return
        self.para("第三部分", role="heading")
        self.para(f"{w.department}{y}年部门预算情况说明", role="heading")
        self.heading("一、收支预算情况说明", "totals")
        self.body(f"按照综合预算的原则，{w.department}所有收入和支出均纳入部门预算管理。{w.department}{y}年收支总预算{self.n(grand)}万元，"
                  f"{self.change('income', grand, w.prev['total'], f'比{y - 1}年收支预算总数')}，主要是由于{why}。", "totals")  # fmt: skip
        business = w.income_total("business") + w.income_total("superior")
        parts = [
            f"上年结转{self.n(w.opening_total())}万元，{self.share('opening', w.opening_total(), grand)}",
            self.spot(
                ("share", "gpb_income"),
                f"一般公共预算拨款收入{self.n(w.income_total('gpb'))}万元，{self.share('gpb_income', w.income_total('gpb'), grand)}",
            ),
            f"政府性基金预算拨款收入{self.n(w.income_total('fund'))}万元，{self.share('fund_income', w.income_total('fund'), grand)}",
            f"事业收入{self.n(business)}万元，{self.share('business', business, grand)}",
        ]
        for label, v in (("国有资本经营预算拨款收入", w.income_total("capital")), ("其他收入", w.income_total("other"))):
            if v:
                parts.append(f"{label}{self.n(v)}万元，{self.share(label, v, grand)}")
        income = self.spot(
            "income_budget", f"（一）收入预算情况：{w.department}{y}年收入预算{self.n(grand)}万元，其中：{'；'.join(parts)}。"
        )
        self.body(income, "totals")
        if w.opening_total():
            self.legitimate("carry_over", "收入预算含上年结转", "income_budget")
        basic = self.spot(
            ("share", "basic"), f"基本支出{self.n(w.basic_total)}万元，{self.share('basic', w.basic_total, w.expense_total)}"
        )
        project = self.spot(
            ("share", "project"),
            f"项目支出{self.n(w.project_total)}万元，{self.share('project', w.project_total, w.expense_total)}",
        )
        self.body(
            f"（二）支出预算情况：{w.department}{y}年支出预算{self.n(w.expense_total)}万元，其中：{basic}；{project}。", "totals"
        )
        self.heading("二、一般公共预算当年拨款情况说明", "gpb")
        self.body(
            f"（一）规模及变化：{w.department}{y}年一般公共预算当年拨款{self.n(gpb)}万元，{self.change('gpb', gpb, w.prev['gpb'], '较上年预算')}。",
            "gpb",
        )
        parts = []
        for lei in w.classes(lambda it: it.exp("gpb")):
            amount = self.narr(("lei", lei), w.total(lei, lambda it: it.exp("gpb")))
            parts.append(
                self.spot(("lei", lei), f"{CLASS_NAMES[lei]}{self.n(amount)}万元，{self.share(('lei', lei), amount, gpb)}")
            )
        self.body(f"（二）结构情况：一般公共预算当年拨款{self.n(gpb)}万元，主要用于以下方面：{'；'.join(parts)}。", "gpb")
        self.body("（三）具体使用情况：", "gpb")
        for k, it in enumerate([i for i in w.sorted_items() if i.exp("gpb")], 1):
            amount = self.narr(("item", it.code), it.exp("gpb"))
            line = self.spot(("item", it.code), f"{y}年预算数为{self.n(amount)}万元")
            use = "机关及所属单位正常运转的基本支出" if it.exp(part="basic") else f"{it.name}等项目支出"
            self.body(f"{k}. {self.item_path(it.code)}：{line}，主要用于：{use}。", "gpb")
        self.heading("三、一般公共预算基本支出情况说明", "basic")
        pers = "、".join(ECON_NAMES[c] for c in w.econ if c[:3] in ("301", "303"))
        pub = "、".join(ECON_NAMES[c] for c in w.econ if c[:3] not in ("301", "303"))
        staff = self.spot("staff_perf", f"按在职人员{self.ov.get(('staff', 'perf'), w.actual)}人测算")
        personnel = self.spot("personnel", f"人员经费{self.n(self.narr('personnel', w.personnel))}万元")
        self.body(f"{w.department}{y}年一般公共预算基本支出{self.n(w.basic_gpb)}万元，其中：{personnel}（{staff}），主要包括：{pers}；"
                  f"公用经费{self.n(w.public)}万元，主要包括：{pub}。", "basic")  # fmt: skip
        self.heading("四、政府性基金预算支出情况说明", "fund")
        fund = w.total(fn=lambda it: it.exp("fund"))
        self.body(
            f"{y}年，{w.department}政府性基金预算支出{self.n(fund)}万元。"
            if fund
            else f"{y}年，{w.department}无政府性基金预算支出。",
            "fund",
        )
        self.heading("五、国有资本经营预算支出情况说明", "cap")
        self.body(
            f"{y}年，{w.department}无国有资本经营预算支出。"
            if not w.has_capital
            else f"{y}年，{w.department}国有资本经营预算支出{self.n(w.total(fn=lambda it: it.exp('capital')))}万元。",
            "cap",
        )
        self.three_public("六")
        self.para("七、其他重要事项的情况说明", role="heading")
        self.heading("（一）机关运行经费", "public")
        public = self.spot("public_budget", f"机关运行经费预算{self.money('public_budget', w.public)}")
        self.body(f"{w.department}{y}年{public}，{self.change('public', w.public, w.public_prev, '比上年预算')}。", "public")
        self.procurement_and_assets()

    def three_public(self, number: str) -> None:
        w, y = self.w, self.w.year
        v, prev = w.tp, w.tp_prev
        tf, tprev = sum(v.values(), ZERO), sum(prev.values(), ZERO)
        self.heading(f"{number}、“三公”经费预算安排情况说明", "tp")
        reception = self.narr("tp_reception", v["reception"])
        self.spot(("narr", "tp_reception"), f"公务接待费{self.n(reception)}万元")
        self.body(f"{w.department}{y}年“三公”经费预算数{self.n(tf)}万元，{self.change('tp_total', tf, tprev, '较上年“三公”经费')}。其中：因公出国（境）经费{self.n(v['abroad'])}万元，"
                  f"公务接待费{self.n(reception)}万元，公务用车购置及运行维护费{self.n(v['purchase'] + v['running'])}万元。", "tp")  # fmt: skip
        self.body(
            f"单位现有公务用车{w.vehicles}辆。{y}年安排公务用车运行维护费{self.n(v['running'])}万元，用于公务用车燃油、维修、保险及其他车辆支出。",
            "tp",
        )

    def procurement_and_assets(self) -> None:
        w, y = self.w, self.w.year
        pr = w.procurement
        self.heading("（二）政府采购情况", "procurement")
        goods = self.spot("goods", f"政府采购货物预算{self.money('goods', pr['goods'])}")
        self.body(f"{y}年，{w.department}安排政府采购预算{self.n(pr['total'])}万元，其中：{goods}、政府采购工程预算{self.n(pr['works'])}万元、"
                  f"政府采购服务预算{self.n(pr['services'])}万元。", "procurement")  # fmt: skip
        self.heading("（三）绩效目标设置情况", "targets")
        budget = sum((p.budget for p in w.projects), ZERO)
        self.body(
            f"{y}年，{w.department}实行绩效目标管理的项目{len(w.projects)}个，涉及项目预算资金{self.n(budget)}万元。", "targets"
        )
        self.heading("（四）国有资产占有使用情况", "assets")
        uses = "、".join(f"{k}{n}辆" for k, n in w.vehicle_use.items())
        self.body(
            f"截至{y - 1}年12月31日，{w.department}共有车辆{w.vehicles}辆，其中：{uses}；单价100万元（含）以上设备（不含车辆）{w.equipment}台（套）。",
            "assets",
        )

    def other_shanghai(self) -> None:
        w, y = self.w, self.w.year
        self.para("其他相关情况说明", role="heading")
        v, prev = w.tp, w.tp_prev
        tf, tprev = sum(v.values(), ZERO), sum(prev.values(), ZERO)
        self.heading(f"一、{y}年“三公”经费预算情况说明", "tp")
        reception = self.narr("tp_reception", v["reception"])
        self.spot(("narr", "tp_reception"), f"公务接待费{self.n(reception)}万元")
        change = self.change("tp_total", tf, tprev, f"比{y - 1}年预算")
        self.body(f"{y}年“三公”经费预算数为{self.n(tf)}万元，{change}。其中：（一）因公出国（境）费{self.n(v['abroad'])}万元；"
                  f"（二）公务用车购置及运行费{self.n(v['purchase'] + v['running'])}万元；（三）公务接待费{self.n(reception)}万元。", "tp")  # fmt: skip
        self.heading("二、机关运行经费预算", "public")
        public = self.spot("public_budget", f"财政拨款的机关运行经费预算为{self.money('public_budget', w.public)}")
        self.body(
            f"{y}年{w.department}{public}，{self.change('public', w.public, w.public_prev, f'比{y - 1}年预算')}。", "public"
        )
        pr = w.procurement
        self.heading("三、政府采购预算情况", "procurement")
        goods = self.spot("goods", f"政府采购货物预算{self.money('goods', pr['goods'])}")
        sme = self.spot(
            ("share", "sme_budget"),
            f"面向中小企业预留政府采购项目预算金额{self.n(pr['sme'])}万元，{self.share('sme_budget', pr['sme'], pr['total'])}",
        )
        self.body(f"{y}年度本部门政府采购预算{self.n(pr['total'])}万元，其中：{goods}、政府采购工程预算{self.n(pr['works'])}万元、"
                  f"政府采购服务预算{self.n(pr['services'])}万元。{y}年度本部门{sme}。", "procurement")  # fmt: skip
        self.heading("四、绩效目标设置情况", "targets")
        budget = sum((p.budget for p in w.projects), ZERO)
        self.body(f"{y}年度，本部门编报绩效目标的项目共{len(w.projects)}个，涉及项目预算资金{self.n(budget)}万元。", "targets")
        self.heading("五、国有资产占有使用情况", "assets")
        uses = "、".join(f"{k}{n}辆" for k, n in w.vehicle_use.items())
        self.body(
            f"截至{y - 1}年8月31日，{w.department}共有车辆{w.vehicles}辆，其中：{uses}；单价100万元（含）以上设备（不含车辆）{w.equipment}台（套）。",
            "assets",
        )
        self.heading("六、人员情况", "basic")
        self.body(
            self.spot("staff_perf", f"{y}年人员经费按在职人员{self.ov.get(('staff', 'perf'), w.actual)}人测算")
            + f"，人员经费预算{self.n(w.personnel)}万元。",
            "basic",
        )

    def glossary(self) -> None:
        if self.t == "shanghai":
            self.para("名词解释", role="heading")
        else:
            self.para("第四部分", role="heading")
            self.para("名词解释", role="heading")
        for text in (
            "（一）财政拨款收入：是本年度从本级财政部门取得的财政拨款，包括一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款。",
            "（二）事业收入：指事业单位开展专业业务活动及其辅助活动取得的收入。",
            "（三）上年结转：指以前年度尚未完成，结转到本年仍按原规定用途继续使用的资金。",
            "（四）基本支出预算：为保障机构正常运转、完成日常工作任务而编制的年度基本支出计划，包括人员经费和公用经费两部分。",
            "（五）项目支出预算：为完成特定的行政工作任务或事业发展目标，在基本支出之外编制的年度支出计划。",
            "（六）“三公”经费：指使用财政拨款安排的因公出国（境）费、公务用车购置及运行费、公务接待费。",
            "（七）机关运行经费：指行政单位和参照公务员法管理的事业单位使用一般公共预算财政拨款安排的基本支出中的日常公用经费支出。",
        ):
            self.para(text)
