"""The agenda names the answers to our own questions that the partner wrote (a trial: Fredericia's
worksheet changed two of Vejle's answers; the import said so, the agenda's point 2 did not).

Only the sharing side knows who wrote a text (every partner's file comes to it straight from the
partner), so only its agenda says it. Run with the installed command's code, on real files.
"""

from __future__ import annotations

from exchange_kit import D1, D2, Org, flat, start_sharing

SAID = "Svaret på 1 af jeres egne spørgsmål er skrevet af Ærø Kommune:"


def _agenda(org: Org, path) -> str:
    org.ok("dagsorden", "--format", "md", "--ud", str(path), "--overskriv")
    return flat(path.read_text(encoding="utf-8"))


def test_the_partners_text_in_our_own_question_is_on_the_agenda_until_a_meeting(tmp_path, run_cli):
    odense = start_sharing(
        Org(tmp_path / "odense", tmp_path, run_cli), answers={D1: "Formålet", D2: "Løsningen"}
    )
    aeroe = Org(tmp_path / "aeroe-kommune", tmp_path, run_cli)
    assert aeroe.import_(odense.export())[0] == 0
    aeroe.answer({D1: "Ærøs bud på formålet"}, "--rolle", "dele")
    assert odense.import_(aeroe.export())[0] == 0

    text = _agenda(odense, tmp_path / "dagsorden.md")

    point = text[text.index("Nye svar fra") : text.index("3. ")]
    assert SAID in point and "Ærøs bud på formålet" in point[point.index(SAID) :]
    assert "Løsningen" not in point  # our own text in our own question: no news

    odense.ok("møde")
    assert SAID not in _agenda(odense, tmp_path / "dagsorden.md")  # discussed at the meeting since
