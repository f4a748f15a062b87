"""Shared fixtures: tiny corpora in temporary folders, and the hypothesis profiles."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from support import FIXTURES

settings.register_profile("default", max_examples=300, deadline=None)
settings.register_profile("thorough", max_examples=3000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture
def corpus(tmp_path) -> Path:
    """A copy of the minimal valid corpus, free to break."""
    target = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal" / "seeds", target / "seeds")
    return target
