"""`spredning rapport` as a user runs it: file names, formats, scope options, partners, overwriting."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml
from exchange_kit import installed
from homekit import CTRL_C, ENTER, UP, interactive, typed
from report_fixture import FANOE, OEST, build
from report_reading import docx_paragraphs, flat, pdf_reader, pdf_text

from spredning import i18n
from spredning.i18n import t

EXAMPLE_SLUG = "eksempel-digitalt-genoptraeningsforloeb"
FIRST_QUESTION = "tjek.beskriv-innovationen.dele.formaal"


@pytest.fixture
def example(run_cli, tmp_path, monkeypatch):
    """The shipped example project, active, with the working folder in tmp_path."""
    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli("start", "--eksempel")
    assert code == 0, err
    return tmp_path


@pytest.fixture
def two_partners(tmp_path, monkeypatch):
    """The report fixture's sharing side (two partners) as the projects folder, in tmp_path/ud."""
    fx = build(tmp_path / "projekt")
    monkeypatch.setenv("SPREDNING_HJEM", str(tmp_path / "projekt" / "dele"))
    (tmp_path / "ud").mkdir()
    monkeypatch.chdir(tmp_path / "ud")
    return fx


@pytest.mark.parametrize("fmt", ["md", "html", "docx", "pdf"])
def test_each_format_is_written_with_the_default_name_and_the_path_is_printed(run_cli, example, fmt):
    code, out, err = run_cli("rapport", "--format", fmt)
    assert code == 0, err
    path = example / f"{EXAMPLE_SLUG}-rapport.{fmt}"
    assert path.is_file()
    assert path.name in out.replace("\n", "")
    raw = path.read_bytes()
    if fmt == "docx":
        assert zipfile.is_zipfile(path)
    elif fmt == "pdf":
        assert raw.startswith(b"%PDF-")
    else:
        text = raw.decode("utf-8")
        assert "Fase 1: Tjek" in text and "Fase 6: Høst" in text


@pytest.mark.parametrize("name", ["kort.md", "en-rapport-med-et-langt-navn-til-styregruppen-i-kommunen.md"])
def test_the_written_file_is_named_whole_on_a_line_and_the_words_wrap_between_words(run_cli, example, name):
    code, out, err = run_cli("rapport", "--format", "md", "--ud", name)

    assert code == 0, err
    path = str(example / name)
    lines = out.splitlines()
    assert any(path in line for line in lines), out  # never folded inside the path
    assert " ".join(out.split()).startswith(f"Rapporten er skrevet: {path}")
    # a line longer than the screen is the path alone (the terminal folds it; it copies whole)
    assert all(len(line) <= 80 or line.strip().rstrip(".") == path for line in lines), out


@pytest.mark.parametrize(
    ("words", "said"),
    [
        (("rapport", "--format", "md"), "Rapporten er skrevet: {path}"),
        (("plan", "--format", "csv"), "Handlingsplanen er skrevet som regneark: {path} (åbnes i Excel"),
        (("plan", "--format", "ics"), "Fristerne er skrevet som kalenderaftaler: {path} ("),
        (("dagsorden", "--format", "md"), "Dagsordenen er skrevet: {path}"),
    ],
)
def test_writing_over_its_own_earlier_file_says_it_was_replaced_as_eksport_says_it(
    run_cli, example, words, said
):
    code, first, err = run_cli(*words)
    assert code == 0, err
    [path] = [p for p in example.iterdir() if p.is_file()]
    assert "er erstattet" not in first

    code, again, err = run_cli(*words)

    assert code == 0, err
    assert flat(again).startswith(said.format(path=path))
    assert "filen, der lå der før, er erstattet" in flat(again)


def test_format_is_read_in_any_case(run_cli, example):
    code, _, err = run_cli("rapport", "--format", "PDF")
    assert code == 0, err
    assert (example / f"{EXAMPLE_SLUG}-rapport.pdf").is_file()


def test_an_existing_report_is_not_overwritten_without_overskriv(run_cli, example):
    assert run_cli("rapport")[0] == 0
    path = example / f"{EXAMPLE_SLUG}-rapport.md"
    path.write_text("mine egne noter", encoding="utf-8")

    code, _, err = run_cli("rapport")
    assert code == 1
    assert "er ændret, siden programmet skrev den" in " ".join(err.split()) and "--overskriv" in err
    assert path.read_text(encoding="utf-8") == "mine egne noter"

    code, _, err = run_cli("rapport", "--overskriv")
    assert code == 0, err
    assert "Fase 1: Tjek" in path.read_text(encoding="utf-8")


def test_the_programs_own_unchanged_report_is_written_again_without_asking(run_cli, example):
    path = example / f"{EXAMPLE_SLUG}-rapport.md"
    assert run_cli("rapport")[0] == 0
    path.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")  # touched, not changed

    code, out, err = run_cli("rapport")

    assert code == 0, err
    assert str(path) in " ".join(out.split())  # said in full, to find it for a mail


@pytest.mark.parametrize(
    ("keys", "code", "kept"), [(ENTER, 0, True), (UP + ENTER, 0, False), (CTRL_C, 130, True)]
)
def test_in_a_terminal_another_file_is_replaced_only_after_a_yes(
    run_cli, example, monkeypatch, keys, code, kept
):
    # the question's choices: "Ja, erstat filen", then "Nej, behold den" (chosen at first)
    path = example / f"{EXAMPLE_SLUG}-rapport.md"
    path.write_text("mine egne noter", encoding="utf-8")
    interactive(monkeypatch)

    run = typed(run_cli, keys, "rapport")

    assert run.code == code, run.err
    assert "findes allerede" in run.screen.replace("\n", "")  # the prompt folds at the edge, mid-word
    assert (path.read_text(encoding="utf-8") == "mine egne noter") is kept
    assert ("Intet er skrevet; filen er uændret" in run.said) is (kept and code == 0)


def test_several_phases_one_side_and_only_answered_name_the_file_and_say_so(run_cli, example):
    code, out, err = run_cli(
        "rapport", "--fase", "tjek", "--fase", "høst", "--rolle", "genbruge", "--kun-besvarede"
    )
    assert code == 0, err
    path = example / f"{EXAMPLE_SLUG}-rapport-tjek-hoest-genbruge-besvarede.md"
    assert path.name in out.replace("\n", "")
    text = path.read_text(encoding="utf-8")
    assert "## Fase 1: Tjek" in text and "## Fase 6: Høst" in text and "## Fase 2: Test" not in text
    assert "Vi vil genbruge" in text and "#### Vi vil dele" not in text
    assert "Rapporten viser kun faserne Tjek og Høst, siden Vi vil genbruge" in text
    assert "Udsnit af rapporten" in text


def test_ud_into_a_missing_folder_is_a_clear_error(run_cli, example):
    target = example / "findes-ikke" / "rapport.md"
    code, _, err = run_cli("rapport", "--ud", str(target))
    assert code == 1
    said = " ".join(err.split())  # the path in the message moves the line breaks
    assert "findes ikke" in said and "Opret mappen" in said
    assert not (example / "findes-ikke").exists()


def test_ud_writes_where_asked(run_cli, example):
    (example / "ud").mkdir()
    code, _, err = run_cli("rapport", "--ud", str(example / "ud" / "tjek.html"), "--format", "html")
    assert code == 0, err
    assert "<!DOCTYPE html>" in (example / "ud" / "tjek.html").read_text(encoding="utf-8")


def test_a_report_is_never_written_into_the_projects_folder(run_cli, example):
    home = example / "hjem"
    code, _, err = run_cli("rapport", "--ud", str(home / "rapport.md"))
    assert code == 1, err
    assert not (home / "rapport.md").exists()


@pytest.mark.parametrize(
    "argv, needle",
    [
        (("rapport", "--format", "odt"), "Ukendt format"),
        (("rapport", "--fase", "femte"), "Ukendt fase"),
        (("rapport", "--rolle", "begge"), "Ukendt side"),
        (("rapport", "--oversigt", "--fase", "tjek"), "--oversigt"),
    ],
)
def test_wrong_options_are_usage_errors_in_danish(run_cli, example, argv, needle):
    code, _out, err = run_cli(*argv)
    assert code == 2
    assert needle in err
    assert "Traceback" not in err
    assert not list(example.glob("*-rapport*.*"))


@pytest.mark.parametrize("command", ["rapport", "dagsorden"])
def test_an_unknown_format_gives_an_example_of_the_command_typed(run_cli, example, command):
    code, _out, err = run_cli(command, "--format", "txt")
    assert code == 2
    assert "Ukendt format: 'txt'" in flat(err)
    assert f"Fx: spredning {command} --format pdf" in flat(err)


def test_without_a_project_it_says_how_to_start_one(run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = run_cli("rapport")
    assert code == 1
    assert "intet projekt" in err
    assert "spredning start" in err


def test_with_several_partners_a_script_must_name_one(run_cli, two_partners):
    code, _, err = run_cli("rapport")
    assert code == 2
    assert FANOE in " ".join(err.split()) and OEST in " ".join(err.split())
    assert "--partner" in err
    assert not list(two_partners.sharing.store.home.parent.glob("ud/*"))


def test_without_a_partner_the_hint_offers_the_overview_too(run_cli, two_partners):
    code, _, err = run_cli("rapport")
    assert code == 2
    assert "eller lav én rapport om dem alle med --oversigt" in " ".join(err.split())


def test_one_report_per_partner(run_cli, two_partners, tmp_path):
    code, _out, err = run_cli("rapport", "--partner", "Fanø Kommune", "--format", "html")
    assert code == 0, err
    path = tmp_path / "ud" / f"{two_partners.slug}-rapport-fanoe-kommune.html"
    text = path.read_text(encoding="utf-8")
    assert "Fanø Kommune" in text and "Øst svarer" not in text
    code, _out, err = run_cli("rapport", "--partner", "oest-kommune-co-a-s", "--format", "html")
    assert code == 0, err
    other = (tmp_path / "ud" / f"{two_partners.slug}-rapport-oest-kommune-co-a-s.html").read_text("utf-8")
    assert "Øst svarer: ja, meget interessant." in other and "Fanøs første svar." not in other


def test_the_overview_covers_every_partner(run_cli, two_partners, tmp_path):
    code, out, err = run_cli("rapport", "--oversigt", "--format", "docx")
    assert code == 0, err
    path = tmp_path / "ud" / f"{two_partners.slug}-oversigt.docx"
    assert path.name in out.replace("\n", "")
    import docx

    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    cells = "\n".join(c.text for t in docx.Document(str(path)).tables for r in t.rows for c in r.cells)
    assert FANOE in cells and OEST.replace("&", "&") in cells
    assert "Hvor er de genbrugende organisationer?" in text


def test_the_overviews_next_step_per_partner_is_not_the_writers_own_draft(run_cli, two_partners, tmp_path):
    store = two_partners.sharing.store
    slug = two_partners.slug
    store.update_local(slug, lambda s: s._replace(drafts={"tjek.beskriv-innovationen.dele.formaal": "Halvt"}))

    code, _, err = run_cli("rapport", "--oversigt", "--format", "md")

    assert code == 0, err
    text = (tmp_path / "ud" / f"{slug}-oversigt.md").read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith("|") and (FANOE in line or "Øst" in line)]
    assert len(rows) >= 2
    assert not any("kladde" in row.lower() for row in rows), rows


def test_an_unknown_partner_is_named_with_the_known_ones(run_cli, two_partners):
    code, _, err = run_cli("rapport", "--partner", "Vejle")
    assert code == 2
    assert "Vejle" in err and FANOE in err


# --- the HTML report printed by a browser --------------------------------------------------------

BROWSER = next(
    (shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome") if shutil.which(name)),
    None,
)


def printed_pages(html: Path, tmp_path: Path) -> list[str]:
    """The HTML file printed to PDF by a headless browser; each page's text, flattened."""
    pdf = tmp_path / "udskrift.pdf"
    profile = tmp_path / "browser"  # the browser's settings and caches stay in tmp_path
    env = {
        **os.environ,
        "HOME": str(profile),
        "XDG_CONFIG_HOME": str(profile),
        "XDG_CACHE_HOME": str(profile),
    }
    subprocess.run(
        [
            BROWSER,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            f"--user-data-dir={profile}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            html.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        env=env,
        check=True,
    )
    return [flat(page.extract_text()) for page in pdf_reader(pdf.read_bytes()).pages]


@pytest.mark.slow
@pytest.mark.skipif(BROWSER is None, reason="needs a Chromium browser to print the HTML")
def test_a_long_answer_printed_from_html_starts_under_its_question(run_cli, example, tmp_path):
    """Issue 13: a long answer is not pushed whole to the next page, leaving its question behind."""
    lines = [
        f"Linje {n}: vi beskriver formålet i mange ord, så svaret fylder mere end en side." for n in range(90)
    ]
    answers = tmp_path / "svar.yaml"
    answers.write_text(
        yaml.safe_dump({FIRST_QUESTION: "\n".join(lines)}, allow_unicode=True), encoding="utf-8"
    )
    assert run_cli("fase", "tjek", "--rolle", "dele", "--svar", str(answers))[0] == 0
    assert run_cli("rapport", "--format", "html", "--ud", "rapport.html")[0] == 0

    pages = printed_pages(example / "rapport.html", tmp_path)
    phase = next(page for page in pages if "Beskriv innovationen ultrakort" in page)  # the tool's intro
    assert "1. Hvad er formålet?" in phase
    assert lines[0] in phase  # the answer starts on the same page as its question, under it
    assert phase.index("1. Hvad er formålet?") < phase.index(lines[0])
    assert lines[-1] not in phase  # ... and runs on to the next page


# --- the PDF's summary on one page -----------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("language", "side"), [("da", None), ("da", "dele"), ("da", "genbruge"), ("en", None)], ids=str
)
def test_the_example_pdf_report_has_its_whole_summary_on_the_first_page(
    run_cli, tmp_path, monkeypatch, language, side
):
    monkeypatch.chdir(tmp_path)
    assert run_cli("--sprog", language, "start", "--eksempel")[0] == 0
    if side:
        assert run_cli("--sprog", language, "projekt", "side", side)[0] == 0
    code, _, err = run_cli("--sprog", language, "rapport", "--format", "pdf", "--ud", "rapport.pdf")
    assert code == 0, err

    pages = [flat(page.extract_text()) for page in pdf_reader((tmp_path / "rapport.pdf").read_bytes()).pages]
    i18n.set_language(language)
    last_heading, last_words = t("report.conflicts-heading"), t("report.no-conflicts")
    footer = t("report.page-label", page=1, pages=len(pages))
    assert pages[0].endswith(f"{last_heading} {last_words} {footer}")  # the summary's end, then the footer
    assert t("report.progress") in pages[0] and t("report.next-heading") in pages[0]
    assert last_heading not in pages[1] and last_words not in pages[1]
    assert t("report.contents") in pages[1]  # the next page holds the contents


# --- what a pasted text holds, in a PDF ---------------------------------------------------------------


def test_a_pdf_report_shows_tabs_as_gaps_and_line_separators_as_breaks_without_a_warning(
    run_cli, example, tmp_path
):
    """A table pasted from Excel or Word has tabs between its columns; fpdf2's font has no tab."""
    pasted = "Opgave\tAnsvarlig\tFrist\nScanning\tOle\tmaj\nFør linjeskiftet\u2028efter det"
    answers = tmp_path / "svar.yaml"
    answers.write_text(yaml.safe_dump({FIRST_QUESTION: pasted}, allow_unicode=True), encoding="utf-8")
    assert run_cli("fase", "tjek", "--rolle", "dele", "--svar", str(answers), "--erstat")[0] == 0

    code, _, err = installed(
        "rapport",
        "--format",
        "pdf",
        "--ud",
        "rapport.pdf",
        home=Path(os.environ["SPREDNING_HJEM"]),
        cwd=tmp_path,
    )

    assert code == 0, err
    assert err == ""  # no "Font ... is missing the following glyphs" from fpdf2
    reader = pdf_reader((tmp_path / "rapport.pdf").read_bytes())
    assert "Opgave Ansvarlig Frist Scanning Ole maj" in pdf_text(reader)
    assert "Før linjeskiftet\nefter det" in "\n".join(page.extract_text() for page in reader.pages)


# --- Word's list of styles speaks the document's language ---------------------------------------------


@pytest.mark.parametrize("language", ["da", "en"])
def test_word_reports_and_worksheets_name_their_own_styles_in_their_language(
    run_cli, tmp_path, monkeypatch, language
):
    # Word lists a document's styles by name: an English reader must not meet "Spørgsmål" or "Svar"
    from docx import Document as ReadDocument

    monkeypatch.chdir(tmp_path)
    assert run_cli("--sprog", language, "start", "--eksempel")[0] == 0
    assert run_cli("--sprog", language, "projekt", "side", "dele")[0] == 0
    code, _, err = run_cli("--sprog", language, "rapport", "--format", "docx", "--ud", "rapport.docx")
    assert code == 0, err
    code, _, err = run_cli("--sprog", language, "arbejdsark", "--fase", "tjek", "--ud", "ark.docx")
    assert code == 0, err

    i18n.set_language(language)
    danish_words = i18n.catalogue("da")
    danish = {danish_words[key] for key in danish_words if key.startswith("report.word-style.")}
    ours = {t(key) for key in i18n.catalogue(language) if key.startswith("report.word-style.")}
    for name, expected in (
        ("rapport.docx", {"report.word-style.question", "report.word-style.answer"}),
        ("ark.docx", {"report.word-style.question", "report.word-style.answer-field"}),
    ):
        document = ReadDocument(str(tmp_path / name))
        names = {style.name for style in document.styles}
        used = {style for style, _ in docx_paragraphs(document)}  # in tables and fields too
        assert {t(key) for key in expected} <= names & used, (name, sorted(used))
        if language == "en":
            assert not (names & danish - ours), (name, sorted(names & danish))


def test_the_overviews_next_step_per_partner_is_the_one_status_gives(run_cli, two_partners, tmp_path):
    """Not the sharing side's own next question, which every row would show alike."""
    code, _, err = run_cli("rapport", "--oversigt", "--format", "md")

    assert code == 0, err
    text = (tmp_path / "ud" / f"{two_partners.slug}-oversigt.md").read_text(encoding="utf-8")
    rows = {
        name: next(line for line in text.splitlines() if line.startswith(f"| {name}"))
        for name in (FANOE, "Øst_Kommune")
    }
    assert "spredning konflikter" in rows[FANOE], rows
    assert f"spredning eksport --partner {two_partners.oest_key}" in rows["Øst_Kommune"], rows
    assert not any("--rolle dele" in row for row in rows.values()), rows
