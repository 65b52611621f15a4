"""cli/typer_compat.py: one test per behaviour it patches in Typer (pinned to 0.28 in pyproject.toml).

If a Typer upgrade breaks one of these, the test names which behaviour to mend.
"""

from __future__ import annotations

import pytest
from exchange_kit import installed

from spredning.cli import typer_compat


def test_1_help_pages_use_the_catalogues_words_and_write_required_arguments_plainly(
    run_cli, monkeypatch, tmp_path
):
    code, out, _ = run_cli("--help")
    assert code == 0
    assert out.startswith("Anvendelse: spredning [TILVALG] KOMMANDO [ARGUMENTER]...")
    assert "Tilvalg:" in out and "Kommandoer:" in out and "Vis denne hjælp og afslut." in out
    assert "Usage" not in out and "Options" not in out and "Show this message" not in out
    # a process of its own: in this one, another test may have built 'fase' in English (an argument's
    # name is read when its module is first imported: cli/main.py _commands_in)
    code, out, _ = installed("fase", "--help", home=tmp_path, cwd=tmp_path)
    assert "Anvendelse: spredning fase [TILVALG] FASE" in out and "{FASE}" not in out
    assert "Argumenter:" in out


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (("status", "--ukendt"), "Tilvalget --ukendt findes ikke."),
        (("guide", "--rolle"), "Tilvalget --rolle skal have en værdi."),
        (("fase",), "Der mangler en fase: skriv, hvilken fase I vil svare på, fx 'spredning fase tjek'."),
        (("guide", "tjek", "ekstra"), "Der er et argument for meget: ekstra"),
        (("guide", "tjek", "a", "b"), "Der er for mange argumenter: a, b"),
        (("statsu",), "Kommandoen 'statsu' findes ikke. Mente du 'status' eller 'start'?"),
        (("--hjem", "x"), "Der mangler en kommando."),
    ],
)
def test_2_usage_errors_are_told_apart_by_class_and_said_from_the_catalogue(run_cli, argv, said):
    code, _, err = run_cli(*argv)
    assert code == 2
    assert said in " ".join(err.split())
    assert "Se 'spredning" in err and "--help' for at få hjælp." in err
    assert "Error" not in err and "Usage" not in err and "Did you mean" not in err


@pytest.mark.parametrize(
    ("argv", "help_command"),
    [
        (("--sprog", "en", "arbejdsark", "test"), "spredning --sprog en arbejdsark --help"),
        (("--sprog", "en", "statsu"), "spredning --sprog en --help"),
        (("--sprog", "en", "status", "--ukendt"), "spredning --sprog en status --help"),
        (("--sprog", "en", "projekt", "brug"), "spredning --sprog en projekt brug --help"),
    ],
)
def test_2_the_help_a_usage_error_points_to_is_in_the_language_chosen(run_cli, argv, help_command):
    # without --sprog en the help pointed to would be the Danish one
    code, _, err = run_cli(*argv)
    assert code == 2
    assert f"See '{help_command}' for help." in " ".join(err.split())


def test_2_every_click_usage_error_class_has_a_message():
    exceptions = typer_compat._click_exceptions
    for kind in (
        exceptions.NoSuchOption("--x"),
        exceptions.BadOptionUsage("--x", "m"),
        exceptions.MissingParameter(),
        exceptions.BadParameter("m"),
        exceptions.UsageError("m"),
    ):
        message = typer_compat.usage_message(kind)
        assert message.key.startswith("usage.")


def test_3_the_command_list_shows_short_help_that_is_never_cut_off(run_cli):
    _, out, _ = run_cli("--help")
    commands = out.split("Kommandoer:")[1]
    assert "..." not in commands
    assert "  projekter   Alle projekter og deres fremdrift." in commands


@pytest.mark.parametrize("columns", [40, 45])
@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("words", [[], ["fase"], ["rapport"], ["plan", "tilføj"]], ids=" ".join)
def test_4_a_help_page_fits_a_window_narrower_than_clicks_least(tmp_path, words, language, columns):
    """At 40 columns click wrote lines of 48 and explanations 10 letters wide: the terminal folded them."""
    env = {"COLUMNS": str(columns), "SPREDNING_SPROG": language}
    code, out, err = installed(*words, "--help", home=tmp_path, cwd=tmp_path, env=env)
    assert (code, err) == (0, "")
    assert [line for line in out.splitlines() if len(line) > columns] == []
    explanation = "Vis denne hjælp og afslut." if language == "da" else "Show this help and exit."
    assert explanation in " ".join(out.split())  # every word of it on the page


def test_4_a_help_page_in_a_wide_window_is_laid_out_as_click_does(run_cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    _, out, _ = run_cli("fase", "--help")
    assert "  -r, --rolle dele|genbruge  Siden: dele (I deler" in out


def test_the_pinned_typer_is_the_one_tested():
    import typer

    assert typer.__version__.startswith("0.28."), "typer_compat.py is tested on Typer 0.28 only"
