"""A release tag on this commit (read with git) is the package version."""

from __future__ import annotations

import re

from casegate import __version__
from casegate.release import release_tag
from support.git import git
from support.paths import REPO


def test_a_release_tag_on_this_commit_is_the_package_version():
    tags = git(REPO, "tag", "--points-at", "HEAD").split()
    for tag in tags:
        if re.fullmatch(r"v\d+\.\d+\.\d+.*", tag):
            assert tag == release_tag(), f"tag {tag} but casegate {__version__}: bump __version__ first"
