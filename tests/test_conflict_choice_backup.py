"""A choice in a conflict that leaves the text that stood here behind keeps the project file as it was.

Choosing the partner's version (in 'importer' or 'konflikter') replaces the text that stood here; a
wrong choice must not lose it. The copy NAVN.yaml.bak-... is made first and named, as an import
that changes our own answers does. Keeping our own version replaces nothing: no copy, no word of one.
"""

from __future__ import annotations

from exchange_kit import D1, Org, flat, start_sharing
from homekit import DOWN, ENTER, interactive, typed


def _conflict(tmp_path, run_cli) -> tuple[Org, object]:
    """Odense and Ærø both change Odense's answer D1; Ærø's file is ready for Odense to import."""
    sharing = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli), answers={D1: "Odenses formål"})
    aeroe = Org(tmp_path / "aeroe-kommune", tmp_path, run_cli)
    assert aeroe.import_(sharing.export())[0] == 0
    aeroe.answer({D1: "Ærøs udgave af formålet"}, "--rolle", "dele")  # written for Odense, at a workshop
    sharing.answer({D1: "Odenses nye formål, skrevet efter mødet"})
    return sharing, aeroe.export()


def _backups(org: Org) -> set:
    return set(org.path.parent.glob(org.path.name + ".bak-*"))


def test_choosing_the_partners_version_on_import_keeps_a_copy_with_our_text(tmp_path, monkeypatch, run_cli):
    sharing, file = _conflict(tmp_path, run_cli)
    before = _backups(sharing)
    with monkeypatch.context() as patched, sharing.at_home():
        interactive(patched)
        run = typed(run_cli, DOWN + ENTER, "importer", str(file))  # the second choice: Ærø's version

    assert run.code == 0, run.err + run.out
    assert sharing.texts()[D1] == "Ærøs udgave af formålet"
    new = _backups(sharing) - before
    assert len(new) == 1
    (copy,) = new
    assert "Odenses nye formål, skrevet efter mødet" in copy.read_text(encoding="utf-8")
    said = flat(run.out + run.err)
    assert "Teksten, der stod her, før I valgte en anden udgave, er gemt i en kopi af projektfilen:" in said
    assert copy.name in said.replace(" ", "")
    assert "tidligere svar står helt i den" not in said  # the file itself replaced nothing of ours


def test_keeping_our_version_on_import_makes_no_copy(tmp_path, monkeypatch, run_cli):
    sharing, file = _conflict(tmp_path, run_cli)
    before = _backups(sharing)
    with monkeypatch.context() as patched, sharing.at_home():
        interactive(patched)
        run = typed(run_cli, ENTER, "importer", str(file))  # the first choice: our own version

    assert run.code == 0, run.err + run.out
    assert sharing.texts()[D1] == "Odenses nye formål, skrevet efter mødet"
    assert _backups(sharing) == before
    assert "før I valgte en anden udgave" not in flat(run.out + run.err)


def test_choosing_the_partners_version_in_konflikter_keeps_a_copy(tmp_path, monkeypatch, run_cli):
    sharing, file = _conflict(tmp_path, run_cli)
    assert sharing.import_(file)[0] == 0  # no terminal: the conflict waits
    before = _backups(sharing)
    with monkeypatch.context() as patched, sharing.at_home():
        interactive(patched)
        run = typed(run_cli, DOWN + ENTER, "konflikter")

    assert run.code == 0, run.err + run.out
    assert sharing.texts()[D1] == "Ærøs udgave af formålet"
    (copy,) = _backups(sharing) - before
    assert "Odenses nye formål, skrevet efter mødet" in copy.read_text(encoding="utf-8")
    said = flat(run.out)
    assert "før I valgte en anden udgave, er gemt i en kopi af projektfilen" in said
    # trial6: the copy was named after the next step, below the command to send; it is said first
    assert said.index("er gemt i en kopi af projektfilen") < said.index("Næste skridt")


def test_the_file_again_after_choosing_its_version_is_unchanged_not_an_older_version(
    tmp_path, monkeypatch, run_cli
):
    """After choosing Ærø's text, the same file again brings that very text: nothing skipped or said."""
    sharing, file = _conflict(tmp_path, run_cli)
    with monkeypatch.context() as patched, sharing.at_home():
        interactive(patched)
        assert typed(run_cli, DOWN + ENTER, "importer", str(file)).code == 0

    code, out, err = sharing.import_(file)

    assert code == 0, err
    said = flat(out + err)
    assert "1 uændret" in said
    assert "sprunget over" not in said and "ældre udgave" not in said


def test_keeping_both_in_konflikter_replaces_nothing_so_no_copy_is_said(tmp_path, monkeypatch, run_cli):
    """'Begge, efter hinanden' keeps the text that stood here whole: no copy made, none named."""
    sharing, file = _conflict(tmp_path, run_cli)
    assert sharing.import_(file)[0] == 0  # no terminal: the conflict waits
    before = _backups(sharing)
    with monkeypatch.context() as patched, sharing.at_home():
        interactive(patched)
        run = typed(run_cli, DOWN + DOWN + ENTER, "konflikter")

    assert run.code == 0, run.err + run.out
    assert "Begge, efter hinanden" in run.screen
    assert sharing.texts()[D1] == "Odenses nye formål, skrevet efter mødet\n\nÆrøs udgave af formålet"
    assert _backups(sharing) == before
    assert "før I valgte en anden udgave" not in flat(run.out + run.err)
