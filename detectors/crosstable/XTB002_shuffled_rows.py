"""XTB002: amounts permuted among codes between sister tables (shuffled rows)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from models import Document, Evidence, Finding, Severity, Table

from ..base import Rule, document_total, fmt, materiality, row_evidence, table_label
from ._common import code_rows, leaf_codes, pairs_for

TOL = Decimal("0.01")


def _permutation(a: Table, ca: str, b: Table, cb: str) -> dict[str, str] | None:
    """code → the code whose amount (in a) it carries in b: the codes whose amounts differ between
    the two tables and, taken round a cycle, each carry the next one's amount. Other codes may
    differ too (a carry-over, another error): only the cycles are a shuffle."""
    ra, rb = code_rows(a), code_rows(b)
    codes = [c for c in leaf_codes(ra) if c in rb]
    differ = [c for c in codes if (a.value(ra[c], ca) or 0) != (b.value(rb[c], cb) or 0)]
    carries: dict[str, str] = {}  # code → the one code whose amount in a it carries in b
    for c in differ:
        vb = b.value(rb[c], cb) or 0
        matches = [o for o in differ if o != c and vb and abs((a.value(ra[o], ca) or 0) - vb) <= TOL]
        if len(matches) == 1:
            carries[c] = matches[0]
    mapping: dict[str, str] = {}
    for start in carries:
        cycle, c = [start], carries[start]
        while c in carries and c not in cycle:
            cycle.append(c)
            c = carries[c]
        if c == start:
            mapping.update({k: carries[k] for k in cycle})
    return mapping or None


def find_shuffles(doc: Document) -> list[tuple[Table, str, list[tuple[Table, str]], dict[str, str]]]:
    """(reference table, its column, shuffled tables with their columns, mapping)."""
    out: list = []
    for a, ca, b, cb, _ in pairs_for(doc):
        mapping = _permutation(a, ca, b, cb)
        if not mapping:
            continue
        for entry in out:
            if entry[3] == mapping and entry[0] is a:
                entry[2].append((b, cb))
                break
        else:
            # the same shuffle seen from the other side (b is the reference of an earlier pair)
            if any(e[3] == mapping and any(t is a for t, _ in e[2]) for e in out):
                continue
            out.append((a, ca, [(b, cb)], mapping))
    return out


def shuffled_codes(doc: Document) -> set[str]:
    return {c for _, _, _, m in find_shuffles(doc) for c in m}


class ShuffledRows(Rule):
    """Amounts moved to other codes' rows between sister tables — one finding per shuffle.

    What it checks:
        Between 收入决算表, 支出决算表 and 一般公共预算财政拨款支出决算表: codes whose amounts differ
        and form a cycle, each carrying the next one's amount (other codes may differ beside them,
        by a carry-over or another error). All the moved rows are reported together, naming which
        code's amount each one carries.
    Why an auditor cares:
        A shuffle keeps the 合计 right, so footing checks do not see it, yet every 项 it touches is
        misstated; the rows must be restored from the ledger, not corrected one by one.
    Fails:
        支出决算表 2101501 行政运行 105.6 (收入决算表 45.83)、2101301 城乡医疗救助 15.13 (105.6)、
        2210201 住房公积金 25.28 (15.13) …
    Passes:
        every code with the same amount in both tables
    """

    doc_zh = """姊妹表之间，金额被移到了其他科目的行上（行次错乱），每次错位一条发现。

    检查内容：
        在收入决算表、支出决算表和一般公共预算财政拨款支出决算表之间：金额不一致的科目构成一个循环，每个科目
        都带着下一个科目的金额（其他科目可能同时因结转结余或别的错误而不一致）。错位的各行一并报告，并指出
        每行带的是哪个科目的金额。
    为什么重要：
        行次错乱时合计仍然正确，合计类检查发现不了，但涉及的每个项都列错了；应按账簿恢复各行，而不是逐行
        修改。
    不通过：
        支出决算表 2101501 行政运行 105.6（收入决算表为 45.83）、2101301 城乡医疗救助 15.13（105.6）、
        2210201 住房公积金 25.28（15.13）……
    通过：
        每个科目在两张表中的金额都相同
    """

    code = "XTB002"
    title = "表间科目金额错位（行次错乱）"
    category = "cross_table"
    severity = Severity.high

    def check(self, doc: Document) -> Iterable[Finding]:
        scale = document_total(doc)
        for ref, cref, shuffled, mapping in find_shuffles(doc):
            rr = code_rows(ref)
            parts = []
            moved = Decimal(0)
            evidence: list[Evidence] = []
            for t, c in shuffled:
                rt = code_rows(t)
                for code in mapping:
                    evidence.append(row_evidence(t, rt[code], "stated", [t.column(c).index]))
            for code, source in mapping.items():
                evidence.append(row_evidence(ref, rr[code], "expected", [ref.column(cref).index]))
                t, c = shuffled[0]
                got = t.value(code_rows(t)[code], c) or Decimal(0)
                want = ref.value(rr[code], cref) or Decimal(0)
                moved += abs(got - want)
                parts.append(
                    f"{code} {rr[code].label} 为 {fmt(got)}（{table_label(ref)}为 {fmt(want)}，{fmt(got)} 是 {source} {rr[source].label} 的金额）"
                )
            names = "、".join(table_label(t) for t, _ in shuffled)
            msg = f"{names}与{table_label(ref)}相比，{len(mapping)} 个科目的金额互相错位：" + "；".join(parts)
            yield self.finding(
                msg,
                evidence,
                key=f"{ref.kind}|" + ",".join(sorted(mapping)),
                values={"codes": len(mapping), "difference": moved},
                materiality=materiality(moved / 2, scale),
            )
