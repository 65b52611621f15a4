"""Refusals that say the way on: the line and the closest key of a hand-edited project file, an
action id put right, a reply imported twice, and a folder that cannot be written (another --ud,
another --hjem), each as the real program says it."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest


def flat(text: str) -> str:
    """Output with line wrapping undone: every run of blanks and line breaks as one space."""
    return " ".join(text.split())


@pytest.fixture
def example(tmp_path, run_cli) -> Path:
    """The example project (started with 'start --eksempel') in $SPREDNING_HJEM, this computer on the
    sharing side; its file."""
    for argv in (["start", "--eksempel"], ["projekt", "side", "dele"]):
        code, _, err = run_cli(*argv)
        assert code == 0, err
    (path,) = (tmp_path / "hjem").glob("*.yaml")
    return path


# --- a key mistyped by hand in a project file ------------------------------------------------------


def _mistyped(path: Path, right: str, wrong: str) -> tuple[bytes, int]:
    """The file with its first line `right` (a key and its colon, indented) written `wrong`; its line."""
    lines = path.read_bytes().split(b"\n")
    number = next(n for n, line in enumerate(lines) if line.startswith(right.encode()))
    lines[number] = lines[number].replace(right.encode(), wrong.encode(), 1)
    path.write_bytes(b"\n".join(lines))
    return path.read_bytes(), number + 1


@pytest.mark.parametrize(
    ("right", "wrong", "meant"),
    [
        ("svar:", "svr:", "svar"),
        ("  navn:", "  nvan:", "navn"),
        ("      version:", "      versoin:", "version"),
    ],
)
def test_a_mistyped_key_is_refused_with_its_line_and_the_key_meant(example, run_cli, right, wrong, meant):
    before, line = _mistyped(example, right, wrong)

    code, _, err = run_cli("status")

    assert code == 1
    assert f"{wrong.strip()[:-1]}' (kendte: " in flat(err)
    said = f"Mente du '{meant}'? Filen er ikke ændret. Ret nøglen på linje {line} i en teksteditor"
    assert said in flat(err)
    assert example.read_bytes() == before  # nothing lost, nothing rewritten
    assert sorted(p.name for p in example.parent.iterdir() if p.suffix != "") == [example.name]


def test_a_key_close_to_none_is_refused_with_its_line_alone(example, run_cli):
    before, line = _mistyped(example, "svar:", "zzzz:")

    code, _, err = run_cli("--sprog", "en", "vis")

    assert code == 1
    assert "Did you mean" not in err
    assert f"Correct the key on line {line} in a text editor to one of the known ones" in flat(err)
    assert example.read_bytes() == before


# --- an action's id mistyped -----------------------------------------------------------------------


def _action_ids(path: Path) -> list[str]:
    """The actions' ids in the project file, in its order (an action is a key of 8 hex digits)."""
    return re.findall(r"^ +([0-9a-f]{8}):$", path.read_text(encoding="utf-8"), flags=re.MULTILINE)


@pytest.mark.parametrize("after_options", [False, True], ids=["id-first", "id-after-options"])
def test_a_mistyped_action_id_is_put_right_in_the_users_own_command(example, run_cli, after_options):
    """Also with the id after the options ('plan ret --status færdig ID'), as Click takes it."""
    right = _action_ids(example)[0]
    wrong = right[:-1] + ("0" if right[-1] != "0" else "1")

    words = ("--status", "færdig", wrong) if after_options else (wrong, "--status", "færdig")
    code, _, err = run_cli("plan", "ret", *words)

    assert code == 2
    assert f"Der er ingen handling med id '{wrong}'." in flat(err)
    shown = f"--status færdig {right}" if after_options else f"{right} --status færdig"
    again = f"spredning plan ret {shown}"
    assert f"Mente du {right}? Fx: {again}" in flat(err)
    code, out, err = run_cli(*shlex.split(again)[1:])  # the command given runs, and does what was meant
    assert code == 0, err
    assert "(færdig)" in flat(out)


@pytest.mark.parametrize(("language", "after_options"), [("da", False), ("en", False), ("da", True)])
def test_an_id_begun_as_two_actions_begin_gives_each_ones_command(example, run_cli, language, after_options):
    """A user's trial (stop 38): 'Flere handlinger har et id, der begynder med ...' said only to type
    more of it. Each action's command is given whole, with what the action is, to run as it is; also
    with the id after an option (stop 38's note: it got the general hint to type more)."""
    first, second = _action_ids(example)[:2]
    twin = first[:4] + second[4:]  # the second action's id, begun as the first's
    text = example.read_text(encoding="utf-8")
    example.write_text(text.replace(f" {second}:", f" {twin}:"), encoding="utf-8")

    words = ("--droppet", first[:4]) if after_options else (first[:4], "--droppet")
    code, _, err = run_cli("--sprog", language, "plan", "luk", *words)

    assert code == 2
    lines = [line.strip() for line in err.splitlines()]
    prefix = f"spredning --sprog {language} "
    given = [line for line in lines if line.startswith(prefix)]
    shown = "plan luk --droppet {}" if after_options else "plan luk {} --droppet"
    assert given == [prefix + shown.format(first), prefix + shown.format(twin)], err
    whats = [line for line in lines if line.startswith("• ")]
    assert len(whats) == 2 and "Få hospitalet til" in whats[0], err  # what each action is, above its command
    code, out, err = run_cli(*shlex.split(given[1])[1:])
    assert code == 0, err
    assert "(droppet)" in flat(out) or "(dropped)" in flat(out)


def test_an_id_close_to_none_is_refused_with_the_ids_there_are(example, run_cli):
    code, _, err = run_cli("--sprog", "en", "plan", "luk", "zzz")

    assert code == 2
    ids = _action_ids(example)
    assert len(ids) > 3
    assert f"The actions' ids: {', '.join(ids[:3])}" in flat(err)
    assert "See the actions with 'spredning --sprog en plan'." in flat(err)


def test_an_id_in_an_empty_plan_says_how_to_add_one(run_cli):
    code, _, err = run_cli("start", "--navn", "Tom", "--rolle", "dele", "--organisation", "Nord")
    assert code == 0, err

    code, _, err = run_cli("plan", "ret", "abc", "--status", "færdig")

    assert code == 2
    assert "Planen har ingen handlinger endnu. Tilføj en med 'spredning plan tilføj'." in flat(err)


# --- a partner's reply imported a second time -----------------------------------------------------


def test_a_reply_imported_again_is_not_called_new_and_the_dry_run_says_the_same(tmp_path, run_cli):
    from exchange_kit import D1, G1, Org, start_sharing

    sharing = start_sharing(
        Org(tmp_path / "odense", tmp_path, run_cli), answers={D1: "Færre genindlæggelser"}
    )
    reusing = Org(tmp_path / "aeroe", tmp_path, run_cli)
    assert reusing.import_(sharing.export())[0] == 0
    reusing.answer({G1: "Det passer til os"})
    reply = reusing.export()
    first = flat(sharing.ok("importer", str(reply)))
    assert "Næste skridt: læs det nye svar fra Ærø Kommune" in first

    for dry in ([], ["--tør"]):  # not read yet: what the first import brought is still to read
        again = flat(sharing.ok("importer", str(reply), *dry))
        assert "Næste skridt" not in again and "nye svar" not in again
        assert "Filen bringer intet nyt: alt i den er hentet ind før." in again
        assert (
            "Det svar fra Ærø Kommune, som I hentede ind før, har I ikke læst endnu: spredning vis --nye"
            in again
        )

    sharing.ok("vis", "--nye")  # read: nothing is left to read
    for dry in ([], ["--tør"]):
        again = flat(sharing.ok("--sprog", "en", "importer", str(reply), *dry))
        assert "The file brings nothing new: all of it has been imported before." in again
        assert "See where the project stands with 'spredning --sprog en status'." in again
        assert "vis --nye" not in again


def test_a_reply_with_an_open_conflict_imported_again_says_so_alike_in_the_dry_run(tmp_path, run_cli):
    """A user's trial (stop 38): imported again, a reply whose conflict is still open was said by the
    import to leave the conflict to settle ('konflikter'), by the dry run to bring nothing and be
    read ('vis --nye'): the dry run told of another step than the import took. Both say the same."""
    from exchange_kit import D1, G1, Org, start_sharing

    sharing = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), answers={D1: "Vores formål"})
    reusing = Org(tmp_path / "aeroe", tmp_path, run_cli)
    assert reusing.import_(sharing.export())[0] == 0
    reusing.answer({G1: "Det passer til os"})
    reusing.answer({D1: "Ærøs udgave af formålet"}, "--rolle", "dele")
    reply = reusing.export()
    sharing.answer({D1: "Odenses nye udgave"})
    assert "1 konflikt" in flat(sharing.ok("importer", str(reply)))

    for dry in ([], ["--tør"]):
        again = flat(sharing.ok("importer", str(reply), *dry)).split("konflikter", 1)[1]
        assert "Filen bringer intet nyt: alt i den er hentet ind før." in again
        assert again.endswith("Der er 1 uafklaret konflikt; se og afgør den med 'spredning konflikter'.")
        assert "vis --nye" not in again and "spredning status" not in again


# --- a file to write where this user may not write ------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["rapport"],
        ["rapport", "--format", "html", "--ud", "rapport.html"],
        ["dagsorden"],
        ["plan", "--format", "csv"],
        ["arbejdsark"],
        ["eksport"],
    ],
    ids=lambda argv: "-".join(argv[:2]),
)
def test_a_file_refused_for_want_of_access_is_offered_in_the_home_folder(
    example, run_cli, tmp_path, monkeypatch, read_only, argv
):
    mine, shut = tmp_path / "mig", tmp_path / "faelles"
    mine.mkdir(), shut.mkdir()
    monkeypatch.setenv("HOME", str(mine))
    monkeypatch.chdir(shut)
    read_only(shut)

    code, _, err = run_cli(*argv)

    assert code == 1, err
    assert "(ingen tilladelse)" in flat(err) or "(ingen adgang)" in flat(err)  # chattr +i, or chmod
    _offered_again_runs(run_cli, flat(err), argv, mine, shut)


ON_THE_DRIVE = "Mappen ligger på et drev, der kun kan læses"


@pytest.mark.parametrize(
    "argv",
    [["eksport"], ["rapport"], ["rapport", "--format", "html", "--ud", "rapport.html"], ["dagsorden"]],
    ids=lambda argv: "-".join(argv[:2]),
)
def test_a_file_refused_on_a_read_only_drive_is_offered_in_the_home_folder(
    example, run_cli, tmp_path, monkeypatch, read_only_drive, argv
):
    """Trial41: in a working folder on a read-only drive (EROFS), 'eksport' and 'rapport' said 'Tjek
    pladsen på disken og din skriveadgang til mappen': no word of the drive, and no --ud, which a
    folder without access gets. Now the same command with --ud in the home folder, which runs."""
    mine, drive = tmp_path / "mig", tmp_path / "drev"
    mine.mkdir(), drive.mkdir()
    monkeypatch.setenv("HOME", str(mine))
    read_only_drive(drive)
    monkeypatch.chdir(drive)

    code, _, err = run_cli(*argv)

    assert code == 1, err
    said = flat(err)
    assert f"(drevet er skrivebeskyttet). Filen er ikke lavet. {ON_THE_DRIVE}" in said
    assert "pladsen på disken" not in said
    _offered_again_runs(run_cli, said, argv, mine, drive)


def test_a_read_only_drive_with_no_folder_to_offer_says_the_drive_not_the_disk_space(
    example, run_cli, tmp_path, monkeypatch, read_only_drive
):
    """The home folder is on the read-only drive too (no --ud to give): the words are of the drive,
    not 'Tjek pladsen på disken og din skriveadgang til mappen'."""
    drive = tmp_path / "drev"
    drive.mkdir()
    monkeypatch.setenv("HOME", str(drive))
    read_only_drive(drive)
    monkeypatch.chdir(drive)

    code, _, err = run_cli("eksport")

    assert code == 1, err
    said = flat(err)
    assert f"(drevet er skrivebeskyttet). Filen er ikke lavet. {ON_THE_DRIVE}: gem et sted" in said
    assert "pladsen på disken" not in said and "--ud" not in said


# --- a projects folder this user may not write in -------------------------------------------------

START = ["start", "--navn", "Nyt projekt", "--rolle", "dele", "--organisation", "Odense Kommune"]


@pytest.fixture
def mine(tmp_path, monkeypatch) -> Path:
    """This user's home folder, in tmp_path (nothing in it yet): where another projects folder can be."""
    folder = tmp_path / "mig"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    return folder


def _run_given(run_cli, err: str, home: Path) -> None:
    """The command the refusal gives (after 'fx:'), run as it is: the project is made in `home`."""
    said = re.search(r"\$SPREDNING_HJEM, (?:fx|e\.g\.): (spredning .*)$", flat(err))
    assert said is not None, err
    words = shlex.split(said.group(1))
    assert words == ["spredning", "--hjem", str(home), *START], said.group(1)
    code, _, err = run_cli(*words[1:])
    assert code == 0, err
    assert (home / "nyt-projekt.yaml").is_file()


@pytest.mark.parametrize("how", ["--hjem", "SPREDNING_HJEM"])
def test_a_projects_folder_not_to_be_written_offers_another_with_the_command(
    tmp_path, run_cli, monkeypatch, read_only, mine, how
):
    shared = tmp_path / "delt"
    shared.mkdir()
    read_only(shared)
    if how == "--hjem":
        code, _, err = run_cli("--hjem", str(shared), *START)
    else:
        monkeypatch.setenv("SPREDNING_HJEM", str(shared))
        code, _, err = run_cli(*START)

    assert code == 1
    assert f"Kan ikke skrive i mappen {shared}." in flat(err)
    assert "vælg en projektmappe, du må skrive i, med --hjem eller $SPREDNING_HJEM, fx:" in flat(err)
    assert list(shared.iterdir()) == []
    _run_given(run_cli, err, mine / "spredning")  # no data folder of the user's yet: one in the home folder


def test_the_users_own_data_folder_is_offered_first(tmp_path, run_cli, read_only, mine):
    shared, own = tmp_path / "delt", mine / ".local" / "share" / "spredning"
    shared.mkdir(), own.mkdir(parents=True)
    read_only(shared)

    code, _, err = run_cli("--sprog", "en", "--hjem", str(shared), *START)

    assert code == 1
    assert "choose a projects folder you may write in with --hjem or $SPREDNING_HJEM, e.g.:" in flat(err)
    assert f"e.g.: spredning --sprog en --hjem {own} start --navn" in flat(err)


def test_a_projects_folder_whose_helper_folder_is_writable_offers_another_too(
    tmp_path, run_cli, read_only, mine
):
    shared = tmp_path / "delt"
    (shared / ".spredning").mkdir(parents=True)  # the lock can be taken: the project file cannot be made
    read_only(shared)

    code, _, err = run_cli("--hjem", str(shared), *START)

    assert code == 1
    assert f"Kunne ikke gemme {shared / 'nyt-projekt.yaml'} (ingen " in flat(err)  # tilladelse, or adgang
    assert "Projektet er ikke lavet. Du har ikke lov at skrive i projektmappen" in flat(err)
    _run_given(run_cli, err, mine / "spredning")


def test_a_projects_folder_that_cannot_be_made_offers_another(tmp_path, run_cli, read_only, mine):
    shared = tmp_path / "delt"
    shared.mkdir()
    read_only(shared)

    code, _, err = run_cli("--hjem", str(shared / "projekter"), *START)

    assert code == 1
    assert "Du har ikke lov at lave projektmappen der" in flat(err)
    _run_given(run_cli, err, mine / "spredning")


def _read_only(read_only, home: Path) -> None:
    """`home` made read-only with its helper folder (a drive mounted read-only, a shared folder
    this user may only read), as on a computer that never locked its project: no lock file to open."""
    for lock in (home / ".spredning").glob("*.lock"):
        lock.unlink()
    read_only(home / ".spredning")
    read_only(home)


def _odense(run_cli, tmp_path: Path, text: str) -> Path:
    """Odense's file for Ærø (its project started the first time), with Odense's answer `text`."""
    theirs, sent = tmp_path / "odense", tmp_path / "fra-odense.yaml"
    started = theirs.is_dir()
    for argv in (
        [] if started else ["start", "--navn", "Ærø", "--rolle", "dele", "--organisation", "Odense Kommune",
                            "--genbruger", "Ærø Kommune", "--beskrivelse", "Genoptræning"],
        ["fase", "tjek", "--svar", str(_answers(tmp_path, "tjek.beskriv-innovationen.dele.formaal", text)),
         "--erstat"],
        ["eksport", "--ud", str(sent), "--overskriv"],
    ):  # fmt: skip
        if argv:
            code, _, err = run_cli("--hjem", str(theirs), *argv)
            assert code == 0, err
    return sent


def _answers(tmp_path: Path, qid: str, text: str = "Ja") -> Path:
    path = tmp_path / f"svar-{len(list(tmp_path.glob('svar-*')))}.yaml"
    path.write_text(f"{qid}: {text}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["fase tjek --svar", "importer"])
def test_a_project_in_a_folder_not_to_be_written_is_not_sent_to_another_folder(
    tmp_path, run_cli, read_only, mine, command
):
    """Trial41: an existing project in a read-only projects folder was refused with 'vælg en
    projektmappe, du må skrive i, med --hjem … fx: spredning --hjem ~/spredning …', which made a
    second project there, cut off from the real one (or failed: 'Mappen … findes ikke'). The way on
    is write access to the folder the project is in, or a drive that is not write-protected."""
    shared = tmp_path / "delt"
    code, _, err = run_cli("--hjem", str(shared), "importer", str(_odense(run_cli, tmp_path, "Fordi")))
    assert code == 0, err
    (path,) = shared.glob("*.yaml")
    if command == "importer":
        argv = ["importer", str(_odense(run_cli, tmp_path, "Fordi igen"))]
    else:
        answers = _answers(tmp_path, "tjek.beskriv-innovationen.genbruge.interessant")
        argv = ["fase", "tjek", "--svar", str(answers)]
    before = path.read_bytes()
    _read_only(read_only, shared)

    code, _, err = run_cli("--hjem", str(shared), *argv)

    assert code == 1, err
    said = flat(err)
    assert f"Kan ikke skrive i mappen {shared / '.spredning'}." in said, err
    assert f"Projektet ligger i projektmappen {shared}, så det er dér, du skal have lov at skrive" in said
    assert "tjek, at drevet ikke er skrivebeskyttet" in said  # a drive mounted read-only
    assert "--hjem" not in said and "SPREDNING_HJEM" not in said and "fx:" not in said
    assert path.read_bytes() == before
    assert not (mine / "spredning").exists()


def test_a_mistyped_tool_after_the_options_is_put_right_in_the_users_own_command(example, run_cli):
    """'klarhed --begrundelse … TOOL COLOUR': the tool is put right where it was typed, and runs."""
    code, _, err = run_cli("klarhed", "--begrundelse", "Vi mangler tal", "beskriv-innovationn", "gul")

    assert code == 2
    again = "spredning klarhed --begrundelse 'Vi mangler tal' 'Beskriv innovationen' gul"
    assert f"Fx: {again}" in flat(err), err
    code, out, err = run_cli(*shlex.split(again)[1:])
    assert code == 0, err
    assert "gul" in flat(out)


def test_a_value_typed_twice_is_not_guessed_at(example, run_cli):
    """'plan ret --hvem ID ID' with an unknown id: which word is the id is not known, so no command is
    offered with one of them changed; the ids there are are named instead."""
    right = _action_ids(example)[0]
    wrong = right[:-1] + ("0" if right[-1] != "0" else "1")

    code, _, err = run_cli("plan", "ret", "--hvem", wrong, wrong)

    assert code == 2
    assert "Fx:" not in flat(err) and f"Handlingernes id'er: {right}" in flat(err), err


@pytest.mark.parametrize(("wrong", "meant"), [("svr", "svar"), ("  nvan", "navn")])
def test_a_mistyped_key_in_a_format_1_file_is_refused_with_its_line_too(tmp_path, run_cli, wrong, meant):
    """A project file from the first program (format 1), edited by hand: its line, as a newer file's."""
    home = tmp_path / "hjem"
    home.mkdir(exist_ok=True)
    lines = [
        "format: '1'",
        "guideudgave: '2023'",
        "projekt:",
        "  navn: Gammelt projekt",
        "  deler: Odense Kommune",
        "  rolle: dele",
        "svar: {}",
    ]
    number = next(n for n, line in enumerate(lines) if line.lstrip().startswith(f"{meant}:"))
    lines[number] = lines[number].replace(meant, wrong.strip(), 1)
    path = home / "gammelt-projekt.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = path.read_bytes()

    code, _, err = run_cli("--projekt", "gammelt-projekt", "status")

    assert code == 1, err
    said = f"Mente du '{meant}'? Filen er ikke ændret. Ret nøglen på linje {number + 1} i en teksteditor"
    assert said in flat(err), err
    assert path.read_bytes() == before


def _offered_again_runs(run_cli, said: str, argv, mine, refused_in) -> None:
    """The refusal's command (--ud in the home folder `mine`), run as it is, writes the file there.

    Nothing was written where it was refused (`refused_in`).
    """
    found = re.search(r"fx i din hjemmemappe: (spredning .*)$", said)
    assert found is not None, said
    again = found.group(1)
    assert f" --ud {mine}/" in again and again.startswith(f"spredning {argv[0]} ")
    assert list(refused_in.iterdir()) == []

    code, out, err = run_cli(*shlex.split(again)[1:])  # the command given, run as it is

    assert code == 0, err
    (written,) = mine.iterdir()
    assert str(written) in flat(out)
