"""Attributions stage: cues, sources (pronouns, nominals), relays (via), content, quote kind,
channel, factuality of attributed claims and hedge scope. Texts are written for these tests
(invented or paraphrased facts); entities are built by hand where resolution is the point."""
from __future__ import annotations

import pytest

from eventcoder.model import DocumentMeta, DocumentResult, Entity, Mention
from eventcoder.stages.attributions import extract_attributions, find_quotes, paragraphs, resolve_source


def _result(text, entities=()):
    result = DocumentResult(document=DocumentMeta(id="t", sha256="t"), text=text)
    for n, (name, etype, surfaces) in enumerate(entities, 1):
        mentions = []
        for surface in surfaces:
            start = 0
            while (i := text.find(surface, start)) >= 0:
                mentions.append(Mention(i, i + len(surface), surface))
                start = i + 1
        result.entities.append(Entity(id=f"E{n}", name=name, type=etype, mentions=mentions))
    return result


@pytest.fixture(scope="module")
def attribute(resources):
    def _a(text, entities=()):
        result = _result(text, entities)
        atts, notes = extract_attributions(resources.nlp(text), result)
        return atts, notes
    return _a


def _by_cue(atts, cue):
    found = [a for a in atts if a.cue.text == cue]
    assert found, f"no attribution with cue {cue!r}: {[a.cue.text for a in atts]}"
    return found[0]


@pytest.mark.parametrize("text, expected", [
    ("“Stay inside,” he said. “Close the windows.”", [(0, 14), (24, 44)]),
    # press style: a quotation over two paragraphs, the first left open
    ("“We will not leave.\n\n“We will defend the city,” she said.", [(0, 47)]),
    ("He called it “a lie” and “nonsense”.", [(13, 20), (25, 35)]),
])
def test_attributions_find_quotes(text, expected):
    assert find_quotes(text) == expected


@pytest.mark.parametrize("text, expected", [("One.\n\nTwo.\nThree.", [(0, 4), (6, 10), (11, 17)])])
def test_attributions_paragraphs(text, expected):
    assert paragraphs(text) == expected


@pytest.mark.slow
@pytest.mark.parametrize("text, cue, source, content", [
    ("The governor said three schools had been damaged by the shelling.",
     "said", "The governor", "three schools had been damaged by the shelling"),
    ("Three schools had been damaged by the shelling, the governor said on Monday.",
     "said", "the governor", "Three schools had been damaged by the shelling"),
    ("According to the regional police, two bridges were blown up overnight.",
     "According to", "the regional police", "two bridges were blown up overnight"),
    ("The army confirmed that the airfield had been hit.",
     "confirmed", "The army", "that the airfield had been hit"),
    ("Moldova accused Moscow of plotting a coup.",
     "accused", "Moldova", "Moscow of plotting a coup"),
])
def test_attributions_cue_source_content(attribute, text, cue, source, content):
    a = _by_cue(attribute(text)[0], cue)
    assert (a.source.text, a.content.text) == (source, content)
    assert text[a.content.start:a.content.end] == a.content.text


@pytest.mark.slow
@pytest.mark.parametrize("text, source, content, channel", [
    # wire form: the parse hangs "said" under the content verb (conj/relcl) and the channel
    # phrase used to be taken as the content
    ("Russian troops shelled the town of Vovchansk in the Kharkiv region late on Friday, killing two men and "
     "wounding five others, regional governor Oleh Marchuk said on Telegram.",
     "regional governor Oleh Marchuk",
     "Russian troops shelled the town of Vovchansk in the Kharkiv region late on Friday, killing two men and "
     "wounding five others", "Telegram"),
    ("Gunmen attacked a village in the Mopti region on Sunday, killing nine civilians and wounding 14 others, "
     "regional governor Abdoulaye Cisse said in a statement.",
     "regional governor Abdoulaye Cisse",
     "Gunmen attacked a village in the Mopti region on Sunday, killing nine civilians and wounding 14 others",
     "statement"),
    ("A missile struck a hotel in the centre of Kramatorsk on Tuesday evening, injuring a journalist and two "
     "others, regional governor Vadym Lysenko said on state television.",
     "regional governor Vadym Lysenko",
     "A missile struck a hotel in the centre of Kramatorsk on Tuesday evening, injuring a journalist and two "
     "others", "television"),
    ("Drones hit a fuel depot near the port of Izmail overnight, starting a fire and wounding two others, "
     "regional governor Petro Savchuk said on X.",
     "regional governor Petro Savchuk",
     "Drones hit a fuel depot near the port of Izmail overnight, starting a fire and wounding two others",
     "Twitter"),
    ("Rebels shelled a market in the north of the city on Friday, killing two women and wounding 11 others, "
     "regional governor Anna Kostenko said in a video message.",
     "regional governor Anna Kostenko",
     "Rebels shelled a market in the north of the city on Friday, killing two women and wounding 11 others",
     "video message"),
    # no title before the name; an appositive source; an institution
    ("Shelling hit a bus stop in the town of Toretsk on Sunday, killing three people and wounding eight others, "
     "Vadym Filatov said on Telegram.",
     "Vadym Filatov",
     "Shelling hit a bus stop in the town of Toretsk on Sunday, killing three people and wounding eight others",
     "Telegram"),
    ("A drone struck a fuel depot in the region overnight, sparking a large fire, the town's mayor, "
     "Olena Kovalenko, said on Telegram.",
     "the town's mayor, Olena Kovalenko",
     "A drone struck a fuel depot in the region overnight, sparking a large fire", "Telegram"),
    ("Two patrol boats were sunk off the coast overnight, the navy said in a statement.",
     "the navy", "Two patrol boats were sunk off the coast overnight", "statement"),
])
def test_attributions_sentence_final_cue_after_comma(attribute, text, source, content, channel):
    """"<content>, <title> <name> said on <channel>.": the name before the cue is the source,
    the clause before the comma the content, the phrase after the cue the channel."""
    a = _by_cue(attribute(text)[0], "said")
    assert (a.source.text, a.content.text, a.channel) == (source, content, channel)


@pytest.mark.slow
@pytest.mark.parametrize("text, source, content, via", [
    # the parse makes "civilians" the subject of "told" and the speaker its apposition
    ("Fighters seized two villages near the lake on Tuesday, burning homes and killing at least six "
     "civilians, local official Amadou Diallo told Reuters by telephone.",
     "local official Amadou Diallo",
     "Fighters seized two villages near the lake on Tuesday, burning homes and killing at least six civilians",
     ["Reuters"]),
    ("Two ships were damaged in the port overnight, the minister told reporters.",
     "the minister", "Two ships were damaged in the port overnight", []),
])
def test_attributions_sentence_final_told(attribute, text, source, content, via):
    a = _by_cue(attribute(text)[0], "told")
    assert (a.source.text, a.content.text, [v.text for v in a.via]) == (source, content, via)


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "When the shelling began, the mayor warned.",                       # subordinate clause
    "The troops left the base on Monday, the first time the two sides spoke since March.",  # a noun's relative clause
])
def test_attributions_sentence_final_rule_needs_main_clause_and_speaker(attribute, text):
    assert attribute(text)[0] == []


@pytest.mark.slow
@pytest.mark.parametrize("text, cues", [
    # a time phrase is never content ("known ... for ten years" is no attribution)
    ("Oleg Marchenko, 41, told the local newspaper that he had known the victim for ten years.", ["told"]),
    ("The mayor said on Friday that she had known the commander for two decades.", ["said"]),
    # a parenthetical report after its content stays one
    ("The bridge will reopen next week, the ministry argues.", ["argues"]),
])
def test_attributions_time_phrase_not_content(attribute, text, cues):
    assert [a.cue.text for a in attribute(text)[0]] == cues


@pytest.mark.slow
@pytest.mark.parametrize("text, cue, quote, channel", [
    ("“We asked everyone to leave the left bank,” the town's mayor, Olena Petrenko, said in a video message.",
     "said", "direct", "video message"),
    ("The mayor said the convoy was “completely destroyed” by drones.", "said", "mixed", None),
    ("The mayor said the convoy was destroyed by drones.", "said", "indirect", None),
    ("“Nobody is safe here. The shelling has not stopped for a week,” the governor wrote on Telegram.",
     "wrote", "direct", "Telegram"),
    ("The foreign minister tweeted that talks would resume next week.", "tweeted", "indirect", "Twitter"),
    ("The defence ministry said in a statement that two missiles were intercepted.",
     "said", "indirect", "statement"),
    ("In a statement, the army said two soldiers were wounded.", "said", "indirect", "statement"),
    ("A spokesman for the UN refugee agency said 4,000 people had crossed the border.", "said", "indirect", None),
    ("“We will respond,” the minister said at a news conference. “The enemy will pay.”",
     "said", "direct", "news conference"),
])
def test_attributions_quote_kind_and_channel(attribute, text, cue, quote, channel):
    a = _by_cue(attribute(text)[0], cue)
    assert (a.quote, a.channel) == (quote, channel)


@pytest.mark.slow
@pytest.mark.parametrize("text, cue", [
    ("“The city is calm. Shops have reopened. People are returning,” the mayor told reporters.", "told"),
    ("“The city is calm.\n\n“Shops have reopened. People are returning,” the mayor told reporters.", "told"),
])
def test_attributions_quote_over_several_sentences(attribute, text, cue):
    """The content runs from the first opening mark to the last closing one."""
    a = _by_cue(attribute(text)[0], cue)
    assert a.content.start == 0 and a.content.text.startswith("“The city is calm.")
    assert a.content.text.rstrip(",").endswith("returning,”") or a.content.text.endswith("returning”")


@pytest.mark.slow
@pytest.mark.parametrize("text, cue, content", [
    # a quotation standing alone as the next sentence continues the same speaker
    ("“We will respond,” the minister said. “The enemy will pay.”", "said",
     "“We will respond,” the minister said. “The enemy will pay.”"),
    # ... unless it has its own cue
    ("“We will respond,” the minister said. “The enemy will pay,” he added.", "said", "“We will respond,”"),
])
def test_attributions_quote_continues_next_sentence(attribute, text, cue, content):
    assert _by_cue(attribute(text)[0], cue).content.text == content


@pytest.mark.slow
@pytest.mark.parametrize("text, cue, source, via", [
    # "citing": the cited party is the source, the reporter the relay
    ("The talks ended without agreement, the Interfax news agency reported, citing the foreign ministry.",
     "reported", "the foreign ministry", ["the Interfax news agency"]),
    # a reporting attribution whose content holds another one relays it
    ("The aid agency said its trucks were turned back at the border, the BBC reports.",
     "said", "The aid agency", ["the BBC"]),
    # "X told Y news agency": the agency relays
    ("The governor told the Interfax news agency that the power plant had been shut down.",
     "told", "The governor", ["the Interfax news agency"]),
    # "quoted X as saying"
    ("The Tass agency quoted the governor as saying that the dam was intact.",
     "quoted", "the governor", ["The Tass agency"]),
])
def test_attributions_relay_chains(attribute, text, cue, source, via):
    a = _by_cue(attribute(text)[0], cue)
    assert a.source.text == source
    assert [v.text for v in a.via] == via


RELAY_OWN_CUE = ("The prime minister said the blockade would be lifted. Officials at the port said ships were "
                 "already loading grain, Reuters reports.\n\nThe port was shelled in May.")
RELAY_NO_CUE = ("Shells hit a grain silo in the port overnight. A second convoy is expected to leave on Friday. "
                "Officials at the port said two workers were hurt, Reuters reports.\n\nThe port reopened in May.")
RELAY_STOPS = ("The mayor said the bridge had been closed. Water was cut off overnight. "
               "Two shops burned near the market, the BBC reports.")
RELAY_PAST = "Shells hit a grain silo in the port. Two workers were hurt, the Interfax news agency reported."


@pytest.mark.slow
@pytest.mark.parametrize("text, cue_index, via", [
    # a present-tense "..., Reuters reports" closing a paragraph relays what it governs (the
    # officials' statement) but not an earlier sentence with its own cue and named speaker
    (RELAY_OWN_CUE, 0, []),
    (RELAY_OWN_CUE, 1, ["Reuters"]),
    # going back it covers sentences with no speaker of their own: a sourceless cue there
    # ("is expected to") is relayed too
    (RELAY_NO_CUE, 0, ["Reuters"]),   # "expected"
    (RELAY_NO_CUE, 1, ["Reuters"]),   # "said"
    (RELAY_STOPS, 0, []),             # the mayor's statement stops the relay
])
def test_attributions_paragraph_final_relay(attribute, text, cue_index, via):
    a = attribute(text)[0][cue_index]
    assert [v.text for v in a.via] == via


@pytest.mark.slow
@pytest.mark.parametrize("text, cue, content", [
    # the relay's content runs back over the sentences without a speaker of their own, never
    # over the paragraph break or a sentence with its own attributed speaker
    (RELAY_NO_CUE, "reports", "Shells hit a grain silo in the port overnight. A second convoy is expected to leave "
                              "on Friday. Officials at the port said two workers were hurt"),
    (RELAY_STOPS, "reports", "Water was cut off overnight. Two shops burned near the market"),
    # a past-tense "reported" reports its own clause only
    (RELAY_PAST, "reported", "Two workers were hurt"),
    # a quotation continuing an earlier speaker's words is that speaker's, not the relay's
    ("“We will rebuild the school,” the mayor said. “The town will not give up.” Residents cleared "
     "the rubble on Sunday, the BBC reports.", "reports", "Residents cleared the rubble on Sunday"),
])
def test_attributions_paragraph_final_relay_content(attribute, text, cue, content):
    assert _by_cue(attribute(text)[0], cue).content.text == content


@pytest.mark.slow
@pytest.mark.parametrize("text, entities, cue_index, expected_entity", [
    # pronoun "he" -> the earlier speaker
    ("Governor Ivan Marchenko said the evacuation had begun. The buses left at noon, he said.",
     [("Ivan Marchenko", "PERSON", ["Ivan Marchenko"])], 1, "E1"),
    # nominal "the ministry" -> the ministry named before
    ("The Ministry of Defence of Ruritania said 40 tanks were lost. The losses were heavy, the ministry said.",
     [("Ministry of Defence of Ruritania", "ORG", ["Ministry of Defence of Ruritania"]),
      ("Ruritania", "GPE", [])], 1, "E1"),
])
def test_attributions_pronoun_and_nominal_sources(attribute, text, entities, cue_index, expected_entity):
    atts, _ = attribute(text, entities)
    assert atts[cue_index].source.entity == expected_entity


@pytest.mark.parametrize("text, entities, span, expected", [
    ("Olga Kravets spoke first. Then she left.", [("Olga Kravets", "PERSON", ["Olga Kravets"])], "she", "E1"),
    ("The Health Ministry of Zembla counted the dead. The ministry did not say more.",
     [("Health Ministry of Zembla", "ORG", ["Health Ministry of Zembla"])], "The ministry", "E1"),
    ("The storm hit the coast. It was strong.", [], "It", None),
])
def test_attributions_resolve_source(text, entities, span, expected):
    result = _result(text, entities)
    start = text.rindex(span)
    assert resolve_source(result, None, start, start + len(span))[0] == expected


@pytest.mark.parametrize("text, entities, span, expected", [
    # a plural generic source is never one person, whatever mention grouping the entities
    # stage made (here "local officials" wrongly put under a person)
    ("Governor Petro Hnatiuk spoke. Local officials said more.",
     [("Petro Hnatiuk", "PERSON", ["Petro Hnatiuk", "officials"])], "officials", None),
    ("Governor Petro Hnatiuk spoke. Residents said more.",
     [("Petro Hnatiuk", "PERSON", ["Petro Hnatiuk", "Residents"])], "Residents", None),
    ("Mayor Ilona Rak spoke. The army spoke. Then they left.",
     [("Ilona Rak", "PERSON", ["Ilona Rak"]), ("army", "ORG", ["The army"])], "they", "E2"),
    # ... a plural group entity is kept, a singular person source too
    ("The Zemblan Border Guards spoke. Then the guards left.",
     [("Zemblan Border Guards", "ORG", ["Zemblan Border Guards", "the guards"])], "the guards", "E1"),
    ("Governor Petro Hnatiuk spoke. The governor left.",
     [("Petro Hnatiuk", "PERSON", ["Petro Hnatiuk", "The governor"])], "The governor", "E1"),
])
def test_attributions_plural_source_not_a_person(text, entities, span, expected):
    result = _result(text, entities)
    start = text.rindex(span)
    assert resolve_source(result, None, start, start + len(span))[0] == expected


@pytest.mark.slow
def test_attributions_cited_plural_source_not_resolved_to_person(attribute):
    text = ("Governor Ivan Horbach said a school was hit. Drones struck a fuel depot near the port overnight, "
            "the Tass news agency reported, citing local officials.")
    atts, _ = attribute(text, [("Ivan Horbach", "PERSON", ["Ivan Horbach", "local officials"])])
    a = _by_cue(atts, "reported")
    assert (a.source.text, a.source.entity) == ("local officials", None)


@pytest.mark.slow
@pytest.mark.parametrize("text, cue, factuality", [
    ("The army said its forces destroyed a bridge near the town.", "said", "asserted"),
    ("The rebels claimed they had shot down a helicopter.", "claimed", "unconfirmed"),
    ("The militia allegedly burned the village, residents said.", "said", "unconfirmed"),
    ("The ministry denied that its jets had struck the market.", "denied", "denied"),
    ("The Kremlin said the two leaders did not discuss a ceasefire.", "said", "negated"),
    ("Officials said the first convoy will arrive on Friday.", "said", "expected"),
    ("Officials said the refugees were due to arrive on Friday.", "said", "expected"),
    ("The general said the town could fall if supplies run out.", "said", "hypothetical"),
    ("Kyiv urged the agency to send inspectors to the plant.", "urged", "hypothetical"),
])
def test_attributions_factuality(attribute, text, cue, factuality):
    assert _by_cue(attribute(text)[0], cue).factuality == factuality


HEDGE_TEXT = (
    "Troops entered the village of Lysivka at dawn, the local council said.\n\n"        # P0
    "The army said it had retaken 40 villages in the south.\n\n"                         # P1
    "More than 30 other villages were freed in the east, the army said.\n\n"              # P2
    "There was no independent confirmation by the defence ministry.\n\n"               # P3
    "The mayor said the water supply had been restored on Tuesday.\n"                    # P4
)


@pytest.mark.slow
@pytest.mark.parametrize("cue_index, factuality", [
    (0, "asserted"),      # a different claimant two paragraphs back: outside the scope
    (1, "unconfirmed"),   # same claimant as the paragraph just before: the run is covered
    (2, "unconfirmed"),   # the paragraph just before the hedge
    (3, "asserted"),      # after the hedge: never covered
])
def test_attributions_hedge_scope(attribute, cue_index, factuality):
    atts, notes = attribute(HEDGE_TEXT, [("army", "ORG", ["The army", "the army"])])
    assert atts[cue_index].factuality == factuality


@pytest.mark.slow
@pytest.mark.parametrize("text, hedged, not_hedged", [
    (HEDGE_TEXT, "retaken 40 villages", "water supply"),
    ("Separatists said they shelled a depot. The claim could not be independently verified. "
     "Later, rain fell.\n", "shelled a depot", "rain fell"),
])
def test_attributions_hedge_regions_published(attribute, text, hedged, not_hedged):
    _, notes = attribute(text, [("army", "ORG", ["The army", "the army"])])
    regions = [(s, e) for s, e, fact, _ in notes["hedges"] if fact == "unconfirmed"]
    h = text.index(hedged)
    n = text.index(not_hedged)
    assert any(s <= h < e for s, e in regions)
    assert not any(s <= n < e for s, e in regions)


HEDGE_INSIDE = (
    "Flooding cut the main road to the port on Monday, the regional governor said.\n\n"              # P0
    "Rebels said they had captured the airport last week, but the army denied the claim. "          # P1
    "The report could not be independently verified.\n"
)
HEDGE_OPENING = (
    "Flooding cut the main road to the port on Monday, the regional governor said.\n\n"              # P0
    "Rebels said they had captured the airport last week.\n\n"                                      # P1
    "The claim could not be independently verified.\n"                                             # P2
)


@pytest.mark.slow
@pytest.mark.parametrize("text, cue_index, factuality", [
    # a hedge after claims inside its paragraph covers that paragraph only
    (HEDGE_INSIDE, 0, "asserted"),      # the previous paragraph: another claimant, not covered
    (HEDGE_INSIDE, 1, "unconfirmed"),   # the rebels' claim before the hedge
    (HEDGE_INSIDE, 2, "denied"),        # the denial keeps its stronger value
    # a hedge opening its paragraph covers the paragraph just before it
    (HEDGE_OPENING, 0, "asserted"),
    (HEDGE_OPENING, 1, "unconfirmed"),
])
def test_attributions_hedge_scope_inside_or_opening_paragraph(attribute, text, cue_index, factuality):
    atts, _ = attribute(text)
    assert [a.cue.text for a in atts] == (["said", "said", "denied"] if text is HEDGE_INSIDE else ["said", "said"])
    assert atts[cue_index].factuality == factuality


# --------------------------------------------------------------------------- PolNeAR scorer
SCORER_TEXT = "The mayor said the bridge was shut. Officials hope talks resume."
SCORER_ANN = (
    "T1\tSource 0 9\tThe mayor\n"
    "T2\tCue 10 14\tsaid\n"
    "T3\tContent 15 34\tthe bridge was shut\n"
    "T4\tAttribution 10 14\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tSource 36 45\tOfficials\n"
    "T6\tCue 46 50\thope\n"
    "T7\tContent 51 57;58 64\ttalks resume\n"
)


@pytest.mark.parametrize("ann, text, expected", [
    (SCORER_ANN, SCORER_TEXT, {"cue": [(10, 14), (46, 50)], "source": [(0, 9), (36, 45)],
                               "content": [(15, 34), (51, 64)]}),
])
def test_attributions_polnear_read_ann(ann, text, expected):
    from eventcoder.eval.attribution import read_ann

    assert read_ann(ann, text) == expected


@pytest.mark.parametrize("pred, gold, exact, overlap", [
    ([(0, 9)], [(0, 9)], 1, 1),
    ([(4, 9)], [(0, 9)], 0, 1),
    ([(0, 3), (4, 9)], [(0, 9)], 0, 1),      # one-to-one: one gold span matches once
    ([(20, 25)], [(0, 9)], 0, 0),
])
def test_attributions_polnear_match(pred, gold, exact, overlap):
    from eventcoder.eval.attribution import _match

    assert (_match(pred, gold, True), _match(pred, gold, False)) == (exact, overlap)


@pytest.mark.slow
@pytest.mark.parametrize("text, expected_cues", [
    # the nested "said" inside the BBC's content is dropped in PolNeAR's univocal projection
    ("The aid agency said its trucks were turned back, the BBC reports.", ["reports"]),
])
def test_attributions_polnear_univocal(attribute, text, expected_cues):
    from eventcoder.eval.attribution import univocal

    atts, _ = attribute(text)
    cues = univocal(atts, text)["cue"]
    assert [text[s:e] for s, e in cues] == expected_cues


@pytest.mark.slow
def test_attributions_polnear_scorer_on_files(tmp_path, resources):
    from eventcoder.eval.attribution import load_polnear, score

    (tmp_path / "data" / "test" / "text").mkdir(parents=True)
    (tmp_path / "data" / "test" / "attributions").mkdir(parents=True)
    (tmp_path / "data" / "test" / "text" / "doc-a.txt").write_text(SCORER_TEXT, encoding="utf-8")
    (tmp_path / "data" / "test" / "attributions" / "doc-a_ab12.ann").write_text(SCORER_ANN, encoding="utf-8")
    articles = load_polnear(tmp_path, "test")
    scores = score(articles, resources.nlp)
    assert scores["docs"] == 1
    assert scores["cue"]["overlap"][0] == 100.0  # "said" and "hope" are both cues
    assert scores["source"]["exact"][2] == 100.0


# ----------------------------------------------------------------------------- issue 5, round 2
@pytest.fixture(scope="module")
def attribute_profile(resources):
    def _a(text, profile, verb_group=False):
        atts, _ = extract_attributions(resources.nlp(text), _result(text), profile, verb_group=verb_group)
        return [(a.cue.text, a.source.text if a.source else None, a.content.text) for a in atts]
    return _a


@pytest.mark.parametrize("text, expected", [
    # newspaper-archive quotation marks: two apostrophes open and close
    ("''We will rebuild the bridge,'' the governor said.", [(0, 31)]),
    ("He called the plan ''reckless'' and ''late.''", [(19, 31), (36, 45)]),
])
def test_attributions_find_quotes_double_apostrophe(text, expected):
    assert find_quotes(text) == expected


@pytest.mark.slow
@pytest.mark.parametrize("text, profile, expected", [
    ("''We will rebuild the bridge,'' the governor said.", "news",
     ("said", "the governor", "''We will rebuild the bridge,''")),
    # a noun inside the quotation parsed as a second subject: the speaker is the nearer one
    ("“Not Kherson. Or Mariupol,” the governor said.", "news",
     ("said", "the governor", "“Not Kherson. Or Mariupol,”")),
    # WordNet verb.communication verbs (polnear profile), subject a speaker
    ("The senator bemoaned the delay in the aid vote.", "polnear",
     ("bemoaned", "The senator", "the delay in the aid vote")),
    # WordNet noun.communication nominal cue with a possessor
    ("Her refusal to condemn the strikes angered allies.", "polnear",
     ("refusal", "Her", "to condemn the strikes")),
    # predicate adjective stating an attitude
    ("The mayor was critical of the evacuation plan.", "polnear",
     ("was critical of", "The mayor", "the evacuation plan")),
    ("Local officials are worried about the water supply in the city.", "polnear",
     ("are worried about", "Local officials", "the water supply in the city")),
    # light verb + communication noun / "clear"
    ("The minister made the case that sanctions were working.", "polnear",
     ("made the case", "The minister", "that sanctions were working")),
    # "calling for X to Y": the preposition joins the cue
    ("The governor is calling for residents to leave the city.", "news",
     ("calling for", "The governor", "residents to leave the city")),
    # short contents
    ("The union leader said no to the new wage deal.", "news",
     ("said", "The union leader", "no to the new wage deal")),
    # headline "X to Y: content", transcript speaker in capitals (polnear profile)
    ("Zelenskiy to Congress: Ukraine needs more air defence\n\nThe president spoke on Tuesday.", "news",
     (":", "Zelenskiy", "Ukraine needs more air defence")),
    ("Transcript of the briefing\nKIRBY: We have seen no sign of a withdrawal from the city.", "polnear",
     (":", "KIRBY", "We have seen no sign of a withdrawal from the city")),
])
def test_attributions_round2_rules(attribute_profile, text, profile, expected):
    assert expected in attribute_profile(text, profile)


@pytest.mark.slow
@pytest.mark.parametrize("text, profile", [
    # the polnear-only lexicons stay out of the pipeline's news profile
    ("The senator bemoaned the delay in the aid vote.", "news"),
    ("The mayor was critical of the evacuation plan.", "news"),
    ("The minister made the case that sanctions were working.", "news"),
    # a dateline in capitals is no transcript speaker in wire copy
    ("KYIV: Russian forces shelled the city overnight.", "news"),
    # a label, not a cue
    ("Editor’s note: The piece was updated on Monday with new figures.", "polnear"),
])
def test_attributions_round2_not_cues(attribute_profile, text, profile):
    cues = [c for c, _, _ in attribute_profile(text, profile)]
    assert cues == [], cues


@pytest.mark.slow
@pytest.mark.parametrize("text, verb_group, cue", [
    ("The ministry has also said that the convoy did not arrive.", False, "said"),
    ("The ministry has also said that the convoy did not arrive.", True, "has also said"),
    ("The ministry did not say when the convoy would arrive.", True, "did not say"),
    ("The spokesman said: “The convoy will arrive on Friday.”", True, "said:"),
])
def test_attributions_verb_group_cue_extent(attribute_profile, text, verb_group, cue):
    assert cue in [c for c, _, _ in attribute_profile(text, "news", verb_group)]


@pytest.mark.slow
def test_attributions_unquoted_content_stays_in_paragraph(attribute_profile):
    # spaCy may run a headline into the next sentence; the content keeps the cue's paragraph
    text = "Aid convoy reaches the city\n\nThe governor said the convoy reached the city on Friday."
    found = attribute_profile(text, "news")
    assert ("said", "The governor", "the convoy reached the city on Friday") in found


def test_attributions_wordnet_lists_from_index(tmp_path):
    from eventcoder.attribution.build_wordnet import build
    # a two-synset WordNet in the database format (data.<pos>: offset lex_filenum ...;
    # index.<pos>: lemma pos synset_cnt p_cnt [ptr...] sense_cnt tagsense_cnt offsets...)
    (tmp_path / "data.verb").write_text("00000001 32 v 01 bemoan 0 000 | express sorrow\n"
                                        "00000002 35 v 01 hit 0 000 | deal a blow\n", encoding="latin-1")
    (tmp_path / "index.verb").write_text("bemoan v 1 0 1 0 00000001\nhit v 1 0 1 0 00000002\n", encoding="latin-1")
    (tmp_path / "data.noun").write_text("00000003 10 n 01 refusal 0 000 | a message refusing\n"
                                        "00000004 18 n 01 senator 0 000 | a member of a senate\n", encoding="latin-1")
    (tmp_path / "index.noun").write_text("refusal n 1 0 1 0 00000003\nsenator n 1 0 1 0 00000004\n", encoding="latin-1")
    built = build(tmp_path)
    assert built["verb_communication"] == ["bemoan"]
    assert built["noun_communication"] == ["refusal"]
    assert built["noun_speaker"] == ["senator"]


def test_attributions_wordnet_json_shipped():
    from eventcoder.attribution import load
    data = load("wordnet")
    assert "bemoan" in data["verb_communication"] and "hit" not in data["verb_communication"]
    assert "refusal" in data["noun_communication"] and "senator" in data["noun_speaker"]


# --------------------------------------------------------------------------- issue-5 round 3
GENERIC_FAR = ("Zemblan armed forces said they had captured the village of Mirny.\n\n"
               "Farmers protested in the capital on Sunday.\n\n"
               "The president met envoys in the port city.\n\n"
               "The army said it had not carried out any air strikes near Mirny.")
GENERIC_NEAR = ("The Zemblan Army said it had captured the village of Mirny.\n\n"
                "The army said it had not carried out any air strikes near Mirny.")
GENERIC_OTHER_HEAD = ("Zemblan armed forces said they had captured Mirny. "
                      "The army said it had not carried out any air strikes.")
GENERIC_PREV_PARA = ("The Zemblan Ministry of Water said 40 wells had been repaired.\n\n"
                     "Ten more were dug in the south, the ministry said.")


@pytest.mark.parametrize("text, entities, expected", [
    # "the army" grouped (wrongly) with an entity named three paragraphs back under another
    # head noun: unresolved, the source keeps its own text
    (GENERIC_FAR, [("Zemblan Armed Forces", "ORG", ["Zemblan armed forces", "The army"])], None),
    # same head noun in the previous paragraph: resolved
    (GENERIC_NEAR, [("Zemblan Army", "ORG", ["The Zemblan Army", "The army"])], "E1"),
    # another head noun, even in the same paragraph: unresolved
    (GENERIC_OTHER_HEAD, [("Zemblan Armed Forces", "ORG", ["Zemblan armed forces", "The army"])], None),
    # "the ministry" after the ministry's full name in the paragraph before
    (GENERIC_PREV_PARA, [("Zemblan Ministry of Water", "ORG", ["Zemblan Ministry of Water"])], "E1"),
])
def test_attributions_generic_nominal_source_window(text, entities, expected):
    result = _result(text, entities)
    span = "the army" if "the army" in text.lower() else "the ministry"
    start = text.lower().rindex(span)
    assert resolve_source(result, None, start, start + len(span))[0] == expected


@pytest.mark.slow
def test_attributions_generic_nominal_source_keeps_text(attribute):
    atts, _ = attribute(GENERIC_FAR, [("Zemblan Armed Forces", "ORG", ["Zemblan armed forces", "The army"])])
    a = atts[-1]
    assert (a.source.text, a.source.entity) == ("The army", None)


@pytest.mark.parametrize("text, entities, expected", [
    # three sentences back and across a paragraph: outside the same/previous-sentence window
    ("The Zemblan army shelled the town.\n\nRain fell all week. Crops failed in the valley. It said more.",
     [("Zemblan army", "ORG", ["Zemblan army"])], None),
    # "it" is never a person
    ("Governor Ana Petrescu spoke. It said more.", [("Ana Petrescu", "PERSON", ["Ana Petrescu"])], None),
    # previous sentence: resolved
    ("The Zemblan army shelled the town. It said more.", [("Zemblan army", "ORG", ["Zemblan army"])], "E1"),
])
def test_attributions_pronoun_source_window(text, entities, expected):
    result = _result(text, entities)
    start = text.rindex("It")
    assert resolve_source(result, None, start, start + 2)[0] == expected


@pytest.mark.slow
@pytest.mark.parametrize("text, entities, cue, expected", [
    # the subject of the previous sentence, not the nearer object
    ("The Zemblan government sent troops to the border, angering Ruritania. It said the move was defensive.",
     [("Government of Zembla", "ORG", ["The Zemblan government"]), ("Ruritania", "GPE", ["Ruritania"])],
     "said", "E1"),
    # a possessor is the subject of its noun ("Zembla's tightening grip on a coast it claims")
    ("Aid workers left in a sign of Zembla's tightening grip on a coast it claims to control.",
     [("Zembla", "GPE", ["Zembla"])], "claims", "E1"),
    # a nationality adjective is a modifier, not the antecedent; "they" takes the subject group
    ("Zemblan police detained two Ruritanian reporters. They said the reporters had no permits.",
     [("Zemblan police", "ORG", ["Zemblan police"]), ("Ruritania", "GPE", ["Ruritanian"])], "said", "E1"),
    # a name inside the subject's phrase beats a nearer object
    ("Critics, including the Zemblan Farmers Union, have urged parliament to drop the tax, although they "
     "say some changes are needed.",
     [("Zemblan Farmers Union", "ORG", ["Zemblan Farmers Union"]), ("parliament", "ORG", ["parliament"])],
     "say", "E1"),
])
def test_attributions_pronoun_source_subject(attribute, text, entities, cue, expected):
    a = _by_cue(attribute(text, entities)[0], cue)
    assert a.source.entity == expected


@pytest.mark.slow
@pytest.mark.parametrize("text, hedged, not_hedged", [
    ("Zemblan troops reportedly shelled the port of Vella on Tuesday.", "shelled", None),
    # clause-scoped: a conjoined clause with its own subject is not covered
    ("Zemblan troops reportedly shelled Vella on Tuesday, and Ruritanian forces retook the town of Osk.", "shelled", "retook"),
    ("Rebel fighters allegedly burned three villages near the border.", "burned", None),
    ("A drone purportedly struck a fuel depot in the border town.", "struck", None),
    # an embedded clause with its own subject keeps its own factuality
    ("Militiamen apparently looted the depot after the guards had fled.", "looted", "fled"),
    # what an unconfirmed report or a rumour is about
    ("There were unconfirmed reports of shelling in the port city of Vella. Rain fell later.", "shelling", "Rain"),
    ("Rumours spread that rebels had seized the airport.", "seized", None),
])
def test_attributions_inline_hedge_clause_scope(attribute, text, hedged, not_hedged):
    _, notes = attribute(text)
    regions = [(s, e) for s, e, fact, why in notes["hedges"] if fact == "unconfirmed" and why.startswith("inline:")]
    h = text.index(hedged)
    assert any(s <= h < e for s, e in regions)
    if not_hedged:
        n = text.index(not_hedged)
        assert not any(s <= n < e for s, e in regions)


@pytest.mark.slow
@pytest.mark.parametrize("text, cue, factuality", [
    ("According to unconfirmed reports, Zemblan troops shelled Vella overnight.", "According to", "unconfirmed"),
    ("According to the mayor, Zemblan troops shelled Vella overnight.", "According to", "asserted"),
    ("The militia is said to have burned the village of Dovro.", "said", "unconfirmed"),
    ("The commander is believed to have fled across the river.", "believed", "unconfirmed"),
    ("The group claimed to have shot down a drone over the capital.", "claimed", "unconfirmed"),
    # an agent names the claimant: the passive is an ordinary report
    ("The attack was reported by the regional governor.", "reported", "asserted"),
])
def test_attributions_hearsay_factuality(attribute, text, cue, factuality):
    assert _by_cue(attribute(text)[0], cue).factuality == factuality


@pytest.mark.slow
def test_attributions_unconfirmed_reports_not_a_paragraph_hedge(attribute):
    # "unconfirmed reports" names a source; it is no hedge sentence over the sentence before
    text = "The mayor said the bridge had reopened. According to unconfirmed reports, shells hit the port."
    atts, notes = attribute(text)
    assert _by_cue(atts, "said").factuality == "asserted"


@pytest.mark.slow
@pytest.mark.parametrize("text, trigger, factuality", [
    ("Zemblan troops reportedly shelled the port of Vella on Tuesday.", "shelled", "unconfirmed"),
    ("Zemblan troops reportedly shelled Vella on Tuesday, and Ruritanian forces retook the town of Osk.", "retook", "asserted"),
    ("The militia is said to have burned the village of Dovro.", "burned", "unconfirmed"),
    ("There were unconfirmed reports of shelling in the port city of Vella.", "shelling", "unconfirmed"),
])
def test_attributions_inline_hedge_reaches_events(extract, text, trigger, factuality):
    result = extract(text)
    ev = [v for v in result.events if v.trigger.text.startswith(trigger)]
    assert ev and ev[0].factuality == factuality


@pytest.mark.slow
@pytest.mark.parametrize("text, cue, source, content", [
    # Session 3 tester fixes: the region closing a "Town, Region" chain belongs to the content;
    # the appositive after it is the speaker
    ("Five civilians died on Friday after Russian shelling of Kupiansk, Kharkiv Oblast, the governor said on Saturday.",
     "said", "the governor", "Five civilians died on Friday after Russian shelling of Kupiansk, Kharkiv Oblast"),
    ("Police said two men were wounded in Nikopol.", "said", "Police", "two men were wounded in Nikopol"),
])
def test_attributions_place_chain_before_speaker(attribute, text, cue, source, content):
    a = _by_cue(attribute(text)[0], cue)
    assert (a.source.text, a.content.text) == (source, content)


@pytest.mark.slow
@pytest.mark.parametrize("text, trigger, factuality", [
    # Session 3 tester fixes: "a claim that could not be verified" qualifies its own sentence's claim
    ("Two homes were shelled in Vovchansk, the mayor said on Friday. The army said it had destroyed a rocket "
     "launcher, a claim that could not be verified.", "shelled", "asserted"),
    ("Two homes were shelled in Vovchansk, the mayor said on Friday. The army said it had destroyed a rocket "
     "launcher, a claim that could not be verified.", "destroyed", "unconfirmed"),
    # a stand-alone hedge sentence still covers the claim before it
    ("Two homes were shelled in Vovchansk, the mayor said on Friday. The report could not be verified.",
     "shelled", "unconfirmed"),
])
def test_attributions_own_claim_hedge_stays_in_its_sentence(extract, text, trigger, factuality):
    result = extract(text, published="2024-07-17")
    ev = next(e for e in result.events if e.trigger.text == trigger)
    assert ev.factuality == factuality


@pytest.mark.slow
@pytest.mark.parametrize("text, source, entity_name", [
    # Session 3 tester fixes: "his office" is the possessor's office, not the possessor; a name
    # after the possessive is the source
    ("Zelensky visited the front on Tuesday, his office said.", "his office", None),
    ("Putin will not travel to the summit, his spokesman Dmitry Peskov said.", "his spokesman Dmitry Peskov",
     "Dmitry Peskov"),
])
def test_attributions_possessive_source_is_not_its_owner(extract, text, source, entity_name):
    result = extract(text, published="2024-07-17")
    a = next(a for a in result.attributions if a.cue.text == "said")
    assert a.source.text == source
    ent = result.entity(a.source.entity) if a.source.entity else None
    assert (ent.name if ent else None) == entity_name
