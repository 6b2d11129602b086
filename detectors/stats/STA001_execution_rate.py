"""STA001: execution rates far from their peers, from the corpus, or from 100%."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from statistics import median

from rapidfuzz import fuzz

from extract.numbers import half_ulp
from models import Document, Evidence, Finding, Severity

from ..base import Rule, fmt, materiality
from ..performance._common import core_name
from .baseline import Baseline, RateModel, active_baseline
from .common import dedupe_evidence, norm_text, pct, power_of_ten_shift
from .rates import KIND_LABELS, RateObservation, document_scale, rate_observations, zero_budget_lines


@dataclass(frozen=True)
class RatePolicy:
    """How far from 100% an *outlying* rate must be to be medium or high, per kind:
    (high at or below, medium at or below, medium above, high at or above), in %.
    Whether a rate is outlying at all is learned (``RateModel``); this only grades it."""

    bands: dict[str, tuple[float, float, float, float]] = field(
        default_factory=lambda: {
            # 执行数 / 全年预算数: under-execution idles money; over-execution spends without budget
            "project": (50.0, 80.0, 102.0, 110.0),
            "department": (50.0, 80.0, 102.0, 110.0),
            # 决算 / 年初预算: mid-year additions are normal, a multiple is not
            "budget_line": (20.0, 50.0, 300.0, 1000.0),
            # 三公: more than budgeted is a breach (less is never flagged, see flag_under)
            "three_public": (-1.0, -1.0, 100.0, 110.0),
        }
    )

    # 三公 spent below budget is what the rules ask for (厉行节约): never an outlier
    flag_under: dict[str, bool] = field(
        default_factory=lambda: {"project": True, "department": True, "budget_line": True, "three_public": False}
    )

    def severity(self, kind: str, rate: float) -> Severity:
        high_lo, med_lo, med_hi, high_hi = self.bands[kind]
        if rate <= high_lo or rate >= high_hi:
            return Severity.high
        if rate <= med_lo or rate > med_hi:
            return Severity.medium
        return Severity.low


# Narrative claims that the numbers can contradict: (name, pattern, contradicted by under-execution
# only (False) or by any rate off 100% (True)).
CLAIMS: tuple[tuple[str, str, bool], ...] = (
    ("均完成", r"(均|全部|各项)(已)?(圆满)?完成(了)?[^，。；,;]{0,10}(目标|任务)", False),
    ("圆满完成", r"圆满完成", False),
    ("严格有序", r"预算执行严格有序", False),
    ("执行率100%", r"执行率(均)?(为|达到?|是)?100(\.0+)?%", True),
    ("完成预算100%", r"完成(年初|全年)?预算(数)?的?100(\.0+)?%", True),
)
_SENTENCE = re.compile(r"[^。！？!?]+[。！？!?]?")
_EXCEPT = re.compile(r"除(.{2,40}?)外")


@dataclass
class RateScore:
    """One observation as the model sees it; ``anomaly`` is 0–1, higher = more abnormal."""

    obs: RateObservation
    forest: float  # IsolationForest score (higher = more abnormal)
    z: float | None  # robust z against the document's other rates of its family
    band: tuple[float, float]
    rate_low: float  # the rate's rounding interval
    rate_high: float
    outlier: bool = False
    anomaly: float = 0.0
    severity: Severity = Severity.low
    reasons: list[str] = field(default_factory=list)
    peers_median: float | None = None
    accounted_by: list[RateObservation] = field(default_factory=list)  # a department's: the projects behind it

    @property
    def under(self) -> bool:
        return self.rate_high < 100


class ExecutionRateOutliers(Rule):
    """Execution rates far from their peers, from the corpus baseline, or from 100%.

    What it checks:
        Every execution rate the document supports: each project's 全年执行数 / 全年预算数 (绩效自评表,
        绩效评价基础数据表, the self-evaluation report's "预算资金X万元 … 实际使用资金Y万元"), each budget
        line's 决算 / 年初预算 ("年初预算为X万元，支出决算为Y万元"), and 三公 决算 / 预算. A rate is
        outlying when its rounding interval excludes 100% and it is either outside the corpus band for
        its kind, or its IsolationForest score over (rate, log amount, share of the document total,
        kind) passes the learned threshold, or its robust z (median / MAD) against the document's
        other rates of that kind passes the learned threshold. The policy then grades it (a project
        at 50% or less, or above 110%, is high). Narrative claims ("均完成绩效目标", "其他均完成",
        "预算执行严格有序", "执行率100%", "完成预算的100%" for the whole department) that such a rate
        contradicts are reported once per document. An extreme the document explains (a reason after
        the rate in the text — "主要原因是……", in its sentence or the next — a 偏差原因 of the
        project's table that speaks of its cost or spending, or the table's note naming the project
        with a reason) is low, the reason quoted; so is a
        department's low rate that its far-underspent projects account for (their own rates are
        reported, or explained), and a shortfall no larger than the budget added during the year
        (全年预算数 above 年初预算数); a text's restatement of a project a table gives is left to the
        rules that compare the two (PRF006, STA003).
    Why an auditor cares:
        A project that spent 42% of its budget, or 121% of it, is either idle money, spending without
        a budget, or a typing error; and a report that says every target was met while one project
        spent a fifth of its money is not telling the reader the truth.
    Fails:
        项目 离休人员医药费 | 全年预算数 25 | 全年执行数 10.44 | 执行率 41.76%   (peers at 100%, 98.52%)
    Passes:
        项目 医保工作专项经费 | 全年预算数 40 | 全年执行数 39.41 | 执行率 98.52%
    """

    doc_zh = """执行率远离同类、远离语料基线或远离100%。

    检查内容：
        文件能支持的每个执行率：每个项目的 全年执行数 ÷ 全年预算数（绩效自评表、绩效评价基础数据表、自评报告中的
        “预算资金X万元……实际使用资金Y万元”），每个预算科目的 决算 ÷ 年初预算（“年初预算为X万元，支出决算为Y万元”），
        以及三公经费 决算 ÷ 预算。当其尾数区间不含100%，且满足以下之一时视为异常：超出该类比率的语料区间；其
        IsolationForest 得分（比率、金额的对数、占文件总额的比重、类别）超过学习得到的阈值；或其相对于文件中同类其他
        比率的稳健 z 值（中位数 / MAD）超过学习得到的阈值。再按规则分级（项目执行率在50%及以下或高于110%为高）。被这种
        比率否定的文字说法（“均完成绩效目标”“其他均完成”“预算执行严格有序”、整个部门“执行率100%”“完成预算的100%”）
        每份文件报告一次。文件对异常作了说明的（文中比率之后的原因——“主要原因是……”，在同一句或下一句——或项目
        表中谈及成本或支出的偏差原因，或表注点名该项目并说明原因），列为低级别并引用其说明；部门整体执行率偏低、而其原因就在几个执行率很低的项目（这些项目
        已各自报告或已说明原因）的，以及未执行部分不超过年中追加预算（全年预算数高于年初预算数的部分）的，也列为低级别；文字对表中已有项目的复述，交由比较二者的规则处理
        （PRF006、STA003）。
    为什么重要：
        只花了预算42%或花了121%的项目，要么是闲置资金，要么是无预算支出，要么是录入错误；一个项目只花了五分之一的钱，
        报告却说所有目标都已完成，就没有对读者说实话。
    不通过：
        项目 离休人员医药费 | 全年预算数 25 | 全年执行数 10.44 | 执行率 41.76%（同类为100%、98.52%）
    通过：
        项目 医保工作专项经费 | 全年预算数 40 | 全年执行数 39.41 | 执行率 98.52%
    """

    code = "STA001"
    title = "执行率异常"
    category = "execution_rate_outlier"
    severity = Severity.high

    def __init__(self, baseline: Baseline | None = None, policy: RatePolicy | None = None, claims=CLAIMS):
        self.baseline = baseline
        self.policy = policy or RatePolicy()
        self.claims = claims
        self.model_: RateModel | None = None

    # -- learning ------------------------------------------------------------------------

    def fit(self, corpus: Sequence[Document]) -> ExecutionRateOutliers:
        self.model_ = RateModel().fit(corpus, prior=(self.baseline or active_baseline()).rates)
        return self

    @property
    def model(self) -> RateModel:
        if self.model_ is not None:
            return self.model_
        return (self.baseline or active_baseline()).rates

    # -- scoring -------------------------------------------------------------------------

    def score_samples(self, doc: Document) -> list[RateScore]:
        obs = rate_observations(doc)
        model = self.model
        scale = document_scale(doc)
        forest = model.score(obs, scale)
        zs = model.robust_z(obs)
        out: list[RateScore] = []
        for i, o in enumerate(obs):
            lo_r, hi_r = _interval(o)
            band = model.band_.get(o.kind, (0.0, 1e9))
            s = RateScore(o, forest[i], zs.get(i), band, lo_r, hi_r)
            peers = [float(x.rate) for j, x in enumerate(obs) if j != i and _same_family(x, o)]
            s.peers_median = median(peers) if len(peers) >= 2 else None
            if (
                lo_r <= 100 <= hi_r
                or _shifted_copy(o, obs)
                or _restated_otherwise(o, obs)
                or (hi_r < 100 and not self.policy.flag_under[o.kind])
            ):
                out.append(s)
                continue  # 100% within rounding, or another sighting misstated (STA003, PRF006)
            if hi_r < band[0] or lo_r > band[1]:
                s.reasons.append("band")
            if model.threshold_ is not None and s.forest > model.threshold_:
                s.reasons.append("forest")
            if s.z is not None and abs(s.z) >= model.z_threshold_ and abs(o.log_rate) > abs(_peer_log(peers)):
                s.reasons.append("peers")
            s.outlier = bool(s.reasons)
            forest_norm = 0.0
            if model.threshold_ is not None and model.threshold_ < 1:
                forest_norm = max(0.0, min(1.0, (s.forest - model.threshold_) / (1 - model.threshold_)))
            s.anomaly = round(max(forest_norm, min(1.0, abs(o.log_rate) / math.log(2))), 4)
            s.severity = self.policy.severity(o.kind, float(o.rate))
            if o.sources == ["narrative"] and not o.rate_printed and s.severity == Severity.high:
                # paired from prose ("安排30万元 … 实际报销11万元"): the pairing itself is inferred
                s.severity = Severity.medium
            if not o.explanation:
                s.accounted_by = _underspent_projects(o, obs, self.policy)
                if s.accounted_by and all(p.explanation for p in s.accounted_by):
                    o.explanation = "；".join(f"{p.subject}执行率{fmt(pct(p.rate))}%，{p.explanation}" for p in s.accounted_by)
            if o.explanation or s.accounted_by or _added_unspent(o):
                # an extreme the text explains, a department's that its projects' own account for, or
                # money added during the year left unspent: worth seeing, not a misstatement of its own
                s.severity = Severity.low
            out.append(s)
        return out

    # -- findings ------------------------------------------------------------------------

    def check(self, doc: Document) -> Iterable[Finding]:
        scores = self.score_samples(doc)
        scale = document_scale(doc)
        zero_lines = zero_budget_lines(doc)
        flagged = [s for s in scores if s.outlier]
        top_line = max((s for s in flagged if s.obs.kind == "budget_line"), key=lambda s: s.obs.budget, default=None)
        for s in flagged:
            yield self._finding(s, scale, zero_lines if s is top_line else [])
        yield from self._claims(doc, scores, scale)

    def _finding(self, s: RateScore, scale: Decimal | None, zero_lines) -> Finding:
        o = s.obs
        rate = pct(o.rate)
        kind = KIND_LABELS[o.kind]
        if o.kind == "budget_line":
            head = (
                f"{o.subject}：{o.budget_word}{fmt(o.budget)}万元，支出决算{fmt(o.executed)}万元，为{o.budget_word}的{fmt(rate)}%"
            )
        elif o.kind == "three_public":
            head = f"{o.subject}：预算{fmt(o.budget)}万元，决算{fmt(o.executed)}万元，完成预算的{fmt(rate)}%"
        else:
            head = f"{kind} {o.subject}：全年预算{fmt(o.budget)}万元，执行{fmt(o.executed)}万元，执行率{fmt(rate)}%"
        if not s.under:
            head += f"，超出预算{fmt(o.executed - o.budget)}万元"
        if s.peers_median is not None and "peers" in s.reasons:
            head += f"，明显偏离本文件同类{kind}（中位数{fmt(pct(s.peers_median))}%）"
        elif "band" in s.reasons:
            lo, hi = s.band
            head += f"，超出同类{kind}的常见范围（{fmt(pct(lo))}%–{fmt(pct(hi))}%）"
        else:
            head += "，与基线中同规模、同类型的执行率相比异常"
        values: dict = {
            "stated": o.executed,
            "expected": o.budget,
            "rate": rate,
            "difference": o.executed - o.budget,
            "anomaly": round(s.anomaly, 3),
        }
        if s.peers_median is not None:
            values["median"] = pct(s.peers_median)
        if o.explanation:
            head += f"（文中说明的原因：“{o.explanation[:60]}”）"
        elif _added_unspent(o):
            head += f"（年中追加预算{fmt(o.added)}万元，未执行的{fmt(o.budget - o.executed)}万元未超过追加额）"
        elif s.accounted_by:
            names = "、".join(f"{p.subject}（{fmt(pct(p.rate))}%）" for p in s.accounted_by)
            head += f"（主要是项目{names}执行偏低，见其各自的发现）"
        if zero_lines:
            total = sum((f.amount_wan or Decimal(0) for f in zero_lines), Decimal(0))
            head += f"；另有{len(zero_lines)}个科目年初预算为0、决算合计{fmt(total)}万元，年初预算编制不完整"
            values["zero_budget_lines"] = len(zero_lines)
        conf = 0.9 if any(src != "narrative" for src in o.sources) else 0.8
        if len(o.sources) >= 2:
            conf = min(0.95, conf + 0.05)
        return self.finding(
            head,
            dedupe_evidence(o.evidence, limit=4),
            key=f"{o.kind}|{norm_text(o.subject)}|{fmt(o.budget)}|{fmt(o.executed)}",
            values=values,
            severity=s.severity,
            confidence=conf,
            materiality=materiality(o.executed - o.budget, scale),
            anomaly=s.anomaly,
        )

    def _claims(self, doc: Document, scores: list[RateScore], scale: Decimal | None) -> Iterable[Finding]:
        serious = [s for s in scores if s.outlier and s.severity in (Severity.high, Severity.medium)]
        serious = [s for s in serious if s.obs.kind in ("project", "department", "budget_line")]
        if not serious:
            return
        by_sentence = {sent: s for s in scores for sent in s.obs.sentences}
        claims: list[tuple[str, Evidence]] = []
        against: dict[int, RateScore] = {}
        for par in doc.paragraphs:
            for m in _SENTENCE.finditer(par.text):
                sentence = m.group(0)
                ns = norm_text(sentence)
                for name, pattern, any_direction in self.claims:
                    if not re.search(pattern, sentence.replace(" ", "")):
                        continue
                    own = by_sentence.get(ns)
                    if own is not None and not (own.obs.kind == "department" or (scale and own.obs.budget * 2 >= scale)):
                        continue  # a claim about one line, which its own numbers bear out or not
                    excluded = _EXCEPT.search(sentence.replace(" ", ""))
                    hits = [
                        s
                        for s in serious
                        if (any_direction or s.under)
                        and s is not own
                        and not (excluded and fuzz.partial_ratio(norm_text(s.obs.subject), norm_text(excluded.group(1))) >= 80)
                    ]
                    if hits:
                        claims.append(
                            (
                                name,
                                Evidence(sentence.strip(), par.page_at(m.start()), par.span_bbox(m.start(), m.end()), "stated"),
                            )
                        )
                        for h in hits:
                            against[id(h)] = h
                    break
        if not claims:
            return
        # the same claim restated in an attachment is the same claim
        seen: set[str] = set()
        unique = []
        for name, ev in claims:
            k = norm_text(ev.text)
            if k not in seen:
                seen.add(k)
                unique.append((name, ev))
        hits = sorted(against.values(), key=lambda s: float(s.obs.rate))
        said = "、".join(dict.fromkeys(f"“{name}”" for name, _ in unique))
        facts = "；".join(f"{h.obs.subject}执行率{fmt(pct(h.obs.rate))}%" for h in hits[:4])
        high = any(h.severity == Severity.high for h in hits)
        evidence = [ev for _, ev in unique[:4]] + [h.obs.evidence[0] for h in hits[:4] if h.obs.evidence]
        yield self.finding(
            f"文字称{said}，但{facts}",
            dedupe_evidence(evidence, limit=8),
            key="claims|" + "|".join(sorted(f"{norm_text(h.obs.subject)}" for h in hits)),
            values={"claims": len(unique), "contradicting": len(hits), "lowest_rate": pct(hits[0].obs.rate)},
            severity=Severity.medium if high else Severity.low,
            category="narrative_vs_table",
            title="文字表述与执行数据矛盾",
            confidence=0.8,
            anomaly=max(h.anomaly for h in hits),
        )


def _interval(o: RateObservation) -> tuple[float, float]:
    hb, he = half_ulp(o.budget), half_ulp(o.executed)
    lo = (o.executed - he) / (o.budget + hb) * 100
    hi = (o.executed + he) / (o.budget - hb) * 100 if o.budget > hb else Decimal("1e9")
    return float(lo), float(hi)


def _shifted_copy(o: RateObservation, obs: Sequence[RateObservation]) -> bool:
    """o is another sighting of a rate nearer 100%, with one amount's digits shifted."""
    for p in obs:
        if p is o or abs(p.log_rate) >= abs(o.log_rate):
            continue
        if p.budget == o.budget and power_of_ten_shift(o.executed, p.executed):
            return True
        if p.executed == o.executed and power_of_ten_shift(o.budget, p.budget):
            return True
    return False


def _restated_otherwise(o: RateObservation, obs: Sequence[RateObservation]) -> bool:
    """o is the text's restatement of a project a table gives with other amounts: the table's
    rate is the project's; the text misstating it is a finding of its own (PRF006, STA003). The
    project is the same named with or without its year ("3、2020年乡镇卫生院能力建设资金分配安排和使用
    管理情况" above a paragraph read as 乡镇卫生院能力建设资金)."""
    if o.sources != ["narrative"]:
        return False
    return any(
        p is not o and p.sources != ["narrative"] and _same_family(p, o) and core_name(p.subject) == core_name(o.subject)
        for p in obs
    )


def _added_unspent(o: RateObservation) -> bool:
    """Under-execution no larger than the budget added during the year (全年预算数 above 年初预算数):
    money that came late and was carried over, as it commonly is."""
    return bool(o.added) and o.executed < o.budget and o.budget - o.executed <= o.added


def _underspent_projects(o: RateObservation, obs: Sequence[RateObservation], policy: RatePolicy) -> list[RateObservation]:
    """The far-underspent projects that account for a department's low rate: with their unspent
    money added back, the department's rate is an ordinary one ([] otherwise). The department's
    rate then says nothing the projects' own (explained, or reported each) do not."""
    if o.kind != "department" or o.executed >= o.budget:
        return []
    parts = [
        p
        for p in obs
        if p.kind == "project" and p.executed < p.budget <= o.budget and policy.severity(p.kind, float(p.rate)) != Severity.low
    ]
    unspent = sum((p.budget - p.executed for p in parts), Decimal(0))
    if not parts or policy.severity(o.kind, float((o.executed + unspent) / o.budget * 100)) != Severity.low:
        return []
    return parts


def _same_family(a: RateObservation, b: RateObservation) -> bool:
    fam = {"project": "money", "department": "money"}
    return fam.get(a.kind, a.kind) == fam.get(b.kind, b.kind)


def _peer_log(peers: list[float]) -> float:
    if not peers:
        return 0.0
    return math.log(max(median(peers), 0.1) / 100.0)
