"""MkDocs hooks: thin event handlers; the logic lives in the `gdep_site` package."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from gdep_site.engine import mkdocs_i18n


def on_startup(command: str, dirty: bool) -> None:
    mkdocs_i18n.remember_command(command)  # the preview starts on broken data, and stops cleanly


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    mkdocs_i18n.check_output_folder(config)  # before MkDocs empties it
    mkdocs_i18n.quiet_plugin_notices()
    mkdocs_i18n.check_settings(config)
    mkdocs_i18n.build_one_language(config)  # only under gdep-build; before the plugin's on_config
    if mkdocs_i18n.starts_on_broken_data(config):
        return config  # a preview's first build, with nothing to build: every page shows the problem
    mkdocs_i18n.site_for(config)  # validate all data before anything is built
    mkdocs_i18n.not_found_pages(config)
    mkdocs_i18n.check_translations(config)
    return config


def on_env(env, config: MkDocsConfig, files: Files):
    mkdocs_i18n.remember_theme_env(env, config)
    return env


def on_pre_build(config: MkDocsConfig) -> None:
    mkdocs_i18n.claim_output_folder(config)  # the next build may replace it


def on_serve(server, config: MkDocsConfig, builder, **_):
    return mkdocs_i18n.show_errors_in_browser(server, config)


@event_priority(-200)  # after mkdocs-static-i18n (-100), which drops files it did not make
def on_files(files: Files, config: MkDocsConfig) -> Files:
    if mkdocs_i18n.preview_problem(config):
        return Files([])
    return mkdocs_i18n.add_record_pages(mkdocs_i18n.without_material_search(files), config)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **_) -> str:
    return mkdocs_i18n.page_markdown(markdown, page, config)


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation, **_) -> dict:
    mkdocs_i18n.highlight_list_page(page, nav, config)
    context["gdep"] = mkdocs_i18n.template_context(config, page, nav)
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig, **_) -> str:
    mkdocs_i18n.unhighlight_list_page(config)
    return output


def on_template_context(context: dict, template_name: str, config: MkDocsConfig) -> dict:
    mkdocs_i18n.error_page_base_url(context, template_name, config)
    context["gdep"] = mkdocs_i18n.template_context(config, None)
    return context


@event_priority(-150)  # after mkdocs-static-i18n has built every language
def on_post_build(config: MkDocsConfig) -> None:
    mkdocs_i18n.index_for_search(config)  # and 繁體中文, made from the finished Simplified pages meanwhile
