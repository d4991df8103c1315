"""Cross-document fusion on hand-built reports: same event / different events, corroboration
by independent outlets (wire copies count once), disagreements, re-runnable store operation."""
from __future__ import annotations

import pytest

from eventcoder.store.db import Store
from eventcoder.store.fusion import compare, fuse_results, fuse_store, haversine_km, reports_from_result
from storekit import make_doc

KHARKIV = ("Kharkiv", "Kharkiv", 49.9935, 36.2304, "populated_place", "UA", "Kharkiv")
KHARKIV_2 = ("Kharkiv", "Kharkiv", 49.9935, 36.2304, "populated_place", "UA", "Kharkiv")
CHUHUIV = ("Chuhuiv", "Chuhuiv", 49.8353, 36.6880, "populated_place", "UA", "Kharkiv")  # ~37 km from Kharkiv
KHARKIV_REGION = ("Kharkiv region", "Kharkiv Oblast", 49.5, 36.5, "admin1", "UA", "Kharkiv")
IZIUM = ("Izium", "Izium", 49.2128, 37.2569, "populated_place", "UA", "Kharkiv")
BELGOROD = ("Belgorod", "Belgorod", 50.5977, 36.5858, "populated_place", "RU", "Belgorod")
LAGOS = ("Lagos", "Lagos", 6.4541, 3.3947, "populated_place", "NG", "Lagos")
IKORODU = ("Ikorodu", "Ikorodu", 6.6194, 3.5105, "populated_place", "NG", "Lagos")  # ~22 km
IBADAN = ("Ibadan", "Ibadan", 7.3776, 3.9470, "populated_place", "NG", "Oyo")     # ~120 km
RUSSIA = ("Russian forces", "Russian Armed Forces", "RU", "MIL")
RUSSIA_2 = ("Russian troops", "Russian Armed Forces", "RU", "MIL")
UKRAINE = ("Ukrainian forces", "Ukrainian Armed Forces", "UA", "MIL")

TUESDAY = ("Tuesday", "2022-10-11", "2022-10-11")
WEDNESDAY = ("Wednesday", "2022-10-12", "2022-10-12")


def one(text, outlet, place=None, time=TUESDAY, type_="ASSAULT", trigger="shelled", actor=RUSSIA,
        deaths=None, factuality="asserted", published="2022-10-14", **extra):
    spec = {"trigger": trigger, "type": type_, "actor": actor, "place": place, "time": time,
            "deaths": deaths, "factuality": factuality, **extra}
    return make_doc(text, published, outlet, events=[{k: v for k, v in spec.items() if v is not None}])


def same(a, b) -> bool:
    fused = fuse_results([a, b])
    return any(len({m.doc_sha for m in f.members}) == 2 for f in fused)


CASES = [
    # (case, doc a, doc b, same event?)
    ("same strike, two wordings",
     one("Russian forces shelled Kharkiv on Tuesday, killing three people.", "Reuters", KHARKIV),
     one("Three civilians died on Tuesday when Russian troops shelled a district of Kharkiv.", "BBC", KHARKIV_2,
         actor=RUSSIA_2), True),
    ("same city, different days",
     one("Russian forces shelled Kharkiv on Tuesday.", "Reuters", KHARKIV),
     one("Russian forces shelled Kharkiv on Wednesday.", "BBC", KHARKIV, time=WEDNESDAY), False),
    ("protests 22 km apart are different (city-level)",
     one("Hundreds of traders protested in Lagos on Tuesday over fuel prices.", "Punch", LAGOS,
         type_="PROTEST", trigger="protested", actor=None),
     one("Traders protested in Ikorodu on Tuesday over fuel prices.", "Vanguard", IKORODU,
         type_="PROTEST", trigger="protested", actor=None), False),
    ("protests 120 km apart are different",
     one("Students protested in Lagos on Tuesday.", "Punch", LAGOS, type_="PROTEST", trigger="protested", actor=None),
     one("Students protested in Ibadan on Tuesday.", "Vanguard", IBADAN, type_="PROTEST", trigger="protested",
         actor=None), False),
    ("admin1-level report matches a town inside it",
     one("Russian forces shelled the Kharkiv region on Tuesday, the governor said.", "Ukrinform", KHARKIV_REGION),
     one("Russian forces shelled Izium on Tuesday.", "Reuters", IZIUM), True),
    ("admin1-level report does not match a town outside it",
     one("Russian forces shelled the Kharkiv region on Tuesday.", "Ukrinform", KHARKIV_REGION),
     one("Russian forces shelled Belgorod on Tuesday.", "TASS", BELGOROD), False),
    ("two towns 37 km apart are different",
     one("Russian forces shelled Kharkiv on Tuesday.", "Reuters", KHARKIV),
     one("Russian forces shelled Chuhuiv on Tuesday.", "BBC", CHUHUIV), False),
    ("different event types",
     one("Russian forces shelled Kharkiv on Tuesday.", "Reuters", KHARKIV),
     one("Residents protested in Kharkiv on Tuesday.", "BBC", KHARKIV, type_="PROTEST", trigger="protested",
         actor=None), False),
    ("no place on one side: wording and actor decide",
     one("Russian forces shelled Kharkiv's northern district on Tuesday, officials said.", "Reuters", KHARKIV),
     one("Officials said Russian forces shelled the northern district on Tuesday.", "AFP", None), True),
    ("no place, different actors and wording",
     one("Russian forces shelled Kharkiv on Tuesday.", "Reuters", KHARKIV),
     one("Ukrainian forces shelled positions near the river on Tuesday.", "AFP", None, actor=UKRAINE), False),
]


@pytest.mark.parametrize("case, a, b, expected", CASES, ids=[c[0] for c in CASES])
def test_fusion_pairs(case, a, b, expected):
    assert same(a, b) is expected


@pytest.mark.parametrize("a, b, km", [
    ((50.4501, 30.5234), (49.9935, 36.2304), 410),   # Kyiv - Kharkiv
    ((6.4541, 3.3947), (7.3776, 3.9470), 119),        # Lagos - Ibadan
])
def test_fusion_haversine(a, b, km):
    assert abs(haversine_km(*a, *b) - km) < 5


def test_fusion_wire_copies_count_once():
    wire = ("Russian forces shelled Kharkiv on Tuesday, killing three civilians and wounding 12 others, "
            "regional governor Oleh Synehubov said on Telegram. Rescue teams were searching the rubble.")
    a = one(wire, "AP", KHARKIV)
    b = one(wire + " Photos showed a burning apartment block.", "Washington Post", KHARKIV)
    c = one("Russian forces shelled Kharkiv on Tuesday, a local official told the BBC by phone.", "BBC", KHARKIV)
    (fused,) = fuse_results([a, b, c])
    assert len(fused.members) == 3
    assert fused.corroboration == 2          # AP + its copy count once, BBC is independent
    assert fused.groups[0] == fused.groups[1] != fused.groups[2] or len(set(fused.groups)) == 2


def test_fusion_same_outlet_counts_once():
    a = one("Russian forces shelled Kharkiv on Tuesday.", "Reuters", KHARKIV)
    b = one("Kharkiv was shelled by Russian forces on Tuesday, the mayor said.", "Reuters", KHARKIV)
    (fused,) = fuse_results([a, b])
    assert (len(fused.members), fused.corroboration) == (2, 1)


def test_fusion_flags_fatality_disagreement_and_keeps_lowest():
    a = one("Russian forces shelled Kharkiv on Tuesday, killing three civilians.", "Reuters", KHARKIV,
            deaths=("three civilians", 3))
    b = one("Russian forces shelled Kharkiv on Tuesday, killing five civilians, officials said.", "BBC", KHARKIV,
            deaths=("five civilians", 5))
    (fused,) = fuse_results([a, b])
    assert fused.fatalities == 3
    assert fused.disagreements == [{"kind": "fatalities", "values": {a.document.id: 3, b.document.id: 5}}]
    assert sorted(m.fatalities for m in fused.members) == [3, 5]  # each report keeps its own value


def test_fusion_flags_denial():
    a = one("Ukrainian forces shelled Belgorod on Tuesday, Russian officials said.", "TASS", BELGOROD, actor=UKRAINE)
    b = one("Kyiv denied that Ukrainian forces shelled Belgorod on Tuesday.", "Kyiv Independent", BELGOROD,
            actor=UKRAINE, factuality="denied")
    (fused,) = fuse_results([a, b])
    assert [d["kind"] for d in fused.disagreements] == ["denied"]
    assert fused.disagreements[0]["denied_by"] == {b.document.id: "denied"}
    assert (len(fused.members), fused.corroboration) == (2, 1)  # the denial corroborates nothing


def test_fusion_background_events_not_fused():
    a = one("Russian forces shelled Kharkiv on Tuesday.", "Reuters", KHARKIV, background=True)
    assert reports_from_result(a) == []


def test_fusion_compare_explains():
    a = one("Russian forces shelled Kharkiv on Tuesday.", "Reuters", KHARKIV)
    b = one("Russian forces shelled Chuhuiv on Tuesday.", "BBC", CHUHUIV)
    m = compare(reports_from_result(a)[0], reports_from_result(b)[0])
    assert (m.same, m.gate_failed, m.reasons) == (False, True, ["37 km apart"])


def test_fusion_store_rerunnable(tmp_path):
    docs = [c[1] for c in CASES[:3]] + [c[2] for c in CASES[:3]]
    with Store.open(tmp_path / "f.db") as s:
        for d in docs:
            s.add_document(d)
        first = fuse_store(s)
        rows1 = [tuple(r) for r in s.conn.execute("SELECT id, n_reports, corroboration FROM fused_events ORDER BY id")]
        members1 = s.counts()["fused_members"]
        second = fuse_store(s)
        rows2 = [tuple(r) for r in s.conn.execute("SELECT id, n_reports, corroboration FROM fused_events ORDER BY id")]
        assert first == second and rows1 == rows2 and s.counts()["fused_members"] == members1 == 6
        assert first["multi"] == 1  # only the first case is one event in two documents


def test_fusion_pair_set_shape():
    from eventcoder.eval.fusion import DEFAULT_PAIRS, load_pairs
    pairs = load_pairs(DEFAULT_PAIRS)
    assert len(pairs) == 40 and sum(p["same"] for p in pairs) == 20
    assert len({p["id"] for p in pairs}) == 40
    assert all(p["a"]["text"] != p["b"]["text"] for p in pairs)


@pytest.mark.parametrize("same_text, expected", [(True, (1, 0, 0)), (False, (0, 0, 1))])
def test_fusion_scorer_counts(same_text, expected):
    from eventcoder.eval.fusion import score_pair, summarize

    def fake(text, published=None, **kw):
        place = KHARKIV if "Kharkiv" in text else CHUHUIV
        return one(text, kw.get("outlet"), place)

    pair = {"id": "x", "same": True,
            "a": {"text": "Russian forces shelled Kharkiv on Tuesday.", "published": "2022-10-14", "outlet": "A"},
            "b": {"text": "Russian forces shelled Kharkiv on Tuesday, officials said." if same_text
                  else "Russian forces shelled Chuhuiv on Tuesday.", "published": "2022-10-14", "outlet": "B"}}
    s = summarize([score_pair(pair, fake)])
    assert (s["tp"], s["fp"], s["fn"]) == expected


def test_fusion_two_triggers_one_sentence_are_one_report_set():
    from storekit import make_doc
    text_a = "Gunmen killed 20 villagers in an attack on Tin-Akoff on Tuesday, local sources said."
    a = make_doc(text_a, "2023-03-10", "Reuters", events=[
        {"trigger": "killed", "type": "ASSAULT", "time": TUESDAY, "deaths": ("20 villagers", 20)},
        {"trigger": "attack", "type": "ASSAULT", "time": TUESDAY,
         "place": ("Tin-Akoff", "Tin-Akoff", 14.96, -0.21, "populated_place", "BF", "Sahel")}])
    b = one("Jihadists attacked Tin-Akoff on Tuesday, killing 15 civilians, an official said.", "AFP",
            ("Tin-Akoff", "Tin-Akoff", 14.96, -0.21, "populated_place", "BF", "Sahel"), trigger="attacked",
            actor=None, deaths=("15 civilians", 15), published="2023-03-10")
    (fused,) = fuse_results([a, b])
    assert (len(fused.members), fused.corroboration, fused.fatalities) == (3, 2, 15)
    assert fused.disagreements[0]["kind"] == "fatalities"


def test_fusion_cli_show_jsonl(tmp_path, capsys):
    import json
    from eventcoder.cli.main import main
    a = one("Russian forces shelled Kharkiv on Tuesday, killing three civilians.", "Reuters", KHARKIV,
            deaths=("three civilians", 3))
    b = one("Russian forces shelled Kharkiv on Tuesday, killing five civilians, officials said.", "BBC", KHARKIV,
            deaths=("five civilians", 5))
    db = tmp_path / "cli.db"
    with Store.open(db) as s:
        s.add_document(a)
        s.add_document(b)
    assert main(["fuse", "--db", str(db), "--show", "--format", "jsonl"]) == 0
    (item,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {k: item[k] for k in ("type", "location", "n_reports", "n_documents", "corroboration", "fatalities")} == {
        "type": "ASSAULT", "location": "Kharkiv", "n_reports": 2, "n_documents": 2, "corroboration": 2, "fatalities": 3}
    assert sorted(m["fatalities"] for m in item["members"]) == [3, 5]
    assert [d["kind"] for d in item["disagreements"]] == ["fatalities"]


@pytest.mark.parametrize("type_, expected", [("ASSAULT", 9), ("AGREE", None), ("CONSULT", None)])
def test_fusion_fatalities_only_for_lethal_types(type_, expected):
    from eventcoder.store.flatten import event_fatalities
    text = "The government agreed on Tuesday to compensate the families of nine activists killed in the raid."
    doc = one(text, "Reuters", trigger="agreed", type_=type_, actor=None, time=None, deaths=("nine activists", 9))
    assert event_fatalities(doc, doc.events[0])[0] == expected


def test_fusion_undated_report_is_never_fused():
    a = one("Russian forces shelled Kharkiv, killing two civilians.", "Reuters", KHARKIV, time=None, published=None)
    b = one("Russian forces shelled Kharkiv on Tuesday.", "BBC", KHARKIV)
    m = compare(reports_from_result(a)[0], reports_from_result(b)[0])
    assert (m.same, m.gate_failed, m.reasons) == (False, True, ["undated report"])


def test_fusion_document_does_not_disagree_with_itself():
    text = "Putin and Erdogan did not discuss a grain deal at their meeting in Astana on Thursday."
    doc = make_doc(text, "2022-10-14", "RIA", events=[
        {"trigger": "discuss", "type": "CONSULT", "factuality": "negated", "time": ("Thursday", "2022-10-13", "2022-10-13")},
        {"trigger": "meeting", "type": "CONSULT", "time": ("Thursday", "2022-10-13", "2022-10-13")}])
    fused = fuse_results([doc])
    assert sorted(len(f.members) for f in fused) == [1, 1]
    assert all(f.disagreements == [] for f in fused)


def _with_sentence_town(doc, name="Chuhuiv", lat=49.8353, lon=36.6880):
    """Add a location-role place named in the event's sentence that the events stage did not
    give the event (so only fusion's sentence fallback sees it)."""
    from eventcoder.model import Place
    start = doc.text.index(name)
    doc.places.append(Place(id=f"P{len(doc.places) + 1}", start=start, end=start + len(name), text=name,
                            geonames_id=706000, name=name, feature_code="PPL", country_code="UA", admin1="Kharkiv",
                            lat=lat, lon=lon, precision="populated_place", score=0.9, role="location"))
    return doc


@pytest.mark.parametrize("own_place, location, basis", [
    (None, None, "none"),                                     # no report has a place: no fused place
    (KHARKIV_REGION, "Kharkiv Oblast", "event"),              # the oblast, not the finer sentence town
])
def test_fusion_fused_place_only_from_the_events_stage(own_place, location, basis):
    a = _with_sentence_town(one("Russian forces shelled the outskirts of Chuhuiv in the Kharkiv region on Tuesday.",
                                "Wire A", place=own_place))
    b = _with_sentence_town(one("Russian forces shelled farms near Chuhuiv on Tuesday, officials said.", "Wire B"))
    (fused,) = fuse_results([a, b])
    assert len(fused.members) == 2
    assert (fused.place.location if fused.place else None) == location
    assert (fused.place.place_basis if fused.place else "none") == basis
    assert sorted(m.place_basis for m in fused.members) == sorted([basis if own_place else "sentence", "sentence"])
