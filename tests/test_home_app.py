"""app/home.py: what the home screen offers, in which order, for each situation (no terminal involved)."""

from __future__ import annotations

from datetime import date

from homekit import kinds
from projectkit import give, new_project

from spredning.app import home as app_home
from spredning.app import plan
from spredning.app.answering import Session
from spredning.app.exchange.exporting import export
from spredning.core.fileio import checksum
from spredning.core.model import Answer

ALWAYS = ["phase", "status", "answers", "report", "exchange", "followup", "projects", "guide", "quit"]
Q1 = "tjek.beskriv-innovationen.genbruge.interessant"
Q2 = "tjek.beskriv-innovationen.genbruge.samme-behov"


def send(ws, tmp_path) -> None:
    """Export to the partner (the file is written again each time), as 'eksport' does."""
    export(
        ws,
        role=None,
        partner_option=None,
        include_all=False,
        out=tmp_path / "ud.yaml",
        overwrite=True,
        today=date.today(),
    )


def test_the_first_run_offers_start_example_import_guide_quit(ws):
    found = app_home.home(ws)

    assert found.first_run and found.overview is None and found.problem is None
    assert kinds(ws) == ["start", "example", "import", "guide", "quit"]


def test_a_new_project_continues_at_its_first_question(ws):
    new_project(ws)

    found = app_home.home(ws)

    first = found.actions[0]
    assert [a.kind for a in found.actions] == ["answer", *ALWAYS]
    assert (first.phase.id, first.role, first.question.id) == ("tjek", "genbruge", Q1)
    assert found.overview.project.name == "Ærø Kommune"
    assert (found.overview.side, found.overview.organisation) == ("genbruge", "aeroe-kommune")
    assert (found.overview.done.answered, found.overview.done.total, found.overview.phase.id) == (
        0,
        45,
        "tjek",
    )


def test_the_next_question_follows_the_answers(ws):
    slug = new_project(ws, answers={Q1: "svar 1"})

    found = app_home.home(ws)

    assert found.actions[0].question.id == Q2
    assert found.overview.done.answered == 1
    assert slug


def test_a_draft_comes_before_the_next_question_and_replaces_it(ws):
    slug = new_project(ws)
    Session(ws, slug, "genbruge", ws.store.load(slug).partners[0]).keep_draft(
        ws.guide.find_phase("tjek").questions("genbruge")[1], "halvt"
    )

    found = app_home.home(ws)

    assert [a.kind for a in found.actions] == ["drafts", *ALWAYS]  # the draft's phase is the next one
    assert (found.actions[0].n, found.actions[0].phase.id) == (1, "tjek")


def test_without_a_side_choosing_it_comes_first(ws):
    new_project(ws, role=None)

    assert kinds(ws)[0] == "side"
    assert app_home.home(ws).overview.side is None
    assert [(a.role, a.name) for a in app_home.side_actions(ws)] == [
        ("dele", "Odense Kommune"),
        ("genbruge", "Ærø Kommune"),
    ]


def test_everything_answered_offers_sending_then_waiting_for_the_other_side_first(ws, tmp_path):
    """Our side answered and sent, theirs not: the wait is the one thing left, so it comes first
    (it opens status; 'Alt er besvaret' would not be true), and the report keeps its place."""
    slug = new_project(ws)
    give(ws, slug, {q.id: "svar" for q in ws.guide.questions() if q.id.split(".")[2] == "genbruge"})
    assert kinds(ws)[0] == "send"
    send(ws, tmp_path)

    found = app_home.home(ws)

    assert found.actions[0].kind == "wait"
    assert found.actions[0].done.answered == 0 and found.actions[0].done.total > 0
    assert "report" in kinds(ws) and "status" not in kinds(ws) and "done" not in kinds(ws)
    assert found.overview.phase is None


def test_everything_answered_on_both_sides_offers_the_report_first_and_not_twice(ws, tmp_path):
    slug = new_project(ws)
    give(ws, slug, {q.id: "svar" for q in ws.guide.questions()})
    send(ws, tmp_path)

    found = kinds(ws)

    assert found[0] == "done"
    assert "report" not in found


def test_an_action_past_its_deadline_comes_before_the_report_and_takes_its_place(ws, tmp_path):
    slug = new_project(ws)
    give(ws, slug, {q.id: "svar" for q in ws.guide.questions() if q.id.split(".")[2] == "genbruge"})
    partner = ws.store.load(slug).partners[0]
    late = plan.add(ws, plan.Action("Ring til Odense", due=date(2026, 1, 5)), partner)
    plan.add(ws, plan.Action("Senere", due=date(2099, 1, 5)), partner)
    send(ws, tmp_path)

    found = app_home.home(ws)

    with_follow_up = [*ALWAYS[:6], "agenda", *ALWAYS[6:]]  # the plan is what 'overdue' opens
    assert [a.kind for a in found.actions] == ["overdue", *with_follow_up]
    assert found.actions[0].n == 1
    plan.close(ws, late.id)
    send(ws, tmp_path)
    # then waiting for the other side is all that is left: first, and it opens the status
    assert kinds(ws) == [
        "wait",
        *[k for k in ALWAYS[:5] if k != "status"],
        "plan",
        *ALWAYS[5:6],
        "agenda",
        *ALWAYS[6:],
    ]


def test_the_plan_and_the_agenda_are_offered_once_the_follow_up_has_begun(ws):
    slug = new_project(ws)
    assert "plan" not in kinds(ws) and "agenda" not in kinds(ws)  # nothing to show yet
    plan.add(ws, plan.Action("Senere", due=date(2099, 1, 5)), ws.store.load(slug).partners[0])

    found = kinds(ws)

    assert found.index("exchange") < found.index("plan") < found.index("agenda") < found.index("projects")
    assert [a.value for a in app_home.agenda_actions(ws)] == ["docx", "pdf", "html", "md"]


def test_the_exchange_list_offers_a_worksheet(ws):
    new_project(ws)
    assert [a.kind for a in app_home.exchange_actions(ws)] == ["export", "worksheet", "import"]


def test_import_offers_a_returned_worksheet_and_our_own_files_only_once_changed(ws, tmp_path):
    slug = new_project(ws)
    folder = tmp_path / "ind"
    folder.mkdir()
    send(ws, folder)  # our own export, ud.yaml ... named by the test; give it an export's name
    sent = folder / "ud.yaml"
    own = folder / f"{slug}-til-dele.yaml"
    sent.rename(own)
    ws.store.update_local(slug, lambda s: s._replace(exports={str(own): s.exports[str(sent)]}))
    (folder / f"{slug}-arbejdsark-tjek.docx").write_bytes(b"PK word")
    (folder / "noter.docx").write_bytes(b"PK word")

    names = [a.name for a in app_home.import_actions(ws, folder)]

    assert names == [f"{slug}-arbejdsark-tjek.docx"]  # not our own unchanged export, not any .docx
    own.write_text(own.read_text(encoding="utf-8") + "# svar fra partneren\n", encoding="utf-8")
    assert sorted(a.name for a in app_home.import_actions(ws, folder)) == sorted(
        [f"{slug}-arbejdsark-tjek.docx", own.name]
    )


def test_a_project_that_cannot_be_read_is_said_and_the_rest_still_offered(ws):
    slug = new_project(ws)
    ws.store.path_for(slug).write_text("projekt: [ikke lukket\n", encoding="utf-8")

    found = app_home.home(ws)

    assert found.overview is None and not found.first_run
    assert found.problem is not None and found.problem.key.startswith("project.")
    assert kinds(ws) == ["projects", "start", "guide", "quit"]


def test_several_projects_and_none_active_asks_which(ws):
    new_project(ws, name="Første")
    new_project(ws, name="Anden")
    (ws.store.home / ".spredning" / "aktivt-projekt").unlink()

    found = app_home.home(ws)

    assert found.problem is not None and found.problem.key == "store.choose-project"
    assert [a.value for a in app_home.project_actions(ws) if a.kind == "use"] == ["anden", "foerste"]


def test_the_projects_list_marks_the_active_one_and_offers_the_example_until_it_exists(ws):
    new_project(ws, name="Første", answers={Q1: "svar"})
    new_project(ws, name="Anden")

    listed = app_home.project_actions(ws)

    assert [(a.kind, a.value, a.active) for a in listed] == [
        ("use", "anden", True),
        ("use", "foerste", False),
        ("start", None, False),
        ("example", None, False),
        ("merge", None, False),  # the same side in both: 'projekt flet' can bring answers over
        ("remove", None, False),  # a project no longer wanted: 'projekt fjern'
    ]
    assert (listed[1].name, listed[1].done.answered) == ("Første", 1)
    from spredning.app.projects import start_example

    start_example(ws)
    assert [a.kind for a in app_home.project_actions(ws)][-2:] == ["start", "remove"]


def test_the_phase_list_has_this_sides_progress_and_marks_the_current_phase(ws):
    new_project(ws, answers={Q1: "svar"})

    listed = app_home.phase_actions(ws)

    assert [(a.phase.id, a.role) for a in listed][:2] == [("tjek", "genbruge"), ("test", "genbruge")]
    assert len(listed) == 6
    assert (listed[0].done.answered, listed[0].done.total, listed[0].active) == (1, 14, True)
    assert not any(a.active for a in listed[1:])


def test_the_phase_list_without_a_side_has_both_sides(ws):
    new_project(ws, role=None)

    roles = {a.role for a in app_home.phase_actions(ws)}

    assert roles == {"dele", "genbruge"}


def test_report_formats_and_the_overview_only_for_the_sharing_side_with_several(ws):
    new_project(ws, role="dele", partners=("Ærø Kommune",))
    assert [a.value for a in app_home.report_actions(ws)] == ["docx", "pdf", "html", "md"]

    new_project(ws, name="Mange", role="dele", partners=("Ærø Kommune", "Fanø Kommune"))
    listed = app_home.report_actions(ws)

    assert [a.kind for a in listed][-1] == "report-overview"


def test_import_offers_files_that_look_like_a_partners_not_our_own_exports(ws, tmp_path):
    slug = new_project(ws)
    folder = tmp_path / "post"
    folder.mkdir()
    for name in ("aeroe-kommune-til-aeroe-kommune.yaml", "andet-fra-x.yaml", "noter.yaml", "til.txt"):
        (folder / name).write_text("x")
    (folder / "mappe-til-x.yaml").mkdir()
    ours = folder / "aeroe-kommune-fra-aeroe-kommune.yaml"
    ours.write_text("x")
    ws.store.update_local(slug, lambda s: s._replace(exports={str(ours): checksum(b"x")}))

    listed = app_home.import_actions(ws, folder)

    assert [a.name for a in listed] == ["aeroe-kommune-til-aeroe-kommune.yaml", "andet-fra-x.yaml"]
    assert listed[0].value == str(folder / "aeroe-kommune-til-aeroe-kommune.yaml")


def test_import_in_a_folder_that_cannot_be_read_offers_nothing(ws, tmp_path):
    assert app_home.import_actions(ws, tmp_path / "findes-ikke") == ()


def test_the_guide_list_is_the_overview_each_phase_and_the_whole(ws):
    listed = app_home.guide_actions(ws)

    assert [a.kind for a in listed] == ["guide-overview", *["guide-phase"] * 6, "guide-all"]


def test_an_answer_marked_not_relevant_counts_as_done(ws):
    slug = new_project(ws)
    give(ws, slug, {Q1: Answer(text="", not_relevant=True)})

    assert app_home.home(ws).overview.done.answered == 1


def test_the_use_case_has_no_terminal_in_it():
    # a web page could use it too: no rich, typer, questionary or cli code comes with it
    import subprocess
    import sys

    names = ("rich", "typer", "questionary", "prompt_toolkit", "spredning.cli")
    code = f"import sys, spredning.app.home; print([m for m in {names!r} if m in sys.modules])"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
