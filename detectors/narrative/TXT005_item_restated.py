"""TXT005: one budget line stated twice in its own item with different amounts."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from extract.numbers import normalize_label
from models import Document, Figure, Finding, Severity

from ..base import Rule, balance, figure_evidence, figure_key, fmt, table_label
from ..linking import class_path, function_labels, resolve_path, table_value


@dataclass
class Restated:
    heading: Figure  # the item's amount, after its name: "“…住房公积金（项）”350.35万元"
    restated: Figure  # the same line's amount later in the item: "2024年预算安排352.67万元"
    previous: Figure | None  # the year before, when the item compares: "2023年当年预算执行数为348.52万元"
    rate: Figure | None  # the change rate built on one of the two


def _current_subject(subject: str, doc: Document) -> bool:
    """A subject that names the item's own amount of the document's year: "2024年预算安排",
    "本年预算数" in a budget, "支出决算" in final accounts."""
    s = normalize_label(subject)
    m = re.match(r"(20\d{2})年(?:度)?", s)
    if m:
        if doc.year is None or int(m.group(1)) != doc.year:
            return False
        s = s[m.end() :]
    s = re.sub(r"^(?:本年度?|今年|当年)", "", s)
    if doc.doc_type == "部门预算":
        return re.fullmatch(r"(?:支出)?预算(?:安排|数)?(?:为)?", s) is not None
    return re.fullmatch(r"(?:支出)?决算(?:数)?(?:为)?", s) is not None


def _names_line(subject: str) -> bool:
    """Whether an amount's subject is a classification line and nothing more ("“…住房公积金（项）”",
    "…行政运行（项）支出"), not a quantity of it ("…行政运行（项）年初预算")."""
    s = normalize_label(subject)
    if len(class_path(s)) < 2:
        return False
    rest = re.split(r"\([类款项]\)|[-－—][^-－—]*$", s)[-1]
    return re.fullmatch(r"[”\"']?(?:科目)?(?:支出)?(?:合计)?(?:为|是|共)?", rest) is not None


def restated_items(doc: Document) -> list[Restated]:
    """Every numbered item whose amount is stated again, differently, in the item itself."""
    out: list[Restated] = []
    by_paragraph: dict[int, list[Figure]] = {}
    for f in doc.figures:
        by_paragraph.setdefault(f.paragraph, []).append(f)
    for figs in by_paragraph.values():
        amounts = [f for f in figs if f.kind == "amount" and f.amount_wan is not None]
        if not amounts or not _names_line(amounts[0].subject):
            continue
        heading = amounts[0]
        for g in amounts[1:]:
            if g.sentence == heading.sentence or not _current_subject(g.subject, doc):
                continue
            b = balance(g.amount_wan, [heading.amount_wan])
            if b.ok or b.rounding:
                break
            same = [x for x in figs if x.sentence == g.sentence]
            after = same[same.index(g) + 1 :]
            rate = next((x for x in after if x.kind == "change" and x.unit == "%"), None)
            previous = next(
                (x for x in same[: same.index(g)] if x.kind == "amount" and x.amount_wan is not None),
                None,
            )
            out.append(Restated(heading, g, previous if previous is not g else None, rate))
            break
    return out


def _rate(previous: Decimal, current: Decimal) -> Decimal:
    return ((current - previous) / previous * 100).quantize(Decimal("0.01"))


class ItemRestated(Rule):
    """An item of the 情况说明 gives its line one amount.

    What it checks:
        A numbered item that names its classification line with its amount ("31.“住房保障支出（类）
        住房改革支出（款）住房公积金（项）”350.35万元") and states that line's amount of the same
        year again further on ("2024年预算安排352.67万元"; "支出决算为…" in final accounts) with
        another amount. The finding says which of the two the table holds, and which one the
        item's change rate was computed on.
    Why an auditor cares:
        One of the two is misstated, and readers quote either; a rate computed on the other
        amount shows which one was typed.
    Fails:
        "31.“住房保障支出（类）住房改革支出（款）住房公积金（项）”350.35万元，主要用于住房公积金。
        2023年当年预算执行数为348.52万元，2024年预算安排352.67万元，比2023年预算执行数增加0.53%"
    Passes:
        the same item with "2024年预算安排350.35万元"
    """

    doc_zh = """情况说明中的一个条目，对其科目只给出一个金额。

    检查内容：
        列出科目及金额的编号条目（“31.“住房保障支出（类）住房改革支出（款）住房公积金（项）”350.35万元”），
        后文又以另一个金额说明该科目同一年度的金额（“2024年预算安排352.67万元”；决算中为“支出决算为……”）。
        发现指出表格中是哪一个金额，以及条目中的变动率是按哪一个金额计算的。
    为什么重要：
        两个金额中有一个是错的，读者可能引用任何一个；按另一个金额算出的变动率能说明哪个是录错的。
    不通过：
        “31.“住房保障支出（类）住房改革支出（款）住房公积金（项）”350.35万元，主要用于住房公积金。2023年当年
        预算执行数为348.52万元，2024年预算安排352.67万元，比2023年预算执行数增加0.53%”
    通过：
        同一条目写作“2024年预算安排350.35万元”
    """

    code = "TXT005"
    title = "同一科目在本项说明中金额前后不一致"
    category = "narrative_vs_table"
    severity = Severity.medium

    def check(self, doc: Document) -> Iterable[Finding]:
        labels = function_labels(doc)
        for r in restated_items(doc):
            h, g = r.heading, r.restated
            stated, expected = g, h
            notes = []
            code = resolve_path(class_path(normalize_label(h.subject)), labels)
            cell = table_value(doc, f"code:{code}", "budget", h) if code else None
            if cell is not None:
                where = f"{table_label(cell.table)}{code}为 {fmt(cell.value)} 万元"
                if balance(g.amount_wan, [cell.value]).broken and not balance(h.amount_wan, [cell.value]).broken:
                    notes.append(f"{where}，与前者相符")
                elif balance(h.amount_wan, [cell.value]).broken and not balance(g.amount_wan, [cell.value]).broken:
                    notes.append(f"{where}，与后者相符")
                    stated, expected = h, g
            if r.rate is not None and r.previous is not None and r.previous.amount_wan:
                p = r.previous.amount_wan
                on_heading, on_restated = _rate(p, h.amount_wan), _rate(p, g.amount_wan)
                if abs(abs(on_heading) - r.rate.value) <= Decimal("0.01") < abs(abs(on_restated) - r.rate.value):
                    notes.append(
                        f"文中变动率{r.rate.text}按 {fmt(h.amount_wan)} 计算（按 {fmt(g.amount_wan)} 应为 {fmt(abs(on_restated))}%）"
                    )
                elif abs(abs(on_restated) - r.rate.value) <= Decimal("0.01") < abs(abs(on_heading) - r.rate.value):
                    notes.append(
                        f"文中变动率{r.rate.text}按 {fmt(g.amount_wan)} 计算（按 {fmt(h.amount_wan)} 应为 {fmt(abs(on_heading))}%）"
                    )
            difference = stated.amount_wan - expected.amount_wan
            msg = (
                f"“{h.sentence[:50]}”：该科目先列 {h.text}，同项又称“{g.subject}{g.text}”，相差 {fmt(abs(g.amount_wan - h.amount_wan))} 万元"
                + "".join(f"；{n}" for n in notes)
            )
            yield self.finding(
                msg,
                [figure_evidence(doc, expected, "expected"), figure_evidence(doc, stated, "stated")],
                key=f"restated|{figure_key(h)}|{g.value}",
                values={"stated": stated.amount_wan, "expected": expected.amount_wan, "difference": difference},
            )
