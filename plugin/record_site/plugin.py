"""The plugin MkDocs runs: each event, and in what order the plugin's parts run in it.

Listed in mkdocs.yml's `plugins:` after Material's search and offline plugins, so that at
any event of the same priority theirs run first (our on_config changes what the offline
plugin set; our on_post_build reads the index the search plugin has just written).
Where the plugin must run before or after one of theirs, the priority says so.

Each page's final HTML goes through one pipeline, PAGE_STEPS, in its order; so does
404.html, which MkDocs renders without a page. The state of a build (the one `Languages`
among it) is a BuildState made afresh at each on_config: `mkdocs serve` keeps this object
across its builds, and only what belongs to the server (is it serving, the watcher) lives
on it.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority

from . import (accessibility, edit_links, material, offline_copy, page_info, reader, record_blocks, search_budget,
               security, serve_seeds, site_check)
from .config import RecordSiteConfig
from .generator import LANGUAGES, catalog
from .languages import Languages
from .state import BuildState
from .theme_parts import ThemeParts

# Every page's HTML, once the theme has rendered it, in this order. Each step is a function
# (html, page or None for 404.html, BuildState) -> html.
PAGE_STEPS = (
    reader.for_readers,  # the search dialog's name, reader.css inlined, Material's script deferred after ours
    accessibility.styles_and_scripts,  # accessibility.css (and timeline.css) inlined, the menu and filter scripts
    offline_copy.compact,  # the offline copy only: styles as files, no tags for other sites, shared icons
    site_check.policy_and_check,  # last: the policy, worked out from the final page, and the page's check
)


class RecordSitePlugin(BasePlugin[RecordSiteConfig]):
    def __init__(self):
        self.serving = False  # `mkdocs serve`: set once, at on_startup
        self.watcher = None  # serve_seeds.py's observer of seeds/, while serving
        self.generator: serve_seeds.Generator | None = None  # the generator's process, while serving
        self._build: BuildState | None = None  # this build's state, from on_config on
        self.site_files: dict = {}  # while serving: site_check.py's reading of each built file, for the next build

    @property
    def build(self) -> BuildState:
        """This build's state: made by on_config, the first event of every build."""
        assert self._build is not None, "on_config has not run"
        return self._build

    # ---- the command ---------------------------------------------------------------------------

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"
        if self.serving:  # the preview starts from current pages
            root = self._project()
            self.generator = serve_seeds.Generator(root, serve_seeds.generator_of(root))
            serve_seeds.regenerate(self.generator, first=True)

    def on_serve(self, server, *, config, builder):
        if self.serving and self.watcher is None and self.generator is not None:
            self.watcher = serve_seeds.watch(self._project(), self.generator)
        return server

    def on_shutdown(self):
        if self.watcher is not None:
            self.watcher.stop()
            self.watcher = None
        if self.generator is not None:
            self.generator.stop(closing=True)  # the generator's process, kept between builds

    def _project(self) -> Path:
        """The folder of mkdocs.yml: the project whose seeds/ the site is made from."""
        return Path(self.config.config_file_path or "mkdocs.yml").resolve().parent

    # ---- the build -------------------------------------------------------------------------------

    def on_config(self, config):
        material.check(config)
        security.check_settings(config)
        catalog.cache_clear()  # `mkdocs serve`: read the catalogs again for each build
        languages = Languages(config)
        self._build = BuildState(config=config, options=self.config, serving=self.serving,
                                offline=material.offline_enabled(config), languages=languages,
                                theme_parts=ThemeParts(languages), site_files=self.site_files if self.serving else None)
        if self.config.stash_html_blocks:
            config.markdown_extensions.append(record_blocks.RecordBlocks())
        if self.build.offline:
            material.serve_shim_locally(config)
        page_info.set_extra(config, Path(self.config.citation_file))
        return config

    def on_files(self, files, *, config):
        build = self.build
        build.languages.read_files(files)
        build.page_links = page_info.read_links(files, config)
        build.root_path = security.root_path(config)
        return files

    def on_nav(self, nav, *, config, files):
        self.build.languages.read_nav(nav)
        self.build.theme_parts.read_nav(nav)
        return nav

    def on_env(self, env, *, config, files):
        build = self.build
        env.globals.update(build.languages.template_globals())
        build.theme_parts.env = env
        env.globals.update(build.theme_parts.template_globals())
        env.globals["page_links"] = lambda page: page_info.page_links(page, build)
        env.globals["alternate_rel"] = material.ALTERNATE_REL
        env.filters.update(build.languages.template_filters())
        return env

    # ---- each page -------------------------------------------------------------------------------

    def on_page_markdown(self, markdown, *, page, config, files):
        page.edit_url = edit_links.edit_url(page, config, self.config.edit_branch)
        search_budget.readers_first(page.meta)
        return markdown

    def on_page_content(self, html, *, page, config, files):
        build = self.build
        html = record_blocks.links_to_urls(html, page, files, build.md_targets)  # first: links as URLs
        html = search_budget.mark_internal_names(html)
        html = accessibility.permalinks_and_tables(html, page)
        return page_info.describe_page(html, page, build)  # reads the page as readers get it

    @event_priority(10)  # before Material's search plugin (0), which then skips the pages indexed here
    def on_page_context(self, context, *, page, config, nav):
        build = self.build
        build.languages.keep_neighbours_in_language(page)
        search_budget.index_page(page, config)
        return context

    def on_post_page(self, output, *, page, config):
        for step in PAGE_STEPS:
            output = step(output, page, self.build)
        return output

    def on_post_template(self, output_content, *, template_name, config):
        if template_name != "404.html":  # sitemap.xml is not a page
            return output_content
        output = accessibility.page_404(output_content)
        for step in PAGE_STEPS:
            output = step(output, None, self.build)
        return security.with_policy(output, template_name, self.build)

    # ---- the built site --------------------------------------------------------------------------

    def _site_files(self, config):
        """After Material's search plugin (the same priority, listed before us) has written its index."""
        build = self.build
        page_info.draw_cards(config, build.card_fonts, LANGUAGES)
        accessibility.copy_scripts(Path(config.site_dir))
        offline_copy.write_files(build)

    @event_priority(-200)
    def _search_files(self, config):
        """After Material's offline plugin (-100) has made search_index.js from the JSON: the search
        index prebuilt, in pieces (reader.py, search_pieces.py)."""
        reader.finish_site(self.build)

    @event_priority(-300)
    def _check_site(self, config):
        """Last: every file of the built site, as readers will get it."""
        site_check.check_built_site(self.build)

    on_post_build = CombinedEvent(_site_files, _search_files, _check_site)
