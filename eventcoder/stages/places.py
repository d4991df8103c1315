"""Stage places: toponyms -> gazetteer candidates -> one resolved place (or a reasoned refusal).

1. **Toponym spans** come from two sources: spaCy NER (GPE, LOC, FAC; NORP only as an actor,
   e.g. "Ukrainian forces") and a scan of the text for capitalised word sequences the gazetteer
   knows (NER misses villages and mislabels places as PERSON/ORG). A scanned match is kept when
   a locative cue surrounds it ("in", "near", "village of", "... region"), or when the same
   string is a place elsewhere in the document. Also kept: the entities stage's GPE/LOC/FAC
   mentions (it relabels spaCy's PERSON/ORG on known toponyms), the direct object of an attack
   verb naming a settlement of 10,000+ ("shelled Kramatorsk"), and a rare NORP-tagged name in a
   locative slot ("near Robotyne"), which may end as ``no_candidate`` + W003. Local-news forms
   NER misses: a town leading an institution's name ("the Mansfield Police Department",
   "University of Georgia": a location; "The Washington Post", "Air France": the place as an
   actor), all-capitals datelines ("CORSICANA —"), a legislator's seat ("D-Braxton"), a town as
   a modifier ("a Chapin man", "Fargo officials"), NORP/ORG-tagged towns in a locative slot
   ("in Oxford", "from Salalah"), hyphenated demonyms ("Russian-American"), the EU (continent
   point), and named facilities with no entry ("Royal Street") placed in the document's main
   town. A second scan tags the other mentions of a name found once (document propagation).
2. **Cue words** glued to the name are read and, for "region/oblast/province/district/river",
   made part of the span: "Kherson region", "Dnipro River". "mouth of", "bank of", "across"
   before a name signal water.
3. **Candidates** are all gazetteer entries under the name (alternate names and ASCII folding
   included: Kiev/Kyiv, Nikolayev/Mykolaiv).
4. **Ranking**, per candidate, adds evidence (every term is in the ``reason``):
   cue/feature-class fit, the document's countries and admin1s (from the other toponyms:
   a context-free pass, then two context rounds), "X, Y", "X in Y" and "X and other Russian
   cities" patterns, distance to the other resolved places, coherence with the other names'
   best candidates (same admin1 or < 100 km: Dublin and Columbus, Ohio), population and
   feature class priors. A city beats its same-named admin unit unless a cue
   says "region".
5. **Role** (decided per mention, and the ``role:`` part of its reason describes that mention):
   metonymic and demonym uses ("Kyiv said", "Russia claims", "Turkey's foreign
   ministry", "the Kremlin", "Ukrainian") get ``role="actor"`` and keep their country.
6. **Disputed areas** (policy, see docs/accuracy-places.md): the ISO 3166 / UN country is kept
   (Crimea -> UA); the de-facto controller, where the gazetteer knows it (curated.tsv, or the
   DISPUTED_ADMIN1 table below), is written into the ``reason`` as ``controlled_by=RU``.

A name with no candidate keeps its span with ``geonames_id=None``, ``reason="no_candidate"``
and a W003 warning; it never stops the other toponyms resolving.

Writes ``analysis.result.places`` (ids P1.. in order of appearance) and
``analysis.notes["places"]`` = {"countries": {iso2: count}, "admin1s": {code: count}}.
"""
from __future__ import annotations

import dataclasses
import logging
import math
import re
from dataclasses import dataclass, field

from ..errors import Warnings
from ..gazetteer import haversine_km
from ..model import Place

log = logging.getLogger(__name__)

NAME = "places"
REQUIRES = ("doc", "entities")
ASSIGNS = ("places",)

# De-facto control of admin1 units whose ISO 3166 country is contested (since 2014).
# Source: UN General Assembly resolution 68/262 (2014) on the territorial integrity of Ukraine.
DISPUTED_ADMIN1 = {
    "UA-43": "RU | occupied and annexed by Russia in 2014; annexation not recognised (UN GA res. 68/262)",
    "UA-40": "RU | occupied and annexed by Russia in 2014; annexation not recognised (UN GA res. 68/262)",
}

ADMIN1_CUES = {"region", "regions", "oblast", "oblasts", "province", "provinces", "governorate", "state", "krai", "territory", "prefecture"}
ADMIN2_CUES = {"district", "raion", "rayon", "county", "municipality", "parish"}
WATER_CUES = {"river", "sea", "lake", "reservoir", "gulf", "strait", "bay", "estuary", "canal"}
REGION_CUES = {"peninsula", "strip", "basin", "valley", "heights"}
SETTLEMENT_BEFORE = {"village", "town", "city", "settlement", "hamlet", "suburb", "capital"}
WATER_BEFORE = {"mouth", "bank", "banks", "shore", "shores", "across", "crossing", "crossed", "cross", "upstream", "downstream", "estuary"}
LOCATIVE_PREPS = {"in", "near", "at", "outside", "from", "to", "into", "around", "toward", "towards", "across", "of", "through", "between", "inside", "via", "over", "off", "within", "beyond", "north", "south", "east", "west"}
NEIGHBOUR_LOCATIVE = {"near", "outside", "in", "at", "around", "inside", "village", "town", "city", "region", "oblast", "province", "district", "county"}
ACTOR_HEADS = {
    "government", "ministry", "military", "army", "forces", "force", "president", "officials", "official",
    "authorities", "troops", "navy", "leader", "leaders", "prime", "foreign", "defence", "defense",
    "parliament", "embassy", "ambassador", "envoy", "security", "intelligence", "police", "regime",
    "administration", "spokesman", "spokeswoman", "spokesperson", "delegation", "negotiators", "counterpart",
    "diplomats", "soldiers", "allies", "state", "central", "national", "air", "special", "armed",
}
ACTOR_VERBS = {
    "say", "claim", "accuse", "urge", "announce", "deny", "warn", "tell", "call", "demand", "reject", "agree",
    "sign", "launch", "invade", "capture", "seize", "annex", "attack", "strike", "shell", "send", "supply",
    "sanction", "impose", "threaten", "vow", "insist", "condemn", "respond", "retaliate", "recognise",
    "recognize", "support", "offer", "propose", "plan", "want", "refuse", "expel", "summon", "ban", "order",
    "approve", "vote", "decide", "promise", "pledge", "report", "confirm", "blame", "negotiate", "admit",
    "announce", "believe", "insist", "hope", "fire", "bomb", "deploy", "withdraw", "retreat", "court",
}
INSTITUTION_WORDS = {
    "police", "department", "sheriff", "sheriff's", "fire", "county", "city", "public", "school", "schools",
    "university", "college", "hospital", "historical", "council", "board", "chamber", "library", "airport",
    "high", "middle", "elementary", "community", "regional", "area", "memorial", "medical", "township", "parish",
}
METONYMS = {  # building/seat -> (country, label)
    "kremlin": ("RU", "the Kremlin"), "white house": ("US", "the White House"), "pentagon": ("US", "the Pentagon"),
    "downing street": ("GB", "Downing Street"), "elysee": ("FR", "the Elysee"), "elysee palace": ("FR", "the Elysee"),
    "whitehall": ("GB", "Whitehall"), "bankova": ("UA", "Bankova"), "state department": ("US", "State Department"),
}
_CAPWORD = re.compile(r"^[A-Z\u00C0-\u024F\u0400-\u04FF][\w\u00C0-\u024F'’.-]*$")
_PRECISION = {"PCLI": "country", "ADM1": "admin1", "ADM2": "admin2", "CONT": "region", "RGN": "region", "PEN": "region"}


@dataclass
class _Mention:
    start: int
    end: int
    name_start: int  # the name part without cue words, chars
    name_end: int
    label: str  # NER label, or "SCAN"
    cue_after: str | None = None
    cue_before: str | None = None
    role: str = "location"
    role_reason: str = ""
    country_hint: str | None = None  # ISO2 from "X and other Russian cities"
    container: str | None = None  # the Y of "X in Y" whose candidates X took (X has no entry of its own)
    candidates: tuple = ()
    adjective: bool = False  # a one-word name used as an adjective/demonym/direction ("English", "Western", "the West")
    capital_ids: frozenset | None = None  # the PPLC candidates that are their country's capital (see _capital_ids)
    chosen: object = None
    score: float = 0.0
    reason: str = ""
    evidence: list[str] = field(default_factory=list)


def run(analysis) -> None:
    """Find, resolve and append the document's places (see module docstring)."""
    doc = analysis.doc
    text = analysis.text
    gaz = analysis.resources.gazetteer
    if doc is None:
        return
    given = analysis.notes.get("places_input")
    mentions = _given_mentions(doc, text, gaz, given) if given is not None else _find_mentions(doc, text, gaz, _entity_toponyms(analysis), _person_names(analysis))
    for m in mentions:
        name = text[m.name_start : m.name_end]
        dotted = "." in name or text[m.end : m.end + 1] == "."
        if m.label == "LOCAL":
            continue  # a facility name: placed in the document's main town after resolution
        supra = SUPRANATIONAL.get(name.lower())
        if supra is not None:
            m.candidates = tuple(c for c in (gaz.get(supra),) if c is not None)
            continue
        m.candidates = _candidates(gaz, name, text[m.start : m.end], dotted, doc.vocab)
        iso = gaz.country_for_name(name) if not m.cue_after else None
        if iso and not any(c.fcode == "PCLI" and c.country == iso for c in m.candidates):
            country = gaz.country(iso)
            if country is not None:
                m.candidates = (country,) + (() if m.label == "NORP" else m.candidates)
    _use_containers(mentions, text)
    home = getattr(analysis.result.document, "home_region", None)
    _resolve(mentions, text, gaz, doc, home, _evoked_countries(analysis, mentions, text, gaz) if home else frozenset())
    for m in mentions:
        if m.container:
            m.reason += f";container:{m.container}"
    mentions = _place_facilities(mentions, text)
    places: list[Place] = []
    for m in sorted(mentions, key=lambda x: x.start):
        places.append(_to_place(m, text, analysis))
    for i, p in enumerate(places, start=1):
        p.id = f"P{i}"
    analysis.result.places.extend(places)
    countries: dict[str, int] = {}
    admin1s: dict[str, int] = {}
    for p in places:
        if p.country_code:
            countries[p.country_code] = countries.get(p.country_code, 0) + 1
        if p.admin1 and p.role == "location":
            code = p.admin1
            admin1s[code] = admin1s.get(code, 0) + 1
    analysis.notes[NAME] = {"countries": countries, "admin1s": admin1s}


# -- 1. mentions --------------------------------------------------------------------------------
def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the " and a trailing possessive from a span."""
    s = text[start:end]
    if s.lower().startswith("the "):
        start += 4
    s = text[start:end]
    for suffix in ("'s", "’s", "’", "'"):
        if s.endswith(suffix):
            end -= len(suffix)
            break
    while end > start and text[end - 1] in " .,;:":
        end -= 1
    return start, end


def _entity_toponyms(analysis) -> list[tuple[int, int]]:
    """Char spans (start, end) of the mentions the entities stage typed GPE/LOC/FAC. It relabels
    spaCy's PERSON/ORG on a known toponym ("Russian forces shelled Kramatorsk": spaCy says
    PERSON), so these spans are toponyms even when NER disagrees."""
    out = []
    for ent in getattr(analysis.result, "entities", None) or ():
        if ent.type in ("GPE", "LOC", "FAC"):
            out.extend((mm.start, mm.end) for mm in ent.mentions)
    return out


def _person_names(analysis) -> set[str]:
    """Lower-cased names the document uses for persons: every PERSON mention of the entities
    stage, and the surname (last word) of each multi-word PERSON mention of the entities stage
    or spaCy NER ("Barack Obama" -> "obama"). A toponym candidate with such a name needs a strong place cue."""
    out: set[str] = set()
    texts = []
    for ent in getattr(analysis.result, "entities", None) or ():
        if ent.type == "PERSON":
            texts.extend(analysis.text[mm.start : mm.end] for mm in ent.mentions)
    doc = analysis.doc
    for t in texts:
        words = t.replace("’s", "").replace("'s", "").split()
        if words:
            out.add(" ".join(words).lower())
    if doc is not None:
        texts.extend(e.text for e in doc.ents if e.label_ == "PERSON")
    for t in texts:
        words = t.replace("’s", "").replace("'s", "").split()
        if len(words) > 1 and words[-1][:1].isupper():
            out.add(words[-1].lower())
    return out


PERSON_VERBS = {"say", "tell", "speak", "laugh", "joke", "think", "believe", "meet", "smile", "write", "add", "explain",
                "agree", "sign", "marry", "die", "win", "lose", "score", "play", "vote", "resign", "argue", "insist", "ask"}


def _person_context(doc, span) -> bool:
    """The name at ``span`` is used as a person: a possessive ("Obama's humor"), the subject of
    a human verb (PERSON_VERBS: "Leon said") or a bracketed subject ("(Roth) had an agreement"), or coordinated with a PERSON ("between Obama
    and Netanyahu")."""
    j = span.end
    if j < len(doc) and doc[j].text in ("'s", "’s", "'"):
        return True
    root = span.root
    if root.dep_ == "poss" or (root.dep_ == "nsubj" and root.head.lemma_.lower() in PERSON_VERBS):
        return True
    k = j + (1 if j < len(doc) and doc[j].text == ")" else 0)
    if k < len(doc) and doc[k].pos_ in ("VERB", "AUX") and span.start > 0 and doc[span.start - 1].text == "(":
        return True  # "(Roth) had": a bracketed subject the parser attached elsewhere
    for t in list(root.conjuncts):
        if t.ent_type_ == "PERSON":
            return True
    return False


def _place_despite_person(doc, text: str, gaz, span, person_names: set[str]) -> bool:
    """A name spaCy tagged PERSON (or that names a person elsewhere in the document) is a
    toponym only with a place cue: "in/near/outside X", "X county", "X, <admin1/country>"
    ("Obama, Fukui"), the object of "shelled"; a weaker neighbour cue ("at X", "village of X")
    counts only when the name is no person's name in the document and is not used as a person
    (possessive, subject, coordinated with a PERSON)."""
    a, b = span.start, span.end
    name = text[span.start_char : span.end_char]
    if _strong_locative(doc, a, b) or _followed_by_state(doc, text, b, gaz) or _attacked_settlement(doc, span, gaz, name):
        return True
    if name.lower() in person_names or _person_context(doc, span):
        return False
    return _locative_context(doc, a, b)


def _find_mentions(doc, text: str, gaz, entity_spans: list[tuple[int, int]] = (), person_names: set[str] = frozenset()) -> list[_Mention]:
    """Toponym mentions: NER spans, the entities stage's GPE/LOC/FAC spans (``entity_spans``,
    chars) and the gazetteer scan (module docstring, step 1). ``person_names`` (lower case, see
    ``_person_names``): names that are toponyms only with a strong place cue."""
    mentions: list[_Mention] = []
    taken = [False] * (len(text) + 1)

    def free(a: int, b: int) -> bool:
        return not any(taken[a:b])

    def take(m: _Mention) -> None:
        for i in range(m.start, m.end):
            taken[i] = True
        mentions.append(m)

    place_strings: set[str] = set()
    ner_countries: set[str] = set()
    for ent in doc.ents:
        if ent.label_ in ("GPE", "LOC", "FAC"):
            s, e = _strip(text, ent.start_char, ent.end_char)
            if e > s:
                place_strings.add(text[s:e].lower())
                iso = gaz.country_for_name(text[s:e])
                cands = gaz.candidates(text[s:e], limit=1)
                if iso or cands:
                    ner_countries.add(iso or cands[0].country)
    # NER toponyms (GPE, LOC, FAC) and demonyms (NORP)
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "LOC", "FAC", "NORP"):
            continue
        s, e = _strip(text, ent.start_char, ent.end_char)
        if e <= s or not free(s, e):
            continue
        if ent.label_ == "NORP" and "-" in text[s:e] and not gaz.country_for_name(text[s:e]):
            # "Russian-American crew", "Israeli-Egyptian peace": one demonym per part
            pos = s
            for part in text[s:e].split("-"):
                ps, pe = pos, pos + len(part)
                pos = pe + 1
                if part[:1].isupper() and gaz.country_for_name(part) and free(ps, pe):
                    take(_Mention(ps, pe, ps, pe, "NORP", role="actor", role_reason="demonym"))
            continue
        if ent.label_ == "NORP" or gaz.is_demonym(text[s:e]):
            if gaz.country_for_name(text[s:e]):
                place_noun = ent.end < len(doc) and doc[ent.end].lower_ in PLACE_NOUNS
                take(_Mention(s, e, s, e, "NORP", role="actor", role_reason="demonym+place_noun" if place_noun else "demonym"))
            elif ent.end < len(doc) and doc[ent.end].lower_ in ADMIN1_CUES | ADMIN2_CUES | WATER_CUES and gaz.has_name(text[s:e]):
                take(_Mention(s, e, s, e, "GPE"))  # NER's NORP on "Belgorod region": a place after all
            elif (ent.label_ == "NORP" and not gaz.is_demonym(text[s:e]) and text[s:e][:1].isupper()
                  and ent.root.dep_ not in ("amod", "compound") and not any(doc.vocab.has_vector(t.lower_) for t in ent)
                  and (_strong_locative(doc, ent.start, ent.end) or _attack_object(ent.root))):
                take(_Mention(s, e, s, e, "GPE"))  # NER's NORP on a rare name after "near"/"shelled": a toponym (maybe unknown -> W003)
            elif ent.label_ == "NORP" and any(c.fcode == "CONT" for c in gaz.candidates(text[s:e])):
                take(_Mention(s, e, s, e, "NORP", role="actor", role_reason="demonym"))  # "European airlines": the continent, as an actor
            elif ent.label_ == "NORP" and text[s:e][:1].isupper() and not gaz.is_demonym(text[s:e]) and _major_place(gaz, text[s:e]):
                take(_Mention(s, e, s, e, "GPE"))  # NER's NORP on a capital/admin1/large city ("Karnataka wants"): a toponym
            elif (ent.label_ == "NORP" and text[s:e][:1].isupper() and _settlement(gaz, text[s:e])
                  and (_strong_locative(doc, ent.start, ent.end) or _locative_context(doc, ent.start, ent.end))):
                # NER's NORP on a known town in a locative slot or as a local modifier: "in Oxford", "Parkland students"
                take(_Mention(s, e, s, e, "GPE"))
            continue
        if ent.label_ == "FAC" and not gaz.has_name(text[s:e]):
            continue
        if text[s:e].islower():
            continue  # "west bank", "east": common nouns, not toponyms
        if text[s:e].isupper() and len(text[s:e]) <= 6 and not gaz.has_name(text[s:e]) and not gaz.country_for_name(text[s:e]):
            continue  # an acronym NER took for a place ("ICRC")
        take(_Mention(s, e, s, e, ent.label_))
    # toponyms the entities stage found where spaCy said PERSON/ORG: a refusal must be visible
    # (no_candidate -> W003), never a silent drop
    for es, ee in sorted(set(entity_spans)):
        s, e = _strip(text, es, ee)
        if e <= s or not free(s, e) or text[s:e].islower():
            continue
        if gaz.is_demonym(text[s:e]):
            continue
        espan = doc.char_span(s, e, alignment_mode="expand")
        if espan is None:
            continue
        low = text[s:e].lower()
        if (all(t.ent_type_ == "PERSON" for t in espan) or low in person_names) \
                and not _place_despite_person(doc, text, gaz, espan, person_names) \
                and not (low in place_strings and low not in person_names and not _person_context(doc, espan)):
            continue  # spaCy's PERSON the entities stage took for a town ("Obama's humor", "(Roth) had"): a person
        place_strings.add(text[s:e].lower())
        take(_Mention(s, e, s, e, "GPE"))
    # toponyms inside a name span spaCy typed ORG/PERSON ("Kostiantynivka in Donetsk Oblast",
    # "the town of Boulkessi"): the town and its container are places, an unknown town -> W003
    for ent in doc.ents:
        if ent.label_ in NAME_LABELS and ent.label_ not in ("GPE", "LOC", "FAC"):
            for ps, pe in _toponyms_in_name(doc, text, gaz, ent):
                if free(ps, pe):
                    place_strings.add(text[ps:pe].lower())
                    take(_Mention(ps, pe, ps, pe, "GPE"))
    # gazetteer scan over capitalised word sequences; a second pass tags the other mentions of
    # a name the first pass (or NER) took as a place (document-level propagation)
    ent_label = {}
    ent_of: dict[int, object] = {}
    for ent in doc.ents:
        for i in range(ent.start, ent.end):
            ent_label[i] = ent.label_
            ent_of[i] = ent
    n = len(doc)
    words = [(t.text, t.is_sent_start) for t in doc]
    caps = [bool(_CAPWORD.match(w)) for w, _ in words]  # a capitalised word (never punctuation)
    # 1 = sentence start, 2 = name-breaking punctuation (a span may start at a sentence start)
    breaks = [2 if w in {".", ",", ";", ":", "(", ")"} else (1 if st else 0) for w, st in words]
    for scan_pass in (1, 2):
        if scan_pass == 2:
            found_strings = {text[m.start : m.end].lower() for m in mentions
                             if m.role == "location" and m.label == "SCAN" and not m.role_reason and text[m.start : m.end].lower() not in GENERIC_NAMES}
            new_strings = found_strings - place_strings
            if not new_strings:
                break
            place_strings |= found_strings
            firsts = {x.split()[0] for x in new_strings if x.split()}
        i = 0
        while i < n:
            if scan_pass == 2 and doc[i].lower_ not in firsts:
                i += 1
                continue
            found = _scan_at(doc, text, gaz, i, free, place_strings, ner_countries, ent_label, ent_of, caps, breaks, person_names)
            if found is not None:
                take(found)
                fspan = doc.char_span(found.start, found.end, alignment_mode="expand")
                i = max(i + 1, fspan.end if fspan is not None else i + 1)
            else:
                i += 1
    # named facilities with no gazetteer entry ("Royal Street", "Holy Redeemer Church"): placed in
    # the document's main town after resolution (_place_facilities), dropped when there is none
    for ent in doc.ents:
        if ent.label_ in ("FAC", "LOC") and ent[-1].lower_ in FACILITY_HEADS and len(ent) > 1:
            s, e = _strip(text, ent.start_char, ent.end_char)
            if e > s and free(s, e) and all(t.is_title or t.is_digit or t.lower_ in ("of", "the", "'s", "’s", "&", "-") for t in doc.char_span(s, e, alignment_mode="expand") or ()) \
                    and not gaz.candidates(text[s:e]):
                take(_Mention(s, e, s, e, "LOCAL"))
    # cue words, roles
    for m in mentions:
        hint = _OTHER_PLACES.match(text, m.end)
        if hint:
            m.country_hint = gaz.country_for_name(hint.group(1))
        if m.label == "LOCAL":
            continue
        if m.label == "NORP":
            continue
        _read_cues(m, doc, text)
        if m.role != "actor":
            _read_role(m, doc, text, gaz)
    return mentions


# Unions of states that have no GeoNames place of their own: the continent's point (GeoNames
# 6255148 Europe), as the GeoWebNews annotators place them; role "actor" unless after "in/across".
SUPRANATIONAL = {"eu": 6255148, "european union": 6255148}
# A demonym before one of these says where ("other Russian cities", "the Syrian border"): its
# country counts (half weight) in the document context, unlike "Russian shells".
PLACE_NOUNS = {"city", "cities", "town", "towns", "village", "villages", "capital", "region", "regions", "province",
               "provinces", "border", "coast", "territory", "countryside", "soil", "airspace", "port", "state", "states"}
# "X and several other Russian cities": X is in that country.
_OTHER_PLACES = re.compile(r",? (?:and|or) (?:\w+ ){0,2}other ([A-Z][\w-]+) (?:cities|towns|villages|regions|provinces|states|ports|capitals)\b")
NAME_LABELS = ("ORG", "PERSON", "FAC", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "GPE", "LOC", "MONEY")
# A head word after a place name inside an organisation's name says the organisation sits in
# that place ("the Mansfield Police Department", "Parkers Prairie High School"): the name is a
# location. Other organisation names that start with a major place ("The Washington Post",
# "Air France" is not one: the place must lead) keep the place as an actor (no location claim).
# (Words that often follow a person's name, "Webb Center", "Drayton Hall", are left out.)
EMBEDDED_INSTITUTION_WORDS = (INSTITUTION_WORDS - {"memorial", "historical"}) | {
    "sheriff", "court", "municipal", "circuit", "superior", "district", "zoo", "parks", "jail", "detention",
    "commission", "commissioners", "housing", "transit", "highway", "turnpike", "national", "state", "fair", "festival",
    "civic", "metropolitan", "international", "senate", "legislature", "rescue", "recreation", "symphony", "utilities",
    "planning", "zoning", "borough", "village", "town", "elementary", "primary", "metro", "fiscal", "independent",
    "unified", "volunteer", "economic", "redevelopment", "sanitation", "cvb", "visitors", "convention",
}
# "<state> Highway <word>": a state agency ("the Florida Highway Patrol"), not a road.
HIGHWAY_AGENCY_WORDS = {"patrol", "safety", "department", "division", "administration", "commission", "authority", "troopers"}
# Words of a company's name: a place name leading such a name ("Qods Aviation Industries",
# "Ural Airlines") is part of the company's name (an actor at most), never a location.
COMPANY_WORDS = {
    "industries", "industry", "aviation", "company", "co", "corporation", "corp", "group", "holding", "holdings",
    "bank", "airlines", "airline", "airways", "inc", "ltd", "llc", "plc", "enterprises", "manufacturing", "motors",
    "petroleum", "oil", "gas", "steel", "mining", "shipping", "trading", "electronics", "systems", "technologies",
    "plant", "factory", "mills", "brewery", "pharmaceuticals", "insurance", "investments", "capital",
}
# ... unless the name is a government body's ("the NSW Primary Industries Minister").
GOVERNMENT_WORDS = {"minister", "ministry", "government", "authority", "agency", "commission", "office", "secretary",
                    "director", "governor", "administration", "municipality", "municipal", "state", "national"}
# Single capitalised words that name some small gazetteer place but are mostly common words in
# running text ("Supreme Court", "Inner City", "Many area cities"); the weak rules skip them.
GENERIC_NAMES = {
    "many", "area", "region", "supreme", "superior", "highways", "labor", "labour", "justice", "vice", "beer", "spring",
    "north", "south", "east", "west", "central", "college", "commerce", "garden", "center", "centre", "constitution",
    "inner", "inner city", "mound", "union", "liberty", "independence", "victory", "unity", "progress", "freedom",
    "enterprise", "industry", "mart", "wal", "ford", "friendship", "harmony", "opportunity", "hope", "eden", "paradise",
    "king", "queen", "prince", "bishop", "major", "chief", "deputy", "state", "city", "county", "national", "federal",
    "university", "metro", "capital", "summit", "plains", "valley", "lake", "river", "park", "beach", "harbor", "bay",
}
DIRECTION_WORDS = {"northeast", "northwest", "southeast", "southwest", "northern", "southern", "eastern", "western",
                   "upper", "lower", "greater", "downtown", "historic", "rural", "suburban", "coastal", "mid"}
STREET_WORDS = {"street", "st", "avenue", "ave", "road", "rd", "drive", "dr", "court", "ct", "lane", "ln", "boulevard",
                "blvd", "way", "place", "pike", "parkway", "trail", "circle", "terrace", "highway", "hwy", "route"}
# A place name right before one of these is a town used as a modifier ("a Chapin man", "Rolling
# Meadows residents", "Fargo Mayor"): local news style for "of that town".
RESIDENT_NOUNS = {
    "man", "woman", "men", "women", "resident", "residents", "native", "natives", "teen", "teens", "teenager", "boy",
    "girl", "couple", "mayor", "officials", "officers", "police", "firefighters", "voters", "students", "homeowners",
    "businessman", "businesswoman", "motorist", "driver", "area", "councilman", "councilwoman", "aldermen",
}
PARTY_TAGS = {"D", "R", "I", "DFL", "Ind", "D.", "R."}
DATELINE_AFTER = {"—", "–", "-", "--", "---", ":", "("}


def _container_name(gaz, name: str) -> bool:
    """``name`` ("Donetsk Oblast", "Mali", "Idlib province") is a country or an admin1 (GeoNames
    feature code ADM1), alone or before an admin1 cue word."""
    words = name.split()
    bare = " ".join(words[:-1]) if len(words) > 1 and words[-1].lower() in ADMIN1_CUES else name
    if gaz.country_for_name(name) or gaz.country_for_name(bare):
        return True
    return any(c.fcode == "ADM1" and c.kind != "abbr" for c in (*gaz.candidates(name), *gaz.candidates(bare)))


def _toponyms_in_name(doc, text: str, gaz, ent) -> list[tuple[int, int]]:
    """Char spans of toponyms inside a name span ``ent`` that spaCy typed ORG/PERSON/...:

    - "<X> in <Y>" where Y is a country or admin1 ("Kostiantynivka in Donetsk Oblast": spaCy's
      ORG): X (when the gazetteer knows it, or after "the town/village/city of") and Y;
    - the whole span right after "the town/village/city of" ("near the town of Boulkessi":
      spaCy's PERSON), up to 3 capitalised words with no institution/company word: a toponym
      even when the gazetteer does not know it (then W003, no point).
    Empty list otherwise."""
    settle = ent.start >= 2 and doc[ent.start - 1].lower_ == "of" and doc[ent.start - 2].lower_ in SETTLEMENT_BEFORE
    toks = list(ent)
    if toks and toks[0].lower_ == "the":
        toks = toks[1:]
    k = next((t.i for t in toks[1:-1] if t.lower_ == "in"), None)
    if k is not None:
        x, y = doc[toks[0].i : k], doc[k + 1 : ent.end]
        if y and y[0].lower_ == "the":
            y = y[1:]
        if not (x and y and len(x) <= 4 and all(_CAPWORD.match(t.text) for t in x) and all(_CAPWORD.match(t.text) for t in y)):
            return []
        xs, xe = _strip(text, x.start_char, x.end_char)
        ys, ye = _strip(text, y.start_char, y.end_char)
        if not _container_name(gaz, text[ys:ye]):
            return []
        out = [(ys, ye)]
        if settle or gaz.has_name(text[xs:xe]):
            out.insert(0, (xs, xe))
        return out
    if not settle or not toks or len(toks) > 3 or not all(_CAPWORD.match(t.text) for t in toks):
        return []
    if any(t.lower_ in INSTITUTION_WORDS | EMBEDDED_INSTITUTION_WORDS | COMPANY_WORDS for t in toks):
        return []
    s, e = _strip(text, toks[0].idx, toks[-1].idx + len(toks[-1].text))
    return [(s, e)] if e > s else []


def _settlement(gaz, name: str, min_pop: int = 0) -> bool:
    """``name`` has a gazetteer populated place or admin unit (GeoNames class P/A) entry that is
    not an abbreviation, with at least ``min_pop`` people (admin units always count)."""
    return any((c.fclass or "") in ("P", "A") and c.kind != "abbr" and (c.fclass == "A" or (c.population or 0) >= min_pop)
               for c in gaz.candidates(name))


def _major_place(gaz, name: str) -> bool:
    """A country, admin1, capital or city of 100,000+ (GeoNames population) has this name as
    its primary or official name."""
    if gaz.country_for_name(name):
        return True
    return any(c.kind not in ("abbr", "alt") and (c.fcode in ("PCLI", "ADM1", "PPLC", "PPLA") or (c.fclass == "P" and (c.population or 0) >= 100_000))
               for c in gaz.candidates(name))  # alternate names ("Hamas" for Hama, "Jewish" for the Jewish AO) do not count


def _admin1_name(gaz, name: str) -> bool:
    """``name`` is the primary or official name of an admin1 (GeoNames feature code ADM1), or
    its dotted abbreviation ("S.C.", "Minn.")."""
    dotted = "." in name
    return any(c.fcode == "ADM1" and c.kind != "alt" and (c.kind != "abbr" or dotted) for c in gaz.candidates(name))


def _embedded_role(doc, outer, a: int, b: int, gaz, name: str) -> tuple[str, str] | None:
    """Role of a place name at tokens [a, b) inside a longer named entity ``outer`` (spaCy
    span), or None when the name is just part of another name.

    - leading name + institution word: ("location", "institution:<word>") ("the Mansfield
      Police Department", "Alexandria City Public Schools");
    - "<institution> of <place>" at the end: ("location", ...) ("University of Georgia");
    - leading major place (country/admin1/capital/100k+ city) in an organisation's name:
      ("actor", "embedded_in_name") ("The Washington Post", "Texas Southern University");
    - towns joined by hyphens or slashes ("Fargo-Moorhead"): ("location", "hyphenated_places");
    - a state before "Highway Patrol/Safety/..." is the state's agency, not a road: ("location",
      "institution:highway") ("the Florida Highway Patrol", "the S.C. Highway Patrol");
    - an admin1 elsewhere in an ORG/FAC name: ("actor", "embedded_in_name") ("Education Minnesota").
    """
    lead = outer.start + (1 if doc[outer.start].lower_ in ("the", "a", "an") else 0)
    nxt = doc[b] if b < len(doc) else None
    agency = (nxt is not None and nxt.lower_ == "highway" and b + 1 < len(doc)
              and doc[b + 1].lower_ in HIGHWAY_AGENCY_WORDS)  # "the Florida Highway Patrol": an agency, not a road
    if name.lower() in GENERIC_NAMES or (nxt is not None and nxt.lower_.rstrip(".") in STREET_WORDS and not agency):
        return None
    settlement = _settlement(gaz, name)
    if a == lead and b < outer.end and nxt is not None:
        rest = {t.lower_.rstrip(".") for t in doc[b : min(len(doc), outer.end + 1)]}  # and the word after: "... Industries Minister"
        if outer.label_ in ("ORG", "FAC", "PRODUCT") and nxt.is_title and rest & COMPANY_WORDS and not rest & (INSTITUTION_WORDS | GOVERNMENT_WORDS):
            # "Qods Aviation Industries": a company named after a town, no location claim
            return ("actor", "embedded_in_company_name") if _major_place(gaz, name) else None
        if nxt.lower_ in EMBEDDED_INSTITUTION_WORDS and (settlement or gaz.country_for_name(name) or (agency and _admin1_name(gaz, name))) \
                and not gaz.is_demonym(name):
            return "location", f"institution:{nxt.lower_}"
        if (nxt.text in ("-", "–", "/") and b + 1 < outer.end and doc[b + 1].is_title and outer.label_ != "PERSON"
                and _settlement(gaz, name, 10_000) and _settlement(gaz, doc[b + 1].text, 10_000)):
            return "location", "hyphenated_places"
        if outer.label_ in ("ORG", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT") and _major_place(gaz, name):
            return "actor", "embedded_in_name"
        return None
    if outer.label_ == "PERSON":
        return None
    prev = doc[a - 1]
    if prev.lower_ in DIRECTION_WORDS | {"north", "south", "east", "west", "central"} and (settlement or _major_place(gaz, name)) \
            and outer.label_ in ("LOC", "GPE", "ORG", "FAC", "EVENT"):
        return "location", "direction_of_place"  # "East Texas Culture", "Northeast Nebraska", "North Arlington"
    if prev.lower_ == "of" and (b == outer.end or (doc[b].text in ("-", "–") and b + 2 == outer.end)) and a - 1 > lead:
        heads = {t.lower_ for t in doc[lead : a - 1]}
        if heads & EMBEDDED_INSTITUTION_WORDS and settlement:
            return "location", "institution_of"
        if _major_place(gaz, name):
            return "actor", "embedded_in_name"
        return None
    if outer.label_ in ("ORG", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW", "MONEY") and (
            gaz.country_for_name(name) or any(c.fcode == "CONT" for c in gaz.candidates(name))):
        return "actor", "embedded_in_name"  # "Air France", "BBC Russian Service", "US dollars": the country, no location claim
    if outer.label_ in ("ORG", "FAC") and _admin1_name(gaz, name):
        return "actor", "embedded_in_name"  # "Education Minnesota", "The State of Illinois' Web": the state, no location claim
    if (prev.text in ("-", "–", "/") and a - 1 > lead and doc[a - 2].is_title and doc[a - 2].text not in PARTY_TAGS
            and _settlement(gaz, name, 10_000) and _settlement(gaz, doc[a - 2].text, 10_000)):
        return "location", "hyphenated_places"
    return None


def _followed_by_state(doc, text: str, j: int, gaz) -> bool:
    """Token j is a comma followed by an admin1 or a country ("Sioux Falls, S.D.", "Perham,
    Minnesota", "Aleppo, Syria"): the name before it is a town."""
    if j + 1 >= len(doc) or doc[j].text != ",":
        return False
    for k in (2, 1):
        if j + k >= len(doc) + 0 and k > 1:
            continue
        span = doc[j + 1 : min(len(doc), j + 1 + k)]
        name = span.text.rstrip(",;")
        if not name[:1].isupper():
            continue
        dotted = "." in name or text[span.end_char : span.end_char + 1] == "."
        if gaz.country_for_name(name) or any(c.fcode == "ADM1" and (c.kind != "abbr" or dotted) for c in gaz.candidates(name)):
            return True
    return False


def _dateline(doc, i: int, j: int) -> bool:
    """Tokens [i, j) are an all-capitals dateline at the start of a story or sentence, before a
    dash, colon or parenthesis ("CORSICANA — A Henderson County woman...", "BEIRUT (AP)")."""
    toks = doc[i:j]
    letters = "".join(t.text for t in toks if t.is_alpha)
    if len(letters) < 3 or not letters.isupper():
        return False
    if j >= len(doc) or doc[j].text not in DATELINE_AFTER:
        if not (j + 1 < len(doc) and doc[j].text == "," and doc[j + 1].text[:1].isupper() and (doc[j + 1].text.isupper() or doc[j + 1].text.endswith("."))):
            return False
    if i == 0 or doc[i].is_sent_start:
        return True
    prev = doc[i - 1]
    return prev.is_space or prev.text in (".", "!", "?", "\n", ")") or prev.ent_type_ == "DATE"


def _party_seat(doc, i: int) -> bool:
    """Token i starts the home town/state of a legislator after a party tag: "Rep. Ann Lee,
    D-Braxton", "(R-Ohio)", "DFL-Cook"."""
    return i >= 2 and doc[i - 1].text in ("-", "–") and doc[i - 2].text in PARTY_TAGS and doc[i - 1].idx == doc[i - 2].idx + len(doc[i - 2].text)


def _scan_at(doc, text: str, gaz, i: int, free, place_strings: set, ner_countries: set, ent_label: dict, ent_of: dict, caps: list, breaks: list,
             person_names: set = frozenset()):
    """The gazetteer scan at token ``i`` (module docstring, step 1): the longest capitalised
    sequence (up to 4 tokens) starting there that the gazetteer knows and that the context
    makes a place, as a ``_Mention``; None otherwise. ``caps[k]``: token k is a capitalised
    word; ``breaks[k]``: token k starts a sentence or is punctuation that ends a name."""
    n = len(doc)
    if not caps[i]:
        return None
    tok = doc[i]
    for length in (4, 3, 2, 1):
        if i + length > n or not caps[i + length - 1] or any(breaks[i + 1 : i + length]) or breaks[i] == 2:
            continue
        span = doc[i : i + length]
        s, e = _strip(text, span.start_char, span.end_char)
        if e <= s or not free(s, e):
            continue
        name = text[s:e]
        key = name.lower()
        if key in METONYMS:
            return _Mention(s, e, s, e, "SCAN", role="actor", role_reason=f"metonym:{METONYMS[key][1]}")
        dotted = "." in name or text[e : e + 1] == "."
        if key in SUPRANATIONAL and name[:1].isupper() and (len(name) > 2 or name.isupper()):
            k = i - 1 if i > 0 and doc[i - 1].lower_ == "the" else i
            locative = k > 0 and doc[k - 1].lower_ in ("in", "across", "within", "throughout", "inside", "outside")
            return _Mention(s, e, s, e, "SCAN", role="location" if locative else "actor", role_reason="" if locative else "supranational")
        if len(name) < 2 or (len(name) < 3 and not dotted and not (name.isupper() and gaz.country_for_name(name))):
            continue
        known = any(c.kind != "abbr" or dotted for c in gaz.candidates(name))
        a = i + 1 if s > span.start_char and doc[i].lower_ == "the" else i
        b = i + length
        label = ent_label.get(a)
        outer = ent_of.get(a)
        if known and _party_seat(doc, a):
            return _Mention(s, e, s, e, "SCAN", role_reason="party_seat")
        if outer is not None and outer.label_ in NAME_LABELS and (outer.start < a or outer.end > b) and (outer.start < i or outer.end > b):
            if not known and not (gaz.country_for_name(name) and outer.label_ in ("ORG", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW", "MONEY")):
                continue
            role = _embedded_role(doc, outer, a, b, gaz, name)
            if role is None:
                continue  # part of a longer name: "International Committee of the Red Cross"
            return _Mention(s, e, s, e, "SCAN", role=role[0], role_reason=role[1])
        if not known:
            continue
        nxt = doc[b] if b < n else None
        weak_ok = key not in GENERIC_NAMES and not (nxt is not None and nxt.lower_.rstrip(".") in STREET_WORDS)
        local_mod = (weak_ok and nxt is not None and nxt.lower_ in RESIDENT_NOUNS and all(t.tag_ in ("NNP", "NNPS") for t in doc[a:b])
                     and _settlement(gaz, name) and not gaz.is_demonym(name))
        dateline = weak_ok and _dateline(doc, a, b) and _settlement(gaz, name)
        attacked = label in ("ORG", "PERSON", None) and _attacked_settlement(doc, span, gaz, name)
        before_state = label in ("ORG", "PERSON") and weak_ok and _settlement(gaz, name) and _followed_by_state(doc, text, b, gaz)
        major_after_prep = (a > 0 and doc[a - 1].lower_ in LOCATIVE_PREPS and weak_ok and (outer is None or (outer.start == a and outer.end == b))
                            and _major_place(gaz, name))
        if label == "PERSON" and (key in person_names or _person_context(doc, doc[a:b])) \
                and not (_strong_locative(doc, a, b) or before_state or attacked):
            continue  # a person's name used as one: a toponym only with a place cue ("in Obama", "Obama, Fukui")
        if label in ("ORG", "PERSON") and key not in place_strings and not _strong_locative(doc, a, b) and not attacked and not local_mod and not dateline and not major_after_prep and not before_state:
            rare = not any(doc.vocab.has_vector(t.lower_) for t in span)
            if not (rare and any(c.country in ner_countries for c in gaz.candidates(name))):
                continue  # NER says organisation/person and nothing says place
        if label in ("DATE", "TIME", "MONEY", "CARDINAL", "ORDINAL", "PERCENT", "QUANTITY", "NORP", "WORK_OF_ART", "LAW", "LANGUAGE", "EVENT"):
            continue
        if key in place_strings or attacked or local_mod or dateline or major_after_prep or before_state or _locative_context(doc, a, b) or _strong_locative(doc, a, b):
            return _Mention(s, e, s, e, "SCAN")
        if label is None and not tok.is_sent_start and not tok.is_stop and gaz.country_for_name(name):
            return _Mention(s, e, s, e, "SCAN")
        if (label in (None, "ORG", "PERSON") and not tok.is_sent_start and not any(doc.vocab.has_vector(t.lower_) for t in span)
                and any(c.country in ner_countries for c in gaz.candidates(name))):
            return _Mention(s, e, s, e, "SCAN")  # a rare capitalised word naming a place in the document's countries
    return None


ATTACK_VERBS = {"shell", "bomb", "bombard", "recapture", "retake", "storm", "encircle", "besiege", "occupy"}  # their object is a place
WEAK_ATTACK_VERBS = {"strike", "attack", "hit", "target", "raid", "enter", "reach", "capture", "seize", "liberate", "evacuate"}  # "a car hit Johnson": only with a military subject
MILITARY_SUBJECTS = {"forces", "force", "troops", "army", "military", "missile", "missiles", "rocket", "rockets", "drone",
                     "drones", "shell", "shells", "shelling", "artillery", "airstrike", "airstrikes", "strike", "strikes",
                     "soldiers", "fighters", "militants", "rebels", "units", "jets", "aircraft", "bombers", "navy"}


# Attack nouns whose "on/against" object is the place attacked (PLOVER ASSAULT triggers).
ATTACK_NOUNS = {"strike", "airstrike", "attack", "assault", "raid", "shelling", "bombardment", "bombing",
                "offensive", "barrage", "onslaught"}


def _attack_object(tok) -> bool:
    """``tok`` is the direct object (or passive subject) of an attack/movement verb (ATTACK_VERBS, by lemma; the
    WEAK_ATTACK_VERBS only when the subject is military: "Russian forces hit Kharkiv"), not
    after a determiner ("struck the Webster")."""
    if tok.dep_ == "nsubjpass" and tok.head.lemma_.lower() in ATTACK_VERBS and not any(c.dep_ == "det" for c in tok.children):
        return True  # "Lyman was recaptured", "Kharkiv was shelled"
    if (tok.dep_ == "pobj" and tok.head.lower_ in ("on", "against") and tok.head.head.lemma_.lower() in ATTACK_NOUNS
            and not any(c.dep_ == "det" for c in tok.children)):
        return True  # "a missile strike on Odesa", "the attack against Sumy"
    if tok.dep_ != "dobj" or any(c.dep_ == "det" for c in tok.children) or (tok.i > 0 and tok.doc[tok.i - 1].lower_ in ("the", "(")):
        return False
    verb = tok.head.lemma_.lower()
    if verb in ATTACK_VERBS:
        return True
    if verb not in WEAK_ATTACK_VERBS:
        return False
    subj = [c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return bool(subj) and (subj[0].lower_ in MILITARY_SUBJECTS or subj[0].ent_type_ == "NORP")


def _attacked_settlement(doc, span, gaz, name: str) -> bool:
    """A name NER called PERSON/ORG that is the direct object of an attack/movement verb
    ("Russian forces shelled Kramatorsk", "troops entered Bakhmut") and names a populated place
    or admin unit of at least 10,000 people (GeoNames population) is a place: one cannot shell
    a person-named city's namesake."""
    if not _attack_object(span.root):
        return False
    return any((c.fclass or "") in ("P", "A") and (c.population or 0) >= 10_000 and c.kind != "abbr" for c in gaz.candidates(name))


PLURAL_CUES = {"counties": "county", "parishes": "parish", "districts": "district", "townships": "township",
               "provinces": "province", "oblasts": "oblast", "regions": "region"}


def _coordinated_cue(doc, j: int) -> str | None:
    """The singular cue when the names from token j on are a coordinated list closed by a plural
    cue noun ("Hitchcock and Hayes counties", "Cooke, Grayson and Love counties"), else None."""
    k, n = j, len(doc)
    seen_and = False
    while k < n and k < j + 12:
        t = doc[k]
        if t.lower_ in PLURAL_CUES:
            return PLURAL_CUES[t.lower_] if seen_and or k == j else None  # k == j: the last name of the list
        if t.lower_ in ("and", "or"):
            seen_and = True
        elif not (t.text == "," or t.is_title):
            return None
        k += 1
    return None


def _strong_locative(doc, i: int, j: int) -> bool:
    """A name NER called PERSON/ORG is still a place after "in/near/outside/village of" or
    before a cue noun ("Kherson region")."""
    prev = doc[i - 1] if i > 0 else None
    nxt = doc[j] if j < len(doc) else None
    if nxt is not None and nxt.lower_ in ADMIN1_CUES | ADMIN2_CUES | WATER_CUES:
        return True
    if _coordinated_cue(doc, j):
        return True  # "Cooke, Grayson and Love counties"
    if prev is not None and prev.lower_ == "of" and i >= 2 and (doc[i - 2].ent_type_ == "PERSON" or (
            doc[i - 2].text == "," and i >= 3 and doc[i - 3].like_num)) and nxt is not None and nxt.text in (",", ".", ";", "and"):
        return True  # "Clarice Horne of Shadyside,", "Bowers, 19, of Martinez,": where a person lives
    if prev is not None and prev.lower_ in ("and", "or", ",") and i >= 2:
        k = i - 2  # coordination: "in Novozhelannivka and Kharkiv"
        while k > 0 and doc[k].is_title and doc[k - 1].is_title:
            k -= 1
        if doc[k].is_title and k < i - 1:
            return _strong_locative(doc, k, i - 1)
    if prev is not None and prev.lower_ in {"in", "near", "outside", "around", "inside", "into"}:
        return True
    if prev is not None and prev.lower_ == "the" and i > 1:
        i -= 1  # "the mouth of the Danube", "across the Dnipro"
        prev = doc[i - 1] if i > 0 else None
        if prev is not None and prev.lower_ in WATER_BEFORE:
            return True
    return prev is not None and prev.lower_ == "of" and i > 1 and doc[i - 2].lower_ in SETTLEMENT_BEFORE | WATER_BEFORE


def _given_mentions(doc, text: str, gaz, spans) -> list[_Mention]:
    """Mentions at caller-given toponym spans (``analysis.notes["places_input"]`` = [(start,
    end), ...], chars), e.g. gold spans when scoring resolution alone. Cues and roles are read
    as for found mentions."""
    mentions = []
    for start, end in sorted(set(spans)):
        start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
        s, e = _strip(text, start, end)
        if e <= s:
            continue
        label = "NORP" if gaz.is_demonym(text[s:e]) else "GIVEN"
        m = _Mention(s, e, s, e, label, role="actor" if label == "NORP" else "location", role_reason="demonym" if label == "NORP" else "")
        if label != "NORP":
            _read_cues(m, doc, text)
            _read_role(m, doc, text, gaz)
        mentions.append(m)
    return mentions


def _locative_context(doc, i: int, j: int) -> bool:
    prev = doc[i - 1] if i > 0 else None
    nxt = doc[j] if j < len(doc) else None
    if prev is not None and prev.lower_ in NEIGHBOUR_LOCATIVE:
        return True
    if prev is not None and prev.lower_ == "of" and i > 1 and doc[i - 2].lower_ in SETTLEMENT_BEFORE | WATER_BEFORE | {"region", "province", "outskirts", "north", "south", "east", "west", "centre", "center"}:
        return True
    if prev is not None and prev.lower_ == "the" and i > 1 and doc[i - 2].lower_ in {"of", "across", "in", "near"}:
        return True
    if nxt is not None and nxt.lower_ in ADMIN1_CUES | ADMIN2_CUES | WATER_CUES | REGION_CUES:
        return True
    if prev is not None and prev.lower_ in {"from", "to", "into", "toward", "towards"} and (doc[i].ent_type_ not in ("PERSON", "ORG")):
        return True
    if nxt is not None and nxt.text == "," and j + 1 < len(doc) and doc[j + 1].ent_type_ == "GPE":
        return True
    return False


def _read_cues(m: _Mention, doc, text: str) -> None:
    """Glue a following cue word into the span and record cues before it."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return
    last = span[-1]
    low = last.lower_
    if low in ADMIN1_CUES | ADMIN2_CUES | WATER_CUES | REGION_CUES and len(span) > 1:
        m.cue_after = low
        m.name_end = span[-2].idx + len(span[-2].text)
    elif span.end < len(doc):
        nxt = doc[span.end]
        if nxt.lower_ in ADMIN1_CUES | ADMIN2_CUES | WATER_CUES | REGION_CUES:
            m.cue_after = nxt.lower_
            m.end = nxt.idx + len(nxt.text)
        else:
            m.cue_after = _coordinated_cue(doc, span.end)  # "Hitchcock and Hayes counties": the cue, span unchanged
    first = span[0]
    k = first.i - 1
    if k >= 0 and doc[k].lower_ == "the":
        k -= 1
    has_of = k >= 0 and doc[k].lower_ == "of"
    if has_of:
        k -= 1
    if k >= 0:
        before = doc[k].lower_
        if before in WATER_BEFORE or (has_of and before in SETTLEMENT_BEFORE | ADMIN1_CUES | ADMIN2_CUES):
            m.cue_before = before
    # a river word near a "the X" toponym: "the Dnipro, the ... river"
    if m.cue_before is None and m.cue_after is None and first.i > 0 and doc[first.i - 1].lower_ == "the":
        sent = span.sent
        window = doc[span.end : min(span.end + 6, sent.end)]
        if any(t.lower_ in {"river", "sea"} for t in window):
            m.cue_before = "river_nearby"


def _read_role(m: _Mention, doc, text: str, gaz) -> None:
    """Metonymy: possessive + institution ("Turkey's foreign ministry"), subject of an agentive
    verb ("Kyiv said", "Russia claims")."""
    span = doc.char_span(m.name_start, m.name_end, alignment_mode="expand")
    if span is None or m.cue_after:
        return
    compound = re.match(r"[-–](installed|backed|led|appointed|sponsored|allied|aligned|supported|friendly)\b", text[m.name_end : m.name_end + 14])
    if compound:
        m.role, m.role_reason = "actor", f"metonymy:{compound.group(0)[1:]}"
        return
    after = text[m.name_end : m.name_end + 2]
    if after in ("'s", "’s"):
        nxt = [t for t in doc[span.end : span.end + 4] if t.text not in ("'s", "’s")]
        if nxt and nxt[0].lower_ in ACTOR_HEADS:
            m.role, m.role_reason = "actor", f"metonymy:possessive+{nxt[0].lower_}"
            return
    root = span.root
    if root.dep_ in ("nsubj",) and root.head.lemma_.lower() in ACTOR_VERBS:
        m.role, m.role_reason = "actor", f"metonymy:subject_of:{root.head.lemma_.lower()}"


# -- 2. candidates -------------------------------------------------------------------------------
def _use_containers(mentions: list[_Mention], text: str) -> None:
    """A multi-word name with no entry of its own (no candidates, or only ``embedded`` ones from
    part of its name) right before "in Y", where Y is another toponym, takes Y's candidates
    ("Ben Gurion International Airport in Tel Aviv" -> Tel Aviv), marked ``kind="embedded"``
    and ``container=Y``: the container says where, a word inside the name does not."""
    by_start = {m.start: m for m in mentions}
    for m in mentions:
        if m.label in ("LOCAL", "NORP") or m.role != "location" or len(text[m.name_start : m.name_end].split()) < 2:
            continue
        if m.candidates and not all(c.kind == "embedded" for c in m.candidates):
            continue
        gap = re.match(r" in (?:the )?", text[m.end : m.end + 8])
        y = by_start.get(m.end + gap.end()) if gap else None
        if y is None or y is m or not y.candidates or y.role != "location":
            continue
        m.candidates = tuple(dataclasses.replace(c, kind="embedded") for c in y.candidates)
        m.container = text[y.name_start : y.name_end]


def _candidates(gaz, name: str, full: str, dotted: bool = False, vocab=None) -> tuple:
    """Candidates of the whole span ("Dnipro River", "Otter Tail County") if any, else of the
    name without its cue word ("Kherson" of "Kherson region"). Abbreviation aliases ("Ky.")
    count only when the text has the dot."""
    out = [c for c in gaz.candidates(full) if c.kind != "abbr" or dotted] if full != name else []
    if not out:
        out = [c for c in gaz.candidates(name) if c.kind != "abbr" or dotted]
    if not out:
        # adjectival admin forms: "Khersonska" -> Kherson ; "Donetsk People's Republic" not handled
        for suffix in ("ska", "ska oblast", "skyi", "ska region"):
            if name.lower().endswith(suffix):
                out = list(gaz.candidates(name[: -len(suffix)]))
                break
    if not out:
        out = _embedded_candidates(gaz, name, vocab)
    return tuple(out)


EMBEDDED_MIN_WORD = 4  # a one-word part shorter than this ("Ben", "Al", "Port") is no place inside a name


def _embedded_candidates(gaz, name: str, vocab=None) -> list:
    """For a multi-word name with no entry ("Sydney Harbour", "Kandahar airbase", "Gaza City
    hospital"), the candidates of its longest capitalised sub-phrase that has entries; they are
    marked ``kind="embedded"`` (the point is the containing place's). A one-word part is
    skipped when it is shorter than EMBEDDED_MIN_WORD letters or is followed by a capitalised
    word that is neither a place nor an English word (``vocab``: spaCy vocabulary with vectors):
    a given name before a surname ("Ben Gurion International Airport" is not in Bern, whose
    GeoNames alternate names include "Ben")."""
    words = name.split()
    if len(words) < 2:
        return []
    for size in range(len(words) - 1, 0, -1):
        options = []
        for i in range(len(words) - size + 1):
            part = words[i : i + size]
            phrase = " ".join(part)
            if not part[0][:1].isupper() or len(phrase) < 3 or all(w.lower() in GENERIC_NAMES | DIRECTION_WORDS for w in part):
                continue  # "Northeast Georgia" -> Georgia, not the town North East; "Metro Vancouver" -> Vancouver
            if size == 1 and len(phrase) < EMBEDDED_MIN_WORD:
                continue
            if all(w.lower() in INSTITUTION_WORDS | EMBEDDED_INSTITUTION_WORDS | FACILITY_HEADS | STREET_WORDS for w in part):
                continue  # "Airport", "Town Hall": the building's kind, not a place inside its name
            if size == 1 and vocab is not None and i + 1 < len(words):
                nxt = words[i + 1]
                if nxt[:1].isupper() and not vocab.has_vector(nxt.lower()) and not gaz.has_name(nxt):
                    continue  # "Ben Gurion", "Jomo Kenyatta": a given name, then a surname
            iso = gaz.country_for_name(phrase) if phrase[:1].isupper() else None
            country = gaz.country(iso) if iso else None
            # a country's name or demonym inside the name gives the country ("The Canadian Press",
            # "Central Bank of Malta"), never a town of that name (Canadian, Texas; Malta, Illinois)
            found = [c for c in gaz.candidates(phrase) if c.kind != "abbr"] if country is None or not gaz.is_demonym(phrase) else []
            if country is not None and not any(c.fcode == "PCLI" for c in found):
                found = [country] + found  # "University of Georgia": the country competes with the state
            if found:
                options.append((found, country is not None and gaz.is_demonym(phrase)))
        if options:  # the sub-phrase naming the most important place: admin1/country by its own name, then a demonym's
            # country ("British Embassy Tokyo" is in Tokyo; "Monitoring Indian Economy" in India, not
            # Economy, Pennsylvania), then capital, then population
            best = max(options, key=lambda o: max((c.fcode in ("PCLI", "ADM1") and c.kind in ("name", "official") and not o[1], o[1], c.fcode in ("PPLC", "PPLA"), c.population or 0) for c in o[0]))[0]
            return [dataclasses.replace(c, kind="embedded") for c in best]
    return []


# -- 3. ranking ----------------------------------------------------------------------------------


def _capital_ids(m: _Mention) -> frozenset:
    """Ids of ``m``'s candidates that are their country's capital: of several same-country rows
    with feature code PPLC (the gazetteer marks every US "Washington" PPLC, 21 rows, since the
    build matches capitals by name), only the most populous one (GeoNames population), and only
    when matched by its own name (Washington, Indiana has "Liverpool" among its alternate
    names). Cached on the mention."""
    if m.capital_ids is None:
        best: dict[str, object] = {}
        for c in m.candidates:
            if c.fcode == "PPLC" and c.kind in ("name", "official"):
                b = best.get(c.country or "")
                if b is None or (c.population or 0) > (b.population or 0):
                    best[c.country or ""] = c
        m.capital_ids = frozenset(c.id for c in best.values())
    return m.capital_ids


def _prior(c, m: _Mention, name: str) -> tuple[float, list[str]]:
    """Context-free score of candidate ``c`` for mention ``m``: feature fit to cue words,
    population, feature class, name match quality."""
    why: list[str] = []
    s = 0.0
    fc, code = c.fclass or "", c.fcode or ""
    # curated seas/rivers and multi-country regions have no population: rank them like a city of 1M
    pop = c.population or (1_000_000 if c.curated and (fc == "H" or not c.country) else 0)
    s += 0.15 * math.log10(pop + 1)  # x10 population = +0.15
    if code == "PCLI":
        s += 0.6
        why.append("country")
    elif code in ("ADM1",):
        s += 0.12
    elif code == "PPLC" and c.id in _capital_ids(m):
        s += 0.4
    elif code == "ADM2":
        s -= 0.05
    elif c.curated:
        s += 0.1 if c.country else 0.4  # a multi-country region/sea gets no doc_country bonus
    if c.kind == "name":
        s += 0.25  # the entry's primary name, not one of its alternates
        why.append("primary_name")
    elif c.kind == "alt" and fc == "P" and (c.population or 0) < ALT_SMALL_POP:
        s -= 0.3  # GeoNames alternate names of villages hold many stray forms ("Jackson" for a Georgia town)
        why.append("alt_name_small_place")
    if c.matched == name:
        s += 0.05
    cue_a, cue_b = m.cue_after, m.cue_before
    if cue_a in ADMIN1_CUES:
        s += {"ADM1": 0.9, "ADM2": 0.3}.get(code, -0.3 if fc == "P" else 0.0)
        why.append(f"cue:{cue_a}")
    elif cue_a in ADMIN2_CUES:
        s += {"ADM2": 0.9, "ADM1": 0.2}.get(code, -0.3 if fc == "P" else 0.0)
        why.append(f"cue:{cue_a}")
    elif cue_a in WATER_CUES:
        s += 1.2 if fc == "H" else -0.4
        why.append(f"cue:{cue_a}")
    elif cue_a in REGION_CUES:
        s += 1.0 if code in ("PEN", "RGN", "ADM1") and c.curated else (0.3 if code == "ADM1" else -0.3)
        why.append(f"cue:{cue_a}")
    if cue_b in WATER_BEFORE or cue_b == "river_nearby":
        s += 1.0 if fc == "H" else -0.2
        why.append(f"cue:{cue_b}")
    elif cue_b in SETTLEMENT_BEFORE:
        s += 0.5 if fc == "P" else -0.2
        why.append(f"cue:{cue_b}_of")
    if fc == "H" and code in ("OCN", "SEA", "GULF") and c.curated and not c.country:
        s += 0.4  # "the Atlantic", "the Pacific": the ocean, not Atlantic, Iowa
        why.append("ocean_or_sea")
    elif fc == "H" and not (cue_a in WATER_CUES or cue_b in WATER_BEFORE or cue_b == "river_nearby"):
        s -= 0.5  # a bare name is rarely the river when a settlement has the name
    return s, why


ADJECTIVE_WORDS = {"north", "south", "east", "west"} | DIRECTION_WORDS
ADJECTIVE_ENDINGS = ("ern", "ish", "ese", "ic", "ian", "an", "i")  # adjectives of peoples and directions


def _adjective_use(doc, m: _Mention, text: str) -> bool:
    """The mention is one word that spaCy tags as an adjective (JJ) or a NORP/LANGUAGE entity and
    has a people's/direction ending (ADJECTIVE_ENDINGS: spaCy also says NORP for "Karnataka"),
    or a direction word ("English pianist", "Western governments", "the West", "Arab leaders"):
    a place only when it names a country, a continent, a sea, or a place with local support."""
    if m.cue_after or m.cue_before or m.label == "NORP":
        return False
    span = doc.char_span(m.name_start, m.name_end, alignment_mode="expand")
    if span is None or len(span) != 1:
        return False
    t = span[0]
    return t.lower_ in ADJECTIVE_WORDS or ((t.tag_ == "JJ" or t.ent_type_ in ("NORP", "LANGUAGE")) and t.lower_.endswith(ADJECTIVE_ENDINGS))


def _evoked_countries(analysis, mentions: list[_Mention], text: str, gaz) -> frozenset:
    """ISO 3166-1 alpha-2 codes of the countries the document evokes without a place of its own:
    a country's name or demonym/adjective among the mentions or capitalized tokens ("French
    police", "Greek protesters", "France"; :meth:`Gazetteer.country_for_name`), and the
    ``country`` of the non-toponym entities of the entities stage (ORG, PERSON, NORP: "French
    police" -> FR). Toponym entities (GPE, LOC, FAC) are left out: their country is the guess
    this stage makes. Used by :func:`_home_region_support`: the home region never beats a famous
    foreign place whose country the document evokes."""
    out: set[str] = set()
    for m in mentions:
        iso = gaz.country_for_name(text[m.name_start : m.name_end])
        if iso:
            out.add(iso)
    doc = analysis.doc
    for tok in doc if doc is not None else ():
        if tok.text[:1].isupper() and gaz.is_demonym(tok.text):
            iso = gaz.country_for_name(tok.text)
            if iso:
                out.add(iso)
    for ent in getattr(analysis.result, "entities", None) or ():
        if ent.country and ent.type not in ("GPE", "LOC", "FAC") and len(ent.country) == 2:
            out.add(ent.country.upper())
    return frozenset(out)


def _resolve(mentions: list[_Mention], text: str, gaz, doc, home: str | None = None,
             evoked: frozenset = frozenset()) -> None:
    """Two passes: a context-free choice per mention, then a choice with the document context
    (the other names' pass-1 choices). Identical mentions share one computation, so the cost
    grows with the number of distinct names, not of mentions (5 MB inputs stay linear)."""
    cache: dict = {}
    for m in mentions:
        m.adjective = _adjective_use(doc, m, text)
    for m in mentions:
        key = (text[m.name_start : m.name_end], text[m.start : m.end], m.cue_after, m.cue_before, m.role, m.adjective)
        if key not in cache:
            _choose(m, text, gaz, context=None)
            cache[key] = (m.chosen, m.score, m.reason)
        m.chosen, m.score, m.reason = cache[key]
    # document context from the current choices (each mention subtracts its own name's share),
    # CONTEXT_ROUNDS times: a second round lets names that were first pulled apart by population
    # agree with each other
    starts = [m.start for m in mentions]
    order = sorted(range(len(mentions)), key=lambda i: starts[i])
    sorted_starts = [starts[i] for i in order]
    shortlist = _shortlists(mentions, text)
    for _round in range(CONTEXT_ROUNDS):
        total = _Ctx()
        by_name: dict[str, _Ctx] = {}
        for o in mentions:
            if o.chosen is None or (o.role == "actor" and o.role_reason != "demonym+place_noun") or o.chosen.kind == "embedded":
                continue  # "Russian shells struck X": the actor's country says little about X; a guess from part of a name is no evidence
            name = text[o.name_start : o.name_end].lower()
            w = 1.0 if o.score >= 0.5 and o.role == "location" else 0.5  # "other Russian cities": half weight
            total.add(o.chosen, w)
            by_name.setdefault(name, _Ctx()).add(o.chosen, w)
        cache2: dict = {}
        for m in mentions:
            name = text[m.name_start : m.name_end].lower()
            own = by_name.get(name, _Ctx())
            pat = _pattern_container(m, text, mentions, order, sorted_starts)
            pat_id = pat.chosen.id if pat is not None and pat.chosen is not None else None
            coord = _coordinated_kinds(m, text, mentions, order, sorted_starts)
            key = (text[m.name_start : m.name_end], text[m.start : m.end], m.cue_after, m.cue_before, m.role, pat_id, m.adjective, coord)
            if key not in cache2:
                ctx = {
                    "countries": {k: v - own.countries.get(k, 0) for k, v in total.countries.items() if v - own.countries.get(k, 0) > 0},
                    "admin1s": {k: v - own.admin1s.get(k, 0) for k, v in total.admin1s.items() if v - own.admin1s.get(k, 0) > 0},
                    "local_admin1s": {k for k, v in total.local_admin1s.items() if v - own.local_admin1s.get(k, 0) > 0},
                    "points": [xy for pid, (xy, _n) in sorted(total.points.items(), key=lambda kv: -kv[1][1]) if pid not in own.points][:100],
                    "pattern": pat,
                    "coordinated": coord,
                    "shortlists": [v[:COHERENCE_TOP_K] for k, v in shortlist.items() if k != name][:COHERENCE_MAX_NAMES],
                    "own_shortlist": {c.id for c in shortlist.get(name, ())},
                    "home": home,
                    "evoked": evoked,
                }
                _choose(m, text, gaz, context=ctx)
                cache2[key] = (m.chosen, m.score, m.reason)
            m.chosen, m.score, m.reason = cache2[key]
    for m in mentions:
        if m.role == "actor":  # this mention's own context, never a cached earlier mention's
            m.reason += f";role:{m.role_reason}"


FACILITY_HEADS = {
    "street", "avenue", "boulevard", "square", "plaza", "church", "cathedral", "chapel", "mosque", "synagogue", "temple",
    "school", "academy", "hospital", "clinic", "library", "museum", "theatre", "theater", "stadium", "arena", "hall",
    "bridge", "station", "market", "mall", "pier", "cemetery", "graveyard", "courthouse", "jail", "prison", "hotel", "inn",
    "plantation", "tower", "gardens", "park", "campus", "racecourse", "centre", "center",
}
FACILITY_MIN_MENTIONS = 2


def _place_facilities(mentions: list[_Mention], text: str) -> list[_Mention]:
    """Give each facility mention (label LOCAL: a named street, church, school... with no
    gazetteer entry) the point of the document's main town: the populated place (GeoNames class
    P) with the most location mentions, at least FACILITY_MIN_MENTIONS and more than any other
    town. The reason says so (``facility_in_town:<name>``) and the precision stays
    ``populated_place``: the town is known, not the building. Without such a town the facility
    mentions are dropped (they are not refused toponyms)."""
    counts: dict[int, list] = {}
    for m in mentions:
        c = m.chosen
        if c is not None and m.role == "location" and (c.fclass or "") == "P" and c.kind != "embedded" and m.label != "LOCAL":
            counts.setdefault(c.id, [c, 0])[1] += 1
    ranked = sorted(counts.values(), key=lambda x: -x[1])
    focus = None
    if ranked and ranked[0][1] >= FACILITY_MIN_MENTIONS and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        focus = ranked[0][0]
    out = []
    for m in mentions:
        words = text[m.name_start : m.name_end].lower().replace(".", "").split()
        if (focus is not None and m.chosen is None and "embedded_small_place_refused" in m.reason and words
                and words[-1] in FACILITY_HEADS | STREET_WORDS):
            # "Woodman Point Treatment Plant", "Royal Street": refused as Point, Texas; the main town instead
            m.chosen = dataclasses.replace(focus, kind="facility")
            m.score = 0.4
            m.reason = f"facility_in_town:{focus.name};town_mentions={ranked[0][1]};{m.reason.split(';', 1)[1]}"
        if m.label != "LOCAL":
            out.append(m)
        elif focus is not None:
            m.chosen = dataclasses.replace(focus, kind="facility")
            m.score = 0.4
            m.reason = f"facility_in_town:{focus.name};town_mentions={ranked[0][1]}"
            out.append(m)
    return out


CONTEXT_ROUNDS = 2
SEAT_KM = 40.0  # a same-name town this near an admin unit's point is the unit's seat (km, great circle)
SEAT_MIN_POP = 10_000  # ... when it has at least this many people (GeoNames population)
SEAT_SHARE = 0.8  # a seat holding this share of its unit's people (a city-unit: Gaza) inherits the unit's prior
ALT_SMALL_POP = 10_000  # below this, a village's alternate name is weak evidence
ALT_OTHER_PENALTY = 0.6  # a town matched by an alternate name when a more populous place bears the name as its own
COHERENCE_OWN_K = 8  # own candidates (best by prior) that may earn the coherence term
COHERENCE_TOP_K = 4  # candidates per other name that can support a candidate
COHERENCE_MAX_NAMES = 30
COHERENCE_KM = 100.0


def _shortlists(mentions: list[_Mention], text: str) -> dict[str, tuple]:
    """Per distinct location name (lower case): its COHERENCE_TOP_K best candidates by the
    context-free prior (populated places and admin units only; countries, continents and water
    excluded), for the coherence term of the ranking."""
    out: dict[str, tuple] = {}
    for m in mentions:
        name = text[m.name_start : m.name_end]
        key = name.lower()
        if key in out or (m.role == "actor" and m.role_reason != "demonym+place_noun") or not m.candidates:
            continue
        if m.cue_after in WATER_CUES or m.cue_before in WATER_BEFORE or m.cue_before == "river_nearby":
            continue  # "the Dnipro, the river...": the towns named Dnipro are no evidence for a neighbour
        ranked = sorted((c for c in m.candidates if (c.fclass or "") in ("P", "A") and c.fcode not in ("PCLI", "CONT") and c.kind != "embedded"),
                        key=lambda c: -_prior(c, m, name)[0])
        if ranked:
            out[key] = tuple(ranked[:COHERENCE_OWN_K])
    return out


def _coheres(c, others: tuple) -> bool:
    """Candidate ``c`` and one of ``others`` (another name's shortlist) lie together: the same
    admin1 of the same country, or within COHERENCE_KM km (great circle)."""
    for d in others:
        if d.id == c.id:
            continue
        if c.country and d.country == c.country and c.admin1 and d.admin1 == c.admin1:
            return True
        if abs(d.lat - c.lat) < 1.0 and haversine_km(c.lat, c.lon, d.lat, d.lon) < COHERENCE_KM:
            return True
    return False


class _Ctx:
    """Country/admin1 weights and distinct points (id -> ((lat, lon), count)) of chosen places."""

    def __init__(self):
        self.countries: dict[str, float] = {}
        self.admin1s: dict[str, float] = {}
        self.local_admin1s: dict[str, float] = {}  # from places below admin1 (towns, admin2s)
        self.points: dict[int, tuple[tuple[float, float], int]] = {}

    def add(self, c, w: float) -> None:
        if c.country:
            self.countries[c.country] = self.countries.get(c.country, 0) + w
        if c.admin1 and c.fcode != "PCLI":
            self.admin1s[c.admin1] = self.admin1s.get(c.admin1, 0) + w
            if c.fcode != "ADM1":
                self.local_admin1s[c.admin1] = self.local_admin1s.get(c.admin1, 0) + w
        if c.fcode not in ("PCLI", "CONT") and c.fclass != "H":
            xy, n = self.points.get(c.id, ((c.lat, c.lon), 0))
            self.points[c.id] = (xy, n + 1)


def _choose(m: _Mention, text: str, gaz, context: dict | None) -> None:
    name = text[m.name_start : m.name_end]
    if not m.candidates:
        m.chosen, m.score, m.reason = None, 0.0, "no_candidate"
        return
    scored = []
    names_ppl = {(c.country, c.admin1) for c in m.candidates if (c.fclass or "") == "P"}
    seats = [c for c in m.candidates if (c.fclass or "") == "P" and (c.population or 0) >= SEAT_MIN_POP]
    seat_prior: dict[int, float] = {}  # seat town id -> prior of its same-name admin unit
    if not m.cue_after and m.role == "location":
        for c in m.candidates:
            if c.fcode in ("ADM1", "ADM2"):
                near = [d for d in seats if d.country == c.country and (d.admin1 == c.admin1 or haversine_km(c.lat, c.lon, d.lat, d.lon) < SEAT_KM)]
                seat = max(near, key=lambda d: (d.population or 0, -d.id)) if near else None
                if seat is not None and seat.kind != "name":
                    seat = None  # the seat bears the name as its own ("Taiwan" is an alternate name of Taipei)
                if seat is not None and (seat.population or 0) >= SEAT_SHARE * (c.population or 0):
                    seat_prior[seat.id] = max(seat_prior.get(seat.id, -9.0), _prior(c, m, name)[0])
    pcli = {c.country for c in m.candidates if c.fcode == "PCLI"}
    famous = _famous(m) if context is not None else None
    local_ids: set[int] = set()  # candidates with local support (see below)
    for c in m.candidates:
        s, why = _prior(c, m, name)
        if c.fcode == "ADM1" and c.country in pcli and not m.cue_after:
            s -= 0.6  # "Taiwan" alone is the country, not its same-name province
            why.append("same_name_country_preferred")
        if c.kind == "alt" and (c.fclass or "") == "P" and (c.population or 0) >= ALT_SMALL_POP and any(
                d.kind in ("name", "official") and (d.population or 0) > (c.population or 0) for d in m.candidates):
            # "Liverpool" is an alternate name of Washington, Indiana; "Mexico" of Mexico City: a
            # more populous place bearing the name as its own comes first
            s -= ALT_OTHER_PENALTY
            why.append("alt_name_of_other_place")
        if c.id in seat_prior and seat_prior[c.id] > s:
            s = seat_prior[c.id]  # the seat inherits its unit's prominence ("Gaza": the city, not Mozambique's province)
            why.append("seat_of_same_name_unit")
        if c.fcode in ("ADM1", "ADM2") and not m.cue_after and m.role == "location" and (
                (c.country, c.admin1) in names_ppl
                or any(d.country == c.country and haversine_km(c.lat, c.lon, d.lat, d.lon) < SEAT_KM for d in seats)):
            # "Kherson" alone is the city, "Kherson region" the oblast; "Gaza" the city, not the
            # governorate (its towns carry another admin1 code: matched by distance)
            s -= 0.6  # "Kherson" alone is the city, "Kherson region" the oblast
            why.append("same_name_city_preferred")
        if context is not None:
            soft = 0.0  # the document's general context: countries, admin1s, distance, coherence
            local = False  # another resolved place in the candidate's admin1 or within 50 km
            cw = context["countries"].get(c.country or "", 0)
            if cw:
                soft += min(0.45, 0.25 + 0.1 * cw)
                why.append(f"doc_country:{c.country}")
            aw = context["admin1s"].get(c.admin1 or "", 0) if c.fcode != "PCLI" else 0
            if aw:
                soft += min(0.4, 0.2 + 0.1 * aw)
                # a state's or country's name ("California", "Poland") needs a town or county of
                # the namesake's admin1 in the story; a city's name ("Paris") the admin1 itself
                admin1_local = (famous is None or famous.fcode not in ("PCLI", "ADM1") or c.admin1 in context["local_admin1s"])
                local = local or admin1_local and (_admin1_small(gaz, c.admin1) or _near_point(c, context["points"], LOCAL_KM))
                why.append(f"doc_admin1:{c.admin1}")
            if context["points"] and c.fclass != "H" and c.fcode not in ("PCLI", "CONT"):
                d = min(haversine_km(c.lat, c.lon, la, lo) for la, lo in context["points"])
                if d < 50:
                    soft += 0.25
                    local = True
                    why.append("near_other_place<50km")
                elif d < 250:
                    soft += 0.12
                    why.append("near_other_place<250km")
            lists = context.get("shortlists")
            if lists and (c.fclass or "") in ("P", "A") and c.fcode not in ("PCLI", "CONT") and (c.id in context["own_shortlist"] or len(m.candidates) <= 8):
                k = sum(1 for other in lists if _coheres(c, other))
                if k:
                    soft += min(0.5, 0.2 * k)
                    why.append(f"coherent_with_{k}_names")
            soft, local = _home_region_support(c, context, famous, soft, local, why, bool(pcli))
            if local:
                local_ids.add(c.id)
            if (c.fcode == "ADM1" and c.kind in ("name", "official") and c.country not in pcli and pcli
                    and context["countries"].get(c.country or "", 0) >= max(2.0, 0.5 * sum(context["countries"].values()))
                    and not any(context["countries"].get(k, 0) for k in pcli)):
                # "Georgia" in a story mostly about US places: the state, not the country (the story
                # mentions no other place in the country)
                soft += 0.4
                why.append("state_of_doc_country_over_unmentioned_country")
            if soft and not local and famous is not None and c is not famous and _small_namesake(c, famous, m):
                soft *= FAMOUS_SOFT  # "London" in a US story: London, Ohio needs more than the story's country
                why.append(f"namesake_of:{famous.name},{famous.country or ''}")
            s += soft
            if m.country_hint and c.country == m.country_hint:
                s += 0.8
                why.append(f"pattern:and_other_{m.country_hint}_places")
            for kind, iso in context.get("coordinated", ()):
                if c.fcode == kind and c.kind in ("name", "official") and (kind == "PCLI" or c.country == iso):
                    s += 0.5  # "California or Washington", "Syria and Jordan": a list of one kind
                    why.append(f"coordinated_with_{kind}")
                    break
            pat = context.get("pattern")
            if pat is not None and pat.chosen is not None and pat is not m:
                pc = pat.chosen
                if (pc.fcode == "PCLI" and c.country == pc.country) or (pc.fcode == "ADM1" and c.admin1 == pc.admin1) or (pc.fcode == "ADM2" and c.admin2 == pc.admin2):
                    s += 0.8
                    why.append(f"pattern:{text[pat.name_start:pat.name_end]}")
        scored.append((s, c, why))
    scored.sort(key=lambda x: (-x[0], -(x[1].population or 0), x[1].id))
    best, c, why = scored[0]
    if (context is not None and m.adjective and not c.curated and c.fcode not in ("PCLI", "CONT")
            and c.id not in local_ids and ((_small_place(c) and c.kind == "name")
                                           or (c.fcode == "ADM1" and not context["countries"].get(c.country or "", 0)))):
        # "English pianist" is not English, Indiana; "Western governments" not Uganda's Western Region
        m.chosen, m.score = None, 0.0
        m.reason = f"no_candidate;adjective_refused:{c.name},{c.country or ''}"
        return
    if context is not None and c.kind == "embedded" and _small_place(c) and c.id not in local_ids:
        # "Woodman Point", "Brands Hatch", "Agnes Jones House": a word inside a longer name that
        # names some small place (Point, Texas) is no evidence without a local context; refuse
        m.chosen, m.score = None, 0.0
        m.reason = f"no_candidate;embedded_small_place_refused:{c.name},{c.country or ''}"
        return
    second = scored[1][0] if len(scored) > 1 else best - 1.0
    margin = best - second
    conf = 1.0 / (1.0 + math.exp(-(2.0 * best + 2.5 * margin - 1.0)))
    m.chosen, m.score = c, round(min(0.99, conf), 3)
    how = ("curated" if c.curated else "gazetteer") + ("(embedded_name)" if c.kind == "embedded" else "")
    m.reason = f"{how}:{c.fcode or c.fclass};n_candidates={len(m.candidates)};" + ";".join(dict.fromkeys(why))
    controller = c.controller or DISPUTED_ADMIN1.get(c.admin1 or "")
    if controller and c.fcode != "PCLI":
        m.reason += f";disputed:iso_country={c.country},controlled_by={controller}"


HOME_ADMIN1_BONUS = 0.4  # a candidate in the outlet's home admin1: at most what towns of the story in it give (0.3-0.4), half "X, Texas" (0.8)
HOME_COUNTRY_BONUS = 0.15  # a candidate in the home country, when the home region is a country only
HOME_OVER_FOREIGN = 0.35  # more for it against a famous foreign namesake the story gives no support


def _home_region_support(c, context: dict, famous, soft: float, local: bool, why: list,
                         names_country: bool = False) -> tuple[float, bool]:
    """The outlet's home region (``DocumentMeta.home_region``: ISO 3166-2 admin1 ``US-LA`` or
    country ``US``, see :mod:`eventcoder.outlets`) as weak local context for candidate ``c``: a
    candidate (not a country or continent) in the home admin1 gets HOME_ADMIN1_BONUS and counts
    as locally supported, like a town of the story in that admin1 (so "Paris" in a Texas paper
    can be Paris, Texas); in the home country, when only a country is given, HOME_COUNTRY_BONUS
    without local support. Explicit text ("Paris, Tenn.", other places of the story) weighs
    more. Against a famous namesake (``famous``: Paris, France; Athens, Greece) in another
    country that the story never mentions, when the story has no town in another admin1 either,
    it gets HOME_OVER_FOREIGN more (``home_over_unmentioned_country``): a Texas paper's "Paris"
    with nothing else is Paris, Texas. A country counts as mentioned when a place of the story
    is in it or the document evokes it (``evoked``: its name, demonym or adjective, "French
    police"; an entity with that country code; see :func:`_evoked_countries`). A small namesake (under 1/FAMOUS_RATIO of the people) of a
    famous place of the same country gets nothing: a Texas paper's "Memphis" stays in Tennessee.
    A name that is also a country's (``names_country``:
    "China", not China, Texas) gets none. ``context`` is the document context of ``_choose``
    (``home``, ``countries``, ``evoked``, ``local_admin1s``). Returns the new (soft, local); appends the
    reasons (``home_region:<code>``) to ``why``."""
    home = context.get("home")
    if not home or names_country or c.fcode in ("PCLI", "CONT") or not c.country:
        return soft, local
    if (famous is not None and c is not famous and famous.country == c.country and famous.admin1 != home
            and (c.population or 0) * FAMOUS_RATIO < (famous.population or 0)):
        return soft, local  # a Texas paper's "Memphis" is still Memphis, Tennessee, not the Texas hamlet
    if "-" in home or "." in home:
        if c.admin1 == home:
            why.append(f"home_region:{home}")
            if (famous is not None and famous.country != c.country and not context["countries"].get(famous.country or "", 0)
                    and famous.country not in context.get("evoked", ())
                    and not set(context["local_admin1s"]) - {c.admin1}):
                why.append("home_over_unmentioned_country")
                return soft + HOME_ADMIN1_BONUS + HOME_OVER_FOREIGN, True
            return soft + HOME_ADMIN1_BONUS, True
    elif c.country == home:
        why.append(f"home_region:{home}")
        return soft + HOME_COUNTRY_BONUS, local
    return soft, local


FAMOUS_RATIO = 100  # a namesake with under 1/100 of a famous place's people is a "small namesake"
FAMOUS_MIN_POP = 100_000  # a populated place this large (GeoNames population) is famous by size
FAMOUS_SOFT = 0.0  # share of the soft context bonus a small namesake keeps


EMBEDDED_MIN_POP = 100_000  # a place inside a longer name needs local support below this (GeoNames population)


LOCAL_ADMIN1_MAX_POP = 10_000_000  # a larger admin1 (England, California) is no local context


def _admin1_small(gaz, code: str | None) -> bool:
    """The admin1 ``code`` has under LOCAL_ADMIN1_MAX_POP people (GeoNames population; unknown
    counts as small): sharing it with another place of the story is local context."""
    if not code:
        return True
    key = (id(gaz), code)
    if key not in _ADMIN1_POP:
        a = gaz.admin1(code)
        _ADMIN1_POP[key] = (a.population or 0) if a is not None else 0
    return _ADMIN1_POP[key] < LOCAL_ADMIN1_MAX_POP


_ADMIN1_POP: dict = {}  # (id(gazetteer), admin1 code) -> population
LOCAL_KM = 250.0  # in an admin1 of LOCAL_ADMIN1_MAX_POP+ people, local context must also lie this near (km)


def _near_point(c, points, km: float) -> bool:
    """``c`` lies within ``km`` km (great circle) of one of ``points`` ((lat, lon) pairs)."""
    return any(abs(la - c.lat) < km / 100.0 and haversine_km(c.lat, c.lon, la, lo) < km for la, lo in points)


def _small_place(c) -> bool:
    """Not a country, admin1 or continent, not curated, and under EMBEDDED_MIN_POP people."""
    return not c.curated and c.fcode not in ("PCLI", "ADM1", "CONT") and (c.population or 0) < EMBEDDED_MIN_POP


def _is_famous(c, m: _Mention) -> bool:
    """A country, an admin1 named by its own (primary or official) name, the country's capital
    (``_capital_ids``) or a place of FAMOUS_MIN_POP+ people (GeoNames population)."""
    if c.kind not in ("name", "official") or c.curated:
        return False
    return c.fcode in ("PCLI", "ADM1") or c.id in _capital_ids(m) or (c.population or 0) >= FAMOUS_MIN_POP


def _famous(m: _Mention):
    """The most populous famous candidate of ``m`` (see ``_is_famous``), or None."""
    best = None
    for c in m.candidates:
        if _is_famous(c, m) and (best is None or (c.population or 0) > (best.population or 0)):
            best = c
    return best


def _small_namesake(c, famous, m: _Mention) -> bool:
    """``c`` is not famous itself and has under 1/FAMOUS_RATIO of ``famous``'s people: the
    document's general context (its countries, admin1s, nearby places, coherent names) alone
    does not make it the referent ("London" in a story about Ohio; "Poland", "California" and
    "Dubai" are not the towns of that name). A specific cue ("London, Ohio", "X and other ...
    cities", a cue word) still does."""
    if c.curated or _is_famous(c, m):
        return False
    return (c.population or 0) * FAMOUS_RATIO < (famous.population or 0)


_COORD_GAPS = (", ", " and ", " or ", ", and ", ", or ", " & ")


def _coordinated_kinds(m: _Mention, text: str, mentions, order, sorted_starts) -> tuple:
    """(feature code, country) of the countries and admin1s (by their own names) coordinated with
    ``m`` ("California or Washington", "Syria, Jordan and Iraq"): the location mentions right
    before and after it, joined by a comma, "and", "or" or "&"."""
    import bisect

    out = []
    k = bisect.bisect_right(sorted_starts, m.start)  # mentions starting after m
    near = []
    if k < len(order):
        near.append((mentions[order[k]], text[m.end : mentions[order[k]].start]))
    j = k - 2  # k - 1 is m itself (or one starting at the same char)
    while j >= 0 and mentions[order[j]].start >= m.start:
        j -= 1
    if j >= 0:
        near.append((mentions[order[j]], text[mentions[order[j]].end : m.start]))
    for o, gap in near:
        c = o.chosen
        if (gap in _COORD_GAPS and o is not m and o.role == "location" and c is not None
                and c.fcode in ("PCLI", "ADM1") and c.kind in ("name", "official")):
            out.append((c.fcode, c.country))
    return tuple(sorted(set(out)))


def _pattern_container(m: _Mention, text: str, mentions, order, sorted_starts) -> _Mention | None:
    """The toponym Y of an "X, Y" or "X in Y" pattern right after ``m``, if any (``order`` and
    ``sorted_starts``: mention indexes and starts sorted by start, for bisection)."""
    import bisect

    k = bisect.bisect_right(sorted_starts, m.end)
    if k >= len(order):
        return None
    o = mentions[order[k]]
    gap = text[m.end : o.start]
    if gap in (", ", " in ", ", in ", " in the ", ","):
        return o
    return None


# -- 4. output -----------------------------------------------------------------------------------
def _to_place(m: _Mention, text: str, analysis) -> Place:
    span_text = text[m.start : m.end]
    c = m.chosen
    if m.label == "SCAN" and m.role_reason.startswith("metonym:"):
        key = span_text.lower()
        iso = METONYMS.get(key, (None,))[0]
        country = analysis.resources.gazetteer.country(iso) if iso else None
        return Place(id="", start=m.start, end=m.end, text=span_text, country_code=iso,
                     name=country.name if country else None, score=0.9, role="actor",
                     reason=f"{m.role_reason};country_only", precision="country" if country else None,
                     lat=None, lon=None)
    if c is None:
        if m.label != "NORP":
            analysis.warn(Warnings.W003.format(text=span_text, start=m.start))
        iso = analysis.resources.gazetteer.country_for_name(span_text) if m.label == "NORP" else None
        return Place(id="", start=m.start, end=m.end, text=span_text, score=0.0, reason=m.reason or "no_candidate",
                     role=m.role, country_code=iso)
    precision = _PRECISION.get(c.fcode or "")
    if precision is None:
        precision = {"P": "populated_place", "H": "water", "L": "region", "A": "admin2"}.get(c.fclass or "", "point")
    return Place(
        id="", start=m.start, end=m.end, text=span_text, geonames_id=c.geonames_id, name=c.name,
        feature_code=c.fcode, country_code=c.country, admin1=c.admin1_name or c.admin1,
        lat=c.lat, lon=c.lon, precision=precision, score=m.score, reason=m.reason, role=m.role,
    )
