"""The plan's files in the English edition: the calendar's PRODID says EN (DA in Danish, unchanged),
and the CSV's dates are ISO (åååå-mm-dd), which Excel reads as the same date in every country's
settings (12-03-2027 is 3 December in American Excel); the Danish CSV keeps dd-mm-åååå for Danish
Excel. Both keep the semicolon (see the README's English section). The installed command, real files.
"""

from __future__ import annotations

import codecs
import csv
import io

import pytest
from exchange_kit import installed

pytestmark = pytest.mark.e2e


@pytest.fixture
def plan(tmp_path):
    """A project with one open action due 12 March 2027; `plan(language, *args)` runs the command."""
    home = tmp_path / "hjem"

    def run(language: str, *args: str) -> tuple[int, str, str]:
        return installed(*args, home=home, cwd=tmp_path, env={"SPREDNING_SPROG": language})

    code, _, err = run(
        "da", "start", "--navn", "Test", "--deler", "Odense Kommune", "--genbruger", "Ærø Kommune",
        "--rolle", "genbruge", "--organisation", "Ærø Kommune",
    )  # fmt: skip
    assert code == 0, err
    code, _, err = run("da", "plan", "tilføj", "--hvad", "Book et møde", "--frist", "12-03-2027")
    assert code == 0, err
    return run


def written(plan, tmp_path, language: str, kind: str) -> bytes:
    target = tmp_path / f"plan-{language}.{kind}"
    code, _, err = plan(language, "plan", "--format", kind, "--ud", str(target))
    assert code == 0, err
    return target.read_bytes()


@pytest.mark.parametrize(("language", "prodid"), [("da", "//DA"), ("en", "//EN")])
def test_the_calendars_prodid_follows_the_language(plan, tmp_path, language, prodid):
    raw = written(plan, tmp_path, language, "ics")

    [line] = [line for line in raw.decode("utf-8").split("\r\n") if line.startswith("PRODID:")]
    assert line == f"PRODID:-//spredning//Spredningsguiden{prodid}"


@pytest.mark.parametrize(
    ("language", "header", "due"),
    [
        ("da", ["ID", "Hvad", "Hvem", "Frist"], "12-03-2027"),
        ("en", ["ID", "What", "Who", "Deadline"], "2027-03-12"),
    ],
)
def test_the_csvs_dates_are_iso_in_english_and_danish_in_danish(plan, tmp_path, language, header, due):
    raw = written(plan, tmp_path, language, "csv")

    assert raw.startswith(codecs.BOM_UTF8)
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0][:4] == header
    assert rows[1][1:4] == ["Book et møde", "", due]


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("word", ["tekst", "text"])
def test_the_table_is_asked_for_by_either_languages_word(plan, language, word):
    """Found in stop 49's English trial: 'plan --format text' was refused (only the Danish 'tekst')."""
    code, out, err = plan(language, "plan", "--format", word)
    assert code == 0, err
    assert "Book et møde" in out


def test_a_wrong_format_in_english_offers_the_english_words(plan):
    code, _, err = plan("en", "plan", "--format", "txt")
    assert code == 2
    said = " ".join(err.split())
    assert "Unknown format 'txt'. Did you mean 'text'?" in said
    assert "Use text, csv or ics." in said and "tekst" not in said


@pytest.mark.parametrize(("language", "status"), [("da", "færdig"), ("en", "done")])
def test_the_example_for_plan_ret_without_a_terminal_is_in_the_language(plan, tmp_path, language, status):
    """Found in stop 49's English trial: the English refusal suggested '--status færdig'."""
    rows = written(plan, tmp_path, "da", "csv").decode("utf-8-sig").splitlines()
    [item] = [row.split(";")[0] for row in rows[1:] if row.strip()]
    code, _, err = plan(language, "plan", "ret", item)
    assert code == 2, err
    assert f"plan ret {item} --status {status}" in " ".join(err.split())
