"""A command a hint shows can be copied from between its quotes and run, whatever the paths in it.

Reported: with a projects folder "Mine projekter" the hints read
"(se også 'spredning --hjem '/tmp/Mine projekter' status')": the folder's own quotes ended the
hint's, so what a user copies from between them does not run. A command with a quote in it is now
put in quotes it does not hold (“...”), and each test copies it as a user does, from between its
quotes (or its whole line), and runs it with bash: the folder is found from the copied --hjem
alone ($SPREDNING_HJEM names an empty folder).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from exchange_kit import COMMAND, installed

pytestmark = pytest.mark.e2e

FOLDERS = ("Mine projekter", "Fanø's projekter")  # a blank; an apostrophe (in double quotes)
QUOTES = (("'", "'"), ("\u201c", "\u201d"), ("\u00ab", "\u00bb"), ("\u2039", "\u203a"))  # '' “” «» ‹›


def quoted(text: str, *words: str) -> str:
    """The one command between a hint's quotes that has `words` in it, as a user copies it."""
    found = []
    for first, last in QUOTES:
        pattern = f"{re.escape(first)}(spredning [^{re.escape(last)}\n]*){re.escape(last)}"
        found += [command for command in re.findall(pattern, text) if all(w in command for w in words)]
    assert len(found) == 1, (found, text)
    return found[0]


def own_line(text: str, *words: str) -> str:
    """The one command on a line of its own (after "Næste skridt:") that has `words` in it."""
    found = [line.strip() for line in text.splitlines() if line.strip().startswith("spredning ")]
    found = [line for line in found if all(w in line for w in words)]
    assert len(found) == 1, (found, text)
    return found[0]


def bash(copied: str, tmp_path, path_first=None, env=None) -> subprocess.CompletedProcess:
    """The copied text run by bash in the working folder, with $SPREDNING_HJEM an empty folder."""
    decoy = tmp_path / "tom"
    decoy.mkdir(exist_ok=True)
    path = (
        os.pathsep.join(str(p) for p in (path_first, COMMAND.parent) if p) + os.pathsep + os.environ["PATH"]
    )
    environment = {
        **os.environ,
        "PATH": path,
        "SPREDNING_HJEM": str(decoy),
        "COLUMNS": "80",
        "NO_COLOR": "1",
        **(env or {}),
    }
    return subprocess.run(
        ["bash", "-c", copied],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=environment,
        timeout=60,
        check=False,
    )


def words_of(copied: str, tmp_path) -> list[str]:
    """The words bash hands the program, for a command that would ask in a terminal when run."""
    fake = tmp_path / "fake-bin"
    fake.mkdir(exist_ok=True)
    record = tmp_path / "words.json"
    script = fake / "spredning"
    script.write_text(
        f"#!{sys.executable}\nimport json, sys\n"
        f"open({str(record)!r}, 'w', encoding='utf-8').write(json.dumps(sys.argv[1:]))\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    ran = bash(copied, tmp_path, path_first=fake)
    assert ran.returncode == 0, (copied, ran.stderr)
    return json.loads(record.read_text(encoding="utf-8"))


def ran(tmp_path, folder, *args: str) -> str:
    """`spredning --hjem FOLDER ARGS...` run as typed (the installed command); what it said."""
    code, out, err = installed("--hjem", str(folder), *args, home=tmp_path / "tom", cwd=tmp_path)
    assert code == 0, err
    return out


def started(tmp_path, name: str, *args: str):
    """A project (by default 'Test', Odense sharing with Fanø) in a new projects folder `name`."""
    folder = tmp_path / name
    folder.mkdir()
    facts = args or ("--navn", "Test", "--rolle", "dele", "--deler", "Odense", "--genbruger", "Fanø")
    return folder, ran(tmp_path, folder, "start", *facts)


@pytest.mark.parametrize("name", FOLDERS)
def test_starts_next_step_and_its_status_hint_run_as_copied(tmp_path, name):
    folder, out = started(tmp_path, name)

    step = own_line(out, "fase tjek")
    assert words_of(step, tmp_path) == ["--hjem", str(folder), "fase", "tjek", "--rolle", "dele"]
    status = bash(quoted(out, "status"), tmp_path)
    assert status.returncode == 0, (out, status.stderr)
    assert "Test" in status.stdout


@pytest.mark.parametrize("name", FOLDERS)
def test_fjerns_hint_to_bring_the_project_back_runs_as_copied(tmp_path, name):
    folder, _ = started(tmp_path, name)
    out = ran(tmp_path, folder, "projekt", "fjern", "test")
    assert not (folder / "test.yaml").exists()

    back = bash(quoted(out, "projekt gendan"), tmp_path)

    assert back.returncode == 0, (out, back.stderr)
    assert (folder / "test.yaml").exists()


def test_importers_hints_run_as_copied(tmp_path):
    """A partner's file brought into a folder with an apostrophe: the new project's hints and the way back."""
    odense, _ = started(tmp_path, "odense")
    ran(tmp_path, odense, "eksport", "--ud", str(tmp_path / "til fanø.yaml"))
    reusing = ("--navn", "Andet", "--rolle", "genbruge", "--deler", "Vejle", "--organisation", "Fanø")
    fanoe, _ = started(tmp_path, "Fanø's projekter", *reusing)  # a project of its own, active

    out = ran(tmp_path, fanoe, "importer", "til fanø.yaml")  # Odense's 'Test' beside it, made active

    status = bash(quoted(out, "status"), tmp_path)
    assert status.returncode == 0, (out, status.stderr)
    assert "Odense" in status.stdout
    back = bash(quoted(out, "projekt brug"), tmp_path)
    assert back.returncode == 0, (out, back.stderr)
    assert "Vejle" in bash('spredning --hjem "$HJEM" status', tmp_path, env={"HJEM": str(fanoe)}).stdout


def test_an_exports_command_for_the_partner_runs_as_copied(tmp_path):
    """The partner's command names the file as sent; a name with an apostrophe and a blank.

    (It was right before: on a line of its own, without quotes around it; kept so.)
    """
    odense, _ = started(tmp_path, "Mine projekter")
    out = ran(tmp_path, odense, "eksport", "--ud", str(tmp_path / "Ærø's svar.yaml"))

    assert words_of(own_line(out, "importer"), tmp_path) == ["importer", "Ærø's svar.yaml"]


def test_the_home_screens_import_names_a_file_from_the_current_folder_when_it_is_in_it(tmp_path, monkeypatch):
    """'Samme som:' showed the whole path of a file in the current folder; a name beginning with '-'
    is './-…' (else it reads as an option); a file elsewhere keeps its whole path."""
    from spredning.cli.home import from_here

    work = tmp_path / "arbejde"
    (work / "mail").mkdir(parents=True)
    monkeypatch.chdir(work)

    assert from_here(str(work / "svar fra Ærø.yaml")) == "svar fra Ærø.yaml"
    assert from_here(str(work / "mail" / "svar.yaml")) == os.path.join("mail", "svar.yaml")
    assert from_here(str(work / "-svar.yaml")) == os.path.join(".", "-svar.yaml")
    assert from_here(str(tmp_path / "svar.yaml")) == str(tmp_path / "svar.yaml")


def test_a_value_in_a_catalogues_command_is_quoted_for_the_shell():
    """A name or path put in a hint's command in plain double quotes ('--organisation "{org}"') breaks
    when it holds a quote or a '$' (Bo "Big" $Co): the command copied does not run, or runs with
    another name. Every such value is written {field:shell} (i18n's formatter quotes it as the program
    quotes its own commands); only prose that names a menu item keeps plain quotes."""
    import yaml

    prose = {"home.removed-can-return"}  # "{action}": the menu item's words, no command
    from spredning import i18n

    found = []
    for catalogue in sorted(Path(i18n.__file__).parent.glob("*/*.yaml")):
        for key, entry in yaml.safe_load(catalogue.read_text(encoding="utf-8")).items():
            texts = entry.values() if isinstance(entry, dict) else [entry]
            for text in texts:
                if key not in prose and isinstance(text, str) and re.search(r'"\{[^}:]*\}"', text):
                    found.append((catalogue.parent.name, key))
    assert found == []


def test_a_missing_file_for_importer_names_the_partners_file_lying_here(tmp_path):
    """'spredning importer' without its file, on the partner's computer with the file in the folder:
    the example was 'spredning importer svar-fra-partneren.yaml', a file that is not there (trial13).
    It is now the newest file here addressed to this side, as the home screen offers it, and it runs."""
    odense, _ = started(tmp_path, "odense")
    ran(tmp_path, odense, "eksport", "--ud", str(tmp_path / "til Fanø (1).yaml"))
    fanoe = tmp_path / "Fanø's projekter"
    fanoe.mkdir()  # the partner's own folder, empty: its first project comes from the file

    code, _, err = installed("--hjem", str(fanoe), "importer", home=tmp_path / "tom", cwd=tmp_path)

    assert code == 2
    copied = quoted(err, "importer", ".yaml")  # not the '... importer --help' after it
    assert "til Fanø (1).yaml" in copied, err
    done = bash(copied, tmp_path)
    assert done.returncode == 0, (copied, done.stderr)
    assert (fanoe / "test.yaml").is_file()
