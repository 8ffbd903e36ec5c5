"""The MkDocs plugin `jiaoliu`: the site's pages from the data, in the language this build makes.

Every build makes one language (jiaoliu-build runs one build per language, in parallel, and merges
them: `engine.build`). mkdocs-static-i18n is configured, not steered: its `build_only_locale`
picks the pages of the language this build makes, or, for a converted language (繁體中文（香港）),
of the written language it is made from, whose Markdown, titles, menu and interface strings this
plugin converts before MkDocs renders them. Each language is a site of its own at its folder
(/en/, /zh-HK/); the links between them (the switcher, hreflang, the offers) come from the
project's own list of pages (`render.pages`), as do the sitemap and the search index, which
jiaoliu-build writes once for the whole site.

The state of a build lives on the plugin instance and is set afresh by `on_config`.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
import markdown as python_markdown
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data
from mkdocs.utils.templates import TemplateContext

from jiaoliu.core import localise, outputdir, searchwords, traditional
from jiaoliu.core.errors import NOTE, DataError, in_github_actions
from jiaoliu.core.languages import Language, Languages, LanguageTableError
from jiaoliu.core.loader import load_dataset, page_paths
from jiaoliu.core.pagemarkup import MarkdownSettings
from jiaoliu.core.pages import NEWS_FEED, NEWS_PAGE
from jiaoliu.core.photos import FOLDER as PHOTOS_FOLDER
from jiaoliu.core.traditional import Converter, corrections, dictionaries
from jiaoliu.engine import product
from jiaoliu.engine.languages import I18N, read_languages
from jiaoliu.engine.theme_speed import NavCache, ThemeStrings
from jiaoliu.render import UnknownMarker, chrome, news, photos, record_pages
from jiaoliu.render import page as render_page
from jiaoliu.render.context import Ctx, Site
from jiaoliu.render.markdown import title_html
from jiaoliu.render.otherlanguage import MarkChineseExtension
from jiaoliu.render.pages import SitePages, address_of
from jiaoliu.render.templates import FOLDER as PARTIALS_FOLDER
from jiaoliu.render.templates import PartialError

log = logging.getLogger("mkdocs.plugins.jiaoliu")
# The address the site is published at (SITE_URL in CI): a plain http(s) address, no query.
SITE_URL = re.compile(r"https?://[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*(?::[0-9]{1,5})?(?:/[A-Za-z0-9._~%-]+)*/?")
# Material's own search (lunr and its worker) ships with the theme; the site searches with Pagefind.
MATERIAL_SEARCH_FILES = ("assets/javascripts/lunr/", "assets/javascripts/workers/search.")
SITEMAP = "sitemap.xml"  # one for the whole site, written by jiaoliu-build (render.pages)
# What the pages of a language offer readers who prefer one made from it, in that language.
OFFER = ("notice.traditional_available", "notice.traditional_link", "notice.dismiss")
FOREIGN_OFFER = ("notice.this_language_available", "notice.this_language_link", "notice.dismiss")
ONE_LANGUAGE = ("每次构建只生成一种语言：用 ./scripts/site build（jiaoliu-build）生成整个网站，用 ./scripts/site 预览 / "
                "each build makes one language: build the whole site with ./scripts/site build (jiaoliu-build), "
                "preview it with ./scripts/site")


class JiaoliuConfig(Config):
    data_folder = config_options.Type(str, default="data")  # beside mkdocs.yml (`data` would shadow Config.data)
    # The language this build makes (JIAOLIU_LANGUAGE, set by jiaoliu-build and the preview for each build).
    language = config_options.Optional(config_options.Type(str))
    # A preview build: the data's warnings are shown, not fatal; pages carry the reload script.
    preview = config_options.Type(bool, default=False)
    # The pages of reports still in draft, under a banner (a preview's; jiaoliu-build --drafts): a
    # build without it publishes none of them (core.drafts).
    drafts = config_options.Type(bool, default=False)
    # A folder where the theme's templates are kept compiled between builds (the preview's: each
    # rebuild would compile Material's 50-odd templates again, about 0.3 s a language).
    template_cache = config_options.Optional(config_options.Type(str))
    # A folder where the photos' copies are kept between builds (each is made once, not once a
    # language and a rebuild: a photo takes about 0.1 s a width).
    photo_cache = config_options.Optional(config_options.Type(str))


class JiaoliuPlugin(BasePlugin[JiaoliuConfig]):
    """MkDocs' events, each a call into the core and the renderers."""

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self.languages: Languages | None = None
        self.language: Language | None = None
        self.site: Site | None = None
        self.pages: SitePages | None = None
        self.base_url = ""
        self.converter: Converter | None = None
        self._docs = Path()
        self._photos = Path()  # data/photos/
        self.built: list[str] = []  # the addresses of the pages this build wrote (for the sitemap)
        self.texts: list[str] = []  # its pages' Markdown as written (for the search's tables)
        self.folds: Counter[tuple[str, str]] = Counter()  # (Traditional, Simplified) characters of its conversion
        self._theme_strings: ThemeStrings | None = None
        self._nav_cache = NavCache()
        self._list_pages: tuple[Navigation, dict[str, Page]] | None = None
        self._highlighted: Page | None = None
        self._markdown: python_markdown.Markdown | None = None
        self._offers: list[dict[str, object]] | None = None
        self._identity_of_build: chrome.Identity | None = None
        self._strings_of_build: localise.Strings | None = None  # converted once, not on every page

    def search_table(self) -> dict[str, Any]:
        """How this language's search reads a query (core.searchwords), from what its pages say."""
        assert self.site is not None and self.language is not None
        data = self.site.data
        chinese = self.language.text == traditional.SOURCE
        return searchwords.language_table(
            "\n".join(self.texts), [(word.typed, word.site) for word in data.reader_words.words(self.language.text)],
            [(word.simplified, word.traditional) for word in data.hong_kong_words if not word.only_in],
            simplified=Converter("t2s").opencc if chinese else None,
            converted=self.converter.opencc if self.converter is not None else None, folds=self.folds,
            dictionaries=dictionaries((*searchwords.REGIONAL, searchwords.CHARACTERS)) if chinese else None)

    # --- the build's settings ----------------------------------------------------------------

    @event_priority(-110)  # after mkdocs-static-i18n's (-100) has applied the language's settings
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._reset()
        project = Path(config.config_file_path).parent
        try:
            self.languages = read_languages(Path(config.config_file_path))
            self.language = self.languages[self.config.language] if self.config.language else None
        except (LanguageTableError, KeyError) as exc:
            raise PluginError(f"{exc}\n{ONE_LANGUAGE}") from None
        if self.language is None:
            raise PluginError(ONE_LANGUAGE)
        if config.theme["language"] != self.language.text:  # what mkdocs-static-i18n picked the pages of
            raise PluginError(f"JIAOLIU_SOURCE_LANGUAGE must be '{self.language.text}' to build "
                              f"'{self.language.code}' / {ONE_LANGUAGE}")
        refused = outputdir.refusal(Path(config.site_dir), project, Path(config.docs_dir), project / self.config.data_folder)
        if refused is not None:  # MkDocs empties its output folder before it writes
            raise PluginError(refused.format())
        self._settings(config)
        self.site = self._load(config, project)
        self._photos = project / self.config.data_folder / PHOTOS_FOLDER
        docs = self._docs = Path(config.docs_dir)
        self.pages = SitePages.of(self.site, self.languages, {
            lang.code: page_paths(docs / lang.code) for lang in self.languages.written if (docs / lang.code).is_dir()})
        self._check_translations(config)
        if not self.language.text.startswith("zh"):  # Chinese on these pages says so (WCAG 3.1.2)
            config.markdown_extensions.append(MarkChineseExtension(self.languages.default.code))
        return config

    def _settings(self, config: MkDocsConfig) -> None:
        """This language's site: its address, its interface language, the site's own name in it;
        one sitemap for the whole site (jiaoliu-build's)."""
        assert self.language is not None
        if not SITE_URL.fullmatch(config.site_url or ""):
            raise PluginError(f"site_url / SITE_URL {config.site_url!r}: 不是有效的网址 / not a valid address; "
                              "use e.g. https://example.org/college/ (http or https, a host, an optional path)")
        try:
            product.apply(config)
        except product.ProductSettingError as exc:
            raise PluginError(str(exc)) from None
        if marked := _settings_with_markup(config):
            raise PluginError("mkdocs.yml: 这些设置含有 < > \" 或 &，请改为纯文本（& 可写作 and）/ these settings hold < > \" or &, "
                              "which Material writes into its pages as they are: write them as plain text (& as 'and'):\n"
                              + "\n".join(f"  {name}: {value!r}" for name, value in marked))
        self.base_url = (config.site_url or "").rstrip("/") + "/"
        config.site_url = self.base_url + self.language.folder
        config.theme.static_templates.discard(SITEMAP)
        if not self.language.written:
            assert self.language.opencc is not None
            self.converter = Converter(self.language.opencc)  # its corrections come with the data
            config.theme["language"] = self.language.code
        _quiet_plugin_notices()
        # `mkdocs build -q` raises the log level to ERROR, and MkDocs' strict counter would then
        # never see a warning: a strict build must count warnings however quiet it is.
        logger = logging.getLogger("mkdocs")
        if config.strict and logger.getEffectiveLevel() > logging.WARNING:
            logger.setLevel(logging.WARNING)

    def _load(self, config: MkDocsConfig, project: Path) -> Site:
        """The data and the hand-written pages, checked once, before MkDocs reads a page: the pages
        with the Markdown extensions and templates of this build; a build not strict (the preview)
        lets warnings pass."""
        markdown = MarkdownSettings(tuple(config.markdown_extensions), dict(config.mdx_configs), get_data)
        try:
            data = load_dataset(project / self.config.data_folder, strict=bool(config.strict),
                                docs=Path(config.docs_dir), languages=self.languages,
                                templates=_page_templates(config), markdown=markdown)
            site = Site.of(data if self.config.drafts else replace(data, drafts=()), _site_theme(config))
        except DataError as exc:
            if in_github_actions():  # on the lines of the pull request's "Files changed" too (jiaoliu-build prints them once)
                raise PluginError(f"{exc.annotations()}\n{exc}") from None
            raise PluginError(str(exc)) from None
        except (localise.StringTableError, PartialError) as exc:
            raise PluginError(str(exc)) from None
        for warning in site.data.warnings:
            log.warning(warning.format())
        for note in site.data.renamed:  # information: the old name still works, for one release
            log.info(f"{NOTE}{note.format()}")
        if site.data.due_for_review:  # information: never a reason to stop a build
            log.info(f"{NOTE}{len(site.data.due_for_review)} 条记录待核对 / record(s) due for review: "
                     "./scripts/check-data --review")
        if self.converter is not None:
            self.converter = Converter(self.converter.config, corrections(
                site.data.traditional, site.data.hong_kong_words, Converter(self.converter.config)))
            for key in ("site_name", "site_description", "copyright"):  # as its source's settings say
                if isinstance(config[key], str):
                    config[key] = _setting(self.converter, config[key])
        return site

    def _check_translations(self, config: MkDocsConfig) -> None:
        """Every menu group titled in each written language (its key in mkdocs.yml would show
        otherwise); what is missing is listed by name. (A page missing in a language is the
        data check's: `loader`.)"""
        assert self.pages is not None and self.languages is not None
        missing: list[str] = []
        titles = {entry.locale: entry.nav_translations or {} for entry in config.plugins[I18N].config.languages}
        missing += [f"mkdocs.yml: nav_translations of {lang.code}: {group}" for lang in self.languages.written
                    for group in _nav_groups(config.nav or []) if group not in titles.get(lang.code, {})]
        if not missing:
            return
        message = "missing translation(s) / 缺少的译文:\n" + "\n".join(f"  {p}" for p in missing)
        if config.strict:
            raise PluginError(message)
        log.warning(message)

    def on_pre_build(self, config: MkDocsConfig) -> None:
        outputdir.claim(Path(config.site_dir))  # the next build may replace it (it passed `refusal`)

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        """Material's strings of this build's language (converted, for a converted language),
        looked up once each; `tojson` writes Chinese as it is, and still escapes < > & '."""
        assert self.language is not None
        convert = self.converter.text if self.converter is not None else None
        self._theme_strings = ThemeStrings(env, self.language.text, convert, self.language.code)
        env.policies["json.dumps_kwargs"] = {**env.policies.get("json.dumps_kwargs", {}), "ensure_ascii": False}
        if self.config.template_cache:  # Jinja's own cache, keyed by each template's source
            folder = Path(self.config.template_cache)
            folder.mkdir(parents=True, exist_ok=True)
            env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
        return env

    # --- the pages --------------------------------------------------------------------------

    @event_priority(-200)  # after mkdocs-static-i18n (-100), which keeps only its language's files
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Material's search scripts left out (nothing loads them), and a page per record."""
        assert self.site is not None and self.language is not None
        for file in [f for f in files if f.src_uri.startswith(MATERIAL_SEARCH_FILES) or f.src_uri == SITEMAP]:
            files.remove(file)  # and a theme's sitemap template, which would be copied as it is
        for record in record_pages(self.site):
            markdown = record.markdown(Ctx(site=self.site, lang=self.language.text, page=record.path))
            files.append(File.generated(config, record.path, content=markdown, inclusion=InclusionLevel.NOT_IN_NAV))
        feed = self._news_feed(config)
        if feed is not None:  # each language's own, beside its home page
            files.append(File.generated(config, NEWS_FEED, content=feed))
        for path, content in self._photo_copies():
            files.append(File.generated(config, path, content=content))
        unbuilt = self.site.data.pages_without_content()
        for file in files.documentation_pages():
            if _page_path(file.src_uri, self.languages) in unbuilt:
                file.inclusion = InclusionLevel.EXCLUDED  # nothing filled in yet: no page to promise it
        return files

    def _photo_copies(self) -> Iterator[tuple[str, bytes]]:
        """Every photo the data names, at each of its widths (checked by the loader already)."""
        assert self.site is not None
        cache = Path(self.config.photo_cache) if self.config.photo_cache else None
        for name, facts in sorted(self.site.data.photos.items()):
            made = photos.copies(name, facts)
            kept = [cache / f"{photos.ENCODING}-{Path(c.path).name}" if cache else None for c in made]
            if all(path is not None and path.is_file() for path in kept):
                yield from ((c.path, path.read_bytes()) for c, path in zip(made, kept, strict=True) if path)
                continue
            original = (self._photos / name).read_bytes()
            if hashlib.sha256(original).hexdigest()[:12] != facts.digest:  # replaced since the check
                raise PluginError(f"data/{PHOTOS_FOLDER}/{name}: 照片在构建期间被替换，请重新构建 / "
                                  "the photo changed during the build; build again")
            for c, path, content in zip(made, kept, photos.encode(original, [(c.width, c.height) for c in made]), strict=True):
                if path is not None:
                    _keep(path, content)
                yield c.path, content

    def _news_feed(self, config: MkDocsConfig) -> str | None:
        assert self.site is not None and self.language is not None
        convert = self.converter.text if self.converter is not None else str
        return news.feed(Ctx(site=self.site, lang=self.language.text, page=NEWS_PAGE),
                         self.base_url + self.language.folder, config.site_name, self.language.code, convert)

    @event_priority(-110)  # after mkdocs-static-i18n (-100) has given the groups their titles
    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """The pages not built left out of the menu; a converted language's menu groups in its
        own script."""
        nav.items = _built(nav.items)
        nav.pages = [page for page in nav.pages if not page.file.inclusion.is_excluded()]
        for index, page in enumerate(nav.pages):  # the footer's previous and next pages skip them too
            page.previous_page = nav.pages[index - 1] if index else None
            page.next_page = nav.pages[index + 1] if index + 1 < len(nav.pages) else None
        if self.converter is not None:
            for item in _sections(nav.items):
                item.title = self.converter.text(item.title or "")
        return nav

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """The page's blocks of records and sources, its description and structured data; for a
        converted language, all of it converted before MkDocs renders it."""
        assert self.site is not None and self.language is not None
        ctx = Ctx(site=self.site, lang=self.language.text, page=_page_path(page.file.src_uri, self.languages))
        try:
            rendered = render_page(markdown, ctx, self._to_html(config), url=page.canonical_url or "",
                                   fallback=False, generated=page.file.generated_by is not None)
        except (UnknownMarker, PartialError) as exc:
            raise PluginError(str(exc)) from None
        markdown = rendered.markdown
        self.texts.append(markdown)
        if rendered.description:  # record pages; others keep their own or the site's
            page.meta.setdefault("description", rendered.description)
        data = rendered.structured_data
        if self.converter is not None:
            simplified, markdown = markdown, self.converter.markdown(markdown)
            if len(markdown) == len(simplified):  # character for character (a correction may not be)
                self.folds.update((t, s) for t, s in zip(markdown, simplified, strict=True) if t != s)
            for key in ("title", "description"):
                if isinstance(page.meta.get(key), str):
                    page.meta[key] = self.converter.text(page.meta[key])
            data = _converted_data(data, self.converter, self.language.code)
        page.meta["structured_data"] = data
        if isinstance(page.meta.get("title"), str):  # as typed: the theme gets it as HTML, escaped once
            page.meta["title"] = title_html(page.meta["title"])
        return markdown

    def _to_html(self, config: MkDocsConfig) -> Callable[[str], str]:
        """Markdown to HTML as MkDocs renders a page; the engine made when first needed."""
        def to_html(text: str) -> str:
            if self._markdown is None:
                self._markdown = python_markdown.Markdown(extensions=config.markdown_extensions,
                                                          extension_configs=config.mdx_configs)
            return self._markdown.reset().convert(text)

        return to_html

    def on_page_context(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        listing = self._list_page_of(page, nav)
        if listing is not None:  # a record page lights up its list in the menu, as MkDocs does its own
            listing.active = True
            self._highlighted = listing
        self.built.append(page.url)
        context["jiaoliu"] = self._template_context(config, page, nav)  # type: ignore[typeddict-unknown-key]
        return context

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        if self._highlighted is not None:
            self._highlighted.active = False
            self._highlighted = None
        return output

    def on_template_context(self, context: TemplateContext, /, *, template_name: str,
                            config: MkDocsConfig) -> TemplateContext:
        context["jiaoliu"] = self._template_context(config, None, None)  # type: ignore[typeddict-unknown-key]
        return context

    # --- what the templates are given -----------------------------------------------------------

    def _template_context(self, config: MkDocsConfig, page: Page | None, nav: Navigation | None) -> dict[str, object]:
        """The `jiaoliu` variable of the product's templates; the 404 template has no page."""
        assert self.site is not None and self.language is not None and self.languages is not None
        assert self.pages is not None
        lang = self.language
        address = address_of(page.url) if page is not None else None
        to_root = _to_root(page.url if page is not None else "", lang)
        if self._identity_of_build is None:
            self._identity_of_build = self._identity()
        identity = self._identity_of_build
        strings = self._strings()
        alternates = self.pages.alternates(address, self.base_url) if address is not None else []
        switcher = self.pages.switcher(address, to_root)
        return {
            "identity": identity,
            "breadcrumbs": self._breadcrumbs(page, nav),
            "qr_script": chrome.QR_SCRIPT,
            "share_image_url": self.base_url + lang.folder + identity.share_image,
            "home": ".",  # this language's home, for the theme's `url` filter
            "contact": "contact/",
            "lang": lang.code,
            "default_lang": self.languages.default.code,
            "languages": list(self.languages.codes),
            "site_root": urlsplit(self.base_url).path,  # error pages use addresses from the host's root
            "from_home_to_root": "../" * lang.folder.count("/") or "./",  # the search bundle is at the root
            "converted": [language.code for language in self.languages.converted],  # indexed through a copy
            "language_names": {language.code: language.name for language in self.languages},
            "converted_note": self._converted_note(address, to_root),
            "offers": self._offers_of(address, to_root),
            "t": strings,
            "strings": {**self.site.strings, lang.code: strings},
            "alternates": alternates,
            # absolute: the error page is served at any address
            "feed": self.base_url + lang.folder + NEWS_FEED if self.site.data.news.filled() else None,
            "switcher": switcher,
            "og_locale": lang.og_locale,
            "og_locale_alternates": [other.og_locale for other in self.languages if other is not lang],
            # on Chinese pages: each language not Chinese that has this page, for a browser that
            # reads no Chinese (the switcher's link: relative, as every link between pages)
            "foreign_offers": self._foreign_offers(switcher, alternates) if localise.is_chinese(lang.text) else [],
            "structured_data": page.meta.get("structured_data") if page is not None else None,
            "preview": self.config.preview,
            "nav": lambda page, nav, render, part="nav": self._nav_cache.render(lang.code, page, nav, render, part),
            "once": lambda part, render: self._nav_cache.once(lang.code, part, render),
            "theme_t": self._theme_strings.t if self._theme_strings is not None else None,
        }

    def _identity(self) -> chrome.Identity:
        """The college's names and the site's images in this build's language (converted, for a
        converted one; its own share image)."""
        assert self.site is not None and self.language is not None
        identity = chrome.identity(Ctx(site=self.site, lang=self.language.text, page="index.md"))
        if self.converter is None:
            return identity
        text = self.converter.text
        own = chrome.SHARE_IMAGE.format(lang=self.language.code)  # drawn by scripts/identity; else its source's
        return replace(identity, college=text(identity.college), subtitle=text(identity.subtitle),
                       office=text(identity.office), logo_alt=text(identity.logo_alt),
                       share_image=own if (self._docs / own).is_file() else identity.share_image)

    def _strings(self) -> localise.Strings:
        """Our interface strings in this build's language (converted, for a converted one)."""
        assert self.site is not None and self.language is not None
        strings = self.site.strings[self.language.text]
        if self.converter is None:
            return strings
        if self._strings_of_build is None:
            self._strings_of_build = localise.Strings(
                self.language.code, {key: self.converter.text(value) for key, value in strings.table.items()})
        return self._strings_of_build

    def _converted_note(self, address: str | None, to_root: str) -> dict[str, str] | None:
        """On a converted page: it was converted automatically, and its original (the link names
        the original's language)."""
        if self.converter is None or self.language is None or self.languages is None:
            return None
        source = self.languages[self.language.text]
        return {"href": to_root + source.folder + (address or ""), "lang": source.code}

    def _offers_of(self, address: str | None, to_root: str) -> list[dict[str, object]]:
        """On a written language's pages: each language made from it, offered in its own script
        to readers whose browser prefers it (never a redirect); its words converted once a build."""
        assert self.languages is not None and self.language is not None and self.site is not None
        if self._offers is None:
            strings = self.site.strings[self.language.text]
            self._offers = [{"lang": made.code, "folder": made.folder, "prefers": made.offered_to,
                             "text": _converted(Converter(made.opencc or ""), strings, OFFER)}
                            for made in self.languages.made_from(self.language.code)]
        return [{**offer, "url": to_root + str(offer["folder"]) + (
                    address if address is not None and address in self.pages_of(self.languages[str(offer["lang"])]) else "")}
                for offer in self._offers]

    def _foreign_offers(self, switcher: list[dict[str, Any]], alternates: list[dict[str, Any]]) -> list[dict[str, str]]:
        """The written languages not Chinese that have this page, English last: a browser that reads
        no Chinese is offered the first it speaks, else English; each says so in its own words."""
        assert self.languages is not None and self.site is not None
        has = {link["lang"] for link in alternates}
        foreign = sorted((language for language in self.languages.written
                          if not localise.is_chinese(language.code) and language.code in has), key=lambda lang: lang.text == "en")
        urls = {item["lang"]: item["url"] for item in switcher}
        return [{"lang": lang.code, "url": urls[lang.code],
                 **{key.rpartition(".")[2]: self.site.strings[lang.code](key) for key in FOREIGN_OFFER}}
                for lang in foreign if lang.code in urls]

    def pages_of(self, language: Language) -> frozenset[str]:
        assert self.pages is not None
        return self.pages.by_language.get(language.code, frozenset())

    # --- the menu -------------------------------------------------------------------------------

    def _list_page_of(self, page: Page | None, nav: Navigation | None) -> Page | None:
        """The page in the menu that lists a record page (partners/nmit.md -> partners/index.md,
        achievements/2023.md -> achievements.md); None for a page in the menu."""
        if page is None or nav is None or page.file.inclusion is not InclusionLevel.NOT_IN_NAV:
            return None
        if self._list_pages is None or self._list_pages[0] is not nav:
            lists: dict[str, Page] = {}
            for candidate in nav.pages:
                path = _page_path(candidate.file.src_uri, self.languages)
                folder = path.removesuffix("/index.md") if path.endswith("/index.md") else path.removesuffix(".md")
                lists.setdefault(folder, candidate)
            self._list_pages = (nav, lists)
        return self._list_pages[1].get(_page_path(page.file.src_uri, self.languages).split("/")[0])

    def _breadcrumbs(self, page: Page | None, nav: Navigation | None) -> list[dict[str, str]]:
        """Home, the menu groups above the page and, for a record page, its list: (title, url)."""
        if page is None or nav is None or nav.homepage is None or page.is_homepage:
            return []
        listing = self._list_page_of(page, nav)
        anchor = listing or page
        trail: list[Any] = [nav.homepage, *list(anchor.ancestors)[::-1]] + ([listing] if listing else [])
        return [{"title": item.title, "url": _first_page(item).url} for item in trail]


# --- small helpers ----------------------------------------------------------------------------


class _WithoutOverrideNotices(logging.Filter):
    """mkdocs-static-i18n announces each per-language setting ("Overriding 'en' config …") on every
    build: lines that tell staff nothing."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "Overriding '" not in record.getMessage()


def _quiet_plugin_notices() -> None:
    """Once per process (a preview keeps its processes): the filter goes on the plugin's logger."""
    logger = logging.getLogger("mkdocs.plugins.mkdocs_static_i18n.reconfigure")
    if not any(isinstance(f, _WithoutOverrideNotices) for f in logger.filters):
        logger.addFilter(_WithoutOverrideNotices())


def _converted(converter: Converter, strings: localise.Strings, keys: Iterable[str]) -> dict[str, str]:
    """UI strings in a converted language's script (one converter: making one loads its dictionaries)."""
    return {key: converter.text(strings(key)) for key in keys}


def _keep(path: Path, content: bytes) -> None:
    """Into the cache whole or not at all (the languages' builds, running at once, may race)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.write_bytes(content)
    partial.replace(path)


def _page_templates(config: MkDocsConfig) -> list[str]:
    """The theme's templates a page may name: what its template loader finds in the theme's
    folders, but not the partials of the blocks, which only the renderers can fill, nor the
    hidden folders (Material's thousands of icons, a quarter of a build that stops on its data)."""
    names: set[str] = set()
    for folder in map(Path, config.theme.dirs):
        for root, subfolders, files in os.walk(folder):
            subfolders[:] = [name for name in subfolders if not name.startswith(".")]
            names.update((Path(root) / name).relative_to(folder).as_posix() for name in files)
    return sorted(name for name in names if not name.startswith(f"{PARTIALS_FOLDER}/"))


def _site_theme(config: MkDocsConfig) -> Path | None:
    """The site's own theme folder (`theme.custom_dir`), whose partials come before the product's."""
    custom_dir = config.theme.custom_dir
    return Path(custom_dir) if custom_dir else None


def _page_path(src_uri: str, languages: Languages | None) -> str:
    """A page's path without its language's folder: `zh/partners/index.md` → `partners/index.md`."""
    first, _, rest = src_uri.partition("/")
    return rest if languages is not None and first in languages else src_uri


def _to_root(url: str, language: Language) -> str:
    """From a page of a language's site ("partners/nmit/") up to the whole site's root."""
    depth = url.count("/") if url not in ("", ".", "./") else 0
    return "../" * (depth + language.folder.count("/"))


def _built(items: list[Any]) -> list[Any]:
    """The menu without the pages that are not built (and a group left empty by them)."""
    kept = []
    for item in items:
        if isinstance(item, Section):
            item.children = _built(item.children)
            if not item.children:
                continue
        elif isinstance(item, Page) and item.file.inclusion.is_excluded():
            continue
        kept.append(item)
    return kept


def _sections(items: list[Any]) -> list[Section]:
    found = []
    for item in items:
        if isinstance(item, Section):
            found += [item, *_sections(item.children)]
    return found


# Material writes the site's name, description and copyright, the languages' names and the menu's
# titles into its pages as they are (attributes too): a pull request could add markup with them.
SETTING_MARKUP = re.compile(r"[<>\"&]")


def _settings_with_markup(config: MkDocsConfig) -> list[tuple[str, str]]:
    """The settings of mkdocs.yml a page shows, where they hold a sign of markup."""
    values = [(name, config[name]) for name in ("site_name", "site_description", "copyright")]
    for entry in config.plugins[I18N].config.languages:
        values += [(f"languages ({entry.locale}): {name}", getattr(entry, name, None))
                   for name in ("name", "site_name", "site_description", "copyright")]
        values += [(f"languages ({entry.locale}): nav_translations: {key}", title)
                   for key, title in (entry.nav_translations or {}).items()]
    return [(name, value) for name, value in values if isinstance(value, str) and SETTING_MARKUP.search(value)]


def _nav_groups(nav: list) -> list[str]:
    """The titles of the groups in the menu configuration (nested too)."""
    groups = []
    for item in nav:
        if isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, list):
                    groups += [title, *_nav_groups(value)]
    return groups


def _first_page(item: Any) -> Any:
    while getattr(item, "children", None):
        item = item.children[0]
    return item


def _setting(converter: Converter, text: str) -> str:
    """A setting of mkdocs.yml, converted: the theme writes some into attributes as they are, so a
    correction that is not plain text (the data check refuses those) is left out there."""
    corrected = converter.text(text)
    return converter.opencc(text) if any(sign in corrected for sign in "<>&\"'") else corrected


def _converted_data(data: Any, converter: Converter, lang: str) -> Any:
    """Structured data in a converted language: its texts converted, its addresses as they were."""
    if isinstance(data, dict):
        return {key: lang if key == "inLanguage" else _converted_data(value, converter, lang)
                for key, value in data.items()}
    if isinstance(data, list):
        return [_converted_data(value, converter, lang) for value in data]
    if isinstance(data, str) and not re.match(r"[a-z][a-z0-9+.-]*:", data):
        return converter.text(data)
    return data

