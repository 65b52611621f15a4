"""A pasted colour code (␛[31m) is escaped alike everywhere in a Markdown report."""

from __future__ import annotations

import pytest
from exchange_kit import D1, D2, D3, Org, start_sharing

pytestmark = pytest.mark.usefixtures("work_in_tmp")


@pytest.fixture
def sharing(tmp_path, run_cli) -> Org:
    return start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), answers={D1: "Mål"})


def test_a_colour_code_is_escaped_alike_everywhere_in_a_markdown_report(sharing, tmp_path):
    red = "\x1b[31mrød\x1b[0m"
    sharing.answer(
        {
            D2: f"Farve {red} og [et ord i klammer]",  # a ']' in the paragraph: '[' is escaped anyway
            D3: f"Farve {red} alene",
            "tjek.beskriv-innovationen.dele.formaal": {"ikke-relevant": "ja", "begrundelse": f"Grund {red}"},
        }
    )
    target = tmp_path / "rapport.md"
    sharing.ok("rapport", "--format", "md", "--ud", str(target))

    text = target.read_text(encoding="utf-8")

    assert "Farve ␛\\[31mrød␛\\[0m og \\[et ord i klammer]" in text
    assert "Farve ␛\\[31mrød␛\\[0m alene" in text
    assert "Grund ␛\\[31mrød␛\\[0m" in text
    assert "␛[" not in text
