from decimal import Decimal

import pytest

from extract.numbers import half_ulp, normalize_label, parse_cell


@pytest.mark.parametrize(
    "text, value, kind, unit, cmp_",
    [
        ("52,738.56", "52738.56", "number", "", ""),
        ("362.62", "362.62", "number", "", ""),
        ("0", "0", "number", "", ""),
        ("0.00", "0.00", "number", "", ""),
        ("-9785", "-9785", "number", "", ""),
        ("（263.22）", "-263.22", "number", "", ""),
        ("(1,066.45)", "-1066.45", "number", "", ""),
        ("4.87%", "4.87", "percent", "%", ""),
        ("100%", "100", "percent", "%", ""),
        ("12238.35%", "12238.35", "percent", "%", ""),
        ("≥90%", "90", "percent", "%", "≥"),
        ("》80%", "80", "percent", "%", "≥"),
        ("≤ 350", "350", "number", "", "≤"),
        ("16人", "16", "count", "人", ""),
        ("7.3393万人", "7.3393", "count", "万人", ""),
        ("33288人次", "33288", "count", "人次", ""),
        ("24 家", "24", "count", "家", ""),
        ("10.49万", "10.49", "amount", "万元", ""),
        ("≥4000 万", "4000", "amount", "万元", "≥"),
        ("59.22 万", "59.22", "amount", "万元", ""),
        ("10434元", "10434", "amount", "元", ""),
        ("1.2亿元", "1.2", "amount", "亿元", ""),
        ("９７４６．５０", "9746.50", "number", "", ""),
        ("9746. 50", "9746.50", "number", "", ""),
        ("≥95%以上", "95", "percent", "%", "≥"),
    ],
)
def test_numbers(text, value, kind, unit, cmp_):
    p = parse_cell(text)
    assert p.value == Decimal(value)
    assert (p.kind, p.unit, p.comparator) == (kind, unit, cmp_)


@pytest.mark.parametrize("text", ["", " ", "-", "—", "——", "－"])
def test_blanks_are_no_value(text):
    p = parse_cell(text)
    assert p.value is None and p.kind == "blank"


@pytest.mark.parametrize("text", ["行政运行", "2023年12月底前", "逐步扩大", "(12", "12)", "持续", "15 年以上的工作"])
def test_text_is_not_a_number(text):
    assert parse_cell(text).kind in ("text", "count")
    if parse_cell(text).kind == "text":
        assert parse_cell(text).value is None


def test_rounding_radius():
    assert half_ulp(Decimal("362.62")) == Decimal("0.005")
    assert half_ulp(Decimal("43")) == Decimal("0.5")


def test_labels_lose_wrapping_spaces():
    assert normalize_label("机关事业单位基本 养老保险缴费支出") == "机关事业单位基本养老保险缴费支出"
    assert normalize_label("项 目") == "项目"
