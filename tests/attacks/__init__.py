"""Attack tests (issue 9): each performs an attack on the gate and shows it closed."""
