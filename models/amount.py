"""Amounts of money that know their unit.

Tables print money in 元, 万元 or 亿元, and a document's narrative often in another unit than its
tables (Shanghai: tables in 元, text in 万元). An ``Amount`` carries its unit, so that adding or
comparing two of them converts first, and mixing one with a bare number is an error rather than a
silent sum: ``Amount(Decimal("21601733.00"), "元") == Amount(Decimal("2160.1733"), "万元")``.

The rounding radius of a printed amount also depends on its unit: a 万元 table keeps two
decimals (an integer "43" stands for 43.00), a 元 table may round to whole 元.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

# 万元 per unit
MONEY_UNITS: dict[str, Decimal] = {"元": Decimal("0.0001"), "万元": Decimal(1), "亿元": Decimal(10000)}
# the largest rounding radius of one printed value, per unit
_MAX_RADIUS = {"元": Decimal("0.5"), "万元": Decimal("0.005"), "亿元": Decimal("0.005")}


def half_ulp(value: Decimal) -> Decimal:
    """Half a unit in the last printed place: the rounding radius of a printed value."""
    exp = value.as_tuple().exponent
    places = -exp if isinstance(exp, int) and exp < 0 else 0
    return Decimal(5).scaleb(-places - 1)  # 10 ** places overflows past 999999 places


def radius(value: Decimal, unit: str = "万元") -> Decimal:
    """How far the true amount behind a printed ``value`` in ``unit`` may be from it: half its last
    printed place, at most what the unit's tables round to (2 decimals in 万元; whole 元 in 元,
    where printed ".00" is often a format, not a precision)."""
    cap = _MAX_RADIUS.get(unit, Decimal("0.005"))
    return cap if unit == "元" else min(half_ulp(value), cap)


@dataclass(frozen=True)
class Amount:
    value: Decimal
    unit: str = "万元"

    def __post_init__(self) -> None:
        if self.unit not in MONEY_UNITS:
            raise ValueError(f"not a unit of money: {self.unit!r}")
        if not isinstance(self.value, Decimal):
            raise TypeError(f"an amount is a Decimal, not {type(self.value).__name__}")

    @property
    def wan(self) -> Decimal:
        """The amount in 万元."""
        return self.value * MONEY_UNITS[self.unit]

    def to(self, unit: str) -> Amount:
        return self if unit == self.unit else Amount(self.wan / MONEY_UNITS[unit], unit)

    def rounded_like(self, other: Amount) -> Amount:
        """This amount as ``other`` is printed: in its unit, rounded (half up) to its decimals. A
        text's "454.50万元" restates a table's 4,545,012.00 元 exactly when this equals it."""
        exp = other.value.as_tuple().exponent
        quantum = Decimal(1).scaleb(exp if isinstance(exp, int) else 0)
        return Amount(self.to(other.unit).value.quantize(quantum, ROUND_HALF_UP), other.unit)

    @property
    def radius(self) -> Decimal:
        """The rounding radius of the printed value, in its unit."""
        return radius(self.value, self.unit)

    @property
    def radius_wan(self) -> Decimal:
        return self.radius * MONEY_UNITS[self.unit]

    def _other(self, other: object) -> Amount:
        if not isinstance(other, Amount):
            raise TypeError(f"cannot combine an amount in {self.unit} with {type(other).__name__} (no unit)")
        return other.to(self.unit)

    def __add__(self, other: Amount) -> Amount:
        return Amount(self.value + self._other(other).value, self.unit)

    def __sub__(self, other: Amount) -> Amount:
        return Amount(self.value - self._other(other).value, self.unit)

    def __neg__(self) -> Amount:
        return Amount(-self.value, self.unit)

    def __abs__(self) -> Amount:
        return Amount(abs(self.value), self.unit)

    def __bool__(self) -> bool:
        return bool(self.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Amount) and self.wan == other.wan

    def __hash__(self) -> int:
        return hash(self.wan.normalize())

    def __lt__(self, other: Amount) -> bool:
        return self.wan < self._other(other).wan

    def __le__(self, other: Amount) -> bool:
        return self.wan <= self._other(other).wan

    def __gt__(self, other: Amount) -> bool:
        return self.wan > self._other(other).wan

    def __ge__(self, other: Amount) -> bool:
        return self.wan >= self._other(other).wan

    def __str__(self) -> str:
        return f"{format_amount(self.value)} {self.unit}"


def format_amount(v: Decimal | None) -> str:
    """A Decimal as the documents print it (no exponent, no trailing zeros beyond 2 places)."""
    if v is None:
        return "空"
    q = v.quantize(Decimal("0.01")) if v.as_tuple().exponent < -2 else v  # type: ignore[operator]
    s = format(q, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s
