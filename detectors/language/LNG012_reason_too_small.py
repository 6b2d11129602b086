"""LNG012: a change explained by a project whose whole amount is far smaller than the change
("机关运行经费…比2020年减少138.3万元…主要原因是…医疗服务与保障能力提升中央专项资金解决" while
that project is 36.5万元)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from rapidfuzz import fuzz

from models import Document, Figure, Finding, Paragraph, Project, Severity

from ..base import Rule, figure_evidence, fmt
from ..performance._common import MATCH, core_name, distinct_words, evidence, project_row, same_project_docs
from ._text import narrative_paragraphs, sentence_span, span_evidence

# "主要原因是…", "变动原因为…", "主要是由于…"
_REASON = re.compile(r"(?:主要|变动|变化)?原因(?:是|为|系|在于)[:：]?|主要(?:是|系)(?:因为|由于)?[:：]?|主要由于")
# a budget-vs-actual explanation, not the change's ("决算数小于预算数的主要原因是")
_BUDGET = re.compile(r"预算数?的?$")
# the project's money took over the costs: only then does a decrease follow from the project's size
_COVERED = re.compile(r"解决|承担|列支|支付|开支|弥补|替代|代替|冲抵|抵顶|改由|转由|调整至|调整到|纳入")
# the project's own fall or end: its size this year says nothing of how much it fell
_NEGATED = re.compile(r"减少|下降|降低|压缩|取消|结束|到期|完结|未|没有|不再|退回|收回|缩减|减")
# more than one cause: the project need not explain the whole change
_SEVERAL = re.compile(r"、|以及|及|和|等|同时|另外|此外|一是|二是|其一|加之|并且")
_FUND = re.compile(r"(?:中央|省级|市级|县级|上级)?(?:专项资金|补助资金|专项|资金|经费|项目)+")
_YEAR = re.compile(r"^\d{4}\s*年?度?")
SHARE = Decimal("0.5")  # a cause that covers less than half the change cannot be its main reason


def _core(name: str) -> str:
    return _YEAR.sub("", core_name(name))


def _named(core: str, reason: str) -> tuple[int, int] | None:
    """Where the reason names the project: the whole name, or (in other words, "医疗服务与保障
    能力提升" for "医疗保障与服务能力提升") what is left once the words every such name shares
    are taken off."""
    if len(core) >= 4 and core in reason:
        i = reason.index(core)
        return i, i + len(core)
    d = distinct_words(core)
    if len(d) < 3 or len(d) > len(reason):
        return None
    a = fuzz.partial_ratio_alignment(d, reason)
    if a is None or a.score < MATCH:
        return None
    # widen to the whole name as the reason writes it: the name's characters either side, and
    # the fund words after it ("…能力提升中央专项资金")
    chars = set(core)
    s, e = a.dest_start, a.dest_end
    while s > 0 and reason[s - 1] in chars:
        s -= 1
    while e < len(reason) and reason[e] in chars:
        e += 1
    if t := _FUND.match(reason, e):
        e = t.end()
    return s, e


def _amount(p: Project) -> Decimal | None:
    vals = [v for v in (p.budget_initial, p.budget, p.executed) if v is not None]
    return max(vals) if vals else None


class ReasonTooSmall(Rule):
    """The project a change is put down to is large enough to explain it.

    What it checks:
        A change in money stated in the text ("比上年减少138.3万元") followed, in the same or the
        next sentence, by its reason ("主要原因是…") that names one of the document's projects —
        matched against its performance tables by name, allowing another wording, and only when
        exactly one project matches and no other cause is given. The project's whole amount (the
        largest of 年初预算数, 全年预算数, 全年执行数) is compared with the change: below half of it,
        the project cannot be the main reason. An increase is compared whenever the reason names
        the project (its growth cannot exceed its amount); a decrease only when the reason says
        the project's money took over the costs (…资金解决 / 承担 / 列支), not when the project
        itself fell or ended.
    Why an auditor cares:
        The stated reason is how the department accounts for the change; a cause that covers a
        quarter of it leaves most of the change unexplained (costs moved elsewhere, or not spent).
    Fails:
        "机关运行经费支出47.78万元，比2020年减少138.3万元，减少74.32%。主要原因是2021年度市局下达
        医疗服务与保障能力提升中央专项资金解决。" while the self-evaluation table of
        "2021医疗保障与服务能力提升补助资金项目" gives 全年预算数 36.5万元
    Passes:
        the same with a decrease of 30万元 (the project's 36.5万元 can cover it)
    """

    doc_zh = """变动所归因的项目，金额足以解释这一变动。

    检查内容：
        文中写出的资金变动（“比上年减少138.3万元”），同一句或下一句给出原因（“主要原因是……”），原因中点名了本文件
        的某个项目——按名称在其绩效表中匹配，允许不同说法，且只有恰好一个项目匹配、没有给出其他原因时才检查。项目的
        全部金额（年初预算数、全年预算数、全年执行数中最大者）与变动比较：不到变动的一半，该项目就不可能是主要原因。
        原因点名项目时，增加都要比较（项目的增长不可能超过其金额）；减少只在原因说由该项目资金承担了费用（……资金解决 /
        承担 / 列支）时比较，项目本身减少或结束的不比较。
    为什么重要：
        所给原因是部门对变动的交代；只能解释四分之一变动的原因，让大部分变动没有说明（费用转到了别处，或没有花出去）。
    不通过：
        “机关运行经费支出47.78万元，比2020年减少138.3万元，减少74.32%。主要原因是2021年度市局下达医疗服务与保障能力
        提升中央专项资金解决。”，而“2021医疗保障与服务能力提升补助资金项目”自评表的全年预算数为36.5万元
    通过：
        同样的文字，减少额为30万元（项目的36.5万元足以承担）
    """

    code = "LNG012"
    title = "变动原因不足以解释变动金额"
    category = "other"
    severity = Severity.low

    def check(self, doc: Document) -> Iterable[Finding]:
        projects = self._projects(doc)
        if not projects:
            return
        changes: dict[int, list[Figure]] = {}
        for f in doc.figures:
            if f.kind == "change" and f.amount_wan is not None and f.direction in (1, -1):
                changes.setdefault(f.paragraph, []).append(f)
        for p in narrative_paragraphs(doc):
            for m in _REASON.finditer(p.text):
                f = self._explained(p, changes.get(p.index, []), m)
                if f is None:
                    continue
                yield from self._compare(doc, p, m, f, projects)

    @staticmethod
    def _projects(doc: Document) -> dict[str, tuple[Project, Decimal]]:
        """The projects once each by name, with their largest amount over the copies."""
        out: dict[str, tuple[Project, Decimal]] = {}
        for proj in same_project_docs(doc):
            amount = _amount(proj)
            core = _core(proj.name)
            if proj.scope != "project" or amount is None or not core:
                continue
            if core not in out or amount > out[core][1]:
                out[core] = (proj, amount)
        return out

    @staticmethod
    def _explained(p: Paragraph, figures: list[Figure], m: re.Match) -> Figure | None:
        """The change the reason explains: the last money change before it, in its sentence or
        the one before, with no budget comparison in between."""
        if _BUDGET.search(p.text[max(0, m.start() - 8) : m.start()]):
            return None
        before = [f for f in figures if f.start < m.start()]
        if not before:
            return None
        f = before[-1]
        between = p.text[f.start : m.start()]
        if sum(between.count(c) for c in "。！？") > 1 or "预算" in between:
            return None
        return f

    def _compare(self, doc: Document, p: Paragraph, m: re.Match, f: Figure, projects) -> Iterable[Finding]:
        a, b = sentence_span(p.text, m.start(), m.end())
        reason = p.text[m.end() : b]
        named = [(core, span) for core in projects if (span := _named(core, reason)) is not None]
        if len(named) != 1:
            return
        core, (s, e) = named[0]
        rest = reason[:s] + reason[e:]
        if _SEVERAL.search(rest) or _NEGATED.search(rest):
            return
        if f.direction < 0 and not _COVERED.search(rest):
            return
        proj, amount = projects[core]
        change = f.amount_wan
        if amount >= change * SHARE:
            return
        share = (amount / change * 100).quantize(Decimal("0.01"))
        verb = "增加" if f.direction > 0 else "减少"
        quoted = p.text[sentence_span(p.text, f.start, f.start + 1)[0] : b].strip().rstrip("。")
        if len(quoted) > 160:
            quoted = quoted[:70] + "……" + quoted[-70:]
        yield self.finding(
            f"“{quoted}”：{verb}{fmt(change)}万元归因于"
            f"“{reason[s:e]}”，但该项目（“{proj.name}”）全年仅{fmt(amount)}万元，至多解释变动额的"
            f"{fmt(share)}%（{fmt(amount)} ÷ {fmt(change)}），所述原因不足以解释变动",
            [figure_evidence(doc, f), span_evidence(p, m.start(), b)] + evidence(project_row(doc, proj, "money", "expected")),
            key=f"reason|{core}|{f.paragraph}|{f.value}",
            values={"stated": change, "expected": amount, "difference": change - amount},
            confidence=0.7,
        )
