"""merging.py: our heading lines come out of a combined text only when they are left as written."""

from __future__ import annotations

from spredning.cli.merging import heading_line, without_headings

HEADINGS = ["Ærø Kommunes udgave", "Odense Kommunes udgave"]


def versions() -> str:
    texts = ["Ærøs formål", "Odenses formål"]
    return "\n\n".join(f"{heading_line(h)}\n\n{text}" for h, text in zip(HEADINGS, texts, strict=True))


def test_heading_lines_left_as_written_are_taken_out():
    assert without_headings(versions() + "\n\nOg vores tilføjelse\n", HEADINGS) == (
        "Ærøs formål\n\nOdenses formål\n\nOg vores tilføjelse"
    )


def test_a_heading_line_the_user_changed_is_their_text_and_stays():
    edited = versions().replace("--- Odense Kommunes udgave ---", "--- Odenses bud, rettet ---")
    kept = "Ærøs formål\n\n--- Odenses bud, rettet ---\n\nOdenses formål"
    assert without_headings(edited, HEADINGS) == kept


def test_a_line_like_ours_inside_the_text_is_taken_only_when_it_is_exactly_ours():
    text = "Før\n--- Ærø Kommunes udgave --- og mere\nEfter"
    assert without_headings(text, HEADINGS) == text
