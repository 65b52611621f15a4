"""Refusals and messages that left the user without a runnable way forward, now each with one.

Reported: 'klarhed --rolle dle' without a tool was silently ignored (exit 0); 'projekt side del',
'klarhed beskriv' and 'plan tilføj --fase tjk' said 'Mente du ...?' without the command put right;
an unknown command or option ('fse', 'status --jsn') only pointed at --help; 'eksport' a second
time said only that the file had nothing new, when the first may never have been sent; the dry run
of an import left out our answers in a project started here by another name; the meeting's
'Hvad vil du?' list did not say how to stop; the hint adding an organisation put its name in plain
double quotes. The installed command is run; the command a refusal shows is run as copied.
"""

from __future__ import annotations

import re
import shlex

import pytest
import yaml
from exchange_kit import D1, G1, G2, NAME, Org, flat, installed, start_sharing
from homekit import DOWN, ENTER

pytestmark = pytest.mark.e2e

OURS = ("--rolle", "genbruge", "--organisation", "Ærø Kommune")
SHARING = (
    "start", "--navn", "Delt", "--rolle", "dele", "--beskrivelse", "Video", "--deler", "Odense Kommune",
    "--genbruger", "Ærø Kommune",
)  # fmt: skip


@pytest.fixture
def home(tmp_path):
    """A sharing side's project with one reusing organisation, made by the installed command."""
    folder = tmp_path / "hjem"
    code, _, err = installed(*SHARING, home=folder, cwd=tmp_path)
    assert code == 0, err
    return folder


def refused(home, *args: str, prefix: str = "Fx:") -> tuple[str, list[str]]:
    """Run without a terminal: refused (exit 2); what was said, and the command it ends with, as words."""
    code, out, err = installed(*args, home=home, cwd=home.parent)
    assert (code, out) == (2, ""), err
    said = flat(err)
    assert prefix in said, said
    return said, shlex.split(said.rpartition(prefix)[2])


def runs(home, words: list[str]) -> str:
    """The command shown, run as copied: it must work."""
    assert words[0] == "spredning", words
    code, out, err = installed(*words[1:], home=home, cwd=home.parent)
    assert code == 0, err
    return out


def project(home) -> dict:
    return yaml.safe_load((home / "delt.yaml").read_text(encoding="utf-8"))


# --- klarhed --rolle without a tool ---------------------------------------------------------------


def test_klarhed_with_a_wrong_side_and_no_tool_is_refused_with_a_mark_for_the_side_meant(home):
    said, words = refused(home, "klarhed", "--rolle", "dle", prefix="fx:")

    assert "Ukendt side: 'dle'." in said
    assert "I øvrigt vælger --rolle siden for en markering efter et værktøj" in said
    assert "der er ikke givet noget værktøj" in said and "'spredning klarhed'" in said
    assert words == ["spredning", "klarhed", "beskriv-innovationen", "gul", "--rolle", "dele"]
    runs(home, words)
    assert "beskriv-innovationen" in str(project(home))


def test_klarhed_with_a_right_side_and_no_tool_says_the_side_needs_a_tool_in_english(home):
    said, words = refused(home, "--sprog", "en", "klarhed", "--rolle", "genbruge", prefix="e.g.:")

    assert "--rolle chooses the side of a mark after a tool, but no tool was given" in said
    mark = ["klarhed", "beskriv-innovationen", "yellow", "--rolle", "genbruge"]
    assert words == ["spredning", "--sprog", "en", *mark]
    runs(home, words)


# --- a close value without its command put right --------------------------------------------------


def test_projekt_side_with_a_side_close_to_one_gives_the_command_put_right(home):
    said, words = refused(home, "projekt", "side", "del")

    assert "Mente du 'dele'?" in said
    assert words == ["spredning", "projekt", "side", "dele"]
    runs(home, words)


def test_klarhed_with_a_tool_close_to_one_gives_the_command_put_right(home):
    said, words = refused(home, "klarhed", "beskriv", "gul")

    assert "Mente du 'Beskriv innovationen'?" in said
    assert words == ["spredning", "klarhed", "Beskriv innovationen", "gul"]
    runs(home, words)


def test_plan_fase_close_to_a_phase_gives_the_command_put_right_in_both_languages(home):
    given = ("plan", "tilføj", "--hvad", "Book et lokale", "--fase")
    said, words = refused(home, *given, "tjk")

    assert "Skriv en af faserne (tjek, test, tilpas, fjern, brug, høst)" in said
    assert words == ["spredning", *given, "tjek"]
    said, words = refused(home, "--sprog", "en", *given, "tjk", prefix="E.g.:")
    assert words == ["spredning", "--sprog", "en", *given, "check"]
    runs(home, words)
    assert [a["hvad"] for a in project(home)["opfølgning"]["genbruge"]["aeroe-kommune"]["plan"].values()] == [
        "Book et lokale"
    ]


@pytest.mark.parametrize(
    ("command", "typed", "right"),
    [("rapport", "dox", "docx"), ("dagsorden", "Word", "docx"), ("rapport", "odt", "pdf")],
)
def test_a_format_close_to_one_gives_the_command_put_right_with_its_partner(home, command, typed, right):
    """From a trial: 'rapport --format dox --partner …' was answered 'Fx: spredning rapport --format
    pdf': the partner left out, and docx, the format meant, not offered."""
    given = (command, "--partner", "ærø")
    said, words = refused(home, *given, "--format", typed)

    assert f"Ukendt format: '{typed}'." in said
    assert words == ["spredning", *given, "--format", right]
    runs(home, words)
    assert list(home.parent.glob(f"*.{right}"))  # written where it was run


@pytest.mark.parametrize(
    ("command", "typed", "out"), [("rapport", "wrd", "ud.docx"), ("dagsorden", "dox", "u d.html")]
)
def test_a_wrong_format_with_a_file_named_puts_the_file_s_own_format_right(home, command, typed, out):
    """Found (trial): 'rapport --format wrd --ud ud.docx' was answered 'Fx: … --format pdf --ud
    ud.docx', which is refused in turn (the file's ending names .docx): its ending is the format meant."""
    target = str(home.parent / out)
    said, words = refused(home, command, "--partner", "ærø", "--format", typed, "--ud", target)

    assert f"'{typed}'" in said

    assert words == [
        "spredning",
        command,
        "--partner",
        "ærø",
        "--format",
        out.rsplit(".")[-1],
        "--ud",
        target,
    ]
    runs(home, words)
    assert (home.parent / out).is_file()


@pytest.mark.parametrize(
    ("language", "typed", "right", "said"),
    [("da", "cvs", "csv", "Mente du 'csv'?"), ("en", "isc", "ics", "Did you mean 'ics'?")],
)
def test_a_plan_format_close_to_one_gives_the_command_put_right(home, language, typed, right, said):
    """Found (trial): 'plan --format cvs' said only "Brug tekst, csv eller ics.", while rapport's
    format mistyped gets "Mente du ...?" and the command put right."""
    given = ("--sprog", language, "plan", "--partner", "ærø")
    shown, words = refused(home, *given, "--format", typed, prefix="Fx:" if language == "da" else "E.g.:")

    assert said in shown
    assert words == ["spredning", *given, "--format", right]
    runs(home, words)
    assert list(home.parent.glob(f"*.{right}"))


# --- an unknown command or option ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "help_of", "meant"),
    [
        (("fse",), "spredning", ["fase"]),
        (("status", "--jsn"), "spredning status", ["status", "--json"]),
        (("projekt", "brgu", "Delt"), "spredning projekt", ["projekt", "brug", "Delt"]),
    ],
)
def test_an_unknown_word_with_one_close_match_gives_the_command_put_right(home, typed, help_of, meant):
    said, words = refused(home, *typed)

    assert f"Se '{help_of} --help' for at få hjælp." in said  # the pointer to the help stays
    assert words == ["spredning", *meant]
    if meant != ["fase"]:  # 'fase' alone asks for its phase: it is the command meant, not yet whole
        runs(home, words)


def test_in_english_the_unknown_option_gives_the_english_command(home):
    said, words = refused(home, "--sprog", "en", "status", "--jsn", prefix="E.g.:")

    assert "See 'spredning --sprog en status --help' for help." in said
    assert words == ["spredning", "--sprog", "en", "status", "--json"]


def test_several_close_matches_give_no_command_only_the_help(home):
    code, _, err = installed("statu", home=home, cwd=home.parent)

    assert code == 2
    assert "Mente du 'status' eller 'start'?" in flat(err)
    assert flat(err).endswith("Se 'spredning --help' for at få hjælp.")


# --- the organisation's name in a hint, quoted for the shell ---------------------------------------


def test_the_name_in_the_hint_adding_an_organisation_is_quoted_for_the_shell(home):
    name = 'Bo "Big" $Co'
    code, _, err = installed("status", "--partner", name, home=home, cwd=home.parent)

    assert code == 2
    shown = re.search(r"“(spredning projekt genbruger [^”]*)”", flat(err))
    assert shown is not None, err
    words = shlex.split(shown.group(1))
    assert words == ["spredning", "projekt", "genbruger", name]  # copied, the name reaches it whole
    runs(home, words)
    assert name in project(home)["projekt"]["genbrugere"].values()


# --- eksport a second time ------------------------------------------------------------------------------


def test_a_second_export_with_nothing_new_says_it_holds_all_the_answers_again(tmp_path):
    odense = start_sharing(Org(tmp_path / "odense", tmp_path), answers={D1: "Færre genindlæggelser"})
    odense.ok("eksport")  # made, never mailed

    again = flat(odense.ok("eksport"))

    assert "Filen har ingen ændringer siden jeres sidste eksport til eller import fra Ærø Kommune" in again
    never_sent = "blev den forrige fil eller det forrige arbejdsark til dem aldrig sendt, så send denne."
    assert f"den har alle svarene igen: {never_sent}" in again


@pytest.mark.parametrize("sprog", ["da", "en"])
def test_an_export_with_no_answers_says_so_not_that_a_file_before_it_was_never_sent(tmp_path, sprog):
    """Trial (stop 44): the first export of a new project said "den har alle svarene i sig igen: er
    den forrige fil … aldrig sendt", of a file with no answers and no file before it."""
    odense = start_sharing(Org(tmp_path / "odense", tmp_path), answers={})

    for _ in range(2):  # the first file, and the same again
        said = flat(odense.ok("--sprog", sprog, "eksport", "--overskriv"))

        expected = {
            "da": "Filen har ingen svar endnu, kun projektets oplysninger (navn, organisationer og",
            "en": "The file has no answers yet, only the project's details (name, organisations and",
        }
        assert expected[sprog] in said
        assert "aldrig sendt" not in said and "never sent" not in said


# --- the dry run of an import: our answers in a project by another name ----------------------------


def test_the_dry_run_names_our_answers_in_a_project_by_another_name_as_the_import_does(tmp_path):
    odense = start_sharing(Org(tmp_path / "odense", tmp_path))
    aeroe = Org(tmp_path / "aeroe", tmp_path)
    aeroe.ok("start", "--navn", "Hjemmetræning", "--deler", "Odense Kommune", *OURS)
    aeroe.answer({G1: "Vi har samme udfordring", G2: "Ja"}, "--rolle", "genbruge")
    sent = odense.export()

    dry = flat(aeroe.ok("importer", str(sent), "--tør"))

    said = "I har selv svaret på 2 spørgsmål i projektet 'Hjemmetræning' her, og de svar kommer ikke med"
    assert said in dry
    merge = re.search(r"'(spredning projekt flet [^']*)'", dry)
    assert merge is not None, dry
    assert aeroe.store.slugs() == ["hjemmetraening"]  # a dry run: nothing made
    done = flat(aeroe.ok("importer", str(sent)))
    assert said in done and f"Hent dem ind i '{NAME}'" in done
    aeroe.ok(*shlex.split(merge.group(1))[1:])  # the dry run's command works after the import
    assert aeroe.texts(slug="genoptraening-aeroe")[G1] == "Vi har samme udfordring"


# --- in a terminal: the lists ------------------------------------------------------------------------


def test_in_a_terminal_an_unknown_tool_offers_its_phase_and_tools_the_close_one_chosen(
    on_screen, run_cli, ws
):
    code, _, err = run_cli(*SHARING)
    assert code == 0, err

    run = on_screen(ENTER + ENTER + DOWN + ENTER + ENTER, "klarhed", "beskriv")  # tjek, its tool, gul

    assert run.code == 0, run.err
    assert "'beskriv' er ikke et værktøj i guiden. Mente du 'Beskriv innovationen'?" in flat(run.out)
    assert "Hvilket værktøj? Beskriv innovationen" in flat(run.screen)
    assert "Esc eller Ctrl+C stopper" in run.screen
    marks = yaml.safe_load((ws.store.home / "delt.yaml").read_text(encoding="utf-8"))["opfølgning"]
    assert "'tjek.beskriv-innovationen.dele': {'farve': 'gul'" in str(marks)


def test_the_meeting_list_says_how_to_stop_as_other_lists_do(on_screen, run_cli):
    code, _, err = run_cli(*SHARING)
    assert code == 0, err
    code, _, err = run_cli("møde", "--dato", "01-11-2026")
    assert code == 0, err

    run = on_screen(DOWN + DOWN + ENTER, "møde", "--dato", "01-10-2026")  # Fortryd

    assert run.code == 0, run.err
    assert "Hvad vil du?" in run.screen
    assert "Esc eller Ctrl+C stopper" in run.screen
