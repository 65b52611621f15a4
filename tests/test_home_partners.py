"""The home screen between organisations (issues 11, 12 and 20), typed into through the real prompts.

Conflicts, drafts, news and unsent answers are offered first, in that order, and each runs its
command (konflikter, fase, vis --nye, eksport) and comes back; a partner's file in the working
folder is offered for import, on the first run too; a sharing organisation with several reusing
organisations is offered each kind once, and the commands ask which partner as when typed.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
from exchange_kit import D1, D2, D3, G1, G2, Org, flat, start_sharing
from homekit import CTRL_C, DOWN, ENTER, ESC, PAUSE, QUIT, UP, exchange, go, interactive, kinds, typed
from projectkit import workspace

from spredning import i18n
from spredning.app import home as app_home
from spredning.core import local

NAME = "Genoptræning"


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """The working folder: mail attachments are saved here, exports and reports written here."""
    work = tmp_path / "arbejde"
    work.mkdir()
    monkeypatch.chdir(work)
    return work


@pytest.fixture
def sharing(tmp_path, run_cli, folder) -> Org:
    return start_sharing(
        Org(tmp_path / "odense", folder, run_cli),
        name=NAME,
        description="Digital genoptræning",
        answers={D1: "Færre genindlæggelser", D2: "Træning hjemme"},
    )


@pytest.fixture
def reusing(tmp_path, run_cli, folder) -> Org:
    return Org(tmp_path / "aeroe", folder, run_cli)


@pytest.fixture
def exchanged(sharing, reusing):
    assert reusing.import_(sharing.export())[0] == 0
    return sharing, reusing


@pytest.fixture
def home(monkeypatch, run_cli):
    """Type keys into `spredning --hjem ORG` alone, as one organisation's user (only the run is in a
    'terminal': the setting up runs the commands as a script would)."""

    def run(org: Org, keys: str):
        with monkeypatch.context() as patched:
            interactive(patched)
            with org.at_home():
                return typed(run_cli, keys)

    return run


def ws_of(org: Org):
    return workspace(org.home)


# --- the reusing side: conflicts, news, sending, importing -------------------------------------------


def test_a_conflict_comes_first_and_is_settled_from_the_menu(exchanged, home):
    sharing, reusing = exchanged
    reusing.answer({D1: "Ærøs formål"}, "--rolle", "dele")
    sharing.answer({D1: "Odenses formål"})
    reusing.import_(sharing.export())
    assert kinds(ws_of(reusing))[:2] == ["conflicts", "news"]

    run = home(reusing, ENTER + ENTER + PAUSE + QUIT)  # settle: keep ours

    assert run.code == 0, run.err
    assert "Afgør konflikten (et svar findes i flere udgaver)" in run.screen
    assert "Samme som: spredning konflikter" in run.out
    assert reusing.others() == {}
    assert reusing.texts()[D1] == "Ærøs formål"
    assert "conflicts" not in kinds(ws_of(reusing))


def test_ctrl_c_while_settling_ends_konflikter_only(exchanged, home):
    sharing, reusing = exchanged
    reusing.answer({D1: "Ærøs formål"}, "--rolle", "dele")
    sharing.answer({D1: "Odenses formål"})
    reusing.import_(sharing.export())

    run = home(reusing, ENTER + CTRL_C + PAUSE + QUIT)

    assert run.code == 0, run.err
    assert "Stoppet. Intet er ændret i projektet." in run.err
    assert reusing.others() == {D1: ["Odenses formål"]}
    assert run.headers(NAME) == 2


def test_esc_at_the_next_conflict_names_the_file_with_the_text_written_in_the_editor(
    exchanged, home, tmp_path, monkeypatch
):
    sharing, reusing = exchanged
    reusing.answer({D1: "Ærøs formål", D2: "Ærøs løsning"}, "--rolle", "dele")
    sharing.answer({D1: "Odenses formål", D2: "Odenses løsning"})
    reusing.import_(sharing.export())
    editor = tmp_path / "editor"
    editor.write_text("#!/bin/sh\nprintf 'Samlet tekst\\n' > \"$1\"\n", encoding="utf-8")
    editor.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(editor))
    monkeypatch.delenv("VISUAL", raising=False)

    # settle; at the first conflict write a text and use it; at the second, Esc: back to the menu
    run = home(reusing, ENTER + DOWN * 3 + ENTER + ENTER + ESC + QUIT)

    assert run.code == 0, run.out
    [kept] = (reusing.home / ".spredning").glob("*samlede-tekster*")
    assert "Samlet tekst" in kept.read_text(encoding="utf-8")
    assert f"Det, du skrev i editoren, er gemt i {kept}" in " ".join(run.out.split())
    assert set(reusing.others()) == {D1, D2}  # Esc saves no choice, as the help says


def test_news_from_the_sharing_organisation_are_read_with_vis_nye(exchanged, home):
    _, reusing = exchanged
    assert kinds(ws_of(reusing))[0] == "news"

    run = home(reusing, ENTER + PAUSE + QUIT)

    assert run.code == 0, run.err
    assert "Læs de 2 nye svar fra Odense Kommune" in run.screen
    assert "Samme som: spredning vis --nye" in run.out
    assert "Færre genindlæggelser" in run.out
    assert "news" not in kinds(ws_of(reusing))


def test_answers_not_sent_yet_are_sent_with_eksport(exchanged, home, folder):
    _, reusing = exchanged
    reusing.answer({G1: "Ja, meget"})
    ws = ws_of(reusing)
    assert kinds(ws)[-10] == "send"  # after the next question, before what is always there

    run = home(reusing, go(ws, "send") + PAUSE + QUIT)

    assert run.code == 0, run.err
    assert "Samme som: spredning eksport" in run.out
    assert (folder / "genoptraening-fra-aeroe-kommune.yaml").is_file()
    assert "send" not in kinds(ws_of(reusing))


def test_the_first_run_offers_the_partners_file_in_the_folder_and_imports_it(sharing, reusing, home, folder):
    sharing.ok("eksport")  # as saved from the mail into the working folder
    (folder / "noter.yaml").write_text("ikke en fil fra partneren\n")
    ws = ws_of(reusing)

    us = ENTER  # the first file sets who this computer is: asked, and Enter says it is us
    run = home(reusing, go(ws, "import") + ENTER + us + PAUSE + QUIT)

    assert run.code == 0, run.err
    assert "Samme som: spredning importer" in run.said
    assert "genoptraening-til-aeroe-kommune.yaml" in run.said
    assert "? Er I Ærø Kommune? Ja, vi er Ærø Kommune" in run.screen
    assert "Importeret fra Odense Kommune:" in run.out
    assert reusing.texts() == {D1: "Færre genindlæggelser", D2: "Træning hjemme"}
    assert run.headers(NAME) == 1  # the project it made is on the menu now


def test_a_file_elsewhere_is_imported_by_typing_its_path(sharing, reusing, home, tmp_path):
    # in a folder below the working folder, typed with its full path (a file in the working folder
    # itself is offered in the list, by its head, whatever its name)
    exported = sharing.export()
    (exported.parent / "andet").mkdir()
    exported = exported.rename(exported.parent / "andet" / exported.name)
    ws = ws_of(reusing)

    run = home(
        reusing,
        go(ws, "import")
        + ENTER
        + "nowhere.yaml"
        + ENTER
        + "\x15"
        + str(exported)
        + ENTER
        + ENTER
        + PAUSE
        + QUIT,
    )

    assert run.code == 0, run.err
    assert f"Samme som: spredning importer andet/{exported.name}" in run.said  # named from the current folder
    assert reusing.texts() == {D1: "Færre genindlæggelser", D2: "Træning hjemme"}


def test_the_exchange_list_exports_and_esc_leaves_it(exchanged, home, folder):
    _, reusing = exchanged
    ws = ws_of(reusing)

    run = home(reusing, go(ws, "exchange") + ESC + go(ws, "exchange") + ENTER + PAUSE + QUIT)

    assert run.code == 0, run.err
    assert run.out.count("Samme som:") == 1
    assert (folder / "genoptraening-fra-aeroe-kommune.yaml").is_file()


# --- the sharing side with several reusing organisations (issue 20) ---------------------------------


@pytest.fixture
def three(sharing, tmp_path, run_cli, folder):
    """Odense shares with Ærø, Fanø and Læsø; Ærø and Fanø have answered and sent their files."""
    sharing.ok("projekt", "genbruger", "Fanø Kommune")
    sharing.ok("projekt", "genbruger", "Læsø Kommune")
    partners = {}
    for key, name in (("aeroe-kommune", "aeroe"), ("fanoe-kommune", "fanoe")):
        org = Org(tmp_path / name, folder, run_cli)
        assert org.import_(sharing.export("--partner", key))[0] == 0
        partners[key] = org
    partners["aeroe-kommune"].answer({G1: "Ja"})
    partners["fanoe-kommune"].answer({G1: "Nej", G2: "Måske"})
    for org in partners.values():
        assert sharing.import_(org.export())[0] == 0
    return sharing, partners


def test_several_partners_each_kind_is_offered_once(three, home):
    sharing, _ = three
    ws = ws_of(sharing)
    assert "Send de 2 nye ændringer til Læsø Kommune" in home(sharing, CTRL_C).screen  # only Læsø waits
    sharing.answer({D3: "Sådan gjorde vi"})  # a shared answer every partner waits for
    assert kinds(ws)[:3] == ["news", "answer", "send"]

    run = home(sharing, CTRL_C)

    assert "Læs de 3 nye svar fra partnerne …" in run.screen
    assert "Send de nye ændringer til 3 partnere …" in run.screen
    assert "Udveksl svar med partnerne …" in run.screen


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("key", ["news-several", "send-several", "wait-several", "exchange-several"])
def test_the_menu_lines_for_several_partners_fit_60_columns_whole(key, language):
    # trial6: at 60 columns "Send jeres nye ændringer til partnerne (3 partnere ma…" lost how many
    # and what; "Vent på svar fra partnerne (3 mangler at svare) – se st…" lost where to look
    from rich.cells import cell_len

    i18n.set_language(language)
    for n in (1, 12):
        line = i18n.t(f"home.action.{key}", n=n)
        assert cell_len(" » " + line) <= 60, line


def test_several_partners_the_partner_is_chosen_first_and_the_command_shown_is_the_one_run(three, home):
    # from a user trial: "Samme som: spredning vis --nye" was shown, then the command asked which
    # partner; now the home screen asks first, and shows the command with the partner chosen
    sharing, _ = three
    ws = ws_of(sharing)

    run = home(sharing, go(ws, "news") + DOWN + ENTER + PAUSE + QUIT)  # Fanø's news

    assert run.code == 0, run.err
    asked = "Hvilken genbrugende organisation gælder det? Læs de 2 nye svar fra Fanø Kommune"
    assert asked in flat(run.screen)
    assert "Samme som: spredning vis --nye --partner fanoe-kommune" in flat(run.out)
    shown = run.out.split("Samme som:")[1]
    assert "Måske" in shown and "Fanø Kommune" in shown
    left = app_home.home(ws_of(sharing)).actions[0]
    assert (left.kind, left.n, left.partner.key) == ("news", 1, "aeroe-kommune")  # Ærø's is left


def test_several_partners_waiting_for_answers_each_get_the_command_with_their_partner(three, home):
    sharing, _ = three
    sharing.answer({D3: "Sådan gjorde vi"})  # a shared answer every partner waits for
    ws = ws_of(sharing)

    run = home(sharing, go(ws, "send") + DOWN + DOWN + ENTER + PAUSE + QUIT)  # Læsø

    assert run.code == 0, run.err
    assert "Samme som: spredning eksport --partner laesoe-kommune" in flat(run.out)
    assert (sharing.files / f"{sharing.slug}-til-laesoe-kommune.yaml").is_file()


def test_esc_in_the_home_screens_partner_list_goes_back_to_the_menu(three, home):
    sharing, _ = three
    ws = ws_of(sharing)
    before = sharing.path.read_bytes()

    run = home(sharing, go(ws, "news") + ESC + CTRL_C)

    assert "Samme som" not in run.out
    assert flat(run.screen).count("Hvad vil du gøre?") >= 2  # the menu came back
    assert sharing.path.read_bytes() == before


def test_several_partners_the_report_list_has_the_overview(three, home, folder):
    sharing, _ = three
    ws = ws_of(sharing)

    run = home(sharing, go(ws, "report") + DOWN * 4 + ENTER + PAUSE + QUIT)

    assert run.code == 0, run.err
    assert "Samme som: spredning rapport --oversigt --format docx" in run.out
    assert [p.suffix for p in folder.iterdir() if p.suffix == ".docx"] == [".docx"]


# --- the side this computer is on ---------------------------------------------------------------------


def test_a_copy_without_a_side_asks_for_it_first(sharing, home):
    sharing.ok("projekt", "genbruger", "Fanø Kommune")
    state = sharing.store.local(sharing.slug)
    # a copy (a git clone) has a copy id of its own: it wrote none of the sharing side's answers
    fresh = local.new_copy_id()
    sharing.store.update_local(
        sharing.slug, lambda s: s._replace(side=None, organisation=None, copy=fresh, given={})
    )
    assert state.side == "dele"
    ws = ws_of(sharing)
    assert kinds(ws)[0] == "side"

    run = home(sharing, ENTER + DOWN * 2 + ENTER + PAUSE + QUIT)  # Vi vil genbruge (Fanø Kommune)

    assert run.code == 0, run.err
    assert "Samme som: spredning projekt side genbruge --organisation fanoe-kommune" in run.out
    assert sharing.store.local(sharing.slug).organisation == "fanoe-kommune"
    assert "▶ Genoptræning · Vi vil genbruge (Fanø Kommune)" in run.out


@pytest.mark.parametrize(
    "as_pasted",
    [
        "'{path}' ",  # dragged from a file manager into the terminal: quoted, a blank after
        ' "{path}"',
        "file://{url}",
        "{escaped} ",  # macOS Terminal: a backslash before each blank
    ],
)
def test_a_path_dragged_into_the_terminal_is_taken_as_the_file_it_names(exchanged, home, tmp_path, as_pasted):
    sharing, reusing = exchanged
    sharing.answer({D1: "Færre genindlæggelser i runde 4"})
    dragged = tmp_path / "Hentede filer" / "fanoe-runde4.yaml"
    dragged.parent.mkdir()
    sharing.ok("eksport", "--ud", str(dragged))
    ws = ws_of(reusing)
    escaped = str(dragged).replace(" ", "\\ ")
    typed_in = as_pasted.format(path=dragged, url=quote(str(dragged)), escaped=escaped)

    # 'En anden fil', the list's last line (the file imported before is listed above it)
    run = home(reusing, exchange(ws, "import") + UP + ENTER + typed_in + ENTER + PAUSE + QUIT)

    assert run.code == 0, run.err
    assert "Filen findes ikke" not in run.screen
    assert reusing.texts()[D1] == "Færre genindlæggelser i runde 4"


# --- importer with a conflict asks as when typed --------------------------------------------------


@pytest.fixture
def conflicting(exchanged, folder):
    """Ærø and Odense both changed the same shared answer; Odense's file waits in the folder."""
    sharing, reusing = exchanged
    reusing.answer({D1: "Ærøs formål"}, "--rolle", "dele")
    sharing.answer({D1: "Odenses formål"})
    sharing.ok("eksport")
    return sharing, reusing


def test_importing_a_conflict_from_the_menu_asks_which_to_keep(conflicting, home):
    _, reusing = conflicting
    ws = ws_of(reusing)

    run = home(reusing, exchange(ws, "import") + ENTER + DOWN + ENTER + PAUSE + QUIT)  # theirs

    assert run.code == 0, run.err
    assert "Samme som: spredning importer" in run.said
    assert "Konflikt 1 af 1" in run.said
    assert reusing.texts()[D1] == "Odenses formål" and reusing.others() == {}


def test_ctrl_c_while_importing_a_conflict_changes_nothing_and_comes_back(conflicting, home):
    _, reusing = conflicting
    ws = ws_of(reusing)
    before = reusing.path.read_bytes()

    run = home(reusing, exchange(ws, "import") + ENTER + CTRL_C + PAUSE + QUIT)

    assert run.code == 0, run.err
    assert "Stoppet. Intet er ændret i projektet." in run.err
    assert reusing.path.read_bytes() == before
    assert run.headers(NAME) == 2


def test_the_conflict_question_says_ctrl_c_stops_the_import_with_nothing_changed(
    conflicting, run_cli, monkeypatch, folder
):
    _, reusing = conflicting
    before = reusing.path.read_bytes()
    exported = folder / "genoptraening-til-aeroe-kommune.yaml"
    with monkeypatch.context() as patched:
        interactive(patched)
        with reusing.at_home():
            run = typed(run_cli, CTRL_C, "importer", str(exported))  # from the shell

    assert run.code == 130
    assert "Hvilket svar skal gemmes? (Ctrl+C stopper importen; intet ændres)" in run.screen
    assert "Stoppet. Intet er ændret i projektet." in run.err
    assert reusing.path.read_bytes() == before


def test_esc_at_the_conflict_question_from_the_menu_stops_the_import_with_nothing_changed(conflicting, home):
    _, reusing = conflicting
    ws = ws_of(reusing)
    before = reusing.path.read_bytes()

    run = home(reusing, exchange(ws, "import") + ENTER + ESC + QUIT)

    assert run.code == 0, run.err
    assert "Hvilket svar skal gemmes? (Esc eller Ctrl+C stopper importen; intet ændres)" in run.screen
    assert "Konflikt 1 af 1" in run.said and run.headers(NAME) == 2
    assert reusing.path.read_bytes() == before


def test_the_conflict_question_of_konflikter_says_ctrl_c_saves_no_choice(exchanged, run_cli, monkeypatch):
    sharing, reusing = exchanged
    reusing.answer({D1: "Ærøs formål"}, "--rolle", "dele")
    sharing.answer({D1: "Odenses formål"})
    reusing.import_(sharing.export())
    with monkeypatch.context() as patched:
        interactive(patched)
        with reusing.at_home():
            run = typed(run_cli, CTRL_C, "konflikter")

    assert run.code == 130
    assert "Hvilket svar skal gemmes? (Ctrl+C stopper uden at gemme dine valg)" in run.screen
    assert reusing.others() == {D1: ["Odenses formål"]}


# --- the follow-up: actions past their deadline ---------------------------------------------------


def test_actions_past_their_deadline_are_offered_once_and_open_the_plan(three, home):
    sharing, _ = three
    sharing.ok(
        "plan", "tilføj", "--hvad", "Send skabelonen", "--frist", "01-02-2026", "--partner", "aeroe-kommune"
    )
    sharing.ok("plan", "tilføj", "--hvad", "Fælles møde", "--frist", "02-02-2026", "--fælles")
    sharing.ok("plan", "tilføj", "--hvad", "Senere", "--frist", "01-02-2070", "--partner", "fanoe-kommune")
    ws = ws_of(sharing)
    found = kinds(ws)
    assert found.index("news") < found.index("overdue") < found.index("answer")
    late = next(a for a in app_home.home(ws).actions if a.kind == "overdue")
    assert late.n == 2  # the general action is late in every dialogue, but it is one action

    run = home(sharing, go(ws, "overdue") + PAUSE + QUIT)

    assert run.code == 0, run.err
    assert "Følg op på de 2 handlinger med overskredet frist" in run.screen
    assert "Samme som: spredning plan" in run.out
    shown = run.out.split("Samme som:")[1]
    assert shown.index("Send skabelonen") < shown.index("Senere") and "Fælles møde" in shown


def test_answering_once_for_every_partner_shows_each_partners_answers(sharing, run_cli, monkeypatch):
    from spredning.app.answering import Session, save_answers
    from spredning.core.model import Answer

    sharing.ok("projekt", "genbruger", "Fanø Kommune")
    ws = ws_of(sharing)
    slug = ws.store.active()
    aero, fanoe = ws.store.load(slug).partners
    save_answers(Session(ws, slug, "genbruge", aero), {G1: Answer("Ærø er interesseret")})
    save_answers(Session(ws, slug, "genbruge", fanoe), {G1: Answer("Fanø vil prøve"), G2: Answer("Ja")})
    interactive(monkeypatch)

    with sharing.at_home():
        run = typed(run_cli, ENTER + CTRL_C, "fase", "tjek", "--rolle", "dele")  # go on where we were

    assert run.code == 130
    said = run.said
    assert "Ærø Kommune har svaret på 1 spørgsmål i dette værktøj:" in said
    assert "Fanø Kommune har svaret på 2 spørgsmål i dette værktøj:" in said
    assert said.index("Ærø er interesseret") < said.index("Fanø vil prøve")


# --- Esc in a command's list goes back to the menu ---------------------------------------------------


PICKER = "Hvilken genbrugende organisation gælder det?"


@pytest.mark.parametrize("kind", ["answers", "report", "agenda", "export", "worksheet"])
def test_esc_in_the_partner_picker_goes_back_to_the_menu(three, home, folder, kind):
    sharing, _ = three
    sharing.ok("plan", "tilføj", "--hvad", "Fælles møde", "--frist", "02-02-2070", "--fælles")  # an agenda
    ws = ws_of(sharing)
    before = sharing.path.read_bytes(), sorted(folder.iterdir())
    keys = exchange(ws, kind) if kind in ("export", "worksheet") else go(ws, kind)
    if kind in ("report", "agenda", "worksheet"):
        keys += ENTER  # the first format, or every phase

    run = home(sharing, keys + ESC + QUIT)  # no pause: the menu comes straight back

    assert run.code == 0, run.err
    assert f"{PICKER} (Esc går tilbage til menuen)" in run.screen
    assert run.out.count("Samme som:") == 1 and run.headers(NAME) == 2
    assert run.err == ""  # ended, not interrupted or failed
    assert (sharing.path.read_bytes(), sorted(folder.iterdir())) == before  # nothing written


def test_esc_in_the_partner_picker_from_the_shell_stops_as_ctrl_c_does(three, run_cli, monkeypatch):
    # from a user trial: Esc did nothing there and said nothing; Ctrl+C worked
    sharing, _ = three
    with monkeypatch.context() as patched:
        interactive(patched)
        with sharing.at_home():
            run = typed(run_cli, ESC + DOWN + ENTER, "vis")  # Esc, then (not reached) Fanø Kommune

    assert run.code == 130, run.err
    assert run.err == "Stoppet. Intet er vist, og intet er ændret.\n"  # a view: nothing saved to lose
    # the help says it (the README: every list's help says how to stop), not that Esc goes back
    help_text = "(vælg med piletasterne og Enter; skriv for at søge; Esc eller Ctrl+C stopper)"
    assert f"{PICKER} {help_text}" in " ".join(run.screen.split())
    assert "menuen" not in run.screen
    assert "Måske" not in run.out


def test_one_blank_line_between_the_same_as_line_and_the_conflicts(exchanged, home):
    """A user trial: 'Samme som: spredning konflikter' was followed by two blank lines (the menu's one
    and the conflict's own); the second conflict is still set off from the first by one."""
    sharing, reusing = exchanged
    reusing.answer({D1: "Ærøs formål", D2: "Ærøs løsning"}, "--rolle", "dele")
    sharing.answer({D1: "Odenses formål", D2: "Odenses løsning"})
    reusing.import_(sharing.export())

    run = home(reusing, ENTER + ENTER + ENTER + PAUSE + QUIT)  # settle both: keep ours

    assert run.code == 0, run.err
    after = run.out.split("Samme som: spredning konflikter\n", 1)[1]
    assert after.startswith("\n") and not after.startswith("\n\n"), after[:80]
    assert after.count("Konflikt 2 af 2") == 1
    assert "\n\nKonflikt 2 af 2" in after and "\n\n\nKonflikt 2 af 2" not in after
    assert reusing.others() == {}
