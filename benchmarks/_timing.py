"""Side-by-side timing of whole commands: this machine is shared and noisy, so the
benchmarks interleave the runs they compare and report medians and ratios."""

from __future__ import annotations

import statistics
import subprocess
import time
from collections.abc import Sequence


def median_seconds(
    commands: dict[str, Sequence[str]], repeat: int, env: dict[str, str] | None = None
) -> dict[str, float]:
    """Run each command `repeat` times, interleaved round by round, and return the median wall time."""
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, argv in commands.items():
            started = time.perf_counter()
            subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
            samples[name].append(time.perf_counter() - started)
    return {name: statistics.median(values) for name, values in samples.items()}
