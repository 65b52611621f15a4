"""The home screen's list of projects offers to remove one ('projekt fjern'): chosen from a list, asked
about in the command's own question, its files kept in fjernede/. A removed one can be brought back
from the home screen too ('projekt gendan'), and another project's answers brought into the active
one ('projekt flet'); each line is there only when there is something to do."""

from __future__ import annotations

import shutil

import pytest
from homekit import CTRL_C, DOWN, ENTER, ESC, PAUSE, QUIT, go, interactive, typed
from projectkit import new_project

from spredning.app import home as app_home

G1 = "tjek.beskriv-innovationen.genbruge.interessant"
G2 = "tjek.beskriv-innovationen.genbruge.samme-behov"


@pytest.fixture
def home(monkeypatch, run_cli, tmp_path):
    interactive(monkeypatch)
    monkeypatch.setattr("spredning.cli.commands.project_files.is_interactive", lambda: True)
    (tmp_path / "arbejde").mkdir()
    monkeypatch.chdir(tmp_path / "arbejde")
    return lambda keys, *argv: typed(run_cli, keys, *argv)


def remove_keys(ws, slug: str) -> str:
    """The keys that open the projects list, choose 'Fjern et projekt' and then the project `slug`."""
    kinds = [action.kind for action in app_home.project_actions(ws)]
    projects = [action.value for action in app_home.remove_actions(ws)]
    return go(ws, "projects") + DOWN * kinds.index("remove") + ENTER + DOWN * projects.index(slug) + ENTER


def test_a_project_is_removed_from_the_list_after_the_commands_question(home, ws):
    new_project(ws, name="Første", answers={G1: "Ja, meget"})
    new_project(ws, name="Anden")  # active

    run = home(remove_keys(ws, "foerste") + DOWN + ENTER + PAUSE + QUIT)  # Yes at the command's question

    assert run.code == 0, run.err
    assert "Fjern et projekt (filerne gemmes)" in run.screen
    assert "Hvilket projekt skal fjernes?" in run.screen
    assert "Samme som: spredning projekt fjern foerste" in run.out
    assert "Projektet 'Første' (foerste.yaml) rummer 1 svar." in run.said
    assert "Projektet 'Første' er fjernet fra projektmappen." in run.said
    assert ws.store.slugs() == ["anden"]
    [kept] = (ws.store.home / "fjernede").glob("foerste-*")
    assert "Ja, meget" in (kept / "foerste.yaml").read_text(encoding="utf-8")


def test_no_at_the_question_keeps_it_and_esc_in_the_list_runs_nothing(home, ws):
    new_project(ws, name="Første", answers={G1: "Ja, meget"})
    new_project(ws, name="Anden")

    run = home(remove_keys(ws, "foerste") + ENTER + PAUSE + remove_keys(ws, "foerste")[:-1] + ESC + QUIT)

    assert run.code == 0, run.err
    assert "Intet er ændret; 'Første' er stadig i projektmappen." in run.said
    assert run.out.count("Samme som: spredning projekt fjern") == 1
    assert ws.store.slugs() == ["anden", "foerste"]


def projects_list(ws, kind: str) -> str:
    """The keys that open the projects list and choose its line of `kind`."""
    kinds = [action.kind for action in app_home.project_actions(ws)]
    return go(ws, "projects") + DOWN * kinds.index(kind) + ENTER


def test_a_project_removed_from_the_home_screen_comes_back_from_it(home, ws, run_cli):
    new_project(ws, name="Første", answers={G1: "Ja, meget"})
    new_project(ws, name="Anden")
    before = (ws.store.home / "foerste.yaml").read_bytes()
    assert "restore" not in [action.kind for action in app_home.project_actions(ws)]
    home(remove_keys(ws, "foerste") + DOWN + ENTER + PAUSE + QUIT)
    assert ws.store.slugs() == ["anden"]

    run = home(projects_list(ws, "restore") + ENTER + PAUSE + QUIT)

    assert run.code == 0, run.err
    screen = " ".join(run.screen.split())
    assert "Hent et fjernet projekt tilbage …" in screen
    assert "Hvilket projekt skal hentes tilbage?" in screen
    assert "Første (fjernet " in screen and " kl. " in screen and ", 1 svar)" in screen
    assert "Samme som: spredning projekt gendan foerste-" in run.out
    assert "Projektet 'Første' (foerste.yaml) er hentet tilbage til projektmappen." in run.said
    assert (ws.store.home / "foerste.yaml").read_bytes() == before
    assert "restore" not in [action.kind for action in app_home.project_actions(ws)]  # none left to bring


def test_at_60_columns_two_removals_in_one_minute_keep_their_count_and_second(monkeypatch, run_cli, ws):
    interactive(monkeypatch)
    monkeypatch.setattr("spredning.cli.commands.project_files.is_interactive", lambda: True)
    monkeypatch.setenv("COLUMNS", "60")
    new_project(ws, name="Anden")
    for second in ("27", "55"):
        new_project(ws, name="Æblegården prøve")  # alike: no answers
        run_cli("projekt", "fjern", "Æblegården prøve", "--ja")
        minute = "aeblegaarden-proeve-20261202-1526"
        [kept] = [f for f in (ws.store.home / "fjernede").glob("aeblegaarden-*") if minute not in f.name]
        kept.rename(kept.with_name(f"{minute}{second}"))  # removed within one minute

    run = typed(run_cli, projects_list(ws, "restore") + ENTER + PAUSE + QUIT, columns=60)

    assert run.code == 0, run.err  # the line chosen, echoed: its count and its second, the name cut instead
    screen = " ".join(run.screen.split())
    assert (
        "Hvilket projekt skal hentes tilbage? Æblegå… prøve (ingen svar, fjernet 2.12.2026 15.26.55)"
        in screen
    )
    assert "Samme som: spredning projekt gendan aeblegaarden-proeve-20261202-152655" in run.said


def test_the_last_project_removed_the_first_screen_offers_to_bring_it_back(home, ws):
    new_project(ws, name="Eneste", answers={G1: "Ja, meget"})
    assert "restore" not in [action.kind for action in app_home.home(ws).actions]
    home(remove_keys(ws, "eneste") + DOWN + ENTER + PAUSE + QUIT)
    assert ws.store.slugs() == []

    run = home(go(ws, "restore") + ENTER + PAUSE + QUIT)

    assert run.code == 0, run.err
    assert "Hent et fjernet projekt tilbage …" in run.screen
    assert ws.store.slugs() == ["eneste"]
    assert ws.store.load("eneste").shared or ws.store.load("eneste").dialogues  # its answers came back


NONE_NOW = "Der er ingen projekter nu."
CAN_RETURN = 'Et fjernet projekt kan hentes tilbage med "Hent et fjernet projekt tilbage …" herunder.'


def test_the_first_screen_after_the_last_project_was_removed_says_so_not_welcome(home, ws, run_cli):
    new_project(ws, name="Eneste")
    assert run_cli("projekt", "fjern", "eneste", "--ja")[0] == 0  # from the shell

    run = home(QUIT)

    assert run.code == 0, run.err
    assert NONE_NOW in run.out and CAN_RETURN in run.said
    assert "Velkommen" not in run.out and "endnu" not in run.out


def test_the_screen_after_removing_the_last_project_from_the_menu_says_it_can_come_back(home, ws):
    new_project(ws, name="Eneste")

    run = home(remove_keys(ws, "eneste") + PAUSE + QUIT)  # no answers: no question before

    assert run.code == 0, run.err
    assert ws.store.slugs() == []
    after = run.out[run.out.index("Projektet 'Eneste' er fjernet") :]
    assert NONE_NOW in after and CAN_RETURN in " ".join(after.split())
    assert "Der er ingen projekter endnu." not in run.out


def test_no_removed_project_to_bring_back_the_first_screen_welcomes_as_before(home, ws):
    new_project(ws, name="Eneste")
    home(remove_keys(ws, "eneste") + PAUSE + QUIT)
    assert ws.store.slugs() == []
    shutil.rmtree(ws.store.home / "fjernede")  # the removed one deleted for good

    run = home(QUIT)

    assert run.code == 0, run.err
    assert "Velkommen til spredning" in run.out
    assert NONE_NOW not in run.out and "fjernet" not in run.out


@pytest.mark.parametrize("key", [ESC + QUIT, CTRL_C])
def test_esc_or_ctrl_c_in_the_list_of_removed_projects_brings_nothing_back(home, ws, key):
    new_project(ws, name="Første", answers={G1: "Ja, meget"})
    new_project(ws, name="Anden")
    home(remove_keys(ws, "foerste") + DOWN + ENTER + PAUSE + QUIT)
    [kept] = (ws.store.home / "fjernede").glob("foerste-*")

    run = home(projects_list(ws, "restore") + key)

    assert run.code == (0 if key != CTRL_C else 130), run.err
    assert "Hvilket projekt skal hentes tilbage?" in run.screen
    assert "Samme som" not in run.out
    assert ws.store.slugs() == ["anden"]
    assert (kept / "foerste.yaml").exists()


def test_answers_of_another_project_on_this_side_are_brought_in_from_the_home_screen(home, ws):
    new_project(ws, name="Startet for sig", answers={G1: "Vores svar fra før"})
    new_project(ws, name="Fælles", answers={G2: "Et svar her"})  # active: the answers come here

    run = home(projects_list(ws, "merge") + ENTER + DOWN + ENTER + PAUSE + QUIT)  # Yes at the question

    assert run.code == 0, run.err
    screen = " ".join(run.screen.split())
    assert "Hent jeres svar fra et andet projekt ind i dette …" in screen
    assert "Hvilket projekt skal jeres svar hentes fra?" in screen
    assert "Startet for sig (1/85 i alt)" in screen
    assert "Hent svarene ind i 'Fælles'? Ja, hent dem ind" in screen
    assert "Samme som: spredning projekt flet startet-for-sig" in run.out
    assert "Hentet ind fra 'Startet for sig'" in run.said
    [(_, entry)] = [(slot, e) for slot, e in ws.store.load("faelles").entries() if slot[1] == G1]
    assert entry.answer.text == "Vores svar fra før"


def test_the_merge_says_what_comes_in_and_asks_first(home, ws):
    new_project(ws, name="Startet for sig", answers={G1: "Vores svar fra før", G2: "Ja"})
    new_project(ws, name="Fælles", answers={G2: "Nej"})  # active; G2 differs: a conflict

    run = home(projects_list(ws, "merge") + ENTER + ENTER + QUIT)  # No, given first: back to the menu

    assert run.code == 0, run.err
    said = run.said
    assert (
        "Fra 'Startet for sig' hentes jeres svar ind i 'Fælles': 1 nyt svar og 1 svar, der er anderledes her "
        "og bliver en konflikt." in said
    )
    assert (
        "Intet skrives over: et svar, der er anderledes her, står ved siden af jeres som en konflikt" in said
    )
    assert "'spredning konflikter'" in said
    assert "Hent svarene ind i 'Fælles'? Nej, ændr intet" in " ".join(run.screen.split())
    assert "Samme som" not in run.out  # the command never ran


def test_the_merge_counts_close_a_relative_clause_with_a_comma_before_og(home, ws):
    """Found in a trial: "…og bliver en konflikt og 2 svar, der allerede står her." – the clause of the
    item before 'og' was not closed, so the list read as one run-on item."""
    g3 = "tjek.fortael-den-gode-historie.genbruge.begejstrer"
    new_project(ws, name="Startet for sig", answers={G1: "Vores svar fra før", G2: "Ja", g3: "Ingen"})
    new_project(ws, name="Fælles", answers={G2: "Nej", g3: "Ingen"})  # active; G2 differs, g3 the same

    run = home(projects_list(ws, "merge") + ENTER + ENTER + QUIT)  # No: nothing changes

    assert run.code == 0, run.err
    assert (
        "Fra 'Startet for sig' hentes jeres svar ind i 'Fælles': 1 nyt svar; 1 svar, der er anderledes her "
        "og bliver en konflikt, og 1 svar, der allerede står her." in run.said
    )


def test_the_merge_question_says_a_copy_is_kept_when_an_answer_here_is_replaced(home, ws):
    from projectkit import give, workspace

    old = new_project(ws, name="Gammelt", answers={G1: "første tekst"})
    new = new_project(ws, name="Delt")  # active; the answer came into both, then was edited there
    slot = ("aeroe-kommune", G1)
    entry = ws.store.load(old).entry(slot)
    ws.store.transact(new, lambda project, state: (project.with_entry(slot, entry), state, None))
    give(workspace(ws.store.home), old, {G1: "rettet tekst"})

    run = home(projects_list(ws, "merge") + ENTER + DOWN + ENTER + PAUSE + QUIT)

    assert run.code == 0, run.err
    assert "Fra 'Gammelt' hentes jeres svar ind i 'Delt': 1 nyere udgave af et svar her." in run.said
    assert "og en kopi af projektfilen gemmes, før noget ændres." in run.said
    [backup] = ws.store.home.glob("delt.yaml.bak-*")  # and so it was
    assert str(backup) in "".join(run.out.split())


def test_the_merge_question_says_first_that_the_drafts_there_stay_behind(home, ws):
    # trial7: only after 'Ja, hent dem ind' did it say that the other project's draft does not come
    # (save it there first, then merge again); told before, No lets the draft be saved first
    from projectkit import draft_key

    old = new_project(ws, name="Startet for sig", answers={G1: "Vores svar fra før"})
    ws.store.update_local(old, lambda s: s._replace(drafts={draft_key(ws, old, G2): "halvt skrevet"}))
    new_project(ws, name="Fælles")

    run = home(projects_list(ws, "merge") + ENTER + ENTER + QUIT)  # No

    assert run.code == 0, run.err
    said = run.said
    assert "'Startet for sig' har 1 kladde på denne computer, som ikke kommer med" in said
    assert "Skal den med, så gem den først som svar i 'Startet for sig'" in said
    assert "Samme som" not in run.out  # said before the question: No, and the command never ran


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_merge_question_counts_the_follow_up_that_comes_too(home, ws, run_cli, language):
    # the user trial: only answers were counted; after Ja the follow-up points were news
    old = new_project(ws, name="Startet for sig", answers={G1: "Vores svar fra før"})
    for what in ("Ring til Ærø", "Book et lokale"):
        code, _, err = run_cli("--projekt", old, "plan", "tilføj", "--hvad", what, "--status", "i gang")
        assert code == 0, err
    new_project(ws, name="Fælles")

    run = home(projects_list(ws, "merge") + ENTER + ENTER + QUIT, "--sprog", language)  # No

    assert run.code == 0, run.err
    said = " ".join(run.said.split())
    screen = " ".join(run.screen.split())  # polish8: the question names both too, not 'the answers'
    if language == "da":
        assert (
            "hentes jeres svar ind i 'Fælles': 1 nyt svar og 2 nye eller ændrede punkter i opfølgningen "
            "(handlinger, klarhed, godkendelser eller møder)." in said
        )
        assert "Hent svarene og opfølgningen ind i 'Fælles'? Nej, ændr intet" in screen
    else:
        assert (
            "into 'Fælles': 1 new answer and 2 new or changed follow-up items (actions, readiness marks, "
            "approvals or meetings)." in said
        )
        assert "Bring the answers and the follow-up into 'Fælles'? No, change nothing" in screen


def test_a_merge_of_follow_up_alone_names_it_in_the_one_form(home, ws, run_cli):
    old = new_project(ws, name="Startet for sig")
    code, _, err = run_cli("--projekt", old, "plan", "tilføj", "--hvad", "Ring til Ærø", "--status", "i gang")
    assert code == 0, err
    new_project(ws, name="Fælles")

    run = home(projects_list(ws, "merge") + ENTER + ENTER + QUIT)  # No

    assert run.code == 0, run.err
    said = " ".join(run.said.split())
    assert (  # once a sentence ending in ': .'; then 'hentes jeres svar ind', no answers coming
        "Fra 'Startet for sig' kommer ingen svar ind i 'Fælles', kun 1 nyt eller ændret punkt i "
        "opfølgningen (handling, klarhed, godkendelse eller møde)." in said
    )
    assert "jeres svar" not in said and "et svar, der er anderledes her" not in said
    screen = " ".join(run.screen.split())
    assert "Hent opfølgningen ind i 'Fælles'? Nej, ændr intet" in screen
    assert "Hent svarene" not in screen


@pytest.mark.parametrize("key", ["no", ESC, CTRL_C])
def test_no_esc_or_ctrl_c_at_the_merge_question_changes_nothing(home, ws, key):
    new_project(ws, name="Startet for sig", answers={G1: "Vores svar fra før"})
    new_project(ws, name="Fælles", answers={G2: "Et svar her"})
    before = {p.name: p.read_bytes() for p in ws.store.home.glob("*.yaml*")}
    then = ENTER + QUIT if key == "no" else key + (QUIT if key == ESC else "")

    run = home(projects_list(ws, "merge") + ENTER + then)

    assert run.code == (130 if key == CTRL_C else 0), run.err  # Ctrl+C leaves, as everywhere in the menu
    assert "Hent svarene ind i 'Fælles'?" in run.screen
    assert "Samme som" not in run.out
    assert {p.name: p.read_bytes() for p in ws.store.home.glob("*.yaml*")} == before


def test_esc_in_the_list_to_merge_from_changes_nothing(home, ws):
    new_project(ws, name="Startet for sig", answers={G1: "Vores svar fra før"})
    new_project(ws, name="Fælles")
    before = (ws.store.home / "faelles.yaml").read_bytes()

    run = home(projects_list(ws, "merge") + ESC + QUIT)

    assert run.code == 0, run.err
    assert "Samme som" not in run.out
    assert (ws.store.home / "faelles.yaml").read_bytes() == before


def test_no_merge_line_without_another_project_on_this_side(home, ws):
    new_project(ws, name="Delt herfra", role="dele", answers={G1: "Ja"})
    new_project(ws, name="Genbrugt her")  # this computer reuses here, shares there: nothing of ours there

    run = home(go(ws, "projects") + ESC + QUIT)

    assert run.code == 0, run.err
    assert "Skift projekt, eller start et nyt" in run.screen
    assert "Hent jeres svar fra et andet projekt" not in run.screen
    assert "merge" not in [action.kind for action in app_home.project_actions(ws)]


def test_an_unreadable_project_to_remove_names_its_file_whole_on_a_line(monkeypatch, run_cli, ws):
    """trial16: at 40 columns the path of the file that cannot be read was cut in the middle of a word."""
    slug = new_project(ws)
    path = ws.store.path_for(slug)
    path.write_text("format: '2'\nprojekt: [et afkortet", encoding="utf-8")
    interactive(monkeypatch)
    monkeypatch.setenv("COLUMNS", "40")

    run = typed(run_cli, ENTER, "projekt", "fjern", slug, columns=40)  # No, chosen at first: kept

    assert run.code == 0, run.err
    assert "kan ikke læses, så programmet kan ikke sige" in run.said
    assert str(path) in run.out.splitlines(), run.out
    assert path.exists()


@pytest.mark.parametrize("raw", [b"", bytes(range(128, 256))], ids=["empty", "binary"])
def test_an_empty_or_binary_project_file_is_in_the_lists_to_switch_to_and_to_remove(home, ws, raw):
    """trial42: such a file was taken for no project file at all, and left out of both lists."""
    new_project(ws, name="Anden")
    slug = new_project(ws, name="Tom")
    path = ws.store.path_for(slug)
    path.write_bytes(raw)

    values = [action.value for action in app_home.project_actions(ws)]
    assert slug in values  # before: neither list had it
    switch = home(go(ws, "projects") + DOWN * values.index(slug) + ENTER + PAUSE + QUIT)
    remove = home(remove_keys(ws, slug) + ENTER + PAUSE + QUIT)  # No, chosen at first: kept

    assert switch.code == 0 and remove.code == 0, switch.err + remove.err
    assert "Projektfilen" in switch.said and "Filen er ikke ændret." in switch.said
    assert "kan ikke læses, så programmet kan ikke sige" in remove.said
    assert path.read_bytes() == raw
