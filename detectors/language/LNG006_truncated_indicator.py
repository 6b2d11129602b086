"""LNG006: a performance indicator or goal cut off mid-phrase ("让全县尘肺病人的医疗待遇得")."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from extract.numbers import normalize_label
from models import Document, Evidence, Finding, Project, Severity

from ..base import Rule, row_evidence

# particles, conjunctions and prepositions that need something after them ("待遇得" → 得到保障,
# "医疗和" → 和什么); the words they end legitimately are listed so they pass
_DANGLING = {
    "的": (),
    "得": (
        "获得",
        "取得",
        "赢得",
        "值得",
        "难得",
        "记得",
        "觉得",
        "晓得",
        "懂得",
        "显得",
        "免得",
        "舍得",
        "认得",
        "习得",
        "所得",
    ),
    "和": ("总和", "平和", "温和", "缓和", "调和", "饱和", "柔和", "祥和"),
    "与": ("参与", "给与"),
    "及": ("普及", "涉及", "波及", "危及", "顾及", "惠及", "遍及", "不及", "提及", "触及", "企及", "来得及"),
    "或": (),
    "并": ("合并", "兼并"),
    "而": ("然而", "从而", "因而", "进而", "继而"),
    "把": (),
    "被": ("棉被",),
    "将": ("即将",),
    "让": ("转让", "出让", "谦让", "礼让"),
    "对": ("面对", "核对", "应对", "针对", "比对", "校对", "相对", "绝对", "反对", "一对一", "配对", "对对"),
    "向": (
        "方向",
        "导向",
        "去向",
        "走向",
        "趋向",
        "动向",
        "流向",
        "倾向",
        "意向",
        "志向",
        "定向",
        "指向",
        "双向",
        "正向",
        "反向",
        "逆向",
        "单向",
        "横向",
        "纵向",
    ),
    "从": ("服从", "顺从", "听从", "遵从", "跟从", "随从"),
}


class TruncatedIndicator(Rule):
    """An indicator or goal whose text stops in the middle of a phrase.

    What it checks:
        The texts of the performance tables — indicator names, their target and actual values,
        and the project's goals — that end in a particle, conjunction or preposition which must
        be followed by something (…的, …得, …和, …与, …对, …向 …), unless it ends a word
        (获得, 参与, 普及, 面对, 方向 …).
    Why an auditor cares:
        A goal cut off ("让全县尘肺病人的医疗待遇得") states nothing that can be measured: the
        indicator cannot be evaluated, and the cut shows the table was filled in carelessly
        (a cell too narrow, a text pasted half).
    Fails:
        indicator "社会效益指标 | 让全县尘肺病人的医疗待遇得 | 定性 | 优"
    Passes:
        indicator "社会效益指标 | 让全县尘肺病人的医疗待遇得到保障 | 定性 | 优"
    """

    doc_zh = """指标或目标的文字在半截中断。

    检查内容：
        绩效表中的文字——指标名称、目标值和实际值、项目目标——以必须后接内容的助词、连词或介词结尾（……的、……得、
        ……和、……与、……对、……向……），除非它构成一个词（获得、参与、普及、面对、方向……）。
    为什么重要：
        被截断的目标（“让全县尘肺病人的医疗待遇得”）说不出任何可衡量的内容：指标无法评价，截断也说明表格填得草率
        （单元格太窄，文字只粘贴了一半）。
    不通过：
        指标“社会效益指标 | 让全县尘肺病人的医疗待遇得 | 定性 | 优”
    通过：
        指标“社会效益指标 | 让全县尘肺病人的医疗待遇得到保障 | 定性 | 优”
    """

    code = "LNG006"
    title = "指标文字不完整"
    category = "other"
    severity = Severity.low

    def check(self, doc: Document) -> Iterable[Finding]:
        seen: set[str] = set()
        for project, what, text, row in _texts(doc):
            clean = normalize_label(text).rstrip("。；;，,")
            if not clean or clean in seen or not _dangling(clean):
                continue
            seen.add(clean)
            table = doc.table(project.table)
            ev = [row_evidence(table, table.rows[row])] if table is not None and 0 <= row < len(table.rows) else [Evidence(text)]
            yield self.finding(
                f"“{project.name}”的{what}“{text.strip()}”以“{clean[-1]}”结尾，句子没有写完，无法据以评价",
                ev,
                key=f"cut|{project.name}|{clean}",
                confidence=0.8,
            )


def _texts(doc: Document) -> Iterator[tuple[Project, str, str, int]]:
    for p in doc.projects:
        for ind in p.indicators:
            yield p, "绩效指标", ind.name, ind.row
            yield p, "指标值", ind.target, ind.row
            yield p, "实际完成值", ind.actual, ind.row
        for what, text in (("绩效目标", p.goal_expected), ("目标完成情况", p.goal_actual)):
            yield p, what, text, p.rows.get("goals", -1)


def _dangling(text: str) -> bool:
    last = text[-1]
    if last not in _DANGLING:
        return False
    return not any(text.endswith(w) for w in _DANGLING[last])
