"""A conflict whose versions are all one partner's own is the partner's to settle, not the sharing side's.

Two people at Ærø Kommune answered the same question on two computers and both sent their files to
Odense: both versions are Ærø's. Status, the home screen and konflikter told Odense to "afgør
konflikten", though the text it would pick is Ærø's answer. Now they say to send Ærø the file (which
gives its program both versions) or, once sent, to wait for Ærø's answer.
"""

from __future__ import annotations

import pytest
from exchange_kit import D1, G1, Org, flat, start_sharing
from homekit import ENTER, PAUSE, QUIT, interactive, kinds, typed
from projectkit import workspace

pytestmark = pytest.mark.usefixtures("work_in_tmp")

SEND = (
    "send filen til Ærø Kommune, så de kan afgøre konflikten i deres egne svar "
    "(begge udgaver er skrevet af dem): spredning eksport --partner aeroe-kommune"
)
WAIT = "vent på svar fra Ærø Kommune: konflikten i deres egne svar afgøres hos dem (I har sendt dem filen)"


@pytest.fixture
def odense(tmp_path, run_cli) -> Org:
    """Odense shares with Ærø and Fanø; two computers at Ærø answered G1 each their way and sent it."""
    org = start_sharing(
        Org(tmp_path / "odense", tmp_path, run_cli),
        reusers=("Ærø Kommune", "Fanø Kommune"),
        answers={D1: "Færre genindlæggelser"},
    )
    first = org.export("--partner", "aeroe-kommune")
    for n, text in ((1, "Ærø: ja, for hjemmeplejen"), (2, "Ærø: ja, for sygeplejen")):
        computer = Org(tmp_path / f"aeroe-{n}", tmp_path, run_cli)
        assert computer.import_(first)[0] == 0
        computer.answer({G1: text})
        assert org.import_(computer.export())[0] == 0
    assert list(org.others().values()) == [["Ærø: ja, for sygeplejen"]]
    return org


def test_status_says_to_send_the_partner_the_file_then_to_wait_never_to_settle_it(odense):
    out = flat(odense.ok("status"))

    assert f"Næste skridt: {SEND}" in out
    assert "afgør konflikten" not in out and "afgør konflikterne" not in out
    assert "Se alle udgaver i fuld længde med: spredning konflikter" in out
    assert "Ærø Kommune: i fasen Tjek (1/14); 1 konflikt" in out
    assert SEND in flat(odense.ok("status", "--partner", "aeroe-kommune"))

    odense.ok("eksport", "--partner", "aeroe-kommune")  # as the step says
    odense.ok("vis", "--nye", "--partner", "aeroe-kommune")  # read: waiting is the last thing to do

    out = flat(odense.ok("status"))
    assert WAIT in out and "send filen" not in out and "afgør konflikten" not in out


def test_konflikter_in_a_script_says_send_or_wait_instead_of_settle_it_in_a_terminal(odense):
    out = flat(odense.ok("konflikter"))
    assert f"Næste skridt: {SEND}" in out and "Afgør den i en terminal" not in out

    odense.ok("eksport", "--partner", "aeroe-kommune")

    out = flat(odense.ok("konflikter"))
    assert f"Næste skridt: {WAIT}" in out and "Afgør den i en terminal" not in out
    english = flat(odense.ok("--sprog", "en", "konflikter"))
    assert "wait for an answer from Ærø Kommune" in english


def test_the_home_screen_offers_to_send_the_file_not_to_settle_the_conflict(odense, monkeypatch, run_cli):
    assert "conflicts" not in kinds(workspace(odense.home))
    assert kinds(workspace(odense.home))[0] == "theirs-send"
    with monkeypatch.context() as patched:
        interactive(patched)
        with odense.at_home():
            run = typed(run_cli, ENTER + PAUSE + QUIT)

    assert run.code == 0, run.err
    assert "Send filen til Ærø Kommune, så de kan afgøre konflikten i deres egne svar" in run.screen
    assert "Afgør konflikten" not in run.screen
    assert "Samme som: spredning eksport --partner aeroe-kommune" in run.out
    assert (odense.files / f"{odense.slug}-til-aeroe-kommune.yaml").is_file()
    assert "theirs-send" not in kinds(workspace(odense.home))  # sent: waiting, nothing to do here
    assert "conflicts" not in kinds(workspace(odense.home))
