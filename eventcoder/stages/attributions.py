"""Stage attributions: who said or reported what, through whom, and how sure.

Terms follow PARC 3.0 / PolNeAR: an attribution has a **cue** (the reporting word: "said",
"according to", "Tweeted"), a **source** (the speaker span, resolved to an entity where
possible) and a **content** span (what is attributed). Adds
:class:`~eventcoder.model.Attribution` records ``A1``... in order of their cue.

How it works (rules over the spaCy dependency parse; lexicons in ``eventcoder/attribution/``):

- **cues**: verbs of ``cues.json`` (speech, claim, deny, directive, commit, cognition; the
  ``polnear`` profile adds stance verbs, see :data:`PROFILES`) with a content dependant
  (``ccomp``, ``xcomp``, an object, "talked about X"), or with a quotation right before or after
  ("“...,” he said"; "He continued: “...”"); "according to X"; "X quoted Y as saying";
  headline/transcript colons ("Graham: ..."); passive "was reported by MSNBC" (source = agent);
  "As Reuters reported, ..." and "..., the Times said, ..." (content = the host clause);
  sentence-final "<content>, regional governor Serhiy Lysak said on Telegram." read off the word
  order (:func:`_trailing_source`) when the parse hangs the cue under the content verb as
  conj/parataxis/relcl. Passive "was denied access" is not a cue; nor is a cue inside a
  quotation (the quoted speaker's own wording). A phrase after the cue naming a platform or a
  time ("on Telegram", "on X", "on Thursday") is never its content. "is calling for X to Y"
  (cue "calling for"), short contents ("thinks so", "said no to X").
- **polnear profile only** (PolNeAR's broad notion of attribution, attitudes included): verbs
  whose most frequent WordNet sense is verb.communication ("bemoaned", "portrayed") with a
  subject that can name a speaker (a PERSON/ORG/NORP/GPE name, a pronoun, a WordNet
  noun.person/noun.group noun); nominal cues, WordNet noun.communication nouns with a possessor
  ("her refusal to condemn X", "Graham's endorsement of Cruz"); predicate adjectives ("was
  critical of X", "are worried about X"); light verbs ("made the case that", "made it clear
  that", "made an impassioned call for"); transcript speakers in capitals ("FALLIN: ...").
  Word lists: ``eventcoder/attribution/wordnet.json`` (built from WordNet 3.0 by
  ``build_wordnet.py``).
- **source**: the subject of the cue (inherited through ``conj``/``advcl``, "tried ... but
  said"), as the raw span plus ``entity`` from :meth:`DocumentResult.entity_at` on the head
  noun, then on the span; pronouns ("he") and definite descriptions ("the ministry") fall back
  to :func:`resolve_source` (nearest earlier fitting source or entity). A plural generic source
  ("local officials", "residents", "they") is never resolved to a PERSON entity. "it"/"they":
  the nearest ORG/GPE (NORP for "they") mention in the same or previous sentence that is a
  subject or possessor, else the nearest that is no modifier ("Russian" in "Russian troops"),
  else unresolved. A definite generic ("the army", "the ministry"): an entity only when its name,
  a mention or the title before a mention has that head noun, in the same or the previous
  paragraph (else the source keeps its own text, whatever grouping the entities stage made).
- **via** (relays, outermost last): "Tass reported, citing the Kremlin" (source Kremlin, via
  Tass); "Tass quoted Saldo as saying" (source Saldo, via Tass); "X told the Y news agency"
  (via Y); a reporting attribution whose content holds another attribution's cue relays it
  ("The Red Cross said it was denied access, the BBC reports": source Red Cross, via BBC); a
  present-tense media relay closing a paragraph ("..., Reuters reports.") governs its own clause
  and, going back, only the sentences of its paragraph without a speaker of their own (no cue
  with a source, not inside another speaker's quotation): its content is widened over them and
  a sourceless cue there ("is expected to") is relayed. A sentence with its own cue and named
  source ("Zelenskiy said ...") is not relayed (PARC/PolNeAR: a relay attaches to the content it
  governs).
- **content**: the clause of the content dependant (without a contrasting "while X said ..."
  clause, an attribution of its own; an unquoted content never crosses a paragraph break);
  a quotation (“…”, "…", or ''…'' as in newspaper archives) touching it is taken whole,
  across sentences ("“... We can’t waste more time. ...,” Yermak Tweeted"). ``quote`` is
  ``direct`` when the content is a quotation, ``mixed`` when an indirect clause holds a quoted
  fragment, else ``indirect``.
- **channel** from ``channels.json`` in the cue clause outside the content ("in a video
  message", "Tweeted", "on Telegram", "in a statement", "news agency" in a relay's name).

Factuality of the attributed claim (``Attribution.factuality``, PLOVER mode flags extended):
``denied`` (cue "denied/rejected/dismissed"), ``negated`` (content's main verb negated: "did
not discuss"), ``unconfirmed`` (cue "claimed/alleged", "allegedly/reportedly" in the content,
a sourceless passive "is said/believed/reported/thought to have", a source described as
"unconfirmed reports", or inside a hedge scope, below), ``hypothetical`` ("if", "could/might/may", directive cues
"urged/called on/demanded"), ``expected`` ("will", "expected to", "due to", "plans to",
commitment cues "vowed/threatened/promised"), else ``asserted``. Precedence when several apply:
denied > negated > unconfirmed > hypothetical > expected > asserted.

Hedge scope (our rule, documented here and in ``docs/accuracy-attribution.md``): a hedge
sentence ("There was no immediate confirmation ...", "... could not be independently
verified", "Reuters was unable to verify ...")

- *inside* a paragraph, after other sentences ("Kyiv said it recaptured X, but Moscow denied
  the claim. The report could not be independently verified."), covers the text of its own
  paragraph before it, and nothing of earlier paragraphs (another claimant's statement);
- *opening* its paragraph (a stand-alone "no immediate confirmation" sentence as its
  own paragraph) covers

  1. the whole paragraph just before it, and
  2. further back, each earlier paragraph (contiguously) that holds an attribution to the same
     source as a covered attribution (same entity, or same head noun: "the ministry said" after
     "Ukraine's Ministry for ... said"), so a run of claims by one claimant is covered together;

never text after the hedge sentence and never the rest of the article.

Published for the events stage::

    analysis.notes["attributions"] = {
        "hedges": [(start, end, factuality, reason), ...],   # char ranges, end exclusive
        "claims": [(start, end, attribution_id, factuality), ...],  # content spans, innermost first
    }

``hedges`` holds the hedge scopes (factuality ``"unconfirmed"``, reason ``"hedge:<phrase>"``),
the clause scopes of hedging adverbs outside any attribution ("Russian troops reportedly
shelled Mariupol": reason ``"inline:reportedly"``, :func:`inline_hedge_scopes`),
and the content span of every attribution whose factuality is not ``asserted`` (reason
``"cue:<lemma>"`` or ``"content:<why>"``). An event whose trigger lies in several takes the
innermost (shortest) range.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..attribution import load
from ..model import Attribution, SourceRef, Span

NAME = "attributions"
REQUIRES = ("doc", "entities")
ASSIGNS = ("attributions",)

FACTUALITY_ORDER = ("denied", "negated", "unconfirmed", "hypothetical", "expected", "asserted")

_CUES = load("cues")
CUE_CATEGORY: dict[str, str] = {}
for _cat in ("claim", "deny", "directive", "commit", "speech", "cognition", "stance"):
    for _lemma in _CUES["verbs"][_cat]:
        CUE_CATEGORY.setdefault(_lemma, _cat)
CUE_EFFECT: dict[str, str] = _CUES["effects"]
MEDIA_HEADS = set(_CUES["media_heads"])
MEDIA_NAMES = {n.lower() for n in _CUES["media_names"]}
CLAIM_NOUNS = set(_CUES["noun_cues"])
CHANNELS = [(label, re.compile(rx, re.I)) for label, rx in load("channels")["channels"]]

HEDGE_PATTERNS = re.compile(
    r"no (immediate |independent |official )*confirmation"
    r"|could not (be )?(immediately |independently )*(verif|confirm)"
    r"|cannot (be )?(immediately |independently )*(verif|confirm)"
    r"|(was|were|is|are) (not|un)able to (immediately |independently )*(verif|confirm)"
    r"|(has|have|had) not been (immediately |independently )*(verified|confirmed)"
    r"|not (be )?independently (verified|confirmed)"
    r"|did not (immediately )?(confirm|verify)"
    r"|(?:unverified|unconfirmed)(?! (?:reports?|accounts?|sources?|information|footage|videos?|images?)\b)",
    re.I,
)
_INLINE_HEDGES = {"allegedly", "reportedly", "purportedly", "supposedly", "apparently"}
#: Passive reporting verbs without an agent that make the content hearsay ("is said to have",
#: "is believed to have", "is reported to", "is alleged to", "is thought to", "is claimed to").
_HEARSAY_PASSIVES = {"say", "believe", "report", "allege", "think", "claim", "rumour", "rumor", "understand"}
#: A source described as unconfirmed ("according to unconfirmed reports", "unverified accounts").
_UNCONFIRMED_SOURCE = re.compile(r"\b(unconfirmed|unverified|uncorroborated)\b", re.I)
_MODAL_HYPO = {"could", "might", "may", "would"}
_MODAL_EXPECTED = {"will", "shall", "'ll"}
_EXPECT_HEADS = {"expect", "due", "plan", "set", "schedule", "intend", "go"}
_PRONOUNS = {"he": "PERSON", "she": "PERSON", "him": "PERSON", "her": "PERSON", "they": None,
             "it": "ORG", "we": None, "i": "PERSON", "you": None}
_QUOTE_CHARS = "“”\"‘’'"
#: Heads of noun phrases that can be a cited source ("citing officials", "citing a statement").
_SOURCE_NOUNS = {"official", "source", "ministry", "spokesman", "spokeswoman", "spokesperson", "agency",
                 "report", "statement", "document", "intelligence", "witness", "resident", "police",
                 "authority", "government", "military", "army", "office", "person", "people", "diplomat",
                 "analyst", "expert", "aide", "administration", "officer", "commander", "governor", "mayor",
                 "minister", "president", "ministry", "service", "media", "outlet", "newspaper", "channel",
                 "kremlin", "pentagon", "command", "staff", "council", "committee", "organization",
                 "organisation", "group", "data", "figure", "estimate", "study", "survey", "poll", "record"}
_EVIDENCE = {"poll", "polling", "file", "audit", "evidence", "chart", "graph", "trend", "model", "forecast",
             "projection", "transcript", "log", "test", "review", "investigation", "probe", "survey", "data", "record", "video", "footage", "image", "photo", "study", "report",
             "document", "figure", "statistic", "analysis", "map", "picture", "result", "number", "filing",
             "email", "satellite", "imagery", "datum", "recording", "tally", "count", "estimate", "research"}


@dataclass
class _Draft:
    cue: tuple[int, int]
    content: tuple[int, int]
    source: tuple[int, int] | None = None
    source_head: tuple[int, int] | None = None
    via: list[tuple[int, int]] = field(default_factory=list)
    lemma: str = ""
    category: str = "speech"
    channel: str | None = None
    factuality: str = "asserted"
    reason: str = ""
    relay: bool = False  # a report/cite verb: may relay attributions in its content
    trailing: bool = False  # cue after its content ("..., Reuters reports.")
    sent: tuple[int, int] = (0, 0)
    content_root: int | None = None


# ----------------------------------------------------------------------------- quotations
def find_quotes(text: str) -> list[tuple[int, int]]:
    """Quotation spans ``[start, end)`` including their marks: curly pairs “…” (across
    sentences, and across paragraphs in press style: “para one\n\n“para two,” she said),
    straight "…" pairs and doubled-apostrophe ''…'' pairs (newspaper archives) within a
    paragraph."""
    spans: list[tuple[int, int]] = []
    i = 0
    while True:
        a = text.find("“", i)
        if a < 0:
            break
        b = text.find("”", a + 1)
        if b < 0:
            break
        # press style: a quotation over several paragraphs leaves each paragraph open and
        # reopens the next with “; it ends at the first closing mark. An opening mark inside
        # the same paragraph before the closing one means the first was never closed: restart.
        nxt = text.find("“", a + 1)
        if 0 <= nxt < b:
            para_end = text.find("\n", a)
            if not (0 <= para_end < nxt):
                i = nxt
                continue
        spans.append((a, b + 1))
        i = b + 1
    for m in re.finditer(r'"[^"\n]{1,2000}"', text):
        spans.append((m.start(), m.end()))
    # newspaper-archive style: two apostrophes open and close (''We never said that,'' he said)
    for m in re.finditer(r"''(?!')[^\n]{1,2000}?''", text):
        spans.append((m.start(), m.end()))
    return sorted(spans)


# ----------------------------------------------------------------------------- helpers
def _tokens_in(doc, start: int, end: int) -> list:
    """Tokens starting inside chars ``[start, end)`` (binary search; no scan of the doc)."""
    span = doc.char_span(start, end, alignment_mode="expand") if end > start else None
    if span is None:
        return []
    return [t for t in span if start <= t.idx < end]


def _closes_paren(toks) -> bool:
    """True if the last token is a ")" closing a "(" inside ``toks`` ("Sen. Bernie Sanders
    (I-Vt.)" keeps its parenthesis)."""
    return toks[-1].text == ")" and any(t.text == "(" for t in toks[:-1])


def _span_of(tokens) -> tuple[int, int]:
    toks = [t for t in tokens if not t.is_space]
    while toks and toks[-1].is_punct and toks[-1].text not in _QUOTE_CHARS + "?!" and not _closes_paren(toks):
        toks.pop()
    while toks and toks[0].is_punct and toks[0].text not in _QUOTE_CHARS:
        toks.pop(0)
    if not toks:
        return (0, 0)
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _subtree_span(tok, exclude=()) -> tuple[int, int]:
    ex = set()
    for e in exclude:
        ex |= {t.i for t in e.subtree}
    toks = [t for t in tok.subtree if t.i not in ex]
    # keep it contiguous around tok
    lo = hi = tok.i
    idx = {t.i for t in toks}
    while lo - 1 in idx:
        lo -= 1
    while hi + 1 in idx:
        hi += 1
    doc = tok.doc
    span = doc[lo : hi + 1]
    toks = list(span)
    while toks and ((toks[-1].is_punct and toks[-1].text not in _QUOTE_CHARS + "?!" and not _closes_paren(toks))
                    or toks[-1].is_space
                    or (toks[-1].dep_ == "cc" and len(toks) > 1)):
        toks.pop()  # trailing commas, periods, a dangling "and", a paragraph break
    while toks and toks[0].is_punct and toks[0].text not in _QUOTE_CHARS:
        toks.pop(0)
    while toks and toks[0].dep_ == "cc" and toks[0].lower_ in ("and", "but"):
        toks.pop(0)  # the complementizer "that" stays in the content, as in PolNeAR
    if not toks:
        return tok.idx, tok.idx + len(tok.text)
    return toks[0].idx, toks[-1].idx + len(toks[-1].text)


def _subject(verb):
    """The nominal subject of ``verb``, inherited through conj/advcl/xcomp heads."""
    seen = 0
    v = verb
    while v is not None and seen < 4:
        subjects = [c for c in v.children if c.dep_ in ("nsubj", "csubj")]
        if subjects:
            # several (a misparsed quotation's noun and the speaker: "“Or Ferguson,” Trump
            # said"): the one nearest the verb
            return min(subjects, key=lambda c: abs(c.i - v.i))
        if v.dep_ in ("conj", "advcl", "xcomp", "acl") and v.head is not v:
            v = v.head
            seen += 1
            continue
        if v.dep_ == "relcl":
            return None
        return None
    return None


def _place_chain_speaker(subj, content: tuple[int, int]):
    """The appositive speaker when the parser made the last toponym of a "Town, Region" chain
    ending the content the cue's subject ("after shelling of Kupiansk, Kharkiv Oblast, the
    governor said": subject "Oblast", apposition "governor"), else None. Needs: the subject is a
    GPE/LOC name right after a comma that follows the content's last token, itself a place
    name, and a common-noun or person apposition after it."""
    if subj.ent_type_ not in ("GPE", "LOC"):
        return None
    doc = subj.doc
    left = subj.left_edge
    if left.i < 2 or doc[left.i - 1].text != "," or doc[left.i - 2].ent_type_ not in ("GPE", "LOC"):
        return None
    prev = doc[left.i - 2]
    if not (content[0] <= prev.idx < content[1] and prev.idx + len(prev.text) >= content[1] - 1):
        return None
    return next((c for c in subj.children if c.dep_ == "appos" and c.i > subj.i
                 and c.ent_type_ not in ("GPE", "LOC") and c.pos_ in ("NOUN", "PROPN")), None)


def _is_passive(verb) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


_MEDIA_RX = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(MEDIA_NAMES, key=len, reverse=True)) + r")\b")


def _is_media(text: str, head_lemma: str) -> bool:
    """True if a source span names a news outlet (head noun "agency", "newspaper"... or a
    name from ``cues.json`` ``media_names``)."""
    if head_lemma.lower() in MEDIA_HEADS:
        return True
    return bool(_MEDIA_RX.search(text.lower()))


# ----------------------------------------------------------------------------- cue finding
#: Channel labels of ``channels.json`` that name a platform reached "on"/"via" ("said on
#: Telegram", "wrote on X", "said on state television"): such a phrase is the channel, never the
#: content of the cue.
_PLATFORM_LABELS = {"Telegram", "Twitter", "Facebook", "Instagram", "television", "radio"}
_PLATFORM_EXTRA = re.compile(r"\b(social media|website|web site|blog|channel|messaging app|account|page|x)\b", re.I)
_TIME_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "weekend",
               "morning", "afternoon", "evening", "night", "day", "occasion", "anniversary", "sidelines"}


def _channel_or_time_prep(prep) -> bool:
    """True if prepositional phrase ``prep`` (a spaCy token, dep ``prep``) after a cue names its
    channel or time ("on Telegram", "via Facebook", "on Thursday", "on the sidelines of ..."),
    not what was said."""
    objs = [g for g in prep.children if g.dep_ in ("pobj", "pcomp")]
    if not objs:
        return False
    if any(o.ent_type_ in ("DATE", "TIME") or o.lemma_.lower() in _TIME_WORDS for o in objs):
        return True
    if prep.lower_ not in ("on", "via", "through", "over"):
        return False
    phrase = " ".join(t.text for t in objs[0].subtree)
    if any(label in _PLATFORM_LABELS and rx.search(phrase) for label, rx in CHANNELS):
        return True
    return bool(_PLATFORM_EXTRA.search(phrase))


def _parenthetical(doc, verb) -> bool:
    """True if cue ``verb``, parsed as a ``ccomp`` after its head, is a parenthetical report
    ("he is the ablest, Viguerie argues") rather than a complement clause ("told the paper
    that he has known the victim for years"): set off by a comma, without a complementizer."""
    if any(c.dep_ == "mark" for c in verb.children):
        return False
    left = min(t.i for t in verb.subtree)
    return any(t.text in (",", "—", "–", "(") for t in doc[verb.head.i + 1:left + 1])


def _content_dependant(verb, category: str):
    """The token heading the content clause of cue ``verb`` and how it was found, or None."""
    kids = [c for c in verb.children if not (c.dep_ == "prep" and c.i > verb.i and _channel_or_time_prep(c))]
    for c in kids:
        if c.dep_ == "ccomp":
            return c, "ccomp"
    for c in kids:
        if c.dep_ == "xcomp":
            return c, "xcomp"
    for c in kids:
        if c.dep_ == "advcl" and c.i > verb.i and any(g.dep_ == "mark" and g.lower_ == "for" and g.i == verb.i + 1
                                                       for g in c.children):
            return c, "for-to"  # "is calling for his rivals to drop out"
    for c in kids:
        if c.dep_ in ("dobj", "attr") and (category != "cognition" or any(
                k.dep_ == "oprd" or (k.dep_ == "prep" and k.lower_ == "as") for k in kids)):
            return c, "dobj"  # cognition verbs only as "sees Cruz as a uniter"
    for c in kids:
        if c.dep_ == "prep" and c.i > verb.i and c.lower_ in ("on", "about", "for", "of", "to", "against", "as") and \
                any(g.dep_ in ("pobj", "pcomp") for g in c.children) and \
                not (c.lower_ == "to" and verb.lemma_.lower() not in ("refer", "point", "respond", "react", "object", "allude")) and \
                not (c.lower_ == "as" and category != "cognition"):
            return c, "prep"
    for c in kids:
        if c.dep_ == "prep" and c.i > verb.i and (verb.lemma_.lower(), c.lower_) in (("agree", "to"), ("stand", "by")) \
                and any(g.dep_ == "pobj" for g in c.children):
            return c, "prep"  # "agreed to a two-tier wage system", "is standing by an accusation"
    for c in kids:
        if c.i > verb.i and (c.dep_ in ("acomp", "oprd") and c.pos_ in ("ADJ", "VERB") and category in ("cognition", "stance")
                             or c.dep_ == "advmod" and c.lower_ == "so" and c.i == verb.i + 1
                             or c.dep_ == "intj" and c.lower_ in ("yes", "no")):
            return c, "short"  # "appeared pleased with X", "thinks so", "said no to the war"
    return None, ""


_NP_POS = {"DET", "ADJ", "NOUN", "PROPN", "PART", "NUM", "ADP", "PUNCT", "X"}
_SUBORDINATORS = {"when", "after", "if", "as", "because", "while", "before", "although", "though", "since",
                  "once", "until", "unless", "whereas", "whether"}


def _nominal_segment(toks) -> bool:
    """True if tokens ``toks`` form a noun phrase that can name a speaker ("regional governor
    Serhiy Lysak", "the town's mayor", "Russia's Tass news agency", "his office", "he"): no
    verb outside a modifier, a noun, name or pronoun in it, not opening on a preposition,
    conjunction or punctuation."""
    if not toks or len(toks) > 12:
        return False
    if toks[0].pos_ in ("ADP", "PUNCT", "CCONJ", "PART") or toks[-1].pos_ in ("ADP", "DET", "PUNCT"):
        return False
    if len(toks) == 1 and toks[0].pos_ == "PRON":
        return toks[0].lower_ in _PRONOUNS and toks[0].lower_ not in ("it", "you", "him", "her")
    for t in toks:
        if t.pos_ in _NP_POS:
            if t.pos_ == "PUNCT" and t.text not in "-–’'.&":
                return False
            continue
        if t.pos_ == "PRON" and t.tag_ == "PRP$":
            continue  # "his office"
        if t.dep_ in ("amod", "compound") and t.pos_ in ("VERB", "ADV"):
            continue  # "Moscow-installed official", "state-run media"
        if t.pos_ == "CCONJ" and t is not toks[0]:
            continue  # "the army and police"
        return False
    return any(t.pos_ in ("NOUN", "PROPN") for t in toks)


_CUE_TAIL_DEPS = {"prep", "advmod", "npadvmod", "punct", "prt", "agent", "cc", "dative"}


def _finite(verb) -> bool:
    """True if ``verb`` heads a finite clause (a tensed verb or one with a tensed auxiliary)."""
    if verb.tag_ in ("VBD", "VBZ", "VBP", "MD"):
        return True
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD") for c in verb.children)


@dataclass
class _Trailing:
    """A sentence-final attribution clause after a comma: "<content>, <source> <cue> [on
    Telegram]." Token index ranges are ``[lo, hi)``."""
    source: tuple[int, int]  # token indices of the speaker noun phrase
    head: int  # token index of its head
    content: tuple[int, int]  # token indices of the clause before the comma
    root: int | None  # token index of the content clause's main verb


def _trailing_source(doc, verb, allow_object: bool = False) -> _Trailing | None:
    """The wire-style attribution after its content, read off the word order when the parse
    hangs the cue under the content ("Russian forces shelled Nikopol, killing four, regional
    governor Serhiy Lysak said on Telegram." parses "said" as a ``conj`` of "shelled"): the noun
    phrase between the last comma and the cue is the source, the clause before that comma the
    content. Also "..., the town's mayor, Olena Kovalenko, said." (appositive source). None
    unless the cue ends its sentence (only its own phrases after it: "on Telegram", "in a
    statement", "on Thursday") and the part before the comma is a main clause with a verb."""
    sent = verb.sent
    own_subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
    if verb.dep_ == "relcl":
        # "..., injuring a journalist and two others, regional governor X said": a misparse
        # as a relative clause of "journalist" has the speaker as its own subject; a real one
        # ("the first time the two men spoke") is checked below by the segment = subject rule
        if not own_subj or own_subj[0].lower_ in ("who", "which", "that"):
            return None
    elif verb.dep_ not in ("ROOT", "conj", "parataxis", "ccomp", "advcl", "dep"):
        return None  # a modifier: "an option seen by organizers", "the states voting on ..."
    sub = {t.i for t in verb.subtree}
    after = [t for t in doc[verb.i + 1:sent.end] if not (t.is_space or t.i in sub)]
    if any(t.pos_ in ("VERB", "AUX") for t in after) or (after and after[0].text in (",", "—", "–")
                                                          and any(not t.is_punct for t in after)):
        return None  # "The emails, the Times said, were work-related": the host rule's case
    if any(c.i > verb.i and c.dep_ not in _CUE_TAIL_DEPS and not (allow_object and c.dep_ == "dobj")
           for c in verb.children):
        return None  # "named Britain", "said no": the cue has its own object
    commas = [t.i for t in doc[sent.start:verb.i] if t.text in (",", "—", "–")]
    if not commas:
        return None
    c2 = commas[-1]
    seg = list(doc[c2 + 1:verb.i])
    lo, comma = c2 + 1, c2
    if not seg and len(commas) >= 3:
        # appositive: "..., the town's mayor, Olena Kovalenko, said"
        a, b = commas[-3], commas[-2]
        first, second = list(doc[a + 1:b]), list(doc[b + 1:c2])
        if not (_nominal_segment(first) and _nominal_segment(second) and len(first) <= 8):
            return None
        seg = first + [doc[b]] + second
        lo, comma = a + 1, a
    if not _nominal_segment(seg):
        return None
    if own_subj and not all(lo <= s.i < verb.i for s in own_subj):
        # the parse found a subject elsewhere; unless it made the content's last noun the
        # subject and the speaker its apposition ("killing six civilians, local official
        # Amadou Diallo told Reuters": nsubj "civilians", appos "Diallo")
        subj_tree = {t.i for t in own_subj[0].subtree}
        seg_heads = [t for t in seg if t.head.i not in {x.i for x in seg}]
        if not (len(own_subj) == 1 and seg_heads and all(t.dep_ == "appos" for t in seg_heads)
                and {t.i for t in seg} <= subj_tree):
            return None
    if verb.dep_ == "relcl" and not {t.i for t in seg if not t.is_punct} <= {t.i for t in own_subj[0].subtree}:
        return None  # "..., the first time the two men spoke since December"
    content = [t for t in doc[sent.start:comma] if not t.is_space]
    words = [t for t in content if not t.is_punct]
    if len(words) < 3 or not any(t.pos_ in ("VERB", "AUX") for t in content):
        return None
    lead = [t for t in words if t.pos_ != "CCONJ"]
    if not lead or lead[0].lower_ in _SUBORDINATORS:
        return None  # "When the shelling began, the mayor warned."
    seg_i = {t.i for t in seg}
    heads = [t for t in seg if t.head.i not in seg_i or t.head.i == t.i]
    heads = [t for t in heads if t.pos_ in ("NOUN", "PROPN", "PRON")] or [t for t in seg if t.pos_ in ("NOUN", "PROPN", "PRON")]
    c_lo, c_hi = content[0].i, content[-1].i + 1
    roots = [t for t in content if t.pos_ in ("VERB", "AUX") and (t.head.i == t.i or not c_lo <= t.head.i < c_hi
                                                                  or t.dep_ == "ROOT")]
    if not roots or not _finite(roots[0]):
        return None  # "Asked if he was bullied, the candidate said no", "Horrified at ..., Ramos believes"
    return _Trailing(source=(lo, verb.i), head=heads[0].i if len(heads) == 1 else heads[-1].i,
                     content=(c_lo, c_hi), root=roots[0].i if roots else None)


def _adjacent_quote(doc, verb, quotes: list[tuple[int, int]], text: str | None = None) -> tuple[int, int] | None:
    """A quotation right before the cue clause ("“...,” X said") or right after it ("X said:
    “...”", "X continued, “...”"), for cues whose parse has no content dependant."""
    text = doc.text if text is None else text
    subj = _subject(verb)
    toks = [verb] + (list(subj.subtree) if subj is not None else [])
    lo = min(t.idx for t in toks)
    hi = max(t.idx + len(t.text) for t in toks)
    # phrases attached to the cue after it ("said in a statement:")
    for c in verb.children:
        if c.i > verb.i and c.dep_ in ("prep", "advmod", "npadvmod", "prt", "dative", "dobj") and \
                not any(q0 <= c.idx < q1 for q0, q1 in quotes):
            hi = max(hi, max(t.idx + len(t.text) for t in c.subtree))
    for q0, q1 in quotes:
        if q0 <= verb.idx < q1:
            return None
    before = [(q0, q1) for q0, q1 in quotes if q1 <= lo and not text[q1:lo].strip(" ,\n—–-\t")]
    if before:
        return before[-1]
    after = [(q0, q1) for q0, q1 in quotes if q0 >= hi and len(text[hi:q0]) <= 3
             and not text[hi:q0].strip(" ,:\n—–-\t")]
    if after:
        return after[0]
    return None


_COLON_SOURCE = re.compile(r"(?:^|(?<=\n)|(?<=[.!?”\"] )|(?<= - )|(?<= -)|(?<=— ))"
                           r"([A-Z][\w’'.&-]*(?: [A-Z][\w’'.&-]*| of| the| for| and){0,6})"
                           r"((?: (?:to|on|at|in|tells|says|slams|rips|hits) [^:\n“\"]{1,60})?):[ \t\xa0]+(?=\S)")


def _colon_drafts(doc, quotes, transcripts: bool = False) -> list[_Draft]:
    """Headline and transcript style "Graham: Trump's rhetoric is hurting us" / "Kerry: “By
    law ...”": a short capitalised name (a PERSON/ORG/NORP/GPE entity) at a line or sentence
    start or after " - " (digest style "... - Pew Research: “...”"), optionally followed by
    "to/on/at ... " ("Clinton to Planned Parenthood: ..."; the source is the name), a colon, then
    the content (to the end of the quotation, else of the sentence). ``transcripts`` also takes
    a single word in capitals at a line start ("FALLIN: Well, ...") without an entity."""
    text = doc.text
    out = []
    for m in _COLON_SOURCE.finditer(text):
        s0, s1 = m.span(1)
        colon = m.end(2)
        rest0 = m.end()
        line_end = text.find("\n", rest0)
        line_end = len(text) if line_end < 0 else line_end
        q = next(((q0, q1) for q0, q1 in quotes if q0 == rest0), None)
        if q is not None:
            c0, c1 = q
        else:
            c0, c1 = rest0, line_end
            # one sentence at most
            after_colon = _tokens_in(doc, rest0, min(len(text), rest0 + 40))
            sent_end = after_colon[0].sent.end_char if after_colon else line_end
            c1 = min(c1, sent_end)
        while c1 > c0 and (text[c1 - 1].isspace() or text[c1 - 1] in ".,;"):
            c1 -= 1
        if c1 - c0 < 8 or len(text[s0:s1].split()) > 6:
            continue
        name_tokens = _tokens_in(doc, s0, s1)
        line_start = s0 == 0 or text[s0 - 1] == "\n"
        transcript = transcripts and line_start and text[s0:s1].isupper() and len(text[s0:s1]) >= 3 and " " not in text[s0:s1] \
            and not any(t.ent_type_ in ("GPE", "LOC", "FAC", "DATE", "NORP") for t in name_tokens)
        if not name_tokens or not (transcript or any(t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") for t in name_tokens)):
            continue  # a speaker's name, or a transcript's "FALLIN:" at a line start
        if any(t.lower_ in ("note", "update", "exclusive", "watch", "read", "part", "chapter", "photos",
                            "video", "opinion", "analysis", "editorial") for t in name_tokens):
            continue  # "Editor's Note:", "Exclusive:", section labels
        if any(t.pos_ == "VERB" for t in name_tokens):
            continue
        head = name_tokens[-1]
        out.append(_Draft(cue=(colon, colon + 1), content=(c0, c1), source=(s0, s1),
                          source_head=(head.idx, head.idx + len(head.text)), lemma=":", category="speech",
                          relay=_is_media(text[s0:s1], head.lemma_), trailing=False,
                          sent=(s0, c1)))
    return out


#: Cue categories per profile. ``news`` (the pipeline default) leaves out PolNeAR's stance
#: verbs ("supported", "discussed", "voted for"), which in conflict news are events (PLOVER
#: SUPPORT, CONSULT) rather than reports; ``polnear`` adds them and ``clausal`` (any verb
#: outside the lexicon with a subject and a "that"-clause), for scoring against PolNeAR.
PROFILES = {
    "news": ("claim", "deny", "directive", "commit", "speech", "cognition"),
    "polnear": ("claim", "deny", "directive", "commit", "speech", "cognition", "stance", "clausal", "wordnet",
                "nominal", "attitude", "light"),
}


_WORDNET = load("wordnet")
#: Verbs whose most frequent WordNet sense is verb.communication ("bemoan", "portray",
#: "downplay"); cues in the ``polnear`` profile when their subject can name a speaker.
WORDNET_VERBS = set(_WORDNET["verb_communication"])
#: Nouns whose most frequent WordNet sense is noun.communication ("criticism", "endorsement",
#: "refusal"): nominal cues in the ``polnear`` profile ("his refusal to disavow ...").
WORDNET_NOUN_CUES = set(_WORDNET["noun_communication"])
#: Nouns whose most frequent WordNet sense is noun.person or noun.group ("senator", "voter",
#: "committee"): subjects that can name a speaker.
SPEAKER_NOUNS = set(_WORDNET["noun_speaker"])
_SPEAKER_PRONOUNS = {"he", "she", "they", "we", "i", "you", "who"}


def _speaker_like(subj) -> bool:
    """True if token ``subj`` can name a speaker: a PERSON/ORG/NORP/GPE name, a personal
    pronoun, or a noun whose first WordNet sense is a person or a group."""
    if subj is None:
        return False
    if subj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    if subj.lower_ in _SPEAKER_PRONOUNS:
        return True
    return subj.lemma_.lower() in SPEAKER_NOUNS


def _nominal_draft(doc, tok, lemma: str) -> _Draft | None:
    """A nominal cue ("his refusal to disavow X", "Graham's endorsement of Cruz", "criticism
    from the senator"): a noun of :data:`WORDNET_NOUN_CUES` with a possessor (or a "by"/"from"
    phrase naming a speaker) as source and, after it, a clause ("to disavow ...", "that ...") or
    an "of/for/on/about/against/to/over" phrase as content. None otherwise."""
    if tok.dep_ in ("compound", "amod") or lemma not in WORDNET_NOUN_CUES:
        return None
    if doc.text[tok.idx + len(tok.text):tok.idx + len(tok.text) + 1] == ":":
        return None  # a label: "Editor's note:"
    src = None
    for c in tok.children:
        if c.dep_ == "poss" and c.lower_ not in ("its", "their", "whose"):
            src = c
    if src is None:
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("by", "from") and c.i > tok.i:
                objs = [g for g in c.children if g.dep_ == "pobj"]
                if objs and _speaker_like(objs[0]):
                    src = objs[0]
    if src is None:
        return None
    content = None
    for c in tok.children:
        if c.i < tok.i:
            continue
        if c.dep_ in ("acl", "ccomp", "xcomp") and c.pos_ in ("VERB", "AUX"):
            content = _subtree_span(c)
            break
        if c.dep_ == "prep" and c.lower_ in ("of", "for", "on", "about", "against", "to", "over"):
            objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            if objs:
                content = _subtree_span(objs[0])
                break
    if content is None or content[1] <= content[0]:
        return None
    if src.dep_ == "poss":
        source = _span_of(list(src.subtree))  # "Graham’s", as PolNeAR marks it
    else:
        source = _subtree_span(src)
    sent = tok.sent
    return _Draft(cue=(tok.idx, tok.idx + len(tok.text)), content=content, source=source,
                  source_head=(src.idx, src.idx + len(src.text)), lemma=lemma, category="nominal",
                  relay=False, trailing=False, sent=(sent.start_char, sent.end_char), content_root=None)


#: Light verbs that report with their object ("made the case that", "made clear that", "gave
#: a speech on", "issued a statement about"): the cue is the verb with its object noun.
_LIGHT_VERBS = {"make", "give", "issue", "offer", "deliver", "voice", "lodge", "level", "draw", "cast"}
_LIGHT_OBJECTS = {"case", "point", "clear", "plain", "known"}


def _light_verb_draft(doc, verb, lemma: str) -> _Draft | None:
    """A light-verb report (``polnear`` profile): "<speaker> made the case that ...", "made it
    clear that ...", "made an impassioned call for ...", "issued a statement about ...": the verb
    with an object that is a WordNet noun.communication noun (or "case", "point", "clear"), a
    subject that can name a speaker, and a content clause or "about/for/of/on/against" phrase.
    Cue: verb to object noun (and its preposition). None otherwise."""
    subj = _subject(verb)
    if not _speaker_like(subj):
        return None
    obj = next((c for c in verb.children if c.i > verb.i and c.dep_ in ("dobj", "oprd", "ccomp", "acomp")
                and (c.lemma_.lower() in WORDNET_NOUN_CUES or c.lemma_.lower() in _LIGHT_OBJECTS)
                and c.pos_ in ("NOUN", "ADJ")), None)
    if obj is None:
        return None
    content = prep = None
    for holder in (obj, verb):
        for c in holder.children:
            if c.i <= obj.i:
                continue
            if c.dep_ in ("ccomp", "acl", "xcomp", "advcl") and c.pos_ in ("VERB", "AUX"):
                content = _subtree_span(c)
                break
            if c.dep_ == "prep" and c.lower_ in ("about", "for", "of", "on", "against", "that", "to") and holder is obj:
                objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
                if objs:
                    content, prep = _subtree_span(objs[0]), c
                    break
        if content is not None:
            break
    if content is None or content[1] <= content[0]:
        return None
    last = prep if prep is not None and prep.i <= obj.i + 1 else obj
    sent = verb.sent
    return _Draft(cue=(verb.idx, last.idx + len(last.text)), content=content, source=_subtree_span(subj),
                  source_head=(subj.idx, subj.idx + len(subj.text)), lemma=lemma, category="light",
                  relay=False, trailing=False, sent=(sent.start_char, sent.end_char), content_root=None)


_COPULAS = {"be", "seem", "remain", "become", "appear", "sound", "feel", "look", "grow", "get"}


def _adjective_draft(doc, adj) -> _Draft | None:
    """An attitude stated by a predicate adjective (PolNeAR's attitudes): "<speaker> is critical
    of X", "was clear about X", "are concerned that ...", "is eager to ...": subject that can
    name a speaker (:func:`_speaker_like`), a copula, the adjective with an "of/about/on/with/
    toward" phrase or a clause. Cue: copula to adjective (and the preposition); content: the
    phrase's object or the clause. None otherwise."""
    cop = adj.head
    if adj.dep_ != "acomp" or cop.lemma_.lower() not in _COPULAS:
        return None
    subj = _subject(cop)
    if not _speaker_like(subj) or subj.lower_ == "who" and cop.dep_ != "relcl":
        return None
    content = prep = None
    for c in adj.children:
        if c.i < adj.i:
            continue
        if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX"):
            content = _subtree_span(c)
            break
        if c.dep_ == "prep" and c.lower_ in ("of", "about", "on", "with", "toward", "towards", "over"):
            objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            if objs:
                content, prep = _subtree_span(objs[0]), c
                break
    if content is None or content[1] <= content[0]:
        return None
    first = min([cop] + [c for c in cop.children if c.dep_ in ("aux", "neg") and c.i < cop.i], key=lambda t: t.i)
    last = prep if prep is not None and prep.i <= adj.i + 2 else adj
    if last.i < first.i:
        return None  # inverted order ("So proud was he of ...")
    source = _subtree_span(subj)
    if subj.lower_ == "who" and cop.dep_ == "relcl":
        source = _subtree_span(cop.head, exclude=[cop])
    sent = adj.sent
    return _Draft(cue=(first.idx, last.idx + len(last.text)), content=content, source=source,
                  source_head=(subj.idx, subj.idx + len(subj.text)), lemma=adj.lemma_.lower(),
                  category="attitude", relay=False, trailing=False, sent=(sent.start_char, sent.end_char),
                  content_root=None)


def _find_drafts(doc, profile: str = "news") -> list[_Draft]:
    categories = set(PROFILES[profile])
    drafts: list[_Draft] = []
    text = doc.text
    quotes = find_quotes(text)
    # transcript speakers in capitals ("KIRBY: ...") only when scoring: in wire copy a capitalised
    # line start before a colon is as often a dateline ("KYIV: ...")
    drafts += _colon_drafts(doc, quotes, transcripts="stance" in categories)
    for tok in doc:
        lemma = tok.lemma_.lower()
        if lemma == "hop" and tok.lower_ in ("hope", "hopes", "hoped", "hoping"):
            lemma = "hope"  # spaCy lemmatises "hopes" as "hop"
        # "according to X"
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            to = doc[tok.i + 1]
            objs = [c for c in to.children if c.dep_ == "pobj"]
            if not objs:
                continue
            src = objs[0]
            s_span = _subtree_span(src)
            sent = tok.sent
            phrase = (tok.idx, s_span[1])
            before = (sent.start_char, tok.idx)
            after = (s_span[1], sent.end_char)
            btxt = text[before[0]:before[1]].strip(" ,;—–-\n")
            atxt = text[after[0]:after[1]].strip(" ,;—–-.\n")
            if len(atxt) > len(btxt):
                c_toks = [t for t in sent if t.idx >= after[0]]
            else:
                c_toks = [t for t in sent if t.idx + len(t.text) <= before[1]]
            content = _span_of(c_toks)
            if content[1] <= content[0]:
                continue
            drafts.append(_Draft(cue=(tok.idx, to.idx + len(to.text)), content=content, source=s_span,
                                 source_head=(src.idx, src.idx + len(src.text)), lemma="according to",
                                 category="speech", relay=_is_media(text[s_span[0]:s_span[1]], src.lemma_),
                                 trailing=len(atxt) <= len(btxt), sent=(sent.start_char, sent.end_char)))
            continue
        if tok.pos_ == "ADJ" and "attitude" in categories:
            draft = _adjective_draft(doc, tok)
            if draft is not None:
                drafts.append(draft)
            continue
        if tok.pos_ == "NOUN" and "nominal" in categories:
            draft = _nominal_draft(doc, tok, lemma)
            if draft is not None:
                drafts.append(draft)
            continue
        if tok.pos_ != "VERB":
            continue
        if tok.i > 0 and doc[tok.i - 1].tag_ == "POS":
            continue  # a noun the tagger took for a verb: "Editor's note:"
        if lemma in _LIGHT_VERBS and "light" in categories and lemma not in CUE_CATEGORY:
            draft = _light_verb_draft(doc, tok, lemma)
            if draft is not None:
                drafts.append(draft)
            continue
        if lemma not in CUE_CATEGORY and "wordnet" in categories and lemma in WORDNET_VERBS:
            cue_category = "wordnet" if _speaker_like(_subject(tok)) else ""
            if not cue_category:
                continue
        elif lemma not in CUE_CATEGORY:
            # any other verb taking a "that"-clause with a subject ("made clear that",
            # "conceded that"): clausal-complement takers are communication/cognition verbs
            if "clausal" not in categories or lemma in ("be", "’", "'") or tok.lower_ in ("’s", "'s") or not any(
                    c.dep_ == "ccomp" and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
                    for c in tok.children) or _subject(tok) is None:
                continue
            cue_category = "clausal"
        else:
            cue_category = CUE_CATEGORY[lemma]
        category = cue_category
        if category not in categories:
            continue
        if lemma == "cite" and tok.dep_ == "advcl" and tok.head.lemma_.lower() in CUE_CATEGORY:
            continue  # handled as a relay of its head ("reported, citing the Kremlin")
        agent = None
        if _is_passive(tok):
            # "is said to", "was quoted as saying", "are expected to" (no source; factuality
            # expected) are cues; "was first reported by MSNBC" has its source in the agent;
            # "was denied access" is not a cue
            agents = [c for c in tok.children if c.dep_ == "agent"]
            objs = [g for g in agents[0].children if g.dep_ == "pobj"] if agents else []
            if objs and category in ("speech", "stance", "claim", "deny") and lemma not in ("deny", "ask", "tell"):
                agent = objs[0]
            elif lemma not in ("say", "report", "quote", "believe", "think", "expect", "claim", "allege",
                               "ask", "know", "consider", "tell"):
                continue
        if tok.dep_ in ("amod", "compound"):
            continue
        dep, how = _content_dependant(tok, category)
        if lemma == "quote":
            # "Tass quoted Saldo as saying ..."
            as_prep = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "as"]
            if as_prep:
                saying = [c for c in as_prep[0].children if c.dep_ in ("pcomp", "pobj")]
                if saying:
                    inner, how2 = _content_dependant(saying[0], "speech")
                    if inner is not None:
                        dep, how = inner, how2
        if dep is None and agent is not None:
            passive_subj = [c for c in tok.children if c.dep_ == "nsubjpass"]
            if passive_subj:
                dep, how = passive_subj[0], "passive"
        if dep is None and tok.head.pos_ in ("VERB", "AUX") and tok.head is not tok and \
                _adjacent_quote(doc, tok, quotes, text) is None and (
                    tok.dep_ == "parataxis"
                    or (tok.dep_ == "ccomp" and tok.i > tok.head.i and _parenthetical(doc, tok))
                    or (tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children))):
            # "The emails, the Times said, were work-related"; "he is the ablest, Viguerie
            # argues"; "As Reuters reported, the talks failed": the host clause is the content
            dep, how = tok.head, "host"
        trail = None
        if how in ("", "host") and agent is None and _adjacent_quote(doc, tok, quotes, text) is None:
            # "<content>, regional governor Serhiy Lysak said on Telegram.": word order over a
            # parse that makes the content verb the root and "said" its conj/parataxis
            trail = _trailing_source(doc, tok)
            if trail is not None:
                dep = doc[trail.root] if trail.root is not None else doc[trail.content[0]]
                how = "trailing"
        if lemma in ("continue", "read", "go") and _adjacent_quote(doc, tok, quotes, text) is None and how != "ccomp":
            continue  # "continues to be", "read part 1": only "he continued, “...”", "the sign read “...”"
        if lemma == "show" and not (subj_head := _subject(tok)) is None and subj_head.lemma_.lower() not in _EVIDENCE:
            continue  # "polls show", "records show", "video showed"; not "tried to show expression"
        quoted = None
        if dep is None or (how == "dobj" and lemma in ("say", "add", "continue", "write", "tell")):
            quoted = _adjacent_quote(doc, tok, quotes, text)
            if quoted is None:
                if dep is None:
                    continue
            else:
                dep, how = None, "quote"
        # a nominal object is content ("denied the claims", "said so", "mocked the plan"),
        # as in PolNeAR, except a bare addressee ("told reporters")
        if how == "dobj" and lemma == "tell":
            # "told reporters" with no clause is not content; "<content>, local official
            # Amadou Diallo told Reuters." is a sentence-final attribution
            trail = _trailing_source(doc, tok, allow_object=True) if agent is None else None
            if trail is None:
                continue
            dep = doc[trail.root] if trail.root is not None else doc[trail.content[0]]
            how = "trailing"

        sent = tok.sent
        # content span
        if quoted is not None:
            content = quoted
        elif how == "dobj" and lemma in ("accuse", "blame", "charge", "criticise", "criticize", "praise", "condemn"):
            # "accused the ICRC of inaction ...": object through its "of/for" phrase
            end_tok = dep
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ in ("of", "for", "over") and c.i > dep.i:
                    end_tok = c
            lo = min(t.i for t in dep.subtree)
            hi = max(t.i for t in end_tok.subtree)
            content = _span_of(doc[lo : hi + 1])
        elif how == "short":
            nxt = [c for c in tok.children if c.dep_ == "prep" and c.i == dep.i + 1] if dep.dep_ == "intj" else []
            content = _subtree_span(dep) if not nxt else (dep.idx, _subtree_span(nxt[0])[1])
        elif how == "for-to":
            mark = next(g for g in dep.children if g.dep_ == "mark" and g.lower_ == "for")
            content = _span_of([t for t in dep.subtree if t.i > mark.i])
        elif how == "xcomp":
            # "urged it to undertake ...", "likes your candidate to be ...": object + clause
            objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubj") and tok.i < c.i < dep.i]
            lo = min(t.i for t in (objs[0].subtree if objs else dep.subtree))
            hi = max(t.i for t in dep.subtree)
            content = _span_of(doc[lo : hi + 1])
        elif how == "dobj":
            # "called him a liar", "described the US as the “Great Satan”": object + complement
            tail = [c for c in tok.children if c.i > dep.i and (c.dep_ in ("oprd", "xcomp", "ccomp") or
                                                               (c.dep_ == "prep" and c.lower_ == "as"))]
            lo = min(t.i for t in dep.subtree)
            hi = max(t.i for t in (tail[-1] if tail else dep).subtree)
            content = _span_of(doc[lo : hi + 1])
        elif how == "prep":
            # "talked about the wall", "voted for Clinton": the object; the preposition joins the cue
            objs = [g for g in dep.children if g.dep_ in ("pobj", "pcomp")]
            content = _subtree_span(objs[0])
        elif how == "host":
            content = _subtree_span(dep, exclude=[tok])
        elif how == "trailing":
            content = _span_of(doc[trail.content[0]:trail.content[1]])
        else:
            # a contrasting clause with its own speaker and reporting verb is an attribution of
            # its own ("Most said they would vote, while other voters said they had not decided")
            own = [c for c in dep.children if c.dep_ == "advcl" and c.i > dep.i and c.lemma_.lower() in CUE_CATEGORY
                   and any(g.dep_ == "nsubj" for g in c.children)
                   and any(g.dep_ == "mark" and g.lower_ in ("while", "whereas", "although", "though") for g in c.children)]
            content = _subtree_span(dep, exclude=own)
        if content[1] <= content[0]:
            continue
        subj = agent if agent is not None else _subject(tok)
        if trail is not None:
            subj = doc[trail.head]  # not a subject inherited from the content verb
        if subj is not None and subj.lower_ in ("it", "there") and lemma in ("appear", "seem"):
            subj = None  # expletive: "It appears that ..."
        source = source_head = None
        if trail is not None:
            source = _span_of(doc[trail.source[0]:trail.source[1]])
            source_head = (subj.idx, subj.idx + len(subj.text))
        elif subj is not None:
            app = _place_chain_speaker(subj, content)
            if app is not None:
                # "... shelling of Kupiansk, Kharkiv Oblast, the governor said": the region closes
                # the content's toponym chain; the speaker is its apposition
                content = (content[0], subj.idx + len(subj.text))
                subj = app
            source = _subtree_span(subj)
            source_head = (subj.idx, subj.idx + len(subj.text))
            if subj.lower_ in ("who", "which", "that") and tok.dep_ == "relcl":
                ant = tok.head
                source = _subtree_span(ant, exclude=[tok])
                source_head = (ant.idx, ant.idx + len(ant.text))
        cue_end = tok.idx + len(tok.text)
        # particle: "pointed out", "called on"; preposition of a prep content: "talked about"
        for c in tok.children:
            if c.dep_ == "prt" and c.i == tok.i + 1:
                cue_end = c.idx + len(c.text)
        if how == "for-to":
            cue_end = doc[tok.i + 1].idx + len(doc[tok.i + 1].text)
        if how == "prep" and tok.i < dep.i <= tok.i + 2 and all(t.pos_ in ("ADV", "PART", "ADP") for t in doc[tok.i + 1:dep.i]):
            cue_end = dep.idx + len(dep.text)
        draft = _Draft(cue=(tok.idx, cue_end), content=content, source=source, source_head=source_head,
                       lemma=lemma, category=category,
                       relay=lemma in ("report", "cite", "quote") or (
                           source is not None and _is_media(text[source[0]:source[1]], subj.lemma_ if subj is not None else "")),
                       trailing=content[0] < tok.idx, sent=(sent.start_char, sent.end_char),
                       content_root=dep.i if dep is not None else None)
        # relays inside one clause
        if lemma == "quote":
            obj = [c for c in tok.children if c.dep_ == "dobj"]
            if obj and source is not None:
                draft.via.append(source)
                draft.source = _subtree_span(obj[0])
                draft.source_head = (obj[0].idx, obj[0].idx + len(obj[0].text))
        for c in tok.children:
            if c.dep_ == "advcl" and c.lemma_.lower() == "cite":
                cited = [g for g in c.children if g.dep_ == "dobj"]
                # "citing the Kremlin" names a source; "citing low growth" gives a reason
                if cited and draft.source is not None and (
                        cited[0].ent_type_ in ("PERSON", "ORG", "GPE", "NORP", "FAC")
                        or cited[0].lemma_.lower() in _SOURCE_NOUNS):
                    draft.via.append(draft.source)
                    draft.source = _subtree_span(cited[0])
                    draft.source_head = (cited[0].idx, cited[0].idx + len(cited[0].text))
            if lemma == "tell" and c.dep_ in ("dative", "dobj") and (dep is None or c.i < dep.i or how == "trailing"):
                told = _subtree_span(c)
                if _is_media(text[told[0]:told[1]], c.lemma_):
                    draft.via.append(told)
        drafts.append(draft)
    return drafts


# ----------------------------------------------------------------------------- resolution
class _LatestFirst:
    """The attributions ``previous`` latest cue first (a stable sort on the cue's start offset,
    as ``sorted(..., reverse=True)``), sorted only when first iterated: most sources resolve
    without looking at earlier attributions, and sorting every earlier attribution for each
    source made a document's resolution quadratic in its number of attributions. The stage
    keeps one instance and :meth:`add` s each attribution once its source is resolved (binary
    search insertion, same order as re-sorting the prefix), instead of re-sorting all earlier
    attributions for every source."""

    __slots__ = ("_items", "_sorted", "_keys")

    def __init__(self, previous=None):
        self._items = previous or []
        self._sorted = None
        self._keys = None

    def _materialize(self) -> list:
        if self._sorted is None:
            self._sorted = sorted(self._items, key=_cue_start, reverse=True)
            # ascending keys of the latest-first order: later cue first, ties in insertion order
            self._keys = [(-a.cue.start, n) for n, a in enumerate(self._sorted)]
        return self._sorted

    def add(self, attribution) -> None:
        """Insert ``attribution`` after all earlier ones with the same cue start (stable)."""
        items = self._materialize()
        key = (-attribution.cue.start, len(items))
        i = bisect.bisect_left(self._keys, key)
        self._keys.insert(i, key)
        items.insert(i, attribution)

    def __iter__(self):
        return iter(self._materialize())


def _cue_start(a) -> int:
    return a.cue.start


def _latest_first(previous) -> _LatestFirst:
    """``previous`` as a :class:`_LatestFirst` (an instance is used as it is)."""
    return previous if isinstance(previous, _LatestFirst) else _LatestFirst(previous)


def resolve_source(result, doc, start: int, end: int, previous: list[Attribution] | None = None):
    """The entity id for a source span ``[start, end)`` (chars), or None, with a reason.

    Order: a mention overlapping the span (``entity_at``; the entities stage attaches pronoun
    and nominal mentions); for a pronoun ("he", "she", "they", "it") the nearest earlier
    attribution source of a fitting type, else the nearest earlier entity mention of that type
    (PERSON for he/she); for a definite description ("the ministry", "the agency") the nearest
    earlier entity whose name or mention contains its head noun. Returns ``(entity_id | None,
    reason)``.
    """
    span_text = result.text[start:end]
    plural = plural_generic(span_text)
    entity = result.entity_at(start, end)
    generic = definite_generic(span_text)
    if generic is not None:
        # "the army", "the ministry": only an entity named with that head noun in this or the
        # previous paragraph, whatever mention grouping the entities stage made
        prev = _latest_first(previous)
        return _resolve_generic(result, start, end, generic, plural, prev)
    if entity is not None:
        words0 = span_text.split()
        if len(words0) >= 2 and words0[0].lower() in _POSSESSIVE_PRONOUNS and not any(
                m.start >= start + len(words0[0]) and m.end <= end for m in entity.mentions):
            # "his office said", "her spokesman said": the possessor's office or aide, not the
            # possessor (only the pronoun is a mention of that entity); a name after it is the
            # source ("his spokesman Dmitry Peskov")
            rest = start + span_text.index(words0[1])
            other = result.entity_at(rest, end)
            if other is not None and other.id != entity.id:
                return other.id, "mention"
            return None, "possessive:not-the-owner"
        if plural and entity.type == "PERSON":
            # "local officials", "residents": a group, never one person (whatever mention
            # grouping the entities stage made)
            return None, "plural:not-a-person"
        return entity.id, "mention"
    words = span_text.lower().split()
    if not words:
        return None, "empty"
    prev = _latest_first(previous)
    if len(words) == 1 and words[0] in ("it", "they"):
        return _resolve_it_they(result, doc, start, words[0], prev)
    if len(words) == 1 and words[0] in _PRONOUNS:
        want = _PRONOUNS[words[0]]
        plural_pronoun = words[0] == "they"

        def fits(ent) -> bool:
            if plural_pronoun and ent.type == "PERSON":
                return False  # "they" is a group, not one person
            return want is None or ent.type == want or (want == "ORG" and ent.type in ("ORG", "GPE", "NORP"))

        for a in prev:
            if a.cue.start >= start or a.source is None or a.source.entity is None:
                continue
            ent = result.entity(a.source.entity)
            if ent is not None and fits(ent):
                return ent.id, "pronoun:previous-source"
        # the mention with the latest end <= start (ties: the first in entity, mention order):
        # walk the sorted mention index back from ``start``; a mention starting before
        # best_end - longest cannot end at best_end or later, so the walk stops there
        rows, starts, longest = result._mention_rows()
        best, best_key = None, None
        fit: dict[int, bool] = {}
        for r in range(bisect.bisect_right(starts, start) - 1, -1, -1):
            m_start, m_end, ei, mi, ent = rows[r]
            if best_key is not None and m_start + longest < best_key[0]:
                break
            if m_end > start:
                continue
            ok = fit.get(ei)
            if ok is None:
                ok = fit[ei] = fits(ent)
            key = (m_end, -ei, -mi)
            if ok and (best_key is None or key > best_key):
                best, best_key = ent.id, key
        if best is not None:
            return best, "pronoun:nearest-entity"
        return None, "pronoun:unresolved"
    if words[0] in ("the", "this", "that") and len(words) <= 3:
        head = re.sub(r"[^a-z-]", "", words[-1])
        best = None
        for ent in result.entities:
            if plural and ent.type == "PERSON":
                continue
            names = [ent.name.lower()] + [m.text.lower() for m in ent.mentions if m.end <= start]
            if any(re.search(r"\b" + re.escape(head) + r"\b", n) for n in names):
                ends = [m.end for m in ent.mentions if m.end <= start]
                if ends and (best is None or max(ends) > best[0]):
                    best = (max(ends), ent.id)
        if best is not None:
            return best[1], "nominal:head-match"
        if head in ("official", "spokesman", "spokeswoman", "spokesperson", "president", "minister",
                    "governor", "mayor", "commander", "leader", "chief"):
            for a in prev:
                if a.cue.start < start and a.source is not None and a.source.entity:
                    ent = result.entity(a.source.entity)
                    if ent is not None and ent.type == "PERSON":
                        return ent.id, "nominal:previous-person"
    return None, "unresolved"


_DETERMINERS = ("the", "this", "that")
_POSSESSIVE_PRONOUNS = frozenset("his her their its my our your".split())


def definite_generic(span_text: str) -> str | None:
    """The head noun of a definite generic source ("the army" -> "army", "the defence
    ministry" -> "ministry", "The ministry" -> "ministry"): a determiner "the/this/that" and one
    to three lower-case words. None for a name ("the Kremlin", "The Red Cross") or anything else."""
    words = re.findall(r"[\w’'-]+", span_text)
    if not 2 <= len(words) <= 4 or words[0].lower() not in _DETERMINERS:
        return None
    rest = words[1:]
    if not all(w.islower() and w.replace("-", "").isalpha() for w in rest):
        return None
    return rest[-1]


def _paragraph_index(text: str, pos: int) -> int:
    """Number of paragraph breaks (runs of line breaks with the white space between them)
    before char ``pos``: the paragraph index of ``pos`` (see :func:`paragraphs`). The break
    offsets are cached per text."""
    return bisect.bisect_left(_paragraph_breaks(text), pos)


def _paragraph_breaks(text: str) -> list[int]:
    """Start offsets of the paragraph breaks of ``text`` (cached per text)."""
    entry = _BREAKS_CACHE.get("entry")
    if entry is None or entry[0] is not text:
        entry = (text, [m.start() for m in re.finditer(r"\n\s*", text)])
        _BREAKS_CACHE["entry"] = entry  # one tuple: safe when threads share the module
    return entry[1]


_BREAKS_CACHE: dict = {}


#: Longest look-back (chars) of a definite generic source ("the governor said") when the
#: current and previous paragraph are longer: a text without line breaks is one paragraph, and
#: scanning every earlier mention for each source made resolution quadratic in the text length.
#: 4,000 characters is about 25 news sentences, far more than the antecedent distance of a
#: definite description in a normal paragraph (our choice; PolNeAR dev unchanged with it).
GENERIC_WINDOW_CHARS = 4000
_SENTENCE_END = re.compile(r"[.!?][”\"’']?\s+")

_PERSON_TITLES = {"official", "spokesman", "spokeswoman", "spokesperson", "president", "minister",
                  "governor", "mayor", "commander", "leader", "chief"}


def _resolve_generic(result, start: int, end: int, head: str, plural: bool, prev=()) -> tuple[str | None, str]:
    """Entity for a definite generic source with head noun ``head`` at chars ``[start, end)``: the
    entity with the latest mention (ending before ``start``) in the same or the previous
    paragraph whose text contains the head noun as a word, or whose name does ("the ministry"
    after "Ukraine's Ministry for Reintegration ... said" in the paragraph before). An entity
    named only further back, or under another head ("the army" vs "Russia's armed forces"),
    gives ``(None, "nominal:unresolved")``: the source keeps its own text, unless the phrase
    itself introduces its entity (no earlier mention: "The army said ..." opening a story, the
    entities stage grouping the later "the army" with it). PERSON entities are
    skipped for a plural head ("the officials"). A person's title without a head match ("the
    spokesman") takes the nearest earlier PERSON source in that window. When the two
    paragraphs are longer than :data:`GENERIC_WINDOW_CHARS` (a text without line breaks), the
    window is their last sentences within that many characters. ``prev``: earlier
    attributions, latest first."""
    text = result.text
    k = _paragraph_index(text, start)
    rx = re.compile(r"\b" + re.escape(head.lower()) + r"s?\b")
    title_rx = re.compile(r"\b" + re.escape(head.lower()) + r"\s+$")
    # Only mentions starting in paragraph k-1 or later and ending by ``start`` can match: scan
    # that window of the document's mention index (sorted by start) instead of every mention.
    breaks = _paragraph_breaks(text)
    lo = breaks[k - 2] + 1 if k >= 2 else 0  # first offset whose paragraph index is >= k - 1
    if start - lo > GENERIC_WINDOW_CHARS:
        # a very long paragraph (one-line text without breaks): the last sentences only, from
        # the first sentence start in the last GENERIC_WINDOW_CHARS characters
        cut = start - GENERIC_WINDOW_CHARS
        m_end = _SENTENCE_END.search(text, cut, start)
        lo = m_end.end() if m_end else cut
    rows, starts, _ = result._mention_rows()
    best, best_key = None, None
    name_ok: dict[int, bool] = {}
    for m_start, m_end, ei, mi, ent in rows[bisect.bisect_left(starts, lo):bisect.bisect_right(starts, start)]:
        if m_end > start or (plural and ent.type == "PERSON"):
            continue
        ok = name_ok.get(ei)
        if ok is None:
            ok = name_ok[ei] = bool(rx.search(ent.name.lower()))
        m = ent.mentions[mi]
        title = text[max(0, m.start - 40):m.start].lower()
        if not (ok or rx.search(m.text.lower()) or title_rx.search(title)):
            continue  # ("Governor Petro Hnatiuk": the title right before the name counts)
        if k - _paragraph_index(text, m.start) > 1:
            continue
        key = (m.end, -ei, -mi)  # the latest end; ties: the first in entity, mention order
        if best_key is None or key > best_key:
            best, best_key = ent.id, key
    if best is not None:
        return best, "nominal:head-match"
    own = result.entity_at(start, end)
    if own is not None and not (plural and own.type == "PERSON") and \
            all(m.start >= start for m in own.mentions):
        return own.id, "nominal:first-mention"  # the entity is introduced by this phrase
    if head in _PERSON_TITLES:
        for a in prev:
            if a.cue.start < lo:
                break  # latest first: every later one is further back, out of the window too
            if a.cue.start < start and a.source is not None and a.source.entity \
                    and k - _paragraph_index(text, a.cue.start) <= 1:
                ent = result.entity(a.source.entity)
                if ent is not None and ent.type == "PERSON":
                    return ent.id, "nominal:previous-person"
    return None, "nominal:unresolved"


def _sentence_window_start(result, doc, start: int) -> int:
    """Char offset where the sentence before the one holding char ``start`` begins (the same
    sentence when it is the first): the window for it/they antecedents. Uses the parse's
    sentences when ``doc`` is given, else a split after . ! ? followed by white space."""
    if doc is not None:
        toks = _tokens_in(doc, start, start + 1)
        if toks:
            sent = toks[0].sent
            if sent.start > 0:
                return doc[sent.start - 1].sent.start_char
            return sent.start_char
    bounds = [0] + [m.end() for m in re.finditer(r"[.!?][”\"’']?\s+", result.text[:start])]
    return bounds[-2] if len(bounds) >= 2 else bounds[-1]


_MODIFIER_DEPS = {"amod", "compound", "npadvmod", "nmod"}


def _resolve_it_they(result, doc, start: int, pronoun: str, prev) -> tuple[str | None, str]:
    """Entity for a pronoun source "it"/"they" at char ``start``: among the ORG/GPE (and NORP
    for "they") entity mentions ending before it in the same or the previous sentence, the
    nearest that is a subject or a possessor, or lies inside the subject's phrase (Russia's
    hold on land "it claims" as annexed -> Russia; "Proponents, including
    the Conference of Mayors, have urged Congress ..., although they say" -> the Conference),
    else the nearest that is no modifier ("Russian troops": the
    adjective is not the antecedent), else the source of the nearest earlier attribution in
    that window. Never a PERSON. ``(None, "pronoun:unresolved")`` when nothing fits."""
    types = ("ORG", "GPE") if pronoun == "it" else ("ORG", "GPE", "NORP")
    lo = _sentence_window_start(result, doc, start)
    subjects, others = [], []
    # mentions starting in [lo, start] (the sorted mention index), not every mention: the
    # maxima below do not depend on the order of the candidates
    rows, starts, _ = result._mention_rows()
    for _, _, _, mi, ent in rows[bisect.bisect_left(starts, lo):bisect.bisect_right(starts, start)]:
        if ent.type not in types:
            continue
        for m in (ent.mentions[mi],):
            if not (lo <= m.start and m.end <= start):
                continue
            role = "other"
            if doc is not None:
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is not None:
                    root = span.root
                    if root.dep_ in _MODIFIER_DEPS:
                        role = "modifier"
                    else:
                        # the subject or a possessor, or a name inside the subject's phrase
                        # ("Proponents, including the Conference of Mayors, ... they say")
                        cur = root
                        for _ in range(8):
                            if cur.dep_ in ("nsubj", "nsubjpass", "poss"):
                                role = "subject"
                                break
                            if cur.head is cur or cur.head.pos_ in ("VERB", "AUX") and cur.head.dep_ != "prep":
                                break  # ("including" is a preposition here)
                            cur = cur.head
            if role == "subject":
                subjects.append((m.end, ent.id))
            elif role == "other":
                others.append((m.end, ent.id))
    if subjects:
        return max(subjects)[1], "pronoun:subject"
    if others:
        return max(others)[1], "pronoun:nearest-entity"
    for a in prev:
        if lo <= a.cue.start < start and a.source is not None and a.source.entity:
            ent = result.entity(a.source.entity)
            if ent is not None and ent.type in types:
                return ent.id, "pronoun:previous-source"
    return None, "pronoun:unresolved"


_PLURAL_NOUNS = {"people", "police", "personnel", "staff", "militia", "media", "authorities", "troops",
                 "forces", "residents", "officials", "sources", "witnesses", "locals", "villagers"}
_SINGULAR_S = ("ss", "us", "is", "'s", "’s", "ics")


def plural_generic(span_text: str) -> bool:
    """True if a source span is a plural common noun phrase ("officials", "local officials",
    "Ukrainian officials", "residents", "the police"): its last word is a lower-case plural
    noun (English ``-s`` plural or a listed collective). Such a source names a group and is
    never resolved to a PERSON entity."""
    words = re.findall(r"[\w’'-]+", span_text)
    if not words:
        return False
    last = words[-1]
    if len(words) == 1 and last[:1].isupper():
        return last.lower() in _PLURAL_NOUNS  # sentence-initial "Residents", not a surname "Saunders"
    if not last.islower() or not last.isalpha():
        return False
    if last in _PLURAL_NOUNS:
        return True
    return last.endswith("s") and not last.endswith(_SINGULAR_S) and len(last) > 3 and last not in _PRONOUNS


def _resolve_head_then_span(result, doc, head, span, previous):
    if span is not None and definite_generic(result.text[span[0]:span[1]]) is not None:
        return resolve_source(result, doc, span[0], span[1], previous)[0]  # "the army": its own rule
    if head is not None:
        ent_id, why = resolve_source(result, doc, head[0], head[1], previous)
        if ent_id is not None:
            return ent_id
    if span is not None:
        return resolve_source(result, doc, span[0], span[1], previous)[0]
    return None


# ----------------------------------------------------------------------------- factuality
def _content_factuality(doc, draft: _Draft) -> tuple[str, str] | None:
    """Factuality read off the content clause (negation, modality, inline hedges)."""
    if draft.content_root is None:
        toks = _tokens_in(doc, draft.content[0], draft.content[1])
        roots = [t for t in toks if t.head.i == t.i or not (draft.content[0] <= t.head.idx < draft.content[1])]
        root = roots[0] if roots else None
    else:
        root = doc[draft.content_root]
    if root is None:
        return None
    kids = list(root.children)
    if any(c.dep_ == "neg" for c in kids):
        return "negated", "content:negation"
    toks = _tokens_in(doc, draft.content[0], draft.content[1])
    if any(t.lower_ in _INLINE_HEDGES for t in toks):
        return "unconfirmed", "content:inline-hedge"
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in kids) or \
            any(c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in c.children) for c in kids):
        return "hypothetical", "content:conditional"
    aux = {c.lower_ for c in kids if c.dep_ in ("aux", "auxpass")}
    if aux & _MODAL_HYPO:
        return "hypothetical", "content:modal"
    if aux & _MODAL_EXPECTED:
        return "expected", "content:future"
    if root.lemma_.lower() in _EXPECT_HEADS and any(c.dep_ == "xcomp" for c in kids) or \
            (root.lower_ == "due" and any(c.dep_ == "xcomp" for c in kids)):
        return "expected", "content:planned"
    if root.lemma_.lower() == "be" and any(c.lower_ == "due" and c.dep_ in ("acomp", "attr") for c in kids):
        return "expected", "content:planned"
    if any(c.dep_ in ("acomp",) and c.lower_ == "due" for c in kids):
        return "expected", "content:planned"
    return None


def _stronger(a: str, b: str) -> str:
    return a if FACTUALITY_ORDER.index(a) <= FACTUALITY_ORDER.index(b) else b


# ----------------------------------------------------------------------------- paragraphs & hedges
def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans ``[start, end)``: text between line breaks (one or more ``\\n``)."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        if m.group().strip():
            out.append((m.start(), m.end()))
    return out


def hedge_scopes(doc, attributions: list[Attribution], source_keys: dict[str, str]) -> list[tuple[int, int, str, str]]:
    """Hedge scopes ``(start, end, "unconfirmed", "hedge:<phrase>")`` by the rule of the module
    docstring. ``source_keys`` maps attribution id -> a key naming its source (entity id or head
    noun) used to extend the scope over a claimant's run of paragraphs."""
    text = doc.text
    paras = paragraphs(text)
    scopes = []
    for sent in doc.sents:
        m = HEDGE_PATTERNS.search(sent.text)
        if not m:
            continue
        s0 = sent.start_char
        if _own_claim_hedge(sent, sent.start_char + m.start(), attributions):
            # "X said it had struck targets, a claim that could not be verified": the hedge is a
            # comment on its own sentence's claim, not on the sentences before it
            scopes.append((s0, s0 + m.start(), "unconfirmed", "hedge:" + m.group(0).lower()))
            continue
        k = next((n for n, (a, b) in enumerate(paras) if a <= s0 < b), None)
        if k is None:
            continue
        start = paras[k][0]
        opens = not text[start:s0].strip()
        if k > 0 and opens:
            # a hedge opening its paragraph ("There was no immediate confirmation ...") looks
            # back; one after claims in its paragraph covers that paragraph only
            start = paras[k - 1][0]
            keys = {source_keys[a.id] for a in attributions
                    if start <= a.cue.start < s0 and source_keys.get(a.id)}
            j = k - 2
            while j >= 0 and keys:
                pa, pb = paras[j]
                here = {source_keys[a.id] for a in attributions if pa <= a.cue.start < pb and source_keys.get(a.id)}
                if not (here & keys):
                    break
                start = pa
                keys |= here
                j -= 1
        if start < s0:
            scopes.append((start, s0, "unconfirmed", "hedge:" + m.group(0).lower()))
    return scopes


def _own_claim_hedge(sent, at: int, attributions: list[Attribution]) -> bool:
    """True when the hedge phrase at char ``at`` sits in a relative clause of a noun ("a claim that
    could not be verified", "..., which could not be confirmed") in a sentence that holds an
    attribution cue before it: the hedge qualifies that sentence's own claim."""
    if not any(sent.start_char <= a.cue.start < at for a in attributions):
        return False
    tok = next((t for t in sent if t.idx <= at < t.idx + len(t.text) + 1), None)
    while tok is not None and tok.head.i != tok.i:
        if tok.dep_ == "relcl":
            return True
        tok = tok.head
    return False


# ----------------------------------------------------------------------------- channel
def _channel(text: str, draft: _Draft) -> str | None:
    lo = min(draft.cue[0], draft.source[0] if draft.source else draft.cue[0])
    hi = max(draft.cue[1], draft.source[1] if draft.source else draft.cue[1])
    s0, s1 = draft.sent
    # the cue clause: the sentence outside the content span
    pieces = []
    if draft.content[0] > s0:
        pieces.append(text[s0:draft.content[0]])  # "In a statement, the army said ..."
    if draft.content[1] < s1:
        pieces.append(text[draft.content[1]:s1])
    pieces.append(text[draft.cue[0]:draft.cue[1]])
    if draft.content[0] < draft.cue[0] < draft.content[1]:
        # a split quotation holds the cue clause: "“...,” the minister said at a news
        # conference. “...”" -> the rest of the cue's sentence
        pieces.append(text[draft.cue[0]:s1])
    clause = " ".join(pieces)
    for via in draft.via:
        clause += " " + text[via[0]:via[1]]
    for label, rx in CHANNELS:
        if label == "news agency":
            continue
        if rx.search(clause):
            return label
    names = " ".join(text[v[0]:v[1]] for v in draft.via) + " " + (text[draft.source[0]:draft.source[1]] if draft.source else "")
    if re.search(r"\bnews agency\b", names, re.I) or re.search(
            r"\b(tass|ria|ria novosti|interfax|reuters|afp|ap|associated press|xinhua|ukrinform|unian|anadolu|yonhap|kyodo|wafa|irna|sana|kcna)\b",
            names.lower()):
        return "news agency"  # not any "agency": "the UN refugee agency" is no news agency
    return None


_CUE_LEFT_DEPS = {"aux", "auxpass", "neg", "advmod"}


def verb_group_cue(doc, cue: tuple[int, int], content: tuple[int, int]) -> tuple[int, int]:
    """PolNeAR's cue extent for a verbal cue: the verb with the auxiliaries, negation and
    adverbs right before it ("has also said", "did not say", "is calling for") and a colon
    right after it ("said:"), as in the PolNeAR annotation guidelines (the cue is the verb
    group). ``cue`` and ``content`` are char spans; returns the widened cue span. The
    pipeline keeps the verb alone; ``eventcoder eval attribution`` scores this extent."""
    toks = _tokens_in(doc, cue[0], cue[1])
    if not toks or toks[0].pos_ not in ("VERB", "AUX"):
        return cue
    verb = toks[0]
    lo, i = verb.i, verb.i - 1
    while i >= verb.sent.start:
        t = doc[i]
        if t.head.i == verb.i and t.dep_ in _CUE_LEFT_DEPS and t.lower_ not in ("when", "where", "how", "why", "as") \
                and all(q.i >= t.i for q in t.subtree):
            lo, i = i, i - 1
            continue
        break
    start, end = cue
    if lo < verb.i and not (content[0] <= doc[lo].idx < content[1]):
        start = doc[lo].idx
    if end < len(doc.text) and doc.text[end] == ":" and end + 1 <= content[0]:
        end += 1
    return start, end


_CLAUSE_DEPS = {"advcl", "ccomp", "relcl", "parataxis", "acl", "csubj"}


def inline_hedge_scopes(doc) -> list[tuple[int, int, str, str]]:
    """Clause-scoped hedges ``(start, end, "unconfirmed", "inline:<word>")`` for a hedging
    adverb inside a clause ("Russian troops reportedly shelled Mariupol", "allegedly",
    "purportedly", "supposedly", "apparently"): the clause of the verb the adverb modifies, with
    a conjoined verb sharing its subject ("reportedly shelled X and cut Y"), without embedded
    clauses that have a subject or subordinator of their own and without a conjoined clause with
    its own subject ("..., and Ukrainian forces retook Lyman" stays asserted). Also what an
    "unconfirmed/unverified report (account, claim, footage ...)" or a "rumour" is about
    ("unconfirmed reports of shelling", "Rumours spread that rebels had seized the airport"):
    its "of/about" phrase or clause. Several ranges when gaps split a clause; char offsets, end
    exclusive."""
    out = []
    for t in doc:
        if t.lower_ not in _INLINE_HEDGES or t.dep_ not in ("advmod", "npadvmod", "intj"):
            continue
        verb = t.head
        if verb is t:
            continue
        keep, stack = set(), [verb]
        while stack:
            tok = stack.pop()
            keep.add(tok.i)
            for c in tok.children:
                if c.dep_ in _CLAUSE_DEPS and c.pos_ in ("VERB", "AUX") and \
                        any(g.dep_ in ("nsubj", "nsubjpass", "mark", "expl") for g in c.children):
                    continue
                if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children):
                    continue
                if c.dep_ == "cc" and tok is verb and any(
                        g.dep_ == "conj" and any(h.dep_ in ("nsubj", "nsubjpass") for h in g.children) for g in tok.children):
                    continue  # the "and" before an excluded clause
                stack.append(c)
        out.extend(_runs(doc, keep, "inline:" + t.lower_))
    for t in doc:
        # "unconfirmed reports of shelling", "rumours that rebels had seized the airport": what
        # the report or rumour is about
        if t.pos_ not in ("NOUN", "PROPN"):
            continue
        hedged = any(c.dep_ == "amod" and c.lower_ in _UNCONFIRMED_ADJ for c in t.children) and \
            t.lemma_.lower() in _REPORT_NOUNS
        if not hedged and t.lemma_.lower() not in ("rumour", "rumor"):
            continue
        keep = set()
        for c in t.children:
            if c.i > t.i and (c.dep_ in ("acl", "ccomp", "relcl") or c.dep_ == "prep" and c.lower_ in ("of", "about")):
                keep |= {g.i for g in c.subtree}
        if t.dep_ in ("nsubj", "nsubjpass") and t.head.pos_ == "VERB":  # "Rumours spread that ..."
            for c in t.head.children:
                if c.dep_ == "ccomp" and c.i > t.head.i:
                    keep |= {g.i for g in c.subtree}
        if keep:
            out.extend(_runs(doc, keep, "inline:" + ("unconfirmed-" if hedged else "") + t.lemma_.lower()))
    return out


_UNCONFIRMED_ADJ = {"unconfirmed", "unverified", "uncorroborated"}
_REPORT_NOUNS = {"report", "account", "claim", "allegation", "rumour", "rumor", "footage", "video", "image"}


def _runs(doc, keep: set[int], reason: str) -> list[tuple[int, int, str, str]]:
    """Contiguous char ranges ``(start, end, "unconfirmed", reason)`` of token indices ``keep``
    (trailing punctuation dropped)."""
    out = []
    if not keep:
        return out
    idx = sorted(keep)
    runs, lo, prev = [], idx[0], idx[0]
    for i in idx[1:]:
        if i != prev + 1:
            runs.append((lo, prev))
            lo = i
        prev = i
    runs.append((lo, prev))
    for a, b in runs:
        toks = [x for x in doc[a:b + 1] if not x.is_space]
        while toks and toks[-1].is_punct:
            toks.pop()
        if toks:
            out.append((toks[0].idx, toks[-1].idx + len(toks[-1].text), "unconfirmed", reason))
    return out


def _sentences_before(doc, lo: int, hi: int) -> list:
    """Sentences of ``doc`` lying in chars ``[lo, hi)``, latest first."""
    toks = _tokens_in(doc, lo, hi)
    sents, seen = [], set()
    for t in toks:
        s = t.sent
        if s.start not in seen and not t.is_space:
            seen.add(s.start)
            sents.append(s)
    return [s for s in reversed(sents) if s.start_char >= lo and s.end_char <= hi + 1]


# ----------------------------------------------------------------------------- main
def extract_attributions(doc, result, profile: str = "news",
                         verb_group: bool = False) -> tuple[list[Attribution], dict]:
    """Attributions of ``doc`` (spaCy Doc of ``result.text``) with sources resolved against
    ``result.entities``; returns ``(attributions, notes)`` where notes is the dict published as
    ``analysis.notes["attributions"]`` (see module docstring). ``profile`` is a key of
    :data:`PROFILES`. ``verb_group`` widens verbal cues to PolNeAR's extent
    (:func:`verb_group_cue`: "has also said", "said:"); the pipeline keeps the verb alone."""
    text = doc.text
    drafts = _find_drafts(doc, profile)
    quotes = find_quotes(text)
    drafts.sort(key=lambda d: d.cue[0])
    # drop duplicates on one cue
    seen, unique = set(), []
    for d in drafts:
        if d.cue in seen:
            continue
        seen.add(d.cue)
        unique.append(d)
    # a cue inside a quotation that is another attribution's content is the quoted speaker's
    # own wording ("“We suggested ...,” Saldo said"), not a new attribution
    drafts = unique

    # quotations: take a touched quotation whole; quote kind
    kinds = {}
    q_starts = [q0 for q0, _ in quotes]
    longest = max((q1 - q0 for q0, q1 in quotes), default=0)
    for d in drafts:
        c0, c1 = d.content
        kind = "indirect"
        near = quotes[bisect.bisect_left(q_starts, c0 - longest - 2):bisect.bisect_right(q_starts, c1 + 2)]
        for q0, q1 in near:
            if q0 <= d.cue[0] < q1:
                continue  # the cue itself is quoted: leave it
            if q0 < c1 and c0 < q1:
                if q0 - 1 <= c0 and c1 <= q1 + 1 or (c0 <= q0 + 1 and q1 - 1 <= c1 and
                                                      len(text[c0:c1].strip(_QUOTE_CHARS + " ,.")) <= (q1 - q0) + 2):
                    c0, c1 = min(c0, q0), max(c1, q1)
                    kind = "direct"
                elif c0 <= q0 and q1 <= c1:
                    kind = "mixed" if kind == "indirect" else kind
                else:
                    c0, c1 = min(c0, q0), max(c1, q1)
                    kind = "direct" if kind != "mixed" else kind
        # a quotation split by its cue: "“Your Honor,” I said, “I would like ...”" -> one
        # content span from the first mark to the last (it then holds the cue, as PolNeAR's
        # discontinuous content does)
        if kind == "direct" and c1 <= d.cue[0]:
            clause_end = max(d.cue[1], d.source[1] if d.source else d.cue[1])
            nxt = next(((q0, q1) for q0, q1 in quotes[bisect.bisect_left(q_starts, clause_end):][:1] if q0 >= clause_end
                        and not text[clause_end:q0].strip(" ,:\t") and q0 - clause_end <= 3), None)
            if nxt is not None:
                c1 = nxt[1]
            else:
                # "“We will respond,” the minister said at a news conference. “The enemy will
                # pay.”": a quotation standing alone as the next sentence of the paragraph
                # continues the same speaker
                s_end = d.sent[1]
                after = quotes[bisect.bisect_left(q_starts, s_end):][:1]
                if after and after[0][0] - s_end <= 2 and "\n" not in text[s_end:after[0][0]]:
                    tail = text[after[0][1]:after[0][1] + 2].lstrip(" ")
                    if not tail or tail[0] == "\n" or tail[0].isupper() or tail[0] in "“\"":
                        c1 = after[0][1]
        d.content = (c0, c1)
        kinds[id(d)] = kind
        if kind != "direct" and "\n" in text[c0:c1]:
            # an unquoted content never crosses a paragraph break (spaCy may merge a headline
            # with the first sentence): keep the cue's paragraph side
            if c1 <= d.cue[0]:
                c0 = max(c0, text.rfind("\n", c0, c1) + 1)
            elif c0 >= d.cue[1]:
                nl = text.find("\n", c0, c1)
                c1 = nl if nl > c0 else c1
        while c1 > c0 and text[c1 - 1].isspace():
            c1 -= 1  # a trailing paragraph break of the clause's subtree
        while c0 < c1 and text[c0].isspace():
            c0 += 1
        d.content = (c0, c1)
        if verb_group and d.lemma not in (":", "according to") and d.category != "nominal":
            d.cue = verb_group_cue(doc, d.cue, d.content)

    # a cue inside a quotation is the quoted speaker's own wording ("“We suggested ...,” Saldo
    # said"; "“I think he is right,” she said"): the quotation is one attribution's content
    if quotes:  # inside some quote q0 < x < q1: the furthest end of the quotes opening before x
        by_open = sorted(quotes)
        q_opens = [q0 for q0, _ in by_open]
        reach, far = [], None
        for _, q1 in by_open:
            far = q1 if far is None or q1 > far else far
            reach.append(far)
        drafts = [d for d in drafts
                  if not ((n := bisect.bisect_left(q_opens, d.cue[0])) and reach[n - 1] > d.cue[0])]

    # a present-tense media relay closing a paragraph ("..., Reuters reports.") governs its own
    # clause and, going back, the sentences of its paragraph that have no attributed speaker of
    # their own (PARC/PolNeAR: a relay attaches to the content it governs); a sentence with its
    # own cue and source ("Zelenskiy said ...") stops it
    paras = paragraphs(text)
    para_starts = [a for a, _ in paras]
    doc_tag = {t.idx: t.tag_ for t in doc}
    for outer in drafts:
        if not (outer.trailing and outer.source is not None and outer.lemma == "report"):
            continue  # a past "Tass reported" reports one claim (its content nesting gives the relay)
        if doc_tag.get(outer.cue[0]) not in ("VBZ", "VBP"):
            continue
        if not _is_media(text[outer.source[0]:outer.source[1]], text[outer.source_head[0]:outer.source_head[1]] if outer.source_head else ""):
            continue
        k = bisect.bisect_right(para_starts, outer.cue[0]) - 1
        para = paras[k] if k >= 0 and paras[k][0] <= outer.cue[0] < paras[k][1] else None
        if para is None or text[outer.sent[1]:para[1]].strip():
            continue  # not the paragraph's last sentence
        start = outer.content[0]
        for sent in _sentences_before(doc, para[0], outer.sent[0]):
            if any(d is not outer and d.source is not None and (
                    sent.start_char <= d.cue[0] < sent.end_char
                    or d.content[0] < sent.end_char and sent.start_char < d.content[1])  # a quotation continued
                   for d in drafts):
                break
            start = sent.start_char
        if start < outer.content[0] and text[start:outer.content[0]].strip():
            outer.content = (start, outer.content[1])
    # relays: content holding another cue
    cue_starts = [d.cue[0] for d in drafts]
    for outer in drafts:
        if not outer.relay or outer.source is None:
            continue
        for inner in drafts[bisect.bisect_left(cue_starts, outer.content[0]):bisect.bisect_right(cue_starts, outer.content[1])]:
            if inner is outer:
                continue
            if outer.content[0] <= inner.cue[0] and inner.cue[1] <= outer.content[1]:
                if outer.source not in inner.via:
                    inner.via.append(outer.source)

    # factuality from cue and content
    for d in drafts:
        effect = CUE_EFFECT.get(d.category)
        fact, reason = "asserted", ""
        if effect:
            fact, reason = effect, f"cue:{d.lemma}"
        cue_tok = next(iter(_tokens_in(doc, d.cue[0], d.cue[1])), None)
        if cue_tok is not None and any(c.dep_ == "neg" for c in cue_tok.children):
            # "did not say", "did not confirm": the claim is not asserted by the source
            fact, reason = ("unconfirmed", f"cue:not-{d.lemma}") if d.category != "deny" else ("asserted", "cue:not-deny")
        if d.source is None and d.lemma in _HEARSAY_PASSIVES and cue_tok is not None and _is_passive(cue_tok) \
                and _stronger("unconfirmed", fact) == "unconfirmed":
            # "is said to have", "is believed to have", "is reported to": hearsay, no claimant
            fact, reason = "unconfirmed", f"cue:passive-{d.lemma}"
        if d.source is not None and _UNCONFIRMED_SOURCE.search(text[d.source[0]:d.source[1]]) \
                and _stronger("unconfirmed", fact) == "unconfirmed":
            fact, reason = "unconfirmed", "source:unconfirmed"  # "according to unconfirmed reports"
        cf = _content_factuality(doc, d)
        if cf is not None and _stronger(cf[0], fact) == cf[0]:
            fact, reason = cf
        d.factuality, d.reason = fact, reason

    # build records
    attributions: list[Attribution] = []
    for n, d in enumerate(drafts, 1):
        attributions.append(Attribution(
            id=f"A{n}",
            cue=Span(d.cue[0], d.cue[1], text[d.cue[0]:d.cue[1]]),
            content=Span(d.content[0], d.content[1], text[d.content[0]:d.content[1]]),
            source=None, via=[], quote=kinds[id(d)], channel=None, factuality=d.factuality,
        ))
    # sources resolved in order so pronouns can use earlier sources
    earlier = _LatestFirst()  # the attributions before this one, latest cue first, grown one by one
    for a, d in zip(attributions, drafts):
        if d.source is not None:
            ent = _resolve_head_then_span(result, doc, d.source_head, d.source, earlier)
            a.source = SourceRef(d.source[0], d.source[1], text[d.source[0]:d.source[1]], ent)
        for v in d.via:
            ent = _resolve_head_then_span(result, doc, None, v, [])
            a.via.append(SourceRef(v[0], v[1], text[v[0]:v[1]], ent))
        a.channel = _channel(text, d)
        earlier.add(a)

    # hedge scope
    keys = {}
    for a, d in zip(attributions, drafts):
        if a.source is None:
            continue
        if a.source.entity:
            keys[a.id] = a.source.entity
        elif d.source_head:
            head_text = text[d.source_head[0]:d.source_head[1]].lower()
            keys[a.id] = "head:" + head_text
    # nominal "the ministry" matches an earlier full name holding "Ministry"
    for n, a in enumerate(attributions):
        k = keys.get(a.id, "")
        if k.startswith("head:"):
            rx = re.compile(r"\b" + re.escape(k[5:]) + r"\b")
            for b in attributions[max(0, n - 40):n]:  # the claimant named shortly before
                if b.source is not None and b.id in keys and rx.search(b.source.text.lower()):
                    keys[a.id] = keys[b.id]
    scopes = hedge_scopes(doc, attributions, keys)
    reasons = {}
    for a, d in zip(attributions, drafts):
        reasons[a.id] = d.reason
        for s0, s1, fact, why in scopes:
            if s0 <= a.cue.start < s1 or s0 <= a.content.start < s1:
                if _stronger("unconfirmed", a.factuality) == "unconfirmed":
                    a.factuality = "unconfirmed"
                    reasons[a.id] = why
    hedges = list(scopes) + inline_hedge_scopes(doc)
    for a in attributions:
        if a.factuality != "asserted":
            hedges.append((a.content.start, a.content.end, a.factuality, reasons[a.id] or "cue"))
    claims = sorted(((a.content.start, a.content.end, a.id, a.factuality) for a in attributions),
                    key=lambda c: (c[1] - c[0], c[0]))
    return attributions, {"hedges": hedges, "claims": claims}


def run(analysis) -> None:
    """Add attributions to ``analysis.result.attributions`` and publish
    ``analysis.notes["attributions"]`` (hedges, claims)."""
    attributions, notes = extract_attributions(analysis.doc, analysis.result)
    analysis.result.attributions.extend(attributions)
    analysis.notes[NAME] = notes
