"""`casegate render`: the committee's document (付議事項) drawn from a case file, with the verdict on it.

The case file is the single source: the document the committee reads is rendered from it, so the
two cannot drift apart. The verdict printed on it comes from the same pipeline as `casegate check`
(runner.check, the real OPA); nothing here judges a case.

Modules: catalogue (the checklist texts), diagram (資料1-1 through Graphviz), document (the case
turned into what the template shows), deps (what to install when a part is missing), html, pdf,
and produce (the documents written for a judged report); the Click face is commands/render.py. Everything heavy is imported lazily, so the core install (the pre-commit
hook's environment) never needs the `render` extra.
"""
