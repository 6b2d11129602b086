"""CMP006: required cells of the performance forms left blank (控制率, rows of the basic-data table,
a cell of a self-evaluation's money line)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from extract.numbers import normalize_label, parse_cell
from models import Cell, Document, Finding, Row, Severity, Table

from ..base import Rule, fmt, row_evidence, table_label

REQUIRED_LABELS = ("控制率",)
# a sub-item of the row above it ("1、医保工作经费", "其中：公车购置"): its own blanks follow its parent's
_CHILD = re.compile(r"^(\d+|[一二三四五六七八九十]+)[、.．]|^其中")
_MONEY_HEAD = re.compile(r"全年执行数|^执行数$")
SHOWN = 4
# rows that are blank when nothing happened: "无" under a heading, an adjustment never made
_OPTIONAL_ROW = re.compile(r"^(无|没有|无此项)$|调整|变动")


def _filled(cell: Cell) -> bool:
    return bool(cell.text.strip())


def _is_header(row: Row) -> bool:
    """A row of column labels: two or more texts after the first cell and no number."""
    rest = [c for c in row.cells[1:] if _filled(c)]
    return len(rest) >= 2 and all(parse_cell(c.text).kind == "text" for c in rest)


def sections(t: Table) -> list[tuple[Row, list[int], list[Row]]]:
    """The basic-data table as its blocks: (header row, the columns it labels, the rows under it)."""
    out: list[tuple[Row, list[int], list[Row]]] = []
    for row in t.rows:
        if _is_header(row):
            out.append((row, [j for j, c in enumerate(row.cells) if j and _filled(c)], []))
        elif out:
            out[-1][2].append(row)
    return out


def _at(row: Row, k: int) -> bool:
    return k < len(row.cells) and _filled(row.cells[k])


def _label(row: Row) -> str:
    return normalize_label(row.cells[0].text) if row.cells else ""


def _shown(row: Row) -> str:
    """The label as printed, without the spaces a converter adds."""
    return re.sub(r"\s+", "", row.cells[0].text).rstrip(":：") if row.cells else ""


def _shown_text(cell: Cell | None) -> str:
    return re.sub(r"\s+", "", cell.text).rstrip(":：") if cell is not None else ""


def _names(rows: list[Row]) -> str:
    shown = "".join(f"“{_shown(r)}”" for r in rows[:SHOWN])
    return shown + (f"等 {len(rows)} 行" if len(rows) > SHOWN else "行")


class BlankRequiredCells(Rule):
    """Required figures of the performance forms are filled in.

    What it checks:
        In the 部门整体支出绩效评价基础数据表: the value under 控制率 (实际在职人数 / 编制数), with the
        expected rate computed from the row's own counts; rows with a label and no value at all
        (政府采购金额, 厉行节约保障措施 …; not a "无" row, nor an adjustment that was not made); and a
        row blank in a column where its own sub-item has a figure (公用经费 with no 2022 年决算数
        while 其中：办公经费 has 43.52). In a 绩效自评表: a blank cell inside the money line (年初预算数 …
        得分) between filled ones, such as a 执行率 left out between 分值 and 得分.
    Why an auditor cares:
        控制率 is the staffing control figure the evaluation asks for; a blank row or cell is a
        figure the form requires and the department did not give, and a blank between filled
        cells is a figure that was left out, not one that does not apply.
    Fails:
        编制数 16 | 实际在职人数 11 | 控制率 (blank); 政府采购金额 (blank row);
        其中：当年财政拨款 | 40 | 40 | 39.41 | 10 | (blank) | 9
    Passes:
        编制数 16 | 实际在职人数 11 | 控制率 68.75%; 其中：当年财政拨款 | 40 | 40 | 39.41 | 10 | 98.53% | 9
    """

    doc_zh = """绩效表中必填的数字已填写。

    检查内容：
        部门整体支出绩效评价基础数据表中：控制率（实际在职人数 ÷ 编制数）一栏的数值，并按该行自身的人数算出应有的
        比率；有名称却完全没有数值的行（政府采购金额、厉行节约保障措施……；不包括“无”行及未作的调整）；以及自身的
        子项有数字、本行在该列却为空的行（公用经费没有2022年决算数，而其中：办公经费为43.52）。绩效自评表中：资金
        一行（年初预算数……得分）中，夹在已填单元格之间的空单元格，例如分值与得分之间漏填的执行率。
    为什么重要：
        控制率是评价要求的编制控制数；空行或空单元格是表格要求、部门却没有提供的数字，夹在已填单元格之间的空格是
        漏填，而不是不适用。
    不通过：
        编制数 16 | 实际在职人数 11 | 控制率（空）；政府采购金额（空行）；其中：当年财政拨款 | 40 | 40 | 39.41 | 10 |（空）| 9
    通过：
        编制数 16 | 实际在职人数 11 | 控制率 68.75%；其中：当年财政拨款 | 40 | 40 | 39.41 | 10 | 98.53% | 9
    """

    code = "CMP006"
    title = "基础数据表必填项为空"
    category = "missing_or_blank"
    severity = Severity.medium
    version = 2

    def check(self, doc: Document) -> Iterable[Finding]:
        for t in doc.tables_of("perf_basic_data"):
            yield from self._control_rate(t)
            yield from self._blank_rows(t)
            yield from self._blank_columns(t)
        for t in doc.tables:
            if t.kind in ("perf_project_eval", "perf_dept_eval"):
                yield from self._money_gaps(t)

    def _control_rate(self, t: Table) -> Iterable[Finding]:
        for i, row in enumerate(t.rows[:-1]):
            labels = [normalize_label(c.text) for c in row.cells]
            for k, label in enumerate(labels):
                if label not in REQUIRED_LABELS:
                    continue
                below = t.rows[i + 1].cells
                if k < len(below) and below[k].text.strip():
                    continue
                counts = [parse_cell(c.text).value for c in below if parse_cell(c.text).value is not None]
                expected = (counts[1] / counts[0] * 100).quantize(Decimal("0.01")) if len(counts) >= 2 and counts[0] else None
                msg = f"{t.title}“{label}”栏为空" + (
                    f"，按实际在职 {fmt(counts[1])} 人 ÷ 编制 {fmt(counts[0])} 人应为 {fmt(expected)}%"
                    if expected is not None
                    else ""
                )
                yield self.finding(
                    msg,
                    [row_evidence(t, row, "context"), row_evidence(t, t.rows[i + 1], "stated")],
                    key=f"blank|{t.id}|{label}",
                    values={"expected": expected} if expected is not None else {},
                )

    def _blank_rows(self, t: Table) -> Iterable[Finding]:
        """Rows with a label and nothing else."""
        blank = [
            r
            for _, _, rows in sections(t)
            for r in rows
            if _label(r) and not _OPTIONAL_ROW.search(_label(r)) and not any(_filled(c) for c in r.cells[1:])
        ]
        if not blank:
            return
        yield self.finding(
            f"{table_label(t)}中{_names(blank)}未填写任何内容",
            [row_evidence(t, r, "stated") for r in blank],
            key=f"blank-rows|{t.id}|{'|'.join(_label(r) for r in blank)}",
            severity=Severity.low,
        )

    def _blank_columns(self, t: Table) -> Iterable[Finding]:
        """A row blank in a column where one of its own sub-items ("其中：办公经费" under 公用经费)
        has a figure: the whole cannot be nothing when its part is something."""
        for head, cols, rows in sections(t):
            for j in cols:
                if normalize_label(head.cells[j].text) in REQUIRED_LABELS:
                    continue  # said above, with the expected rate
                column = normalize_label(head.cells[j].text)
                for k, parent in enumerate(rows):
                    if not _label(parent) or _CHILD.match(_label(parent)) or _at(parent, j):
                        continue
                    children = []
                    for r in rows[k + 1 :]:
                        if not _CHILD.match(_label(r)):
                            break
                        children.append(r)
                    part = next((r for r in children if _at(r, j)), None)
                    if part is None:
                        continue
                    yield self.finding(
                        f"{table_label(t)}“{_shown(parent)}”行“{column}”栏空白，而其下“{_shown(part)}”填有 {part.cells[j].text.strip()}",
                        [
                            row_evidence(t, head, "context"),
                            row_evidence(t, parent, "stated", [j]),
                            row_evidence(t, part, "context", [j]),
                        ],
                        key=f"blank-column|{t.id}|{column}|{_label(parent)}",
                        severity=Severity.low,
                    )

    def _money_gaps(self, t: Table) -> Iterable[Finding]:
        """A blank between filled cells of a self-evaluation's money line."""
        for i, head in enumerate(t.rows):
            labels = [normalize_label(c.text) for c in head.cells]
            if not any(_MONEY_HEAD.search(x) for x in labels) or not any("预算数" in x for x in labels):
                continue
            cols = [
                j
                for j, x in enumerate(labels)
                if x and j > 0 and ("预算数" in x or "执行数" in x or x in ("分值", "执行率", "得分"))
            ]
            for row in t.rows[i + 1 : i + 5]:
                texts = [row.cells[j].text.strip() if j < len(row.cells) else "" for j in cols]
                filled = [k for k, x in enumerate(texts) if x]
                if len(filled) < 2:
                    continue
                holes = [k for k in range(filled[0] + 1, filled[-1]) if not texts[k]]
                if not holes:
                    continue
                label_cell = next((c for c in row.cells if c.text.strip()), None)
                label = normalize_label(label_cell.text) if label_cell is not None else ""
                missing = "、".join(f"“{labels[cols[k]]}”" for k in holes)
                msg = f"{table_label(t)}“{_shown_text(label_cell)}”行的{missing}栏空白，而同行其他栏已填写"
                values: dict = {}
                if [labels[cols[k]] for k in holes] == ["执行率"]:
                    budget = next((row.cells[j] for j in cols if labels[j] == "全年预算数"), None)
                    executed = next((row.cells[j] for j in cols if "执行数" in labels[j]), None)
                    b = parse_cell(budget.text).value if budget is not None else None
                    e = parse_cell(executed.text).value if executed is not None else None
                    if b and e is not None:
                        rate = (e / b * 100).quantize(Decimal("0.01"))
                        msg += f"（按 {fmt(e)} ÷ {fmt(b)} 应为 {fmt(rate)}%）"
                        values["expected"] = rate
                yield self.finding(
                    msg,
                    [row_evidence(t, head, "context"), row_evidence(t, row, "stated", [cols[k] for k in holes])],
                    key=f"money-gap|{t.id}|{label}",
                    values=values,
                    severity=Severity.low,
                )
            return
