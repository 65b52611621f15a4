"""What the views show across partners: meetings a partner noted, 'not relevant' marks in status
--json, the sharing side's row in the portfolio, vis --nye without --partner, and waiting for the
other side when ours is done (status, the home screen)."""

from __future__ import annotations

import json

import pytest
from exchange_kit import D1, D2, D3, G1, G2, KEYS, Org, V, flat, start_hub, start_sharing
from homekit import ENTER

from spredning.core.content import load_guide

pytestmark = pytest.mark.usefixtures("work_in_tmp")


@pytest.fixture
def hub(tmp_path, run_cli) -> tuple[Org, dict[str, Org]]:
    """A sharing organisation with three partners; each partner has imported its first file."""
    return start_hub(tmp_path, run_cli, {D1: "Færre genindlæggelser"})


@pytest.fixture
def pair(tmp_path, run_cli) -> tuple[Org, Org]:
    """Odense shares with two partners (Ærø and Fanø); Ærø has imported its first file."""
    sharing = start_sharing(
        Org(tmp_path / "odense", tmp_path, run_cli),
        reusers=("Ærø Kommune", "Fanø Kommune"),
        answers={D1: "Mål"},
    )
    aeroe = Org(tmp_path / "aeroe", tmp_path, run_cli)
    assert aeroe.import_(sharing.export("--partner", "Ærø Kommune"))[0] == 0
    return sharing, aeroe


# --- meetings a partner noted, imported: shown, and whose they are ------------------------------------


def test_a_meeting_the_partner_noted_is_shown_in_status_and_vis_with_whose_it_is(pair):
    sharing, aeroe = pair
    aeroe.ok("møde", "--dato", "01-11-2026")
    assert sharing.import_(aeroe.export())[0] == 0
    sharing.ok("møde", "--partner", "Fanø", "--dato", "15-11-2026")

    portfolio = flat(sharing.ok("status"))
    assert "Ærø Kommune: i fasen Tjek" in portfolio
    assert "Seneste møde: 1. november 2026 (noteret af Ærø Kommune)." in portfolio
    assert "Seneste møde: 15. november 2026 (noteret af jer)." in portfolio
    said = "Møde holdt: 1. november 2026 (noteret af Ærø Kommune)."
    assert said in flat(sharing.ok("status", "--partner", "Ærø"))
    assert said in flat(sharing.ok("vis", "tjek", "--partner", "Ærø", "--ingen-pager"))
    assert (
        "Møde holdt" not in sharing.ok("vis", "tjek", "--partner", "Fanø", "--ingen-pager").split("Fase 1")[1]
    )

    data = json.loads(sharing.ok("status", "--json"))
    meetings = {d["partner"]: d["møder"] for d in data["dialoger"]}
    assert meetings == {
        "aeroe-kommune": [{"dato": "2026-11-01", "noteret_af": "aeroe-kommune"}],
        "fanoe-kommune": [{"dato": "2026-11-15", "noteret_af": "dele"}],
    }
    # back at Ærø, with a meeting Odense noted too: each named by whose it is
    sharing.ok("møde", "--partner", "Ærø", "--dato", "20-11-2026")
    assert aeroe.import_(sharing.export("--partner", "Ærø"))[0] == 0
    mine = flat(aeroe.ok("status"))
    assert (
        "Møder holdt: 1. november 2026 (noteret af jer) og 20. november 2026 (noteret af Odense Kommune)."
        in mine
    )


# --- status --json: the 'not relevant' marks of both sides, with their reasons ------------------------


def test_json_lists_the_not_relevant_marks_of_the_partner_as_of_ours_with_their_reasons(pair):
    sharing, aeroe = pair
    aeroe.answer({G1: "Interessant", G2: {"ikke-relevant": "ja", "begrundelse": "Vi har ikke behovet"}})
    assert sharing.import_(aeroe.export())[0] == 0
    sharing.answer({D3: {"ikke-relevant": "ja"}})

    data = json.loads(sharing.ok("status", "--json"))

    marks = {d["partner"]: d["ikke_relevante"] for d in data["dialoger"]}
    ours = {"id": D3, "side": "dele", "begrundelse": None, "udgave_fra": None}
    theirs = {"id": G2, "side": "genbruge", "begrundelse": "Vi har ikke behovet", "udgave_fra": None}
    assert marks["aeroe-kommune"] == [ours, theirs]
    assert marks["fanoe-kommune"] == [ours]
    # the same marks, with the same reasons, at the partner
    assert aeroe.import_(sharing.export("--partner", "Ærø"))[0] == 0
    [dialogue] = json.loads(aeroe.ok("status", "--json"))["dialoger"]
    assert dialogue["ikke_relevante"] == [ours, theirs]


def test_json_lists_a_partners_marked_version_kept_beside_ours(pair):
    sharing, aeroe = pair
    sharing.answer({D3: "Vores proces"})
    assert aeroe.import_(sharing.export("--partner", "Ærø"))[0] == 0
    aeroe.answer({D3: {"ikke-relevant": "ja", "begrundelse": "Ikke for os"}}, "--rolle", "dele")
    sharing.answer({D3: "Vores proces, rettet"})
    assert sharing.import_(aeroe.export())[0] == 0  # a conflict: both changed it

    [aeroe_dialogue, _] = json.loads(sharing.ok("status", "--json"))["dialoger"]

    assert D3 in aeroe_dialogue["konflikter"]
    kept = {"id": D3, "side": "dele", "begrundelse": "Ikke for os", "udgave_fra": "aeroe-kommune"}
    assert aeroe_dialogue["ikke_relevante"] == [kept]


# --- the portfolio's row for the sharing side counts every partner's dialogue -------------------------


def test_the_sharing_sides_row_counts_its_answers_about_each_partner(hub):
    sharing, _ = hub
    sharing.answer({V: "Sådan bruger Fanø den"}, "--partner", KEYS[1], phase="brug")  # Fanø's only

    rows = [line.split("│") for line in sharing.ok("status").splitlines() if "│" in line]
    table = {cells[0].strip(): [c.strip() for c in cells[1:]] for cells in rows}
    data = json.loads(sharing.ok("status", "--json"))

    brug = next(p["sider"]["dele"] for p in data["faser"] if p["id"] == "brug")
    assert table["Odense Kommune"][4] == f"{brug['besvaret']}/{brug['i_alt']}" == "1/3"  # not Ærø's 0/1
    assert table["Ærø Kommune"][4] == "0/11"


# --- vis --nye without --partner --------------------------------------------------------------------


def test_vis_nye_shows_the_only_partner_with_news_without_asking(hub):
    sharing, partners = hub
    partners[KEYS[1]].answer({G1: "Fanø synes det er interessant"})
    assert sharing.import_(partners[KEYS[1]].export())[0] == 0

    shown = flat(sharing.ok("vis", "--nye", "--ingen-pager"))

    assert "Fanø synes det er interessant" in shown
    assert "Der er ingen nye svar fra partneren" not in shown


def test_vis_nye_says_so_when_no_partner_has_sent_anything(hub):
    sharing, _ = hub

    code, out, err = sharing("vis", "--nye", "--ingen-pager")

    assert code == 0, err
    assert "Ingen af partnerne har sendt nye svar, siden du sidst kiggede." in flat(out)


def news_from_two(hub) -> Org:
    """Ærø (two answers) and Læsø (one) have sent news; Fanø nothing. The sharing side."""
    sharing, partners = hub
    for key, answers in ((KEYS[0], {G1: "Ærø svarer", G2: "Samme behov"}), (KEYS[2], {G1: "Læsø svarer"})):
        partners[key].answer(answers)
        assert sharing.import_(partners[key].export())[0] == 0
    return sharing


def test_vis_nye_with_news_from_several_partners_names_each_ones_command_in_a_script(hub):
    sharing = news_from_two(hub)

    code, _, err = sharing("vis", "--nye")

    assert code == 2
    said = flat(err)
    assert "Flere partnere har sendt nye svar: Ærø Kommune (2 nye svar) og Læsø Kommune (1 nyt svar)." in said
    assert "spredning vis --nye --partner aeroe-kommune" in said
    assert "spredning vis --nye --partner laesoe-kommune" in said
    assert "fanoe" not in said  # no news from Fanø: not offered


def test_vis_nye_with_news_from_several_partners_asks_in_a_terminal_among_them(hub, on_screen):
    sharing = news_from_two(hub)

    with sharing.at_home():
        run = on_screen("\x1b[B" + ENTER, "vis", "--nye", "--ingen-pager")  # the second: Læsø

    assert run.code == 0, run.err
    screen = flat(run.screen)
    assert "Flere partnere har sendt nye svar. Hvis svar vil du se?" in screen  # why it asks
    assert "Ærø Kommune (2 nye svar)" in screen and "Læsø Kommune (1 nyt svar)" in screen
    assert "Fanø" not in run.screen
    assert "Læsø svarer" in flat(run.out) and "Ærø svarer" not in run.out


# --- our side answered and sent, theirs not: wait for them, not 'all is answered' --------------------


def test_status_says_to_wait_for_the_partner_when_our_side_is_answered_and_sent(tmp_path, run_cli):
    guide = load_guide(None)
    sharing = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli))
    for phase in guide.phases:
        if ours := {q.id: "svar" for q in phase.questions("dele")}:
            sharing.answer(ours, phase=phase.id)
    assert "alt fra jer" not in sharing.ok("status")  # not sent yet: send it first
    aeroe = Org(tmp_path / "aeroe", tmp_path, run_cli)
    assert aeroe.import_(sharing.export())[0] == 0

    out = flat(sharing.ok("status"))

    total = sum(len(phase.questions("genbruge")) for phase in guide.phases)
    said = (
        f"vent på svar fra Ærø Kommune: I har besvaret og sendt alt fra jer, og de har besvaret 0 af {total}"
    )
    assert f"Næste skridt: {said}" in out
    assert "alt er besvaret" not in out
    assert json.loads(sharing.ok("status", "--json"))["dialoger"][0]["næste"] == ["wait"]
    # the reusing side, with questions of its own still open, is not told to wait: it answers
    aeroe.answer({q.id: "svar" for q in guide.phases[0].questions("genbruge")})
    assert "vent på svar" not in aeroe.ok("status")


def test_a_partner_that_has_had_no_file_from_us_is_sent_one_not_waited_for(tmp_path, run_cli):
    """Reported: the overview said 'vent på svar fra Fanø Kommune' of a partner that had been sent nothing."""
    sharing = start_sharing(
        Org(tmp_path / "odense", tmp_path, run_cli), reusers=("Ærø Kommune", "Fanø Kommune")
    )
    first = (
        "send {org} en fil med projektet, så de kan gå i gang; denne computer har ikke sendt dem nogen "
        "endnu: spredning eksport --partner {key}"
    )

    lines = flat(sharing.ok("status")).split("Genbrugende organisationer:")[1]

    assert "vent på svar" not in lines
    for org, key in (("Ærø Kommune", "aeroe-kommune"), ("Fanø Kommune", "fanoe-kommune")):
        assert f"{org}: i fasen Tjek (0/14). Næste skridt: {first.format(org=org, key=key)}" in lines
    code, out, err = sharing("status", "--sprog", "en")
    assert code == 0, err
    assert (
        "Next step: send Fanø Kommune a file with the project, so they can get started; this computer"
        in flat(out)
    )

    sent = flat(sharing.ok("eksport", "--partner", "Ærø"))  # the project's facts only: they can begin
    assert "De henter projektet ind med: spredning importer " in sent and "henter svarene" not in sent
    sharing.ok("arbejdsark", "--partner", "Fanø", "--ud", str(tmp_path / "fanoe.docx"))  # a worksheet too

    lines = flat(sharing.ok("status")).split("Genbrugende organisationer:")[1]
    assert "Næste skridt: vent på svar fra Ærø Kommune" in lines
    assert "Næste skridt: vent på svar fra Fanø Kommune" in lines and "fået nogen" not in lines


def test_the_overview_report_sends_the_first_file_and_waits_only_for_those_that_have_one(tmp_path, run_cli):
    sharing = start_sharing(
        Org(tmp_path / "odense", tmp_path, run_cli), reusers=("Ærø Kommune", "Fanø Kommune")
    )
    sharing.ok("eksport", "--partner", "Ærø")
    report = tmp_path / "oversigt.md"

    sharing.ok("rapport", "--oversigt", "--ud", str(report))

    rows = report.read_text(encoding="utf-8")
    assert "| Ærø Kommune | Tjek | 0 af 45 | 0 | Vent på partnerens svar. |" in rows
    assert (
        "| Fanø Kommune | Tjek | 0 af 45 | 0 | Har ikke fået en fil fra denne computer endnu; send dem en. |"
        in rows
    )


def test_with_several_partners_the_changes_to_send_name_whose_they_are(tmp_path, run_cli):
    """Reported: each partner's line said 'send jeres 2 nye ændringer til partneren'."""
    sharing = start_sharing(
        Org(tmp_path / "odense", tmp_path, run_cli),
        reusers=("Ærø Kommune", "Fanø Kommune"),
        answers={D1: "Mål"},
    )
    sharing.ok("eksport", "--partner", "Ærø")
    sharing.answer({D2: "Løsning"})

    lines = flat(sharing.ok("status")).split("Genbrugende organisationer:")[1]

    assert "send den nye ændring til Ærø Kommune: spredning eksport --partner aeroe-kommune" in lines
    assert "send de 2 nye ændringer til Fanø Kommune: spredning eksport --partner fanoe-kommune" in lines
    assert "til partneren" not in lines
    report = tmp_path / "oversigt.md"
    sharing.ok("rapport", "--oversigt", "--ud", str(report))
    assert "| Send de 2 nye ændringer til Fanø Kommune: spredning eksport --partner fanoe-kommune |" in (
        report.read_text(encoding="utf-8")
    )
    code, out, err = sharing("status", "--sprog", "en")
    assert code == 0, err
    assert "send the 2 new changes to Fanø Kommune:" in flat(out)


def test_the_overview_waits_for_each_partner_in_the_words_of_its_own_status(pair, tmp_path):
    """Reported: each partner's line in the overview said 'vent på partnerens svar', an older wording
    than status's own step ('vent på svar fra Ærø Kommune: ...'), also for a partner that had
    answered everything."""
    sharing, aeroe = pair
    guide = load_guide(None)
    sharing.ok("eksport", "--partner", "Fanø")  # nothing of ours waits for either
    lines = flat(sharing.ok("status")).split("Genbrugende organisationer:")[1]
    assert "Ærø Kommune: i fasen Tjek (0/14). Næste skridt: vent på svar fra Ærø Kommune •" in lines
    assert "Fanø Kommune: i fasen Tjek (0/14). Næste skridt: vent på svar fra Fanø Kommune Alt" in lines
    code, out, err = sharing("status", "--sprog", "en")
    assert code == 0, err
    assert "Next step: wait for answers from Ærø Kommune" in flat(out)

    for phase in guide.phases:  # both sides of Ærø's dialogue answer everything; Fanø has not begun
        if ours := {q.id: "svar" for q in phase.questions("dele")}:
            sharing.answer(ours, phase=phase.id)
        if theirs := {q.id: "svar" for q in phase.questions("genbruge")}:
            aeroe.answer(theirs, phase=phase.id)
    assert sharing.import_(aeroe.export())[0] == 0
    sharing.ok("vis", "--nye", "--partner", "Ærø", "--ingen-pager")
    for name in ("Ærø", "Fanø"):
        sharing.ok("eksport", "--partner", name)

    lines = flat(sharing.ok("status")).split("Genbrugende organisationer:")[1]

    assert "Ærø Kommune: alle faser besvaret. Næste skridt: intet •" in lines  # nobody to wait for
    fanoe = flat(sharing.ok("status", "--partner", "Fanø")).split("Næste skridt: ")[1]
    assert fanoe.startswith("vent på svar fra Fanø Kommune: I har besvaret og sendt alt fra jer")
    assert f"Fanø Kommune: i fasen Tjek (0/14). Næste skridt: {fanoe}" in lines


# --- the sharing side's drafts in several dialogues: whose each one is -------------------------------


def test_drafts_of_one_question_in_two_partners_dialogues_are_named_with_each_partner(pair, on_screen):
    """status listed 'Er løsningen umiddelbart interessant …?' twice, nothing telling the two apart."""
    sharing, _ = pair
    with sharing.at_home():
        for name in ("Ærø", "Fanø"):
            typed = f"Kladde om {name}\x03"  # Ctrl+C keeps it as a draft
            assert on_screen(typed, "fase", "tjek", "--rolle", "genbruge", "--partner", name).code == 130

    said = flat(sharing.ok("status"))

    assert "2 kladder, der ikke er gemt som svar: " in said  # both named: not "bl.a."
    assert "(Ærø Kommune)" in said.split("2 kladder")[1].split("Næste skridt")[0], said
    assert "(Fanø Kommune)" in said.split("2 kladder")[1].split("Næste skridt")[0], said


def test_a_partner_removed_and_added_again_is_not_told_it_has_had_no_file(tmp_path, run_cli):
    """Found in stop 48's trial: after fjern-genbruger and genbruger, Ærø's line said to send it its first
    file, though this computer had sent it one."""
    sharing = start_sharing(
        Org(tmp_path / "odense", tmp_path, run_cli), reusers=("Ærø Kommune", "Fanø Kommune")
    )
    sharing.ok("eksport", "--partner", "Ærø")
    sharing.ok("projekt", "fjern-genbruger", "Ærø Kommune", "--ja")
    sharing.ok("projekt", "genbruger", "Ærø Kommune")

    lines = flat(sharing.ok("status")).split("Genbrugende organisationer:")[1]

    assert "Ærø Kommune: i fasen Tjek (0/14). Næste skridt: vent på svar fra Ærø Kommune" in lines
    assert "send Fanø Kommune en fil med projektet" in lines


def test_with_several_partners_the_news_to_read_name_whose_they_are(pair, tmp_path):
    """Found in stop 48's trial: 'læs de 2 nye svar fra partneren' with two partners, in status and report."""
    sharing, aeroe = pair
    aeroe.answer({G1: "Ærøs svar", G2: "Ærøs andet svar"}, "--rolle", "genbruge")
    assert sharing.import_(aeroe.export())[0] == 0

    out = flat(sharing.ok("status"))

    said = "læs de 2 nye svar fra Ærø Kommune: spredning vis --nye --partner aeroe-kommune"
    assert f"Næste skridt: {said}" in out
    assert "fra partneren" not in out
    report = tmp_path / "oversigt.md"
    sharing.ok("rapport", "--oversigt", "--ud", str(report))
    assert "Læs de 2 nye svar fra Ærø Kommune: spredning vis --nye --partner aeroe-kommune" in (
        report.read_text(encoding="utf-8")
    )


def test_the_overview_report_puts_a_partners_own_drafts_first_as_status_does(tmp_path, run_cli):
    """Found in stop 48's trial: Fanø's row said 'Send jeres 5 nye ændringer' while status said to finish
    its drafts first."""
    from projectkit import workspace

    from spredning.app.answering import Session

    sharing = start_sharing(
        Org(tmp_path / "odense", tmp_path, run_cli),
        reusers=("Ærø Kommune", "Fanø Kommune"),
        answers={D1: "Mål"},
    )
    ws = workspace(sharing.home)
    fanoe = ws.store.load(sharing.slug).partner("fanoe-kommune")
    [question] = [q for q in ws.guide.questions() if q.id == G1]
    Session(ws, sharing.slug, "genbruge", fanoe).keep_draft(question, "Fanøs halve svar")
    report = tmp_path / "oversigt.md"

    sharing.ok("rapport", "--oversigt", "--ud", str(report))

    rows = report.read_text(encoding="utf-8")
    assert "| Fanø Kommune | Tjek | 0 af 45 | 0 | Gør kladden færdig" in rows
    assert "Fanø Kommune: i fasen Tjek (0/14); 1 kladde" in flat(sharing.ok("status"))
    assert "gør kladden færdig" in flat(sharing.ok("status")).split("Fanø Kommune:")[1]
