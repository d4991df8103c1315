"""Attributions source resolution through the sorted mention index (DocumentResult._mention_rows):
the windowed walks pick the same mention as a scan of every entity's mentions would (latest
end, ties to the earlier entity), including a long mention that starts before a shorter one but
ends after it. Texts are invented."""
from __future__ import annotations

import pytest

from eventcoder.model import DocumentMeta, DocumentResult, Entity, Mention
from eventcoder.stages.attributions import resolve_source


def _result(text, entities):
    result = DocumentResult(document=DocumentMeta(id="t", sha256="t"), text=text)
    for n, (name, etype, surfaces) in enumerate(entities, 1):
        mentions = []
        for surface in surfaces:
            i = text.index(surface)
            mentions.append(Mention(i, i + len(surface), surface))
        result.entities.append(Entity(id=f"E{n}", name=name, type=etype, mentions=mentions))
    return result


@pytest.mark.parametrize("text, entities, span, expected", [
    # the long mention starts before the short one inside it but ends later: it is the nearest
    ("Deputy Mayor Olena Marchuk of the Zemblan capital arrived late. She said the bridge held.",
     [("Olena", "PERSON", ["Olena"]), ("Olena Marchuk", "PERSON", ["Deputy Mayor Olena Marchuk of the Zemblan capital"])],
     "She", "E2"),
    # the same span under two entities: the earlier entity
    ("Ivan Sorokin spoke first. He said the road was closed.",
     [("Ivan Sorokin", "PERSON", ["Ivan Sorokin"]), ("I. Sorokin", "PERSON", ["Ivan Sorokin"])], "He", "E1"),
    # a later person is never the antecedent; the nearest earlier one is
    ("Anna Lis arrived. Petro Bilyi spoke next. He said more. Marta Oliinyk left.",
     [("Anna Lis", "PERSON", ["Anna Lis"]), ("Petro Bilyi", "PERSON", ["Petro Bilyi"]),
      ("Marta Oliinyk", "PERSON", ["Marta Oliinyk"])], "He", "E2"),
    # "it": the nearest ORG of the previous sentence, not a person
    ("The Zemblan Red Cross counted the dead. Governor Ana Petrescu spoke. It said more.",
     [("Zemblan Red Cross", "ORG", ["Zemblan Red Cross"]), ("Ana Petrescu", "PERSON", ["Ana Petrescu"])], "It", None),
    ("Governor Ana Petrescu met the Zemblan Red Cross. It said more.",
     [("Ana Petrescu", "PERSON", ["Ana Petrescu"]), ("Zemblan Red Cross", "ORG", ["Zemblan Red Cross"])], "It", "E2"),
])
def test_attributions_index_pronoun_nearest_mention(text, entities, span, expected):
    result = _result(text, entities)
    start = text.rindex(span)
    assert resolve_source(result, None, start, start + len(span))[0] == expected


@pytest.mark.parametrize("text, entities, expected", [
    # head match in the previous paragraph: the mention ending latest
    ("The Zemblan Ministry of Water warned of floods. The Zemblan Ministry of Health counted cases.\n\n"
     "The ministry said more.",
     [("Ministry of Water", "ORG", ["Zemblan Ministry of Water"]),
      ("Ministry of Health", "ORG", ["Zemblan Ministry of Health"])], "E2"),
    # two paragraphs back: outside the window
    ("The Zemblan Ministry of Water warned of floods.\n\nRain fell.\n\nThe ministry said more.",
     [("Ministry of Water", "ORG", ["Zemblan Ministry of Water"])], None),
])
def test_attributions_index_generic_head_window(text, entities, expected):
    result = _result(text, entities)
    start = text.rindex("The ministry")
    assert resolve_source(result, None, start, start + len("The ministry"))[0] == expected


def _filler(n_chars):
    """Invented one-line filler sentences with no entity and no head noun, ``n_chars`` long or more."""
    out, size = [], 0
    while size < n_chars:
        s = f"Rain fell on the fields for the {len(out) + 1}th hour and the river rose again."
        out.append(s)
        size += len(s) + 1
    return " ".join(out)


@pytest.mark.parametrize("gap, expected", [
    (300, "E1"),     # a normal distance inside one long line: still resolved
    (3000, "E1"),    # within GENERIC_WINDOW_CHARS
    (6000, None),    # a one-line text without breaks: only the last ~4,000 characters are searched
])
def test_attributions_index_generic_window_in_a_long_line(gap, expected):
    from eventcoder.stages.attributions import GENERIC_WINDOW_CHARS
    assert GENERIC_WINDOW_CHARS == 4000
    text = ("Governor Marta Kovalenko of Zemblan Oblast visited the dam. " + _filler(gap)
            + " The governor said the dam held.")
    assert "\n" not in text
    result = _result(text, [("Marta Kovalenko", "PERSON", ["Governor Marta Kovalenko"])])
    start = text.rindex("The governor")
    assert resolve_source(result, None, start, start + len("The governor"))[0] == expected


def test_attributions_index_generic_window_keeps_paragraphs():
    """With line breaks the paragraph window is used as before, however far back its start."""
    text = ("Governor Marta Kovalenko of Zemblan Oblast visited the dam.\n\n" + _filler(2500)
            + " The governor said the dam held.")
    result = _result(text, [("Marta Kovalenko", "PERSON", ["Governor Marta Kovalenko"])])
    start = text.rindex("The governor")
    assert resolve_source(result, None, start, start + len("The governor"))[0] == "E1"


def test_attributions_index_latest_first_grows_in_sorted_order():
    """The incrementally grown list is the stable latest-first sort of every prefix (ties keep
    insertion order), as re-sorting the prefix for each source did."""
    from eventcoder.model import Attribution, Span
    from eventcoder.stages.attributions import _LatestFirst

    starts = [40, 10, 40, 95, 10, 70, 40]
    atts = [Attribution(id=f"A{n}", cue=Span(s, s + 4, "said"), content=Span(0, 3, "abc"))
            for n, s in enumerate(starts, 1)]
    grown = _LatestFirst()
    for n, a in enumerate(atts):
        assert [x.id for x in grown] == [x.id for x in sorted(atts[:n], key=lambda x: x.cue.start, reverse=True)]
        grown.add(a)
    assert [x.id for x in grown] == ["A4", "A6", "A1", "A3", "A7", "A2", "A5"]
