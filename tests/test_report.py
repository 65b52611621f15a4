"""Reports in every format from one project with both sides, conflicts, drafts and hostile text.

Each format is read back as a person's tools would read it (a CommonMark renderer, a strict
parser, python-docx, a PDF text extractor), and every answer must be there exactly as saved.
"""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as ET
import zipfile

import pytest
from report_fixture import FANOE, OEST, SHARING_ORG, TODAY, build
from report_reading import (
    css_rules,
    docx_answers,
    docx_paragraphs,
    expected_markdown,
    flat,
    html_answer_texts,
    html_texts,
    html_tree,
    markdown_quotes,
    open_docx,
    pdf_reader,
    pdf_text,
    printed_values,
)

from spredning.app.reports import make_report
from spredning.core.errors import UsageProblem
from spredning.core.outline import State, safe
from spredning.i18n import t
from spredning.report import pdf as pdf_writer
from spredning.report import render
from spredning.report.document import (
    AnswerBox,
    Bullets,
    Contents,
    Document,
    Heading,
    PageBreak,
    Paragraph,
    Part,
    QuestionItem,
)
from spredning.report.pdf import printable

FORMATS = ("md", "html", "docx", "pdf")


@pytest.fixture(scope="module")
def fx(tmp_path_factory):
    return build(tmp_path_factory.mktemp("rapport"))


@pytest.fixture(scope="module")
def reports(fx):
    """The Fanø dialogue's report in every format, written by the sharing organisation."""
    partner = fx.project().partner(fx.fanoe_key)
    return {fmt: make_report(fx.sharing, fmt=fmt, partner=partner, today=TODAY) for fmt in FORMATS}


def fanoe_texts(fx) -> list[str]:
    """Every text the Fanø dialogue holds, cleaned as every report shows it (both conflict versions)."""
    project = fx.project()
    texts = []
    for (where, _qid), answer in fx.answers.items():
        if where in ("", fx.fanoe_key) and answer.text and (where, _qid) != ("", fx.variant):
            texts.append(answer.text)
    for ours, theirs in fx.conflicts.values():
        texts += [ours, theirs]
    assert project.entry(("", fx.variant)) is None  # the variant lives in Fanø's dialogue only
    return [safe(text).strip("\n").rstrip() for text in dict.fromkeys(texts)]


# -- the outline ------------------------------------------------------------------------------------


def test_the_fixture_has_what_the_reports_must_show(fx):
    project = fx.project()
    assert sum(1 for _, e in project.entries() if e.in_conflict) == 2
    assert any(a.not_relevant and a.text for a in fx.answers.values())
    assert any(a.not_relevant and not a.text for a in fx.answers.values())


def test_conflicts_keep_both_versions_with_their_organisations(fx):
    from spredning.core.outline import Scope, build_outline

    opened = fx.sharing.open()
    partner = opened.project.partner(fx.fanoe_key)
    outline = build_outline(fx.sharing.guide, opened.project.dialogue(partner), Scope(), writer="dele")
    assert len(outline.conflicts) == 2
    for mark in outline.conflicts:
        assert mark.answer.state is State.CONFLICT
        sources = [v.source for v in mark.answer.versions]
        assert sources == ["dele", fx.fanoe_key]
        texts = tuple(v.text for v in mark.answer.versions)
        assert texts in fx.conflicts.values()


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_answer_is_lost_or_altered(fx, reports, fmt):
    raw = reports[fmt].content
    texts = fanoe_texts(fx)
    if fmt == "md":
        quotes = markdown_quotes(raw.decode("utf-8"))
        for text in texts:
            assert expected_markdown(text) in quotes, text
    elif fmt == "html":
        shown = html_texts(html_tree(raw))
        for text in texts:
            assert text in shown, text
    elif fmt == "docx":
        shown = docx_answers(open_docx(raw))
        for text in texts:
            assert text in shown, text
    else:
        shown = pdf_text(
            pdf_reader(raw), header="Affaldssortering <på> Ærø & Co · Rapport fra Spredningsguiden"
        )
        glued = "".join(shown.split())  # a PDF wraps long words where the line ends, like a space
        for text in texts:
            assert flat(printable(text)) in shown or "".join(printable(text).split()) in glued, text


@pytest.mark.parametrize("fmt", FORMATS)
def test_conflicts_are_shown_with_both_organisations_names(reports, fmt):
    text = _plain(reports[fmt].content, fmt)
    assert "Uafklaret konflikt: svaret findes i 2 udgaver" in text
    assert f"Udgaven hos {SHARING_ORG}:" in text
    assert f"Udgaven fra {FANOE}:" in text
    assert "Partnerens udgave" not in text
    assert "Afgør konflikten med: spredning konflikter" in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_summary_lists_progress_conflicts_drafts_not_relevant_and_next_steps(reports, fmt):
    text = _plain(reports[fmt].content, fmt)
    for words in (
        "Fremdrift",
        "Uafklarede konflikter",
        "Kladder, der ikke er gemt som svar",
        "Markeret som ikke relevant",
        "begrundelse: Ikke relevant på en ø.",
        "Næste skridt",
        "Afgør de 2 konflikter: spredning konflikter --partner fanoe-kommune",
        f"Skrevet af {SHARING_ORG}" if fmt in ("pdf", "docx") else "Skrevet af",
        "27. november 2026",
        "Spredningsguiden, Center for Offentlig-Privat Innovation (2023)",
    ):
        assert flat(words) in flat(text), words
    assert "En kladde, der ikke er gemt." not in text  # a draft's text stays on this computer


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_guides_help_is_there(reports, fmt):
    text = flat(_plain(reports[fmt].content, fmt))
    for words in (
        "Her finder I ud af, om det giver mening at sprede innovationen",  # a phase's purpose
        "Mål for Vi vil dele – Ærø Kommune",
        "Fortæl om innovationen og vis den frem.",  # a goal of the sharing side
        "Vurdér, hvad det vil kræve at genbruge innovationen.",  # a goal of the reusing side
        "Beskriv innovationen ultrakort",  # a tool's introduction
        "Fortæl ultrakort om innovationen og vis den frem.",  # a side's guidance
        "Hvorfor gik I i gang med innovationen?",  # a question's help point
        "De politiske visioner for området?",  # the points after "Hvordan passer innovationen med:"
    ):
        assert words in text, words


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_partner_variant_and_the_draft_are_marked(reports, fmt):
    text = flat(_plain(reports[fmt].content, fmt))
    assert f"Kun til {FANOE}: de bruger den på tablets." in text
    assert f"Svaret gælder kun {FANOE}." in text
    assert f"{SHARING_ORG} har en kladde til dette svar, som ikke er gemt endnu." in text
    assert OEST not in text.split("Kilde")[-1]  # another partner's answers are not in this dialogue
    assert "Øst svarer" not in text


# -- scope ------------------------------------------------------------------------------------------


def test_only_answered_leaves_open_questions_out_and_says_how_many(fx):
    partner = fx.project().partner(fx.fanoe_key)
    full = make_report(fx.sharing, fmt="md", partner=partner, today=TODAY)
    short = make_report(fx.sharing, fmt="md", partner=partner, only_answered=True, today=TODAY)
    text = short.content.decode("utf-8")
    assert "Ikke besvaret endnu." in full.content.decode("utf-8")
    assert "Ikke besvaret endnu." not in text
    left_out = re.search(r"kun besvarede spørgsmål \((\d+) ubesvarede spørgsmål er udeladt\)", text)
    assert left_out is not None
    total = len(fx.sharing.guide.questions())
    shown = text.count("\n**") - 0
    assert int(left_out.group(1)) > total // 2 and shown > 0
    assert "Faserne Test, Tilpas og Fjern er udeladt, fordi intet i dem er besvaret endnu." in text
    assert short.default_name.endswith("-rapport-fanoe-kommune-besvarede.md")
    assert short.scope.partial and not full.scope.partial
    for text_ in fanoe_texts(fx):  # still every answer
        assert expected_markdown(text_) in markdown_quotes(text)


def test_several_phases_and_one_side(fx):
    partner = fx.project().partner(fx.fanoe_key)
    guide = fx.sharing.guide
    phases = (guide.find_phase("høst"), guide.find_phase("tjek"))
    made = make_report(fx.sharing, fmt="html", partner=partner, phases=phases, roles=("dele",), today=TODAY)
    root = html_tree(made.content)
    headings = ["".join(h.itertext()) for h in root.iter("h2")]
    assert "Fase 1: Tjek" in headings and "Fase 6: Høst" in headings
    assert not any(h.startswith(("Fase 2", "Fase 3", "Fase 4", "Fase 5")) for h in headings)
    text = "".join(root.itertext())
    assert "Rapporten viser kun faserne Tjek og Høst og siden Vi vil dele – Ærø Kommune." in text
    assert "Udsnit af rapporten fra Spredningsguiden" in text
    assert "Vi vil genbruge – Fanø Kommune" not in text.split("Indhold")[-1]
    assert made.default_name == f"{fx.slug}-rapport-fanoe-kommune-tjek-hoest-dele.html"


def test_a_full_report_has_its_plain_name(fx):
    made = make_report(fx.fanoe, fmt="pdf", today=TODAY)
    assert made.default_name == f"{fx.slug}-rapport.pdf"  # Fanø's copy knows only its own dialogue


def test_unknown_sides_and_formats_are_usage_errors(fx):
    with pytest.raises(UsageProblem) as problem:
        make_report(fx.sharing, fmt="odt", today=TODAY)
    assert problem.value.key == "report.unknown-format"
    with pytest.raises(UsageProblem):
        make_report(fx.sharing, fmt="md", roles=("begge",), today=TODAY)


def test_several_partners_and_none_chosen_is_a_choice_to_make(fx):
    from spredning.app.dialogue import PartnerChoice

    with pytest.raises(PartnerChoice) as choice:
        make_report(fx.sharing, fmt="md", today=TODAY)
    assert {p.name for p in choice.value.partners} == {FANOE, OEST}


# -- who writes ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_author_is_the_organisation_writing_the_report(fx, fmt):
    made = make_report(fx.fanoe, fmt=fmt, today=TODAY)
    assert _author(made.content, fmt) == FANOE
    sharing = make_report(fx.sharing, fmt=fmt, partner=fx.project().partner(fx.fanoe_key), today=TODAY)
    assert _author(sharing.content, fmt) == SHARING_ORG


def _author(raw: bytes, fmt: str) -> str:
    if fmt == "html":
        return next(m.get("content") for m in html_tree(raw).iter("meta") if m.get("name") == "author")
    if fmt == "docx":
        return open_docx(raw).core_properties.author
    if fmt == "pdf":
        return pdf_reader(raw).metadata.author
    match = re.search(r"\*\*Skrevet af:\*\* (.+)", raw.decode("utf-8"))
    return match.group(1) if match else ""


# -- the overview ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_overview_shows_every_partner_where_they_are_and_their_conflicts(fx, fmt):
    made = make_report(fx.sharing, fmt=fmt, overview=True, today=TODAY)
    assert made.default_name == f"{fx.slug}-oversigt.{fmt}"
    text = flat(_plain(made.content, fmt))
    assert "Oversigt over dialogerne med de genbrugende organisationer" in text
    assert FANOE in text and OEST in text
    assert "Er i fasen Tjek" in text
    assert "Afgør de 2 konflikter: spredning konflikter --partner fanoe-kommune" in text
    # the shared answer's conflict came from Fanø, so it is Fanø's to settle, not Øst's
    assert "konflikter --partner oest-kommune-co-a-s" not in text
    for text_ in fanoe_texts(fx):  # management sees progress, not the answers
        assert flat(text_)[:40] not in text


def test_the_overview_is_for_the_sharing_organisation(fx):
    with pytest.raises(UsageProblem) as problem:
        make_report(fx.fanoe, fmt="md", overview=True, today=TODAY)
    assert problem.value.key == "report.overview-not-here"


# -- format structure ---------------------------------------------------------------------------------


def test_word_is_a4_with_danish_margins_header_footer_and_contents(reports):
    raw = reports["docx"].content
    document = open_docx(raw)
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert [round(m.cm, 1) for m in (section.top_margin, section.bottom_margin)] == [3.0, 3.0]
    assert [round(m.cm, 1) for m in (section.left_margin, section.right_margin)] == [2.0, 2.0]
    assert "Affaldssortering <på> Ærø & Co" in section.header.paragraphs[0].text
    footer = section.footer._element.xml
    assert 'w:instr="PAGE"' in footer and 'w:instr="NUMPAGES"' in footer
    body = document.element.xml
    assert 'TOC \\o "1-2"' in body and 'w:dirty="true"' in body
    styles = [style for style, _ in docx_paragraphs(document)]
    assert styles.count("Heading 1") == 7  # six phases and the source
    assert "Heading 2" in styles and "Title" in styles
    phase_headings = [text for style, text in docx_paragraphs(document) if style == "Heading 1"]
    assert phase_headings[0] == "Fase 1: Tjek"
    properties = document.core_properties
    assert properties.title == "Affaldssortering <på> Ærø & Co"
    assert properties.language == "da-DK"
    with zipfile.ZipFile(__import__("io").BytesIO(raw)) as package:
        app = package.read("docProps/app.xml").decode("utf-8")
        assert "<Application>spredning</Application>" in app and "Macintosh" not in app
        assert not [n for n in package.namelist() if "thumbnail" in n]
        styles_xml = package.read("word/styles.xml").decode("utf-8")
        assert 'w:val="da-DK"' in styles_xml


def test_word_keeps_the_two_column_side_tables_with_shaded_headers(reports):
    document = open_docx(reports["docx"].content)
    headers = [
        [cell.text for cell in table.rows[0].cells]
        for table in document.tables
        if table.rows[0].cells[0].text.startswith("Vi vil dele")
    ]
    assert ["Vi vil dele – Ærø Kommune", "Vi vil genbruge – Fanø Kommune"] in headers
    table = next(t for t in document.tables if t.rows[0].cells[0].text.startswith("Vi vil dele"))
    assert 'w:fill="DDE7F2"' in table.rows[0].cells[0]._tc.xml
    assert "w:tblHeader" in table.rows[0]._tr.xml
    assert "w:tblCellMar" in table._tbl.xml


def test_word_defines_every_style_it_names_and_no_unused_template_style(reports):
    # the template's unused styles are left out (python-docx reads them all for every paragraph);
    # what the document, its header and footer, the styles and the list numbering name must be there
    # (stylesWithEffects.xml is the template's own copy of its styles for Word 2010, untouched)
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    references = ("pStyle", "rStyle", "tblStyle", "basedOn", "link", "next", "styleLink", "numStyleLink")
    with zipfile.ZipFile(__import__("io").BytesIO(reports["docx"].content)) as package:
        styles = ET.fromstring(package.read("word/styles.xml"))
        defined = {style.get(f"{w}styleId"): style for style in styles.iter(f"{w}style")}
        named = set()
        for name in package.namelist():
            if name.startswith("word/") and name.endswith(".xml") and "WithEffects" not in name:
                root = ET.fromstring(package.read(name))
                named |= {e.get(f"{w}val") for tag in references for e in root.iter(f"{w}{tag}")}
    assert {"Svar", "Spørgsmål", "Hjælp,punkt", "Heading1", "Title", "TableGrid", "toc1"} <= named
    assert named <= set(defined), sorted(named - set(defined))
    assert "LightShading" not in defined and "IntenseQuote" not in defined
    answer = defined["Svar"].find(f"{w}pPr/{w}pBdr/{w}left")
    assert answer is not None and answer.get(f"{w}color") == "1F4E79"  # the rule at an answer's left


def test_html_is_well_formed_with_print_rules_contents_and_anchors(reports):
    raw = reports["html"].content
    root = html_tree(raw)
    assert root.get("lang") == "da"
    assert not list(root.iter("script"))
    style = "".join(next(root.iter("style")).itertext())
    assert "size: A4" in style and "counter(pages)" in style and "@bottom-right" in style
    ids = {element.get("id") for element in root.iter() if element.get("id")}
    links = [a.get("href") for a in root.iter("a")]
    assert links and all(link[1:] in ids for link in links)
    assert "#fase-tjek" in links and "#fase-hoest" in links


KEEP_WITH_NEXT = {"avoid", "avoid-page"}


def test_html_in_print_lets_long_answers_break_and_keeps_headings_and_questions_with_what_follows(reports):
    """Issue 13: a long answer must not be pushed whole to the next page, leaving the question alone."""
    root = html_tree(reports["html"].content)
    rules = css_rules("".join(next(root.iter("style")).itertext()))
    parents = {child: parent for parent in root.iter() for child in parent}

    def printed(element, *properties):
        return printed_values(rules, element, parents, *properties)

    texts = html_answer_texts(root)
    assert len(texts) > 10
    for text in texts:  # an answer's text, its box and everything around them may break inside
        node = text
        while node is not None:
            assert "avoid" not in printed(node, "break-inside", "page-break-inside"), node.attrib
            node = parents.get(node)
        orphans = printed(text, "orphans")  # ... leaving at least two lines under the question
        assert orphans and all(int(n) >= 2 for n in orphans)
    headings = [e for e in root.iter() if e.tag in ("h1", "h2", "h3", "h4", "h5", "h6")]
    assert {h.tag for h in headings} >= {"h1", "h2", "h3", "h4", "h5"}
    for heading in headings:
        assert printed(heading, "break-after", "page-break-after") & KEEP_WITH_NEXT, (
            heading.tag,
            heading.text,
        )
    questions = [div for div in root.iter("div") if (div.get("class") or "").split() == ["question"]]
    assert questions
    for question in questions:  # the question and its help points stay with the start of the answer
        children = list(question)
        first_answer = next(
            i for i, c in enumerate(children) if c.tag == "div" or "open" in (c.get("class") or "")
        )
        for child in children[:first_answer]:
            assert printed(child, "break-after", "page-break-after") & KEEP_WITH_NEXT, child.tag


def test_markdown_escapes_only_what_would_be_markup(reports):
    text = reports["md"].content.decode("utf-8")
    assert "> Nord & Co <A/S> samarbejder med Øst_Kommune om 2 * 3 ting.\\" in text
    assert "<https://example.dk/side?id=1&x=2_y>" in text
    assert "%5C" not in text
    assert "> - få borgerne hurtigere i gang" in text
    assert "27. november 2026" in text
    tokens = __import__("report_reading").markdown_parser().parse(text)
    assert sum(1 for t in tokens if t.type == "bullet_list_open") > 3


def test_pdf_is_a4_with_a_bookmark_per_phase_embedded_fonts_and_page_numbers(reports):
    reader = pdf_reader(reports["pdf"].content)
    for page in reader.pages:
        box = page.mediabox
        assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    top = [item.title for item in reader.outline if not isinstance(item, list)]
    assert [t for t in top if t.startswith("Fase")] == [
        "Fase 1: Tjek",
        "Fase 2: Test",
        "Fase 3: Tilpas",
        "Fase 4: Fjern",
        "Fase 5: Brug",
        "Fase 6: Høst",
    ]
    fonts = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor.get_object()
            fonts.add(font.get_object()["/BaseFont"])
    assert len(fonts) >= 2
    pages = len(reader.pages)
    first = flat(reader.pages[0].extract_text())
    assert f"Side 1 af {pages}" in first
    assert flat(reader.pages[-1].extract_text()).endswith(f"Side {pages} af {pages}")
    assert reader.metadata.title == "Affaldssortering <på> Ærø & Co"
    text = pdf_text(reader)
    for character in "æøåÆØÅ–“”‘’•":
        assert character in text


def _paper(blocks) -> Document:
    """A small document straight to the writers, with the report's page label."""
    return Document(
        title="Prøve",
        subtitle="",
        author=SHARING_ORG,
        subject="",
        date="27. november 2026",
        day=TODAY,
        header="Prøve",
        page_label=t("report.page-label", page="{page}", pages="{pages}"),
        language="da-DK",
        blocks=tuple(blocks),
    )


@pytest.mark.parametrize("pages", [1, 4, 12, 103])
def test_every_pdf_page_says_which_page_of_how_many(pages):
    # the count is written in once the last page is done, in room for as many digits as it has
    blocks = [Paragraph("Første side.")]
    for number in range(2, pages + 1):
        blocks += [PageBreak(), Paragraph(f"Side nummer {number}.")]
    reader = pdf_reader(render(_paper(blocks), "pdf"))
    assert len(reader.pages) == pages
    for number, page in enumerate(reader.pages, start=1):
        assert flat(page.extract_text()).endswith(f"Side {number} af {pages}")


def test_a_pdf_shows_every_text_as_typed_even_what_looks_like_a_page_count_field():
    typed = "Skriv {nb}, {pages} eller {page} her; og \ue000 er et tegn uden glyf."
    question = QuestionItem("1", "Spørgsmål", (), AnswerBox("answer", (Part("", typed),)))
    text = pdf_text(pdf_reader(render(_paper([question]), "pdf")))
    assert "Skriv {nb}, {pages} eller {page} her; og <U+E000> er et tegn uden glyf." in text


def test_pdf_shows_a_character_its_font_lacks_as_its_code_point():
    assert printable("a\u241bb 中") == "a<U+241B>b <U+4E2D>"
    assert printable("Ærø – “citat” • æøå") == "Ærø – “citat” • æøå"


def test_pdf_shows_a_tab_as_spaces_and_a_line_separator_as_a_break():
    assert printable("Opgave\tAnsvarlig") == "Opgave    Ansvarlig"
    assert printable("før\u2028efter\u2029næste", "B") == "før\nefter\nnæste"


def test_the_pdf_libraries_log_records_stay_out_of_the_log_while_a_pdf_is_made(monkeypatch, caplog):
    """fpdf2 logs a glyph it cannot print; printable() leaves none, so one is made to reach it here."""
    monkeypatch.setattr(pdf_writer, "printable", lambda text, style="": text)
    question = QuestionItem("1", "Spørgsmål", (), AnswerBox("answer", (Part("", "a\tb"),)))

    with caplog.at_level(logging.DEBUG):
        raw = render(_paper([question]), "pdf")

    assert raw.startswith(b"%PDF-")
    assert caplog.records == []
    for name in ("fpdf", "fontTools"):  # as they were, after the PDF
        assert logging.getLogger(name).propagate and logging.getLogger(name).handlers == []


def test_the_word_contents_list_each_heading_once_and_no_empty_entry_after_the_source(reports):
    """The table of contents field ends in its last entry's paragraph: a paragraph of its own was an
    empty entry under "Kilde", the last heading."""
    document = open_docx(reports["docx"].content)
    paragraphs = docx_paragraphs(document)
    entries = [(style, text) for style, text in paragraphs if style.startswith("toc")]
    headings = [(style, text) for style, text in paragraphs if style in ("Heading 1", "Heading 2")]

    assert entries == [(style.replace("Heading", "toc"), text) for style, text in headings]
    assert entries[-1] == ("toc 1", "Kilde")
    body = document.element.xml
    assert body.count('w:fldCharType="begin"') == body.count('w:fldCharType="end"')
    last = next(p for p in reversed(document.paragraphs) if p.style.name.startswith("toc"))
    assert 'w:fldCharType="end"' in last._p.xml  # the field is whole: it ends where the list does


def test_no_text_with_control_characters_stops_a_word_document():
    """Every text goes into Word through one XML-safe place, also a heading in the table of contents:
    a control character (typed or pasted into a name or an answer) is shown as its picture."""
    hostile = "Fan\x1bø \x07K\x00"
    blocks = [Contents(hostile), Heading(1, hostile, "partner-x"), Paragraph(hostile), Bullets((hostile,))]
    paper = _paper(blocks)._replace(title=hostile, subtitle=hostile, author=hostile, header=hostile)

    raw = render(paper, "docx")

    words = docx_paragraphs(open_docx(raw))
    assert ("toc 1", "Fan␛ø ␇K␀") in words  # the table of contents' entry, linked to the heading
    with zipfile.ZipFile(__import__("io").BytesIO(raw)) as package:
        assert not any("\x1b" in package.read(name).decode("utf-8", "replace") for name in package.namelist())


# -- helpers ------------------------------------------------------------------------------------------


def _plain(raw: bytes, fmt: str) -> str:
    """The words a reader sees, roughly: for checking that a sentence is there."""
    if fmt == "md":
        return raw.decode("utf-8").replace("\\", "").replace("*", "")
    if fmt == "html":
        return " ".join(html_tree(raw).itertext())
    if fmt == "docx":
        return "\n".join(text for _, text in docx_paragraphs(open_docx(raw)))
    return pdf_text(pdf_reader(raw))


def test_the_wheel_ships_the_pdf_fonts_and_their_licence(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path)],
        cwd=root,
        check=True,
        capture_output=True,
        timeout=120,
    )
    (wheel,) = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in (
        "DejaVuSansCondensed.ttf",
        "DejaVuSansCondensed-Bold.ttf",
        "DejaVuSansCondensed-Oblique.ttf",
    ):
        assert f"spredning/report/fonts/{name}" in names
    assert "spredning/report/fonts/LICENSE" in names
