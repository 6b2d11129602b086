"""Decimal arithmetic the documents are made with: amounts are kept in 元 and printed in 元 or in
万元 (rounded cell by cell, half up, two decimals), rates in % with two decimals."""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal

D = Decimal
ZERO = D(0)
CENT = D("0.01")
HUNDRED = D(100)
WAN = D(10000)


def q2(x) -> Decimal:
    """Two decimals, half up (how the tables round)."""
    if isinstance(x, float):
        x = D(repr(x))
    return D(x).quantize(CENT, ROUND_HALF_UP)


def wan(yuan: Decimal) -> Decimal:
    """An amount in 元 as printed in 万元."""
    return q2(yuan / WAN)


def pct(part: Decimal, whole: Decimal) -> Decimal:
    """part / whole in %, two decimals."""
    return q2(part * HUNDRED / whole)


def fmt_dec(v: Decimal) -> str:
    """A Decimal without trailing zeros: 2.40 → 2.4, 43.00 → 43."""
    s = f"{v:f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


def uniform(rng: random.Random, a: float, b: float) -> Decimal:
    return D(repr(rng.uniform(a, b)))


def nice(n: int) -> int:
    """A round-looking count: two significant digits."""
    if n < 100:
        return n
    scale = 10 ** (len(str(n)) - 2)
    return n // scale * scale


def split(total: Decimal, weights: list[float], minimum: Decimal, grain: Decimal) -> list[Decimal]:
    """total split in proportion to weights, in multiples of grain, the parts summing exactly to
    total (total itself a multiple of grain)."""
    s = sum(weights)
    parts = [max(minimum, (total * D(repr(w / s)) / grain).quantize(D(1), ROUND_HALF_UP) * grain) for w in weights[:-1]]
    last = total - sum(parts, ZERO)
    if last < minimum:  # rounding took too much: take it back from the largest part
        k = parts.index(max(parts))
        parts[k] -= minimum - last
        last = minimum
    return parts + [last]


def typo(rng: random.Random, v: Decimal, places: int = 2) -> Decimal:
    """v as a clerk mistypes it: one digit replaced or two neighbours swapped (never only the
    last printed decimal, so the difference is beyond rounding)."""
    s = f"{v:.{places}f}"
    for _ in range(200):
        chars = list(s)
        digits = [i for i, ch in enumerate(chars) if ch.isdigit()][:-1]
        if rng.random() < 0.5:
            pairs = [i for i in digits if i + 1 < len(chars) and chars[i + 1].isdigit() and chars[i] != chars[i + 1]]
            if not pairs:
                continue
            i = rng.choice(pairs)
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
        else:
            i = rng.choice(digits)
            chars[i] = rng.choice([d for d in "0123456789" if d != chars[i]])
        text = "".join(chars)
        if len(text.split(".")[0]) > 1 and text[0] == "0":
            continue
        new = D(text)
        if new > 0 and abs(new - v) >= max(D("0.1"), v * D("0.002")):
            return new
    return v + 1


def wrong_pct(rng: random.Random, true: Decimal, alternative: Decimal | None = None, cap: bool = True) -> Decimal:
    """A stated rate that does not follow from its inputs: the rate on the wrong base when that
    differs enough, else a mistyped one."""
    if (
        alternative is not None
        and abs(alternative - true) >= D("0.5")
        and (not cap or alternative <= HUNDRED)
        and alternative > 0
    ):
        return alternative
    for _ in range(100):
        cand = q2(true + uniform(rng, 1.0, 8.0) * rng.choice((1, -1)))
        if cand > 0 and (not cap or cand <= HUNDRED) and abs(cand - true) >= 1:
            return cand
    return q2(true / 2)


def exec_score(rate: Decimal, weight: int = 10) -> Decimal:
    """The template's 得分 of the execution line: 分值 × 执行率, two decimals, capped at 分值."""
    return min(D(weight), q2(D(weight) * rate / HUNDRED))


_CN_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 13 → 十三, 26 → 二十六."""
    if n < 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")
