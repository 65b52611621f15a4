"""Which partner's file to import, and what to do after: the home screen's list of files, ordered and
labelled by whom each file is for (app/home.py import_actions), and the next step an import ends with
(cli/commands/exchange.py). Driven through the real prompts (in-process) and the installed command.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import zipfile

import pytest
from exchange_kit import G1, Org, flat, installed, start_sharing
from homekit import DOWN, ENTER, ESC, PAUSE, QUIT, UP, exchange, go, interactive, typed
from projectkit import workspace
from worksheet_kit import Sheet, zipped

from spredning.app import home as app_home
from spredning.i18n import t

pytestmark = pytest.mark.usefixtures("work_in_tmp")  # exports without --ud land in the working folder

AEROE, FANOE = "aeroe-kommune", "fanoe-kommune"


@pytest.fixture
def post(tmp_path, run_cli):
    """Odense shares with Ærø and Fanø; every file goes through one folder (tmp_path), as a shared
    mail folder would have them: Ærø and Fanø have each imported their file, answered and exported;
    then Odense has sent each a new file. (odense, aerø, fanø)"""
    odense = start_sharing(
        Org(tmp_path / "odense", tmp_path, run_cli), reusers=("Ærø Kommune", "Fanø Kommune")
    )
    aeroe, fanoe = Org(tmp_path / "aeroe", tmp_path, run_cli), Org(tmp_path / "fanoe", tmp_path, run_cli)
    for org, key in ((aeroe, AEROE), (fanoe, FANOE)):
        odense.ok("eksport", "--partner", key)
        assert org.import_(tmp_path / f"genoptraening-aeroe-til-{key}.yaml")[0] == 0
        org.answer({G1: f"Svar fra {key}"})
        org.ok("eksport")
    odense.answer({"tjek.beskriv-innovationen.dele.formaal": "Færre genindlæggelser"})
    for key in (FANOE, AEROE):
        odense.ok("eksport", "--partner", key)
    return odense, aeroe, fanoe


def _age(path, seconds: int) -> None:
    """Make a file look `seconds` older than now (its modification time)."""
    stat = path.stat()
    os.utime(path, (stat.st_atime - seconds, stat.st_mtime - seconds))


def test_the_files_addressed_to_us_come_first_newest_first_and_the_others_say_whose(post, tmp_path):
    _, aeroe, _ = post
    ours = tmp_path / "genoptraening-aeroe-til-aeroe-kommune.yaml"
    older = tmp_path / "genoptraening-aeroe-til-aeroe-kommune-gammel.yaml"  # an earlier mail's file
    shutil.copy(ours, older)
    _age(older, 3600)
    own = tmp_path / "genoptraening-aeroe-fra-aeroe-kommune.yaml"
    kept = tmp_path / "kopi-af-vores-fra-aeroe-kommune.yaml"  # our own export, kept under another name
    shutil.copy(own, kept)

    listed = app_home.import_actions(workspace(aeroe.home), tmp_path)

    assert [(a.name, a.whose) for a in listed] == [
        (ours.name, "us"),
        (older.name, "us"),
        (kept.name, "own"),  # our unchanged export under its own name is left out, as before
        ("genoptraening-aeroe-til-fanoe-kommune.yaml", "other"),
        ("genoptraening-aeroe-fra-fanoe-kommune.yaml", "other"),
    ]
    assert listed[0].orgs == ("Odense Kommune", "Ærø Kommune")
    assert listed[3].orgs == ("Odense Kommune", "Fanø Kommune")
    assert listed[4].orgs == ("Fanø Kommune", "Odense Kommune")


def test_the_home_screen_offers_ours_first_and_labels_the_rest(post, tmp_path, monkeypatch, run_cli):
    _, aeroe, _ = post
    interactive(monkeypatch)
    ws = workspace(aeroe.home)
    monkeypatch.setenv("SPREDNING_HJEM", str(aeroe.home))

    run = typed(run_cli, exchange(ws, "import") + ENTER + PAUSE + QUIT)

    assert run.code == 0, run.err
    first = tmp_path / "genoptraening-aeroe-til-aeroe-kommune.yaml"
    # the file is in the current folder (tmp_path): named from here, as the user would type it
    assert f"Samme som: spredning importer {first.name}" in flat(run.out)
    assert str(first) not in flat(run.out)
    assert "Importeret fra Odense Kommune: 1 tilføjet" in flat(run.out)
    assert "genoptraening-aeroe-til-aeroe-kommune.yaml – til jer fra Odense Kommune" in run.screen
    from spredning.cli.render_home import title

    found = app_home.home(ws)
    shown = [title(found, a, 74) for a in app_home.import_actions(ws, tmp_path)]  # 80 columns
    assert shown == [  # the file just imported: said to be, and after the files not yet imported
        "genoptraening-aeroe-til-fanoe-kommune.yaml – til Fanø Kommune",
        "genoptraening-aeroe-fra-fanoe-kommune.yaml – til Odense Kommune",
        "genoptraenin…ommune.yaml – allerede hentet ind, til jer fra Odense Kommune",
    ]


def test_our_own_export_changed_since_is_labelled_as_ours(post, tmp_path):
    odense, _, _ = post
    for key in (AEROE, FANOE):  # the partners' answers read: Odense's own exports are what is left
        odense.ok("importer", str(tmp_path / f"genoptraening-aeroe-fra-{key}.yaml"))
    sent = tmp_path / "genoptraening-aeroe-til-fanoe-kommune.yaml"
    sent.write_text(sent.read_text(encoding="utf-8") + "# sendt\n", encoding="utf-8")

    listed = app_home.import_actions(workspace(odense.home), tmp_path)

    assert [(a.name, a.whose) for a in listed] == [
        (sent.name, "own"),
        ("genoptraening-aeroe-fra-fanoe-kommune.yaml", "brought"),  # imported: last; Fanø exported last
        ("genoptraening-aeroe-fra-aeroe-kommune.yaml", "brought"),
    ]
    from spredning.cli.render_home import title

    found = app_home.home(workspace(odense.home))
    assert title(found, listed[0], 74) == f"{sent.name} – jeres egen, til Fanø Kommune"


def test_a_first_run_names_each_files_sender_and_receiver(post, tmp_path):
    listed = app_home.import_actions(workspace(tmp_path / "ny"), tmp_path)

    named = {a.name: a.orgs for a in listed}
    assert named["genoptraening-aeroe-til-fanoe-kommune.yaml"] == ("Odense Kommune", "Fanø Kommune")
    assert {a.whose for a in listed} == {None}  # whose is ours is not known yet: only said
    from spredning.cli.render_home import title

    line = title(app_home.home(workspace(tmp_path / "ny")), listed[0], 74)
    assert " – fra " in line and " til " in line


# --- the next step after an import ------------------------------------------------------------------


def test_an_import_of_the_partners_answers_ends_with_reading_them(post, tmp_path):
    odense, _, _ = post
    odense.run_cli = None  # the installed command

    out = odense.ok("importer", str(tmp_path / "genoptraening-aeroe-fra-fanoe-kommune.yaml"))

    assert flat(out).endswith(
        "Næste skridt: læs det nye svar fra Fanø Kommune: spredning vis --nye --partner fanoe-kommune"
    )
    shown = odense.ok("vis", "--nye", "--partner", FANOE)
    assert "Svar fra fanoe-kommune" in shown


def test_the_next_step_in_the_english_edition_and_on_the_reusing_side(post, tmp_path):
    _, aeroe, _ = post

    code, out, err = installed(
        "importer",
        str(tmp_path / "genoptraening-aeroe-til-aeroe-kommune.yaml"),
        home=aeroe.home,
        cwd=tmp_path,
        env={"SPREDNING_SPROG": "en"},
    )

    assert code == 0, err
    assert flat(out).endswith("Next step: read the new answer from Odense Kommune: spredning vis --nye")


def test_an_import_with_a_conflict_names_the_conflicts_not_the_news(post, tmp_path):
    odense, aeroe, _ = post
    aeroe.answer({G1: "Ærøs nye tekst"})
    odense.answer({G1: "Odenses tekst"}, "--partner", AEROE, "--rolle", "genbruge")

    code, out, _ = odense("importer", "--ikke-interaktiv", str(aeroe.export()))

    assert code == 0
    assert "konflikter" in flat(out)
    assert "Næste skridt" not in out


def test_a_file_already_imported_is_said_to_be_brought_in_and_offered_after_the_new(
    post, tmp_path, monkeypatch, run_cli
):
    """Reported: the file just imported stayed at the top of the list; importing it again brings nothing."""
    _, aeroe, _ = post
    ours = tmp_path / "genoptraening-aeroe-til-aeroe-kommune.yaml"
    older = tmp_path / "genoptraening-aeroe-til-aeroe-kommune-gammel.yaml"  # an earlier mail's file
    older.write_text(ours.read_text(encoding="utf-8") + "# en tidligere mail\n", encoding="utf-8")
    _age(older, 3600)  # not a copy of the one imported (that would be brought in: nothing new in it)
    aeroe.ok("importer", str(ours))  # the newest, imported: it would be first
    interactive(monkeypatch)
    ws = workspace(aeroe.home)
    monkeypatch.setenv("SPREDNING_HJEM", str(aeroe.home))

    run = typed(run_cli, exchange(ws, "import") + ENTER + PAUSE + QUIT)  # the first file offered

    assert run.code == 0, run.err
    assert f"Samme som: spredning importer {older.name}" in flat(run.out)  # in the current folder
    assert "? Hvilken fil fra partneren? genoptraening-aeroe-ti…oe-kommune-gammel.yaml – til" in run.screen
    from spredning.cli.render_home import title

    listed = app_home.import_actions(ws, tmp_path)  # both imported now: last, newest first
    assert [(a.name, a.whose) for a in listed][-2:] == [(ours.name, "brought"), (older.name, "brought")]
    assert title(app_home.home(ws), listed[-2], 74) == (  # 80 columns: the name shortened to fit
        "genoptraenin…ommune.yaml – allerede hentet ind, til jer fra Odense Kommune"
    )

    ours.write_text(ours.read_text(encoding="utf-8") + "# sendt igen\n", encoding="utf-8")  # changed since
    listed = app_home.import_actions(workspace(aeroe.home), tmp_path)
    assert (listed[0].name, listed[0].whose) == (ours.name, "us")
    assert [(a.name, a.whose) for a in listed][-1] == (older.name, "brought")


def test_a_file_for_us_the_import_would_refuse_is_said_so_and_offered_after_the_replies(
    post, tmp_path, monkeypatch, run_cli
):
    """Found in stop 42's trial: the home screen's list offered a damaged worksheet (the newest, so
    first) as if it were a reply to read; only choosing it said it could not be read. It now comes
    after the files that would import, said to be one that cannot; choosing it says why."""
    _, aeroe, _ = post
    reply = tmp_path / "genoptraening-aeroe-til-aeroe-kommune.yaml"
    damaged = tmp_path / "genoptraening-aeroe-arbejdsark-genbruge.docx"  # cut short in the mail
    damaged.write_bytes(b"PK\x03\x04 ikke et helt Word-dokument")
    broken = tmp_path / "genoptraening-aeroe-til-aeroe-kommune-rettet.yaml"  # a reply spoilt by hand
    broken.write_text(reply.read_text(encoding="utf-8") + "svar: [\n", encoding="utf-8")
    _age(reply, 3600)  # the oldest: without judging, the two others came first
    from spredning.app.exchange.importable import offered

    ws = workspace(aeroe.home)
    assert [a.name for a in app_home.import_actions(ws, tmp_path)][:3] == [
        broken.name,
        damaged.name,
        reply.name,
    ]
    listed = offered(ws, (tmp_path,))
    assert [(a.name, a.whose) for a in listed][:3] == [
        (reply.name, "us"),
        (broken.name, "broken"),
        (damaged.name, "broken"),
    ]
    assert [a.whose for a in listed[3:]] == ["other", "other"]  # the rest as before
    interactive(monkeypatch)
    monkeypatch.setenv("SPREDNING_HJEM", str(aeroe.home))

    run = typed(run_cli, exchange(ws, "import") + DOWN * 2 + ENTER + PAUSE + QUIT)  # the worksheet

    assert run.code == 0, run.err
    chosen = f"? Hvilken fil fra partneren? {damaged.name} – kan ikke hentes ind"
    assert chosen in flat(run.screen)
    assert f"Samme som: spredning importer {damaged.name}" in flat(run.out)
    assert "er beskadiget og kan ikke læses som Word-dokument" in flat(run.out + run.err)
    from spredning.cli.render_home import title

    found = app_home.home(ws)
    assert [title(found, a, 74) for a in listed[:3]] == [  # 80 columns
        f"{reply.name} – til jer fra Odense Kommune",
        "genoptraening-aeroe-til-aeroe-kommune-rettet.yaml – kan ikke hentes ind",
        f"{damaged.name} – kan ikke hentes ind",  # the name whole, before the way to see why
    ]
    wide = f"{damaged.name} – kan ikke hentes ind (vælg den for at se hvorfor)"
    assert title(found, listed[2], 114) == wide


# --- a file of any name: typed, Tab completing its path ---------------------------------------------

TAB = "\t"


@pytest.fixture
def renamed(tmp_path, run_cli):
    """Odense's file for Ærø, saved by Ærø under a name of its own in the working folder (tmp_path),
    beside a folder whose name begins alike; Ærø's projects folder has nothing yet. (Ærø, the file)"""
    odense = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli))
    sent = odense.export("--partner", AEROE)
    saved = sent.rename(tmp_path / "svar fra Ærø.yaml")
    (tmp_path / "sendt").mkdir()
    return Org(tmp_path / "aeroe", tmp_path, run_cli), saved


def test_a_file_of_another_name_is_picked_by_its_path_and_tab_completes_it(renamed, monkeypatch, run_cli):
    """Reported: a partner's file saved under another name was not in the list, and its path had to
    be typed in full, name and all, with no Tab to complete it."""
    aeroe, saved = renamed
    interactive(monkeypatch)
    ws = workspace(aeroe.home)
    monkeypatch.setenv("SPREDNING_HJEM", str(aeroe.home))
    other = UP + ENTER  # the list's last line: another file
    # listed by its head (before a project, any partner's file); typed here, as one elsewhere would be
    assert [a.name for a in app_home.import_actions(ws, saved.parent)] == [saved.name]

    # the first file here sets who this computer is: asked, and Enter says the file's receiver is us
    run = typed(run_cli, go(ws, "import") + other + "sv" + TAB + ENTER + ENTER + PAUSE + QUIT)

    assert run.code == 0, run.screen[-3000:]
    assert "Tab fuldfører et fil- eller mappenavn" in run.screen
    assert "? Stien til filen fra partneren: svar fra Ærø.yaml" in run.screen
    assert "Samme som: spredning importer 'svar fra Ærø.yaml'" in flat(run.out)
    assert "Importeret fra Odense Kommune" in flat(run.out)
    assert aeroe.store.slugs() == ["genoptraening-aeroe"]


def first_from_the_list(run_cli, monkeypatch, org: Org):
    """The home screen's list of files to import, its first taken (Enter), as in a terminal; the run."""
    interactive(monkeypatch)
    monkeypatch.setenv("SPREDNING_HJEM", str(org.home))
    run = typed(run_cli, exchange(workspace(org.home), "import") + ENTER + PAUSE + QUIT)
    assert run.code == 0, run.err
    return run


def test_a_renamed_file_of_this_project_is_listed_by_its_head_and_imported_from_the_list(
    post, tmp_path, monkeypatch, run_cli
):
    """Reported: Odense's new file, saved by the browser as 'fil (1).yaml' (or renamed), was found
    only by typing its path. Its head says it is an export of this project for Ærø: it is listed
    as one, whatever its name; other files are not (another project's export, YAML not ours,
    a note), nor one too large to import."""
    _, aeroe, _ = post
    saved = (tmp_path / "genoptraening-aeroe-til-aeroe-kommune.yaml").rename(tmp_path / "fil (1).yaml")
    elsewhere = start_sharing(Org(tmp_path / "andet", tmp_path / "andet-ud", run_cli), name="Andet projekt")
    (tmp_path / "andet-ud").mkdir()
    elsewhere.export().rename(tmp_path / "fra kollega.yaml")  # an export of another project
    (tmp_path / "docker-compose.yml").write_text("services: {}\n", encoding="utf-8")
    (tmp_path / "noter.txt").write_text(saved.read_text(encoding="utf-8"), encoding="utf-8")
    big = saved.read_bytes() + b"# " + b"x" * (6 * 1024 * 1024) + b"\n"
    (tmp_path / "stor.yaml").write_bytes(big)
    ws = workspace(aeroe.home)

    listed = {a.name: (a.whose, a.orgs) for a in app_home.import_actions(ws, tmp_path)}

    assert listed[saved.name] == ("us", ("Odense Kommune", "Ærø Kommune"))
    assert not {"fra kollega.yaml", "docker-compose.yml", "noter.txt", "stor.yaml"} & set(listed)
    run = first_from_the_list(run_cli, monkeypatch, aeroe)
    assert "fil (1).yaml – til jer fra Odense Kommune" in run.screen
    assert "Samme som: spredning importer 'fil (1).yaml'" in flat(run.out)
    assert "Importeret fra Odense Kommune" in flat(run.out)


def test_a_folder_typed_for_the_file_is_said_to_be_one_and_esc_closes_the_names_first(
    renamed, monkeypatch, run_cli
):
    aeroe, _ = renamed
    interactive(monkeypatch)
    ws = workspace(aeroe.home)
    monkeypatch.setenv("SPREDNING_HJEM", str(aeroe.home))
    other = UP + ENTER
    # 's' and Tab: two names (the folder and the file) listed; Esc closes the list, not the prompt;
    # 'e' and Tab: the folder's name, refused as no file; Esc then goes back to the menu
    keys = go(ws, "import") + other + "s" + TAB + ESC + "e" + TAB + ENTER + ESC + QUIT

    run = typed(run_cli, keys)

    assert run.code == 0, run.err
    assert "Det er en mappe: sendt. Skriv resten af stien til filen i den" in " ".join(run.screen.split())
    assert "Samme som" not in run.out
    assert aeroe.store.slugs() == []


def test_tab_on_a_folder_adds_its_slash_so_the_next_tab_goes_on_inside_it(renamed, monkeypatch, run_cli):
    """trial5: Tab completed 'Mi' to 'Mine filer' with no '/', as a shell would add; the file's name
    typed next ('Mine filerfr') and its Tab found nothing."""
    aeroe, saved = renamed
    inside = saved.parent / "Mine filer"
    inside.mkdir()
    saved.rename(inside / "fra Odense.yaml")
    interactive(monkeypatch)
    ws = workspace(aeroe.home)
    monkeypatch.setenv("SPREDNING_HJEM", str(aeroe.home))

    us = ENTER  # the first file here sets who this computer is: Enter says it is us
    run = typed(run_cli, go(ws, "import") + UP + ENTER + "Mi" + TAB + "fr" + TAB + ENTER + us + PAUSE + QUIT)

    assert run.code == 0, run.screen[-3000:]
    assert "? Stien til filen fra partneren: Mine filer/fra Odense.yaml" in run.screen
    assert "Importeret fra Odense Kommune" in flat(run.out)


# --- the notes of imported files (the state's 'importeret') -------------------------------------

SLUG = "genoptraening-aeroe"


def _noted(org) -> list[str]:
    return list(org.store.local(SLUG).imported)


def _paths(*files) -> list[str]:
    return [str(path.resolve()) for path in files]  # as noted: the file itself, wherever named from


def test_the_notes_of_imported_files_keep_a_file_gone_by_its_checksum_and_a_changed_one_is_news(
    post, tmp_path
):
    """The notes are kept to the newest hundred (below); one of a file gone from its place is kept:
    the file may have been moved (its checksum knows it anywhere). A file changed since is news."""
    _, aeroe, _ = post
    ours = tmp_path / "genoptraening-aeroe-til-aeroe-kommune.yaml"
    kept, gone, changed = (tmp_path / f"{name}.yaml" for name in ("kept", "gone", "changed"))
    for copy in (kept, gone, changed):
        shutil.copy(ours, copy)
        aeroe.ok("importer", str(copy))
    assert _noted(aeroe)[-3:] == _paths(kept, gone, changed)
    gone.unlink()
    changed.write_text(changed.read_text(encoding="utf-8") + "# rettet\n", encoding="utf-8")

    aeroe.ok("importer", str(ours))

    assert _noted(aeroe)[-4:] == _paths(kept, gone, changed, ours)  # the newest last
    listed = {a.name: a.whose for a in app_home.import_actions(workspace(aeroe.home), tmp_path)}
    assert (listed[ours.name], listed[kept.name], listed[changed.name]) == ("brought", "brought", "us")


def test_the_notes_of_imported_files_keep_only_the_newest_hundred(post, tmp_path):
    from spredning.app.exchange.noting import file_stamp

    _, aeroe, _ = post
    old = tmp_path / "gamle"
    old.mkdir()
    files = [old / f"{n:03}.yaml" for n in range(150)]
    for path in files:
        path.write_text("x\n", encoding="utf-8")
    noted = dict(zip(_paths(*files), map(file_stamp, files), strict=True))  # imported, unchanged since
    assert aeroe.store.remember(SLUG, lambda state: state._replace(imported=noted))
    ours = tmp_path / "genoptraening-aeroe-til-aeroe-kommune.yaml"

    aeroe.ok("importer", str(ours))

    assert _noted(aeroe) == _paths(*files[51:], ours)


def test_files_whose_names_differ_only_at_the_end_stay_apart_when_shortened(post, tmp_path):
    """A browser saves a second download of a name as 'NAVN (1).yaml', and a worksheet's name ends
    in its phase: shortened at the end, two such files read the same in the list."""
    from rich.cells import cell_len

    from spredning.cli.render_home import title

    _, aeroe, _ = post
    ours = tmp_path / "genoptraening-aeroe-til-aeroe-kommune.yaml"
    again = tmp_path / "genoptraening-aeroe-til-aeroe-kommune (1).yaml"
    shutil.copy(ours, again)
    for phase in ("tjek", "test"):
        (tmp_path / f"genoptraening-aeroe-arbejdsark-aeroe-kommune-{phase}-genbruge.docx").write_bytes(b"")
    ws = workspace(aeroe.home)
    found = app_home.home(ws)

    shown = {a.name: title(found, a, 50) for a in app_home.import_actions(ws, tmp_path)}

    assert all(cell_len(line) <= 50 for line in shown.values()), shown
    assert len(set(shown.values())) == len(shown), shown
    assert "(1).yaml – til jer fra Odense Kommune" in shown[again.name]
    assert shown[ours.name].startswith("genoptraen")  # the start as well as the end
    assert "test-genbruge.docx" in shown["genoptraening-aeroe-arbejdsark-aeroe-kommune-test-genbruge.docx"]


def test_a_narrow_terminal_still_says_whose_each_file_is(post, tmp_path):
    """At 60 columns the words on whose a file is ('allerede hentet ind, til jer fra Odense Kommune')
    leave the name too little room: the name is shortened further, and the words stay (cut at
    their end where they must), rather than the whole line being cut after the name."""
    from rich.cells import cell_len

    from spredning.cli.render_home import title

    _, aeroe, _ = post
    ours = tmp_path / "genoptraening-aeroe-til-aeroe-kommune.yaml"
    aeroe.ok("importer", str(ours))
    ws = workspace(aeroe.home)
    found = app_home.home(ws)
    brought = next(a for a in app_home.import_actions(ws, tmp_path) if a.name == ours.name)

    shown = title(found, brought, 54)  # 60 columns

    assert cell_len(shown) <= 54, shown
    # reported: the line was cut at its end, in the sender's name ('… til jer f…'): the words between
    # the names give way instead, and the file's name is shortened in its middle
    assert shown.endswith(".yaml – hentet ind, fra Odense Kommune"), shown
    assert shown.startswith("genoptraen…")


def test_a_reply_for_us_the_import_would_refuse_names_its_sender_where_there_is_room():
    from spredning.app.home import Action
    from spredning.cli.render_home import title

    name = "genoptraening-aeroe-til-aeroe-kommune.yaml"
    action = Action("import", value=name, name=name, whose="broken", orgs=("Odense Kommune", "Ærø Kommune"))

    wide = title(None, action, 120)  # type: ignore[arg-type]  # a file's line needs no home
    narrow = title(None, action, 74)  # type: ignore[arg-type]

    assert wide == f"{name} – fra Odense Kommune, men kan ikke hentes ind (vælg den for at se hvorfor)"
    assert narrow == f"{name} – kan ikke hentes ind"


LONG = "Ringkøbing-Skjern Kommune"  # a long name, but a real one
LONGER = "Sønderborg Kommune, Sundhed og Omsorg"  # a department's, at 80 columns


@pytest.mark.parametrize(
    ("whose", "orgs", "said", "width"),
    [
        ("us", (LONG, "Ærø Kommune"), (" – ", f"fra {LONG}"), 54),
        ("brought", (LONG, "Ærø Kommune"), (" – hentet ind, ", f"fra {LONG}"), 54),
        ("own", ("Ærø Kommune", LONG), (" – jeres egen, ", f"til {LONG}"), 54),
        ("other", ("Ærø Kommune", LONG), (" – ", f"til {LONG}"), 54),
        ("us", (LONGER, "Ærø Kommune"), (" – ", f"fra {LONGER}"), 74),
        ("brought", (LONGER, "Ærø Kommune"), (" – hentet ind, ", f"fra {LONGER}"), 74),
        (None, (LONGER, "Ærø Kommune"), (" – ", f"fra {LONGER} til Ærø Kommune"), 74),
    ],
)
def test_a_long_senders_name_stays_whole_at_60_and_80_columns(whose, orgs, said, width):
    """Whose a file is keeps the organisations' names and that it was brought in whole: the file's
    name is shortened first, then the words between them ('allerede', 'til jer'), then the name
    further."""
    from rich.cells import cell_len

    from spredning.app.home import Action
    from spredning.cli.render_home import title

    name = "genoptraening-aeroe-til-aeroe-kommune (1).yaml"
    action = Action("import", value=name, name=name, whose=whose, orgs=orgs)

    shown = title(None, action, width)  # type: ignore[arg-type]  # a file's line needs no home

    assert cell_len(shown) <= width, shown
    status, names = said
    assert shown.endswith(names), shown
    assert status in shown, shown
    assert shown.startswith("ge") and "…" in shown, shown  # the file's name: shortened in its middle


def test_a_renamed_file_once_imported_is_listed_as_brought_in(renamed, monkeypatch, run_cli):
    """Reported: a file renamed away from the export names was never in the list, even once imported
    here; the computer's notes of imported files name it, so it is listed while it is there."""
    aeroe, saved = renamed
    interactive(monkeypatch)
    monkeypatch.setenv("SPREDNING_HJEM", str(aeroe.home))
    other = UP + ENTER
    first = typed(run_cli, go(workspace(aeroe.home), "import") + other + "sv" + TAB + ENTER + PAUSE + QUIT)
    assert "Importeret fra Odense Kommune" in flat(first.out), first.screen[-2000:]

    ws = workspace(aeroe.home)
    run = typed(run_cli, exchange(ws, "import") + ENTER + PAUSE + QUIT)  # the first file listed

    assert run.code == 0, run.err
    assert "svar fra Ærø.yaml – allerede hentet ind, til jer fra Odense Kommune" in run.screen
    assert "Samme som: spredning importer 'svar fra Ærø.yaml'" in flat(run.out)  # from the current folder
    listed = app_home.import_actions(ws, aeroe.home)  # not in the folders looked in: still found
    assert [(a.value, a.whose) for a in listed] == [(str(saved.resolve()), "brought")]

    saved.write_text(saved.read_text(encoding="utf-8") + "# sendt igen\n", encoding="utf-8")  # changed since
    listed = app_home.import_actions(workspace(aeroe.home), aeroe.home)
    assert [(a.name, a.whose) for a in listed] == [(saved.name, "us")]  # to import again, at the top

    saved.unlink()  # gone: nothing to offer
    assert app_home.import_actions(workspace(aeroe.home), aeroe.home) == ()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_typed_for_the_file_is_said_to_be_no_ordinary_file_not_missing(
    renamed, monkeypatch, run_cli, tmp_path
):
    aeroe, _ = renamed
    os.mkfifo(tmp_path / "rør")
    interactive(monkeypatch)
    ws = workspace(aeroe.home)
    monkeypatch.setenv("SPREDNING_HJEM", str(aeroe.home))

    run = typed(run_cli, go(ws, "import") + UP + ENTER + "rør" + ENTER + ESC + QUIT)

    assert run.code == 0, run.err
    said = " ".join(run.screen.split())
    assert (
        "Det er ikke en almindelig fil, men en navngiven pipe (FIFO), som intet program skriver til: rør"
        in said
    )
    assert "findes ikke" not in said
    assert aeroe.store.slugs() == []


def test_with_another_project_active_each_file_is_judged_for_its_own_project(
    post, tmp_path, run_cli, monkeypatch
):
    """A user trial: with the example project active, the list consulted only its state, so Ærø's own
    export was offered (and refused when chosen) and the file brought in already was not said to be."""
    _, aeroe, _ = post
    aeroe.ok("importer", str(tmp_path / "genoptraening-aeroe-til-aeroe-kommune.yaml"))
    aeroe.ok("start", "--eksempel")  # now the active project
    interactive(monkeypatch)
    ws = workspace(aeroe.home)
    monkeypatch.setenv("SPREDNING_HJEM", str(aeroe.home))

    listed = {a.name: a for a in app_home.import_actions(ws, tmp_path)}

    assert "genoptraening-aeroe-fra-aeroe-kommune.yaml" not in listed  # our own, unchanged: left out
    assert listed["genoptraening-aeroe-til-aeroe-kommune.yaml"].whose == "brought"
    assert listed["genoptraening-aeroe-til-fanoe-kommune.yaml"].whose == "other"
    assert {getattr(a, "into", None) for a in listed.values()} == {"Genoptræning Ærø"}  # where each goes
    order = [a.name for a in app_home.import_actions(ws, tmp_path)]
    brought = DOWN * order.index("genoptraening-aeroe-til-aeroe-kommune.yaml") + ENTER
    run = typed(run_cli, exchange(ws, "import") + brought + PAUSE + QUIT)

    assert run.code == 0, run.err
    assert "hentet ind, fra Odense Kommune (Genoptræning Ærø)" in run.screen  # the answered line, 80 columns
    assert "Import i projektet Genoptræning Ærø" in flat(run.out)  # where the import said it goes


def test_a_filled_worksheet_of_another_project_than_the_active_names_the_project_it_goes_into(
    tmp_path, run_cli
):
    """Found in this stop's trial: a filled worksheet of another project here was listed as if it were
    the active project's (an export's line names its project); importing it went into the other."""
    from worksheet_kit import Sheet

    from spredning.app.exchange.importable import offered
    from spredning.cli.render_home import title

    odense = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), name="Andet Projekt")
    sheet = tmp_path / "andet-projekt-arbejdsark-tjek.docx"
    odense.ok("arbejdsark", "--fase", "tjek", "--ud", str(sheet))
    Sheet.read(sheet).fill(4, "Ja, meget").save(sheet)
    start_sharing(odense, name="Det Aktive")  # now the active project
    ws = workspace(odense.home)

    [listed] = [a for a in offered(ws, (tmp_path,)) if a.name == sheet.name]

    assert (listed.whose, listed.into) == (None, "Andet Projekt")
    assert title(app_home.home(ws), listed, 74) == f"{sheet.name} – i projektet Andet Projekt"


@pytest.mark.parametrize("columns", [80, 60])
def test_a_byte_for_byte_copy_of_a_file_imported_is_listed_as_brought_in(
    post, tmp_path, monkeypatch, run_cli, columns
):
    """polish8: a mail's file saved twice ('… (1).yaml'), the first imported: the copy was listed
    'til jer', first, as a file with news; importing it brings nothing."""
    _, aeroe, _ = post
    ours = tmp_path / "genoptraening-aeroe-til-aeroe-kommune.yaml"
    aeroe.ok("importer", str(ours))
    again = tmp_path / "genoptraening-aeroe-til-aeroe-kommune (1).yaml"
    shutil.copyfile(ours, again)
    interactive(monkeypatch)
    monkeypatch.setenv("SPREDNING_HJEM", str(aeroe.home))
    monkeypatch.setenv("COLUMNS", str(columns))
    ws = workspace(aeroe.home)
    assert [(a.name, a.whose) for a in app_home.import_actions(ws, tmp_path)][-2:] == [
        (again.name, "brought"),
        (ours.name, "brought"),
    ]

    run = typed(run_cli, exchange(ws, "import") + UP + UP + UP + ENTER + PAUSE + QUIT, columns=columns)

    assert run.code == 0, run.err
    screen = run.screen.replace("\n", "")
    [chosen] = re.findall(r"\? Hvilken fil fra partneren\? (.+?)\? Hvilken fil", screen)
    assert "(1).yaml – " in chosen and "hentet ind" in chosen and "fra Odense Kommune" in chosen, chosen
    assert "(1).yaml – til jer" not in screen


def test_a_file_imported_and_then_moved_or_renamed_is_listed_as_brought_in(post, tmp_path, monkeypatch):
    """A trial: 'mv "fil (1).yaml" flyttet.yaml' after the import, and the file was listed first,
    'til jer', as one with news. The checksum noted at the import knows it under any name and in any
    folder, the first name gone; changed since, it is news again."""
    _, aeroe, _ = post
    ours = tmp_path / "genoptraening-aeroe-til-aeroe-kommune.yaml"
    aeroe.ok("importer", str(ours))
    elsewhere = tmp_path / "mail"
    elsewhere.mkdir()
    moved = elsewhere / "flyttet.yaml"
    ours.rename(moved)
    ws = workspace(aeroe.home)

    # (the folder the fixture's files were imported from is looked in too: its other files are listed)
    assert [(a.name, a.whose) for a in app_home.import_actions(ws, elsewhere) if a.name == moved.name] == [
        ("flyttet.yaml", "brought")
    ]
    again = moved.rename(tmp_path / "svar igen.yaml")  # and moved back, under a third name
    assert [(a.name, a.whose) for a in app_home.import_actions(ws, tmp_path) if a.name == again.name] == [
        (again.name, "brought")
    ]

    original = again.read_text(encoding="utf-8")
    again.write_text(original + "# sendt igen\n", encoding="utf-8")  # changed since
    assert [(a.name, a.whose) for a in app_home.import_actions(ws, tmp_path) if a.name == again.name] == [
        (again.name, "us")
    ]
    again.write_text(original, encoding="utf-8")  # and changed back: the content imported
    assert [(a.name, a.whose) for a in app_home.import_actions(ws, tmp_path) if a.name == again.name] == [
        (again.name, "brought")
    ]


@pytest.mark.parametrize("columns", [80, 60])
def test_the_project_a_file_goes_into_keeps_its_name_whole_in_the_list(
    post, tmp_path, monkeypatch, run_cli, columns
):
    """polish8: at 60 columns a file of a project other than the active one ended '(Genoptræning…':
    the file's name gives way first (to '…' at the most), the project's name stays whole."""
    _, aeroe, _ = post
    ours = tmp_path / "genoptraening-aeroe-til-aeroe-kommune.yaml"
    aeroe.ok("importer", str(ours))
    aeroe.ok(
        "start", "--navn", "Andet", "--deler", "Vejle Kommune", "--rolle", "genbruge", "--organisation", "Ærø"
    )
    interactive(monkeypatch)
    monkeypatch.setenv("SPREDNING_HJEM", str(aeroe.home))
    monkeypatch.setenv("COLUMNS", str(columns))
    ws = workspace(aeroe.home)
    assert [(a.name, a.whose) for a in app_home.import_actions(ws, tmp_path)][-1] == (ours.name, "brought")

    run = typed(run_cli, exchange(ws, "import") + UP + UP + ENTER + PAUSE + QUIT, columns=columns)

    assert run.code == 0, run.err
    screen = run.screen.replace("\n", "")
    [chosen] = re.findall(r"\? Hvilken fil fra partneren\? (.+?)\? Hvilken fil", screen)
    assert "hentet ind" in chosen and "fra Odense Kommune" in chosen, chosen
    assert chosen.endswith(("(Genoptræning Ærø)", " – i projektet Genoptræning Ærø")), chosen


def test_a_renamed_worksheet_of_this_project_is_listed_by_its_record_and_imported_from_the_list(
    post, tmp_path, monkeypatch, run_cli
):
    """A filled worksheet that Fanø saved as 'Svar fra Fanø.docx' was found only by typing its path,
    while a renamed export is listed by its head. A worksheet is known by its record (the custom XML
    part that names its project), read from the zip's directory and that small part alone: it is
    listed as one, whatever its name. Other .docx files are not: a Word document that is no worksheet,
    another project's worksheet, and one larger than a worksheet that can be imported (not opened)."""
    odense, _, _ = post
    made = tmp_path / "ark.docx"
    odense.ok("arbejdsark", "--fase", "tjek", "--partner", FANOE, "--ud", str(made))
    sheet = Sheet.read(made).fill(4, "Fanøs svar i arket")  # Fanø's first answer field (as in test_worksheet)
    made.unlink()
    sheet.save(tmp_path / "Svar fra Fanø.docx")
    plain = Sheet.read(tmp_path / "Svar fra Fanø.docx")
    plain.parts = {name: data for name, data in plain.parts.items() if not name.startswith("customXml/")}
    plain.save(tmp_path / "Referat.docx")  # a Word document, no worksheet
    big = tmp_path / "Stor.docx"
    film = {**Sheet(sheet.bytes()).parts, "word/media/film.bin": b"\0" * (26 * 1024 * 1024)}
    big.write_bytes(zipped(film, zipfile.ZIP_STORED))  # a worksheet with a pasted film, too large
    elsewhere = start_sharing(Org(tmp_path / "andet", tmp_path / "andet-ud", run_cli), name="Andet projekt")
    elsewhere.ok("arbejdsark", "--fase", "tjek", "--ud", str(tmp_path / "Andet ark.docx"))
    ws = workspace(odense.home)

    listed = [(a.name, a.whose) for a in app_home.import_actions(ws, tmp_path)]

    assert listed[0] == ("Svar fra Fanø.docx", "us")  # the newest file for us
    assert not {"Referat.docx", "Stor.docx", "Andet ark.docx"} & {name for name, _ in listed}
    run = first_from_the_list(run_cli, monkeypatch, odense)
    assert "Svar fra Fanø.docx" in run.screen
    assert "Samme som: spredning importer 'Svar fra Fanø.docx'" in flat(run.out)
    assert odense.texts(FANOE)[G1] == "Fanøs svar i arket"


def test_a_worksheet_imported_is_listed_as_brought_in_and_changed_since_as_new(
    post, tmp_path, monkeypatch, run_cli
):
    """Reported (trial): 'Svar fra Region.docx', a worksheet filled in by a partner and imported, was
    offered again as a file for us, never as brought in: only exports were noted as imported. A
    worksheet is noted the same way, listed last and said to be in already (at 60 columns too), until
    it is changed."""
    from rich.cells import cell_len

    from spredning.cli.render_home import title

    odense, _, _ = post
    made = tmp_path / "ark.docx"
    odense.ok("arbejdsark", "--fase", "tjek", "--partner", FANOE, "--ud", str(made))
    sheet = Sheet.read(made).fill(4, "Fanøs svar i arket")
    made.unlink()
    saved = tmp_path / "Svar fra Fanø.docx"
    sheet.save(saved)
    first_from_the_list(run_cli, monkeypatch, odense)
    assert odense.texts(FANOE)[G1] == "Fanøs svar i arket"
    ws = workspace(odense.home)

    listed = app_home.import_actions(ws, tmp_path)

    assert [(a.name, a.whose) for a in listed][-1] == (saved.name, "brought")
    again = DOWN * (len(listed) - 1) + ENTER  # chosen anyway: it brings nothing
    run = typed(run_cli, exchange(ws, "import") + again + PAUSE + QUIT)
    assert "Svar fra Fanø.docx – allerede hentet ind" in run.screen, run.screen[-3000:]
    narrow = title(app_home.home(ws), listed[-1], 34)  # narrower than the line: the name gives way
    assert cell_len(narrow) <= 34 and narrow.endswith(" – allerede hentet ind"), narrow
    _age(saved, -60)  # saved again since (another answer in it): to import again, first
    assert app_home.import_actions(ws, tmp_path)[0].whose == "us"


def test_importer_without_a_file_in_a_terminal_offers_the_home_screens_list(
    post, tmp_path, monkeypatch, run_cli
):
    """'spredning importer' without its file only refused, in a terminal too: the files the home
    screen offers are listed (newest for us first, 'En anden fil' last), the one picked imported as
    usual. Without a terminal it is still refused, with a file lying here as the example."""
    _, aeroe, _ = post
    monkeypatch.setenv("SPREDNING_HJEM", str(aeroe.home))
    listed = app_home.import_actions(workspace(aeroe.home), tmp_path)
    assert listed[0].name == "genoptraening-aeroe-til-aeroe-kommune.yaml"

    code, _, err = run_cli("importer")
    assert code == 2 and "spredning importer genoptraening-aeroe-til-aeroe-kommune.yaml" in flat(err)
    interactive(monkeypatch)
    run = typed(run_cli, ENTER, "importer")

    assert run.code == 0, run.err
    assert "Hvilken fil fra partneren?" in run.screen and "En anden fil (skriv stien)" in run.screen
    assert "Importeret fra Odense Kommune" in flat(run.out)
    assert app_home.import_actions(workspace(aeroe.home), tmp_path)[-1].whose == "brought"


def test_importer_ikke_interaktiv_without_a_file_asks_nothing_in_a_terminal_either(
    post, tmp_path, monkeypatch, run_cli
):
    """Found (trial): 'importer --ikke-interaktiv' ("Spørg ikke") without its file asked which file
    in a terminal, where a script waits for no question: refused as without a terminal, with the
    file lying here as the example, and nothing imported."""
    _, aeroe, _ = post
    monkeypatch.setenv("SPREDNING_HJEM", str(aeroe.home))
    before = aeroe.path.read_bytes()
    interactive(monkeypatch)
    run = typed(run_cli, ENTER, "importer", "--ikke-interaktiv")

    assert run.code == 2, run.screen
    assert "Hvilken fil fra partneren?" not in run.screen
    assert "spredning importer genoptraening-aeroe-til-aeroe-kommune.yaml" in flat(run.err)
    assert aeroe.path.read_bytes() == before


def test_a_file_line_too_long_for_60_columns_is_broken_between_words_not_cut(tmp_path, run_cli):
    """layout11: with a long project's name after the sender's, the line was cut at its end
    ('… (Digital genoptr…') at 60 columns, even in its shortest form. Now the rest of it goes on
    the next lines, broken between words and further in than a choice; chosen, it is one text.
    The installed command in a pseudo-terminal of 60 columns; a terminal emulator shows the list."""
    import pexpect
    from terminal import ANSI, COMMAND, TIMEOUT, person, rendered

    project = "Digital genoptræning med videokonsultationer i hjemmeplejen"
    odense = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), name=project)
    aeroe = Org(tmp_path / "aeroe", tmp_path, run_cli)
    assert aeroe.import_(odense.export())[0] == 0
    own = ["--deler", "Vejle Kommune", "--organisation", "Ærø Kommune"]
    aeroe.ok("start", "--navn", "Eget", "--rolle", "genbruge", *own)  # the active project now
    odense.answer({"tjek.beskriv-innovationen.dele.formaal": "Færre genindlæggelser"})
    sent = odense.export().rename(tmp_path / "svar-fra-odense.yaml")  # for the project not active
    env = {**person(tmp_path, lines=30), "SPREDNING_HJEM": str(aeroe.home), "COLUMNS": "60"}
    child = pexpect.spawn(
        str(COMMAND), env=env, cwd=str(tmp_path), encoding="utf-8", dimensions=(30, 60), timeout=TIMEOUT
    )
    child.logfile_read = io.StringIO()
    try:
        child.expect_exact("Afslut")
        child.send(exchange(workspace(aeroe.home), "import"))
        child.expect_exact(t("home.action.import-path"))  # the list's last line

        lines = rendered(child.logfile_read.getvalue(), 60, 30)
        first = next(n for n, line in enumerate(lines) if line.startswith(f" » {sent.name} – fra Odense"))
        drawn = [lines[first]]
        while lines[first + len(drawn)].startswith(" " * 5):  # the later lines: further in than a choice
            drawn.append(lines[first + len(drawn)])
        assert lines[first + len(drawn)].startswith("   fra-odense"), lines  # the next file's line
        said = f"{sent.name} – fra Odense Kommune ({project})"
        assert " ".join(line.strip(" »") for line in drawn) == said

        child.send(ENTER)  # chosen: one text, broken between words where the terminal needs it
        child.expect_exact("Importeret fra Odense Kommune")
        assert f"? Hvilken fil fra partneren? {said}" in flat(ANSI.sub("", child.logfile_read.getvalue()))
    finally:
        child.terminate(force=True)


def test_the_next_file_beside_one_imported_from_another_folder_is_offered_first(post, tmp_path):
    """A trial: the first file was imported by its path from Downloads; the partner's next one landed
    beside it as '… (1).yaml', and the list offered only the old one ("allerede hentet ind"). The
    folders files were imported from are looked in too."""
    odense, aeroe, _ = post
    downloads = tmp_path / "Downloads"
    downloads.mkdir()
    first = downloads / "genoptraening-aeroe-til-aeroe-kommune.yaml"
    shutil.move(tmp_path / "genoptraening-aeroe-til-aeroe-kommune.yaml", first)
    aeroe.ok("importer", str(first))
    odense.answer({"tjek.beskriv-innovationen.dele.formaal": "Kortere forløb"})
    odense.ok(
        "eksport",
        "--partner",
        AEROE,
        "--ud",
        str(downloads / "genoptraening-aeroe-til-aeroe-kommune (1).yaml"),
    )
    elsewhere = tmp_path / "arbejde"
    elsewhere.mkdir()
    ws = workspace(aeroe.home)

    # (the fixture's shared folder, which Ærø imported its first file from, is looked in too)
    listed = [(a.name, a.whose) for a in app_home.import_actions(ws, elsewhere) if "til-aeroe" in a.name]

    assert listed == [
        ("genoptraening-aeroe-til-aeroe-kommune (1).yaml", "us"),
        ("genoptraening-aeroe-til-aeroe-kommune.yaml", "brought"),
    ]
    shutil.rmtree(downloads)  # the folder gone: nothing from it, and no error
    assert [a for a in app_home.import_actions(ws, elsewhere) if "til-aeroe" in a.name] == []
