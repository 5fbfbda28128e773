"""Regenerates pil_resize_hashes.json: SHA-256 of Pillow's Image.resize output for a synthetic RGB image.

The image is defined by a formula (PilResizeReferenceTests.Source builds the same pixels), so no binary fixture
is stored. Run with Debian's interpreter and python3-pil: /usr/bin/python3 make_pil_resize_hashes.py
"""
import hashlib
import json

import numpy as np
import PIL
from PIL import Image

WIDTH, HEIGHT = 97, 61


def pixel(x, y, c):
    # A gradient plus a wrapping pseudo-noise term: sharp edges exercise clipping and negative filter lobes.
    return (x * 3 + y * 2 + c * 60 + (x * x * 31 + y * y * 17 + x * y * 7) % 61) % 256


def main():
    arr = np.array(
        [[[pixel(x, y, c) for c in range(3)] for x in range(WIDTH)] for y in range(HEIGHT)], dtype=np.uint8
    )
    image = Image.fromarray(arr, "RGB")
    cases = []
    for resample in range(6):  # nearest, lanczos, bilinear, bicubic, box, hamming
        for width, height in [(32, 32), (224, 224), (50, 17), (97, 30), (40, 61), (300, 7), (13, 200)]:
            out = np.asarray(image.resize((width, height), resample=resample))
            cases.append({
                "resample": resample,
                "width": width,
                "height": height,
                "sha256": hashlib.sha256(out.tobytes()).hexdigest(),
            })
    with open("pil_resize_hashes.json", "w") as f:
        json.dump({"pillow": PIL.__version__, "source": [WIDTH, HEIGHT], "cases": cases}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
