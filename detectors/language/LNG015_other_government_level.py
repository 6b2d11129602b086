"""LNG015: a disclosure that describes itself as belonging to another level of government (a
区级 budget whose glossary speaks of "市级预算主管部门")."""

from __future__ import annotations

import re
from collections.abc import Iterable

from extract.numbers import normalize_label
from models import Document, Finding, Severity

from ..base import Rule
from ._text import narrative_paragraphs, span_evidence

# the level a disclosure's cover names ("上海市普陀区2024年区级部门预算")
_OWN_LEVEL = re.compile(r"20\d{2}年度?(省|市|区|县)级(?:部门|单位)(?:预算|决算)")
# phrases by which a disclosure (its glossary, its definitions) describes its own body and money
_SELF = re.compile(
    r"(省|市|区|县)级预算主管部门及所属(?:预算)?单位|与(省|市|区|县)级财政有经费领拨关系|使用(省|市|区|县)级财政拨款安排"
)


class OtherGovernmentLevel(Rule):
    """The disclosure describes itself at its own level of government.

    What it checks:
        A document whose cover names its level ("区级部门预算") and whose definitions describe the
        disclosing body or its money at another level ("是市级预算主管部门及所属预算单位本年度从本级
        财政部门取得的财政拨款", "与市级财政有经费领拨关系", "使用市级财政拨款安排的"). Money that
        another level transfers ("市级财政下达") is not the body's own description and is not read.
    Why an auditor cares:
        The glossary was copied from another level's template without being adapted: it defines
        the terms for a body that is not the one publishing, and readers are told the money comes
        from a budget it does not come from.
    Fails:
        cover "上海市普陀区2024年区级部门预算"; glossary "财政拨款收入：是市级预算主管部门及所属预算单位本年度从本级财政部门取得的财政拨款"
    Passes:
        the same glossary with "区级预算主管部门"
    """

    doc_zh = """公开文件按自己的政府层级描述自己。

    检查内容：
        封面写明层级（“区级部门预算”）、而定义把公开主体或其资金描述为另一层级的文件（“是市级预算主管部门及所属预算
        单位本年度从本级财政部门取得的财政拨款”“与市级财政有经费领拨关系”“使用市级财政拨款安排的”）。其他层级转移的
        资金（“市级财政下达”）不是主体自身的描述，不作检查。
    为什么重要：
        名词解释从另一层级的模板照抄而未修改：它为一个并非公开主体的机构定义术语，还告诉读者资金来自一个其实并不是
        来源的预算。
    不通过：
        封面“上海市普陀区2024年区级部门预算”；名词解释“财政拨款收入：是市级预算主管部门及所属预算单位本年度从本级
        财政部门取得的财政拨款”
    通过：
        同样的名词解释写作“区级预算主管部门”
    """

    code = "LNG015"
    title = "文中政府层级与本文件不符"
    category = "other"
    severity = Severity.low

    def check(self, doc: Document) -> Iterable[Finding]:
        cover = normalize_label("".join(p.text for p in doc.paragraphs[:4]))
        own = _OWN_LEVEL.search(cover)
        if own is None:
            return
        level = own.group(1)
        hits = []
        for p in narrative_paragraphs(doc):
            for m in _SELF.finditer(p.text):
                other = next(g for g in m.groups() if g)
                if other != level:
                    hits.append((p, m, other))
        if not hits:
            return
        others = sorted({o for _, _, o in hits})
        yield self.finding(
            f"本文件为{level}级{'预算' if '预算' in own.group(0) else '决算'}（封面：“{own.group(0)}”），"
            f"文中却有{len(hits)}处以“{'、'.join(o + '级' for o in others)}”描述本部门及其资金"
            f"（如“{hits[0][1].group(0)}”），应为“{level}级”",
            [span_evidence(p, m.start(), m.end()) for p, m, _ in hits[:4]],
            key=f"level|{level}|{'|'.join(others)}",
            values={"count": len(hits)},
            confidence=0.9,
        )
