"""LNG008: the same count of people under two groups one of which contains the other ("21名离休干部"
and, for the same project, "21名离退休干部")."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from extract.numbers import normalize_digits
from models import Document, Finding, Paragraph, Severity

from ..base import Rule
from ._text import narrative_paragraphs, sentence_span, span_evidence

# a group and the groups it contains: 离退休 = 离休 + 退休
NESTED = {"离退休": ("离休", "退休")}
_GROUP = "离退休|离休|退休"
_TAIL = "老干部|干部|人员|职工|老同志|同志"
# "21名离休干部" (not "21名离休、退休干部", "21名离休干部和退休干部"); "离退休人员4人"
_COUNTED = re.compile(
    rf"(?<![\d.])(?P<n>\d+)\s*[名位]\s*(?P<group>{_GROUP})(?P<tail>{_TAIL})(?![和及与、])"
    rf"|(?<![离\u4e00-\u9fff])(?P<group2>{_GROUP})(?P<tail2>{_TAIL})(?:共|有|为)?\s*(?P<n2>\d+)\s*[名人位](?!次)"
)
NEAR = 30  # paragraphs: the same report


class SameCountNestedGroups(Rule):
    """The same count of people is one group, not two nested ones.

    What it checks:
        Counts of people written "N名X干部/人员" or "X人员N人" where X is a group and another
        sentence gives the same N for a group containing it or contained in it (离休 ⊂ 离退休,
        退休 ⊂ 离退休), close together (within a report) or with the other group named in the
        same sentence ("离休干部医疗补助项目受众为全县21名离退休干部"). Different counts, or the
        same group, are not compared.
    Why an auditor cares:
        The same 21 people cannot be the 离休干部 and the 离退休干部: one of the two names is
        wrong, and with it the project's target group and every per-head figure built on it.
    Fails:
        "保障了全县21名离休干部看病就医" … "离休干部医疗补助项目受众为全县21名离退休干部"
    Passes:
        "保障了全县21名离休干部看病就医" … "离休干部医疗补助项目受众为全县21名离休干部"
    """

    doc_zh = """同样的人数是同一个群体，而不是相互包含的两个群体。

    检查内容：
        写作“N名X干部/人员”或“X人员N人”的人数，其中X是一个群体，另一句话对包含它或被它包含的群体（离休 ⊂ 离退休，
        退休 ⊂ 离退休）给出同样的N，两句相距很近（在同一报告内），或另一群体在同一句中出现（“离休干部医疗补助项目
        受众为全县21名离退休干部”）。人数不同或群体相同的不作比较。
    为什么重要：
        同样的21个人不可能既是离休干部又是离退休干部：两个名称中有一个是错的，项目的目标群体以及据此算出的每一个
        人均数字都随之有误。
    不通过：
        “保障了全县21名离休干部看病就医”……“离休干部医疗补助项目受众为全县21名离退休干部”
    通过：
        “保障了全县21名离休干部看病就医”……“离休干部医疗补助项目受众为全县21名离休干部”
    """

    code = "LNG008"
    title = "同一人数对象口径不一"
    category = "other"
    severity = Severity.info

    def check(self, doc: Document) -> Iterable[Finding]:
        found: dict[tuple[int, str], list[tuple[Paragraph, re.Match]]] = defaultdict(list)
        for p in narrative_paragraphs(doc):
            for m in _COUNTED.finditer(normalize_digits(p.text)):
                n = int(m.group("n") or m.group("n2"))
                found[(n, m.group("group") or m.group("group2"))].append((p, m))
        for (n, outer), outer_hits in sorted(found.items(), key=lambda kv: kv[0]):
            for inner in NESTED.get(outer, ()):
                inner_hits = found.get((n, inner))
                if not inner_hits or not self._same_people(outer_hits, inner_hits, outer, inner):
                    continue
                yield self._finding(n, outer, outer_hits, inner, inner_hits)

    @staticmethod
    def _same_people(outer_hits, inner_hits, outer: str, inner: str) -> bool:
        """Close together, or the outer count's sentence naming the inner group itself."""
        if min(abs(p.index - q.index) for p, _ in outer_hits for q, _ in inner_hits) <= NEAR:
            return True
        for p, m in outer_hits:
            a, b = sentence_span(p.text, m.start(), m.end())
            rest = (p.text[a : m.start()] + "。" + p.text[m.end() : b]).replace(outer, "")
            if re.search(rf"{inner}(?:{_TAIL})", rest):
                return True
        return False

    def _finding(self, n: int, outer: str, outer_hits, inner: str, inner_hits) -> Finding:
        (p, m), (q, k) = outer_hits[0], inner_hits[0]
        first = [(q, k, inner), (p, m, outer)] if q.index < p.index else [(p, m, outer), (q, k, inner)]
        said = "，".join(f"{len(hits)}处写“{hits[0][1].group(0)}”" for hits in (inner_hits, outer_hits))
        return self.finding(
            f"同一人数 {n} 人，文中{said}：{inner}人员只是{outer}人员的一部分，同一批 {n} 人不能既是全部{inner}人员"
            f"又是全部{outer}人员，对象口径表述不一，应核实后统一",
            [span_evidence(x, y.start(), y.end(), "stated") for x, y, _ in first],
            key=f"nested|{n}|{outer}|{inner}",
            values={"stated": Decimal(n)},
            confidence=0.8,
        )
