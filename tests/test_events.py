"""Events stage: typing, arguments, factuality, background. Sentences written for these tests.

Most tests run only parse + the events stage over entities/times/quantities built by hand
(entities from spaCy NER, times and hedges given in the test), so they do not depend on the other
stages' behaviour; one test runs the whole pipeline.
"""
from __future__ import annotations

import pytest

from eventcoder.model import DocumentMeta, DocumentResult, Entity, Interval, Mention, Quantity, TimeExpr
from eventcoder.ontology.tables import ontology

pytestmark = pytest.mark.slow


def _code(resources, text, times=(), quantities=(), hedges=(), published="2022-10-14"):
    """Run the events stage on ``text`` with entities from spaCy NER and the given times
    ``(substring, value)``, quantities ``(substring, value)`` and hedges ``(substring, factuality)``."""
    from eventcoder.pipeline import Analysis
    from eventcoder.stages import events

    result = DocumentResult(document=DocumentMeta(id="t", sha256="", published=published), text=text)
    analysis = Analysis(result=result, resources=resources)
    analysis.doc = resources.nlp(text)
    by_name: dict[str, Entity] = {}
    for ent in analysis.doc.ents:
        if ent.label_ not in ("PERSON", "ORG", "GPE", "NORP", "LOC"):
            continue
        e = by_name.get(ent.text)
        if e is None:
            e = by_name[ent.text] = Entity(id=f"E{len(by_name) + 1}", name=ent.text, type=ent.label_)
        e.mentions.append(Mention(ent.start_char, ent.end_char, ent.text))
    result.entities = list(by_name.values())
    for i, (sub, value) in enumerate(times, 1):
        s = text.index(sub)
        result.times.append(TimeExpr(id=f"T{i}", start=s, end=s + len(sub), text=sub, type="DATE", value=value))
    for i, (sub, value) in enumerate(quantities, 1):
        s = text.index(sub)
        result.quantities.append(Quantity(id=f"Q{i}", start=s, end=s + len(sub), text=sub, value=value))
    analysis.notes["attributions"] = {
        "hedges": [(text.index(sub), text.index(sub) + len(sub), fact, "test") for sub, fact in hedges]
    }
    events.run(analysis)
    result.notes_for_test = analysis.notes
    return result


def _by_trigger(result, trigger_text):
    hits = [e for e in result.events if e.trigger.text == trigger_text]
    assert hits, f"no event on {trigger_text!r}: {[e.trigger.text for e in result.events]}"
    return hits[0]


def _name(result, entity_id):
    e = result.entity(entity_id)
    return e.name if e else None


@pytest.mark.parametrize(
    "text, trigger, plover",
    [
        ("Ethiopia and Kenya agreed to reopen the border crossing.", "agreed", "AGREE"),
        ("Egypt's foreign minister met his Jordanian counterpart in Amman.", "met", "CONSULT"),
        ("The Canadian government praised Ghana for its peaceful elections.", "praised", "SUPPORT"),
        ("Peru's interior minister resigned after weeks of unrest.", "resigned", "CONCEDE"),
        ("Brazil and Argentina cooperated closely on border security.", "cooperated", "COOPERATE"),
        ("Japan sent emergency aid to flood victims in Pakistan.", "aid", "AID"),
        ("Rebel fighters withdrew from the town of Bambari on Sunday.", "withdrew", "RETREAT"),
        ("The United Nations urged both sides to open a humanitarian corridor.", "urged", "REQUEST"),
        ("Armenia accused Azerbaijan of shelling border villages.", "accused", "ACCUSE"),
        ("Serbia rejected the proposal from Kosovo.", "rejected", "REJECT"),
        ("North Korea threatened to fire more missiles over Japan.", "threatened", "THREATEN"),
        ("Thousands of teachers protested in Santiago against pension cuts.", "protested", "PROTEST"),
        ("Belarus deployed troops along its western border.", "deployed", "MOBILIZE"),
        ("The European Union imposed sanctions on Iranian drone makers.", "sanctions", "SANCTION"),
        ("Police in Dhaka detained 40 opposition activists on Saturday.", "detained", "COERCE"),
        ("Russian forces shelled the city of Nikopol overnight.", "shelled", "ASSAULT"),
    ],
)
def test_events_each_plover_type(resources, text, trigger, plover):
    ev = _by_trigger(_code(resources, text), trigger)
    assert ev.plover is not None and ev.plover.event_type == plover
    assert 0.0 <= ev.confidence <= 1.0
    assert ev.quad_class == ontology().quad_class(plover, ev.cameo)


@pytest.mark.parametrize(
    "text, trigger, plover, mode, acled",
    [
        ("Government troops recaptured the village of Tawila from the rebels on Monday.", "recaptured", "COERCE",
         "seize", ("Battles", "Government regains territory")),
        ("Ukrainian forces liberated five villages near Izium.", "liberated", "COERCE", "seize",
         ("Battles", "Government regains territory")),
        ("Militants seized the town of Mahas on Tuesday.", "seized", "COERCE", "seize",
         ("Battles", "Non-state actor overtakes territory")),
        ("Government troops withdrew from the town of Mahas.", "withdrew", "RETREAT", "withdraw",
         ("Strategic developments", "Non-violent transfer of territory")),
        ("Authorities evacuated 3,000 residents from the flooded districts of Kherson.", "evacuated", "AID", None,
         ("Strategic developments", "Other")),
        ("Soldiers detained two journalists at a checkpoint near Goma.", "detained", "COERCE", "arrest",
         ("Strategic developments", "Arrests")),
        ("Gunmen abducted 30 students from a school in Kaduna.", "abducted", "ASSAULT", "abduct",
         ("Violence against civilians", "Abduction/forced disappearance")),
        ("The rebels released twelve hostages in Timbuktu.", "released", "RETREAT", "release", None),
        ("The warring parties exchanged prisoners of war on Friday.", "exchanged", "RETREAT", "release",
         ("Strategic developments", "Other")),
        ("Israel's air strike on Gaza hit a residential block.", "air strike", "ASSAULT", "aerial",
         ("Explosions/Remote violence", "Air/drone strike")),
    ],
)
def test_events_territorial_displacement_and_detention(resources, text, trigger, plover, mode, acled):
    ev = _by_trigger(_code(resources, text), trigger)
    assert (ev.plover.event_type, ev.plover.mode) == (plover, mode)
    got = (ev.acled.event_type, ev.acled.sub_event_type) if ev.acled else None
    assert got == acled


def test_events_flight_without_actor_is_untyped_with_reason(resources):
    result = _code(resources, "Hundreds of families fled across the river.")
    ev = _by_trigger(result, "fled")
    assert ev.plover is None and ev.acled is None and "no PLOVER type" in ev.reason
    assert any(w.startswith("W006") for w in result.warnings)


def test_events_statement_is_not_an_event(resources):
    result = _code(resources, "The defence ministry declined to comment on the report.")
    assert [e.trigger.text for e in result.events] == []


def test_events_attack_on_civilians_is_violence_against_civilians(resources):
    text = "Soldiers attacked civilians in the market of Kidal."
    ev = _by_trigger(_code(resources, text), "attacked")
    assert (ev.acled.event_type, ev.acled.sub_event_type) == ("Violence against civilians", "Attack")


def test_events_casualty_count_attached(resources):
    text = "Russian forces shelled Nikopol overnight, killing at least four civilians."
    result = _code(resources, text, quantities=[("at least four civilians", 4)])
    killing = _by_trigger(result, "killing")
    assert killing.quantities == ["Q1"]
    assert killing.acled.event_type == "Violence against civilians"
    assert _name(result, _by_trigger(result, "shelled").actor) == "Russian"


@pytest.mark.parametrize(
    "text, trigger, time_sub, value, background",
    [
        ("Russia annexed Crimea in 2014.", "annexed", "2014", "2014", True),
        ("Ukrainian troops shelled Russian positions on Tuesday.", "shelled", "Tuesday", "2022-10-11", False),
        ("Kyiv says the power plant was seized in March.", "seized", "March", "2022-03", True),
        ("Moscow has held the city since invading in February.", "invading", "February", "2022-02", True),
        ("Rebels attacked the convoy last month.", "attacked", "last month", "2022-09", False),
    ],
)
def test_events_background_from_own_time(resources, text, trigger, time_sub, value, background):
    ev = _by_trigger(_code(resources, text, times=[(time_sub, value)]), trigger)
    assert ev.time == "T1"
    assert ev.background is background


def test_events_background_needs_publication_date(resources):
    ev = _by_trigger(_code(resources, "Russia annexed Crimea in 2014.", times=[("2014", "2014")], published=None),
                     "annexed")
    assert ev.background is False


@pytest.mark.parametrize(
    "text, trigger, actor, recipient",
    [
        ("Putin and Erdogan met in Sochi on Friday.", "met", "Putin", "Erdogan"),
        ("Emmanuel Macron and Olaf Scholz discussed gas prices in Berlin.", "discussed", "Emmanuel Macron", "Olaf Scholz"),
        ("France and Germany condemned the coup in Niger.", "condemned", "France", None),
        ("Ukraine accused Russia of blocking grain exports.", "accused", "Ukraine", "Russia"),
        ("The convoy was attacked by Houthi fighters near Marib.", "attacked", "Houthi", None),
    ],
)
def test_events_actor_and_recipient_including_compounds(resources, text, trigger, actor, recipient):
    result = _code(resources, text)
    ev = _by_trigger(result, trigger)
    assert _name(result, ev.actor) == actor
    if recipient is not None:
        assert _name(result, ev.recipient) == recipient


def test_events_compound_actor_spans_listed(resources):
    text = "France and Germany condemned the coup in Niger."
    result = _code(resources, text)
    ev = _by_trigger(result, "condemned")
    assert ev.plover.event_type == "ACCUSE" and _name(result, ev.actor) == "France"
    actors = [a["text"] for a in result.notes_for_test["events"]["args"][ev.id]["actor"]]
    assert actors == ["France", "Germany"]


@pytest.mark.parametrize(
    "text, trigger, factuality, hedges",
    [
        ("Troops shelled the village of Pisky on Monday.", "shelled", "asserted", ()),
        ("The two ministers did not discuss the ceasefire.", "discuss", "negated", ()),
        ("The inspectors have yet to visit the camp.", "visit", "negated", ()),
        ("Evacuations from the city are expected to begin on Friday.", "Evacuations", "expected", ()),
        ("The army will withdraw from the city next week.", "withdraw", "expected", ()),
        ("The militia could attack the airport.", "attack", "hypothetical", ()),
        ("Turkey warned it would invade if the talks collapse.", "invade", "hypothetical", ()),
        ("The ministry denied that its troops shelled the hospital.", "shelled", "denied", ()),
        ("The rebels claim to have shot down a helicopter.", "shot down", "unconfirmed", ()),
        ("Rebels said they captured the town of Tessit. There was no immediate confirmation from the army.",
         "captured", "unconfirmed", ()),
        ("The governor said troops recaptured Lyman.", "recaptured", "unconfirmed", (("troops recaptured Lyman", "unconfirmed"),)),
    ],
)
def test_events_factuality(resources, text, trigger, factuality, hedges):
    ev = _by_trigger(_code(resources, text, hedges=hedges), trigger)
    assert ev.factuality == factuality


def test_events_several_per_sentence_and_no_made_up_type(resources):
    text = ("Government forces recaptured the town of Bor and arrested dozens of fighters, "
            "while the rebels shelled the airport and protesters marched in Juba.")
    result = _code(resources, text)
    types = {e.trigger.text: e.plover.event_type for e in result.events if e.plover}
    assert types.get("recaptured") == "COERCE" and types.get("arrested") == "COERCE"
    assert types.get("shelled") == "ASSAULT" and types.get("marched") == "PROTEST"
    valid = set(ontology().plover)
    assert all(e.plover is None or e.plover.event_type in valid for e in result.events)
    assert [e.id for e in result.events] == [f"V{i}" for i in range(1, len(result.events) + 1)]
    for e in result.events:
        assert text[e.trigger.start:e.trigger.end] == e.trigger.text


def test_events_full_pipeline_settlement_claim(extract):
    text = ("Kenya's defence forces have recaptured more than 40 villages from al-Shabaab in the past month, "
            "the defence ministry said on Thursday. There was no immediate confirmation from the militants.")
    result = extract(text, published="2022-10-14")
    ev = _by_trigger(result, "recaptured")
    assert ev.plover.event_type == "COERCE"
    assert ev.acled.sub_event_type == "Government regains territory"
    assert ev.factuality == "unconfirmed"
    valid = set(ontology().plover)
    assert all(e.plover is None or e.plover.event_type in valid for e in result.events)


def test_events_victims_of_an_event_noun_are_not_its_actor(resources):
    text = "Several Nigerian soldiers died in an explosion near Maiduguri in July."
    result = _code(resources, text, times=[("July", "2022-07")])
    ev = _by_trigger(result, "explosion")
    assert ev.plover.event_type == "ASSAULT" and ev.actor is None
    assert ev.background is True


@pytest.mark.parametrize(
    "text, cue, plover, action",
    [
        ("Syria said it will withdraw its troops from Lebanon.", "will", "AGREE", "withdraw"),
        ("The farmers said they would blockade the capital.", "would", "THREATEN", "blockade"),
        ("Egypt said it will not accept more refugees.", "will", "REJECT", "accept"),
    ],
)
def test_events_stated_future_action_is_coded_as_intent(resources, text, cue, plover, action):
    result = _code(resources, text)
    intent = _by_trigger(result, cue)
    assert intent.plover.event_type == plover and intent.reason.startswith("intent")
    assert _by_trigger(result, action).factuality in ("expected", "hypothetical", "negated")


@pytest.mark.parametrize(
    "gold, pred, macro",
    [(["A", "A", "B"], ["A", "B", "B"], 66.7), (["A", "B"], ["A", "B"], 100.0), (["A", "B"], ["C", "C"], 0.0)],
)
def test_events_scorer_macro_f1(gold, pred, macro):
    from eventcoder.eval.events import macro_f1

    assert round(macro_f1(gold, pred)[0], 1) == macro


def test_events_scorer_plover_slice(shared_dir):
    from eventcoder.eval.events import _Runner, score_plover

    res = score_plover(_Runner(), shared_dir / "eval", limit=5)
    assert res["n"] == 5 and 0.0 <= res["type_accuracy"] <= 100.0
    assert "| gold \\ pred |" in res["confusion"]
