"""The photos the office adds (`data/photos/`), checked once, here, before anything is built.

A photo is named in the data by its file (`photo: {file: campus.jpg, alt: …, credit: …}`). Each
named file is opened once: it must be there, be the image its name says by its content (JPEG,
PNG or WebP), stay within FILE_LIMIT bytes and PIXEL_LIMIT pixels (a small file can claim a huge
picture, and decoding it would exhaust the memory), and decode whole. What is learnt (its size as
shown, and a digest that names its published copies) travels with the dataset: the build opens
no file the check has not passed, and never publishes the file itself (its metadata may say
where and when it was taken): `render.photos` makes resized copies without it.
"""

from __future__ import annotations

import hashlib
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

from PIL import Image

from jiaoliu.core import models as m
from jiaoliu.core.errors import DataProblem
from jiaoliu.core.yamlsource import Located

FOLDER = "photos"  # in data/
FILE_LIMIT = 15_000_000  # bytes: a phone's photo is 2–8 MB
PIXEL_LIMIT = 50_000_000  # a 50-megapixel camera's; decoded, 200 MB of memory
FORMATS = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}
FORMAT_NAMES = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
# What Pillow reads, and the format each is: a camera's JPEG with a second picture inside (MPO:
# a depth map, an HDR gain map) is a JPEG.
READERS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WEBP"}
# EXIF orientations that turn the picture a quarter: shown, it is as wide as it is stored high.
QUARTER_TURNS = {5, 6, 7, 8}
ORIENTATION = 0x0112
BOMB_SIZE = re.compile(r"Image size \((\d+) pixels\)")  # in Pillow's DecompressionBombError


@dataclass(frozen=True)
class PhotoFacts:
    """A photo as readers see it: its size once the camera's rotation is applied."""

    width: int
    height: int
    digest: str  # of the file's bytes: a replaced photo gets new addresses (no stale copy in a cache)


def named(parsed: dict[str, Any]) -> Iterator[tuple[str, tuple, m.Photo]]:
    """Every photo the data names: (data file, path of the `photo` field, the photo)."""
    for file_name, model in parsed.items():
        for path, node in m.nested_models(model):
            if isinstance(node, m.Photo):
                yield file_name, path, node


def check(data_dir: Path, parsed: dict[str, Any], sources: dict[str, Located]
          ) -> tuple[list[DataProblem], dict[str, PhotoFacts]]:
    """The problems of every named photo, each at the line of its `file`; the facts of the others."""
    problems: list[DataProblem] = []
    read: dict[str, PhotoFacts | tuple[str, dict[str, object]]] = {}
    for file_name, path, photo in named(parsed):
        if photo.file not in read:
            read[photo.file] = facts_of(data_dir / FOLDER / photo.file)
        result = read[photo.file]
        if isinstance(result, tuple):
            code, params = result
            problems.append(sources[file_name].problem(path + ("file",), code, value=photo.file, **params))
    return problems, {name: facts for name, facts in read.items() if isinstance(facts, PhotoFacts)}


def facts_of(path: Path) -> PhotoFacts | tuple[str, dict[str, object]]:
    """The photo's facts, or why it cannot be published: (message code, its values)."""
    if not path.is_file():
        return "missing_photo", {}
    if path.stat().st_size > FILE_LIMIT:
        return "photo_too_large", {"limit": FILE_LIMIT // 1_000_000}
    data = path.read_bytes()
    expected = FORMATS[path.suffix.lstrip(".")]
    try:
        with warnings.catch_warnings():  # Pillow's warning of a large picture is our error below
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(BytesIO(data), formats=list(FORMAT_NAMES))  # a JPEG with a second picture opens as MPO
    except Image.DecompressionBombError as exc:  # far over the limit: Pillow does not even open it
        claimed = BOMB_SIZE.search(str(exc))
        return "photo_too_many_pixels", {"megapixels": int(claimed[1]) // 1_000_000 if claimed else "?",
                                         "limit": PIXEL_LIMIT // 1_000_000}
    except Exception:  # whatever Pillow makes of a file that is no image: a message, not a traceback
        return "photo_not_image", {"expected": FORMAT_NAMES[expected]}
    with image:
        found = READERS.get(image.format or "")
        if found != expected:
            return "photo_not_its_type", {"expected": FORMAT_NAMES[expected],
                                          "actual": FORMAT_NAMES.get(found or "", image.format or "?")}
        width, height = image.size
        if width * height > PIXEL_LIMIT:
            return "photo_too_many_pixels", {"megapixels": width * height // 1_000_000,
                                             "limit": PIXEL_LIMIT // 1_000_000}
        try:
            image.load()  # the whole picture: a file cut short fails here, not in the build
            turned = image.getexif().get(ORIENTATION) in QUARTER_TURNS  # a damaged EXIF block fails here
        except Exception:  # as above
            return "photo_broken", {}
    return PhotoFacts(height if turned else width, width if turned else height, hashlib.sha256(data).hexdigest()[:12])


def folder_problems(data_dir: Path) -> Iterator[DataProblem]:
    """Files in data/photos/ whose names no photo could have (`IMG 001.JPG`): named, so that a
    photo uploaded under such a name is not just "missing" where the data names it."""
    folder = data_dir / FOLDER
    for entry in sorted(folder.iterdir()) if folder.is_dir() else []:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield DataProblem(f"data/{FOLDER}/{entry.name}/", 1, 1, "", "photo_folder", {"value": entry.name})
        elif not m.PHOTO_FILE.fullmatch(entry.name):
            yield DataProblem(f"data/{FOLDER}/{entry.name}", 1, 1, "", "bad_photo_file", {"value": entry.name})
