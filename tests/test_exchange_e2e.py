"""Issue 11's five reported cases, each end to end through the installed command, in two folders.

Each test is the sequence a user reported (with two project folders standing for the two
organisations), then what must be true instead.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest
import yaml
from exchange_kit import COMMAND, D1, D2, G1, NAME, Org, flat, start_sharing
from terminal import stub_editor

pytestmark = pytest.mark.e2e


@pytest.fixture
def sharing(tmp_path) -> Org:
    return start_sharing(Org(tmp_path / "odense", tmp_path))


@pytest.fixture
def reusing(tmp_path) -> Org:
    return Org(tmp_path / "aeroe", tmp_path)


@pytest.fixture
def exchanged(sharing, reusing):
    sharing.answer({D1: "Færre genindlæggelser", D2: "Træning hjemme"})
    code, out, err = reusing.import_(sharing.export())
    assert code == 0, err
    assert "2 tilføjede" in flat(out)
    return sharing, reusing


def test_1_a_change_exported_twice_reaches_the_partner(exchanged):
    sharing, reusing = exchanged
    sharing.answer({D1: "Færre genindlæggelser (rettet stavefejl)"})
    sharing.export()  # the mail that never went out
    newest = sharing.export()

    code, out, err = reusing.import_(newest)

    assert code == 0, err
    assert "1 opdateret" in flat(out)
    assert reusing.texts()[D1] == "Færre genindlæggelser (rettet stavefejl)"


def test_1_the_default_export_name_is_replaced_by_our_own_new_export_but_never_a_foreign_file(exchanged):
    sharing, reusing = exchanged
    first = flat(sharing.ok("eksport"))
    name = f"{sharing.slug}-til-aeroe-kommune.yaml"
    assert f"Send filen {name} til Ærø Kommune" in first
    assert f"De henter svarene ind med: spredning importer {name}" in first
    assert f"\n  spredning importer {name}\n" in sharing.ok("eksport")  # whole, on a line of its own
    sharing.answer({D2: "Træning hjemme med tablet"})
    again = flat(sharing.ok("eksport"))  # no --overskriv needed for our own file
    assert "filen, der lå der før, er erstattet" in again
    assert reusing.import_(sharing.files / name)[0] == 0
    assert reusing.texts()[D2] == "Træning hjemme med tablet"

    (sharing.files / name).write_text("en andens fil\n", encoding="utf-8")
    code, _, err = sharing("eksport")
    assert code == 1
    assert "er ændret, siden programmet skrev den" in flat(err) and "--overskriv" in flat(err)
    assert (sharing.files / name).read_text(encoding="utf-8") == "en andens fil\n"


def test_1_the_import_command_told_for_a_file_with_spaces_runs_as_typed_in_a_shell(exchanged, tmp_path):
    sharing, reusing = exchanged
    sharing.answer({D2: "Træning hjemme med tablet"})
    out = flat(sharing.ok("eksport", "--ud", str(tmp_path / "runde 3 fra Odense.yaml")))
    told = out.split("De henter svarene ind med: ")[1].strip()
    assert told == "spredning importer 'runde 3 fra Odense.yaml'"

    environment = {**os.environ, "SPREDNING_HJEM": str(reusing.home), "COLUMNS": "80", "NO_COLOR": "1"}
    environment["PATH"] = f"{COMMAND.parent}{os.pathsep}{environment.get('PATH', '')}"
    done = subprocess.run(told, shell=True, cwd=tmp_path, env=environment, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert reusing.texts()[D2] == "Træning hjemme med tablet"


def test_1_a_file_name_with_spaces_typed_without_quotes_gets_a_hint_about_quotes(exchanged, tmp_path):
    _, reusing = exchanged
    code, _, err = reusing("importer", "runde", "3", "fra", "Odense.yaml")
    assert code == 2
    assert "Der er for mange argumenter: 3, fra, Odense.yaml" in flat(err)
    assert "sæt anførselstegn om det" in flat(err)


def test_1_several_files_at_once_are_told_to_be_imported_one_at_a_time(exchanged, tmp_path):
    # 'importer *fra*.yaml' in a shell gives the command every file: quotes would not help
    sharing, reusing = exchanged
    first, second = sharing.export(), sharing.export()
    before = {path: path.read_bytes() for path in reusing.home.glob("*.yaml")}
    code, _, err = reusing("importer", str(first), str(second))
    assert code == 2
    assert "Kommandoen tager én fil ad gangen: kør den for hver fil for sig." in flat(err)
    assert "anførselstegn" not in err
    assert before and {path: path.read_bytes() for path in reusing.home.glob("*.yaml")} == before


def test_2_a_file_goes_to_its_own_project_not_the_active_one(exchanged, tmp_path):
    sharing, reusing = exchanged
    reusing.ok("start", "--navn", "Affaldssortering", "--genbruger", "Ærø Kommune", "--rolle", "genbruge")
    before = reusing.store.path_for("affaldssortering").read_bytes()
    sharing.answer({D2: "Træning hjemme, ny udgave"})
    update = sharing.export()

    dry = flat(reusing.import_(update, "--tør")[1])
    assert f"Import i projektet {NAME}" in dry and "Affaldssortering" not in dry

    code, out, err = reusing.import_(update)
    assert code == 0, err
    assert f"Import i projektet {NAME}" in flat(out)
    assert reusing.texts(slug="genoptraening-aeroe")[D2] == "Træning hjemme, ny udgave"
    assert reusing.store.path_for("affaldssortering").read_bytes() == before

    code, _, err = reusing.import_(update, "--projekt", "Affaldssortering")
    assert code == 2
    assert f"hører til projektet '{NAME}', ikke til 'Affaldssortering'" in flat(err)
    assert "spredning importer" in flat(err)
    assert reusing.store.path_for("affaldssortering").read_bytes() == before


def test_2_a_new_project_from_a_file_says_it_is_now_active_and_how_to_go_back(sharing, tmp_path):
    own = Org(tmp_path / "egen", tmp_path)
    own.ok(
        "start",
        "--navn",
        "Genoptræning",
        "--deler",
        "Odense",
        "--genbruger",
        "Ærø Kommune",
        "--rolle",
        "genbruge",
    )
    own.answer({G1: "Vores egen tekst"})

    out = flat(own.ok("importer", str(sharing.export())))

    assert f"'{NAME}' er nu det aktive projekt." in out
    assert "Jeres hidtidige aktive projekt, 'Genoptræning', er uændret" in out
    assert "skift tilbage med 'spredning projekt brug genoptraening'" in out
    assert own.store.active() == "genoptraening-aeroe"
    own.ok("projekt", "brug", "genoptraening")
    assert own.store.active() == "genoptraening"
    assert own.texts(slug="genoptraening")[G1] == "Vores egen tekst"


def crossing(sharing: Org, reusing: Org):
    """Both sides change D1 and export at the same time: each import finds a conflict."""
    sharing.answer({D1: "Odenses formål"})
    reusing.answer({D1: "Ærøs formål"}, "--rolle", "dele")
    from_sharing, from_reusing = sharing.export(), reusing.export()
    assert "1 konflikt" in flat(sharing.import_(from_reusing)[1])
    assert "1 konflikt" in flat(reusing.import_(from_sharing)[1])
    return from_sharing, from_reusing


@pytest.mark.parametrize("keep", ["Odenses formål", "Ærøs formål"])
def test_3_a_settled_conflict_is_settled_on_both_sides(exchanged, keep, tmp_path):
    sharing, reusing = exchanged
    _, from_reusing = crossing(sharing, reusing)
    # settle on the sharing side without a terminal: through the application layer, as konflikter does
    from spredning.app.exchange.conflicts import open_conflicts, settle
    from spredning.app.workspace import Settings, Workspace
    from spredning.core.model import Answer

    ws = Workspace(Settings(home=str(sharing.home)))
    [item] = open_conflicts(ws.store.load(sharing.slug))
    settle(ws, sharing.slug, {item.slot: (item.entry, Answer(text=keep))})

    code, out, err = reusing.import_(sharing.export())

    assert code == 0, err
    assert "1 konflikt afgjort af partneren" in flat(out)
    assert reusing.others() == {}
    assert reusing.texts()[D1] == keep
    status = flat(reusing.ok("status"))
    assert "Uafklarede konflikter" not in status and "konflikter" not in status.split("Næste skridt")[1]
    # the partner's old file, arriving again, does not bring the conflict back
    assert "0 konflikter" in flat(sharing.import_(from_reusing)[1])
    assert sharing.others() == {}


def test_4_an_old_file_raises_no_false_conflict(exchanged):
    sharing, reusing = exchanged
    first = sharing.export()
    sharing.answer({D1: "Nyt formål"})
    assert "1 opdateret" in flat(reusing.import_(sharing.export())[1])
    own = reusing.export()

    code, out, err = reusing.import_(first)
    assert code == 0, err
    assert "0 konflikter" in flat(out)
    assert reusing.texts()[D1] == "Nyt formål"
    assert "1 ældre udgave sprunget over" in flat(reusing.import_(first)[1])
    # our own export brings nothing: said to be ours (no conflict, nothing changed)
    code, _, err = reusing.import_(own)
    assert code == 1
    assert "er jeres egen eksport til Odense Kommune" in flat(err)
    assert reusing.texts()[D1] == "Nyt formål"


def test_4_a_stale_file_never_replaces_a_pending_conflict(exchanged):
    sharing, reusing = exchanged
    old = sharing.export()
    crossing(sharing, reusing)
    pending = reusing.others()

    code, _, err = reusing.import_(old, "--ikke-interaktiv")

    assert code == 0, err
    assert reusing.others() == pending == {D1: ["Odenses formål"]}


def test_4_deleting_the_helper_folder_turns_no_update_into_a_conflict(exchanged):
    sharing, reusing = exchanged
    shutil.rmtree(reusing.home / ".spredning")
    shutil.rmtree(sharing.home / ".spredning")
    sharing.ok("projekt", "side", "dele")
    sharing.answer({D2: "Træning hjemme, tredje udgave"})

    code, out, err = reusing.import_(sharing.export())

    assert code == 0, err
    assert "1 opdateret" in flat(out) and "0 konflikter" in flat(out)
    assert reusing.texts()[D2] == "Træning hjemme, tredje udgave"
    assert "Vi vil genbruge (Ærø Kommune)" in flat(reusing.ok("status"))


def test_5_the_side_is_kept_on_each_computer_not_in_the_shared_file(exchanged):
    sharing, reusing = exchanged
    for org in (sharing, reusing):
        facts = yaml.safe_load(org.path.read_text(encoding="utf-8"))["projekt"]
        assert "rolle" not in facts
    assert "Jeres side Vi vil dele" in flat(sharing.ok("status"))
    assert "Jeres side Vi vil genbruge (Ærø Kommune)" in flat(reusing.ok("status"))


def test_5_a_fresh_copy_without_helper_files_works_and_asks_for_the_side(exchanged, tmp_path):
    _, reusing = exchanged
    clone = Org(tmp_path / "klon", tmp_path)
    clone.home.mkdir()
    shutil.copy(reusing.path, clone.home / reusing.path.name)  # what git clone gives: the file only

    status = flat(clone.ok("status"))

    assert NAME in status
    assert "Næste skridt: sig hvilken side I er på denne computer: 'spredning projekt side dele'" in status
    clone.ok("projekt", "side", "genbruge")
    assert "Vi vil genbruge (Ærø Kommune)" in flat(clone.ok("status"))
    clone.answer({G1: "Ja, meget"})
    assert clone.texts()[G1] == "Ja, meget"


def test_status_points_at_konflikter_while_a_conflict_is_open(exchanged):
    sharing, reusing = exchanged
    crossing(sharing, reusing)
    for org in (sharing, reusing):
        status = flat(org.ok("status"))
        assert "Uafklaret konflikt: 1 svar findes i flere udgaver." in status
        assert "Næste skridt: afgør konflikten: spredning konflikter" in status
    listed = flat(reusing.ok("konflikter"))
    assert "Konflikt 1 af 1: Tjek · Beskriv innovationen · Vi vil dele" in listed
    assert "Jeres udgave (Ærø Kommune): Ærøs formål" in listed
    assert "Odense Kommunes udgave: Odenses formål" in listed
    shown = flat(reusing.ok("vis", "tjek"))
    assert "Odense Kommunes udgave (uafklaret): Odenses formål" in shown


# --- settling in a terminal: the conflict menu names where it is, counts, and offers the editor -------


def spawn(org: Org, *args: str, env: dict | None = None, size: tuple[int, int] = (40, 100)):
    import io
    import os

    import pexpect
    from terminal import COMMAND, TIMEOUT

    environment = {
        "PATH": f"{COMMAND.parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "HOME": str(org.files),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "TERM": "xterm",
        "COLUMNS": str(size[1]),
        "LINES": str(size[0]),
        "SPREDNING_HJEM": str(org.home),
        "SPREDNING_SPROG": "da",
        "PROMPT_TOOLKIT_NO_CPR": "1",
        **(env or {}),
    }
    child = pexpect.spawn(
        str(COMMAND),
        list(args),
        env=environment,
        encoding="utf-8",
        dimensions=size,
        timeout=TIMEOUT,
        cwd=str(org.files),
    )
    child.logfile_read = io.StringIO()
    return child


def finish(child) -> tuple[int, str]:
    import pexpect
    from terminal import ANSI, TIMEOUT

    child.expect(pexpect.EOF, timeout=TIMEOUT)
    child.close()
    return child.exitstatus, flat(ANSI.sub("", child.logfile_read.getvalue()))


@pytest.mark.parametrize(("downs", "kept"), [(0, "Ærøs formål"), (1, "Odenses formål"), (3, "Samlet tekst")])
def test_3_konflikter_in_a_terminal_settles_and_the_decision_travels(exchanged, tmp_path, downs, kept):
    from terminal import DOWN, ENTER

    sharing, reusing = exchanged
    crossing(sharing, reusing)
    editor = tmp_path / "editor"
    editor.write_text("#!/bin/sh\nprintf 'Samlet tekst\\n' > \"$1\"\n", encoding="utf-8")
    editor.chmod(0o755)

    child = spawn(reusing, "konflikter", env={"EDITOR": str(editor)})
    child.expect_exact("Konflikt 1 af 1: Tjek · Beskriv innovationen · Vi vil dele")
    child.expect_exact("Afgør senere")
    child.send(DOWN * downs + ENTER)
    if downs == 3:  # the text from the editor is shown, and used when the user says so
        child.expect_exact("Ja, brug denne tekst")
        child.send(ENTER)
    code, shown = finish(child)

    assert code == 0, shown
    assert "Jeres (Ærø Kommune)" in shown and "Odense Kommunes" in shown
    assert "1 konflikt afgjort." in shown and "tilbage" not in shown
    assert reusing.texts()[D1] == kept and reusing.others() == {}
    out = flat(sharing.import_(reusing.export())[1])
    assert "1 konflikt afgjort af partneren" in out
    assert sharing.texts()[D1] == kept and sharing.others() == {}


def test_3_settling_later_says_the_conflict_waits_and_keeps_both(exchanged):
    from terminal import DOWN, ENTER

    sharing, reusing = exchanged
    crossing(sharing, reusing)
    child = spawn(reusing, "konflikter")
    child.expect_exact("Afgør senere")
    child.send(DOWN * 4 + ENTER)  # Afgør senere
    code, shown = finish(child)

    assert code == 0, shown
    assert "Ingen konflikt er afgjort; den venter, til du kører 'spredning konflikter' igen." in shown
    assert "0 konflikter" not in shown
    assert reusing.others() == {D1: ["Odenses formål"]}


def test_3_both_versions_are_kept_one_after_the_other_without_the_programs_words(exchanged):
    """The organisations' names (in this user's language) are not put into the answer: it travels."""
    from terminal import DOWN, ENTER

    sharing, reusing = exchanged
    crossing(sharing, reusing)
    child = spawn(reusing, "konflikter")
    child.expect_exact("Afgør senere")
    child.send(DOWN * 2 + ENTER)  # Begge, efter hinanden
    code, shown = finish(child)

    assert code == 0, shown
    both = reusing.texts()[D1]
    assert both == "Ærøs formål\n\nOdenses formål"


@pytest.mark.parametrize(
    ("downs", "summary"), [(0, "0 konflikter, 1 konflikt afgjort nu"), (4, "1 konflikt Der er 1 uafklaret")]
)
def test_3_a_conflict_settled_while_importing_is_counted_as_settled(exchanged, downs, summary):
    from terminal import DOWN, ENTER

    sharing, reusing = exchanged
    reusing.ok("vis", "--nye")  # the first answers read
    sharing.answer({D1: "Odenses formål"})
    reusing.answer({D1: "Ærøs formål"}, "--rolle", "dele")
    child = spawn(reusing, "importer", str(sharing.export()))
    child.expect_exact("Afgør senere")
    child.send(DOWN * downs + ENTER)  # keep ours, or settle later
    code, shown = finish(child)

    assert code == 0, shown
    assert f"1 uændret, {summary}" in shown
    assert ("afgjort nu" in shown) == (downs == 0)
    assert reusing.others() == ({} if downs == 0 else {D1: ["Odenses formål"]})
    news = "nye svar fra partneren" in flat(reusing.ok("status"))
    assert news == (downs != 0)  # read while deciding: no news afterwards


# --- a combined text written in the editor: shown before it is used, never thrown away -----------------


def crossing_twice(sharing: Org, reusing: Org) -> None:
    """Both sides change D1 and D2 at the same time: the reusing side has two conflicts to settle."""
    sharing.answer({D1: "Odenses formål", D2: "Odenses løsning"})
    reusing.answer({D1: "Ærøs formål", D2: "Ærøs løsning"}, "--rolle", "dele")
    code, _out, err = reusing.import_(sharing.export())
    assert code == 0, err
    assert set(reusing.others()) == {D1, D2}


def kept_texts(org: Org) -> list:
    return sorted((org.home / ".spredning").glob("*samlede-tekster*"))


def write_then_stop(org: Org, tmp_path) -> tuple[int, str]:
    """At the first of two conflicts a combined text is written and accepted; Ctrl+C at the second."""
    from terminal import CTRL_C, DOWN, ENTER

    editor = stub_editor(tmp_path, "printf 'Samlet tekst\\n' > \"$1\"\n")
    child = spawn(org, "konflikter", env={"EDITOR": editor})
    child.expect_exact("Konflikt 1 af 2")
    child.expect_exact("Afgør senere")
    child.send(DOWN * 3 + ENTER)  # Skriv en samlet tekst i editoren
    child.expect_exact("Ja, brug denne tekst")
    child.send(ENTER)
    child.expect_exact("Konflikt 2 af 2")
    child.expect_exact("Afgør senere")
    child.send(CTRL_C)
    return finish(child)


@pytest.mark.skipif(os.name != "posix", reason="the stub editor is a shell script")
def test_3_a_text_written_in_the_editor_survives_ctrl_c_at_the_next_conflict(exchanged, tmp_path):
    sharing, reusing = exchanged
    crossing_twice(sharing, reusing)

    code, shown = write_then_stop(reusing, tmp_path)

    assert code == 130, shown
    assert "Stoppet. Intet er ændret i projektet. Det, du skrev i editoren, er gemt i" in shown
    [kept] = kept_texts(reusing)
    assert str(kept) in shown.replace(" ", "")  # named (the test's long path is broken at the edge)
    assert kept.read_text(encoding="utf-8").startswith("Konflikt 1 af 2: Tjek · Beskriv innovationen")
    assert "Samlet tekst" in kept.read_text(encoding="utf-8")
    assert set(reusing.others()) == {D1, D2}  # nothing changed in the project, as said


@pytest.mark.skipif(os.name != "posix", reason="the stub editor is a shell script")
def test_3_the_combined_text_is_shown_and_saved_without_our_headings(exchanged, tmp_path):
    from terminal import DOWN, ENTER

    sharing, reusing = exchanged
    crossing(sharing, reusing)
    editor = stub_editor(tmp_path, "printf '\\nOg vores fælles tilføjelse\\n' >> \"$1\"\n")

    child = spawn(reusing, "konflikter", env={"EDITOR": editor})
    child.expect_exact("Afgør senere")
    child.send(DOWN * 3 + ENTER)
    child.expect_exact("Den samlede tekst:")
    child.expect_exact("Ja, brug denne tekst")
    child.send(ENTER)
    code, shown = finish(child)

    assert code == 0, shown
    combined = "Ærøs formål\n\nOdenses formål\n\nOg vores fælles tilføjelse"
    assert "Den samlede tekst: Ærøs formål Odenses formål Og vores fælles tilføjelse" in shown
    assert reusing.texts()[D1] == combined  # the lines '--- X's udgave ---' were ours: taken out
    assert reusing.others() == {}
    assert kept_texts(reusing) == []  # saved in the project: the file kept meanwhile is gone


@pytest.mark.skipif(os.name != "posix", reason="the stub editor is a shell script")
def test_3_an_editor_that_fails_at_a_conflict_says_so_and_asks_again(exchanged, tmp_path):
    from terminal import DOWN, ENTER

    sharing, reusing = exchanged
    crossing(sharing, reusing)

    child = spawn(reusing, "konflikter", env={"EDITOR": stub_editor(tmp_path, "exit 1\n")})
    child.expect_exact("Afgør senere")
    child.send(DOWN * 3 + ENTER)
    child.expect_exact("ikke afgjort endnu")
    child.expect_exact("Afgør senere")  # the same choices again
    child.send(DOWN * 4 + ENTER)
    code, shown = finish(child)

    assert code == 0, shown
    assert "hentet fra den. Konflikten er ikke afgjort endnu; vælg igen." in shown
    assert "Editoren stoppede med en fejl, så intet er hentet fra den." in shown
    assert "feltet" not in shown  # there is no field here
    assert reusing.others() == {D1: ["Odenses formål"]}


def ended(child) -> tuple[int | None, str]:
    """Read all the command wrote until it ends; its exit status (None: killed) and the text, flat."""
    import pexpect
    from terminal import ANSI, TIMEOUT

    child.expect(pexpect.EOF, timeout=TIMEOUT)
    child.close()
    return child.exitstatus, flat(ANSI.sub("", child.logfile_read.getvalue()))


@pytest.mark.skipif(os.name != "posix", reason="the stub editor is a shell script")
def test_3_a_stop_while_the_editor_is_open_at_a_conflict_names_what_it_saved(exchanged, tmp_path):
    import signal
    import time
    from pathlib import Path

    from terminal import DOWN, ENTER, TIMEOUT

    sharing, reusing = exchanged
    crossing(sharing, reusing)
    opened = tmp_path / "editor-pid"
    body = f"printf 'Samlet i editoren\\n' > \"$1\"\necho $$ > '{opened}.tmp'\nmv '{opened}.tmp' '{opened}'\n"
    child = spawn(reusing, "konflikter", env={"EDITOR": stub_editor(tmp_path, body + "exec sleep 60\n")})
    child.expect_exact("Afgør senere")
    child.send(DOWN * 3 + ENTER)
    deadline = time.monotonic() + TIMEOUT
    while not opened.exists() and time.monotonic() < deadline:
        time.sleep(0.05)  # how often to look, not an assertion
    pid = int(opened.read_text())

    os.kill(child.pid, signal.SIGTERM)
    _code, shown = ended(child)

    assert child.signalstatus is None and child.exitstatus == 128 + signal.SIGTERM, shown
    assert "Stoppet udefra" in shown
    kept = re.search(r"Det, editoren havde gemt, ligger i (.+?\.txt)", shown)
    assert kept is not None, shown
    path = Path(kept.group(1).replace(" ", ""))  # the test's long path may be broken at the edge
    assert path.read_text(encoding="utf-8") == "Samlet i editoren\n"
    assert path.parent == reusing.home / ".spredning"
    with pytest.raises(ProcessLookupError):  # the editor was stopped too
        os.kill(pid, 0)
    assert reusing.others() == {D1: ["Odenses formål"]}


@pytest.mark.skipif(os.name != "posix", reason="the stub editor is a shell script")
def test_3_a_stop_at_the_next_conflict_names_the_file_with_the_text_written(exchanged, tmp_path):
    import signal

    from terminal import DOWN, ENTER

    sharing, reusing = exchanged
    crossing_twice(sharing, reusing)
    child = spawn(
        reusing, "konflikter", env={"EDITOR": stub_editor(tmp_path, "printf 'Samlet\\n' > \"$1\"\n")}
    )
    child.expect_exact("Konflikt 1 af 2")
    child.expect_exact("Afgør senere")
    child.send(DOWN * 3 + ENTER)
    child.expect_exact("Ja, brug denne tekst")
    child.send(ENTER)
    child.expect_exact("Konflikt 2 af 2")
    child.expect_exact("Afgør senere")

    os.kill(child.pid, signal.SIGTERM)
    _code, shown = ended(child)

    assert child.exitstatus == 128 + signal.SIGTERM, shown
    [kept] = kept_texts(reusing)
    assert "Det, du skrev i editoren, er gemt i" in shown
    assert str(kept) in shown.replace(" ", "")  # named (the test's long path is broken at the edge)
    assert "Samlet" in kept.read_text(encoding="utf-8")
    assert set(reusing.others()) == {D1, D2}
