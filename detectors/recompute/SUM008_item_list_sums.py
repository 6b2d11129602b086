"""SUM008: the items an explanation lists one by one against the total it states before them."""

from __future__ import annotations

import re
from collections.abc import Iterable

from extract.numbers import normalize_label
from models import Document, Figure, Severity

from ..base import NOT_APPLICABLE, PASSED, Case, Rule, balance, document_total, figure_evidence, fmt
from ..linking import class_path

# the measures an item of "（三）…具体情况" states, by the words before its figure
MEASURES = (
    ("年初预算", re.compile(r"年初预算数?(?:为|是)?$")),
    ("全年预算", re.compile(r"(?:全年|调整后?)预算数?(?:为|是)?$")),
    ("支出决算", re.compile(r"(?:支出)?决算数?(?:为|是)?$")),
)
_ITEM = re.compile(r"^\s*\d{1,2}[、.．](?!\d)")  # "1、…" (a "六、" is the next section)
MIN_ITEMS = 2


def _measures(doc: Document, figures: list[Figure]) -> dict[str, Figure]:
    out: dict[str, Figure] = {}
    for f in figures:
        if f.kind != "amount" or f.amount_wan is None:
            continue
        subject = normalize_label(f.subject)
        for name, pattern in MEASURES:
            if pattern.search(subject) and name not in out:
                out[name] = f
    return out


class ItemListSums(Rule):
    """The items listed one by one add up to the total stated before them.

    What it checks:
        A paragraph stating a total 年初预算 / 全年预算 / 支出决算 ("一般公共预算财政拨款支出年初预算
        为 10210.34 万元，支出决算为 9746.50 万元") followed by numbered items, each a 类/款/项 named by
        its path, that each state the same measures ("1、…（项）。…年初预算为 54.53 万元，支出决算为 54.50 万元"): for each measure
        every item states, the items' sum against the total, with the rounding of the printed
        values (a difference inside it is a rounding note).
    Why an auditor cares:
        The items are the total broken down; when they do not add up an item was left out, typed
        twice or misstated, and the reader cannot tell which figure to believe.
    Fails:
        total 年初预算 321.02 with nine items adding to 311.02
    Passes:
        total 全年预算 321.02 with nine items adding to 321.02
    """

    doc_zh = """逐项列出的各条目之和，等于前面写出的总数。

    检查内容：
        某段写出年初预算 / 全年预算 / 支出决算的总数（“一般公共预算财政拨款支出年初预算为 10210.34 万元，支出
        决算为 9746.50 万元”），后面编号条目各自写出同样的指标（“1、……（项）。……年初预算为 54.53 万元，支出
        决算为 54.50 万元”）：对每个条目都写了的指标，条目之和与总数比较，考虑印刷数值的尾数误差（误差内的差异
        为尾数提示）。
    为什么重要：
        条目是总数的分解；加不平，说明漏了、重复了或错写了某个条目，读者无法判断该相信哪个数字。
    不通过：
        年初预算总数 321.02，九个条目合计 311.02
    通过：
        全年预算总数 321.02，九个条目合计 321.02
    """

    code = "SUM008"
    title = "逐项说明之和与总数不符"
    category = "footing"
    severity = Severity.medium

    def cases(self, doc: Document) -> Iterable[Case]:
        by_par: dict[int, list[Figure]] = {}
        for f in doc.figures:
            by_par.setdefault(f.paragraph, []).append(f)
        scale = document_total(doc)
        for p in doc.paragraphs:
            if _ITEM.match(p.text) or p.index not in by_par:
                continue
            totals = _measures(doc, by_par[p.index])
            if not totals:
                continue
            items: list[dict[str, Figure]] = []
            for q in doc.paragraphs[p.index + 1 :]:
                measures = _measures(doc, by_par.get(q.index, []))
                if not _ITEM.match(q.text) or not measures or len(class_path(q.text)) < 2:
                    break  # the items of a breakdown by 类/款/项, each named by its path
                items.append(measures)
            if len(items) < MIN_ITEMS:
                continue
            for name, total in totals.items():
                check = f"逐项说明的{name}之和 = 总数"
                where = figure_evidence(doc, total, "total")
                parts = [i.get(name) for i in items]
                if any(x is None for x in parts):
                    yield Case(check, NOT_APPLICABLE, where)  # not every item states this measure
                    continue
                b = balance(total.amount_wan, [x.amount_wan for x in parts])
                if b.ok:
                    yield Case(check, PASSED, where)
                    continue
                finding = self.balance_finding(
                    b,
                    f"“{total.sentence[:50]}”中{name} {total.text}，其后逐项说明的{len(parts)}项{name}合计 {fmt(b.expected)} 万元，"
                    f"相差 {fmt(abs(b.difference))} 万元",
                    [where] + [figure_evidence(doc, x, "component") for x in parts[:5]],
                    key=f"items|{name}|{total.amount_wan}|{len(parts)}",
                    values={"stated": total.amount_wan, "expected": b.expected, "difference": b.difference},
                    scale=scale,
                    rounding_title="逐项说明之和存在尾数差异",
                )
                yield self.outcome(check, where, finding)
