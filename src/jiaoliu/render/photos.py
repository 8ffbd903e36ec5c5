"""The photos the office adds, as pages show them: copies at several widths (WebP, without the
original's metadata), and the markup that lets the browser pick the one it needs.

A phone of 412 CSS pixels at 2.6 device pixels per CSS pixel needs about 1,070 pixels for a photo
as wide as its screen; a desktop's column, about 800 (1,600 on a high-density screen). Each photo
is made at the widths below that are narrower than the original, and at the original's own width
up to the largest: never enlarged. The copies are named by the original's digest, so a replaced
photo gets new addresses and no browser shows a stale copy.
"""

from __future__ import annotations

import hashlib
import io
import math
import posixpath
from collections.abc import Sequence
from dataclasses import dataclass

import PIL
from PIL import Image, ImageCms, ImageOps

from jiaoliu.core import models as m
from jiaoliu.core.pages import address_of_path
from jiaoliu.core.photos import FORMAT_NAMES, ORIENTATION, QUARTER_TURNS, PhotoFacts
from jiaoliu.render.context import Ctx

WIDTHS = (480, 800, 1200, 1600)
QUALITY = 72  # WebP: indistinguishable from the original on a screen, a fifth of a JPEG's size
# The encoding, for copies kept between builds (the plugin's `photo_cache`): another Pillow or
# other settings make other copies.
ENCODING = hashlib.sha256(f"webp q{QUALITY} m4 lanczos srgb draft pillow {PIL.__version__}".encode()).hexdigest()[:8]
FOLDER = "assets/photos"  # in each language's site
# How wide each place shows a photo, for the browser's choice among the widths (`sizes`): the
# hero beside or above the headline; a photo in a page's column (at most 38rem of text width).
SIZES = {"hero": "(min-width: 60em) 40vw, 100vw", "page": "(min-width: 60em) 38rem, 100vw"}


@dataclass(frozen=True)
class Copy:
    """One published copy of a photo: its path in the site, and its size."""

    path: str
    width: int
    height: int


def copies(file: str, facts: PhotoFacts) -> list[Copy]:
    """The copies of a photo (its file name in data/photos/), narrowest first."""
    widest = min(facts.width, WIDTHS[-1])
    widths = [w for w in WIDTHS if w < widest] + [widest]
    stem = file.rsplit(".", 1)[0]
    return [Copy(f"{FOLDER}/{stem}-{facts.digest}-{w}.webp", w, max(1, round(facts.height * w / facts.width)))
            for w in widths]


def encode(original: bytes, sizes: Sequence[tuple[int, int]]) -> list[bytes]:
    """WebP copies at `sizes` (width, height: those `copies` gives the markup), decoded once:
    turned as the camera said, in sRGB, and nothing of the original but its pixels (no EXIF,
    GPS, XMP, text or colour profile)."""
    with Image.open(io.BytesIO(original), formats=list(FORMAT_NAMES)) as opened:
        turned = opened.getexif().get(ORIENTATION) in QUARTER_TURNS
        shown_width = opened.height if turned else opened.width
        scale = max(width for width, _ in sizes) / shown_width
        opened.draft(opened.mode, (math.ceil(opened.width * scale), math.ceil(opened.height * scale)))  # JPEG: decode smaller
        image = _in_srgb(ImageOps.exif_transpose(opened))
    return [_webp(image, size) for size in sizes]


def _webp(image: Image.Image, size: tuple[int, int]) -> bytes:
    resized = image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
    pixels = Image.new(resized.mode, resized.size)  # a new image: none of the original's `info`
    pixels.paste(resized)
    out = io.BytesIO()
    pixels.save(out, "WEBP", quality=QUALITY, method=4)
    return out.getvalue()


def _in_srgb(image: Image.Image) -> Image.Image:
    """RGB (RGBA with transparency); a phone's Display P3 or a camera's Adobe RGB converted to
    sRGB, which browsers assume once the profile is gone."""
    mode = "RGBA" if "A" in image.getbands() or "transparency" in image.info else "RGB"
    profile = image.info.get("icc_profile")
    if profile:
        try:
            converted = ImageCms.profileToProfile(image, ImageCms.ImageCmsProfile(io.BytesIO(profile)),
                                                  ImageCms.createProfile("sRGB"), outputMode=mode)
            if converted is not None:  # (None only when converting in place, which this is not)
                return converted
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a profile littleCMS cannot apply: the pixels as they are
    return image.convert(mode)


def photo(ctx: Ctx, value: m.Photo | None, place: str = "page") -> str:
    """The photo's markup on this page (partials/jiaoliu/photo.html), or nothing without one. The
    hero's is fetched first; the others, below the fold, only when the reader scrolls to them."""
    if value is None:
        return ""
    made = copies(value.file, ctx.data.photos[value.file])
    folder = address_of_path(ctx.page) or "."
    urls = [(posixpath.relpath(c.path, folder), c.width) for c in made]
    return ctx.partial("photo", src=urls[min(1, len(urls) - 1)][0], srcset=urls, sizes=SIZES[place],
                       width=made[-1].width, height=made[-1].height, alt=ctx.text(value.alt),
                       credit=ctx.t("photo.credit", credit=ctx.text(value.credit)), place=place,
                       eager=place == "hero")
