"""STA005: head counts (编制数, 实有人数, 在职人数) that disagree between places or exceed the establishment."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from extract.numbers import normalize_label, parse_cell
from models import Document, Evidence, Figure, Finding, Severity

from ..base import Rule, fmt
from .common import dedupe_evidence, figure_evidence, norm_text

EST_PART = re.compile(r"(行政|事业|参照公务员法管理事业|参照公务员法管理|参公|工勤|机关)编制(数|人数)?$")
EST_TOTAL = re.compile(r"编制(人数|数|总数|总人数)?$")
ACT_PART = re.compile(r"在岗在编(人员|人数)?$|在编(人员|人数)$")
ACT_TOTAL = re.compile(r"(实有|在职实有|在职|现有)(人员|人数|工作人员|职工)?(总数|总人数)?$|实际在职(人员|人数)?$|在职人员总数$")
# (服务 as in 服务群众, not the 服务中心 a unit is named)
NOT_STAFF = re.compile(r"空编|超编|领导职数|参保|救助|离休|退休|对象|群众|患者|服务(?!中心|站|所|队)")
SUB_UNIT = re.compile(r"所属|下属|二级单位|下设")
# a count of one named unit ("青浦区农业农村综合行政执法大队编制14人", "…局本级编制62人"), not of the
# department as a whole ("全局核定编制11人", "本部门共有编制人数76人", "峨边医保局总编制18名")
NAMED_UNIT = re.compile(
    r"(?<![全本我该])(?P<name>[\u4e00-\u9fff]{2,}(?:局|委|办|院|所|站|中心|大队|支队|馆|校|园))?(?P<own>本级)?"
    r"(?:核定)?(?:行政|事业)?(?:编制|实有|在职)"
)


def unit_count(label: str, department: str) -> bool:
    """Whether a head count's label names one unit other than the department as a whole: another
    unit, or the department's own office without its subordinates (本级)."""
    m = NAMED_UNIT.search(label)
    if m is None or not (m.group("name") or m.group("own")):
        return False
    if m.group("own"):
        return True
    name = m.group("name")
    return not (department and (name in department or department.endswith(name[-4:])))


EXPLAINED = re.compile(r"超编|借调|聘用|临聘|编外|劳务派遣|公益性岗位|合署|返聘|购买服务|临时|见习|挂职|遴选|调入")
STAFF_INDICATOR = re.compile(r"在职|编制|实有|在编|干部职工|工作人员|人员费用|人员经费")
STAFF_UNITS = {"人", "名", "个"}
OFFICES = re.compile(r"内设(行政|业务)?(股室|科室|处室|机构)$")


@dataclass
class _Count:
    kind: str  # est | act | any
    part: bool
    value: Decimal
    label: str
    sentence: str
    sub: bool  # about a subordinate unit
    evidence: Evidence
    unit: str = "人"

    @property
    def said(self) -> str:
        return f"{self.label}{fmt(self.value)}{self.unit}"


@dataclass
class _Place:
    """Where head counts are stated: a paragraph or a table."""

    name: str
    counts: list[_Count] = field(default_factory=list)
    explained: bool = False

    def values(self, kind: str) -> tuple[set[Decimal], str, list[Evidence]]:
        """The department-level counts this place supports (a count with its subordinate units
        added, or the sum of its parts), how to say it, and its evidence."""
        main = [c for c in self.counts if c.kind == kind and not c.part and not c.sub]
        subs = [c for c in self.counts if c.kind == kind and not c.part and c.sub]
        parts = [c for c in self.counts if c.kind == kind and c.part]
        out: set[Decimal] = set()
        said = ""
        ev: list[Evidence] = []
        if main:
            out.update(c.value for c in main)
            if subs:
                out.add(main[0].value + sum(c.value for c in subs))
            said = f"“{main[0].said}”"
            ev = [main[0].evidence]
        if parts and (kind == "act" or not main):
            total = sum((c.value for c in parts), Decimal(0))
            out.add(total)
            # "实有79人，其中在岗在编32人": the 在编 count is a department-level count too
            out.update(c.value for c in parts if not c.sub and ACT_PART.search(c.label))
            if not main:
                said = "+".join(f"“{c.said}”" for c in parts) + (f"，合计{fmt(total)}{parts[0].unit}" if len(parts) > 1 else "")
                ev = [c.evidence for c in parts]
        return out, said, ev


class StaffingMismatch(Rule):
    """Head counts that disagree between sections, or 实有 above 编制 without a word of why.

    What it checks:
        Every statement of 编制数 (核定编制, 行政编制 + 事业编制 …) and of 实有 / 在职人数 in the
        narrative, in tables (绩效评价基础数据表 编制数 | 实际在职人数) and in indicators
        (基本支出保障单位运行和人员费用 =15人): a total must equal its "其中" parts of the same kind
        (a 编制 total its units' 编制, a 实有 total their 实有, when the units are listed with both); the
        department-level counts of two places must agree (a place's count may include its
        subordinate units, or be the sum of the units it lists; a count of one named unit —
        "…执法大队编制14人", "…局本级编制62人" — is that unit's, not the department's); 实有 above 编制 in one
        statement needs an explanation (借调, 聘用, 编外 …) nearby; and the 内设股室 of one unit
        must be counted the same wherever they are counted.
    Why an auditor cares:
        Head counts drive 人员经费 and the 基本支出 budget; two different 编制 figures for one
        department mean one of them was copied from an old template or from another unit.
    Fails:
        本部门共有编制人数32人 … 有行政编制6名 … 下设事务中心，有事业编制41名 (32 vs 47)
    Passes:
        峨边医保局总编制18名，其中：行政编制6名，参照公务员法管理事业编制12名，事业编制0名
    """

    doc_zh = """各部分的人员数不一致，或实有人数超过编制而未说明原因。

    检查内容：
        文字、表格（绩效评价基础数据表 编制数 | 实际在职人数）和指标（基本支出保障单位运行和人员费用 =15人）中每一处
        编制数（核定编制、行政编制 + 事业编制……）和实有 / 在职人数：合计必须等于其“其中”同类各分项（各单位同时
        列出编制和实有时，编制合计对各单位编制，实有合计对各单位实有）；两处部门层面的人数必须
        一致（某处的人数可以包括下属单位，或是所列各单位之和；点名某一单位的人数——“……执法大队编制14人”
        “……局本级编制62人”——是该单位的，不是部门的）；一处表述中实有人数超过编制，附近需有说明（借调、聘用、
        编外……）；同一单位的内设股室在各处的数目必须相同。
    为什么重要：
        人员数决定人员经费和基本支出预算；同一部门有两个编制数，说明其中一个是从旧模板或其他单位抄来的。
    不通过：
        本部门共有编制人数32人……有行政编制6名……下设事务中心，有事业编制41名（32 与 47）
    通过：
        峨边医保局总编制18名，其中：行政编制6名，参照公务员法管理事业编制12名，事业编制0名
    """

    code = "STA005"
    title = "人员数前后不一致"
    category = "staffing_mismatch"
    severity = Severity.medium

    def check(self, doc: Document) -> Iterable[Finding]:
        places = self._narrative(doc) + self._tables(doc)
        yield from self._parts(places)
        yield from self._over_establishment(places)
        yield from self._disagreements(places)
        yield from self._offices(doc)

    # -- reading ------------------------------------------------------------------------------

    @staticmethod
    def classify(subject: str, unit: str) -> tuple[str, bool] | None:
        """A head count's kind from what it counts: ("est" 编制 | "act" 实有/在职, whether it is a part)."""
        s = re.sub(r"^(其中|包括|含|有|共有|现有)[:：]?", "", subject)
        if NOT_STAFF.search(s[-8:]):
            return None
        if EST_PART.search(s):
            return "est", True
        if EST_TOTAL.search(s):
            return "est", False
        if unit == "个":
            return None
        if ACT_PART.search(s):
            return "act", True
        if ACT_TOTAL.search(s):
            return "act", False
        return None

    def _narrative(self, doc: Document) -> list[_Place]:
        by_par: dict[int, list[Figure]] = {}
        for f in doc.figures:
            if f.kind == "count" and f.unit in STAFF_UNITS:
                by_par.setdefault(f.paragraph, []).append(f)
        places = []
        for pi, figs in by_par.items():
            par = doc.paragraphs[pi] if pi < len(doc.paragraphs) else None
            text = par.text if par else ""
            place = _Place(f"paragraph {pi}", explained=bool(EXPLAINED.search(text)))
            total: tuple[_Count, int] | None = None  # the last total and where it ends
            for f in sorted(figs, key=lambda x: x.start):
                before = re.split(r"[。！？!?]", text[: f.start])[-1]
                if NOT_STAFF.search(norm_text(before)[-20:]):
                    continue
                label = normalize_label(f.subject)
                sub = bool(SUB_UNIT.search(f.sentence)) or unit_count(label, doc.department)
                cls = self.classify(label, f.unit)
                if cls is None:
                    # "在职人员总数14名，其中：行政4名，工勤2名": parts of the total just before
                    if (
                        total
                        and total[0].sentence == f.sentence
                        and "其中" in text[total[1] : f.start]
                        and f.unit == total[0].unit
                    ):
                        place.counts.append(
                            _Count(total[0].kind, True, f.value, label, f.sentence, sub, figure_evidence(f), f.unit)
                        )
                    continue
                kind, part = cls
                part = part or bool(total and total[0].sentence == f.sentence and "其中" in text[total[1] : f.start])
                c = _Count(kind, part, f.value, label, f.sentence, sub, figure_evidence(f), f.unit)
                place.counts.append(c)
                if not part:
                    total = (c, f.start)
            if place.counts:
                places.append(place)
        return places

    def _tables(self, doc: Document) -> list[_Place]:
        places = []
        for t in doc.tables:
            place = _Place(f"table {t.id}")
            for i, r in enumerate(t.rows):
                for j, c in enumerate(r.cells):
                    label = norm_text(c.text)
                    if not label or len(label) > 40:
                        continue
                    value = None
                    kind = None
                    if re.fullmatch(r"编制(数|人数)", label):
                        kind = "est"
                    elif re.search(r"(实际)?在职(人数|人员)$|实有(人数|人员)$", label) and len(label) <= 14:
                        kind = "act"
                    elif t.kind.startswith("perf") and STAFF_INDICATOR.search(label) and not NOT_STAFF.search(label):
                        # an indicator: its value is the first count in 人 after it on the row
                        for x in r.cells[j + 1 :]:
                            p = parse_cell(x.text.replace("=", ""))
                            if p.kind == "count" and p.unit in ("人", "名"):
                                value, kind = p.value, "any"
                                break
                    if kind is None:
                        continue
                    if value is None:
                        # a header over its value (基础数据表) or a label beside it
                        below = t.rows[i + 1].cells[j] if i + 1 < len(t.rows) and j < len(t.rows[i + 1].cells) else None
                        beside = r.cells[j + 1] if j + 1 < len(r.cells) else None
                        for cand in (below, beside):
                            if cand is not None and cand.value is not None and cand.kind in ("number", "count"):
                                value = cand.value
                                row = t.rows[i + 1] if cand is below else r
                                break
                        else:
                            continue
                    else:
                        row = r
                    ev = Evidence(row.text, row.page, row.bbox, "stated", t.id, row.index)
                    place.counts.append(_Count(kind, False, value, normalize_label(c.text), r.text, False, ev, "人"))
            if place.counts:
                places.append(place)
        return places

    # -- checks -------------------------------------------------------------------------------

    def _parts(self, places: list[_Place]) -> Iterable[Finding]:
        """A total against the 其中 parts stated right after it in the same sentence."""
        for place in places:
            for c in place.counts:
                if c.part:
                    continue
                parts = [x for x in place.counts if x.part and x.sentence == c.sentence and x.kind == c.kind]
                parts = [x for x in parts if x.evidence.text == c.evidence.text]
                if len(parts) < 2:
                    continue
                total = sum((x.value for x in parts), Decimal(0))
                if total == c.value:
                    continue
                yield self.finding(
                    f"“{c.said}”，其中各项（{'、'.join(x.said for x in parts)}）合计{fmt(total)}{c.unit}，不一致",
                    [c.evidence],
                    key=f"parts|{norm_text(c.label)}|{fmt(c.value)}",
                    values={"stated": c.value, "expected": total, "difference": c.value - total},
                    confidence=0.85,
                    anomaly=_gap(c.value, total),
                )

    def _over_establishment(self, places: list[_Place]) -> Iterable[Finding]:
        for place in places:
            if place.explained:
                continue
            for a in place.counts:
                if a.kind != "act" or a.part:
                    continue
                est = [e for e in place.counts if e.kind == "est" and not e.part and e.sub == a.sub and e.sentence == a.sentence]
                if not est or a.value <= est[0].value:
                    continue
                e = est[0]
                yield self.finding(
                    f"“{a.said}”超过“{e.said}”，超编{fmt(a.value - e.value)}人，未见说明",
                    [a.evidence],
                    key=f"over|{norm_text(a.sentence)}",
                    values={"stated": a.value, "expected": e.value, "difference": a.value - e.value},
                    severity=Severity.low,
                    confidence=0.8,
                    anomaly=_gap(a.value, e.value),
                    title="实有人数超过编制数",
                )

    def _disagreements(self, places: list[_Place]) -> Iterable[Finding]:
        for kind, noun in (("est", "编制数"), ("act", "实有（在职）人数")):
            stated = [(p, *p.values(kind)) for p in places]
            stated = [(p, v, said, ev) for p, v, said, ev in stated if v]
            for i, (_p, v, said, ev) in enumerate(stated):
                for _q, w, said2, ev2 in stated[i + 1 :]:
                    if v & w:
                        continue
                    a, b = min(v), min(w)
                    a = max(v) if len(v) > 1 else a
                    b = max(w) if len(w) > 1 else b
                    yield self.finding(
                        f"{noun}前后不一致：一处{said}，另一处{said2}",
                        dedupe_evidence([*ev, *ev2], limit=6),
                        key=f"places|{kind}|{fmt(min(a, b))}|{fmt(max(a, b))}",
                        values={"stated": a, "expected": b, "difference": a - b},
                        confidence=0.8,
                        anomaly=_gap(a, b),
                    )
                    break
                else:
                    continue
                break
        # an indicator's head count that is neither the 编制数 nor the 实有人数 stated elsewhere
        known = set()
        for p in places:
            for kind in ("est", "act"):
                known |= p.values(kind)[0]
        if not known:
            return
        for p in places:
            for c in p.counts:
                if c.kind == "any" and c.value not in known:
                    nearest = min(known, key=lambda k: abs(k - c.value))
                    yield self.finding(
                        f"指标“{c.label}”为{fmt(c.value)}人，与文中编制数、在职人数（{'、'.join(fmt(k) for k in sorted(known))}）均不一致",
                        [c.evidence, *self._known_evidence(places)],
                        key=f"indicator|{norm_text(c.label)}|{fmt(c.value)}",
                        values={"stated": c.value, "expected": nearest, "difference": c.value - nearest},
                        confidence=0.7,
                        anomaly=_gap(c.value, nearest),
                    )

    def _offices(self, doc: Document) -> Iterable[Finding]:
        """内设股室 counts: the same unit's internal offices counted differently in two places."""
        by_key: dict[str, list[Figure]] = {}
        for f in doc.figures:
            if f.kind != "count" or f.unit != "个":
                continue
            m = OFFICES.search(norm_text(f.subject))
            if not m:
                continue
            # a bare 内设股室 belongs to whichever unit the sentence is about; 行政/业务 name it
            key = m.group(0) if m.group(1) else m.group(0) + ("|sub" if SUB_UNIT.search(f.sentence) else "")
            by_key.setdefault(key, []).append(f)
        parts, evidence, values = [], [], []
        for key, figs in by_key.items():
            distinct = sorted({f.value for f in figs})
            if len(distinct) < 2:
                continue
            first = figs[0]
            other = next(f for f in figs if f.value != first.value)
            parts.append(f"{key.split('|')[0]}一处{fmt(first.value)}个、另一处{fmt(other.value)}个")
            evidence += [figure_evidence(first), figure_evidence(other)]
            values.append((first.value, other.value))
        if parts:
            yield self.finding(
                f"内设机构数前后不一致：{'；'.join(parts)}",
                dedupe_evidence(evidence, limit=6),
                key="offices|" + "|".join(sorted(parts)),
                values={"stated": values[0][0], "expected": values[0][1], "difference": values[0][0] - values[0][1]},
                severity=Severity.low,
                confidence=0.75,
                anomaly=_gap(*values[0]),
                title="内设机构数前后不一致",
            )

    @staticmethod
    def _known_evidence(places: list[_Place]) -> list[Evidence]:
        out = []
        for p in places:
            for c in p.counts:
                if c.kind in ("est", "act"):
                    out.append(c.evidence)
        return dedupe_evidence(out, limit=3)


def _gap(a: Decimal, b: Decimal) -> float:
    """How far apart two head counts are, relative to the larger (0–1): the anomaly."""
    big = max(abs(a), abs(b))
    return round(float(abs(a - b) / big), 3) if big else 0.0
