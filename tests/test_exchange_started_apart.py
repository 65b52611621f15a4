"""Two organisations who each started a project of the same name, neither from the other's file.

Reported in a user trial: the import of the partner's file made a second project of that name
without a word about why, so the user had two and did not know which was which. Each test runs
the installed command in two folders, as the two organisations would.
"""

from __future__ import annotations

import pytest
from exchange_kit import D1, G1, G2, NAME, Org, flat, start_sharing, tree

pytestmark = pytest.mark.e2e


@pytest.fixture
def sharing(tmp_path) -> Org:
    return start_sharing(Org(tmp_path / "odense", tmp_path), answers={D1: "Færre genindlæggelser"})


@pytest.fixture
def apart(tmp_path) -> Org:
    """Ærø Kommune starts a project of the same name on its own, answers one question and sends it.

    Sent: Odense knows that project's identity now, so Ærø's is not simply the project Odense's
    file belongs to (that one, never sent, takes the file in: test_import_started_here.py).
    """
    org = Org(tmp_path / "aeroe", tmp_path)
    org.ok(
        "start",
        "--navn",
        NAME,
        "--deler",
        "Odense Kommune",
        "--genbruger",
        "Ærø Kommune",
        "--rolle",
        "genbruge",
        "--organisation",
        "Ærø Kommune",
    )
    org.answer({G1: "Vi har samme udfordring"}, "--rolle", "genbruge")
    org.export()
    return org


def test_a_dry_run_says_the_file_is_from_a_project_of_the_same_name_started_apart(sharing, apart):
    update = sharing.export()
    before = tree(apart.home)

    code, out, err = apart.import_(update, "--tør")

    assert code == 0, err
    said = flat(out)
    assert "som Odense Kommune har startet for sig selv, med samme navn som jeres: 'Genoptræning Ærø'" in said
    assert "svarene kan ikke komme ind i jeres (genoptraening-aeroe)" in said
    assert "Importerer I filen, bliver den et nyt projekt ved siden af jeres: genoptraening-aeroe-2" in said
    assert "Aftal derfor med Odense Kommune, hvilket af de to I fortsætter i, før I importerer" in said
    assert "'spredning vis --kun-besvarede --projekt genoptraening-aeroe'" in said
    assert (
        "hent jeres egne svar fra 'genoptraening-aeroe' ind i det nye projekt med "
        "'spredning projekt flet genoptraening-aeroe --projekt genoptraening-aeroe-2'" in said
    )
    assert "der ikke er i projektmappen" not in said  # they have one of that name: not "a project not here"
    assert tree(apart.home) == before


def test_the_import_says_so_keeps_ours_as_it_was_and_names_the_two_by_their_files(sharing, apart):
    update = sharing.export()
    ours = apart.store.path_for("genoptraening-aeroe").read_bytes()

    code, out, err = apart.import_(update)

    assert code == 0, err
    said = flat(out)
    assert "som Odense Kommune har startet for sig selv, med samme navn som jeres" in said
    assert "Filen er derfor importeret som et nyt projekt ved siden af jeres: genoptraening-aeroe-2" in said
    assert "Jeres eget projekt er uændret" in said
    assert "Nu har I to projekter med samme navn" in said
    assert (
        "skal I ikke skrive jeres egne svar igen: hent dem fra 'genoptraening-aeroe' ind i det med "
        "'spredning projekt flet genoptraening-aeroe --projekt genoptraening-aeroe-2'" in said
    )
    # the project in use stays active; how to switch to the new one is said
    assert "'genoptraening-aeroe' er stadig det aktive projekt" in said
    assert "Skift til det nye med 'spredning projekt brug genoptraening-aeroe-2'" in said
    assert "er nu det aktive projekt" not in said
    assert apart.store.active() == "genoptraening-aeroe"
    # both kept: ours byte for byte, theirs with the partner's answer
    assert apart.store.path_for("genoptraening-aeroe").read_bytes() == ours
    assert apart.texts(slug="genoptraening-aeroe") == {G1: "Vi har samme udfordring"}
    assert apart.texts(slug="genoptraening-aeroe-2") == {D1: "Færre genindlæggelser"}


def test_naming_our_project_of_the_same_name_is_refused_saying_why_and_nothing_changes(sharing, apart):
    update = sharing.export()
    before = tree(apart.home)

    code, out, err = apart.import_(update, "--projekt", "genoptraening-aeroe")

    assert code == 2, out
    said = flat(err)
    assert f"hører ikke til jeres projekt '{NAME}', men til et andet projekt med samme navn" in said
    assert "som Odense Kommune har startet for sig selv" in said
    assert f"ikke til '{NAME}'" not in said  # not "belongs to 'X', not to 'X'"
    assert "Importér filen uden --projekt" in said
    assert tree(apart.home) == before


def test_the_sharing_side_is_told_too_naming_the_reusing_organisation(sharing, apart):
    code, out, err = sharing.import_(apart.export())

    assert code == 0, err
    said = flat(out)
    assert "som Ærø Kommune har startet for sig selv, med samme navn som jeres" in said
    assert sharing.texts(slug="genoptraening-aeroe") == {D1: "Færre genindlæggelser"}


def test_the_english_edition_says_it_in_english(sharing, apart):
    code, out, err = apart("--sprog", "en", "importer", str(sharing.export()), "--tør")

    assert code == 0, err
    said = flat(out)
    assert (
        "comes from a project that Odense Kommune started on their own, with the same name as yours" in said
    )
    assert "agree with Odense Kommune which of the two you continue in before you import" in said


@pytest.mark.parametrize("dry", [False, True])
def test_the_advice_to_move_our_answers_over_names_our_drafts_too(sharing, apart, dry):
    """'vis --kun-besvarede' shows answers only: a draft would stay behind in the old project."""
    apart.store.update_local(
        "genoptraening-aeroe", lambda state: state._replace(drafts={f"aeroe-kommune/{G2}": "Halvt skrevet"})
    )
    update = sharing.export()

    code, out, err = apart.import_(update, *(("--tør",) if dry else ()))

    assert code == 0, err
    said = flat(out)
    assert "'spredning vis --kun-besvarede --projekt genoptraening-aeroe'" in said
    assert "'genoptraening-aeroe' har også 1 kladde, der ikke er gemt som svar" in said
    assert "'spredning status --projekt genoptraening-aeroe'" in said
    shown = flat(apart.ok("status", "--projekt", "genoptraening-aeroe"))
    assert "Kladde, der ikke er gemt som svar: »Har I de samme behov?«" in shown  # where the advice points


def test_without_drafts_the_advice_says_nothing_of_them(sharing, apart):
    code, out, err = apart.import_(sharing.export(), "--tør")

    assert code == 0, err
    assert "kladde" not in flat(out)


def test_in_english_the_advice_names_our_drafts_too(sharing, apart):
    apart.store.update_local(
        "genoptraening-aeroe", lambda state: state._replace(drafts={f"aeroe-kommune/{G2}": "Halvt skrevet"})
    )

    out = flat(apart.ok("--sprog", "en", "importer", str(sharing.export())))

    assert "'genoptraening-aeroe' also has 1 draft that is not saved as an answer" in out
    assert "'spredning --sprog en status --projekt genoptraening-aeroe'" in out


def test_our_own_export_names_only_the_ending_of_the_partners_file_whose_name_we_cannot_know(sharing, apart):
    """Ærø has two projects of the name, so its file for the shared one is '...-2-fra-aeroe-kommune.yaml'."""
    assert apart.import_(sharing.export())[0] == 0  # at Ærø beside its own: genoptraening-aeroe-2
    apart.answer({G2: "Ja"}, "--rolle", "genbruge", "--projekt", "genoptraening-aeroe-2")
    apart.ok("eksport", "--projekt", "genoptraening-aeroe-2")
    theirs = apart.files / "genoptraening-aeroe-2-fra-aeroe-kommune.yaml"
    assert theirs.is_file()
    ours = sharing.files / "genoptraening-aeroe-til-aeroe-kommune.yaml"
    sharing.ok("eksport", "--ud", str(ours), "--overskriv")

    for language, words in (("da", "dens navn ender normalt på "), ("en", "its name usually ends in ")):
        code, _, err = sharing("--sprog", language, "importer", ours.name)

        assert code == 1
        said = flat(err)
        assert f"{words}-fra-aeroe-kommune.yaml." in said
        assert "genoptraening-aeroe-fra-aeroe-kommune.yaml" not in said  # a name Ærø's file does not have
        assert theirs.name.endswith("-fra-aeroe-kommune.yaml")


def test_the_name_two_projects_share_is_refused_naming_both_files_and_nothing_is_moved(sharing, apart):
    # Found trying it: after the import, 'projekt brug NAME' quietly chose the first of the two
    # ("Aktivt projekt: NAME", no file named), and 'projekt fjern NAME --ja' moved the old one away
    # though the user may have meant the other: the name fits both
    apart.import_(sharing.export())
    before = tree(apart.home)

    for args in (
        ("projekt", "brug", NAME),
        ("projekt", "fjern", NAME, "--ja"),
        ("--projekt", NAME, "status"),
    ):
        code, _, err = apart(*args)

        said = flat(err)
        assert code != 0
        assert f"2 projekter hedder '{NAME}': genoptraening-aeroe og genoptraening-aeroe-2." in said
        assert "Skriv filnavnet på det, I mener, i stedet for navnet" in said
    assert tree(apart.home) == before
    assert apart.ok("projekt", "brug", "genoptraening-aeroe-2")
