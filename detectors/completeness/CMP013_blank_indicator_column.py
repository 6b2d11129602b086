"""CMP013: a column of a performance table's indicator block left blank in every row."""

from __future__ import annotations

import re
from collections.abc import Iterable

from extract.forms import indicator_columns
from models import Document, Finding, Severity

from ..base import Rule, row_evidence, table_label

# the row-label column ("绩效指标") is blank below its first cell by construction; a deviation
# reason is only owed where a target is missed (PRF003 checks that)
_OPTIONAL = re.compile(r"^绩效指标|偏差原因|原因分析|改进措施|备注|说明")
MIN_ROWS = 3


class BlankIndicatorColumn(Rule):
    """Every column of the indicator block is filled in.

    What it checks:
        In a 绩效目标表 / 绩效自评表, a column of the indicator header (指标性质, 指标值, 度量单位,
        权重, 指标方向性, 分值, 得分 …) that is blank in every indicator row, in a block of at
        least three indicators. The row-label column and the 偏差原因 column (owed only for a
        missed target) are not required.
    Why an auditor cares:
        The template asks for the column because the indicator cannot be judged without it: a
        target with no 指标方向性 does not say whether more or less is better, an indicator with
        no 权重 carries no weight in the score.
    Fails:
        项目绩效目标申报表 with 指标方向性 blank for all 43 indicators
    Passes:
        the same table with 正向 / 反向 in every row
    """

    doc_zh = """指标区的每一列都已填写。

    检查内容：
        绩效目标表 / 绩效自评表中，指标表头的某一列（指标性质、指标值、度量单位、权重、指标方向性、分值、得分……）
        在所有指标行中都为空，且该区至少有三个指标。行名称列和偏差原因列（只有未完成目标时才需要）不作要求。
    为什么重要：
        模板要求这一列，是因为没有它就无法评判指标：没有指标方向性的目标说不清越多越好还是越少越好，没有权重的
        指标在得分中不占分量。
    不通过：
        项目绩效目标申报表43个指标的指标方向性全部为空
    通过：
        同一张表每行都填有正向 / 反向
    """

    code = "CMP013"
    title = "绩效表指标栏整列未填"
    category = "missing_or_blank"
    severity = Severity.low

    def check(self, doc: Document) -> Iterable[Finding]:
        for t in doc.tables:
            if not t.kind.startswith("perf_"):
                continue
            head, labels, rows = indicator_columns(t)
            if len(rows) < MIN_ROWS:
                continue
            blank = [
                label
                for j, label in enumerate(labels)
                if label and not _OPTIONAL.search(label) and not any(texts[j] for _, texts in rows)
            ]
            if not blank:
                continue
            names = "、".join(f"“{b}”" for b in blank)
            yield self.finding(
                f"{table_label(t)}的{names}栏在全部 {len(rows)} 个指标中均未填写",
                [row_evidence(t, t.rows[head], "context"), row_evidence(t, t.rows[rows[0][0]], "stated")],
                key=f"blank-column|{t.id}|{'|'.join(blank)}",
            )
