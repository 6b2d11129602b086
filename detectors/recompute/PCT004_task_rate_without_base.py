"""PCT004: a task completion rate above 100% stated without the task it is a rate of."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from extract.numbers import normalize_label
from models import Document, Finding, Severity

from ..base import Rule, figure_evidence, fmt
from ._sentences import by_sentence

# "医疗救助任务127%超额完成", "征缴计划完成率115%": the subject names a task / plan / target
_TASK = re.compile(r"(?P<noun>[\u4e00-\u9fff]{2,12}?)(?:工作)?(?:任务|计划|目标)(?:完成率|完成)?$")
_NUMBER = re.compile(r"^\s*[\d.]+\s*[%％]")
_CLAUSE = re.compile(r"[，,；;。、：:！!？?]")


class TaskRateWithoutBase(Rule):
    """A task overfulfilled by X% says what the task was.

    What it checks:
        Completion rates above 100% of a task, plan or target in the narrative ("医疗救助任务127%
        超额完成") where neither the clause nor the sentence states a figure of that task — the
        target or what was done — so the rate cannot be recomputed. Budget completion rates
        (完成预算的X%) come with their amounts and are PCT002's.
    Why an auditor cares:
        A rate above 100% may be right (a plan overfulfilled), but without its base it is a claim
        the reader cannot check: the auditor asks for the task and the outturn (info).
    Fails:
        "……异地就医备案等经办服务事项直办或帮代办全覆盖、医疗救助任务127%超额完成。"
    Passes:
        "全年完成医疗救助1270人次，医疗救助任务完成率127%"; "筛查任务完成率达到95%"
    """

    doc_zh = """超额完成X%的任务，应说明任务是多少。

    检查内容：
        文字中超过100%的任务、计划或目标完成率（“医疗救助任务127%超额完成”），该分句和整句都没有给出该任务
        的数字（目标或完成量），因而无法复算。预算完成率（完成预算的X%）带有金额，由 PCT002 检查。
    为什么重要：
        超过100%的比率可能是对的（计划超额完成），但没有基数，读者就无法核实：审计人员应索要任务数和完成数
        （提示）。
    不通过：
        “……异地就医备案等经办服务事项直办或帮代办全覆盖、医疗救助任务127%超额完成。”
    通过：
        “全年完成医疗救助1270人次，医疗救助任务完成率127%”；“筛查任务完成率达到95%”
    """

    code = "PCT004"
    title = "任务完成率超过100%未列基数"
    category = "ratio_over_100"
    severity = Severity.info

    def check(self, doc: Document) -> Iterable[Finding]:
        seen: set[tuple[str, Decimal]] = set()
        for figs in by_sentence(doc):
            for f in figs:
                if f.unit != "%" or f.value <= 100 or f.comparator:
                    continue
                subject = normalize_label(f.subject)
                m = _TASK.search(subject)
                if not m or "预算" in subject:
                    continue
                noun = m.group("noun")
                others = [g for g in figs if g is not f and g.unit != "%"]
                if any(noun[-2:] in normalize_label(g.subject) for g in others):
                    continue  # the task's own figure is stated: the rate has a base
                text = doc.paragraphs[f.paragraph].text
                clause_end = _CLAUSE.search(text, f.start)
                clause = text[f.start : clause_end.start() if clause_end else len(text)]
                k = (subject, f.value)
                if k in seen:
                    continue  # the same claim repeated in an attachment
                seen.add(k)
                yield self.finding(
                    f"“{subject}{f.text}{normalize_label(_NUMBER.sub('', clause))}”：完成率超过100%（{fmt(f.value)}%），但文中未给出{noun}任务数及完成数，无法复核",
                    [figure_evidence(doc, f)],
                    key=f"task|{subject}|{fmt(f.value)}",
                    values={"stated": f.value},
                    confidence=0.6,
                )
