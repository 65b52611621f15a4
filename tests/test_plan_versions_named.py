"""A shared action changed by two partners: whose each version is, and status says how to settle it.

Found in a trial with three organisations: Syd and Øst changed the same shared action to "i gang"
and "færdig". The sharing side's `plan` said "findes i 2 udgaver; den anden siger: færdig" without
naming whose version that was; its `status` and home screen did not mention the two versions at
all; and Øst was told "Ændret begge steder" about a change that came from Syd (through the sharing
side's file). Now the version is named by the organisation it came from (on a reusing side only
"udgaven fra" the sharing side: its file may carry another partner's change), status and the home
screen point to `plan ret ID` while the two versions are open, and an import says the file has
another version than ours, not that both sides changed it.
"""

from __future__ import annotations

import pytest
from exchange_kit import D1, flat, start_hub
from homekit import CTRL_C, ENTER, ESC, PAUSE, QUIT, go, interactive, typed
from projectkit import workspace

from spredning.app import home as app_home
from spredning.core import followup
from spredning.i18n import t

pytestmark = pytest.mark.usefixtures("work_in_tmp")


@pytest.fixture
def two_versions(tmp_path, run_cli):
    """Odense's shared action, set to "i gang" by Ærø and to "færdig" by Fanø; Odense imports Ærø's
    file, then Fanø's (its output is the third item)."""
    sharing, partners = start_hub(tmp_path, run_cli, {D1: "Odenses formål"})
    sharing.ok(
        "plan", "tilføj", "--hvad", "Fælles workshop", "--hvem", "Odense", "--frist", "20-12-2026",
        "--fase", "tjek", "--fælles",
    )  # fmt: skip
    (action,) = [key[len("plan:") :] for key in sharing.project().records[""]]
    aeroe, fanoe = partners["aeroe-kommune"], partners["fanoe-kommune"]
    for key, org in (("aeroe-kommune", aeroe), ("fanoe-kommune", fanoe)):
        assert org.import_(sharing.export("--partner", key))[0] == 0
    aeroe.ok("plan", "ret", action, "--status", "i gang")
    fanoe.ok("plan", "ret", action, "--status", "færdig")
    assert sharing.import_(aeroe.export())[0] == 0
    code, out, err = sharing.import_(fanoe.export())
    assert code == 0, err
    return sharing, partners, action, flat(out)


def test_the_import_says_the_file_has_another_version_not_that_both_sides_changed_it(two_versions):
    sharing, partners, _, imported = two_versions
    said = "har en anden udgave end jeres, så den gemmes ved siden af jeres: "
    assert f"Filen fra Fanø Kommune {said}" in imported
    assert "begge steder" not in imported
    fanoe = partners["fanoe-kommune"]
    code, out, _ = fanoe.import_(sharing.export("--partner", "fanoe-kommune"))
    assert code == 0
    assert f"Filen fra Odense Kommune {said}" in flat(out)
    assert "begge steder" not in flat(out)


def test_the_plan_names_the_organisation_each_other_version_came_from(two_versions, monkeypatch, run_cli):
    sharing, partners, action, _ = two_versions
    monkeypatch.setenv("COLUMNS", "300")  # the table's note on one line
    listed = flat(sharing.ok("plan"))
    shown = "den viste er Ærø Kommunes udgave, og Fanø Kommunes udgave siger: færdig – ret handlingen"
    assert f"findes i 2 udgaver; {shown}" in listed
    fanoe = partners["fanoe-kommune"]
    assert fanoe.import_(sharing.export("--partner", "fanoe-kommune"))[0] == 0
    # Fanø cannot know who wrote the sharing side's version (it is Ærø's): it came from Odense
    listed = flat(fanoe.ok("plan"))
    assert "findes i 2 udgaver; udgaven fra Odense Kommune siger: i gang – ret handlingen" in listed
    with monkeypatch.context() as patched:  # 'plan ret' shows each version before asking
        interactive(patched)
        with fanoe.at_home():
            run = typed(run_cli, CTRL_C, "plan", "ret", action)
    assert "• Jeres udgave: Fælles workshop (hvem: Odense; frist: 20-12-2026; færdig)" in run.said
    assert (
        "• Udgaven fra Odense Kommune: Fælles workshop (hvem: Odense; frist: 20-12-2026; i gang)" in run.said
    )


def test_status_points_to_plan_ret_while_the_two_versions_are_open(two_versions):
    sharing, partners, action, _ = two_versions
    step = (
        "Næste skridt: afgør, hvilken udgave af handlingen der gælder (den findes i flere udgaver): "
        f"spredning plan ret {action}"
    )
    assert step in flat(sharing.ok("status"))
    fanoe = partners["fanoe-kommune"]
    assert fanoe.import_(sharing.export("--partner", "fanoe-kommune"))[0] == 0
    assert step in flat(fanoe.ok("status"))

    sharing.ok("plan", "ret", action, "--status", "færdig")  # settles it

    assert "udgave" not in flat(sharing.ok("status"))


def test_the_home_screen_offers_to_settle_it_with_plan_ret(two_versions, monkeypatch, run_cli):
    sharing, _, action, _ = two_versions
    ws = workspace(sharing.home)
    assert app_home.home(ws).actions[0].kind == "versions"

    with monkeypatch.context() as patched:
        interactive(patched)
        with sharing.at_home():
            run = typed(run_cli, go(ws, "versions") + CTRL_C + PAUSE + QUIT)

    assert run.code == 0, run.err
    assert "Afgør, hvilken af handlingens udgaver der gælder" in run.screen
    assert f"Samme som: spredning plan ret {action}" in run.said
    assert "Handlingen er ændret flere steder, så den findes i 2 udgaver." in run.said
    assert "• Ærø Kommunes udgave: Fælles workshop (hvem: Odense; frist: 20-12-2026; i gang)" in run.said
    assert "• Fanø Kommunes udgave: Fælles workshop (hvem: Odense; frist: 20-12-2026; færdig)" in run.said


def test_plan_ret_hangs_a_long_version_under_its_text_at_a_narrow_width(tmp_path, run_cli, monkeypatch):
    """A version's bullet wrapped at the terminal's width went on at column 0, under the bullet."""
    sharing, partners = start_hub(tmp_path, run_cli, {D1: "Odenses formål"})
    what = "[bold]Workshop[/bold] om genoptræning med borgere, pårørende og terapeuter"
    sharing.ok("plan", "tilføj", "--hvad", what, "--hvem", "Odense", "--frist", "20-12-2026", "--fælles")
    (action,) = [key[len("plan:") :] for key in sharing.project().records[""]]
    changed = (("aeroe-kommune", "i gang"), ("fanoe-kommune", "færdig"))
    for key, _ in changed:
        assert partners[key].import_(sharing.export("--partner", key))[0] == 0
    for key, status in changed:
        partners[key].ok("plan", "ret", action, "--status", status)
        assert sharing.import_(partners[key].export())[0] == 0

    with monkeypatch.context() as patched:
        interactive(patched)
        patched.setenv("COLUMNS", "50")
        with sharing.at_home():
            run = typed(run_cli, CTRL_C, "plan", "ret", action)

    lines = run.out.splitlines()
    first = next(n for n, line in enumerate(lines) if line.startswith("  • Ærø Kommunes udgave:"))
    shown = lines[first:]  # the versions, the last lines before the question
    assert shown[0] == "  • Ærø Kommunes udgave: [bold]Workshop[/bold] om"  # user text as it is
    assert [line[:4] for line in shown].count("  • ") == 2 and len(shown) > 2, shown
    hung = [line for line in shown if not line.startswith("  • ")]
    assert all(line.startswith("    ") and line[4] != " " for line in hung), shown  # under the text
    assert max(map(len, shown)) <= 50
    assert f"• Ærø Kommunes udgave: {what} (hvem: Odense; frist: 20-12-2026; i gang)" in run.said


def test_esc_in_plan_rets_status_list_from_the_home_screen_gives_back_the_text_typed(
    two_versions, monkeypatch, run_cli
):
    """Esc in the list after the fields goes back to the menu: what was typed is said, not lost (as start)."""
    sharing, _, action, _ = two_versions
    ws = workspace(sharing.home)
    before = sharing.home.joinpath(f"{ws.store.slugs()[0]}.yaml").read_bytes()
    keys = go(ws, "versions") + "\x15" + "Workshop for alle" + ENTER + ENTER + ENTER + ESC + QUIT

    with monkeypatch.context() as patched:
        interactive(patched)
        with sharing.at_home():
            run = typed(run_cli, keys)

    assert run.code == 0, run.err  # the menu came back at once, and Afslut was chosen in it
    said = flat(run.err)
    assert said.startswith("Handlingen er ikke ændret.")
    assert said.endswith(f"spredning plan ret {action} --hvad 'Workshop for alle'")
    assert t("home.pause") not in run.screen
    assert sharing.home.joinpath(f"{ws.store.slugs()[0]}.yaml").read_bytes() == before


@pytest.mark.parametrize(
    "argv", [("ret", "--hvem", "Odense og Ærø"), ("luk",)], ids=["ret-med-tilvalg", "luk"]
)
def test_options_alone_settling_the_versions_show_each_first(two_versions, argv):
    """Found in a trial: 'plan ret ID --frist …' (and 'plan luk ID') without a terminal settled an
    action kept in versions with no word of them: Fanø's version was gone unseen."""
    sharing, _, action, _ = two_versions
    command, *options = argv
    said = flat(sharing.ok("plan", command, action, *options))

    assert "Handlingen er ændret flere steder, så den findes i 2 udgaver." in said, said
    assert "Fanø Kommunes udgave" in said, said
    [item] = [i for i in followup.plan_items(sharing.project(), None, everywhere=True) if i.id == action]
    assert item.others == ()
    # all of the one that applies now: what was kept of each version's who and deadline
    assert f"Den udgave, der gælder nu: Fælles workshop (hvem: {item.who or '–'};" in said, said


def test_a_wrong_status_offered_in_a_list_shows_the_versions_before_the_list(two_versions, typing):
    """Found in a trial: 'plan ret ID --status måske' offered the statuses, then the deadline,
    and showed the versions only as it saved: the status was chosen without seeing Fanø's."""
    sharing, _, action, _ = two_versions
    run = typing(sharing, CTRL_C, "plan", "ret", action, "--status", "måske")

    assert run.code == 130
    assert "Handlingen er ændret flere steder, så den findes i 2 udgaver." in flat(run.out)
    assert "Fanø Kommunes udgave" in flat(run.out)
