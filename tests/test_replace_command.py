"""A file the user changed (or one the program did not write) is not replaced without --overskriv; the
refusal gives the user's whole command with --overskriv added, and that command, run as shown, replaces
the file and keeps a copy. Found in review: the refusals said 'brug --overskriv' without a command.
The installed command, real files, for every command that writes such a file.
"""

from __future__ import annotations

import re
import shlex

import pytest
from exchange_kit import D1, Org, flat, start_sharing
from homekit import ENTER, UP, interactive, typed

from spredning.i18n import COMMAND_QUOTES

pytestmark = pytest.mark.e2e
LONG = {"-r": "--rolle", "-f": "--format"}  # a short option is shown by its long name
OUT = "til mødet"  # a name with a space: the command shown must keep it one word

# each command: its words (with --ud NAME.ENDING) and the words its refusal adds before its own
COMMANDS = {
    "rapport": ["rapport", "--format", "html", "--fase", "tjek", "--ud", f"{OUT}.html"],
    "arbejdsark": ["arbejdsark", "--fase", "tjek", "-r", "genbruge", "--ud", f"{OUT}.docx"],
    "dagsorden": ["dagsorden", "--ud", f"{OUT}.md"],
    "plan": ["plan", "-f", "csv", "--ud", f"{OUT}.csv"],
    "eksport": ["eksport", "--rolle", "dele", "--ud", f"{OUT}.yaml"],
}


@pytest.fixture
def sharing(tmp_path) -> Org:
    return start_sharing(Org(tmp_path / "odense", tmp_path), answers={D1: "Færre genindlæggelser"})


def told(err: str, after: str) -> list[str]:
    """The command in quotes after `after` in a refusal, as a shell splits it (without the program)."""
    quotes = "|".join(f"{first}(spredning .*?){last}[.:(, ]" for first, last in COMMAND_QUOTES)
    found = re.search(re.escape(after) + f" (?:{quotes})", flat(err), re.IGNORECASE)
    assert found, err
    return shlex.split(next(group for group in found.groups() if group))[1:]


def copies(org: Org) -> list:
    return sorted(path.name for path in org.files.glob(f"{OUT}.bak-*"))


@pytest.mark.parametrize("name", COMMANDS)
@pytest.mark.parametrize("edited", [True, False], ids=["changed", "not-ours"])
def test_the_refusal_gives_the_users_command_with_overskriv_and_it_replaces_the_file(sharing, name, edited):
    words = COMMANDS[name]
    path = sharing.files / words[-1]
    if edited:  # the program's own file, then changed by the user
        sharing.ok(*words)
        path.write_bytes(path.read_bytes() + b"\nmine egne noter\n")
    else:  # a file the program did not write
        path.write_bytes(b"en andens fil\n")
    before = path.read_bytes()

    code, out, err = sharing(*words)

    assert code == 1, (out, err)
    assert path.read_bytes() == before and copies(sharing) == []  # nothing written
    again = told(err, "skriv")
    assert again == [*(LONG.get(word, word) for word in words), "--overskriv"]
    if name == "arbejdsark":  # bringing its answers in comes first
        assert told(err, "hent først svarene ind med") == ["importer", words[-1]]
    sharing.ok(*again)
    assert path.read_bytes() != before and len(copies(sharing)) == 1


def test_in_english_with_a_project_named_the_command_keeps_both(sharing):
    words = ["dagsorden", "--ud", f"{OUT}.md"]
    (sharing.files / words[-1]).write_text("en andens fil\n", encoding="utf-8")

    code, _, err = sharing("--sprog", "en", "--projekt", sharing.slug, *words)

    assert code == 1
    again = told(err, "type")
    assert again == ["--sprog", "en", *words, "--overskriv", "--projekt", sharing.slug]
    assert sharing(*again)[0] == 0


@pytest.mark.parametrize(("keys", "kept"), [(ENTER, True), (UP + ENTER, False)])
def test_in_a_terminal_eksport_asks_before_another_file_is_replaced(
    run_cli, ws, reusing, monkeypatch, tmp_path, keys, kept
):
    """README: the export, as reports and worksheets, asks in a terminal (No chosen at first); it refused."""
    path = tmp_path / f"{OUT}.yaml"
    path.write_text("en andens fil\n", encoding="utf-8")
    interactive(monkeypatch)

    run = typed(run_cli, keys, "eksport", "--ud", str(path))

    assert run.code == 0, run.err
    assert "findes allerede" in run.screen.replace("\n", "") and "Vil du erstatte den?" in run.screen
    assert (path.read_text(encoding="utf-8") == "en andens fil\n") is kept
    assert ("Intet er skrevet; filen er uændret" in run.said) is kept
    copies = list(tmp_path.glob(f"{OUT}.bak-*"))
    assert [copy.read_text(encoding="utf-8") for copy in copies] == ([] if kept else ["en andens fil\n"])


def test_at_60_columns_the_question_shows_the_whole_name_of_a_file_longer_than_a_line(sharing, tmp_path):
    """Found in a trial: the question before an export replaced a changed file was cut at the edge,
    'Filen /tmp/…/…-til-vordingborg-kommun', the end of the name not on the screen. A word longer than
    a line is broken at the edge now (as the terminal would), so all of it is there to read."""
    import pexpect
    from terminal import rendered
    from test_exchange_e2e import spawn

    folder = tmp_path / "en-mappe-med-et-langt-navn-til-eksporterne"
    folder.mkdir()
    path = folder / "genoptraening-aeroe-til-aeroe-kommune.yaml"
    sharing.ok("eksport", "--ud", str(path))
    path.write_bytes(path.read_bytes() + b"# mine egne noter\n")
    child = spawn(sharing, "eksport", "--ud", str(path), size=(30, 60))
    child.expect_exact("Nej, behold den")

    screen = rendered(child.logfile_read.getvalue(), 60, 30)

    child.send(ENTER)  # No, chosen at first
    child.expect(pexpect.EOF)
    asked = [
        line.strip() for line in screen[: next(n for n, line in enumerate(screen) if "Ja, erstat" in line)]
    ]
    assert str(path) in "".join(asked), screen
    assert path.read_bytes().endswith(b"# mine egne noter\n")  # kept


def test_no_in_a_terminal_names_the_file_kept_whole_on_its_line(run_cli, ws, reusing, monkeypatch, tmp_path):
    """trial16: 'filen er uændret: /tmp/Mine filer' and 'æøå/til mødet.yaml' on the next line (60 columns)."""
    folder = tmp_path / "Mine filer æøå"
    folder.mkdir()
    path = folder / f"{OUT}.yaml"
    path.write_text("en andens fil\n", encoding="utf-8")
    interactive(monkeypatch)
    monkeypatch.setenv("COLUMNS", "60")

    run = typed(run_cli, ENTER, "eksport", "--ud", str(path), columns=60)

    assert run.code == 0, run.err
    assert "Intet er skrevet; filen er uændret" in run.said
    assert str(path) in run.out.splitlines(), run.out
