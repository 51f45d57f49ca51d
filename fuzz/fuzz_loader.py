"""Fuzz target for the case loader (atheris, coverage-guided): arbitrary bytes as a case file.

What must hold for every input, or atheris stops and saves the input as fuzz/crash-<sha1>:
- load_case either returns a case or raises InputError: no other exception, no hang, no crash;
- a refusal carries a Japanese and an English sentence that can be printed (UTF-8 encodable:
  no lone surrogate copied from the file) and, when it names a place, a line and column >= 1;
- an accepted case is a JSON object that json.loads reads the same way, that holds no lone
  surrogate (Go's JSON in OPA would turn it into U+FFFD) and that survives being sent to OPA;
- whatever the fast reader (fast_json.parse_clean) accepts, the strict reader accepts too and
  reads as the same value, types included, and the bytes sent to OPA decode to that value.

    .venv/bin/python fuzz/fuzz_loader.py SCRATCH_DIR fuzz/corpus -runs=2000

(libFuzzer writes new inputs into the first folder, so give it a scratch one and keep the
committed corpus second.) `check_one` is also replayed on the corpus by tests/unit/test_generated_case_files.py.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

# One scratch file, rewritten for each input. The folder goes when Python exits normally (as
# under pytest); libFuzzer ends the process without that, so `make fuzz` sets TMPDIR to a
# folder it removes.
_FOLDER = tempfile.TemporaryDirectory(prefix="casegate-fuzz-")
_SCRATCH = Path(_FOLDER.name) / "case.json"


def check_one(data: bytes) -> str:
    """Feed `data` to load_case as a file's bytes; "accepted" or "refused", or raise."""
    from casegate.core.read import load_case
    from casegate.errors import InputError

    _SCRATCH.write_bytes(data)
    _check_fast_reader(data)
    try:
        loaded = load_case(_SCRATCH, max_bytes=64 * 1024)
    except InputError as error:
        for message in (error.message_ja, error.message_en):
            if not message:
                raise AssertionError(f"{error.code}: an empty message") from None
            message.encode("utf-8")  # a lone surrogate here would crash the report
        if (error.line is None) != (error.column is None):
            raise AssertionError(f"{error.code}: line {error.line} without column, or the reverse") from None
        if error.line is not None and (error.line < 1 or error.column is None or error.column < 1):
            raise AssertionError(f"{error.code}: place {error.line}:{error.column}") from None
        return "refused"
    _check_accepted(data, loaded.data)
    return "accepted"


def _check_fast_reader(data: bytes) -> None:
    from casegate.core import read
    from casegate.core.fast_json import parse_clean
    from casegate.errors import InputError

    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    clean = parse_clean(body, 64)
    if clean is None:
        return  # left to the strict reader: nothing to compare
    try:
        strict = read._load_strictly(_SCRATCH, data, body.decode("utf-8"), 64).data
    except (UnicodeDecodeError, InputError) as error:
        raise AssertionError(f"the fast reader accepted what the strict one refuses: {error!r}") from None
    if not (same_typed(clean[0], strict) and same_typed(json.loads(clean[1]), strict)):
        raise AssertionError("the fast reader read a value the strict one reads differently")


def same_typed(left: Any, right: Any) -> bool:
    """Equal, with the same types all the way down (1, 1.0 and True differ here)."""
    if type(left) is not type(right):
        return False
    if isinstance(left, dict):
        return list(left) == list(right) and all(same_typed(left[key], right[key]) for key in left)
    if isinstance(left, list):
        return len(left) == len(right) and all(map(same_typed, left, right))
    return bool(left == right)


def _check_accepted(data: bytes, value: Any) -> None:
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    reference = json.loads(body.decode("utf-8"))
    if not isinstance(value, dict) or value != reference:
        raise AssertionError("the loaded case differs from what json.loads reads")
    # What the engine sends: strict JSON, UTF-8, no NaN; a lone surrogate fails the encoding.
    json.dumps(value, ensure_ascii=False, allow_nan=False).encode("utf-8")


def main() -> None:
    import atheris

    with atheris.instrument_imports():
        pass

    def test_one_input(data: bytes) -> None:
        check_one(data)

    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
