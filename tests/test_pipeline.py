"""The pipeline and the output contract: schema validity, exact spans, bad input."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from eventcoder.documents import decode_bytes
from eventcoder.errors import InputError, PipelineError
from eventcoder.model import DocumentResult
from eventcoder.pipeline import load_stages
from eventcoder.schema import validate

TEXT = (
    "Russian troops shelled the town of Kupiansk in the Kharkiv region late on Thursday, "
    "killing three people, the regional governor said on Telegram.\n\n"
    "Turkish President Recep Tayyip Erdogan met Vladimir Putin in Astana on Friday."
)


def _all_spans(record: dict):
    for key in ("places", "times", "quantities"):
        for item in record[key]:
            yield item
    for entity in record["entities"]:
        yield from entity["mentions"]
    for attribution in record["attributions"]:
        yield attribution["cue"]
        if attribution["source"]:
            yield attribution["source"]
        yield from attribution["via"]
    for event in record["events"]:
        yield event["trigger"]


@pytest.mark.slow
def test_pipeline_output_is_valid_eventcoder1_with_exact_spans(extract):
    result = extract(TEXT, published="2023-03-03")
    record = result.to_dict()
    validate(record)
    for span in _all_spans(record):
        assert TEXT[span["start"]:span["end"]] == span["text"]
    content_spans = [a["content"] for a in record["attributions"]]
    for span in content_spans:
        assert 0 <= span["start"] <= span["end"] <= len(TEXT)


@pytest.mark.slow
def test_pipeline_round_trips_through_dict(extract):
    result = extract(TEXT, published="2023-03-03")
    again = DocumentResult.from_dict(json.loads(json.dumps(result.to_dict(include_text=True))))
    assert again.to_dict(include_text=True) == result.to_dict(include_text=True)


@pytest.mark.parametrize(
    "data, code",
    [(b"", "E001"), (b"   \n\t ", "E001"), (b"\x89PNG\r\n\x1a\n\x00\x00", "E002"), (b"caf\xe9 bombing", "E003")],
)
def test_documents_bad_bytes_raise_coded_input_errors(data, code):
    with pytest.raises(InputError) as info:
        decode_bytes(data, where="x.txt")
    assert info.value.code == code


def test_documents_replace_mode_records_a_warning():
    text, warnings = decode_bytes(b"caf\xe9 bombing", errors="replace")
    assert text == "caf\ufffd bombing"
    assert warnings and warnings[0].startswith("W002")


def test_pipeline_rejects_bad_stage_order():
    with pytest.raises(PipelineError):
        load_stages(["events", "parse"])


@pytest.mark.slow
def test_pipeline_without_publication_date_warns_instead_of_guessing(extract):
    result = extract("Shelling hit Kharkiv on Thursday, officials said.", published=None)
    assert any(w.startswith("W001") for w in result.warnings)
    assert all(t.value is None or not t.value.startswith("20") for t in result.times if t.text == "Thursday")


@pytest.mark.slow
def test_pipeline_large_document_is_chunked_with_exact_offsets(resources):
    import eventcoder
    from eventcoder.resources import Resources
    from eventcoder.settings import Settings

    small = Resources(Settings.load(chunk_chars=400))
    small.__dict__["nlp"] = resources.nlp  # share the loaded model
    small.__dict__["gazetteer"] = resources.gazetteer
    text = "\n\n".join([TEXT] * 6)
    result = eventcoder.extract(text, "2023-03-03", resources=small)
    assert any(w.startswith("W005") for w in result.warnings)
    for span in _all_spans(result.to_dict()):
        assert text[span["start"]:span["end"]] == span["text"]


def _cli(*args, stdin=b""):
    return subprocess.run([sys.executable, "-m", "eventcoder", *args], input=stdin, capture_output=True)


@pytest.mark.parametrize("stdin, code", [(b"", 3), (b"\x00\x01\x02binary", 3)])
def test_cli_bad_input_gives_clear_error_and_exit_code(stdin, code):
    proc = _cli("extract", "-", stdin=stdin)
    assert proc.returncode == code
    assert b"Traceback" not in proc.stderr
    assert b"eventcoder: error: E00" in proc.stderr


def test_cli_missing_file_exit_code(tmp_path):
    proc = _cli("extract", str(tmp_path / "nope.txt"))
    assert proc.returncode == 3 and b"E012" in proc.stderr


def test_cli_directory_is_not_called_missing(tmp_path):
    proc = _cli("extract", str(tmp_path))
    assert proc.returncode == 3 and b"E017" in proc.stderr and b"Traceback" not in proc.stderr


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_documents_utf16_with_bom_is_decoded_with_a_warning(encoding):
    data = "Shelling hit Kharkiv.".encode(encoding)
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        data = b"\xfe\xff" + data  # utf-16-be has no BOM by itself
    text, warnings = decode_bytes(data)
    assert text == "Shelling hit Kharkiv."
    assert warnings and warnings[0].startswith("W008")


def test_documents_latin1_error_names_the_way_out():
    with pytest.raises(InputError) as info:
        decode_bytes("Café bombing".encode("latin-1"))
    assert "--replace-bad-bytes" in str(info.value)


@pytest.mark.parametrize("command", [[], ["extract"]])
def test_cli_help_has_an_example(command):
    proc = _cli(*command, "--help")
    assert proc.returncode == 0
    assert b"example" in proc.stdout


@pytest.mark.slow
def test_cli_jsonl_keeps_order_ids_and_reports_bad_lines(tmp_path):
    lines = [
        json.dumps({"id": "a1", "text": "Protesters marched in Tbilisi on Friday.", "published": "2024-03-08"}),
        "{not json",
        json.dumps({"id": "c3", "text": "", "published": "2024-03-08"}),
        "",
        json.dumps({"id": "e5", "text": 42}),
        json.dumps({"id": "d4", "text": "Shelling hit Kherson on Monday.", "published": "2024-03-08"}),
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = _cli("extract", "--format", "jsonl", str(path))
    out = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert proc.returncode == 6
    # the blank line 4 is skipped (as ingest does) and counted on stderr
    # an error record's id is "<id>#<line>" (never a good record's id), the line's id is in the error
    assert [o["document"]["id"] for o in out] == ["a1", "line-2", "c3#3", "e5#5", "d4"]
    assert [o.get("error", {}).get("code") for o in out] == [None, "E008", "E001", "E008", None]
    assert [(o["error"]["line"], o["error"]["id"]) for o in out if "error" in o] == [(2, None), (3, "c3"), (5, "e5")]
    assert b"skipped 1 blank line" in proc.stderr
    assert "column" in out[1]["error"]["message"]
    for record in out:
        validate(record)


def test_cli_oversized_document_gets_a_clear_error(tmp_path):
    """A text over settings.max_chars is refused up front (E004), before any parsing."""
    import os

    path = tmp_path / "big.txt"
    path.write_text("Shelling hit Kharkiv on Monday, officials said. " * 200, encoding="utf-8")
    env = {**os.environ, "EVENTCODER_MAX_CHARS": "5000"}
    proc = subprocess.run([sys.executable, "-m", "eventcoder", "extract", str(path)], capture_output=True, env=env)
    assert proc.returncode == 3
    assert b"E004" in proc.stderr and b"EVENTCODER_MAX_CHARS" in proc.stderr and b"Traceback" not in proc.stderr


# --- over-long paragraphs and sentences (run-on input) --------------------------------------------

RUN_ON = "Militants attacked a convoy near Kidal on Sunday killing four soldiers witnesses said "


@pytest.mark.parametrize("tokens, limit, commas_at, expected", [
    (40, 150, (), []),              # ordinary length: nothing forced
    (320, 150, (), [150, 300]),     # no comma: cut at the limit
    (320, 150, (120,), [121, 271]),  # a comma near the limit: cut after it
    (320, 150, (30,), [150, 300]),  # a comma too far back: cut at the limit
])
def test_parse_cap_sentences_marks_forced_starts(resources, tokens, limit, commas_at, expected):
    from eventcoder.stages.parse import cap_sentences

    words = ["," if i in commas_at else "word" for i in range(tokens)]
    doc = resources.nlp.make_doc(" ".join(words))
    assert cap_sentences(doc, limit) == len(expected)
    assert [t.i for t in doc if t.is_sent_start and t.i > 0] == expected


@pytest.mark.parametrize("text", [
    "Troops left the city. Shelling resumed on Monday; two died. Was it over? No!\n" * 40,
    "Troops left the city\nShelling resumed on Monday\n" * 40,
])
def test_parse_cap_sentences_leaves_punctuated_text_alone(resources, text):
    from eventcoder.stages.parse import cap_sentences

    assert cap_sentences(resources.nlp.make_doc(text), 150) == 0


@pytest.mark.slow
def test_pipeline_run_on_line_is_split_with_exact_offsets_and_w011(resources):
    import eventcoder
    from eventcoder.resources import Resources
    from eventcoder.settings import Settings

    small = Resources(Settings.load(chunk_chars=2000))
    small.__dict__["nlp"] = resources.nlp
    small.__dict__["gazetteer"] = resources.gazetteer
    text = RUN_ON * 60  # ~5,000 chars, ~840 tokens, no punctuation, one paragraph
    result = eventcoder.extract(text, "2023-03-03", resources=small)
    w011 = [w for w in result.warnings if w.startswith("W011")]
    assert len(w011) == 1 and "W005" in " ".join(result.warnings)
    assert result.text == text
    for span in _all_spans(result.to_dict()):
        assert text[span["start"]:span["end"]] == span["text"]
    assert len(result.events) >= 50  # the attacks are still found


def test_parse_chunk_text_cuts_a_long_paragraph_at_spaces():
    from eventcoder.stages.parse import chunk_text

    text = RUN_ON * 30
    pieces = chunk_text(text, 500)
    assert "".join(pieces) == text
    assert max(len(p) for p in pieces) <= 500
    assert all(p.endswith(" ") for p in pieces[:-1])



def _fake_extract(text, published=None, **kw):
    """Stands in for the NLP pipeline: an empty result with the given id."""
    from eventcoder.documents import sha256_text
    from eventcoder.model import DocumentMeta

    return DocumentResult(document=DocumentMeta(id=kw.get("id"), sha256=sha256_text(text)), text=text)


@pytest.mark.parametrize("line, error_id, detail", [
    ('{"id": "b", "text": 42}', "b#2", 'E008 bad JSONL line 2: expected a JSON object with a "text" string'),
    ('[1, 2]', "line-2", 'E008 bad JSONL line 2: expected a JSON object with a "text" string'),
    ('{"id": "a", "text": "Police detained two journalists in Minsk."}', "a#2",
     "E021 duplicate document id 'a' at line 2: line 1 has the same id; ids must be unique"),
])
def test_cli_jsonl_error_records_have_their_own_id_and_ingest_wording(tmp_path, monkeypatch, capsys,
                                                                      line, error_id, detail):
    """The error record of line 2 never reuses the good line 1's id ("a"); extract and ingest
    word a missing "text" the same way."""
    import argparse

    from eventcoder.cli import extract as cli_extract
    from eventcoder.store.ingest import ingest_paths

    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "Protesters marched in Tbilisi."}) + "\n" + line + "\n")
    monkeypatch.setattr(cli_extract, "extract", _fake_extract)
    monkeypatch.setattr(cli_extract, "_resources", lambda args: None)
    args = argparse.Namespace(input=str(path), format="jsonl", include_text=False, cameo_dictionary=None)
    assert cli_extract._run_jsonl(args) == 6
    records = [json.loads(l) for l in capsys.readouterr().out.splitlines()]
    assert [r["document"]["id"] for r in records] == ["a", error_id]
    assert records[1]["error"]["message"] == detail
    assert records[1]["error"]["line"] == 2
    validate(records[1])
    if "E008" in detail:
        summary = ingest_paths(tmp_path / "s.db", [path], extractor=_fake_extract)
        assert summary.errors == [(f"{path}:2", detail)]


@pytest.mark.parametrize("data, warning, has_text", [
    ("Shelling hit \u202eKharkiv\u202c overnight.".encode(), "W010", True),
    (b"\xef\xbb\xbfShelling hit Kharkiv overnight.", "W007", True),
    ("Shelling hit Kharkiv overnight.".encode("utf-16"), "W008", True),
    (b"Shelling hit Kharkiv overnight.", None, False),
])
def test_cli_output_carries_the_text_offsets_index_when_it_differs(tmp_path, monkeypatch, capsys, data, warning,
                                                                    has_text):
    """README: offsets slice the text as decoded and normalised; when that differs from the
    input, the output carries it under "text"."""
    from eventcoder.cli import extract as cli_extract
    from eventcoder.cli.main import main

    def fake(text, published=None, **kw):
        result = _fake_extract(text, published, **{**kw, "id": "d1"})
        result.warnings = list(kw.get("warnings") or [])
        return result

    monkeypatch.setattr(cli_extract, "extract", fake)
    monkeypatch.setattr(cli_extract, "_resources", lambda args: None)
    path = tmp_path / "in.txt"
    path.write_bytes(data)
    assert main(["extract", str(path), "--published", "2024-03-08"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert ("text" in out) == has_text
    assert [w[:4] for w in out["warnings"]] == ([warning] if warning else [])
    if has_text:
        assert out["text"] == "Shelling hit Kharkiv overnight."
        assert out["text"][13:20] == "Kharkiv"
    validate(out)
