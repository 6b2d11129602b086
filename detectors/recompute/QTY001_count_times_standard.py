"""QTY001: a count times a per-head standard (times the payer's share) against the stated total."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from extract.numbers import half_ulp, normalize_digits, normalize_label, to_wan
from models import Document, Evidence, Figure, Finding, Indicator, Project, Severity

from ..base import Rule, figure_evidence, figure_key, fmt
from ..performance._common import evidence, indicator_row, measure, project_row, same_project_docs
from ._sentences import by_sentence

_V = r"(?P<v>\d+(?:\.\d+)?)\s*(?P<u>万元|元)"
_PER = r"(?P<per>人次|人|户|名|家|个)"
# the forms a per-unit standard takes: 每人200元 / 每人每年给予门诊补助4000元 / 4000元/人年 /
# 补助标准为280元 / 按照260元*30%的标准
STANDARDS = [
    re.compile(rf"每{_PER}(?:每(?P<period>年|月))?[\u4e00-\u9fff]{{0,10}}?{_V}"),
    re.compile(rf"{_V}\s*/\s*{_PER}\s*[·•.]?\s*(?P<period>年|月)?"),
    re.compile(rf"标准(?:为|是|[:：])?\s*(?:每{_PER}(?:每(?P<period>年|月))?)?{_V}"),
    re.compile(rf"按(?:照)?{_V}(?=\s*[*×xX]|的?标准)"),
]
# an indicator value that is a standard times a share: "280元*30%" (the unit may be left out)
_STANDARD_CELL = re.compile(r"^(?P<v>\d+(?:\.\d+)?)\s*(?P<u>元)?\s*[*×xX]\s*(?P<share>\d+(?:\.\d+)?)%$")
_SHARE_AFTER = re.compile(r"^\s*[*×xX]\s*(?P<share>\d+(?:\.\d+)?)%")
# the part of the cost one payer bears: "县级财政承担15%", "按30%的比例"
_SHARE = re.compile(
    r"(?:承担|负担|配套|补助|资助)(?:比例)?(?:为)?\s*(?P<a>\d+(?:\.\d+)?)%|按(?:照)?\s*(?P<b>\d+(?:\.\d+)?)%的?比例"
)
_MONTHS = re.compile(r"(\d+)个月")
# a count and a total belong to the standard when they sit in the same run of clauses, not across
# a semicolon and not far away
_BREAK = re.compile(r"[；;]")
NEAR = 40
# the count units a standard per head / household / … may multiply, and their scale
COUNTABLE = {
    "人": {"人": 1, "名": 1, "万人": 10000},
    "名": {"人": 1, "名": 1, "万人": 10000},
    "户": {"户": 1},
    "人次": {"人次": 1, "万人次": 10000},
    "家": {"家": 1},
    "个": {"个": 1},
}
_PERSONS = {"人": 1, "名": 1, "万人": 10000, "户": 1}
_TOTAL_WORDS = re.compile(r"共计|合计|总计|共|安排|需|资金|预算|金额|补助|发放")
MEDIUM_SHARE = Decimal("0.03")  # a gap under 3 % of the total is often a head count that moved in the year


@dataclass(frozen=True)
class Standard:
    yuan: Decimal  # per unit and period, in 元
    per: str  # 人 | 户 | … ("" when the text does not say)
    period: str  # 年 | 月 | ""
    months: int  # the months a monthly standard is paid for (12 unless the text says), else 1
    share: Decimal | None  # the payer's share in %, when written with the standard
    start: int = 0  # where it is written in its text
    end: int = 0

    def describe(self) -> str:
        per = f"每{self.per}" + (f"每{self.period}" if self.period else "") if self.per else "标准"
        return f"{per}{fmt(self.yuan)}元"


@dataclass(frozen=True)
class Count:
    value: Decimal
    unit: str
    scale: int

    @property
    def heads(self) -> Decimal:
        return self.value * self.scale

    @property
    def radius(self) -> Decimal:
        """A head count printed in 万 is rounded; one printed in units is exact when whole."""
        if self.scale == 1 and self.value == self.value.to_integral_value():
            return Decimal(0)
        return half_ulp(self.value) * self.scale


def standards_in(text: str) -> list[Standard]:
    """The per-unit standards a text states, each with the share written right after it."""
    text = normalize_digits(text)
    out: list[Standard] = []
    taken: list[tuple[int, int]] = []
    for pattern in STANDARDS:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            groups = m.groupdict()
            yuan = Decimal(groups["v"]) * (10000 if groups["u"] == "万元" else 1)
            after = _SHARE_AFTER.match(text[m.end() :])
            share = Decimal(after.group("share")) if after else None
            end = m.end() + (after.end() if after else 0)
            period = groups.get("period") or ""
            months = _months(text) if period == "月" else 1
            out.append(Standard(yuan, groups.get("per") or "", period, months, share, m.start(), end))
    return out


def _months(text: str) -> int:
    m = _MONTHS.search(text)
    return int(m.group(1)) if m else 12


def shares_in(text: str) -> set[Decimal]:
    return {Decimal(m.group("a") or m.group("b")) for m in _SHARE.finditer(normalize_digits(text))}


def count_scale(standard: Standard, unit: str) -> int | None:
    units = COUNTABLE.get(standard.per, _PERSONS)
    return units.get(unit)


def expected_total(count: Count, standard: Standard, share: Decimal | None) -> tuple[Decimal, Decimal, Decimal]:
    """count × standard × share in 万元: (point, low, high), the count's rounding carried through."""
    factor = standard.yuan * standard.months * (share if share is not None else Decimal(100)) / 100 / 10000
    return count.heads * factor, (count.heads - count.radius) * factor, (count.heads + count.radius) * factor


def stated_radius(value: Decimal, unit: str) -> Decimal:
    return min(to_wan(half_ulp(value), unit), Decimal("0.005"))


class CountTimesStandard(Rule):
    """A total = count × per-unit standard (× the payer's share).

    What it checks:
        Sentences and project tables that give a count (人, 万人, 户 …), a per-unit standard
        ("每人每年X元", "补助标准为X元/人", "按照X元*30%的标准") and the money: in a sentence, the
        amount after the standard ("共计/合计/安排Y万元"); in a project's performance table, the
        数量指标 times the standard against the 成本指标 / 预算数 (target tables) or, in a
        self-evaluation, the actual count against the 执行数. A share the payer bears ("县级财政承担
        15%") is applied when it is written with the standard or once in the project. 元 and 万元
        are converted with Decimal; a count printed in 万 is read as the interval its rounding
        allows, so only a gap beyond that is reported.
    Why an auditor cares:
        The budget of a subsidy is computed from these three numbers; when they do not multiply
        out, either the head count, the standard or the money is wrong — and the performance
        target cannot be met with the money given.
    Fails:
        数量指标 "新冠疫苗和接种费用，每人200元，县级财政承担15%。" ≤3.5万人；成本指标 经费预算 = 100万元
        (3.5万人 × 200元 × 15% = 105万元)
    Passes:
        "建国初期参加革命工作退休人员共计40人，每人每年给予门诊补助4000元" with 成本指标 16万元
    """

    doc_zh = """金额 = 数量 × 单位标准（× 承担比例）。

    检查内容：
        给出数量（人、万人、户……）、单位标准（“每人每年X元”“补助标准为X元/人”“按照X元*30%的标准”）和金额的
        句子和项目表：句子中为标准之后的金额（“共计/合计/安排Y万元”）；项目绩效表中，目标表为数量指标乘以标准
        与成本指标 / 预算数比较，自评表为实际数量与执行数比较。写在标准旁或项目中出现一次的承担比例（“县级财政
        承担15%”）一并计入。元与万元用 Decimal 换算；以万为单位印出的数量按其四舍五入允许的区间读取，只报告
        超出区间的差距。
    为什么重要：
        补助预算就是用这三个数算出来的；乘不出来，说明人数、标准或金额之一有误——而且用所给的钱无法完成绩效
        目标。
    不通过：
        数量指标“新冠疫苗和接种费用，每人200元，县级财政承担15%。”≤3.5万人；成本指标 经费预算 = 100万元
        （3.5万人 × 200元 × 15% = 105万元）
    通过：
        “建国初期参加革命工作退休人员共计40人，每人每年给予门诊补助4000元”，成本指标 16万元
    """

    code = "QTY001"
    title = "数量×标准与金额不符"
    category = "footing"
    severity = Severity.medium

    def check(self, doc: Document) -> Iterable[Finding]:
        for figs in by_sentence(doc):
            yield from self._sentence(doc, figs)
        for p in same_project_docs(doc):
            yield from self._project(doc, p)

    # -- sentences --------------------------------------------------------------------------

    def _sentence(self, doc: Document, figs: list[Figure]) -> Iterable[Finding]:
        sentence = figs[0].sentence
        standards = standards_in(sentence)
        if len({(s.yuan, s.per, s.months) for s in standards}) != 1:
            return  # none, or several standards in one sentence: which count goes with which is unsaid
        std = standards[0]
        known, share = _one_share(std, shares_in(sentence))
        if not known:
            return
        text = normalize_digits(doc.paragraphs[figs[0].paragraph].text)
        offset = text.find(normalize_digits(sentence))
        start, end = offset + std.start, offset + std.end

        def near(f: Figure) -> bool:
            a, b = (f.start, start) if f.start < start else (end, f.start)
            return b - a <= NEAR and not _BREAK.search(text, a, b)

        counts = {
            (f.value, f.unit): f
            for f in figs
            if f.kind == "count" and count_scale(std, f.unit) and not start <= f.start < end and near(f)
        }
        totals = [f for f in figs if f.kind == "amount" and f.amount_wan and f.start >= end and near(f)]
        # the amount named as the total (共计/合计/安排 …), else the only amount after the standard
        candidates = [f for f in totals if _TOTAL_WORDS.search(f.subject)] or totals
        if len(counts) != 1 or len(candidates) != 1:
            return
        total = candidates[0]
        (count_fig,) = counts.values()
        count = Count(count_fig.value, count_fig.unit, count_scale(std, count_fig.unit))
        stated = total.amount_wan
        finding = self._compare(
            count,
            std,
            share,
            stated,
            stated_radius(total.value, total.unit),
            where=f"“{sentence[:60]}”",
            stated_text=f"文中{total.subject}{total.text}",
            evidence=[figure_evidence(doc, total)],
            key=f"sentence|{figure_key(total)}",
        )
        if finding:
            yield finding

    # -- project tables ---------------------------------------------------------------------

    def _project(self, doc: Document, p: Project) -> Iterable[Finding]:
        evaluated = p.executed is not None or any(i.actual.strip() for i in p.indicators)
        side = "actual" if evaluated else "target"
        found = _project_standard(p, side)
        if found is None:
            return
        std, std_row = found
        known, share = _one_share(std, _project_shares(p))
        if not known:
            return
        counted = _project_count(p, std, side)
        if counted is None:
            return
        count, count_row = counted
        if evaluated:
            if p.executed is None:
                return
            stated, stated_text, total_ev = p.executed, f"全年执行数 {fmt(p.executed)} 万元", project_row(doc, p, "money")
            radius = Decimal("0.005")
        else:
            cost = _cost_amount(p)
            if cost is not None:
                (stated, radius), ind = cost
                stated_text, total_ev = f"成本指标“{ind.name.strip()}”{ind.target.strip()}", indicator_row(doc, p, ind.row)
            elif p.budget is not None:
                stated, radius = p.budget, Decimal("0.005")
                stated_text, total_ev = f"预算数 {fmt(p.budget)} 万元", project_row(doc, p, "money")
            else:
                return
        rows = [indicator_row(doc, p, r, "component") for r in dict.fromkeys((std_row, count_row)) if r is not None]
        finding = self._compare(
            count,
            std,
            share,
            stated,
            radius,
            where=p.name,
            stated_text=stated_text,
            evidence=evidence(total_ev, *rows),
            key=f"project|{p.name}|{side}",
            count_label="实际完成" if evaluated else "数量指标",
        )
        if finding:
            yield finding

    def _compare(
        self,
        count: Count,
        std: Standard,
        share: Decimal | None,
        stated: Decimal,
        radius: Decimal,
        *,
        where: str,
        stated_text: str,
        evidence: list[Evidence],
        key: str,
        count_label: str = "",
    ) -> Finding | None:
        point, low, high = expected_total(count, std, share)
        if stated + radius >= low and stated - radius <= high:
            return None
        diff = stated - point
        product = f"{count_label} {format(count.value, 'f')}{count.unit} × {std.describe()}"
        if std.months > 1:
            product += f" × {std.months}个月"
        if share is not None:
            product += f" × {fmt(share)}%"
        expected = point.quantize(Decimal("0.01"))
        relative = abs(diff) / abs(point) if point else Decimal(1)
        return self.finding(
            f"{where}：{product.strip()} = {fmt(expected)} 万元，{stated_text}，相差 {fmt(abs(diff).quantize(Decimal('0.01')))} 万元",
            evidence,
            key=key,
            values={
                "stated": stated,
                "expected": expected,
                "difference": diff.quantize(Decimal("0.01")),
                "count": count.value,
                "standard": std.yuan,
                "share": share,
            },
            severity=Severity.medium if relative >= MEDIUM_SHARE else Severity.low,
            materiality=float(min(Decimal(1), relative)),
        )


def _one_share(std: Standard, found: set[Decimal]) -> tuple[bool, Decimal | None]:
    """(known, share): the share written with the standard, else the only one around it, else
    none (the whole cost); not known when several shares leave open which one applies."""
    if std.share is not None:
        return True, std.share
    if len(found) > 1:
        return False, None
    return True, next(iter(found), None)


def _texts(p: Project, side: str) -> list[tuple[str, int | None, str]]:
    """(text, indicator row, what) of a project, indicator cells first, the goal last."""
    out: list[tuple[str, int | None, str]] = []
    for ind in p.indicators:
        out.append((ind.name, ind.row, "name"))
        out.append((ind.actual if side == "actual" and ind.actual.strip() else ind.target, ind.row, "value"))
    goal = p.goal_actual if side == "actual" and p.goal_actual.strip() else p.goal_expected
    out.append((goal, None, "goal"))
    return out


def _project_standard(p: Project, side: str) -> tuple[Standard, int | None] | None:
    """The project's one per-unit standard: from its indicators, else from its goal."""
    by_source: dict[bool, list[tuple[Standard, int | None]]] = {True: [], False: []}
    names = {ind.row: normalize_label(ind.name) for ind in p.indicators}
    for text, row, what in _texts(p, side):
        found = standards_in(text)
        m = _STANDARD_CELL.match(normalize_digits(text).strip()) if what == "value" else None
        if m and (m.group("u") or "标准" in names.get(row, "")):
            found = [Standard(Decimal(m.group("v")), "", "", 1, Decimal(m.group("share")))]
        by_source[what != "goal"].extend((s, row) for s in found)
    for source in (True, False):
        hits = by_source[source]
        if hits:
            if len({(s.yuan, s.months) for s, _ in hits}) != 1:
                return None  # two standards disagree: another rule's business, not a product to form
            return next(((s, r) for s, r in hits if s.share is not None), hits[0])
    return None


def _project_shares(p: Project) -> set[Decimal]:
    shares: set[Decimal] = set()
    for text, _, _ in _texts(p, "target"):
        shares |= shares_in(text)
    return shares


def _project_count(p: Project, std: Standard, side: str) -> tuple[Count, int] | None:
    """The one head count of the project's 数量指标 in units the standard can multiply."""
    found: dict[Count, int] = {}
    for ind in p.indicators:
        if "数量" not in ind.level1 + ind.level2:
            continue
        _, value, unit = measure(ind.actual if side == "actual" and ind.actual.strip() else ind.target)
        scale = count_scale(std, unit) if value is not None else None
        if scale:
            found.setdefault(Count(value, unit, scale), ind.row)
    if len({c.heads for c in found}) != 1:
        return None
    return next(iter(found.items()))


def _cost_amount(p: Project) -> tuple[tuple[Decimal, Decimal], Indicator] | None:
    """The amount of the project's one 成本指标, in 万元 with its rounding radius."""
    hits = []
    for ind in p.indicators:
        if "成本" not in ind.level1 + ind.level2:
            continue
        _, value, unit = measure(ind.target)
        if value is not None and unit in ("万元", "元", "亿元"):
            hits.append(((to_wan(value, unit), stated_radius(value, unit)), ind))
    if len({h[0][0] for h in hits}) != 1:
        return None
    return hits[0]
