"""TXT004: what the 人员经费 / 公用经费 description says they consist of, against the economic
items of the basic-expenditure detail table."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from extract.numbers import normalize_label, parse_cell
from models import Document, Evidence, Finding, Severity

from ..base import Rule, fmt, row_evidence, table_label
from ..linking import EconItem, econ_items, personnel_public

# the 部门支出经济分类 items of the basic expenditure (2019 classification), to know that a named
# item the table does not print is a standard item with nothing spent on it
ECON_NAMES = {
    "301": "工资福利支出",
    "30101": "基本工资",
    "30102": "津贴补贴",
    "30103": "奖金",
    "30106": "伙食补助费",
    "30107": "绩效工资",
    "30108": "机关事业单位基本养老保险缴费",
    "30109": "职业年金缴费",
    "30110": "职工基本医疗保险缴费",
    "30111": "公务员医疗补助缴费",
    "30112": "其他社会保障缴费",
    "30113": "住房公积金",
    "30114": "医疗费",
    "30199": "其他工资福利支出",
    "302": "商品和服务支出",
    "30201": "办公费",
    "30202": "印刷费",
    "30203": "咨询费",
    "30204": "手续费",
    "30205": "水费",
    "30206": "电费",
    "30207": "邮电费",
    "30208": "取暖费",
    "30209": "物业管理费",
    "30211": "差旅费",
    "30212": "因公出国(境)费用",
    "30213": "维修(护)费",
    "30214": "租赁费",
    "30215": "会议费",
    "30216": "培训费",
    "30217": "公务接待费",
    "30218": "专用材料费",
    "30224": "被装购置费",
    "30225": "专用燃料费",
    "30226": "劳务费",
    "30227": "委托业务费",
    "30228": "工会经费",
    "30229": "福利费",
    "30231": "公务用车运行维护费",
    "30239": "其他交通费用",
    "30240": "税金及附加费用",
    "30299": "其他商品和服务支出",
    "303": "对个人和家庭的补助",
    "30301": "离休费",
    "30302": "退休费",
    "30303": "退职(役)费",
    "30304": "抚恤金",
    "30305": "生活补助",
    "30306": "救济费",
    "30307": "医疗费补助",
    "30308": "助学金",
    "30309": "奖励金",
    "30310": "个人农业生产补贴",
    "30311": "代缴社会保险费",
    "30399": "其他对个人和家庭的补助",
    "310": "资本性支出",
    "31002": "办公设备购置",
    "31003": "专用设备购置",
    "31007": "信息网络及软件购置更新",
    "31013": "公务用车购置",
    "31099": "其他资本性支出",
}
# the economic groups each kind of 经费 is made of
GROUPS = {"人员经费": ("301", "303"), "公用经费": ("302", "307", "310", "399")}

_DESCRIPTION = re.compile(r"(?P<what>人员经费|(?:日常)?公用经费)(?P<mid>[^。；;：:]{0,40}?)主要包括[:：]?(?P<list>[^。；;]+)")
_AMOUNT = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*万元")
SHOWN_UNLISTED = 3  # the largest items of the group that the description should have named


def item_key(name: str) -> str:
    """A name for matching an item of a description to a table row: "其他交通费" = "其他交通费用",
    "其他对个人和家庭的补助支出" = "其他对个人和家庭的补助"."""
    n = normalize_label(name)
    n = re.sub(r"支出$", "", n)
    return re.sub(r"费用$", "费", n)


class ExpenseDescription(Rule):
    """The items a 人员经费 / 公用经费 description names are those the money went to.

    What it checks:
        A sentence "人员经费……主要包括基本工资、津贴补贴……等" or "公用经费……主要包括办公费、
        印刷费……等": each item it names is looked up among the economic items of the
        一般公共预算财政拨款基本支出明细表 (by name; 其他交通费 = 其他交通费用). A named item that
        the table shows as 0 or blank — or a standard item the table does not print — is flagged,
        together with the largest items of that 经费 the sentence does not name. Checked only when
        the sentence's amount is the table's 人员经费合计 / 公用经费合计 (the same money); names
        that are no economic item ("社会保险及公积金缴费") are left alone.
    Why an auditor cares:
        A description that names items nothing was spent on, and leaves out where the money
        actually went, was copied from a template: it does not describe this year's spending.
    Fails:
        "公用经费18.74万元……主要包括办公费、印刷费、咨询费、手续费、差旅费、培训费、公务接待费、
        工会经费等" while 咨询费, 手续费, 培训费 and 公务接待费 are 0 in 公开06表 and 其他交通费用
        5.35万元 is not named
    Passes:
        "公用经费42.55万元，主要包括：办公费、印刷费、水费……" with every named item spent
    """

    doc_zh = """人员经费 / 公用经费构成说明所列的项目，就是资金实际用到的项目。

    检查内容：
        “人员经费……主要包括基本工资、津贴补贴……等”或“公用经费……主要包括办公费、印刷费……等”这类句子：
        所列每一项按名称在一般公共预算财政拨款基本支出明细表的经济科目中查找（其他交通费 = 其他交通费用）。
        表中为 0 或空白、或表中未列的标准科目，予以标出，并列出句子没有提到的该类经费中金额最大的几项。
        仅当句中金额就是表中人员经费合计 / 公用经费合计（同一笔钱）时检查；不是经济科目的名称（“社会保险及
        公积金缴费”）不作判断。
    为什么重要：
        说明中列的项目没有花钱，真正花钱的地方却没提，说明这段文字是从模板抄来的，并不描述本年的支出。
    不通过：
        “公用经费18.74万元……主要包括办公费、印刷费、咨询费、手续费、差旅费、培训费、公务接待费、工会经费等”，
        而公开06表中咨询费、手续费、培训费、公务接待费为 0，其他交通费用 5.35万元 却未提及
    通过：
        “公用经费42.55万元，主要包括：办公费、印刷费、水费……”，所列各项都有支出
    """

    code = "TXT004"
    title = "经费构成说明与基本支出明细表不符"
    category = "narrative_vs_table"
    severity = Severity.low

    def check(self, doc: Document) -> Iterable[Finding]:
        table = doc.table_of("gpb_basic_detail")
        if table is None:
            return
        items = {c: i for c, i in econ_items(table).items() if len(c) in (3, 5)}
        if not items:
            return
        personnel, public, totals_row = personnel_public(table)
        totals = {"人员经费": personnel, "公用经费": public}
        by_key = {item_key(i.label or ECON_NAMES.get(c, "")): c for c, i in items.items()}
        by_key.update({item_key(n): c for c, n in ECON_NAMES.items() if item_key(n) not in by_key})
        seen: set[str] = set()
        for p in doc.paragraphs:
            for m in _DESCRIPTION.finditer(p.text):
                what = "人员经费" if m.group("what") == "人员经费" else "公用经费"
                total = totals[what]
                amount = _AMOUNT.search(m.group("mid"))
                if total is None or amount is None:
                    continue
                stated = parse_cell(amount.group(1)).value  # 万元, like the text around it
                if stated is None or abs(stated - total[1].wan) > max(Decimal("0.05"), total[1].wan / 100):
                    continue  # another scope (all funds, another year): not this table's money
                names = _listed(m.group("list"))
                listed = {by_key[item_key(n)]: n for n in names if item_key(n) in by_key}
                groups = GROUPS[what]
                in_group = {c: n for c, n in listed.items() if c[:3] in groups}
                if not in_group:
                    continue
                empty = [c for c in in_group if self._empty(items, c, groups)]
                if not empty:
                    continue
                text = p.text[m.start() : m.end()]
                key = f"{what}|{normalize_label(text)[:40]}"
                if key in seen:
                    continue
                seen.add(key)
                unlisted = self._largest_unlisted(items, groups, set(in_group))
                zero = "、".join(in_group[c] for c in empty)
                msg = (
                    f"{what}说明“{_short(m.group('list'))}”所列的{zero}在{table_label(table)}中"
                    f"{'均' if len(empty) > 1 else ''}为 0 或未列示"
                )
                if unlisted:
                    msg += (
                        "；而表中金额较大的"
                        + "、".join(f"{i.code} {i.label} {fmt(i.value)} {table.unit}" for i in unlisted)
                        + "未列举"
                    )
                msg += "，说明未反映实际支出构成，请核对"
                ev = [Evidence(text=text, page=p.page_at(m.start()), bbox=p.span_bbox(m.start(), m.end()), role="stated")]
                ev += [row_evidence(table, items[c].row, "expected", [items[c].col]) for c in empty if c in items]
                ev += [row_evidence(table, i.row, "context", [i.col]) for i in unlisted]
                if totals_row is not None:
                    ev.append(row_evidence(table, totals_row, "context"))
                yield self.finding(
                    msg,
                    ev,
                    key=key,
                    values={"stated": stated, "expected": total[1].wan},
                    confidence=0.8,
                )

    @staticmethod
    def _empty(items: dict[str, EconItem], code: str, groups: tuple[str, ...]) -> bool:
        """Nothing spent on the item: 0 or blank in the table, or a standard item the table does
        not print while it prints the rest of its group."""
        if code in items:
            return not items[code].value
        return len(code) == 5 and any(c.startswith(code[:3]) and len(c) == 5 for c in items)

    @staticmethod
    def _largest_unlisted(items: dict[str, EconItem], groups: tuple[str, ...], listed: set[str]) -> list[EconItem]:
        ranked = sorted(
            (i for c, i in items.items() if len(c) == 5 and c[:3] in groups and i.value and i.value > 0),
            key=lambda i: -i.value,
        )[:SHOWN_UNLISTED]
        return [i for i in ranked if i.code not in listed and i.code[:3] not in listed]


def _listed(text: str) -> list[str]:
    """The items of a list "基本工资、津贴补贴、奖金等" (up to the 等 that closes it)."""
    body = re.split(r"等(?:[，,。；;]|$|支出|费用|内容)", text, maxsplit=1)[0]
    body = re.sub(r"等$", "", body.strip())
    return [x.strip() for x in re.split(r"[、，,]", body) if x.strip()]


def _short(text: str, limit: int = 50) -> str:
    t = text.strip()
    return t if len(t) <= limit else t[:limit] + "……"
