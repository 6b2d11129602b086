"""SUM002: the classification-code hierarchy: 类 = Σ款, 款 = Σ项, 合计 = Σ类."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from extract.numbers import normalize_label
from extract.tables import row_code
from models import Document, Row, Severity, Table

from ..base import NOT_APPLICABLE, PASSED, Case, Rule, balance, document_total, fmt, row_evidence, table_label
from ..linking import econ_items, personnel_public

CODE_TABLES = {"income", "expense", "gpb_expense", "gov_fund", "state_capital", "gpb_basic_detail", "gpb_project", "econ_expense"}
NON_AMOUNT = {"code", "label", "line_no", "unit_code", ""}
TOTAL_LABELS = {"合计", "总计", "本年合计"}
LEVELS = {3: "类", 5: "款", 7: "项"}


class CodeHierarchy(Rule):
    """A parent code's amount = the sum of its children's.

    What it checks:
        For every amount column of a table printed by classification code: each 类 (3 digits)
        equals the sum of its 款 (5 digits), each 款 the sum of its 项 (7 digits), and the 合计
        row the sum of the 类 rows (or of the 项 rows when only 项 are printed). In the economic
        classification table each group (301, 302 …) equals the sum of its items (30101 …), and
        人员经费合计 = 301 + 303, 公用经费合计 = 302 + 307 + 310 + 399 where the table prints them
        (a break there is low: templates count a group more or less — high when the two totals
        together miss the sum of every group by the same amount, which no way of counting explains).
    Why an auditor cares:
        The hierarchy is how the tables are compiled; a break means a row was left out, typed
        twice or moved, and it is the quickest way to find a missing or shuffled line.
    Fails:
        合计 362.62 while the 项 rows sum to 352.62
    Passes:
        210 卫生健康支出 329.85 = 21011 (20.17) + 21013 (114.47) + 21015 (195.21)
    """

    doc_zh = """上级科目的金额等于其下级科目之和。

    检查内容：
        按功能分类科目编码列示的表格的每个金额列：每个类（3位）等于其下各款（5位）之和，每个款等于其下
        各项（7位）之和，合计行等于各类之和（只列项时等于各项之和）。经济分类表中每一类（301、302……）
        等于其下各款（30101……）之和；表中列有时，人员经费合计 = 301 + 303，公用经费合计 = 302 + 307 +
        310 + 399（此处不符为低风险：各模板对归类略有不同；但两个合计之和与各类之和也相差同一金额时为高风险，
        任何归类口径都解释不了）。
    为什么重要：
        科目层级就是报表的编制方式；层级不平，说明漏列、重复或错放了某一行，这是发现漏行、串行最快的办法。
    不通过：
        合计 362.62，而各项之和为 352.62
    通过：
        210 卫生健康支出 329.85 = 21011（20.17）+ 21013（114.47）+ 21015（195.21）
    """

    code = "SUM002"
    title = "上级科目与下级科目之和不符"
    category = "footing"
    severity = Severity.high

    def cases(self, doc: Document) -> Iterable[Case]:
        scale = document_total(doc)
        for table in doc.tables:
            if table.kind not in CODE_TABLES:
                continue
            for block in _blocks(table):
                yield from self._check_block(table, block, scale)
            if table.kind == "gpb_basic_detail":
                yield from self._personnel_public(table, scale)

    def _personnel_public(self, table: Table, scale) -> Iterable[Case]:
        """人员经费合计 = 301 + 303 and 公用经费合计 = the other groups, where the economic table
        prints them as labelled totals of its blocks (公开06表)."""
        personnel, public, row = personnel_public(table)
        items = econ_items(table)
        if row is None or row.label in TOTAL_LABELS:
            return  # printed as columns of the 合计 row: the column sums above check them
        groups_of = {"人员经费合计": ("301", "303"), "公用经费合计": ("302", "307", "309", "310", "399")}
        every = [items[g].value for gs in groups_of.values() for g in gs if g in items and items[g].value is not None]
        # the two totals together against every group: a template that counts a group in the other
        # total still adds up to them all; a typed total does not
        both = (
            balance(personnel[1].value + public[1].value, every, table.unit)
            if personnel is not None and public is not None and every
            else None
        )
        for what, total in (("人员经费合计", personnel), ("公用经费合计", public)):
            groups = groups_of[what]
            parts = [items[g] for g in groups if g in items and items[g].value is not None]
            check = f"{what} = {' + '.join(groups)}"
            where = row_evidence(table, row, "total")
            if total is None or not parts:
                yield Case(check, NOT_APPLICABLE, where)
                continue
            b = balance(total[1].value, [i.value for i in parts], table.unit)
            if b.ok:
                yield Case(check, PASSED, where)
                continue
            listed = " + ".join(f"{i.code} {fmt(i.value)}" for i in parts)
            ev = [where] + [row_evidence(table, i.row, "component", [i.col]) for i in parts]
            message = f"{table_label(table)} {what} {fmt(total[1].value)}，{listed} = {fmt(b.expected)}，相差 {fmt(b.difference)}"
            # templates count a group more or less in 人员经费 (DOMAIN.md): a break is low — unless
            # the two totals together miss the sum of every group as well
            typed = (
                both is not None
                and not (both.ok or both.rounding)
                and abs(both.difference - b.difference) <= both.tolerance + b.tolerance
            )
            if typed:
                message += f"（人员经费合计与公用经费合计之和 {fmt(both.stated)} 也不等于各类合计 {fmt(both.expected)}，不是归类口径不同）"
            finding = self.balance_finding(
                b,
                message,
                ev,
                key=f"{table.kind}|{what}",
                values={"stated": total[1].value, "expected": b.expected, "difference": b.difference},
                scale=scale,
                rounding_title="上下级科目存在尾数误差",
                severity=None if typed else Severity.low,
            )
            yield self.outcome(check, where, finding)

    def _check_block(self, table: Table, block: tuple[int, int, list[int]], scale) -> Iterable[Case]:
        code_idx, label_idx, amount_cols = block
        entries: list[tuple[str, Row]] = []
        labels: dict[str, str] = {}  # code → its name in this block (a row of a side-by-side table holds several)
        total_row: Row | None = None
        for row in table.rows:
            code = _code_at(table, row, code_idx, label_idx)
            label = _label_at(row, label_idx)
            if code:
                entries.append((code, row))
                labels[code] = label
            elif label in TOTAL_LABELS and total_row is None:
                total_row = row
        if not entries:
            return
        codes = {c for c, _ in entries}
        # the economic classification's groups (301 …) and items (30101 …) are its 类 and 款
        prefix = "经济分类 " if entries[0][0].startswith("3") else ""
        printed = [r for _, r in entries] + ([total_row] if total_row is not None else [])
        for col in amount_cols:
            if all(r.cells[col].value is None for r in printed):
                continue  # a column the table leaves blank throughout: nothing to add up
            header = table.columns[col].header.split("/")[-1] or "金额"
            for code, row in entries:
                children = [(c, r) for c, r in entries if _parent(c, codes) == code]
                if not children:
                    continue
                check = f"{prefix}{LEVELS[len(code)]} = Σ{_levels(children)}"
                yield self._compare(table, row, f"{code} {labels[code]}", children, col, header, scale, check, code)
            if total_row is not None:
                roots = [(c, r) for c, r in entries if not _parent(c, codes)]
                check = f"{prefix}合计 = Σ{_levels(roots)}"
                yield self._compare(table, total_row, total_row.label, roots, col, header, scale, check, "合计")

    def _compare(self, table, parent: Row, label: str, children, col: int, header: str, scale, check: str, name: str) -> Case:
        """``label``: the parent as the message names it; ``name``: its code (or "合计") for the key."""
        stated = parent.cells[col].value
        parts = [r.cells[col].value for _, r in children]
        where = row_evidence(table, parent, "total", [col])
        if stated is None and not any(parts):
            return Case(check, NOT_APPLICABLE, where)
        b = balance(stated or Decimal(0), parts, table.unit)
        if b.ok:
            return Case(check, PASSED, where)
        child_codes = "、".join(c for c, _ in children[:8]) + ("等" if len(children) > 8 else "")
        ev = [where] + [row_evidence(table, r, "component", [col]) for _, r in children]
        key = f"{table.kind}|{table.part}|{name}|{table.columns[col].role}|{col}"
        values = {"stated": stated or Decimal(0), "expected": b.expected, "difference": b.difference}
        msg = f"{table_label(table)} {label}（{header}）{fmt(stated)}，下级科目 {child_codes} 合计 {fmt(b.expected)}，相差 {fmt(b.difference)}"
        finding = self.balance_finding(b, msg, ev, key=key, values=values, scale=scale, rounding_title="上下级科目存在尾数误差")
        return self.outcome(check, where, finding)


def _levels(entries: list[tuple[str, Row]]) -> str:
    """类 / 款 / 项 of these codes, as the check names them ("款", or "款、项" when a 项 hangs
    directly under its 类)."""
    return "、".join(dict.fromkeys(LEVELS[len(c)] for c, _ in entries))


def _blocks(table: Table) -> list[tuple[int, int, list[int]]]:
    """(code column, label column, amount columns) per side-by-side block of the table."""
    cols = table.columns
    starts = [c.index for c in cols if c.role == "code"]
    if not starts:
        return []
    # split codes printed over 类/款/项 columns form one code: keep only the first of a run
    firsts = [s for s in starts if s - 1 not in starts]
    blocks = []
    for k, start in enumerate(firsts):
        end = firsts[k + 1] if k + 1 < len(firsts) else len(cols)
        label = next((c.index for c in cols[start:end] if c.role == "label"), -1)
        amounts = [c.index for c in cols[start:end] if c.role not in NON_AMOUNT]
        blocks.append((start, label, amounts))
    return blocks


def _code_at(table: Table, row: Row, code_idx: int, label_idx: int) -> str:
    """The code of a row in one block of the table."""
    code = row_code([c.text for c in row.cells], [c.role for c in table.columns], code_idx)
    if not code and _first_block(table, code_idx):
        code = row.code  # a code printed inside the label cell ("2080505 机关…")
    return code


def _first_block(table: Table, code_idx: int) -> bool:
    return code_idx == next(c.index for c in table.columns if c.role == "code")


def _label_at(row: Row, label_idx: int) -> str:
    if label_idx < 0 or label_idx >= len(row.cells):
        return row.label
    return normalize_label(row.cells[label_idx].text) or row.label


def _parent(code: str, codes: set[str]) -> str:
    """The nearest printed ancestor of a code ("" for a root)."""
    for n in (5, 3):
        if len(code) > n and code[:n] in codes:
            return code[:n]
    return ""
