"""Ontology data files (PLOVER, ACLED, CAMEO, triggers) and their loader. No spaCy needed."""
from __future__ import annotations

import pytest

from eventcoder.ontology import tables
from eventcoder.ontology.tables import NOT_EVENT, UNTYPED, ontology

PLOVER_2021 = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT",
}


def test_ontology_plover_has_the_16_types_of_the_manual():
    assert set(ontology().plover) == PLOVER_2021


@pytest.mark.parametrize(
    "event_type, quad, mode",
    [("AGREE", 1, None), ("CONSULT", 1, "visit"), ("AID", 2, None), ("RETREAT", 2, "withdraw"),
     ("ACCUSE", 3, "investigate"), ("THREATEN", 3, "violence"), ("PROTEST", 4, "riot"),
     ("COERCE", 4, "arrest"), ("ASSAULT", 4, "abduct"), ("SANCTION", 3, "expel")],
)
def test_ontology_plover_quad_class_and_modes(event_type, quad, mode):
    t = ontology().plover[event_type]
    assert t.quad_class == quad
    if mode:
        assert mode in t.modes


@pytest.mark.parametrize(
    "name", ["plover.tsv", "acled.tsv", "cameo_plover.tsv", "triggers.tsv"],
)
def test_ontology_files_name_their_source(name):
    head = (tables.HERE / name).read_text(encoding="utf-8").splitlines()[:3]
    assert head[0].startswith("#")
    assert any(s in " ".join(head) for s in ("Source", "PLOVER", "ACLED", "CAMEO"))


def test_ontology_triggers_use_only_known_types_modes_and_acled_pairs():
    onto = ontology()
    onto.check()  # raises ValueError on any unknown type, mode or ACLED pair
    for t in onto.triggers:
        assert t.plover in PLOVER_2021 or t.plover in (NOT_EVENT, UNTYPED)
        if t.acled_event_type:
            assert (t.acled_event_type, t.acled_sub_event_type) in onto.acled


@pytest.mark.parametrize(
    "pair",
    [("Battles", "Government regains territory"), ("Battles", "Non-state actor overtakes territory"),
     ("Strategic developments", "Non-violent transfer of territory"), ("Strategic developments", "Arrests"),
     ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
     ("Violence against civilians", "Abduction/forced disappearance")],
)
def test_ontology_acled_codebook_pairs(pair):
    assert pair in ontology().acled


@pytest.mark.parametrize(
    "code, expected",
    [("192", "COERCE"), ("0841", "RETREAT"), ("190", "ASSAULT"), ("036", "AGREE"), ("042", "CONSULT"),
     ("173", "COERCE"), ("1712", "ASSAULT"), ("19", "ASSAULT"), ("14", "PROTEST"), ("02", "REQUEST"),
     ("01", None), ("163", "SANCTION")],
)
def test_ontology_cameo_to_plover(code, expected):
    assert ontology().cameo_to_plover(code) == expected


@pytest.mark.parametrize(
    "event_type, cameo, quad",
    [("REQUEST", "020", 1), ("REQUEST", "100", 3), ("SANCTION", None, 3), ("SANCTION", "161", 3), ("ASSAULT", "190", 4), ("RETREAT", "0841", 2), (None, None, None)],
)
def test_ontology_quad_class_prefers_cameo_root(event_type, cameo, quad):
    assert ontology().quad_class(event_type, cameo) == quad


@pytest.mark.parametrize("old, new", [("FIGHT", "ASSAULT"), ("DEMAND", "REQUEST"), ("DISAPPROVE", "ACCUSE"),
                                      ("INVESTIGATE", "ACCUSE"), ("agree", "AGREE")])
def test_ontology_normalize_old_plover_names(old, new):
    assert ontology().normalize_type(old) == new


@pytest.mark.parametrize(
    "words, plover, sub",
    [(("liberate",), "COERCE", "Government regains territory"), (("recapture",), "COERCE", "Government regains territory"),
     (("withdraw",), "RETREAT", "Non-violent transfer of territory"), (("evacuate",), "AID", "Other"),
     (("detain",), "COERCE", "Arrests"), (("air", "strike"), "ASSAULT", "Air/drone strike")],
)
def test_ontology_territorial_and_displacement_triggers(words, plover, sub):
    rows = [t for t in ontology().triggers if t.words == words]
    assert rows and rows[0].plover == plover and rows[0].acled_sub_event_type == sub


def test_ontology_check_rejects_made_up_type():
    onto = ontology()
    bad = tables.Trigger(("zap",), "V", "any", "ZAP", None, (), None, None, None, 0.5)
    broken = tables.Ontology(plover=onto.plover, acled=onto.acled, cameo=onto.cameo, triggers=[bad])
    with pytest.raises(ValueError, match="unknown PLOVER type ZAP"):
        broken.check()
