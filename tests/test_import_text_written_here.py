"""A text this computer wrote in the other side's answers, replaced by an import: said, and kept in a copy.

From a trial with three organisations: Region typed in Odense's (the sharing side's) answer with
`fase tjek --rolle dele`; Odense settled on another text, and Region's next import replaced Region's
text with "1 opdateret" alone, no line of what it was and no copy of the project file: the text was
gone from Region's computer. Now the import names it, with what it was and is, and keeps a copy first.
"""

from __future__ import annotations

import pytest
from exchange_kit import D1, Org, backups, flat, start_sharing

pytestmark = pytest.mark.usefixtures("work_in_tmp")


def test_a_text_written_in_the_sharing_sides_answer_replaced_there_is_said_and_kept(tmp_path):
    odense = start_sharing(Org(tmp_path / "odense", tmp_path), answers={D1: "Færre genindlæggelser"})
    aeroe = Org(tmp_path / "aeroe", tmp_path)
    assert aeroe.import_(odense.export())[0] == 0
    aeroe.answer({D1: "Ærøs forslag: video-genoptræning"}, "--rolle", "dele")
    assert odense.import_(aeroe.export())[0] == 0
    odense.answer({D1: "Odenses egen tekst"})

    kept = backups(aeroe)
    dry = flat(aeroe.import_(odense.export(), "--tør")[1])
    assert "projektfilen gemmes først som en kopi" in dry, dry
    code, out, err = aeroe.import_(odense.export())

    assert code == 0, err
    said = flat(out)
    assert "Odense Kommune har ændret 1 svar blandt deres egne, som I har skrevet i:" in said, said
    assert "Ærøs forslag: video-genoptræning" in said and "Odenses egen tekst" in said
    (copy,) = set(backups(aeroe)) - set(kept)
    assert "Ærøs forslag: video-genoptræning" in copy.read_text(encoding="utf-8")
    assert aeroe.texts()[D1] == "Odenses egen tekst"

    # found in a re-trial: Odense's next text, over its own, was still called one Ærø had written in
    odense.answer({D1: "Odenses anden tekst"})
    kept = backups(aeroe)
    said = flat(aeroe.import_(odense.export())[1])
    assert "som I har skrevet i" not in said and "kopi" not in said, said
    assert backups(aeroe) == kept and aeroe.texts()[D1] == "Odenses anden tekst"


def test_a_text_of_theirs_never_written_here_is_no_news_of_that_kind(tmp_path):
    odense = start_sharing(Org(tmp_path / "odense", tmp_path), answers={D1: "Færre genindlæggelser"})
    aeroe = Org(tmp_path / "aeroe", tmp_path)
    assert aeroe.import_(odense.export())[0] == 0
    odense.answer({D1: "Odenses egen tekst"})
    kept = backups(aeroe)

    said = flat(aeroe.import_(odense.export())[1])

    assert "som I har skrevet i" not in said and "kopi" not in said, said
    assert backups(aeroe) == kept
