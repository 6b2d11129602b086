"""SUM006: the uses of a project's money listed in its evaluation report against the project's
执行数 ("门诊救助69.12万元，住院救助3085.36万元，资助参保1192.91万元" = 4347.39 against 4693.27)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from extract.numbers import normalize_label
from models import Document, Figure, Finding, Project, Severity

from ..base import Rule, figure_evidence, figure_key, fmt
from ..performance._common import project_row, same_project_docs
from ._sentences import by_sentence

# the title that opens a project's report: "2021年城乡医疗救助补助资金绩效自评报告"
_REPORT = re.compile(r"^(?P<name>\S{0,40}?)(?:项目)?(?:支出)?绩效(?:自评|评价)(?:情况)?报告$")
_YEAR = re.compile(r"\d{4}(?:年度?)?年?")
_SUFFIX = re.compile(r"(?:项目|补助资金|专项资金|资金|经费)$")
# the heading of the part that reports how the money was used: "2.使用合规", "3．资金使用"
_USE_HEADING = re.compile(r"使用")
# a use: what the money paid for
_USE = re.compile(r"救助|补助|资助|支付|发放|报销|补贴|支出|使用|用于")
# not a use: money received, planned or left, or a total of the uses
_NOT_USE = re.compile(r"下达|到位|预算|结余|结转|拨付|安排|收入|累计|上年|筹集|计划|共|合计|总计|总额")
_WHOLE = re.compile(r"其中|合计|共计|总计|累计")
LOW, HIGH = Decimal("0.5"), Decimal("1.5")  # a list of less than half the money is a selection


def core(name: str) -> str:
    """A project's name without its year and 项目 / 资金 suffixes: "城乡医疗救助"."""
    n = _YEAR.sub("", normalize_label(name))
    for _ in range(3):
        n = _SUFFIX.sub("", n)
    return n


class UsesVsExecution(Rule):
    """The uses a project's report lists add up to what the project spent.

    What it checks:
        In a project's evaluation report (opened by a title "…绩效自评报告 / 绩效评价报告" naming one
        project of the self-evaluation tables), a sentence under a heading about the use of the
        money (使用合规, 资金使用) that lists two or more uses in 万元 — each amount about what
        the money paid for (救助, 补助, 资助, 支付 …), none a receipt, a plan, a balance or a total,
        and no 其中 / 合计 — against the project's 全年执行数: when they differ by more than the
        rounding (and the list covers between half and one and a half times the 执行数, so it is
        meant as the uses, not a selection), the difference is reported.
    Why an auditor cares:
        The report accounts for the money spent through its uses; a remainder that no use
        explains (or uses beyond the money spent) means a use is missing, or a figure is wrong.
    Fails:
        "2021年门诊救助金额69.12万元，住院救助金额3085.36万元，资助困难群众参保金额1192.91万元" in the
        report of a project whose 执行数 is 4693.27 (4347.39, 345.88 short)
    Passes:
        the same uses for a project whose 执行数 is 4347.39
    """

    doc_zh = """项目报告列出的各项用途之和，等于项目的执行数。

    检查内容：
        在某个项目的评价报告中（以“……绩效自评报告 / 绩效评价报告”为题、题中是自评表中的一个项目），资金使用
        方面标题（使用合规、资金使用）下的句子，列出两项以上以万元计的用途——每个金额都是资金支付的内容（救助、
        补助、资助、支付……），不是收入、计划、结余或合计，也没有其中 / 合计——与项目的全年执行数比较：相差超过
        尾数误差（且所列用途在执行数的一半到一倍半之间，即意在列全用途而非举例）的，报告差额。
    为什么重要：
        报告通过用途说明所花的钱；有一部分没有任何用途解释（或用途超过所花的钱），说明漏了某项用途，或某个
        数字有误。
    不通过：
        “2021年门诊救助金额69.12万元，住院救助金额3085.36万元，资助困难群众参保金额1192.91万元”，而该项目
        执行数为 4693.27（各项合计 4347.39，少 345.88）
    通过：
        同样的用途，项目执行数为 4347.39
    """

    code = "SUM006"
    title = "项目资金用途合计与执行数不符"
    category = "other"
    severity = Severity.low

    def check(self, doc: Document) -> Iterable[Finding]:
        reports = self._reports(doc)
        if not reports:
            return
        for figs in by_sentence(doc):
            project = next((p for start, end, p in reports if start < figs[0].paragraph < end), None)
            if project is None or project.executed is None or project.executed <= 0:
                continue
            para = doc.paragraphs[figs[0].paragraph]
            if not _USE_HEADING.search(para.section.split(" / ")[-1]) or _WHOLE.search(figs[0].sentence):
                continue
            uses = [f for f in figs if f.kind == "amount"]
            if len(uses) < 2 or len(uses) != len([f for f in figs if f.kind in ("amount", "change")]):
                continue
            if any(f.amount_wan is None or f.unit == "元" or not self._is_use(f) for f in uses):
                continue
            total = sum((f.amount_wan for f in uses), Decimal(0))
            diff = total - project.executed
            if abs(diff) <= Decimal("0.01") * len(uses) or not LOW <= total / project.executed <= HIGH:
                continue
            yield self._finding(doc, uses, project, total, diff)

    @staticmethod
    def _is_use(f: Figure) -> bool:
        subject = normalize_label(f.subject)
        return bool(_USE.search(subject)) and not _NOT_USE.search(subject)

    @staticmethod
    def _reports(doc: Document) -> list[tuple[int, int, Project]]:
        """(first paragraph, end paragraph, project) of each project report with one matching project."""
        projects = [p for p in same_project_docs(doc) if p.scope == "project"]
        titles: list[tuple[int, str]] = []
        prev = ""
        for p in doc.paragraphs:
            m = _REPORT.match(normalize_label(p.text)) if len(p.text) <= 60 else None
            if m:
                # a title broken over two lines: "离休干部医疗补助项目" / "2021年绩效评价报告"
                name = core(m.group("name")) or core(prev)
                titles.append((p.index, name))
            if p.text.strip():
                prev = p.text if len(p.text) <= 40 else ""
        out = []
        for i, (at, name) in enumerate(titles):
            end = titles[i + 1][0] if i + 1 < len(titles) else len(doc.paragraphs)
            matched = [p for p in projects if len(name) >= 4 and core(p.name) == name]
            if len({p.executed for p in matched}) == 1:
                out.append((at, end, matched[0]))
        return out

    def _finding(self, doc: Document, uses: list[Figure], project: Project, total: Decimal, diff: Decimal) -> Finding:
        listed = " + ".join(f.text for f in uses)
        gap = f"少 {fmt(-diff)} 万元，差额去向未说明" if diff < 0 else f"多 {fmt(diff)} 万元，用途超过了实际支出"
        ev = [figure_evidence(doc, uses[0])]
        row = project_row(doc, project, "money", "expected")
        if row is not None:
            ev.append(row)
        return self.finding(
            f"“{uses[0].sentence[:80]}”：资金用途 {listed} = {fmt(total)} 万元，比项目“{project.name}”自评表的"
            f"全年执行数 {fmt(project.executed)} 万元{gap}",
            ev,
            key=f"uses|{figure_key(uses[0])}",
            values={"stated": total, "expected": project.executed, "difference": diff},
            materiality=min(1.0, float(abs(diff) / project.executed)),
        )
