"""A .spredning folder this user may not write in: the work is done, and said to be done.

This computer's state (core/local.py: side, drafts, what partners have, exports, counts given) is
written after the work. When only it cannot be written, a saved answer, an export, an import or a
report is reported done (exit 0) with a warning of what this computer does not remember and what
to do; text typed here that would only live in the state (a draft) is still an error. Its copy id,
when it cannot be remembered, is the same at every command, so no answer's version history grows
with each save.
"""

from __future__ import annotations

import contextlib
import re
import subprocess
from pathlib import Path

import pexpect
import pytest
import yaml
from terminal import ANSI, COMMAND, CTRL_C, ESC_ENTER, TIMEOUT, person

from spredning.core import history, local, projectfile
from spredning.core.errors import SpredningError
from spredning.core.model import Answer, Partner, Project, layout
from spredning.core.store import Store

SLUG = "aeroe"
QID = "tjek.beskriv-innovationen.genbruge.interessant"
PARTNER = "aeroe-kommune"
SLOT = (PARTNER, QID)
WARNING = "Advarsel: denne computers hjælpefil for projektet kunne ikke opdateres"


def words(text: str) -> str:
    return " ".join(text.split())


def unbroken(text: str) -> str:
    """The text without any blank space: a long path the terminal's width broke is whole again."""
    return "".join(text.split())


def start(run_cli, home: Path, role: str = "genbruge") -> None:
    code, _, err = run_cli(
        "--hjem", str(home), "start", "--navn", "Ærø", "--rolle", role, "--deler", "Odense Kommune",
        "--genbruger", "Ærø Kommune", "--beskrivelse", "Genoptræning",
    )  # fmt: skip
    assert code == 0, err


def answers_file(tmp_path: Path, text: str, qid: str = QID) -> Path:
    path = tmp_path / f"svar-{len(list(tmp_path.glob('svar-*')))}.yaml"
    path.write_text(f"{qid}: {text}\n", encoding="utf-8")
    return path


def entry(home: Path, qid: str = QID) -> dict:
    data = yaml.safe_load((home / f"{SLUG}.yaml").read_text(encoding="utf-8"))
    return data["svar"]["genbruge"]["aeroe-kommune"][qid]


def copy_ids(version: str) -> dict[str, int]:
    """A version as written ('CHECKSUM ID:N ID:N'): copy id -> count."""
    return {k: int(n) for k, n in re.findall(r"([a-z0-9]+):([0-9]+)", version)}


def assert_warned(err: str, home: Path) -> None:
    said = words(err)
    assert WARNING in said, err
    assert unbroken(f"opdateres: {local.state_path(home, SLUG)} (") in unbroken(said)
    assert "jeres side, kladder" in said  # what the file holds, so what is not remembered
    assert unbroken(f"Bed den, der ejer mappen {local.folder(home)}, om skriveadgang") in unbroken(said)
    assert "Fejl" not in said


def test_an_answer_saved_is_said_saved_when_only_the_state_cannot_be_written(run_cli, tmp_path, read_only):
    home = tmp_path / "hjem"
    start(run_cli, home)
    read_only(local.folder(home))

    code, out, err = run_cli("--hjem", str(home), "fase", "tjek", "--svar", str(answers_file(tmp_path, "Ja")))

    assert code == 0, err
    assert "1 svar gemt" in out
    assert_warned(err, home)
    assert entry(home)["tekst"] == "Ja"


def test_the_warning_in_english(run_cli, tmp_path, read_only):
    home = tmp_path / "hjem"
    start(run_cli, home)
    read_only(local.folder(home))

    code, _, err = run_cli(
        "--sprog", "en", "--hjem", str(home), "fase", "tjek", "--svar", str(answers_file(tmp_path, "Yes"))
    )

    assert code == 0, err
    said = words(err)
    assert "Warning: this computer's helper file for the project could not be updated" in said
    assert unbroken(f"Ask whoever owns the folder {local.folder(home)} to let you write") in unbroken(said)


def test_a_copy_id_that_cannot_be_remembered_is_the_same_at_every_save(run_cli, tmp_path, read_only):
    """No state file for this place (a folder copied, a state file lost) and none can be written:
    the answers' histories are marked with one copy id, not a new one at every command."""
    home = tmp_path / "hjem"
    start(run_cli, home)
    local.state_path(home, SLUG).unlink()
    read_only(local.folder(home))

    for text in ("Første", "Anden", "Tredje"):
        chosen = answers_file(tmp_path, text)
        words = ("fase", "tjek", "-r", "genbruge", "--svar", str(chosen), "--erstat")
        code, _, err = run_cli("--hjem", str(home), *words)
        assert code == 0, err
        code, _, err = run_cli("--hjem", str(home), "status")
        assert code == 0, err

    assert entry(home)["tekst"] == "Tredje"
    assert list(copy_ids(entry(home)["version"]).values()) == [3]  # one copy, its third version


def test_an_export_and_a_report_are_said_written(run_cli, tmp_path, read_only, monkeypatch):
    home = tmp_path / "hjem"
    start(run_cli, home)
    code, _, err = run_cli("--hjem", str(home), "fase", "tjek", "--svar", str(answers_file(tmp_path, "Ja")))
    assert code == 0, err
    monkeypatch.chdir(tmp_path)
    read_only(local.folder(home))

    code, out, err = run_cli("--hjem", str(home), "eksport")
    assert code == 0, err
    assert "Eksporteret fra " in words(out) and "': 1 svar til " in words(out)
    assert_warned(err, home)
    assert (tmp_path / "aeroe-fra-aeroe-kommune.yaml").is_file()

    code, out, err = run_cli("--hjem", str(home), "rapport")
    assert code == 0, err
    assert (tmp_path / "aeroe-rapport.md").is_file()
    assert_warned(err, home)


def test_an_import_is_said_done(run_cli, tmp_path, read_only, monkeypatch):
    """The sharing side's answers come in; only what this computer knows of them is not remembered."""
    home, theirs = tmp_path / "hjem", tmp_path / "deler"
    start(run_cli, theirs, role="dele")
    sent = tmp_path / "fra-odense.yaml"
    own = "tjek.beskriv-innovationen.dele.formaal"
    code, _, err = run_cli(
        "--hjem", str(theirs), "fase", "tjek", "--svar", str(answers_file(tmp_path, "Fordi", own))
    )
    assert code == 0, err
    code, _, err = run_cli("--hjem", str(theirs), "eksport", "--ud", str(sent))
    assert code == 0, err
    code, _, err = run_cli("--hjem", str(home), "importer", str(sent))  # the same project from now on
    assert code == 0, err
    code, _, err = run_cli("--hjem", str(home), "projekt", "side", "genbruge")
    assert code == 0, err
    code, _, err = run_cli(
        "--hjem",
        str(theirs),
        "fase",
        "tjek",
        "--svar",
        str(answers_file(tmp_path, "Fordi igen", own)),
        "--erstat",
    )
    assert code == 0, err
    code, _, err = run_cli("--hjem", str(theirs), "eksport", "--ud", str(sent), "--overskriv")
    assert code == 0, err
    read_only(local.folder(home))

    code, out, err = run_cli("--hjem", str(home), "importer", str(sent))

    assert code == 0, err
    assert "1 opdateret" in words(out) or "1 opdaterede" in words(out), out
    assert_warned(err, home)
    data = yaml.safe_load((home / f"{SLUG}.yaml").read_text(encoding="utf-8"))
    assert data["svar"]["dele"][own]["tekst"] == "Fordi igen"


def test_a_new_project_where_the_helper_folder_is_read_only_names_that_folder(run_cli, tmp_path, read_only):
    home = tmp_path / "hjem"
    start(run_cli, home)
    read_only(local.folder(home))

    code, _, err = run_cli("--hjem", str(home), "start", "--navn", "Andet", "--rolle", "dele")

    assert code == 1
    assert unbroken(f"Kan ikke skrive i mappen {local.folder(home)}.") in unbroken(err)
    assert not (home / "andet.yaml").exists()


def test_each_save_marks_its_answer_with_the_same_copy_id_it_cannot_remember(tmp_path, guide, read_only):
    """The store alone, whatever a front end makes of its errors: two saves, one copy id."""
    store = Store(tmp_path / "hjem", layout(guide))
    project = Project(id=projectfile.new_id(), slug=SLUG, name="Ærø", partners=(Partner(PARTNER, "Ærø"),))
    store.create(project)
    local.state_path(store.home, SLUG).unlink()
    read_only(local.folder(store.home))

    for text in ("Første", "Anden"):

        def change(project: Project, state, text=text):
            entry = project.entry(SLOT)
            new = history.edited(entry, Answer(text), state.copy, local.given_count(state, SLOT))
            return project.with_entry(SLOT, new), state, None

        with contextlib.suppress(SpredningError):
            Store(tmp_path / "hjem", layout(guide)).transact(SLUG, change)

    saved = Store(tmp_path / "hjem", layout(guide)).load(SLUG).entry(SLOT)
    assert saved is not None and saved.answer.text == "Anden"
    assert [count for _, count in saved.answer.version] == [2]


@pytest.mark.e2e
def test_an_answer_saved_in_the_interview_goes_on_to_the_next_question(tmp_path, pseudo_terminal, read_only):
    """The helper folder turned read-only while the person typed: Alt+Enter saves the answer, the
    interview goes on without an error, and when it ends it warns of what was not remembered."""
    env = person(tmp_path, lines=40)
    home = Path(env["SPREDNING_HJEM"])
    made = subprocess.run(
        [str(COMMAND), "start", "--navn", "Ærø", "--rolle", "genbruge", "--deler", "Odense Kommune",
         "--genbruger", "Ærø Kommune", "--beskrivelse", "Genoptræning"],
        env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=TIMEOUT * 3,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    child = pseudo_terminal(COMMAND, ["fase", "tjek"], env=env, rows=40)
    child.expect_exact("[1/14]")
    child.expect_exact("Svar:")
    read_only(local.folder(home))
    child.send("Ja, det er vi")
    child.expect_exact("Ja, det er vi")
    child.send(ESC_ENTER)
    child.expect_exact("[2/14]")
    child.expect_exact("Svar:")
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
    child.close()
    output = " ".join(ANSI.sub("", child.logfile_read.getvalue()).split())

    assert child.exitstatus == 130, output
    assert "Fejl" not in output
    assert "Dine svar er gemt: 1 af 14" in output
    assert WARNING in output
    assert entry(home)["tekst"] == "Ja, det er vi"


def test_an_unchanged_answer_saved_again_warns_of_nothing(run_cli, tmp_path, read_only):
    """Nothing new to remember (only counts read from the file again next time): no warning."""
    home = tmp_path / "hjem"
    start(run_cli, home)
    read_only(local.folder(home))
    code, _, err = run_cli("--hjem", str(home), "fase", "tjek", "--svar", str(answers_file(tmp_path, "Ja")))
    assert code == 0, err

    code, out, err = run_cli("--hjem", str(home), "fase", "tjek", "--svar", str(answers_file(tmp_path, "Ja")))

    assert code == 0, err
    assert "0 svar gemt" in out
    assert err == ""


def test_a_new_project_that_cannot_be_made_the_active_one_is_made_all_the_same(run_cli, tmp_path):
    home = tmp_path / "hjem"
    (local.folder(home) / "aktivt-projekt" / "noget").mkdir(parents=True)  # a folder where the marker goes

    code, out, err = run_cli("--hjem", str(home), "start", "--navn", "Ærø", "--rolle", "dele")

    said = words(err)
    assert code == 0, err
    assert "Projektet er oprettet: Ærø" in out
    assert (home / f"{SLUG}.yaml").is_file()
    assert "Advarsel: projektet kunne ikke gøres til det aktive projekt" in said
    assert "nævn projektet ved hver kommando, fx:" in said and "status --projekt aeroe" in said


def test_konflikter_without_conflicts_reads_a_folder_it_may_not_write_in(run_cli, tmp_path, read_only):
    """Like status and vis, 'konflikter' only reads until there is something to settle (trial16: it took
    the project's lock first, to look for git's markers, and failed with 'Kan ikke skrive i mappen')."""
    home = tmp_path / "hjem"
    start(run_cli, home)
    for lock in local.folder(home).glob("*.lock"):  # a colleague's shared folder: their lock files too
        read_only(lock)
    read_only(local.folder(home))
    read_only(home)
    before = (home / f"{SLUG}.yaml").read_bytes()
    code, out, err = run_cli("--hjem", str(home), "konflikter")
    assert (code, err) == (0, ""), err
    assert words(out) == "Der er ingen uafklarede konflikter."
    assert (home / f"{SLUG}.yaml").read_bytes() == before
