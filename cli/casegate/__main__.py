"""`python -m casegate` is the same as the `casegate` command."""

from casegate.cli import run

run()
