"""git as a way of working (issue 11): real git, two clones, commits and merges of a project folder.

Two people keep the project folder in git. Answers to different questions, neighbours on the same
side included, merge without conflicts; when git does leave conflict markers, every command says so
in Danish, and `spredning konflikter` turns the two marked versions into ordinary answer conflicts.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from exchange_kit import D1, D2, D3, G1, G2, NAME, Org, flat, start_sharing

from spredning.core import filehead

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")]


def git(folder: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    env = {
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "t@e.st",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "t@e.st",
        "HOME": str(folder),
        "PATH": "/usr/bin:/bin",
    }
    return subprocess.run(
        ["git", "-c", "init.defaultBranch=main", "-c", "pull.rebase=false", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        env=env,
        check=check,
    )


@pytest.fixture
def clones(tmp_path) -> tuple[Org, Org]:
    """Odense starts the project in its clone and pushes it; Ærø clones and says its side."""
    origin = tmp_path / "origin.git"
    git(tmp_path, "init", "--bare", str(origin))
    odense = Org(tmp_path / "odense", tmp_path)
    git(tmp_path, "clone", str(origin), str(odense.home))
    start_sharing(odense)
    commit(odense, "Projektet er startet")
    git(odense.home, "push", "origin", "HEAD:main")
    aeroe = Org(tmp_path / "aeroe", tmp_path)
    git(tmp_path, "clone", str(origin), str(aeroe.home))
    assert NAME in flat(aeroe.ok("status"))  # a fresh clone: no active project, no helper files
    aeroe.ok("projekt", "side", "genbruge")
    return odense, aeroe


def commit(org: Org, message: str) -> None:
    git(org.home, "add", "-A")
    git(org.home, "commit", "-m", message)


def sync(first: Org, second: Org) -> subprocess.CompletedProcess:
    """first pushes; second pulls (merging) and pushes back."""
    git(first.home, "pull", "origin", "main", check=False)
    git(first.home, "push", "origin", "HEAD:main")
    pulled = git(second.home, "pull", "origin", "main", check=False)
    return pulled


def test_the_helper_folder_stays_out_of_git(clones):
    odense, aeroe = clones
    for org in (odense, aeroe):
        assert (org.home / ".spredning").is_dir()
        assert git(org.home, "status", "--porcelain").stdout == ""


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        ({D1: "Odenses formål"}, {D2: "Ærøs bud på løsningen"}),  # neighbours on the same side
        ({D2: "Midten"}, {D1: "Først", D3: "Sidst"}),  # around a neighbour
        ({D1: "Odenses formål"}, {G1: "Ja, meget", G2: "Ja"}),
    ],  # different sides
)
def test_different_questions_merge_without_conflicts(clones, ours, theirs):
    odense, aeroe = clones
    odense.answer(ours)
    commit(odense, "Odenses svar")
    sides = ("--rolle", "dele") if any(q.split(".")[2] == "dele" for q in theirs) else ()
    aeroe.answer(theirs, *sides)
    commit(aeroe, "Ærøs svar")

    pulled = sync(odense, aeroe)

    assert pulled.returncode == 0, pulled.stdout + pulled.stderr
    assert "CONFLICT" not in pulled.stdout
    assert aeroe.texts() == {**ours, **theirs}
    assert aeroe.others() == {}


def test_markers_around_the_same_text_become_one_file_without_a_conflict_and_say_so(clones):
    odense, aeroe = clones
    odense.answer({D1: "Odenses formål"})
    commit(odense, "Odense")
    assert sync(odense, aeroe).returncode == 0
    odense.answer({D1: "Det samme nye formål"})
    commit(odense, "Odense ændrer")
    aeroe.answer({D1: "Det samme nye formål"}, "--rolle", "dele")  # the same text, another history
    commit(aeroe, "Ærø ændrer")

    pulled = sync(odense, aeroe)
    assert pulled.returncode != 0 and "<<<<<<<" in aeroe.path.read_text(encoding="utf-8")

    out = flat(aeroe.ok("konflikter"))

    assert "De to udgaver er samlet til én fil, og intet svar er i konflikt" in out
    assert "0 konflikter" not in out and "Der er ingen uafklarede konflikter." in out
    assert aeroe.texts()[D1] == "Det samme nye formål" and aeroe.others() == {}


def test_a_merge_conflict_is_named_in_danish_and_konflikter_turns_it_into_answer_conflicts(clones):
    odense, aeroe = clones
    odense.answer({D1: "Odenses formål", D2: "Fælles løsning"})
    commit(odense, "Odense")
    assert sync(odense, aeroe).returncode == 0
    odense.answer({D1: "Odense ændrede formålet"})
    commit(odense, "Odense ændrer")
    aeroe.answer({D1: "Ærø ændrede formålet"}, "--rolle", "dele")
    commit(aeroe, "Ærø ændrer")

    pulled = sync(odense, aeroe)

    assert pulled.returncode != 0 and "CONFLICT" in pulled.stdout
    marked = aeroe.path.read_text(encoding="utf-8")
    assert "<<<<<<<" in marked
    for command in (("status",), ("vis",), ("fase", "tjek", "--svar", "x.yaml"), ("eksport",), ("rapport",)):
        code, _, err = aeroe(*command)
        assert code == 1, (command, err)
        assert "git har efterladt en flettekonflikt i projektfilen" in flat(err)
        assert "spredning konflikter" in flat(err)
        assert "Traceback" not in err
    assert aeroe.path.read_text(encoding="utf-8") == marked

    out = flat(aeroe.ok("konflikter"))

    assert "git havde efterladt en flettekonflikt" in out and "1 konflikt" in out
    assert "Konflikt 1 af 1: Tjek · Beskriv innovationen · Vi vil dele" in out
    assert "En udgave fra en anden kopi af projektfilen:" in out and "(fra git)s" not in out
    assert "<<<<<<<" not in aeroe.path.read_text(encoding="utf-8")
    assert list(aeroe.home.glob("*.bak-*")) and "<<<<<<<" in next(aeroe.home.glob("*.bak-*")).read_text()
    assert aeroe.texts()[D2] == "Fælles løsning"
    assert {aeroe.texts()[D1], *aeroe.others()[D1]} == {"Odense ændrede formålet", "Ærø ændrede formålet"}
    # the settled file is ordinary again: git takes it, and the other clone gets the conflict to settle
    git(aeroe.home, "add", aeroe.path.name)
    git(aeroe.home, "commit", "--no-edit")
    assert sync(aeroe, odense).returncode == 0
    assert (odense.texts()[D1], odense.others()) == (aeroe.texts()[D1], aeroe.others())
    assert "Næste skridt: afgør konflikten: spredning konflikter" in flat(odense.ok("status"))


def keep_both(text: str) -> str:
    """A merge "resolved" by hand by taking git's marker lines away: both sides' lines stay."""
    return "".join(line for line in text.splitlines(keepends=True) if not line.startswith(filehead.MARKERS))


def test_both_versions_kept_when_markers_are_removed_by_hand_are_named_and_nothing_is_written(clones):
    odense, aeroe = clones
    odense.answer({D1: "Odenses formål", D2: "Fælles løsning"})
    commit(odense, "Odense")
    assert sync(odense, aeroe).returncode == 0
    odense.answer({D1: "Odense ændrede formålet"})
    commit(odense, "Odense ændrer")
    aeroe.answer({D1: "Ærø ændrede formålet"}, "--rolle", "dele")
    commit(aeroe, "Ærø ændrer")
    assert sync(odense, aeroe).returncode != 0
    kept = keep_both(aeroe.path.read_text(encoding="utf-8"))
    aeroe.path.write_text(kept, encoding="utf-8")
    lines = [n for n, line in enumerate(kept.splitlines(), 1) if line.strip().startswith("tekst: ")]
    ours, theirs = (n for n in lines if "formålet" in kept.splitlines()[n - 1])
    copies = set(aeroe.home.glob("*.bak-*"))  # the one 'fase --svar --erstat' kept when it replaced D1

    for command in (("status",), ("vis",), ("konflikter",), ("eksport",)):
        code, _, err = aeroe(*command)
        said = flat(err)
        assert code == 1, (command, err)
        assert said.startswith("Fejl: Projektfilen ")  # its path, wrapped where the terminal ends
        assert f"rummer to udgaver af det samme svar på spørgsmålet '{D1}'" in said
        assert f"'tekst:' står både i linje {ours} og i linje {theirs}" in said
        assert "Det ligner en flettekonflikt i git, der er løst ved at beholde begge udgavers linjer" in said
        assert "Filen er ikke ændret. Åbn den i en teksteditor, og behold én udgave af svaret" in said
        assert "'spredning fase tjek'" in said
        assert "nøglen 'tekst' står to gange" not in said and "Traceback" not in err
    assert aeroe.path.read_text(encoding="utf-8") == kept
    assert set(aeroe.home.glob("*.bak-*")) == copies

    # done as told (one 'tekst:' and its 'version:' taken away), the file reads, with the text kept
    lines = kept.splitlines(keepends=True)
    del lines[ours - 1 : ours + 1]
    aeroe.path.write_text("".join(lines), encoding="utf-8")
    assert aeroe.texts()[D1] == "Odense ændrede formålet" and aeroe.texts()[D2] == "Fælles løsning"


def test_a_removed_project_stays_out_of_git_and_its_return_leaves_nothing_to_commit(clones):
    _, aeroe = clones
    [slug] = aeroe.store.slugs()

    said = flat(aeroe.ok("projekt", "fjern", slug, "--ja"))

    assert (
        f"Projektmappen er en git-mappe: committer I, at {slug}.yaml er væk, fjernes projektet også hos "
        "dem, der deler mappen med jer." in said
    )
    # the removal itself is a change to the shared folder (git would remove it for the partner too);
    # the kept files are this computer's, like .spredning/
    assert git(aeroe.home, "status", "--porcelain").stdout == f" D {slug}.yaml\n"
    assert (aeroe.home / "fjernede" / ".gitignore").read_text(encoding="utf-8").endswith("*\n")

    aeroe.ok("projekt", "gendan", slug)

    assert git(aeroe.home, "status", "--porcelain").stdout == ""
