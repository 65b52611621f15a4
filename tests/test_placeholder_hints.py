"""No command in a hint has a placeholder word in it: copied as shown, it must run or be refused
for a real reason, never act on 'NAVN' or look for a file called 'FIL'.

Found in a trial as new users ('status --partner NAVN', 'plan luk 3f9'). Where a value is known
the program writes it; where none can be (a file the partner sends), the words say what to write
after the command, outside its quotes.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import spredning
from spredning import i18n

# every metavar the help shows (VÆRKTØJ, grøn|gul|rød, DD-MM-ÅÅÅÅ ...) is a placeholder too: the readiness
# picture's hint once showed 'klarhed VÆRKTØJ grøn|gul|rød', which neither this list nor the catalogue had
METAVARS = sorted(
    {
        value
        for language in ("da", "en")
        for key, value in i18n.catalogue(language).items()
        if key.startswith("metavar.")
    }
)
PLACEHOLDER = re.compile(
    r"(?<![\w|-])(NAVN|NAME|FIL|FILE|ID|FASE|PHASE|TEKST|TEXT|"
    + "|".join(re.escape(word) for word in METAVARS)
    + r")(?![\w|-])|\b3f9\b"
)
QUOTED = re.compile(r"'\{prog(?:_here)?\}[^']*'")
SOURCE = Path(spredning.__file__).parent


def texts(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):  # plural forms
        return [text for one in value.values() for text in texts(one)]
    return []


@pytest.mark.parametrize("language", ["da", "en"])
def test_no_quoted_command_in_the_catalogue_has_a_placeholder(language):
    found = {
        key: command
        for key, value in i18n.catalogue(language).items()
        for text in texts(value)
        for command in QUOTED.findall(text)
        if PLACEHOLDER.search(command)
    }
    assert found == {}


def test_no_metavar_or_placeholder_word_is_put_into_a_command_by_the_code():
    """A metavar (t('metavar.tool')) is for --help: passed to a call, it becomes a word of a hint's command;
    so does a word such as 'ID' given to command().

    The catalogue test above cannot see these: the command is built by the code and the catalogue
    has only '{command}'. That is how 'klarhed VÆRKTØJ grøn|gul|rød' escaped it.
    """
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                for argument in node.args:  # metavar=t(...) is a keyword: the help's own, fine
                    if _is_metavar(argument) or _placeholder_word(node, argument):
                        found.append(f"{path.relative_to(SOURCE)}:{argument.lineno}")
    assert found == []


BUILDERS = {"command", "_hint", "_own_command", "phase_command"}  # the functions that write a hint's command


def _placeholder_word(call: ast.Call, node: ast.expr) -> bool:
    """A word such as 'NAVN' written straight into a command a hint shows ('plan ret ID')."""
    name = call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", "")
    return (
        name in BUILDERS
        and isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and PLACEHOLDER.search(node.value) is not None
    )


def _is_metavar(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "t"
        and bool(node.args)
        and isinstance(node.args[0], ast.Constant)
        and str(node.args[0].value).startswith("metavar.")
    )


def test_the_readiness_picture_names_a_real_tool_the_side_answered(run_cli, tmp_path):
    from projectkit import new_project, workspace

    ws = workspace(tmp_path / "hjem")
    tool = ws.guide.phases[1].tools[0]  # not the guide's first: the one this side worked on
    question = tool.sides["genbruge"].questions[0].id
    new_project(ws, answers={question: "Vi har læst om den."})

    code, out, err = run_cli("klarhed")

    assert code == 0, err
    said = " ".join(out.split())
    assert "VÆRKTØJ" not in said and "grøn|gul|rød" not in said
    own = tool.id.partition(".")[2]
    assert f"'spredning klarhed {own}' og grøn, gul eller rød efter" in said

    code, out, err = run_cli("klarhed", own, "grøn")  # copied as shown, with a colour after it: it runs
    assert code == 0, err
    assert tool.title in " ".join(out.split())


def test_the_wrong_organisation_hint_says_to_write_the_name_after_the_command(run_cli, tmp_path):
    from exchange_kit import Org, start_sharing

    sharing = start_sharing(
        Org(tmp_path / "odense", tmp_path, run_cli), reusers=("Ærø Kommune", "Fanø Kommune")
    )
    vejle = Org(tmp_path / "vejle", tmp_path, run_cli)

    code, out, err = vejle.import_(sharing.export("--partner", "aeroe-kommune"))

    assert code == 0, err
    said = " ".join(out.split())
    assert "NAVN" not in said
    assert "skriv jeres navn i anførselstegn efter spredning projekt side genbruge --organisation" in said


def test_fase_without_a_terminal_says_to_write_the_file_after_the_command(run_cli, tmp_path):
    from projectkit import new_project, workspace

    new_project(workspace(tmp_path / "hjem"))

    code, _, err = run_cli("fase", "tjek", "--rolle", "genbruge")

    assert code == 2
    said = " ".join(err.split())
    assert "FIL" not in said
    assert "'spredning fase tjek --rolle genbruge --svar' og filens navn efter" in said


def test_the_readiness_picture_of_the_common_marks_keeps_faelles_in_its_hint(run_cli, tmp_path):
    """The sharing side with several partners: 'klarhed --fælles' showed a command without --fælles,
    which, copied, asks (or refuses without a terminal) which dialogue the mark is for."""
    from projectkit import new_project, workspace

    new_project(workspace(tmp_path / "hjem"), role="dele", partners=("Ærø Kommune", "Fanø Kommune"))

    code, out, err = run_cli("klarhed", "--fælles")

    assert code == 0, err
    assert "'spredning klarhed beskriv-innovationen --fælles' og grøn, gul eller rød efter" in " ".join(
        out.split()
    )
    code, _, err = run_cli(
        "klarhed", "beskriv-innovationen", "--fælles", "grøn"
    )  # as shown, the colour after
    assert code == 0, err
