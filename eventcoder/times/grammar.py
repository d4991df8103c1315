"""Detection rules for temporal expressions (TIMEX3 extents) in English news text.

Each rule is a named regular expression over the raw text; a match gives a candidate whose
extent is the named group ``x`` (or the whole match). Extents follow the TimeML/TIMEX3
annotation guidelines: leading prepositions ("in", "on", "since") are outside the extent;
modifiers that change the value ("late", "early", "the past", "more than") are inside. One
documented exception from the output contract: "late on Thursday" keeps "on" inside the extent
(value 2022-10-13, mod END).

The lexicon (month, weekday, unit, number words) and the rule set are our own, written after
the TIMEX3 guidelines (TimeML 1.2.1) and the kinds of expressions HeidelTime's English
resources cover; no code or data is copied from either.
"""
from __future__ import annotations

import re
from bisect import bisect_left, insort
from dataclasses import dataclass, field

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
MONTHS_FULL = {"january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december"}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
            "saturday": 5, "sunday": 6}
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100,
    "one hundred": 100, "a dozen": 12, "dozen": 12, "half a": 0.5, "half an": 0.5,
}
VAGUE_NUMBERS = ("several", "a few", "few", "a couple of", "couple of", "many", "some",
                 "a number of", "dozens of", "hundreds of", "the past few", "recent")
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3,
            "4th": 4, "final": 4, "last": 4}
UNITS = {
    "second": "second", "seconds": "second", "minute": "minute", "minutes": "minute",
    "hour": "hour", "hours": "hour", "day": "day", "days": "day", "night": "night",
    "nights": "night", "week": "week", "weeks": "week", "weekend": "weekend",
    "weekends": "weekend", "fortnight": "fortnight", "fortnights": "fortnight",
    "month": "month", "months": "month", "quarter": "quarter", "quarters": "quarter",
    "year": "year", "years": "year", "decade": "decade", "decades": "decade",
    "century": "century", "centuries": "century", "season": "season", "seasons": "season",
}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
                "midday": "MI", "noon": "MI", "overnight": "NI", "daytime": "DT"}
#: Fixed-date holidays news names (Gregorian month, day).
HOLIDAYS = {"christmas day": (12, 25), "christmas": (12, 25), "christmas eve": (12, 24),
            "new year's day": (1, 1), "new year's eve": (12, 31), "valentine's day": (2, 14),
            "halloween": (10, 31), "orthodox christmas": (1, 7), "boxing day": (12, 26),
            "may day": (5, 1), "armistice day": (11, 11), "international women's day": (3, 8),
            "orthodox christmas day": (1, 7), "orthodox christmas eve": (1, 6)}
#: Movable feasts: name -> (dateutil.easter method, days after Easter Sunday). Method 3 is the
#: Western (Gregorian) computus, 2 the Orthodox one given as a Gregorian date.
EASTER_HOLIDAYS = {"easter": (3, 0), "easter sunday": (3, 0), "easter day": (3, 0),
                   "easter monday": (3, 1), "good friday": (3, -2), "holy saturday": (3, -1),
                   "palm sunday": (3, -7), "maundy thursday": (3, -3), "ash wednesday": (3, -46),
                   "pentecost": (3, 49), "orthodox easter": (2, 0), "orthodox good friday": (2, -2)}
#: "Independence Day" by the document's country (ISO 3166-1 alpha-2; national law / official
#: calendars). A country not listed, or no country, leaves the holiday unresolved.
INDEPENDENCE_DAYS = {
    "US": (7, 4), "UA": (8, 24), "IN": (8, 15), "PK": (8, 14), "BD": (3, 26), "MX": (9, 16),
    "NG": (10, 1), "GH": (3, 6), "BY": (7, 3), "GE": (5, 26), "AM": (9, 21), "KZ": (12, 16),
    "UZ": (9, 1), "KG": (8, 31), "TJ": (9, 9), "AF": (8, 19), "SS": (7, 9), "SD": (1, 1),
    "LY": (12, 24), "DZ": (7, 5), "TN": (3, 20), "MA": (11, 18), "SO": (7, 1), "CD": (6, 30),
    "MZ": (6, 25), "AO": (11, 11), "ER": (5, 24), "RW": (7, 1), "BI": (7, 1), "UG": (10, 9),
    "ML": (9, 22), "TD": (8, 11), "NE": (8, 3), "CF": (8, 13), "ID": (8, 17), "PH": (6, 12),
    "MM": (1, 4), "LK": (2, 4), "VE": (7, 5), "CO": (7, 20), "FI": (12, 6), "PL": (11, 11),
    "EE": (2, 24), "MD": (8, 27), "XK": (2, 17), "BA": (3, 1), "LB": (11, 22), "JO": (5, 25),
    "IQ": (10, 3), "HT": (1, 1), "CY": (10, 1),
}


def holiday_key(word: str) -> str:
    """The lookup key of a matched holiday name: lower case, single spaces, straight quote."""
    return " ".join(word.lower().replace("’", "'").split())


def _alt(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_MON = r"(?:january|february|march|april|may|june|july|august|september|october|november|december|jan\.?|feb\.?|mar\.?|apr\.?|jun\.?|jul\.?|aug\.?|sept?\.?|oct\.?|nov\.?|dec\.?)"
_WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_DAYN = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?:1[0-9]\d\d|20\d\d)(?![\d,]\d)"
_NUMW = _alt([w for w in NUMBER_WORDS]) + r"|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(?:one|two|three|four|five|six|seven|eight|nine)"
_NUM = rf"(?:\d+(?:[.,]\d+)?|{_NUMW}|{_alt(VAGUE_NUMBERS)})"
_UNIT = _alt(UNITS)
_UNIT1 = r"(?:day|night|week|weekend|fortnight|month|quarter|year|decade|century)"
_REL = r"(?:last|this|next|past|coming|previous|current|following|same|upcoming)"
_MODW = r"(?:early|late|mid|earlier|later)"
_POD = r"(?:morning|afternoon|evening|night)"
_APPROX = r"(?:more\s+than|less\s+than|fewer\s+than|over|under|almost|nearly|about|around|roughly|approximately|some|at\s+least|at\s+most|up\s+to|just\s+over|just\s+under|well\s+over|only|a\s+mere|barely)"
_TZ = r"(?:\s*(?:GMT|UTC|BST|CET|CEST|EST|EDT|PST|PDT|ET|PT|local\s+time|Moscow\s+time|Kyiv\s+time))?"
_B = r"(?<![\w-])"
_E = r"(?![\w])"

# (name, pattern). Order breaks ties between equally long matches (earlier wins).
RULES: list[tuple[str, str]] = [
    ("range_dm", rf"{_B}(?:between|from)\s+(?P<x>(?P<d1>{_DAYN})\s+(?:and|to|until|-|–)\s+(?P<d2>{_DAYN})\s+(?P<mon>{_MON})(?:,?\s+(?P<year>{_YEAR}))?){_E}"),
    ("range_dm", rf"{_B}(?P<x>(?P<d1>{_DAYN})\s*(?:-|–)\s*(?P<d2>{_DAYN})\s+(?P<mon>{_MON})(?:,?\s+(?P<year>{_YEAR}))?){_E}"),
    ("range_md", rf"{_B}(?P<x>(?P<mon>{_MON})\s+(?P<d1>{_DAYN})\s*(?:-|–|to|through|and)\s*(?P<d2>{_DAYN})(?:,?\s+(?P<year>{_YEAR}))?){_E}"),
    ("date_dmy", rf"(?<![\w.,])(?P<x>(?:(?P<wd>{_WD}),?\s+)?(?:the\s+)?(?P<day>{_DAYN})\s+(?:of\s+)?(?P<mon>{_MON})(?:,?\s+(?P<year>{_YEAR}))?(?:\s+(?P<pod>{_POD}))?){_E}"),
    ("date_mdy", rf"(?<![\w.,])(?P<x>(?:(?P<wd>{_WD}),?\s+)?(?P<mon>{_MON})\s+(?P<day>{_DAYN})(?:,?\s+(?P<year>{_YEAR}))?(?:\s+(?P<pod>{_POD}))?){_E}"),
    ("date_iso", rf"{_B}(?P<x>(?P<year>\d{{4}})-(?P<mon>\d{{2}})-(?P<day>\d{{2}})){_E}"),
    ("date_num", rf"{_B}(?P<x>\d{{1,2}}/\d{{1,2}}/(?:\d{{4}}|\d{{2}})){_E}"),
    ("month_year", rf"(?<![\w.,])(?P<x>(?:(?P<mod>{_MODW})[\s-]+|(?:the\s+)?(?P<edge>end|beginning|start|middle)\s+of\s+)?(?P<mon>{_MON}),?\s+(?:of\s+)?(?P<year>{_YEAR})){_E}"),
    ("month", rf"(?P<pre>\b(?:in|on|during|since|until|till|by|from|through|to|before|after|of|and|or|for|between|since|as\s+of)\s+)?(?<![\w.,])(?P<x>(?:(?P<mod>{_MODW})[\s-]+|(?:the\s+)?(?P<edge>end|beginning|start|middle)\s+of\s+)?(?:(?P<rel>{_REL})\s+)?(?P<mon>{_MON})){_E}"),
    ("season", rf"(?P<pre>\b(?:in|during|over|by|until|since|through|for|before|after)\s+)?{_B}(?P<x>(?:(?P<mod>{_MODW})[\s-]+)?(?:(?P<the>the)\s+)?(?:(?P<rel>{_REL})\s+)?(?P<season>spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?(?P<year>{_YEAR}))?){_E}"),
    ("weekday", rf"{_B}(?P<x>(?:(?P<mod>early|late|mid)(?:\s+on)?\s+)?(?:(?P<rel>last|this|next|coming|past|previous)\s+)?(?P<wd>{_WD})(?:\s+(?P<pod>{_POD}))?)(?=['’]s\b|{_E})"),
    ("deictic", rf"{_B}(?P<x>(?:(?P<mod>early|late|earlier|later)\s+)?(?P<word>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|tonight|yesterday|tomorrow)(?:\s+(?P<pod>{_POD}))?)(?=['’]s\b|{_E})"),
    ("this_pod", rf"{_B}(?P<x>(?:(?P<mod>early|late|earlier|later)\s+)?(?P<rel>this|last|tomorrow|yesterday)\s+(?P<pod>morning|afternoon|evening|night)){_E}"),
    ("weekend", rf"(?P<pre>\b(?:over|at|during|on|by|until|through|for|since|after|before)\s+)(?P<x>the\s+weekend){_E}"),
    ("overnight", rf"{_B}(?P<x>overnight){_E}(?!\s+(?:stay|stays|visit|flight|train|curfew))"),
    ("edge_rel", rf"{_B}(?P<x>(?:the\s+)?(?P<edge>end|beginning|start|middle|first\s+half|second\s+half|turn)\s+of\s+(?:the\s+)?(?:(?P<rel>{_REL})\s+)?(?P<unit>{_UNIT1}|century)){_E}"),
    ("edge_year", rf"{_B}(?P<x>(?:the\s+)?(?P<edge>end|beginning|start|middle|first\s+half|second\s+half)\s+of\s+(?P<year>{_YEAR})){_E}"),
    ("modrel", rf"{_B}(?P<x>(?P<mod>earlier|later|early|late|mid)[\s-]+(?:in\s+)?(?P<rel>this|last|next)\s+(?P<unit>{_UNIT1})){_E}"),
    ("past_dur", rf"{_B}(?P<x>(?:(?P<approx>more\s+than|less\s+than|almost|nearly|about|around|roughly|approximately|at\s+least)\s+)?(?:the\s+)?(?P<rel>past|last|next|previous|coming|first|following|preceding)\s+(?P<num>{_NUM})\s+(?P<unit>{_UNIT})){_E}"),
    ("rel_unit", rf"{_B}(?P<x>(?:(?P<the>the)\s+)?(?P<rel>{_REL})\s+(?P<unit>{_UNIT1})){_E}"),
    ("fiscal", rf"{_B}(?P<x>(?:the\s+)?(?P<rel>this|last|next|current|previous)\s+(?:fiscal|financial)\s+year){_E}"),
    ("yy", rf"(?<![\d.,$£€])(?P<c>1[5-9]\d\d|20\d\d)[-–/](?P<x>(?P<yy>\d\d))(?![\d%\w])"),
    ("quarter", rf"{_B}(?P<x>(?:the\s+)?(?P<ord>first|second|third|fourth|final|1st|2nd|3rd|4th)[\s-]+quarter(?:\s+of\s+(?:(?P<year>{_YEAR})|(?P<rel>this|last|next)\s+year))?){_E}"),
    ("quarter", rf"{_B}(?P<x>Q(?P<qn>[1-4])(?:\s+(?P<year>{_YEAR}))?){_E}"),
    ("ago", rf"{_B}(?P<x>(?:(?P<approx>{_APPROX})\s+)?(?P<num>{_NUM})\s+(?P<unit>{_UNIT})\s+(?P<dir>ago)){_E}"),
    ("offset", rf"{_B}(?:(?P<approx>{_APPROX})\s+)?(?P<x>(?P<num>{_NUM})\s+(?P<unit>{_UNIT}))\s+(?P<dir>earlier|later|before|after|from\s+now|hence){_E}"),
    ("hms", rf"{_B}(?P<x>(?P<h>\d{{1,2}}):(?P<mi>[0-5]\d):(?P<s>[0-5]\d)){_E}"),
    ("narr", rf"{_B}(?P<x>(?:the|that|this)\s+(?P<which>next|following|previous|preceding|same|very\s+same)?\s*(?P<unit>day|night|morning|week|month|year|weekend)(?:\s+(?P<dir2>before|after|earlier|later))?){_E}"),
    ("vague_period", rf"{_B}(?P<x>(?:the\s+)?(?P<rel>coming|next|past|last|previous|following|preceding)\s+(?P<unit>days|weeks|months|years|decades)){_E}"),
    ("recent", rf"{_B}(?P<x>recent\s+(?P<unit>days|weeks|months|years|decades)){_E}"),
    ("reftime", rf"{_B}(?P<x>(?P<word>now|currently|at\s+present|nowadays|these\s+days|right\s+now|at\s+the\s+moment|the\s+present|the\s+past|the\s+future|in\s+the\s+near\s+future|at\s+the\s+time)){_E}"),
    ("set", rf"{_B}(?P<x>(?P<q>every|each)\s+(?P<other>other\s+)?(?:(?P<num>{_NUM})\s+)?(?P<unit>{_UNIT}|{_WD}|morning|afternoon|evening|night|spring|summer|autumn|winter)){_E}"),
    ("set", rf"{_B}(?P<x>(?P<adv>daily|weekly|monthly|annually|yearly|nightly|hourly|quarterly|biannually|fortnightly)){_E}"),
    ("set", rf"{_B}(?P<x>(?P<times>once|twice|thrice|(?:{_NUM})\s+times)\s+(?:a|an|per|each|every)\s+(?P<unit>{_UNIT1}|hour)){_E}"),
    ("dur", rf"(?P<lead>\b(?:could|would|might|may|will|can|should|must)\s+)?{_B}(?P<x>(?:(?P<approx>{_APPROX})\s+)?(?:(?P<the>the)\s+)?(?P<num>{_NUM})[\s-]+(?P<unit>{_UNIT})(?:\s+and\s+a\s+half)?(?:['’](?!\w))?(?:\s+(?P<long>long))?){_E}(?!-old|\s+old)"),
    ("dur", rf"{_B}(?P<x>(?:(?P<approx>{_APPROX})\s+)?(?P<num>half)\s+(?:an?\s+)?(?P<unit>hour|day|year|century|decade|month)){_E}"),
    ("dur_bare", rf"(?P<pre>\b(?:for|over|in|within|lasting|taking|took|spent)\s+)(?P<x>(?P<unit>minutes|hours|days|weeks|months|years|decades|centuries)){_E}(?!\s+(?:of|ago|later|earlier))"),
    ("dur_bare", rf"(?<!the\s)(?<!these\s)(?<!those\s){_B}(?P<x>(?P<unit>minutes|hours|days|weeks|months|years))\s+(?:before|after|later|earlier){_E}"),
    ("dur_bare", rf"(?P<pre>\b(?:take|takes|took|taken|taking|last|lasts|lasted|lasting)\s+)(?P<x>(?P<unit>minutes|hours|days|weeks|months|years|decades)){_E}"),
    ("clock", rf"{_B}(?P<x>(?:(?P<wd0>{_WD})\s+(?:at\s+)?)?(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ampm>a\.m\.|p\.m\.|am|pm)(?![a-z]){_TZ}(?:\s+(?:on\s+)?(?P<wd>{_WD}))?){_E}"),
    ("clock", rf"{_B}(?P<x>(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?!:\d)(?P<tz>{_TZ})(?:\s+(?:on\s+)?(?P<wd>{_WD}))?){_E}"),
    ("clock", rf"{_B}(?P<x>(?P<word>noon|midnight|midday)(?:\s+(?:on\s+)?(?P<wd>{_WD}))?){_E}"),
    ("decade", rf"{_B}(?P<x>(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?(?P<dec>(?:1[0-9]|20)?\d0)['’]?s){_E}"),
    ("century", rf"{_B}(?P<x>(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?(?P<ord>\d{{1,2}})(?:st|nd|rd|th)[\s-]+century){_E}"),
    ("century", rf"{_B}(?P<x>(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?(?P<word>nineteenth|twentieth|twenty-first|eighteenth|seventeenth|sixteenth)[\s-]+century){_E}"),
    ("year", rf"(?P<pre>\b(?:in|since|until|till|by|from|to|of|during|before|after|between|and|through|around|circa|year|fiscal|early|late|mid|the)\s+)?(?<![\w$£€.,])(?P<x>(?:(?P<mod>early|late|mid)[\s-]+)?(?:(?P<fiscal>fiscal(?:\s+year)?|FY)\s*)?(?P<year>{_YEAR})){_E}(?!['’]s\b|\s*(?:%|percent|km|kilometres|kilometers|miles|metres|meters|tonnes|tons|dollars|people|troops|soldiers|residents|times|-[a-z]))"),
    ("bc_year", rf"{_B}(?P<x>(?:(?P<mod>early|late|mid)[\s-]+)?(?P<year>\d{{1,4}})\s*(?P<era>BC|B\.C\.|BCE|B\.C\.E\.)(?!\w)|(?:AD|A\.D\.)\s*(?P<adyear>\d{{1,4}}){_E})"),
    ("holiday", rf"{_B}(?P<x>(?P<word>(?:orthodox\s+)?christmas(?:\s+day|\s+eve)?|new\s+year['’]s\s+day|new\s+year['’]s\s+eve|valentine['’]s\s+day|halloween|boxing\s+day|may\s+day|armistice\s+day|international\s+women['’]s\s+day|(?:orthodox\s+)?easter(?:\s+sunday|\s+day|\s+monday)?|(?:orthodox\s+)?good\s+friday|holy\s+saturday|palm\s+sunday|maundy\s+thursday|ash\s+wednesday|pentecost|independence\s+day)(?:\s+(?P<year>{_YEAR}))?){_E}"),
]

COMPILED = [(name, re.compile(pattern, re.IGNORECASE)) for name, pattern in RULES]

# Words that must be capitalised in the text to count (month and weekday names; "may",
# "march" and "fall" are also common words).
_CAPITALISED = re.compile(rf"^(?:{_MON}|{_WD})$", re.IGNORECASE)


@dataclass
class Candidate:
    """A matched temporal expression: extent ``[start, end)`` (chars), rule name, the regex
    groups (lower-cased, whitespace-normalised), and the rule's priority (lower wins ties)."""

    start: int
    end: int
    rule: str
    groups: dict = field(default_factory=dict)
    priority: int = 0
    match_len: int = 0  # length of the whole rule match (context words included)

    @property
    def length(self) -> int:
        return self.end - self.start


def _norm(s: str | None) -> str | None:
    return None if s is None else re.sub(r"\s+", " ", s.strip().lower())


def _capitalised_ok(text: str, match: re.Match) -> bool:
    for name in ("mon", "wd"):
        try:
            s, e = match.span(name)
        except IndexError:
            continue
        if s < 0:
            continue
        word = text[s:e]
        if not word[:1].isupper():
            return False
        # Month abbreviations without a dot need a day number or a year next to them
        # ("Oct 13", "Oct 2022"); "Mar" or "Jun" alone is too ambiguous.
        if name == "mon" and word.lower() not in MONTHS_FULL and not word.endswith("."):
            groups = match.groupdict()
            if not (groups.get("day") or groups.get("d1") or groups.get("year")):
                return False
    return True


# Every rule's match contains one of its family's trigger words: each rule only runs in
# windows around its triggers, which keeps detection a few percent of the parse time.
_MONTH_WORDS = set(MONTHS) | {"sept"}
_WORD_TRIGGERS = {
    "spring", "summer", "autumn", "fall", "winter", "today", "tonight", "yesterday", "tomorrow",
    "overnight", "now", "currently", "present", "nowadays", "moment", "past", "future", "time",
    "morning", "afternoon", "evening", "night", "daily", "weekly", "monthly", "annually",
    "yearly", "nightly", "hourly", "quarterly", "biannually", "fortnightly", "christmas",
    "halloween", "valentine", "year", "noon", "midnight", "midday", "century", "bc", "bce", "ad",
    "fy", "q1", "q2", "q3", "q4", "quarter", "nineteenth", "twentieth", "eighteenth",
    "seventeenth", "sixteenth", "twenty",
    # holidays (HOLIDAYS, EASTER_HOLIDAYS, "Independence Day")
    "easter", "pentecost", "day", "eve", "friday", "saturday", "sunday", "monday", "thursday",
    "wednesday",
}
_FAMILY_WORDS = {
    "mon": _MONTH_WORDS,
    "wd": set(WEEKDAYS),
    "unit": set(UNITS) | set(WEEKDAYS) | {"morning", "afternoon", "evening", "spring", "summer", "autumn", "winter"},
    "word": _WORD_TRIGGERS,
}
_RULE_FAMILY = {
    "range_dm": "mon", "range_md": "mon", "date_dmy": "mon", "date_mdy": "mon", "month_year": "mon",
    "month": "mon", "weekday": "wd", "date_iso": "digit", "date_num": "digit", "yy": "digit",
    "hms": "digit", "decade": "digit", "year": "digit", "past_dur": "unit", "rel_unit": "unit",
    "ago": "unit", "offset": "unit", "dur": "unit", "dur_bare": "unit", "edge_rel": "unit",
    "modrel": "unit", "edge_year": "digit", "narr": "unit", "recent": "unit", "vague_period": "unit", "fiscal": "unit", "weekend": "unit",
    "quarter": "unit_or_word_or_digit", "set": "unit_or_word", "clock": "digit_or_word",
    "century": "word_or_digit", "bc_year": "digit",
}
_TOKEN = re.compile(r"[A-Za-z]+\d?|\d+")
_WINDOW = 50  # chars either side of a trigger; longer than any rule's reach around it


def _trigger_hits(text: str) -> dict[str, list[tuple[int, int]]]:
    """Spans of trigger words per family (one tokenizing pass, set look-ups)."""
    hits: dict[str, list[tuple[int, int]]] = {f: [] for f in ("mon", "wd", "unit", "word", "digit")}
    for m in _TOKEN.finditer(text):
        tok = m.group()
        if tok[0].isdigit():
            hits["digit"].append(m.span())
            continue
        low = tok.lower()
        for family, words in _FAMILY_WORDS.items():
            if low in words:
                hits[family].append(m.span())
    return hits


def _windows(text: str, family: str, hits: dict) -> list[tuple[int, int]]:
    """Merged ``(pos, endpos)`` windows around the family's trigger words, cut at whitespace."""
    spans_in: list[tuple[int, int]] = []
    for part in family.split("_or_"):
        spans_in.extend(hits[part])
    spans_in.sort()
    spans: list[tuple[int, int]] = []
    n = len(text)
    for s, e in spans_in:
        a, b = max(0, s - _WINDOW), min(n, e + _WINDOW)
        if spans and a <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], b))
            continue
        while a > 0 and not text[a - 1].isspace():
            a -= 1
        spans.append((a, b))
    # cut every window end at whitespace so no word is split
    out = []
    for a, b in spans:
        while b < n and not text[b].isspace():
            b += 1
        out.append((a, b))
    return out


def find_candidates(text: str) -> list[Candidate]:
    """All rule matches in ``text`` (possibly overlapping), as :class:`Candidate`s with extents
    in chars (end exclusive)."""
    out: list[Candidate] = []
    cache: dict[str, list[tuple[int, int]]] = {}
    hits = _trigger_hits(text)
    for priority, (name, regex) in enumerate(COMPILED):
        family = _RULE_FAMILY.get(name, "word")
        if family not in cache:
            cache[family] = _windows(text, family, hits)
        for m in (m for a, b in cache[family] for m in regex.finditer(text, a, b)):
            if "x" in m.groupdict() and m.group("x") is not None:
                start, end = m.span("x")
            else:
                start, end = m.span()
            if start == end or not _capitalised_ok(text, m):
                continue
            groups = {k: _norm(v) for k, v in m.groupdict().items() if v is not None and k != "x"}
            # only the offset rule's context words ("later", "earlier") make it win over the
            # bare duration; other rules compete on their extent
            match_len = m.end() - m.start() if name == "offset" else end - start
            out.append(Candidate(start, end, name, groups, priority, match_len))
    return out


def select(cands: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: longest first, then lower priority number; sorted by start."""
    chosen: list[Candidate] = []
    taken: list[tuple[int, int]] = []  # chosen extents, sorted by start (they never overlap)
    empty = False  # an empty extent was chosen: fall back to testing every chosen extent
    for c in sorted(cands, key=lambda c: (-max(c.length, c.match_len), c.priority, c.start)):
        k = bisect_left(taken, (c.start, c.start))
        # for non-empty disjoint extents, the one starting at/after c.start and the one just
        # before it are the only ones that can overlap c
        near = taken if empty or c.start >= c.end else taken[max(k - 1, 0) : k + 1]
        if any(c.start < e and s < c.end for s, e in near):
            continue
        chosen.append(c)
        insort(taken, (c.start, c.end))
        empty = empty or c.start >= c.end
    return sorted(chosen, key=lambda c: c.start)


def number(word: str | None) -> float | None:
    """A count from digits or an English number word ("three", "twenty-one", "a", "half a");
    None for vague counts ("several", "a few") and unknown words."""
    if word is None:
        return None
    w = word.lower().strip()
    if re.fullmatch(r"\d+(?:,\d{3})*", w):
        return float(w.replace(",", ""))
    if re.fullmatch(r"\d+\.\d+", w):
        return float(w)
    if w in NUMBER_WORDS:
        return float(NUMBER_WORDS[w])
    if "-" in w:
        a, _, b = w.partition("-")
        if a in NUMBER_WORDS and b in NUMBER_WORDS:
            return float(NUMBER_WORDS[a] + NUMBER_WORDS[b])
    return None


def month_number(word: str) -> int:
    """1..12 for an English month name or abbreviation (with or without a dot)."""
    return MONTHS[word.lower().rstrip(".")]
