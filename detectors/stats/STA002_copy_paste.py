"""STA002: goals, indicators and explanations pasted from one project into another."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from models import Document, Evidence, Finding, Project, Severity

from ..base import Rule
from ..performance._common import core_name, heading_before, indicator_row, project_row
from .baseline import Baseline, TextIndex, active_baseline, passage_hash, passages, source_of
from .common import (
    ProjectGroup,
    clip,
    dedupe_evidence,
    norm_text,
    paragraph_evidence,
    project_groups,
    subject_bigrams,
)

_TRIVIAL = re.compile(r"^(无|/|—|-|完成|已完成|达到|达标|是|否|良好|较好|好|满意|100%?)$")
_PROBLEM = re.compile(r"问题|不足|改进|措施|建议")
_SENTENCE = re.compile(r"[^。！？!?；;]+[。！？!?；;]?")


@dataclass
class _Proj:
    """A distinct project (or the department as a whole) and the texts it carries: ``goals`` are
    its distinct goal texts wherever stated (the target table's 年度目标, the department table's
    任务内容, a report's paragraph on the project) with where each is."""

    group: ProjectGroup
    expected: str = ""
    actual: str = ""
    main: Project | None = None
    others: list[Project] = field(default_factory=list)
    goals: list[tuple[str, Evidence | None]] = field(default_factory=list)
    actuals: list[tuple[str, Evidence | None]] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.group.name

    @property
    def is_department(self) -> bool:
        return self.group.scope == "department"


def _bigrams(text: str) -> set[str]:
    t = norm_text(text)
    return {t[i : i + 2] for i in range(len(t) - 1)}


class CopyPastedText(Rule):
    """Goals, indicators and explanations copied between projects, or left as the goal.

    What it checks:
        Across the distinct projects of a document (a project restated in two tables counts once, and
        so does one named with and without its generic words): 预期目标 — wherever a project's goal is
        stated: the performance tables' 预期目标/年度目标, the 主要内容 of its task in the department's
        年度主要任务, the opening sentence of a report's paragraph on it — identical or near-identical
        (rapidfuzz ratio ≥ ``near``) in several projects — one finding for all of them, naming the
        project the text was written for when the goal names its subject and not the others'; the
        same for 实际完成情况 (one project's achievements stated for another); a goal or 实际完成情况
        naming another project's subject; an 实际完成情况 that reports on another project's goal (it
        shares at least ``min_len`` word pairs with that goal and three times as many as with its own); 实际完成情况 identical to 预期目标; indicator blocks repeated
        row for row; indicator texts rewritten from another project by swapping a few words; the same
        偏差原因 or problem/remedy sentence for several projects; a 偏差原因 naming another project's
        indicator and none of its own. Passages most documents share (learned by the baseline's text index) are
        boilerplate and never count. In corpus mode, a passage also found in a document of another
        department or year is reported too.
    Why an auditor cares:
        A goal copied from another project means nobody set a goal for this one; an 实际完成情况 that
        repeats the goal means nobody evaluated it. Either makes the self-evaluation worthless.
    Fails:
        2022年中央财政医疗救助补助资金 | 预期目标 做好全区离休干部医药待遇支出保障工作
        (the goal of 离休人员医药费, also pasted into a second 医疗救助 project)
    Passes:
        离休人员医药费 | 预期目标 做好全区离休干部医药待遇支出保障工作 | 实际完成情况 报销离休干部医药费10.44万元
    """

    doc_zh = """项目之间复制的目标、指标和说明，或照抄目标作为完成情况。

    检查内容：
        在文件的各个不同项目之间（同一项目在两张表中重复出现只算一个，带或不带“资金”等通用词的同一项目名称也只算一个）：
        多个项目的预期目标——无论写在何处：绩效表的预期目标/年度目标、部门整体绩效目标表“年度主要任务”中该任务的主要内容、
        报告中介绍该项目段落的首句——相同或几乎相同（rapidfuzz 相似度 ≥ near）——对它们合报一条发现，当目标点名了某个
        项目的对象而不是其他项目的对象时，指出文字原本是为哪个项目写的；实际完成情况同样检查（把一个项目的完成情况填到
        另一个项目）；目标或实际完成情况点名了另一个项目的对象；实际完成情况写的是另一个项目目标的完成情况（与该目标
        相同的二字词至少 min_len 个，且是与本项目目标相同者的三倍以上）；实际完成情况与预期目标相同；逐行重复的指标块；只换了几个词、
        从另一项目改写的指标文字；多个项目相同的偏差原因或问题/措施句；偏差原因写的是另一个项目的指标、未提本项目任何指标。大多数文件共有的段落（由基线的文本索引学得）是套话，不计入。
        语料模式下，在其他部门或年度的文件中也出现的段落同样报告。
    为什么重要：
        从其他项目复制的目标，意味着没有人为这个项目设定目标；照搬目标的实际完成情况，意味着没有人评价过它。两者都使
        自评失去价值。
    不通过：
        2022年中央财政医疗救助补助资金 | 预期目标 做好全区离休干部医药待遇支出保障工作（离休人员医药费的目标，还被粘贴
        到了第二个医疗救助项目中）
    通过：
        离休人员医药费 | 预期目标 做好全区离休干部医药待遇支出保障工作 | 实际完成情况 报销离休干部医药费10.44万元
    """

    code = "STA002"
    title = "文字复制粘贴"
    category = "copy_paste_text"
    severity = Severity.high

    def __init__(self, baseline: Baseline | None = None, near: float = 90.0, rewritten: float = 75.0, min_len: int = 8):
        self.baseline = baseline
        self.near = near  # goals at least this similar are "the same goal"
        self.rewritten = rewritten  # longer indicator texts at least this similar were rewritten
        self.min_len = min_len
        self.index_: TextIndex | None = None

    def fit(self, corpus: list[Document]) -> CopyPastedText:
        self.index_ = TextIndex().fit(corpus)
        return self

    @property
    def index(self) -> TextIndex:
        return self.index_ or (self.baseline or active_baseline()).text

    def score_samples(self, doc: Document) -> dict[str, float]:
        """Each passage of the document: 0 when the corpus calls it boilerplate or shared by every
        project, 1 when found in another department's or year's document, else 0.5."""
        idx = self.index
        src = source_of(doc)
        out = {}
        for h, t in passages(doc).items():
            if h in idx.boilerplate_ or h in idx.shared_:
                out[t] = 0.0
            else:
                out[t] = 1.0 if idx.elsewhere(h, src) else 0.5
        return out

    # ------------------------------------------------------------------------------------

    def check(self, doc: Document) -> Iterable[Finding]:
        projects = self._projects(doc)
        covered_same: set[str] = set()
        yield from self._shared_goals(doc, projects, covered_same)
        reported_actuals: set[str] = set()
        yield from self._shared_actuals(doc, projects, reported_actuals)
        yield from self._foreign_subject(doc, projects, reported_actuals)
        yield from self._actual_of_other_goal(doc, projects, reported_actuals)
        yield from self._goal_equals_actual(doc, projects, covered_same)
        yield from self._indicators(doc, projects)
        shared_reasons: set[str] = set()
        yield from self._reasons(doc, projects, shared_reasons)
        yield from self._foreign_reasons(doc, projects, shared_reasons)
        yield from self._problems(doc, projects)
        yield from self._across_documents(doc)

    def _boiler(self, text: str) -> bool:
        """Carried by several projects in most documents: an indicator every project has."""
        return self.index.is_shared(text)

    def _substantive(self, text: str) -> bool:
        t = norm_text(text)
        return len(t) >= self.min_len and not _TRIVIAL.match(t) and not self._boiler(t)

    def _projects(self, doc: Document) -> list[_Proj]:
        out = []
        for g in self._groups(doc):
            members = sorted(g.members, key=lambda p: -len(p.indicators))
            main = next((p for p in members if p.goal_expected), members[0])
            p = _Proj(g, main.goal_expected, main.goal_actual, main, [p for p in g.members if p is not main])
            for m in [main, *p.others]:
                if m.goal_expected and all(norm_text(t) != norm_text(m.goal_expected) for t, _ in p.goals):
                    p.goals.append((m.goal_expected, project_row(doc, m, "goals")))
                if m.goal_actual and all(norm_text(t) != norm_text(m.goal_actual) for t, _ in p.actuals):
                    p.actuals.append((m.goal_actual, project_row(doc, m, "goals")))
            out.append(p)
        self._described(doc, out)
        return out

    @staticmethod
    def _groups(doc: Document) -> list[ProjectGroup]:
        """The projects, one named with and without its generic words counted once (a task list's
        "新冠疫苗接种费县级配套" is the target table's "新冠疫苗接种费县级配套资金")."""
        groups = project_groups(doc)
        by_subject: dict[frozenset[str], list[ProjectGroup]] = {}
        for g in groups:
            if g.scope == "project" and subject_bigrams(g.name):
                by_subject.setdefault(frozenset(subject_bigrams(g.name)), []).append(g)
        out = []
        for g in groups:
            same = by_subject.get(frozenset(subject_bigrams(g.name)), [g]) if g.scope == "project" else [g]
            if g is not same[0]:
                continue  # counted with the first of its names
            rep = max(
                same, key=lambda x: (any(p.budget is not None for p in x.members), sum(len(p.indicators) for p in x.members))
            )
            rep.members.extend(p for x in same if x is not rep for p in x.members)
            out.append(rep)
        return out

    def _described(self, doc: Document, projects: list[_Proj]) -> None:
        """A report's paragraph under a heading naming a project ("1、X分配安排和使用管理情况。")
        opens with what the project is for: its first sentence is one of the project's goals."""
        by_core = {core_name(p.name): p for p in projects if not p.is_department and len(core_name(p.name)) >= 4}
        if not by_core:
            return
        for par in doc.paragraphs:
            p = by_core.get(core_name(heading_before(doc, par.index)))
            m = _SENTENCE.match(par.text.strip()) if p is not None else None
            if m is None or not m.group(0).endswith("。"):
                continue
            text = m.group(0)
            if all(norm_text(t) != norm_text(text) for t, _ in p.goals):
                start = par.text.find(text)
                p.goals.append((text, paragraph_evidence(par, "stated", start, start + len(text))))

    def _goal_rows(self, doc: Document, p: _Proj) -> list[Evidence]:
        rows = [project_row(doc, m, "goals") for m in [p.main, *p.others] if m is not None]
        return [e for e in rows if e is not None]

    # -- 1. one goal in several projects ------------------------------------------------------

    def _clusters(self, cands: list[tuple[_Proj, str, Evidence | None]]) -> Iterable[tuple[list[int], float]]:
        """The texts of ``cands`` (project, text, where) at least ``near`` alike, grouped, in
        groups spanning two projects or more: each group's indices and its lowest similarity."""
        parent = list(range(len(cands)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        sims: dict[tuple[int, int], float] = {}
        for i in range(len(cands)):
            for j in range(i + 1, len(cands)):
                if cands[i][0] is cands[j][0]:
                    continue
                r = fuzz.ratio(norm_text(cands[i][1]), norm_text(cands[j][1]))
                if r >= self.near:
                    parent[find(i)] = find(j)
                    sims[(i, j)] = r
        clusters: dict[int, list[int]] = {}
        for i in range(len(cands)):
            clusters.setdefault(find(i), []).append(i)
        for members in clusters.values():
            if len({id(cands[i][0]) for i in members}) >= 2:
                yield members, min(sims[(a, b)] for a in members for b in members if (a, b) in sims)

    @staticmethod
    def _owner(ps: list[_Proj], text: str) -> tuple[_Proj | None, list[_Proj]]:
        """The one project whose subject ``text`` names, and the projects it names nothing of."""
        tb = _bigrams(text)
        own = {p.name: len(subject_bigrams(p.name) & tb) for p in ps}
        best = max(own.values())
        owners = [p for p in ps if own[p.name] == best] if best > 0 else []
        owner = owners[0] if len(owners) == 1 else None
        return owner, [p for p in ps if owner is not None and own[p.name] == 0]

    def _shared_goals(self, doc: Document, projects: list[_Proj], covered_same: set[str]) -> Iterable[Finding]:
        cands = [(p, t, ev) for p in projects for t, ev in p.goals if self._substantive(t)]
        for members, similarity in self._clusters(cands):
            ps = list({id(cands[i][0]): cands[i][0] for i in members}.values())
            text = min((cands[i][1] for i in members), key=lambda t: len(norm_text(t)))
            owner, misfits = self._owner(ps, text)
            projects_only = [p for p in ps if not p.is_department]
            same_actual = [p for p in ps if p.actual and fuzz.ratio(norm_text(p.actual), norm_text(p.expected)) >= 97]
            covered_same.update(p.name for p in same_actual)
            names = "、".join(f"“{p.name}”" for p in ps)
            msg = f"{len(ps)}个{'项目' if len(projects_only) == len(ps) else '项目/部门整体'}的预期目标相同：“{clip(text, 40)}”（{names}）"
            if owner is not None and misfits:
                msg += f"；该目标写的是“{owner.name}”的内容，与{'、'.join(f'“{p.name}”' for p in misfits)}的项目内容不符"
            if same_actual:
                msg += f"；其中{len(same_actual)}个的实际完成情况与预期目标也相同"
            yield self.finding(
                msg,
                dedupe_evidence((cands[i][2] for i in members), limit=8),
                key="goal|" + passage_hash(text),
                values={"projects": len(ps), "misplaced": len(misfits), "similarity": round(similarity, 1)},
                severity=Severity.high if len(projects_only) >= 2 else Severity.medium,
                confidence=0.9,
                anomaly=1.0 if misfits else 0.8,
            )

    def _shared_actuals(self, doc: Document, projects: list[_Proj], reported: set[str]) -> Iterable[Finding]:
        """One 实际完成情况 for several projects: what one project achieved (its counts, its
        subject) cannot be what another achieved."""
        # an 实际完成情况 that repeats its own goal is reported with the goal (shared, or left as the goal)
        cands = [
            (p, t, ev)
            for p in projects
            for t, ev in p.actuals
            if self._substantive(t) and all(fuzz.ratio(norm_text(t), norm_text(g)) < 97 for g, _ in p.goals)
        ]
        for members, similarity in self._clusters(cands):
            ps = list({id(cands[i][0]): cands[i][0] for i in members}.values())
            text = min((cands[i][1] for i in members), key=lambda t: len(norm_text(t)))
            owner, misfits = self._owner(ps, text)
            reported.update(p.name for p in ps)
            msg = f"{len(ps)}个项目的实际完成情况相同：“{clip(text, 40)}”（{'、'.join(f'“{p.name}”' for p in ps)}）"
            if owner is not None and misfits:
                msg += f"；写的是“{owner.name}”的完成情况，{'、'.join(f'“{p.name}”' for p in misfits)}的实际完成情况未如实填写"
            yield self.finding(
                msg,
                dedupe_evidence((cands[i][2] for i in members), limit=8),
                key="actual|" + passage_hash(text),
                values={"projects": len(ps), "misplaced": len(misfits), "similarity": round(similarity, 1)},
                severity=Severity.medium,
                confidence=0.85,
                anomaly=1.0 if misfits else 0.8,
                title="实际完成情况照抄其他项目",
            )

    # -- 2. a goal about another project's subject ----------------------------------------------

    def _foreign_subject(self, doc: Document, projects: list[_Proj], reported: set[str]) -> Iterable[Finding]:
        named = [p for p in projects if not p.is_department]
        if len(named) < 2:
            return
        grams = {p.name: subject_bigrams(p.name) for p in named}
        for what, text_of in (("预期目标", lambda x: x.expected), ("实际完成情况", lambda x: x.actual)):
            for p in named:
                text = text_of(p)
                if not self._substantive(text):
                    continue
                tb = _bigrams(text)
                if grams[p.name] & tb:
                    continue  # the text speaks of its own project
                for q in named:
                    if q is p:
                        continue
                    others = set().union(*(grams[x.name] for x in named if x is not q))
                    foreign = (grams[q.name] - others) & tb
                    if len(foreign) < 2:
                        continue
                    if fuzz.ratio(norm_text(text), norm_text(text_of(q))) >= self.near:
                        break  # the same text in both: reported as shared
                    if what == "实际完成情况":
                        reported.add(p.name)
                    yield self.finding(
                        f"项目“{p.name}”的{what}“{clip(text, 40)}”写的是“{q.name}”的内容（{'、'.join(sorted(foreign))}），与本项目不符",
                        dedupe_evidence(self._goal_rows(doc, p)[:1] + [project_row(doc, q.main, "name", "context")]),
                        key=f"foreign|{what}|{p.group.key}|{q.group.key}",
                        values={"foreign_terms": len(foreign)},
                        severity=Severity.medium,
                        confidence=0.75,
                        anomaly=0.7,
                    )
                    break

    def _actual_of_other_goal(self, doc: Document, projects: list[_Proj], reported: set[str]) -> Iterable[Finding]:
        """An 实际完成情况 that reports on another project's goal: it shares far more of its words
        with that goal than with its own project's (the achievements pasted from the other project,
        whose own 实际完成情况 was since rewritten)."""
        named = [p for p in projects if not p.is_department and self._substantive(p.expected)]
        for p in named:
            if p.name in reported or not self._substantive(p.actual):
                continue
            tb = {g for g in _bigrams(p.actual) if not g.isdigit()}
            own = len(tb & (_bigrams(p.expected) | subject_bigrams(p.name)))
            shared = sorted(((len(tb & _bigrams(q.expected)), q) for q in named if q is not p), key=lambda x: -x[0])
            if not shared or shared[0][0] < self.min_len or shared[0][0] < 3 * max(own, 1):
                continue
            if len(shared) > 1 and shared[1][0] == shared[0][0]:
                continue  # as close to two goals: not one project's words
            q = shared[0][1]
            yield self.finding(
                f"项目“{p.name}”的实际完成情况“{clip(p.actual, 40)}”写的是项目“{q.name}”的目标“{clip(q.expected, 30)}”的完成情况，与本项目的预期目标无关",
                dedupe_evidence(self._goal_rows(doc, p)[:1] + self._goal_rows(doc, q)[:1]),
                key=f"actual-other|{p.group.key}|{q.group.key}",
                values={"shared_terms": shared[0][0], "own_terms": own},
                severity=Severity.medium,
                confidence=0.7,
                anomaly=0.7,
                title="实际完成情况照抄其他项目",
            )

    # -- 3. 实际完成情况 = 预期目标 ------------------------------------------------------------

    def _goal_equals_actual(self, doc: Document, projects: list[_Proj], covered: set[str]) -> Iterable[Finding]:
        for p in projects:
            if p.name in covered or not p.actual or not self._substantive(p.expected):
                continue
            r = fuzz.ratio(norm_text(p.expected), norm_text(p.actual))
            if r < 97:
                continue
            who = "部门整体" if p.is_department else f"项目“{p.name}”"
            yield self.finding(
                f"{who}的实际完成情况与预期目标{'一字不差' if r == 100 else '几乎相同'}：“{clip(p.expected, 40)}”，未填写实际完成内容",
                dedupe_evidence(self._goal_rows(doc, p), limit=3),
                key="same|" + p.group.key,
                values={"similarity": round(r, 1)},
                severity=Severity.medium if len(norm_text(p.expected)) >= 15 else Severity.low,
                confidence=0.9,
                anomaly=0.6,
                title="实际完成情况照抄预期目标",
            )

    # -- 4. indicator blocks and rewritten indicator texts -------------------------------------

    def _indicators(self, doc: Document, projects: list[_Proj]) -> Iterable[Finding]:
        named = [p for p in projects if not p.is_department and p.main is not None and p.main.indicators]
        for i, a in enumerate(named):
            for b in named[i + 1 :]:
                rows_a = {self._sig(x): x for x in a.main.indicators if self._sig(x)}
                same = [(rows_a[self._sig(y)], y) for y in b.main.indicators if self._sig(y) in rows_a]
                smaller = min(len(a.main.indicators), len(b.main.indicators))
                if len(same) >= 4 and len(same) >= 0.6 * smaller:
                    ev = []
                    for x, y in same[:3]:
                        ev += [indicator_row(doc, a.main, x.row), indicator_row(doc, b.main, y.row)]
                    yield self.finding(
                        f"项目“{a.name}”与“{b.name}”的绩效指标几乎完全相同：{smaller}项中{len(same)}项指标名称、指标值和完成值一致，指标未按项目分别设定",
                        dedupe_evidence(ev, limit=6),
                        key=f"indicators|{a.group.key}|{b.group.key}",
                        values={"identical": len(same), "indicators": smaller},
                        severity=Severity.low,
                        confidence=0.85,
                        anomaly=len(same) / max(smaller, 1),
                        title="绩效指标照搬其他项目",
                    )
                    continue
                rewritten = self._rewritten(a.main, b.main)
                if rewritten:
                    ev = []
                    for _ta, _tb, ra, rb, _ in rewritten[:3]:
                        ev += [indicator_row(doc, a.main, ra), indicator_row(doc, b.main, rb)]
                    ta, tb, _, _, r = rewritten[0]
                    yield self.finding(
                        f"项目“{a.name}”与“{b.name}”有{len(rewritten)}处指标文字只替换了个别词语：“{clip(ta, 30)}”与“{clip(tb, 30)}”（相似度{round(r)}%）",
                        dedupe_evidence(ev, limit=6),
                        key=f"rewritten|{a.group.key}|{b.group.key}",
                        values={"passages": len(rewritten), "similarity": round(r, 1)},
                        severity=Severity.medium,
                        confidence=0.75,
                        anomaly=r / 100,
                        title="绩效指标由其他项目改写",
                    )

    def _sig(self, ind) -> tuple[str, str, str] | None:
        name = norm_text(ind.name)
        if len(name) < 4 or self._boiler(name):
            return None
        return (name, norm_text(ind.target), norm_text(ind.actual))

    def _rewritten(self, a: Project, b: Project) -> list[tuple[str, str, int, int, float]]:
        def texts(p: Project):
            for ind in p.indicators:
                for t in (ind.name, ind.target, ind.actual):
                    nt = norm_text(t)
                    if len(nt) >= 15 and not self._boiler(nt):
                        yield nt, ind.row

        found = []
        used: set[str] = set()
        tb_all = list(dict.fromkeys(texts(b)))
        for ta, ra in dict.fromkeys(texts(a)):
            if ta in used:
                continue
            for tb, rb in tb_all:
                if tb in used:
                    continue
                r = fuzz.ratio(ta, tb)
                if self.rewritten <= r < 100 or (r == 100 and len(ta) >= 20):
                    found.append((ta, tb, ra, rb, r))
                    used.update((ta, tb))
                    break
        return found

    # -- 5. the same 偏差原因 / problem sentence for several projects ---------------------------

    def _reasons(self, doc: Document, projects: list[_Proj], shared: set[str]) -> Iterable[Finding]:
        by_text: dict[str, list[tuple[_Proj, int]]] = {}
        for p in projects:
            if p.main is None:
                continue
            for ind in p.main.indicators:
                if self._substantive(ind.reason):
                    lst = by_text.setdefault(norm_text(ind.reason), [])
                    if all(q is not p for q, _ in lst):
                        lst.append((p, ind.row))
        for text, where in by_text.items():
            if len(where) < 2:
                continue
            shared.add(text)
            yield self.finding(
                f"{len(where)}个项目的偏差原因相同：“{clip(text, 40)}”（{'、'.join(f'“{p.name}”' for p, _ in where)}）",
                dedupe_evidence([indicator_row(doc, p.main, row) for p, row in where]),
                key="reason|" + passage_hash(text),
                values={"projects": len(where)},
                severity=Severity.low,
                confidence=0.8,
                anomaly=0.5,
            )

    def _foreign_reasons(self, doc: Document, projects: list[_Proj], shared: set[str]) -> Iterable[Finding]:
        """A 偏差原因 naming an indicator of another project, none of its own project's: the
        reason was pasted from that project (one in several projects, ``shared``, is reported
        as such)."""
        own = {
            id(p): {norm_text(i.name) for i in p.main.indicators if len(norm_text(i.name)) >= 4}
            for p in projects
            if p.main is not None
        }
        for p in projects:
            if p.main is None:
                continue
            for ind in p.main.indicators:
                reason = norm_text(ind.reason)
                if reason in shared or not self._substantive(reason) or any(n in reason for n in own[id(p)]):
                    continue
                for q in projects:
                    if q is p or id(q) not in own:
                        continue
                    names = sorted(n for n in own[id(q)] - own[id(p)] if n in reason and not self._boiler(n))
                    if not names:
                        continue
                    yield self.finding(
                        f"项目“{p.name}”指标“{ind.name}”的偏差原因写的是项目“{q.name}”的指标“{names[0]}”：“{clip(reason, 40)}”，原因未结合本指标填写",
                        dedupe_evidence([indicator_row(doc, p.main, ind.row)]),
                        key=f"reason-foreign|{p.group.key}|{ind.row}",
                        values={"projects": 2},
                        severity=Severity.low,
                        confidence=0.75,
                        anomaly=0.6,
                        title="偏差原因照抄其他项目",
                    )
                    break

    def _problems(self, doc: Document, projects: list[_Proj]) -> Iterable[Finding]:
        names = [p.name for p in projects if not p.is_department and len(p.name) >= 4]
        if len(names) < 2:
            return
        by_text: dict[str, list[tuple[str, Evidence, Evidence]]] = {}
        for par in doc.paragraphs:
            context = norm_text(par.text)
            about = next((n for n in names if n in context or n.replace("项目", "") in context), "")
            if not about:
                continue
            first = _SENTENCE.match(par.text)
            for m in _SENTENCE.finditer(par.text):
                s = m.group(0)
                t = norm_text(s)
                if len(t) < 15 or not _PROBLEM.search(t) or self._boiler(t) or any(n in t for n in names):
                    continue
                lst = by_text.setdefault(t, [])
                if all(a != about for a, _, _ in lst):
                    stated = Evidence(s.strip(), par.page_at(m.start()), par.span_bbox(m.start(), m.end()), "stated")
                    ctx = (
                        Evidence(
                            first.group(0).strip(),
                            par.page_at(first.start()),
                            par.span_bbox(first.start(), first.end()),
                            "context",
                        )
                        if first
                        else stated
                    )
                    lst.append((about, stated, ctx))
        for text, where in by_text.items():
            if len(where) < 2:
                continue
            yield self.finding(
                f"{len(where)}个项目的问题或改进措施逐字相同：“{clip(text, 40)}”（{'、'.join(f'“{a}”' for a, _, _ in where)}），未结合项目实际",
                dedupe_evidence([where[0][1]] + [c for _, _, c in where]),
                key="problem|" + passage_hash(text),
                values={"projects": len(where)},
                severity=Severity.low,
                confidence=0.75,
                anomaly=0.5,
            )

    # -- 6. the same passage in another department's or year's document (corpus mode) ----------

    def _across_documents(self, doc: Document) -> Iterable[Finding]:
        idx = self.index
        if not idx.seen_:
            return
        src = source_of(doc)
        by_other: dict[tuple[str, str], list[str]] = {}
        for h, text in passages(doc).items():
            if h in idx.boilerplate_ or len(text) < 12:
                continue
            for name, other in idx.elsewhere(h, src):
                by_other.setdefault((name, other), []).append(text)
        for (name, other), texts in sorted(by_other.items()):
            dept, _, year = other.partition("|")
            yield self.finding(
                f"与{name}（{dept} {year}年）有{len(texts)}段文字相同，如“{clip(texts[0], 40)}”",
                [Evidence(t, None, None, "stated") for t in texts[:4]],
                key=f"corpus|{norm_text(name)}|" + passage_hash("".join(sorted(texts))),
                values={"passages": len(texts)},
                severity=Severity.low,
                confidence=0.7,
                anomaly=min(1.0, len(texts) / 5),
                title="与其他部门或年度的文件文字相同",
            )
