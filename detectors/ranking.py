"""One score per finding: higher = look first.

    score = 100 × severity × confidence × (0.3 + 0.7 × weight)
    weight = 1 − (1 − impact) × (1 − ½ × anomaly),  impact = materiality^¼

- **severity** — high 1.0, medium 0.6, low 0.3, info 0.05: what the rule says the problem is
  worth, so a high finding is never outranked by a low one of the same confidence;
- **confidence** (0–1) — how sure extraction and rule are (a sum that does not foot is near
  certain; a statistical outlier or a text similarity less so; OCR pages lower it);
- **materiality** (0–1) — the amount involved against the document's total (``document_total``);
  its fourth root keeps a 0.01 % difference from vanishing while putting a 30 % one far above it;
- **anomaly** (0–1) — a statistical detector's own score (how far an execution rate sits from
  its peers and the corpus baseline, how sure a text was pasted); it counts half as much as
  money, so an outlying rate ranks with a material difference, not above every footing error.
  The two combine like independent chances: either one alone can carry a finding, both
  together carry it further.

**Merging.** Two findings of different rules are one root cause when they point at the same place
(the same table row, or the same sentence) and make the same case: the same ``stated`` value and
either the same category or the same ``expected`` value ("支出 10434 元" found by a sum check
and by the unit detector is one problem). Two findings of one rule are one root cause when they
point at exactly the same rows or sentences (two numbers of one pair of mismatched paragraphs).
A difference between two tables that also shows in a total is one root cause too: two
table-to-table findings of different rules that share a table and differ by the same amount (a
row of 收入决算表 wrong by 0.5 万元, and that table's 合计 off table 1's by the same 0.5) are
the one error, seen at its row and summed up in the total. They are merged into the higher-scored one: its evidence gains the other's, its confidence rises
(two detectors agreeing), the message names the other rule, and the other is dropped.
"""

from __future__ import annotations

from decimal import Decimal

from models import Evidence, Finding

# The docstring above in Chinese: what the app's 发现 and 帮助 pages show (keep the two in step).
DOC_ZH = """每条发现一个排序分：分数越高，越应优先查看。

    排序分 = 100 × 严重程度 × 置信度 × (0.3 + 0.7 × 权重)
    权重 = 1 − (1 − 影响) × (1 − ½ × 异常度)，影响 = 金额重要性^¼

- **严重程度**——高 1.0、中 0.6、低 0.3、提示 0.05：规则认定的问题分量，因此在置信度相同时，高风险发现
  不会排在低风险发现之后；
- **置信度**（0–1）——提取和规则有多大把握（加不平的合计几乎可以肯定；统计异常或文字相似度把握较小；
  OCR识别的页面会降低置信度）；
- **金额重要性**（0–1）——涉及金额占文件总额（``document_total``）的比重；取四次方根，使0.01%的差额
  不至于消失，同时让30%的差额远远排在它前面；
- **异常度**（0–1）——统计类规则自己的得分（执行率偏离同类和语料基线的程度、文字被粘贴的把握）；它的分量
  是金额的一半，因此偏离的执行率与重大差额排在一起，而不会排在所有合计错误之前。两者像独立事件的概率
  那样合并：任何一个都足以让发现排前，两者兼有则更靠前。

**合并。** 不同规则的两条发现指向同一位置（同一表格行或同一句子）并说明同一问题——列示数相同，且类别相同
或复算数相同（“支出 10434 元”既被求和检查发现，又被单位检查发现，是同一个问题）——视为同一根源。两条不同规则
的表间勾稽发现涉及同一张表、差额相同（收入决算表某一行相差0.5万元，该表合计与总表也相差同样的0.5万元），是同一
个错误在该行和在合计中的体现，也视为同一根源。同一规则的
两条发现指向完全相同的行或句子（一对不相符段落中的两个数字）时，也视为同一根源。它们合并到排序分较高的
一条中：该条的证据加入另一条的证据，置信度提高（两个检查相互印证），说明中写明另一条规则，另一条不再列出。
"""

SEVERITY_FLOOR = 0.3  # the share of the score a finding keeps with no materiality or anomaly at all
ANOMALY_WEIGHT = 0.5  # how much a detector's anomaly counts against the same materiality


def score(f: Finding) -> float:
    impact = max(f.materiality, 0.0) ** 0.25
    surprise = min(max(f.anomaly, 0.0), 1.0) * ANOMALY_WEIGHT
    weight = 1 - (1 - impact) * (1 - surprise)
    return round(100.0 * f.severity.weight * f.confidence * (SEVERITY_FLOOR + (1 - SEVERITY_FLOOR) * weight), 2)


def rank(findings: list[Finding], hosts: dict[int, Finding] | None = None) -> list[Finding]:
    """The findings scored, merged (``hosts`` as in ``merge``) and sorted, highest score first."""
    for f in findings:
        f.score = score(f)
    findings = merge(findings, hosts)
    return sorted(findings, key=lambda f: (-f.score, f.rule, f.key))


# ---------------------------------------------------------------------------------------- merging


def _places(f: Finding) -> set[tuple]:
    out = set()
    for e in f.evidence:
        if e.table and e.row is not None:
            out.add(("row", e.table, e.row))
        elif e.text:
            out.add(("text", "".join(e.text.split())))
    return out


def _num(v) -> Decimal | None:
    if v is None:
        return None
    try:
        return Decimal(str(v))
    except ArithmeticError:
        return None


def same_root_cause(a: Finding, b: Finding) -> bool:
    """Same place and same case: see the module docstring."""
    sa, sb = _num(a.values.get("stated")), _num(b.values.get("stated"))
    pa, pb = _places(a), _places(b)
    if a.rule == b.rule:
        # one rule reporting the very same rows or sentences twice (different numbers read from
        # one pair of mismatched statements) has found one problem
        return bool(pa) and pa == pb and a.category == b.category
    if _summed_up(a, b):
        return True
    if sa is None or sb is None or sa != sb or not (pa & pb):
        return False
    ea, eb = _num(a.values.get("expected")), _num(b.values.get("expected"))
    return a.category == b.category or (ea is not None and ea == eb)


def _summed_up(a: Finding, b: Finding) -> bool:
    """Two table-to-table findings that share a table and differ by the same amount: one error,
    at its row and in the total that sums it up."""
    if a.category != "cross_table" or b.category != "cross_table":
        return False
    da, db = _num(a.values.get("difference")), _num(b.values.get("difference"))
    if not da or not db or abs(da) != abs(db):
        return False
    tables_a = {e.table for e in a.evidence if e.table}
    return bool(tables_a & {e.table for e in b.evidence if e.table})


def merge(findings: list[Finding], hosts: dict[int, Finding] | None = None) -> list[Finding]:
    """Fold findings of one root cause into the highest-scored of them (see the module doc).
    ``hosts``, when given, receives for each finding folded (by ``id``) the one it was folded
    into: what reports it now."""
    order = sorted(findings, key=lambda f: (-f.score, f.rule, f.key))
    kept: list[Finding] = []
    for f in order:
        host = next((k for k in kept if same_root_cause(k, f)), None)
        if host is None:
            kept.append(f)
            continue
        _absorb(host, f)
        if hosts is not None:
            hosts[id(f)] = host
    return kept


def _absorb(host: Finding, other: Finding) -> None:
    seen = {_ev_key(e) for e in host.evidence}
    extra: list[Evidence] = [e for e in other.evidence if _ev_key(e) not in seen]
    host.evidence = [*host.evidence, *extra][:10]
    host.confidence = round(min(0.99, 1 - (1 - host.confidence) * (1 - other.confidence * 0.5)), 3)
    host.materiality = max(host.materiality, other.materiality)
    host.anomaly = max(host.anomaly, other.anomaly)
    if other.rule != host.rule:
        note = f"（{other.rule}同时检出：{other.title}）"
        if note not in host.message:
            host.message += note
    else:
        host.message += f"；{other.message}"
    host.score = score(host)


def _ev_key(e: Evidence) -> tuple:
    return (e.table, e.row) if e.table and e.row is not None else ("".join(e.text.split()),)
