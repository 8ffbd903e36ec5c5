"""Photos the office adds (issue 26, point 3): what the check refuses, each at the line that names
the photo, in words staff understand; and the copies the build publishes: resized, WebP, turned
as the camera said, with none of the original's metadata (its GPS position above all).

The built pages with photos (sizes, descriptions, lazy loading, the page weight) are checked on
the fixture's site, in test_filled.py.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageCms

from conftest import LANGUAGES, ROOT, copy_project
from jiaoliu.core import photos
from jiaoliu.core.loader import check_data
from jiaoliu.render.photos import copies, encode

FIXTURE = ROOT / "tests" / "fixtures" / "filled" / "photos"
PHOTO = """photo:
  file: {file}
  alt: {{zh: 校园, en: The campus}}
  credit: {{zh: 国际交流与合作处, en: The International Office}}
"""


def _jpeg(size: tuple[int, int] = (640, 427), **save: object) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (40, 90, 150)).save(out, "JPEG", **save)
    return out.getvalue()


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 64)).save(out, "PNG")
    return out.getvalue()


def _png_claiming(width: int, height: int) -> bytes:
    """A PNG of a few bytes whose header claims a picture of width × height (a decompression bomb)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00")) + chunk(b"IEND", b""))


def _with_photo(tmp_path: Path, file: str, content: bytes | None) -> tuple[Path, int]:
    """A copy of the project whose home page names the photo `file` (with `content` in
    data/photos/, if any); the line of its `file:`."""
    project = copy_project(tmp_path / "project")
    site = project / "data" / "site.yml"
    text = site.read_text("utf-8")
    site.write_text(text + PHOTO.format(file=file), "utf-8")
    if content is not None:
        (project / "data" / "photos").mkdir()
        (project / "data" / "photos" / file).write_bytes(content)
    return project, text.count("\n") + 2


CASES = {  # what staff upload: (file name, its content), the problem, and a limit set low to reach it
    "no such file": ("campus.jpg", None, "missing_photo", {}),
    "not an image": ("campus.jpg", b"%PDF-1.4 a brochure", "photo_not_image", {}),
    "a PNG named .jpg": ("campus.jpg", _png(), "photo_not_its_type", {}),
    "cut short": ("campus.jpg", _jpeg()[:2000], "photo_broken", {}),
    "a huge picture in a small file": ("campus.png", _png_claiming(30000, 30000), "photo_too_many_pixels", {}),
    "over the pixel limit": ("campus.jpg", _jpeg(), "photo_too_many_pixels", {"PIXEL_LIMIT": 100_000}),
    "over the file limit": ("campus.jpg", _jpeg(), "photo_too_large", {"FILE_LIMIT": 1_000}),
    "a name with capitals and a space": ("Campus Photo.JPG", None, "bad_photo_file", {}),
}


@pytest.mark.parametrize("name", list(CASES))
def test_a_photo_that_cannot_be_published_is_refused_at_its_line(tmp_path, monkeypatch, name):
    file, content, code, limits = CASES[name]
    for limit, value in limits.items():
        monkeypatch.setattr(photos, limit, value)
    project, line = _with_photo(tmp_path, file, content)
    result = check_data(project / "data", docs=project / "docs", languages=LANGUAGES)
    assert [(p.code, p.file, p.line, p.field) for p in result.errors] == [(code, "data/site.yml", line, "photo.file")]
    text = result.errors[0].format()
    assert "How to fix" in text and "修改建议" in text and "{" not in text, text


def test_a_file_in_the_photos_folder_that_no_photo_could_be_is_named(tmp_path):
    project, _ = _with_photo(tmp_path, "campus.jpg", _jpeg())
    (project / "data" / "photos" / "IMG 0001.JPG").write_bytes(_jpeg())
    result = check_data(project / "data", docs=project / "docs", languages=LANGUAGES)
    assert [(p.code, p.file, p.line) for p in result.errors] == [("bad_photo_file", "data/photos/IMG 0001.JPG", 1)]


def test_a_photo_needs_a_description_and_a_credit_in_both_languages(tmp_path):
    project, line = _with_photo(tmp_path, "campus.jpg", _jpeg())
    site = project / "data" / "site.yml"
    site.write_text(site.read_text("utf-8").replace("  alt: {zh: 校园, en: The campus}\n", ""), "utf-8")
    result = check_data(project / "data", docs=project / "docs", languages=LANGUAGES)
    assert [(p.code, p.line, p.field) for p in result.errors] == [("missing", line, "photo.alt")]
    site.write_text(site.read_text("utf-8").replace("credit: {zh: 国际交流与合作处, en: The International Office}",
                                                    "alt: {zh: 校园}\n  credit: {en: The International Office}"), "utf-8")
    warnings = check_data(project / "data", docs=project / "docs", languages=LANGUAGES).warnings
    assert {(p.code, p.field) for p in warnings} == {("missing_translation", "photo.alt.en"),
                                                     ("missing_translation", "photo.credit.zh")}


def test_a_good_photo_passes_and_its_facts_are_as_shown(tmp_path):
    project, _ = _with_photo(tmp_path, "campus.jpg", (FIXTURE / "activity.jpg").read_bytes())
    result = check_data(project / "data", docs=project / "docs", languages=LANGUAGES)
    assert not result.errors and result.dataset is not None
    facts = result.dataset.photos["campus.jpg"]
    assert (facts.width, facts.height) == (900, 1200)  # stored 1200 × 900, taken upright (EXIF orientation 6)


@pytest.mark.parametrize("name", ["activity.jpg", "programme.jpg", "partner.png"])
def test_a_copy_has_none_of_the_originals_metadata(name):
    """The fixture's originals carry a GPS position (EXIF), a camera's make and model, XMP (the
    JPEGs) or text chunks (the PNG): none of it is in a copy."""
    original = (FIXTURE / name).read_bytes()
    with Image.open(io.BytesIO(original)) as opened:
        assert opened.getexif().get_ifd(0x8825) and b"Example Camera Co." in original  # GPS, make
        assert "xmp" in opened.info or "Comment" in opened.info
    for made in encode(original, [(480, 320), (320, 213)]):
        image = Image.open(io.BytesIO(made))
        assert image.format == "WEBP" and not {"exif", "xmp", "icc_profile"} & set(image.info), image.info.keys()
        assert not image.getexif()
        for trace in (b"EXIF", b"XMP ", b"ICCP", b"Example", b"GPS", b"23.38"):
            assert trace not in made, trace


def test_a_copy_is_turned_as_the_camera_said():
    """Taken upright, stored on its side (EXIF orientation 6): the copy is a portrait, its sky
    (dark) at the top and its buildings (light) below."""
    made, = encode((FIXTURE / "activity.jpg").read_bytes(), [(480, 640)])
    image = Image.open(io.BytesIO(made)).convert("RGB")
    assert image.size == (480, 640)
    assert sum(image.getpixel((240, 150))) + 150 < sum(image.getpixel((240, 630)))


def test_a_photo_with_a_colour_profile_is_shown_in_srgb_without_it():
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    made, = encode(_jpeg(icc_profile=profile), [(320, 213)])
    assert b"ICCP" not in made and "icc_profile" not in Image.open(io.BytesIO(made)).info


def test_a_damaged_exif_block_or_a_second_picture_is_a_message_or_a_jpeg(tmp_path):
    """A JPEG whose EXIF block is damaged is published without it or called damaged, never a
    traceback; a camera's JPEG with a second picture inside (MPO) is a JPEG."""
    damaged = bytearray(_jpeg(exif=Image.Exif().tobytes() + b"\x00" * 8))
    at = damaged.index(b"Exif\x00\x00") + 6
    damaged[at:at + 4] = b"XXXX"  # no longer a TIFF header
    (tmp_path / "x.jpg").write_bytes(bytes(damaged))
    facts = photos.facts_of(tmp_path / "x.jpg")
    assert facts == ("photo_broken", {}) or encode(bytes(damaged), [(320, 213)])
    first, second = Image.new("RGB", (640, 427), "navy"), Image.new("RGB", (640, 427), "white")
    out = io.BytesIO()
    first.save(out, "MPO", save_all=True, append_images=[second])
    (tmp_path / "y.jpg").write_bytes(out.getvalue())
    assert Image.open(tmp_path / "y.jpg").format == "MPO"
    assert isinstance(photos.facts_of(tmp_path / "y.jpg"), photos.PhotoFacts)


def test_a_folder_in_the_photos_folder_is_named(tmp_path):
    project, _ = _with_photo(tmp_path, "campus.jpg", _jpeg())
    (project / "data" / "photos" / "2024").mkdir()
    result = check_data(project / "data", docs=project / "docs", languages=LANGUAGES)
    assert [(p.code, p.file) for p in result.errors] == [("photo_folder", "data/photos/2024/")]


def test_the_copies_are_never_wider_than_the_photo():
    facts = photos.PhotoFacts(900, 1200, "abc")
    assert [(c.width, c.height) for c in copies("x.jpg", facts)] == [(480, 640), (800, 1067), (900, 1200)]
    assert [c.width for c in copies("x.jpg", photos.PhotoFacts(3000, 2000, "abc"))] == [480, 800, 1200, 1600]
    assert [c.path for c in copies("x.jpg", photos.PhotoFacts(300, 200, "abc"))] == ["assets/photos/x-abc-300.webp"]
