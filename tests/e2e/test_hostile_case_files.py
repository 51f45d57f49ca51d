"""Hostile case files judged by the real OPA or in a process of their own: a BOM keeps its places,
a 100 MB file is refused with bounded memory.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from support.paths import REPO, SEED

SEED_TEXT = json.dumps(json.loads(SEED.read_text(encoding="utf-8")), ensure_ascii=False, indent=2)


def test_a_bom_is_accepted_and_judged_with_the_same_places(run_cli, tmp_path):
    plain = tmp_path / "plain.json"
    plain.write_bytes(SEED_TEXT.encode("utf-8"))
    with_bom = tmp_path / "bom.json"
    with_bom.write_bytes(b"\xef\xbb\xbf" + SEED_TEXT.encode("utf-8"))
    result = run_cli("check", "--format", "json", "--as-of", "2026-04-27", str(plain), str(with_bom))
    assert result.exit_code == 0, result.output
    first, second = json.loads(result.stdout)["cases"]
    assert first["verdict"] == second["verdict"] == "pass"
    assert first["warnings"] and first["warnings"] == second["warnings"]  # line and column included


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ru_maxrss is KiB on Linux only")
def test_a_100_mb_file_is_refused_with_bounded_memory(tmp_path):
    """A real 100 MB file (not sparse), through the real command in its own process."""
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        handle.write(b'{"pad": "')
        block = b"x" * (1024 * 1024)
        for _ in range(100):
            handle.write(block)
        handle.write(b'"}')
    casegate = Path(sys.executable).parent / "casegate"
    done, peak = _peak_rss_mib([str(casegate), "check", "--format", "json", str(path)])
    assert done.returncode == 2, done.stderr
    assert json.loads(done.stdout)["cases"][0]["errors"][0]["code"] == "too-large"
    assert 10 < peak < 150, f"peak RSS {peak:.0f} MiB"  # > 10: the probe did measure casegate


def _peak_rss_mib(command: list[str]) -> tuple[subprocess.CompletedProcess[str], float]:
    """Run `command` under a small Python parent that reports its children's peak RSS."""
    probe = (
        "import resource, subprocess, sys; "
        "done = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
        "sys.stdout.write(done.stdout); sys.stderr.write(done.stderr); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
        "sys.exit(done.returncode)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, *command],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
        env={key: value for key, value in os.environ.items() if not key.startswith("CASEGATE_")},
    )
    return done, int(done.stderr.strip().splitlines()[-1]) / 1024  # ru_maxrss is in KiB on Linux
