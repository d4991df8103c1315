"""The times stage: TIMEX3 detection and normalization anchored on the publication date.

Sentences are written for these tests (invented news-style facts)."""
from __future__ import annotations

from datetime import date

import pytest

from eventcoder.times.calendar import duration_value, interval_of
from eventcoder.times.grammar import find_candidates, select
from eventcoder.times.resolve import pick_year, resolve_weekday


def _analyse(resources, text, published):
    """Run only the parse and times stages (other stages are not the point here)."""
    from eventcoder.documents import sha256_text
    from eventcoder.model import DocumentMeta, DocumentResult
    from eventcoder.pipeline import Analysis
    from eventcoder.stages import parse, times

    meta = DocumentMeta(id="t", sha256=sha256_text(text), published=published)
    analysis = Analysis(result=DocumentResult(document=meta, text=text), resources=resources)
    parse.run(analysis)
    times.run(analysis)
    return analysis.result


def _times(resources, text, published):
    return _analyse(resources, text, published).times


def _find(times, surface):
    hits = [t for t in times if t.text == surface]
    assert hits, f"{surface!r} not found in {[t.text for t in times]}"
    return hits[0]


# --- pure calendar / rule tests (fast) ---------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    ("2022-10-13", ("2022-10-13", "2022-10-13", "day")),
    ("2022-09", ("2022-09-01", "2022-09-30", "month")),
    ("2022-W41", ("2022-10-10", "2022-10-16", "week")),
    ("2022-W41-WE", ("2022-10-15", "2022-10-16", "week")),
    ("2022-Q4", ("2022-10-01", "2022-12-31", "quarter")),
    ("2024-02", ("2024-02-01", "2024-02-29", "month")),
    ("2014", ("2014-01-01", "2014-12-31", "year")),
    ("199", ("1990-01-01", "1999-12-31", "year")),
    ("P3D", None),
    ("PAST_REF", None),
])
def test_times_interval_of_timex3_values(value, expected):
    got = interval_of(value)
    assert (None if got is None else (got[0].isoformat(), got[1].isoformat(), got[2])) == expected


@pytest.mark.parametrize("n, unit, expected", [
    (3, "day", "P3D"), (48, "hour", "PT48H"), (2, "week", "P2W"), (None, "month", "PXM"),
    (1.5, "year", "P18M"), (1, "decade", "P10Y"), (1, "fortnight", "P2W"),
])
def test_times_duration_values(n, unit, expected):
    assert duration_value(n, unit) == expected


@pytest.mark.parametrize("weekday, base, rel, direction, expected", [
    (3, date(2022, 10, 14), None, "past", date(2022, 10, 13)),      # Thursday, published Friday
    (4, date(2022, 10, 14), None, "future", date(2022, 10, 14)),    # look-ahead Friday = same day
    (4, date(2022, 10, 14), None, "past", date(2022, 10, 14)),
    (0, date(2022, 10, 14), None, "future", date(2022, 10, 17)),
    (0, date(2022, 10, 14), None, "nearest", date(2022, 10, 17)),
    (2, date(2022, 10, 14), None, "nearest", date(2022, 10, 12)),
    (4, date(2022, 10, 14), "last", "none", date(2022, 10, 7)),
    (4, date(2022, 10, 14), "next", "none", date(2022, 10, 21)),
])
def test_times_resolve_weekday_by_tense(weekday, base, rel, direction, expected):
    assert resolve_weekday(weekday, base, rel, direction) == expected


@pytest.mark.parametrize("month, day, base, direction, rel, expected", [
    (12, None, date(2023, 1, 6), "past", None, 2022),
    (2, None, date(2022, 10, 14), "past", None, 2022),
    (2, None, date(2022, 10, 14), "future", None, 2023),
    (10, 13, date(2022, 10, 14), "nearest", None, 2022),
    (12, 30, date(2023, 1, 2), "nearest", None, 2022),
    (5, None, date(2013, 3, 21), None, "last", 2012),
])
def test_times_pick_year_for_yearless_dates(month, day, base, direction, rel, expected):
    assert pick_year(month, day, base, direction, rel) == expected


@pytest.mark.parametrize("text, extents", [
    ("Shelling resumed late on Thursday near the port.", ["late on Thursday"]),
    ("KHARKIV, Oct 13 (Reuters) - Sirens sounded again.", ["Oct 13"]),
    ("Talks are planned between 1 and 3 October in Geneva.", ["1 and 3 October"]),
    ("The ceasefire lasted 48 hours, and fighting returned over the weekend.", ["48 hours", "the weekend"]),
    ("Aid flights have arrived every day since early March.", ["every day", "early March"]),
    ("Parliament may vote on the bill in May.", ["May"]),
])
def test_times_grammar_extents(text, extents):
    got = [text[c.start:c.end] for c in select(find_candidates(text))]
    assert got == extents


# --- the stage through the pipeline (spaCy) -----------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("text, published, surface, type_, value, mod", [
    ("The governor said late on Thursday that two drones had been shot down.", "2022-10-14",
     "late on Thursday", "DATE", "2022-10-13", "END"),
    ("The first evacuees are due to arrive in the border town on Friday, officials said.", "2022-10-14",
     "Friday", "DATE", "2022-10-14", None),
    ("A convoy is expected to reach the city on Monday.", "2022-10-14",
     "Monday", "DATE", "2022-10-17", None),
    ("Rebels seized the airport on Monday, residents said.", "2022-10-14",
     "Monday", "DATE", "2022-10-10", None),
    ("Troops pushed into the district last month, the army said.", "2022-10-14",
     "last month", "DATE", "2022-09", None),
    ("Troops pushed into the district last month, the army said.", "2023-01-06",
     "last month", "DATE", "2022-12", None),
    ("The mine was flooded in July and has been closed since.", "2022-10-14",
     "July", "DATE", "2022-07", None),
    ("The militia has controlled the valley since invading in February.", "2022-10-14",
     "February", "DATE", "2022-02", None),
    ("The peninsula was annexed in 2014.", "2022-10-14", "2014", "DATE", "2014", None),
    ("The army gave the garrison three days to surrender.", "2022-10-14",
     "three days", "DURATION", "P3D", None),
    ("Negotiators will meet again next week in Doha.", "2022-10-14",
     "next week", "DATE", "2022-W42", None),
    ("Two people were killed overnight in strikes on the city.", "2022-10-14",
     "overnight", "TIME", "2022-10-13TNI", None),
    ("Police dispersed the crowd this morning.", "2022-10-14",
     "this morning", "TIME", "2022-10-14TMO", None),
    ("Food prices have doubled in recent weeks.", "2022-10-14",
     "recent weeks", "DATE", "PAST_REF", None),
    ("Patrols now leave the base every day at dawn.", "2022-10-14",
     "every day", "SET", "P1D", None),
    ("KHARKIV, Oct 13 (Reuters) - Sirens sounded across the city.", "2022-10-14",
     "Oct 13", "DATE", "2022-10-13", None),
    ("The election was held on 13 October 2022 under heavy security.", "2023-03-01",
     "13 October 2022", "DATE", "2022-10-13", None),
    ("Fighting intensified in February 2022.", "2023-03-01",
     "February 2022", "DATE", "2022-02", None),
    ("The port was shelled on Tuesday. The next day, the mayor ordered an evacuation.", "2022-10-14",
     "The next day", "DATE", "2022-10-12", None),
    ("The match has been postponed until Saturday because of snow.", "2022-10-14",
     "Saturday", "DATE", "2022-10-15", None),
    ("Envoys met in Ankara on Monday, and will return on Friday.", "2022-10-14",
     "Friday", "DATE", "2022-10-14", None),
    ("The summit is to open on Wednesday in Vienna.", "2022-10-14",
     "Wednesday", "DATE", "2022-10-19", None),
    ("The ultimatum expires on Wednesday.", "2022-10-14",
     "Wednesday", "DATE", "2022-10-19", None),
    ("An assault could come as early as Sunday.", "2022-10-14",
     "Sunday", "DATE", "2022-10-16", None),
    ("The mayor says drones hit the depot on Wednesday.", "2022-10-14",
     "Wednesday", "DATE", "2022-10-12", None),
    ("Most shops closed early last year after the floods.", "2023-01-06",
     "early last year", "DATE", "2022", "START"),
    ("Rebels have shelled the town twice a week since the spring.", "2022-10-14",
     "twice a week", "SET", "P1W", None),
    ("The convoy left at 5 p.m. on Thursday.", "2022-10-14",
     "5 p.m. on Thursday", "TIME", "2022-10-13T17:00", None),
    ("The siege lasted almost seven years.", "2022-10-14",
     "almost seven years", "DURATION", "P7Y", "LESS_THAN"),
    ("The verdict is to be read at 10 a.m. November 2, the court said.", "2022-10-14",
     "10 a.m. November 2", "TIME", "2022-11-02T10:00", None),
    ("The truce began on 13 October at 10:30 GMT.", "2022-10-14",
     "10:30 GMT", "TIME", "2022-10-13T10:30", None),
    ("The inquiry could one day lead to charges.", "2022-10-14",
     "one day", "DATE", "XXXX-XX-XX", None),
    ("The strike lasted one day.", "2022-10-14",
     "one day", "DURATION", "P1D", None),
    ("Sparta was defeated in 371 BC at Leuctra.", "2022-10-14",
     "371 BC", "DATE", "BC0371", None),
    ("The garrison held out through the winter of 1941.", "2022-10-14",
     "the winter of 1941", "DATE", "1941-WI", None),
])
def test_times_stage_normalizes_against_publication_date(resources, text, published, surface, type_, value, mod):
    t = _find(_times(resources, text, published), surface)
    assert (t.type, t.value, t.mod) == (type_, value, mod)
    assert text[t.start:t.end] == t.text


@pytest.mark.slow
@pytest.mark.parametrize("text, published, surface, begin, end, granularity, anchor", [
    ("Government forces retook 40 villages in the past month.", "2022-10-14",
     "the past month", "2022-09-14", "2022-10-14", "month", "published"),
    ("Food prices have doubled in recent weeks.", "2022-10-14",
     "recent weeks", "2022-09-02", "2022-10-14", "week", "published"),
    ("Inflation has fallen earlier this year, the bank said.", "2022-10-14",
     "earlier this year", "2022-01-01", "2022-10-14", "year", "published"),
    ("Negotiators will meet again next week in Doha.", "2022-10-14",
     "next week", "2022-10-17", "2022-10-23", "week", "published"),
    ("Protesters gathered in the square over the weekend.", "2022-10-14",
     "the weekend", "2022-10-08", "2022-10-09", "week", "published"),
    ("Talks are planned between 1 and 3 October in Geneva.", "2022-09-20",
     "1 and 3 October", "2022-10-01", "2022-10-03", "day", "published"),
    ("Jets struck 150 targets over the past 24 hours, the army said.", "2023-11-03",
     "the past 24 hours", "2023-11-02", "2023-11-03", "day", "published"),
    ("Officials expect more strikes in the coming days.", "2022-10-14",
     "the coming days", "2022-10-14", "2022-10-21", "day", "published"),
    ("Attacks rose sharply in the first half of 2023.", "2023-11-03",
     "the first half of 2023", "2023-01-01", "2023-06-30", "quarter", "none"),
])
def test_times_stage_intervals_and_granularity(resources, text, published, surface, begin, end, granularity, anchor):
    t = _find(_times(resources, text, published), surface)
    assert (t.interval.begin, t.interval.end, t.granularity, t.anchor) == (begin, end, granularity, anchor)


@pytest.mark.slow
@pytest.mark.parametrize("text, surface, expected_anchor_text, value, begin", [
    # TIMEX3 extent is the duration; the day it points to is the interval
    ("The port was shelled on 3 May 2021. Two days later, the mayor ordered an evacuation.",
     "Two days", "3 May 2021", "P2D", "2021-05-05"),
    ("Rebels entered the town on 3 May 2021. The next day, they took the airport.",
     "The next day", "3 May 2021", "2021-05-04", "2021-05-04"),
])
def test_times_stage_narrative_anchor_is_a_time_id(resources, text, surface, expected_anchor_text, value, begin):
    times = _times(resources, text, "2022-10-14")
    t = _find(times, surface)
    anchor = next(x for x in times if x.id == t.anchor)
    assert anchor.text == expected_anchor_text
    assert (t.value, t.interval.begin) == (value, begin)


@pytest.mark.slow
@pytest.mark.parametrize("text, surface, value, warned", [
    ("Shelling hit the village on Thursday and again last month.", "Thursday", None, "(2)"),
    ("Shelling hit the village on Thursday and again last month.", "last month", None, "(2)"),
    ("The dam was destroyed on 6 June 2023.", "6 June 2023", "2023-06-06", None),
    # a year elsewhere in the text is no anchor for deictic expressions (news without a DCT)
    ("The airport, captured in 2015, was shelled again in July and on Thursday.", "July", None, "(2)"),
    ("The airport, captured in 2015, was shelled again in July and on Thursday.", "Thursday", None, "(2)"),
    ("The airport, captured in 2015, was shelled again in July and on Thursday.", "2015", "2015", "(2)"),
    ("Talks opened on March 2, 2021 in Vienna; envoys met again on 9 April.", "9 April", None, "(1)"),
    ("Talks opened on March 2, 2021 in Vienna; envoys met again on 9 April.", "March 2, 2021", "2021-03-02", "(1)"),
    ("The ceasefire began at 10:30 GMT, officials said.", "10:30 GMT", None, "(1)"),
])
def test_times_stage_without_publication_date_leaves_relative_times_unresolved(resources, text, surface, value, warned):
    result = _analyse(resources, text, None)
    t = _find(result.times, surface)
    assert t.value == value
    assert t.anchor == "none"
    w001 = [w for w in result.warnings if w.startswith("W001")]
    assert (w001[0][w001[0].index("("):w001[0].index(")") + 1] if w001 else None) == warned
    assert len(w001) <= 1


@pytest.mark.slow
@pytest.mark.parametrize("text, surface, value, anchor_text", [
    # without a DCT a clock time right after an absolute date is still on that day
    ("The ceasefire began on 4 May 2021 at 10:30 GMT.", "10:30 GMT", "2021-05-04T10:30", "4 May 2021"),
    ("Voting closed on June 6, 2021 at 8 p.m.", "8 p.m.", "2021-06-06T20:00", "June 6, 2021"),
])
def test_times_stage_without_publication_date_clock_after_date(resources, text, surface, value, anchor_text):
    times = _times(resources, text, None)
    t = _find(times, surface)
    assert t.value == value
    assert next(x for x in times if x.id == t.anchor).text == anchor_text


@pytest.mark.slow
@pytest.mark.parametrize("text, surface, narrative, value", [
    # history narratives (WikiWars scorer): opt-in anchoring on the last resolved time
    ("The fortress fell in 1915. In July the army withdrew.", "July", True, "1915-07"),
    ("The fortress fell in 1915. In July the army withdrew.", "July", False, None),
])
def test_times_find_times_narrative_without_dct_is_opt_in(resources, text, surface, narrative, value):
    from eventcoder.stages.times import find_times

    times, _, _ = find_times(resources.nlp(text), text, None, narrative_without_dct=narrative)
    assert _find(times, surface).value == value


# --- the scorer -----------------------------------------------------------------------------------

@pytest.mark.parametrize("markup, text, spans", [
    ('Rain <TIMEX3 tid="t1" value="2013-03-22">Friday</TIMEX3> &amp; <EVENT eid="e1">snow</EVENT>.',
     "Rain Friday & snow.", [(5, 11, "2013-03-22")]),
    ('On <TIMEX2 val="1939-09-01">September 1, <TIMEX2 val="1939">1939</TIMEX2></TIMEX2>, war.',
     "On September 1, 1939, war.", [(3, 20, "1939-09-01"), (16, 20, "1939")]),
])
def test_eval_timex_strip_inline_keeps_offsets(markup, text, spans):
    from eventcoder.eval.timex import strip_inline

    tag = "TIMEX3" if "TIMEX3" in markup else "TIMEX2"
    plain, found = strip_inline(markup, tag)
    assert plain == text
    assert [(s, e, a.get("value") or a.get("val")) for s, e, a in found] == spans


@pytest.mark.slow
@pytest.mark.parametrize("limit, min_relaxed_f1, min_value_f1", [(3, 90.0, 65.0)])
def test_eval_timex_te3_slice_scores(resources, shared_dir, limit, min_relaxed_f1, min_value_f1):
    from eventcoder.eval.timex import load_te3, score

    folder = shared_dir / "eval" / "timex-te3-platinum" / "tml"
    if not folder.is_dir():
        pytest.skip("TE3 platinum not present")
    c = score(load_te3(folder, limit), resources)
    assert c["gold"] > 0
    assert c["relaxed_prf"][2] >= min_relaxed_f1 and c["value_prf"][2] >= min_value_f1


@pytest.mark.slow
@pytest.mark.parametrize("text, not_times", [
    ("The Sunday Times reported the raid on Monday.", ["Sunday"]),
    ("Officials said they may reopen the crossing.", ["may"]),
    ("A second attack followed within minutes.", ["A second"]),
    ("Three quarters of the vote went to the ruling party.", ["Three quarters"]),
    ("The fall of the city ended the campaign.", ["The fall"]),
    ("The 22-year-old soldier was detained.", ["22-year"]),
    ("No fires were reported overnight, Fire Chief Mike January said.", ["January"]),
])
def test_times_stage_does_not_tag_names_or_non_times(resources, text, not_times):
    found = [t.text for t in _times(resources, text, "2022-10-14")]
    assert not set(found) & set(not_times)


@pytest.mark.slow
@pytest.mark.parametrize("text, surface, value", [
    ("Troops withdrew last month, officials said.", "last month", None),     # 0000-12: year 0
    ("Troops withdrew in February, officials said.", "February", None),      # 0000-02
    ("Troops withdrew on 3 March 2020, officials said.", "3 March 2020", "2020-03-03"),
])
def test_times_stage_out_of_calendar_values_are_left_empty_with_w013(resources, text, surface, value):
    result = _analyse(resources, text, "0001-01-01")
    t = _find(result.times, surface)
    assert t.value == value
    w013 = [w for w in result.warnings if w.startswith("W013")]
    assert bool(w013) == (value is None)
    if w013:
        assert repr(surface) in w013[0]


# --- named holidays ---------------------------------------------------------------------------
@pytest.mark.parametrize("key, year, country, expected", [
    ("easter", 2024, None, date(2024, 3, 31)),            # Western computus
    ("good friday", 2024, None, date(2024, 3, 29)),
    ("easter monday", 2023, None, date(2023, 4, 10)),
    ("orthodox easter", 2024, None, date(2024, 5, 5)),    # Orthodox computus, Gregorian date
    ("new year's eve", 2023, None, date(2023, 12, 31)),
    ("independence day", 2023, "UA", date(2023, 8, 24)),
    ("independence day", 2023, "US", date(2023, 7, 4)),
    ("independence day", 2023, None, None),               # no country: no date
    ("independence day", 2023, "ES", None),               # not in the table
])
def test_times_holiday_dates(key, year, country, expected):
    from eventcoder.times.resolve import holiday_date

    assert holiday_date(key, year, country) == expected


@pytest.mark.slow
@pytest.mark.parametrize("text, published, surface, value", [
    # the latest one on or before the publication date in a past clause
    ("Air strikes killed between 10 and 20 people in Khan Younis on New Year's Eve, medics said.",
     "2024-01-02", "New Year's Eve", "2023-12-31"),
    ("Gunmen attacked a church in Kaduna on Christmas Eve, police said.",
     "2024-01-03", "Christmas Eve", "2023-12-24"),
    ("Rockets hit Kharkiv on Orthodox Easter, the governor said.",
     "2024-05-20", "Orthodox Easter", "2024-05-05"),
    ("Rockets hit Kharkiv on Orthodox Easter, the governor said.",
     "2024-04-20", "Orthodox Easter", "2023-04-16"),
    ("Militants bombed a market on Good Friday, the army said.",
     "2024-04-02", "Good Friday", "2024-03-29"),
    # future tense: the next one
    ("The two sides will observe a truce over Easter, the mediators said.",
     "2024-03-20", "Easter", "2024-03-31"),
])
def test_times_stage_named_holidays(resources, text, published, surface, value):
    assert _find(_times(resources, text, published), surface).value == value


@pytest.mark.slow
@pytest.mark.parametrize("text, published, surface", [
    ("Negotiators in Belfast signed the Good Friday Agreement after long talks.", "2023-05-02", "Friday"),
    ("Vendors at the Christmas Market in Berlin sold mulled wine.", "2023-12-10", "Christmas"),
])
def test_times_holiday_inside_a_name_is_not_a_time(resources, text, published, surface):
    assert not [t.text for t in _times(resources, text, published) if surface in t.text]


@pytest.mark.slow
@pytest.mark.parametrize("text, published, country, value", [
    ("Officials will mark Independence Day in Kyiv without a parade.", "2023-08-10", "UA", "2023-08-24"),
    ("Officials marked Independence Day in Kyiv without a parade.", "2023-08-30", "UA", "2023-08-24"),
    ("Officials marked Independence Day in Kyiv without a parade.", "2023-08-30", None, None),
])
def test_times_stage_independence_day_by_document_country(resources, text, published, country, value):
    """The places stage is not run here: the document's country comes from a hand-made place."""
    from eventcoder.documents import sha256_text
    from eventcoder.model import DocumentMeta, DocumentResult, Place
    from eventcoder.pipeline import Analysis
    from eventcoder.stages import parse, times

    meta = DocumentMeta(id="t", sha256=sha256_text(text), published=published)
    analysis = Analysis(result=DocumentResult(document=meta, text=text), resources=resources)
    if country:
        start = text.index("Kyiv")
        analysis.result.places.append(Place(id="P1", start=start, end=start + 4, text="Kyiv", country_code=country))
    parse.run(analysis)
    times.run(analysis)
    assert _find(analysis.result.times, "Independence Day").value == value
