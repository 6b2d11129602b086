"""CMP001: the standard tables a 部门决算 / 部门预算 must publish, and those its 目录 lists."""

from __future__ import annotations

import re
from collections.abc import Iterable

from extract.numbers import normalize_label
from extract.tables import KIND_LABELS, recognise_kind
from extract.templates import template_of
from models import Document, Evidence, Severity

from ..base import FAILED, PASSED, Case, Rule, table_title_evidence

_LISTED = re.compile(r"^[-\s]*(?:[一二三四五六七八九十]+[、.．]|\d+[、.．])\s*(.{2,40}表(?:[（(][^）)]{1,12}[）)])?)\s*$")


CHECK = "应公开的报表已找到"


def required_tables(doc: Document) -> list[str]:
    """The kinds of the standard tables the document's template requires of its type."""
    return template_of(doc).tables.get(doc.doc_type) or []


def listed_tables(doc: Document) -> list[tuple[str, int]]:
    """Tables named in the 目录 / 附表 lists: (kind, paragraph index)."""
    out = []
    for p in doc.paragraphs:
        m = _LISTED.match(p.text.strip())
        if m:
            kind = recognise_kind(m.group(1))
            if kind:
                out.append((kind, p.index))
    return out


class StandardTables(Rule):
    """The standard tables are all there.

    What it checks:
        For a 部门决算 the nine tables of 财预〔2016〕143号 (收入支出决算总表 … “三公”经费支出决算表);
        for a 部门预算 its equivalents; and every table its 目录 or 附表 list names.
    Why an auditor cares:
        A missing table is a disclosure that was not made; its figures cannot be checked against
        anything else in the document.
    Fails:
        目录 lists "财政拨款支出预算表（部门经济分类科目）" and no such table follows
    Passes:
        all nine 公开表 present
    """

    doc_zh = """应公开的报表齐全。

    检查内容：
        部门决算：财预〔2016〕143号规定的九张表（收入支出决算总表……“三公”经费支出决算表）；部门预算：相应的
        各表；以及目录或附表清单列出的每一张表。
    为什么重要：
        缺少的报表就是没有公开的内容；其中的数字无法与文件中的其他内容相互核对。
    不通过：
        目录列有“财政拨款支出预算表（部门经济分类科目）”，后文却没有这张表
    通过：
        九张公开表齐全
    """

    code = "CMP001"
    title = "应公开的报表缺失"
    category = "missing_or_blank"
    severity = Severity.medium

    def cases(self, doc: Document) -> Iterable[Case]:
        required = required_tables(doc)
        if not required:
            return
        present = {t.kind for t in doc.tables}
        listed = listed_tables(doc)
        kinds = list(dict.fromkeys(required + [k for k, _ in listed]))
        if not present & set(required):
            names = [doc.paragraphs[i].text.strip() for _, i in listed]
            finding = self.finding(
                f"{doc.doc_type}应公开{len(required)}张标准报表"
                + (f"，附表目录列出 {len(names)} 张" if names else "")
                + "，但文件中没有任何报表，文中数字无法与报表核对",
                [
                    Evidence(doc.paragraphs[i].text, doc.paragraphs[i].page, doc.paragraphs[i].bbox, "context")
                    for _, i in listed[:14]
                ]
                or [Evidence(doc.paragraphs[0].text, doc.paragraphs[0].page, doc.paragraphs[0].bbox, "context")],
                key="no-tables",
                severity=Severity.high,
                values={"expected": len(required), "stated": 0},
            )
            for kind in kinds:
                yield Case(CHECK, FAILED, _missing(kind), finding)
            return
        for kind in kinds:
            if kind in present:
                yield Case(CHECK, PASSED, table_title_evidence(doc.table_of(kind)))
                continue
            where = next((i for k, i in listed if k == kind), None)
            ev = (
                Evidence(doc.paragraphs[where].text, doc.paragraphs[where].page, doc.paragraphs[where].bbox, "context")
                if where is not None
                else _missing(kind)
            )
            msg = (
                f"目录列出“{normalize_label(doc.paragraphs[where].text).lstrip('-')}”，但文件中没有这张表"
                if where is not None
                else f"缺少{doc.doc_type}应公开的{KIND_LABELS.get(kind, kind)}"
            )
            yield Case(CHECK, FAILED, ev, self.finding(msg, [ev], key=f"missing|{kind}"))


def _missing(kind: str) -> Evidence:
    return Evidence(f"（缺少：{KIND_LABELS.get(kind, kind)}）", None, None, "context")
