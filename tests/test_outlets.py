"""Outlet home regions (eventcoder.outlets) and their use by the places stage, extract and the CLI.
The sentences are written for these tests."""
from __future__ import annotations

import json
from collections import Counter

import pytest

from eventcoder.errors import UsageError
from eventcoder.model import Place
from eventcoder.outlets import admin1_counts, check_home_region, home_region, leave_one_out, outlet_of_url

SEATTLE_PARIS = ("A Seattle man was killed when his pickup truck overturned on a highway near Paris on Sunday, "
                 "the sheriff's office said.")
SEATTLE_PARIS_TENN = ("A Seattle man was killed when his pickup truck overturned on a highway near Paris, Tenn., "
                      "on Sunday, the sheriff's office said.")


def _paris(result):
    return next(p for p in result.places if p.text == "Paris")


@pytest.mark.slow
@pytest.mark.parametrize("text, home, expected", [
    (SEATTLE_PARIS, "US-TX", ("US", "Texas", "PPL")),         # the Texas paper's Paris
    (SEATTLE_PARIS, None, ("FR", "Île-de-France", "PPLC")),    # the same story alone: the capital
    (SEATTLE_PARIS, "US-LA", ("FR", "Île-de-France", "PPLC")),  # no Paris in Louisiana: no change
    (SEATTLE_PARIS_TENN, "US-TX", ("US", "Tennessee", "PPL")),  # "Paris, Tenn." beats the home region
    ("A barn burned near Paris on Monday, the fire marshal said.", "US-TX", ("US", "Texas", "PPL")),
    ("A barn burned near Paris on Monday, the fire marshal said.", None, ("FR", "Île-de-France", "PPLC")),
    # a town of the story in Tennessee outweighs the Texas home region
    ("A barn burned near Paris on Monday, and a second fire damaged a shed in Puryear, Tenn.", "US-TX", ("US", "Tennessee", "PPL")),
])
def test_outlets_home_region_decides_paris(extract, text, home, expected):
    p = _paris(extract(text, home_region=home))
    assert (p.country_code, p.admin1, p.feature_code) == expected
    assert ("home_region:US-TX" in p.reason) == (expected[1] == "Texas")


@pytest.mark.slow
def test_outlets_home_region_not_for_small_namesake_of_famous_city(extract):
    # Memphis, Texas is a hamlet; a Texas paper's "Memphis" is still Memphis, Tennessee
    r = extract("The Paris city council met in Memphis on Monday to discuss the budget.", home_region="US-TX")
    memphis = next(p for p in r.places if p.text == "Memphis")
    assert (memphis.country_code, memphis.admin1) == ("US", "Tennessee")


@pytest.mark.slow
def test_outlets_home_region_not_for_country_names(extract):
    # China, Texas exists; a Texas paper's "China" is still the country
    r = extract("Exports to China rose by a third last year, the Houston port said.", home_region="US-TX")
    china = next(p for p in r.places if p.text == "China")
    assert (china.country_code, china.feature_code) == ("CN", "PCLI")


@pytest.mark.parametrize("value, expected", [
    ("US-LA", "US-LA"), ("us-tx", "US-TX"), ("US.TN", "US-TN"), ("US", "US"), ("gb-eng", "GB-ENG"),
    (None, None), ("", None),
])
def test_outlets_check_home_region_normalizes(resources, value, expected):
    assert check_home_region(resources.gazetteer, value) == expected


@pytest.mark.parametrize("value", ["US-ZZ", "XX", "Louisiana", "U", 42])
def test_outlets_check_home_region_rejects(resources, value):
    with pytest.raises(UsageError) as exc:
        check_home_region(resources.gazetteer, value, "in sidecar a.json")
    assert exc.value.code == "E024" and exc.value.exit_code == 2
    assert "in sidecar a.json" in str(exc.value)


@pytest.mark.parametrize("counts, expected", [
    ({"US-LA": 3, "US-TX": 1}, "US-LA"),          # 3 places, 75%
    ({"US-LA": 2}, None),                           # too little history (MIN_PLACES 3)
    ({"US-LA": 3, "US-TX": 3, "US-MS": 2}, None),   # no dominant admin1 (37.5% < 40%)
    ({"US-LA": 4, "US-TX": 4, "US-MS": 1}, "US-LA"),  # tie: the smaller code
    ({}, None),
])
def test_outlets_home_region_thresholds(counts, expected):
    assert home_region(Counter(counts)) == expected


def test_outlets_leave_one_out_excludes_own_document():
    outlets = ["kalb.com", "kalb.com", "kalb.com", "other.com", None]
    counts = [Counter({"US-LA": 3}), Counter({"US-LA": 2}), Counter({"US-LA": 1, "US-TX": 1}), Counter({"US-LA": 9}), Counter({"US-LA": 9})]
    # doc 0 sees 3 LA of 4; doc 1 sees 4 of 5; doc 2 sees 5 of 5; other.com has no other document
    assert leave_one_out(outlets, counts) == ["US-LA", "US-LA", "US-LA", None, None]


@pytest.mark.parametrize("url, expected", [
    ("http://www.nola.com/news/2018/01/x.html", "nola.com"), ("https://KALB.com/a", "kalb.com"),
    ("thetowntalk.com/story", "thetowntalk.com"), ("", None), (None, None),
])
def test_outlets_outlet_of_url(url, expected):
    assert outlet_of_url(url) == expected


def test_outlets_admin1_counts_populated_places_only(resources):
    places = [
        Place(id="P1", start=0, end=5, text="Pineville", feature_code="PPL", country_code="US", admin1="Louisiana"),
        Place(id="P2", start=0, end=5, text="Alexandria", feature_code="PPLA2", country_code="US", admin1="Louisiana"),
        Place(id="P3", start=0, end=5, text="Louisiana", feature_code="ADM1", country_code="US", admin1="Louisiana"),
        Place(id="P4", start=0, end=5, text="Paris", feature_code="PPLC", country_code="FR", admin1="Île-de-France"),
        Place(id="P5", start=0, end=5, text="Austin", feature_code="PPLA", country_code="US", admin1="Texas", role="actor"),
    ]
    assert admin1_counts(places, resources.gazetteer) == Counter({"US-LA": 2})


@pytest.mark.slow
def test_outlets_profile_from_three_documents(extract, resources):
    texts = [
        "Deputies in Pineville, La., arrested two men after a break-in at a pharmacy on Monday.",
        "A tornado damaged homes in Alexandria, La., and in Marksville, La., late on Tuesday.",
        "The school board in Natchitoches, La., voted to close a campus near Leesville, La.",
    ]
    counts = Counter()
    for t in texts:
        counts.update(admin1_counts(extract(t).places, resources.gazetteer))
    assert counts["US-LA"] >= 5
    assert home_region(counts) == "US-LA"


def test_outlets_cli_bad_home_region_is_usage_error(tmp_path, capsys):
    from eventcoder.cli.main import main

    article = tmp_path / "a.txt"
    article.write_text("A barn burned near Paris on Monday.", encoding="utf-8")
    assert main(["extract", str(article), "--home-region", "US-ZZ"]) == 2
    assert "E024 bad home region 'US-ZZ'" in capsys.readouterr().err
    (tmp_path / "a.json").write_text(json.dumps({"home_region": "Texas"}), encoding="utf-8")
    assert main(["extract", str(article)]) == 2
    assert "E024 bad home region 'Texas' in sidecar" in capsys.readouterr().err


@pytest.mark.slow
def test_outlets_cli_sidecar_home_region(tmp_path, capsys):
    from eventcoder.cli.main import main

    article = tmp_path / "a.txt"
    article.write_text(SEATTLE_PARIS, encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps({"published": "2021-03-01", "home_region": "us-tx"}), encoding="utf-8")
    assert main(["extract", str(article)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["document"]["home_region"] == "US-TX"
    assert [(p["country_code"], p["admin1"]) for p in out["places"] if p["text"] == "Paris"] == [("US", "Texas")]


def _fake_extractor(seen: list):
    """A stand-in pipeline: every document names two Louisiana towns; records the home region
    each document was extracted with."""
    from eventcoder.model import DocumentMeta, DocumentResult

    def extractor(text, published=None, **kw):
        seen.append(kw.get("home_region"))
        result = DocumentResult(document=DocumentMeta(id=kw.get("id") or text[:8], sha256=__import__("hashlib").sha256(text.encode()).hexdigest(),
                                                      outlet=kw.get("outlet"), url=kw.get("url"), home_region=kw.get("home_region")), text=text)
        result.places = [Place(id="P1", start=0, end=4, text=text[:4], feature_code="PPL", country_code="US", admin1="Louisiana"),
                         Place(id="P2", start=5, end=9, text=text[5:9], feature_code="PPLA2", country_code="US", admin1="Louisiana")]
        return result
    return extractor


def test_outlets_ingest_stores_and_uses_profile(tmp_path, resources):
    from eventcoder.store.db import Store
    from eventcoder.store.ingest import ingest_paths

    folder = tmp_path / "in"
    folder.mkdir()
    for name in "abcd":
        (folder / f"{name}.txt").write_text(f"Story {name}: a levee gave way after the storm.", encoding="utf-8")
        side = {"outlet": "Town Talk", "url": f"https://www.thetowntalk.com/{name}"}
        if name == "d":
            side["home_region"] = "US-TX"  # the document's own home region wins over the profile
        (folder / f"{name}.json").write_text(json.dumps(side), encoding="utf-8")
    seen: list = []
    db = tmp_path / "s.db"
    summary = ingest_paths(db, [folder], extractor=_fake_extractor(seen))
    assert summary.ingested == 4
    # a: no history; b: 2 places (< 3); c: 4 places, all Louisiana; d: its own
    assert seen == [None, None, "US-LA", "US-TX"]
    with Store.open(db) as s:
        assert s.outlet_admin1_counts("town talk") == {"US-LA": 8}
        assert s.outlet_home_region("town talk") == "US-LA"
        assert s.outlet_home_region("other paper") is None
        assert [d.document.home_region for d in s.iter_documents()] == [None, None, "US-LA", "US-TX"]


def test_outlets_store_migration_keeps_old_store(tmp_path):
    import sqlite3

    from eventcoder.store.db import MIGRATIONS, Store

    db = tmp_path / "old.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    for name, sql in MIGRATIONS:
        if name.startswith("0008"):
            break
        conn.executescript(sql)
        conn.execute("INSERT INTO migrations VALUES (?, 'then')", (name,))
    conn.commit()
    conn.close()
    with Store.open(db) as s:
        assert s.migrations()[-1] == "0008_outlet_admin1"
        assert s.outlet_admin1_counts("any") == {}


@pytest.mark.slow
def test_outlets_eval_geoparse_outlet_profile_two_rows(shared_dir, resources, capsys):
    from eventcoder.eval.geoparse import evaluate_outlet_profile, load_corpus

    docs = load_corpus("lgl", limit=6)
    assert all(d.outlet for d in docs)  # LGL <domain>
    both = evaluate_outlet_profile("lgl", limit=6, resources=resources)
    single, profiled = both["single_document"], both["outlet_profile"]
    assert (single["corpus"], profiled["corpus"]) == ("lgl, single document", "lgl, outlet profile")
    assert single["tag_f1"] == profiled["tag_f1"]  # the home region only ranks candidates
    assert 0 <= both["documents_with_profile"] <= 6 and both["outlets"] >= 1


# A country the story evokes by its demonym/adjective ("French police", "Greek") is mentioned:
# the home region does not beat the famous foreign place (re-test defect 26).
@pytest.mark.slow
@pytest.mark.parametrize("text, name, expected", [
    ("French riot police fired tear gas at marchers in Paris on Saturday.", "Paris", ("FR", "Île-de-France", "PPLC")),
    ("Riot police fired tear gas at marchers in Paris on Saturday.", "Paris", ("US", "Texas", "PPL")),
    ("Greek farmers blocked a highway outside Athens with tractors on Friday.", "Athens", ("GR", "Attikí", "PPLC")),
    ("Farmers blocked a highway outside Athens with tractors on Friday.", "Athens", ("US", "Texas", "PPL")),
])
def test_outlets_home_region_not_over_evoked_country(extract, text, name, expected):
    p = next(p for p in extract(text, home_region="US-TX").places if p.text == name)
    assert (p.country_code, p.admin1, p.feature_code) == expected
    assert ("home_over_unmentioned_country" in p.reason) == (expected[0] == "US")


@pytest.mark.slow
def test_outlets_profile_home_region_not_over_evoked_country(extract, resources):
    # the home region learned from the outlet's other stories, then a French story of that outlet
    texts = [
        "Deputies in Tyler, Texas, arrested a man after a chase on Monday.",
        "A storm knocked down power lines in Longview, Texas, and in Marshall, Texas, overnight.",
        "The school board in Lufkin, Texas, approved a new campus near Nacogdoches, Texas.",
    ]
    counts = Counter()
    for t in texts:
        counts.update(admin1_counts(extract(t).places, resources.gazetteer))
    home = home_region(counts)
    assert home == "US-TX"
    story = "French riot police fired tear gas at marchers in Paris on Saturday."
    p = next(p for p in extract(story, home_region=home).places if p.text == "Paris")
    assert (p.country_code, p.feature_code) == ("FR", "PPLC")


# The E024 hint lists admin1 codes only for an input shaped CC-XXX with a real country (defect 28).
@pytest.mark.parametrize("value, hint", [
    ("garbage", None), ("Gabon-ish", None), ("ZZ-1", None), ("USA", None),
    ("US-XX", "US admin1 codes include US-AL"), ("gb-zzz", "GB admin1 codes include"),
])
def test_outlets_check_home_region_hint(resources, value, hint):
    with pytest.raises(UsageError) as exc:
        check_home_region(resources.gazetteer, value)
    msg = str(exc.value)
    assert "US-LA, GB-ENG, UA-65" in msg  # the format is always given
    if hint is None:
        assert "admin1 codes include" not in msg
    else:
        assert hint in msg


# extract --format jsonl: a bad per-record home_region is that line's error record, the other
# lines are processed, exit 6; a bad --home-region option stays a usage error (defect 27).
@pytest.mark.slow
def test_outlets_cli_jsonl_bad_record_home_region(tmp_path, capsys):
    from eventcoder.cli.main import main

    path = tmp_path / "in.jsonl"
    path.write_text(
        json.dumps({"id": "a", "text": "A barn burned near Paris on Monday.", "home_region": "ZZ-1"}) + "\n"
        + json.dumps({"id": "b", "text": "A barn burned near Paris on Monday.", "home_region": "US-TX"}) + "\n",
        encoding="utf-8")
    assert main(["extract", str(path)]) == 6
    captured = capsys.readouterr()
    lines = [json.loads(x) for x in captured.out.splitlines()]
    assert [x["document"]["id"] for x in lines] == ["a#1", "b"]
    assert (lines[0]["error"]["code"], lines[0]["error"]["line"], lines[0]["error"]["id"]) == ("E024", 1, "a")
    assert [(p["country_code"], p["admin1"]) for p in lines[1]["places"] if p["text"] == "Paris"] == [("US", "Texas")]
    assert "line 1: E024 bad home region 'ZZ-1'" in captured.err
    assert main(["extract", str(path), "--home-region", "garbage"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "E024 bad home region 'garbage'" in captured.err


def test_outlets_cli_help_says_country_only_is_weak(capsys):
    from eventcoder.cli.main import main

    with pytest.raises(SystemExit):
        main(["extract", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "A country-only home region (--home-region US) is weak" in out
