"""A combined text written in the editor keeps the blank lines inside the versions as they were.

Found in a trial: an answer with two blank lines between its paragraphs came back from the editor
with one; the program closed up every run of blank lines in the whole text, not only the ones
left where its own heading lines were taken out.
"""

from __future__ import annotations

import os

import pytest
from terminal import DOWN, ENTER
from test_conflict_not_relevant import answer_of, settle, stub_editor, two_versions

from spredning.cli.merging import heading_line, without_headings
from spredning.core.model import Answer

OURS = "Behov:\n\tBorgere\n\n\nPolitisk: to tomme linjer over denne"


@pytest.mark.e2e
@pytest.mark.skipif(os.name != "posix", reason="the stub editor is a shell script")
def test_the_editor_keeps_two_blank_lines_the_user_left_alone(tmp_path, run_cli, pseudo_terminal):
    reusing = two_versions(tmp_path, run_cli, OURS, "Odenses formål")
    editor = stub_editor(tmp_path, "printf '\\nVores tilføjelse\\n' >> \"$1\"\n")

    settle(tmp_path, pseudo_terminal, [DOWN * 3 + ENTER, ENTER], editor)  # Jeres, Odenses, Begge, editor

    assert answer_of(reusing) == Answer(f"{OURS}\n\nOdenses formål\n\nVores tilføjelse")


def test_only_the_blank_lines_around_a_heading_taken_out_are_closed_up():
    headings = ["Ærø Kommunes udgave", "Odense Kommunes udgave"]
    text = f"\n{heading_line(headings[0])}\n\n\nA\n\n\n\nB\n\n\n{heading_line(headings[1])}\n\nC\n\n"
    assert without_headings(text, headings) == "A\n\n\n\nB\n\nC"
