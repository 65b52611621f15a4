"""A project removed while a window answers in it, and its file name given to another project (a new
'start' or an import under the same name), or the project brought back under a new name.

Found in a trial: the window went on saving its answers and drafts into the other project that had
the name now, without a word, and 'projekt gendan --navn' left the drafts typed meanwhile behind
under the old name. Now nothing of the window goes into another project (it says so, with the
gendan that brings its own back); brought back under a new name, the project takes those drafts
in, and the window finds it there and saves in it.
"""

from __future__ import annotations

from pathlib import Path

import pexpect
import pytest
import yaml
from exchange_kit import D1, D2, NAME, Org, flat, start_sharing
from homekit import CTRL_C
from terminal import ANSI, COMMAND, ESC_ENTER, person

from spredning.core.drafts import Drafted
from spredning.core.errors import SpredningError
from spredning.core.model import Answer

pytestmark = pytest.mark.usefixtures("work_in_tmp")

SLUG = "genoptraening-aeroe"
NEW = "Genoptræning Odense"
NEW_SLUG = "genoptraening-odense"


def state_of(org: Org, slug: str) -> dict:
    path = org.home / ".spredning" / f"{slug}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}


def another_under_the_name(org: Org) -> None:
    """The project removed, and another started under the same name (so the same file name)."""
    org.ok("projekt", "fjern", NAME, "--ja")
    org.ok(
        "start", "--navn", NAME, "--deler", "Vejle Kommune", "--genbruger", "Fanø Kommune", "--rolle", "dele"
    )


def session_and_questions(org: Org):
    from spredning.app.answering import Session
    from spredning.app.workspace import Settings, Workspace

    ws = Workspace(Settings(home=str(org.home)))
    questions = {q.id: q for q in ws.guide.questions()}
    return Session(ws, SLUG, "dele", None), questions[D1], questions[D2]


def at_the_first_question(tmp_path: Path, pseudo_terminal) -> tuple[Org, pexpect.spawn]:
    """Odense on the sharing side, the installed command's first question open in a real terminal."""
    env = person(tmp_path, lines=40)
    org = Org(Path(env["SPREDNING_HJEM"]), tmp_path)  # the installed command, in the terminal's folder
    start_sharing(org)
    child = pseudo_terminal(COMMAND, ["fase", "tjek"], env=env, rows=40)
    child.expect_exact("[1/20]")
    child.expect_exact("Svar:")
    return org, child


def stopped(child: pexpect.spawn) -> str:
    """Ctrl+C, and everything the terminal showed, as one line of text."""
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
    child.close()
    return flat(ANSI.sub("", child.logfile_read.getvalue()))


def kept_state(org: Org) -> dict:
    """The removed project's own state, kept in its folder under fjernede/."""
    [path] = (org.home / "fjernede").glob(f"*/denne-computer/{SLUG}.yaml")
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_nothing_of_the_window_goes_into_another_project_that_has_the_name_now(tmp_path, run_cli):
    """An answer is refused; a draft is kept in the removed project's own state, and comes back with it."""
    org = Org(tmp_path / "odense", tmp_path, run_cli)
    start_sharing(org)
    session, first, second = session_and_questions(org)
    another_under_the_name(org)
    before = (org.home / f"{SLUG}.yaml").read_bytes(), state_of(org, SLUG)

    with pytest.raises(SpredningError) as saved:
        session.record(first, Answer(text="Færre ventetider"), None)
    kept = session.keep_draft(second, "Halvt skrevet")

    refused = saved.value
    assert refused.key == "answer.project-taken"
    assert refused.hint is not None and refused.hint.params["slug"] == SLUG
    assert kept is Drafted.KEPT
    assert ((org.home / f"{SLUG}.yaml").read_bytes(), state_of(org, SLUG)) == before  # the other's: untouched
    assert org.project(SLUG).sharing_org == "Vejle Kommune"
    state = kept_state(org)
    assert state["side"] == "dele" and state["kladder"] == {D2: "Halvt skrevet"}

    org.ok("projekt", "gendan", SLUG, "--navn", NEW)

    assert state_of(org, NEW_SLUG)["kladder"] == {D2: "Halvt skrevet"}
    session.keep_draft(second, "Halvt skrevet, og mere")  # the window follows it to its new name
    assert state_of(org, NEW_SLUG)["kladder"] == {D2: "Halvt skrevet, og mere"}
    assert "Halvt" not in str(state_of(org, SLUG))


def test_with_no_removed_project_to_keep_it_in_the_draft_is_refused(tmp_path, run_cli):
    """The project file deleted by hand (nothing kept under fjernede/), another project under its name."""
    org = Org(tmp_path / "odense", tmp_path, run_cli)
    start_sharing(org)
    session, _, second = session_and_questions(org)
    (org.home / f"{SLUG}.yaml").unlink()
    (org.home / ".spredning" / f"{SLUG}.yaml").unlink()
    org.ok("start", "--navn", NAME, "--deler", "Vejle Kommune", "--rolle", "dele")
    before = state_of(org, SLUG)

    with pytest.raises(SpredningError) as refused:
        session.keep_draft(second, "Halvt skrevet")

    assert refused.value.key == "answer.project-taken" and refused.value.hint is None
    assert state_of(org, SLUG) == before


def test_brought_back_under_a_new_name_the_window_saves_there_and_its_drafts_came_along(tmp_path, run_cli):
    org = Org(tmp_path / "odense", tmp_path, run_cli)
    start_sharing(org)
    session, first, second = session_and_questions(org)
    session.keep_draft(first, "Før")
    org.ok("projekt", "fjern", NAME, "--ja")
    session.keep_draft(second, "Skrevet imens")  # kept under the old name: the project is away

    out = flat(org.ok("projekt", "gendan", SLUG, "--navn", NEW))

    assert "blev i" not in out
    state = state_of(org, NEW_SLUG)
    assert state["side"] == "dele" and state["kladder"] == {D1: "Før", D2: "Skrevet imens"}
    assert not (org.home / ".spredning" / f"{SLUG}.yaml").exists()  # taken in, not left behind

    assert session.record(first, Answer(text="Færre ventetider"), None) is None
    session.keep_draft(second, "Skrevet imens, og mere")

    assert session.moved and session.slug == NEW_SLUG
    assert org.project(NEW_SLUG).entry(("", D1)).answer.text == "Færre ventetider"
    assert state_of(org, NEW_SLUG)["kladder"] == {D2: "Skrevet imens, og mere"}
    assert not (org.home / f"{SLUG}.yaml").exists()  # no project file made again under the old name


def test_drafts_typed_after_the_removal_stay_the_removed_projects_when_another_takes_its_name(
    tmp_path, run_cli
):
    """Before, they waited in a state under the file name, and a project started there took them."""
    org = Org(tmp_path / "odense", tmp_path, run_cli)
    start_sharing(org)
    session, first, second = session_and_questions(org)
    session.keep_draft(first, "Før")
    org.ok("projekt", "fjern", NAME, "--ja")
    session.keep_draft(second, "Skrevet imens")
    assert not (org.home / ".spredning" / f"{SLUG}.yaml").exists()  # kept with the removed project
    assert kept_state(org)["kladder"] == {D1: "Før", D2: "Skrevet imens"}

    org.ok("start", "--navn", NAME, "--deler", "Vejle Kommune", "--rolle", "dele")

    assert "kladder" not in state_of(org, SLUG)
    assert "kladde" not in flat(org.ok("status"))
    [kept] = (p for p in (org.home / "fjernede").iterdir() if p.is_dir())
    back = flat(org.ok("projekt", "gendan", kept.name, "--navn", NEW))
    assert state_of(org, NEW_SLUG)["kladder"] == {D1: "Før", D2: "Skrevet imens"}
    assert (
        "De 2 kladder, der ikke var gemt som svar, er kommet med tilbage og står klar i deres spørgsmål; "
        f"'spredning status --projekt {NEW_SLUG}' viser hvor."
    ) in back


def test_removed_brought_back_and_removed_again_the_drafts_go_where_it_is_kept_now(
    tmp_path, run_cli, monkeypatch
):
    """Where the removed project is kept is remembered by the window: it follows a second removal."""
    from spredning.app import project_restore

    org = Org(tmp_path / "odense", tmp_path, run_cli)
    start_sharing(org)
    session, first, second = session_and_questions(org)
    org.ok("projekt", "fjern", NAME, "--ja")
    session.keep_draft(first, "Første gang")
    looked = []
    real = project_restore.same_identity
    monkeypatch.setattr(project_restore, "same_identity", lambda *args: looked.append(args) or real(*args))

    session.keep_draft(first, "Første gang, og mere")
    assert looked == []  # where it is kept was remembered: no removed project's file read again
    org.ok("projekt", "gendan", SLUG, "--navn", NEW)  # back under another file name, and removed again
    org.ok("projekt", "fjern", NEW, "--ja")
    session.keep_draft(second, "Anden gang")

    assert len(looked) == 1  # looked up again: no longer where it was
    [kept] = (org.home / "fjernede").glob(f"*/denne-computer/{NEW_SLUG}.yaml")
    assert yaml.safe_load(kept.read_text(encoding="utf-8"))["kladder"] == {
        D1: "Første gang, og mere",
        D2: "Anden gang",
    }
    org.ok("projekt", "gendan", NEW)
    assert state_of(org, NEW_SLUG)["kladder"] == {D1: "Første gang, og mere", D2: "Anden gang"}


def test_the_name_taken_and_the_project_brought_back_under_another_the_window_follows(tmp_path, run_cli):
    org = Org(tmp_path / "odense", tmp_path, run_cli)
    start_sharing(org)
    session, first, _ = session_and_questions(org)
    another_under_the_name(org)
    [kept] = (p for p in (org.home / "fjernede").iterdir() if p.is_dir())
    org.ok("projekt", "gendan", kept.name, "--navn", NEW)

    assert session.record(first, Answer(text="Færre ventetider"), None) is None

    assert org.project(NEW_SLUG).entry(("", D1)).answer.text == "Færre ventetider"
    assert org.project(SLUG).entry(("", D1)) is None  # the other project has nothing of it


def test_an_import_that_gives_the_project_the_sharing_sides_identity_is_still_the_same_project(
    tmp_path, run_cli
):
    """Not another project: this computer's copy of it is the same (the window keeps saving)."""
    from spredning.app.answering import Session
    from spredning.app.workspace import Settings, Workspace

    org = Org(tmp_path / "odense", tmp_path, run_cli)
    start_sharing(org)
    ws = Workspace(Settings(home=str(org.home)))
    session = Session(ws, SLUG, "dele", None)
    [first] = [q for q in ws.guide.questions() if q.id == D1]
    project = org.project()
    text = (org.home / f"{SLUG}.yaml").read_text(encoding="utf-8")
    (org.home / f"{SLUG}.yaml").write_text(
        text.replace(project.id, "0123abcd-0000-4000-8000-000000000000"), encoding="utf-8"
    )

    session.keep_draft(first, "Stadig vores")
    assert session.record(first, Answer(text="Stadig vores"), None) is None

    assert not session.moved
    assert org.project().entry(("", D1)).answer.text == "Stadig vores"


@pytest.mark.slow
def test_in_a_terminal_the_save_and_the_stop_say_the_name_is_anothers(tmp_path, pseudo_terminal):
    org, child = at_the_first_question(tmp_path, pseudo_terminal)
    another_under_the_name(org)
    child.send("Færre ventetider")
    child.expect_exact("ventetider")

    child.send(ESC_ENTER)
    child.expect_exact("Spørgsmålet kommer igen")
    child.expect_exact("Svar:")
    said = stopped(child)
    assert (
        f"Projektet '{NAME}' er fjernet fra projektmappen, mens du svarede (fx i et andet vindue), og filen "
        f"{SLUG}.yaml hører nu til et andet projekt, så intet fra dette vindue gemmes i den."
    ) in said
    assert "Imens gemmes teksten i feltet som kladde i det fjernede projekt og kommer med tilbage." in said
    stop = said.split("Stoppet.")[-1]
    assert f"filen {SLUG}.yaml hører nu til et andet projekt, så intet er gemt i den siden da." in stop
    assert "Teksten i feltet er gemt som kladde og står klar i spørgsmålet, når projektet er hentet" in stop
    assert f"Hent projektet tilbage under et andet navn med 'spredning projekt gendan {SLUG}'." in stop
    assert "gemme igen her" not in stop and "Fortsæt senere" not in stop  # the window has stopped
    assert "Færre" not in (org.home / f"{SLUG}.yaml").read_text(encoding="utf-8")
    assert "Færre" not in (org.home / ".spredning" / f"{SLUG}.yaml").read_text(encoding="utf-8")
    assert kept_state(org)["kladder"] == {D1: "Færre ventetider"}


@pytest.mark.slow
def test_in_a_terminal_brought_back_under_a_new_name_the_stop_names_it(tmp_path, pseudo_terminal):
    org, child = at_the_first_question(tmp_path, pseudo_terminal)
    org.ok("projekt", "fjern", NAME, "--ja")
    org.ok("projekt", "gendan", SLUG, "--navn", NEW)
    child.send("Færre ventetider")
    child.expect_exact("ventetider")

    child.send(ESC_ENTER)
    child.expect_exact("[2/20]")
    child.send("Halvt")
    child.expect_exact("Halvt")
    said = stopped(child)
    assert (
        f"Projektet er hentet tilbage under et nyt filnavn, {NEW_SLUG}.yaml, mens du svarede; "
        "dine svar gemmes dér fra nu af."
    ) in said
    stop = said.split("Stoppet.")[-1]
    assert f"1 af 20 spørgsmål i fasen Tjek er besvaret ({org.home / (NEW_SLUG + '.yaml')})" in stop
    assert f"fase tjek --rolle dele --projekt {NEW_SLUG}" in stop
    assert org.project(NEW_SLUG).entry(("", D1)).answer.text == "Færre ventetider"
    assert state_of(org, NEW_SLUG)["kladder"] == {D2: "Halvt"}
