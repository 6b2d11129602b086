"""Performance forms in each template's layout: the 项目支出绩效自评表 (Hunan, Shanghai) or 项目支出绩效
目标完成情况表 (Sichuan), the 部门整体支出绩效自评表 and 绩效评价基础数据表 (Hunan), the 项目绩效目标表 and
整体支出绩效目标表 of a budget, and the 项目资金使用情况表 and 指标得分表 of an evaluation report.

Forms print their amounts in 万元 as written on the form (no trailing zeros).
"""

from __future__ import annotations

from decimal import Decimal

from .catalog import GIVEN, SURNAMES
from .layout import Builder, row_text
from .money import ZERO, D, exec_score, fmt_dec, pct
from .world import Indicator, Project, fmt_wan


class Perf(Builder):
    # ------------------------------------------------------------------ shared pieces
    def signature(self) -> str:
        rng, y = self.rng, self.w.year
        name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        phone = (
            f"0{rng.randint(730, 746)}-{rng.randint(2000000, 8999999)}"
            if self.t != "shanghai"
            else f"021-{rng.randint(52000000, 69999999)}"
        )
        return f"填表人：{name} 填报日期：{y + 1}年{rng.randint(3, 8)}月{rng.randint(1, 28)}日 联系电话：{phone} 单位负责人签字："

    def project_rate(self, k: int, p: Project) -> Decimal:
        return self.ov.get(("perf_rate", k), p.rate)

    def indicators_score(self, k: int, p: Project) -> Decimal:
        return sum((self.indicator_score(k, i, ind) for i, ind in enumerate(p.indicators)), ZERO)

    def project_total(self, k: int, p: Project) -> Decimal:
        """总分 as the form prints it: the execution line's score (on the 执行率 printed) and Σ 得分."""
        return self.ov.get(("perf_total", k), exec_score(self.project_rate(k, p)) + self.indicators_score(k, p))

    def narrated_total(self, k: int, p: Project) -> Decimal:
        """总分 as the text restates it."""
        return exec_score(p.rate) + self.indicators_score(k, p)

    def indicator_score(self, k: int, i: int, ind: Indicator) -> Decimal:
        return self.ov.get(("ind_score", k, i), ind.score)

    def indicator_actual(self, k: int, i: int, ind: Indicator) -> str:
        return self.ov.get(("ind_actual", k, i), ind.actual)

    def indicator_reason(self, k: int, i: int, ind: Indicator) -> str:
        return self.ov.get(("ind_reason", k, i), ind.reason)

    def goals(self, k: int, p: Project) -> tuple[str, str]:
        expected = self.ov.get(("goal_expected", k), p.goal_expected)
        return expected, self.ov.get(("goal_actual", k), p.goal_actual)

    def indicator_rows(self, k: int, inds: list[Indicator], lead: str = "", scored: bool = True) -> list[list[str]]:
        """一级 | 二级 | 三级 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因 rows, one-level labels only
        where they change (merged cells)."""
        rows = []
        weight_of: dict[tuple[str, str], int] = {}
        for ind in inds:
            weight_of[(ind.l1, "")] = weight_of.get((ind.l1, ""), 0) + ind.weight
            weight_of[(ind.l1, ind.l2)] = weight_of.get((ind.l1, ind.l2), 0) + ind.weight
        last1 = last2 = ""
        for i, ind in enumerate(inds):
            l1 = l2 = ""
            if ind.l1 != last1:
                l1 = ind.l1 + (f" ({weight_of[(ind.l1, '')]}分)" if self.s.weights_in_labels and scored else "")
                last2 = ""
            if ind.l2 != last2:
                l2 = ind.l2 + (f" ({weight_of[(ind.l1, ind.l2)]}分)" if self.s.weights_in_labels and scored else "")
            last1, last2 = ind.l1, ind.l2
            actual = self.indicator_actual(k, i, ind) if k >= 0 else ind.actual
            row = [lead, l1, l2, ind.name, ind.target, actual]
            if scored:
                score = self.indicator_score(k, i, ind) if k >= 0 else ind.score
                reason = self.indicator_reason(k, i, ind) if k >= 0 else ind.reason
                row += [str(ind.weight), fmt_dec(score), reason]
                if k >= 0:
                    self.spot(("ind_reason", k, i), reason)
            rows.append(row)
            if k >= 0:
                self.spot(("ind", k, i), row_text(row))
        return rows

    # ------------------------------------------------------------------ 项目支出绩效自评表
    def project_table(self, k: int, p: Project, title: str) -> None:
        """One project's self-evaluation, in the template's layout."""
        group = f"p{k}"
        self.para(title, group, "meta")
        if self.t == "sichuan":
            self._project_sichuan(k, p, group)
        else:
            self._project_scored(k, p, group)
        if self.t == "hunan":
            self.para(
                "备注：一个一级项目支出一张表。如，业务工作经费，运行维护经费，其他事业发展类资金……各一张表。", group, "note"
            )
        self.para(self.signature(), group, "meta")
        if p.explain:
            self.legitimate(
                "explained_extreme", f"项目“{p.name}”执行率{fmt_dec(p.rate)}%，表中说明了原因：{p.explain}", ("perf_money", k)
            )
            self.legitimate("explained_extreme", f"项目“{p.name}”成本指标下说明了执行率低的原因", ("ind", k, 3))
        if p.initial != p.budget and self.t != "sichuan":  # Sichuan's form prints no 年初预算数
            self.legitimate(
                "budget_adjusted",
                f"项目“{p.name}”年初预算数{fmt_wan(p.initial)}万元，年中调整为{fmt_wan(p.budget)}万元",
                ("perf_money", k),
            )
        if p.carry:
            self.legitimate(
                "carry_over",
                f"项目“{p.name}”含上年结转资金{fmt_wan(p.carry)}万元，当年财政拨款少于年度资金总额",
                ("perf_fiscal", k),
            )

    def _money_cells(self, k: int, p: Project) -> tuple[list[str], list[str], list[str]]:
        """(年度资金总额, 当年财政拨款, 上年结转资金) cells: 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分."""
        rate = self.project_rate(k, p)
        shown = "" if self.ov.get(("blank", "rate", k)) else f"{fmt_dec(rate)}%"
        money = [fmt_wan(p.initial), fmt_wan(p.budget), fmt_wan(p.executed), "10", shown, fmt_dec(exec_score(rate))]
        fiscal_exec = self.ov.get(("perf_fiscal_exec", k), p.executed - p.carry)
        initial_fiscal = p.initial - min(p.initial, p.carry)
        fiscal = [fmt_wan(initial_fiscal), fmt_wan(p.budget - p.carry), fmt_wan(fiscal_exec)]
        fiscal_rate = pct(fiscal_exec, p.budget - p.carry) if p.budget > p.carry else ZERO
        fiscal += ["10", f"{fmt_dec(fiscal_rate)}%", fmt_dec(exec_score(fiscal_rate))] if self.s.fiscal_row_full else ["", "", ""]
        carry = [fmt_wan(min(p.initial, p.carry)), fmt_wan(p.carry), fmt_wan(p.carry), "", "", ""] if p.carry else [""] * 6
        return money, fiscal, carry

    def _project_scored(self, k: int, p: Project, group: str) -> None:
        w = self.w
        money, fiscal, carry = self._money_cells(k, p)
        expected, actual = self.goals(k, p)
        unit = w.units[p.unit].name
        fiscal_label = "其中：当年财政拨款" if self.t == "hunan" else "其中：财政拨款"
        rows = [
            ["项目支出名称" if self.t == "hunan" else "项目名称", p.name, "", "", "", "", "", "", ""],
            ["主管部门", w.parent, "", "", "实施单位", unit, "", "", ""],
            ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", ""],
            ["", "年度资金总额", *money, ""],
            ["", fiscal_label, *fiscal, ""],
            ["", "上年结转资金", *carry, ""],
            ["", "其他资金", "", "", "", "", "", "", ""],
            ["年度总体目标", "预期目标", "", "", "实际完成情况", "", "", "", ""],
            ["", expected, "", "", actual, "", "", "", ""],
            [
                "绩效指标",
                "一级指标",
                "二级指标",
                "三级指标",
                "年度指标值",
                "实际完成值",
                "分值",
                "得分",
                "偏差原因分析及改进措施",
            ],
            *self.indicator_rows(k, p.indicators),
            ["", "总分", "", "", "", "", "100", fmt_dec(self.project_total(k, p)), ""],
        ]
        self.spot(("perf_money", k), row_text(rows[3]))
        self.spot(("perf_fiscal", k), row_text(rows[4]))
        self.spot(("perf_total", k), row_text(rows[-1]))
        self.spot(("goal_expected", k), expected)
        self.spot(("goal_actual", k), actual)
        self.grid(rows, group, 0, [], "", form=True)

    def _project_sichuan(self, k: int, p: Project, group: str) -> None:
        """四川 项目支出绩效目标完成情况表: label-value pairs, then the indicators with their scores."""
        w = self.w
        rate = self.project_rate(k, p)
        shown = "" if self.ov.get(("blank", "rate", k)) else f"{fmt_dec(rate)}%"
        expected, actual = self.goals(k, p)
        fiscal_exec = self.ov.get(("perf_fiscal_exec", k), p.executed - p.carry)
        other_b = p.carry
        rows = [
            ["项目名称", p.name, "", "", "", "", "", ""],
            ["预算单位", f"{w.units[p.unit].code}{w.units[p.unit].name}", "", "", "", "", "", ""],
            [
                "预算执行情况(万元)",
                "预算数:",
                fmt_wan(p.budget),
                "执行数:",
                fmt_wan(p.executed),
                "执行率:",
                shown,
                "分值:",
                "10",
                "得分:",
                fmt_dec(exec_score(rate)),
            ],  # fmt: skip
            ["", "其中-财政拨款:", fmt_wan(p.budget - other_b), "其中-财政拨款:", fmt_wan(fiscal_exec), "", "", ""],
            ["", "其它资金:", fmt_wan(other_b), "其它资金:", fmt_wan(p.carry), "", "", ""],
            ["年度目标完成情况", "预期目标", "", "", "实际完成目标", "", "", ""],
            ["", expected, "", "", actual, "", "", ""],
            [
                "绩效指标完成情况",
                "一级指标",
                "二级指标",
                "三级指标",
                "预期指标值",
                "实际完成指标值",
                "分值",
                "得分",
                "偏差原因分析",
            ],
            *self.indicator_rows(k, p.indicators),
            ["", "总分", "", "", "", "", "100", fmt_dec(self.project_total(k, p)), ""],
        ]
        self.spot(("perf_money", k), row_text(rows[2]))
        self.spot(("perf_fiscal", k), row_text(rows[3]))
        self.spot(("perf_total", k), row_text(rows[-1]))
        self.spot(("goal_expected", k), expected)
        self.spot(("goal_actual", k), actual)
        self.grid(rows, group, 0, [], "", form=True)

    # ------------------------------------------------------------------ 部门整体支出绩效自评表
    def dept_table(self, title: str) -> None:
        w = self.w
        self.para(title, "de", "meta")
        label = "区级预算部门名称" if w.place.endswith("区") else "预算部门名称"
        rate = w.dept_rate
        inds = w.dept_indicators()
        rows = [
            [label, w.department, "", "", "", "", "", "", ""],
            ["年度预算申请（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", ""],
            ["", "年度资金总额", fmt_wan(w.budget_initial), fmt_wan(w.full_budget), fmt_wan(w.gpb_total), "10", f"{fmt_dec(rate)}%",
             fmt_dec(exec_score(rate)), ""],
            ["", "按收入性质分：", "", "", "按支出性质分：", "", "", "", ""],
            ["", f"其中：一般公共预算：{fmt_wan(w.gpb_total)}", "", "", f"其中：基本支出：{fmt_wan(w.basic_gpb)}", "", "", "", ""],
            ["", "政府性基金拨款：", "", "", f"项目支出：{fmt_wan(w.project_gpb)}", "", "", "", ""],
            ["", "纳入专户管理的非税收入拨款：", "", "", "", "", "", "", ""],
            ["年度总体目标", "预期目标", "", "", "实际完成情况", "", "", "", ""],
            ["", w.dept_goal_expected, "", "", w.dept_goal_actual, "", "", "", ""],
            ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
            *self.indicator_rows(-1, inds),
            ["", "总分", "", "", "", "", "100", fmt_dec(w.dept_total_score), ""],
        ]  # fmt: skip
        self.spot(("dept_money",), row_text(rows[2]))
        self.grid(rows, "de", 0, [], "", form=True)
        self.para(self.signature(), "de", "meta")

    # ------------------------------------------------------------------ 绩效评价基础数据表 (Hunan)
    def basic_data(self) -> None:
        w, y = self.w, self.w.year
        self.para(f"{y}年度部门整体支出绩效评价基础数据表", "bd", "meta")
        actual = self.ov.get(("staff", "table"), w.actual)
        b, fin, prev = w.tp_budget, w.tp, w.tp_prev

        def money(key_fn) -> list[str]:
            return [fmt_wan(key_fn(prev)), "", fmt_wan(key_fn(b)), "", fmt_wan(key_fn(fin)), ""]

        control = self.ov.get(("blank", "control"), f"{fmt_dec(pct(D(actual), D(w.authorized)))}%")
        rows = [
            ["财政供养人员情况(人)", "编制数", "", f"{y}年实际在职人数", "", "控制率", ""],
            ["", str(w.authorized), "", str(actual), "", control, ""],
            ["经费控制情况(万元)", f"{y - 1}年决算数", "", f"{y}年预算数", "", f"{y}年决算数", ""],
            ["三公经费", *money(lambda v: sum(v.values(), ZERO))],
            ["1、公务用车购置和维护经费", *money(lambda v: v["purchase"] + v["running"])],
            ["其中：公车购置", *money(lambda v: v["purchase"])],
            ["公车运行维护", *money(lambda v: v["running"])],
            ["2、出国经费", *money(lambda v: v["abroad"])],
            ["3、公务接待", *money(lambda v: v["reception"])],
            ["项目支出：", "", "", fmt_wan(w.project_budget), "", fmt_wan(sum((p.executed for p in w.projects), ZERO)), ""],
        ]
        self.spot("staff_table", row_text(rows[1]))
        for k, p in enumerate(w.projects):
            executed = self.ov.get(("bd_exec", k), p.executed)
            rows.append([f"{k + 1}、{p.name}", "", "", fmt_wan(p.budget), "", fmt_wan(executed), ""])
            self.spot(("bd_exec", k), row_text(rows[-1]))
        pp, pb, pf = w.public_parts_prev, w.public_parts_budget, w.public_parts
        rows.append(["公用经费", fmt_wan(w.public_prev), "", fmt_wan(w.public_budget), "", fmt_wan(w.public), ""])
        for label, key in (
            ("其中：办公经费", "office"),
            ("水费、电费、差旅费", "utilities"),
            ("会议费、培训费", "meetings"),
            ("其它", "other"),
        ):
            rows.append([label, fmt_wan(pp[key]), "", fmt_wan(pb[key]), "", fmt_wan(pf[key]), ""])
        pr = w.procurement
        rows += [
            ["政府采购金额", "", "", fmt_wan(pr["budget"]), "", fmt_wan(pr["total"]), ""],
            ["部门基本支出预算调整", "", "", "", "", "", ""],
            [
                f"楼堂馆所控制情况（{y}年完工项目）",
                "批复规模（㎡）",
                "实际规模（㎡）",
                "规模控制率",
                "预算投资（万元）",
                "实际投资（万元）",
                "投资概算控制率",
            ],
            ["无", "", "", "", "", "", ""],
            ["厉行节约保障措施", "严格执行公务接待、会议、培训等管理制度，压减一般性支出", "", "", "", "", ""],
        ]
        self.grid(rows, "bd", 0, [], "", form=True)
        self.para(
            "说明：“项目支出”需要填报基本支出以外的所有项目支出情况，“公用经费”填报基本支出中的一般商品和服务支出。", "bd", "note"
        )
        self.para(self.signature(), "bd", "meta")

    # ------------------------------------------------------------------ budgets: 项目绩效目标表, 整体支出绩效目标表
    def project_targets(self, title: str) -> None:
        """All projects' targets in one list (the budget's 项目支出绩效目标表)."""
        w = self.w
        self.para(title, "pt", "meta")
        if self.t == "sichuan":
            head = [
                "单位名称",
                "项目名称",
                "预算数",
                "年度目标",
                "一级指标",
                "二级指标",
                "三级指标",
                "指标性质",
                "指标值",
                "度量单位",
                "权重",
            ]
        elif self.t == "shanghai":
            head = ["项目名称", "项目金额", "年度目标", "一级指标", "二级指标", "三级指标", "指标值"]
        else:
            head = ["单位名称", "项目名称", "预算数", "年度目标", "一级指标", "二级指标", "三级指标", "指标值"]
        rows = [head]
        for k, p in enumerate(w.projects):
            goal = self.ov.get(("goal_expected", k), p.goal_expected)
            self.spot(("goal_expected", k), goal)
            for i, ind in enumerate(p.indicators):
                target = self.ov.get(("target", k, i), ind.target)
                first = i == 0
                amount = fmt_wan(p.budget) if first else ""
                if self.t == "sichuan":
                    value = self.ov.get(("target_value", k, i), ind.value)
                    row = [f"{w.units[p.unit].code}-{w.units[p.unit].name}" if first else "", p.name if first else "", amount,
                           goal if first else "", ind.l1, ind.l2, ind.name, ind.nature, value, ind.unit, str(ind.weight)]  # fmt: skip
                elif self.t == "shanghai":
                    row = [p.name if first else "", amount, goal if first else "", ind.l1, ind.l2, ind.name, target]
                else:
                    row = [w.units[p.unit].name if first else "", p.name if first else "", amount, goal if first else "",
                           ind.l1, ind.l2, ind.name, target]  # fmt: skip
                rows.append(row)
                self.spot(("target", k, i), row_text(row))
                if first:
                    self.spot(("pt_money", k), row_text(row))
        self.grid(rows, "pt", 1, [], "万元", form=True)

    def dept_targets(self, title: str) -> None:
        w = self.w
        self.para(title, "dt", "meta")
        if self.t == "sichuan":
            self.para(f"({w.year} 年度)", "dt", "meta")
        total = w.expense_total
        fiscal = sum((it.fiscal() for it in w.items.values()), ZERO)
        rows = [["部门名称", w.department, "", "", ""], ["年度主要任务", "任务名称", "主要内容", "", ""]]
        for k, p in enumerate(w.projects):
            rows.append(["", p.name, self.ov.get(("task", k), p.goal_expected), "", ""])
            self.spot(("task", k), rows[-1][2])
        rows.append(["", "基本支出", "保障单位正常运转，人员经费和日常公用经费支出。", "", ""])
        rows += [
            ["年度部门整体支出预算", "资金总额", "财政拨款", "其他资金", ""],
            ["", fmt_wan(total), fmt_wan(fiscal), fmt_wan(total - fiscal), ""],
            ["年度总体目标", w.dept_goal_expected, "", "", ""],
            ["年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值（包含数字及文字描述）"],
        ]
        self.spot(("dt_money",), row_text(rows[-3]))
        for ind in w.dept_indicators():
            rows.append(["", ind.l1, ind.l2, ind.name, ind.target])
        for k, p in enumerate(w.projects):
            rows.append(["", "成本指标", "经济成本指标", p.name, self.ov.get(("dt_cost", k), f"={fmt_wan(p.budget)}万元")])
            self.spot(("dt_cost", k), row_text(rows[-1]))
        self.grid(rows, "dt", 0, [], "万元", form=True)

    # ------------------------------------------------------------------ evaluation report tables
    def funds_table(self, title: str) -> None:
        """项目资金使用情况表: every project's budget, spending and execution rate."""
        w = self.w
        self.para(title, "ft", "meta")
        self.para("单位：万元", "ft", "meta")
        rows = [["序号", "项目名称", "年初预算数", "全年预算数", "实际支出数", "执行率"]]
        for k, p in enumerate(w.projects):
            executed = self.ov.get(("ft_exec", k), p.executed)
            rate = self.ov.get(("perf_rate", k), p.rate)
            rows.append([str(k + 1), p.name, fmt_wan(p.initial), fmt_wan(p.budget), fmt_wan(executed), f"{fmt_dec(rate)}%"])
            self.spot(("ft", k), row_text(rows[-1]))
        total_b = sum((p.budget for p in w.projects), ZERO)
        total_e = self.ov.get(("ft_total", "executed"), sum((p.executed for p in w.projects), ZERO))
        total_i = sum((p.initial for p in w.projects), ZERO)
        rows.append(["", "合计", fmt_wan(total_i), fmt_wan(total_b), fmt_wan(total_e), f"{fmt_dec(pct(total_e, total_b))}%"])
        self.spot(("ft", "合计"), row_text(rows[-1]))
        self.grid(rows, "ft", 1, ["no", "label", "initial", "budget", "executed", "rate"], "万元")
        explained = [p for p in w.projects if p.explain]
        if explained:  # the table's own note says why a rate is low, as a workbook of it must
            self.para("注：" + "；".join(f"{p.name}执行率偏低，主要原因是{p.explain}" for p in explained) + "。", "ft", "meta")

    def scores_table(self, title: str) -> None:
        """指标得分表: the evaluation's indicators with their weights and scores, 总分 last."""
        w = self.w
        self.para(title, "st", "meta")
        rows = [["一级指标", "二级指标", "三级指标", "分值", "得分", "扣分原因"]]
        last1 = last2 = ""
        for i, line in enumerate(w.eval_lines):
            score = self.ov.get(("eval_score", i), line.score)
            row = [line.l1 if line.l1 != last1 else "", line.l2 if line.l2 != last2 else "", line.l3, str(line.weight), fmt_dec(score),
                   self.ov.get(("eval_reason", i), line.reason)]  # fmt: skip
            last1, last2 = line.l1, line.l2
            rows.append(row)
            self.spot(("eval_line", i), row_text(row))
        total = self.ov.get(
            ("eval_total",), sum((self.ov.get(("eval_score", i), s.score) for i, s in enumerate(w.eval_lines)), ZERO)
        )
        rows.append(["总分", "", "", "100", fmt_dec(total), ""])
        self.spot(("eval_total",), row_text(rows[-1]))
        self.grid(rows, "st", 1, ["l1", "l2", "l3", "weight", "score", "reason"], "", form=True)
