"""An answer as the text of a field, and a field's text as an answer.

A field shows the answer's text line by line (one paragraph a line). A question marked "not
relevant" shows "Ikke relevant: begrundelse" (or just "Ikke relevant"), and a partner marks one the
same way: a field whose text starts with the words "Ikke relevant", followed by a colon, a full
stop, a dash or the end of the line, is "not relevant" with the rest as the reason. "Ikke relevant for os,
fordi ..." stays an ordinary answer. An empty field is no answer (a deletion, when there was one).
"""

from __future__ import annotations

import re

from spredning import i18n
from spredning.core import model
from spredning.core.model import Answer
from spredning.core.textsafe import xml_safe
from spredning.i18n import t


def normalise(text: str) -> str:
    """A field's text as it is compared and saved: the rule for a typed answer (model.normalise).

    No blank lines or spaces around it, no spaces at the end of a line; tabs stay.
    """
    return model.normalise(xml_safe(text))


def shown(answer: Answer | None) -> str:
    """The text a field shows for an answer (empty for none)."""
    if answer is None or answer.empty:
        return ""
    if answer.not_relevant:
        reason = answer.text.strip()
        return xml_safe(t("worksheet.not-relevant-reason", reason=reason) if reason else _word())
    return xml_safe(answer.text)


def to_answer(text: str) -> Answer:
    """The answer a field's text gives (its history is decided elsewhere)."""
    text = normalise(text)
    match = _marker().match(text)
    if match is None:
        return Answer(text=text)
    return Answer(text=text[match.end() :].strip(), not_relevant=True)


def _word() -> str:
    return t("worksheet.not-relevant")


def _marker() -> re.Pattern:
    """The "not relevant" mark in any of the program's languages.

    A sheet may be made in one language and read back in the other.
    """
    spellings = {i18n.catalogue(code).get("worksheet.not-relevant") for code in i18n.LANGUAGES} | {_word()}
    alternatives = "|".join(
        r"[\s\-]+".join(re.escape(word) for word in str(spelling).split())
        for spelling in sorted(s for s in spellings if isinstance(s, str))
    )
    return re.compile(rf"^(?:{alternatives})(?:[ \t]*[:.\-–—]|[ \t]*(?:\n|$))", re.IGNORECASE)
