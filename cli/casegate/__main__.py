"""`python -m casegate` is the same as the `casegate` command."""

from casegate.commands.main import run

run()
