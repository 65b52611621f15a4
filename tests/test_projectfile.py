"""projectfile.py: format 2 written and read back, hand edits noticed, format 1 migrated, errors named.

The store (test_store.py) adds locking, atomic writes and backups; here are the pure functions:
``serialise`` (a Project to bytes), ``loads`` (bytes to data) and ``parse`` (data to a Project).
"""

from __future__ import annotations

import tempfile
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from spredning import i18n
from spredning.core import filehead, history, projectfile, projectlegacy, projectwrite
from spredning.core.content import load_guide
from spredning.core.errors import ProjectFileError, SpredningError
from spredning.core.model import ROLES, SHARING, Answer, Entry, Layout, Partner, Project, layout, normalise
from spredning.core.store import Store

X = "tjek.beskriv.dele.x"
Y = "tjek.beskriv.dele.y"
ABOUT_THEM = "tjek.beskriv.dele.om-dem"  # a sharing-side question with per-partner variants
Z = "tjek.beskriv.genbruge.z"
W = "tjek.beskriv.genbruge.w"
LAYOUT = Layout(shared=(X, Y, ABOUT_THEM), dialogue=(Z, W, ABOUT_THEM))
PATH = Path("projekt.yaml")
COPY = "c0ffee00"
PROJECT_ID = "5b0c7f9e-1c2d-4e3f-8a9b-0c1d2e3f4a5b"


def words(exc: SpredningError) -> str:
    """An error as the user reads it."""
    return i18n.render(exc.message)


def read_back(raw: bytes, copy: str = COPY, layout: Layout = LAYOUT) -> projectfile.ParsedFile:
    return projectfile.parse(projectfile.loads(raw, PATH), PATH.stem, PATH, layout, copy)


def read_text(text: str, copy: str = COPY) -> projectfile.ParsedFile:
    return read_back(text.encode("utf-8"), copy)


def write(project: Project, layout: Layout = LAYOUT) -> bytes:
    return projectwrite.serialise(project, layout, PATH)


def project(**fields) -> Project:
    return Project(**{"id": PROJECT_ID, "slug": PATH.stem, "name": "Prøve", **fields})


# --- any project survives serialise -> parse unchanged -------------------------------------------

any_char = st.characters(exclude_categories=("Cs",))  # everything but lone surrogates
TRAPS = [
    "no", "~", "null", "12:30", "0123", "- a", "a: b", "# x", "|", ">", "&a", "*a", "!tag", "---", "...",
    "{a: b}", "[a]", "'", '"', "\\", "a\r\nb", "a\rb", "\x85", "\u2028", "\x00", "\x1b[2J", "\u202e",
    "æøå ÆØÅ", "👩\u200d💻", "\ufeff", "\uffff", "format: '2'", "version: 00000000 a:1", " foran",
    "bagved ", "linje\n", "\n\nforan", "  ", "\t", "tekst:\n  - x",
]  # fmt: skip
any_text = st.one_of(
    st.sampled_from(TRAPS),
    st.text(any_char, max_size=40),
    st.lists(st.one_of(st.sampled_from(TRAPS), st.text(any_char, max_size=8)), max_size=5).map("".join),
)
one_line = st.text(any_char, min_size=1, max_size=40).map(str.strip).filter(lambda t: t and "\n" not in t)
ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789"
word = st.text(ALNUM, min_size=1, max_size=8)
copy_id = st.text(ALNUM, min_size=1, max_size=16)
version = st.dictionaries(copy_id, st.integers(1, 999_999_999), max_size=4).map(
    lambda d: tuple(sorted(d.items()))
)
partner_key = st.lists(word, min_size=1, max_size=3).map("-".join).filter(lambda k: k != SHARING)
# "not relevant" with its reason, or a text (empty: a deleted answer, its history kept)
answer = st.builds(
    lambda text, not_relevant, version: Answer(text, not_relevant, version),
    any_text,
    st.booleans(),
    version,
)
other = st.builds(  # a conflicting version kept beside the answer, and where it came from
    lambda a, source: a._replace(source=source),
    answer,
    st.one_of(st.just(""), st.just(SHARING), partner_key),
)
entry = st.builds(lambda a, others: Entry(a, tuple(others)), answer, st.lists(other, max_size=2))
unknown_id = st.builds(
    "fremtid.{}.{}.{}".format, word, st.sampled_from(ROLES), st.text(ALNUM + "-", min_size=1)
)


def section(order: tuple[str, ...]):
    return st.dictionaries(st.one_of(st.sampled_from(order), unknown_id), entry, max_size=4)


@st.composite
def projects(draw) -> Project:
    keys = draw(st.lists(partner_key, unique=True, max_size=3))
    partners = tuple(Partner(key, draw(one_line)) for key in keys)
    return Project(
        id=str(uuid.UUID(int=draw(st.integers(0, 2**128 - 1)), version=4)),
        slug="projekt",
        name=draw(one_line),
        description=draw(st.text(any_char, max_size=60).map(str.strip)),  # facts are kept stripped
        sharing_org=draw(st.one_of(st.just(""), one_line)),
        partners=partners,
        example=draw(st.booleans()),
        guide_edition=draw(st.one_of(st.just("2023"), st.text(any_char, max_size=10))),
        shared=draw(section(LAYOUT.shared)),
        dialogues={key: draw(section(LAYOUT.dialogue)) for key in keys},  # a partner has one, maybe empty
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(original=projects())
@example(original=project(shared={X: Entry(Answer(" foran og bagved\n", version=(("a", 1),)))}))
@example(original=project(shared={X: Entry(Answer("  ", version=(("a", 1),)))}))  # blank: kept as written
@example(original=project(description="Linje\n\nslut", shared={X: Entry(Answer("x\n\n"))}))
def test_any_project_survives_serialise_and_parse_unchanged(original):
    raw = write(original)

    parsed = read_back(raw)

    assert parsed.project == original
    assert not parsed.legacy
    assert write(parsed.project) == raw  # and writing it again gives the same bytes
    with tempfile.TemporaryDirectory() as folder:
        assert Store(Path(folder), LAYOUT)._as_written(raw, Path(folder) / PATH)


@pytest.mark.parametrize("description", ["Linje\n\n", "\n", " foran", "|\n  x\n"])
def test_facts_are_read_back_without_surrounding_space(description):
    """A description ending in kept blank lines once ended the YAML document before 'svar:'."""
    original = project(description=description, shared={X: Entry(Answer("Svar", version=(("a", 1),)))})

    parsed = read_back(write(original))

    assert parsed.project == original._replace(description=description.strip())


def test_a_partner_without_answers_reads_as_an_empty_dialogue():
    partners = (Partner("aeroe", "Ærø Kommune"),)

    parsed = read_back(write(project(partners=partners)))

    assert parsed.project == project(partners=partners, dialogues={"aeroe": {}})


# --- the layout: every question keeps its line ---------------------------------------------------


def test_unanswered_questions_keep_their_own_line_in_guide_order():
    partners = (Partner("aeroe", "Ærø Kommune"), Partner("samsoe", "Samsø"))
    text = write(
        project(
            partners=partners,
            shared={Y: Entry(Answer("Svar", version=((COPY, 1),)))},
            dialogues={"samsoe": {W: Entry(Answer("Deres", version=(("s", 1),)))}},
        )
    ).decode("utf-8")

    lines = text.splitlines()
    checksum = history.checksum(Answer("Svar"))
    assert lines[lines.index("svar:") :] == [
        "svar:",
        "  # Vi vil dele",
        "  dele:",
        f"    {X}:",
        f"    {Y}:",
        "      tekst: Svar",
        f"      version: {checksum} {COPY}:1",
        f"    {ABOUT_THEM}:",
        "  genbruge:",
        "    # Vi vil genbruge",
        "    aeroe:",
        f"      {Z}:",
        f"      {W}:",
        f"      {ABOUT_THEM}:",
        "    samsoe:",
        f"      {Z}:",
        "      " + f"{W}:",
        "        tekst: Deres",
        f"        version: {history.checksum(Answer('Deres'))} s:1",
        f"      {ABOUT_THEM}:",
    ]


def test_answering_one_question_changes_only_its_own_lines():
    """So git merges two people's answers to neighbouring questions without a conflict."""
    before = write(project()).decode("utf-8").splitlines()
    after = write(project(shared={Y: Entry(Answer("Ny", version=((COPY, 1),)))})).decode("utf-8").splitlines()

    assert [line for line in after if line not in before] == [
        "      tekst: Ny",
        f"      version: {history.checksum(Answer('Ny'))} {COPY}:1",
    ]
    assert [line for line in before if line not in after] == []


def test_the_file_starts_with_format_2_and_the_facts_given():
    text = write(project(sharing_org="Odense Kommune", guide_edition="2023")).decode("utf-8")

    assert text.startswith(
        f"format: '2'\nid: {PROJECT_ID}\nguideudgave: '2023'\n"
        "projekt:\n  navn: Prøve\n  deler: Odense Kommune\nsvar:\n"
    )
    assert "beskrivelse" not in text and "genbrugere" not in text and "eksempel" not in text


def test_answers_to_questions_this_guide_lacks_come_after_the_known_ones():
    later = "fremtid.nyt.dele.spoergsmaal"
    original = project(shared={later: Entry(Answer("Fra en nyere guide")), X: Entry(Answer("Kendt"))})

    text = write(original).decode("utf-8")
    parsed = read_back(text.encode())

    assert text.index(f"    {ABOUT_THEM}:") < text.index(f"    {later}:")
    assert parsed.project == original


# --- an answer edited by hand counts as this copy's change ----------------------------------------

HEAD = f"format: '2'\nid: {PROJECT_ID}\nprojekt:\n  navn: Prøve\nsvar:\n  dele:\n"


def hand_written(item: str) -> str:
    return HEAD + f"    {X}:\n" + "".join(f"      {line}\n" for line in item.splitlines())


def test_an_untouched_answer_keeps_its_version():
    good = Answer("Fra programmet", version=(("a", 2), ("b", 1)))
    text = hand_written(f"tekst: Fra programmet\nversion: {history.written(good)}")

    assert read_text(text).project.shared[X] == Entry(good)


@pytest.mark.parametrize(
    "item",
    [
        pytest.param("tekst: Rettet i hånden\nversion: {written}", id="checksum-passer-ikke"),
        pytest.param("tekst: Rettet i hånden\nversion: a:2 b:1", id="uden-checksum"),
        pytest.param("tekst: Rettet i hånden", id="uden-version"),
        pytest.param("Rettet i hånden", id="bare-tekst"),
    ],
)
def test_an_answer_edited_by_hand_is_a_change_by_this_copy(item):
    old = Answer("Fra programmet", version=(("a", 2), ("b", 1)))
    text = hand_written(item.format(written=history.written(old)))

    edited = read_text(text, copy=COPY).project.shared[X].answer

    assert edited.text == "Rettet i hånden"
    if "a:2" in text:
        assert edited.version == (("a", 2), ("b", 1), (COPY, 1))
    else:
        assert edited.version == ((COPY, 1),)
    # never taken for the old version: the old one, coming back from a partner, does not replace it
    if "a:2" in text:
        assert history.compare(edited.version, old.version) is history.Order.AFTER
        assert history.integrate(Entry(edited), old) == (Entry(edited), history.Outcome.OLDER)
    else:  # no history left at all: the old version is kept beside it, for the user to decide
        merged, outcome = history.integrate(Entry(edited), old)
        assert outcome is history.Outcome.CONFLICT
        assert merged.answer == edited and merged.others == (old,)


def test_a_hand_edit_to_not_relevant_is_noticed_too():
    old = Answer("Begrundelse", version=(("a", 1),))
    text = hand_written(f"ikke-relevant: ja\nbegrundelse: Begrundelse\nversion: {history.written(old)}")

    edited = read_text(text).project.shared[X].answer

    assert edited == Answer("Begrundelse", not_relevant=True, version=(("a", 1), (COPY, 1)))


def test_a_hand_edit_reads_the_same_in_every_session_of_one_copy():
    """Reading is not changing: each read bumps from the file, not from the last read."""
    text = hand_written("tekst: Rettet\nversion: 00000000 a:1")

    assert read_text(text).project == read_text(text).project


def test_a_hand_edit_that_only_added_outer_space_is_not_a_change():
    good = Answer("Svar", version=(("a", 1),))
    text = hand_written(f"tekst: '  Svar  '\nversion: {history.written(good)}")

    assert read_text(text).project.shared[X] == Entry(good)


@pytest.mark.parametrize(
    ("item", "kept"),
    [
        pytest.param('tekst: "\\tAntal\\t12\\t"', "\tAntal\t12\t", id="edge-tabs"),
        pytest.param("tekst: |\n  Række 1\t  \n  \tRække 2\t\n", "Række 1\t\n\tRække 2\t", id="block"),
        pytest.param('"\\tbare tekst\\t  "', "\tbare tekst\t", id="bare-tekst"),
        pytest.param('tekst: "  Linje 1  \\r\\n  Linje 2\\n\\n"', "Linje 1\nLinje 2", id="spaces-and-crlf"),
        pytest.param('tekst: "  Linje 1  \\r\\nLinje 2"', "  Linje 1\nLinje 2", id="indented-first-line"),
    ],
)
def test_a_hand_edit_is_kept_by_the_same_rule_as_a_typed_answer(item, kept):
    """Tabs at the edges stay (a spreadsheet row's empty edge cells); the margin, line-end spaces and
    blank lines go; an indented first line over less indented ones keeps its indent."""
    edited = read_text(hand_written(item)).project.shared[X].answer

    assert edited.text == kept == normalise(kept)


def test_a_version_that_is_not_a_version_is_named():
    with pytest.raises(ProjectFileError) as caught:
        read_text(hand_written("tekst: x\nversion: ikke en version"))

    assert caught.value.key == "project.problem"
    assert caught.value.params["problem"].key == "project.bad-version"
    assert X in words(caught.value)


# --- format 1: read with every answer, migrated ---------------------------------------------------

LEGACY = f"""\
format: '1'
guideudgave: '2023'
projekt:
  navn: Gammelt projekt
  beskrivelse: Fra før historikken
  deler: Odense Kommune
  rolle: genbruge
  genbrugere:
  - Ærø Kommune
  - Samsø Kommune
svar:
  {X}: Vores formål
  {Z}: |
    Ja, meget
  {W}: ''
  fremtid.nyt.dele.spoergsmaal: Fra en nyere guide
konflikter:
  {X}: Deres formål
  {W}: Deres svar
fælles:
  {X}: Det fælles formål
"""


def test_a_format_1_file_keeps_every_answer():
    parsed = read_text(LEGACY)
    migrated = parsed.project

    assert parsed.legacy
    assert parsed.legacy_role == "genbruge"
    assert parsed.legacy_base == {X: "Det fælles formål"}
    assert migrated.id == projectlegacy.legacy_id("Gammelt projekt")
    assert (migrated.name, migrated.description, migrated.sharing_org, migrated.guide_edition) == (
        "Gammelt projekt",
        "Fra før historikken",
        "Odense Kommune",
        "2023",
    )
    assert migrated.partners == (
        Partner("aeroe-kommune", "Ærø Kommune"),
        Partner("samsoe-kommune", "Samsø Kommune"),
    )
    assert migrated.shared == {
        X: Entry(Answer("Vores formål"), (Answer("Deres formål", source="aeroe-kommune"),)),
        "fremtid.nyt.dele.spoergsmaal": Entry(Answer("Fra en nyere guide")),
    }
    # the reusing side's answers go to the first-named organisation's dialogue
    assert migrated.dialogues == {
        "aeroe-kommune": {
            Z: Entry(Answer("Ja, meget")),
            W: Entry(Answer(), (Answer("Deres svar", source=SHARING),)),
        }
    }


def test_format_1_answers_have_no_history_so_any_later_change_is_newer():
    old = read_text(LEGACY).project.shared[X].answer

    assert old.version == ()
    assert history.compare((("a", 1),), old.version) is history.Order.AFTER


def test_a_format_1_project_gets_the_same_identity_in_every_copy():
    assert read_text(LEGACY, copy="aaaaaaaa").project.id == read_text(LEGACY, copy="bbbbbbbb").project.id
    assert uuid.UUID(read_text(LEGACY).project.id)


def test_format_1_reusing_answers_without_organisations_get_one():
    text = f"format: '1'\nprojekt:\n  navn: X\n  rolle: genbruge\nsvar:\n  {Z}: Ja\n"

    migrated = read_text(text).project

    assert migrated.partners == (Partner("genbruger", ""),)
    assert migrated.dialogues == {"genbruger": {Z: Entry(Answer("Ja"))}}


def test_a_format_1_file_written_again_is_format_2():
    migrated = read_text(LEGACY).project

    again = read_back(write(migrated))

    assert not again.legacy
    assert again.project == migrated._replace(dialogues={**migrated.dialogues, "samsoe-kommune": {}})


# --- files that cannot be read are named, never guessed at ---------------------------------------

TOP = f"format: '2'\nid: {PROJECT_ID}\n"
GOOD2 = f"{TOP}projekt:\n  navn: X\n"


def in_entry(*lines: str) -> str:
    """A valid file whose one answer holds these lines."""
    return f"{GOOD2}svar:\n  dele:\n    {X}:\n" + "".join(f"      {line}\n" for line in lines)


BROKEN = [
    ("ingen-format", "projekt:\n  navn: X\n", "project.no-format"),
    ("format-tal", f"format: 2\nid: {PROJECT_ID}\nprojekt:\n  navn: X\n", None),  # the text '2' still
    ("format-nul", "format: '0'\nprojekt:\n  navn: X\n", "project.unknown-format"),
    ("format-ord", "format: to\nprojekt:\n  navn: X\n", "project.no-format"),
    ("udgave-liste", f"{GOOD2}guideudgave: [a]\n", "project.edition-not-text"),
    ("ukendt-noegle", f"{GOOD2}hemmelig: ja\n", "project.unknown-key"),
    ("ukendt-fakta", f"{GOOD2}  rolle: dele\n", "project.unknown-key"),
    ("ingen-id", "format: '2'\nprojekt:\n  navn: X\n", "project.bad-id"),
    ("forkert-id", "format: '2'\nid: ../../etc\nprojekt:\n  navn: X\n", "project.bad-id"),
    ("projekt-tekst", f"{TOP}projekt: X\n", "project.facts-not-mapping"),
    ("uden-navn", f"{TOP}projekt:\n  deler: X\n", "project.no-name"),
    ("navn-liste", f"{TOP}projekt:\n  navn: [a]\n", "project.fact-not-text"),
    ("navn-to-linjer", f'{TOP}projekt:\n  navn: "a\\nb"\n', "project.fact-too-long"),
    ("navn-for-langt", f"{TOP}projekt:\n  navn: {'x' * 501}\n", "project.fact-too-long"),
    ("genbrugere-liste", f"{GOOD2}  genbrugere: [a, b]\n", "project.bad-partners"),
    ("genbruger-noegle", f"{GOOD2}  genbrugere:\n    Ærø: Ærø\n", "project.bad-partner-key"),
    ("genbruger-dele", f"{GOOD2}  genbrugere:\n    dele: Os selv\n", "project.bad-partner-key"),
    ("svar-liste", f"{GOOD2}svar: [a]\n", "project.answers-not-mapping"),
    ("svar-ukendt-side", f"{GOOD2}svar:\n  begge: {{}}\n", "project.unknown-key"),
    ("dele-liste", f"{GOOD2}svar:\n  dele: [a]\n", "project.answers-not-mapping"),
    ("genbruge-liste", f"{GOOD2}svar:\n  genbruge: [a]\n", "project.answers-not-mapping"),
    ("ukendt-genbruger", f"{GOOD2}svar:\n  genbruge:\n    fremmed: {{}}\n", "project.unknown-partner"),
    ("forkert-id-for-svar", f"{GOOD2}svar:\n  dele:\n    '../x': a\n", "project.bad-question-id"),
    ("svar-liste-som-svar", f"{GOOD2}svar:\n  dele:\n    {X}: [a]\n", "project.bad-entry"),
    ("ukendt-svarnoegle", in_entry("farve: rød"), "project.unknown-key"),
    ("tekst-og-begrundelse", in_entry("tekst: a", "begrundelse: b"), "project.bad-entry"),
    ("ikke-relevant-nej", in_entry("ikke-relevant: nej"), "project.bad-entry"),
    ("tekst-som-liste", in_entry("tekst: [a]"), "project.bad-entry"),
    ("konflikter-tekst", in_entry("konflikter: x"), "project.bad-entry"),
    ("konflikt-fra-sti", in_entry("konflikter:", "- fra: ../x"), "project.bad-entry"),
    ("konflikt-ukendt", in_entry("konflikter:", "- farve: rød"), "project.unknown-key"),
    ("udveksling-tekst", f"{GOOD2}udveksling: x\n", "project.bad-exchange"),
    ("udveksling-fremmed", f"{GOOD2}udveksling:\n  fra: dele\n  til: fremmed\n", "project.exchange-unknown"),
    ("gammel-rolle", "format: '1'\nprojekt:\n  navn: X\n  rolle: begge\n", "project.bad-role"),
    ("gammel-genbrugere", "format: '1'\nprojekt:\n  navn: X\n  genbrugere: Ærø\n", "project.bad-partners"),
    ("gammel-svar-liste", "format: '1'\nprojekt:\n  navn: X\nsvar:\n  x.y: [a]\n", "project.answer-not-text"),
    ("gammel-ukendt", f"format: '1'\nprojekt:\n  navn: X\nid: {PROJECT_ID}\n", "project.unknown-key"),
]


@pytest.mark.parametrize(("text", "problem"), [pytest.param(t, p, id=i) for i, t, p in BROKEN])
def test_a_broken_file_names_itself_and_what_is_wrong(text, problem):
    if problem is None:
        assert read_text(text).project.name == "X"
        return
    with pytest.raises(ProjectFileError) as caught:
        read_text(text)

    assert caught.value.key == "project.problem"
    assert caught.value.params["problem"].key == problem
    shown = words(caught.value)
    assert shown.startswith(f"Projektfilen {PATH} kan ikke bruges: ")
    assert i18n.render(caught.value.params["problem"]) in shown
    assert "{" not in shown
    assert i18n.has("project.problem.hint")


def test_an_exchange_to_an_organisation_the_file_does_not_name_says_which():
    """Found in a trial: "'udveksling' skal sige, hvem filen er fra og til", though it did: the
    organisation it named was none of the project's."""
    with pytest.raises(ProjectFileError) as caught:
        read_text(f"{GOOD2}udveksling:\n  fra: dele\n  til: aeroe-kommune\n")

    assert "'udveksling.til' nævner 'aeroe-kommune', som ikke er en af projektets organisationer" in words(
        caught.value
    )


PARTNERED = f"{GOOD2}  genbrugere:\n    aeroe-kommune: Ærø Kommune\n"
FOLLOW_UP_TOP = f"format: '3'\nid: {PROJECT_ID}\nprojekt:\n  navn: X\n"

# A merge "resolved" by keeping both sides' lines: (id, file, where it is said to be, lines, hint)
KEPT_TWICE = [
    (
        "delt-svar",
        in_entry(
            "tekst: Vores", "version: 11111111 c0ffee00:2", "tekst: Deres", "version: 22222222 beef0000:1"
        ),
        f"svar på spørgsmålet '{X}'",
        (8, 10),
        "project.kept-twice.hint",
    ),
    (
        "dialogens-svar",
        f"{PARTNERED}svar:\n  genbruge:\n    aeroe-kommune:\n      {Z}:\n"
        "        tekst: |-\n          Vores\n          linje to\n        tekst: Deres\n",
        f"svar på spørgsmålet '{Z}' i dialogen med Ærø Kommune",
        (11, 14),
        "project.kept-twice.hint",
    ),
    (
        "anden-udgave",
        in_entry("tekst: Vores", "konflikter:", "- fra: aeroe-kommune", "  tekst: a", "  tekst: b"),
        f"svar på spørgsmålet '{X}'",
        (11, 12),
        "project.kept-twice.hint",
    ),
    (
        "spoergsmaal-to-gange",
        f"{GOOD2}svar:\n  dele:\n    {X}:\n      tekst: Vores\n    {X}:\n      tekst: Deres\n",
        f"svar på spørgsmålet '{X}'",
        (7, 9),
        "project.kept-twice.other-hint",
    ),
    (
        "opfoelgning",
        f"{FOLLOW_UP_TOP}svar:\nopfølgning:\n  dele:\n    plan:\n      3fa9c1d2:\n"
        "        hvad: Vores\n        hvad: Deres\n",
        "punkt i opfølgningen (plan, klarhed, godkendelser og møder)",
        (10, 11),
        "project.kept-twice.other-hint",
    ),
]


@pytest.mark.parametrize(
    ("text", "where", "lines", "hint"), [pytest.param(t, w, n, h, id=i) for i, t, w, n, h in KEPT_TWICE]
)
def test_two_versions_kept_in_a_merge_are_named_with_the_place_both_lines_and_what_to_do(
    text, where, lines, hint
):
    with pytest.raises(ProjectFileError) as caught:
        read_text(text)

    assert caught.value.key == "project.kept-twice"
    assert caught.value.hint == hint
    shown = words(caught.value)
    assert shown.startswith(f"Projektfilen {PATH} rummer to udgaver af det samme {where}: ")
    assert f"står både i linje {lines[0]} og i linje {lines[1]}" in shown
    assert "Det ligner en flettekonflikt i git, der er løst ved at beholde begge udgavers linjer" in shown
    said = i18n.t(hint, **caught.value.params)
    assert said.startswith("Filen er ikke ændret.") and "{" not in said
    if hint == "project.kept-twice.hint":  # one answer: keep one 'tekst:', or write both in with fase
        assert "slet den ene 'tekst:'" in said and "fase tjek" in said


@pytest.mark.parametrize(
    "text",
    [
        "format: '2'\nformat: '2'\nprojekt:\n  navn: X\n",  # at the top
        f"{GOOD2}  navn: Y\n",  # in the facts
        "format: '1'\nprojekt:\n  navn: X\nsvar:\n  x.y: a\n  x.y: b\n",  # a format 1 file's flat answers
    ],
)
def test_a_key_twice_elsewhere_stays_the_yaml_reason(text):
    with pytest.raises(ProjectFileError) as caught:
        read_text(text)

    assert caught.value.key == "project.invalid-yaml"
    assert caught.value.params["problem"].key == "yaml.duplicate-key"


def test_too_many_answers_to_unknown_questions_is_refused():
    """A hostile file cannot make the program keep (and write back) endless foreign answers."""
    lines = "".join(f"    fremtid.x.dele.s{n}: a\n" for n in range(projectfile.MAX_UNKNOWN + 1))

    with pytest.raises(ProjectFileError) as caught:
        read_text(f"{GOOD2}svar:\n  dele:\n{lines}")

    assert caught.value.params["problem"].key == "project.too-many-unknown"


def test_a_newer_format_says_which_and_to_update():
    with pytest.raises(ProjectFileError) as caught:
        read_text("format: '99'\nprojekt:\n  navn: Fremtiden\n")

    assert caught.value.key == "project.newer-format"
    assert words(caught.value) == i18n.t(
        "project.newer-format", path=PATH, version="99", known=6
    )  # 6: exchange files whose meetings say who noted them
    assert "99" in words(caught.value)


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        (b"- en liste\n", "project.not-mapping"),
        (b"", "project.empty"),
        (b"format: '2'\nprojekt: {navn: [\n", "project.invalid-yaml"),
        ("format: '2'\nnavn: Ærø\n".encode("latin-1"), "project.invalid-yaml"),
        (b"a: 1\n<<<<<<< HEAD\nb: 2\n=======\nb: 3\n>>>>>>> other\n", "project.git-conflict"),
    ],
)
def test_bytes_that_are_not_a_project(raw, key):
    with pytest.raises(ProjectFileError) as caught:
        projectfile.loads(raw, PATH)

    assert caught.value.key == key
    assert str(PATH) in words(caught.value)


def test_git_conflict_markers_split_into_both_sides():
    text = "a: 1\n<<<<<<< HEAD\nb: ours\n||||||| base\nb: old\n=======\nb: theirs\n>>>>>>> other\nc: 3\n"

    assert filehead.split_markers(text) == ("a: 1\nb: ours\nc: 3\n", "a: 1\nb: theirs\nc: 3\n")


# --- what cannot be written is refused, not half written -------------------------------------------


@pytest.mark.parametrize("text", ["svar med \ud800 ensom surrogat", "\udb00 fra en forkert afkodet fil"])
def test_a_lone_surrogate_cannot_be_written_and_says_which(text):
    with pytest.raises(SpredningError) as caught:
        write(project(shared={X: Entry(Answer(text))}))

    code = f"U+{ord(next(c for c in text if 0xD800 <= ord(c) <= 0xDFFF)):04X}"
    assert caught.value.key == "project.cannot-write-char"
    assert words(caught.value) == i18n.t("project.cannot-write-char", path=PATH, code=code)


@pytest.mark.parametrize(
    "facts",
    [
        pytest.param({"name": "To\nlinjer"}, id="navn-paa-to-linjer"),
        pytest.param({"name": "x" * 501}, id="for-langt-navn"),
        pytest.param({"sharing_org": "a\nb"}, id="deler-paa-to-linjer"),
        pytest.param({"partners": (Partner("a", "a\nb"),)}, id="genbruger-paa-to-linjer"),
        pytest.param({"description": "x" * 10_001}, id="for-lang-beskrivelse"),
    ],
)
def test_facts_the_reader_would_refuse_are_never_written(facts):
    """Else the file written could never be opened again."""
    with pytest.raises(SpredningError) as caught:
        write(project(**facts))

    assert caught.value.key == "project.cannot-write"
    assert str(PATH) in words(caught.value)


# --- each answer's lines are written on their own (and cached), the same as one dump of the section ---

_texts = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=300
) | st.sampled_from(
    ["", " ", "a\n", "a\n\n", "\n", "  led\nnæste ", "😀 uden for BMP\n", "x" * 250, "# ikke en kommentar"]
)


@st.composite
def _sections(draw):
    from spredning.core.model import Answer, Entry

    ids = draw(st.lists(st.sampled_from([f"tjek.v.dele.s{n}" for n in range(12)]), unique=True, max_size=8))
    entries = {}
    for qid in ids:

        def answer():
            return Answer(
                text=draw(_texts),
                not_relevant=draw(st.booleans()),
                version=tuple(
                    sorted(
                        draw(
                            st.dictionaries(st.sampled_from(["a1b2c3d4", "ffff0000"]), st.integers(1, 9))
                        ).items()
                    )
                ),
                source=draw(st.sampled_from(["", "dele", "aeroe-kommune"])),
            )

        main = answer()._replace(source="")
        others = tuple(draw(st.lists(st.builds(answer), max_size=2)))
        entries[qid] = Entry(main, others)
    order = draw(st.lists(st.sampled_from([f"tjek.v.dele.s{n}" for n in range(0, 12, 2)]), unique=True))
    return entries, order


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_sections(), st.sampled_from(["    ", "      "]))
def test_a_section_written_answer_by_answer_is_the_dump_of_the_whole_section(section, indent):
    import textwrap

    from spredning.core import yamlio

    entries, order = section
    whole = {qid: projectwrite._entry_data(entries.get(qid)) for qid in order}
    whole.update((qid, projectwrite._entry_data(e)) for qid, e in entries.items() if qid not in whole)
    expected = textwrap.indent(projectwrite.without_end_marker(yamlio.dumps(whole)), indent) if whole else ""

    assert projectwrite._section_text(entries, order, indent) == expected
    assert projectwrite._section_text(entries, order, indent) == expected  # from the cache, the same


# --- an exchange file ends with its end line; a cut at any line is named as one -------------------

EXCHANGE = {"fra": SHARING, "til": SHARING, "dato": "2026-03-02"}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(original=projects())
@example(original=project(shared={X: Entry(Answer("a\nb", version=(("a", 1),)))}))
def test_an_exchange_file_cut_at_any_line_is_cut_short_and_the_whole_one_reads(original):
    raw = projectwrite.serialise(original, LAYOUT, PATH, EXCHANGE)
    assert raw.startswith(b"format: '4'\n") and raw.endswith(b"\nslut: ja\n")
    assert read_back(raw).project == original and not filehead.cut_short(raw)
    lines = raw.splitlines(keepends=True)
    for count in range(1, len(lines)):
        cut = b"".join(lines[:count])
        assert filehead.cut_short(cut), cut
        with pytest.raises(ProjectFileError) as caught:
            read_back(cut)
        assert caught.value.key in ("project.cut-short", "project.invalid-yaml"), cut


def test_a_project_file_has_no_end_line_and_one_from_before_format_4_needs_none():
    raw = write(project(shared={X: Entry(Answer("a", version=(("a", 1),)))}))
    assert raw.startswith(b"format: '2'\n") and b"slut" not in raw
    assert not filehead.cut_short(raw[: raw.index(b"svar:")])  # nothing to tell a cut from the file
    assert read_back(raw[: raw.index(b"svar:")]).project.shared == {}


def test_an_exchange_file_without_its_end_line_says_it_was_cut_short():
    raw = projectwrite.serialise(project(), LAYOUT, PATH, EXCHANGE)
    with pytest.raises(ProjectFileError) as caught:
        read_back(raw.replace(b"slut: ja\n", b"slut: j\n"))
    assert "er afkortet" in words(caught.value) and "slut: ja" in words(caught.value)


ID = "2628baea-b2f2-4267-bc6b-0b51ab893063"


@pytest.mark.parametrize(
    ("head", "found"),
    [
        (f"format: '2'\nid: {ID}\nprojekt: [\n".encode(), ID),
        (f"\ufeffformat: 2\r\nid: '{ID}'\r\n".encode(), ID),
        (f"format: '2'\nprojekt:\n  id: {ID}\n".encode(), None),  # not at the top level
        (b"format: '2'\nid: not-an-identity\n", None),
        (b"\xff\xfe broken", None),
    ],
)
def test_a_broken_files_identity_is_read_from_its_top_level_id_line(head, found):
    assert filehead.declared_id(head) == found


def test_a_comment_mark_inside_a_block_of_text_is_text():
    text = hand_written("tekst: |\n  Mål: 50 % # ca.\n  Næste: x #2\nversion: 00000000 a:1")

    assert read_text(text).project.shared[X].answer.text == "Mål: 50 % # ca.\nNæste: x #2"


# --- a project file cut short (a sync tool, an interrupted copy) is refused, never read as less ---

GUIDE_LAYOUT = layout(load_guide(None))
EXAMPLE = Path(__file__).parent.parent / "guide_content" / "eksempel.yaml"
OTHER = "c0ffee01"


def full_project(follow_up: bool, noted: bool = False) -> Project:
    """The shipped example as the program writes it, with a second organisation whose last answer
    (the file's last question) spans lines and has a conflicting version; `noted`: its meetings say
    who noted them (format 5)."""
    data = projectfile.loads(EXAMPLE.read_bytes(), EXAMPLE)
    base = projectfile.parse(data, "x", EXAMPLE, GUIDE_LAYOUT, COPY).project
    last = GUIDE_LAYOUT.dialogue[-1]
    second = {
        GUIDE_LAYOUT.dialogue[0]: Entry(Answer("Ja, det vil vi gerne.", version=((OTHER, 1),))),
        last: Entry(
            Answer("Første linje om udbyttet\nAnden linje med Ærø", version=((OTHER, 2),)),
            (Answer("Deres udgave\nover to linjer", version=((COPY, 1),), source=SHARING),),
        ),
    }
    return base._replace(
        partners=(*base.partners, Partner("aeroe-kommune", "Ærø Kommune")),
        dialogues={**base.dialogues, "aeroe-kommune": second},
        # the example's meeting says who noted it (exch8): format 3 is a file from before that
        records=_noted_by(base.records, SHARING if noted else None) if follow_up else {},
    )


def _noted_by(records, noter: str | None):
    """Every meeting as noted by `noter`; None: not saying who noted it (as before format 5)."""

    def noted(answer: Answer) -> Answer:
        fields = [field for field in answer.fields if field[0] != "noteret-af"]
        fields += [("noteret-af", noter)] if noter else []
        return answer._replace(fields=tuple(sorted(fields)))

    return {
        where: {
            key: e._replace(answer=noted(e.answer)) if key.startswith("moede:") else e
            for key, e in section.items()
        }
        for where, section in records.items()
    }


FORMS = {"2": (False, False), "3": (True, False), "5": (True, True)}  # follow-up, meetings noted
FULL = {form: projectwrite.serialise(full_project(*how), GUIDE_LAYOUT, PATH) for form, how in FORMS.items()}


def read_file(raw: bytes) -> projectfile.ParsedFile:
    """Read bytes as the store does: the data and the bytes themselves."""
    return projectfile.parse(projectfile.loads(raw, PATH), PATH.stem, PATH, GUIDE_LAYOUT, "00000000", raw)


def verdict(cut: bytes) -> str:
    """'cut' when the reader refuses the bytes as cut short, 'whole' when they are exactly what the
    program writes for what was read (a whole file with fewer answers), else what went wrong."""
    try:
        parsed = read_file(cut)
    except ProjectFileError as exc:
        return "cut" if exc.key == "project.cut-off" else exc.key
    return "whole" if projectwrite.serialise(parsed.project, GUIDE_LAYOUT, PATH) == cut else "READ AS LESS"


def mid_line_cuts(raw: bytes) -> list[int]:
    """In every line: after its first byte, in its middle and just before its line break; and inside
    each letter of more than one byte (Æ, ø ...)."""
    cuts: set[int] = set()
    start = 0
    for line in raw.splitlines(keepends=True):
        end = start + len(line) - 1  # the line break
        cuts.update(pos for pos in (start + 1, (start + end) // 2, end) if start < pos <= end)
        start += len(line)
    cuts.update(pos for pos, byte in enumerate(raw) if 0x80 <= byte < 0xC0)  # a continuation byte
    return sorted(cuts)


def test_the_full_files_are_whole_and_read_as_written():
    for form, raw in FULL.items():
        assert raw.startswith(f"format: '{form}'\n".encode()) and raw.count(b"\n") >= 600
        assert verdict(raw) == "whole"
        assert read_file(raw).project == full_project(*FORMS[form])._replace(slug=PATH.stem)


@pytest.mark.parametrize("form", ["2", "3", "5"])
def test_a_project_file_cut_at_the_end_of_any_line_is_refused_or_whole(form):
    raw = FULL[form]
    lines = raw.splitlines(keepends=True)
    counts = range(lines.index(b"svar:\n") + 1, len(lines))  # a cut before it: see the next test
    verdicts = {count: verdict(b"".join(lines[:count])) for count in counts}
    wrong = {n: (lines[n - 1], seen) for n, seen in verdicts.items() if seen not in ("cut", "whole")}
    assert wrong == {}
    whole = [lines[count - 1] for count, seen in verdicts.items() if seen == "whole"]
    if form == "2":  # only inside the file's last answer: before its text, or after its own version
        last = GUIDE_LAYOUT.dialogue[-1]
        assert whole == [f"      {last}:\n".encode(), next(line for line in lines[-8:] if b"version" in line)]
    else:  # or between whole follow-up records
        assert all(line.strip().startswith((b"version:", b"svar:", b"a9f4")) for line in whole), whole


def test_a_cut_at_the_end_of_a_line_before_the_answers_looks_like_a_file_with_none():
    """What cannot be told: a project file made by hand or by another tool need not have answers
    (test_hostile_files.py), and a cut before 'svar:' leaves just such a file."""
    raw = FULL["2"]
    head = raw[: raw.index(b"\nsvar:\n") + 1]
    assert read_file(head).project == read_file(raw).project._replace(shared={}, dialogues={})


@pytest.mark.parametrize("form", ["2", "3", "5"])
def test_a_project_file_cut_inside_any_line_is_refused(form):
    raw = FULL[form]
    start = raw.index(b"\nsvar:\n")
    cuts = [pos for pos in mid_line_cuts(raw) if pos > start]
    wrong = {pos: raw[pos - 20 : pos] for pos in cuts if verdict(raw[:pos]) != "cut"}
    assert wrong == {}


@pytest.mark.parametrize(
    ("cut_after", "where"),
    [
        ("\nsvar:\n", "før svarene"),
        ("  dele:\n", "før svarene"),
        ("    tjek.beskriv-innovationen.dele.formaal:\n", "ved spørgsmålet 'tjek.beskriv-innovationen.dele"),
        ("    aeroe-kommune:\n", "i starten af dialogen med Ærø Kommune"),
        ("Første linje om udbyttet\n", "i dialogen med Ærø Kommune"),
        ("opfølgning:\n", "midt i opfølgningen"),
    ],
)
def test_a_cut_file_says_where_it_ends_and_what_to_do(cut_after, where):
    raw, end = FULL["3"], cut_after.encode()
    with pytest.raises(ProjectFileError) as caught:
        read_file(raw[: raw.index(end) + len(end)])
    hint = caught.value.hint
    said = words(caught.value) + " " + i18n.t(hint.key, **hint.params)
    assert "ser ud til at være afkortet" in said and where in said
    assert "ingen sikkerhedskopi af den i mappen" in said  # none beside it, none promised
    assert "fælles drev" in said and "Filen er ikke ændret" in said


def test_format_3_cut_before_its_follow_up_is_refused():
    raw = FULL["3"]
    with pytest.raises(ProjectFileError) as caught:
        read_file(raw[: raw.index("opfølgning:\n".encode())])
    assert "før opfølgningen" in words(caught.value)


def test_a_cut_exactly_between_two_organisations_is_refused():
    raw = FULL["2"]
    with pytest.raises(ProjectFileError) as caught:
        read_file(raw[: raw.index(b"    aeroe-kommune:\n")])
    assert f"ved spørgsmålet '{GUIDE_LAYOUT.dialogue[-1]}' i dialogen med" in words(caught.value)


def delete_line(raw: bytes, line: bytes) -> bytes:
    """The bytes without the last line that is this line (an unanswered question's, say)."""
    at = raw.rindex(line)
    return raw[:at] + raw[at + len(line) :]


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(
            lambda raw: delete_line(raw, f"      {GUIDE_LAYOUT.dialogue[3]}:\n".encode()), id="deleted"
        ),
        pytest.param(lambda raw: raw.replace(b"udgave: '2023'", b"udgave: '2019'"), id="other-edition"),
        pytest.param(lambda raw: raw.replace(b"\n", b"\r\n"), id="crlf"),
        pytest.param(lambda raw: b"\xef\xbb\xbf" + raw, id="bom"),
        pytest.param(lambda raw: raw.replace(b"  # Vi vil dele\n", b""), id="by-hand-without-own-form"),
    ],
)
def test_hand_edits_and_other_editions_are_read_as_before(edit):
    for raw in FULL.values():
        assert read_file(edit(raw)).project.dialogues["aeroe-kommune"]  # read, not refused


def test_other_editions_and_files_of_other_tools_are_not_judged_even_cut():
    raw = FULL["2"]
    cut = raw[: raw.index(b"    aeroe-kommune:\n")]
    assert read_file(cut.replace(b"guideudgave: '2023'", b"guideudgave: '2019'")).project  # order unknown
    assert read_file(cut.replace(b"  # Vi vil dele\n", b"")).project  # not the program's own form
    hand_made = "format: '2'\nid: {}\nguideudgave: '2023'\nprojekt:\n  navn: x\nsvar:\n  dele:\n    {}: Ja\n"
    assert read_file(hand_made.format(PROJECT_ID, GUIDE_LAYOUT.shared[0]).encode()).project.shared


def test_a_project_file_without_a_line_break_at_its_end_is_cut():
    raw = FULL["2"]
    assert verdict(raw[:-1]) == "cut"
    other_edition = raw.replace(b"guideudgave: '2023'", b"guideudgave: '2019'")[:-1]
    assert read_file(other_edition).project == read_file(raw).project._replace(guide_edition="2019")


@pytest.mark.parametrize(
    ("edit", "problem"),
    [
        (lambda raw: raw.replace(b"    aeroe-kommune:\n", b"    aeroe-komune:\n"), "project.unknown-partner"),
        (lambda raw: raw.replace(b"version: ", b"version: x", 1), "project.bad-version"),
    ],
)
def test_a_whole_file_broken_by_hand_says_what_is_wrong_not_that_it_was_cut(edit, problem):
    for raw in FULL.values():
        with pytest.raises(ProjectFileError) as caught:
            read_file(edit(raw))
        assert caught.value.params["problem"].key == problem


def _with_a_long_quoted_answer(where: str) -> bytes:
    """The full file with the sharing side's first answer a long text with a control character:
    written double-quoted over several lines (yamlio.dumps wraps at 100), at the file's end or not."""
    project = full_project(follow_up=True, noted=True)
    text = "Første linje \x07 " + "med mange ord " * 30
    question = GUIDE_LAYOUT.dialogue[-1] if where == "end" else GUIDE_LAYOUT.shared[0]
    entry = Entry(Answer(text, version=((COPY, 3),)))
    if where == "end":
        return projectwrite.serialise(
            project._replace(records={}, dialogues={**project.dialogues, "aeroe-kommune": {question: entry}}),
            GUIDE_LAYOUT,
            PATH,
        )
    return projectwrite.serialise(project._replace(shared={question: entry}), GUIDE_LAYOUT, PATH)


@pytest.mark.parametrize("where", ["end", "inside"])
def test_a_cut_at_any_line_end_of_a_quoted_text_over_several_lines_is_still_a_cut(where):
    raw = _with_a_long_quoted_answer(where)
    lines = raw.splitlines(keepends=True)
    quoted = [n for n, line in enumerate(lines) if b'tekst: "F' in line]
    assert quoted and not lines[quoted[0]].rstrip().endswith(b'"')  # it runs on over the next lines
    for count in range(quoted[0] + 1, quoted[0] + 4):
        assert verdict(b"".join(lines[:count])) == "cut", lines[count - 1]


def test_a_quote_left_open_by_hand_is_named_where_it_opens_not_taken_for_a_cut():
    """Found in a trial: `hvad: "Ring til Ærø` (the closing quote forgotten) in the follow-up read
    as a file cut short, whose advice is to put back a backup from before every later change."""
    for raw in FULL.values():
        lines = raw.decode().splitlines(keepends=True)
        key = "hvad: " if "opfølgning:\n" in lines else "navn: "  # format 2 has no follow-up
        number, line = next((n, line) for n, line in enumerate(lines) if key in line)
        lines[number] = line.replace(key, f'{key}"', 1)

        with pytest.raises(ProjectFileError) as caught:
            read_file("".join(lines).encode())

        assert caught.value.key == "project.invalid-yaml"
        said = caught.value.params["problem"]
        assert said.key == "yaml.invalid-at" and said.params["line"] == number + 1
        assert said.params["problem"].key == "yaml.problem.unclosed-quote"


def test_a_byte_that_came_as_no_utf8_is_named_as_a_byte_not_a_character():
    """Undecodable input (a Latin-1 terminal's ø on the command line) arrives as U+DCF8: the error
    names the byte and the terminal's encoding, not a character no user can find."""
    with pytest.raises(SpredningError) as caught:
        write(project(shared={X: Entry(Answer("M\udcf8de"))}))

    assert caught.value.key == "project.cannot-write-byte" and caught.value.params["byte"] == "F8"
