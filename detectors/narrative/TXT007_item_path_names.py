"""TXT007: a 类/款/项 the narrative names by a path whose names are not the tables' names."""

from __future__ import annotations

from collections.abc import Iterable

from models import Document, Finding, Severity

from ..base import Rule, figure_evidence, row_evidence, table_label
from ..linking import code_rows, figure_keys, function_labels


class ItemPathNames(Rule):
    """The classification path of an item named as the tables name it.

    What it checks:
        The items the explanation lists by their path ("社会保障和就业支出（类）行政事业单位养老支出
        （款）机关事业单位退休人员活动费支出（项）", or "A-B-C"), each resolved to the document's own
        code: by its names, and where a name is not the table's, by the amount the text states for
        the item (the only sibling whose amount it is). A level whose name differs from the code's
        name in the tables is reported with the table's name: an old name of the classification,
        a 款 named like its 类, a name of another item.
    Why an auditor cares:
        The explanation is read against the tables item by item; an item named otherwise than in
        the tables sends the reader to the wrong row, and an old or invented name shows the text
        was carried over from another year or another department without checking.
    Fails:
        table 2080599 其他行政事业单位养老支出 0.88; text "社会保障和就业支出（类）行政事业单位养老支出（款）
        机关事业单位退休人员活动费支出（项）。…支出决算为 0.88 万元"
    Passes:
        the same text naming "其他行政事业单位养老支出（项）"
    """

    doc_zh = """文中条目的科目路径，名称与报表一致。

    检查内容：
        说明中按科目路径列出的条目（“社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位退休人员
        活动费支出（项）”，或“A-B-C”），各自对应到本文件的科目编码：按名称对应，名称与表格不同时，按文中
        给出的金额对应（唯一金额相符的同级科目）。某一级名称与表格中该编码的名称不同的，报告并给出表格中的
        名称：科目的旧名称、与类同名的款、其他科目的名称。
    为什么重要：
        说明要与报表逐项对照阅读；条目名称与报表不同，会把读者引到错误的行；旧名称或自拟名称说明文字是从
        其他年度或其他部门沿用过来、未经核对的。
    不通过：
        表中 2080599 其他行政事业单位养老支出 0.88；文字“社会保障和就业支出（类）行政事业单位养老支出（款）
        机关事业单位退休人员活动费支出（项）。……支出决算为 0.88 万元”
    通过：
        同一段文字写作“其他行政事业单位养老支出（项）”
    """

    code = "TXT007"
    title = "文中科目名称与报表不符"
    category = "narrative_vs_table"
    severity = Severity.low

    def check(self, doc: Document) -> Iterable[Finding]:
        labels = function_labels(doc)
        levels = {3: "类", 5: "款", 7: "项"}
        table = next((t for kind in ("gpb_expense", "expense") if (t := doc.table_of(kind)) is not None), None)
        rows = code_rows(table) if table is not None else {}
        # one finding per wrong name (a 款 named like its 类 in every item under it is one slip)
        grouped: dict[tuple[str, str], list] = {}
        for k in figure_keys(doc):
            for c in k.renamed:
                depth = {3: 0, 5: 1, 7: 2}[len(c)]
                if depth < len(k.path):
                    grouped.setdefault((c, k.path[depth]), []).append(k)
        for (code, name), keyed in grouped.items():
            first = keyed[0]
            paths = list(dict.fromkeys("-".join(k.path) for k in keyed))
            ev = [figure_evidence(doc, k.figure) for k in {"-".join(k.path): k for k in keyed}.values()][:4]
            if code in rows:
                ev.append(row_evidence(table, rows[code], "expected"))
            where = f"{table_label(table)}中" if code in rows else "报表中"
            yield self.finding(
                f"文中{levels[len(code)]}级科目名称“{name}”（{'；'.join(paths[:3])}）与{where}对应的科目"
                f"“{code} {labels.get(code, '')}”不符",
                ev,
                key=f"path|{code}|{name}",
                values={"stated": first.figure.value},
                confidence=0.85,
            )
