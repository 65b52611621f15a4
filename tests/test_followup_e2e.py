"""End to end: the follow-up as the new-user trial met it, with the installed command in a terminal.

The sharing side with two reusing organisations adds an action (which dialogue is asked first),
writes the agenda for one partner and runs the hints it prints, as printed.
"""

from __future__ import annotations

import shlex

import pytest
import yaml
from terminal import BACKSPACE, CTRL_C, DOWN, ENTER
from test_e2e import env, finish, plain, run, spawn  # noqa: F401  (fixtures)

pytestmark = pytest.mark.e2e


@pytest.fixture
def sharing(run):  # noqa: F811
    """`spredning start` on the sharing side of a project with Ærø and Fanø."""
    done = run(
        "start", "--navn", "Genoptræning", "--beskrivelse", "Digital genoptræning",
        "--deler", "Odense Kommune", "--genbruger", "Ærø Kommune", "--genbruger", "Fanø Kommune",
        "--rolle", "dele", "--organisation", "Odense Kommune",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return "genoptraening"


def test_plan_tilfoej_asks_which_dialogue_and_keeps_the_action_there(spawn, run, sharing, tmp_path):  # noqa: F811
    child = spawn("plan", "tilføj")
    child.expect_exact("Hvilken dialog hører handlingen til?")
    child.expect_exact("Fælles for alle dialoger")
    child.send(ENTER)  # Ærø Kommune, the first
    child.expect_exact("Hvad skal gøres?")
    child.send("Holde et opstartsmøde på Ærø" + ENTER)
    child.expect_exact("Enter går videre")
    child.send("Projektleder" + ENTER)
    child.expect_exact("Frist?")
    child.send("15-01-2027" + ENTER)
    code, said = finish(child)

    assert code == 0, said
    data = yaml.safe_load((tmp_path / "hjem" / f"{sharing}.yaml").read_text(encoding="utf-8"))
    assert list(data["opfølgning"]) == ["genbruge"]  # nothing general (under 'dele')
    assert list(data["opfølgning"]["genbruge"]) == ["aeroe-kommune"]
    fanoe = run("plan", "--partner", "Fanø Kommune")
    assert "opstartsmøde" not in fanoe.stdout and "Handlingsplanen er tom" in " ".join(fanoe.stdout.split())


def test_every_hint_of_dagsorden_and_moede_runs_as_printed(spawn, run, sharing, tmp_path):  # noqa: F811
    made = run("dagsorden", "--partner", "Fanø Kommune", "--ud", str(tmp_path / "dagsorden.md"))
    assert made.returncode == 0, made.stderr
    held = hint_after(made.stdout, "Når mødet er holdt:")

    noted = run(*held)

    assert noted.returncode == 0, noted.stderr
    again = run(*hint_after(noted.stdout, "Næste dagsorden ('"), "--ud", str(tmp_path / "ny.md"))
    assert again.returncode == 0, again.stderr


def test_a_future_meeting_is_refused_and_a_wrong_one_corrected(spawn, run, sharing):  # noqa: F811
    future = run("møde", "--partner", "Fanø Kommune", "--dato", "01-01-2070")
    assert future.returncode == 2 and "er ikke kommet endnu" in " ".join(future.stderr.split())
    assert run("møde", "--partner", "Fanø Kommune", "--dato", "02-01-2026").returncode == 0

    child = spawn("møde", "--partner", "Fanø Kommune", "--dato", "01-01-2026")
    child.expect_exact("Ret det seneste møde til 1. januar 2026")
    child.send(ENTER)
    code, said = finish(child)

    assert code == 0, said
    assert "Det seneste møde er rettet til 1. januar 2026" in " ".join(said.split())
    refused = run("møde", "--partner", "Fanø Kommune", "--dato", "01-12-2025")
    assert refused.returncode == 2
    assert "--dato 01-12-2025 --ret --partner fanoe-kommune" in " ".join(refused.stderr.split())


def hint_after(out: str, before: str) -> list[str]:
    """The arguments of the command a hint prints after `before` (the program's path left out)."""
    rest = " ".join(plain(out).split()).split(before, 1)[1]
    return shlex.split(rest.split("'")[0])[1:]


@pytest.mark.parametrize("keep", ["mine", "theirs"])
def test_plan_ret_in_two_windows_on_the_same_field_asks_which_text_to_keep(spawn, run, sharing, keep):  # noqa: F811
    """Window 1 shows 'hvem' as Eva and the user types Mette; window 2 saves Ole meanwhile. The last
    save overwrote Ole without a word; now both texts are shown and the user picks one."""
    added = run("plan", "tilføj", "--hvad", "Book et lokale", "--hvem", "Eva", "--partner", "Ærø Kommune")
    assert added.returncode == 0, added.stderr
    ident = added.stdout.split("(id ")[1].split(")")[0]
    child = spawn("plan", "ret", ident)
    child.expect_exact("Hvad skal gøres?")
    child.send(ENTER)
    child.expect_exact("Enter går videre")
    child.send("\x15" + "Mette" + ENTER)  # Ctrl+U empties the field first
    child.expect_exact("Frist?")
    other = run("plan", "ret", ident, "--hvem", "Ole")  # the other window, while the first one asks
    assert other.returncode == 0, other.stderr
    child.send(ENTER)
    child.expect_exact("Status?")
    child.send(ENTER)
    child.expect_exact("Hvilken tekst skal gemmes?")
    child.send((DOWN if keep == "theirs" else "") + ENTER)
    code, said = finish(child)

    assert code == 0, said
    said = " ".join(said.split())
    changed = "Feltet »Hvem« er ændret et andet sted, mens du rettede: der står nu »Ole«; du skrev »Mette«."
    assert changed in said
    listed = " ".join(run("plan", "--partner", "Ærø Kommune").stdout.split())
    assert ("Mette" if keep == "mine" else "Ole") in listed
    assert ("Ole" if keep == "mine" else "Mette") not in listed


def test_a_stop_at_which_text_to_keep_gives_the_command_that_saves_the_text_typed(spawn, run, sharing):  # noqa: F811
    added = run("plan", "tilføj", "--hvad", "Book et lokale", "--hvem", "Eva", "--partner", "Ærø Kommune")
    ident = added.stdout.split("(id ")[1].split(")")[0]
    child = spawn("plan", "ret", ident)
    child.expect_exact("Hvad skal gøres?")
    child.send(ENTER)
    child.expect_exact("Enter går videre")
    child.send("\x15" + "Mette Ø" + ENTER)
    child.expect_exact("Frist?")
    assert run("plan", "ret", ident, "--hvem", "Ole").returncode == 0  # the other window
    child.send(ENTER)
    child.expect_exact("Status?")
    child.send(ENTER)
    child.expect_exact("Hvilken tekst skal gemmes?")
    child.send(CTRL_C)
    code, said = finish(child)

    assert code == 130
    said = " ".join(said.split())
    assert f"Gem ændringen med det, du skrev: spredning plan ret {ident} --hvem 'Mette Ø'" in said, said
    assert "Ole" in " ".join(run("plan", "--partner", "Ærø Kommune").stdout.split())  # nothing saved


def test_klarhed_takes_what_is_typed_at_its_lists_as_a_search(spawn, sharing, tmp_path):  # noqa: F811
    """From a user trial: 'rød' and Enter at the colour list marked Grøn, the choice highlighted
    before any typing (and typed at the dialogue list, made the mark for the first partner).
    Now typing searches a list; 'rødt' holds in no choice, so Enter picks nothing until Backspace."""
    child = spawn("klarhed", "Beskriv innovationen")
    child.expect_exact("Fælles for alle dialoger")
    child.send("fanø" + ENTER)
    child.expect_exact("Fortryd")
    child.send("rødt" + ENTER + BACKSPACE + ENTER)
    child.expect_exact("Kort begrundelse?")
    child.send("Vi mangler tal" + ENTER)
    code, said = finish(child)

    assert code == 0, said
    data = yaml.safe_load((tmp_path / "hjem" / f"{sharing}.yaml").read_text(encoding="utf-8"))
    marks = {who: kept["klarhed"] for who, kept in data["opfølgning"]["genbruge"].items()}
    assert list(marks) == ["fanoe-kommune"]
    mark = marks["fanoe-kommune"]["tjek.beskriv-innovationen.dele"]
    assert (mark["farve"], mark["begrundelse"]) == ("rød", "Vi mangler tal")


def _typed_until_the_last_field(child, case: str) -> str:
    """Each command asked in a terminal up to its last field; the keys that fill it and press Enter."""
    if case == "klarhed":
        child.expect_exact("Hvor klar er I efter")
        child.send(DOWN + ENTER)  # gul
        child.expect_exact("Kort begrundelse?")
        return "Vi mangler tal fra Fanø" + ENTER
    if case == "godkend":
        child.expect_exact("Hvem godkender fasen?")
        return "Eva Jensen" + ENTER
    child.expect_exact("Hvad skal gøres?")
    child.send("Ring til Fanø" + ENTER)
    child.expect_exact("Enter går videre")
    child.send("Bo" + ENTER)
    child.expect_exact("Frist?")
    return "15-01-2027" + ENTER


@pytest.mark.parametrize(
    "args",
    [("klarhed", "Beskriv innovationen"), ("godkend", "tjek"), ("plan", "tilføj")],
    ids=["klarhed", "godkend", "plan-tilfoej"],
)
def test_a_file_made_read_only_while_typing_keeps_what_was_typed_in_a_command(
    spawn,  # noqa: F811
    run,  # noqa: F811
    sharing,
    tmp_path,
    args,
):
    """From an audit: the project file made read-only (or locked, or damaged) after the command
    asked, before the last Enter: refused at the save, and what was typed was lost. It is given
    back in the command that saves it."""
    path = tmp_path / "hjem" / f"{sharing}.yaml"
    child = spawn(*args, "--partner", "Fanø Kommune")
    last = _typed_until_the_last_field(child, args[0])
    path.chmod(0o444)
    child.send(last)
    code, said = finish(child)

    assert code == 1, said
    assert "er skrivebeskyttet, så intet er gemt" in " ".join(said.split())
    again = shlex.split(" ".join(said.split()).split("gem det, når problemet er løst, med: ", 1)[1])[1:]
    path.chmod(0o644)
    saved = run(*again)
    assert saved.returncode == 0, saved.stderr
    followup = yaml.safe_load(path.read_text(encoding="utf-8"))["opfølgning"]["genbruge"]["fanoe-kommune"]
    text = str(followup)
    assert {"klarhed": "Vi mangler tal fra Fanø", "godkend": "Eva Jensen", "plan": "Ring til Fanø"}[
        args[0]
    ] in text


def test_plan_ret_keeps_what_was_typed_when_the_file_is_read_only_meanwhile(spawn, run, sharing, tmp_path):  # noqa: F811
    """As above for 'plan ret': the command given back holds the text typed, and a deadline and a
    person removed are removed by it ('' each), not given as '–' (refused, or saved as the name)."""
    path = tmp_path / "hjem" / f"{sharing}.yaml"
    added = run("plan", "tilføj", "--hvad", "Book et lokale", "--hvem", "Eva", "--frist", "15-01-2027",
                "--partner", "Fanø Kommune")  # fmt: skip
    assert added.returncode == 0, added.stderr
    ident = added.stdout.split("(id ")[1].split(")")[0]
    child = spawn("plan", "ret", ident)
    child.expect_exact("Hvad skal gøres?")
    child.send(" på Fanø" + ENTER)
    child.expect_exact("Enter går videre")
    child.send(BACKSPACE * 3 + ENTER)
    child.expect_exact("Frist?")
    child.send(BACKSPACE * 10 + ENTER)
    child.expect_exact("Status?")
    path.chmod(0o444)
    child.send(ENTER)
    code, said = finish(child)

    assert code == 1, said
    again = shlex.split(" ".join(said.split()).split("gem det, når problemet er løst, med: ", 1)[1])[1:]
    assert again == ["plan", "ret", ident, "--hvad", "Book et lokale på Fanø", "--hvem", "", "--frist", ""]
    path.chmod(0o644)
    saved = run(*again)
    assert saved.returncode == 0, saved.stderr
    shown = " ".join(run("plan", "--partner", "Fanø Kommune").stdout.split())
    assert "Book et lokale på Fanø" in shown and "Eva" not in shown and "2027" not in shown
