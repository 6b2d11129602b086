"""部门整体支出绩效评价报告 (narrative, with a 项目资金使用情况表 and a 指标得分表) and 项目支出绩效
自评表 published on their own, in each template's wording and form layout."""

from __future__ import annotations

from .money import ZERO, fmt_dec
from .perf import Perf


class _Sections(Perf):
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

    @staticmethod
    def unit_of(w, st, table: str) -> str:
        return "万元"

    @staticmethod
    def table_name(template: str, group: str) -> str:
        return {"ft": "项目资金使用情况表", "st": "指标得分表"}.get(group, group)


class ReportDoc(_Sections):
    """部门整体支出绩效评价报告."""

    @staticmethod
    def share_keys(w, st) -> list:
        return [("basic", w.basic_gpb, w.gpb_total), ("project", w.project_gpb, w.gpb_total)]

    @staticmethod
    def yoy_keys(w, st) -> list:
        return [("gpb", w.gpb_total, w.prev["gpb"])] if w.prev["gpb"] and w.prev["gpb"] != w.gpb_total else []

    @staticmethod
    def staff_spots(w) -> list:
        return ["staff_overview", "staff_perf"]

    @classmethod
    def stray_keys(cls, w, st) -> list:
        return cls.section_keys(w, st)

    @staticmethod
    def section_keys(w, st) -> list:
        return ["goal", "basic", "perf", "problems"]

    def render(self) -> None:
        w, y, t = self.w, self.w.year, self.t
        short = w.place + w.profile.short
        self.para(
            f"{short}{y}年部门整体支出绩效评价报告" if t == "hunan" else f"{w.department}{y}年度部门整体支出绩效评价报告",
            role="title",
        )
        self.para("一、基本情况", role="heading")
        self.para("（一）部门基本情况", role="heading")
        self.para("1．主要职能", role="heading")
        for k, duty in enumerate(w.profile.duties, 1):
            self.para(f"（{k}）" + duty.format(area=w.area, place=w.place[-1]))
        self.para("2．机构设置", role="heading")
        offices = "、".join(w.profile.offices)
        actual = self.ov.get(("staff", "overview"), w.actual)
        staff = self.spot("staff_overview", f"全局核定编制{w.authorized}人，实有工作人员{actual}人")
        units = "、".join(u.name for u in w.units[1:])
        self.para(f"本单位内设{offices}共{len(w.profile.offices)}个股室{'，下设' + units if units else ''}。{staff}。")
        self.heading("（二）部门年度整体支出绩效目标", "goal")
        self.body(w.dept_goal_expected, "goal")
        self.heading("二、一般公共预算支出情况", "gpb")
        gpb = w.gpb_total
        prev = w.prev["gpb"]
        change = ""
        if prev and prev != gpb:
            up = gpb > prev
            rate = self.ov.get(("yoy", "gpb"), self.rate(abs(gpb - prev), prev))
            change = self.spot(
                ("yoy", "gpb"),
                f"与上年相比，{'增加' if up else '减少'}{self.n(abs(gpb - prev))}万元，{'增长' if up else '下降'}{self.p(rate)}%",
            )
            change = "，" + change
        self.body(
            f"{y}年本部门一般公共预算财政拨款收入{self.n(w.income_total('gpb'))}万元，一般公共预算财政拨款支出{self.n(gpb)}万元{change}。",
            "gpb",
        )
        self.heading("（一）基本支出情况", "basic")
        basic = self.spot(
            ("share", "basic"),
            f"{y}年基本支出{self.n(w.basic_gpb)}万元，占一般公共预算支出的{self.p(self.ov.get(('share', 'basic'), self.rate(w.basic_gpb, gpb)))}%",
        )
        self.body(f"{basic}，主要是为保障部门正常运转、完成日常工作任务而发生的各项支出，包括人员经费和公用经费。", "basic")
        self.para("（二）项目支出情况", role="heading")
        project = self.spot(
            ("share", "project"),
            f"{y}年项目支出{self.n(w.project_gpb)}万元，占一般公共预算支出的{self.p(self.ov.get(('share', 'project'), self.rate(w.project_gpb, gpb)))}%",
        )
        self.para(f"{project}，各项专项资金的使用管理情况如下：")
        for k, p in enumerate(w.projects):
            self.para(f"{k + 1}、{p.name}分配安排和使用管理情况。")
            description = self.spot(("goal_expected", k), self.ov.get(("goal_expected", k), p.goal_expected))
            executed = self.ov.get(("report_exec", k), p.executed)
            rate = self.ov.get(("report_rate", k), p.rate)
            line = self.spot(
                ("report_line", k), f"全年预算{self.n(p.budget)}万元，实际支出{self.n(executed)}万元，预算执行率{self.p(rate)}%"
            )
            extra = f"，主要原因是{p.explain}" if p.explain else ""
            self.para(f"{description}{y}年安排资金{self.n(p.initial)}万元，{line}{extra}。")
            if p.explain:
                self.legitimate("explained_extreme", f"项目“{p.name}”执行率偏低，报告说明了原因", ("report_line", k))
        self.para("三、政府性基金预算支出情况", role="heading")
        fund = w.total(fn=lambda it: it.exp("fund"))
        self.para(f"{y}年度政府性基金预算支出{self.n(fund)}万元。" if fund else f"{y}年度无政府性基金收支。")
        self.para("四、国有资本经营预算支出情况", role="heading")
        self.para(
            "本单位无国有资本经营预算的收支。"
            if not w.has_capital
            else f"{y}年度国有资本经营预算支出{self.n(w.total(fn=lambda it: it.exp('capital')))}万元。"
        )
        self.heading("五、部门整体支出绩效情况", "perf")
        coverage = self.ov.get(("narr", "coverage"), w.coverage)
        cov = self.spot("coverage", w.coverage_sentence.format(area=w.area, rate=self.p(coverage)))
        staff2 = self.spot("staff_perf", f"年末在职人员{self.ov.get(('staff', 'perf'), w.actual)}人")
        text = f"{y}年，{w.profile.achieved}。{cov}。{staff2}，人均公用经费{self.n(w.public / max(1, w.actual))}万元。"
        if w.task_completion is not None:
            tc = self.spot("task_completion", f"年度重点工作任务完成率达到{self.p(w.task_completion)}%")
            text += f"{tc}，超额完成年度目标。"
            self.legitimate("completion_over_100", "任务完成率超过100%（完成率，不是覆盖率）", "task_completion")
        self.body(text, "perf")
        self.heading("六、存在的问题及原因分析", "problems")
        self.body("；".join(f"{'一二三'[i]}是{x}" for i, x in enumerate(w.problems)) + "。", "problems")
        self.heading("七、绩效自评结果拟应用和公开情况", "result")
        total = w.eval_total
        grade = "优" if total >= 90 else "良" if total >= 80 else "中"
        score = self.spot(("report_score",), f"综合评分为{fmt_dec(total)}分，自评结果为“{grade}”")
        self.body(f"总体来说，本部门{y}年部门整体支出情况良好，预算执行严格有序。{score}。", "result")
        self.funds_table(f"附表1 {y}年度项目资金使用情况表")
        self.scores_table(f"附表2 {y}年度部门整体支出绩效评价指标得分表")
        for k, p in enumerate(w.projects):
            if p.initial != p.budget:
                self.legitimate("budget_adjusted", f"项目“{p.name}”年中调整了预算", ("ft", k))


class SelfEvalDoc(_Sections):
    """项目支出绩效自评表 on their own (one per project), with a short cover."""

    def render(self) -> None:
        w, y, t = self.w, self.w.year, self.t
        title = {
            "hunan": f"{y}年度项目支出绩效自评表",
            "sichuan": "项目支出绩效目标完成情况表",
            "shanghai": f"{y}年度项目绩效自评表",
        }[t]
        self.para(f"{w.department}{y}年度项目支出绩效自评结果", role="title")
        budget = sum((p.budget for p in w.projects), ZERO)
        self.para(
            f"根据预算绩效管理要求，{w.department}对{y}年度{len(w.projects)}个项目开展了绩效自评，涉及资金{self.n(budget)}万元，自评情况如下。"
        )
        for k, p in enumerate(w.projects):
            self.project_table(k, p, title)

    @staticmethod
    def share_keys(w, st) -> list:
        return []

    @staticmethod
    def yoy_keys(w, st) -> list:
        return []
