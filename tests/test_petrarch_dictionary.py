"""User CAMEO dictionaries in PETRARCH format (eventcoder/ontology/petrarch_dictionary.py).

The dictionary snippets and sentences below are written for these tests in the PETRARCH/TABARI
format (invented entries, invented facts)."""
from __future__ import annotations

import json

import pytest

from eventcoder.ontology.petrarch_dictionary import (
    PetrarchDictionary,
    parse_actors,
    parse_agents,
    parse_verbs,
    regular_forms,
)

VERBS = """<!-- TEST VERBS: written for eventcoder's tests -->
<!-- a comment
     over two lines -->
&TIEWORDS
+TRADE
+SECURITY
+&MONEYWORDS

&MONEYWORDS
+HRYVNIAS
+CONVERTIBLE MARKS

--- SEVER  [161] ---
SEVER   # a verb comment
- * &TIEWORDS TIES [1621]
- * DIPLOMATIC TIES  [162]
- * TIES  [160]
- NEVER * [---]

--- SIGN [057] ---
SIGN
- * DEAL WITH +  [0571]
- % * [057:057]

--- ARRIVE [032:033] ---
ARRIVE

--- SEIZE  [1721] ---
SEIZE {SEIZED SEIZING}
+TAKE_OVER {+TOOK_OVER +TAKEN_OVER +TAKING_OVER}
- + * FROM $ [1722]

--- SHIELD [---] ---
SHIELD
HOLD_+HOSTAGE [181]
- * CIVILIANS_FROM [0743]

--- REGRET [###] ---
REGRET
- SAID_* [0214]  # a code with letters is kept as written
"""

ACTORS = """<!-- TEST ACTORS -->
VALDORIA [VAL]
+VALDORIAN
KESTRAVA_ [KES]
NORTHERN_ISLES [NIS]
+ISLANDERS
ORVIK  [ORV] # comment
MERIDIAN LEAGUE
\t[LEA < 20150101]
\t[LEAGOV 20150101-20191231]
\t[LEAREB >20200101]
THE_TRIAD [VAL/KES]
"""

AGENTS = """!PEOPLE! = MAN, MEN, WOMAN, WOMEN
MINISTRY [~GOV]
POLICE {} [~COP]
RELIEF_AGENCY [NGO~]
ARMY [~MIL]
SALES!PEOPLE! [~BUS]
"""


@pytest.fixture(scope="module")
def dictionary():
    return PetrarchDictionary.from_texts(VERBS, ACTORS, AGENTS)


# ---------------------------------------------------------------- verb dictionary syntax
def test_petrarch_dictionary_block_header_default_and_reverse_codes():
    blocks, _ = parse_verbs(VERBS)
    codes = {b.name: (b.code, b.reverse) for b in blocks}
    assert codes["SEVER"] == ("161", None)
    assert codes["ARRIVE"] == ("032", "033")
    assert codes["SHIELD"] == (None, None)  # [---]: matches, codes nothing
    assert codes["REGRET"] == ("###", None)  # '#' inside [...] is a code, not a comment


def test_petrarch_dictionary_irregular_and_multiword_verbs():
    blocks, _ = parse_verbs(VERBS)
    seize = next(b for b in blocks if b.name == "SEIZE")
    single, phrasal = seize.verbs
    assert {"SEIZED", "SEIZING", "SEIZES"} <= single.forms
    assert phrasal.words == ("TAKE", "OVER") and phrasal.head == 0
    assert {"TOOK", "TAKEN", "TAKING"} <= phrasal.forms
    shield = next(b for b in blocks if b.name == "SHIELD")
    hostage = shield.verbs[1]
    assert hostage.words == ("HOLD", "HOSTAGE") and hostage.head == 1 and hostage.code == "181"


def test_petrarch_dictionary_synsets_nested_and_multiword():
    _, synsets = parse_verbs(VERBS)
    assert synsets["TIEWORDS"] == [["TRADE"], ["SECURITY"], ["HRYVNIAS"], ["CONVERTIBLE", "MARKS"]]


@pytest.mark.parametrize(
    "pattern_text, pre, post, adj_pre, adj_post, code",
    [
        ("* &TIEWORDS TIES", [], [("synset", "TIEWORDS"), ("word", "TIES")], False, False, "1621"),
        ("* DEAL WITH +", [], [("word", "DEAL"), ("word", "WITH"), ("target", "")], False, False, "0571"),
        ("% *", [("compound", "")], [], False, False, "057"),
        ("+ * FROM $", [("target", "")], [("word", "FROM"), ("source", "")], False, False, "1722"),
        ("* CIVILIANS_FROM", [], [("word", "CIVILIANS"), ("word", "FROM")], False, False, "0743"),
        ("SAID_*", [("word", "SAID")], [], True, False, "0214"),
        ("NEVER *", [("word", "NEVER")], [], False, False, None),
    ],
)
def test_petrarch_dictionary_pattern_elements(pattern_text, pre, post, adj_pre, adj_post, code):
    blocks, _ = parse_verbs(VERBS)
    pat = next(p for b in blocks for p in b.patterns if p.text == pattern_text)
    assert [(e.kind, e.value) for e in pat.pre] == pre
    assert [(e.kind, e.value) for e in pat.post] == post
    assert (pat.verb_adjacent_pre, pat.verb_adjacent_post) == (adj_pre, adj_post)
    assert pat.code == code


def test_petrarch_dictionary_underscore_joins_adjacent_words():
    blocks, _ = parse_verbs(VERBS)
    pat = next(p for b in blocks for p in b.patterns if p.text == "* CIVILIANS_FROM")
    assert pat.post[0].adjacent is True and pat.post[1].adjacent is False


def test_petrarch_dictionary_pattern_without_verb_is_an_error():
    with pytest.raises(ValueError, match="line 3"):
        parse_verbs("--- BLOCK [010] ---\nBLOCK\n- SAID ONLY [011]\n")


@pytest.mark.parametrize("base, form", [("SEVER", "SEVERED"), ("STOP", "STOPPED"), ("DENY", "DENIED"),
                                        ("SEIZE", "SEIZING"), ("ARRIVE", "ARRIVED"), ("PLAN", "PLANNING")])
def test_petrarch_dictionary_regular_forms(base, form):
    assert form in regular_forms(base)


# ---------------------------------------------------------------- actors and agents
@pytest.mark.parametrize(
    "phrase, date, code",
    [
        ("VALDORIA", None, "VAL"),
        ("VALDORIAN", None, "VAL"),  # synonym line
        ("VALDORIANS", None, "VAL"),  # stem match (no final underscore)
        ("KESTRAVA", None, "KES"),
        ("KESTRAVAN", None, None),  # final underscore: exact word only
        ("THE NORTHERN ISLES", None, "NIS"),
        ("MERIDIAN LEAGUE", "2012-05-01", "LEA"),
        ("MERIDIAN LEAGUE", "2017-05-01", "LEAGOV"),
        ("MERIDIAN LEAGUE", "2021-05-01", "LEAREB"),
        ("THE TRIAD", None, "VAL"),  # a group [VAL/KES]: first member
        ("VALDORIA 'S MINISTRY", None, "VALGOV"),  # agent ~X appended
        ("KESTRAVA POLICE", None, "KESCOP"),
        ("RELIEF AGENCY IN ORVIK", None, "NGOORV"),  # agent X~ prepended
        ("ARMIES", None, "---MIL"),  # agent plural, no actor
        ("POLICES", None, None),  # {}: no plural form
        ("VALDORIAN SALESWOMEN", None, "VALBUS"),  # !PEOPLE! substitution
        ("THE WEATHER", None, None),
    ],
)
def test_petrarch_dictionary_actor_codes(dictionary, phrase, date, code):
    assert dictionary.actor_code(phrase.split(), date) == code


def test_petrarch_dictionary_actor_parser_synonyms_share_codes():
    entries = parse_actors(ACTORS)
    isles = [e for e in entries if e.words in (("NORTHERN", "ISLES"), ("ISLANDERS",))]
    assert [e.code_for(None) for e in isles] == ["NIS", "NIS"]


def test_petrarch_dictionary_agent_parser_plurals():
    words = {e.words for e in parse_agents(AGENTS)}
    assert ("MINISTRIES",) in words and ("POLICE",) in words and ("POLICES",) not in words


# ---------------------------------------------------------------- matching on the spaCy parse
def _match(resources, dictionary, text, verb):
    doc = resources.nlp(text)
    sent = next(iter(doc.sents))
    return next(m for m in dictionary.match_sentence(sent) if m.verb == verb)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, verb, code, pattern",
    [
        ("Valdoria severed security ties with Kestrava on Monday.", "SEVER", "1621", "* &TIEWORDS TIES"),
        ("Valdoria severed diplomatic ties with Kestrava on Monday.", "SEVER", "162", "* DIPLOMATIC TIES"),
        ("Valdoria severed cultural ties with Kestrava on Monday.", "SEVER", "160", "* TIES"),
        ("Valdoria severed convertible marks ties with Kestrava.", "SEVER", "1621", "* &TIEWORDS TIES"),
        ("Valdoria severed its pipeline to Kestrava on Monday.", "SEVER", "161", None),
        ("Valdoria never severed its pipeline to Kestrava.", "SEVER", None, "NEVER *"),
        ("The army took over the port of Orvik on Friday.", "TAKE_OVER", "1721", None),
        ("Kestrava signed a deal with Orvik on Friday.", "SIGN", "0571", "* DEAL WITH +"),
    ],
)
def test_petrarch_dictionary_longest_pattern_wins(resources, dictionary, text, verb, code, pattern):
    m = _match(resources, dictionary, text, verb)
    assert (m.code, m.pattern) == (code, pattern)


@pytest.mark.slow
def test_petrarch_dictionary_source_and_target_from_pattern(resources, dictionary):
    text = "Valdoria seized the fishing boats from Kestrava on Sunday."
    doc = resources.nlp(text)
    m = next(m for m in dictionary.match_sentence(next(iter(doc.sents))) if m.verb == "SEIZE")
    assert m.code == "1722"
    assert doc[m.source].text == "Kestrava" and doc[m.target].text == "Valdoria"


@pytest.mark.slow
def test_petrarch_dictionary_compound_actor_pattern(resources, dictionary):
    text = "Valdoria and Kestrava signed on Tuesday."
    doc = resources.nlp(text)
    m = next(m for m in dictionary.match_sentence(next(iter(doc.sents))) if m.verb == "SIGN")
    assert (m.code, m.reverse, m.compound) == ("057", "057", True)
    assert doc[m.source].text == "Valdoria"


# ---------------------------------------------------------------- the events stage and settings
@pytest.fixture(scope="module")
def dict_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("cameo")
    (d / "test.verbs.txt").write_text(VERBS)
    (d / "test.actors.txt").write_text(ACTORS)
    (d / "test.agents.txt").write_text(AGENTS)
    (d / "test.discards.txt").write_text("SPORTS\n")
    return d


def _with_dictionary(resources, path):
    from eventcoder.resources import Resources
    from eventcoder.settings import Settings

    res = Resources(Settings.load(cameo_dictionary=path))
    res.__dict__["nlp"] = resources.nlp  # share the loaded model and gazetteer
    res.__dict__["gazetteer"] = resources.gazetteer
    return res


TEXT = ("Valdoria severed diplomatic ties with Kestrava on Monday. "
        "Kestrava's ministry said it would shield civilians from the fighting. "
        "Valdoria and Kestrava signed a memorandum on Tuesday.")


@pytest.mark.slow
def test_petrarch_dictionary_events_take_dictionary_codes(resources, dict_dir):
    import eventcoder

    res = _with_dictionary(resources, dict_dir)
    result = eventcoder.extract(TEXT, "2022-10-14", resources=res)
    by_trigger = {e.trigger.text: e for e in result.events}
    sever = by_trigger["severed"]
    assert sever.cameo == "162" and sever.plover.event_type == "SANCTION"
    shield = by_trigger["shield"]  # a verb the built-in lexicon does not type: added by the dictionary
    assert shield.cameo == "0743" and shield.plover.event_type == "AID"


@pytest.mark.slow
def test_petrarch_dictionary_actor_codes_in_notes(resources, dict_dir):
    from eventcoder.model import DocumentMeta, DocumentResult
    from eventcoder.pipeline import Analysis, load_stages

    res = _with_dictionary(resources, dict_dir)
    analysis = Analysis(result=DocumentResult(document=DocumentMeta(id="t", sha256=""), text=TEXT), resources=res)
    for stage in load_stages():
        stage.run(analysis)
    recs = {r["text"]: r for r in analysis.notes["cameo_dictionary"]}
    assert (recs["severed"]["source"], recs["severed"]["target"]) == ("VAL", "KES")
    assert (recs["shield"]["code"], recs["shield"]["source"]) == ("0743", "KESGOV")  # agent ~GOV appended
    # compound subject (pattern "% *", code 057:057): each conjunct is the other's target
    assert (recs["signed"]["code"], recs["signed"]["reverse"]) == ("057", "057")
    assert (recs["signed"]["sources"], recs["signed"]["target"]) == (["VAL", "KES"], "KES")
    assert recs["severed"]["event"].id in analysis.notes["events"]["args"]
    assert analysis.notes["events"]["args"][recs["severed"]["event"].id]["cameo_dictionary"]["code"] == "162"


@pytest.mark.slow
def test_petrarch_dictionary_setting_off_changes_nothing(extract, resources, dict_dir):
    import eventcoder

    plain = json.dumps(extract(TEXT).to_dict(), sort_keys=True)
    res_off = _with_dictionary(resources, None)
    assert res_off.cameo_dictionary is None
    assert json.dumps(eventcoder.extract(TEXT, "2022-10-14", resources=res_off).to_dict(), sort_keys=True) == plain
    res_on = _with_dictionary(resources, dict_dir)
    assert json.dumps(eventcoder.extract(TEXT, "2022-10-14", resources=res_on).to_dict(), sort_keys=True) != plain


def test_petrarch_dictionary_setting_from_environment(monkeypatch, tmp_path):
    from pathlib import Path

    from eventcoder.settings import Settings

    monkeypatch.setenv("EVENTCODER_CAMEO_DICTIONARY", str(tmp_path))
    assert Settings.load().cameo_dictionary == Path(tmp_path)
    monkeypatch.delenv("EVENTCODER_CAMEO_DICTIONARY")
    assert Settings.load().cameo_dictionary is None


@pytest.mark.parametrize("make, detail", [("missing", "does not exist"), ("empty", "no PETRARCH verb dictionary"),
                                          ("bad", "needs exactly one")])
def test_petrarch_dictionary_bad_path_is_e010(tmp_path, make, detail):
    from eventcoder.errors import SettingsError

    path = tmp_path / "nothing"
    if make == "empty":
        path = tmp_path
        (tmp_path / "x.actors.txt").write_text(ACTORS)
    elif make == "bad":
        path = tmp_path / "bad.verbs.txt"
        path.write_text("--- BLOCK [010] ---\nBLOCK\n- SAID ONLY [011]\n")
    with pytest.raises(SettingsError, match=f"E010.*{detail}"):
        PetrarchDictionary.load(path)


@pytest.mark.slow
def test_petrarch_dictionary_scorer_slice(shared_dir):
    from eventcoder.eval.events import _Runner, score_petrarch_dictionary
    from eventcoder.resources import Resources, default_resources
    from eventcoder.settings import Settings

    folder = shared_dir / "eval" / "events-petrarch2-unittest"
    res = Resources(Settings.load(cameo_dictionary=folder))
    base = default_resources()
    res.__dict__["nlp"] = base.nlp
    res.__dict__["gazetteer"] = base.gazetteer
    out = score_petrarch_dictionary(_Runner(res), shared_dir / "eval", limit=4)
    # DEMO-00..03: restore ... ties (064), restore (064), left for ... (032/033) twice
    assert out["n"] == 4 and out["cameo_root_accuracy"] == 100.0
