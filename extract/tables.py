"""From a raw grid to a typed ``models.Table``: standard-table recognition, header rows,
column meanings, classification codes, two-sided tables, continuation across pages."""

from __future__ import annotations

import re

from models import Cell, Column, Row, Table

from .blocks import RawCell, RawTable
from .numbers import normalize_label, parse_cell

# Standard tables (DOMAIN.md). Kinds are shared by 决算 and 预算 versions of the same content;
# the patterns are tried in order against the normalised title, so specific ones come first.
TABLE_KINDS: list[tuple[str, str, str]] = [
    ("three_public", r"三公", "“三公”经费支出表"),
    ("perf_basic_data", r"绩效评价基础数据表", "部门整体支出绩效评价基础数据表"),
    ("perf_dept_eval", r"整体支出绩效自评表|整体支出绩效评价(指标得分)?表", "部门整体支出绩效自评表"),
    ("perf_dept_target", r"整体支出绩效目标", "部门整体支出绩效目标表"),
    ("perf_project_eval", r"项目(支出)?绩效(目标)?自评表|绩效目标完成情况表", "项目支出绩效自评表"),
    ("perf_project_target", r"项目支出绩效目标表|项目绩效目标申报表|绩效目标表", "项目支出绩效目标表"),
    ("perf_project_funds", r"项目资金(使用|支出|执行)情况表", "项目资金使用情况表"),
    ("gov_procurement", r"政府采购", "政府采购预算表"),
    ("gov_fund", r"政府性基金", "政府性基金预算财政拨款收入支出表"),
    ("state_capital", r"国有资本经营", "国有资本经营预算财政拨款支出表"),
    ("fiscal_summary", r"财政拨款收入支出决算总表|财政拨款收支预算总表|财政拨款收支总表", "财政拨款收入支出总表"),
    ("gpb_basic_detail", r"基本支出.*(明细|预算表|经济分类)|基本支出决算表", "一般公共预算财政拨款基本支出明细表"),
    ("econ_expense", r"经济分类", "财政拨款支出预算表（部门经济分类科目）"),
    ("gpb_project", r"项目支出(预算|决算)表", "一般公共预算项目支出表"),
    ("gpb_expense", r"一般公共预算.*支出", "一般公共预算财政拨款支出表"),
    ("summary", r"收入支出决算总表|收支总表|收支决算总表|财务收支预算总表|收支预算总表", "收入支出总表"),
    ("income", r"收入决算表|收入总表|收入预算表|收入预算总表", "收入表"),
    ("expense", r"支出决算表|支出总表|支出预算表|支出预算总表", "支出表"),
    ("allocation", r"分配表|资金.*情况表", "资金分配表"),
]
KIND_LABELS = {k: label for k, _, label in TABLE_KINDS}
FORM_KINDS = {
    "perf_basic_data", "perf_dept_eval", "perf_dept_target", "perf_project_eval", "perf_project_target", "perf_project_funds",
}  # fmt: skip

TITLE_RE = re.compile(r"^.{0,40}(表|情况表)[)）]?$")
NUMBER_RE = re.compile(r"(公开\s*0?\d{1,2}\s*表|附表\s*\d+(?:-\d+)?|表\s*\d+(?:\s*-\s*\d+)?)")
UNIT_RE = re.compile(r"(?:金额)?单位[:：]\s*(万元|元|亿元)")
CODE_RE = re.compile(r"^\d{3}(?:\d{2}){0,3}$")
CODE_LABEL_RE = re.compile(r"^(\d{3}(?:\d{2}){1,2})\s*(\S.*)$")


def recognise_kind(title: str, header_text: str = "") -> str:
    """A table's kind from its title (and header words): the hint that ``recognise_table`` weighs
    against what the table holds; alone, it reads the names a 目录 lists."""
    t = normalize_label(title)
    for kind, pattern, _ in TABLE_KINDS:
        if re.search(pattern, t):
            return kind
    h = normalize_label(header_text)
    if "三级指标" in h or "年度指标值" in h or "指标值" in h:
        return "perf_project_eval" if ("实际完成" in h or "得分" in h) else "perf_project_target"
    if "因公出国" in h and "公务接待" in h:
        return "three_public"
    if "基本支出" in h and "项目支出" in h:
        return "expense"
    return ""


_INCOME_SOURCES = {"fiscal", "superior", "business", "operating_income", "affiliated", "other_income", "fund_income"}
_EXPENSE_TYPES = {"basic", "project", "remit", "operating", "subsidiary"}
_FUNDS = {"gpb", "gov_fund", "state_capital"}


def recognise_table(title: str, grid: list[list[str]]) -> str:
    """A standard table's kind from what it holds, with its title as one hint among several.

    Read from the grid: whether it is two-sided (收入 | 支出 halves), its column roles (income
    sources, 基本支出 / 项目支出, the three budgets, 人员经费 / 公用经费, the 三公 items), and its row
    codes (function codes 2xx or economic codes 3xx, in one column or over 类 | 款 | 项). The
    title decides only what the content leaves open: which money a function-code table covers
    (一般公共预算, 政府性基金, 国有资本经营: printed in the title or in the header), and the kind of
    a table with no content to read (an empty 政府性基金 table)."""
    hint = recognise_kind(title, " ".join(t for r in grid[:4] for t in r))
    if hint in FORM_KINDS or hint in ("allocation", "gov_procurement") or not grid:
        return hint
    width = max(len(r) for r in grid)
    texts = [r + [""] * (width - len(r)) for r in grid]
    header, data, _ = split_header(texts, "three_public" if hint == "three_public" else "")
    paths = header_paths(header, width)
    roles = {column_role(p) for p in paths}
    words = normalize_label(title + "".join(t for r in header for t in r))
    if {"abroad", "reception"} <= roles or "三公" in words:
        return "three_public"
    split = two_sided_split(header)
    if split is not None or _two_sided_rows(data):
        if roles & _FUNDS or "财政拨款收" in normalize_label(title):
            return "fiscal_summary"
        return "summary"
    column_roles = [column_role(p) for p in paths]
    codes = [_data_code(r, column_roles) for r in data]
    functional = sum(1 for c in codes if c.startswith("2"))
    economic = sum(1 for c in codes if c.startswith("3"))
    if economic >= 3 and economic > functional:
        return "econ_expense" if "project" in roles and not roles & {"personnel", "public"} else "gpb_basic_detail"
    if functional or "功能分类" in words:
        # the money a function-code table covers, as its title (or its header's top row) names it
        scope = normalize_label(title) or normalize_label("".join(header[0])) if header else normalize_label(title)
        for kind, word in (("gov_fund", "政府性基金"), ("state_capital", "国有资本经营")):
            if word in scope:
                return kind
        if len(roles & _INCOME_SOURCES) >= 2 or "收入" in scope and not roles & _EXPENSE_TYPES:
            return "income"
        if hint == "gpb_project" and "basic" not in roles:
            return hint  # the projects under their codes: no 基本支出 column
        if "一般公共预算" in scope:
            return "gpb_expense"
        if {"basic", "project"} <= roles:
            return "expense"
    return hint


def _two_sided_rows(data: list[list[str]]) -> bool:
    """Rows that name an income line on the left and an expense class on the right (a two-sided
    total table printed without a 收入 | 支出 header)."""
    hits = 0
    for r in data:
        labels = [normalize_label(t) for t in r if t.strip() and parse_cell(t).kind == "text"]
        if len(labels) >= 2 and re.search(r"收入|资金|拨款", labels[0]) and re.search(r"支出$", labels[-1]):
            hits += 1
    return hits >= 2


def _data_code(texts: list[str], roles: list[str]) -> str:
    if "code" in roles:
        return row_code(texts, roles, roles.index("code"))
    first = next((normalize_label(t) for t in texts if t.strip()), "")
    m = CODE_LABEL_RE.match(first) or (re.match(r"^(\d{3}(?:\d{2}){0,2})$", first))
    return m.group(1) if m else ""


# Column meanings, matched against the normalised header path (deepest part first).
ROLE_PATTERNS: list[tuple[str, str]] = [
    ("line_no", r"^行次$"),
    ("label", r"科目名称|单位名称|^项目$|^项目名称$|^地区$"),
    ("code", r"科目编码|科目代码|^编码$|^代码$|^类$|^款$|^项$|功能分类|经济分类科目编码"),
    ("unit_code", r"单位代码|单位编码"),
    ("opening", r"年初结转和结余|年初财政拨款结转和结余|^上年结转$"),
    ("closing", r"年末结转和结余"),
    ("running_cost", r"机关运行经费"),
    ("abroad", r"因公出国"),
    ("vehicle_purchase", r"公务用车购置费|^购置费?$"),
    ("vehicle_running", r"公务用车运行维护费|^运行维护$|运行费"),
    ("vehicle_subtotal", r"公务用车购置及运行维护费$|公务用车购置及运行费$"),
    ("reception", r"公务接待"),
    ("basic", r"^基本支出$"),
    ("project", r"^项目支出$"),
    ("remit", r"上缴上级支出"),
    ("operating", r"^经营支出$"),
    ("subsidiary", r"对附属单位补助支出"),
    ("fiscal", r"^财政拨款收入$|^财政拨款$"),
    ("superior", r"上级补助收入"),
    ("business", r"^事业收入$"),
    ("operating_income", r"经营收入"),
    ("affiliated", r"附属单位上缴收入"),
    ("other_income", r"^其他收入$"),
    ("fund_income", r"用事业基金弥补"),
    ("personnel", r"^人员经费$"),
    ("public", r"^公用经费$"),
    ("gpb", r"一般公共预算"),
    ("gov_fund", r"政府性基金"),
    ("state_capital", r"国有资本经营"),
    ("income", r"^本年收入$"),
    ("total", r"本年收入合计|本年支出合计|^合计$|^小计$|决算数|预算数|^金额$|^总计$|^本年支出$"),
]


def column_role(path: list[str]) -> str:
    parts = [normalize_label(p) for p in path if p.strip()]
    for part in reversed(parts):
        for role, pattern in ROLE_PATTERNS:
            if re.search(pattern, part):
                if role == "total" and part == "小计" and any("公务用车" in p for p in parts):
                    return "vehicle_subtotal"
                return role
    return ""


def is_column_number_row(texts: list[str]) -> bool:
    labels = [normalize_label(t) for t in texts]
    if labels and labels[0] in ("栏次", "栏 次"):
        return True
    nums = [t for t in labels if t]
    if len(nums) < 3 or not all(re.fullmatch(r"[0-9]{1,3}", t) for t in nums):
        return False  # small ASCII integers: isdigit() also passes "፩" and 5000-digit runs, which int() refuses
    ints = [int(t) for t in nums]
    return ints == list(range(ints[0], ints[0] + len(ints))) and ints[0] in (1, 2)


def _is_data_row(texts: list[str], kind: str) -> bool:
    labels = [normalize_label(t) for t in texts]
    if is_column_number_row(texts):
        return False
    if kind == "three_public":
        # its header rows start with 合计 too; a data row is the one with the amounts
        return any(parse_cell(t).kind in ("number", "amount") for t in labels)
    if any(CODE_RE.match(t) and len(t) in (3, 5, 7) for t in labels[:4] if t):
        return True
    first = next((t for t in labels if t), "")
    if re.match(r"^(合计|总计|本年.*合计|一、|二、|[一二三四五六七八九十]+、)", first):
        return True
    numeric = 0
    for t in labels[1:]:
        p = parse_cell(t)
        if p.kind in ("number", "amount", "percent"):
            numeric += 1
    return numeric >= 1 and kind != "three_public" or numeric >= 3


def split_header(raw: list[list[str]], kind: str) -> tuple[list[list[str]], list[list[str]], int]:
    """Return (header rows, data rows, index of the first data row)."""
    if kind in FORM_KINDS or not raw:
        return [], raw, 0
    limit = min(len(raw), 6)
    for i in range(limit):
        if _is_data_row(raw[i], kind):
            return raw[:i], raw[i:], i
    if kind == "three_public":
        # no amount at all (an empty table): every row with text is header
        last = max((i for i, r in enumerate(raw) if any(t.strip() for t in r)), default=-1)
        return raw[: last + 1], raw[last + 1 :], last + 1
    # an empty table: its data starts at the 合计 row
    for i in range(limit):
        filled = [normalize_label(t) for t in raw[i] if t.strip()]
        if filled in (["合计"], ["总计"]) and i > 0:
            return raw[:i], raw[i:], i
    return [], raw, 0


def header_paths(header: list[list[str]], width: int) -> list[list[str]]:
    """One header path per column. A merged cell of an upper header row covers the columns to
    its right until the next non-empty cell (cell boxes in PDFs, gridSpan in DOCX, blanks in
    text exports all come out that way)."""
    paths: list[list[str]] = [[] for _ in range(width)]
    header = [row for row in header if not is_column_number_row(row)]
    for r, row in enumerate(header):
        last, source = "", -1
        is_last_row = r == len(header) - 1
        above = [list(p) for p in paths]  # each column's path from the rows above
        for c in range(width):
            text = row[c].strip() if c < len(row) else ""
            if text:
                last, source = text, c
                paths[c].append(text)
            elif last and not is_last_row and above[c] == above[source] and _spans(header, r, c):
                # a merged cell spans only under its own parent ("公务用车运行维护费" does not run on
                # under "公务接待费")
                paths[c].append(last)
    return paths


def _spans(header: list[list[str]], r: int, c: int) -> bool:
    # a blank upper header cell inherits the text on its left only when a lower row has its own
    # text in that column (otherwise it is a vertically merged cell of the column itself)
    return any(c < len(header[k]) and header[k][c].strip() for k in range(r + 1, len(header)))


def two_sided_split(header: list[list[str]]) -> int | None:
    """Column where the expense half of a two-sided total table starts, if it is one."""
    for row in header:
        labels = [normalize_label(t) for t in row]
        idx = [i for i, t in enumerate(labels) if t in ("项目", "收入", "支出")]
        if len(idx) >= 2 and idx[0] == 0:
            if labels[0] == "收入" and "支出" in labels:
                return labels.index("支出")
            if labels[0] == "项目" and labels.count("项目") >= 2:
                return labels.index("项目", 1)
    return None


def join_code(parts: list[str]) -> str:
    """A code printed over several columns: "208|01|09" → "2080109"; "302|39|3023901" (the
    last column repeating the full code) → "3023901"."""
    code = ""
    for p in (normalize_label(p) for p in parts):
        if not p.isdigit():
            continue
        if code and len(p) == 1:
            p = "0" + p  # a 款/项 printed without its leading zero ("301 | 2" is 30102)
        code = p if p.startswith(code) else code + p
    return code


def row_code(texts: list[str], roles: list[str], start: int) -> str:
    """The code of a row read from the run of code columns at ``start``. A unit-code column
    right after them counts when it extends the code (converters shift the 项 code into it)."""
    parts: list[str] = []
    i = start
    while i < len(roles) and roles[i] == "code":
        parts.append(texts[i] if i < len(texts) else "")
        i += 1
    code = join_code(parts)
    if i < len(roles) and roles[i] == "unit_code" and i < len(texts):
        extra = normalize_label(texts[i])
        if extra.isdigit() and extra.startswith(code) and len(extra) in (3, 5, 7):
            code = extra
    return code if CODE_RE.match(code) and len(code) in (3, 5, 7) else ""


def split_code_columns(roles: list[str]) -> list[int]:
    """The columns of a code printed over 类 | 款 | 项 (the first run of code columns, if it has
    more than one)."""
    run = [i for i, r in enumerate(roles) if r == "code"]
    run = run[: next((k for k in range(1, len(run)) if run[k] != run[k - 1] + 1), len(run))]
    return run if len(run) > 1 else []


def fill_code_parts(texts: list[str], run: list[int], above: list[str]) -> list[str]:
    """A row's texts with the leading parts of its split code (columns ``run``) that it shares with
    the row above filled in from ``above``, that row's parts: tables print "213 | 01 | 01" then
    " |  | 02" (the 类 and 款 cells merged down, or left blank as a ditto)."""
    parts = [normalize_label(texts[i]) if i < len(texts) else "" for i in run]
    first = next((k for k, p in enumerate(parts) if p), 0)
    if not first or not parts[first].isdigit() or len(above) != len(run) or not all(a.isdigit() for a in above[:first]):
        return texts
    filled = list(texts)
    for k in range(first):
        filled[run[k]] = above[k]
    return filled


def _code_and_label(texts: list[str], roles: list[str]) -> tuple[str, str]:
    code = row_code(texts, roles, roles.index("code")) if "code" in roles else ""
    label_parts = [texts[i] for i, r in enumerate(roles) if r == "label" and i < len(texts)]
    label = normalize_label(" ".join(p for p in label_parts if p.strip()))
    if not label:
        # tables without a label column: the first non-numeric cell names the row
        # (a 合计 row prints its label in the code column when the label column is merged)
        for i, t in enumerate(texts):
            if roles[i] not in ("line_no", "unit_code") and t.strip() and parse_cell(t).kind == "text":
                label = normalize_label(t)
                break
    if not code:
        m = CODE_LABEL_RE.match(label)
        if m:
            code, label = m.group(1), normalize_label(m.group(2))
    if code and not CODE_RE.match(code):
        code = ""
    return code, label


def build_table(
    table_id: str,
    grid: list[list[RawCell]],
    *,
    title: str,
    number: str,
    unit: str,
    kind: str,
    part: str = "",
    pages: tuple[int, int] | None = None,
) -> Table:
    width = max((len(r) for r in grid), default=0)
    texts = [[c.text for c in r] + [""] * (width - len(r)) for r in grid]
    header, data, start = split_header(texts, kind)
    paths = header_paths(header, width)
    columns = [Column(i, "/".join(paths[i]), column_role(paths[i])) for i in range(width)]
    if kind == "three_public":
        # 预算数 and 决算数 side by side (as two halves of items, or under each item): the same
        # roles twice, told apart by a suffix
        for col in columns:
            parts = [normalize_label(x) for x in paths[col.index]]
            when = next((x for x in parts if x in ("预算数", "决算数")), "")
            if when and len(parts) > 1:
                role = column_role([x for x in paths[col.index] if normalize_label(x) != when])
                if role:
                    col.role = role + ("@budget" if when == "预算数" else "@final")
    if kind in FORM_KINDS:
        columns = [Column(i, "", "") for i in range(width)]
    elif columns and not columns[0].role and data:
        # a first column without header is the row label (or code when it holds codes)
        sample = [normalize_label(r[0]) for r in data if r and r[0].strip()]
        columns[0].role = "code" if sample and all(CODE_RE.match(s) for s in sample[:5]) else "label"
    roles = [c.role for c in columns]
    numeric_roles = {r for r in roles if r and r not in ("code", "label", "line_no", "unit_code")}
    rows: list[Row] = []
    run = split_code_columns(roles)
    above: list[str] = []  # the split code of the last row that had a code
    for k, raw_row in enumerate(grid[start:]):
        cells: list[Cell] = []
        for i in range(width):
            rc = raw_row[i] if i < len(raw_row) else RawCell("")
            if roles[i] in ("code", "label", "unit_code"):
                p_kind, value, unit_, cmp_ = ("blank" if not rc.text.strip() else "text"), None, "", ""
            else:
                p = parse_cell(rc.text)
                p_kind, value, unit_, cmp_ = p.kind, p.value, p.unit, p.comparator
                if p_kind == "number" and roles[i] in numeric_roles and kind not in FORM_KINDS:
                    p_kind = "amount"
            cells.append(Cell(rc.text, value, p_kind, unit_, cmp_, rc.page, rc.bbox))
        texts = fill_code_parts([c.text for c in cells], run, above)
        code, label = _code_and_label(texts, roles)
        if code:
            above = [normalize_label(texts[i]) for i in run]
        row_page = next((c.page for c in cells if c.page is not None), None)
        rows.append(Row(k, cells, code, label, row_page, _union([c.bbox for c in cells])))
    rows = [r for r in rows if any(c.text.strip() for c in r.cells)]
    for i, r in enumerate(rows):
        r.index = i
    return Table(
        id=table_id,
        title=title,
        number=number,
        unit=unit,
        kind=kind,
        part=part,
        header_rows=header,
        columns=columns,
        rows=rows,
        pages=pages,
        bbox=_union([c.bbox for r in grid[:1] for c in r]),
    )


def _union(boxes: list) -> tuple[float, float, float, float] | None:
    boxes = [b for b in boxes if b]
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def column_edges(table: RawTable) -> list[float]:
    xs = sorted(
        {round(c.bbox[0], 1) for r in table.rows for c in r if c.bbox}
        | {round(c.bbox[2], 1) for r in table.rows for c in r if c.bbox}
    )
    merged: list[float] = []
    for x in xs:
        if not merged or x - merged[-1] > 2:
            merged.append(x)
    return merged


def align_columns(table: RawTable, edges: list[float]) -> list[list[RawCell]] | None:
    """Re-grid a fragment whose merged cells hide columns (a one-row piece of a form left at the
    foot of a page) onto the column edges of the grid it continues. None if it does not fit: no
    edges, a cell with text but no box, a cell off the edges or on a column already taken."""
    width = len(edges) - 1
    if width < 1:
        return None
    rows = []
    for r in table.rows:
        new = [RawCell("", table.page, None) for _ in range(width)]
        for c in r:
            if c.bbox is None:
                if c.text.strip():
                    return None
                continue
            col = next((i for i, x in enumerate(edges[:-1]) if abs(x - c.bbox[0]) <= 2), None)
            if col is None or new[col].text.strip():
                return None
            new[col] = c
        rows.append(new)
    return rows


def is_continuation(prev: RawTable, nxt: RawTable) -> bool:
    """A grid that continues the previous one (page break without a new title)."""
    w1 = max(len(r) for r in prev.rows)
    w2 = max(len(r) for r in nxt.rows)
    first = [normalize_label(c.text) for c in nxt.rows[0]]
    if prev.page is not None and nxt.page is not None and not (prev.ends_page and nxt.starts_page and nxt.page != prev.last_page):
        return False  # in a PDF a table continues only from the foot of one page to the top of the next
    if w1 != w2 and prev.page is not None:
        small, big = (prev, nxt) if w1 < w2 else (nxt, prev)
        if align_columns(small, column_edges(big)) is not None:
            return True
    if w1 != w2 and not (abs(w1 - w2) <= 2 and not any(first)):
        # converters misalign a continued markdown table by a column; its blank header tells
        return False
    # a repeated header or a blank header row is a continuation too; a new title row is not
    if len(first) and first[0] and TITLE_RE.match(first[0]) and not any(first[1:]):
        return False
    return True


def drop_repeated_header(prev: RawTable, nxt: RawTable) -> list[list[RawCell]]:
    head = [[normalize_label(c.text) for c in r] for r in prev.rows[:4]]
    rows = nxt.rows
    while rows and ([normalize_label(c.text) for c in rows[0]] in head or not any(c.text.strip() for c in rows[0])):
        rows = rows[1:]
    return rows
