"""No home folder to be found: $HOME not set, and a user the system has no entry for.

A container run with a user id of its own (`docker run -u 1234`, OpenShift) has no $HOME and no
line in /etc/passwd; the default projects folder (~/.local/share/spredning) and a `~` in
$SPREDNING_HJEM cannot be worked out. That was "an unexpected error: RuntimeError"; it is now said
in words, with the way round it (a full path in --hjem or $SPREDNING_HJEM).
"""

from __future__ import annotations

import pwd

import pytest


@pytest.fixture
def nobody_known(monkeypatch):
    """$HOME unset, and the system's user database without the user running the program."""

    def unknown(uid: int):
        raise KeyError(f"getpwuid(): uid not found: {uid}")

    monkeypatch.delenv("HOME", raising=False)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setattr(pwd, "getpwuid", unknown)


@pytest.mark.parametrize(
    "command", [("projekter",), ("status",), ("start", "--navn", "Prøve", "--rolle", "dele")]
)
def test_no_home_folder_is_said_in_words_with_the_way_round_it(run_cli, monkeypatch, nobody_known, command):
    monkeypatch.delenv("SPREDNING_HJEM", raising=False)
    code, _out, err = run_cli(*command)
    assert code == 1
    words = " ".join(err.split())
    assert "uventet" not in words and "RuntimeError" not in words
    assert "kan ikke finde din hjemmemappe" in words
    assert "--hjem eller $SPREDNING_HJEM" in words


def test_a_tilde_in_spredning_hjem_without_a_home_folder(run_cli, monkeypatch, nobody_known):
    monkeypatch.setenv("SPREDNING_HJEM", "~/projekter")
    code, _out, err = run_cli("status")
    assert code == 1
    assert "kan ikke finde din hjemmemappe" in " ".join(err.split())


def test_a_full_path_in_spredning_hjem_needs_no_home_folder(run_cli, monkeypatch, nobody_known, tmp_path):
    monkeypatch.setenv("SPREDNING_HJEM", str(tmp_path / "hjem"))
    code, _out, err = run_cli("start", "--navn", "Prøve", "--rolle", "dele", "--beskrivelse", "Genoptræning")
    assert code == 0, err
    assert (tmp_path / "hjem" / "proeve.yaml").is_file()
