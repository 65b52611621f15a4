"""Who noted a meeting travels with it: in the project file and in the exchange file.

A meeting says which organisation noted it ('noteret-af'), so every copy names the same one: the
side that noted it says "noteret af jer", the other side the organisation's name, also on a
colleague's computer with a copy of the project file, and in a project started again from a
partner's file. A program from before the field refuses a record with an unknown field, so a file
that carries it declares format 5 (project) or 6 (exchange), and such a program asks to be updated.
A file from before (format 4, tests/fixtures/moede-format-4) still imports, its meeting named by
the file it came in.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from exchange_kit import D1, NAME, Org, colleague, flat, start_sharing, tree

FIXTURE = Path(__file__).parent / "fixtures" / "moede-format-4" / "genoptraening-aeroe-til-aeroe-kommune.yaml"
OURS = "Møde holdt: 1. november 2026 (noteret af jer)."
AEROES = "Møde holdt: 1. november 2026 (noteret af Ærø Kommune)."
ODENSES = "Møde holdt: 1. november 2026 (noteret af Odense Kommune)."


def first_line(path: Path) -> str:
    return path.read_text(encoding="utf-8").splitlines()[0]


def meetings(path: Path) -> dict[str, dict]:
    """A file's meetings in Ærø's dialogue: id → the record's values."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data["opfølgning"]["genbruge"]["aeroe-kommune"]["møder"]


def report(org: Org, *options: str) -> str:
    """The dialogue's report as Markdown (`options` before the command: --sprog en)."""
    path = org.files / f"rapport-{org.home.name}.md"
    org.ok(*options, "rapport", "--format", "md", "--ud", str(path), "--overskriv")
    return path.read_text(encoding="utf-8")


def started(tmp_path: Path, run_cli) -> tuple[Org, Org]:
    """Odense shares with Ærø, which has imported the first file; (odense, aeroe)."""
    odense = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), answers={D1: "Mål"})
    aeroe = Org(tmp_path / "aeroe", tmp_path, run_cli)
    assert aeroe.import_(odense.export())[0] == 0
    return odense, aeroe


@pytest.mark.e2e
def test_a_meeting_says_who_noted_it_on_both_sides_on_a_colleagues_copy_and_after_starting_again(tmp_path):
    odense, aeroe = started(tmp_path, None)  # the installed command
    aeroe.ok("møde", "--dato", "01-11-2026")
    sent = aeroe.export()
    assert first_line(sent) == "format: '6'"  # a program reading up to format 4 asks to be updated
    assert [m["noteret-af"] for m in meetings(sent).values()] == ["aeroe-kommune"]

    assert odense.import_(sent)[0] == 0
    assert AEROES in flat(odense.ok("status"))
    assert OURS in flat(aeroe.ok("status"))
    assert first_line(odense.path) == "format: '5'"

    # a colleague at Odense with the project file from git, this computer knowing no import
    at_odense = colleague(odense, tmp_path, "odense-kollega", "dele")
    assert AEROES in flat(at_odense.ok("status"))
    assert AEROES in flat(at_odense.ok("vis", "tjek", "--ingen-pager"))
    assert "- 1. november 2026 (noteret af Ærø Kommune)\n" in report(at_odense)
    # a colleague at Ærø: the meeting is still Ærø's own
    at_aeroe = colleague(aeroe, tmp_path, "aeroe-kollega", "genbruge", "--organisation", "Ærø Kommune")
    assert OURS in flat(at_aeroe.ok("status"))

    # Ærø starts again from Odense's latest file: its own meeting is still its own, not Odense's
    again = Org(tmp_path / "aeroe-igen", tmp_path)
    assert again.import_(odense.export())[0] == 0
    assert OURS in flat(again.ok("status"))
    assert OURS in flat(again.ok("vis", "tjek", "--ingen-pager"))
    assert "- 1. november 2026 (noteret af Ærø Kommune)\n" in report(again)  # by name: a report travels


def test_the_same_file_imported_twice_changes_nothing(tmp_path, run_cli):
    odense, aeroe = started(tmp_path, run_cli)
    aeroe.ok("møde", "--dato", "01-11-2026")
    sent = aeroe.export()
    assert odense.import_(sent)[0] == 0
    assert [m["noteret-af"] for m in meetings(odense.path).values()] == ["aeroe-kommune"]
    before = tree(odense.home)

    code, _out, err = odense.import_(sent)

    assert code == 0, err
    assert tree(odense.home) == before
    assert AEROES in flat(odense.ok("status"))


def test_a_meeting_on_the_day_a_partner_noted_one_names_the_partner(tmp_path, run_cli):
    """Found in stop 44's re-read: the question about a second meeting on the same day did not say
    who noted the first, so a partner's note of the same meeting read as one's own."""
    odense, aeroe = started(tmp_path, run_cli)
    aeroe.ok("møde", "--dato", "01-11-2026")
    assert odense.import_(aeroe.export())[0] == 0
    before = tree(odense.home)

    code, _out, err = odense("møde", "--dato", "01-11-2026")

    assert code == 2
    assert "Ærø Kommune har allerede noteret et møde den 1. november 2026." in flat(err)
    assert tree(odense.home) == before
    code, _out, err = aeroe("møde", "--dato", "01-11-2026")
    assert code == 2 and "I har allerede noteret et møde den 1. november 2026." in flat(err)
    code, _out, err = odense("--sprog", "en", "møde", "--dato", "01-11-2026")
    assert code == 2 and "Ærø Kommune has already noted a meeting on 1 November 2026." in flat(err)


def test_a_correction_keeps_who_noted_the_meeting(tmp_path, run_cli):
    odense, aeroe = started(tmp_path, run_cli)
    aeroe.ok("møde", "--dato", "01-11-2026")
    assert odense.import_(aeroe.export())[0] == 0
    odense.ok("møde", "--ret", "--dato", "31-10-2026")  # Odense corrects the day Ærø noted
    assert aeroe.import_(odense.export())[0] == 0

    assert "Møde holdt: 31. oktober 2026 (noteret af Ærø Kommune)." in flat(odense.ok("status"))
    assert "Møde holdt: 31. oktober 2026 (noteret af jer)." in flat(aeroe.ok("status"))
    data = json.loads(odense.ok("status", "--json"))
    assert data["dialoger"][0]["møder"] == [{"dato": "2026-10-31", "noteret_af": "aeroe-kommune"}]
    # in English, from the same catalogue
    assert "Meeting held: 31 October 2026 (noted by Ærø Kommune)." in flat(
        odense.ok("--sprog", "en", "status")
    )
    assert "Meeting held: 31 October 2026 (noted by you)." in flat(aeroe.ok("--sprog", "en", "status"))
    assert "- 31 October 2026 (noted by Ærø Kommune)\n" in report(odense, "--sprog", "en")


def test_a_program_reading_up_to_format_4_refuses_the_file_and_asks_to_be_updated(
    tmp_path, run_cli, monkeypatch
):
    odense, aeroe = started(tmp_path, run_cli)
    aeroe.ok("møde", "--dato", "01-11-2026")
    sent = aeroe.export()
    before = tree(odense.home)
    monkeypatch.setattr("spredning.core.projectfile.FORMAT_VERSION", 4)  # as the program before

    code, _out, err = odense.import_(sent)

    assert code != 0
    assert "er lavet af en nyere udgave af spredning (format 6)" in flat(err)
    assert "Opdatér spredning på denne computer" in flat(err)
    assert tree(odense.home) == before
    # its own project file, once a meeting there says who noted it, likewise
    monkeypatch.undo()
    odense.ok("møde", "--dato", "02-11-2026")
    assert first_line(odense.path) == "format: '5'"
    monkeypatch.setattr("spredning.core.projectfile.FORMAT_VERSION", 4)
    code, _out, err = odense("status")
    assert code != 0
    assert "er skrevet af en nyere udgave af spredning (format 5;" in flat(err)
    assert "Opdatér spredning for at åbne den." in flat(err)


def test_an_exchange_file_from_before_imports_its_meeting_named_by_the_file_it_came_in(tmp_path, run_cli):
    aeroe = Org(tmp_path / "aeroe", tmp_path, run_cli)
    assert first_line(FIXTURE) == "format: '4'"
    assert all("noteret-af" not in m for m in meetings(FIXTURE).values())

    code, _out, err = aeroe.import_(FIXTURE)

    assert code == 0, err
    assert aeroe.texts()[D1] == "Borgerne træner hjemme med video."
    assert ODENSES in flat(aeroe.ok("status", "--projekt", NAME))
    assert first_line(aeroe.path) == "format: '3'"  # nothing invented for a meeting that did not say
    # a meeting Ærø notes now says so; the old one still does not
    aeroe.ok("møde", "--dato", "15-11-2026")
    sent = aeroe.export()
    assert first_line(sent) == "format: '6'"
    said = {m["dato"]: m.get("noteret-af") for m in meetings(sent).values()}
    assert said == {"2026-11-01": None, "2026-11-15": "aeroe-kommune"}
    assert (
        "Møder holdt: 1. november 2026 (noteret af Odense Kommune) og 15. november 2026 (noteret af jer)."
        in flat(aeroe.ok("status"))
    )


def test_a_meeting_noted_by_one_not_an_organisation_is_refused_with_the_field_named(tmp_path, run_cli):
    odense, aeroe = started(tmp_path, run_cli)
    aeroe.ok("møde", "--dato", "01-11-2026")
    sent = aeroe.export()
    sent.write_text(
        sent.read_text(encoding="utf-8").replace("noteret-af: aeroe-kommune", "noteret-af: Ærø Kommune"),
        encoding="utf-8",
    )
    before = tree(odense.home)

    code, _out, err = odense.import_(sent)

    assert code != 0
    assert "'noteret-af' skal være 'dele' eller en genbrugende organisations nøgle" in flat(err)
    assert tree(odense.home) == before


def test_only_a_file_carrying_a_noted_meeting_needs_the_newer_format(tmp_path, run_cli):
    odense = start_sharing(
        Org(tmp_path / "odense", tmp_path, run_cli),
        reusers=("Ærø Kommune", "Fanø Kommune"),
        answers={D1: "Mål"},
    )
    odense.ok("møde", "--partner", "Ærø", "--dato", "01-11-2026")

    assert first_line(odense.export("--partner", "Ærø")) == "format: '6'"
    # Fanø's file carries no meeting: a program reading up to format 4 still takes it
    assert first_line(odense.export("--partner", "Fanø")) == "format: '4'"


@pytest.mark.e2e
def test_the_import_list_says_who_noted_a_meeting_in_a_dry_run_and_in_the_import(tmp_path):
    odense, aeroe = started(tmp_path, None)  # the installed command
    aeroe.ok("møde", "--dato", "01-11-2026")
    sent = aeroe.export()
    line = "• Ny: Møde holdt den 1. november 2026 (noteret af Ærø Kommune)"

    assert line in flat(odense.ok("importer", str(sent), "--tør"))  # as status says it after the import
    assert "• New: Meeting held on 1 November 2026 (noted by Ærø Kommune)" in flat(
        odense.ok("--sprog", "en", "importer", str(sent), "--tør")
    )
    assert line in flat(odense.ok("importer", str(sent)))
    assert AEROES in flat(odense.ok("status"))


def test_a_partners_correction_of_our_meeting_says_it_is_ours_before_and_after(tmp_path, run_cli):
    odense, aeroe = started(tmp_path, run_cli)
    odense.ok("møde", "--dato", "01-11-2026")
    assert aeroe.import_(odense.export())[0] == 0
    aeroe.ok("møde", "--ret", "--dato", "31-10-2026")  # Ærø corrects the day Odense noted

    out = flat(odense.ok("importer", str(aeroe.export()), "--tør"))

    assert (
        "Jeres eget punkt, ændret af Ærø Kommune: var: Møde holdt den 1. november 2026 (noteret af jer)"
        " nu: Møde holdt den 31. oktober 2026 (noteret af jer)"
    ) in out


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("language", "side", "said"),
    [
        ("da", "dele", "Møde holdt: 21. januar 2026 (noteret af jer)."),
        ("da", "genbruge", "Møde holdt: 21. januar 2026 (noteret af Eksempel Kommune Nord)."),
        ("en", "genbruge", "Meeting held: 21 January 2026 (noted by Example Municipality North)."),
    ],
)
def test_the_examples_meeting_was_noted_by_one_side_and_both_say_which(tmp_path, language, side, said):
    """The example is a dialogue whose two sides have sent each other their files: its meeting was
    noted by one of them (the sharing side), not by each, and both sides name the same one."""
    org = Org(tmp_path / f"eksempel-{side}", tmp_path)  # the installed command
    org.ok("--sprog", language, "start", "--eksempel")
    org.ok("projekt", "side", side)

    assert said in flat(org.ok("--sprog", language, "status"))


def test_a_meeting_on_the_reusing_side_whose_organisation_was_lost_says_it_was_noted_by_it(tmp_path, run_cli):
    """Found (stop 37): this computer's state on the reusing side with its organisation line gone (a
    hand edit, or a damaged line set aside) noted a meeting with no 'noteret-af'; the partner
    met on the reusing side is that organisation, and the meeting says so."""
    _, aeroe = started(tmp_path, run_cli)
    [state] = (aeroe.home / ".spredning").glob("*.yaml")
    lines = state.read_text(encoding="utf-8").splitlines(keepends=True)
    assert "organisation: aeroe-kommune\n" in lines
    state.write_text(
        "".join(line for line in lines if not line.startswith("organisation:")), encoding="utf-8"
    )

    aeroe.ok("møde", "--dato", "01-11-2026")

    assert [m.get("noteret-af") for m in meetings(aeroe.path).values()] == ["aeroe-kommune"]
    assert "- 1. november 2026 (noteret af Ærø Kommune)" in report(aeroe)  # named, never blank
