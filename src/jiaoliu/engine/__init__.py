"""The engine adapter: the only code that imports MkDocs, Material or mkdocs-static-i18n."""
