"""A projects folder moved (renamed) on its drive is the same copy; one copied is a second copy.

A state read in another place got a new copy id, moved or copied: after a move, this computer then
said it "cannot tell" what a partner it never exchanged with has had, though nothing but this
folder ever held its changes. The helper folder's identity (computer, device, inode) tells the two
apart: a move keeps it, a copy gets another. A copy put back at the former place keeps the id there;
anything that cannot be told is a copy, as before (never 'not had' where another copy may have sent).
"""

from __future__ import annotations

import json
import os
import shutil

import pytest
from exchange_kit import G1, G2, Org, flat
from test_project_merge import START

from spredning.core import local, yamlio

pytestmark = pytest.mark.usefixtures("work_in_tmp")

NOT_HAD = "2 ændringer fra jer har partneren ikke fået endnu"
CANNOT_TELL = "kan ikke se, hvad de har fået"


@pytest.fixture
def aeroe(tmp_path, run_cli) -> Org:
    """Ærø's project with two answers, nothing sent yet (its state written, identity and all)."""
    org = Org(tmp_path / "aeroe", tmp_path, run_cli)
    org.ok("start", "--navn", "Delt", *START)
    org.answer({G1: "Lange ventelister", G2: "Ja"}, "--rolle", "genbruge")
    return org


def _unsent(org: Org) -> tuple[object, object]:
    [dialogue] = json.loads(org.ok("status", "--json"))["dialoger"]
    return dialogue["ikke_sendt"], dialogue["ikke_sendt_ukendt"]


def _at(org: Org, path) -> Org:
    return Org(path, org.files, org.run_cli)


def test_a_moved_folder_is_the_same_copy_and_knows_what_the_partner_has_not_had(aeroe, tmp_path):
    copy = aeroe.store.local("delt").copy
    moved = _at(aeroe, tmp_path / "flyttet" / "aeroe")
    moved.home.parent.mkdir()
    os.rename(aeroe.home, moved.home)

    said = flat(moved.ok("status"))

    assert NOT_HAD in said and CANNOT_TELL not in said
    assert _unsent(moved) == (2, False)
    assert moved.store.local("delt").copy == copy
    moved.answer({G1: "Lange ventelister, også om vinteren"}, "--rolle", "genbruge")
    state = yamlio.loads(local.state_path(moved.home, "delt").read_text(encoding="utf-8"))
    assert (state["kopi"], state["sted"].endswith(str(moved.home.resolve()))) == (copy, True)
    assert moved.project("delt").dialogues["aeroe-kommune"][G1].answer.version == ((copy, 2),)


def test_a_copied_folder_is_a_second_copy_that_cannot_tell(aeroe, tmp_path):
    copy = aeroe.store.local("delt").copy
    copied = _at(aeroe, tmp_path / "kopi")
    shutil.copytree(aeroe.home, copied.home)

    assert _unsent(copied) == (None, True)
    assert CANNOT_TELL in flat(copied.ok("status"))
    assert copied.store.local("delt").copy != copy
    assert _unsent(aeroe) == (2, False)  # the original is still what it was
    assert aeroe.store.local("delt").copy == copy


def test_a_copy_put_back_where_the_folder_was_keeps_the_id_there_and_the_moved_one_gets_another(
    aeroe, tmp_path
):
    """`mv aeroe gammel; cp -r gammel aeroe`: two folders, one id each, never the same one twice."""
    copy = aeroe.store.local("delt").copy
    old = _at(aeroe, tmp_path / "gammel")
    os.rename(aeroe.home, old.home)
    shutil.copytree(old.home, aeroe.home)

    assert aeroe.store.local("delt").copy == copy  # the same place as the state says
    assert old.store.local("delt").copy != copy
    assert _unsent(old) == (None, True)


def test_a_state_from_before_the_folders_identity_moved_is_taken_as_copied(aeroe, tmp_path):
    path = local.state_path(aeroe.home, "delt")
    data = yamlio.loads(path.read_text(encoding="utf-8"))
    data.pop("mappe")  # as a program before the key wrote it
    path.write_text(yamlio.dumps(data), encoding="utf-8")
    moved = _at(aeroe, tmp_path / "flyttet")
    os.rename(aeroe.home, moved.home)

    assert _unsent(moved) == (None, True)  # cannot be told from a copy: never 'not had'


def _damage_folder_identity(org: Org) -> None:
    """The state's `mappe:` line made unreadable (a bracket left open), as an editor slip would."""
    path = local.state_path(org.home, "delt")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("mappe: ", "mappe: [", 1), encoding="utf-8")


LATER = "Flyttes projektmappen senere"
NEW_ID = "Denne computer får et nyt id i svarenes historik"


def test_a_damaged_identity_line_in_a_moved_folder_says_the_id_is_new_now(aeroe, tmp_path):
    """The folder moved and its identity unreadable: a copy already, so the id changed now, not 'later'."""
    copy = aeroe.store.local("delt").copy
    _damage_folder_identity(aeroe)
    moved = _at(aeroe, tmp_path / "flyttet")
    os.rename(aeroe.home, moved.home)

    code, _, err = moved("fase", "tjek", "--rolle", "genbruge", "--svar", str(_answers(moved)), "--erstat")

    said = flat(err)
    assert code == 0 and moved.store.local("delt").copy != copy
    assert NEW_ID in said and LATER not in said


def test_a_damaged_identity_line_where_the_folder_is_promises_nothing_about_a_later_move(aeroe):
    """Not moved: the identity is written again with the state, so a later move keeps the id."""
    copy = aeroe.store.local("delt").copy
    _damage_folder_identity(aeroe)

    code, _, err = aeroe("fase", "tjek", "--rolle", "genbruge", "--svar", str(_answers(aeroe)), "--erstat")

    said = flat(err)
    assert code == 0 and aeroe.store.local("delt").copy == copy
    assert LATER not in said and NEW_ID not in said and "Intet: programmet har noteret" in said
    assert "mappe" in yamlio.loads(local.state_path(aeroe.home, "delt").read_text(encoding="utf-8"))


def _answers(org: Org):
    source = org.files / f"{org.home.name}-rettet.yaml"
    source.write_text(f"{G1}: Lange ventelister, rettet\n", encoding="utf-8")
    return source


def test_a_folder_moved_with_a_link_left_at_its_former_place_is_the_same_copy(aeroe, tmp_path):
    """`mv aeroe flyttet; ln -s flyttet aeroe`: the former place leads here, it holds no other copy."""
    copy = aeroe.store.local("delt").copy
    moved = _at(aeroe, tmp_path / "flyttet")
    os.rename(aeroe.home, moved.home)
    aeroe.home.symlink_to(moved.home, target_is_directory=True)

    assert _unsent(moved) == (2, False)
    assert moved.store.local("delt").copy == copy
    assert _unsent(aeroe) == (2, False)  # and by the link, which leads to the same folder
