"""`casegate serve`: a browser form that writes a case file and shows the verdict while one types.

Optional (`pip install casegate[serve]`): Starlette, uvicorn and Jinja2 are imported only by the
modules of this package, never by the core commands or the pre-commit hook environment.
"""
