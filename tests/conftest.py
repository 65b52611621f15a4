"""Shared fixtures. Keep each group small and clearly marked; add new groups below the last one."""

from __future__ import annotations

import copy
import io
import os
import shutil
import signal
from pathlib import Path

import pytest
import yaml

from spredning import i18n
from spredning.cli import main as cli
from spredning.core import content

# --- Markers --------------------------------------------------------------------------------------


def pytest_configure(config):
    _memory_basetemp(config)
    _ctrl_c_as_in_a_terminal()
    config.addinivalue_line(
        "markers",
        "slow: takes seconds (the installed command, fuzzing, big files); left out of the fast lane",
    )


def _ctrl_c_as_in_a_terminal() -> None:
    """Ctrl+C (SIGINT) handled as a person's terminal has it, in this process and the commands it starts.

    Tests started in the background by a shell without job control (`pytest … &`) inherit SIGINT
    ignored, and so would every command they start: the tests of Ctrl+C would see no stop at all.
    A handler set here is reset to the default when a command is started, so it gets SIGINT.
    """
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


# The fast lane for daily work, `pytest -m "not slow"`, leaves out whole modules that start the
# installed command or run long property tests, and every end-to-end test.
SLOW_MODULES = {
    "test_store_durability",
    "test_convergence",
    "test_interrupts_env",
    "test_exchange_e2e",
    "test_git",
    "test_e2e",
    "test_e2e_drafts",
    "test_packaging",
    "test_startup",
}


def _memory_basetemp(config) -> None:
    """Test folders in memory where the system has it (Linux /dev/shm): every save fsyncs, and on a
    disk that costs ~3 ms each, most of the suite's time. What is tested does not change."""
    shm = Path("/dev/shm")
    if config.option.basetemp is None and shm.is_dir() and os.access(shm, os.W_OK):
        config.option.basetemp = str(shm / f"pytest-spredning-{os.getpid()}")


def pytest_unconfigure(config):
    basetemp = config.option.basetemp
    if basetemp and Path(basetemp).name.startswith("pytest-spredning-"):
        shutil.rmtree(basetemp, ignore_errors=True)


def pytest_collection_modifyitems(config, items):
    for item in items:
        heavy_format = "[pdf" in item.nodeid or "[docx" in item.nodeid  # Word and PDF take ~0.5 s each
        if item.get_closest_marker("e2e") or item.module.__name__ in SLOW_MODULES or heavy_format:
            item.add_marker(pytest.mark.slow)


# --- Environment: every test runs at 80 columns, without colour, with its home in tmp_path -----


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    (tmp_path / "hjem").mkdir(exist_ok=True)  # a chosen projects folder must exist (store.check_home)
    monkeypatch.setenv("SPREDNING_HJEM", str(tmp_path / "hjem"))
    for name in ("SPREDNING_GUIDE", "SPREDNING_DEBUG", "FORCE_COLOR", "TTY_COMPATIBLE"):
        monkeypatch.delenv(name, raising=False)
    # Danish whatever the developer's locale: an English one would choose the English edition.
    for name in ("SPREDNING_SPROG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    i18n.set_language(i18n.DEFAULT)  # an in-process run in English leaves the language behind it
    i18n.set_program("spredning")  # ... and its global options (--sprog, --hjem) in the hints


# --- The shipped guide and the CLI run in-process ------------------------------------------------


@pytest.fixture
def guide_dir() -> Path:
    """The guide_content folder that ships with the package."""
    return content.default_guide_dir()


@pytest.fixture
def run_cli(capsys):
    """Run ``spredning ARGV...`` in-process; return (exit_code, stdout, stderr)."""

    def run(*argv: str) -> tuple[int | None, str, str]:
        capsys.readouterr()  # drop anything printed before the run
        try:
            cli.main(list(argv))
        except SystemExit as exc:
            code = exc.code
        else:
            code = None  # main must always exit; a None here fails every exit-code assertion
        out, err = capsys.readouterr()
        return code, out, err

    return run


# --- Small guide folders built in tmp_path --------------------------------------------------------


class GuideFiles:
    """A minimal valid guide (guide.yaml + test.yaml) as plain data: edit it, then write() it."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.guide = {
            "titel": "Lille prøveguide",
            "udgave": "1",
            "udgiver": "Prøveudgiveren",
            "introduktion": ["En introduktion til prøven."],
            "afslutning": "Tak for i dag.",
            "faser": ["test"],
        }
        self.phases = {
            "test": {
                "id": "test",
                "nummer": 1,
                "navn": "Prøvefase",
                "formål": "Her prøver I guiden af.",
                "mål": {"dele": ["Vis prøven frem."], "genbruge": ["Se prøven i brug."]},
                "værktøjer": [
                    {
                        "id": "proeve-vaerktoej",
                        "titel": "Prøveværktøjet",
                        "introduktion": "Et værktøj til prøven.",
                        "dele": {
                            "vejledning": ["Fortæl om prøven."],
                            "spørgsmål": [
                                {"id": "formaal", "tekst": "Hvad er prøvens formål?"},
                                {
                                    "id": "saerligt",
                                    "tekst": "Hvad er det særlige ved prøven?",
                                    "hjælp": ["Fx noget, ingen andre har gjort."],
                                },
                            ],
                        },
                        "genbruge": {"spørgsmål": [{"id": "passer", "tekst": "Passer prøven til jer?"}]},
                    }
                ],
            }
        }

    def tool(self, number: int = 1, phase: str = "test") -> dict:
        """The tool at a position counted from 1, as the error messages count."""
        return self.phases[phase]["værktøjer"][number - 1]

    def question(self, tool: int = 1, side: str = "dele", number: int = 1) -> dict:
        """The question at a position counted from 1 on one side of a tool."""
        return self.tool(tool)[side]["spørgsmål"][number - 1]

    def add_tool_copy(self, number: int = 1) -> dict:
        """Append a deep copy of a tool (same id) and return it."""
        clone = copy.deepcopy(self.tool(number))
        self.phases["test"]["værktøjer"].append(clone)
        return clone

    def write(self) -> Path:
        """Write guide.yaml and one file per phase; return the folder."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self._dump("guide", self.guide)
        for phase_id, data in self.phases.items():
            self._dump(phase_id, data)
        return self.folder

    def _dump(self, name: str, data: dict) -> None:
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        (self.folder / f"{name}.yaml").write_text(text, encoding="utf-8")


@pytest.fixture
def guide_files(tmp_path) -> GuideFiles:
    """A small valid guide in tmp_path/guide, not yet written."""
    return GuideFiles(tmp_path / "guide")


# --- Projects on disk: the shipped guide loaded, a Store in tmp_path, projects made in it --------


@pytest.fixture
def guide():
    """The shipped guide, loaded and validated."""
    return content.load_guide(None)


@pytest.fixture
def workspace(tmp_path):
    """A workspace on the same folder as $SPREDNING_HJEM (tmp_path/hjem), with the shipped guide."""
    from spredning.app.workspace import Settings, Workspace

    return Workspace(Settings(home=str(tmp_path / "hjem")))


@pytest.fixture
def store(workspace):
    """The Store of that folder."""
    return workspace.store


@pytest.fixture
def make_project(workspace):
    """Create a project through the app layer (and save answers); return its slug.

    The reusing organisation is the project's name, the sharing one Odense Kommune; `role` is the
    side this computer is on (None: not chosen). Answers go where their question id belongs.
    """
    from spredning.app.answering import Session, save_answers
    from spredning.app.projects import NewProject, start
    from spredning.core.model import Answer

    def make(
        name: str = "Ærø Kommune", role: str | None = "genbruge", answers: dict[str, str] | None = None
    ) -> str:
        started = start(
            workspace,
            NewProject(
                name=name,
                description="Digital genoptræning",
                sharing_org="Odense Kommune",
                reusing_orgs=(name,),
                role=role,
            ),
        )
        slug = started.project.slug
        if answers:
            partner = started.project.partners[0]
            for side in ("dele", "genbruge"):
                chosen = {
                    qid: Answer(text=text) for qid, text in answers.items() if qid.split(".")[2] == side
                }
                if chosen:
                    save_answers(Session(workspace, slug, side, partner), chosen)
        return slug

    return make


# --- Reading and writing answers in tests ---------------------------------------------------------


def answers_of(store, slug: str) -> dict[str, str]:
    """Every given answer's text in a project's first dialogue (shared answers included)."""
    project = store.load(slug)
    view = project.dialogue(project.partners[0] if project.partners else None)
    slots = [qid for qid in project.shared] + [
        qid for section in project.dialogues.values() for qid in section
    ]
    return {qid: answer.text for qid in dict.fromkeys(slots) if (answer := view.answer(qid)) is not None}


@pytest.fixture
def save_answer(workspace):
    """Save one answer in a project (in its first dialogue) through the app layer."""
    from spredning.app.answering import Session, save_answers
    from spredning.core.model import Answer

    def save(slug: str, question_id: str, text: str) -> None:
        project = workspace.store.load(slug)
        partner = project.partners[0] if project.partners else None
        save_answers(
            Session(workspace, slug, question_id.split(".")[2], partner),
            {question_id: Answer(text=text)},
            replace_any=True,  # as a test means it: this text, whatever was saved
        )

    return save


# --- The working folder in tmp_path, for commands that write there --------------------------------


@pytest.fixture
def work_in_tmp(tmp_path, monkeypatch):
    """tmp_path as the working folder: exports, worksheets and reports without --ud land there, not in
    the repository. A module that needs it in every test says so with
    `pytestmark = pytest.mark.usefixtures("work_in_tmp")`."""
    monkeypatch.chdir(tmp_path)


# --- Programs in a pseudo-terminal (the end-to-end tests) -----------------------------------------


@pytest.fixture
def pseudo_terminal():
    """`start(program, args, env=..., rows=..., cwd=None)` runs a program in a pseudo-terminal of 80
    columns; the child keeps all it wrote in `logfile_read`, and every expect times out after TIMEOUT.
    A child still running when the test ends (it failed midway) is stopped."""
    import pexpect
    from terminal import TIMEOUT

    children = []

    def start(program, args, *, env: dict[str, str], rows: int, cwd: Path | None = None) -> pexpect.spawn:
        child = pexpect.spawn(
            str(program),
            list(args),
            env=env,
            cwd=None if cwd is None else str(cwd),
            encoding="utf-8",
            dimensions=(rows, 80),
            timeout=TIMEOUT,
        )
        child.logfile_read = io.StringIO()
        children.append(child)
        return child

    yield start
    for child in children:
        if child.isalive():
            child.terminate(force=True)


# --- 'spredning fase' in-process with keys typed into its prompts ---------------------------------


@pytest.fixture
def fase_in_terminal(monkeypatch, run_cli):
    """Run ``spredning fase ARGV...`` in-process as in a terminal, its prompts reading `keys` from a
    pipe (and drawing nowhere); return (exit_code, stdout, stderr)."""
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    monkeypatch.setattr("spredning.cli.commands.fase.is_interactive", lambda: True)

    def run(keys: str, *argv: str) -> tuple[int | None, str, str]:
        with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
            pipe.send_text(keys)
            pipe.close()
            return run_cli("fase", *argv)

    return run


# --- A folder this user may not write in ------------------------------------------------------------


@pytest.fixture
def read_only():
    """Make a folder one this user may not create, rename or remove files in; put back at the end.

    A user's own chmod 555 does not stop root, so as root the folder is made immutable instead
    (chattr +i), which stops root too; where that cannot be done the test is skipped.
    """
    import subprocess

    made: list[tuple[Path, int]] = []

    def make(folder: Path) -> None:
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            try:
                done = subprocess.run(["chattr", "+i", str(folder)], capture_output=True, check=False)
            except OSError:  # no chattr
                done = None
            if done is None or done.returncode != 0:
                pytest.skip("root may write in a read-only folder, and chattr +i cannot stop it here")
            made.append((folder, -1))
        else:
            made.append((folder, folder.stat().st_mode))
            folder.chmod(0o555)

    yield make
    for folder, mode in reversed(made):
        if mode < 0:
            subprocess.run(["chattr", "-i", str(folder)], capture_output=True, check=False)
        else:
            folder.chmod(mode)


@pytest.fixture
def read_only_drive():
    """Make a folder a read-only drive (writes fail with EROFS, 'drevet er skrivebeskyttet'); undone
    at the end. A read-only bind mount of the folder on itself, which needs root and mount; where it
    cannot be made the test is skipped."""
    import subprocess

    mounted: list[Path] = []

    def make(folder: Path) -> None:
        if not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("mount") is None:
            pytest.skip("a read-only drive is made with mount, as root")
        done = subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True, check=False)
        if done.returncode != 0:
            pytest.skip(f"mount --bind cannot be used here: {done.stderr.decode(errors='replace')}")
        mounted.append(folder)
        ro = ["mount", "-o", "remount,bind,ro", str(folder)]
        if subprocess.run(ro, capture_output=True, check=False).returncode != 0:
            pytest.skip("a bind mount cannot be made read-only here")

    yield make
    for folder in reversed(mounted):
        if Path.cwd() == folder or folder in Path.cwd().parents:  # a busy mount is not undone
            os.chdir(folder.parent)
        if subprocess.run(["umount", str(folder)], capture_output=True, check=False).returncode != 0:
            subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False)


@pytest.fixture
def on_screen(monkeypatch, run_cli):
    """`spredning ARGV...` run with `keys` typed into its real prompts; what they drew is kept.

    Every command module is imported before it is patched (see homekit.interactive).
    """
    from homekit import interactive, typed

    interactive(monkeypatch)
    return lambda keys, *argv: typed(run_cli, keys, *argv)


# --- A projects folder and a project made with projectkit (as 'spredning start' makes one) --------


@pytest.fixture
def ws(tmp_path):
    """A Workspace on $SPREDNING_HJEM (tmp_path/hjem) with the shipped guide: projectkit's, an
    instance of its own (not the `workspace` fixture's)."""
    import projectkit

    return projectkit.workspace(tmp_path / "hjem")


@pytest.fixture
def typing(monkeypatch):
    """Run an organisation's command (an exchange_kit Org) with its prompts reading `keys`, as
    `on_screen` does; what the prompts drew is kept."""
    from homekit import interactive, typed

    interactive(monkeypatch)  # every command module imported first, then patched
    return lambda org, keys, *argv: typed(org.run_cli, keys, "--hjem", str(org.home), *argv)


@pytest.fixture
def no_side(tmp_path, run_cli):
    """The example project as an Org (exchange_kit): this computer is on neither side until one is chosen."""
    from exchange_kit import Org

    org = Org(tmp_path / "example", tmp_path, run_cli)
    org.ok("start", "--eksempel")
    assert org.store.local(org.slug).side is None
    return org


@pytest.fixture
def reusing(ws):
    """A project on the reusing side (Ærø Kommune, one partner), active, in $SPREDNING_HJEM; its slug.

    The exchange tests call an organisation on the reusing side (an Org) `reusing` and make their own.
    """
    import projectkit

    return projectkit.new_project(ws)
