"""eksport, importer and konflikter between two organisations' folders; answering with the partner
in view; vis side by side; and a git merge of two sides' answers.

Most tests run the CLI in-process with one project folder per organisation (--hjem). The
conflict menus are driven in a pseudo-terminal through the installed command.
"""

from __future__ import annotations

import io
import itertools
import json
import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pexpect
import pytest
import yaml
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console
from scripted import ScriptedPrompter
from spredning.core.exchange import combine
from terminal import ANSI, COMMAND, CTRL_C, DOWN, ENTER, ESC_ENTER, TIMEOUT

from spredning.cli.prompter import QuestionaryPrompter
from spredning.core import yamlio
from spredning.core.interview import Interview, ProjectSession, Review
from spredning.core.projectfile import project_from_data
from spredning.core.store import SLUG_PATTERN, Store

NAME = "Genoptræning Ærø"
SLUG = "genoptraening-aeroe"
D1 = "tjek.beskriv-innovationen.dele.formaal"
D2 = "tjek.beskriv-innovationen.dele.loesningen"
D3 = "tjek.beskriv-innovationen.dele.processen"
G1 = "tjek.beskriv-innovationen.genbruge.interessant"
G2 = "tjek.beskriv-innovationen.genbruge.samme-behov"
G3 = "tjek.fortael-den-gode-historie.genbruge.begejstrer"


def flat(text: str) -> str:
    """Output with line wrapping undone: every run of blanks and line breaks as one space."""
    return " ".join(text.split())


def tree(root: Path, skip: Path | None = None) -> dict[str, bytes]:
    """Every file under root (hidden ones too) with its bytes, for 'nothing was written' checks."""
    if not root.exists():
        return {}
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p != skip and (skip is None or skip not in p.parents)
    }


@pytest.fixture(autouse=True)
def _work_in_tmp(tmp_path, monkeypatch):
    """Exports without --ud land in the working folder: keep that inside tmp_path."""
    monkeypatch.chdir(tmp_path)


@dataclass
class Org:
    """One organisation: its project folder, and the CLI run with --hjem set to it."""

    home: Path
    run_cli: object
    files: Path
    numbers: itertools.count = field(default_factory=itertools.count)

    def __call__(self, *args: str) -> tuple[int | None, str, str]:
        return self.run_cli("--hjem", str(self.home), *args)

    @property
    def path(self) -> Path:
        return self.home / f"{SLUG}.yaml"

    def data(self) -> dict:
        return yaml.safe_load(self.path.read_text(encoding="utf-8"))

    def answers(self) -> dict:
        return self.data().get("svar") or {}

    def conflicts(self) -> dict:
        return self.data().get("konflikter") or {}

    def answer(self, answers: dict[str, str]) -> None:
        """Save answers with 'fase tjek --svar', as a script would."""
        source = self.files / f"{self.home.name}-svar-{next(self.numbers)}.yaml"
        source.write_text(yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
        code, _, err = self("fase", "tjek", "--svar", str(source))
        assert code == 0, err

    def export(self, *options: str) -> Path:
        target = self.files / f"fra-{self.home.name}-{next(self.numbers)}.yaml"
        code, _, err = self("eksport", "--ud", str(target), *options)
        assert code == 0, err
        return target

    def import_(self, path: Path, *options: str) -> tuple[int | None, str, str]:
        return self("importer", str(path), *options)


@pytest.fixture
def dele(tmp_path, run_cli) -> Org:
    """The sharing organisation, with its project started."""
    org = Org(tmp_path / "dele", run_cli, tmp_path)
    code, _, err = org(
        "start",
        "--navn",
        NAME,
        "--beskrivelse",
        "Digital genoptræning",
        "--deler",
        "Odense Kommune",
        "--genbruger",
        "Ærø Kommune",
        "--rolle",
        "dele",
    )
    assert code == 0, err
    return org


@pytest.fixture
def genbruge(tmp_path, run_cli) -> Org:
    """The reusing organisation, with an empty folder of its own."""
    return Org(tmp_path / "genbruge", run_cli, tmp_path)


@pytest.fixture
def exchanged(dele, genbruge) -> tuple[Org, Org]:
    """Both sides share D1 and D2 after one export from dele and one import by genbruge."""
    dele.answer({D1: "Formålet er færre genindlæggelser", D2: "Træning hjemme med en app"})
    code, _, err = genbruge.import_(dele.export("--rolle", "dele"))
    assert code == 0, err
    return dele, genbruge


def summary(out: str) -> str:
    match = re.search(r"\d+ tilføjet, \d+ opdateret, \d+ uændret, \d+ konflikter", flat(out))
    assert match, out
    return match.group(0)


# --- round trips between two folders ----------------------------------------------------------------


def test_importing_into_an_empty_folder_creates_the_project_for_the_other_side(dele, genbruge):
    dele.answer({D1: "Formål\nover to linjer", D2: "Løsningen"})

    code, out, err = genbruge.import_(dele.export("--rolle", "dele"))

    assert (code, err) == (0, "")
    assert "Nyt projekt oprettet fra filen" in flat(out)
    assert genbruge.answers() == {D1: "Formål\nover to linjer", D2: "Løsningen"}
    facts = genbruge.data()["projekt"]
    assert facts["rolle"] == "genbruge"
    assert (facts["navn"], facts["deler"], facts["genbrugere"]) == (NAME, "Odense Kommune", ["Ærø Kommune"])
    assert (genbruge.home / ".aktivt-projekt").read_text(encoding="utf-8").strip() == SLUG


def test_answers_go_back_and_re_importing_the_same_file_is_a_no_op(exchanged):
    dele, genbruge = exchanged
    genbruge.answer({G1: "Ja, meget", G2: "Ja, de samme behov"})
    reply = genbruge.export("--rolle", "genbruge")

    code, out, _ = dele.import_(reply)

    assert code == 0
    assert summary(out) == "2 tilføjet, 0 opdateret, 0 uændret, 0 konflikter"
    assert set(dele.answers()) == {D1, D2, G1, G2}
    assert dele.answers()[G1] == "Ja, meget"
    before = tree(dele.home)

    code, out, _ = dele.import_(reply)

    assert code == 0
    assert summary(out) == "0 tilføjet, 0 opdateret, 2 uændret, 0 konflikter"
    assert tree(dele.home) == before


def test_re_importing_the_file_that_created_the_project_is_a_no_op(dele, genbruge):
    dele.answer({D1: "Formålet", D2: "Løsningen"})
    first = dele.export()
    genbruge.import_(first)
    before = genbruge.path.read_bytes()

    code, out, _ = genbruge.import_(first)

    assert code == 0
    assert summary(out).startswith("0 tilføjet")
    assert genbruge.path.read_bytes() == before


def test_one_answer_edited_by_turns_many_times_never_conflicts(exchanged):
    dele, genbruge = exchanged
    for n in range(3):
        dele.answer({D1: f"dele, runde {n}"})
        code, out, _ = genbruge.import_(dele.export())
        assert (code, summary(out).split(", ")[1]) == (0, "1 opdateret")
        genbruge.answer({D1: f"genbruge, runde {n}"})
        code, out, _ = dele.import_(genbruge.export())
        assert (code, summary(out).split(", ")[1]) == (0, "1 opdateret")
        assert dele.conflicts() == genbruge.conflicts() == {}
    assert dele.answers() == genbruge.answers()
    assert dele.answers()[D1] == "genbruge, runde 2"


# --- every merge case through the CLI ----------------------------------------------------------------


def test_an_identical_answer_is_unchanged_and_the_file_untouched(dele, genbruge):
    code, _, _ = genbruge("start", "--navn", NAME, "--rolle", "genbruge")
    assert code == 0
    genbruge.answer({D1: "Samme ord"})
    dele.answer({D1: "Samme ord"})
    before = genbruge.path.read_bytes()

    code, out, _ = genbruge.import_(dele.export())

    assert code == 0
    assert summary(out) == "0 tilføjet, 0 opdateret, 1 uændret, 0 konflikter"
    assert genbruge.path.read_bytes() == before


def test_their_change_is_taken_when_we_did_not_change_the_answer(exchanged):
    dele, genbruge = exchanged
    dele.answer({D1: "Formålet, skarpere"})

    code, out, _ = genbruge.import_(dele.export())

    assert code == 0
    assert summary(out) == "0 tilføjet, 1 opdateret, 1 uændret, 0 konflikter"
    assert genbruge.answers()[D1] == "Formålet, skarpere"
    assert genbruge.conflicts() == {}


def test_our_change_is_kept_when_they_did_not_change_the_answer(exchanged, tmp_path):
    dele, genbruge = exchanged
    first = sorted(tmp_path.glob("fra-dele-*.yaml"))[0]
    genbruge.answer({D1: "Vores bedre formulering"})

    for incoming in (first, dele.export()):  # the old file again, and a fresh one
        code, out, _ = genbruge.import_(incoming)

        assert code == 0
        assert summary(out) == "0 tilføjet, 0 opdateret, 2 uændret, 0 konflikter"
        assert genbruge.answers()[D1] == "Vores bedre formulering"
        assert genbruge.conflicts() == {}


@pytest.fixture
def conflicted(exchanged) -> tuple[Org, Org, Path]:
    """Both sides changed D1 differently since they exchanged it; dele's file is ready to import."""
    dele, genbruge = exchanged
    dele.answer({D1: "Dele ændrede formålet"})
    genbruge.answer({D1: "Genbruge ændrede formålet"})
    return dele, genbruge, dele.export()


@pytest.mark.parametrize("options", [("--ikke-interaktiv",), ()], ids=["ikke-interaktiv", "uden-terminal"])
def test_a_conflict_without_a_terminal_keeps_ours_and_stores_theirs(conflicted, options):
    _, genbruge, incoming = conflicted

    code, out, err = genbruge.import_(incoming, *options)

    assert (code, err) == (0, "")
    assert summary(out) == "0 tilføjet, 0 opdateret, 1 uændret, 1 konflikter"
    assert "1 gemt til senere" in flat(out)
    assert genbruge.answers()[D1] == "Genbruge ændrede formålet"
    assert genbruge.conflicts() == {D1: "Dele ændrede formålet"}
    assert re.search(r"^konflikter:$", genbruge.path.read_text(encoding="utf-8"), re.M)


def test_a_stored_conflict_is_listed_by_status_vis_and_konflikter(conflicted):
    _, genbruge, incoming = conflicted
    genbruge.import_(incoming, "--ikke-interaktiv")

    code, out, _ = genbruge("status")
    assert code == 0
    assert "Uafklarede konflikter: 1 svar" in flat(out)
    assert "spredning konflikter" in flat(out)

    code, out, _ = genbruge("status", "--json")
    assert code == 0
    assert json.loads(out)["konflikter"] == [D1]

    code, out, _ = genbruge("konflikter")
    assert code == 0
    shown = flat(out)
    assert "Vores svar: Genbruge ændrede formålet" in shown
    assert "Partnerens svar: Dele ændrede formålet" in shown

    code, out, _ = genbruge("vis", "tjek")
    assert code == 0
    assert "Partnerens udgave (uafklaret): Dele ændrede formålet" in flat(out)


def test_status_json_has_no_conflicts_when_there_are_none(exchanged):
    _, genbruge = exchanged

    code, out, _ = genbruge("status", "--json")

    assert code == 0
    assert json.loads(out)["konflikter"] == []
    code, out, _ = genbruge("konflikter")
    assert "Der er ingen uafklarede konflikter." in flat(out)


def test_re_importing_after_a_stored_conflict_is_a_no_op(conflicted):
    _, genbruge, incoming = conflicted
    genbruge.import_(incoming, "--ikke-interaktiv")
    before = genbruge.path.read_bytes()

    code, out, _ = genbruge.import_(incoming, "--ikke-interaktiv")

    assert code == 0
    assert summary(out) == "0 tilføjet, 0 opdateret, 2 uændret, 0 konflikter"
    assert genbruge.path.read_bytes() == before


def test_different_answers_with_no_exchange_before_are_a_conflict(dele, genbruge):
    genbruge("start", "--navn", NAME, "--rolle", "genbruge")
    genbruge.answer({D1: "Vores gæt på formålet"})
    dele.answer({D1: "Det rigtige formål"})

    code, out, _ = genbruge.import_(dele.export(), "--ikke-interaktiv")

    assert code == 0
    assert summary(out).endswith("1 konflikter")
    assert genbruge.answers()[D1] == "Vores gæt på formålet"
    assert genbruge.conflicts() == {D1: "Det rigtige formål"}


def test_crossing_exports_of_one_answer_changed_on_both_sides_lose_nothing(exchanged):
    dele, genbruge = exchanged
    dele.answer({D1: "Dele ændrede formålet"})
    from_dele = dele.export()
    genbruge.answer({D1: "Genbruge ændrede formålet"})  # before importing from_dele
    from_genbruge = genbruge.export()

    dele.import_(from_genbruge, "--ikke-interaktiv")
    genbruge.import_(from_dele, "--ikke-interaktiv")

    for org in (dele, genbruge):
        kept = {org.answers()[D1], *org.conflicts().values()}
        assert {"Dele ændrede formålet", "Genbruge ændrede formålet"} <= kept


# --- dry run -----------------------------------------------------------------------------------------


def test_a_dry_run_reports_every_outcome_and_writes_nothing(exchanged):
    dele, genbruge = exchanged
    dele.answer({D1: "Dele ændrede formålet", D2: "Løsningen, opdateret", D3: "Processen"})
    genbruge.answer({D1: "Genbruge ændrede formålet"})
    incoming = dele.export()
    before = tree(genbruge.home)

    code, out, err = genbruge.import_(incoming, "--tør")

    assert (code, err) == (0, "")
    assert "Prøvekørsel, intet er gemt" in flat(out)
    assert summary(out) == "1 tilføjet, 1 opdateret, 0 uændret, 1 konflikter"
    assert tree(genbruge.home) == before


def test_a_dry_run_into_an_empty_folder_creates_nothing(dele, genbruge):
    dele.answer({D1: "Formålet"})

    code, out, _ = genbruge.import_(dele.export(), "--tør")

    assert code == 0
    assert "ville blive oprettet med 1 svar. Intet er gemt." in flat(out)
    assert not genbruge.home.exists()


# --- export ------------------------------------------------------------------------------------------


@pytest.fixture
def both_sides_answered(dele) -> Org:
    dele.answer({D1: "Formålet", D2: "Løsningen", G1: "Det gætter vi på"})
    return dele


@pytest.mark.parametrize(("role", "expected"), [("dele", {D1, D2}), ("genbruge", {G1}), (None, {D1, D2, G1})])
def test_an_export_for_one_side_holds_only_that_sides_answers(both_sides_answered, role, expected):
    options = ("--rolle", role) if role else ()

    data = yaml.safe_load(both_sides_answered.export(*options).read_text(encoding="utf-8"))

    assert set(data["svar"]) == expected
    assert data["projekt"]["rolle"] == (role or "dele")


def test_an_export_is_a_project_file_a_person_can_read(conflicted):
    _, genbruge, incoming = conflicted
    genbruge.import_(incoming, "--ikke-interaktiv")  # genbruge now has a stored conflict
    genbruge.answer({G1: "Ja, fordi:\n- den virker\n- borgerne kan lide den\n\nÆrø, Ålbæk og Østby"})

    path = genbruge.export()

    text = path.read_text(encoding="utf-8")
    assert "navn: Genoptræning Ærø" in text
    assert "\\x" not in text and "\\u" not in text
    assert re.search(r"^  tjek\.beskriv-innovationen\.genbruge\.interessant: \|", text, re.M)
    assert "    - borgerne kan lide den\n" in text
    assert "    Ærø, Ålbæk og Østby" in text
    assert "  # Vi vil dele\n" in text and "  # Vi vil genbruge\n" in text
    assert "konflikter" not in text  # our open conflicts are ours, not the partner's
    project = project_from_data(yamlio.loads(text), SLUG, path)
    assert project.answers[G1].endswith("Ærø, Ålbæk og Østby")
    assert project.answers[D1] == "Genbruge ændrede formålet"


def test_an_export_without_ud_is_named_after_the_project_and_side(dele, tmp_path):
    dele.answer({D1: "Formålet"})

    assert dele("eksport", "--rolle", "dele")[0] == 0
    assert dele("eksport")[0] == 0

    assert (tmp_path / f"{SLUG}-dele.yaml").is_file()
    assert (tmp_path / f"{SLUG}-begge.yaml").is_file()


def test_an_existing_export_is_replaced_only_with_overskriv(dele, tmp_path):
    dele.answer({D1: "Første udgave"})
    target = tmp_path / "til-partneren.yaml"
    assert dele("eksport", "--ud", str(target))[0] == 0
    first = target.read_bytes()
    dele.answer({D1: "Anden udgave"})

    code, _, err = dele("eksport", "--ud", str(target))

    assert code == 1
    assert "findes allerede" in flat(err) and "--overskriv" in err
    assert target.read_bytes() == first

    code, _, _ = dele("eksport", "--ud", str(target), "--overskriv")

    assert code == 0
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["svar"][D1] == "Anden udgave"


def test_an_unknown_side_for_eksport_is_a_usage_error(dele, tmp_path):
    code, _, err = dele("eksport", "--rolle", "begge", "--ud", str(tmp_path / "x.yaml"))

    assert code == 2
    assert "Ukendt side" in err
    assert not (tmp_path / "x.yaml").exists()


# --- hostile import files ----------------------------------------------------------------------------

HEAD = "format: 1\nprojekt:\n  navn: Fjendtlig\n"
LAUGHS = "".join(
    [HEAD, "svar:\n", "  a: &a [lol, lol, lol]\n"]
    + [f"  {chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(9)]
)
HOSTILE = {
    "ugyldig-yaml": "format: 1\nprojekt: {navn: [\n",
    "alias": "format: '1'\nprojekt: &p\n  navn: x\nsvar: *p\n",
    "billion-laughs": LAUGHS,
    "liste": "- format\n- projekt\n",
    "tekst": "bare en tekst\n",
    "tom": "",
    "projekt-er-en-liste": "format: 1\nprojekt: [navn]\n",
    "svar-er-en-liste": HEAD + "svar: [a, b]\n",
    "svaret-er-en-liste": HEAD + f"svar:\n  {D1}: [a, b]\n",
    "svaret-er-en-samling": HEAD + f"svar:\n  {D1}:\n    sti: /etc/passwd\n",
    "uden-format": "projekt:\n  navn: x\n",
    "nyere-format": "format: 99\nprojekt:\n  navn: x\n",
    "uden-navn": "format: 1\nprojekt:\n  deler: x\n",
    "tomt-navn": "format: 1\nprojekt:\n  navn: '   '\n",
    "ukendt-rolle": HEAD + "  rolle: hacker\n",
    "ukendt-noegle": HEAD + "sti: ../../etc/passwd\n",
    "ukendt-projektnoegle": HEAD + "  fil: ../../etc/passwd\n",
    "konflikter": HEAD + f"konflikter:\n  {D1}: deres\nsvar:\n  {D1}: vores\n",
    "dobbelt-noegle": HEAD + f"svar:\n  {D1}: a\n  {D1}: b\n",
    "python-tag": "format: 1\nprojekt: !!python/object/apply:os.system ['touch hacked']\n",
    "int-tag": "format: !!int 1\nprojekt:\n  navn: x\n",
    "kontroltegn": HEAD + f"svar:\n  {D1}: a\x07b\n",
    "for-dyb": HEAD + "svar:\n  a: " + "[" * 50 + "]" * 50 + "\n",
    "for-stor": HEAD + f"svar:\n  {D1}: " + "x" * (5 * 1024 * 1024) + "\n",
}


@pytest.fixture(params=["tom-mappe", "eksisterende-projekt"])
def target(request, dele, genbruge) -> Org:
    """Import into a folder with no project (it would be created) or into an existing one."""
    if request.param == "eksisterende-projekt":
        dele.answer({D1: "Vores formål"})
        return dele
    return genbruge


@pytest.mark.parametrize("content", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_import_file_is_refused_in_danish_and_nothing_is_written(target, tmp_path, content):
    hostile = tmp_path / "fra-partneren.yaml"
    hostile.write_bytes(content.encode("utf-8"))
    before = tree(tmp_path, skip=hostile)

    code, out, err = target.import_(hostile)

    assert (code, out) == (1, "")
    assert err.startswith("Fejl: ")
    assert "fra-partneren.yaml" in err.replace("\n", "")  # a long path is folded at 80 columns
    assert re.search(r"Intet er ændret|Filen er ikke ændret", flat(err)), err
    assert "Traceback" not in err and "Error" not in err
    assert tree(tmp_path, skip=hostile) == before
    assert not (tmp_path / "hacked").exists()


def test_a_file_in_another_encoding_is_refused(genbruge, tmp_path):
    hostile = tmp_path / "latin1.yaml"
    hostile.write_bytes((HEAD.replace("Fjendtlig", "Ærø") + f"svar:\n  {D1}: æøå\n").encode("latin-1"))

    code, _, err = genbruge.import_(hostile)

    assert code == 1
    assert "ikke gemt som UTF-8" in flat(err)
    assert not genbruge.home.exists()


def test_a_missing_import_file_is_a_danish_error(genbruge, tmp_path):
    code, _, err = genbruge.import_(tmp_path / "findes-ikke.yaml")

    assert code == 1
    assert "kan ikke læses (findes ikke)" in flat(err)
    assert not genbruge.home.exists()


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("../../etc/passwd", "etc-passwd"),
        ("/etc/passwd", "etc-passwd"),
        ("..", "import"),
        ("~/.ssh/authorized_keys", "ssh-authorized-keys"),
        ("C:\\Windows\\system32", "c-windows-system32"),
        ("." + "/x" * 200, "x-" * 29 + "x"),
    ],
)
def test_a_project_name_never_chooses_where_the_file_is_written(genbruge, tmp_path, name, slug):
    incoming = tmp_path / "fra-partneren.yaml"
    data = {"format": "1", "projekt": {"navn": name, "rolle": "dele"}, "svar": {D1: "Formålet"}}
    incoming.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    outside = tree(tmp_path, skip=genbruge.home)

    code, _, err = genbruge.import_(incoming)

    assert (code, err) == (0, "")
    assert tree(tmp_path, skip=genbruge.home) == outside
    projects = [p for p in genbruge.home.rglob("*") if not p.name.startswith(".")]
    assert projects == [genbruge.home / f"{slug}.yaml"]
    assert SLUG_PATTERN.match(slug)
    project = Store(genbruge.home).load(slug)
    assert (project.name, project.role, project.answers) == (name, "genbruge", {D1: "Formålet"})


# --- choosing in a terminal: the installed command in a pseudo-terminal ------------------------------


def spawn(home: Path, *args: str, columns: int = 100) -> pexpect.spawn:
    """The installed `spredning ARGS...` in a terminal of 40 x columns; expects time out after 10 s."""
    assert COMMAND.is_file(), f"the installed command is missing: {COMMAND}"
    env = {
        "PATH": f"{COMMAND.parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "HOME": str(home.parent),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "TERM": "xterm",
        "COLUMNS": str(columns),
        "LINES": "40",
        "SPREDNING_HJEM": str(home),
        "PROMPT_TOOLKIT_NO_CPR": "1",
    }
    child = pexpect.spawn(
        str(COMMAND), list(args), env=env, encoding="utf-8", dimensions=(40, columns), timeout=TIMEOUT
    )
    child.logfile_read = io.StringIO()
    return child


def finish(child: pexpect.spawn) -> tuple[int, str]:
    """Wait for the command to end; return its exit code and everything it showed, without codes."""
    child.expect(pexpect.EOF, timeout=TIMEOUT)
    child.close()
    return child.exitstatus, re.sub(r"\s+", " ", ANSI.sub("", child.logfile_read.getvalue()))


def choose(child: pexpect.spawn, downs: int) -> None:
    """At the conflict menu (Vores, Partnerens, Begge, Afgør senere), pick the one `downs` down."""
    child.expect_exact("Hvilket svar skal gemmes?", timeout=TIMEOUT)
    child.expect_exact("Afgør senere", timeout=TIMEOUT)
    child.send(DOWN * downs + ENTER)


OURS, THEIRS = "Genbruge ændrede formålet", "Dele ændrede formålet"
MENU = {
    "Vores": (0, OURS, {}),
    "Partnerens": (1, THEIRS, {}),
    "Begge": (2, combine(OURS, THEIRS), {}),
    "Afgør senere": (3, OURS, {D1: THEIRS}),
}


@pytest.mark.e2e
@pytest.mark.parametrize("choice", MENU.keys())
def test_importer_in_a_terminal_asks_about_each_conflict(conflicted, choice):
    _, genbruge, incoming = conflicted
    downs, answer, kept = MENU[choice]

    child = spawn(genbruge.home, "importer", str(incoming))
    child.expect_exact("Partnerens svar:", timeout=TIMEOUT)
    choose(child, downs)
    code, shown = finish(child)

    assert code == 0, shown
    assert "Importeret: 0 tilføjet, 0 opdateret, 1 uændret, 1 konflikter" in shown
    assert genbruge.answers()[D1] == answer
    assert genbruge.conflicts() == kept
    assert genbruge.answers()[D2] == "Træning hjemme med en app"


@pytest.mark.e2e
@pytest.mark.parametrize("choice", MENU.keys())
def test_konflikter_in_a_terminal_settles_stored_conflicts(conflicted, choice):
    _, genbruge, incoming = conflicted
    genbruge.import_(incoming, "--ikke-interaktiv")
    downs, answer, kept = MENU[choice]

    child = spawn(genbruge.home, "konflikter")
    choose(child, downs)
    code, shown = finish(child)

    assert code == 0, shown
    assert f"{0 if kept else 1} konflikter afgjort" in shown
    assert genbruge.answers()[D1] == answer
    assert genbruge.conflicts() == kept


@pytest.mark.e2e
@pytest.mark.parametrize("command", ["importer", "konflikter"])
def test_ctrl_c_at_the_conflict_menu_says_so_and_writes_nothing(conflicted, command):
    _, genbruge, incoming = conflicted
    if command == "konflikter":
        genbruge.import_(incoming, "--ikke-interaktiv")
    before = tree(genbruge.home)

    child = spawn(genbruge.home, command, *([str(incoming)] if command == "importer" else []))
    child.expect_exact("Afgør senere", timeout=TIMEOUT)
    child.send(CTRL_C)
    code, shown = finish(child)

    assert code == 130, shown
    assert "Afbrudt. Intet er ændret i projektet." in shown
    assert "Traceback" not in shown
    assert tree(genbruge.home) == before


# --- vis: the two sides side by side on a wide terminal ---------------------------------------------


def both_headers_on_one_line(out: str) -> bool:
    return any("Vi vil dele" in line and "Vi vil genbruge" in line for line in out.splitlines())


@pytest.mark.parametrize("options", [(), ("--begge",), ("tjek",), ("tjek", "--begge")])
def test_vis_shows_the_sides_next_to_each_other_at_140_columns(exchanged, monkeypatch, options):
    _, genbruge = exchanged
    genbruge.answer({G1: "Ja, meget interessant"})
    monkeypatch.setenv("COLUMNS", "140")

    code, out, _ = genbruge("vis", *options)

    assert code == 0
    assert both_headers_on_one_line(out)
    row = next(line for line in out.splitlines() if "Formålet er færre" in line)
    assert "Ja, meget interessant" in row


@pytest.mark.parametrize("options", [(), ("--begge",)])
def test_vis_shows_the_sides_one_after_the_other_at_80_columns(exchanged, monkeypatch, options):
    _, genbruge = exchanged
    genbruge.answer({G1: "Ja, meget interessant"})
    monkeypatch.setenv("COLUMNS", "80")

    code, out, _ = genbruge("vis", "tjek", *options)

    assert code == 0
    assert not both_headers_on_one_line(out)
    assert "Vi vil dele  2/3" in out and "Vi vil genbruge  1/2" in out
    assert out.index("Formålet er færre") < out.index("Ja, meget interessant")


def test_vis_for_one_side_is_never_side_by_side(exchanged, monkeypatch):
    _, genbruge = exchanged
    monkeypatch.setenv("COLUMNS", "140")

    code, out, _ = genbruge("vis", "tjek", "--rolle", "dele")

    assert code == 0
    assert not both_headers_on_one_line(out)
    assert not any(line.startswith("Vi vil genbruge") for line in out.splitlines())


# --- answering with the partner in view --------------------------------------------------------------


def tool_intros(prompter: ScriptedPrompter) -> list:
    return [about for kind, about in prompter.log if kind == "tool"]


def test_the_interview_shows_each_tool_with_the_partners_answers(store, make_project, guide):
    slug = make_project(answers={D1: "Deres formål", D3: "Deres proces"})
    prompter = ScriptedPrompter(["a", "b", Review.NEXT, "c", "d", Review.STOP])
    session = ProjectSession(store, slug, guide.question_ids())

    Interview(guide, guide.find_phase("tjek"), "genbruge", session, prompter).run()

    assert tool_intros(prompter) == [
        ("tjek.beskriv-innovationen", (D1, D3)),
        ("tjek.fortael-den-gode-historie", ()),
    ]


def test_the_sharing_side_sees_the_reusing_sides_answers(store, make_project, guide):
    slug = make_project(role="dele", answers={G2: "Ja, de samme behov"})
    prompter = ScriptedPrompter(["a", "b", "c", Review.STOP])
    session = ProjectSession(store, slug, guide.question_ids())

    Interview(guide, guide.find_phase("tjek"), "dele", session, prompter).run()

    assert tool_intros(prompter) == [("tjek.beskriv-innovationen", (G2,))]


def interview_in_pipe(store, slug, guide, show_partner: bool) -> str:
    """Answer one question with the real prompts, then Ctrl-C; return what was printed."""
    with create_pipe_input() as keys, create_app_session(input=keys, output=DummyOutput()):
        console = Console(file=io.StringIO(), width=80)
        prompter = QuestionaryPrompter(console, input=keys, output=DummyOutput(), show_partner=show_partner)
        session = ProjectSession(store, slug, guide.question_ids())
        keys.send_text("Vores svar" + ESC_ENTER + CTRL_C)
        with pytest.raises(KeyboardInterrupt):
            Interview(guide, guide.find_phase("tjek"), "genbruge", session, prompter).run()
    return console.file.getvalue()


def test_the_prompts_show_the_partners_answers_before_the_questions(store, make_project, guide):
    slug = make_project(answers={D1: "Deres formål med æøå", D2: "Deres løsning"})

    printed = flat(interview_in_pipe(store, slug, guide, show_partner=True))

    assert "Den anden side (Vi vil dele) har svaret:" in printed
    assert "• Hvad er formålet? Deres formål med æøå" in printed
    assert printed.index("Deres løsning") < printed.index("[1/14]")
    assert store.load(slug).answers[G1] == "Vores svar"


def test_the_prompts_without_partner_show_none_of_the_partners_text(store, make_project, guide):
    slug = make_project(answers={D1: "Deres formål med æøå", D2: "Deres løsning"})

    printed = flat(interview_in_pipe(store, slug, guide, show_partner=False))

    assert "Værktøj: Beskriv innovationen" in printed and "[1/14]" in printed
    for partner_text in ("Den anden side", "Deres formål", "Deres løsning", "Hvad er formålet?"):
        assert partner_text not in printed
    assert store.load(slug).answers[G1] == "Vores svar"


@pytest.mark.e2e
@pytest.mark.parametrize("options", [(), ("--uden-partner",)])
def test_fase_shows_the_partner_unless_uden_partner(exchanged, options):
    _, genbruge = exchanged

    child = spawn(genbruge.home, "fase", "tjek", "--rolle", "genbruge", *options)
    child.expect_exact("[1/14]", timeout=TIMEOUT)
    child.expect_exact("Svar:", timeout=TIMEOUT)
    child.send(CTRL_C)
    code, shown = finish(child)

    assert code == 130, shown
    assert ("Den anden side (Vi vil dele) har svaret:" in shown) is not bool(options)
    assert ("Formålet er færre genindlæggelser" in shown) is not bool(options)


# --- a shared git repository: the two sides' answers merge without conflicts ------------------------


def git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "init.defaultBranch=main", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=30,
    )


@pytest.mark.parametrize(
    ("before", "on_a", "on_b"),
    [
        ({}, {D1: "Formålet", D2: "Løsningen\nover to linjer"}, {G1: "Ja", G2: "Ja, de samme"}),
        (
            {D2: "Løsningen", G2: "Ja, de samme"},
            {D1: "Formålet", D3: "Processen\n\nmed luft"},
            {G1: "Ja, meget", G3: "At borgerne træner mere"},
        ),
    ],
    ids=["fra-tom-fil", "med-svar-i-forvejen"],
)
def test_two_branches_answering_different_sides_merge_without_conflicts(
    tmp_path, run_cli, before, on_a, on_b
):
    repo = tmp_path / "repo"
    repo.mkdir()
    org = Org(repo, run_cli, tmp_path)
    assert git(repo, "init", "-q").returncode == 0
    assert org("start", "--navn", NAME, "--rolle", "dele")[0] == 0
    if before:
        org.answer(before)
    assert git(repo, "add", org.path.name).returncode == 0
    assert git(repo, "commit", "-q", "-m", "start").returncode == 0
    for branch, answers in (("a", on_a), ("b", on_b)):
        assert git(repo, "checkout", "-q", "-b", branch, "main").returncode == 0
        org.answer(answers)
        assert git(repo, "commit", "-q", "-am", f"svar {branch}").returncode == 0

    assert git(repo, "checkout", "-q", "a").returncode == 0
    merged = git(repo, "merge", "--no-edit", "b")

    assert merged.returncode == 0, merged.stdout + merged.stderr
    text = org.path.read_text(encoding="utf-8")
    assert "<<<<<<<" not in text and ">>>>>>>" not in text
    assert Store(repo).load(SLUG).answers == {**before, **on_a, **on_b}
    assert org("status")[0] == 0
