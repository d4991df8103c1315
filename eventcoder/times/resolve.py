"""Normalization of detected temporal expressions to TIMEX3 values and inclusive intervals.

Anchoring (TimeML "temporal function"): deictic expressions ("yesterday", "last month",
"Thursday", "next week") are resolved against the document creation time (DCT = publication
date, ``anchor="published"``); narrative ones ("the next day", "two days later", "that year")
against the last resolved time in the text (``anchor="narrative"``, turned into that time's id
by the stage). Without a DCT deictic expressions stay unresolved (``value=None``), unless
``Context.narrative_without_dct`` asks for narrative anchoring (history texts, WikiWars). Tense and modality of the
clause pick the direction for bare weekday and month names: past -> the most recent one on or
before the DCT, future/expected -> the DCT itself or later, otherwise the nearest (weekdays,
day-month dates) or the DCT's year (months), as HeidelTime's news strategy does.

Absolute date strings with a year go through dateparser (pinned); relative resolution is ours,
because dateparser anchors news dates on the wrong side of the DCT (its issues #508, #694).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from .calendar import add_months, duration_value, interval_of, shift, value_at
from .grammar import (EASTER_HOLIDAYS, HOLIDAYS, INDEPENDENCE_DAYS, MONTHS, ORDINALS, PARTS_OF_DAY, SEASONS, UNITS, WEEKDAYS,
                      Candidate, holiday_key, month_number, number)

log = logging.getLogger(__name__)

MODS = {"early": "START", "late": "END", "mid": "MID", "end": "END", "beginning": "START",
        "start": "START", "middle": "MID", "first half": "START", "second half": "END",
        "turn": "START"}
APPROX_MODS = {"more than": "MORE_THAN", "over": "MORE_THAN", "just over": "MORE_THAN",
               "well over": "MORE_THAN", "at least": "EQUAL_OR_MORE", "less than": "LESS_THAN",
               "fewer than": "LESS_THAN", "under": "LESS_THAN", "just under": "LESS_THAN",
               "almost": "LESS_THAN", "nearly": "LESS_THAN", "barely": "LESS_THAN",
               "up to": "EQUAL_OR_LESS", "at most": "EQUAL_OR_LESS", "about": "APPROX",
               "around": "APPROX", "roughly": "APPROX", "approximately": "APPROX",
               "some": "APPROX"}
# Vague counts ("a few days") get a nominal size when an interval must be drawn (documented
# approximation): couple = 2, few/several/some/many = 3.
VAGUE_SIZE = {"a couple of": 2, "couple of": 2}
RECENT_SPAN = {"days": ("day", 7), "weeks": ("week", 6), "months": ("month", 6),
               "years": ("year", 5), "decades": ("year", 30)}
CENTURY_WORDS = {"sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
                 "twentieth": 20, "twenty-first": 21}


@dataclass
class Context:
    """What a resolution may use: the DCT (or None), the clause tense (past | future | present
    | none) and the last resolved time in the text ``(day, unit)`` for narrative anchoring.

    ``narrative_without_dct``: without a DCT, anchor deictic expressions (weekdays, months and
    day-months without a year, seasons, holidays, clock times) on the last resolved time, as
    suits history narratives (WikiWars). Off by default: in news without a publication date,
    "in July" or "on Thursday" anchored on an unrelated year in the text ("seized in 2014") is
    wrong far more often than right, so they stay unresolved (W001)."""

    dct: date | None
    tense: str = "none"
    narrative: tuple[date, str] | None = None
    narrative_without_dct: bool = False
    country: str | None = None  # the document's country (ISO alpha-2): "Independence Day"


@dataclass
class Resolution:
    """A normalized expression. ``begin``/``end`` override the interval derived from ``value``
    (inclusive days). ``anchor`` is published | narrative | none. ``relative`` marks an
    expression that needed an anchor it did not get (value None)."""

    type: str
    value: str | None
    mod: str | None = None
    begin: date | None = None
    end: date | None = None
    granularity: str | None = None
    anchor: str = "none"
    relative: bool = False
    reason: str = ""


def _unresolved(type_: str, reason: str) -> Resolution:
    return Resolution(type_, None, anchor="none", relative=True, reason=reason)


def _base(ctx: Context, narrative_first: bool = False) -> tuple[date | None, str]:
    """The anchor day and its kind: DCT (published) or the last resolved time (narrative)."""
    if narrative_first and ctx.narrative:
        return ctx.narrative[0], "narrative"
    if ctx.dct:
        return ctx.dct, "published"
    if ctx.narrative and ctx.narrative_without_dct:
        return ctx.narrative[0], "narrative"
    return None, "none"


def _direction(ctx: Context, kind: str, ahead: bool = False) -> str:
    """past | future | nearest | narrative | same_year. ``ahead``: a simple-present clause
    ("the deadline expires on Wednesday") looks ahead for weekdays and day-month dates."""
    if ahead and ctx.tense == "present_ahead" and kind == "published":
        return "future"
    return _direction_base(ctx, kind)


def _direction_base(ctx: Context, kind: str) -> str:
    if kind == "narrative" and not ctx.dct:
        if ctx.narrative and ctx.narrative[1] == "year":
            return "same_year"  # after "In 1918, ...", "20 July" is in 1918
        return "future" if ctx.tense == "future" else "narrative"
    return {"past": "past", "perfect": "past", "future": "future"}.get(ctx.tense, "nearest")


def resolve_weekday(wd: int, base: date, rel: str | None, direction: str) -> date:
    """The day with weekday ``wd`` (Monday=0) relative to ``base``: ``last`` strictly before,
    ``next``/``coming`` strictly after, ``this`` in the same ISO week; otherwise by
    direction: past -> on or before, future/narrative -> on or after, nearest -> within +-3."""
    back = (base.weekday() - wd) % 7
    fwd = (wd - base.weekday()) % 7
    if rel in ("last", "past", "previous"):
        return base - timedelta(days=back or 7)
    if rel in ("next", "coming"):
        return base + timedelta(days=fwd or 7)
    if rel == "this":
        return base - timedelta(days=base.weekday()) + timedelta(days=wd)
    if direction == "past":
        return base - timedelta(days=back)
    if direction in ("future", "narrative"):
        return base + timedelta(days=fwd)
    return base - timedelta(days=back) if back <= fwd else base + timedelta(days=fwd)


def pick_year(month: int, day: int | None, base: date, direction: str, rel: str | None = None) -> int:
    """The year of a month (and day) given without one, relative to ``base``.

    ``last``/past tense -> the latest one on or before ``base`` (strictly before for
    ``last``); ``next``/future -> the earliest on or after; nearest -> the closest for a day,
    the base year for a month; narrative -> the base year.
    """
    key = (month, day or 1)
    here = (base.month, base.day if day else 1)
    if rel in ("last", "past", "previous"):
        return base.year if key < here or (day is None and month < base.month) else base.year - 1
    if rel in ("next", "coming", "upcoming"):
        return base.year if key > here or (day is None and month > base.month) else base.year + 1
    if rel in ("this", "current"):
        return base.year
    if direction == "past":
        return base.year if key <= here else base.year - 1
    if direction == "future":
        return base.year if key >= here else base.year + 1
    if direction == "narrative" and rel is None:
        # a story moves on: the month (and day) closest to the last resolved time
        best_year, best_dist = base.year, None
        for y in (base.year - 1, base.year, base.year + 1):
            dist = abs((y * 12 + month) - (base.year * 12 + base.month))
            if best_dist is None or dist < best_dist or (dist == best_dist and y > best_year):
                best_year, best_dist = y, dist
        return best_year
    if direction == "nearest" and day is not None:
        best = None
        for y in (base.year - 1, base.year, base.year + 1):
            try:
                d = date(y, month, day)
            except ValueError:
                continue
            if best is None or abs((d - base).days) < abs((best - base).days):
                best = d
        return best.year if best else base.year
    return base.year


@lru_cache(maxsize=4096)
def parse_absolute(text: str) -> date | None:
    """A complete date string ("13 October 2022", "Oct. 13, 2022", "2022-10-13",
    "13/10/2022") via dateparser (day-first for numeric dates). None if it does not parse."""
    import dateparser

    settings = {"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["day", "month", "year"],
                "RETURN_AS_TIMEZONE_AWARE": False}
    try:
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
    except (ValueError, OverflowError) as exc:
        log.debug("dateparser failed on %r: %s", text, exc)
        return None
    return parsed.date() if parsed else None


def _time_suffix(pod: str | None) -> str:
    return f"T{PARTS_OF_DAY[pod]}" if pod in PARTS_OF_DAY else ""


def _day_res(d: date, anchor: str, mod: str | None, pod: str | None, reason: str) -> Resolution:
    suffix = _time_suffix(pod)
    return Resolution("TIME" if suffix else "DATE", d.isoformat() + suffix, mod, d, d, "day", anchor,
                      reason=reason)


def resolve(c: Candidate, text: str, ctx: Context) -> Resolution | None:
    """Normalize one candidate. Returns None when the candidate turns out not to be a
    temporal expression (e.g. "the day" with no anchor word)."""
    handler = _HANDLERS.get(c.rule)
    if handler is None:
        return None
    return handler(c.groups, text[c.start:c.end], ctx)


# --- handlers, one per rule --------------------------------------------------------------------

def _weekday(g, surface, ctx):
    wd = WEEKDAYS[g["wd"]]
    mod = MODS.get(g.get("mod"))
    base, kind = _base(ctx)
    if base is None:
        return _unresolved("TIME" if g.get("pod") else "DATE", "weekday:no_anchor")
    d = resolve_weekday(wd, base, g.get("rel"), _direction(ctx, kind, ahead=True))
    return _day_res(d, kind, mod, g.get("pod"), f"weekday:{g.get('rel') or _direction(ctx, kind, ahead=True)}")


def _date_dm(g, surface, ctx):
    month = month_number(g["mon"])
    day = int("".join(ch for ch in g["day"] if ch.isdigit()))
    if g.get("year"):
        d = parse_absolute(surface)
        if d is None:
            try:
                d = date(int(g["year"]), month, day)
            except ValueError:
                return None
        return _day_res(d, "none", None, g.get("pod"), "absolute:dateparser")
    base, kind = _base(ctx)
    if base is None:
        return _unresolved("DATE", "day_month:no_anchor")
    if g.get("wd"):  # "Thursday, 13 October": the weekday picks the year when it can
        for y in (base.year, base.year - 1, base.year + 1):
            try:
                if date(y, month, day).weekday() == WEEKDAYS[g["wd"]]:
                    return _day_res(date(y, month, day), kind, None, g.get("pod"), "day_month:weekday")
            except ValueError:
                continue
    y = pick_year(month, day, base, _direction(ctx, kind, ahead=True))
    try:
        d = date(y, month, day)
    except ValueError:
        return None
    return _day_res(d, kind, None, g.get("pod"), f"day_month:{_direction(ctx, kind, ahead=True)}")


def _date_iso(g, surface, ctx):
    try:
        d = date(int(g["year"]), int(g["mon"]), int(g["day"]))
    except ValueError:
        return None
    return _day_res(d, "none", None, None, "absolute:iso")


def _date_num(g, surface, ctx):
    d = parse_absolute(surface)
    return _day_res(d, "none", None, None, "absolute:dateparser") if d else None


def _range(g, surface, ctx):
    month = month_number(g["mon"])
    d1 = int("".join(ch for ch in g["d1"] if ch.isdigit()))
    d2 = int("".join(ch for ch in g["d2"] if ch.isdigit()))
    if g.get("year"):
        y, kind = int(g["year"]), "none"
    else:
        base, kind = _base(ctx)
        if base is None:
            return _unresolved("DURATION", "range:no_anchor")
        y = pick_year(month, d1, base, _direction(ctx, kind))
    try:
        b, e = date(y, month, d1), date(y, month, d2)
    except ValueError:
        return None
    if e < b:
        return None
    return Resolution("DURATION", duration_value((e - b).days + 1, "day"), None, b, e, "day", kind,
                      reason="range")


def _month_year(g, surface, ctx):
    month = month_number(g["mon"])
    mod = MODS.get(g.get("mod")) or MODS.get(g.get("edge"))
    return Resolution("DATE", f"{int(g['year']):04d}-{month:02d}", mod, anchor="none", reason="absolute:month_year")


def _month(g, surface, ctx):
    month = month_number(g["mon"])
    mod = MODS.get(g.get("mod")) or MODS.get(g.get("edge"))
    base, kind = _base(ctx)
    if base is None:
        return _unresolved("DATE", "month:no_anchor")
    direction = _direction(ctx, kind)
    y = pick_year(month, None, base, direction, g.get("rel"))
    return Resolution("DATE", f"{y:04d}-{month:02d}", mod, anchor=kind, reason=f"month:{g.get('rel') or direction}")


def _season(g, surface, ctx):
    if not (g.get("pre") or g.get("rel") or g.get("year") or g.get("mod") or g.get("the")):
        return None
    code = SEASONS[g["season"]]
    mod = MODS.get(g.get("mod"))
    if g.get("year"):
        return Resolution("DATE", f"{g['year']}-{code}", mod, anchor="none", reason="absolute:season")
    base, kind = _base(ctx)
    if base is None:
        return _unresolved("DATE", "season:no_anchor")
    start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
    # the season containing base, expressed by its start year
    cur_year = base.year - 1 if (code == "WI" and base.month <= 2) else base.year
    rel = g.get("rel")
    direction = _direction(ctx, kind)
    in_season = interval_of(f"{cur_year}-{code}")
    if rel in ("last", "past", "previous"):
        y = cur_year if date(cur_year, start_month, 1) < base and not (in_season and in_season[0] <= base <= in_season[1]) else cur_year - 1
    elif rel in ("next", "coming", "upcoming"):
        y = cur_year if date(cur_year, start_month, 1) > base else cur_year + 1
    elif rel in ("this", "current") or direction in ("nearest", "narrative"):
        y = cur_year
    elif direction == "past":
        y = cur_year if date(cur_year, start_month, 1) <= base else cur_year - 1
    else:
        y = cur_year if in_season and in_season[1] >= base else cur_year + 1
    return Resolution("DATE", f"{y}-{code}", mod, anchor=kind, reason=f"season:{rel or direction}")


def _deictic(g, surface, ctx):
    word = g["word"]
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
              "the day before yesterday": -2, "the day after tomorrow": 2}[word]
    pod = g.get("pod") or ("night" if word == "tonight" else None)
    if not ctx.dct:
        return _unresolved("TIME" if pod else "DATE", "deictic:no_dct")
    mod = MODS.get(g.get("mod")) if g.get("mod") in ("early", "late") else None
    return _day_res(ctx.dct + timedelta(days=offset), "published", mod, pod, f"deictic:{word}")


def _this_pod(g, surface, ctx):
    rel, pod = g["rel"], g["pod"]
    if not ctx.dct:
        return _unresolved("TIME", "part_of_day:no_dct")
    offset = {"this": 0, "last": -1, "yesterday": -1, "tomorrow": 1}[rel]
    if rel == "last" and pod != "night":  # "last evening" = yesterday evening
        offset = -1
    mod = MODS.get(g.get("mod")) if g.get("mod") in ("early", "late") else None
    return _day_res(ctx.dct + timedelta(days=offset), "published", mod, pod, f"part_of_day:{rel}")


def _overnight(g, surface, ctx):
    if not ctx.dct:
        return _unresolved("TIME", "overnight:no_dct")
    start = ctx.dct if ctx.tense == "future" else ctx.dct - timedelta(days=1)
    return Resolution("TIME", start.isoformat() + "TNI", None, start, start + timedelta(days=1), "day",
                      "published", reason=f"overnight:{ctx.tense}")


def _weekend(g, surface, ctx):
    if not ctx.dct:
        return _unresolved("DATE", "weekend:no_dct")
    rel = {"past": "last", "perfect": "last", "future": "next"}.get(ctx.tense)
    if ctx.dct.weekday() >= 5:
        rel = None  # published on a Saturday or Sunday: this weekend
    v, _ = _unit_value("weekend", rel, ctx.dct)
    return Resolution("DATE", v, None, anchor="published", reason=f"weekend:{ctx.tense}")


def _unit_value(unit: str, rel: str | None, base: date) -> tuple[str, date]:
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1,
            "upcoming": 1}.get(rel or "", 0)
    if unit == "weekend":
        # the weekend of base's ISO week; "last" = the one before base, "next" = after
        saturday = base - timedelta(days=base.weekday()) + timedelta(days=5)
        if step < 0 and saturday >= base:
            saturday -= timedelta(days=7)
        elif step > 0 and saturday <= base:
            saturday += timedelta(days=7)
        return value_at(saturday, "weekend"), saturday
    d = shift(base, unit, step)
    return value_at(d, unit), d


def _rel_unit(g, surface, ctx):
    rel, unit = g["rel"], UNITS[g["unit"]]
    narrative = rel in ("following", "previous", "same") or (
        rel == "next" and g.get("the") and (unit in ("day", "night") or not ctx.dct))
    if rel == "past" or (rel in ("last", "next") and g.get("the") and unit not in ("day", "night", "weekend")):
        # "the past month", "the last year", "the next month": a period ending (or beginning) at the DCT
        if not ctx.dct:
            return _unresolved("DURATION", "period:no_dct")
        if rel == "last" and unit == "week":  # TimeML: "the last week" = the previous calendar week
            v, d = _unit_value(unit, rel, ctx.dct)
            return Resolution("DATE", v, None, anchor="published", reason="rel_unit:last_week")
        if rel == "next":
            return Resolution("DURATION", duration_value(1, unit), None, ctx.dct, shift(ctx.dct, unit, 1),
                              unit_gran(unit), "published", reason="period:next")
        return Resolution("DURATION", duration_value(1, unit), None, shift(ctx.dct, unit, -1), ctx.dct,
                          unit_gran(unit), "published", reason="period:past")
    base, kind = _base(ctx, narrative_first=narrative)
    if base is None or (not narrative and not ctx.dct):
        return _unresolved("DATE", "rel_unit:no_anchor")
    v, d = _unit_value(unit, rel, base)
    return Resolution("DATE", v, None, anchor=kind, reason=f"rel_unit:{rel}")


def unit_gran(unit: str) -> str:
    """Granularity word of a calendar unit (decades/centuries -> year, nights -> day)."""
    return {"night": "day", "weekend": "week", "fortnight": "week", "decade": "year",
            "century": "year", "season": "quarter"}.get(unit, unit if unit in ("day", "week", "month", "quarter", "year") else "day")


def _edge_rel(g, surface, ctx):
    edge = g["edge"]
    unit = UNITS.get(g["unit"], g["unit"])
    if edge == "turn" and unit == "century":
        return None
    rel = g.get("rel")
    narrative = rel in ("following", "previous", "same")
    base, kind = _base(ctx, narrative_first=narrative)
    if base is None or (not narrative and not ctx.dct and not ctx.narrative):
        return _unresolved("DATE", "edge:no_anchor")
    v, _ = _unit_value(unit, rel if rel != "past" else "last", base)
    span = interval_of(v)
    if not rel and kind == "published" and span:
        # "by the end of the year" in a past clause published in March: the previous year
        if ctx.tense in ("past", "perfect") and MODS.get(edge) in ("END", "MID") and span[0] + (span[1] - span[0]) / 2 > base:
            v, _ = _unit_value(unit, "last", base)
        elif ctx.tense == "future" and MODS.get(edge) == "START" and span[0] < base:
            v, _ = _unit_value(unit, "next", base)
    return Resolution("DATE", v, MODS.get(edge), anchor=kind, reason=f"edge:{edge}")


def _edge_year(g, surface, ctx):
    edge = g["edge"]
    if edge in ("first half", "second half"):
        return Resolution("DATE", f"{g['year']}-H{1 if edge == 'first half' else 2}", anchor="none", reason="absolute:half_year")
    return Resolution("DATE", g["year"], MODS.get(edge), anchor="none", reason="absolute:edge_year")


def _modrel(g, surface, ctx):
    mod, rel, unit = g["mod"], g["rel"], UNITS[g["unit"]]
    if not ctx.dct:
        return _unresolved("DATE", "modrel:no_dct")
    v, _ = _unit_value(unit, rel, ctx.dct)
    span = interval_of(v)
    if mod in ("earlier", "later") and rel == "this" and span:
        b, e = (span[0], ctx.dct) if mod == "earlier" else (ctx.dct, span[1])
        return Resolution("DATE", v, None, b, e, span[2], "published", reason=f"modrel:{mod}")
    return Resolution("DATE", v, MODS.get(mod), anchor="published", reason=f"modrel:{mod}")


def _count(word: str | None) -> float | None:
    return number(word)


def _past_dur(g, surface, ctx):
    unit = UNITS[g["unit"]]
    n = _count(g["num"])
    mod = APPROX_MODS.get(g.get("approx"))
    value = duration_value(n, unit)
    rel = g["rel"]
    size = int(n) if n and n == int(n) else VAGUE_SIZE.get(g["num"], 3)
    if unit in ("hour", "minute", "second"):  # the interval is in days: "the past 48 hours" = 2 days back
        per_day = {"hour": 24, "minute": 1440, "second": 86400}[unit]
        unit, size = "day", max(1, -(-size // per_day))
    if rel in ("past", "last", "previous", "preceding") and ctx.dct:
        return Resolution("DURATION", value, mod, shift(ctx.dct, unit, -size), ctx.dct, unit_gran(unit),
                          "published", reason="period:past")
    if rel in ("next", "coming") and ctx.dct:
        return Resolution("DURATION", value, mod, ctx.dct, shift(ctx.dct, unit, size), unit_gran(unit),
                          "published", reason="period:next")
    return Resolution("DURATION", value, mod, reason=f"duration:{rel}")


def _quarter(g, surface, ctx):
    q = int(g["qn"]) if g.get("qn") else ORDINALS[g["ord"]]
    if g.get("year"):
        return Resolution("DATE", f"{g['year']}-Q{q}", anchor="none", reason="absolute:quarter")
    if not ctx.dct:
        return _unresolved("DATE", "quarter:no_dct")
    y = ctx.dct.year + {"last": -1, "next": 1}.get(g.get("rel") or "", 0)
    if not g.get("rel") and ctx.tense in ("past", "perfect") and q > (ctx.dct.month - 1) // 3 + 1:
        y -= 1
    return Resolution("DATE", f"{y}-Q{q}", anchor="published", reason="quarter")


def _ago(g, surface, ctx):
    unit = UNITS[g["unit"]]
    n = _count(g["num"])
    direction = g["dir"]
    mod = APPROX_MODS.get(g.get("approx"))
    sign = -1 if direction in ("ago", "earlier", "before") else 1
    narrative = direction in ("earlier", "later", "before", "after")
    base, kind = _base(ctx, narrative_first=narrative)
    if direction in ("ago", "from now", "hence"):
        base, kind = (ctx.dct, "published") if ctx.dct else (None, "none")
    if base is None:
        return _unresolved("DATE", "offset:no_anchor")
    if n is None:
        return Resolution("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod, anchor=kind, reason="offset:vague")
    if unit in ("hour", "minute", "second"):
        return Resolution("TIME", base.isoformat(), mod, base, base, "day", kind, reason="offset:clock")
    gran_unit = "year" if unit in ("decade", "century") else ("day" if unit == "night" else unit)
    try:
        d = shift(base, unit, int(sign * n)) if n == int(n) else shift(base, "month", int(sign * n * 12)) if unit == "year" else base
    except (ValueError, OverflowError):
        return None
    if gran_unit == "season":
        gran_unit = "month"
    return Resolution("DATE", value_at(d, gran_unit), mod, anchor=kind, reason=f"offset:{direction}")


def _offset(g, surface, ctx):
    """"two days later", "a month earlier", "eight years from now": TIMEX3 marks the duration
    ("two days", P2D); the day or unit it points to becomes the interval, anchored on the last
    resolved time (later/earlier) or the DCT (from now/hence). "before"/"after" are anchored on
    events ("two days after the vote"), so they get no interval."""
    unit = UNITS[g["unit"]]
    n = _count(g["num"])
    direction = g["dir"]
    mod = APPROX_MODS.get(g.get("approx"))
    value = duration_value(n, unit)
    if n is None or n != int(n) or direction in ("before", "after"):
        return Resolution("DURATION", value, mod, reason=f"offset:{direction}")
    sign = -1 if direction == "earlier" else 1
    if direction in ("from now", "hence"):
        base, kind = (ctx.dct, "published") if ctx.dct else (None, "none")
    else:
        base, kind = _base(ctx, narrative_first=True)
    if base is None or unit in ("hour", "minute", "second"):
        return Resolution("DURATION", value, mod, reason=f"offset:{direction}")
    d = shift(base, unit, int(sign * n))
    gran = {"decade": "year", "century": "year", "night": "day", "season": "month",
            "fortnight": "week"}.get(unit, unit)
    span = interval_of(value_at(d, gran))
    if span is None:
        return Resolution("DURATION", value, mod, reason=f"offset:{direction}")
    order = ["day", "week", "month", "quarter", "year"]
    if kind == "narrative" and ctx.narrative and ctx.narrative[1] in order and gran in order \
            and order.index(ctx.narrative[1]) > order.index(gran):
        # "two weeks later" after "in 2021": the anchor's whole unit, shifted (no false precision)
        whole = interval_of(value_at(base, ctx.narrative[1]))
        if whole:
            return Resolution("DURATION", value, mod, shift(whole[0], unit, int(sign * n)),
                              shift(whole[1], unit, int(sign * n)), ctx.narrative[1], kind,
                              reason=f"offset:{direction}:coarse_anchor")
    return Resolution("DURATION", value, mod, span[0], span[1], span[2], kind, reason=f"offset:{direction}")


def _hms(g, surface, ctx):
    h, mi, sec = int(g["h"]), int(g["mi"]), int(g["s"])
    return Resolution("DURATION", f"PT{h}H{mi}M{sec}S" if h else f"PT{mi}M{sec}S", reason="duration:clock")


def _fiscal(g, surface, ctx):
    if not ctx.dct:
        return _unresolved("DATE", "fiscal:no_dct")
    y = ctx.dct.year + {"last": -1, "previous": -1, "next": 1}.get(g["rel"], 0)
    return Resolution("DATE", f"{y:04d}", anchor="published", reason="fiscal_year")


def _yy(g, surface, ctx):
    first = int(g["c"])
    y = first // 100 * 100 + int(g["yy"])
    if y <= first:
        y += 100
    if y - first > 20:
        return None
    return Resolution("DATE", f"{y:04d}", anchor="none", reason="year:two_digit")


def _narr(g, surface, ctx):
    which, unit, dir2 = g.get("which"), g["unit"], g.get("dir2")
    det = surface.split()[0].lower()
    if which is None and dir2 is None and det == "the":
        return None  # "the day", "the year": too generic to be a time on their own
    pod = "morning" if unit == "morning" else ("night" if unit == "night" else None)
    unit = "day" if unit in ("morning", "night") else unit
    step = 0
    if which in ("next", "following") or dir2 in ("after", "later"):
        step = 1
    elif which in ("previous", "preceding") or dir2 in ("before", "earlier"):
        step = -1
    if det == "this" and which is None:
        return None  # "this week" etc. are rel_unit's
    base, kind = _base(ctx, narrative_first=True)
    if base is None:
        return _unresolved("DATE", "narrative:no_anchor")
    v, d = _unit_value(unit, {1: "next", -1: "last"}.get(step), base)
    if unit == "day":
        return _day_res(d, kind, None, pod, f"narrative:{which or dir2 or det}")
    return Resolution("DATE", v, None, anchor=kind, reason=f"narrative:{which or dir2 or det}")


def _recent(g, surface, ctx):
    unit, size = RECENT_SPAN[g["unit"]]
    if not ctx.dct:
        return _unresolved("DATE", "recent:no_dct")
    return Resolution("DATE", "PAST_REF", None, shift(ctx.dct, unit, -size), ctx.dct, unit_gran(unit),
                      "published", reason="recent")


def _vague_period(g, surface, ctx):
    """"the coming days", "the past weeks": DURATION PXD/PXW; the interval runs from (or to) the
    DCT over the nominal span used for "recent" (7 days, 6 weeks, 6 months, 5 years)."""
    rel, plural = g["rel"], g["unit"]
    unit, size = RECENT_SPAN[plural]
    value = duration_value(None, UNITS[plural])
    if not ctx.dct or rel in ("following", "preceding"):
        return Resolution("DURATION", value, reason=f"vague_period:{rel}")
    if rel in ("coming", "next"):
        return Resolution("DURATION", value, None, ctx.dct, shift(ctx.dct, unit, size), unit_gran(unit),
                          "published", reason="vague_period:future")
    return Resolution("DURATION", value, None, shift(ctx.dct, unit, -size), ctx.dct, unit_gran(unit),
                      "published", reason="vague_period:past")


def _reftime(g, surface, ctx):
    word = g["word"]
    if word in ("now", "currently", "at present", "nowadays", "these days", "right now",
                "at the moment", "the present"):
        if ctx.dct:
            return Resolution("DATE", "PRESENT_REF", None, ctx.dct, ctx.dct, "day", "published", reason="present_ref")
        return Resolution("DATE", "PRESENT_REF", anchor="none", reason="present_ref")
    if word in ("the future", "in the near future", "soon"):
        return Resolution("DATE", "FUTURE_REF", anchor="published" if ctx.dct else "none", reason="future_ref")
    if word in ("recently", "lately", "the past", "at the time", "formerly", "previously"):
        return Resolution("DATE", "PAST_REF", anchor="published" if ctx.dct else "none", reason="past_ref")
    return None


_SET_UNIT = {"day": "P1D", "night": "XXXX-XX-XXTNI", "week": "P1W", "weekend": "XXXX-WXX-WE",
             "fortnight": "P2W", "month": "P1M", "quarter": "P3M", "year": "P1Y", "decade": "P10Y",
             "hour": "PT1H", "minute": "PT1M", "season": "P1Y", "morning": "XXXX-XX-XXTMO",
             "afternoon": "XXXX-XX-XXTAF", "evening": "XXXX-XX-XXTEV"}
_SET_ADV = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
            "nightly": "XXXX-XX-XXTNI", "hourly": "PT1H", "quarterly": "P3M", "biannually": "P6M",
            "fortnightly": "P2W"}


def _set(g, surface, ctx):
    if g.get("adv"):
        return Resolution("SET", _SET_ADV[g["adv"]], reason="set:adverb")
    unit_word = g["unit"]
    if unit_word in WEEKDAYS:
        return Resolution("SET", f"XXXX-WXX-{WEEKDAYS[unit_word] + 1}", reason="set:weekday")
    if unit_word in SEASONS:
        return Resolution("SET", f"XXXX-{SEASONS[unit_word]}", reason="set:season")
    unit = UNITS.get(unit_word, unit_word)
    if g.get("num") or g.get("other"):
        n = _count(g.get("num")) or 1
        if g.get("other"):
            n *= 2
        return Resolution("SET", duration_value(n, unit), reason="set:every_n")
    return Resolution("SET", _SET_UNIT.get(unit, duration_value(1, unit)), reason="set:every")


def _dur(g, surface, ctx):
    unit = UNITS[g["unit"]]
    n = 0.5 if g["num"] == "half" else _count(g["num"])
    if n is not None and "and a half" in surface.lower():
        n += 0.5
    mod = APPROX_MODS.get(g.get("approx"))
    if g["num"] == "one" and unit in ("day", "night") and not mod and (g.get("lead") or surface.startswith("One")):
        # "could one day lead to", "One day in May": an unspecified day, not a duration
        return Resolution("DATE", "XXXX-XX-XX", reason="unspecified_day")
    return Resolution("DURATION", duration_value(n, unit), mod, reason="duration")


def _dur_bare(g, surface, ctx):
    return Resolution("DURATION", duration_value(None, UNITS[g["unit"]]), reason="duration:bare")


def _clock(g, surface, ctx):
    if g.get("word"):
        hh, mm = (0, 0) if g["word"] == "midnight" else (12, 0)
    else:
        hh, mm = int(g["h"]), int(g.get("mi") or 0)
        ampm = (g.get("ampm") or "").replace(".", "")
        if ampm == "pm" and hh < 12:
            hh += 12
        elif ampm == "am" and hh == 12:
            hh = 0
    base, kind = _base(ctx)
    wd = g.get("wd") or g.get("wd0")
    if base is None:
        return _unresolved("TIME", "clock:no_anchor")
    d = resolve_weekday(WEEKDAYS[wd], base, None, _direction(ctx, kind)) if wd else base
    return Resolution("TIME", f"{d.isoformat()}T{hh:02d}:{mm:02d}", None, d, d, "day", kind, reason="clock")


def _decade(g, surface, ctx):
    dec = g["dec"]
    if len(dec) != 4:
        return None
    return Resolution("DATE", dec[:3], MODS.get(g.get("mod")), anchor="none", reason="decade")


def _century(g, surface, ctx):
    n = int(g["ord"]) if g.get("ord") else CENTURY_WORDS.get(g.get("word"))
    if not n:
        return None
    return Resolution("DATE", f"{n - 1:02d}", MODS.get(g.get("mod")), anchor="none", reason="century")


def _year(g, surface, ctx):
    y = int(g["year"])
    return Resolution("DATE", f"{y:04d}", MODS.get(g.get("mod")), anchor="none", reason="year")


def _bc_year(g, surface, ctx):
    """"490 BC" -> ``BC0490`` (TimeML/TIMEX2 era prefix; no interval: ``date`` has no BC),
    "AD 43" -> ``0043``."""
    if g.get("adyear"):
        return Resolution("DATE", f"{int(g['adyear']):04d}", anchor="none", reason="year:ad")
    return Resolution("DATE", f"BC{int(g['year']):04d}", MODS.get(g.get("mod")), anchor="none", reason="year:bc")


def holiday_date(key: str, year: int, country: str | None = None) -> date | None:
    """The day of holiday ``key`` (:func:`~eventcoder.times.grammar.holiday_key`) in ``year``:
    fixed dates from ``HOLIDAYS``, Easter-based feasts by the Western or Orthodox computus
    (``dateutil.easter``), "independence day" from ``INDEPENDENCE_DAYS[country]``; None when
    it has no date (independence day of an unknown or unlisted country)."""
    if key in HOLIDAYS:
        month, day = HOLIDAYS[key]
        return date(year, month, day)
    if key in EASTER_HOLIDAYS:
        from dateutil.easter import easter

        method, shift = EASTER_HOLIDAYS[key]
        return easter(year, method) + timedelta(days=shift)
    if key == "independence day" and country in INDEPENDENCE_DAYS:
        month, day = INDEPENDENCE_DAYS[country]
        return date(year, month, day)
    return None


def _holiday(g, surface, ctx):
    """A named holiday: in the year written after it, else the one the clause's tense points
    to from the anchor: future tense (or a scheduled simple present) -> the next one on or after
    the DCT; narrative anchoring -> the nearest; otherwise the latest on or before the DCT
    ("killed ... on New Year's Eve" published 2 January -> 31 December before)."""
    key = holiday_key(g["word"])
    if g.get("year"):
        day = holiday_date(key, int(g["year"]), ctx.country)
        if day is None:
            return _unresolved("DATE", "holiday:no_country")
        return _day_res(day, "none", None, None, "holiday")
    base, kind = _base(ctx)
    if base is None:
        return _unresolved("DATE", "holiday:no_anchor")
    days = [d for y in (base.year - 1, base.year, base.year + 1)
            if (d := holiday_date(key, y, ctx.country)) is not None]
    if not days:
        return _unresolved("DATE", "holiday:no_country")
    direction = _direction(ctx, kind, ahead=True)
    if direction == "future":
        pick = min((d for d in days if d >= base), default=days[-1])
    elif direction == "narrative":
        pick = min(days, key=lambda d: (abs((d - base).days), d > base))
    else:  # news reports what happened: the latest on or before the DCT
        pick = max((d for d in days if d <= base), default=days[0])
    return _day_res(pick, kind, None, None, "holiday")


_HANDLERS = {
    "weekday": _weekday, "date_dmy": _date_dm, "date_mdy": _date_dm, "date_iso": _date_iso,
    "date_num": _date_num, "range_dm": _range, "range_md": _range, "month_year": _month_year,
    "month": _month, "season": _season, "deictic": _deictic, "this_pod": _this_pod,
    "overnight": _overnight, "weekend": _weekend, "offset": _offset, "hms": _hms,
    "fiscal": _fiscal, "edge_year": _edge_year, "vague_period": _vague_period, "yy": _yy, "bc_year": _bc_year, "edge_rel": _edge_rel, "modrel": _modrel, "past_dur": _past_dur,
    "rel_unit": _rel_unit, "quarter": _quarter, "ago": _ago, "narr": _narr, "recent": _recent,
    "reftime": _reftime, "set": _set, "dur": _dur, "dur_bare": _dur_bare, "clock": _clock,
    "decade": _decade, "century": _century, "year": _year, "holiday": _holiday,
}


def finish(res: Resolution) -> tuple[date | None, date | None, str | None]:
    """The inclusive interval and granularity of a resolution: its own ``begin``/``end`` if set,
    else the days its value covers; ``(None, None, granularity-or-None)`` when unresolvable."""
    if res.begin and res.end:
        return res.begin, res.end, res.granularity or "day"
    span = interval_of(res.value)
    if span:
        return span[0], span[1], res.granularity or span[2]
    return None, None, res.granularity or ("none" if res.value else None)
