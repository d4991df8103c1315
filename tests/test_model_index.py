"""DocumentResult.entity_at: the mention index is rebuilt after every kind of change it documents
(so a lookup before a change never hides what the change added)."""
import pytest

from eventcoder.model import DocumentMeta, DocumentResult, Entity, Mention

TEXT = "Ukrainian troops entered Lyman on Saturday, the Ukrainian army said. Moscow denied it."


def _span(sub: str, nth: int = 0) -> tuple[int, int]:
    s = -1
    for _ in range(nth + 1):
        s = TEXT.index(sub, s + 1)
    return s, s + len(sub)


def _mention(sub: str, nth: int = 0) -> Mention:
    s, e = _span(sub, nth)
    return Mention(s, e, TEXT[s:e])


def _result() -> DocumentResult:
    army = Entity(id="E1", name="Armed Forces of Ukraine", type="ORG", mentions=[_mention("Ukrainian troops")])
    lyman = Entity(id="E2", name="Lyman", type="GPE", mentions=[_mention("Lyman")])
    return DocumentResult(document=DocumentMeta(id="t", sha256="", published="2022-10-01"), text=TEXT,
                          entities=[army, lyman])


def _add_via_method(r):
    r.add_mention(r.entities[0], _mention("the Ukrainian army"))
    return "E1"


def _append_then_invalidate(r):
    r.entities[0].mentions.append(_mention("the Ukrainian army"))
    r.invalidate()
    return "E1"


def _append_to_last_entity(r):
    r.entities[-1].mentions.append(_mention("the Ukrainian army"))
    return "E2"


def _append_entity(r):
    r.entities.append(Entity(id="E3", name="Ukrainian army", type="ORG", mentions=[_mention("the Ukrainian army")]))
    return "E3"


def _new_entity_list(r):
    r.entities = [r.entities[0], Entity(id="E4", name="army", type="ORG", mentions=[_mention("the Ukrainian army")])]
    return "E4"


def _replace_entity_then_invalidate(r):
    r.entities[0] = Entity(id="E5", name="army", type="ORG", mentions=[_mention("the Ukrainian army")])
    r.invalidate()
    return "E5"


@pytest.mark.parametrize(
    "change",
    [_add_via_method, _append_then_invalidate, _append_to_last_entity, _append_entity, _new_entity_list,
     _replace_entity_then_invalidate],
)
def test_model_entity_at_sees_mention_added_after_lookup(change):
    r = _result()
    s, e = _span("the Ukrainian army")
    assert r.entity_at(s, e) is None  # builds the index before the change
    assert r.entity_at(*_span("Lyman")).id == "E2"
    expected = change(r)
    found = r.entity_at(s, e)
    assert found is not None and found.id == expected


@pytest.mark.parametrize(
    "query, expected",
    [
        ("Ukrainian troops", "E1"),
        ("troops entered Lyman", "E1"),  # "troops" (6 chars) overlaps more than "Lyman" (5)
        ("Lyman on", "E2"),
        ("Moscow", None),
    ],
)
def test_model_entity_at_longest_overlap_first(query, expected):
    r = _result()
    found = r.entity_at(*_span(query))
    assert (found.id if found is not None else None) == expected


def test_model_entity_at_tie_goes_to_earlier_entity():
    r = _result()
    s, e = _span("Lyman")
    r.entities.append(Entity(id="E3", name="Lyman town", type="GPE", mentions=[Mention(s, e, "Lyman")]))
    assert r.entity_at(s, e).id == "E2"
