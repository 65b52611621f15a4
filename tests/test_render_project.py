"""render_project.py at 80 columns: answers in vis and the project list are drawn as before.

The expected text is what the program drew before its own layout code (render_text.py) took over
from rich for narrow text: a long Danish answer with a list, an indented line and a web address too
long for a line, a wide-character answer with emoji (drawn by rich), and markup-like text with
control characters and a tab (shown as typed, controls made visible).
"""

from __future__ import annotations

import pytest

from spredning.cli import render_project

FORMAAL = "tjek.beskriv-innovationen.dele.formaal"
LOESNINGEN = "tjek.beskriv-innovationen.dele.loesningen"
PROCESSEN = "tjek.beskriv-innovationen.dele.processen"

ANSWERS = {
    FORMAAL: (
        "Vi gik i gang, fordi borgere med nyt hofte- eller knæled ventede op til 24 dage på at komme i "
        "gang med genoptræningen – og fordi mange havde svært ved at komme frem og tilbage til "
        "holdtræning to gange om ugen.  Samtidig steg antallet af operationer.\n\n"
        "Formålet var at:\n"
        "- få borgerne hurtigere i gang efter udskrivning\n"
        "- gøre genoptræningen mere fleksibel og mindre afhængig af kørsel, især for borgere i "
        "landdistrikterne, hvor afstandene er store\n"
        "    indrykket linje  \n"
        "https://eksempel.dk/en/meget/lang/adresse/der/ikke/kan/brydes/nogen/steder/fordi/den/er/lang.html\n"
        "“Citat” … 1,1 mio. kr. – ½ § Ærø ü é\u00a0ord."
    ),
    LOESNINGEN: (
        "東京都の職員が日本語で説明します。折り返しが必要な長い文章です。 "
        "Og så på dansk med 👍🏽 og 👩\u200d💻 midt i."
    ),
    PROCESSEN: (
        "[bold]fed[/bold] og [link=https://x.example]klik[/link] og :warning: er tekst, "
        "\x1b[31mrød\x1b[0m og \x07 og \u202eomvendt vises som tegn, og\ttabulator\r\nny linje."
    ),
}

NAMES = [
    "Ærø Kommune",
    "Et meget langt projektnavn der bliver ved og ved og ved og ved og ved og ved til det er længere",
    "Projekt 日本語のプロジェクト",
    "Navn med [bold]markup[/bold] og \x1b[31m",
    "Kort",
]

VIS_TJEK_FIRST_TOOL = (
    "  1. Hvad er formålet?\n"
    "     Vi gik i gang, fordi borgere med nyt hofte- eller knæled ventede op til 24\n"
    "     dage på at komme i gang med genoptræningen – og fordi mange havde svært ved\n"
    "     at komme frem og tilbage til holdtræning to gange om ugen.  Samtidig steg\n"
    "     antallet af operationer.\n"
    "\n"
    "     Formålet var at:\n"
    "     - få borgerne hurtigere i gang efter udskrivning\n"
    "     - gøre genoptræningen mere fleksibel og mindre afhængig af kørsel, især for\n"
    "     borgere i landdistrikterne, hvor afstandene er store\n"
    "         indrykket linje\n"
    "     https://eksempel.dk/en/meget/lang/adresse/der/ikke/kan/brydes/nogen/steder/\n"
    "     fordi/den/er/lang.html\n"
    "     “Citat” … 1,1 mio. kr. – ½ § Ærø ü é\xa0ord.\n"
    "  2. Hvad går løsningen ud på?\n"
    "     東京都の職員が日本語で説明します。折り返しが必要な長い文章です。 Og så på\n"
    "     dansk med 👍🏽 og 👩\u200d💻 midt i.\n"
    "  3. Hvordan forløb processen?\n"
    "     [bold]fed[/bold] og [link=https://x.example]klik[/link] og :warning: er\n"
    "     tekst, ␛[31mrød␛[0m og ␇ og <U+202E>omvendt vises som tegn, og  tabulator\n"
    "     ny linje.\n"
)

PROJECT_LIST = (
    "  Projekt (navn til --projekt)                                  Besvaret i alt\n"
    "  Ærø Kommune                                                   ░░░░░░░░░░ 0/85\n"
    "  aeroe-kommune\n"
    "  Et meget langt projektnavn der bliver ved og ved og ved og    ░░░░░░░░░░ 0/85\n"
    "  ved og ved og ved til det er længere\n"  # a name longer than its column goes on under it
    "  et-meget-langt-projektnavn-der-bliver-ved-og-ved-og-ved-og-v\n"
    "▶ Kort                                                          ░░░░░░░░░░ 0/85\n"
    "  kort\n"
    "  Navn med [bold]markup[/bold] og ␛[31m                         ░░░░░░░░░░ 0/85\n"
    "  navn-med-bold-markup-bold-og-31m\n"
    "  oedelagt                                                      afkortet\n"
    "  Projekt 日本語のプロジェクト" + " " * 34 + "░░░░░░░░░░ 0/85\n"  # wide letters: two columns each
    "  projekt\n"
)


def test_vis_draws_long_wide_and_hostile_answers_as_before(make_project, run_cli):
    make_project("Ærø Kommune", "dele", ANSWERS)

    code, out, err = run_cli("vis", "tjek", "--rolle", "dele")

    assert (code, err) == (0, "")
    start = out.index("  1. Hvad er formålet?")
    assert out[start : out.index("\n\nVærktøj: Fortæl") + 1] == VIS_TJEK_FIRST_TOOL


@pytest.fixture
def listed_projects(make_project, store):
    for name in NAMES:
        make_project(name, "dele")
    (store.home / "oedelagt.yaml").write_text("format: '2'\nprojekt: [et projekt", encoding="utf-8")


def test_the_project_list_is_drawn_as_before(listed_projects, run_cli):
    code, out, err = run_cli("projekter")

    assert (code, err) == (0, "")
    assert out[: out.index("Mappe:")] == PROJECT_LIST


def test_a_long_project_list_is_drawn_in_blocks_with_the_same_lines(listed_projects, run_cli, monkeypatch):
    monkeypatch.setattr(render_project, "BLOCK", 2)

    code, out, err = run_cli("projekter")

    assert (code, err) == (0, "")
    assert out[: out.index("Mappe:")] == PROJECT_LIST


@pytest.mark.parametrize("columns", [60, 50])
def test_the_project_list_fits_a_narrow_terminal(make_project, run_cli, monkeypatch, columns):
    # trial6: at 60 columns the heading's "Besvaret i alt" and each project's "85/85" broke onto the
    # next line at its left edge; a name too long for its column now goes on under it, between words
    monkeypatch.setenv("COLUMNS", str(columns))
    make_project("Tidlig opsporing af underernæring hos ældre", "dele")
    make_project("Kort", "dele")

    code, out, err = run_cli("projekter")

    assert (code, err) == (0, "")
    listed = out[: out.index("Mappe:")].splitlines()
    assert all(len(line) <= columns for line in listed), "\n".join(listed)
    assert listed[0].startswith("  Projekt (navn til --projekt)") and listed[0].endswith("Besvaret i alt")
    first = next(n for n, line in enumerate(listed) if line.startswith("  Tidlig opsporing"))
    assert listed[first].endswith("░░░░░░░░░░ 0/85")
    name = " ".join(line.split("░")[0].strip() for line in listed[first : first + 2])
    assert name == "Tidlig opsporing af underernæring hos ældre", listed
    assert listed[first + 2] == "  tidlig-opsporing-af-underernaering-hos-aeldre"


def test_the_project_list_at_40_columns_keeps_its_heading_and_a_file_name_whole(
    make_project, run_cli, monkeypatch
):
    # trial16: at 40 columns "i alt" went on at the left edge, and a name for --projekt 39 letters
    # long was cut before its last letter (two spaces in front of it made 41)
    monkeypatch.setenv("COLUMNS", "40")
    make_project("Digital genoptræning i eget hjem Ærø", "dele")

    code, out, err = run_cli("projekter")

    assert (code, err) == (0, "")
    listed = out[: out.index("Mappe:")].splitlines()
    assert all(len(line) <= 40 for line in listed), "\n".join(listed)
    assert listed[0].startswith("  Projekt (navn til") and listed[0].endswith("Besvaret i alt")
    assert listed[1] == "  --projekt)"
    assert "digital-genoptraening-i-eget-hjem-aeroe" in listed


@pytest.mark.parametrize("columns", [60, 50])
def test_a_copy_note_fits_a_narrow_terminal(make_project, run_cli, monkeypatch, tmp_path, columns):
    # trial7: at 60 columns 'eksempel-digitalt-genoptraeningsforloeb  samme projekt som' ran to the
    # edge and the other file's name ('kopi') went on at the left edge, under the names' column
    import shutil

    monkeypatch.setenv("COLUMNS", str(columns))
    slug = make_project("Eksempel – Digitalt genoptræningsforløb", "dele")
    shutil.copy(tmp_path / "hjem" / f"{slug}.yaml", tmp_path / "hjem" / "kopi.yaml")

    code, out, err = run_cli("projekter")

    assert (code, err) == (0, "")
    listed = out[: out.index("Mappe:")].splitlines()
    assert all(line.startswith("  ") or line.startswith("▶ ") for line in listed), "\n".join(listed)
    assert all(len(line) <= columns for line in listed), "\n".join(listed)
    here = listed.index(f"  {slug}")  # the file's name alone, the note under it, indented
    assert listed[here + 1] == "    samme projekt som kopi", listed
    there = listed.index("  kopi")
    note = " ".join(line.strip() for line in listed[there + 1 :] if line.startswith("    "))
    assert note == f"samme projekt som {slug}", listed


@pytest.fixture(scope="module")
def hostile_dialogue(tmp_path_factory):
    """The report tests' project: markup, controls, long words, lists, conflicts, a draft, marks."""
    from report_fixture import build

    fixture = build(tmp_path_factory.mktemp("vis-uncropped"))
    project = fixture.project()
    return fixture.sharing.guide, project.dialogue(project.partners[0])


@pytest.mark.parametrize("width", [12, 37, 80, 81, 110, 151])
@pytest.mark.parametrize("colours", [False, True])
def test_vis_phases_need_no_cropping(hostile_dialogue, width, colours):
    """vis prints each phase with crop=False: every line must already fit, so cropping changes nothing."""
    import io

    from rich.console import Console

    guide, view = hostile_dialogue

    def drawn(renderable, crop: bool) -> str:
        console = Console(
            file=io.StringIO(),
            width=width,
            force_terminal=colours,
            color_system="standard" if colours else None,
        )
        console.print(renderable, crop=crop)
        return console.file.getvalue()

    for phase in guide.phases:
        shown = [render_project.vis_phase(phase, view, ("dele", "genbruge"), False)]
        if width >= render_project.SIDE_BY_SIDE_MIN_WIDTH:
            shown.append(render_project.vis_phase_side_by_side(phase, view))
        for renderable in shown:
            assert drawn(renderable, crop=False) == drawn(renderable, crop=True), (phase.id, width)


def test_vis_says_when_an_open_question_has_a_draft_on_this_computer(make_project, run_cli, workspace):
    from spredning.app.answering import Session

    slug = make_project("Ærø Kommune", "genbruge")
    project = workspace.store.load(slug)
    question = workspace.guide.locate("tjek.beskriv-innovationen.genbruge.interessant")[2]
    Session(workspace, slug, "genbruge", project.partners[0]).keep_draft(question, "halvt skrevet")

    code, out, err = run_cli("vis", "tjek", "--rolle", "genbruge")

    assert (code, err) == (0, "")
    start = out.index("Er løsningen umiddelbart interessant for jer?")
    assert "(ikke besvaret – der er en kladde på denne computer)" in " ".join(out[start:].split())[:200]
    assert out.count("der er en kladde på denne computer") == 1  # only that question


# -- tabs: a row pasted from a spreadsheet stays one row, its cells at tab stops of 8 ---------------

TABLE = "Navn\tAntal\tBemærkning\nHjemmepleje\t12\tgod effekt"
TABLE_SHOWN = ["Navn    Antal   Bemærkning", "Hjemmepleje     12      god effekt"]


def drawn(renderable, width: int = 80) -> list[str]:
    """The lines a terminal `width` columns wide shows, without their surrounding spaces."""
    import io

    from rich.console import Console

    console = Console(file=io.StringIO(), width=width, color_system=None, legacy_windows=False)
    console.print(renderable)
    return [line.strip() for line in console.file.getvalue().splitlines()]


@pytest.mark.parametrize("columns", [80, 200])
def test_vis_shows_a_pasted_table_row_by_row(make_project, run_cli, monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", str(columns))
    make_project("Ærø Kommune", "dele", {FORMAAL: TABLE})

    code, out, err = run_cli("vis", "tjek", "--rolle", "dele")

    assert (code, err) == (0, "")
    lines = [line.strip() for line in out.splitlines()]
    start = lines.index("1. Hvad er formålet?")
    assert lines[start + 1 : start + 3] == TABLE_SHOWN


def test_vis_side_by_side_shows_a_pasted_table_row_by_row(make_project, run_cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    make_project("Ærø Kommune", "dele", {FORMAAL: TABLE})

    code, out, err = run_cli("vis", "tjek")

    assert (code, err) == (0, "")
    lines = [line.strip() for line in out.splitlines()]
    start = next(n for n, line in enumerate(lines) if line.startswith("1. Hvad er formålet?"))
    left_column = [line[: len(shown)] for line, shown in zip(lines[start + 1 :], TABLE_SHOWN, strict=False)]
    assert left_column == TABLE_SHOWN


def test_the_answer_changed_elsewhere_keeps_its_rows(workspace):
    from spredning.core.model import Answer

    question = workspace.guide.locate(FORMAAL)[2]
    shown = drawn(render_project.saved_meanwhile(question, Answer("Mit"), Answer("A\tB\nC\nD\tE")))

    assert shown[-3:] == ["A       B", "C", "D       E"]


def test_a_not_relevant_reason_with_a_tab_is_shown_at_a_tab_stop(workspace):
    from spredning.core.model import Answer

    shown = drawn(render_project.answer_text(Answer("Se\tark", not_relevant=True), 4))

    assert shown == ["Ikke relevant: Se      ark"]


def test_a_partners_answers_in_one_line_have_one_space_for_a_tab(make_project, workspace):
    from spredning.core.interview import OtherAnswers
    from spredning.core.model import Answer

    slug = make_project("Ærø Kommune", "dele")
    project = workspace.store.load(slug)
    question = workspace.guide.locate(FORMAAL)[2]
    others = [OtherAnswers(project.partners[0].key, ((question, Answer(TABLE)),))]

    shown = drawn(render_project.partner_answers(project.dialogue(project.partners[0]), others, False), 200)

    assert shown[-1] == "• Hvad er formålet? Navn Antal Bemærkning Hjemmepleje 12 god effekt"


def test_a_conflicts_first_line_has_one_space_for_a_tab():
    from spredning.cli.render_status import first_line
    from spredning.core.model import Answer

    assert first_line(Answer(TABLE)) == "Navn Antal Bemærkning …"
