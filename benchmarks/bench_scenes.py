"""The places the benchmark runs commands in: the generated data, each in a user's default folder.

Every scene is a home folder of its own, with the projects where spredning looks when no folder is
given (``$XDG_DATA_HOME/spredning``), so commands find them as a user's would. The folders of many
projects are kept between runs in ``~/.cache/spredning-bench`` (their first ``projekter``, building
the index, takes most of a minute at 10,000), the rest is made anew in the run's temporary folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import NamedTuple

import bench_data
from bench_proc import command

PYTHON = Path(sys.executable)
SPREDNING = PYTHON.parent / "spredning"
CACHE_VERSION = 1  # raise when bench_data makes different many-project folders


class Scene(NamedTuple):
    """A projects folder and the environment in which the command finds it as its default."""

    home: Path
    env: dict[str, str]


def base_env() -> dict[str, str]:
    """This environment without spredning's own settings; width 100, no colour, Danish."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("SPREDNING_") and key not in ("FORCE_COLOR", "PYTHONDONTWRITEBYTECODE")
    }
    env.update(COLUMNS="100", LINES="40", NO_COLOR="1", SPREDNING_SPROG="da")
    return env


def scene(user: Path) -> Scene:
    """A user's home folder under `user`: the command finds its projects through platformdirs.

    Where the data folder cannot be set that way (not Linux), $SPREDNING_HJEM names it.
    """
    env = {**base_env(), "HOME": str(user), "XDG_DATA_HOME": str(user / "data")}
    home = user / "data" / "spredning"
    found = subprocess.run(
        [str(PYTHON), "-c", "from spredning.core.store import home_dir; print(home_dir())"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    if Path(found or "/") != home:
        env["SPREDNING_HJEM"] = str(home)
    return Scene(home, env)


class Data(NamedTuple):
    """The generated data."""

    full: Scene
    full_file: Path
    large: Scene
    new: Scene
    incoming: Path
    many: dict[int, Scene]
    notes: list[str]


def cache_dir() -> Path:
    """Where folders of many projects are kept between runs."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "spredning-bench"


def many_scenes(sizes: tuple[int, ...], fresh: bool, notes: list[str]) -> dict[int, Scene]:
    """Folders of many projects with a warm index: from the cache, or made now and kept there."""
    folder = cache_dir() / f"mange-v{CACHE_VERSION}-{'-'.join(map(str, sizes))}"
    scenes = {size: scene(folder / str(size)) for size in sizes}
    if fresh or not (folder / "klar").exists():
        shutil.rmtree(folder, ignore_errors=True)
        biggest = max(sizes)
        _progress(f"making {biggest:,} projects in {folder} (kept for later runs) ...")
        paths = bench_data.many_projects(scenes[biggest].home, biggest, folder / "skabeloner")
        for size in sizes:
            if size != biggest:
                bench_data.link_subset(paths[:size], scenes[size].home)
        for size in sizes:
            _progress(f"building the index of {size:,} projects (the first projekter) ...")
            start = time.perf_counter()
            command([[SPREDNING, "projekter"]], scenes[size].env)()
            took = time.perf_counter() - start
            notes.append(f"projekter, {size:,} projects, index cold (built now): {took:.1f} s")
        (folder / "klar").write_text("")
    return scenes


def prepare(root: Path, sizes: tuple[int, ...], fresh: bool) -> Data:
    """Make the data for one run (the many-project folders come from the cache)."""
    notes: list[str] = []
    full, large, new = scene(root / "fuld"), scene(root / "stor"), scene(root / "ny")
    _progress("making the full (100 KiB) and large (1 MiB) projects ...")
    full_file = bench_data.fully_answered(full.home, "Digital genoptræning", bench_data.FULL_BYTES)
    large_file = bench_data.fully_answered(large.home, "Digital genoptræning", bench_data.LARGE_BYTES)
    bench_data.new_project(new.home, "Digital genoptræning", {})
    incoming = bench_data.partner_file(SPREDNING, full_file, root / "udveksling")
    many = many_scenes(sizes, fresh, notes)
    counts = ", ".join(f"{n:,}" for n in sizes)
    notes.insert(
        0,
        f"Data: full project {full_file.stat().st_size / 1024:.0f} KiB, large "
        f"{large_file.stat().st_size / 1024 / 1024:.2f} MiB, every question of both sides answered; "
        f"the partner's file changes 10 answers; {counts} projects (average "
        f"{_average_size(many[max(sizes)].home) / 1024:.0f} KiB).",
    )
    return Data(full, full_file, large, new, incoming, many, notes)


def _average_size(folder: Path) -> float:
    sizes = [entry.stat().st_size for entry in os.scandir(folder) if entry.name.endswith(".yaml")]
    return sum(sizes) / max(1, len(sizes))


def _progress(text: str) -> None:
    print(text, file=sys.stderr, flush=True)
