"""A view marks as read only the news it showed, and only when a person can have read it.

Found in a trial with three organisations: the partner changed an answer in Test and one in Fjern,
the sharing side imported them and looked at Tilpas (nothing new there), and status no longer
mentioned any news; `vis --nye` said there was none, though the answer in Test was never shown.
"""

from __future__ import annotations

import os
import subprocess

import pytest
from exchange_kit import G1, Org, flat, start_sharing
from terminal import COMMAND

T1 = "test.laer-af-test.genbruge.hele-eller-elementer"  # Test · Lær af test · Vi vil genbruge
F1 = "fjern.fjern-forhindringer.genbruge.projekter"  # Fjern · Fjern forhindringer · Vi vil genbruge
SHOWN_T1 = "Kun enkelte elementer"
SHOWN_F1 = "Et projekt om kørsel"


def news_count(org: Org) -> int:
    """How many answers status counts as news from the partner."""
    from spredning.core import local

    state = local.load(org.home, org.slug)
    return sum(len(keys) for keys in state.news.values())


def delete(org: Org, qid: str) -> None:
    """Empty a reusing organisation's answer as the interview does (a new, empty version)."""
    from spredning.app.answering import Session
    from spredning.app.workspace import Settings, Workspace
    from spredning.core.model import Answer

    ws = Workspace(Settings(home=str(org.home)))
    project = ws.store.load(org.slug)
    session = Session(ws, org.slug, "genbruge", project.partners[0])
    question = next(q for q in ws.guide.questions() if q.id == qid)
    assert session.record(question, Answer(), session.entry(question)) is None


@pytest.fixture
def news(tmp_path, run_cli, monkeypatch) -> Org:
    """The sharing side, after importing the partner's changes in Test and Fjern (and Tjek)."""
    monkeypatch.chdir(tmp_path)
    return _news(tmp_path, run_cli)


def _news(tmp_path, run_cli) -> Org:
    sharing = start_sharing(Org(tmp_path / "deler", tmp_path, run_cli))
    reusing = Org(tmp_path / "genbruger", tmp_path, run_cli)
    assert reusing.import_(sharing.export())[0] == 0
    reusing.answer({G1: "Ja, meget"})
    reusing.answer({T1: SHOWN_T1}, phase="test")
    reusing.answer({F1: SHOWN_F1}, phase="fjern")
    code, out, err = sharing.import_(reusing.export())
    assert code == 0, err + out
    assert "læs de 3 nye svar fra partneren: spredning vis --nye" in flat(sharing.ok("status"))
    return sharing


def test_viewing_a_phase_with_nothing_new_leaves_the_news_of_the_other_phases(news):
    out = news.ok("vis", "tilpas", "--ingen-pager")
    assert SHOWN_T1 not in out and SHOWN_F1 not in out

    assert news_count(news) == 3
    assert "læs de 3 nye svar fra partneren: spredning vis --nye" in flat(news.ok("status"))


def test_viewing_one_phase_marks_only_its_news_read(news):
    shown = news.ok("vis", "fjern", "--kun-besvarede", "--ingen-pager")
    assert SHOWN_F1 in shown

    assert "læs de 2 nye svar fra partneren: spredning vis --nye" in flat(news.ok("status"))
    left = flat(news.ok("vis", "--nye", "--ingen-pager"))
    assert SHOWN_T1 in left and "Ja, meget" in left and SHOWN_F1 not in left
    assert "Der er ingen nye svar" in flat(news.ok("vis", "--nye", "--ingen-pager"))


def test_a_side_left_out_keeps_its_news(news):
    news.ok("vis", "test", "--rolle", "dele", "--ingen-pager")  # the partner's side is not shown
    assert news_count(news) == 3
    news.ok("vis", "test", "--rolle", "genbruge", "--ingen-pager")
    assert news_count(news) == 2


def test_an_open_answer_left_out_by_kun_besvarede_stays_news(tmp_path, run_cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    sharing = start_sharing(Org(tmp_path / "deler", tmp_path, run_cli))
    reusing = Org(tmp_path / "genbruger", tmp_path, run_cli)
    assert reusing.import_(sharing.export())[0] == 0
    reusing.answer({T1: SHOWN_T1}, phase="test")
    assert sharing.import_(reusing.export())[0] == 0
    delete(reusing, T1)  # the partner empties it again, as the interview does
    assert sharing.import_(reusing.export())[0] == 0
    assert news_count(sharing) == 1

    sharing.ok("vis", "test", "--kun-besvarede", "--ingen-pager")  # an open answer is not shown
    assert news_count(sharing) == 1
    assert "fjernet: Ærø Kommune har tømt svaret" in flat(sharing.ok("vis", "--nye", "--ingen-pager"))
    assert news_count(sharing) == 0


def test_viewing_everything_marks_everything_read(news):
    news.ok("vis", "--ingen-pager")
    assert news_count(news) == 0
    assert "Der er ingen nye svar" in flat(news.ok("vis", "--nye", "--ingen-pager"))


# --- Where the output goes: the installed command, its stdout a file, the null device or a pipe ---


def installed_vis(org: Org, *args: str, stdout) -> subprocess.CompletedProcess:
    environment = {
        **os.environ,
        "SPREDNING_HJEM": str(org.home),
        "COLUMNS": "80",
        "NO_COLOR": "1",
        "SPREDNING_SPROG": "da",
        "PATH": f"{COMMAND.parent}{os.pathsep}{os.environ.get('PATH', '')}",  # hints say 'spredning'
    }
    return subprocess.run(
        [str(COMMAND), "vis", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        cwd=org.files,
        env=environment,
        timeout=60,
        check=True,
    )


@pytest.mark.e2e
def test_output_to_a_file_or_nowhere_leaves_the_news_and_says_how_to_read_it(tmp_path, run_cli, monkeypatch):
    monkeypatch.chdir(tmp_path)
    sharing = _news(tmp_path, run_cli)
    saved = tmp_path / "svar.txt"
    with saved.open("w", encoding="utf-8") as file:
        done = installed_vis(sharing, "--nye", stdout=file)
    assert SHOWN_T1 in saved.read_text(encoding="utf-8")
    assert news_count(sharing) == 3
    assert (
        "De 3 viste nye svar tæller stadig som nye, fordi udskriften ikke nåede hele vejen til en skærm "
        "(den gik fx til en fil). Se dem med: spredning vis --nye" in flat(done.stderr)
    )

    done = installed_vis(sharing, "test", stdout=subprocess.DEVNULL)
    assert news_count(sharing) == 3
    assert "Det viste nye svar tæller stadig som nyt" in flat(done.stderr)

    installed_vis(sharing, "tilpas", stdout=subprocess.DEVNULL)  # no news there: nothing to say
    assert news_count(sharing) == 3


@pytest.mark.e2e
def test_output_through_a_pipe_is_read(tmp_path, run_cli, monkeypatch):
    """'spredning vis --nye | less': the person reads it in the pager, so the news is read."""
    monkeypatch.chdir(tmp_path)
    sharing = _news(tmp_path, run_cli)
    done = installed_vis(sharing, "--nye", stdout=subprocess.PIPE)
    assert SHOWN_T1 in done.stdout and done.stderr == ""
    assert news_count(sharing) == 0


def test_side_by_side_marks_the_phases_it_showed(news, monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")  # wide enough for both sides next to each other
    news.ok("vis", "tilpas", "--ingen-pager")
    assert news_count(news) == 3
    shown = news.ok("vis", "test", "--ingen-pager")
    assert any("Vi vil dele" in line and "Vi vil genbruge" in line for line in shown.splitlines())
    assert SHOWN_T1 in shown
    assert news_count(news) == 2
