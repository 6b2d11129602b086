"""PRF008: self-evaluation tables that score nothing, and a conclusion that gives no score."""

from __future__ import annotations

import re
from collections.abc import Iterable

from extract.numbers import normalize_digits
from models import Document, Evidence, Finding, Severity

from ..base import Rule, row_evidence
from ._common import same_project_docs
from .PRF007_score_without_table import scored, sentence_at

EVAL_KINDS = ("perf_project_eval", "perf_dept_eval")
# a qualitative conclusion of the self-evaluation: "整体支出绩效自评情况较好"
_QUALITATIVE = re.compile(r"(?:绩效)?自评(?:情况|结果|结论)?(?:总体)?(?:较好|良好|好|优秀|优良|合格|满意)")
_SCORE = re.compile(r"\d+(?:\.\d+)?\s*分")
SHOWN = 3


class EvaluationWithoutScores(Rule):
    """A self-evaluation is scored.

    What it checks:
        A document whose 绩效自评表 (项目支出绩效自评表, 绩效目标完成情况表 …) give expected and
        actual values but no 分值, 得分 or 总分 for any indicator. The finding quotes the sentences
        that conclude the self-evaluation in words only ("整体支出绩效自评情况较好").
    Why an auditor cares:
        The self-evaluation rules (财预〔2020〕10号) score each indicator against its weight
        (执行率 10, 产出 50, 效益 30, 满意度 10) and grade the total; without the scores there is no
        grade, and "情况较好" cannot be checked against the shortfalls the tables show.
    Fails:
        six 项目绩效目标完成情况表 with 预期指标值 | 实际完成指标值 only, and "整体支出绩效自评情况较好。"
    Passes:
        the same tables with 分值 | 得分 columns and a 总分 row
    """

    doc_zh = """绩效自评应当打分。

    检查内容：
        文件中的绩效自评表（项目支出绩效自评表、绩效目标完成情况表……）给出预期值和实际值，但没有任何指标的分值、
        得分或总分。发现引用只用文字下结论的句子（“整体支出绩效自评情况较好”）。
    为什么重要：
        自评规定（财预〔2020〕10号）要求每个指标按权重打分（执行率10、产出50、效益30、满意度10）并按总分评级；
        没有得分就没有等级，“情况较好”也无法与表中显示的差距相对照。
    不通过：
        六张项目绩效目标完成情况表只有 预期指标值 | 实际完成指标值，并写有“整体支出绩效自评情况较好。”
    通过：
        同样的表，有 分值 | 得分 列和总分行
    """

    code = "PRF008"
    title = "绩效自评未评分"
    category = "missing_or_blank"
    severity = Severity.low

    def check(self, doc: Document) -> Iterable[Finding]:
        projects = [
            p
            for p in same_project_docs(doc)
            if (t := doc.table(p.table)) is not None and t.kind in EVAL_KINDS and any(i.actual for i in p.indicators)
        ]
        if not projects or scored(doc) or any(i.weight is not None for p in projects for i in p.indicators):
            return
        first = doc.table(projects[0].table)
        head = next((r for r in first.rows if any("三级指标" in c.text for c in r.cells)), None) if first else None
        ev = [row_evidence(first, head, "context")] if first is not None and head is not None else []
        said: list[str] = []
        for para in doc.paragraphs:
            text = normalize_digits(para.text)
            for m in _QUALITATIVE.finditer(text):
                start, end = sentence_at(para.text, m.start(), m.end())
                sentence = para.text[start:end].strip()
                if _SCORE.search(normalize_digits(sentence)) or sentence in said:
                    continue
                said.append(sentence)
                if len(said) <= SHOWN:
                    ev.append(Evidence(sentence, para.page_at(m.start()), para.span_bbox(m.start(), m.end()), "stated"))
        msg = f"{len(projects)} 个项目的绩效自评表只列指标值和实际完成值，没有分值、得分和总分，指标未评分"
        if said:
            msg += f"；自评结论仅为“{said[0][:40]}”，未给出得分和等级"
        yield self.finding(msg, ev, key="unscored", values={"stated": len(projects)}, confidence=0.8)
