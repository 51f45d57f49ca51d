"""casegate: a self-gating repository for privacy-committee proposals (外部結合・業務委託).

Case files (JSON) are checked against a JSON Schema, then evaluated by Rego policies in a
real Open Policy Agent. The Click face lives in `cli.py`; everything else is a plain core.
"""

from __future__ import annotations

#: The release: tag v__version__, the package version (pyproject.toml reads it here) and what
#: `casegate --version` prints. docs/release.md says how to make one.
__version__ = "0.1.0"

#: The OPA release this project pins; `scripts/ensure-go-tools.sh` builds exactly this one, and
#: `casegate install-opa` accepts nothing else (tests/unit/test_pinned_opa_version.py keeps the two in step).
OPA_VERSION = "1.22.3"
