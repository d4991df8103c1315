"""Large documents run in paragraph-aligned blocks (eventcoder/blocks.py): the results of a
~300 kB document are, paragraph by paragraph, those of each paragraph run alone, shifted to
its offset. Paragraphs are written for this test (invented news-style facts), each one
self-contained (no pronoun or narrative time pointing into another paragraph)."""
from __future__ import annotations

import time

import pytest

PUBLISHED = "2024-03-08"
PARAGRAPHS = [
    "Rebel fighters shelled the town of Bunia in Ituri province on Tuesday, killing four "
    "farmers and wounding nine others, a local administrator told reporters.",
    "Police in Nairobi arrested 31 protesters outside parliament on Wednesday after a march "
    "against new taxes turned violent, according to the Kenya Red Cross.",
    "Sudan's army said on Thursday that its aircraft had struck positions of the Rapid Support "
    "Forces near El Obeid, destroying more than 20 vehicles.",
    "About 1,500 families fled their homes in Cabo Delgado province in northern Mozambique "
    "last week after insurgents raided three villages, the United Nations said.",
    "The Turkish defence ministry said its drones killed 12 militants in northern Iraq on "
    "Monday.",
    "Israeli troops detained dozens of Palestinians during raids in Jenin overnight, the "
    "Palestinian Prisoners Society said.",
    "Myanmar's military junta extended a state of emergency by six months on Wednesday, state "
    "media reported.",
    "Gunmen abducted 17 passengers from a bus near Kaduna on Sunday, police spokesman Mansir "
    "Hassan said.",
]


def _document(size: int) -> tuple[str, list[tuple[int, int]]]:
    """The paragraphs repeated (blank line between) to about ``size`` chars, with each
    occurrence's (offset, paragraph index)."""
    parts, where, offset, n = [], [], 0, 0
    while offset < size:
        k = (n * 3) % len(PARAGRAPHS)  # a fixed order that is not just the list repeated
        parts.append(PARAGRAPHS[k])
        where.append((offset, k))
        offset += len(PARAGRAPHS[k]) + 2
        n += 1
    return "\n\n".join(parts), where


def _signature(result, lo: int, hi: int) -> dict:
    """Everything found inside chars ``[lo, hi)`` with offsets relative to ``lo`` and ids
    replaced by what they name (time and place texts; an entity by its type: its canonical
    name may draw on the rest of its block, "Police" -> "Kenyan Police" in a story about
    Kenya, which is the entities stage's document-level naming, not a block effect)."""
    def inside(start):
        return lo <= start < hi

    def name(eid):
        ent = result.entity(eid)
        return ent.type if ent else None

    return {
        "mentions": sorted((m.start - lo, m.end - lo, e.type)
                           for e in result.entities for m in e.mentions if inside(m.start)),
        "places": [(p.start - lo, p.text, p.geonames_id, p.country_code, p.role)
                   for p in result.places if inside(p.start)],
        "times": [(t.start - lo, t.text, t.type, t.value) for t in result.times if inside(t.start)],
        "quantities": [(q.start - lo, q.text, q.value, q.unit, q.bound)
                       for q in result.quantities if inside(q.start)],
        "attributions": [(a.cue.start - lo, a.cue.text, a.source.text if a.source else None,
                          name(a.source.entity) if a.source else None)
                         for a in result.attributions if inside(a.cue.start)],
        "events": [(v.trigger.start - lo, v.trigger.text, v.plover.event_type if v.plover else None,
                    name(v.actor), name(v.recipient),
                    result.time(v.time).text if v.time else None,
                    [result.place(p).text for p in v.places], v.factuality)
                   for v in result.events if inside(v.trigger.start)],
    }


@pytest.mark.slow
def test_pipeline_blocks_match_paragraphs_run_alone(extract):
    text, where = _document(300_000)
    started = time.process_time()  # CPU seconds: the test machine's cores are shared
    whole = extract(text, PUBLISHED)
    seconds = time.process_time() - started
    assert any(w.startswith("W005") for w in whole.warnings)  # it was cut into blocks
    alone = [extract(p, PUBLISHED) for p in PARAGRAPHS]
    # the comparison below must compare something
    assert all(result.times for result in alone)
    assert sum(1 for result in alone if result.events) >= 6
    for offset, k in where:
        got = _signature(whole, offset, offset + len(PARAGRAPHS[k]))
        assert got == _signature(alone[k], 0, len(PARAGRAPHS[k])), (offset, PARAGRAPHS[k])
    # ids in order, exact offsets into the whole text, references resolve
    for prefix, items in (("P", whole.places), ("T", whole.times), ("Q", whole.quantities),
                          ("V", whole.events)):
        assert [x.id for x in items] == [f"{prefix}{n}" for n in range(1, len(items) + 1)]
    assert [e.id for e in whole.entities] == [f"E{n}" for n in range(1, len(whole.entities) + 1)]
    for item in (*whole.places, *whole.times, *whole.quantities):
        assert text[item.start:item.end] == item.text
    for v in whole.events:
        assert text[v.trigger.start:v.trigger.end] == v.trigger.text
        assert v.actor is None or whole.entity(v.actor) is not None
        assert v.time is None or whole.time(v.time) is not None
    # same-name entities of different blocks are one entity
    names = [(e.name, e.type) for e in whole.entities]
    assert len(names) == len(set(names))
    assert seconds < 60, f"{len(text)} chars took {seconds:.0f} CPU s"
