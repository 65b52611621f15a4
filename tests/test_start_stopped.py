"""A stop in `start` gives a command with what was typed: only what start took, so it asks again for the rest.

A value a question refused (a name taken, a reusing name close to another, our own organisation
typed as the sharing one ...) would make the command given refuse to start with that reason;
left out, the command asks for it again, and only for it and what was not typed yet. Typed into
the real prompts in-process (homekit), and once through the installed command (pexpect).
"""

from __future__ import annotations

import pytest
from homekit import CTRL_C, DOWN, ENTER, asked, prompt, start_words
from projectkit import workspace
from terminal import ANSI, COMMAND, person

from spredning.core.projectfile import MAX_DESCRIPTION, MAX_NAME
from spredning.i18n import t

NAME = "Digital genoptræning på Ærø"
BACKSPACE = "\x7f"
GENBRUGE = DOWN + ENTER  # the side question: 'genbruge' is the second choice
TOO_LONG_NAME = "Kommune" * (MAX_NAME // 7 + 1)


@pytest.fixture
def terminal(on_screen):
    """Type keys into `spredning ARGV...` as in a terminal."""
    return on_screen


def options(words: list[str]) -> dict[str, list[str]]:
    """A start command's options and their values (--genbruger may come more than once)."""
    given: dict[str, list[str]] = {}
    for option, value in zip(words[1::2], words[2::2], strict=True):
        given.setdefault(option, []).append(value)
    return given


# Each stop: the options start was run with, the keys typed (a refused value last), the option
# of the refused value (left out of the command given), what the command given still carries, and
# then, running that command: the questions it asks, and the keys that answer the rest.
STOPS = {
    "a name taken, asked again in the field": (
        ("--rolle", "dele", "--beskrivelse", "Video", "--deler", "Vejle"),
        NAME + ENTER + ENTER,  # 'Vælg et andet navn': the field again, with the name taken in it
        "--navn",
        {"--rolle": ["dele"], "--beskrivelse": ["Video"], "--deler": ["Vejle"]},
        ("start.ask-name", "start.ask-reusing-orgs"),
        "Andet navn" + ENTER + "Ærø Kommune" + ENTER,
    ),
    "a name taken, at the choice after it": (
        ("--rolle", "dele", "--beskrivelse", "Video", "--deler", "Vejle"),
        NAME + ENTER,
        "--navn",
        {"--rolle": ["dele"], "--beskrivelse": ["Video"], "--deler": ["Vejle"]},
        ("start.ask-name", "start.ask-reusing-orgs"),
        "Andet navn" + ENTER + "Ærø Kommune" + ENTER,
    ),
    "a name without letters, in the field": (
        (),
        "!!!",
        "--navn",
        None,  # nothing typed was taken: no command at all
        (),
        "",
    ),
    "a description too long": (
        ("--navn", "P"),
        GENBRUGE + "x" * (MAX_DESCRIPTION + 1) + ENTER,
        "--beskrivelse",
        {"--navn": ["P"], "--rolle": ["genbruge"]},
        ("start.ask-description", "start.ask-sharing-org", "start.ask-own-org"),
        "Video" + ENTER + "Odense Kommune" + ENTER + "Ærø Kommune" + ENTER,
    ),
    "our own organisation as the sharing one": (
        ("--navn", "P", "--rolle", "genbruge", "--organisation", "Ærø Kommune"),
        "Færgedrift" + ENTER + "ærø kommune" + ENTER,
        "--deler",
        {
            "--navn": ["P"],
            "--rolle": ["genbruge"],
            "--beskrivelse": ["Færgedrift"],
            "--organisation": ["Ærø Kommune"],
        },
        ("start.ask-sharing-org",),
        "Odense Kommune" + ENTER,
    ),
    "our own organisation as the sharing one, not yet entered": (
        ("--navn", "P", "--rolle", "genbruge", "--genbruger", "Ærø Kommune"),
        "Færgedrift" + ENTER + "Ærø Kommune",
        "--deler",
        {
            "--navn": ["P"],
            "--rolle": ["genbruge"],
            "--beskrivelse": ["Færgedrift"],
            "--genbruger": ["Ærø Kommune"],
        },
        ("start.ask-sharing-org",),
        "Odense Kommune" + ENTER,
    ),
    "a sharing name of more than a line": (
        ("--navn", "P", "--rolle", "dele", "--beskrivelse", "Video"),
        TOO_LONG_NAME + ENTER,
        "--deler",
        {"--navn": ["P"], "--rolle": ["dele"], "--beskrivelse": ["Video"]},
        ("start.ask-sharing-org", "start.ask-reusing-orgs"),
        "Vejle Kommune" + ENTER + ENTER,
    ),
    "our reusing organisation is the sharing one": (
        ("--navn", "P", "--rolle", "genbruge", "--beskrivelse", "Video", "--deler", "Odense Kommune"),
        "odense kommune" + ENTER,
        "--genbruger",
        {"--navn": ["P"], "--rolle": ["genbruge"], "--beskrivelse": ["Video"], "--deler": ["Odense Kommune"]},
        ("start.ask-own-org",),
        "Ærø Kommune" + ENTER,
    ),
    "our reusing organisation of more than a line": (
        ("--navn", "P", "--rolle", "genbruge", "--beskrivelse", "Video", "--deler", "Odense Kommune"),
        TOO_LONG_NAME + ENTER,
        "--genbruger",
        {"--navn": ["P"], "--rolle": ["genbruge"], "--beskrivelse": ["Video"], "--deler": ["Odense Kommune"]},
        ("start.ask-own-org",),
        "Ærø Kommune" + ENTER,
    ),
    "reusing names close to each other": (
        ("--navn", "P", "--rolle", "dele", "--beskrivelse", "Video", "--deler", "Vejle"),
        "Ærø Kommune, Fanø Kommune, Fano Kommune" + ENTER,
        "--genbruger",
        {"--navn": ["P"], "--rolle": ["dele"], "--beskrivelse": ["Video"], "--deler": ["Vejle"]},
        ("start.ask-reusing-orgs", "start.several-orgs"),
        "Ærø Kommune, Fanø Kommune" + ENTER + ENTER,  # Enter: yes, two organisations
    ),
    "a reusing name twice": (
        ("--navn", "P", "--rolle", "dele", "--beskrivelse", "Video", "--deler", "Vejle"),
        "Ærø Kommune, ÆRØ KOMMUNE",
        "--genbruger",
        {"--navn": ["P"], "--rolle": ["dele"], "--beskrivelse": ["Video"], "--deler": ["Vejle"]},
        ("start.ask-reusing-orgs",),
        "Ærø Kommune" + ENTER,
    ),
    "a reusing name close to the sharing one": (
        ("--navn", "P", "--rolle", "dele", "--beskrivelse", "Video", "--deler", "Vejle Kommune"),
        "Ærø Kommune, Vejel Kommune" + ENTER,
        "--genbruger",
        {"--navn": ["P"], "--rolle": ["dele"], "--beskrivelse": ["Video"], "--deler": ["Vejle Kommune"]},
        ("start.ask-reusing-orgs",),
        "Ærø Kommune" + ENTER,
    ),
    "the sharing name as a reusing one": (
        ("--navn", "P", "--rolle", "dele", "--beskrivelse", "Video"),
        "Vejle Kommune" + ENTER + "Ærø Kommune, vejle kommune" + ENTER,
        "--genbruger",
        {"--navn": ["P"], "--rolle": ["dele"], "--beskrivelse": ["Video"], "--deler": ["Vejle Kommune"]},
        ("start.ask-reusing-orgs",),
        "Ærø Kommune" + ENTER,
    ),
}


# the input ending is an EOFError, as Ctrl+D on an empty line is (in a field with text it deletes)
@pytest.mark.parametrize("stop", [CTRL_C, ""], ids=["ctrl-c", "input-ends"])
@pytest.mark.parametrize("case", list(STOPS), ids=list(STOPS))
def test_the_command_given_after_a_stop_leaves_out_what_was_refused(terminal, run_cli, ws, case, stop):
    argv, keys, refused, carried, questions, rest = STOPS[case]
    taken = ("--navn", NAME, "--rolle", "dele", "--beskrivelse", "", "--deler", "Vejle", "--genbruger", "Ærø")
    assert run_cli("start", *taken)[0] == 0

    stopped = terminal(keys + stop, "start", *argv)

    assert stopped.code == 130, stopped.err
    said = " ".join(stopped.err.split())
    assert said.startswith(t("start.interrupted"))
    if carried is None:
        assert "spredning start" not in said
        return
    assert t("start.typed-again-refused", command="").strip() in said  # it asks again for the rest
    words = start_words(stopped.err)
    assert refused not in words
    assert options(words) == carried

    run = terminal(rest, *words)  # the command given asks again for the value refused, and the rest

    assert run.code == 0, run.err
    assert asked(run.screen) == [prompt(key) for key in questions]  # the one refused first
    assert len(ws.store.slugs()) == 2


@pytest.mark.parametrize(
    ("argv", "keys", "typed"),
    [
        ((), TOO_LONG_NAME + ENTER, TOO_LONG_NAME),  # the only thing typed: nothing was said at all
        ((), "!!!", "!!!"),
        (
            ("--navn", "P", "--rolle", "dele", "--deler", "Vejle"),
            "Video" + ENTER + "Ærø, Fanø, Fano" + ENTER,
            "Ærø, Fanø, Fano",
        ),
    ],
    ids=["a name too long", "a name without letters", "reusing names close to each other"],
)
def test_a_fields_text_refused_is_given_back_at_a_stop_not_dropped(terminal, ws, argv, keys, typed):
    """From a trial: 660 characters pasted as the project's name, refused in the field, then Ctrl+C:
    'Stoppet. Intet projekt er oprettet.' and nothing else; the text was gone. The command given
    still leaves it out (it would be refused), and the text follows it, to be corrected."""
    stopped = terminal(keys + CTRL_C, "start", *argv)

    assert stopped.code == 130, stopped.err
    said = " ".join(stopped.err.split())
    assert said.startswith(t("start.interrupted"))
    assert said.endswith(typed), said
    assert ("spredning start" in said) == bool(argv)


def test_what_a_field_takes_is_still_in_the_command_given(terminal, ws):
    """A name not yet entered but one start takes is kept, as before (nothing typed is lost)."""
    stopped = terminal(
        "Færgedrift" + ENTER + "Odense Kommune" + ENTER + "Ærø" + CTRL_C,
        *("start", "--navn", "P", "--rolle", "genbruge"),
    )

    assert stopped.code == 130
    said = " ".join(stopped.err.split())
    assert t("start.typed-again", command="").strip() in said
    assert t("start.typed-again-refused", command="").strip() not in said
    assert options(start_words(stopped.err)) == {
        "--navn": ["P"],
        "--rolle": ["genbruge"],
        "--beskrivelse": ["Færgedrift"],
        "--deler": ["Odense Kommune"],
        "--genbruger": ["Ærø"],
    }


def test_a_name_too_long_for_the_file_is_refused_in_its_field_before_the_other_questions(terminal, ws):
    """It was taken, and start refused the project after every question: all typed was lost."""
    run = terminal("P" + ENTER + GENBRUGE + "Video" + ENTER + TOO_LONG_NAME + ENTER + CTRL_C, "start")

    assert run.code == 130
    screen = " ".join(run.screen.split())
    assert t("start.sharing-one-line", limit=MAX_NAME, what=f"{len(TOO_LONG_NAME)} tegn") in screen
    assert asked(run.screen)[-1] == prompt("start.ask-sharing-org")
    assert options(start_words(run.err)) == {
        "--navn": ["P"],
        "--rolle": ["genbruge"],
        "--beskrivelse": ["Video"],
    }


# --- the installed command ------------------------------------------------------------------------


@pytest.mark.e2e
def test_the_command_given_asks_again_for_the_refused_names_when_run(tmp_path, pseudo_terminal):
    import pexpect

    env = person(tmp_path, lines=30)

    def spawn(*args: str) -> pexpect.spawn:
        return pseudo_terminal(COMMAND, args, env=env, rows=30)

    child = spawn("start", "--navn", "Deleprojekt", "--rolle", "dele", "--beskrivelse", "Video")
    # the sharing organisation by its part, as the reusing side is asked: 'Jeres organisation:' led
    # a consultant starting the project for a municipality to write the consultancy (trial5)
    child.expect_exact("Organisationen, der deler innovationen:")
    child.send("Vejle Kommune" + ENTER)
    child.expect_exact("Organisationer, der genbruger den:")
    child.send("Ærø Kommune, Fanø Kommune, Fano Kommune" + ENTER)
    child.expect_exact("ligner")
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
    child.close()
    said = " ".join(ANSI.sub("", child.logfile_read.getvalue()).split())
    assert child.exitstatus == 130, said
    words = start_words(ANSI.sub("", child.logfile_read.getvalue()))  # the command's own line
    assert words == [
        *("start", "--navn", "Deleprojekt", "--rolle", "dele", "--beskrivelse", "Video"),
        *("--deler", "Vejle Kommune"),
    ]

    child = spawn(*words)  # as the shell runs the command given
    child.expect_exact("Organisationer, der genbruger den:")
    child.send("Ærø Kommune, Fanø Kommune" + ENTER)
    child.expect_exact("Er det forskellige organisationer?")
    child.send(ENTER)  # yes, two
    child.expect(pexpect.EOF)
    child.close()
    said = " ".join(ANSI.sub("", child.logfile_read.getvalue()).split())
    assert child.exitstatus == 0, said
    assert "Projektet er oprettet: Deleprojekt" in said
    assert "Organisationen, der deler" not in said  # only what was refused is asked again
    project = workspace(tmp_path / "hjem").store.load("deleprojekt")
    assert project.sharing_org == "Vejle Kommune"
    assert [p.name for p in project.partners] == ["Ærø Kommune", "Fanø Kommune"]


def test_a_command_in_a_fields_refusal_stays_on_one_line_in_a_narrow_terminal(monkeypatch, run_cli, ws):
    """From a trial at 60 columns: the refusal under the field broke its command between words
    ("add it with 'spredning --sprog en" / "--hjem … --ny'"): copied, the shell ran the first line alone."""
    from homekit import interactive, typed

    interactive(monkeypatch)
    keys = "Ærø Kommune, Fanø Kommune, Fano Kommune" + ENTER + CTRL_C
    run = typed(
        run_cli,
        keys,
        "start",
        "--navn",
        "P",
        "--rolle",
        "dele",
        "--beskrivelse",
        "V",
        "--deler",
        "Vejle",
        columns=50,
    )

    assert run.code == 130, run.err
    command = "'spredning projekt genbruger \"Fano Kommune\" --ny'"
    # one line of output, copied whole; spaces pad its last word onto the terminal's next row (README)
    assert any(" ".join(line.split()).startswith(command) for line in run.screen.split("\n")), run.screen
