"""What a narrative figure is about, and where the tables state the same quantity.

``figure_keys(doc)`` gives each amount figure a canonical key ("expense_total", "basic",
"class:210", "item:2101501", "three_public@final" …) from its subject phrase, the sentence
around it (an item named earlier in the sentence carries over to "支出决算为…"), the
section it sits in, and the 项 heading paragraph before it. ``table_value(doc, key)`` looks the
key up in the standard tables.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from extract.numbers import normalize_label, parse_cell
from models import Amount, Cell, Document, Figure, Row, Table
from models.amount import MONEY_UNITS


def code_rows(t: Table) -> dict[str, Row]:
    out: dict[str, Row] = {}
    for r in t.rows:
        if r.code and r.code not in out:
            out[r.code] = r
    return out


def leaf_codes(rows: dict[str, Row]) -> list[str]:
    """Codes with no printed child (the 项 rows, or 款/类 rows printed alone)."""
    codes = set(rows)
    return [c for c in rows if not any(o != c and o.startswith(c) for o in codes)]


CLASS_CODES = {
    "一般公共服务": "201",
    "外交": "202",
    "国防": "203",
    "公共安全": "204",
    "教育": "205",
    "科学技术": "206",
    "文化旅游体育与传媒": "207",
    "社会保障和就业": "208",
    "卫生健康": "210",
    "节能环保": "211",
    "城乡社区": "212",
    "农林水": "213",
    "交通运输": "214",
    "资源勘探工业信息等": "215",
    "商业服务业等": "216",
    "金融": "217",
    "援助其他地区": "219",
    "自然资源海洋气象等": "220",
    "住房保障": "221",
    "粮油物资储备": "222",
    "灾害防治及应急管理": "224",
    "其他": "229",
}
_CLASS_LABEL = re.compile(r"^(?:[一二三四五六七八九十]+、)?(.+?)支出$")


def class_code(label: str) -> str:
    m = _CLASS_LABEL.match(normalize_label(label))
    return CLASS_CODES.get(m.group(1), "") if m else ""


def money(t: Table, value: Decimal | None) -> Amount | None:
    """A number read from table ``t`` as money in the table's unit (万元 for tables that are not
    in a unit of money, such as performance forms)."""
    if value is None:
        return None
    return Amount(value, t.unit if t.unit in MONEY_UNITS else "万元")


def class_amount(t: Table, code: str, role: str) -> tuple[Amount | None, list[Row]]:
    """A 类 amount of a code table: its 类 row, or the sum of its top printed rows."""
    rows = code_rows(t)
    if code in rows:
        return money(t, t.value(rows[code], role)), [rows[code]]
    codes = [c for c in rows if c.startswith(code)]
    tops = [c for c in codes if not any(o != c and c.startswith(o) for o in codes)]
    if not tops:
        return None, []
    vals = [t.value(rows[c], role) or Decimal(0) for c in tops]
    return money(t, sum(vals, Decimal(0))), [rows[c] for c in tops]


def total_row(t: Table) -> Row | None:
    return next((r for r in t.rows if r.label in ("合计", "总计") and not r.code), None)


def labelled_row(t: Table, *labels: str) -> Row | None:
    return next((r for r in t.rows if r.label in labels), None)


# a two-sided total table's 本年 totals; templates without carry-over lines (budgets) print only
# the 总计 rows
INCOME_TOTAL = ("本年收入合计", "一、本年收入", "本年收入小计")
EXPENSE_TOTAL = ("本年支出合计", "一、本年支出", "本年支出小计")
INCOME_GRAND = ("总计", "收入总计", "收入合计")
EXPENSE_GRAND = ("总计", "支出总计", "支出合计")


def year_total_row(t: Table, income: bool) -> Row | None:
    """The 本年收入合计 / 本年支出合计 row of one half of a two-sided total table; the 总计 row
    when the table has no carry-over lines (then the two are the same)."""
    row = labelled_row(t, *(INCOME_TOTAL if income else EXPENSE_TOTAL))
    if row is not None:
        return row
    if any("结转" in r.label or "结余" in r.label for r in t.rows):
        return None
    return labelled_row(t, *(INCOME_GRAND if income else EXPENSE_GRAND))


def personnel_public(t: Table) -> tuple[tuple[Cell, Amount] | None, tuple[Cell, Amount] | None, Row | None]:
    """人员经费合计 and 公用经费合计 of the basic-expense detail table (the cell that names or holds
    each, and the amount): printed as labelled cells (公开06表), or as the 人员经费 / 公用经费
    columns of its 合计 row."""
    total = total_row(t)
    if total is not None and t.column("personnel") and t.column("public"):
        cells = [t.cell(total, role) for role in ("personnel", "public")]
        amounts = [money(t, c.value) if c is not None else None for c in cells]
        if all(a is not None for a in amounts):
            return (cells[0], amounts[0]), (cells[1], amounts[1]), total
    found: dict[str, tuple[Cell, Amount]] = {}
    where = None
    for r in t.rows:
        for i, c in enumerate(r.cells):
            label = normalize_label(c.text)
            if label in ("人员经费合计", "公用经费合计", "人员经费", "公用经费"):
                # the amount may sit under a 科目名称 column of the block: read the cells' text
                v = next((parse_cell(x.text).value for x in r.cells[i + 1 :] if parse_cell(x.text).value is not None), None)
                if v is not None:
                    found[label.replace("合计", "")] = (c, money(t, v))
                    where = r
    return found.get("人员经费"), found.get("公用经费"), where


# (key, pattern the normalised subject must match in full, once the year, the department's
# name and filler words are taken off its front) — specific before general
_SCOPE = r"(?:一般公共预算)?(?:财政拨款)?(?:安排的?)?"
_WHEN = r"(?:支出)?(?:决算数?|预算数?|年初预算数?|全年预算数?|调整预算数?)?"
KEYS: list[tuple[str, str]] = [
    ("three_public", _SCOPE + r"[“\"]?三公[”\"]?经费(?:财政拨款)?(?:支出)?"),
    ("vehicle_subtotal", r"公务用车购置(?:费)?及运行(?:维护)?费(?:支出)?"),
    ("vehicle_purchase", r"公务用车购置费?(?:支出)?"),
    ("vehicle_running", r"公务用车运行(?:维护)?费(?:支出)?"),
    ("abroad", r"因公出国[（(]境[)）](?:经)?费(?:用)?(?:支出)?"),
    ("reception", r"(?:国内)?公务接待费(?:支出)?"),
    ("running_cost", r"机关运行经费(?:支出)?"),
    ("personnel", _SCOPE + r"人员经费(?:支出)?"),
    ("public", _SCOPE + r"(?:日常)?公用经费(?:支出)?"),
    ("gov_fund_income", r"政府性基金(?:预算)?(?:财政)?(?:拨款)?收入"),
    ("gov_fund_expense", r"政府性基金(?:预算)?(?:财政)?(?:拨款)?支出"),
    ("gpb_expense", r"一般公共预算(?:财政)?(?:拨款)?支出"),
    ("fiscal_income_grand", r"财政拨款收入总计"),
    ("fiscal_expense_grand", r"财政拨款支出总计"),
    ("fiscal_income", r"财政拨款(?:总)?收入(?:合计)?"),
    ("fiscal_expense", r"财政拨款(?:总)?支出(?:合计)?"),
    # a budget's 收入预算 is its 收入总计: "收入预算227.90万元，其中：上年结转0.84万元……"
    ("income_grand", r"收入总计|收入预算"),
    ("expense_grand", r"支出总计"),
    ("income_total", r"(?:本年)?收入合计|总收入"),
    ("expense_total", r"(?:本年)?支出合计|总支出|支出预算"),
    ("basic", _SCOPE + r"基本支出"),
    ("project", _SCOPE + r"项目支出"),
]
_FILLER = re.compile(
    r"^(?:\d{1,2}[.、．](?!\d)|[（(]\d{1,2}[)）]|[（(][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|\d{4}年(?:度)?|本年度|全年|本部门|本单位|我单位|我局|其中|共|截至\S*?日)+"
)
THREE_PUBLIC = {"three_public", "vehicle_subtotal", "vehicle_purchase", "vehicle_running", "abroad", "reception"}
_CLASS = re.compile(r"([\u4e00-\u9fff]{2,12}?)(?:支出)?[（(]类[)）]")
_ITEM = re.compile(r"([\u4e00-\u9fff]{2,20}?)(?:支出)?[（(]项[)）]")
_PREVIOUS = re.compile(r"上年|去年|上一年|同期")
_SCOPE_ONLY = re.compile(r"涉及(一般公共预算|政府性基金|国有资本|资金)")  # the money an evaluation covered


@dataclass
class Keyed:
    figure: Figure
    key: str  # canonical quantity
    when: str  # final | budget
    path: list[str] = field(default_factory=list)  # the 类/款/项 names the text gives (code keys)
    renamed: list[str] = field(default_factory=list)  # codes of the path whose name is not the table's


def _when(subject: str) -> str:
    bare = re.sub(r"一般公共预算|政府性基金预算|国有资本经营预算|预算单位|部门预算", "", subject)
    if "预算" in bare and "决算" not in bare:
        return "initial" if "年初" in bare else "budget"
    return "final"


def _scope(doc: Document, f: Figure) -> str:
    """Whether a 基本支出 / 项目支出 figure means the 一般公共预算 tables, the 政府性基金 or all funds."""
    p = doc.paragraphs[f.paragraph]
    if "政府性基金" in f.sentence:
        return "fund"
    text = p.section + f.sentence
    return "gpb" if re.search(r"一般公共预算|财政拨款", text) else "all"


def _scope_of(doc: Document, f: Figure) -> str:
    """The money a figure about one classification code speaks of: its sentence, the heading it
    sits under, or the line that introduces its list ("财政拨款支出主要内容如下：")."""
    if "政府性基金" in f.sentence:
        return "fund"
    context = [doc.paragraphs[f.paragraph].section, f.sentence]
    for p in reversed(doc.paragraphs[max(0, f.paragraph - 40) : f.paragraph]):
        if p.text.rstrip().endswith(("：", ":")) or p.section != doc.paragraphs[f.paragraph].section:
            context.append(p.text)
            break
    text = "".join(context)
    if "政府性基金" in text and "一般公共预算" not in text:
        return "fund"
    return "gpb" if re.search(r"一般公共预算|财政拨款", text) else "all"


# A name in a classification path: brackets that are part of the name ("政府办公厅（室）") are kept;
# those that mark the level ("（类）") end it.
_NAME = r"(?:[^“”\"'，,。；;：:（()）\s\-－—]|[（(](?![类款项][)）])[^（()）]{1,6}[)）])+"
_LEVEL_PATH = re.compile(rf"({_NAME})[（(]类[)）](?:\s*({_NAME})[（(]款[)）])?(?:\s*({_NAME})[（(]项[)）])?")
_DASH_PATH = re.compile(rf"[“\"]({_NAME})[-－—]({_NAME})(?:[-－—]({_NAME}))?[”\"]")


def class_path(text: str) -> list[str]:
    """The names of a classification path written in the text, 类 first: "一般公共服务支出（类）商贸
    事务（款）行政运行（项）" or "“一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行”"; the
    last path before the end of ``text``."""
    found = [m for m in _LEVEL_PATH.finditer(text)] + [m for m in _DASH_PATH.finditer(text)]
    if not found:
        return []
    m = max(found, key=lambda m: m.end())
    names = [normalize_label(g) for g in m.groups() if g]
    # the numbering of the item the path opens ("9、城乡社区支出（类）…") is not part of its name
    return [re.sub(r"^(?:\d{1,2}|[一二三四五六七八九十]{1,3})[、.．]", "", n) for n in names]


def _name_key(name: str) -> str:
    name = normalize_label(name).replace("(", "（").replace(")", "）")
    return re.sub(r"^[一二三四五六七八九十]+、|支出$", "", name)


def function_labels(doc: Document) -> dict[str, str]:
    """Every function code the document's code tables print, with its name."""
    out: dict[str, str] = {}
    for t in doc.tables:
        if t.kind in ("income", "expense", "gpb_expense", "gov_fund", "state_capital", "gpb_project"):
            for r in t.rows:
                if r.code.startswith("2") and r.label and r.code not in out:
                    out[r.code] = r.label
    return out


def resolve_path(names: list[str], labels: dict[str, str], fits: Callable[[str], bool] | None = None) -> tuple[str, list[str]]:
    """The code a classification path names, read level by level among the document's own codes
    (a 类 by its name or its standard code, then a child by its name), and the codes of the levels
    whose name is not the table's; ("", …) when a level does not resolve to one code. A name that
    differs slightly from the table's resolves when it is the only close one among its siblings;
    one that differs more ("机关事业单位退休人员活动费支出" for 其他行政事业单位养老支出) resolves when
    ``fits`` (the amount the text states for the item) singles out one sibling."""
    from rapidfuzz import fuzz

    code, renamed = "", []
    for depth, name in enumerate(names):
        width = (3, 5, 7)[depth] if depth < 3 else 0
        siblings = {c: _name_key(lb) for c, lb in labels.items() if len(c) == width and c.startswith(code)}
        key = _name_key(name)
        if not siblings and depth < len(names) - 1:
            # the tables print no code of this level here (only 项 rows, say): the path goes on
            # below it, under the 类's standard code
            if depth == 0:
                if key not in CLASS_CODES:
                    return "", []
                code = CLASS_CODES[key]
            continue
        exact = [c for c, lb in siblings.items() if lb == key]
        if depth == 0 and not exact and CLASS_CODES.get(key) in siblings:
            exact = [CLASS_CODES[key]]
        if len(exact) == 1:
            code = exact[0]
            continue
        close = sorted(((fuzz.ratio(key, lb), c) for c, lb in siblings.items()), reverse=True)
        if close and close[0][0] >= 80 and (len(close) == 1 or close[1][0] < close[0][0] - 10):
            code = close[0][1]
            renamed.append(code)
            continue
        fitting = [c for c in siblings if fits is not None and fits(c)]
        if len(fitting) == 1:
            code = fitting[0]
            renamed.append(code)
            continue
        return "", []
    return code, renamed


def _amount_fits(doc: Document, f: Figure) -> Callable[[str], bool]:
    """Whether a code (or one of its printed children) carries the amount ``f`` states, as the
    text prints it, in the tables a classification item is read from."""
    stated = f.amount
    amounts: dict[str, list[Amount]] = {}
    for kind in ("gpb_expense", "expense", "gov_fund", "state_capital"):
        t = doc.table_of(kind)
        if t is None:
            continue
        for r in t.rows:
            a = t.amount(r, "total")
            if r.code and a is not None:
                amounts.setdefault(r.code, []).append(a)

    def fits(code: str) -> bool:
        if stated is None:
            return False
        return any(a.rounded_like(stated) == stated for c, found in amounts.items() if c.startswith(code) for a in found)

    return fits


def figure_keys(doc: Document) -> list[Keyed]:
    out: list[Keyed] = []
    labels = function_labels(doc)
    item_of_paragraph: dict[int, str] = {}
    for p in doc.paragraphs:
        m = _ITEM.search(p.text)
        if m and len(p.text) < 80:
            item_of_paragraph[p.index + 1] = normalize_label(m.group(1))
    last_key: dict[str, str] = {}
    for f in doc.figures:
        if f.kind != "amount" or f.unit not in ("万元", "元", "亿元"):
            continue
        renamed: list[str] = []
        subject = normalize_label(f.subject)
        sentence_id = f"{f.paragraph}|{f.sentence}"
        if _SCOPE_ONLY.search(f.sentence):
            continue
        if _PREVIOUS.search(subject) or _other_year(subject, doc.year):
            last_key.pop(sentence_id, None)
            continue
        core = _core(subject, doc.department)
        key = _key(core)
        # "支出决算", "2020年预算数": the figure of the item its paragraph names
        generic = re.fullmatch(r"(支出)?(决算|决算数|预算|预算数|年初预算|年初预算数|全年预算数)(为)?", core or "-")
        if key is None and (generic or re.search(r"[（(][类款项][)）]|[-－—]", subject)):
            # a classification path named before the figure, in its clause or earlier in its
            # numbered item ("1、…（类）…（款）…（项）。…年初预算为 X 万元，支出决算为 Y 万元")
            p = doc.paragraphs[f.paragraph]
            names = class_path(normalize_label(f.subject)) or (class_path(p.text[: f.start]) if generic else [])
            if len(names) > 1:  # a 款 or 项 (a 类 alone is read as a class below)
                code, renamed = resolve_path(names, labels, _amount_fits(doc, f))
                key = f"code:{code}" if code else "unresolved"
        if key is None:
            m = _CLASS.search(subject)
            if m and _class_code(m.group(1)):
                key = f"class:{_class_code(m.group(1))}"
        if key is None and generic:
            key = last_key.get(sentence_id)
            if key is None and f.paragraph in item_of_paragraph:
                key = f"item:{item_of_paragraph[f.paragraph]}"
        if key == "unresolved":
            continue  # a path we could not resolve: not a 类 total
        if key is None:
            continue
        if key in ("basic", "project"):
            key = f"{key}:{_scope(doc, f)}"
        base = key.split("@")[0]
        last_key[sentence_id] = base
        when = _when(subject) if subject else "final"
        out.append(Keyed(f, base, when, names if key.startswith("code:") else [], renamed if key.startswith("code:") else []))
    return out


def _other_year(subject: str, year: int | None) -> bool:
    m = re.search(r"(20\d{2})年", subject)
    return bool(m and year and int(m.group(1)) != year)


def _core(subject: str, department: str) -> str:
    if department:
        subject = subject.replace(department, "")
    return _FILLER.sub("", subject)


def _key(core: str) -> str | None:
    for key, pattern in KEYS:
        if re.fullmatch(pattern + _WHEN, core):
            return key
    return None


def subject_key(doc: Document, subject: str, figure: Figure) -> str | None:
    """The canonical key of a quantity named in words ("本年支出合计" → "expense_total"), for a
    whole a sentence (``figure``'s) names without stating it ("占本年支出合计的99.86%"); a 基本支出
    or 项目支出 with the money the sentence speaks of, as ``figure_keys`` keys them."""
    key = _key(_core(normalize_label(subject), doc.department))
    return f"{key}:{_scope(doc, figure)}" if key in ("basic", "project") else key


def _class_code(name: str) -> str:
    name = re.sub(r"支出$", "", name)
    return CLASS_CODES.get(name, "")


@dataclass
class TableCell:
    amount: Amount  # as printed, in the table's unit
    table: Table
    row: Row
    col: int

    @property
    def value(self) -> Decimal:
        """The amount in 万元, the narrative's unit: what figures are compared with."""
        return self.amount.wan


def table_value(doc: Document, key: str, when: str = "final", figure: Figure | None = None) -> TableCell | None:
    """The table cell stating the quantity a key names, if the document has it."""
    t1i, t1e = doc.table_of("summary", "income"), doc.table_of("summary", "expense")
    t4i, t4e = doc.table_of("fiscal_summary", "income"), doc.table_of("fiscal_summary", "expense")
    t3, t5, t6, t9 = (
        doc.table_of("expense"),
        doc.table_of("gpb_expense"),
        doc.table_of("gpb_basic_detail"),
        doc.table_of("three_public"),
    )

    def cell(t: Table | None, row: Row | None, role: str) -> TableCell | None:
        if t is None or row is None:
            return None
        col = t.column(role)
        if col is None or col.index >= len(row.cells) or row.cells[col.index].value is None:
            return None
        return TableCell(money(t, row.cells[col.index].value), t, row, col.index)

    if key in THREE_PUBLIC and t9 is not None and t9.rows:
        role = {"three_public": "total"}.get(key, key)
        suffix = "@budget" if when in ("budget", "initial") else "@final"
        row = next((r for r in t9.rows if r.label in ("合计", "")), t9.rows[0])
        if t9.column(role + suffix) is not None:
            return cell(t9, row, role + suffix)
        # a budget document's 三公 table has one half: its amounts are budgets
        return cell(t9, row, role) if when in ("budget", "initial") or doc.doc_type == "部门预算" else None
    if when != "final" and doc.doc_type != "部门预算":
        return None  # a 决算's tables state what was spent, not the budgets
    simple = {
        "income_total": (t1i, ("本年收入合计", "一、本年收入"), "total"),
        "expense_total": (t1e, ("本年支出合计", "一、本年支出"), "total"),
        "income_grand": (t1i, ("总计", "收入总计"), "total"),
        "expense_grand": (t1e, ("总计", "支出总计"), "total"),
        "fiscal_income": (t4i, ("本年收入合计", "一、本年收入"), "total"),
        "fiscal_expense": (t4e, ("本年支出合计", "一、本年支出"), "total"),
        "fiscal_income_grand": (t4i, ("总计", "收入总计"), "total"),
        "fiscal_expense_grand": (t4e, ("总计", "支出总计"), "total"),
        "gov_fund_income": (
            t4i,
            ("二、政府性基金预算财政拨款", "政府性基金预算财政拨款收入", "二、政府性基金预算拨款收入"),
            "total",
        ),
        "gov_fund_expense": (t4e, ("本年支出合计", "一、本年支出"), "gov_fund"),
    }
    if key in simple:
        t, labels, role = simple[key]
        if t is None:
            return None
        if key in ("income_total", "expense_total", "fiscal_income", "fiscal_expense", "gov_fund_expense"):
            # the 本年 total; the 总计 of a table that has no carry-over lines (Shanghai budgets)
            row = year_total_row(t, t.part == "income")
        else:
            row = labelled_row(t, *labels)
        found = cell(t, row, role)
        col = t.column(role)
        if found is None and key.startswith("gov_fund") and row is not None and col is not None and _fund_table_empty(doc):
            # the 政府性基金 line left blank and the fund's own table empty: the tables state 0
            return TableCell(money(t, Decimal(0)), t, row, col.index)
        return found
    if key == "gpb_expense":
        return cell(t5, total_row(t5) if t5 else None, "total")
    if key.startswith(("basic:", "project:")):
        role, scope = key.split(":")
        if scope == "fund":
            return None  # the 政府性基金 part: no table states it apart
        if scope == "all" and t3 is None:
            return None  # all sources, and no table of them: the 一般公共预算 table states only a part
        t = t5 if scope == "gpb" else t3
        return cell(t, total_row(t) if t else None, role)
    if key in ("personnel", "public") and t6 is not None:
        personnel, public, row = personnel_public(t6)
        hit = personnel if key == "personnel" else public
        if hit and row is not None:
            return TableCell(hit[1], t6, row, row.cells.index(hit[0]))
        return None
    if key.startswith("class:"):
        code = key.split(":")[1]
        for t, role in ((t4e, "gpb"), (t5, "total"), (t1e, "total")):
            if t is None:
                continue
            if t.part:
                row = next((r for r in t.rows if _class_code_of_label(r.label) == code), None)
                found = cell(t, row, role)
            else:
                v, rows = class_amount(t, code, role)
                col = t.column(role)
                found = TableCell(v, t, rows[0], col.index) if v is not None and col is not None and len(rows) == 1 else None
            if found:
                return found
        return None
    if key.startswith("code:"):
        # a 类/款/项 the text names by its path: the 一般公共预算 table when the text speaks of that
        # money (or of 财政拨款), the all-sources table otherwise; the funds' own tables for theirs.
        # Like with like: without its table, 财政拨款 money is not read from the all-sources one
        code = key.split(":", 1)[1]
        scope = _scope_of(doc, figure) if figure is not None else "gpb"
        order = {
            "gpb": ("gpb_expense", "gov_fund", "state_capital"),
            "fund": ("gov_fund",),
            "all": ("expense", "gpb_expense"),
        }[scope]
        for kind in order:
            t = doc.table_of(kind)
            row = code_rows(t).get(code) if t is not None else None
            if row is not None:
                return cell(t, row, "total")
        return None
    if key.startswith("item:") and t5 is not None:
        name = key.split(":", 1)[1]
        names = {name, re.sub("支出$", "", name), name + "支出"}
        row = next((r for r in t5.rows if r.code and len(r.code) == 7 and r.label in names), None)
        return cell(t5, row, "total")
    return None


def _fund_table_empty(doc: Document) -> bool:
    """Whether the document prints its 政府性基金 table with no amount in it (an empty table, or
    one "无" line of zeros)."""
    t = doc.table_of("gov_fund")
    return t is not None and not any(c.value for r in t.rows for c in r.cells)


def code_cells(doc: Document, code: str) -> list[TableCell]:
    """The 合计 cell of a classification code in every code table that prints it (收入, 支出, the
    一般公共预算 and the funds' tables)."""
    out = []
    for t in doc.tables:
        if t.kind not in ("income", "expense", "gpb_expense", "gov_fund", "state_capital"):
            continue
        row = code_rows(t).get(code)
        col = t.column("total")
        if row is not None and col is not None and col.index < len(row.cells) and row.cells[col.index].value is not None:
            out.append(TableCell(money(t, row.cells[col.index].value), t, row, col.index))
    return out


def _class_code_of_label(label: str) -> str:
    m = re.match(r"^(?:[一二三四五六七八九十]+、)?(.+?)支出$", normalize_label(label))
    return CLASS_CODES.get(m.group(1), "") if m else ""


def basic_data_value(doc: Document, label: str, when: str) -> TableCell | None:
    """A row of the 绩效评价基础数据表 (经费控制情况: 上年决算数 / 本年预算数 / 本年决算数): the
    cell of the row named ``label`` under the current year's 预算数 (``when`` "budget") or 决算数
    ("final") header printed above it."""
    want = "预算" if when in ("budget", "initial") else "决算"
    for t in doc.tables:
        if t.kind != "perf_basic_data":
            continue
        header: dict[int, str] = {}
        for r in t.rows:
            texts = [normalize_label(c.text) for c in r.cells]
            if any(re.search(r"预算数|决算数", x) for x in texts[1:]):
                header = {i: x for i, x in enumerate(texts) if i > 0 and x}
                continue
            if normalize_label(r.label) != label or not header:
                continue
            col = next(
                (
                    i
                    for i, x in header.items()
                    if want in x and (doc.year is None or str(doc.year) in x or not re.search(r"20\d{2}", x))
                ),
                None,
            )
            if col is None or col >= len(r.cells):
                return None
            v = parse_cell(r.cells[col].text).value
            return TableCell(money(t, v), t, r, col) if v is not None else None
    return None


@dataclass
class EconItem:
    """One economic-classification row of a table printed in side-by-side blocks (公开06表)."""

    code: str
    label: str
    value: Decimal | None
    table: Table
    row: Row
    col: int


def econ_items(t: Table) -> dict[str, EconItem]:
    """Every economic code of a basic-expenditure detail table, from each of its blocks (code,
    名称, 金额 printed side by side: 301 … | 302 … | 307/310/399 …), with its amount cell."""
    from extract.tables import row_code

    roles = [c.role for c in t.columns]
    starts = [i for i, r in enumerate(roles) if r == "code" and (i == 0 or roles[i - 1] != "code")]
    out: dict[str, EconItem] = {}
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(roles)
        label_col = next((i for i in range(start, end) if roles[i] == "label"), None)
        amount_col = next((i for i in range(start, end) if roles[i] in ("total", "basic")), None)
        if amount_col is None:
            continue
        for r in t.rows:
            texts = [c.text for c in r.cells]
            code = row_code(texts, roles, start) or (r.code if k == 0 else "")
            if not code or code in out or not code.startswith("3"):
                continue
            label = normalize_label(texts[label_col]) if label_col is not None and label_col < len(texts) else ""
            value = r.cells[amount_col].value if amount_col < len(r.cells) else None
            out[code] = EconItem(code, label or (r.label if k == 0 else ""), value, t, r, amount_col)
    return out
