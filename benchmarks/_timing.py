"""Side-by-side timing of whole commands: this machine is shared and noisy, so the
benchmarks interleave the runs they compare and report medians and ratios."""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Sequence


def median_seconds(
    commands: dict[str, Sequence[str]], repeat: int, env: dict[str, str] | None = None
) -> dict[str, float]:
    """Run each command `repeat` times, interleaved round by round, and return the median wall time.

    Each command runs once first, untimed, so that it starts as it does for a user the second time:
    Python's bytecode caches written (bytecode caching is turned back on where the shell turned it
    off with PYTHONDONTWRITEBYTECODE, as this machine's does), files in the page cache."""
    env = user_env(env)
    for argv in commands.values():
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, argv in commands.items():
            started = time.perf_counter()
            subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
            samples[name].append(time.perf_counter() - started)
    return {name: statistics.median(values) for name, values in samples.items()}


def user_env(env: dict[str, str] | None = None) -> dict[str, str]:
    """The environment as a user's shell has it: Python writes and reuses bytecode caches by default."""
    env = dict(os.environ if env is None else env)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env
