"""A version (an answer's history) is never written in a form the program cannot read back.

A partner's file may bring versions near what a file can hold (by hand, by another program, on
purpose); the next edit, join or decision would then write one past it, and every command would
refuse the project file. So a file holds far more than a partner's file may bring: what comes in
leaves room, what does not fit is refused on import, and `written` refuses to write what `parse`
would refuse.
"""

from __future__ import annotations

import re

import pytest
import yaml
from exchange_kit import D1, D2, Org, flat, start_sharing
from hypothesis import given
from hypothesis import strategies as st

from spredning.core import history
from spredning.core.errors import SpredningError
from spredning.core.model import Answer

NAME = "Sikre Versioner"


@pytest.fixture
def pair(tmp_path, run_cli, monkeypatch) -> tuple[Org, Org]:
    """The sharing side with two answers, and a reusing side that imported them."""
    monkeypatch.chdir(tmp_path)
    sharing = Org(tmp_path / "odense", tmp_path, run_cli)
    reusing = Org(tmp_path / "aeroe", tmp_path, run_cli)
    start_sharing(sharing, name=NAME, reusers=("Ærø",), answers={D1: "Et formål", D2: "En løsning"})
    reusing.ok("importer", str(sharing.export()))
    return sharing, reusing


def forged(sent, question: str, extra: str, tmp_path) -> object:
    """The exported file with `extra` pairs added to one answer's version."""
    text = sent.read_text(encoding="utf-8")
    block = text.index(f"{question}:")
    line = re.compile(r"(version: [^\n]*)").search(text, block)
    assert line is not None
    path = tmp_path / "forfalsket.yaml"
    path.write_text(text[: line.end()] + " " + extra + text[line.end() :], encoding="utf-8")
    return path


def copy_of(org: Org) -> str:
    state = yaml.safe_load((org.home / ".spredning" / f"{org.slug}.yaml").read_text(encoding="utf-8"))
    return state["kopi"]


@pytest.mark.parametrize("count", [history.INCOMING_MAX_COUNT, 10**6])
def test_an_answer_at_the_highest_count_a_partner_may_send_can_still_be_changed(pair, tmp_path, count):
    sharing, reusing = pair
    path = forged(sharing.export(), D1, f"{copy_of(reusing)}:{count}", tmp_path)
    code, _, err = reusing.import_(path)
    assert code == 0, err

    reusing.answer({D1: "Vi retter formålet"}, "--rolle", "dele")  # one more change here: count + 1

    assert reusing.texts()[D1] == "Vi retter formålet"  # the file reads back
    code, _, err = reusing("status")
    assert code == 0, err


@pytest.mark.parametrize(
    "extra",
    [
        f"abc:{history.INCOMING_MAX_COUNT + 1}",
        " ".join(f"k{n:03d}:1" for n in range(history.INCOMING_MAX_PAIRS)),  # 64 more than the 1-2 there
    ],
)
def test_a_partners_version_beyond_what_it_may_send_is_refused_and_nothing_changes(pair, tmp_path, extra):
    sharing, reusing = pair
    path = forged(sharing.export(), D1, extra, tmp_path)
    before = reusing.path.read_bytes()

    code, _, err = reusing.import_(path)

    assert code == 1
    said = flat(err)
    assert "er ikke lavet af spredning" in said and "Intet er hentet" in said
    assert "• Tjek · Beskriv innovationen · Vi vil dele: Hvad er formålet?" in said
    assert reusing.path.read_bytes() == before


@given(
    copies=st.lists(st.from_regex(r"[a-z0-9]{1,16}", fullmatch=True), min_size=1, unique=True, max_size=70),
    counts=st.lists(st.integers(1, history.INCOMING_MAX_COUNT), min_size=70, max_size=70),
    edits=st.integers(1, 3),
)
def test_what_fits_a_partners_file_reads_back_after_joins_and_edits(copies, counts, edits):
    """Two partner versions joined, settled and edited again: written, then read back the same."""
    half = len(copies) // 2
    first = tuple(sorted(zip(copies[:half], counts, strict=False)))[: history.INCOMING_MAX_PAIRS]
    second = tuple(sorted(zip(copies[half:], counts[half:], strict=False)))[: history.INCOMING_MAX_PAIRS]
    assert history.fits(first) and history.fits(second)
    version = history.joined([first, second])
    for n in range(edits):
        version = history.bumped(version, f"lokal{n}")
    answer = Answer(text="Et svar", version=version)

    check, read = history.parse(history.written(answer)) or (None, None)

    assert read == version and check == history.checksum(answer)


def test_a_version_past_what_a_file_holds_is_never_written():
    too_many = tuple(sorted((f"k{n:04d}", 1) for n in range(history.MAX_PAIRS + 1)))
    for version in (too_many, (("abc", history.MAX_COUNT + 1),)):
        with pytest.raises(SpredningError) as caught:
            history.written(Answer(text="x", version=version))
        assert caught.value.key == "project.version-too-long"
    at_most = tuple(sorted((f"k{n:04d}", history.MAX_COUNT) for n in range(history.MAX_PAIRS)))
    assert history.parse(history.written(Answer(text="x", version=at_most))) is not None


def test_two_refused_answers_are_both_named_with_no_mark_of_more(pair, tmp_path):
    sharing, reusing = pair
    extra = f"abc:{history.INCOMING_MAX_COUNT + 1}"
    once = forged(sharing.export(), D1, extra, tmp_path)
    twice = forged(once, D2, extra, tmp_path)

    code, _, err = reusing.import_(twice)

    assert code == 1
    said = flat(err)
    assert "versionerne af 2 svar er ikke lavet af spredning" in said and "…" not in said
    assert said.count("• Tjek · Beskriv innovationen · Vi vil dele: ") == 2
