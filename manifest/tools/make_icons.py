#!/usr/bin/env python3
"""Draws WorkshopBot's Teams icons: color.png (192x192, full colour) and outline.png (32x32, white on transparent).

Run once from anywhere: python3 manifest/tools/make_icons.py. Standard library only. A partnership can change
ACCENT (keep it equal to accentColor in manifest.json) and rerun; the tests check the sizes and the outline rules.
"""

import os
import struct
import zlib

ACCENT = (0x0F, 0x6C, 0x8C)  # matches "accentColor": "#0F6C8C"
WHITE = (255, 255, 255)
SUPERSAMPLE = 4


def _segment_distance(px, py, ax, ay, bx, by):
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    cx, cy = ax + t * dx, ay + t * dy
    return ((px - cx) ** 2 + (py - cy) ** 2) ** 0.5


def _in_rounded_rect(px, py, x0, y0, x1, y1, r):
    cx = min(max(px, x0 + r), x1 - r)
    cy = min(max(py, y0 + r), y1 - r)
    return (px - cx) ** 2 + (py - cy) ** 2 <= r * r and x0 <= px <= x1 and y0 <= py <= y1


def glyph(x, y, stroke, detailed):
    """A clipboard, in unit coordinates (0..1, y down): three ticked lines, or one big tick where pixels are few."""
    body = _in_rounded_rect(x, y, 0.18, 0.14, 0.82, 0.94, 0.08) and not _in_rounded_rect(
        x, y, 0.18 + stroke, 0.14 + stroke, 0.82 - stroke, 0.94 - stroke, max(0.0, 0.08 - stroke))
    clip = _in_rounded_rect(x, y, 0.34, 0.06, 0.66, 0.24, 0.05)
    if not detailed:
        return body or clip or (_segment_distance(x, y, 0.33, 0.58, 0.45, 0.70) <= stroke / 2
                                or _segment_distance(x, y, 0.45, 0.70, 0.65, 0.46) <= stroke / 2)
    marks = False
    for row in (0.42, 0.60, 0.78):
        tick = (_segment_distance(x, y, 0.28, row, 0.33, row + 0.05) <= stroke / 2
                or _segment_distance(x, y, 0.33, row + 0.05, 0.42, row - 0.05) <= stroke / 2)
        line = _segment_distance(x, y, 0.50, row, 0.72, row) <= stroke / 2
        marks = marks or tick or line
    return body or clip or marks


def coverage(px, py, size, inset, stroke, detailed):
    """Fraction of pixel (px, py) the glyph covers, with the glyph drawn in a square inset from the edges."""
    span = size - 2 * inset
    hits = 0
    for sy in range(SUPERSAMPLE):
        for sx in range(SUPERSAMPLE):
            x = (px + (sx + 0.5) / SUPERSAMPLE - inset) / span
            y = (py + (sy + 0.5) / SUPERSAMPLE - inset) / span
            hits += 0 <= x <= 1 and 0 <= y <= 1 and glyph(x, y, stroke, detailed)
    return hits / SUPERSAMPLE ** 2


def write_png(path, size, pixel):
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(size)) for y in range(size))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA, no interlace
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def color_pixel(x, y):
    a = coverage(x, y, 192, 40, 0.075, True)
    return tuple(round(c * (1 - a) + w * a) for c, w in zip(ACCENT, WHITE)) + (255,)


def outline_pixel(x, y):
    a = round(coverage(x, y, 32, 2, 0.1, False) * 255)
    return (255, 255, 255, a) if a else (0, 0, 0, 0)


if __name__ == "__main__":
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    write_png(os.path.join(here, "color.png"), 192, color_pixel)
    write_png(os.path.join(here, "outline.png"), 32, outline_pixel)
