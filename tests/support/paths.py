"""Where the tests find this repository, its seed case, its variants and its pinned OPA."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
#: The example proposal of the committee's real paper.
SEED = REPO / "cases" / "R8-kikaku-tape-hanyaku.json"
#: One failing case per rule family, made from the seed by tests/variants/make_variants.py.
VARIANTS = REPO / "tests" / "variants"
#: Fixed inputs the tests compare against (schemas, an old case); see tests/data/README.md.
DATA = REPO / "tests" / "data"
#: The pinned OPA that `make setup` builds; casegate never takes OPA from the folder it runs in,
#: so the tests name it explicitly (as `make test` does with CASEGATE_OPA).
OPA = REPO / ".tools" / "bin" / "opa"
