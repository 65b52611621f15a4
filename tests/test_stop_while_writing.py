"""A stop from outside while a file for the user is written leaves it whole or untouched, and no temp file.

Every file is written to a hidden temp file beside it (`.NAVN.….tmp`) and then linked or renamed
into place. A stop from outside (SIGTERM, SIGHUP) ends the program at once (launch.py), so one
that came between the two steps left the temp file beside the export, report or kept drafts. The
store's saves held a stop back until their files were in place (fileio.uninterrupted); now every
write does.

The installed command runs with os.link and os.replace wrapped: the moment the temp file is to
go into place under the name asked for, the program sends itself the stop, as `kill` would.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from exchange_kit import Org, start_sharing
from terminal import default_stops

from spredning.app.workspace import Settings, Workspace
from spredning.core.local import slot_key
from spredning.core.store import Store

SPREDNING = Path(sys.executable).parent / "spredning"
TIMEOUT = 60
G1 = "tjek.beskriv-innovationen.genbruge.interessant"

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not SPREDNING.exists(), reason="spredning is not installed"),
]

STOPPED_AT_THE_LAST_STEP = """
import os
import sys

target, signum = os.environ.pop("STOP_AT"), int(os.environ.pop("STOP_WITH"))


def stopping(step):
    '''The step that puts a temp file in place under `target`, with a stop from outside just before it.'''

    def stopped(source, destination, *args, **kwargs):
        if os.path.basename(destination) == target and os.path.basename(source).endswith(".tmp"):
            os.kill(os.getpid(), signum)
        return step(source, destination, *args, **kwargs)

    return stopped


os.link, os.replace = stopping(os.link), stopping(os.replace)
sys.argv = sys.argv[1:]
exec(compile(open(sys.argv[0], encoding="utf-8").read(), sys.argv[0], "exec"))
"""


def stopped_while_writing(
    tmp_path: Path, target: Path, stop: int, *argv: str, home: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """The installed command, stopped the moment `target`'s temp file is to go into place."""
    script = tmp_path / "stoppet.py"
    script.write_text(STOPPED_AT_THE_LAST_STEP, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_CURRENT_TEST"}
    if home is not None:
        env["SPREDNING_HJEM"] = str(home)
    return subprocess.run(
        [sys.executable, str(script), str(SPREDNING), *argv],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        cwd=target.parent,
        preexec_fn=default_stops,
        env={**env, "STOP_AT": target.name, "STOP_WITH": str(int(stop))},
    )


def written(*argv: str, cwd: Path) -> None:
    result = subprocess.run([str(SPREDNING), *argv], capture_output=True, text=True, timeout=TIMEOUT, cwd=cwd)
    assert result.returncode == 0, result.stderr


def temp_files(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.endswith(".tmp"))


@pytest.fixture
def out(tmp_path: Path, store: Store, make_project) -> Path:
    """The working folder, with an active project on the reusing side that has an answer to export."""
    slug = make_project(role="genbruge", answers={G1: "Ja, meget"})
    store.set_active(slug)
    folder = tmp_path / "ud"
    folder.mkdir()
    return folder


COMMANDS = [
    pytest.param(("eksport",), "eksport.yaml", id="eksport"),
    pytest.param(("rapport", "--format", "md"), "rapport.md", id="rapport"),
    pytest.param(("arbejdsark",), "ark.docx", id="arbejdsark"),
    pytest.param(("dagsorden",), "dagsorden.md", id="dagsorden"),
    pytest.param(("plan", "--format", "csv"), "plan.csv", id="plan"),
]


def whole(target: Path, command: tuple[str, ...]) -> None:
    """The file is as the command writes it when nothing stops it (a Word file: its parts, all read)."""
    written(*command, "--ud", f"som-den-skal-være{target.suffix}", cwd=target.parent)
    expected = target.with_name(f"som-den-skal-være{target.suffix}")
    if target.suffix != ".docx":  # a Word file holds the time it was made
        assert target.read_bytes() == expected.read_bytes()
        return
    with zipfile.ZipFile(target) as made, zipfile.ZipFile(expected) as wanted:
        assert made.testzip() is None
        assert made.namelist() == wanted.namelist()


@pytest.mark.parametrize(("command", "name"), COMMANDS)
@pytest.mark.parametrize(("stop", "code"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_a_new_file_stopped_while_written_is_whole_or_not_there(out, tmp_path, command, name, stop, code):
    target = out / name

    result = stopped_while_writing(tmp_path, target, stop, *command, "--ud", name)

    assert result.returncode == code, result.stderr
    assert result.stderr.startswith("Stoppet udefra."), result.stderr
    assert "Traceback" not in result.stderr
    assert temp_files(out) == []
    whole(target, command)


@pytest.mark.parametrize(("command", "name"), COMMANDS)
def test_a_file_replaced_when_stopped_is_the_old_one_or_the_new_one_whole(out, tmp_path, command, name):
    target = out / name
    target.write_text("den gamle fil\n", encoding="utf-8")

    result = stopped_while_writing(tmp_path, target, signal.SIGTERM, *command, "--ud", name, "--overskriv")

    assert result.returncode == 143, result.stderr
    assert temp_files(out) == []
    whole(target, command)


@pytest.mark.parametrize(("command", "name"), COMMANDS)
def test_a_file_stopped_once_written_is_known_as_the_programs_own_the_next_time(out, tmp_path, command, name):
    """The stop waits until the file's checksum is remembered too: the next run replaces it unasked.

    It ended the program once the file was in place, before this computer's state was saved: the
    next run to that name then refused the program's own file as another's (use --overskriv).
    """
    target = out / name

    result = stopped_while_writing(tmp_path, target, signal.SIGTERM, *command, "--ud", name)

    assert result.returncode == 143, result.stderr
    again = subprocess.run(
        [str(SPREDNING), *command, "--ud", name], capture_output=True, text=True, timeout=TIMEOUT, cwd=out
    )
    assert again.returncode == 0, again.stderr
    assert "--overskriv" not in again.stdout + again.stderr


def test_the_drafts_of_a_removed_dialogue_are_kept_whole_when_a_stop_comes(tmp_path, run_cli):
    """`projekt fjern-genbruger --ja` writes the dialogue's drafts to a file of their own first."""
    sharing = Org(tmp_path / "odense", tmp_path, run_cli)
    start_sharing(sharing, reusers=("Ærø Kommune", "Fanø Kommune"))
    ws = Workspace(Settings(home=str(sharing.home)))
    key = slot_key(("fanoe-kommune", G1))
    ws.store.update_local(ws.slug(), lambda state: state._replace(drafts={key: "halvt svar"}))
    kept = sharing.home / ".spredning" / "genoptraening-aeroe-kladder-fanoe-kommune.yaml"

    result = stopped_while_writing(
        tmp_path, kept, signal.SIGTERM, "projekt", "fjern-genbruger", "Fanø", "--ja", home=sharing.home
    )

    assert result.returncode == 143, result.stderr
    assert temp_files(kept.parent) == []
    assert yaml.safe_load(kept.read_text(encoding="utf-8")) == {
        "organisation": "Fanø Kommune",
        "kladder": {G1: "halvt svar"},
    }
