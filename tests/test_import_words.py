"""A refused import names what is wrong in the user's words, not the program's.

A damaged or forged answer is named as the dry run (`importer --tør`) names it: phase · tool · side
(and the organisation): the question, never its id; a file named .docx that is no Word document is
said to be that (renamed or damaged), not told that a worksheet is a Word document.
"""

from __future__ import annotations

import pytest
from exchange_kit import D1, G1, Org, flat, start_sharing, tree

from spredning.core import history

pytestmark = pytest.mark.usefixtures("work_in_tmp")

G1_PLACE = "Tjek · Beskriv innovationen · Vi vil genbruge (Fanø Kommune): Er løsningen umiddelbart interessant for jer? Hvorfor?"  # noqa: E501
D1_PLACE = "Tjek · Beskriv innovationen · Vi vil dele: Hvad er formålet?"


@pytest.fixture
def odense(tmp_path, run_cli) -> Org:
    return start_sharing(
        Org(tmp_path / "odense", tmp_path, run_cli),
        reusers=("Fanø Kommune", "Aarhus Kommune"),
        answers={D1: "Færre genindlæggelser"},
    )


@pytest.fixture
def fanoe(odense, tmp_path, run_cli) -> Org:
    org = Org(tmp_path / "fanoe", tmp_path, run_cli)
    assert org.import_(odense.export("--partner", "Fanø"))[0] == 0
    org.answer({G1: "Ja, fordi vi har de samme ventetider"})
    return org


def test_a_damaged_answer_is_named_by_phase_tool_side_organisation_and_question(odense, fanoe, tmp_path):
    sent = fanoe.export().read_text(encoding="utf-8")
    tampered = tmp_path / "aendret.yaml"
    tampered.write_text(sent.replace("de samme ventetider", "andre ventetider"), encoding="utf-8")
    before = tree(odense.home)

    code, _, err = odense.import_(tampered)

    assert code == 1
    said = flat(err)
    assert f"Intet er hentet. • {G1_PLACE}" in said
    assert G1 not in said and "fanoe-kommune" not in said
    assert tree(odense.home) == before


def test_a_forged_version_is_named_the_same_way(odense, fanoe, tmp_path):
    sent = odense.export("--partner", "Fanø").read_text(encoding="utf-8")
    lines = sent.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.strip() == f"{D1}:")
    version = next(i for i in range(at, len(lines)) if lines[i].strip().startswith("version:"))
    lines[version] = lines[version].rstrip("\n") + f" abc:{history.INCOMING_MAX_COUNT + 1}\n"
    forged = tmp_path / "forfalsket.yaml"
    forged.write_text("".join(lines), encoding="utf-8")

    code, _, err = fanoe.import_(forged)

    assert code == 1
    said = flat(err)
    assert "er ikke lavet af spredning" in said and f"• {D1_PLACE}" in said
    assert D1 not in said


@pytest.mark.parametrize("content", [b"Hej med dig\n", b"projekt:\n  navn: x\n", b"%PDF-1.7\n\x00\xff"])
@pytest.mark.parametrize("suffix", [".docx", ".DOC"])
def test_a_file_named_docx_that_is_not_a_word_document_is_said_to_be_that(odense, tmp_path, content, suffix):
    path = tmp_path / f"arbejdsark{suffix}"
    path.write_bytes(content)
    before = tree(odense.home)

    code, _, err = odense.import_(path)

    assert code == 1
    said = flat(err)
    assert f"ender på {suffix}, men er ikke et Word-dokument" in said
    assert "omdøbt eller beskadiget" in said
    assert "et udfyldt arbejdsark er et Word-dokument" not in said
    assert tree(odense.home) == before


def test_another_file_that_is_not_ours_is_still_told_what_ours_look_like(odense, tmp_path):
    path = tmp_path / "noter.txt"
    path.write_text("Hej med dig\n", encoding="utf-8")

    code, _, err = odense.import_(path)

    assert code == 1
    assert "et udfyldt arbejdsark er et Word-dokument (.docx)" in flat(err)


def test_the_first_import_in_english_says_how_to_correct_the_organisation_in_plain_english(
    odense, tmp_path, run_cli
):
    # trial6: "If you are another organisation than Fanø Kommune" (Danish word order)
    fanoe = Org(tmp_path / "fanoe", tmp_path, run_cli)

    out = flat(fanoe.ok("--sprog", "en", "importer", str(odense.export("--partner", "fanoe-kommune"))))

    assert (
        "If you are an organisation other than Fanø Kommune, correct it before you import more files" in out
    )
