"""The home screen (cli/home.py), typed into through the real prompts, in-process.

Every test runs `spredning` alone (or with global options) as `main` does, with all prompts, the
menu's and the commands', reading keys from a pipe: the first run, each action's round trip back
to the menu, Esc, Ctrl+C and Ctrl+D, and the help when there is no terminal.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from homekit import (
    CTRL_C,
    CTRL_D,
    DOWN,
    ENTER,
    ESC,
    ESC_ENTER,
    PAUSE,
    QUIT,
    exchange,
    go,
    interactive,
    kinds,
    typed,
)
from projectkit import drafts, new_project, saved, workspace
from rich.cells import cell_len

from spredning.app import plan
from spredning.core.content import load_guide
from spredning.core.model import side_of
from spredning.i18n import t

Q1 = "tjek.beskriv-innovationen.genbruge.interessant"
NAME = "Ærø Kommune"  # the projects' name in projectkit


@pytest.fixture
def home(monkeypatch, run_cli, tmp_path):
    """Type keys into `spredning` alone (in a 'terminal'); reports, exports land in tmp_path/arbejde."""
    interactive(monkeypatch)
    (tmp_path / "arbejde").mkdir()
    monkeypatch.chdir(tmp_path / "arbejde")

    def run(keys: str, *argv: str):
        return typed(run_cli, keys, *argv)

    return run


# --- without a terminal: the help, as before ---------------------------------------------------------


def test_without_a_terminal_spredning_alone_prints_the_help(run_cli):
    code, out, err = run_cli()

    assert code == 0
    assert out.startswith("Anvendelse: spredning [TILVALG] KOMMANDO [ARGUMENTER]...")
    assert "start" in out and "konflikter" in out
    assert "Hvad vil du gøre?" not in out and err == ""


def test_without_a_terminal_global_options_without_a_command_are_still_an_error(run_cli):
    code, out, err = run_cli("--hjem", "mappe")

    assert code == 2
    assert "Der mangler en kommando." in err and "Se 'spredning --hjem mappe --help' for at få hjælp." in err
    assert out == ""


class KeyboardStdin:
    """A stdin that is a terminal (the output is still captured, so not one)."""

    def isatty(self) -> bool:
        return True


def test_the_help_is_printed_when_only_stdout_is_not_a_terminal(run_cli, monkeypatch):
    monkeypatch.setattr("sys.stdin", KeyboardStdin())

    code, out, _ = run_cli()

    assert code == 0 and out.startswith("Anvendelse:")


# --- the first run ------------------------------------------------------------------------------------


def test_the_first_run_welcomes_shows_the_six_phases_and_offers_what_to_begin_with(home):
    run = home(CTRL_C)

    assert run.code == 130
    assert "Velkommen til spredning – Spredningsguiden fra CO-PI i terminalen." in run.out
    for phase in load_guide(None).phases:
        assert f"{phase.number}. {phase.name}" in run.out
        assert " ".join(phase.purpose.split()) in run.said
    menu = run.screen[run.screen.index("Hvad vil du gøre?") :]
    lines = [
        "Start et nyt projekt",
        "Prøv eksempelprojektet",
        "Hent svar fra partneren (en fil eller et arbejdsark) …",
        "Læs guiden …",
        "Afslut",
    ]
    assert [menu.index(line) for line in lines] == sorted(menu.index(line) for line in lines)
    assert "Stoppet. Intet er gået tabt af det, der allerede var gemt." in run.err


def test_the_first_run_fits_24_rows_with_the_menu(home):
    run = home(CTRL_C)

    before_menu = run.out.rstrip("\n").count("\n") + 1
    assert before_menu + 1 + 5 <= 24  # the question line and the five choices under the welcome


def test_trying_the_example_comes_back_to_the_menu_with_the_project(home, ws):
    run = home(DOWN + ENTER + PAUSE + QUIT)

    assert run.code == 0, run.err
    assert "Samme som: spredning start --eksempel" in run.out
    assert "Projektet er oprettet: Eksempel – Digitalt genoptræningsforløb" in run.out
    assert run.headers("Eksempel – Digitalt genoptræningsforløb (eksempel)") == 1
    assert run.out.count("Velkommen til spredning") == 1
    assert ws.store.slugs() == ["eksempel-digitalt-genoptraeningsforloeb"]


def test_starting_a_project_asks_as_start_does_then_offers_its_first_question(home, ws):
    keys = (
        ENTER  # Start et nyt projekt
        + "Genoptræning"
        + ENTER
        + DOWN
        + ENTER  # Vi vil genbruge
        + "Digital genoptræning"
        + ENTER
        + "Odense Kommune"
        + ENTER
        + "Ærø Kommune"
        + ENTER
        + PAUSE
        + QUIT
    )
    run = home(keys)

    assert run.code == 0, run.err
    assert "Samme som: spredning start" in run.out
    assert "Projektet er oprettet: Genoptræning" in run.out
    line = "Genoptræning · Vi vil genbruge (Ærø Kommune) · 0/45 besvaret af jer ·\n0/85 i alt · fase: Tjek\n"
    assert run.headers(line) == 1
    assert ws.store.local("genoptraening").side == "genbruge"
    assert kinds(ws)[0] == "answer"


def test_start_with_a_name_already_used_offers_that_project_or_another_name(home, ws):
    new_project(ws, name="Genoptræning")
    other = new_project(ws, name="Affald")
    assert ws.store.active() == other

    run = home("genoptræning" + ENTER + DOWN + ENTER, "start")  # the second choice: go on with it

    assert run.code == 0, run.err
    assert "Der findes allerede et projekt, der hedder 'Genoptræning'." in run.said
    assert "Aktivt projekt: Genoptræning. Se, hvor I er nået til, med: spredning status" in run.said
    assert ws.store.active() == "genoptraening" and sorted(ws.store.slugs()) == ["affald", "genoptraening"]


def test_start_takes_a_name_whose_file_name_another_project_has(home, ws):
    new_project(ws, name="中文项目")  # projekt.yaml
    keys = "Projekt" + ENTER + ENTER + "Digital genoptræning" + ENTER + "Odense Kommune" + ENTER
    keys += "Fanø Kommune" + ENTER

    run = home(keys, "start")

    assert run.code == 0, run.err
    assert "Der findes allerede" not in run.said
    assert "Projektet er oprettet: Projekt" in run.out
    assert sorted(ws.store.slugs()) == ["projekt", "projekt-2"]
    assert ws.store.load("projekt-2").name == "Projekt" and ws.store.load("projekt").name == "中文项目"


def test_going_on_with_a_project_of_the_name_typed_finds_it_by_its_name(home, ws):
    for name in ("中文项目", "日本語", "Projekt 2"):  # projekt, projekt-2, projekt-3
        new_project(ws, name=name)

    run = home("projekt 2" + ENTER + DOWN + ENTER, "start")

    assert run.code == 0, run.err
    assert "Der findes allerede et projekt, der hedder 'Projekt 2'." in run.said
    assert "Aktivt projekt: Projekt 2." in run.said
    assert ws.store.active() == "projekt-3"


def test_start_with_a_name_already_used_asks_again_with_the_name_to_change(home, ws):
    new_project(ws, name="Genoptræning")
    keys = "Genoptræning" + ENTER + ENTER + " Fanø" + ENTER  # another name: the typed one, to change
    keys += ENTER + "Digital genoptræning" + ENTER + "Odense Kommune" + ENTER + "Fanø Kommune" + ENTER

    run = home(keys, "start")

    assert run.code == 0, run.err
    assert "Projektet er oprettet: Genoptræning Fanø" in run.out
    assert sorted(ws.store.slugs()) == ["genoptraening", "genoptraening-fanoe"]
    assert ws.store.load("genoptraening").name == "Genoptræning"  # the other one untouched


def test_start_refuses_a_name_without_letters_in_place(home, ws):
    keys = "--" + ENTER + "\x7f" * 2 + "Nyt" + ENTER  # refused where it is typed: typed again
    keys += ENTER + "Digital genoptræning" + ENTER + "Odense Kommune" + ENTER + "Fanø Kommune" + ENTER

    run = home(keys, "start")

    assert run.code == 0, run.err
    assert ws.store.slugs() == ["nyt"]


def test_reading_the_guide_from_the_first_run(home, ws):
    run = home(go(ws, "guide") + ENTER + PAUSE + QUIT)

    assert run.code == 0, run.err
    assert "Samme som: spredning guide --overblik" in run.out
    assert "Spredningsguiden: de seks faser" in run.out
    assert "Der er ingen projekter endnu." in run.out  # the second time: no welcome again


# --- a project: each action runs its command and comes back -----------------------------------------


@pytest.mark.parametrize(
    ("kind", "then", "command", "shows"),
    [
        ("status", "", "spredning status", "Næste skridt:"),
        ("answers", "", "spredning vis", "Fase 1: Tjek"),
        ("report", ENTER, "spredning rapport --format docx", "Rapporten er skrevet"),
        ("report", DOWN * 3 + ENTER, "spredning rapport --format md", "Rapporten er skrevet"),
        ("exchange", ENTER, "spredning eksport", "Send filen"),
        ("guide", ENTER, "spredning guide --overblik", "Spredningsguiden: de seks faser"),
        ("guide", DOWN + ENTER, "spredning guide tjek", "Fase 1: Tjek"),
        ("projects", DOWN * 2 + ENTER, "spredning start --eksempel", "Projektet er oprettet"),
    ],
)
def test_each_action_runs_its_command_and_comes_back_to_the_menu(home, ws, kind, then, command, shows):
    new_project(ws, answers={Q1: "svar 1"})

    run = home(go(ws, kind) + then + PAUSE + QUIT)

    assert run.code == 0, run.err
    assert f"Samme som: {command}" in run.out
    assert shows in run.said
    assert run.out.count("Samme som:") == 1
    assert run.out.count("▶ ") == 2  # the example is active after


def test_the_plan_the_agenda_and_a_worksheet_from_the_menu(home, ws, tmp_path):
    slug = new_project(ws, answers={Q1: "svar 1"})
    plan.add(ws, plan.Action("Book et møde", due=date(2099, 1, 5)), ws.store.load(slug).partners[0])

    keys = go(ws, "plan") + PAUSE + go(ws, "agenda") + DOWN * 3 + ENTER + PAUSE
    run = home(keys + exchange(ws, "worksheet") + DOWN + ENTER + PAUSE + QUIT)  # the worksheet of phase 1

    assert run.code == 0, run.err
    assert "Samme som: spredning plan" in run.out and "Book et møde" in run.said
    assert "Samme som: spredning dagsorden --format md" in run.out
    assert "Samme som: spredning arbejdsark --fase tjek" in run.out
    written = sorted(p.suffix for p in (tmp_path / "arbejde").iterdir())
    assert written == [".docx", ".md"]  # the worksheet and the agenda, in the working folder


def test_a_report_and_an_export_are_written_in_the_working_folder(home, ws, tmp_path):
    new_project(ws, answers={Q1: "svar 1"})

    run = home(go(ws, "report") + ENTER + PAUSE + go(ws, "exchange") + ENTER + PAUSE + QUIT)

    assert run.code == 0, run.err
    written = sorted(p.name for p in (tmp_path / "arbejde").iterdir())
    assert len(written) == 2
    assert any(name.endswith(".docx") for name in written)
    assert "aero-kommune-fra-aeroe-kommune.yaml" in written or any("-fra-" in n for n in written)


def test_an_export_from_the_menu_in_the_projects_folder_goes_beside_it(home, ws, tmp_path, monkeypatch):
    slug = new_project(ws, answers={Q1: "svar 1"})
    monkeypatch.chdir(ws.store.home)  # the README's git workflow: the projects folder is the working folder
    before = sorted(p.name for p in ws.store.home.iterdir())

    run = home(exchange(ws, "export") + PAUSE + QUIT)

    assert run.code == 0, run.err
    assert (tmp_path / f"{slug}-fra-aeroe-kommune.yaml").is_file()
    assert sorted(p.name for p in ws.store.home.iterdir()) == before
    assert "Filen er lagt ved siden af projektmappen, ikke i den" in run.said
    assert f"spredning importer {slug}-fra-aeroe-kommune.yaml" in run.out  # the partner's command


def test_answering_from_the_menu_saves_and_comes_back(home, ws):
    slug = new_project(ws)

    run = home(ENTER + "svar 1" + ESC_ENTER + CTRL_C + PAUSE + QUIT)  # the first action: continue

    assert run.code == 0, run.err
    assert "Samme som: spredning fase tjek --rolle genbruge" in run.out
    assert saved(ws, slug) == {Q1: "svar 1"}
    assert "Stoppet. Dine svar er gemt: 1 af 14 spørgsmål i fasen Tjek" in " ".join(run.err.split())
    assert run.headers(NAME) == 2
    assert "· 1/45 besvaret af jer ·\n1/85 i alt ·" in run.out


def test_ctrl_c_in_an_answer_stops_answering_keeps_the_draft_and_the_menu_offers_it(home, ws):
    slug = new_project(ws)

    run = home(ENTER + "halvt skrevet" + CTRL_C + PAUSE + QUIT)

    assert run.code == 0, run.err
    err = " ".join(run.err.split())
    assert "Teksten i feltet er gemt som kladde" in err
    assert "Fortsæt senere med: spredning fase tjek --rolle genbruge" in err
    assert list(drafts(ws, slug).values()) == ["halvt skrevet"]
    assert kinds(ws)[0] == "drafts"


def test_ctrl_d_in_an_answer_also_ends_only_the_answer(home, ws):
    slug = new_project(ws)

    run = home(ENTER + "halvt" + CTRL_D + PAUSE + QUIT)

    assert run.code == 0, run.err
    assert list(drafts(ws, slug).values()) == ["halvt"]


def test_a_phase_from_the_list_of_phases(home, ws):
    slug = new_project(ws)

    run = home(go(ws, "phase") + DOWN + ENTER + "om test" + ESC_ENTER + CTRL_C + PAUSE + QUIT)

    assert run.code == 0, run.err
    assert "Samme som: spredning fase test --rolle genbruge" in run.out
    test = ws.guide.find_phase("test").questions("genbruge")[0]
    assert saved(ws, slug) == {test.id: "om test"}


def test_the_list_of_phases_starts_at_the_phase_the_user_is_in(home, ws):
    """A trial: the cursor started on phase 1 with the user in phase 2; Up twice went to phase 5."""
    tjek = ws.guide.find_phase("tjek").questions("genbruge")
    new_project(ws, answers={q.id: "svar" for q in tjek})

    run = home(go(ws, "phase") + ENTER + CTRL_C + PAUSE + QUIT)

    assert run.code == 0, run.err
    assert "Samme som: spredning fase test --rolle genbruge" in run.out


def test_a_phase_from_the_list_of_phases_offers_to_revise_its_answers(home, ws):
    """'Besvar eller ret en fase' opens a begun phase at the choice of how to go on, not at its first
    open question: an answer given can be revised from there (only 'Fortsæt i fasen …' goes on)."""
    slug = new_project(ws, answers={Q1: "svar 1"})

    run = home(go(ws, "phase") + ENTER + DOWN + ENTER + " rettet" + ESC_ENTER + CTRL_C + PAUSE + QUIT)

    assert run.code == 0, run.err
    assert "Samme som: spredning fase tjek --rolle genbruge\n" in run.out
    assert saved(ws, slug) == {Q1: "svar 1 rettet"}  # 'Gennemgå alle spørgsmål fra start': the first


def test_a_command_that_fails_says_why_and_the_menu_comes_back(home, ws):
    new_project(ws, role=None)  # no side yet: nothing to send

    run = home(go(ws, "exchange") + ENTER + PAUSE + QUIT)

    assert run.code == 0
    assert "Samme som: spredning eksport" in run.out
    assert "Fejl:" in run.err
    assert run.headers(NAME) == 2


# --- Esc, Ctrl+C and Ctrl+D ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["phase", "report", "exchange", "projects", "guide"])
def test_esc_in_a_list_goes_back_to_the_menu_without_running_anything(home, ws, kind):
    new_project(ws)

    run = home(go(ws, kind) + ESC + QUIT)

    assert run.code == 0, run.err
    assert "Samme som:" not in run.out
    assert run.headers(NAME) == 2


def test_esc_when_asked_for_a_file_goes_back_to_the_menu(home, ws):
    new_project(ws)

    run = home(exchange(ws, "import") + ENTER + "halv/sti" + ESC + QUIT)

    assert run.code == 0, run.err
    assert "Samme som:" not in run.out
    assert run.headers(NAME) == 2


def test_esc_at_the_menu_asks_whether_to_quit(home, ws):
    new_project(ws)

    run = home(ESC + ENTER + ESC + DOWN + ENTER)  # no, stay; then yes, quit

    assert run.code == 0, run.err
    assert "Vil du afslutte spredning?" in run.screen
    assert run.headers(NAME) == 2
    assert run.err == ""


@pytest.mark.parametrize("key", [CTRL_C, CTRL_D])
def test_ctrl_c_or_ctrl_d_at_the_menu_leaves_with_130(home, ws, key):
    new_project(ws)

    run = home(key)

    assert run.code == 130
    assert "Stoppet. Intet er gået tabt af det, der allerede var gemt." in run.err


@pytest.mark.parametrize("key", [CTRL_C, CTRL_D])
def test_ctrl_c_or_ctrl_d_after_an_action_leaves_with_130(home, ws, key):
    new_project(ws)

    run = home(go(ws, "status") + key)

    assert run.code == 130
    assert "Samme som: spredning status" in run.out
    assert "Stoppet." in run.err


@pytest.mark.parametrize("key", [CTRL_C, CTRL_D])
def test_ctrl_c_or_ctrl_d_in_a_list_leaves_with_130(home, ws, key):
    new_project(ws)

    run = home(go(ws, "guide") + key)

    assert run.code == 130
    assert "Samme som:" not in run.out


# --- global options are kept, and named in the command shown ----------------------------------------


def test_the_project_option_is_used_and_named(home, ws, tmp_path):
    new_project(ws, name="Første")
    new_project(ws, name="Anden")

    run = home(go(ws, "status") + PAUSE + QUIT, "--projekt", "Første")

    assert run.code == 0, run.err
    assert "Samme som: spredning status --projekt Første" in run.out
    assert run.headers("Første") == 2


def test_another_projects_folder_is_used_by_every_action(home, tmp_path):
    other = workspace(tmp_path / "andet")
    new_project(other, name="Et andet sted")

    run = home(go(other, "status") + PAUSE + QUIT, "--hjem", str(tmp_path / "andet"))

    assert run.code == 0, run.err
    assert run.headers("Et andet sted") == 2
    assert "et-andet-sted.yaml" in "".join(run.out.split())  # status found it there (a long path may wrap)
    assert "Næste skridt:" in run.out
    assert run.err == ""
    folder = tmp_path / "andet"
    assert f"Samme som: spredning --hjem {folder} status" in run.said  # the command shown reaches it too
    assert f"Næste skridt: spredning --hjem {folder} fase tjek" in " ".join(run.out.split())


# --- when the active project cannot be shown ---------------------------------------------------------


def test_a_broken_project_file_is_said_and_another_can_be_chosen(home, ws):
    new_project(ws, name="Hel")
    broken = new_project(ws, name="Ødelagt")
    ws.store.path_for(broken).write_text("projekt: [ikke lukket\n", encoding="utf-8")

    run = home(ENTER + ENTER + PAUSE + QUIT)  # the projects, then the first one: Hel

    assert run.code == 0, run.err
    assert "Projektfilen" in run.said and "Filen er ikke ændret." in run.said
    assert "Samme som: spredning projekt brug hel" in run.out
    assert run.headers("Hel") == 1


def git_marked(ws, slug: str) -> None:
    """git left its markers around a line both sides have in the project's file (a clean merge)."""
    path = ws.store.path_for(slug)
    line = "  beskrivelse: Digital genoptræning\n"
    text = path.read_text(encoding="utf-8")
    assert line in text
    marked = text.replace(line, f"<<<<<<< HEAD\n{line}=======\n{line}>>>>>>> andet\n")
    path.write_text(marked, encoding="utf-8")


def hinted_settle(text: str) -> str:
    """The one 'konflikter' command a git hint tells the user to run, as printed."""
    import re

    [found] = re.findall(r"'(spredning [^'\n]*konflikter[^'\n]*)'", text)
    return found


def run_as_printed(run_cli, line: str) -> tuple[int | None, str, str]:
    import shlex

    return run_cli(*shlex.split(line)[1:])


def test_a_project_with_git_markers_chosen_from_the_list_is_named_by_the_hints_command(home, ws, run_cli):
    """Several projects: 'konflikter' alone would work on the active one, not the marked one."""
    hel = new_project(ws, name="Hel")
    marked = new_project(ws, name="Flettet")
    git_marked(ws, marked)
    ws.store.set_active(hel)
    hel_before = ws.store.path_for(hel).read_bytes()

    from spredning.app import home as app_home

    listed = [action.value for action in app_home.project_actions(ws)]
    run = home(go(ws, "projects") + DOWN * listed.index(marked) + ENTER + PAUSE + QUIT)

    assert run.code == 0, run.err
    assert "Samme som: spredning projekt brug flettet" in run.out
    assert "git har efterladt en flettekonflikt" in " ".join(run.err.split())
    settle = hinted_settle(run.err)
    assert settle == "spredning konflikter --projekt flettet"
    code, out, err = run_as_printed(run_cli, settle)
    assert code == 0, err + out
    assert "git havde efterladt en flettekonflikt" in " ".join(out.split())
    assert "<<<<<<<" not in ws.store.path_for(marked).read_text(encoding="utf-8")  # the marked one repaired
    assert ws.store.path_for(hel).read_bytes() == hel_before and ws.store.active() == hel


def test_the_home_screens_git_hint_names_the_project_given_with_projekt(home, ws, run_cli):
    hel = new_project(ws, name="Hel")
    marked = new_project(ws, name="Flettet")
    git_marked(ws, marked)
    ws.store.set_active(hel)

    run = home(QUIT, "--projekt", "Flettet")

    assert run.code == 0, run.err
    settle = hinted_settle(run.out)  # the home screen says why the project cannot be shown
    assert "--projekt" in settle  # the project named, as every hint repeats it
    assert run_as_printed(run_cli, settle)[0] == 0
    assert "<<<<<<<" not in ws.store.path_for(marked).read_text(encoding="utf-8")


def test_the_home_screens_git_hint_for_the_active_project_needs_no_projekt(home, ws, run_cli):
    new_project(ws, name="Hel")
    marked = new_project(ws, name="Flettet")  # the active project: a bare command works on it
    git_marked(ws, marked)

    run = home(QUIT)

    assert run.code == 0, run.err
    settle = hinted_settle(run.out)
    assert settle == "spredning konflikter"
    assert run_as_printed(run_cli, settle)[0] == 0
    assert "<<<<<<<" not in ws.store.path_for(marked).read_text(encoding="utf-8")


def test_several_projects_none_active_asks_which_and_the_choice_is_used(home, ws):
    new_project(ws, name="Første")
    new_project(ws, name="Anden")
    (ws.store.home / ".spredning" / "aktivt-projekt").unlink()

    run = home(ENTER + DOWN + ENTER + PAUSE + QUIT)  # the projects, then Første

    assert run.code == 0, run.err
    assert "Der er flere projekter i mappen, og intet er valgt: anden, foerste." in run.said
    assert "Samme som: spredning projekt brug foerste" in run.out
    assert run.headers("Første") == 1


def test_switching_project_from_the_list(home, ws):
    new_project(ws, name="Første")
    new_project(ws, name="Anden")

    run = home(go(ws, "projects") + DOWN + ENTER + PAUSE + QUIT)

    assert run.code == 0, run.err
    assert run.headers("Anden") == 1 and run.headers("Første") == 1
    assert ws.store.active() == "foerste"


def test_switching_project_drops_a_projekt_option_given_at_the_start(home, ws):
    new_project(ws, name="Første")
    new_project(ws, name="Anden")

    run = home(go(ws, "projects") + ENTER + PAUSE + go(ws, "status") + PAUSE + QUIT, "--projekt", "Første")

    assert run.code == 0, run.err
    assert "Samme som: spredning projekt brug anden --projekt Første" in run.out
    assert "Samme som: spredning status\n" in run.out  # the chosen project is the active one now
    assert run.headers("Anden") == 2


# --- the words of the lists -------------------------------------------------------------------------


def titles(ws, listed) -> list[str]:
    from spredning.app import home as app_home
    from spredning.cli.render_home import title

    found = app_home.home(ws)
    return [title(found, action) for action in listed]


def test_the_phase_list_words(ws):
    from spredning.app.home import phase_actions

    new_project(ws, answers={Q1: "svar"})

    words = titles(ws, phase_actions(ws))

    assert words[:2] == ["Fase 1: Tjek (1/14) ← her er I nu", "Fase 2: Test (0/8)"]


def test_the_phase_list_without_a_side_names_the_side(ws):
    from spredning.app.home import phase_actions

    new_project(ws, role=None)

    words = titles(ws, phase_actions(ws))

    assert "Fase 1: Tjek (0/14) – Vi vil genbruge ← her er I nu" in words
    assert any(w.startswith("Fase 1: Tjek") and "Vi vil dele" in w for w in words)


def test_the_other_lists_words(ws, tmp_path):
    from spredning.app import home as app_home

    new_project(ws, name="Første", answers={Q1: "svar"})
    new_project(ws, name="Anden")

    assert titles(ws, app_home.project_actions(ws)) == [
        "Anden (0/85 i alt) ← aktivt nu",
        "Første (1/85 i alt)",
        "Start et nyt projekt",
        "Prøv eksempelprojektet",
        "Hent jeres svar fra et andet projekt ind i dette …",
        "Fjern et projekt (filerne gemmes) …",
    ]
    assert titles(ws, app_home.report_actions(ws)) == [
        "Word (.docx)",
        "PDF",
        "Webside (.html)",
        "Tekst (Markdown, .md)",
    ]
    assert titles(ws, app_home.guide_actions(ws))[:2] == ["De seks faser på én skærm", "Fase 1: Tjek"]
    assert titles(ws, app_home.side_actions(ws)) == [
        "Vi vil dele (Odense Kommune)",
        "Vi vil genbruge (Ærø Kommune)",
    ]


def _same_name_elsewhere(ws, slug: str, name: str) -> None:
    """Another project of the same name in the file `slug` (a partner's project of that name)."""
    from spredning.core import projectfile
    from spredning.core.model import Partner, Project

    project = Project(id=projectfile.new_id(), slug=slug, name=name, partners=(Partner("p1", "Ærø Kommune"),))
    ws.store.create(project)


@pytest.mark.parametrize(("language", "file"), [("da", "filen"), ("en", "the file")])
def test_two_projects_of_the_same_name_are_told_apart_by_their_files(ws, language, file):
    from spredning import i18n
    from spredning.app import home as app_home

    i18n.set_language(language)
    new_project(ws, name="Digital genoptræning")
    _same_name_elsewhere(ws, "digital-genoptraening-2", "Digital  genoptræning")
    new_project(ws, name="Anden")

    words = titles(ws, app_home.project_actions(ws))

    assert any(w.startswith("Anden (") and "yaml" not in w for w in words), words
    assert sum(f"{file} digital-genoptraening.yaml" in w for w in words) == 1, words
    assert sum(f"{file} digital-genoptraening-2.yaml" in w for w in words) == 1, words


@pytest.mark.parametrize("width", [74, 54, 44, 34])  # the list's room at 80, 60, 50 and 40 columns
def test_two_projects_of_the_same_name_keep_their_files_in_a_narrow_list(ws, width):
    from rich.cells import cell_len

    from spredning.app import home as app_home
    from spredning.cli.render_home import title
    from spredning.cli.render_text import cut_to

    new_project(ws, name="Digital genoptræning", answers={Q1: "svar"})
    _same_name_elsewhere(ws, "digital-genoptraening-2", "Digital genoptræning")

    found = app_home.home(ws)
    words = [cut_to(title(found, a, width), width) for a in app_home.project_actions(ws)][:2]

    assert all(cell_len(w) <= width for w in words), words
    # polish8: the name stays whole; the file, shortened in its middle, still tells the two apart
    assert all(w.startswith("Digital genoptræning ") for w in words), words
    assert words[0].endswith(("genoptraening.yaml ← aktivt nu", "genoptraening.yaml ←", "ning ←")), words
    assert words[1].endswith(("genoptraening-2.yaml", "ing-2")), words


@pytest.mark.parametrize(("language", "file"), [("da", "filen"), ("en", "the file")])
def test_the_project_line_names_the_file_when_another_project_has_the_name(ws, language, file):
    from spredning import i18n
    from spredning.app import home as app_home
    from spredning.cli.render_home import project_line

    i18n.set_language(language)
    new_project(ws, name="Digital genoptræning")
    alone = project_line(app_home.home(ws), 200).plain
    _same_name_elsewhere(ws, "digital-genoptraening-2", "Digital genoptræning")

    line = project_line(app_home.home(ws), 200).plain

    assert "yaml" not in alone
    assert line.startswith(f"▶ Digital genoptræning – {file} digital-genoptraening.yaml ·"), line


@pytest.mark.parametrize(
    ("language", "mine", "everyone"),
    [("da", "besvaret af jer", "i alt"), ("en", "answered by you", "in all")],
)
def test_the_project_line_and_the_project_list_count_the_same_and_say_what(ws, language, mine, everyone):
    from spredning import i18n
    from spredning.app import home as app_home
    from spredning.cli.render_home import project_line

    i18n.set_language(language)
    theirs = next(qid for qid in ws.layout.shared if side_of(qid) == "dele")
    new_project(ws, answers={Q1: "vores svar", theirs: "den delende sides svar"})

    found = app_home.home(ws)
    line = project_line(found, 200).plain
    listed = titles(ws, app_home.project_actions(ws))[0]

    assert f"1/45 {mine}" in line
    assert f"2/85 {everyone}" in line  # the sharing side's answer too, as in the list
    assert f"(2/85 {everyone})" in listed


def test_a_long_line_is_cut_to_fit_the_terminal():
    from rich.cells import cell_len

    from spredning.cli.render_text import cut_to

    assert cut_to("kort", 10) == "kort"
    assert cut_to("en meget lang linje med mange ord", 12) == "en meget la…"
    assert len(cut_to("x" * 200, 74)) == 74
    assert cell_len(cut_to("合作伙伴" * 30, 74)) <= 74  # wide characters take two columns each


def test_a_long_file_name_is_cut_in_its_middle_so_its_end_shows():
    from rich.cells import cell_len

    from spredning.cli.render_text import cut_middle

    assert cut_middle("kort.yaml", 10) == "kort.yaml"
    assert cut_middle("genoptraening-til-aeroe-kommune (1).yaml", 21) == "genoptraen…e (1).yaml"
    assert cell_len(cut_middle("合作伙伴" * 30 + ".yaml", 21)) <= 21  # wide characters take two columns each


def test_every_word_of_the_home_screen_is_in_the_catalogue():
    import re
    from pathlib import Path

    from spredning import i18n
    from spredning.app import home as app_home
    from spredning.cli import home, render_home

    source = "".join(Path(m.__file__).read_text(encoding="utf-8") for m in (home, render_home))
    literal = set(re.findall(r'"(home\.[a-z.-]+[a-z])"', source))
    kinds = {
        *app_home.FIRST_RUN,
        *app_home.ALWAYS,
        *app_home.RANK,
        *app_home.FOLLOWUP,
        "export",
        "import-path",
        "guide-overview",
        "guide-all",
    }
    dynamic = {f"home.action.{kind}" for kind in kinds} | {
        f"home.format.{f}" for f in app_home.REPORT_FORMATS
    }
    several = {"home.action.news-several", "home.action.send-several", "home.action.exchange-several"}
    missing = sorted(key for key in literal | dynamic | several if not i18n.has(key))
    assert literal and missing == []


def test_ctrl_c_while_starting_a_project_ends_start_only(home, ws):
    run = home(ENTER + "Halvt navn" + CTRL_C + PAUSE + QUIT)

    assert run.code == 0, run.err
    assert "Samme som: spredning start" in run.out
    assert "Stoppet." in run.err
    assert ws.store.slugs() == []
    assert run.out.count("Der er ingen projekter endnu.") == 1  # the menu came back


# --- Esc in the prompter's select and ask_text (reusable) -------------------------------------------


def asked(keys: str, ask):
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text(keys)
        pipe.close()
        return ask()


def test_letters_typed_into_a_list_never_make_enter_pick_a_choice_not_shown():
    """trial9: text typed where a list was asked ('Fælles workshop' at 'Hvilken dialog …?') moved the
    choice with j and k, so Enter picked a partner (or all of them) nobody chose. Later the letters
    moved nothing, and Enter picked the first partner, still unseen. Now they search the list: Enter
    picks the choice shown highlighted, and nothing while no choice holds what was typed."""
    from questionary import Choice

    from spredning.cli.prompts.simple import select

    choices = [Choice("Gladsaxe Kommune", 1), Choice("Gentofte Kommune", 2), Choice("Fælles for alle", 3)]

    with pytest.raises(EOFError):  # Enter picked nothing: the list waited for more keys
        asked("Fælles workshop" + ENTER, lambda: select("?", choices))
    assert asked("Fælles workshop" + "\x7f" * 9 + ENTER, lambda: select("?", choices)) == 3  # Backspace
    assert asked("kommune" + DOWN + ENTER, lambda: select("?", choices)) == 2  # the arrow keys still move


def test_a_menu_line_cut_to_fit_is_found_by_a_word_cut_off_and_echoed_whole(monkeypatch, run_cli, ws):
    """At 60 columns the menu's first line ends '… Er løsningen umiddelbart intere…': a word of what
    was cut off, typed, finds it (the list searches the whole text), and once chosen it is shown whole."""
    interactive(monkeypatch)
    monkeypatch.setenv("COLUMNS", "60")
    new_project(ws)

    run = typed(run_cli, "hvorfor" + ENTER + CTRL_C + QUIT, columns=60)

    menu = run.screen.split("? Hvad vil du gøre?")[1]  # the first menu, as drawn
    assert "skriv for at søge" in menu.split("»")[0]  # its help says so: nobody finds it by chance
    assert "» Fortsæt i fasen Tjek: Er løsningen umiddelbart intere…" in menu
    chosen = " ".join(run.screen.split())
    whole = "Fortsæt i fasen Tjek: Er løsningen umiddelbart interessant for jer? Hvorfor"
    assert f"? Hvad vil du gøre? {whole}" in chosen


def test_a_command_typed_in_the_menu_finds_the_line_that_runs_it(home, ws):
    """trial40b: the help says typing searches, and 'Samme som: spredning eksport' teaches the commands,
    but typing 'eksport' found nothing: no line's words hold it. The command words find their line."""
    new_project(ws)

    run = home("eksport" + ENTER + ESC + "status" + ENTER + PAUSE + QUIT)

    assert run.code == 0, run.err
    said = " ".join(run.screen.split())
    assert f"? {t('home.question')} {t('home.action.exchange')}" in said  # chosen: its list has eksport
    assert "Samme som: spredning status" in " ".join(run.out.split())


def test_esc_in_a_select_gives_its_back_value_and_stops_without_one():
    from questionary import Choice

    from spredning.cli.prompts.simple import select

    choices = [Choice("a", 1), Choice("b", 2)]
    back = object()

    assert asked(ESC + ENTER, lambda: select("?", choices, back=back)) is back
    with pytest.raises(KeyboardInterrupt):  # no back value, no menu behind: Esc stops as Ctrl+C does
        asked(ESC + DOWN + ENTER, lambda: select("?", choices))
    assert asked(ESC + ENTER, lambda: select("?", choices, back=None)) is None


def test_esc_in_a_text_prompt_gives_its_back_value_instead_of_the_text():
    from spredning.cli.prompts.simple import ask_text

    back = object()

    assert asked("halvt" + ESC + ENTER, lambda: ask_text("?", back=back)) is back
    assert asked("helt" + ENTER, lambda: ask_text("?", back=back)) == "helt"


@pytest.mark.parametrize("language", ["da", "en"])
def test_every_list_question_and_its_help_fit_on_one_line_of_80_columns(language):
    from spredning import i18n
    from spredning.cli.home import LISTS

    i18n.set_language(language)
    for key in sorted(set(LISTS.values())):
        line = f"? {i18n.t(key)} {i18n.t('home.list-help')}"  # as questionary draws it
        assert len(line) <= 80, line


def test_text_given_up_with_esc_does_not_stay_on_the_screen_as_the_answer():
    import io

    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.data_structures import Size
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output.vt100 import Vt100_Output
    from terminal import rendered

    from spredning.cli.prompts.simple import ask_text

    def shown_after(keys: str) -> list[str]:
        screen = io.StringIO()
        output = Vt100_Output(screen, lambda: Size(rows=24, columns=80), term="xterm")
        with create_pipe_input() as pipe, create_app_session(input=pipe, output=output):
            pipe.send_text(keys)
            pipe.close()
            ask_text("Hvilken fil?", back=None)
        return rendered(screen.getvalue(), 80, 24)

    assert shown_after("halv/sti" + ESC + ENTER) == []  # gone back: nothing was given
    assert shown_after("hel/sti" + ENTER) == ["? Hvilken fil? hel/sti"]


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_chosen_menu_line_fits_after_the_question_on_80_columns(language):
    """questionary shows the choice after the question once it is made: '? Hvad vil du gøre? <line>'."""
    from spredning import i18n

    i18n.set_language(language)
    for key, text in i18n.catalogue(language).items():
        if key.startswith("home.action.") and isinstance(text, str) and "{" not in text:
            line = f"? {i18n.t('home.question')} {text}"
            assert len(line) <= 80, line


@pytest.mark.parametrize(
    "name", ["Genoptræning i hjemmet", "Genoptræning i eget hjem med video og app til borgerne"]
)
def test_a_long_project_line_is_broken_only_after_a_separator(home, ws, name):
    new_project(ws, name=name)

    run = home(QUIT)

    lines = run.out.split("\n\n")[0].splitlines()  # the project line, up to the blank line after it
    separator = t("home.line-separator")
    assert len(lines) == 2, lines
    assert all(len(line) <= 80 for line in lines), lines
    assert lines[0].endswith(separator.rstrip())
    parts = " ".join(lines).replace(separator.rstrip() + " ", separator).split(separator)
    assert parts[-1] == t("home.line-phase", value="Tjek").removeprefix(separator)  # 'fase: Tjek' whole
    assert all(part in run.out for part in parts[1:]), (parts, lines)  # each part on one line


# --- a stop in start's questions: nothing made, said so, and what was typed given back as a command ----


def _start_words(text: str) -> list[str]:
    """The start command a message gives (kept whole on its line), as its words without the program."""
    import shlex

    line = next(line for line in text.splitlines() if "spredning start --navn" in line)
    return shlex.split(line[line.index("spredning start") :])[1:]


def test_ctrl_c_in_start_says_no_project_was_made_and_gives_what_was_typed_as_a_command(home, ws, run_cli):
    description = "Borgerne træner hjemme med en app, og terapeuten følger med på afstand"
    keys = "Genoptræning" + ENTER + DOWN + ENTER + description + ENTER + "Odense Kommune" + ENTER
    keys += "Ærø Kom" + CTRL_C  # at "Jeres organisation:", halfway through the name

    run = home(keys, "start")

    assert run.code == 130
    assert ws.store.slugs() == []
    said = " ".join(run.err.split())
    assert "Stoppet. Intet projekt er oprettet." in said
    assert "Intet er gået tabt" not in said  # nothing had been saved: that would not be true
    assert "Det, du skrev, er ikke gemt; kør denne kommando for at starte igen med det:" in said
    words = _start_words(run.err)
    assert words == [
        "start",
        "--navn",
        "Genoptræning",
        "--rolle",
        "genbruge",
        "--beskrivelse",
        description,
        "--deler",
        "Odense Kommune",
        "--genbruger",
        "Ærø Kom",
    ]

    code, _, err = run_cli(*words[:-1], "Ærø Kommune")  # the command given, the name finished

    assert code == 0, err
    project = ws.store.load("genoptraening")
    assert (project.description, project.sharing_org) == (description, "Odense Kommune")


def test_ctrl_c_at_starts_first_question_says_only_that_no_project_was_made(home, ws):
    run = home(CTRL_C, "start")

    assert run.code == 130
    assert " ".join(run.err.split()) == "Stoppet. Intet projekt er oprettet."


def test_esc_at_starts_side_question_from_the_menu_gives_the_typed_name_back(home, ws):
    run = home(ENTER + "Genoptræning på Ærø" + ENTER + ESC + QUIT)  # Start et nyt projekt, name, Esc

    assert run.code == 0, run.err
    assert ws.store.slugs() == []
    assert "Intet projekt er oprettet." in " ".join(run.err.split())
    assert _start_words(run.err) == ["start", "--navn", "Genoptræning på Ærø"]


def test_esc_after_a_name_taken_gives_no_command_with_that_name(home, ws, run_cli):
    """The command given repeated the name taken, and was refused when run: nothing else was typed."""
    made = ("--rolle", "dele", "--beskrivelse", "", "--deler", "Vejle", "--genbruger", "Ærø")
    assert run_cli("start", "--navn", "Genoptræning på Ærø", *made)[0] == 0
    start = (
        go(ws, "projects") + DOWN + ENTER
    )  # the list of projects: the one there, then Start et nyt projekt

    run = home(start + "Genoptræning på Ærø" + ENTER + ESC + QUIT)  # Esc at 'Hvad vil du gøre?'

    assert run.code == 0, run.err
    assert ws.store.slugs() == ["genoptraening-paa-aeroe"]
    assert " ".join(run.err.split()) == "Intet projekt er oprettet."


def test_a_guide_without_english_is_told_above_the_first_menu_only(home, run_cli, tmp_path):
    import shutil

    from spredning.app.workspace import Settings, Workspace
    from spredning.core.content import default_guide_dir

    folder = tmp_path / "guide"
    shutil.copytree(default_guide_dir(), folder)
    shutil.rmtree(folder / "en")
    assert run_cli("--guide", str(folder), "start", "--eksempel")[0] == 0
    notice = (
        f"The guide in {folder} has no English translation (no folder 'en/'), so its text is shown in Danish."
    )
    status = go(Workspace(Settings(guide_dir=str(folder))), "status")

    run = home(status + PAUSE + QUIT, "--sprog", "en", "--guide", str(folder))

    assert run.code == 0
    assert run.headers("Eksempel – Digitalt genoptræningsforløb") == 2  # the menu, twice
    said, notice = "".join(run.err.split()), "".join(notice.split())  # a long folder name may wrap anywhere
    assert said.count(notice) == 2  # above the first menu, and by 'status' as when typed; not again
    assert said.replace(notice, "") == ""


@pytest.mark.parametrize("columns", [80, 60])
def test_the_projects_list_keeps_a_long_name_whole_where_two_files_hold_the_project(
    monkeypatch, run_cli, ws, columns
):
    """polish8: at 80 columns 'Skift projekt' showed 'Eksempel… – filen eksempel-….yaml ← aktivt nu'."""
    import shutil

    interactive(monkeypatch)
    monkeypatch.setenv("COLUMNS", str(columns))
    name = "Eksempel – Digitalt genoptræningsforløb"
    slug = new_project(ws, name=name)
    shutil.copyfile(ws.store.path_for(slug), ws.store.home / "eksempel-kopi.yaml")

    keys = go(ws, "projects") + ENTER + PAUSE + go(ws, "projects") + DOWN + ENTER + PAUSE + QUIT
    run = typed(run_cli, keys, columns=columns)

    assert run.code == 0, run.err
    screen = run.screen.replace("\n", "")  # each line chosen, echoed after the question
    chosen = re.findall(r"\? Hvilket projekt\? (.+?)\? Hvilket projekt\?", screen)
    assert len(chosen) == 2, screen
    assert all(line.startswith(f"{name} – ") and cell_len(line) <= columns - 6 for line in chosen), chosen
    assert chosen[0].endswith("←" if columns == 60 else "← aktivt nu"), chosen
    assert "kopi" not in chosen[0] and "kopi" in chosen[1], chosen


def test_projekt_brug_says_the_file_when_another_project_has_the_same_name(ws, run_cli):
    """Found in a trial: 'projekt brug …-2' said "Aktivt projekt: Digital genoptræning" alone, though
    two projects here have that name: which one was made active could not be seen."""
    new_project(ws, name="Digital genoptræning")
    _same_name_elsewhere(ws, "digital-genoptraening-2", "Digital genoptræning")
    new_project(ws, name="Anden")

    code, out, err = run_cli("projekt", "brug", "digital-genoptraening-2")
    assert code == 0, err
    assert " ".join(out.split()) == (
        "Aktivt projekt: Digital genoptræning (filen digital-genoptraening-2.yaml; "
        "et andet projekt her har samme navn)"
    )
    code, out, _ = run_cli("projekt", "brug", "Anden")
    assert code == 0 and out.strip() == "Aktivt projekt: Anden"
