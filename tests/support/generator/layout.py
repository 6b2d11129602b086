"""A document as blocks (paragraphs and table grids), the publisher's printing habits, and the
base every document type builds on: amounts printed in a table's unit, figures of the text,
the overrides through which errors are planted, and the spots where they sit.

A builder draws every wording choice from its own ``rng`` in the same order whatever is planted,
so that a document with injected errors differs from its clean twin only where they are.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from decimal import Decimal

from .money import HUNDRED, ZERO, fmt_dec, pct, q2, wan
from .world import World


@dataclass
class Para:
    text: str
    group: str = ""  # the table or section it belongs to (dropped with it)
    role: str = "body"  # title | heading | body | meta | note


@dataclass
class Grid:
    rows: list[list[str]]
    group: str
    header: int  # header rows at the top
    roles: list[str]  # what each column holds: code | lei | kuan | xiang | unit_code | label | total | basic …
    unit: str  # 万元 | 元 | "" (forms)
    keys: list[str] = field(default_factory=list)  # per row: what it is ("" for header rows)
    form: bool = False  # a performance form, not a grid of amounts


Block = Para | Grid


def row_text(cells: list[str]) -> str:
    """A table row as the product's evidence shows it, without its leading and trailing blanks."""
    return "\t".join(cells).strip("\t")


@dataclass(frozen=True)
class Style:
    """How this publisher prints: one draw per document."""

    thousands: bool  # 52,738.56 in 万元 tables
    fixed: bool  # 2.40 rather than 2.4 in tables
    zero: str  # a zero amount in a table: "", "0", "0.00", "-"
    narr_fixed: bool  # 2.40万元 rather than 2.4万元 in the text
    narr_thousands: bool  # 9,101.68万元 in the text
    pct_fixed: bool  # 185.50% rather than 185.5%
    hierarchy: bool  # 类 and 款 rows printed above their 项
    full_classes: bool  # the total tables list every 类
    split_codes: bool  # codes over 类 | 款 | 项 columns
    parent_repeated: bool  # with split codes: the parent's digits repeated on each row
    total_last: bool  # the 合计 row under the code rows
    numbered: bool  # tables carry their number (表1, 公开01表)
    spaced_number: bool  # "公开 01 表"
    unit_label: str
    item_word: str  # 项目 | 项 目
    share_word: str  # 占 | 占比
    down_word: str  # 下降 | 减少
    column_numbers: bool  # a 栏次 row under the header
    weights_in_labels: bool  # "产出指标 (50分)"
    fiscal_row_full: bool  # the 当年财政拨款 row repeats 分值/执行率/得分
    note_prefix: bool  # the empty-table explanation starts with 说明：
    empty_row: str  # the 无 row of an empty table: "无0" | "无" | ""
    pct_from_yuan: bool  # shares computed on 元, not on the printed 万元 (a 0.01 % tail)
    long_income: bool  # the income paragraph lists every source, 0 included
    self_report: bool  # Hunan: the 部门整体支出绩效自评报告 text in the 附件
    pdf_rules: str  # grid | box | none
    pdf_wrap: bool  # the narrative hard-wrapped in fixed lines, double spaced (numbers split)


def draw_style(rng: random.Random, template: str, kind: str) -> Style:
    sh, sc = template == "shanghai", template == "sichuan"
    budget = kind == "预算"
    return Style(
        thousands=rng.random() < (0.0 if sh else 0.8 if sc else 0.4),
        fixed=sh or sc or rng.random() < 0.5,
        zero=rng.choice(("", "0.00")) if sh else rng.choice(("", "0", "0.00", "-")) if sc else rng.choice(("", "0", "0.00")),
        narr_fixed=rng.random() < (0.6 if sh else 0.3),
        narr_thousands=sh and rng.random() < 0.5,
        pct_fixed=rng.random() < (0.7 if sh else 0.3),
        hierarchy=sh or rng.random() < 0.55,
        full_classes=sh or rng.random() < 0.5,
        split_codes=(budget and (sh or sc)) or (not sh and rng.random() < 0.2),
        parent_repeated=sh or rng.random() < 0.7,
        total_last=(budget and sh) or (not sh and rng.random() < 0.15),
        numbered=not sh or rng.random() < 0.5,
        spaced_number=rng.random() < 0.6,
        unit_label=rng.choice(("单位：万元", "金额单位：万元")),
        item_word=rng.choice(("项 目", "项目")),
        share_word=rng.choice(("占", "占比")),
        down_word=rng.choice(("下降", "减少")),
        column_numbers=not sh and rng.random() < 0.8,
        weights_in_labels=rng.random() < 0.6,
        fiscal_row_full=rng.random() < 0.6,
        note_prefix=sh or rng.random() < 0.7,
        empty_row=rng.choice(("无0", "无", "")),
        pct_from_yuan=rng.random() < 0.3,
        long_income=rng.random() < 0.4,
        self_report=rng.random() < 0.5,
        pdf_rules=rng.choice(("grid", "grid", "box", "none")),
        pdf_wrap=rng.random() < (0.7 if sh else 0.3),
    )


# words a unit's own disclosure keeps from its department's: names of other bodies and of the
# classification ("部门预算经济分类")
_KEPT = re.compile(r"(主管部门|预算部门|财政部门|上级部门|部门协同|部门履职效能|部门预算经济分类)")
# Shanghai's table titles: "部门财务收支预算总表" → "预算单位财务收支预算总表"
_SHANGHAI_TABLE = re.compile(
    r"部门(?=(?:财务收支|收入预算|支出预算|财政拨款收支|一般公共预算|政府性基金预算|国有资本经营预算)\S*表)"
)


def unit_words(text: str, template: str) -> str:
    """A department's wording as a unit's own disclosure (单位预算 / 单位决算) words it."""
    if "部门" not in text:
        return text
    text = text.replace("预算主管部门：", "预算单位：").replace("部门（单位）", "单位")
    if template == "shanghai":
        text = _SHANGHAI_TABLE.sub("预算单位", text)
    parts = _KEPT.split(text)
    return "".join(part if k % 2 else part.replace("部门", "单位") for k, part in enumerate(parts))


class Builder:
    """Blocks, spots and the printed form of every figure; subclasses write one document type."""

    def __init__(self, w: World, st: Style, rng: random.Random, ov: dict):
        self.w, self.s, self.rng, self.ov = w, st, rng, ov
        self.t = w.template
        self.level = "单位" if w.unit_index is not None else "部门"  # a unit's own disclosure, or a department's
        self.blocks: list[Block] = []
        self.spots: dict = {}
        self.tables: dict[str, tuple[str, str]] = {}  # group → (title, number) of the tables printed
        self.legit: list[tuple[str, str, object]] = []  # (kind, description, spot) of legitimate irregularities

    # ------------------------------------------------------------------ output
    def words(self, text: str) -> str:
        """The text in this disclosure's own words (a unit's: 单位 where its department says 部门)."""
        return text if self.level == "部门" else unit_words(text, self.t)

    def para(self, text: str, group: str = "", role: str = "body") -> None:
        if self.ov.get(("department_words", group)) and ("department_words",) not in self.spots:
            self.spots[("department_words",)] = text  # a planted error: the first paragraph of the group keeps them
        else:
            text = self.words(text)
        self.blocks.append(Para(text, group, role))

    def grid(self, rows: list[list[str]], group: str, header: int, roles: list[str], unit: str, keys: list[str] | None = None,
             form: bool = False) -> None:  # fmt: skip
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        keys = keys or [""] * len(rows)
        self.blocks.append(Grid(rows, group, header, roles + [""] * (width - len(roles)), unit, keys, form))

    def spot(self, key, text: str) -> str:
        self.spots[key] = self.words(text)
        return self.spots[key]

    def legitimate(self, kind: str, description: str, spot) -> None:
        self.legit.append((kind, description, spot))

    def kept(self) -> list[Block]:
        """The blocks without the groups an injection dropped."""
        drop = {k[1] for k in self.ov if isinstance(k, tuple) and k[0] == "drop"}
        return [b for b in self.blocks if not (b.group and (b.group in drop or b.group.split(":")[0] in drop))]

    # ------------------------------------------------------------------ overrides
    def cell(self, table: str, key: str, col: str, value: Decimal) -> Decimal:
        return self.ov.get(("cell", table, key, col), value)

    def narr(self, key, value):
        return self.ov.get(("narr", key), value)

    # ------------------------------------------------------------------ printed figures
    def a(self, yuan: Decimal | None, unit: str = "万元", zero: bool = True) -> str:
        """A table amount (given in 元) as this publisher prints it in ``unit``."""
        if yuan is None:
            return ""
        if unit == "元":
            return f"{q2(yuan):,.2f}" if yuan else ("" if zero and self.s.zero in ("", "-") else "0.00")
        v = wan(yuan)
        if v == 0 and zero:
            return self.s.zero
        s = f"{v:,.2f}" if self.s.thousands else f"{v:.2f}"
        if not self.s.fixed:
            s = s.rstrip("0").rstrip(".") if "." in s else s
        return s

    def n(self, yuan: Decimal) -> str:
        """An amount of the text, in 万元."""
        v = wan(yuan)
        if self.s.narr_thousands:
            s = f"{v:,.2f}"
            return s if self.s.narr_fixed else (s.rstrip("0").rstrip(".") if "." in s else s)
        return f"{v:.2f}" if self.s.narr_fixed else fmt_dec(v)

    def p(self, v: Decimal) -> str:
        """A rate of the text, in %."""
        v = q2(v)
        if v == HUNDRED or v == 0:
            return f"{v:.2f}" if self.s.pct_fixed and self.t == "shanghai" else fmt_dec(v)
        return f"{v:.2f}" if self.s.pct_fixed else fmt_dec(v)

    def rate(self, part: Decimal, whole: Decimal) -> Decimal:
        """A share of the text: on the printed 万元 (or, for some publishers, on 元)."""
        if not whole:
            return ZERO
        return pct(part, whole) if self.s.pct_from_yuan else pct(wan(part), wan(whole))
