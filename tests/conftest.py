"""Shared fixtures: tiny corpora in temporary folders, the real record's site built once per
run, and the hypothesis profiles."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from support import FIXTURES, shared_site

settings.register_profile("default", max_examples=300, deadline=None)
settings.register_profile("thorough", max_examples=3000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture
def corpus(tmp_path) -> Path:
    """A copy of the minimal valid corpus, free to break."""
    target = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal" / "seeds", target / "seeds")
    return target


# The real record's site, as each test that only reads it needs it: built once per run
# (support.shared_site), read-only for every test.

@pytest.fixture(scope="session")
def local_site(tmp_path_factory) -> Path:
    """As `python3 tasks.py site` builds it: relative links, no repository."""
    return shared_site(tmp_path_factory, "local")


@pytest.fixture(scope="session")
def deployed_site(tmp_path_factory) -> Path:
    """As the workflow builds it for GitHub Pages: support.SITE_URL and support.REPO_URL set."""
    return shared_site(tmp_path_factory, "deployed")


@pytest.fixture(scope="session")
def offline_copy(tmp_path_factory) -> Path:
    """The offline copy (OFFLINE=true), as opened from file://."""
    return shared_site(tmp_path_factory, "offline")
