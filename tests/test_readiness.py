"""Readiness marks, approvals and plan items (issue 15) round trip through the file, the exchange
between organisations (confidentiality included) and the reports; approvals flag later changes.
"""

from __future__ import annotations

import datetime
import shlex

import pytest
import yaml
from exchange_kit import D1, G1, G2, Org, flat, start_sharing
from homekit import CTRL_C, DOWN, ENTER
from report_reading import docx_paragraphs, open_docx

from spredning.core import followup
from spredning.core.history import Outcome

pytestmark = pytest.mark.usefixtures("work_in_tmp")


@pytest.fixture
def sharing(tmp_path, run_cli) -> Org:
    return start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), reusers=("Ærø Kommune", "Fanø Kommune"))


@pytest.fixture
def aeroe(tmp_path, run_cli) -> Org:
    return Org(tmp_path / "aeroe", tmp_path, run_cli)


@pytest.fixture
def fanoe(tmp_path, run_cli) -> Org:
    return Org(tmp_path / "fanoe", tmp_path, run_cli)


@pytest.fixture
def exchanged(sharing, aeroe, fanoe):
    """Both reusing organisations have imported their first file from the sharing one."""
    sharing.answer({D1: "Færre genindlæggelser"})
    assert aeroe.import_(sharing.export("--partner", "Ærø Kommune"))[0] == 0
    assert fanoe.import_(sharing.export("--partner", "Fanø Kommune"))[0] == 0
    return sharing, aeroe, fanoe


def record(org: Org, where: str, key: str):
    return org.project().record((where, key))


# --- the file -------------------------------------------------------------------------------------------


def test_an_approval_dated_in_the_future_is_refused_before_anyone_is_asked(exchanged):
    _, aeroe, _ = exchanged
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    before = aeroe.path.read_bytes()

    code, out, err = aeroe("godkend", "tjek", "--dato", tomorrow.strftime("%d-%m-%Y"))  # no --af either

    assert (code, out) == (2, "")
    assert "er ikke kommet endnu; en fase noteres som godkendt, når den er godkendt." in flat(err)
    assert "udelad --dato for i dag" in flat(err)
    assert aeroe.path.read_bytes() == before
    aeroe.ok("godkend", "tjek", "--af", "Eva Jensen", "--dato", datetime.date.today().strftime("%d-%m-%Y"))


def test_readiness_and_approval_are_saved_in_the_dialogue_and_read_back(exchanged):
    _, aeroe, _ = exchanged
    aeroe.answer({G1: "Ja", G2: "Nej"})
    aeroe.ok("klarhed", "beskriv-innovationen", "gul", "--begrundelse", "Vi mangler tal")
    aeroe.ok("godkend", "tjek", "--af", "Eva Jensen", "--dato", "12-03-2026")

    data = yaml.safe_load(aeroe.path.read_text(encoding="utf-8"))
    section = data["opfølgning"]["genbruge"]["aeroe-kommune"]
    assert section["klarhed"]["tjek.beskriv-innovationen.genbruge"]["farve"] == "gul"
    assert section["klarhed"]["tjek.beskriv-innovationen.genbruge"]["begrundelse"] == "Vi mangler tal"
    approval = section["godkendelser"]["tjek.genbruge"]
    assert approval["af"] == "Eva Jensen" and approval["dato"] == "2026-03-12"
    assert len(approval["svar"].split()) == 14  # every Tjek question of the side, answered or not

    project = aeroe.project()
    partner = project.partner("aeroe-kommune")
    mark = followup.readiness(project, partner, "tjek.beskriv-innovationen", "genbruge")
    assert (mark.colour, mark.reason, mark.where) == ("gul", "Vi mangler tal", "aeroe-kommune")
    assert followup.approval(project, partner, "tjek", "genbruge").day == datetime.date(2026, 3, 12)


def test_a_record_edited_by_hand_counts_as_this_copys_change(exchanged):
    _, aeroe, _ = exchanged
    aeroe.ok("klarhed", "beskriv-innovationen", "gul")
    path = aeroe.path
    path.write_text(path.read_text(encoding="utf-8").replace("farve: gul", "farve: rød"), encoding="utf-8")

    entry = record(aeroe, "aeroe-kommune", "klarhed:tjek.beskriv-innovationen.genbruge")

    assert dict(entry.answer.fields)["farve"] == "rød"
    assert sum(count for _, count in entry.answer.version) == 2  # one change by the program, one by hand


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (("farve: gul", "farve: lilla"), "'farve' skal være grøn, gul eller rød"),
        ("plan", "'frist' skal være en dato"),
    ],
)
def test_a_bad_record_in_the_file_is_named_in_danish(exchanged, change, problem):
    _, aeroe, _ = exchanged
    aeroe.ok("klarhed", "beskriv-innovationen", "gul")
    aeroe.ok("plan", "tilføj", "--hvad", "x", "--frist", "01-02-2026")
    text = aeroe.path.read_text(encoding="utf-8")
    text = text.replace(*change) if isinstance(change, tuple) else text.replace("2026-02-01", "i morgen")
    aeroe.path.write_text(text, encoding="utf-8")

    code, _, err = aeroe("status")

    assert code == 1
    assert problem in flat(err)


# --- the exchange ---------------------------------------------------------------------------------------


def test_readiness_approval_and_plan_travel_to_the_partner_and_back(exchanged):
    sharing, aeroe, _ = exchanged
    aeroe.answer({G1: "Ja"})
    aeroe.ok("klarhed", "beskriv-innovationen", "rød", "--begrundelse", "Ikke budget")
    aeroe.ok("godkend", "tjek", "--af", "Eva Jensen")
    aeroe.ok("plan", "tilføj", "--hvad", "Find budget", "--frist", "01-06-2026")

    code, out, err = sharing.import_(aeroe.export())

    assert code == 0, err
    assert "Opfølgningen: 3 punkter (handlinger, klarhed, godkendelser eller møder) er nye" in flat(out)
    project = sharing.project()
    partner = project.partner("aeroe-kommune")
    assert followup.readiness(project, partner, "tjek.beskriv-innovationen", "genbruge").colour == "rød"
    assert followup.approval(project, partner, "tjek", "genbruge").by == "Eva Jensen"
    [item] = followup.plan_items(project, partner)
    assert item.what == "Find budget"

    sharing.ok("plan", "ret", item.id, "--status", "i gang")
    sharing.ok("klarhed", "beskriv-innovationen", "grøn", "--rolle", "dele", "--partner", "Ærø Kommune")
    assert aeroe.import_(sharing.export("--partner", "Ærø Kommune"))[0] == 0

    back = aeroe.project()
    mine = back.partner("aeroe-kommune")
    assert followup.plan_items(back, mine)[0].status == "i-gang"
    assert followup.readiness(back, mine, "tjek.beskriv-innovationen", "dele").colour == "grøn"
    assert aeroe.project().record_entries() == sharing_dialogue(sharing, "aeroe-kommune")


def sharing_dialogue(org: Org, key: str):
    return [(slot, entry) for slot, entry in org.project().record_entries() if slot[0] in ("", key)]


def test_importing_the_same_file_twice_changes_no_record(exchanged, tmp_path):
    sharing, aeroe, _ = exchanged
    aeroe.ok("klarhed", "beskriv-innovationen", "gul")
    incoming = aeroe.export()
    sharing.import_(incoming)
    before = sharing.path.read_bytes()

    sharing.import_(incoming)

    assert sharing.path.read_bytes() == before


def test_an_export_for_one_partner_carries_only_its_dialogues_follow_up(exchanged):
    sharing, aeroe, fanoe = exchanged
    fanoe.ok("plan", "tilføj", "--hvad", "Fanøs hemmelige plan")
    fanoe.ok("klarhed", "beskriv-innovationen", "rød")
    assert sharing.import_(fanoe.export())[0] == 0
    sharing.ok("plan", "tilføj", "--hvad", "Vores egen", "--fælles")
    sharing.ok("plan", "tilføj", "--hvad", "Kun til Fanø", "--partner", "Fanø Kommune")

    for_aeroe = sharing.export("--partner", "Ærø Kommune")

    text = for_aeroe.read_text(encoding="utf-8")
    assert "Vores egen" in text
    assert "Fanø" not in text.split("opfølgning:")[1]
    assert "hemmelige" not in text and "fanoe-kommune" not in text.split("opfølgning:")[1]
    assert aeroe.import_(for_aeroe)[0] == 0
    whats = [i.what for i in followup.plan_items(aeroe.project(), None, everywhere=True)]
    assert whats == ["Vores egen"]


def test_a_partners_file_changes_only_its_own_dialogues_records(exchanged, tmp_path):
    sharing, aeroe, _fanoe = exchanged
    aeroe.ok("klarhed", "beskriv-innovationen", "gul")
    planted = aeroe.export()
    text = planted.read_text(encoding="utf-8").replace(
        "aeroe-kommune:\n      klarhed", "fanoe-kommune:\n      klarhed"
    )
    text = text.replace(
        "genbrugere:\n    aeroe-kommune: Ærø Kommune",
        "genbrugere:\n    aeroe-kommune: Ærø Kommune\n    fanoe-kommune: Fanø Kommune",
    )
    planted.write_text(text, encoding="utf-8")

    code, _, err = sharing.import_(planted)

    assert code == 0, err
    assert sharing.project().records.get("fanoe-kommune") is None


def test_both_sides_changing_one_action_keep_both_versions_until_it_is_changed_again(exchanged):
    sharing, aeroe, _ = exchanged
    aeroe.ok("plan", "tilføj", "--hvad", "Fælles handling")
    sharing.import_(aeroe.export())
    item_id = followup.plan_items(aeroe.project(), None, everywhere=True)[0].id
    aeroe.ok("plan", "ret", item_id, "--status", "færdig")
    sharing.ok("plan", "ret", item_id, "--hvem", "Odense")

    aeroe.import_(sharing.export("--partner", "Ærø Kommune"))

    [item] = followup.plan_items(aeroe.project(), None, everywhere=True)
    assert len(item.others) == 1
    assert {item.status, item.others[0].status} == {"færdig", "ikke-startet"}
    _code, out, _ = aeroe("plan")
    assert "2 udgaver" in flat(out)

    aeroe.ok("plan", "ret", item_id, "--status", "færdig", "--hvem", "Odense")
    sharing.import_(aeroe.export())

    for org in (aeroe, sharing):
        [settled] = followup.plan_items(org.project(), None, everywhere=True)
        assert (settled.status, settled.who, settled.others) == ("færdig", "Odense", ())


def test_an_import_plan_counts_the_follow_up(exchanged):
    from spredning.app.exchange.incoming import read_incoming
    from spredning.app.exchange.planning import plan_import

    sharing, aeroe, _ = exchanged
    aeroe.ok("klarhed", "beskriv-innovationen", "gul")
    aeroe.ok("plan", "tilføj", "--hvad", "x")
    path = aeroe.export()
    ws = sharing_workspace(sharing)

    plan = plan_import(ws, read_incoming(ws, path), None)

    assert plan.records_changed() == 2
    assert {item.outcome for item in plan.records if item.slot[0]} == {Outcome.ADDED}


def sharing_workspace(org: Org):
    from spredning.app.workspace import Settings, Workspace

    return Workspace(Settings(home=str(org.home)))


# --- status and reports ---------------------------------------------------------------------------------


def test_an_answer_changed_after_approval_is_flagged_until_approved_again(exchanged, tmp_path):
    _, aeroe, _ = exchanged
    aeroe.answer({G1: "Ja", G2: "Nej"})
    aeroe.ok("godkend", "tjek", "--af", "Eva Jensen", "--dato", "12-03-2026")
    assert "ændret siden" not in flat(aeroe.ok("status"))

    aeroe.answer({G2: "Jo, alligevel"})

    out = flat(aeroe.ok("status"))
    said = "Tjek (Vi vil genbruge) er godkendt af Eva Jensen den 12. marts 2026. 1 svar er ændret siden:"
    assert said in out
    assert "Har I de samme behov?" in out
    aeroe.ok("rapport", "--ud", str(tmp_path / "r.md"))
    report = flat((tmp_path / "r.md").read_text(encoding="utf-8"))
    assert "1 svar er ændret siden og skal godkendes igen" in report and "Har I de samme behov?" in report

    aeroe.ok("godkend", "tjek", "--af", "Eva Jensen")
    assert "ændret siden" not in flat(aeroe.ok("status"))


def test_status_and_report_show_the_readiness_picture_and_where_to_act_first(exchanged, tmp_path):
    _, aeroe, _ = exchanged
    aeroe.ok("klarhed", "afstem-forventninger", "gul", "--begrundelse", "Aftalen mangler")
    aeroe.ok("klarhed", "fjern-forhindringer", "rød", "--begrundelse", "Budgettet")
    aeroe.ok("klarhed", "beskriv-innovationen", "grøn")
    aeroe.ok("klarhed", "kom-rundt-om-loesningen", "gul")

    out = aeroe.ok("status")
    first = out.split("Her kan det betale sig at starte")[1]
    assert first.index("rød") < first.index("Kom rundt") < first.index("Afstem forventninger")
    assert "Beskriv innovationen: grøn" in out

    aeroe.ok("rapport", "--format", "docx", "--ud", str(tmp_path / "r.docx"))
    text = "\n".join(text for _, text in docx_paragraphs(open_docx((tmp_path / "r.docx").read_bytes())))
    assert "Hvor I kan starte" in text and "ikke en dom" in text
    assert text.index("rød: Fase 4: Fjern") < text.index("gul: Fase 1: Tjek · Afstem forventninger")
    assert "Klarhed" in text and "Budgettet" in text


def test_the_report_includes_the_plan(exchanged, tmp_path):
    _, aeroe, _ = exchanged
    aeroe.ok("plan", "tilføj", "--hvad", "For sent", "--frist", "01-01-2020", "--fase", "fjern")
    aeroe.ok("plan", "tilføj", "--hvad", "Senere", "--frist", "01-01-2070")

    aeroe.ok("rapport", "--ud", str(tmp_path / "r.md"))

    text = (tmp_path / "r.md").read_text(encoding="utf-8")
    plan = text.split("### Handlingsplan")[1].split("###")[0]
    assert "1 handling har overskredet sin frist." in plan
    assert plan.index("For sent (fra Fjern)") < plan.index("Senere")
    assert "01-01-2020" in plan and "frist overskredet" in plan
    assert "Følg op på handlingen med overskredet frist" in text


def test_a_report_of_one_phase_shows_only_that_phases_follow_up(exchanged, tmp_path):
    _, aeroe, _ = exchanged
    aeroe.ok("klarhed", "beskriv-innovationen", "gul", "--begrundelse", "tjek-grund")
    aeroe.ok("klarhed", "fjern-forhindringer", "rød", "--begrundelse", "fjern-grund")

    aeroe.ok("rapport", "--fase", "fjern", "--ud", str(tmp_path / "r.md"))

    text = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "fjern-grund" in text and "tjek-grund" not in text


def test_the_sharing_side_marks_one_dialogue_or_all(sharing):
    sharing.ok("klarhed", "beskriv-innovationen", "gul", "--fælles")
    sharing.ok("klarhed", "beskriv-innovationen", "grøn", "--partner", "Fanø Kommune")

    project = sharing.project()
    aeroe, fanoe = project.partners
    assert followup.readiness(project, aeroe, "tjek.beskriv-innovationen", "dele").colour == "gul"
    assert followup.readiness(project, fanoe, "tjek.beskriv-innovationen", "dele").colour == "grøn"
    assert followup.readiness(project, aeroe, "tjek.beskriv-innovationen", "genbruge") is None

    sharing.ok("klarhed", "beskriv-innovationen", "--fjern", "--partner", "Fanø Kommune")
    project = sharing.project()
    assert followup.readiness(project, fanoe, "tjek.beskriv-innovationen", "dele").colour == "gul"


def test_the_picture_with_several_partners_names_whose_dialogue_each_column_is(exchanged):
    sharing, aeroe, fanoe = exchanged
    sharing.ok("klarhed", "beskriv-innovationen", "grøn", "--fælles")
    aeroe.ok("klarhed", "beskriv-innovationen", "rød", "--begrundelse", "Mangler budget")
    fanoe.ok("klarhed", "fjern-forhindringer", "gul")
    for org in (aeroe, fanoe):
        assert sharing.import_(org.export())[0] == 0

    out = sharing.ok("klarhed")

    assert max(len(line) for line in out.splitlines()) <= 80
    assert "Vi vil genbruge" not in out
    aeroe_part, fanoe_part = out.split("Dialogen med Fanø Kommune:")
    assert aeroe_part.startswith("Dialogen med Ærø Kommune:")
    assert header(aeroe_part) == ["Fase", "Odense Kommune", "Ærø Kommune"]
    assert header(fanoe_part) == ["Fase", "Odense Kommune", "Fanø Kommune"]
    assert "rød: Tjek · Beskriv innovationen · Ærø Kommune – Mangler budget" in aeroe_part
    assert "gul: Fjern · Fjern forhindringer · Fanø Kommune" in fanoe_part
    assert "Fjern forhindringer" not in aeroe_part and "Mangler budget" not in fanoe_part
    aid = "Markeringerne er et udgangspunkt for snakken med partneren, ikke en dom."
    assert flat(fanoe_part).endswith(aid) and out.count(aid) == 1  # said once, at the end

    common = sharing.ok("klarhed", "--fælles")  # the sharing side's own marks: its column alone
    assert header(common) == ["Fase", "Odense Kommune"] and "Beskriv innovationen: grøn" in common
    one = sharing.ok("klarhed", "--partner", "Fanø")
    assert header(one) == ["Fase", "Odense Kommune", "Fanø Kommune"] and "Dialogen med" not in one


def header(table: str) -> list[str]:
    """The column headings of the first table in some output."""
    line = next(line for line in table.splitlines() if "┃" in line)
    return [cell.strip() for cell in line.split("┃")]


def test_klarhed_names_unknown_tools_and_colours_in_danish(sharing):
    code, _, err = sharing("klarhed", "ingen-saadan", "gul")
    assert code == 2 and "er ikke et værktøj i guiden" in err
    code, _, err = sharing("klarhed", "beskriv-innovationen", "blå")
    assert code == 2 and "'blå' er ikke en klarhed" in flat(err) and "grøn, gul eller rød" in flat(err)
    code, _, err = sharing("klarhed", "beskriv-innovationen", "--partner", "Fanø Kommune")
    assert code == 2
    # gul is an example, not a choice
    assert "Giv farven (grøn, gul eller rød) i kommandoen, efter værktøjet, fx:" in flat(err)
    # no --begrundelse TEKST: copied, 'TEKST' would be saved as the reason
    assert flat(err).endswith("klarhed beskriv-innovationen gul --partner fanoe-kommune")


def test_klarhed_in_english_suggests_the_english_words_and_takes_the_danish_ones(sharing):
    code, _, err = sharing("--sprog", "en", "klarhed", "beskriv-innovationen", "lilla")
    assert code == 2 and "'lilla' is not one of the readiness colours." in flat(err)
    assert flat(err).endswith("Use green, yellow or red.")  # not the Danish words beside them
    code, _, err = sharing("--sprog", "en", "klarhed", "beskriv-innovationen", "--partner", "Fanø Kommune")
    assert code == 2
    assert "Give the colour (green, yellow or red) on the command line, e.g.:" in flat(err)
    assert flat(err).endswith("klarhed beskriv-innovationen yellow --partner fanoe-kommune")  # no TEXT
    for word, colour in (("Yellow", "gul"), ("rød", "rød"), ("groen", "grøn")):
        code, _, err = sharing(
            "--sprog", "en", "klarhed", "beskriv-innovationen", word, "--partner", "Fanø Kommune"
        )
        assert code == 0, err
        assert mark_of(sharing, "fanoe-kommune").colour == colour
    code, _, err = sharing("klarhed", "beskriv-innovationen", "yellow", "--partner", "Fanø Kommune")
    assert code == 2 and "Brug grøn, gul eller rød." in flat(err)  # the Danish edition: as it was


def mark_of(org: Org, partner: str) -> followup.Mark:
    project = org.project()
    dialogue = next(p for p in project.partners if p.key == partner)
    found = followup.readiness(project, dialogue, "tjek.beskriv-innovationen", "dele")
    assert found is not None
    return found


# --- several partners: which dialogue a mark or an approval is for ------------------------------------


@pytest.mark.parametrize(
    "args",
    [("klarhed", "beskriv-innovationen", "gul"), ("godkend", "tjek", "--af", "Eva Jensen")],
    ids=["klarhed", "godkend"],
)
def test_with_several_partners_a_script_must_say_which_dialogue(sharing, args):
    before = sharing.path.read_bytes()

    code, _, err = sharing(*args)

    assert code == 2
    said = flat(err)
    assert "Ærø Kommune og Fanø Kommune" in said and "fælles for alle" in said
    assert "--partner aeroe-kommune" in said and "--fælles" in said
    assert sharing.path.read_bytes() == before


def test_in_a_terminal_klarhed_asks_which_dialogue_then_the_colour(sharing, typing):
    run = typing(
        sharing, DOWN + ENTER + DOWN * 2 + ENTER + "Vi mangler tal" + ENTER, "klarhed", "Beskriv innovationen"
    )

    assert run.code == 0, run.err
    screen = flat(run.screen)
    assert "Hvilken dialog gælder markeringen?" in screen and "Fælles for alle dialoger" in screen
    assert "Hvor klar er I efter »Beskriv innovationen«?" in screen
    project = sharing.project()
    aeroe, fanoe = project.partners
    mark = followup.readiness(project, fanoe, "tjek.beskriv-innovationen", "dele")
    assert (mark.colour, mark.reason, mark.where) == ("rød", "Vi mangler tal", "fanoe-kommune")
    assert followup.readiness(project, aeroe, "tjek.beskriv-innovationen", "dele") is None


def test_in_a_terminal_klarhed_takes_what_is_typed_at_its_lists_as_a_search(sharing, typing):
    """From a user trial: 'rød' typed at the colour list, then Enter, marked Grøn (and typed at the
    dialogue list, made the mark for the first partner): Enter picked the choice highlighted before
    any typing. Now typing searches the list; 'rødt' holds in no choice, so Enter picks nothing
    until Backspace has made it 'rød'."""
    keys = "fanø" + ENTER + "rødt" + ENTER + "\x7f" + ENTER + "Vi mangler tal" + ENTER
    run = typing(sharing, keys, "klarhed", "Beskriv innovationen")

    assert run.code == 0, run.err
    project = sharing.project()
    aeroe, fanoe = project.partners
    mark = followup.readiness(project, fanoe, "tjek.beskriv-innovationen", "dele")
    assert (mark.colour, mark.reason) == ("rød", "Vi mangler tal")
    assert followup.readiness(project, aeroe, "tjek.beskriv-innovationen", "dele") is None


def test_a_tool_whose_title_ends_in_a_question_mark_is_asked_about_without_a_double_one(sharing, typing):
    run = typing(sharing, DOWN + ENTER + ENTER + ENTER, "klarhed", "Kopiér eller tilpas?")

    assert run.code == 0, run.err
    screen = flat(run.screen)
    assert "Hvor klar er I efter »Kopiér eller tilpas?«?" in screen and "tilpas??" not in screen


def test_in_a_terminal_godkend_can_be_common_to_all(sharing, typing):
    run = typing(sharing, DOWN * 2 + ENTER, "godkend", "tjek", "--af", "Eva Jensen")

    assert run.code == 0, run.err
    assert "Hvilken dialog gælder godkendelsen?" in flat(run.screen)
    project = sharing.project()
    for partner in project.partners:
        assert followup.approval(project, partner, "tjek", "dele").where == ""


def test_ctrl_c_at_godkends_name_gives_the_command_with_the_name_typed(sharing, typing):
    import shlex

    run = typing(sharing, DOWN + ENTER + "Bjørn Æbelø" + CTRL_C, "godkend", "tjek")  # Fanø's dialogue

    assert run.code == 130
    said = flat(run.err)
    assert said.startswith("Stoppet. Fasen er ikke godkendt. Godkend den med det, du skrev: ")
    words = shlex.split(said[said.index("godkend tjek") :])  # after the program and its --hjem
    assert words == ["godkend", "tjek", "--af", "Bjørn Æbelø", "--partner", "fanoe-kommune"]
    assert followup.approval(sharing.project(), sharing.project().partners[1], "tjek", "dele") is None

    sharing.ok(*words)  # the command given approves it, as typed
    project = sharing.project()
    assert followup.approval(project, project.partners[1], "tjek", "dele").by == "Bjørn Æbelø"


def test_ctrl_c_at_godkends_empty_name_says_only_that_nothing_was_approved(sharing, typing):
    run = typing(sharing, DOWN + ENTER + CTRL_C, "godkend", "tjek")

    assert run.code == 130
    assert flat(run.err) == "Stoppet. Fasen er ikke godkendt."


# --- tools named as users write them -----------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["Beskriv innovationen", "beskriv innovationen", "BESKRIV INNOVATIONEN", "tjek.Beskriv innovationen",
     "beskriv-innovationen", "tjek.beskriv-innovationen"],
)  # fmt: skip
def test_klarhed_takes_a_tools_title_or_id(sharing, name):
    sharing.ok("klarhed", name, "gul", "--fælles")

    project = sharing.project()
    assert (
        followup.readiness(project, project.partners[0], "tjek.beskriv-innovationen", "dele").colour == "gul"
    )


def test_titles_are_read_without_accents_and_punctuation(sharing):
    sharing.ok("klarhed", "kopier eller tilpas", "grøn", "--fælles")
    sharing.ok("klarhed", "Fortæl om gevinsterne", "rød", "--fælles")
    sharing.ok("klarhed", "fortael om gevinsterne", "gul", "--fælles")

    project = sharing.project()
    partner = project.partners[0]
    assert followup.readiness(project, partner, "test.kopier-eller-tilpas", "dele").colour == "grøn"
    assert followup.readiness(project, partner, "hoest.fortael-om-gevinsterne", "dele").colour == "gul"


def test_in_english_the_english_titles_are_taken(sharing):
    sharing.ok("--sprog", "en", "klarhed", "Describe the Innovation", "gul", "--fælles")
    sharing.ok("--sprog", "en", "klarhed", "eliminate obstacles", "rød", "--fælles")

    project = sharing.project()
    partner = project.partners[0]
    assert followup.readiness(project, partner, "tjek.beskriv-innovationen", "dele").colour == "gul"
    assert followup.readiness(project, partner, "fjern.fjern-forhindringer", "dele").colour == "rød"


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        ("Beskriv innovationn", "Mente du 'Beskriv innovationen'?"),
        ("gevinsterne", "Mente du 'Fortæl om gevinsterne'?"),
        ("fortæl", "Mente du 'Fortæl den gode historie' eller 'Fortæl om gevinsterne'?"),
    ],
)
def test_an_unknown_tool_is_told_the_closest_not_every_id(sharing, typed, suggested):
    code, _, err = sharing("klarhed", typed, "gul", "--fælles")

    assert code == 2
    said = flat(err)
    assert f"'{typed}' er ikke et værktøj i guiden. {suggested}" in said
    assert "guide --overblik" in said
    named = [tool for tool in tools() if tool.id in said or f"'{tool.title}'" in said]
    assert 1 <= len(named) <= 2  # the closest, not the 13 tools


def tools():
    from spredning.core.content import load_guide

    return [tool for phase in load_guide(None).phases for tool in phase.tools]


def test_a_name_nothing_is_close_to_points_to_the_overview(sharing):
    code, _, err = sharing("klarhed", "xyz", "gul", "--fælles")

    assert code == 2
    said = flat(err)
    assert "'xyz' er ikke et værktøj i guiden." in said and "Mente du" not in said
    assert "guide --overblik" in said


def test_plan_tilfoej_takes_a_tools_title_as_its_source(sharing):
    sharing.ok("plan", "tilføj", "--hvad", "Fjern kravet", "--fælles", "--fase", "Fjern forhindringer")
    code, _, err = sharing("plan", "tilføj", "--hvad", "x", "--fælles", "--fase", "Fjern forhindring")

    [item] = followup.plan_items(sharing.project(), None)
    assert item.source == "fjern.fjern-forhindringer"
    assert code == 2 and "Mente du 'Fjern forhindringer'?" in flat(err)


# --- a copy with no side on this computer (the example project): the side asked first -----------------


def test_klarhed_asks_the_side_before_the_colour_and_reason_on_a_copy_with_no_side(no_side, typing):
    """From a trial: with no side on this computer, klarhed asked the colour and the reason, then
    refused ('Vælg hvilken side, markeringen gælder'): what was typed was lost. The side comes first."""
    keys = DOWN + ENTER + DOWN + ENTER + "Vi mangler tal fra hjemmeplejen" + ENTER  # genbruge, Gul
    run = typing(no_side, keys, "klarhed", "Kopiér eller tilpas?")  # no mark on it yet

    assert run.code == 0, run.err
    screen = flat(run.screen)
    assert screen.index("Hvilken side gælder det?") < screen.index("Hvor klar er I efter")
    project = no_side.project()
    mark = followup.readiness(project, project.partners[0], "test.kopier-eller-tilpas", "genbruge")
    assert (mark.colour, mark.reason) == ("gul", "Vi mangler tal fra hjemmeplejen")


def test_godkend_asks_the_side_before_the_name_on_a_copy_with_no_side(no_side, typing):
    # dele; the field holds the name the example's sharing side approved with: Ctrl+U clears it
    run = typing(no_side, ENTER + "\x15" + "Eva Jensen" + ENTER, "godkend", "tjek")

    assert run.code == 0, run.err
    screen = flat(run.screen)
    assert "Vælg hvilken side, godkendelsen gælder." in flat(run.out + run.err)
    assert screen.index("Hvilken side gælder det?") < screen.index("Eva Jensen")
    project = no_side.project()
    assert followup.approval(project, project.partners[0], "tjek", "dele").by == "Eva Jensen"


def test_ctrl_c_at_the_side_marks_nothing(no_side, typing):
    before = no_side.path.read_bytes()
    run = typing(no_side, CTRL_C, "klarhed", "Afstem forventninger")

    assert run.code == 130
    assert "Hvilken side gælder det?" in flat(run.screen) and flat(run.err).startswith("Stoppet.")
    assert no_side.path.read_bytes() == before


def test_klarhed_faelles_on_a_copy_with_no_side_is_the_sharing_sides_without_asking_it(no_side, typing):
    """From a trial: --fælles on a copy with no side offered both sides; 'genbruge' picked was then
    refused ('Kun den delende side har markeringer, der gælder alle dialoger'). Only the sharing side
    has common marks: --fælles says the side."""
    keys = DOWN + ENTER + "Tal mangler" + ENTER  # Gul
    run = typing(no_side, keys, "klarhed", "Kopiér eller tilpas?", "--fælles")

    assert run.code == 0, run.err
    assert "Hvilken side gælder det?" not in flat(run.screen)
    mark = followup.readiness(no_side.project(), None, "test.kopier-eller-tilpas", "dele")
    assert (mark.colour, mark.reason) == ("gul", "Tal mangler")


def test_godkend_faelles_on_a_copy_with_no_side_without_a_terminal_is_the_sharing_sides(no_side):
    code, _, err = no_side("godkend", "test", "--af", "Eva Jensen", "--fælles")

    assert code == 0, err
    assert followup.approval(no_side.project(), None, "test", "dele").by == "Eva Jensen"


@pytest.mark.parametrize(
    ("args", "before", "added"),
    [
        (("klarhed", "Afstem forventninger"), "fx: ", ("gul",)),  # without a terminal, a colour too
        (("godkend", "tjek"), "i denne kommando: ", ()),  # the name after --af is asked for in words
        (("godkend", "tjek", "--af", "Eva Jensen"), "Fx: ", ()),
    ],
)
def test_without_a_terminal_no_side_is_refused_before_anything_is_asked(no_side, args, before, added):
    code, _, err = no_side(*args)

    assert code == 2
    said = flat(err)
    assert "Vælg hvilken side" in said and "skriv --rolle genbruge i stedet." in said
    # the user's whole command with the side, to copy (it said only 'Brug --rolle dele eller …')
    again = shlex.split(said.rpartition(before)[2])
    assert again == ["spredning", *args, *added, "--rolle", "dele"]
    assert "Vælg hvilken side" not in flat(no_side(*again[1:])[2])  # copied, the side is known


# --- a text longer than a record keeps: refused in its field, not after every field was typed ----------


def test_an_action_too_long_is_refused_in_its_field_and_kept_to_shorten(sharing, typing):
    """From an audit: 520 characters typed at 'plan tilføj's what, then who and the deadline, were
    refused only when saved ("'hvad' må højst være 500 tegn.") and all of it was lost."""
    long = "ord " * 130  # 519 characters as saved
    keys = long + ENTER + "\x7f" * 30 + ENTER + "Eva" + ENTER + ENTER
    run = typing(sharing, keys, "plan", "tilføj", "--partner", "fanø")

    assert run.code == 0, run.err
    assert "Teksten må højst være 500 tegn, men den har 519" in flat(run.screen)
    [item] = followup.plan_items(sharing.project(), sharing.project().partners[1])
    assert item.what == " ".join(long[:-30].split()) and item.who == "Eva"


def test_a_reason_too_long_is_refused_in_its_field(sharing, typing):
    keys = "fanø" + ENTER + "gul" + ENTER + "x" * 501 + ENTER + "\x7f" + ENTER
    run = typing(sharing, keys, "klarhed", "Beskriv innovationen")

    assert run.code == 0, run.err
    assert "Teksten må højst være 500 tegn, men den har 501" in flat(run.screen)
    project = sharing.project()
    mark = followup.readiness(project, project.partners[1], "tjek.beskriv-innovationen", "dele")
    assert (mark.colour, mark.reason) == ("gul", "x" * 500)


def test_a_reason_too_long_given_back_at_ctrl_c_is_refused_saying_its_length_and_what_to_do(sharing, typing):
    """From a trial: Ctrl+C at a reason over 500 characters gave it back in a klarhed command, kept;
    run, the command was refused "'begrundelse' må højst være 500 tegn." with no word of how long it
    was or what to do."""
    keys = "fanø" + ENTER + "gul" + ENTER + "x" * 520 + ENTER + CTRL_C
    run = typing(sharing, keys, "klarhed", "Beskriv innovationen")
    assert run.code == 130 and "x" * 520 in flat(run.err).replace(" ", "")  # kept in the command
    assert (  # the stop's words say it first (they said only "gem markeringen med den")
        "Teksten efter --begrundelse er for lang (højst 500 tegn), så kommandoen afvises, som den står"
        in flat(run.err)
    )

    code, _, err = sharing(
        "klarhed", "beskriv-innovationen", "gul", "--begrundelse", "x" * 520, "--partner", "Fanø"
    )

    assert code == 2
    assert (
        "Teksten efter --begrundelse må højst være 500 tegn, men den har 520: gør den kortere, og kør "
        "kommandoen igen." in flat(err)
    )


_LONG = "ord " * 300  # 1,199 characters as saved


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (("godkend", "tjek", "--af", _LONG, "--partner", "fanø"), "--af"),
        (
            ("klarhed", "Beskriv innovationen", "gul", "--begrundelse", _LONG, "--partner", "fanø"),
            "--begrundelse",
        ),
        (("plan", "tilføj", "--hvad", _LONG, "--partner", "fanø"), "--hvad"),
        (("plan", "tilføj", "--hvad", "Book et møde", "--hvem", _LONG, "--partner", "fanø"), "--hvem"),
    ],
)
@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("da", "Teksten efter {option} må højst være 500 tegn, men den har 1199: gør den kortere"),
        ("en", "The text after {option} can be at most 500 characters, but it has 1199: make it shorter"),
    ],
)
def test_a_text_too_long_given_as_an_option_is_refused_naming_the_option(
    sharing, args, option, language, said
):
    """From a trial: without a terminal the refusal named the field it is saved in ("'af' må højst
    være 500 tegn", "'begrundelse' can be at most ..."), not the option the user typed."""
    before = sharing.path.read_bytes()

    code, out, err = sharing("--sprog", language, *args)

    assert (code, out) == (2, "")
    assert said.format(option=option) in flat(err), err
    assert f"'{option[2:]}'" not in err
    assert sharing.path.read_bytes() == before


def test_a_too_long_change_of_an_action_is_refused_naming_the_option(sharing):
    sharing.ok("plan", "tilføj", "--hvad", "Book et møde", "--partner", "fanø")
    [item] = followup.plan_items(sharing.project(), sharing.project().partners[1])

    code, _, err = sharing("plan", "ret", item.id, "--hvem", _LONG)

    assert code == 2
    assert "Teksten efter --hvem må højst være 500 tegn, men den har 1199" in flat(err), err


def test_an_approver_too_long_given_back_at_ctrl_c_says_it_must_be_shortened(sharing, typing):
    keys = "y" * 520 + ENTER + CTRL_C
    run = typing(sharing, keys, "godkend", "tjek", "--partner", "fanø")

    assert run.code == 130 and "y" * 520 in flat(run.err).replace(" ", "")  # kept in the command
    assert "Teksten efter --af er for lang (højst 500 tegn), så kommandoen afvises, som den står" in flat(
        run.err
    ), run.err


# --- a read-only project file: said before anything is asked, not after the text was typed -------------


def _read_only_cases(org: Org) -> dict[str, tuple[str, ...]]:
    org.ok("plan", "tilføj", "--hvad", "Book et møde", "--partner", "fanø")
    [item] = followup.plan_items(org.project(), org.project().partners[1])
    return {
        "klarhed": ("klarhed", "Beskriv innovationen", "--partner", "fanø"),
        "godkend": ("godkend", "tjek", "--partner", "fanø"),
        "godkend-dato": ("godkend", "tjek", "--af", "Eva", "--dato", "31-12-2999", "--partner", "fanø"),
        "plan-tilfoej": ("plan", "tilføj", "--partner", "fanø"),
        "plan-tilfoej-frist": ("plan", "tilføj", "--hvad", "Ring", "--frist", "30-02", "--partner", "fanø"),
        "plan-ret": ("plan", "ret", item.id),
        "plan-ret-frist": ("plan", "ret", item.id, "--frist", "30-02"),
        "moede": ("møde", "--dato", "31-12-2999", "--partner", "fanø"),
    }


@pytest.mark.parametrize(
    "case",
    [
        "klarhed",
        "godkend",
        "godkend-dato",
        "plan-tilfoej",
        "plan-tilfoej-frist",
        "plan-ret",
        "plan-ret-frist",
        "moede",
    ],
)
def test_a_read_only_project_file_is_said_before_anything_is_asked(sharing, typing, case):
    """From an audit: klarhed asked the colour and the reason (plan tilføj the action, godkend the
    name), then refused 'Projektfilen ... er skrivebeskyttet, så intet er gemt': what was typed was lost."""
    args = _read_only_cases(sharing)[case]
    sharing.path.chmod(0o444)
    before = sharing.path.read_bytes()
    run = typing(sharing, "Vi mangler tal" + ENTER * 4, *args)

    assert run.code == 1
    assert "er skrivebeskyttet, så intet er gemt" in flat(run.err)
    assert "?" not in run.screen and "Vi mangler tal" not in run.screen  # nothing asked, nothing typed
    assert sharing.path.read_bytes() == before


# --- the reusing side in a project with no reusing organisation yet: said before anything is asked -----


@pytest.fixture
def alone(tmp_path, run_cli) -> Org:
    """The sharing side, no reusing organisation named yet (made before the prompts read keys)."""
    return start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), reusers=())


@pytest.mark.parametrize(
    "args", [("klarhed", "Afstem forventninger"), ("godkend", "tjek")], ids=["klarhed", "godkend"]
)
def test_the_reusing_side_with_no_reusing_organisation_is_refused_before_anything_is_asked(
    alone, typing, args
):
    """From an audit: klarhed --rolle genbruge asked the colour and the reason (godkend the name),
    then refused 'Den genbrugende sides markering hører til en bestemt genbrugende organisation.
    Vælg den med --partner.', with no organisation to choose: what was typed was lost."""
    before = alone.path.read_bytes()
    run = typing(alone, DOWN + ENTER + "Vi mangler tal" + ENTER, *args, "--rolle", "genbruge")

    assert run.code == 2
    assert "Projektet har ingen genbrugende organisation endnu" in flat(run.err)
    assert "projekt genbruger" in flat(run.err)
    assert "?" not in run.screen and "Vi mangler tal" not in run.screen
    assert alone.path.read_bytes() == before


@pytest.mark.parametrize(
    "args", [("klarhed", "Afstem forventninger"), ("godkend", "tjek")], ids=["klarhed", "godkend"]
)
def test_faelles_for_the_reusing_side_is_refused_before_anything_is_asked(sharing, typing, args):
    """From an audit: --fælles --rolle genbruge asked the colour and reason (the name), then refused
    ('... hører til en bestemt genbrugende organisation. Vælg den med --partner.'): what was typed
    was lost, and the command given back kept the --fælles refused."""
    before = sharing.path.read_bytes()
    run = typing(sharing, DOWN + ENTER + "Vi mangler tal" + ENTER, *args, "--fælles", "--rolle", "genbruge")

    assert run.code == 2
    assert "Kun den delende side har" in flat(run.err) and "Udelad --fælles" in flat(run.err)
    assert "?" not in run.screen and "Vi mangler tal" not in run.screen
    assert sharing.path.read_bytes() == before


def test_where_to_act_first_wraps_each_mark_under_its_bullet_at_60_columns(run_cli, monkeypatch):
    """trial16: 'klarhed' wrote each mark at the margin, so its second line looked like the next mark."""
    monkeypatch.setenv("COLUMNS", "60")
    assert run_cli("start", "--eksempel")[0] == 0
    code, out, err = run_cli("klarhed")
    assert code == 0, err
    lines = out.splitlines()
    heading = next(n for n, line in enumerate(lines) if "betale sig at starte" in line)
    first = next(n for n in range(heading, len(lines)) if lines[n].endswith("):"))  # the heading's end
    marks = lines[first + 1 : next(n for n, line in enumerate(lines) if line.startswith("Markeringerne"))]
    assert sum(line.startswith("  • ") for line in marks) == 3, out
    assert all(line.startswith(("  • ", "    ")) for line in marks), out
