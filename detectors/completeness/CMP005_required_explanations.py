"""CMP005: the explanations a disclosure must contain."""

from __future__ import annotations

import re
from collections.abc import Iterable

from extract.numbers import normalize_label, parse_cell
from extract.templates import template_of
from models import Document, Evidence, Finding, Severity

from ..base import Rule, fmt
from .CMP010_heading_numbering import numbered

SHOWN_HEADINGS = 12

REQUIRED = {
    "部门决算": [
        ("“三公”经费", r"三公"),
        ("机关运行经费", r"机关运行经费"),
        ("政府采购", r"政府采购"),
        ("国有资产占有使用情况", r"国有资产|车辆\d*辆|公务用车保有量"),
        ("预算绩效情况", r"绩效"),
    ],
    "部门预算": [
        ("“三公”经费", r"三公"),
        ("机关运行经费", r"机关运行经费"),
        ("政府采购", r"政府采购"),
        ("国有资产占有使用情况", r"国有资产"),
        ("绩效目标设置情况", r"绩效目标"),
    ],
    "绩效评价报告": [
        ("存在的问题及原因分析", r"存在的?问题"),
        ("下一步改进措施（意见建议）", r"改进措施|意见建议|下一步|整改"),
    ],
}


# sections on spending a document must explain, not only state: (name, heading pattern)
FUND_SECTIONS = [
    ("政府性基金预算支出", r"政府性基金"),
    ("国有资本经营预算支出", r"国有资本经营"),
]
_FUND_HEADING = re.compile(r"(支出|收支|收入).*(情况|说明)|(情况|说明)$")
_AMOUNT = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(万元|元|亿元)")
# what a sentence that only states the amount is made of, besides the amount
_BARE = re.compile(
    r"\d{4}\s*年度?|本部门|本单位|我单位|我局|本局|全年|本年度?|当年|"
    r"(?:政府性基金|国有资本经营)(?:预算)?(?:财政)?(?:拨款)?(?:安排的?)?(?:收入|支出|收支)?(?:决算|预算)?数?|"
    r"(?:财政)?拨款|支出|决算数?|合计|总计|共计|为|是|共|[\s,，。.;；:：]"
)
BODY_LIMIT = 80  # characters: a section longer than this says more than an amount


class RequiredExplanations(Rule):
    """The required explanations are present.

    What it checks:
        A 部门决算 explains 三公 经费, 机关运行经费, 政府采购, 国有资产 and 预算绩效; a 部门预算 the
        same and its 绩效目标; a 绩效评价报告 its problems and the measures against them. A
        document of a known template has the sections its template prescribes (Shanghai's 决算:
        eleven), and says in them what the template requires (Shanghai's budgets: the 政府采购
        amount reserved for small enterprises). A workbook (xlsx) holds the tables only: it is not
        asked for the explanation.
    Why an auditor cares:
        These explanations are required by 财预〔2016〕143号 and the evaluation rules; a missing one
        is a gap in the disclosure itself.
    Fails:
        a 绩效评价报告 with no "存在的问题" section; "九、政府性基金预算支出决算情况说明
        2021年政府性基金预算拨款支出366.42万元。"
    Passes:
        "七、存在的问题及原因分析 …… 八、下一步改进措施 ……"; "本单位2023年无政府性基金收支。"
    """

    doc_zh = """规定的说明内容齐全。

    检查内容：
        部门决算说明三公经费、机关运行经费、政府采购、国有资产和预算绩效；部门预算说明同样内容及其绩效目标；
        绩效评价报告说明存在的问题及改进措施。已识别模板的文件，具备模板规定的各部分（上海决算：十一部分），并在
        其中写明模板要求的内容（上海预算：面向中小企业预留的政府采购金额）。工作簿（xlsx）只含报表，不要求其中有说明。
    为什么重要：
        这些说明是财预〔2016〕143号和评价规定要求的；缺少一项，就是公开内容本身的缺口。
    不通过：
        绩效评价报告没有“存在的问题”部分；“九、政府性基金预算支出决算情况说明 2021年政府性基金预算拨款支出366.42万元。”
        （只写了金额）
    通过：
        “七、存在的问题及原因分析……八、下一步改进措施……”；“本单位2023年无政府性基金收支。”
    """

    code = "CMP005"
    title = "缺少规定的说明内容"
    category = "missing_or_blank"
    severity = Severity.medium
    version = 3

    def check(self, doc: Document) -> Iterable[Finding]:
        yield from self._missing(doc)
        if doc.doc_type in ("部门决算", "部门预算"):
            yield from self._amount_only(doc)

    def _missing(self, doc: Document) -> Iterable[Finding]:
        template = template_of(doc)
        required = REQUIRED.get(doc.doc_type, []) + template.sections.get(doc.doc_type, [])
        if not required or not doc.paragraphs or doc.format == "xlsx":
            return  # a workbook publishes the tables; the explanation is published as text
        yield from self._statements(doc, template.statements.get(doc.doc_type, []))
        text = doc.text
        first = doc.paragraphs[0]
        # the report's own outline shows where the section should have been
        headings = [p for p in doc.paragraphs if (n := numbered(p)) is not None and n[0].rank <= 2][:SHOWN_HEADINGS]
        outline = "；".join(h.text.strip()[:20] for h in headings)
        missing = [name for name, pattern in required if not re.search(pattern, text)]
        if not missing:
            return
        what = "".join(f"“{name}”" for name in missing)
        yield self.finding(
            f"{doc.doc_type}中没有{what}的说明" + (f"（报告各部分为：{outline}）" if headings else ""),
            [Evidence(first.text, first.page, first.bbox, "context")]
            + [Evidence(h.text.strip()[:60], h.page, h.bbox, "context") for h in headings],
            key="explain|" + "|".join(missing),
            severity=Severity.low if doc.doc_type == "绩效评价报告" else Severity.medium,
        )

    def _statements(self, doc: Document, statements) -> Iterable[Finding]:
        """What the template requires inside a section: the section (its opening paragraph and the
        paragraphs up to the next heading) is there but does not say it."""
        for st in statements:
            start = next((p for p in doc.paragraphs if re.search(st.where, normalize_label(p.text))), None)
            if start is None:
                continue
            body = [start]
            for p in doc.paragraphs[start.index + 1 : start.index + 6]:
                if numbered(p) is not None:
                    break
                body.append(p)
            if any(re.search(st.says, normalize_label(p.text)) for p in body):
                continue
            yield self.finding(
                f"{doc.template}模板要求说明{st.name}，本文件该部分未说明：“{start.text.strip()[:80]}”",
                [Evidence(p.text.strip()[:200], p.page, p.bbox, "context") for p in body[:3]],
                key=f"statement|{st.name}",
                severity=Severity.low,
            )

    def _amount_only(self, doc: Document) -> Iterable[Finding]:
        """Fund sections whose body states the amount and nothing else."""
        seen: set[str] = set()
        for k, section in enumerate(doc.sections):
            title = normalize_label(section.title)
            name = next((n for n, pattern in FUND_SECTIONS if re.search(pattern, title)), None)
            if name is None or name in seen or title.endswith("表") or not _FUND_HEADING.search(title):
                continue
            end = doc.sections[k + 1].paragraph if k + 1 < len(doc.sections) else len(doc.paragraphs)
            body = [p for p in doc.paragraphs[section.paragraph + 1 : end] if p.text.strip()]
            text = "".join(p.text for p in body)
            stated = [(parse_cell(m.group(1)).value, m.group(2)) for m in _AMOUNT.finditer(text)]
            amounts = [v for v, _ in stated]
            if not body or not amounts or None in amounts or len(text) > BODY_LIMIT:
                continue
            rest = _AMOUNT.sub("", text.replace(doc.department, "") if doc.department else text)
            if _BARE.sub("", rest):
                continue  # it says something besides the amount
            seen.add(name)
            if any(amounts):
                what = f"只写明支出金额 {'、'.join(f'{fmt(v)}{unit}' for v, unit in stated if v)}，未说明支出的科目和用途"
            else:
                what = "只写明金额为 0，未说明本年度没有该项支出"
            yield self.finding(
                f"“{section.title.strip()}”{what}：“{text.strip()}”",
                [
                    Evidence(
                        section.title.strip(),
                        doc.paragraphs[section.paragraph].page,
                        doc.paragraphs[section.paragraph].bbox,
                        "context",
                    )
                ]
                + [Evidence(p.text, p.page, p.bbox, "stated") for p in body],
                key=f"amount_only|{name}",
                severity=Severity.low,
            )
