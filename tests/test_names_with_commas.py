"""A reusing organisation's name may hold a comma ('Hjemmehjælp Fyn, ApS', 'Odense Kommune,
Sundhed'): the project's facts then name each organisation on a line of its own, since names joined
with ", " could no longer be told apart. Names without a comma stay on one line, as before.
"""

from __future__ import annotations

from exchange_kit import installed

START = ("start", "--navn", "Tryg udskrivning", "--deler", "Region Syddanmark", "--rolle", "dele")


def facts(out: str) -> list[str]:
    """The lines of the project's facts at the top of 'status'."""
    lines = out.splitlines()
    return lines[: next(n for n, line in enumerate(lines) if line.startswith("Jeres side"))]


def test_names_with_a_comma_are_each_on_a_line_of_their_own(tmp_path):
    home = tmp_path / "hjem"
    named = ("--genbruger", "Hjemmehjælp Fyn, ApS", "--genbruger", "Sygehus Lillebælt")
    assert installed(*START, *named, home=home, cwd=tmp_path)[0] == 0

    code, out, err = installed("status", home=home, cwd=tmp_path)

    assert code == 0, err
    shown = facts(out)
    at = next(n for n, line in enumerate(shown) if line.startswith("Genbrugere"))
    assert shown[at].split(maxsplit=1)[1].strip() == "Hjemmehjælp Fyn, ApS"
    assert shown[at + 1].strip() == "Sygehus Lillebælt" and shown[at + 1].startswith(" ")


def test_names_without_a_comma_stay_on_one_line(tmp_path):
    home = tmp_path / "hjem"
    named = ("--genbruger", "Odense Kommune", "--genbruger", "Sygehus Lillebælt")
    assert installed(*START, *named, home=home, cwd=tmp_path)[0] == 0

    code, out, err = installed("status", home=home, cwd=tmp_path)

    assert code == 0, err
    assert any(line.split(maxsplit=1)[1:] == ["Odense Kommune, Sygehus Lillebælt"] for line in facts(out)), (
        out
    )


def test_a_list_of_names_in_words_is_parted_by_semicolons_when_a_name_holds_a_comma(tmp_path):
    """The report names the organisations in a sentence ('A, B og C'): with a comma in a name, '; '."""
    home = tmp_path / "hjem"
    named = (
        "--genbruger",
        "Hjemmehjælp Fyn, ApS",
        "--genbruger",
        "Sygehus Lillebælt",
        "--genbruger",
        "Vejle",
    )
    assert installed(*START, *named, home=home, cwd=tmp_path)[0] == 0
    report = tmp_path / "rapport.md"

    code, _, err = installed(
        "rapport", "--oversigt", "--format", "md", "--ud", str(report), home=home, cwd=tmp_path
    )

    assert code == 0, err
    text = report.read_text(encoding="utf-8")
    assert "Hjemmehjælp Fyn, ApS; Sygehus Lillebælt og Vejle" in text, text[:600]


def test_names_without_a_comma_are_listed_with_commas_in_words():
    from spredning import i18n

    assert i18n.join(["Odense", "Vejle", "Ærø"]) == "Odense, Vejle og Ærø"
    assert i18n.join(["Fyn, ApS", "Vejle"]) == "Fyn, ApS og Vejle"  # two: no separator between them


def test_a_partner_whose_name_holds_a_comma_is_found_by_its_words(tmp_path):
    """'--partner "Hjemmehjælp Fyn"' (its first words) names 'Hjemmehjælp Fyn, ApS'; 'Fyn ApS' (words
    from inside it) is said to mean it. The comma after 'Fyn' made both look like no partner."""
    home = tmp_path / "hjem"
    named = ("--genbruger", "Hjemmehjælp Fyn, ApS", "--genbruger", "Odense Kommune")
    assert installed(*START, *named, home=home, cwd=tmp_path)[0] == 0

    code, out, err = installed("eksport", "--partner", "Hjemmehjælp Fyn", home=home, cwd=tmp_path)
    assert code == 0, err
    assert list(tmp_path.glob("*-til-hjemmehjaelp-fyn-aps.yaml")), out

    code, _, err = installed("eksport", "--partner", "Fyn ApS", home=home, cwd=tmp_path)
    assert code == 2 and "Mente du 'Hjemmehjælp Fyn, ApS'?" in " ".join(err.split()), err
