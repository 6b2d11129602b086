"""The provincial templates a disclosure follows, and what each one requires.

Provinces publish the same nine standard tables under their own titles and numbering (DOMAIN.md,
"Templates differ by province"): Hunan numbers them 公开01表 … 公开09表, Sichuan 表1, 表1-1,
表3-2 …, Shanghai 表1 … 表9 (or not at all) under titles of its own (部门财务收支预算总表 …), in 元
for budgets. A template is recognised from the document itself: the province it names, how its
tables are numbered and titled. What a template fixes beyond the common tables (which sections the
explanation has, whether its total tables print carry-over rows) lives here, so that the rules ask
the document's template instead of assuming one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from models import Document

from .numbers import normalize_label

# the nine standard tables of DOMAIN.md, by kind (extract.tables.TABLE_KINDS)
STANDARD_TABLES = [
    "summary",
    "income",
    "expense",
    "fiscal_summary",
    "gpb_expense",
    "gpb_basic_detail",
    "three_public",
    "gov_fund",
    "state_capital",
]


@dataclass(frozen=True)
class Statement:
    """A statement a template requires inside one of its sections."""

    name: str  # what is missing, as the user reads it
    where: str  # pattern of the paragraph that opens the section ("政府采购预算")
    says: str  # pattern of what the section must say


@dataclass(frozen=True)
class Template:
    name: str  # as the user reads it: 湖南 | 四川 | 上海
    tables: dict[str, list[str]] = field(default_factory=dict)  # doc type → kinds it must publish
    # doc types whose two-sided total tables print 上年结转 / 结转下年 rows
    carry_rows: frozenset[str] = frozenset({"部门决算", "部门预算"})
    # doc type → the explanation sections the template prescribes: (name, pattern of its heading)
    sections: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    # doc type → statements the template requires inside its sections
    statements: dict[str, list[Statement]] = field(default_factory=dict)


TEMPLATES: dict[str, Template] = {
    "湖南": Template("湖南", {"部门决算": STANDARD_TABLES, "部门预算": STANDARD_TABLES}),
    "四川": Template("四川", {"部门决算": STANDARD_TABLES, "部门预算": STANDARD_TABLES}),
    "上海": Template(
        "上海",
        {"部门决算": STANDARD_TABLES, "部门预算": STANDARD_TABLES},
        # its 部门财务收支预算总表 and 财政拨款收支预算总表 have no carry-over lines
        carry_rows=frozenset({"部门决算"}),
        # the eleven sections of the 2024 决算 template's 情况说明
        sections={
            "部门决算": [
                ("收入支出决算总体情况说明", r"收入支出决算总体情况"),
                ("收入决算情况说明", r"[、\s]收入决算情况"),
                ("支出决算情况说明", r"[、\s]支出决算情况"),
                ("财政拨款收入支出决算总体情况说明", r"财政拨款收入支出决算总体情况"),
                ("一般公共预算财政拨款支出决算情况说明", r"一般公共预算财政拨款支出决算(?:情况|总体情况)"),
                ("一般公共预算财政拨款基本支出决算情况说明", r"一般公共预算财政拨款基本支出决算情况"),
                ("财政拨款“三公”经费支出决算情况说明", r"三公.{0,3}经费(?:财政拨款)?支出决算"),
                ("政府性基金预算财政拨款收入支出决算情况说明", r"政府性基金预算财政拨款收入支出决算情况"),
                ("国有资本经营预算财政拨款收入支出决算情况说明", r"国有资本经营预算财政拨款收入支出决算情况"),
                ("预算绩效管理情况", r"预算绩效管理情况|绩效管理工作"),
                ("其他重要事项的情况说明", r"其他重要事项"),
            ]
        },
        statements={
            "部门预算": [
                Statement(
                    "政府采购预算中面向中小企业预留的金额",
                    r"政府采购预算\d|政府采购预算情况",
                    r"中小企业",
                ),
            ]
        },
    ),
}
GENERIC = Template("", {"部门决算": STANDARD_TABLES, "部门预算": STANDARD_TABLES})

_PROVINCES = {"上海": "上海市", "湖南": "湖南省", "四川": "四川省"}
_SHANGHAI_TITLES = re.compile(r"财务收支预算总表|功能分类预算表|经济分类预算表|“三公”经费和机关运行经费预算表")


def recognise_template(doc: Document) -> tuple[str, float, str]:
    """(template name, how sure 0–1, why) from the document's own text and tables; ("", 0, …)
    when nothing points to a known template."""
    head = normalize_label(" ".join(p.text for p in doc.paragraphs[:60]))
    votes: dict[str, list[str]] = {}
    for name, province in _PROVINCES.items():
        if province in head or province in normalize_label(doc.department):
            votes.setdefault(name, []).append(f"文中写明“{province}”")
    numbers = [normalize_label(t.number) for t in doc.tables if t.number]
    if any(re.fullmatch(r"公开\d{2}表", n) for n in numbers):
        votes.setdefault("湖南", []).append("表号为“公开0N表”")
    if any(re.fullmatch(r"表\d+-\d+", n) for n in numbers):
        votes.setdefault("四川", []).append("表号为“表N-N”")
    titles = [t.title for t in doc.tables if _SHANGHAI_TITLES.search(normalize_label(t.title))]
    if titles:
        votes.setdefault("上海", []).append(f"报表标题如“{titles[0]}”")
    if not votes:
        return "", 0.0, "未识别出省份模板"
    name = max(votes, key=lambda k: len(votes[k]))
    others = sum(len(v) for k, v in votes.items() if k != name)
    confidence = min(1.0, 0.5 * len(votes[name])) * (1.0 if not others else 0.6)
    return name, round(confidence, 2), "；".join(votes[name])


def template_of(doc: Document) -> Template:
    return TEMPLATES.get(doc.template, GENERIC)
