"""Input documents: invisible format characters, implausible publication dates, non-English text.

Sentences are written for these tests (invented news-style facts)."""
from __future__ import annotations

import json
import sys
import unicodedata

import pytest

from eventcoder.documents import FORMAT_CHARS, decode_bytes, normalize_text
from eventcoder.schema import validate


def test_documents_format_char_class_is_unicode_category_cf():
    cf = {chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"}
    matched = {chr(c) for c in range(sys.maxunicode + 1) if FORMAT_CHARS.fullmatch(chr(c))}
    assert matched == cf


@pytest.mark.parametrize("text, expected, count", [
    ("The gov\u200dernor said three people died.", "The governor said three people died.", 1),
    ("Shelling hit \u202eKharkiv\u202c overnight.", "Shelling hit Kharkiv overnight.", 2),
    ("Police de\u00adtained 40 pro\u00adtesters.", "Police detained 40 protesters.", 2),
    ("Troops entered\u200b Mosul\ufeff on Monday.", "Troops entered Mosul on Monday.", 2),
    ("Troops entered Mosul on Monday.", "Troops entered Mosul on Monday.", 0),
    ("Café owners in Zürich protested.", "Café owners in Zürich protested.", 0),
])
def test_documents_normalize_text_removes_invisible_format_characters(text, expected, count):
    cleaned, warnings = normalize_text(text)
    assert cleaned == expected
    assert [w.split(" ", 2)[:2] for w in warnings] == ([["W010", "removed"]] if count else [])
    if count:
        assert f"removed {count} invisible" in warnings[0]
    assert normalize_text(cleaned) == (cleaned, [])  # idempotent


@pytest.mark.parametrize("data, expected, codes", [
    ("Rebels shelled \u202aGoma\u202c.".encode("utf-8"), "Rebels shelled Goma.", ["W010"]),
    (b"\xef\xbb\xbfRebels shelled Goma.", "Rebels shelled Goma.", ["W007"]),
    ("\ufeffRebels shelled Go\u200dma.".encode("utf-16"), "Rebels shelled Goma.", ["W008", "W010"]),
])
def test_documents_decode_bytes_normalizes_format_characters(data, expected, codes):
    text, warnings = decode_bytes(data)
    assert text == expected
    assert [w[:4] for w in warnings] == codes


@pytest.mark.parametrize("data", [b"\x00\x01\x02binary", "Rebels shelled Goma.\x00 Then more.".encode()])
def test_documents_nul_bytes_stay_an_error(data):
    from eventcoder.errors import InputError

    with pytest.raises(InputError) as exc:
        decode_bytes(data)
    assert exc.value.code == "E002"


@pytest.mark.slow
@pytest.mark.parametrize("text, place, country", [
    ("Russian forces shelled \u202eKharkiv\u202c on Monday, the governor said.", "Kharkiv", "UA"),
    ("Russian forces shelled Khar\u00adkiv on Monday, the governor said.", "Kharkiv", "UA"),
])
def test_documents_format_characters_do_not_hide_places(extract, text, place, country):
    result = extract(text)
    assert any(w.startswith("W010") for w in result.warnings)
    hits = [p for p in result.places if p.text == place]
    assert hits and hits[0].country_code == country
    for p in result.places:
        assert result.text[p.start:p.end] == p.text


@pytest.mark.slow
def test_documents_jsonl_text_field_is_normalized_like_files(tmp_path):
    from eventcoder.cli.main import main

    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": "The gov\u200dernor of Kharkiv said two people died.",
                               "published": "2022-10-14"}) + "\n", encoding="utf-8")
    import contextlib
    import io

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        code = main(["extract", str(src), "--format", "jsonl", "--include-text"])
    assert code == 0
    record = json.loads(buf.getvalue().splitlines()[0])
    assert record["text"] == "The governor of Kharkiv said two people died."
    assert any(w.startswith("W010") for w in record["warnings"])


@pytest.mark.parametrize("published, today, code", [
    ("2022-10-14", "2026-11-29", None),
    ("2026-11-30", "2026-11-29", None),          # today + 1 day: a time zone ahead of UTC
    ("2026-12-01", "2026-11-29", "W012"),        # two days ahead
    ("2099-01-01", "2026-11-29", "W012"),
    ("1900-01-01", "2026-11-29", None),
    ("1899-12-31", "2026-11-29", "W012"),
    ("0001-01-01", "2026-11-29", "W012"),
    (None, "2026-11-29", None),
])
def test_documents_check_published_flags_implausible_dates(published, today, code):
    import datetime as dt

    from eventcoder.documents import check_published

    message = check_published(published, dt.date.fromisoformat(today))
    assert (message[:4] if message else None) == code
    if message:
        assert published in message


@pytest.mark.slow
@pytest.mark.parametrize("published, w012", [("2099-01-01", True), ("0001-01-01", True), ("2021-06-02", False)])
def test_documents_implausible_publication_date_is_warned_and_events_kept(extract, published, w012):
    text = ("Gunmen attacked a police station in Kano last month, killing two officers. "
            "In February, troops arrested 12 suspects, the army said on Tuesday.")
    result = extract(text, published)
    assert any(w.startswith("W012") for w in result.warnings) == w012
    baseline = extract(text, "2021-06-02")
    assert [e.trigger.text for e in result.events] == [e.trigger.text for e in baseline.events]
    assert result.events


@pytest.mark.parametrize("text, flagged", [
    ("Les forces russes ont bombardé la ville de Kharkiv lundi, tuant trois civils, selon les autorités "
     "régionales. Le gouverneur a déclaré que les secours étaient sur place et que deux immeubles avaient "
     "été détruits.", "stop words"),
    ("قصفت القوات الروسية مدينة خاركيف يوم الاثنين مما أسفر عن مقتل ثلاثة مدنيين حسبما قال مسؤولون "
     "إقليميون. وقال الحاكم إن فرق الإنقاذ موجودة في المكان وإن مبنيين دمرا بالكامل", "Latin script"),
    ("Las fuerzas rusas bombardearon la ciudad de Járkov el lunes y mataron a tres civiles, según las "
     "autoridades regionales. El gobernador dijo que los equipos de rescate estaban en el lugar.", "stop words"),
    ("Russian forces shelled the city of Kharkiv on Monday, killing three civilians, regional officials "
     "said. The governor said rescue teams were at the scene and that two buildings had been destroyed.", None),
    ("Les forces russes ont bombardé Kharkiv.", None),  # too short to judge
    # short texts: non-Latin script from 3 words, a Latin text without English stop words from 8
    ("Российские войска обстреляли Харьков во вторник, убив двух мирных жителей, сообщил губернатор.",
     "Latin script"),
    ("Войска обстреляли Харьков.", "Latin script"),
    ("Обстрел Харькова.", None),                          # 2 words: not judged
    ("Les forces russes ont bombardé Kharkiv mardi, tuant deux civils, a déclaré le gouverneur.",
     "stop words"),
    ("Die russischen Truppen beschossen die Stadt Charkiw am Dienstag, teilte der Gouverneur mit.", "stop words"),
    ("Police detained 40 protesters in Minsk on Sunday.", None),
    ("Russian missile strike kills three civilians in Kharkiv, governor says.", None),
    ("Ukrainian drones hit Russian oil depot near Novorossiysk port.", None),  # headline: "near" is a stop word
])
def test_documents_language_check_flags_non_english(resources, text, flagged):
    from eventcoder.stages.parse import language_check

    reason = language_check(resources.nlp.make_doc(text))
    assert (reason is None) == (flagged is None)
    if flagged:
        assert flagged in reason


@pytest.mark.slow
def test_documents_non_english_text_gets_w014_and_still_outputs(extract):
    text = ("Des manifestants ont été arrêtés à Tbilissi mercredi après que la police a dispersé un "
            "rassemblement devant le parlement, selon le ministère de l'Intérieur géorgien.")
    result = extract(text)
    assert [w[:4] for w in result.warnings if w.startswith("W014")] == ["W014"]
    assert "English only" in next(w for w in result.warnings if w.startswith("W014"))
    assert result.text == text
    assert result.document.language == "und"   # ISO 639-2 undetermined, not "en"
    validate(result.to_dict())
    assert extract("Police detained 40 protesters in Minsk on Sunday.").document.language == "en"


# --- publication date of a text file: --published, else sidecar, else the file name ----------

@pytest.mark.parametrize("name, side, option, published, source", [
    ("wire-2024-06-25-kenya.txt", None, None, "2024-06-25", "file name"),
    ("wire-2024-06-25-kenya.txt", {"published": "2024-06-27"}, None, "2024-06-27", "sidecar"),
    ("wire-2024-06-25-kenya.txt", {"published": "2024-06-27"}, "2024-06-28", "2024-06-28", "option"),
    ("kenya.txt", {"outlet": "Daily Wire"}, None, None, None),
    ("kenya-20240625.txt", None, None, None, None),              # not YYYY-MM-DD
])
def test_documents_file_metadata_date_order(tmp_path, name, side, option, published, source):
    from eventcoder.documents import file_metadata

    path = tmp_path / name
    path.write_text("Police fired tear gas at protesters in Nairobi on Tuesday.\n")
    if side is not None:
        path.with_suffix(".json").write_text(json.dumps(side))
    meta = file_metadata(path, published=option)
    assert (meta.published, meta.published_from, meta.warnings) == (published, source, [])


def test_documents_file_metadata_bad_sidecar_w009(tmp_path):
    from eventcoder.documents import file_metadata

    path = tmp_path / "wire-2024-06-25.txt"
    path.write_text("Police fired tear gas at protesters in Nairobi on Tuesday.\n")
    path.with_suffix(".json").write_text("[1]")
    meta = file_metadata(path)
    assert (meta.published, meta.published_from) == ("2024-06-25", "file name")
    assert [w[:4] for w in meta.warnings] == ["W009"]


@pytest.mark.parametrize("side, args, published, outlet, note", [
    ({"published": "2024-06-27", "outlet": "Daily Wire", "id": "k1"}, [], "2024-06-27", "Daily Wire", "sidecar"),
    (None, [], "2024-06-25", None, "file name"),
    ({"published": "2024-06-27"}, ["--published", "2024-06-28", "--outlet", "Star"], "2024-06-28", "Star", None),
])
def test_documents_extract_cli_uses_the_ingest_date_rule(tmp_path, monkeypatch, capsys, side, args, published,
                                                         outlet, note):
    """`eventcoder extract file.txt` reads the sidecar and the file-name date as ingest does."""
    from eventcoder.cli import extract as cli_extract
    from eventcoder.cli.main import main
    from eventcoder.documents import sha256_text
    from eventcoder.model import DocumentMeta, DocumentResult

    def fake(text, published=None, **kw):
        doc = DocumentMeta(id=kw.get("id") or "x", sha256=sha256_text(text), published=published,
                           outlet=kw.get("outlet"))
        return DocumentResult(document=doc, text=text, warnings=list(kw.get("warnings") or []))

    monkeypatch.setattr(cli_extract, "extract", fake)
    monkeypatch.setattr(cli_extract, "_resources", lambda args: None)
    path = tmp_path / "kenya-2024-06-25-wire.txt"
    path.write_text("Police fired tear gas at protesters in Nairobi on Tuesday.\n")
    if side is not None:
        path.with_suffix(".json").write_text(json.dumps(side))
    assert main(["extract", str(path), *args]) == 0
    captured = capsys.readouterr()
    document = json.loads(captured.out)["document"]
    assert (document["published"], document["outlet"]) == (published, outlet)
    if side and "id" in side and not args:
        assert document["id"] == side["id"]
    if note:
        assert f"publication date {published} from the {note}" in captured.err
    else:
        assert "publication date" not in captured.err


# --- the public API refuses what is not text with a coded error (session 3) ----------------

@pytest.mark.parametrize("value, kind", [
    (None, "None"), (123, "of type int"), (4.5, "of type float"), (b"Troops entered Mosul.", "of type bytes"),
    (["Troops entered Mosul."], "of type list"),
])
def test_documents_extract_non_text_is_e023(value, kind):
    import eventcoder
    from eventcoder.errors import InputError
    with pytest.raises(InputError) as exc:
        eventcoder.extract(value, "2023-05-10")
    assert exc.value.code == "E023" and exc.value.exit_code == 3
    assert str(exc.value).startswith(f"E023 not text: text is {kind}, expected a str")


@pytest.mark.parametrize("value, code", [("", "E001"), ("   \n", "E001")])
def test_documents_extract_empty_text_is_e001(value, code):
    import eventcoder
    from eventcoder.errors import InputError
    with pytest.raises(InputError) as exc:
        eventcoder.extract(value)
    assert exc.value.code == code
