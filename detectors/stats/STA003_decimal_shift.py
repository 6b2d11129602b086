"""STA003: one quantity printed with its digits shifted by a power of ten, or in 元 among 万元."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from statistics import median

from extract.numbers import half_ulp, normalize_label
from models import Document, Evidence, Figure, Finding, Severity

from ..base import Rule, fmt, materiality
from ..performance._common import project_row
from .baseline import Baseline, UnitProfile, active_baseline
from .common import (
    dedupe_evidence,
    figure_evidence,
    norm_text,
    power_of_ten_shift,
    project_groups,
    significant_digits,
)
from .rates import document_scale, rate_observations

_CODE_KINDS = ("income", "expense", "gpb_expense", "gpb_project", "gov_fund", "state_capital")
_PER_HEAD = re.compile(r"每人|人均|每户|每年每人|每人每年|/人|元/|标准|单价|每次|每辆|每批")
# what is left of a subject once these are taken off must still name something
_GENERIC_SUBJECT = re.compile(
    r"\d{4}年度?|年初|全年|预算数?|决算数?|执行数|支出|收入|合计|总计|金额|资金|本年|其中|主要|用于|共|万元"
)
_TP_WORDS = (("公务接待", "reception"), ("因公出国", "abroad"), ("公务用车购置及运行", "vehicle_subtotal"), ("三公", "total"))
_CONVENTION = 5  # 万元 amounts that make a text's unit a convention one 元 amount breaks
_WAN_NUM = re.compile(r"^(?P<cmp>[≥≤><=]*)\s*(?P<num>\d+(?:\.\d+)?)\s*万元?$")


@dataclass
class _Fact:
    where: str  # how the message names the place ("执行数", "其中：财政拨款 执行数", "公开03表")
    value: Decimal
    evidence: Evidence | None


class DecimalShifts(Rule):
    """The same quantity printed twice with its digits shifted (×10ᵏ), or an amount in 元 among 万元.

    What it checks:
        Pairs of figures that must be equal or ordered — a project's 其中：财政拨款 执行数 against
        its 执行数 (a part cannot exceed its whole; one above it by no exact power of ten is shifted when
        ÷10ᵏ it spends between half and all of its own budget), 执行数 against 预算数, 年初 against 全年预算数,
        a cost indicator against the budget, the same project restated in the narrative, the same
        classification code in two tables, a narrative amount against the table row it names, the
        same narrative subject stated twice — whose ratio is 10, 100, 1000 or 10000 within the
        rounding of both printed values (36.5 vs 365). And amounts written in 元 in a document kept
        in 万元: proven wrong when the number only fits the sums of its sentence read as 万元
        ("收入 12366 万元，支出 10434 元，当期结余 1932 万元"); misleading (medium, its value in 万元
        shown) when it is the only amount in 元 of a text that states its others in 万元 (a reader
        adding it to them is off by 10 000×); suspect (low) when its size is beyond what 元 amounts
        reach in the corpus (the baseline's ``yuan_max_``) or a thousandth of its neighbours. A
        text written in 元 (its tables' unit does not matter) is not flagged.
    Why an auditor cares:
        A shifted decimal point changes an amount tenfold while every other figure stays plausible;
        totals built on it are wrong, and no footing check catches it when the shifted cell is not
        summed.
    Fails:
        2021医疗保障与服务能力提升补助资金项目 | 执行数 36.5 | 其中-财政拨款 执行数 365
    Passes:
        2021医疗保障与服务能力提升补助资金项目 | 执行数 36.5 | 其中-财政拨款 执行数 36.5
    """

    doc_zh = """同一数量两处印出时数位错位（×10ᵏ），或万元之间夹着以元计的金额。

    检查内容：
        必须相等或有大小关系的数字对——项目的其中：财政拨款执行数与其执行数（部分不能超过整体；超出而比值不恰为10ᵏ时，缩小10ᵏ倍后
        在其自身预算的一半到全部之间，也视为错位）、执行数与预算数、年初
        与全年预算数、成本指标与预算、文字中重述的同一项目、两张表中的同一科目编码、文字中的金额与其所指的表格行、同一
        文字主语的两次表述——其比值在两个印出数值的尾数误差内恰为10、100、1000或10000（36.5 与 365）。以及以万元为
        单位的文件中按元写出的金额：当数字只有按万元读才能使句中的加减成立时，确定有误（“收入 12366 万元，支出 10434
        元，当期结余 1932 万元”）；当它是全文其余金额均以万元表示时唯一以元列示的金额时，会被误读一万倍（中，给出折合
        万元数）；当其大小超出语料中以元计金额的范围（基线的 yuan_max_）或只有相邻数字的千分之一时，视为可疑（低）。
        文字本身以元表示时（不论表格单位）不提示。
    为什么重要：
        小数点错位使金额变为十倍，而其他数字看起来仍然合理；以它为基础的合计都是错的，当错位的单元格不参与求和时，
        合计类检查也发现不了。
    不通过：
        2021医疗保障与服务能力提升补助资金项目 | 执行数 36.5 | 其中-财政拨款 执行数 365
    通过：
        2021医疗保障与服务能力提升补助资金项目 | 执行数 36.5 | 其中-财政拨款 执行数 36.5
    """

    code = "STA003"
    title = "单位或小数点错位"
    category = "unit_or_decimal_shift"
    severity = Severity.high

    def __init__(self, baseline: Baseline | None = None, max_power: int = 4):
        self.baseline = baseline
        self.max_power = max_power
        self.units_: UnitProfile | None = None

    def fit(self, corpus: list[Document]) -> DecimalShifts:
        self.units_ = UnitProfile().fit(corpus)
        return self

    @property
    def units(self) -> UnitProfile:
        return self.units_ or (self.baseline or active_baseline()).units

    def check(self, doc: Document) -> Iterable[Finding]:
        scale = document_scale(doc)
        # one shifted number restated in several tables (001 prints each project twice) is one
        # finding with every place as evidence
        found: dict[tuple, Finding] = {}
        for f in [*self._projects(doc, scale), *self._codes(doc, scale), *self._narrative(doc, scale)]:
            k = (f.values.get("stated"), f.values.get("expected"))
            if k in found:
                first = found[k]
                first.evidence = dedupe_evidence([*first.evidence, *f.evidence], limit=8)
                continue
            found[k] = f
        yield from self._systematic(list(found.values()))
        yield from self._yuan(doc, scale)

    def _systematic(self, findings: list[Finding]) -> Iterable[Finding]:
        """Every pair of two sources off by the same factor is a unit read or labelled wrong (the
        table is in 元 where its unit line says 万元, or the other way), not so many decimal
        slips: one finding for the pattern."""
        groups: dict[tuple, list[Finding]] = {}
        for f in findings:
            kind = f.key.split("|", 1)[0]
            if kind in ("vs_table", "code", "three_public"):
                groups.setdefault((kind, f.values["factor"]), []).append(f)
            else:
                yield f
        for (_, factor), group in groups.items():
            if len(group) < 3:
                yield from group
                continue
            ratio = factor if factor >= 1 else 1 / factor
            yield self.finding(
                f"{len(group)}处数字在两处之间都相差{fmt(ratio)}倍（如{group[0].message.split('，相差')[0]}）："
                "同一倍数的系统性差异通常是表格金额单位（元/万元）标注不符或读取有误，而不是逐项错误，请核对表格单位",
                dedupe_evidence([e for f in group[:3] for e in f.evidence], limit=6),
                key=f"systematic|{group[0].key.split('|', 1)[0]}|{fmt(ratio)}",
                values={"count": len(group), "factor": group[0].values["factor"]},
                severity=Severity.low,
                confidence=0.6,
                title="金额单位疑似标注或读取有误",
            )

    def _shift(
        self, subject: str, a: _Fact, b: _Fact, scale, *, min_sig: int, key: str, part_of_whole: bool = False
    ) -> Finding | None:
        """``a`` is the figure believed shifted, ``b`` the one it should equal."""
        if a.value is None or b.value is None:
            return None
        k = power_of_ten_shift(a.value, b.value, self.max_power)
        if k == 0 or (not part_of_whole and min(significant_digits(a.value), significant_digits(b.value)) < min_sig):
            return None
        factor = Decimal(10) ** abs(k)
        return self.finding(
            f"{subject}：{a.where} {fmt(a.value)}，{b.where} {fmt(b.value)}，相差{fmt(factor)}倍，疑为小数点错位",
            [e for e in (a.evidence, b.evidence) if e is not None],
            key=key,
            values={"stated": a.value, "expected": b.value, "factor": factor if k > 0 else 1 / factor},
            confidence=0.9 if part_of_whole else 0.8,
            materiality=materiality(a.value - b.value, scale),
            anomaly=1.0,
        )

    def _part_over_whole(
        self, subject: str, part: _Fact, whole: _Fact, budget: Decimal | None, scale, *, key: str
    ) -> Finding | None:
        """The 财政拨款 执行数 above the project's whole 执行数 (certainly wrong) that fits once its
        decimal point is moved back: ÷10ᵏ it is within the whole and spends between half and all of
        its own 财政拨款 budget (2615.2 of 301.6 in all, budget 262.17: 261.52)."""
        if not budget or budget <= 0 or part.value <= whole.value:
            return None
        for k in range(1, self.max_power + 1):
            factor = Decimal(10) ** k
            shifted = part.value / factor
            if shifted > whole.value:
                continue
            if not budget / 2 <= shifted <= budget + half_ulp(part.value) / factor:
                return None
            return self.finding(
                f"{subject}：{part.where} {fmt(part.value)} 大于{whole.where} {fmt(whole.value)}（部分不能大于整体），"
                f"缩小{fmt(factor)}倍为 {fmt(shifted)}，在其财政拨款预算 {fmt(budget)} 之内，疑为小数点错位",
                [e for e in (part.evidence, whole.evidence) if e is not None],
                key=key,
                values={"stated": part.value, "expected": shifted, "factor": factor},
                confidence=0.8,
                materiality=materiality(part.value - shifted, scale),
                anomaly=1.0,
            )
        return None

    # -- projects ---------------------------------------------------------------------------

    def _projects(self, doc: Document, scale) -> Iterable[Finding]:
        for g in project_groups(doc):
            for p in g.members:
                money = project_row(doc, p, "money")
                fiscal = project_row(doc, p, "fiscal") or money
                name = g.name
                checks = [
                    # a part (其中：财政拨款) cannot exceed its whole: any shift upwards is an error
                    (_Fact("其中：财政拨款 执行数", p.fiscal_executed, fiscal), _Fact("执行数", p.executed, money), 1, True),
                    (_Fact("其中：财政拨款 预算数", p.fiscal_budget, fiscal), _Fact("预算数", p.budget, money), 1, True),
                    (_Fact("执行数", p.executed, money), _Fact("全年预算数", p.budget, money), 3, False),
                    (_Fact("全年预算数", p.budget, money), _Fact("年初预算数", p.budget_initial, money), 2, False),
                ]
                for a, b, sig, whole in checks:
                    if a.value is None or b.value is None:
                        continue
                    if whole and a.value <= b.value:
                        continue
                    f = self._shift(name, a, b, scale, min_sig=sig, part_of_whole=whole, key=f"project|{g.key}|{a.where}")
                    if f is None and whole and a.where.endswith("执行数"):
                        f = self._part_over_whole(name, a, b, p.fiscal_budget, scale, key=f"project|{g.key}|{a.where}")
                    if f:
                        yield f
                for ind in p.indicators:
                    if "成本" not in ind.level2 + ind.level1 + ind.name:
                        continue
                    for text, where in ((ind.target, "成本指标 指标值"), (ind.actual, "成本指标 完成值")):
                        m = _WAN_NUM.match(normalize_label(text))
                        if not m or p.budget is None:
                            continue
                        v = Decimal(m.group("num"))
                        table = doc.table(p.table)
                        ev = None
                        if table is not None and ind.row < len(table.rows):
                            r = table.rows[ind.row]
                            ev = Evidence(r.text, r.page, r.bbox, "stated", table.id, r.index)
                        f = self._shift(
                            name,
                            _Fact(where, v, ev),
                            _Fact("全年预算数", p.budget, money),
                            scale,
                            min_sig=2,
                            key=f"cost|{g.key}|{where}",
                        )
                        if f:
                            yield f
        # one budget, two executed amounts a power of ten apart (基础数据表 229 against 自评表 22.9)
        obs = rate_observations(doc)
        for i, o in enumerate(obs):
            for p in obs[i + 1 :]:
                if (o.kind == "three_public") != (p.kind == "three_public"):
                    continue
                for same, diff, where in (("budget", "executed", "执行数"), ("executed", "budget", "预算数")):
                    if getattr(o, same) != getattr(p, same) or significant_digits(getattr(o, same)) < 2:
                        continue
                    # the shifted one is the one whose rate is further from 100%
                    a, b = sorted((o, p), key=lambda x: -abs(x.log_rate))
                    f = self._shift(
                        f"{b.subject}（预算数{fmt(b.budget)}）" if same == "budget" else b.subject,
                        _Fact(f"一处{where}为", getattr(a, diff), a.evidence[0] if a.evidence else None),
                        _Fact(f"另一处{where}为", getattr(b, diff), b.evidence[0] if b.evidence else None),
                        scale,
                        min_sig=2,
                        key=f"pair|{norm_text(b.subject)}|{where}",
                    )
                    if f:
                        yield f
        # a project restated in the narrative: the same subject, shifted amounts
        tables = [o for o in obs if any(s != "narrative" for s in o.sources)]
        for o in obs:
            if o.sources != ["narrative"]:
                continue
            for t in tables:
                if t.kind != o.kind or norm_text(t.subject) != norm_text(o.subject):
                    continue
                for attr, where in (("budget", "预算数"), ("executed", "执行数")):
                    a = _Fact(f"文字中的{where}", getattr(o, attr), o.evidence[0] if o.evidence else None)
                    b = _Fact(f"表中{where}", getattr(t, attr), t.evidence[0] if t.evidence else None)
                    f = self._shift(o.subject, a, b, scale, min_sig=2, key=f"restated|{norm_text(o.subject)}|{attr}")
                    if f:
                        yield f

    # -- one code in several tables -----------------------------------------------------------

    def _codes(self, doc: Document, scale) -> Iterable[Finding]:
        by_code: dict[str, list[tuple[str, Decimal, Evidence, str]]] = {}
        for t in doc.tables:
            if t.kind not in _CODE_KINDS:
                continue
            for r in t.rows:
                a = t.amount(r, "total")
                if not r.code or a is None or a.value == 0:
                    continue
                ev = Evidence(r.text, r.page, r.bbox, "stated", t.id, r.index)
                by_code.setdefault(r.code, []).append((t.number or t.title, a.wan, ev, r.label))
        for code, vals in by_code.items():
            for i, (ta, va, ea, label) in enumerate(vals):
                for tb, vb, eb, _ in vals[i + 1 :]:
                    if va == vb:
                        continue
                    small, big = sorted(((va, ta, ea), (vb, tb, eb)), key=lambda x: x[0])
                    # the table that disagrees with the others is the shifted one
                    others = [v for _, v, _, _ in vals]
                    a, b = (big, small) if others.count(small[0]) >= others.count(big[0]) else (small, big)
                    f = self._shift(
                        f"{code} {label}",
                        _Fact(a[1], a[0], a[2]),
                        _Fact(b[1], b[0], b[2]),
                        scale,
                        min_sig=3,
                        key=f"code|{code}|{norm_text(a[1])}",
                    )
                    if f:
                        yield f

    # -- narrative ----------------------------------------------------------------------------

    def _narrative(self, doc: Document, scale) -> Iterable[Finding]:
        amounts = [f for f in doc.figures if f.kind == "amount" and f.unit == "万元"]
        # the same subject stated twice
        by_subject: dict[str, list[Figure]] = {}
        for f in amounts:
            s = re.sub(r"^[\d一二三四五六七八九十]+", "", norm_text(f.subject))  # "2、公务接待费…" is 公务接待费…
            if len(_GENERIC_SUBJECT.sub("", s)) >= 4:
                by_subject.setdefault(s, []).append(f)
        for s, figs in by_subject.items():
            values = [f.value for f in figs]
            for i, a in enumerate(figs):
                for b in figs[i + 1 :]:
                    if a.value == b.value:
                        continue
                    x, y = (a, b) if values.count(b.value) >= values.count(a.value) else (b, a)
                    f = self._shift(
                        re.sub(r"^[\d一二三四五六七八九十]+[、.．]", "", normalize_label(x.subject)),
                        _Fact("一处为", x.value, figure_evidence(x)),
                        _Fact("另一处为", y.value, figure_evidence(y)),
                        scale,
                        min_sig=2,
                        key=f"subject|{s}",
                    )
                    if f:
                        yield f
        yield from self._three_public(doc, amounts, scale)
        # a narrative amount against the table row it names
        rows = []
        for t in doc.tables:
            if t.kind not in _CODE_KINDS + ("summary", "fiscal_summary"):
                continue
            for r in t.rows:
                a = t.amount(r, "total")  # compared in 万元, the narrative's unit
                label = re.sub(r"^[一二三四五六七八九十]+、", "", norm_text(r.label))
                label = re.sub(r"支出$", "", label)
                if a is not None and a.value != 0 and len(label) >= 4:
                    rows.append((label, a, Evidence(r.text, r.page, r.bbox, "expected", t.id, r.index), t))
        for f in amounts:
            subj = re.sub(r"[（(][类款项][)）]", "", norm_text(f.subject))
            matches = [(a, e, t) for label, a, e, t in rows if label in subj]
            if not matches or any(abs(a.wan - f.value) <= a.radius_wan + half_ulp(f.value) for a, _, _ in matches):
                continue
            for a, e, t in matches:
                res = self._shift(
                    normalize_label(f.subject),
                    _Fact("文字中为", f.value, figure_evidence(f)),
                    _Fact(f"{t.number or t.title}中为" + ("" if t.unit == "万元" else "（折合万元）"), a.wan, e),
                    scale,
                    min_sig=3,
                    key=f"vs_table|{norm_text(f.subject)}|{fmt(f.value)}",
                )
                if res:
                    yield res
                    break

    def _three_public(self, doc: Document, amounts: list[Figure], scale) -> Iterable[Finding]:
        """A 三公 item in the narrative against its cell of the 三公 table."""
        cells: dict[str, tuple[Decimal, Evidence]] = {}
        for t in doc.tables_of("three_public"):
            for col in t.columns:
                role = col.role
                if "@" not in role:
                    # a budget's 三公 table has one half, with no 预算/决算 columns: its amounts are budgets
                    if doc.doc_type != "部门预算" or role not in dict(_TP_WORDS).values():
                        continue
                    role += "@budget"
                for r in t.rows:
                    a = r.cells[col.index].amount if col.index < len(r.cells) else None
                    if a is not None:
                        ev = Evidence(r.text, r.page, r.bbox, "expected", t.id, r.index, (col.index,))
                        cells.setdefault(role, (a.wan, ev))
                        break
        if not cells:
            return
        for f in amounts:
            subj = norm_text(f.subject)
            item = next((role for word, role in _TP_WORDS if word in subj), None)
            if item is None or re.search(r"比|较|上年|增|减", subj):
                continue
            role = f"{item}@{'budget' if '预算' in subj or doc.doc_type == '部门预算' else 'final'}"
            if role not in cells:
                continue
            value, ev = cells[role]
            if abs(value - f.value) <= half_ulp(value) + half_ulp(f.value):
                continue
            res = self._shift(
                re.sub(r"^[\d一二三四五六七八九十]+[、.．]", "", normalize_label(f.subject)),
                _Fact("文字中为", f.value, figure_evidence(f)),
                _Fact("“三公”经费表中为", value, ev),
                scale,
                min_sig=1,
                key=f"three_public|{role}|{fmt(f.value)}",
            )
            if res:
                yield res

    # -- 元 among 万元 ------------------------------------------------------------------------

    def _yuan(self, doc: Document, scale) -> Iterable[Finding]:
        # the narrative's convention, whatever its tables' unit (Shanghai's tables are in 元 and
        # their text in 万元): a text written in 元 has nothing to flag
        wan_count = sum(1 for f in doc.figures if f.kind == "amount" and f.unit == "万元")
        yuan_count = sum(1 for f in doc.figures if f.kind == "amount" and f.unit == "元" and f.value > 0)
        if yuan_count > wan_count:
            return
        by_par: dict[int, list[Figure]] = {}
        for f in doc.figures:
            by_par.setdefault(f.paragraph, []).append(f)
        limit = Decimal(str(self.units.yuan_max_))
        for figs in by_par.values():
            wan = [f for f in figs if f.kind in ("amount", "change") and f.unit == "万元"]
            for f in figs:
                if f.kind != "amount" or f.unit != "元" or f.value <= 0:
                    continue
                same_sentence = [w for w in wan if w.sentence == f.sentence]
                fit = _sum_fit(f.value, same_sentence) or _sum_fit(f.value, wan)
                fit_as_yuan = _sum_fit(f.value / 10000, wan)
                ev = [figure_evidence(f)]
                if fit and not fit_as_yuan:
                    a, b, c, op = fit
                    ev += [figure_evidence(x, "expected") for x in (a, c) if x.sentence != f.sentence][:2]
                    yield self.finding(
                        f"“{normalize_label(f.subject)}{fmt(f.value)}元”应为万元：按万元计 {op} 与同段数字相符（按元计则差{fmt(Decimal(10000))}倍）",
                        ev,
                        key=f"yuan|{norm_text(f.subject)}|{fmt(f.value)}",
                        values={"stated": f.value, "expected": f.value, "factor": Decimal(10000)},
                        severity=Severity.medium,
                        confidence=0.9,
                        materiality=materiality(f.value, scale),
                        anomaly=1.0,
                        title="金额单位写错（元/万元）",
                    )
                    continue
                if _PER_HEAD.search(f.subject + f.sentence[max(0, f.sentence.find(f.text) - 6) : f.sentence.find(f.text)]):
                    continue
                peers = [w.value for w in same_sentence]
                tiny = len(peers) >= 2 and f.value / 10000 < median(peers) / 1000
                yuan_here = [x for x in figs if x.kind == "amount" and x.unit == "元" and x.sentence == f.sentence]
                # one 元 amount among as many 万元 ones in its sentence: the writer switched units
                minority = bool(same_sentence) and len(yuan_here) <= len(same_sentence)
                # the one amount of the text in 元: read with the others it is off by 10 000×
                sole = yuan_count == 1 and wan_count >= _CONVENTION
                if f.value >= limit or tiny or minority or sole:
                    wan_value = (f.value / 10000).quantize(Decimal("0.01"))
                    if tiny:
                        why = f"按元计仅{fmt(wan_value)}万元，不到同句其他金额的千分之一，疑为万元"
                    elif sole:
                        why = f"合{fmt(wan_value)}万元，全文其余{wan_count}处金额均以万元列示，与其他金额并读会差{fmt(Decimal(10000))}倍"
                    elif f.value >= limit:
                        why = f"合{fmt(wan_value)}万元，而全文金额以万元表示"
                    else:
                        why = f"合{fmt(wan_value)}万元，同句其他金额均以万元表示"
                    yield self.finding(
                        f"“{normalize_label(f.subject)}{fmt(f.value)}元”以元列示，{why}",
                        ev,
                        key=f"yuan|{norm_text(f.subject)}|{fmt(f.value)}",
                        values={"stated": f.value, "expected": wan_value},
                        severity=Severity.medium if sole else Severity.low,
                        confidence=0.7,
                        materiality=0.0,
                        anomaly=0.6,
                        title="金额单位不统一（元/万元）",
                    )


def _sum_fit(v: Decimal, figs: list[Figure]):
    """(a, b, c, text) when v fits a ± v = c or v + c = a among ``figs`` (amounts in 万元)."""
    vals = [f for f in figs if f.value is not None]
    tol_v = half_ulp(v)
    for a in vals:
        for c in vals:
            if a is c:
                continue
            tol = tol_v + half_ulp(a.value) + half_ulp(c.value)
            if abs(a.value - v - c.value) <= tol and a.value > c.value:
                return a, v, c, f"{fmt(a.value)} − {fmt(v)} = {fmt(c.value)}"
            if abs(a.value + v - c.value) <= tol and c.value > a.value and a.value != 0:
                return a, v, c, f"{fmt(a.value)} + {fmt(v)} = {fmt(c.value)}"
    return None
