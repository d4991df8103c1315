"""Exports, each checked against its format's conventions and opened by the tools users use:
the csv module and pandas (ACLED CSV), pandas (JSONL, PLOVER JSONL, Parquet), geopandas
(GeoJSON)."""
from __future__ import annotations

import csv
import io
import json

import pytest

from eventcoder.cli.main import main
from eventcoder.export.acled import COLUMNS as ACLED_COLUMNS, date_and_precision, write_acled
from eventcoder.export.jsonl import write_jsonl
from eventcoder.export.plover import plover_record, write_plover
from eventcoder.model import DocumentResult
from eventcoder.store.db import Store
from eventcoder.store.flatten import vague_count
from eventcoder.store.queries import EVENT_COLUMNS
from test_store import doc_a, doc_b

PLOVER_REQUIRED = {"id", "date", "actor", "event"}  # PLOVER manual, "Data Fields", table 1
PLOVER_LOC_FIELDS = {"extracted_place", "resolved_place", "geonameid", "lat", "lon", "province",
                     "country", "country_code", "feature_class", "feature_code", "resolution"}


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "x.db"
    with Store.open(path) as s:
        s.add_document(doc_a())
        s.add_document(doc_b())
    return str(path)


def test_exports_jsonl_reads_back_exactly():
    out = io.StringIO()
    assert write_jsonl([doc_a(), doc_b()], out, include_text=True) == 2
    lines = out.getvalue().splitlines()
    back = [DocumentResult.from_dict(json.loads(line)) for line in lines]
    assert [b.to_dict(include_text=True) for b in back] == [doc_a().to_dict(include_text=True),
                                                            doc_b().to_dict(include_text=True)]


def test_exports_plover_record_fields():
    rec = plover_record(doc_a(), doc_a().events[0])
    assert PLOVER_REQUIRED <= set(rec)
    assert {k: rec[k] for k in ("id", "date", "enddate", "event", "event_type", "mode", "context")} == {
        "id": "a-V1", "date": "2022-10-11", "enddate": None, "event": ["ASSAULT"], "event_type": "ASSAULT",
        "mode": [], "context": []}
    assert rec["actor"] == [{"code": "RUS", "sector": "MIL", "entity_text": "Russian forces",
                             "identifier_id": None, "identifier_text": "Russian Armed Forces", "entity_type": "ORG"}]
    assert rec["recipient"] == []
    assert set(rec["event_loc"]) == PLOVER_LOC_FIELDS
    assert {k: rec["event_loc"][k] for k in ("resolved_place", "country", "country_code", "province", "resolution")} == {
        "resolved_place": "Kharkiv", "country": "Ukraine", "country_code": "UKR", "province": "Kharkiv", "resolution": 4}
    assert rec["event_text"] == ["Russian forces shelled Kharkiv on Tuesday, killing three civilians, the governor said."]
    assert (rec["actor_name"], rec["actor_country"], rec["actor_sector"]) == ("Russian Armed Forces", "RUS", "MIL")


@pytest.mark.parametrize("include_background, ids", [
    (False, ["a-V1", "b-V1", "b-V2"]),
    (True, ["a-V1", "a-V2", "b-V1", "b-V2"]),
])
def test_exports_plover_jsonl_opens_in_pandas(include_background, ids):
    pd = pytest.importorskip("pandas")
    out = io.StringIO()
    write_plover([doc_a(), doc_b()], out, include_background=include_background)
    frame = pd.read_json(io.StringIO(out.getvalue()), lines=True)
    assert list(frame["id"]) == ids
    assert {"id", "date", "actor", "recipient", "event", "event_type", "mode", "context", "event_loc",
            "event_text", "actor_country", "recipient_country"} <= set(frame.columns)


@pytest.mark.parametrize("begin, end, basis, published, expected", [
    ("2022-10-11", "2022-10-11", "time", "2022-10-14", ("2022-10-11", 1)),
    ("2022-10-10", "2022-10-16", "time", "2022-10-14", ("2022-10-13", 2)),   # a week: its middle day
    ("2022-09-01", "2022-09-30", "time", "2022-10-14", ("2022-09-15", 3)),   # a month: its middle day
    ("2022-10-07", "2022-10-14", "published", "2022-10-14", ("2022-10-14", 2)),
    (None, None, "none", None, (None, None)),
])
def test_exports_acled_time_precision(begin, end, basis, published, expected):
    assert date_and_precision(begin, end, basis, published) == expected


@pytest.mark.parametrize("text, expected", [
    ("dozens of people", 12), ("tens of people", 10), ("hundreds of civilians", 100),
    ("tens of thousands", 10000), ("several soldiers", 3), ("a dozen", 12), ("three people", None),
])
def test_exports_acled_vague_fatalities(text, expected):
    assert vague_count(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("scores of mourners", 20), ("hundreds of thousands of refugees", 100_000),
    ("Tens of millions", 10_000_000), ("dozens dead", 12),
])
def test_exports_vague_count_uses_the_quantities_table(text, expected):
    from eventcoder.stages.quantities import VAGUE_COUNTS as STAGE
    assert vague_count(text) == expected
    # one table: every vague word of the quantities stage gets the stage's number in the store
    assert all(vague_count(word) == value for word, value in STAGE.items())


def test_exports_fatalities_keep_the_quantity_value():
    """The store reads the Quantity's value and does not re-derive it from the words."""
    from eventcoder.model import DocumentMeta, Event, PloverCode, Quantity, Span
    from eventcoder.store.flatten import event_fatalities
    text = "Gunmen killed scores of villagers near Kauru on Sunday."
    start = text.index("scores")
    q = Quantity(id="Q1", text="scores of villagers", start=start, end=start + 19, value=25,
                 unit="villager", bound=">=", approximate=True)
    ev = Event(id="V1", trigger=Span(7, 13, "killed"), plover=PloverCode(event_type="ASSAULT"),
               sentence=Span(0, len(text), text), quantities=["Q1"])
    result = DocumentResult(document=DocumentMeta(id="d1", sha256="0" * 64), text=text,
                            quantities=[q], events=[ev])
    assert text[q.start:q.end] == q.text
    assert event_fatalities(result, ev) == (25, "scores of villagers")


def test_exports_acled_csv_columns_and_values():
    out = io.StringIO()
    n = write_acled([doc_a(), doc_b()], out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert n == len(rows) == 2  # the denied ASSAULT has no ACLED type; background left out
    assert list(rows[0]) == list(ACLED_COLUMNS)
    kharkiv, odesa = rows
    assert {k: kharkiv[k] for k in ("event_date", "year", "time_precision", "disorder_type", "event_type",
                                    "sub_event_type", "actor1", "inter1", "country", "iso", "admin1",
                                    "location", "latitude", "longitude", "geo_precision", "source",
                                    "fatalities")} == {
        "event_date": "2022-10-11", "year": "2022", "time_precision": "1", "disorder_type": "Political violence",
        "event_type": "Explosions/Remote violence", "sub_event_type": "Shelling/artillery/missile attack",
        "actor1": "Military Forces of Russia", "inter1": "8", "country": "Ukraine", "iso": "804", "admin1": "Kharkiv",
        "location": "Kharkiv", "latitude": "49.99", "longitude": "36.23", "geo_precision": "1",
        "source": "Kyiv Independent", "fatalities": "3"}
    assert kharkiv["event_id_cnty"].startswith("UKR") and kharkiv["event_id_cnty"][3:].isdigit()
    assert "[source: Oleh Synehubov]" in kharkiv["notes"]
    assert (kharkiv["interaction"], kharkiv["region"]) == ("80", "Europe")  # Russian forces in Ukraine: external
    assert (odesa["disorder_type"], odesa["fatalities"], odesa["event_date"]) == ("Demonstrations", "0", "2022-10-15")


def test_exports_acled_ids_stable():
    a, b = io.StringIO(), io.StringIO()
    write_acled([doc_a()], a)
    write_acled([doc_a()], b)
    ids = lambda s: [r["event_id_cnty"] for r in csv.DictReader(io.StringIO(s.getvalue()))]  # noqa: E731
    assert ids(a) == ids(b)


@pytest.mark.parametrize("fmt, suffix", [("acled", "csv"), ("plover", "jsonl"), ("jsonl", "jsonl"),
                                         ("geojson", "geojson"), ("parquet", "parquet")])
def test_exports_cli_writes_file(db, tmp_path, fmt, suffix):
    out = tmp_path / f"out.{suffix}"
    assert main(["export", "--db", db, "--format", fmt, "--out", str(out)]) == 0
    assert out.stat().st_size > 0


def test_exports_cli_acled_opens_in_pandas(db, tmp_path):
    pd = pytest.importorskip("pandas")
    out = tmp_path / "acled.csv"
    main(["export", "--db", db, "--format", "acled", "--out", str(out)])
    frame = pd.read_csv(out)
    assert list(frame.columns) == list(ACLED_COLUMNS)
    assert frame["fatalities"].tolist() == [3, 0] and frame["latitude"].dtype.kind == "f"


def test_exports_cli_geojson_opens_in_geopandas(db, tmp_path):
    gpd = pytest.importorskip("geopandas")
    out = tmp_path / "events.geojson"
    assert main(["export", "--db", db, "--format", "geojson", "--out", str(out)]) == 0
    frame = gpd.read_file(out)
    assert frame.crs.to_epsg() == 4326
    assert list(frame.geometry.geom_type) == ["Point", "Point"]
    assert sorted(frame["place"]) == ["Kharkiv", "Odesa"]
    assert {"event_type", "actor", "date", "factuality", "document_id", "event_id"} <= set(frame.columns)
    assert frame.loc[frame["place"] == "Kharkiv"].geometry.iloc[0].coords[0] == (36.23, 49.99)


def test_exports_cli_parquet_opens_in_pandas(db, tmp_path):
    pd = pytest.importorskip("pandas")
    out = tmp_path / "events.parquet"
    assert main(["export", "--db", db, "--format", "parquet", "--out", str(out), "--include-background"]) == 0
    frame = pd.read_parquet(out)
    assert list(frame.columns) == list(EVENT_COLUMNS)
    assert len(frame) == 4
    assert frame["background"].dtype == bool and frame["lat"].dtype.kind == "f"
    assert sorted(frame["type"]) == ["ASSAULT", "ASSAULT", "ASSAULT", "PROTEST"]


def test_exports_cli_parquet_needs_out(db, capsys):
    assert main(["export", "--db", db, "--format", "parquet"]) == 2    # an argument error
    assert "E015" in capsys.readouterr().err


def test_exports_cli_filters_apply(db, tmp_path):
    out = tmp_path / "p.jsonl"
    main(["export", "--db", db, "--format", "plover", "--type", "PROTEST", "--out", str(out)])
    assert [json.loads(l)["event_type"] for l in out.read_text().splitlines()] == ["PROTEST"]


@pytest.mark.parametrize("factuality, exported", [
    ("asserted", True), ("unconfirmed", True), ("denied", False),
    ("expected", False), ("hypothetical", False), ("negated", False),
])
def test_exports_acled_only_events_that_happened(factuality, exported):
    doc = doc_a()
    doc.events[0].factuality = factuality
    out = io.StringIO()
    assert write_acled([doc], out) == int(exported)

def _fused_geojson(tmp_path, docs):
    """Store ``docs``, fuse them and export the fused events as GeoJSON; returns (store path, GeoJSON path)."""
    db = tmp_path / "fz.db"
    with Store.open(db) as s:
        for d in docs:
            s.add_document(d)
    assert main(["fuse", "--db", str(db)]) == 0
    out = tmp_path / "fused.geojson"
    assert main(["export", "--db", str(db), "--format", "geojson", "--fused", "--out", str(out)]) == 0
    return db, out



def test_exports_fused_geojson_opens_in_geopandas(tmp_path):
    gpd = pytest.importorskip("geopandas")
    from storekit import make_doc
    place = ("Kharkiv", "Kharkiv", 49.9935, 36.2304, "populated_place", "UA", "Kharkiv")
    docs = [make_doc(text, "2022-10-14", outlet, events=[{"trigger": "shelled", "type": "ASSAULT", "place": place,
                                                          "time": ("Tuesday", "2022-10-11", "2022-10-11")}])
            for text, outlet in [("Russian forces shelled Kharkiv on Tuesday.", "Reuters"),
                                 ("Kharkiv was shelled on Tuesday, officials said.", "BBC")]]
    _, out = _fused_geojson(tmp_path, docs)
    frame = gpd.read_file(out)
    assert len(frame) == 1 and frame.crs.to_epsg() == 4326
    row = frame.iloc[0]
    assert (row["event_type"], row["n_reports"], row["corroboration"], row["outlets"]) == ("ASSAULT", 2, 2, "BBC; Reuters")


def test_exports_fused_only_geojson(db, capsys):
    assert main(["export", "--db", db, "--format", "acled", "--fused"]) == 2    # an argument error
    assert "E016" in capsys.readouterr().err


def _shelling_doc(value, begin, end, places=("Nikopol", "Ukraine", "Dnipropetrovsk Oblast"), recipient=False):
    """'Russian forces shelled Nikopol ...' with the event linked to several places by hand."""
    from storekit import make_doc
    from eventcoder.model import Entity, Mention, Place, TimeExpr, Interval
    text = ("Russian forces shelled Nikopol in Ukraine's Dnipropetrovsk Oblast overnight, "
            "the regional governor said.")
    doc = make_doc(text, "2024-03-08", "Wire", doc_id="nik", events=[
        {"trigger": "shelled", "type": "ASSAULT", "acled": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
         "actor": ("Russian forces", "Russian Armed Forces", "RU", "MIL")}])
    gaz = {"Nikopol": (47.568, 34.391, "populated_place", "PPL", "Dnipropetrovsk Oblast"),
           "Ukraine": (49.0, 32.0, "country", "PCLI", None),
           "Dnipropetrovsk Oblast": (48.663, 34.950, "admin1", "ADM1", "Dnipropetrovsk Oblast")}
    for name, (lat, lon, precision, code, admin1) in gaz.items():
        start = text.index(name)
        doc.places.append(Place(id=f"P{len(doc.places) + 1}", start=start, end=start + len(name), text=name,
                                geonames_id=len(doc.places) + 100, name=name, feature_code=code, country_code="UA",
                                admin1=admin1, lat=lat, lon=lon, precision=precision, score=0.9))
    ids = {p.name: p.id for p in doc.places}
    event = doc.events[0]
    event.places = [ids[n] for n in places]
    if recipient:
        start = text.index("Nikopol")
        doc.entities.append(Entity(id="E9", name="Nikopol", type="GPE", mentions=[Mention(start, start + 7, "Nikopol")]))
        event.recipient = "E9"
    start = text.index("overnight")
    doc.times.append(TimeExpr(id="T1", start=start, end=start + 9, text="overnight", type="TIME", value=value,
                              interval=Interval(begin, end) if begin else None, anchor="published"))
    event.time = "T1"
    return doc


@pytest.mark.parametrize("places, recipient, place, basis, others", [
    (("Nikopol", "Ukraine", "Dnipropetrovsk Oblast"), False, "Nikopol", "event", "Ukraine; Dnipropetrovsk Oblast"),
    (("Ukraine", "Dnipropetrovsk Oblast"), False, "Dnipropetrovsk Oblast", "event", "Ukraine"),
    (("Ukraine", "Dnipropetrovsk Oblast"), True, "Nikopol", "recipient", "Ukraine; Dnipropetrovsk Oblast"),
])
def test_exports_geojson_one_feature_per_event_most_precise_place(places, recipient, place, basis, others):
    from eventcoder.export.geojson import feature_collection
    from eventcoder.store.flatten import event_row
    doc = _shelling_doc("2024-03-07TNI", "2024-03-07", "2024-03-08", places=places, recipient=recipient)
    features = feature_collection([doc])["features"]
    assert len(features) == 1
    props = features[0]["properties"]
    assert (props["place"], props["place_basis"], props["other_places"]) == (place, basis, others)
    row = event_row(doc, doc.events[0])  # the store row and ACLED use the same place
    assert (row["location"], row["place_basis"]) == (place, basis)
    out = io.StringIO()
    write_acled([doc], out)
    assert next(csv.DictReader(io.StringIO(out.getvalue())))["location"] == place


def test_exports_event_without_a_place_gets_no_pin_but_fusion_may_use_its_sentence():
    """A wrong pin is worse than none: exports never borrow a place from the event's sentence;
    fusion does, to compare two reports."""
    from eventcoder.export.geojson import feature_collection
    from eventcoder.store.flatten import event_place, event_row
    doc = _shelling_doc("2024-03-07TNI", "2024-03-07", "2024-03-08", places=(), recipient=False)
    assert feature_collection([doc])["features"] == []
    row = event_row(doc, doc.events[0])
    assert (row["location"], row["place_basis"]) == (None, "none")
    place, basis = event_place(doc, doc.events[0], sentence_fallback=True)
    assert (place.name, basis) == ("Nikopol", "sentence")
    out = io.StringIO()
    write_acled([doc], out)
    assert list(csv.DictReader(io.StringIO(out.getvalue()))) == []


@pytest.mark.parametrize("value, begin, end, date, precision", [
    ("2024-03-07TNI", "2024-03-07", "2024-03-08", "2024-03-07", 2),
    ("2024-03-07", "2024-03-07", "2024-03-07", "2024-03-07", 1),
    ("2024-02", "2024-02-01", "2024-02-29", "2024-02-15", 3),
    ("P1M", None, None, "2024-03-08", 2),          # a duration: only the report date is known
])
def test_exports_geojson_dates_are_iso_days(value, begin, end, date, precision):
    from eventcoder.export.geojson import feature_collection
    props = feature_collection([_shelling_doc(value, begin, end)])["features"][0]["properties"]
    assert (props["date"], props["time_precision"], props["timex"]) == (date, precision, value)
    if begin:
        assert (props["date_begin"], props["date_end"], props["date_basis"]) == (begin, end, "time")
    else:
        assert (props["date_begin"], props["date_end"], props["date_basis"]) == ("2024-03-01", "2024-03-08", "published")


def test_exports_geojson_actor_role_place_not_mapped():
    from eventcoder.export.geojson import feature_collection
    doc = _shelling_doc("2024-03-07", "2024-03-07", "2024-03-07", places=("Nikopol",))
    for p in doc.places:
        p.role = "actor"
    assert feature_collection([doc])["features"] == []


@pytest.mark.parametrize("actor, recipient, inter1, inter2, interaction", [
    (("Ukrainian troops", "Ukrainian Armed Forces", "UA", "MIL"), ("civilians", "civilians", None, "CVL"), 1, 7, 17),
    (("Ukrainian troops", "Ukrainian Armed Forces", "UA", "MIL"), ("Russian troops", "Russian Armed Forces", "RU", "MIL"), 1, 8, 18),
    (("Russian troops", "Russian Armed Forces", "RU", "MIL"), ("civilians", "civilians", None, "CVL"), 8, 7, 78),
    (("Ukrainian troops", "Ukrainian Armed Forces", "UA", "MIL"), None, 1, None, 10),
    (("rebels", "M23", None, "REB"), ("police", "Police of Ukraine", "UA", "COP"), 2, 1, 12),
    (None, ("civilians", "civilians", None, "CVL"), None, 7, 70),
    (None, None, None, None, None),
])
def test_exports_acled_interaction_codes(actor, recipient, inter1, inter2, interaction):
    from storekit import make_doc
    from eventcoder.export.acled import acled_row
    text = "Ukrainian troops and Russian troops, rebels, police and civilians: gunmen shelled Odesa."
    doc = make_doc(text, events=[{"trigger": "shelled", "type": "ASSAULT", "actor": actor, "recipient": recipient,
                                  "acled": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
                                  "place": ("Odesa", "Odesa", 46.48, 30.72, "populated_place", "UA", "Odesa")}])
    row = acled_row(doc, doc.events[0])
    assert (row["inter1"], row["inter2"], row["interaction"]) == (inter1, inter2, interaction)


@pytest.mark.parametrize("place, location, iso, region, geo_precision", [
    (("Odesa", "Odesa", 46.48, 30.72, "populated_place", "UA", "Odesa"), "Odesa", 804, "Europe", 1),
    (("Ukraine", "Ukraine", 49.0, 32.0, "country", "UA", None), "Ukraine", 804, "Europe", 3),
    (("Aleppo", "Aleppo", 36.2, 37.16, "populated_place", "SY", "Aleppo"), "Aleppo", 760, "Middle East", 1),
    (("Goma", "Goma", -1.68, 29.22, "populated_place", "CD", "North Kivu"), "Goma", 180, "Middle Africa", 1),
    (("Tbilisi", "Tbilisi", 41.69, 44.83, "populated_place", "GE", "Tbilisi"), "Tbilisi", 268, "Caucasus and Central Asia", 1),
    (None, None, None, None, None),                   # no place: no ACLED row
])
def test_exports_acled_location_columns(place, location, iso, region, geo_precision):
    from storekit import make_doc
    mention = place[0] if place else "the area"
    text = f"Artillery shelled {mention} on Monday."
    doc = make_doc(text, events=[{"trigger": "shelled", "type": "ASSAULT", "place": place,
                                  "acled": ("Explosions/Remote violence", "Shelling/artillery/missile attack")}])
    out = io.StringIO()
    n = write_acled([doc], out)
    if place is None:
        assert n == 0
        return
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert (row["location"], int(row["iso"]), row["region"], int(row["geo_precision"])) == (location, iso, region, geo_precision)


def test_exports_acled_casualty_subevent_not_a_row_attack_carries_fatalities():
    from storekit import make_doc
    text = "Russian forces shelled Kharkiv on Tuesday, killing three civilians."
    place = ("Kharkiv", "Kharkiv", 49.99, 36.23, "populated_place", "UA", "Kharkiv")
    doc = make_doc(text, events=[
        {"trigger": "shelled", "type": "ASSAULT", "place": place, "deaths": ("three civilians", 3),
         "acled": ("Explosions/Remote violence", "Shelling/artillery/missile attack")},
        {"trigger": "killing", "type": "ASSAULT", "place": place},      # the events stage's casualty sub-event
    ])
    doc.events[1].quantities = list(doc.events[0].quantities)
    out = io.StringIO()
    assert write_acled([doc], out) == 1
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert (row["event_type"], row["fatalities"]) == ("Explosions/Remote violence", "3")


def test_exports_acled_pandas_types_without_place_rows(tmp_path):
    pd = pytest.importorskip("pandas")
    from storekit import make_doc
    text = "Artillery shelled Odesa on Monday. Drones struck somewhere overnight."
    doc = make_doc(text, events=[
        {"trigger": "shelled", "type": "ASSAULT", "acled": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
         "place": ("Odesa", "Odesa", 46.48, 30.72, "populated_place", "UA", "Odesa")},
        {"trigger": "struck", "type": "ASSAULT", "acled": ("Explosions/Remote violence", "Air/drone strike")},
    ])
    out = tmp_path / "a.csv"
    with open(out, "w", encoding="utf-8", newline="") as f:
        assert write_acled([doc], f) == 1
    frame = pd.read_csv(out)
    assert frame["iso"].dtype.kind == "i" and frame["geo_precision"].dtype.kind == "i"
    assert frame["interaction"].isna().all() and frame["latitude"].dtype.kind == "f"
    assert frame["region"].tolist() == ["Europe"]


def test_exports_acled_place_recipient_is_not_actor2():
    doc = _shelling_doc("2024-03-07", "2024-03-07", "2024-03-07", places=("Dnipropetrovsk Oblast",), recipient=True)
    out = io.StringIO()
    write_acled([doc], out)
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert (row["location"], row["actor2"], row["inter2"], row["interaction"], row["admin1"]) == (
        "Nikopol", "", "", "80", "Dnipropetrovsk Oblast")


def test_exports_acled_region_table_uses_codebook_region_names():
    from eventcoder.export.countries import ACLED_REGION_CODES, ACLED_REGIONS, acled_region
    assert set(ACLED_REGIONS.values()) <= set(ACLED_REGION_CODES) | {"Oceania"}
    assert [acled_region(c) for c in ("UA", "TR", "SD", "GE", "AF", "MZ", "XX")] == [
        "Europe", "Middle East", "Northern Africa", "Caucasus and Central Asia", "South Asia", "Southern Africa", None]


@pytest.mark.parametrize("etype, sub, actor, recipient, inter1, inter2, interaction, targeted", [
    # the codebook names demonstrators by generic types: Protesters (6), Rioters (5)
    ("Protests", "Peaceful protest", ("protesters", "protesters", None, "CVL"), None, 6, None, 60, ""),
    ("Protests", "Excessive force against protesters", ("protesters", "protesters", None, "CVL"),
     ("police", "Police of Ukraine", "UA", "COP"), 6, 1, 16, ""),
    ("Riots", "Violent demonstration", ("rioters", "rioters", None, "CVL"), ("police", "Police of Ukraine", "UA", "COP"),
     5, 1, 15, ""),
    # civilians as the target of remote violence: "Civilians targeted" (codebook, Civilian targeting)
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", ("Russian troops", "Russian Armed Forces", "RU", "MIL"),
     ("civilians", "civilians", None, "CVL"), 8, 7, 78, "Civilians targeted"),
    ("Violence against civilians", "Attack", ("rebels", "M23", None, "REB"), ("civilians", "civilians", None, "CVL"),
     2, 7, 27, "Civilians targeted"),
    ("Battles", "Armed clash", ("rebels", "M23", None, "REB"), ("police", "Police of Ukraine", "UA", "COP"), 2, 1, 12, ""),
    # police acting on a protest ("police fired tear gas at protesters"): protesters actor1, police actor2
    ("Protests", "Protest with intervention", ("police", "Police of Ukraine", "UA", "COP"),
     ("protesters", "protesters", None, "CVL"), 6, 1, 16, ""),
])
def test_exports_acled_actor_types_and_civilian_targeting(etype, sub, actor, recipient, inter1, inter2, interaction,
                                                           targeted):
    from storekit import make_doc
    from eventcoder.export.acled import acled_row
    text = "Ukrainian troops and Russian troops, rebels, protesters, rioters, police and civilians: gunmen shelled Odesa."
    doc = make_doc(text, events=[{"trigger": "shelled", "type": "ASSAULT", "actor": actor, "recipient": recipient,
                                  "acled": (etype, sub),
                                  "place": ("Odesa", "Odesa", 46.48, 30.72, "populated_place", "UA", "Odesa")}])
    row = acled_row(doc, doc.events[0])
    assert (row["inter1"], row["inter2"], row["interaction"]) == (inter1, inter2, interaction)
    assert (row["civilian_targeting"] or "") == targeted


@pytest.mark.parametrize("etype, sub, actor, recipient, expected", [
    # the codebook's generic names for protesters, rioters and civilians (Inter codes 5-7)
    ("Protests", "Peaceful protest", ("protesters", "protesters", None, "CVL"), None,
     ("Protesters (Ukraine)", "", "", "", "6", "")),
    ("Protests", "Peaceful protest", ("Ukrainian Workers Union", "Ukrainian Workers Union", "UA", "LAB"), None,
     ("Protesters (Ukraine)", "Ukrainian Workers Union", "", "", "6", "")),
    ("Violence against civilians", "Attack", ("rebels", "M23", None, "REB"), ("civilians", "civilians", None, "CVL"),
     ("M23", "", "Civilians (Ukraine)", "", "2", "7")),
    # a country as a party of a violent event stands for its state forces (external abroad)
    ("Battles", "Armed clash", ("Ukrainian troops", "Ukrainian Armed Forces", "UA", "MIL"), ("Russia", "Russia", "RU", None),
     ("Military Forces of Ukraine", "", "Military Forces of Russia", "", "1", "8")),
    # a town as recipient is no actor
    ("Battles", "Government regains territory", ("Ukrainian troops", "Ukrainian Armed Forces", "UA", "MIL"),
     ("Robotyne", "Robotyne", "UA", None), ("Military Forces of Ukraine", "", "", "", "1", "")),
])
def test_exports_acled_actor_names_follow_codebook(etype, sub, actor, recipient, expected):
    from storekit import make_doc
    text = ("Ukrainian troops, Ukrainian Workers Union, Russia, Robotyne, rebels, protesters and civilians: "
            "gunmen shelled Odesa.")
    doc = make_doc(text, events=[{"trigger": "shelled", "type": "ASSAULT", "actor": actor, "recipient": recipient,
                                  "acled": (etype, sub),
                                  "place": ("Odesa", "Odesa", 46.48, 30.72, "populated_place", "UA", "Odesa")}])
    for e in doc.entities:  # storekit builds ORG entities; as the entities stage types them:
        if e.name in ("Russia", "Robotyne"):
            e.type = "GPE"
        elif e.name in ("protesters", "civilians"):
            e.type = "NORP"
    out = io.StringIO()
    write_acled([doc], out)
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert (row["actor1"], row["assoc_actor_1"], row["actor2"], row["assoc_actor_2"], row["inter1"], row["inter2"]) == expected


def test_exports_acled_protest_intervention_puts_protesters_first():
    """Codebook, Protests: in "Protest with intervention" the demonstrators are actor1 and the force
    that intervenes actor2 ("Police in Odesa fired tear gas at protesters")."""
    from storekit import make_doc
    from eventcoder.export.acled import acled_row
    text = "Police in Odesa fired tear gas at protesters."
    doc = make_doc(text, events=[{"trigger": "fired", "type": "ASSAULT",
                                  "actor": ("Police", "Police of Ukraine", "UA", "COP"),
                                  "recipient": ("protesters", "protesters", None, "CVL"),
                                  "acled": ("Protests", "Protest with intervention"),
                                  "place": ("Odesa", "Odesa", 46.48, 30.72, "populated_place", "UA", "Odesa")}])
    for e in doc.entities:
        if e.name == "protesters":
            e.type = "NORP"
    row = acled_row(doc, doc.events[0])
    assert (row["actor1"], row["inter1"], row["actor2"], row["inter2"], row["interaction"]) == (
        "Protesters (Ukraine)", 6, "Police Forces of Ukraine", 1, 16)


@pytest.mark.slow
@pytest.mark.parametrize("text, actor1, inter1, actor2, inter2", [
    # a demonym before a front-line or weapon noun is that state's forces, never the people (inter 7)
    ("Ukrainian troops advanced deep into Russian lines near Kharkiv on Tuesday.",
     "Military Forces of Ukraine", 1, "Military Forces of Russia", 8),
    ("Russian artillery shelled the centre of Kharkiv on Tuesday.", "Military Forces of Russia", 8, None, None),
])
def test_exports_acled_demonym_forces_are_state_forces(extract, text, actor1, inter1, actor2, inter2):
    from eventcoder.export.acled import acled_row
    doc = extract(text, published="2022-10-14")
    ev = next(e for e in doc.events if e.acled is not None)
    row = acled_row(doc, ev)
    assert (row["actor1"], row["inter1"], row["actor2"], row["inter2"]) == (actor1, inter1, actor2, inter2)


def test_exports_acled_police_without_country_are_the_event_countrys():
    from storekit import make_doc
    from eventcoder.export.acled import acled_row
    text = "Police in Lyon fired tear gas at protesters."
    doc = make_doc(text, events=[{"trigger": "fired", "type": "ASSAULT",
                                  "actor": ("Police", "Police", None, "COP"),
                                  "recipient": ("protesters", "protesters", None, "CVL"),
                                  "acled": ("Protests", "Protest with intervention"),
                                  "place": ("Lyon", "Lyon", 45.75, 4.85, "populated_place", "FR",
                                            "Auvergne-Rhone-Alpes")}])
    row = acled_row(doc, doc.events[0])
    assert (row["actor1"], row["actor2"], row["inter2"], row["country"]) == (
        "Protesters (France)", "Police Forces of France", 1, "France")


@pytest.mark.parametrize("text, deaths, fatalities, fatalities_text", [
    ("Russian forces shelled Kharkiv on Tuesday, killing three civilians.", ("three civilians", 3), 3, "three civilians"),
    ("Russian forces shelled Kharkiv on Tuesday.", None, 0, None),
])
def test_exports_geojson_fatalities_like_acled(text, deaths, fatalities, fatalities_text):
    from eventcoder.export.geojson import feature_collection
    from storekit import make_doc
    place = ("Kharkiv", "Kharkiv", 49.99, 36.23, "populated_place", "UA", "Kharkiv")
    spec = {"trigger": "shelled", "type": "ASSAULT", "place": place,
            "acled": ("Explosions/Remote violence", "Shelling/artillery/missile attack")}
    if deaths:
        spec["deaths"] = deaths
    doc = make_doc(text, events=[spec])
    props = feature_collection([doc])["features"][0]["properties"]
    assert (props["fatalities"], props["fatalities_text"]) == (fatalities, fatalities_text)
    out = io.StringIO()
    write_acled([doc], out)
    assert int(next(csv.DictReader(io.StringIO(out.getvalue())))["fatalities"]) == fatalities


def test_exports_geojson_report_dated_event_is_coded_to_the_publication_day():
    """docs/store.md: an event dated only by its report (date_basis published) gets the
    publication date (= date_end), not the middle of the week before it."""
    from eventcoder.export.geojson import feature_collection
    from storekit import make_doc
    place = ("Kharkiv", "Kharkiv", 49.99, 36.23, "populated_place", "UA", "Kharkiv")
    doc = make_doc("Russian forces shelled Kharkiv.", "2024-05-10", events=[
        {"trigger": "shelled", "type": "ASSAULT", "place": place}])
    props = feature_collection([doc])["features"][0]["properties"]
    assert (props["date"], props["date_begin"], props["date_end"], props["date_basis"], props["time_precision"]) == \
        ("2024-05-10", "2024-05-03", "2024-05-10", "published", 2)


# --- session 3 fresh-user defects (texts written for these tests) ---------------------------

GUNMEN = ("Gunmen", "Gunmen", None, "REB")
BORNO_TOWN = ("Bama", "Bama", 11.5213, 13.6856, "populated_place", "NG", "Borno")
ZARIA = ("Zaria", "Zaria", 11.0855, 7.7199, "populated_place", "NG", "Kaduna")


def _acled_rows(docs, skipped=None):
    out = io.StringIO()
    n = write_acled(docs, out, skipped=skipped)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert n == len(rows)
    return rows


@pytest.mark.parametrize("published, time, kept, skipped", [
    (None, None, 0, {"date": 1}),                                         # no date at all: no row
    (None, ("on Monday", "2023-03-06", "2023-03-06"), 1, {}),             # its own date: a row
    ("2023-03-08", None, 1, {}),                                          # the report date: a row
])
def test_exports_acled_undated_event_left_out_and_counted(published, time, kept, skipped):
    from storekit import make_doc
    spec = {"trigger": "killed", "type": "ASSAULT", "acled": ("Violence against civilians", "Attack"),
            "actor": GUNMEN, "recipient": ("herders", "herders", None, "AGR"), "place": BORNO_TOWN,
            "deaths": ("six herders", 6)}
    if time:
        spec["time"] = time
    doc = make_doc("Gunmen killed six herders near Bama on Monday, a council chairman said.", published,
                   events=[spec])
    counts: dict[str, int] = {}
    rows = _acled_rows([doc], counts)
    assert len(rows) == kept and counts == skipped
    for row in rows:
        assert row["event_date"] and row["year"] and row["time_precision"]


@pytest.mark.parametrize("text, victims, sector", [
    ("Gunmen killed six herders near Bama on Monday.", "six herders", "AGR"),       # CAMEO AGR
    ("Gunmen killed four miners near Bama on Monday.", "four miners", "LAB"),      # CAMEO LAB
    ("Gunmen killed two nurses near Bama on Monday.", "two nurses", "HLH"),        # CAMEO HLH
    ("Gunmen killed five villagers near Bama on Monday.", "five villagers", "CVL"),
    ("Gunmen killed three travellers near Bama on Monday.", "three travellers", None),  # no sector
])
def test_exports_acled_civilian_victims_coded_alike(text, victims, sector):
    """Civilian victims are "Civilians (Nigeria)", inter2 7, interaction 27 whatever the people
    sector, and civilian_targeting is set: one coding for every row (codebook, Inter code 7)."""
    from storekit import make_doc
    doc = make_doc(text, "2023-03-08", events=[
        {"trigger": "killed", "type": "ASSAULT", "acled": ("Violence against civilians", "Attack"),
         "actor": GUNMEN, "recipient": (victims, victims.split()[1], None, sector), "place": BORNO_TOWN,
         "time": ("on Monday", "2023-03-06", "2023-03-06")}])
    if sector is None:
        doc.entities[1].type = "NORP"  # a group of people, not a place
    row = _acled_rows([doc])[0]
    assert {k: row[k] for k in ("actor1", "inter1", "actor2", "inter2", "interaction", "civilian_targeting")} == {
        "actor1": "Gunmen", "inter1": "2", "actor2": "Civilians (Nigeria)", "inter2": "7", "interaction": "27",
        "civilian_targeting": "Civilians targeted"}


@pytest.mark.parametrize("sha, event_id", [("0" * 64, "V1"), ("ab" * 32, "V7"), ("f" * 64, "V2")])
def test_exports_acled_event_id_cnty_is_alpha3_and_nine_digits(sha, event_id):
    from eventcoder.export.acled import event_id_cnty
    from storekit import make_doc
    doc = make_doc("Gunmen attacked Zaria.", events=[{"trigger": "attacked", "type": "ASSAULT"}])
    doc.document.sha256 = sha
    doc.events[0].id = event_id
    value = event_id_cnty(doc, doc.events[0], "NG")
    assert len(value) == 12 and value[:3] == "NGA" and value[3:].isdigit()


def test_exports_acled_event_id_cnty_keeps_leading_zeros():
    """A hash whose number is below 10**8 keeps 9 digits ("UKR044096841", not "UKR44096841")."""
    import hashlib
    from eventcoder.export.acled import event_id_cnty
    from storekit import make_doc
    doc = make_doc("Drones struck Zaria.", events=[{"trigger": "struck", "type": "ASSAULT"}])
    for n in range(2000):  # find an event id whose number has a leading zero
        eid = f"V{n}"
        number = int(hashlib.sha256(f"{doc.document.sha256}:{eid}".encode()).hexdigest()[:12], 16) % 10**9
        if number < 10**8:
            break
    doc.events[0].id = eid
    assert event_id_cnty(doc, doc.events[0], "UA") == f"UKR{number:09d}"


@pytest.mark.parametrize("code, expected", [
    ("PPL", "P"), ("PPLC", "P"), ("PPLA2", "P"), ("ADM1", "A"), ("ADM2", "A"), ("PCLI", "A"),
    ("SEA", "H"), ("STM", "H"), ("RGN", "L"), ("ISL", "T"), ("AIRP", "S"), ("RD", "R"), (None, None), ("QQQ", None),
])
def test_exports_plover_feature_class_from_geonames_code(code, expected):
    from eventcoder.export.plover import feature_class
    assert feature_class(code) == expected


@pytest.mark.parametrize("place, feature_class", [
    (ZARIA, "P"),
    (("Kaduna State", "Kaduna", 10.33, 7.75, "admin1", "NG", "Kaduna"), "A"),
])
def test_exports_plover_event_loc_feature_class(place, feature_class):
    from storekit import make_doc
    text = f"Gunmen abducted 12 traders in {place[0]} on Friday, police said."
    doc = make_doc(text, "2023-07-16", events=[{"trigger": "abducted", "type": "COERCE", "place": place}])
    loc = plover_record(doc, doc.events[0])["event_loc"]
    assert (loc["feature_code"], loc["feature_class"]) == ({"P": "PPL", "A": "ADM1"}[feature_class], feature_class)


def test_exports_parquet_fatalities_zero_like_acled_and_geojson(tmp_path):
    pd = pytest.importorskip("pandas")
    from eventcoder.export.geojson import feature_collection
    from storekit import make_doc
    docs = [make_doc("Gunmen attacked a bus in Zaria on Friday, killing nine passengers.", "2023-07-16", doc_id="k",
                     events=[{"trigger": "attacked", "type": "ASSAULT", "place": ZARIA, "deaths": ("nine passengers", 9),
                              "acled": ("Violence against civilians", "Attack")}]),
            make_doc("Gunmen attacked a bus in Zaria on Friday.", "2023-07-16", doc_id="n",
                     events=[{"trigger": "attacked", "type": "ASSAULT", "place": ZARIA,
                              "acled": ("Violence against civilians", "Attack")}])]
    db = tmp_path / "f.db"
    with Store.open(db) as s:
        for d in docs:
            s.add_document(d)
    out = tmp_path / "e.parquet"
    assert main(["export", "--db", str(db), "--format", "parquet", "--out", str(out)]) == 0
    frame = pd.read_parquet(out).sort_values("document_id")
    assert frame["fatalities"].tolist() == [9, 0] and frame["fatalities"].dtype.kind == "i"
    assert frame["fatalities_text"].isna().tolist() == [False, True]
    geo = sorted((f["properties"]["document_id"], f["properties"]["fatalities"]) for f in feature_collection(docs)["features"])
    acled = sorted((r["notes"][-12:], int(r["fatalities"])) for r in _acled_rows(docs))
    assert geo == [("k", 9), ("n", 0)] and sorted(v for _, v in acled) == [0, 9]


def _sentence_place_doc(text, outlet, doc_id, own_place=None):
    """A report of 'shelled' whose event has no place of its own (unless ``own_place``) but whose
    sentence names Enerhodar, a location-role place the events stage did not give it."""
    from eventcoder.model import Place
    from storekit import make_doc
    spec = {"trigger": "shelled", "type": "ASSAULT", "time": ("on Sunday", "2023-04-09", "2023-04-09")}
    if own_place:
        spec["place"] = own_place
    doc = make_doc(text, "2023-04-10", outlet, doc_id=doc_id, events=[spec])
    start = text.index("Enerhodar")
    doc.places.append(Place(id=f"P{len(doc.places) + 1}", start=start, end=start + 9, text="Enerhodar",
                            geonames_id=709161, name="Enerhodar", feature_code="PPL", country_code="UA",
                            admin1="Zaporizhzhia Oblast", lat=47.4987, lon=34.6558, precision="populated_place",
                            score=0.9, role="location"))
    return doc


ZAPORIZHZHIA = ("Zaporizhzhia region", "Zaporizhzhia Oblast", 47.5, 35.5, "admin1", "UA", "Zaporizhzhia Oblast")


@pytest.mark.parametrize("own_place, expected", [
    (None, []),                                        # no member has a place: no pin
    # the oblast the events stage gave one report, not the finer town another report's sentence names
    (ZAPORIZHZHIA, [("Zaporizhzhia Oblast", "event", [35.5, 47.5])]),
])
def test_exports_fused_geojson_never_borrows_a_sentence_place(tmp_path, own_place, expected, capsys):
    from eventcoder.store.queries import fused_events
    docs = [_sentence_place_doc("Artillery shelled a Zaporizhzhia region river bank across from Enerhodar on Sunday.",
                                "Wire A", "s1", own_place),
            _sentence_place_doc("The bank facing Enerhodar was shelled on Sunday, officials said.", "Wire B", "s2")]
    db, out = _fused_geojson(tmp_path, docs)
    features = json.loads(out.read_text())["features"]
    assert [(f["properties"]["place"], f["properties"]["place_basis"], f["geometry"]["coordinates"])
            for f in features] == expected
    with Store.open(db, readonly=True) as s:
        items = fused_events(s)
    assert [i["n_reports"] for i in items] == [2]  # the sentence toponym still helps fuse them
    assert items[0]["place_basis"] == (expected[0][1] if expected else "none")


def test_exports_fused_place_ignores_a_stale_sentence_pin(tmp_path):
    """A store fused by an older version (fused_events row pinned at a sentence place) is read
    by the rule: the members' own places decide, so the export shows no pin."""
    from eventcoder.store.queries import fused_events
    docs = [_sentence_place_doc("Artillery shelled the river bank across from Enerhodar on Sunday.", "Wire A", "s1"),
            _sentence_place_doc("The bank facing Enerhodar was shelled on Sunday, officials said.", "Wire B", "s2")]
    db = tmp_path / "old.db"
    with Store.open(db) as s:
        for d in docs:
            s.add_document(d)
    main(["fuse", "--db", str(db)])
    with Store.open(db) as s, s.transaction() as conn:
        conn.execute("UPDATE fused_events SET location='Enerhodar', lat=47.4987, lon=34.6558, "
                     "precision='populated_place', country='UA'")
    with Store.open(db, readonly=True) as s:
        item = fused_events(s)[0]
    assert (item["location"], item["lat"], item["place_basis"]) == (None, None, "none")


@pytest.mark.parametrize("fmt", ["acled", "geojson", "parquet", "plover"])
def test_exports_cli_out_replaces_existing_file_and_says_so(db, tmp_path, fmt, capsys):
    out = tmp_path / f"out.{fmt}"
    out.write_text("old contents that must go\n" * 50)
    assert main(["export", "--db", db, "--format", fmt, "--out", str(out)]) == 0
    assert "old contents" not in out.read_bytes().decode("utf-8", "replace")
    assert "(replaced the existing file)" in capsys.readouterr().err
    fresh = tmp_path / f"new.{fmt}"
    assert main(["export", "--db", db, "--format", fmt, "--out", str(fresh)]) == 0
    assert "replaced" not in capsys.readouterr().err


def test_exports_cli_help_says_out_is_replaced(capsys):
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    assert "replaced if it exists" in " ".join(capsys.readouterr().out.split())


def test_exports_cli_acled_counts_undated_events_on_stderr(tmp_path, capsys):
    from storekit import make_doc
    doc = make_doc("Gunmen killed six herders near Bama, a council chairman said.", None, doc_id="u", events=[
        {"trigger": "killed", "type": "ASSAULT", "acled": ("Violence against civilians", "Attack"),
         "actor": GUNMEN, "place": BORNO_TOWN}])
    db = tmp_path / "u.db"
    with Store.open(db) as s:
        s.add_document(doc)
    out = tmp_path / "u.csv"
    assert main(["export", "--db", str(db), "--format", "acled", "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "left out 1 event with no date" in err and "wrote 0 events" in err
    assert out.read_text().splitlines() == [",".join(ACLED_COLUMNS)]


@pytest.mark.parametrize("time_kw, expected", [
    # a DURATION anchored by the times stage prints its interval, never the raw P-value
    (dict(text="the past month", type="DURATION", value="P1M",
          interval=("2022-09-14", "2022-10-14")), "2022-09-14..2022-10-14"),
    (dict(text="three days", type="DURATION", value="P3D", interval=None), "-"),
    (dict(text="last month", type="DATE", value="2022-09", interval=("2022-09-01", "2022-09-30")), "2022-09"),
    (dict(text="on Thursday", type="DATE", value="2022-10-13", interval=("2022-10-13", "2022-10-13")), "2022-10-13"),
])
def test_exports_table_date_of_a_duration_is_its_interval(time_kw, expected):
    from eventcoder.export.table import event_row, events_table
    from eventcoder.model import DocumentMeta, Event, Interval, PloverCode, Span, TimeExpr
    text = f"Border guards detained 40 smugglers near Ruwaished {time_kw['text']}."
    start = text.index(time_kw["text"])
    interval = Interval(*time_kw["interval"]) if time_kw["interval"] else None
    t = TimeExpr(id="T1", start=start, end=start + len(time_kw["text"]), text=time_kw["text"],
                 type=time_kw["type"], value=time_kw["value"], interval=interval)
    assert text[t.start:t.end] == t.text
    trig = text.index("detained")
    ev = Event(id="V1", trigger=Span(trig, trig + 8, "detained"), plover=PloverCode(event_type="COERCE"),
               sentence=Span(0, len(text), text), time="T1")
    result = DocumentResult(document=DocumentMeta(id="d1", sha256="0" * 64), text=text, times=[t], events=[ev])
    assert event_row(result, ev)["date"] == expected
    table = events_table(result)
    assert expected in table.splitlines()[-1]
    if time_kw["type"] == "DURATION":
        assert time_kw["value"] not in table
