"""The files of the user's own text left in .spredning/ are named in the order they were made, by status too.

The editor's text not taken in (SLUG-tekst-fra-editoren.txt, -2, …) was listed as names sort: -10
and -2 before the first. And 'status' named neither those nor the combined texts set aside when
their conflict was settled elsewhere (SLUG-samlede-tekster-uden-konflikt.txt): only the next 'fase'
and 'konflikter' did, so a user who only looked at status never heard of them. Files as the program
leaves them (written here as it writes them), the command run as the user runs it.
"""

from __future__ import annotations

import json

import pytest
from exchange_kit import D1, Org, flat, start_sharing

pytestmark = pytest.mark.usefixtures("work_in_tmp")

EDITOR = "genoptraening-aeroe-tekst-fra-editoren"
ASIDE = "genoptraening-aeroe-samlede-tekster-uden-konflikt"


@pytest.fixture
def sharing(tmp_path, run_cli) -> Org:
    return start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), answers={D1: "Mål"})


def _left(org: Org, stem: str, *numbers: str) -> list:
    """Files left as the program names them (fileio.free_name), made in the order given."""
    made = []
    for number in numbers:
        path = org.home / ".spredning" / f"{stem}{number}.txt"
        path.write_text(f"Tekst {number or 1}\n", encoding="utf-8")
        made.append(path)
    return made


def _named(out: str, paths: list) -> list:
    said = flat(out)
    return sorted(paths, key=lambda path: said.index(str(path)))


def test_the_editors_files_are_named_in_the_order_they_were_made(sharing):
    made = _left(sharing, EDITOR, "", "-2", "-3", "-10")

    out = sharing.ok("konflikter")

    assert all(str(path) in flat(out) for path in made)
    assert _named(out, made) == made  # not -10, -2, -3, then the first


def test_status_names_the_editors_files_and_the_set_aside_texts_with_their_paths(sharing):
    editor = _left(sharing, EDITOR, "", "-2", "-10")
    aside = _left(sharing, ASIDE, "", "-2")
    [other] = _left(sharing, "genoptraening-tekst-fra-editoren", "")  # another project's (that slug's)

    out = sharing.ok("status")

    said = flat(out)
    assert str(other) not in said
    lines = [line.strip() for line in out.splitlines()]
    heading = lines.index("Tekst fra editoren, der ikke blev hentet ind, ligger i 3 filer:")
    assert lines[heading + 1 : heading + 4] == [str(path) for path in editor]  # whole, in the order made
    aside_said = "Samlede tekster, hvis konflikt er afgjort andetsteds, ligger i 2 filer:"
    assert f"{aside_said} {aside[0]} {aside[1]}" in said
    assert _named(out, editor) == editor and _named(out, aside) == aside
    english = flat(sharing.ok("--sprog", "en", "status"))
    assert f"Text from the editor that was not taken in is in 3 files: {editor[0]}" in english
    assert f"Combined texts whose conflict was settled elsewhere are in 2 files: {aside[0]}" in english
    data = json.loads(sharing.ok("status", "--json"))
    assert data["tekst_fra_editoren"] == [str(p) for p in editor]
    assert data["samlede_tekster_uden_konflikt"] == [str(p) for p in aside]
    for path in (*editor, *aside):
        path.unlink()
    data = json.loads(sharing.ok("status", "--json"))
    assert (data["tekst_fra_editoren"], data["samlede_tekster_uden_konflikt"]) == ([], [])
    assert "editoren" not in flat(sharing.ok("status"))


def test_status_of_several_partners_names_them_too(tmp_path, run_cli):
    odense = start_sharing(
        Org(tmp_path / "odense", tmp_path, run_cli),
        reusers=("Ærø Kommune", "Fanø Kommune"),
        answers={D1: "Mål"},
    )
    [path] = _left(odense, EDITOR, "")

    assert f"Tekst fra editoren, der ikke blev hentet ind, ligger i: {path}" in flat(odense.ok("status"))


def test_with_no_text_left_status_reads_no_other_languages_catalogue(sharing, monkeypatch):
    """Issue 16: naming the files meant reading every language's catalogue (their names are the
    language's) on each status, about 10 ms; with no file of the project's own text left, none."""
    from spredning import i18n
    from spredning.app import kept_files

    monkeypatch.setattr(i18n, "_catalogues", {code: i18n.catalogue(code) for code in ("da",)})
    assert kept_files.kept_files(sharing.home, sharing.slug, kept_files.EDITOR) == []
    assert kept_files.kept_files(sharing.home, sharing.slug, kept_files.SET_ASIDE) == []
    assert "en" not in i18n._catalogues

    [left] = _left(sharing, EDITOR, "")  # one left: now its name in each language is looked for
    assert kept_files.kept_files(sharing.home, sharing.slug, kept_files.EDITOR) == [left]
