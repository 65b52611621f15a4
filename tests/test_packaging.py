"""The built wheel carries the guide content, and the installed command runs end to end.

Slow-ish (a wheel build and an install, a few seconds) but part of the normal run: a guide that is
only found in the source checkout would pass every in-process test and fail for every user.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from spredning.core.content import default_guide_dir, load_guide

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

REPO_ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 60


def run(argv, *, cwd, env=None, timeout=TIMEOUT) -> subprocess.CompletedProcess:
    return subprocess.run(
        argv, cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", timeout=timeout, check=False
    )


def squash(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def shipped():
    return load_guide(default_guide_dir())


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "--disable-pip-version-check",
            "-q",
            "-w",
            str(out),
            str(REPO_ROOT),
        ],
        cwd=out,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    (built,) = out.glob("spredning-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("target")
    result = run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--no-index",
            "--disable-pip-version-check",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        cwd=target,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return target


def child_env(**extra: str) -> dict[str, str]:
    """The test's environment (80 columns, no colour, home in tmp_path) for a subprocess."""
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    env.update(extra)
    return env


def test_repo_root_is_the_project():
    assert (REPO_ROOT / "pyproject.toml").is_file()
    assert (REPO_ROOT / "guide_content" / "guide.yaml").is_file()


def test_wheel_contains_the_guide_content(wheel, shipped):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "spredning/guide_content/guide.yaml" in names
    assert len(shipped.phases) == 6
    for phase in shipped.phases:
        assert f"spredning/guide_content/{phase.id}.yaml" in names
    assert "spredning/cli/main.py" in names
    assert not [n for n in names if n.startswith(("tests/", "guide_content/"))]


def test_installed_wheel_runs_from_another_folder_with_its_own_content(installed, shipped, tmp_path):
    env = child_env(PYTHONPATH=str(installed))
    where = run(
        [
            sys.executable,
            "-c",
            "import spredning.core.content as c; print(c.__file__); print(c.default_guide_dir())",
        ],
        cwd=tmp_path,
        env=env,
    )
    assert where.returncode == 0, where.stderr
    module_file, content_dir = where.stdout.splitlines()
    assert Path(module_file).is_relative_to(installed)
    assert Path(content_dir) == installed / "spredning" / "guide_content"

    result = run([sys.executable, "-m", "spredning", "guide", "tjek"], cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert "Fase 1: Tjek" in result.stdout
    tjek = shipped.find_phase("tjek")
    assert len(tjek.tools) >= 2
    for tool in tjek.tools:
        assert squash(tool.title) in squash(result.stdout)


# --- The installed console script ------------------------------------------------------------------


@pytest.fixture(scope="module")
def script() -> Path:
    path = Path(sys.executable).parent / "spredning"
    assert path.is_file(), f"the console script is not installed next to {sys.executable}"
    return path


def test_console_script_shows_a_phase_for_one_side(script, shipped, tmp_path):
    result = run([str(script), "guide", "test", "--rolle", "genbruge"], cwd=tmp_path, env=child_env())
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    phase = shipped.find_phase("test")
    texts = [q.text for q in phase.questions("genbruge")]
    assert texts
    assert [t for t in texts if squash(t) not in squash(result.stdout)] == []
    assert "Vi vil dele" not in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 80


def test_console_script_unknown_phase_is_a_clean_usage_error(script, tmp_path):
    result = run([str(script), "guide", "ingen-fase"], cwd=tmp_path, env=child_env())
    assert result.returncode == 2
    assert "Ukendt fase: 'ingen-fase'" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
