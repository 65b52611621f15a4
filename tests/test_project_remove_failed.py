"""A 'projekt fjern' that fails midway leaves the project as it was, and nothing under fjernede/.

The project's files are moved one by one into HOME/fjernede/SLUG-DATE-TIME/. When one could not
be moved (a folder one may not write in, a locked file), the files moved before it stayed in the
kept folder, and the project was gone from the projects folder; when the first one failed, an
empty kept folder stayed behind. Now what was moved goes back, the folders made for the removal go,
and the message says the project was not removed and what to check.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from exchange_kit import G1, G2, Org

pytestmark = pytest.mark.usefixtures("work_in_tmp")

START = ("--deler", "Odense Kommune", "--rolle", "genbruge", "--organisation", "Ærø Kommune")


@pytest.fixture
def aeroe(tmp_path, run_cli) -> Org:
    """Ærø's project 'Gammelt' (two answers, this computer's state, a backup beside it) and 'Nyt'."""
    org = Org(tmp_path / "aeroe", tmp_path, run_cli)
    org.ok("start", "--navn", "Gammelt", *START)
    org.answer({G1: "Vi har ventelister", G2: "Ja"}, "--rolle", "genbruge")
    (org.home / "gammelt.yaml.bak-20260101-120000").write_bytes((org.home / "gammelt.yaml").read_bytes())
    org.ok("start", "--navn", "Nyt", *START)
    return org


def everything(root: Path) -> dict[str, object]:
    """Every file (its bytes and inode) and folder under root: an empty folder left behind counts too."""
    found: dict[str, object] = {}
    for path in sorted(root.rglob("*")):
        if path.name.endswith((".lock", "projekter.json")):  # a lock and the index are no one's work
            continue
        info = path.lstat()
        found[str(path.relative_to(root))] = "mappe" if path.is_dir() else (path.read_bytes(), info.st_ino)
    return found


@pytest.fixture
def cannot_move(monkeypatch):
    """Moving the files `stuck` accepts fails, as in a folder one may not write in (os.rename, os.link)."""

    def refuse(stuck) -> None:
        def refused(step):
            def run(source, target, *args, **kwargs):
                if stuck(Path(os.path.abspath(source))):
                    raise PermissionError(errno.EACCES, "Permission denied", str(source))
                return step(source, target, *args, **kwargs)

            return run

        monkeypatch.setattr(os, "rename", refused(os.rename))
        monkeypatch.setattr(os, "link", refused(os.link))

    return refuse


def said(err: str) -> str:
    return "".join(err.split())  # a long path may be cut across lines


@pytest.mark.parametrize("with_removed_folder", [False, True], ids=["first-removal", "removed-before"])
def test_a_file_that_cannot_be_moved_midway_leaves_the_project_as_it_was(
    aeroe, cannot_move, with_removed_folder
):
    if with_removed_folder:
        aeroe.ok("projekt", "fjern", "Nyt", "--ja")
    before = everything(aeroe.home)
    state = aeroe.home / ".spredning" / "gammelt.yaml"
    cannot_move(lambda path: path == state)  # the project file and its backup go first; then this fails

    code, _, err = aeroe("projekt", "fjern", "Gammelt", "--ja")

    assert code == 1
    if with_removed_folder:
        assert said(err).startswith(
            "Fejl:"
            + "".join(
                f"{state} kunne ikke flyttes til {aeroe.home / 'fjernede'} (ingen adgang), så projektet er "
                "ikke fjernet. Det er, som det var: dets filer ligger, hvor de lå.".split()
            )
        ), err
        assert "Tjek,atdumåskriveiprojektmappenogi" in said(err)
    else:  # fjernede/ was made for this removal and is gone again: not named as a place to look in
        assert said(err).startswith(
            "Fejl:"
            + "".join(
                f"{state} kunne ikke flyttes til mappen 'fjernede' i projektmappen (ingen adgang), så "
                "projektet er ikke fjernet. Det er, som det var: dets filer ligger, hvor de lå, og mappen "
                "'fjernede' er ikke lavet.".split()
            )
        ), err
        assert said(f"Tjek, at du må skrive i projektmappen {aeroe.home}, og at filen") in said(err), err
        assert said(str(aeroe.home / "fjernede")) not in said(err), err
    assert "Traceback" not in err
    assert everything(aeroe.home) == before  # no kept folder, no fjernede/ made for it, the same files


def test_the_combined_texts_that_cannot_be_moved_leave_the_project_as_it_was(aeroe, cannot_move):
    texts = aeroe.home / ".spredning" / "gammelt-samlede-tekster.txt"  # kept by a stopped 'konflikter'
    texts.write_text("Konflikt 1 af 1: Tjek\n\nSamlet tekst\n", encoding="utf-8")
    before = everything(aeroe.home)
    cannot_move(lambda path: path == texts)  # the last to go: every other file had gone, and goes back

    code, _, err = aeroe("projekt", "fjern", "Gammelt", "--ja")

    assert code == 1, err
    assert said(err).startswith(said(f"Fejl: {texts} kunne ikke flyttes til")), err
    assert "så projektet er ikke fjernet" in " ".join(err.split())
    assert everything(aeroe.home) == before


def test_the_project_file_that_cannot_be_moved_leaves_no_empty_kept_folder(aeroe, cannot_move):
    (aeroe.home / "fjernede").mkdir()
    before = everything(aeroe.home)
    cannot_move(lambda path: path == aeroe.home / "gammelt.yaml")

    code, _, err = aeroe("projekt", "fjern", "Gammelt", "--ja")

    assert code == 1 and "så projektet er ikke fjernet" in " ".join(err.split())
    assert everything(aeroe.home) == before
    assert list((aeroe.home / "fjernede").iterdir()) == []


def test_a_file_that_cannot_go_back_either_is_named_with_where_it_was(aeroe, cannot_move):
    backup = "gammelt.yaml.bak-20260101-120000"
    state = aeroe.home / ".spredning" / "gammelt.yaml"
    # the project file and its backup go, this computer's state does not, and the backup cannot come back
    cannot_move(lambda path: path == state or (path.name == backup and "fjernede" in path.parts))

    code, _, err = aeroe("projekt", "fjern", "Gammelt", "--ja")

    assert code == 1, err
    words = " ".join(err.split())
    assert (
        "så projektet er ikke fjernet. De filer, der allerede var flyttet, er flyttet tilbage, undtagen 1"
        in words
    )
    kept = [folder for folder in (aeroe.home / "fjernede").iterdir() if folder.is_dir()]
    assert [path.name for path in kept[0].iterdir()] == [backup]
    assert f"Flyt filen tilbage til {aeroe.home}, hvor den lå" in words
    assert (aeroe.home / "gammelt.yaml").exists() and state.exists()


@pytest.mark.parametrize("with_removed_folder", [True, False], ids=["fjernede-there", "no-fjernede"])
def test_stuck_files_really_stay_put_through_the_installed_command(tmp_path, with_removed_folder):
    """The real thing: the projects folder marked unchangeable (chattr +i), fjernede/ there or not."""
    spredning = Path(sys.executable).parent / "spredning"
    if not spredning.exists() or shutil.which("chattr") is None:
        pytest.skip("needs the installed command and chattr")
    home = tmp_path / "hjem"
    env = {**os.environ, "SPREDNING_HJEM": str(home)}
    run = {"capture_output": True, "text": True, "timeout": 60, "env": env}
    assert subprocess.run([str(spredning), "start", "--navn", "Gammelt", *START], **run).returncode == 0
    if with_removed_folder:
        (home / "fjernede").mkdir()
    before = everything(home)
    if subprocess.run(["chattr", "+i", str(home)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not allowed here (root on a file system that has it)")
    try:
        result = subprocess.run([str(spredning), "projekt", "fjern", "Gammelt", "--ja"], **run)
    finally:
        subprocess.run(["chattr", "-i", str(home)], check=True)
    assert result.returncode == 1, result.stderr
    assert "så projektet er ikke fjernet" in " ".join(result.stderr.split())
    if not with_removed_folder:  # the folder it could not make is not named as a place to look
        assert said(str(home / "fjernede")) not in said(result.stderr), result.stderr
        assert said(f"Tjek, at du må skrive i projektmappen {home}") in said(result.stderr), result.stderr
    assert everything(home) == before


def test_a_kept_folder_that_cannot_be_made_is_said_as_the_removal_it_stops(aeroe, monkeypatch):
    removed = aeroe.home / "fjernede"
    removed.mkdir()
    (removed / ".gitignore").write_text("*\n", encoding="utf-8")
    before = everything(aeroe.home)
    mkdir = os.mkdir

    def refused(path, *args, **kwargs):  # fjernede/ lets no folder be made in it
        if Path(path).parent == removed:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return mkdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "mkdir", refused)

    code, _, err = aeroe("projekt", "fjern", "Gammelt", "--ja")

    assert code == 1
    assert said(err).startswith(
        "Fejl:Detfjernedeprojektsfilerkanikkegemmesi"
        + f"{removed}(ingenadgang),såprojekteterikkefjernet.Deter,somdetvar."
    ), err
    assert f"Tjek,atdumåskrivei{removed},ogprøvsåigen." in said(err)
    assert everything(aeroe.home) == before


@pytest.mark.parametrize("refused", ["fjernede", "kept-folder"])
def test_a_removed_folder_not_there_afterwards_is_not_named_as_a_place_to_look(aeroe, monkeypatch, refused):
    removed = aeroe.home / "fjernede"
    before = everything(aeroe.home)
    mkdir = os.mkdir

    def refuses(path, *args, **kwargs):  # fjernede/ itself, or (made for this) the kept folder in it
        if Path(path) == removed if refused == "fjernede" else Path(path).parent == removed:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return mkdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "mkdir", refuses)

    code, _, err = aeroe("projekt", "fjern", "Gammelt", "--ja")

    assert code == 1
    assert said(err).startswith(
        said(
            "Fejl: Det fjernede projekts filer kan ikke gemmes i mappen 'fjernede' i projektmappen (ingen "
            "adgang), så projektet er ikke fjernet. Det er, som det var, og mappen 'fjernede' er ikke lavet."
        )
    ), err
    assert said(f"Tjek, at du må skrive i projektmappen {aeroe.home}, og prøv så igen.") in said(err), err
    assert said(str(removed)) not in said(err), err
    assert everything(aeroe.home) == before
