"""Stage 7, events: who did what to whom, where, when, how many, according to whom, how sure.

For every sentence, verb and noun **triggers** are looked up in the trigger lexicon
(``eventcoder/ontology/triggers.tsv``: PLOVER event type/mode/context per the PLOVER manual 2021,
ACLED event/sub-event type per the ACLED codebook, CAMEO code). Several events per sentence are
kept. Each trigger is then tied to the rest of the document through the spaCy dependency parse:

- **actor / recipient** (entity ids): active subject / direct or prepositional object; in the
  passive the "by" agent is the actor and the subject the recipient; controlled subjects are
  inherited ("agreed to meet", "accused X and urged Y", object control "urged it to undertake");
  noun triggers take possessives, nationality modifiers, "by" phrases and the subject of a light
  verb ("launched an offensive"). **Compound subjects** ("Putin and Erdogan met"): the first
  conjunct is the actor; for reciprocal triggers (meet, talk, agree, clash, ...) with no other
  recipient the second conjunct is the recipient, so one CONSULT event carries both leaders.
  All conjuncts are listed in ``analysis.notes["events"]["args"]``.
  **Speakers are never arguments** of what they report: the tokens of an attribution's source, relay
  and cue are cut out of the argument phrases of events in its content, and so is a noun phrase right
  before a subjectless reporting verb (", regional governor X said", often misparsed as an apposition
  of the object). A **weapon subject** ("Drones struck ...") is no actor: only its owner is ("Russia's
  drones", "Iranian drones", "drones launched by X"). An unresolved it/they/he/she subject of the
  content clause directly under an attribution cue is the attribution's source ("The ICRC said it
  was ready ...").
- **one event per action**: a noun trigger that is the object of a verb trigger of the same PLOVER
  type, or the direct object of one of the same quad class ("sign a security agreement"), is folded
  into the verb's event (``args[id]["folded"]``), its counterpart ("with France") the recipient.
- **casualties**: "..., killing four civilians and wounding 11 others" after an attack verb, or
  "killed two and wounded five" without one, are folded into ONE attack event that carries all the
  counts (fatalities and injuries) and lists the folded triggers in ``args[id]["casualties"]`` (ACLED
  codes one event per attack and aggregates its fatalities; a map shows one feature).
- **places**: location places (``Place.role == "location"``) in the trigger's own clause, except
  counterparts ("with France"); else the place of a governing clause ("travel to Paris ... to sign");
  else the nearest place up the tree ("Olenivka, a camp where POWs died in an explosion"). Not a
  location: a place in a topic phrase ("the conflict/war/crisis in X", the object of "discuss"), in
  a sub-count ("600 settlements, including 75 in Kherson region"), or the container of another
  chosen place in its apposition ("Olenivka, a camp in eastern Ukraine"); the place visited is.
- **time**: the TIMEX3 attached in the trigger's own clause (a DATE/TIME before a DURATION; a DURATION
  without an interval, "after three days of talks", is never the event's time), else the governing clauses', else the
  nearest in the sentence that is not inside another verb trigger's or an embedded finite clause
  ("has accused ... since Russia invaded Ukraine in February 2022": the date is the invasion's).
- **quantities**: counts in the trigger's own clause ("killing at least four civilians").
- **attribution**: the innermost attribution whose content span contains the trigger and that has a
  source; a more deeply nested sourceless one ("is expected to") still gives its factuality
  ("Zelensky is expected to travel ... to sign ..., his office said": source "his office", expected).
- **ACLED instrument**: a shelling-type or armed-clash attack whose subject, "by"/"with" object or
  noun modifier is an aircraft or drone ("Drones struck", "attacked with helicopters", "an air
  strike") is Explosions/Remote violence / Air/drone strike; a missile/rocket/artillery instrument
  keeps Shelling/artillery/missile attack (ACLED codebook, Explosions/Remote violence).
- **factuality** (one of ``model.FACTUALITY``): negated ("did not discuss", "has yet to visit",
  "refused to"), denied ("denied that ..."), hypothetical ("if", "could", "would", "threatened
  to", "urged ... to"), expected ("will", "expected to", "due to", "plans to", "agreed to"),
  unconfirmed ("claims to have", the attribution's factuality, hedges, a following "no immediate
  confirmation"), else asserted.
- **background**: the event's own time ends more than :data:`BACKGROUND_DAYS` days before the
  publication date ("seized in 2014", "since invading in February"; not "killed since February
  2022", which runs up to the report), or it is a completed action in the perfect inside a relative
  clause with no date of its own or a vague past one ("territory it claims to have annexed").
- **recipient frames** beyond object and prepositional objects: see :meth:`_Coder._expand_recipients`
  (demand clauses, infinitive complements, possessors/agents/counterparts inside the object, purpose
  of a protest, a threat's condition, the territory of a coercive action; never a time expression).
- **ACLED territory**: state forces in their own country regain territory, state forces abroad or a
  non-state group overtake it (ACLED codebook, Battles), see :meth:`_Coder._territory_subevent`.

Typing never falls back on a default: a trigger whose lexicon row has no PLOVER type ("fled") is
an event with ``plover=None`` and a ``reason``; rows marked "-" (CAMEO 01 statements such as
"declined to comment") are not events. Territory taken or retaken is PLOVER COERCE/seize (CAMEO
192 "occupy territory" in the CAMEO2PLOVER-2021 table) with ACLED Battles / "Government regains
territory" (liberate, recapture, retake) or "Non-state actor overtakes territory" (capture, seize);
withdrawal is RETREAT/withdraw with ACLED "Non-violent transfer of territory"; evacuation is
AID/humanitarian; detention is COERCE/arrest with ACLED Arrests; prisoner release and exchange are
RETREAT/release.
"""
from __future__ import annotations

import datetime as _dt
import logging
from bisect import bisect_left, bisect_right
import re
from dataclasses import dataclass, field
from typing import Any

from ..errors import Warnings
from ..model import AcledCode, Event, PloverCode, Span
from ..ontology.tables import NOT_EVENT, UNTYPED, Ontology, Trigger, ontology

log = logging.getLogger(__name__)

NAME = "events"
REQUIRES = ("doc", "entities", "places", "times", "quantities", "attributions",)
ASSIGNS = ("events",)

BACKGROUND_DAYS = 30  # an event whose own time ends this many days before publication is background

# Nouns that make a direct object "territory" or "person" for frame selection (triggers.tsv "object").
TERRITORY_NOUNS = frozenset(
    "city town village settlement territory region area position district province oblast base airport "
    "bridge hill land capital stronghold peninsula island port border enclave neighbourhood neighborhood "
    "suburb outskirts front line lines valley river bank coast island zone county state country "
    "municipality locality hamlet crossing checkpoint route road highway railway corridor plant dam facility "
    "airfield harbour harbor".split()
)
PERSON_NOUNS = frozenset(
    "soldier civilian people prisoner person man woman child journalist activist official resident fighter "
    "militant member leader protester demonstrator student worker refugee hostage suspect insurgent rebel "
    "trooper troop officer policeman diplomat citizen national family villager pow captive detainee "
    "volunteer reporter opposition dissident minister president leader delegation envoy ambassador "
    "premier chancellor king".split()
)
CIVILIAN_NOUNS = frozenset(
    "civilian people resident child woman villager refugee family worker student journalist passenger "
    "farmer pedestrian".split()
)
# Triggers whose compound subject ("A and B met") makes the second conjunct the recipient.
RECIPROCAL = frozenset(
    "meet talk discuss negotiate consult confer agree cooperate co-operate collaborate clash fight fighting battle "
    "sign exchange swap summit meeting talks negotiation discussion skirmish".split()
)
# Verbs of an outbreak whose subject is a reciprocal noun ("clashes broke out / erupted between X
# and Y"): their "between" phrase names the parties of the subject.
OUTBREAK_VERBS = frozenset("break erupt flare occur continue resume rage intensify escalate start begin "
                           "ensue happen spread".split())
# Verbs whose object is the subject of their infinitive ("urged it to undertake").
OBJECT_CONTROL = frozenset("urge ask call force order press persuade invite allow tell encourage help forbid".split())
# Light verbs: the noun trigger in their object takes their subject as actor ("launched an offensive").
LIGHT_VERBS = frozenset(
    "launch carry conduct hold stage mount impose announce make begin start continue have give issue declare "
    "order resume step intensify lead undertake take unleash wage provide send extend offer".split()
)
# Governing verbs (trigger in their xcomp/ccomp) -> factuality of the embedded event.
EXPECTED_GOVERNORS = frozenset("expect due plan schedule set intend prepare agree promise pledge offer vow aim "
                               "begin start decide".split())
HYPOTHETICAL_GOVERNORS = frozenset("threaten urge demand ask call want hope seek propose suggest consider warn "
                                   "try attempt need wish request appeal press".split())
NEGATING_GOVERNORS = frozenset("refuse fail decline stop cease avoid".split())
UNCONFIRMED_GOVERNORS = frozenset("claim allege purport rumor rumour".split())
DENYING_GOVERNORS = frozenset("deny dismiss reject".split())
WILL_AUX = frozenset({"will", "shall", "'ll", "wo"})
HYPO_AUX = frozenset({"would", "could", "might", "may", "can", "should", "'d", "must"})
NO_CONFIRMATION = re.compile(
    r"\b(no (immediate |independent )?(confirmation|verification)|could not (be )?(independently )?"
    r"(verif|confirm)|not (been )?(independently )?(verified|confirmed)|unverified|unconfirmed)",
    re.I,
)
REPORTING_LEMMAS = frozenset("say report claim state announce tell add write tweet".split())
# Verbs whose subject reports or describes the event named by their object, not its agent
# ("The Pentagon reported an attack on its base"); "announce" is a light verb ("announced sanctions").
DESCRIBING_VERBS = (REPORTING_LEMMAS - {"announce"}) | frozenset(
    "describe confirm deny cite document record note mention recount detail witness see hear film "
    "photograph show blame".split())
# Verbs whose subject undergoes the event named by their object or "in" phrase ("died in an explosion").
UNDERGOER_VERBS = frozenset("die suffer be remain arrive come live result occur happen lose face fear survive "
                            "undergo witness perish escape sustain receive get".split())
# Heads that let a compound noun be a trigger ("mediation mission", "peace talks" are kept anyway).
# Nominal attackers that name no group: an armed group that reports the attack is its actor.
GENERIC_ATTACKERS = frozenset("militants gunmen fighters insurgents jihadists attackers assailants rebels "
                              "armed men".split()) | {"armed men", "unidentified gunmen", "suspected militants"}
GENERIC_EVENT_HEADS = frozenset("mission effort efforts operation campaign process programme program plan initiative".split())
LABOUR_WORDS = frozenset("worker union teacher employee staff doctor nurse miner driver labour labor "
                         "general hunger strike".split()) - {"strike"}
COOP_OBJECT_NOUNS = frozenset("aid link ties tie relation relations supply supplies contact talk talks mediation "
                              "cooperation visit negotiation assistance flight trade shipment delivery program "
                              "programme dialogue".split())
# Intent cues: a stated future action is coded by PLOVER as AGREE (cooperative action) or
# THREATEN (conflictual action); its negation by the actor ("will not accept") as REJECT.
INTENT_AUX = frozenset({"will", "would", "shall", "'ll", "wo"})
INTENT_GOVERNORS = frozenset("willing ready prepared plan intend vow swear pledge promise offer decide "
                             "determined".split())
# Verbs that say what an earlier event covers ("the offer applies to residents", "the deal covers
# grain exports"): their definite event-noun subject refers back, it is no new event
# Nouns of a demanded action whose "of" object is its beneficiary ("the release of X"), not the
# party asked to act
BENEFIT_NOUNS = frozenset("release freedom return reinstatement pardon acquittal".split())
# Verbs whose object is accused of the act in their "of"/"for" gerund ("accused Russia of shelling")
ACCUSING_VERBS = frozenset("accuse blame charge suspect convict condemn criticise criticize".split())
SCOPE_VERBS = frozenset("apply cover include concern exclude extend".split())
# Plans and intentions of attack reported about a party ("The army plans to launch an offensive")
# are no statement of it: unless reported as its words they code no intent event (the action stays
# expected); a planned policy ("plans to impose restrictions", COERCE) stays a PLOVER statement of intent
PLAN_GOVERNORS = frozenset("plan intend".split())
# Weapons as grammatical subject ("Drones struck a depot"): not an actor; the actor is only the
# possessor ("Russia's drones"), a nationality/organisation modifier ("Iranian-made drones") or a "by" agent.
WEAPON_NOUNS = frozenset("drone uav missile rocket shell bomb artillery mortar projectile munition grenade "
                         "warhead shelling airstrike strike explosive mine ied".split())
# Casualty verbs: "..., killing four and wounding 11" elaborates the attack that governs them.
CASUALTY_LEMMAS = frozenset("kill wound injure maim killing".split())
# Motion verbs whose "to"/"into" object is the destination: the place of a purpose clause
# ("travel to Paris to sign ...").
FLIGHT_LEMMAS = frozenset("flee escape evacuate".split())
MOTION_LEMMAS = frozenset("travel go fly come head return move arrive journey drive sail visit".split())
# Prepositions whose object is a counterpart, not a location ("an agreement with France").
COUNTERPART_PREPS = frozenset({"with", "against", "between"})
# Head nouns of a topic phrase: a place in "the conflict in X" is what is talked about, not where.
TOPIC_NOUNS = frozenset("conflict war crisis situation peace tension tensions future status issue question "
                        "settlement invasion occupation".split())
# Discussion triggers: a place inside their object is the topic ("discuss the crisis in Gaza").
DISCUSS_LEMMAS = frozenset("discuss talk negotiate debate consider address raise review".split())
# Why a recognised trigger has no PLOVER type (triggers.tsv rows with "?"), by lexicon key.
_ACCESS_REASON = ("an attempt to obtain access, neither access granted (RETREAT, CAMEO 086) nor a verbal "
                  "request (REQUEST)")
UNTYPED_REASONS = {f"{v} access": _ACCESS_REASON for v in ("secure", "gain", "obtain", "seek")}
_END_WAR_REASON = ("ending a war is an aim or outcome, not an action on a recipient; PLOVER types the means "
                   "(ceasefire RETREAT, talks CONSULT, agreement AGREE), never SANCTION (CAMEO 16 reduces cooperation)")
UNTYPED_REASONS.update({f"{v} {o}": _END_WAR_REASON
                        for v in ("end", "stop") for o in ("war", "conflict", "fighting", "hostility", "violence",
                                                           "bloodshed", "invasion", "occupation")})
# Instrument nouns of an attack from the air (ACLED codebook, Explosions/Remote violence: "Air/drone
# strike") and of ground-launched fire ("Shelling/artillery/missile attack").
AIR_NOUNS = frozenset("drone uav aircraft warplane plane jet helicopter bomber air airstrike airplane "
                      "gunship kamikaze shahed airpower aviation".split())
GROUND_FIRE_NOUNS = frozenset("missile rocket shell shelling artillery mortar howitzer gun cannon "
                              "launcher".split())
# Force on demonstrators (ACLED codebook, Protests sub-events): what the force targets, the weapons
# that make it lethal, and the verbs of lethal or seriously injuring force.
PROTEST_TARGETS = frozenset("protester protesters protestor protestors demonstrator demonstrators marcher "
                            "marchers protest protests demonstration demonstrations rally rallies sit-in".split())
# What plain "fire at/on" hits when it is gunfire on people, not shelling (see ``_crowd_fire``),
# and the words that keep it a heavy-weapon attack.
CROWD_TARGETS = PROTEST_TARGETS | frozenset("crowd crowds mourner mourners worshipper worshippers "
                                            "protest-goer crowd-goer".split())
HEAVY_WEAPON_WORDS = (GROUND_FIRE_NOUNS - {"gun"}) | frozenset("shells grad tank tanks grenade grenades "
                                                               "bomb bombs explosive explosives".split())
FIREARM_NOUNS = frozenset("bullet round ammunition gunfire rifle gun firearm".split())
LETHAL_FORCE_LEMMAS = frozenset("kill shoot beat bludgeon club stab wound maim massacre gun".split())
# Attack nouns that name no weapon: their instrument may come from the rest of the sentence.
BARE_ATTACK_NOUNS = frozenset("strike strikes attack raid bombing".split())
DEMAND_REPORTERS = frozenset("say declare reiterate conclude issue insist warn stress tell state add write "
                             "announce argue remind urge".split())
# ACLED Battles sub-events of territory changing hands by force, and the PLOVER/CAMEO sectors of state forces.
TERRITORY_SUBEVENTS = frozenset({"Government regains territory", "Non-state actor overtakes territory"})
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY"})
# Forces and staff nouns: with a possessive pronoun they are the actor's own ("its troops").
OWN_FORCE_NOUNS = frozenset("troop troops force forces soldier army military peacekeeper contingent unit inspector "
                            "monitor observer diplomat ambassador staff personnel worker citizen national "
                            "embassy mission".split())
# Prepositions that put a noun event before or after the governing one ("since the invasion").
# Verbs of defence against an attack noun: their subject is the defender (the recipient), not the
# attacker ("Troops repelled a terrorist attack"). Prevention verbs (thwart, foil, prevent, avert) say
# the attack did not take place: the event is negated.
DEFENCE_VERBS = frozenset("repel repulse withstand resist thwart foil prevent avert counter survive".split())
DEFENCE_PHRASAL = {"fend": {"off"}, "fight": {"off"}, "beat": {"back", "off"}, "drive": {"back", "off"},
                   "push": {"back"}, "ward": {"off"}}
PREVENTION_VERBS = frozenset("thwart foil prevent avert".split())
TEMPORAL_PREPS = frozenset("since after before following until prior".split())
# Diseases and natural or accidental disasters: as the subject or "by" agent of a casualty verb ("The
# flu has killed 105 children", "killed by an earthquake") they are no actor, and PLOVER/ACLED code
# only acts of organised parties: such a casualty verb is left untyped with a reason.
NATURAL_CAUSES = frozenset(
    "flu influenza cholera disease virus coronavirus covid covid-19 pandemic epidemic outbreak malaria measles "
    "ebola dengue tuberculosis infection illness sickness earthquake quake aftershock flood floods flooding "
    "storm hurricane cyclone typhoon tornado landslide mudslide avalanche heatwave heat drought famine "
    "starvation hunger wildfire wildfires bushfire tsunami eruption volcano lightning blizzard snowstorm "
    "rain rains monsoon cold accident crash".split())
_NATURAL_REASON = ("deaths or injuries caused by {cause!r}: a disease or natural disaster is no actor, and "
                   "PLOVER/ACLED code acts of organised parties only")
# Head nouns whose "of" object is a possible, feared or generic event, not a reported one ("the
# consequences of missile strikes", "the risk of attack", "the threat of invasion").
POSSIBILITY_NOUNS = frozenset("consequence consequences risk threat danger fear fears possibility prospect "
                              "likelihood chance spectre specter hazard".split())
# Subordinators that make their clause non-factual ("an investigation into whether he abused ...").
NONFACTUAL_MARKS = frozenset({"if", "unless", "whether"})
# Predicates whose negation or modality is the event's own when its noun is their subject ("the
# attack did not happen", "talks will take place"); other predicates say something about the event
# ("support for the war will not go unanswered": the support is asserted).
OCCURRENCE_LEMMAS = frozenset("happen occur take proceed materialize materialise begin start resume hold "
                              "be continue last end come".split())
# Nouns whose "to"-clause is the decided action, reported as taken ("the decision to suspend talks").
DECISION_NOUNS = frozenset("decision move choice".split())
# Statement verbs and nouns whose "on"/"about"/"of" object names an event the report already told
# ("did not comment on the attack", "gave no details of the strike"): a reference, not a new event.
REFERRING_HEADS = frozenset("comment elaborate respond react speak details detail information comments "
                            "statement remark remarks".split())
FACTUALITY_RANK = {"asserted": 0, "unconfirmed": 1, "expected": 2, "hypothetical": 3, "denied": 4, "negated": 5}


@dataclass
class _Match:
    token: Any  # the anchor token (spaCy Token)
    row: Trigger
    tokens: list = field(default_factory=list)  # all tokens of the trigger phrase


def run(analysis) -> None:
    """Add :class:`Event` records (ids ``V1``...) to ``analysis.result.events`` and argument spans
    to ``analysis.notes["events"]``. Never raises on odd input: a sentence that fails is logged and
    skipped."""
    doc = analysis.doc
    result = analysis.result
    if doc is None:
        return
    onto = ontology()
    coder = _Coder(analysis, onto)
    events: list[Event] = []
    for sent in doc.sents:
        try:
            events.extend(coder.code_sentence(sent))
        except (ValueError, IndexError, KeyError, AttributeError, TypeError) as exc:  # one bad sentence never empties the rest
            log.warning("events: sentence at %d skipped: %s", sent.start_char, exc)
    events.sort(key=lambda e: (e.trigger.start, e.trigger.end))
    args = analysis.notes.setdefault(NAME, {}).setdefault("args", {})
    renamed = {}
    for i, ev in enumerate(events, 1):
        renamed[ev.id] = f"V{i}"
        ev.id = f"V{i}"
    for v in coder.args.values():
        for key in ("intent_of", "demand_of", "derived_from", "actor_from", "casualties_of", "merged_into"):
            if v.get(key) in renamed:
                v[key] = renamed[v[key]]
    analysis.notes[NAME]["args"] = {renamed[k]: v for k, v in coder.args.items() if k in renamed}
    analysis.notes[NAME]["statements"] = coder.statements
    for r in coder.references:
        r["refers_to"] = renamed.get(r["refers_to"], r["refers_to"])
    analysis.notes[NAME]["references"] = coder.references
    del args
    result.events.extend(events)


class _Coder:
    """Codes the events of one document (holds the indexes built from earlier stages)."""

    def __init__(self, analysis, onto: Ontology):
        self.analysis = analysis
        self.result = analysis.result
        self.doc = analysis.doc
        self.onto = onto
        self._near_index: dict[str, tuple] = {}
        self._tokens_cache: dict[tuple[int, int], list] = {}
        self.args: dict[str, dict] = {}
        self._n = 0
        self.history: list[Event] = []
        self._trigger_tokens: set[int] = set()
        self.statements: list[dict] = []
        self.references: list[dict] = []
        self.published = _parse_date(analysis.published)
        hedges = (analysis.notes.get("attributions") or {}).get("hedges", []) or []
        self.hedges = [h for h in (_hedge(h) for h in hedges) if h]

    # ---------------------------------------------------------------- triggers
    def find_triggers(self, sent) -> list[_Match]:
        """Lexicon matches in a sentence, most specific row per anchor token."""
        out: list[_Match] = []
        for tok in sent:
            if tok.pos_ not in ("VERB", "NOUN") or tok.dep_ == "amod":
                continue
            if tok.dep_ == "compound" and tok.head.lemma_.lower() not in GENERIC_EVENT_HEADS:
                continue
            if tok.tag_ == "VBN" and tok.i < tok.head.i and tok.head.pos_ in ("NOUN", "PROPN") and tok.dep_ not in ("ROOT", "ccomp", "xcomp", "conj"):
                continue  # prenominal participle: a state ("occupied provinces"), not an event
            if self._misparsed_prenominal(tok):
                continue  # a "partially occupied" noun modifier parsed as a clause
            if tok.pos_ == "VERB" and tok.tag_ == "VBN" and tok.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj") and any(
                c.dep_ == "det" for c in tok.children
            ):
                continue  # a past participle used as a noun ("evacuate the wounded"): people, not an event
            if tok.ent_type_ in ("ORG", "FAC", "LAW", "WORK_OF_ART", "PRODUCT") and tok.pos_ == "NOUN":
                continue
            lemma = tok.lemma_.lower()
            rows = self.onto.triggers_by_word.get(lemma, [])
            if not rows and tok.pos_ == "NOUN":
                rows = self.onto.triggers_by_word.get(tok.lower_, [])
            best: tuple | None = None
            for row in rows:
                if ("V" if tok.pos_ == "VERB" else "N") not in row.pos:
                    continue
                phrase = self._phrase_tokens(tok, row)
                if phrase is None:
                    continue
                frame_ok = self._frame_holds(tok, row.frame)
                if not frame_ok:
                    continue
                key = (len(row.words), row.frame != "any", row.confidence)
                if best is None or key > best[0]:
                    best = (key, row, phrase)
            if best is not None:
                out.append(_Match(tok, best[1], best[2]))
        # a word of an untyped phrase trigger is not a trigger of its own ("secure access": not RETREAT
        # 'access'); typed phrases keep their inner nouns (folded into the verb's event later)
        inner = {t.i for m in out if len(m.tokens) > 1 and m.row.plover == UNTYPED
                 for t in m.tokens if t.i != m.token.i}
        return [m for m in out if m.token.i not in inner]

    def _misparsed_prenominal(self, tok) -> bool:
        """True for a bare past participle that the parser made a clause although it sits inside a
        noun phrase: no auxiliary, a determiner/numeral/adjective before it (adverbs skipped), and
        its "object" right after it with only adjectives or compounds between ("four partially
        occupied Ukrainian provinces"). A finite verb ("Russia occupied the provinces") is VBD."""
        if tok.tag_ != "VBN" or tok.pos_ != "VERB" or any(c.dep_ in ("aux", "auxpass") for c in tok.children):
            return False
        j = tok.i - 1
        while j >= tok.sent.start and self.doc[j].pos_ == "ADV":
            j -= 1
        if j < tok.sent.start or self.doc[j].pos_ not in ("DET", "NUM", "ADJ"):
            return False
        obj = next((c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i), None)
        if obj is None:
            return False
        return all(self.doc[k].pos_ in ("ADJ", "PROPN", "NOUN") and self.doc[k].dep_ in ("amod", "compound")
                   for k in range(tok.i + 1, obj.i))

    def _phrase_tokens(self, tok, row: Trigger) -> list | None:
        """The tokens of ``row``'s phrase anchored on ``tok``, or None if it does not match."""
        lemma = tok.lemma_.lower()
        anchor = row.words[-1] if tok.pos_ == "NOUN" else row.words[0]
        if len(row.words) == 1:
            return [tok] if lemma == anchor or tok.lower_ == anchor else None
        if lemma != anchor:
            return None
        rest = list(row.words)
        rest.remove(anchor)
        found = [tok]
        near = list(tok.children)
        for child in tok.children:
            if child.dep_ in ("prep", "dobj", "xcomp", "prt", "pobj"):
                near.extend(child.children)
        for word in rest:
            hit = next((c for c in near if c.lemma_.lower() == word or c.lower_ == word), None)
            if hit is None:
                return None
            found.append(hit)
        return sorted(found, key=lambda t: t.i)

    def _frame_holds(self, tok, frame: str) -> bool:
        if frame == "any":
            return True
        if frame == "clause":
            return any(c.dep_ == "ccomp" for c in tok.children)
        if frame == "object":
            return any(c.dep_ == "dobj" for c in tok.children)
        if frame == "labour":
            return any(t.lemma_.lower() in LABOUR_WORDS for t in tok.sent)
        if frame == "protester":
            # "protesters gathered in the square": a gathering of demonstrators is a protest
            return any(c.dep_ == "nsubj" and (c.lemma_.lower() in PROTEST_TARGETS or c.lower_ in PROTEST_TARGETS)
                       or c.dep_ == "nsubj" and any(g.dep_ == "prep" and g.lower_ == "of" and any(
                           x.lower_ in PROTEST_TARGETS for x in g.children) for g in c.children)
                       for c in tok.children)
        if frame == "weapon":
            # "a Russian missile hit a market", "the town was hit by drones": a weapon noun as the
            # subject or "by" agent ("the storm hit", "sanctions hit the economy" are no attack; an
            # attack noun subject, "the strike hit a depot", is the event itself)
            agents = [c for c in tok.children if c.dep_ == "nsubj"]
            agents += [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            attack_nouns = BARE_ATTACK_NOUNS | {"shelling", "airstrike", "airstrikes"}
            return any((self._is_weapon(a) or a.lemma_.lower() in GROUND_FIRE_NOUNS)
                       and a.lemma_.lower() not in attack_nouns and a.lower_ not in attack_nouns for a in agents)
        if frame == "coop":
            obj = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)
            if obj is None:
                return False
            lemma = obj.lemma_.lower()
            if lemma in COOP_OBJECT_NOUNS or any(c.lemma_.lower() in COOP_OBJECT_NOUNS for c in obj.children if c.dep_ == "compound"):
                return True
            return any(
                r.plover in ("AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID") and "N" in r.pos and len(r.words) == 1
                for r in self.onto.triggers_by_word.get(lemma, [])
            )  # single-word rows only: "war game" (COOPERATE) does not make "war" a cooperation noun
        patient = self._patient(tok)
        if patient is None:
            return False
        kind = self._object_class(patient)
        return kind == frame

    def _patient(self, tok):
        """The undergoer of a trigger: direct object, passive subject, relative-clause head or
        participle head; for nouns the "of" object."""
        for c in tok.children:
            if c.dep_ in ("dobj", "nsubjpass", "attr"):
                return c
        if tok.pos_ == "VERB":
            if tok.dep_ == "relcl" and not any(c.dep_ == "dobj" for c in tok.children):
                return tok.head
            if tok.dep_ == "acl" and tok.tag_ == "VBN":
                return tok.head
        else:
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    return next((g for g in c.children if g.dep_ == "pobj"), None)
        return None

    def _object_class(self, tok) -> str:
        span_start, span_end = tok.idx, tok.idx + len(tok)
        for p in self._near("places", min(span_start, tok.left_edge.idx), max(span_end, tok.head.idx + len(tok.head))):
            if p.start <= span_start < p.end or span_start <= p.start < tok.head.idx + len(tok.head) and p.start >= tok.left_edge.idx and p.end <= span_end:
                return "territory"
        if tok.ent_type_ in ("GPE", "LOC", "FAC"):
            return "territory"
        lemma = tok.lemma_.lower()
        if lemma in TERRITORY_NOUNS:
            return "territory"
        if tok.ent_type_ in ("PERSON", "NORP", "ORG") or lemma in PERSON_NOUNS:
            return "person"
        if tok.pos_ == "PRON" and tok.lower_ in ("him", "her", "them", "us", "me"):
            return "person"
        return "other"

    # ---------------------------------------------------------------- sentences
    def code_sentence(self, sent) -> list[Event]:
        matches = self.find_triggers(sent)
        trig_index = {m.token.i: m for m in matches}
        self._trigger_tokens = set(trig_index)
        self._speakers = self._speaker_tokens(sent)
        # a noun trigger that repeats its governing verb trigger ("sign a security agreement") is
        # folded into the verb's event: its phrase becomes part of the verb's clause
        self._merged: dict[int, list] = {}
        self._folded_rows: dict[int, Trigger] = {}
        for m in matches:
            if m.row.plover == NOT_EVENT:
                continue
            gov = self._same_type_governor(m, trig_index)
            if gov is not None:
                self._merged.setdefault(gov.token.i, []).append(m.token)
                self._folded_rows[m.token.i] = m.row
        folded = {t.i for toks in self._merged.values() for t in toks}
        live_index = {i: m for i, m in trig_index.items() if i not in folded}
        events: list[Event] = []
        for m in matches:
            if m.row.plover == NOT_EVENT:
                # a statement (CAMEO 01): kept in the notes so consumers can tell comment from action
                self.statements.append({"start": m.token.idx, "end": m.token.idx + len(m.token),
                                        "text": m.token.text, "cameo": m.row.cameo})
                continue
            if m.token.i in folded:
                continue
            if self._refers_back(m, events):
                continue
            events.append(self.code_match(m, sent, live_index))
        self._implicit_agents(events, matches)
        self._embedded_recipients(events, matches)
        self._casualties(events, matches)
        for ev in events:
            if ev.plover is not None and ev.plover.event_type == "ASSAULT":
                self._keep_recipient_place(ev)  # "shelled Kharkiv": the town attacked is where it happened
        events.extend(self._intents(events, matches, sent))
        events.extend(self._demands(sent, events))
        dictionary = getattr(self.analysis.resources, "cameo_dictionary", None)
        if dictionary is not None:  # user CAMEO dictionaries (Settings.cameo_dictionary)
            from ..ontology.petrarch_dictionary import code_sentence as dictionary_code_sentence

            events = dictionary_code_sentence(self, dictionary, sent, events, live_index)
        self.history.extend(events)
        self.history = self.history[-12:]
        return events

    def _refers_back(self, m: _Match, events: list[Event]) -> bool:
        """True when the noun trigger of ``m`` is a definite reference, in the object of a statement
        verb or noun, to an event of the same trigger lexicon PLOVER type already coded in this
        document ("Russian drones attacked Odesa. The ministry did not comment on the attack.";
        "gave no details of the strike"): a reference, not a new event (ACLED codes the attack once).
        The reference is kept in ``notes["events"]["references"]`` with ``refers_to`` (an event id)."""
        tok = m.token
        if (tok.pos_ == "NOUN" and m.row.plover not in (NOT_EVENT, UNTYPED) and tok.dep_ in ("nsubj", "nsubjpass")
                and tok.head.lemma_.lower() in SCOPE_VERBS and tok.head.i not in self._trigger_tokens
                and any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "its", "their")
                        for c in tok.children)):
            # "The deal covers mainly families in the eastern district": what an earlier offer,
            # deal or plan covers is no new event of that type
            prior = [e for e in list(self.history) + list(events)
                     if e.plover is not None and e.plover.event_type == m.row.plover and e.trigger.start < tok.idx]
            if prior:
                self.references.append({"start": tok.idx, "end": tok.idx + len(tok), "text": tok.text,
                                        "refers_to": prior[-1].id})
            return True
        if tok.pos_ != "NOUN" or m.row.plover in (NOT_EVENT, UNTYPED) or tok.dep_ != "pobj":
            return False
        if not any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "its", "their")
                   for c in tok.children):
            return False
        prep = tok.head
        if prep.lower_ not in ("on", "about", "of", "to") or prep.head.lemma_.lower() not in REFERRING_HEADS:
            return False
        prior = [e for e in list(self.history) + list(events)
                 if e.plover is not None and e.plover.event_type == m.row.plover and e.trigger.start < tok.idx]
        if not prior:
            return False
        self.references.append({"start": tok.idx, "end": tok.idx + len(tok), "text": tok.text,
                                "refers_to": prior[-1].id})
        return True

    def _speaker_tokens(self, sent) -> list[tuple[set[int], tuple[int, int] | None]]:
        """Who reports, per sentence: ``(token indices, scope)`` pairs. The tokens of an attribution's
        source, "via" and cue are never an argument of an event inside its content (scope = content
        char range); the noun phrase right before a reporting verb that the parser left without a
        subject (", regional governor X said", misparsed as an apposition of the object) is never an
        argument of any event of the sentence (scope None)."""
        out: list[tuple[set[int], tuple[int, int] | None]] = []
        for a in self._near("attributions", sent.start_char, sent.end_char, key=_cue_range):
            if not (sent.start_char <= a.cue.start < sent.end_char):
                continue
            spans = [a.cue] + ([a.source] if a.source is not None else []) + list(a.via or [])
            toks = {t.i for sp in spans for t in self._tokens_of(sp.start, sp.end)}
            if toks:
                out.append((toks, (a.content.start, a.content.end)))
        for r in sent:
            if r.pos_ != "VERB" or r.lemma_.lower() not in REPORTING_LEMMAS:
                continue
            if any(c.dep_ in ("nsubj", "nsubjpass") for c in r.children):
                continue
            toks: set[int] = set()
            j = r.i - 1
            while j >= sent.start and self.doc[j].pos_ in ("PROPN", "NOUN", "ADJ", "DET", "PRON") and not self.doc[j].is_punct:
                toks.add(j)
                j -= 1
            if toks and j >= sent.start and self.doc[j].is_punct and any(self.doc[k].pos_ in ("PROPN", "NOUN") for k in toks):
                out.append((toks, None))
        return out

    def _excluded_tokens(self, tok) -> set[int]:
        """Speaker tokens that may not be arguments of the trigger ``tok`` (see :meth:`_speaker_tokens`)."""
        out: set[int] = set()
        for toks, scope in getattr(self, "_speakers", []):
            if tok.i in toks:
                continue
            if scope is None or scope[0] <= tok.idx < scope[1]:
                out |= toks
        return out

    def _casualties(self, events: list[Event], matches: list[_Match]) -> None:
        """Casualty clauses are part of one attack, never events of their own (ACLED codes one event
        per attack and takes its fatalities from it; a map shows one feature). "shelled the city,
        killing four civilians and wounding 11 others" and "a suicide bombing that killed 20 people":
        the killing and wounding are folded into the shelling or the bombing; "A strike killed two and wounded five" (no attack verb): the wounding is folded into
        the killing, which is the attack. The attack gets the casualty quantities (fatalities and
        injuries), their place and time when it has none, and
        ``notes["events"]["args"][id]["casualties"]`` lists the folded triggers with their
        quantities. Civilian victims make an attack coded Battles (or without an ACLED type)
        Violence against civilians / Attack (ACLED codebook, Violence against civilians); remote
        violence (shelling, strikes) keeps its type."""
        by_start = {m.token.idx: m for m in matches}
        ev_by_start = {e.trigger.start: e for e in events}
        # anchor token -> event ("suicide bombing": the trigger starts before its anchor noun)
        ev_by_anchor = {m.token.i: ev_by_start.get(min(t.idx for t in m.tokens)) for m in matches}

        def is_casualty(ev, tok) -> bool:
            return (ev is not None and ev.plover is not None and ev.plover.event_type == "ASSAULT"
                    and (tok.lemma_.lower() in CASUALTY_LEMMAS or tok.lower_ in CASUALTY_LEMMAS))

        folded: list[tuple[Event, Event]] = []
        for ev in events:
            m = by_start.get(ev.trigger.start)
            if m is None or not is_casualty(ev, m.token):
                continue
            cur = m.token
            attack = carrier = None
            if ev.actor is None or any(c.dep_ in ("nsubjpass", "auxpass") for c in cur.children):
                # "three people were killed when Russian artillery hit Kupiansk": the agentless
                # casualty clause is the outcome of the attack in its temporal clause
                for c in cur.children:
                    if c.dep_ != "advcl" or not any(g.lower_ in ("when", "as", "after") for g in c.children
                                                    if g.dep_ in ("advmod", "mark")):
                        continue
                    # the clause's verb ("a missile hit"), else its attack noun subject ("a strike hit")
                    for x in [c] + [g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]:
                        cand = ev_by_anchor.get(x.i)
                        if cand is not None and cand.plover is not None and cand.plover.event_type == "ASSAULT" and (
                            not is_casualty(cand, x)
                        ):
                            attack = cand
                            break
                    if attack is not None:
                        break
            for _ in range(4 if attack is None else 0):
                # "a suicide bombing ... that killed 20 people": a relative clause on the attack noun
                if cur.dep_ not in ("conj", "advcl", "xcomp", "relcl") or cur.head.i == cur.i:
                    break
                if cur.dep_ == "relcl" and cur.head.pos_ != "NOUN":
                    break
                via = cur.dep_
                cur = cur.head
                cand = ev_by_anchor.get(cur.i) or ev_by_start.get(cur.idx)
                if cand is None and cur.pos_ in ("VERB", "AUX") and via in ("advcl", "xcomp"):
                    # "An airstrike hit a market in X, killing 15": the attack noun is the subject
                    # of the governing verb, which is no trigger itself
                    for ch in cur.children:
                        if ch.dep_ in ("nsubj", "nsubjpass"):
                            sub = ev_by_anchor.get(ch.i)
                            if sub is not None and sub.plover is not None and sub.plover.event_type == "ASSAULT" and (
                                not is_casualty(sub, ch)
                            ):
                                cand = sub
                if cand is None or cand.plover is None or cand.plover.event_type != "ASSAULT":
                    continue
                if not is_casualty(cand, cur):
                    attack = cand
                    break
                if via == "conj":
                    carrier = cand  # "killed two and wounded five": the first casualty verb carries the attack
            target = attack or carrier
            if target is None:
                continue
            folded.append((ev, target))
        gone = {id(ev) for ev, _t in folded}
        for ev, target in folded:
            while id(target) in gone:  # a casualty folded into one that is itself folded
                target = next(t for e, t in folded if e is target)
            civilian = ev.acled is not None and ev.acled.event_type == "Violence against civilians"
            if civilian and (target.acled is None or target.acled.event_type == "Battles"):
                target.acled = AcledCode("Violence against civilians", "Attack")
            for q in ev.quantities:
                if q not in target.quantities:
                    target.quantities.append(q)
            target.quantities.sort(key=lambda qid: int(qid[1:]) if qid[1:].isdigit() else 0)
            if not target.places and ev.places:
                target.places = list(ev.places)
            if target.time is None and ev.time is not None:
                target.time, target.background = ev.time, ev.background
            if ev.recipient is not None and (target.recipient is None or self._is_territory_entity(target.recipient)) and (
                self._is_people_entity(ev.recipient)
            ):
                # "shelled the city, killing four civilians": the victims, not the town, are the
                # target (the town stays the place; ACLED: actor2 Civilians when they bear the harm)
                self._keep_recipient_place(target)
                target.recipient = ev.recipient
            elif target.recipient is None and ev.recipient is not None:
                target.recipient = ev.recipient
            self.args.setdefault(target.id, {}).setdefault("casualties", []).append(
                {"start": ev.trigger.start, "end": ev.trigger.end, "text": ev.trigger.text,
                 "quantities": list(ev.quantities)})
        if gone:
            events[:] = [e for e in events if id(e) not in gone]
        for ev in events:
            # a casualty verb that is the attack itself hangs on a verb that is no trigger ("Missiles
            # hit a block in X, killing two"): that clause gives the place and the weapon
            m = by_start.get(ev.trigger.start)
            if m is None or not is_casualty(ev, m.token):
                continue
            head = m.token.head
            if m.token.dep_ not in ("advcl", "xcomp", "conj") or head.pos_ != "VERB" or head.i in self._trigger_tokens:
                continue
            if not ev.places:
                inner = {t.i for t in m.token.subtree}
                for p in self._near("places", head.left_edge.idx, head.right_edge.idx + len(head.right_edge)):
                    toks = self._tokens_of(p.start, p.end)
                    if p.role == "location" and toks and toks[-1].i not in inner and any(
                        t.i == toks[-1].i for t in head.subtree
                    ) and not self._place_is_topic_or_subset(toks[-1], head):
                        ev.places.append(p.id)
            instrument = self._attack_instrument(head)
            if instrument == "air":
                ev.acled = AcledCode("Explosions/Remote violence", "Air/drone strike")
            elif instrument == "ground":
                ev.acled = AcledCode("Explosions/Remote violence", "Shelling/artillery/missile attack")

    def _new_event(self, base: Event, cue, plover: str, cameo: str, reason: str, actor=None, recipient=None) -> Event:
        """A derived verbal event (intent, demand) triggered by the cue token ``cue``."""
        self._n += 1
        eid = f"tmp{self._n}"
        row = self.onto.plover[plover]
        base_args = self.args.get(base.id, {}) if base else {}
        self.args[eid] = {
            "derived_from": base.id if base else None,
            "actor": list(base_args.get("actor", [])),
            "recipient": list(base_args.get("recipient", [])),
        }
        return Event(
            id=eid,
            trigger=Span(cue.idx, cue.idx + len(cue), cue.text),
            plover=PloverCode(plover, None, []),
            sentence=base.sentence if base else Span(cue.sent.start_char, cue.sent.end_char, cue.sent.text),
            acled=None,
            cameo=cameo,
            quad_class=self.onto.quad_class(plover, cameo) or row.quad_class,
            actor=actor if actor is not None or base is None else base.actor,
            recipient=recipient if recipient is not None or base is None else base.recipient,
            places=list(base.places) if base else [],
            time=base.time if base else None,
            attribution=base.attribution if base else None,
            factuality="asserted",
            confidence=max(0.0, round((base.confidence if base else 0.6) - 0.1, 2)),
            reason=reason,
        )

    def _intents(self, events: list[Event], matches: list[_Match], sent) -> list[Event]:
        """Statements of future action ("will withdraw", "is ready to send", "vowed to fight"):
        PLOVER codes the statement itself as AGREE (cooperative action, quad 1-2) or THREATEN
        (conflictual, quad 3-4), and "will not accept" as REJECT. The action keeps its own event
        (factuality expected/hypothetical); the intent event is added, triggered by the cue word."""
        out = []
        by_start = {m.token.idx: m for m in matches}
        for ev in events:
            if ev.plover is None or ev.plover.event_type in ("THREATEN", "REJECT", "REQUEST", "ACCUSE"):
                continue
            m = by_start.get(ev.trigger.start)
            if m is None:
                continue
            tok = m.token
            if tok.pos_ == "NOUN" and tok.dep_ == "dobj" and tok.head.pos_ == "VERB" and tok.head.i not in self._trigger_tokens:
                tok = tok.head  # "will extend the curfew", "would not provide support": the governing verb
            if ev.plover.event_type == "AGREE" and not any(c.dep_ == "neg" for c in tok.children):
                continue
            if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in tok.children):
                continue
            cue, negated = None, any(c.dep_ == "neg" for c in tok.children)
            aux = next((c for c in tok.children if c.dep_ == "aux" and c.lower_ in INTENT_AUX), None)
            if aux is not None:
                cue = aux
            else:
                cur = tok
                for _ in range(3):
                    if cur.dep_ not in ("xcomp",) or cur.head.i == cur.i:
                        break
                    cur = cur.head
                    if cur.lemma_.lower() in INTENT_GOVERNORS or cur.lower_ in INTENT_GOVERNORS:
                        cue = cur
                        negated = negated or any(c.dep_ == "neg" for c in cur.children)
                        break
                    if cur.lemma_.lower() == "be":
                        continue
            if cue is None:
                continue
            if cue.lemma_.lower() in PLAN_GOVERNORS and ev.plover.event_type == "ASSAULT" and not any(
                a.lemma_.lower() in REPORTING_LEMMAS for a in cue.ancestors
            ):
                att = next((a for a in self.result.attributions if a.id == ev.attribution), None)
                if att is None or att.cue.start <= cue.idx < att.cue.end:
                    continue  # a plan or intention reported about the party, not a statement of it
            quad = ev.quad_class or self.onto.plover[ev.plover.event_type].quad_class
            if negated:
                if quad not in (1, 2):
                    continue
                plover, cameo = "REJECT", "120"
            else:
                plover, cameo = ("AGREE", "030") if quad in (1, 2) else ("THREATEN", "130")
            reason = f"intent: stated future {ev.plover.event_type} ({ev.trigger.text!r}), PLOVER codes the statement as {plover}"
            intent = self._new_event(ev, cue, plover, cameo, reason)
            self.args[intent.id]["intent_of"] = ev.id
            out.append(intent)
        return out

    def _demands(self, sent, events: list[Event]) -> list[Event]:
        """"X said Y must ..." is a demand by X on Y (CAMEO 10, PLOVER REQUEST), triggered by "must"."""
        out = []
        for tok in sent:
            if tok.lower_ != "must" or tok.dep_ != "aux":
                continue
            verb = tok.head
            if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in DEMAND_REPORTERS:
                continue
            reporter = verb.head
            subj = next((c for c in reporter.children if c.dep_ == "nsubj"), None)
            target = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            actor = self._first_entity(self._conjunct_spans(subj)) if subj is not None else None
            recipient = self._first_entity(self._conjunct_spans(target), exclude=actor) if target is not None else None
            base = next((e for e in events if e.trigger.start == verb.idx), None)
            ev = self._new_event(base, tok, "REQUEST", "100", "demand: 'must' in reported speech", actor=actor, recipient=recipient)
            if base is None:
                ev.actor, ev.recipient = actor, recipient
            self.args[ev.id]["demand_of"] = base.id if base else None
            self.args[ev.id]["actor"] = [_span_dict(self.result.text, s) for s in (self._conjunct_spans(subj) if subj is not None else [])]
            self.args[ev.id]["recipient"] = [_span_dict(self.result.text, s) for s in (self._conjunct_spans(target) if target is not None else [])]
            out.append(ev)
        return out

    def _embedded_recipients(self, events: list[Event], matches: list[_Match]) -> None:
        """An event without a recipient ("agreed to continue military aid to Mozambique") takes the
        recipient of the action in its complement clause."""
        by_start = {m.token.idx: m for m in matches}
        for ev in events:
            if ev.recipient is not None or ev.plover is None:
                continue
            m = by_start.get(ev.trigger.start)
            if m is None:
                continue
            inner = [
                o for o in events
                if o is not ev and o.recipient is not None and (o.trigger.start in {t.idx for t in m.token.subtree})
            ]
            inner = [o for o in inner if self._is_complement(by_start.get(o.trigger.start), m.token)]
            if inner:
                ev.recipient = inner[0].recipient
                self.args.setdefault(ev.id, {}).setdefault("recipient", []).extend(self.args.get(inner[0].id, {}).get("recipient", []))

    @staticmethod
    def _is_complement(match, head) -> bool:
        """True when ``match``'s trigger hangs under ``head`` through xcomp/ccomp/dobj links only."""
        if match is None:
            return False
        cur = match.token
        for _ in range(4):
            if cur.i == head.i:
                return True
            if cur.dep_ not in ("xcomp", "ccomp", "dobj", "conj") or cur.head.i == cur.i:
                return False
            cur = cur.head
        return cur.i == head.i

    def _implicit_agents(self, events: list[Event], matches: list[_Match]) -> None:
        """An agentless passive of taking territory, attack or withdrawal ("40 villages were
        recaptured") takes its actor from a military event of the same sentence ("where Ukrainian
        forces advanced"), else from the last event of the same type in the previous sentences."""
        by_start = {m.token.idx: m for m in matches}
        for ev in events:
            if ev.actor is not None or ev.plover is None or ev.plover.event_type not in ("COERCE", "ASSAULT", "RETREAT"):
                continue
            m = by_start.get(ev.trigger.start)
            if m is None or not any(c.dep_ in ("nsubjpass", "auxpass") for c in m.token.children):
                continue
            donor = next(
                (o for o in events if o is not ev and o.actor and o.plover and o.plover.event_type in ("ASSAULT", "COERCE")),
                None,
            ) or next(
                (o for o in reversed(self.history) if o.actor and o.plover and o.plover.event_type == ev.plover.event_type),
                None,
            )
            if donor is not None:
                ev.actor = donor.actor
                ev.confidence = max(0.0, round(ev.confidence - 0.1, 2))
                self.args.setdefault(ev.id, {})["actor_from"] = donor.id

    def _same_type_governor(self, m: _Match, trig_index: dict) -> _Match | None:
        """The verb trigger that a noun trigger repeats, else None: the noun is the object (direct or
        prepositional) of a verb trigger of the same PLOVER type ("detained ... under arrest"), or
        the direct object of a verb trigger of the same family, i.e. both typed with the same quad
        class ("sign a security agreement": SUPPORT/AGREE, one event)."""
        tok = m.token
        if tok.pos_ != "NOUN" or m.row.plover in (NOT_EVENT, UNTYPED):
            return None
        head = tok.head
        if tok.dep_ == "pobj":
            if head.lower_ in TEMPORAL_PREPS:
                return None  # "killed since the invasion": the invasion is an earlier event of its own
            head = head.head
        gov = trig_index.get(head.i)
        if gov is None or gov.token.i == tok.i or gov.token.pos_ != "VERB" and gov.row.plover != m.row.plover:
            return None
        if gov.row.plover == m.row.plover:
            return gov
        if tok.dep_ != "dobj" or gov.row.plover in (NOT_EVENT, UNTYPED):
            return None
        q_noun = self.onto.quad_class(m.row.plover, m.row.cameo) or self.onto.plover[m.row.plover].quad_class
        q_verb = self.onto.quad_class(gov.row.plover, gov.row.cameo) or self.onto.plover[gov.row.plover].quad_class
        return gov if q_noun == q_verb else None

    def code_match(self, m: _Match, sent, trig_index: dict) -> Event:
        tok, row = m.token, m.row
        self._n += 1
        eid = f"tmp{self._n}"
        start = min(t.idx for t in m.tokens)
        end = max(t.idx + len(t) for t in m.tokens)
        trigger = Span(start, end, self.result.text[start:end])
        sentence = Span(sent.start_char, sent.end_char, self.result.text[sent.start_char:sent.end_char])

        actors, recipients = self.arguments(tok, row)
        folded = getattr(self, "_merged", {}).get(tok.i, [])
        excluded = self._excluded_tokens(tok)
        for noun in folded:
            # "sign an agreement with France": the folded noun's counterpart is the verb's recipient
            recipients.extend(s for p in self._prep_objects(noun) if p.i not in excluded
                              for s in self._conjunct_spans(p, excluded))
        actor_ent = self._first_entity(actors)
        # an actor conjunct is never also the recipient ("a deal mediated by Qatar and Egypt": co-actors)
        # (args keep the parser's candidate list; only the chosen recipient entity skips them)
        actor_ranges = {(s[0], s[1]) for s in actors}
        recip_ent = self._first_entity([s for s in recipients if (s[0], s[1]) not in actor_ranges], exclude=actor_ent)
        if row.plover != UNTYPED and recip_ent is None and len(actors) > 1 and (
            tok.lemma_.lower() in RECIPROCAL or " ".join(row.words) in RECIPROCAL
        ):
            recip_ent = self._first_entity(actors[1:], exclude=actor_ent)
        if row.plover != UNTYPED and actor_ent is None and (
            tok.lemma_.lower() in RECIPROCAL or " ".join(row.words) in RECIPROCAL
        ):
            # "clashes between rival militias", "fighting between the army and rebels": the parties
            # of a "between" phrase are the actor and (the second one) the recipient
            heads = [tok]
            if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("nsubj", "nsubjpass") and \
                    tok.head.lemma_.lower() in OUTBREAK_VERBS:
                # "Clashes broke out between police and protesters": the parser hangs the
                # "between" phrase of the subject noun on the outbreak verb
                heads.append(tok.head)
            between = [s for h in heads for p in h.children if p.dep_ == "prep" and p.lower_ == "between"
                       for g in p.children if g.dep_ == "pobj" for s in self._conjunct_spans(g, excluded)]
            first = self._first_entity(between)
            if first is not None:
                actor_ent = first
                actors = between[:1] + actors
                recip_ent = self._first_entity(between[1:], exclude=first)
        self.args[eid] = {
            "actor": [_span_dict(self.result.text, s) for s in actors],
            "recipient": [_span_dict(self.result.text, s) for s in recipients],
        }
        if folded:
            self.args[eid]["folded"] = [{"start": n.idx, "end": n.idx + len(n), "text": n.text} for n in folded]

        journey = self._journey(tok) if tok.lemma_.lower() in FLIGHT_LEMMAS else None
        if journey is not None:
            # "families fleeing from Mariupol are expected in Zaporizhzhia on Monday": the
            # "from" place is the origin, never the recipient
            origin = {g.i for c in tok.children if c.dep_ == "prep" and c.lower_ in ("from", "out")
                      for g in c.subtree}
            recipients = [r for r in recipients if not any(r[2] <= self.doc[i].idx < r[3] for i in origin)]
            recip_ent = self._first_entity([r for r in recipients if (r[0], r[1]) not in actor_ranges], exclude=actor_ent)
            self.args[eid]["recipient"] = [_span_dict(self.result.text, r) for r in recipients]
        clause = self._own_clause(tok, trig_index)
        places = self._places(tok, clause, actors + recipients, actors=actors)
        if journey is not None and journey[0]:
            places = journey[0]  # the destination of the journey the fleeing people make
        near = self._contact_antecedent(tok) if tok.pos_ == "VERB" and row.plover in ("COERCE", "ASSAULT") else None
        if near is not None and not any(p.start <= near.idx < p.end for p in self.result.places if p.id in places):
            # "the island the navy took": the territory taken is where it happened
            places = [p.id for p in self._near("places", near.idx, near.idx + 1)
                      if p.role == "location" and p.start <= near.idx < p.end][:1] or places
        if not places and row.plover in ("COERCE", "ASSAULT", "RETREAT"):
            city = self._regional_capital(tok)
            if city is not None:
                # "the regional capital" with an appositive (the one big city captured): the city
                places = [city.id]
                ent = self.result.entity_at(city.start, city.end)
                if ent is not None and ent.id != actor_ent:
                    recip_ent = ent.id
        time, time_attached = self._time(tok, clause, sent, skip={t.i for t in m.tokens})
        if journey is not None and journey[1] is not None and time is None:
            time, time_attached = journey[1], True
        quantities = self._quantities(clause)
        attribution, inner_attribution = self._attribution(start)
        if row.plover == "ASSAULT":
            claimant = self._claiming_group(actor_ent, inner_attribution or attribution)
            if claimant is not None:
                actor_ent = claimant  # "Militants ambushed ..., the group JNIM said": JNIM claims it
        factuality, why = self._factuality(tok, sent, inner_attribution or attribution)
        if inner_attribution is not None and attribution is not None and factuality == "asserted":
            factuality, why = self._factuality(tok, sent, attribution)
        if tok.pos_ != "VERB" and tok.dep_ in ("dobj", "nsubjpass") and tok.head.lemma_.lower() in PREVENTION_VERBS \
                and FACTUALITY_RANK.get(factuality, 0) < FACTUALITY_RANK["negated"]:
            factuality, why = "negated", f"'{tok.head.text}': the attack was prevented"  # "foiled an attack"
        background = self._background(tok, time if time_attached else None)
        if (row.plover == UNTYPED and UNTYPED_REASONS.get(" ".join(row.words)) == _ACCESS_REASON
                and factuality == "hypothetical" and tok.dep_ == "xcomp"
                and tok.head.lemma_.lower() in ("try", "attempt", "seek") and why == f"'{tok.head.text} to'"):
            # "tried to secure access": the untyped event IS the attempt, and the attempt happened
            factuality, why = self._factuality(tok.head, sent, attribution)

        cause = self._natural_cause(tok) if row.plover == "ASSAULT" and tok.lemma_.lower() in CASUALTY_LEMMAS else None
        if cause is not None:
            plover, acled = None, None
            reason = _NATURAL_REASON.format(cause=cause)
            actor_ent = None
            self.args[eid]["actor"] = []
            self.analysis.warn(Warnings.W006.format(text=tok.text, start=tok.idx, reason=reason))
        elif row.plover == UNTYPED:
            plover = None
            key = " ".join(row.words)
            reason = f"no PLOVER type for trigger {key!r} (lexicon): " + UNTYPED_REASONS.get(
                key, "movement or state without an acting party")
            acled = None
            self.analysis.warn(Warnings.W006.format(text=tok.text, start=tok.idx, reason=reason))
        else:
            plover = PloverCode(row.plover, row.mode, list(row.context))
            reason = why
            acled = self._acled(row, tok, recipients, recip_ent, trig_index)
            if acled is None and row.plover == "ASSAULT":
                # "A Russian strike killed two": the folded attack noun gives the ACLED type
                for noun in folded:
                    nrow = getattr(self, "_folded_rows", {}).get(noun.i)
                    if nrow is not None and nrow.plover == "ASSAULT" and nrow.acled_event_type:
                        acled = self._acled(nrow, noun, recipients, recip_ent, trig_index)
                        break
        if acled is not None and acled.sub_event_type in TERRITORY_SUBEVENTS:
            acled = self._territory_subevent(acled, actor_ent, recip_ent, places)
        cameo = row.cameo
        if plover is not None:
            plover, cameo, acled = self._weapon_codes(tok, plover, cameo, acled)
        if plover is not None and plover.event_type == "ASSAULT":
            plover, cameo, acled = self._protest_force(m, recipients, plover, cameo, acled)
            plover, cameo, acled = self._crowd_fire(tok, plover, cameo, acled)
        confidence = row.confidence + (0.1 if actor_ent else 0.0) + (0.05 if recip_ent else 0.0)
        confidence = max(0.0, min(1.0, round(confidence, 2)))
        return Event(
            id=eid,
            trigger=trigger,
            plover=plover,
            sentence=sentence,
            acled=acled,
            cameo=cameo if plover else None,
            quad_class=self.onto.quad_class(row.plover if plover else None, cameo) if plover else None,
            actor=actor_ent,
            recipient=recip_ent,
            places=places,
            time=time,
            quantities=quantities,
            attribution=attribution.id if attribution else None,
            factuality=factuality,
            background=background,
            confidence=confidence,
            reason=reason,
        )

    CAPITAL_MODIFIERS = frozenset("regional provincial oblast state district".split())
    GENERIC_REGION_WORDS = frozenset("oblast region province governorate state district krai".split())

    def _regional_capital(self, tok):
        """The document's place for "the regional capital" when it is the trigger's patient or in
        apposition to it (the "regional capital" and its appositive about the one big city Russia
        captured): the latest first-order region (admin1 place) named in the same or the two
        previous paragraphs, and a populated place of the document in that region that is its seat
        (GeoNames PPLA) or bears its name without the generic term (Kherson in Kherson Oblast).
        None when any step is missing. Source of the convention: GeoNames feature codes."""
        patient = self._patient(tok)
        if patient is None:
            return None
        nouns = [patient] + [c for c in patient.children if c.dep_ == "appos"]
        if patient.dep_ == "appos":
            nouns.append(patient.head)
        capital = next((n for n in nouns if n.lemma_.lower() == "capital" and any(
            c.lower_ in self.CAPITAL_MODIFIERS for c in n.children if c.dep_ in ("amod", "compound"))), None)
        if capital is None:
            return None
        text = self.result.text
        para_start = tok.idx
        for _ in range(3):  # the same and the two previous paragraphs
            j = text.rfind("\n", 0, max(0, para_start - 1))
            para_start = 0 if j < 0 else j
            if j < 0:
                break
        regions = [p for p in self.result.places if p.precision == "admin1" and para_start <= p.start < tok.idx
                   and p.admin1]
        if not regions:
            return None
        region = regions[-1]
        stem = " ".join(w for w in (region.name or "").split() if w.lower() not in self.GENERIC_REGION_WORDS)
        cities = [p for p in self.result.places
                  if p.precision == "populated_place" and p.role == "location" and p.admin1 == region.admin1
                  and ((p.feature_code or "").startswith("PPLA") and p.feature_code != "PPLA2"
                       or stem and (p.name or "") == stem)]
        if not cities:
            return None
        return min(cities, key=lambda p: abs(p.start - tok.idx))

    @staticmethod
    def _responsibility_claimant(tok):
        """The subject of "claim/accept/take/admit/deny responsibility for <event noun>" (or of
        "claimed the attack"-style "responsibility" nominal), else None: the party named as the
        event's author. The claim itself stays an attribution (factuality from the cue)."""
        if tok.dep_ != "pobj" or tok.head.lower_ != "for":
            return None
        noun = tok.head.head
        if noun.lemma_.lower() not in ("responsibility", "credit", "blame"):
            return None
        verb = noun.head
        if noun.dep_ not in ("dobj", "nsubjpass") or verb.pos_ != "VERB" or verb.lemma_.lower() not in (
                "claim", "accept", "take", "admit", "acknowledge", "bear", "assume"):
            return None
        return next((c for c in verb.children if c.dep_ == "nsubj"), None)

    @staticmethod
    def _natural_cause(tok) -> str | None:
        """The disease or disaster word that is the subject or "by" agent of a casualty verb ("The
        flu has killed ...", "were killed by an earthquake", "a cholera outbreak killed"), else None."""
        cands = [c for c in tok.children if c.dep_ in ("nsubj", "csubj")]
        cands += [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        for c in cands:
            words = [c] + [m for m in c.children if m.dep_ in ("compound", "amod")]
            for w in words:
                if w.lemma_.lower() in NATURAL_CAUSES or w.lower_ in NATURAL_CAUSES:
                    return c.text if w is c else f"{w.text} {c.text}"
        return None

    # ---------------------------------------------------------------- arguments
    def arguments(self, tok, row: Trigger) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """Actor and recipient candidates as lists of char spans (conjuncts expanded), best first."""
        actor_toks: list = []
        recip_toks: list = []
        climbed: set[int] = set()  # tokens reached through control or a light verb, not own dependents
        if tok.pos_ == "VERB":
            subj = next((c for c in tok.children if c.dep_ in ("nsubj", "csubj")), None)
            passive_subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
            agent = next((g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
            dobj = next((c for c in tok.children if c.dep_ in ("dobj", "dative")), None)
            if subj is not None and subj.lower_ in ("who", "that", "which") and tok.dep_ == "relcl":
                subj = tok.head
            weapon_only = False
            if row.plover == "ASSAULT":
                # "Drones struck a depot": a weapon is not an actor; only its owner is
                # ("Russia's drones", "Iranian drones", "drones launched by the army")
                weapon_only = any(t is not None and self._is_weapon(t) for t in (subj, agent))
                subj = self._weapon_owner(subj) if subj is not None and self._is_weapon(subj) else subj
                agent = self._weapon_owner(agent) if agent is not None and self._is_weapon(agent) else agent
            if agent is not None:
                actor_toks.append(agent)
            if subj is not None:
                actor_toks.append(subj)
            if subj is None and agent is None and not weapon_only:
                inherited = self._controller(tok)
                if inherited is not None:
                    actor_toks.append(inherited)
                    climbed.add(inherited.i)
            if passive_subj is not None:
                recip_toks.append(passive_subj)
            if dobj is not None:
                recip_toks.append(dobj)
            elif (
                tok.dep_ == "relcl"
                and subj is not None
                and subj.i != tok.head.i
                and not any(c.dep_ == "advmod" and c.lower_ in ("where", "when", "why", "how") for c in tok.children)
                and not any(c.dep_ == "prep" for c in tok.children if c.i < tok.i)
            ):
                near = self._contact_antecedent(tok)
                recip_toks.append(near if near is not None else tok.head)
            if tok.dep_ == "acl" and tok.tag_ == "VBN":
                recip_toks.append(tok.head)
            recip_toks.extend(self._prep_objects(tok))
        else:
            named = self.result.entity_at(tok.idx, tok.idx + len(tok))
            if named is not None and named.type == "NORP" and named.sector in ("CVL", "REF") and row.plover == "AID":
                # "Evacuees from Kherson region": the noun names the people evacuated, the recipients
                # of the aid (a "from" phrase is where they come from)
                recip_toks.append(tok)
            for c in tok.children:
                if c.dep_ == "poss":
                    actor_toks.append(self._resolve_pronoun(c, tok))
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "by":
                    actor_toks.extend(g for g in c.children if g.dep_ == "pobj")
            for c in tok.children:
                if c.dep_ in ("amod", "compound", "nmod") and (c.ent_type_ in ("NORP", "GPE", "ORG") or c.pos_ == "PROPN"
                                                               or self._armed_group_modifier(c)):
                    actor_toks.append(c)  # "a Russian strike", "a terrorist attack"
            node = tok.head if tok.dep_ == "compound" and tok.head.lemma_.lower() in GENERIC_EVENT_HEADS else tok
            head = node.head
            if node.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in ("in", "into", "during"):
                node, head = head, head.head
            governed = node.dep_ in ("dobj", "attr", "prep") and head.pos_ == "VERB" and (
                head.lemma_.lower() in LIGHT_VERBS or head.i not in self._trigger_tokens
            )
            if governed and head.lemma_.lower() in DESCRIBING_VERBS:
                governed = False  # the reporter is not the agent of what it reports
            defended = self._defence_verb(head) if node.dep_ in ("dobj", "nsubjpass") else None
            if defended is not None:
                # "Troops repelled a terrorist attack": the subject (or the passive's "by" agent) is
                # the attacked side, the recipient; the actor only comes from the attack noun
                recip_toks.extend(defended)
                governed = False
            if governed and head.lemma_.lower() in UNDERGOER_VERBS:
                # "POWs died in an explosion": the subject of such a verb is a victim, not the agent
                recip_toks.extend(c for c in head.children if c.dep_ == "nsubj")
                governed = False
            if governed and not actor_toks:
                s = next((c for c in head.children if c.dep_ == "nsubj"), None)
                s = s if s is not None else self._controller(head)
                if s is not None:
                    actor_toks.append(s)
                    climbed.add(s.i)
                recip_toks.extend(c for c in head.children if c.dep_ == "dative")
                recip_toks.extend(self._prep_objects(head))
            claimant = self._responsibility_claimant(tok)
            if claimant is not None and all(t is None or t.ent_type_ in ("DATE", "TIME") for t in actor_toks):
                actor_toks = [t for t in actor_toks if t is not None and t.ent_type_ not in ("DATE", "TIME")]
                actor_toks.append(claimant)  # "IS claimed responsibility for a bombing": the claimed author
                climbed.add(claimant.i)
            recip_toks.extend(self._prep_objects(tok))
        recip_toks = self._expand_recipients(tok, row, recip_toks)
        excluded = self._excluded_tokens(tok)
        actors: list[tuple[int, int, int, int]] = []
        for t in actor_toks:
            if t is None:
                continue
            if t.i in excluded and t.i not in climbed:
                # a controlled subject or a light verb's subject is shared ("Russia claims to have
                # annexed", "the group declared a ceasefire"): not a span overlap
                continue
            r = self._resolve_subject_pronoun(t)
            # a pronoun resolved to the speaker is kept ("X said it would ..."): that is no span overlap
            actors.extend(self._conjunct_spans(r, excluded if r is t and t.i not in climbed else frozenset()))
        actor_heads = {t.i for t in actor_toks if t is not None}
        resolved = []
        for t in recip_toks:
            r = self._resolve_recipient_pronoun(t, actor_heads) if t is not None else None
            resolved.append((r, r is not t))
        # a pronoun resolved to the speaker ("said it was denied") is no span overlap
        recips = [s for t, via_pronoun in resolved if t is not None and (via_pronoun or t.i not in excluded)
                  for s in self._conjunct_spans(t, frozenset() if via_pronoun else excluded)]
        return actors, recips

    def _armed_group_modifier(self, c) -> bool:
        """A modifier of an attack noun that the entities stage made a mention of a non-state armed
        group (sector REB: "a terrorist attack", "a rebel raid")."""
        ent = self.result.entity_at(c.idx, c.idx + len(c))
        return ent is not None and ent.sector == "REB"

    @staticmethod
    def _defence_verb(verb) -> list | None:
        """For a verb of defence (``DEFENCE_VERBS``: repel, repulse, fend off, beat back, fight off,
        thwart, foil, withstand...) whose object or passive subject is an attack noun: the defenders
        (its active subject, or the "by" agent of the passive), possibly empty; None for any other
        verb. Defenders are the attack's recipients, never its actor."""
        lemma = verb.lemma_.lower()
        particles = {c.lower_ for c in verb.children if c.dep_ == "prt"}
        if lemma not in DEFENCE_VERBS and not (lemma in DEFENCE_PHRASAL and particles & DEFENCE_PHRASAL[lemma]):
            return None
        out = [c for c in verb.children if c.dep_ == "nsubj"]
        out += [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        return out

    def _resolve_recipient_pronoun(self, tok, actor_heads: set[int]):
        """An it/them recipient that the entities stage left unresolved: a passive subject is
        resolved as a subject ("[the agency] said it was refused entry by the authorities" -> the
        speaker); an object pronoun ("accused the ICRC ... and urged it to ...") refers to the
        nearest earlier organisation or country mention of the same or previous sentence that is
        not the actor's. Unresolved pronouns are returned as they are."""
        if tok.pos_ != "PRON" or tok.lower_ not in ("it", "them", "they") or (
                self.result.entity_at(tok.idx, tok.idx + len(tok)) is not None):
            return tok
        if tok.dep_ == "nsubjpass":
            r = self._resolve_subject_pronoun(tok)
            return r
        if tok.dep_ not in ("dobj", "dative", "pobj"):
            return tok
        actor_ents = {self._entity_id_at(self.doc[i]) for i in actor_heads} - {None}
        sent = tok.sent
        start = self.doc[sent.start - 1].sent.start_char if sent.start > 0 else sent.start_char
        best, best_key = None, None
        # the mention index (sorted by start) from ``start`` to the pronoun, not every mention
        rows, starts, _ = self.result._mention_rows()
        for m_start, m_end, ei, mi, e in rows[bisect_left(starts, start):bisect_right(starts, tok.idx)]:
            if e.id in actor_ents or e.type not in ("ORG", "GPE") or m_end > tok.idx:
                continue
            key = (m_start, -ei, -mi)  # the latest start; ties: the first in entity, mention order
            if best_key is None or key > best_key:
                best, best_key = (e.mentions[mi], e), key
        if best is None:
            return tok
        toks = self._tokens_of(best[0].start, best[0].end)
        return toks[-1] if toks else tok

    def _entity_id_at(self, t) -> str | None:
        ent = self.result.entity_at(t.idx, t.idx + len(t))
        return ent.id if ent is not None else None

    def _expand_recipients(self, tok, row: Trigger, toks: list) -> list:
        """Recipient candidates beyond the trigger's own object and prepositional objects, in
        priority order (PLOVER/CAMEO target conventions):

        - the subject of a "that" clause of a demand ("demanded that the US cancel ...", "its
          demand that Israel ease ..."): the party asked to act (REQUEST triggers only);
        - the object and counterpart phrases of a non-trigger infinitive complement ("threatened to
          break relations with Russia", "refused to deploy peacekeepers in Iraq");
        - inside a common-noun candidate: its possessor, "by"/"from" agent and "of" object, and its
          counterpart phrases ("rejected recent calls by Belarus's rulers", "protest President
          Assad's failure", "threatened further action against Russia");
        - the "of" object of a nominalised action ("the blockade of Gaza"; not for withdrawal,
          deployment, meetings or protests, whose "of" object is the agent);
        - a protest's or demand's purpose (:meth:`_purpose_objects`);
        - for a threat, the subject of its "unless"/"if" condition ("threatened to strike unless
          Israel withdrew"), after the phrases above;
        - last, for actions done to a territory (COERCE, SANCTION, RETREAT, MOBILIZE, ASSAULT,
          PROTEST, THREATEN) with no party found: a place in the trigger's "in/into/from/of" phrase
          ("imposed a curfew in Cizre", "the withdrawal of forces from Panama"): the place's
          population or government, as PLOVER codes it.

        Time expressions are never candidates ("demanded on Thursday", "eased ... on Wednesday")."""
        out = list(toks)
        if row.plover == "REQUEST":
            holders = [tok] + [c for c in tok.children if c.dep_ in ("dobj", "attr")]
            holders += [g for c in tok.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
            if tok.pos_ == "NOUN" and tok.dep_ == "dobj" and tok.head.pos_ == "VERB":
                holders.append(tok.head)  # "reiterated its demand today that Israel ease ..."

            for h in holders:
                for c in h.children:
                    if c.dep_ in ("ccomp", "acl", "relcl") and c.pos_ in ("VERB", "AUX") and (
                        any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children) or c.tag_ == "VB"
                    ):
                        subj = next((s for s in c.children if s.dep_ in ("nsubj", "nsubjpass")), None)
                        if subj is not None and subj.lower_ not in ("it", "they", "he", "she", "which", "that", "who"):
                            out.insert(0, subj)
        if row.plover == "ACCUSE" and tok.pos_ == "VERB":
            # "Kyiv alleged that Russian troops executed prisoners": the accused is the subject of
            # the clause, not its victims
            for c in tok.children:
                if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX"):
                    subj = next((x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")), None)
                    if subj is not None and subj.lower_ not in ("it", "which", "that", "who", "there"):
                        out.insert(0, subj)
        if tok.pos_ == "VERB":
            stack = [c for c in tok.children if c.dep_ == "xcomp"]
            for _ in range(2):
                nxt = []
                for x in stack:
                    if x.i in self._trigger_tokens or x.pos_ != "VERB":
                        continue
                    out.extend(c for c in x.children if c.dep_ in ("dobj", "dative"))
                    out.extend(self._prep_objects(x))
                    nxt.extend(c for c in x.children if c.dep_ == "xcomp")
                stack = nxt
        if row.plover in ("PROTEST", "REQUEST"):
            out.extend(x for x in self._purpose_objects(tok) if x not in out)
        if tok.pos_ == "NOUN" and row.plover not in ("RETREAT", "MOBILIZE", "CONSULT", "COOPERATE", "PROTEST"):
            # the patient of a nominalised action: "the blockade of Gaza", "the arrest of X"
            out.extend(g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                       for g in c.children if g.dep_ == "pobj" and g not in out)
        inner = []
        for t in out:
            if t is None or t.pos_ not in ("NOUN",) or self.result.entity_at(t.idx, t.idx + len(t)) is not None:
                continue
            for c in t.children:
                if c.dep_ == "poss" and c.pos_ != "PRON":
                    inner.append(c)
                elif c.dep_ == "prep" and c.lower_ in ("by", "from", "of"):
                    if c.lower_ == "of" and row.plover in ("REQUEST", "PROTEST") and t.lemma_.lower() in BENEFIT_NOUNS:
                        continue  # "demand the release of an opposition leader": who is to be freed, not who is asked
                    inner.extend(g for g in c.children if g.dep_ == "pobj")
                elif c.dep_ == "acl":
                    inner.extend(g for a in c.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj")
            inner.extend(self._prep_objects(t))
        out.extend(x for x in inner if x not in out)
        if row.plover == "THREATEN":
            # the party a threat is conditioned on: "threatened to strike unless Israel withdrew"
            chain = [tok] + [c for c in tok.children if c.dep_ == "xcomp"]
            for v in chain:
                for c in v.children:
                    if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("unless", "if") for m in c.children):
                        out.extend(g for g in c.children if g.dep_ in ("nsubj", "nsubjpass") and g not in out)
        # a named undergoer that is no entity ("attacked a police post in Peshawar", "kidnapped a priest
        # in Zamfara", "villages were recaptured in the Sumy region") is the recipient: the
        # place of the "in" phrase is where it happened, not the party acted on
        # (ASSAULT, COERCE: ACLED's actor2 is the party harmed or the territory taken; the PLOVER
        # convention of a location's government as the target stays for curfews, sanctions, protests)
        patient_named = tok.pos_ == "VERB" and row.plover in ("ASSAULT", "COERCE") and any(
            c.dep_ in ("dobj", "nsubjpass") and c.pos_ == "NOUN" and not self._is_time(c) for c in tok.children)
        # an attack "in" a town happens there; only "into/from/of" phrases name the territory attacked
        place_preps = ("into", "from", "of") if row.plover == "ASSAULT" else ("in", "into", "from", "of")
        if row.plover in ("COERCE", "SANCTION", "RETREAT", "MOBILIZE", "ASSAULT", "PROTEST", "THREATEN") and not patient_named and not any(
            t is not None and self.result.entity_at(t.idx, t.idx + len(t)) is not None and not self._is_time(t) for t in out
        ):
            holders = [tok] + [c for c in tok.children if c.dep_ == "dobj"]
            for x in (c for c in tok.children if c.dep_ == "xcomp" and c.pos_ == "VERB"):
                holders += [x] + [c for c in x.children if c.dep_ == "dobj"]  # "threatened to resume attacks in X"
            if tok.pos_ == "NOUN":
                # "the withdrawal of forces from Panama", "the curfew imposed in Sudan", "a mediation
                # mission in X" (the generic head of a compound trigger)
                holders += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                            for g in c.children if g.dep_ == "pobj"]
                holders += [c for c in tok.children if c.dep_ == "acl"]
                if tok.dep_ == "compound" and tok.head.lemma_.lower() in GENERIC_EVENT_HEADS:
                    holders.append(tok.head)
                if tok.dep_ == "dobj" and tok.head.pos_ == "VERB" and (
                    tok.head.lemma_.lower() in LIGHT_VERBS or tok.head.i not in self._trigger_tokens
                ):
                    holders.append(tok.head)  # "imposed a curfew in the city of X
            for h in holders:
                for c in h.children:
                    if c.dep_ == "prep" and c.lower_ in place_preps:
                        for g in c.children:
                            if g.dep_ != "pobj":
                                continue
                            if not self._is_place_token(g):
                                # "in the capital city of Algiers", "in the town of Cizre"
                                g = next((x for p in g.children if p.dep_ == "prep" and p.lower_ == "of"
                                          for x in p.children if x.dep_ == "pobj" and self._is_place_token(x)), None)
                            if g is not None:
                                out.append(g)
        out = [t for t in out if t is not None and not self._is_time(t)]
        # the actor's own forces or staff ("withdraw its troops from Lebanon", "offered its troops to
        # X") are what it moves, not the party it acts on: they go last
        return sorted(out, key=lambda t: self._own_forces(t))

    @staticmethod
    def _own_forces(t) -> bool:
        """True for a noun phrase of the subject's own people or forces: a possessive pronoun
        ("its", "their", "his", "our") before a forces/staff noun."""
        return t.lemma_.lower() in OWN_FORCE_NOUNS and any(
            c.dep_ == "poss" and c.lower_ in ("its", "their", "his", "her", "our", "my") for c in t.children)

    def _purpose_objects(self, tok) -> list:
        """What a protest or demand is aimed at, read from its purpose: the object and counterpart
        phrases of a "to"-infinitive on the trigger or on the light verb that governs a noun trigger
        ("began a hunger strike to protest President Assad's failure", "blocked roads to press their
        demands ... from X's government"), and the object of "in protest of/against"
        ("a hunger strike in protest of the government's refusal")."""
        bases = [tok]
        if tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "nsubj", "pobj") and tok.head.pos_ in ("VERB", "ADP"):
            bases.append(tok.head if tok.head.pos_ == "VERB" else tok.head.head)
        out = []
        for b in bases:
            for c in b.children:
                if c.dep_ in ("advcl", "xcomp", "acl", "relcl") and c.pos_ == "VERB" and any(
                    a.dep_ == "aux" and a.lower_ == "to" for a in c.children
                ):
                    out.extend(g for g in c.children if g.dep_ in ("dobj", "dative"))
                    out.extend(self._prep_objects(c))
                    for g in c.children:
                        if g.dep_ == "dobj":
                            out.extend(self._prep_objects(g))
                elif c.dep_ == "prep" and c.lower_ == "in":
                    for p in c.children:
                        if p.dep_ == "pobj" and p.lemma_.lower() in ("protest", "defiance", "opposition", "response"):
                            out.extend(g for pp in p.children if pp.dep_ == "prep" and pp.lower_ in ("of", "against", "to")
                                       for g in pp.children if g.dep_ == "pobj")
        return out

    def _keep_recipient_place(self, ev: Event) -> None:
        """Before the recipient of ``ev`` is replaced or cleared: a town that was the recipient
        ("shelled Kharkiv, killing two civilians") is where the event happened, so its location
        place (places stage) becomes the event's place when the event has none. The place is the
        one whose span lies in a recipient span of ``notes["events"]["args"]`` or in a mention of
        the recipient entity in the trigger's sentence."""
        if ev.places or ev.recipient is None or not self._is_territory_entity(ev.recipient):
            return
        spans = [(a["start"], a["end"]) for a in self.args.get(ev.id, {}).get("recipient", [])]
        ent = self.result.entity(ev.recipient)
        if ent is not None:
            spans += [(mm.start, mm.end) for mm in ent.mentions
                      if ev.sentence.start <= mm.start < ev.sentence.end]
        for p in self._near("places", ev.sentence.start, ev.sentence.end):
            if p.role == "location" and any(a <= p.start and p.end <= b for a, b in spans):
                ev.places.append(p.id)
                return

    def _is_territory_entity(self, entity_id) -> bool:
        e = self.result.entity(entity_id)
        return e is not None and e.type in ("GPE", "LOC", "FAC") and not e.sector

    def _is_people_entity(self, entity_id) -> bool:
        e = self.result.entity(entity_id)
        return e is not None and (e.type == "NORP" or e.sector == "CVL")

    def _is_time(self, t) -> bool:
        """True when token ``t`` is part of a time expression (spaCy DATE/TIME or a TIMEX3 of the
        times stage): "Thursday" in "demanded on Thursday" is not a recipient."""
        if t.ent_type_ in ("DATE", "TIME"):
            return True
        return any(x.start <= t.idx < x.end for x in self._near("times", t.idx, t.idx + len(t)))

    def _journey(self, tok) -> tuple[list[str], str | None] | None:
        """For a flight participle on a noun ("families fleeing from X are expected in Y on
        Monday"): the destination places ("in/to/into" objects of a motion verb reached from the
        clause the noun is subject of, through xcomp/acomp) and that clause's time id, else None."""
        if tok.dep_ != "acl" or tok.head.dep_ not in ("nsubj", "nsubjpass"):
            return None
        gov = tok.head.head
        chain, stack = [], [gov]
        while stack and len(chain) < 6:
            v = stack.pop()
            chain.append(v)
            stack.extend(c for c in v.children if c.dep_ in ("xcomp", "acomp"))
        motion = [v for v in chain if v.lemma_.lower() in MOTION_LEMMAS]
        if not motion:
            return None
        dest, when = [], None
        for v in motion:
            for p in self._near("places", v.idx, v.right_edge.idx + len(v.right_edge)):
                ptoks = self._tokens_of(p.start, p.end)
                if p.role == "location" and ptoks and ptoks[-1].dep_ == "pobj" and ptoks[-1].head.lower_ in (
                        "in", "to", "into") and ptoks[-1].head.head.i == v.i:
                    dest.append(p.id)
            for t in self._near("times", v.idx, v.right_edge.idx + len(v.right_edge)):
                ttoks = self._tokens_of(t.start, t.end)
                if when is None and _datable(t) and ttoks and any(x.head.head.i == v.i or x.head.i == v.i for x in ttoks):
                    when = t.id
        return dest, when

    def _contact_antecedent(self, tok):
        """For a relative clause without a relative pronoun whose parse attaches it to an earlier
        noun ("the road to the Azov coast the army took": head "road"), the place noun
        right before the clause ("coast", inside the place "Azov coast"), which it
        modifies; else None. Only place tokens of the places stage qualify."""
        if tok.dep_ != "relcl":
            return None
        j = tok.left_edge.i - 1
        if j <= tok.head.i or j < tok.sent.start:
            return None
        near = self.doc[j]
        if near.pos_ not in ("NOUN", "PROPN") or not self._is_place_token(near):
            return None
        return near

    def _is_place_token(self, t) -> bool:
        """True when token ``t`` heads a location place of the places stage."""
        return any(p.start <= t.idx < p.end for p in self._near("places", t.idx, t.idx + len(t)))

    @staticmethod
    def _is_weapon(tok) -> bool:
        return tok.lemma_.lower() in WEAPON_NOUNS or tok.lower_ in WEAPON_NOUNS

    def _weapon_owner(self, tok):
        """The party named as owner or user of a weapon noun, else None: possessor ("Russia's
        drones"), nationality/organisation modifier ("Iranian drones"), an armed-group modifier the
        entities stage made a mention of ("rebel shelling", "insurgent rockets"), or the "by" agent of a
        participle ("missiles fired by the army")."""
        for c in tok.children:
            if c.dep_ == "poss":
                return c
        for c in tok.children:
            if c.dep_ in ("amod", "compound", "nmod") and (c.ent_type_ in ("NORP", "GPE", "ORG")
                                                           or self._armed_group_modifier(c)):
                return c  # "Iranian drones", "rebel shelling"
        for c in tok.children:
            if c.dep_ == "acl":
                for a in c.children:
                    if a.dep_ == "agent":
                        pobj = next((g for g in a.children if g.dep_ == "pobj"), None)
                        if pobj is not None:
                            return pobj
        return None

    def _resolve_subject_pronoun(self, tok):
        """A subject pronoun without an entity ("Switzerland said it had expelled") refers to the
        subject of the reporting verb whose complement holds it."""
        if tok.pos_ != "PRON" or tok.lower_ not in ("it", "they", "he", "she", "we") or (
            self.result.entity_at(tok.idx, tok.idx + len(tok)) is not None
        ):
            return tok
        source = self._attribution_source_of(tok)
        if source is not None:
            return source
        cur = tok.head
        for _ in range(4):
            if cur.dep_ in ("ccomp", "xcomp", "conj", "advcl") and cur.head.i != cur.i:
                cur = cur.head
                subj = next((c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != tok.i), None)
                if subj is not None and subj.pos_ != "PRON":
                    return subj
            else:
                break
        return tok

    def _attribution_source_of(self, tok):
        """For it/they/he/she as the subject of the content clause directly under an attribution cue
        ("The ICRC said it was ready ..."): the head token of that attribution's source when the
        source is an entity, else None."""
        if tok.lower_ not in ("it", "they", "he", "she") or tok.dep_ not in ("nsubj", "nsubjpass"):
            return None
        clause = tok.head
        if clause.dep_ != "ccomp" or clause.head.i == clause.i:
            return None
        cue = clause.head
        for a in self._near("attributions", cue.idx, cue.idx + 1, key=_cue_range):
            if a.source is None or not a.source.entity or not (a.cue.start <= cue.idx < a.cue.end):
                continue
            if not (a.content.start <= tok.idx < a.content.end):
                continue
            span = self.doc.char_span(a.source.start, a.source.end, alignment_mode="expand")
            if span is None:
                continue
            ent = self.result.entity(a.source.entity)
            if ent is None:
                continue
            # the source token that is a mention of the source entity, else the span's root
            for t in span:
                if self.result.entity_at(t.idx, t.idx + len(t)) is ent:
                    return span.root if self.result.entity_at(span.root.idx, span.root.idx + len(span.root)) is ent else t
            return span.root
        return None

    def _controller(self, tok):
        """Subject of a verb without one: object control ("urged it to go"), subject control
        ("agreed to meet", "accused ... and urged"), participles ("killing ..." after "struck")."""
        cur = tok
        for _ in range(4):
            head = cur.head
            if head.i == cur.i:
                return None
            if cur.dep_ == "xcomp" and head.lemma_.lower() in OBJECT_CONTROL:
                obj = next((c for c in head.children if c.dep_ in ("dobj", "dative")), None)
                if obj is not None:
                    return obj
            if cur.dep_ == "pcomp" and head.lower_ in ("of", "for") and head.head.lemma_.lower() in ACCUSING_VERBS:
                # "Ukraine accused Russia of shelling the plant": the accused is the agent of the act
                obj = next((c for c in head.head.children if c.dep_ in ("dobj", "nsubjpass")), None)
                if obj is not None:
                    return obj
            if cur.dep_ in ("xcomp", "conj", "advcl", "pcomp", "ccomp", "acomp") or (cur.dep_ == "prep"):
                subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass" if cur.dep_ != "conj" else "nsubj")), None)
                if subj is not None and cur.dep_ != "ccomp":
                    return subj
                cur = head
                continue
            if cur.dep_ == "acl" and cur.tag_ == "VBG":
                return head
            return None
        return None

    def _prep_objects(self, tok) -> list:
        out = []
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("with", "against", "on", "to", "from", "at", "toward", "towards", "into", "over", "upon", "for", "between"):
                out.extend(g for g in c.children if g.dep_ == "pobj")
        return out

    def _resolve_pronoun(self, tok, trigger):
        """A possessive pronoun ("their meeting") refers to the governing clause's subject when no
        entity mention covers it."""
        if tok.pos_ != "PRON" or self.result.entity_at(tok.idx, tok.idx + len(tok)) is not None:
            return tok
        cur = trigger
        for _ in range(6):
            if cur.head.i == cur.i:
                break
            cur = cur.head
            if cur.pos_ in ("VERB", "AUX"):
                subj = next((c for c in cur.children if c.dep_ in ("nsubj",)), None)
                if subj is not None:
                    return subj
        return tok

    def _conjunct_spans(self, tok, excluded=frozenset()) -> list[tuple[int, int, int, int]]:
        """Char spans ``(start, end, head_start, head_end)`` of a noun phrase and its conjuncts
        ("Putin and his counterpart, Erdogan"). Tokens in ``excluded`` (speakers) cut the phrase:
        only the run of tokens around the head that contains none of them is kept."""
        heads = [tok]
        for c in tok.children:
            if c.dep_ == "conj":
                heads.append(c)
                heads.extend(cc for cc in c.children if cc.dep_ == "conj")
        spans = []
        for h in heads:
            if h.i in excluded:
                continue
            toks = [t for t in h.subtree if not self._in_excluded(t, h)]
            if excluded:
                lo = max((t.i for t in toks if t.i in excluded and t.i < h.i), default=-1)
                hi = min((t.i for t in toks if t.i in excluded and t.i > h.i), default=len(self.doc))
                toks = [t for t in toks if lo < t.i < hi]
                while toks and toks[-1].is_punct and toks[-1].i != h.i:
                    toks.pop()
                while toks and toks[0].is_punct and toks[0].i != h.i:
                    toks.pop(0)
            if toks:
                spans.append((toks[0].idx, toks[-1].idx + len(toks[-1]), h.idx, h.idx + len(h)))
        return spans

    @staticmethod
    def _in_excluded(t, head) -> bool:
        """True if ``t`` hangs under a conjunct, coordinator, relative clause or clause-level
        punctuation of ``head`` (those are not part of this conjunct's noun phrase)."""
        cur = t
        while cur.i != head.i and cur.head.i != cur.i:
            if cur.head.i == head.i and cur.dep_ in ("conj", "cc", "relcl", "acl", "punct", "prep") and not (
                cur.dep_ == "prep" and cur.lower_ == "of"
            ):
                return True
            cur = cur.head
        return False

    def _first_entity(self, spans, exclude: str | None = None) -> str | None:
        for start, end, hstart, hend in spans:
            if self.result.text[hstart:hend].lower() in BENEFIT_NOUNS:
                # "the release of an opposition leader": the one to be freed is no party to the event
                ent = self.result.entity_at(hstart, hend)
            else:
                ent = self.result.entity_at(hstart, hend) or self.result.entity_at(start, end)
            if ent is not None and ent.id != exclude:
                return ent.id
        return None

    # ---------------------------------------------------------------- clause-local attachments
    def _own_clause(self, tok, trig_index: dict) -> set[int]:
        """Token indices of the trigger's clause: its subtree (for a noun trigger, its governing
        verb's subtree) minus the subtrees of other triggers and of embedded clauses."""
        root = tok
        if tok.pos_ == "NOUN":
            cur = tok
            while cur.dep_ in ("pobj", "prep", "dobj", "nsubj", "nsubjpass", "conj", "appos", "attr") and cur.head.i != cur.i:
                cur = cur.head
                if cur.pos_ in ("VERB", "AUX") or cur.i in trig_index:
                    break
            if cur.i not in trig_index or cur.i == tok.i:
                root = cur
        keep: set[int] = set()
        stack = [root]
        while stack:
            t = stack.pop()
            keep.add(t.i)
            for c in t.children:
                if c.i != tok.i and (c.i in trig_index or c.dep_ in ("relcl", "ccomp", "advcl", "csubj", "acl") and c.pos_ in ("VERB", "AUX")):
                    if not (tok.i in {x.i for x in c.subtree}):
                        continue
                stack.append(c)
        return keep

    def _tokens_of(self, start: int, end: int) -> list:
        key = (start, end)
        toks = self._tokens_cache.get(key)
        if toks is None:
            span = self.doc.char_span(start, end, alignment_mode="expand")
            toks = self._tokens_cache[key] = list(span) if span is not None else []
        return toks

    def _near(self, name: str, lo: int, hi: int, key=None, margin: int = 0) -> list:
        """Items of ``self.result.<name>`` (or of ``self.hedges``) whose char range ``key(item)``
        (default ``(item.start, item.end)``) may overlap ``[lo - margin, hi + margin)``, in list
        order: a superset of the overlapping items, so callers keep their exact tests. The sorted
        index is built once per list length, which keeps per-event lookups logarithmic instead of
        scanning every place/time/quantity/attribution of the document."""
        items = self.hedges if name == "hedges" else getattr(self.result, name)
        cache_key = name if key is None else name + ":" + key.__name__
        index = self._near_index.get(cache_key)
        if index is None or index[0] is not items or index[1] != len(items):
            ranges = [key(x) if key is not None else (x.start, x.end) for x in items]
            order = sorted(range(len(items)), key=lambda i: ranges[i][0])
            starts = [ranges[i][0] for i in order]
            longest = max((e - s for s, e in ranges), default=0)
            index = self._near_index[cache_key] = (items, len(items), order, starts, longest)
        _, _, order, starts, longest = index
        lo, hi = lo - margin, hi + margin
        a = bisect_left(starts, lo - longest)
        b = bisect_left(starts, hi + 1, lo=a)
        return [items[i] for i in sorted(order[a:b])]

    def _clause_chars(self, clause: set[int]) -> tuple[int, int]:
        """Char range ``[start, end)`` covered by the token indices ``clause`` (empty: (0, -1))."""
        if not clause:
            return 0, -1
        last = self.doc[max(clause)]
        return self.doc[min(clause)].idx, last.idx + len(last)

    def _places(self, tok, clause: set[int], arg_spans, actors=()) -> list[str]:
        arg_ranges = [(s[0], s[1]) for s in arg_spans]
        actor_heads = [(s[2], s[3]) for s in actors]
        out = []
        for p in self._near("places", *self._clause_chars(clause), margin=200):
            if p.role != "location":
                continue
            toks = self._tokens_of(p.start, p.end)
            if not toks or not any(t.i in clause for t in toks):
                continue
            ptok = toks[-1]
            if any(a <= p.start and p.end <= b for a, b in arg_ranges) and tok.pos_ == "VERB":
                # a place that is the actor or recipient itself is not where it happened ...
                if ptok.dep_ in ("nsubj", "nsubjpass", "dobj") and not (
                    ptok.dep_ == "dobj" and tok.lemma_.lower() == "visit"
                ):
                    continue  # (the place visited is where the visit happens)
            if any(p.start <= a and b <= p.end for a, b in actor_heads) and ptok.dep_ in ("pobj", "conj"):
                continue  # ... nor a "by" agent or a conjunct actor ("mediated by Qatar and Egypt") ...
            if ptok.dep_ == "pobj" and ptok.head.lower_ in COUNTERPART_PREPS:
                continue  # ... nor a counterpart ("an agreement with France", "talks with Russia")
            if self._place_is_topic_or_subset(ptok, tok):
                continue
            out.append((p.id, toks))
        if out:
            # a place in an apposition or relative clause of another chosen place is its container
            # ("Olenivka, a camp in eastern Ukraine"): keep the inner one
            heads = {t.i: {d.i for d in t.subtree} for _pid, ts in out for t in ts[-1:]}
            keep = []
            for pid, ts in out:
                last = ts[-1].i
                if any(last in sub and h != last for h, sub in heads.items()):
                    continue
                keep.append(pid)
            return keep
        dest = self._governing_destination(tok)
        if dest:
            return dest
        cur = tok
        for _ in range(8):
            if cur.head.i == cur.i:
                break
            cur = cur.head
            for p in self._near("places", cur.idx, cur.idx + 1):
                if p.role == "location" and p.start <= cur.idx < p.end:
                    return [p.id]
        return []

    def _place_is_topic_or_subset(self, ptok, tok) -> bool:
        """True when the place token ``ptok`` is not where the event at ``tok`` happened:
        inside a "conflict/war/crisis in X" noun phrase (the topic: ways to settle "the conflict in
        Ukraine"), inside the object of a discussion trigger ("discuss the situation in Gaza"), or
        in a sub-count introduced by "including"/"among them" ("600 settlements, including 75 in
        Kherson region": Kherson holds part of the count, not the event)."""
        cur = ptok
        for _ in range(12):
            if cur.i == tok.i or cur.head.i == cur.i:
                return False
            head = cur.head
            if cur.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in ("in", "over", "on", "about") and (
                head.head.lemma_.lower() in TOPIC_NOUNS
            ):
                return True
            if head.lower_ in ("including", "includes", "include") or (
                cur.dep_ == "prep" and cur.lower_ in ("including", "among")
            ):
                return True
            if head.i == tok.i and cur.dep_ in ("dobj", "prep") and tok.lemma_.lower() in DISCUSS_LEMMAS and cur.i != ptok.i:
                return True  # "discuss the future of Crimea" (the place is inside the topic phrase)
            cur = head
        return False

    def _governing_destination(self, tok) -> list[str]:
        """Location places of a governing clause for a purpose or complement clause without its own
        place: "travel to Paris next week to sign ..." -> Paris. Climbs xcomp/advcl/conj links (never
        through a reporting verb) and takes the places that are "in"/"at"/"near" objects of a
        governor, or "to"/"into" objects of a motion verb (travel, fly, visit, ...)."""
        cur = tok
        if tok.pos_ == "NOUN":
            return []
        for _ in range(4):
            if cur.dep_ not in ("xcomp", "advcl", "conj") or cur.head.i == cur.i:
                return []
            cur = cur.head
            if cur.lemma_.lower() in REPORTING_LEMMAS:
                return []
            preps = {"in", "at", "near", "inside", "outside"}
            if cur.lemma_.lower() in MOTION_LEMMAS:
                preps |= {"to", "into"}
            found = []
            right = cur.right_edge
            for p in self._near("places", cur.left_edge.idx, right.idx + len(right), margin=200):
                if p.role != "location":
                    continue
                ptoks = self._tokens_of(p.start, p.end)
                if not ptoks:
                    continue
                last = ptoks[-1]
                if last.dep_ == "pobj" and last.head.lower_ in preps and last.head.head.i == cur.i:
                    found.append(p.id)
                elif last.dep_ == "dobj" and last.head.i == cur.i and cur.lemma_.lower() == "visit":
                    found.append(p.id)
            if found:
                return found
        return []

    def _time(self, tok, clause: set[int], sent, skip=frozenset()) -> tuple[str | None, bool]:
        """The event's time id and whether it is attached to the trigger's own or a governing
        clause (True) or only the nearest in the sentence (False; not used for background). A time
        inside the trigger phrase (tokens ``skip``: "given the ICRC three days") is the phrase's
        object, not the event's time."""
        cands = []
        for t in self._near("times", sent.start_char, sent.end_char):
            if not (sent.start_char <= t.start < sent.end_char):
                continue
            if not _datable(t):
                continue  # "after three days of talks": a length of time, not a date
            toks = self._tokens_of(t.start, t.end)
            if any(x.i in skip for x in toks):
                continue
            cands.append((t, toks))
        if not cands:
            return None, False
        own = [(t, toks) for t, toks in cands if any(x.i in clause for x in toks)]
        if any(t.type in ("DATE", "TIME") for t, _ in own):
            # a date beats a duration in the same clause ("in the past month ... on Thursday")
            own = [(t, toks) for t, toks in own if t.type in ("DATE", "TIME")]
        if own:
            return min(own, key=lambda c: abs(c[0].start - tok.idx))[0].id, True
        # a time inside another trigger's clause or an embedded clause that does not hold this
        # trigger ("accused ... since Russia invaded Ukraine in February 2022") belongs to that clause
        cands = [(t, toks) for t, toks in cands if not any(self._in_foreign_clause(x, tok) for x in toks)]
        rel = self._relative_clause(tok)
        if rel is not None:
            # a relative clause is its own clause: "territory it claims to have annexed" does not take
            # the main clause's "on Friday"
            inside = {x.i for x in rel.subtree}
            cands = [(t, toks) for t, toks in cands if all(x.i in inside for x in toks)]
        if not cands:
            return None, False
        # governing clauses: a time attached directly to an ancestor. The date of a statement ("...
        # have been liberated, the ministry said late on Thursday") is not the date of a perfect
        # ("have been liberated", over an unstated period up to the statement): the day stays
        # unresolved (the statement time is only an upper bound)
        ancestors = {a.i for a in tok.ancestors}
        perfect = tok.pos_ == "VERB" and self._perfect(tok)
        for t, toks in cands:
            heads = [x.head for x in toks if x.head.i in ancestors and x.head.pos_ in ("VERB", "AUX")]
            if heads and perfect and all(h.lemma_.lower() in REPORTING_LEMMAS for h in heads):
                return None, False
            if heads:
                return t.id, True
        return min(cands, key=lambda c: abs(c[0].start - tok.idx))[0].id, False

    @staticmethod
    def _relative_clause(tok):
        """The relative or participial clause (relcl/acl verb) that holds the trigger, climbing only
        through infinitive/complement links (provinces Moscow "claims to have annexed" -> the
        'claims' clause), else None."""
        cur = tok
        for _ in range(4):
            if cur.dep_ in ("relcl", "acl") and cur.pos_ in ("VERB", "AUX") and cur.head.pos_ in ("NOUN", "PROPN"):
                return cur
            if cur.dep_ not in ("xcomp", "ccomp", "conj") or cur.head.i == cur.i:
                return None
            cur = cur.head
        return None

    @staticmethod
    def _perfect(tok) -> bool:
        """True for a perfect verb form: "has captured", "to have annexed"."""
        return tok.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in tok.children)

    def _in_foreign_clause(self, x, tok) -> bool:
        """True when token ``x`` lies under another verb trigger or an embedded verb clause (advcl,
        relcl, acl, ccomp, csubj, pcomp with a subject or a subordinator) whose subtree does not
        contain the trigger ``tok``. A noun trigger or an infinitive ("ways to resolve ... at their
        meeting on Thursday", often a PP-attachment slip) does not own the time."""
        cur = x
        for _ in range(40):
            if cur.i == tok.i:
                return False
            if cur.pos_ == "NOUN" and cur.i in self._trigger_tokens and cur.dep_ == "pobj" and (
                cur.head.lower_ in TEMPORAL_PREPS
            ):
                return True  # "killed since the invasion in February 2022": the date is the invasion's
            if cur.pos_ in ("VERB", "AUX") and (
                cur.i in self._trigger_tokens
                or cur.dep_ in ("advcl", "relcl", "acl", "ccomp", "csubj", "pcomp")
                and any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in cur.children)
            ):
                return tok.i not in {t.i for t in cur.subtree}
            if cur.head.i == cur.i:
                return False
            cur = cur.head
        return False

    def _quantities(self, clause: set[int]) -> list[str]:
        out = []
        for q in self._near("quantities", *self._clause_chars(clause), margin=200):
            toks = self._tokens_of(q.start, q.end)
            if toks and any(t.i in clause for t in toks):
                out.append(q.id)
        return out

    def _attribution(self, start: int):
        """The attribution of a trigger at char offset ``start``: the innermost attribution whose
        content span contains it and that has a source. Returns (attribution, inner) where ``inner``
        is a more deeply nested sourceless one ("is expected to", a hedge cue without a speaker)
        whose factuality still applies, else None. "Zelensky is expected to travel ... to sign
        ..., his office said": the source is "his office", the factuality "expected"."""
        containing = [a for a in self._near("attributions", start, start + 1, key=_content_range) if a.content.start <= start < a.content.end]
        containing.sort(key=lambda a: a.content.end - a.content.start)
        if not containing:
            return None, None
        with_source = [a for a in containing if a.source is not None]
        best = with_source[0] if with_source else containing[0]
        inner = containing[0] if containing[0] is not best else None
        return best, inner

    # ---------------------------------------------------------------- factuality, background
    def _factuality(self, tok, sent, attribution) -> tuple[str, str | None]:
        """Factuality and the cue that set it (model.FACTUALITY values)."""
        found: list[tuple[str, str]] = []
        if tok.pos_ == "NOUN":
            if any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
                found.append(("negated", "det 'no'"))
            pred = tok.head if tok.dep_ in ("nsubjpass", "dobj") else None
            if tok.dep_ == "nsubj" and tok.head.lemma_.lower() in OCCURRENCE_LEMMAS:
                pred = tok.head  # "the attack did not happen" (not "support ... will not go unanswered")
            if tok.dep_ == "pobj" and tok.head.head.pos_ in ("VERB", "AUX"):
                pred = tok.head.head
            if pred is not None and pred.pos_ in ("VERB", "AUX"):
                found.extend(self._chain_cues(pred, include_self=True))
        else:
            found.extend(self._chain_cues(tok, include_self=False))
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in tok.children):
            found.append(("hypothetical", "conditional 'if'"))
        found.extend(self._nonfactual_context(tok))
        for a, b, fact, why in self._near("hedges", tok.idx, tok.idx + 1, key=_hedge_range):
            if a <= tok.idx < b and fact in FACTUALITY_RANK and fact != "negated":
                found.append((fact, f"hedge: {why}"))
        if found:
            fact, why = max(found, key=lambda f: FACTUALITY_RANK[f[0]])
            return fact, why
        if attribution is not None and attribution.factuality in FACTUALITY_RANK and attribution.factuality not in ("asserted", "negated"):
            return attribution.factuality, f"attribution {attribution.id}"
        if self._no_confirmation_follows(sent):
            return "unconfirmed", "no confirmation reported after the claim"
        return "asserted", None

    @staticmethod
    def _nonfactual_context(tok) -> list[tuple[str, str]]:
        """Hypothetical cues from the clauses and phrases that hold the trigger: a "whether"/"if"/
        "unless" clause ("an investigation into whether he abused ..."), an infinitival purpose clause
        (to shield oneself from "the consequences of" strikes; advcl with "to"), and the
        "of" object of a possibility noun ("the risk of attack", "the consequences of missile
        strikes"). Reported speech is not climbed out of (a said-clause is the attribution's matter)."""
        out: list[tuple[str, str]] = []
        cur = tok
        for _ in range(12):
            if cur.pos_ in ("VERB", "AUX"):
                mark = next((c for c in cur.children if c.dep_ == "mark" and c.lower_ in NONFACTUAL_MARKS), None)
                if mark is not None:
                    out.append(("hypothetical", f"'{mark.text}' clause"))
                    break
                if cur.i != tok.i and cur.dep_ == "advcl" and any(
                        c.dep_ == "aux" and c.tag_ == "TO" for c in cur.children):
                    out.append(("hypothetical", f"purpose clause 'to {cur.text}'"))
                    break
                if cur.dep_ == "ccomp" and cur.head.lemma_.lower() in REPORTING_LEMMAS:
                    break
            if cur.dep_ in ("acl", "xcomp") and cur.head.lemma_.lower() in DECISION_NOUNS:
                break  # "the decision to suspend talks": the decided action, not a purpose
            if cur.pos_ == "NOUN" and cur.dep_ == "pobj" and cur.head.lower_ == "of" and (
                    cur.head.head.lemma_.lower() in POSSIBILITY_NOUNS or cur.head.head.lower_ in POSSIBILITY_NOUNS):
                out.append(("hypothetical", f"'{cur.head.head.text} of'"))
                break
            if cur.head.i == cur.i:
                break
            cur = cur.head
        return out

    def _chain_cues(self, pred, include_self: bool) -> list[tuple[str, str]]:
        out = []
        cur = pred
        via = None
        for depth in range(5):
            lemma = cur.lemma_.lower()
            if depth > 0 or include_self:
                if via in ("xcomp", "ccomp", "acomp", None):
                    if lemma in NEGATING_GOVERNORS:
                        out.append(("negated", f"'{cur.text}'"))
                    elif lemma in DENYING_GOVERNORS and via == "ccomp":
                        out.append(("denied", f"'{cur.text}'"))
                    elif lemma in UNCONFIRMED_GOVERNORS:
                        out.append(("unconfirmed", f"'{cur.text}'"))
                    elif lemma in HYPOTHETICAL_GOVERNORS and via is not None:
                        out.append(("hypothetical", f"'{cur.text} to'"))
                    elif lemma in EXPECTED_GOVERNORS and (via is not None or lemma in ("expect", "due")):
                        if not (lemma in ("begin", "start", "decide") and via is None):
                            out.append(("expected", f"'{cur.text}'"))
            for c in cur.children:
                if c.dep_ == "neg":
                    out.append(("negated", f"'{c.text}'"))
                elif c.dep_ == "aux" and c.lower_ in WILL_AUX:
                    out.append(("expected", f"'{c.text}'"))
                elif c.dep_ == "aux" and c.lower_ in HYPO_AUX:
                    out.append(("hypothetical", f"'{c.text}'"))
                elif c.dep_ == "advmod" and c.lower_ == "yet" and lemma == "have":
                    out.append(("negated", "'yet to'"))
                elif c.dep_ == "mark" and c.lower_ in ("if", "unless") and depth > 0:
                    out.append(("hypothetical", "conditional 'if'"))
                elif c.dep_ == "acomp" and c.lower_ == "due" and depth == 0 and include_self:
                    out.append(("expected", "'due to'"))
            if cur.dep_ not in ("xcomp", "ccomp", "acomp", "aux") or cur.head.i == cur.i:
                # "had yet to visit": 'have' is the head of the xcomp
                break
            via = cur.dep_
            if cur.dep_ == "ccomp" and cur.head.lemma_.lower() in REPORTING_LEMMAS:
                break
            cur = cur.head
            if via == "xcomp" and cur.lemma_.lower() == "have" and any(c.lower_ == "yet" for c in cur.children):
                out.append(("negated", "'yet to'"))
            if via == "xcomp" and cur.lower_ in ("due",):
                out.append(("expected", "'due to'"))
        return out

    def _no_confirmation_follows(self, sent) -> bool:
        """True when the reported sentence is followed (in the same or next sentence) by a
        "no immediate confirmation" / "could not be verified" cue."""
        if not any(t.lemma_.lower() in REPORTING_LEMMAS and t.pos_ == "VERB" for t in sent):
            return False
        if NO_CONFIRMATION.search(sent.text):
            return True
        nxt = self.doc[sent.end].sent if sent.end < len(self.doc) else None
        hit = NO_CONFIRMATION.search(nxt.text) if nxt is not None else None
        if hit is None:
            return False
        # "Russia's ministry said it had struck ..., a claim that could not be verified": a next
        # sentence with a claim of its own before the cue hedges that claim, not this one
        at = nxt.start_char + hit.start()
        return not any(t.lemma_.lower() in REPORTING_LEMMAS and t.pos_ == "VERB" and t.idx < at for t in nxt)

    def _background(self, tok, time_id: str | None) -> bool:
        """True when the event is context, not news: its own time ends more than
        :data:`BACKGROUND_DAYS` days before the publication date ("seized in 2014", "since invading
        in February" in an October report), or it is a completed action in the perfect, inside a
        relative clause describing a noun, with no date of its own or only a vague past one
        ("territory it claims to have annexed", "the only city Russia has captured since ...",
        provinces Moscow "claims to have annexed" lately, "in recent weeks")."""
        if self.published is None:
            return False
        time = self.result.time(time_id)
        if tok.pos_ == "VERB" and self._perfect(tok) and self._relative_clause(tok) is not None and (
            time is None or (time.value or "").startswith("PAST")
        ):
            return True
        if time is None:
            return False
        end = _time_end(time)
        if end is None:
            return False
        toks = self._tokens_of(time.start, time.end)
        if toks and (toks[0].head.lower_ == "since" or toks[0].i > 0 and self.doc[toks[0].i - 1].lower_ == "since"):
            # "have been killed since February 2022": from then until the report, not background
            return False
        return (self.published - end).days > BACKGROUND_DAYS

    # ---------------------------------------------------------------- ACLED refinements
    def _acled(self, row: Trigger, tok, recipients, recip_ent, trig_index) -> AcledCode | None:
        etype, sub = row.acled_event_type, row.acled_sub_event_type
        civilian = False
        ent = self.result.entity(recip_ent)
        if ent is not None and ent.sector == "CVL" and ent.type not in ("NORP", "GPE", "LOC"):
            # a people ("Russians" from "Russian lines") is not a civilian target
            civilian = True
        for start, end, hs, he in recipients:
            for t in self._tokens_of(hs, he):
                if t.lemma_.lower() in CIVILIAN_NOUNS:
                    civilian = True
        if row.plover == "ASSAULT" and civilian and etype in (None, "Battles"):
            return AcledCode("Violence against civilians", "Attack")
        if row.plover == "ASSAULT" and (sub == "Shelling/artillery/missile attack"
                                        or (etype, sub) == ("Battles", "Armed clash")):
            instrument = self._attack_instrument(tok)
            if instrument == "air":
                return AcledCode("Explosions/Remote violence", "Air/drone strike")
        if etype is None and row.plover == "ASSAULT":
            # a casualty verb ("killing four") takes the ACLED type of the attack it elaborates
            gov = trig_index.get(tok.head.i)
            if gov is not None and gov.row.plover == "ASSAULT" and gov.row.acled_event_type:
                return AcledCode(gov.row.acled_event_type, gov.row.acled_sub_event_type)
            return None
        return AcledCode(etype, sub) if etype else None

    def _territory_subevent(self, acled: AcledCode, actor_id, recip_id, places) -> AcledCode:
        """ACLED Battles sub-event of territory taken by force, from who takes it and where (ACLED
        codebook, Battles: "Government regains territory" when government forces or their affiliates
        regain control of a location; "Non-state actor overtakes territory" when a non-state actor or
        a *foreign state actor* captures territory from a government or non-state actor):

        - state forces (sector GOV, MIL, COP) of the location's country -> Government regains
          territory, whatever the verb ("Ukrainian troops captured the village" in Ukraine);
        - state forces of another country -> Non-state actor overtakes territory, whatever the verb
          ("Ukrainian forces retook a village in Kursk region");
        - a non-state actor (REB, PRM, OPP, ...) -> Non-state actor overtakes territory (re-taking by a
          non-state group is no government re-establishment);
        - actor or location country unknown -> the trigger's own sub-event (capture/seize vs
          liberate/recapture/retake), as before.

        The location country is the first event place's GeoNames country (not the recipient's: the
        recipient of "liberated ... from Russian forces" is the party that lost it). Short-lived exchanges that ACLED codes Armed clash
        cannot be told from a single report and are not guessed."""
        actor = self.result.entity(actor_id)
        if actor is None or not actor.sector:
            return acled
        where = None
        for pid in places:
            p = self.result.place(pid)
            if p is not None and p.country_code:
                where = p.country_code.upper()
                break
        state = actor.sector in STATE_SECTORS
        if not state:
            if actor.sector in ("IGO", "UNO", "NGO", "CVL", "MED", "REF", "JRN", "BUS", "EDU", "REL"):
                return acled
            return AcledCode("Battles", "Non-state actor overtakes territory")
        if where is None or not actor.country:
            return acled
        if actor.country.upper() == where:
            return AcledCode("Battles", "Government regains territory")
        return AcledCode("Battles", "Non-state actor overtakes territory")

    def _claiming_group(self, actor_id, attribution) -> str | None:
        """The armed group that reports an attack whose actor is only a generic nominal
        ("Militants ambushed a convoy ..., the group JNIM said"): the claimant is the perpetrator
        (ACLED codes the claiming group as actor 1). Returns the source entity id when the source is a
        named armed group (sector REB, not a nominal mention) and the actor is a nominal REB group
        without a country (militants, gunmen, fighters) or missing; else None."""
        if attribution is None or attribution.source is None or attribution.source.entity is None:
            return None
        src = self.result.entity(attribution.source.entity)
        if src is None or src.sector != "REB" or src.type != "ORG" or (src.reason or "").startswith("nominal"):
            return None
        if actor_id is not None:
            act = self.result.entity(actor_id)
            if act is None or act.id == src.id or act.country is not None or act.name.lower() not in GENERIC_ATTACKERS:
                return None
        return src.id

    def _weapon_codes(self, tok, plover: PloverCode, cameo: str | None, acled: AcledCode | None):
        """PLOVER mode, CAMEO code and ACLED sub-event of a conventional attack (CAMEO 190/194/195)
        derived together from the same weapon evidence (:meth:`_attack_instrument`): air weapons give
        PLOVER mode aerial, CAMEO 195 "employ aerial weapons" and ACLED Air/drone strike; artillery,
        rockets and missiles give mode heavy-weapons, CAMEO 194 "fight with artillery and tanks" and
        ACLED Shelling/artillery/missile attack (PLOVER manual ASSAULT modes; CAMEO manual 19; ACLED
        codebook, Explosions/Remote violence). Without evidence the lexicon's codes stay. Returns
        ``(plover, cameo, acled)``."""
        if plover.event_type != "ASSAULT" or cameo not in ("190", "194", "195") or (
            plover.mode not in (None, "aerial", "heavy-weapons")
        ):
            return plover, cameo, acled
        instrument = self._attack_instrument(tok)
        # an air strike or shelling that kills civilians is still remote violence (ACLED codebook:
        # the sub-event follows the weapon; civilian victims set the civilian-targeting flag)
        remote = acled is None or acled.event_type in ("Explosions/Remote violence", "Battles") or (
            acled.event_type == "Violence against civilians" and acled.sub_event_type == "Attack")
        if instrument == "air":
            plover = PloverCode(plover.event_type, "aerial", list(plover.context))
            if remote:
                acled = AcledCode("Explosions/Remote violence", "Air/drone strike")
            return plover, "195", acled
        if instrument == "ground":
            plover = PloverCode(plover.event_type, "heavy-weapons", list(plover.context))
            if remote:
                acled = AcledCode("Explosions/Remote violence", "Shelling/artillery/missile attack")
            return plover, "194", acled
        return plover, cameo, acled

    def _protest_force(self, m: _Match, recipients, plover: PloverCode, cameo: str | None, acled: AcledCode | None):
        """ACLED Protests sub-event of force used on demonstrators (ACLED codebook, Protests): an
        ASSAULT whose recipient is protesters or their protest (``PROTEST_TARGETS``: "fired at
        protesters", "beat demonstrators", "opened fire on a rally") is **Excessive force against
        protesters** when the force is lethal or seriously injuring: a lethal weapon (firearms:
        "live rounds", "live ammunition", bullets that are not rubber/plastic, "opened fire",
        "shot"), or a killing, wounding or beating verb (``LETHAL_FORCE_LEMMAS``); riot-control
        means alone (tear gas, water cannon, rubber bullets: the "Protest with intervention" rows
        of the lexicon) stay **Protest with intervention**. CAMEO 190/193/194/195 become 175 "use
        tactics of violent repression" (the CAMEO2PLOVER-2021 table keeps it ASSAULT); a firearm
        cue gives PLOVER mode firearms. Returns ``(plover, cameo, acled)``, unchanged otherwise."""
        tok = m.token
        targets = [t for s_, e_, hs, he in recipients for t in self._tokens_of(hs, he)]
        if not any(t.lemma_.lower() in PROTEST_TARGETS or t.lower_ in PROTEST_TARGETS for t in targets):
            return plover, cameo, acled
        words = list(tok.subtree) if tok.pos_ == "VERB" else [tok] + list(tok.children)
        words += [t for t in m.tokens if t not in words]
        soft = {"rubber", "plastic", "blank", "tear", "pepper", "gas", "water", "canister", "stun"}
        lemmas = {w.lemma_.lower() for w in words}
        # "live rounds" are lethal whatever else is named; otherwise a riot-control word ("rubber
        # bullets", "tear gas") means less-lethal means; "fired at/on protesters" alone is gunfire
        firearm = "live" in lemmas or not lemmas & soft and (
            bool(lemmas & FIREARM_NOUNS) or plover.mode == "firearms" or tok.lemma_.lower() in ("shoot", "fire"))
        lethal = firearm or tok.lemma_.lower() in LETHAL_FORCE_LEMMAS
        if not lethal:
            if acled is None or acled.event_type != "Protests":
                acled = AcledCode("Protests", "Protest with intervention")
            return plover, cameo, acled
        if firearm and plover.mode in (None, "heavy-weapons", "aerial"):
            plover = PloverCode(plover.event_type, "firearms", list(plover.context))
        if cameo in ("190", "193", "194", "195"):
            cameo = "175"
        return plover, cameo, AcledCode("Protests", "Excessive force against protesters")

    def _crowd_fire(self, tok, plover: PloverCode, cameo: str | None, acled: AcledCode | None):
        """Plain "fire" at/on/into a crowd ("Police fired at the crowd", "troops fired on
        mourners") is gunfire, not shelling: PLOVER ASSAULT mode firearms (PLOVER manual, ASSAULT
        modes), CAMEO 193 "fight with small arms and light weapons"; ACLED **Protests / Excessive
        force against protesters** (CAMEO 175) when the crowd is protesters/demonstrators or the
        sentence names a protest, else **Violence against civilians / Attack** (ACLED codebook).
        Only when the lexicon's heavy-weapons reading stands (no instrument found) and the
        sentence has no artillery, mortar, rocket, shell or other heavy-weapon or air word
        ("fired mortars at the crowd" stays shelling). Returns ``(plover, cameo, acled)``."""
        if plover.event_type != "ASSAULT" or plover.mode != "heavy-weapons" or tok.lemma_.lower() != "fire" \
                or tok.pos_ != "VERB":
            return plover, cameo, acled
        targets = [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("at", "on", "upon", "into")
                   for g in c.children if g.dep_ == "pobj"]
        targets += [g for t in list(targets) for g in t.conjuncts]
        if not any(t.lemma_.lower() in CROWD_TARGETS or t.lower_ in CROWD_TARGETS for t in targets):
            return plover, cameo, acled
        words = {t.lemma_.lower() for t in tok.sent} | {t.lower_ for t in tok.sent}
        if words & (HEAVY_WEAPON_WORDS | AIR_NOUNS):
            return plover, cameo, acled
        plover = PloverCode(plover.event_type, "firearms", list(plover.context))
        protest = any(t.lemma_.lower() in PROTEST_TARGETS or t.lower_ in PROTEST_TARGETS for t in tok.sent)
        if protest:
            return plover, "175", AcledCode("Protests", "Excessive force against protesters")
        return plover, "193", AcledCode("Violence against civilians", "Attack")

    def _attack_instrument(self, tok) -> str | None:
        """"air", "ground" or None: the instrument of an attack trigger read from its subject, "by"
        agent, "with"/"from" object, or the noun's modifiers ("Drones struck", "hit by drones",
        "attacked with warplanes", "an air strike", "drone attacks"). Ground-fire nouns (missile,
        rocket, artillery) win over air nouns ("missiles fired from aircraft" stays shelling, per the
        ACLED codebook: the sub-event follows the weapon, not the launch platform)."""
        nouns = []
        def add(t):
            nouns.append(t)
            nouns.extend(c for c in t.children if c.dep_ in ("compound", "amod", "conj"))
        for c in tok.children:
            if c.dep_ in ("nsubj", "nsubjpass", "compound", "amod", "nmod"):
                add(c)
            elif c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ in ("by", "with", "from", "using")):
                for g in c.children:
                    if g.dep_ == "pobj":
                        add(g)
            elif c.dep_ == "acl" and c.lemma_.lower() in ("use", "involve", "carry", "launch"):
                for g in c.children:
                    if g.dep_ in ("dobj", "agent"):
                        add(g)
            if c.dep_ == "dobj" and tok.pos_ == "VERB":
                # "attacked positions with its aircraft": the parser hangs "with" on the object
                for pp in c.children:
                    if pp.dep_ == "prep" and pp.lower_ in ("with", "using"):
                        nouns.extend(g for g in pp.children if g.dep_ == "pobj")
        if tok.pos_ == "NOUN" and tok.dep_ in ("nsubj", "dobj") and tok.head.pos_ in ("VERB", "AUX"):
            # "a drone attack hit ...": modifiers already read; "carried out by drones"
            for c in tok.head.children:
                if c.dep_ == "agent":
                    nouns.extend(g for g in c.children if g.dep_ == "pobj")
        lemmas = {n.lemma_.lower() for n in nouns} | {n.lower_ for n in nouns}
        if lemmas & GROUND_FIRE_NOUNS:
            return "ground"
        if lemmas & AIR_NOUNS or any(l.startswith(("drone", "air")) and l != "airport" for l in lemmas):
            return "air"
        if tok.lemma_.lower() in BARE_ATTACK_NOUNS and tok.pos_ == "NOUN":
            return self._sentence_instrument(tok)
        return None

    @staticmethod
    def _sentence_instrument(tok) -> str | None:
        """"air" or "ground" for a bare attack noun ("the strike") whose own phrase names no weapon,
        from the weapon nouns elsewhere in its sentence when they are all of one kind ("denied
        carrying out the strike, saying its aircraft had not flown ...": air); None when there are
        none or both kinds. A weapon word modifying a non-weapon noun ("air defence", "air base")
        is no evidence, except "air force"."""
        kinds = set()
        for t in tok.sent:
            if t.i == tok.i or t.pos_ not in ("NOUN", "PROPN"):
                continue
            lemma = t.lemma_.lower()
            kind = "ground" if lemma in GROUND_FIRE_NOUNS else "air" if lemma in AIR_NOUNS else None
            if kind is None:
                continue
            if t.dep_ in ("compound", "amod") and t.head.lemma_.lower() not in (
                    AIR_NOUNS | GROUND_FIRE_NOUNS | BARE_ATTACK_NOUNS | {"force"}):
                continue  # "air defence", "air base", "gun shop"
            kinds.add(kind)
        return kinds.pop() if len(kinds) == 1 else None


# -------------------------------------------------------------------- helpers
def _content_range(a) -> tuple[int, int]:
    return a.content.start, a.content.end


def _cue_range(a) -> tuple[int, int]:
    return a.cue.start, a.cue.end


def _hedge_range(h) -> tuple[int, int]:
    return h[0], h[1]


def _span_dict(doc, s) -> dict:
    start, end = s[0], s[1]
    text = doc if isinstance(doc, str) else doc.text
    return {"start": start, "end": end, "text": text[start:end]}


def _hedge(h) -> tuple[int, int, str, str] | None:
    """Normalise a hedge note: dict {start, end, factuality, reason} or tuple (start, end, fact, reason)."""
    if isinstance(h, dict):
        try:
            return int(h["start"]), int(h["end"]), str(h.get("factuality", "unconfirmed")), str(h.get("reason", ""))
        except (KeyError, TypeError, ValueError):
            return None
    if isinstance(h, (list, tuple)) and len(h) >= 3:
        return int(h[0]), int(h[1]), str(h[2]), str(h[3]) if len(h) > 3 else ""
    return None


def _parse_date(value) -> _dt.date | None:
    if not value:
        return None
    try:
        return _dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _datable(time) -> bool:
    """True when a TIMEX3 time can date an event: any DATE/TIME/SET, and a DURATION only with an
    interval anchored by the times stage ("in the past month" -> 2022-09-14..2022-10-14). A bare
    length of time ("after three days of talks", ``P3D``, no interval) says how long, not when."""
    return time.type != "DURATION" or time.interval is not None


def _time_end(time) -> _dt.date | None:
    """Last day of a TIMEX3 time: its interval end, else its value (YYYY, YYYY-MM, YYYY-MM-DD)."""
    if time.interval is not None:
        end = _parse_date(time.interval.end)
        if end is not None:
            return end
    value = time.value or ""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value)
    if not m:
        return None
    year = int(m.group(1))
    if m.group(3):
        return _dt.date(year, int(m.group(2)), int(m.group(3)))
    if m.group(2):
        month = int(m.group(2))
        nxt = _dt.date(year + (month == 12), month % 12 + 1, 1)
        return nxt - _dt.timedelta(days=1)
    return _dt.date(year, 12, 31)
