"""CMP003: template placeholders, unresolved alternatives and conversion leftovers in the text."""

from __future__ import annotations

import re
from collections.abc import Iterable

from models import Document, Evidence, Finding, Paragraph, Severity

from ..base import Rule

# direction words a template offers in pairs: "增加（减少）", "下降（增长）", "大于（小于）", "增长/下降"
_UP = "增加|增长|上升|提高|大于|高于|多于"
_DOWN = "减少|下降|降低|小于|低于|少于"


def _alternative(first: str, second: str) -> str:
    return rf"(?:{first})\s*(?:[（(]\s*(?:{second})\s*[)）]|[/／]\s*(?:{second}))"


PATTERNS = [
    (re.compile(r"[（(]当表格数据为空时[^）)]*[）)]"), "模板填写提示"),
    (re.compile(r"[（(]可用表格形式反映[）)]"), "模板填写提示"),
    (re.compile(r"(?<=[局会心室院所站])[（(]单位[）)]"), "模板占位“（单位）”"),
    (re.compile(r"X{2,}|×{2,}|＿{2,}|_{3,}|某某"), "未填写的占位符"),
    (
        re.compile(rf"{_alternative(_UP, _DOWN)}|{_alternative(_DOWN, _UP)}|[(（](?:增加或减少|减少或增加|增长或下降)[)）]"),
        "未选定的备选表述",
    ),
    # the template's notes to whoever fills it in, in brackets: "（如持平作持平表述）", "（不涉及的不列）",
    # "具体包括（列示至基层预算单位）", "（仅有一个单位的部门，本部分内容为“机构设置”）", "XXXX（制度名称）",
    # "（无事业收入的单位保留事业收入的名词解释，但不列举主要内容，以下同）"
    (
        re.compile(
            r"[（(]\s*(?:如[^（）()]{0,12}?作[^（）()]{0,8}?表述"
            r"|不涉及的?[^（）()]{0,6}?(?:不列|不填|删除|不予列示)[^（）()]{0,6}"
            r"|(?:列示至|列示到)[^（）()]{1,15}"
            r"|[^（）()]{0,20}本部分内容为[^（）()]{0,12}"
            r"|(?:制度|单位|部门|项目|文件)名称"
            r"|无[^（）()]{2,30}?的(?:单位|部门)[^（）()]{0,20}?(?:保留|不列|不填|删除|作下述|以下同)[^（）()]{0,30})\s*[)）]"
        ),
        "模板填写提示",
    ),
    # the template's instructions in sentences: "无政府性基金预算财政拨款收入支出的，仍保留该表格式，并在本表
    # 下方作下述说明：", "无“三公”经费财政拨款支出的部门，作下述说明：", "按上述格式依次说明到各项级科目，预决算
    # 持平的不用说明变动原因", "由主管部门根据三定方案等相关规定中有关主要职能填写"
    (
        re.compile(
            r"(?:无[^，。；：:]{2,40}?的(?:部门|单位)?[，,]\s*)?仍保留该表格?式[^。：:]{0,20}"
            r"|无[^，。；：:]{2,40}?的(?:部门|单位)?[，,]\s*作下述说明"
            r"|按上述格式依次说明[^。；]{0,30}|预决算持平的不用说明[^。；]{0,8}"
            r"|由主管部门根据[^。；]{0,40}?填写"
        ),
        "模板填写说明",
    ),
    # the template's "列明公务接待批次、人次" kept as the start of a clause: "……考察，列明公务接待2批次、26人次"
    (re.compile(r"(?:^|(?<=[，,。；;：:]))\s*列明(?!了)[^，。；;]{1,20}"), "模板填写指令“列明”"),
    (re.compile(r"\[bookmark:[^\]]*\]"), "转换残留的书签标记"),
    (re.compile(r"\[image:[^\]]*\]"), "转换残留的图片标记"),
    (re.compile(r"注[:：]?.{0,10}(可根据|请根据|如有).{0,20}(填写|删除|补充)"), "模板填写说明"),
    # an instruction to whoever fills the template, in brackets: "(名词解释应包含本部门专有名词，…)"
    (
        re.compile(
            r"[（(][^（）()]{0,40}(?:应包含|应当包含|应有对|应填写|应列示|应说明|应删除|请填写|请说明|请根据|请删除)[^（）()]{0,60}[）)]"
        ),
        "模板填写说明",
    ),
]


_MARKER = re.compile(r"\[(?:bookmark|image):[^\]]*\]")
# a stretch of text with no CJK character or CJK punctuation in it
_NON_CJK = re.compile(r"[^\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+")
_TOKEN = re.compile(r"[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*")
_ADDRESS = re.compile(r"https?:|www\.|@|\.(?:gov|com|cn|org|net)\b", re.I)
# acronyms and units the documents use; anything like them is not garbage
KNOWN = {
    "PDF", "DRG", "DIP", "HIS", "CT", "MRI", "APP", "OA", "GDP", "PPP", "CPI", "IT", "AI", "ID", "ICU",
    "5G", "4G", "G20", "H1N1", "COVID", "QQ", "WIFI", "EXCEL", "WORD", "WPS", "PPT", "VS", "NO",
    "KG", "KM", "CM", "MM", "ML", "MG", "KW", "KWH", "M2", "M3", "MU", "T", "G", "H", "M",
}  # fmt: skip
MIN_GARBAGE = 2
GARBAGE_SHARE = 0.6


def _garbage_token(token: str) -> bool:
    """A Latin token that is neither a known acronym or unit, nor an English-looking word, nor a
    short all-capitals acronym: "EHAHLE", "Fm", "o", "EEEE", "NESH6786"."""
    if token.upper() in KNOWN:
        return False
    if any(c.isdigit() for c in token):
        return True  # letters glued to digits: "Fi7", "NESH6786"
    if len(token) == 1 or len(set(token.lower())) == 1:
        return True  # a stray letter, or one letter repeated ("EEEE")
    if token.isupper():
        return len(token) > 5  # "HRP" may be an acronym; six capitals with no vowel pattern are not
    word = token.islower() or (token[0].isupper() and token[1:].islower())
    return not (word and len(token) >= 3 and re.search(r"[aeiouy]", token.lower()))


def garbage_runs(text: str) -> list[re.Match[str]]:
    """Stretches of Latin gibberish in a Chinese text (OCR of a chart, a font without a map):
    at least two tokens, most of them neither words nor acronyms."""
    text = _MARKER.sub(lambda m: " " * len(m.group(0)), text)
    out = []
    for run in _NON_CJK.finditer(text):
        if _ADDRESS.search(run.group(0)):
            continue
        tokens = _TOKEN.findall(run.group(0))
        bad = [t for t in tokens if _garbage_token(t)]
        if len(bad) >= MIN_GARBAGE and len(bad) >= GARBAGE_SHARE * len(tokens):
            out.append(run)
    return out


def _printable(run: str) -> str:
    """The run as letters, digits and plain signs: a converter may keep or drop a stray mark
    ("o«" in one rendering is "o" in another), the finding must read the same from each."""
    return " ".join(re.sub(r"[^A-Za-z0-9%=()./+\-\s]", "", run).split())


class Placeholders(Rule):
    """Nothing of the template is left in the published text.

    What it checks:
        Template hints ("（当表格数据为空时，应有此说明）", "（可用表格形式反映）", "（如持平作持平表述）",
        "（不涉及的不列）", "具体包括（列示至基层预算单位）："), instructions to the compiler left in
        brackets ("（名词解释应包含本部门专有名词，……）") or in sentences ("无政府性基金预算财政拨款收入
        支出的，仍保留该表格式，并在本表下方作下述说明：", "按上述格式依次说明到各项级科目", a clause
        starting with the template's "列明"), placeholders (XX, ×××, （单位）, （制度名称）), the
        template's alternatives left unresolved in any pairing ("增加（减少）", "下降（增长）",
        "大于（小于）", "增长/下降") and conversion leftovers. The wordings are those of the Shanghai
        决算 and 预算 templates and of the Hunan and Sichuan samples.
    Why an auditor cares:
        A template left in the text shows the disclosure was not reviewed before publication; the
        figures next to it deserve a second look.
    Fails:
        "……故本表无数据。（当表格数据为空时，应有此说明）"; "[image: image3.png]EHAHLE (i Fm) o EEEE"
        "比2023年度减少0.15万元，下降（增长）27.78%"; "主要用于接待调研，列明公务接待2批次、26人次"
    Passes:
        "……故本表无数据。"; "推进DRG/DIP支付方式改革，推广医保APP"
        "比2023年度减少0.15万元，下降27.78%"; "现将有关情况作如下说明："
    """

    doc_zh = """公开文本中不残留模板内容。

    检查内容：
        模板提示语（“（当表格数据为空时，应有此说明）”“（可用表格形式反映）”“（如持平作持平表述）”“（不涉及的
        不列）”“具体包括（列示至基层预算单位）：”），留在括号中（“（名词解释应包含本部门专有名词，……）”）或句子
        中（“无政府性基金预算财政拨款收入支出的，仍保留该表格式，并在本表下方作下述说明：”“按上述格式依次说明到
        各项级科目”，以模板的“列明”开头的分句）的编制说明，占位符（XX、×××、（单位）、（制度名称）），模板中
        未作取舍的选择项（“增加（减少）”“下降（增长）”“大于（小于）”“增长/下降”）以及格式转换残留。用语取自
        上海决算、预算模板和湖南、四川样本。
    为什么重要：
        文中留有模板内容，说明公开前没有经过审核；旁边的数字值得再看一遍。
    不通过：
        “……故本表无数据。（当表格数据为空时，应有此说明）”；“[image: image3.png]EHAHLE (i Fm) o EEEE”
        “比2023年度减少0.15万元，下降（增长）27.78%”；“主要用于接待调研，列明公务接待2批次、26人次”
    通过：
        “……故本表无数据。”；“推进DRG/DIP支付方式改革，推广医保APP”
        “比2023年度减少0.15万元，下降27.78%”；“现将有关情况作如下说明：”
    """

    code = "CMP003"
    title = "文中残留模板文字或占位符"
    category = "other"
    severity = Severity.low
    version = 3

    def check(self, doc: Document) -> Iterable[Finding]:
        seen: set[str] = set()
        for p in doc.paragraphs:
            for pattern, what in PATTERNS:
                for m in pattern.finditer(p.text):
                    if m.group(0) in seen:
                        continue
                    seen.add(m.group(0))
                    yield self._leftover(p, m, what)
        yield from self._garbage(doc)

    def _leftover(self, p: Paragraph, m: re.Match[str], what: str) -> Finding:
        return self.finding(
            f"{what}：“{m.group(0).strip()}”未删除或未填写",
            [
                Evidence(
                    p.text[max(0, m.start() - 30) : m.end() + 30],
                    p.page_at(m.start()),
                    p.span_bbox(m.start(), m.end()),
                    "stated",
                )
            ],
            key=f"{what}|{m.group(0)}",
        )

    def _garbage(self, doc: Document) -> Iterable[Finding]:
        """Consecutive paragraphs with gibberish are one leftover (a chart read line by line)."""
        groups: list[list[tuple[Paragraph, re.Match[str]]]] = []
        last = -2
        for p in doc.paragraphs:
            runs = garbage_runs(p.text)
            if not runs:
                continue
            if p.index != last + 1 or not groups:
                groups.append([])
            groups[-1].extend((p, m) for m in runs)
            last = p.index
        for group in groups:
            runs = [_printable(m.group(0)) for _, m in group[:4]]
            shown = "".join(f"“{r}”" for r in runs)
            yield self.finding(
                f"疑似图表或图片转换产生的乱码：{shown}，应删除或替换为图表内容",
                [
                    Evidence(p.text.strip()[:120], p.page_at(m.start()), p.span_bbox(m.start(), m.end()), "stated")
                    for p, m in group[:6]
                ],
                key="garbage|" + "|".join("".join(r.split()) for r in runs),
                severity=Severity.info,
            )
