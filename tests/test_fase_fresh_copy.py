"""`fase --svar` on a fresh copy of a project (a git clone, a copied folder): no side is set yet.

Found in a trial: the error's example said `--rolle genbruge` for a file of the sharing side's
answers, and following it set the computer to the reusing side although the file was refused.
"""

from __future__ import annotations

import shutil

import pytest
from exchange_kit import D1, G1, Org, flat, start_sharing

from spredning.core import local

pytestmark = pytest.mark.usefixtures("work_in_tmp")


@pytest.fixture
def copy(tmp_path, run_cli) -> Org:
    """A second computer with the project file copied in, nothing else (no side, no state)."""
    odense = start_sharing(Org(tmp_path / "odense", tmp_path, run_cli))
    org = Org(tmp_path / "kopi", tmp_path, run_cli)
    org.home.mkdir(parents=True)
    shutil.copy(odense.store.path_for(odense.slug), org.home)
    return org


def test_without_a_side_the_example_names_the_side_the_file_answers_for(copy, tmp_path):
    answers = tmp_path / "mine svar.yaml"
    answers.write_text(f"{D1}: Formålet\n", encoding="utf-8")

    code, _, err = copy("fase", "tjek", "--svar", str(answers))

    assert code == 2
    assert f"Fx: spredning fase tjek --rolle dele --svar '{answers}'" in flat(err)
    assert local.load(copy.home, copy.slug).side is None


def test_a_refused_answers_file_does_not_set_the_side(copy, tmp_path):
    answers = tmp_path / "svar.yaml"
    answers.write_text(f"{D1}: Formålet\n", encoding="utf-8")  # the sharing side's question

    code, _, err = copy("fase", "tjek", "--rolle", "genbruge", "--svar", str(answers))

    assert code == 1
    assert "er et spørgsmål til siden 'dele', ikke til siden 'genbruge'" in flat(err)
    assert "På denne computer er I nu" not in flat(err)
    assert local.load(copy.home, copy.slug).side is None
    assert copy.ok("fase", "tjek", "--rolle", "dele", "--svar", str(answers))  # the right side: saved
    assert local.load(copy.home, copy.slug).side == "dele"


def test_an_accepted_answers_file_sets_the_side_as_before(copy, tmp_path):
    answers = tmp_path / "svar.yaml"
    answers.write_text(f"{G1}: Behovet\n", encoding="utf-8")

    out = copy.ok("fase", "tjek", "--rolle", "genbruge", "--svar", str(answers))

    assert "På denne computer er I nu: Vi vil genbruge (Ærø Kommune)." in flat(out)
    assert local.load(copy.home, copy.slug).side == "genbruge"


def test_an_answers_file_refused_for_replacing_answers_does_not_set_the_side(copy, tmp_path):
    """The copy holds Odense's answer; a file that would replace it is refused before anything is
    remembered, as a file with a wrong id is."""
    answers = tmp_path / "svar.yaml"
    answers.write_text(f"{D1}: Formålet\n", encoding="utf-8")
    assert copy.ok("fase", "tjek", "--rolle", "dele", "--svar", str(answers))
    state = local.state_path(copy.home, copy.slug)
    state.unlink()  # a fresh copy again: no side
    answers.write_text(f"{D1}: Et andet formål\n", encoding="utf-8")

    code, out, err = copy("fase", "tjek", "--rolle", "dele", "--svar", str(answers))

    assert code == 2
    assert "Svarfilen ville erstatte et gemt svar" in flat(err)
    assert "På denne computer er I nu" not in flat(out + err)
    assert local.load(copy.home, copy.slug).side is None
