"""The layers in pyproject.toml's import-linter contracts hold (issue 17).

cli -> app -> report -> i18n -> core, and the core, application, catalogue and reports never import a
terminal library; the core writes no documents. A new import that crosses a layer fails here.
"""

from __future__ import annotations

from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parent.parent


def test_the_import_contracts_hold(monkeypatch):
    monkeypatch.chdir(ROOT)
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml")) == 0
