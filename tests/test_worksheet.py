"""Worksheets (issue 14): 'spredning arbejdsark' writes a Word document a partner fills in; 'importer'
reads it back with the exchange rules. Filled in here as Word stores a partner's edits."""

from __future__ import annotations

import pytest
from docx import Document
from exchange_kit import D1, D2, D3, G1, G2, NAME, Org, flat, start_sharing, tree
from worksheet_kit import Sheet, W, bullet, el, item, paragraph, picture, run, table

pytestmark = pytest.mark.usefixtures("work_in_tmp")
# Fields of 'arbejdsark --fase tjek' (both sides), in page order: the first tool's questions.
N_D1, N_D2, N_D3, N_G1, N_G2 = 1, 2, 3, 4, 5


@pytest.fixture
def sharing(tmp_path, run_cli) -> Org:
    return start_sharing(
        Org(tmp_path / "odense", tmp_path, run_cli),
        description="Digital genoptræning",
        answers={D1: "Færre genindlæggelser", D2: "Træning hjemme"},
    )


def make(org: Org, *options: str, name: str = "ark.docx") -> tuple[object, str]:
    path = org.files / name
    out = org.ok("arbejdsark", "--fase", "tjek", "--ud", str(path), *options)
    return path, out


def import_(org: Org, path, *options: str) -> str:
    code, out, err = org.import_(path, *options)
    assert code == 0, err + out
    return flat(out)


# --- making a worksheet ------------------------------------------------------------------------


def test_a_worksheet_is_a_word_document_with_a_named_field_per_question(sharing):
    path, out = make(sharing)
    assert "Arbejdsark skrevet" in out and "34 spørgsmål; 2 af dem har et svar" in flat(out)
    assert "Send det til Ærø Kommune" in flat(out) and "importer ark.docx" in flat(out)
    document = Document(str(path))
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert "Arbejdsark til Ærø Kommune" in section.header.paragraphs[0].text
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Sådan udfylder I arbejdsarket" in text
    assert "»Ikke relevant:«" in text and "Word-dokument (.docx)" in text
    assert "udfyld arket i én omgang: åbnes et ark, der er gemt i LibreOffice, igen i LibreOffice" in text
    sheet = Sheet.read(path)
    assert len(sheet.answer_controls()) == 34
    assert len(sheet.controls()) == 34 + 9 * 2 + 2 * 4  # readiness for 9 tool sides, 2 rows for new actions
    tags = [c.find(f".//{W}tag").get(f"{W}val") for c in sheet.controls()]
    assert tags[0] == f"1|{D1}" and all(len(tag) <= 64 for tag in tags)
    assert sheet.text(N_D1) == "Færre genindlæggelser" and sheet.text(N_D3) == ""
    records = [name for name in sheet.parts if b"urn:spredning:arbejdsark:1" in sheet.parts[name]]
    assert [name for name in records if "itemProps" not in name] == ["customXml/item2.xml"]


def test_the_worksheet_shows_not_relevant_and_keeps_lines(sharing):
    sharing.answer({D3: "Linje et\nLinje to\n\nNyt afsnit"})
    from spredning.app.answering import Session, save_answers
    from spredning.app.workspace import Settings, Workspace
    from spredning.core.model import Answer

    ws = Workspace(Settings(home=str(sharing.home)))
    project = ws.store.load(sharing.slug)
    save_answers(
        Session(ws, sharing.slug, "dele", project.partners[0]),
        {D2: Answer(text="Vi har ingen løsning", not_relevant=True)},
        replace_any=True,
    )
    path, _ = make(sharing)
    sheet = Sheet.read(path)
    assert sheet.text(N_D3) == "Linje et\nLinje to\n\nNyt afsnit"
    assert sheet.text(N_D2) == "Ikke relevant: Vi har ingen løsning"
    assert "0 opdaterede, 3 uændrede, 0 konflikter" in import_(sharing, path)


def test_an_empty_worksheet_has_empty_fields_and_says_so(sharing):
    path, out = make(sharing, "--tom")
    assert "34 spørgsmål, alle uden svar" in flat(out)
    assert all(Sheet.read(path).text(n) == "" for n in range(1, 35))
    assert path.name == "ark.docx"


def test_an_empty_worksheet_for_the_partner_says_it_is_for_a_workshop_or_to_send(sharing):
    _, out = make(sharing, "--tom", "--rolle", "genbruge")
    said = flat(out)
    assert (
        "Arket er uden svar, så det kan printes og bruges på en workshop. I kan også sende det til "
        "Ærø Kommune, fx vedhæftet en mail; så skriver de svarene ind i Word eller LibreOffice og sender "
        "det tilbage."
    ) in said
    assert "De udfylder det" not in said
    assert "Når det kommer tilbage, henter I svarene ind med: spredning importer ark.docx" in said


def test_an_empty_worksheet_of_our_own_questions_is_for_our_workshop_not_to_send(sharing, tmp_path):
    _, out = make(sharing, "--tom", "--rolle", "dele")
    said = flat(out)
    assert "Send det til" not in said and "sende det til" not in said and "importer" not in said
    assert "sidst i hver fase kan I skrive nye handlinger" in said  # not 'de': the sheet is ours
    assert said.endswith(
        "Spørgsmålene i arket er jeres egne, og det er uden svar: print det, og brug det på jeres egen "
        "workshop. Skriv bagefter svarene ind i programmet med: spredning fase tjek --rolle dele"
    )
    reusing = Org(tmp_path / "aeroe", tmp_path, sharing.run_cli)  # the reusing side: its own is genbruge
    assert reusing.import_(sharing.export())[0] == 0
    path = tmp_path / "eget.docx"
    said = flat(reusing.ok("arbejdsark", "--tom", "--rolle", "genbruge", "--fase", "tjek", "--ud", str(path)))
    assert said.endswith("Skriv bagefter svarene ind i programmet med: spredning fase tjek --rolle genbruge")
    said = flat(reusing.ok("arbejdsark", "--tom", "--rolle", "dele", "--fase", "tjek", "--ud", str(path)))
    assert "I kan også sende det til Odense Kommune" in said


def test_an_empty_worksheet_in_english(sharing):
    code, out, err = sharing("--sprog", "en", "arbejdsark", "--fase", "tjek", "--tom", "--ud", "ark.docx")
    assert code == 0, err
    assert "The sheet has no answers, so it can be printed and used at a workshop." in flat(out)
    code, out, err = sharing(
        "--sprog", "en", "arbejdsark", "--fase", "tjek", "--tom", "--rolle", "dele", "--ud", "eget.docx"
    )
    assert code == 0, err
    assert "After each tool you can mark your readiness" in flat(out)
    assert flat(out).endswith(
        "type the answers into the program with: spredning --sprog en fase check --rolle dele"
    )


def test_a_worksheet_made_in_english_says_so_and_gives_the_command_for_a_danish_one(sharing):
    """A trial: the English edition made an English sheet for a Danish partner without a word."""
    import shlex

    path = sharing.files / "ark en.docx"
    out = flat(
        sharing.ok("--sprog", "en", "arbejdsark", "--fase", "check", "--fase", "harvest", "--ud", str(path))
    )

    said = "The worksheet is in English, as this program is. If Ærø Kommune reads Danish, make it in Danish: "
    assert said in out
    command = out.split(said)[1]
    assert (
        command == f"spredning --sprog da arbejdsark --fase tjek --fase hoest --ud {shlex.quote(str(path))}"
    )
    assert "The worksheet is in English" not in flat(make(sharing)[1])  # not said in Danish
    danish = flat(sharing.ok(*shlex.split(command)[1:]))  # the command given, as a user runs it
    assert "Arbejdsark skrevet" in danish and "The worksheet" not in danish
    assert "Arbejdsark til Ærø Kommune" in Document(str(path)).sections[0].header.paragraphs[0].text


def test_the_default_name_names_phase_and_side_and_a_rerun_replaces_its_own_file(sharing, tmp_path):
    out = sharing.ok("arbejdsark", "--fase", "tjek", "--rolle", "genbruge")
    assert (tmp_path / "genoptraening-aeroe-arbejdsark-tjek-genbruge.docx").is_file()
    out = sharing.ok("arbejdsark", "--fase", "tjek", "--rolle", "genbruge")
    assert "erstattet" in flat(out)
    other = tmp_path / "genoptraening-aeroe-arbejdsark.docx"
    other.write_bytes(b"somebody else's")
    code, _, err = sharing("arbejdsark")
    assert code != 0 and "findes allerede" in flat(err)
    assert other.read_bytes() == b"somebody else's"


def test_a_worksheet_cannot_be_written_into_the_projects_folder(sharing):
    code, _, err = sharing("arbejdsark", "--ud", str(sharing.home / "ark.docx"))
    assert code != 0 and not (sharing.home / "ark.docx").exists()
    assert "projekt" in flat(err).lower()


# --- reading it back ----------------------------------------------------------------------------


def test_an_unchanged_worksheet_imports_as_all_unchanged_and_changes_no_answer(sharing):
    path, _ = make(sharing)
    before = sharing.path.read_bytes()
    out = import_(sharing, path)
    assert "Arbejdsark til Ærø Kommune" in out  # made for them; not filled in by anyone yet
    assert "0 tilføjede, 0 opdaterede, 2 uændrede, 0 konflikter" in out  # the two answers there are
    assert sharing.path.read_bytes() == before


def test_a_filled_worksheet_round_trips_paragraphs_line_breaks_and_lists(sharing):
    path, _ = make(sharing)
    sheet = Sheet.read(path)
    lists = (bullet("billigt"), bullet("nemt"), bullet("under-punkt", 1))
    sheet.fill(N_G1, "Ja, meget.", "Første linje\nanden linje", "", "Tre grunde:", *lists)
    sheet.fill(N_D2, "Træning hjemme, også om aftenen")  # the partner edits our answer
    sheet.fill(N_D1)  # and empties another: a deletion
    sheet.fill(N_G2, "ikke relevant - vi har andre behov")
    sheet.save(path)
    out = import_(sharing, path)
    assert "2 tilføjede, 1 opdateret, 1 fjernet, 0 uændrede, 0 konflikter" in out
    texts = sharing.texts()
    assert (
        texts[G1]
        == "Ja, meget.\nFørste linje\nanden linje\n\nTre grunde:\n- billigt\n- nemt\n  - under-punkt"
    )
    assert texts[D2] == "Træning hjemme, også om aftenen"
    assert D1 not in texts
    answer = sharing.project().dialogue(sharing.project().partners[0]).answer(G2)
    assert answer.not_relevant and answer.text == "vi har andre behov"
    entry = sharing.project().entry(("aeroe-kommune", G1))
    assert entry.answer.source == "" and any(copy.startswith("w") for copy, _ in entry.answer.version)


def test_a_numbered_list_keeps_its_numbers_and_a_bulleted_one_its_dashes(sharing):
    path, _ = make(sharing)
    sheet = Sheet.read(path)
    steps = sheet.numbered_list(("decimal", "lowerLetter", "decimal"))
    later = sheet.numbered_list(start=4)
    dots = sheet.numbered_list(("bullet", "decimal"))  # LibreOffice fills a bullet list's levels so
    sheet.fill(
        N_G1,
        "Tre trin:",
        item("Ring", steps),
        item("Mød op", steps),
        item("med kaffe", steps, 1),  # a letter, not a number: a dash
        item("og kage", steps, 1),
        item("Skriv", steps),
        item("først dette", steps, 2),
        item("så dette", steps, 2),
        "Imellem",
        item("Fortsæt", steps),
        bullet("et punkt"),
        item("Fra fire", later),
        item("Prik", dots),
        item("under-prik", dots, 1),
    )
    sheet.fill(N_G2, "Ordnet:", paragraph("Nummer et", "ListNumber"), paragraph("Nummer to", "ListNumber"))
    sheet.save(path)
    import_(sharing, path)
    texts = sharing.texts()
    assert texts[G1] == (
        "Tre trin:\n1. Ring\n2. Mød op\n  - med kaffe\n  - og kage\n3. Skriv\n    1. først dette\n"
        "    2. så dette\nImellem\n4. Fortsæt\n- et punkt\n4. Fra fire\n- Prik\n  - under-prik"
    )
    assert texts[G2] == "Ordnet:\n1. Nummer et\n2. Nummer to"  # Word's "List Number" style


def test_soft_and_non_breaking_hyphens_written_as_elements_are_kept(sharing):
    """Word (Ctrl+-, Ctrl+Shift+-) and LibreOffice (outside a control) write them as elements, not text."""
    path, _ = make(sharing)
    sheet = Sheet.read(path)
    line = paragraph("", "Svarfelt")
    for part in ("bin", "softHyphen", "de", "noBreakHyphen", "streg"):
        if part.endswith("Hyphen"):
            line.append(el("r"))
            line[-1].append(el(part))
        else:
            line.append(run(part))
    sheet.fill(N_G1, line)
    sheet.save(path)
    import_(sharing, path)
    assert sharing.texts()[G1] == "bin\u00adde\u2011streg"


def test_spaces_at_the_end_of_a_line_are_not_saved_as_with_a_typed_answer(sharing):
    """README: invisible spaces at the end of a line are not saved; a worksheet's answer follows that rule."""
    path, _ = make(sharing)
    sheet = Sheet.read(path)
    sheet.fill(N_G1, "Tab\tadskilt\tlinje   ", "Linje med\nblødt linjeskift  ", "\tindrykket\t")
    sheet.fill(N_D2, "  Træning hjemme   ")  # only spaces around our answer: unchanged
    sheet.save(path)
    out = import_(sharing, path)
    assert "1 tilføjet, 0 opdaterede, 2 uændrede, 0 konflikter" in out
    texts = sharing.texts()
    assert texts[G1] == "Tab\tadskilt\tlinje\nLinje med\nblødt linjeskift\n\tindrykket\t"
    assert texts[D2] == "Træning hjemme"
    assert "linje   " not in sharing.path.read_text(encoding="utf-8")


def test_tables_pictures_and_text_outside_the_fields_are_reported_never_silently_dropped(sharing):
    path, _ = make(sharing)
    sheet = Sheet.read(path)
    sheet.fill(N_G1, "Se tabellen:", table(("Udgift", "Kr."), ("Licens", "1000")), "Og billedet:", picture())
    sheet.type_after(N_D2, "Husk at ringe til Ole")
    sheet.box(N_D3).addnext(picture())
    sheet.type_before_first("Hilsen fra Ærø")
    sheet.save(path)
    out = import_(sharing, path)
    question = "Er løsningen umiddelbart interessant for jer? Hvorfor?"
    assert f"Svar 4 ({question}): en tabel og et billede eller en figur i feltet er ikke taget med" in out
    where = "efter svar 2 (Hvad går løsningen ud på?)"
    assert f"Tekst uden for svarfelterne, {where}, er ikke taget med: »Husk at ringe til Ole«" in out
    where = "efter svar 3 (Hvordan forløb processen?)"
    assert f"Uden for svarfelterne, {where}, står et billede eller en figur; det er ikke taget med" in out
    assert "Tekst uden for svarfelterne, før det første spørgsmål, er ikke taget med: »Hilsen fra Ærø«" in out
    assert sharing.texts()[G1] == "Se tabellen:\nOg billedet:"
    assert "1 tilføjet" in out


def test_a_long_text_outside_the_fields_is_quoted_in_part_with_its_length(sharing):
    path, _ = make(sharing)
    Sheet.read(path).type_after(N_G2, "x" * 1000).save(path)
    out = import_(sharing, path)
    assert "(1000 tegn i alt; resten står i arket)" in out


def test_edits_on_both_sides_become_a_conflict_and_nothing_is_lost(sharing):
    path, _ = make(sharing)
    sharing.answer({D2: "Odense retter bagefter"})
    Sheet.read(path).fill(N_D2, "Ærø retter i arket").save(path)
    out = import_(sharing, path, "--ikke-interaktiv")
    assert "1 konflikt" in out and "0 opdaterede" in out
    assert sharing.texts()[D2] == "Odense retter bagefter"
    assert sharing.others() == {D2: ["Ærø retter i arket"]}


def test_a_change_made_here_after_the_worksheet_was_sent_stays_when_the_field_is_untouched(sharing):
    path, _ = make(sharing)
    sharing.answer({D2: "Odense retter bagefter"})
    out = import_(sharing, path)
    assert "0 konflikter" in out
    # found in a trial: the field left as it was made was listed as an older version skipped, right
    # after the words that no field had changed since the sheet was made
    assert "ældre" not in out and "Springes over" not in out, out
    assert sharing.texts()[D2] == "Odense retter bagefter"


def test_the_same_edited_worksheet_imported_twice_is_the_same_version(sharing):
    path, _ = make(sharing)
    Sheet.read(path).fill(N_G1, "Ja").fill(N_D2, "Ny tekst").save(path)
    import_(sharing, path)
    before = sharing.path.read_bytes()
    out = import_(sharing, path)
    assert "0 tilføjede, 0 opdaterede, 3 uændrede, 0 konflikter" in out
    assert sharing.path.read_bytes() == before


def test_a_worksheet_sent_back_again_with_more_edits_updates_instead_of_conflicting(sharing):
    path, _ = make(sharing)
    Sheet.read(path).fill(N_G1, "Ja").save(path)
    import_(sharing, path)
    Sheet.read(path).fill(N_G1, "Ja, og vi vil gerne i gang").fill(N_G2, "Ja").save(path)
    out = import_(sharing, path)
    assert "1 tilføjet, 1 opdateret" in out and "0 konflikter" in out
    assert sharing.texts()[G1] == "Ja, og vi vil gerne i gang"


def test_an_answer_changed_here_after_an_import_survives_the_same_worksheet_sent_again(sharing):
    path, _ = make(sharing)
    Sheet.read(path).fill(N_G1, "Ja").save(path)
    import_(sharing, path)
    sharing.answer({G1: "Ja (rettet af Odense efter en samtale)"}, "--rolle", "genbruge")
    Sheet.read(path).fill(N_G2, "Også").save(path)  # field 4 still says "Ja"
    out = import_(sharing, path)
    assert "0 konflikter" in out
    assert sharing.texts()[G1] == "Ja (rettet af Odense efter en samtale)"
    assert sharing.texts()[G2] == "Også"


def test_a_partner_who_puts_back_the_sent_text_is_not_heard_but_a_new_worksheet_is(sharing):
    """The price of "a field as sent changes nothing" (a second, untouched copy must not undo the
    first): the same worksheet cannot take an edit back to exactly the text it was sent with."""
    path, _ = make(sharing)
    Sheet.read(path).fill(N_D2, "Forkert rettelse").save(path)
    import_(sharing, path)
    Sheet.read(path).fill(N_D2, "Træning hjemme").save(path)
    out = import_(sharing, path)
    assert "0 opdaterede" in out and "0 konflikter" in out
    assert sharing.texts()[D2] == "Forkert rettelse"
    again, _ = make(sharing, name="igen.docx")
    Sheet.read(again).fill(N_D2, "Træning hjemme").save(again)
    out = import_(sharing, again)
    assert "1 opdateret" in out and "0 konflikter" in out
    assert sharing.texts()[D2] == "Træning hjemme"


def test_an_empty_worksheet_adds_new_answers_and_never_deletes(sharing):
    path, _ = make(sharing, "--tom")
    Sheet.read(path).fill(N_G1, "Fra workshoppen").save(path)
    out = import_(sharing, path)
    assert "1 tilføjet, 0 opdaterede, 0 uændrede, 0 konflikter" in out
    assert sharing.texts()[D1] == "Færre genindlæggelser"


def test_an_empty_worksheet_filled_where_we_have_an_answer_is_a_conflict(sharing):
    path, _ = make(sharing, "--tom")
    Sheet.read(path).fill(N_D1, "Et andet formål").save(path)
    out = import_(sharing, path, "--ikke-interaktiv")
    assert "1 konflikt" in out
    assert sharing.others() == {D1: ["Et andet formål"]}


def test_a_dry_run_lists_the_answers_and_the_notes_and_writes_nothing(sharing, tmp_path):
    path, _ = make(sharing)
    Sheet.read(path).fill(N_G1, "Ja").type_after(N_G1, "Ps.").save(path)
    before = tree(sharing.home)
    out = import_(sharing, path, "--tør")
    assert "Ville tilføje 1 svar" in out and "Er løsningen umiddelbart interessant" in out
    assert "»Ps.«" in out and "Prøvekørsel, intet er gemt" in out
    assert tree(sharing.home) == before


def test_a_deleted_field_leaves_its_answer_and_says_so(sharing):
    path, _ = make(sharing)
    Sheet.read(path).remove(N_D1).save(path)
    out = import_(sharing, path)
    assert "Svar 1 (Hvad er formålet?) er slettet fra arket; det svar er ikke ændret" in out
    assert sharing.texts()[D1] == "Færre genindlæggelser"


def test_a_copied_field_is_reported_and_the_original_counts(sharing):
    path, _ = make(sharing)
    Sheet.read(path).fill(N_G1, "Originalen").copy(N_G1, "Kopien").save(path)
    out = import_(sharing, path)
    assert "Svarfelt 4 findes to gange; kopien efter svar 4" in out and "»Kopien«" in out
    assert sharing.texts()[G1] == "Originalen"


def test_comments_and_tracked_changes_are_reported(sharing):
    from worksheet_kit import el, run

    path, _ = make(sharing)
    sheet = Sheet.read(path)
    inserted, deleted = el("ins", id="1", author="Ærø"), el("del", id="2", author="Ærø")
    inserted.append(run(" og nu"))
    gone = el("r")
    text = el("delText")
    text.text = "Træning hjemme"
    gone.append(text)
    deleted.append(gone)
    p = sheet.control(N_D2).find(".//{*}p")
    for r in p.findall("{*}r"):
        p.remove(r)
    p.append(deleted)
    p.append(run("Træning ude"))
    p.append(inserted)
    sheet.comment("Mette", "Skal vi tale om det?").save(path)
    out = import_(sharing, path)
    assert "Spor ændringer" in out and "Kommentar fra Mette" in out and "»Skal vi tale om det?«" in out
    assert sharing.texts()[D2] == "Træning ude og nu"


def test_words_placeholder_in_an_emptied_field_is_no_answer(sharing):
    from worksheet_kit import el

    path, _ = make(sharing)
    sheet = Sheet.read(path).fill(N_D1, "Klik eller tryk her for at skrive tekst.")
    sheet.control(N_D1).find("{*}sdtPr").append(el("showingPlcHdr"))
    sheet.save(path)
    import_(sharing, path)
    assert D1 not in sharing.texts()


def test_a_field_whose_tag_is_gone_is_found_by_its_title(sharing):
    path, _ = make(sharing)
    Sheet.read(path).fill(N_G1, "Uden mærke").without_tags().save(path)
    import_(sharing, path)
    assert sharing.texts()[G1] == "Uden mærke"


# --- who makes it, who fills it in --------------------------------------------------------------


def test_the_reusing_side_can_send_a_worksheet_to_the_sharing_side(sharing, tmp_path, run_cli):
    reusing = Org(tmp_path / "aeroe", tmp_path, run_cli)
    assert reusing.import_(sharing.export())[0] == 0
    path = tmp_path / "til-odense.docx"
    out = reusing.ok("arbejdsark", "--fase", "tjek", "--rolle", "dele", "--ud", str(path))
    assert "Send det til Odense Kommune" in flat(out)
    Sheet.read(path).fill(N_D3, "Vi startede i 2021").save(path)
    out = import_(reusing, path)
    assert "Arbejdsark udfyldt af Odense Kommune" in out and "1 tilføjet" in out
    assert reusing.texts()[D3] == "Vi startede i 2021"
    assert reusing.import_(sharing.export())[0] == 0  # and the histories still agree
    assert import_(sharing, reusing.export()).count("0 konflikter") == 1
    assert sharing.texts()[D3] == "Vi startede i 2021"


def test_with_several_partners_the_worksheet_is_for_one_of_them_and_only_shows_their_dialogue(
    sharing, tmp_path
):
    sharing.ok("projekt", "genbruger", "Fanø Kommune")
    sharing.answer({G1: "Ærøs svar"}, "--rolle", "genbruge", "--partner", "aeroe-kommune")
    code, _, err = sharing("arbejdsark", "--fase", "tjek")
    assert code != 0 and "Fanø Kommune" in flat(err)
    out = sharing.ok("arbejdsark", "--fase", "tjek", "--partner", "Fanø Kommune")
    path = tmp_path / "genoptraening-aeroe-arbejdsark-fanoe-kommune-tjek.docx"
    assert path.is_file() and "Send det til Fanø Kommune" in flat(out)
    sheet = Sheet.read(path)
    assert sheet.text(N_G1) == "" and b"rs svar" not in sheet.parts["word/document.xml"]
    sheet.fill(N_G1, "Fanøs svar").save(path)
    import_(sharing, path)
    project = sharing.project()
    assert project.dialogue(project.partner("fanoe-kommune")).text(G1) == "Fanøs svar"
    assert project.dialogue(project.partner("aeroe-kommune")).text(G1) == "Ærøs svar"


def test_another_partners_worksheet_is_refused_naming_that_organisation_not_a_side(
    sharing, tmp_path, run_cli
):
    sharing.ok("projekt", "genbruger", "Fanø Kommune")
    aeroe = Org(tmp_path / "aeroe", tmp_path, run_cli)
    assert aeroe.import_(sharing.export("--partner", "Ærø"))[0] == 0
    path, _ = make(sharing, "--partner", "Fanø", name="til-fanoe.docx")
    before = tree(aeroe.home)
    code, out, err = aeroe.import_(path)
    assert (code, out) == (1, "")
    assert "Arbejdsarket" in err and "til-fanoe.docx" in err.replace("\n", "")
    said = flat(err)
    assert "er til Fanø Kommune, men denne computer er sat til at være Ærø Kommune i projektet" in said
    assert "send det tilbage til Odense Kommune" in said  # a sheet is read where it was made
    assert "dele" not in flat(err).replace("den delende", "")
    assert tree(aeroe.home) == before

    aeroe.ok("projekt", "side", "genbruge", "--organisation", "Fanø Kommune")  # set to Fanø, which filled it
    before = tree(aeroe.home)
    code, out, err = aeroe.import_(path)
    assert code == 1 and "er lavet af Odense Kommune til jer" in flat(err)  # it goes back to Odense
    assert tree(aeroe.home) == before


def test_a_sheet_the_reusing_side_made_is_read_there_also_by_a_computer_set_wrongly_first(
    sharing, tmp_path, run_cli
):
    sharing.ok("projekt", "genbruger", "Fanø Kommune")
    fanoe = Org(tmp_path / "fanoe", tmp_path, run_cli)
    assert fanoe.import_(sharing.export("--partner", "Fanø"))[0] == 0
    path = tmp_path / "fanoe-til-odense.docx"
    fanoe.ok("arbejdsark", "--fase", "tjek", "--rolle", "dele", "--ud", str(path))
    aeroe = Org(tmp_path / "aeroe", tmp_path, run_cli)
    assert aeroe.import_(sharing.export("--partner", "Ærø"))[0] == 0
    code, _, err = aeroe.import_(path)
    said = flat(err)
    assert code == 1 and "er fra Fanø Kommune, men denne computer er sat til at være Ærø Kommune" in said
    assert 'projekt side genbruge --organisation "Fanø Kommune"' in said  # if the computer is set wrongly
    aeroe.ok("projekt", "side", "genbruge", "--organisation", "Fanø Kommune")  # the advice, followed
    assert aeroe.import_(path)[0] == 0


def test_a_worksheet_for_a_sharing_organisation_without_a_name_is_sent_to_it_in_words(tmp_path, run_cli):
    org = Org(tmp_path / "aeroe", tmp_path, run_cli)
    org.ok("start", "--navn", NAME, "--rolle", "genbruge", "--genbruger", "Ærø Kommune")
    out = flat(org.ok("arbejdsark", "--fase", "tjek", "--ud", str(tmp_path / "ark.docx")))
    assert "Send det til den delende organisation," in out and "til dele" not in out


def test_a_worksheet_needs_to_know_which_side_this_computer_is_on(tmp_path, run_cli):
    org = start_sharing(Org(tmp_path / "x", tmp_path, run_cli))
    (org.home / ".spredning" / f"{org.slug}.yaml").unlink()  # this computer's state, with its side, is gone
    code, _, err = org("arbejdsark")
    assert code != 0 and "hvilken side" in flat(err)


# --- the text conventions -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "not_relevant", "reason"),
    [
        ("Ikke relevant: vi er for små", True, "vi er for små"),
        ("ikke relevant. Ingen penge", True, "Ingen penge"),
        ("Ikke relevant", True, ""),
        ("IKKE RELEVANT – se mail", True, "se mail"),
        ("Ikke relevant\nDet er løst", True, "Det er løst"),
        ("Ikke relevant for os, fordi vi er små", False, "Ikke relevant for os, fordi vi er små"),
        ("  Et svar  \n\n", False, "Et svar"),
        ("linje   \nanden  \n\n", False, "linje\nanden"),
        ("Ikke relevant: for små   \nog langt væk  ", True, "for små\nog langt væk"),
    ],
)
def test_ikke_relevant_is_read_from_the_start_of_a_field(text, not_relevant, reason):
    from spredning.worksheet.answers import to_answer

    answer = to_answer(text)
    assert (answer.not_relevant, answer.text) == (not_relevant, reason)


def test_a_field_shows_what_the_reader_reads_back():
    from spredning.core.model import Answer
    from spredning.worksheet.answers import shown, to_answer

    for answer in (Answer("a\n\nb"), Answer("grund", True), Answer("", True), Answer("tab\there")):
        assert to_answer(shown(answer)).same_content(answer)
    assert shown(Answer("esc \x1b her")) == "esc ␛ her"


# --- the version rules, one field at a time ------------------------------------------------------


def _field(answer, number: int = 1, empty: bool = False):
    from spredning.core import history
    from spredning.worksheet.answers import normalise, shown
    from spredning.worksheet.record import FieldRecord, checksum

    text = "" if empty else shown(answer)
    version = None if empty else history.written(answer)
    return FieldRecord(number, ("", D1), version, checksum(normalise(text)))


def test_the_version_rules_of_one_field():
    from spredning.core import history
    from spredning.core.model import Answer, Entry
    from spredning.worksheet.returned import Earlier, field_answer

    ours = Answer("Formålet", version=(("aaaa1111", 2),))
    field, copy = _field(ours), "wabc"
    assert field_answer(field, "Formålet\n", Earlier(Entry(ours)), copy) == ours  # as sent
    first = field_answer(field, "Nyt formål", Earlier(Entry(ours)), copy)
    assert first == Answer("Nyt formål", version=(("aaaa1111", 2), ("wabc", 1)))
    # imported: the same text from the same worksheet is the same version, a newer one counts on
    known = history.written(first)
    assert field_answer(field, "Nyt formål", Earlier(Entry(first), known), copy) == first
    second = field_answer(field, "Nyere formål", Earlier(Entry(first), known), copy)
    assert second.version == (("aaaa1111", 2), ("wabc", 2))
    # changed here after the import: the worksheet's unchanged text is the older version it was
    here = Entry(Answer("Vores rettelse", version=(("aaaa1111", 3), ("wabc", 1))))
    assert field_answer(field, "Nyt formål", Earlier(here, known), copy) == first
    # what this computer remembers of the worksheet decides, when the project and `known` moved on
    settled = Entry(Answer("Begge", version=(("aaaa1111", 3), ("wabc", 2))))
    remembered = {history.checksum(first): 1, history.checksum(second): 2}
    assert field_answer(field, "Nyt formål", Earlier(settled, None, remembered), copy) == first
    assert field_answer(field, "Tredje", Earlier(settled, None, remembered), copy).version[-1] == ("wabc", 3)
    # back to the text it was sent with, after an edit was imported: as sent, so it says nothing
    # (an untouched copy must not undo the edit, nor be listed as an older version skipped)
    assert field_answer(field, "Formålet", Earlier(Entry(first), known, remembered), copy) is None
    assert field_answer(field, "", Earlier(Entry(ours)), copy) == Answer(
        "", version=(("aaaa1111", 2), ("wabc", 1))
    )


def test_a_field_of_an_empty_worksheet_says_nothing_until_it_is_filled():
    from spredning.core.model import Answer, Entry
    from spredning.worksheet.returned import Earlier, field_answer

    field = _field(Answer("Formålet", version=(("aaaa1111", 2),)), empty=True)
    assert field_answer(field, "  ", Earlier(Entry(Answer("Formålet"))), "wabc") is None
    assert field_answer(field, "Andet", Earlier(), "wabc") == Answer("Andet", version=(("wabc", 1),))


def test_a_history_too_long_for_a_project_file_is_left_out_with_a_note():
    from spredning.core import history
    from spredning.core.content import load_guide
    from spredning.core.model import Answer, Entry, Partner
    from spredning.worksheet.reader import Body, Field
    from spredning.worksheet.record import SheetRecord
    from spredning.worksheet.returned import returned

    crowded = Answer("Formålet", version=tuple((f"c{n:03d}", 1) for n in range(history.MAX_PAIRS)))
    record = SheetRecord(
        "0123456789abcdef", "3f2504e0-4f89-41d3-9a0c-0305e82c3301", NAME, "Odense Kommune", "dele",
        "aeroe-kommune", Partner("aeroe-kommune", "Ærø Kommune"), "2026-11-30", (_field(crowded),),
    )  # fmt: skip
    body = Body({1: Field(("Nyt",), frozenset(), False)}, ())
    result = returned(record, body, [], {("", D1): Entry(crowded)}, {}, load_guide(None))
    assert result.answers == {}
    assert [note.key for note in result.notes] == ["worksheet.note.too-many-copies"]
