"""What one evaluation of the Rego costs: `opa bench` on the bundle the engine stages.

Not a test: it prints figures (a Markdown table, as in docs/performance.md, "Rego evaluation
cost"). The inputs are built as the engine builds them:

Both `opa bench` and the server store the bundle's data optimised for reading, as the engine's
private OPA does (engine/local.py).

- seed: data.casegate.main.decision on {"as_of": AS_OF, "case": <cases/ seed>}, the seed with its
  unknowns (after its start date, so they fail: the most findings a realistic case has);
- clean: the same on the seed with every unknown settled (tests/support/cases.py settled()),
  a case without violations (its two warnings: the assumptions, Box's foreign parent company);
- batch: data.casegate.main.batch on {"as_of": ..., "cases": {...}} with --batch cases made as
  scripts/bench.py makes them (every third has a server abroad, every hundredth an impossible
  date), and a batch of clean cases; the per-case figures divide by the batch size.

Allocations per evaluation are the stable figure; ns/op moves with the machine's load, so the
median of --count runs is printed, and two policy trees should be compared in one run. The last
table is OPA's CPU per case as the engine spends it: a private `opa run --server` on the staged
bundle (GOGC=200, GOMEMLIMIT=120MiB and the store optimised for reading, as the engine starts it) is sent the batch --rounds times over HTTP, and the
server's CPU time (user + system, from /proc, GC and JSON included) is divided by the cases:

    .venv/bin/python scripts/bench_rego.py                         # policies/
    .venv/bin/python scripts/bench_rego.py --policies OLD/policies # another tree, e.g. a git worktree
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "cli"))  # casegate's bundle module stages the policies exactly as `check` does
sys.path.insert(0, str(ROOT / "tests"))  # the tests' settled() seed is the clean case

from casegate.engine.bundle import stage_bundle  # noqa: E402
from support.cases import settled  # noqa: E402

SEED = ROOT / "cases" / "R8-kikaku-tape-hanyaku.json"
OPA = ROOT / ".tools" / "bin" / "opa"
AS_OF = "2026-12-01"


def bench_mix(seed: dict[str, Any], count: int) -> dict[str, Any]:
    """Cases as scripts/bench.py generates them."""
    cases = {}
    for index in range(count):
        case = copy.deepcopy(seed)
        case["case_id"] = f"bench-{index:05d}"
        if index % 3 == 2:
            case["data_locations"][1]["country"] = "US"
        if index % 100 == 99:
            case["submitted_on"] = "2026-02-30"
        cases[f"case-{index:05d}"] = case
    return cases


def bench(bundle: Path, query: str, document: dict[str, Any], scratch: Path, count: int) -> dict[str, float]:
    """opa bench on one input: median ns/op, allocations and bytes per evaluation."""
    input_path = scratch / "input.json"
    input_path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    runs = []
    for _ in range(count):
        done = subprocess.run(
            [str(OPA), "bench", "--bundle", str(bundle), "--input", str(input_path), "--format", "json",
             "--metrics=false", "--optimize-store-for-read-speed", query],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            raise SystemExit(f"opa bench failed: {done.stderr[-2000:]}")
        runs.append(json.loads(done.stdout))
    # Go's testing.BenchmarkResult: N evaluations took T ns and made MemAllocs allocations.
    return {
        "ns": statistics.median(run["T"] / run["N"] for run in runs),
        "allocs": statistics.median(run["MemAllocs"] / run["N"] for run in runs),
        "bytes": statistics.median(run["MemBytes"] / run["N"] for run in runs),
    }


def findings(bundle: Path, query: str, document: dict[str, Any], scratch: Path) -> Any:
    input_path = scratch / "input.json"
    input_path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    done = subprocess.run(
        [str(OPA), "eval", "--bundle", str(bundle), "--input", str(input_path), "--format", "raw", query],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(done.stdout)


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def server_cpu_per_case(bundle: Path, document: dict[str, Any], rounds: int) -> float:
    """Seconds of OPA server CPU per case, for `rounds` POSTs of the batch to data.casegate.main.batch."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [str(OPA), "run", "--server", "--addr", f"127.0.0.1:{port}", "--bundle", str(bundle),
         "--log-level", "error", "--skip-version-check", "--optimize-store-for-read-speed"],
        env={"GOGC": "200", "GOMEMLIMIT": "120MiB", "PATH": os.environ.get("PATH", "")}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        body = json.dumps({"input": document}, ensure_ascii=False).encode()
        url = f"http://127.0.0.1:{port}/v1/data/casegate/main/batch"
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)

        def post() -> None:
            request = urllib.request.Request(url, body, {"Content-Type": "application/json"})
            answer = json.loads(urllib.request.urlopen(request, timeout=120).read())
            if len(answer["result"]["results"]) != len(document["cases"]):
                raise SystemExit("the server did not judge every case")

        post()  # warm: the first query also compiles it
        before = _cpu_seconds(server.pid)
        for _ in range(rounds):
            post()
        return (_cpu_seconds(server.pid) - before) / (rounds * len(document["cases"]))
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--policies", type=Path, default=ROOT / "policies", help="the policies/ folder to stage"
    )
    parser.add_argument("--batch", type=int, default=100, help="cases in a batch input")
    parser.add_argument("--count", type=int, default=3, help="opa bench runs per input (median kept)")
    parser.add_argument("--as-of", default=AS_OF, help="the judgement date (YYYY-MM-DD)")
    parser.add_argument(
        "--rounds", type=int, default=10, help="batches sent to the server for the CPU figure"
    )
    args = parser.parse_args()

    seed = json.loads(SEED.read_text(encoding="utf-8"))
    clean = settled(seed)
    decision, batch = "data.casegate.main.decision", "data.casegate.main.batch"
    inputs = [
        ("seed", decision, {"as_of": args.as_of, "case": seed}, 1),
        ("clean", decision, {"as_of": args.as_of, "case": clean}, 1),
        (f"batch of {args.batch} (bench.py mix)", batch, {"as_of": args.as_of, "cases": bench_mix(seed, args.batch)}, args.batch),
        (f"batch of {args.batch} clean", batch, {"as_of": args.as_of, "cases": {f"c{i}": clean for i in range(args.batch)}}, args.batch),
    ]  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="casegate-bench-rego-") as folder:
        scratch = Path(folder)
        bundle = stage_bundle(args.policies.resolve(), scratch / "bundle").directory
        shown = findings(bundle, decision, inputs[1][2], scratch)
        if shown["violations"]:
            raise SystemExit(f"the clean case fails under these policies: {json.dumps(shown)[:2000]}")
        seed_shown = findings(bundle, decision, inputs[0][2], scratch)
        print(
            f"opa bench on the staged bundle of {args.policies}, as_of {args.as_of}, median of {args.count}"
        )
        print(
            f"seed: {len(seed_shown['violations'])} violations, {len(seed_shown['warnings'])} warnings; "
            f"clean: no violation, {len(shown['warnings'])} warnings\n"
        )
        print("| input | allocs/op | per case | ns/op | per case ms | KiB/op |")
        print("|---|---:|---:|---:|---:|---:|")
        for name, query, document, cases in inputs:
            figures = bench(bundle, query, document, scratch, args.count)
            print(
                f"| {name} | {figures['allocs']:,.0f} | {figures['allocs'] / cases:,.0f} | {figures['ns']:,.0f} "
                f"| {figures['ns'] / cases / 1e6:.3f} | {figures['bytes'] / 1024:,.0f} |",
                flush=True,
            )
        print(f"\n| batch of {args.batch}, {args.rounds} times to `opa run --server` | OPA CPU ms per case |")
        print("|---|---:|")
        for name, _query, document, _cases in inputs[2:]:
            cpu = server_cpu_per_case(bundle, document, args.rounds)
            print(f"| {name} | {cpu * 1000:.3f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
