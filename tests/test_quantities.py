"""Quantities stage: value, unit (counted noun), bound, approximation, ranges, exclusions.
Sentences are written for these tests (invented facts)."""
from __future__ import annotations

import pytest

from eventcoder.stages.quantities import extract_quantities, word_number


@pytest.fixture(scope="module")
def quantities(resources):
    def _q(text):
        return [(q.text, q.value, q.unit, q.bound, q.approximate, q.high)
                for q in extract_quantities(resources.nlp(text))]
    return _q


@pytest.mark.parametrize("words, expected", [
    (["three"], 3), (["eleven"], 11), (["twenty-five"], 25), (["two", "hundred", "and", "fifty"], 250),
    (["a", "dozen"], 12), (["three", "thousand"], 3000), (["settlement"], None),
])
def test_quantities_word_number(words, expected):
    assert word_number(words) == expected


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    # bounds
    ("Troops have retaken more than 450 villages since August.",
     ("more than 450 villages", 450, "village", ">", False, None)),
    ("At least 14 civilians were killed in the shelling.",
     ("At least 14 civilians", 14, "civilian", ">=", False, None)),
    ("Fewer than 300 soldiers remained in the town.",
     ("Fewer than 300 soldiers", 300, "soldier", "<", False, None)),
    ("Nearly 4,000 residents were evacuated by bus.",
     ("Nearly 4,000 residents", 4000, "resident", "<", True, None)),
    # approximation
    ("Some 730 houses were damaged by the flood.",
     ("Some 730 houses", 730, "house", "~", True, None)),
    ("About 90 trucks reached the border crossing.",
     ("About 90 trucks", 90, "truck", "~", True, None)),
    # vague counts
    ("Dozens of prisoners were moved to a new camp.",
     ("Dozens of prisoners", 12, "prisoner", ">=", True, None)),
    ("Hundreds of families fled the fighting overnight.",
     ("Hundreds of families", 100, "family", ">=", True, None)),
    ("Thousands of people marched through the capital.",
     ("Thousands of people", 1000, "people", ">=", True, None)),
    # number words
    ("Eleven tanks crossed the river at dawn.", ("Eleven tanks", 11, "tank", "=", False, None)),
    # ranges
    ("Rebels fired 10 to 15 rockets at the airport.", ("10 to 15 rockets", 10, "rocket", "=", False, 15)),
    # measurement units and percentages
    ("The convoy stretched for 18 miles along the highway.", ("18 miles", 18, "mile", "=", False, None)),
    ("The agency shipped 40 tonnes of grain.", ("40 tonnes", 40, "tonne", "=", False, None)),
    ("Prices rose by 12 percent in the region.", ("12 percent", 12, "percent", "=", False, None)),
])
def test_quantities_forms(quantities, text, expected):
    assert expected in quantities(text)


@pytest.mark.slow
@pytest.mark.parametrize("text, value, unit", [
    ("The 1,450km-long pipeline crosses three provinces.", 1450, "km"),
    ("A 600-mile front line runs through the east.", 600, "mile"),
])
def test_quantities_attached_units(quantities, text, value, unit):
    found = {(v, u) for _, v, u, *_ in quantities(text)}
    assert (value, unit) in found


@pytest.mark.slow
@pytest.mark.parametrize("text, value, unit", [
    ("Forces recaptured more than 300 villages, including 40 in the south.", 40, "village"),
])
def test_quantities_inherit_unit_after_including(quantities, text, value, unit):
    assert any(v == value and u == unit for _, v, u, *_ in quantities(text))


@pytest.mark.slow
@pytest.mark.parametrize("text, not_values", [
    ("The government gave the agency three days to respond.", {3}),             # duration
    ("The bridge was built in 1998 and repaired in 2014.", {1998, 2014}),       # years
    ("The first convoy arrived at 10:30 on 12 March.", {1, 10, 30, 12}),        # ordinal, time, date
    ("Kyiv is one of four cities hit on Monday.", {1}),                         # pronoun "one"
    ("Two F-16 jets escorted the plane.", {16}),                                # a name
])
def test_quantities_exclusions(quantities, text, not_values):
    assert not {v for _, v, *_ in quantities(text)} & not_values


@pytest.mark.slow
@pytest.mark.parametrize("text, expected_ids", [
    ("More than 20 drones and 3 missiles were launched.", ["Q1", "Q2"]),
])
def test_quantities_ids_in_text_order(resources, text, expected_ids):
    qs = extract_quantities(resources.nlp(text))
    assert [q.id for q in qs] == expected_ids
    assert all(text[q.start:q.end] == q.text for q in qs)


@pytest.mark.slow
@pytest.mark.parametrize("text, expected", [
    # a vague count before a predicate "dead": the unit is "dead", the time is not swallowed
    ("Fighting between rival gangs in Port-au-Prince left dozens dead last Friday, police said.",
     ("dozens dead", 12, "dead", ">=", True, None)),
    ("The car bomb left seven dead and 20 wounded on Sunday, the mayor said.",
     ("seven dead", 7, "dead", "=", False, None)),
    ("The car bomb left seven dead and 20 wounded on Sunday, the mayor said.",
     ("20 wounded", 20, "wounded", "=", False, None)),
    # ACLED's conservative numbers for vague counts, as in the store and the ACLED export
    ("Border guards detained dozens of Eritrean migrants near the fence.",
     ("dozens of Eritrean migrants", 12, "migrant", ">=", True, None)),
    ("Tens of villagers fled the floods on Tuesday.",
     ("Tens of villagers", 10, "villager", ">=", True, None)),
    ("Tens of thousands of protesters marched through the capital.",
     ("Tens of thousands of protesters", 10000, "protester", ">=", True, None)),
    # "scores" is one score, as ACLED codes "dozens" as one dozen (not 40, not 12)
    ("Scores of mourners gathered outside the mosque in Herat on Friday.",
     ("Scores of mourners", 20, "mourner", ">=", True, None)),
])
def test_quantities_vague_and_state_units(quantities, text, expected):
    assert expected in quantities(text)


@pytest.mark.slow
@pytest.mark.parametrize("text, date_word", [
    ("Militia fighters left dozens dead last Friday near the market.", "Friday"),
    ("Gunmen abducted 14 passengers on Saturday night, the governor said.", "Saturday"),
    ("Snipers killed three fishermen in March, residents said.", "March"),
])
def test_quantities_unit_is_never_a_time_word(quantities, text, date_word):
    found = quantities(text)
    assert found
    assert all(date_word not in q_text and unit != date_word for q_text, _, unit, *_ in found)
