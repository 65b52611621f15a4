"""interview.py: the flow through a phase with a scripted prompter and real project files."""

from __future__ import annotations

import pytest
import yaml
from scripted import ScriptedPrompter

from spredning.core.errors import SpredningError
from spredning.core.interview import (
    Interview,
    Keep,
    Nav,
    ProjectSession,
    Resume,
    Review,
    answers_from_file,
    normalise,
    save_answer_file,
)
from spredning.core.store import Store

GENBRUGE = [
    "tjek.beskriv-innovationen.genbruge.interessant",
    "tjek.beskriv-innovationen.genbruge.samme-behov",
    "tjek.fortael-den-gode-historie.genbruge.begejstrer",
    "tjek.fortael-den-gode-historie.genbruge.mangler-at-vide",
    "tjek.kom-rundt-om-loesningen.genbruge.samme-vilkaar",
    "tjek.kom-rundt-om-loesningen.genbruge.noejes-med",
    "tjek.tjek-relevans-og-timing.genbruge.passer",
    "tjek.tjek-relevans-og-timing.genbruge.fremskridt",
    "tjek.tjek-relevans-og-timing.genbruge.hvem-med",
    "tjek.afstem-forventninger.genbruge.udbytte",
    "tjek.afstem-forventninger.genbruge.kraever",
    "tjek.afstem-forventninger.genbruge.brug-for-hjaelp",
    "tjek.afstem-forventninger.genbruge.samarbejde",
    "tjek.afstem-forventninger.genbruge.godkende",
]
TOOLS = [
    "tjek.beskriv-innovationen",
    "tjek.fortael-den-gode-historie",
    "tjek.kom-rundt-om-loesningen",
    "tjek.tjek-relevans-og-timing",
    "tjek.afstem-forventninger",
]
SIZES = [2, 2, 2, 3, 5]  # genbruge questions per tool
Q1, Q2, Q3 = GENBRUGE[:3]
FORMAAL = "tjek.beskriv-innovationen.dele.formaal"
LOESNINGEN = "tjek.beskriv-innovationen.dele.loesningen"
KRITIKERE = "tjek.kom-rundt-om-loesningen.dele.kritikere"

# what the interview writes between two versions it keeps
BOTH_SEPARATOR = "\n\n--- Også gemt (to udgaver af svaret) ---\n\n"


class Prompter(ScriptedPrompter):
    """ScriptedPrompter that can also raise (an exception in the script) or act (a callable that
    returns the reply), and that remembers each step's position and each review's `first`."""

    def __init__(self, script):
        super().__init__(script)
        self.positions: list[tuple[int, int, bool]] = []
        self.firsts: list[bool] = []

    def _next(self, kind, about):
        reply = super()._next(kind, about)
        if isinstance(reply, BaseException) or (isinstance(reply, type) and issubclass(reply, BaseException)):
            raise reply
        return reply() if callable(reply) else reply

    def ask(self, step, current, first):
        self.positions.append((step.position, step.total, first))
        return super().ask(step, current, first)

    def review(self, tool, role, project, first):
        self.firsts.append(first)
        return super().review(tool, role, project, first)


def asked(prompter) -> list[str]:
    """The question ids asked, in order."""
    return [about[0] for kind, about in prompter.log if kind == "ask"]


def kinds(prompter) -> list[str]:
    return [kind for kind, _ in prompter.log]


def on_disk(store: Store, slug: str) -> dict:
    """The answers in the project file, read as plain YAML."""
    data = yaml.safe_load(store.path_for(slug).read_text(encoding="utf-8"))
    return data.get("svar") or {}


@pytest.fixture
def interview(guide, store):
    """Run the tjek phase for one side with a script; return the prompter and the session."""

    def run(slug: str, script, role: str = "genbruge", phase: str = "tjek"):
        session = ProjectSession(store, slug, guide.question_ids())
        prompter = Prompter(script)
        Interview(guide, guide.find_phase(phase), role, session, prompter).run()
        assert prompter.script == [], f"script not used up: {prompter.script}"
        return prompter, session

    return run


def whole_tool(answers, review=Review.NEXT):
    return [*answers, review]


# --- answering -------------------------------------------------------------------------------------


def test_answer_every_question_of_tjek_for_genbruge(interview, make_project, store):
    slug = make_project()
    texts = [f"Svar {n} om Ærø" for n in range(1, 15)]
    script, start = [], 0
    for size in SIZES:
        script += whole_tool(texts[start : start + size])
        start += size

    prompter, session = interview(slug, script)

    assert on_disk(store, slug) == dict(zip(GENBRUGE, texts, strict=True))
    assert list(on_disk(store, slug)) == GENBRUGE
    assert asked(prompter) == GENBRUGE
    assert [p[:2] for p in prompter.positions] == [(n, 14) for n in range(1, 15)]
    assert [p[2] for p in prompter.positions] == [True] + [False] * 13
    assert [about[0] for kind, about in prompter.log if kind == "tool"] == TOOLS
    assert prompter.firsts == [True, False, False, False, False]
    assert prompter.log[0] == ("phase", "tjek")
    assert prompter.log[-1] == ("done", "tjek")
    assert "resume" not in kinds(prompter)
    assert session.project.answers == dict(zip(GENBRUGE, texts, strict=True))


def test_answers_are_normalised_before_saving(interview, make_project, store):
    slug = make_project()

    interview(slug, ["  første\r\nanden\r\n\n  ", "\ttredje\t", Review.STOP])

    assert on_disk(store, slug) == {Q1: "første\nanden", Q2: "tredje"}


def test_empty_answer_skips_without_saving(interview, make_project, store):
    slug = make_project()

    prompter, _ = interview(slug, ["", "   \n  ", Review.STOP])

    assert on_disk(store, slug) == {}
    assert "confirm-delete" not in kinds(prompter)
    assert store.path_for(slug).exists()


def test_unchanged_answer_does_not_rewrite_the_file(interview, make_project, store):
    slug = make_project(answers={Q1: "Ja"})
    path = store.path_for(slug)
    before = path.stat().st_mtime_ns, path.stat().st_ino

    interview(slug, [Resume.REVIEW_ALL, "Ja", "", Review.STOP])

    assert (path.stat().st_mtime_ns, path.stat().st_ino) == before


# --- back ------------------------------------------------------------------------------------------


def test_back_returns_to_the_previous_question_with_its_answer(interview, make_project, store):
    slug = make_project()

    prompter, _ = interview(slug, ["Første", Nav.BACK, "Første, rettet", "Anden", Review.STOP])

    assert prompter.log[1:5] == [
        ("tool", (TOOLS[0], ())),
        ("ask", (Q1, None)),
        ("ask", (Q2, None)),
        ("ask", (Q1, "Første")),
    ]
    assert on_disk(store, slug) == {Q1: "Første, rettet", Q2: "Anden"}


def test_back_at_the_first_question_stays_there(interview, make_project):
    slug = make_project()

    prompter, _ = interview(slug, [Nav.BACK, "Svar", "", Review.STOP])

    assert asked(prompter) == [Q1, Q1, Q2]


def test_back_crosses_into_the_previous_tool(interview, make_project, store):
    slug = make_project()

    prompter, _ = interview(slug, ["A", "B", Review.NEXT, Nav.BACK, "B2", Review.NEXT, "C", "", Review.STOP])

    assert asked(prompter) == [Q1, Q2, Q3, Q2, Q3, GENBRUGE[3]]
    assert [about for kind, about in prompter.log if kind == "review"] == [TOOLS[0], TOOLS[0], TOOLS[1]]
    assert ("ask", (Q2, "B")) in prompter.log
    tools = [about[0] for kind, about in prompter.log if kind == "tool"]
    assert tools == [TOOLS[0], TOOLS[1], TOOLS[0], TOOLS[1]]
    assert on_disk(store, slug) == {Q1: "A", Q2: "B2", Q3: "C"}


def test_back_skips_a_tool_without_questions_for_the_side(interview, make_project):
    slug = make_project(role="dele", answers={FORMAAL: "Et formål"})

    prompter, _ = interview(
        slug, [Resume.PICK_TOOL, "Afstem forventninger", Nav.BACK, "", Review.STOP], role="dele"
    )

    assert asked(prompter) == ["tjek.afstem-forventninger.dele.udbytte", KRITIKERE]
    assert ("no-questions", "tjek.tjek-relevans-og-timing") not in prompter.log


# --- review ----------------------------------------------------------------------------------------


def test_review_edit_asks_the_picked_question_then_reviews_again(interview, make_project, store):
    slug = make_project()

    prompter, _ = interview(slug, ["A", "B", Review.EDIT, "Har I de samme behov?", "B rettet", Review.STOP])

    assert prompter.log[-4:] == [
        ("review", TOOLS[0]),
        ("pick-question", TOOLS[0]),
        ("ask", (Q2, "B")),
        ("review", TOOLS[0]),
    ]
    assert on_disk(store, slug) == {Q1: "A", Q2: "B rettet"}


def test_review_edit_of_the_first_question_goes_back_to_review_not_on(interview, make_project):
    slug = make_project()

    prompter, _ = interview(slug, ["A", "B", Review.EDIT, Q1, "A2", Review.STOP])

    assert asked(prompter) == [Q1, Q2, Q1]
    assert kinds(prompter)[-1] == "review"


def test_review_edit_cancelled_shows_the_review_again(interview, make_project):
    slug = make_project()

    prompter, _ = interview(slug, ["A", "B", Review.EDIT, None, Review.STOP])

    assert asked(prompter) == [Q1, Q2]
    assert kinds(prompter)[-3:] == ["review", "pick-question", "review"]


def test_review_previous_goes_to_the_start_of_the_previous_tool(interview, make_project, store):
    slug = make_project()

    prompter, _ = interview(slug, ["A", "B", Review.NEXT, "C", "D", Review.PREVIOUS, "A", "B", Review.STOP])

    assert asked(prompter) == [Q1, Q2, Q3, GENBRUGE[3], Q1, Q2]
    assert ("ask", (Q1, "A")) in prompter.log[-5:]
    assert prompter.firsts == [True, False, True]
    assert on_disk(store, slug) == {Q1: "A", Q2: "B", Q3: "C", GENBRUGE[3]: "D"}


def test_review_stop_ends_the_phase_without_going_on(interview, make_project, store):
    slug = make_project()

    prompter, _ = interview(slug, ["A", "", Review.STOP])

    assert kinds(prompter)[-1] == "review"
    assert "done" not in kinds(prompter)
    assert on_disk(store, slug) == {Q1: "A"}


# --- resume ----------------------------------------------------------------------------------------


def test_resume_continue_starts_at_the_first_unanswered(interview, make_project):
    slug = make_project(answers={Q1: "A", Q3: "C"})

    prompter, _ = interview(slug, [Resume.CONTINUE, "B", Review.STOP])

    assert prompter.log[:4] == [
        ("phase", "tjek"),
        ("resume", "tjek"),
        ("tool", (TOOLS[0], ())),
        ("ask", (Q2, None)),
    ]
    assert prompter.positions[0] == (2, 14, False)


def test_resume_continue_in_a_later_tool(interview, make_project):
    slug = make_project(answers=dict.fromkeys(GENBRUGE[:9], "svar"))

    prompter, _ = interview(slug, [Resume.CONTINUE, "U", "", "", "", "", Review.STOP])

    assert asked(prompter)[0] == GENBRUGE[9]
    assert prompter.positions[0] == (10, 14, False)


def test_resume_review_all_prefills_every_answer(interview, make_project, store):
    slug = make_project(answers={Q1: "A", Q2: "B"})

    prompter, _ = interview(slug, [Resume.REVIEW_ALL, "A", "B nyt", Review.STOP])

    assert [about for kind, about in prompter.log if kind == "ask"] == [(Q1, "A"), (Q2, "B")]
    assert on_disk(store, slug) == {Q1: "A", Q2: "B nyt"}


def test_resume_pick_tool_starts_at_that_tool(interview, make_project):
    slug = make_project(answers={Q1: "A"})

    prompter, _ = interview(slug, [Resume.PICK_TOOL, "Afstem forventninger", "", "", "", "", "", Review.STOP])

    assert asked(prompter) == GENBRUGE[9:]
    assert ("pick-tool", "tjek") in prompter.log
    assert ("tool", (TOOLS[4], ())) in prompter.log


@pytest.mark.parametrize("script", [[Resume.PICK_TOOL, None], [Resume.STOP]])
def test_resume_stop_or_no_tool_picked_asks_nothing(interview, make_project, store, script):
    slug = make_project(answers={Q1: "A"})
    before = store.path_for(slug).read_bytes()

    prompter, _ = interview(slug, script)

    assert asked(prompter) == []
    assert "done" not in kinds(prompter)
    assert store.path_for(slug).read_bytes() == before


def test_resume_is_not_offered_when_only_the_other_side_answered(interview, make_project):
    slug = make_project(answers={FORMAAL: "Et formål"})

    prompter, _ = interview(slug, ["", "", Review.STOP])

    assert "resume" not in kinds(prompter)


# --- tools, partner answers ------------------------------------------------------------------------


def test_a_tool_without_questions_for_the_side_is_announced(interview, make_project):
    slug = make_project(role="dele", answers={FORMAAL: "Et formål"})
    script = [Resume.PICK_TOOL, "Kom rundt om løsningen", *[""] * 8, Review.NEXT, *[""] * 5, Review.NEXT]

    prompter, _ = interview(slug, script, role="dele")

    kom_rundt = prompter.log.index(("review", TOOLS[2]))
    afstem = prompter.log.index(("tool", (TOOLS[4], ())))
    assert prompter.log[kom_rundt + 1 : afstem] == [("no-questions", TOOLS[3])]
    assert prompter.log[-1] == ("done", "tjek")


def test_partner_answers_are_passed_to_the_tool_intro(interview, make_project):
    slug = make_project(
        answers={
            FORMAAL: "Et formål",
            LOESNINGEN: "En løsning",
            "tjek.afstem-forventninger.dele.udbytte": "Udbytte",
        }
    )

    prompter, _ = interview(slug, ["", "", Review.NEXT, "", "", Review.STOP])

    intros = [about for kind, about in prompter.log if kind == "tool"]
    assert intros == [(TOOLS[0], (FORMAAL, LOESNINGEN)), (TOOLS[1], ())]


def test_the_other_sides_interview_sees_our_answers(interview, make_project):
    slug = make_project(role="dele", answers={Q2: "Samme behov"})

    prompter, _ = interview(slug, ["", "", "", Review.STOP], role="dele")

    assert prompter.log[1] == ("tool", (TOOLS[0], (Q2,)))


# --- deleting an answer ----------------------------------------------------------------------------


def test_empty_answer_on_a_saved_one_asks_and_false_keeps_it(interview, make_project, store):
    slug = make_project(answers={Q1: "A"})

    prompter, _ = interview(slug, [Resume.REVIEW_ALL, "", False, "", Review.STOP])

    assert ("confirm-delete", Q1) in prompter.log
    assert on_disk(store, slug) == {Q1: "A"}


def test_empty_answer_on_a_saved_one_confirmed_removes_it(interview, make_project, store):
    slug = make_project(answers={Q1: "A", Q2: "B"})

    _, session = interview(slug, [Resume.REVIEW_ALL, "  ", True, "B", Review.STOP])

    assert on_disk(store, slug) == {Q2: "B"}
    assert session.project.answer(Q1) is None


# --- interrupts ------------------------------------------------------------------------------------


@pytest.mark.parametrize("interrupt", [KeyboardInterrupt, EOFError])
def test_an_interrupt_mid_tool_keeps_the_earlier_answers(interview, make_project, store, interrupt):
    slug = make_project()

    with pytest.raises(interrupt):
        interview(slug, ["A", "B", Review.NEXT, "C", interrupt()])

    assert on_disk(store, slug) == {Q1: "A", Q2: "B", Q3: "C"}
    assert Store(store.home).load(slug).answers == {Q1: "A", Q2: "B", Q3: "C"}


# --- another writer at the same time ---------------------------------------------------------------


def written_meanwhile(store, guide, slug, qid, text):
    """A reply for ask() that first lets another process save `text` for the same question."""

    def reply(mine):
        def act():
            other = Store(store.home)
            shown = other.load(slug).answer(qid)
            assert other.save_answers(slug, {qid: text}, {qid: shown}, guide.question_ids()) == []
            return mine

        return act

    return reply


@pytest.mark.parametrize(
    ("keep", "expected"),
    [
        (Keep.MINE, "Mit svar"),
        (Keep.THEIRS, "Deres svar"),
        (Keep.BOTH, "Deres svar" + BOTH_SEPARATOR + "Mit svar"),
    ],
)
def test_a_conflict_is_resolved_as_the_user_chooses(interview, make_project, store, guide, keep, expected):
    slug = make_project(answers={Q1: "Gammelt svar"})
    race = written_meanwhile(store, guide, slug, Q1, "Deres svar")

    prompter, session = interview(
        slug, [Resume.REVIEW_ALL, race("Mit svar"), keep, Nav.BACK, expected, "", Review.STOP]
    )

    assert ("conflict", (Q1, "Mit svar", "Deres svar")) in prompter.log
    assert on_disk(store, slug) == {Q1: expected}
    assert session.project.answer(Q1) == expected
    assert [about for kind, about in prompter.log if kind == "ask"][-2] == (Q1, expected)


def test_a_conflict_on_an_unanswered_question(interview, make_project, store, guide):
    slug = make_project(answers={Q2: "B"})
    race = written_meanwhile(store, guide, slug, Q1, "Deres svar")

    prompter, _ = interview(slug, [Resume.REVIEW_ALL, race("Mit svar"), Keep.BOTH, "B", Review.STOP])

    assert ("conflict", (Q1, "Mit svar", "Deres svar")) in prompter.log
    assert on_disk(store, slug)[Q1] == "Deres svar" + BOTH_SEPARATOR + "Mit svar"


def test_no_conflict_when_another_writer_saved_a_different_question(interview, make_project, store, guide):
    slug = make_project()
    race = written_meanwhile(store, guide, slug, Q2, "Deres B")

    prompter, _ = interview(slug, [race("Mit A"), "", Review.STOP])

    assert "conflict" not in kinds(prompter)
    assert on_disk(store, slug) == {Q1: "Mit A", Q2: "Deres B"}


# --- answer files ------------------------------------------------------------------------------------


def test_answers_from_file_accepts_and_normalises(guide):
    tjek = guide.find_phase("tjek")

    answers = answers_from_file(guide, {Q1: "  Ja\r\nbestemt  ", Q2: "Nej"}, tjek, "genbruge")

    assert answers == {Q1: "Ja\nbestemt", Q2: "Nej"}


def test_answers_from_file_without_role_accepts_both_sides(guide):
    tjek = guide.find_phase("tjek")

    assert answers_from_file(guide, {Q1: "Ja", FORMAAL: "Formål"}, tjek, None) == {
        Q1: "Ja",
        FORMAAL: "Formål",
    }


def test_answers_from_file_without_phase_accepts_the_whole_guide(guide):
    later = guide.find_phase("hoest").questions("dele")[0].id

    assert answers_from_file(guide, {Q1: "Ja", later: "Senere"}, None, None) == {Q1: "Ja", later: "Senere"}


def test_answers_from_file_without_phase_but_with_role_rejects_the_other_side(guide):
    with pytest.raises(SpredningError) as caught:
        answers_from_file(guide, {Q1: "Ja", FORMAAL: "Formål"}, None, "genbruge")

    assert f"'{FORMAAL}' er ikke et spørgsmål for siden 'genbruge'" in caught.value.message


def test_answers_from_file_lists_every_problem_and_nothing_is_saved(guide, store, make_project):
    slug = make_project()
    before = store.path_for(slug).read_bytes()
    tjek = guide.find_phase("tjek")
    data = {
        Q1: "Et godt svar",
        "tjek.findes-ikke.genbruge.x": "Ukendt",
        FORMAAL: "Anden side",
        Q2: ["en", "liste"],
        Q3: "   ",
        "hoest.x.y.z": "Anden fase",
    }

    with pytest.raises(SpredningError) as caught:
        session = ProjectSession(store, slug, guide.question_ids())
        save_answer_file(session, answers_from_file(guide, data, tjek, "genbruge"))

    message = caught.value.message
    assert message.startswith("Svarfilen har fejl, så intet er gemt:")
    assert "'tjek.findes-ikke.genbruge.x' er ikke et spørgsmål i fasen Tjek for siden 'genbruge'" in message
    assert f"'{FORMAAL}' er ikke et spørgsmål" in message
    assert "'hoest.x.y.z' er ikke et spørgsmål" in message
    assert f"svaret på '{Q2}' skal være en tekst" in message
    assert f"svaret på '{Q3}' er tomt" in message
    assert Q1 not in message
    assert "spredning guide --ider" in caught.value.hint
    assert store.path_for(slug).read_bytes() == before


@pytest.mark.parametrize("data", [{}, [], None, "tekst", ["a", "b"]])
def test_answers_from_file_must_be_a_mapping(guide, data):
    with pytest.raises(SpredningError) as caught:
        answers_from_file(guide, data, guide.find_phase("tjek"), "genbruge")

    assert "samling af spørgsmål-id'er og svar" in caught.value.message


@pytest.mark.parametrize("value", [None, 3, True, {"a": "b"}])
def test_answers_from_file_rejects_non_text(guide, value):
    with pytest.raises(SpredningError, match="skal være en tekst"):
        answers_from_file(guide, {Q1: value}, guide.find_phase("tjek"), "genbruge")


def test_save_answer_file_saves_only_changes_in_one_write(guide, store, make_project):
    slug = make_project(answers={Q1: "A", GENBRUGE[-1]: "Z"})
    session = ProjectSession(store, slug, guide.question_ids())

    changed = save_answer_file(session, {Q1: "A", Q2: "B", Q3: "C"})

    assert changed == [Q2, Q3]
    assert list(on_disk(store, slug).items()) == [(Q1, "A"), (Q2, "B"), (Q3, "C"), (GENBRUGE[-1], "Z")]
    assert session.project.answers == {Q1: "A", Q2: "B", Q3: "C", GENBRUGE[-1]: "Z"}


def test_save_answer_file_keeps_both_when_changed_meanwhile(guide, store, make_project):
    slug = make_project(answers={Q1: "Gammelt"})
    session = ProjectSession(store, slug, guide.question_ids())
    Store(store.home).save_answers(slug, {Q1: "Deres"}, {Q1: "Gammelt"}, guide.question_ids())

    changed = save_answer_file(session, {Q1: "Mit", Q2: "B"})

    assert changed == [Q1, Q2]
    assert on_disk(store, slug) == {Q1: "Deres" + BOTH_SEPARATOR + "Mit", Q2: "B"}


def test_normalise():
    assert normalise("\r\n  a\r\nb\rc  \n\n") == "a\nb\nc"
    assert normalise("Punkt 1 \n  - under \t\nPunkt 2") == "Punkt 1\n  - under\nPunkt 2"


def test_an_answer_pasted_with_spaces_at_line_ends_is_a_block_in_the_file(interview, make_project, store):
    slug = make_project()

    interview(slug, ["Første punkt  \nAndet punkt \n", "", Review.STOP])

    assert f"{Q1}: |-\n    Første punkt\n    Andet punkt\n" in store.path_for(slug).read_text("utf-8")
