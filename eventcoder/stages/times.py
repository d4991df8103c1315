"""Stage times: temporal expressions -> TIMEX3 type, value, mod, inclusive interval, anchor.

Detection has two sources: our own rules (:mod:`eventcoder.times.grammar`: weekdays, months,
"late on Thursday", "last month", "in the past month", "in recent weeks", "over the weekend",
"overnight", "this morning", "earlier this year", "next week", durations, sets, ranges,
datelines, years, ...) and spaCy's DATE/TIME entities where no rule matched. Extents follow
TimeML/TIMEX3 (no leading preposition); one documented choice: "late on Thursday" is one
extent with ``mod="END"``.

Normalization (:mod:`eventcoder.times.resolve`) anchors deictic expressions on the
publication date (document creation time, ``anchor="published"``) and narrative ones ("the
next day", "two days later") on the last resolved time in the text (``anchor="T<n>"``). The
clause's tense and modality, read from the dependency parse, choose the direction for bare
weekday and month names: past -> on or before the DCT; "will", "expected to", "due to", "is
to" -> the DCT or later. Without a publication date, deictic expressions (weekdays, months and
day-months without a year, "last month", "yesterday") keep ``value=None`` with ``anchor="none"``
and one W001 warning counts them; they are not anchored on some other year in the text.

``analysis.notes["times"]`` receives ``{"by_id": {T-id: TimeExpr}, "reasons": {T-id: reason}}``.
"""
from __future__ import annotations

import logging
import re
from bisect import bisect_left
from datetime import date

from ..errors import Warnings
from ..model import Interval, TimeExpr
from ..times.grammar import Candidate, find_candidates, select
from ..times.resolve import Context, Resolution, finish, resolve

log = logging.getLogger(__name__)

NAME = "times"
REQUIRES: tuple[str, ...] = ("doc",)
ASSIGNS = ("times",)

# Heads whose infinitive complement looks ahead ("expected to arrive on Friday").
FUTURE_HEADS = {"due", "expected", "expect", "expects", "scheduled", "set", "planned", "plan",
                "plans", "planning", "slated", "poised", "going", "intend", "intends", "intended",
                "aim", "aims", "hope", "hopes", "ready", "likely", "to"}
MODAL_AHEAD = {"could", "may", "might", "should", "must", "would", "can"}
REPORTING = {"say", "tell", "report", "claim", "announce", "state", "add", "write", "accord", "be", "have",
             "confirm", "deny", "show", "suggest", "believe", "think", "know", "estimate"}
FUTURE_AUX = {"will", "'ll", "shall", "wo", "’ll"}
TEMPORAL_HEADS = {"day", "days", "week", "weeks", "month", "months", "year", "years", "season",
                  "budget", "election", "elections", "census", "olympics", "games", "summit",
                  "war", "crisis", "invasion", "revolution", "campaign", "offensive", "level",
                  "levels", "figure", "figures", "report", "deal", "agreement", "law", "act",
                  "constitution", "protests", "uprising", "attack", "attacks", "annexation",
                  "vote", "referendum", "cup", "world", "model", "plan", "visit", "talks"}


def clause_tense(doc, start: int, end: int) -> str:
    """Tense/modality of the clause governing chars ``[start, end)``: ``future`` (aux
    will/shall, "is to", or an infinitive under due/expected/scheduled/set...), ``past``
    (VBD, had + VBN, or a bare VBN participle), ``perfect`` (have/has + VBN; treated as past
    except before "until"), ``present`` or ``none`` (no verb)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "none"
    tok = span.root
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
            break
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX"):
        return "none"
    for _ in range(5):
        children = list(tok.children)
        auxes = [c for c in children if c.dep_ in ("aux", "auxpass")]
        if any(a.lower_ in FUTURE_AUX for a in auxes):
            return "future"
        if tok.lower_ in FUTURE_HEADS and any(c.dep_ == "xcomp" for c in children):
            return "future"
        has_to = any(a.lower_ == "to" for a in auxes)
        if has_to and tok.head is not tok and tok.head.lemma_ == "be" and tok.dep_ == "xcomp":
            return "future"  # "is to arrive"
        if has_to and tok.head is not tok and tok.head.lower_ in FUTURE_HEADS:
            return "future"
        if tok.tag_ == "VB" and any(a.tag_ == "MD" and a.lower_ in MODAL_AHEAD for a in auxes) \
                and not any(a.lemma_ == "have" for a in auxes):
            return "future"  # "could come as early as Sunday"
        finite_aux = [a for a in auxes if a.tag_ in ("VBD", "VBZ", "VBP", "MD")]
        if tok.tag_ == "VBD" or any(a.tag_ == "VBD" for a in finite_aux):
            return "past"
        if tok.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
            return "perfect"
        if tok.tag_ in ("VBZ", "VBP") or finite_aux:
            # a present copula under a future head: "are due to", "is expected to"
            if tok.lower_ in FUTURE_HEADS or any(c.lower_ in FUTURE_HEADS and c.dep_ in ("acomp", "attr") for c in children):
                xcomps = [c for c in children if c.dep_ in ("xcomp", "acomp")]
                if xcomps:
                    return "future"
            if tok.lemma_ in REPORTING:
                return "present"
            return "present_ahead"  # "the deadline expires on Wednesday": scheduled
        if tok.tag_ == "VBN" and not auxes and tok.dep_ in ("acl", "relcl", "ROOT", "conj"):
            return "past"
        if tok.head is tok:
            break
        tok = tok.head
        if tok.lower_ in FUTURE_HEADS:
            # "due to arrive", "expected to begin": the governing head looks ahead
            return "future"
    return "none"


def _keep(c: Candidate, doc, text: str) -> bool:
    """Filters that need the parse: "May" the modal, years used as plain numbers."""
    if c.groups.get("mon") == "may" or c.groups.get("mon") == "march":
        span = doc.char_span(c.start, c.end, alignment_mode="expand")
        if span is not None:
            for tok in span:
                if tok.lower_ in ("may", "march") and (tok.tag_ in ("MD", "VB", "VBP") or tok.pos_ == "VERB"):
                    return False
    if c.rule == "month" and not c.groups.get("rel") and not c.groups.get("mod") and not c.groups.get("edge"):
        # "Fire Chief Mike January said": a surname, not a month
        if _SURNAME_AFTER.match(text, c.end) or _TITLE_BEFORE.search(text, max(0, c.start - 30), c.start):
            return False
    if c.rule == "holiday":
        # spaCy tags "New Year's Eve", "Easter Sunday" EVENT: a name only when the entity
        # reaches beyond the holiday ("the Good Friday Agreement", "Christmas Market")
        if not text[c.start].isupper() or _HOLIDAY_NAME_HEAD.match(text, c.end):
            return False  # "the Good Friday Agreement", "the Tet Offensive"
        span = doc.char_span(c.start, c.end, alignment_mode="expand")
        for tok in span or ():
            if tok.ent_type_ in _NAME_LABELS:
                a, b = tok.i, tok.i + 1  # the entity around tok (IOB walk, no scan of doc.ents)
                while a > 0 and doc[a].ent_iob_ == "I":
                    a -= 1
                while b < len(doc) and doc[b].ent_iob_ == "I":
                    b += 1
                ent_start, ent_end = doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)
                if ent_end > c.end or (ent_start < c.start and text[ent_start:c.start].strip().lower() != "the"):
                    return False
    elif c.rule == "weekday" and text[max(0, c.start - 5):c.start] == "Good " and _HOLIDAY_NAME_HEAD.match(text, c.end):
        return False  # "the Good Friday Agreement" (the holiday candidate was dropped above)
    elif c.rule in ("weekday", "month", "season") and not c.groups.get("rel"):
        # "the Sunday Times", "April Smith", "the October Revolution": part of a name
        span = doc.char_span(c.start, c.end, alignment_mode="expand")
        if span is not None and any(t.ent_type_ in _NAME_LABELS for t in span):
            return False
    if c.rule == "year" and not c.groups.get("pre") and not c.groups.get("mod") and not c.groups.get("fiscal"):
        span = doc.char_span(c.start, c.end, alignment_mode="expand")
        if span is not None:
            tok = span.root
            if (tok.dep_ == "nummod" and tok.head.lower_ not in TEMPORAL_HEADS and tok.head.pos_ == "NOUN"
                    and tok.ent_type_ != "DATE"):
                return False
        if c.start > 0 and text[c.start - 1] in "$£€#":
            return False
    if c.rule == "dur" and c.groups.get("num") in ("a", "an") and c.groups.get("approx") is None:
        # "a day" right after a number/count word is a rate ("twice a day" is the set rule's)
        before = text[max(0, c.start - 12):c.start].lower()
        if re.search(r"(?:\d|times|once|twice|per)\s*$", before):
            return False
    if c.rule in ("dur", "offset") and c.groups.get("unit") == "second" and c.groups.get("num") in ("a", "an", "one"):
        return False  # "a second attack", "one second round"
    after = text[c.end:c.end + 4].lower()
    if c.groups.get("unit") in ("quarter", "quarters") and c.rule == "dur" and after.startswith(" of"):
        return False  # "three quarters of the vote"
    if c.rule == "season" and not c.groups.get("year") and after.startswith(" of") and not re.match(r" of (?:\d|this|last|next|that)", text[c.end:c.end + 9].lower()):
        return False  # "the fall of Kabul"
    return True


_HOLIDAY_NAME_HEAD = re.compile(r"\s+(?:Agreement|Accords?|Offensive|Market|Massacre|Uprising|Rising|Truce|"
                                r"Ceasefire|Parade|Service|Message|Address|Speech|Bombings?|Attacks?)\b")
_SURNAME_AFTER = re.compile(r"[,]?\s+(?:said|says|told|added|explained|noted|wrote|declined|stated)\b")
_TITLE_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Chief|Sgt|Capt|Lt|Col|Gen|Judge|Officer|Detective|Coach)\.?\s+(?:[A-Z][a-z]+\s+)?$")
_NAME_LABELS = {"ORG", "PERSON", "WORK_OF_ART", "EVENT", "FAC", "PRODUCT", "LAW"}
_GUESS_TYPE = {"dur": "DURATION", "dur_bare": "DURATION", "offset": "DURATION", "past_dur": "DURATION",
               "range_dm": "DURATION", "range_md": "DURATION", "hms": "DURATION", "set": "SET",
               "clock": "TIME", "overnight": "TIME", "this_pod": "TIME"}
_UNTIL = re.compile(r"\b(?:until|till|through)\s+$", re.I)
_NER_TRIM = re.compile(r"^(?:the\s+|about\s+|around\s+|some\s+|nearly\s+|almost\s+|only\s+|just\s+)+", re.I)


def _ner_candidates(doc, text: str, taken: list[tuple[int, int]]) -> list[Candidate]:
    """spaCy DATE/TIME entities that no rule covers; re-read with the rules inside their
    extent so their value can be computed, else dropped (a time we cannot normalize and no
    rule recognises is more often noise: ages, "annual", "Friday's")."""
    out = []
    # chosen rule extents are non-empty, disjoint and sorted: only the neighbours of an entity's
    # start can overlap it (else, e.g. for a hand-made list, test them all)
    ordered = all(s < e for s, e in taken) and all(a[1] <= b[0] for a, b in zip(taken, taken[1:]))
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        k = bisect_left(taken, (ent.start_char, ent.start_char))
        near = taken[max(k - 1, 0) : k + 1] if ordered and ent.start_char < ent.end_char else taken
        if any(ent.start_char < e and s < ent.end_char for s, e in near):
            continue
        inner = [c for c in find_candidates(ent.text)]
        for c in select(inner):
            shifted = Candidate(ent.start_char + c.start, ent.start_char + c.end, c.rule, c.groups, c.priority + 1000)
            if _keep(shifted, doc, text):
                out.append(shifted)
    return out


_DAY_RULES = {"date_dmy", "date_mdy", "deictic", "weekday"}
_YEAR_ZERO = re.compile(r"0000(?:$|[-T])|-")  # year 0 or a negative year: not a calendar date
_CLOCK_THEN_DATE = re.compile(r",?\s+(?:on\s+)?")
_DATE_THEN_CLOCK = re.compile(r",?\s+(?:at|from|by|around|until)\s+")


def _merge_clock_dates(cands: list[Candidate], text: str) -> list[Candidate]:
    """Join a clock time and the day right after it into one TIME ("10 a.m. July 13", as
    TimeML does for "15:00 GMT Saturday"); the parts are kept in ``groups`` for the resolver.
    "13 October at 10:30" stays two TIMEX3s (TimeML), the clock anchored on the day in
    :func:`find_times`."""
    out: list[Candidate] = []
    i = 0
    while i < len(cands):
        c = cands[i]
        nxt = cands[i + 1] if i + 1 < len(cands) else None
        if nxt is not None:
            gap = text[c.end:nxt.start]
            pair = None
            if c.rule == "clock" and not c.groups.get("wd") and nxt.rule in _DAY_RULES and _CLOCK_THEN_DATE.fullmatch(gap):
                pair = (c, nxt)
            if pair:
                clock, day = pair
                out.append(Candidate(c.start, nxt.end, "clock_date", {"clock": clock, "day": day}, c.priority))
                i += 2
                continue
        out.append(c)
        i += 1
    return out


def _resolve_clock_date(c: Candidate, text: str, ctx: Context) -> Resolution | None:
    day = resolve(c.groups["day"], text, ctx)
    clock = resolve(c.groups["clock"], text, ctx)
    if day is None or clock is None:
        return day or clock
    if not (day.value and clock.value and re.match(r"\d{4}-\d\d-\d\d", day.value)):
        return Resolution("TIME", None, anchor=day.anchor, relative=day.relative or clock.relative,
                          reason="clock_date:unresolved")
    hhmm = clock.value.split("T", 1)[1]
    return Resolution("TIME", f"{day.value[:10]}T{hhmm}", day.mod, day.begin, day.end, "day", day.anchor,
                      reason=f"clock_date:{day.reason}")


def find_times(doc, text: str, published: str | None, *, narrative_without_dct: bool = False,
               warnings: list[str] | None = None, country: str | None = None,
               ) -> tuple[list[TimeExpr], dict[str, str], int]:
    """All temporal expressions of ``text`` (parsed as ``doc``) normalized against
    ``published`` (ISO date or None). Returns ``(times, reasons, unresolved_relative_count)``;
    times have ids T1.. in order of appearance and spans that index ``text`` exactly.
    ``narrative_without_dct`` (history narratives, the WikiWars scorer): without a DCT, anchor
    weekdays, months and day-months without a year on the last resolved time instead of leaving
    them unresolved (see :class:`eventcoder.times.resolve.Context`). ``warnings``, if given,
    receives W013 for each time whose value falls outside the calendar (year 0 or before, or
    after 9999, e.g. "last month" with a DCT of 0001-01-01): its value is left empty.
    ``country`` (ISO 3166-1 alpha-2, the document's country) dates "Independence Day"."""
    dct = date.fromisoformat(published) if published else None
    cands = [c for c in find_candidates(text) if _keep(c, doc, text)]
    chosen = select(cands)
    taken = [(c.start, c.end) for c in chosen]
    chosen = _merge_clock_dates(sorted(chosen + _ner_candidates(doc, text, taken), key=lambda c: c.start), text)

    times: list[TimeExpr] = []
    reasons: dict[str, str] = {}
    narrative: tuple[date, str] | None = None
    narrative_id: str | None = None
    unresolved = 0
    for c in chosen:
        tense = clause_tense(doc, c.start, c.end)
        if tense in ("perfect", "present", "present_ahead", "none") and _UNTIL.search(text, max(0, c.start - 10), c.start):
            tense = "future"  # "has been postponed until Saturday", "to run through June"
        ctx = Context(dct=dct, tense=tense, narrative=narrative, narrative_without_dct=narrative_without_dct,
                      country=country)
        try:
            res: Resolution | None = _resolve_clock_date(c, text, ctx) if c.rule == "clock_date" else resolve(c, text, ctx)
        except (ValueError, OverflowError, KeyError) as exc:  # a date outside the calendar
            log.debug("times: %r at %d not normalized: %s", text[c.start:c.end], c.start, exc)
            res = Resolution(_GUESS_TYPE.get(c.rule, "DATE"), None, reason=f"error:{type(exc).__name__}")
            if warnings is not None and not isinstance(exc, KeyError):
                warnings.append(Warnings.W013.format(text=text[c.start:c.end], start=c.start, detail=str(exc)))
        if res is None:
            continue
        if res.value and _YEAR_ZERO.match(res.value):  # "0000-12": arithmetic ran below year 1
            if warnings is not None:
                warnings.append(Warnings.W013.format(text=text[c.start:c.end], start=c.start,
                                                     detail=f"value {res.value} has year 0"))
            res = Resolution(res.type, None, reason=f"error:year0:{res.reason}")
        clock_value = res.value
        if c.rule == "clock" and not clock_value and times and not c.groups.get("wd"):
            # no DCT: the clock alone stays unresolved, but right after a date it is on that day;
            # resolve it on an arbitrary day only to read its hh:mm
            probe = resolve(c, text, Context(dct=date(2000, 1, 3)))
            clock_value = probe.value if probe else None
        if c.rule == "clock" and not c.groups.get("wd") and times and clock_value and "T" in clock_value:
            prev = times[-1]
            if prev.value and re.match(r"\d{4}-\d\d-\d\d", prev.value) and _DATE_THEN_CLOCK.fullmatch(text, prev.end, c.start):
                # "13 October at 10:30 GMT": the clock is on that day
                day = date.fromisoformat(prev.value[:10])
                res = Resolution("TIME", f"{prev.value[:10]}T{clock_value.split('T', 1)[1]}", None, day, day, "day",
                                 "narrative", reason="clock:after_day")
                anchor_override = prev.id
            else:
                anchor_override = None
        else:
            anchor_override = None
        tid = f"T{len(times) + 1}"
        begin, end, granularity = finish(res)
        anchor = res.anchor
        if anchor == "narrative":
            anchor = anchor_override or narrative_id or "none"
        if res.relative:
            unresolved += 1
        times.append(TimeExpr(
            id=tid, start=c.start, end=c.end, text=text[c.start:c.end], type=res.type,
            value=res.value, interval=Interval(begin.isoformat(), end.isoformat()) if begin and end else None,
            anchor=anchor, granularity=granularity, mod=res.mod,
        ))
        reasons[tid] = f"{c.rule}/{res.reason}/tense={tense}"
        # narrative anchor: the last time that names a point or a calendar unit
        if res.type in ("DATE", "TIME") and begin and res.value and res.value[0].isdigit():
            coarse = granularity in ("year", "quarter", "month")
            if coarse and c.rule in ("rel_unit", "narr", "edge_rel", "fiscal"):
                pass  # "the previous year", "that month": refer back, they do not move the story
            elif granularity == "year" and narrative and narrative[0].year == begin.year:
                pass  # "... in 1941" after "December 8, 1941" keeps the finer anchor
            else:
                narrative, narrative_id = (begin, granularity or "day"), tid
    return times, reasons, unresolved


def document_country(places) -> str | None:
    """The document's country for country-specific holidays: the ISO alpha-2 code most of the
    resolved places (of the places stage) lie in; ties go to the first named. None without any."""
    counts: dict[str, int] = {}
    for place in places:
        if place.country_code:
            counts[place.country_code] = counts.get(place.country_code, 0) + 1
    return max(counts, key=counts.get) if counts else None


def run(analysis) -> None:
    """Add the document's :class:`TimeExpr` records to ``analysis.result.times``; W001 when
    relative times stay unresolved for lack of a publication date, W013 for each time whose
    arithmetic left the calendar (value left empty)."""
    out_of_range: list[str] = []
    times, reasons, unresolved = find_times(analysis.doc, analysis.text, analysis.published, warnings=out_of_range,
                                            country=document_country(analysis.result.places))
    for message in out_of_range:
        analysis.warn(message)
    analysis.result.times.extend(times)
    analysis.notes[NAME] = {"by_id": {t.id: t for t in times}, "reasons": reasons}
    if unresolved and not analysis.published:
        analysis.warn(Warnings.W001.format(count=unresolved))
