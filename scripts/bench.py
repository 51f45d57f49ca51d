"""Benchmark `casegate check` on generated cases: wall time, cases per second, peak memory.

Not a test: it prints figures. Cases are copies of the seed proposal, every third one made
non-compliant (a server abroad) so the engine also builds violations. Memory is the peak of the
summed resident set of casegate and its OPA child, sampled from /proc every 5 ms (Linux).

    .venv/bin/python scripts/bench.py --sizes 1,1000
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "cases" / "R8-kikaku-tape-hanyaku.json"
CASEGATE = Path(sys.executable).parent / "casegate"


def generate(folder: Path, count: int) -> None:
    seed = json.loads(SEED.read_text(encoding="utf-8"))
    for index in range(count):
        case = copy.deepcopy(seed)
        case["case_id"] = f"bench-{index:05d}"
        if index % 3 == 2:
            case["data_locations"][1]["country"] = "US"
        (folder / f"case-{index:05d}.json").write_text(
            json.dumps(case, ensure_ascii=False, indent=2), encoding="utf-8"
        )


def _tree_rss_kib(pid: int) -> int:
    """Resident set of `pid` and its descendants, in KiB (0 once it is gone)."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += next(
                (int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0
            )
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
        pending.extend(int(child) for child in children)
    return total


def measure(folder: Path) -> tuple[float, int, int, dict[str, int]]:
    """Wall seconds, peak KiB, exit code and the JSON summary of one `casegate check` run."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [str(CASEGATE), "check", str(folder), "--format", "json", "--as-of", "2026-11-27"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    peak = 0
    while process.poll() is None:
        peak = max(peak, _tree_rss_kib(process.pid))
        time.sleep(0.005)
    wall = time.perf_counter() - start
    stdout, stderr = process.communicate()
    try:
        summary = json.loads(stdout)["summary"]
    except (ValueError, KeyError):
        sys.stderr.write(stderr.decode(errors="replace"))
        summary = {}
    return wall, peak, process.returncode, summary


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1,1000", help="comma-separated case counts (default 1,1000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size; the best wall time is kept")
    args = parser.parse_args()
    print(f"casegate check benchmark on {os.cpu_count()} cores ({args.repeat} runs each, best wall time)")
    print(f"{'cases':>7} {'wall s':>8} {'cases/s':>9} {'peak MiB':>9}  exit  summary")
    for size in (int(part) for part in args.sizes.split(",")):
        with tempfile.TemporaryDirectory(prefix="casegate-bench-") as scratch:
            folder = Path(scratch)
            generate(folder, size)
            runs = [measure(folder) for _ in range(args.repeat)]
        wall, _, code, summary = min(runs, key=lambda run: run[0])
        peak = max(run[1] for run in runs)
        print(f"{size:>7} {wall:>8.3f} {size / wall:>9.0f} {peak / 1024:>9.1f}  {code:>4}  {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
