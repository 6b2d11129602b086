"""CMP004: a comparison year, an asset statement's date, a part title's year, or an evaluation's
own criteria year that cannot be right for the document's own year."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from extract.numbers import normalize_digits
from models import Document, Evidence, Finding, Paragraph, Severity

from ..base import Rule

_COMPARE = re.compile(r"(?:比|与|较|同)\s*(20\d{2})\s*年(?:度)?\s*(?P<what>相比|同期|决算|预算|减少|增加|下降|增长|持平|一致)")
# the template's asset statement: "截至2024年12月31日，XX部门（单位）共有车辆XX辆"
_ASSET_DATE = re.compile(r"截至\s*(20\d{2})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日(?=[^。；]{0,40}?(?:车辆|资产|设备|房屋))")
# a part or table title naming the year of the document: "XX局2024年度部门决算表", "2025年部门收入预算总表"
_HEADING_YEAR = re.compile(r"(20\d{2})\s*年度?\s*(?:区级|县级|市级|省级)?(?:部门|单位|预算单位)")
_LEADER = re.compile(r"[.…·．\s]{3,}\d*$")
_NOT_HEADING = re.compile(r"比|较|相比|同期|执行")
HEADING_LENGTH = 60
# the evaluation's own criteria, by name: "《2022年县级项目支出绩效评价指标体系（医疗救助补助资金）》"
_TITLE = re.compile(r"《(?P<title>[^《》]{4,60})》")
_TITLE_YEAR = re.compile(r"(20\d{2})\s*年(?:度)?")
_CRITERIA = re.compile(r"(?:评价|评分|考核)\S*?(?:指标体系|标准|细则|方案|评分表)")
# a notice, a work plan or a rule book is issued in the year the evaluation is made, not the year
# evaluated: "《关于开展2021年度项目支出绩效自评工作的通知》" in 2022 is right
_NOT_CRITERIA = re.compile(r"通知|工作方案|实施方案|办法|意见|规定|制度|报告|函")
# the documents that evaluate the money of their own year
_EVALUATING = ("部门决算", "绩效评价报告", "绩效自评")


def _evidence(p: Paragraph, m: re.Match[str], before: int = 30, after: int = 30) -> Evidence:
    return Evidence(
        p.text[max(0, m.start() - before) : m.end() + after], p.page_at(m.start()), p.span_bbox(m.start(), m.end()), "stated"
    )


class ComparisonYear(Rule):
    """Year-on-year comparisons are with the year before the document's; the asset statement and
    the part titles name the document's own year; an evaluation is scored on the criteria of the
    year it evaluates.

    What it checks:
        "与2020年相比", "比2019年减少" and the like in a document of year N must name year N − 1
        (a 决算 may also compare with its own year's 预算, "比2024年预算"; a 预算 never with its
        own year). A 决算's asset statement ("截至2024年12月31日，…共有车辆…") must be dated in
        year N, a 预算's in N − 1 or N. Part and table titles naming a year ("XX局2024年度部门决算表",
        "2025年部门收入预算总表") must name N, when most titles agree with the year on the cover
        (low). In a document that evaluates the money of year N (决算, 绩效评价报告, 绩效自评), the
        evaluation's own criteria cited by name — a 《…》 title naming a 评价指标体系, 评分标准,
        评分细则, 评价标准 or 评价方案 with a year — must carry year N; notices, work plans and
        rule books (通知, 工作方案, 办法) are issued the year after and are not checked (low).
    Why an auditor cares:
        A wrong comparison year, or an asset date of another year, is usually a sentence copied
        from an earlier year's disclosure, with its figures. A title of another year shows the
        same copying. Criteria of another year mean the 2021 money was scored on another year's
        indicators, or the name was copied wrongly; either way the score's basis is unclear.
    Fails:
        a 2021 决算 saying "比2019年减少0.1万元"; a 2025 预算 saying "比2025年预算减少2,389.52万元"
        a 2024 决算 stating "截至2023年12月31日，…共有车辆2辆"
        a 2024 决算 titled "第三部分 XX局2023年度部门决算情况说明" among its 2024 titles
        a 2021 决算 evaluating its 2021 money "按照《2022年县级项目支出绩效评价指标体系（医疗救助补助资金）》进行自评"
    Passes:
        a 2021 决算 saying "比2020年减少0.1万元" or "比2021年预算减少0.1万元"
        a 2025 预算 stating "截至2024年8月31日，…共有车辆8辆"
        a 2021 决算 citing "《关于开展2021年度项目支出绩效自评工作的通知》" or "《2021年县级项目支出绩效评价指标体系》"
    """

    doc_zh = """同比比较的对象是文件年度的上一年；资产情况和各部分标题写的是文件本身的年度；评价按所评年度的标准打分。

    检查内容：
        N年度的文件中，“与2020年相比”“比2019年减少”之类必须是 N − 1 年（决算也可以与本年度预算比较，“比2024年
        预算”；预算则不能与本年度比较）。决算的资产情况（“截至2024年12月31日，……共有车辆……”）必须是N年的日期，
        预算的为 N − 1 年或N年。写有年度的部分和表格标题（“XX局2024年度部门决算表”“2025年部门收入预算总表”）
        在多数标题与封面年度一致时，必须是N年（低）。评价N年资金的文件（决算、绩效评价报告、绩效自评）中，按名称
        引用的评价标准——《……》中带年度的评价指标体系、评分标准、评分细则、评价标准或评价方案——必须是N年；通知、
        工作方案和办法在次年印发，不作检查（低）。
    为什么重要：
        比较年度有误、或资产日期属于其他年度，通常是从往年公开文件连同数字抄过来的句子；其他年度的标题也说明
        同样的抄袭。其他年度的标准意味着2021年的资金按别的年度的指标打分，或名称抄错了；无论哪种，得分的依据都
        不清楚。
    不通过：
        2021年决算写“比2019年减少0.1万元”；2025年预算写“比2025年预算减少2,389.52万元”
        2024年决算写“截至2023年12月31日，……共有车辆2辆”
        2024年决算的2024年各标题中出现“第三部分 XX局2023年度部门决算情况说明”
        评价2021年资金的2021年决算“按照《2022年县级项目支出绩效评价指标体系（医疗救助补助资金）》进行自评”
    通过：
        2021年决算写“比2020年减少0.1万元”或“比2021年预算减少0.1万元”
        2025年预算写“截至2024年8月31日，……共有车辆8辆”
        2021年决算引用“《关于开展2021年度项目支出绩效自评工作的通知》”或“《2021年县级项目支出绩效评价指标体系》”
    """

    code = "CMP004"
    title = "对比年度有误"
    category = "other"
    severity = Severity.medium
    version = 3

    def check(self, doc: Document) -> Iterable[Finding]:
        if not doc.year:
            return
        yield from self._comparisons(doc)
        yield from self._asset_date(doc)
        yield from self._headings(doc)
        if doc.doc_type in _EVALUATING:
            yield from self._criteria(doc)

    def _comparisons(self, doc: Document) -> Iterable[Finding]:
        """A change is against year N − 1; a 决算 may also compare with its own year's 预算, a 预算
        never with its own year."""
        seen: set[int] = set()
        for p in doc.paragraphs:
            for m in _COMPARE.finditer(p.text):
                year = int(m.group(1))
                own = year == doc.year and (
                    doc.doc_type != "部门预算" and (doc.doc_type != "部门决算" or m.group("what") == "预算")
                )
                if year == doc.year - 1 or own or year in seen:
                    continue
                seen.add(year)
                yield self.finding(
                    f"{doc.year}年度的文件与 {year} 年对比（应为 {doc.year - 1} 年）：“{m.group(0)}”",
                    [_evidence(p, m)],
                    key=f"year|{year}",
                    values={"stated": year, "expected": doc.year - 1},
                )

    def _asset_date(self, doc: Document) -> Iterable[Finding]:
        """A 决算 of year N states its assets 截至N年12月31日; a 预算 of year N at a date of N − 1 (or
        early N)."""
        if doc.doc_type == "部门决算":
            allowed, expected = {doc.year}, doc.year
        elif doc.doc_type == "部门预算":
            allowed, expected = {doc.year - 1, doc.year}, doc.year - 1
        else:
            return
        for p in doc.paragraphs:
            for m in _ASSET_DATE.finditer(p.text):
                year = int(m.group(1))
                if year in allowed:
                    continue
                yield self.finding(
                    f"{doc.year}年度{doc.doc_type}的国有资产情况截至 {year} 年（应为 {expected} 年）：“{m.group(0)}”，"
                    f"所列资产数可能是其他年度的",
                    [_evidence(p, m, 10, 40)],
                    key=f"asset-date|{year}",
                    values={"stated": year, "expected": expected},
                )

    def _headings(self, doc: Document) -> Iterable[Finding]:
        """Part and table titles ("XX局2023年度部门决算表") name the document's year, when the
        document's other titles agree on it."""
        word = {"部门决算": "决算", "部门预算": "预算"}.get(doc.doc_type)
        if word is None:
            return
        titles: list[tuple[Paragraph, re.Match[str]]] = []
        for p in doc.paragraphs:
            text = _LEADER.sub("", p.text.strip())
            m = _HEADING_YEAR.search(p.text)
            if m and len(text) <= HEADING_LENGTH and word in text and not _NOT_HEADING.search(text):
                titles.append((p, m))
        years = Counter(int(m.group(1)) for _, m in titles)
        if not years or years.most_common(1)[0][0] != doc.year:
            return  # no title, or the titles do not agree with the year read from the cover
        seen: set[str] = set()
        for p, m in titles:
            year = int(m.group(1))
            title = _LEADER.sub("", p.text.strip())
            if year == doc.year or title in seen:
                continue
            seen.add(title)
            yield self.finding(
                f"{doc.year}年度{doc.doc_type}中的标题“{title}”写作 {year} 年（其余 {years[doc.year]} 处标题为 {doc.year} 年）",
                [Evidence(title, p.page, p.bbox, "stated")],
                key=f"heading|{title}",
                values={"stated": year, "expected": doc.year},
                severity=Severity.low,
            )

    def _criteria(self, doc: Document) -> Iterable[Finding]:
        seen: set[str] = set()
        for p in doc.paragraphs:
            text = normalize_digits(p.text)
            for m in _TITLE.finditer(text):
                title = m.group("title")
                y = _TITLE_YEAR.search(title)
                if not y or not _CRITERIA.search(title) or _NOT_CRITERIA.search(title):
                    continue
                year = int(y.group(1))
                if year == doc.year or title in seen:
                    continue
                seen.add(title)
                title = p.text[m.start("title") : m.end("title")]  # verbatim (normalize_digits keeps offsets)
                yield self.finding(
                    f"评价 {doc.year} 年资金，却以《{title}》（{year}年）为评价依据：评价指标体系的年度应为 {doc.year} 年，"
                    f"年度疑误",
                    [
                        Evidence(
                            p.text[max(0, m.start() - 30) : m.end() + 20],
                            p.page_at(m.start()),
                            p.span_bbox(m.start(), m.end()),
                            "stated",
                        )
                    ],
                    key=f"criteria|{title}",
                    values={"stated": year, "expected": doc.year},
                    severity=Severity.low,
                )
