"""The Click faces of casegate: parse options, call the core, render a report, exit.

Nothing here decides a verdict; nothing in core/, engine/ or report/ imports from here.
"""
