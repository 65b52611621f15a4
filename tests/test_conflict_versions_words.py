"""Texts about a conflict's versions are true for three versions too, not only for two.

A sharing organisation with several reusing partners can have a shared answer or action in three
versions (its own and two partners'). `status`, `vis`, the home screen and reports said "flere
udgaver" already; `plan ret` still began "Begge sider har ændret handlingen ... gælder for begge",
worksheets said "en anden udgave" and "to udgaver", the plan table "den anden siger", an import
"så begge udgaver gemmes", and a version from git was "Den anden udgave". Two versions keep their
tests (test_plan_versions_named, test_worksheet_followup, test_git, test_plan).
"""

from __future__ import annotations

import datetime
import io

import pytest
from docx import Document
from exchange_kit import D1, Org, flat, start_hub, start_sharing
from homekit import CTRL_C, interactive, typed
from projectkit import workspace
from worksheet_kit import Sheet

from spredning.app import home as app_home
from spredning.cli import render_home
from spredning.core import followup
from spredning.core.model import Answer

pytestmark = pytest.mark.usefixtures("work_in_tmp")

ACTION = "Fælles workshop"
TWO = ("to udgaver", "begge", "Begge", "den anden", "Den anden", "en anden udgave af dette svar")


def no_two(text: str) -> None:
    """Nothing in `text` counts the versions as two."""
    assert not [word for word in TWO if word in text], text


@pytest.fixture
def three_versions(tmp_path, run_cli):
    """Odense's shared action, set to "droppet" by Odense, "i gang" by Ærø and "færdig" by Fanø;
    Odense imports Ærø's file, then Fanø's (its output is the fourth item)."""
    sharing, partners = start_hub(tmp_path, run_cli, {D1: "Odenses formål"})
    sharing.ok(
        "plan", "tilføj", "--hvad", ACTION, "--hvem", "Odense", "--frist", "20-12-2026",
        "--fase", "tjek", "--fælles",
    )  # fmt: skip
    (action,) = [key[len("plan:") :] for key in sharing.project().records[""]]
    aeroe, fanoe = partners["aeroe-kommune"], partners["fanoe-kommune"]
    for key, org in (("aeroe-kommune", aeroe), ("fanoe-kommune", fanoe)):
        assert org.import_(sharing.export("--partner", key))[0] == 0
    sharing.ok("plan", "ret", action, "--status", "droppet")
    aeroe.ok("plan", "ret", action, "--status", "i gang")
    fanoe.ok("plan", "ret", action, "--status", "færdig")
    assert sharing.import_(aeroe.export())[0] == 0
    code, out, err = sharing.import_(fanoe.export())
    assert code == 0, err
    project = sharing.project()
    item = next(i for i in followup.plan_items(project, project.partners[0]) if i.id == action)
    assert [o.status for o in item.others] == ["i-gang", "færdig"]  # three versions
    return sharing, action, flat(out)


def test_the_import_of_the_third_version_says_it_is_kept_beside_ours(three_versions):
    _, _, imported = three_versions
    said = "Filen fra Fanø Kommune har en anden udgave end jeres, så den gemmes ved siden af jeres: "
    assert said in imported
    assert "1 findes nu i flere udgaver" in imported
    no_two(imported)


def test_plan_ret_shows_three_versions_in_words_true_for_three(three_versions, monkeypatch, run_cli):
    sharing, action, _ = three_versions
    with monkeypatch.context() as patched:  # 'plan ret' shows each version before asking
        interactive(patched)
        with sharing.at_home():
            run = typed(run_cli, CTRL_C, "plan", "ret", action)
    intro = (
        "Handlingen er ændret flere steder, så den findes i 3 udgaver. "
        "Det, du gemmer nu, bliver den, der gælder:"
    )
    assert intro in run.said
    assert "• Ærø Kommunes udgave: Fælles workshop (hvem: Odense; frist: 20-12-2026; i gang)" in run.said
    assert "• Fanø Kommunes udgave: Fælles workshop (hvem: Odense; frist: 20-12-2026; færdig)" in run.said
    no_two(run.said)


def test_status_and_the_home_screen_say_more_than_one_version_of_the_action(three_versions):
    sharing, action, _ = three_versions
    status = flat(sharing.ok("status"))
    step = (
        "afgør, hvilken udgave af handlingen der gælder (den findes i flere udgaver): "
        f"spredning plan ret {action}"
    )
    assert step in status
    no_two(status)
    found = app_home.home(workspace(sharing.home))
    assert found.actions[0].kind == "versions"
    said = "Afgør, hvilken af handlingens udgaver der gælder"
    assert render_home.title(found, found.actions[0]) == said


def test_a_report_and_a_worksheet_say_the_action_exists_in_more_than_one_version(three_versions):
    sharing, _, _ = three_versions
    report = sharing.files / "rapport.md"
    sharing.ok("rapport", "--partner", "Ærø", "--ud", str(report))
    text = flat(report.read_text(encoding="utf-8"))
    assert "findes i flere udgaver" in text
    no_two(text)
    sheet = sharing.files / "ark.docx"
    sharing.ok("arbejdsark", "--fase", "tjek", "--partner", "Ærø", "--ud", str(sheet))
    words = "\n".join(p.text for p in Document(str(sheet)).paragraphs)
    assert f"Handlingen »{ACTION}« findes i flere udgaver, som ikke er afgjort endnu" in words
    no_two(words)


def test_the_plan_table_names_the_other_two_versions_as_two(monkeypatch):
    """Versions with no writer known (as from git): 'den anden' only when there is one other."""
    from rich.console import Console

    from spredning.cli.render_plan import plan_table
    from spredning.core.content import load_guide

    day = datetime.date(2026, 12, 1)
    started = followup.PlanItem("fe73", "Indkøb af tablets", "Søren", day, "i-gang", "", "")
    dropped = followup.PlanItem("fe73", "Indkøb af tablets", "Søren", day, "droppet", "", "")
    item = followup.PlanItem("fe73", "Indkøb af tablets", "Søren", day, "færdig", "", "", (started, dropped))
    console = Console(width=200, no_color=True, file=io.StringIO())

    console.print(plan_table([item], load_guide(), day, {}))

    shown = " ".join(console.file.getvalue().split())
    said = "(findes i 3 udgaver; de 2 andre siger hhv.: i gang og droppet – ret handlingen for at afgøre"
    assert said in shown
    no_two(shown)


def test_a_worksheet_says_a_shared_answer_in_three_versions_exists_in_more_than_one(tmp_path, run_cli):
    sharing, partners = start_hub(tmp_path, run_cli, {D1: "Formål"})
    sharing.answer({D1: "Odenses formål"})
    for key in ("aeroe-kommune", "fanoe-kommune"):
        partners[key].answer({D1: f"{key} formål"}, "--rolle", "dele")
        assert sharing.import_(partners[key].export())[0] == 0
    assert len(sharing.others()[D1]) == 2
    sheet = sharing.files / "ark.docx"
    sharing.ok("arbejdsark", "--fase", "tjek", "--partner", "Ærø", "--ud", str(sheet))
    words = "\n".join(p.text for p in Document(str(sheet)).paragraphs)
    assert (
        "Svaret findes i flere udgaver, som ikke er afgjort endnu; rammen viser den, der gælder nu." in words
    )
    no_two(words)
    shown = flat(sharing.ok("vis", "--rolle", "genbruge", "--partner", "Ærø"))  # dele not shown
    assert "1 svar i dialogen findes i flere udgaver; afgør konflikten med:" in shown


def test_a_version_from_git_beside_a_partners_is_not_the_other_one(tmp_path, run_cli):
    """A git merge left a version ('' : from git) beside Ærø's: three versions, none "den anden"."""
    sharing, _ = start_hub(tmp_path, run_cli, {D1: "Odenses formål"})
    ws = workspace(sharing.home)

    def conflict(project, state):
        shared = dict(project.shared)
        shared[D1] = shared[D1]._replace(
            others=(Answer("Ærøs formål", source="aeroe-kommune"), Answer("Formål fra git", source=""))
        )
        return project._replace(shared=shared), state, None

    ws.store.transact(ws.slug(), conflict)
    shown = flat(sharing.ok("konflikter"))
    other = "En udgave fra en anden kopi af projektfilen"
    assert f"Ærø Kommunes udgave: Ærøs formål {other}: Formål fra git" in shown
    no_two(shown)


def test_a_file_that_settles_two_of_three_versions_says_the_third_still_waits(
    three_versions, tmp_path, run_cli
):
    """Fanø settles the action knowing Odense's version and its own; Ærø's still waits at Odense."""
    sharing, action, _ = three_versions
    fanoe = Org(tmp_path / "fanoe-kommune", tmp_path, run_cli)
    assert fanoe.import_(sharing.export("--partner", "fanoe-kommune"))[0] == 0
    fanoe.ok("plan", "ret", action, "--status", "færdig")  # settles it at Fanø

    code, out, err = sharing.import_(fanoe.export())

    assert code == 0, err
    said = flat(out)
    # Odense's own action, changed by Fanø's file: said with what it was and is, and that Ærø's waits
    waits = (
        "Jeres eget punkt, ændret af Fanø Kommune: var: Handling »Fælles workshop«: droppet,"
        " frist 20-12-2026, hvem: Odense nu: Handling »Fælles workshop«: færdig, frist 20-12-2026,"
        " hvem: Odense"
        " Delvis afgjort: 1 anden udgave venter stadig på en afgørelse."
    )
    assert waits in said
    no_two(said)
    project = sharing.project()
    item = next(i for i in followup.plan_items(project, project.partners[0]) if i.id == action)
    assert item.status == "færdig" and [o.status for o in item.others] == ["i-gang"]
    aeroe = Org(tmp_path / "aeroe-kommune", tmp_path, run_cli)  # Ærø's file then settles the rest
    assert aeroe.import_(sharing.export("--partner", "aeroe-kommune"))[0] == 0
    aeroe.ok("plan", "ret", action, "--status", "færdig")
    code, out, err = sharing.import_(aeroe.export())
    assert code == 0, err
    assert "Afgjort (den udgave, der gælder nu): Handling »Fælles workshop«: færdig" in flat(out)


def test_a_readiness_mark_in_three_versions_is_said_to_be_in_more_than_one(tmp_path, run_cli):
    """Two worksheets made at once, filled in differently, and Odense's own change: three marks."""
    tool = "tjek.beskriv-innovationen"
    ask = "Klarhed efter »Beskriv innovationen«: hvor klar er Odense Kommune?"
    sharing = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), answers={D1: "Formål"})
    sharing.ok("klarhed", tool, "gul", "--begrundelse", "Vi mangler tal")
    sheets = [sharing.files / name for name in ("a.docx", "b.docx")]
    for path in sheets:
        sharing.ok("arbejdsark", "--fase", "tjek", "--ud", str(path))
    sharing.ok("klarhed", tool, "rød", "--begrundelse", "Budgettet faldt")
    for path, colour in zip(sheets, ("grøn", "gul"), strict=True):
        sheet = Sheet.read(path)
        mark, reason = sheet.follow_titles(ask)
        sheet.fill(mark, colour)
        sheet.fill(reason, f"Ærøs {colour} begrundelse")
        sheet.save(path)
        assert sharing.import_(path)[0] == 0
    entry = sharing.project().record(("aeroe-kommune", f"klarhed:{tool}.dele"))
    assert [dict(o.fields)["farve"] for o in entry.others] == ["grøn", "gul"]  # beside Odense's rød

    again = sharing.files / "igen.docx"
    sharing.ok("arbejdsark", "--fase", "tjek", "--ud", str(again))
    words = "\n".join(p.text for p in Document(str(again)).paragraphs)
    assert (
        "Klarheden findes i flere udgaver, som ikke er afgjort endnu; felterne viser den, der gælder nu."
        in words
    )
    no_two(words)


def test_a_conflict_on_a_computer_with_no_side_names_ours_without_a_made_up_organisation(
    tmp_path, run_cli, monkeypatch
):
    """Found in a trial: with no side set here, our version was headed "Jeres udgave (jer)"."""
    sharing = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), answers={D1: "Første"})
    aeroe = Org(tmp_path / "aeroe", tmp_path, run_cli)
    assert aeroe.import_(sharing.export())[0] == 0
    aeroe.answer({D1: "Ærøs tekst"}, "--rolle", "dele")
    sharing.answer({D1: "Odenses tekst"})
    assert sharing.import_(aeroe.export())[0] == 0
    copy = Org(tmp_path / "kopi", tmp_path, run_cli)  # the file alone, as from a shared drive
    copy.home.mkdir()
    (copy.home / sharing.path.name).write_bytes(sharing.path.read_bytes())

    out = flat(copy.ok("konflikter"))

    assert "Jeres udgave: Odenses tekst" in out and "Ærø Kommunes udgave: Ærøs tekst" in out
    assert "(jer)" not in out

    monkeypatch.setattr("spredning.cli.commands.conflicts.is_interactive", lambda: True)
    run = typed(run_cli, CTRL_C, "--hjem", str(copy.home), "konflikter")  # the choice offered

    assert "Jeres udgave:" in flat(run.out) and " » Jeres\n" in run.screen and "(jer)" not in run.screen
