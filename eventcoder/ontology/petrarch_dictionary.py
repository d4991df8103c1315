"""User-supplied CAMEO dictionaries in PETRARCH/TABARI format: parsers and a matcher on the spaCy parse.

Conflict researchers keep their own verb, actor and agent dictionaries in the flat-text format of
PETRARCH (openeventdata/petrarch2, "PETRARCH Dictionary Formats", petrarch2.readthedocs.io), which
inherits it from TABARI (TABARI 0.8 manual, P. A. Schrodt). This module reads those files and codes
a sentence with them; the events stage uses it when ``Settings.cameo_dictionary`` is set.

Verb dictionary (what is read):

- comments: ``# ...`` to the end of the line (``#`` inside ``[...]`` is part of a code) and
  ``<!-- ... -->`` (also over several lines);
- synsets: a line ``&NAME`` then member lines ``+WORD WORD`` up to a blank line; a member may name
  another synset (``+&OTHER``); a trailing ``_`` on the name is ignored;
- verb blocks: ``--- NAME [code] ---`` (the default code of the block), then verb lines: ``VERB``,
  ``VERB {IRREGULAR FORMS}``, multi-word verbs ``+BREAK_DOWN {+BROKE_DOWN ...}`` or
  ``WIRE_+TAP`` (``+`` marks the inflected word, ``_`` joins adjacent words) and an optional
  ``[code]`` of that verb; then pattern lines ``- WORDS * WORDS [code]`` where ``*`` is the verb,
  ``$`` the source, ``+`` the target, ``%`` a compound actor (the codes apply both ways), ``^``
  skips a noun phrase, ``&NAME`` any phrase of a synset, ``A_B`` adjacent words, and words
  separated by spaces may have other words between them;
- codes: ``[031]``, ``[031:032]`` (source->target 031, target->source 032), ``[---]`` (matches
  but codes nothing). Other strings (``[174K]``) are kept as given.

Actor dictionary: an entry line ``NAME [CODE]`` (``_`` or space between words; a final ``_`` means
the last word must match exactly, otherwise it also matches as a stem: ``ARGENTIN`` ~
"Argentina"), synonym lines ``+NAME``, and code lines ``[CODE]``, ``[CODE <YYMMDD]``,
``[CODE >YYYYMMDD]``, ``[CODE YYYYMMDD-YYYYMMDD]`` chosen by the document date; ``[A/B/C]`` is a
group of several actors. Agent dictionary: ``NAME {PLURALS} [~CODE]`` (``~X`` appended to the
actor code, ``X~`` prepended), ``{}`` = no plural, else ``S`` is added; ``!NAME! = A, B`` defines
a substitution used as ``CONGRESS!PERSON!``.

Matching is our own: a verb token (spaCy POS ``VERB``) whose text is one of the verb's forms, or
whose lemma is the verb, selects the verb's block; every pattern of the block is tried (words
before ``*`` to the left of the verb in the sentence, words after it to the right inside the
verb's subtree) and the pattern with the most literal words matched wins (ties: first listed);
no pattern -> the verb's or block's default code. Negation is not coded here: the events stage's
factuality marks "did not ..." as negated.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from ..errors import Errors, SettingsError

log = logging.getLogger(__name__)

NULL_CODE = "---"
NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
_NP_INNER = frozenset({"det", "amod", "compound", "nummod", "poss", "case", "nmod"})


# ------------------------------------------------------------------ data
@dataclass(frozen=True)
class Element:
    """One element of a verb pattern. ``kind``: word, synset, verb, source, target, skip,
    compound. ``adjacent``: the next element must follow immediately. ``exact``: no stem match
    (always true for pattern words)."""

    kind: str
    value: str = ""
    adjacent: bool = False


@dataclass(frozen=True)
class VerbPattern:
    """A pattern line of a verb block: elements before and after the verb, its code(s)."""

    pre: tuple[Element, ...]
    post: tuple[Element, ...]
    code: str | None
    reverse: str | None
    text: str
    line: int
    verb_adjacent_pre: bool = False  # ``X_*``
    verb_adjacent_post: bool = False  # ``*_X``


@dataclass
class VerbEntry:
    """One verb of a block: its words (upper case), the index of the inflected word, the forms of
    that word, and its own code (None: the block's)."""

    words: tuple[str, ...]
    head: int
    forms: frozenset[str]
    code: str | None
    reverse: str | None
    block: "VerbBlock"

    @property
    def base(self) -> str:
        return self.words[self.head]


@dataclass
class VerbBlock:
    """A ``--- NAME [code] ---`` block: default code, verbs, patterns (in file order)."""

    name: str
    code: str | None
    reverse: str | None
    line: int
    verbs: list[VerbEntry] = field(default_factory=list)
    patterns: list[VerbPattern] = field(default_factory=list)


@dataclass(frozen=True)
class DatedCode:
    """An actor code valid from ``lo`` to ``hi`` (ISO dates, inclusive; None = open)."""

    code: str
    lo: str | None = None
    hi: str | None = None

    def applies(self, date: str | None) -> bool:
        if self.lo is None and self.hi is None:
            return True
        if date is None:
            return False
        return (self.lo is None or date >= self.lo) and (self.hi is None or date <= self.hi)


@dataclass
class ActorEntry:
    """An actor (or agent) phrase: words (upper case), ``stem`` (last word may match as a
    prefix), dated codes (actors) or one agent code with its ``~`` side."""

    words: tuple[str, ...]
    stem: bool
    codes: list[DatedCode]
    line: int

    def code_for(self, date: str | None) -> str | None:
        """The code valid on ``date`` (ISO): restricted codes first, else the unrestricted one."""
        for c in self.codes:
            if (c.lo or c.hi) and c.applies(date):
                return c.code
        for c in self.codes:
            if not (c.lo or c.hi):
                return c.code
        return None


@dataclass(frozen=True)
class VerbMatch:
    """A dictionary verb found in a sentence: token indices (doc positions) of the verb phrase,
    the chosen code (None for ``[---]``), the reverse code, the pattern text (None: default code),
    and the token index of the pattern's source/target noun when ``$``/``+``/``%`` matched."""

    tokens: tuple[int, ...]
    head: int
    verb: str
    block: str
    code: str | None
    reverse: str | None
    pattern: str | None
    source: int | None = None
    target: int | None = None
    compound: bool = False
    literals: int = 0


# ------------------------------------------------------------------ lexical helpers
_CODE_RE = re.compile(r"\[([^\]]*)\]")


def _strip_comment(line: str) -> str:
    """Drop a ``#`` comment, keeping ``#`` inside ``[...]``."""
    depth = 0
    for i, ch in enumerate(line):
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth = max(0, depth - 1)
        elif ch == "#" and depth == 0:
            return line[:i]
    return line


def _clean_lines(text: str) -> Iterable[tuple[int, str]]:
    """(line number, text) without comments; blank lines kept as "" (they end synsets)."""
    in_xml = False
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw
        if in_xml:
            if "-->" in line:
                in_xml = False
                line = line.split("-->", 1)[1]
            else:
                continue
        while "<!" in line:
            before, rest = line.split("<!", 1)
            if "-->" in rest:
                line = before + rest.split("-->", 1)[1]
            elif ">" in rest and "--" not in rest:
                line = before + rest.split(">", 1)[1]
            else:
                line = before
                in_xml = True
                break
        yield number, _strip_comment(line).rstrip()


def _split_code(raw: str | None) -> tuple[str | None, str | None]:
    """``"031:032"`` -> ("031", "032"); ``"---"`` -> (None, None); blanks stripped."""
    if raw is None:
        return None, None
    raw = raw.strip().replace(" ", "")
    if not raw:
        return None, None
    first, _, second = raw.partition(":")
    first = None if first in ("", NULL_CODE) else first
    second = None if second in ("", NULL_CODE) else second
    return first, second


def regular_forms(base: str) -> set[str]:
    """Regular English inflections of an upper-case verb: -S/-ES, -ED/-D, -ING, final Y -> IES/IED,
    doubled final consonant after a single vowel (STOP -> STOPPED)."""
    b = base.upper()
    out = {b, b + "S", b + "ES", b + "ED", b + "ING"}
    if b.endswith("E"):
        out |= {b + "D", b[:-1] + "ING"}
    if b.endswith("Y") and len(b) > 1 and b[-2] not in "AEIOU":
        out |= {b[:-1] + "IES", b[:-1] + "IED"}
    if len(b) >= 3 and b[-1] not in "AEIOUWXY" and b[-2] in "AEIOU" and b[-3] not in "AEIOU":
        out |= {b + b[-1] + "ED", b + b[-1] + "ING"}
    return out


def _phrase_words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s_]+", text.strip().upper()) if w]


# ------------------------------------------------------------------ verb dictionary
def parse_verbs(text: str, where: str = "verbs") -> tuple[list[VerbBlock], dict[str, list[list[str]]]]:
    """Parse a PETRARCH verb dictionary. Returns (blocks, synsets: name -> phrases as word lists,
    nested synsets expanded). Raises ValueError naming the line on a malformed block header or a
    pattern without ``*``."""
    blocks: list[VerbBlock] = []
    raw_synsets: dict[str, list[str]] = {}
    mode = None
    synset = None
    block: VerbBlock | None = None
    pending: list[tuple[int, str, VerbBlock]] = []
    for number, line in _clean_lines(text):
        s = line.strip()
        if not s:
            if mode == "synset":
                mode = None
            continue
        if s.startswith("---"):
            inner = s.strip("-").strip()
            m = _CODE_RE.search(inner)
            if m is None:
                raise ValueError(f"{where} line {number}: verb block header without [code]: {s!r}")
            name = inner[: m.start()].strip().rstrip("_").upper()
            code, reverse = _split_code(m.group(1))
            block = VerbBlock(name=name, code=code, reverse=reverse, line=number)
            blocks.append(block)
            mode = "block"
            continue
        if s.startswith("&"):
            synset = s.split()[0][1:].rstrip("_").upper()
            raw_synsets.setdefault(synset, [])
            mode = "synset"
            continue
        if mode == "synset" and s.startswith("+"):
            raw_synsets[synset].append(s[1:].strip())
            continue
        if mode == "block" and block is not None:
            if s.startswith("-"):
                pending.append((number, s[1:].strip(), block))
            else:
                block.verbs.extend(_parse_verb_line(s, block, number, where))
            continue
        log.debug("%s line %d ignored: %r", where, number, s)
    synsets = _expand_synsets(raw_synsets)
    for number, body, blk in pending:
        blk.patterns.append(_parse_pattern(body, number, where, synsets))
    for blk in blocks:
        if not blk.verbs:  # a header without verb lines: the name is the verb
            blk.verbs.extend(_parse_verb_line(blk.name, blk, blk.line, where))
    return blocks, synsets


def _expand_synsets(raw: dict[str, list[str]]) -> dict[str, list[list[str]]]:
    out: dict[str, list[list[str]]] = {}

    def expand(name: str, seen: frozenset) -> list[list[str]]:
        if name in out:
            return out[name]
        phrases: list[list[str]] = []
        for member in raw.get(name, []):
            words = _phrase_words(member)
            if len(words) == 1 and words[0].startswith("&"):
                ref = words[0][1:].rstrip("_")
                if ref not in seen:
                    phrases.extend(expand(ref, seen | {name}))
            elif words:
                phrases.append(words)
        out[name] = phrases
        return phrases

    for name in raw:
        expand(name, frozenset())
    return out


def _parse_verb_shape(text: str) -> tuple[tuple[str, ...], int]:
    """``WIRE_+TAP`` -> (("WIRE", "TAP"), 1); ``+CORDON_OFF`` -> (("CORDON", "OFF"), 0)."""
    parts = [p for p in re.split(r"[\s_]+", text.strip().upper()) if p]
    head = 0
    words = []
    for i, p in enumerate(parts):
        if p.startswith("+"):
            head = i
            p = p[1:]
        words.append(p)
    return tuple(w for w in words if w), head


def _parse_verb_line(s: str, block: VerbBlock, number: int, where: str) -> list[VerbEntry]:
    code = reverse = None
    m = _CODE_RE.search(s)
    own_code = False
    if m is not None:
        code, reverse = _split_code(m.group(1))
        own_code = True
        s = s[: m.start()] + s[m.end():]
    irregular: list[str] = []
    b = re.search(r"\{([^}]*)\}", s)
    if b is not None:
        irregular = b.group(1).split()
        s = s[: b.start()]
    words, head = _parse_verb_shape(s)
    if not words:
        return []
    forms = set(regular_forms(words[head]))
    for form in irregular:
        fw, fh = _parse_verb_shape(form)
        if fw:
            forms.add(fw[min(fh, len(fw) - 1)] if len(fw) == len(words) else fw[0])
    entry = VerbEntry(words=words, head=head, forms=frozenset(forms),
                      code=code if own_code else None, reverse=reverse if own_code else None, block=block)
    if own_code and code is None:
        entry.code = NULL_CODE  # a verb explicitly coded [---]
    return [entry]


def _parse_pattern(body: str, number: int, where: str, synsets: dict) -> VerbPattern:
    m = _CODE_RE.search(body)
    code = reverse = None
    has_code = m is not None
    if m is not None:
        code, reverse = _split_code(m.group(1))
        body = body[: m.start()]
    text = " ".join(body.split())
    elements: list[Element] = []
    for chunk in body.split():
        parts = chunk.split("_")
        for j, part in enumerate(parts):
            if not part:
                continue
            joined = j < len(parts) - 1 and any(parts[k] for k in range(j + 1, len(parts)))
            up = part.upper()
            if up == "*":
                el = Element("verb", adjacent=joined)
            elif up == "$":
                el = Element("source", adjacent=joined)
            elif up == "+":
                el = Element("target", adjacent=joined)
            elif up == "%":
                el = Element("compound", adjacent=joined)
            elif up == "^":
                el = Element("skip", adjacent=joined)
            elif up.startswith("&"):
                name = up[1:].rstrip("_")
                if name not in synsets:
                    log.warning("%s line %d: unknown synset &%s (pattern never matches)", where, number, name)
                el = Element("synset", name, adjacent=joined)
            else:
                el = Element("word", up, adjacent=joined)
            elements.append(el)
    verbs = [i for i, e in enumerate(elements) if e.kind == "verb"]
    if len(verbs) != 1:
        raise ValueError(f"{where} line {number}: a pattern needs exactly one '*': {text!r}")
    v = verbs[0]
    pre = tuple(elements[:v])
    post = tuple(elements[v + 1:])
    if not has_code:
        code = reverse = None
    return VerbPattern(pre=pre, post=post, code=code if has_code else None, reverse=reverse, text=text,
                       line=number, verb_adjacent_pre=bool(pre) and pre[-1].adjacent,
                       verb_adjacent_post=elements[v].adjacent)


# ------------------------------------------------------------------ actor and agent dictionaries
_DATE_RANGE = re.compile(r"^(\S+?)\s*(?:(<|>)\s*(\d{6}|\d{8})|(\d{6}|\d{8})\s*-\s*(\d{6}|\d{8}))?$")


def _iso(d: str) -> str:
    """YYMMDD (19YY from 30, else 20YY) or YYYYMMDD -> YYYY-MM-DD."""
    if len(d) == 6:
        yy = int(d[:2])
        d = ("19" if yy >= 30 else "20") + d
    return f"{d[:4]}-{d[4:6]}-{d[6:8]}"


def _dated_code(raw: str) -> DatedCode | None:
    raw = raw.strip()
    m = _DATE_RANGE.match(raw)
    if m is None:
        return None
    code, op, d, lo, hi = m.groups()
    if op == "<":
        return DatedCode(code, None, _iso(d))
    if op == ">":
        return DatedCode(code, _iso(d), None)
    if lo:
        return DatedCode(code, _iso(lo), _iso(hi))
    return DatedCode(code)


def _entry_words(name: str) -> tuple[tuple[str, ...], bool]:
    name = name.strip().upper()
    stem = not name.endswith("_")
    return tuple(_phrase_words(name)), stem


def parse_actors(text: str, where: str = "actors") -> list[ActorEntry]:
    """Parse a PETRARCH/TABARI actor dictionary into entries (synonyms share the codes of their
    entry). A code block that cannot be read is skipped with a logged warning."""
    entries: list[ActorEntry] = []
    group: list[ActorEntry] = []
    codes: list[DatedCode] = []

    def flush():
        nonlocal group, codes
        for e in group:
            e.codes = list(codes)
        group, codes = [], []

    for number, line in _clean_lines(text):
        s = line.strip()
        if not s:
            continue
        if s.startswith("+"):
            words, stem = _entry_words(_CODE_RE.sub("", s[1:]))
            if words and group:
                e = ActorEntry(words, stem, [], number)
                group.append(e)
                entries.append(e)
            continue
        name = _CODE_RE.split(s)[0] if not s.startswith("[") else ""
        found = _CODE_RE.findall(s)
        if name.strip():
            if group and codes:
                flush()
            elif group and not codes:
                # an entry line directly after another one without codes: a new entry
                flush()
            words, stem = _entry_words(name)
            e = ActorEntry(words, stem, [], number)
            group.append(e)
            entries.append(e)
        for raw in found:
            for part in raw.split("/") if "/" in raw and "<" not in raw and ">" not in raw else [raw]:
                dc = _dated_code(part)
                if dc is None:
                    log.warning("%s line %d: unreadable code [%s]", where, number, raw)
                    continue
                codes.append(dc)
        if found and group:
            for e in group:
                e.codes = list(codes)
    if group:
        flush()
    return [e for e in entries if e.words]


def parse_agents(text: str, where: str = "agents") -> list[ActorEntry]:
    """Parse a PETRARCH agent dictionary. Each entry carries one code such as ``~GOV`` (suffix)
    or ``NGO~`` (prefix); plurals from ``{...}`` or by adding S/ES; ``!X!`` substitutions."""
    subs: dict[str, list[str]] = {}
    entries: list[ActorEntry] = []
    for number, line in _clean_lines(text):
        s = line.strip()
        if not s:
            continue
        m = re.match(r"^!(\w+)!\s*=\s*(.+)$", s)
        if m:
            subs[m.group(1).upper()] = [w.strip().upper() for w in m.group(2).split(",") if w.strip()]
            continue
        cm = _CODE_RE.search(s)
        if cm is None:
            continue
        code = cm.group(1).replace(" ", "")
        if "~" not in code:
            continue
        head = s[: cm.start()]
        plural_m = re.search(r"\{([^}]*)\}", head)
        plurals: list[str] | None = None
        if plural_m is not None:
            plurals = plural_m.group(1).split()
            head = head[: plural_m.start()]
        names = [head.strip()]
        sm = re.search(r"!(\w+)!", names[0])
        if sm:
            names = [names[0].replace(sm.group(0), w) for w in subs.get(sm.group(1).upper(), [])]
        for name in names:
            words, _stem = _entry_words(name)
            if not words:
                continue
            forms = [words]
            if plurals is None:
                last = words[-1]
                forms.append(words[:-1] + ((last[:-1] + "IES") if last.endswith("Y") else last + ("ES" if last.endswith(("S", "X", "CH", "SH")) else "S"),))
            else:
                forms.extend(tuple(_phrase_words(p)) for p in plurals)
            for f in forms:
                entries.append(ActorEntry(tuple(f), False, [DatedCode(code)], number))
    return entries


# ------------------------------------------------------------------ the dictionary
class PetrarchDictionary:
    """Verb, actor and agent dictionaries loaded from PETRARCH-format files, with a matcher.

    Build with :meth:`load` (a directory or a verbs file) or from texts with :meth:`from_texts`.
    """

    def __init__(self, blocks: list[VerbBlock], synsets: dict[str, list[list[str]]],
                 actors: list[ActorEntry] | None = None, agents: list[ActorEntry] | None = None,
                 sources: list[str] | None = None):
        self.blocks = blocks
        self.synsets = synsets
        self.actors = actors or []
        self.agents = agents or []
        self.sources = sources or []
        self.by_form: dict[str, list[VerbEntry]] = {}
        self.by_base: dict[str, list[VerbEntry]] = {}
        for blk in blocks:
            for v in blk.verbs:
                for f in v.forms:
                    self.by_form.setdefault(f, []).append(v)
                self.by_base.setdefault(v.base, []).append(v)
        self._actor_index = _index(self.actors)
        self._agent_index = _index(self.agents)

    # ---------------------------------------------------------- loading
    @classmethod
    def from_texts(cls, verbs: str, actors: str = "", agents: str = "") -> "PetrarchDictionary":
        """From file contents (tests, embedded snippets)."""
        blocks, synsets = parse_verbs(verbs)
        return cls(blocks, synsets, parse_actors(actors) if actors else [], parse_agents(agents) if agents else [])

    @classmethod
    def load(cls, path: str | Path) -> "PetrarchDictionary":
        """Load a directory (``*verb*`` or any file with ``--- NAME [code] ---`` blocks = verbs,
        ``*actor*`` = actors, ``*agent*`` = agents, ``*discard*``/``*issue*`` ignored; ``.txt``
        files) or a single verbs file. Raises :class:`SettingsError` (E010) when the path does not
        exist, holds no verb dictionary or a file cannot be parsed."""
        p = Path(path)
        verbs: list[Path] = []
        actors: list[Path] = []
        agents: list[Path] = []
        if p.is_dir():
            for f in sorted(p.iterdir()):
                if not f.is_file() or f.suffix.lower() not in (".txt", ".dict", ".verbs", ".actors", ".agents"):
                    continue
                low = f.name.lower()
                if "discard" in low or "issue" in low:
                    continue
                if "agent" in low:
                    agents.append(f)
                elif "actor" in low:
                    actors.append(f)
                elif "verb" in low or _looks_like_verbs(f):
                    verbs.append(f)
        elif p.is_file():
            verbs.append(p)
        else:
            raise SettingsError(Errors.E010.format(key="cameo_dictionary", detail=f"{p} does not exist"))
        if not verbs:
            raise SettingsError(Errors.E010.format(key="cameo_dictionary", detail=f"no PETRARCH verb dictionary in {p}"))
        blocks: list[VerbBlock] = []
        synsets: dict[str, list[list[str]]] = {}
        actor_entries: list[ActorEntry] = []
        agent_entries: list[ActorEntry] = []
        try:
            for f in verbs:
                b, s = parse_verbs(_read(f), where=f.name)
                blocks.extend(b)
                synsets.update(s)
            for f in actors:
                actor_entries.extend(parse_actors(_read(f), where=f.name))
            for f in agents:
                agent_entries.extend(parse_agents(_read(f), where=f.name))
        except ValueError as exc:
            raise SettingsError(Errors.E010.format(key="cameo_dictionary", detail=exc)) from None
        return cls(blocks, synsets, actor_entries, agent_entries, [str(f) for f in verbs + actors + agents])

    # ---------------------------------------------------------- verbs
    def verb_candidates(self, tokens: list[str], lemmas: list[str], i: int) -> list[tuple[VerbEntry, int, int, bool]]:
        """Entries whose inflected word is token ``i``: (entry, first index, last index, by surface
        form). Multi-word verbs need their other words adjacent, in order."""
        word, lemma = tokens[i], lemmas[i]
        out = []
        seen = set()
        for surface, entries in ((True, self.by_form.get(word, [])), (False, self.by_base.get(lemma, []))):
            for e in entries:
                if id(e) in seen:
                    continue
                lo = i - e.head
                hi = lo + len(e.words) - 1
                if lo < 0 or hi >= len(tokens):
                    continue
                if all(tokens[lo + k] == w for k, w in enumerate(e.words) if k != e.head):
                    seen.add(id(e))
                    out.append((e, lo, hi, surface))
        out.sort(key=lambda c: (-len(c[0].words), not c[3]))
        return out

    def match_tokens(self, toks: list, lo: int, hi: int, i: int) -> VerbMatch | None:
        """Code the verb at doc position ``i`` of a sentence ``toks[lo:hi]`` (spaCy tokens of one
        Doc, ``toks`` indexable by doc position). None when token ``i`` is not a dictionary verb."""
        words = [t.text.upper() for t in toks]
        lemmas = [t.lemma_.upper() for t in toks]
        cands = self.verb_candidates(words, lemmas, i)
        if not cands:
            return None
        entry, first, last, _surface = cands[0]
        block = entry.block
        head_tok = toks[i]
        sub_end = max(head_tok.right_edge.i + 1, last + 1)
        ctx = _Ctx(toks, words, self.synsets, lo, min(hi, sub_end))
        best = None
        for order, pat in enumerate(block.patterns):
            res = ctx.match(pat, first, last)
            if res is None:
                continue
            literals, src, tgt, comp = res
            key = (literals, -order)
            if best is None or key > best[0]:
                best = (key, pat, src, tgt, comp)
        code, reverse = (entry.code, entry.reverse) if entry.code is not None else (block.code, block.reverse)
        if code == NULL_CODE:
            code, reverse = None, None
        pattern = None
        src = tgt = None
        comp = False
        literals = 0
        if best is not None:
            (literals, _o), pat, src, tgt, comp = best
            pattern = pat.text
            code, reverse = pat.code, pat.reverse
        return VerbMatch(tokens=tuple(range(first, last + 1)), head=i, verb="_".join(entry.words), block=block.name,
                         code=code, reverse=reverse, pattern=pattern, source=src, target=tgt, compound=comp,
                         literals=literals)

    def match_sentence(self, sent) -> list[VerbMatch]:
        """All dictionary verbs of a spaCy sentence span (tokens tagged VERB), in order."""
        doc = sent.doc
        out = []
        for tok in sent:
            if tok.pos_ != "VERB":
                continue
            m = self.match_tokens(doc, sent.start, sent.end, tok.i)
            if m is not None:
                out.append(m)
        return out

    # ---------------------------------------------------------- actors
    def actor_code(self, words: list[str], date: str | None = None) -> str | None:
        """CAMEO actor code of a phrase (upper-case words): the first actor of the dictionary found
        in it (longest phrase at each position; the document ``date`` picks dated codes) with the
        agents found around it (``~X`` appended, ``X~`` prepended); agents alone give ``---X``.
        A group code ``A/B`` returns its first member. None when nothing matches."""
        actor = None
        agents_pre: list[str] = []
        agents_post: list[str] = []
        i = 0
        while i < len(words):
            hit = _longest(self._actor_index, words, i) if actor is None else None
            if hit is not None:
                entry, n = hit
                code = entry.code_for(date)
                actor = code or NULL_CODE
                i += n
                continue
            ahit = _longest(self._agent_index, words, i)
            if ahit is not None:
                entry, n = ahit
                code = entry.codes[0].code
                if code.endswith("~"):
                    agents_pre.append(code[:-1])
                else:
                    agents_post.append(code.lstrip("~"))
                i += n
                continue
            i += 1
        if actor is None and not agents_pre and not agents_post:
            return None
        base = actor if actor is not None else NULL_CODE
        if base == NULL_CODE and agents_pre:
            base = ""
        code = "".join(agents_pre) + base
        for agent in dict.fromkeys(agents_post):
            chunks = {code[k:k + 3] for k in range(0, len(code), 3)}
            if agent not in chunks and not code.endswith(agent):
                code += agent
        return code or None

    def __repr__(self) -> str:
        n_pat = sum(len(b.patterns) for b in self.blocks)
        return (f"PetrarchDictionary({len(self.blocks)} verb blocks, {n_pat} patterns, {len(self.synsets)} synsets, "
                f"{len(self.actors)} actor phrases, {len(self.agents)} agent phrases)")


def _read(f: Path) -> str:
    return f.read_text(encoding="utf-8", errors="replace")


def _looks_like_verbs(f: Path) -> bool:
    try:
        head = f.read_text(encoding="utf-8", errors="replace")[:200_000]
    except OSError:
        return False
    return re.search(r"^\s*---\s*\S.*\[[^\]]*\]\s*.*---", head, re.M) is not None


def _index(entries: list[ActorEntry]) -> dict[str, list[ActorEntry]]:
    idx: dict[str, list[ActorEntry]] = {}
    for e in entries:
        key = e.words[0] if len(e.words) > 1 or not e.stem else e.words[0][:4]
        idx.setdefault(key, []).append(e)
    for v in idx.values():
        v.sort(key=lambda e: -len(e.words))
    return idx


def _word_hit(entry: ActorEntry, k: int, word: str) -> bool:
    w = entry.words[k]
    if word == w:
        return True
    last = k == len(entry.words) - 1
    return last and entry.stem and len(w) >= 4 and word.startswith(w)


def _longest(index: dict[str, list[ActorEntry]], words: list[str], i: int) -> tuple[ActorEntry, int] | None:
    best = None
    for key in {words[i], words[i][:4]}:
        for e in index.get(key, []):
            n = len(e.words)
            if i + n > len(words):
                continue
            if all(_word_hit(e, k, words[i + k]) for k in range(n)):
                if best is None or n > best[1] or (n == best[1] and words[i + n - 1] == e.words[-1] and not
                                                   words[i + n - 1] == best[0].words[-1]):
                    best = (e, n)
    return best


# ------------------------------------------------------------------ pattern matching
def _bind(roles: dict, el, head, lit: int, lit_key: str, compound_role: str) -> dict:
    """A copy of ``roles`` after pattern element ``el`` matched at ``head``: ``lit`` literal
    words added under ``lit_key``; a ``$``/``+`` element binds source/target, a ``%`` compound
    marks the match and fills ``compound_role`` (source before the verb, target after)."""
    r = dict(roles)
    r[lit_key] = r.get(lit_key, 0) + lit
    if el.kind in ("source", "target"):
        r[el.kind] = head
    elif el.kind == "compound":
        r["compound"] = True
        r.setdefault(compound_role, head)
    return r


class _Ctx:
    """Matching context of one verb: the sentence tokens and the scope for words after the verb."""

    def __init__(self, toks, words: list[str], synsets, lo: int, post_end: int):
        self.toks = toks
        self.words = words
        self.synsets = synsets
        self.lo = lo
        self.post_end = post_end

    def match(self, pat: VerbPattern, first: int, last: int):
        """(literal words, source index, target index, compound) or None."""
        post = self._forward(pat.post, 0, last + 1, pat.verb_adjacent_post, {})
        if post is None:
            return None
        pre = self._backward(pat.pre, len(pat.pre) - 1, first, pat.verb_adjacent_pre, {})
        if pre is None:
            return None
        roles = {**post, **pre}
        literals = roles.pop("_lit_post", 0) + roles.pop("_lit_pre", 0)
        return literals, roles.get("source"), roles.get("target"), bool(roles.get("compound"))

    # an element at position p: length consumed (None if no match) and the role it fills
    def _at(self, el: Element, p: int, end: int) -> tuple[int, int, int | None] | None:
        """(length, literal words, noun head index) of ``el`` matched starting at ``p`` (before ``end``)."""
        if p >= end or p < self.lo:
            return None
        if el.kind == "word":
            return (1, 1, None) if self.words[p] == el.value else None
        if el.kind == "synset":
            best = None
            for phrase in self.synsets.get(el.value, []):
                n = len(phrase)
                if p + n <= end and self.words[p:p + n] == phrase:
                    if best is None or n > best[0]:
                        best = (n, n, None)
            return best
        # noun-phrase elements: $ + % ^
        tok = self.toks[p]
        if tok.pos_ not in NOMINAL_POS and tok.dep_ not in ("det", "amod", "compound", "poss", "nummod"):
            return None
        head = tok
        steps = 0
        while (head.pos_ not in NOMINAL_POS or head.dep_ in _NP_INNER) and head.head.i > head.i and steps < 8:
            head = head.head
            steps += 1
        if head.pos_ not in NOMINAL_POS or head.i < p or head.left_edge.i > p or head.i >= end:
            return None
        stop = head.i
        if el.kind == "compound":
            conj = [c for c in head.conjuncts if c.i > head.i]
            if not conj:
                return None
            stop = min(max(c.i for c in conj), end - 1)
        return stop - p + 1, 0, head.i

    def _forward(self, els, k: int, cur: int, adjacent: bool, roles: dict):
        if k == len(els):
            return {**roles, "_lit_post": roles.get("_lit_post", 0)}
        el = els[k]
        positions = [cur] if adjacent else range(cur, self.post_end)
        for p in positions:
            got = self._at(el, p, self.post_end)
            if got is None:
                continue
            n, lit, head = got
            r = _bind(roles, el, head, lit, "_lit_post", "target")
            res = self._forward(els, k + 1, p + n, el.adjacent, r)
            if res is not None:
                return res
        return None

    def _backward(self, els, k: int, limit: int, adjacent: bool, roles: dict):
        if k < 0:
            return {**roles, "_lit_pre": roles.get("_lit_pre", 0)}
        el = els[k]
        for p in range(limit - 1, self.lo - 1, -1):
            got = self._at(el, p, limit)
            if got is None:
                continue
            n, lit, head = got
            if adjacent and p + n != limit:
                continue
            r = _bind(roles, el, head, lit, "_lit_pre", "source")
            prev_adjacent = k > 0 and els[k - 1].adjacent
            res = self._backward(els, k - 1, p, prev_adjacent, r)
            if res is not None:
                return res
        return None


# ------------------------------------------------------------------ events-stage hook
def phrase_words(doc, start: int, end: int) -> list[str]:
    """Upper-case token texts of the doc tokens covering chars [start, end)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    return [t.text.upper() for t in span]


def code_sentence(coder: Any, dictionary: PetrarchDictionary, sent, events: list, live_index: dict) -> list:
    """Re-code one sentence's events with the user's dictionary (called by the events stage when
    ``Settings.cameo_dictionary`` is set). For a dictionary verb that is (part of) an event's
    trigger, the event takes the dictionary's CAMEO code and, when ``cameo_plover.tsv`` maps that
    code, its PLOVER type, mode and context; a dictionary verb with no event (or an untyped one)
    becomes a new event when its code maps to a PLOVER type. Every match (also ``[---]`` and codes
    without a PLOVER type) is recorded in ``analysis.notes["cameo_dictionary"]`` with its pattern
    and the source/target actor codes; events also get ``args[id]["cameo_dictionary"]``. Returns
    the sentence's events (the given list plus new ones)."""
    from ..model import PloverCode
    from ..stages.events import _Match  # noqa: PLC0415 (the stage's own match record)
    from .tables import Trigger

    onto = coder.onto
    doc = coder.doc
    text = coder.result.text
    date = coder.analysis.published
    notes = coder.analysis.notes.setdefault("cameo_dictionary", [])
    out = list(events)
    for vm in dictionary.match_sentence(sent):
        head = doc[vm.head]
        vstart = min(doc[i].idx for i in vm.tokens)
        vend = max(doc[i].idx + len(doc[i]) for i in vm.tokens)
        ev = next((e for e in out if e.trigger.start <= head.idx < e.trigger.end), None)
        ptype = None
        mode = None
        context: tuple[str, ...] = ()
        if vm.code and vm.code[:2].isdigit():
            ptype = onto.cameo_to_plover(vm.code)
            for key in (vm.code, vm.code[:3], vm.code[:2]):
                if key in onto.cameo:
                    _t, mode, context = onto.cameo[key]
                    break
            if ptype is not None and mode is not None and mode not in onto.plover[ptype].modes:
                mode = None
        if ev is None and ptype is not None:
            row = Trigger(words=(head.lemma_.lower(),), pos="V", frame="any", plover=ptype, mode=mode,
                          context=tuple(context), acled_event_type=None, acled_sub_event_type=None,
                          cameo=vm.code, confidence=0.6)
            ev = coder.code_match(_Match(head, row, [doc[i] for i in vm.tokens]), sent, live_index)
            out.append(ev)
        elif ev is not None and vm.code is not None:
            ev.cameo = vm.code
            if ptype is not None:
                if ev.plover is None or ev.plover.event_type != ptype:
                    ev.plover = PloverCode(ptype, mode, list(context))
                    ev.reason = None if ev.reason and ev.reason.startswith("no PLOVER type") else ev.reason
                ev.quad_class = onto.quad_class(ptype, vm.code)
        args = coder.args.get(ev.id, {}) if ev is not None else {}
        src_heads, tgt_heads = dependency_roles(head)
        if vm.source is not None:
            src_heads = [doc[vm.source], *(doc[vm.source].conjuncts if vm.compound else ())]
        if vm.target is not None:
            tgt_heads = [doc[vm.target]]
        sources = _codes(dictionary, src_heads, date, first_only=False)
        taken = {t.i for h in src_heads for t in h.subtree}
        targets = _codes(dictionary, [t for t in tgt_heads if t.i not in taken], date, first_only=vm.target is None)
        if not sources:  # the events stage's actor spans (control, light verbs, attribution sources)
            sources = [c for c in (dictionary.actor_code(phrase_words(doc, s["start"], s["end"]), date)
                                   for s in args.get("actor", [])) if c][:1]
        if not targets:
            targets = [c for c in (dictionary.actor_code(phrase_words(doc, s["start"], s["end"]), date)
                                   for s in args.get("recipient", [])) if c][:1]
        if len(sources) > 1 and not targets:  # "Gondor and Osgiliath renewed ties": each other's target
            targets = sources[1:2]
        record = {
            "start": vstart, "end": vend, "text": text[vstart:vend], "verb": vm.verb, "block": vm.block,
            "code": vm.code, "reverse": vm.reverse, "pattern": vm.pattern,
            "source": sources[0] if sources else None, "target": targets[0] if targets else None,
            "sources": sources, "targets": targets, "event": ev, "token": vm.head,
        }
        notes.append(record)
        if ev is not None and ev.id in coder.args:
            coder.args[ev.id]["cameo_dictionary"] = {k: v for k, v in record.items() if k not in ("event", "token")}
    return out


_SUBJ = ("nsubj", "csubj")
_CLIMB = ("xcomp", "conj", "advcl", "ccomp", "prep", "pcomp", "acomp", "advmod", "aux", "auxpass")


def _np_words(h) -> list[str]:
    """Upper-case words of the noun phrase headed by ``h``: its subtree without conjuncts (coded
    on their own), relative clauses and punctuation ("Soldiers from Gondor", "Gondor 's army")."""
    drop: set[int] = set()
    for t in h.subtree:
        if t.i != h.i and (t.dep_ in ("conj", "cc", "relcl", "acl", "appos", "punct") or t.pos_ == "VERB"):
            drop.update(x.i for x in t.subtree)
    return [t.text.upper() for t in h.subtree if t.i not in drop]


def dependency_roles(verb) -> tuple[list, list]:
    """Source and target candidate heads of a verb token from the dependency parse, PETRARCH
    style: the source is the subject (reached through "is about to", control and coordinated
    verbs) or the "by" agent of a passive, with its conjuncts; target candidates are the passive
    subject, then every noun in the verb's subtree (object, prepositional objects, the subject of a
    "that" clause), nearest to the verb in the tree first."""
    sources: list = []
    targets: list = []
    cur = verb
    for _ in range(5):
        subj = [c for c in cur.children if c.dep_ in _SUBJ]
        passive = [c for c in cur.children if c.dep_ == "nsubjpass"]
        agent = [g for c in cur.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if agent:
            sources = agent
        if passive and cur is not verb and not agent:
            sources = passive  # "Gollum was seen to break into ...": the raised subject acts
            break
        if passive:
            targets.extend(passive)
            if not agent:
                sources = []
            break
        if subj:
            sources = subj
            break
        if cur.dep_ not in _CLIMB or cur.head.i == cur.i:
            break
        cur = cur.head
    sources = [x for s in sources for x in [s, *s.conjuncts] if x.pos_ != "PRON"]
    taken = {t.i for s in sources for t in s.subtree}
    cands = []
    for t in verb.subtree:
        if t.i in taken or t.i == verb.i or t.pos_ not in ("NOUN", "PROPN"):
            continue
        d, x = 0, t
        while x.i != verb.i and d < 30:
            x, d = x.head, d + 1
        cands.append((d, t.i, t))
    targets.extend(t for _d, _i, t in sorted(cands, key=lambda c: (c[0], c[1])) if t not in targets)
    return sources, targets


def _codes(dictionary: "PetrarchDictionary", heads: list, date: str | None, first_only: bool) -> list[str]:
    """Actor codes of the phrases headed by ``heads`` (each conjunct on its own); ``first_only``:
    stop at the first head that codes (target search over candidates)."""
    out: list[str] = []
    for h in heads:
        code = dictionary.actor_code(_np_words(h), date)
        if code and code not in out:
            out.append(code)
            if first_only:
                break
    return out
