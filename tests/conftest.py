"""Shared fixtures: tiny corpora in temporary folders, the real record's site built once per
run, compiled templates shared by the builds of a test process, and the hypothesis profiles."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import jinja2
import pytest
from hypothesis import settings

from support import FIXTURES, ROOT, shared_site

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


# ---- Jinja's compiled templates, shared by the builds of one test process -------------------------
# Each build makes its own Jinja environments (record_builder/render.py), so each compiled every
# template again: 0.27 s of the 0.3 s a build of the minimal corpus takes, and the tests run
# hundreds of builds in their own process, a third of the fast lane's CPU time. Jinja's bytecode
# cache, its documented place for keeping compiled templates, is given to every environment over
# the generator's templates: a template compiled once is reused by any later environment with the
# same settings, filters and tests, for the same source text (an edited template compiles anew).
# What runs is what Jinja compiled, as in a command; builds run as commands (support.run_build,
# mkdocs) compile as they always do.

class _SharedCompiledTemplates(jinja2.BytecodeCache):
    def __init__(self):
        self.compiled: dict = {}

    @staticmethod
    def _settings(env: jinja2.Environment) -> tuple:
        """What the compiled code depends on, besides the template's source."""
        passes = lambda functions: tuple(sorted((name, str(getattr(f, "jinja_pass_arg", None)))  # noqa: E731
                                                for name, f in functions.items()))
        return (type(env), env.code_generator_class, env.block_start_string, env.block_end_string,
                env.variable_start_string, env.variable_end_string, env.comment_start_string,
                env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix, env.trim_blocks,
                env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline, tuple(sorted(env.extensions)),
                env.optimized, env.is_async, env.autoescape, env.finalize, passes(env.filters), passes(env.tests))

    def load_bytecode(self, bucket):
        bucket.code = self.compiled.get((self._settings(bucket.environment), bucket.key, bucket.checksum))

    def dump_bytecode(self, bucket):
        self.compiled[(self._settings(bucket.environment), bucket.key, bucket.checksum)] = bucket.code


@pytest.fixture(scope="session", autouse=True)
def _shared_compiled_templates():
    shared, generator = _SharedCompiledTemplates(), ROOT / "record_builder"
    made = jinja2.Environment.__init__

    def __init__(env, *args, **kwargs):
        made(env, *args, **kwargs)
        paths = getattr(env.loader, "searchpath", [])
        if env.bytecode_cache is None and paths and all(Path(p).is_relative_to(generator) for p in paths):
            env.bytecode_cache = shared

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(jinja2.Environment, "__init__", __init__)
        yield
