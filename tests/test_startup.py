"""Start-up structure (issue 6): what a command imports, and which YAML loader it uses.

Only structural facts, no timings (those are in benchmarks/run.py). Each command runs in a fresh
interpreter, so the modules it imports are its own and not left over from other tests.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from spredning.cli import main as cli
from spredning.core import yamlio

# The modules in spredning/cli/commands/ that the commands share (no command of their own).
SHARED = ("asking", "commandline", "dialogue", "files", "names", "partners", "workspace")

INTERACTIVE_ONLY = ("questionary", "prompt_toolkit")

# Runs `spredning ARGS...` as the installed command does, then writes sys.modules to a file.
RUN_AND_LIST_MODULES = """
import atexit, sys
listing = sys.argv.pop(1)

def write_modules():
    with open(listing, "w", encoding="utf-8") as handle:
        handle.write("\\n".join(sorted(sys.modules)))

atexit.register(write_modules)
from spredning.cli.main import main
main(sys.argv[1:])
"""

# Loads each text with yamlio and reports the outcome as JSON; "nolibyaml" hides libyaml first.
LOAD_CASES = """
import json, sys
if sys.argv[1] == "nolibyaml":
    sys.modules["yaml._yaml"] = None  # as if PyYAML were built without libyaml
import yaml
from spredning.core import yamlio

results = []
for text in json.loads(sys.stdin.read()):
    try:
        results.append(["ok", yamlio.loads(text)])
    except yamlio.YamlProblem as exc:
        from spredning.i18n import render
        results.append(["problem", render(exc.message)])
mro = [f"{c.__module__}.{c.__name__}" for c in yamlio._StrictLoader.__mro__]
print(json.dumps({"with_libyaml": yamlio.WITH_LIBYAML, "loader_mro": mro, "results": results}))
"""


def nested(depth: int) -> str:
    """A mapping nested `depth` levels deep."""
    opening = "".join(f"{'  ' * level}k:\n" for level in range(depth - 1))
    return opening + "  " * (depth - 1) + "k: v\n"


STRINGS_STAY_STRINGS = [
    "svar: no\n",
    "svar: 12:30\n",
    "svar: 0123\n",
    "svar: 2024-01-02\n",
    "svar: ~\n",
    "svar: 1e3\n",
    "svar: true\n",
    "svar: .nan\n",
]
ACCEPTED = [nested(yamlio.MAX_DEPTH), "svar: |\n  To linjer\n  med æøå & mere\n"]
REJECTED = [
    "a: &x 1\nb: *x\n",  # alias
    "a: &x 1\n",  # anchor alone
    "- &x {a: 1}\n- *x\n",  # alias of a collection
    "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n",  # the start of a "billion laughs"
    "a: 1\na: 2\n",  # duplicate key
    "base: {a: 1}\nny:\n  <<: {a: 2}\n",  # merge key
    "a: !!python/object/apply:os.system [true]\n",  # code execution
    nested(yamlio.MAX_DEPTH + 1),  # too deep
]


@pytest.fixture
def project_home(tmp_path, monkeypatch) -> Path:
    """A projects folder with one active project, made through the command line."""
    home = tmp_path / "hjem"
    monkeypatch.setenv("SPREDNING_HJEM", str(home))
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["start", "--navn", "Prøveprojekt", "--rolle", "dele"])
    assert exit_info.value.code == 0
    return home


def modules_after(argv: list[str], home: Path, tmp_path: Path) -> set[str]:
    """Run `spredning ARGV` in a fresh interpreter; return the modules it had imported at exit."""
    listing = tmp_path / "moduler.txt"
    env = {**os.environ, "SPREDNING_HJEM": str(home), "COLUMNS": "80", "NO_COLOR": "1"}
    env.pop("SPREDNING_GUIDE", None)
    result = subprocess.run(
        [sys.executable, "-c", RUN_AND_LIST_MODULES, str(listing), *argv],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return set(listing.read_text(encoding="utf-8").split())


def imported(modules: set[str], package: str) -> list[str]:
    """The modules of one package among `modules`."""
    return sorted(m for m in modules if m == package or m.startswith(package + "."))


@pytest.mark.parametrize(
    "argv",
    [
        ["status"],
        ["vis"],
        ["guide"],
        ["projekter"],
        ["rapport"],
        ["rapport", "--format", "docx"],
        ["--help"],
        ["--version"],
    ],
    ids=" ".join,
)
def test_non_interactive_commands_do_not_import_the_prompt_library(argv, project_home, tmp_path):
    modules = modules_after(argv, project_home, tmp_path)
    assert "spredning.cli" in modules  # the listing is of a real run
    for package in INTERACTIVE_ONLY:
        assert imported(modules, package) == [], f"'spredning {' '.join(argv)}' imports {package}"


@pytest.mark.parametrize(
    "argv",
    [
        ["status"],
        ["vis", "tjek"],
        ["rapport", "--format", "md", "--ud", "rapport.md"],
        ["projekter"],
        ["plan"],
    ],
    ids=" ".join,
)
def test_no_command_imports_pydantic(argv, project_home, tmp_path):
    """Typer is pinned below 0.29, which converts every option through pydantic: ~65 ms and ~12 MiB
    for each command (README, "Hastighed"). Options of every kind here: a phase, a choice, a path."""
    modules = modules_after(argv, project_home, tmp_path)
    assert "spredning.cli" in modules
    assert imported(modules, "pydantic") == [], f"'spredning {' '.join(argv)}' imports pydantic"


@pytest.mark.parametrize(
    ("argv", "module"),
    [(["status"], "status"), (["vis"], "vis"), (["guide"], "guide"), (["projekter"], "projects_list")],
    ids=lambda value: " ".join(value) if isinstance(value, list) else value,
)
def test_a_command_imports_only_its_own_command_module(argv, module, project_home, tmp_path):
    modules = modules_after(argv, project_home, tmp_path)
    shared = {f"spredning.cli.commands.{name}" for name in SHARED}
    own = set(imported(modules, "spredning.cli.commands")) - shared
    assert own == {"spredning.cli.commands", f"spredning.cli.commands.{module}"}


@pytest.mark.parametrize("argv", [["vis"], ["guide"], ["projekter"], ["status"]], ids=" ".join)
def test_commands_that_show_import_no_report_writer(argv, project_home, tmp_path):
    modules = modules_after(argv, project_home, tmp_path)
    for package in ("docx", "fpdf", "spredning.report"):
        assert imported(modules, package) == [], f"'spredning {' '.join(argv)}' imports {package}"


def test_vis_does_not_import_the_status_use_case(project_home, tmp_path):
    modules = modules_after(["vis"], project_home, tmp_path)
    assert imported(modules, "spredning.app.status") == []
    assert imported(modules, "spredning.app.exchange") == []


def test_answering_from_a_file_does_not_load_the_index_of_every_project(project_home, tmp_path):
    """Issue 16: naming a project's files of text left (app/kept_files) imported the projects' index
    (and json) on every 'fase'; it is needed only when such a file is there."""
    answer = 'tjek.beskriv-innovationen.dele.formaal: "Et svar"\n'
    (tmp_path / "svar.yaml").write_text(answer, encoding="utf-8")
    modules = modules_after(["fase", "tjek", "--svar", "svar.yaml"], project_home, tmp_path)
    assert "spredning.cli" in modules
    assert imported(modules, "spredning.core.index") == []


def test_every_registered_command_is_in_the_lazy_table():
    # cli.COMMANDS says which module holds each command; a command missing there would not exist
    import importlib

    import typer

    commands = Path(cli.__file__).parent / "commands"
    found = {}
    for path in sorted(commands.glob("*.py")):
        module = importlib.import_module(f"spredning.cli.commands.{path.stem}")
        if hasattr(module, "register"):
            app = typer.Typer()
            module.register(app)
            names = [c.name for c in app.registered_commands]
            names += [g.name for g in app.registered_groups]
            found.update(dict.fromkeys(names, path.stem))
    assert found == cli.COMMANDS


# What each report format imports of the libraries that write Word and PDF files: python-docx
# (with lxml) and fpdf2 (with fontTools and lxml) take hundreds of milliseconds to import.
REPORT_LIBRARIES = ("docx", "lxml", "fpdf", "fontTools")
REPORT_IMPORTS = {"md": (), "html": (), "docx": ("docx", "lxml"), "pdf": ("fpdf", "fontTools", "lxml")}


@pytest.mark.parametrize("fmt", list(REPORT_IMPORTS))
def test_a_report_imports_only_its_own_formats_library(fmt, project_home, tmp_path):
    modules = modules_after(["rapport", "--format", fmt, "--ud", f"r.{fmt}"], project_home, tmp_path)
    assert (tmp_path / f"r.{fmt}").stat().st_size > 0
    used = [package for package in REPORT_LIBRARIES if imported(modules, package)]
    assert used == [package for package in REPORT_LIBRARIES if package in REPORT_IMPORTS[fmt]]


def test_help_lists_every_command_of_every_module(project_home, tmp_path):
    modules = modules_after(["--help"], project_home, tmp_path)
    commands = Path(cli.__file__).parent / "commands"
    expected = {f"spredning.cli.commands.{p.stem}" for p in commands.glob("*.py")} - {
        "spredning.cli.commands.__init__"
    }
    assert set(imported(modules, "spredning.cli.commands")) == expected | {"spredning.cli.commands"}


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML was built without libyaml")
def test_the_c_loader_and_dumper_are_used_when_libyaml_is_present():
    from yaml.cyaml import CEmitter, CParser

    assert yamlio.WITH_LIBYAML
    assert CParser in yamlio._StrictLoader.__mro__
    assert CEmitter in yamlio._Dumper.__mro__


def load_cases(texts: list[str], mode: str) -> dict:
    """Load texts with yamlio in a fresh interpreter, with libyaml ("c") or without it."""
    result = subprocess.run(
        [sys.executable, "-c", LOAD_CASES, mode],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def loaded() -> dict[str, dict]:
    """Every case loaded with each parser the machine offers."""
    texts = STRINGS_STAY_STRINGS + ACCEPTED + REJECTED
    modes = ["c", "nolibyaml"] if yaml.__with_libyaml__ else ["nolibyaml"]
    return {mode: {"texts": texts, **load_cases(texts, mode)} for mode in modes}


def test_the_fallback_really_is_the_pure_python_parser(loaded):
    fallback = loaded["nolibyaml"]
    assert fallback["with_libyaml"] is False
    assert "yaml.parser.Parser" in fallback["loader_mro"]
    assert not any("CParser" in name for name in fallback["loader_mro"])


@pytest.mark.parametrize("mode", ["c", "nolibyaml"])
def test_hardened_rules_hold_for_each_parser(loaded, mode):
    if mode not in loaded:
        pytest.skip("PyYAML was built without libyaml")
    outcome = dict(zip(loaded[mode]["texts"], loaded[mode]["results"], strict=True))
    for text in STRINGS_STAY_STRINGS:
        assert outcome[text] == ["ok", {"svar": text.split(": ", 1)[1].strip()}], text
    for text in ACCEPTED:
        assert outcome[text][0] == "ok", (text, outcome[text])
    for text in REJECTED:
        assert outcome[text][0] == "problem", (text, outcome[text])
    for text in REJECTED[:4]:
        assert "(& og *)" in outcome[text][1], (text, outcome[text])


def test_both_parsers_agree(loaded):
    if len(loaded) < 2:
        pytest.skip("PyYAML was built without libyaml")
    c, fallback = loaded["c"]["results"], loaded["nolibyaml"]["results"]
    assert [kind for kind, _ in c] == [kind for kind, _ in fallback]
    assert [value for kind, value in c if kind == "ok"] == [value for kind, value in fallback if kind == "ok"]
