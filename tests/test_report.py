"""report/: Markdown, HTML and Word reports share one structure and show every answer as typed."""

from __future__ import annotations

import datetime
import io
import itertools
import re
import subprocess
import sys
from html.parser import HTMLParser

import docx
import pytest
from docx.oxml.ns import qn
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from spredning import report
from spredning.core.content import load_guide
from spredning.core.errors import UsageProblem
from spredning.core.model import ROLE_TITLES, ROLES, Project
from spredning.core.textsafe import clean, has_unsafe
from spredning.report import common, markdown

TODAY = datetime.date(2026, 11, 27)
HOSTILE = (
    "# overskrift\r\n"
    "*fed* og _kursiv_ og `kode` og **mere**\r\n"
    "[link](http://x) ![billede](http://x/y.png) <http://x>\n"
    "<script>alert(1)</script>\n"
    "&amp; &lt; \\ slut\\\n"
    "[bold]x[/]\n"
    "\x1b[31mrød\x07 \u202eomvendt\n"
    "\n"
    "Ærø, æøå ÆØÅ\n"
    "- punkt\n"
    "1. punkt\n"
    "    indrykket\n"
    "> citat\n"
    "---\n"
    "===\n"
    "| a | b |"
)
HOSTILE_LINES = [line.strip() for line in clean(HOSTILE).split("\n") if line.strip()]


@pytest.fixture(scope="module")
def guide():
    return load_guide()


def make_project(guide, answers=None, **facts) -> Project:
    values = {
        "slug": "aeroe-kommune",
        "name": "Ærø Kommune",
        "description": "En app til\nvagtplaner",
        "sharing_org": "Ærø Kommune",
        "reusing_orgs": ("Fanø Kommune", "Læsø Kommune"),
    }
    values.update(facts)
    return Project(answers=answers or {}, **values)


def hostile_answers(guide) -> dict[str, str]:
    return {q.id: f"Svar til {q.id}\r\n{HOSTILE}" for q in guide.questions()}


@pytest.fixture(scope="module")
def filled(guide):
    return make_project(guide, hostile_answers(guide))


@pytest.fixture(scope="module")
def empty(guide):
    return make_project(guide)


class Page(HTMLParser):
    """Tags, headings and visible text of an HTML page (style and title left out)."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.headings: list[tuple[int, str]] = []
        self.texts: dict[str, list[str]] = {}
        self._open: list[list] = []
        self._parts: list[str] = []
        self._hidden = 0
        self.feed(source)
        self.close()
        self.text = "".join(self._parts)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._hidden += tag in ("style", "title")
        if tag == "br":
            self._parts.append("\n")
        elif tag not in ("meta", "img", "hr"):
            self._open.append([tag, ""])

    def handle_endtag(self, tag):
        self._hidden -= tag in ("style", "title")
        if self._open and self._open[-1][0] == tag:
            name, text = self._open.pop()
            self.texts.setdefault(name, []).append(text)
            if re.fullmatch("h[1-6]", name):
                self.headings.append((int(name[1]), text))

    def handle_data(self, data):
        if self._hidden:
            return
        self._parts.append(data)
        for element in self._open:
            element[1] += data

    def names(self) -> list[str]:
        return [tag for tag, _ in self.tags]


def render_markdown(source: str) -> Page:
    return Page(MarkdownIt("commonmark").render(source))


def docx_document(data: bytes):
    return docx.Document(io.BytesIO(data))


def docx_text(document) -> str:
    """The document's text in reading order, tables included."""
    parts = []
    for block in document.iter_inner_content():
        if isinstance(block, docx.table.Table):
            parts += [p.text for row in block.rows for cell in row.cells for p in cell.paragraphs]
        else:
            parts.append(block.text)
    return "\n".join(parts)


def visible_text(data: bytes, fmt: str) -> str:
    """What a reader sees: rendered Markdown, the HTML page's text, or the Word document's text."""
    if fmt == "md":
        return render_markdown(data.decode("utf-8")).text
    if fmt == "html":
        return Page(data.decode("utf-8")).text
    return docx_text(docx_document(data))


def make(guide, project, fmt, roles=ROLES, phases=None) -> bytes:
    return report.write_report(guide, project, fmt, roles, phases, TODAY)


def phase_headings(guide, phases=None):
    return [f"Fase {p.number}: {p.name}" for p in phases or guide.phases]


# --- The API ---------------------------------------------------------------------------------


def test_formats_and_default_filename():
    assert report.FORMATS == ("md", "html", "docx")
    assert report.default_filename("aeroe-kommune", "md") == "aeroe-kommune-rapport.md"
    assert report.default_filename("aeroe-kommune", "docx") == "aeroe-kommune-rapport.docx"


def test_unknown_format_or_side_is_a_usage_problem(guide, empty):
    with pytest.raises(UsageProblem, match="pdf"):
        make(guide, empty, "pdf")
    with pytest.raises(UsageProblem):
        report.default_filename("x", "pdf")
    with pytest.raises(UsageProblem):
        make(guide, empty, "md", roles=("begge",))
    with pytest.raises(UsageProblem):
        make(guide, empty, "md", roles=())


def test_danish_date():
    assert common.danish_date(TODAY) == "27. november 2026"
    assert common.danish_date(datetime.date(2027, 1, 5)) == "5. januar 2027"


def test_importing_report_does_not_import_python_docx():
    code = "import sys, spredning.report; print('docx' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_text_formats_are_utf8(guide, filled, fmt):
    assert "Ærø Kommune" in make(guide, filled, fmt).decode("utf-8")


def test_docx_is_a_zip(guide, filled):
    assert make(guide, filled, "docx").startswith(b"PK")


def test_outline_keeps_guide_order_for_chosen_phases(guide, empty):
    chosen = (guide.find_phase("hoest"), guide.find_phase("tjek"))
    outline = common.build_outline(guide, empty, ROLES, chosen, TODAY)
    assert [p.heading for p in outline.phases] == ["Fase 1: Tjek", "Fase 6: Høst"]
    assert [row.label for row in outline.progress][-1] == common.PROGRESS_TOTAL


# --- Content shared by every format ----------------------------------------------------------


@pytest.mark.parametrize("fmt", report.FORMATS)
def test_front_page(guide, empty, fmt):
    text = visible_text(make(guide, empty, fmt), fmt)
    for expected in (
        "Ærø Kommune",
        "En app til",
        "vagtplaner",
        "Fanø Kommune, Læsø Kommune",
        "27. november 2026",
        common.PROGRESS_HEADING,
    ):
        assert expected in text
    for role in ROLES:
        assert f"0/{len(guide.questions(role))}" in text
    assert common.EXAMPLE_NOTE not in text


@pytest.mark.parametrize("fmt", report.FORMATS)
def test_example_project_is_marked(guide, fmt):
    project = make_project(guide, example=True)
    text = visible_text(make(guide, project, fmt), fmt)
    assert f"{common.EXAMPLE_LABEL}: " in text.replace("EKSEMPEL", common.EXAMPLE_LABEL)
    assert common.EXAMPLE_NOTE in text


@pytest.mark.parametrize("fmt", report.FORMATS)
def test_source_and_closing(guide, empty, fmt):
    text = visible_text(make(guide, empty, fmt), fmt)
    assert "Kilde: Spredningsguiden, Center for Offentlig-Privat Innovation (2023)" in text
    assert guide.closing in text


@pytest.mark.parametrize("fmt", report.FORMATS)
def test_hostile_answers_show_literally(guide, filled, fmt):
    data = make(guide, filled, fmt)
    text = visible_text(data, fmt)
    for line in HOSTILE_LINES:
        assert line in text
    for raw in ("\x1b", "\x07", "\u202e", "\r"):
        assert raw not in text
    assert "æøå ÆØÅ" in text
    if fmt != "docx":
        assert not has_unsafe(data.decode("utf-8"))


@pytest.mark.parametrize("fmt", report.FORMATS)
def test_every_question_is_under_its_side(guide, filled, fmt):
    text = visible_text(make(guide, filled, fmt), fmt)
    for title in ROLE_TITLES.values():
        assert title in text
    for question in guide.questions():
        assert f"Svar til {question.id}" in text


def open_point(guide, question) -> str:
    for phase in guide.phases:
        for tool in phase.tools:
            for role in ROLES:
                if question in tool.questions(role):
                    return f"{ROLE_TITLES[role]} · {tool.title}: {question.text}"
    raise AssertionError(question.id)


@pytest.mark.parametrize("fmt", report.FORMATS)
def test_open_points_close_each_phase(guide, fmt):
    answered = {q.id: "Klaret." for q in guide.questions()[::2]}
    text = visible_text(make(guide, make_project(guide, answered), fmt), fmt)
    start = text.index(common.PROGRESS_TOTAL)
    bounds = [text.index(h, start) for h in phase_headings(guide)] + [text.index("Kilde: ")]
    for number, phase in enumerate(guide.phases):
        section = text[bounds[number] : bounds[number + 1]]
        assert common.OPEN_HEADING in section
        for role in ROLES:
            for question in phase.questions(role):
                assert (open_point(guide, question) in section) == (question.id not in answered)


@pytest.mark.parametrize("fmt", report.FORMATS)
def test_nothing_open_when_all_is_answered(guide, filled, fmt):
    text = visible_text(make(guide, filled, fmt), fmt)
    assert text.count(common.NO_OPEN_POINTS) == len(guide.phases)
    assert common.UNANSWERED not in text


@pytest.mark.parametrize("fmt", report.FORMATS)
def test_role_filter_shows_one_side(guide, filled, fmt):
    text = visible_text(make(guide, filled, fmt, roles=("dele",)), fmt)
    assert ROLE_TITLES["dele"] in text
    assert ROLE_TITLES["genbruge"] not in text
    for question in guide.questions("genbruge"):
        assert f"Svar til {question.id}" not in text
    for question in guide.questions("dele"):
        assert f"Svar til {question.id}" in text


@pytest.mark.parametrize("fmt", report.FORMATS)
def test_phase_filter(guide, filled, fmt):
    chosen = (guide.find_phase("hoest"), guide.find_phase("tjek"))
    text = visible_text(make(guide, filled, fmt, phases=chosen), fmt)
    assert text.index("Fase 1: Tjek") < text.index("Fase 6: Høst")
    assert "Fase 2: Test" not in text


# --- Markdown --------------------------------------------------------------------------------


def test_markdown_structure(guide, filled):
    page = render_markdown(make(guide, filled, "md").decode("utf-8"))
    assert [text for level, text in page.headings if level == 1] == ["Ærø Kommune"]
    assert [text for level, text in page.headings if level == 2] == [
        common.PROGRESS_HEADING,
        *phase_headings(guide),
        common.SOURCE_HEADING,
    ]
    assert set(page.texts["h4"]) == set(ROLE_TITLES.values())
    assert "Det har vi gjort" in page.texts["h5"]


def test_markdown_answers_never_become_markup(guide, filled):
    page = render_markdown(make(guide, filled, "md").decode("utf-8"))
    names = page.names()
    for tag in ("script", "a", "img", "code", "pre", "hr", "ol", "table", "h1"):
        assert names.count(tag) == (1 if tag == "h1" else 0), tag
    assert set(page.texts["em"]) == {common.REPORT_KIND}
    assert names.count("blockquote") == len(guide.questions())
    assert "<script>alert(1)</script>" in page.text


def test_markdown_keeps_line_breaks_and_paragraphs(guide, filled):
    source = make(guide, filled, "md").decode("utf-8")
    question = guide.questions()[0]
    assert f"> Svar til {question.id}\\\n> \\# overskrift\\\n" in source
    assert "\n>\n> Ærø, æøå ÆØÅ\\\n" in source
    assert "En app til\\\nvagtplaner" in source
    page = render_markdown(source)
    assert page.names().count("br") > len(guide.questions())


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab æ#*_`[]()<>&\\!-+=.1)|~:;'\"{}/\t\n ")), max_size=60))
def test_markdown_block_renders_any_text_literally(text):
    page = render_markdown("\n".join(markdown.block(text)))
    assert set(page.names()) <= {"p", "br"}

    def lines(value: str) -> list[str]:
        return [" ".join(line.split()) for line in value.split("\n") if line.strip()]

    assert lines(page.text) == lines(text)


# --- HTML ------------------------------------------------------------------------------------


def test_html_document_is_danish_and_self_contained(guide, filled):
    page = Page(make(guide, filled, "html").decode("utf-8"))
    assert page.tags[0] == ("html", {"lang": "da"})
    assert ("meta", {"charset": "utf-8"}) in page.tags
    names = page.names()
    for tag in ("script", "link", "img", "iframe", "object"):
        assert tag not in names
    assert not [attrs for _, attrs in page.tags if "src" in attrs or "href" in attrs]


def test_html_heading_hierarchy(guide, filled):
    page = Page(make(guide, filled, "html").decode("utf-8"))
    levels = [level for level, _ in page.headings]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(after <= before + 1 for before, after in itertools.pairwise(levels))
    assert [text for level, text in page.headings if level == 2] == [
        common.PROGRESS_HEADING,
        *phase_headings(guide),
        common.SOURCE_HEADING,
    ]
    assert page.texts["h3"] == [
        title
        for phase in guide.phases
        for title in (*(tool.title for tool in phase.tools), common.OPEN_HEADING)
    ]
    assert set(page.texts["h4"]) == set(ROLE_TITLES.values())


def test_html_escapes_answers_and_keeps_line_breaks(guide, filled):
    source = make(guide, filled, "html").decode("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in source
    assert "&amp;amp;" in source
    page = Page(source)
    question = guide.questions()[0]
    answers = page.texts["div"]
    assert len(answers) == len(guide.questions())
    assert answers[0].startswith(f"Svar til {question.id}\n# overskrift\n")
    assert "\n\nÆrø, æøå ÆØÅ\n" in answers[0]


def test_html_prints_well(guide, filled):
    source = make(guide, filled, "html").decode("utf-8")
    css = source[source.index("<style>") : source.index("</style>")]
    print_css = css[css.index("@media print") :]
    assert "page-break-before: always" in print_css and "section.phase" in print_css
    assert "break-inside: avoid" in print_css
    assert "white-space: pre-wrap" in css and "overflow-wrap: anywhere" in css


# --- Word ------------------------------------------------------------------------------------


def styled(document, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == style]


def test_docx_headings_use_built_in_styles(guide, filled):
    document = docx_document(make(guide, filled, "docx"))
    assert document.paragraphs[0].style.name == "Title"
    assert styled(document, "Title") == ["Ærø Kommune"]
    assert styled(document, "Heading 1") == [
        common.PROGRESS_HEADING,
        *phase_headings(guide),
        common.SOURCE_HEADING,
    ]
    tools = [tool.title for phase in guide.phases for tool in phase.tools]
    assert [t for t in styled(document, "Heading 2") if t != common.OPEN_HEADING] == tools
    assert styled(document, "Heading 2").count(common.OPEN_HEADING) == len(guide.phases)


def test_docx_core_properties_and_language(guide, filled):
    document = docx_document(make(guide, filled, "docx"))
    properties = document.core_properties
    assert properties.title == "Ærø Kommune"
    assert properties.author == "Ærø Kommune"
    assert properties.subject == "Spredningsguiden"
    assert properties.language == "da-DK"
    defaults = document.styles.element.find(qn("w:docDefaults"))
    default_lang = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    normal_lang = document.styles["Normal"].element.rPr.find(qn("w:lang"))
    assert default_lang.get(qn("w:val")) == normal_lang.get(qn("w:val")) == "da-DK"


def test_docx_author_defaults_to_spredning(guide):
    document = docx_document(make(guide, make_project(guide, sharing_org=""), "docx"))
    assert document.core_properties.author == "spredning"


def test_docx_sides_sit_side_by_side(guide, filled):
    document = docx_document(make(guide, filled, "docx"))
    tool_tables = document.tables[1:]
    assert len(tool_tables) == sum(len(phase.tools) for phase in guide.phases)
    for table in tool_tables:
        assert len(table.columns) == 2
        assert [cell.text for cell in table.rows[0].cells] == list(ROLE_TITLES.values())
    first = guide.phases[0].tools[0]
    cells = tool_tables[0].rows[1].cells
    for cell, role in zip(cells, ROLES, strict=True):
        question = first.questions(role)[0]
        texts = [p.text for p in cell.paragraphs]
        assert texts[0] == f"1. {question.text}"
        assert texts[1] == "\n".join([f"Svar til {question.id}", *HOSTILE_LINES[:7]])
        assert texts[2].startswith("Ærø, æøå ÆØÅ\n- punkt\n")
    assert cells[0].paragraphs[1]._p.xpath(".//w:br")


def test_docx_role_filter_has_no_side_by_side_tables(guide, filled):
    document = docx_document(make(guide, filled, "docx", roles=("genbruge",)))
    assert len(document.tables) == 1  # the progress table
    assert set(styled(document, "Heading 3")) == {ROLE_TITLES["genbruge"]}


def test_docx_survives_characters_xml_cannot_hold(guide):
    nasty = "a\x00b\x0bc\x1fd\ufffee\uffff f\ud800g\x7f\x85"
    project = make_project(guide, {guide.questions()[0].id: nasty}, name="Navn\x00\x1b")
    document = docx_document(make(guide, project, "docx"))
    assert "a␀b␋c␟d\ufffde\ufffd f\ufffdg␡<U+0085>" in docx_text(document)
    assert document.core_properties.title == "Navn␀␛"
    for fmt in ("md", "html"):
        assert "a␀b␋c␟d" in visible_text(make(guide, project, fmt), fmt)
