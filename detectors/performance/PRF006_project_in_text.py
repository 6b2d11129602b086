"""PRF006: a project's budget, execution and rate in the report text against its table."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from rapidfuzz import fuzz

from extract.numbers import normalize_label
from models import Document, Figure, Finding, Project, Severity

from ..base import Rule, figure_evidence, fmt
from ..recompute._sentences import pct_tolerance
from ._common import core_name, evidence, heading_before, project_row, same_project_docs

_CLASS_ITEM = re.compile(r"[(（][类款项][)）]|”科目")  # "…（项）", Shanghai's "“X支出-Y-Z”科目"


_AMOUNT = re.compile(r"\d\s*万?元")  # a paragraph stating an amount is no heading


def mentions(text: str, core: str) -> bool:
    return len(core) >= 4 and (core in text or fuzz.partial_ratio(core, text) >= 85)


def _named(text: str, projects: list[Project], cores: dict[int, str]) -> list[Project]:
    """The projects ``text`` names; of several that it names loosely, the one it names exactly
    (城市最低生活保障 is a character or two from 农村最低生活保障)."""
    named = [p for p in projects if mentions(text, cores[id(p)])]
    exact = [p for p in named if cores[id(p)] in text]
    return exact if len(named) > 1 and exact else named


class ProjectInText(Rule):
    """What the report says of a project = its self-evaluation table (or project-funds table).

    What it checks:
        Sentences naming a project (by its name without the year and 项目/资金 suffix, allowing a
        character or two of difference), or standing under a short heading that names it ("1、X分配
        安排和使用管理情况。"): the 预算 amount against 全年预算数, 执行 / 实际使用 / 支出 amounts
        against 全年执行数, and 使用率 / 执行率 / 完成预算的 rates against 执行数 / 全年预算数, in
        the project's 绩效自评表 or in the report's 项目资金使用情况表. A rate whose own sentence
        states the table's two amounts is a wrong division (percent_recompute), not another figure.
    Why an auditor cares:
        The report is what is read; a rate or amount in it that the table does not support is a
        misstatement of the project's results.
    Fails:
        "离退休人员医药费项目……项目资金使用率仅41.96%" while 10.44 / 25 = 41.76%;
        "全年预算3788.10万元，实际支出3710.71万元，预算执行率90.74%" (3710.71 ÷ 3788.10 = 97.96%)
    Passes:
        "项目全年预算数4000万元，执行数为3900.98万元" with the same figures in the table
    """

    doc_zh = """报告中关于某个项目的数据，与其自评表（或项目资金使用情况表）一致。

    检查内容：
        提到某个项目的句子（按去掉年度和“项目/资金”后缀的名称，允许一两个字的差别），或位于写有项目名称的短标题
        （“1、X分配安排和使用管理情况。”）之下的句子：预算金额与全年预算数比较，执行 / 实际使用 / 支出金额与全年
        执行数比较，使用率 / 执行率 / 完成预算的比率与 执行数 ÷ 全年预算数 比较，依据该项目的绩效自评表或报告的
        项目资金使用情况表。比率所在句子本身写出了表中两个金额的，是除错了（百分比重算），而不是另一个数字。
    为什么重要：
        人们读的是报告；报告中表格不支持的比率或金额，是对项目结果的错报。
    不通过：
        “离退休人员医药费项目……项目资金使用率仅41.96%”，而 10.44 ÷ 25 = 41.76%；
        “全年预算3788.10万元，实际支出3710.71万元，预算执行率90.74%”（3710.71 ÷ 3788.10 = 97.96%）
    通过：
        “项目全年预算数4000万元，执行数为3900.98万元”，表中数字相同
    """

    code = "PRF006"
    title = "报告中的项目数据与自评表不符"
    category = "narrative_vs_table"
    severity = Severity.medium

    def check(self, doc: Document) -> Iterable[Finding]:
        projects = [p for p in same_project_docs(doc) if p.scope == "project" and p.budget]
        cores = {id(p): core_name(p.name) for p in projects}
        for f in doc.figures:
            sentence = normalize_label(f.sentence)
            if _CLASS_ITEM.search(sentence):
                continue  # a statement about a classification item, not about the project
            # the project named before the figure: one named after it is another matter ("收支总预算
            # 1608.47万元……主要是由于新增X等项目支出")
            at = f.sentence.find(f.text)
            before = normalize_label(f.sentence[: at + len(f.text)]) if at >= 0 else sentence
            named = _named(before, projects, cores)
            if not named:
                # a report's paragraph under a heading that names the project ("1、X分配安排和使用管理情况。"),
                # not one that names a classification item ("8、社会保障和就业支出（类）…（项）。") or states
                # an amount (the item before: "5.“…-城市最低生活保障金支出”科目479.47万元，……")
                heading = heading_before(doc, f.paragraph)
                if heading and not _CLASS_ITEM.search(heading) and not _AMOUNT.search(heading):
                    named = _named(heading, projects, cores)
            if len(named) != 1:
                continue
            p = named[0]
            yield from self._compare(doc, p, f)

    def _compare(self, doc: Document, p: Project, f: Figure) -> Iterable[Finding]:
        subject = normalize_label(f.subject)
        rate = p.execution_rate
        if f.kind == "percent" and rate is not None and re.search(r"使用率|执行率|完成预算|完成年初预算", subject):
            if abs(f.value - rate) > pct_tolerance(f.value, p.executed, p.budget):
                expected = f"{fmt(p.executed)} ÷ {fmt(p.budget)} = {fmt(rate.quantize(Decimal('0.01')))}%"
                own = _own_inputs(doc, p, f)
                if own is not None:
                    # the sentence states the table's amounts itself: its rate does not follow from them
                    message, category = f"报告称{p.name}{own}，{f.subject}{f.text}，应为 {expected}", "percent_recompute"
                else:
                    message, category = f"报告称{p.name}{f.subject}{f.text}，{_table_word(doc, p)}为 {expected}", None
                yield self.finding(
                    message,
                    [figure_evidence(doc, f)] + evidence(project_row(doc, p, "money", "expected")),
                    key=f"rate|{p.name}|{f.value}",
                    values={
                        "stated": f.value,
                        "expected": rate.quantize(Decimal("0.0001")),
                        "difference": (f.value - rate).quantize(Decimal("0.0001")),
                    },
                    category=category,
                )
            return
        if f.kind != "amount" or f.amount_wan is None:
            return
        against, what = _table_amount(p, subject)
        if against is None or abs(f.amount_wan - against) <= Decimal("0.01"):
            return
        yield self.finding(
            f"报告称{p.name}{f.subject}{f.text}，{_table_word(doc, p)}{what}为 {fmt(against)} 万元，相差 {fmt(abs(f.amount_wan - against))} 万元",
            [figure_evidence(doc, f)] + evidence(project_row(doc, p, "money", "expected")),
            key=f"amount|{p.name}|{what}|{f.amount_wan}",
            values={"stated": f.amount_wan, "expected": against, "difference": f.amount_wan - against},
        )


def _table_amount(p: Project, subject: str) -> tuple[Decimal | None, str]:
    """The table's amount a figure of the text restates, by what the text calls it."""
    if re.search(r"预算", subject) and not re.search(r"年初|追加", subject):
        return p.budget, "全年预算数"
    if re.search(r"执行数|实际使用|实际支出|使用资金|支出决算", subject):
        return p.executed, "全年执行数"
    return None, ""


def _own_inputs(doc: Document, p: Project, rate: Figure) -> str | None:
    """The budget and spending the rate's own sentence states, when both are the table's: then the
    stated rate is a wrong division, not another figure ("全年预算3788.10万元，实际支出3710.71万元，
    预算执行率90.74%")."""
    said = {}
    for f in doc.figures:
        if f.paragraph != rate.paragraph or f.sentence != rate.sentence or f.kind != "amount" or f.amount_wan is None:
            continue
        against, what = _table_amount(p, normalize_label(f.subject))
        if against is not None and abs(f.amount_wan - against) <= Decimal("0.01"):
            said.setdefault(what, f"{f.subject}{f.text}")
    if len(said) < 2:
        return None
    return "，".join(said.values())


def _table_word(doc: Document, p: Project) -> str:
    t = doc.table(p.table)
    return "项目资金使用情况表" if t is not None and t.kind == "perf_project_funds" else "自评表"
