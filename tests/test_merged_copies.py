"""Answers merged in with 'projekt flet' stay this computer's own, noted in the project's own state.

Status and eksport tell whether a partner has had our changes only when every version in the
project came through this computer. Versions merged in from another project here carry that
project's copy id; they were recognised by reading the state notes of every project here, so once
the other project was removed (as 'projekt flet' suggests) its copy id was nobody's here and the
merged answers read as written elsewhere: "cannot tell". The merge now notes those copy ids in
the project's state (``flettet-ind``); a state from a program before the key falls back to the
other projects' copy ids (never claiming a partner has not had what this computer cannot know).
"""

from __future__ import annotations

import json
import shutil

import pytest
from exchange_kit import D1, G1, Org, V, flat, start_sharing
from test_project_merge import START, aeroe  # noqa: F401 (the fixture: 'Gammelt' and 'Delt' here)

from spredning.core import local, yamlio

pytestmark = pytest.mark.usefixtures("work_in_tmp")

NOT_HAD = "3 ændringer fra jer har partneren ikke fået endnu"
CANNOT_TELL = "kan ikke se, hvad de har fået"
SAME_TERMS = "tjek.kom-rundt-om-loesningen.genbruge.samme-vilkaar"


def _state(org: Org, slug: str) -> dict:
    return yamlio.loads((local.state_path(org.home, slug)).read_text(encoding="utf-8"))


def _as_older_program(org: Org, slug: str) -> None:
    """The project's state as a program from before ``flettet-ind`` wrote it: without the key."""
    data = _state(org, slug)
    data.pop("flettet-ind")
    local.state_path(org.home, slug).write_text(yamlio.dumps(data), encoding="utf-8")


def _unsent(org: Org) -> tuple[object, object]:
    [dialogue] = json.loads(org.ok("status", "--json"))["dialoger"]
    return dialogue["ikke_sendt"], dialogue["ikke_sendt_ukendt"]


def test_merged_answers_stay_ours_after_the_other_project_is_removed(aeroe):  # noqa: F811
    old_copy = aeroe.store.local("gammelt").copy
    aeroe.ok("projekt", "flet", "Gammelt")
    aeroe.ok("projekt", "fjern", "gammelt", "--ja")  # as the merge suggests

    said = flat(aeroe.ok("status"))

    assert NOT_HAD in said and CANNOT_TELL not in said
    assert _unsent(aeroe) == (3, False)
    assert _state(aeroe, "delt")["flettet-ind"] == [old_copy]
    said = flat(aeroe.ok("eksport"))
    assert "Det er projektets første fil mellem denne computer og Odense Kommune, så alt i den er nyt" in said


def test_a_new_state_notes_no_merge_and_reads_as_written(tmp_path, run_cli):
    org = Org(tmp_path / "aeroe", tmp_path, run_cli)
    org.ok("start", "--navn", "Delt", *START)
    org.answer({G1: "Lange ventelister"}, "--rolle", "genbruge")

    assert _state(org, "delt")["flettet-ind"] == []  # written, so an older file is told apart
    assert org.store.local("delt").merged == ()
    assert _unsent(org) == (1, False)


def test_an_older_state_falls_back_to_the_other_projects_here(aeroe):  # noqa: F811
    """Merged by a program before the key: the other project here still tells the versions ours;
    removed, nothing here can tell, and this computer says it cannot (never 'not had')."""
    aeroe.ok("projekt", "flet", "Gammelt")
    _as_older_program(aeroe, "delt")
    assert aeroe.store.local("delt").merged is None

    assert _unsent(aeroe) == (3, False)
    assert NOT_HAD in flat(aeroe.ok("status"))
    aeroe.ok("projekt", "fjern", "gammelt", "--ja")
    assert _unsent(aeroe) == (None, True)
    assert CANNOT_TELL in flat(aeroe.ok("status"))


def test_a_merge_into_an_older_state_notes_the_earlier_merges_too(aeroe):  # noqa: F811
    """The first merge by a program before the key, the second by this one: both projects' copy ids
    are noted, so removing both leaves the answers ours."""
    first = aeroe.store.local("gammelt").copy
    aeroe.ok("projekt", "flet", "Gammelt")
    _as_older_program(aeroe, "delt")
    aeroe.ok("start", "--navn", "Tredje", *START)
    aeroe.answer({SAME_TERMS: "Ja, i år"}, "--rolle", "genbruge")
    second = aeroe.store.local("tredje").copy
    aeroe.ok("projekt", "brug", "delt")
    aeroe.ok("projekt", "flet", "Tredje")

    assert set(_state(aeroe, "delt")["flettet-ind"]) == {first, second}
    aeroe.ok("projekt", "fjern", "gammelt", "--ja")
    aeroe.ok("projekt", "fjern", "tredje", "--ja")
    assert _unsent(aeroe) == (4, False)


def test_an_export_notes_the_merges_an_older_state_did_not(aeroe):  # noqa: F811
    first = aeroe.store.local("gammelt").copy
    aeroe.ok("projekt", "flet", "Gammelt")
    _as_older_program(aeroe, "delt")

    aeroe.ok("eksport")

    assert _state(aeroe, "delt")["flettet-ind"] == [first]


def test_a_state_file_lists_the_copies_merged_in_and_reads_them_back(tmp_path):
    state = local.LocalState(copy="abcd1234", merged=("0123abcd", "w0a1b2c3d4e5f6a7"))
    text = local.to_text(state)
    assert "flettet-ind:\n- 0123abcd\n- w0a1b2c3d4e5f6a7\n" in text
    assert local._from_data(yamlio.loads(text)).merged == state.merged
    merged = local.with_merged(state, ["abcd1234", "0123abcd", "feedbeef"]).merged
    assert merged == (*state.merged, "feedbeef")
    assert local.with_merged(state._replace(merged=None), []).merged == ()  # noted from now on


def test_a_partners_own_versions_merged_in_are_not_counted_as_ours(tmp_path, run_cli):
    """Odense's 'Gammelt' brought in Ærø's meeting from Ærø's file; merged into 'Delt', which has
    had no file to or from Ærø, the meeting is still Ærø's own, not a change of ours Ærø lacks:
    this computer cannot tell what Ærø has had there (it said Ærø had not had its own meeting)."""
    odense = Org(tmp_path / "odense", tmp_path, run_cli)
    partner = Org(tmp_path / "aeroe", tmp_path, run_cli)
    start_sharing(odense, name="Gammelt", answers={D1: "Færre genindlæggelser"})
    odense.answer({V: "Ærø bruger det"}, "--partner", "Ærø Kommune", phase="brug")  # its dialogue comes
    assert partner.import_(odense.export())[0] == 0
    partner.ok("møde", "--dato", "01-11-2026")
    assert odense.import_(partner.export())[0] == 0
    start_sharing(odense, name="Delt")
    odense.ok("projekt", "flet", "Gammelt")
    assert odense.project("delt").records  # the meeting came over

    assert _unsent(odense) == (None, True)
    assert CANNOT_TELL in flat(odense.ok("status"))


def test_a_damaged_merge_note_falls_back_to_the_other_projects_here(aeroe):  # noqa: F811
    """A `flettet-ind` item that cannot be read is not 'nothing merged': the other project here
    still tells the versions ours, as for a state from before the key, also once written again."""
    copy = aeroe.store.local("gammelt").copy
    aeroe.ok("projekt", "flet", "Gammelt")
    path = local.state_path(aeroe.home, "delt")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f"- {copy}\n", f"- {copy}: [\n"), encoding="utf-8")

    assert _unsent(aeroe) == (3, False)
    aeroe.answer({SAME_TERMS: "Ja, i år"}, "--rolle", "genbruge")  # the state written again
    assert _unsent(aeroe) == (4, False)
    assert NOT_HAD.replace("3", "4") in flat(aeroe.ok("status"))


def test_a_copied_folder_does_not_take_the_merges_as_its_own(aeroe, tmp_path):  # noqa: F811
    """The merge was the original copy's, as its own answers are: in a copy of the folder (a new copy
    id) the original may have sent them since, so the copy cannot tell (never 'not had')."""
    aeroe.ok("start", "--navn", "Ny", *START)
    aeroe.ok("projekt", "flet", "Gammelt")  # every version in 'Ny' is the merged one
    assert json.loads(aeroe.ok("status", "--json"))["dialoger"][0]["ikke_sendt"] == 3
    copied = Org(tmp_path / "kopi", aeroe.files, aeroe.run_cli)
    shutil.copytree(aeroe.home, copied.home)

    [dialogue] = json.loads(copied.ok("status", "--json"))["dialoger"]

    assert (dialogue["ikke_sendt"], dialogue["ikke_sendt_ukendt"]) == (None, True)
    assert CANNOT_TELL in flat(copied.ok("status"))
