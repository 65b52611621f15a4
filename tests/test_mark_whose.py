"""A readiness mark for the other side says whose it is, as answers given for the other side do.

Found in a trial: on Ærø's computer (the reusing side) `klarhed 'Beskriv innovationen' --rolle dele`
asked "Hvor klar er I efter »Beskriv innovationen«?" and said "Klarheden efter … er gemt: gul.",
overwriting Odense's own mark without a word that it was Odense's. Now the question names Odense,
and so does what was saved ("Odense Kommunes klarhed efter … er gemt"), as `fase` says "Ærø Kommunes
svar er gemt" when answering for the other side.
"""

from __future__ import annotations

import pexpect
import pytest
from exchange_kit import Org, flat, start_sharing
from terminal import COMMAND, DOWN, ENTER, person, rendered

pytestmark = pytest.mark.usefixtures("work_in_tmp")

TOOL = "Beskriv innovationen"


@pytest.fixture
def orgs(tmp_path) -> tuple[Org, Org]:
    """Odense (sharing) and Ærø (reusing, after its first file), each running the installed command."""
    odense = start_sharing(Org(tmp_path / "odense", tmp_path))
    aeroe = Org(tmp_path / "aeroe", tmp_path)
    assert aeroe.import_(odense.export())[0] == 0
    return odense, aeroe


def test_in_a_terminal_the_question_and_the_result_name_the_other_side(orgs, tmp_path, pseudo_terminal):
    _, aeroe = orgs
    env = {**person(tmp_path, lines=30), "SPREDNING_HJEM": str(aeroe.home)}
    child = pseudo_terminal(COMMAND, ["klarhed", TOOL, "--rolle", "dele"], env=env, rows=30, cwd=tmp_path)
    child.expect_exact("Hvor klar er Odense Kommune efter »Beskriv innovationen«?")
    child.send(DOWN + ENTER)  # gul
    child.expect_exact("begrundelse")
    child.send(ENTER)
    child.expect(pexpect.EOF)
    screen = flat("\n".join(rendered(child.logfile_read.getvalue(), 80, 30)))
    assert "Odense Kommunes klarhed efter »Beskriv innovationen« er gemt: gul." in screen
    assert "Hvor klar er I" not in screen


def test_the_own_side_is_asked_as_before(orgs, tmp_path, pseudo_terminal):
    _, aeroe = orgs
    env = {**person(tmp_path, lines=30), "SPREDNING_HJEM": str(aeroe.home)}
    child = pseudo_terminal(COMMAND, ["klarhed", TOOL], env=env, rows=30, cwd=tmp_path)
    child.expect_exact("Hvor klar er I efter »Beskriv innovationen«?")
    child.send(DOWN + ENTER)
    child.expect_exact("begrundelse")
    child.send(ENTER)
    child.expect(pexpect.EOF)
    screen = flat("\n".join(rendered(child.logfile_read.getvalue(), 80, 30)))
    assert "Klarheden efter »Beskriv innovationen« er gemt: gul." in screen


def test_given_on_the_command_line_each_result_names_whose_mark_it_is(orgs):
    odense, aeroe = orgs
    said = flat(aeroe.ok("klarhed", TOOL, "gul", "--rolle", "dele"))
    assert said == "Odense Kommunes klarhed efter »Beskriv innovationen« er gemt: gul."
    said = flat(aeroe.ok("klarhed", TOOL, "gul", "--rolle", "dele"))
    assert said == "Odense Kommunes klarhed efter »Beskriv innovationen« var allerede gul; intet er ændret."
    said = flat(aeroe.ok("klarhed", TOOL, "--fjern", "--rolle", "dele"))
    assert said == "Odense Kommunes markering efter »Beskriv innovationen« er fjernet."
    said = flat(aeroe.ok("klarhed", TOOL, "--fjern", "--rolle", "dele"))
    nothing = "Odense Kommune har ingen markering at fjerne efter »Beskriv innovationen«; intet er ændret."
    assert said == nothing

    said = flat(odense.ok("klarhed", TOOL, "rød", "--rolle", "genbruge"))
    assert said == "Ærø Kommunes klarhed efter »Beskriv innovationen« er gemt: rød."
    assert flat(odense.ok("klarhed", TOOL, "grøn")) == "Klarheden efter »Beskriv innovationen« er gemt: grøn."


def test_in_english(orgs):
    _, aeroe = orgs
    said = flat(aeroe.ok("--sprog", "en", "klarhed", TOOL, "yellow", "--rolle", "dele"))
    assert said == "Odense Kommune's readiness after “Describe the innovation” has been saved: yellow."


def test_a_meeting_noted_for_the_other_side_says_whose_it_is(orgs):
    """Found in a trial: 'møde --rolle dele' on Ærø's computer said only "Mødet … er noteret"."""
    odense, aeroe = orgs
    said = flat(aeroe.ok("møde", "--dato", "01-12-2026", "--rolle", "dele"))
    assert said.startswith("Mødet den 1. december 2026 er noteret for Odense Kommune. Næste dagsorden")
    said = flat(aeroe.ok("møde", "--igen", "--dato", "01-12-2026"))  # Ærø's own: no name needed
    assert said.startswith("Mødet den 1. december 2026 er noteret. Næste dagsorden")
    said = flat(odense.ok("møde", "--dato", "01-12-2026", "--rolle", "genbruge"))
    assert said.startswith("Mødet den 1. december 2026 er noteret for Ærø Kommune.")


# --- the readiness question after a tool in 'fase', answering the other side's questions ----------------


@pytest.mark.parametrize(
    ("own", "asked"), [(True, "Hvor klar er I efter"), (False, "Hvor klar er Ærø Kommune efter")]
)
def test_the_interviews_readiness_question_names_the_other_side(ws, own, asked):
    """'fase tjek --rolle genbruge' on the sharing side: the question after a tool is about Ærø's side."""
    import io

    from projectkit import new_project, session
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput
    from rich.console import Console

    from spredning.cli.prompter import InterviewPrompter
    from spredning.core.interview import RateReadiness

    slug = new_project(ws, role="genbruge")
    tool = ws.guide.find_phase("tjek").tools[0]
    with create_pipe_input() as keys, create_app_session(input=keys, output=DummyOutput()):
        console = Console(file=io.StringIO(), width=80)
        prompter = InterviewPrompter(
            console, session(ws, slug, "genbruge"), "Ærø Kommune", input=keys, output=DummyOutput(), own=own
        )
        shown: list[str] = []
        real = __import__("spredning.cli.list_steps", fromlist=["select"]).select

        def select(question, *args, **kwargs):
            shown.append(question)
            return real(question, *args, **kwargs)

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr("spredning.cli.list_steps.select", select)
            keys.send_text("\r")  # Spring over
            assert prompter.steps.rate_readiness(RateReadiness(tool, None)) is None
    assert shown == [f"{asked} »{tool.title}«?"]


@pytest.mark.parametrize(
    ("keys", "rated", "earlier_said"),
    [
        ("\x1b[A\r\r", ("grøn", ""), True),  # another colour: the field starts empty, the old reason said
        ("\r\r", ("gul", "Vi mangler tal"), False),  # the same colour: its reason stands in the field
    ],
    ids=["ny-farve", "samme-farve"],
)
def test_a_new_colour_in_the_interview_does_not_take_the_old_colours_reason(ws, keys, rated, earlier_said):
    """Found in stop 43's trial: after a tool marked gul ("Vi mangler tal"), choosing grøn in the
    interview started the reason field with "Vi mangler tal", saved with a quick Enter as the reason
    for grøn. As 'klarhed' does, another colour's reason is said, not given again."""
    from spredning.core.followup import Mark
    from spredning.core.interview import Rating

    saved = Mark("tjek", "beskriv-innovationen", "dele", "gul", "Vi mangler tal", "")
    given, said = _rated_with(ws, keys, saved)

    assert given == Rating(*rated)
    earlier = "Begrundelsen ved den tidligere markering (gul) var: »Vi mangler tal«."
    assert (earlier in said) is earlier_said


@pytest.mark.parametrize(
    ("keys", "rated", "said"),
    [
        ("\r\r", ("rød", "Odense mener rød"), "udgaven med gul var: »Vi mangler tal«"),
        ("\x1b[A\r\r", ("gul", "Vi mangler tal"), "udgaven med rød var: »Odense mener rød«"),  # the partner's
    ],
    ids=["farven-nu", "partnerens-farve"],
)
def test_settling_two_versions_in_the_interview_keeps_the_reason_of_the_colour_chosen(ws, keys, rated, said):
    """A mark waiting in two versions (ours rød, the partner's gul): the colour chosen in the interview
    keeps the reason of its version, and the other version's reason is said above the field."""
    from spredning.core.followup import Mark
    from spredning.core.interview import Rating

    ours = Mark("tjek", "beskriv-innovationen", "dele", "rød", "Odense mener rød", "", True)
    theirs = Mark("tjek", "beskriv-innovationen", "dele", "gul", "Vi mangler tal", "", True)
    given, shown = _rated_with(ws, keys, ours, (ours, theirs))

    assert given == Rating(*rated)
    assert said in shown


def _rated_with(ws, keys: str, current=None, versions=()):
    """The interview's readiness step for Tjek's first tool (`current`: its mark; `versions`: its
    versions waiting), the keys typed: the reply, and the output on one line."""
    import io

    from projectkit import new_project, session
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput
    from rich.console import Console

    from spredning.cli.prompter import InterviewPrompter
    from spredning.core.interview import RateReadiness

    slug = new_project(ws, role="dele")
    tool = ws.guide.find_phase("tjek").tools[0]
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        out = io.StringIO()
        prompter = InterviewPrompter(
            Console(file=out, width=80),
            session(ws, slug, "dele"),
            "Odense Kommune",
            input=pipe,
            output=DummyOutput(),
        )
        prompter.steps.saved_by = lambda unsaved: f"spredning klarhed {unsaved.colour} '{unsaved.reason}'"
        pipe.send_text(keys)
        given = prompter.steps.rate_readiness(RateReadiness(tool, current, versions))
    return given, " ".join(out.getvalue().split())


def test_esc_in_the_reason_goes_back_to_the_colours_with_the_text_kept(ws):
    """Found in two trials: Esc in the colour list skips the mark, but Esc in the reason field just
    after it stopped the whole phase. Now it goes back to the colours, one step, as in a list."""
    from homekit import DOWN, ENTER, ESC

    from spredning.core.interview import Rating

    # gul, a reason typed, Esc: the colours again, gul chosen with Enter; the field holds the reason
    keys = DOWN * 2 + ENTER + "Vi mangler tal" + ESC + ENTER + ENTER
    assert _rated_with(ws, keys)[0] == Rating("gul", "Vi mangler tal")


def test_a_reason_left_with_esc_and_the_mark_skipped_is_said_not_saved_with_its_command(ws):
    from homekit import DOWN, ENTER, ESC

    # gul, a reason, Esc: the colours; gul again, the reason in its field, Esc; Esc skips the mark
    given, said = _rated_with(ws, DOWN * 2 + ENTER + "Vi mangler tal" + ESC + ENTER + ESC + ESC + ENTER)

    assert given is None
    assert "Begrundelsen, du skrev ved gul, er ikke gemt: »Vi mangler tal«." in said
    assert "Gem markeringen med: spredning klarhed gul 'Vi mangler tal'" in said


def test_the_saved_reason_left_with_esc_is_not_said_to_be_unsaved(ws):
    """Found in a re-trial: the saved mark's reason in the field, Esc, Esc: "er ikke gemt" was untrue."""
    from homekit import ENTER, ESC

    from spredning.core.followup import Mark

    saved = Mark("tjek", "beskriv-innovationen", "dele", "rød", "Ingen penge", "")
    given, said = _rated_with(
        ws, ENTER + ESC + ESC + ENTER, saved
    )  # rød preselected, its reason in the field

    assert given is None and "ikke gemt" not in said


def test_a_reason_typed_for_another_colour_is_said_in_the_next_colours_field(ws):
    """Found in a re-trial: gul, a reason, Esc, rød: the reason for gul was gone without a word."""
    from homekit import DOWN, ENTER, ESC

    from spredning.core.interview import Rating

    keys = DOWN * 2 + ENTER + "Vi mangler budget" + ESC + DOWN + ENTER + "Ingen penge" + ENTER
    given, said = _rated_with(ws, keys)

    assert given == Rating("rød", "Ingen penge")
    assert "Du skrev ved gul: »Vi mangler budget«. Skriv det igen, hvis det også gælder nu." in said
