"""Ctrl+C while a reason is typed: the words say where the reason is (kept as a draft, or in the
command that saves it) and what is not saved; the text is never lost.
"""

from __future__ import annotations

import yaml
from exchange_kit import flat
from projectkit import draft_key, drafts, new_project, saved

ENTER = "\r"
DOWN = "\x1b[B"
CTRL_C = "\x03"
CTRL_N = "\x0e"
CTRL_S = "\x13"
ESC_ENTER = "\x1b\r"


def test_klarhed_stopped_in_the_reason_says_it_is_not_saved_and_gives_the_command_with_it(
    on_screen, ws, reusing
):
    before = ws.store.path_for(reusing).read_bytes()

    run = on_screen(DOWN + ENTER + "Vi mangler tal" + CTRL_C, "klarhed", "beskriv-innovationen")

    assert run.code == 130
    assert flat(run.err) == (
        "Stoppet. Markeringen er ikke ændret. Begrundelsen, du skrev, er heller ikke gemt; "
        "gem markeringen med den: "
        "spredning klarhed beskriv-innovationen gul --begrundelse 'Vi mangler tal'"
    )
    assert ws.store.path_for(reusing).read_bytes() == before


def test_klarhed_stopped_before_a_reason_was_typed_does_not_speak_of_one(on_screen, reusing):
    run = on_screen(DOWN + ENTER + CTRL_C, "klarhed", "beskriv-innovationen")

    assert run.code == 130
    assert flat(run.err) == (
        "Stoppet. Markeringen er ikke ændret. Gem den med den farve, du valgte: "
        "spredning klarhed beskriv-innovationen gul"
    )


def test_in_english_the_reason_not_saved_is_said_too(on_screen, reusing):
    run = on_screen(DOWN + ENTER + "No figures" + CTRL_C, "--sprog", "en", "klarhed", "beskriv-innovationen")

    assert run.code == 130
    assert "The reason you typed has not been saved either; save the mark with it:" in flat(run.err)


Q1 = "tjek.beskriv-innovationen.genbruge.interessant"


def test_fase_stopped_in_the_not_relevant_reason_says_it_is_a_reason_kept_as_a_draft(fase_in_terminal, ws):
    slug = new_project(ws)

    code, _, err = fase_in_terminal(CTRL_N + "Ikke aktuelt for os" + CTRL_C, "tjek")

    assert code == 130
    said = flat(err)
    assert (
        "Begrundelsen i feltet er gemt som kladde, men spørgsmålet er ikke markeret med den: "
        "næste gang du åbner spørgsmålet, står den klar, og Ctrl+N markerer det med den."
    ) in said
    assert "Teksten i feltet er gemt som kladde" not in said
    assert drafts(ws, slug) == {draft_key(ws, slug, Q1): "Ikke aktuelt for os"}
    assert saved(ws, slug) == {}


def test_fase_stopped_in_a_reason_beside_an_answer_draft_says_both_are_kept(fase_in_terminal, ws):
    slug = new_project(ws)

    code, _, err = fase_in_terminal("Et halvt svar" + CTRL_N + "Ikke aktuelt" + CTRL_C, "tjek")

    assert code == 130
    said = flat(err)
    assert (
        "Svaret, du skrev, er gemt som kladde, og begrundelsen i feltet er gemt ved siden af det; "
        "spørgsmålet er ikke markeret med den."
    ) in said
    assert drafts(ws, slug) == {draft_key(ws, slug, Q1): "Et halvt svar"}
    state = yaml.safe_load((ws.store.home / ".spredning" / f"{slug}.yaml").read_text(encoding="utf-8"))
    assert state["begrundelser"] == {draft_key(ws, slug, Q1): "Ikke aktuelt"}
    assert saved(ws, slug) == {}


CTRL_B = "\x02"  # in the reason field: back to the answer field (as Esc and PgUp)


def test_fase_stopped_in_the_answer_after_a_reason_typed_beside_it_says_both_are_kept(fase_in_terminal, ws):
    """Ctrl+N, a reason, back to the answer, Ctrl+C: the answer draft and the reason are kept and said."""
    slug = new_project(ws)

    code, _, err = fase_in_terminal("Et halvt svar" + CTRL_N + "Ikke aktuelt" + CTRL_B + CTRL_C, "tjek")

    assert code == 130
    said = flat(err)
    assert "Teksten i feltet er gemt som kladde og står klar, næste gang du åbner spørgsmålet." in said
    assert (
        "Begrundelsen, du skrev med Ctrl+N, er også gemt som kladde ved siden af svaret, men spørgsmålet "
        "er ikke markeret med den. Næste gang står begrundelsen over svarfeltet, og Ctrl+N "
        "begynder med den."
    ) in said
    assert drafts(ws, slug) == {draft_key(ws, slug, Q1): "Et halvt svar"}
    state = yaml.safe_load((ws.store.home / ".spredning" / f"{slug}.yaml").read_text(encoding="utf-8"))
    assert state["begrundelser"] == {draft_key(ws, slug, Q1): "Ikke aktuelt"}
    assert saved(ws, slug) == {}


def test_in_english_a_stop_in_the_answer_says_the_reason_beside_it_is_kept_too(fase_in_terminal, ws):
    new_project(ws)

    code, _, err = fase_in_terminal("Half" + CTRL_N + "Not now" + CTRL_B + CTRL_C, "tjek", "--sprog", "en")

    assert code == 130
    said = flat(err)
    assert "The text in the field is saved as a draft" in said
    assert "The reason you typed with Ctrl+N has also been kept as a draft beside the answer" in said


def test_fase_stopped_in_an_answer_alone_says_nothing_of_a_reason(fase_in_terminal, ws):
    new_project(ws)

    code, _, err = fase_in_terminal("Et halvt svar" + CTRL_C, "tjek")

    assert code == 130
    assert "Teksten i feltet er gemt som kladde" in flat(err)
    assert "Begrundelsen" not in err


def test_fase_stopped_at_whether_an_answer_replaces_a_mark_says_the_answer_is_kept_as_a_draft(on_screen, ws):
    """Found in a re-trial: the answer was kept as the draft, but the stop's words did not say so."""
    from projectkit import give

    from spredning.core.model import Answer

    slug = new_project(ws)
    give(ws, slug, {Q1: Answer(text="Ikke aktuelt for os", not_relevant=True)})

    # from the start: the marked question, an answer typed and saved (Ctrl+S), then Ctrl+C at the question
    run = on_screen(DOWN + ENTER + "Jo, det er det alligevel" + CTRL_S + CTRL_C, "fase", "tjek")
    assert run.code == 130
    said = flat(run.err)
    assert "Teksten i feltet er gemt som kladde" in said, said
    assert drafts(ws, slug)[draft_key(ws, slug, Q1)] == "Jo, det er det alligevel"
    assert saved(ws, slug)[Q1] == ("ikke relevant", "Ikke aktuelt for os")
