"""PCT003: a claim of full coverage (全覆盖) against the counts the document gives for it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from extract.numbers import normalize_digits, normalize_label
from models import Document, Figure, Finding, Severity

from ..base import Rule, figure_evidence, figure_key, fmt
from ..performance._common import indicator_row, measure, same_project_docs
from ._sentences import by_sentence

_CLAIM = re.compile(r"全覆盖|100%覆盖|覆盖率(?:达到?|为)?100%|全部(?:检查|覆盖|走访|督查)")
# how a numerator is stated: the things checked, visited, covered
_ACTION = re.compile(r"检查|督查|核查|巡查|抽查|稽查|走访|覆盖|监管|监督|审核|审查|督导")
# how a population is stated: "县内共有协议医药机构558家", "全县现有…"
_POPULATION = re.compile(r"(?:共有|现有|总数|总计有?|辖区内有|[县区市]内有|全[县区市]有)(?P<noun>.*)$")
# words that narrow a noun without changing what is counted
_QUALIFIERS = re.compile(r"^(?:全[县区市]|[县区市]内|辖区内?|本[县区市]|所有|各类?|定点|协议|两定)+")
_NOUN_AFTER = re.compile(r"^[\u4e00-\u9fff]{2,12}")
_NOUN_END = re.compile(r"全覆盖|实现|开展|进行|纳入|接入|完成|" + _ACTION.pattern)
COUNT_UNITS = {"家", "个", "所", "户", "人", "名", "辆", "台", "套", "件", "项", "次", "人次"}


def _noun(text: str) -> str:
    return _QUALIFIERS.sub("", normalize_label(text))


def counted(doc: Document, f: Figure) -> str:
    """What a count counts: the noun right after it ("285家医药机构"), else its subject's tail."""
    text = normalize_digits(doc.paragraphs[f.paragraph].text)
    after = _NOUN_AFTER.match(text[f.start + len(normalize_digits(f.text)) :])
    if after:
        return _noun(_NOUN_END.split(after.group(0))[0])
    m = _POPULATION.search(f.subject)
    subject = m.group("noun") if m else f.subject
    return _noun(re.sub(rf"^.*?(?:{_ACTION.pattern})", "", subject))


class FullCoverage(Rule):
    """A claim of full coverage agrees with the counts.

    What it checks:
        Sentences that claim full coverage (全覆盖, 100%覆盖, 覆盖率100%, 全部检查) and count what
        was covered ("共检查285家医药机构"), against the total of the same thing stated in the
        document ("县内共有协议医药机构558家", or a larger count of it in the same sentence): the
        coverage is numerator / total, not 100%. Qualifiers such as 定点 / 协议 / 全县 do not make
        another thing; a 覆盖率 indicator of the performance tables naming the same thing is shown
        beside it.
    Why an auditor cares:
        "全覆盖" is what the evaluation is scored on; if the document's own figures say half were
        checked, the claim — and the indicator marked as met — is overstated.
    Fails:
        "县内共有协议医药机构558家" … "对定点医疗机构和定点零售药店监督检查全覆盖，共检查285家医药机构"
        (285 / 558 = 51.08%)
    Passes:
        "县内共有协议医药机构285家" … "监督检查全覆盖，共检查285家医药机构"
    """

    doc_zh = """“全覆盖”的说法与数量相符。

    检查内容：
        声称全覆盖（全覆盖、100%覆盖、覆盖率100%、全部检查）并给出覆盖数量（“共检查285家医药机构”）的句子，
        与文件中写明的同一事物总数（“县内共有协议医药机构558家”，或同一句中更大的数量）比较：覆盖率是
        数量 ÷ 总数，而不是100%。定点 / 协议 / 全县等限定语不改变所指事物；绩效表中指向同一事物的覆盖率指标
        一并列出。
    为什么重要：
        “全覆盖”是评价打分的依据；如果文件自己的数字表明只检查了一半，这个说法——以及标为已完成的指标——
        都是夸大的。
    不通过：
        “县内共有协议医药机构558家”……“对定点医疗机构和定点零售药店监督检查全覆盖，共检查285家医药机构”
        （285 ÷ 558 = 51.08%）
    通过：
        “县内共有协议医药机构285家”……“监督检查全覆盖，共检查285家医药机构”
    """

    code = "PCT003"
    title = "全覆盖表述与数量不符"
    category = "percent_recompute"
    severity = Severity.medium

    def check(self, doc: Document) -> Iterable[Finding]:
        populations: dict[str, Figure] = {}
        for f in doc.figures:
            if f.kind == "count" and f.unit in COUNT_UNITS and _POPULATION.search(f.subject):
                noun = counted(doc, f)
                if len(noun) >= 2:
                    populations.setdefault(f"{noun}|{f.unit}", f)
        for figs in by_sentence(doc):
            claim = _CLAIM.search(normalize_digits(figs[0].sentence))
            if not claim:
                continue
            counts = [f for f in figs if f.kind == "count" and f.unit in COUNT_UNITS]
            for f in counts:
                if not _ACTION.search(f.subject):
                    continue
                noun = counted(doc, f)
                if len(noun) < 2:
                    continue
                larger = [g for g in counts if g is not f and g.unit == f.unit and counted(doc, g) == noun and g.value > f.value]
                total = larger[0] if larger else populations.get(f"{noun}|{f.unit}")
                if total is None or total.value <= f.value:
                    continue
                yield self._finding(doc, f, total, claim.group(0), noun)

    def _finding(self, doc: Document, part: Figure, total: Figure, claim: str, noun: str) -> Finding:
        coverage = (part.value / total.value * 100).quantize(Decimal("0.01"))
        ev = [figure_evidence(doc, part)]
        if total.sentence != part.sentence:
            ev.append(figure_evidence(doc, total, "expected"))
        ev += [e for e in _coverage_indicators(doc, noun) if e is not None]
        return self.finding(
            f"文中称“{claim}”，但{noun}共 {fmt(total.value)}{total.unit}（“{total.subject}{total.text}”），"
            f"实际{part.subject}{part.text}，覆盖率为 {fmt(part.value)}/{fmt(total.value)} = {fmt(coverage)}%，不是 100%",
            ev,
            key=f"coverage|{figure_key(part)}",
            values={
                "stated": Decimal(100),
                "expected": coverage,
                "difference": Decimal(100) - coverage,
                "numerator": part.value,
                "denominator": total.value,
            },
            materiality=float((Decimal(100) - coverage) / 100),
        )


def _coverage_indicators(doc: Document, noun: str):
    """The performance indicators that rate the coverage of the same thing at 100%."""
    for p in same_project_docs(doc):
        for ind in p.indicators:
            name = normalize_label(ind.name)
            if "覆盖" in name and noun in name and measure(ind.actual or ind.target)[1] == 100:
                yield indicator_row(doc, p, ind.row, "context")
