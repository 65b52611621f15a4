"""A line break or a tab in a one-line field is refused, never saved as spaces in its place: as an
option, in words with exit 2 before anything is asked or saved; pasted into a terminal field, in
words under the field, which asks again with the text to correct.
"""

from __future__ import annotations

import datetime
import shlex

import pytest
from exchange_kit import flat

from spredning.app import plan
from spredning.core import followup

ENTER = "\r"
LEFT = "\x1b[D"
BACKSPACE = "\x7f"


def pasted(text: str) -> str:
    """The keys a terminal sends for text pasted into a program that asked for bracketed paste."""
    return f"\x1b[200~{text}\x1b[201~"


@pytest.mark.parametrize(
    ("option", "args", "what"),
    [
        ("--hvad", ("plan", "tilføj", "--hvad", "Book et\nlokale"), "et linjeskift"),
        ("--hvem", ("plan", "tilføj", "--hvad", "Book", "--hvem", "Bo\tJensen"), "et tabulatortegn"),
        (
            "--hvad",
            ("plan", "ret", "abc", "--hvad", "Book\r\net\tlokale"),
            "et linjeskift og et tabulatortegn",
        ),
        ("--af", ("godkend", "tjek", "--af", "Eva\nJensen"), "et linjeskift"),
        (
            "--begrundelse",
            ("klarhed", "beskriv-innovationen", "gul", "--begrundelse", "Vi mangler\u2028tal"),
            "et linjeskift",
        ),
    ],
)
def test_an_option_with_a_line_break_or_a_tab_is_refused_in_words(run_cli, ws, reusing, option, args, what):
    """The refusal says what the text has: a line break, a tab or both (it said 'a line break or a tab')."""
    args = with_an_action(ws, reusing, args)
    before = ws.store.path_for(reusing).read_bytes()

    code, out, err = run_cli(*args)

    assert code == 2, (out, err)
    assert flat(err).startswith(
        f"Fejl: Teksten efter {option} skal være én linje, men den har {what}; den ville blive gemt med "
    )
    assert "Skriv teksten på én linje (med mellemrum i stedet), fx: spredning " in flat(err)
    assert ws.store.path_for(reusing).read_bytes() == before


def test_in_english_the_refusal_names_the_option(run_cli, reusing):
    code, _, err = run_cli("--sprog", "en", "plan", "tilføj", "--hvad", "a\tb")

    assert code == 2
    assert "The text after --hvad must be one line, but it has a tab; it would be saved" in flat(err)


def test_a_line_break_at_the_end_is_no_matter(run_cli, ws, reusing):
    code, _, err = run_cli("plan", "tilføj", "--hvad", "Book et lokale\n")

    assert code == 0, err
    project = ws.store.load(reusing)
    assert followup.plan_items(project, project.partners[0])[0].what == "Book et lokale"


FIX = LEFT * len("lokale") + BACKSPACE + " " + ENTER  # the line break becomes a space


def test_a_line_break_pasted_into_the_action_field_is_refused_there_and_corrected(on_screen, ws, reusing):
    run = on_screen(pasted("Book et\nlokale") + ENTER + FIX + "Bo" + ENTER + ENTER, "plan", "tilføj")

    assert run.code == 0, run.err
    assert "Teksten skal være én linje, men den har et linjeskift: skriv et mellemrum" in flat(run.screen)
    project = ws.store.load(reusing)
    [item] = followup.plan_items(project, project.partners[0])
    assert (item.what, item.who) == ("Book et lokale", "Bo")


def test_a_line_break_pasted_into_klarheds_reason_is_refused_there(on_screen, ws, reusing):
    run = on_screen(ENTER + pasted("Vi mangler\nlokale") + ENTER + FIX, "klarhed", "beskriv-innovationen")

    assert run.code == 0, run.err
    assert "Teksten skal være én linje" in flat(run.screen)
    project = ws.store.load(reusing)
    mark = followup.readiness(project, project.partners[0], "tjek.beskriv-innovationen", "genbruge")
    assert (mark.colour, mark.reason) == ("grøn", "Vi mangler lokale")


def test_a_tab_pasted_into_godkends_name_is_a_space_there(on_screen, ws, reusing):
    """A one-line field takes a tab as a space (it was refused, after showing as ^I)."""
    run = on_screen(pasted("Eva\tlokale") + ENTER, "godkend", "tjek")

    assert run.code == 0, run.err
    assert "Teksten skal være én linje" not in flat(run.screen)
    assert "Fasen Tjek er godkendt af Eva lokale" in flat(run.out)


def test_every_option_with_a_line_break_is_named_in_one_refusal_and_the_example_is_the_command(
    run_cli, ws, reusing
):
    before = ws.store.path_for(reusing).read_bytes()
    given = ("--hvad", "Book et\nlokale", "--hvem", "Bo\tJensen", "--frist", "", "--status", "i gang")

    code, out, err = run_cli("plan", "tilføj", *given)

    assert code == 2, (out, err)
    assert flat(err).startswith(
        "Fejl: Teksterne efter --hvad og --hvem skal hver være én linje, "
        "men de har linjeskift og tabulatortegn;"
    )
    assert flat(err).endswith(
        "Skriv hver tekst på én linje (med mellemrum i stedet), "
        "fx: spredning plan tilføj --hvad 'Book et lokale' --hvem 'Bo Jensen' --status 'i gang'"
    )
    assert ws.store.path_for(reusing).read_bytes() == before
    code, out, err = run_cli(*shlex.split(flat(err).split("fx: spredning ")[1]))  # the example, run
    assert code == 0, err
    project = ws.store.load(reusing)
    [item] = followup.plan_items(project, project.partners[0])
    assert (item.what, item.who, item.status) == ("Book et lokale", "Bo Jensen", "i-gang")


@pytest.mark.parametrize(
    ("args", "example"),
    [
        (
            ("plan", "ret", "abc", "--hvad", "Book\r\net", "--frist", ""),
            "plan ret abc --hvad 'Book et' --frist ''",
        ),
        (
            ("godkend", "tjek", "--af", "Eva\nJensen", "--dato", "01-02-2026", "--rolle", "genbruge"),
            "godkend tjek --af 'Eva Jensen' --dato 01-02-2026 --rolle genbruge",
        ),
        (
            (
                "klarhed",
                "beskriv-innovationen",
                "gul",
                "--begrundelse",
                "Vi mangler\u2028tal",
                "--partner",
                "Ærø",
            ),
            "klarhed beskriv-innovationen gul --begrundelse 'Vi mangler tal' --partner Ærø",
        ),
    ],
)
def test_the_refusals_example_is_the_users_own_command_on_one_line(run_cli, ws, reusing, args, example):
    real = with_an_action(ws, reusing, args)

    code, _, err = run_cli(*real)

    assert code == 2
    assert flat(err).endswith(f"fx: spredning {example.replace('abc', real[2])}")


def with_an_action(ws, reusing, args: tuple) -> tuple:
    """'plan ret abc ...' with the id of an action there is: a wrong id is said before the options'."""
    if args[:2] != ("plan", "ret"):
        return args
    item = plan.add(ws, plan.Action("Ring", "Ole"), ws.store.load(reusing).partners[0])
    return (*args[:2], item.id, *args[3:])


def test_a_date_refused_too_is_in_the_example_as_the_date_to_write(run_cli, ws, reusing):
    soon = datetime.date.today() + datetime.timedelta(days=30)
    short = f"{soon.day}.{soon.month}.{soon.year % 100:02d}"  # refused too: the year in two digits

    code, _, err = run_cli("plan", "tilføj", "--hvad", "Book et\nlokale", "--frist", short)

    assert code == 2
    assert flat(err).endswith(
        f"fx: spredning plan tilføj --hvad 'Book et lokale' --frist {followup.typed_day(soon)}"
    )
    code, _, err = run_cli(*shlex.split(flat(err).split("fx: spredning ")[1]))  # the example, run
    assert code == 0, err
    project = ws.store.load(reusing)
    [item] = followup.plan_items(project, project.partners[0])
    assert (item.what, item.due) == ("Book et lokale", soon)


def test_in_a_terminal_a_line_break_given_opens_the_field_holding_the_text_to_correct(on_screen, ws, reusing):
    run = on_screen(FIX + ENTER + ENTER, "plan", "tilføj", "--hvad", "Book et\nlokale", "--hvem", "Bo")

    assert run.code == 0, run.err
    screen = flat(run.screen)
    assert screen.index("Teksten skal være én linje") < screen.index("Hvad skal gøres?")  # said above
    project = ws.store.load(reusing)
    [item] = followup.plan_items(project, project.partners[0])
    assert (item.what, item.who) == ("Book et lokale", "Bo")  # only the text given, corrected, gives this


def test_in_a_terminal_godkends_name_with_a_line_break_opens_its_field_to_correct(on_screen, ws, reusing):
    keys = LEFT * len("Jensen") + BACKSPACE + " " + ENTER

    run = on_screen(keys, "godkend", "tjek", "--af", "Eva\nJensen")

    assert run.code == 0, run.err
    screen = flat(run.screen)
    assert screen.index("Teksten skal være én linje") < screen.index("Hvem godkender fasen?")  # said above
    assert "Fasen Tjek er godkendt af Eva Jensen" in flat(run.out)  # only the name given, corrected


def test_a_stop_in_godkends_name_field_offers_the_command_with_the_name_on_one_line(on_screen, ws, reusing):
    before = ws.store.path_for(reusing).read_bytes()

    run = on_screen("\x03", "godkend", "tjek", "--af", "Eva\nJensen")

    assert run.code == 130, run.err
    assert "Fasen er ikke godkendt" in flat(run.err)
    assert "godkend tjek --af 'Eva Jensen'" in flat(run.err)
    assert ws.store.path_for(reusing).read_bytes() == before


def test_in_a_terminal_klarheds_reason_with_a_line_break_opens_its_field_after_the_colour_given(
    on_screen, ws, reusing
):
    run = on_screen(FIX, "klarhed", "beskriv-innovationen", "gul", "--begrundelse", "Vi mangler\nlokale")

    assert run.code == 0, run.err
    screen = flat(run.screen)
    assert screen.index("Teksten skal være én linje") < screen.index("Kort begrundelse?")
    project = ws.store.load(reusing)
    mark = followup.readiness(project, project.partners[0], "tjek.beskriv-innovationen", "genbruge")
    assert (mark.colour, mark.reason) == ("gul", "Vi mangler lokale")


def test_in_a_terminal_klarheds_reason_with_a_line_break_waits_after_the_colour_asked(on_screen, ws, reusing):
    run = on_screen(ENTER + FIX, "klarhed", "beskriv-innovationen", "--begrundelse", "Vi mangler\nlokale")

    assert run.code == 0, run.err
    assert "Teksten skal være én linje" in flat(run.screen)
    project = ws.store.load(reusing)
    mark = followup.readiness(project, project.partners[0], "tjek.beskriv-innovationen", "genbruge")
    assert (mark.colour, mark.reason) == ("grøn", "Vi mangler lokale")


def test_in_a_terminal_plan_ret_opens_the_field_of_a_text_with_a_line_break_to_correct(
    on_screen, ws, reusing
):
    item = plan.add(ws, plan.Action("Ring", "Ole"), ws.store.load(reusing).partners[0])

    run = on_screen(FIX, "plan", "ret", item.id[:4], "--hvad", "Book et\nlokale", "--status", "i gang")

    assert run.code == 0, run.err
    screen = flat(run.screen)
    assert screen.index("Teksten skal være én linje") < screen.index("Hvad skal gøres?")
    project = ws.store.load(reusing)
    [changed] = followup.plan_items(project, project.partners[0])
    assert (changed.what, changed.who, changed.status) == ("Book et lokale", "Ole", "i-gang")


def test_a_stop_in_plan_rets_field_offers_the_command_with_the_text_on_one_line(on_screen, ws, reusing):
    item = plan.add(ws, plan.Action("Ring", "Ole"), ws.store.load(reusing).partners[0])
    before = ws.store.path_for(reusing).read_bytes()

    run = on_screen("\x03", "plan", "ret", item.id[:4], "--hvem", "Bo\tJensen", "--status", "i gang")

    assert run.code == 130, run.err
    said = flat(run.err)
    assert "Handlingen er ikke ændret" in said
    assert said.endswith(f"plan ret {item.id} --hvem 'Bo Jensen' --status 'i gang'")
    assert ws.store.path_for(reusing).read_bytes() == before


def test_in_a_terminal_a_tab_given_is_named_as_a_tab_above_the_field(on_screen, ws, reusing):
    """A tab typed or pasted in a one-line field is a space; one given as an option is said as what it is."""
    keys = LEFT * len("Jensen") + BACKSPACE + " " + ENTER

    run = on_screen(keys, "godkend", "tjek", "--af", "Eva\tJensen")

    assert run.code == 0, run.err
    assert "Teksten skal være én linje, men den har et tabulatortegn: skriv et mellemrum" in flat(run.screen)
    assert "Fasen Tjek er godkendt af Eva Jensen" in flat(run.out)


@pytest.mark.parametrize(
    ("texts", "what"),
    [
        (("Eva\tJensen",), "tab"),
        (("Eva\x85Jensen",), "line"),
        (("Eva\vJensen", "Bo\tJensen"), "both"),
        (("Eva Jensen\t\n",), ""),  # blank space around the text is no matter
    ],
)
def test_what_breaks_a_line_is_named_across_every_text(texts, what):
    from spredning.core.textsafe import what_breaks_a_line

    assert what_breaks_a_line(*texts) == what
