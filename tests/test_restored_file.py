"""A project file put back to an older copy of itself (a sync program's "restore previous version").

This computer remembers the highest count it gave each of its answers (local.py, ``givet``): a new
version never gets a count an older, different text has had, and a file holding older versions of
its answers than it gave is warned of, once, by whatever command opens the project next.
"""

from __future__ import annotations

import shutil

import pexpect
import pytest
import yaml
from exchange_kit import D1, D2, Org, flat, start_sharing
from terminal import COMMAND

from spredning.app.answering import Session, save_answers
from spredning.app.workspace import Settings, Workspace
from spredning.core import history
from spredning.core.model import Answer

pytestmark = pytest.mark.usefixtures("work_in_tmp")

QUESTION = "Hvad er formålet?"  # D1's text, as the warning names it
WARNING = "ser ud til at være skiftet ud med en ældre kopi"


@pytest.fixture
def sharing(tmp_path, run_cli) -> Org:
    return start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), reusers=("Ærø Kommune",))


def _count(org: Org, question: str) -> int:
    """This copy's count in the version of a shared answer, as the project file holds it."""
    state = yaml.safe_load((org.home / ".spredning" / f"{org.slug}.yaml").read_text(encoding="utf-8"))
    entry = yaml.safe_load(org.path.read_text(encoding="utf-8"))["svar"]["dele"][question]
    _, vector = history.parse(entry["version"])
    return dict(vector)[state["kopi"]]


def _put_back(org: Org, older) -> None:
    """What a sync program's restore does: an older copy of the file in its place (times and all)."""
    shutil.copy2(older, org.path)


def _restored(sharing: Org, tmp_path) -> None:
    """D1 saved as v1 and then v2; the file put back to its copy from after v1."""
    sharing.answer({D1: "Værdi v1"})
    shutil.copy2(sharing.path, tmp_path / "older.yaml")
    sharing.answer({D1: "Værdi v2"})
    _put_back(sharing, tmp_path / "older.yaml")


@pytest.mark.parametrize("command", [("status",), ("vis",), ("eksport", "--ud", "ud.yaml")])
def test_the_next_command_warns_that_the_file_went_back_naming_the_question(sharing, tmp_path, command):
    _restored(sharing, tmp_path)
    code, out, err = sharing(*command)
    assert code == 0, err + out
    assert WARNING in flat(err)
    assert QUESTION in flat(err)
    assert "versionshistorik" in flat(err)  # where the newer version may be
    code, out, again = sharing("status")  # told once, not at every command
    assert code == 0 and WARNING not in flat(again)
    assert yaml.safe_load(sharing.path.read_text(encoding="utf-8"))["svar"]["dele"][D1]["tekst"] == "Værdi v1"


def test_saving_from_a_file_warns_too(sharing, tmp_path):
    _restored(sharing, tmp_path)
    source = tmp_path / "andet.yaml"
    source.write_text(yaml.safe_dump({D2: "Noget andet"}, allow_unicode=True), encoding="utf-8")
    code, _out, err = sharing("fase", "tjek", "--svar", str(source))
    assert code == 0, err
    assert WARNING in flat(err) and QUESTION in flat(err)


def test_a_new_version_after_the_restore_gets_a_count_above_the_lost_one_and_is_exported(sharing, tmp_path):
    reusing = Org(tmp_path / "aeroe", tmp_path, sharing.run_cli)
    sharing.answer({D1: "Værdi v1"})
    shutil.copy2(sharing.path, tmp_path / "older.yaml")
    sharing.answer({D1: "Værdi v2"})
    lost = _count(sharing, D1)
    assert reusing.import_(sharing.export())[0] == 0
    _put_back(sharing, tmp_path / "older.yaml")
    sharing.answer({D1: "Værdi v3"})
    assert _count(sharing, D1) > lost
    code, out, err = sharing("eksport", "--ud", "tredje.yaml")
    assert code == 0, err
    assert "ingen ændringer" not in flat(out)
    sent = yaml.safe_load((tmp_path / "tredje.yaml").read_text(encoding="utf-8"))
    assert sent["svar"]["dele"][D1]["tekst"] == "Værdi v3"
    code, out, err = reusing.import_(tmp_path / "tredje.yaml")
    assert code == 0, err
    assert reusing.texts()[D1] == "Værdi v3"
    assert reusing.others() == {}  # an ordinary newer version, no conflict


def test_an_answer_edited_by_hand_in_the_restored_file_gets_a_count_above_the_lost_one(sharing, tmp_path):
    _restored(sharing, tmp_path)
    lost = 2
    text = sharing.path.read_text(encoding="utf-8").replace("tekst: Værdi v1", "tekst: Rettet i hånden")
    sharing.path.write_text(text, encoding="utf-8")
    sharing.answer({D2: "Noget andet"})  # a save writes the edit with its version
    assert _count(sharing, D1) > lost


def test_the_export_of_a_restored_file_sends_nothing_older_as_new(sharing, tmp_path):
    reusing = Org(tmp_path / "aeroe", tmp_path, sharing.run_cli)
    sharing.answer({D1: "Værdi v1"})
    shutil.copy2(sharing.path, tmp_path / "older.yaml")
    sharing.answer({D1: "Værdi v2"})
    assert reusing.import_(sharing.export())[0] == 0
    _put_back(sharing, tmp_path / "older.yaml")
    code, out, err = sharing("eksport", "--ud", "igen.yaml")
    assert code == 0, err
    assert "ingen ændringer" in flat(out)  # v1 is older than what they have: nothing new
    sharing.answer({D1: "Værdi v3"})
    assert "ingen ændringer" not in flat(sharing.ok("eksport", "--ud", "tredje.yaml"))


def test_legitimate_changes_are_not_warned_of(sharing, tmp_path):
    """A partner's import, deleting an answer in the program, removing a partner: no warning."""
    reusing = Org(tmp_path / "aeroe", tmp_path, sharing.run_cli)
    sharing.answer({D1: "Værdi v1", D2: "Slettes"})
    assert reusing.import_(sharing.export())[0] == 0
    reusing.ok("fase", "tjek", "--rolle", "dele", "--svar", str(_file(tmp_path, {D1: "Fra Ærø"})), "--erstat")
    code, _out, err = sharing.import_(reusing.export())
    assert code == 0 and WARNING not in flat(err)
    with sharing.at_home():
        ws = Workspace(Settings(home=str(sharing.home)))
        save_answers(
            Session(ws, sharing.slug, "dele", ws.store.load(sharing.slug).partners[0]),
            {D2: Answer()},
            replace_any=True,  # deleted in the program, as agreed
        )
    sharing.ok("projekt", "genbruger", "Fanø Kommune")
    sharing.ok(
        "fase",
        "tjek",
        "--rolle",
        "genbruge",
        "--partner",
        "Fanø Kommune",
        "--svar",
        str(_file(tmp_path, {"tjek.beskriv-innovationen.genbruge.interessant": "Ja"})),
    )
    sharing.ok("projekt", "fjern-genbruger", "Fanø Kommune", "--ja")
    assert D2 not in sharing.texts()
    for command in (("status",), ("vis",)):
        code, _out, err = sharing(*command)
        assert code == 0 and WARNING not in flat(err), err
    shutil.copy2(sharing.path, tmp_path / "older.yaml")  # and a file put back is still noticed
    sharing.answer({D1: "Værdi v2"})
    _put_back(sharing, tmp_path / "older.yaml")
    code, _out, err = sharing("status")
    assert WARNING in flat(err) and QUESTION in flat(err)


def test_a_project_copied_to_a_new_folder_is_not_warned_of(sharing, tmp_path):
    sharing.answer({D1: "Værdi v1"})
    shutil.copy2(sharing.path, tmp_path / "older.yaml")
    sharing.answer({D1: "Værdi v2"})
    copy = Org(tmp_path / "kopi", tmp_path, sharing.run_cli)
    shutil.copytree(sharing.home, copy.home)  # the whole folder, this computer's state too
    _put_back(copy, tmp_path / "older.yaml")
    code, _out, err = copy("status")
    assert code == 0 and WARNING not in flat(err)  # the copy is a new copy: its counts start afresh
    _put_back(sharing, tmp_path / "older.yaml")
    code, _out, err = sharing("status")
    assert code == 0 and WARNING in flat(err)  # where it was written, it is noticed


def _file(tmp_path, answers: dict) -> object:
    path = tmp_path / f"svar-{len(list(tmp_path.glob('svar-*')))}.yaml"
    path.write_text(yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.e2e
@pytest.mark.parametrize("args", [("fase", "tjek"), ()], ids=["interview", "home-screen"])
def test_the_interview_and_the_home_screen_warn_before_anything_is_asked(tmp_path, pseudo_terminal, args):
    """The installed command in a pseudo-terminal: the warning comes before the first question or menu."""
    from terminal import CTRL_C, person

    sharing = start_sharing(Org(tmp_path / "hjem", tmp_path), reusers=("Ærø Kommune",))  # installed
    _restored(sharing, tmp_path)
    child = pseudo_terminal(COMMAND, args, env=person(tmp_path, lines=40), rows=40, cwd=tmp_path)
    between = r"(?:\x1b\[[0-9;]*m| |\r?\n)+"  # each word of a warning is printed in its colour
    child.expect(between.join(["ældre", "kopi"]))
    child.expect(between.join(["Hvad", "er", r"formålet\?"]))
    child.expect_exact("Stop" if args else "Afslut")  # then where to begin, or the menu
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
    child.close()
    assert yaml.safe_load(sharing.path.read_text(encoding="utf-8"))["svar"]["dele"][D1]["tekst"] == "Værdi v1"


def test_a_count_given_twice_by_an_older_program_is_still_exported(sharing, tmp_path):
    """A file an older program wrote after a restore: v3's text under v2's version (its own checksum)."""
    sharing.answer({D1: "Værdi v2"})
    sharing.export()  # the partner is known to have v2
    data = yaml.safe_load(sharing.path.read_text(encoding="utf-8"))
    _, vector = history.parse(data["svar"]["dele"][D1]["version"])
    same = Answer(text="Værdi v3", version=vector)
    text = sharing.path.read_text(encoding="utf-8").replace("tekst: Værdi v2", "tekst: Værdi v3")
    text = text.replace(data["svar"]["dele"][D1]["version"], history.written(same))
    sharing.path.write_text(text, encoding="utf-8")
    out = sharing.ok("eksport", "--ud", "tredje.yaml")
    assert "ingen ændringer" not in flat(out)
    sent = yaml.safe_load((tmp_path / "tredje.yaml").read_text(encoding="utf-8"))
    assert sent["svar"]["dele"][D1]["tekst"] == "Værdi v3"


def _plan_count(org: Org, key: str) -> int:
    state = yaml.safe_load((org.home / ".spredning" / f"{org.slug}.yaml").read_text(encoding="utf-8"))
    record = yaml.safe_load(org.path.read_text(encoding="utf-8"))["opfølgning"]["dele"]["plan"][key]
    return dict(history.parse(record["version"])[1])[state["kopi"]]


@pytest.mark.parametrize("how", ["program", "by-hand"])
def test_an_action_changed_after_the_restore_gets_a_count_above_the_lost_one(sharing, tmp_path, how):
    out = sharing.ok("plan", "tilføj", "--hvad", "Ring til Ærø", "--hvem", "Bo", "--fælles")
    key = out.split("(id ")[1].split(")")[0]
    shutil.copy2(sharing.path, tmp_path / "older.yaml")
    sharing.ok("plan", "ret", key, "--hvem", "Anna")
    lost = _plan_count(sharing, key)
    _put_back(sharing, tmp_path / "older.yaml")
    code, _out, err = sharing("status")
    assert code == 0 and WARNING in flat(err)
    # named as people know it, not by its id, and not called an answer (a trial)
    assert "en nyere udgave af dette punkt i opfølgningen, end filen har nu:" in flat(err)
    assert "• Den fælles opfølgning · handlingen »Ring til Ærø«" in flat(err)
    if how == "program":
        sharing.ok("plan", "ret", key, "--hvem", "Carl")
    else:
        sharing.path.write_text(
            sharing.path.read_text(encoding="utf-8").replace("hvem: Bo", "hvem: Carl"), encoding="utf-8"
        )
        sharing.answer({D1: "Noget"})  # a save writes the edited action with its version
    assert _plan_count(sharing, key) > lost


def test_marks_approvals_and_meetings_lost_are_named_as_people_know_them(sharing, tmp_path):
    sharing.ok("møde", "--dato", "01-12-2026")
    shutil.copy2(sharing.path, tmp_path / "older.yaml")
    sharing.ok("klarhed", "Beskriv innovationen", "gul")
    sharing.ok("godkend", "tjek", "--af", "Ida Holm")
    sharing.ok("møde", "--ret", "--dato", "02-12-2026")
    added = sharing.ok("plan", "tilføj", "--hvad", "Ring til Ærø").split("(id ")[1].split(")")[0]
    _put_back(sharing, tmp_path / "older.yaml")

    err = flat(sharing("status")[2])

    assert "Denne computer har gemt nyere udgaver af disse 4, end filen har nu:" in err
    assert f"• Opfølgningen med Ærø Kommune · en handling, som filen ikke har nu (id {added})" in err
    # one partner: the sharing side's marks are kept in its dialogue
    assert "• Opfølgningen med Ærø Kommune · klarheden efter »Beskriv innovationen« (Vi vil dele)" in err
    assert "• Opfølgningen med Ærø Kommune · godkendelsen af fasen Tjek (Vi vil dele)" in err
    assert "• Opfølgningen med Ærø Kommune · mødet den 1. december 2026" in err  # as the file has it now


def test_the_file_put_back_again_after_a_save_is_warned_of_again(sharing, tmp_path):
    _restored(sharing, tmp_path)
    assert WARNING in flat(sharing("status")[2])
    sharing.answer({D1: "Værdi v3"})  # no command opens the project between this save and the restore
    _put_back(sharing, tmp_path / "older.yaml")
    code, _out, err = sharing("status")
    assert code == 0 and WARNING in flat(err) and QUESTION in flat(err)


def test_a_question_named_in_the_warning_wraps_under_its_own_text(sharing, tmp_path, monkeypatch):
    """At 80 columns a long place went on at the margin, below the bullet, as if a new paragraph."""
    _restored(sharing, tmp_path)
    monkeypatch.setenv("COLUMNS", "40")
    code, _out, err = sharing("status")
    assert code == 0, err
    lines = err.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("  • "))
    rest = lines[first + 1 : next(i for i, line in enumerate(lines) if line.startswith("Den nyere"))]
    assert rest and all(line.startswith("    ") for line in rest), err
    assert QUESTION in " ".join(" ".join(lines[first : first + 1 + len(rest)]).split())


@pytest.mark.e2e
def test_a_project_file_renamed_by_a_sync_program_and_imported_again_is_not_warned_of(tmp_path):
    """`mv X.yaml "X (1).yaml"`, then the import 'projekter' offers: nothing went back, nothing said.

    The import made the project anew, empty, before bringing the answers in: that empty file was
    checked against this computer's counts and warned of as an older copy, telling the user to put
    back a file that was not missing. The counts still hold after it: a true restore is warned of.
    """
    sharing = start_sharing(Org(tmp_path / "hjem", tmp_path), reusers=("Ærø Kommune",))  # installed
    sharing.answer({D1: "Værdi v1", D2: "Løsningen"})
    shutil.copy2(sharing.path, tmp_path / "older.yaml")
    sharing.answer({D1: "Værdi v2"})
    path, before = sharing.path, sharing.path.read_bytes()
    renamed = path.with_name(f"{path.stem} (1).yaml")
    path.rename(renamed)
    code, out, err = sharing("projekter")
    assert code == 0 and f'importer "{renamed}"' in flat(out + err), out + err
    code, out, err = sharing.import_(renamed)
    assert code == 0, err + out
    assert WARNING not in flat(err + out)
    assert path.read_bytes() == before
    renamed.unlink()  # moved out of the folder, as the hint says
    code, out, err = sharing("status")
    assert code == 0 and WARNING not in flat(err + out)
    _put_back(sharing, tmp_path / "older.yaml")  # and a true restore is still noticed
    code, _out, err = sharing("status")
    assert code == 0 and WARNING in flat(err) and QUESTION in flat(err)


@pytest.mark.e2e
def test_an_older_copy_imported_as_the_project_is_warned_of(tmp_path):
    """The project file gone and an older copy of it imported in its place: v2 is not in it, so it is said."""
    sharing = start_sharing(Org(tmp_path / "hjem", tmp_path), reusers=("Ærø Kommune",))  # installed
    sharing.answer({D1: "Værdi v1"})
    path = sharing.path
    older = path.with_name(f"{path.stem} (1).yaml")
    shutil.copy2(path, older)
    sharing.answer({D1: "Værdi v2"})
    path.unlink()
    code, out, err = sharing.import_(older)
    assert code == 0, err + out
    assert WARNING in flat(err) and QUESTION in flat(err)
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["svar"]["dele"][D1]["tekst"] == "Værdi v1"
    older.unlink()
    code, _out, err = sharing("status")
    assert code == 0 and WARNING not in flat(err)  # told once


@pytest.mark.parametrize("dry", [False, True], ids=["import", "dry-run"])
def test_an_older_copy_of_our_own_file_imported_beside_it_is_skipped_as_older_not_a_senders(tmp_path, dry):
    """No organisation sent it: its older answer is skipped as older, not said to be a sender's lag."""
    sharing = start_sharing(Org(tmp_path / "hjem", tmp_path), reusers=("Ærø Kommune",))
    sharing.answer({D1: "Værdi v1"})
    older = sharing.path.with_name(f"{sharing.path.stem} (1).yaml")
    shutil.copy2(sharing.path, older)
    sharing.answer({D1: "Værdi v2"})

    code, out, err = sharing.import_(older, *(["--tør"] if dry else []))

    assert code == 0, err + out
    said = flat(out)
    skipped = "Springes over" if dry else "Sprunget over"
    assert f"{skipped}: filen ({older.name}) har en ældre udgave af 1 svar, end I har her" in said, said
    assert "organisationen, der sendte filen" not in said and "havde ikke jeres seneste" not in said
    assert yaml.safe_load(sharing.path.read_text(encoding="utf-8"))["svar"]["dele"][D1]["tekst"] == "Værdi v2"


def test_a_save_in_another_window_between_reading_the_file_and_the_state_is_no_older_copy(
    sharing, monkeypatch
):
    """12 saves at once: one command read the file, another window saved file and state, then the
    first read the state, newer than the file it had read, and warned of an older copy put back
    (advice that, followed, would throw saved work away). It reads both again under the lock."""
    from spredning.core.store import Store

    sharing.answer({D1: "Værdi v1"})
    read_state = Store.local
    saved_between: list[bool] = []

    def another_window_saves_first(self, slug):
        if not saved_between:  # once, between this command's two reads
            saved_between.append(True)
            ws = Workspace(Settings(home=str(sharing.home)))
            session = Session(ws, sharing.slug, "dele", ws.store.load(sharing.slug).partners[0])
            save_answers(session, {D1: Answer("Værdi v2")}, replace_any=True)
        return read_state(self, slug)

    monkeypatch.setattr(Store, "local", another_window_saves_first)
    code, out, err = sharing("status")

    assert saved_between and code == 0, err
    assert WARNING not in flat(err)
    code, out, err = sharing("vis", "tjek")
    assert code == 0 and WARNING not in flat(err) and "Værdi v2" in flat(out)


@pytest.mark.e2e
def test_an_older_copy_put_back_while_the_interview_is_open_is_warned_of_at_the_next_save(
    tmp_path, pseudo_terminal
):
    """A trial: the file was put back to an older copy while a question was open; the answer saved
    next went into the older copy without a word, and the warning came only when the phase ended,
    after more answers had gone into it (which putting the newer copy back then throws away)."""
    from terminal import CTRL_C, ESC_ENTER, person

    sharing = start_sharing(Org(tmp_path / "hjem", tmp_path), reusers=("Ærø Kommune",))  # installed
    sharing.answer({D1: "Værdi v1"})
    shutil.copy2(sharing.path, tmp_path / "older.yaml")
    sharing.answer({D1: "Værdi v2"})  # another window's save
    child = pseudo_terminal(
        COMMAND, ("fase", "tjek", "--fortsæt"), env=person(tmp_path, lines=40), rows=40, cwd=tmp_path
    )
    child.expect_exact("[2/")  # the next open question
    _put_back(sharing, tmp_path / "older.yaml")
    child.send("Løsningen" + ESC_ENTER)
    between = r"(?:\x1b\[[0-9;]*m| |\r?\n)+"
    child.expect(between.join(["ældre", "kopi"]))  # at this save, not when the phase ends
    child.expect_exact("[3/")  # then the interview goes on
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
    child.close()
    saved = yaml.safe_load(sharing.path.read_text(encoding="utf-8"))["svar"]["dele"]
    assert saved[D2]["tekst"] == "Løsningen"
