"""Cold start of `dyadgraph --help` as a ratio to `python -c pass` (target: under 0.3 s).

python benchmarks/cold_start.py [REPEAT]
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _timing import median_seconds


def main() -> None:
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    dyadgraph = shutil.which("dyadgraph", path=str(Path(sys.executable).parent)) or "dyadgraph"
    medians = median_seconds(
        {
            "python -c pass": [sys.executable, "-c", "pass"],
            "dyadgraph --help": [dyadgraph, "--help"],
            "dyadgraph queries": [dyadgraph, "queries"],
        },
        repeat,
    )
    base = medians["python -c pass"]
    print(f"cold start, median of {repeat} interleaved runs")
    for name, seconds in medians.items():
        print(f"  {name:<20} {seconds * 1000:7.1f} ms   {seconds / base:5.1f} x python -c pass")
    verdict = "meets" if medians["dyadgraph --help"] < 0.3 else "MISSES"
    print(f"dyadgraph --help {verdict} the 0.3 s target")


if __name__ == "__main__":
    main()
