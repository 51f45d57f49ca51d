"""What the tests share: paths, case builders, git, fake servers for fault injection, and the
helpers of the central, render and serve tests. Fixtures that wrap these live in tests/conftest.py.

Nothing here fakes the engine: support.opa starts the real pinned OPA, support.fake_opa only
injects faults (an OPA cannot be made to answer 500 or stall on demand).
"""
