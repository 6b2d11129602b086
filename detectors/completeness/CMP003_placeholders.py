"""CMP003: template placeholders, unresolved alternatives and conversion leftovers in the text."""

from __future__ import annotations

import re
from collections.abc import Iterable

from models import Document, Evidence, Finding, Paragraph, Severity

from ..base import Rule

PATTERNS = [
    (re.compile(r"[（(]当表格数据为空时[^）)]*[）)]"), "模板填写提示"),
    (re.compile(r"[（(]可用表格形式反映[）)]"), "模板填写提示"),
    (re.compile(r"(?<=[局会心室院所站])[（(]单位[）)]"), "模板占位“（单位）”"),
    (re.compile(r"X{2,}|×{2,}|＿{2,}|_{3,}|某某"), "未填写的占位符"),
    (re.compile(r"增加/减少|增长/下降|增加（减少）|增长（下降）|上升/下降|[(（]增加或减少[)）]"), "未选定的备选表述"),
    (re.compile(r"\[bookmark:[^\]]*\]"), "转换残留的书签标记"),
    (re.compile(r"\[image:[^\]]*\]"), "转换残留的图片标记"),
    (re.compile(r"注[:：]?.{0,10}(可根据|请根据|如有).{0,20}(填写|删除|补充)"), "模板填写说明"),
    # an instruction to whoever fills the template, in brackets: "(名词解释应包含本部门专有名词，…)"
    (
        re.compile(
            r"[（(][^（）()]{0,40}(?:应包含|应当包含|应有对|应填写|应列示|应说明|应删除|请填写|请说明|请根据|请删除)[^（）()]{0,60}[）)]"
        ),
        "模板填写说明",
    ),
]


_MARKER = re.compile(r"\[(?:bookmark|image):[^\]]*\]")
# a stretch of text with no CJK character or CJK punctuation in it
_NON_CJK = re.compile(r"[^\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+")
_TOKEN = re.compile(r"[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*")
_ADDRESS = re.compile(r"https?:|www\.|@|\.(?:gov|com|cn|org|net)\b", re.I)
# acronyms and units the documents use; anything like them is not garbage
KNOWN = {
    "PDF", "DRG", "DIP", "HIS", "CT", "MRI", "APP", "OA", "GDP", "PPP", "CPI", "IT", "AI", "ID", "ICU",
    "5G", "4G", "G20", "H1N1", "COVID", "QQ", "WIFI", "EXCEL", "WORD", "WPS", "PPT", "VS", "NO",
    "KG", "KM", "CM", "MM", "ML", "MG", "KW", "KWH", "M2", "M3", "MU", "T", "G", "H", "M",
}  # fmt: skip
MIN_GARBAGE = 2
GARBAGE_SHARE = 0.6


def _garbage_token(token: str) -> bool:
    """A Latin token that is neither a known acronym or unit, nor an English-looking word, nor a
    short all-capitals acronym: "EHAHLE", "Fm", "o", "EEEE", "NESH6786"."""
    if token.upper() in KNOWN:
        return False
    if any(c.isdigit() for c in token):
        return True  # letters glued to digits: "Fi7", "NESH6786"
    if len(token) == 1 or len(set(token.lower())) == 1:
        return True  # a stray letter, or one letter repeated ("EEEE")
    if token.isupper():
        return len(token) > 5  # "HRP" may be an acronym; six capitals with no vowel pattern are not
    word = token.islower() or (token[0].isupper() and token[1:].islower())
    return not (word and len(token) >= 3 and re.search(r"[aeiouy]", token.lower()))


def garbage_runs(text: str) -> list[re.Match[str]]:
    """Stretches of Latin gibberish in a Chinese text (OCR of a chart, a font without a map):
    at least two tokens, most of them neither words nor acronyms."""
    text = _MARKER.sub(lambda m: " " * len(m.group(0)), text)
    out = []
    for run in _NON_CJK.finditer(text):
        if _ADDRESS.search(run.group(0)):
            continue
        tokens = _TOKEN.findall(run.group(0))
        bad = [t for t in tokens if _garbage_token(t)]
        if len(bad) >= MIN_GARBAGE and len(bad) >= GARBAGE_SHARE * len(tokens):
            out.append(run)
    return out


def _printable(run: str) -> str:
    """The run as letters, digits and plain signs: a converter may keep or drop a stray mark
    ("o«" in one rendering is "o" in another), the finding must read the same from each."""
    return " ".join(re.sub(r"[^A-Za-z0-9%=()./+\-\s]", "", run).split())


class Placeholders(Rule):
    """Nothing of the template is left in the published text.

    What it checks:
        Template hints ("（当表格数据为空时，应有此说明）", "（可用表格形式反映）"), instructions to
        the compiler left in brackets ("（名词解释应包含本部门专有名词，……）"), placeholders
        (XX, ×××, （单位）), alternatives left unresolved ("增加/减少") and conversion leftovers.
    Why an auditor cares:
        A template left in the text shows the disclosure was not reviewed before publication; the
        figures next to it deserve a second look.
    Fails:
        "……故本表无数据。（当表格数据为空时，应有此说明）"; "[image: image3.png]EHAHLE (i Fm) o EEEE"
    Passes:
        "……故本表无数据。"; "推进DRG/DIP支付方式改革，推广医保APP"
    """

    code = "CMP003"
    title = "文中残留模板文字或占位符"
    category = "other"
    severity = Severity.low
    version = 2

    def check(self, doc: Document) -> Iterable[Finding]:
        seen: set[str] = set()
        for p in doc.paragraphs:
            for pattern, what in PATTERNS:
                m = pattern.search(p.text)
                if not m or m.group(0) in seen:
                    continue
                seen.add(m.group(0))
                yield self.finding(
                    f"{what}：“{m.group(0)}”未删除或未填写",
                    [
                        Evidence(
                            p.text[max(0, m.start() - 30) : m.end() + 30],
                            p.page_at(m.start()),
                            p.span_bbox(m.start(), m.end()),
                            "stated",
                        )
                    ],
                    key=f"{what}|{m.group(0)}",
                )
        yield from self._garbage(doc)

    def _garbage(self, doc: Document) -> Iterable[Finding]:
        """Consecutive paragraphs with gibberish are one leftover (a chart read line by line)."""
        groups: list[list[tuple[Paragraph, re.Match[str]]]] = []
        last = -2
        for p in doc.paragraphs:
            runs = garbage_runs(p.text)
            if not runs:
                continue
            if p.index != last + 1 or not groups:
                groups.append([])
            groups[-1].extend((p, m) for m in runs)
            last = p.index
        for group in groups:
            runs = [_printable(m.group(0)) for _, m in group[:4]]
            shown = "".join(f"“{r}”" for r in runs)
            yield self.finding(
                f"疑似图表或图片转换产生的乱码：{shown}，应删除或替换为图表内容",
                [
                    Evidence(p.text.strip()[:120], p.page_at(m.start()), p.span_bbox(m.start(), m.end()), "stated")
                    for p, m in group[:6]
                ],
                key="garbage|" + "|".join("".join(r.split()) for r in runs),
                severity=Severity.info,
            )
