"""What the global options chose, handed to every command through Typer's context."""

from __future__ import annotations

from typing import NamedTuple


class Settings(NamedTuple):
    """The global options: guide folder, projects folder, chosen project, debug mode."""

    guide_dir: str | None = None
    home: str | None = None
    project: str | None = None
    debug: bool = False
