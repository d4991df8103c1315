"""Stage quantities: counted amounts with their unit, bound and approximation.

Reads the spaCy parse (``analysis.doc``) and the times already found (``analysis.result.times``)
and adds :class:`~eventcoder.model.Quantity` records (``Q1``... in text order).

What counts as a quantity
    A number (digits ``600``, ``2,200``, ``1.5 million``; number words ``three``,
    ``twenty-five``, ``a dozen``; vague counts ``dozens``, ``hundreds``, ``thousands``,
    ``scores``, ``tens of thousands``) with:

    - ``unit``: a measurement unit from :data:`MEASURE_UNITS` (``km``, ``mile``, ``tonne``,
      ``percent``, currency codes ...) when one is written beside the number (``2,200km-long``,
      ``15 miles``, ``40%``), else the counted noun from the dependency parse, as its singular
      lemma (``more than 600 settlements`` -> ``settlement``; ``dozens of Ukrainian POWs`` ->
      ``POW``). A bare number introduced by "including"/"of which"/"among them" after another
      quantity of the same sentence inherits that quantity's unit ("600 settlements, including
      75 in Kherson" -> 75 ``settlement``). Otherwise ``None``.
    - ``bound`` (one of :data:`eventcoder.model.BOUNDS`), from the modifier before the number
      (:data:`BOUND_CUES`). Choices: "more than/over/above/in excess of" ``>``; "at least/no
      fewer than" ``>=``; "fewer than/less than/under/below/nearly/almost" ``<`` ("nearly 600"
      is below 600 and close to it, so it is also ``approximate``); "up to/at most/no more
      than/as many as" ``<=``; "about/around/some/roughly/approximately/an estimated/close to"
      ``~`` and ``approximate``. Without a modifier ``=``.
    - vague counts take a conservative lower bound, ``approximate`` and bound ``>=``, the
      numbers ACLED codes vague fatality counts with (ACLED FAQ on fatalities: "tens" 10,
      "dozens" 12, "hundreds" 100), the same as the store's fatalities and the ACLED export
      (``eventcoder/store/flatten.py``, docs/store.md): tens 10, dozens 12, hundreds 100,
      thousands 1000, tens of thousands 10000, hundreds of thousands 100000, millions 1000000;
      "scores" 20; "a dozen" is 12 ``~``. :data:`VAGUE_COUNTS` is the one table: the store
      reads the Quantity's value and only falls back to this table for a quantity without one.
    - a number with no counted noun, followed by "dead", "wounded", "injured" or "missing"
      ("left dozens dead") takes that word as its unit (``dead``).
    - ranges "10 to 15", "10-15", "between 10 and 15": ``value`` 10, ``high`` 15.

What is not a quantity
    Years, dates, clock times, ordinals ("first", "3rd"), durations ("three days": the times
    stage owns them), numbers inside names ("F-16", "G7", "Covid-19") and the pronoun "one"
    ("one of four provinces"). A number that overlaps a spaCy DATE/TIME entity or a time of
    ``analysis.result.times`` is skipped unless a measurement unit is written beside it (spaCy
    tags "2,200km-long" DATE).

No network, no model beyond the spaCy parse; rules are our own.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from ..model import Quantity

NAME = "quantities"
REQUIRES = ("doc",)
ASSIGNS = ("quantities",)

# Number words (cardinal) -> value.
_UNITS_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000,
           "k": 1000}
#: Vague plural counts -> conservative lower value. Source: the ACLED FAQ on fatalities ("How
#: does ACLED code fatalities?": "tens" -> 10, "dozens" -> 12, "hundreds" -> 100, "and so on").
#: ACLED codes the plural as ONE of its unit (dozens 12, not the literal two-dozen minimum 24),
#: so the same rule gives "scores" 20 (one score), "thousands" 1000, "tens of thousands" 10000.
#: The single source of these numbers: ``eventcoder.store.flatten`` (store fatalities, ACLED
#: export) builds its fallback patterns from this dict.
VAGUE_COUNTS = {
    "tens": 10, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000,
    "millions": 1_000_000, "billions": 1_000_000_000, "tens of thousands": 10_000,
    "hundreds of thousands": 100_000, "tens of millions": 10_000_000,
    "hundreds of millions": 100_000_000,
}
#: Predicate adjectives/participles counted as the unit of a bare number ("left dozens dead").
STATE_UNITS = {"dead": "dead", "wounded": "wounded", "injured": "injured", "missing": "missing"}
_ORDINALS = {
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
    "eighteenth", "nineteenth", "twentieth", "thirtieth", "fortieth", "fiftieth", "hundredth",
    "thousandth", "millionth", "last",
}

#: Modifier before a number -> (bound, approximate). Longest match wins.
BOUND_CUES: dict[str, tuple[str, bool]] = {
    "more than": (">", False), "over": (">", False), "above": (">", False),
    "in excess of": (">", False), "upwards of": (">", False), "just over": (">", False),
    "well over": (">", False), "greater than": (">", False),
    "at least": (">=", False), "no fewer than": (">=", False), "no less than": (">=", False),
    "a minimum of": (">=", False),
    "fewer than": ("<", False), "less than": ("<", False), "under": ("<", False),
    "below": ("<", False), "just under": ("<", False),
    "nearly": ("<", True), "almost": ("<", True), "close to": ("~", True),
    "up to": ("<=", False), "at most": ("<=", False), "no more than": ("<=", False),
    "as many as": ("<=", False), "a maximum of": ("<=", False),
    "about": ("~", True), "around": ("~", True), "some": ("~", True), "roughly": ("~", True),
    "approximately": ("~", True), "an estimated": ("~", True), "estimated": ("~", True),
    "approx.": ("~", True), "circa": ("~", True), "c.": ("~", True), "or so": ("~", True),
}
_MAX_CUE_WORDS = 3

#: Measurement units written beside a number -> normalised unit. Sources: SI / common press
#: usage (km, tonnes), ISO 4217 codes for currency symbols.
MEASURE_UNITS: dict[str, str] = {
    "km": "km", "kms": "km", "kilometre": "km", "kilometres": "km", "kilometer": "km",
    "kilometers": "km", "mile": "mile", "miles": "mile", "mi": "mile",
    "m": "m", "metre": "m", "metres": "m", "meter": "m", "meters": "m",
    "cm": "cm", "mm": "mm", "ft": "foot", "feet": "foot", "foot": "foot",
    "sq km": "km2", "km2": "km2", "hectare": "hectare", "hectares": "hectare", "ha": "hectare",
    "acre": "acre", "acres": "acre",
    "tonne": "tonne", "tonnes": "tonne", "ton": "tonne", "tons": "tonne", "t": "tonne",
    "kg": "kg", "kilogram": "kg", "kilograms": "kg", "kilo": "kg", "kilos": "kg",
    "litre": "litre", "litres": "litre", "liter": "litre", "liters": "litre",
    "barrel": "barrel", "barrels": "barrel", "bpd": "barrel per day",
    "mw": "MW", "gw": "GW", "kw": "kW", "kwh": "kWh",
    "%": "percent", "percent": "percent", "per cent": "percent", "pc": "percent",
    "mph": "mph", "km/h": "km/h", "kph": "km/h", "knots": "knot", "knot": "knot",
}
_CURRENCY = {"$": "USD", "£": "GBP", "€": "EUR", "₴": "UAH", "₽": "RUB", "¥": "JPY"}
_CURRENCY_WORDS = {"dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR",
                   "pounds": "GBP", "hryvnias": "UAH", "hryvnia": "UAH", "roubles": "RUB",
                   "rubles": "RUB", "rouble": "RUB", "ruble": "RUB"}

_DIGITS = re.compile(r"^(?P<cur>[$£€₴₽¥])?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
                     r"(?P<suf>[a-zA-Z%/²]+)?$")
_ORDINAL_DIGITS = re.compile(r"^\d+(st|nd|rd|th)$", re.I)
_INHERIT_CUES = ("including", "of which", "among them", "among whom", "of them", "incl")
_SKIP_ENTS = {"PERSON", "ORG", "GPE", "FAC", "PRODUCT", "LAW", "EVENT", "WORK_OF_ART", "LOC",
              "NORP", "LANGUAGE"}


@dataclass
class _Num:
    """A number found at tokens ``[i, j)``; ``value`` numeric; ``unit`` if written inside."""

    i: int
    j: int
    value: float
    unit: str | None = None
    vague: bool = False
    approximate: bool = False


def _as_number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def word_number(words: list[str]) -> float | None:
    """Value of number words (``["two", "hundred"]`` -> 200, ``["twenty-five"]`` -> 25,
    ``["a", "dozen"]`` -> 12); None if they are not a cardinal number."""
    total, current, seen = 0.0, 0.0, False
    for raw in words:
        for w in raw.lower().split("-"):
            if not w:
                continue
            if w in ("a", "an") and not seen:
                current = 1.0
                continue
            if w == "and" and seen:
                continue
            if w == "dozen":
                current = (current or 1.0) * 12
            elif w in _UNITS_WORDS:
                current += _UNITS_WORDS[w]
            elif w in ("hundred",):
                current = (current or 1.0) * 100
            elif w in ("thousand", "million", "billion", "trillion"):
                total += (current or 1.0) * _SCALES[w]
                current = 0.0
            else:
                return None
            seen = True
    return total + current if seen else None


def _digit_value(text: str) -> tuple[float, str | None, str | None] | None:
    """``"2,200km"`` -> (2200.0, "km", None); ``"$5bn"`` -> (5e9, None, "USD")."""
    m = _DIGITS.match(text)
    if not m:
        return None
    value = float(m.group("num").replace(",", ""))
    suffix = (m.group("suf") or "").lower()
    unit = None
    if suffix:
        if suffix in ("bn", "m", "mn", "k") and m.group("cur"):
            value *= _SCALES[suffix]
        elif suffix in MEASURE_UNITS:
            unit = MEASURE_UNITS[suffix]
        elif suffix in _SCALES:
            value *= _SCALES[suffix]
        else:
            return None  # "16th", "7s", "G7"-like: not a plain quantity
    currency = _CURRENCY.get(m.group("cur") or "")
    return value, unit, currency


def _find_numbers(doc) -> list[_Num]:
    """Scan the tokens for number groups (digits, number words, vague counts)."""
    found: list[_Num] = []
    n = len(doc)
    i = 0
    while i < n:
        tok = doc[i]
        low = tok.lower_
        # vague multi-word counts first: "tens of thousands", "hundreds of thousands"
        if low in ("tens", "hundreds") and i + 2 < n and doc[i + 1].lower_ == "of" and \
                doc[i + 2].lower_ in ("thousands", "millions"):
            found.append(_Num(i, i + 3, VAGUE_COUNTS[f"{low} of {doc[i + 2].lower_}"], vague=True))
            i += 3
            continue
        if low in VAGUE_COUNTS and tok.tag_ in ("NNS", "NNPS", "CD"):
            # "dozens of", "thousands of", "hundreds fled": plural count nouns
            found.append(_Num(i, i + 1, VAGUE_COUNTS[low], vague=True))
            i += 1
            continue
        if low in _ORDINALS or _ORDINAL_DIGITS.match(tok.text):
            i += 1
            continue
        dv = _digit_value(tok.text)
        currency = None
        if dv is None and tok.text in _CURRENCY and i + 1 < n:
            dv2 = _digit_value(doc[i + 1].text)
            if dv2 is not None:
                value, unit, _ = dv2
                found_num = _Num(i, i + 2, value, unit=_CURRENCY[tok.text])
                j = i + 2
                if j < n and doc[j].lower_ in ("million", "billion", "thousand", "bn", "m", "mn"):
                    found_num.value *= _SCALES[doc[j].lower_]
                    found_num.j = j + 1
                found.append(found_num)
                i = found_num.j
                continue
        if dv is not None:
            value, unit, currency = dv
            j = i + 1
            # "1.5 million", "2 billion"
            while j < n and doc[j].lower_ in ("million", "billion", "thousand", "trillion", "bn", "mn"):
                value *= _SCALES[doc[j].lower_]
                j += 1
            found.append(_Num(i, j, value, unit=unit or currency))
            i = j
            continue
        if low in _UNITS_WORDS or low in ("hundred", "thousand", "million", "billion", "dozen") or \
                (low in ("a", "an") and i + 1 < n and doc[i + 1].lower_ in ("dozen", "hundred", "thousand", "million")) or \
                ("-" in low and word_number([low]) is not None):
            j = i + 1
            words = [tok.text]
            while j < n:
                nxt = doc[j].lower_
                if nxt in _UNITS_WORDS or nxt in ("hundred", "thousand", "million", "billion", "dozen") or \
                        ("-" in nxt and word_number([nxt]) is not None) or nxt == "-":
                    words.append(doc[j].text if nxt != "-" else "")
                    j += 1
                elif nxt == "and" and j + 1 < n and doc[j + 1].lower_ in _UNITS_WORDS and \
                        words and words[-1].lower() in ("hundred", "thousand"):
                    j += 1
                else:
                    break
            while words and words[-1] == "":
                words.pop()
                j -= 1
            value = word_number([w for w in words if w])
            if value is not None:
                approx = words[-1].lower() == "dozen" and words[0].lower() in ("a", "an")
                found.append(_Num(i, j, value, approximate=approx))
                i = j
                continue
        i += 1
    return found


def _match_cue_before(doc, i: int, lo: int) -> tuple[int, str] | None:
    """The longest :data:`BOUND_CUES` phrase ending just before token ``i`` (not before ``lo``)."""
    for size in range(_MAX_CUE_WORDS, 0, -1):
        k = i - size
        if k < lo:
            continue
        phrase = " ".join(t.lower_ for t in doc[k:i])
        if phrase in BOUND_CUES:
            return k, phrase
    return None


def _singular(tok) -> str:
    """The counted noun as a singular lemma (``POWs`` -> ``POW``, ``settlements`` -> ``settlement``)."""
    lemma = tok.lemma_ or tok.text
    if tok.text.endswith("s") and tok.text[:-1].isupper() and len(tok.text) > 2:
        return tok.text[:-1]  # acronyms: "POWs" -> "POW", "IDPs" -> "IDP"
    if tok.tag_ in ("NNS", "NNPS") and lemma == tok.text and len(lemma) > 3 and lemma.endswith("s"):
        lemma = lemma[:-1]
    if tok.tag_ in ("NNP", "NNPS") or lemma.isupper():
        return lemma
    return lemma.lower()


_DURATION_NOUNS = {"year", "years", "day", "days", "week", "weeks", "month", "months", "hour",
                   "hours", "minute", "minutes", "decade", "decades", "century", "o'clock"}
_CALENDAR_WORD = re.compile(
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|"
    r"june|july|august|september|october|november|december)", re.I)


def _timelike(tok, in_time=None) -> bool:
    """A token of a time expression (spaCy DATE/TIME, a TIMEX of the times stage when
    ``in_time`` is given, a weekday or month name): never a counted noun. Duration nouns
    ("three days") are left to the caller, which skips the whole number."""
    if tok.lower_ in _DURATION_NOUNS:
        return False
    return tok.ent_type_ in ("DATE", "TIME") or bool(in_time and in_time(tok.idx)) or \
        bool(_CALENDAR_WORD.fullmatch(tok.text))


def _counted_noun(doc, num: _Num, in_time=None):
    """The token of the counted noun for ``num`` (or None), from the dependency parse.
    ``in_time(char)``: whether a char lies in a time expression (such tokens are skipped)."""
    last = doc[num.j - 1]
    head = last.head
    # "dozens of POWs", "thousands of people", "10 of them"
    for t in (last, doc[num.i]):
        for child in t.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs and objs[0].pos_ in ("NOUN", "PROPN") and not _timelike(objs[0], in_time):
                    return objs[0]
    if last.dep_ in ("nummod", "quantmod", "amod", "compound", "npadvmod") and head.i >= num.j and \
            head.pos_ in ("NOUN", "PROPN") and head.i - num.j <= 4 and not _timelike(head, in_time):
        return head
    # parse slips: the next noun right after the number ("three settlements")
    k = num.j
    while k < len(doc) and k - num.j <= 3 and doc[k].pos_ in ("ADJ", "NOUN", "PROPN", "ADV", "VERB", "PUNCT") \
            and doc[k].text not in (",", ".", ";", ":", "(", ")"):
        if _timelike(doc[k], in_time):
            break  # "left dozens dead last Friday": the time is not what is counted
        if doc[k].pos_ in ("NOUN", "PROPN") and doc[k].tag_ in ("NNS", "NNPS", "NN", "NNP") and \
                (k + 1 >= len(doc) or doc[k + 1].pos_ not in ("NOUN", "PROPN")):
            return doc[k]
        k += 1
    return None


_TEMPORAL = re.compile(
    r"\b(?:(?:1[89]|20)\d\d|\d{1,2}[/.]\d{1,2}|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|day|days|week|weeks|month|months|"
    r"year|years|decade|decades|century|centuries|hour|hours|minute|minutes|ago|am|pm|"
    r"a\.m\.|p\.m\.|o'clock|night|nights|morning|evening|season)",
    re.I,
)


def _looks_temporal(span_text: str) -> bool:
    """True if a spaCy DATE/TIME entity really names a time (spaCy also tags "Between 10 and
    15" or "2,200km-long" DATE)."""
    return bool(_TEMPORAL.search(span_text))


def extract_quantities(doc, times: list | None = None) -> list[Quantity]:
    """Quantities of a spaCy ``doc`` (ids ``Q1``... in text order). ``times`` are
    :class:`~eventcoder.model.TimeExpr` records whose spans are not quantities."""
    text = doc.text
    skip = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    skip += [(t.start, t.end, "TIMEX") for t in (times or [])]
    # skip spans sorted by start (original position kept for the order of ``overlapping``): each
    # number looks only at the spans near it instead of all spans of the document
    skip_order = sorted(range(len(skip)), key=lambda i: skip[i][0])
    skip_starts = [skip[i][0] for i in skip_order]
    skip_longest = max((e - s for s, e, _ in skip), default=0)
    time_spans = sorted((t.start, t.end) for t in (times or []))
    time_starts = [s for s, _ in time_spans]

    def in_time(char: int) -> bool:
        """Whether ``char`` lies inside a time expression of the times stage."""
        k = bisect_left(time_starts, char + 1) - 1
        return k >= 0 and time_spans[k][0] <= char < time_spans[k][1]
    quantities: list[Quantity] = []
    by_sentence_unit: dict[int, str] = {}
    consumed = 0
    for num in _find_numbers(doc):
        first, last = doc[num.i], doc[num.j - 1]
        start, end = first.idx, last.idx + len(last.text)
        sent = first.sent
        # measurement unit as the next token ("15 miles", "40 %", "2,200 km")
        unit = num.unit
        k = num.j
        if unit is None and k < len(doc):
            nxt = doc[k].lower_
            two = f"{nxt} {doc[k + 1].lower_}" if k + 1 < len(doc) else ""
            if two in MEASURE_UNITS:
                unit, k = MEASURE_UNITS[two], k + 2
            elif nxt in MEASURE_UNITS:
                # one-letter units ("m", "t") only when written on the number ("15m")
                if nxt not in ("m", "t", "mi", "ha", "pc") or doc[k - 1].whitespace_ == "":
                    unit, k = MEASURE_UNITS[nxt], k + 1
            elif nxt in _CURRENCY_WORDS:
                unit, k = _CURRENCY_WORDS[nxt], k + 1
        measured = unit is not None
        # exclusions
        if num.i < consumed:
            continue  # the upper end of a range already taken
        near = sorted(skip_order[bisect_left(skip_starts, start - skip_longest) : bisect_left(skip_starts, end)])
        overlapping = [(lab, s, e) for s, e, lab in (skip[i] for i in near) if s < end and start < e]
        if not measured and any(
            lab == "TIMEX" or (lab in ("DATE", "TIME") and _looks_temporal(text[s:e]))
            for lab, s, e in overlapping
        ):
            continue
        overlapping = [lab for lab, _, _ in overlapping]
        if any(lab in _SKIP_ENTS for lab in overlapping):
            continue
        if first.i > 0 and doc[first.i - 1].text in ("-", "/") and doc[first.i - 1].whitespace_ == "" \
                and first.i > 1 and doc[first.i - 2].is_alpha:
            continue  # "F-16", "Su-25", "Covid-19"
        if last.i + 1 < len(doc) and doc[last.i + 1].text == ":" and last.i + 2 < len(doc) and \
                doc[last.i + 2].text[:1].isdigit():
            continue  # clock time 10:30
        if re.fullmatch(r"(1[89]|20)\d\d", first.text) and not measured and num.j - num.i == 1:
            noun = _counted_noun(doc, num)
            if noun is None:
                continue  # a year
        if first.lower_ == "one" and num.j - num.i == 1 and not measured:
            nxt = doc[num.j] if num.j < len(doc) else None
            if nxt is None or nxt.lower_ in ("of", "another", ",", ".") or nxt.pos_ not in ("NOUN", "PROPN", "ADJ"):
                continue  # pronominal "one of four provinces"
        # bound from the modifier before
        bound, approximate = "=", num.approximate
        cue = _match_cue_before(doc, num.i, sent.start)
        if cue is not None:
            k0, phrase = cue
            bound, approx_cue = BOUND_CUES[phrase]
            approximate = approximate or approx_cue
            # "some" is only a cue before digits or number words, not "some of"
            start = doc[k0].idx
        if num.vague:
            bound, approximate = (">=" if bound == "=" else bound), True
        elif num.approximate and bound == "=":
            bound = "~"
        # trailing "or so"
        if num.j + 1 < len(doc) and doc[num.j].lower_ == "or" and doc[num.j + 1].lower_ == "so":
            bound, approximate = "~", True
        # range: "10 to 15", "10-15", "between 10 and 15"
        high = None
        r = num.j
        if r + 1 < len(doc) and doc[r].lower_ in ("to", "-", "–", "and", "or") :
            between = num.i > 0 and doc[num.i - 1].lower_ == "between"
            if doc[r].lower_ in ("to", "-", "–") or (doc[r].lower_ == "and" and between):
                nxt_val = _digit_value(doc[r + 1].text)
                hv = nxt_val[0] if nxt_val else word_number([doc[r + 1].text])
                if hv is not None and hv > num.value:
                    high = hv
                    last = doc[r + 1]
                    end = last.idx + len(last.text)
                    if between:
                        start = min(start, doc[num.i - 1].idx)
                    k = max(k, r + 2)
                    consumed = r + 2
        # counted noun
        if measured:
            end = max(end, doc[k - 1].idx + len(doc[k - 1].text))
            # "2,200km-long": keep "-long" outside; the unit is km
        else:
            probe = _Num(num.i, (last.i + 1) if high is not None else num.j, num.value)
            noun = _counted_noun(doc, probe, in_time)
            if noun is not None and noun.i >= probe.j and noun.sent == sent:
                unit = _singular(noun)
                end = max(end, noun.idx + len(noun.text))
            elif noun is not None and noun.i >= num.j:
                unit = _singular(noun)
            elif noun is None:
                before = text[sent.start_char:doc[num.i].idx].lower().rstrip(" ,")
                state = doc[probe.j] if probe.j < len(doc) else None
                if any(before.endswith(c) for c in _INHERIT_CUES) and sent.start in by_sentence_unit:
                    unit = by_sentence_unit[sent.start]
                elif state is not None and state.lower_ in STATE_UNITS and state.sent == sent:
                    unit = STATE_UNITS[state.lower_]  # "left dozens dead"
                    end = max(end, state.idx + len(state.text))
            if noun is not None and noun.lower_ in ("year", "years", "day", "days", "week", "weeks",
                                                    "month", "months", "hour", "hours", "minute",
                                                    "minutes", "decade", "decades", "century", "o'clock"):
                continue  # a duration or age: the times stage owns it
        if unit:
            by_sentence_unit.setdefault(sent.start, unit)
        quantities.append(
            Quantity(
                id="", start=start, end=end, text=text[start:end], value=_as_number(num.value),
                unit=unit, bound=bound, approximate=approximate,
                high=_as_number(high) if high is not None else None,
            )
        )
    quantities.sort(key=lambda q: (q.start, q.end))
    for n, q in enumerate(quantities, 1):
        q.id = f"Q{n}"
    return quantities


def run(analysis) -> None:
    """Add the document's quantities to ``analysis.result.quantities`` (ids ``Q1``...)."""
    analysis.result.quantities.extend(extract_quantities(analysis.doc, analysis.result.times))
