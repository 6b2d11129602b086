"""STA004: coverage-type rates above 100% and shares outside 0–100%."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from extract.forms import PROJECT_KINDS
from extract.numbers import normalize_label, parse_cell
from models import Document, Evidence, Finding, Severity

from ..base import Rule, fmt
from .common import dedupe_evidence, figure_evidence, norm_text

# Rates whose numerator is a subset of the denominator: they cannot exceed 100%.
BOUNDED = re.compile(
    r"(参保|参合|覆盖|到位|知晓|满意|合格|达标|入学|接种|普及|结算|办结|兑付|发放|公开|签约|受益|就业|通过|正确|准确|及时|完好|出勤|享受|救助"
    r"|成功|应保尽保|保障|办理|处置|回访|随访|治愈|建档|参与|好评|知情|巩固|列养|激活|核对|核查)(率|度|面)"
    r"|报销比例|覆盖面"
)
# Rates that may exceed 100% (a plan overfulfilled, a budget overspent, growth): never flagged here.
UNBOUNDED = re.compile(r"完成|执行|增长|增幅|下降|降幅|超额|任务|同比|比上年|较上年|提高|提升|使用率|进度|预算|上升|减少|增加")
SHARE = re.compile(r"(占|占比|比重)$")


def _percents(texts: list[str]) -> list[tuple[Decimal, str]]:
    """The percents of a row's cells with their comparators: "≥95%", or printed over three cells
    ("≥ | 101.19 | %") as some templates' forms do."""
    out = []
    for j, text in enumerate(texts):
        v = parse_cell(text)
        if v.value is None:
            continue
        if v.kind == "percent":
            out.append((v.value, v.comparator))
        elif v.kind == "number" and j + 1 < len(texts) and texts[j + 1].strip() == "%":
            before = texts[j - 1].strip() if j > 0 else ""
            out.append((v.value, before if before in ("≥", "≤", "<", ">", "=") else v.comparator))
    return out


class ImplausibleRatios(Rule):
    """Coverage and participation rates above 100%; shares outside 0–100%.

    What it checks:
        Percentages in the narrative and in indicator values (the completion value; in a target
        table, the target — "≥95%" or "≥ | 95 | %" over three cells) whose subject is a rate
        bounded by its own denominator — 参保率, 覆盖率, 到位率, 知晓率, 满意度, 合格率, 结算率,
        报销比例 … — above 100%, and shares ("占X%", "占比", "比重") above 100%. Completion and
        execution rates (完成率, 执行率, 完成预算的, 任务 … 超额完成) may exceed 100% and are left
        to STA001. The same statement repeated in an attachment is one finding.
    Why an auditor cares:
        A 参保率 of 107% means the numerator and the denominator are not the same population (the
        insured counted against 常住人口 while including people registered elsewhere): the headline
        indicator of the year is not what it claims to be.
    Fails:
        常住人口参保率达107.48%
    Passes:
        全区特殊及困难人员综合参保率达100%；医疗救助任务127%超额完成
    """

    doc_zh = """覆盖率、参与率超过100%；占比超出0–100%。

    检查内容：
        文字中和指标值（完成值；目标表中为目标值——“≥95%”或分成三格的“≥ | 95 | %”）中的百分比，其主语是以自身分母为上限的比率——参保率、覆盖率、到位率、知晓率、满意度、合格率、
        结算率、报销比例……——超过100%的，以及超过100%的占比（“占X%”“占比”“比重”）。完成率和执行率（完成率、执行率、
        完成预算的、任务……超额完成）可以超过100%，由 STA001 检查。附件中重复的同一表述算一条发现。
    为什么重要：
        107%的参保率说明分子和分母不是同一人群（参保人数包括外地户籍人员，却以常住人口为分母）：当年的核心指标并不是
        它所声称的含义。
    不通过：
        常住人口参保率达107.48%
    通过：
        全区特殊及困难人员综合参保率达100%；医疗救助任务127%超额完成
    """

    code = "STA004"
    title = "比率超过100%"
    category = "ratio_over_100"
    severity = Severity.medium

    def __init__(self, ceiling: Decimal = Decimal(100)):
        self.ceiling = ceiling

    def check(self, doc: Document) -> Iterable[Finding]:
        found: dict[tuple[str, Decimal], tuple[str, str, list[Evidence]]] = {}
        for f in doc.figures:
            if f.kind != "percent" or f.value <= self.ceiling:
                continue
            subject = norm_text(f.subject)
            what = self._what(subject)
            if what is None:
                continue
            k = (subject, f.value)
            found.setdefault(k, (what, normalize_label(f.subject), []))[2].append(figure_evidence(f))
        for t in doc.tables:
            if t.kind not in PROJECT_KINDS:
                continue
            for r in t.rows:
                texts = [c.text for c in r.cells]
                for i, text in enumerate(texts):
                    name = norm_text(text)
                    if len(name) < 3 or name.endswith("指标") or self._what(name) != "rate":
                        continue
                    # the completion value, or in a target table the target: the last percent of the
                    # row after the name (targets come first)
                    pcts = _percents(texts[i + 1 :])
                    if not pcts or pcts[-1][0] <= self.ceiling or pcts[-1][1] in ("≤", "<"):
                        continue
                    ev = Evidence(r.text, r.page, r.bbox, "stated", t.id, r.index)
                    found.setdefault((name, pcts[-1][0]), ("rate", normalize_label(text), []))[2].append(ev)
                    break
        for (subject, value), (what, label, evidence) in found.items():
            over = value - self.ceiling
            if what == "share":
                msg = f"“{label}{fmt(value)}%”：占比超过100%，部分不可能大于整体"
                sev = Severity.high
            else:
                m = BOUNDED.search(subject[-12:])
                term = m.group(0) if m else "此类比率"
                msg = (
                    f"“{label}{fmt(value)}%”：{term}的分子包含在分母之中，不应超过100%（超出{fmt(over)}个百分点），需核实统计口径"
                )
                sev = Severity.medium
            yield self.finding(
                msg,
                dedupe_evidence(evidence, limit=4),
                key=f"{subject}|{fmt(value)}",
                values={"stated": value, "expected": self.ceiling, "difference": over},
                severity=sev,
                confidence=0.85,
                anomaly=float(min(Decimal(1), over / 10)),
            )

    @staticmethod
    def _what(subject: str) -> str | None:
        if SHARE.search(subject):
            return "share"
        tail = subject[-12:]
        if UNBOUNDED.search(tail) or not BOUNDED.search(tail):
            return None
        return "rate"
