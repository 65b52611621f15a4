"""Start-up and scale benchmark for spredning (issue 6): one command, a table of medians and ratios.

Run from the repository root with the Python of the environment spredning is installed in::

    .venv/bin/python benchmarks/run.py            # 3-6 minutes on 2 cores
    .venv/bin/python benchmarks/run.py --rounds 5 --scale-rounds 3 --saves 15   # a quicker look
    .venv/bin/python benchmarks/run.py --only startup --only save     # some groups only

For the peer comparison install cookiecutter into the same environment (``.venv/bin/pip install
cookiecutter``; it is not a dependency); without it that column says "n/a".

It generates its own data in a temporary folder (a fully answered project of ~100 KiB, and
folders of 100, 300 and 1,000 projects answered in part), then measures, each command
interleaved with its references over several rounds so both see the same machine state:

* ``spredning status`` and ``--help`` against ``cookiecutter --help`` and against a script that
  only imports typer, rich.console, rich.table and yaml (``vis``, ``guide`` and ``--version``
  are shown against the script too, without a target). These run as a user's would: the project
  in the default folder (found through platformdirs), byte-code compiled. The installed command
  ends without Python's teardown (cli.run); so that this part can be told apart, status and
  --help are also shown against the same script ending with ``os._exit(0)`` (no target);
* ``projekter`` at 100 / 300 / 1,000 projects: the cost per project against one libyaml read of
  a project file, and how it grows; also at 1,000 with every file changed since the last run;
* saving one answer in the full project (Store.save_answers) against one libyaml load + dump +
  atomic write of the same file;
* the interview step, from submitting an answer to the next question, with the scripted prompter.

Commands run as the ``spredning`` executable next to this Python. To measure another checkout
(say, with a proposed change), put it first on the path: ``PYTHONPATH=/other/checkout
.venv/bin/python benchmarks/run.py``. Ratios decide PASS/FAIL, not absolute times; the script
always exits 0: it is a report, not a test.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

import bench_inprocess
from bench_data import FULL_SLUG, generate

from spredning.core import yamlio
from spredning.core.content import load_guide

PYTHON = Path(sys.executable)
SPREDNING = PYTHON.parent / "spredning"
REFERENCE_IMPORTS = "import typer, rich.console, rich.table, yaml"
# The same imports, leaving as spredning's command does (cli.run: no interpreter teardown). Not the
# issue's reference; shown so the part that comes from skipping the teardown can be seen.
REFERENCE_HARD_EXIT = REFERENCE_IMPORTS + ", os; os._exit(0)"
GROUPS = ("startup", "scale", "save", "interview")


def find_cookiecutter() -> Path | None:
    """The cookiecutter executable next to this Python, else on PATH, else None."""
    beside = PYTHON.parent / "cookiecutter"
    if beside.exists():
        return beside
    found = shutil.which("cookiecutter")
    return Path(found) if found else None


def command_env(root: Path, home: Path | None) -> dict[str, str]:
    """The environment for a command: a fixed width, no colour, and the projects folder.

    With `home`, the folder is given as $SPREDNING_HJEM; without, the command finds its default
    folder as a user's would (through platformdirs), inside a home folder under `root`.
    Byte-code is written (to a folder of its own under `root`, not next to the sources), so
    every command starts the way an installed program does, not compiling its sources.
    """
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in (
            "SPREDNING_GUIDE",
            "SPREDNING_DEBUG",
            "SPREDNING_HJEM",
            "FORCE_COLOR",
            "PYTHONDONTWRITEBYTECODE",
        )
    }
    env.update(COLUMNS="100", NO_COLOR="1")
    if home is not None:
        env["SPREDNING_HJEM"] = str(home)
    else:
        user = root / "bruger"
        env.update(
            HOME=str(user),
            XDG_DATA_HOME=str(user / "data"),
            APPDATA=str(user / "data"),
            LOCALAPPDATA=str(user / "data"),
        )
    env["PYTHONPYCACHEPREFIX"] = str(root / "pycache")
    return env


def install_as_default(projects: Path, root: Path) -> Path:
    """Copy a projects folder to where spredning looks when no folder is given; return that."""
    result = subprocess.run(
        [str(PYTHON), "-c", "from spredning.core.store import home_dir; print(home_dir())"],
        env=command_env(root, None),
        capture_output=True,
        text=True,
        check=True,
    )
    default = Path(result.stdout.strip())
    shutil.copytree(projects, default, dirs_exist_ok=True)
    return default


Command = tuple[list[str], dict[str, str], Callable[[], None] | None]


def time_command(argv: list[str], env: dict[str, str], before: Callable[[], None] | None) -> float:
    """Run a command to completion with output discarded; return its wall time in seconds.

    `before` (untimed) prepares the run, e.g. touches files so no cache can be used.
    """
    if before is not None:
        before()
    start = time.perf_counter()
    result = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(
            f"{' '.join(map(str, argv))} failed ({result.returncode}):\n"
            + result.stderr.decode(errors="replace")
        )
    return elapsed


def interleaved(commands: dict, rounds: int) -> dict:
    """Run every command once per round, rotating the order; return the median of each."""
    names = list(commands)
    for name in names:  # warm-up: byte-code compiled, files in the page cache
        time_command(*commands[name])
    samples: dict[str, list[float]] = {name: [] for name in names}
    for number in range(rounds):
        shift = number % len(names)
        for name in names[shift:] + names[:shift]:
            samples[name].append(time_command(*commands[name]))
        print(f"  round {number + 1}/{rounds}", end="\r", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    return {name: statistics.median(values) for name, values in samples.items()}


def startup_commands(root: Path) -> dict[str, Command]:
    """The start-up group: our commands on the full project in the default folder, and peers."""
    env = command_env(root, None)
    exe = str(SPREDNING)
    commands: dict[str, Command] = {
        "python -c pass": ([str(PYTHON), "-c", "pass"], env, None),
        "reference imports": ([str(PYTHON), "-c", REFERENCE_IMPORTS], env, None),
        "reference, no teardown": ([str(PYTHON), "-c", REFERENCE_HARD_EXIT], env, None),
        "spredning --help": ([exe, "--help"], env, None),
        "spredning --version": ([exe, "--version"], env, None),
        "spredning status": ([exe, "status"], env, None),
        "spredning vis": ([exe, "vis"], env, None),
        "spredning guide": ([exe, "guide"], env, None),
    }
    cookiecutter = find_cookiecutter()
    if cookiecutter:
        commands["cookiecutter --help"] = ([str(cookiecutter), "--help"], env, None)
    return commands


def touch_all(paths: list[Path]) -> Callable[[], None]:
    """A preparation that gives every file a new modification time (all changed since last run)."""

    def touch() -> None:
        now = time.time_ns()
        for path in paths:
            os.utime(path, ns=(now, now))

    return touch


def scale_commands(data, root: Path) -> dict[object, Command]:
    """projekter at each size, and at the biggest size with every file changed before each run."""
    exe = str(SPREDNING)
    commands: dict[object, Command] = {
        size: ([exe, "projekter"], command_env(root, home), None)
        for size, home in sorted(data.many_homes.items())
    }
    commands["changed"] = (
        [exe, "projekter"],
        command_env(root, data.changed_home),
        touch_all(data.changed_files),
    )
    return commands


class Report:
    """Rows of the result table, printed at the end."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, ...]] = []
        self.notes: list[str] = []

    def add(
        self,
        what: str,
        value: float | None,
        reference: str = "",
        ref_value: float | None = None,
        target: float | None = None,
    ) -> None:
        """Add a row; with a reference and a target ratio the row gets PASS or FAIL."""
        ratio = value / ref_value if value is not None and ref_value else None
        verdict = ""
        if target is not None:
            verdict = "n/a" if ratio is None else ("PASS" if ratio <= target else "FAIL")
        self.rows.append(
            (
                what,
                _ms(value),
                reference,
                _ms(ref_value),
                f"{ratio:.2f}x" if ratio is not None else ("n/a" if reference else ""),
                f"<= {target:g}x" if target is not None else "",
                verdict,
            )
        )

    def target(self, what: str, value: float, limit_ms: float) -> None:
        """Add a row judged against an absolute limit in milliseconds."""
        verdict = "PASS" if value * 1000 < limit_ms else "FAIL"
        self.rows.append((what, _ms(value), "", "", "", f"< {limit_ms:g} ms", verdict))

    def print(self) -> None:
        """Print the notes and the table as plain text (meant to be pasted into the issue)."""
        for note in self.notes:
            print(note)
        header = ("measurement", "median", "reference", "ref", "ratio", "target", "")
        widths = [max(len(row[i]) for row in [header, *self.rows]) for i in range(len(header))]
        for row in [header, tuple("-" * w for w in widths), *self.rows]:
            print(
                "  ".join(
                    cell.ljust(w) if i in (0, 2) else cell.rjust(w)
                    for i, (cell, w) in enumerate(zip(row, widths, strict=True))
                ).rstrip()
            )


def _ms(seconds: float | None) -> str:
    return "n/a" if seconds is None else f"{seconds * 1000:.1f} ms"


def report_startup(report: Report, t: dict[str, float]) -> None:
    """The start-up rows: status and --help against cookiecutter and the reference imports."""
    peer = t.get("cookiecutter --help")
    ref = t["reference imports"]
    report.add("python -c pass (interpreter)", t["python -c pass"])
    report.add("reference: import typer, rich, yaml", ref)
    report.add("the same, ending with os._exit", t["reference, no teardown"])
    report.add("cookiecutter --help", peer)
    for name in ("spredning status", "spredning --help"):
        report.add(
            f"{name} (full project)" if "status" in name else name, t[name], "cookiecutter --help", peer, 0.6
        )
        report.add(f"{name}", t[name], "reference imports", ref, 1.3)
    for name in ("spredning --version", "spredning vis", "spredning guide"):
        report.add(f"{name} (no target)", t[name], "reference imports", ref)
    for name in ("spredning status", "spredning --help"):  # both sides without the teardown
        report.add(f"{name} (no target)", t[name], "ref. with os._exit", t["reference, no teardown"])


def report_scale(report: Report, t: dict, per_file_read: float) -> None:
    """The projekter rows: totals, marginal cost per project, and how it grows."""
    sizes = sorted(size for size in t if isinstance(size, int))
    for size in sizes:
        report.add(f"spredning projekter, {size} projects", t[size])
    report.add(f"spredning projekter, {sizes[-1]}, all files changed", t["changed"])
    small, middle, big = sizes[0], sizes[len(sizes) // 2], sizes[-1]
    per_project = (t[big] - t[small]) / (big - small)
    report.add(
        f"  per project ({small}->{big}, marginal)",
        per_project,
        "libyaml read of one file",
        per_file_read,
        1.0,
    )
    # Linear growth: the cost per project in the upper range is that of the whole range. (Compared
    # with the lower range alone, 200 projects' worth of time drowns in the start-up's noise.)
    upper = (t[big] - t[middle]) / (big - middle)
    report.add(
        f"  growth: per project {middle}->{big}",
        upper,
        f"per project {small}->{big}",
        per_project if per_project > 0 else None,
        1.25,
    )
    changed = (t["changed"] - t[small]) / (big - small)
    report.add("  per project, all files changed", changed, "libyaml read of one file", per_file_read)


def measure(args: argparse.Namespace, root: Path, report: Report) -> None:
    """Generate the data, then run every group of measurements into the report."""
    guide = load_guide()
    print(f"generating data in {root} ...", file=sys.stderr)
    data = generate(root, guide)
    report.notes.append(
        f"Data: full project {data.full_file.stat().st_size / 1024:.0f} KiB with all "
        f"{len(guide.question_ids())} questions answered; {len(data.many_files)} projects of "
        f"{sum(p.stat().st_size for p in data.many_files) / len(data.many_files) / 1024:.0f} "
        "KiB on average. Rounds: "
        f"{args.rounds} (start-up), {args.scale_rounds} (projekter), {args.saves} saves."
    )
    groups = args.only or GROUPS
    if "startup" in groups:
        print("start-up commands ...", file=sys.stderr)
        install_as_default(data.full_home, root)
        report_startup(report, interleaved(startup_commands(root), args.rounds))
    if "scale" in groups:
        print("projekter at several sizes ...", file=sys.stderr)
        scale = interleaved(scale_commands(data, root), args.scale_rounds)
        report_scale(report, scale, bench_inprocess.read_reference(data.many_files))
    if "save" in groups:
        print("saving one answer ...", file=sys.stderr)
        save, reference = bench_inprocess.save_vs_reference(
            data.full_home, FULL_SLUG, guide, args.saves, root / "save"
        )
        report.add("save one answer (full project)", save, "libyaml load+dump+atomic write", reference, 1.5)
    if "interview" in groups:
        print("interview steps ...", file=sys.stderr)
        steps = bench_inprocess.interview_steps(data.full_home, FULL_SLUG, guide, root / "interview")
        for what, seconds in steps.items():
            report.target(f"interview: {what}", seconds, 50)


def describe() -> str:
    """One line about the machine and the libraries, printed above the table."""
    import typer
    import yaml

    load = f", load average {os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else ""
    return (
        f"Python {platform.python_version()}, {os.cpu_count()} CPUs{load}, typer "
        f"{getattr(typer, '__version__', '?')}, PyYAML {yaml.__version__} "
        f"(libyaml {'present' if yaml.__with_libyaml__ else 'absent'}; spredning.yamlio uses "
        f"the {'C' if yamlio.WITH_LIBYAML else 'pure-Python'} loader)"
    )


def main(argv: list[str] | None = None) -> int:
    """Parse options, measure in a temporary folder, print the table; always return 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15, help="rounds for start-up commands")
    parser.add_argument("--scale-rounds", type=int, default=5, help="rounds for projekter")
    parser.add_argument("--saves", type=int, default=40, help="repetitions of the save")
    parser.add_argument(
        "--only", action="append", choices=GROUPS, help="measure only this group (may be repeated)"
    )
    args = parser.parse_args(argv)
    if not SPREDNING.exists():
        print(f"no spredning executable next to {PYTHON}; install the package first", file=sys.stderr)
        return 0
    report = Report()
    report.notes.append(describe())
    with tempfile.TemporaryDirectory(prefix="spredning-bench-") as folder:
        try:
            measure(args, Path(folder), report)
        except Exception:  # a report, not a test: show what was measured, and why it stopped
            traceback.print_exc()
            report.notes.append("The run stopped early (see above); the table is incomplete.")
    print()
    report.print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
