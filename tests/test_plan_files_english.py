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
