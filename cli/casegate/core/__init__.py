"""The path a case takes: discover → read strictly → validate → evaluate → judge → waive.

Each module is one step; `run` strings them together for `validate` and `check`.
"""
