"""An auditor's arithmetic on a generated document, independent of the product's rules: it reads the
printed grids (by the column roles the layout declares) and the sentences (by regular expressions),
and lists every inconsistency it sees as (category, evidence text). A clean document must give
none; an injected error must show up in its category at its needle.

Printed amounts are intervals (v ± 0.005): a total is inconsistent only when its interval misses
the sum of its parts' intervals, a rate only when it misses the rate of its inputs' intervals.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP
from decimal import Decimal as D

from support.generator import GeneratedDoc
from support.generator.catalog import CLASS_NAMES, COVERAGE_RATE, KUAN_NAMES
from support.generator.layout import Grid, Para, row_text
from support.generator.money import exec_score

HALF = D("0.005")
AMOUNT = r"(\d[\d,]*(?:\.\d+)?)"
COVERAGE = COVERAGE_RATE


def num(text: str) -> D:
    t = text.strip().replace(",", "")
    if t in ("", "-", "—"):
        return D(0)
    return D(t.rstrip("%"))


def is_num(text: str) -> bool:
    return bool(re.fullmatch(r"-?\d[\d,]*(\.\d+)?%?|-|—", text.strip()))


def foots(total: D, parts: list[D], places: int = 2) -> bool:
    slack = HALF * (len(parts) + 1) if places == 2 else D(0)
    return abs(total - sum(parts, D(0))) <= slack


def rate_ok(stated: D, part: D, whole: D, part_half: D = HALF, whole_half: D = HALF) -> bool:
    """stated % is within rounding of part / whole (each printed with two decimals; a figure
    derived from two printed ones is twice as uncertain)."""
    if whole <= whole_half:
        return True
    lo = max(D(0), part - part_half) / (whole + whole_half) * 100
    hi = (part + part_half) / (whole - whole_half) * 100
    return lo - HALF <= stated <= hi + HALF


def audit(g: GeneratedDoc) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    grids = [b for b in g.blocks if isinstance(b, Grid)]
    for grid in grids:
        if grid.form:
            _form(grid, out)
        else:
            _grid(grid, out)
    paras = [b for b in g.blocks if isinstance(b, Para)]
    _narrative(g, paras, grids, out)
    _staffing(g, paras, grids, out)
    _completeness(g, out)
    _cross(g, grids, out)
    return out


# ---------------------------------------------------------------------------------------- grids


def _data_rows(grid: Grid) -> list[tuple[str, list[str]]]:
    return [(k, r) for k, r in zip(grid.keys[grid.header :], grid.rows[grid.header :])]


def _codes(grid: Grid) -> list[str]:
    """The code of each data row (split codes joined, a blank parent taken from the row above)."""
    roles = grid.roles
    out, last = [], ["", "", ""]
    for _, r in _data_rows(grid):
        if "code" in roles:
            code = r[roles.index("code")].strip()
            out.append(code if code.isdigit() else "")
            continue
        if "lei" in roles:
            parts = [r[roles.index(x)].strip() if x in roles else "" for x in ("lei", "kuan", "xiang")]
            if not any(parts):
                out.append("")
                continue
            level = max(i for i, p in enumerate(parts) if p)
            parts = [p or last[i] if i < level else p for i, p in enumerate(parts)]
            last = parts
            out.append("".join(parts[: level + 1]) if len(parts[level]) <= 2 or level == 0 else parts[level])
            continue
        out.append("")
    return out


def _grid(grid: Grid, out: list) -> None:
    roles = grid.roles
    if roles.count("label") >= 2 and "code" not in roles and "lei" not in roles:
        _two_sided(grid, out)
        return
    if grid.group in ("econ", "b_econ") and roles.count("code") > 1:
        _econ_blocks(grid, out)
        return
    if any("@" in r for r in roles) or grid.group in ("tp", "b_tp"):
        _three_public(grid, out)
        return
    if grid.group == "ft":
        _funds(grid, out)
        return
    values = [i for i, r in enumerate(roles) if r not in ("code", "lei", "kuan", "xiang", "unit_code", "label", "no", "note", "")]
    if not values or "total" not in roles:
        return
    total = roles.index("total")
    if "basic" in roles:
        parts = [roles.index(r) for r in ("basic", "project", "remit", "operating", "subsidiary") if r in roles]
    elif "personnel" in roles:
        parts = [roles.index("personnel"), roles.index("public")]
    else:
        parts = [i for i in values if roles[i] not in ("total", "opening", "closing", "income")]
        if any(r in roles for r in ("gpb", "carry")):  # 财政拨款 is then itself a sum of printed columns
            parts = [i for i in parts if roles[i] != "fiscal"]
    rows = _data_rows(grid)
    codes = _codes(grid)
    for (_, r), _code in zip(rows, codes):
        if not any(r[i].strip() for i in values) or not parts:
            continue
        if not foots(num(r[total]), [num(r[i]) for i in parts]):
            out.append(("footing", row_text(r)))
        if {"opening", "income", "closing"} <= set(roles):
            o, i_, c = (num(r[roles.index(x)]) for x in ("opening", "income", "closing"))
            if not foots(o + i_ - num(r[total]), [c], 2):
                out.append(("footing", row_text(r)))
    # hierarchy: 类 = Σ 款, 款 = Σ 项, 合计 = Σ top rows (or unit rows)
    by_code = {c: r for (_, r), c in zip(rows, codes) if c}
    total_row = next((r for (k, r) in rows if k == "合计"), None)
    if len(by_code) < len([c for c in codes if c]):  # a list of projects: several rows per code
        if total_row is not None and not foots(num(total_row[total]), [num(r[total]) for k, r in rows if k != "合计"]):
            out.append(("footing", row_text(total_row)))
        return
    for col in values:
        for code, r in by_code.items():
            if len(code) == 7:
                continue
            children = [
                x
                for c, x in by_code.items()
                if len(c) > len(code)
                and c.startswith(code)
                and (len(c) == len(code) + 2 or (len(code) == 3 and not any(len(k) == 5 for k in by_code if c.startswith(k))))
            ]
            if children and not foots(num(r[col]), [num(x[col]) for x in children]):
                out.append(("footing", row_text(r)))
        if total_row is not None:
            if "unit_code" in roles and not by_code:
                tops = [r for (k, r) in rows if k != "合计"]
            else:
                tops = [r for c, r in by_code.items() if len(c) == min(len(k) for k in by_code)] if by_code else []
            if tops and not foots(num(total_row[col]), [num(x[col]) for x in tops]):
                out.append(("footing", row_text(total_row)))


def _two_sided(grid: Grid, out: list) -> None:
    roles = grid.roles
    second = roles.index("label", 1)
    halves = []
    for a, b in ((0, second), (second, len(roles))):
        hr = roles[a:b]
        rows = [r[a:b] for _, r in _data_rows(grid)]
        vals = [i for i, x in enumerate(hr) if x in ("total", "gpb", "fund", "capital")]
        halves.append((rows, vals))
    grand = []
    for side, (rows, vals) in enumerate(halves):
        t = vals[0]
        labels = [r[0].strip() for r in rows]
        numbered = [
            r for r in rows if re.match(r"^[一二三四五六七八九十]+、", r[0]) and not re.search(r"结转|结余|用事业基金", r[0])
        ]
        year = next((r for r in rows if r[0].strip() in ("本年收入合计", "本年支出合计", "一、本年收入")), None)
        total = next((r for r in rows if r[0].strip() in ("总计", "收入总计", "支出总计")), None)
        if side == 0 and year is not None and year[0].strip() == "一、本年收入":
            subs = rows[labels.index("一、本年收入") + 1 : labels.index("一、本年收入") + 4]
            if not foots(num(year[t]), [num(r[t]) for r in subs]):
                out.append(("footing", row_text(year)))
            carry = [r for r in rows if r[0].strip() == "二、上年结转"]
            if total is not None and not foots(num(total[t]), [num(year[t])] + [num(r[t]) for r in carry]):
                out.append(("footing", row_text(total)))
        elif year is not None:
            lines = [r for r in numbered if r is not year]
            if not foots(num(year[t]), [num(r[t]) for r in lines]):
                out.append(("footing", row_text(year)))
            adds = [
                r
                for r in rows
                if re.search(
                    r"^(使用非财政拨款结余|年初结转和结余|年初财政拨款结转和结余|上年结转|结余分配|年末结转和结余|年末财政拨款结转和结余|结转下年)",
                    r[0].strip(),
                )
            ]
            if total is not None and not foots(num(total[t]), [num(year[t])] + [num(r[t]) for r in adds]):
                out.append(("footing", row_text(total)))
        elif total is not None:
            main = [r for r in rows if re.match(r"^[一二三四五六七八九十]+、", r[0])]
            subs = [r for r in rows if re.match(r"^\d\. ", r[0])]
            if side == 0 and subs and main and main[0][0].startswith("一、财政拨款"):
                if not foots(num(main[0][t]), [num(r[t]) for r in subs]):
                    out.append(("footing", row_text(main[0])))
            if not foots(num(total[t]), [num(r[t]) for r in main]):
                out.append(("footing", row_text(total)))
        if total is not None:
            grand.append((num(total[t]), row_text(total)))
        if len(vals) > 1:  # 合计 = 一般公共预算 + 政府性基金 + 国有资本经营
            for r in rows:
                if r[t].strip() and not foots(num(r[t]), [num(r[i]) for i in vals[1:]]):
                    out.append(("footing", row_text(r)))
    if len(grand) == 2 and abs(grand[0][0] - grand[1][0]) > HALF * 2:
        out.append(("footing", grand[1][1]))


def _econ_blocks(grid: Grid, out: list) -> None:
    values: dict[str, D] = {}
    texts: dict[str, str] = {}
    last = grid.rows[-1]
    for r in grid.rows[grid.header : -1]:
        for b in range(0, len(r), 3):
            if r[b].strip().isdigit():
                values[r[b].strip()] = num(r[b + 2])
                texts[r[b].strip()] = row_text(r[b : b + 3])
    for g in ("301", "302", "303", "307", "310", "399"):
        if g in values and not foots(values[g], [v for c, v in values.items() if len(c) == 5 and c.startswith(g)]):
            out.append(("footing", texts[g]))
    personnel = num(last[2])
    public = num(last[-1])
    if not foots(personnel, [values.get("301", D(0)), values.get("303", D(0))]) or not foots(
        public, [values.get(g, D(0)) for g in ("302", "307", "310", "399")]
    ):
        out.append(("footing", row_text(last)))


def _three_public(grid: Grid, out: list) -> None:
    roles = grid.roles
    r = grid.rows[-1]
    suffixes = sorted({x.split("@")[1] for x in roles if "@" in x}) or [""]
    for h in suffixes:
        v = {name: num(r[roles.index(f"{name}@{h}" if h else name)]) if (f"{name}@{h}" if h else name) in roles else D(0)
             for name in ("total", "abroad", "vehicle_subtotal", "vehicle_purchase", "vehicle_running", "reception")}  # fmt: skip
        if not foots(v["total"], [v["abroad"], v["vehicle_subtotal"], v["reception"]]) or not foots(
            v["vehicle_subtotal"], [v["vehicle_purchase"], v["vehicle_running"]]
        ):
            out.append(("footing", row_text(r)))


def _funds(grid: Grid, out: list) -> None:
    rows = _data_rows(grid)
    items = [r for k, r in rows if r[1] != "合计"]
    total = next(r for k, r in rows if r[1] == "合计")
    for r in items:
        if not rate_ok(num(r[5]), num(r[4]), num(r[3])):
            out.append(("percent_recompute", row_text(r)))
    for col in (2, 3, 4):
        if not foots(num(total[col]), [num(r[col]) for r in items]):
            out.append(("footing", row_text(total)))


# ---------------------------------------------------------------------------------------- forms


def _target_missed(target: str, actual: str) -> bool | None:
    """Whether an actual value misses its target (None when they cannot be compared)."""
    a = re.match(r"^(\d+(?:\.\d+)?)(%|[\u4e00-\u9fff]+)?$", actual.strip())
    r = re.match(r"^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)(%|[\u4e00-\u9fff]+)?$", target.strip())
    if r and a and (r.group(3) or "") == (a.group(2) or ""):  # a range: inside it, or missed
        return not D(r.group(1)) <= D(a.group(1)) <= D(r.group(2))
    t = re.match(r"^(≥|≤|=)?\s*(\d+(?:\.\d+)?)(%|[\u4e00-\u9fff]+)?$", target.strip())
    if not t or not a or (t.group(3) or "") != (a.group(2) or ""):
        return None
    tv, av = D(t.group(2)), D(a.group(1))
    if t.group(1) == "≤":
        return av > tv
    return av < tv


def _form(grid: Grid, out: list) -> None:
    rows = grid.rows
    labels = [[c.strip() for c in r] for r in rows]
    if grid.group in ("pt", "dt", "st", "bd", "de"):
        _other_form(grid, out)
        return
    money = fiscal = carry = None
    for r in labels:
        if "年度资金总额" in r:
            money = r
        elif any(c in ("其中：当年财政拨款", "其中：财政拨款") for c in r):
            fiscal = r
        elif "上年结转资金" in r:
            carry = r
        elif "预算数:" in r:
            money = r
        elif "其中-财政拨款:" in r:
            fiscal = r
        elif "其它资金:" in r:
            carry = r
    if money is None:
        return
    sichuan = "预算数:" in money
    if sichuan:
        budget, executed = num(money[money.index("预算数:") + 1]), num(money[money.index("执行数:") + 1])
        stated = money[money.index("执行率:") + 1]
        score = money[money.index("得分:") + 1]
    else:
        k = money.index("年度资金总额")
        budget, executed, stated, score = num(money[k + 2]), num(money[k + 3]), money[k + 5], money[k + 6]
    text = row_text(rows[labels.index(money)])
    if not stated:
        out.append(("missing_or_blank", text))
    elif not rate_ok(num(stated), executed, budget):
        out.append(("perf_score", text))
    elif score is not None and num(score) != exec_score(num(stated)):
        out.append(("perf_score", text))
    if fiscal is not None:
        f_exec = (
            num(fiscal[fiscal.index("其中-财政拨款:", 2) + 1])
            if sichuan
            else num(fiscal[fiscal.index(next(c for c in fiscal if c.startswith("其中"))) + 3])
        )
        c_exec = D(0)
        if carry is not None:
            c_exec = (
                num(carry[carry.index("其它资金:", 2) + 1])
                if sichuan and carry.count("其它资金:") > 1
                else (num(carry[4]) if not sichuan else D(0))
            )
        if abs(f_exec + c_exec - executed) > HALF * 3:
            category = "unit_or_decimal_shift" if abs(f_exec - (executed - c_exec) * 10) <= HALF * 30 else "perf_score"
            out.append((category, row_text(rows[labels.index(fiscal)])))
    # indicators
    head = next(i for i, r in enumerate(labels) if "一级指标" in r)
    total_row = next(i for i, r in enumerate(labels) if "总分" in r)
    weights, scores = [], []
    for i in range(head + 1, total_row):
        r = labels[i]
        name, target, actual, weight, got, reason = r[3], r[4], r[5], D(r[6]), num(r[7]), r[8]
        weights.append(weight)
        scores.append(got)
        missed = _target_missed(target, actual)
        if missed and got >= weight:
            out.append(("perf_score", row_text(rows[i])))
        if missed is False and got < weight:
            out.append(("perf_score", row_text(rows[i])))
        if actual.endswith("%") and re.search(COVERAGE, name) and num(actual) > 100:
            out.append(("ratio_over_100", row_text(rows[i])))
        if reason and name not in reason and "主要原因是" in reason and not reason.startswith("执行数低于预算"):
            out.append(("copy_paste_text", reason))
    total = num(labels[total_row][7])
    exec_part = num(score) if score else D(0)
    if sum(weights, D(0)) + 10 != num(labels[total_row][6]) or total != exec_part + sum(scores, D(0)):
        out.append(("perf_score", row_text(rows[total_row])))
    goal = next(i for i, r in enumerate(labels) if "预期目标" in r)
    expected = next(c for c in labels[goal + 1] if c)
    actual_text = [c for c in labels[goal + 1] if c][-1]
    if expected == actual_text:
        out.append(("copy_paste_text", actual_text))
    if budget and executed / budget < D("0.6") and not any("主要原因是" in c and "结转" in c for r in labels for c in r):
        out.append(("execution_rate_outlier", text))


def _other_form(grid: Grid, out: list) -> None:
    rows = [[c.strip() for c in r] for r in grid.rows]
    if grid.group == "st":
        items = [r for r in rows[1:] if r[0] != "总分"]
        total = next(r for r in rows if r[0] == "总分")
        if num(total[4]) != sum((num(r[4]) for r in items), D(0)):
            out.append(("perf_score", row_text(grid.rows[rows.index(total)])))
    if grid.group == "bd":
        staff = rows[1]
        if not staff[5]:
            out.append(("missing_or_blank", row_text(grid.rows[1])))
    if grid.group == "pt":
        head = rows[0]
        sichuan = "指标性质" in head
        name_col, budget_col, goal_col = (
            head.index("项目名称"),
            head.index("预算数") if "预算数" in head else head.index("项目金额"),
            head.index("年度目标"),
        )
        current_budget = D(0)
        for i, r in enumerate(rows[1:], 1):
            if r[name_col]:
                current_budget = num(r[budget_col])
            if r[head.index("二级指标")] == "成本指标":
                value = num(r[head.index("指标值")]) if sichuan else num(r[-1].lstrip("≤=").rstrip("万元"))
                if value != current_budget:
                    out.append(("cross_table", row_text(grid.rows[i])))
            if re.search(COVERAGE, r[head.index("三级指标")]):
                v = r[head.index("指标值")] if sichuan else r[-1]
                if num(v.lstrip("≥=").rstrip("%")) > 100:
                    out.append(("ratio_over_100", row_text(grid.rows[i])))
        goals = [r[goal_col] for r in rows[1:] if r[goal_col]]
        out.extend(("copy_paste_text", x) for x in goals if goals.count(x) > 1)
    if grid.group == "dt":
        tasks = []
        start = next(i for i, r in enumerate(rows) if r[0] == "年度主要任务")
        for r in rows[start + 1 :]:
            if r[0]:
                break
            tasks.append(r[2])
        out.extend(("copy_paste_text", x) for x in tasks if tasks.count(x) > 1)


# ---------------------------------------------------------------------------------------- text


def _amounts_before(text: str, end: int) -> list[D]:
    """Amounts (万元) stated before ``end`` that are not themselves changes."""
    found = []
    for m in re.finditer(AMOUNT + r"万元", text[:end]):
        before = text[max(0, m.start() - 2) : m.start()]
        if not before.endswith(("增加", "减少")):
            found.append(num(m.group(1)))
    return found


def _narrative(g: GeneratedDoc, paras: list[Para], grids: list[Grid], out: list) -> None:
    texts = [p.text for p in paras]
    full = "\n".join(texts)
    last_whole = None
    expense_total = re.search(r"(?:本年)?支出合计" + AMOUNT + "万元", full)
    gpb_total = re.search(r"一般公共预算财政拨款支出" + AMOUNT + "万元", full)
    for p in paras:
        if p.role != "body":
            continue
        t = p.text
        m = re.search(AMOUNT + r"万元(?:，|。)?(?:其中|主要用于以下方面)[：:]", t)
        whole = num(m.group(1)) if m else None
        if m:
            last_whole = whole
        if m and re.search(
            r"(收入合计|支出合计|收入预算|支出预算)" + AMOUNT + r"万元，其中：", t
        ):  # the parts add up to the whole
            parts = [num(x.group(1)) for x in re.finditer(AMOUNT + r"万元，占", t)]
            if parts and not foots(whole, parts):
                out.append(("percent_recompute", t))
        if "“三公”经费财政拨款支出决算中" in t:
            parts = [num(x.group(1)) for x in re.finditer(AMOUNT + r"万元，占比?" + AMOUNT + "%", t)]
            whole = sum(parts, D(0))
        for s in re.finditer(
            AMOUNT
            + r"万元，占(比)?(基本支出的|政府采购支出总额的|授予中小企业合同金额的|本年支出合计的|一般公共预算支出的)?"
            + AMOUNT
            + "%",
            t,
        ):
            base = s.group(3)
            w = (
                {
                    "基本支出的": last_whole,
                    "政府采购支出总额的": _after(t, "政府采购支出总额"),
                    "授予中小企业合同金额的": _after(t, "授予中小企业合同金额"),
                    "本年支出合计的": num(expense_total.group(1)) if expense_total else None,
                    "一般公共预算支出的": num(gpb_total.group(1)) if gpb_total else None,
                }.get(base, whole)
                if base
                else whole
            )
            if w is not None and not rate_ok(num(s.group(4)), num(s.group(1)), w):
                out.append(("percent_recompute", t))
        for s in re.finditer(
            r"预算(?:数)?为" + AMOUNT + r"万元，(?:支出决算|执行数)为" + AMOUNT + r"万元，完成(?:年初)?预算的" + AMOUNT + "%", t
        ):
            if not rate_ok(num(s.group(3)), num(s.group(2)), num(s.group(1))):
                out.append(("percent_recompute", t))
        for s in re.finditer(
            r"全年预算数?"
            + AMOUNT
            + r"万元，(?:执行数为?|实际支出)"
            + AMOUNT
            + r"万元，(?:预算)?(?:执行率|完成预算的)"
            + AMOUNT
            + "%",
            t,
        ):
            if not rate_ok(num(s.group(3)), num(s.group(2)), num(s.group(1))):
                out.append(("percent_recompute", t))
        for s in re.finditer(r"(增加|减少)" + AMOUNT + r"万元，(增长|下降|减少)" + AMOUNT + "%", t):
            before = _amounts_before(t, s.start())
            if not before:
                continue
            current, change = before[-1], num(s.group(2))
            previous = current - change if s.group(1) == "增加" else current + change
            if previous > 0 and not rate_ok(num(s.group(4)), change, previous, HALF, 2 * HALF):
                out.append(("yoy_recompute", t))
        for s in re.finditer(
            r"执行数为" + AMOUNT + r"万元，\d{4}年预算安排" + AMOUNT + r"万元，比\d{4}年预算执行数(增加|减少)" + AMOUNT + "%", t
        ):
            prev, cur = num(s.group(1)), num(s.group(2))
            if (cur > prev) != (s.group(3) == "增加") or not rate_ok(num(s.group(4)), abs(cur - prev), prev, 2 * HALF):
                out.append(("yoy_recompute", t))
        for s in re.finditer(
            r"完成预算的" + AMOUNT + r"%，预算执行率较上年的" + AMOUNT + r"%(上升|下降)" + AMOUNT + "个百分点", t
        ):
            if abs(num(s.group(1)) - num(s.group(2))) != num(s.group(4)):
                out.append(("yoy_recompute", t))
        for s in re.finditer(COVERAGE + r"达到" + AMOUNT + "%", t):
            if num(s.group(2)) > 100:
                out.append(("ratio_over_100", t))
        if re.search(r"(?<![万\d.,])\d+元(?![/／])", t):
            out.append(("unit_or_decimal_shift", t))
        if re.match(r"^\d(?:20\d\d年|[^\d、.．年月日个）)：:\s])", t):
            out.append(("other", t))
    _restated(g, paras, grids, out)


def _after(text: str, label: str) -> D | None:
    m = re.search(label + AMOUNT + "万元", text)
    return num(m.group(1)) if m else None


def _grid_of(grids: list[Grid], *groups: str) -> Grid | None:
    return next((x for x in grids if x.group in groups and not x.form), None)


def _code_values(grid: Grid) -> dict[str, D]:
    """code → its printed total (in 万元)."""
    total = grid.roles.index("total")
    scale = D(10000) if grid.unit == "元" else D(1)
    return {
        c: (num(r[total]) / scale).quantize(D("0.01"), ROUND_HALF_UP) for (_, r), c in zip(_data_rows(grid), _codes(grid)) if c
    }


def _restated(g: GeneratedDoc, paras: list[Para], grids: list[Grid], out: list) -> None:
    """Figures of the text that restate a table: 项 and 类 amounts, 三公, funds, report lines."""
    gpb = _grid_of(grids, "gpb", "b_gpb")
    names = {(KUAN_NAMES[c[:5]], v["name"]): c for c, v in g.facts["items"].items()}
    texts = [p.text for p in paras]
    if gpb is not None:
        values = _code_values(gpb)
        for i, t in enumerate(texts):
            m = re.search(r"（类）(.+?)（款）(.+?)（项）|“[^-”]+-([^-”]+)-([^-”]+)”科目", t)
            if not m:
                continue
            kuan, item = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
            code = names.get((kuan, item))
            rest = t[m.end() :] + (
                ""
                if re.search(r"(支出决算为|预算数为|”)" + AMOUNT, t[m.end() :])
                else (texts[i + 1] if i + 1 < len(texts) else "")
            )
            a = re.search(r"(?:支出决算为|预算数为|^”?|^科目)" + AMOUNT + "万元", rest)
            if code in values and a and num(a.group(1)) != values[code]:
                out.append(("narrative_vs_table", t if a.group(0) in t else rest))
        classes = {c[:3] for c in values}
        for t in texts:
            for m in re.finditer(r"([\u4e00-\u9fff]+)（类）(?:支出)?" + AMOUNT + r"万元，占", t):
                lei = next((c for c in classes if CLASS_NAMES[c].removesuffix("支出") == m.group(1).removesuffix("支出")), None)
                if lei is None:
                    continue
                value = values.get(lei, sum((v for c, v in values.items() if len(c) == 7 and c.startswith(lei)), D(0)))
                if abs(num(m.group(2)) - value) > HALF * 2 * (0 if lei in values else len(values)):
                    out.append(("narrative_vs_table", t))
        # Sichuan states a 项's completion without its budget: against the budget the facts hold
        budget_of = {c: D(str(v["adjusted"] if not v["explain"] else v["budget"])) / 10000 for c, v in g.facts["items"].items()}
        for t in texts:
            m = re.search(r"（类）(.+?)（款）(.+?)（项）: 支出决算为" + AMOUNT + r"万元，完成预算" + AMOUNT + "%", t)
            if m and names.get((m.group(1), m.group(2))) in budget_of:
                if not rate_ok(num(m.group(4)), num(m.group(3)), budget_of[names[(m.group(1), m.group(2))]], HALF, HALF):
                    out.append(("percent_recompute", t))
            m = re.search(r"一般公共预算支出决算数为" + AMOUNT + r"万元，完成预算" + AMOUNT + "%", t)
            if m and not rate_ok(num(m.group(2)), num(m.group(1)), sum(budget_of.values(), D(0)), HALF, HALF * len(budget_of)):
                out.append(("percent_recompute", t))
    tp = _grid_of(grids, "tp", "b_tp")
    if tp is not None:
        roles, r = tp.roles, tp.rows[-1]
        key = "reception@final" if "reception@final" in roles else "reception"
        table = num(r[roles.index(key)])
        for t in texts:
            m = re.search(r"公务接待费(?:支出决算为)?" + AMOUNT + r"万元(?=[，。；])", t)
            if m and num(m.group(1)) != table:
                category = "unit_or_decimal_shift" if num(m.group(1)) == table * 10 else "narrative_vs_table"
                out.append((category, t))
    fund = _grid_of(grids, "fund")
    if fund is not None and not any(is_num(c) and num(c) for r in fund.rows[fund.header :] for c in r):
        for t in texts:
            m = re.search(r"政府性基金预算财政拨款收入" + AMOUNT + r"万元，支出" + AMOUNT + "万元", t)
            if m and num(m.group(2)):
                out.append(("narrative_vs_table", t))
    ft = _grid_of(grids, "ft")
    if ft is not None:
        rows = [r for k, r in _data_rows(ft) if r[1] != "合计"]
        lines = [t for t in texts if re.search(r"全年预算" + AMOUNT + r"万元，实际支出", t)]
        for r, t in zip(rows, lines):
            m = re.search(r"全年预算" + AMOUNT + r"万元，实际支出" + AMOUNT + "万元", t)
            if num(m.group(2)) != num(r[4]):
                category = "unit_or_decimal_shift" if num(m.group(2)) == num(r[4]) * 10 else "narrative_vs_table"
                out.append((category, t))
            if num(r[5]) < 60 and "主要原因是" not in t:
                out.append(("execution_rate_outlier", row_text(r)))
        descriptions = []
        for i, t in enumerate(texts[:-1]):
            if re.match(r"^\d+、.+分配安排和使用管理情况。$", t):
                descriptions.append((re.split(r"\d{4}年安排资金", texts[i + 1])[0], texts[i + 1]))
        firsts = [d for d, _ in descriptions]
        out.extend(("copy_paste_text", t) for d, t in descriptions if firsts.count(d) > 1)
        st = next((x for x in grids if x.group == "st"), None)
        total = next(r for r in st.rows if r[0] == "总分")
        m = re.search(r"综合评分为" + AMOUNT + "分", "\n".join(texts))
        if m and num(m.group(1)) != num(total[4]):
            out.append(("perf_score", row_text(total)))


def _staffing(g: GeneratedDoc, paras: list[Para], grids: list[Grid], out: list) -> None:
    pairs, actuals = [], []
    for p in paras:
        t = p.text
        for m in re.finditer(
            r"(?:编制人数|总编制|核定编制|编制)(\d+)[人名]，(?:实有人数|在职人员总数|实有工作人员)(\d+)[人名]", t
        ):
            pairs.append((int(m.group(1)), int(m.group(2)), t))
        for m in re.finditer(r"(?:年末在职人员|按在职人员)(\d+)人", t):
            actuals.append((int(m.group(1)), t))
        units = re.findall(r"编制(\d+)人、实有(\d+)人", t)
        if units and pairs and pairs[-1][2] == t:
            a, b = sum(int(x) for x, _ in units), sum(int(y) for _, y in units)
            if (a, b) != pairs[-1][:2]:
                out.append(("staffing_mismatch", t))
    bd = next((x for x in grids if x.group == "bd"), None)
    if bd is not None:
        actuals.append((int(bd.rows[1][3]), row_text(bd.rows[1])))
    for authorized, actual, t in pairs:
        if actual > authorized:
            out.append(("staffing_mismatch", t))
    counts = {a for _, a, _ in pairs} | {a for a, _ in actuals}
    if len(counts) > 1:
        out.extend(("staffing_mismatch", t) for _, t in actuals)
        out.extend(("staffing_mismatch", t) for _, _, t in pairs)


def _completeness(g: GeneratedDoc, out: list) -> None:
    paras = [b for b in g.blocks if isinstance(b, Para)]
    titles = {re.sub(r"^[一二三四五六七八九十]+、", "", p.text.strip()) for p in paras if p.role in ("meta", "heading")}
    for p in paras:
        if p.role != "toc":
            continue
        for line in p.text.split("\n"):
            m = re.match(r"^(?:- )?(?:[一二三四五六七八九十]+、|\d+．|附：)(.+表)$", line.strip())
            if m and not any(re.fullmatch(r"(\d{4}年(度)?)?" + re.escape(m.group(1)), t) for t in titles):
                out.append(("missing_or_blank", line.strip().removeprefix("- ")))
    blocks = g.blocks
    for i, b in enumerate(blocks):
        if isinstance(b, Grid) and not b.form and b.group in ("fund", "cap", "b_fund", "b_cap"):
            empty = not any(is_num(c) and num(c) for r in b.rows[b.header :] for c in r)
            after = [x.text for x in blocks[i + 1 : i + 4] if isinstance(x, Para)]
            if empty and not any(re.search("无数据|为空表", t) for t in after):
                title = next(
                    x.text for x in reversed(blocks[:i])
                    if isinstance(x, Para) and x.role == "meta" and x.text.endswith("表") and not re.fullmatch(r"公开\s*\d+\s*表|表\s*[\d-]+", x.text)
                )  # fmt: skip
                out.append(("missing_or_blank", title))
        if isinstance(b, Para) and b.role == "heading" and _level(b.text):
            following = blocks[i + 1] if i + 1 < len(blocks) else None
            if following is None or (
                isinstance(following, Para)
                and following.role == "heading"
                and _level(following.text)
                and _level(following.text) <= _level(b.text)
            ):
                out.append(("missing_or_blank", b.text))


def _level(text: str) -> int:
    if re.match(r"^第[一二三四五六七八九十]+部分", text):
        return 1
    if re.match(r"^[一二三四五六七八九十]+、", text):
        return 2
    if re.match(r"^（[一二三四五六七八九十]+）", text):
        return 3
    return 0


def _cross(g: GeneratedDoc, grids: list[Grid], out: list) -> None:
    """The same 项 in sister tables (where the money allows them to agree)."""
    items = g.facts["items"]
    pairs = (("inc", "exp"), ("exp", "gpb"), ("b_exp", "b_gpb"), ("b_inc", "b_exp"))
    for a, b in pairs:
        ga, gb = _grid_of(grids, a), _grid_of(grids, b)
        if ga is None or gb is None or "total" not in ga.roles:
            continue
        va, vb = _code_values(ga), _code_values(gb)
        texts = {c: row_text(r) for (_, r), c in zip(_data_rows(ga), _codes(ga)) if c}
        texts_b = {c: row_text(r) for (_, r), c in zip(_data_rows(gb), _codes(gb)) if c}
        for code, v in va.items():
            if len(code) != 7 or code not in vb or code not in items:
                continue
            it = items[code]
            # 收入 and 支出 differ by the carry-overs; a budget's 收入总表 includes 上年结转
            same = {"inc": not it["carry"], "b_inc": True}.get(a, it["total"] == it["gpb"])
            if same and abs(v - vb[code]) > HALF * 2:
                out.append(("cross_table", texts[code]))
                out.append(("cross_table", texts_b[code]))
    bd = next((x for x in grids if x.group == "bd"), None)
    if bd is not None:
        executed = {p["name"]: D(str(p["executed"])) / 10000 for p in g.facts["projects"]}
        for r in bd.rows:
            m = re.match(r"^\d+、(.+)$", r[0])
            if m and m.group(1) in executed and num(r[5]) != executed[m.group(1)]:
                category = "unit_or_decimal_shift" if num(r[5]) == executed[m.group(1)] * 10 else "cross_table"
                out.append((category, row_text(r)))
    goals = [x for x in grids if x.form and re.fullmatch(r"p\d+", x.group)]
    expected = []
    for x in goals:
        rows = [[c.strip() for c in r] for r in x.rows]
        k = next(i for i, r in enumerate(rows) if "预期目标" in r)
        expected.append(next(c for c in rows[k + 1] if c))
    out.extend(("copy_paste_text", e) for e in expected if expected.count(e) > 1)
    done = []
    for x in goals:
        rows = [[c.strip() for c in r] for r in x.rows]
        k = next(i for i, r in enumerate(rows) if "预期目标" in r)
        done.append([c for c in rows[k + 1] if c][-1])
    out.extend(("copy_paste_text", e) for e in done if done.count(e) > 1)
