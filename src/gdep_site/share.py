"""Passing a page on: its address as a QR code (WeChat reads no Open Graph tags without an
official account, so a desktop reader scans the page onto a phone) and the share images."""

from __future__ import annotations

import segno

SHARE_IMAGE = "assets/images/share-{lang}.png"  # 1200 × 630, drawn by scripts/identity
SHARE_IMAGE_SIZE = (1200, 630)
FAVICON = "assets/images/favicon.png"
TOUCH_ICON = "assets/images/apple-touch-icon.png"


def qr_svg(url: str, label: str) -> str:
    """An inline SVG QR code of `url`, named for screen readers by `label` (our own text)."""
    svg = segno.make(url, error="m").svg_inline(scale=3, border=2, title=label, svgclass="gdep-qr__code",
                                                lineclass=None, dark="#000", light="#fff")
    return svg.replace("<svg ", '<svg role="img" ', 1)
