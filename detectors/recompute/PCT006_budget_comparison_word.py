"""PCT006: "决算数大于（小于）预算数" kept with the word the figures contradict."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from extract.numbers import half_ulp
from models import Document, Figure, Finding, Paragraph, Severity

from ..base import Rule, figure_evidence, figure_key, materiality
from ..language._text import narrative_paragraphs, span_evidence
from ._sentences import by_paragraph, is_budget, movement

# the template's sentence: "决算数大于（小于）预算数的主要原因", "决算数同预算数持平", "决算数与全年预算数持平"
_COMPARISON = re.compile(
    r"决算数?\s*(?:(?P<word>大于|小于|高于|低于|多于|少于|超过|超出)|等于|(?P<same>同|与|和|跟))"
    r"\s*(?P<which>年初|全年|调整后?的?)?\s*预算数?"
    r"(?P<alt>\s*[（(/／])?(?P<tail>\s*(?:持平|一致|相等|相同))?"
)
_UP = ("大于", "高于", "多于", "超过", "超出")
_FINAL = re.compile(r"(?:决算|执行)数?$")
_RATE = re.compile(r"完成.*预算")
_QUALIFIERS = ("年初", "全年", "调整")


@dataclass(frozen=True)
class _Comparison:
    """What a budget and an outturn stated before the sentence say about 决算 against 预算:
    +1 larger, -1 smaller, 0 printed equal, None within rounding (no certain answer)."""

    relation: int | None
    budget: Figure | None
    final: Figure | None
    rate: Figure | None = None


def _qualifier_fits(subject: str, which: str) -> bool:
    """A "全年预算" figure is not the budget of "决算数小于年初预算数" (and the reverse)."""
    if not which:
        return True
    named = [q for q in _QUALIFIERS if q in subject]
    return not named or which[:2] in named


def _rate_relation(rate: Figure) -> int | None:
    if rate.value - half_ulp(rate.value) > 100:
        return 1
    if rate.value + half_ulp(rate.value) < 100:
        return -1
    return None


class BudgetComparisonWord(Rule):
    """The word that compares 决算 with 预算 agrees with the figures stated for them.

    What it checks:
        The template's "决算数大于（小于）预算数的主要原因" and "决算数同预算数持平" after a 预算 and a 决算
        stated in the same paragraph ("年初预算为452.40万元，支出决算为446.11万元，完成年初预算的
        98.61%。决算数小于预算数的主要原因：……"). The figures read are those since the previous such
        sentence; when several budgets, outturns or completion rates are stated (年初 and 全年, a total
        and its items), the word is reported only if every pairing contradicts it — a word that one
        reading supports is not reported. A difference within the rounding of the printed figures,
        or a completion rate that rounds to 100%, proves nothing. The template's unresolved "大于（小于）"
        is CMP003's.
    Why an auditor cares:
        The sentence then explains an overspend that did not happen (or an underspend): either the
        word or a figure is wrong, and the explanation given cannot be the real one.
    Fails:
        "年初预算为42.73万元，支出决算为40.35万元，完成年初预算的94.43%。决算数大于预算数的主要原因：……"
        "年初预算为54.53万元，支出决算为52.53万元。决算数同预算数持平。"
    Passes:
        "年初预算为42.73万元，支出决算为40.35万元，完成年初预算的94.43%。决算数小于预算数的主要原因：……"
        "年初预算为0万元，全年预算为321.02万元，支出决算为307.82万元。决算数小于预算数……" (true of the 全年预算)
    """

    doc_zh = """比较决算与预算的用词，与所写的数字方向一致。

    检查内容：
        同一段落写明预算和决算之后（“年初预算为452.40万元，支出决算为446.11万元，完成年初预算的98.61%。
        决算数小于预算数的主要原因：……”），模板用语“决算数大于（小于）预算数的主要原因”和“决算数同预算数
        持平”。所读数字为上一个同类句子之后的数字；写有多个预算、决算或完成率（年初与全年、合计与各项）时，
        只有每种配对都与用词矛盾才报告——有一种读法支持的用词不报告。在印刷数字尾数误差之内的差异、或四舍
        五入为100%的完成率，不能说明问题。模板中未处理的“大于（小于）”由 CMP003 检查。
    为什么重要：
        这样的句子在解释一笔并未发生的超支（或结余）：要么用词错了，要么数字错了，所给的原因也不可能是真实的
        原因。
    不通过：
        “年初预算为42.73万元，支出决算为40.35万元，完成年初预算的94.43%。决算数大于预算数的主要原因：……”
        “年初预算为54.53万元，支出决算为52.53万元。决算数同预算数持平。”
    通过：
        “年初预算为42.73万元，支出决算为40.35万元，完成年初预算的94.43%。决算数小于预算数的主要原因：……”
        “年初预算为0万元，全年预算为321.02万元，支出决算为307.82万元。决算数小于预算数……”（对全年预算成立）
    """

    code = "PCT006"
    title = "决算数与预算数的比较用词与数字相反"
    category = "percent_recompute"
    severity = Severity.medium

    def check(self, doc: Document) -> Iterable[Finding]:
        figures = {figs[0].paragraph: figs for figs in by_paragraph(doc)}
        for p in narrative_paragraphs(doc):
            figs = figures.get(p.index, [])
            since = 0
            for m in _COMPARISON.finditer(p.text):
                before = [f for f in figs if since <= f.start < m.start()]
                since = m.end()
                if m.group("alt") or (m.group("same") and not m.group("tail")):
                    continue  # "大于（小于）": the alternative left unresolved (CMP003); "与预算数相比"
                stated = 0 if not m.group("word") else 1 if m.group("word") in _UP else -1
                readings = self._readings(before, m.group("which") or "")
                if not readings or any(not self._contradicts(stated, r.relation) for r in readings):
                    continue
                yield self._finding(doc, p, m, stated, readings)

    @staticmethod
    def _readings(before: list[Figure], which: str) -> list[_Comparison]:
        budgets = [f for f in before if f.kind == "amount" and f.amount is not None and is_budget(f.subject)]
        budgets = [f for f in budgets if _qualifier_fits(f.subject, which)]
        finals = [
            f
            for f in before
            if f.kind == "amount" and f.amount is not None and not is_budget(f.subject) and _FINAL.search(f.subject)
        ]
        out = [_Comparison(movement(b, f), b, f) for b in budgets for f in finals]
        rates = [f for f in before if f.kind == "percent" and _RATE.search(f.subject) and _qualifier_fits(f.subject, which)]
        out += [_Comparison(_rate_relation(r), None, None, r) for r in rates]
        return out

    @staticmethod
    def _contradicts(stated: int, relation: int | None) -> bool:
        if relation is None:
            return False
        return relation != 0 if stated == 0 else relation == -stated

    def _finding(self, doc: Document, p: Paragraph, m: re.Match[str], stated: int, readings: list[_Comparison]) -> Finding:
        phrase = m.group(0).strip()
        pair = next((r for r in reversed(readings) if r.budget is not None), None)
        ev = [span_evidence(p, m.start(), m.end())]
        if pair is not None:
            b, f = pair.budget.amount.wan, pair.final.amount.wan
            actually = "大于" if f > b else "小于" if f < b else "等于"
            shown = f"{pair.budget.subject} {pair.budget.text}、{pair.final.subject} {pair.final.text}"
            values = {"budget": b, "final": f, "difference": f - b}
            anchor = pair.final
            ev.append(figure_evidence(doc, pair.final, "context"))
        else:
            rate = readings[-1].rate
            actually = "大于" if rate.value > 100 else "小于"
            shown = f"{rate.subject} {rate.text}"
            values = {"rate": rate.value}
            anchor = rate
            if rate.sentence != ev[0].text:
                ev.append(figure_evidence(doc, rate, "context"))
        said = "持平" if stated == 0 else "大于" if stated > 0 else "小于"
        return self.finding(
            f"文中称“{phrase}”，但同段所列{shown}：决算数{actually}预算数，“{said}”与数字相反",
            ev,
            key=f"{figure_key(anchor)}|{said}",
            values=values,
            materiality=materiality(values.get("difference", Decimal(0)), values.get("budget")),
        )
