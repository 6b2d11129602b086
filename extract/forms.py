"""Performance tables (绩效自评表, 绩效目标表) are forms, not grids: labelled cells in rows of
different shapes. This reads them into ``models.Project`` by their labels, whatever the province:

- Hunan 自评表: a money header (年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分) over the
  年度资金总额 row; 预期目标 | 实际完成情况 over the goal texts; the indicator block under
  一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因; a 总分 row.
- Sichuan 目标完成情况表: "预算数: | 4000 | 执行数: | 3900.98" label-value pairs.
- 整体支出绩效目标表: the department, and each task of its 年度主要任务 block (任务名称 | 主要内容).
- 项目绩效目标申报表: one table listing several projects (项目名称 | 预算数 | 年度目标 | 指标 …).
- 项目资金使用情况表 of an evaluation report: one row per project (项目名称 | 年初预算数 | 全年预算数 |
  实际支出数 | 执行率) and a 合计 row.
"""

from __future__ import annotations

import re
from decimal import Decimal

from models import Indicator, Project, Table

from .numbers import normalize_label, parse_cell

PROJECT_KINDS = {"perf_project_eval", "perf_dept_eval", "perf_project_target", "perf_dept_target"}


def _norm(text: str) -> str:
    return re.sub(r"[(（]\d+分[)）]$", "", normalize_label(text))


def _num(text: str) -> Decimal | None:
    p = parse_cell(text)
    return p.value if p.kind in ("number", "amount", "percent") else None


def _find(row: list[str], *patterns: str) -> int | None:
    for i, t in enumerate(row):
        if any(re.search(p, t) for p in patterns):
            return i
    return None


def read_projects(table: Table) -> list[Project]:
    if table.kind == "perf_project_funds":
        return _funds_list(table)
    if table.kind not in PROJECT_KINDS:
        return []
    grid = [[_norm(c.text) for c in r.cells] for r in table.rows]
    if table.kind == "perf_project_target" and any(
        _find(r, r"^项目名称$") is not None and _find(r, _TARGET_BUDGET) is not None for r in grid[:3]
    ):
        return _target_list(table, grid)
    scope = "department" if table.kind in ("perf_dept_eval", "perf_dept_target") else "project"
    p = Project(name="", table=table.id, scope=scope)
    for i, row in enumerate(grid):
        k = _find(row, r"^(项目支出名称|项目名称|部门名称|区级预算部门名称|预算部门名称)$")
        if k is not None and not p.name:
            p.name = next((table.rows[i].cells[j].text.strip() for j in range(k + 1, len(row)) if row[j]), "")
            p.rows["name"] = i
    if scope == "department" and not p.name:
        p.name = "部门整体"
    _money(p, table, grid)
    _goals(p, table, grid)
    _indicators(p, table, grid)
    tasks = _tasks(table, grid) if scope == "department" else []
    # the department last: a table continuing this one carries on its indicator block
    return tasks + ([p] if p.name or p.budget is not None else [])


def continue_project(p: Project, table: Table) -> None:
    """A table printed straight after a performance table, with no title of its own, carries on
    its indicator block (整体支出绩效目标表 split in two by the converter)."""
    grid = [[_norm(c.text) for c in r.cells] for r in table.rows]
    before = len(p.indicators)
    saved = p.table
    p.table = table.id
    _indicators(p, table, grid)
    if len(p.indicators) == before:
        p.table = saved


def _money(p: Project, table: Table, grid: list[list[str]]) -> None:
    for i, row in enumerate(grid):
        executed = _find(row, r"全年执行数|^执行数$")
        if executed is not None and _find(row, r"预算数") is not None:
            cols = {
                "initial": _find(row, r"年初预算数"),
                "budget": _find(row, r"全年预算数"),
                "executed": executed,
                "weight": _find(row, r"^分值$"),
                "rate": _find(row, r"^执行率$"),
                "score": _find(row, r"^得分$"),
            }
            for j in range(i + 1, min(i + 4, len(grid))):
                cells = table.rows[j].cells
                label = next((t for t in grid[j] if t), "")
                val = {k: (_num(cells[c].text) if c is not None and c < len(cells) else None) for k, c in cols.items()}
                if "年度资金总额" in label or ("money" not in p.rows and val["executed"] is not None):
                    p.budget_initial, p.budget, p.executed = val["initial"], val["budget"], val["executed"]
                    p.weight, p.rate_stated, p.score_stated = val["weight"], val["rate"], val["score"]
                    p.rows["money"] = j
                elif "当年财政拨款" in label or "财政拨款" in label:
                    p.fiscal_budget, p.fiscal_executed = val["budget"], val["executed"]
                    p.rows["fiscal"] = j
            return
        # Sichuan: "预算数: | 4000 | 执行数: | 3900.98", in later years followed by
        # "执行率: | 97.53% | 分值: | 10 | 得分: | 9.75" (the execution line of the score)
        pairs = _label_values(table, i)
        if "预算数" in pairs and "执行数" in pairs and "money" not in p.rows:
            p.budget, p.executed = pairs["预算数"], pairs["执行数"]
            p.weight, p.rate_stated, p.score_stated = pairs.get("分值"), pairs.get("执行率"), pairs.get("得分")
            p.rows["money"] = i
        elif "其中-财政拨款" in pairs and "fiscal" not in p.rows and isinstance(pairs["其中-财政拨款"], list):
            vals = pairs["其中-财政拨款"]
            p.fiscal_budget, p.fiscal_executed = vals[0], vals[1] if len(vals) > 1 else None
            p.rows["fiscal"] = i


def _label_values(table: Table, i: int) -> dict:
    cells = table.rows[i].cells
    out: dict = {}
    for j, c in enumerate(cells[:-1]):
        label = normalize_label(c.text).rstrip(":：")
        if not label or parse_cell(c.text).kind != "text":
            continue
        value = _num(cells[j + 1].text)
        if value is None:
            continue
        if label in out:
            prev = out[label]
            out[label] = (prev if isinstance(prev, list) else [prev]) + [value]
        else:
            out[label] = value
    return out


def _goals(p: Project, table: Table, grid: list[list[str]]) -> None:
    for i, row in enumerate(grid):
        e = _find(row, r"^预期目标$|^年度目标$")
        a = _find(row, r"^实际完成(情况|目标)$")
        if e is None or i + 1 >= len(grid):
            continue
        nxt = table.rows[i + 1].cells
        if e < len(nxt):
            p.goal_expected = nxt[e].text.strip()
        if a is not None and a < len(nxt):
            p.goal_actual = nxt[a].text.strip()
        p.rows["goals"] = i + 1
        return


_NEXT_BLOCK = r"^年度.*(预算|目标|指标)$|^(资金总额|一级指标)$"


def _tasks(table: Table, grid: list[list[str]]) -> list[Project]:
    """年度主要任务 of a department's target table: 任务名称 | 主要内容, one row per task (most
    often a project, its content the project's goal), up to the next labelled block."""
    head = next(
        (i for i, r in enumerate(grid) if _find(r, r"^任务名称$") is not None and _find(r, r"^主要内容$") is not None), None
    )
    if head is None:
        return []
    n, c = _find(grid[head], r"^任务名称$"), _find(grid[head], r"^主要内容$")
    out = []
    for i in range(head + 1, len(grid)):
        row = grid[i]
        if (any(row[:n]) and row[:n] != grid[head][:n]) or _find(row, _NEXT_BLOCK) is not None:
            break  # 年度部门整体支出预算, 年度总体目标 …: the next block
        cells = table.rows[i].cells
        name = cells[n].text.strip() if n < len(cells) else ""
        content = cells[c].text.strip() if c < len(cells) else ""
        if name and content:
            task = Project(name=normalize_label(name), table=table.id, scope="project", goal_expected=content)
            task.rows["name"] = task.rows["goals"] = i
            out.append(task)
    return out


def _indicators(p: Project, table: Table, grid: list[list[str]]) -> None:
    head = next((i for i, r in enumerate(grid) if _find(r, r"^三级指标$") is not None), None)
    if head is None:
        return
    h = grid[head]
    cols = {
        "l1": _find(h, r"^一级指标$"),
        "l2": _find(h, r"^二级指标$"),
        "name": _find(h, r"^三级指标$"),
        "target": _find(h, r"指标值|^年度指标值$|^预期指标值"),
        "actual": _find(h, r"实际完成"),
        "weight": _find(h, r"^分值$|^权重$"),
        "score": _find(h, r"^得分$"),
        "reason": _find(h, r"偏差原因"),
    }
    l1 = l2 = ""
    for i in range(head + 1, len(grid)):
        cells = table.rows[i].cells
        texts = grid[i]
        first = next((t for t in texts if t), "")
        if first == "总分":
            w, s = cols["weight"], cols["score"]
            p.total_weight = _num(cells[w].text) if w is not None and w < len(cells) else None
            p.total_score = _num(cells[s].text) if s is not None and s < len(cells) else None
            p.rows["total"] = i
            break

        def at(key: str, cells=cells) -> str:
            c = cols[key]
            return cells[c].text.strip() if c is not None and c < len(cells) else ""

        l1 = _norm(at("l1")) or l1
        l2 = _norm(at("l2")) or l2
        name = at("name")
        if not name and not at("target"):
            continue
        p.indicators.append(
            Indicator(
                l1,
                l2,
                normalize_label(name),
                normalize_label(at("target")),
                normalize_label(at("actual")),
                _num(at("weight")),
                _num(at("score")),
                at("reason"),
                i,
            )
        )


# the money column of a target list: 预算数 (Hunan, Sichuan), 项目金额 (Shanghai)
_TARGET_BUDGET = r"^(预算数|项目金额)$"


def _target_list(table: Table, grid: list[list[str]]) -> list[Project]:
    """项目绩效目标申报表: several projects in one table, each starting on the row naming it."""
    h = next(r for r in grid[:3] if _find(r, r"^项目名称$") is not None)
    col = {
        k: _find(h, pat)
        for k, pat in [
            ("name", r"^项目名称$"),
            ("budget", _TARGET_BUDGET),
            ("goal", r"^年度目标$"),
            ("l1", r"^一级指标$"),
            ("l2", r"^二级指标$"),
            ("ind", r"^三级指标$"),
            ("value", r"^指标值$"),
            ("unit", r"^度量单位$"),
            ("weight", r"^权重$"),
            ("nature", r"^指标性质$"),
        ]
    }
    projects: list[Project] = []
    cur: Project | None = None
    for i, r in enumerate(table.rows):
        cells = r.cells

        def at(key: str, cells=cells) -> str:
            c = col[key]
            return cells[c].text.strip() if c is not None and c < len(cells) else ""

        name, budget, goal = at("name"), _num(at("budget")), at("goal")
        if name and _num(name) is not None and col["name"]:
            # a row shifted one column left by the converter: name | budget | goal
            name, budget, goal = cells[col["name"] - 1].text.strip(), _num(name), at("budget")
        if name and _norm(name) != "项目名称":
            cur = Project(name=normalize_label(name), table=table.id, scope="project", budget=budget, goal_expected=goal)
            cur.rows["name"] = cur.rows["money"] = i
            if goal:
                cur.rows["goals"] = i
            projects.append(cur)
        if cur is not None and at("ind"):
            shift = _shift(cells, col.get("nature"))

            def sat(key: str, cells=cells, shift=shift) -> str:
                c = col[key]
                return cells[c + shift].text.strip() if c is not None and 0 <= c + shift < len(cells) else ""

            target = (sat("value") + sat("unit")).strip()
            cur.indicators.append(
                Indicator(
                    _norm(sat("l1")),
                    _norm(sat("l2")),
                    normalize_label(sat("ind")),
                    normalize_label(target),
                    "",
                    _weight(cells, col["weight"], shift),
                    None,
                    "",
                    i,
                )
            )
    return projects


FUNDS_COLUMNS = (
    ("name", r"^项目名称$"),
    ("initial", r"^年初预算(数|金额)?$"),
    ("budget", r"^(全年|调整后)预算(数|金额)?$|^预算(数|金额)?$"),
    ("executed", r"^(实际支出|全年执行|执行|支出|实际执行)(数|金额)?$"),
    ("rate", r"^(预算)?执行率$"),
)


def funds_columns(table: Table) -> tuple[int, dict[str, int | None]]:
    """The header row of a 项目资金使用情况表 and its columns (name, initial, budget, executed,
    rate); (-1, {}) when no row of its first three names the projects and their spending."""
    for i, r in enumerate(table.rows[:3]):
        row = [_norm(c.text) for c in r.cells]
        cols = {k: _find(row, pat) for k, pat in FUNDS_COLUMNS}
        if cols["name"] is not None and cols["budget"] is not None and cols["executed"] is not None:
            return i, cols
    return -1, {}


def is_total_row(texts: list[str]) -> bool:
    return any(_norm(t) in ("合计", "总计") for t in texts)


def _funds_list(table: Table) -> list[Project]:
    head, cols = funds_columns(table)
    if head < 0:
        return []
    projects = []
    for i in range(head + 1, len(table.rows)):
        cells = table.rows[i].cells
        texts = [c.text for c in cells]
        if is_total_row(texts):
            continue

        def at(key: str, cells=cells) -> str:
            c = cols[key]
            return cells[c].text.strip() if c is not None and c < len(cells) else ""

        name = normalize_label(at("name"))
        if not name or _num(name) is not None:
            continue
        p = Project(name=name, table=table.id, scope="project")
        p.budget_initial, p.budget, p.executed = _num(at("initial")), _num(at("budget")), _num(at("executed"))
        p.rate_stated = _num(at("rate"))
        p.rows["name"] = p.rows["money"] = i
        projects.append(p)
    return projects


_NATURE = re.compile(r"^(=|＝|≤|≥|<|>|定性|定量|\\leq|\\geq)$")


def _weight(cells, col: int | None, shift: int) -> Decimal | None:
    """The 权重 of a target-list row. A row whose left part the converter shifted keeps its weight
    one cell to the right of where the shift puts it ("≤ | 4000 | 元/人年 | (blank) | 20"): when the
    shifted cell is blank, the next one is taken if it is the row's last filled cell."""
    if col is None:
        return None
    k = col + shift
    value = _num(cells[k].text) if 0 <= k < len(cells) else None
    if value is None and 0 <= k < len(cells) - 1 and not cells[k].text.strip():
        rest = [c.text.strip() for c in cells[k + 1 :]]
        if rest[0] and not any(rest[1:]):
            value = _num(rest[0])
    return value


def _shift(cells, nature: int | None) -> int:
    """How far a row converted from PDF is shifted against the header: the 指标性质 cell (=, ≤, ≥,
    定性) anchors it."""
    if nature is None:
        return 0
    if nature < len(cells) and _NATURE.match(normalize_label(cells[nature].text)):
        return 0
    for d in (-1, 1, -2, 2):
        k = nature + d
        if 0 <= k < len(cells) and _NATURE.match(normalize_label(cells[k].text)):
            return d
    return 0


def indicator_columns(table: Table) -> tuple[int, list[str], list[tuple[int, list[str]]]]:
    """The indicator block of a performance table as read by its header: the header row's index,
    its labels and, for each indicator row (one whose 三级指标 is filled), its texts under those
    labels — shifted back into place for a target list whose rows the converter moved (see
    ``_shift``). (-1, [], []) when the table has no 三级指标 header."""
    grid = [[_norm(c.text) for c in r.cells] for r in table.rows]
    head = next((i for i, r in enumerate(grid) if _find(r, r"^三级指标$") is not None), None)
    if head is None:
        return -1, [], []
    labels = grid[head]
    name = _find(labels, r"^三级指标$")
    nature = _find(labels, r"^指标性质$")
    weight = _find(labels, r"^权重$|^分值$")
    rows: list[tuple[int, list[str]]] = []
    for i in range(head + 1, len(grid)):
        cells = table.rows[i].cells
        if next((t for t in grid[i] if t), "") == "总分":
            break
        shift = _shift(cells, nature)
        texts = [cells[j + shift].text.strip() if 0 <= j + shift < len(cells) else "" for j in range(len(labels))]
        if weight is not None and weight + 1 < len(texts) and not texts[weight] and texts[weight + 1]:
            if _weight(cells, weight, shift) is not None:  # the weight one cell right (see _weight)
                texts[weight], texts[weight + 1] = texts[weight + 1], ""
        if name is not None and texts[name]:
            rows.append((i, texts))
    return head, labels, rows
