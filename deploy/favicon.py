#!/usr/bin/env python3
"""Renders Public/favicon.ico from the shapes of Public/favicon.svg (a dark rounded square with a
white H), for browsers and tools that ask for /favicon.ico and do not read SVG: a 32×32 and a
16×16 PNG inside one ICO file. Standard library only; run it after changing favicon.svg."""
import os
import struct
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
INK = (0x1B, 0x1F, 0x24)
WHITE = (0xFF, 0xFF, 0xFF)


def inside_square(x, y):
    """The 32-unit square with corners of radius 6."""
    r = 6.0
    cx = min(max(x, r), 32 - r)
    cy = min(max(y, r), 32 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def inside_h(x, y):
    """M9 7h4v7h6V7h4v18h-4v-7h-6v7H9z"""
    if not 7 <= y <= 25:
        return False
    return 9 <= x <= 13 or 19 <= x <= 23 or (13 <= x <= 19 and 14 <= y <= 18)


def render(size, samples=4):
    rows = []
    for py in range(size):
        row = bytearray([0])   # PNG filter: none
        for px in range(size):
            cover = letter = 0
            for sy in range(samples):
                for sx in range(samples):
                    x = (px + (sx + 0.5) / samples) * 32 / size
                    y = (py + (sy + 0.5) / samples) * 32 / size
                    if inside_square(x, y):
                        cover += 1
                        letter += inside_h(x, y)
            n = samples * samples
            alpha = round(255 * cover / n)
            mix = letter / cover if cover else 0
            rgb = [round(INK[i] * (1 - mix) + WHITE[i] * mix) for i in range(3)]
            row += bytes(rgb + [alpha])
        rows.append(bytes(row))
    raw = zlib.compress(b"".join(rows), 9)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", raw) + chunk(b"IEND", b""))


def main():
    images = [(size, render(size)) for size in (32, 16)]
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries, data = b"", b""
    for size, png in images:
        entries += struct.pack("<BBBBHHII", size, size, 0, 0, 1, 32, len(png), offset + len(data))
        data += png
    with open(os.path.join(ROOT, "Public", "favicon.ico"), "wb") as f:
        f.write(header + entries + data)


if __name__ == "__main__":
    main()
