"""The Click faces of casegate: parse options, call the core, render a report, exit.

Nothing here decides a verdict, and nothing outside this package imports from it or imports
click (tests/unit/test_layout.py reads the imports). Options are declared once, in options.py;
errors are raised, and said by the one handler in main.py, in the command's --lang.
"""
