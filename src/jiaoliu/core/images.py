"""What an image the office uploads (`docs/assets/images/`: a logo, a favicon) may be.

Every file there is published on the site's own domain, where a browser opening an SVG directly
runs its scripts. So a raster image must be what its name says (by its first bytes), and an SVG
may only draw: it is read as XML without a DTD or entities, within a size, and each element and
attribute must be on the list of drawing ones; an event handler, a script, HTML
(`<foreignObject>`), an animation that could change an address, or a reference to anything but a
part of the same file (`href="#…"`, `url(#…)`) is refused, named, with its line.
"""

from __future__ import annotations

import re
import xml.parsers.expat
from collections.abc import Callable
from typing import NoReturn

from jiaoliu.core.errors import DataProblem

EXTENSIONS = ("png", "jpg", "jpeg", "webp", "svg")
SVG_LIMIT = 1_000_000  # bytes: a logo is a few kilobytes; this bounds what is parsed
# The first bytes of each raster format, and the name staff know it by.
MAGIC = {"png": (b"\x89PNG\r\n\x1a\n",), "jpg": (b"\xff\xd8\xff",), "jpeg": (b"\xff\xd8\xff",)}
FORMAT_NAMES = {"png": "PNG", "jpg": "JPEG", "jpeg": "JPEG", "webp": "WebP", "svg": "SVG"}
UNKNOWN_FORMAT = ("未知格式", "an unknown format")

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
# What drawing programs write about a drawing, which a browser ignores: RDF, Creative Commons,
# Dublin Core, Inkscape's and Sodipodi's editor settings.
INERT_NAMESPACES = frozenset({
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://creativecommons.org/ns#", "http://purl.org/dc/elements/1.1/",
    "http://www.inkscape.org/namespaces/inkscape", "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
})
DRAWING_ELEMENTS = frozenset({
    "svg", "g", "defs", "symbol", "use", "title", "desc", "metadata", "style",
    "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "textPath",
    "linearGradient", "radialGradient", "stop", "clipPath", "mask", "pattern", "marker",
    "filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feFlood", "feFuncA", "feFuncB",
    "feFuncG", "feFuncR", "feGaussianBlur", "feMerge", "feMergeNode", "feMorphology", "feOffset",
})
DRAWING_ATTRIBUTES = frozenset({
    "id", "class", "style", "version", "baseProfile", "viewBox", "preserveAspectRatio", "width", "height",
    "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy", "dx", "dy", "d", "points",
    "transform", "opacity", "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-linecap",
    "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset", "stroke-opacity",
    "clip-path", "clip-rule", "clipPathUnits", "mask", "maskUnits", "maskContentUnits", "filter", "filterUnits",
    "primitiveUnits", "color", "color-interpolation-filters", "display", "visibility", "overflow",
    "font-family", "font-size", "font-weight", "font-style", "font-variant", "letter-spacing", "word-spacing",
    "text-anchor", "dominant-baseline", "alignment-baseline", "baseline-shift", "text-decoration",
    "writing-mode", "textLength", "lengthAdjust", "rotate", "startOffset", "offset", "stop-color", "stop-opacity",
    "gradientUnits", "gradientTransform", "spreadMethod", "patternUnits", "patternContentUnits",
    "patternTransform", "markerWidth", "markerHeight", "markerUnits", "refX", "refY", "orient",
    "marker-start", "marker-mid", "marker-end", "in", "in2", "result", "stdDeviation", "mode", "operator",
    "k1", "k2", "k3", "k4", "type", "values", "tableValues", "slope", "intercept", "amplitude", "exponent",
    "flood-color", "flood-opacity", "radius", "enable-background", "shape-rendering", "text-rendering",
    "image-rendering", "color-rendering", "vector-effect", "paint-order", "mix-blend-mode", "isolation",
    "xml:space", "space", "lang", "href",
})
# In CSS (a style attribute or element): an address other than a part of this file, an import,
# or script.
_CSS_REFERENCE = re.compile(r"url\(\s*['\"]?\s*(?!#)[^)]*\)?|@import[^;]*|expression\s*\(|javascript:", re.IGNORECASE)


class _Refused(Exception):
    """The first thing in the SVG that is not drawing: its message code, what, and its line."""

    def __init__(self, code: str, line: int, **params: object) -> None:
        super().__init__(code)
        self.code, self.line, self.params = code, line, params


def image_problems(file: str, data: bytes) -> list[DataProblem]:
    """What is wrong with an image file (`file`: as staff name it, `docs/assets/images/logo.svg`)."""
    extension = file.rsplit(".", 1)[-1] if "." in file.rsplit("/", 1)[-1] else ""
    if extension not in EXTENSIONS:
        return [DataProblem(file, 1, 1, "", "image_extension", {"value": file.rsplit("/", 1)[-1]})]
    if extension == "svg":
        return _svg_problems(file, data)
    if not _is_format(extension, data):
        actual = _what_it_is(data)
        zh, en = (actual, actual) if actual else UNKNOWN_FORMAT
        return [DataProblem(file, 1, 1, "", "image_not_its_type",
                            {"expected": FORMAT_NAMES[extension], "actual_zh": zh, "actual_en": en})]
    return []


def _is_format(extension: str, data: bytes) -> bool:
    if extension == "webp":
        return data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    return data.startswith(MAGIC[extension])


def _what_it_is(data: bytes) -> str:
    """The format the bytes really have, for the message ("" if none the site knows)."""
    for extension in ("png", "jpg", "webp"):
        if _is_format(extension, data):
            return FORMAT_NAMES[extension]
    head = data[:512].lstrip().lower()
    if b"<svg" in head:
        return "SVG"
    if head.startswith((b"<!doctype html", b"<html")) or b"<script" in head:
        return "HTML"
    return ""


def _svg_problems(file: str, data: bytes) -> list[DataProblem]:
    if len(data) > SVG_LIMIT:
        return [DataProblem(file, 1, 1, "", "svg_too_large", {"limit": SVG_LIMIT // 1000})]
    try:
        _read_svg(data)
    except _Refused as refused:
        return [DataProblem(file, refused.line, 1, "", refused.code, refused.params)]
    return []


def _read_svg(data: bytes) -> None:
    """Read the whole file with expat, stopping at the first thing that is not drawing."""
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    open_elements: list[str] = []

    def refuse(code: str, **params: object) -> NoReturn:
        raise _Refused(code, parser.CurrentLineNumber, **params)

    def start(name: str, attributes: dict[str, str]) -> None:
        namespace, _, local = name.rpartition(" ")
        if not open_elements and (namespace, local) != (SVG, "svg"):
            refuse("svg_not_svg", value=f"<{local} xmlns=\"{namespace}\">" if namespace else f"<{local}>")
        open_elements.append(local)
        if namespace in INERT_NAMESPACES:
            return
        if namespace != SVG or local not in DRAWING_ELEMENTS:
            refuse("svg_element", value=f"<{local}>")
        for attribute, value in attributes.items():
            _check_attribute(attribute, value, refuse)

    def text(content: str) -> None:
        found = _CSS_REFERENCE.search(content) if open_elements[-1:] == ["style"] else None
        if found:
            refuse("svg_reference", value=found[0])

    def declaration(*_: object) -> None:
        refuse("svg_doctype")

    def instruction(target: str, _data: str) -> None:
        refuse("svg_element", value=f"<?{target}?>")

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda name: open_elements.pop()
    parser.CharacterDataHandler = text
    parser.StartDoctypeDeclHandler = declaration
    parser.EntityDeclHandler = declaration
    parser.ProcessingInstructionHandler = instruction
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as error:
        raise _Refused("svg_not_xml", error.lineno, detail=xml.parsers.expat.ErrorString(error.code)) from None


def _check_attribute(attribute: str, value: str, refuse: Callable[..., NoReturn]) -> None:
    namespace, _, local = attribute.rpartition(" ")
    if namespace in INERT_NAMESPACES:
        return
    if namespace not in ("", XLINK, XML) or local not in DRAWING_ATTRIBUTES:
        refuse("svg_attribute", value=local)
    if local == "href" and not value.strip().startswith("#"):
        refuse("svg_reference", value=value)
    found = _CSS_REFERENCE.search(value)
    if found:
        refuse("svg_reference", value=found[0])
