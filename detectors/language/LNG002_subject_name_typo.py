"""LNG002: a classification name in the text one or two characters off the document's own name
("住户保障支出" for 住房保障支出, "事业年金" for 职业年金)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from rapidfuzz.distance import Indel, Levenshtein

from extract.numbers import normalize_label
from models import Document, Evidence, Finding, Paragraph, Row, Severity, Table

from ..base import Rule, figure_evidence, fmt, row_evidence, table_label
from ._classification import CLASSES, FORMER_NAMES
from ._text import CJK, narrative_paragraphs, sentence_span, span_evidence

# "社会保障和就业（类）行政事业单位养老支出（款）机关事业单位职业年金缴费支出（项）"
_TAGGED = re.compile(rf"(?P<name>[{CJK}]{{2,}})\s*[（(](?P<level>类|款|项)[）)]")
_CODE_LENGTH = {"类": 3, "款": 5, "项": 7}
# a glossary (名词解释) explains names in general, also those the document's tables do not use
_GLOSSARY = ("名词解释", "名词说明", "术语解释")
MIN_ONE_OFF = 5  # shorter names differ from their siblings by one character (高中教育 / 初中教育)
MIN_TWO_OFF = 8


@dataclass(frozen=True)
class Reference:
    name: str  # as the table (or the classification) prints it
    table: Table | None = None
    row: Row | None = None


@dataclass(frozen=True)
class Near:
    ref: Reference
    distance: int
    indel: int


class SubjectNameTypo(Rule):
    """A classification name in the text misspelt.

    What it checks:
        The 类/款/项 names of the narrative ("……（类）……（款）……（项）") and the subjects of its
        amounts that end in 支出, against the names of the same level in the document's own tables
        (function classification rows) and the 类 names of the classification. A name that is not
        among them but differs from one of them by one character (names of five characters or
        more), or lacks or adds two characters (eight or more), is reported with the name it
        should be. Glossaries (名词解释) are not read: they explain names the tables need not use.
    Why an auditor cares:
        The narrative restates the tables item by item; a misspelt item name ("住户保障", "事业年金"
        for 职业年金) shows the text was typed, not checked, and a reader cannot tell which item is
        meant without going back to the table.
    Fails:
        table 2080506 机关事业单位职业年金缴费支出 13.19; text "机关事业单位事业年金缴费支出（项）：2023年预算数为13.19万元"
    Passes:
        table 2080506 机关事业单位职业年金缴费支出 13.19; text "机关事业单位职业年金缴费支出（项）：2023年预算数为13.19万元"
    """

    doc_zh = """文中科目名称的笔误。

    检查内容：
        文字说明中的类/款/项名称（“……（类）……（款）……（项）”）以及以“支出”结尾的金额主语，与本文件表格中同级
        科目的名称（功能分类行）及分类中的类名称比较。不在其中、但与其中某个名称只差一个字（五个字以上的名称），
        或少两个字、多两个字（八个字以上）的名称，予以报告并给出应有的名称。名词解释不作检查：其中解释的名称不必
        出现在表格中。
    为什么重要：
        文字说明逐项转述表格；写错的科目名称（“住户保障”“事业年金”应为职业年金）说明文字是打出来而没有核对的，
        读者不回到表格就不知道指的是哪一项。
    不通过：
        表中 2080506 机关事业单位职业年金缴费支出 13.19；文字“机关事业单位事业年金缴费支出（项）：2023年预算数为13.19万元”
    通过：
        表中 2080506 机关事业单位职业年金缴费支出 13.19；文字“机关事业单位职业年金缴费支出（项）：2023年预算数为13.19万元”
    """

    code = "LNG002"
    title = "科目名称笔误"
    category = "other"
    severity = Severity.low

    def check(self, doc: Document) -> Iterable[Finding]:
        refs = _references(doc)
        if not any(refs.values()):
            return
        every = [r for level in refs.values() for r in level]
        seen: set[tuple[str, str]] = set()
        for name, level, evidence, amounts in _candidates(doc):
            pool = refs[level] if level else every
            near = _nearest(name, pool, amounts)
            if near is None or (name, near.ref.name) in seen:
                continue
            seen.add((name, near.ref.name))
            ref = near.ref
            tag = f"（{level}）" if level else ""
            if ref.table is not None and ref.row is not None:
                where = f"{table_label(ref.table)}中的科目“{ref.row.code} {ref.name}”"
                ev = [evidence, row_evidence(ref.table, ref.row, "expected")]
            else:
                where = f"政府收支分类科目的类级名称“{ref.name}”"
                ev = [evidence]
            same = _row_amounts(ref) & amounts
            money = f"，文中金额 {fmt(min(same))} 万元与该行一致" if same else ""
            yield self.finding(
                f"文中科目名称“{name}{tag}”与{where}相差 {near.distance} 个字{money}，疑为笔误，应为“{ref.name}”",
                ev,
                key=f"name|{name}|{ref.name}",
                values={"distance": Decimal(near.distance)},
                confidence=0.95 if same else 0.8,
            )


def _references(doc: Document) -> dict[str, list[Reference]]:
    """The names the document's tables give to function-classification codes, by level, and the
    classification's 类 names of the classes the tables or the text use."""
    out: dict[str, dict[str, Reference]] = {"类": {}, "款": {}, "项": {}}
    codes: set[str] = set()
    for t in doc.tables:
        for r in t.rows:
            level = {3: "类", 5: "款", 7: "项"}.get(len(r.code))
            if level is None or not r.code.startswith("2") or not r.label:
                continue
            codes.add(r.code[:3])
            name = normalize_label(r.label)
            if re.fullmatch(rf"[{CJK}（）()]+", name):
                out[level].setdefault(name, Reference(name, t, r))
    text = "".join(normalize_label(p.text) for p in doc.paragraphs)
    for code, name in CLASSES.items():
        if code in codes or name in text:
            out["类"].setdefault(name, Reference(name))
    return {level: list(names.values()) for level, names in out.items()}


def _candidates(doc: Document) -> Iterator[tuple[str, str, Evidence, set[Decimal]]]:
    """(name, level or "", evidence, amounts of its sentence) for the names the narrative uses."""
    glossary = {p.index for p in doc.paragraphs if any(g in p.section for g in _GLOSSARY)}
    amounts: dict[tuple[int, int], set[Decimal]] = {}
    for f in doc.figures:
        if f.amount_wan is not None:
            amounts.setdefault((f.paragraph, f.start), set()).add(f.amount_wan)

    def sentence_amounts(p: Paragraph, start: int, end: int) -> set[Decimal]:
        a, b = sentence_span(p.text, start, end)
        return {v for (para, at), vs in amounts.items() if para == p.index and a <= at < b for v in vs}

    for p in narrative_paragraphs(doc):
        if p.index in glossary:
            continue
        for m in _TAGGED.finditer(p.text):
            name = normalize_label(m.group("name"))
            yield name, m.group("level"), span_evidence(p, m.start(), m.end()), sentence_amounts(p, m.start(), m.end())
    for f in doc.figures:
        subject = normalize_label(f.subject)
        if f.paragraph in glossary or f.amount_wan is None or not subject.endswith("支出"):
            continue
        if not re.fullmatch(rf"[{CJK}]+", subject):
            continue
        yield subject, "", figure_evidence(doc, f), {f.amount_wan}


def _stem(name: str) -> str:
    return name[:-2] if name.endswith("支出") and len(name) > 3 else name


def _nearest(name: str, pool: list[Reference], amounts: set[Decimal]) -> Near | None:
    """The reference the name misspells, or None when it is one of them (or near none)."""
    cand = _stem(name)
    if name in FORMER_NAMES or len(cand) < 3:
        return None
    stems = [(_stem(r.name), r) for r in pool]
    # a name with words before it ("用于城乡医疗救助") is the reference itself
    if any(s and cand.endswith(s) for s, _ in stems):
        return None
    best: list[tuple[tuple, Near]] = []
    for stem, ref in stems:
        if len(stem) < 3:
            continue
        for size in range(len(stem) - 2, len(stem) + 3):
            if size < 1 or size > len(cand):
                continue
            tail = cand[-size:]
            if stem.endswith(tail):
                continue  # the name shortened from the front, not misspelt
            d = Levenshtein.distance(tail, stem)
            if d == 0 or d > 2:
                continue
            indel = Indel.distance(tail, stem)
            size_ok = len(ref.name) >= (MIN_ONE_OFF if d == 1 else MIN_TWO_OFF)
            if size_ok and (d == 1 or indel == 2):
                if not _differs_in_words(tail, stem):
                    continue
                matched = bool(_row_amounts(ref) & amounts)
                best.append(((not matched, d, indel, -len(stem)), Near(ref, d, indel)))
    if not best:
        return None
    best.sort(key=lambda x: x[0])
    return best[0][1]


def _differs_in_words(a: str, b: str) -> bool:
    """The two names differ in Chinese characters, not in digits or brackets."""
    ops = Levenshtein.editops(a, b)
    chars = {a[o.src_pos] for o in ops if o.tag != "insert" and o.src_pos < len(a)} | {
        b[o.dest_pos] for o in ops if o.tag != "delete" and o.dest_pos < len(b)
    }
    return all(re.fullmatch(rf"[{CJK}]", c) for c in chars)


def _row_amounts(ref: Reference) -> set[Decimal]:
    if ref.row is None:
        return set()
    return {c.value for c in ref.row.cells if c.value is not None and c.kind in ("amount", "number") and c.value}
