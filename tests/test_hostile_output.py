"""Hostile output: answers and names that try to hijack the terminal, shown by vis, status, projekter.

The project file is written with ``yamlio.dumps`` (control characters become double-quoted YAML
escapes, which are valid), made active, and rendered in-process. The output must show markup and
emoji codes as typed, make control characters visible, and let no ESC, BEL or direction override
reach the terminal. A zero-width joiner (emoji sequences, some scripts) is ordinary text and stays.
"""

from __future__ import annotations

import json

import pytest

from spredning.core import yamlio

SLUG = "fjendtlig"

# (id, the answer as stored, what the output must contain instead)
HOSTILE: list[tuple[str, str, str]] = [
    ("rich-markup", "[bold]fed[/] og [red]rød[/red]", "[bold]fed[/] og [red]rød[/red]"),
    ("rich-link", "[link=http://evil.example]klik[/link]", "[link=http://evil.example]klik[/link]"),
    ("rich-lukketag-alene", "slut [/] her", "slut [/] her"),
    ("emoji-kode", "Pas på :warning: og :thumbs_up:", "Pas på :warning: og :thumbs_up:"),
    ("ansi-csi-ryd-skaerm", "før\x1b[2J\x1b[Hefter", "før␛[2J␛[Hefter"),
    ("ansi-farve", "\x1b[31mrød\x1b[0m", "␛[31mrød␛[0m"),
    ("osc8-link", "\x1b]8;;http://x.example\x07tekst\x1b]8;;\x07", "␛]8;;http://x.example␇tekst"),
    ("osc52-udklipsholder", "\x1b]52;c;cm0gLXJmIH4=\x07", "␛]52;c;cm0gLXJmIH4=␇"),
    ("osc-titel", "\x1b]0;Falsk titel\x1b\\", "␛]0;Falsk titel␛\\"),
    ("c1-csi", "x\x9b2Jy", "x<U+009B>2Jy"),
    ("bel", "ding\x07dong", "ding␇dong"),
    ("backspace", "Godkendt\x08\x08\x08\x08\x08\x08\x08\x08Afvist!!", "Godkendt␈␈␈␈␈␈␈␈Afvist!!"),
    ("cr-overskriv", "Budget: 10 mio\rBudget: 1 mio ", "Budget: 1 mio"),
    ("nul-og-del", "a\x00b\x7fc", "a␀b␡c"),
    ("bidi-override", "fil\u202eexe.txt", "fil<U+202E>exe.txt"),
    ("bidi-isolater", "\u2066a\u2067b\u2068c\u2069", "<U+2066>a<U+2067>b<U+2068>c<U+2069>"),
    ("bidi-maerker", "\u200ex\u200fy\u061cz", "<U+200E>x<U+200F>y<U+061C>z"),
    ("zwj-tilladt", "Udvikler: 👩\u200d💻 og ǆ", "👩\u200d💻"),
]
RAW_FORBIDDEN = [
    "\x1b",
    "\x07",
    "\x08",
    "\x00",
    "\x7f",
    "\x9b",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\u200e",
    "\u200f",
    "\u061c",
]
NAME = "[bold red]Projekt[/] :warning: \x1b]0;titel\x07\u202eNAVN"
NAME_SHOWN = "[bold red]Projekt[/] :warning: ␛]0;titel␇<U+202E>NAVN"


@pytest.fixture
def hostile_project(guide, store):
    """A project whose facts and answers are all hostile, as the active project."""
    ids = [q.id for q in guide.questions()]
    answers = {ids[n]: text for n, (_id, text, _shown) in enumerate(HOSTILE)}
    data = {
        "format": 1,
        "guideudgave": guide.edition,
        "projekt": {
            "navn": NAME,
            "beskrivelse": "[i]kursiv[/i] \x1b[5mblink",
            "deler": ":red_circle: \u202eKommune",
            "genbrugere": ["[b]A[/b]", "B\x07"],
            "rolle": "genbruge",
        },
        "svar": answers,
    }
    store.home.mkdir(parents=True, exist_ok=True)
    store.path_for(SLUG).write_text(yamlio.dumps(data), encoding="utf-8")
    store.set_active(SLUG)
    project = store.load(SLUG)  # the file really holds the raw characters
    view = project.dialogue(project.partners[0])
    assert {qid: view.text(qid) for qid in answers} == answers
    return answers


def assert_no_raw_controls(text: str) -> None:
    for char in RAW_FORBIDDEN:
        assert char not in text, f"raw U+{ord(char):04X} reached the output"


@pytest.fixture
def wide(monkeypatch):
    """A wide terminal, so a literal is never wrapped in the middle."""
    monkeypatch.setenv("COLUMNS", "300")


@pytest.mark.parametrize(("answer", "shown"), [pytest.param(a, s, id=i) for i, a, s in HOSTILE])
def test_vis_shows_each_hostile_answer_as_text(hostile_project, run_cli, wide, answer, shown):
    code, out, err = run_cli("vis")
    assert code == 0, err
    assert shown in out
    assert_no_raw_controls(out + err)


def test_vis_shows_markup_in_the_facts_as_typed(hostile_project, run_cli, wide):
    code, out, err = run_cli("vis")
    assert code == 0, err
    for literal in (NAME_SHOWN, "[i]kursiv[/i] ␛[5mblink", ":red_circle: <U+202E>Kommune", "[b]A[/b], B␇"):
        assert literal in out
    assert "⚠" not in out and "🔴" not in out  # emoji codes are not replaced
    assert "\r" not in out


def test_cr_overwrite_shows_both_versions_on_their_own_lines(hostile_project, run_cli, wide):
    out = run_cli("vis")[1]
    # wide terminals show the two sides in columns: look at each column's cell text
    lines = [cell.strip() for line in out.splitlines() for cell in line.split("│")]
    assert "Budget: 10 mio" in lines
    assert "Budget: 1 mio" in lines


@pytest.mark.parametrize(
    "command", [("status",), ("vis",), ("projekter",), ("vis", "tjek"), ("vis", "--rolle", "dele")]
)
@pytest.mark.parametrize("columns", ["20", "80", "300"])
def test_no_control_character_reaches_the_terminal(hostile_project, run_cli, monkeypatch, command, columns):
    monkeypatch.setenv("COLUMNS", columns)
    code, out, err = run_cli(*command)
    assert code == 0, err
    assert_no_raw_controls(out + err)
    assert "Traceback" not in err


@pytest.mark.parametrize("command", ["status", "projekter"])
def test_the_project_name_is_shown_as_typed(hostile_project, run_cli, wide, command):
    code, out, err = run_cli(command)
    assert code == 0, err
    assert NAME_SHOWN in out


def test_status_json_keeps_the_exact_text_and_escapes_c0_controls(hostile_project, run_cli):
    code, out, _err = run_cli("status", "--json")
    assert code == 0
    assert json.loads(out)["projekt"] == NAME
    assert "\x1b" not in out and "\x07" not in out


def test_status_json_lets_no_direction_override_or_c1_control_through(guide, store, run_cli):
    data = {"format": 1, "projekt": {"navn": "a\u202eb\x9bc"}}
    store.home.mkdir(parents=True, exist_ok=True)
    store.path_for(SLUG).write_text(yamlio.dumps(data), encoding="utf-8")
    store.set_active(SLUG)
    out = run_cli("status", "--json")[1]
    assert json.loads(out)["projekt"] == "a\u202eb\x9bc"
    assert "\u202e" not in out and "\x9b" not in out


# --- text from a file inside error messages -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ('"\\e]52;c;cm0gLXJmIH4=\\a": x\n', "␛]52;c;cm0gLXJmIH4=␇"),
        ('"[bold]\\u202eskjult": x\n', "[bold]<U+202E>skjult"),
        ('"' + "lang" * 200 + '": x\n', "langlang…"),  # under YAML's 1024 for a key
    ],
)
def test_an_unknown_key_is_shown_safely_in_the_error(store, run_cli, wide, text, shown):
    content = ("format: '1'\nprojekt:\n  navn: x\n" + text).encode()
    store.home.mkdir(parents=True, exist_ok=True)
    store.path_for(SLUG).write_bytes(content)
    store.set_active(SLUG)
    code, _out, err = run_cli("status")
    assert code == 1
    assert "ukendt nøgle" in err
    assert shown in err
    assert_no_raw_controls(err)
    assert len(err) < 1000
    assert store.path_for(SLUG).read_bytes() == content


@pytest.mark.parametrize(
    "text",
    [
        'svar:\n  "\\e[2J": a\n  "\\e[2J": b\n',
        'svar:\n  "\\u202eid": {a: b}\n',
    ],
)
def test_keys_in_duplicate_and_shape_errors_are_shown_safely(store, run_cli, wide, text):
    store.home.mkdir(parents=True, exist_ok=True)
    store.path_for(SLUG).write_text("format: '1'\nprojekt:\n  navn: x\n" + text, encoding="utf-8")
    store.set_active(SLUG)
    code, _out, err = run_cli("status")
    assert code == 1
    assert "␛[2J" in err or "<U+202E>id" in err
    assert_no_raw_controls(err)


# --- text from the command line inside error messages -------------------------------------------


def test_a_hostile_project_option_is_shown_safely(run_cli, wide):
    code, _out, err = run_cli("--projekt", "\x1b[2J[bold]x\u202e", "status")
    assert code == 1
    assert "Projektet '␛[2J[bold]x<U+202E>' findes ikke" in err
    assert_no_raw_controls(err)


@pytest.mark.parametrize("argv", [("guide", "\x1b[2Jx"), ("guide", "--rolle", "\x1b[2Jx")])
def test_a_hostile_phase_or_side_is_shown_safely(run_cli, argv):
    code, _out, err = run_cli(*argv)
    assert code == 2
    assert "␛[2Jx" in err
    assert_no_raw_controls(err)


def test_a_hostile_folder_or_file_name_is_shown_safely_and_its_hint_can_be_copied(run_cli, tmp_path, wide):
    """Paths are text the user typed: an escape code or line break in one is shown, never followed."""
    folder = f"{tmp_path}/x\x1b[31mrød\nny"
    code, _out, err = run_cli("--hjem", folder, "status")
    assert code == 1
    assert "x␛[31mrød␊ny findes ikke" in err
    assert "--hjem $'" + f"{tmp_path}/x\\x1b[31mrød\\nny' start" in err  # bash's quoting: copy, paste, run
    assert_no_raw_controls(err)

    code, _out, err = run_cli("importer", f"{tmp_path}/fil\x1b]0;titel\x07.yaml")
    assert code == 1
    assert "fil␛]0;titel␇.yaml" in err
    assert_no_raw_controls(err)


# --- the follow-up: actions, readiness reasons and approvals are the user's words too ------------------

FOLLOW_UP = "Ring \x1b[31mRØD\x1b[0m skjult \x1b[8mHEMMELIG\x1b[0m \x07 [bold]fed[/]"


@pytest.fixture
def hostile_follow_up(tmp_path, run_cli):
    """Ærø's project with an action, a readiness reason, an approval and a meeting in hostile words."""
    from exchange_kit import Org

    org = Org(tmp_path / "aeroe", tmp_path, run_cli)
    org.ok(
        *("start", "--navn", "P", "--rolle", "genbruge", "--deler", "Odense Kommune"),
        *("--organisation", "Ærø Kommune", "--beskrivelse", "x"),
    )
    org.ok("plan", "tilføj", "--hvad", FOLLOW_UP, "--hvem", FOLLOW_UP, "--frist", "1-6-2027")
    org.ok("klarhed", "Beskriv innovationen", "gul", "--begrundelse", FOLLOW_UP)
    org.ok("godkend", "tjek", "--af", FOLLOW_UP)
    return org


@pytest.mark.parametrize(
    "command",
    [("status",), ("plan",), ("klarhed",), ("dagsorden", "--overskriv"), ("vis",), ("status", "--json")],
)
@pytest.mark.parametrize("columns", ["40", "80"])
def test_no_control_character_of_the_follow_up_reaches_the_terminal(
    hostile_follow_up, monkeypatch, tmp_path, command, columns
):
    """Found in a trial: status listed an action's colour codes raw (the text came out red)."""
    monkeypatch.chdir(tmp_path)  # the agenda is written where the command runs, not in the checkout
    monkeypatch.setenv("COLUMNS", columns)
    code, out, err = hostile_follow_up(*command)

    assert code == 0, err
    assert_no_raw_controls(out + err)
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "command",
    [("plan", "--format", "csv"), ("rapport",), ("eksport",), ("dagsorden",), ("arbejdsark",)],
)
def test_ud_dash_is_refused_and_makes_no_file_named_dash(hostile_follow_up, command):
    """Found in a trial: 'plan --format csv --ud -' wrote a file named '-' instead of the screen."""
    code, _, err = hostile_follow_up(*command, "--ud", "-")

    assert code == 2
    assert "--ud - skriver ikke til skærmen" in " ".join(err.split())
    assert not (hostile_follow_up.files / "-").exists()
