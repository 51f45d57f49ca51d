"""Red team: --report refused a *.json in a case folder, but not a *.JSON.

The run walks a folder for every name ending in .json whatever its case (discover lowers the
name), while the --report guard compared the suffix as written. So `--report json=cases/r.JSON`
wrote a report into the case folder: the next run read it as a case (and failed on it), and on
a case-insensitive file system (macOS, Windows) `cases/a.JSON` is the clerk's `cases/a.json`,
replaced by a report. The guard must see the names the run sees.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from support.paths import SEED


@pytest.mark.parametrize("name", ["report.JSON", "report.Json", "sub/report.jSoN"])
def test_a_report_named_json_in_any_case_is_refused_in_a_case_folder(
    run_cli, tmp_path: Path, name: str
) -> None:
    cases = tmp_path / "cases"
    (cases / "sub").mkdir(parents=True)
    (cases / "a.json").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    target = cases / name

    result = run_cli("validate", "--report", f"json={target}", str(cases))

    assert result.exit_code == 2, result.output
    assert "判定する案件（または --audit-log）と同じ場所です" in result.output
    assert not target.exists()
    assert (cases / "a.json").read_text(encoding="utf-8") == SEED.read_text(encoding="utf-8")
