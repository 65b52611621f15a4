"""What the README and the help pages promise (issue 17): every command documented, every help page
reviewed. The help pages are snapshots (tests/snapshots/help/LANGUAGE/COMMAND.txt): a wording
change shows up as a diff to review. Write new snapshots with SPREDNING_SNAPSHOTS=skriv.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from terminal import COMMAND
from test_i18n import command_paths

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOTS = Path(__file__).resolve().parent / "snapshots" / "help"
PAGES = [[], *command_paths()]
# Typer's own metavars name Python types ('<str>', '<list[str]>'; Click's 'TEXT', 'PATH' in a Danish
# page): every option that takes a value says in the catalogue's words what it wants (NAVN, TEKST, FIL).
TYPE_NAMES = {
    "da": re.compile(r"<[a-z]+(\[[a-z, \[\]]*\])?>|\b(TEXT|INTEGER|FLOAT|PATH|FILENAME|BOOLEAN)\b"),
    "en": re.compile(r"<[a-z]+(\[[a-z, \[\]]*\])?>"),
}


def test_the_readme_mentions_every_command():
    readme = ROOT.joinpath("README.md").read_text(encoding="utf-8")
    missing = [" ".join(words) for words in command_paths() if f"spredning {' '.join(words)}" not in readme]
    assert missing == []


def test_the_readme_lists_every_exit_code_the_program_ends_with():
    import signal

    from spredning.core import errors

    readme = ROOT.joinpath("README.md").read_text(encoding="utf-8")
    paragraph = " ".join(readme.split("Afslutningskoder:", 1)[1].split("\n\n", 1)[0].split())
    codes = {value for name, value in vars(errors).items() if name.startswith("EXIT_")}
    stops = {128 + signal.SIGHUP, 128 + signal.SIGTERM}  # prompts.stops._end_now, or the signal's own end
    missing = sorted(code for code in codes | stops if not re.search(rf"\b{code}\b", paragraph))
    assert missing == []


def test_the_readme_says_what_typing_in_a_list_does_in_the_lists_own_words():
    """Letters typed in a list search it (prompts.choice_list); the README quotes what the list then says."""
    from spredning.i18n import catalogue

    readme = " ".join(ROOT.joinpath("README.md").read_text(encoding="utf-8").split())
    words = catalogue("da")
    assert f'"{words["prompt.list-search"].format(text="rød")}"' in readme
    assert f'"{words["prompt.list-none"]}"' in readme


def test_the_readmes_english_section_is_english_and_names_what_the_program_reads():
    """An English-speaking partner reads this section alone: it names every source of the language
    (--sprog, $SPREDNING_SPROG, the locale's variables) and shows how to keep the variable set."""
    from spredning import i18n

    readme = ROOT.joinpath("README.md").read_text(encoding="utf-8")
    section = readme.split("\n### English\n", 1)[1].split("\n## ", 1)[0]
    for name in ("--sprog en", f"{i18n.LANGUAGE_ENV}=en", *i18n.LOCALE_ENV):
        assert f"`{name}`" in section, name
    assert f"echo 'export {i18n.LANGUAGE_ENV}=en' >> ~/.bashrc" in section
    assert f"setx {i18n.LANGUAGE_ENV} en" in section
    danish = {"og", "eller", "ikke", "er", "på", "sproget", "hedder"}
    assert danish.isdisjoint(re.findall(r"[a-zæøå]+", section.casefold()))


def help_page(words: list[str], language: str) -> str:
    env = {
        **os.environ,
        "SPREDNING_SPROG": language,
        "COLUMNS": "80",
        "NO_COLOR": "1",
        "TERM": "dumb",
        "PATH": f"{COMMAND.parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }  # typed as 'spredning'

    result = subprocess.run(
        [str(COMMAND), *words, "--help"], capture_output=True, text=True, env=env, check=False, timeout=60
    )
    assert (result.returncode, result.stderr) == (0, ""), words
    return result.stdout


@pytest.mark.slow
@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("words", PAGES, ids=[" ".join(w) or "spredning" for w in PAGES])
def test_every_help_page_matches_its_reviewed_snapshot(words, language):
    page = help_page(words, language)
    snapshot = SNAPSHOTS / language / f"{'-'.join(words) or 'spredning'}.txt"
    if os.environ.get("SPREDNING_SNAPSHOTS") == "skriv":
        snapshot.parent.mkdir(parents=True, exist_ok=True)
        snapshot.write_text(page, encoding="utf-8")
    assert snapshot.is_file(), (
        f"no reviewed snapshot for {words} in {language}: write it with SPREDNING_SNAPSHOTS=skriv"
    )
    assert page == snapshot.read_text(encoding="utf-8")
    for line in page.splitlines():
        assert len(line) <= 80 and line == line.rstrip()
        assert not TYPE_NAMES[language].search(line), line


def test_no_reviewed_help_page_names_a_python_type():
    named = [
        f"{page.parent.name}/{page.name}: {line.strip()}"
        for page in sorted(SNAPSHOTS.glob("*/*.txt"))
        for line in page.read_text(encoding="utf-8").splitlines()
        if TYPE_NAMES[page.parent.name].search(line)
    ]
    assert named == []


def test_no_snapshot_is_left_for_a_command_that_is_gone():
    expected = {f"{'-'.join(words) or 'spredning'}.txt" for words in PAGES}
    for language in ("da", "en"):
        folder = SNAPSHOTS / language
        if folder.is_dir():
            assert {p.name for p in folder.iterdir()} <= expected


def test_the_readme_the_help_and_the_command_agree_on_what_an_action_id_takes(tmp_path):
    """An action's id: the whole id, or at least MIN_ID of its first characters when no other id
    begins with them. The README, 'plan ret/luk --help' and the command itself say the same."""
    from exchange_kit import Org, installed, start_sharing

    from spredning.app.plan import MIN_ID
    from spredning.core.followup import ID_LENGTH

    readme = " ".join(ROOT.joinpath("README.md").read_text(encoding="utf-8").split())
    promise = f"viser det ({ID_LENGTH} tegn), eller dets første {MIN_ID} tegn eller flere, når intet andet id"
    assert promise in readme
    for words in (["plan", "ret"], ["plan", "luk"]):
        assert promise in " ".join(help_page(words, "da").split()), words
    assert f"first {MIN_ID} characters or more" in " ".join(help_page(["plan", "ret"], "en").split())

    org = start_sharing(Org(tmp_path / "odense", tmp_path), reusers=("Ærø Kommune",))
    org.ok("plan", "tilføj", "--hvad", "Ring til Ærø")
    [item] = [key for records in org.project().records.values() for key in records if key.startswith("plan:")]
    whole = item.removeprefix("plan:")
    assert len(whole) == ID_LENGTH
    short = installed("plan", "ret", whole[: MIN_ID - 1], "--status", "i gang", home=org.home, cwd=tmp_path)
    assert short[0] == 2 and f"mindst de {MIN_ID} første tegn" in " ".join(short[2].split())
    org.ok("plan", "ret", whole[:MIN_ID].upper(), "--status", "i gang")
    org.ok("plan", "luk", whole)


def test_no_reviewed_help_page_or_worksheet_text_shows_a_fixed_date():
    """An example date soon lies in the past, and a deadline field then seemed to ask for one: the
    help says how a date is written instead (a date computed for the help would break its snapshot)."""
    from spredning.i18n import catalogue

    dated = re.compile(r"\b\d{1,2}[-./]\d{1,2}[-./]\d{4}\b")
    shown = [
        f"{page.parent.name}/{page.name}: {line.strip()}"
        for page in sorted(SNAPSHOTS.glob("*/*.txt"))
        for line in page.read_text(encoding="utf-8").splitlines()
        if dated.search(line)
    ]
    shown += [
        f"{language}: {key}"
        for language in ("da", "en")
        for key, text in catalogue(language).items()
        if key.startswith(("help.", "worksheet.")) and dated.search(str(text))
    ]
    assert shown == []
