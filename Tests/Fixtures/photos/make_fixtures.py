#!/usr/bin/env python3
"""Regenerates the committed test photos (not run by CI; the outputs are committed).

Made with Pillow (PyPI) so the fixtures come from an encoder we did not write:
    pip install pillow && python3 Tests/Fixtures/photos/make_fixtures.py
Every image is asymmetric (a gradient plus a marker in the top-left corner), so a
wrongly applied EXIF orientation shows up in the pixel comparison.
"""
import io
import os
import struct

from PIL import Image, ImageCms, ImageDraw

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES = os.path.join(HERE, "..", "..", "..", "Samples")


def scene(w, h, mode="RGB"):
    img = Image.new("RGB", (w, h))
    px = img.load()
    for y in range(h):
        for x in range(w):
            px[x, y] = (int(255 * x / max(w - 1, 1)), int(255 * y / max(h - 1, 1)), 96)
    d = ImageDraw.Draw(img)
    d.rectangle([1, 1, w // 4, h // 5], fill=(250, 250, 250))  # marker: top-left
    d.ellipse([w // 2, h // 2, w // 2 + w // 5, h // 2 + h // 4], fill=(20, 20, 200))
    return img.convert(mode)


def exif(orientation=1, gps=False, make="PhotoCam", model="PC-1", when="2024:05:17 14:03:22"):
    e = Image.Exif()
    e[0x0112] = orientation
    e[0x010F] = make
    e[0x0110] = model
    ifd = e.get_ifd(0x8769)
    ifd[0x9003] = when                # DateTimeOriginal
    ifd[0x9011] = "+02:00"            # OffsetTimeOriginal
    ifd[0x9291] = "25"                # SubSecTimeOriginal
    if gps:
        g = e.get_ifd(0x8825)
        g[1] = "N"
        g[2] = (52.0, 22.0, 26.4)
        g[3] = "E"
        g[4] = (4.0, 53.0, 12.1)
    return e


def segment(marker, payload):
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def insert_after_app0(jpeg, *segments):
    # SOI + (APP0 JFIF if present) + our segments + rest
    pos = 2
    if jpeg[2:4] == b"\xff\xe0":
        pos = 4 + struct.unpack(">H", jpeg[4:6])[0]
    return jpeg[:pos] + b"".join(segments) + jpeg[pos:]


def jpeg(img, **kw):
    buf = io.BytesIO()
    img.save(buf, "JPEG", **kw)
    return buf.getvalue()


def write(name, data, folder=HERE):
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


XMP = (b"http://ns.adobe.com/xap/1.0/\x00"
       b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
       b'<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="52,22.44N" '
       b'exif:GPSLongitude="4,53.2E"/></rdf:RDF></x:xmpmeta>')
IPTC_RECORD = b"\x1c\x02\x05\x00\x0eJane Doe Wound"  # IPTC 2:05 Object Name
IPTC = b"Photoshop 3.0\x00" + b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(IPTC_RECORD)) + \
       IPTC_RECORD + b"\x00"


def main():
    base = scene(64, 48)
    write("baseline-420.jpg", jpeg(base, quality=90, subsampling=2, exif=exif()))
    write("baseline-444.jpg", jpeg(base, quality=90, subsampling=0, exif=exif()))
    write("grey.jpg", jpeg(scene(64, 48, "L"), quality=90, exif=exif()))
    # stored sideways; the EXIF orientation says how to show it upright
    write("orient-3.jpg", jpeg(base.rotate(180), quality=90, subsampling=2, exif=exif(3)))
    write("orient-6.jpg", jpeg(base.transpose(Image.Transpose.ROTATE_90), quality=90, subsampling=2,
                               exif=exif(6)))
    odd = scene(61, 45)  # not a multiple of the 16x16 MCU: no perfect lossless transform
    write("orient-8.jpg", jpeg(odd.transpose(Image.Transpose.ROTATE_270), quality=90, subsampling=2,
                               exif=exif(8)))
    gps = jpeg(base, quality=90, subsampling=2, exif=exif(gps=True))
    write("gps-xmp-iptc.jpg", insert_after_app0(gps, segment(0xE1, XMP), segment(0xED, IPTC)))
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    write("icc.jpg", jpeg(base, quality=90, subsampling=2, exif=exif(), icc_profile=srgb))
    for q in range(80, 100):
        data = jpeg(base, quality=q, subsampling=2)
        if len(data) % 2 == 1:
            write("odd-length.jpg", data)
            break
    write("progressive.jpg", jpeg(base, quality=90, subsampling=2, progressive=True, exif=exif()))
    buf = io.BytesIO()
    base.save(buf, "PNG")
    write("photo.png", buf.getvalue())
    buf = io.BytesIO()
    scene(64, 48, "L").save(buf, "PNG")
    write("grey.png", buf.getvalue())

    # bad input
    write("empty.jpg", b"")
    good = jpeg(base, quality=90)
    write("truncated.jpg", good[: len(good) // 2])
    write("text.jpg", b"This is not a photo.\n")
    huge = bytearray(good)
    i = 2
    while True:  # patch the SOF0 dimensions to 65535 x 65535
        marker, length = huge[i + 1], struct.unpack(">H", huge[i + 2:i + 4])[0]
        if marker == 0xC0:
            huge[i + 5:i + 9] = struct.pack(">HH", 65535, 65535)
            break
        i += 2 + length
    write("huge-dimensions.jpg", bytes(huge))

    # the bundled sample: a phone-style photo, stored sideways, with GPS
    sample = scene(640, 480)
    write("sample-photo.jpg", jpeg(sample.transpose(Image.Transpose.ROTATE_90), quality=85,
                                   subsampling=2, exif=exif(6, gps=True)), folder=SAMPLES)


if __name__ == "__main__":
    main()
