"""The result table: one line per row of issue 16, with medians, ranges, ratios and verdicts."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from typing import NamedTuple

from bench_proc import Pair, Sample, Spread, p95
from bench_pty import Steps

STEP_MEDIAN_MS = 40.0
STEP_P95_MS = 60.0
LINEAR = 1.25  # growth counts as linear while the cost per project grows by at most this much


class Row(NamedTuple):
    """One printed line; every cell is text."""

    what: str
    median: str = ""
    range: str = ""
    against: str = ""
    ratio: str = ""
    ratio_range: str = ""
    cpu: str = ""
    target: str = ""
    verdict: str = ""
    mib: str = ""
    mib_verdict: str = ""


HEADER = Row("what", "median", "range", "against", "ratio", "ratio range", "cpu", "target", "", "MiB", "")
LEFT = {"what", "against"}
LEGEND = (
    "median, range: wall time over the rounds (least-most); ratio: median of the rounds' A/B, with their "
    "range; cpu: the same for CPU time (user + system, of medians); MiB: the largest peak memory of the "
    "runs, with its target."
)


class Table:
    """Rows and notes, printed as plain text (to paste into an issue)."""

    def __init__(self) -> None:
        self.rows: list[Row] = []
        self.notes: list[str] = []

    def print(self) -> None:
        """Print the notes, the table and its legend."""
        for note in self.notes:
            print(note)
        print()
        widths = [max(len(row[i]) for row in [HEADER, *self.rows]) for i in range(len(HEADER))]
        for row in [HEADER, Row(*("-" * w for w in widths)), *self.rows]:
            cells = (
                cell.ljust(width) if field in LEFT else cell.rjust(width)
                for field, cell, width in zip(Row._fields, row, widths, strict=True)
            )
            print("  ".join(cells).rstrip())
        print()
        print(LEGEND)


def ms(seconds: float | None) -> str:
    """Seconds as milliseconds, with a decimal below 100 ms."""
    if seconds is None:
        return ""
    value = seconds * 1000
    return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"


def ratio(value: float | None) -> str:
    """A ratio like 1.23x."""
    return "" if value is None else f"{value:.2f}x"


def span(spread: Spread | None, show=ms) -> str:
    """A spread's least-most."""
    if spread is None:
        return ""
    return f"{show(spread.low).split()[0].rstrip('x')}-{show(spread.high)}"


def verdict(value: float | None, limit: float | None) -> str:
    """PASS when value <= limit; nothing without a limit."""
    if limit is None or value is None:
        return ""
    return "PASS" if value <= limit else "FAIL"


def memory(samples: Sequence[Sample], limit: float | None) -> dict[str, str]:
    """The cells for the largest peak memory in MiB and its verdict."""
    if not samples:
        return {}
    mib = max(s.rss_kib for s in samples) / 1024
    return {"mib": f"{mib:.1f}" + (f" (<={limit:g})" if limit else ""), "mib_verdict": verdict(mib, limit)}


def pair_rows(pair: Pair) -> list[Row]:
    """A row per reference of a measured command (one row when it has none)."""
    wall = Spread.of([s.wall for s in pair.samples])
    if wall is None:
        return [Row(pair.name, "error")]
    first = {"what": pair.name, "median": ms(wall.median), "range": span(wall)}
    first.update(memory(pair.samples, pair.memory_limit))
    if not pair.references:
        return [Row(**first)]
    rows = []
    for name in pair.references:
        references = pair.reference_samples.get(name, [])
        reference = Spread.of([s.wall for s in references])
        ratios = Spread.of(pair.ratios(name))
        target = pair.targets.get(name)
        cells = {
            "against": f"{name} {ms(reference.median) if reference else ''}",
            "ratio": ratio(ratios.median if ratios else None),
            "ratio_range": span(ratios, ratio),
            "cpu": ratio(_cpu_ratio(pair.samples, references)),
            "target": f"<= {target:g}x" if target else "",
            "verdict": verdict(ratios.median if ratios else None, target),
        }
        rows.append(Row(**(first if not rows else {"what": ""}), **cells))
    return rows


def _cpu_ratio(samples: Sequence[Sample], references: Sequence[Sample]) -> float | None:
    if not samples or not references or any(math.isnan(s.cpu) for s in (*samples, *references)):
        return None
    base = statistics.median(s.cpu for s in references)
    return statistics.median(s.cpu for s in samples) / base if base > 0 else None


def interactive_rows(kinds: dict[str, Steps], usage: list[Sample], limit: float) -> list[Row]:
    """Median and 95th percentile of the steps of each kind, with the CPU time a step used."""
    rows: list[Row] = []
    for kind, steps in kinds.items():
        spread = Spread.of(steps.times)
        if spread is None:
            continue
        high = p95(steps.times)
        cpu = Spread.of(steps.cpu)
        rows.append(
            Row(
                f"answer -> next question drawn, {kind} (n={len(steps.times)})",
                ms(spread.median),
                span(spread),
                against=f"CPU per step {ms(cpu.median)}" if cpu else "",
                target=f"<= {STEP_MEDIAN_MS:g} ms",
                verdict=verdict(spread.median * 1000, STEP_MEDIAN_MS),
                **({} if rows else memory(usage, limit)),
            )
        )
        rows.append(
            Row(
                "  95th percentile",
                ms(high),
                against=f"CPU {ms(p95(steps.cpu))}" if cpu else "",
                target=f"<= {STEP_P95_MS:g} ms",
                verdict=verdict(high * 1000, STEP_P95_MS),
            )
        )
    return rows


def scale_rows(by_size: dict[int, Pair]) -> list[Row]:
    """How projekter grows: CPU time and memory per project in the upper range against the lower.

    CPU time rather than wall time: the differences between sizes are small next to the noise of a
    busy machine, and CPU time is the steadier of the two.
    """
    sizes = sorted(by_size)
    small, middle, big = sizes[0], sizes[len(sizes) // 2], sizes[-1]
    if not all(by_size[n].samples for n in (small, middle, big)):
        return []
    rows = []
    for what, value, unit, scale in (
        ("CPU time", lambda p: statistics.median(s.cpu for s in p.samples), "us", 1e6),
        ("memory", lambda p: max(s.rss_kib for s in p.samples), "KiB", 1.0),
    ):
        low = (value(by_size[middle]) - value(by_size[small])) / (middle - small) * scale
        high = (value(by_size[big]) - value(by_size[middle])) / (big - middle) * scale
        growth = high / low if low > 0 else None
        rows.append(
            Row(
                f"projekter: {what} per project, {middle:,}->{big:,}",
                f"{high:.1f} {unit}",
                against=f"{small:,}->{middle:,}: {low:.1f} {unit}",
                ratio=ratio(growth),
                target=f"<= {LINEAR:g}x (linear)",
                verdict=verdict(growth, LINEAR),
            )
        )
    return rows
