"""A 'projekt gendan' that fails or is stopped midway leaves the removed project whole, here or there.

The kept files are moved back one by one from HOME/fjernede/SLUG-DATE-TIME/: the project file,
its backups, then this computer's helper files. When one could not be moved (a folder one may not
write in, a locked file), the files moved before it stayed in the projects folder and the rest in
fjernede/: the project was neither back nor restorable as a whole. Now what was moved goes back,
and the message says the project was not brought back and what to check. A stop (SIGTERM, SIGHUP)
meanwhile waits until the project is back, kept folder and all; it left the emptied kept folder,
which the next 'projekt gendan' listed as a removed project that is not whole. With no project
active, the one brought back (or the only one in use before) is made active after the move: a stop
held through the move ended the program before that, leaving one project more and none active.

Each test runs the installed command with os.link and os.rename wrapped (as a real refusal or a
real `kill` would come) at the move of one named file out of fjernede/.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from terminal import default_stops

SPREDNING = Path(sys.executable).parent / "spredning"
TIMEOUT = 60
START = ("--deler", "Odense Kommune", "--rolle", "genbruge", "--organisation", "Ærø Kommune")
BACKUP = "gammelt.yaml.bak-20260101-120000"
TEXTS = "gammelt-samlede-tekster.txt"  # the combined texts a stopped 'konflikter' kept for it

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not SPREDNING.exists(), reason="spredning is not installed"),
]

AT_THE_MOVE = """
import errno
import os
import sys

name, what = os.environ.pop("AT_NAME"), os.environ.pop("AT_MOVE")
into = os.environ.pop("AT_INTO", "")  # the move of `name` into fjernede/ ('projekt fjern') instead


def at(step):
    '''The move of `name` out of fjernede/ (or into it): refused (a folder not to write in), or stopped.'''

    def run(source, destination, *args, **kwargs):
        there = destination if into else source
        if str(source).endswith(os.sep + name) and "fjernede" in str(there).split(os.sep):
            if what == "refuse":
                raise PermissionError(errno.EACCES, "Permission denied", str(source))
            os.kill(os.getpid(), int(what))
        return step(source, destination, *args, **kwargs)

    return run


os.link, os.rename = at(os.link), at(os.rename)
sys.argv = sys.argv[1:]
exec(compile(open(sys.argv[0], encoding="utf-8").read(), sys.argv[0], "exec"))
"""


def env(home: Path) -> dict[str, str]:
    kept = {
        k: v for k, v in os.environ.items() if k not in ("PYTEST_CURRENT_TEST", "SPREDNING_SPROG", "LC_ALL")
    }
    return {**kept, "SPREDNING_HJEM": str(home), "LANG": "C.UTF-8"}


def spredning(home: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SPREDNING), *argv],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env=env(home),
        cwd=home.parent,
    )


def at_the_move(
    tmp_path: Path, home: Path, name: str, what: str, *argv: str
) -> subprocess.CompletedProcess[str]:
    """The installed command, with the move of `name` out of fjernede/ refused or stopped (`what`)."""
    script = tmp_path / "ved-flytningen.py"
    script.write_text(AT_THE_MOVE, encoding="utf-8")
    return subprocess.run(
        [sys.executable, str(script), str(SPREDNING), *argv],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        cwd=home.parent,
        preexec_fn=default_stops,
        env={**env(home), "AT_NAME": name, "AT_MOVE": what},
    )


def everything(root: Path) -> dict[str, object]:
    """Every file (its bytes) and folder under root: an empty folder left behind counts too."""
    found: dict[str, object] = {}
    for path in sorted(root.rglob("*")):
        if path.name.endswith((".lock", "projekter.json", "aktivt-projekt")):  # no one's work
            continue
        found[str(path.relative_to(root))] = "mappe" if path.is_dir() else path.read_bytes()
    return found


@pytest.fixture
def removed(tmp_path: Path) -> Path:
    """The projects folder, with 'Gammelt' (its file, a backup, this computer's state, texts) removed."""
    home = tmp_path / "hjem"
    for argv in (("start", "--navn", "Gammelt", *START), ("start", "--navn", "Nyt", *START)):
        assert spredning(home, *argv).returncode == 0
    (home / BACKUP).write_bytes((home / "gammelt.yaml").read_bytes())
    (home / ".spredning" / TEXTS).write_text("Konflikt 1 af 1: Tjek\n\nSamlet tekst\n", encoding="utf-8")
    assert (home / ".spredning" / "gammelt.yaml").is_file()
    result = spredning(home, "projekt", "fjern", "Gammelt", "--ja")
    assert result.returncode == 0, result.stderr
    return home


def kept_folder(home: Path) -> Path:
    [folder] = [path for path in (home / "fjernede").iterdir() if path.is_dir()]
    return folder


def said(err: str) -> str:
    return "".join(err.split())  # a long path may be cut across lines, anywhere


def says(err: str, text: str) -> bool:
    return said(text) in said(err)


def test_a_file_that_cannot_be_moved_back_midway_leaves_the_removed_project_whole(tmp_path, removed):
    kept = kept_folder(removed)
    before = everything(removed)

    # the project file and its backup come back first; then this computer's state is refused
    state = "denne-computer/gammelt.yaml"
    result = at_the_move(tmp_path, removed, state, "refuse", "projekt", "gendan", "Gammelt")

    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert says(result.stderr, "så projektet er ikke hentet tilbage"), result.stderr
    assert everything(removed) == before  # nothing here, all of it still in the kept folder

    # the second file refused: the first (the project file) had come back and goes back again
    result = at_the_move(tmp_path, removed, BACKUP, "refuse", "projekt", "gendan", "Gammelt")

    assert result.returncode == 1, result.stderr
    err = result.stderr
    assert said(err).startswith(
        said(f"Fejl: {kept / BACKUP} kunne ikke flyttes til {removed} (ingen adgang), ")
    ), err
    assert says(
        err,
        "så projektet er ikke hentet tilbage. De filer, der allerede var flyttet, er lagt tilbage: det "
        f"fjernede projekt ligger helt i {kept} og kan hentes tilbage senere.",
    ), err
    assert says(err, f"Tjek, at du må skrive i {removed}"), err
    assert everything(removed) == before

    result = spredning(removed, "projekt", "gendan", "Gammelt")  # and it can be brought back whole
    assert result.returncode == 0, result.stderr
    assert (removed / "gammelt.yaml").is_file() and (removed / BACKUP).is_file()
    assert (removed / ".spredning" / "gammelt.yaml").is_file()
    assert not kept.exists()


def test_the_combined_texts_that_cannot_be_moved_back_leave_the_removed_project_whole(tmp_path, removed):
    kept = kept_folder(removed)
    before = everything(removed)

    # this computer's files come back last, the texts first of them: the project file had come back
    result = at_the_move(
        tmp_path, removed, f"denne-computer/{TEXTS}", "refuse", "projekt", "gendan", "Gammelt"
    )

    assert result.returncode == 1, result.stderr
    assert says(result.stderr, f"{kept / 'denne-computer' / TEXTS} kunne ikke flyttes til"), result.stderr
    assert says(result.stderr, "så projektet er ikke hentet tilbage"), result.stderr
    assert everything(removed) == before

    assert spredning(removed, "projekt", "gendan", "Gammelt").returncode == 0
    assert (removed / ".spredning" / TEXTS).read_text(encoding="utf-8").endswith("Samlet tekst\n")


def test_a_file_that_cannot_go_back_either_is_named(tmp_path, removed):
    kept = kept_folder(removed)
    # (the project file comes back, the backup is refused, and the project file cannot go back)
    script = tmp_path / "ved-flytningen.py"
    line = 'if str(source).endswith(os.sep + name) and "fjernede" in str(there).split(os.sep):'
    assert line in AT_THE_MOVE  # a replace that found nothing would test nothing
    script.write_text(
        AT_THE_MOVE.replace(
            line,
            line[:-1] + ' or (os.path.basename(source) == "gammelt.yaml" and "fjernede" in '
            "str(destination).split(os.sep)):",
        ),
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, str(script), str(SPREDNING), "projekt", "gendan", "Gammelt"],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        cwd=removed.parent,
        env={**env(removed), "AT_NAME": BACKUP, "AT_MOVE": "refuse"},
    )

    assert result.returncode == 1, result.stderr
    err = result.stderr
    assert says(err, f"er lagt tilbage i {kept}, undtagen 1, der ikke kunne: {removed / 'gammelt.yaml'}."), (
        err
    )
    assert says(err, f"Flyt filen tilbage til {kept}, før du prøver igen."), err


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_stop_midway_waits_until_the_project_is_back_whole(tmp_path, removed, stop):
    kept = kept_folder(removed)

    result = at_the_move(tmp_path, removed, BACKUP, str(int(stop)), "projekt", "gendan", "Gammelt")

    assert result.returncode == 128 + stop, (result.returncode, result.stderr)
    assert (removed / "gammelt.yaml").is_file() and (removed / BACKUP).is_file()
    assert (removed / ".spredning" / "gammelt.yaml").is_file()
    assert not kept.exists()  # no emptied kept folder, listed next as a removed project not whole
    listed = spredning(removed, "projekt", "gendan")
    assert listed.returncode != 0 and "Gammelt" not in listed.stdout + listed.stderr, listed


def test_a_stop_while_brought_back_under_a_new_name_waits_until_it_is_named_so(tmp_path, removed):
    """Brought back under another name (--navn): the name in the file is written in the same step."""
    assert spredning(removed, "start", "--navn", "Gammelt", *START).returncode == 0  # the name is taken now

    result = at_the_move(
        tmp_path,
        removed,
        BACKUP,
        str(int(signal.SIGTERM)),
        "projekt",
        "gendan",
        "Gammelt",
        "--navn",
        "Gammelt (2)",
    )

    assert result.returncode == 143, (result.returncode, result.stderr)
    back = yaml.safe_load((removed / "gammelt-2.yaml").read_text(encoding="utf-8"))
    assert back["projekt"]["navn"] == "Gammelt (2)"  # not two projects named 'Gammelt'
    assert (removed / "gammelt-2.yaml.bak-20260101-120000").is_file()
    assert (removed / ".spredning" / "gammelt-2.yaml").is_file()


# --- a stop between the move and making a project active: one is active afterwards, never none -------


@pytest.fixture
def none_active(tmp_path: Path) -> Path:
    """'Gammelt' was the active project and is removed; 'Nyt' and 'Tredje' are left, none active."""
    home = tmp_path / "hjem"
    for name in ("Nyt", "Tredje", "Gammelt"):  # the last one started is the active one
        assert spredning(home, "start", "--navn", name, *START).returncode == 0
    (home / BACKUP).write_bytes((home / "gammelt.yaml").read_bytes())
    assert spredning(home, "projekt", "fjern", "Gammelt", "--ja").returncode == 0
    assert not (home / ".spredning" / "aktivt-projekt").exists()
    return home


def active(home: Path) -> str:
    return (home / ".spredning" / "aktivt-projekt").read_text(encoding="utf-8").strip()


@pytest.mark.parametrize(
    "stop", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT], ids=["SIGTERM", "SIGHUP", "Ctrl+C"]
)
def test_a_stop_midway_with_no_project_active_leaves_the_one_brought_back_active(tmp_path, none_active, stop):
    result = at_the_move(tmp_path, none_active, BACKUP, str(int(stop)), "projekt", "gendan", "Gammelt")

    assert result.returncode == (130 if stop == signal.SIGINT else 128 + stop), (result.returncode, result)
    assert "Traceback" not in result.stderr
    assert (none_active / "gammelt.yaml").is_file() and (
        none_active / ".spredning" / "gammelt.yaml"
    ).is_file()
    assert active(none_active) == "gammelt"  # as when not stopped: three projects here, and one active
    status = spredning(none_active, "status")
    assert status.returncode == 0 and "Gammelt" in status.stdout, status


def test_a_stop_midway_leaves_the_only_project_in_use_active(tmp_path, none_active):
    """With 'Tredje' removed too, 'Nyt' is the one commands use; brought back beside it, it stays so."""
    assert spredning(none_active, "projekt", "fjern", "Tredje", "--ja").returncode == 0
    (none_active / ".spredning" / "aktivt-projekt").unlink(missing_ok=True)  # used as the only one

    result = at_the_move(
        tmp_path, none_active, BACKUP, str(int(signal.SIGTERM)), "projekt", "gendan", "Gammelt"
    )

    assert result.returncode == 128 + signal.SIGTERM, result
    assert (none_active / "gammelt.yaml").is_file()
    assert active(none_active) == "nyt"
    status = spredning(none_active, "status")
    assert status.returncode == 0 and "Nyt" in status.stdout, status


def test_a_stop_while_the_active_project_is_removed_leaves_the_only_one_left_active(tmp_path):
    """Stopped then, the marker still named the removed project: brought back, it was active unasked."""
    home = tmp_path / "hjem"
    for name in ("Nyt", "Gammelt"):  # 'Gammelt', started last, is the active project
        assert spredning(home, "start", "--navn", name, *START).returncode == 0
    script = tmp_path / "ved-flytningen.py"
    script.write_text(AT_THE_MOVE, encoding="utf-8")
    stop = str(int(signal.SIGTERM))
    result = subprocess.run(
        [sys.executable, str(script), str(SPREDNING), "projekt", "fjern", "Gammelt", "--ja"],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        cwd=home.parent,
        preexec_fn=default_stops,
        env={**env(home), "AT_NAME": ".spredning/gammelt.yaml", "AT_MOVE": stop, "AT_INTO": "1"},
    )

    assert result.returncode == 128 + signal.SIGTERM, result
    assert not (home / "gammelt.yaml").exists() and not (home / ".spredning" / "gammelt.yaml").exists()
    assert active(home) == "nyt"  # as when not stopped

    assert spredning(home, "projekt", "gendan", "Gammelt").returncode == 0
    assert active(home) == "nyt"  # the one in use stays in use
