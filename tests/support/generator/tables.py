"""Tables by function code, shared by 决算 and 预算: which items a table lists, the value of each of
its columns for an item or a 类/款/合计 row (in 元), and the grid as a template lays it out (one
code column or 类 | 款 | 项, 类 and 款 rows or 项 rows only, 合计 first or last)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from .layout import Builder, row_text
from .money import ZERO
from .world import FISCAL, Item

# the columns of each code table, in the order printed, with their header words
COLUMNS: dict[str, list[tuple[str, str]]] = {
    "inc": [("total", "本年收入合计"), ("fiscal", "财政拨款收入"), ("superior", "上级补助收入"), ("business", "事业收入"),
            ("operating", "经营收入"), ("affiliated", "附属单位上缴收入"), ("other", "其他收入")],
    "exp": [("total", "本年支出合计"), ("basic", "基本支出"), ("project", "项目支出"), ("remit", "上缴上级支出"),
            ("operating", "经营支出"), ("subsidiary", "对附属单位补助支出")],
    "gpb": [("total", "小计"), ("basic", "基本支出"), ("project", "项目支出")],
    "fund": [("opening", "年初结转和结余"), ("income", "本年收入"), ("total", "小计"), ("basic", "基本支出"),
             ("project", "项目支出"), ("closing", "年末结转和结余")],
    "cap": [("total", "合计"), ("basic", "基本支出"), ("project", "项目支出")],
    "capx": [("opening", "年初结转和结余"), ("income", "本年收入"), ("total", "小计"), ("basic", "基本支出"),
             ("project", "项目支出"), ("closing", "年末结转和结余")],
    # 预算
    "b_inc": [("total", "合计"), ("carry", "上年结转"), ("gpb", "一般公共预算拨款收入"), ("fund", "政府性基金预算拨款收入"),
              ("capital", "国有资本经营预算拨款收入"), ("business", "事业收入"), ("operating", "事业单位经营收入"), ("other", "其他收入")],
    "b_exp": [("total", "合计"), ("basic", "基本支出"), ("project", "项目支出")],
    "b_gpb": [("total", "合计"), ("basic", "基本支出"), ("project", "项目支出")],
    "b_fund": [("total", "合计"), ("basic", "基本支出"), ("project", "项目支出")],
    "b_cap": [("total", "合计"), ("basic", "基本支出"), ("project", "项目支出")],
}  # fmt: skip

_SOURCE = {
    "fund": "fund",
    "cap": "capital",
    "capx": "capital",
    "b_fund": "fund",
    "b_cap": "capital",
    "gpb": "gpb",
    "b_gpb": "gpb",
}


def in_table(it: Item, table: str) -> bool:
    src = _SOURCE.get(table)
    if src:
        return bool(it.exp(src) or it.opening.get(src) or it.closing.get(src))
    return bool(it.total or any(it.inc(s) for s in FISCAL))


def item_value(it: Item, table: str, col: str) -> Decimal:
    """The value in 元 of one column for one item."""
    if table == "inc":
        return {
            "total": sum((it.inc(s) for s in ("gpb", "fund", "capital", "superior", "business", "other")), ZERO),
            "fiscal": sum((it.inc(s) for s in FISCAL), ZERO),
            "superior": it.inc("superior"),
            "business": it.inc("business"),
            "other": it.inc("other"),
        }.get(col, ZERO)
    if table in ("exp", "b_exp"):
        return {"total": it.total, "basic": it.exp(part="basic"), "project": it.exp(part="project")}.get(col, ZERO)
    if table == "b_inc":
        carry = sum((it.opening.get(s, ZERO) for s in ("gpb", "fund", "capital", "superior", "business", "other")), ZERO)
        values = {
            "carry": carry,
            "fiscal": sum((it.inc(s) for s in FISCAL), ZERO),
            "gpb": it.inc("gpb"),
            "fund": it.inc("fund"),
            "capital": it.inc("capital"),
            "business": it.inc("business") + it.inc("superior"),
            "other": it.inc("other"),
        }
        values["total"] = sum((v for k, v in values.items() if k != "fiscal"), ZERO)
        return values.get(col, ZERO)
    src = _SOURCE[table]
    return {
        "total": it.exp(src),
        "basic": it.exp(src, "basic"),
        "project": it.exp(src, "project"),
        "opening": it.opening.get(src, ZERO),
        "closing": it.closing.get(src, ZERO),
        "income": it.inc(src),
    }.get(col, ZERO)


class CodeTables(Builder):
    """The code-table half of a document builder."""

    def table_items(self, table: str) -> list[Item]:
        return [it for it in self.w.sorted_items() if in_table(it, table)]

    def true_value(self, table: str, key: str, col: str) -> Decimal:
        """A 项, 款, 类 or 合计 row's value (合计: every item of the table)."""
        prefix = "" if key == "合计" else key
        return sum((item_value(it, table, col) for it in self.table_items(table) if it.code.startswith(prefix)), ZERO)

    def code_keys(self, table: str) -> list[str]:
        """Row keys in print order: 类, 款, 项 (or 项 only)."""
        items = self.table_items(table)
        if not self.s.hierarchy:
            return [it.code for it in items]
        keys = []
        for lei in sorted({it.code[:3] for it in items}):
            keys.append(lei)
            for kuan in sorted({it.code[:5] for it in items if it.code.startswith(lei)}):
                keys.append(kuan)
                keys += [it.code for it in items if it.code.startswith(kuan)]
        return keys

    def code_cells(self, code: str, previous: str) -> list[str]:
        """The code as printed: one column, or 类 | 款 | 项 (parents repeated, or left blank under
        the same parent)."""
        if not self.s.split_codes:
            return [code]
        parts = [code[:3], code[3:5], code[5:7]]
        if not self.s.parent_repeated and previous:
            for i, n in enumerate((3, 5)[: {3: 0, 5: 1, 7: 2}[len(code)]]):
                if code[:n] == previous[:n]:
                    parts[i] = ""
        return parts

    def code_header(self) -> tuple[list[str], list[str], list[str]]:
        """(upper header cells, lower header cells, roles) of the code and name columns."""
        if self.s.split_codes:
            return ["科目编码", "", "", "科目名称"], ["类", "款", "项", ""], ["lei", "kuan", "xiang", "label"]
        word = self.rng.choice(("功能分类科目编码", "功能分类 科目编码", "科目编码"))
        return [word, "科目名称"], ["", ""], ["code", "label"]

    def code_body(self, table: str, cols: Sequence[str], unit: str, total_label: str = "合计",
                  name: Callable[[str], str] | None = None) -> tuple[list[list[str]], list[str]]:  # fmt: skip
        """The 合计 row and the code rows of a table (rows, keys), spots recorded."""
        name = name or self.w.class_name
        rows, keys = [], []
        previous = ""
        for key in self.code_keys(table):
            vals = [self.cell(table, key, c, self.true_value(table, key, c)) for c in cols]
            cells = self.code_cells(key, previous) + [name(key)] + [self.a(v, unit) for v in vals]
            previous = key
            rows.append(cells)
            keys.append(key)
            self.spot(("row", table, key), row_text(cells))
        total = [self.cell(table, "合计", c, self.true_value(table, "合计", c)) for c in cols]
        if not self.s.split_codes:
            head = [total_label, ""]
        else:
            head = [total_label, "", "", ""] if self.t == "shanghai" else ["", "", "", total_label]
        total_row = head + [self.a(v, unit) for v in total]
        self.spot(("row", table, "合计"), row_text(total_row))
        if self.s.total_last:
            return rows + [total_row], keys + ["合计"]
        return [total_row] + rows, ["合计"] + keys
