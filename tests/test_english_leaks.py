"""The English edition as an English-speaking partner meets it: no Danish text of the program's own.

A partner (a consultant from another country working with a Danish municipality) sets
SPREDNING_SPROG=en and uses the program as a Danish user would: the example project, its views,
the files for the partner, and the mistakes anyone makes. Every line the program writes is
scanned for the Danish catalogue's own words (its texts that the English catalogue does not
share); the command names and options stay Danish by design and are not such texts.
"""

from __future__ import annotations

import functools
import re

import pytest

from spredning.i18n import catalogue

# Runs of two words or more from each Danish text, split where a value, a quoted command or a
# line break is put in; whatever of them the English catalogue also says is no leak.
_PIECE = re.compile(r"\{[^{}]*\}|'[^']*'|\n")


def _texts(entries: dict[str, object]) -> list[str]:
    return [
        str(form)
        for value in entries.values()
        for form in (value.values() if isinstance(value, dict) else [value])
    ]


@functools.cache
def danish_only_pieces() -> tuple[str, ...]:
    """The Danish catalogue's wording that no English text has, as whole runs of words."""
    english = " ".join(" ".join(_texts(catalogue("en"))).split())
    pieces = set()
    for text in _texts(catalogue("da")):
        for piece in _PIECE.split(text):
            piece = " ".join(piece.strip(" .,:;()–-").split())
            if len(piece.split()) >= 2 and piece not in english:
                pieces.add(piece)
    return tuple(sorted(pieces))


def leaks(output: str) -> list[str]:
    said = " ".join(output.split())
    found = [piece for piece in danish_only_pieces() if piece in said]  # then as whole words: not 'kind in'
    return [piece for piece in found if re.search(rf"(?<!\w){re.escape(piece)}(?!\w)", said)]


def test_the_scan_finds_danish_catalogue_text():
    from spredning import i18n

    i18n.set_language("da")
    danish = i18n.t("usage.unknown-language", value="fransk", known=list(i18n.LANGUAGES))
    i18n.set_language("en")
    english = i18n.t("usage.unknown-language", value="fransk", known=list(i18n.LANGUAGES))
    assert leaks(danish) and not leaks(english)


# What the partner runs, in order, with no terminal to ask in (a script, a pipe): each shows text
# of its own, an error and its hint among them.
RUNS = [
    ("start", "--eksempel"),
    ("projekt", "side", "dele"),
    ("status",),
    ("vis", "check", "--ingen-pager"),
    ("projekter",),
    ("plan",),
    ("klarhed",),
    ("konflikter",),
    ("guide", "--overblik"),
    ("dagsorden",),
    ("møde",),
    ("eksport",),
    ("arbejdsark",),
    ("rapport", "--format", "md"),
    ("godkend", "check"),
    ("plan", "tilføj"),
    ("fase", "check"),
    ("start",),
    ("importer", "svar-fra-partner.yaml"),
    ("importer",),
    ("vis", "--foo"),
    ("klarhed", "check", "purple"),
    ("rapport", "--format", "xyz"),
    ("--sprog", "fransk", "status"),
    ("status", "--projekt", "nope"),
]


@pytest.mark.parametrize("how", ["SPREDNING_SPROG", "locale"])
def test_a_partner_reading_english_meets_no_danish_text_of_the_programs(run_cli, monkeypatch, tmp_path, how):
    monkeypatch.setenv("SPREDNING_HJEM", str(tmp_path / "projects"))
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv(*(("SPREDNING_SPROG", "en") if how == "SPREDNING_SPROG" else ("LANG", "en_GB.UTF-8")))
    monkeypatch.chdir(tmp_path)
    found = {}
    for argv in RUNS:
        _, out, err = run_cli(*argv)
        assert out + err, argv
        if leaks(out + err):
            found[" ".join(argv)] = leaks(out + err)
    written = sorted(tmp_path.glob("*.md")) + sorted(tmp_path.glob("*.docx"))
    assert len(written) == 3  # the agenda, the report and the worksheet
    for path in written:
        text = path.read_text(encoding="utf-8") if path.suffix == ".md" else _words_of(path)
        if leaks(text):
            found[path.name] = leaks(text)
    assert found == {}


def _words_of(document) -> str:
    """A Word file's text as a reader sees it (its paragraphs and tables), tags taken out."""
    import zipfile

    with zipfile.ZipFile(document) as package:
        return re.sub(r"<[^>]+>", " ", package.read("word/document.xml").decode("utf-8"))
