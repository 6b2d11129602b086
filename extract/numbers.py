"""Numbers as Chinese budget disclosures print them.

Handles thousands separators, blanks / ``-`` / ``—`` (no value), ``0.00``, negatives written
``-9785`` or ``（263.22）``, percentages with comparators (``≥90%``, ``》80%``), counts with
units (``16人``, ``7.3393万人``, ``33288人次``), and amounts in 元 / 万元 / 亿元.
All values are ``Decimal``; nothing here ever goes through float.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from models.amount import MONEY_UNITS, half_ulp  # noqa: F401 - half_ulp is read from here too

BLANK_MARKS = {"", "-", "—", "——", "－", "--", "/", "／", "…", "无"}

AMOUNT_UNITS = {**MONEY_UNITS, "万": Decimal(1), "亿": Decimal(10000)}
COUNT_UNITS = (
    "万人次",
    "万人",
    "人次",
    "人",
    "名",
    "户",
    "家",
    "个",
    "辆",
    "次",
    "台",
    "套",
    "件",
    "份",
    "张",
    "项",
    "批",
    "场",
    "期",
    "天",
    "年",
    "月",
    "所",
    "座",
    "间",
    "处",
    "条",
    "篇",
    "本",
    "册",
    "支",
)
COMPARATORS = {
    "≥": "≥",
    ">=": "≥",
    "》": "≥",
    "≧": "≥",
    "≤": "≤",
    "<=": "≤",
    "《": "≤",
    "≦": "≤",
    ">": ">",
    "<": "<",
    "＞": ">",
    "＜": "<",
}

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，％－（）＋", "0123456789.,%-()+")

# A number with more significant digits than any amount has (10^20 万元) is an OCR run-on or a
# hostile cell, which Decimal arithmetic at 28 digits (quantize) would refuse: it is text.
MAX_DIGITS = 20

# ASCII digits only: str.isdigit and \d also take ٣, 𝟑 and ፩, which no disclosure prints
_NUM = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?|\.[0-9]+"
_CELL_RE = re.compile(
    r"^(?P<cmp>≥|>=|》|≧|≤|<=|《|≦|>|<|＞|＜)?\s*"
    r"(?P<neg>[-−])?\s*"
    r"(?P<paren>[(（])?\s*"
    r"(?P<num>" + _NUM + r")\s*"
    r"(?P<paren2>[)）])?\s*"
    r"(?P<unit>%|‰|万元|亿元|元|万|亿|" + "|".join(COUNT_UNITS) + r")?\s*"
    r"(?:以上|以下|以内)?$"
)


@dataclass(frozen=True)
class Parsed:
    value: Decimal | None
    kind: str  # amount | percent | count | number | text | blank
    unit: str = ""
    comparator: str = ""


def normalize_digits(text: str) -> str:
    """Full-width digits and punctuation to ASCII; NBSP and ideographic spaces to spaces."""
    text = text.translate(_FULLWIDTH)
    return text.replace("\u00a0", " ").replace("\u3000", " ")


def to_decimal(num: str) -> Decimal | None:
    try:
        return Decimal(num.replace(",", ""))
    except InvalidOperation:
        return None


def parse_cell(text: str) -> Parsed:
    """Parse one table cell.

    A cell is a number only when the whole cell is a number (with optional comparator, sign
    and unit); anything else is text. Blank marks mean "no value", which is not the same as 0.
    """
    raw = normalize_digits(text).strip()
    if raw in BLANK_MARKS:
        return Parsed(None, "blank")
    # OCR and PDF converters sometimes split a number: "9746. 50", "1 066.45"
    compact = re.sub(r"(?<=[0-9.,])\s+(?=[0-9.])", "", raw)
    m = _CELL_RE.match(compact)
    if not m or len(re.sub(r"[,.]", "", m.group("num")).lstrip("0")) > MAX_DIGITS:
        return Parsed(None, "text")
    if m.group("paren") and not m.group("paren2") or m.group("paren2") and not m.group("paren"):
        return Parsed(None, "text")
    value = to_decimal(m.group("num"))
    if value is None:
        return Parsed(None, "text")
    if m.group("neg") or m.group("paren"):
        value = -value
    unit = m.group("unit") or ""
    cmp_ = COMPARATORS.get(m.group("cmp") or "", "")
    if unit in ("%", "‰"):
        return Parsed(value, "percent", unit, cmp_)
    if unit in AMOUNT_UNITS:
        return Parsed(value, "amount", "万元" if unit == "万" else ("亿元" if unit == "亿" else unit), cmp_)
    if unit:
        return Parsed(value, "count", unit, cmp_)
    return Parsed(value, "number", "", cmp_)


def to_wan(value: Decimal, unit: str) -> Decimal:
    """Convert an amount in ``unit`` (元 / 万元 / 亿元) to 万元."""
    return value * AMOUNT_UNITS.get(unit, Decimal(1))


def decimals_of(value: Decimal) -> int:
    exp = value.as_tuple().exponent
    return -exp if isinstance(exp, int) and exp < 0 else 0


def normalize_label(text: str) -> str:
    """A label for matching: NFKC forms, no whitespace (wrapped cells gain spaces in converters).
    A removed space can leave a combining mark after a letter (NFKC makes "¨" a space and a
    mark), so the result is composed again: the label of a label is itself."""
    return unicodedata.normalize("NFC", re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)))
