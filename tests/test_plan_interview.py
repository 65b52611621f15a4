"""The interview's offers (issue 15): actions where the guide asks for them, a readiness mark after
each tool; through the state machine with a script, and through the real prompts of 'spredning fase'.
"""

from __future__ import annotations

import datetime

from projectkit import give, new_project, saved, session
from scripted import ScriptedFrontEnd

from spredning.app.answering import Session
from spredning.app.readiness import InterviewFollowUp
from spredning.core import followup
from spredning.core.interview import Interview, NewAction, Rating, Resume, Review

ENTER = "\r"
ESC_ENTER = "\x1b\r"
DOWN = "\x1b[B"
FJERN_TOOL = "fjern.fjern-forhindringer"
FJERN_SHORT = "fjern-forhindringer"  # as a hint names it: the id's own part, no other tool has it
FJERN = [
    "fjern.fjern-forhindringer.genbruge.regler-procedurer",
    "fjern.fjern-forhindringer.genbruge.rutiner-arbejdsgange",
    "fjern.fjern-forhindringer.genbruge.incitamenter",
    "fjern.fjern-forhindringer.genbruge.strategier-politikker",
    "fjern.fjern-forhindringer.genbruge.projekter",
]


def run(ws, slug: str, script, phase: str = "tjek", role: str = "genbruge", follow=True):
    recorder = session(ws, slug, role)
    machine = Interview(
        ws.guide.find_phase(phase), role, recorder, InterviewFollowUp(ws, recorder) if follow else None
    )
    front = ScriptedFrontEnd(script, role)
    front.run(machine)
    assert front.script == [], f"script not used up: {front.script}"
    return front


def logged(front, kind: str) -> list:
    return [about for k, about in front.log if k == kind]


def the_plan(ws, slug):
    project = ws.store.load(slug)
    return followup.plan_items(project, project.partners[0])


def test_every_tool_asks_for_readiness_and_only_afstem_forventninger_for_actions(ws):
    slug = new_project(ws)
    sizes = [2, 2, 2, 3, 5]
    script = []
    for number, size in enumerate(sizes):
        script += [""] * size + [Review.NEXT]
        if number == 4:  # Afstem forventninger: the guide asks for action here
            script += [NewAction("Aftal møderne", "Projektleder", datetime.date(2026, 5, 1)), None]
        script.append(Rating("gul", "Vi mangler tal") if number == 0 else None)

    front = run(ws, slug, script)

    assert [tool for tool, _ in logged(front, "rate")] == [
        "tjek.beskriv-innovationen",
        "tjek.fortael-den-gode-historie",
        "tjek.kom-rundt-om-loesningen",
        "tjek.tjek-relevans-og-timing",
        "tjek.afstem-forventninger",
    ]
    assert logged(front, "offer-actions") == [
        ("tjek.afstem-forventninger", ()),
        ("tjek.afstem-forventninger", ("Aftal møderne",)),  # offered again, with the one just added
    ]
    [item] = the_plan(ws, slug)
    assert (item.what, item.who, item.due, item.source) == (
        "Aftal møderne",
        "Projektleder",
        datetime.date(2026, 5, 1),
        "tjek.afstem-forventninger",
    )
    project = ws.store.load(slug)
    mark = followup.readiness(project, project.partners[0], "tjek.beskriv-innovationen", "genbruge")
    assert (mark.colour, mark.reason) == ("gul", "Vi mangler tal")
    assert followup.readiness(project, project.partners[0], "tjek.afstem-forventninger", "genbruge") is None


def test_the_current_mark_is_shown_the_next_time(ws):
    slug = new_project(ws)
    run(ws, slug, ["Ja", "", Review.NEXT, Rating("rød"), "", "", Review.STOP], phase="tjek")

    front = run(ws, slug, [Resume.REVIEW_ALL, "Ja", "", Review.NEXT, None, "", "", Review.STOP], phase="tjek")

    assert logged(front, "rate") == [("tjek.beskriv-innovationen", "rød")]


def test_stop_and_previous_at_the_review_skip_the_offers(ws):
    slug = new_project(ws)
    front = run(ws, slug, ["", "", Review.NEXT, None, "", "", Review.PREVIOUS, "", "", Review.STOP])
    assert len(logged(front, "rate")) == 1


def test_without_a_follow_up_the_interview_is_as_before(ws):
    slug = new_project(ws)
    front = run(ws, slug, [*[""] * 5, Review.NEXT], phase="fjern", follow=False)
    assert not logged(front, "rate") and not logged(front, "offer-actions")


def test_the_sharing_side_with_several_partners_keeps_its_actions_general(ws):
    slug = new_project(ws, role="dele", partners=("Ærø Kommune", "Fanø Kommune"))
    fresh = Session(ws, slug, "dele", None)
    machine = Interview(ws.guide.find_phase("fjern"), "dele", fresh, InterviewFollowUp(ws, fresh))
    ScriptedFrontEnd(
        [*[""] * 6, Review.NEXT, NewAction("Fjern dobbeltregistrering"), None, Rating("rød")], "dele"
    ).run(machine)

    project = ws.store.load(slug)
    [item] = followup.plan_items(project, None)
    assert item.where == "" and item.source == FJERN_TOOL
    for partner in project.partners:
        assert followup.readiness(project, partner, FJERN_TOOL, "dele").colour == "rød"


# --- the real prompts in 'spredning fase' -------------------------------------------------------------


def test_fase_offers_an_action_and_a_readiness_mark_in_fjern(fase_in_terminal, ws):
    slug = new_project(ws)
    answers = "".join(f"svar {n}" + ESC_ENTER for n in range(1, 6))
    keys = (
        answers
        + ENTER  # the review: go on
        + DOWN
        + ENTER  # the offer: add an action (Enter alone would go on)
        + "Ændr kvalitetsstandarden"
        + ENTER
        + "Sundhedschefen"
        + ENTER
        + "12-03-2026"
        + ENTER
        + ENTER  # the offer again: go on
        + DOWN * 2
        + ENTER  # readiness: gul (below "Spring over" and grøn)
        + "Budgettet er uafklaret"
        + ENTER
    )

    code, out, err = fase_in_terminal(keys, "fjern")

    assert code == 0, err
    assert saved(ws, slug) == {qid: f"svar {n}" for n, qid in enumerate(FJERN, 1)}
    [item] = the_plan(ws, slug)
    assert (item.what, item.who, item.due, item.source) == (
        "Ændr kvalitetsstandarden",
        "Sundhedschefen",
        datetime.date(2026, 3, 12),
        FJERN_TOOL,
    )
    project = ws.store.load(slug)
    mark = followup.readiness(project, project.partners[0], FJERN_TOOL, "genbruge")
    assert (mark.colour, mark.reason) == ("gul", "Budgettet er uafklaret")
    assert "Guiden beder jer om at handle i Fjern forhindringer" in " ".join(out.split())


def test_fase_enter_at_the_offers_adds_nothing(fase_in_terminal, ws):
    slug = new_project(ws)
    give(ws, slug, {"tilpas.genbrug-kontakter.genbruge.kontakter-genbruge": "Hospitalet"})

    code, _, err = fase_in_terminal(
        ENTER + ESC_ENTER + ENTER + ENTER, "tilpas"
    )  # continue, save, go on, skip

    assert code == 0, err
    project = ws.store.load(slug)
    assert not project.records
    assert ws.store.path_for(slug).read_text(encoding="utf-8").startswith("format: '2'")


def test_fase_enter_at_the_action_offer_goes_on(fase_in_terminal, ws):
    slug = new_project(ws)
    answers = "".join(f"svar {n}" + ESC_ENTER for n in range(1, 6))

    code, out, err = fase_in_terminal(answers + ENTER + ENTER + ENTER, "fjern")  # review, offer, readiness

    assert code == 0, err
    assert the_plan(ws, slug) == [] and not ws.store.load(slug).records
    assert "Fasen Fjern er gennemgået: 5 af 5" in " ".join(out.split())


# --- a stop while a mark or an action is being given: said, and the typed text kept in a command -------

CTRL_C = "\x03"


def _again(err: str, label: str, start: str) -> list[str]:
    """The command after `label` in a message, as its words; it begins with `start` and is kept whole.

    The words before it are broken to the width, so the command may begin a line of its own.
    """
    import shlex

    said = " ".join(err.split("\n"))
    assert f"{label} spredning {start}" in " ".join(said.split())
    line = next(line for line in err.splitlines() if f"spredning {start}" in line)
    return shlex.split(line[line.index(f"spredning {start}") :])[1:]  # without the program's name


def test_fase_stopped_while_adding_an_action_says_it_is_not_added_and_how(fase_in_terminal, ws, run_cli):
    slug = new_project(ws)
    answers = "".join(f"svar {n}" + ESC_ENTER for n in range(1, 6))
    keys = (
        answers + ENTER + DOWN + ENTER + "Ændr kvalitetsstandarden" + ENTER + "Sundhedschefen's team" + CTRL_C
    )

    code, _, err = fase_in_terminal(keys, "fjern")

    assert code == 130
    assert the_plan(ws, slug) == []
    said = " ".join(err.split())
    assert "Handlingen fra Fjern forhindringer er ikke tilføjet." in said
    again = _again(err, "Tilføj handlingen med:", "plan tilføj")
    assert again == [
        "plan",
        "tilføj",
        "--fase",
        FJERN_SHORT,
        "--hvad",
        "Ændr kvalitetsstandarden",
        "--hvem",
        "Sundhedschefen's team",
    ]
    assert "Fortsæt senere med: spredning fase fjern --rolle genbruge" in said

    code, _, err = run_cli(*again)  # the command given adds the action as it was typed

    assert code == 0, err
    [item] = the_plan(ws, slug)
    assert (item.what, item.who, item.source) == (
        "Ændr kvalitetsstandarden",
        "Sundhedschefen's team",
        FJERN_TOOL,
    )


def test_fase_stopped_after_a_refused_deadline_says_it_is_left_out(fase_in_terminal, ws):
    new_project(ws)
    answers = "".join(f"svar {n}" + ESC_ENTER for n in range(1, 6))
    keys = answers + ENTER + DOWN + ENTER + "Ændr standarden" + ENTER + "Bo" + ENTER + "12/3" + ENTER + CTRL_C

    code, _, err = fase_in_terminal(keys, "fjern")

    assert code == 130
    said = " ".join(err.split())
    assert (
        "Fristen, du skrev ('12/3'), kunne ikke bruges, så den er udeladt: "
        "'12/3' er ikke en hel dato: året mangler." in said
    )
    again = _again(err, "Tilføj handlingen med:", "plan tilføj")
    assert "--frist" not in again
    assert again[-2:] == ["--hvem", "Bo"]


def test_fase_stopped_at_the_marks_reason_says_it_is_not_saved_and_how(fase_in_terminal, ws, run_cli):
    slug = new_project(ws)
    answers = "".join(f"svar {n}" + ESC_ENTER for n in range(1, 6))
    reason = "Vi mangler tal fra økonomiafdelingen om besparelsen"
    keys = answers + ENTER + ENTER + DOWN * 2 + ENTER + reason + CTRL_C  # review, offer, gul, reason

    code, _, err = fase_in_terminal(keys, "fjern")

    assert code == 130
    project = ws.store.load(slug)
    assert followup.readiness(project, project.partners[0], FJERN_TOOL, "genbruge") is None
    assert "Markeringen efter Fjern forhindringer (gul) er ikke gemt." in " ".join(err.split())
    again = _again(err, "Gem markeringen med:", "klarhed")
    assert again == ["klarhed", FJERN_SHORT, "gul", "--begrundelse", reason, "--rolle", "genbruge"]

    code, _, err = run_cli(*again)

    assert code == 0, err
    project = ws.store.load(slug)
    mark = followup.readiness(project, project.partners[0], FJERN_TOOL, "genbruge")
    assert (mark.colour, mark.reason) == ("gul", reason)


def test_fase_in_english_stopped_at_the_marks_reason_gives_the_english_colour(fase_in_terminal, ws, run_cli):
    slug = new_project(ws)
    answers = "".join(f"answer {n}" + ESC_ENTER for n in range(1, 6))
    reason = "We lack figures from finance"
    keys = answers + ENTER + ENTER + DOWN * 2 + ENTER + reason + CTRL_C  # review, offer, yellow, reason

    code, _, err = fase_in_terminal(keys, "fjern", "--sprog", "en")

    assert code == 130
    assert "The mark after Eliminate obstacles (yellow) has not been saved." in " ".join(err.split())
    again = _again(err, "Save the mark with:", "--sprog en klarhed")
    assert again == [
        "--sprog",
        "en",
        "klarhed",
        "Eliminate obstacles",  # the tool as the English guide writes it, not its Danish id
        "yellow",
        "--begrundelse",
        reason,
        "--rolle",
        "genbruge",
    ]

    code, _, err = run_cli(*again)  # the English word it gives is taken

    assert code == 0, err
    project = ws.store.load(slug)
    mark = followup.readiness(project, project.partners[0], FJERN_TOOL, "genbruge")
    assert (mark.colour, mark.reason) == ("gul", reason)


def test_fase_stopped_at_a_question_says_nothing_of_marks_or_actions(fase_in_terminal, ws):
    new_project(ws)

    code, _, err = fase_in_terminal("svar 1" + ESC_ENTER + "halvt" + CTRL_C, "fjern")

    assert code == 130
    said = " ".join(err.split())
    assert "Markeringen" not in said and "Handlingen" not in said
    assert "Fortsæt senere med: spredning fase fjern --rolle genbruge" in said


def test_fase_stopped_at_the_reason_of_a_mark_left_as_it_was_says_nothing_is_unsaved(
    fase_in_terminal, ws, run_cli
):
    """Found in a trial: the saved mark, its colour and reason left as they stood, was said to be
    'ikke gemt', with a command to save it again: as if something typed were lost."""
    slug = new_project(ws)
    reason = "Vi mangler tal fra økonomiafdelingen"
    assert run_cli("klarhed", FJERN_TOOL, "gul", "--begrundelse", reason)[0] == 0
    answers = "".join(f"svar {n}" + ESC_ENTER for n in range(1, 6))
    keys = answers + ENTER + ENTER + ENTER + CTRL_C  # review, offer, the mark's colour (gul, chosen already)

    code, _, err = fase_in_terminal(keys, "fjern")

    assert code == 130
    said = " ".join(err.split())
    assert "Markeringen efter" not in said and "Gem markeringen med" not in said, said
    project = ws.store.load(slug)
    mark = followup.readiness(project, project.partners[0], FJERN_TOOL, "genbruge")
    assert (mark.colour, mark.reason) == ("gul", reason)


def test_fase_stopped_at_a_marks_reason_too_long_says_it_must_be_shortened(fase_in_terminal, ws, run_cli):
    # the stop said 'Gem markeringen med: …' with a reason the command is then refused for
    new_project(ws)
    answers = "".join(f"svar {n}" + ESC_ENTER for n in range(1, 6))
    reason = " ".join(["besparelse"] * 50)  # 549 characters: more than a mark's reason takes
    keys = answers + ENTER + ENTER + DOWN * 2 + ENTER + reason + ENTER + CTRL_C  # refused, then Ctrl+C

    code, _, err = fase_in_terminal(keys, "fjern")

    assert code == 130
    said = " ".join(err.split())
    assert (
        "Teksten efter --begrundelse er for lang (højst 500 tegn), så kommandoen afvises, som den står: "
        "gør teksten kortere, før du kører den. Gem markeringen med:" in said
    ), said
    again = _again(err, "Gem markeringen med:", "klarhed")
    assert again[again.index("--begrundelse") + 1] == reason  # given back whole, to shorten

    assert run_cli(*again)[0] == 2  # as the words say: refused as it stands


# --- Esc in the offers after a tool: declines the offer, as the first choice does, and the help says so -

ESC = "\x1b"  # always followed by another key: a lone Esc at the end of the input is lost


def test_fase_esc_at_the_action_offer_goes_on_to_the_readiness_mark(on_screen, ws):
    """From a trial: Esc in "Hvad vil du?" ended the whole phase ("Stoppet. … Klarheden … er ikke
    markeret"), and the list's help said nothing of Esc."""
    slug = new_project(ws)
    answers = "".join(f"svar {n}" + ESC_ENTER for n in range(1, 6))
    keys = answers + ENTER + ESC + DOWN * 2 + ENTER + "Budgettet er uafklaret" + ENTER  # review, offer, gul

    run = on_screen(keys, "fase", "fjern")

    assert run.code == 0, run.err
    assert the_plan(ws, slug) == []
    project = ws.store.load(slug)
    mark = followup.readiness(project, project.partners[0], FJERN_TOOL, "genbruge")
    assert (mark.colour, mark.reason) == ("gul", "Budgettet er uafklaret")
    assert "Esc går videre; Ctrl+C stopper)" in " ".join(run.screen.split())
    # found in two trials: nothing said the mark was saved; the next tool (or the end) just came
    said = " ".join(run.out.split())
    assert "Klarheden efter »Fjern forhindringer« er gemt: gul." in said, said


def test_fase_esc_at_the_readiness_mark_skips_it(on_screen, ws):
    slug = new_project(ws)
    answers = "".join(f"svar {n}" + ESC_ENTER for n in range(1, 6))

    run = on_screen(answers + ENTER + ENTER + ESC + ENTER, "fase", "fjern")  # review, offer, Esc

    assert run.code == 0, run.err
    assert "Fasen Fjern er gennemgået: 5 af 5" in " ".join(run.out.split())
    assert "er gemt: " not in run.out  # skipped: no mark said to be saved
    assert "Stoppet" not in run.err
    assert saved(ws, slug) == {qid: f"svar {n}" for n, qid in enumerate(FJERN, 1)}
    assert not ws.store.load(slug).records
    assert "Esc springer over; Ctrl+C stopper)" in " ".join(run.screen.split())


def test_fase_esc_at_the_readiness_mark_keeps_the_mark_given_before(on_screen, ws, run_cli):
    slug = new_project(ws)
    reason = "Vi mangler tal fra økonomiafdelingen"
    assert run_cli("klarhed", FJERN_TOOL, "rød", "--begrundelse", reason)[0] == 0
    answers = "".join(f"svar {n}" + ESC_ENTER for n in range(1, 6))

    run = on_screen(answers + ENTER + ENTER + ESC + ENTER, "fase", "fjern")

    assert run.code == 0, run.err
    project = ws.store.load(slug)
    mark = followup.readiness(project, project.partners[0], FJERN_TOOL, "genbruge")
    assert (mark.colour, mark.reason) == ("rød", reason)
    assert "Esc beholder markeringen; Ctrl+C stopper)" in " ".join(run.screen.split())


def test_stop_here_names_the_questions_with_text_not_saved_as_their_answer(fase_in_terminal, ws):
    """Found in a trial: after 'Stop her (alt er gemt)' the stop said only how many questions were
    answered, while a reason typed for "not relevant" and left beside the saved answer (and text
    left with PgUp) was not in any answer: now the stop names those questions, as Ctrl+C does."""
    new_project(ws)
    ctrl_n, ctrl_b = "\x0e", "\x02"  # "not relevant", and back from its reason to the answer
    keys = "A" + ctrl_n + "Måske ikke relevant" + ctrl_b + ESC_ENTER + "B" + ESC_ENTER + DOWN * 2 + ENTER

    code, out, err = fase_in_terminal(keys, "tjek")

    assert code == 0, err
    said = " ".join(out.split())
    assert "Stoppet. Dine svar er gemt: 2 af 14 spørgsmål i fasen Tjek er besvaret." in said
    # its answer is saved: the reason is named as what is not, not the answer (found in a re-trial)
    assert "Spørgsmål 1 har en begrundelse for »ikke relevant«, som ikke er gemt: den står klar" in said
    assert "kladde" not in said


def test_alt_enter_in_the_reason_for_not_relevant_marks_the_question_as_enter_does(fase_in_terminal, ws):
    """Found in a re-trial: Alt+Enter (Esc and Enter at once) in the reason field went back to the
    answer field, which got a new line; pressed again, it saved the answer draft instead of the mark."""
    slug = new_project(ws)
    ctrl_n = "\x0e"

    code, _, err = fase_in_terminal("noget" + ctrl_n + "ikke aktuelt" + ESC_ENTER + "\x03", "tjek")

    assert code == 130, err
    assert saved(ws, slug) == {
        "tjek.beskriv-innovationen.genbruge.interessant": ("ikke relevant", "ikke aktuelt")
    }


def _read_only_at(monkeypatch, ws, slug: str, method: str) -> None:
    """The project file is made read-only just as the interview saves a mark or an action (a trial
    did it with a remounted drive while the reason's field was open): the save is refused."""
    original = getattr(InterviewFollowUp, method)

    def refused(self, *args):
        ws.store.path_for(slug).chmod(0o444)
        return original(self, *args)

    monkeypatch.setattr(InterviewFollowUp, method, refused)


def test_fase_whose_mark_cannot_be_saved_gives_the_command_that_saves_it(
    fase_in_terminal, ws, run_cli, monkeypatch
):
    slug = new_project(ws)
    _read_only_at(monkeypatch, ws, slug, "rate")
    answers = "".join(f"svar {n}" + ESC_ENTER for n in range(1, 6))
    reason = "Gul fordi jura mangler"
    keys = answers + ENTER + ENTER + DOWN * 2 + ENTER + reason + ENTER  # review, offer, gul, reason

    code, _, err = fase_in_terminal(keys, "fjern")

    assert code == 1
    said = " ".join(err.split())
    assert "skrivebeskyttet" in said and "Det, du skrev, er ikke gemt" in said
    again = _again(err, "gem det, når problemet er løst, med:", "klarhed")
    assert again == ["klarhed", FJERN_SHORT, "gul", "--begrundelse", reason, "--rolle", "genbruge"]
    assert saved(ws, slug) == {qid: f"svar {n}" for n, qid in enumerate(FJERN, 1)}  # the answers stay
    ws.store.path_for(slug).chmod(0o644)

    code, _, err = run_cli(*again)

    assert code == 0, err
    project = ws.store.load(slug)
    mark = followup.readiness(project, project.partners[0], FJERN_TOOL, "genbruge")
    assert (mark.colour, mark.reason) == ("gul", reason)


def test_fase_whose_action_cannot_be_added_gives_the_command_that_adds_it(
    fase_in_terminal, ws, run_cli, monkeypatch
):
    slug = new_project(ws)
    _read_only_at(monkeypatch, ws, slug, "add_action")
    answers = "".join(f"svar {n}" + ESC_ENTER for n in range(1, 6))
    what = "Ændr kvalitetsstandarden"
    keys = answers + ENTER + DOWN + ENTER + what + ENTER + "Sundhedschefen" + ENTER + "12-03-2027" + ENTER

    code, _, err = fase_in_terminal(keys, "fjern")

    assert code == 1
    again = _again(err, "gem det, når problemet er løst, med:", "plan tilføj")
    assert again == [
        "plan", "tilføj", "--fase", FJERN_SHORT, "--hvad", what, "--hvem", "Sundhedschefen",
        "--frist", "12-03-2027",
    ]  # fmt: skip
    ws.store.path_for(slug).chmod(0o644)

    code, _, err = run_cli(*again)

    assert code == 0, err
    [item] = the_plan(ws, slug)
    assert (item.what, item.who, item.due) == (what, "Sundhedschefen", datetime.date(2027, 3, 12))
