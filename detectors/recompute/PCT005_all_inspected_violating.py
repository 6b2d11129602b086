"""PCT005: the violators found by an inspection add up to everything inspected ("共检查285家医药
机构，涉及违规的医疗机构63家，药店222家": 63 + 222 = 285, i.e. 100% broke the rules)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from extract.numbers import normalize_digits
from models import Document, Figure, Finding, Severity

from ..base import Rule, figure_evidence, figure_key, fmt
from ._sentences import by_sentence

# how the inspected are counted: "共检查285家", "抽查定点医药机构30家", "检查了120人次"
_INSPECT = re.compile(r"检查|抽查|核查|稽查|督查|巡查|稽核|现场检查")
# how the violators are introduced: "涉及违规的医疗机构", "发现问题的", "查处违法违规"
_VIOLATION = re.compile(r"违规|违法|违约|问题|不合格|不规范|违反")
# "未发现违规", "无违规": a clean result may well cover everyone inspected
_NEGATED = re.compile(r"(?:未|无|没有|不存在|均未|并未)\S{0,4}$")
_COUNT_UNITS = {"家", "个", "所", "户", "人", "名", "人次", "次", "件", "项", "份", "台"}


class AllInspectedViolating(Rule):
    """The violators of an inspection are not everyone inspected.

    What it checks:
        A sentence that counts what an inspection covered ("共检查285家医药机构") and then the
        violators found, in parts of the same unit ("涉及违规的医疗机构63家，药店222家"): when the
        parts add up to exactly the number inspected, the text says 100% of the inspected broke the
        rules. Only parts after a violation word (违规, 违法, 问题, 不合格 …) count, not a breakdown of
        the inspected ("其中医疗机构63家、药店222家"), nor a negated one ("未发现违规").
    Why an auditor cares:
        Every inspected unit breaking the rules is not credible; usually the breakdown of the
        inspected was labelled as the violators, and the real number of violations — what the
        evaluation should report — is missing.
    Fails:
        "共检查285家医药机构，涉及违规的医疗机构63家，药店222家"
    Passes:
        "共检查285家医药机构，涉及违规的医疗机构13家，药店22家"
        "共检查285家医药机构，其中医疗机构63家，药店222家"
    """

    doc_zh = """检查中发现违规的单位，不会是全部被检查单位。

    检查内容：
        先写检查覆盖数（“共检查285家医药机构”），再按同一单位列出发现违规的各部分（“涉及违规的医疗机构63家，
        药店222家”）的句子：各部分之和恰好等于检查数，即文字说被检查单位100%违规。只统计违规用语（违规、
        违法、问题、不合格……）之后的部分，不统计被检查单位的构成（“其中医疗机构63家、药店222家”），也不统计
        否定说法（“未发现违规”）。
    为什么重要：
        被检查单位全部违规是不可信的；通常是把被检查单位的构成写成了违规单位，而评价本应报告的真实违规数
        反而缺失了。
    不通过：
        “共检查285家医药机构，涉及违规的医疗机构63家，药店222家”
    通过：
        “共检查285家医药机构，涉及违规的医疗机构13家，药店22家”
        “共检查285家医药机构，其中医疗机构63家，药店222家”
    """

    code = "PCT005"
    title = "违规数量等于检查总数"
    category = "other"
    severity = Severity.low

    def check(self, doc: Document) -> Iterable[Finding]:
        for figs in by_sentence(doc):
            counts = [f for f in figs if f.kind == "count" and f.unit in _COUNT_UNITS]
            for i, f in enumerate(counts):
                if not _INSPECT.search(f.subject) or _VIOLATION.search(f.subject) or f.value <= 0:
                    continue
                parts = self._violators(doc, f, counts[i + 1 :])
                if len(parts) >= 2 and sum((g.value for g in parts), Decimal(0)) == f.value:
                    yield self._finding(doc, f, parts)
                    break

    @staticmethod
    def _violators(doc: Document, inspected: Figure, later: list[Figure]) -> list[Figure]:
        """The run of same-unit counts that opens with a violation word after the inspected count."""
        text = normalize_digits(doc.paragraphs[inspected.paragraph].text)
        parts: list[Figure] = []
        prev_end = inspected.start + len(inspected.text)
        for g in later:
            if g.unit != inspected.unit:
                break
            between = text[prev_end : g.start]
            if _INSPECT.search(between) or parts and "其中" in between:
                break  # another inspection, or a breakdown of the last part
            if not parts:
                v = _VIOLATION.search(between)
                if v and not _NEGATED.search(between[: v.start()]):
                    parts.append(g)
            else:
                parts.append(g)
            prev_end = g.start + len(g.text)
        return parts

    def _finding(self, doc: Document, inspected: Figure, parts: list[Figure]) -> Finding:
        listed = " + ".join(f"{g.subject}{g.text}" for g in parts)
        total = sum((g.value for g in parts), Decimal(0))
        return self.finding(
            f"“{inspected.sentence[:80]}”：{inspected.subject}{inspected.text}，{listed} = {fmt(total)}{inspected.unit}，"
            f"恰好等于检查总数 {fmt(inspected.value)}{inspected.unit}（{fmt(inspected.value)} = "
            f"{' + '.join(fmt(g.value) for g in parts)}），即被检查的 100% 违规，不合常理：疑将检查对象构成写成了违规数",
            [figure_evidence(doc, inspected)],
            key=f"violators|{figure_key(inspected)}",
            values={"stated": inspected.value, "expected": total, "parts": Decimal(len(parts))},
            confidence=0.8,
        )
