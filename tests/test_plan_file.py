"""The follow-up in the project file (issue 15): exact round trips, validation like answers, and git.

Records are read with the same hardening as answers: known keys only, bounded counts, one-line
texts of bounded length, ISO dates, statuses and colours from fixed sets; a problem names the
place in the file in Danish and nothing is changed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from exchange_kit import LAYOUT, Org, flat
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_git import commit, git, sync

from spredning.app import plan
from spredning.app.workspace import Settings, Workspace
from spredning.core import followup, projectfile, projectwrite, yamlio
from spredning.core.errors import ProjectFileError
from spredning.core.model import Answer, Entry, Partner, Project
from spredning.i18n import render

PATH = Path("projekt.yaml")
PROJECT_ID = "5b0c7f9e-1c2d-4e3f-8a9b-0c1d2e3f4a5b"
PARTNER = Partner("aeroe-kommune", "Ærø Kommune")


def parse(text: str) -> Project:
    return projectfile.parse(yamlio.loads(text), "projekt", PATH, LAYOUT, "abcd1234").project


def written(project: Project) -> str:
    return projectwrite.serialise(project, LAYOUT, PATH).decode("utf-8")


# --- exact round trips ------------------------------------------------------------------------------

one_line = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=60).map(
    lambda text: " ".join(text.split())
)
vectors = st.dictionaries(
    st.sampled_from(["aaaa0001", "bbbb0002", "cccc0003"]), st.integers(1, 9), min_size=1
)


@st.composite
def actions(draw):
    values = followup.fields(
        hvad=draw(one_line.filter(bool)),
        hvem=draw(one_line),
        frist=draw(st.none() | st.dates().map(lambda d: d.isoformat())),
        status=draw(st.sampled_from(followup.STATUSES)),
        værktøj=draw(st.sampled_from(["", "fjern", "fjern.fjern-forhindringer"])),
    )
    return Answer(fields=values, version=tuple(sorted(draw(vectors).items())))


@st.composite
def projects(draw):
    records = {}
    for where in ("", PARTNER.key):
        section = {}
        for answer in draw(st.lists(actions(), max_size=3)):
            section[followup.record_key("plan", followup.new_id())] = Entry(answer)
        mark = Answer(
            fields=followup.fields(farve=draw(st.sampled_from(followup.COLOURS)), begrundelse=draw(one_line)),
            version=(("aaaa0001", 1),),
        )
        other = mark._replace(fields=followup.fields(farve="rød"), version=(("bbbb0002", 1),), source="dele")
        section["klarhed:tjek.beskriv-innovationen.genbruge"] = Entry(
            mark, (other,) if draw(st.booleans()) else ()
        )
        records[where] = section
    return Project(id=PROJECT_ID, slug="projekt", name="Prøve", partners=(PARTNER,), records=records)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(projects())
def test_records_round_trip_exactly_with_their_history(project):
    text = written(project)

    again = parse(text)

    assert again.records == project.records
    assert written(again) == text
    assert text.startswith("format: '3'\n")


def test_a_deleted_record_keeps_its_history():
    gone = Entry(Answer(version=(("aaaa0001", 2),)))
    project = Project(id=PROJECT_ID, slug="projekt", name="Prøve", records={"": {"plan:0123abcd": gone}})

    text = written(project)

    assert "0123abcd:\n        version:" in text
    assert parse(text).records == {"": {"plan:0123abcd": gone}}


# --- validation ---------------------------------------------------------------------------------------

HEAD = f"format: '3'\nid: {PROJECT_ID}\nprojekt:\n  navn: Prøve\n  genbrugere:\n    aeroe-kommune: Ærø\n"


def with_plan(item: str) -> str:
    return HEAD + "opfølgning:\n  genbruge:\n    aeroe-kommune:\n      plan:\n        0123abcd:\n" + item


def action(**values: str) -> str:
    """A plan item's lines in with_plan, 'hvad: x' and 'status: i-gang' unless given."""
    values = {"hvad": "x", "status": "i-gang", **values}
    return "".join(f"          {key}: {value}\n" for key, value in values.items() if value is not None)


FOLLOW = HEAD + "opfølgning:\n"
APPROVAL = "  dele:\n    godkendelser:\n      tjek.dele:\n        af: x\n        dato: '2026-01-01'\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (with_plan(action(status="snart")), "'status' skal være ikke-startet"),
        (with_plan(action(frist="31-12-2026")), "'frist' skal være en dato"),
        (with_plan(action(frist="'2026-02-30'")), "'frist' skal være en dato"),
        (with_plan(action(hvad=None)), "en påkrævet værdi mangler"),
        (with_plan(action(hvad="x" * 501)), "højst 500 tegn"),
        (with_plan(action(hvad='"to\\nlinjer"')), "'hvad' skal være én linje"),
        (with_plan(action(hvad="[liste]")), "alle værdier skal være tekster"),
        (with_plan(action(farve="rød")), "ukendt nøgle"),
        (with_plan(action(værktøj="../x")), "'værktøj' skal være fase.værktøj"),
        (with_plan(action(version="hvad")), "ugyldig 'version'"),
        (with_plan("          - liste\n"), "punktet skal bestå af linjer af formen 'navn: værdi'"),
        (FOLLOW + "  genbruge:\n    fanoe:\n      plan: {}\n", "hører til en organisation"),
        (FOLLOW + "  dele:\n    opgaver: {}\n", "ukendt nøgle 'opfølgning.dele.opgaver'"),
        (FOLLOW + "  dele:\n    plan:\n      ../x:\n        hvad: x\n", "ikke en gyldig nøgle"),
        (FOLLOW + "  dele:\n    klarhed:\n      tjek.dele:\n        farve: rød\n", "ikke en gyldig nøgle"),
        (FOLLOW + APPROVAL + "        svar: ikke-et-fingeraftryk\n", "'svar' skal være fingeraftryk"),
        (HEAD + "opfølgning: [1, 2]\n", "under 'opfølgning:' skal der stå indrykkede linjer"),
    ],
)
def test_a_bad_record_is_named_in_danish(text, expected):
    with pytest.raises(ProjectFileError) as caught:
        parse(text)

    assert expected in render(caught.value.message)


def test_too_many_records_in_a_section_are_refused():
    items = "".join(f"        {n:08x}:\n          hvad: x\n          status: i-gang\n" for n in range(1001))
    text = HEAD + "opfølgning:\n  dele:\n    plan:\n" + items

    with pytest.raises(ProjectFileError) as caught:
        parse(text)

    assert "har for mange punkter" in render(caught.value.message)


def test_a_format_2_file_with_follow_up_is_read_too():
    text = with_plan("          hvad: x\n          status: i-gang\n").replace("format: '3'", "format: '2'")
    assert [i.what for i in followup.plan_items(parse(text), PARTNER)] == ["x"]


def test_a_record_the_reader_would_refuse_is_not_written():
    bad = Entry(Answer(fields=followup.fields(hvad="x", status="snart")))
    project = Project(id=PROJECT_ID, slug="projekt", name="Prøve", records={"": {"plan:0123abcd": bad}})

    with pytest.raises(Exception) as caught:
        projectwrite.serialise(project, LAYOUT, PATH)

    assert caught.value.key == "project.cannot-write"


# --- git ------------------------------------------------------------------------------------------


@pytest.mark.e2e
@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_actions_added_in_two_clones_come_together(tmp_path, monkeypatch):
    """The same place in the file (the first action of a dialogue) is a git conflict that
    'konflikter' merges; actions in different places merge in git without a conflict."""
    origin = tmp_path / "origin.git"
    git(tmp_path, "init", "--bare", str(origin))
    odense, aeroe = Org(tmp_path / "odense", tmp_path), Org(tmp_path / "aeroe", tmp_path)
    git(tmp_path, "clone", str(origin), str(odense.home))
    odense.ok("start", "--navn", "Plan", "--deler", "Odense", "--genbruger", "Ærø Kommune", "--rolle", "dele")
    commit(odense, "start")
    git(odense.home, "push", "origin", "HEAD:main")
    git(tmp_path, "clone", str(origin), str(aeroe.home))
    aeroe.ok("projekt", "side", "genbruge")

    def add(org: Org, ident: str, what: str) -> None:
        monkeypatch.setattr(followup, "new_id", lambda: ident)
        ws = Workspace(Settings(home=str(org.home)))
        plan.add(ws, plan.Action(what), ws.store.load(org.slug).partners[0])
        commit(org, what)

    add(odense, "1111aaaa", "Odenses første")
    add(aeroe, "9999bbbb", "Ærøs første")
    pulled = sync(odense, aeroe)
    if pulled.returncode != 0:  # both wrote the dialogue's first plan lines in the same place
        assert "CONFLICT" in pulled.stdout
        assert "git havde efterladt en flettekonflikt" in flat(aeroe.ok("konflikter"))
        git(aeroe.home, "commit", "-am", "samlet")
    assert whats(aeroe) == ["Odenses første", "Ærøs første"]
    assert sync(aeroe, odense).returncode == 0

    add(odense, "0000cccc", "Odenses anden")
    add(aeroe, "ffffdddd", "Ærøs anden")
    pulled = sync(odense, aeroe)

    assert pulled.returncode == 0, pulled.stdout + pulled.stderr
    assert whats(aeroe) == ["Odenses anden", "Odenses første", "Ærøs anden", "Ærøs første"]


def whats(org: Org) -> list[str]:
    return sorted(i.what for i in followup.plan_items(org.project(), None, everywhere=True))
