"""The OPA that `make setup` built (scripts/ensure-go-tools.sh) reports the version casegate pins."""

from __future__ import annotations

from casegate import OPA_VERSION
from casegate.engine.opa_binary import opa_version
from support.paths import OPA


def test_the_built_opa_reports_the_pinned_version():
    assert opa_version(OPA) == OPA_VERSION
