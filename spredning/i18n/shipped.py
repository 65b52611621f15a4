"""Reading one language's catalogue files, and what is said when they are broken.

The catalogue ships with the program, so a broken one is a developer's mistake or a damaged
installation, never the user's. It cannot say so in its own words (every message, the error's
too, is read from it): CatalogueBroken carries a short plain text in both languages, which the
command line prints as it is, ending with EXIT_BROKEN instead of a traceback.
"""

from __future__ import annotations

from pathlib import Path

from spredning.core import yamlio
from spredning.core.errors import EXIT_BROKEN

__all__ = ["EXIT_BROKEN", "CatalogueBroken", "read_catalogue"]

# Not in the catalogue: it is the catalogue that cannot be read.
BROKEN = (  # lines that fit a terminal of 60 columns
    "Fejl: programmets egne tekster er i stykker, så det kan\n"
    "ikke køre. Installér det igen, eller meld fejlen.\n"
    "Error: the program's own texts are broken, so it cannot\n"
    "run. Install it again, or report the fault.\n"
    "{where}"
)


class CatalogueBroken(Exception):
    """A shipped catalogue file cannot be used: where and what, said plainly in both languages."""

    def __init__(self, path: Path, problem: str):
        super().__init__(str(path), problem)
        self.text = BROKEN.format(where=f"{path}: {problem}")


def read_catalogue(folder: Path) -> dict[str, object]:
    """Every entry of the YAML files in `folder`; a key written twice, in one file or two, is refused.

    A second entry under a key would silently replace the first, in whichever file comes later.
    """
    entries: dict[str, object] = {}
    where: dict[str, str] = {}
    for path in sorted(folder.glob("*.yaml")):
        data = _read(path)
        for key in data:
            if key in where:
                raise CatalogueBroken(path, f"{key} (også/also in {where[key]})")
            where[key] = path.name
        entries.update(data)
    return entries


def _read(path: Path) -> dict[str, object]:
    """One catalogue file as a mapping of texts."""
    try:
        data = yamlio.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CatalogueBroken(path, exc.strerror or type(exc).__name__) from None
    except UnicodeDecodeError:
        raise CatalogueBroken(path, "UTF-8?") from None
    except yamlio.YamlProblem as exc:
        key, params = exc.message
        if key == "yaml.duplicate-key":
            lines = f"{params['first']}, {params['line']}"
            raise CatalogueBroken(path, f"{params['key']} (2 x: linje/line {lines})") from None
        shown = ", ".join(f"{name} {value}" for name, value in params.items())
        raise CatalogueBroken(path, f"{key} ({shown})" if shown else key) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise CatalogueBroken(path, "no mapping / ingen nøgler")
    return data
