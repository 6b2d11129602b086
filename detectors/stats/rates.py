"""Every execution rate a document supports, as observations the STA001 model scores.

- projects: 全年执行数 / 全年预算数 of each performance table (a project printed in two tables is
  one observation with both rows as evidence);
- the 绩效评价基础数据表 rows (2023年预算数 | 2023年决算数) under 项目支出 and 三公经费;
- the 三公 table: 决算数 / 预算数 of 合计, 因公出国, 公务用车, 公务接待;
- narrative pairs: "年初预算为X万元，支出决算为Y万元" (a budget line), "预算资金25万元 … 实际使用资金
  10.44万元" (a project), "“三公”经费财政拨款支出预算为2万元，支出决算为0.89万元".
Observations with the same (budget, executed) pair are one observation seen in several places.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from decimal import Decimal

from extract.numbers import normalize_label
from models import Document, Evidence, Figure, Project, Table

from ..base import document_total
from ..linking import class_path
from ..performance._common import heading_before, project_row
from .common import figure_evidence, norm_text, project_groups

KINDS = ("project", "department", "budget_line", "three_public")
KIND_CODE = {k: i for i, k in enumerate(KINDS)}
KIND_LABELS = {"project": "项目", "department": "部门整体", "budget_line": "预算科目", "three_public": "三公经费"}

_BUDGET = re.compile(r"预算|安排|下达")
_NOT_BUDGET = re.compile(r"决算|执行|实际|使用|报销|收入|较|比|结余|结转")
_EXEC = re.compile(r"决算|执行数|实际支出|实际使用|实际报销|实际补助|实际发生|实际拨付|实际完成")
_NOT_EXEC = re.compile(r"预计|预算数?$|收入|结余|结转")
_THREE_PUBLIC = re.compile(r"三公|公务接待|公务用车|因公出国")


@dataclass
class RateObservation:
    kind: str  # project | department | budget_line | three_public
    subject: str  # normalised: the project, budget line or 三公 item
    budget: Decimal
    executed: Decimal
    evidence: list[Evidence] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # table ids and "narrative"
    sentences: list[str] = field(default_factory=list)  # normalised narrative sentences stating it
    rate_printed: bool = False  # the document prints this rate itself (a table cell, "完成预算的X%")
    explanation: str = ""  # the reason the text gives for the gap ("主要原因：…"), verbatim
    budget_word: str = "年初预算"  # what the text calls the budget of a budget line (年初预算 | 全年预算)
    added: Decimal = Decimal(0)  # budget added during the year (全年预算数 − 年初预算数), from a table

    @property
    def rate(self) -> Decimal:
        return self.executed / self.budget * 100

    @property
    def log_rate(self) -> float:
        return math.log(max(float(self.rate), 0.1) / 100.0)

    def features(self, scale: Decimal | None) -> list[float]:
        """(rate, log amount, share of the document total, kind) for the IsolationForest."""
        share = float(self.budget / scale) if scale else 0.0
        return [max(-5.0, min(5.0, self.log_rate)), math.log1p(float(self.budget)), min(1.0, share), float(KIND_CODE[self.kind])]


def rate_observations(doc: Document) -> list[RateObservation]:
    found: list[RateObservation] = []
    found.extend(_from_projects(doc))
    for t in doc.tables:
        if t.kind == "perf_basic_data":
            found.extend(_from_basic_data(t))
        elif t.kind == "three_public":
            found.extend(_from_three_public(t))
    found.extend(_from_narrative(doc, found))
    return _merge(found)


def zero_budget_lines(doc: Document) -> list[Figure]:
    """Narrative budget lines with a 年初预算 of 0 and a non-zero 决算 (no rate exists)."""
    out = []
    for b, e in _narrative_pairs(doc):
        if b.value == 0 and e.value:
            out.append(e)
    return out


def _from_projects(doc: Document) -> list[RateObservation]:
    out = []
    for g in project_groups(doc):
        for p in g.members:
            if p.budget is None or p.executed is None or p.budget <= 0:
                continue
            ev = project_row(doc, p, "money")
            out.append(
                RateObservation(
                    "department" if p.scope == "department" else "project",
                    g.name,
                    p.budget,
                    p.executed,
                    [ev] if ev else [],
                    [p.table],
                    rate_printed=p.rate_stated is not None,
                    explanation=table_explanation(p) or note_explanation(doc, p.table, g.name),
                    added=max(p.budget - p.budget_initial, Decimal(0)) if p.budget_initial is not None else Decimal(0),
                )
            )
    return out


# a 偏差原因 that speaks of the money: why the project spent less (or more) than its budget
_MONEY_REASON = re.compile(r"执行|结转|结余|延期|暂缓|调减|收回|未(?:支付|拨付|使用)")


def table_explanation(p: Project) -> str:
    """The reason a self-evaluation form gives for its execution rate: the 偏差原因 of its cost
    indicator, or any 偏差原因 that speaks of the spending ("执行数低于预算，主要原因是项目延期")."""
    for ind in p.indicators:
        reason = ind.reason.strip()
        if len(reason) >= 4 and ("成本" in ind.level2 + ind.name or _MONEY_REASON.search(reason)):
            return reason
    return ""


def note_explanation(doc: Document, table_id: str, subject: str) -> str:
    """The reason a table's note gives for one line's rate ("注：医保基金监管专项经费执行率偏低，
    主要原因是项目采购流程未在年内完成"): a clause of the note that names the line and gives a reason."""
    table = next((t for t in doc.tables if t.id == table_id), None)
    for note in table.notes if table is not None else ():
        for clause in re.split(r"[；;]", note):
            m = _REASON.search(clause) if subject in clause else None
            if m:
                return (m.group(1) or m.group(2)).strip()
    return ""


def _from_basic_data(t: Table) -> list[RateObservation]:
    """绩效评价基础数据表: the 预算数 / 决算数 columns of the current year, per project and 三公 item."""
    out = []
    cols: tuple[int, int] | None = None
    section = ""
    for r in t.rows:
        texts = [norm_text(c.text) for c in r.cells]
        b = next((i for i, x in enumerate(texts) if re.search(r"\d{4}年预算数$|^预算数$", x)), None)
        e = next((i for i, x in enumerate(texts) if re.search(r"\d{4}年决算数$|^决算数$", x) and i > (b or 0)), None)
        if b is not None and e is not None:
            cols = (b, e)
            continue
        if cols is None or not texts or not texts[0]:
            continue
        label = texts[0]
        if re.match(r"^(项目支出|三公经费|公用经费|其他|其它|政府采购|楼堂馆所|厉行节约|部门基本支出)", label):
            section = label[:4]
        if len(r.cells) <= max(cols):
            continue
        budget, executed = r.cells[cols[0]].value, r.cells[cols[1]].value
        if budget is None or executed is None or budget <= 0:
            continue
        if section == "项目支出" and not label.startswith("项目支出"):
            kind = "project"
        elif section == "三公经费" or _THREE_PUBLIC.search(label):
            kind = "three_public"
        else:
            continue
        subject = re.sub(r"^\d+[、.]", "", label)
        ev = Evidence(text=r.text, page=r.page, bbox=r.bbox, role="stated", table=t.id, row=r.index, cols=cols)
        out.append(RateObservation(kind, subject, budget, executed, [ev], [t.id]))
    return out


_TP_ITEMS = (
    ("total", "“三公”经费合计"),
    ("abroad", "因公出国（境）费"),
    ("vehicle_subtotal", "公务用车购置及运行维护费"),
    ("reception", "公务接待费"),
)


def _from_three_public(t: Table) -> list[RateObservation]:
    out = []
    for role, label in _TP_ITEMS:
        bc, fc = t.column(f"{role}@budget"), t.column(f"{role}@final")
        if bc is None or fc is None:
            continue
        for r in t.rows:
            if len(r.cells) <= max(bc.index, fc.index):
                continue
            budget, executed = r.cells[bc.index].value, r.cells[fc.index].value
            if budget is None or executed is None or budget <= 0:
                continue
            ev = Evidence(
                text=r.text, page=r.page, bbox=r.bbox, role="stated", table=t.id, row=r.index, cols=(bc.index, fc.index)
            )
            out.append(RateObservation("three_public", label, budget, executed, [ev], [t.id]))
            break
    return out


def _is_budget(f: Figure) -> bool:
    s = norm_text(f.subject)
    return f.kind == "amount" and bool(_BUDGET.search(s)) and not _NOT_BUDGET.search(s)


def _is_exec(f: Figure) -> bool:
    s = norm_text(f.subject)
    return f.kind == "amount" and bool(_EXEC.search(s)) and not _NOT_EXEC.search(s)


def _narrative_pairs(doc: Document) -> list[tuple[Figure, Figure]]:
    """(budget, executed) figures stated together: the executed figure is the first one after the
    budget figure in the same paragraph, within two sentences, with no other budget in between."""
    pairs = []
    by_par: dict[int, list[Figure]] = {}
    for f in doc.figures:
        by_par.setdefault(f.paragraph, []).append(f)
    for figs in by_par.values():
        for i, b in enumerate(figs):
            if not _is_budget(b) or b.amount_wan is None:
                continue
            sentences = {b.sentence}
            for e in figs[i + 1 :]:
                if e.sentence not in sentences:
                    if len(sentences) >= 2:
                        break
                    sentences.add(e.sentence)
                if _is_budget(e):
                    break
                if _is_exec(e) and e.amount_wan is not None:
                    pairs.append((b, e))
                    break
    return pairs


# a numbered item that names its project first ("1. 2022年城乡医疗救助资金：全年预算数1870.5万元…")
_LEAD_NAME = re.compile(r"^\s*(?:\d{1,2}[.．、]\s*)([^：:，,。；]{2,40})[：:]")
# the department as a whole ("本部门整体支出全年预算数为…", under "（二）部门整体支出绩效情况")
_WHOLE = re.compile(r"部门整体|整体支出")


def _from_narrative(doc: Document, table_obs: list[RateObservation]) -> list[RateObservation]:
    out = []
    paragraphs = doc.paragraphs
    names = [g.name for g in project_groups(doc)]
    for b, e in _narrative_pairs(doc):
        budget, executed = b.amount_wan, e.amount_wan
        if not budget or budget <= 0 or executed is None:
            continue
        par = paragraphs[b.paragraph] if b.paragraph < len(paragraphs) else None
        context = norm_text(par.text) if par else ""
        heading = heading_before(doc, par.index) if par is not None else ""
        sentence = norm_text(b.sentence)
        subject = normalize_label(b.subject)
        name = next((n for n in names if n and n in context), "")
        # the 类/款/项 a numbered item of the explanation is about ("4、社会保障和就业支出（类）…（项）。
        # 主要用于：…。全年预算为 9.00 万元，支出决算为 6.18 万元")
        path = class_path(par.text[: b.start]) if par is not None else []
        if _THREE_PUBLIC.search(subject) or _THREE_PUBLIC.search(sentence[:40]):
            kind = "three_public"
            m = _THREE_PUBLIC.search(subject) or _THREE_PUBLIC.search(sentence)
            subject = {
                "三公": "“三公”经费合计",
                "公务接待": "公务接待费",
                "公务用车": "公务用车购置及运行维护费",
                "因公出国": "因公出国（境）费",
            }[m.group(0)]
        elif name:
            kind, subject = "project", name
        elif len(path) >= 2:
            kind, subject = "budget_line", "-".join(path)
        elif _WHOLE.search(subject) or _WHOLE.search(heading):
            kind, subject = "department", "本部门"
        elif "年初预算" in subject:
            kind = "budget_line"
            subject = _line_subject(subject, heading)
        else:
            kind = "project"
            lead = _LEAD_NAME.match(par.text) if par is not None else None
            subject = lead.group(1) if lead else heading or _line_subject(subject, heading)
        ev = [figure_evidence(b, "stated")]
        if e.sentence != b.sentence:
            ev.append(figure_evidence(e, "stated"))
        rate = executed / budget * 100
        printed = any(
            f.kind == "percent" and abs(f.value - rate) <= Decimal("0.06")
            for f in doc.figures
            if f.paragraph == b.paragraph and f.sentence in (b.sentence, e.sentence)
        )
        explanation = explanation_after(par.text, e.start) if par is not None else ""
        obs = RateObservation(
            kind,
            subject,
            budget,
            executed,
            ev,
            ["narrative"],
            [sentence],
            rate_printed=printed,
            explanation=explanation,
            budget_word="全年预算" if "全年" in normalize_label(b.subject) else "年初预算",
        )
        if e.sentence != b.sentence:
            obs.sentences.append(norm_text(e.sentence))
        out.append(obs)
    return out


# the reason given for a gap between budget and outturn ("决算数大于年初预算数的主要原因是：追加了经费",
# "预算执行率35.86%，主要原因是项目延期至下年实施"), up to the end of its sentence
_REASON = re.compile(r"(?:主要)?原因(?:是|为|在于|系)?[:：]?\s*([^。]{4,120})|主要(?:是|系)(?:因为|由于)\s*([^。]{4,120})")
_SENTENCE_END = re.compile(r"[。！？!?]")
_REASON_LEAD = 16  # what may come before 原因 at the start of the next sentence ("决算数小于预算数的主要")


def explanation_after(text: str, start: int) -> str:
    """The reason the text gives right after the figure at ``start``: in the rest of its sentence,
    or in the next sentence when that one opens with it ("……执行率35.86%。主要原因是……",
    "……完成年初预算的27.38%。决算数小于预算数的主要原因：……")."""
    end = _SENTENCE_END.search(text, start)
    own = text[start : end.end() if end else len(text)]
    m = _REASON.search(own)
    if m is None and end is not None:
        nxt = text[end.end() :].lstrip()
        stop = _SENTENCE_END.search(nxt)
        m = _REASON.search(nxt[: stop.end() if stop else len(nxt)])
        if m is not None and m.start() > _REASON_LEAD:
            m = None  # a reason further into that sentence is about something else
    return (m.group(1) or m.group(2)).strip() if m else ""


def _line_subject(subject: str, heading: str) -> str:
    """The budget line a sentence is about: its heading paragraph when the sentence starts bare."""
    subject = re.sub(r"^\d+[、.]", "", subject)
    s = re.sub(r"(年初预算数?|全年预算数?|预算数?|预算资金|预算金额|预算安排|支出预算)$", "", subject)
    s = re.sub(r"^\d{4}年度?", "", s)
    if len(s) < 4 and heading:
        s = heading
    return s or subject


def _merge(found: list[RateObservation]) -> list[RateObservation]:
    # tables come first in ``found``: the first sighting names the observation and gives its kind
    merged: dict[tuple, RateObservation] = {}
    for o in found:
        family = "three_public" if o.kind == "three_public" else "money"
        k = (family, o.budget.quantize(Decimal("0.01")), o.executed.quantize(Decimal("0.01")))
        m = merged.get(k)
        if m is None:
            merged[k] = RateObservation(
                o.kind,
                o.subject,
                o.budget,
                o.executed,
                list(o.evidence),
                list(o.sources),
                list(o.sentences),
                o.rate_printed,
                o.explanation,
                o.budget_word,
                o.added,
            )
            continue
        m.added = max(m.added, o.added)
        m.rate_printed = m.rate_printed or o.rate_printed
        m.explanation = m.explanation or o.explanation
        m.evidence.extend(o.evidence)
        m.sources.extend(s for s in o.sources if s not in m.sources)
        m.sentences.extend(o.sentences)
    return list(merged.values())


def document_scale(doc: Document) -> Decimal | None:
    return document_total(doc)
