"""Calendar arithmetic for TIMEX3 values: shifting, ISO weeks, seasons, and the inclusive
interval (UTC calendar days) that a TIMEX3 value covers.

Value forms follow TimeML/TIMEX3 (ISO 8601 based): ``2022-10-13``, ``2022-10-13TNI``,
``2022-10``, ``2022-W41``, ``2022-W41-WE``, ``2022-Q4``, ``2022-SU``, ``2022``, ``202`` (a
decade), ``20`` (a century), ``P3D``, ``PAST_REF``. Seasons use meteorological months
(spring = March-May, summer = June-August, autumn = September-November, winter = December of
the year through February of the next).
"""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

MONTH_DAYS = calendar.monthrange


def add_months(d: date, months: int) -> date:
    """``d`` shifted by whole months, the day clamped to the target month's length."""
    y, m = divmod(d.year * 12 + (d.month - 1) + months, 12)
    m += 1
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def add_years(d: date, years: int) -> date:
    """``d`` shifted by whole years (29 February -> 28 February when needed)."""
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)


def shift(d: date, unit: str, n: int) -> date:
    """``d`` shifted by ``n`` units (day, week, weekend, fortnight, month, quarter, year,
    decade, century)."""
    if unit in ("day", "night"):
        return d + timedelta(days=n)
    if unit in ("week", "weekend"):
        return d + timedelta(weeks=n)
    if unit == "fortnight":
        return d + timedelta(weeks=2 * n)
    if unit == "month":
        return add_months(d, n)
    if unit == "quarter":
        return add_months(d, 3 * n)
    if unit == "year":
        return add_years(d, n)
    if unit == "decade":
        return add_years(d, 10 * n)
    if unit == "century":
        return add_years(d, 100 * n)
    return d + timedelta(days=n)


def iso_week(d: date) -> str:
    """TIMEX3 week value of ``d``: ``2022-W41``."""
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def value_at(d: date, unit: str) -> str:
    """The TIMEX3 value of the ``unit`` (day, week, weekend, month, quarter, year, decade,
    century) that contains day ``d``."""
    if unit in ("day", "night"):
        return d.isoformat()
    if unit in ("week", "fortnight"):
        return iso_week(d)
    if unit == "weekend":
        return iso_week(d) + "-WE"
    if unit == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if unit == "quarter":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if unit == "year":
        return f"{d.year:04d}"
    if unit == "decade":
        return f"{d.year // 10:03d}"
    if unit == "century":
        return f"{d.year // 100:02d}"
    return d.isoformat()


_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(T.*)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_YEAR = re.compile(r"^(\d{4})$")
_DECADE = re.compile(r"^(\d{3})$")
_CENTURY = re.compile(r"^(\d{2})$")


def interval_of(value: str | None) -> tuple[date, date, str] | None:
    """The inclusive day range ``(begin, end, granularity)`` a TIMEX3 date value covers, or
    None for durations, sets, ``*_REF`` and underspecified (``XXXX``) values.

    Granularity is day | week | month | quarter | year (decades and centuries: year).
    """
    if not value:
        return None
    try:
        if m := _DAY.match(value):
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return d, d, "day"
        if m := _MONTH.match(value):
            y, mo = int(m[1]), int(m[2])
            return date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1]), "month"
        if m := _WEEK.match(value):
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            if m[3]:
                return monday + timedelta(days=5), monday + timedelta(days=6), "week"
            return monday, monday + timedelta(days=6), "week"
        if m := _QUARTER.match(value):
            y, q = int(m[1]), int(m[2])
            first = date(y, 3 * q - 2, 1)
            last_month = 3 * q
            return first, date(y, last_month, calendar.monthrange(y, last_month)[1]), "quarter"
        if m := _HALF.match(value):
            y, h = int(m[1]), int(m[2])
            return (date(y, 1, 1), date(y, 6, 30), "quarter") if h == 1 else (date(y, 7, 1), date(y, 12, 31), "quarter")
        if m := _SEASON.match(value):
            y, s = int(m[1]), m[2]
            a, b = _SEASON_MONTHS[s]
            if s == "WI":
                return date(y, 12, 1), date(y + 1, 2, calendar.monthrange(y + 1, 2)[1]), "quarter"
            return date(y, a, 1), date(y, b, calendar.monthrange(y, b)[1]), "quarter"
        if m := _YEAR.match(value):
            y = int(m[1])
            return date(y, 1, 1), date(y, 12, 31), "year"
        if m := _DECADE.match(value):
            y = int(m[1]) * 10
            return date(y, 1, 1), date(y + 9, 12, 31), "year"
        if m := _CENTURY.match(value):
            y = int(m[1]) * 100
            return date(max(y, 1), 1, 1), date(y + 99, 12, 31), "year"
    except ValueError:
        return None
    return None


def duration_value(n: float | None, unit: str) -> str:
    """TIMEX3 duration value: ``P3D``, ``PT48H``, ``P2W``, ``P6M``, ``P10Y``; ``n=None`` gives
    the underspecified ``PXD``. Half units become the next smaller unit (1.5 years -> P18M)."""
    time_units = {"hour": "H", "minute": "M", "second": "S"}
    date_units = {"day": "D", "night": "D", "week": "W", "weekend": "WE", "fortnight": "W",
                  "month": "M", "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE",
                  "season": "M"}
    if unit == "fortnight" and n is not None:
        n, unit = n * 2, "week"
    if unit == "season" and n is not None:
        n, unit = n * 3, "month"
    if n is not None and n != int(n):
        if unit == "year":
            n, unit = n * 12, "month"
        elif unit == "day":
            n, unit = n * 24, "hour"
        elif unit == "hour":
            n, unit = n * 60, "minute"
        elif unit == "month":
            n, unit = n * 30, "day"
    if unit == "decade" and n is not None:
        n, unit = n * 10, "year"
    if unit == "century" and n is not None:
        n, unit = n * 100, "year"
    count = "X" if n is None else str(int(n))
    if unit in time_units:
        return f"PT{count}{time_units[unit]}"
    return f"P{count}{date_units.get(unit, 'D')}"
