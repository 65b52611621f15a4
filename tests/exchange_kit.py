"""Organisations for the exchange tests: a project folder each, the CLI run against it, and reading back.

An Org runs `spredning` with SPREDNING_HJEM set to its own folder, in-process (fast) or as the installed
command (end to end). Files travel through a shared folder, as mail attachments would.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from unittest import mock

import pexpect
import yaml
from terminal import ANSI, COMMAND

from spredning.core.content import load_guide
from spredning.core.model import layout
from spredning.core.store import Store

LAYOUT = layout(load_guide(None))

NAME = "Genoptræning Ærø"  # the project most exchange tests share
PARTNERS = ("Ærø Kommune", "Fanø Kommune", "Læsø Kommune")  # a sharing side with several partners ...
KEYS = ("aeroe-kommune", "fanoe-kommune", "laesoe-kommune")  # ... and their keys in the project file

D1 = "tjek.beskriv-innovationen.dele.formaal"
D2 = "tjek.beskriv-innovationen.dele.loesningen"
D3 = "tjek.beskriv-innovationen.dele.processen"
G1 = "tjek.beskriv-innovationen.genbruge.interessant"
G2 = "tjek.beskriv-innovationen.genbruge.samme-behov"
V = "brug.tag-loesningen-i-brug.dele.brug-hos-andre"


def flat(text: str) -> str:
    """Output with line wrapping undone: every run of blanks and line breaks as one space."""
    return " ".join(text.split())


def answered(child, *asked: tuple[str, str]) -> tuple[str, int]:
    """Answer a program's questions in its pseudo-terminal (each: its words, the keys typed when it shows),
    then wait for the end: (what it showed, without colours and with line wrapping undone; exit code)."""
    for question, keys in asked:
        child.expect_exact(question)
        child.send(keys)
    child.expect_exact(pexpect.EOF)
    child.close()
    return flat(ANSI.sub("", child.logfile_read.getvalue())), child.exitstatus


def installed(
    *args: str, home: Path, cwd: Path, env: dict | None = None, prefix: Sequence[str] = ()
) -> tuple[int, str, str]:
    """Run the installed command (a real process) and return (exit code, stdout, stderr).

    `prefix`: a command that runs it (setpriv, to run it with fewer rights).
    """
    environment = {
        **os.environ,
        "SPREDNING_HJEM": str(home),
        "COLUMNS": "80",
        "NO_COLOR": "1",
        "SPREDNING_SPROG": "da",
        **(env or {}),
    }
    environment["PATH"] = f"{COMMAND.parent}{os.pathsep}{environment.get('PATH', '')}"
    result = subprocess.run(
        [*prefix, str(COMMAND), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=environment,
        timeout=60,
        check=False,
    )
    return result.returncode, result.stdout, result.stderr


@dataclass
class Org:
    """One organisation: its project folder, and the CLI run with that as its default folder."""

    home: Path
    files: Path
    run_cli: object = None  # in-process runner; None runs the installed command
    numbers: itertools.count = field(default_factory=itertools.count)

    def __call__(self, *args: str) -> tuple[int | None, str, str]:
        if self.run_cli is None:
            return installed(*args, home=self.home, cwd=self.files)
        with self.at_home():
            return self.run_cli(*args)

    @contextlib.contextmanager
    def at_home(self):
        """SPREDNING_HJEM set to this organisation's folder, as on its own computer (hints then
        name no --hjem, as they would for its users)."""
        before = os.environ.get("SPREDNING_HJEM")
        os.environ["SPREDNING_HJEM"] = str(self.home)
        try:
            yield
        finally:
            if before is None:
                del os.environ["SPREDNING_HJEM"]
            else:
                os.environ["SPREDNING_HJEM"] = before

    def ok(self, *args: str) -> str:
        """Run a command that must succeed; its output."""
        code, out, err = self(*args)
        assert code == 0, f"{args}: {err}{out}"
        return out

    @property
    def store(self) -> Store:
        return Store(self.home, LAYOUT)

    @property
    def slug(self) -> str:
        slugs = self.store.slugs()
        assert len(slugs) == 1, slugs
        return slugs[0]

    @property
    def path(self) -> Path:
        return self.store.path_for(self.slug)

    def project(self, slug: str | None = None):
        return self.store.load(slug or self.slug)

    def texts(self, partner: str | None = None, slug: str | None = None) -> dict[str, str]:
        """Every given answer's text in one dialogue (the only one when not named)."""
        project = self.project(slug)
        chosen = project.partner(partner) if partner else (project.partners[0] if project.partners else None)
        view = project.dialogue(chosen)
        ids = [*LAYOUT.shared, *LAYOUT.dialogue]
        return {qid: a.text for qid in dict.fromkeys(ids) if (a := view.answer(qid)) is not None}

    def others(self, slug: str | None = None) -> dict[str, list[str]]:
        """Every open conflict: question id -> the other versions' texts."""
        return {
            slot[1]: [o.text for o in entry.others]
            for slot, entry in self.project(slug).entries()
            if entry.in_conflict
        }

    def answer(self, answers: dict, *options: str, phase: str = "tjek") -> str:
        """Save answers with 'fase PHASE --svar --erstat', as a script that means to change them would."""
        source = self.files / f"{self.home.name}-svar-{next(self.numbers)}.yaml"
        source.write_text(yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
        # a script has no terminal, also in a test that gives this process one (fase_in_terminal,
        # on_screen): in a terminal 'fase --svar' asks whose answers the file holds before saving
        with mock.patch("spredning.cli.commands.fase.is_interactive", return_value=False):
            return self.ok("fase", phase, "--svar", str(source), "--erstat", *options)

    def export(self, *options: str) -> Path:
        target = self.files / f"fra-{self.home.name}-{next(self.numbers)}.yaml"
        self.ok("eksport", "--ud", str(target), *options)
        return target

    def import_(self, path: Path, *options: str) -> tuple[int | None, str, str]:
        return self("importer", str(path), *options)


def start_sharing(
    org: Org,
    *,
    reusers: tuple[str, ...] = ("Ærø Kommune",),
    description: str | None = None,
    answers: dict[str, str] | None = None,
    name: str = NAME,
) -> Org:
    """Odense Kommune starts the project `name` in org's folder on the sharing side, with `reusers` as
    its reusing organisations, and saves `answers` (question id -> text) in the phase tjek; org."""
    described = ("--beskrivelse", description) if description else ()
    partners = [option for reuser in reusers for option in ("--genbruger", reuser)]
    org.ok("start", "--navn", name, *described, "--deler", "Odense Kommune", *partners, "--rolle", "dele")
    if answers:
        org.answer(answers)
    return org


def colleague(org: Org, tmp_path: Path, name: str, *side: str) -> Org:
    """A colleague's computer with a copy of org's project file (as from git), set to `side`
    ('projekt side' and its words): its own folder tmp_path/name, none of org's state."""
    other = Org(tmp_path / name, tmp_path, org.run_cli)
    other.home.mkdir()
    shutil.copy(org.path, other.home / org.path.name)
    other.ok("projekt", "side", *side)
    return other


def start_hub(tmp_path: Path, run_cli, answers: dict[str, str]) -> tuple[Org, dict[str, Org]]:
    """Odense (tmp_path/odense) shares with the three PARTNERS and saves `answers`; each partner, in a
    folder named by its key, has imported its first file. (sharing, {key: partner})"""
    sharing = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), reusers=PARTNERS, answers=answers)
    partners = {}
    for key in KEYS:
        partners[key] = Org(tmp_path / key, tmp_path, run_cli)
        assert partners[key].import_(sharing.export("--partner", key))[0] == 0
    return sharing, partners


def settle_in_terminal(org: Org, monkeypatch, *argv: str) -> str:
    """Run 'konflikter' as in a terminal, keeping this side's version of every conflict (Enter)."""
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    with (
        monkeypatch.context() as patched,
        create_pipe_input() as pipe,
        create_app_session(input=pipe, output=DummyOutput()),
    ):
        patched.setattr("spredning.cli.commands.conflicts.is_interactive", lambda: True)
        patched.setattr("spredning.cli.commands.partners.is_interactive", lambda: True)
        pipe.send_text("\r" * 5)
        pipe.close()
        return org.ok("konflikter", *argv)


def asking_in(monkeypatch, command: str):
    """An `asking` fixture's runner: an organisation's command run with its prompt reading `keys`, as in
    a terminal, where only the command's module (spredning.cli.commands.COMMAND) is told it runs in one."""
    from homekit import typed

    monkeypatch.setattr(f"spredning.cli.commands.{command}.is_interactive", lambda: True)
    return lambda org, keys, *argv: typed(org.run_cli, keys, "--hjem", str(org.home), *argv)


def backups(org: Org) -> list[Path]:
    """The copies kept beside the organisation's project file (FILE.bak-TIME), in name order."""
    return sorted(org.home.glob(f"{org.path.name}.bak-*"))


CACHES = ("projekter.json", "tilstande.json", ".lock")  # the caches and lock files: not the user's data


def tree(root: Path, skip: Path | None = None) -> dict[str, bytes]:
    """Every file under root (hidden ones too) with its bytes, for 'nothing was written' checks.

    The project index and the states' notes (caches any read may refresh) and lock files are left out.
    """
    if not root.exists():
        return {}
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
        and p != skip
        and (skip is None or skip not in p.parents)
        and not p.name.endswith(CACHES)
    }
