"""Every figure in the narrative, with the phrase it is about.

"卫生健康（类）支出329.85万元，占比90.96%" gives an amount 329.85 万元 about
"卫生健康（类）支出" and a percent 90.96 about "占比". Changes ("减少408.65万元，减少52.98%")
carry a direction. The subject is the text of the clause before the number, with the linking
verbs (为、是、达到 …) taken off; clause-less figures ("占4.87%") keep their lead word and the
detectors read them against the amount before them.
"""

from __future__ import annotations

import re
from decimal import Decimal

from models import Figure, Paragraph

from .numbers import COMPARATORS, normalize_digits, to_decimal

_UNITS = r"万元|亿元|元|万人次|万人|万户|万名|万家|万个|万次|万件|万份|万张|人次|万(?![人户名家个次件份张0-9])|%|‰|人|家|个|辆|次|名|户|台|套|件|份|张|所|项"
FIGURE_RE = re.compile(
    r"(?P<cmp>≥|>=|》|≤|<=|>|<)?(?P<neg>(?<![0-9.])[-−])?(?P<num>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)\s?(?P<unit>"
    + _UNITS
    + r")"
)
_UP = ("增加", "增长", "上升", "提高", "超支", "多")
_DOWN = ("减少", "下降", "降低", "节约", "少", "减")
_LINK = re.compile(r"(为|是|达到|达|共计|共|约|约为|了|的|：|:)+$")
_CLAUSE_SPLIT = re.compile(r"[，,；;。：:！!？?、]")
_SENTENCE_SPLIT = re.compile(r"(?<=[。！!？?])")

AMOUNT_UNITS = {"万元", "亿元", "元", "万"}
COUNT_UNITS = {
    "万人次",
    "万人",
    "万户",
    "万名",
    "万家",
    "万个",
    "万次",
    "万件",
    "万份",
    "万张",
    "人次",
    "人",
    "家",
    "个",
    "辆",
    "次",
    "名",
    "户",
    "台",
    "套",
    "件",
    "份",
    "张",
    "所",
    "项",
}


def parse_figures(paragraphs: list[Paragraph]) -> list[Figure]:
    figures: list[Figure] = []
    for p in paragraphs:
        figures.extend(figures_in(p))
    return figures


def figures_in(p: Paragraph) -> list[Figure]:
    text = normalize_digits(p.text)
    out: list[Figure] = []
    sentences = _sentences(text)
    for m in FIGURE_RE.finditer(text):
        start, end = m.start("num"), m.end()
        before = text[: m.start()]
        # a year ("2023年"), a date or a code is not a figure; neither is a number glued to letters
        if start > 0 and (text[start - 1].isascii() and text[start - 1].isalnum() or text[start - 1] in "._"):
            continue
        value = to_decimal(m.group("num"))
        if value is None:
            continue
        if m.group("neg"):
            value = -value
        unit = m.group("unit")
        if unit == "万":
            unit = "万元"
        if unit == "项" and not re.search(r"[个共计]$", before):
            continue
        clause_start = _clause_start(before)
        lead = p.text[clause_start : m.start()].strip() if len(p.text) == len(text) else before[clause_start:].strip()
        direction = _direction(lead)
        if unit in ("%", "‰"):
            kind = "change" if direction else "percent"
        elif unit in AMOUNT_UNITS:
            kind = "change" if direction else "amount"
        else:
            kind = "count"
        subject = _LINK.sub("", lead).strip()
        verb = re.match(r"^(?:主要是因为|主要是|其中)?(增加|减少|增长|下降|降低|节约)", subject)
        if not direction and verb and kind == "amount":
            # "减少卫生健康支出423.62万元": the verb before the subject makes it a change
            kind, direction = "change", (1 if verb.group(1) in ("增加", "增长") else -1)
        if direction:
            subject = re.sub(r"(增加|增长|上升|提高|超支|减少|下降|降低|节约)了?$", "", subject).strip()
        s_start, s_end = _sentence_of(sentences, start)
        out.append(
            Figure(
                value=value,
                unit=unit,
                kind=kind,
                # the number as a reader names it ("2290.07万元"): layout spaces differ between formats
                text=re.sub(r"\s+", "", p.text[m.start() : end] if len(p.text) == len(text) else m.group(0)),
                subject=subject,
                sentence=p.text[s_start:s_end].strip(),
                paragraph=p.index,
                start=start,
                direction=direction,
                comparator=COMPARATORS.get(m.group("cmp") or "", ""),
                page=p.page_at(m.start()),
                bbox=p.span_bbox(m.start(), end),
            )
        )
    return out


def _clause_start(before: str) -> int:
    last = -1
    for m in _CLAUSE_SPLIT.finditer(before):
        last = m.end()
    return max(last, 0)


def _direction(lead: str) -> int:
    tail = lead[-6:]
    for w in _DOWN:
        if tail.endswith(w) or tail.endswith(w + "了"):
            return -1
    for w in _UP:
        if tail.endswith(w) or tail.endswith(w + "了"):
            return 1
    return 0


def _sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for part in _SENTENCE_SPLIT.split(text):
        spans.append((pos, pos + len(part)))
        pos += len(part)
    return spans


def _sentence_of(spans: list[tuple[int, int]], offset: int) -> tuple[int, int]:
    for a, b in spans:
        if a <= offset < b:
            return a, b
    return 0, len(spans[-1]) if spans else 0


def change_pair(figures: list[Figure], i: int) -> tuple[Figure | None, Figure | None]:
    """For a change amount at i, the change percent that follows it in the same sentence."""
    f = figures[i]
    for g in figures[i + 1 : i + 3]:
        if g.paragraph == f.paragraph and g.sentence == f.sentence and g.kind == "change" and g.unit == "%":
            return f, g
    return f, None


def zero() -> Decimal:
    return Decimal(0)
