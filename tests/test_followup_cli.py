"""What klarhed, godkend, møde and plan say after they ran: what changed, for which dialogue, and
nothing claimed when nothing happened (the file then stays as it was).
"""

from __future__ import annotations

import pytest
from exchange_kit import D1, Org, flat, start_sharing
from homekit import CTRL_C, CTRL_D, DOWN, ENTER

from spredning.core import followup

pytestmark = pytest.mark.usefixtures("work_in_tmp")


@pytest.fixture
def sharing(tmp_path, run_cli) -> Org:
    """The sharing side (Odense) of a project with two reusing organisations."""
    return start_sharing(
        Org(tmp_path / "odense", tmp_path, run_cli),
        reusers=("Ærø Kommune", "Fanø Kommune"),
        answers={D1: "Færre genindlæggelser"},
    )


@pytest.fixture
def aeroe(tmp_path, run_cli, sharing) -> Org:
    """Ærø, the reusing side, after its first file from Odense."""
    org = Org(tmp_path / "aeroe", tmp_path, run_cli)
    assert org.import_(sharing.export("--partner", "Ærø Kommune"))[0] == 0
    return org


# --- hints on the reusing side -------------------------------------------------------------------------


def test_the_reusing_side_is_never_told_to_name_its_own_dialogue(sharing, aeroe):
    aeroe.ok("projekt", "genbruger", "Vejle Kommune")  # its file now lists a second partner

    assert "--partner" not in aeroe.ok("plan")
    aeroe.ok("plan", "tilføj", "--hvad", "Book et møde")
    assert "--partner" not in aeroe.ok("plan")
    assert "--partner" not in aeroe.ok("klarhed")
    for command in (("klarhed", "beskriv-innovationen"), ("godkend", "tjek")):
        code, _, err = aeroe(*command)
        assert code == 2 and "--partner" not in err
    assert "--partner" not in aeroe.ok("dagsorden")
    assert "--partner" not in aeroe.ok("møde", "--dato", "01-01-2026")
    code, _, err = aeroe("møde", "--dato", "01-01-2025")
    assert code == 2 and "--ret" in err and "--partner" not in err

    assert "spredning plan tilføj --partner fanoe-kommune" in flat(sharing.ok("plan", "--partner", "Fanø"))


# --- nothing to withdraw or remove: said so, exit 0, the file as it was ---------------------------------


def test_withdrawing_an_approval_twice_says_the_second_time_there_was_none(sharing):
    sharing.ok("godkend", "test", "--partner", "Fanø", "--af", "Eva Jensen")

    first = sharing.ok("godkend", "test", "--partner", "Fanø", "--fortryd")
    before = sharing.path.read_bytes()
    code, out, err = sharing("godkend", "test", "--partner", "Fanø", "--fortryd")

    assert "Godkendelsen af fasen Test er trukket tilbage (dialogen med Fanø Kommune)." in flat(first)
    assert (code, err) == (0, "")
    assert flat(out) == (
        "Fasen Test har ingen godkendelse at trække tilbage (dialogen med Fanø Kommune); intet er ændret."
    )
    assert sharing.path.read_bytes() == before


def test_in_english_a_phase_never_approved_has_nothing_to_withdraw(sharing):
    before = sharing.path.read_bytes()

    code, out, err = sharing("--sprog", "en", "godkend", "harvest", "--fælles", "--fortryd")

    assert (code, err) == (0, "")
    assert "has been withdrawn" not in out
    said = flat(out)
    assert said.startswith("The Harvest phase has no approval to withdraw") and "nothing has changed" in said
    assert sharing.path.read_bytes() == before


def test_withdrawing_for_one_dialogue_says_the_common_approval_still_applies(sharing):
    sharing.ok("godkend", "test", "--fælles", "--af", "Eva Jensen")
    before = sharing.path.read_bytes()

    out = flat(sharing.ok("godkend", "test", "--partner", "Fanø", "--fortryd"))

    assert "har ingen godkendelse at trække tilbage (dialogen med Fanø Kommune)" in out
    assert "Den fælles godkendelse for alle dialoger gælder stadig." in out
    assert "spredning godkend test --fortryd --fælles" in out
    assert sharing.path.read_bytes() == before


@pytest.mark.parametrize("columns", ["60", "80"])
def test_the_command_that_withdraws_the_common_approval_is_one_line(sharing, monkeypatch, columns):
    """polish8: the hint was printed as plain text, which broke its command over two lines at 60 columns."""
    sharing.ok("godkend", "test", "--fælles", "--af", "Eva Jensen")
    monkeypatch.setenv("COLUMNS", columns)

    slug = sharing.path.stem  # named with --projekt: the command names it too, and is longer

    out = sharing.ok("--projekt", slug, "godkend", "test", "--partner", "Fanø", "--fortryd")

    again = f"'spredning godkend test --fortryd --fælles --projekt {slug}'"
    assert any(again in line for line in out.splitlines()), out


def test_approving_again_as_before_says_it_was_approved_already(sharing):
    sharing.ok("godkend", "test", "--af", "Mette", "--dato", "02-03-2026", "--partner", "Fanø")
    before = sharing.path.read_bytes()

    code, out, err = sharing("godkend", "test", "--af", "Mette", "--dato", "02-03-2026", "--partner", "Fanø")

    assert (code, err) == (0, "")
    said = flat(out)
    assert said.startswith(
        "Fasen Test er allerede godkendt af Mette den 2. marts 2026 (dialogen med Fanø Kommune); "
        "intet er ændret."
    )
    assert "er godkendt af" not in said
    assert sharing.path.read_bytes() == before


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("da", "Fasen Tjek er godkendt af Søren Ø den 2. marts 2026 (fælles for alle dialoger)."),
        ("en", "approved by Søren Ø on 2 March 2026 (common to all dialogues)."),
    ],
)
def test_an_approval_says_who_approved_it_on_which_day(sharing, language, expected):
    """Found in a trial: 'godkendt af Søren Ø 2. december 2026' reads better with 'den' before the day."""
    args = ("godkend", "tjek", "--af", "Søren Ø", "--dato", "02-03-2026", "--fælles")

    out = flat(sharing.ok("--sprog", language, *args))

    assert expected in out


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("da", "Den erstatter den tidligere godkendelse af Mette den 2. marts 2026."),
        ("en", "It replaces the earlier approval by Mette on 2 March 2026."),
    ],
)
def test_an_approval_by_someone_else_says_whose_it_replaces(sharing, language, expected):
    sharing.ok("godkend", "test", "--af", "Mette", "--dato", "02-03-2026", "--partner", "Fanø")

    out = flat(sharing.ok("--sprog", language, "godkend", "test", "--af", "Hans", "--partner", "Fanø"))

    assert expected in out
    out = flat(sharing.ok("godkend", "test", "--af", "Eva", "--partner", "Ærø"))  # Ærø had none
    assert "Fasen Test er godkendt af Eva" in out and "erstatter" not in out


def test_removing_a_mark_twice_says_the_second_time_there_was_none(aeroe):
    aeroe.ok("klarhed", "Beskriv innovationen", "rød")

    first = aeroe.ok("klarhed", "Beskriv innovationen", "--fjern")
    before = aeroe.path.read_bytes()
    code, out, err = aeroe("klarhed", "Beskriv innovationen", "--fjern")

    assert flat(first) == "Markeringen efter »Beskriv innovationen« er fjernet."
    assert (code, err) == (0, "")
    assert flat(out) == "Beskriv innovationen har ingen markering at fjerne; intet er ændret."
    assert aeroe.path.read_bytes() == before


def test_the_same_mark_again_says_it_was_so_already_and_a_new_reason_is_saved(aeroe):
    first = aeroe.ok("klarhed", "Beskriv innovationen", "gul")
    before = aeroe.path.read_bytes()
    code, out, err = aeroe("klarhed", "Beskriv innovationen", "gul")

    assert flat(first) == "Klarheden efter »Beskriv innovationen« er gemt: gul."
    assert (code, err) == (0, "")
    assert flat(out) == "Klarheden efter »Beskriv innovationen« var allerede gul; intet er ændret."
    assert aeroe.path.read_bytes() == before
    assert flat(aeroe.ok("klarhed", "Beskriv innovationen", "gul", "--begrundelse", "Mangler IT")) == (
        "Klarheden efter »Beskriv innovationen« er gemt: gul."
    )


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_colour_with_fjern_is_a_usage_error(aeroe, language):
    aeroe.ok("klarhed", "Beskriv innovationen", "rød")
    before = aeroe.path.read_bytes()

    code, out, err = aeroe("--sprog", language, "klarhed", "Beskriv innovationen", "gul", "--fjern")

    assert (code, out) == (2, "")
    expected = {
        "da": "En farve (gul) og --fjern kan ikke gives sammen",
        "en": "A colour (gul) and --fjern cannot be given together",
    }
    assert expected[language] in flat(err)
    assert aeroe.path.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "advice"),
    [
        (("klarhed", "beskriv-innovationen", "--fjern", "--begrundelse", "x"), "(green, yellow or red)"),
        (("klarhed", "--begrundelse", "x"), "klarhed beskriv-innovationen yellow --begrundelse x"),
    ],
)
def test_the_english_advice_for_a_stray_reason_names_the_english_colours(aeroe, args, advice):
    """Found in a trial: the English hints suggested 'gul' and '(grøn, gul or rød)'."""
    code, out, err = aeroe("--sprog", "en", *args)

    assert (code, out) == (2, "")
    assert advice in flat(err)
    assert not {"grøn", "gul", "rød"} & set(flat(err).replace("(", " ").replace(",", " ").split())


# --- which dialogue a mark or an approval was saved for ---------------------------------------------------


def test_with_several_partners_the_result_names_the_dialogue(sharing):
    out = sharing.ok("klarhed", "Beskriv innovationen", "rød", "--partner", "Fanø")
    assert flat(out) == "Klarheden efter »Beskriv innovationen« er gemt: rød (dialogen med Fanø Kommune)."
    out = sharing.ok("klarhed", "Beskriv innovationen", "gul", "--fælles")
    assert flat(out) == "Klarheden efter »Beskriv innovationen« er gemt: gul (fælles for alle dialoger)."
    out = sharing.ok("klarhed", "Beskriv innovationen", "--fjern", "--partner", "Fanø")
    removed = "Markeringen efter »Beskriv innovationen« er fjernet (dialogen med Fanø Kommune)."
    assert flat(out).startswith(removed)
    out = sharing.ok("godkend", "tjek", "--af", "Eva Jensen", "--partner", "Ærø")
    assert "Fasen Tjek er godkendt af Eva Jensen" in flat(out) and "(dialogen med Ærø Kommune)." in flat(out)
    out = sharing.ok("--sprog", "en", "godkend", "tjek", "--af", "Eva Jensen", "--fælles")
    assert "(common to all dialogues)." in flat(out)


# --- how much of a phase is answered when it is approved ---------------------------------------------------


def test_an_approval_says_how_many_of_the_phases_questions_are_answered(aeroe, workspace):
    total = len(workspace.guide.find_phase("test").questions("genbruge"))

    code, out, err = aeroe("godkend", "test", "--af", "Eva Jensen")

    assert (code, err) == (0, "")
    said = flat(out)
    assert said.startswith("Fasen Test er godkendt af Eva Jensen")
    assert said.endswith(f". Ærø Kommune har besvaret 0 af {total} spørgsmål i fasen.")


def test_the_sharing_side_approving_for_all_counts_its_own_answers(sharing, workspace):
    total = len(workspace.guide.find_phase("tjek").questions("dele"))

    out = sharing.ok("--sprog", "en", "godkend", "tjek", "--af", "Eva Jensen", "--fælles")

    assert f"Odense Kommune has answered 1 of {total} questions in the phase." in flat(out)


# --- Ctrl+C at a prompt: what was not done --------------------------------------------------------------


@pytest.mark.parametrize(
    ("keys", "argv", "said"),
    [
        (
            DOWN + CTRL_C,
            ("klarhed", "Beskriv innovationen", "--partner", "Fanø"),
            "Markeringen er ikke ændret.",
        ),
        (CTRL_C, ("klarhed", "Beskriv innovationen", "--fjern"), "Markeringen er ikke ændret."),
        # a name typed is given back in a command (test_readiness): here none is
        (CTRL_C, ("godkend", "tjek", "--partner", "Fanø"), "Fasen er ikke godkendt."),
        (CTRL_D, ("godkend", "tjek", "--fortryd"), "Godkendelsen er ikke trukket tilbage."),
        (CTRL_C, ("møde",), "Intet møde er noteret eller rettet."),
        (DOWN + CTRL_C, ("dagsorden",), "Dagsordenen er ikke skrevet."),
    ],
    ids=["klarhed-colour", "klarhed-dialogue", "godkend-who", "godkend-dialogue", "møde", "dagsorden"],
)
def test_ctrl_c_at_a_prompt_says_what_was_not_done(sharing, typing, keys, argv, said):
    before = sharing.path.read_bytes()

    run = typing(sharing, keys, *argv)

    assert run.code == 130, run.err
    assert flat(run.err) == f"Stoppet. {said}"
    assert sharing.path.read_bytes() == before
    assert not list(sharing.files.glob("*dagsorden*"))  # nor an agenda written


def test_ctrl_c_at_the_marks_reason_gives_the_command_that_saves_it(sharing, typing):
    before = sharing.path.read_bytes()
    keys = DOWN + ENTER + "Vi mangler tal" + CTRL_C  # gul, then the reason

    run = typing(sharing, keys, "klarhed", "Beskriv innovationen", "--partner", "Fanø")

    assert run.code == 130, run.err
    said = flat(run.err)
    assert said.startswith(
        "Stoppet. Markeringen er ikke ændret. Begrundelsen, du skrev, er heller ikke gemt; "
        "gem markeringen med den: spredning"
    )
    assert said.endswith(  # after the --hjem this test gives
        " klarhed beskriv-innovationen gul --begrundelse 'Vi mangler tal' --partner fanoe-kommune"
    )
    assert sharing.path.read_bytes() == before


def test_ctrl_c_when_asked_to_correct_the_last_meeting_corrects_nothing(sharing, typing):
    sharing.ok("møde", "--partner", "Fanø", "--dato", "01-03-2026")
    before = sharing.path.read_bytes()

    run = typing(sharing, CTRL_C, "møde", "--partner", "Fanø", "--dato", "1-2-2026")

    assert run.code == 130, run.err
    assert flat(run.err).startswith(  # the day given back, in the command that corrects it
        "Stoppet. Intet møde er noteret eller rettet. "
        "Er 1. marts 2026 en fejl, så ret det seneste møde til 1. februar 2026: spredning"
    )
    assert flat(run.err).endswith(" møde --dato 01-02-2026 --ret --partner fanoe-kommune")
    assert sharing.path.read_bytes() == before


def meeting_days(org: Org) -> list[str]:
    project = org.project()
    return [m.day.isoformat() for m in followup.meetings(project, project.partner("fanoe-kommune"))]


def test_another_date_for_a_meeting_before_the_last_opens_its_field_with_the_day_typed(sharing, typing):
    sharing.ok("møde", "--partner", "Fanø", "--dato", "01-03-2026")
    keys = DOWN + ENTER + ENTER + ENTER  # another date; the field's text as given back; correct

    run = typing(sharing, keys, "møde", "--partner", "Fanø", "--dato", "1-2-2026")

    assert run.code == 0, run.err
    assert "Skriv en anden dato end 1. februar 2026" in flat(run.screen)
    assert "Hvornår blev mødet holdt? 1-2-2026" in flat(run.screen)  # as typed, not emptied
    assert "Det seneste møde er rettet til 1. februar 2026." in flat(run.out)
    assert meeting_days(sharing) == ["2026-02-01"]


def test_a_day_typed_in_the_field_is_given_back_when_another_date_is_chosen(sharing, typing):
    sharing.ok("møde", "--partner", "Fanø", "--dato", "01-03-2026")
    typed = "\x15" + "1-2-2026" + ENTER  # Ctrl+U empties the field of the refused --dato; a day typed
    keys = typed + DOWN + ENTER + ENTER + ENTER  # another date; the field as given back; correct

    run = typing(sharing, keys, "møde", "--partner", "Fanø", "--dato", "40-2-2026")

    assert run.code == 0, run.err
    assert "Det seneste møde er rettet til 1. februar 2026." in flat(run.out)  # not today, an empty field
    assert meeting_days(sharing) == ["2026-02-01"]


def test_a_stop_in_the_day_field_with_a_day_before_the_last_meeting_gives_the_command_that_corrects(
    sharing, typing
):
    """Found in a trial: 'Noter mødet med datoen, du skrev: spredning møde --dato 2/2/2026', which
    is then refused (the last meeting is later); the command that works corrects the last one."""
    sharing.ok("møde", "--partner", "Fanø", "--dato", "01-03-2026")
    keys = DOWN + ENTER + "\x15" + "2/2/2026" + CTRL_C  # another date; the field emptied; a day typed
    before = sharing.path.read_bytes()

    run = typing(sharing, keys, "møde", "--partner", "Fanø", "--dato", "1-2-2026")

    assert run.code == 130, run.err
    said = flat(run.err)
    assert said.startswith(
        "Stoppet. Intet møde er noteret eller rettet. Datoen, du skrev (2. februar 2026), er før det "
        "seneste møde, der er noteret den 1. marts 2026, så den kan ikke noteres som et nyt møde."
    )
    assert said.endswith(" møde --dato 2/2/2026 --ret --partner fanoe-kommune")
    assert sharing.path.read_bytes() == before
    command = said.split(": spredning", 1)[1].split()[2:]  # after 'spredning --hjem HOME'
    sharing.ok(*command)
    assert meeting_days(sharing) == ["2026-02-02"]


def test_a_stop_in_the_day_field_with_a_day_it_cannot_take_says_so_rather_than_nothing(sharing, typing):
    sharing.ok("møde", "--partner", "Fanø", "--dato", "01-03-2026")
    keys = DOWN + ENTER + "\x15" + "9/12/2099" + CTRL_C

    run = typing(sharing, keys, "møde", "--partner", "Fanø", "--dato", "1-2-2026")

    assert run.code == 130, run.err
    assert flat(run.err).startswith(
        "Stoppet. Intet møde er noteret eller rettet. Datoen, du skrev ('9/12/2099'), kunne ikke bruges:"
    )


def test_klarhed_asked_offers_the_mark_there_is_and_keeps_its_reason_at_enter(aeroe, typing):
    """Found in a trial: asked again, klarhed offered grøn and an empty reason; Enter, Enter saved
    grøn without the reason, the mark there (gul, with its reason) overwritten unseen."""
    aeroe.ok("klarhed", "Lær af test", "gul", "--begrundelse", "Vi mangler borgere til testen")

    run = typing(aeroe, ENTER + ENTER, "klarhed", "Lær af test")  # the colour offered, its reason

    assert run.code == 0, run.err
    assert flat(run.out) == "Klarheden efter »Lær af test« var allerede gul; intet er ændret."
    assert "Vi mangler borgere til testen" in flat(aeroe.ok("klarhed"))


def test_a_colour_given_without_a_reason_keeps_the_marks_reason_or_says_what_it_was(aeroe):
    """Found in a trial: 'klarhed VÆRKTØJ gul' on a gul mark with a reason said 'er gemt: gul' and
    dropped the reason; a new colour dropped it without a word (no copy keeps it)."""
    reason = "Vi mangler borgere til testen"
    aeroe.ok("klarhed", "Lær af test", "gul", "--begrundelse", reason)

    same = aeroe.ok("klarhed", "Lær af test", "gul")

    assert flat(same) == "Klarheden efter »Lær af test« var allerede gul; intet er ændret."
    assert reason in flat(aeroe.ok("klarhed"))

    other = aeroe.ok("klarhed", "Lær af test", "grøn")

    assert flat(other) == (
        "Klarheden efter »Lær af test« er gemt: grøn. Begrundelsen ved den tidligere markering (gul) "
        f"er ikke med i den nye: »{reason}«. Giv den med --begrundelse, hvis den stadig gælder."
    )


def test_in_english_the_earlier_marks_reason_is_the_reason_for_it(aeroe):
    aeroe.ok("klarhed", "Lær af test", "gul", "--begrundelse", "Vi mangler borgere")

    other = flat(aeroe.ok("--sprog", "en", "klarhed", "Lær af test", "grøn"))

    assert (
        "The reason for the earlier mark (yellow) is not part of the new one: “Vi mangler borgere”." in other
    )


# --- answers of an approved phase changed in the interview ----------------------------------------------


def test_changing_an_approved_phase_in_the_interview_says_so_with_the_command_that_approves_it_again(
    aeroe, monkeypatch
):
    """A trial: an answer of an approved phase was changed in the interview, and nothing said so
    (only status, later, without a way on)."""
    from exchange_kit import G1, asking_in
    from homekit import ESC_ENTER

    aeroe.answer({G1: "Ja"}, "--rolle", "genbruge")
    aeroe.ok("godkend", "tjek", "--af", "Ida Holm")
    answering = asking_in(monkeypatch, "fase")

    run = answering(aeroe, "Nyt svar" + ESC_ENTER + CTRL_C, "fase", "tjek", "--fortsæt")
    untouched = answering(aeroe, CTRL_C, "fase", "tjek", "--fortsæt")

    said = flat(run.out)
    assert "Fasen er godkendt af Ida Holm den " in said and "Ændrer I et svar, bliver det markeret" in said
    assert (
        "1 svar i fasen er ændret, siden Ida Holm godkendte den. Godkend fasen igen, når svarene er på plads:"
        in said
    )
    assert (
        said.split("godkendte den.")[1].split("Stoppet")[0].strip().endswith("godkend tjek --rolle genbruge")
    )
    assert "Fasen er godkendt af Ida Holm" in flat(untouched.out)
    assert "er ændret, siden" not in flat(untouched.out)  # nothing changed in that run: not said again


def test_approving_a_phase_with_a_draft_open_says_the_draft_is_not_in_the_approval(aeroe, monkeypatch):
    """A trial: a phase approved while a text typed in it was only a draft, and nothing said so."""
    from exchange_kit import asking_in

    answering = asking_in(monkeypatch, "fase")
    stopped = answering(aeroe, "halvt skrevet" + CTRL_C, "fase", "tjek", "--fortsæt")  # kept as a draft
    assert "kladde" in flat(stopped.err + stopped.out), stopped.err + stopped.out

    said = flat(aeroe.ok("godkend", "tjek", "--af", "Ida Holm"))
    other_phase = flat(aeroe.ok("godkend", "test", "--af", "Ida Holm"))

    assert (
        "Bemærk: 1 spørgsmål i fasen har en kladde, der ikke er gemt som svar; godkendelsen gælder de"
        " gemte svar. Gør kladden færdig med: spredning" in said
    )
    assert said.endswith("fase tjek --rolle genbruge")
    assert "kladde" not in other_phase


def test_the_approval_given_for_every_dialogue_is_given_again_with_faelles(sharing, monkeypatch):
    """A re-trial: the interview named 'godkend tjek --rolle dele' for an approval given with --fælles;
    in a terminal that asks for a dialogue, and approving one left the shared approval stale."""
    from exchange_kit import asking_in
    from homekit import ESC_ENTER

    sharing.ok("godkend", "tjek", "--af", "Bo Berg", "--fælles")
    answering = asking_in(monkeypatch, "fase")
    argv = ("fase", "tjek", "--rolle", "dele", "--partner", "Ærø Kommune", "--fortsæt")

    run = answering(sharing, "Ny tekst" + ESC_ENTER + CTRL_C, *argv)

    said = flat(run.out)
    assert "1 svar i fasen er ændret, siden Bo Berg godkendte den." in said, run.screen[-2500:]
    again = said.split("godkendte den.")[1].split("Stoppet")[0].strip()
    assert again.endswith("godkend tjek --rolle dele --fælles")
