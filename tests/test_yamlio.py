"""yamlio.py: hardened reading (strings stay strings, no tricks) and readable writing."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from spredning.core import yamlio
from spredning.core.yamlio import YamlProblem
from spredning.i18n import render


def problem(text: str) -> str:
    with pytest.raises(YamlProblem) as info:
        yamlio.loads(text)
    return render(info.value.message)


# --- Reading -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "no",
        "NO",
        "No",
        "yes",
        "on",
        "off",
        "true",
        "False",
        "y",
        "n",
        "12:30",
        "0123",
        "0x1f",
        "0o17",
        "2024-01-02",
        "2024-01-02 12:30:00",
        "~",
        "null",
        "1e3",
        ".inf",
        "-.inf",
        ".nan",
        "3.14",
        "42",
        "1_000",
    ],
)
def test_plain_scalars_stay_the_strings_they_were(value):
    assert yamlio.loads(f"svar: {value}\n") == {"svar": value}
    assert yamlio.loads(f"{value}: svar\n") == {value: "svar"}
    assert yamlio.loads(f"- {value}\n") == [value]


def test_explicit_str_tag_is_allowed():
    assert yamlio.loads("svar: !!str 3\n") == {"svar": "3"}


def test_control_characters_in_the_file_are_a_yaml_problem():
    assert "U+0007" in problem("svar: a\x07b\n")


def test_empty_value_is_an_empty_string():
    assert yamlio.loads("svar:\n") == {"svar": ""}


def test_nested_structure_and_danish_text():
    text = "navn: Høst\nmål:\n  dele:\n    - Del gevinsterne – også de små.\n"
    assert yamlio.loads(text) == {"navn": "Høst", "mål": {"dele": ["Del gevinsterne – også de små."]}}


def test_duplicate_keys_are_rejected_with_key_and_line():
    message = problem("navn: Tjek\nnummer: 1\nnavn: Test\n")
    assert "'navn'" in message
    assert "to gange" in message
    assert "linje 3" in message


def test_duplicate_keys_are_rejected_in_nested_mappings():
    assert "'a'" in problem("ydre:\n  a: 1\n  a: 2\n")


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",
        "a: &x 1\n",
        "a: &x [1, 2]\nb: *x\n",
        "- &x {a: 1}\n- *x\n",
    ],
)
def test_anchors_and_aliases_are_rejected(text):
    assert "(& og *)" in problem(text)


def test_merge_keys_are_rejected():
    assert "ikke tilladt" in problem("a: {b: 1}\nc:\n  <<: {d: 2}\n")


@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/object/apply:os.getcwd []\n",
        "a: !!python/name:os.getcwd\n",
        "!!python/object:collections.OrderedDict {}\n",
        "a: !ukendt x\n",
        "a: !!int 3\n",
        "a: !!bool yes\n",
        "a: !!binary aGk=\n",
        "a: !!timestamp 2024-01-02\n",
        "!!set {a, b}\n",
    ],
)
def test_python_unknown_and_typed_tags_are_rejected(text):
    assert "ulovlig YAML-type" in problem(text)


@pytest.mark.parametrize("text", ["{[a]: 1}\n", "? [a]\n: 1\n", "? {a: b}\n: 1\n"])
def test_non_text_keys_are_a_yaml_problem(text):
    assert "linje" in problem(text)


def test_broken_syntax_names_line_and_column():
    message = problem("a: 1\nb: c: d\n")
    assert message.startswith("filen er ikke gyldig YAML (linje 2, kolonne")


def test_more_than_one_document_is_rejected():
    assert "ikke gyldig YAML" in problem("a: 1\n---\nb: 2\n")


def nested(levels: int) -> str:
    return "[" * levels + "x" + "]" * levels


def test_depth_up_to_the_cap_is_accepted():
    value = yamlio.loads(nested(yamlio.MAX_DEPTH))
    for _ in range(yamlio.MAX_DEPTH):
        (value,) = value
    assert value == "x"


def test_depth_beyond_the_cap_is_rejected():
    assert f"dybere end {yamlio.MAX_DEPTH} niveauer" in problem(nested(yamlio.MAX_DEPTH + 1))


def test_very_deep_nesting_is_a_yaml_problem_not_a_crash():
    problem(nested(5_000))  # the parser's own limit or ours; either way a YamlProblem


def test_size_cap_applies_to_file_bytes():
    assert yamlio.decode(b"a" * yamlio.MAX_BYTES) == "a" * yamlio.MAX_BYTES
    with pytest.raises(YamlProblem) as info:
        yamlio.decode(b"a" * (yamlio.MAX_BYTES + 1))
    assert "for stor" in render(info.value.message)


def test_utf8_with_bom_is_accepted():
    data = "\ufeffnavn: Høst\n".encode()
    assert data.startswith(b"\xef\xbb\xbf")
    assert yamlio.loads(yamlio.decode(data)) == {"navn": "Høst"}


def test_latin1_is_rejected_with_a_danish_message():
    with pytest.raises(YamlProblem) as info:
        yamlio.decode("navn: Høst\n".encode("latin-1"))
    message = render(info.value.message)
    assert "ikke gemt som UTF-8" in message
    assert "linje 1, kolonne 8" in message


# --- Writing -------------------------------------------------------------------------------------


def test_dumps_writes_multiline_text_as_literal_block_and_round_trips():
    data = {"svar": "Første linje\nAnden linje\n", "uden-slutlinje": "a\nb"}
    text = yamlio.dumps(data)
    assert "svar: |\n  Første linje\n  Anden linje\n" in text
    assert "uden-slutlinje: |-\n  a\n  b\n" in text
    assert yamlio.loads(text) == data


def test_dumps_keeps_danish_letters_and_key_order():
    data = {"ø": "Østergård – ‘citat’ “citat”", "æ": "æble", "å": ["Århus"]}
    text = yamlio.dumps(data)
    assert "Østergård – ‘citat’ “citat”" in text
    assert "\\u" not in text and "\\x" not in text
    assert text.index("ø:") < text.index("æ:") < text.index("å:")
    assert yamlio.loads(text) == data


def test_dumps_quotes_strings_that_would_read_back_as_other_types_elsewhere():
    # Other YAML readers (and people) must see text, not booleans or numbers.
    text = yamlio.dumps({"a": "no", "b": "0123", "c": "12:30"})
    assert yaml.safe_load(text) == {"a": "no", "b": "0123", "c": "12:30"}


def test_emoji_stay_as_typed_in_a_literal_block():
    # libyaml's emitter would write "\U0001F44D" and turn the answer into one quoted line
    data = {"svar": "Det gik godt 👍\nAnden linje", "kort": "Ja 🙂"}
    text = yamlio.dumps(data)
    assert "svar: |-\n  Det gik godt 👍\n  Anden linje\n" in text
    assert "kort: Ja 🙂\n" in text
    assert yamlio.loads(text) == data


def test_tabs_pasted_from_a_spreadsheet_stay_tabs_in_a_literal_block():
    # libyaml's (and PyYAML's own) choice would be one quoted line: "Kolonne1\tKolonne2\nLinje to..."
    data = {"svar": "Navn\tAntal\nOdense\t12\nÆrø\t3", "kort": "a\tb"}
    text = yamlio.dumps(data)
    assert "svar: |-\n  Navn\tAntal\n  Odense\t12\n  Ærø\t3\n" in text
    assert "kort: |-\n  a\tb\n" in text
    assert yamlio.loads(text) == data
    assert yaml.safe_load(text) == data  # the pure-Python reader too


@given(st.text(st.sampled_from("ab æ\t\n"), max_size=40))
def test_any_text_with_tabs_and_blanks_reads_back_as_written(value):
    text = yamlio.dumps({"svar": value, "efter": "x"})
    assert yamlio.loads(text) == {"svar": value, "efter": "x"}
    assert yaml.safe_load(text) == {"svar": value, "efter": "x"}


def test_only_text_beyond_u_ffff_leaves_the_c_emitter(monkeypatch):
    class Refuses(yaml.SafeDumper):
        def __init__(self, *args, **kwargs):
            raise AssertionError("the pure-Python emitter was used")

    monkeypatch.setattr(yamlio, "_PythonDumper", Refuses)
    assert yamlio.dumps({"svar": "æøå – “citat” \ufffd 漢字"})
    with pytest.raises(AssertionError):
        yamlio.dumps({"a": ["x", {"b": "🙂"}]})


# Answers are keyed by question ids; the values are whatever a person typed or pasted.
question_ids = st.from_regex(r"[a-z0-9][a-z0-9.-]{0,40}", fullmatch=True)
answers = st.text(st.characters(exclude_categories=("Cs",)), max_size=80)


@given(st.dictionaries(question_ids, answers, max_size=4))
def test_dumps_then_loads_gives_back_the_same_answers(data):
    assert yamlio.loads(yamlio.dumps(data)) == data


@pytest.mark.parametrize("value", ["a\x85b", "\x85", "a\n\x85b", "a\u2028b", "a\u2029b", "👍\u2028b\n"])
def test_unicode_line_breaks_survive_a_round_trip(value):
    assert yamlio.loads(yamlio.dumps({"svar": value})) == {"svar": value}


# --- libyaml ---------------------------------------------------------------------------------------


def test_pyyaml_on_this_machine_has_libyaml():
    assert yaml.__with_libyaml__


def test_the_c_parser_and_emitter_are_used():
    from yaml._yaml import CEmitter, CParser

    assert yamlio.WITH_LIBYAML is True
    assert CParser in yamlio._StrictLoader.__mro__
    assert CEmitter in yamlio._Dumper.__mro__


@pytest.mark.parametrize(
    ("data", "line", "column"),
    [
        ("navn: Ærø\nby: Ærøskøbing\n".encode("latin-1"), 1, 7),
        (b"\xef\xbb\xbfnavn: ok\nby: \xe6r\xf8\n", 2, 5),  # after a BOM: still counted from the line
        ("a: æ\nb: ok\nc: Ø".encode()[:-1], 3, 4),  # a UTF-8 letter cut in half
    ],
)
def test_a_file_not_in_utf8_names_the_line_and_column_to_look_at(data, line, column):
    with pytest.raises(YamlProblem) as caught:
        yamlio.decode(data)
    assert caught.value.message.params == {"line": line, "column": column}
    assert f"linje {line}, kolonne {column}" in render(caught.value.message)
    assert "gem den som UTF-8" in render(caught.value.message)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("# kommentar\nsvar:\n  # Vi vil dele\n  a: tekst\n", None),  # comment lines only
        ("a: 'Video # og tablet'  # note\n", None),  # after quotes: a comment the quotes close
        ("a: |\n  Mål # ca.\n", None),  # inside a block: text
        ("a: tekst\n  # indrykket kommentar\nb: Video\t# og tablet\n", 3),  # after a tab
        ("a:\n  - Video # og tablet\n", 2),  # a list item
    ],
)
def test_text_after_a_comment_mark_is_found_where_yaml_would_drop_it(text, line):
    if line is None:
        yamlio.refuse_comment_after_text(text)
        return
    with pytest.raises(YamlProblem) as caught:
        yamlio.refuse_comment_after_text(text)
    assert caught.value.message.params == {"line": line}


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (
            "projekt:\n  navn: [Test\n  deler: Ærø Kommune\n",
            2,
            "en [ begynder en liste her, men den lukkes aldrig med ]",
        ),
        ("a: 1\nb: {x: 1\nc: 2\n", 2, "en tuborgklamme begynder en samling her, men den lukkes aldrig"),
    ],
)
def test_a_bracket_never_closed_is_said_where_it_opens(text, line, words):
    """Trial 42: 'navn: [Test' on line 5 was said to be on line 6, a line with no mistake in it."""
    with pytest.raises(YamlProblem) as caught:
        yamlio.loads(text)
    said = render(caught.value.message)
    assert caught.value.message.params["line"] == line, said
    assert words in said


def test_a_mistake_inside_a_list_that_is_closed_is_said_where_it_is():
    with pytest.raises(YamlProblem) as caught:
        yamlio.loads("a: 1\nb: [x,\n  y: z: w]\n")
    said = render(caught.value.message)
    assert "lukkes aldrig" not in said and caught.value.message.params["line"] == 3, said
