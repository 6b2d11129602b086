"""PRF010: a project the 项目支出 explanation names that is none of the document's projects."""

from __future__ import annotations

import re
from collections.abc import Iterable

from extract.numbers import normalize_label
from models import Document, Evidence, Finding, Severity

from ..base import Rule, row_evidence
from ..crosstable.XTB006_project_function_codes import PROJECT_TABLES
from ._common import core_name, evidence, project_row, same_project, same_project_docs

# the section that explains the 项目支出 ("七、一般公共预算财政拨款项目支出决算情况说明")
_SECTION = re.compile(r"项目支出.*(情况|说明)")
# a clause that opens with a project and its spending: "公务员医疗补助资金项目支出100万元"
_CLAUSE = re.compile(
    r"(?:^|[。；;：:])\s*(?:\d{1,2}[.、．]|[（(][一二三四五六七八九十\d]{1,3}[)）])?\s*"
    r"(?P<name>[^，,。；;：:、（）()\s]{2,40}?项目)(?:资金|经费)?(?:共|实际)?(?:支出|决算|使用)(?:决算数?|资金)?(?:为|共)?\s*\d"
)
# a name that is the fund or the year, not a project ("一般公共预算财政拨款项目支出6419.81万元")
_SCOPE = re.compile(r"财政拨款|一般公共预算|政府性基金|国有资本|本年|全年|本部门|本单位|其他")


class UnknownProjectInText(Rule):
    """The projects the 项目支出 explanation names are the document's projects.

    What it checks:
        In the section explaining the 项目支出 (…项目支出决算情况说明 / 预算情况), each clause that
        opens with a project and its spending ("……项目支出100万元，主要用于……") is looked up among
        the document's projects — its performance tables and its 项目支出表 — allowing another
        wording of the name. A project that matches none is flagged. Checked only when the
        document lists at least two projects to compare with.
    Why an auditor cares:
        The explanation is where a reader learns what the project money bought; a project that
        exists nowhere else in the disclosure is a template leftover or the wrong name, and the
        money it describes is unaccounted for among the real projects.
    Fails:
        "公务员医疗补助资金项目支出100万元，主要用于：项目人员支出100万元" while the six
        self-evaluation tables are 城乡居民医疗保险参保县级匹配资金、离休干部医疗补助 … (none of
        them 公务员医疗补助)
    Passes:
        "离休干部医疗补助资金项目支出100万元" with a self-evaluation table "2021年离休干部医疗补助项目"
    """

    doc_zh = """项目支出说明中提到的项目，是本文件的项目。

    检查内容：
        在说明项目支出的部分（……项目支出决算情况说明 / 预算情况）中，以项目及其支出开头的每个分句（“……项目
        支出100万元，主要用于……”），在本文件的项目——绩效表和项目支出表——中查找，允许名称有不同的说法。
        一个也对不上的项目予以标出。仅当文件列有至少两个可比的项目时检查。
    为什么重要：
        说明是读者了解项目资金用在哪里的地方；在公开文件其他地方都不存在的项目，是模板残留或名称写错，它所说的
        资金在真实的项目中没有着落。
    不通过：
        “公务员医疗补助资金项目支出100万元，主要用于：项目人员支出100万元”，而六张自评表是城乡居民医疗保险参保
        县级匹配资金、离休干部医疗补助……（没有公务员医疗补助）
    通过：
        “离休干部医疗补助资金项目支出100万元”，并有自评表“2021年离休干部医疗补助项目”
    """

    code = "PRF010"
    title = "项目支出说明中的项目不在项目清单中"
    category = "narrative_vs_table"
    severity = Severity.low

    def check(self, doc: Document) -> Iterable[Finding]:
        listed = self._projects(doc)
        if len(listed) < 2:
            return
        cores = [core_name(n) for n, _ in listed]
        seen: set[str] = set()
        for p in doc.paragraphs:
            heading = p.section.split(" / ")[-1] if p.section else ""
            if not _SECTION.search(normalize_label(heading)):
                continue
            for m in _CLAUSE.finditer(p.text):
                name = normalize_label(m.group("name"))
                core = core_name(name)
                if len(core) < 4 or _SCOPE.search(core) or core in seen:
                    continue
                if any(same_project(core, c) for c in cores):
                    continue
                seen.add(core)
                start = m.start("name")
                end = p.text.find("。", start)
                end = len(p.text) if end < 0 else end + 1
                sentence = p.text[start:end]
                names = "、".join(n for n, _ in listed[:8]) + ("等" if len(listed) > 8 else "")
                msg = (
                    f"项目支出说明中的“{m.group('name').strip()}”不是本文件所列的项目（{len(listed)} 个项目：{names}），"
                    "请核对项目名称及其支出"
                )
                ev = [
                    Evidence(
                        text=sentence[:200], page=p.page_at(start), bbox=p.span_bbox(start, min(end, start + 200)), role="stated"
                    )
                ]
                ev += [e for _, e in listed if e is not None]
                yield self.finding(msg, ev, key=f"unknown_project|{core}", confidence=0.7)

    @staticmethod
    def _projects(doc: Document) -> list[tuple[str, Evidence | None]]:
        """The document's projects once each: the performance tables, then the project table."""
        out: list[tuple[str, Evidence | None]] = []
        names: set[str] = set()
        for proj in same_project_docs(doc):
            if proj.scope != "project" or core_name(proj.name) in names:
                continue
            names.add(core_name(proj.name))
            out.append((proj.name, next(iter(evidence(project_row(doc, proj, "name", "context"))), None)))
        for t in doc.tables:
            if t.kind not in PROJECT_TABLES:
                continue
            for r in t.rows:
                if r.code and r.label and core_name(r.label) not in names:
                    names.add(core_name(r.label))
                    out.append((r.label, row_evidence(t, r, "context")))
        return out
