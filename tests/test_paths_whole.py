"""A path longer than its place on the line stays one line in the text, so it is copied whole.

At 60 columns the project's file in the facts of 'status' and 'vis' was folded inside its cell
with real line breaks ('…/und' / 'ermappe…'), and so was a long projects folder in a message
('Mappen /tmp/…/undermap' / 'pe-med-langt-navn findes ikke.') and under 'projekter' (layout11).
Copied, such a path is broken. Now a path too long for its place gets a line of its own, which
only the terminal folds. The installed command writes to a pseudo-terminal; the stream is
checked for the path in one piece, and a terminal emulator (pyte) for what the screen shows.
"""

from __future__ import annotations

import pytest
from terminal import ANSI, done_ok, on_terminal, person, rendered

pytestmark = pytest.mark.e2e

LONG = "en-meget-lang-mappe-som-brugeren-har-valgt/undermappe-med-et-langt-navn"
SLUG = "genoptraening-paa-aeroe-og-fanoe"
START = ["start", "--navn", "Genoptræning på Ærø og Fanø", "--rolle", "dele", "--deler", "Ærø Kommune"]


@pytest.fixture
def env(tmp_path) -> dict[str, str]:
    env = person(tmp_path, lines=40)
    env["SPREDNING_HJEM"] = str(tmp_path / "hjem" / LONG)
    (tmp_path / "hjem" / LONG).mkdir(parents=True)
    done_ok(env, *START, "--genbruger", "Fanø Kommune")
    return env


def whole_in(stream: str, path: str) -> list[str]:
    """The lines of the stream (ANSI stripped) that hold the path whole; a folded path is in none."""
    return [line for line in ANSI.sub("", stream).split("\n") if path in line]


@pytest.mark.parametrize("columns", [60, 80])
@pytest.mark.parametrize("command", [["status"], ["vis", "--ingen-pager"]])
def test_the_project_files_path_is_one_line_below_the_facts(env, command, columns):
    path = f"{env['SPREDNING_HJEM']}/{SLUG}.yaml"

    stream = on_terminal(env, *command, columns=columns)

    assert whole_in(stream, path) == [path]  # a line of its own: nothing else is copied with it
    shown = rendered(stream, columns, 40)
    label = shown.index("Fil")  # the facts' last label, the path under it
    rows = -(-len(path) // columns)  # the rows the terminal folds it into
    assert "".join(shown[label + 1 : label + 1 + rows]) == path


def test_a_missing_projects_folder_is_named_whole_in_the_error(env, tmp_path):
    folder = f"{tmp_path}/andet/{LONG}"

    stream = on_terminal(env, "--hjem", folder, "status", codes=(1,))

    assert whole_in(stream, folder) == [folder]
    assert "findes ikke." in ANSI.sub("", stream)


def test_the_projects_folder_under_the_list_is_whole(env):
    stream = on_terminal(env, "projekter")

    assert whole_in(stream, env["SPREDNING_HJEM"]) == [env["SPREDNING_HJEM"]]


def test_the_project_file_an_import_goes_into_is_named_whole(env, tmp_path):
    """'Import i projektet … (/tmp/…/genoptraening-paa-ae' / 'roe-og-fanoe.yaml)': the path folded."""
    partner = {**env, "SPREDNING_HJEM": str(tmp_path / "fanoe")}
    answers = tmp_path / "svar.yaml"
    answers.write_text("tjek.beskriv-innovationen.genbruge.interessant: Ja\n", encoding="utf-8")
    done_ok(env, "eksport", "--ud", "til-fanoe.yaml", cwd=tmp_path)
    done_ok(partner, "importer", "til-fanoe.yaml", cwd=tmp_path)
    done_ok(partner, "fase", "tjek", "--svar", "svar.yaml", cwd=tmp_path)
    done_ok(partner, "eksport", "--ud", "fra-fanoe.yaml", cwd=tmp_path)
    path = f"{env['SPREDNING_HJEM']}/{SLUG}.yaml"

    stream = on_terminal(env, "importer", "--tør", str(tmp_path / "fra-fanoe.yaml"))

    assert whole_in(stream, f"({path})") == [f"({path})"]
