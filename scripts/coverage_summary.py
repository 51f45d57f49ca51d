"""Print `opa test --coverage` as one line per file and the total; fail below the floor.

The floor is 100: every line of every policy is reached by some test in policies/.
"""

from __future__ import annotations

import json
import sys

FLOOR = 100.0


def main() -> int:
    report = json.load(sys.stdin)
    for name, entry in sorted(report.get("files", {}).items()):
        if not name.endswith("_test.rego"):
            print(f"  {entry.get('coverage', 0):6.2f}%  {name}")
    total = float(report.get("coverage", 0))
    print(f"opa test --coverage: {total:.2f}% of policies/ (floor {FLOOR:.0f}%)")
    return 0 if total >= FLOOR else 1


if __name__ == "__main__":
    sys.exit(main())
