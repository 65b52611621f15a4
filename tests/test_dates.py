"""Dates the user types (plan --frist, godkend --dato, møde --dato and the deadline asked in the
terminal): a year in two digits is never guessed, a year before 2000 or more than 50 years ahead
is taken for the typo it surely is, the 29th of February in a year without one is said as such,
and every refusal shows a date to write built from today's date (or the user's own day and month),
which the command takes.
"""

from __future__ import annotations

import calendar
import datetime
import re
import shlex

import pytest
from exchange_kit import flat

from spredning.app import plan
from spredning.core import followup

ENTER = "\r"


def _days() -> None:
    """The days these tests type, as of when each test runs, as the program takes today then.

    Taken once at collection, a run that crossed midnight compared the program's new day with
    the day before (the CI rehearsal of stop 42 failed 19 of these tests so, and CI of stop 47
    five more, whose refused texts were still taken at collection).
    """
    global TODAY, SOON, GONE, LEAP_AHEAD, LEAP_GONE, COMING
    global SHORT, REFUSED, CORRECTED, GONE_SHORT, GONE_REFUSED, GONE_CORRECTED
    TODAY = datetime.date.today()
    SOON = TODAY + datetime.timedelta(days=40)  # a deadline's day
    GONE = TODAY - datetime.timedelta(days=40)  # a meeting's or an approval's day
    LEAP_AHEAD = next(y for y in range(TODAY.year + 1, TODAY.year + 9) if not calendar.isleap(y))
    LEAP_GONE = next(y for y in range(TODAY.year - 1, TODAY.year - 9, -1) if not calendar.isleap(y))
    COMING = TODAY.year + 1  # a year still to come
    SHORT = f"{SOON.day}.{SOON.month}.{SOON.year % 100:02d}"  # refused: the year in two digits
    REFUSED = f"'{SHORT}' er ikke en hel dato: året skal skrives med fire cifre."
    # the year made whole: only the text refused gives a date
    CORRECTED = "\x7f\x7f" + str(SOON.year) + ENTER
    GONE_SHORT = f"{GONE.day}.{GONE.month}.{GONE.year % 100:02d}"
    GONE_REFUSED = f"'{GONE_SHORT}' er ikke en hel dato: året skal skrives med fire cifre."
    GONE_CORRECTED = "\x7f\x7f" + str(GONE.year) + ENTER  # only the text refused, made whole, gives GONE


_days()


@pytest.fixture(autouse=True)
def _today_when_the_test_runs():
    _days()


def typed(day: datetime.date) -> str:
    return followup.typed_day(day)


def commands(ws, slug) -> dict[str, tuple[tuple[str, ...], bool]]:
    """Every command with a date option: its words before the date, and whether the date is ahead."""
    item = plan.add(ws, plan.Action("Fjern kravet"), ws.store.load(slug).partners[0])
    return {
        "plan tilføj": (("plan", "tilføj", "--hvad", "Ring til Ældrerådet", "--frist"), True),
        "plan ret": (("plan", "ret", item.id[:4], "--frist"), True),
        "godkend": (("godkend", "tjek", "--af", "Eva", "--dato"), False),
        "møde": (("møde", "--dato"), False),
    }


def swapped(year: int) -> str:
    """The year with its middle digits swapped: 2027 typed as 2207."""
    digits = str(year)
    return digits[0] + digits[2] + digits[1] + digits[3]


CASES = {
    # name: (what is typed, ahead) -> (the words said, the date they offer)
    "two-digit year": (
        lambda day, ahead: f"{day.day}.{day.month}.{day.year % 100:02d}",
        "'{value}' er ikke en hel dato: året skal skrives med fire cifre. "
        "Skriv datoen som dag-måned-år med hele året, fx {example}.",
    ),
    "before 2000": (
        lambda day, ahead: f"{day.day:02d}-{day.month:02d}-19{day.year % 100:02d}",
        "'{value}' ligger før 1. januar 2000; det er nok en tastefejl. "
        "Skriv datoen som dag-måned-år med hele året, fx {example}.",
    ),
    "year 27": (
        lambda day, ahead: f"{day.day:02d}-{day.month:02d}-00{day.year % 100:02d}",
        "'{value}' ligger før 1. januar 2000; det er nok en tastefejl. "
        "Skriv datoen som dag-måned-år med hele året, fx {example}.",
    ),
    "year's digits swapped": (  # 05-06-2207 for 05-06-2027: the day meant is offered
        lambda day, ahead: f"{day.day:02d}-{day.month:02d}-{swapped(day.year)}",
        "'{value}' ligger mere end 50 år ude i fremtiden; det er nok en tastefejl. "
        "Skriv datoen som dag-måned-år med hele året, fx {example}.",
    ),
    "a digit too many in the year": (  # 5.6.20277 for 5.6.2027
        lambda day, ahead: f"{day.day}.{day.month}.{day.year}{day.year % 10}",
        "'{value}' ligger mere end 50 år ude i fremtiden; det er nok en tastefejl. "
        "Skriv datoen som dag-måned-år med hele året, fx {example}.",
    ),
    "not a leap year": (
        lambda day, ahead: f"29-02-{day.year}",
        "'{value}' er ikke en dato: {year} har ikke 29. februar (det er ikke et skudår). "
        "Skriv {example} eller 01-03-{year}.",
    ),
    "no date": (
        lambda day, ahead: "32-01-2026",
        "'{value}' er ikke en dato. Skriv datoen som dag-måned-år, fx {example}.",
    ),
}


def meant(case: str, ahead: bool) -> datetime.date:
    """The day the user meant, and the program offers."""
    if case == "not a leap year":
        return datetime.date(LEAP_AHEAD if ahead else LEAP_GONE, 2, 28)
    if case == "no date":
        return TODAY
    return SOON if ahead else GONE


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("which", ["plan tilføj", "plan ret", "godkend", "møde"])
def test_a_date_option_is_refused_with_why_and_a_date_to_write_that_the_command_takes(
    run_cli, ws, reusing, which, case
):
    words, ahead = commands(ws, reusing)[which]
    day = meant(case, ahead)
    how, said = CASES[case]
    value = how(day, ahead)
    before = ws.store.path_for(reusing).read_bytes()

    code, out, err = run_cli(*words, value)

    assert code == 2, (out, err)
    example = typed(day)
    assert flat(err) == "Fejl: " + said.format(value=value, example=example, year=day.year)
    assert ws.store.path_for(reusing).read_bytes() == before  # nothing saved
    assert "12-03-2026" not in err or example == "12-03-2026"  # from today, not a fixed day

    code, out, err = run_cli(*words, example)  # the date offered is taken
    assert code == 0, (out, err)


def test_the_refusal_is_in_english_in_the_english_edition(run_cli, reusing):
    code, _, err = run_cli("--sprog", "en", "plan", "tilføj", "--hvad", "x", "--frist", f"29-02-{LEAP_AHEAD}")

    assert code == 2
    assert flat(err) == (
        f"Error: '29-02-{LEAP_AHEAD}' is not a date: {LEAP_AHEAD} has no 29 February "
        "(it is not a leap year). "
        f"Write 28-02-{LEAP_AHEAD} or 01-03-{LEAP_AHEAD}."
    )
    code, _, err = run_cli("--sprog", "en", "plan", "tilføj", "--hvad", "x", "--frist", "5.6.27")
    assert code == 2
    assert "the year must be written with four digits" in flat(err) and "e.g. 05-06-2027" in flat(err)


def last_not_after_today(month: int, day: int) -> datetime.date:
    this_year = datetime.date(TODAY.year, month, day)
    return this_year if this_year <= TODAY else datetime.date(TODAY.year - 1, month, day)


def refused_with(run_cli, words: tuple[str, ...], value: str) -> str:
    code, out, err = run_cli(*words, value)
    assert code == 2, (out, err)
    return flat(err)


@pytest.mark.parametrize("which", ["plan tilføj", "plan ret", "godkend", "møde"])
def test_a_two_digit_year_still_to_come_offers_a_date_the_command_takes(run_cli, ws, reusing, which):
    """godkend --dato 5.6.27 offered 05-06-2027, which godkend then refused as not yet come."""
    words, ahead = commands(ws, reusing)[which]
    value = f"{SOON.day}.{SOON.month}.{SOON.year % 100:02d}"
    example = typed(SOON if ahead else last_not_after_today(SOON.month, SOON.day))

    said = refused_with(run_cli, words, value)

    assert said.endswith(
        f"året skal skrives med fire cifre. Skriv datoen som dag-måned-år med hele året, fx {example}."
    )
    code, out, err = run_cli(*words, example)
    assert code == 0, (out, err)


@pytest.mark.parametrize("written", ["31-04-{year}", "31.4.{year}"])
@pytest.mark.parametrize("which", ["plan tilføj", "plan ret", "godkend", "møde"])
def test_a_day_past_its_months_end_says_how_many_days_the_month_has(run_cli, ws, reusing, which, written):
    words, ahead = commands(ws, reusing)[which]
    value = written.format(year=COMING)
    example = typed(datetime.date(COMING, 4, 30) if ahead else last_not_after_today(4, 30))

    said = refused_with(run_cli, words, value)

    assert said == (
        f"Fejl: '{value}' er ikke en dato: april har kun 30 dage. "
        f"Skriv datoen som dag-måned-år, fx {example}."
    )
    code, out, err = run_cli(*words, example)
    assert code == 0, (out, err)


@pytest.mark.parametrize("which", ["plan tilføj", "godkend"])
def test_february_past_its_end_names_the_year_and_a_leap_day_to_come_offers_taken_dates(
    run_cli, ws, reusing, which
):
    words, ahead = commands(ws, reusing)[which]
    last = typed(datetime.date(LEAP_AHEAD, 2, 28) if ahead else last_not_after_today(2, 28))

    said = refused_with(run_cli, words, f"30-02-{LEAP_AHEAD}")

    assert said == (
        f"Fejl: '30-02-{LEAP_AHEAD}' er ikke en dato: februar {LEAP_AHEAD} har kun 28 dage. "
        f"Skriv datoen som dag-måned-år, fx {last}."
    )
    said = refused_with(run_cli, words, f"29-02-{LEAP_AHEAD}")
    after = typed(datetime.date(LEAP_AHEAD, 3, 1) if ahead else last_not_after_today(3, 1))
    assert said.endswith(
        f"{LEAP_AHEAD} har ikke 29. februar (det er ikke et skudår). Skriv {last} eller {after}."
    )
    for example in (last, after):
        code, out, err = run_cli(*words, example)
        assert code == 0, (out, err)


@pytest.mark.parametrize("case", list(CASES))
def test_the_deadline_asked_in_the_terminal_says_the_same_and_takes_the_date_offered(
    on_screen, ws, reusing, case
):
    day = meant(case, True)
    how, said = CASES[case]
    value = how(day, True)
    example = typed(day)
    keys = "Ring til Ældrerådet" + ENTER + ENTER + value + ENTER + "\x7f" * len(value) + example + ENTER

    run = on_screen(keys, "plan", "tilføj")

    assert run.code == 0, run.err
    assert said.format(value=value, example=example, year=day.year) in flat(run.screen)
    [item] = followup.plan_items(ws.store.load(reusing), ws.store.load(reusing).partners[0])
    assert item.due == day


def test_changing_the_deadline_in_the_terminal_refuses_a_two_digit_year(on_screen, ws, reusing):
    item = plan.add(ws, plan.Action("Fjern kravet", "Ole"), ws.store.load(reusing).partners[0])
    value = f"{SOON.day}.{SOON.month}.{SOON.year % 100:02d}"
    keys = ENTER + ENTER + value + ENTER + "\x7f" * len(value) + typed(SOON) + ENTER + ENTER

    run = on_screen(keys, "plan", "ret", item.id)

    assert run.code == 0, run.err
    assert f"'{value}' er ikke en hel dato: året skal skrives med fire cifre." in flat(run.screen)
    assert re.search(rf"fx {typed(SOON)}", flat(run.screen))
    [changed] = followup.plan_items(ws.store.load(reusing), ws.store.load(reusing).partners[0])
    assert changed.due == SOON


def test_a_deadline_before_2000_from_the_file_is_kept_when_left_as_offered(on_screen, ws, reusing):
    """Typed, 01-01-1999 is refused; but a project file may hold it (an earlier version took it), and
    'plan ret' offers it: left as it was, it is no typo to refuse, and the rest can still be changed."""
    old = datetime.date(1999, 1, 1)
    item = plan.add(ws, plan.Action("Gammel", "Ole", due=old), ws.store.load(reusing).partners[0])

    run = on_screen(ENTER + ENTER + ENTER + "\x1b[B" * 2 + ENTER, "plan", "ret", item.id)  # done

    assert run.code == 0, run.err
    assert "tastefejl" not in run.screen
    [changed] = followup.plan_items(ws.store.load(reusing), ws.store.load(reusing).partners[0])
    assert (changed.due, changed.status) == (old, "færdig")


def test_a_year_up_to_50_years_ahead_is_taken_and_one_further_kept_as_offered(run_cli, ws, reusing):
    words, _ = commands(ws, reusing)["plan tilføj"]
    last = datetime.date(TODAY.year + 50, 12, 31)
    code, out, err = run_cli(*words, typed(last))
    assert code == 0, (out, err)
    said = refused_with(run_cli, words, f"01-01-{TODAY.year + 51}")
    assert said.startswith(f"Fejl: '01-01-{TODAY.year + 51}' ligger mere end 50 år ude i fremtiden")
    far = datetime.date(2207, 6, 5)  # offered by 'plan ret' and left as it was: not typed, so taken
    assert plan.parse_due(typed(far), kept=True) == far


@pytest.mark.parametrize("blank", [" ", ""])
@pytest.mark.parametrize(
    ("words", "fixed"),
    [
        (("møde", "--dato"), "møde --dato {today}"),
        (
            ("møde", "--partner", "Ærø Kommune", "--dato"),
            "møde --dato {today} --partner 'Ærø Kommune'",
        ),
        (("godkend", "tjek", "--af", "Eva", "--dato"), "godkend tjek --af Eva --dato {today}"),
    ],
)
def test_a_blank_date_is_refused_with_the_command_and_todays_date_in_it(
    run_cli, ws, reusing, words, fixed, blank
):
    """møde --dato " " was taken silently as today: a date a script failed to fill in is no meeting today."""
    before = ws.store.path_for(reusing).read_bytes()

    said = refused_with(run_cli, words, blank)

    command = fixed.format(today=typed(TODAY))
    # a command holding an apostrophe gets outer quotes it does not hold (i18n: quotes that never collide)
    quoted = f"“spredning {command}”" if "'" in command else f"'spredning {command}'"
    assert said == (
        "Fejl: Der står ingen dato efter --dato. "
        f"Skriv datoen som dag-måned-år, fx {quoted}, "
        "eller udelad --dato for at bruge dagens dato."
    )
    assert ws.store.path_for(reusing).read_bytes() == before  # nothing noted
    code, out, err = run_cli(*shlex.split(command))
    assert code == 0, (out, err)


def the_action(ws, slug):
    [item] = followup.plan_items(ws.store.load(slug), ws.store.load(slug).partners[0])
    return item


def test_a_deadline_option_refused_in_a_terminal_opens_its_field_holding_it_to_correct(
    on_screen, ws, reusing
):
    run = on_screen(CORRECTED, "plan", "tilføj", "--hvad", "Ring til Ældrerådet", "--frist", SHORT)

    assert run.code == 0, run.err
    screen = flat(run.screen)
    assert screen.index(REFUSED) < screen.index(
        f"Frist? (dd-mm-åååå, valgfrit; Esc eller Ctrl+C stopper) {SHORT}"
    )  # said above
    assert f"fx {typed(SOON)}" in screen
    item = the_action(ws, reusing)
    assert (item.what, item.due) == ("Ring til Ældrerådet", SOON)


def test_with_no_action_given_the_refused_deadline_waits_in_its_field_after_what_and_who(
    on_screen, ws, reusing
):
    keys = "Ring til Ældrerådet" + ENTER + "Bo" + ENTER + CORRECTED

    run = on_screen(keys, "plan", "tilføj", "--frist", SHORT)

    assert run.code == 0, run.err
    screen = flat(run.screen)
    assert screen.index("Hvem gør det?") < screen.index(REFUSED) < screen.index("Frist?")
    item = the_action(ws, reusing)
    assert (item.what, item.who, item.due) == ("Ring til Ældrerådet", "Bo", SOON)


def test_a_stop_at_the_refused_deadline_offers_the_command_without_it(on_screen, ws, reusing):
    run = on_screen(
        "\x03", "plan", "tilføj", "--hvad", "Ring til Ældrerådet", "--hvem", "Bo", "--frist", SHORT
    )

    assert run.code == 130, run.err
    said = flat(run.err)
    assert "Handlingen er ikke tilføjet" in said
    assert f"Fristen, du skrev ('{SHORT}'), kunne ikke bruges, så den er udeladt" in said
    again = said.split("du skrev: ")[1]  # the command offered, without the deadline refused
    assert "plan tilføj --hvad 'Ring til Ældrerådet' --hvem Bo" in again and SHORT not in again
    assert not followup.plan_items(ws.store.load(reusing), ws.store.load(reusing).partners[0])


def test_plan_ret_opens_the_deadline_field_too_and_keeps_the_other_options(on_screen, ws, reusing):
    item = plan.add(ws, plan.Action("Fjern kravet", "Ole"), ws.store.load(reusing).partners[0])

    run = on_screen(CORRECTED, "plan", "ret", item.id[:4], "--status", "i gang", "--frist", SHORT)

    assert run.code == 0, run.err
    assert REFUSED in flat(run.screen)
    changed = the_action(ws, reusing)
    assert (changed.due, changed.status) == (SOON, "i-gang")


@pytest.mark.parametrize("corrected", [False, True])
def test_a_stop_at_plan_ret_s_refused_deadline_quotes_it_or_keeps_it_corrected(
    on_screen, ws, reusing, corrected
):
    """Ctrl+C in a --frist refused field: the words quote the deadline left out; corrected, it stays."""
    item = plan.add(ws, plan.Action("Fjern kravet", "Ole"), ws.store.load(reusing).partners[0])
    keys = ("\x7f\x7f" + str(SOON.year) if corrected else "") + "\x03"

    run = on_screen(keys, "plan", "ret", item.id[:4], "--status", "i gang", "--frist", SHORT)

    assert run.code == 130, run.err
    said = flat(run.err)
    again = f"spredning plan ret {item.id} --status 'i gang'"
    if corrected:
        assert "kunne ikke bruges" not in said
        assert said.endswith(f"{again} --frist {SHORT[:-2]}{SOON.year}"), said
    else:
        assert f"Fristen, du skrev ('{SHORT}'), kunne ikke bruges, så den er udeladt" in said
        assert said.endswith(again), said
    assert the_action(ws, reusing).status != "i-gang"


@pytest.mark.parametrize("which", ["plan tilføj", "godkend"])
@pytest.mark.parametrize("written", ["31-02-{year}", "31-04-{year}"])
def test_a_day_past_its_months_end_in_a_year_too_far_ahead_offers_a_date_the_command_takes(
    run_cli, ws, reusing, which, written
):
    """31-02-2090 offered 28-02-2090, which the command then refused as more than 50 years ahead."""
    words, _ = commands(ws, reusing)[which]
    value = written.format(year=TODAY.year + 64)

    said = refused_with(run_cli, words, value)

    example = re.search(r"fx (\d\d-\d\d-\d{4})\.$", said)
    assert example, said
    code, out, err = run_cli(*words, example[1])
    assert code == 0, (out, err)


@pytest.mark.parametrize(
    ("written", "days"), [("i morgen", 1), ("I MORGEN", 1), ("imorgen", 1), ("i overmorgen", 2), ("i dag", 0)]
)
def test_a_day_said_in_words_is_refused_with_that_day_as_the_date_to_write(
    run_cli, ws, reusing, written, days
):
    """--frist 'i morgen' offered today's date to write, not tomorrow's."""
    words, _ = commands(ws, reusing)["plan tilføj"]
    meant = typed(TODAY + datetime.timedelta(days=days))

    said = refused_with(run_cli, words, written)

    assert said == f"Fejl: '{written}' er ikke en dato. Skriv datoen som dag-måned-år, fx {meant}."
    code, out, err = run_cli(*words, meant)
    assert code == 0, (out, err)


def test_tomorrow_in_english_offers_tomorrows_date_and_an_approval_never_a_day_to_come(run_cli, ws, reusing):
    tomorrow = typed(TODAY + datetime.timedelta(days=1))
    code, _, err = run_cli("--sprog", "en", "plan", "tilføj", "--hvad", "x", "--frist", "tomorrow")
    assert code == 2 and flat(err).endswith(f"e.g. {tomorrow}."), err

    words, _ = commands(ws, reusing)["godkend"]
    said = refused_with(run_cli, words, "i morgen")
    assert said.endswith(f"fx {typed(TODAY)}.")  # godkend takes no day to come


def test_godkends_date_refused_in_a_terminal_opens_its_field_holding_it_to_correct(on_screen, ws, reusing):
    run = on_screen(GONE_CORRECTED, "godkend", "tjek", "--af", "Eva", "--dato", GONE_SHORT)

    assert run.code == 0, run.err
    screen = flat(run.screen)
    assert screen.index(GONE_REFUSED) < screen.index(
        "Hvornår blev fasen godkendt? (dd-mm-åååå; et tomt felt er i dag; Esc eller Ctrl+C stopper) "
        + GONE_SHORT
    )
    project = ws.store.load(reusing)
    approval = followup.approval(project, project.partners[0], "tjek", "genbruge")
    assert (approval.by, approval.day) == ("Eva", GONE)


def test_godkends_date_still_to_come_opens_its_field_after_the_name_asked(on_screen, ws, reusing):
    keys = "Eva" + ENTER + "\x7f" * len(typed(SOON)) + typed(GONE) + ENTER

    run = on_screen(keys, "godkend", "tjek", "--dato", typed(SOON))

    assert run.code == 0, run.err
    screen = flat(run.screen)
    assert screen.index("Hvem godkender fasen?") < screen.index("er ikke kommet endnu")
    assert f"Skriv den dag, fasen blev godkendt, fx {typed(TODAY)}." in screen
    project = ws.store.load(reusing)
    assert followup.approval(project, project.partners[0], "tjek", "genbruge").day == GONE


def test_a_stop_at_godkends_refused_date_offers_the_command_with_the_name_and_without_it(
    on_screen, ws, reusing
):
    before = ws.store.path_for(reusing).read_bytes()

    run = on_screen("\x03", "godkend", "tjek", "--af", "Eva Jensen", "--dato", GONE_SHORT)

    assert run.code == 130, run.err
    said = flat(run.err)
    assert "Fasen er ikke godkendt" in said
    assert f"Datoen, du skrev ('{GONE_SHORT}'), kunne ikke bruges, så den er udeladt" in said
    assert said.endswith("godkend tjek --af 'Eva Jensen'")
    assert ws.store.path_for(reusing).read_bytes() == before


def test_modes_date_refused_in_a_terminal_opens_its_field_holding_it_to_correct(on_screen, ws, reusing):
    run = on_screen(GONE_CORRECTED, "møde", "--dato", GONE_SHORT)

    assert run.code == 0, run.err
    screen = flat(run.screen)
    assert screen.index(GONE_REFUSED) < screen.index("Hvornår blev mødet holdt?")
    project = ws.store.load(reusing)
    assert followup.last_meeting(project, project.partners[0]).day == GONE


def test_an_empty_date_field_is_today(on_screen, ws, reusing):
    run = on_screen("\x7f" * len(typed(SOON)) + ENTER, "møde", "--dato", typed(SOON))

    assert run.code == 0, run.err
    assert "er ikke kommet endnu; et møde noteres, når det er holdt." in flat(run.screen)
    project = ws.store.load(reusing)
    assert followup.last_meeting(project, project.partners[0]).day == TODAY


@pytest.mark.parametrize("which", ["godkend", "møde"])
def test_without_a_terminal_a_bad_date_is_still_refused(run_cli, ws, reusing, which):
    words = {"godkend": ("godkend", "tjek", "--af", "Eva"), "møde": ("møde",)}[which]
    before = ws.store.path_for(reusing).read_bytes()

    code, _, err = run_cli(*words, "--dato", GONE_SHORT)

    assert code == 2
    assert flat(err).startswith(f"Fejl: {GONE_REFUSED}")
    assert ws.store.path_for(reusing).read_bytes() == before


def test_a_stop_at_godkends_name_before_the_refused_date_says_the_date_is_left_out(on_screen, ws, reusing):
    run = on_screen("Eva" + "\x03", "godkend", "tjek", "--dato", GONE_SHORT)

    assert run.code == 130, run.err
    said = flat(run.err)
    assert f"Datoen, du skrev ('{GONE_SHORT}'), kunne ikke bruges, så den er udeladt" in said
    assert said.endswith("godkend tjek --af Eva")


def test_a_stop_at_godkends_day_field_quotes_the_day_typed_there_as_plans_deadline_is(on_screen, reusing):
    """As 'Fristen, du skrev ('fredag') ...': the day typed in the field, refused, is quoted."""
    keys = "\x15" + "fredag" + ENTER + "\x03"  # the field emptied, a word it refuses, then a stop

    run = on_screen(keys, "godkend", "tjek", "--af", "Eva", "--dato", GONE_SHORT)

    assert run.code == 130, run.err
    said = flat(run.err)
    assert "Datoen, du skrev ('fredag'), kunne ikke bruges, så den er udeladt" in said
    assert said.endswith("godkend tjek --af Eva")


def test_a_stop_at_godkends_emptied_day_field_approves_today_without_calling_it_refused(on_screen, reusing):
    run = on_screen("\x15" + "\x03", "godkend", "tjek", "--af", "Eva", "--dato", GONE_SHORT)

    assert run.code == 130, run.err
    said = flat(run.err)
    assert "kunne ikke bruges" not in said  # an empty field is today: nothing was refused
    assert said.endswith("godkend tjek --af Eva")
