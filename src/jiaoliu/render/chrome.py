"""What the header and footer of every page show: the college's wordmark or logo, the footer's
college, office and official site, the icons and the share image. Pure functions of the page
context; the theme overrides write these values escaped."""

from __future__ import annotations

from dataclasses import dataclass

from jiaoliu.render.context import Ctx

SHARE_IMAGE = "assets/images/share-{lang}.png"  # 1200 × 630, drawn by scripts/identity
SHARE_IMAGE_SIZE = (1200, 630)
FAVICON = "assets/images/favicon.png"
TOUCH_ICON = "assets/images/apple-touch-icon.png"
# The page's address as a QR code is drawn in the reader's browser by this script (loaded only on
# wide screens, where a reader may want to pass the page to a phone); see theme/main.html.
QR_SCRIPT = "assets/javascripts/vendor/qrcode-generator-2.0.4.js"


@dataclass(frozen=True)
class Identity:
    college: str            # in the page's language
    college_other: str      # in the other language ("" when it has no verified form)
    other_lang: str
    subtitle: str           # what this site is: "International exchange and cooperation"
    office: str
    website: str            # the college's official site
    logo: str | None        # a path in the site, when the office supplied a logo
    logo_alt: str
    favicon: str
    touch_icon: str
    share_image: str        # path in the site of this language's 1200 × 630 image


def identity(ctx: Ctx) -> Identity:
    site = ctx.data.site
    other = "en" if ctx.lang == "zh" else "zh"
    other_name = getattr(site.college, other) or ""
    office_logo = site.logo
    return Identity(
        college=ctx.name(site.college),
        college_other=other_name,
        other_lang=other,
        subtitle=ctx.t("home.title"),
        office=ctx.name(site.office.name),
        website=site.website,
        logo=office_logo.image if office_logo else None,
        logo_alt=ctx.text(office_logo.alt) if office_logo else "",
        # The office's square image serves as both icons; otherwise the site's own, drawn from its name.
        favicon=site.favicon or FAVICON,
        touch_icon=site.favicon or TOUCH_ICON,
        share_image=SHARE_IMAGE.format(lang=ctx.lang),
    )
