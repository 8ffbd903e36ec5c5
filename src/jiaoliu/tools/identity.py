"""jiaoliu-identity: draws a site's icons and share images from its name and colour (no invented
logo), in the site's folder (the current one, or --project):

  docs/assets/images/favicon.png            48 × 48    the college's abbreviation on its colour
  docs/assets/images/apple-touch-icon.png   180 × 180
  docs/assets/images/share-LANG.png         1200 × 630 the wordmark, for link previews, one per
                                            language of the site (a converted one: its source's
                                            text converted, in its own face)

The names come from data/site.yml, the colour from --md-primary-fg-color in
docs/assets/stylesheets/college.css, the Chinese face from Debian's fonts-noto-cjk. Run it after
changing any of them; like a formatter it rewrites the files and exits 1 when something changed
(so pre-commit shows the change).
"""

from __future__ import annotations

import argparse
import io
import re
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from jiaoliu.core import localise
from jiaoliu.core.loader import load_dataset
from jiaoliu.core.models import TO_TRANSLATE
from jiaoliu.core.traditional import Converter
from jiaoliu.engine.languages import read_languages
from jiaoliu.render.chrome import FAVICON, SHARE_IMAGE, SHARE_IMAGE_SIZE, TOUCH_ICON

FONTS = Path("/usr/share/fonts/opentype/noto")
# Face index in Debian's Noto Sans CJK .ttc files: Simplified Chinese, and Hong Kong's Traditional.
FACES = {"zh": 2, "en": 2, "zh-HK": 4}
COLOURS = "docs/assets/stylesheets/college.css"  # the college's colours and type (content)
WHITE, SOFT = (255, 255, 255), (214, 226, 240)


def colour(project: Path) -> tuple[int, int, int]:
    css = (project / COLOURS).read_text("utf-8")
    value = re.search(r"--md-primary-fg-color:\s*#([0-9a-fA-F]{6})", css)
    if value is None:
        raise SystemExit(f"{COLOURS} has no --md-primary-fg-color: #rrggbb")
    return tuple(int(value[1][i:i + 2], 16) for i in (0, 2, 4))  # type: ignore[return-value]


def has_chinese_face() -> bool:
    """Debian's fonts-noto-cjk is there (without it the images are drawn in Latin letters only)."""
    return (FONTS / "NotoSansCJK-Bold.ttc").is_file() and (FONTS / "NotoSansCJK-Regular.ttc").is_file()


def font(size: int, bold: bool = True, face: int = FACES["zh"]) -> ImageFont.FreeTypeFont:
    path = FONTS / ("NotoSansCJK-Bold.ttc" if bold else "NotoSansCJK-Regular.ttc")
    if not path.is_file():  # Pillow's own Latin face (its Chinese would be boxes: never asked for)
        return ImageFont.load_default(size)  # type: ignore[return-value]
    return ImageFont.truetype(str(path), size, index=face)


def _drawable(text: str) -> bool:
    """Translated (not marked for the translator), and in letters the face has: Noto CJK draws
    Chinese and Latin, not Lao or Arabic, whose letters would come out as boxes."""
    if text.startswith(TO_TRANSLATE):
        return False
    face = font(40)

    def drawn(char: str) -> bytes:
        image = Image.new("L", (64, 64))
        ImageDraw.Draw(image).text((8, 8), char, font=face, fill=255)
        return image.tobytes()

    missing = drawn("\U0010fffd")  # a private-use character: what the face draws for one it lacks
    return all(drawn(char) != missing for char in set(text) if not char.isspace())


def fitted(draw: ImageDraw.ImageDraw, text: str, size: int, width: int, bold: bool = True,
           face: int = FACES["zh"]) -> ImageFont.FreeTypeFont:
    """The largest font up to `size` in which `text` fits `width`."""
    while size > 10 and draw.textlength(text, font=font(size, bold, face)) > width:
        size -= 2
    return font(size, bold, face)


def icon(size: int, background: tuple[int, int, int], abbr: str) -> Image.Image:
    image = Image.new("RGB", (size, size), background)
    draw = ImageDraw.Draw(image)
    face = fitted(draw, abbr, size, int(size * 0.86))
    draw.text((size / 2, size / 2), abbr, font=face, fill=WHITE, anchor="mm")
    return image


def share(lang: str, background: tuple[int, int, int], lines: list[tuple[str, int, bool, tuple]]) -> Image.Image:
    width, height = SHARE_IMAGE_SIZE
    image = Image.new("RGB", (width, height), background)
    draw = ImageDraw.Draw(image)
    margin, y = 90, 130
    for text, size, bold, fill in lines:
        face = fitted(draw, text, size, width - 2 * margin, bold, FACES.get(lang, FACES["zh"]))
        draw.text((margin, y), text, font=face, fill=fill)
        y += int(face.size * 1.45)
        if text == lines[1][0]:
            draw.rectangle((margin, y + 20, margin + 120, y + 28), fill=WHITE)  # a rule under the names
            y += 90
    return image


def png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="jiaoliu-identity", description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", type=Path, default=Path.cwd(), help="the site's folder (default: here)")
    return draw(parser.parse_args(argv).project.resolve())


def draw(project: Path) -> int:
    """The site's images, rewritten where they differ; 1 when any changed."""
    languages = read_languages(project / "mkdocs.yml")
    data = load_dataset(project / "data", strict=False, languages=languages)  # a text still to translate draws nothing
    college, blue = data.site.college, colour(project)
    # The college's abbreviation, else the initials of its English name (Example Polytechnic → EP);
    # without a Chinese face, the initials for a Chinese abbreviation (it would be drawn as boxes).
    chinese = has_chinese_face()
    initials = "".join(word[0] for word in (college.en or "").split() if word[0].isupper())[:4] or "•"
    mark = college.abbr if college.abbr and (chinese or college.abbr.isascii()) else initials
    strings = localise.string_tables(data.wording)  # the college's own wording too
    images = {
        FAVICON: icon(48, blue, mark),
        TOUCH_ICON: icon(180, blue, mark),
    }
    for language in languages.written:
        # The page's language, its name first (a language not Chinese: the English name), the other
        # under it; without a Chinese face, no Chinese: the English image for Chinese pages.
        lang = "en" if localise.is_chinese(language.code) and not chinese else language.code
        if not _drawable(strings[lang]("home.title")):  # still to translate, or in a script the face lacks
            lang = "en"
        in_chinese = localise.is_chinese(lang)
        names = [college.zh if in_chinese else college.en or college.zh,
                 ((college.en or "") if in_chinese else college.zh) if chinese else ""]
        images[SHARE_IMAGE.format(lang=language.code)] = share("zh" if in_chinese else "en", blue, [
            (names[0], 76, True, WHITE), (names[1], 40, False, SOFT), (strings[lang]("home.title"), 64, True, WHITE)])
    for language in languages.converted if chinese else ():  # its source's text, converted as the pages are
        convert = Converter(language.opencc or "", [(n.simplified, n.traditional) for n in data.traditional]).text
        images[SHARE_IMAGE.format(lang=language.code)] = share(language.code, blue, [
            (convert(college.zh), 76, True, WHITE), (college.en or "", 40, False, SOFT),
            (convert(strings[language.text]("home.title")), 64, True, WHITE)])
    for language in languages.converted if not chinese else ():  # its source's (English) image
        images[SHARE_IMAGE.format(lang=language.code)] = images[SHARE_IMAGE.format(lang=language.text)]
    changed = []
    for path, image in images.items():
        target = project / "docs" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        content = png(image)
        if not target.is_file() or target.read_bytes() != content:
            target.write_bytes(content)
            changed.append(str(target.relative_to(project)))
    for path in changed:
        print(f"updated: {path}")
    if not chinese:
        print(f"说明 / Note: 未找到中文字体，图片只用了英文；安装 fonts-noto-cjk 后运行 ./scripts/identity / no Chinese face "
              f"in {FONTS}: the images show the English name only; install fonts-noto-cjk, then run ./scripts/identity")
    return 1 if changed else 0


if __name__ == "__main__":
    raise SystemExit(main())
