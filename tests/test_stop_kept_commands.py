"""A stop from outside (SIGTERM, a closed window) while a mark or an action is typed keeps a command
that runs as it is and saves what was typed (a user's trial of stop 38's kept commands).

Found: a deadline the field had refused went into the kept command, which was refused again when
run (in 'fase' and in 'plan tilføj'); the saved mark left as it stood was said to be "not saved",
and its reason kept in a file as if it were lost.
"""

from __future__ import annotations

import shlex
import signal
import subprocess
from pathlib import Path

import pytest
import yaml
from terminal import COMMAND, DOWN, ENTER
from test_e2e_drafts import SLUG, at_the_plans_offer, env, finish, home, project, spawn, stopped, stopped_kept

pytestmark = pytest.mark.e2e

__all__ = ["env", "home", "project", "spawn"]  # the fixtures, used by name

REFUSED = "31-02-2027"  # February has no 31st: the deadline's field refuses it


def kept_lines_run(kept: Path, env: dict[str, str]) -> list[str]:
    """Run the kept file's first line as the user would (it must succeed); the file's lines."""
    lines = kept.read_text(encoding="utf-8").splitlines()
    done = subprocess.run(
        [str(COMMAND), *shlex.split(lines[0])[1:]],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, (lines, done.stderr)
    return lines


def plan_of(env: dict[str, str]) -> list[dict]:
    data = yaml.safe_load((Path(env["SPREDNING_HJEM"]) / f"{SLUG}.yaml").read_text(encoding="utf-8"))
    return list(data["opfølgning"]["genbruge"][SLUG]["plan"].values())


def refused_deadline_typed(child) -> None:
    """In the deadline's field: a date it refuses, Enter (said why), the field holding it still."""
    child.expect_exact("Frist?")
    child.send(REFUSED + ENTER)
    child.expect_exact("har kun 28 dage")
    child.expect_exact("Frist?")


@pytest.mark.parametrize("how", ["SIGTERM", "the window closes"])
def test_a_refused_deadline_is_left_out_of_the_kept_fase_command_and_kept_under_it(spawn, project, env, how):
    child = at_the_plans_offer(spawn)
    child.send(DOWN + ENTER)  # add an action
    child.expect_exact("Hvad skal gøres?")
    child.send('Spørg "borgmesteren" om $LØN' + ENTER)
    child.expect_exact("Hvem gør det?")
    child.send("Eva O'Neil" + ENTER)
    refused_deadline_typed(child)

    kept, output = stopped_kept(child, how, env)

    lines = kept_lines_run(kept, env)
    assert lines[1:] == [REFUSED], lines
    assert "--frist" not in lines[0]
    [action] = plan_of(env)
    assert (action["hvad"], action["hvem"], action.get("frist")) == (
        'Spørg "borgmesteren" om $LØN',
        "Eva O'Neil",
        None,
    )
    if how == "SIGTERM":
        said = " ".join(output.split())
        assert "og under den det, du skrev i feltet, som ikke kunne bruges" in said, said[-600:]


@pytest.mark.parametrize("how", ["SIGTERM", "the window closes"])
def test_a_refused_deadline_is_left_out_of_the_kept_plan_command_too(spawn, project, env, how):
    child = spawn("plan", "tilføj")
    child.expect_exact("Hvad skal gøres?")
    child.send("Book et lokale" + ENTER)
    child.expect_exact("Hvem gør det?")
    child.send(ENTER)
    refused_deadline_typed(child)

    kept, _ = stopped_kept(child, how, env)

    assert kept_lines_run(kept, env) == ["spredning plan tilføj --hvad 'Book et lokale'", REFUSED]
    assert [action["hvad"] for action in plan_of(env)] == ["Book et lokale"]


def _marked_yellow(env) -> None:
    """Fjern forhindringer marked gul with a reason, by the installed command."""
    saved = subprocess.run(
        [str(COMMAND), "klarhed", "fjern-forhindringer", "gul", "--begrundelse", "Budgettet mangler"],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        check=False,
    )
    assert saved.returncode == 0, saved.stderr


@pytest.mark.parametrize("how", ["SIGTERM", "the window closes"])
def test_a_stop_at_the_saved_marks_reason_left_as_it_stood_says_nothing_is_lost(spawn, project, env, how):
    _marked_yellow(env)
    child = at_the_plans_offer(spawn)
    child.send(ENTER)
    child.expect_exact("Hvor klar er I efter")
    child.expect_exact("Behold markeringen")
    child.send(ENTER)  # gul, as saved (the choice the list starts on)
    child.expect_exact("Kort begrundelse?")
    child.expect_exact("Budgettet mangler")  # the saved reason in the field, left as it is

    if how == "SIGTERM":
        import os
        import signal

        os.kill(child.pid, signal.SIGTERM)
        status, output = finish(child)
        assert status == 128 + signal.SIGTERM
        said = " ".join(output.split())
        assert said.endswith("Stoppet udefra. Intet er gået tabt af det, der allerede var gemt."), said[-400:]
    else:
        child.ptyproc.fileobj.close()
        from test_e2e_drafts import wait_for_exit

        wait_for_exit(child)
    assert list(Path(env["HOME"]).glob("spredning-tekst-*.txt")) == []


def test_a_refused_deadline_is_left_out_of_the_kept_plan_ret_command(spawn, project, env):
    added = [str(COMMAND), "plan", "tilføj", "--hvad", "Book et lokale", "--frist", "01-06-2027"]
    subprocess.run(added, env=env, stdin=subprocess.DEVNULL, capture_output=True, check=True)
    data = yaml.safe_load((Path(env["SPREDNING_HJEM"]) / f"{SLUG}.yaml").read_text(encoding="utf-8"))
    [id] = data["opfølgning"]["genbruge"][SLUG]["plan"]
    child = spawn("plan", "ret", id)
    child.expect_exact("Hvad skal gøres?")
    child.send(ENTER)
    child.expect_exact("Hvem gør det?")
    child.send("Ole" + ENTER)
    child.expect_exact("Frist?")
    child.send("\x15" + REFUSED + ENTER)  # Ctrl+U: the deadline emptied, another typed
    child.expect_exact("har kun 28 dage")
    child.expect_exact("Frist?")  # asked again, the field holding it

    kept, _ = stopped_kept(child, "SIGTERM", env)

    assert kept_lines_run(kept, env) == [f"spredning plan ret {id} --hvem Ole", REFUSED]
    [action] = plan_of(env)
    assert (action["hvem"], action["frist"]) == ("Ole", "2027-06-01")


@pytest.mark.parametrize("how", ["SIGTERM", "the window closes"])
def test_klarhed_stopped_from_outside_at_the_saved_reason_left_as_it_stood_keeps_nothing(
    spawn, project, env, how
):
    """As in the interview (above): 'klarhed' with the saved mark's colour and reason, stopped from
    outside in the field, kept a command that saves the same mark again, as if a reason were lost."""
    _marked_yellow(env)
    child = spawn("klarhed", "fjern-forhindringer")
    child.expect_exact("Fortryd")
    child.send(ENTER)  # gul, as saved (the choice the list starts on)
    child.expect_exact("Kort begrundelse?")
    child.expect_exact("Budgettet mangler")  # the saved reason in the field, left as it is

    status, output = stopped(child, how)

    assert status == 128 + (signal.SIGTERM if how == "SIGTERM" else signal.SIGHUP)
    assert list(Path(env["HOME"]).glob("spredning-tekst-*.txt")) == []
    if how == "SIGTERM":
        said = " ".join(output.split())
        assert said.endswith("Stoppet udefra. Intet er gået tabt af det, der allerede var gemt."), said[-400:]
