"""An exchange file cut short (at a line, or at any byte) is refused, or it is the whole file.

A partner's file that lost its end (an interrupted copy, `head -n 24`, a mail client cutting a long
attachment) must never be imported as if it were complete: missing answers look like answers not
given, and the user would believe they have everything. The file is made through the CLI, with
answers on both sides, plan actions from both organisations, readiness marks and an approval.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from exchange_kit import D1, D2, D3, G1, G2, Org, flat, installed, start_sharing
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = [
    pytest.mark.slow,  # the installed command makes the file; ~300 imports follow
    pytest.mark.usefixtures("work_in_tmp"),
]


@pytest.fixture(scope="module")
def exchange(tmp_path_factory) -> tuple[Path, Path, Path]:
    """(the file the sharing side sent, the receiver's folder as it was, a folder for trials).

    Made with the installed command once for the module: the receiver already has the project
    and an older state of the dialogue, so the complete file updates, adds and brings records.
    """
    root = tmp_path_factory.mktemp("udveksling")
    sharing = Org(root / "odense", root)
    reusing = Org(root / "aeroe", root)
    start_sharing(sharing, answers={D1: "Færre genindlæggelser\nog kortere forløb", D2: "Træning hjemme"})
    sharing.ok("plan", "tilføj", "--hvad", "Send vejledningen", "--partner", "Ærø Kommune")
    reusing.ok("importer", str(sharing.export()))
    reusing.answer({G1: "Ja, vi har de samme ventetider", G2: "Ja\n\nmed to afsnit"})
    reusing.ok("plan", "tilføj", "--hvad", "Ring til Odense")
    reusing.ok("klarhed", "beskriv-innovationen", "gul")
    sharing.ok("importer", str(reusing.export()))
    sharing.answer({D1: "Færre genindlæggelser, kortere forløb", D3: "Et halvt år"})
    sharing.ok("klarhed", "beskriv-innovationen", "grøn", "--partner", "Ærø Kommune")
    sharing.ok("godkend", "tjek", "--af", "Eva Jensen", "--partner", "Ærø Kommune")
    sent = sharing.export()
    data = yaml.safe_load(sent.read_text(encoding="utf-8"))
    assert data["svar"]["genbruge"]["aeroe-kommune"][G1]["tekst"]  # both sides' answers travel
    assert len(data["opfølgning"]["genbruge"]["aeroe-kommune"]["plan"]) == 2
    return sent, reusing.home, root


def snapshot(home: Path) -> dict[str, bytes]:
    """Every file in a project folder, caches and locks included (to put the folder back exactly)."""
    return {str(p.relative_to(home)): p.read_bytes() for p in sorted(home.rglob("*")) if p.is_file()}


def restore(home: Path, files: dict[str, bytes]) -> None:
    shutil.rmtree(home)
    for name, content in files.items():
        (home / name).parent.mkdir(parents=True, exist_ok=True)
        (home / name).write_bytes(content)


def user_files(home: Path) -> dict[str, bytes]:
    """The project file and this computer's state; not the index or lock files."""
    return user_files_of(snapshot(home))


class Trial:
    """The receiver's folder put back before each try; what the complete file does, once."""

    def __init__(self, exchange, run_cli):
        sent, home, root = exchange
        self.whole = sent.read_bytes()
        self.root = root
        self.receiver = Org(home, root, run_cli)
        self.before = snapshot(home)
        code, _, err = self.receiver.import_(sent)
        assert code == 0, err
        self.complete = user_files(home)
        assert self.complete != user_files_of(self.before)
        restore(home, self.before)

    def attempt(self, content: bytes) -> tuple[int | None, str]:
        cut = self.root / "afkortet.yaml"
        cut.write_bytes(content)
        code, _, err = self.receiver.import_(cut)
        after = user_files(self.receiver.home)
        if code == 0:
            shown = content.decode(errors="replace")[-300:]
            assert after == self.complete, f"a cut file was imported as if whole:\n{shown}"
            restore(self.receiver.home, self.before)
        else:
            assert code == 1, err
            assert after == user_files_of(self.before), "a refused file changed something"
        return code, err


def user_files_of(files: dict[str, bytes]) -> dict[str, bytes]:
    """As user_files; the state's note of which file was imported (`importeret`: its path, size and
    time) is left out: a cut file has another name and size than the whole one, by design. So is
    the helper folder's identity (`mappe`): restore makes the folder anew at the same place."""
    kept = {k: v for k, v in files.items() if not k.endswith(("projekter.json", ".lock"))}
    for name, content in kept.items():
        if name.startswith(".spredning/") and name.endswith(".yaml"):
            state = yaml.safe_load(content) or {}
            state.pop("importeret", None)
            state.pop("mappe", None)
            kept[name] = yaml.safe_dump(state, allow_unicode=True, sort_keys=True).encode()
    return kept


@pytest.fixture
def trial(exchange, run_cli) -> Trial:
    return Trial(exchange, run_cli)


def only_blanks_lost(whole: bytes, cut: bytes) -> bool:
    """The one harmless cut: only trailing blank lines or spaces are gone."""
    return whole.startswith(cut) and not whole[len(cut) :].strip()


def test_a_file_cut_at_any_line_is_refused_as_cut_short_and_nothing_changes(trial):
    lines = trial.whole.splitlines(keepends=True)
    assert len(lines) > 100
    for count in range(len(lines)):  # 0 lines .. all but the last
        content = b"".join(lines[:count])
        code, err = trial.attempt(content)
        assert code == 1, f"cut after line {count} was imported"
        if content.strip():
            assert "afkortet" in flat(err) and "Intet er hentet" in flat(err), (count, err)


def test_the_whole_file_and_one_without_its_last_line_break_import_alike(trial):
    assert trial.attempt(trial.whole)[0] == 0
    assert trial.attempt(trial.whole.rstrip(b"\n"))[0] == 0
    assert trial.attempt(trial.whole + b"\n\n")[0] == 0


@pytest.mark.parametrize(
    ("after", "lines"),
    [
        (b"\n-- \nMed venlig hilsen\nAnne Hansen, Odense Kommune\n", 3),  # a signature: not YAML
        (b"Hilsen: Anne\n", 1),  # YAML, but not ours
        (None, 0),  # the whole file again: the same keys twice
    ],
)
def test_text_after_the_end_line_is_said_to_be_that_and_nothing_is_imported(trial, after, lines):
    extra = trial.whole if after is None else after
    code, err = trial.attempt(trial.whole + extra)
    assert code == 1
    said = flat(err)
    assert "fortsætter efter linjen 'slut: ja'" in said and "Intet er hentet" in said
    count = lines or sum(1 for line in trial.whole.splitlines() if line.strip())
    assert (f"{count} linjer mere" if count > 1 else "1 linje mere") in said
    assert "Slet linjerne efter 'slut: ja'" in said
    assert "indryk" not in said.lower()  # no YAML detail


def test_comments_after_the_end_line_are_harmless(trial):
    assert trial.attempt(trial.whole + b"# sendt fra Odense\n")[0] == 0


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(fraction=st.floats(min_value=0, max_value=1, exclude_max=True))
def test_a_file_cut_at_any_byte_is_refused_unless_only_blanks_were_lost(trial, fraction):
    cut = trial.whole[: int(len(trial.whole) * fraction)]
    code, _ = trial.attempt(cut)
    assert code == 1 or only_blanks_lost(trial.whole, cut)


def test_a_file_from_before_the_end_line_still_imports_as_it_did(trial):
    """An earlier version's export: format 3 (or 2), no end line; nothing to check it against."""
    whole = trial.whole.decode("utf-8")
    assert whole.startswith("format: '4'\n") and whole.endswith("\nslut: ja\n")
    old = whole.replace("format: '4'", "format: '3'", 1).removesuffix("slut: ja\n")

    assert trial.attempt(old.encode("utf-8"))[0] == 0  # and imports exactly what the new file does


def test_the_installed_command_refuses_a_file_cut_like_head_does(exchange, tmp_path):
    sent, home, _ = exchange
    receiver = tmp_path / "aeroe"
    shutil.copytree(home, receiver)
    before = user_files(receiver)
    cut = tmp_path / "afkortet.yaml"
    cut.write_bytes(b"".join(sent.read_bytes().splitlines(keepends=True)[:24]))

    for options in (("--tør",), ()):
        code, out, err = installed("importer", str(cut), *options, home=receiver, cwd=tmp_path)
        assert code == 1, out
        assert "afkortet" in flat(err) and "Intet er hentet" in flat(err)
        assert "Ville opdatere" not in out
    assert user_files(receiver) == before
