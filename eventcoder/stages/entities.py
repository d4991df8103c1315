"""Stage 2, entities: mentions grouped into canonical actors with country, sector and a reason.

Mentions come from four sources, in this order of trust:

1. **Curated actors** (``ontology/actors.tsv``): every alias is matched over the tokens of the
   document after accent/case folding (``unidecode``), longest match first. Acronyms (aliases
   written in capitals: "ICRC", "WHO", "U.N.") match case-sensitively; other aliases need a
   capitalised token in the text ("the Red Cross", not "red cross"). This repairs spaCy md
   labels ("Recep Tayyip Erdoğan" tagged ORG, "Zelenskiy" tagged DATE in "Mr Zelenskiy's",
   "ICRC" tagged GPE). A surname-only alias inside a longer name with a different first name
   ("Ivan Yermak") is refused.
2. **spaCy NER** spans labelled PERSON, ORG, GPE, NORP, FAC, LOC (a leading "the" and a
   trailing possessive are stripped; spans with no capitalised token are dropped). A PERSON or
   ORG span that is a known toponym (gazetteer) is relabelled GPE.
3. **Nominal agents** (``ontology/agents.tsv``): noun phrases headed by an agent noun
   ("Ukraine's armed forces", "the ministry", "a Moscow-installed official", "Ukrainian and
   Polish officials"); their country comes from a country word, demonym or capital among the
   modifiers ("Ukraine's", "Russian-installed", "Turkish counterpart") or from a possessive
   named entity ("Mr Zelenskiy's chief of staff" -> the country of Zelensky). Types: a person
   noun is PERSON ("the governor"), an institution or its members acting for it ORG ("the
   ministry", "Russian troops", "officials", "rebels"), a group of people who do not act for
   an organisation NORP (civilians, residents, protesters, refugees, prisoners, prisoners of
   war, journalists: kind ``people`` in ``agents.tsv``, like a people "Palestinians").
   Weapon nouns (kind ``weapon``: drone, tank, warplane...) are an actor mention only with a
   country word ("Israeli tanks" -> the Israeli military) or a named organisation ("U.N.
   helicopters" -> the U.N.) before them; a bare "Drones struck ..." is no mention, so an
   unattributed attack keeps no actor instead of a guessed one.
4. **Pronouns** he/him/his/she/her: resolved to the most recent compatible PERSON entity within
   three sentences, preferring grammatical subjects (normally the last speaker).

Grouping (``Entity.reason`` records the rule that attached the entity's second mention, or
how it was created): ``curated:<name>`` (a curated alias), ``exact`` (same folded name),
``country:<ISO2>`` (a country or its demonym), ``surname`` (a surname-only mention joins the
full name used earlier), ``fuzzy:doc`` / ``fuzzy:curated`` (a likely misspelling: surname
similarity >= 85 (rapidfuzz ratio) AND a compatible first name: equal, an initial, or
similarity >= 80; surname-only mentions need >= 90 and 6+ letters), ``acronym`` (defined in
the text as "Long Name (ACR)" or equal to the initials of a name in the document),
``appositive`` ("his Turkish counterpart, Mr Erdoğan"), ``member:<org>`` ("a WHO
spokesperson": a person of that organisation, its sector and country), ``nominal:<label>``
("the ministry" -> the latest entity whose name contains "ministry" or with that agent label;
only a definite singular person noun ("the official", "the governor") refers back to a PERSON,
only an institution or group noun to an ORG/NORP; bare or indefinite plurals ("officials",
"local officials", "some officials") and indefinite singulars ("an official") never refer back;
"Ukrainian troops" = "Ukraine's armed forces" = one (country, agent label) entity, the curated
one when ``actors.tsv`` has a row with that country and ``agent``; institutions keep their noun
modifiers apart: "the health ministry" is not "the interior ministry"), ``pronoun``,
``surname:ambiguous`` (a bare surname shared by several persons goes to the latest one),
``weapon`` ("Hezbollah drones": a weapon noun after a named organisation is that organisation),
``single`` (one mention, nothing grouped).
Two persons with the same surname but different first names are never merged.

Country is ISO 3166-1 alpha-2, from the curated row, the gazetteer
(``Gazetteer.country_for_name`` for countries and demonyms, ``candidates`` for other toponyms),
or the fallback table ``ontology/actor_countries.tsv``; sector is a PLOVER/CAMEO agent code (GOV,
MIL, REB, COP, JUD, LEG, OPP, IGO, NGO, MED, BUS, CVL, REF ...) from the curated row, the agent
noun, or the title words before a name ("Moscow-installed regional chief Ivan
Petrov" -> RU GOV). Country-level GPEs have no sector (the state as a whole), a people ("Palestinians")
is CVL; a capital is GOV only as the active subject of an agentive verb ("Kyiv has accused", not "Kyiv
was shelled"). Rivers, seas and mountain ranges (GeoNames feature codes in ``TRANSNATIONAL``) are
LOC with no country: they span several countries.

``analysis.notes["entities"]`` (for the attribution and event stages), a dict:

- ``"token_entity"``: ``{token index: entity id}``; for a token inside several mentions the
  smallest mention wins ("Ukraine" in "Ukraine's armed forces" -> Ukraine, "forces" -> the armed
  forces). Compound actors' shared head is not in it (see ``"compounds"``).
- ``"mentions"``: list of ``{"start", "end", "token_start", "token_end", "entity", "kind"}``
  (chars end exclusive, tokens end exclusive), sorted by start; ``kind`` is ``curated``,
  ``name``, ``acronym``, ``nominal``, ``pronoun`` or ``compound``.
- ``"compounds"``: ``{head token index: [entity ids]}`` for coordinated actors sharing one head
  noun ("Ukrainian and Polish officials" -> the Ukrainian and the Polish officials entities).
- ``"heads"``: ``{entity id: [token index of each mention's syntactic head]}``.
"""
from __future__ import annotations

import bisect
import logging
import re
import sqlite3
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from ..errors import EventcoderError
from ..model import Entity, Mention
from ..ontology.actors import Actor, fold, fold_case, load_actors, load_agents, load_countries

log = logging.getLogger(__name__)

NAME = "entities"
REQUIRES = ("doc",)
ASSIGNS = ("entities",)

NER_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
PERSONISH = {"ORG", "PRODUCT", "WORK_OF_ART", "FAC", "EVENT"}  # labels the md model gives surnames
TITLES = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "mr.", "mrs.", "ms.", "dr."}
PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}
DEFINITE = {"the", "this", "that", "these", "those", "its", "their", "his", "her"}
SINGULAR_DEFINITE = DEFINITE - {"these", "those"}
INDEFINITE = {"a", "an", "another", "one", "some", "several", "many", "two", "three", "other"}
# Words that may follow a curated name inside one NER span without changing its referent.
DESCRIPTORS = {"news", "agency", "newspaper", "group", "organisation", "organization", "broadcaster", "channel", "tv"}
STOP_INITIALS = {"of", "the", "for", "and", "on", "in", "de", "du", "des", "la", "le", "al", "to"}
FUZZY_SURNAME = 85.0
FUZZY_FIRST = 80.0
FUZZY_SURNAME_ONLY = 90.0
PRONOUN_WINDOW = 3  # sentences
# Verbs whose subject undergoes or is in a state: a capital as their subject is the place.
NON_AGENTIVE = {"be", "become", "remain", "stay", "come", "go", "lie", "sit", "have", "get", "see", "face",
                "suffer", "endure", "experience", "lose", "shake", "wake", "burn", "sleep", "fall"}
# GeoNames feature codes of natural features that usually span several countries (rivers, seas,
# oceans, gulfs, bays, straits, channels, mountain ranges): they get no country and type LOC.
TRANSNATIONAL = {"STM", "STMS", "STMI", "SEA", "OCN", "GULF", "BAY", "STRT", "CHN", "MTS", "HLLS"}
# Words after "<country>-" that name a sponsor, not the group's own country ("Russian-backed separatists").
# Attack verbs whose plural-demonym subject is the state's armed forces, not its civilians ("The
# Russians struck a residential area"; CAMEO codes the military, RUSMIL).
MILITARY_ATTACK_VERBS = frozenset("attack strike shell bomb bombard launch pound raid storm assault invade "
                                  "shoot fire ambush target hit".split())
BACKER_WORDS = frozenset("backed supported funded sponsored allied aligned armed trained financed leaning "
                         "friendly".split())
# Verbs whose subject is a person (or an organisation speaking), never a town: a town's
# namesake as their subject is a person ("Obama said", "Leon accused the ministry").
HUMAN_VERBS = frozenset("say tell speak add explain insist argue ask answer reply laugh joke smile think believe "
                        "write meet marry die resign vote win lose score play sign agree accuse criticise criticize "
                        "deny admit claim warn urge praise thank apologise apologize testify plead confess".split())
# Posts held by a force: "a police post", "an army checkpoint" (the modifier names the holder)
POST_NOUNS = frozenset("post station checkpoint base barracks outpost convoy patrol camp headquarters".split())
# Attack and weapon nouns an armed-group modifier names the author of ("a terrorist attack", "a rebel
# raid", "insurgent rockets").
ATTACK_NOUNS = frozenset("attack assault raid ambush bombing offensive shelling incursion strike "
                         "onslaught siege rocket missile mortar shell drone bomb".split())
# Verbs whose direct object is a person: "met Leon", "arrested Roth".
HUMAN_OBJECT_VERBS = frozenset("meet arrest detain interview sack appoint elect nominate charge sue thank praise "
                               "congratulate phone marry replace succeed pardon sentence convict acquit kidnap abduct "
                               "sign hire dismiss fire question".split())
# Verbs whose subject may be a town ("Obama lies on the coast", "Roth borders ..."): no person cue.
PLACE_STATE_VERBS = frozenset("be lie sit stand border neighbour neighbor overlook host house face straddle "
                              "lose suffer remain stay become receive experience see".split())
LOOKBACK = 1500  # tokens searched back for the antecedent of a nominal or pronoun

_fold_token = lru_cache(maxsize=200_000)(fold)  # tokens repeat: fold each form once per process
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9.&-]{1,7}$")


# --------------------------------------------------------------------------------------------
# Precompiled curated index (once per process and vocab)
# --------------------------------------------------------------------------------------------
@dataclass
class _Pattern:
    folds: tuple[str, ...]
    cased: tuple[str, ...] | None  # case-sensitive tokens for acronyms
    actor: Actor
    alias: str


class _Index:
    """Curated aliases as token tuples, keyed by the first folded token."""

    def __init__(self, nlp):
        self.by_first: dict[str, list[_Pattern]] = {}
        self.person_names: list[tuple[str, str, Actor]] = []  # (first, last) folded full names
        self.surnames: dict[str, list[Actor]] = {}
        self.by_agent: dict[tuple[str, str], Actor] = {}
        self.first_names: dict[str, set[str]] = {}
        for actor in load_actors():
            if actor.country and actor.agent:
                self.by_agent.setdefault((actor.country, actor.agent), actor)
            for alias in actor.names:
                texts = [t.text for t in nlp.make_doc(alias)]
                if texts and texts[0].lower() == "the" and len(texts) > 1:
                    texts = texts[1:]
                folds = tuple(fold(t) for t in texts)
                acronym = any(c.isalpha() for c in alias) and not any(c.islower() for c in alias)
                cased = tuple(fold_case(t) for t in texts) if acronym else None
                self.by_first.setdefault(folds[0], []).append(_Pattern(folds, cased, actor, alias))
                if actor.type == "PERSON":
                    if len(folds) >= 2:
                        self.person_names.append((folds[0], folds[-1], actor))
                        self.first_names.setdefault(actor.key, set()).add(folds[0])
                    elif len(folds) == 1:
                        self.surnames.setdefault(folds[0], []).append(actor)
        for pats in self.by_first.values():
            pats.sort(key=lambda p: -len(p.folds))


_INDEXES: dict[int, _Index] = {}


def _index(nlp) -> _Index:
    key = id(nlp.vocab)
    idx = _INDEXES.get(key)
    if idx is None:
        idx = _INDEXES[key] = _Index(nlp)
    return idx


# --------------------------------------------------------------------------------------------
# Working records
# --------------------------------------------------------------------------------------------
@dataclass
class _Ent:
    key: str
    name: str
    type: str
    country: str | None = None
    sector: str | None = None
    gender: str | None = None
    wikidata: str | None = None
    reason: str = "new"
    actor: Actor | None = None
    label: str | None = None  # agent label for nominal entities / person titles
    titles: set[str] = field(default_factory=set)
    first: str | None = None  # folded first name (persons)
    last: str | None = None  # folded surname (persons)
    keys: set[str] = field(default_factory=set)
    reasons: list[str] = field(default_factory=list)
    mentions: list["_Mention"] = field(default_factory=list)


@dataclass
class _Mention:
    ts: int  # token start
    te: int  # token end (exclusive)
    start: int
    end: int
    kind: str
    label: str
    head: int
    ent: _Ent | None = None


class _Builder:
    def __init__(self, analysis):
        self.analysis = analysis
        self.doc = analysis.doc
        self.text = analysis.text
        self.nlp = analysis.resources.nlp
        self.idx = _index(self.nlp)
        self.agents = load_agents()
        self.countries = load_countries()
        self.gaz = _gazetteer(analysis.resources)
        self.ents: list[_Ent] = []
        self.by_key: dict[str, _Ent] = {}
        self.mentions: list[_Mention] = []
        self.by_token: dict[int, list[_Mention]] = {}  # token -> mentions covering it
        self.starts: dict[int, list[_Mention]] = {}  # token -> mentions starting there
        self.persons_by_initial: dict[str, list[_Ent]] = {}
        self._demonym_cache: dict[str, str | None] = {}
        self.compounds: dict[int, list[_Ent]] = {}
        self.covered: set[int] = set()  # tokens inside named mentions
        self.folds = [_fold_token(t.text) for t in self.doc]
        self._place_country: dict[str, str | None] = {}
        self._place_fcode: dict[str, str] = {}  # folded toponym -> feature code of its best candidate
        # Surnames of multi-word PERSON names anywhere in the document ("Barack Obama" -> "obama").
        self.person_surnames = {self.folds[e.end - 1] for e in self.doc.ents if e.label_ == "PERSON" and len(e) >= 2}
        self.natural: set[str] = set()  # folded names of rivers, seas, mountain ranges
        self.sent_of = {}
        for si, sent in enumerate(self.doc.sents):
            for i in range(sent.start, sent.end):
                self.sent_of[i] = si

    # ---------------------------------------------------------------- helpers
    def new_ent(self, key: str, name: str, type_: str, reason: str, **kw) -> _Ent:
        ent = _Ent(key=key, name=name, type=type_, reason=reason, **kw)
        ent.keys.add(key)
        self.ents.append(ent)
        self.by_key[key] = ent
        return ent

    def attach(self, m: _Mention, ent: _Ent, reason: str | None = None) -> None:
        m.ent = ent
        ent.mentions.append(m)
        if reason and reason not in ent.reasons:
            ent.reasons.append(reason)

    def add_mention(self, ts: int, te: int, kind: str, label: str) -> _Mention:
        span = self.doc[ts:te]
        m = _Mention(ts, te, span.start_char, span.end_char, kind, label, span.root.i)
        self.mentions.append(m)
        self._live[id(m)] = m
        for i in range(ts, te):
            self.by_token.setdefault(i, []).append(m)
        self.starts.setdefault(ts, []).append(m)
        return m

    def backwards(self, before: int, window: int = LOOKBACK):
        """Mentions starting before token ``before`` (at most ``window`` tokens back), latest
        first."""
        for i in range(before - 1, max(-1, before - 1 - window), -1):
            for m in reversed(self.starts.get(i, ())):
                yield m

    def country_of(self, text: str, places: bool = False) -> str | None:
        """ISO2 for a country name or demonym (gazetteer, else the fallback table); with
        ``places``, also for a city/region name (most populous gazetteer candidate, or a
        capital in the fallback table)."""
        iso = None
        if self.gaz is not None and hasattr(self.gaz, "country_for_name"):
            try:
                iso = self.gaz.country_for_name(text)
            except (sqlite3.Error, EventcoderError, OSError) as exc:  # a broken cache file
                log.warning("gazetteer country_for_name failed: %s", exc)
                self.gaz = None
        if iso is None:
            hit = self.countries.lookup(text)
            if hit and (places or hit[1] != "capital"):
                iso = hit[0]
        if iso is None and places:
            iso = self.place_country(text)
        return iso

    def place_country(self, text: str) -> str | None:
        """ISO2 of the best gazetteer candidate for a toponym (most populous; the fallback
        table's capitals when there is no gazetteer), None when unknown or when the best
        candidate is a transnational natural feature (GeoNames feature codes in
        ``TRANSNATIONAL``: the Danube, the Black Sea; its folded name is then in
        ``self.natural``)."""
        key = fold(text)
        if key in self._place_country:
            return self._place_country[key]
        iso = None
        if self.gaz is not None and hasattr(self.gaz, "candidates"):
            try:
                cands = self.gaz.candidates(text, limit=20)
            except (sqlite3.Error, EventcoderError, OSError) as exc:
                log.warning("gazetteer candidates failed: %s", exc)
                self.gaz, cands = None, ()
            cands = [c for c in cands if getattr(c, "fclass", None) in ("P", "A", "L", "H", "T") or getattr(c, "curated", False)]
            if cands and getattr(cands[0], "fcode", None) in TRANSNATIONAL:
                # A river, sea or mountain range spans several countries: no actor country.
                self.natural.add(key)
                self._place_country[key] = None
                return None
            if cands:
                iso = cands[0].country  # most populous first (de jure country, ISO/UN)
                self._place_fcode[key] = getattr(cands[0], "fcode", None) or ""
        if iso is None:
            hit = self.countries.lookup(text)
            iso = hit[0] if hit else None
        self._place_country[key] = iso
        return iso

    def _water_body(self, m, text: str) -> bool:
        """True for a FAC-tagged name after "the" that the gazetteer knows as a stream, lake or sea
        (GeoNames feature class H: "the Dnipro", "the Dnieper"), which spaCy tags FAC."""
        if m.ts == 0 or self.doc[m.ts - 1].lower_ != "the" or self.gaz is None or not hasattr(self.gaz, "candidates"):
            return False
        try:
            cands = self.gaz.candidates(text, limit=20)
        except (sqlite3.Error, EventcoderError, OSError) as exc:
            log.warning("gazetteer candidates failed: %s", exc)
            return False
        return any(getattr(c, "fclass", None) == "H" for c in cands)

    def fuzzy_demonym(self, text: str) -> str | None:
        """ISO2 for a misspelled demonym ("Ukranian"): rapidfuzz ratio >= 90, 6+ letters."""
        key = fold(text)
        if len(key) < 6:
            return None
        if key in self._demonym_cache:
            return self._demonym_cache[key]
        best, best_score = None, 0.0
        for c in self.countries.countries.values():
            for d in c.demonyms + (c.name,):
                score = fuzz.ratio(key, fold(d))
                if score > best_score:
                    best, best_score = c.iso2, score
        self._demonym_cache[key] = best if best_score >= 90 else None
        return self._demonym_cache[key]

    def agent_at(self, i: int):
        """The agent term ending at token ``i`` (longest first) -> (Agent, first token)."""
        doc = self.doc
        tok = doc[i]
        heads = {tok.lemma_.lower(), tok.lower_}
        if tok.lower_.endswith("s"):
            heads.add(tok.lower_[:-1])
        for n in (3, 2):
            if i - n + 1 < 0:
                continue
            words = [doc[j].lower_ for j in range(i - n + 1, i)]
            for h in heads:
                term = " ".join(words + [h])
                if term in self.agents:
                    return self.agents[term], i - n + 1
        if i >= 2 and doc[i - 1].text in ("-", "–"):
            for h in heads:
                term = f"{doc[i - 2].lower_}-{h}"  # "secretary-general"
                if term in self.agents:
                    return self.agents[term], i - 2
        for h in heads:
            if h in self.agents:
                agent = self.agents[h]
                if agent.sector == "MIL" and agent.kind == "group" and i >= 1 and (i - 1) not in self.covered:
                    # "paramilitary forces", "rebel troops", "militia fighters": a non-state armed
                    # group's word before a generic force noun names the group, not the national army
                    prev = doc[i - 1]
                    for w in (prev.lower_, prev.lemma_.lower()):
                        mod = self.agents.get(w)
                        if mod is not None and mod.sector == "REB" and mod.kind == "group":
                            return mod, i - 1
                return agent, i
        return None

    # ---------------------------------------------------------------- 1. curated matches
    def curated_matches(self) -> list[tuple[int, int, Actor]]:
        doc, folds, idx = self.doc, self.folds, self.idx
        out = []
        n = len(doc)
        i = 0
        ner_person = {}
        for e in doc.ents:
            if e.label_ == "PERSON":
                for j in range(e.start, e.end):
                    ner_person[j] = e
        while i < n:
            hit = None
            for pat in idx.by_first.get(folds[i], ()):
                k = len(pat.folds)
                if i + k > n or tuple(folds[i : i + k]) != pat.folds:
                    continue
                if pat.cased is not None:
                    if tuple(fold_case(t.text) for t in doc[i : i + k]) != pat.cased:
                        continue
                elif not any(t.text[:1].isupper() for t in doc[i : i + k]):
                    continue
                if k == 1 and pat.actor.type == "PERSON" and not self._surname_ok(i, pat.actor, ner_person):
                    continue
                hit = (i, i + k, pat.actor)
                break
            if hit:
                out.append(hit)
                i = hit[1]
            else:
                i += 1
        return out

    def _surname_ok(self, i: int, actor: Actor, ner_person) -> bool:
        """A surname alias preceded by another first name ("Ivan Yermak") is a different
        person unless the first name is compatible with the curated one."""
        prev = None
        span = ner_person.get(i)
        if span is not None and span.start < i:
            prev = self.doc[i - 1]
        elif i > 0 and self.doc[i - 1].pos_ == "PROPN" and self.doc[i - 1].text[:1].isupper():
            prev = self.doc[i - 1]
        if prev is None or self.folds[prev.i] in TITLES or self.agent_at(prev.i):
            return True
        firsts = self.idx.first_names.get(actor.key, set())
        return _first_compatible(self.folds[prev.i], firsts)

    # ---------------------------------------------------------------- 2. named mentions
    def named_mentions(self) -> None:
        doc = self.doc
        curated = self.curated_matches()
        cur_tok: dict[int, tuple[int, int, Actor]] = {}
        for c in curated:
            for j in range(c[0], c[1]):
                cur_tok[j] = c
        spans: list[tuple[int, int, str, Actor | None, str]] = []
        used_curated = set()
        # spaCy md often tags a person's second mention as ORG/PRODUCT ("Marchuk added"):
        # a short span ending in the surname of a multi-token PERSON span is that person's.
        surnames = {self.folds[e.end - 1] for e in doc.ents if e.label_ == "PERSON" and len(e) >= 2}
        for e in doc.ents:
            label = e.label_
            if label in PERSONISH and len(e) <= 3 and self.folds[e.end - 1] in surnames and all(
                t.text[:1].isupper() for t in e
            ):
                label = "PERSON"
            if label not in NER_LABELS:
                continue
            ts, te = _strip(doc, e.start, e.end)
            if ts >= te or not any(t.text[:1].isupper() for t in doc[ts:te]):
                continue
            inner = {cur_tok[j] for j in range(ts, te) if j in cur_tok}
            if inner:
                c = next(iter(inner))
                if len(inner) > 1 or (c[0] <= ts and c[1] >= te):
                    continue  # curated matches cover the NER span: they win
                extra = [t for t in doc[ts:te] if not (c[0] <= t.i < c[1])]
                if c[0] >= ts and all(t.lower_ in DESCRIPTORS or t.is_punct for t in extra):
                    spans.append((ts, te, c[2].type, c[2], "curated"))  # "RIA news agency"
                    used_curated.add(c)
                    continue
                if not (e.label_ == "ORG" and c[0] > ts):
                    continue  # partial overlap: trust the curated match
                # else: a longer organisation naming a curated one inside: keep both
            spans.append((ts, te, label, None, "name"))
        for c in curated:
            if c not in used_curated:
                spans.append((c[0], c[1], c[2].type, c[2], "curated"))
        # A known surname the NER missed altogether.
        taken = {i for sp in spans for i in range(sp[0], sp[1])} | {i for e in doc.ents for i in range(e.start, e.end)}
        for t in doc:
            if t.i not in taken and t.pos_ == "PROPN" and t.is_title and self.folds[t.i] in surnames:
                spans.append((t.i, t.i + 1, "PERSON", None, "name"))
        spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
        for ts, te, label, actor, kind in spans:
            m = self.add_mention(ts, te, kind, label)
            m.actor = actor  # type: ignore[attr-defined]
            self.covered.update(range(ts, te))
        self.mentions.sort(key=lambda m: m.start)

    def group_named(self) -> None:
        """Attach each named mention to an entity (see the module docstring for the rules)."""
        acronyms: dict[str, _Ent] = {}
        for m in list(self.mentions):
            doc = self.doc
            actor = getattr(m, "actor", None)
            span = doc[m.ts : m.te]
            text = span.text
            key_text = fold(text)
            if actor is not None:
                self.attach_curated(m, actor, "curated:" + actor.name)
                continue
            label = m.label
            # Acronym defined in the text or matching the initials of an earlier name.
            if _ACRONYM.match(text) and label in ("ORG", "GPE", "NORP", "PERSON", "LOC", "FAC"):
                target = acronyms.get(text) or self._acronym_target(text, m)
                if target is not None:
                    m.kind = "acronym"
                    self.attach(m, target, "acronym")
                    continue
            if label in ("GPE", "LOC", "FAC", "NORP", "ORG", "PERSON"):
                hit = self.countries.lookup(text)
                iso = self.country_of(text) if label in ("GPE", "NORP", "LOC") or (label == "ORG" and m.te - m.ts == 1) else None
                if iso is None and label in ("GPE", "NORP", "ORG") and hit and hit[1] != "capital" and (label != "ORG" or m.te - m.ts == 1):
                    iso = hit[0]
                if iso is None and label == "NORP":
                    iso = self.fuzzy_demonym(text)
                if iso is not None:
                    demonym = hit[1] == "demonym" if hit else (label == "NORP")
                    if self.gaz is not None and hasattr(self.gaz, "is_demonym"):
                        try:
                            demonym = demonym or self.gaz.is_demonym(text)
                        except (sqlite3.Error, EventcoderError, OSError):
                            pass
                    if (demonym or label == "NORP") and self._demonym_attacker(m):
                        military = self.agents.get("military")
                        if military is not None:
                            self.attach(m, self.nominal_entity(iso, military, "ORG", "armed forces", definite=True),
                                        f"country:{iso}")
                            continue
                    if demonym or label == "NORP":
                        key = f"people:{iso}"
                        # A people as an actor is its civilians (CAMEO CVL): "Palestinians protested".
                        ent = self.by_key.get(key) or self.new_ent(
                            key, _people_name(self.countries, iso, text), "NORP", "created", country=iso, sector="CVL"
                        )
                    else:
                        key = f"country:{iso}"
                        ent = self.by_key.get(key) or self.new_ent(
                            key, self.countries.name(iso) or text, "GPE", "created", country=iso
                        )
                    self.attach(m, ent, f"country:{iso}")
                    continue
            if label in ("PERSON", "ORG") and m.te - m.ts <= 3 and not self._has_title(m):
                iso = self.place_country(text) if self.gaz is not None else None
                if iso is not None and self._person_use(m, text):
                    label = m.label = "PERSON"  # "Obama said", "Leon accused": a namesake town is no actor country
                elif iso is not None and not self._person_like(m) and not self._org_acting(m, text):
                    label = m.label = "GPE"
                elif iso is None and key_text in self.natural and not self._person_like(m):
                    label = m.label = "LOC"  # "the Danube" tagged ORG: a river, no actor
            if label == "FAC" and m.te - m.ts <= 3 and self._water_body(m, text):
                label = m.label = "LOC"  # "crossed the Dnipro" tagged FAC: a river, no facility
            if label == "ORG" and 2 <= m.te - m.ts <= 4 and self._title_before(m.ts):
                label = m.label = "PERSON"  # "President Yoweri Museveni" tagged ORG
            if label == "PERSON":
                self.group_person(m)
                continue
            key = f"name:{key_text}"
            ent = self.by_key.get(key)
            if ent is not None:
                self.attach(m, ent, "exact")
                if ent.sector is None and ent.type == "GPE" and self._capital_as_actor(m):
                    hit = self.countries.lookup(text)
                    if hit and hit[1] == "capital":
                        ent.sector = "GOV"  # "in Kyiv ... Kyiv has accused": the government
            else:
                target = self._fuzzy_org(key_text, label)
                if target is not None:
                    self.attach(m, target, "fuzzy:doc")
                    target.keys.add(key)
                    self.by_key.setdefault(key, target)
                else:
                    ent = self.new_ent(key, text, label, "created")
                    hit = self.countries.lookup(text)
                    if hit and hit[1] == "capital" and self._capital_as_actor(m):
                        ent.sector = "GOV"  # metonymy: "Moscow said", "Washington warned"
                    if label in ("GPE", "LOC", "FAC"):
                        # "South Lebanon", "Western Cambodia": a country named inside wins.
                        inside = [c for c in self.token_countries(m.ts, m.te) if c[1] == "name"]
                        ent.country = inside[0][0] if inside and m.te - m.ts > 1 else self.place_country(text)
                        if ent.country is None and fold(text) in self.natural:
                            ent.type = m.label = "LOC"  # "the Danube river" is no GPE
                    self.attach(m, ent)
                    ent = m.ent
            # "Long Name (ACR)": the acronym names the same entity.
            te = m.te
            if te + 2 < len(doc) and doc[te].text == "(" and doc[te + 2].text == ")" and _ACRONYM.match(doc[te + 1].text):
                acronyms[doc[te + 1].text] = m.ent
        # Titles, country and sector from the words around each mention.
        for m in self.mentions:
            if m.ent is not None and m.kind in ("name", "curated", "acronym"):
                self.context(m)

    def curated_entity(self, actor: Actor):
        """The document's entity for a curated actor, created on first use (one per actor)."""
        ent = self.by_key.get(actor.key)
        if ent is None:
            ent = self.new_ent(
                actor.key, actor.name, actor.type, "created", country=actor.country, sector=actor.sector,
                gender=actor.gender, wikidata=actor.wikidata, actor=actor, label=actor.agent,
            )
            if actor.type == "PERSON":
                parts = fold(actor.name).split()
                ent.first, ent.last = (parts[0], parts[-1]) if len(parts) > 1 else (None, parts[0])
        return ent

    def attach_curated(self, m: _Mention, actor: Actor, reason: str) -> None:
        self.attach(m, self.curated_entity(actor), reason)

    def _acronym_target(self, text: str, m: _Mention) -> _Ent | None:
        letters = text.replace(".", "")
        for ent in reversed(self.ents):
            if ent.type not in ("ORG", "GPE", "NORP", "FAC", "LOC"):
                continue
            words = [w for w in re.split(r"[\s\-]+", ent.name) if w and w.lower() not in STOP_INITIALS]
            if len(words) >= 2 and "".join(w[0] for w in words).upper() == letters.upper():
                return ent
        return None

    def _fuzzy_org(self, key_text: str, label: str) -> _Ent | None:
        if len(key_text) < 8:
            return None
        for ent in reversed(self.ents[-300:]):
            if ent.type == label and ent.type in ("ORG", "FAC", "LOC") and ent.actor is None:
                if fuzz.ratio(key_text, fold(ent.name)) >= 92:
                    return ent
        return None

    def _title_before(self, i: int) -> bool:
        """Token ``i - 1`` is a personal title or an individual agent noun ("President")."""
        if i == 0:
            return False
        if self.folds[i - 1].rstrip(".") in {t.rstrip(".") for t in TITLES}:
            return True
        hit = self.agent_at(i - 1)
        return hit is not None and hit[0].kind == "individual"

    def _capital_as_actor(self, m: _Mention) -> bool:
        """A capital's name used for its government (metonymy, CAMEO codes it GOV): the active
        subject of an agentive verb ("Kyiv has accused", "Moscow warned"); not a passive subject
        or the subject of a state verb ("Kyiv was shelled", "Kyiv lost power", "Kyiv is
        calm": the city as a place)."""
        tok = self.doc[m.head]
        if tok.dep_ != "nsubj":
            return False
        verb = tok.head
        return verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() not in NON_AGENTIVE

    def _has_title(self, m: _Mention) -> bool:
        return m.ts > 0 and self.folds[m.ts - 1] in TITLES

    def _person_like(self, m: _Mention) -> bool:
        doc = self.doc
        nxt = doc[m.te] if m.te < len(doc) else None
        return nxt is not None and nxt.lower_ in ("said", "told", "says", "added")

    def _person_use(self, m: _Mention, text: str) -> bool:
        """A name the gazetteer knows as a town (a namesake: "Obama", Fukui; "Roth", Bavaria;
        "Leon", Guanajuato) that the document uses as a person: the surname of a multi-word
        PERSON anywhere in the document ("Barack Obama ... Obama"), after a personal title or an
        individual agent noun ("President Obama"), a possessive ("Obama's
        humor"), the subject of a speech or human verb (``HUMAN_VERBS``: "Leon accused"), a
        bracketed subject ("(Roth) had"), coordinated with a PERSON ("Leon and Netanyahu"), or, when
        spaCy itself tagged it PERSON, the active subject of any verb but a place's state verb
        (``PLACE_STATE_VERBS``: "Roth had an agreement", not "Obama lies on the coast"), or the
        direct object of a verb whose object is a person (``HUMAN_OBJECT_VERBS``: "met Leon").
        Never for a country, a first-order administrative division or a capital (GeoNames
        feature codes PCL*, ADM1, PPLC; capitals of the fallback table): "Kyiv said" is the
        government (metonymy). Same cues as the places stage's person uses (docs/accuracy-places.md,
        "Tester fixes"), applied here to the entity type."""
        if m.te - m.ts > 2 or self.countries.lookup(text):
            return False
        fcode = self._place_fcode.get(fold(text), "")
        if fcode.startswith("PCL") or fcode in ("ADM1", "PPLC"):
            return False
        doc = self.doc
        if self.folds[m.te - 1] in self.person_surnames or self._title_before(m.ts):
            return True  # "Barack Obama ... Obama", "President Obama"
        if m.te < len(doc) and doc[m.te].text in ("'s", "’s", "'"):
            return True
        root = doc[m.head]
        if root.dep_ == "poss":
            return True
        if root.dep_ == "nsubj" and root.head.lemma_.lower() in HUMAN_VERBS:
            return True
        if m.label == "PERSON" and root.dep_ == "nsubj" and root.head.pos_ in ("VERB", "AUX") \
                and root.head.lemma_.lower() not in PLACE_STATE_VERBS:
            return True  # the NER says person and the name acts: "Roth had an agreement"
        if root.dep_ == "dobj" and root.head.lemma_.lower() in HUMAN_OBJECT_VERBS:
            return True  # "The minister met Leon", "Police arrested Roth"
        k = m.te + (1 if m.te < len(doc) and doc[m.te].text == ")" else 0)
        if m.ts > 0 and doc[m.ts - 1].text == "(" and k < len(doc) and doc[k].pos_ in ("VERB", "AUX"):
            return True  # "(Roth) had an agreement": a bracketed subject the parser attached elsewhere
        return any(t.ent_type_ == "PERSON" and not (m.ts <= t.i < m.te) for t in root.conjuncts)

    def _org_acting(self, m: _Mention, text: str) -> bool:
        """A one-word name spaCy tagged ORG that is the active subject of an agentive verb (not a
        place's state verb, ``PLACE_STATE_VERBS``) and no capital, country or first-order region:
        an actor whose namesake town must not give it a country ("Leon withdrew from the talks"
        stays ORG with no country, not GPE MX)."""
        if m.label != "ORG" or m.te - m.ts != 1 or self.countries.lookup(text):
            return False
        fcode = self._place_fcode.get(fold(text), "")
        if fcode.startswith("PCL") or fcode in ("ADM1", "PPLC"):
            return False
        root = self.doc[m.head]
        return root.dep_ == "nsubj" and root.head.pos_ == "VERB" and root.head.lemma_.lower() not in (
            PLACE_STATE_VERBS | NON_AGENTIVE)

    # ---------------------------------------------------------------- persons
    def group_person(self, m: _Mention) -> None:
        doc = self.doc
        toks = [self.folds[i] for i in range(m.ts, m.te) if self.folds[i] not in TITLES and doc[i].is_alpha or "-" in doc[i].text]
        toks = [t for t in toks if t not in TITLES] or [self.folds[m.ts]]
        first, last = (toks[0], toks[-1]) if len(toks) > 1 else (None, toks[0])
        full = " ".join(toks)
        key = f"person:{full}"
        ent = self.by_key.get(key)
        if ent is not None:
            self.attach(m, ent, "exact")
            return
        persons = self.persons_by_initial.get(last[:1], [])
        if first is None:
            # Surname only: the most recent person with that surname in the document.
            same = [e for e in persons if e.last == last]
            if same:
                e = max(same, key=lambda e: e.mentions[-1].start)
                self.attach(m, e, "surname" if len(same) == 1 else "surname:ambiguous")
                return
            if len(last) >= 6:
                for e in sorted(persons, key=lambda e: -e.mentions[-1].start):
                    if fuzz.ratio(e.last, last) >= FUZZY_SURNAME_ONLY and e.last[0] == last[0]:
                        self.attach(m, e, "fuzzy:doc")
                        return
                actor = self._fuzzy_curated(None, last)
                if actor is not None:
                    self.attach_curated(m, actor, "fuzzy:curated")
                    return
        else:
            for e in persons:
                if e.first is None and e.actor is None and e.last == last:
                    e.first, e.name = first, doc[m.ts : m.te].text  # surname seen first
                    self.attach(m, e, "surname")
                    return
                if e.first is not None and _first_compatible(first, {e.first}) and (
                    e.last == last or fuzz.ratio(e.last, last) >= FUZZY_SURNAME
                ):
                    self.attach(m, e, "exact" if e.last == last else "fuzzy:doc")
                    return
            actor = self._fuzzy_curated(first, last)
            if actor is not None:
                self.attach_curated(m, actor, "fuzzy:curated")
                return
        ent = self.new_ent(key, doc[m.ts : m.te].text, "PERSON", "created")
        ent.first, ent.last = first, last
        if m.ts > 0 and self.folds[m.ts - 1].rstrip(".") in ("mr", "sir", "lord"):
            ent.gender = "m"
        elif m.ts > 0 and self.folds[m.ts - 1].rstrip(".") in ("mrs", "ms", "miss", "dame", "lady"):
            ent.gender = "f"
        self.persons_by_initial.setdefault(last[:1], []).append(ent)
        self.attach(m, ent)

    def _fuzzy_curated(self, first: str | None, last: str) -> Actor | None:
        best, best_score = None, 0.0
        if first is None:
            for surname, actors in self.idx.surnames.items():
                if len(surname) >= 6 and surname[0] == last[0]:
                    s = fuzz.ratio(surname, last)
                    if s >= FUZZY_SURNAME_ONLY and s > best_score and len(actors) == 1:
                        best, best_score = actors[0], s
            return best
        for f, l, actor in self.idx.person_names:
            if not _first_compatible(first, {f}):
                continue
            s = fuzz.ratio(l, last)
            if s >= FUZZY_SURNAME and s > best_score:
                best, best_score = actor, s
        return best

    # ---------------------------------------------------------------- context: titles, country
    def left_modifiers(self, ts: int) -> int:
        """First token of the noun-phrase premodifiers ending before token ``ts`` (surface
        walk: adjectives, nouns, names, "'s", hyphens, -ed participles, "and" between
        adjectives; a determiner or possessive pronoun is included and ends the walk)."""
        doc = self.doc
        j = ts - 1
        start = ts
        while j >= 0:
            t = doc[j]
            low = t.lower_
            if t.pos_ == "DET" or (t.pos_ == "PRON" and t.dep_ == "poss") or low in DEFINITE | INDEFINITE:
                if low in DEFINITE | INDEFINITE or t.pos_ == "DET":
                    start = j
                break
            if t.pos_ in ("ADJ", "NOUN", "PROPN", "NUM") or t.tag_ == "POS" or low in ("'s", "’s"):
                start = j
            elif t.text in ("-", "–") and j > 0 and doc[j - 1].pos_ in ("ADJ", "PROPN", "NOUN"):
                start = j
            elif t.tag_ in ("VBN", "VBD") and j > 0 and doc[j - 1].text in ("-", "–"):
                start = j
            elif low in ("and", "or") and j > 0 and self._countryish(doc[j - 1]) and self._countryish(doc[j + 1]):
                start = j
            else:
                break
            j -= 1
        return start

    def _countryish(self, t) -> bool:
        """A country word or demonym ("Ukrainian and Polish officials", "US and British")."""
        return t.text[:1].isupper() and self.country_of(t.text) is not None

    def modifier_countries(self, a: int, b: int) -> list[tuple[str, int, int, bool]]:
        """Countries named by tokens ``[a, b)``: (iso2, token start, token end, strong) where
        strong means a country word/demonym/capital (weak: a town or region's country, or the
        country of a possessive named entity)."""
        out = []
        doc = self.doc
        i = a
        while i < b:
            m = self.mention_at(i)
            end = m.te if m is not None and m.ent is not None and m.te <= b else i + 1
            if end + 1 < len(doc) and doc[end].text in ("-", "–") and doc[end + 1].lower_ in BACKER_WORDS:
                i = end  # "Russian-backed separatists", "Iran-funded militia": the backer, not their country
                continue
            if m is not None and m.ent is not None and m.te <= b:
                if m.ent.country:
                    strong = m.ent.key.startswith(("country:", "people:"))
                    out.append((m.ent.country, m.ts, m.te, strong))
                elif m.ent.type in ("GPE", "LOC"):
                    iso = self.place_country(doc[m.ts : m.te].text)
                    if iso:
                        out.append((iso, m.ts, m.te, False))
                i = m.te
                continue
            t = doc[i]
            if t.text[:1].isupper() and t.is_alpha:
                iso = self.country_of(t.text, places=False)
                hit = self.countries.lookup(t.text)
                if iso is None and hit is not None:
                    iso = hit[0]
                if iso is None and t.pos_ in ("ADJ", "PROPN"):
                    iso = self.fuzzy_demonym(t.text)
                if iso:
                    out.append((iso, i, i + 1, True))
            i += 1
        return out

    def token_countries(self, a: int, b: int) -> list[tuple[str, str]]:
        """(iso2, kind) for each capitalised token in ``[a, b)`` that is a country name, demonym
        or capital in the fallback table (kind ``name``/``demonym``/``capital``)."""
        out = []
        for t in self.doc[a:b]:
            if t.text[:1].isupper() and t.is_alpha:
                hit = self.countries.lookup(t.text)
                if hit:
                    out.append(hit)
        return out

    def mention_at(self, i: int) -> _Mention | None:
        best = None
        for m in self.by_token.get(i, ()):
            if m.ts <= i < m.te and m.kind != "pronoun" and (best is None or (m.te - m.ts) > (best.te - best.ts)):
                best = m
        return best

    def context(self, m: _Mention) -> None:
        """Titles before a name ("Russian president", "Kherson administration chief") give
        the entity its sector and country when the curated list does not."""
        ent = m.ent
        if ent is None or ent.key.startswith(("country:", "people:")):
            return
        a = self.left_modifiers(m.ts)
        mods = self.modifier_countries(a, m.ts)
        for j in range(m.ts - 1, a - 1, -1):
            hit = self.agent_at(j)
            if hit is not None:
                agent, _ = hit
                ent.titles.add(agent.label)
                if ent.sector is None and ent.type == "PERSON":
                    ent.sector = agent.sector.strip("-") or None
                break
        if ent.type == "ORG" and ent.sector is None:
            for j in range(m.te - 1, m.ts - 1, -1):
                hit = self.agent_at(j)
                if hit is not None:
                    ent.sector = hit[0].sector.strip("-") or None  # "group"/"organisation": no sector
                    break
        if ent.country is None and mods:
            strong = [c for c in mods if c[3]]
            ent.country = (strong or mods)[0][0]
        if ent.country is None and ent.type == "ORG" and m.te - m.ts > 1:
            inside = self.token_countries(m.ts, m.te)  # "Lithuanian Parliament"
            if inside:
                ent.country = inside[0][0]

    # ---------------------------------------------------------------- 3. nominal agents
    def nominal_mentions(self) -> None:
        doc = self.doc
        n = len(doc)
        i = 0
        while i < n:
            tok = doc[i]
            if i in self.covered or tok.pos_ not in ("NOUN", "PROPN", "ADJ"):
                i += 1
                continue
            # "prisoners of war", "chief of staff": a multiword term read forwards.
            fwd = None
            if i + 2 < n and doc[i + 1].lower_ == "of":
                for term in (f"{tok.lemma_.lower()} of {doc[i + 2].lower_}", f"{tok.lower_} of {doc[i + 2].lower_}"):
                    if term in self.agents:
                        fwd = (self.agents[term], i, i + 3)
            hit = None
            if fwd is not None:
                agent, first, end = fwd
                head = i
            else:
                hit = self.agent_at(i)
                if hit is None:
                    i += 1
                    continue
                agent, first = hit
                end, head = i + 1, i
                nxt = doc[end] if end < n else None
                if (nxt is not None and agent.sector == "REB" and agent.kind == "group" and first == i
                        and nxt.pos_ == "NOUN" and nxt.lemma_.lower() in ATTACK_NOUNS and not any(j in self.covered for j in range(first, end))):
                    # "a terrorist attack", "rebel shelling": the armed group that attacked (its own entity)
                    m = self.add_mention(i, end, "nominal", "ORG")
                    m.head = i
                    self.attach(m, self.new_ent(f"nominal:{len(self.ents)}", agent.label, "ORG", "created",
                                                sector=agent.sector, label=agent.label))
                    i = end
                    continue
                if (nxt is not None and agent.sector in ("COP", "MIL") and agent.kind in ("org", "group")
                        and first == i and nxt.lemma_.lower() in POST_NOUNS and (end + 1 >= n or doc[end + 1].pos_ not in ("NOUN", "PROPN"))
                        and not any(j in self.covered for j in range(first, end))):
                    # "attacked a police post", "an army checkpoint": the force holding the post is
                    # the party attacked (ACLED actor2), a mention of its own
                    start = self.left_modifiers(first)
                    if start < first and doc[start].pos_ == "DET":
                        start += 1  # "a police post": the article is the post's
                    self.nominal(start, first, end, head, agent)
                    i = end
                    continue
                if nxt is not None and (nxt.pos_ in ("NOUN", "PROPN") or nxt.text in ("-", "–")):
                    i += 1
                    continue  # a modifier ("military operation") or a title ("chief Vladimir Saldo")
                if tok.pos_ == "ADJ" and (nxt is None or nxt.pos_ in ("CCONJ", "ADJ")):
                    i += 1
                    continue
            if any(j in self.covered for j in range(first, end)):
                i = end
                continue
            start = self.left_modifiers(first)
            self.nominal(start, first, end, head, agent)
            i = end

    def nominal(self, start: int, first: int, end: int, head: int, agent) -> None:
        doc = self.doc
        t0 = doc[start]
        is_det = t0.pos_ == "DET" or (t0.pos_ == "PRON" and t0.dep_ == "poss") or t0.lower_ in DEFINITE | INDEFINITE
        det = t0.lower_ if start < first and is_det else ""
        mods = self.modifier_countries(start, first)
        strong = [c for c in mods if c[3]] or mods
        isos = list(dict.fromkeys(c[0] for c in strong))
        kind = agent.kind
        plural = doc[head].tag_ in ("NNS", "NNPS")
        if kind == "individual" and plural:
            kind = "group"  # "officials", "diplomats": a collective actor
        if kind == "weapon":
            # Metonymy only when the text says whose weapon it is: "Israeli tanks" (a country
            # word) -> that country's military, "U.N. helicopters" -> the U.N.; a bare "Drones
            # struck ..." is no actor mention (an unattributed attack keeps no actor).
            org = self.modifier_org(start, first)
            national = [c for c in mods if c[3]]
            if not national and org is None:
                return
            if not national:
                m = self.add_mention(start, end, "nominal", org.type)
                m.head = head
                self.attach(m, org, "weapon")
                return
            kind = "group"
        if agent.label == "group":
            # Only "the group" (singular, definite, not "the group of ...") names an actor: the
            # latest non-state organisation before it, else a group of its own with no sector.
            nxt = doc[end] if end < len(doc) else None
            modifiers = doc[start + 1 : first]
            if det not in SINGULAR_DEFINITE or plural or mods or (nxt is not None and nxt.lower_ == "of") or any(
                    not t.is_lower or self.agent_at(t.i) is not None for t in modifiers):
                return  # "a group of", "the Hutu rebel group": not the bare anaphoric "the (rights) group"
            m = self.add_mention(start, end, "nominal", "ORG")
            m.head = head
            target = self.group_antecedent(start)
            if target is not None:
                self.attach(m, target, "nominal:group")
            else:
                self.attach(m, self.new_ent(f"nominal:{len(self.ents)}", doc[first:end].text, "ORG", "created",
                                            label="group"))
            return
        type_ = "PERSON" if kind == "individual" else ("NORP" if kind == "people" else "ORG")
        # Compound actor: "Ukrainian and Polish officials".
        coordinated = any(doc[j].lower_ in ("and", "or") for j in range(start, first))
        if len(isos) > 1 and coordinated:
            members = []
            for iso in isos:
                c = next(c for c in strong if c[0] == iso)
                m = self.add_mention(c[1], c[2], "compound", type_)
                m.head = head
                ent = self.nominal_entity(iso, agent, type_, doc[first:end].text.lower(), definite=True, compound=True, kind=kind)
                self.attach(m, ent, f"nominal:{agent.label}")
                members.append(ent)
            self.compounds[head] = members
            return
        iso = isos[0] if isos else None
        name_start = start + 1 if det else start
        # Institutions are told apart by their noun modifiers: "health ministry" != "interior ministry".
        qualifier = ""
        if kind == "org":
            qualifier = " ".join(
                t.lemma_.lower() for t in doc[name_start:first]
                if t.pos_ == "NOUN" and t.dep_ == "compound" and not self.by_token.get(t.i)
            )
        org = self.modifier_org(start, first)
        m = self.add_mention(start, end, "nominal", type_)
        m.head = head
        # Appositive: "his Turkish counterpart, Mr Erdoğan" / "Andriy Yemak, Mr X's chief of staff".
        app = self.appositive(start, end)
        if app is not None and (kind == "individual") == (app.type == "PERSON"):
            self.attach(m, app, "appositive")
            if app.sector is None:
                app.sector = (org.sector if org is not None else None) or agent.sector
            if app.country is None and (iso or (org is not None and org.country)):
                app.country = iso or org.country
            app.titles.add(agent.label)
            return
        if org is not None and kind == "individual":
            # "a WHO spokesperson", "a Kremlin official": a member of that organisation.
            ent = self.new_ent(
                f"nominal:{len(self.ents)}", doc[start + (1 if det else 0) : end].text, type_, "created",
                country=org.country or iso, sector=org.sector or agent.sector, label=agent.label,
            )
            self.attach(m, ent, f"member:{org.name}")
            return
        definite = det in DEFINITE or (not det and kind != "individual")
        if iso is not None and kind == "individual" and det in SINGULAR_DEFINITE:
            # "the Turkish leader" after "Erdoğan": the latest person of that country.
            target = self.person_of_country(iso, agent.sector, start)
            if target is not None:
                self.attach(m, target, f"nominal:{agent.label}")
                target.titles.add(agent.label)
                return
        # Who may link back (see _may_corefer): "the official" -> a person, "the ministry" ->
        # an organisation, "the officials"/"the troops" -> an earlier group with that label;
        # never "officials", "local officials", "some officials", "an official".
        if iso is None and self._may_corefer(kind, det, plural):
            target = self.corefer(agent, start, qualifier, kind=kind)
            if target is not None:
                self.attach(m, target, f"nominal:{agent.label}")
                return
            if getattr(self, "context_iso", None) and kind != "individual" and agent.sector in self.STATE_SECTORS:
                iso = self.context_iso  # "The army plans an offensive in North Kivu": DR Congo's army
        if iso is None and det in INDEFINITE | DEFINITE or iso is None and kind == "individual":
            name = doc[name_start:end].text if kind == "individual" else " ".join(filter(None, (qualifier, doc[first:end].text)))
            ent = self.new_ent(
                f"nominal:{len(self.ents)}", name, type_, "created", sector=agent.sector.strip("-") or None,
                label=(qualifier + " " if qualifier else "") + agent.label,
            )
            self.attach(m, ent)
            return
        text = doc[first:end].text if kind != "individual" else doc[name_start:end].text
        if qualifier:
            text = f"{qualifier} {text}"
        ent = self.nominal_entity(
            iso, agent, type_, text, definite=definite and det not in INDEFINITE, kind=kind, qualifier=qualifier
        )
        self.attach(m, ent, f"nominal:{agent.label}")

    def nominal_entity(
        self, iso: str | None, agent, type_: str, text: str, definite: bool, compound: bool = False,
        kind: str | None = None, qualifier: str = "",
    ) -> _Ent:
        """The entity for (country, agent label): the curated national institution when
        ``actors.tsv`` has one, else one per document (groups/orgs, or definite individuals)."""
        kind = kind or agent.kind
        if iso is not None and (kind != "individual" or definite) and not qualifier:
            actor = self.idx.by_agent.get((iso, agent.label))
            if actor is not None:
                return self.curated_entity(actor)
        key = f"agent:{iso}:{qualifier + ' ' if qualifier else ''}{agent.label}"
        if kind == "individual" and not definite:
            key = f"agent:{iso}:{agent.label}:{len(self.ents)}"
        ent = self.by_key.get(key)
        if ent is None:
            demonym = self.countries.demonym(iso) if iso else None
            name = f"{demonym} {text}" if demonym and (kind != "individual" or compound) else text
            if agent.kind == "weapon" and demonym:
                # "Polish lines", "Malian positions": the forces that hold them, not the thing
                name = f"{demonym} {'armed forces' if agent.label == 'military' else agent.label}"
            ent = self.new_ent(key, name, type_, "created", country=iso, sector=agent.sector, label=agent.label)
        return ent

    def _demonym_attacker(self, m: _Mention) -> bool:
        """True for a plural demonym ("the Russians") that is the subject of an attack verb
        (:data:`MILITARY_ATTACK_VERBS`): the state's armed forces (CAMEO <ISO3>MIL), not its people."""
        tok = self.doc[m.te - 1]
        if m.te - m.ts != 1 or tok.tag_ not in ("NNPS", "NNS") or tok.dep_ != "nsubj":
            return False
        verb = tok.head
        return verb.pos_ == "VERB" and verb.lemma_.lower() in MILITARY_ATTACK_VERBS

    def modifier_org(self, a: int, b: int) -> _Ent | None:
        """A named organisation among the premodifiers ``[a, b)`` (not a country or people)."""
        for i in range(a, b):
            for m in self.starts.get(i, ()):
                if m.te <= b and m.ent is not None and m.ent.type == "ORG" and m.kind in ("name", "curated", "acronym"):
                    return m.ent
        return None

    def person_of_country(self, iso: str, sector: str, before: int) -> _Ent | None:
        for m in self.backwards(before):
            if m.ent is not None and m.ent.type == "PERSON" and m.ent.country == iso:
                if m.ent.sector in (None, sector):
                    return m.ent
        return None

    def appositive(self, start: int, end: int) -> _Ent | None:
        doc = self.doc
        if end + 1 < len(doc) and doc[end].text == ",":
            m = self.mention_starting(end + 1)
            if m is not None and m.ent is not None and m.ent.type == "PERSON":
                return m.ent
        if start >= 2 and doc[start - 1].text == ",":
            m = self.mention_ending(start - 1)
            if m is not None and m.ent is not None and m.ent.type == "PERSON":
                return m.ent
        return None

    def mention_starting(self, i: int) -> _Mention | None:
        return next((m for m in self.starts.get(i, ()) if m.kind in ("name", "curated")), None)

    def mention_ending(self, i: int) -> _Mention | None:
        return next((m for m in self.by_token.get(i - 1, ()) if m.te == i and m.kind in ("name", "curated")), None)

    @staticmethod
    def _may_corefer(kind: str, det: str, plural: bool) -> bool:
        """Whether a nominal without a country may refer back to an earlier entity: a singular
        person noun only with a singular definite determiner ("the governor", "the official");
        an institution with a definite determiner or none ("the ministry", "police said"); a
        plural group only with a definite determiner ("the officials", "these troops"). Bare
        and indefinite plurals ("officials", "local officials", "some officials") and
        indefinite singulars ("an official") never do: they introduce new referents."""
        if det in INDEFINITE:
            return False
        if kind == "individual":
            return det in SINGULAR_DEFINITE and not plural
        if kind == "org" and not plural:
            return det in SINGULAR_DEFINITE or not det
        return det in DEFINITE

    def corefer(self, agent, before: int, qualifier: str = "", kind: str | None = None) -> _Ent | None:
        """The latest earlier entity a definite nominal ("the ministry") can refer to: a name
        containing the agent noun, an entity with the same agent label, or (for "the official")
        a person in the same sector. Types must be compatible: a person noun (``kind``
        individual) only refers to a PERSON, an institution or group noun never does."""
        kind = kind or agent.kind
        words = set(agent.term.split())
        qwords = set(qualifier.split())
        best = None
        self.context_iso = None
        here = self._paragraph(self.doc[before].idx if before < len(self.doc) else len(self.doc.text))
        for m in self.backwards(before):
            if m.ent is None:
                continue
            if kind != "individual" and here - self._paragraph(self.doc[m.ts].idx) > 1:
                # "the army"/"the ministry" refers to a group or institution of the same or the
                # previous paragraph only: two paragraphs on, the text has moved to other parties
                # ("The army said it had not carried out any air strikes" is not the Russian
                # warplanes of the lede)
                break
            e = m.ent
            if (e.type == "PERSON") != (kind == "individual"):
                continue  # "officials"/"the ministry" never name a person; "the governor" is one
            if qwords and not qwords <= set(fold(e.name).split()) | set((e.label or "").split()):
                continue  # "the health ministry" is not the interior ministry
            if e.label == agent.label or agent.label in e.titles:
                best = e
            elif e.type in ("ORG", "PERSON") and words <= set(fold(e.name).split()):
                best = e
            elif kind == "individual" and e.type == "PERSON" and e.sector == agent.sector and agent.label in ("official", "spokesperson", "leader"):
                best = e
            elif agent.label == "military" and e.sector == "MIL" and e.type == "ORG":
                best = e
            if best is not None and kind != "individual" and here != self._paragraph(self.doc[m.ts].idx) and e.country:
                # the previous paragraph's national institution, when this sentence's places all
                # lie in other countries than that paragraph's ("Russian troops shelled Kharkiv.
                # / The army plans an offensive in North Kivu"): the story moved on; the sentence's
                # own country (when it names one) is the context
                here_isos = self._place_isos(before)
                there_isos = self._place_isos(m.ts) | {e.country}
                if here_isos and not here_isos & there_isos:
                    self.context_iso = next(iter(here_isos)) if len(here_isos) == 1 else None
                    return None
            if best is not None:
                return best
        return None

    STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})

    def _place_isos(self, i: int) -> set[str]:
        """ISO2 countries of the named places (GPE/LOC mentions with a country) in the sentence
        of token ``i`` (named mentions only: the places stage runs later)."""
        si = self.sent_of.get(i)
        out = set()
        for m in self.mentions:
            if m.ent is not None and m.ent.type in ("GPE", "LOC") and m.ent.country and m.kind != "nominal" and (
                self.sent_of.get(m.ts) == si
            ):
                out.add(m.ent.country)
        return out

    def group_antecedent(self, before: int) -> _Ent | None:
        """The entity "the group" refers to: the latest named non-state organisation (ORG whose
        sector is not a state one: REB, NGO, OPP, BUS, MED, none) mentioned before token
        ``before`` in the same or the previous paragraph ("Hamas ... The group said"), else the
        latest nominal armed group there ("Militants attacked ... the group said"), else None."""
        here = self._paragraph(self.doc[before].idx if before < len(self.doc) else len(self.doc.text))
        nominal = None
        for m in self.backwards(before):
            if here - self._paragraph(self.doc[m.ts].idx) > 1:
                break
            e = m.ent
            if e is None or e.type != "ORG" or e.sector in self.STATE_SECTORS:
                continue
            if m.kind in ("name", "curated", "acronym") or e.label == "group":
                return e  # a name, or an earlier "the group" of its own
            if nominal is None and m.kind == "nominal" and e.sector == "REB":
                nominal = e
        return nominal

    def _paragraph(self, char: int) -> int:
        """Paragraph number (0-based; paragraphs are separated by line breaks) of a char offset."""
        starts = self.__dict__.get("_para_starts")
        if starts is None:
            starts = [0] + [m.end() for m in re.finditer(r"\n\s*", self.doc.text)]
            self._para_starts = starts
        return bisect.bisect_right(starts, char) - 1

    # ---------------------------------------------------------------- 4. pronouns
    _AFFILIATION = re.compile(r"^(installed|appointed|backed|imposed|controlled|picked|named)$")

    def _affiliation_words(self, a: int, b: int) -> set[str]:
        """Affiliation participles among tokens ``[a, b)`` written after a hyphen ("Moscow-installed",
        "Kremlin-backed"): {"installed", "backed", ...}."""
        out = set()
        for j in range(a, b):
            t = self.doc[j]
            if self._AFFILIATION.match(t.lower_) and j > a and self.doc[j - 1].text in ("-", "–"):
                out.add(t.lower_)
        return out

    def affiliation_cataphora(self) -> None:
        """An indefinite person nominal with an affiliation participle ("a Moscow-installed
        official", typical of a news lede) is the one named person whose title carries the same
        participle and country (Saldo, titled the "Russian-installed" Kherson chief),
        before or after it. With no such person, or several, it stays its own entity."""
        persons: dict[str, list[_Ent]] = {}
        for m in self.mentions:
            ent = m.ent
            if ent is None or ent.type != "PERSON" or m.kind not in ("name", "curated"):
                continue
            for word in self._affiliation_words(self.left_modifiers(m.ts), m.ts):
                lst = persons.setdefault(word, [])
                if ent not in lst:
                    lst.append(ent)
        if not persons:
            return
        for m in list(self.mentions):
            ent = m.ent
            if ent is None or ent.type != "PERSON" or m.kind != "nominal" or not ent.key.startswith(("nominal:", "agent:")):
                continue
            if self.doc[m.ts].lower_ not in ("a", "an", "one", "another"):
                continue
            words = self._affiliation_words(m.ts, m.te)
            cands = {id(p): p for w in words for p in persons.get(w, ()) if p is not ent and (
                p.country is None or ent.country is None or p.country == ent.country)}
            if len(cands) != 1:
                continue
            target = next(iter(cands.values()))
            ent.mentions.remove(m)
            self.attach(m, target, "affiliation:" + "/".join(sorted(words)))

    PORTFOLIO_TITLES = frozenset("minister secretary spokesman spokeswoman spokesperson chief".split())

    def title_fragments(self) -> None:
        """A one-word organisation name that is only a portfolio inside a person's title ("Russian
        Defence Minister Sergei Shoigu": spaCy tags "Defence" ORG) names no entity; "the Defence
        Ministry" (an institution) is not touched."""
        def fragment(m) -> bool:
            return (m.kind == "name" and m.label == "ORG" and m.te - m.ts == 1 and m.te < len(self.doc)
                    and self.doc[m.te].lower_ in self.PORTFOLIO_TITLES)

        for ent in {id(m.ent): m.ent for m in self.mentions if m.ent is not None and fragment(m)}.values():
            if not all(fragment(m) for m in ent.mentions):
                continue  # the name also occurs on its own: keep it
            for m in list(ent.mentions):
                ent.mentions.remove(m)
                m.ent = None
                self._drop_mention(m)

    def demonym_modifiers(self) -> None:
        """A demonym adjective that modifies a noun ("Russian forces", "a Ukrainian city", "Russian
        missiles") is not a mention of a people (NORP, civilians): inside another mention ("Russian
        forces", "Ukrainian Foreign Minister Dmytro Kuleba", "Israeli tanks") it is dropped, that
        mention carries the country; otherwise it names the state, as CAMEO codes a country
        adjective ("a Ukrainian city" -> Ukraine, "Russian lines" -> Russia; GPE, no sector). Only a
        demonym heading its own noun phrase ("Palestinians protested", "the Ukrainians") stays a
        people. Runs after nominal mentions, so the containing mentions exist."""
        for m in list(self.mentions):
            ent = m.ent
            if ent is None or ent.type != "NORP" or m.kind != "name" or not ent.key.startswith("people:"):
                continue
            toks = self.doc[m.ts:m.te]
            root = toks.root
            hyphenated = m.te < len(self.doc) and self.doc[m.te].text in ("-", "–")  # "Russian-installed"
            if not hyphenated:
                if root.pos_ not in ("ADJ",) and root.dep_ not in ("amod", "compound", "nmod"):
                    continue
                if root.dep_ not in ("amod", "compound", "nmod", "conj") or root.head.i == root.i:
                    continue
                if root.dep_ == "conj" and root.head.dep_ not in ("amod", "compound", "nmod"):
                    continue
                if root.head.pos_ not in ("NOUN", "PROPN", "ADJ"):
                    continue
            # another entity's mention over the same tokens: "Russian forces", or the compound member
            # "Ukrainian" of "Ukrainian and Russian negotiators"
            container = any(o is not m and o.ent is not None and o.ent is not ent and o.ts <= m.ts and m.te <= o.te
                            for i in range(m.ts, m.te) for o in self.by_token.get(i, ()))
            if container:
                ent.mentions.remove(m)
                m.ent = None
                self._drop_mention(m)
                continue
            if not hyphenated and self._people_head(root.head):
                continue
            ent.mentions.remove(m)
            m.ent = None
            iso = ent.country
            if iso is None:
                self._drop_mention(m)
                continue
            key = f"country:{iso}"
            state = self.by_key.get(key) or self.new_ent(key, self.countries.name(iso) or ent.name, "GPE", "created",
                                                          country=iso)
            m.label = "GPE"
            self.attach(m, state, f"demonym:{iso}")

    # nouns after a demonym that make it a people, not a state ("Ukrainian people", "Mexican immigrants")
    PEOPLE_HEADS = frozenset("people speaker origin descent national citizen civilian youth detainee immigrant "
                             "migrant minority community population family child woman man villager resident "
                             "refugee home household".split())

    def _people_head(self, head) -> bool:
        """True when ``head`` names people (so a demonym before it is that people, CVL): a people
        noun, a demonym or people name itself ("Iraqi Kurds"), an agent noun of the lexicon, or a
        plural agentive noun ("landowners", "administrators", "activists", "detainees")."""
        lemma = head.lemma_.lower()
        if lemma in self.PEOPLE_HEADS or head.ent_type_ == "NORP":
            return True
        agent = self.agents.get(lemma)
        if agent is not None and agent.kind == "people":
            return True
        return head.tag_ in ("NNS", "NNPS") and head.lower_.endswith(("ers", "ors", "ants", "ents", "ees", "ists", "ians"))

    @property
    def mentions(self) -> list[_Mention]:
        """All live mentions in order; mentions dropped by :meth:`_drop_mention` are taken out
        here, in one pass, on the next access (so dropping k of n mentions costs O(n), not
        O(k * n) list searches)."""
        if self._dropped:
            dead = self._dropped
            self._mention_list = [x for x in self._mention_list if id(x) not in dead]
            dead.clear()
        return self._mention_list

    @mentions.setter
    def mentions(self, value: list[_Mention]) -> None:
        self._mention_list = value
        self._live: dict[int, _Mention] = {id(x): x for x in value}
        self._dropped: dict[int, _Mention] = {}

    def _drop_mention(self, m: _Mention) -> None:
        """Remove a mention from every index (it names no entity of its own)."""
        if self._live.get(id(m)) is m:
            del self._live[id(m)]
            self._dropped[id(m)] = m  # keeps m alive (and its id unique) until the next compaction
        for i in range(m.ts, m.te):
            lst = self.by_token.get(i)
            if lst and m in lst:
                lst.remove(m)
        lst = self.starts.get(m.ts)
        if lst and m in lst:
            lst.remove(m)

    def pronouns(self) -> None:
        doc = self.doc
        for tok in doc:
            gender = PRONOUNS.get(tok.lower_)
            if gender is None or tok.pos_ != "PRON" or tok.i in self.covered:
                continue
            si = self.sent_of.get(tok.i, 0)
            best, best_score = None, None
            for m in self.backwards(tok.i):
                dist = si - self.sent_of.get(m.ts, 0)
                if dist > PRONOUN_WINDOW:
                    break
                if m.ent is None or m.ent.type != "PERSON" or (m.ent.gender and m.ent.gender != gender):
                    continue
                dep = doc[m.head].dep_
                score = -3 * dist + (2 if dep in ("nsubj", "nsubjpass") else 0) - (2 if dep == "poss" else 0)
                if best_score is None or score > best_score:  # ties: the latest mention
                    best, best_score = m, score
            if best is None:
                continue
            m = self.add_mention(tok.i, tok.i + 1, "pronoun", "PERSON")
            self.attach(m, best.ent, "pronoun")

    # ---------------------------------------------------------------- output
    def finish(self) -> None:
        ents = [e for e in self.ents if e.mentions]
        for e in ents:
            e.mentions.sort(key=lambda m: m.start)
        ents.sort(key=lambda e: e.mentions[0].start)
        ids = {}
        result = self.analysis.result
        for n, e in enumerate(ents, 1):
            eid = f"E{n}"
            ids[id(e)] = eid
            if e.type == "PERSON" and e.actor is None and e.first is not None:
                named = [self.text[m.start : m.end] for m in e.mentions if m.kind == "name"]
                if named:
                    counts = {t: named.count(t) for t in named}
                    e.name = max(named, key=lambda t: (len(t.split()) > 1, counts[t], -named.index(t)))
            result.entities.append(
                Entity(
                    id=eid,
                    name=e.name,
                    type=e.type,
                    mentions=[Mention(m.start, m.end, self.text[m.start : m.end]) for m in e.mentions],
                    country=e.country,
                    sector=e.sector,
                    wikidata=e.wikidata,
                    reason="+".join(e.reasons) if e.reasons else _created_reason(e),
                )
            )
        mentions = sorted((m for m in self.mentions if m.ent is not None and m.ent.mentions), key=lambda m: (m.start, m.end))
        token_entity: dict[int, tuple[int, str]] = {}
        heads: dict[str, list[int]] = {}
        for m in mentions:
            eid = ids[id(m.ent)]
            heads.setdefault(eid, []).append(m.head)
            if m.kind == "compound":
                continue
            for i in range(m.ts, m.te):
                size = m.te - m.ts
                if i not in token_entity or size < token_entity[i][0]:
                    token_entity[i] = (size, eid)
        self.analysis.notes[NAME] = {
            "token_entity": {i: v[1] for i, v in sorted(token_entity.items())},
            "mentions": [
                {"start": m.start, "end": m.end, "token_start": m.ts, "token_end": m.te, "entity": ids[id(m.ent)], "kind": m.kind}
                for m in mentions
            ],
            "compounds": {h: [ids[id(e)] for e in members] for h, members in self.compounds.items()},
            "heads": heads,
        }


def _created_reason(e: _Ent) -> str:
    if e.actor is not None:
        return "curated:" + e.actor.name
    if e.key.startswith(("country:", "people:")):
        return f"country:{e.country}"
    if e.key.startswith(("agent:", "nominal:")):
        return f"nominal:{e.label}"
    return "single"


def _people_name(countries, iso: str, text: str) -> str:
    c = countries.countries.get(iso)
    if c is not None:
        plural = [d for d in c.demonyms if d.endswith("s") and not d.endswith("ss")]
        return plural[0] if plural else c.demonyms[0] if c.demonyms else text
    return text


def _first_compatible(first: str, candidates: set[str]) -> bool:
    """Same first name, an initial ("a." / "a"), or a transliteration variant (ratio >= 80)."""
    first = first.rstrip(".")
    for c in candidates:
        c = c.rstrip(".")
        if first == c or (len(first) == 1 and c.startswith(first)) or (len(c) == 1 and first.startswith(c)):
            return True
        if fuzz.ratio(first, c) >= FUZZY_FIRST and first[0] == c[0]:
            return True
    return False


def _strip(doc, ts: int, te: int) -> tuple[int, int]:
    """Drop a leading determiner and a trailing possessive/punctuation from a span."""
    while ts < te - 1 and (doc[ts].lower_ in ("the", "a", "an") or doc[ts].is_punct or doc[ts].lower_ in TITLES):
        ts += 1
    while te > ts and (doc[te - 1].lower_ in ("'s", "’s", "'") or doc[te - 1].is_punct):
        te -= 1
    return ts, te


def _gazetteer(resources) -> Any:
    """The gazetteer if it can be opened, else None (the fallback country table is used)."""
    try:
        return getattr(resources, "gazetteer", None)
    except (EventcoderError, sqlite3.Error, OSError) as exc:
        log.warning("entities: gazetteer unavailable (%s); using the fallback country table", exc)
        return None


def run(analysis) -> None:
    """Add canonical entities to ``analysis.result.entities`` and the mention index to
    ``analysis.notes["entities"]`` (shapes in the module docstring). Never raises on odd
    text: an empty document gives no entities."""
    if analysis.doc is None or len(analysis.doc) == 0:
        analysis.notes[NAME] = {"token_entity": {}, "mentions": [], "compounds": {}, "heads": {}}
        return
    b = _Builder(analysis)
    b.named_mentions()
    b.group_named()
    b.nominal_mentions()
    b.demonym_modifiers()
    b.title_fragments()
    b.mentions.sort(key=lambda m: m.start)
    b.pronouns()
    b.affiliation_cataphora()
    b.finish()
