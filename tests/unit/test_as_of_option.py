"""`--as-of` at the edges: a date outside the years a case can name, or not in ISO form, is a usage error."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("as_of", ["9999-12-31", "0001-01-01", "20260501", "2026-W18-5"])
def test_an_as_of_outside_the_years_of_a_case_is_a_usage_error(run_cli, as_of):
    result = run_cli("check", "--as-of", as_of, "cases/")
    assert result.exit_code == 2, result.output
    assert "1900" in result.stderr
    assert "Traceback" not in result.output
