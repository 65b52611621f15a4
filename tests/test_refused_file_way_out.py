"""A project file whose content is refused (an answer edited by hand into the wrong form) says where.

Found in stop 49's English trial: `tekst: [1, 2]` or `ikke-relevant: maybe` in an answer was
refused with "the answer to '…' does not have the right form. … Correct it in a text editor",
with no line to go to, and without the backup lying beside the file, which the refusal of a file
YAML cannot read names. And "Projektfilen …: har ikke et gyldigt formatnummer" was no sentence.
Real files, the command as the user runs it.
"""

from __future__ import annotations

import pytest
from exchange_kit import D1, D2, G1, Org, flat, start_sharing

pytestmark = pytest.mark.usefixtures("work_in_tmp")


def broken(org: Org, old: str, new: str) -> int:
    """Replace `old` (a line's text) by `new` in the project file; the line's number (from 1)."""
    lines = org.path.read_text(encoding="utf-8").split("\n")
    [number] = [n for n, line in enumerate(lines) if line.strip() == old]
    lines[number] = lines[number].replace(old, new)
    org.path.write_text("\n".join(lines), encoding="utf-8")
    return number + 1


@pytest.mark.parametrize("wrong", ["tekst: [1, 2]", "tekst: {a: 1}"])
def test_an_answer_in_the_wrong_form_is_refused_with_its_line(tmp_path, run_cli, wrong):
    odense = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), answers={D1: "Mål", D2: "Løsning"})
    line = broken(odense, "tekst: Løsning", wrong)

    code, _, err = odense("status")

    said = flat(err)
    assert code == 1, err
    assert (
        f"Projektfilen {odense.path} kan ikke bruges: svaret på '{D2}' har ikke den rigtige form." in said
    ), said
    assert f"Ret den i en teksteditor ved linje {line - 1}, og prøv igen." in said  # the answer's first line


def test_a_reusing_organisations_answer_is_found_in_its_own_section(tmp_path, run_cli):
    odense = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), answers={D1: "Mål"})
    odense.answer({G1: "Ja"}, "--rolle", "genbruge")
    line = broken(odense, "tekst: Ja", "tekst: [ja]")

    code, _, err = odense("--sprog", "en", "status")

    said = flat(err)
    assert code == 1, err
    assert f"the answer to '{G1}' does not have the right form" in said
    assert f"Correct it in a text editor at line {line - 1}, and try again." in said


def test_a_backup_beside_the_file_is_named_to_restore(tmp_path, run_cli):
    odense = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), answers={D1: "Mål"})
    broken(odense, "tekst: Mål", "tekst: Mål rettet i hånden")
    odense.answer({D2: "Løsning"})  # saved over a file edited by hand: the file as it was is kept
    [backup] = [p for p in odense.home.iterdir() if ".bak-" in p.name]
    line = broken(odense, "tekst: Løsning", "ikke-relevant: kanske")

    code, _, err = odense("status")

    said = flat(err)
    assert code == 1, err
    # the line too (found in the trial of this): the backup may be older than the last edit by hand
    assert f"Ret den i en teksteditor ved linje {line - 1}, og prøv igen; eller gendan" in said, said
    assert f"gendan den nyeste sikkerhedskopi ved siden af den, {backup.name}" in said, said
    assert f"giv kopien navnet {odense.path.name}" in said


def test_a_file_without_its_format_number_names_the_backup_beside_it(tmp_path, run_cli):
    odense = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), answers={D1: "Mål"})
    broken(odense, "tekst: Mål", "tekst: Mål rettet i hånden")
    odense.answer({D2: "Løsning"})
    [backup] = [p for p in odense.home.iterdir() if ".bak-" in p.name]
    text = odense.path.read_text(encoding="utf-8")
    odense.path.write_text(text.replace(text.split("\n", 1)[0], "format: x", 1), encoding="utf-8")

    code, _, err = odense("--sprog", "en", "status")

    said = flat(err)
    assert code == 1, err
    assert "cannot be used: the file has no valid format number" in said
    assert f"restore the newest backup beside it, {backup.name}" in said, said


def test_a_file_without_its_format_number_is_said_in_a_sentence(tmp_path, run_cli):
    odense = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli))
    text = odense.path.read_text(encoding="utf-8")
    first = text.split("\n", 1)[0]
    assert first.startswith("format:")
    odense.path.write_text(text.replace(first, "format: x", 1), encoding="utf-8")

    code, _, err = odense("status")

    assert code == 1, err
    assert f"Projektfilen {odense.path} kan ikke bruges: filen mangler et gyldigt formatnummer" in flat(err)


def test_an_unknown_partners_section_is_refused_with_its_line(tmp_path, run_cli):
    """Left in the trial of this stop: the refusal of a section under a partner the file does not have
    gave no line."""
    odense = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), answers={D1: "Mål"})
    odense.answer({G1: "Ja"}, "--rolle", "genbruge")
    line = broken(odense, "aeroe-kommune:", "fanoe-kommune:")

    code, _, err = odense("status")

    said = flat(err)
    assert code == 1, err
    assert "svarene under 'svar.genbruge.fanoe-kommune' hører til en organisation" in said, said
    assert f"Ret den i en teksteditor ved linje {line}, og prøv igen." in said, said
