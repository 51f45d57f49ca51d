"""Benchmark `casegate check` on generated cases beside `opa eval` per file and conftest.

Not a test: it prints figures (a Markdown table, as in docs/performance.md). Cases are
copies of the seed proposal: every third one is non-compliant (a server abroad), so the engine
also builds violations, and every hundredth does not fit the schema (an impossible date).

All three runners decide with the same policies, staged once as the bundle `check` would load:
- `casegate check FOLDER` (default text output, as the pre-commit hook runs it);
- `opa eval` run once per file, as a script calling OPA file by file would; for more than
  --opa-sample files, a sample of that many is timed and the time extrapolated (marked "~");
- `conftest test FOLDER` (the pinned conftest, scripts/ensure-go-tools.sh conftest) with the
  wrapper bench/conftest/casegate_bench/casegate_bench.rego, which calls data.casegate.main.decision.

Wall time is the best of --repeat runs (one run at 10,000 cases and more). Memory is the peak of
the summed resident set of the runner and its children (casegate's OPA), sampled from /proc
every 5 ms (Linux). CPU is split between casegate's own Python process and its OPA: the total
is the run's resource usage (children included), OPA's part its last /proc sample.

With --all-formats, casegate is also run once per output format on the largest size: each
format's wall time and peak memory (the target is for every one of them).

    .venv/bin/python scripts/bench.py --sizes 1,100,1000,10000 --all-formats
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "cli"))  # casegate.engine.bundle stages the policies exactly as `check` does

from casegate.engine.bundle import stage_bundle  # noqa: E402

SEED = ROOT / "cases" / "R8-kikaku-tape-hanyaku.json"
CASEGATE = Path(sys.executable).parent / "casegate"
TOOLS = ROOT / ".tools" / "bin"
WRAPPER = ROOT / "bench" / "conftest"
AS_OF = "2026-11-27"  # the date bench/conftest/casegate_bench/casegate_bench.rego judges on, too
TARGETS = (
    "targets (issue #12): 1 case <= 0.4 s; 10,000 cases <= 5 s and >= 5x faster than conftest; "
    "<= 300 MiB with every format; Python < 0.3 ms and OPA < 0.4 ms of CPU a case"
)
FORMATS = ("text", "json", "junit", "sarif", "github", "markdown")
_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


@dataclass(frozen=True)
class Run:
    wall: float  # seconds
    peak_kib: int  # summed RSS of the process tree
    code: int
    output: str
    cpu: float = 0.0  # seconds of CPU, the runner and every child it waited for
    opa_cpu: float = 0.0  # of which casegate's OPA (0 for other runners)


def invalid_count(count: int) -> int:
    """How many of `count` generated cases do not fit the schema (every hundredth)."""
    return count // 100


def generate(folder: Path, count: int) -> None:
    seed = json.loads(SEED.read_text(encoding="utf-8"))
    for index in range(count):
        case = copy.deepcopy(seed)
        case["case_id"] = f"bench-{index:05d}"
        if index % 3 == 2:
            case["data_locations"][1]["country"] = "US"
        if index % 100 == 99:
            case["submitted_on"] = "2026-02-30"
        (folder / f"case-{index:05d}.json").write_text(
            json.dumps(case, ensure_ascii=False, indent=2), encoding="utf-8"
        )


def _tree_sample(pid: int, opa_ticks: dict[int, int]) -> int:
    """Resident set of `pid` and its descendants, in KiB (0 once it is gone); records the CPU
    ticks of each OPA among them in `opa_ticks`."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += next(
                (int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0
            )
            if current != pid and status.startswith("Name:\topa"):
                fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
                opa_ticks[current] = int(fields[11]) + int(fields[12])  # utime + stime
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
        pending.extend(int(child) for child in children)
    return total


def measure(command: list[str], env: dict[str, str] | None = None) -> Run:
    """Run `command` with its output in a file (a pipe would fill and stall it) and sample memory."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env)
        peak = 0
        opa_ticks: dict[int, int] = {}
        while True:
            # wait4, not poll: its resource usage counts the CPU of every child the runner waited for.
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            peak = max(peak, _tree_sample(process.pid, opa_ticks))
            time.sleep(0.005)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        return Run(
            wall,
            peak,
            process.returncode,
            out.read().decode("utf-8", errors="replace"),
            usage.ru_utime + usage.ru_stime,
            sum(opa_ticks.values()) / _TICK,
        )


def best(command: list[str], repeat: int, env: dict[str, str] | None = None) -> Run:
    runs = [measure(command, env) for _ in range(repeat)]
    fastest = min(runs, key=lambda run: run.wall)
    return Run(
        fastest.wall,
        max(run.peak_kib for run in runs),
        fastest.code,
        fastest.output,
        fastest.cpu,
        fastest.opa_cpu,
    )


#: casegate's --timeout and --deadline; None: its defaults. A loaded machine may need more.
LIMITS: list[str] = []

#: casegate's exit code when its engine failed (casegate.errors.EXIT_ENGINE).
EXIT_ENGINE = 3


def casegate_env() -> dict[str, str]:
    """The environment casegate runs in: the repository's pinned OPA unless CASEGATE_OPA names one,
    as `make` sets it. Without it casegate looks on PATH, and a run where OPA is missing or of
    another version would be timed as a run of engine errors."""
    env = dict(os.environ)
    if not env.get("CASEGATE_OPA"):
        env["CASEGATE_OPA"] = str(TOOLS / "opa")
    return env


def refuse(run: Run, reason: str) -> SystemExit:
    """A casegate run that did not judge is no benchmark: say why and stop, printing no row."""
    sys.stderr.write(run.output[-2000:] + "\n")
    return SystemExit(
        f"bench: {reason}; no figures printed for it (CASEGATE_OPA={casegate_env()['CASEGATE_OPA']})"
    )


def casegate(folder: Path, repeat: int, output_format: str) -> tuple[Run, str]:
    command = [
        str(CASEGATE),
        "check",
        str(folder),
        "--as-of",
        AS_OF,
        "--lang",
        "en",
        "--format",
        output_format,
        *LIMITS,
    ]
    run = best(command, repeat, casegate_env())
    if run.code == EXIT_ENGINE:
        raise refuse(run, f"casegate's engine failed (exit {run.code}) on {folder}")
    if output_format not in ("text", "json"):
        return run, "-"
    if output_format == "json":
        try:
            summary = json.loads(run.output)["summary"]
        except (ValueError, KeyError):
            sys.stderr.write(run.output[-2000:])
            return run, "?"
        return run, f"{summary['pass']}/{summary['fail']}/{summary['error']}"
    found = re.search(r"(\d+) case\(s\): (\d+) passed, (\d+) failed, (\d+) error", run.output)
    if found is None:
        sys.stderr.write(run.output[-2000:])
        return run, "?"
    return run, "{}/{}/{}".format(*found.groups()[1:])


def judged(run: Run, verdicts: str, size: int) -> None:
    """Stop unless casegate judged the files: only the generated invalid ones may be errors."""
    counts = verdicts.split("/")
    if len(counts) != 3 or not all(count.isdigit() for count in counts):
        raise refuse(run, f"casegate's verdicts could not be read ({verdicts!r})")
    errors, expected = int(counts[2]), invalid_count(size)
    if errors > expected:
        raise refuse(
            run, f"casegate reported {errors} of {size} cases as errors where only {expected} are invalid"
        )


def opa_eval_per_file(bundle: Path, files: list[Path], sample: int) -> tuple[float, bool]:
    """Seconds for `opa eval` once per file; (estimate, True) when timed on a sample."""
    chosen = files if len(files) <= sample else random.Random(7).sample(files, sample)
    start = time.perf_counter()
    for path in chosen:
        done = subprocess.run(
            [str(TOOLS / "opa"), "eval", "--bundle", str(bundle), "--data", str(WRAPPER),
             "--input", str(path), "--format", "raw", "data.casegate_bench.decision"],
            capture_output=True, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            raise SystemExit(f"opa eval failed on {path}: {done.stderr.decode()[-500:]}")
    elapsed = time.perf_counter() - start
    return elapsed * len(files) / len(chosen), len(chosen) < len(files)


def conftest(bundle: Path, folder: Path, repeat: int) -> tuple[Run, int]:
    """conftest on the folder, and how many files it found failing."""
    run = best(
        [str(TOOLS / "conftest"), "test", "--no-color", "--output", "json", "--namespace", "casegate_bench",
         "--policy", str(bundle), "--policy", str(WRAPPER), "--data", str(bundle), str(folder)],
        repeat,
    )  # fmt: skip
    try:
        failing = sum(bool(result.get("failures")) for result in json.loads(run.output))
    except ValueError:
        sys.stderr.write(run.output[-2000:])
        failing = -1
    return run, failing


def every_format(folder: Path, size: int) -> None:
    """One run per output format on the same files: the memory target holds for each."""
    print(f"\nEvery output format on {size:,} cases (one run each)\n")
    print("| format | casegate s | cases/s | peak MiB | Python CPU ms/case | OPA CPU ms/case | exit |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name in FORMATS:
        run, _ = casegate(folder, 1, name)
        cells = [
            name, f"{run.wall:.2f}", f"{size / run.wall:,.0f}", f"{run.peak_kib / 1024:.0f}",
            f"{(run.cpu - run.opa_cpu) * 1000 / size:.2f}", f"{run.opa_cpu * 1000 / size:.2f}", str(run.code),
        ]  # fmt: skip
        print("| " + " | ".join(cells) + " |", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1,100,1000,10000", help="comma-separated case counts")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size below 10,000 (best wall kept)")
    parser.add_argument("--opa-sample", type=int, default=100, help="files timed for opa eval per file")
    parser.add_argument("--no-conftest", action="store_true", help="skip conftest (not built)")
    parser.add_argument("--format", default="text", choices=("text", "json"), help="casegate's output format")
    parser.add_argument(
        "--all-formats", action="store_true", help="also run every output format once on the largest size"
    )
    parser.add_argument(
        "--deadline",
        type=float,
        help="casegate's --deadline and --timeout (s), for a machine shared with others",
    )
    args = parser.parse_args()
    if args.deadline:
        LIMITS[:] = ["--deadline", str(args.deadline), "--timeout", str(min(args.deadline, 600))]
    with_conftest = not args.no_conftest and (TOOLS / "conftest").is_file()
    print(f"casegate check --format {args.format}, opa eval per file and conftest on {os.cpu_count()} cores")
    print(
        f"{TARGETS}; x casegate: the other runner's time as a multiple of casegate's (> 1: casegate is faster)"
    )
    print(
        "pass/fail/error: casegate's verdicts; conftest failing: files conftest failed (it has no schema step)"
    )
    print("CPU ms a case: casegate's Python process and its OPA (at 1 case: mostly start-up)\n")
    print(
        "| cases | casegate s | cases/s | peak MiB | pass/fail/error | Python CPU ms/case | OPA CPU ms/case "
        "| opa eval per file s | x casegate | conftest s | x casegate | conftest MiB | conftest failing |"
    )
    print("|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="casegate-bench-") as scratch:
        bundle = stage_bundle(ROOT / "policies", Path(scratch) / "bundle").directory
        sizes = [int(part) for part in args.sizes.split(",")]
        for size in sizes:
            folder = Path(scratch) / f"cases-{size}"
            folder.mkdir()
            generate(folder, size)
            repeat = 1 if size >= 10_000 else args.repeat
            run, verdicts = casegate(folder, repeat, args.format)
            judged(run, verdicts, size)
            opa_s, sampled = opa_eval_per_file(bundle, sorted(folder.iterdir()), args.opa_sample)
            cells = [
                f"{size:,}", f"{run.wall:.2f}", f"{size / run.wall:,.0f}", f"{run.peak_kib / 1024:.0f}",
                verdicts, f"{(run.cpu - run.opa_cpu) * 1000 / size:.2f}", f"{run.opa_cpu * 1000 / size:.2f}",
                f"{'~' if sampled else ''}{opa_s:.{2 if opa_s < 10 else 1}f}", f"{opa_s / run.wall:.1f}",
            ]  # fmt: skip
            if with_conftest:
                other, failing = conftest(bundle, folder, repeat)
                cells += [
                    f"{other.wall:.2f}", f"{other.wall / run.wall:.1f}", f"{other.peak_kib / 1024:.0f}", str(failing)
                ]  # fmt: skip
            else:
                cells += ["-"] * 4
            print("| " + " | ".join(cells) + " |", flush=True)
        if args.all_formats:
            every_format(Path(scratch) / f"cases-{max(sizes)}", max(sizes))
    if not with_conftest and not args.no_conftest:
        print("\nconftest skipped: build it with scripts/ensure-go-tools.sh conftest")
    return 0


if __name__ == "__main__":
    sys.exit(main())
